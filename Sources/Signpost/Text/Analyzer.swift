/// Text analysis for indexing and for queries, as a chain of small stages (after Lucene's):
///
/// 1. ``WordBreaker`` — ICU word boundaries (UAX #29 and dictionary breaking);
/// 2. ``UnicodeFolder`` — NFKC case folding, then accent/width folding;
/// 3. apostrophes — `’` → `'`, possessive `'s` dropped (`St Mary's` → `st mary`), inner apostrophes
///    removed (`can't` → `cant`), so typed and curly apostrophes and their absence all agree;
/// 4. ``StopWords`` — a short list, never emptying a query;
/// 5. ``Stemmer`` — Snowball English.
///
/// The index and the query go through the same analyser, so they agree by construction.
///
/// ```swift
/// let analyzer = Analyzer.standard
/// analyzer.terms(in: "Connections at St Mary's Café").map(\.text)   // ["connect", "st", "mari", "cafe"]
/// ```
public struct Analyzer: Sendable {
    public let breaker: WordBreaker
    public let folder: UnicodeFolder
    public let stopWords: StopWords
    public let stemmer: Stemmer

    public init(breaker: WordBreaker = WordBreaker(), folder: UnicodeFolder = UnicodeFolder(),
                stopWords: StopWords = StopWords(), stemmer: Stemmer = Stemmer()) {
        self.breaker = breaker
        self.folder = folder
        self.stopWords = stopWords
        self.stemmer = stemmer
    }

    /// The shared English analyser.
    public static let standard = Analyzer()

    /// Stages 1-3: the words of a text, folded, with their positions and offsets.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func tokens(in text: String) -> [Token] {
        if let ascii = asciiTokens(in: text) { return ascii }
        let segments = breaker.words(in: text)
        var out: [Token] = []
        out.reserveCapacity(segments.count)
        let utf16 = text.utf16
        for segment in segments {
            let lower = utf16.index(utf16.startIndex, offsetBy: segment.range.lowerBound)
            let upper = utf16.index(lower, offsetBy: segment.range.count)
            let folded = Self.dropApostrophes(folder.fold(text[lower..<upper].utf16))
            guard !folded.isEmpty else { continue }
            out.append(Token(text: folded, range: segment.range, position: out.count, wordClass: segment.wordClass))
        }
        return out
    }

    /// Stages 1-3 for pure-ASCII text without underscores: words straight from the UTF-8 bytes
    /// (offsets equal UTF-16 offsets), lower-cased, with apostrophes handled; nil otherwise.
    ///
    /// (Each word is folded into one buffer on the stack as the text is broken: a list of the words'
    /// places and a growing key were two allocations and a check per byte, for every question.)
    ///
    /// - Complexity: O(n) in the length of the text.
    private func asciiTokens(in text: String) -> [Token]? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> [Token]? in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(1, bytes.count)) { key -> [Token]? in
                var out: [Token] = []
                // (A word and a space are at least two bytes.)
                out.reserveCapacity(bytes.count / 2 + 1)
                let done = _ASCIIWordBreaker.forEachWord(in: bytes) { segment in
                    let n = Self.foldASCIIWord(bytes, segment.range, intoBuffer: key.baseAddress!)
                    guard n > 0 else { return }
                    let folded = String(decoding: UnsafeBufferPointer(start: key.baseAddress, count: n), as: UTF8.self)
                    out.append(Token(text: folded, range: segment.range, position: out.count, wordClass: segment.wordClass))
                }
                return done ? out : nil
            }
        } ?? nil
    }

    /// Stages 2-3 for one word of pure-ASCII text, on its bytes: lower-cased into `key` (room for
    /// `range.count` bytes), a possessive `'s` dropped and other apostrophes removed (as
    /// ``dropApostrophes(_:)`` does); returns how many bytes the folded word has. The query's tokens
    /// and the index build's word table both fold words here.
    ///
    /// - Complexity: O(length of the word).
    @inline(__always)
    static func foldASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, intoBuffer key: UnsafeMutablePointer<UInt8>) -> Int {
        let quote = UInt8(ascii: "'")
        var n = 0
        var apostrophes = false
        for k in range {
            let b = bytes[k]
            if b == quote { apostrophes = true }
            key[n] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            n += 1
        }
        guard apostrophes else { return n }
        if n >= 2 && key[n - 2] == quote && key[n - 1] == UInt8(ascii: "s") { n -= 2 }
        var kept = 0
        for k in 0..<n where key[k] != quote {
            key[kept] = key[k]
            kept += 1
        }
        return kept
    }

    /// ``foldASCIIWord(_:_:intoBuffer:)`` into an array, which then holds the folded word.
    @inline(__always)
    static func foldASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into key: inout [UInt8]) {
        key.removeAll(keepingCapacity: true)
        guard !range.isEmpty else { return }
        key.append(contentsOf: repeatElement(0, count: range.count))
        let n = key.withUnsafeMutableBufferPointer { foldASCIIWord(bytes, range, intoBuffer: $0.baseAddress!) }
        key.removeLast(key.count - n)
    }

    /// Stages 4-5: stop-word removal and stemming.
    ///
    /// - Parameters:
    ///   - tokens: tokens from ``tokens(in:)``.
    ///   - removingStopWords: false to keep every word (phrase matching in the thesaurus).
    ///   - keepingAllIfEmpty: when every word is a stop word, keep them all rather than return nothing
    ///     (queries: `who` alone still searches for `who`).
    public func terms(_ tokens: [Token], removingStopWords: Bool = true, keepingAllIfEmpty: Bool = true) -> [Term] {
        var kept = removingStopWords ? tokens.filter { !stopWords.contains($0.text) } : tokens
        if kept.isEmpty && keepingAllIfEmpty { kept = tokens }
        return kept.map { Term(text: stemmer.stem($0.text), token: $0) }
    }

    /// All five stages: the terms of a text, as indexed.
    public func terms(in text: String) -> [Term] {
        terms(tokens(in: text), keepingAllIfEmpty: false)
    }

    /// The stem of one already-folded word (stage 5 alone).
    public func stem(_ folded: String) -> String { stemmer.stem(folded) }

    /// Normalises apostrophes in a folded word: possessive `'s` is dropped, other apostrophes removed.
    static func dropApostrophes(_ word: String) -> String {
        guard word.utf8.contains(where: { $0 == UInt8(ascii: "'") || $0 >= 0x80 }) else { return word }
        var scalars = String.UnicodeScalarView()
        for s in word.unicodeScalars {
            switch s {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "\u{FF07}": scalars.append("'")
            default: scalars.append(s)
            }
        }
        var w = String(scalars)
        guard w.contains("'") else { return w }
        if w.hasSuffix("'s") { w.removeLast(2) }
        w.removeAll { $0 == "'" }
        return w
    }
}

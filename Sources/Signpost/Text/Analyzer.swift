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
    private func asciiTokens(in text: String) -> [Token]? {
        guard let segments = _ASCIIWordBreaker.words(in: text) else { return nil }
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes -> [Token] in
            var out: [Token] = []
            out.reserveCapacity(segments.count)
            var key: [UInt8] = []
            key.reserveCapacity(bytes.count)
            for segment in segments {
                Self.foldASCIIWord(bytes, segment.range, into: &key)
                guard !key.isEmpty else { continue }
                let folded = String(decoding: key, as: UTF8.self)
                out.append(Token(text: folded, range: segment.range, position: out.count, wordClass: segment.wordClass))
            }
            return out
        }
    }

    /// Stages 2-3 for one word of pure-ASCII text, on its bytes: lower-cased into `key`, a
    /// possessive `'s` dropped and other apostrophes removed (as ``dropApostrophes(_:)`` does).
    /// The query's tokens and the index build's word table both fold words here.
    @inline(__always)
    static func foldASCIIWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into key: inout [UInt8]) {
        let quote = UInt8(ascii: "'")
        key.removeAll(keepingCapacity: true)
        var apostrophes = false
        for k in range {
            let b = bytes[k]
            if b == quote { apostrophes = true }
            key.append((b >= 0x41 && b <= 0x5A) ? b | 0x20 : b)
        }
        guard apostrophes else { return }
        if key.count >= 2 && key[key.count - 2] == quote && key[key.count - 1] == UInt8(ascii: "s") { key.removeLast(2) }
        key.removeAll { $0 == quote }
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

import Synchronization

/// One worker's means of preparing services: what it knows about every word it has seen (its
/// stem's number in the worker's own vocabulary, or that it is a stop word), so a build stems each
/// distinct word once per core and finds each word by its folded bytes without making a string;
/// per-stem marks that group a document's terms without hashing them again; and its own collator
/// (ICU collators are not shared between threads).
public struct AnalysisScratch {
    struct Word {
        /// The stem's number, or -1 for a stop word.
        var stem: Int32
        /// The word's own number, for counting it once per document.
        var number: Int32
    }

    /// Every word seen, by its folded UTF-8 bytes.
    private var known = WordTable<Word>()
    private var wordTexts: [String] = []
    private var stemNumbers: [String: Int32] = [:]
    /// By stem number: the stem, whether a thesaurus phrase starts with it, and the last document
    /// it was seen in with its slot there.
    private(set) var stems: [String] = []
    private(set) var startsPhrase: [Bool] = []
    private var lastDocumentOfStem: [UInt32] = []
    private var slotOfStem: [Int32] = []
    private var lastDocumentOfWord: [UInt32] = []
    private(set) var document: UInt32 = 0
    /// A word's folded bytes, made here.
    private var key: [UInt8] = []
    private let collator = try? Collator(locale: "en_GB")
    /// Tells this worker's stem numbers from another worker's, for the accumulator's cache of
    /// term ids by stem number (which checks the term's text too, so a copy of a scratch that
    /// goes its own way can only cost a cache miss).
    let vocabulary = AnalysisScratch.nextVocabulary.add(1, ordering: .relaxed).newValue

    private static let nextVocabulary = Atomic<Int>(0)

    public init() {}

    /// A name's collation key (lower-cased UTF-8 if ICU has no collator for the locale).
    func sortKey(_ name: String) -> [UInt8] { collator?.sortKey(name) ?? Array(name.lowercased().utf8) }

    /// Starts the next document.
    mutating func nextDocument() { document &+= 1 }

    /// The words of `text` that are not stop words, in order, as ``Analyzer/tokens(in:)`` finds and
    /// folds them. Pure-ASCII text is broken and lower-cased here, straight into the key the word
    /// is found by; other text goes through the analyser's tokens.
    ///
    /// - Complexity: O(n) in the length of the text: one probe per word; the first time a word is
    ///   seen, the stop-word check, stemming and phrase check.
    mutating func words(in text: String, analyzer: Analyzer, phrases: PhraseMatcher, into out: inout [Word]) {
        out.removeAll(keepingCapacity: true)
        var text = text
        text.makeContiguousUTF8()
        let wasASCII = text.utf8.withContiguousStorageIfAvailable { bytes in
            _ASCIIWordBreaker.forEachWord(in: bytes) { segment in
                Analyzer.foldASCIIWord(bytes, segment.range, into: &key)
                guard !key.isEmpty else { return }
                let w = word(forKey: analyzer, phrases)
                if w.stem >= 0 { out.append(w) }
            }
        } ?? false
        if wasASCII { return }
        for token in analyzer.tokens(in: text) {
            key.removeAll(keepingCapacity: true)
            key.append(contentsOf: token.text.utf8)
            let w = word(forKey: analyzer, phrases)
            if w.stem >= 0 { out.append(w) }
        }
    }

    /// What the word in `key` is, learning it the first time.
    private mutating func word(forKey analyzer: Analyzer, _ phrases: PhraseMatcher) -> Word {
        let hash = key.withUnsafeBufferPointer { WordTableHash.of($0) }
        if let w = key.withUnsafeBufferPointer({ known.find($0, hash: hash) }) { return w }
        let text = String(decoding: key, as: UTF8.self)
        var w = Word(stem: -1, number: -1)
        if !analyzer.stopWords.contains(text) {
            let stem = analyzer.stem(text)
            if let n = stemNumbers[stem] { w.stem = n } else {
                w.stem = Int32(stems.count)
                stemNumbers[stem] = w.stem
                stems.append(stem)
                startsPhrase.append(!phrases.isEmpty && phrases.startsPhrase(stem))
                lastDocumentOfStem.append(0)
                slotOfStem.append(0)
            }
            w.number = Int32(lastDocumentOfWord.count)
            lastDocumentOfWord.append(0)
            wordTexts.append(text)
        }
        key.withUnsafeBufferPointer { known.insert($0, hash: hash, w) }
        return w
    }

    /// The folded text of a word (not a stop word).
    func text(ofWord number: Int32) -> String { wordTexts[Int(number)] }

    /// Whether this is the word's first use in the current document (marking it used).
    mutating func firstUse(ofWord number: Int32) -> Bool {
        let k = Int(number)
        guard lastDocumentOfWord[k] != document else { return false }
        lastDocumentOfWord[k] = document
        return true
    }

    /// The stem's slot among the current document's terms, or nil the first time (then `slot` is recorded).
    mutating func slot(ofStem number: Int32, newSlot: Int) -> Int? {
        let k = Int(number)
        if lastDocumentOfStem[k] == document { return Int(slotOfStem[k]) }
        lastDocumentOfStem[k] = document
        slotOfStem[k] = Int32(newSlot)
        return nil
    }
}

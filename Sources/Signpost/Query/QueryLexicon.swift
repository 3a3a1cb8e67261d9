/// What the query parser knows about every word it expects to meet — the directory's words, the
/// stop words and fillers, and the words of places, needs and times — worked out once when the
/// parser is built, so that understanding a query costs one dictionary lookup per typed word
/// instead of one per question asked of it (is it a stop word, a time word, its stem, its term
/// number, does a place or a need start with it ...).
///
/// A word that is not here is answered the slow way (the same answers, looked up one by one).
struct QueryLexicon: Sendable {
    /// The facts about one folded word.
    struct Entry: Sendable {
        /// Its stem (the analyser's stemmer).
        var stem: String
        /// The stem's term number in the snapshot the lexicon was built for (-1: no service has it).
        var stemTerm: Int32
        var flags: Flags
        /// The stem's number among the words of the needs' phrases (-1: in none; ``ConceptRecognizer/wordID(_:)``;
        /// -1 for a stop word that phrases leave out).
        var needWord: Int32

        /// Whether the word is read for needs' phrases: every word but the stop words phrases leave out.
        @inline(__always)
        var mayBeInNeedPhrase: Bool { needWord >= 0 || !flags.contains(.stop) }
    }

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// The speller knows it (so it is never corrected).
        static let known = Flags(rawValue: 1 << 0)
        static let stop = Flags(rawValue: 1 << 1)
        /// A word that carries no meaning in a search box (``QueryParser/filler``).
        static let filler = Flags(rawValue: 1 << 2)
        /// One of ``TimeExpressions/vocabulary``.
        static let timeVocabulary = Flags(rawValue: 1 << 3)
        /// ``TimeExpressions/canSayTime(_:)``.
        static let canSayTime = Flags(rawValue: 1 << 4)
        /// A place name starts with it.
        static let startsPlace = Flags(rawValue: 1 << 5)
        /// It could be the first half of a one-word place name typed as two words.
        static let startsJoinedPlace = Flags(rawValue: 1 << 6)
        /// Its stem starts a phrase of a need.
        static let startsNeed = Flags(rawValue: 1 << 7)
        /// It names a language a question may ask for (``Languages/namedInQuestion(_:)``).
        static let languageName = Flags(rawValue: 1 << 8)
        /// A need's two words written as one (`foodbank`: ``QueryParser/compoundParts(of:)``).
        static let needCompound = Flags(rawValue: 1 << 9)
    }

    /// (By the words' bytes: a `[String: Entry]` hashed each typed word with SipHash, five times the
    /// instructions of the table's lookup.)
    private let entries: WordTable<Entry>
    /// The snapshot whose term numbers `stemTerm` holds (nil: none). Held, not merely identified,
    /// so that another snapshot can never be taken for it.
    private let snapshot: _SnapshotColumns?

    /// An empty lexicon: every word is looked up the slow way.
    init() {
        entries = WordTable()
        snapshot = nil
    }

    /// - Parameters:
    ///   - stems: every word to know, with its stem.
    ///   - snapshot: when given, each stem's term number in it is recorded.
    init(stems: [String: String], analyzer: Analyzer, speller: Speller, places: PlaceRecognizer,
         concepts: ConceptRecognizer, filler: Set<String>, snapshot: IndexSnapshot?) {
        var entries = WordTable<Entry>()
        for (word, stem) in stems {
            entries.insert(word, Self.entry(word, stem: stem, analyzer: analyzer, speller: speller, places: places,
                                            concepts: concepts, filler: filler, snapshot: snapshot))
        }
        self.entries = entries
        self.snapshot = snapshot?.columns
    }

    /// The facts about one word, asked one by one: what the lexicon holds for the words it knows, and
    /// what the parser works out for any other word it meets.
    static func entry(_ word: String, stem: String, analyzer: Analyzer, speller: Speller, places: PlaceRecognizer,
                      concepts: ConceptRecognizer, filler: Set<String>, snapshot: IndexSnapshot?) -> Entry {
        var f: Flags = []
        if speller.isKnown(word) { f.insert(.known) }
        if analyzer.stopWords.contains(word) { f.insert(.stop) }
        if filler.contains(word) { f.insert(.filler) }
        if TimeExpressions.vocabulary.contains(word) { f.insert(.timeVocabulary) }
        if TimeExpressions.canSayTime(word) { f.insert(.canSayTime) }
        if places.startsName(word) { f.insert(.startsPlace) }
        if places.startsJoinedName(word) { f.insert(.startsJoinedPlace) }
        if concepts.startsPhrase(stem) { f.insert(.startsNeed) }
        if Languages.namedInQuestion(word) != nil { f.insert(.languageName) }
        if f.contains(.startsNeed), word.utf8.count >= 6,
           QueryParser.compoundParts(of: word, speller: speller, concepts: concepts, lexicon: nil, analyzer: analyzer) != nil {
            f.insert(.needCompound)
        }
        // A stop word is a word of a need's phrase only when phrases keep it (`want`): `have`, the stem of a
        // phrase's `having`, would otherwise split a phrase typed around it.
        let leftOut = f.contains(.stop) && !ConceptRecognizer.stopWordsKeptInPhrases.contains(word)
        return Entry(stem: stem, stemTerm: snapshot?.termID(stem) ?? -1, flags: f, needWord: leftOut ? -1 : concepts.wordID(stem))
    }

    /// The entry for a folded word, or nil when the word is not in the lexicon.
    ///
    /// - Complexity: one hash lookup.
    @inline(__always)
    subscript(word: String) -> Entry? { entries.find(word) }

    /// Whether `stemTerm` numbers are those of this snapshot.
    @inline(__always)
    func numbersTerms(of snapshot: IndexSnapshot) -> Bool {
        self.snapshot === snapshot.columns
    }
}

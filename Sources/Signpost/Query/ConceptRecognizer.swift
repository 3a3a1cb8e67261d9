/// Recognises kinds of help in the words of a query, using the thesaurus: longest phrase first
/// (`food parcels` before `food`), a direct name counting fully and an everyday word half.
public struct ConceptRecognizer: Sendable {
    /// What it knows, behind one reference: a parser, and each search that asks about a need, copy a
    /// recogniser, and each copy retained and released every one of its tables (the phrase matcher
    /// alone holds seven arrays).
    private final class Parts: Sendable {
        let thesaurus: Thesaurus
        let matcher: PhraseMatcher
        /// Per phrase: the concepts it points at and how strongly.
        let targets: [[(concept: Int, strength: Double, direct: Bool)]]
        /// Per concept: its phrases as index terms (a stem, or stems of a phrase joined by a space).
        let expansionTerms: [[(term: String, display: String)]]
        /// Concept id to its position in the thesaurus.
        let indexByID: [String: Int]
        /// Per concept: a need with its id, label and categories filled in, copied for each query that names it.
        let templates: [RecognisedNeed]
        /// Per concept: how many of its expansion terms are its own phrases' (the first ones); the rest are its
        /// kind of help's, which an everyday phrasing (`lay-...`) also takes.
        let ownExpansionCounts: [Int]

        init(thesaurus: Thesaurus, matcher: PhraseMatcher, targets: [[(concept: Int, strength: Double, direct: Bool)]],
             expansionTerms: [[(term: String, display: String)]], indexByID: [String: Int], templates: [RecognisedNeed],
             ownExpansionCounts: [Int]) {
            self.thesaurus = thesaurus
            self.matcher = matcher
            self.targets = targets
            self.expansionTerms = expansionTerms
            self.indexByID = indexByID
            self.templates = templates
            self.ownExpansionCounts = ownExpansionCounts
        }
    }

    private let parts: Parts
    public var thesaurus: Thesaurus { parts.thesaurus }
    /// Per concept: its phrases as index terms (a stem, or stems of a phrase joined by a space).
    public var expansionTerms: [[(term: String, display: String)]] { parts.expansionTerms }

    /// Strength of a word that names a need directly, and of an everyday word that suggests it.
    public static let directStrength = 1.0
    public static let relatedStrength = 0.5

    public init(thesaurus: Thesaurus, analyzer: Analyzer) {
        var m = PhraseMatcher()
        var targets: [[(Int, Double, Bool)]] = []
        var expansions: [[(String, String)]] = []
        for (ci, c) in thesaurus.concepts.enumerated() {
            var exp: [(String, String)] = []
            for (list, strength, direct) in [(c.phrases, Self.directStrength, true), (c.related, Self.relatedStrength, false)] {
                for p in list {
                    let stems = Self.phraseStems(p, analyzer: analyzer)
                    guard !stems.isEmpty else { continue }
                    let idx = m.add(stems)
                    while targets.count <= idx { targets.append([]) }
                    if !targets[idx].contains(where: { $0.0 == ci }) { targets[idx].append((ci, strength, direct)) }
                    if direct {
                        let term = TextPipeline.phraseTerm(stems[...])
                        if !exp.contains(where: { $0.0 == term }) { exp.append((term, p)) }
                    }
                }
            }
            expansions.append(exp)
        }
        // An everyday phrasing of one kind of help (`lay-...`: `my husband hits me`) names no words a
        // service uses; it is also expanded by that kind of help's words, so that services about it rank
        // above others merely filed there (every result tied, in name order). (Not a phrasing of several
        // kinds, `money worries`: their words would favour whichever kind has more.)
        let direct = expansions
        let own = expansions.map(\.count)
        for (ci, c) in thesaurus.concepts.enumerated() where c.id.hasPrefix("lay-") && c.categories.count == 1 {
            for (di, d) in thesaurus.concepts.enumerated() where !d.id.hasPrefix("lay-") && !d.categories.isEmpty
                && d.categories.allSatisfy(c.categories.contains) {
                for e in direct[di] where !expansions[ci].contains(where: { $0.0 == e.0 }) { expansions[ci].append(e) }
            }
        }
        var byID: [String: Int] = [:]
        for (i, c) in thesaurus.concepts.enumerated() where byID[c.id] == nil { byID[c.id] = i }
        let templates = thesaurus.concepts.enumerated().map { i, c in
            RecognisedNeed(concept: c.id, label: c.label, categories: c.categories, strength: 0, words: [], isDirect: false,
                           conceptIndex: i)
        }
        parts = Parts(thesaurus: thesaurus, matcher: m, targets: targets, expansionTerms: expansions, indexByID: byID, templates: templates,
                      ownExpansionCounts: own)
    }

    /// Stop words that a need's phrase keeps, because the phrase means something else without them:
    /// `want to die` is a crisis, but without `want` it was `die`, the stem of `died` (bereavement).
    /// The query parser reads them as words of a need's phrase (and searches them no more than before).
    static let stopWordsKeptInPhrases: Set<String> = ["want", "wants"]

    /// A phrase's stems as needs are matched: the analyser's terms, with ``stopWordsKeptInPhrases``.
    static func phraseStems(_ phrase: String, analyzer: Analyzer) -> [String] {
        analyzer.tokens(in: phrase)
            .filter { !analyzer.stopWords.contains($0.text) || stopWordsKeptInPhrases.contains($0.text) }
            .map { analyzer.stem($0.text) }
    }

    /// Every word of every phrase (for spelling correction), folded but not stemmed.
    public func vocabulary(analyzer: Analyzer) -> Set<String> {
        var s = Set<String>()
        for c in parts.thesaurus.concepts { for p in c.phrases + c.related { for t in analyzer.tokens(in: p) { s.insert(t.text) } } }
        return s
    }

    /// The needs named by a sequence of stems; `words` are the same words as typed, for display.
    ///
    /// - Parameter starts: when given, the positions whose stem starts a phrase (``startsPhrase(_:)``),
    ///   so that no other position is looked up; the result is the same.
    public func recognise(stems: [String], words: [String], starts: WordPositions? = nil) -> [RecognisedNeed] {
        recognise(count: stems.count, wordID: { parts.matcher.wordID(stems[$0]) }, word: { words[$0] }, starts: starts)
    }

    /// ``recognise(stems:words:starts:)`` of `count` words given one by one, by their numbers
    /// (``wordID(_:)``) and as typed: the query parser reads them from its lexicon's entries (two lists
    /// made for every question were only read here), no string hashed.
    func recognise(count: Int, wordID: (Int) -> Int32, word: (Int) -> String, starts: WordPositions? = nil) -> [RecognisedNeed] {
        // Few needs per query: a list searched by concept index, not a dictionary.
        var needs: [RecognisedNeed] = []
        parts.matcher.forEachLongestMatch(count: count, minimumLength: 1, starts: starts, word: wordID) { match in
            let said = match.end - match.start == 1 ? word(match.start) : Wording.spaced((match.start..<match.end).map(word)[...])
            let isPhrase = match.end - match.start >= 2
            for t in parts.targets[match.phrase] {
                if let k = needs.firstIndex(where: { $0.conceptIndex == t.concept }) {
                    needs[k].strength += t.strength
                    needs[k].isDirect = needs[k].isDirect || t.direct
                    if !needs[k].words.contains(said) { needs[k].words.append(said) }
                    needs[k].positions.formUnion(match.start..<match.end)
                    if isPhrase { needs[k].phrasePositions.formUnion(match.start..<match.end) }
                } else {
                    // (Made from the template's fields, not a copy of it changed: a copy retained its six
                    // references and released three as they were replaced.)
                    let positions = WordPositions(match.start..<match.end)
                    // (Room for four at the first: a need is some hundred bytes, and the list's first
                    // buffer, sized by what the allocator gave, held one or two, so a second need copied it.)
                    if needs.isEmpty { needs.reserveCapacity(4) }
                    needs.append(RecognisedNeed(concept: parts.templates[t.concept].concept, label: parts.templates[t.concept].label,
                                                categories: parts.templates[t.concept].categories, strength: t.strength, words: [said],
                                                isDirect: t.direct, positions: positions,
                                                phrasePositions: isPhrase ? positions : WordPositions(), conceptIndex: t.concept))
                }
            }
        }
        // A need that leads, named directly, makes the others say what it is about (they count as
        // everyday words): `volunteer at a food bank` is volunteering first.
        if needs.count > 1, needs.contains(where: { $0.isDirect && parts.thesaurus.concepts[$0.conceptIndex].leads }) {
            for k in needs.indices where !parts.thesaurus.concepts[needs[k].conceptIndex].leads {
                needs[k].strength = min(needs[k].strength, Self.relatedStrength)
            }
        }
        // Strongest first (in place: a stable sort, as `sorted` is).
        needs.sort { $0.strength > $1.strength }
        return needs
    }

    /// The phrase matches (longest first) in a sequence of stems, without interpreting them.
    public func phraseMatches(stems: [String], starts: WordPositions? = nil) -> [PhraseMatcher.Match] {
        parts.matcher.longestMatches(in: stems, starts: starts)
    }

    /// The matches of ``phraseMatches(stems:starts:)`` of `count` words given one by one, by their numbers
    /// (``wordID(_:)``), handed to `body` in order (no list made).
    func forEachPhraseMatch(count: Int, starts: WordPositions? = nil, wordID: (Int) -> Int32, _ body: (PhraseMatcher.Match) -> Void) {
        parts.matcher.forEachLongestMatch(count: count, minimumLength: 1, starts: starts, word: wordID, body)
    }

    /// The number of a stem among the words of the needs' phrases (-1: in none), which
    /// ``recognise(count:wordID:word:starts:)`` reads.
    func wordID(_ stem: String) -> Int32 { parts.matcher.wordID(stem) }

    /// Whether two stems make a need's phrase of two words (`mental` `health`).
    public func isPhrase(_ first: String, _ second: String) -> Bool {
        parts.matcher.isPhrase(first, second)
    }

    /// Whether some phrase of a need starts with this stem.
    public func startsPhrase(_ stem: String) -> Bool { parts.matcher.startsPhrase(stem) }

    /// The share of a need's expansion weight that the `k`th of concept `ci`'s expansion terms carries: its
    /// own phrases' terms all of it, the terms an everyday phrasing takes from its kind of help
    /// ``inheritedExpansionShare`` (`i want to die` ranked talking therapies, by `therapy` and `anxiety`, above
    /// crisis services that say `suicide`).
    func expansionShare(_ ci: Int, _ k: Int) -> Float { k < parts.ownExpansionCounts[ci] ? 1 : Self.inheritedExpansionShare }
    static let inheritedExpansionShare: Float = 0.5

    /// The index of a concept by id.
    public func index(of concept: String) -> Int? { parts.indexByID[concept] }

    /// The index of a recognised need's concept: the one it carries when it names the same concept
    /// here (this recogniser made it), else looked up by id.
    /// (Inlined: called out of line, each caller copied the need to pass it, its lists and strings
    /// retained and released, a dozen atomic operations a question.)
    @inline(__always)
    public func index(of need: RecognisedNeed) -> Int? {
        let i = need.conceptIndex
        if i >= 0, i < parts.templates.count, parts.templates[i].concept == need.concept { return i }
        return parts.indexByID[need.concept]
    }
}

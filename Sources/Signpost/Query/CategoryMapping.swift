/// Which of the thesaurus's category codes a directory's category stands for: its own code when the
/// thesaurus uses it, otherwise the codes whose needs' words cover most of its name ("Digital skills
/// & IT access" is digital skills, not access; a spreadsheet's "Food Banks" is `food-bank`).
///
/// One definition for the searcher, which maps a snapshot's categories to needs with it, and for the
/// import checks, which say when a category (`Food Bnak`, `Knitting`) is one no need can find.
struct CategoryMapping: Sendable {
    /// Every code the thesaurus uses, in order, and for each the phrases of the concepts that own it.
    let codes: [String]
    private let matchers: [PhraseMatcher]
    private let analyzer: Analyzer
    /// Every code the thesaurus uses.
    let knownCodes: Set<String>

    init(thesaurus: Thesaurus, analyzer: Analyzer) {
        let concepts = thesaurus.concepts
        var all: [String] = []
        for c in concepts { for code in c.categories where !all.contains(code) { all.append(code) } }
        codes = all
        knownCodes = Set(all)
        self.analyzer = analyzer
        matchers = codes.map { code in
            var m = PhraseMatcher()
            for c in concepts where c.categories == [code] || c.id == code {
                for p in [c.label] + c.phrases + c.related { let s = analyzer.terms(in: p).map(\.text); if !s.isEmpty { m.add(s) } }
            }
            return m
        }
    }

    /// The indices (into ``codes``) of the codes whose phrases cover most of the name's words; empty
    /// when no phrase covers any of them.
    ///
    /// - Complexity: O(codes × words of the name × longest phrase).
    func bestCodes(forName name: String) -> [Int] {
        let stems = analyzer.terms(in: name).map(\.text)
        var covered = [Int](repeating: 0, count: codes.count)
        for (k, m) in matchers.enumerated() where !m.isEmpty {
            var hit = Set<Int>()
            for match in m.longestMatches(in: stems) { hit.formUnion(match.start..<match.end) }
            covered[k] = hit.count
        }
        guard let best = covered.max(), best > 0 else { return [] }
        return covered.indices.filter { covered[$0] == best }
    }

    /// Whether a need can find a category: by its code, or by its name's words.
    func isFound(code: String, name: String) -> Bool {
        knownCodes.contains(code) || !bestCodes(forName: name).isEmpty
    }
}

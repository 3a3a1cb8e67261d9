/// The analyser together with the thesaurus phrases: what both the index and the query parser
/// need to turn text into terms, so that the two agree by construction.
public struct TextPipeline: Sendable {
    public let analyzer: Analyzer
    /// Multi-word phrases from the thesaurus, as stem sequences (indexed as phrase terms).
    public let phrases: PhraseMatcher

    public init(analyzer: Analyzer = .standard, thesaurus: Thesaurus) {
        self.analyzer = analyzer
        var m = PhraseMatcher()
        for c in thesaurus.concepts {
            for p in c.phrases + c.related {
                let stems = analyzer.terms(in: p).map(\.text)
                if stems.count >= 2 { m.add(stems) }
            }
        }
        phrases = m
    }

    /// The name of the phrase term for a stem sequence (`food parcel`).
    public static func phraseTerm(_ stems: ArraySlice<String>) -> String { stems.joined(separator: " ") }
}

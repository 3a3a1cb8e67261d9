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

    /// A short fingerprint of what indexing depends on: the analyser's stages and the phrases.
    public var fingerprint: String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ s: String) { for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }; h = (h ^ 0xFF) &* 0x100_0000_01B3 }
        mix("analyzer-1 \(analyzer.stemmer.language)")
        for (k, v) in analyzer.stemmer.overrides.sorted(by: { $0.key < $1.key }) { mix(k); mix(v) }
        for w in analyzer.stopWords.words.sorted() { mix(w) }
        for p in phrases.phrases { mix(p.joined(separator: " ")) }
        return String(h, radix: 16)
    }

    /// The name of the phrase term for a stem sequence (`food parcel`).
    public static func phraseTerm(_ stems: ArraySlice<String>) -> String { Wording.spaced(stems) }
}

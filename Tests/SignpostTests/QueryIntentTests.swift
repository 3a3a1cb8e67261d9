import Testing
@testable import Signpost

/// An intent keeps its parts behind one shared reference, copied on write: copies must still behave as
/// independent values, and equality and hashing must still be those of the parts.
@Suite("Query intent as a value")
struct QueryIntentTests {
    @Test func aChangedCopyLeavesTheOriginalAsItWas() {
        var original = QueryIntent(text: "food bank")
        original.languages = ["Polish"]
        original.ages = 15...15
        var copy = original
        copy.languages.append("Arabic")
        copy.corrections.append(Correction(from: "bnak", to: "bank"))
        copy.spans[.language] = [10..<16]
        copy.walkIn = true
        #expect(original.languages == ["Polish"])
        #expect(original.corrections.isEmpty)
        #expect(original.spans[.language] == nil)
        #expect(!original.walkIn)
        #expect(copy.languages == ["Polish", "Arabic"])
        #expect(copy.ages == 15...15)

        // And the other way round: changing the original leaves an earlier copy alone.
        let before = original
        original.text = "debt advice"
        original.needs = []
        #expect(before.text == "food bank")
        #expect(original.text == "debt advice")
        #expect(before != original)
    }

    @Test func equalPartsAreEqualAndHashAlike() {
        var a = QueryIntent(text: "warm space")
        a.walkIn = true
        a.unknownPlaces = ["Bradford"]
        var b = QueryIntent(text: "warm space")
        b.unknownPlaces = ["Bradford"]
        b.walkIn = true
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        b.noReferral = true
        #expect(a != b)
    }

    @Test func aParsedIntentCopiedAndChangedKeepsTheParse() {
        let searcher = Fixtures.leeds.searcher
        let parsed = searcher.parser.parse("food bank in Armley open Saturday", now: 0, snapshot: searcher.snapshot)
        var changed = parsed
        changed.place = nil
        changed.searchTerms.removeAll()
        #expect(parsed.place?.label == "in Armley")
        #expect(!parsed.searchTerms.isEmpty)
        #expect(parsed.needs.map(\.concept) == changed.needs.map(\.concept))
        #expect(parsed != changed)
    }
}

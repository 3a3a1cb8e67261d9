import Testing
@testable import Signpost

/// The speller on its own: which words it corrects, to what, and the ties it breaks. (The parser's
/// use of it, with places and needs, is in QueryIntentTests.)
@Suite struct SpellerTests {
    static let speller = Speller(
        vocabulary: ["evening": 50, "evenings": 2, "committee": 4, "cafés": 3, "benefits": 9, "befriending": 6,
                     "open": 100, "bereavement": 5, "rare": 1, "allotments": 1],
        domainWords: ["today", "open", "food"],
        protectedWords: ["oven", "toady"])

    /// Completions of a word typed in part: known words that start with it, most used first, never
    /// the word itself; none for a prefix that no word has (the last word of a question is completed
    /// as it is typed).
    @Test func completionsAreTheMostUsedWordsStartingWithAPrefix() {
        #expect(Self.speller.completions(of: "even") == ["evening", "evenings"])
        #expect(Self.speller.completions(of: "even", limit: 1) == ["evening"])
        #expect(Self.speller.completions(of: "evening") == ["evenings"])
        #expect(Self.speller.completions(of: "be") == ["benefits", "befriending", "bereavement"])
        #expect(Self.speller.completions(of: "zzzz").isEmpty)
        #expect(Self.speller.completions(of: "").isEmpty)
    }

    @Test func aKnownWordIsNeverChanged() {
        #expect(Self.speller.correction(for: "evening") == nil)
        #expect(Self.speller.correction(for: "food") == nil)
        #expect(Self.speller.isKnown("cafés") && !Self.speller.isKnown("cafes"))
        #expect(Self.speller.isDomainWord("today") && !Self.speller.isDomainWord("evening"))
    }

    @Test func oneEditUpToEightLettersTwoFromNine() {
        #expect(Self.speller.correction(for: "benefts") == "benefits")      // one letter left out
        #expect(Self.speller.correction(for: "comittee") == "committee")    // repeated letters, one left out
        #expect(Self.speller.correction(for: "berevment") == "bereavement") // nine letters, two left out
        #expect(Self.speller.correction(for: "bnfits") == nil)              // six letters, two left out: too far
    }

    @Test func shortWordsGoOnlyToDomainWordsAndThreeLettersNotAtAll() {
        #expect(Self.speller.correction(for: "foox") == "food")   // four letters, a domain word
        #expect(Self.speller.correction(for: "rars") == nil)      // four letters, not a domain word (and too rare)
        #expect(Self.speller.correction(for: "fod") == nil)
        #expect(Self.speller.correction(for: "fod", short: true) == "food")
    }

    @Test func aWordUsedByOneServiceIsKnownButNoTarget() {
        #expect(Self.speller.correction(for: "alotments") == nil)
        #expect(Self.speller.isKnown("allotments") && Self.speller.correction(for: "allotments") == nil)
    }

    @Test func aWordWithTheSameLettersComesBeforeAMoreUsedOne() {
        // `eveninsg` is one edit from both; `evenings` has its letters, `evening` is more used.
        #expect(Self.speller.correction(for: "eveninsg") == "evenings")
        #expect(Speller.sameBytes(Array("eveninsg".utf8), "evenings"))
        #expect(!Speller.sameBytes(Array("eveninsg".utf8), "evening"))
        #expect(!Speller.sameBytes(Array("abcd".utf8), "abce"))
    }

    @Test func correctWordsAreChangedOnlyForTwoLettersSwapped() {
        #expect(Self.speller.correction(for: "oven") == nil)           // not `open`
        #expect(Self.speller.correction(for: "toady") == "today")      // the same letters, a domain word
        #expect(Self.speller.correction(for: "oven", ignoringProtection: true) == "open")
    }

    @Test func wordsBeyondASCIIAndASCIIWordsMeetingThem() {
        #expect(Self.speller.correction(for: "cafes") == "cafés")      // typed without the accent
        #expect(Self.speller.correction(for: "cafész") == "cafés")     // typed with it, a letter too many
    }

    @Test func wordsWithDigitsOrSignsAreLeftAlone() {
        #expect(Self.speller.correction(for: "ls12x") == nil)
        #expect(Self.speller.correction(for: "benefits!") == nil)
    }

    @Test func onlyAndPreferringChooseAmongCandidates() {
        #expect(Self.speller.correction(for: "evenigns", only: { $0 == "evening" }) == "evening")
        #expect(Self.speller.correction(for: "eveninsg", preferring: { $0 == "evening" }) == "evenings") // letters first
    }
}

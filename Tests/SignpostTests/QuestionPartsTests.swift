import Testing
@testable import Signpost

/// The parts of a question read apart from its need, place and time: ages, languages and how to get the
/// help, each on its own (the parser's own tests read them through whole questions).
@Suite("Ages, languages and referral in a question")
struct QuestionPartsTests {
    let parser = Fixtures.leeds.searcher.parser

    func words(_ text: String) -> [String] { parser.analyzer.tokens(in: text).map(\.text) }

    func ages(_ text: String, hyphens: WordPositions = []) -> [(ClosedRange<Int>, [Int])] {
        let w = words(text)
        return AgeExpressions.find(w, skipping: [], protected: [], hyphens: hyphens, concepts: parser.concepts,
                                   stem: { parser.stem(w[$0]) }).map { ($0.ages, $0.positions) }
    }

    @Test func agesSaidInTheWaysPeopleSayThem() {
        #expect(ages("my son is 15").map(\.0) == [15...15] && ages("my son is 15").first?.1 == [1, 2, 3])
        #expect(ages("for a 15 year old").map(\.0) == [15...15])
        #expect(ages("16-25 year olds", hyphens: [1]).map(\.0) == [16...25])
        #expect(ages("aged 5 to 11").map(\.0) == [5...11])
        #expect(ages("over 65s").map(\.0) == [65...120])
        #expect(ages("under 18 years old").map(\.0) == [0...17] && ages("under 18 years old").first?.1 == [0, 1, 2, 3])
        // A need's phrase is no age: `under 5s` are toddler groups, `over 60s` lunch clubs.
        #expect(ages("under 5s").isEmpty && ages("over 60s lunch").isEmpty)
        #expect(ages("6 months old").map(\.0) == [0...0])
        #expect(ages("I'm 70").map(\.0) == [70...70])
        // Ages listed after `aged` are the range from the youngest to the oldest (the 7-year-old was left out).
        #expect(ages("kids aged 4 and 7").map(\.0) == [4...7] && ages("kids aged 4 and 7").first?.1 == [1, 2, 3, 4])
        #expect(ages("aged 9, 4 and 7").map(\.0) == [4...9])
        #expect(ages("kids aged 4 and 7 years old").map(\.0) == [4...7] && ages("kids aged 4 and 7 years old").first?.1 == [1, 2, 3, 4, 5, 6])
        #expect(ages("mum aged 70 and 2 days a week").map(\.0) == [70...70])
        // Two ages said apart are both found (the parser then takes neither).
        #expect(ages("mum aged 19 with a 2 year old").map(\.0) == [19...19, 2...2])
    }

    @Test func numbersThatCountSomethingElseAreNoAge() {
        #expect(ages("he's 3 months behind on rent").isEmpty)
        #expect(ages("she's 20 weeks pregnant").isEmpty)
        #expect(ages("food bank for a family of 5").isEmpty)
        // A word taken by something else (a time) is not read again.
        let w = words("aged 9")
        #expect(AgeExpressions.find(w, skipping: [1], protected: [], hyphens: [], concepts: parser.concepts,
                                    stem: { parser.stem(w[$0]) }).isEmpty)
    }

    func referral(_ text: String, skipping: WordPositions = []) -> ReferralExpressions.Found {
        ReferralExpressions.find(words(text), skipping: skipping)
    }

    @Test func howToGetTheHelp() {
        let none = referral("food bank no referral needed")
        #expect(none.noReferral && !none.walkIn && none.positions == WordPositions(2...4))
        #expect(referral("without a voucher").noReferral)
        #expect(referral("dont need a referral").noReferral)
        #expect(referral("self refer counselling").noReferral && referral("self refer counselling").positions == [0, 1])
        let walkIn = referral("advice without an appointment")
        #expect(walkIn.walkIn && !walkIn.noReferral && walkIn.positions == WordPositions(1...3))
        #expect(!referral("no food in the house").noReferral && referral("no food in the house").positions.isEmpty)
        // Words of a need's phrase, passed as taken, are not read.
        #expect(!referral("no referral needed", skipping: [0, 1]).noReferral)
    }

    func languages(_ text: String) -> LanguageExpressions.Found {
        let w = words(text)
        let names = WordPositions(w.indices.filter { Languages.namedInQuestion(w[$0]) != nil })
        return LanguageExpressions.find(w, names: names, skipping: [], protected: [])
    }

    @Test func languagesAskedFor() {
        #expect(languages("counselling in Arabic").languages == ["Arabic"] && languages("counselling in Arabic").positions == [1, 2])
        #expect(languages("speaks only Romanian").languages == ["Romanian"] && languages("speaks only Romanian").positions == [0, 1, 2])
        #expect(languages("debt advice in Urdu or Punjabi").languages == ["Urdu", "Punjabi"])
        // The interpreter asked for stays a word to search; the language's cue word after it would not.
        #expect(languages("Urdu interpreter").positions == [0] && languages("Polish speaking").positions == [0, 1])
        // A language's name alone is no language asked for.
        #expect(languages("Somali community group").languages.isEmpty)
    }
}

import Testing
@testable import Signpost

/// The small pieces of English messages share, against what the standard library makes.
@Suite("Wording")
struct WordingTests {
    /// The query path's join gives the standard library's result, for none, one and many items,
    /// long and non-ASCII ones included.
    @Test(arguments: [[], [""], ["Armley"], ["Armley", "Bramley & Stanningley"], ["a", "", "b"],
                      ["Kirkstall", "Headingley & Hyde Park", "Weetwood", "Little London & Woodhouse", "Calverley & Farsley",
                       "Bramley & Stanningley", "Armley", "Beeston & Holbeck"],
                      ["Café", "naïve", "東京", "😀"]])
    func joinedAsTheStandardLibraryJoins(items: [String]) {
        for separator in [", ", " ", " or ", ""] {
            #expect(Wording.joined(items, separator: separator) == items.joined(separator: separator))
            #expect(Wording.joined(items[...], separator: separator) == items.joined(separator: separator))
        }
        #expect(Wording.spaced(items[...]) == items.joined(separator: " "))
    }

    @Test func listsSayAnd() {
        #expect(Wording.list([]) == "")
        #expect(Wording.list(["Armley"]) == "Armley")
        #expect(Wording.list(["Armley", "Bramley"]) == "Armley and Bramley")
        #expect(Wording.list(["Armley", "Bramley", "Farnley"]) == "Armley, Bramley and Farnley")
    }
}

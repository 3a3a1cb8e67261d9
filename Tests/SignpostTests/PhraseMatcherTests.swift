import Testing
@testable import Signpost

/// The phrase matcher (a trie over numbered words, its edges in a table of its own) against a plain
/// reading of what it promises: the phrases themselves, compared word by word.
@Suite("Phrase matcher")
struct PhraseMatcherTests {
    /// Every match at every position, found by comparing each phrase with the words there.
    private func naiveAll(_ stems: [String], _ phrases: [[String]: Int], minimumLength: Int) -> [PhraseMatcher.Match] {
        var out: [PhraseMatcher.Match] = []
        for i in stems.indices {
            // In order of length, as a walk down the trie finds them.
            for length in 1...max(1, stems.count - i) where length >= minimumLength {
                if let p = phrases[Array(stems[i..<(i + length)])] {
                    out.append(PhraseMatcher.Match(start: i, end: i + length, phrase: p))
                }
            }
        }
        return out
    }

    /// The longest match at each position, left to right, skipping what a match covered.
    private func naiveLongest(_ stems: [String], _ phrases: [[String]: Int]) -> [PhraseMatcher.Match] {
        let all = naiveAll(stems, phrases, minimumLength: 1)
        var out: [PhraseMatcher.Match] = []
        var i = 0
        while i < stems.count {
            if let m = all.filter({ $0.start == i }).max(by: { $0.end < $1.end }) { out.append(m); i = m.end } else { i += 1 }
        }
        return out
    }

    @Test func findsWhatComparingEveryPhraseFinds() {
        var random = SplitMix64(seed: 7)
        // Enough words and phrases that both tables grow several times.
        let vocabulary = (0..<700).map { "w\($0)" }
        var matcher = PhraseMatcher()
        var phrases: [[String]] = []
        for _ in 0..<1_500 {
            // Few distinct first words, so that phrases share their starts (`food bank`, `food parcel`).
            var phrase = [vocabulary[random.int(0...60)]]
            for _ in 0..<random.int(0...3) { phrase.append(vocabulary[random.int(0...699)]) }
            let index = matcher.add(phrase)
            if let known = phrases.firstIndex(of: phrase) { #expect(index == known) } else {
                #expect(index == phrases.count)
                phrases.append(phrase)
            }
        }
        #expect(matcher.phrases == phrases)
        let phraseWords = Set(phrases.joined())
        let byWords = Dictionary(uniqueKeysWithValues: phrases.enumerated().map { ($1, $0) })
        for _ in 0..<400 {
            // Text made of phrases' pieces and other words, some of which no phrase has.
            var stems: [String] = []
            while stems.count < 12 {
                if random.int(0...2) == 0 { stems.append(random.int(0...1) == 0 ? "unknown" : vocabulary[random.int(0...699)]) } else {
                    let p = phrases[random.int(0...(phrases.count - 1))]
                    stems += p.prefix(random.int(1...p.count))
                }
            }
            let ids = stems.map(matcher.wordID)
            #expect(zip(stems, ids).allSatisfy { ($1 >= 0) == phraseWords.contains($0) }, "\(stems) \(ids)")
            let longest = naiveLongest(stems, byWords)
            #expect(matcher.longestMatches(in: stems) == longest, "\(stems)")
            #expect(matcher.longestMatches(count: ids.count, minimumLength: 1, starts: nil) { ids[$0] } == longest, "\(stems)")
            // Only the positions that start a phrase tried: the same matches.
            let starts = WordPositions(stems.indices.filter { matcher.startsPhrase(stems[$0]) })
            #expect(matcher.longestMatches(count: ids.count, minimumLength: 1, starts: starts) { ids[$0] } == longest)
            #expect(matcher.allMatches(in: stems) == naiveAll(stems, byWords, minimumLength: 2), "\(stems)")
            for i in stems.indices.dropLast() {
                #expect(matcher.isPhrase(stems[i], stems[i + 1]) == (byWords[[stems[i], stems[i + 1]]] != nil))
            }
        }
        for w in vocabulary.prefix(100) + ["unknown", ""] {
            #expect(matcher.startsPhrase(w) == phrases.contains { $0.first == w }, "\(w)")
            #expect((matcher.wordID(w) >= 0) == phraseWords.contains(w), "\(w)")
        }
    }

    @Test func anEmptyMatcherFindsNothing() {
        let matcher = PhraseMatcher()
        #expect(matcher.isEmpty)
        #expect(matcher.longestMatches(in: ["food", "bank"]).isEmpty)
        #expect(matcher.allMatches(in: ["food", "bank"]).isEmpty)
        #expect(!matcher.startsPhrase("food") && !matcher.isPhrase("food", "bank"))
        #expect(matcher.wordID("food") == -1)
    }
}

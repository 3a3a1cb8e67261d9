import Foundation
import Testing
@testable import Signpost

/// The parser's lexicon (what it knows about each word, looked up once) must change nothing but the
/// speed: a parser without it, asking every question of every word, understands each query the same.
@Suite("Understanding with the parser's lexicon")
struct QueryLexiconTests {
    let leeds = Fixtures.leeds

    /// Of the stop words, only those needs' phrases keep are read for them (`want to die`): another whose
    /// stem a phrase holds (`have`, of `having`) would split a phrase typed around it.
    @Test func onlyTheStopWordsPhrasesKeepAreWordsOfNeeds() {
        let parser = leeds.searcher.parser
        let read = StopWords.english.filter { w in parser.lexicon[w].map(\.mayBeInNeedPhrase) ?? false }
        #expect(read == ConceptRecognizer.stopWordsKeptInPhrases)
        // And a stem of one of the others is a word of some phrase, so the rule is not idle.
        #expect(StopWords.english.contains { w in !read.contains(w) && parser.concepts.wordID(parser.analyzer.stem(w)) >= 0 })
    }

    /// The same parts (speller, places, needs) without the lexicon, the cached stems or the numbered
    /// expansions: every word is looked up the slow way.
    var slowParser: QueryParser {
        let p = leeds.searcher.parser
        return QueryParser(analyzer: p.analyzer, speller: p.speller, places: p.places, concepts: p.concepts)
    }

    /// Every judged Leeds query, as typed and with its longest word misspelt (letters swapped), its
    /// last word cut short (completions), in capitals and without its first word.
    func variants() throws -> [(text: String, at: Int64)] {
        let queries = try JudgedQuery.load(Fixtures.corpus.appendingPathComponent("queries.jsonl"))
        var out: [(String, Int64)] = []
        var random = SplitMix64(seed: 5)
        for q in queries {
            let at = Fixtures.at(q.at)
            var words = q.text.split(separator: " ").map(String.init)
            out.append((q.text, at))
            out.append((q.text.uppercased(), at))
            if words.count > 2 { out.append((words.dropFirst().joined(separator: " "), at)) }
            if let last = words.last, last.count >= 5 {
                out.append(((words.dropLast() + [String(last.dropLast(2))]).joined(separator: " "), at))
            }
            if let i = words.indices.max(by: { words[$0].count < words[$1].count }), words[i].count >= 5 {
                var letters = Array(words[i])
                let k = random.int(1...(letters.count - 2))
                letters.swapAt(k, k + 1)
                words[i] = String(letters)
                out.append((words.joined(separator: " "), at))
            }
        }
        return out
    }

    @Test func theLexiconUnderstandsEveryQueryAsAskingEachWordDoes() throws {
        let fast = leeds.searcher.parser, slow = slowParser
        let queries = try variants()
        #expect(queries.count > 700)
        var differing: [String] = []
        for (text, at) in queries {
            let now = CivilTimeZone.london.wallMinute(atUTC: at)
            let a = fast.parse(text, now: now, snapshot: leeds.snapshot)
            let b = slow.parse(text, now: now, snapshot: leeds.snapshot)
            if a != b { differing.append(text) }
        }
        #expect(differing.isEmpty, "understood differently: \(differing.prefix(10))")
    }

    @Test func theLexiconReallyIsUsedAndKnowsTheDomainWords() {
        // Guards the test above against comparing two slow parsers.
        let parser = leeds.searcher.parser
        #expect(parser.lexicon["saturday"]?.flags.contains(.canSayTime) == true)
        #expect(parser.lexicon["armley"]?.flags.contains(.startsPlace) == true)
        #expect(parser.lexicon["the"]?.flags.contains(.stop) == true)
        #expect(parser.lexicon["food"]?.flags.contains(.startsNeed) == true)
        #expect(parser.lexicon.numbersTerms(of: leeds.snapshot))
        #expect(slowParser.lexicon["food"] == nil)
    }

    @Test func aParserAskedAboutAnotherSnapshotLooksItsTermsUpThere() throws {
        // A directory of one service: most of Leeds's words are not in it, and the few that are
        // have other numbers. Terms the parser hands on must name the same words in that snapshot.
        let one = Directory(services: [leeds.snapshot.service(0)], city: Fixtures.city)
        #expect(!leeds.searcher.parser.lexicon.numbersTerms(of: one.snapshot))
        let now = CivilTimeZone.london.wallMinute(atUTC: Fixtures.at("2025-11-12T11:00:00+00:00"))
        var checked = 0
        for text in ["food bank in Armley open Saturday", "can't pay my bills", "benifits advice", "warm space", "baby massage"] {
            let intent = leeds.searcher.parser.parse(text, now: now, snapshot: one.snapshot)
            for term in intent.searchTerms where term.termID >= 0 {
                #expect(one.snapshot.terms[Int(term.termID)] == term.term, "\(text): \(term.term)")
                checked += 1
            }
        }
        // (The last question has words of the one service's name: some terms are known there.)
        #expect(checked > 0, "no term of these questions is known in the one-service directory: nothing was checked")
    }
}

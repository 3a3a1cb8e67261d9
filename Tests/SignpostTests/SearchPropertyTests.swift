import Foundation
import Synchronization
import PropertyBased
import Testing
@testable import Signpost

/// Questions made at random from the pieces people type (needs, places, times, ages, languages,
/// referral words, typos, numbers, dates, punctuation, other scripts), searched over the bundled Leeds
/// directory: whatever is typed, the search answers (no trap), and what it shows keeps the promises the
/// intent makes. Each result is checked against the service's own data, the hours by
/// ``ReferenceHours`` (written apart from the search's hours column), not by the search's own tables.
@Suite("Search over random questions")
struct SearchPropertyTests {
    let leeds = Fixtures.leeds
    let london = CivilTimeZone.london

    /// What questions are made of. Several pieces are deliberately odd: impossible dates, a number too
    /// long for any integer, a combining accent alone, a zero-width space, a right-to-left word.
    static let pieces = [
        // needs, and typos of them
        "food bank", "foodbank", "fod bank", "debt advice", "dept advise", "benefits", "benifits", "mental health", "mentalhealth",
        "mental heath", "housing", "homeless", "nowhere to sleep", "warm space", "befriending", "lonely", "esol", "english classes",
        "baby bank", "domestic abuse", "bills", "skint", "carers", "walking group", "walk in", "drop in", "counselling",
        "can't pay my bills", "gas and electric", "learning disability", "disaiblity", "support", "help", "group", "cafe", "café",
        // places
        "in", "near", "around", "Armley", "armly", "Harehills", "hare hills", "Gipton and Harehills", "LS9", "ls9 7ab", "LS12 1AB",
        "west Leeds", "Otley", "Otly", "Wetherby", "Killingbeck & Seacroft", "York", "Leeds", "Bramley or Pudsey", "Armley,",
        // times
        "open", "open now", "today", "tonight", "tomorrow", "Saturday", "satuday", "sat", "sun", "mon-fri", "weekend", "this weekend",
        "evenings", "in the afternoons", "morning", "after 6pm", "before 9am", "9:30", "at 10", "on the 24th", "25/12", "31/12/99",
        "2025-12-25", "29 february", "30 feb", "christmas", "bank holiday", "next week", "until", "noon", "midnight", "24:00",
        // ages, languages, referral, cost
        "for a 15 year old", "my son is 15", "aged 70", "over 65s", "under 5s", "16-25", "6 months old", "in Arabic", "speaks Polish",
        "Urdu interpreter", "in Urdu or Punjabi", "no referral needed", "self refer", "don't need a referral", "no appointment", "free",
        // noise
        "the", "a", "and", "or", "please", "where can i find", "help -", "?", ",", ".", "-", "/", ":", "'s", "£5", "0", "12",
        "99999999999999999999", "x", "zzzz", "<script>", "\u{301}", "\u{200B}", "مساعدة", "żywność", "ｆｏｏｄ", "🙂", "\t",
    ]

    /// A question of up to twelve pieces, joined by spaces (or, one time in five, by nothing).
    static let questions = Gen<Int>.int(in: 0...(pieces.count - 1)).array(of: 0...12).map { picks in
        picks.map { pieces[$0] }.joined(separator: picks.count % 5 == 4 ? "" : " ")
    }

    /// Reference instants across a year (the directory's dated hours, bank holidays, both clock changes).
    static let instants = Gen<Int64>.int64(in: 1_735_689_600...1_767_225_599)  // 2025-01-01 … 2025-12-31 UTC

    @Test func everyQuestionIsAnsweredAndTheAnswerKeepsTheIntentsPromises() async {
        /// How many results each promise was checked on (a generator that stopped making times, places,
        /// languages or ages would leave a check that cannot fail).
        let checked = Mutex<[String: Int]>([:])
        func count(_ promise: String) { checked.withLock { $0[promise, default: 0] += 1 } }
        await propertyCheck(count: 1_500, input: Self.questions, Self.instants) { text, now in
            let r = leeds.search(SearchRequest(text: text, now: now, limit: 10))
            let intent = r.intent
            // (Results shown with a constraint relaxed, when nothing matches in full, are not counted in the total.)
            let matching = r.results.filter { $0.relaxation == nil }.count
            #expect(r.results.count <= 10 && r.totalMatches >= matching, "\"\(text)\": \(r.totalMatches) matches, \(matching) shown")
            // Where each part was said lies inside what was read.
            let length = intent.text.utf16.count
            for part in QueryIntent.Part.allCases {
                for range in intent.spans[part] ?? [] {
                    #expect(range.lowerBound >= 0 && range.upperBound <= length, "\"\(text)\": \(part) at \(range)")
                }
            }
            for result in r.results {
                let s = result.service, relaxed = result.relaxation
                if let when = intent.when, relaxed != .time && relaxed != .placeAndTime {
                    count("open when asked")
                    let open = when.windows.contains { ReferenceHours.isOpen(s.schedules, s.exceptions, anyMinuteIn: $0) }
                    #expect(open, "\"\(text)\" at \(london.iso8601(utcSeconds: now)): \(s.name) is not open \(when.label)")
                }
                // (The whole city asked for, `in Leeds`, is every service: no place to match.)
                if let place = intent.place, place.kind != .city, relaxed != .place && relaxed != .placeAndTime {
                    count("in or serving the place")
                    #expect(result.placeMatch != .none && result.placeMatch != .neighbouring, "\"\(text)\": \(s.name) \(result.placeMatch)")
                    if result.placeMatch == .located {
                        #expect(s.locations.contains { $0.ward.map(place.wardNames.contains) ?? false },
                                "\"\(text)\": \(s.name) is not in \(place.wardNames)")
                    }
                }
                if !intent.languages.isEmpty, relaxed != .language {
                    count("in the language")
                    #expect(s.languages.contains { intent.languages.contains($0) }, "\"\(text)\": \(s.name) offers \(s.languages)")
                }
                if let ages = intent.ages {
                    count("for the age")
                    let lo = s.minimumAge ?? 0, hi = s.maximumAge ?? 200
                    #expect(hi >= ages.lowerBound && lo <= ages.upperBound, "\"\(text)\": \(s.name) is for \(lo)–\(hi), asked \(ages)")
                }
            }
            // The same question at the same time gets the same answer.
            let again = leeds.search(SearchRequest(text: text, now: now, limit: 10))
            #expect(again.results.map(\.document) == r.results.map(\.document) && again.intent.summary == intent.summary, "\"\(text)\"")
        }
        let counts = checked.withLock { $0 }
        for promise in ["open when asked", "in or serving the place", "in the language", "for the age"] {
            #expect(counts[promise, default: 0] >= 100, "\(promise): checked on \(counts[promise, default: 0]) results")
        }
    }
}

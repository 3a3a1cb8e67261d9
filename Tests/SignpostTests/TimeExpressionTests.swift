import Testing
@testable import Signpost

/// The time words of a query, with the meanings in product.md.
@Suite("Time words in queries")
struct TimeExpressionTests {
    let london = CivilTimeZone.london

    /// Parses `words` at a local reference time; returns the windows as local `YYYY-MM-DDTHH:MM` pairs.
    func windows(_ text: String, at local: String) -> [String] {
        let now = london.wallMinute(atUTC: ISO8601Instant.parse(local, zone: london)!)
        let words = Analyzer.standard.tokens(in: text).map(\.text)
        guard let intent = TimeExpressions.parse(words, now: now).intent else { return [] }
        return intent.windows.map { "\(Self.show($0.lowerBound))..\(Self.show($0.upperBound))" }
    }

    static func show(_ wall: Int64) -> String {
        let day = CivilTimeZone.floorDiv(wall, 1440)
        return "\(LocalDate(dayNumber: Int(day)))T\(TimeOfDay(minutes: Int(wall - day * 1440))!)"
    }

    /// The day label is written byte by byte: every day of a leap year and of the next says its
    /// weekday, day and month as the words would (one digit and two, every month, every weekday).
    @Test func dayLabelsAreWeekdayDayAndMonth() {
        #expect(TimeExpressions.label(for: LocalDate(year: 2026, month: 12, day: 5)!) == "Sat 5 Dec")
        #expect(TimeExpressions.label(for: LocalDate(year: 2027, month: 1, day: 31)!) == "Sun 31 Jan")
        let first = LocalDate(year: 2028, month: 1, day: 1)!.dayNumber
        for n in first..<(first + 731) {
            let d = LocalDate(dayNumber: n)
            let expected = "\(d.weekday.shortName) \(d.day) \(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][d.month - 1])"
            #expect(TimeExpressions.label(for: d) == expected)
        }
    }

    /// `last night`, `last week`, `last Friday` say when something happened, not when help is wanted (`he hit
    /// me last night` was read as "open tonight"): no time, and the words are not searched. The last Friday
    /// of the month is still that day.
    @Test func lastNightIsNoTimeAsked() {
        for text in ["he hit me last night", "raped last night", "lost my job last week", "evicted last friday", "kicked out last weekend",
                     "not eaten since friday", "raped last friday night", "not eaten since this morning", "hit me yesterday evening"] {
            let words = Analyzer.standard.tokens(in: text).map(\.text)
            let parsed = TimeExpressions.parse(words, now: 0)
            #expect(parsed.intent == nil, "\(text)")
            #expect(parsed.consumed.contains(words.count - 1) && parsed.consumed.contains(words.count - 2), "\(text)")
        }
        #expect(windows("food bank last night open tonight", at: "2025-11-12T11:00") == ["2025-11-12T17:00..2025-11-13T08:00"])
        // Nor is `now` in the story (`section 21, what now`, `she has now been evicted`); `open now` is.
        for text in ["landlord has given section 21, what now", "she has now been evicted"] {
            #expect(TimeExpressions.parse(Analyzer.standard.tokens(in: text).map(\.text), now: 0).intent == nil, "\(text)")
        }
        #expect(windows("food bank open now", at: "2025-11-12T11:00") == ["2025-11-12T11:00..2025-11-12T11:01"])
        // `on a weekday` is any weekday, as `weekdays` (it was today).
        #expect(windows("lunch club on a weekday", at: "2025-11-12T11:00") == windows("lunch club weekdays", at: "2025-11-12T11:00"))
        #expect(windows("lunch club every weekday", at: "2025-11-12T11:00") == windows("lunch club weekdays", at: "2025-11-12T11:00"))
        #expect(windows("lunch club weekdays", at: "2025-11-12T11:00").count > 1)
        #expect(windows("food bank last friday of the month", at: "2025-11-12T11:00") == ["2025-11-28T00:00..2025-11-29T00:00"])
    }

    /// Times typed in a hurry or said as people say them: `2day` is today, `wkend` the weekend, `teatime`
    /// the evening, `weeknights` weekday evenings, `after lunch` after 13:00 (each was searched as a word).
    @Test func hurriedAndEverydayTimes() {
        let at = "2025-11-12T11:00"
        #expect(windows("food bank 2day", at: at) == windows("food bank today", at: at))
        #expect(windows("food bank wkend", at: at) == windows("food bank weekend", at: at) && !windows("food bank wknd", at: at).isEmpty)
        #expect(windows("hot meal teatime", at: at) == windows("hot meal evening", at: at))
        #expect(windows("esol weeknights", at: at) == windows("esol weekday evenings", at: at) && windows("esol weeknights", at: at).count == 5)
        #expect(windows("advice after lunch", at: at) == windows("advice after 1pm", at: at))
        #expect(windows("food after lunch club", at: at).isEmpty)
        #expect(windows("after lunch clubs", at: at).isEmpty && windows("esol weeknight", at: at) == windows("esol weeknights", at: at))
    }

    /// The night of a day gone by is that night (it crashed: its window started after it ended).
    @Test func theNightOfADayGoneByIsThatNight() {
        let r = Fixtures.leeds.search(SearchRequest(text: "food bank tonight 2025-12-25", now: Fixtures.at("2025-12-30T23:00:00+00:00")))
        let window = r.intent.when?.windows.first
        #expect(r.intent.when?.label.contains("25 Dec") == true && window.map { $0.lowerBound < $0.upperBound } == true, "\(r.intent.summary)")
        #expect(windows("friday night", at: "2025-11-12T11:00") == ["2025-11-14T17:00..2025-11-15T08:00"])
    }

    @Test func nowIsTheInstant() {
        #expect(windows("open now", at: "2025-11-12T11:25") == ["2025-11-12T11:25..2025-11-12T11:26"])
        #expect(windows("right now", at: "2025-11-12T11:25") == ["2025-11-12T11:25..2025-11-12T11:26"])
    }

    @Test func todayIsTheRestOfToday() {
        #expect(windows("open today", at: "2025-11-12T11:25") == ["2025-11-12T11:25..2025-11-13T00:00"])
    }

    @Test func tonightRunsFromFivePmOrNowToEightNextMorning() {
        #expect(windows("tonight", at: "2025-11-12T11:00") == ["2025-11-12T17:00..2025-11-13T08:00"])
        #expect(windows("tonight", at: "2025-11-12T19:25") == ["2025-11-12T19:25..2025-11-13T08:00"])
        #expect(windows("tonight", at: "2025-11-12T03:00") == ["2025-11-12T03:00..2025-11-12T08:00"])
    }

    @Test func aWeekdayIsTheNextSuchDayOnOrAfterToday() {
        // 12 November 2025 is a Wednesday.
        #expect(windows("open Saturday", at: "2025-11-12T11:00") == ["2025-11-15T00:00..2025-11-16T00:00"])
        #expect(windows("wednesday", at: "2025-11-12T11:00") == ["2025-11-12T00:00..2025-11-13T00:00"])
        #expect(windows("on Tues", at: "2025-11-12T11:00") == ["2025-11-18T00:00..2025-11-19T00:00"])
        #expect(windows("this Sat", at: "2025-11-12T11:00") == ["2025-11-15T00:00..2025-11-16T00:00"])
        #expect(windows("tomorrow", at: "2025-11-12T11:00") == ["2025-11-13T00:00..2025-11-14T00:00"])
    }

    @Test func partsOfTheDay() {
        #expect(windows("monday morning", at: "2025-11-12T11:00") == ["2025-11-17T08:00..2025-11-17T12:00"])
        #expect(windows("this afternoon", at: "2025-11-12T13:10") == ["2025-11-12T13:10..2025-11-12T17:00"])
        #expect(windows("this evening", at: "2025-11-12T11:00") == ["2025-11-12T17:00..2025-11-12T21:00"])
        // A weekday's part is that day's, even when it is today and has passed.
        #expect(windows("wednesday morning", at: "2025-11-12T21:00") == ["2025-11-12T08:00..2025-11-12T12:00"])
    }

    @Test func weekendIsTheNextSaturdayAndSunday() {
        #expect(windows("this weekend", at: "2025-11-13T20:30") == ["2025-11-15T00:00..2025-11-16T00:00", "2025-11-16T00:00..2025-11-17T00:00"])
        #expect(windows("at the weekend", at: "2025-11-15T16:45") == ["2025-11-15T00:00..2025-11-16T00:00", "2025-11-16T00:00..2025-11-17T00:00"])
        #expect(windows("weekend", at: "2025-11-16T10:00") == ["2025-11-16T00:00..2025-11-17T00:00"])
    }

    /// `this week` is today to Sunday, `next week` Monday to Sunday (they were searched as words,
    /// and the time silently lost); days, parts and hours said with them narrow them.
    @Test func thisWeekAndNextWeek() {
        // 12 November 2025 is a Wednesday.
        let days = (13...16).map { "2025-11-\($0)T00:00..2025-11-\($0 + 1)T00:00" }
        #expect(windows("food bank this week", at: "2025-11-12T11:00") == ["2025-11-12T11:00..2025-11-13T00:00"] + days)
        #expect(windows("food bank next week", at: "2025-11-12T11:00") == (17...23).map { "2025-11-\($0)T00:00..2025-11-\($0 + 1)T00:00" })
        #expect(windows("monday next week", at: "2025-11-12T11:00") == ["2025-11-17T00:00..2025-11-18T00:00"])
        #expect(windows("next week evenings", at: "2025-11-12T11:00").first == "2025-11-17T17:00..2025-11-17T21:00")
        #expect(windows("weekend next week", at: "2025-11-12T11:00") == ["2025-11-22T00:00..2025-11-23T00:00", "2025-11-23T00:00..2025-11-24T00:00"])
        // On a Sunday this week is what is left of today.
        #expect(windows("this week", at: "2025-11-16T15:00") == ["2025-11-16T15:00..2025-11-17T00:00"])
        // A week that is no time.
        #expect(windows("open 7 days a week", at: "2025-11-12T11:00").isEmpty)
        #expect(windows("carers week events", at: "2025-11-12T11:00").isEmpty)
    }

    /// Holidays by name are their days (`easter monday` was the next Monday, `may bank holiday` and
    /// `bank holiday monday` the next bank holiday, a Friday at Christmas).
    @Test func holidaysByName() {
        // 12 November 2025 is a Wednesday; Easter Sunday 2026 is 5 April.
        #expect(windows("hot meal easter monday", at: "2025-11-12T11:00") == ["2026-04-06T00:00..2026-04-07T00:00"])
        #expect(windows("food bank easter sunday", at: "2025-11-12T11:00") == ["2026-04-05T00:00..2026-04-06T00:00"])
        #expect(windows("good friday", at: "2025-11-12T11:00") == ["2026-04-03T00:00..2026-04-04T00:00"])
        #expect(windows("may bank holiday", at: "2025-11-12T11:00") == ["2026-05-04T00:00..2026-05-05T00:00"])
        #expect(windows("spring bank holiday", at: "2025-11-12T11:00") == ["2026-05-25T00:00..2026-05-26T00:00"])
        #expect(windows("august bank holiday", at: "2025-11-12T11:00") == ["2026-08-31T00:00..2026-09-01T00:00"])
        // Boxing Day 2026 is a Saturday: its Monday is the 28th.
        #expect(windows("food bank bank holiday monday", at: "2026-12-07T10:00") == ["2026-12-28T00:00..2026-12-29T00:00"])
        #expect(windows("warm space nye", at: "2025-11-12T11:00") == ["2025-12-31T00:00..2026-01-01T00:00"])
        #expect(windows("good morning I need food", at: "2025-11-12T07:00").isEmpty)
        // A day over two months away says its year; a nearer one does not.
        let now = CivilTimeZone.london.wallMinute(atUTC: ISO8601Instant.parse("2025-11-12T11:00:00Z")!)
        #expect(TimeExpressions.parse(["easter", "sunday"], now: now).intent?.label == "open Sun 5 Apr 2026")
        #expect(TimeExpressions.parse(["christmas", "day"], now: now).intent?.label == "open Thu 25 Dec")
    }

    /// `till` and `until`: still open just before the time (`open till 8pm` was at 20:00, leaving out
    /// sessions that close then; `until 3pm` was before 15:00), and `till friday` is until Friday begins.
    @Test func tillATimeOrADay() {
        #expect(windows("warm space open till 8pm", at: "2025-11-12T11:00") == ["2025-11-12T19:59..2025-11-12T20:00"])
        #expect(windows("food bank open until 3pm", at: "2025-11-12T11:00") == ["2025-11-12T14:59..2025-11-12T15:00"])
        #expect(windows("food bank open till 4", at: "2025-11-12T11:00") == ["2025-11-12T15:59..2025-11-12T16:00"])
        #expect(windows("no money till friday", at: "2025-11-12T11:00") == ["2025-11-12T11:00..2025-11-14T00:00"])
        #expect(windows("food until tomorrow", at: "2025-11-12T11:00") == ["2025-11-12T11:00..2025-11-13T00:00"])
        // A range is still a range.
        #expect(windows("food bank from 10 until 2", at: "2025-11-12T09:00") == ["2025-11-12T10:00..2025-11-12T14:00"])
        // From a review: midnight is the end of the day (it was an empty window), a bare 8 is 20:00, a range
        // of days and a time of the day said stay what they were.
        #expect(windows("night shelter till midnight", at: "2025-11-12T11:00") == ["2025-11-12T23:59..2025-11-13T00:00"])
        #expect(windows("warm space open till 8", at: "2025-11-12T11:00") == ["2025-11-12T19:59..2025-11-12T20:00"])
        #expect(windows("food bank monday till friday", at: "2025-11-12T11:00").count == 5)
        #expect(windows("no money till friday evening", at: "2025-11-12T11:00") == ["2025-11-14T17:00..2025-11-14T21:00"])
        #expect(windows("friday night next week", at: "2025-11-12T11:00") == ["2025-11-21T17:00..2025-11-22T08:00"])
    }

    /// A date gone by is said to be, with its year (`25/12/2025` in 2026 was taken without a word).
    @Test func aDateGoneByIsSaid() {
        let r = Fixtures.leeds.search(SearchRequest(text: "food bank 25/12/2024", now: Fixtures.at("2025-11-12T11:00:00+00:00")))
        #expect(r.intent.when?.label == "open Wed 25 Dec 2024 (a day gone by)", "\(r.intent.summary)")
    }

    /// Common misspellings of time words are corrected though more than one edit away.
    @Test(arguments: [("food bank tommorow", "tomorrow"), ("warm space wensday", "wednesday"), ("hot meal satday", "saturday"),
                      ("food bank 2moro", "tomorrow")])
    func misspeltTimeWords(text: String, meant: String) {
        let r = Fixtures.leeds.search(SearchRequest(text: text, now: Fixtures.at("2025-11-12T11:00:00+00:00")))
        #expect(r.intent.corrections.first?.to == meant && r.intent.when != nil && r.intent.unmatchedWords.isEmpty, "\(r.intent.summary)")
    }

    /// `first thing` is the morning (`first thing tomorrow`, `first thing monday`).
    @Test func firstThingIsTheMorning() {
        #expect(windows("food bank first thing tomorrow", at: "2025-11-12T19:00") == ["2025-11-13T08:00..2025-11-13T12:00"])
        #expect(windows("first thing monday", at: "2025-11-12T11:00") == ["2025-11-17T08:00..2025-11-17T12:00"])
        #expect(windows("food bank first thing", at: "2025-11-12T07:00") == ["2025-11-12T08:00..2025-11-12T12:00"])
        #expect(windows("first thing in the morning", at: "2025-11-12T07:00") == ["2025-11-12T08:00..2025-11-12T12:00"])
        #expect(windows("the first thing to do", at: "2025-11-12T07:00").isEmpty)
    }

    @Test func clockTimes() {
        #expect(windows("after 6pm", at: "2025-11-12T15:45") == ["2025-11-12T18:00..2025-11-13T00:00"])
        #expect(windows("monday after 6pm", at: "2025-11-14T13:30") == ["2025-11-17T18:00..2025-11-18T00:00"])
        #expect(windows("before 10am", at: "2025-11-12T07:00") == ["2025-11-12T07:00..2025-11-12T10:00"])
        #expect(windows("at 7pm", at: "2025-11-12T11:00") == ["2025-11-12T19:00..2025-11-12T19:01"])
        #expect(windows("after 18:00", at: "2025-11-12T11:00") == ["2025-11-12T18:00..2025-11-13T00:00"])
        #expect(windows("open late", at: "2025-11-12T11:00") == ["2025-11-12T19:00..2025-11-13T00:00"])
    }

    @Test func habitualPluralsMeanAnySuchWindowInTheComingSevenDays() {
        let evenings = windows("evenings", at: "2025-11-12T11:10")
        #expect(evenings.count == 7)
        #expect(evenings.first == "2025-11-12T17:00..2025-11-12T21:00")
        #expect(evenings.last == "2025-11-18T17:00..2025-11-18T21:00")
        // Mornings asked at 17:20 start tomorrow; seven of them.
        let mornings = windows("in the mornings", at: "2026-01-28T17:20")
        #expect(mornings.count == 7 && mornings.first == "2026-01-29T08:00..2026-01-29T12:00")
        // Asked during an afternoon, the coming seven days hold eight afternoon windows (two partial).
        let afternoons = windows("afternoons", at: "2026-01-01T16:00")
        #expect(afternoons.count == 8 && afternoons.first == "2026-01-01T16:00..2026-01-01T17:00"
                && afternoons.last == "2026-01-08T12:00..2026-01-08T16:00")
        // From Wednesday 11:00: the rest of Wednesday's morning, Thu, Fri, Mon, Tue, and next Wednesday's
        // until 11:00; no weekend mornings.
        let weekdayMornings = windows("weekday mornings", at: "2025-11-12T11:00")
        #expect(weekdayMornings == ["2025-11-12T11:00..2025-11-12T12:00", "2025-11-13T08:00..2025-11-13T12:00",
                                    "2025-11-14T08:00..2025-11-14T12:00", "2025-11-17T08:00..2025-11-17T12:00",
                                    "2025-11-18T08:00..2025-11-18T12:00", "2025-11-19T08:00..2025-11-19T11:00"])
    }

    @Test func timeWordsAreTakenOutOfTheSearchText() {
        let words = Analyzer.standard.tokens(in: "food bank open on Saturday morning").map(\.text)
        let result = TimeExpressions.parse(words, now: 0)
        #expect(Set(result.consumed) == [2, 3, 4, 5])
    }

    @Test func nightInANeedsNameIsNotATime() {
        let words = Analyzer.standard.tokens(in: "night shelter").map(\.text)
        #expect(TimeExpressions.parse(words, now: 0).intent == nil)
        #expect(TimeExpressions.parse(Analyzer.standard.tokens(in: "open at night").map(\.text), now: 0).intent?.kind == .tonight)
    }

    @Test func noTimeWordsNoTime() {
        #expect(windows("food bank armley", at: "2025-11-12T11:00").isEmpty)
    }

    @Test func acrossTheClocksChangingWindowsStayInLocalTime() {
        // Sunday 26 October 2025 has 25 hours; "Sunday" is still midnight to midnight local time.
        #expect(windows("sunday", at: "2025-10-24T12:00") == ["2025-10-26T00:00..2025-10-27T00:00"])
    }

    /// A time said with am/pm but without `at` (`food bank 7pm`) is understood, and a weekday's
    /// abbreviation is not taken for a typo (`weds` was corrected to `beds`, a furniture need).
    @Test func aTimeWithoutAtAndAbbreviatedDaysAreUnderstood() {
        let parser = Fixtures.leeds.searcher.parser, snapshot = Fixtures.leeds.snapshot
        let wednesday11 = CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200)  // Wed 12 Nov 2025 11:00
        let seven = parser.parse("food bank 7pm", now: wednesday11, snapshot: snapshot)
        #expect(seven.when?.label == "open today at 19:00" && seven.unmatchedWords.isEmpty, "\(seven.summary)")
        let weds = parser.parse("food bank weds", now: wednesday11, snapshot: snapshot)
        #expect(weds.corrections.isEmpty && weds.when?.label == "open Wed 12 Nov", "\(weds.summary)")
    }

    /// A time that cannot be is said back and left out (`at 25:00` searched for the words 25 and 00).
    @Test func anImpossibleTimeIsSaidBackNotSearched() {
        let parser = Fixtures.leeds.searcher.parser, snapshot = Fixtures.leeds.snapshot
        let now = CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200)
        for (text, said) in [("food bank open at 25:00", "25:00"), ("food bank after 13pm", "13pm"), ("food bank open 9:75", "9:75")] {
            let intent = parser.parse(text, now: now, snapshot: snapshot)
            #expect(intent.impossibleTimes == [said] && intent.unmatchedWords.isEmpty && intent.when == nil, "\(text): \(intent)")
            #expect(intent.searchTerms.allSatisfy { $0.origin != .typed || !$0.term.first!.isNumber }, "\(text)")
        }
        #expect(parser.parse("food bank at 9:30", now: now, snapshot: snapshot).impossibleTimes.isEmpty)
        for (text, said) in [("food bank at 9:75", "9:75"), ("food bank at 23:60", "23:60"), ("food bank at 13:00pm", "13:00pm")] {
            let intent = parser.parse(text, now: now, snapshot: snapshot)
            #expect(intent.impossibleTimes == [said] && intent.when == nil, "\(text): \(intent.summary) \(intent.impossibleTimes)")
        }
        #expect(parser.parse("room 12 99 food", now: now, snapshot: snapshot).impossibleTimes.isEmpty, "numbers are times only where one is asked for")
        let r = Fixtures.leeds.search(SearchRequest(text: "food bank open at 25:00", now: 1_762_945_200))
        #expect(r.notices.first == "\"25:00\" is not a time of day (hours run 00 to 23, minutes 00 to 59); it was left out." && !r.results.isEmpty)
    }

    /// Times with minutes and am/pm, and ranges (the review found `9:30am` read as 09:00 with "30am is
    /// not a time of day", and `from 10am to 2pm` read as "at 14:00").
    @Test(arguments: [("food bank at 9:30am", "open tomorrow (Thu 13 Nov) at 09:30"), ("food bank 7:45pm", "open today at 19:45"),
                      ("food bank after 5:30pm", "open today after 17:30"), ("food bank from 10am to 2pm", "open today between 10:00 and 14:00"),
                      ("food bank 10am-2pm", "open today between 10:00 and 14:00"), ("food bank between 10am and 2pm", "open today between 10:00 and 14:00"),
                      ("food bank 7-9pm", "open today between 19:00 and 21:00"), ("food bank 9-11am", "open tomorrow (Thu 13 Nov) between 09:00 and 11:00"),
                      ("food bank 19:00-21:00", "open today between 19:00 and 21:00"), ("food bank 11pm-2am", "open today after 23:00")])
    func clockTimesAndRanges(text: String, label: String) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label && intent.impossibleTimes.isEmpty && intent.unmatchedWords.isEmpty, "\(text): \(intent.summary)")
        #expect(intent.searchTerms.allSatisfy { !($0.term.first?.isNumber ?? false) }, "\(text): \(intent.searchTerms.map(\.term))")
    }

    /// Ranges of hours said without am or pm after `from`, `between` or `open` (a worker's test found
    /// `from 10 to 2` read as "after 10:00", and `10-2`, `between 10 and 2` not read at all).
    @Test(arguments: [("food bank from 10 to 2", "open today between 10:00 and 14:00"),
                      ("food bank open 10-2", "open today between 10:00 and 14:00"),
                      ("food bank open between 10 and 2", "open today between 10:00 and 14:00"),
                      ("food bank open 10 till 2", "open today between 10:00 and 14:00"),
                      ("food bank from 10 until 2", "open today between 10:00 and 14:00"),
                      ("food bank saturday from 9:30 to 12:30", "open Sat 15 Nov between 09:30 and 12:30"),
                      ("food bank from 6 to 8", "open today between 18:00 and 20:00"),
                      ("food bank from 9 to 11pm", "open today between 21:00 and 23:00"),
                      ("food bank from 10am to 2", "open today between 10:00 and 14:00"),
                      ("food bank from 10pm to 2am", "open today after 22:00"),
                      ("food bank from 10", "open today after 10:00"),
                      // Beside a day said, without `open` (the `10` and `2` were dropped unsaid).
                      ("advice 10-2 tomorrow", "open tomorrow (Thu 13 Nov) between 10:00 and 14:00"),
                      ("food bank friday 9-12", "open Fri 14 Nov between 09:00 and 12:00"),
                      ("youth club aged 9-11 tomorrow", "open tomorrow (Thu 13 Nov)"),
                      // The start read as after `open` (from the review: `1-3` was 01:00-15:00).
                      ("advice 1-3 tomorrow", "open tomorrow (Thu 13 Nov) between 13:00 and 15:00"),
                      ("youth club friday 6-8", "open Fri 14 Nov between 18:00 and 20:00"),
                      // A time said with its minutes, then a hyphen and a bare hour (it was read as "at 09:30").
                      ("advice mon - fri 9:30-11", "open Wed 12 Nov, Thu 13 Nov, Fri 14 Nov, Mon 17 Nov or Tue 18 Nov between 09:30 and 11:00"),
                      ("food bank 9:30-11", "open tomorrow (Thu 13 Nov) between 09:30 and 11:00"),
                      ("food bank saturday 10:30-2", "open Sat 15 Nov between 10:30 and 14:00"),
                      ("food bank 9:30-11pm", "open today between 09:30 and 23:00")])
    func bareHourRanges(text: String, label: String) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label && intent.impossibleTimes.isEmpty, "\(text): \(intent.summary)")
        #expect(intent.searchTerms.allSatisfy { !($0.term.first?.isNumber ?? false) }, "\(text): \(intent.searchTerms.map(\.term))")
    }

    /// The end of a range after a time with its minutes is said back with the start (`9:30-11` as `9`
    /// and `11`, as `19:00-21:00` is `19` and `21`).
    @Test func aRangeAfterMinutesSaysBothEnds() {
        let now = CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200)
        let parser = Fixtures.leeds.searcher.parser
        #expect(parser.parse("food bank 9:30-11", now: now, snapshot: Fixtures.leeds.snapshot).when?.words == ["9", "11"])
        #expect(parser.parse("food bank 19:00-21:00", now: now, snapshot: Fixtures.leeds.snapshot).when?.words == ["19", "21"])
    }

    /// The night of a day named (a worker's test: `tomorrow night`, `monday night` were read as tonight,
    /// and `monday night` found services open only on Saturdays); a time with `tonight` is kept.
    @Test(arguments: [("night shelter tomorrow night", "open tomorrow (Thu 13 Nov) night", 1_763_053_200 / 60, 1_763_107_200 / 60),
                      ("warm space monday night", "open Mon 17 Nov night", 1_763_398_800 / 60, 1_763_452_800 / 60),
                      ("warm space on monday nights", "open Mon 17 Nov night", 1_763_398_800 / 60, 1_763_452_800 / 60),
                      ("warm space thursday or friday night", "open Thu 13 Nov or Fri 14 Nov night", 1_763_053_200 / 60, 1_763_107_200 / 60)] as [(String, String, Int64, Int64)])
    func theNightOfADayNamed(text: String, label: String, from: Int64, to: Int64) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label, "\(text): \(intent.summary)")
        #expect(intent.when?.windows.first == from..<to, "\(text): \(String(describing: intent.when?.windows))")
        #expect(intent.when?.windows.count == (text.contains(" or ") ? 2 : 1))
    }

    /// A time said with tonight or a night is kept, a bare hour as an evening one (`tonight at 9` was
    /// 09:00 tomorrow).
    @Test(arguments: [("food tonight after 10pm", "open today after 22:00"), ("food bank tonight at 9", "open today at 21:00"),
                      ("warm space tonight after 8", "open today after 20:00"), ("food bank friday night at 9", "open Fri 14 Nov at 21:00")])
    func aTimeWithTonightIsKept(text: String, label: String) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label, "\(text): \(intent.summary)")
    }

    /// Dates, each a whole day (a worker's test: `christmas day`, `boxing day`, `25/12`, `on the 24th`
    /// were dropped without a word or searched as text; `at 2025-11-20 10:30` was read as 20:25).
    @Test(arguments: [("food bank christmas day", "open Thu 25 Dec"), ("warm space christmas eve", "open Wed 24 Dec"),
                      ("food bank boxing day", "open Fri 26 Dec"), ("food bank new year's day", "open Thu 1 Jan"),
                      ("food bank open on the bank holiday", "open Thu 25 Dec"), ("food bank 25/12", "open Thu 25 Dec"),
                      ("food bank 20/11/25", "open Thu 20 Nov"), ("food bank on the 24th", "open Mon 24 Nov"),
                      ("food bank on the 3rd", "open Wed 3 Dec"), ("food bank 25 December", "open Thu 25 Dec"),
                      ("food bank december 25th", "open Thu 25 Dec"), ("food bank the 24th of december", "open Wed 24 Dec"),
                      ("food bank at 2025-11-20 10:30", "open Thu 20 Nov at 10:30"), ("food bank on 25/12 after 6pm", "open Thu 25 Dec after 18:00"),
                      ("night shelter christmas eve night", "open Wed 24 Dec night")])
    func datesAreWholeDays(text: String, label: String) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label, "\(text): \(intent.summary)")
        #expect(intent.searchTerms.allSatisfy { !($0.term.first?.isNumber ?? false) && !["christma", "christmas", "decemb", "box"].contains($0.term) },
                "\(text): \(intent.searchTerms.map(\.term))")
    }

    /// Words that look like dates but are not: a service's name, `24/7`, `may` the verb.
    @Test(arguments: ["bank holiday activities", "open 24/7", "i may need food", "christmas hamper", "1st aid course", "2nd hand furniture",
                      "debt advice 3rd floor", "food bank holiday opening"])
    func notDates(text: String) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when == nil, "\(text): \(intent.summary)")
    }

    /// Everyday words that are no time: a greeting, being late with the rent; and `after work`,
    /// `after school`, which are (a worker's test: `food bank after work` found job clubs).
    @Test(arguments: [("I'm late with my rent", nil), ("good morning I need a food bank", nil), ("food bank morning", "open today morning"),
                      ("food bank after work", "open today after 17:00"), ("youth club after school", "open today after 15:00"),
                      ("chemist open late", "open today late (after 19:00)"), ("food bank late opening", "open today late (after 19:00)")] as [(String, String?)])
    func everydayWordsAndTimes(text: String, label: String?) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label, "\(text): \(intent.summary)")
    }

    /// Any sequence of time, date and number words parses without a crash (a time word last, `food
    /// bank late opening`, read past the end of the question).
    @Test func anySequenceOfTimeWordsParses() {
        let vocabulary = ["open", "opening", "from", "1st", "31st", "xmas", "–", "on", "between", "at", "after", "before", "until", "to", "till", "and", "the", "on",
                          "late", "night", "tonight", "tomorrow", "monday", "christmas", "day", "eve", "boxing", "new", "year", "bank",
                          "holiday", "december", "25th", "24", "25", "12", "10", "2", "7", "2025", "30", "pm", "am", "6pm", "9", "food",
                          "good", "morning", "evenings", "work", "school", "of", "weekend", "now", "-", "/", ":"]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<3_000 {
            let n = Int(rng.next() % 6) + 1
            let separators = [" ", " ", " ", "-", "/", ":", ""]
            var text = ""
            for k in 0..<n {
                if k > 0 { text += separators[Int(rng.next() % UInt64(separators.count))] }
                text += vocabulary[Int(rng.next() % UInt64(vocabulary.count))]
            }
            _ = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        }
    }

    /// Several days said are each kept (a worker's test: `wednesday or thursday` kept only Thursday and
    /// so left out a food bank open on Wednesdays; `mon-fri` kept only Friday).
    @Test(arguments: [("food bank thursday or friday", "open Thu 13 Nov or Fri 14 Nov", 2), ("warm space tues and thurs", "open Thu 13 Nov or Tue 18 Nov", 2),
                      ("warm space mon-fri", "open Wed 12 Nov, Thu 13 Nov, Fri 14 Nov, Mon 17 Nov or Tue 18 Nov", 5),
                      ("warm space saturday to monday", "open Sat 15 Nov to Mon 17 Nov", 3),
                      ("warm space mon - fri", "open Wed 12 Nov, Thu 13 Nov, Fri 14 Nov, Mon 17 Nov or Tue 18 Nov", 5),
                      ("warm space mon–fri", "open Wed 12 Nov, Thu 13 Nov, Fri 14 Nov, Mon 17 Nov or Tue 18 Nov", 5),
                      ("warm space between monday and friday", "open Wed 12 Nov, Thu 13 Nov, Fri 14 Nov, Mon 17 Nov or Tue 18 Nov", 5),
                      ("food bank monday", "open Mon 17 Nov", 1)] as [(String, String, Int)])
    func severalDays(text: String, label: String, days: Int) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when?.label == label, "\(text): \(intent.summary)")
        #expect(intent.when?.windows.count == days, "\(text): \(String(describing: intent.when?.windows))")
    }

    /// Numbers that are ages, days or counts stay out of the time (`open 7 days`, `5 to 11 year olds`).
    @Test(arguments: ["holiday club between 5 and 11 year olds", "food bank open 7 days a week", "youth club from 11 to 16 years",
                      "food bank open 24 hours"])
    func numbersThatAreNoTimes(text: String) {
        let intent = Fixtures.leeds.searcher.parser.parse(text, now: CivilTimeZone.london.wallMinute(atUTC: 1_762_945_200), snapshot: Fixtures.leeds.snapshot)
        #expect(intent.when == nil, "\(text): \(intent.summary)")
    }

    /// Clock times said the way people say them (a frontline review: `half 5` found a street, `at five` and
    /// `5 o'clock` were dropped unsaid): an hour from 1 to 7 is the afternoon's, as a bare one is.
    @Test(arguments: [
        ("food bank open half 5", ["2025-11-12T17:30..2025-11-12T17:31"]),
        ("food bank half past 5", ["2025-11-12T17:30..2025-11-12T17:31"]),
        ("advice quarter to 6", ["2025-11-12T17:45..2025-11-12T17:46"]),
        ("advice quarter past ten", ["2025-11-12T10:15..2025-11-12T10:16"]),
        ("food bank open at five", ["2025-11-12T17:00..2025-11-12T17:01"]),
        ("debt advice 5 o'clock", ["2025-11-12T17:00..2025-11-12T17:01"]),
        ("warm space after seven", ["2025-11-12T19:00..2025-11-13T00:00"]),
        ("no one to talk to", []), ("one to one support", []), ("Half Mile Lane", []), ("five a side football", []),
    ])
    func clockTimesSaidInWords(text: String, expected: [String]) {
        #expect(windows(text, at: "2025-11-12T09:00") == expected, "\(text)")
    }
}

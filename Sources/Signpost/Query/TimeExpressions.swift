/// Recognises the words of a query that say *when* (`open now`, `tonight`, `Saturday morning`,
/// `weekend`, `after 6pm`, `evenings`) and turns them into wall-clock windows relative to a
/// reference instant, with the meanings in `product.md`:
///
/// - `now`: that instant; `today`: the rest of today; `tonight`: from 17:00 (or now, if later) to
///   08:00 next morning (before 08:00: from now until 08:00);
/// - a weekday: the next such day on or after today, the whole day; `tomorrow`: the whole of tomorrow;
/// - `morning` 08:00-12:00, `afternoon` 12:00-17:00, `evening` 17:00-21:00 (today's, from now; once
///   passed, tomorrow's); with a weekday, that day's;
/// - `weekend`: the next Saturday and Sunday (on a Sunday, today); `this week`: today to Sunday;
///   `next week`: the next Monday to Sunday; `first thing`: the morning;
/// - `after 6pm`: open at some point after 18:00 that day; `before 10am`, `at 7pm` likewise;
///   `late` beside a word of opening or of the night (`open late`, `late night`): after 19:00;
/// - a habitual plural (`evenings`, `weekday mornings`, `weeknights`, `on a weekday`): any such window in the
///   coming seven days; `teatime` is the evening, `after lunch` after 13:00; `2day`, `wkend` as typed;
/// - said of the past, no time asked: `last night`, `last Friday night`, `since Monday`, `yesterday morning`,
///   `what now`, `has now`.
public enum TimeExpressions {
    /// Minutes of the day parts.
    public static let morning = 480..<720
    public static let afternoon = 720..<1020
    public static let evening = 1020..<1260
    /// When "late" opening starts.
    public static let late = 1140

    /// Every word this parser understands (for spelling correction).
    public static let vocabulary: Set<String> = [
        "now", "today", "tonight", "tonite", "tomorrow", "tmrw", "weekend", "weekends", "weekday", "weekdays",
        "morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "night", "nights", "overnight",
        "late", "open", "opening", "right", "currently", "after", "before", "until", "this", "next", "every",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
        "noon", "midday", "lunchtime", "am", "pm", "half", "quarter", "past", "oclock", "2day", "wkend", "wknd", "teatime", "weeknights", "weeknight",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    ]

    /// Hours said in words (`at five`, `half past six`, `seven o'clock`), found by the word's bytes (a
    /// `Dictionary` hashed each word with SipHash).
    static let hourWords = WordTable<Int>(hourNumbers)
    private static let hourNumbers: [String: Int] = ["one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                                           "nine": 9, "ten": 10, "eleven": 11, "twelve": 12]
    /// Words that start a clock time said in words (`half 5`, `quarter to 6`, `five o'clock`).
    private static let spokenClockStarts: Set<String> = Set(hourNumbers.keys).union(["half", "quarter"])

    /// Common misspellings and text-speak of time words that are more than the speller's edits away
    /// (`tommorow`, `wensday`, `2moro`: they were said to be not in the directory, and the time lost).
    public static let misspellings: [String: String] = [
        "tommorow": "tomorrow", "tomorow": "tomorrow", "tommorrow": "tomorrow", "tmr": "tomorrow", "tmrow": "tomorrow",
        "2moro": "tomorrow", "2morrow": "tomorrow", "2mrw": "tomorrow", "tomoz": "tomorrow",
        "wensday": "wednesday", "wednsday": "wednesday", "wendsday": "wednesday", "wenesday": "wednesday", "wedensday": "wednesday",
        "satday": "saturday", "saterday": "saturday", "saturady": "saturday", "satarday": "saturday",
        "thurday": "thursday", "thrusday": "thursday", "thursay": "thursday", "firday": "friday", "fridy": "friday",
        "tuseday": "tuesday", "teusday": "tuesday", "munday": "monday", "sundy": "sunday", "2nite": "tonight", "2night": "tonight",
        "tonigh": "tonight", "evenin": "evening", "mornin": "morning", "arvo": "afternoon",
    ]

    /// The words the parser's cases handle, and every weekday name: one lookup tells whether a
    /// word can say a time at all.
    private static let timeWords: Set<String> = switchWords.union(Weekday.names)

    /// The words the parser's cases handle (weekdays are looked up separately).
    private static let switchWords = Set(wordKinds.keys)

    /// What a word the parser's cases handle is, by one lookup: a `switch` on the word itself compared
    /// it with each case's words in turn, some thirty comparisons for a weekday (counted by callgrind).
    private enum TimeWord {
        case now, today, tonight, night, tomorrow, until, week, thing, weekend, weekends, weekday, weekdays, weeknights
        case partOfDay, mornings, afternoons, evenings, late, after, midday, clock
    }
    /// ``wordKinds`` by the word's bytes (a `Dictionary` lookup hashed the word with SipHash, some 370
    /// instructions; a question looks up one or two).
    private static let wordKindTable = WordTable(wordKinds)
    private static let wordKinds: [String: TimeWord] = [
        "now": .now, "currently": .now, "today": .today, "tonight": .tonight, "tonite": .tonight, "overnight": .tonight,
        "night": .night, "nights": .night, "tomorrow": .tomorrow, "tmrw": .tomorrow, "until": .until, "till": .until,
        "til": .until, "week": .week, "thing": .thing, "weekend": .weekend, "weekends": .weekends, "weekday": .weekday,
        "weekdays": .weekdays, "morning": .partOfDay, "afternoon": .partOfDay, "evening": .partOfDay,
        "mornings": .mornings, "afternoons": .afternoons, "evenings": .evenings, "late": .late, "after": .after,
        // As typed in a hurry (`2day`, `wkend`), and as said (`teatime`, an evening; `weeknights`).
        "2day": .today, "wkend": .weekend, "wknd": .weekend, "teatime": .partOfDay, "weeknights": .weeknights, "weeknight": .weeknights,
        "lunchtime": .midday, "midday": .midday, "noon": .midday, "before": .clock, "at": .clock, "from": .clock,
        "between": .clock, "open": .clock, "opens": .clock, "opening": .clock,
    ]

    /// `night`, `morning`, `afternoon`, `evening` (`teatime`): a part of a day.
    private static func isPartOfDay(_ w: String) -> Bool {
        switch wordKindTable.find(w) {
        case .night?, .partOfDay?: return true
        default: return false
        }
    }

    /// Words before `now` that make it a turn in the story (`what now`, `she has now been evicted`).
    private static let notATimeBeforeNow: WordSet = ["what", "whats", "has", "have", "had", "hes", "shes", "theyve", "ive", "weve",
                                                     "was", "were", "theyre"]

    /// Whether `last` or `since` before this word says a time gone by: a night, a week, a weekend or a day of
    /// the week. (A function of the word only; the parser's loop reads the words around it.)
    private static func saysAPastPeriodAfterLast(_ w: String) -> Bool {
        switch wordKindTable.find(w) {
        case .night?, .week?, .weekend?: return true
        default: return w.count >= 3 && Weekday(code: w) != nil
        }
    }

    /// Words just before a day that belong to it (`on`, `this`, `open` Saturday).
    private static let dayModifiers: WordSet = ["on", "the", "open", "opening", "for", "at", "over", "this", "next"]
    /// Words just before a time word that belong to it (`this` afternoon, `open` tonight, `right` now).
    private static let timeModifiers: WordSet = ["this", "next", "on", "in", "the", "at", "open", "opening", "right", "every", "for",
                                                 "from", "later", "during", "is", "are", "its", "between", "to", "till"]
    /// Words after which two clock times are a range (`from 10 to 2`, `between 10 and 2`, `open 10-2`).
    private static let rangeOpeners: WordSet = ["from", "between", "open", "opens", "opening"]
    /// Words between the two times of a range (a hyphen leaves none: `10-2` is `10` and `2`).
    private static let rangeJoiners: WordSet = ["to", "till", "til", "until", "and", "through", "thru"]
    /// Words after a number that make it no time (`between 5 and 11 year olds`, `open 7 days`).
    private static let unitWords: WordSet = [
        "year", "years", "yr", "yrs", "yo", "olds", "month", "months", "week", "weeks", "day", "days", "hour", "hours",
        "hr", "hrs", "min", "mins", "minute", "minutes", "people", "kids", "children", "pounds", "quid", "miles",
    ]

    private enum Part { case morning, afternoon, evening }
    /// `until(m)`: still open just before `m` (`open till 8pm`: a session closing at 20:00 is).
    private enum Clock {
        case after(Int), before(Int), at(Int), between(Int, Int), until(Int)

        /// A range's clock: between its ends, or after its start when it runs past midnight (`from 10pm
        /// to 2am`: the end dropped).
        static func range(_ r: (start: Int, end: Int, words: Int)) -> Clock {
            r.start < r.end ? .between(r.start, r.end) : .after(r.start)
        }
    }

    /// The result: the time asked for (nil when none) and which word positions said it.
    public struct Result: Sendable {
        public var intent: TimeIntent?
        public var consumed: WordPositions
    }

    /// Whether a folded word can say a time at all (the words the cases below handle, and weekday
    /// names). A query parser that knows this per word already can pass `candidates` to ``parse``.
    static func canSayTime(_ word: String) -> Bool {
        // Also `7pm`, the hour of `9:30am` (the tokenizer splits it into `9` and `30am`), and dates
        // (`christmas day`, `25th`, `2025-12-25`).
        timeWords.contains(word) || spokenClockStarts.contains(word) || DateExpressions.startWords.contains(word)
            || (word.startsWithNumber && (word.hasSuffix("am") || word.hasSuffix("pm") || word.count <= 2 || word.count == 4
                                                  || DateExpressions.isOrdinal(word)))
    }

    /// Parses folded query words.
    ///
    /// - Parameters:
    ///   - words: the query's words, folded (`saturday`, `6pm`).
    ///   - now: the reference instant as a wall-clock minute.
    ///   - protected: positions of words that belong to something else (`night` in `night shelter`,
    ///     `morning` in `coffee morning`) and are not read as time.
    public static func parse(_ words: [String], now: Int64, protected: WordPositions = []) -> Result {
        parse(words, now: now, protected: protected, candidates: nil)
    }

    /// As ``parse(_:now:protected:)``, told which positions hold words that ``canSayTime(_:)`` (nil:
    /// look each word up).
    ///
    /// - Complexity: O(words).
    ///   - colons: positions of words that follow the one before them across a `:` or `.` alone (`9:30`
    ///     is `9` and `30`); nil when not known (then `9 30` is read as 9:30 too).
    ///   - joined: words that follow the one before across a `/` or `-` alone (`25/12`); nil when not
    ///     known (then dates written with them are not read).
    static func parse(_ words: [String], now: Int64, protected: WordPositions, candidates: WordPositions?,
                      colons: WordPositions? = nil, joined: DateExpressions.Joins? = nil) -> Result {
        var consumed = WordPositions()
        var isNow = false, tonight = false, today = false, tomorrow = false, weekend = false, weekdaysOnly = false
        var lateOpening = false, habitual = false, next = false
        /// `this week`, `next week`: the days left of this week, or the whole of the next.
        var week = false
        /// `till friday`, `until tomorrow`: from now until that day begins (the day's number).
        var untilDay: Int64? = nil
        var weekday: Weekday? = nil
        /// More days said with the first (`wednesday or thursday`, `mon-fri`), and where the last one was.
        var moreDays: [Weekday] = []
        var lastDayAt = -1, firstDayAt = -1
        var date: Int64? = nil
        let today0 = CivilTimeZone.floorDiv(now, 1440)
        var part: Part? = nil
        var clock: Clock? = nil
        /// Whether the clock time was a bare hour (`at 9`), which `tonight` makes an evening one.
        var clockBare = false
        var said: [String] = []

        var i = 0
        while i < words.count {
            let w = words[i]
            var hit = true
            /// A second word said back with `w` (the end of `9:30-11`).
            var alsoSaid: String? = nil
            if protected.contains(i) { i += 1; continue }
            // One lookup decides most words: only time words go through the cases below.
            if let candidates {
                if !candidates.contains(i) { i += 1; continue }
            } else if !canSayTime(w) { i += 1; continue }
            // Words of the past before a time word (`last`, `since`, `yesterday`, `this`), told first by their first
            // byte (compared as strings before every time word, they cost a question some 200 instructions).
            if i > 0, let b = words[i - 1].utf8.first,
               b == UInt8(ascii: "l") || b == UInt8(ascii: "s") || b == UInt8(ascii: "y") || b == UInt8(ascii: "t") {
                // `last night`, `last week`, `last Friday`, `since Friday`: when something happened, not when help is
                // wanted (`he hit me last night` asked for services open tonight, `not eaten since friday` for
                // Friday). Taken out of the question; no time is set. (Not `the last Friday of the month`, a
                // monthly session's day.)
                if words[i - 1] == "last" || words[i - 1] == "since", !consumed.contains(i - 1), Self.saysAPastPeriodAfterLast(w),
                   !(i + 1 < words.count && words[i + 1] == "of") {
                    consumed.insert(i - 1)
                    consumed.insert(i)
                    // And the part of that day said after it (`last friday night`: `night` after a day was tonight).
                    if i + 1 < words.count, Self.isPartOfDay(words[i + 1]) { consumed.insert(i + 1); i += 1 }
                    i += 1
                    continue
                }
                // `yesterday morning`, `since this morning`: a part of a day gone by.
                // (The words before first: most time words have neither, and the part of day is one more lookup.)
                if words[i - 1] == "yesterday" || (i > 1 && words[i - 1] == "this" && words[i - 2] == "since"), Self.isPartOfDay(w) {
                    for k in (words[i - 1] == "yesterday" ? i - 1 : i - 2)...i { consumed.insert(k) }
                    i += 1
                    continue
                }
            }
            if date == nil, let found = DateExpressions.date(words, at: i, today: Int(today0), joined: joined) {
                date = Int64(found.day)
                for k in i..<(i + found.words) { consumed.insert(k) }
                said.append(Wording.spaced(words[i..<(i + found.words)]))
                var k = i - 1
                while k >= 0, !consumed.contains(k), Self.dayModifiers.contains(words[k]) {
                    consumed.insert(k)
                    k -= 1
                }
                i += found.words
                continue
            }
            switch Self.wordKindTable.find(w) {
            // `what now`, `has now been evicted`: a turn in the story, not when help is wanted.
            case .now? where i > 0 && Self.notATimeBeforeNow.contains(words[i - 1]): hit = false
            case .now?: isNow = true
            case .today?: today = true
            case .tonight?: tonight = true
            case .night?:
                // `night` is a time only in phrases such as `at night`, `tomorrow night`, `late night`.
                let before = i > 0 ? words[i - 1] : ""
                let after = i + 1 < words.count ? words[i + 1] : ""
                if ["at", "this", "tomorrow", "every", "late", "on", "all", "through", "overnight", "the", "for"].contains(before)
                    || Weekday(code: before) != nil || after.isEmpty || vocabulary.contains(after) || after == "at" {
                    tonight = true
                    if w == "nights" { habitual = true }
                    if before == "tomorrow" { tomorrow = true }
                } else {
                    hit = false
                }
            case .tomorrow?: tomorrow = true
            case .until? where i + 1 < words.count && weekday == nil
                && (words[i + 1] == "tomorrow" || (words[i + 1].count >= 3 && Weekday(code: words[i + 1]) != nil))
                // (Not a range of days, `monday till friday`, nor a time of that day, `till friday evening`.)
                && !(i > 0 && Weekday(code: words[i - 1]) != nil)
                && !(i + 2 < words.count && (vocabulary.contains(words[i + 2]) || words[i + 2].startsWithNumber)):
                // `no money till friday`: help before then, not on the day (it was read as Friday).
                if let wd = Weekday(code: words[i + 1]) {
                    let ahead = (wd.rawValue - Weekday(dayNumber: Int(today0)).rawValue + 7) % 7
                    untilDay = today0 + Int64(ahead == 0 ? 7 : ahead)
                } else {
                    untilDay = today0 + 1
                }
                consumed.insert(i)
                consumed.insert(i + 1)
                said.append(words[i] + " " + words[i + 1])
                i += 2
                continue
            case .week? where i > 0 && (words[i - 1] == "this" || words[i - 1] == "next"):
                // (`this` or `next` before it is taken with it below; `7 days a week` is no time.)
                week = true
            case .thing? where i > 0 && words[i - 1] == "first" && !consumed.contains(i - 1)
                && (i + 1 == words.count || words[i + 1] == "in" || canSayTime(words[i + 1])):
                // `first thing` (`first thing tomorrow`, `first thing monday`): the morning (not `the
                // first thing to do`).
                part = .morning
                consumed.insert(i - 1)
                consumed.insert(i)
                said.append("first thing")
                i += 1
                continue
            case .weekend?: weekend = true
            case .weekends?: weekend = true; habitual = true
            case .weekday?:
                weekdaysOnly = true
                // `on a weekday`, `any weekday`, `every weekday`: any of them, as `weekdays` (it was read as today).
                if i > 0 && ["a", "any", "every", "each"].contains(words[i - 1]) { habitual = true }
            case .weekdays?: weekdaysOnly = true; habitual = true
            case .weeknights?: weekdaysOnly = true; habitual = true; part = .evening
            case .partOfDay?:
                // After `good`, a greeting (`good morning, I need a food bank`), not a time.
                if i > 0 && words[i - 1] == "good" { hit = false } else { part = w == "morning" ? .morning : w == "afternoon" ? .afternoon : .evening }
            case .mornings?: part = .morning; habitual = true
            case .afternoons?: part = .afternoon; habitual = true
            case .evenings?: part = .evening; habitual = true
            case .late?:
                // Late opening only with a word of opening or of the night about it (`open late`, `late
                // night`); `I'm late with my rent` is no time.
                let before = i > 0 ? words[i - 1] : "", after = i + 1 < words.count ? words[i + 1] : ""
                if ["open", "opening", "opens", "stay", "stays", "staying"].contains(before)
                    || ["opening", "openings", "night", "nights", "evening", "evenings", "tonight", "hours"].contains(after)
                    || (after.isEmpty && i > 0 && Weekday(code: before) != nil) {
                    lateOpening = true
                } else {
                    hit = false
                }
            case .after? where i + 1 < words.count && (words[i + 1] == "work" || words[i + 1] == "school"
                                                       || (words[i + 1] == "lunch" && !(i + 2 < words.count && words[i + 2].hasPrefix("club")))):
                // `after work` is after 17:00, `after school` after 15:00, `after lunch` after 13:00 (not a job,
                // a school or a meal to search).
                clock = .after(words[i + 1] == "work" ? 1020 : words[i + 1] == "school" ? 900 : 780)
                consumed.insert(i + 1)
                said.append(words[i] + " " + words[i + 1])
                consumed.insert(i)
                i += 2
                continue
            case .midday?:
                clock = .at(720)
            case .after?, .until?, .clock?:
                // (A date next, `at 2025-11-20 10:30`, is read as one below: `2025` is no time.)
                if DateExpressions.date(words, at: i + 1, today: Int(today0), joined: joined) == nil,
                   case .valid(let minutes, var used, let startSaid)? = spokenTime(words, at: i + 1, bare: true, colons: colons),
                   !startSaid ? !countsSomething(words, at: i + 1 + used) : true {
                    // A range after `from`, `between` or `open` (`from 10 to 2`, `between 10 and 2`,
                    // `open 10-2`); `between` and `open` say a time only with one.
                    // (Hours said bare in a range are 1 to 12: `open 24/7` is no range.)
                    let range = Self.rangeOpeners.contains(w) && (startSaid || Int(words[i + 1]).map { (1...12).contains($0) } ?? false)
                        ? rangeEnd(words, at: i + 1 + used, start: minutes, startSaid: startSaid, colons: colons) : nil
                    if let range {
                        // (Past midnight, `from 10pm to 2am`: open after the start, the end dropped.)
                        clock = .range(range)
                        used += range.words
                    } else {
                        switch w {
                        case "after", "from": clock = .after(minutes)
                        case "before": clock = .before(minutes)
                        // (`till midnight`, `till 12am`: the end of the day; `till 8` is 20:00, a closing time.)
                        case "until", "till", "til":
                            clock = .until(minutes == 0 ? 1440 : !startSaid && (8...11).contains(minutes / 60) ? minutes + 720 : minutes)
                        case "at": clock = .at(minutes)
                        default: hit = false
                        }
                        clockBare = !startSaid
                    }
                    if hit {
                        for k in i...(i + used) { consumed.insert(k) }
                        said.append(Wording.spaced(words[i...(i + used)]))
                        i += used + 1
                        continue
                    }
                }
                hit = false
            default:
                if let wd = Weekday(code: w), w.count >= 3 {
                    if let first = weekday {
                        // A second day: a range after `to`, `till` or a hyphen (`mon-fri`), else one more day.
                        let between = lastDayAt + 1 == i - 1 ? words[i - 1] : nil
                        // `between monday and friday` too.
                        let betweenAnd = between == "and" && firstDayAt > 0 && words[firstDayAt - 1] == "between" && moreDays.isEmpty
                        let isRange = (between.map { ["to", "till", "til", "until", "through", "thru"].contains($0) } ?? false) || betweenAnd
                            || (lastDayAt == i - 1 && joined?.hyphens.contains(i) == true)
                        let from = moreDays.last ?? first
                        if isRange {
                            var d = from
                            while d != wd {
                                d = Weekday(rawValue: (d.rawValue + 1) % 7)!
                                if d != first && !moreDays.contains(d) { moreDays.append(d) }
                            }
                        } else if wd != first && !moreDays.contains(wd) {
                            moreDays.append(wd)
                        }
                        if let between, isRange { consumed.insert(i - 1); said.append(between) }
                    } else {
                        weekday = wd
                        firstDayAt = i
                    }
                    lastDayAt = i
                } else if case .valid(let minutes, var used, true)? = spokenTime(words, at: i, bare: false, colons: colons) {
                    // `food bank 7pm`, `Monday 10am`: a time said without `at` is "open at" it; a
                    // second one ends a range (`from 10am to 2pm`, `between 10am and 2pm`), and so
                    // does one after a bare hour (`7-9pm`, the pm carried back when it fits), and a bare
                    // hour joined to it by a hyphen (`9:30-11`, read as "at 09:30" with `11` dropped).
                    var start: Int? = nil
                    switch clock {
                    case .at(let a)?, .after(let a)?: start = a
                    default: break
                    }
                    if start == nil, i > 0, !consumed.contains(i - 1), let h = Int(words[i - 1]), (1...12).contains(h) {
                        start = h * 60 + (minutes >= 720 && h != 12 && (h + 12) * 60 < minutes ? 720 : 0)
                        consumed.insert(i - 1)
                    }
                    // (Past midnight, `11pm-2am`: open after the start, the end dropped.)
                    if let a = start {
                        clock = a < minutes ? .between(a, minutes) : .after(a)
                    } else if clock == nil, joined?.hyphens.contains(i + used) == true, !consumed.contains(i + used), !protected.contains(i + used),
                              let range = rangeEnd(words, at: i + used, start: minutes, startSaid: true, colons: colons), range.words == 1,
                              !countsSomething(words, at: i + used + 1) {
                        clock = .range(range)
                        alsoSaid = words[i + used]
                        used += 1
                    } else if clock == nil {
                        clock = .at(minutes)
                    }
                    for k in i..<(i + used) { consumed.insert(k) }
                    i += used - 1
                } else {
                    hit = false
                }
            }
            if hit {
                consumed.insert(i)
                said.append(w)
                if let alsoSaid { said.append(alsoSaid) }
                // Modifiers just before a time word belong to it.
                var k = i - 1
                while k >= 0, !consumed.contains(k), Self.timeModifiers.contains(words[k]) {
                    if words[k] == "next" { next = true }
                    consumed.insert(k)
                    k -= 1
                }
            }
            i += 1
        }
        // Two bare hours joined by a hyphen beside a day said (`advice 10-2 tomorrow`, `friday 9-12`) are
        // the hours wanted, as after `open` (the `10` and `2` were dropped unsaid). Not an age (`aged
        // 9-11`, `9-11 year olds`), and only with a day: alone, `10-2` may be anything.
        if clock == nil, let joined, today || tomorrow || weekday != nil || date != nil {
            var k = 0
            while k + 1 < words.count {
                defer { k += 1 }
                // (The start read as after `open`, by ``spokenTime``: `1-3` is 13:00-15:00, `6-8` 18:00-20:00.)
                guard let b = words[k].firstByte, b >= 0x31, b <= 0x39, !consumed.contains(k), !protected.contains(k),
                      !consumed.contains(k + 1), !protected.contains(k + 1), joined.hyphens.contains(k + 1),
                      let h = Int(words[k]), (1...12).contains(h),
                      !(k > 0 && ["aged", "age", "ages", "for"].contains(words[k - 1])),
                      case .valid(let start, 1, false)? = spokenTime(words, at: k, bare: true, colons: colons),
                      let range = rangeEnd(words, at: k + 1, start: start, startSaid: false, colons: colons), range.words == 1,
                      !countsSomething(words, at: k + 2) else { continue }
                clock = .range(range)
                consumed.insert(k)
                consumed.insert(k + 1)
                said.append(words[k] + "-" + words[k + 1])
                break
            }
        }
        // "open" on its own says nothing about time, but it is not something to search for either.
        // (By index: the enumerated sequence's iterator cost some 40 instructions a word.)
        for k in words.indices where words[k].firstByte == UInt8(ascii: "o") {
            let w = words[k]
            if w == "open" || w == "opening" || w == "opens" { consumed.insert(k) }
        }
        guard isNow || tonight || today || tomorrow || weekend || weekdaysOnly || lateOpening || weekday != nil
                || date != nil || part != nil || clock != nil || week || untilDay != nil else {
            return Result(intent: nil, consumed: consumed)
        }
        // A bare hour said with tonight or the evening is an evening one: `tonight at 9` is 21:00 (it
        // was 09:00 tomorrow), `friday night after 8` after 20:00.
        if clockBare && (tonight || part == .evening) {
            switch clock {
            case .at(let m)? where m < 720: clock = .at(m + 720)
            case .after(let m)? where m < 720: clock = .after(m + 720)
            case .before(let m)? where m < 720: clock = .before(m + 720)
            case .until(let m)? where m < 720: clock = .until(m + 720)
            default: break
            }
        }

        // (Constants for the local functions below: variables they captured were checked for
        // overlapping access at run time on every read.)
        let partSaid = part, lateSaid = lateOpening, clockSaid = clock, nextSaid = next
        let weekSaid = week, weekdaySaid = weekday, moreDaysSaid = moreDays
        let dayStart = { (d: Int64) in d * 1440 }
        func partRange(_ p: Part) -> Range<Int> {
            switch p { case .morning: return morning; case .afternoon: return afternoon; case .evening: return evening }
        }
        func partName(_ p: Part) -> String {
            switch p { case .morning: return "morning"; case .afternoon: return "afternoon"; case .evening: return "evening" }
        }
        /// A window on day `d`, clipped to start no earlier than now when `clip`.
        func window(day d: Int64, clip: Bool) -> Range<Int64>? {
            var lo = dayStart(d), hi = dayStart(d + 1)
            if let partSaid { let r = partRange(partSaid); lo = dayStart(d) + Int64(r.lowerBound); hi = dayStart(d) + Int64(r.upperBound) }
            if lateSaid { lo = max(lo, dayStart(d) + Int64(late)) }
            switch clockSaid {
            case .after(let m)?: lo = max(lo, dayStart(d) + Int64(m))
            case .before(let m)?: hi = min(hi, dayStart(d) + Int64(m))
            case .at(let m)?: lo = dayStart(d) + Int64(m); hi = lo + 1
            case .until(let m)?: hi = min(hi, dayStart(d) + Int64(m)); lo = max(lo, hi - 1)
            case .between(let a, let b)?: lo = max(lo, dayStart(d) + Int64(a)); hi = min(hi, dayStart(d) + Int64(b))
            case nil: break
            }
            if clip { lo = max(lo, now) }
            return lo < hi ? lo..<hi : nil
        }
        // A day over two months away says its year (`easter sunday` asked in November was `Sun 5 Apr`).
        func dayLabel(_ d: Int64) -> String {
            let date = LocalDate(dayNumber: Int(d))
            return abs(d - today0) > 60 ? label(for: date) + " \(date.year)" : label(for: date)
        }
        /// Each weekday said, the next such on or after today (a week on for `next` today), in date
        /// order (`wednesday or thursday` kept only Thursday; `mon-fri`, only Friday).
        /// The Monday of the week said: this one, or the next for `next week`.
        func weekMonday() -> Int64 { today0 - Int64(Weekday(dayNumber: Int(today0)).rawValue) + (nextSaid ? 7 : 0) }
        func daysSaid() -> [Int64] {
            let wd = Weekday(dayNumber: Int(today0))
            // `friday night next week`: that week's days.
            if weekSaid {
                return ([weekdaySaid].compactMap { $0 } + moreDaysSaid).map { weekMonday() + Int64($0.rawValue) }.filter { $0 >= today0 }.sorted()
            }
            return ([weekdaySaid].compactMap { $0 } + moreDaysSaid).map { day -> Int64 in
                var ahead = Int64((day.rawValue - wd.rawValue + 7) % 7)
                if nextSaid && ahead == 0 { ahead = 7 }
                return today0 + ahead
            }.sorted()
        }
        func qualifier() -> String {
            var q = ""
            if let partSaid { q += " " + partName(partSaid) }
            if lateSaid { q += " late (after \(TimeOfDay(minutes: late)!))" }
            switch clockSaid {
            case .after(let m)?: q += " after \(TimeOfDay(minutes: m % 1440)!)"
            case .before(let m)?: q += " before \(TimeOfDay(minutes: m % 1440)!)"
            case .at(let m)?: q += " at \(TimeOfDay(minutes: m % 1440)!)"
            case .until(let m)?: q += m == 1440 ? " until midnight" : " until \(TimeOfDay(minutes: m % 1440)!)"
            case .between(let a, let b)?: q += " between \(TimeOfDay(minutes: a % 1440)!) and \(TimeOfDay(minutes: b % 1440)!)"
            case nil: break
            }
            return q
        }

        let words = said
        if isNow {
            return Result(intent: TimeIntent(kind: .now, label: "open now", windows: [now..<(now + 1)], words: words), consumed: consumed)
        }
        if tonight && clock == nil && (weekday != nil || tomorrow || date != nil) {
            // The night of the day named (`friday night`, `tomorrow night`): from 17:00 that day to
            // 08:00 the next morning. It was read as tonight.
            // Each day said (`friday or saturday night`).
            let days = date.map { [$0] } ?? (weekday != nil ? daysSaid() : [today0 + 1])
            // (From now when the night has begun; a night gone by, `tonight 2025-12-25` said on the 30th, is that
            // night, as a day gone by is that day: its start after its end was a crash.)
            let windows = days.map { d in
                let start = dayStart(d) + 1020, end = dayStart(d + 1) + 480
                return (now < end ? max(start, now) : start)..<end
            }
            let day = weekday != nil || date != nil ? days.map(dayLabel).joined(separator: " or ") : "tomorrow (\(dayLabel(days[0])))"
            return Result(intent: TimeIntent(kind: .window, label: "open \(day) night", windows: windows, words: words), consumed: consumed)
        }
        // `tonight` with a time (`6pm tonight`, `tonight after 10pm`) is today at that time, below.
        if tonight && !habitual && clock == nil {
            let minute = now - dayStart(today0)
            let w: Range<Int64> = minute < 480 ? now..<(dayStart(today0) + 480)
                : max(now, dayStart(today0) + 1020)..<(dayStart(today0 + 1) + 480)
            return Result(intent: TimeIntent(kind: .tonight, label: "open tonight", windows: [w], words: words), consumed: consumed)
        }
        if let date {
            // A date said (`christmas day`, `25/12`): that whole day, or its part or hours asked for.
            let windows = window(day: date, clip: date == today0).map { [$0] } ?? []
            // A date gone by (`25/12/2025` in 2026) is said to be, with its year: most likely a slip.
            let past = date < today0 ? " \(LocalDate(dayNumber: Int(date)).year) (a day gone by)" : ""
            let said = past.isEmpty ? dayLabel(date) : label(for: LocalDate(dayNumber: Int(date)))
            return Result(intent: TimeIntent(kind: .day, label: "open \(said)\(past)\(qualifier())", windows: windows, words: words),
                          consumed: consumed)
        }
        if let untilDay, !week, weekday == nil, date == nil, !tomorrow, part == nil, clock == nil, untilDay * 1440 > now {
            // From now until the day said begins.
            let label = "open before \(untilDay == today0 + 1 ? "tomorrow (\(dayLabel(untilDay)))" : dayLabel(untilDay))"
            return Result(intent: TimeIntent(kind: .window, label: label, windows: [now..<(untilDay * 1440)], words: words), consumed: consumed)
        }
        if week && !tonight {
            // This week: today to Sunday; next week: Monday to Sunday. Only the days said, when some are
            // (`monday next week`, `next week evenings`, `weekend next week`), and their part or hours.
            let monday = weekMonday()
            let said = [weekday].compactMap { $0 } + moreDays
            let days = (0..<Int64(7)).map { monday + $0 }.filter { d in
                let day = Weekday(dayNumber: Int(d))
                return d >= today0 && (said.isEmpty || said.contains(day)) && (!weekend || day.rawValue >= 5)
                    && (!weekdaysOnly || day.rawValue < 5)
            }
            let windows = days.compactMap { window(day: $0, clip: $0 == today0) }
            let which = next ? "next week" : "this week"
            let label: String
            if said.isEmpty && !weekend && !weekdaysOnly, let first = days.first, let last = days.last {
                label = "open \(which) (\(first == last ? dayLabel(first) : "\(dayLabel(first)) to \(dayLabel(last))"))\(qualifier())"
            } else {
                label = "open \(days.isEmpty ? which : days.map(dayLabel).joined(separator: days.count == 2 && weekend ? ", " : " or "))\(qualifier())"
            }
            return Result(intent: TimeIntent(kind: .window, label: label, windows: windows, words: words), consumed: consumed)
        }
        if habitual && weekday == nil && !today && !tomorrow {
            // Any such window in the coming seven days.
            let horizon = now..<(now + 7 * 1440)
            var windows: [Range<Int64>] = []
            windows.reserveCapacity(8)
            for k in Int64(0)...7 {
                let d = today0 + k
                let wd = Weekday(dayNumber: Int(d))
                if weekdaysOnly && wd.rawValue >= 5 { continue }
                if weekend && wd.rawValue < 5 { continue }
                if tonight {
                    let r = (dayStart(d) + 1020)..<(dayStart(d + 1) + 480)
                    let c = r.clamped(to: horizon)
                    if !c.isEmpty { windows.append(c) }
                    continue
                }
                guard let r = window(day: d, clip: false) else { continue }
                let c = r.clamped(to: horizon)
                if !c.isEmpty { windows.append(c) }
            }
            var what = part.map(partName).map { $0 + "s" } ?? (tonight ? "nights" : weekend ? "weekends" : "days")
            if weekdaysOnly { what = "weekday " + what }
            if weekend && part != nil { what = "weekend " + what }
            return Result(intent: TimeIntent(kind: .habitual, label: "open \(what) (next 7 days)", windows: windows, words: words),
                          consumed: consumed)
        }
        if weekend {
            let wd = Weekday(dayNumber: Int(today0))
            var days: [Int64]
            switch wd {
            case .saturday: days = [today0, today0 + 1]
            case .sunday: days = [today0]
            default: days = [today0 + Int64(5 - wd.rawValue), today0 + Int64(6 - wd.rawValue)]
            }
            if next && wd.rawValue >= 5 { days = [today0 + Int64(12 - wd.rawValue), today0 + Int64(13 - wd.rawValue)] }
            let windows = days.compactMap { window(day: $0, clip: false) }
            let label = "open this weekend (\(days.map(dayLabel).joined(separator: ", ")))\(qualifier())"
            return Result(intent: TimeIntent(kind: .weekend, label: label, windows: windows, words: words), consumed: consumed)
        }
        if weekday != nil {
            let days = daysSaid()
            let windows = days.compactMap { window(day: $0, clip: false) }
            let consecutive = days.count > 2 && zip(days, days.dropFirst()).allSatisfy { $1 == $0 + 1 }
            let said = consecutive ? "\(dayLabel(days.first!)) to \(dayLabel(days.last!))"
                : days.count == 1 ? dayLabel(days[0])
                : days.dropLast().map(dayLabel).joined(separator: ", ") + " or " + dayLabel(days.last!)
            return Result(intent: TimeIntent(kind: .day, label: "open \(said)\(qualifier())", windows: windows, words: words),
                          consumed: consumed)
        }
        if tomorrow {
            let d = today0 + 1
            let windows = window(day: d, clip: false).map { [$0] } ?? []
            return Result(intent: TimeIntent(kind: .day, label: "open tomorrow (\(dayLabel(d)))\(qualifier())", windows: windows, words: words),
                          consumed: consumed)
        }
        if weekdaysOnly {
            // "weekday" alone: the next weekday on or after today.
            var d = today0
            while Weekday(dayNumber: Int(d)).rawValue >= 5 { d += 1 }
            let windows = window(day: d, clip: d == today0).map { [$0] } ?? []
            return Result(intent: TimeIntent(kind: .day, label: "open \(dayLabel(d))\(qualifier())", windows: windows, words: words),
                          consumed: consumed)
        }
        // Today (said, or implied by a part of the day or a clock time).
        if let w = window(day: today0, clip: true) {
            let kind: TimeIntent.Kind = part == nil && clock == nil && !lateOpening ? .today : .window
            let label = part == nil && clock == nil && !lateOpening ? "open today" : "open today\(qualifier())"
            if case .at? = clock { return Result(intent: TimeIntent(kind: .instant, label: label, windows: [w], words: words), consumed: consumed) }
            return Result(intent: TimeIntent(kind: kind, label: label, windows: [w], words: words), consumed: consumed)
        }
        // That part of today has passed: tomorrow's.
        let d = today0 + 1
        let windows = window(day: d, clip: false).map { [$0] } ?? []
        return Result(intent: TimeIntent(kind: .window, label: "open tomorrow (\(dayLabel(d)))\(qualifier())", windows: windows, words: words),
                      consumed: consumed)
    }

    /// A clock time said at `words[i]`, as the tokenizer leaves it: `6pm`, `6 pm`, `9 30` (`9:30`),
    /// `9 30am` (`9:30am`), `9.30pm`, `noon`, and, when `bare` (after `at`, `after` ...), `6` (a bare
    /// hour from 1 to 7 is afternoon). Valid with its minutes, the words it used and whether it said am
    /// or pm; impossible (`25:00`, `13pm`, `9:75`) with the text as said; nil when it is no time.
    /// (`meridiem` is true for a time that says which half of the day it is: am or pm, or hours and
    /// minutes written with a colon, `19:00`.)
    enum SpokenTime: Equatable { case valid(minutes: Int, words: Int, meridiem: Bool), impossible(text: String, words: Int) }

    static func spokenTime(_ words: [String], at i: Int, bare: Bool, colons: WordPositions? = nil) -> SpokenTime? {
        guard i < words.count else { return nil }
        let w = words[i]
        func meridiem(_ s: String) -> Bool { s.hasSuffix("am") || s.hasSuffix("pm") }
        func read(_ text: String, words n: Int, pm: Bool = false) -> SpokenTime {
            // Hours and minutes joined by a colon known from the text say the time in full (`19:00`).
            let clock = n >= 2 && colons?.contains(i + 1) == true
            if let t = TimeOfDay.lenient(text, assumePM: pm) { return .valid(minutes: t.minutes, words: n, meridiem: meridiem(text) || clock) }
            return .impossible(text: text, words: n)
        }
        // Said the way people say it: `half 5` and `half past 5` (17:30), `quarter past 5`, `quarter to 6`,
        // `5 o'clock` (an hour from 1 to 7 is the afternoon's, as a bare one is), and an hour in words after
        // `at`, `after` ... (`at five`). They were dropped unsaid, or `half` found a street.
        func hour(_ k: Int) -> Int? {
            guard k < words.count else { return nil }
            if let h = hourWords.find(words[k]) { return h }
            guard words[k].utf8.count <= 2, words[k].isASCIIDigits, let h = Int(words[k]), (1...12).contains(h) else { return nil }
            return h
        }
        func afternoon(_ h: Int) -> Int { TimeOfDay.bareAfternoonHours.contains(h) ? h + 12 : h }
        if w == "half" || w == "quarter" {
            var k = i + 1, to = false
            if k < words.count, words[k] == "past" { k += 1 } else if w == "quarter", k < words.count, words[k] == "to" { to = true; k += 1 }
            else if w == "quarter" { return nil }
            guard let h = hour(k) else { return nil }
            let base = afternoon(h) * 60
            return .valid(minutes: w == "half" ? base + 30 : to ? base - 15 : base + 15, words: k - i + 1, meridiem: true)
        }
        if i + 1 < words.count, words[i + 1] == "oclock", let h = hour(i) { return .valid(minutes: afternoon(h) * 60, words: 2, meridiem: true) }
        if bare, w.firstByte.map({ $0 >= 0x61 }) ?? false, let h = hourWords.find(w) { return .valid(minutes: afternoon(h) * 60, words: 1, meridiem: false) }
        let next = i + 1 < words.count ? words[i + 1] : nil
        // (`9-11am` is a range, not 9:11: the minutes must follow a colon when it is known.)
        if (1...2).contains(w.utf8.count), w.isASCIIDigits, let next, colons?.contains(i + 1) ?? true || next == "am" || next == "pm" {
            // `9 30`, `9 30am`, `9 30 am`: hours and minutes the tokenizer split at the colon.
            let minutes = meridiem(next) ? next.dropLast(2) : Substring(next)
            if minutes.utf8.count == 2, minutes.isASCIIDigits {
                if !meridiem(next), i + 2 < words.count, words[i + 2] == "am" || words[i + 2] == "pm" { return read(w + ":" + next + words[i + 2], words: 3) }
                return read(w + ":" + next, words: 2)
            }
            if next == "am" || next == "pm" { return read(w + next, words: 2) }
        }
        if meridiem(w), w.startsWithNumber, w.dropLast(2).allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." }) { return read(w, words: 1) }
        if w == "noon" || w == "midday" || w == "midnight" { return read(w, words: 1) }
        if bare, w.isASCIIDigits { return read(w, words: 1, pm: true) }
        return nil
    }

    /// The end of a range whose start (`minutes`, said with am/pm or not) ends just before `words[j]`:
    /// `to 2`, `till 2pm`, `and 2`, or `2` alone after a hyphen. Hours said without am or pm read as the
    /// range people mean: `10 to 2` is 10:00 to 14:00, `6 to 8` 18:00 to 20:00, and `9 to 11pm` carries
    /// the pm back to 21:00. Nil when no time follows.
    static func rangeEnd(_ words: [String], at j: Int, start: Int, startSaid: Bool,
                         colons: WordPositions?) -> (start: Int, end: Int, words: Int)? {
        var k = j
        if k < words.count, rangeJoiners.contains(words[k]) { k += 1 }
        guard case .valid(var end, let n, let endSaid)? = spokenTime(words, at: k, bare: true, colons: colons),
              endSaid || Int(words[k]).map({ (1...12).contains($0) }) ?? false else { return nil }
        var start = start
        if !startSaid, endSaid, start < 720, start + 720 < end { start += 720 }
        if !endSaid, end <= start, end < 720 { end += 720 }
        return (start, end, k + n - j)
    }

    /// Whether a bare number just before `words[j]` counts something rather than saying a time: a unit
    /// follows it (`open 7 days`, `after 3 years`), or a range's end does (`from 11 to 16 years`).
    static func countsSomething(_ words: [String], at j: Int) -> Bool {
        guard j < words.count else { return false }
        if unitWords.contains(words[j]) { return true }
        var k = j
        if rangeJoiners.contains(words[k]) { k += 1 }
        guard k < words.count, let b = words[k].firstByte, b >= 0x30, b <= 0x39 else { return false }
        return k + 1 < words.count && unitWords.contains(words[k + 1])
    }

    /// A valid clock time at `words[i]` (``spokenTime(_:at:bare:)`` after `at`, `after` ...): minutes and words used.
    static func clockTime(_ words: [String], at i: Int, colons: WordPositions? = nil) -> (Int, Int)? {
        guard case .valid(let minutes, let used, _)? = spokenTime(words, at: i, bare: true, colons: colons) else { return nil }
        return (minutes, used)
    }

    /// Clock times that cannot be (`at 25:00`, `after 13pm`, `9:75`) among the words not used, with
    /// their positions: said back to the worker rather than searched as the words `25` and `00`.
    static func impossibleTimes(_ words: [String], skipping used: WordPositions, colons: WordPositions? = nil) -> [(text: String, positions: [Int])] {
        var out: [(String, [Int])] = []
        var i = 0
        while i < words.count {
            defer { i += 1 }
            // Only a word that starts with a digit can start a time that cannot be (one byte checked).
            guard !used.contains(i), let b = words[i].firstByte, b >= 0x30, b <= 0x39,
                  let spoken = spokenTime(words, at: i, bare: false, colons: colons) else { continue }
            switch spoken {
            case .valid(_, let n, _):
                i += n - 1  // `9 30am` is one time; its `30am` is not an impossible one
            case .impossible(let text, let n):
                // Without am or pm, `12 99` is a time only where one is asked for (`at 25:00`).
                let said = text.hasSuffix("am") || text.hasSuffix("pm")
                    || (i > 0 && ["at", "after", "before", "until", "till", "from", "open", "opens", "by"].contains(words[i - 1]))
                guard said, (i..<(i + n)).allSatisfy({ !used.contains($0) }) else { continue }
                out.append((text, Array(i..<(i + n))))
                i += n - 1
            }
        }
        return out
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sat 15 Nov`.
    ///
    /// - Complexity: O(1), and no allocation: at most ten bytes, a small string, written byte by byte
    ///   (interpolating the three parts cost some 1,400 instructions, counted by callgrind; a question
    ///   with a day and every result's hours make these).
    public static func label(for date: LocalDate) -> String {
        let weekday = date.weekday.shortName, month = monthNames[date.month - 1], day = date.day
        guard weekday.utf8.count == 3, month.utf8.count == 3, (1...31).contains(day) else {
            return "\(weekday) \(day) \(month)"
        }
        return String(unsafeUninitializedCapacity: 10) { out in
            var k = 0
            for b in weekday.utf8 { out[k] = b; k += 1 }
            out[k] = 0x20; k += 1
            if day >= 10 { out[k] = 0x30 + UInt8(day / 10); k += 1 }
            out[k] = 0x30 + UInt8(day % 10); k += 1
            out[k] = 0x20; k += 1
            for b in month.utf8 { out[k] = b; k += 1 }
            return k
        }
    }
}

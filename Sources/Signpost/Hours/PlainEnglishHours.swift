/// Reads opening hours written in plain English, as people type them into a spreadsheet:
/// `Monday to Wednesday, 10am to 8pm; Thursday 9.30-12`, `Tuesdays 10:00 - 12:00`,
/// `Mon-Fri 9-5`, `weekdays 9am-5pm, Saturday 10-12`, `first Tuesday of the month 10-12`,
/// `24 hours`, `By appointment only`.
///
/// It is a fallback for values that are not OpenStreetMap syntax: what it reads is accepted with a
/// warning that shows the reading, so that staff can check it.
public enum PlainEnglishHours {
    public struct Unreadable: Error, Sendable { public var reason: String }

    static let dayWords: [String: [Weekday]] = {
        var d: [String: [Weekday]] = [:]
        let names: [(Weekday, [String])] = [
            (.monday, ["monday", "mondays", "mon", "mo"]), (.tuesday, ["tuesday", "tuesdays", "tue", "tues", "tu"]),
            (.wednesday, ["wednesday", "wednesdays", "wed", "weds", "we"]),
            (.thursday, ["thursday", "thursdays", "thu", "thur", "thurs", "th"]), (.friday, ["friday", "fridays", "fri", "fr"]),
            (.saturday, ["saturday", "saturdays", "sat", "sa"]), (.sunday, ["sunday", "sundays", "sun", "su"]),
        ]
        for (day, words) in names { for w in words { d[w] = [day] } }
        d["weekdays"] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        d["weekday"] = d["weekdays"]
        d["weekends"] = [.saturday, .sunday]
        d["weekend"] = d["weekends"]
        d["daily"] = Weekday.allCases
        return d
    }()

    /// Words that say nothing about which days: "open 10-12" is every day.
    static let fillers: Set<String> = ["open", "opening", "opens", "hours", "hrs", "from", "at", "between", "all", "week",
                                       "times", "time", "every", "day", "days", "and", "only", "usually", "normally", "is",
                                       "are", "we", "the", "on", "a", "am", "pm", "a.m", "p.m", "of", "month", "each", "otherwise",
                                       "other", "rest", "remaining"]

    /// Month names and lengths of time: after numbers they make dates (`closed 24-26 Dec`).
    static func isDateWord(_ t: String) -> Bool {
        ["week", "weeks", "day", "days", "month", "months"].contains(t) || monthWords.contains(t)
    }
    static let monthWords: Set<String> = ["jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun",
                                          "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october",
                                          "nov", "november", "dec", "december"]

    /// Qualifiers the reading cannot honour, and what it does instead.
    static let unreadQualifiers: [(String, String)] = [
        ("every other", "read as every week"), ("alternate", "read as every week"), ("fortnight", "read as every week"),
        ("term time", "read as all year"), ("school holiday", "not read"), ("half term", "not read"),
        ("bank holiday", "not read (in OpenStreetMap syntax, PH off)"), ("public holiday", "not read (in OpenStreetMap syntax, PH off)"),
        ("except", "not read"),
        ("christmas", "not read; in OpenStreetMap syntax, e.g. Dec 24-26 off"), ("new year", "not read; in OpenStreetMap syntax, e.g. Jan 01 off"),
        ("easter", "not read (Good Friday and Easter Monday are bank holidays: PH off)"),
        ("summer", "read as all year"), ("winter", "read as all year"), ("seasonal", "read as all year"),
        ("biweekly", "read as every week"),
    ]

    static let ordinals = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                           "fifth": 5, "5th": 5, "last": -1]

    /// Words for a part of the day, which may come before the times and their days (`Mornings 9-12 weekdays`).
    static let partsOfDay: Set<String> = ["morning", "mornings", "afternoon", "afternoons", "evening", "evenings", "lunchtime", "lunchtimes"]

    /// Words that leave days out: `closed Wednesdays`, `not Wednesdays`, `except Fridays`.
    static let closingWords: Set<String> = ["closed", "off", "not", "except", "excluding", "exc", "excl"]

    public static func parse(_ raw: String) throws(Unreadable) -> ParsedHours {
        // (`6-8 p.m.`: the full stops would split the meridiem into words.)
        // (Line breaks written as `\n`, as some exports do, are line breaks.)
        // A line of its own is a clause of its own (`Monday: 9am - 5pm` / `Wednesday: 10am - 2pm` in one cell read
        // Wednesday as closed); `every night` and `nightly` are every day (a night shelter's `Every night 8pm-8am`
        // could not be read); `appt` is an appointment.
        var written = TimeOfDay.withoutMeridiemStops(raw.lowercased().replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
            .replacingOccurrences(of: "\\n", with: "\n"))
        for (said, meant) in [("\r\n", "; "), ("\n", "; "), ("\r", "; ")] where written.contains(said) {
            written = written.replacingOccurrences(of: said, with: meant)
        }
        // (Whole words only: `fortnightly` became `fortdaily`, and its warning was lost.)
        for (said, meant) in [("every night", "daily"), ("nightly", "daily"), ("appts", "appointment"), ("appt", "appointment")] where written.contains(said) {
            written = replacingWord(said, with: meant, in: written)
        }
        // PH off said without the `;` OpenStreetMap syntax wants (`Mo-Fr 09:00-17:00 PH off`): closed on
        // bank holidays, as in words (the closure was dropped unsaid).
        for said in ["ph off", "ph closed"] where written.contains(said) { written = replacingWord(said, with: "closed bank holidays", in: written) }
        // `closed bank holidays`, `except public holidays`, `bank holidays closed`: read as PH off, and
        // taken out of the text (they were noted as not read).
        let (withSeason, closedOnHolidays) = withoutBankHolidayClosure(written)
        // Dates: a season's (`2024-11-01 to 2025-02-28`, `from 01/11/2024`) bound every session; any
        // other is taken out and noted, never read as a time (`2024-11-01` was 20:24).
        let season = withoutSeason(withFigureDates(withSeason))
        let text = season.text
        func dated(_ out: ParsedHours) -> ParsedHours {
            var out = out
            for k in out.rules.indices {
                if out.rules[k].validFrom == nil { out.rules[k].validFrom = season.from }
                if out.rules[k].validTo == nil { out.rules[k].validTo = season.to }
            }
            if let f = season.from, let t = season.to, t < f {
                out.notes.append("the season's last day, \(t), is before its first, \(f): it is never open; check the dates")
            }
            if !season.unread.isEmpty {
                out.notes.append("dates (\(season.unread.map { "\"\($0)\"" }.joined(separator: ", "))) are not read; in OpenStreetMap syntax, e.g. 2025 Dec 25 off")
            }
            return out
        }
        if text.contains("24 hours") || text.contains("24/7") || text.contains("24hrs") || text.contains("24 hrs") {
            var out = ParsedHours()
            out.rules = [ScheduleRule(pattern: .daily, opens: TimeOfDay(minutes: 0)!, closes: TimeOfDay(minutes: 0)!)]
            out.closedOnBankHolidays = closedOnHolidays
            return dated(out)
        }
        guard text.contains("appointment") || text.contains("by arrangement") || text.contains("call to arrange") else {
            var out = try sessions(in: text, seasonRead: season.from != nil || season.to != nil)
            out.closedOnBankHolidays = closedOnHolidays
            return dated(out)
        }
        // By appointment, unless hours are given too (`Mo-Fr 09:00-17:00 || by appointment`: the
        // weekday hours were lost): then the hours, and a note.
        if var out = try? sessions(in: text, seasonRead: season.from != nil || season.to != nil) {
            out.notes.append("\"by appointment\" is said as well: the hours given are kept")
            out.closedOnBankHolidays = closedOnHolidays
            return dated(out)
        }
        var out = ParsedHours()
        out.byAppointment = true
        return out
    }

    /// The text with dates written in words and with a year (`28 Dec 2023`, `1st April 2025`, `Dec 28,
    /// 2023`) written in figures (`2023-12-28`), as a season's or another date in figures is read (their
    /// years were read as times: `28 Dec 2023 to 1 Apr 2025` made a session of 20:23-01:00, and a service
    /// whose hours had ended was open every week again).
    ///
    /// - Complexity: O(words).
    static func withFigureDates(_ text: String) -> String {
        // (Most cells name no month: one look first.)
        guard text.contains(where: \.isNumber), monthWords.contains(where: { text.contains($0) }) else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func month(_ w: String) -> Int? {
            let bare = w.filter(\.isLetter)
            guard monthWords.contains(bare) else { return nil }
            return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].firstIndex { bare.hasPrefix($0) }.map { $0 + 1 }
        }
        func day(_ w: String) -> Int? {
            var d = Substring(w.filter { $0 != "," })
            for suffix in ["st", "nd", "rd", "th"] where d.hasSuffix(suffix) { d = d.dropLast(2) }
            guard !d.isEmpty, d.count <= 2, d.allSatisfy(\.isNumber), let n = Int(d), (1...31).contains(n) else { return nil }
            return n
        }
        func year(_ w: String) -> Int? {
            let y = w.filter { $0 != "," && $0 != ";" && $0 != ")" }
            guard y.count == 4, y.allSatisfy(\.isNumber), let n = Int(y), (1900...2099).contains(n) else { return nil }
            return n
        }
        var k = 0
        while k + 2 < words.count {
            // `28 dec 2023`, `dec 28 2023` (a comma after either kept for the clause: `…, 2023;`).
            var found: (day: Int, month: Int, year: Int)? = nil
            if let d = day(words[k]), let m = month(words[k + 1]), let y = year(words[k + 2]) { found = (d, m, y) }
            else if let m = month(words[k]), let d = day(words[k + 1]), let y = year(words[k + 2]) { found = (d, m, y) }
            guard let (d, m, y) = found, let date = LocalDate(year: y, month: m, day: d) else { k += 1; continue }
            let ending = words[k + 2].last.flatMap { ";,)".contains($0) ? String($0) : nil } ?? ""
            words.replaceSubrange(k...(k + 2), with: [date.description + ending])
            k += 1
        }
        return words.joined(separator: " ")
    }

    /// A date written in figures: `2024-11-01` (year first) or `01/11/2024`, `1/11/24` (day first, as
    /// in Britain); nil for anything else (`9.30-12` is no date).
    static func figureDate(_ word: Substring) -> LocalDate? {
        let w = String(word.drop { $0 == "(" }.reversed().drop { ",;:.)".contains($0) }.reversed())
        // Only slashes (day first) or a year-first form with hyphens: `9.30-12` and `10-2` are times.
        let slashes = w.split(separator: "/", omittingEmptySubsequences: false), hyphens = w.split(separator: "-", omittingEmptySubsequences: false)
        guard slashes.count == 3 || (hyphens.count == 3 && hyphens[0].count == 4) else { return nil }
        // (As the sheets' dates are read; a two-digit year is this century's.)
        return FieldChecks.lenientDate(w, reference: LocalDate(year: 2099, month: 12, day: 31)!)
    }

    /// The text without the dates it holds in figures: a season's (`2024-11-01 to 2025-02-28`, `from
    /// 01/11/2024`, `until 28/02/2025`), whose first and last days are returned, and any other (returned
    /// as written, to be noted as not read).
    static func withoutSeason(_ text: String) -> (text: String, from: LocalDate?, to: LocalDate?, unread: [String]) {
        var words = text.split(separator: " ", omittingEmptySubsequences: true)
        // (Most cells hold no date: one look for a word with a `/`, or a `-` after four figures, first.)
        guard words.contains(where: { w in w.contains("/") || (w.drop { $0 == "(" }.prefix(4).allSatisfy(\.isNumber) && w.contains("-")) }),
              words.contains(where: { figureDate($0) != nil }) else { return (text, nil, nil, []) }
        var from: LocalDate? = nil, to: LocalDate? = nil, unread: [String] = []
        let joiners: Set<Substring> = ["to", "-", "until", "till", "til", "and"]
        var k = 0
        while k < words.count {
            guard let date = figureDate(words[k]) else { k += 1; continue }
            var start = k, end = k
            let before = k > 0 ? words[k - 1] : ""
            if end + 2 < words.count, joiners.contains(words[end + 1]), let last = figureDate(words[end + 2]), from == nil, to == nil {
                (from, to) = (date, last)
                end += 2
                if ["from", "between"].contains(before) { start -= 1 }
            } else if ["from", "starting", "since"].contains(before), from == nil {
                from = date
                start -= 1
            } else if ["until", "till", "til", "to", "ending", "ends"].contains(before), to == nil {
                to = date
                start -= 1
            } else {
                unread.append(String(words[k].filter { !"(),;:".contains($0) }))
            }
            // (A `;` or `,` after the last date ends its clause still: `from 01/11/2025; 2-4 Thu`.)
            let ending = words[end].last.flatMap { ";,".contains($0) ? Substring(String($0)) : nil }
            words.replaceSubrange(start...end, with: ending.map { [$0] } ?? [])
            k = start + (ending == nil ? 0 : 1)
        }
        return (words.joined(separator: " "), from, to, unread)
    }

    /// `text` with `word` replaced where it stands as a word (no letter either side).
    static func replacingWord(_ word: String, with replacement: String, in text: String) -> String {
        var out = "", rest = Substring(text)
        while let r = rest.range(of: word) {
            let before = r.lowerBound == rest.startIndex ? (out.last ?? " ") : rest[rest.index(before: r.lowerBound)]
            let after = r.upperBound == rest.endIndex ? " " : rest[r.upperBound]
            out += rest[..<r.lowerBound]
            out += before.isLetter || after.isLetter ? String(rest[r]) : replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    /// The text without words saying the service is closed on bank (or public) holidays, and whether
    /// it said so.
    static func withoutBankHolidayClosure(_ text: String) -> (String, Bool) {
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        func bare(_ w: String) -> String { w.filter { $0.isLetter } }
        var k = 0
        while k + 1 < words.count {
            guard ["bank", "public"].contains(bare(words[k])), bare(words[k + 1]).hasPrefix("holiday") else { k += 1; continue }
            var start = k, end = k + 1
            var before = start - 1
            while before >= 0, ["on", "all", "over", "for"].contains(bare(words[before])) { before -= 1 }
            if before >= 0, ["closed", "except", "excluding", "excl", "not", "no"].contains(bare(words[before])),
               // (`not closed on bank holidays` says the opposite.)
               !(bare(words[before]) == "closed" && before > 0 && ["not", "never"].contains(bare(words[before - 1]))) {
                start = before
            } else if end + 1 < words.count, ["closed", "off"].contains(bare(words[end + 1])) {
                end += 1
            } else {
                k += 2
                continue
            }
            // `closed bank holidays and 12-1`, `closed bank holidays and Sundays`: what follows `and` is
            // closed too (the break was read as a session of its own, inside the day's hours).
            // (Only a time range, or days with no times of their own, and not after a bracket or comma:
            // `(closed bank holidays) and Sat 10-12` opens on Saturdays.)
            func closedToo(_ j: Int) -> Bool {
                guard j < words.count else { return false }
                if words[j].first?.isNumber == true { return true }
                var m = j
                while m < words.count, Weekday(code: bare(words[m])) != nil || Weekday(code: String(bare(words[m]).dropLast())) != nil || ["and", "&", "or"].contains(words[m]) { m += 1 }
                return m > j && (m == words.count || words[m].first?.isNumber != true)
            }
            if start < k, end == k + 1, end + 2 < words.count, ["and", "&"].contains(words[end + 1]),
               !words[end].hasSuffix(")") && !words[end].hasSuffix(","), closedToo(end + 2) {
                words.replaceSubrange(start...(end + 1), with: [words[start]])
                return (words.joined(separator: " "), true)
            }
            // Keep a `;` or `,` that ended the phrase, so the clauses around stay apart.
            let last = words[end]
            words.replaceSubrange(start...end, with: last.hasSuffix(";") || last.hasSuffix(",") ? [String(last.last!)] : [])
            return (words.joined(separator: " "), true)
        }
        return (text, false)
    }

    /// The days and times in the words: days before their times (`Mon-Fri 9-5`) or after them
    /// (`9am to 5pm weekdays`), days left out (`closed Wednesdays`, `not Wednesdays`), days of the
    /// month (`2nd and 4th Tuesday`), breaks (`closed 12-1`).
    /// - Parameter seasonRead: a season in figures was read from the text (then `summer` and the like
    ///   are not "read as all year").
    private static func sessions(in text: String, seasonRead: Bool = false) throws(Unreadable) -> ParsedHours {
        var out = ParsedHours()
        let written = tokenize(text), tokens = withoutExceptedDays(written)
        // (Every `except` taken with its days: not a qualifier left unread.)
        let exceptRead = tokens != written && !tokens.contains("except")
        var days: [Weekday] = []
        var monthly: [MonthlyDay] = []
        var lastWasTime = false
        var i = 0
        var pendingOrdinals: [Int] = []
        var sawAnything = false
        // Words read as neither days nor times since the last time range: when a range then has no
        // days, they were most likely meant as days ("Xx 10:00-12:00", "Mo[1-99] 10-12"), and
        // reading the range as every day would show a closed service as open.
        var unread: [String] = []
        // Where the rules of the days being read begin (a break, `closed 12-1`, splits them).
        var groupStart = 0
        // Ranges read before any days: their days may come after them (`10:00-12:00 Tuesdays`,
        // `9:00am-1:00pm / 2:00pm-6:00pm, Mon, Wed`).
        var trailing: [(opens: TimeOfDay, closes: TimeOfDay)] = []
        // Days said to be closed: taken out of every session at the end.
        var closedDays = Set<Weekday>()
        var everyDayNoted = false
        // A range said for every day (`9-5 daily, Sat 10-2`): days given their own hours leave it too.
        var everyDaySaid = false
        // Where the last day words ended: a range straight after them is theirs (`9-5, Sat 10-2`).
        var daysEndAt = -1
        // A `;` since the days were read: a range after it may be followed by days of its own
        // (`Tues 10-12; 2-4 Thurs`), else it keeps the days before (`Mon 9-12; 1-4`).
        var clauseEnded = false
        var daysBeforeClause: [Weekday] = [], monthlyBeforeClause: [MonthlyDay] = []
        // The days (and days of the month) of ranges read before their days: those straight after the
        // ranges (`9am-5pm weekdays, Sat 10-2`: `weekdays`, and any joined to them by `and`); days read
        // after those belong to the next range (`Sat`; `9-5, Sat & Sun 10-2`: none are the first's).
        var trailingDays = 0, trailingMonthly = 0
        // Where the last range read before its days ended.
        var trailingEnd = -1
        // Days given hours of their own: when a range had no days (read as every day), those days are
        // taken out of the every-day rules at the end (`9-5, Sat 10-2`: Saturday is 10-2 only).
        var ownDays = Set<Weekday>()
        // Where the last time range ended: a word of the evening since then, or just after the next
        // range, makes a bare 6-8 the evening (`Thursday evenings 6.30-8.30`).
        var lastRangeEnd = 0

        func emit(_ opens: TimeOfDay, _ closes: TimeOfDay) {
            let targetDays = days.isEmpty && monthly.isEmpty ? Weekday.allCases : days
            if days.isEmpty && monthly.isEmpty { everyDayNoted = true } else if Set(days).count < 7 { ownDays.formUnion(days) } else { everyDaySaid = true }
            if !targetDays.isEmpty && !(days.isEmpty && !monthly.isEmpty) {
                out.rules.append(ScheduleRule(pattern: .weekly(Set(targetDays)), opens: opens, closes: closes))
            }
            if !monthly.isEmpty {
                out.rules.append(ScheduleRule(pattern: .monthly(monthly), opens: opens, closes: closes))
            }
        }
        // Words before those ranges that were not days (`Mornings 9-12 weekdays`): fine when days
        // follow, else they were most likely meant as days.
        var unreadBeforeTrailing: [String] = []
        /// The ranges read before their days, with the days read since (every day when none were).
        func flushTrailing() throws(Unreadable) {
            guard !trailing.isEmpty else { return }
            if days.isEmpty && monthly.isEmpty { days = daysBeforeClause; monthly = monthlyBeforeClause }
            daysBeforeClause = []
            monthlyBeforeClause = []
            if days.isEmpty && monthly.isEmpty && !unreadBeforeTrailing.isEmpty {
                throw Unreadable(reason: "\"\(unreadBeforeTrailing.joined(separator: " "))\" is not a day or days")
            }
            unreadBeforeTrailing = []
            // Words between the ranges and their days are about the ranges (`6:30am-12:00pm
            // (dispensing), Mon-Fri`), not days meant for the next range.
            if !days.isEmpty || !monthly.isEmpty { unread = [] }
            groupStart = out.rules.count
            for t in trailing { emit(t.opens, t.closes) }
            trailing = []
            days = []
            monthly = []
        }

        /// Whether a word of the evening is said with the range at `i`: since the range before
        /// (`Thursday evenings 6.30-8.30`), or just after it and before any other range (`6-8 Tuesday
        /// evening`; not the `9-11` of `Mon 9-11, Tue evening 6-8`).
        func eveningBeside(_ i: Int) -> Bool {
            if tokens[min(lastRangeEnd, i)..<i].contains(where: eveningWords.contains) { return true }
            guard let (_, _, used, _) = timeRange(tokens, at: i) else { return false }
            var k = i + used
            while k < tokens.count && k < i + used + 3 {
                if tokens[k].first?.isNumber ?? false || tokens[k] == ";" { return false }
                if eveningWords.contains(tokens[k]) { return timeRange(tokens, at: k + 1) == nil }
                k += 1
            }
            return false
        }

        while i < tokens.count {
            let t = tokens[i]
            if let ord = ordinals[t] { pendingOrdinals.append(ord); i += 1; continue }
            if let (ds, used) = dayRange(tokens, at: i) {
                if lastWasTime && trailing.isEmpty { days = []; monthly = []; groupStart = out.rules.count }
                lastWasTime = false
                let trailingOwn = !trailing.isEmpty && (i == trailingEnd
                    || (i > 0 && daysEndAt == i - 1 && days.count + monthly.count == trailingDays + trailingMonthly
                        && trailingDays + trailingMonthly > 0 && ["and", "&", "or"].contains(tokens[i - 1])))
                if !pendingOrdinals.isEmpty, ds.count == 1, used == 1 {
                    for ord in pendingOrdinals { monthly.append(MonthlyDay(ordinal: ord, weekday: ds[0])) }
                    pendingOrdinals = []
                } else {
                    days += ds
                }
                if trailingOwn { trailingDays = days.count; trailingMonthly = monthly.count }
                i += used
                daysEndAt = i
                clauseEnded = false
                continue
            }
            if t == "every" && i + 1 < tokens.count && tokens[i + 1] == "day" {
                if lastWasTime && trailing.isEmpty { days = []; monthly = []; groupStart = out.rules.count }
                lastWasTime = false
                days = Weekday.allCases
                i += 2
                continue
            }
            // A time range: `10am to 8pm`, `9.30-12`, `10:00 - 12:00`, `9-5`.
            if let (opens, closes, used, ambiguous) = timeRange(tokens, at: i, evening: eveningBeside(i)) {
                lastRangeEnd = i + used
                if ambiguous {
                    let said = tokens[i..<(i + used)].joined(separator: "")
                    out.notes.append("\"\(said)\" has no am or pm: read as \(opens)-\(closes), in the morning; write it with pm if it is in the evening")
                }
                // Another range before any days goes with the ones before it.
                if !trailing.isEmpty && days.isEmpty && monthly.isEmpty {
                    trailing.append((opens, closes))
                    i += used
                    trailingEnd = i
                    continue
                }
                if !trailing.isEmpty && daysEndAt == i {
                    // `9-5, Sat 10-2`: the days straight before this range are its own; the ranges
                    // before have the days read before those (`9am-5pm weekdays, Sat 10-2`), or none.
                    let own = (Array(days[min(trailingDays, days.count)...]), Array(monthly[min(trailingMonthly, monthly.count)...]))
                    days = Array(days[..<min(trailingDays, days.count)])
                    monthly = Array(monthly[..<min(trailingMonthly, monthly.count)])
                    try flushTrailing()
                    (days, monthly) = own
                    groupStart = out.rules.count
                } else {
                    try flushTrailing()
                }
                if clauseEnded && (!days.isEmpty || !monthly.isEmpty) {
                    // After a `;`: days may follow this range; if none do, the days before are kept.
                    daysBeforeClause = days
                    monthlyBeforeClause = monthly
                    days = []
                    monthly = []
                }
                clauseEnded = false
                // Words before a range without days that are no part of the day were most likely meant
                // as days (`Xx 10:00-12:00`, `Grades 2-5: 3:00pm-6:00pm`).
                if days.isEmpty && monthly.isEmpty && daysBeforeClause.isEmpty && monthlyBeforeClause.isEmpty && !unread.allSatisfy(partsOfDay.contains) {
                    throw Unreadable(reason: "\"\(unread.joined(separator: " "))\" is not a day or days")
                }
                sawAnything = true
                if days.isEmpty && monthly.isEmpty {
                    trailing = [(opens, closes)]
                    unreadBeforeTrailing = unread
                    trailingEnd = i + used
                    trailingDays = 0
                    trailingMonthly = 0
                } else {
                    emit(opens, closes)
                }
                unread = []
                lastWasTime = true
                i += used
                continue
            }
            if closingWords.contains(t) {
                try flushTrailing()
                // `closed Wednesdays`, `not Sat or Sun`: those days have no sessions, whatever else says.
                var j = i + 1
                if j < tokens.count, ["on", "for", "all", "every"].contains(tokens[j]) { j += 1 }
                var excluded: [Weekday] = []
                while j < tokens.count {
                    if let (ds, used) = dayRange(tokens, at: j) { excluded += ds; j += used; continue }
                    if excluded.isEmpty || !["and", "or", ",", "&"].contains(tokens[j]) { break }
                    j += 1
                }
                if !excluded.isEmpty, let (from, to, used, _) = timeRange(tokens, at: j) {
                    let said = tokens[i..<(j + used)].joined(separator: " ")
                    if t == "closed" || t == "off" {
                        // `closed Fridays 12-1`: a break on some days only, not read (it took the whole day out).
                        out.notes.append("\"\(said)\" is not read")
                    } else {
                        // `except Friday 9-4.30`: other hours on those days, in place of the ones read.
                        out.rules = Self.rules(out.rules, without: Set(excluded))
                        out.rules.append(ScheduleRule(pattern: .weekly(Set(excluded)), opens: from, closes: to))
                    }
                    sawAnything = true
                    i = j + used
                    continue
                }
                if !excluded.isEmpty, j < tokens.count, partsOfDay.contains(tokens[j]) || ["am", "pm"].contains(tokens[j]) {
                    // `closed Wed pm`, `closed Monday mornings`: part of a day, not read.
                    out.notes.append("\"\(tokens[i...j].joined(separator: " "))\" is not read")
                    i = j + 1
                    continue
                }
                if !excluded.isEmpty {
                    closedDays.formUnion(excluded)
                    sawAnything = true
                    i = j
                    continue
                }
                guard t == "closed" || t == "off" else {
                    unread.append(t)
                    i += 1
                    continue
                }
                // `8:30am-4:30pm (closed 12-1)`, `closed for lunch 12-1`: a break in the sessions just
                // read, never a session of its own (it was read as one, on every day).
                j = i + 1
                while j < tokens.count, ["for", "lunch", "between", "from", "at", "over", "dinner", "-"].contains(tokens[j]) { j += 1 }
                // (`closed 1-2 January`, `closed 2-4 weeks in August` are dates, not a break: the
                // note below says they are not read.)
                if let (_, _, used, _) = timeRange(tokens, at: j), j + used < tokens.count, Self.isDateWord(tokens[j + used]) {
                    // Dates closed: not read (the notes say so), and never a session.
                    lastWasTime = true
                    i = j + used + 1
                    continue
                }
                if let (from, to, used, _) = timeRange(tokens, at: j) {
                    var split: [ScheduleRule] = []
                    for r in out.rules[groupStart...] {
                        guard r.opens < from, to < r.closes else {
                            // Partly over a session is not a break anyone means; between two is no change.
                            if from < r.closes && r.opens < to { out.notes.append("\"closed \(from)-\(to)\" overlaps \(r.opens)-\(r.closes); not read") }
                            split.append(r)
                            continue
                        }
                        var morning = r, afternoon = r
                        morning.closes = from
                        afternoon.opens = to
                        split += [morning, afternoon]
                    }
                    out.rules.replaceSubrange(groupStart..., with: split)
                    i = j + used
                    continue
                }
                // `Sunday closed`: those days have no sessions (nothing to add).
                if !days.isEmpty || !monthly.isEmpty { sawAnything = true }
                days = []
                monthly = []
                lastWasTime = true
                i += 1
                continue
            }
            if t == ";" { clauseEnded = true }
            // A clock time no range took: one that cannot be (`We 25:00-26:00`), or a range's start with no end
            // (`Tu 10:00-`), makes the hours around it unreliable; leaving it out kept the rest as if complete.
            if Self.looksLikeClock(t) {
                // (Only `25:00`: `25.12` may be a date, which the notes say is not read.)
                func impossible(_ w: String) -> Bool { w.contains(":") && TimeOfDay.lenient(w, assumePM: false) == nil }
                if impossible(t) { throw Unreadable(reason: "\"\(t)\" is not a time of day (hours run 00 to 23 and minutes 00 to 59)") }
                if i + 1 < tokens.count, ["-", "to", "till", "until"].contains(tokens[i + 1]) {
                    if i + 2 < tokens.count, Self.looksLikeClock(tokens[i + 2]), impossible(tokens[i + 2]) {
                        throw Unreadable(reason: "\"\(tokens[i + 2])\" is not a time of day (hours run 00 to 23 and minutes 00 to 59)")
                    }
                    if TimeOfDay.lenient(t, assumePM: false) != nil {
                        throw Unreadable(reason: "\"\(t) \(tokens[i + 1])\" has no time it ends")
                    }
                }
            }
            // A word with digits that is no time (`7:00amGÇô11:00pm`, a dash in the wrong encoding): the
            // sessions around it cannot be told apart (the next range was read with these days).
            if t.contains(where: \.isNumber) && t.contains(where: \.isLetter) && TimeOfDay.lenient(t, assumePM: false) == nil {
                throw Unreadable(reason: "\"\(t)\" is not a time")
            }
            if t.contains(where: \.isLetter) && !fillers.contains(t) { unread.append(t) }
            i += 1
        }
        try flushTrailing()
        // Days given hours of their own are not also given the every-day ones (`9-5, Sat 10-2`).
        let given = ownDays.subtracting(closedDays)
        let trimEveryDay = (everyDayNoted || everyDaySaid) && !given.isEmpty && given.count < 7
        if trimEveryDay {
            out.rules = out.rules.flatMap { r -> [ScheduleRule] in
                if case .weekly(let ds) = r.pattern, ds.count == 7 { return Self.rules([r], without: given) }
                return [r]
            }
        }
        if !closedDays.isEmpty {
            out.rules = Self.rules(out.rules, without: closedDays)
        }
        if everyDayNoted {
            let closed = Weekday.allCases.filter(closedDays.contains).map(\.shortName).joined(separator: ", ")
            let own = trimEveryDay
                ? " but " + Weekday.allCases.filter(given.contains).map(\.shortName).joined(separator: ", ") + " (given hours of their own)" : ""
            out.notes.append(closed.isEmpty ? "no days given; read as every day\(own)" : "no open days given; read as every day but \(closed)\(own.isEmpty ? "" : "; and" + own)")
        }
        guard sawAnything, !out.rules.isEmpty || out.byAppointment else {
            throw Unreadable(reason: closedDays.isEmpty ? "no days and times could be read" : "no days are left open")
        }
        // What the reading leaves out is said, not dropped.
        for (phrase, what) in unreadQualifiers where text.contains(phrase) {
            if phrase == "except" && (!closedDays.isEmpty || exceptRead) { continue }
            if seasonRead && ["summer", "winter", "seasonal"].contains(phrase) { continue }
            out.notes.append("\"\(phrase)\" is not understood: \(what)")
        }
        if let month = tokens.first(where: { monthWords.contains($0) && $0 != "may" }) {
            out.notes.append("dates (\"\(month)\") are not read; in OpenStreetMap syntax, e.g. Dec 24-26 off")
        }
        return out
    }

    /// The rules with these days taken out of their weekly and monthly days (a rule left with none goes):
    /// days closed (`closed Wednesdays`), and days given other hours (`except Friday 9-4.30`).
    static func rules(_ rules: [ScheduleRule], without days: Set<Weekday>) -> [ScheduleRule] {
        rules.compactMap { r in
            var r = r
            switch r.pattern {
            case .weekly(let ds):
                let open = ds.subtracting(days)
                if open.isEmpty { return nil }
                r.pattern = .weekly(open)
            case .monthly(let ms):
                let open = ms.filter { !days.contains($0.weekday) }
                if open.isEmpty { return nil }
                r.pattern = .monthly(open)
            default: break
            }
            return r
        }
    }

    /// A day, or a range of days (`monday to wednesday`, `mon-wed`), at `i`: the days and how many
    /// words they took.
    static func dayRange(_ tokens: [String], at i: Int) -> ([Weekday], Int)? {
        guard let ds = dayWords[tokens[i]] else { return nil }
        if i + 2 < tokens.count, ["to", "-", "till", "til", "until", "untill", "thru", "through"].contains(tokens[i + 1]),
           let to = dayWords[tokens[i + 2]], ds.count == 1, to.count == 1 {
            var d = ds[0]
            var out = [d]
            while d != to[0] { d = Weekday(rawValue: (d.rawValue + 1) % 7)!; out.append(d) }
            return (out, 3)
        }
        return (ds, 1)
    }

    /// Days less the days after `except` (`Mon-Sat except Wednesday 10-4`, `Every day except Sunday`,
    /// `Weekdays excluding Wed 9-5`): the days left, as a list of day words. (The times after the
    /// days excepted were theirs, and read as the only day open.)
    static func withoutExceptedDays(_ tokens: [String]) -> [String] {
        var t = tokens
        var k = 1
        while k < t.count {
            defer { k += 1 }
            guard ["except", "excluding", "excl", "exc", "but"].contains(t[k]) else { continue }
            var j = k + 1
            if t[k] == "but" { guard j < t.count, ["not", "except"].contains(t[j]) else { continue }; j += 1 }
            // The days excepted: one or more, joined by `and`, `&`, `or` or commas.
            var excepted: [Weekday] = []
            while j < t.count, let (ds, used) = dayRange(t, at: j) {
                excepted += ds
                j += used
                if j + 1 < t.count, [",", "and", "&", "or"].contains(t[j]), dayRange(t, at: j + 1) != nil { j += 1 } else { break }
            }
            // (Part of a day excepted, `except Wed afternoons`, `except Wed pm`: not days; left to the reading.)
            guard !excepted.isEmpty, !(j < t.count && (partsOfDay.contains(t[j]) || ["am", "pm"].contains(t[j]))) else { continue }
            // The days they are taken from end just before: a range, a word, or `every day`.
            var from: (start: Int, days: [Weekday])? = nil
            for start in stride(from: k - 1, through: max(0, k - 3), by: -1) {
                if let (ds, used) = dayRange(t, at: start), start + used == k { from = (start, ds) }
                if start + 2 == k, t[start] == "every", t[start + 1] == "day" { from = (start, Weekday.allCases) }
            }
            guard let (start, days) = from, days.count > 1 else { continue }
            let left = Weekday.allCases.filter { days.contains($0) && !excepted.contains($0) }
            guard !left.isEmpty else { continue }
            let names = left.map { String($0.shortName.lowercased()) }
            t.replaceSubrange(start..<j, with: names.flatMap { [$0, ","] }.dropLast())
            // (On to the token after the days put in: the `defer` steps onto it.)
            k = start + 2 * names.count - 2
        }
        return t
    }

    /// Whether a word is written as a clock time: digits, one `:` or `.`, digits (`9:30`, `25:00`, `9.30`).
    static func looksLikeClock(_ t: String) -> Bool {
        // (By its bytes, without a list of parts made: every word of every hours text is asked.)
        let b = Array(t.utf8)
        guard let mark = b.firstIndex(where: { $0 == 0x3A || $0 == 0x2E }) else { return false }
        func digits(_ part: ArraySlice<UInt8>) -> Bool { (1...2).contains(part.count) && part.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        return digits(b[..<mark]) && digits(b[(mark + 1)...])
    }

    /// Words, numbers and times, with `-`, `,` and `;` as separate tokens.
    static func tokenize(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        for ch in s {
            switch ch {
            case " ", "\t", "\n", "(", ")", "/": flush()
            case "-", ",", ";", "&": flush(); out.append(String(ch))
            case ".":
                // A dot inside a time (9.30) stays; elsewhere it ends a word.
                if let last = current.last, last.isNumber { current.append(ch) } else { flush() }
            default: current.append(ch)
            }
        }
        flush()
        // `Mon-Fri: 9-5`: a colon ending a word ends it (one inside a time, 9:30, stays).
        // (`Grades 2-5:` keeps its colon: a number followed by one is a label, not a time.)
        return out.map { $0.hasSuffix(".") || $0.hasSuffix(":") && $0.first?.isLetter == true ? String($0.dropLast()) : $0 }
            .filter { !$0.isEmpty }
    }

    /// A time range at `i`: start, optional `to`/`-`, end. The end of a bare range such as `9-5`
    /// is read as afternoon when that makes it later than the start.
    /// The fourth value says the range's start was a bare 6 or 7, read as morning though it may
    /// be evening (`Thurs 6-8`, `breakfast club 7.30-8.45`): the caller says so.
    /// Words of the evening in hours (`Thursday evenings 6.30-8.30`): bare hours beside them are pm.
    static let eveningWords: Set<String> = ["evening", "evenings", "night", "nights", "eve"]

    /// A time range at `i` (`10am to 8pm`, `9.30-12`, `9-5`): its times, how many words it took, and
    /// whether a bare start of 6 or 7 was read as morning without anything to say so. With `evening`
    /// (a word of the evening beside it), bare hours before noon are in the evening (`6-8` is 18:00-20:00).
    static func timeRange(_ t: [String], at i: Int, evening: Bool = false) -> (TimeOfDay, TimeOfDay, Int, Bool)? {
        guard i < t.count else { return nil }
        var k = i
        func time(_ s: String, pm: Bool) -> TimeOfDay? {
            guard s.first?.isNumber ?? false || ["noon", "midday", "midnight"].contains(s) else { return nil }
            return TimeOfDay.lenient(s, assumePM: pm)
        }
        // `10 am` written apart
        func joined(_ j: Int) -> (String, Int) {
            if j + 1 < t.count, ["am", "pm", "a.m", "p.m"].contains(t[j + 1]) { return (t[j] + t[j + 1], 2) }
            return (t[j], 1)
        }
        let (a, ua) = joined(k)
        guard let start = time(a, pm: false) else { return nil }
        k += ua
        guard k < t.count, ["-", "to", "till", "til", "until", "untill"].contains(t[k]) else { return nil }
        k += 1
        guard k < t.count else { return nil }
        let (b, ub) = joined(k)
        guard var closes = time(b, pm: false) else { return nil }
        var opens = start
        func meridiem(_ s: String) -> Bool { s.contains("am") || s.contains("pm") || s.contains("noon") || s.contains("midday") || s.contains("midnight") }
        // A 24-hour time (13:30, 09:00) says which half of the day it is in.
        func twentyFourHour(_ s: String) -> Bool { s.contains(":") && (s.first == "0" || Int(s.prefix(2)) ?? 0 > 12) }
        let startSaid = meridiem(a) || twentyFourHour(a), endSaid = meridiem(b) || twentyFourHour(b)
        // `2-4pm`, `6-8pm`: the end's pm carries back to a start that would then still be before it
        // (`9-5pm` stays 09:00).
        if !startSaid, b.contains("pm"), opens.hour < 12, let pm = TimeOfDay(hour: opens.hour + 12, minute: opens.minute), pm < closes {
            opens = pm
        }
        // `1-3`, `Mon 9-12, 1-4`: no service opens at one in the morning; a bare start from 1 to 5 is
        // in the afternoon. (Not when the end would then come before it: `5-12` stays 05:00-12:00.)
        // A bare 6 or 7 may be either (`Thurs 6-8` a youth club, `7.30-8.45` a breakfast club): it is
        // read as morning, and said.
        func afternoonEnd(_ opens: TimeOfDay, _ closes: TimeOfDay) -> TimeOfDay {
            // `9-5`, `10-2`: an end without am/pm that is not after the start is in the afternoon.
            if !endSaid, closes <= opens, closes.hour < 12, let pm = TimeOfDay(hour: closes.hour + 12, minute: closes.minute), pm > opens { return pm }
            return closes
        }
        if evening && !startSaid && !endSaid && (5...11).contains(opens.hour) && closes > opens && closes.hour < 12,
           let o = TimeOfDay(hour: opens.hour + 12, minute: opens.minute), let c = TimeOfDay(hour: closes.hour + 12, minute: closes.minute) {
            return (o, c, k + ub - i, false)
        }
        let ambiguous = !startSaid && !endSaid && (6...7).contains(opens.hour) && closes > opens && closes.hour < 12
        if !startSaid && !endSaid, (1...5).contains(opens.hour), let pm = TimeOfDay(hour: opens.hour + 12, minute: opens.minute),
           afternoonEnd(pm, closes) > pm {
            opens = pm
        }
        closes = afternoonEnd(opens, closes)
        return (opens, closes, k + ub - i, ambiguous)
    }
}

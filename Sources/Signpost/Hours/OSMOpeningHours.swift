/// Opening hours as a directory spreadsheet writes them, turned into schedule rules.
public struct ParsedHours: Sendable, Hashable {
    public var rules: [ScheduleRule] = []
    public var exceptions: [ScheduleException] = []
    /// No hours, by appointment.
    public var byAppointment = false
    /// Parts that were understood only partly, or ignored, in words for the report.
    public var notes: [String] = []
    /// Closed on bank holidays, said in words (`closed bank holidays`): the reader that knows the years
    /// adds the days (``HoursReadings``), as `PH off` does.
    public var closedOnBankHolidays = false
    /// How the hours were read, in words (`Mon-Wed 10:00-20:00; Thu 09:30-12:00`).
    public var reading: String {
        if byAppointment { return "by appointment" }
        return OpeningHours(rules: rules, exceptions: exceptions).weeklySummary + (closedOnBankHolidays ? "; closed on bank holidays" : "")
    }

    /// The same hours in OpenStreetMap syntax, to paste into the spreadsheet (nil when it cannot say them).
    public var openingHoursSyntax: String? {
        if byAppointment { return "\"by appointment\"" }
        return try? OSMOpeningHours.format(rules: rules, exceptions: exceptions)
    }
}

/// Reads the OpenStreetMap `opening_hours` syntax, the subset a community directory needs
/// (https://wiki.openstreetmap.org/wiki/Key:opening_hours/specification):
///
/// - `24/7`; `Mo-Fr 09:00-17:00; Sa 10:00-12:00`; `Tu,Th 18:00-20:00`; `Mo-Fr 09:00-12:30,13:30-17:00`;
/// - `Su off` / `closed`; later rules replace earlier ones for the same days;
/// - `We[1] 10:00-12:00` (first Wednesday of the month), `Fr[-1]` (last Friday), `Mo[1,3]`;
/// - `PH off` / `PH 10:00-12:00` (bank holidays in England and Wales);
/// - dates: `2025 Dec 25 off`, `Dec 24 10:00-12:00` (every year), `Dec 25-26 off`;
/// - `20:00-08:00` runs past midnight, `24:00` is midnight; `"by appointment"` comments.
public enum OSMOpeningHours {
    public struct SyntaxError: Error, Sendable, Equatable {
        public var reason: String
        /// The text is valid but leaves no day open (`closed`, `Tu 10:00-12:00; Tu off`): not a
        /// reason to guess at it as plain English.
        public var neverOpen = false
    }

    static let weekdayCodes = ["mo": Weekday.monday, "tu": .tuesday, "we": .wednesday, "th": .thursday, "fr": .friday, "sa": .saturday, "su": .sunday]
    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Parses a value.
    ///
    /// - Parameter years: the years annual dates and bank holidays are worked out for.
    public static func parse(_ raw: String, years: ClosedRange<Int>) throws(SyntaxError) -> ParsedHours {
        var out = ParsedHours()
        let text = raw.trimmed
        guard !text.isEmpty else { throw SyntaxError(reason: "is empty") }
        let lower = text.lowercased()
        let bytes = ByteText(text)
        // (Only with no times at all: `By appointment, Mon-Fri 9-5` is plain English with hours.)
        if bytes.contains("appointment") && !text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { out.byAppointment = true; return out }
        if lower == "24/7" || lower == "24/7 open" {
            out.rules = [ScheduleRule(pattern: .daily, opens: TimeOfDay(minutes: 0)!, closes: TimeOfDay(minutes: 0)!)]
            return out
        }
        // Per weekday, the sessions of the rule that last set that day (later rules win; an
        // additional rule, after a comma, adds instead).
        var perDay: [Weekday: [(TimeOfDay, TimeOfDay)]] = [:]
        var monthly: [(MonthlyDay, TimeOfDay, TimeOfDay)] = []
        var bounded: [ScheduleRule] = []
        for part in text.split(separator: ";").flatMap({ $0.components(separatedBy: "||") }) {
            if ["24/7", "24/7 open"].contains(part.trimmed.lowercased()) {
                // `24/7; 2025 Dec 25 off`: open all day every day, then the rules after it.
                for day in Weekday.allCases { perDay[day] = [(TimeOfDay(minutes: 0)!, TimeOfDay(minutes: 0)!)] }
                continue
            }
            var tokens = Tokens(part.trimmed)
            var additional = false
            while tokens.peek != nil {
                try parseRule(&tokens, additional: additional, years: years, out: &out, perDay: &perDay, monthly: &monthly, bounded: &bounded)
                // `, Mo[1] 13:00-15:00`: an additional rule.
                guard tokens.take(",") else { break }
                additional = true
            }
        }
        // Weekly rules: days with identical sessions share a rule.
        var groups: [(days: Set<Weekday>, opens: TimeOfDay, closes: TimeOfDay)] = []
        for day in Weekday.allCases {
            for (o, c) in perDay[day] ?? [] {
                if let k = groups.firstIndex(where: { $0.opens == o && $0.closes == c }) { groups[k].days.insert(day) } else {
                    groups.append(([day], o, c))
                }
            }
        }
        out.rules = groups.map { ScheduleRule(pattern: .weekly($0.days), opens: $0.opens, closes: $0.closes) }
        out.rules += monthly.map { ScheduleRule(pattern: .monthly([$0.0]), opens: $0.1, closes: $0.2) }
        out.rules += bounded
        out.exceptions.sort { $0.from < $1.from }
        if out.rules.isEmpty && out.exceptions.isEmpty && !out.byAppointment {
            throw SyntaxError(reason: "says the service is never open", neverOpen: true)
        }
        return out
    }

    /// One rule: `[dates] [weekdays] times|off`, up to `;` or an additional rule's comma.
    static func parseRule(_ tokens: inout Tokens, additional: Bool, years: ClosedRange<Int>, out: inout ParsedHours,
                          perDay: inout [Weekday: [(TimeOfDay, TimeOfDay)]], monthly: inout [(MonthlyDay, TimeOfDay, TimeOfDay)],
                          bounded: inout [ScheduleRule]) throws(SyntaxError) {
        // Optional date selector: single dates or a short range are exceptions; a long range bounds the rule.
        var dates: [LocalDate] = []
        var validity: [(LocalDate, LocalDate)] = []
        if let d = try parseDates(&tokens, years: years) {
            validity = d.ranges
            dates = d.days
        }
        var days: [Weekday] = []
        var nth: [(Int, Weekday)] = []
        var holidays = false
        while let t = tokens.peek {
            if t.lowercased() == "ph" { holidays = true; tokens.next(); if !takeSelectorComma(&tokens) { break }; continue }
            guard t.count == 2, let from = weekdayCodes[t.lowercased()] else {
                if t.count == 3, weekdayCodes[String(t.prefix(2)).lowercased()] != nil, !months.contains(t.lowercased()) {
                    throw SyntaxError(reason: "\"\(t)\" is not an OpenStreetMap day (Mo, Tu, We, Th, Fr, Sa, Su)")
                }
                break
            }
            tokens.next()
            var to = from
            if tokens.take("-") {
                guard let t2 = tokens.next(), let d2 = weekdayCodes[t2.lowercased()] else { throw SyntaxError(reason: "a day range needs two days, e.g. Mo-Fr") }
                to = d2
            }
            var range: [Weekday] = [from]
            var d = from
            while d != to { d = Weekday(rawValue: (d.rawValue + 1) % 7)!; range.append(d) }
            if tokens.take("[") {
                var ordinals: [Int] = []
                repeat {
                    let negative = tokens.take("-")
                    guard let o = tokens.next(), let u = Int(o), case let v = negative ? -u : u, (-5...5).contains(v), v != 0 else {
                        throw SyntaxError(reason: "[…] after a day holds the week of the month, 1 to 5 or -1 for the last")
                    }
                    if tokens.take("-") {
                        // A range of weeks, 1-2 up to 1-5 (an unchecked end once made `Mo[1-99999999999]` an array
                        // of that many weeks; a start of -1 made week 0).
                        guard v >= 1, let o2 = tokens.next(), let v2 = Int(o2), (v...5).contains(v2) else {
                            throw SyntaxError(reason: "a range of weeks in […] runs from 1 to at most 5, e.g. [1-2]")
                        }
                        ordinals += Array(v...v2)
                    } else {
                        ordinals.append(v)
                    }
                } while tokens.take(",")
                guard tokens.take("]") else { throw SyntaxError(reason: "a [ is not closed") }
                for day in range { for o in ordinals { nth.append((o, day)) } }
            } else {
                days += range
            }
            if !takeSelectorComma(&tokens) { break }
        }
        // Times, off, or a comment.
        var sessions: [(TimeOfDay, TimeOfDay)] = []
        var off = false
        var comment: String? = nil
        if let t = tokens.peek, ["off", "closed"].contains(t.lowercased()) {
            tokens.next(); off = true
        } else if let t = tokens.peek, t.hasPrefix("\"") {
            tokens.next(); comment = String(t.dropFirst().dropLast())
        } else {
            repeat {
                guard let a = tokens.next() else { throw SyntaxError(reason: "a rule ends before its times") }
                guard let opens = TimeOfDay(hhmm: a) else { throw SyntaxError(reason: "\"\(a)\" is not a time (HH:MM)") }
                var closes: TimeOfDay
                if tokens.take("+") {
                    closes = TimeOfDay(minutes: 0)!
                    out.notes.append("\(a)+ (open end) read as open until midnight")
                } else {
                    guard tokens.take("-"), let b = tokens.next(), let c = TimeOfDay(hhmm: b) else {
                        throw SyntaxError(reason: "a time range is written HH:MM-HH:MM")
                    }
                    closes = c
                }
                sessions.append((opens, closes))
            } while tokens.peek == "," && (tokens.peek(1).map { TimeOfDay(hhmm: $0) != nil } ?? false) && tokens.take(",")
        }
        if let rest = tokens.peek, rest.hasPrefix("\"") { tokens.next(); comment = String(rest.dropFirst().dropLast()) }
        if let rest = tokens.peek, rest != "," { throw SyntaxError(reason: "did not expect \"\(rest)\"") }
        if let comment, comment.lowercased().contains("appointment"), days.isEmpty, nth.isEmpty, sessions.isEmpty {
            out.byAppointment = true
            return
        }
        let daySelector = !days.isEmpty || !nth.isEmpty
        if !daySelector && !holidays && dates.isEmpty {
            if sessions.isEmpty && !off { throw SyntaxError(reason: "says neither days nor times") }
            days = Weekday.allCases
        }
        let exceptionSessions = off ? [] : sessions.map { ScheduleException.Session(opens: $0.0, closes: $0.1) }
        func selected(_ d: LocalDate) -> Bool {
            !daySelector || days.contains(d.weekday) || nth.contains { MonthlyDay(ordinal: $0.0, weekday: $0.1).matches(d) }
        }
        if holidays { out.exceptions += BankHolidays.exceptions(years: years, sessions: exceptionSessions) }
        if !dates.isEmpty {
            for d in dates where selected(d) { out.exceptions.append(ScheduleException(from: d, to: d, sessions: exceptionSessions)) }
            return
        }
        if holidays && !daySelector { return }
        if !validity.isEmpty && !daySelector {
            // `2025 Aug 04-2025 Aug 22 off`: a dated exception, whatever its length.
            for (from, to) in validity {
                out.exceptions.append(ScheduleException(from: from, to: to, sessions: exceptionSessions))
            }
            return
        }
        if !validity.isEmpty {
            if off {
                // `2025 Aug 04-2025 Aug 29 Mo off`: those days in the range are closed.
                for (from, to) in validity {
                    for dn in from.dayNumber...to.dayNumber {
                        let d = LocalDate(dayNumber: dn)
                        if selected(d) { out.exceptions.append(ScheduleException(from: d, to: d)) }
                    }
                }
                return
            }
            for (from, to) in validity {
            for (o, c) in sessions {
                if !days.isEmpty { bounded.append(ScheduleRule(pattern: .weekly(Set(days)), opens: o, closes: c, validFrom: from, validTo: to)) }
                for (k, day) in nth { bounded.append(ScheduleRule(pattern: .monthly([MonthlyDay(ordinal: k, weekday: day)]), opens: o, closes: c, validFrom: from, validTo: to)) }
            }
            }
            return
        }
        for day in days { perDay[day] = off ? [] : (additional ? (perDay[day] ?? []) + sessions : sessions) }
        for (o, day) in nth where !off { for s in sessions { monthly.append((MonthlyDay(ordinal: o, weekday: day), s.0, s.1)) } }
    }

    /// A comma inside a weekday selector (`Mo,We`), not the comma of an additional rule.
    static func takeSelectorComma(_ tokens: inout Tokens) -> Bool {
        guard tokens.peek == ",", let next = tokens.peek(1) else { return false }
        let isDay = next.lowercased() == "ph" || (next.count == 2 && weekdayCodes[next.lowercased()] != nil)
        // `Mo,We 10:00` continues the selector; `10:00-12:00, Mo[1] 13:00` is a new rule (handled by the caller).
        if isDay { tokens.next(); return true }
        return false
    }

    /// A date selector: single days (`2025 Dec 25`, `Dec 24`, every year in `years`; `Dec 25-26`)
    /// or, when it spans more than a week, a range that bounds a rule (`2024 Sep 01-2025 Jun 30`).
    struct DateSelector { var days: [LocalDate] = []; var ranges: [(LocalDate, LocalDate)] = [] }

    static func parseDates(_ tokens: inout Tokens, years: ClosedRange<Int>) throws(SyntaxError) -> DateSelector? {
        func year(at k: Int) -> Int? {
            guard let t = tokens.peek(k), t.count == 4, let y = Int(t), y > 1900, let m = tokens.peek(k + 1), months.contains(m.lowercased()) else { return nil }
            return y
        }
        let startYear = year(at: 0)
        let m0 = startYear == nil ? 0 : 1
        guard let m = tokens.peek(m0), let month = months.firstIndex(of: m.lowercased()) else { return nil }
        if startYear != nil { tokens.next() }
        tokens.next()
        guard let d1s = tokens.next(), let d1 = Int(d1s) else { throw SyntaxError(reason: "a month needs a day, e.g. Dec 25") }
        var endYear = startYear, endMonth = month, d2 = d1
        if tokens.take("-") {
            if let y = year(at: 0) { endYear = y; tokens.next() }
            if let t = tokens.peek, let mm = months.firstIndex(of: t.lowercased()) { endMonth = mm; tokens.next() }
            guard let s = tokens.next(), let v = Int(s) else { throw SyntaxError(reason: "a date range is written Dec 24-26 or 2024 Sep 01-2025 Jun 30") }
            d2 = v
        }
        var out = DateSelector()
        for y in startYear.map({ $0...$0 }) ?? years {
            let ey = endYear.map { $0 + (y - (startYear ?? y)) } ?? (endMonth < month ? y + 1 : y)
            guard let from = LocalDate(year: y, month: month + 1, day: d1) else { throw SyntaxError(reason: "\(m) \(d1) is not a date") }
            guard let to = LocalDate(year: ey, month: endMonth + 1, day: d2) else { throw SyntaxError(reason: "the end of the date range is not a date") }
            guard to >= from else { throw SyntaxError(reason: "a date range ends before it starts") }
            if to.dayNumber - from.dayNumber >= 7 {
                out.ranges.append((from, to))
                continue
            }
            for dn in from.dayNumber...to.dayNumber { out.days.append(LocalDate(dayNumber: dn)) }
        }
        return out
    }

    /// Tokens of a rule: words, numbers, times (`09:00`), quoted comments, and `-`, `,`, `[`, `]`, `+`.
    struct Tokens {
        var items: [String] = []
        var k = 0

        init(_ s: String) {
            var current = ""
            var inQuote = false
            func flush() { if !current.isEmpty { items.append(current); current = "" } }
            for ch in s {
                if inQuote { current.append(ch); if ch == "\"" { inQuote = false; flush() }; continue }
                switch ch {
                case "\"": flush(); current = "\""; inQuote = true
                case " ", "\t": flush()
                case "-", "–", "—", ",", "[", "]", "+": flush(); items.append(ch == "–" || ch == "—" ? "-" : String(ch))
                default: current.append(ch)
                }
            }
            flush()
        }

        var peek: String? { k < items.count ? items[k] : nil }
        func peek(_ ahead: Int) -> String? { k + ahead < items.count ? items[k + ahead] : nil }

        @discardableResult
        mutating func next() -> String? {
            guard k < items.count else { return nil }
            k += 1
            return items[k - 1]
        }

        mutating func take(_ s: String) -> Bool {
            if peek == s { k += 1; return true }
            return false
        }
    }
}

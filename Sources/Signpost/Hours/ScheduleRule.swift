/// Which days a schedule rule runs on.
public enum DayPattern: Sendable, Hashable, Codable {
    /// Every week on these days.
    case weekly(Set<Weekday>)
    /// Every month on these ordinal weekdays: `(1, .tuesday)` is the first Tuesday, `(-1, .friday)`
    /// the last Friday.
    case monthly([MonthlyDay])
    /// Every day.
    case daily
    /// Every month on these days of the month (1...31; -1 is the last day).
    case monthDays([Int])

    /// Whether the pattern includes a date.
    public func includes(_ date: LocalDate) -> Bool {
        switch self {
        case .daily: return true
        case .weekly(let days): return days.contains(date.weekday)
        case .monthly(let days):
            return days.contains { $0.matches(date) }
        case .monthDays(let days):
            let last = LocalDate.daysIn(month: date.month, year: date.year)
            return days.contains { $0 == date.day || ($0 < 0 && last + 1 + $0 == date.day) }
        }
    }
}

/// An ordinal weekday within a month (`1TU`, `-1FR`).
public struct MonthlyDay: Sendable, Hashable, Codable {
    /// 1...5 from the start of the month, -1...-5 from the end.
    public var ordinal: Int
    public var weekday: Weekday

    public init(ordinal: Int, weekday: Weekday) {
        self.ordinal = ordinal
        self.weekday = weekday
    }

    /// Parses iCalendar `BYDAY` items such as `1TU`, `-1FR`, `+2WE`.
    public init?(ical: String) {
        let s = ical.trimmingCharacters(in: .whitespaces).uppercased()
        guard s.count >= 3 else { return nil }
        let code = String(s.suffix(2))
        guard let wd = Weekday(code: code), let n = Int(s.dropLast(2)), n != 0, (-5...5).contains(n) else { return nil }
        self.init(ordinal: n, weekday: wd)
    }

    public var icalCode: String { "\(ordinal)\(weekday.icalCode)" }

    /// Whether `date` is this day of its month (the second Tuesday, the last Friday).
    public func matches(_ date: LocalDate) -> Bool {
        weekday == date.weekday && (ordinal == date.ordinalInMonth || ordinal == date.ordinalFromEnd)
    }
}

/// One regular opening rule: on the days of `pattern`, open from `opens` to `closes` (local time),
/// while `validFrom...validTo` (inclusive, bounding the day a session starts).
///
/// `closes <= opens` means the session runs past midnight into the next day (`20:00`-`08:00`);
/// `00:00`-`00:00` is open all day.
public struct ScheduleRule: Sendable, Hashable, Codable {
    public var pattern: DayPattern
    public var opens: TimeOfDay
    public var closes: TimeOfDay
    public var validFrom: LocalDate?
    public var validTo: LocalDate?
    /// Every `weekInterval` weeks (2 = fortnightly), counted from the week of `anchor`.
    public var weekInterval: Int
    /// A date in a week the rule runs (iCalendar `DTSTART`), for `weekInterval` > 1.
    public var anchor: LocalDate?
    /// The source's own wording ("First Tuesday of the month, 10:00-12:00").
    public var note: String?

    public init(pattern: DayPattern, opens: TimeOfDay, closes: TimeOfDay, validFrom: LocalDate? = nil,
                validTo: LocalDate? = nil, weekInterval: Int = 1, anchor: LocalDate? = nil, note: String? = nil) {
        self.pattern = pattern
        self.opens = opens
        self.closes = closes
        self.validFrom = validFrom
        self.validTo = validTo
        self.weekInterval = max(1, weekInterval)
        self.anchor = anchor
        self.note = note
    }

    /// Whether the rule is a plain every-week (or every-day) rule with no dates: such rules compile
    /// into minute-of-week intervals.
    public var isPlainWeekly: Bool {
        guard validFrom == nil, validTo == nil, weekInterval == 1 else { return false }
        switch pattern {
        case .weekly, .daily: return true
        case .monthly, .monthDays: return false
        }
    }

    /// Length of a session in wall-clock minutes (up to 1440).
    public var wallMinutes: Int { Self.wallMinutes(from: opens, to: closes) }

    /// Minutes on the clock from opening to closing: a closing time at or before the opening one is
    /// the next day's (up to 1440).
    static func wallMinutes(from opens: TimeOfDay, to closes: TimeOfDay) -> Int {
        closes.minutes > opens.minutes ? closes.minutes - opens.minutes : closes.minutes + 1440 - opens.minutes
    }

    /// Whether a session starts on `date`.
    public func runs(on date: LocalDate) -> Bool {
        if let f = validFrom, date < f { return false }
        if let t = validTo, date > t { return false }
        if weekInterval > 1, let anchor {
            let weeks = (Self.mondayOf(date) - Self.mondayOf(anchor)) / 7
            if ((weeks % weekInterval) + weekInterval) % weekInterval != 0 { return false }
        }
        return pattern.includes(date)
    }

    private static func mondayOf(_ d: LocalDate) -> Int { d.dayNumber - d.weekday.rawValue
    }
}

/// A dated exception to the regular rules: on each day from `from` to `to` (inclusive), the
/// regular sessions are replaced by `sessions` — none means closed (`Closed 25 December`).
public struct ScheduleException: Sendable, Hashable, Codable {
    public var from: LocalDate
    public var to: LocalDate
    /// Opening times on those days; empty when closed.
    public var sessions: [Session]
    public var note: String?

    public struct Session: Sendable, Hashable, Codable {
        public var opens: TimeOfDay
        public var closes: TimeOfDay
        public init(opens: TimeOfDay, closes: TimeOfDay) {
            self.opens = opens
            self.closes = closes
        }
    }

    public init(from: LocalDate, to: LocalDate, sessions: [Session] = [], note: String? = nil) {
        self.from = from
        self.to = to
        self.sessions = sessions
        self.note = note
    }

    public var isClosure: Bool { sessions.isEmpty }
}

extension ScheduleException.Session {
    /// Its length in minutes on the clock: a closing time at or before the opening one is the next day's.
    var wallMinutes: Int { ScheduleRule.wallMinutes(from: opens, to: closes) }
}

extension ScheduleRule {
    /// Past midnight, a session longer than this is more likely two times the wrong way round
    /// (`18:00-16:00`, 22 hours) than a night's opening (a shelter's `20:00-08:00` is 12).
    static let longestLikelyOvernightMinutes = 16 * 60
    /// Closing times before this (04:00) are read as the end of a late night.
    static let earliestLikelySwappedClose = 4 * 60

    /// ``swappedTimesFinding(opens:closes:)`` for each distinct session of some rules (hours read
    /// from text, which has no field per time).
    static func swappedTimesFindings(in rules: [ScheduleRule]) -> [(reason: String, hint: String)] {
        var seen = Set<[Int]>()
        return rules.compactMap { r in
            guard seen.insert([r.opens.minutes, r.closes.minutes]).inserted else { return nil }
            return swappedTimesFinding(opens: r.opens, closes: r.closes)
        }
    }

    /// What to say about a session that closes before it opens and would then last implausibly long,
    /// or opens and closes at the same time (other than midnight); nil for a day session or a likely
    /// night. The session is still read as written: the check only asks someone to look.
    static func swappedTimesFinding(opens: TimeOfDay, closes: TimeOfDay) -> (reason: String, hint: String)? {
        // The same time twice is 24 hours; written 00:00-00:00 (or 24/7) that is meant, otherwise
        // it is more likely a copied time.
        if opens == closes && opens.minutes != 0 {
            return ("opens and closes at \(opens), so it reads as 24 hours from \(opens)",
                    "for a service open all day and night write 00:00-24:00; otherwise correct the closing time")
        }
        // A close in the small hours is a late night (`08:00-00:30`), not two times swapped.
        guard closes < opens, closes.minutes >= Self.earliestLikelySwappedClose else { return nil }
        let length = closes.minutes + 1440 - opens.minutes
        guard length > longestLikelyOvernightMinutes else { return nil }
        let hours = length % 60 == 0 ? "\(length / 60) hours" : "\(length / 60) h \(length % 60) min"
        return ("closes before it opens, so \(opens)-\(closes) reads as \(hours) overnight, until \(closes) the next day",
                "if the times are the wrong way round, write \(closes)-\(opens)")
    }
}

/// A calendar date with no time zone (proleptic Gregorian), as schedules and exceptions use.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Creates a date; nil when the day does not exist (`2025-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= LocalDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before).
    public init(dayNumber: Int) {
        // Howard Hinnant's civil_from_days.
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Parses `YYYY-MM-DD` (an ISO 8601 date; a trailing time part is ignored).
    public init?(iso: String) {
        var b = Array(iso.utf8)
        while let f = b.first, f == 0x20 || f == 0x09 { b.removeFirst() }
        while let l = b.last, l == 0x20 || l == 0x09 { b.removeLast() }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for k in r { guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }; v = v * 10 + Int(b[k] - 0x30) }
            return v
        }
        guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D, let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        if b.count > 10 { guard b[10] == UInt8(ascii: "T") || b[10] == 0x20 else { return nil } }
        self.init(year: y, month: m, day: d)
    }

    /// Days since 1970-01-01.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public var weekday: Weekday { Weekday(dayNumber: dayNumber) }

    /// Which occurrence of its weekday in the month this is (1 for the first Tuesday).
    public var ordinalInMonth: Int { (day - 1) / 7 + 1 }

    /// Which occurrence counting from the end of the month (-1 for the last Friday).
    public var ordinalFromEnd: Int { -((LocalDate.daysIn(month: month, year: year) - day) / 7 + 1) }

    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days) }

    /// The day of a wall-clock minute (minutes since 1970-01-01 00:00 local time).
    public init(wallMinute: Int64) { self.init(dayNumber: Int(CivilTimeZone.floorDiv(wallMinute, 1440))) }

    public var description: String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { a.dayNumber < b.dayNumber }

    /// `3 November 2026`.
    public var inWords: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// The months' names, January first.
    public static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                                    "November", "December"]

    /// Why a text is no date, for a message: a day the month does not have (`2026-02-30`, `31/02/2025`:
    /// "February 2026 has 28 days", where it was "not a YYYY-MM-DD date"), a month that is none, or not
    /// the form.
    static func whyNotADate(_ raw: String) -> String {
        let parts = raw.trimmed.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "/" || $0 == "." })
        guard parts.count == 3, parts[0].count == 4 || parts[2].count == 4,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let m = Int(parts[1]), let c = Int(parts[2]) else { return "is not a YYYY-MM-DD date" }
        // Year first, or (as people write) day first.
        let (y, d) = parts[0].count == 4 ? (a, c) : (c, a)
        guard (1...12).contains(m) else { return "is not a date: months run 01 to 12" }
        return "is not a date: \(monthNames[m - 1]) \(y) has \(daysIn(month: m, year: y)) days" + (d == 0 ? " (from 01)" : "")
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let d = LocalDate(iso: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(s)\" is not a YYYY-MM-DD date")
        }
        self = d
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

/// A day of the week, Monday first (ISO 8601).
public enum Weekday: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The weekday of a day number (1970-01-01 was a Thursday).
    public init(dayNumber: Int) {
        let r = ((dayNumber + 3) % 7 + 7) % 7
        self = Weekday(rawValue: r)!
    }

    /// Reads iCalendar/HSDS codes (`MO`), OSM codes (`Mo`), English names and abbreviations.
    public init?(code: String) {
        let utf8 = code.utf8
        guard utf8.count >= 2, utf8.count <= 12 else { return nil }
        if let d = Self.byNameTable.find(code) { self = d; return }
        // A word already in lower case with nothing to trim is not a day: the query parser asks this
        // of most words of a question (the second look lower-cased a copy and hashed it, ~600
        // instructions a word).
        if utf8.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) { return nil }
        var key = code.lowercased()
        while key.hasSuffix(".") || key.hasSuffix(" ") { key.removeLast() }
        while key.hasPrefix(" ") { key.removeFirst() }
        guard let d = Self.byNameTable.find(key) else { return nil }
        self = d
    }

    /// ``byName`` found by a word's bytes (no `String` hashed with SipHash).
    private static let byNameTable = WordTable(byName)

    /// Every name ``init(code:)`` knows, lower case.
    static var names: Set<String> { Set(byName.keys) }

    private static let byName: [String: Weekday] = {
        var d: [String: Weekday] = [:]
        let names: [(Weekday, [String])] = [
            (.monday, ["mo", "mon", "monday", "mondays"]), (.tuesday, ["tu", "tue", "tues", "tuesday", "tuesdays"]),
            (.wednesday, ["we", "wed", "weds", "wednesday", "wednesdays"]),
            (.thursday, ["th", "thu", "thur", "thurs", "thursday", "thursdays"]), (.friday, ["fr", "fri", "friday", "fridays"]),
            (.saturday, ["sa", "sat", "saturday", "saturdays"]), (.sunday, ["su", "sun", "sunday", "sundays"]),
        ]
        for (day, keys) in names { for k in keys { d[k] = day } }
        return d
    }()

    /// `MO`, `TU`, ... as iCalendar and HSDS write them.
    public var icalCode: String { ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][rawValue] }
    /// `Mon`, `Tue`, ...
    public var shortName: String {
        switch self {
        case .monday: return "Mon"
        case .tuesday: return "Tue"
        case .wednesday: return "Wed"
        case .thursday: return "Thu"
        case .friday: return "Fri"
        case .saturday: return "Sat"
        case .sunday: return "Sun"
        }
    }
    /// `Monday`, ...
    public var name: String { ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][rawValue] }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// A time of day in minutes since midnight, 0..<1440 (local wall-clock time).
public struct TimeOfDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0..<1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.minutes = hour * 60 + minute
    }

    /// Parses strict `HH:MM` (also `HH:MM:SS`, seconds ignored); `24:00` is read as midnight.
    public init?(hhmm: String) {
        var b = Array(hhmm.utf8)
        while let f = b.first, f == 0x20 || f == 0x09 { b.removeFirst() }
        while let l = b.last, l == 0x20 || l == 0x09 { b.removeLast() }
        guard b.count == 5 || b.count == 8, b[2] == UInt8(ascii: ":") else { return nil }
        if b.count == 8 { guard b[5] == UInt8(ascii: ":"), Self.isDigit(b[6]), Self.isDigit(b[7]) else { return nil } }
        guard Self.isDigit(b[0]), Self.isDigit(b[1]), Self.isDigit(b[3]), Self.isDigit(b[4]) else { return nil }
        let h = Int(b[0] - 48) * 10 + Int(b[1] - 48), m = Int(b[3] - 48) * 10 + Int(b[4] - 48)
        if h == 24 && m == 0 { self.init(hour: 0, minute: 0); return }
        self.init(hour: h, minute: m)
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    public var hour: Int { minutes / 60 }
    public var minute: Int { minutes % 60 }

    /// `09:30`.
    public var description: String {
        let h = hour, m = minute
        return (h < 10 ? "0\(h)" : "\(h)") + ":" + (m < 10 ? "0\(m)" : "\(m)")
    }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let s = try c.decode(String.self)
        guard let t = TimeOfDay(hhmm: s) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "\"\(s)\" is not HH:MM")
        }
        self = t
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}

import Foundation

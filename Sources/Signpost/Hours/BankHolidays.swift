/// Bank holidays in England and Wales, worked out from the rules (for `PH` in opening hours):
/// New Year's Day, Good Friday, Easter Monday, the early May, spring and summer bank holidays,
/// Christmas Day and Boxing Day, each moved to the next weekday when it falls at a weekend.
/// One-off holidays proclaimed for a single year are not included.
public enum BankHolidays {
    /// The bank holidays of England and Wales, by name.
    public enum Holiday: CaseIterable, Sendable {
        case newYear, goodFriday, easterMonday, earlyMay, spring, summer, christmas, boxingDay
    }

    /// The day a bank holiday falls on in a year (moved to the next weekday when at a weekend).
    public static func date(of holiday: Holiday, year: Int) -> LocalDate {
        switch holiday {
        // New Year's Day, or the Monday after.
        case .newYear: return substitute(LocalDate(year: year, month: 1, day: 1)!, taken: [])
        case .goodFriday: return easterSunday(year).adding(days: -2)
        case .easterMonday: return easterSunday(year).adding(days: 1)
        case .earlyMay: return nth(.monday, 1, month: 5, year: year)
        case .spring: return last(.monday, month: 5, year: year)
        case .summer: return last(.monday, month: 8, year: year)
        case .christmas: return substitute(LocalDate(year: year, month: 12, day: 25)!, taken: [])
        case .boxingDay: return substitute(LocalDate(year: year, month: 12, day: 26)!, taken: [date(of: .christmas, year: year)])
        }
    }

    public static func englandAndWales(year: Int) -> [LocalDate] {
        Holiday.allCases.map { date(of: $0, year: year) }.sorted()
    }

    /// The years whose bank holidays are worked out once.
    private static let tabled = 1990...2100
    /// The day numbers of those years.
    private static let tabledDays = LocalDate(year: tabled.lowerBound, month: 1, day: 1)!.dayNumber...LocalDate(year: tabled.upperBound, month: 12, day: 31)!.dayNumber
    /// One bit per day of those years, set on a bank holiday (5 KB; a search asks about each day it
    /// covers, and a `Set` hashed every day number with SipHash).
    private static let table: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: tabledDays.count / 64 + 1)
        for y in tabled {
            for d in englandAndWales(year: y) {
                let k = d.dayNumber - tabledDays.lowerBound
                bits[k >> 6] |= 1 << UInt64(k & 63)
            }
        }
        return bits
    }()

    /// Whether a day is a bank holiday in England and Wales.
    ///
    /// - Complexity: O(1) from 1990 to 2100 (worked out once), the rules otherwise.
    public static func isHoliday(_ day: LocalDate) -> Bool { isHoliday(dayNumber: day.dayNumber) }

    /// Whether the day with this number is a bank holiday in England and Wales.
    ///
    /// - Complexity: O(1) from 1990 to 2100 (worked out once), the rules otherwise.
    public static func isHoliday(dayNumber: Int) -> Bool {
        guard tabledDays.contains(dayNumber) else {
            let day = LocalDate(dayNumber: dayNumber)
            return englandAndWales(year: day.year).contains(day)
        }
        let k = dayNumber - tabledDays.lowerBound
        return table[k >> 6] & (1 << UInt64(k & 63)) != 0
    }

    /// Every bank holiday of these years as an exception with these sessions (none: closed), as `PH off`
    /// or `PH 10:00-12:00` and a plain-English "closed bank holidays" both read.
    static func exceptions(years: ClosedRange<Int>, sessions: [ScheduleException.Session] = []) -> [ScheduleException] {
        years.flatMap { y in englandAndWales(year: y).map { ScheduleException(from: $0, to: $0, sessions: sessions, note: "bank holiday") } }
    }

    /// Easter Sunday (Gregorian; the anonymous algorithm).
    public static func easterSunday(_ y: Int) -> LocalDate {
        let a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: y, month: month, day: day)!
    }

    static func substitute(_ d: LocalDate, taken: [LocalDate]) -> LocalDate {
        var x = d
        while x.weekday.rawValue >= 5 || taken.contains(x) { x = x.adding(days: 1) }
        return x
    }

    static func nth(_ wd: Weekday, _ n: Int, month: Int, year: Int) -> LocalDate {
        var d = LocalDate(year: year, month: month, day: 1)!
        while d.weekday != wd { d = d.adding(days: 1) }
        return d.adding(days: 7 * (n - 1))
    }

    static func last(_ wd: Weekday, month: Int, year: Int) -> LocalDate {
        var d = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!
        while d.weekday != wd { d = d.adding(days: -1) }
        return d
    }
}

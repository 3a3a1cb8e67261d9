/// Bank holidays in England and Wales, worked out from the rules (for `PH` in opening hours):
/// New Year's Day, Good Friday, Easter Monday, the early May, spring and summer bank holidays,
/// Christmas Day and Boxing Day, each moved to the next weekday when it falls at a weekend.
/// One-off holidays proclaimed for a single year are not included.
public enum BankHolidays {
    public static func englandAndWales(year: Int) -> [LocalDate] {
        var days: [LocalDate] = []
        // New Year's Day, or the Monday after.
        days.append(substitute(LocalDate(year: year, month: 1, day: 1)!, taken: []))
        let easter = easterSunday(year)
        days.append(easter.adding(days: -2))
        days.append(easter.adding(days: 1))
        days.append(nth(.monday, 1, month: 5, year: year))
        days.append(last(.monday, month: 5, year: year))
        days.append(last(.monday, month: 8, year: year))
        let christmas = substitute(LocalDate(year: year, month: 12, day: 25)!, taken: [])
        days.append(christmas)
        days.append(substitute(LocalDate(year: year, month: 12, day: 26)!, taken: [christmas]))
        return days.sorted()
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

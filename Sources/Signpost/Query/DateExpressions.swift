/// Dates in a question: `christmas day`, `christmas eve`, `boxing day`, `new year's day`, `bank
/// holiday`, `25 December`, `december 25th`, `the 24th` (of this month, or the next once it has
/// passed), `25/12`, `25/12/2025`, `2025-12-25`. Each is a whole day, the next such on or after
/// today when the year is not said. They were left in the search words (`christmas day` found a
/// Christmas lunch club open any day), or read as times (`2025-11-20 10:30` as 20:25).
enum DateExpressions {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// Positions of words that follow the one before across a `/` alone, or a `-` alone.
    struct Joins {
        var slashes = WordPositions()
        var hyphens = WordPositions()
    }

    /// Words a date can start with (for the parser's one lookup per word); numbers are found by their digits.
    static let startWords = WordSet(Set(months.keys).union(["christmas", "xmas", "boxing", "new", "bank", "the", "easter", "good",
                                                             "spring", "summer", "early", "nye"])
        .union(weekOrdinals.keys))

    /// Which week of the month a day is in: `first tuesday`, `4th tuesday`, `last friday of the month`.
    static let weekOrdinals: [String: Int] = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
                                              "fourth": 4, "4th": 4, "last": -1]

    /// The next day that is the `ordinal`th `weekday` of its month (-1: the last), on or after today.
    static func nextOrdinalWeekday(_ ordinal: Int, _ weekday: Weekday, now: LocalDate) -> Int? {
        let day = MonthlyDay(ordinal: ordinal, weekday: weekday)
        // Within two months there is always one.
        return (0..<62).lazy.map { now.dayNumber + $0 }.first { day.matches(LocalDate(dayNumber: $0)) }
    }

    /// A day of the month written as `25` or `25th`.
    static func dayOfMonth(_ word: String?) -> Int? {
        guard let w = word?.utf8[...], let first = w.first, first >= 0x30, first <= 0x39 else { return nil }
        return day(w.count > 2 && hasOrdinalSuffix(w) ? w.dropLast(2) : w)
    }

    /// Whether a word is a day of the month with its ordinal suffix (`24th`).
    static func isOrdinal(_ word: String) -> Bool {
        let w = word.utf8[...]
        return w.count >= 3 && hasOrdinalSuffix(w) && day(w.dropLast(2)) != nil
    }

    /// One or two digits that make a day of the month (1 to 31), read from the bytes. (The suffix and the
    /// number were made into strings, and the suffixes into an array, for every word a date could start with.)
    private static func day(_ digits: Substring.UTF8View) -> Int? {
        guard (1...2).contains(digits.count) else { return nil }
        var n = 0
        for b in digits {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return (1...31).contains(n) ? n : nil
    }

    /// Whether the bytes end in `st`, `nd`, `rd` or `th`.
    private static func hasOrdinalSuffix(_ w: Substring.UTF8View) -> Bool {
        guard w.count >= 2 else { return false }
        let last = w[w.index(before: w.endIndex)], before = w[w.index(w.endIndex, offsetBy: -2)]
        switch (before, last) {
        case (0x73, 0x74), (0x6E, 0x64), (0x72, 0x64), (0x74, 0x68): return true  // st, nd, rd, th
        default: return false
        }
    }

    /// The date said at `words[i]` as a day number, with how many words it took; nil when none.
    ///
    /// - Parameters:
    ///   - today: today's day number.
    ///   - joined: words joined to the one before by `/` or `-` alone. Day and month go by slashes
    ///     (`25/12`; `10-2` after `open` is hours), year, month and day by either (`2025-12-25`).
    static func date(_ words: [String], at i: Int, today: Int, joined: Joins?) -> (day: Int, words: Int)? {
        guard i >= 0, i < words.count, let b = words[i].firstByte else { return nil }
        // Most words asked here (`open`, `at`, a weekday) start no date: one byte or one lookup says so.
        guard (b >= 0x30 && b <= 0x39) || startWords.contains(words[i]) else { return nil }
        func word(_ k: Int) -> String? { k < words.count ? words[k] : nil }
        let now = LocalDate(dayNumber: today)
        /// The next such date on or after today.
        func next(_ month: Int, _ day: Int) -> Int? {
            for y in [now.year, now.year + 1] {
                if let d = LocalDate(year: y, month: month, day: day), d.dayNumber >= today { return d.dayNumber }
            }
            return nil
        }
        func isJoined(_ k: Int) -> Bool { joined?.slashes.contains(k) ?? false || joined?.hyphens.contains(k) ?? false }
        let w = words[i]
        switch w {
        case "christmas", "xmas":
            if word(i + 1) == "day" { return next(12, 25).map { ($0, 2) } }
            if word(i + 1) == "eve" { return next(12, 24).map { ($0, 2) } }
            return nil
        case "boxing":
            return word(i + 1) == "day" ? next(12, 26).map { ($0, 2) } : nil
        case "nye":
            return next(12, 31).map { ($0, 1) }
        case "easter", "good":
            // `easter sunday`, `easter monday`, `good friday` (they were read as the next such weekday).
            let offsets = w == "good" ? ["friday": -2] : ["sunday": 0, "day": 0, "monday": 1, "saturday": -1]
            guard let offset = word(i + 1).flatMap({ offsets[$0] }) else { return nil }
            for y in [now.year, now.year + 1] {
                let d = BankHolidays.easterSunday(y).adding(days: offset)
                if d.dayNumber >= today { return (d.dayNumber, 2) }
            }
            return nil
        case "may", "early", "spring", "summer", "august":
            // `may bank holiday`, `early may bank holiday`, `spring bank holiday`, `summer` or `august bank
            // holiday` (`may bank holiday` was read as the next bank holiday, at Christmas).
            var k = i + 1
            if w == "early" { guard word(k) == "may" else { return nil }; k += 1 }
            guard word(k) == "bank", word(k + 1) == "holiday" else { break }
            let holiday: BankHolidays.Holiday = w == "spring" ? .spring : w == "summer" || w == "august" ? .summer : .earlyMay
            for y in [now.year, now.year + 1] {
                let d = BankHolidays.date(of: holiday, year: y)
                if d.dayNumber >= today { return (d.dayNumber, k + 2 - i) }
            }
            return nil
        case "new":
            guard word(i + 1) == "year" || word(i + 1) == "years" else { return nil }
            if word(i + 2) == "day" { return next(1, 1).map { ($0, 3) } }
            if word(i + 2) == "eve" { return next(12, 31).map { ($0, 3) } }
            return nil
        case "bank":
            // Not `bank holiday activities` (a service's name): only a time word, or nothing, after it.
            guard word(i + 1) == "holiday" || word(i + 1) == "holidays",
                  word(i + 2).map({ TimeExpressions.vocabulary.contains($0) || Weekday(code: $0) != nil }) ?? true else { return nil }
            let holidays = BankHolidays.englandAndWales(year: now.year) + BankHolidays.englandAndWales(year: now.year + 1)
            // `bank holiday monday`: the next one on that day (it was the next one, a Friday Christmas).
            if let day = word(i + 2).flatMap(Weekday.init(code:)) {
                return holidays.first { $0.dayNumber >= today && $0.weekday == day }.map { ($0.dayNumber, 3) }
            }
            return holidays.first { $0.dayNumber >= today }.map { ($0.dayNumber, 2) }
        case _ where weekOrdinals[w] != nil:
            // `first wednesday`, `last tuesday of the month`: the next such day. (`last monday` alone is
            // the one just gone, in British speech: no date.)
            guard let day = word(i + 1).flatMap(Weekday.init(code:)) else { break }
            let n = weekOrdinals[w]!
            let ofTheMonth = word(i + 2) == "of" && ["the", "each", "every", "a"].contains(word(i + 3) ?? "") && word(i + 4) == "month"
            guard n > 0 || ofTheMonth, let found = nextOrdinalWeekday(n, day, now: now) else { return nil }
            return (found, ofTheMonth ? 5 : 2)
        case "the":
            // `the 24th`, `the 24th of december`.
            guard let next = word(i + 1), isOrdinal(next), let d = dayOfMonth(next) else { return nil }
            if let found = date(words, at: i + 1, today: today, joined: joined) { return (found.day, found.words + 1) }
            return thisOrNextMonth(d, now: now).map { ($0, 2) }
        default:
            break
        }
        // `december 25`, `dec 25th`.
        if let m = months[w], let d = dayOfMonth(word(i + 1)) { return next(m, d).map { ($0, 2) } }
        // `25 december`, `25th of december`.
        if let d = dayOfMonth(w) {
            if let m = word(i + 1).flatMap({ months[$0] }) { return next(m, d).map { ($0, 2) } }
            if word(i + 1) == "of", let m = word(i + 2).flatMap({ months[$0] }) { return next(m, d).map { ($0, 3) } }
        }
        // `25/12`, `25/12/25`, `25/12/2025` (day first, as in Britain).
        if let d = slashed(words, at: i, joined: joined) {
            if let year = d.year { return LocalDate(year: year, month: d.month, day: d.day).map { ($0.dayNumber, d.words) } }
            return next(d.month, d.day).map { ($0, d.words) }
        }
        // `2025-12-25`.
        if let y = digits(w, 4...4), let m = digits(word(i + 1), 1...2), let d = digits(word(i + 2), 1...2), isJoined(i + 1), isJoined(i + 2) {
            return LocalDate(year: y, month: m, day: d).map { ($0.dayNumber, 3) }
        }
        // `on the 24th` said `on 24th`: an ordinal after `on` is this month's day, or next month's once
        // passed. Alone it is no date (`1st aid`, `2nd hand furniture`, `3rd floor`).
        // After a day's name too, when the date is that day (`saturday 22nd`: the Saturday that is the
        // 22nd, not the next one; `saturday 2nd hand furniture` is no date).
        if isOrdinal(w), i > 0, let d = dayOfMonth(w), let date = thisOrNextMonth(d, now: now) {
            if ["on", "for", "by", "until", "till"].contains(words[i - 1]) { return (date, 1) }
            if let named = Weekday(code: words[i - 1]), LocalDate(dayNumber: date).weekday == named { return (date, 1) }
        }
        return nil
    }

    /// A date written with slashes that cannot be (`31/11`, `12/25` written month first, `29/02/2025`),
    /// with the words it takes: said back rather than searched as the numbers.
    static func impossibleDate(_ words: [String], at i: Int, joined: Joins?) -> (text: String, words: Int)? {
        guard let d = slashed(words, at: i, joined: joined) else { return nil }
        // Without a year, 29 February is a date (in some year).
        if d.year == nil && d.day == 29 && d.month == 2 { return nil }
        guard LocalDate(year: d.year ?? 2000, month: d.month, day: d.day) == nil else { return nil }
        return (words[i..<(i + d.words)].joined(separator: "/"), d.words)
    }

    /// Day and month written with slashes, British order, and the year when one follows (`25/12`,
    /// `25/12/25`, `25/12/2025`), whether or not such a day exists; `24/7` ("always") is none.
    static func slashed(_ words: [String], at i: Int, joined: Joins?) -> (day: Int, month: Int, year: Int?, words: Int)? {
        guard i + 1 < words.count, joined?.slashes.contains(i + 1) == true,
              let d = digits(words[i], 1...2), let m = digits(words[i + 1], 1...2), !(d == 24 && m == 7) else { return nil }
        if i + 2 < words.count, joined?.slashes.contains(i + 2) == true, words[i + 2].utf8.count != 3, let y = digits(words[i + 2], 2...4) {
            return (d, m, y < 100 ? 2000 + y : y, 3)
        }
        return (d, m, nil, 2)
    }

    /// A number written with `counts` digits.
    static func digits(_ s: String?, _ counts: ClosedRange<Int>) -> Int? {
        guard let s, counts.contains(s.utf8.count), s.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s)
    }

    /// Day `d` of this month when it is still to come (today included), else of next month.
    static func thisOrNextMonth(_ d: Int, now: LocalDate) -> Int? {
        if d >= now.day, let date = LocalDate(year: now.year, month: now.month, day: d) { return date.dayNumber }
        let (y, m) = now.month == 12 ? (now.year + 1, 1) : (now.year, now.month + 1)
        return LocalDate(year: y, month: m, day: d)?.dayNumber
    }
}

@testable import Signpost

/// A plain, slow evaluator of schedules written independently of ``OpeningHours``, to check it
/// against: for one wall-clock minute, look at the sessions starting on that day and the day before.
enum ReferenceHours {
    static func weekday(_ day: Int) -> Int { ((day % 7) + 7 + 3) % 7 }  // 0 = Monday; day 0 was a Thursday

    static func nthWeekdayOfMonth(_ date: LocalDate) -> (fromStart: Int, fromEnd: Int) {
        var fromStart = 0, fromEnd = 0
        var d = date
        while d.month == date.month { fromStart += 1; d = LocalDate(dayNumber: d.dayNumber - 7) }
        d = date
        while d.month == date.month { fromEnd += 1; d = LocalDate(dayNumber: d.dayNumber + 7) }
        return (fromStart, -fromEnd)
    }

    static func ruleStarts(_ r: ScheduleRule, on day: Int) -> Bool {
        let date = LocalDate(dayNumber: day)
        if let f = r.validFrom, day < f.dayNumber { return false }
        if let t = r.validTo, day > t.dayNumber { return false }
        if r.weekInterval > 1, let a = r.anchor {
            let weeks = ((day - weekday(day)) - (a.dayNumber - weekday(a.dayNumber))) / 7
            if weeks % r.weekInterval != 0 { return false }
        }
        switch r.pattern {
        case .daily: return true
        case .weekly(let days): return days.contains { $0.rawValue == weekday(day) }
        case .monthly(let days):
            let (s, e) = nthWeekdayOfMonth(date)
            return days.contains { $0.weekday.rawValue == weekday(day) && ($0.ordinal == s || $0.ordinal == e) }
        case .monthDays(let days):
            let last = LocalDate.daysIn(month: date.month, year: date.year)
            return days.contains { $0 == date.day || ($0 < 0 && last + 1 + $0 == date.day) }
        }
    }

    static func sessions(_ rules: [ScheduleRule], _ exceptions: [ScheduleException], startingOn day: Int) -> [(Int, Int)] {
        func length(_ o: TimeOfDay, _ c: TimeOfDay) -> Int { c.minutes > o.minutes ? c.minutes - o.minutes : c.minutes + 1440 - o.minutes }
        let covering = exceptions.filter { $0.from.dayNumber <= day && day <= $0.to.dayNumber }
        if !covering.isEmpty {
            return covering.flatMap(\.sessions).map { (day * 1440 + $0.opens.minutes, day * 1440 + $0.opens.minutes + length($0.opens, $0.closes)) }
        }
        return rules.filter { ruleStarts($0, on: day) }.map { (day * 1440 + $0.opens.minutes, day * 1440 + $0.opens.minutes + length($0.opens, $0.closes)) }
    }

    static func isOpen(_ rules: [ScheduleRule], _ exceptions: [ScheduleException], wallMinute w: Int64) -> Bool {
        let day = Int(w >= 0 ? w / 1440 : (w - 1439) / 1440)
        for d in [day - 1, day] {
            for (s, e) in sessions(rules, exceptions, startingOn: d) where Int64(s) <= w && w < Int64(e) { return true }
        }
        return false
    }

    static func isOpen(_ rules: [ScheduleRule], _ exceptions: [ScheduleException], anyMinuteIn range: Range<Int64>) -> Bool {
        var w = range.lowerBound
        while w < range.upperBound {
            if isOpen(rules, exceptions, wallMinute: w) { return true }
            w += 1
        }
        return false
    }
}

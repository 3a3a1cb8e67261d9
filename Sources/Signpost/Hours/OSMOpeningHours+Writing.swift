extension OSMOpeningHours {
    /// Why a timetable cannot be written in the spreadsheet's `opening_hours` syntax.
    public struct Unwritable: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// Writes a timetable in the OpenStreetMap syntax ``parse(_:years:)`` reads, so that reading it
    /// back gives the same sessions on every day: `Mo-Fr 09:00-17:00; Sa 10:00-12:00`,
    /// `We[1] 10:00-12:00`, `2024 Sep 02-2025 Jul 18 Tu 18:00-20:00`, `2025 Dec 25 off`.
    ///
    /// An empty timetable is the empty string (by appointment). Fortnightly rules, days of the
    /// month and rules bounded by fewer than seven days have no form in this syntax: those throw.
    public static func format(rules: [ScheduleRule], exceptions: [ScheduleException]) throws(Unwritable) -> String {
        var parts: [String] = []
        // Plain weekly sessions, days with the same sessions together.
        var perDay: [Weekday: [(TimeOfDay, TimeOfDay)]] = [:]
        var monthly: [(MonthlyDay, TimeOfDay, TimeOfDay)] = []
        var bounded: [String] = []
        for rule in rules {
            guard rule.weekInterval == 1 else { throw Unwritable(description: "a rule every \(rule.weekInterval) weeks") }
            let days: [Weekday]
            var nth: [MonthlyDay] = []
            switch rule.pattern {
            case .daily: days = Weekday.allCases
            case .weekly(let set): days = set.sorted()
            case .monthly(let list): days = []; nth = list
            case .monthDays: throw Unwritable(description: "a rule on days of the month")
            }
            if rule.validFrom != nil || rule.validTo != nil {
                guard let from = rule.validFrom, let to = rule.validTo, to.dayNumber - from.dayNumber >= 7 else {
                    throw Unwritable(description: "a rule bounded by less than a week, or on one side only")
                }
                let selector = days.isEmpty ? monthlySelector(nth) : daySelector(days)
                bounded.append("\(date(from))-\(date(to)) \(selector) \(times([(rule.opens, rule.closes)]))")
                continue
            }
            // The same session from two rules is one session (written once, as a person would).
            for d in days where !(perDay[d] ?? []).contains(where: { $0 == (rule.opens, rule.closes) }) {
                perDay[d, default: []].append((rule.opens, rule.closes))
            }
            for m in nth { monthly.append((m, rule.opens, rule.closes)) }
        }
        if perDay.count == 7, Weekday.allCases.allSatisfy({ perDay[$0]!.count == 1 && perDay[$0]![0].0.minutes == 0 && perDay[$0]![0].1.minutes == 0 }) {
            parts.append("24/7")
        } else {
            var groups: [(days: [Weekday], sessions: [(TimeOfDay, TimeOfDay)])] = []
            for day in Weekday.allCases {
                guard let s = perDay[day]?.sorted(by: { $0.0 < $1.0 }) else { continue }
                if let k = groups.firstIndex(where: { same($0.sessions, s) }) { groups[k].days.append(day) } else { groups.append(([day], s)) }
            }
            parts += groups.map { "\(daySelector($0.days)) \(times($0.sessions))" }
        }
        // Monthly sessions: the same weekday and times share a selector (`Tu[1,3]`).
        var monthlyGroups: [(weekday: Weekday, opens: TimeOfDay, closes: TimeOfDay, ordinals: [Int])] = []
        for (m, o, c) in monthly {
            if let k = monthlyGroups.firstIndex(where: { $0.weekday == m.weekday && $0.opens == o && $0.closes == c }) {
                monthlyGroups[k].ordinals.append(m.ordinal)
            } else { monthlyGroups.append((m.weekday, o, c, [m.ordinal])) }
        }
        parts += monthlyGroups.map { "\(code($0.weekday))[\($0.ordinals.map(String.init).joined(separator: ","))] \(times([($0.opens, $0.closes)]))" }
        parts += bounded
        // Bank holidays closed (or on other hours) alike are `PH`, not a list of dates.
        let holidays = exceptions.filter { $0.note == "bank holiday" }
        var dated = exceptions
        if let first = holidays.first, holidays.allSatisfy({ $0.sessions == first.sessions }) {
            parts.append("PH " + (first.isClosure ? "off" : times(first.sessions.map { ($0.opens, $0.closes) })))
            dated = exceptions.filter { $0.note != "bank holiday" }
        }
        // Dated exceptions last: they replace the pattern on their days.
        for e in dated {
            let span = e.from == e.to ? date(e.from) : "\(date(e.from))-\(date(e.to))"
            parts.append("\(span) " + (e.isClosure ? "off" : times(e.sessions.map { ($0.opens, $0.closes) })))
        }
        return parts.joined(separator: "; ")
    }

    private static func same(_ a: [(TimeOfDay, TimeOfDay)], _ b: [(TimeOfDay, TimeOfDay)]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    }

    private static func code(_ d: Weekday) -> String { ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"][d.rawValue] }

    /// `Mo-Fr`, `Tu,Th`, `Mo-We,Fr`: runs of three or more days as ranges.
    private static func daySelector(_ days: [Weekday]) -> String {
        var out: [String] = []
        var k = 0
        let sorted = days.sorted()
        while k < sorted.count {
            var j = k
            while j + 1 < sorted.count && sorted[j + 1].rawValue == sorted[j].rawValue + 1 { j += 1 }
            if j - k >= 2 { out.append("\(code(sorted[k]))-\(code(sorted[j]))") } else {
                for i in k...j { out.append(code(sorted[i])) }
            }
            k = j + 1
        }
        return out.joined(separator: ",")
    }

    private static func monthlySelector(_ days: [MonthlyDay]) -> String {
        days.map { "\(code($0.weekday))[\($0.ordinal)]" }.joined(separator: ",")
    }

    /// `09:00-12:30,13:30-17:00`; midnight as a closing time is `24:00`.
    private static func times(_ sessions: [(TimeOfDay, TimeOfDay)]) -> String {
        sessions.map { "\($0.0)-\($0.1.minutes == 0 ? "24:00" : $0.1.description)" }.joined(separator: ",")
    }

    /// `2025 Dec 25`.
    private static func date(_ d: LocalDate) -> String {
        "\(d.year) \(months[d.month - 1].prefix(1).uppercased() + months[d.month - 1].dropFirst()) \(d.day < 10 ? "0" : "")\(d.day)"
    }
}

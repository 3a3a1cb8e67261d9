/// Opening hours put into words for people, relative to a reference time.
public struct HoursStatus: Sendable, Hashable {
    /// Open at the reference instant.
    public var isOpenNow: Bool
    /// When the current session ends (wall-clock minute), when open.
    public var closesAt: Int64?
    /// When the next session starts (wall-clock minute), when closed.
    public var nextOpen: Int64?
    /// `Open now · closes 16:00`, `Closed · opens Tue 10:00`, `By appointment — phone first`.
    public var label: String
    /// Sessions starting today, as `09:00-12:30`.
    public var today: [String]
    /// `Mon-Fri 09:00-17:00; Sat 10:00-12:00`.
    public var weekly: String
    /// No schedule: by appointment, or hours not listed.
    public var byAppointment: Bool
    /// With no schedule, whether the service says it is by appointment (or phone first); otherwise
    /// its hours are simply not listed (a drop-in said "By appointment", against its own words).
    public var appointmentSaid = true
    /// Every schedule has ended.
    public var expired: Bool
    /// Days it is closed in the next two weeks, though its weekly hours say open (`Closed Thu 25 Dec -
    /// Fri 26 Dec (Closed for Christmas)`): a worker sent someone on the 26th to a door the directory
    /// knew was shut.
    public var closures: [String] = []
}

extension OpeningHours {
    /// Describes the hours at a wall-clock minute.
    ///
    /// - Parameters:
    ///   - hasPhone: whether to say "phone first" for a service with no hours.
    ///   - appointmentSaid: whether a service with no hours says it is by appointment (else they are
    ///     "not listed").
    public func status(atWallMinute now: Int64, hasPhone: Bool = true, appointmentSaid: Bool = true) -> HoursStatus {
        var status = weeklyStatus(atWallMinute: now, hasPhone: hasPhone, appointmentSaid: appointmentSaid)
        if !status.byAppointment && !status.expired { status.closures = closures(from: LocalDate(wallMinute: now), days: 14) }
        return status
    }

    /// The closures (exceptions with no sessions) that overlap the `days` days from `from`, in words.
    ///
    /// - Complexity: O(exceptions).
    func closures(from: LocalDate, days: Int) -> [String] {
        guard !exceptions.isEmpty else { return [] }
        let last = from.dayNumber + days - 1
        func day(_ d: LocalDate) -> String { TimeExpressions.label(for: d) }
        // (The exceptions are kept in date order.)
        return exceptions.filter { $0.isClosure && $0.to.dayNumber >= from.dayNumber && $0.from.dayNumber <= last }
            .map { e in
                let note = e.note.map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty || $0.lowercased() == "closed" ? nil : " (\($0))" } ?? ""
                return "Closed \(day(e.from))" + (e.to.dayNumber > e.from.dayNumber ? " - \(day(e.to))" : "") + note
            }
    }

    private func weeklyStatus(atWallMinute now: Int64, hasPhone: Bool, appointmentSaid: Bool) -> HoursStatus {
        let today = LocalDate(wallMinute: now)
        let summary = weeklySummary
        let todays = sessions(on: today).map { Self.span($0) }
        if isByAppointment {
            let what = appointmentSaid ? "By appointment" : "Hours not listed"
            var status = HoursStatus(isOpenNow: false, closesAt: nil, nextOpen: nil,
                                     label: what + (hasPhone ? " — phone first" : " — contact the service first"),
                                     today: [], weekly: appointmentSaid ? summary : what, byAppointment: true, expired: false)
            status.appointmentSaid = appointmentSaid
            return status
        }
        if hasExpired(before: today) {
            let ended = rules.compactMap(\.validTo).max().map { " (schedule ended \(TimeExpressions.label(for: $0)) \($0.year))" } ?? ""
            return HoursStatus(isOpenNow: false, closesAt: nil, nextOpen: nil, label: "No longer running\(ended)",
                               today: [], weekly: summary, byAppointment: false, expired: true)
        }
        guard let session = currentOrNextSession(atWallMinute: now) else {
            return HoursStatus(isOpenNow: false, closesAt: nil, nextOpen: nil, label: "Closed · no sessions coming up",
                               today: todays, weekly: summary, byAppointment: false, expired: false)
        }
        let todayStart = Int64(today.dayNumber) * 1440
        if session.lowerBound <= now {
            let label: String
            if session.upperBound - session.lowerBound >= 7 * 1440 {
                label = "Open now · 24 hours"
            } else {
                label = "Open now · closes \(Self.when(session.upperBound, todayStart: todayStart))"
            }
            return HoursStatus(isOpenNow: true, closesAt: session.upperBound, nextOpen: nil, label: label, today: todays,
                               weekly: summary, byAppointment: false, expired: false)
        }
        var label: String
        let startsToday = session.lowerBound < todayStart + 1440
        if startsToday && session.lowerBound >= todayStart + 17 * 60 && session.upperBound > todayStart + 1440 {
            label = "Open tonight \(Self.span(session))"
        } else if onlyMonthly, let first = rules.first {
            let d = LocalDate(wallMinute: session.lowerBound)
            // The rule the next session comes from (with "first and second Wednesday" as two rules,
            // the first rule's words beside the second Wednesday's date misled).
            let opens = Int(session.lowerBound - Int64(d.dayNumber) * 1440)
            let rule = rules.first { $0.runs(on: d) && $0.opens.minutes == opens } ?? first
            label = "\(Self.describe(rule.pattern)), \(rule.opens)-\(rule.closes) (next: \(d.day) \(TimeExpressions.monthNames[d.month - 1]))"
        } else {
            label = "Closed · opens \(Self.when(session.lowerBound, todayStart: todayStart))"
        }
        return HoursStatus(isOpenNow: false, closesAt: nil, nextOpen: session.lowerBound, label: label, today: todays,
                           weekly: summary, byAppointment: false, expired: false)
    }

    private var onlyMonthly: Bool {
        !rules.isEmpty && rules.allSatisfy { if case .monthly = $0.pattern { return true } else { return false } }
    }

    /// `16:00` today, `tomorrow 08:00`, `Tue 10:00` within a week, `Mon 5 Jan 10:00` beyond.
    static func when(_ wall: Int64, todayStart: Int64) -> String {
        let day = CivilTimeZone.floorDiv(wall, 1440)
        let t = TimeOfDay(minutes: Int(wall - day * 1440))!
        let offset = day - todayStart / 1440
        let date = LocalDate(dayNumber: Int(day))
        switch offset {
        case 0: return "\(t)"
        case 1: return "tomorrow \(t)"
        case 2...6: return "\(date.weekday.shortName) \(t)"
        default: return "\(TimeExpressions.label(for: date)) \(t)"
        }
    }

    /// `20:00-08:00`.
    static func span(_ r: Range<Int64>) -> String {
        let a = TimeOfDay(minutes: Int(((r.lowerBound % 1440) + 1440) % 1440))!
        let b = TimeOfDay(minutes: Int(((r.upperBound % 1440) + 1440) % 1440))!
        return session(a, b)
    }

    /// `19:00-24:00` for a session that ends at midnight (it read `19:00-00:00`, as if it ended before it
    /// began); `20:00-08:00` past midnight as it is; a whole day, `00:00-00:00`, as `24 hours`.
    static func session(_ opens: TimeOfDay, _ closes: TimeOfDay) -> String {
        // (A whole day, 00:00-00:00, beside other hours: `Mon 24 hours`, not `Mon 00:00-00:00, 10:00-12:00`.)
        if closes.minutes == 0 && opens.minutes == 0 { return "24 hours" }
        return closes.minutes == 0 ? "\(opens)-24:00" : "\(opens)-\(closes)"
    }

    /// `Mon-Fri 09:00-17:00; Sat 10:00-12:00; first Tue of the month 10:00-12:00`.
    public var weeklySummary: String {
        if rules.isEmpty { return "By appointment" }
        // Group weekly rules by their validity and times, then by day sets.
        var parts: [String] = []
        var byDays: [(days: [Weekday], times: [String], validity: String)] = []
        var perDay: [Weekday: [(TimeOfDay, String)]] = [:]
        var validityOf: [Weekday: String] = [:]
        for r in rules {
            let validity = Self.validity(r)
            switch r.pattern {
            case .weekly(let days) where r.weekInterval > 1:
                // Fortnightly sessions were shown as weekly (`Mon 10:00-12:00`).
                let every = r.weekInterval == 2 ? "Every other" : "Every \(r.weekInterval) weeks on"
                parts.append("\(every) \(Self.dayList(Array(days))) \(Self.session(r.opens, r.closes))\(validity)")
            case .weekly(let days):
                for d in days { perDay[d, default: []].append((r.opens, Self.session(r.opens, r.closes))); validityOf[d] = validity }
            case .daily:
                for d in Weekday.allCases { perDay[d, default: []].append((r.opens, Self.session(r.opens, r.closes))); validityOf[d] = validity }
            default:
                parts.append("\(Self.describe(r.pattern)) \(Self.session(r.opens, r.closes))\(validity)"
                             + (r.weekInterval > 1 ? " (every \(r.weekInterval) weeks)" : ""))
            }
        }
        for d in Weekday.allCases {
            guard let sessions = perDay[d] else { continue }
            // (The same session from two sites' rows is said once: `Sun 10:00-16:00, 10:00-16:00`; a day
            // open 24 hours is only that.)
            var times: [String] = []
            for t in sessions.sorted(by: { $0.0 < $1.0 }).map(\.1) where !times.contains(t) { times.append(t) }
            if times.contains("24 hours") { times = ["24 hours"] }
            let validity = validityOf[d] ?? ""
            // Days with the same times share one entry, whether or not they are next to each other.
            if let k = byDays.firstIndex(where: { $0.times == times && $0.validity == validity }) {
                byDays[k].days.append(d)
            } else {
                byDays.append(([d], times, validity))
            }
        }
        var weekly: [String] = []
        for g in byDays {
            weekly.append("\(Self.dayList(g.days)) \(g.times.joined(separator: ", "))\(g.validity)")
        }
        if weekly.count == 1, byDays[0].days.count == 7, byDays[0].times == ["24 hours"] { weekly = ["24 hours, every day"] }
        return (weekly + parts).joined(separator: "; ")
    }

    /// `Mon-Fri`, `Tue, Thu`, `Mon-Wed, Fri`: runs of three or more days as ranges.
    static func dayList(_ days: [Weekday]) -> String {
        let sorted = days.sorted()
        var parts: [String] = []
        var k = 0
        while k < sorted.count {
            var j = k
            while j + 1 < sorted.count && sorted[j + 1].rawValue == sorted[j].rawValue + 1 { j += 1 }
            if j - k >= 2 {
                parts.append("\(sorted[k].shortName)-\(sorted[j].shortName)")
            } else {
                for x in k...j { parts.append(sorted[x].shortName) }
            }
            k = j + 1
        }
        return parts.joined(separator: ", ")
    }

    static func validity(_ r: ScheduleRule) -> String {
        func d(_ x: LocalDate) -> String { "\(x.day) \(TimeExpressions.monthNames[x.month - 1]) \(x.year)" }
        switch (r.validFrom, r.validTo) {
        case (let f?, let t?): return " (\(d(f)) to \(d(t)))"
        case (let f?, nil): return " (from \(d(f)))"
        case (nil, let t?): return " (until \(d(t)))"
        default: return ""
        }
    }

    /// `First Tuesday of the month`, `Last Friday of the month`, `Every day`.
    static func describe(_ p: DayPattern) -> String {
        let ordinals = [1: "First", 2: "Second", 3: "Third", 4: "Fourth", 5: "Fifth", -1: "Last", -2: "Second to last"]
        switch p {
        case .daily: return "Every day"
        case .weekly(let days): return days.sorted().map(\.shortName).joined(separator: ", ")
        case .monthly(let days):
            return days.map { "\(ordinals[$0.ordinal] ?? "\($0.ordinal)th") \($0.weekday.name)" }.joined(separator: " and ") + " of the month"
        case .monthDays(let days):
            return "Day " + days.map { $0 < 0 ? "last" : "\($0)" }.joined(separator: ", ") + " of the month"
        }
    }
}

extension Service {
    /// The service's opening hours, compiled.
    public var openingHours: OpeningHours { OpeningHours(rules: schedules, exceptions: exceptions) }

    /// Its hours in words at a wall-clock minute, as every front end shows them: "phone first" when it
    /// has a phone; with no hours, "By appointment" (a schedule-less service is by appointment in
    /// HSDS) unless it is a drop-in, which says the opposite: its hours are "not listed".
    public func hoursStatus(atWallMinute now: Int64) -> HoursStatus {
        openingHours.status(atWallMinute: now, hasPhone: !phones.isEmpty, appointmentSaid: referral != .dropIn)
    }
}

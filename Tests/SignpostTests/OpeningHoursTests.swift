import Foundation
import PropertyBased
import Testing
@testable import Signpost

@Suite("Opening hours")
struct OpeningHoursTests {
    let london = CivilTimeZone.london

    func rule(_ days: String, _ opens: String, _ closes: String, from: String? = nil, to: String? = nil) -> ScheduleRule {
        let pattern: DayPattern
        if let m = days.split(separator: ",").compactMap({ MonthlyDay(ical: String($0)) }) as [MonthlyDay]?, !m.isEmpty,
           days.first!.isNumber || days.first == "-" {
            pattern = .monthly(m)
        } else {
            pattern = .weekly(Set(days.split(separator: ",").compactMap { Weekday(code: String($0)) }))
        }
        return ScheduleRule(pattern: pattern, opens: TimeOfDay(hhmm: opens)!, closes: TimeOfDay(hhmm: closes)!,
                            validFrom: from.flatMap(LocalDate.init(iso:)), validTo: to.flatMap(LocalDate.init(iso:)))
    }

    /// Open at a local time given as `2025-11-18T02:00` (Europe/London)?
    func open(_ hours: OpeningHours, _ local: String) -> Bool {
        hours.isOpen(atWallMinute: london.wallMinute(atUTC: ISO8601Instant.parse(local, zone: london)!))
    }

    @Test func overnightSessionIsOpenAfterMidnight() {
        let h = OpeningHours(rules: [rule("MO", "20:00", "08:00")])
        #expect(open(h, "2025-11-17T20:00"))  // Monday
        #expect(open(h, "2025-11-18T02:00"))  // Tuesday small hours
        #expect(!open(h, "2025-11-18T08:00"))
        #expect(!open(h, "2025-11-17T02:00"))  // Monday small hours: Sunday night has no session
    }

    @Test func overnightSessionRunsFromSundayIntoMonday() {
        let h = OpeningHours(rules: [rule("SU", "22:00", "06:00")])
        #expect(open(h, "2025-11-23T23:30"))
        #expect(open(h, "2025-11-24T03:00"))
        #expect(!open(h, "2025-11-24T06:00"))
    }

    @Test func saturdayNightRunsIntoSunday() {
        let h = OpeningHours(rules: [rule("SA", "21:00", "03:00")])
        #expect(open(h, "2025-11-23T01:00"))
        #expect(!open(h, "2025-11-23T21:30"))
    }

    @Test func monthlyLastFridayInMonthsWithFourAndFiveFridays() {
        let h = OpeningHours(rules: [rule("-1FR", "10:00", "12:00")])
        // October 2025 has five Fridays (3, 10, 17, 24, 31); November four (7, 14, 21, 28).
        #expect(open(h, "2025-10-31T11:00"))
        #expect(!open(h, "2025-10-24T11:00"))
        #expect(open(h, "2025-11-28T11:00"))
        #expect(!open(h, "2025-11-21T11:00"))
    }

    @Test func monthlyFirstTuesdayAndFifthOccurrences() {
        let first = OpeningHours(rules: [rule("1TU", "10:00", "12:00")])
        #expect(open(first, "2025-12-02T10:30"))
        #expect(!open(first, "2025-12-09T10:30"))
        let fifth = OpeningHours(rules: [rule("5WE", "10:00", "12:00")])
        #expect(open(fifth, "2025-10-29T10:30"))  // October 2025 has five Wednesdays
        #expect(!open(fifth, "2025-11-26T10:30"))  // November has four
    }

    @Test func validToIsInclusiveAndBoundsTheDayASessionStarts() {
        let h = OpeningHours(rules: [rule("SU", "20:00", "08:00", from: "2025-11-01", to: "2025-11-30")])
        #expect(open(h, "2025-11-30T21:00"))
        #expect(open(h, "2025-12-01T02:00"))  // started on the last valid day
        #expect(!open(h, "2025-12-07T21:00"))
        #expect(!open(h, "2025-10-26T21:00"))  // before valid_from
    }

    @Test func anInstantAtOpeningIsOpenAndAtClosingIsClosed() {
        let h = OpeningHours(rules: [rule("WE", "10:00", "12:00")])
        #expect(open(h, "2025-11-19T10:00"))
        #expect(open(h, "2025-11-19T11:59"))
        #expect(!open(h, "2025-11-19T12:00"))
        #expect(!open(h, "2025-11-19T09:59"))
    }

    /// Minutes of instants (UTC) in a UTC day at which the service is open.
    func openMinutes(_ h: OpeningHours, utcDay: String) -> Int {
        let start = ISO8601Instant.parse(utcDay + "T00:00:00Z")!
        var n = 0
        for m in 0..<(24 * 60) where h.isOpen(atWallMinute: london.wallMinute(atUTC: start + Int64(m) * 60)) { n += 1 }
        return n
    }

    @Test func aSessionOnTheNightTheClocksGoForwardIsOneHourLong() {
        // Sunday 29 March 2026: at 01:00 GMT the clocks go forward to 02:00 BST.
        let h = OpeningHours(rules: [rule("SU", "01:00", "03:00")])
        #expect(openMinutes(h, utcDay: "2026-03-29") == 60)
        #expect(!open(h, "2026-03-29T00:30"))
        #expect(open(h, "2026-03-29T02:30"))
    }

    @Test func aSessionOnTheNightTheClocksGoBackIsThreeHoursLong() {
        // Sunday 26 October 2025: at 02:00 BST the clocks go back to 01:00 GMT.
        let h = OpeningHours(rules: [rule("SU", "01:00", "03:00")])
        #expect(openMinutes(h, utcDay: "2025-10-26") == 180)
        #expect(openMinutes(h, utcDay: "2025-11-02") == 120)
    }

    @Test func twentyFourHourServicesAreAlwaysOpen() {
        let h = OpeningHours(rules: [rule("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00")])
        for t in ["2025-11-17T00:00", "2025-11-19T13:37", "2025-11-23T23:59", "2026-03-29T01:30"] { #expect(open(h, t)) }
        #expect(h.weeklySummary == "24 hours, every day")
        #expect(h.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-11-19T12:00:00Z"))).label == "Open now · 24 hours")
    }

    /// A fortnightly session says so (it was shown as weekly: `Mon 10:00-12:00`).
    @Test func fortnightlySessionsSaySo() {
        let monday = DayPattern.weekly([.monday])
        let h = OpeningHours(rules: [ScheduleRule(pattern: monday, opens: TimeOfDay(hhmm: "10:00")!, closes: TimeOfDay(hhmm: "12:00")!,
                                                  weekInterval: 2, anchor: LocalDate(iso: "2025-11-03")),
                                     ScheduleRule(pattern: .weekly([.friday]), opens: TimeOfDay(hhmm: "14:00")!, closes: TimeOfDay(hhmm: "15:00")!)])
        #expect(h.weeklySummary == "Fri 14:00-15:00; Every other Mon 10:00-12:00", "\(h.weeklySummary)")
    }

    /// Two sites' hours in one summary (from a hub tester): a day open 24 hours at one is `24 hours`, not
    /// `00:00-00:00, 10:00-12:00`, and a session both give is said once.
    @Test func twoSitesHoursAreSaidOnce() {
        let h = OpeningHours(rules: [rule("MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00"), rule("MO", "10:00", "12:00"),
                                     rule("SU", "10:00", "16:00")])
        #expect(h.weeklySummary == "24 hours, every day", "\(h.weeklySummary)")
        let twice = OpeningHours(rules: [rule("SU", "10:00", "16:00"), rule("SU", "10:00", "16:00"), rule("SA", "09:00", "17:00")])
        #expect(twice.weeklySummary == "Sat 09:00-17:00; Sun 10:00-16:00", "\(twice.weeklySummary)")
    }

    @Test func splitDaysAreClosedAtLunch() {
        let h = OpeningHours(rules: [rule("MO,TU,WE,TH,FR", "09:00", "12:30"), rule("MO,TU,WE,TH,FR", "13:30", "17:00")])
        #expect(open(h, "2025-11-17T12:00"))
        #expect(!open(h, "2025-11-17T13:00"))
        #expect(open(h, "2025-11-17T14:00"))
        #expect(h.weeklySummary == "Mon-Fri 09:00-12:30, 13:30-17:00")
        let s = h.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-11-17T11:00:00Z")))
        #expect(s.label == "Open now · closes 12:30")
        #expect(s.today == ["09:00-12:30", "13:30-17:00"])
    }

    @Test func expiredSchedulesAreExpiredAndNotYetStartedOnesAreNot() {
        let expired = OpeningHours(rules: [rule("MO", "10:00", "12:00", from: "2024-09-01", to: "2025-03-31")])
        #expect(expired.hasExpired(before: LocalDate(iso: "2025-11-17")!))
        #expect(!open(expired, "2025-11-17T11:00"))
        #expect(expired.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-11-17T11:00:00Z"))).label.hasPrefix("No longer running"))
        let later = OpeningHours(rules: [rule("MO", "10:00", "12:00", from: "2026-01-12", to: "2026-07-31")])
        #expect(!later.hasExpired(before: LocalDate(iso: "2025-11-17")!))
        #expect(!open(later, "2025-11-17T11:00"))
        #expect(open(later, "2026-01-12T11:00"))
        let s = later.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-11-17T11:00:00Z")))
        #expect(s.nextOpen == london.wallMinute(atUTC: Fixtures.at("2026-01-12T10:00:00Z")))
    }

    @Test func exceptionsOverrideTheWeeklyPattern() {
        let closedChristmas = ScheduleException(from: LocalDate(iso: "2025-12-25")!, to: LocalDate(iso: "2025-12-26")!)
        let shortEve = ScheduleException(from: LocalDate(iso: "2025-12-24")!, to: LocalDate(iso: "2025-12-24")!,
                                         sessions: [.init(opens: TimeOfDay(hhmm: "10:00")!, closes: TimeOfDay(hhmm: "12:00")!)])
        let h = OpeningHours(rules: [rule("MO,TU,WE,TH,FR", "09:00", "17:00")], exceptions: [closedChristmas, shortEve])
        #expect(open(h, "2025-12-23T15:00"))
        #expect(open(h, "2025-12-24T11:00"))
        #expect(!open(h, "2025-12-24T15:00"))
        #expect(!open(h, "2025-12-25T11:00"))
        #expect(!open(h, "2025-12-26T11:00"))
        #expect(open(h, "2025-12-29T11:00"))
        let s = h.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-12-24T13:00:00Z")))
        #expect(s.label == "Closed · opens Mon 09:00")
        // Closures in the next two weeks are said with the hours (a worker saw "Open now" on the 24th and
        // nothing of the two days after it).
        #expect(s.closures == ["Closed Thu 25 Dec - Fri 26 Dec"], "\(s.closures)")
        let noted = OpeningHours(rules: h.rules, exceptions: [ScheduleException(from: LocalDate(iso: "2025-12-25")!, to: LocalDate(iso: "2025-12-26")!,
                                                                                  note: "Closed for Christmas")])
        #expect(noted.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-12-12T11:00:00Z"))).closures
                == ["Closed Thu 25 Dec - Fri 26 Dec (Closed for Christmas)"])
        #expect(noted.status(atWallMinute: london.wallMinute(atUTC: Fixtures.at("2025-12-01T11:00:00Z"))).closures.isEmpty, "more than two weeks off")
    }

    @Test func noScheduleMeansByAppointmentAndNeverOpen() {
        let h = OpeningHours(rules: [])
        #expect(h.isByAppointment)
        #expect(!open(h, "2025-11-17T11:00"))
        #expect(h.status(atWallMinute: 0, hasPhone: true).label == "By appointment — phone first")
        // A service with no hours is "by appointment" only when it says so (a drop-in was told to book).
        var dropIn = Service(id: "d1", name: "Drop-in", description: "", referral: .dropIn)
        dropIn.phones = ["0113 496 0000"]
        #expect(dropIn.hoursStatus(atWallMinute: 0).label == "Hours not listed — phone first")
        #expect(dropIn.hoursStatus(atWallMinute: 0).weekly == "Hours not listed")
        for route in [ReferralRoute.appointment, .selfReferral, .unknown] {
            dropIn.referral = route
            #expect(dropIn.hoursStatus(atWallMinute: 0).label == "By appointment — phone first")
        }
    }

    @Test func statusLinesSayWhatAWorkerNeeds() {
        let wall = { (iso: String) in self.london.wallMinute(atUTC: ISO8601Instant.parse(iso, zone: self.london)!) }
        let day = OpeningHours(rules: [rule("MO,TU,WE,TH,FR", "10:00", "16:00")])
        #expect(day.status(atWallMinute: wall("2025-11-17T11:00")).label == "Open now · closes 16:00")
        #expect(day.status(atWallMinute: wall("2025-11-17T17:00")).label == "Closed · opens tomorrow 10:00")
        #expect(day.status(atWallMinute: wall("2025-11-22T17:00")).label == "Closed · opens Mon 10:00")
        let shelter = OpeningHours(rules: [rule("MO,TU,WE,TH,FR,SA,SU", "20:00", "08:00")])
        #expect(shelter.status(atWallMinute: wall("2025-11-17T15:00")).label == "Open tonight 20:00-08:00")
        #expect(shelter.status(atWallMinute: wall("2025-11-17T23:00")).label == "Open now · closes tomorrow 08:00")
        let monthly = OpeningHours(rules: [rule("1TU", "10:00", "12:00")])
        #expect(monthly.status(atWallMinute: wall("2025-11-20T09:00")).label == "First Tuesday of the month, 10:00-12:00 (next: 2 Dec)")
        // First and second Wednesdays: after the first, the next session is the second's, and says so.
        let twice = OpeningHours(rules: [rule("1WE", "10:00", "12:00"), rule("2WE", "10:00", "12:00")])
        #expect(twice.status(atWallMinute: wall("2025-11-06T09:00")).label == "Second Wednesday of the month, 10:00-12:00 (next: 12 Nov)")
        #expect(twice.status(atWallMinute: wall("2025-11-20T09:00")).label == "First Wednesday of the month, 10:00-12:00 (next: 3 Dec)")
        let week = OpeningHours(rules: [rule("MO,TU,WE,TH,FR", "09:00", "17:00"), rule("SA", "10:00", "12:00")])
        #expect(week.weeklySummary == "Mon-Fri 09:00-17:00; Sat 10:00-12:00")
    }

    // MARK: - The fast representation against the reference evaluator

    static let dayCodes = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// A random timetable: up to four rules (weekly, monthly, days of the month, daily, fortnightly, overnight, every
    /// day round the clock, with or without validity dates) and up to two exceptions, around the clocks changing in 2025-2026.
    static let timetable = Gen<Int>.value(in: 0...Int.max).map { seed -> ([ScheduleRule], [ScheduleException]) in
        var r = SplitMix64(seed: UInt64(seed))
        var rules: [ScheduleRule] = []
        for _ in 0..<r.int(0...4) {
            let opens = TimeOfDay(minutes: r.int(0...95) * 15)!
            let closes = r.chance(0.1) ? opens : TimeOfDay(minutes: r.int(0...95) * 15)!
            let pattern: DayPattern
            if r.chance(0.25) {
                pattern = .monthly((0..<r.int(1...2)).map { _ in
                    MonthlyDay(ordinal: r.pick([1, 2, 3, 4, 5, -1, -2, -3, -5]), weekday: r.pick(Weekday.allCases))
                })
            } else if r.chance(0.1) {
                pattern = .monthDays([r.int(1...31), r.pick([-1, -2, 15])])
            } else if r.chance(0.1) {
                pattern = .daily
            } else {
                pattern = .weekly(Set((0..<r.int(1...7)).map { _ in r.pick(Weekday.allCases) }))
            }
            var from: LocalDate? = nil, to: LocalDate? = nil
            if r.chance(0.3) {
                from = LocalDate(iso: "2025-10-01")!.adding(days: r.int(0...200))
                to = from!.adding(days: r.int(0...120))
            }
            // Sometimes fortnightly, counted from an anchor week.
            let fortnightly = r.chance(0.1)
            rules.append(ScheduleRule(pattern: pattern, opens: opens, closes: closes, validFrom: from, validTo: to,
                                      weekInterval: fortnightly ? 2 : 1,
                                      anchor: fortnightly ? LocalDate(iso: "2025-09-01")!.adding(days: r.int(0...60)) : nil))
        }
        // Sometimes a 24-hour service, whose only rule is every day 00:00-00:00.
        if r.chance(0.08) { rules = [ScheduleRule(pattern: .daily, opens: TimeOfDay(minutes: 0)!, closes: TimeOfDay(minutes: 0)!)] }
        var exceptions: [ScheduleException] = []
        for _ in 0..<(r.chance(0.3) ? r.int(1...2) : 0) {
            let from = LocalDate(iso: "2025-10-20")!.adding(days: r.int(0...170))
            let sessions: [ScheduleException.Session] = r.chance(0.5) ? [] :
                [.init(opens: TimeOfDay(minutes: r.int(0...47) * 30)!, closes: TimeOfDay(minutes: r.int(0...47) * 30)!)]
            exceptions.append(ScheduleException(from: from, to: from.adding(days: r.int(0...3)), sessions: sessions))
        }
        return (rules, exceptions)
    }

    /// Instants from October 2025 to April 2026 (both clock changes), to the minute.
    static let instant = Gen<Int64>.value(in: 0...(200 * 1440)).map { ISO8601Instant.parse("2025-10-15T00:00:00Z")! + $0 * 60 }

    @Test func openAtAnInstantAgreesWithTheReference() async {
        await propertyCheck(count: 300, input: Self.timetable, Self.instant) { table, t in
            let (rules, exceptions) = table
            let w = london.wallMinute(atUTC: t)
            let fast = OpeningHours(rules: rules, exceptions: exceptions).isOpen(atWallMinute: w)
            #expect(fast == ReferenceHours.isOpen(rules, exceptions, wallMinute: w), "\(rules) \(exceptions) at \(london.iso8601(utcSeconds: t))")
        }
    }

    @Test func openInAWindowAgreesWithTheReference() async {
        await propertyCheck(count: 150, input: Self.timetable, Self.instant, Gen<Int64>.value(in: 1...(3 * 1440))) { table, t, length in
            let (rules, exceptions) = table
            let ranges = london.wallRanges(fromUTC: t, to: t + length * 60)
            let fast = OpeningHours(rules: rules, exceptions: exceptions).overlapsAny(ranges)
            let reference = ranges.contains { ReferenceHours.isOpen(rules, exceptions, anyMinuteIn: $0) }
            #expect(fast == reference, "\(rules) \(exceptions) from \(london.iso8601(utcSeconds: t)) for \(length) min")
        }
    }

    @Test func theIndexHoursColumnAgreesWithTheReference() async {
        await propertyCheck(count: 150, input: Self.timetable, Self.instant, Gen<Int64>.value(in: 1...600)) { table, t, length in
            let (rules, exceptions) = table
            var column = HoursColumn()
            column.append(OpeningHours(rules: rules, exceptions: exceptions), doc: 0)
            let ranges = london.wallRanges(fromUTC: t, to: t + length * 60)
            let reference = ranges.contains { ReferenceHours.isOpen(rules, exceptions, anyMinuteIn: $0) }
            #expect(column.isOpen(0, in: ranges) == reference)
            // As a search asks it: the ranges turned into minute-of-week spans and hours once (the hours
            // of the week the service touches tell most answers).
            #expect(column.isOpen(0, in: ranges, window: HoursColumn.weekWindow(of: ranges)) == reference)
            // Compiled hours keep their weekly hull in the column; a snapshot file written before they did
            // has none there (nor hours of the week made from it), and its compiled hours answer alone.
            if column.kinds[0] == HoursColumn.Kind.complex.rawValue {
                var older = column
                older.weekly = CompactLists()
                older.weekly.append([Int32]())
                older.makeHourBits()
                #expect(older.isOpen(0, in: ranges, window: HoursColumn.weekWindow(of: ranges)) == reference)
            }
            // Expiry from the column's last day, as the compiled hours say it.
            let day = Int(CivilTimeZone.floorDiv(ranges[0].lowerBound, 1440))
            #expect(column.hasExpired(0, before: day) == OpeningHours(rules: rules, exceptions: exceptions).hasExpired(beforeDay: day))
        }
    }

    /// The hours of the week a service's intervals touch, and those a search's time touches or covers
    /// whole, at the edges of an hour: a service is told closed only when no hour is shared, and open
    /// only when one it touches is covered whole; the rest go to the intervals themselves.
    @Test func hoursOfTheWeekAtTheirEdges() {
        var nineToTen = WeekHours()
        nineToTen.insert(touching: 540, 600)
        #expect(nineToTen.contains(hour: 9) && !nineToTen.contains(hour: 8) && !nineToTen.contains(hour: 10))
        var late = WeekHours()
        late.insert(touching: 10_000, 10_200)  // past the week's end: its last hours only
        #expect(late.contains(hour: 166) && late.contains(hour: 167) && !late.contains(hour: 0))
        var week = WeekHours(), acrossWords = WeekHours()
        week.insert(touching: 0, 10_080)
        acrossWords.insert(touching: 62 * 60, 130 * 60)  // hours 62 to 129, over three words
        #expect((0..<168).allSatisfy { week.contains(hour: $0) })
        #expect((0..<168).filter { acrossWords.contains(hour: $0) } == Array(62...129))
        let monday = Int64(LocalDate(iso: "2025-11-17")!.dayNumber * 1440)
        let morning = [(monday + 545)..<(monday + 720)]  // Monday 09:05-12:00
        let window = HoursColumn.weekWindow(of: morning)
        #expect(window.touched.contains(hour: 9) && window.touched.contains(hour: 11) && !window.touched.contains(hour: 12))
        #expect(!window.covered.contains(hour: 9) && window.covered.contains(hour: 10) && window.covered.contains(hour: 11))
        var column = HoursColumn()
        let rule = { (open: Int, close: Int) in
            OpeningHours(rules: [ScheduleRule(pattern: .weekly([.monday]), opens: TimeOfDay(minutes: open)!, closes: TimeOfDay(minutes: close)!)])
        }
        column.append(rule(480, 546), doc: 0)   // 08:00-09:06: shares hour 9 with the window, and minute 545
        column.append(rule(480, 545), doc: 1)   // 08:00-09:05: shares hour 9, not a minute
        column.append(rule(630, 640), doc: 2)   // 10:30-10:40: inside an hour the window covers
        column.append(rule(780, 840), doc: 3)   // 13:00-14:00: no hour shared
        #expect((0..<4).map { column.isOpen($0, in: morning, window: window) } == [true, false, true, false])
        #expect((0..<4).map { column.isOpen($0, in: morning) } == [true, false, true, false])
    }

    /// Compiled hours keep their weekly hull in the index's column, where a search reads it before the
    /// compiled hours (a range outside it is closed); a plain weekly timetable keeps its own intervals.
    @Test func theIndexHoursColumnHoldsACompiledServicesHull() throws {
        let tuesdays = ScheduleRule(pattern: .weekly([.tuesday]), opens: TimeOfDay(minutes: 600)!, closes: TimeOfDay(minutes: 720)!,
                                    validFrom: LocalDate(iso: "2025-11-01"), validTo: LocalDate(iso: "2025-12-31"))
        let hours = OpeningHours(rules: [tuesdays])
        var column = HoursColumn()
        column.append(hours, doc: 0)
        column.append(OpeningHours(rules: [ScheduleRule(pattern: .weekly([.monday]), opens: TimeOfDay(minutes: 540)!, closes: TimeOfDay(minutes: 600)!)]), doc: 1)
        #expect(column.kinds == [HoursColumn.Kind.complex.rawValue, HoursColumn.Kind.weekly.rawValue])
        // Tuesday 10:00-12:00 (minute of the week 1 × 1440 + 600), Monday 09:00-10:00.
        #expect(Array(column.weekly[0]) == [2040, 2160])
        #expect(Array(column.weekly[1]) == [540, 600])
        // A Tuesday morning in its dates is open; a Wednesday, outside the hull, is not.
        let tuesday = LocalDate(iso: "2025-11-18")!.dayNumber * 1440, wednesday = tuesday + 1440
        #expect(column.isOpen(0, in: [Int64(tuesday + 660)..<Int64(tuesday + 661)]))
        #expect(!column.isOpen(0, in: [Int64(wednesday + 660)..<Int64(wednesday + 661)]))
    }

    /// The search over a week's intervals (read in order up to eight, by binary search beyond), against
    /// a scan of every interval, for lists of 0 to 40 intervals (a timetable above has a few; a long one more).
    @Test func weeklyIntervalSearchAgreesWithAScan() async {
        let lists = Gen<Int32>.value(in: 0...Int32(OpeningHours.minutesPerWeek)).array(of: 0...80)
        let spans = Gen<Int32>.value(in: 0...Int32(OpeningHours.minutesPerWeek)).array(of: 2)
        await propertyCheck(count: 400, input: lists, spans) { raw, span in
            // Sorted, disjoint, non-empty intervals, as the column holds them.
            var pairs: [Int32] = []
            for v in Set(raw).sorted() { pairs.append(v) }
            if pairs.count % 2 == 1 { pairs.removeLast() }
            let s = min(span[0], span[1]), e = max(span[0], span[1]) + 1
            var scan = false
            for k in stride(from: 0, to: pairs.count, by: 2) where pairs[k] < e && pairs[k + 1] > s { scan = true }
            let found = pairs.withUnsafeBufferPointer { OpeningHours.search($0[...], s, e) }
            #expect(found == scan, "\(pairs) against \(s)..<\(e)")
        }
    }
}

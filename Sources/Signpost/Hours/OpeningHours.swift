/// A service's opening hours compiled for fast questions: "open at this instant?", "open at some
/// point in this window?", "when does it next open?".
///
/// Built once, when the index is built. Rules that repeat every week without end dates are merged
/// into one sorted array of minute-of-week intervals, answered by binary search whatever the
/// number of sessions; monthly rules, dated rules and exceptions are kept as data and expanded
/// only for the few days a question touches. All times are local wall-clock minutes (see
/// ``CivilTimeZone``).
public struct OpeningHours: Sendable, Hashable {
    /// The rules it was built from.
    public let rules: [ScheduleRule]
    /// Dated exceptions, sorted by start date.
    public let exceptions: [ScheduleException]
    /// Minute-of-week intervals (Monday 00:00 = 0) of the open-ended weekly rules, sorted and merged,
    /// each within `0..<10080` (overnight sessions that wrap past Sunday midnight are split).
    let weekly: [Int32]
    /// Rules that are not plain weekly ones (monthly, or bounded by validity dates), as plain values.
    let dated: [DatedRule]
    /// Every rule as plain values, in order: the sessions of a day are found with these.
    let compiled: [DatedRule]
    /// The last day any rule can start a session (nil: open-ended).
    let lastDay: Int?
    /// Each exception's first and last day as day numbers, flattened (`from, to` pairs, in the
    /// exceptions' order): a question's days are compared with these, not with dates converted
    /// for every check (two calendar conversions per exception per service checked).
    let exceptionDays: [Int]
    /// Minute-of-week intervals (as `weekly`) holding every time any rule or exception could be open,
    /// each on the weekdays it can fall on: a range outside them is closed, told without a date
    /// worked out (most services with dated hours checked by a question with a time are closed then).
    let hull: [Int32]

    struct WeekInterval: Sendable, Hashable {
        var start: Int32
        var end: Int32
    }

    static let minutesPerWeek: Int64 = 10_080

    public init(rules: [ScheduleRule], exceptions: [ScheduleException] = []) {
        self.rules = rules
        self.exceptions = exceptions.sorted { $0.from < $1.from }
        var weekly: [WeekInterval] = []
        var dated: [DatedRule] = []
        let compiled = rules.enumerated().map { DatedRule($1, index: $0) }
        var lastDay: Int? = Int.min
        for (index, rule) in rules.enumerated() {
            if let to = rule.validTo { if let l = lastDay { lastDay = max(l, to.dayNumber) } } else { lastDay = nil }
            let days: [Weekday]
            switch rule.pattern {
            case .weekly(let set) where rule.isPlainWeekly: days = set.sorted()
            case .daily where rule.isPlainWeekly: days = Weekday.allCases
            default:
                dated.append(compiled[index])
                continue
            }
            for d in days { Self.add(day: d.rawValue, opens: rule.opens.minutes, minutes: rule.wallMinutes, to: &weekly) }
        }
        self.weekly = Self.merged(weekly)
        var spread = weekly
        for rule in dated {
            for d in 0..<7 where rule.mayRun(onWeekday: d) { Self.add(day: d, opens: rule.opens, minutes: rule.wallMinutes, to: &spread) }
        }
        for ex in self.exceptions where !ex.isClosure {
            let first = ex.from.dayNumber, last = ex.to.dayNumber
            for day in first...max(first, min(last, first + 6)) {
                for s in ex.sessions {
                    Self.add(day: Weekday(dayNumber: day).rawValue, opens: s.opens.minutes, minutes: s.wallMinutes, to: &spread)
                }
            }
        }
        hull = Self.merged(spread)
        self.dated = dated
        self.compiled = compiled
        self.lastDay = rules.isEmpty ? nil : lastDay
        exceptionDays = self.exceptions.flatMap { [$0.from.dayNumber, $0.to.dayNumber] }
    }

    /// A session of `minutes` from `opens` on weekday `day` (Monday = 0) as week intervals (two when it
    /// runs past Sunday midnight).
    private static func add(day: Int, opens: Int, minutes: Int, to list: inout [WeekInterval]) {
        let start = Int32(day * 1440 + opens)
        let end = start + Int32(minutes)
        if end <= Int32(minutesPerWeek) {
            list.append(WeekInterval(start: start, end: end))
        } else {
            list.append(WeekInterval(start: start, end: Int32(minutesPerWeek)))
            list.append(WeekInterval(start: 0, end: end - Int32(minutesPerWeek)))
        }
    }

    /// Week intervals sorted and merged, flattened to `start, end` pairs.
    private static func merged(_ intervals: [WeekInterval]) -> [Int32] {
        var merged: [WeekInterval] = []
        for iv in intervals.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
            if let last = merged.last, iv.start <= last.end {
                merged[merged.count - 1].end = max(last.end, iv.end)
            } else {
                merged.append(iv)
            }
        }
        return merged.flatMap { [$0.start, $0.end] }
    }

    /// No schedule at all: by appointment, never "open at" a time.
    public var isByAppointment: Bool { rules.isEmpty && exceptions.allSatisfy(\.isClosure) }

    /// Whether every rule has ended before `day` (a service that has stopped running).
    public func hasExpired(before day: LocalDate) -> Bool { hasExpired(beforeDay: day.dayNumber) }

    /// As ``hasExpired(before:)``, for a day number (the search's filter: no date is made unless
    /// there are exceptions to compare with it).
    func hasExpired(beforeDay day: Int) -> Bool {
        guard let last = lastDay, last < day else { return false }
        if exceptions.isEmpty { return true }
        let date = LocalDate(dayNumber: day)
        return exceptions.allSatisfy { $0.to < date || $0.isClosure }
    }

    private var isPlainWeekly: Bool { dated.isEmpty && exceptions.isEmpty }

    // MARK: - Questions

    /// Whether the service is open at a wall-clock minute (opens <= t < closes).
    ///
    /// - Complexity: O(log w) for weekly rules (w merged weekly intervals), plus O(r) for the r
    ///   monthly/dated rules and O(log e) for exceptions on the two days that can contain t.
    public func isOpen(atWallMinute t: Int64) -> Bool {
        overlaps(t..<(t + 1))
    }

    /// Whether the service is open at some point in a wall-clock range [start, end).
    ///
    /// - Complexity: as ``isOpen(atWallMinute:)`` for ranges up to a week.
    public func overlaps(_ range: Range<Int64>) -> Bool { overlaps(range, insideHull: false) }

    /// As ``overlaps(_:)``, told when the caller has already found the range to touch the weekly hull
    /// (the index's hours column keeps a copy of it, read first), which is then not searched again.
    func overlaps(_ range: Range<Int64>, insideHull: Bool) -> Bool {
        guard !range.isEmpty, !(rules.isEmpty && exceptions.isEmpty) else { return false }
        if isPlainWeekly { return weeklyOverlaps(range) }
        if !insideHull && !hull.withUnsafeBufferPointer({ Self.weeklyOverlaps($0[...], range) }) { return false }
        let firstDay = CivilTimeZone.floorDiv(range.lowerBound, 1440) - 1
        let lastDay = CivilTimeZone.floorDiv(range.upperBound - 1, 1440)
        if !touchesException(Int(firstDay)...Int(lastDay)) {
            // The weekly part by binary search; only the dated rules are expanded, day by day.
            if weeklyOverlaps(range) { return true }
            var day = firstDay
            while day <= lastDay {
                let base = day * 1440
                for rule in dated where rule.runs(onDay: Int(day), rules: rules) {
                    let start = base + Int64(rule.opens)
                    if start < range.upperBound && start + Int64(rule.wallMinutes) > range.lowerBound { return true }
                }
                day += 1
            }
            return false
        }
        var day = firstDay
        while day <= lastDay {
            // (Stopped at the first session that overlaps. Not a flag set by the closure: a variable it
            // captured was checked for overlapping access at run time, six times a question.)
            let stopped = !forEachSession(onDay: Int(day)) { start, end in !(start < range.upperBound && end > range.lowerBound) }
            if stopped { return true }
            day += 1
        }
        return false
    }

    /// Whether any exception covers a day in the range (day numbers).
    private func touchesException(_ days: ClosedRange<Int>) -> Bool {
        var k = 0
        while k < exceptionDays.count {
            if exceptionDays[k] <= days.upperBound && exceptionDays[k + 1] >= days.lowerBound { return true }
            k += 2
        }
        return false
    }

    /// Whether any of several ranges overlaps (a habitual question such as "evenings").
    public func overlapsAny(_ ranges: [Range<Int64>]) -> Bool {
        for r in ranges where overlaps(r) { return true }
        return false
    }

    private func weeklyOverlaps(_ range: Range<Int64>) -> Bool {
        weekly.withUnsafeBufferPointer { Self.weeklyOverlaps($0[...], range) }
    }

    /// Whether minute-of-week intervals (flattened `start, end` pairs, sorted, merged, within one
    /// week) overlap a non-empty wall-clock range.
    ///
    /// - Complexity: O(log w) for w intervals.
    static func weeklyOverlaps(_ pairs: Slice<UnsafeBufferPointer<Int32>>, _ range: Range<Int64>) -> Bool {
        guard !pairs.isEmpty else { return false }
        return forEachWeekSpan(of: range) { search(pairs, $0, $1) }
    }

    /// The minute of the week (Monday 00:00 = 0) of a wall-clock minute.
    @inline(__always)
    static func minuteOfWeek(_ t: Int64) -> Int64 {
        let day = CivilTimeZone.floorDiv(t, 1440)
        let weekday = ((day + 3) % 7 + 7) % 7  // Weekday(dayNumber:), kept in Int64 on this hot path
        return weekday * 1440 + (t - day * 1440)
    }

    /// Calls `body` with each minute-of-week span (Monday 00:00 = 0) of a wall-clock range: one, two
    /// when it wraps past Sunday midnight, the whole week when it lasts a week or more, none when
    /// empty. Weekly intervals overlap the range exactly when they overlap one of its spans. Stops
    /// at, and returns, the first true.
    @inline(__always)
    static func forEachWeekSpan(of range: Range<Int64>, _ body: (Int32, Int32) -> Bool) -> Bool {
        guard !range.isEmpty else { return false }
        if range.count >= Int(minutesPerWeek) { return body(0, Int32(minutesPerWeek)) }
        let s = minuteOfWeek(range.lowerBound)
        let e = s + Int64(range.count)
        if e <= minutesPerWeek { return body(Int32(s), Int32(e)) }
        return body(Int32(s), Int32(minutesPerWeek)) || body(0, Int32(e - minutesPerWeek))
    }

    /// Whether weekly intervals (start, end pairs in order) overlap [s, e): the first interval ending
    /// after `s` does when it starts before `e`.
    ///
    /// A service's week is a handful of intervals: up to eight are read in order (a binary search's
    /// bookkeeping cost more than the few comparisons it saved, counted on the searches of Leeds).
    ///
    /// - Complexity: O(w) for w ≤ 8 intervals, O(log w) beyond.
    @inline(__always)
    static func search(_ pairs: Slice<UnsafeBufferPointer<Int32>>, _ s: Int32, _ e: Int32) -> Bool {
        let n = pairs.count &>> 1
        guard n > 0, let start = pairs.base.baseAddress else { return false }
        let p = start + pairs.startIndex
        if n <= 8 {
            var k = 0
            while k < n {
                if p[2 &* k &+ 1] > s { return p[2 &* k] < e }
                k &+= 1
            }
            return false
        }
        var lo = 0, hi = n
        while lo < hi {
            let mid = (lo &+ hi) &>> 1
            if p[2 &* mid &+ 1] <= s { lo = mid &+ 1 } else { hi = mid }
        }
        return lo < n && p[2 &* lo] < e
    }

    /// Whether the rules compile entirely into weekly intervals (no monthly or dated rules, no exceptions).
    public var isPlainWeeklyOnly: Bool { dated.isEmpty && exceptions.isEmpty && !rules.isEmpty }

    /// The flattened weekly intervals, for the index's hours column.
    var weeklyPairs: [Int32] { weekly }

    /// The last day a session can start (nil: open-ended or no rules), as a day number.
    var lastSessionDay: Int? { lastDay }

    /// Calls `body` with each session (wall-clock minute range) that starts on `day` (a day number),
    /// in order of start, until it returns false; returns false when `body` stopped it.
    @discardableResult
    func forEachSession(onDay day: Int, _ body: (Int64, Int64) -> Bool) -> Bool {
        let base = Int64(day) * 1440
        let date = LocalDate(dayNumber: day)
        if let sessions = exceptionSessions(on: date) {
            for s in sessions where !body(base + Int64(s.opens.minutes), base + Int64(s.opens.minutes + s.wallMinutes)) { return false }
            return true
        }
        var sessions: [(Int64, Int64)] = []
        for rule in compiled where rule.runs(onDay: day, rules: rules) {
            sessions.append((base + Int64(rule.opens), base + Int64(rule.opens + rule.wallMinutes)))
        }
        sessions.sort { $0 < $1 }
        for (s, e) in sessions where !body(s, e) { return false }
        return true
    }

    /// The sessions of the exceptions covering a date (empty: closed), or nil when no exception does.
    func exceptionSessions(on date: LocalDate) -> [ScheduleException.Session]? {
        guard !exceptions.isEmpty else { return nil }
        var found = false
        var sessions: [ScheduleException.Session] = []
        for ex in exceptions {
            if ex.from > date { break }
            if date <= ex.to { found = true; sessions += ex.sessions }
        }
        return found ? sessions.sorted { $0.opens < $1.opens } : nil
    }

    /// The session in progress at wall minute `t`, or the next one to start, searching up to
    /// `horizonDays` ahead. Returns wall-clock minutes.
    public func currentOrNextSession(atWallMinute t: Int64, horizonDays: Int = 400) -> Range<Int64>? {
        guard !rules.isEmpty || !exceptions.isEmpty else { return nil }
        let today = Int(CivilTimeZone.floorDiv(t, 1440))
        var best: Range<Int64>? = nil
        for day in (today - 1)...(today + horizonDays) {
            forEachSession(onDay: day) { s, e in
                if e > t {
                    if best == nil || s < best!.lowerBound { best = s..<e }
                    return false
                }
                return true
            }
            if let b = best, b.lowerBound <= Int64(day + 1) * 1440 { break }
        }
        // Merge back-to-back sessions (split days, overnight continuing) so "closes" is the real close.
        if var b = best {
            var extended = true
            // Stop after a week: a service open round the clock is "open 24 hours", not "closes in 2099".
            while extended && b.upperBound - b.lowerBound < 8 * 1440 {
                extended = false
                let d = Int(CivilTimeZone.floorDiv(b.upperBound, 1440))
                for day in (d - 1)...d {
                    forEachSession(onDay: day) { s, e in
                        if s <= b.upperBound && e > b.upperBound { b = b.lowerBound..<e; extended = true; return false }
                        return true
                    }
                }
            }
            return b
        }
        return nil
    }

    /// All sessions starting on a date, as wall-clock minute ranges.
    public func sessions(on date: LocalDate) -> [Range<Int64>] {
        var out: [Range<Int64>] = []
        forEachSession(onDay: date.dayNumber) { s, e in out.append(s..<e); return true }
        return out
    }
}

/// A monthly or dated rule reduced to plain values, so asking whether it runs on a day copies no
/// rule and hashes no weekday (weekdays are bits).
struct DatedRule: Sendable, Hashable {
    /// The days it may run on, as day numbers (its validity dates).
    var firstDay = Int.min, lastDay = Int.max
    /// Weekly and daily patterns: bit `weekday.rawValue` (Monday = 0) for each day it runs on.
    var weekdays: UInt8 = 0
    /// Monthly patterns: bit `(n - 1) * 7 + weekday` for the nth such weekday of the month, counted
    /// from the start and from the end (`Fr[-1]`).
    var fromStart: UInt64 = 0, fromEnd: UInt64 = 0
    /// Days of the month: the rule at this index of the hours' rules is asked.
    var ruleIndex = -1
    /// Every `weekInterval` weeks (fortnightly: 2), counted from the week whose Monday is day
    /// `anchorMonday` (as ``ScheduleRule/runs(on:)`` counts them; 1: every week).
    var weekInterval = 1, anchorMonday = 0
    var opens: Int
    var wallMinutes: Int

    init(_ rule: ScheduleRule, index: Int) {
        opens = rule.opens.minutes
        wallMinutes = rule.wallMinutes
        if let f = rule.validFrom { firstDay = f.dayNumber }
        if let t = rule.validTo { lastDay = t.dayNumber }
        // (A fortnightly rule was asked as a ``ScheduleRule``: two calendar conversions and a hashed set
        // of weekdays, some 300 instructions per day and service checked, counted by callgrind.)
        if rule.weekInterval > 1, let anchor = rule.anchor {
            weekInterval = rule.weekInterval
            anchorMonday = anchor.dayNumber - anchor.weekday.rawValue
        }
        switch rule.pattern {
        case .daily: weekdays = 0x7F
        case .weekly(let days): for d in days { weekdays |= 1 << UInt8(d.rawValue) }
        case .monthly(let days):
            for d in days where (-5...5).contains(d.ordinal) && d.ordinal != 0 {
                let bit = UInt64(1) << UInt64((abs(d.ordinal) - 1) * 7 + d.weekday.rawValue)
                if d.ordinal > 0 { fromStart |= bit } else { fromEnd |= bit }
            }
        case .monthDays: ruleIndex = index
        }
    }

    /// Whether it runs on a day (a day number); `rules` are the hours' rules.
    ///
    /// - Complexity: O(1), but for month-day rules (those ask the rule).
    @inline(__always)
    func runs(onDay day: Int, rules: [ScheduleRule]) -> Bool {
        guard day >= firstDay && day <= lastDay else { return false }
        if ruleIndex >= 0 { return Self.ruleRuns(rules, ruleIndex, onDay: day) }
        let weekday = Weekday(dayNumber: day).rawValue
        if weekInterval > 1 {
            let weeks = (day - weekday - anchorMonday) / 7
            if ((weeks % weekInterval) + weekInterval) % weekInterval != 0 { return false }
        }
        let monthly = fromStart | fromEnd
        if monthly == 0 { return weekdays & (1 << UInt8(weekday)) != 0 }
        // (A monthly rule runs only on the weekdays it names: on the others, no date is worked out. Bits
        // 0, 7, 14, 21 and 28 are the first to fifth Monday, shifted to the weekday's.)
        if monthly & (Self.everyOrdinal << UInt64(weekday)) == 0 { return false }
        return runsMonthly(onDay: day, weekday: weekday)
    }

    /// Whether it can run on a weekday (Monday = 0) at all, whatever the date: the weekday bits of a
    /// weekly or monthly pattern; every weekday for days of the month.
    func mayRun(onWeekday d: Int) -> Bool {
        if ruleIndex >= 0 { return true }
        if (fromStart | fromEnd) & (Self.everyOrdinal << UInt64(d)) != 0 { return true }
        return weekdays & (1 << UInt8(d)) != 0
    }

    /// Bit `k * 7` for k in 0...4: every occurrence of Monday in ``fromStart`` or ``fromEnd``.
    static let everyOrdinal: UInt64 = 1 | 1 << 7 | 1 << 14 | 1 << 21 | 1 << 28

    // The two calendar questions are out of line on purpose: inlined, the compiler worked out the
    // day's date (some 280 instructions) before testing which kind of rule it was, for every rule
    // and service checked, though most dated rules are weekly ones with validity dates (counted by
    // callgrind: two thirds of checking a service with dated hours).

    /// A monthly pattern on a day: the same occurrence counts MonthlyDay.matches compares, 1...5
    /// from the start of the month and -1...-5 from the end.
    @inline(never)
    private func runsMonthly(onDay day: Int, weekday: Int) -> Bool {
        let date = LocalDate(dayNumber: day)
        let fromTheStart = date.ordinalInMonth - 1, fromTheEnd = -date.ordinalFromEnd - 1
        return fromStart & (1 << UInt64(fromTheStart * 7 + weekday)) != 0 || fromEnd & (1 << UInt64(fromTheEnd * 7 + weekday)) != 0
    }

    /// A rule asked itself (days of the month).
    @inline(never)
    private static func ruleRuns(_ rules: [ScheduleRule], _ index: Int, onDay day: Int) -> Bool {
        rules[index].runs(on: LocalDate(dayNumber: day))
    }
}

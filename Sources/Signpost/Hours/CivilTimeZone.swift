import Foundation

/// A time zone as a table of UTC offset changes, read once from the system's time-zone database
/// (Foundation's `TimeZone`), so that converting an instant to local wall-clock time is a binary
/// search rather than a calendar computation.
///
/// Wall-clock time is counted in minutes since 1970-01-01 00:00 *local*; opening hours are
/// evaluated in that space, which makes them right across the clocks changing: a session
/// `01:00`-`03:00` on the night the clocks go forward contains one hour of instants, and on the
/// night they go back, three.
public struct CivilTimeZone: Sendable, Hashable {
    public let identifier: String
    /// UTC seconds at which `offsets[i]` starts to apply (`transitions[0]` is `Int64.min`).
    private let transitions: [Int64]
    /// UTC offsets in seconds.
    private let offsets: [Int32]

    /// Europe/London, the directory's default.
    public static let london = CivilTimeZone(identifier: "Europe/London")!

    /// Reads a zone from the time-zone database for the years 1900-2200; nil for an unknown identifier.
    public init?(identifier: String) {
        guard let tz = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        var times: [Int64] = [Int64.min]
        var offs: [Int32] = []
        var date = Date(timeIntervalSince1970: -2_208_988_800)  // 1900-01-01
        offs.append(Int32(tz.secondsFromGMT(for: date)))
        let end = Date(timeIntervalSince1970: 7_258_118_400)  // 2200-01-01
        while let next = tz.nextDaylightSavingTimeTransition(after: date), next < end {
            let off = Int32(tz.secondsFromGMT(for: next))
            if off != offs.last! {
                times.append(Int64(next.timeIntervalSince1970.rounded()))
                offs.append(off)
            }
            date = next
        }
        transitions = times
        offsets = offs
    }

    /// The UTC offset in seconds at an instant.
    ///
    /// - Complexity: O(log t) in the number of transitions.
    public func offset(atUTC seconds: Int64) -> Int {
        var lo = 0, hi = transitions.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if transitions[mid] <= seconds { lo = mid } else { hi = mid - 1 }
        }
        return Int(offsets[lo])
    }

    /// Local wall-clock minute of an instant (floored to the minute).
    public func wallMinute(atUTC seconds: Int64) -> Int64 {
        let local = seconds + Int64(offset(atUTC: seconds))
        return local >= 0 ? local / 60 : (local - 59) / 60
    }

    /// The first instant at which the wall clock shows `minute` (or, inside the gap when the clocks
    /// go forward, the instant the clocks jump to). In the repeated hour when they go back, the
    /// earlier of the two instants.
    public func utcSeconds(forWallMinute minute: Int64) -> Int64 {
        let wall = minute * 60
        // Candidates: the offsets in force around this wall time.
        let guess = wall - Int64(offset(atUTC: wall))
        var best: Int64? = nil
        for probe in [guess - 86_400, guess, guess + 86_400] {
            let off = Int64(offset(atUTC: probe))
            let t = wall - off
            if Int64(offset(atUTC: t)) == off { best = min(best ?? t, t) }
        }
        if let best { return best }
        // A gap: the clocks jumped over this wall time; use the instant of the jump.
        let before = Int64(offset(atUTC: guess - 7_200))
        return wall - before
    }

    /// Splits a UTC range [start, end) into pieces on which the offset is constant, each given as a
    /// wall-clock minute range.
    public func wallRanges(fromUTC start: Int64, to end: Int64) -> [Range<Int64>] {
        guard end > start else { return [] }
        var out: [Range<Int64>] = []
        var a = start
        while a < end {
            let off = Int64(offset(atUTC: a))
            // Next transition after a.
            var lo = 0, hi = transitions.count - 1
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if transitions[mid] <= a { lo = mid } else { hi = mid - 1 }
            }
            let next = lo + 1 < transitions.count ? transitions[lo + 1] : Int64.max
            let b = min(end, next)
            let ws = Self.floorDiv(a + off, 60)
            let we = Self.ceilDiv(b + off, 60)
            if we > ws { out.append(ws..<we) }
            a = b
        }
        return out
    }

    /// Today's date at an instant.
    public func localDate(atUTC seconds: Int64) -> LocalDate {
        LocalDate(wallMinute: wallMinute(atUTC: seconds))
    }

    /// Formats an instant as ISO 8601 with this zone's offset: `2025-11-15T10:00:00+00:00`.
    public func iso8601(utcSeconds t: Int64) -> String {
        let off = offset(atUTC: t)
        let local = t + Int64(off)
        let day = Self.floorDiv(local, 86_400)
        let secs = local - day * 86_400
        let date = LocalDate(dayNumber: Int(day))
        let h = secs / 3600, m = (secs % 3600) / 60, s = secs % 60
        let sign = off < 0 ? "-" : "+"
        let oh = abs(off) / 3600, om = (abs(off) % 3600) / 60
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date)T\(two(h)):\(two(m)):\(two(s))\(sign)\(two(Int64(oh))):\(two(Int64(om)))"
    }

    /// `a / b` rounded down (toward negative infinity); `b` > 0.
    ///
    /// Inlined: its callers divide by a constant (1440 minutes a day), which the compiler then turns
    /// into a multiplication; out of line, each call was a 64-bit division, about 40 cycles, some thirty
    /// times a question in the hours of services with dated rules.
    @inline(__always)
    public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }
    public static func ceilDiv(_ a: Int64, _ b: Int64) -> Int64 { -floorDiv(-a, b) }

    public static func == (a: CivilTimeZone, b: CivilTimeZone) -> Bool { a.identifier == b.identifier }
    public func hash(into h: inout Hasher) { h.combine(identifier) }
}

/// Parses ISO 8601 instants as the CLI and query files write them.
public enum ISO8601Instant {
    /// `2025-11-12T11:00:00+00:00`, `2025-11-12T11:00Z`, `2025-11-12T11:00:00.000+01:00`, or a local
    /// time without offset (`2025-11-12T11:00`), read in `zone`. Returns UTC seconds.
    public static func parse(_ text: String, zone: CivilTimeZone = .london) -> Int64? {
        let s = text.trimmingCharacters(in: .whitespaces)
        guard let date = LocalDate(iso: String(s.prefix(10))) else { return nil }
        var rest = Substring(s.dropFirst(10))
        if rest.isEmpty {
            return zone.utcSeconds(forWallMinute: Int64(date.dayNumber) * 1440)
        }
        guard rest.first == "T" || rest.first == " " else { return nil }
        rest = rest.dropFirst()
        // HH:MM[:SS[.fff]]
        let timeEnd = rest.firstIndex(where: { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }) ?? rest.endIndex
        let timePart = rest[rest.startIndex..<timeEnd]
        let zonePart = rest[timeEnd...]
        let hms = timePart.split(separator: ":")
        guard hms.count >= 2, hms.count <= 3, hms[0].count == 2, hms[1].count == 2,
              let h = Int(hms[0]), let m = Int(hms[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        var sec = 0
        if hms.count == 3 {
            let whole = hms[2].split(separator: ".").first ?? ""
            guard whole.count == 2, let s = Int(whole), (0...60).contains(s) else { return nil }
            sec = min(s, 59)
        }
        let wallSeconds = (Int64(date.dayNumber) * 1440 + Int64(h * 60 + m)) * 60 + Int64(sec)
        if zonePart.isEmpty {
            return zone.utcSeconds(forWallMinute: wallSeconds / 60) + Int64(sec)
        }
        if zonePart == "Z" || zonePart == "z" { return wallSeconds }
        let sign: Int64 = zonePart.first == "-" ? -1 : 1
        let digits = zonePart.dropFirst().filter { $0 != ":" }
        guard digits.count == 4 || digits.count == 2, let v = Int(digits) else { return nil }
        let oh = digits.count == 4 ? v / 100 : v, om = digits.count == 4 ? v % 100 : 0
        guard oh <= 18, om < 60 else { return nil }
        return wallSeconds - sign * Int64(oh * 3600 + om * 60)
    }
}

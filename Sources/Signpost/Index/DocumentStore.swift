/// The services of a snapshot, stored compactly (one byte blob, one offset per service) and
/// decoded on demand: a search decodes only the services it returns.
public struct DocumentStore: Sendable {
    /// The two arrays behind one reference: every result of a search holds the store, and two arrays
    /// were two retains and two releases for each.
    private final class Storage: Sendable {
        let blob: [UInt8]
        let offsets: [UInt64]
        init(blob: [UInt8], offsets: [UInt64]) {
            self.blob = blob
            self.offsets = offsets
        }
    }
    private let storage: Storage
    var blob: [UInt8] { storage.blob }
    var offsets: [UInt64] { storage.offsets }

    init(blob: [UInt8], offsets: [UInt64]) {
        storage = Storage(blob: blob, offsets: offsets)
    }

    init(services: [Service]) {
        var w = BinaryWriter(capacity: services.count * 600)
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(services.count + 1)
        for s in services {
            ServiceCodec.encode(s, into: &w)
            offsets.append(UInt64(w.bytes.count))
        }
        storage = Storage(blob: w.bytes, offsets: offsets)
    }

    public var count: Int { offsets.count - 1 }

    /// The service at a document number.
    ///
    /// - Complexity: O(size of the service).
    public subscript(_ doc: Int) -> Service {
        blob.withUnsafeBytes { raw in
            var r = BinaryReader(raw, at: Int(offsets[doc]))
            // The blob was written by this process or checksummed on load.
            return (try? ServiceCodec.decode(&r)) ?? Service(id: "", name: "")
        }
    }

    var byteSize: Int { blob.count + offsets.count * 8 }
}

/// Opening hours of every service, as columns: plain weekly timetables are flattened into one
/// array of minute-of-week intervals; the rest keep their compiled ``OpeningHours``, and their weekly
/// hull in the same array.
struct HoursColumn: Sendable {
    enum Kind: UInt8 { case byAppointment = 0, weekly = 1, complex = 2 }

    var kinds: [UInt8] = []
    /// Minute-of-week intervals by service: a plain weekly service's hours; a compiled one's hull
    /// (``OpeningHours``'s `hull`: a range outside it is closed, and only a range inside it is asked of
    /// the compiled hours, an object whose arrays lie elsewhere on the heap). Empty for a compiled
    /// service in a snapshot file written before hulls were kept here: its compiled hours answer.
    var weekly = CompactLists<Int32>()
    /// Compiled hours of services that are not plain weekly, and each service's index into it (-1: none).
    /// Each held by a reference: reading a `let` of a class borrows it, where reading an element of an
    /// array of structs copied all five of its arrays for every check.
    var complex: [_CompiledHours] = []
    var complexIndex: [Int32] = []
    /// Last day a session can start, as a day number; `Int32.max` when open-ended.
    var lastDay: [Int32] = []
    /// Per service, three words: the hours of the week (168 bits) its `weekly` intervals touch (made
    /// from them, in memory only: ``append(_:doc:)`` and ``makeHourBits()``). A search's time asks these
    /// first (``isOpen(_:in:window:)``): most services are told open or closed by them, without the
    /// loop over their intervals, whose exit the processor guessed wrong for about one service in three.
    private(set) var hourBits: [UInt64] = []

    mutating func append(_ hours: OpeningHours, doc: Int) {
        if hours.isByAppointment {
            kinds.append(Kind.byAppointment.rawValue)
            weekly.append([])
            complexIndex.append(-1)
        } else if hours.isPlainWeeklyOnly {
            kinds.append(Kind.weekly.rawValue)
            weekly.append(hours.weeklyPairs)
            complexIndex.append(-1)
        } else {
            kinds.append(Kind.complex.rawValue)
            weekly.append(hours.hull)
            complexIndex.append(Int32(complex.count))
            complex.append(_CompiledHours(hours))
        }
        lastDay.append(hours.lastSessionDay.map { Int32(clamping: $0) } ?? Int32.max)
        appendHourBits(doc: kinds.count - 1)
    }

    /// ``hourBits`` for a column read from a snapshot file (they are not stored there).
    ///
    /// - Complexity: O(intervals + services).
    mutating func makeHourBits() {
        hourBits = []
        hourBits.reserveCapacity(3 * kinds.count)
        for d in kinds.indices { appendHourBits(doc: d) }
    }

    /// A service's hours of the week: those its intervals touch; every hour for compiled hours whose
    /// hull is not in the column (a snapshot written before hulls were kept: any hour may be open).
    private mutating func appendHourBits(doc d: Int) {
        var bits = WeekHours()
        var k = Int(weekly.offsets[d])
        let end = Int(weekly.offsets[d + 1])
        if k == end && kinds[d] == Kind.complex.rawValue { bits.words = (~0, ~0, ~0) }
        while k + 1 < end {
            bits.insert(touching: Int(weekly.values[k]), Int(weekly.values[k + 1]))
            k += 2
        }
        hourBits.append(bits.words.0)
        hourBits.append(bits.words.1)
        hourBits.append(bits.words.2)
    }

    /// Whether a service is open at some point in any of the wall-clock ranges.
    ///
    /// - Complexity: O(k log w) for k ranges and w weekly intervals.
    @inline(__always)
    func isOpen(_ doc: Int, in ranges: [Range<Int64>]) -> Bool {
        isOpen(doc, in: ranges) { slice in
            for r in ranges where OpeningHours.forEachWeekSpan(of: r, { OpeningHours.search(slice, $0, $1) }) { return true }
            return false
        }
    }

    /// As ``isOpen(_:in:)``, with the ranges also given as a ``WeekWindow`` (a search works it out
    /// once, not for every service it checks). The hours of the week tell most services: none of a
    /// service's hours among those the window touches is closed; one of them among those it covers
    /// whole is open. Only the rest are searched minute by minute.
    ///
    /// - Complexity: O(1) for most services; O(k log w) otherwise.
    @inline(__always)
    func isOpen(_ doc: Int, in ranges: [Range<Int64>], window: WeekWindow) -> Bool {
        // (By appointment, or weekly with no intervals: no bits, closed, as the search below says.)
        if hourBits.count == 3 &* kinds.count {
            let a = hourBits[3 &* doc], b = hourBits[3 &* doc &+ 1], c = hourBits[3 &* doc &+ 2]
            if (a & window.touched.words.0) | (b & window.touched.words.1) | (c & window.touched.words.2) == 0 { return false }
            // (A compiled service's bits are its hull's: only a plain weekly one is open by them.)
            if kinds[doc] == Kind.weekly.rawValue && (a & window.covered.words.0) | (b & window.covered.words.1) | (c & window.covered.words.2) != 0 {
                return true
            }
        }
        return isOpen(doc, in: ranges) { slice in
            var k = 0
            let spans = window.spans
            while k < spans.count {
                if OpeningHours.search(slice, spans[k], spans[k + 1]) { return true }
                k += 2
            }
            return false
        }
    }

    /// The one dispatch on a service's kind of hours: a plain weekly service's intervals go to
    /// `weekly` (never called when it has none), compiled hours are asked about the ranges.
    @inline(__always)
    private func isOpen(_ doc: Int, in ranges: [Range<Int64>], weekly search: (Slice<UnsafeBufferPointer<Int32>>) -> Bool) -> Bool {
        switch kinds[doc] {
        case Kind.weekly.rawValue:
            let lo = Int(weekly.offsets[doc]), hi = Int(weekly.offsets[doc + 1])
            guard lo < hi else { return false }
            return weekly.values.withUnsafeBufferPointer { search($0[lo..<hi]) }
        case Kind.complex.rawValue:
            // Its hull first, from this column: most services with dated hours are closed when asked, and
            // this is one line where the compiled hours are five or so, scattered. Only a range that touches
            // it is asked of them, which then do not search their own copy again.
            let hours = complex[Int(complexIndex[doc])]
            let lo = Int(weekly.offsets[doc]), hi = Int(weekly.offsets[doc + 1])
            guard lo < hi else { return hours.overlapsAny(ranges) }
            return weekly.values.withUnsafeBufferPointer { values in
                for r in ranges where OpeningHours.weeklyOverlaps(values[lo..<hi], r) && hours.overlaps(r, insideHull: true) { return true }
                return false
            }
        default:
            return false
        }
    }

    /// Minutes from wall minute `t` until the service is next open (0 when it is open at `t`); nil
    /// when it has no sessions ahead (by appointment, or none within the compiled hours' horizon).
    ///
    /// - Complexity: O(weekly intervals) for plain weekly hours; a day-by-day walk for compiled ones.
    func minutesUntilOpen(_ doc: Int, atWallMinute t: Int64) -> Int64? {
        switch kinds[doc] {
        case Kind.weekly.rawValue:
            let lo = Int(weekly.offsets[doc]), hi = Int(weekly.offsets[doc + 1])
            guard lo < hi else { return nil }
            let m = OpeningHours.minuteOfWeek(t)
            var best = Int64.max
            var k = lo
            while k < hi {
                let s = Int64(weekly.values[k]), e = Int64(weekly.values[k + 1])
                if m >= s && m < e { return 0 }
                best = min(best, s >= m ? s - m : s + OpeningHours.minutesPerWeek - m)
                k += 2
            }
            return best
        case Kind.complex.rawValue:
            return complex[Int(complexIndex[doc])].minutesUntilOpen(atWallMinute: t)
        default:
            return nil
        }
    }

    /// The ranges of a search's time as ``isOpen(_:in:window:)`` reads them: minute-of-week spans,
    /// flattened `start, end` pairs (``OpeningHours/forEachWeekSpan(of:_:)``; a range across Sunday
    /// midnight is two), and the hours they touch and cover whole.
    static func weekWindow(of ranges: [Range<Int64>]) -> WeekWindow {
        var window = WeekWindow(spans: [])
        window.spans.reserveCapacity(ranges.count * 4)
        for r in ranges {
            _ = OpeningHours.forEachWeekSpan(of: r) { s, e in
                window.spans.append(s)
                window.spans.append(e)
                window.touched.insert(touching: Int(s), Int(e))
                // The hours wholly inside [s, e).
                let first = (Int(s) + 59) / 60, last = Int(e) / 60 - 1
                if first <= last { window.covered.insert(touching: first * 60, (last + 1) * 60) }
                return false
            }
        }
        return window
    }

    /// Whether a service has no schedule (by appointment).
    @inline(__always)
    func isByAppointment(_ doc: Int) -> Bool { kinds[doc] == Kind.byAppointment.rawValue }

    /// Whether every schedule of a service ended before `day` (by-appointment services never expire).
    @inline(__always)
    func hasExpired(_ doc: Int, before day: Int) -> Bool {
        // (This column's last day is the hours' own, compiled or not: one on or after `day` has not
        // expired. Compiled hours that ended may still have an exception to come, which they tell.)
        guard kinds[doc] != Kind.byAppointment.rawValue, Int(lastDay[doc]) < day else { return false }
        return kinds[doc] != Kind.complex.rawValue || complex[Int(complexIndex[doc])].hasExpired(beforeDay: day)
    }

    var byteSize: Int { kinds.count + weekly.byteSize + lastDay.count * 4 + complexIndex.count * 4 + complex.count * 200 + hourBits.count * 8 }
}

/// The 168 hours of a week as bits: those a service's weekly intervals touch, or a search's time
/// touches or covers whole (``HoursColumn/hourBits``).
struct WeekHours: Sendable {
    var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    /// Adds the hours that minutes [start, end) of the week touch (minute 0 is Monday 00:00; minutes
    /// past the week's end count in its last hour, as the intervals' search reads them).
    mutating func insert(touching start: Int, _ end: Int) {
        guard end > start, start < Int(OpeningHours.minutesPerWeek) else { return }
        let first = Swift.max(0, start / 60), last = Swift.min(167, (end - 1) / 60)
        guard first <= last else { return }
        words.0 |= Self.run(first, last, inWord: 0)
        words.1 |= Self.run(first, last, inWord: 1)
        words.2 |= Self.run(first, last, inWord: 2)
    }

    /// The bits of hours `first...last` that fall in word `w` (hours 64w to 64w + 63).
    ///
    /// - Complexity: O(1) (a search's "this week" was 168 steps an hour at a time).
    @inline(__always)
    private static func run(_ first: Int, _ last: Int, inWord w: Int) -> UInt64 {
        let lo = Swift.max(first, 64 * w), hi = Swift.min(last, 64 * w + 63)
        guard lo <= hi else { return 0 }
        let count = hi - lo + 1
        let ones: UInt64 = count == 64 ? ~0 : (1 << UInt64(count)) &- 1
        return ones << UInt64(lo - 64 * w)
    }

    func contains(hour h: Int) -> Bool {
        let bit: UInt64 = 1 << UInt64(h & 63)
        switch h >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        default: return words.2 & bit != 0
        }
    }

}

/// A search's time, once for all the services it checks: its minute-of-week spans, and the hours of
/// the week they touch and cover whole.
struct WeekWindow: Sendable {
    var spans: [Int32]
    var touched = WeekHours(), covered = WeekHours()
}

/// One service's compiled opening hours, by reference (see ``HoursColumn/complex``).
final class _CompiledHours: Sendable {
    let hours: OpeningHours
    init(_ hours: OpeningHours) { self.hours = hours }

    // Not inlined: here the hours are passed on from the object's own storage; inlined into the
    // search's loop, the compiler copied them (five array retains) for every check.
    @inline(never) @_effects(releasenone)
    func overlapsAny(_ ranges: [Range<Int64>]) -> Bool { hours.overlapsAny(ranges) }

    /// ``OpeningHours/overlaps(_:insideHull:)``, for a range the column found to touch the hull.
    @inline(never) @_effects(releasenone)
    func overlaps(_ range: Range<Int64>, insideHull: Bool) -> Bool { hours.overlaps(range, insideHull: insideHull) }

    @inline(never) @_effects(releasenone)
    func hasExpired(beforeDay day: Int) -> Bool { hours.hasExpired(beforeDay: day) }

    @inline(never)
    func minutesUntilOpen(atWallMinute t: Int64) -> Int64? {
        hours.currentOrNextSession(atWallMinute: t, horizonDays: 120).map { max(0, $0.lowerBound - t) }
    }
}

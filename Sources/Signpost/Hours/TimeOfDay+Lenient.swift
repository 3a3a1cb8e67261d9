extension TimeOfDay {
    /// Reads a time as people write it when it is not strict `HH:MM`: `9am`, `9.30`, `9:00am`,
    /// `0930`, `930`, `9:30 p.m.`, `noon`, `midday`, `midnight`, `12pm`, `9` (read as 09:00).
    ///
    /// - Parameter assumePM: read a bare hour from 1 to 7 (``bareAfternoonHours``) as afternoon (used
    ///   for the end of a range such as `9-5`).
    /// - Returns: nil when the text is not a time.
    public static func lenient(_ raw: String, assumePM: Bool = false) -> TimeOfDay? {
        var s = withoutMeridiemStops(String(raw.lowercased().filter { $0 != " " && $0 != "\t" }))
        switch s {
        case "noon", "midday", "12noon", "12midday": return TimeOfDay(hour: 12, minute: 0)
        case "midnight", "12midnight": return TimeOfDay(hour: 0, minute: 0)
        default: break
        }
        if let strict = TimeOfDay(hhmm: s) { return strict }
        var meridiem: Character? = nil
        if s.hasSuffix("am") || s.hasSuffix("pm") {
            meridiem = s.hasSuffix("am") ? "a" : "p"
            s.removeLast(2)
        } else if s.hasSuffix("a") || s.hasSuffix("p") {
            meridiem = s.last
            s.removeLast()
        }
        var hour: Int, minute = 0
        let parts = s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == ":" || $0 == "." || $0 == "h" })
        if parts.count == 1, (3...4).contains(s.count), let v = Int(s), meridiem == nil {
            // `0930`, `1700`, and `900` as a number column writes 09:00.
            hour = v / 100; minute = v % 100
        } else if parts.count == 1, (1...2).contains(s.count), let h = Int(s) {
            hour = h
        } else if parts.count == 2 || parts.count == 3, (1...2).contains(parts[0].count), parts[1].count == 2,
                  let h = Int(parts[0]), let m = Int(parts[1]) {
            if parts.count == 3 { guard parts[2].count == 2, Int(parts[2]) != nil else { return nil } }
            hour = h; minute = m
        } else {
            return nil
        }
        guard (0...24).contains(hour), (0..<60).contains(minute) else { return nil }
        if let mer = meridiem {
            guard (1...12).contains(hour) else { return nil }
            if mer == "a" { hour = hour == 12 ? 0 : hour } else { hour = hour == 12 ? 12 : hour + 12 }
        } else if assumePM && bareAfternoonHours.contains(hour) {
            hour += 12
        }
        if hour == 24 { hour = 0; guard minute == 0 else { return nil } }
        return TimeOfDay(hour: hour, minute: minute)
    }

    /// Hours said without am or pm that mean the afternoon or evening where a time could be either:
    /// the end of a range (`9-5`) and a bare hour in a question (`from 6 to 8`, `after 7`). (In a
    /// directory's plain-English hours a bare start of 6 or 7 is read as morning, and the reading
    /// says so: `breakfast club 7.30-8.45` is morning, `Thurs 6-8` more often evening.)
    static let bareAfternoonHours = 1...7

    /// Lower-case text with `a.m.` and `p.m.` (and `a.m`, `p.m`) written `am` and `pm`. Every spelling
    /// rewritten has a full stop; most text has none (no string search then).
    static func withoutMeridiemStops(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: ".")), s.contains("a.m") || s.contains("p.m") else { return s }
        return s.replacingOccurrences(of: "a.m.", with: "am").replacingOccurrences(of: "p.m.", with: "pm")
            .replacingOccurrences(of: "a.m", with: "am").replacingOccurrences(of: "p.m", with: "pm")
    }

    /// Why a text that ``lenient(_:assumePM:)`` could not read is not a time: one written like a
    /// clock time but outside the day (`25:00`, `9:75`) is said to be so.
    static func whyNotATime(_ raw: String) -> String {
        let parts = raw.trimmed.split(separator: ":", omittingEmptySubsequences: false)
        if (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
            return "is not a time of day: hours run 00 to 23 and minutes 00 to 59 (midnight is 00:00)"
        }
        return "is not HH:MM"
    }
}

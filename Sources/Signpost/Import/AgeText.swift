/// Ages as people write them in a directory's age columns: a number of years (`18`, `18yrs`, `18.0`),
/// or words that give the ages themselves (`18+`, `over 18s`, `18 and over`, `under 5s`, `16-25`,
/// `adults`). A number alone is the column's own bound; the others say which bound they are.
enum AgeText {
    /// Ages as a worker says them: `age 15`, `ages 16-25`, `ages 65 and over` (was `ages 65-120`),
    /// `under 5s` (ages 0-4).
    static func said(_ ages: ClosedRange<Int>) -> String {
        if ages.count == 1 { return "age \(ages.lowerBound)" }
        if ages.upperBound >= 120 { return "ages \(ages.lowerBound) and over" }
        if ages.lowerBound == 0 { return "under \(ages.upperBound + 1)s" }
        return "ages \(ages.lowerBound)-\(ages.upperBound)"
    }

    /// What a cell says: `years`, a number for the column's own bound; or `lower` / `upper`, the
    /// bounds its words give (either may be nil).
    struct Reading: Equatable {
        var years: Int? = nil
        var lower: Int? = nil
        var upper: Int? = nil
    }

    /// How to write an age, for messages.
    static let valid = "a whole number of years, such as 18 (18+, under 5s and 16-25 are read too)"

    /// The cell read, or nil when it says no age (`6 months`, `varies`).
    static func read(_ raw: String) -> Reading? {
        var s = raw.lowercased().trimmed
        guard !s.isEmpty else { return nil }
        if ["adult", "adults", "adults only"].contains(s) { return Reading(lower: 18) }
        // Units and the plural of a group (`18 years`, `18yrs`, `over 65s`, `5-11s`).
        for suffix in [" years old", " year olds", " years", " yrs", " yr", "years", "yrs", "yr", " yo", "yo", "s"] where s.hasSuffix(suffix) {
            let cut = String(s.dropLast(suffix.count)).trimmed
            if let last = cut.last, last.isNumber { s = cut; break }
        }
        func number(_ t: Substring) -> Int? {
            let t = t.trimmingCharacters(in: .whitespaces)
            if let n = Int(t), (0...130).contains(n) { return n }
            // `18.0`, as a spreadsheet may write a whole number.
            if t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), let d = Double(t), d == d.rounded(), (0...130).contains(d) { return Int(d) }
            return nil
        }
        if let n = number(s[...]) { return Reading(years: n) }
        for plus in ["+", " plus", " and over", " or over", " and above", " and older"] where s.hasSuffix(plus) {
            if let n = number(s.dropLast(plus.count)) { return Reading(lower: n) }
        }
        for under in [" and under", " or under", " and younger"] where s.hasSuffix(under) {
            if let n = number(s.dropLast(under.count)) { return Reading(upper: n) }
        }
        for over in ["over ", "aged over ", "from ", "min ", "minimum "] where s.hasPrefix(over) {
            if let n = number(s.dropFirst(over.count)) { return Reading(lower: n) }
        }
        for under in ["under ", "below ", "younger than "] where s.hasPrefix(under) {
            // `under 5s`: up to 4.
            if let n = number(s.dropFirst(under.count)), n > 0 { return Reading(upper: n - 1) }
        }
        for up in ["up to ", "max ", "maximum ", "to "] where s.hasPrefix(up) {
            if let n = number(s.dropFirst(up.count)) { return Reading(upper: n) }
        }
        for joiner in ["-", "–", " to "] {
            let parts = s.components(separatedBy: joiner)
            if parts.count == 2, let a = number(parts[0][...]), let b = number(parts[1][...]), a <= b { return Reading(lower: a, upper: b) }
        }
        return nil
    }

    /// The bounds of a service from its two age cells, with how a cell in words was read (for a
    /// message), or the cell that says no age.
    ///
    /// A number is its column's bound; words give their own bounds, and fill the other column's only
    /// where that cell is empty (`16-25` under min_age sets max_age too).
    static func bounds(minimum: String?, maximum: String?) -> (lower: Int?, upper: Int?, read: [(column: Side, said: String)], unreadable: [Side]) {
        var lower: Int? = nil, upper: Int? = nil
        var read: [(Side, String)] = [], unreadable: [Side] = []
        var readings: [(Side, Reading)] = []
        for (side, cell) in [(Side.minimum, minimum), (Side.maximum, maximum)] {
            guard let cell, !cell.trimmed.isEmpty else { continue }
            guard let r = Self.read(cell) else { unreadable.append(side); continue }
            readings.append((side, r))
        }
        // The columns' own numbers first, then the words.
        for (side, r) in readings {
            if let n = r.years { if side == .minimum { lower = n } else { upper = n } }
        }
        for (side, r) in readings where r.years == nil {
            var said: [String] = []
            if let n = r.lower, lower == nil || side == .minimum { lower = n; said.append("min_age \(n)") }
            if let n = r.upper, upper == nil || side == .maximum { upper = n; said.append("max_age \(n)") }
            read.append((side, said.isEmpty ? "nothing (the other column gives the ages)" : said.joined(separator: ", ")))
        }
        return (lower, upper, read, unreadable)
    }

    enum Side { case minimum, maximum }
}

/// Reads opening hours written in plain English, as people type them into a spreadsheet:
/// `Monday to Wednesday, 10am to 8pm; Thursday 9.30-12`, `Tuesdays 10:00 - 12:00`,
/// `Mon-Fri 9-5`, `weekdays 9am-5pm, Saturday 10-12`, `first Tuesday of the month 10-12`,
/// `24 hours`, `By appointment only`.
///
/// It is a fallback for values that are not OpenStreetMap syntax: what it reads is accepted with a
/// warning that shows the reading, so that staff can check it.
public enum PlainEnglishHours {
    public struct Unreadable: Error, Sendable { public var reason: String }

    static let dayWords: [String: [Weekday]] = {
        var d: [String: [Weekday]] = [:]
        let names: [(Weekday, [String])] = [
            (.monday, ["monday", "mondays", "mon", "mo"]), (.tuesday, ["tuesday", "tuesdays", "tue", "tues", "tu"]),
            (.wednesday, ["wednesday", "wednesdays", "wed", "weds", "we"]),
            (.thursday, ["thursday", "thursdays", "thu", "thur", "thurs", "th"]), (.friday, ["friday", "fridays", "fri", "fr"]),
            (.saturday, ["saturday", "saturdays", "sat", "sa"]), (.sunday, ["sunday", "sundays", "sun", "su"]),
        ]
        for (day, words) in names { for w in words { d[w] = [day] } }
        d["weekdays"] = [.monday, .tuesday, .wednesday, .thursday, .friday]
        d["weekday"] = d["weekdays"]
        d["weekends"] = [.saturday, .sunday]
        d["weekend"] = d["weekends"]
        d["daily"] = Weekday.allCases
        return d
    }()

    /// Words that say nothing about which days: "open 10-12" is every day.
    static let fillers: Set<String> = ["open", "opening", "opens", "hours", "hrs", "from", "at", "between", "all", "week",
                                       "times", "time", "every", "day", "days", "and", "only", "usually", "normally", "is",
                                       "are", "we", "the", "on", "a", "am", "pm", "a.m", "p.m", "of", "month", "each"]

    static let ordinals = ["first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
                           "fifth": 5, "5th": 5, "last": -1]

    public static func parse(_ raw: String) throws(Unreadable) -> ParsedHours {
        var out = ParsedHours()
        let text = raw.lowercased().replacingOccurrences(of: "–", with: "-").replacingOccurrences(of: "—", with: "-")
        if text.contains("appointment") || text.contains("by arrangement") || text.contains("call to arrange") {
            out.byAppointment = true
            return out
        }
        if text.contains("24 hours") || text.contains("24/7") || text.contains("24hrs") || text.contains("24 hrs") {
            out.rules = [ScheduleRule(pattern: .daily, opens: TimeOfDay(minutes: 0)!, closes: TimeOfDay(minutes: 0)!)]
            return out
        }
        let tokens = tokenize(text)
        var days: [Weekday] = []
        var monthly: [MonthlyDay] = []
        var lastWasTime = false
        var i = 0
        var pendingOrdinal: Int? = nil
        var sawAnything = false
        // Words read as neither days nor times since the last time range: when a range then has no
        // days, they were most likely meant as days ("Xx 10:00-12:00", "Mo[1-99] 10-12"), and
        // reading the range as every day would show a closed service as open.
        var unread: [String] = []
        while i < tokens.count {
            let t = tokens[i]
            if let ord = ordinals[t] { pendingOrdinal = ord; i += 1; continue }
            if let ds = dayWords[t] {
                if lastWasTime { days = []; monthly = []; lastWasTime = false }
                // `monday to wednesday`, `mon-wed`
                if i + 2 < tokens.count, ["to", "-", "till", "until", "thru", "through"].contains(tokens[i + 1]),
                   let to = dayWords[tokens[i + 2]], ds.count == 1, to.count == 1 {
                    var d = ds[0]
                    days.append(d)
                    while d != to[0] { d = Weekday(rawValue: (d.rawValue + 1) % 7)!; days.append(d) }
                    i += 3
                    continue
                }
                if let ord = pendingOrdinal, ds.count == 1 {
                    monthly.append(MonthlyDay(ordinal: ord, weekday: ds[0]))
                    pendingOrdinal = nil
                } else {
                    days += ds
                }
                i += 1
                continue
            }
            if t == "every" && i + 1 < tokens.count && tokens[i + 1] == "day" {
                if lastWasTime { days = []; monthly = []; lastWasTime = false }
                days = Weekday.allCases
                i += 2
                continue
            }
            // A time range: `10am to 8pm`, `9.30-12`, `10:00 - 12:00`, `9-5`.
            if let (opens, closes, used) = timeRange(tokens, at: i) {
                if days.isEmpty && monthly.isEmpty && !unread.isEmpty {
                    throw Unreadable(reason: "\"\(unread.joined(separator: " "))\" is not a day or days")
                }
                unread = []
                sawAnything = true
                let targetDays = days.isEmpty && monthly.isEmpty ? Weekday.allCases : days
                if days.isEmpty && monthly.isEmpty { out.notes.append("no days given; read as every day") }
                if !targetDays.isEmpty && !(days.isEmpty && !monthly.isEmpty) {
                    out.rules.append(ScheduleRule(pattern: .weekly(Set(targetDays)), opens: opens, closes: closes))
                }
                if !monthly.isEmpty {
                    out.rules.append(ScheduleRule(pattern: .monthly(monthly), opens: opens, closes: closes))
                }
                lastWasTime = true
                i += used
                continue
            }
            if t == "closed" || t == "off" {
                // `Sunday closed`: those days have no sessions (nothing to add).
                if !days.isEmpty || !monthly.isEmpty { sawAnything = true }
                days = []
                monthly = []
                lastWasTime = true
                i += 1
                continue
            }
            if t.contains(where: \.isLetter) && !fillers.contains(t) { unread.append(t) }
            i += 1
        }
        guard sawAnything, !out.rules.isEmpty || out.byAppointment else {
            throw Unreadable(reason: "no days and times could be read")
        }
        return out
    }

    /// Words, numbers and times, with `-`, `,` and `;` as separate tokens.
    static func tokenize(_ s: String) -> [String] {
        var out: [String] = []
        var current = ""
        func flush() { if !current.isEmpty { out.append(current); current = "" } }
        for ch in s {
            switch ch {
            case " ", "\t", "\n", "(", ")", "/": flush()
            case "-", ",", ";", "&": flush(); out.append(String(ch))
            case ".":
                // A dot inside a time (9.30) stays; elsewhere it ends a word.
                if let last = current.last, last.isNumber { current.append(ch) } else { flush() }
            default: current.append(ch)
            }
        }
        flush()
        return out.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
    }

    /// A time range at `i`: start, optional `to`/`-`, end. The end of a bare range such as `9-5`
    /// is read as afternoon when that makes it later than the start.
    static func timeRange(_ t: [String], at i: Int) -> (TimeOfDay, TimeOfDay, Int)? {
        guard i < t.count else { return nil }
        var k = i
        func time(_ s: String, pm: Bool) -> TimeOfDay? {
            guard s.first?.isNumber ?? false || ["noon", "midday", "midnight"].contains(s) else { return nil }
            return TimeOfDay.lenient(s, assumePM: pm)
        }
        // `10 am` written apart
        func joined(_ j: Int) -> (String, Int) {
            if j + 1 < t.count, ["am", "pm", "a.m", "p.m"].contains(t[j + 1]) { return (t[j] + t[j + 1], 2) }
            return (t[j], 1)
        }
        let (a, ua) = joined(k)
        guard let opens = time(a, pm: false) else { return nil }
        k += ua
        guard k < t.count, ["-", "to", "till", "until"].contains(t[k]) else { return nil }
        k += 1
        guard k < t.count else { return nil }
        let (b, ub) = joined(k)
        guard var closes = time(b, pm: false) else { return nil }
        // `9-5`, `10-2`: an end without am/pm that is not after the start is in the afternoon.
        let hasMeridiem = b.contains("am") || b.contains("pm") || b.contains(":") && Int(b.prefix(2)) ?? 0 > 12
        if !hasMeridiem, closes <= opens, closes.hour < 12, let pm = TimeOfDay(hour: closes.hour + 12, minute: closes.minute), pm > opens {
            closes = pm
        }
        return (opens, closes, k + ub - i)
    }
}

/// Opening-hours values already read, with how they were read: a directory writes its hours in a
/// few hundred ways across thousands of rows, so each way is parsed once per worker.
struct HoursReadings {
    /// How one value reads: OpenStreetMap syntax, else plain English, else not at all.
    enum Reading {
        case openingHours(ParsedHours)
        case plainEnglish(ParsedHours)
        /// Valid OpenStreetMap syntax that leaves no day open (`closed`, `Tu 10:00-12:00; Tu off`).
        case neverOpen
        /// Neither; with why, when the plain-English reader could say (`"25:00" is not a time of day`).
        case unreadable(String?)
    }

    /// The years annual dates in hours text are worked out for: from the year before `date` to two after.
    static func years(around date: LocalDate) -> ClosedRange<Int> { (date.year - 1)...(date.year + 2) }

    private var readings: [String: Reading] = [:]
    /// Past this many distinct values the memo starts again (a national file can hold many).
    private let limit = 4_096

    /// How `raw` reads.
    ///
    /// - Parameter years: the years annual dates are worked out for; the same for every call.
    mutating func read(_ raw: String, years: ClosedRange<Int>) -> Reading {
        if let known = readings[raw] { return known }
        let reading: Reading
        let osm = Result { () throws(OSMOpeningHours.SyntaxError) in try OSMOpeningHours.parse(raw, years: years) }
        if case .success(let parsed) = osm {
            reading = .openingHours(parsed)
        } else if case .failure(let e) = osm, e.neverOpen {
            reading = .neverOpen
        } else {
            switch Result(catching: { () throws(PlainEnglishHours.Unreadable) in try PlainEnglishHours.parse(raw) }) {
            case .success(var parsed):
                if parsed.closedOnBankHolidays { parsed.exceptions += BankHolidays.exceptions(years: years) }
                reading = .plainEnglish(parsed)
            case .failure(let e):
                reading = .unreadable(e.reason.isEmpty ? nil : e.reason)
            }
        }
        if readings.count >= limit { readings.removeAll(keepingCapacity: true) }
        readings[raw] = reading
        return reading
    }
}

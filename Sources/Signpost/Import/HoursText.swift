extension RecordContext {
    /// Takes opening hours written as text (a spreadsheet's `opening_hours`, a feed's `schedules`
    /// written as a string) into a service, and says how they were read, the same way in every
    /// format: OpenStreetMap syntax is read exactly (its notes are warnings); plain English is a
    /// repair to check; a never-open or unreadable text is an error; a session that looks the wrong
    /// way round is a warning.
    ///
    /// - Parameters:
    ///   - reading: the text as read (``HoursReadings/read(_:years:)``).
    ///   - field: the field or column; `value` the text; `offset` (JSON) or `line` and `column` (CSV) where it is.
    mutating func takeHours(_ reading: HoursReadings.Reading, into service: inout Service, field: String, value: String,
                            at offset: Int? = nil, line: Int? = nil, column: Int? = nil) {
        let parsed: ParsedHours
        switch reading {
        case .openingHours(let p):
            parsed = p
        case .plainEnglish(let p):
            parsed = p
            repaired("hours-fallback", field, value: value, at: offset, line: line, column: column, "is not OpenStreetMap opening_hours syntax",
                     hint: "read as \"\(p.reading)\"; check it" + (p.openingHoursSyntax.map { ", and write it as \($0) to read it exactly" } ?? ""))
        case .neverOpen:
            saysClosed = true
            error("bad-hours", field, value: value, at: offset, line: line, column: column, "says the service is never open",
                  hint: "leave it empty for a service by appointment, or give the days it opens")
            return
        case .unreadable(let why):
            // (`Closed permanently` in the hours cell, as a whole statement: the service is closed.)
            if ServiceStatus.closure(in: value) != nil { saysClosed = true }
            error("bad-hours", field, value: value, at: offset, line: line, column: column, "could not be read" + (why.map { ": \($0)" } ?? ""),
                  hint: "write it as e.g. Mo-Fr 09:00-17:00; Sa 10:00-12:00, or leave it empty for by appointment")
            return
        }
        for note in parsed.notes { warning("hours-note", field, value: value, at: offset, line: line, column: column, note) }
        for rule in parsed.rules where !service.schedules.contains(rule) { service.schedules.append(rule) }
        service.exceptions += parsed.exceptions
        for f in ScheduleRule.swappedTimesFindings(in: parsed.rules) {
            warning("overnight-hours", field, value: value, at: offset, line: line, column: column, f.reason, hint: f.hint)
        }
    }
}

/// Collects the diagnostics of one record while it is decoded, with the record's place in the file.
struct RecordContext {
    let file: String
    let index: Int
    var id: String?
    var diagnostics: [Diagnostic] = []
    var repaired = false
    /// The record says the service is closed (its status, or its hours), whatever else is wrong in it:
    /// a live service's version is then not kept in its place (``ImportReport/RejectedRecord/saysClosed``).
    var saysClosed = false
    /// Finds line and column for a byte offset (JSON); nil for formats that give lines directly.
    let locate: ((Int) -> (line: Int, column: Int))?
    /// The record's line when there are no offsets (CSV row).
    var line: Int?
    /// For rows of a table: the column a shared decoder's field name stands for (the ward
    /// resolver says `location.postcode`; in the spreadsheet that is column 8, `postcode`).
    /// With the cell's line: a row can run over several lines (a quoted cell with line breaks).
    var columns: [String: (name: String, column: Int, line: Int)] = [:]

    init(file: String, index: Int, line: Int? = nil, locate: ((Int) -> (line: Int, column: Int))? = nil) {
        self.file = file
        self.index = index
        self.line = line
        self.locate = locate
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    mutating func error(_ code: String, _ field: String?, value: String? = nil, at offset: Int? = nil,
                        line: Int? = nil, column: Int? = nil, _ reason: String, hint: String? = nil) {
        add(.error, code, field, value: value, at: offset, line: line, column: column, reason, hint: hint)
    }

    /// `line` and `column` place a cell of a table (its own line: a row can run over several).
    mutating func warning(_ code: String, _ field: String?, value: String? = nil, at offset: Int? = nil,
                          line: Int? = nil, column: Int? = nil, _ reason: String, hint: String? = nil) {
        add(.warning, code, field, value: value, at: offset, line: line, column: column, reason, hint: hint)
    }

    /// About a JSON value as the file has it: its text as the value, its place, and, for an array
    /// or object (which has no text to show), its type named after the reason (", not an object").
    mutating func error(_ code: String, _ field: String?, found v: JSONValue, _ reason: String, hint: String? = nil) {
        add(.error, code, field, value: v.diagnosticValue, at: v.offset, column: nil, reason + v.containerNote, hint: hint)
    }

    mutating func warning(_ code: String, _ field: String?, found v: JSONValue, _ reason: String, hint: String? = nil) {
        add(.warning, code, field, value: v.diagnosticValue, at: v.offset, column: nil, reason + v.containerNote, hint: hint)
    }

    /// As ``repaired(_:_:value:at:column:_:hint:)``, about a JSON value as found (see ``warning(_:_:found:_:hint:)``).
    mutating func repaired(_ code: String, _ field: String?, found v: JSONValue, _ reason: String, hint: String? = nil) {
        repaired = true
        add(.warning, code, field, value: v.diagnosticValue, at: v.offset, column: nil, reason + v.containerNote, hint: hint)
    }

    /// A value that was not as it should be but was read anyway: a warning, and the record counts as repaired.
    mutating func repaired(_ code: String, _ field: String?, value: String? = nil, at offset: Int? = nil,
                           line: Int? = nil, column: Int? = nil, _ reason: String, hint: String? = nil) {
        repaired = true
        add(.warning, code, field, value: value, at: offset, line: line, column: column, reason, hint: hint)
    }

    private mutating func add(_ severity: Diagnostic.Severity, _ code: String, _ field: String?, value: String?,
                              at offset: Int?, line explicitLine: Int? = nil, column: Int?, _ reason: String, hint: String?) {
        var line = explicitLine ?? self.line
        var col = column
        var field = field
        if col == nil, let f = field, let mapped = columns[f] {
            field = mapped.name
            col = mapped.column
            line = mapped.line
        }
        if let offset, let locate {
            let p = locate(offset)
            line = p.line
            col = p.column
        }
        diagnostics.append(Diagnostic(severity, code: code, file: file, line: line, column: col, record: index,
                                      recordID: id, field: field, value: value, reason: reason, hint: hint))
    }
}

extension RecordContext {
    /// Reads a status as written (``ServiceStatus/read(_:)``), saying so when it is not an HSDS value,
    /// in every format alike.
    mutating func takeStatus(_ raw: String, into service: inout Service, at offset: Int? = nil, line: Int? = nil, column: Int? = nil) {
        let (status, hint) = ServiceStatus.read(raw)
        service.status = status
        if status != .active { saysClosed = true }
        if let hint { warning("bad-status", "status", value: raw, at: offset, line: line, column: column, "is not a service status", hint: hint) }
    }
}

extension RecordContext {
    /// A service a worker could not reach is said (a row with only an id and a name went live, first in
    /// its searches, with no way to contact it).
    mutating func checkReachable(_ s: Service, at offset: Int? = nil, line: Int? = nil) {
        // (A row with errors is left out: its errors are what to fix.)
        guard !hasErrors, s.phones.isEmpty && (s.email ?? "").isEmpty && (s.url ?? "").isEmpty,
              !s.locations.contains(where: \.hasAddress) else { return }
        warning("no-contact", nil, at: offset, line: line, "has no phone, email, website or address: a worker has no way to reach it",
                hint: "give at least one")
    }

    /// Hours that have all ended by `reference` are said: searches leave such a service out (a hub's
    /// 178 warm spaces with last winter's dates vanished from search, and nothing said so).
    mutating func checkHoursCurrent(_ s: Service, reference: LocalDate?, at offset: Int? = nil, line: Int? = nil) {
        guard !hasErrors, let reference, s.status == .active, !s.schedules.isEmpty else { return }
        let hours = s.openingHours
        guard hours.hasExpired(before: reference), let last = hours.lastDay.map({ LocalDate(dayNumber: $0) }) else { return }
        warning("hours-ended", "opening hours", at: offset, line: line, "all end by \(last), before \(reference): searches leave it out",
                hint: "give its hours from now on, or its status as inactive")
    }
}

extension RecordContext {
    /// Reads the day an entry was last checked, in every format alike: `YYYY-MM-DD`, else as people
    /// write it (`05/12/2026`, day first; a repair, said), else never verified (said); and says when it is
    /// over a year before `stale` (nil: not checked). (A feed's `05/12/2026` was "never verified" where the
    /// spreadsheet's was read.)
    mutating func takeVerifiedDate(_ raw: String, field: String, reference: LocalDate, stale: Bool, at offset: Int? = nil,
                                   line: Int? = nil, column: Int? = nil) -> LocalDate? {
        var date = LocalDate(iso: raw.trimmed)
        if date == nil, let d = FieldChecks.lenientDate(raw, reference: reference) {
            repaired("lenient-date", field, value: raw, at: offset, line: line, column: column, "is not a YYYY-MM-DD date", hint: "read as \(d)")
            date = d
        }
        guard let d = date else {
            // Written month first (`12/31/2025`, as American software writes it): said, not guessed.
            let parts = raw.trimmed.split(separator: "/")
            let monthFirst = parts.count == 3 ? FieldChecks.lenientDate("\(parts[1])/\(parts[0])/\(parts[2])", reference: reference) : nil
            warning("bad-date", field, value: raw, at: offset, line: line, column: column, LocalDate.whyNotADate(raw),
                    hint: (monthFirst.map { "if it is written month first, it is \($0): write that; " } ?? "") + "the entry will be treated as never verified")
            return nil
        }
        if stale, let f = FieldChecks.stale(d, reference: reference) {
            warning(f.code, field, value: raw, at: offset, line: line, column: column, f.reason, hint: f.hint)
        }
        return d
    }
}

extension RecordContext {
    /// Takes an email address as written, in every format alike: a `mailto:` link is its address (a
    /// repair, said); what is no address is left out, said; nil when there is none to keep.
    mutating func takeEmail(_ raw: String, field: String, at offset: Int? = nil, line: Int? = nil, column: Int? = nil) -> String? {
        var v = raw.trimmed
        if v.lowercased().hasPrefix("mailto:") {
            v = String(v.dropFirst(7)).trimmed
            repaired("email-mailto", field, value: raw, at: offset, line: line, column: column, "is a mailto: link", hint: "read as \(v)")
        }
        guard !v.isEmpty else { return nil }
        if let f = FieldChecks.email(v) {
            warning(f.code, field, value: raw, at: offset, line: line, column: column, f.reason, hint: "left out; write it as " + (f.hint ?? "name@example.org"))
            return nil
        }
        return v
    }
}

extension RecordContext {
    /// Takes a phone number as written (nil: none to keep), in every format alike, checked as a UK number when `checksUK`:
    /// a UK number whose leading 0 a spreadsheet dropped (`113 496 0001`, as Excel stores it) gets it back
    /// (a repair, said: a worker dialling the number as shown reached no one); another problem is said
    /// and the number kept as written.
    mutating func takePhone(_ number: String, field: String, checksUK: Bool, at offset: Int? = nil, line: Int? = nil, column: Int? = nil) -> String? {
        // `1.13496E+09`: Excel's scientific notation has lost the last digits; no number to keep (a worker
        // would dial the wrong one).
        if FieldChecks.isScientificNotation(number) {
            warning("phone-scientific", field, value: number, at: offset, line: line, column: column,
                    "is a number in Excel's scientific notation: its last digits are lost", hint: "left out; format the column as text and type the number again")
            return nil
        }
        guard checksUK, let f = FieldChecks.phone(number) else { return number }
        if let restored = FieldChecks.restoringLeadingZero(number) {
            repaired("phone-leading-zero", field, value: number, at: offset, line: line, column: column,
                     "phone number has lost its leading 0 (as a spreadsheet drops it)", hint: "read as \(restored); format the column as text")
            return restored
        }
        warning(f.code, field, value: number, at: offset, line: line, column: column, f.reason, hint: f.hint)
        return number
    }
}

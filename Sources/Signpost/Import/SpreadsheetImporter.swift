import Foundation

/// Reads the hub's spreadsheet: a CSV file (comma-, semicolon- or tab-separated; UTF-8, UTF-16 or
/// Windows-1252), one row per service at a location, columns found by their header names in any order:
///
/// `id, name, organisation, description, categories (;-separated), ward, address, postcode,
/// latitude, longitude, phone, email, website, opening_hours, referral, min_age, max_age,
/// languages (;-separated), cost, last_verified` — and, optionally, `status`, `service_areas`
/// (;-separated), `eligibility` and `application_process` (free text on how to get help; the
/// `referral` column then holds only the route).
///
/// Rows with the same id are one service at several locations. A row with no ward, address,
/// postcode or coordinates is a service with no fixed place, serving the whole city. Opening hours
/// are OpenStreetMap syntax, or plain English as a fallback (accepted with a warning showing how it
/// was read). Every problem is reported with its line and column; a row with errors is left out
/// and kept for the rejects file; unknown columns are warned about, not fatal.
public struct SpreadsheetImporter: Sendable {
    public let gazetteer: Gazetteer
    /// The day "over 12 months ago" is counted from.
    public let referenceDate: LocalDate
    /// A service some of whose rows have errors is not handed to the intake but kept in the report's
    /// ``ImportReport/heldBack``, for the caller to choose between its good rows and its live version (a
    /// load: one site's row with an error took that site out of search).
    public var holdsBackServicesWithRowErrors = false

    public init(gazetteer: Gazetteer, referenceDate: LocalDate) {
        self.gazetteer = gazetteer
        self.referenceDate = referenceDate
    }

    /// Reads a file, keeping the good services in the report.
    public func read(contentsOf url: URL, displayName: String? = nil) throws(ImportError) -> ImportReport {
        try ServiceIntake.keepingServices { intake throws(ImportError) in try read(contentsOf: url, displayName: displayName, intake: intake) }
    }

    /// Reads a file, handing the good services to `intake` (in the order of each id's first row)
    /// instead of keeping them; `loaded` counts them.
    public func read<Prepared, State>(contentsOf url: URL, displayName: String? = nil,
                                      intake: ServiceIntake<Prepared, State>) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(.unreadable, file: name, reason: FileErrors.reason(error, url: url))
        }
        return try read(bytes: [UInt8](data), fileName: name, intake: intake)
    }

    /// Reads CSV bytes, keeping the good services in the report.
    public func read(bytes: [UInt8], fileName: String) throws(ImportError) -> ImportReport {
        try ServiceIntake.keepingServices { intake throws(ImportError) in try read(bytes: bytes, fileName: fileName, intake: intake) }
    }

    /// What the cores make of one service's rows (one row, or several with the same id).
    private struct DecodedService<Prepared> {
        var rows = 0
        var prepared: Prepared?
        var repaired = false
        var diagnostics: [Diagnostic] = []
        var rejected: [ImportReport.RejectedRecord] = []
        /// The service of good rows when another of its rows has errors (``holdsBackServicesWithRowErrors``).
        var heldBack: Service?
    }

    /// A worker's state: the intake's own, and the hours values it has read already (a directory
    /// repeats a few hundred ways of writing hours across thousands of rows).
    private struct Scratch<IntakeState> {
        var intake: IntakeState
        var hours = HoursReadings()
    }

    /// Reads CSV bytes: the rows are grouped by id (rows with the same id are one service at several
    /// locations), then each service's rows are checked, merged and handed to `intake.prepare` on
    /// every core, and accepted in order while the cores go on to the next batch. Diagnostics come
    /// out in row order.
    ///
    /// - Complexity: O(n) in the size of the file, plus O(d log d) to put d diagnostics in row order.
    public func read<Prepared, State>(bytes: [UInt8], fileName: String,
                                      intake: ServiceIntake<Prepared, State>) throws(ImportError) -> ImportReport {
        // A spreadsheet saved where the decimal mark is a comma separates fields with `;`, and
        // Excel's "Unicode text" with tabs: both are read as they are.
        var table = CSVTable(bytes: bytes, delimiter: nil)
        var report = ImportReport(format: .spreadsheet)
        guard var headerPosition = table.records.firstIndex(where: { $0.fields.contains { !$0.value.trimmed.isEmpty } }) else {
            throw ImportError(.malformed, file: fileName, reason: "the file is empty; expected a header row (id, name, ...) and one row per service")
        }
        // A title above the header (`Leeds directory - December update`, then the headers): the header is
        // the first of the first rows that names both an id and a name column (it was "no id column").
        func isHeader(_ r: CSVTable.Record) -> Bool {
            let named = Set(r.fields.compactMap { Column(header: $0.value) })
            return named.contains(.id) && named.contains(.name)
        }
        if !isHeader(table.records[headerPosition]),
           let below = table.records[headerPosition...].prefix(10).firstIndex(where: isHeader) {
            let first = table.records[headerPosition].line, last = table.records[below].line - 1
            report.diagnostics.append(Diagnostic(.warning, code: "above-header", file: fileName, line: first,
                                                 reason: "line\(first == last ? " \(first) is" : "s \(first)-\(last) are") above the header row (line \(last + 1)) and "
                                                     + "\(first == last ? "was" : "were") not read: a title, not services",
                                                 hint: "the header row was found below; delete the lines above it to say so"))
            headerPosition = below
        }
        let header = table.records[headerPosition]
        if let problem = table.encodingProblem {
            report.diagnostics.append(Diagnostic(.warning, code: "encoding", file: fileName, reason: "is \(table.encoding), but \(problem)",
                                                 hint: "check the end of the file, and save the spreadsheet as CSV UTF-8"))
        }
        if let twice = table.convertedTwice {
            report.diagnostics.append(Diagnostic(.warning, code: "converted-twice", file: fileName,
                                                 reason: "was UTF-8 made into UTF-8 a second time (\"\(twice.written)\" for \"\(twice.read)\": opened as Windows-1252 and saved again); it was read as the text it was",
                                                 hint: "check a few accented names; open the file as CSV UTF-8 before saving it"))
        }
        // Bytes of a UTF-8 file that are not UTF-8, each where it is (the first few; a line says how many more).
        for stray in table.strayBytes.prefix(20) {
            report.diagnostics.append(Diagnostic(.warning, code: "not-utf8", file: fileName, line: stray.line, column: stray.column,
                                                 reason: "byte 0x\(String(stray.byte, radix: 16, uppercase: true)) is not UTF-8, which the rest of the file is; it was read as \"\(stray.readAs)\" (Windows-1252)",
                                                 hint: "check the text there, and save the spreadsheet as CSV UTF-8"))
        }
        if table.strayBytes.count > 20 {
            report.diagnostics.append(Diagnostic(.warning, code: "not-utf8", file: fileName,
                                                 reason: "\(table.strayBytes.count - 20) more bytes are not UTF-8 (\(table.strayBytes.count) in all); each was read as Windows-1252",
                                                 hint: "save the spreadsheet as CSV UTF-8"))
        }
        if table.encoding == "Windows-1252" {  // a guess; UTF-16 is known by its byte-order mark
            report.diagnostics.append(Diagnostic(.warning, code: "not-utf8", file: fileName,
                                                 reason: "the file is not UTF-8; it was read as \(table.encoding)",
                                                 hint: "check accented letters, and save the spreadsheet as CSV UTF-8"))
        }
        // Columns by name.
        var columnMap = ColumnMap()
        for (k, f) in header.fields.enumerated() {
            guard let c = Column(header: f.value) else {
                if !f.value.trimmed.isEmpty {
                    let likely = Column.likely(f.value).map { "did you mean \"\($0.header)\"? Otherwise the " } ?? ""
                    report.diagnostics.append(Diagnostic(.warning, code: "unknown-column", file: fileName, line: f.line, column: f.column,
                                                         field: f.value, reason: "is not a column Signpost reads; it is ignored",
                                                         hint: likely + (likely.isEmpty ? "columns: " : "columns are: ")
                                                             + Column.allCases.map(\.header).sorted().joined(separator: ", ")))
                }
                continue
            }
            if let first = columnMap[c] {
                report.diagnostics.append(Diagnostic(.warning, code: "duplicate-column", file: fileName, line: f.line, column: f.column,
                                                     field: f.value, reason: "appears twice (as \"\(header.fields[first].value)\" in column \(first + 1) too); in each row the first that is not blank is used",
                                                     hint: "keep one of the two columns"))
                columnMap.addAlternate(c, k)
                continue
            }
            columnMap[c] = k
        }
        let columns = columnMap
        for required in [Column.id, .name] where columns[required] == nil {
            throw ImportError(.malformed, file: fileName, line: header.line,
                              reason: "the header row has no \"\(required.header)\" column (found: \(header.fields.prefix(30).map(\.value).joined(separator: ", ").printable(limit: 300)))")
        }
        // The header's width: empty cells after its last name (`id,name,...,,`) are no columns.
        let width = (header.fields.lastIndex { !$0.value.trimmed.isEmpty } ?? 0) + 1
        // A row after a quote left open is read on its own, not taken into the row before.
        table.splitRunOnQuotes(from: headerPosition + 1) { Self.fits($0, width: width, header: header) }
        // Columns without which the directory is much less use: said once, not silently.
        let missing: [(columns: [Column], consequence: String)] = [
            ([.openingHours], "no service will show its hours or be found open (each shows \"Hours not listed\" or \"By appointment\")"),
            ([.categories], "services are found by their words only, not by the kind of help they give"),
            ([.address, .postcode, .ward, .latitude, .serviceAreas], "no service can be placed: each is taken to serve the whole city"),
            ([.phone, .email, .website], "workers will have no way to contact the services"),
            ([.lastVerified], "entries not checked for a long time cannot be flagged"),
        ]
        // A download or export cut short: the last row has fewer fields than the header and no line break after
        // it (a file cut at 93 % went live, 161 services taken out, with only that row's error).
        if let last = table.records.last, table.records.count > headerPosition + 1, last.fields.count < width,
           let end = bytes.last, end != 0x0A && end != 0x0D {
            report.diagnostics.append(Diagnostic(.error, code: "cut-short", file: fileName, line: last.lastLine,
                                                 reason: "the file ends in the middle of a row (line \(last.lastLine) has \(last.fields.count) of the header's \(width) fields, and no line break after it): it looks cut short",
                                                 hint: "download or export the file again; services after the cut would be taken out of the directory"))
        }
        for m in missing where m.columns.allSatisfy({ columns[$0] == nil }) {
            let names = m.columns.map { "\"\($0.header)\"" }
            report.diagnostics.append(Diagnostic(.warning, code: "missing-column", file: fileName, line: header.line,
                                                 reason: "the header row has no \(names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " or " + names.last!) column: \(m.consequence)",
                                                 hint: "headers read as \(m.columns[0].header): \(m.columns[0].spellings.joined(separator: ", "))"))
        }
        // Syntax problems, by line.
        let syntax = Dictionary(grouping: table.problems, by: \.line)
        let headerLines = header.line...(header.fields.last?.line ?? header.line)
        let years = HoursReadings.years(around: referenceDate)
        let rows = table.records[(headerPosition + 1)...]
        let firstRow = rows.startIndex

        // Rows with the same id are one service, in the order of the id's first row. A row
        // without an id is a service of its own (rejected below).
        var groups: [[Int]] = []
        var groupOfID: [String: Int] = [:]
        groups.reserveCapacity(rows.count)
        for k in rows.indices {
            // A row with nothing in it (Excel writes `,,,,` for a formatted empty row) is a blank line,
            // unless the reader found something wrong on it (`,,"` at the end of a cut-off file).
            if rows[k].fields.allSatisfy({ $0.value.trimmed.isEmpty }),
               !(rows[k].line...rows[k].lastLine).contains(where: { syntax[$0] != nil }) { continue }
            let id = columns.cell(.id, of: rows[k])?.text
            if let id, let g = groupOfID[id] { groups[g].append(k - firstRow); continue }
            if let id { groupOfID[id] = groups.count }
            groups.append([k - firstRow])
        }

        var states: [Scratch<State>] = []
        Parallel.pipeline(groups[...], batchSize: 512, states: &states, makeState: { Scratch(intake: intake.makeState()) },
                          transform: { (group: [Int], state: inout Scratch<State>) -> DecodedService<Prepared> in
            var out = DecodedService<Prepared>()
            var service: Service?
            var firstLine = 0  // the line of the service's first good row
            var readRows: [(line: Int, values: [String])] = []  // the service's rows read, to tell a row given twice
            // The first row's name and organisation, read or not (a copy of a row with errors took its id).
            var first: (name: String?, organisation: String?, categories: String?, line: Int)? = nil
            for rowIndex in group {
                var record = rows[firstRow + rowIndex]
                // Control characters no entry means to hold are taken out first, and said so below.
                var cleaned: [(field: CSVTable.Field, header: String)] = []
                for k in record.fields.indices {
                    guard let clean = FieldChecks.withoutControlCharacters(record.fields[k].value) else { continue }
                    cleaned.append((record.fields[k], k < header.fields.count ? header.fields[k].value : "column \(k + 1)"))
                    record.fields[k].value = clean
                }
                let row = Row(record: record, columns: columns)
                if first == nil { first = (row.value(.name), row.value(.organisation), row.value(.categories), record.line) }
                var ctx = RecordContext(file: fileName, index: rowIndex, line: record.line)
                ctx.id = row.value(.id)
                for (f, name) in cleaned {
                    ctx.repaired("control-characters", name, value: f.value, line: f.line, column: f.column,
                                 "holds control characters", hint: "removed (they could drive a terminal or hide text)")
                }
                var quoteWarned = Set<Int>()
                for line in record.line...(record.fields.last?.line ?? record.line) where !headerLines.contains(line) {
                    for p in syntax[line] ?? [] {
                        let name = p.field < width ? header.fields[p.field].value.trimmed : "column \(p.field + 1)"
                        let value = p.field < record.fields.count ? record.fields[p.field].value : nil
                        if p.fieldKept {
                            // A stray quote leaves the row's fields where they were: the value is kept, and
                            // said (the whole service was rejected for `12" pizza`).
                            guard quoteWarned.insert(p.field).inserted else { continue }
                            ctx.repaired("csv-quote", name, value: value, line: p.line, column: p.column, p.reason,
                                         hint: "to keep a quote in a value, put the whole value in quotes and double the quote: \"12\"\" pizza\"")
                        } else {
                            ctx.error("csv-syntax", name, line: p.line, column: p.column, p.reason)
                        }
                    }
                }
                // Empty cells after the last named column (Excel keeps a formatted column's commas, in every
                // row and the header alike) are no fields; anything there is (a row shifted by a separator in
                // an unquoted value), and so is a field more than the header row has, blank or not (`Fun,
                // games,` with the last cell empty put "games" in the cost, unsaid).
                if !Self.fits(record, width: width, header: header) {
                    // A quote left open takes in the lines after it: say which, or those rows vanish unseen.
                    let endLine = record.lastLine
                    // (Only when a quote went wrong in it: a row whose quoted cell rightly holds line
                    // breaks and lacks a field is just short.)
                    let quoteProblem = (record.line...endLine).contains { syntax[$0] != nil }
                    // A quoted value that took in the separators after it (a quote opened and closed far later).
                    let delimiter = Character(Unicode.Scalar(table.delimiter))
                    let swallowing = record.fields.count < width ? record.fields.indices.first { record.fields[$0].value.contains(delimiter) } : nil
                    let hint: String
                    if endLine > record.line && quoteProblem {
                        hint = "a quote opened in this row runs on to line \(endLine), so \(endLine == record.line + 1 ? "line \(endLine) is" : "lines \(record.line + 1)-\(endLine) are") read as part of it; is a closing quote missing?"
                    } else if quoteProblem, let k = swallowing {
                        hint = "the quoted value of \"\(k < width ? header.fields[k].value.trimmed : "column \(k + 1)")\" (column \(record.fields[k].column)) runs on past a \(table.delimiterName) into the fields after it (\"\(record.fields[k].value.printable(limit: 60))\"); is its closing quote missing?"
                    } else if record.fields.count > header.fields.count {
                        hint = "is there a \(table.delimiterName) inside a field that is not in quotes? The columns after it are shifted"
                    } else {
                        hint = "a field is missing, or the row was cut short"
                    }
                    ctx.error("field-count", nil, line: record.fields.last?.line, column: record.fields.last?.column,
                              "has \(record.fields.count) fields; the header has \(width)", hint: hint)
                }
                out.rows += 1
                // A row whose fields are not where the header says is not read further: its values
                // would be checked in the wrong columns (`status: value "Kirkstall"`), hiding the cause.
                if !ctx.hasErrors, var s = decode(row, &ctx, years: years, hours: &state.hours), !ctx.hasErrors {
                    // The same row twice (a paste repeated): read once, and said (it was merged silently).
                    let values = record.fields.map { $0.value.trimmed }
                    if let twin = readRows.first(where: { $0.values == values }) {
                        ctx.warning("duplicate-row", nil, line: record.line, "repeats line \(twin.line) exactly", hint: "read once; delete one of them")
                    }
                    readRows.append((record.line, values))
                    if let f = first, f.line != record.line,
                       Self.isAnotherService(name: s.name, organisation: s.organisation?.name, categories: row.value(.categories),
                                             than: f.name, f.organisation, f.categories) {
                        // A row copied and edited into a new service, its id left as it was: not a site of the
                        // first (it merged a toddler group into a food bank, which took its hours and phone).
                        ctx.error("duplicate-id", "id", value: s.id, line: row.cell(.id)?.field.line, column: row.cell(.id)?.field.column,
                                  "repeats the id of line \(f.line), which is another service (\"\(f.name ?? "")\" of \(f.organisation ?? "no organisation"))",
                                  hint: "give each service its own id; rows with the same id are one service at several sites, with one name")
                        out.rejected.append(.init(index: rowIndex, id: ctx.id, line: record.line, source: record.source,
                                                  errors: ctx.diagnostics.filter { $0.severity == .error }, saysClosed: ctx.saysClosed))
                    } else if var existing = service {
                        // The same service at another location.
                        if existing.name != s.name {
                            ctx.warning("id-repeated", "name", value: s.name, line: row.cell(.name)?.field.line, column: row.cell(.name)?.field.column,
                                        "repeats the id of line \(firstLine) with another name (\"\(existing.name)\")",
                                        hint: "rows with the same id are one service at several locations; the first row's details are kept")
                        }
                        for l in s.locations where !existing.locations.contains(l) { existing.locations.append(l) }
                        for a in areas(of: s) where !existing.serviceAreas.contains(a) { existing.serviceAreas.append(a) }
                        // What a service holds as lists gathers every site's (a site's own phone, its
                        // hours: the service is open when any of its sites is).
                        for p in s.phones where !existing.phones.contains(p) { existing.phones.append(p) }
                        for l in s.languages where !existing.languages.contains(l) { existing.languages.append(l) }
                        for c in s.categories where !existing.categories.contains(c) { existing.categories.append(c) }
                        if s.schedules != existing.schedules || s.exceptions != existing.exceptions, !s.schedules.isEmpty || !s.exceptions.isEmpty {
                            let first = OpeningHours(rules: existing.schedules, exceptions: existing.exceptions).weeklySummary
                            for r in s.schedules where !existing.schedules.contains(r) { existing.schedules.append(r) }
                            existing.exceptions += s.exceptions.filter { !existing.exceptions.contains($0) }
                            ctx.warning("id-repeated", "opening_hours", value: row.value(.openingHours), line: row.cell(.openingHours)?.field.line, column: row.cell(.openingHours)?.field.column,
                                        "differ from the hours of line \(firstLine) with the same id (\"\(first.isEmpty ? "by appointment" : first)\")",
                                        hint: "a service has one timetable, so both are kept; give each site its own id if each keeps its own hours")
                        }
                        // The rest is the first row's; say what another row said differently.
                        // A detail the first row left empty is taken from a later one.
                        if existing.email == nil { existing.email = s.email }
                        if existing.url == nil { existing.url = s.url }
                        if existing.description.isEmpty { existing.description = s.description }
                        if existing.fees == nil { existing.fees = s.fees; existing.cost = s.cost }
                        if existing.organisation == nil { existing.organisation = s.organisation }
                        let pairs: [(column: Column, first: String?, this: String?)] = [
                            (.email, existing.email, s.email), (.website, existing.url, s.url),
                            (.description, existing.description, s.description), (.cost, existing.fees, s.fees),
                            (.organisation, existing.organisation?.name, s.organisation?.name)]
                        var differing: [Column] = []
                        for p in pairs { if let this = p.this, !this.isEmpty, this != p.first { differing.append(p.column) } }
                        if let first = differing.first {
                            ctx.warning("id-repeated", first.header, value: row.value(first), line: row.cell(first)?.field.line, column: row.cell(first)?.field.column,
                                        "repeats the id of line \(firstLine) with another \(differing.map(\.header).joined(separator: ", "))",
                                        hint: "rows with the same id are one service at several locations; the first row's are kept")
                        }
                        service = existing
                    } else {
                        s.serviceAreas = areas(of: s)
                        service = s
                        firstLine = record.line
                    }
                    if ctx.repaired { out.repaired = true }
                } else {
                    out.rejected.append(.init(index: rowIndex, id: ctx.id, line: record.line, source: record.source,
                                              errors: ctx.diagnostics.filter { $0.severity == .error }, saysClosed: ctx.saysClosed))
                }
                out.diagnostics += ctx.diagnostics
            }
            // (A row rejected as another service copied with this id says nothing of this one.)
            if holdsBackServicesWithRowErrors, let service, out.rejected.contains(where: { !$0.errors.contains { $0.code == "duplicate-id" } }) {
                out.heldBack = service
            } else {
                out.prepared = service.map { intake.prepare($0, &state.intake) }
            }
            return out
        }, consume: { (decoded: inout [DecodedService<Prepared>]) in
            var good: [Prepared] = []
            good.reserveCapacity(decoded.count)
            for k in decoded.indices {
                report.recordsRead += decoded[k].rows
                report.diagnostics += decoded[k].diagnostics
                report.rejectedRecords += decoded[k].rejected
                // Moved out of the batch, not copied (as the JSON reader does).
                var prepared: Prepared? = nil
                swap(&prepared, &decoded[k].prepared)
                if let prepared {
                    good.append(prepared)
                    if decoded[k].repaired { report.repaired += 1 }
                }
                if let held = decoded[k].heldBack {
                    report.heldBack.append(held)
                    if decoded[k].repaired { report.repaired += 1 }
                }
            }
            if !good.isEmpty {
                intake.accept(good)
                report.loaded += good.count
            }
        })
        report.rejected = report.rejectedRecords.count
        // Grouping put a service's later rows next to its first: back to row order (the file's own
        // warnings, with no row, first).
        report.diagnostics = report.diagnostics.enumerated()
            .sorted { ($0.element.record ?? -1, $0.offset) < ($1.element.record ?? -1, $1.offset) }.map(\.element)
        report.rejectedRecords.sort { $0.index < $1.index }
        return report
    }

    /// The areas a row's service serves: as its `service_areas` column says, else the wards it is
    /// in, else (no place at all) the whole city.
    private func areas(of s: Service) -> [ServiceArea] {
        if !s.serviceAreas.isEmpty { return s.serviceAreas }
        return s.locations.isEmpty ? [ServiceArea(name: gazetteer.cityNames.first ?? "city", isWholeCity: true)]
            : s.locatedWards.map { ServiceArea(name: $0, ward: $0) }
    }

    /// Whether a record has the fields the header says: `width` of them, and after them only empty cells
    /// the header has too (Excel keeps a formatted column's commas).
    static func fits(_ record: CSVTable.Record, width: Int, header: CSVTable.Record) -> Bool {
        record.fields.count >= width && record.fields.count <= max(width, header.fields.count)
            && record.fields[width...].allSatisfy({ $0.value.trimmed.isEmpty })
    }

    /// Whether a row with a service's id is another service rather than another site of it: its name
    /// differs, and so does its organisation, or its categories share none with the first row's (a site may
    /// carry a name of its own, `Food Parcels - Bramley`, but a food bank's row copied into `Harehills Debt
    /// Advice` of the same organisation, its id left, merged the two: the debt advice's address and hours
    /// were the food bank's).
    static func isAnotherService(name: String, organisation: String?, categories: String? = nil,
                                 than firstName: String?, _ firstOrganisation: String?, _ firstCategories: String? = nil) -> Bool {
        func key(_ t: String?) -> String { (t ?? "").lowercased().filter { $0.isLetter || $0.isNumber } }
        guard !key(firstName).isEmpty, key(name) != key(firstName) else { return false }
        let a = key(organisation), b = key(firstOrganisation)
        if !a.isEmpty && !b.isEmpty && a != b { return true }
        // (A cell's categories as keys, whichever separator the sheet uses.)
        func keys(_ t: String?) -> Set<String> {
            Set((t ?? "").split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "|" || $0 == "\n" }).map { key(String($0)) }.filter { !$0.isEmpty })
        }
        let these = keys(categories), those = keys(firstCategories)
        return !these.isEmpty && !those.isEmpty && these.isDisjoint(with: those)
    }

    /// Fields the ward resolver (shared with the other formats) names, and the columns they are here.
    private static let sharedFields: [(String, Column)] = [("ward", .ward), ("location.postcode", .postcode), ("location.latitude", .latitude),
                                                           ("location", .ward), ("service_areas", .serviceAreas)]

    /// One row into a service (without merging).
    private func decode(_ row: Row, _ ctx: inout RecordContext, years: ClosedRange<Int>, hours: inout HoursReadings) -> Service? {
        func value(_ column: Column) -> String? { row.value(column) }
        func field(_ column: Column) -> CSVTable.Field? { row.cell(column)?.field }
        let resolver = WardResolver(gazetteer: gazetteer)
        let id = value(.id) ?? ""
        if id.isEmpty { ctx.error("missing-id", "id", "a service needs an id", hint: "give every service a unique id") }
        let name = value(.name) ?? ""
        if name.isEmpty {
            ctx.error("missing-name", "name", value: row.nameCell.map { _ in "" }, line: row.nameCell?.line, column: row.nameCell?.column,
                      "a service needs a name", hint: "give the name workers know it by")
        }
        // Route and cost are worked out below, from their own columns.
        var s = Service(id: id, name: name, description: value(.description) ?? "", referral: .unknown, cost: .unknown)
        if let org = value(.organisation) { s.organisation = Organisation(name: org) }
        s.categories = (value(.categories) ?? "").trimmedParts(separatedBy: ";").map { Category(code: $0, name: $0) }
        if let st = field(.status) { ctx.takeStatus(st.value, into: &s, line: st.line, column: st.column) }
        // Service areas.
        if let areas = value(.serviceAreas) {
            for a in areas.trimmedParts(separatedBy: ";") {
                for area in resolver.serviceAreas(a, field: "service_areas", offset: nil, &ctx) where !s.serviceAreas.contains(area) {
                    s.serviceAreas.append(area)
                }
            }
        }
        // The location.
        var location = Location(address: value(.address), postcode: value(.postcode))
        if let address = location.address, address.utf8.contains(UInt8(ascii: ",")) {
            // `Venue, Hall, 12 Street, Leeds`: the parts before the first that starts with a number
            // are the place's name (`Venue, Main Street` has only the first).
            let parts = address.trimmedParts(separatedBy: ",")
            if parts.count >= 2, !(parts[0].first?.isNumber ?? false) {
                let street = parts.firstIndex { $0.first?.isNumber ?? false } ?? 1
                location.name = parts[..<street].joined(separator: ", ")
                location.address = parts[street...].filter { $0.lowercased() != "leeds" }.joined(separator: ", ")
                if parts.last?.lowercased() == "leeds" { location.city = "Leeds" }
            }
        }
        var hasCoordinates = false
        if let latF = field(.latitude), let lonF = field(.longitude) {
            if let lat = FieldChecks.decimal(value(.latitude)!), let lon = FieldChecks.decimal(value(.longitude)!), (-90...90).contains(lat), (-180...180).contains(lon) {
                location.latitude = lat
                location.longitude = lon
                hasCoordinates = true
            } else {
                ctx.warning("bad-coordinates", "latitude", value: "\(latF.value), \(lonF.value)", line: latF.line, column: latF.column,
                            "are not coordinates", hint: "decimal degrees, e.g. 53.7997, -1.5492; ignored")
            }
        } else if let given = field(.latitude) ?? field(.longitude) {
            // Named by the one given, with its value (it named the empty one, and showed nothing).
            let (name, other) = field(.latitude) != nil ? ("latitude", "longitude") : ("longitude", "latitude")
            let range: ClosedRange<Double> = name == "latitude" ? -90...90 : -180...180
            let isCoordinate = FieldChecks.decimal(given.value.trimmed).map { range.contains($0) } ?? false
            ctx.warning("bad-coordinates", name, value: given.value, line: given.line, column: given.column,
                        isCoordinate ? "is given without a \(other)" : "is not a \(name) in decimal degrees, and \(other) is empty",
                        hint: "give both, e.g. 53.7997, -1.5492; ignored")
        }
        let wardField = field(.ward)
        for (shared, column) in Self.sharedFields {
            if let f = field(column) { ctx.columns[shared] = (column.header, f.column, f.line) }
        }
        if wardField != nil || location.address != nil || location.postcode != nil || hasCoordinates {
            let areas = s.serviceAreas
            resolver.resolve(&location, explicitWard: wardField?.value, explicitField: "ward", explicitOffset: nil,
                             areas: areas, field: "location", &ctx)
            s.locations = [location]
        }
        // Contact.
        if let p = field(.phone) {
            for part in p.value.trimmedParts(separatedBy: ";") {
                // Two numbers in one cell (`0113 496 0376 / 07700 900456` had "22 digits"): both kept.
                let numbers = FieldChecks.phoneNumbers(in: part)
                if numbers.count > 1 {
                    ctx.repaired("two-phones", "phone", value: part, line: p.line, column: p.column, "holds \(numbers.count) phone numbers",
                                 hint: "read as \(numbers.count) numbers; separate them with ; to say so")
                }
                for number in numbers {
                    if let n = ctx.takePhone(number, field: "phone", checksUK: gazetteer.checksUKPhoneNumbers, line: p.line, column: p.column) { s.phones.append(n) }
                }
            }
        }
        if let e = field(.email) { s.email = ctx.takeEmail(e.value, field: "email", line: e.line, column: e.column) }
        if let w = field(.website) {
            s.url = FieldChecks.keptWebsite(w.value) { f, repaired in
                if repaired { ctx.repaired(f.code, "website", value: w.value, line: w.line, column: w.column, f.reason, hint: f.hint) } else {
                    ctx.warning(f.code, "website", value: w.value, line: w.line, column: w.column, f.reason, hint: f.hint)
                }
            }
        }
        // When.
        var hoursSayAppointment = false
        if let h = field(.openingHours) {
            let reading = hours.read(h.value, years: years)
            switch reading {
            case .openingHours(let p), .plainEnglish(let p): hoursSayAppointment = p.byAppointment && p.rules.isEmpty
            default: break
            }
            ctx.takeHours(reading, into: &s, field: "opening_hours", value: h.value, line: h.line, column: h.column)
        }

        // How, who for, what it costs.
        s.fees = value(.cost)
        s.cost = Cost.classify(s.fees)
        if let r = field(.referral) {
            if let route = ReferralRoute(loose: r.value) { s.referral = route } else {
                // Say how it was read (a tester saw the warning, then the route read from its words in diff).
                let read = ReferralRoute.classify(r.value)
                let how = read == .unknown ? "left unknown" : "read as \(read.rawValue) from its words"
                ctx.warning("bad-referral", "referral", value: r.value, line: r.line, column: r.column, "is not one referral route",
                            hint: "\(how); give one of drop in, self-referral, professional referral, phone first or by appointment")
                s.referral = read
            }
            s.applicationProcess = value(.applicationProcess) ?? value(.referral)
        } else {
            s.applicationProcess = value(.applicationProcess)
            s.referral = ReferralRoute.classify(s.applicationProcess, description: s.description)
        }
        s.eligibility = value(.eligibility)
        // Ages as written (`18+`, `under 5s`, `16-25`, `18yrs`: they were all ignored).
        let ages = AgeText.bounds(minimum: row.cell(.minAge)?.text, maximum: row.cell(.maxAge)?.text)
        func cell(_ side: AgeText.Side) -> (Column, CSVTable.Field?) {
            let column: Column = side == .minimum ? .minAge : .maxAge
            return (column, row.cell(column)?.field)
        }
        for side in ages.unreadable {
            let (column, f) = cell(side)
            ctx.warning("bad-age", column.header, value: f?.value, line: f?.line, column: f?.column, "is not an age in years",
                        hint: "ignored; write \(AgeText.valid)")
        }
        for (side, said) in ages.read {
            let (column, f) = cell(side)
            ctx.repaired("age-words", column.header, value: f?.value, line: f?.line, column: f?.column, "is an age in words",
                         hint: "read as \(said); a number alone is clearer")
        }
        s.minimumAge = ages.lower
        s.maximumAge = ages.upper
        if let lo = s.minimumAge, let hi = s.maximumAge, lo > hi {
            ctx.error("bad-age-range", "max_age", value: "\(hi)", line: field(.maxAge)?.line, column: field(.maxAge)?.column, "is below min_age \(lo)",
                      hint: "swap them, or leave one empty")
        }
        s.languages = Languages.listed(in: value(.languages) ?? "")
        if let v = field(.lastVerified) {
            s.assuredDate = ctx.takeVerifiedDate(v.value, field: "last_verified", reference: referenceDate, stale: true, line: v.line, column: v.column)
        }
        // The hours say by appointment and the route says drop in: search can only show one ("Hours
        // not listed", for a drop-in), and the hub typed the other.
        if hoursSayAppointment && s.referral == .dropIn && s.schedules.isEmpty, let h = field(.openingHours) {
            ctx.warning("hours-referral", "opening_hours", value: h.value, line: h.line, column: h.column, "says by appointment, and referral says drop in",
                        hint: "search shows \"Hours not listed\"; give the hours it is open for drop-in, or make referral by appointment")
        }
        ctx.checkReachable(s, line: ctx.line)
        ctx.checkHoursCurrent(s, reference: referenceDate, line: ctx.line)
        return ctx.hasErrors ? nil : s
    }
}

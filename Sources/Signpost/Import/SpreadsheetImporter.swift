import Foundation

/// Reads the hub's spreadsheet: a CSV file, one row per service at a location, columns found by
/// their header names in any order:
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

    public init(gazetteer: Gazetteer, referenceDate: LocalDate) {
        self.gazetteer = gazetteer
        self.referenceDate = referenceDate
    }

    /// Column names and the spellings accepted for them.
    static let columns: [String: [String]] = [
        "id": ["id", "service id", "service_id", "ref"], "name": ["name", "service name", "service"],
        "organisation": ["organisation", "organization", "org", "provider"], "description": ["description", "details"],
        "categories": ["categories", "category", "taxonomy"], "ward": ["ward"], "address": ["address", "address 1", "street"],
        "postcode": ["postcode", "post code", "postal code", "postal_code", "zip"], "latitude": ["latitude", "lat"],
        "longitude": ["longitude", "lon", "lng", "long"], "phone": ["phone", "telephone", "tel", "phone number"],
        "email": ["email", "e-mail", "email address"], "website": ["website", "url", "web"],
        "opening_hours": ["opening_hours", "opening hours", "hours"], "referral": ["referral", "referral route", "access", "how to access"],
        "min_age": ["min_age", "minimum age", "minimum_age", "age from"], "max_age": ["max_age", "maximum age", "maximum_age", "age to"],
        "languages": ["languages", "language"], "cost": ["cost", "fees", "fee", "price"],
        "last_verified": ["last_verified", "last verified", "assured_date", "verified", "checked"],
        "status": ["status"], "service_areas": ["service_areas", "service areas", "areas served", "serves"],
        "eligibility": ["eligibility", "who for", "who it is for"], "application_process": ["application_process", "application process", "how to apply"],
    ]

    static func canonical(_ header: String) -> String? {
        let k = header.trimmed.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
        for (name, spellings) in columns where spellings.contains(where: { $0.replacingOccurrences(of: "_", with: " ") == k }) { return name }
        return nil
    }

    public func read(contentsOf url: URL, displayName: String? = nil) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(.unreadable, file: name, reason: FileErrors.reason(error, url: url))
        }
        return try read(bytes: [UInt8](data), fileName: name)
    }

    public func read(bytes: [UInt8], fileName: String) throws(ImportError) -> ImportReport {
        let table = CSVTable(bytes: bytes)
        var report = ImportReport(format: .spreadsheet)
        guard let headerPosition = table.records.firstIndex(where: { $0.fields.contains { !$0.value.trimmed.isEmpty } }) else {
            throw ImportError(.malformed, file: fileName, reason: "the file is empty; expected a header row (id, name, ...) and one row per service")
        }
        let header = table.records[headerPosition]
        if table.encoding != "UTF-8" {
            report.diagnostics.append(Diagnostic(.warning, code: "not-utf8", file: fileName,
                                                 reason: "the file is not UTF-8; it was read as \(table.encoding)",
                                                 hint: "check accented letters, and save the spreadsheet as CSV UTF-8"))
        }
        // Columns by name.
        var index: [String: Int] = [:]
        for (k, f) in header.fields.enumerated() {
            guard let c = Self.canonical(f.value) else {
                if !f.value.trimmed.isEmpty {
                    report.diagnostics.append(Diagnostic(.warning, code: "unknown-column", file: fileName, line: f.line, column: f.column,
                                                         field: f.value, reason: "is not a column Signpost reads; it is ignored",
                                                         hint: "columns: " + Self.columns.keys.sorted().joined(separator: ", ")))
                }
                continue
            }
            if index[c] != nil {
                report.diagnostics.append(Diagnostic(.warning, code: "duplicate-column", file: fileName, line: f.line, column: f.column,
                                                     field: f.value, reason: "appears twice; the first is used"))
                continue
            }
            index[c] = k
        }
        for required in ["id", "name"] where index[required] == nil {
            throw ImportError(.malformed, file: fileName, line: header.line,
                              reason: "the header row has no \"\(required)\" column (found: \(header.fields.map(\.value).joined(separator: ", ")))")
        }
        // Syntax problems, by line.
        var syntax: [Int: [CSVTable.Problem]] = [:]
        for p in table.problems { syntax[p.line, default: []].append(p) }
        let headerLines = header.line...(header.fields.last?.line ?? header.line)

        var services: [Service] = []
        var positionOfID: [String: Int] = [:]
        var firstRowOfID: [String: Int] = [:]
        var repairedIDs = Set<String>()
        let years = (referenceDate.year - 1)...(referenceDate.year + 2)
        let rows = Array(table.records[(headerPosition + 1)...])
        let columnIndex = index
        func cell(_ name: String, of record: CSVTable.Record) -> CSVTable.Field? {
            guard let k = columnIndex[name], k < record.fields.count else { return nil }
            let f = record.fields[k]
            return f.value.trimmed.isEmpty ? nil : f
        }
        // Each row on its own (on every core), then the rows of one service merged in order.
        let decoded = Parallel.map(rows.count) { rowIndex -> (Service?, RecordContext) in
            let record = rows[rowIndex]
            var ctx = RecordContext(file: fileName, index: rowIndex, line: record.line)
            func field(_ name: String) -> CSVTable.Field? { cell(name, of: record) }
            func value(_ name: String) -> String? { field(name)?.value.trimmed }
            ctx.id = value("id")
            for line in record.line...(record.fields.last?.line ?? record.line) where !headerLines.contains(line) {
                for p in syntax[line] ?? [] { ctx.error("csv-syntax", nil, column: p.column, p.reason) }
            }
            if record.fields.count != header.fields.count {
                ctx.error("field-count", nil, column: record.fields.last?.column,
                          "has \(record.fields.count) fields; the header has \(header.fields.count)",
                          hint: record.fields.count > header.fields.count
                            ? "is there a comma inside a field that is not in quotes? The columns after it are shifted"
                            : "a field is missing, or the row was cut short")
            }
            return (decode(value: value, field: field, &ctx, years: years), ctx)
        }
        for (rowIndex, (row, rowContext)) in decoded.enumerated() {
            let record = rows[rowIndex]
            var ctx = rowContext
            report.recordsRead += 1
            func field(_ name: String) -> CSVTable.Field? { cell(name, of: record) }
            if var s = row, !ctx.hasErrors {
                if let first = positionOfID[s.id] {
                    // The same service at another location.
                    var existing = services[first]
                    if existing.name != s.name {
                        ctx.warning("id-repeated", "name", value: s.name, column: field("name")?.column,
                                    "repeats the id of row \(firstRowOfID[s.id]! + 2) with another name (\"\(existing.name)\")",
                                    hint: "rows with the same id are one service at several locations; the first row's details are kept")
                    }
                    for l in s.locations where !existing.locations.contains(l) { existing.locations.append(l) }
                    for a in areas(of: s) where !existing.serviceAreas.contains(a) { existing.serviceAreas.append(a) }
                    services[first] = existing
                } else {
                    s.serviceAreas = areas(of: s)
                    positionOfID[s.id] = services.count
                    firstRowOfID[s.id] = rowIndex
                    services.append(s)
                }
                if ctx.repaired { repairedIDs.insert(s.id) }
            } else {
                report.rejected += 1
                report.rejectedRecords.append(.init(index: rowIndex, id: ctx.id, line: record.line, source: record.source,
                                                    errors: ctx.diagnostics.filter { $0.severity == .error }))
            }
            report.diagnostics += ctx.diagnostics
        }
        report.services = services
        report.repaired = repairedIDs.count
        return report
    }

    /// The areas a row's service serves: as its `service_areas` column says, else the wards it is
    /// in, else (no place at all) the whole city.
    private func areas(of s: Service) -> [ServiceArea] {
        if !s.serviceAreas.isEmpty { return s.serviceAreas }
        return s.locations.isEmpty ? [ServiceArea(name: gazetteer.cityNames.first ?? "city", isWholeCity: true)]
            : s.locatedWards.map { ServiceArea(name: $0, ward: $0) }
    }

    /// One row into a service (without merging).
    private func decode(value: (String) -> String?, field: (String) -> CSVTable.Field?, _ ctx: inout RecordContext,
                        years: ClosedRange<Int>) -> Service? {
        let resolver = WardResolver(gazetteer: gazetteer)
        let id = value("id") ?? ""
        if id.isEmpty { ctx.error("missing-id", "id", "a service needs an id", hint: "give every service a unique id") }
        let name = value("name") ?? ""
        if name.isEmpty { ctx.error("missing-name", "name", "a service needs a name") }
        // Route and cost are worked out below, from their own columns.
        var s = Service(id: id, name: name, description: value("description") ?? "", referral: .unknown, cost: .unknown)
        if let org = value("organisation") { s.organisation = Organisation(name: org) }
        s.categories = (value("categories") ?? "").split(separator: ";").map { $0.trimmed }.filter { !$0.isEmpty }
            .map { Category(code: $0, name: $0) }
        if let st = field("status") {
            if let status = ServiceStatus(hsds: st.value) { s.status = status } else {
                ctx.warning("bad-status", "status", value: st.value, column: st.column, "is not a service status",
                            hint: "use active, inactive, defunct or temporarily closed; read as active")
            }
        }
        // Service areas.
        if let areas = value("service_areas") {
            for a in areas.split(separator: ";").map({ $0.trimmed }) where !a.isEmpty {
                s.serviceAreas.append(resolver.serviceArea(a, field: "service_areas", offset: nil, &ctx))
            }
        }
        // The location.
        var location = Location(address: value("address"), postcode: value("postcode"))
        if let address = location.address, address.contains(",") {
            // `Venue, Hall, 12 Street, Leeds`: the parts before the first that starts with a number
            // are the place's name (`Venue, Main Street` has only the first).
            let parts = address.split(separator: ",").map { $0.trimmed }
            if parts.count >= 2, !(parts[0].first?.isNumber ?? false) {
                let street = parts.firstIndex { $0.first?.isNumber ?? false } ?? 1
                location.name = parts[..<street].joined(separator: ", ")
                location.address = parts[street...].filter { $0.lowercased() != "leeds" }.joined(separator: ", ")
                if parts.last?.lowercased() == "leeds" { location.city = "Leeds" }
            }
        }
        var hasCoordinates = false
        if let latF = field("latitude"), let lonF = field("longitude") {
            if let lat = Double(latF.value.trimmed), let lon = Double(lonF.value.trimmed), (-90...90).contains(lat), (-180...180).contains(lon) {
                location.latitude = lat
                location.longitude = lon
                hasCoordinates = true
            } else {
                ctx.warning("bad-coordinates", "latitude", value: "\(latF.value), \(lonF.value)", column: latF.column,
                            "are not coordinates", hint: "decimal degrees, e.g. 53.7997, -1.5492; ignored")
            }
        } else if field("latitude") != nil || field("longitude") != nil {
            ctx.warning("bad-coordinates", field("latitude") == nil ? "latitude" : "longitude",
                        column: (field("latitude") ?? field("longitude"))?.column, "only one of latitude and longitude is given", hint: "ignored")
        }
        let wardField = field("ward")
        for (shared, column) in [("ward", "ward"), ("location.postcode", "postcode"), ("location.latitude", "latitude"),
                                 ("location", "ward"), ("service_areas", "service_areas")] {
            if let f = field(column) { ctx.columns[shared] = (column, f.column) }
        }
        if wardField != nil || location.address != nil || location.postcode != nil || hasCoordinates {
            let areas = s.serviceAreas
            resolver.resolve(&location, explicitWard: wardField?.value, explicitField: "ward", explicitOffset: nil,
                             areas: areas, field: "location", &ctx)
            s.locations = [location]
        }
        // Contact.
        if let p = field("phone") {
            for number in p.value.split(separator: ";").map({ $0.trimmed }) where !number.isEmpty {
                if let f = FieldChecks.phone(number) { ctx.warning(f.code, "phone", value: number, column: p.column, f.reason, hint: f.hint) }
                s.phones.append(number)
            }
        }
        if let e = field("email") {
            let v = e.value.trimmed
            if let f = FieldChecks.email(v) { ctx.warning(f.code, "email", value: v, column: e.column, f.reason, hint: f.hint) } else { s.email = v }
        }
        if let w = field("website") {
            let (finding, repaired) = FieldChecks.website(w.value)
            if let finding {
                if let repaired { ctx.repaired(finding.code, "website", value: w.value, column: w.column, finding.reason, hint: finding.hint); s.url = repaired } else {
                    ctx.warning(finding.code, "website", value: w.value, column: w.column, finding.reason, hint: finding.hint)
                }
            } else { s.url = w.value.trimmed }
        }
        // When.
        if let h = field("opening_hours") {
            do {
                let parsed = try OSMOpeningHours.parse(h.value, years: years)
                s.schedules = parsed.rules
                s.exceptions = parsed.exceptions
                for note in parsed.notes { ctx.warning("hours-note", "opening_hours", value: h.value, column: h.column, note) }
            } catch {
                do {
                    let parsed = try PlainEnglishHours.parse(h.value)
                    s.schedules = parsed.rules
                    ctx.repaired("hours-fallback", "opening_hours", value: h.value, column: h.column,
                                 "is not OpenStreetMap opening_hours syntax", hint: "read as \"\(parsed.reading)\"; check it" + (parsed.openingHoursSyntax.map { ", and write it as \($0) to read it exactly" } ?? ""))
                } catch {
                    ctx.error("bad-hours", "opening_hours", value: h.value, column: h.column, "could not be read",
                              hint: "write it as e.g. Mo-Fr 09:00-17:00; Sa 10:00-12:00, or leave it empty for by appointment")
                }
            }
        }
        // How, who for, what it costs.
        s.fees = value("cost")
        s.cost = Cost.classify(s.fees)
        if let r = field("referral") {
            if let route = ReferralRoute(loose: r.value) { s.referral = route } else {
                ctx.warning("bad-referral", "referral", value: r.value, column: r.column, "is not a referral route",
                            hint: "use drop in, self-referral, professional referral, phone first or by appointment")
                s.referral = ReferralRoute.classify(r.value)
            }
            s.applicationProcess = value("application_process") ?? r.value.trimmed
        } else {
            s.applicationProcess = value("application_process")
            s.referral = ReferralRoute.classify(s.applicationProcess, description: s.description)
        }
        s.eligibility = value("eligibility")
        func age(_ name: String) -> Int? {
            guard let f = field(name) else { return nil }
            guard let n = Int(f.value.trimmed), (0...130).contains(n) else {
                ctx.warning("bad-age", name, value: f.value, column: f.column, "is not an age in years", hint: "ignored")
                return nil
            }
            return n
        }
        s.minimumAge = age("min_age")
        s.maximumAge = age("max_age")
        if let lo = s.minimumAge, let hi = s.maximumAge, lo > hi {
            ctx.error("bad-age-range", "max_age", value: "\(hi)", column: field("max_age")?.column, "is below min_age \(lo)",
                      hint: "swap them, or leave one empty")
        }
        s.languages = (value("languages") ?? "").split(separator: ";").map { Languages.englishName($0.trimmed) }.filter { !$0.isEmpty }
        if let v = field("last_verified") {
            if let d = LocalDate(iso: v.value.trimmed) {
                s.assuredDate = d
                if let f = FieldChecks.stale(d, reference: referenceDate) {
                    ctx.warning(f.code, "last_verified", value: v.value, column: v.column, f.reason, hint: f.hint)
                }
            } else {
                ctx.warning("bad-date", "last_verified", value: v.value, column: v.column, "is not a YYYY-MM-DD date",
                            hint: "the entry will be treated as never verified")
            }
        }
        return ctx.hasErrors ? nil : s
    }
}

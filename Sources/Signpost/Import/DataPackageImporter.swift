import Foundation
import ZIPFoundation

/// Reads an HSDS tabular data package: a folder or zip file with `datapackage.json` and one CSV per
/// table (`services.csv`, `organizations.csv`, `locations.csv`, `physical_addresses.csv`,
/// `services_at_location.csv`, `regular_schedules.csv` or `schedules.csv`, `holiday_schedules.csv`,
/// `taxonomy.csv`, `services_taxonomy.csv`, `languages.csv`, `eligibility.csv`, `phones.csv`,
/// `service_areas.csv`), joined by their ids.
///
/// Real packages are messy (the Miami Open211 export has times like `9:00am`, blank ids, and
/// schedules only as `original_text`): every row that is skipped or read doubtfully is reported
/// with its table, line and field.
public struct DataPackageImporter: Sendable {
    public let gazetteer: Gazetteer
    public let referenceDate: LocalDate

    public init(gazetteer: Gazetteer, referenceDate: LocalDate) {
        self.gazetteer = gazetteer
        self.referenceDate = referenceDate
    }

    /// A table: its rows as column-name → field.
    struct Table {
        var file: String
        var rows: [(line: Int, source: String, fields: [String: CSVTable.Field])] = []
        /// Lines of rows whose number of fields is not the header's (cut short, or shifted), with the count.
        var misshapen: [Int: Int] = [:]
        var headerFields = 0
    }

    public func read(_ url: URL, displayName: String? = nil) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        var files: [String: [UInt8]] = [:]
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw ImportError(.unreadable, file: name, reason: "no such file or folder")
        }
        if isDir.boolValue {
            let walker = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
            while let f = walker?.nextObject() as? URL {
                let rel = String(f.path.dropFirst(url.path.count)).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                if f.pathExtension.lowercased() == "csv" || f.lastPathComponent == "datapackage.json",
                   let d = try? Data(contentsOf: f) { files[rel] = [UInt8](d) }
            }
        } else {
            do {
                let archive = try Archive(url: url, accessMode: .read, pathEncoding: nil)
                // A spreadsheet workbook is a zip too: say what it is and how to save the CSV.
                if archive["[Content_Types].xml"] != nil && archive.contains(where: { $0.path.hasPrefix("xl/") }) {
                    throw ImportError(.malformed, file: name, reason: "is an Excel workbook (.xlsx), not a CSV file or a data package; in Excel, File → Save As → \"CSV UTF-8 (Comma delimited)\", and load the .csv")
                }
                if archive["content.xml"] != nil && archive["mimetype"] != nil {
                    throw ImportError(.malformed, file: name, reason: "is an OpenDocument spreadsheet (.ods), not a CSV file or a data package; in LibreOffice, File → Save As → \"Text CSV (.csv)\" with UTF-8, and load the .csv")
                }
                for entry in archive where entry.type == .file {
                    guard entry.path.hasSuffix(".csv") || entry.path.hasSuffix("datapackage.json") else { continue }
                    guard entry.uncompressedSize < 512 << 20 else {
                        throw ImportError(.malformed, file: name, reason: "\(entry.path) is larger than 512 MB; not read")
                    }
                    var data = Data()
                    _ = try archive.extract(entry, consumer: { data.append($0) })
                    files[entry.path] = [UInt8](data)
                }
            } catch let e as ImportError { throw e } catch {
                // (The zip library's own words, `missingEndOfCentralDirectoryRecord`, mean nothing to staff.)
                throw ImportError(.malformed, file: name, reason: "starts like a zip file (a data package or a workbook) but cannot be read as one; it may be damaged or cut short: download or export it again")
            }
        }
        guard files.keys.contains(where: { $0.hasSuffix("datapackage.json") }) else {
            throw ImportError(.malformed, file: name, reason: "has no datapackage.json; expected an HSDS tabular data package")
        }
        return try read(files: files, packageName: name)
    }

    func read(files: [String: [UInt8]], packageName: String) throws(ImportError) -> ImportReport {
        var report = ImportReport(format: .dataPackage)
        // The tables are found by their usual names, so a damaged descriptor loses nothing; but it is said
        // (it was passed over in silence), as the package may not be what it claims.
        // (Read once, by the project's reader, which says where: not also by Foundation's, which only says whether.)
        if let (path, bytes) = files.first(where: { $0.key.hasSuffix("datapackage.json") }),
           let at: JSONSyntaxError = bytes.withUnsafeBytes({ raw in
               var reader = JSONReader(bytes: raw)
               do throws(JSONSyntaxError) { _ = try reader.parseDocument(); return nil } catch { return error }
           }) {
            report.diagnostics.append(Diagnostic(.warning, code: "bad-descriptor", file: "\(packageName):\(path)", line: at.line, column: at.column,
                                                 reason: "is not valid JSON: \(at.reason)",
                                                 hint: "the tables were read by their usual names (services.csv, locations.csv ...); check the package is the one meant"))
        }
        func table(_ names: String...) -> Table? {
            for n in names {
                if let (path, bytes) = files.first(where: { $0.key == n || $0.key.hasSuffix("/" + n) }) {
                    let csv = CSVTable(bytes: bytes)
                    var t = Table(file: "\(packageName):\(path)")
                    guard let header = csv.records.first else { return t }
                    let keys = header.fields.map { $0.value.trimmed.lowercased() }
                    for p in csv.problems {
                        report.diagnostics.append(Diagnostic(.warning, code: "csv-syntax", file: t.file, line: p.line, column: p.column, reason: p.reason))
                    }
                    t.headerFields = keys.count
                    for r in csv.records.dropFirst() {
                        if r.fields.count != keys.count {
                            t.misshapen[r.line] = r.fields.count
                            // Other tables: the row is skipped with a warning; services.csv rows are rejected with an error below.
                            if n != "services.csv" {
                                report.diagnostics.append(Diagnostic(.warning, code: "field-count", file: t.file, line: r.line, column: r.fields.last?.column,
                                                                     reason: "has \(r.fields.count) fields; the header has \(keys.count); the row was skipped",
                                                                     hint: "a field is missing or the row was cut short, or an unquoted comma shifted the columns"))
                                continue
                            }
                        }
                        var fields: [String: CSVTable.Field] = [:]
                        for (k, f) in r.fields.enumerated() where k < keys.count { fields[keys[k]] = f }
                        t.rows.append((r.line, r.source, fields))
                    }
                    return t
                }
            }
            return nil
        }
        guard let services = table("services.csv") else {
            throw ImportError(.malformed, file: packageName, reason: "has no services.csv table")
        }
        func v(_ row: [String: CSVTable.Field], _ k: String) -> String? {
            guard let f = row[k] else { return nil }
            let t = f.value.trimmed
            return t.isEmpty ? nil : t
        }
        func note(_ t: Table, _ row: (line: Int, source: String, fields: [String: CSVTable.Field]), _ field: String, _ reason: String, hint: String? = nil) {
            report.diagnostics.append(Diagnostic(.warning, code: "unlinked-row", file: t.file, line: row.line,
                                                 column: row.fields[field]?.column, field: field, value: row.fields[field]?.value ?? "",
                                                 reason: reason, hint: hint))
        }

        // Lookups by id.
        var organisations: [String: Organisation] = [:]
        for r in table("organizations.csv", "organisations.csv")?.rows ?? [] {
            guard let id = v(r.fields, "id"), let n = v(r.fields, "name") else { continue }
            organisations[id] = Organisation(id: id, name: n, description: v(r.fields, "description"), url: v(r.fields, "url"))
        }
        var addresses: [String: (String?, String?, String?)] = [:]  // location id → (address, city, postal code)
        // Where each location's postcode and coordinates are written (their own tables: a postcode outside the
        // city was said at services.csv's row, with no column).
        var postcodeAt: [String: (file: String, line: Int, column: Int?)] = [:], coordinatesAt: [String: (file: String, line: Int, column: Int?)] = [:]
        let addressTable = table("physical_addresses.csv")
        for r in addressTable?.rows ?? [] {
            guard let lid = v(r.fields, "location_id") else { continue }
            let line = [v(r.fields, "address_1"), v(r.fields, "address_2")].compactMap { $0 }.joined(separator: ", ")
            addresses[lid] = (line.isEmpty ? nil : line, v(r.fields, "city"), v(r.fields, "postal_code"))
            if let t = addressTable { postcodeAt[lid] = (t.file, r.line, r.fields["postal_code"]?.column) }
        }
        var locations: [String: (row: (line: Int, source: String, fields: [String: CSVTable.Field]), location: Location)] = [:]
        let locationTable = table("locations.csv")
        for r in locationTable?.rows ?? [] {
            guard let id = v(r.fields, "id") else { continue }
            var l = Location(id: id, name: v(r.fields, "name"))
            if let a = addresses[id] { l.address = a.0; l.city = a.1; l.postcode = a.2.map(Postcode.normalise) }
            if let la = v(r.fields, "latitude").flatMap(Double.init), let lo = v(r.fields, "longitude").flatMap(Double.init),
               (-90...90).contains(la), (-180...180).contains(lo) {
                l.latitude = la; l.longitude = lo
                if let t = locationTable { coordinatesAt[id] = (t.file, r.line, r.fields["latitude"]?.column) }
            }
            locations[id] = (r, l)
        }
        var taxonomy: [String: Category] = [:]
        for r in table("taxonomy.csv", "taxonomy_terms.csv")?.rows ?? [] {
            guard let id = v(r.fields, "id"), let n = v(r.fields, "name") ?? v(r.fields, "term") else { continue }
            taxonomy[id] = Category(code: id, name: n, taxonomy: v(r.fields, "vocabulary"))
        }

        // Services first, so that the other tables can be joined to them.
        var order: [String] = []
        var byID: [String: Service] = [:]
        var contexts: [String: RecordContext] = [:]
        var sourceOf: [String: (Int, String)] = [:]
        for (k, r) in services.rows.enumerated() {
            report.recordsRead += 1
            var ctx = RecordContext(file: services.file, index: k, line: r.line)
            let id = v(r.fields, "id") ?? ""
            ctx.id = id
            if let count = services.misshapen[r.line] {
                ctx.error("field-count", nil, column: r.fields.values.map(\.column).max(), "has \(count) fields; the header has \(services.headerFields)",
                          hint: count > services.headerFields ? "is there a comma inside a field that is not in quotes? The columns after it are shifted"
                            : "a field is missing, or the row was cut short")
                report.diagnostics += ctx.diagnostics
                report.rejected += 1
                report.rejectedRecords.append(.init(index: k, id: id.isEmpty ? nil : id, line: r.line, source: r.source, errors: ctx.diagnostics))
                continue
            }
            guard !id.isEmpty else {
                ctx.error("missing-id", "id", column: r.fields["id"]?.column, "a service needs an id")
                report.diagnostics += ctx.diagnostics
                report.rejected += 1
                report.rejectedRecords.append(.init(index: k, id: nil, line: r.line, source: r.source, errors: ctx.diagnostics))
                continue
            }
            guard byID[id] == nil else {
                ctx.error("duplicate-id", "id", value: id, column: r.fields["id"]?.column, "duplicate id: another service already has it",
                          hint: "the first was kept")
                report.diagnostics += ctx.diagnostics
                report.rejected += 1
                report.rejectedRecords.append(.init(index: k, id: id, line: r.line, source: r.source, errors: ctx.diagnostics))
                continue
            }
            guard let name = v(r.fields, "name") else {
                ctx.error("missing-name", "name", column: r.fields["name"]?.column, "a service needs a name")
                report.diagnostics += ctx.diagnostics
                report.rejected += 1
                report.rejectedRecords.append(.init(index: k, id: id, line: r.line, source: r.source, errors: ctx.diagnostics))
                continue
            }
            var s = Service(id: id, name: name, description: Self.clean(v(r.fields, "description") ?? ""))
            s.organisation = v(r.fields, "organization_id").flatMap { organisations[$0] }
            s.url = v(r.fields, "url")
            if let url = s.url {
                let column = r.fields["url"]?.column
                s.url = FieldChecks.keptWebsite(url) { f, repaired in
                    if repaired { ctx.repaired(f.code, "url", value: url, column: column, f.reason, hint: f.hint) } else {
                        ctx.warning(f.code, "url", value: url, column: column, f.reason, hint: f.hint)
                    }
                }
            }
            s.email = v(r.fields, "email")
            if let st = v(r.fields, "status") { ctx.takeStatus(st, into: &s, column: r.fields["status"]?.column) }
            s.applicationProcess = v(r.fields, "application_process").map(Self.clean)
            s.fees = v(r.fields, "fees").map(Self.clean)
            s.cost = Cost.classify(s.fees)
            s.referral = ReferralRoute.classify(s.applicationProcess, description: s.description)
            order.append(id)
            byID[id] = s
            contexts[id] = ctx
            sourceOf[id] = (r.line, r.source)
        }
        func link(_ t: Table?, _ key: String = "service_id", _ body: (inout Service, inout RecordContext, (line: Int, source: String, fields: [String: CSVTable.Field])) -> Void) {
            guard let t else { return }
            for r in t.rows {
                guard let sid = v(r.fields, key) else {
                    // Rows joined through a location or service-at-location are linked elsewhere.
                    if v(r.fields, "location_id") == nil && v(r.fields, "service_at_location_id") == nil {
                        note(t, r, key, "has no \(key); the row is not linked to any service and was skipped")
                    }
                    continue
                }
                guard var s = byID[sid], var ctx = contexts[sid] else {
                    note(t, r, key, "names service \(sid), which is not in services.csv; skipped")
                    continue
                }
                body(&s, &ctx, r)
                byID[sid] = s
                contexts[sid] = ctx
            }
        }
        // Locations through services_at_location.
        var salToService: [String: String] = [:]
        link(table("services_at_location.csv", "service_at_location.csv")) { s, ctx, r in
            if let salID = v(r.fields, "id") { salToService[salID] = s.id }
            guard let lid = v(r.fields, "location_id") else { return }
            guard let found = locations[lid] else {
                note(Table(file: "\(packageName):services_at_location.csv"), r, "location_id", "names location \(lid), which is not in locations.csv; skipped")
                return
            }
            if !s.locations.contains(where: { $0.id == lid }) { s.locations.append(found.location) }
        }
        link(table("service_areas.csv")) { s, ctx, r in
            if let a = v(r.fields, "service_area") ?? v(r.fields, "name") {
                for area in WardResolver(gazetteer: gazetteer).serviceAreas(a, field: "service_areas.csv:service_area", offset: nil, &ctx)
                where !s.serviceAreas.contains(area) { s.serviceAreas.append(area) }
            }
        }
        let serviceTaxonomy = table("services_taxonomy.csv", "service_taxonomy.csv", "service_attributes.csv")
        link(serviceTaxonomy) { s, ctx, r in
            guard let tid = v(r.fields, "taxonomy_id") ?? v(r.fields, "taxonomy_term_id") else { return }
            guard let c = taxonomy[tid] else {
                report.diagnostics.append(Diagnostic(.warning, code: "unknown-taxonomy", file: serviceTaxonomy?.file ?? packageName, line: r.line,
                                                     column: r.fields["taxonomy_id"]?.column, record: ctx.index, recordID: s.id, field: "taxonomy_id",
                                                     value: tid, reason: "is not in taxonomy.csv", hint: "ignored"))
                return
            }
            if !s.categories.contains(c) { s.categories.append(c) }
        }
        link(table("languages.csv")) { s, _, r in
            if let l = v(r.fields, "language") ?? v(r.fields, "name") {
                for n in Languages.listed(in: l) where !s.languages.contains(n) { s.languages.append(n) }
            }
        }
        link(table("eligibility.csv", "eligibilities.csv")) { s, _, r in
            if let e = v(r.fields, "eligibility") ?? v(r.fields, "eligibility_description") {
                s.eligibility = s.eligibility.map { $0 + "; " + e } ?? Self.clean(e)
            }
            if let lo = v(r.fields, "minimum_age").flatMap(Int.init) { s.minimumAge = lo }
            if let hi = v(r.fields, "maximum_age").flatMap(Int.init) { s.maximumAge = hi }
        }
        let phones = table("phones.csv")
        link(phones) { s, ctx, r in
            guard let raw = v(r.fields, "number") else { return }
            // (Said of phones.csv's row, in the service's record.)
            var row = RecordContext(file: phones?.file ?? packageName, index: ctx.index, line: r.line)
            row.id = ctx.id
            let n = row.takePhone(raw, field: "number", checksUK: gazetteer.checksUKPhoneNumbers, line: r.line, column: r.fields["number"]?.column)
            ctx.diagnostics += row.diagnostics
            if row.repaired { ctx.repaired = true }
            if let n, !s.phones.contains(n) { s.phones.append(n) }
        }
        // Schedules: by service, or through a service-at-location.
        let years = HoursReadings.years(around: referenceDate)
        for tableName in ["regular_schedules.csv", "schedules.csv", "holiday_schedules.csv"] {
            guard let t = table(tableName) else { continue }
            for r in t.rows {
                let sid = v(r.fields, "service_id") ?? v(r.fields, "service_at_location_id").flatMap { salToService[$0] }
                guard let sid else {
                    note(t, r, "service_id", "has no service_id (nor a service_at_location_id that names one); skipped")
                    continue
                }
                guard var s = byID[sid], var ctx = contexts[sid] else {
                    note(t, r, "service_id", "names service \(sid), which is not in services.csv; skipped")
                    continue
                }
                scheduleRow(r, table: t, tableName: tableName, into: &s, &ctx, years: years)
                byID[sid] = s
                contexts[sid] = ctx
            }
        }
        // Finish: wards, and the report.
        for id in order {
            guard var s = byID[id], var ctx = contexts[id] else { continue }
            let areas = s.serviceAreas
            for k in s.locations.indices {
                let before = ctx.diagnostics.count
                WardResolver(gazetteer: gazetteer).resolve(&s.locations[k], explicitWard: nil, explicitField: "ward",
                                                           explicitOffset: nil, areas: areas, field: "locations[\(k)]", &ctx)
                // What is said of its postcode or coordinates, said where they are written.
                guard let lid = s.locations[k].id else { continue }
                for d in before..<ctx.diagnostics.count {
                    let field = ctx.diagnostics[d].field ?? ""
                    let at = field.hasSuffix(".postcode") ? postcodeAt[lid] : field.hasSuffix(".latitude") ? coordinatesAt[lid] : nil
                    if let at { ctx.diagnostics[d].file = at.file; ctx.diagnostics[d].line = at.line; ctx.diagnostics[d].column = at.column }
                }
            }
            s.schedules = Self.mergeWeekly(s.schedules)
            // (As the feed's and the spreadsheet's: a service no one can reach is said.)
            ctx.checkReachable(s, line: sourceOf[id]?.0)
            ctx.checkHoursCurrent(s, reference: referenceDate, line: sourceOf[id]?.0)
            report.diagnostics += ctx.diagnostics
            if ctx.hasErrors {
                report.rejected += 1
                report.rejectedRecords.append(.init(index: ctx.index, id: id, line: sourceOf[id]?.0, source: sourceOf[id]?.1 ?? "",
                                                    errors: ctx.diagnostics.filter { $0.severity == .error }, saysClosed: ctx.saysClosed))
            } else {
                report.services.append(s)
                if ctx.repaired { report.repaired += 1 }
            }
        }
        return report
    }

    /// One schedule row: HSDS 1.x (`weekday`, `opens_at`, `closes_at`, `original_text`), HSDS 2/3
    /// (`freq`, `byday`, ...), or a holiday (`closed`, `start_date`, `end_date`).
    private func scheduleRow(_ r: (line: Int, source: String, fields: [String: CSVTable.Field]), table t: Table, tableName: String,
                             into s: inout Service, _ ctx: inout RecordContext, years: ClosedRange<Int>) {
        func v(_ k: String) -> String? { r.fields[k].map { $0.value.trimmed }.flatMap { $0.isEmpty ? nil : $0 } }
        func warn(_ code: String, _ field: String, _ reason: String, hint: String? = nil, repaired: Bool = false) {
            let d = Diagnostic(.warning, code: code, file: t.file, line: r.line, column: r.fields[field]?.column, record: ctx.index,
                               recordID: s.id, field: field, value: r.fields[field]?.value, reason: reason, hint: hint)
            ctx.diagnostics.append(d)
            if repaired { ctx.repaired = true }
        }
        func time(_ field: String, pm: Bool) -> TimeOfDay? {
            guard let raw = v(field) else { return nil }
            if let t = TimeOfDay(hhmm: raw) { return t }
            if let t = TimeOfDay.lenient(raw, assumePM: pm) {
                warn("lenient-time", field, "is not HH:MM", hint: "read as \(t)", repaired: true)
                return t
            }
            warn("bad-time", field, TimeOfDay.whyNotATime(raw), hint: "this schedule row was skipped")
            return nil
        }
        if tableName == "holiday_schedules.csv" {
            guard let from = v("start_date").flatMap(LocalDate.init(iso:)) else {
                warn("bad-date", "start_date", LocalDate.whyNotADate(v("start_date") ?? ""), hint: "this holiday row was skipped")
                return
            }
            let to = v("end_date").flatMap(LocalDate.init(iso:)) ?? from
            let closed = ["true", "1", "yes", "closed"].contains((v("closed") ?? "true").lowercased())
            var sessions: [ScheduleException.Session] = []
            if !closed, let o = time("opens_at", pm: false), let c = time("closes_at", pm: true) { sessions = [.init(opens: o, closes: c)] }
            s.exceptions.append(ScheduleException(from: from, to: to, sessions: sessions))
            return
        }
        let opens = time("opens_at", pm: false), closes = time("closes_at", pm: true)
        if let opens, let closes {
            if let f = ScheduleRule.swappedTimesFinding(opens: opens, closes: closes) { warn("overnight-hours", "closes_at", f.reason, hint: f.hint) }
            var days = Set<Weekday>()
            if let wd = v("weekday") {
                if let d = Weekday(code: wd) ?? Int(wd).flatMap({ (1...7).contains($0) ? Weekday(rawValue: $0 - 1) : nil }) { days.insert(d) } else {
                    warn("bad-weekday", "weekday", "is not a day of the week", hint: "this schedule row was skipped")
                    return
                }
            }
            for item in (v("byday") ?? "").split(separator: ",") {
                if let d = Weekday(code: item.trimmed) { days.insert(d) }
            }
            if days.isEmpty {
                warn("missing-weekday", "weekday", "says no day", hint: "this schedule row was skipped")
                return
            }
            s.schedules.append(ScheduleRule(pattern: .weekly(days), opens: opens, closes: closes,
                                            validFrom: v("valid_from").flatMap(LocalDate.init(iso:)),
                                            validTo: v("valid_to").flatMap(LocalDate.init(iso:))))
            return
        }
        // No usable times: what does the original text say?
        guard let text = v("original_text") ?? v("description") else {
            if v("opens_at") == nil && v("closes_at") == nil { warn("missing-time", "opens_at", "has no times and no original_text", hint: "this schedule row was skipped") }
            return
        }
        if let parsed = try? PlainEnglishHours.parse(text) {
            if parsed.byAppointment { return }
            for rule in parsed.rules where !s.schedules.contains(rule) { s.schedules.append(rule) }
            warn("hours-fallback", "original_text", "was read from the plain-English text", hint: "read as \"\(parsed.reading)\"", repaired: true)
            for f in ScheduleRule.swappedTimesFindings(in: parsed.rules) { warn("overnight-hours", "original_text", f.reason, hint: f.hint) }
        } else {
            warn("bad-hours", "original_text", "could not be read", hint: "this schedule row was skipped")
        }
    }

    /// Weekly rules with the same times become one rule (one row per weekday is common).
    static func mergeWeekly(_ rules: [ScheduleRule]) -> [ScheduleRule] {
        var out: [ScheduleRule] = []
        for r in rules {
            if case .weekly(let days) = r.pattern,
               let k = out.firstIndex(where: { o in
                   if case .weekly = o.pattern { return o.opens == r.opens && o.closes == r.closes && o.validFrom == r.validFrom && o.validTo == r.validTo }
                   return false
               }), case .weekly(let existing) = out[k].pattern {
                out[k].pattern = .weekly(existing.union(days))
            } else if !out.contains(r) {
                out.append(r)
            }
        }
        return out
    }

    /// Removes markers such as `###MON###` and collapses white space.
    static func clean(_ s: String) -> String {
        var t = s
        while let a = t.range(of: "###"), let b = t.range(of: "###", range: a.upperBound..<t.endIndex) {
            t.replaceSubrange(a.lowerBound..<b.upperBound, with: " ")
        }
        return t.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
    }
}

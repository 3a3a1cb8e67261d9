/// Decodes one Open Referral service object (HSDS 3.0 / ORUK v3, and the ORUK v1 field names) into
/// a ``Service``, reporting every problem with its field path and position.
///
/// Errors (a record with no id or name, a time or date that cannot be read) leave the record out;
/// warnings (an unknown ward, a time written `9am` and read as 09:00) keep it.
struct HSDSRecordDecoder {
    let wards: WardResolver
    var referenceDate: LocalDate? = nil
    /// The day dates as people write them (`05/12/26`) are read against: the day the file is checked,
    /// or today (worked out once per file, not for each record).
    var datesReference: LocalDate
    /// The years the dates in opening-hours text are worked out for (`Dec 25 off`;
    /// ``HoursReadings/years(around:)``).
    let hoursYears: ClosedRange<Int>
    /// Schedule rows whose `valid_from`..`valid_to` span at most this many days are dated exceptions
    /// (HSDS's way of saying "closed 25 December" or "open 10:00-12:00 on Christmas Eve").
    static let exceptionMaxDays = 7

    func decode(_ record: JSONValue, _ ctx: inout RecordContext) -> Service? {
        guard let members = record.members else {
            ctx.error("not-an-object", nil, found: record, "a service must be a JSON object")
            return nil
        }
        _ = members
        // id and name first, so later diagnostics carry the id.
        var id: String? = nil
        if let v = record["id"] { id = scalarString(v) }
        ctx.id = id
        if id == nil || id!.isEmpty {
            if let v = record["id"] {
                ctx.error("missing-id", "id", found: v, "a service needs an id", hint: "give every service a unique id")
            } else {
                ctx.error("missing-id", "id", at: record.offset, "a service needs an id", hint: "give every service a unique id")
            }
        }
        let name = text(record["name"], "name", &ctx)
        if name == nil || name!.isEmpty {
            ctx.error("missing-name", "name", at: record["name"]?.offset ?? record.offset, "a service needs a name")
        }
        var service = Service(id: id ?? "", name: name ?? "")
        service.description = text(record["description"], "description", &ctx) ?? ""
        service.url = text(record["url"], "url", &ctx)
        if let url = service.url, !url.isEmpty, let v = record["url"] {
            // Checked and tidied as the spreadsheet's website column is (`www.` read with https://),
            // so that the same directory in two formats does not differ in every website.
            service.url = FieldChecks.keptWebsite(url) { f, repaired in
                if repaired { ctx.repaired(f.code, "url", found: v, f.reason, hint: f.hint) } else { ctx.warning(f.code, "url", found: v, f.reason, hint: f.hint) }
            }
        }
        if let e = text(record["email"], "email", &ctx) { service.email = ctx.takeEmail(e, field: "email", at: record["email"]?.offset) }
        if let s = record["status"], !s.isNull {
            if let raw = s.string {
                ctx.takeStatus(raw, into: &service, at: s.offset)
            } else {
                ctx.warning("bad-status", "status", found: s,
                            "is not a service status", hint: "use active, inactive, defunct or temporarily closed; read as active")
            }
        }
        if let org = record["organization"] ?? record["organisation"], !org.isNull {
            if let orgName = text(org["name"], "organization.name", &ctx), !orgName.isEmpty {
                service.organisation = Organisation(id: org["id"].flatMap(scalarString), name: orgName,
                                                    description: text(org["description"], "organization.description", &ctx),
                                                    url: text(org["url"], "organization.url", &ctx))
            }
        }
        // Service areas before locations: a location's ward may come from them.
        service.serviceAreas = serviceAreas(record, &ctx)
        service.locations = locations(record, areas: service.serviceAreas, &ctx)
        service.categories = categories(record, &ctx)
        service.languages = languages(record, &ctx)
        service.phones = phones(record, &ctx)
        var eligibility = text(record["eligibility_description"], "eligibility_description", &ctx)
        var minAge = age(record["minimum_age"], "minimum_age", &ctx)
        var maxAge = age(record["maximum_age"], "maximum_age", &ctx)
        do {  // ORUK v1
            for (i, e) in list(record["eligibilitys"], "eligibilitys", &ctx).enumerated() {
                if eligibility == nil { eligibility = text(e["eligibility"], "eligibilitys[\(i)].eligibility", &ctx) }
                minAge = minAge ?? age(e["minimum_age"], "eligibilitys[\(i)].minimum_age", &ctx)
                maxAge = maxAge ?? age(e["maximum_age"], "eligibilitys[\(i)].maximum_age", &ctx)
            }
        }
        if let lo = minAge, let hi = maxAge, lo > hi {
            ctx.error("bad-age-range", "maximum_age", value: "\(hi)", at: record["maximum_age"]?.offset,
                      "is below minimum_age \(lo)", hint: "swap them, or leave one empty")
        }
        service.minimumAge = minAge
        service.maximumAge = maxAge
        service.eligibility = eligibility
        service.fees = text(record["fees_description"], "fees_description", &ctx) ?? text(record["fees"], "fees", &ctx)
        if service.fees == nil, let first = list(record["cost_options"], "cost_options", &ctx).first {  // ORUK v1
            if let amount = first["amount"], case .number(let v, _) = amount.kind {
                service.fees = v == 0 ? "Free" : "£\(v)"
            } else {
                service.fees = text(first["option"], "cost_options[0].option", &ctx)
            }
        }
        service.cost = Cost.classify(service.fees)
        service.applicationProcess = text(record["application_process"], "application_process", &ctx)
        service.referral = ReferralRoute.classify(service.applicationProcess, description: service.description)
        if let xr = record["x_referral"] ?? record["referral"], let raw = text(xr, "x_referral", &ctx) {
            if let route = ReferralRoute(loose: raw) { service.referral = route } else {
                ctx.warning("bad-referral", "x_referral", value: raw, at: xr.offset, "is not a referral route",
                            hint: "use drop-in, self-referral, professional-referral, phone-first or appointment; read from application_process instead")
            }
        }
        if let d = record["assured_date"] ?? record["last_verified"], !d.isNull {
            if let s = d.string {
                service.assuredDate = ctx.takeVerifiedDate(s, field: "assured_date", reference: referenceDate ?? datesReference,
                                                           stale: referenceDate != nil, at: d.offset)
            } else {
                ctx.warning("bad-date", "assured_date", found: d, "is not a YYYY-MM-DD date",
                            hint: "the entry will be treated as never verified")
            }
        }
        schedules(record, into: &service, &ctx)
        ctx.checkReachable(service, at: record.offset)
        ctx.checkHoursCurrent(service, reference: referenceDate, at: record.offset)
        return ctx.hasErrors ? nil : service
    }

    // MARK: - Lists

    /// A field that holds a list. One object where a list belongs is read as a list of one, and a
    /// string too when `scalars` says such an item is meaningful (a phone number, a language, an
    /// area's name); each with a warning. Anything else is reported and ignored. Null
    /// or absent: no items.
    func list(_ v: JSONValue?, _ field: @autoclosure () -> String, scalars: Bool = false,
              _ ctx: inout RecordContext) -> [JSONValue] {
        guard let v, !v.isNull else { return [] }
        switch v.kind {
        case .array(let items):
            return items
        case .object:
            ctx.repaired("not-a-list", field(), found: v, "should be a list", hint: "read as a list of one")
            return [v]
        default:
            if scalars, case .string = v.kind {
                ctx.repaired("not-a-list", field(), found: v, "should be a list, not \(v.typeName)", hint: "read as a list of one")
                return [v]
            }
            ctx.warning("wrong-type", field(), found: v, "should be a list, not \(v.typeName)", hint: "ignored")
            return []
        }
    }

    // MARK: - Fields

    /// A string field; numbers and booleans are accepted as their text. Wrong types are warned about.
    ///
    /// The field's name (`service_at_locations[0].location.addresses[0].city`) is made only for a
    /// diagnostic: made for every field read, the names were a heap string each, several per record.
    func text(_ v: JSONValue?, _ field: @autoclosure () -> String, _ ctx: inout RecordContext) -> String? {
        guard let v, !v.isNull else { return nil }
        if var s = scalarString(v) {
            if let clean = FieldChecks.withoutControlCharacters(s) {
                ctx.repaired("control-characters", field(), value: s, at: v.offset, "holds control characters",
                             hint: "removed (they could drive a terminal or hide text)")
                s = clean
            }
            let t = s.trimmed
            return t.isEmpty ? nil : t
        }
        ctx.warning("wrong-type", field(), value: v.diagnosticValue, at: v.offset, "should be a string, not \(v.typeName)", hint: "ignored")
        return nil
    }

    func scalarString(_ v: JSONValue) -> String? {
        switch v.kind {
        case .string(let s): return s
        case .number(_, let literal): return literal
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    func age(_ v: JSONValue?, _ field: @autoclosure () -> String, _ ctx: inout RecordContext) -> Int? {
        guard let v, !v.isNull else { return nil }
        var n: Int? = nil
        switch v.kind {
        case .number(let d, _): n = Int(exactly: d)  // nil for 2.5, 1e19 or 1e400 (Int(d) would trap)
        case .string(let s):
            // Ages in words (`18+`, `under 5s`): the bound this field is for, said as read.
            guard let r = AgeText.read(s) else { break }
            if let years = r.years { n = years; break }
            let isMinimum = field().hasSuffix("minimum_age")
            if let bound = isMinimum ? r.lower : r.upper {
                ctx.repaired("age-words", field(), found: v, "is an age in words", hint: "read as \(bound); a number alone is clearer")
                return bound
            }
        default: break
        }
        guard let n, (0...130).contains(n) else {
            ctx.warning("bad-age", field(), found: v, "is not an age in years", hint: "ignored; write \(AgeText.valid)")
            return nil
        }
        return n
    }

    func number(_ v: JSONValue?, _ field: @autoclosure () -> String, _ ctx: inout RecordContext) -> Double? {
        guard let v, !v.isNull else { return nil }
        switch v.kind {
        case .number(let d, _): return d
        case .string(let s):
            if let d = Double(s.trimmed) { return d }
            if s.trimmed.isEmpty { return nil }
        default: break
        }
        ctx.warning("wrong-type", field(), found: v, "should be a number", hint: "ignored")
        return nil
    }

    // MARK: - Places

    func serviceAreas(_ record: JSONValue, _ ctx: inout RecordContext) -> [ServiceArea] {
        var out: [ServiceArea] = []
        for (i, a) in list(record["service_areas"], "service_areas", scalars: true, &ctx).enumerated() {
            let field = "service_areas[\(i)]"
            let name = a.string ?? a["name"].flatMap(scalarString) ?? a["service_area"].flatMap(scalarString)
                ?? a["extent"].flatMap(scalarString)
            guard let name, !name.trimmed.isEmpty else { continue }
            for area in wards.serviceAreas(name.trimmed, field: field + ".name", offset: (a["name"] ?? a).offset, &ctx)
            where !out.contains(area) { out.append(area) }
        }
        return out
    }

    func locations(_ record: JSONValue, areas: [ServiceArea], _ ctx: inout RecordContext) -> [Location] {
        var raw: [(JSONValue, String)] = []
        do {
            for (i, s) in list(record["service_at_locations"], "service_at_locations", &ctx).enumerated() {
                if let loc = s["location"], loc.members != nil { raw.append((loc, "service_at_locations[\(i)].location")) }
            }
        }
        if raw.isEmpty {
            for (i, l) in list(record["locations"], "locations", &ctx).enumerated() where l.members != nil { raw.append((l, "locations[\(i)]")) }
        }
        var out: [Location] = []
        for (loc, field) in raw {
            var l = Location(id: loc["id"].flatMap(scalarString), name: text(loc["name"], field + ".name", &ctx))
            let listed = ["addresses", "physical_addresses"].first { loc[$0].map { !$0.isNull } ?? false }
            let addresses = listed.map { list(loc[$0], field + "." + $0, &ctx) } ?? (loc["address"].map { [$0] } ?? [])
            if let first = addresses.first(where: { ($0["address_type"]?.string ?? "physical") != "postal" }) ?? addresses.first {
                let af = field + ".addresses[0]"
                let line1 = text(first["address_1"], af + ".address_1", &ctx)
                let line2 = text(first["address_2"], af + ".address_2", &ctx)
                l.address = [line1, line2].compactMap { $0 }.joined(separator: ", ")
                if l.address?.isEmpty ?? true { l.address = nil }
                l.city = text(first["city"], af + ".city", &ctx)
                if let pc = text(first["postal_code"], af + ".postal_code", &ctx) { l.postcode = Postcode.normalise(pc) }
            }
            let lat = number(loc["latitude"], field + ".latitude", &ctx)
            let lon = number(loc["longitude"], field + ".longitude", &ctx)
            if let lat, let lon {
                if (-90...90).contains(lat) && (-180...180).contains(lon) {
                    l.latitude = lat
                    l.longitude = lon
                } else {
                    ctx.warning("bad-coordinates", field + ".latitude", value: "\(lat), \(lon)",
                                at: loc["latitude"]?.offset, "are not valid coordinates", hint: "ignored")
                }
            }
            let explicit = loc["x_ward"] ?? loc["ward"]
            wards.resolve(&l, explicitWard: explicit.flatMap(scalarString), explicitField: field + ".x_ward",
                          explicitOffset: explicit?.offset, areas: areas, field: field, &ctx)
            out.append(l)
        }
        return out
    }

    // MARK: - What and who

    func categories(_ record: JSONValue, _ ctx: inout RecordContext) -> [Category] {
        var out: [Category] = []
        func add(_ term: JSONValue?, _ field: String) {
            guard let term, term.members != nil else { return }
            let name = scalarString(term["name"] ?? term["term"] ?? JSONValue(.null, offset: 0))?.trimmed
            let code = (term["code"] ?? term["id"]).flatMap(scalarString)?.trimmed
            guard let label = name ?? code, !label.isEmpty else {
                ctx.warning("empty-category", field, at: term.offset, "has neither a name nor a code", hint: "ignored")
                return
            }
            let c = Category(code: code.flatMap { $0.isEmpty ? nil : $0 } ?? label, name: label,
                             taxonomy: (term["taxonomy"] ?? term["vocabulary"]).flatMap(scalarString))
            if !out.contains(where: { $0.code == c.code }) { out.append(c) }
        }
        for (i, a) in list(record["attributes"], "attributes", &ctx).enumerated() { add(a["taxonomy_term"], "attributes[\(i)].taxonomy_term") }
        for (i, t) in list(record["taxonomy_terms"], "taxonomy_terms", &ctx).enumerated() { add(t, "taxonomy_terms[\(i)]") }
        for (i, t) in list(record["service_taxonomys"], "service_taxonomys", &ctx).enumerated() { add(t["taxonomy"], "service_taxonomys[\(i)].taxonomy") }
        return out
    }

    func languages(_ record: JSONValue, _ ctx: inout RecordContext) -> [String] {
        var out: [String] = []
        // One string for the list (`"English, Polish"`): read as the languages it lists, said as such (it
        // was "read as a list of one").
        if let raw = record["languages"], case .string(let text) = raw.kind, case let names = Languages.listed(in: text), names.count > 1 {
            ctx.repaired("not-a-list", "languages", found: raw, "should be a list, not \(raw.typeName)",
                         hint: "read as \(names.count) languages: \(names.joined(separator: ", "))")
            return names
        }
        for (i, l) in list(record["languages"], "languages", scalars: true, &ctx).enumerated() {
            let name = l.string ?? (l["name"] ?? l["language"]).flatMap(scalarString)
            guard let n = name?.trimmed, !n.isEmpty else {
                ctx.warning("empty-language", "languages[\(i)]", at: l.offset, "names no language", hint: "ignored")
                continue
            }
            // (`"English, Polish"`, as a string or an item, lists two, as the spreadsheet's cell does.)
            for english in Languages.listed(in: n) where !out.contains(english) { out.append(english) }
        }
        return out
    }

    func phones(_ record: JSONValue, _ ctx: inout RecordContext) -> [String] {
        var out: [String] = []
        func add(_ phones: JSONValue?, _ field: String) {
            for (i, p) in list(phones, field, scalars: true, &ctx).enumerated() {
                guard let number = p.string ?? p["number"].flatMap(scalarString) else { continue }
                guard !number.trimmed.isEmpty else { continue }
                // Checked as the spreadsheet's phone column is (a five-digit number passed unremarked).
                if let n = ctx.takePhone(number.trimmed, field: "\(field)[\(i)]", checksUK: wards.gazetteer.checksUKPhoneNumbers,
                                         at: (p.string != nil ? p : p["number"] ?? p).offset), !out.contains(n) { out.append(n) }
            }
        }
        add(record["phones"], "phones")
        for (i, c) in list(record["contacts"], "contacts", &ctx).enumerated() { add(c["phones"], "contacts[\(i)].phones") }
        if let org = record["organization"] { add(org["phones"], "organization.phones") }
        return out
    }

    // MARK: - When

    func schedules(_ record: JSONValue, into service: inout Service, _ ctx: inout RecordContext) {
        var rows: [(JSONValue, String)] = []
        for key in ["schedules", "regular_schedules"] {
            if hoursText(record[key], key, into: &service, &ctx) { continue }
            for (i, s) in list(record[key], key, &ctx).enumerated() { rows.append((s, "\(key)[\(i)]")) }
        }
        // (`service_at_locations` itself was reported, if it is not a list, with the locations.)
        for (i, sal) in (record["service_at_locations"]?.array ?? record["service_at_locations"].map { [$0] } ?? []).enumerated() where sal.members != nil {
            let key = sal["schedules"].map { !$0.isNull } ?? false ? "schedules" : "regular_schedules"
            let field = "service_at_locations[\(i)].\(key)"
            if hoursText(sal[key], field, into: &service, &ctx) { continue }
            for (j, s) in list(sal[key], field, &ctx).enumerated() { rows.append((s, "\(field)[\(j)]")) }
        }
        for (row, field) in rows {
            switch scheduleRow(row, field, &ctx) {
            case .rule(let r): if !service.schedules.contains(r) { service.schedules.append(r) }
            case .exception(let e): service.exceptions.append(e)
            case .none: break
            }
        }
        for (i, h) in list(record["holiday_schedules"], "holiday_schedules", &ctx).enumerated() {
            if let e = holidayRow(h, "holiday_schedules[\(i)]", &ctx) { service.exceptions.append(e) }
        }
    }

    /// Schedules written as one string (`"schedules": "Mo-Fr 09:00-17:00"`) rather than a list of
    /// schedule objects: read as opening-hours text, as a spreadsheet's hours column is, and reported
    /// the same way (``RecordContext/takeHours(_:into:field:value:at:column:)``). Returns whether the
    /// value was a string.
    func hoursText(_ v: JSONValue?, _ field: String, into service: inout Service, _ ctx: inout RecordContext) -> Bool {
        guard let v, case .string(let raw) = v.kind else { return false }
        guard !raw.trimmed.isEmpty else { return true }
        ctx.repaired("hours-text", field, found: v, "should be a list of schedule objects, not a string",
                     hint: "read as opening-hours text")
        var readings = HoursReadings()
        ctx.takeHours(readings.read(raw, years: hoursYears), into: &service, field: field, value: raw, at: v.offset)
        return true
    }

    enum ScheduleRow { case rule(ScheduleRule), exception(ScheduleException), none }

    func time(_ v: JSONValue?, _ field: @autoclosure () -> String, assumePM: Bool, _ ctx: inout RecordContext) -> (TimeOfDay?, ok: Bool) {
        guard let v, !v.isNull, let raw = scalarString(v), !raw.trimmed.isEmpty else { return (nil, true) }
        // HSDS 3.0 allows a zone suffix on times (`09:00:00Z`); times are local, so it is dropped.
        var s = raw.trimmed
        if s.count > 5, s.hasSuffix("Z") { s.removeLast() }
        if let t = TimeOfDay(hhmm: s) { return (t, true) }
        if let t = TimeOfDay.lenient(s, assumePM: assumePM) {
            ctx.repaired("lenient-time", field(), value: raw, at: v.offset, "is not HH:MM", hint: "read as \(t)")
            return (t, true)
        }
        ctx.error("bad-time", field(), value: raw, at: v.offset, TimeOfDay.whyNotATime(raw), hint: "write the time as HH:MM, e.g. 09:30")
        return (nil, false)
    }

    func date(_ v: JSONValue?, _ field: @autoclosure () -> String, _ ctx: inout RecordContext) -> (LocalDate?, ok: Bool) {
        guard let v, !v.isNull, let raw = scalarString(v), !raw.trimmed.isEmpty else { return (nil, true) }
        if let d = LocalDate(iso: raw) { return (d, true) }
        ctx.error("bad-date", field(), value: raw, at: v.offset, LocalDate.whyNotADate(raw), hint: "e.g. 2025-12-25")
        return (nil, false)
    }

    func scheduleRow(_ row: JSONValue, _ field: String, _ ctx: inout RecordContext) -> ScheduleRow {
        guard row.members != nil else {
            ctx.error("bad-schedule", field, found: row, "a schedule must be an object")
            return .none
        }
        let (opens, okO) = time(row["opens_at"], field + ".opens_at", assumePM: false, &ctx)
        let (closes, okC) = time(row["closes_at"], field + ".closes_at", assumePM: true, &ctx)
        let (from, okF) = date(row["valid_from"] ?? row["dtstart"], field + ".valid_from", &ctx)
        let (to, okT) = date(row["valid_to"] ?? row["until"], field + ".valid_to", &ctx)
        guard okO, okC, okF, okT else { return .none }
        if let from, let to, to < from {
            ctx.error("bad-date-range", field + ".valid_to", value: to.description, at: row["valid_to"]?.offset,
                      "is before valid_from \(from)", hint: "swap the dates")
            return .none
        }
        let note = text(row["description"] ?? row["notes"], field + ".description", &ctx)
        // Pattern.
        let freqRaw = (row["freq"].flatMap(scalarString) ?? "").uppercased().trimmed
        let bydayRaw = row["byday"].flatMap(scalarString) ?? ""
        var weekdays = Set<Weekday>()
        var monthly: [MonthlyDay] = []
        for item in bydayRaw.split(whereSeparator: { $0 == "," || $0 == " " }) where !item.isEmpty {
            let token = String(item)
            if let wd = Weekday(code: token) { weekdays.insert(wd) } else if let m = MonthlyDay(ical: token) { monthly.append(m) } else {
                ctx.error("bad-byday", field + ".byday", value: bydayRaw, at: row["byday"]?.offset,
                          "\"\(token)\" is not a day", hint: "use MO,TU,WE,TH,FR,SA,SU, or 1TU / -1FR for monthly")
                return .none
            }
        }
        if let wdv = row["weekday"], !wdv.isNull {  // ORUK v1
            if let s = scalarString(wdv), let wd = Weekday(code: s) ?? Int(s).flatMap({ (1...7).contains($0) ? Weekday(rawValue: $0 - 1) : nil }) {
                weekdays.insert(wd)
            } else {
                ctx.error("bad-weekday", field + ".weekday", found: wdv, "is not a day of the week",
                          hint: "use Monday..Sunday or 1..7")
                return .none
            }
        }
        var monthDays: [Int] = []
        if let bmd = row["bymonthday"].flatMap(scalarString), !bmd.isEmpty {
            for item in bmd.split(separator: ",") {
                guard let d = Int(String(item).trimmed), (1...31).contains(d.magnitude) else {
                    ctx.error("bad-bymonthday", field + ".bymonthday", value: bmd, at: row["bymonthday"]?.offset,
                              "is not a list of days of the month", hint: "e.g. 1,15 or -1 for the last day")
                    return .none
                }
                monthDays.append(d)
            }
        }
        let interval: Int
        if let iv = row["interval"], !iv.isNull, let s = scalarString(iv) {
            guard let n = Int(s), n >= 1, n <= 52 else {
                ctx.error("bad-interval", field + ".interval", found: iv, "is not a whole number of weeks or months")
                return .none
            }
            interval = n
        } else {
            interval = 1
        }
        // A short dated row is an exception for those days.
        if let from, let to, to.dayNumber - from.dayNumber < Self.exceptionMaxDays {
            var sessions: [ScheduleException.Session] = []
            if let opens, let closes { sessions.append(.init(opens: opens, closes: closes)) }
            return .exception(ScheduleException(from: from, to: to, sessions: sessions, note: note))
        }
        // Only words (`Please call for opening times`): valid HSDS, and no hours; by appointment, said
        // (the whole service was rejected).
        if opens == nil && closes == nil && freqRaw.isEmpty && bydayRaw.isEmpty && monthDays.isEmpty && weekdays.isEmpty,
           let note, !note.isEmpty {
            ctx.warning("schedule-words", field + ".description", value: note, at: (row["description"] ?? row["notes"])?.offset,
                        "is a schedule in words only, without days or times", hint: "read as by appointment; give opens_at, closes_at and byday to show the hours")
            return .none
        }
        guard let opens, let closes else {
            let missing = opens == nil ? "opens_at" : "closes_at"
            ctx.error("missing-time", field + "." + missing, at: row.offset, "a schedule needs opens_at and closes_at",
                      hint: "add both times, or leave out the row for a service by appointment")
            return .none
        }
        if let f = ScheduleRule.swappedTimesFinding(opens: opens, closes: closes) {
            ctx.warning("overnight-hours", field + ".closes_at", value: closes.description, at: row["closes_at"]?.offset, f.reason, hint: f.hint)
        }
        let pattern: DayPattern
        switch freqRaw {
        case "MONTHLY":
            if !monthly.isEmpty { pattern = .monthly(monthly) } else if !monthDays.isEmpty { pattern = .monthDays(monthDays) } else if !weekdays.isEmpty {
                ctx.error("bad-byday", field + ".byday", value: bydayRaw, at: row["byday"]?.offset,
                          "a monthly schedule needs ordinal days", hint: "e.g. 1TU for the first Tuesday, -1FR for the last Friday")
                return .none
            } else {
                ctx.error("missing-byday", field + ".byday", at: row.offset, "a monthly schedule needs byday or bymonthday")
                return .none
            }
        case "DAILY":
            pattern = .daily
        case "WEEKLY", "":
            if !monthly.isEmpty && weekdays.isEmpty { pattern = .monthly(monthly) } else if !weekdays.isEmpty { pattern = .weekly(weekdays) } else if freqRaw.isEmpty && !monthDays.isEmpty { pattern = .monthDays(monthDays) } else {
                ctx.error("missing-byday", field + ".byday", value: bydayRaw.isEmpty ? nil : bydayRaw, at: row["byday"]?.offset ?? row.offset,
                          "a weekly schedule needs the days it runs", hint: "e.g. byday MO,WE,FR")
                return .none
            }
        default:
            ctx.error("bad-freq", field + ".freq", value: freqRaw, at: row["freq"]?.offset, "is not a frequency",
                      hint: "use WEEKLY, MONTHLY or DAILY")
            return .none
        }
        if interval > 1, case .monthly = pattern {
            ctx.warning("unsupported-interval", field + ".interval", value: "\(interval)", at: row["interval"]?.offset,
                        "monthly schedules every \(interval) months are read as every month")
        }
        let weekInterval: Int
        if interval > 1, case .weekly = pattern { weekInterval = interval } else { weekInterval = 1 }
        if weekInterval > 1 && from == nil {
            ctx.warning("interval-without-start", field + ".interval", value: "\(interval)", at: row["interval"]?.offset,
                        "every \(interval) weeks needs a start date (valid_from or dtstart) to know which weeks",
                        hint: "read as every week")
        }
        return .rule(ScheduleRule(pattern: pattern, opens: opens, closes: closes, validFrom: from, validTo: to,
                                  weekInterval: from == nil ? 1 : weekInterval, anchor: from, note: note))
    }

    /// ORUK v1 `holiday_schedules`: `closed`, `start_date`, `end_date`, `opens_at`, `closes_at`.
    func holidayRow(_ row: JSONValue, _ field: String, _ ctx: inout RecordContext) -> ScheduleException? {
        let (start, okS) = date(row["start_date"], field + ".start_date", &ctx)
        let (end, okE) = date(row["end_date"], field + ".end_date", &ctx)
        guard okS, okE else { return nil }
        guard let start else {
            ctx.error("missing-date", field + ".start_date", at: row.offset, "a holiday schedule needs a start_date")
            return nil
        }
        let last = end ?? start
        guard last >= start else {
            ctx.error("bad-date-range", field + ".end_date", value: last.description, at: row["end_date"]?.offset,
                      "is before start_date \(start)")
            return nil
        }
        var closed = true
        if let c = row["closed"] {
            switch c.kind {
            case .bool(let b): closed = b
            case .string(let s): closed = ["true", "yes", "1"].contains(s.lowercased())
            default: break
            }
        }
        let (opens, okO) = time(row["opens_at"], field + ".opens_at", assumePM: false, &ctx)
        let (closes, okC) = time(row["closes_at"], field + ".closes_at", assumePM: true, &ctx)
        guard okO, okC else { return nil }
        var sessions: [ScheduleException.Session] = []
        if !closed {
            guard let opens, let closes else {
                ctx.error("missing-time", field + ".opens_at", at: row.offset, "an open holiday schedule needs opens_at and closes_at")
                return nil
            }
            sessions.append(.init(opens: opens, closes: closes))
        }
        return ScheduleException(from: start, to: last, sessions: sessions, note: nil)
    }
}

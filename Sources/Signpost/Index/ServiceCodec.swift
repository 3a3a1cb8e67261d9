/// The compact binary form of a ``Service``, for the document store and snapshot files.
enum ServiceCodec {
    static func encode(_ s: Service, into w: inout BinaryWriter) {
        w.string(s.id)
        w.string(s.name)
        w.string(s.description)
        if let o = s.organisation {
            w.bool(true)
            w.optionalString(o.id); w.string(o.name); w.optionalString(o.description); w.optionalString(o.url)
        } else { w.bool(false) }
        w.uvarint(UInt64(s.locations.count))
        for l in s.locations {
            w.optionalString(l.id); w.optionalString(l.name); w.optionalString(l.address); w.optionalString(l.city)
            w.optionalString(l.postcode); w.optionalDouble(l.latitude); w.optionalDouble(l.longitude)
            w.optionalString(l.ward); w.optionalString(l.wardSource?.rawValue)
        }
        w.uvarint(UInt64(s.categories.count))
        for c in s.categories { w.string(c.code); w.string(c.name); w.optionalString(c.taxonomy) }
        w.uvarint(UInt64(s.serviceAreas.count))
        for a in s.serviceAreas { w.string(a.name); w.optionalString(a.ward); w.bool(a.isWholeCity) }
        w.uvarint(UInt64(s.schedules.count))
        for r in s.schedules { encode(r, into: &w) }
        w.uvarint(UInt64(s.exceptions.count))
        for e in s.exceptions { encode(e, into: &w) }
        w.strings(s.phones)
        w.optionalString(s.email); w.optionalString(s.url)
        w.strings(s.languages)
        w.optionalInt(s.minimumAge); w.optionalInt(s.maximumAge)
        w.optionalString(s.eligibility); w.optionalString(s.fees); w.optionalString(s.applicationProcess)
        w.string(s.referral.rawValue); w.string(s.cost.rawValue)
        w.optionalInt(s.assuredDate?.dayNumber)
        w.string(s.status.rawValue)
    }

    static func encode(_ e: ScheduleException, into w: inout BinaryWriter) {
        w.int(e.from.dayNumber); w.int(e.to.dayNumber)
        w.uvarint(UInt64(e.sessions.count))
        for x in e.sessions { w.uvarint(UInt64(x.opens.minutes)); w.uvarint(UInt64(x.closes.minutes)) }
        w.optionalString(e.note)
    }

    static func decodeException(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> ScheduleException {
        let from = LocalDate(dayNumber: try r.int()), to = LocalDate(dayNumber: try r.int())
        var sessions: [ScheduleException.Session] = []
        for _ in 0..<(try r.uvarint()) {
            guard let o = TimeOfDay(minutes: Int(try r.uvarint())), let c = TimeOfDay(minutes: Int(try r.uvarint())) else { throw .init() }
            sessions.append(.init(opens: o, closes: c))
        }
        return ScheduleException(from: from, to: to, sessions: sessions, note: try r.optionalString())
    }

    static func encode(_ r: ScheduleRule, into w: inout BinaryWriter) {
        switch r.pattern {
        case .weekly(let days):
            w.bytes.append(0)
            var mask: UInt8 = 0
            for d in days { mask |= 1 << UInt8(d.rawValue) }
            w.bytes.append(mask)
        case .monthly(let days):
            w.bytes.append(1)
            w.uvarint(UInt64(days.count))
            for d in days { w.int(d.ordinal); w.bytes.append(UInt8(d.weekday.rawValue)) }
        case .daily:
            w.bytes.append(2)
        case .monthDays(let days):
            w.bytes.append(3)
            w.uvarint(UInt64(days.count))
            for d in days { w.int(d) }
        }
        w.uvarint(UInt64(r.opens.minutes)); w.uvarint(UInt64(r.closes.minutes))
        w.optionalInt(r.validFrom?.dayNumber); w.optionalInt(r.validTo?.dayNumber)
        w.uvarint(UInt64(r.weekInterval)); w.optionalInt(r.anchor?.dayNumber)
        w.optionalString(r.note)
    }

    static func decode(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> Service {
        let id = try r.string(), name = try r.string(), description = try r.string()
        var org: Organisation? = nil
        if try r.bool() {
            let oid = try r.optionalString(), oname = try r.string(), odesc = try r.optionalString(), ourl = try r.optionalString()
            org = Organisation(id: oid, name: oname, description: odesc, url: ourl)
        }
        var locations: [Location] = []
        for _ in 0..<(try r.uvarint()) {
            let lid = try r.optionalString(), lname = try r.optionalString(), addr = try r.optionalString(), city = try r.optionalString()
            let pc = try r.optionalString(), lat = try r.optionalDouble(), lon = try r.optionalDouble()
            let ward = try r.optionalString(), src = try r.optionalString()
            locations.append(Location(id: lid, name: lname, address: addr, city: city, postcode: pc, latitude: lat,
                                      longitude: lon, ward: ward, wardSource: src.flatMap(WardSource.init(rawValue:))))
        }
        var categories: [Category] = []
        for _ in 0..<(try r.uvarint()) {
            let code = try r.string(), cname = try r.string(), tax = try r.optionalString()
            categories.append(Category(code: code, name: cname, taxonomy: tax))
        }
        var areas: [ServiceArea] = []
        for _ in 0..<(try r.uvarint()) {
            let aname = try r.string(), ward = try r.optionalString(), whole = try r.bool()
            areas.append(ServiceArea(name: aname, ward: ward, isWholeCity: whole))
        }
        var rules: [ScheduleRule] = []
        for _ in 0..<(try r.uvarint()) { rules.append(try decodeRule(&r)) }
        var exceptions: [ScheduleException] = []
        for _ in 0..<(try r.uvarint()) { exceptions.append(try decodeException(&r)) }
        let phones = try r.strings()
        let email = try r.optionalString(), url = try r.optionalString()
        let languages = try r.strings()
        let minAge = try r.optionalInt(), maxAge = try r.optionalInt()
        let elig = try r.optionalString(), fees = try r.optionalString(), app = try r.optionalString()
        guard let referral = ReferralRoute(rawValue: try r.string()), let cost = Cost(rawValue: try r.string()) else { throw .init() }
        let assured = try r.optionalInt().map(LocalDate.init(dayNumber:))
        guard let status = ServiceStatus(rawValue: try r.string()) else { throw .init() }
        return Service(id: id, name: name, description: description, organisation: org, locations: locations,
                       categories: categories, serviceAreas: areas, schedules: rules, exceptions: exceptions,
                       phones: phones, email: email, url: url, languages: languages, minimumAge: minAge,
                       maximumAge: maxAge, eligibility: elig, fees: fees, applicationProcess: app, referral: referral,
                       cost: cost, assuredDate: assured, status: status)
    }

    static func decodeRule(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> ScheduleRule {
        let pattern: DayPattern
        switch try r.byte() {
        case 0:
            let mask = try r.byte()
            pattern = .weekly(Set(Weekday.allCases.filter { mask & (1 << UInt8($0.rawValue)) != 0 }))
        case 1:
            var days: [MonthlyDay] = []
            for _ in 0..<(try r.uvarint()) {
                let ord = try r.int()
                guard let wd = Weekday(rawValue: Int(try r.byte())) else { throw .init() }
                days.append(MonthlyDay(ordinal: ord, weekday: wd))
            }
            pattern = .monthly(days)
        case 2: pattern = .daily
        case 3:
            var days: [Int] = []
            for _ in 0..<(try r.uvarint()) { days.append(try r.int()) }
            pattern = .monthDays(days)
        default: throw .init()
        }
        guard let o = TimeOfDay(minutes: Int(try r.uvarint())), let c = TimeOfDay(minutes: Int(try r.uvarint())) else { throw .init() }
        let from = try r.optionalInt().map(LocalDate.init(dayNumber:)), to = try r.optionalInt().map(LocalDate.init(dayNumber:))
        let interval = Int(try r.uvarint())
        let anchor = try r.optionalInt().map(LocalDate.init(dayNumber:))
        return ScheduleRule(pattern: pattern, opens: o, closes: c, validFrom: from, validTo: to, weekInterval: interval,
                            anchor: anchor, note: try r.optionalString())
    }
}

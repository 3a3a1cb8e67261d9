extension Service {
    /// The service as an HSDS 3.0 / Open Referral UK service object (what the importer reads back),
    /// with Signpost's own `x_ward` on locations and `x_referral`.
    public func hsdsJSON() -> JSONOutput {
        var schedules: [JSONOutput] = schedules.map { r in
            var m: [(String, JSONOutput)] = []
            switch r.pattern {
            case .weekly(let days):
                m.append(("freq", "WEEKLY"))
                m.append(("byday", .string(days.sorted().map(\.icalCode).joined(separator: ","))))
            case .monthly(let days):
                m.append(("freq", "MONTHLY"))
                m.append(("byday", .string(days.map(\.icalCode).joined(separator: ","))))
            case .daily:
                m.append(("freq", "DAILY"))
            case .monthDays(let days):
                m.append(("freq", "MONTHLY"))
                m.append(("bymonthday", .string(days.map(String.init).joined(separator: ","))))
            }
            if r.weekInterval > 1 { m.append(("interval", .int(r.weekInterval))) }
            m.append(("opens_at", .string(r.opens.description)))
            m.append(("closes_at", .string(r.closes.description)))
            if let f = r.validFrom { m.append(("valid_from", .string(f.description))) }
            if let t = r.validTo { m.append(("valid_to", .string(t.description))) }
            if let n = r.note { m.append(("description", .string(n))) }
            return .object(m)
        }
        for e in exceptions {
            if e.sessions.isEmpty {
                schedules.append(.object([("valid_from", .string(e.from.description)), ("valid_to", .string(e.to.description)),
                                          ("description", .string(e.note ?? "Closed"))]))
            }
            for s in e.sessions {
                schedules.append(.object([("valid_from", .string(e.from.description)), ("valid_to", .string(e.to.description)),
                                          ("opens_at", .string(s.opens.description)), ("closes_at", .string(s.closes.description)),
                                          ("description", .optional(e.note))]))
            }
        }
        return .object([
            ("id", .string(id)),
            ("name", .string(name)),
            ("description", .string(description)),
            ("url", .optional(url)),
            ("email", .optional(email)),
            ("status", .string(status.rawValue)),
            // Open Referral UK requires ids: a spreadsheet has none for organisations and sites, so they
            // are made from what identifies them (the organisation's name, the service's id and the
            // site's place), the same on every export (they were null).
            ("organization", organisation.map { o in
                .object([("id", .string(o.id ?? "organisation-" + Self.slug(o.name))), ("name", .string(o.name)),
                         ("description", .optional(o.description)), ("url", .optional(o.url))])
            } ?? .null),
            ("service_at_locations", .array(locations.enumerated().map { k, l in
                var loc: [(String, JSONOutput)] = [("id", .string(l.id ?? "\(id)-location-\(k + 1)")), ("name", .optional(l.name))]
                if let la = l.latitude, let lo = l.longitude { loc += [("latitude", .exact(la)), ("longitude", .exact(lo))] }
                if let w = l.ward { loc.append(("x_ward", .string(w))) }
                loc.append(("addresses", .array([.object([("address_1", .optional(l.address)), ("city", .optional(l.city)),
                                                           ("postal_code", .optional(l.postcode)), ("country", "GB"),
                                                           ("address_type", "physical")])])))
                return .object([("location", .object(loc))])
            })),
            ("schedules", .array(schedules)),
            ("service_areas", .array(serviceAreas.map { .object([("name", .string($0.name))]) })),
            ("attributes", .array(categories.map { c in
                .object([("taxonomy_term", .object([("code", .string(c.code)), ("name", .string(c.name)), ("taxonomy", .optional(c.taxonomy))]))])
            })),
            ("languages", .array(languages.map { .object([("name", .string($0))]) })),
            ("phones", .array(phones.map { .object([("number", .string($0))]) })),
            ("minimum_age", .optional(minimumAge)),
            ("maximum_age", .optional(maximumAge)),
            ("eligibility_description", .optional(eligibility)),
            ("fees_description", .optional(fees)),
            ("application_process", .optional(applicationProcess)),
            ("x_referral", .string(referral.rawValue)),
            ("assured_date", .optional(assuredDate?.description)),
        ])
    }

    /// Lower-case letters and digits, words joined by hyphens (`St George's Crypt` → `st-george-s-crypt`).
    static func slug(_ name: String) -> String {
        Gazetteer.key(name).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: "-")
    }
}

extension QueryIntent {
    /// The `intent` object of machine output: `need`, `categories`, `place`, `when`, `unmatched_words`.
    public func json() -> JSONOutput {
        var place: JSONOutput = .null
        if let p = self.place {
            place = .object([("kind", .string(p.kind.rawValue)), ("text", .string(p.text)), ("name", .string(p.name)),
                             ("wards", .array(p.wardNames.map { .string($0) })), ("district", .optional(p.district)),
                             ("label", .string(p.label))])
        }
        var when: JSONOutput = .null
        if let w = self.when {
            // The windows searched, in the directory's local time (`2025-11-15T18:00`), end exclusive.
            func local(_ m: Int64) -> String {
                let day = CivilTimeZone.floorDiv(m, 1440)
                return "\(LocalDate(dayNumber: Int(day)))T\(TimeOfDay(minutes: Int(m - day * 1440)) ?? TimeOfDay(minutes: 0)!)"
            }
            when = .object([("kind", .string(w.kind.rawValue)), ("label", .string(w.label)),
                            ("windows", .array(w.windows.map { .object([("from", .string(local($0.lowerBound))), ("to", .string(local($0.upperBound)))]) })),
                            ("words", .array(w.words.map { .string($0) }))])
        }
        return .object([
            ("summary", .string(summary)),
            ("need", needs.first.map { .string($0.concept) } ?? .null),
            ("needs", .array(needs.map { n in
                .object([("concept", .string(n.concept)), ("label", .string(n.label)), ("strength", .double(n.strength)),
                         ("words", .array(n.words.map { .string($0) }))])
            })),
            ("categories", .array(categories.map { .string($0) })),
            ("place", place),
            ("when", when),
            ("languages", .array(languages.map { .string($0) })),
            ("ages", ages.map { .array([.int($0.lowerBound), .int($0.upperBound)]) } ?? .null),
            ("no_referral", .bool(noReferral)),
            ("walk_in", .bool(walkIn)),
            ("search_words", .array(searchTerms.filter { $0.origin != .expansion }.map { .string($0.display) })),
            ("unmatched_words", .array(unmatchedWords.map { .string($0) })),
            ("corrections", .array(corrections.map { .object([("from", .string($0.from)), ("to", .string($0.to))]) })),
        ])
    }
}

extension SearchResult {
    /// One result as machine output.
    ///
    /// - Parameter placeWards: the wards asked about: `ward`, `address` and `postcode` are of the site
    ///   there when the service has several (they were always the first site's).
    public func json(zone: CivilTimeZone, wallNow: Int64, explain: Bool, placeWards: [String] = []) -> JSONOutput {
        let s = service
        let status = s.hoursStatus(atWallMinute: wallNow)
        func iso(_ wall: Int64?) -> JSONOutput {
            guard let wall else { return .null }
            return .string(zone.iso8601(utcSeconds: zone.utcSeconds(forWallMinute: wall)))
        }
        let location = s.location(preferring: placeWards)
        var members: [(String, JSONOutput)] = [
            ("id", .string(s.id)),
            ("name", .string(s.name)),
            ("organisation", .optional(s.organisation?.name)),
            ("ward", .optional(location?.ward ?? s.locatedWards.first)),
            ("score", .double(Double((score * 1000).rounded() / 1000))),
            ("place_match", .string(placeMatch.rawValue)),
            ("relaxed", relaxation.map { .string($0.rawValue) } ?? .null),
            ("named_in_question", .bool(namedInQuestion)),
            ("description", .string(s.description)),
            ("categories", .array(s.categories.map { .string($0.name) })),
            ("address", .optional(location?.displayAddress)),
            ("postcode", .optional(location?.postcode)),
            ("locations", .array(s.locations.map { l in
                .object([("name", .optional(l.name)), ("address", .optional(l.address)), ("postcode", .optional(l.postcode)),
                         ("ward", .optional(l.ward)), ("latitude", l.latitude.map { .double($0) } ?? .null),
                         ("longitude", l.longitude.map { .double($0) } ?? .null)])
            })),
            ("serves", .array(s.serviceAreas.map { .string($0.ward ?? $0.name) })),
            ("phone", .optional(s.phones.first)),
            ("email", .optional(s.email)),
            ("url", .optional(s.url)),
            ("referral", .string(s.referral.rawValue)),
            ("how_to_access", .optional(s.applicationProcess)),
            ("eligibility", .optional(s.eligibility)),
            ("cost", .string(s.cost.rawValue)),
            ("fees", .optional(s.fees)),
            ("languages", .array(s.languages.map { .string($0) })),
            ("minimum_age", .optional(s.minimumAge)),
            ("maximum_age", .optional(s.maximumAge)),
            ("open_now", .bool(status.isOpenNow)),
            ("closes_at", iso(status.closesAt)),
            ("next_open", iso(status.nextOpen)),
            ("hours_status", .string(status.label)),
            ("hours_today", .array(status.today.map { .string($0) })),
            ("hours_weekly", .string(status.weekly)),
            ("closures", .array(status.closures.map { .string($0) })),
            ("assured_date", .optional(s.assuredDate?.description)),
            // (Seen from the day asked about, as the hours are.)
            ("checked_over_a_year_ago", .bool(s.freshness(today: LocalDate(wallMinute: wallNow))?.isStale ?? false)),
        ]
        if explain {
            members.append(("explanation", .object([
                ("need_score", .double(needScore)),
                ("place", .string(placeMatch.rawValue)),
                ("text_score", .double(Double(textScore))),
                ("terms", .array(matches.map { m in
                    .object([("term", .string(m.term)), ("word", .string(m.display)), ("origin", .string(m.origin.rawValue)),
                             ("fields", .array(m.fields.map { .string($0.label) })), ("score", .double(Double(m.score)))])
                })),
            ])))
        }
        return .object(members)
    }
}

extension SearchFilters {
    /// The filters as machine output: `{"summary", "wards", "categories", "languages", "age", "ages", "free", "referral"}`.
    public func json() -> JSONOutput {
        .object([
            ("summary", .string(summary)),
            ("wards", .array(wards.map { .string($0) })),
            ("categories", .array(categories.map { .string($0) })),
            ("languages", .array(languages.map { .string(Languages.englishName($0)) })),
            ("age", age.map { .int($0) } ?? .null),
            ("ages", ages.map { .array([.int($0.lowerBound), .int($0.upperBound)]) } ?? .null),
            ("free", .bool(freeOnly)),
            ("referral", .array(referralRoutes.map { .string($0.rawValue) })),
        ])
    }
}

extension SearchResponse {
    /// The whole response as machine output: `{"query", "intent", "filters", "total", "notices", "results"}`.
    ///
    /// - Parameter filters: the filters given besides the words (`--ward`, `--free` ...), said as
    ///   `filters` (only the text output showed them); the time filter is the intent's `when`.
    public func json(zone: CivilTimeZone, explain: Bool = false, filters: SearchFilters = SearchFilters()) -> JSONOutput {
        .object([
            ("query", .string(intent.text)),
            ("at", .string(zone.iso8601(utcSeconds: now))),
            ("intent", intent.json()),
            ("filters", filters.json()),
            ("total", .int(totalMatches)),
            ("total_exact", .bool(totalIsExact)),
            ("notices", .array(notices.map { .string($0) })),
            ("results", .array(results.map { $0.json(zone: zone, wallNow: wallNow, explain: explain, placeWards: placeWards) })),
        ])
    }
}

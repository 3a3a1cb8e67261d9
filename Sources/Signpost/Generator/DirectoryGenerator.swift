import Foundation

/// Generates a realistic, deterministic directory of community services for a city, in HSDS 3.0
/// JSON: services across every ward, from the anchor organisations, local groups and city-wide
/// charities, with varied wording (including services that only *mention* a kind of help), schedules
/// of every shape (weekday hours, single sessions, evenings, weekends, monthly, overnight, 24 hours,
/// seasonal, expired, by appointment), postcodes and coordinates consistent with wards, and some
/// text in community languages. The same seed gives the same directory on every machine.
public struct DirectoryGenerator: Sendable {
    public let vocabulary: GeneratorVocabulary
    public let gazetteer: Gazetteer
    /// Dates (validity ranges, assured dates) are drawn around this day, not around "today", so that
    /// output does not change with the clock.
    public let referenceDate: LocalDate

    public init(vocabulary: GeneratorVocabulary, gazetteer: Gazetteer,
                referenceDate: LocalDate = LocalDate(year: 2025, month: 11, day: 1)!) {
        self.vocabulary = vocabulary
        self.gazetteer = gazetteer
        self.referenceDate = referenceDate
    }

    /// Writes `count` services as a JSON array, one service per line.
    ///
    /// - Parameter sink: receives the output in chunks.
    public func generate(count: Int, seed: UInt64, into sink: (String) throws -> Void) rethrows {
        var rng = SplitMix64(seed: seed)
        let context = Context(generator: self)
        try sink("[\n")
        var buffer = ""
        for i in 0..<count {
            let record = context.service(index: i, rng: &rng)
            record.write(into: &buffer)
            buffer += i + 1 < count ? ",\n" : "\n"
            if buffer.utf8.count > 1 << 20 { try sink(buffer); buffer = "" }
        }
        buffer += "]\n"
        try sink(buffer)
    }

    /// Generates services in memory (for tests and benchmarks).
    public func services(count: Int, seed: UInt64) throws -> [Service] {
        var text = ""
        generate(count: count, seed: seed) { text += $0 }
        let report = try HSDSJSONImporter(gazetteer: gazetteer).read(data: Data(text.utf8), fileName: "generated.json")
        return report.services
    }

    /// Precomputed lookups.
    struct Context {
        let g: DirectoryGenerator
        let kindWeights: [Double]
        /// Per ward: neighbourhood names, postcode areas (sector or district) and anchors.
        let placesByWard: [[String]]
        let areasByWard: [[String]]
        let anchorsByWard: [[GeneratorVocabulary.Anchor]]

        init(generator g: DirectoryGenerator) {
            self.g = g
            kindWeights = g.vocabulary.kinds.map(\.weight)
            var places = [[String]](repeating: [], count: g.gazetteer.wards.count)
            for p in g.gazetteer.places { places[p.ward].append(p.name) }
            for w in g.gazetteer.wards where places[w.id].isEmpty { places[w.id].append(w.name) }
            placesByWard = places
            var areas = [[String]](repeating: [], count: g.gazetteer.wards.count)
            // Sectors where the ward is the main ward, else districts that include it.
            for (area, wards) in g.gazetteer.postcodeAreas.sorted(by: { $0.key < $1.key }) where area.contains(" ") {
                if let first = wards.first { areas[first].append(area) }
            }
            for (area, wards) in g.gazetteer.postcodeAreas.sorted(by: { $0.key < $1.key }) where !area.contains(" ") {
                for w in wards where areas[w].isEmpty || !areas[w].contains(where: { $0.hasPrefix(area + " ") }) {
                    if !areas[w].contains(area) && wards.first == w { areas[w].append(area) }
                }
            }
            for (area, wards) in g.gazetteer.postcodeAreas.sorted(by: { $0.key < $1.key }) where !area.contains(" ") {
                for w in wards where areas[w].isEmpty { areas[w].append(area) }
            }
            areasByWard = areas
            var anchors = [[GeneratorVocabulary.Anchor]](repeating: [], count: g.gazetteer.wards.count)
            for a in g.vocabulary.anchors {
                for name in a.wards { if let w = g.gazetteer.ward(named: name) { anchors[w.id].append(a) } }
            }
            anchorsByWard = anchors
        }

        func kind(_ code: String) -> GeneratorVocabulary.Kind? { g.vocabulary.kinds.first { $0.code == code } }

        func service(index: Int, rng: inout SplitMix64) -> JSONOutput {
            let v = g.vocabulary
            var kind = v.kinds[rng.weighted(kindWeights)]
            var decoy: GeneratorVocabulary.Decoy? = nil
            if rng.chance(0.06), !v.decoys.isEmpty {
                decoy = rng.pick(v.decoys)
                kind = self.kind(decoy!.kind) ?? kind
            }
            var foreign: GeneratorVocabulary.Multilingual? = nil
            if decoy == nil, rng.chance(0.04) {
                let options = v.multilingual.filter { $0.kind == kind.code }
                if !options.isEmpty { foreign = rng.pick(options) }
            }
            let wardIndex = rng.int(0...(g.gazetteer.wards.count - 1))
            let ward = g.gazetteer.wards[wardIndex]
            let place = rng.pick(placesByWard[wardIndex])
            let citywide = rng.chance(kind.citywide_share)
            // Who runs it.
            var orgName: String, orgDescription: String
            let anchors = anchorsByWard[wardIndex].filter { $0.kinds.contains(kind.code) }
            let citywideOrgs = v.organisations.citywide.filter { $0.kinds.contains(kind.code) }
            if !anchors.isEmpty && rng.chance(0.25) {
                let a = rng.pick(anchors)
                orgName = a.name; orgDescription = a.description
            } else if citywide && !citywideOrgs.isEmpty {
                let o = rng.pick(citywideOrgs)
                orgName = o.name; orgDescription = o.description
            } else {
                orgName = fill(rng.pick(v.organisations.local), place: place, ward: ward.name, org: "", rng: &rng)
                orgDescription = "A community organisation serving \(place) and the surrounding area."
            }
            let venue = fill(rng.pick(v.venues), place: place, ward: ward.name, org: orgName, rng: &rng)
            let street = rng.pick(v.streets)
            // What.
            var name: String, description: String
            if let decoy {
                name = fill(decoy.name, place: place, ward: ward.name, org: orgName, venue: venue, street: street, rng: &rng)
                description = fill(decoy.description, place: place, ward: ward.name, org: orgName, venue: venue, street: street, rng: &rng)
            } else if let foreign {
                name = foreign.name
                description = foreign.description
            } else {
                name = fill(rng.pick(kind.service_names), place: place, ward: ward.name, org: orgName, venue: venue, street: street, rng: &rng)
                description = fill(rng.pick(kind.descriptions), place: place, ward: ward.name, org: orgName, venue: venue, street: street, rng: &rng)
            }
            if rng.chance(0.5) {
                description += " " + fill(rng.pick(kind.extras), place: place, ward: ward.name, org: orgName, venue: venue, street: street, rng: &rng)
            }
            let access = rng.pick(kind.access)
            if rng.chance(0.6) { description += " " + access.text }
            var categories = [kind]
            if rng.chance(0.18) {
                let other = v.kinds[rng.weighted(kindWeights)]
                if other.code != kind.code { categories.append(other) }
            }
            // Where.
            var locations: [JSONOutput] = []
            let locationCount = citywide && rng.chance(0.15) ? 0 : (rng.chance(0.08) ? 2 : 1)
            for k in 0..<locationCount {
                let w = k == 0 ? ward : g.gazetteer.wards[rng.pick(ward.neighbours.isEmpty ? [ward.id] : ward.neighbours)]
                locations.append(location(ward: w, venue: k == 0 ? venue : fill(rng.pick(v.venues), place: rng.pick(placesByWard[w.id]), ward: w.name, org: orgName, rng: &rng),
                                          street: k == 0 ? street : rng.pick(v.streets), rng: &rng))
            }
            var areas: [String] = []
            if citywide { areas = [g.gazetteer.cityNames[0]] } else {
                areas = [ward.name]
                if rng.chance(0.35) { for n in ward.neighbours.prefix(rng.int(1...2)) { areas.append(g.gazetteer.wards[n].name) } }
            }
            // When.
            let style = rng.pick(kind.schedule_styles)
            let schedules = self.schedules(style: style, rng: &rng)
            // Who for, how.
            let ages = rng.pick(kind.ages)
            var languages: [JSONOutput] = [.object([("name", "English"), ("code", "en")])]
            if let foreign {
                languages.insert(.object([("name", .string(foreign.language)), ("code", .string(foreign.code))]), at: 0)
            } else if rng.chance(0.12) {
                let l = rng.pick(v.multilingual)
                languages.append(.object([("name", .string(l.language)), ("code", .string(l.code))]))
            }
            let slug = Self.slug(orgName)
            let status: String = rng.chance(0.03) ? "inactive" : (rng.chance(0.005) ? "temporarily closed" : "active")
            let assured = g.referenceDate.adding(days: -rng.int(0...900))
            let phone = "0113 496 0" + String(rng.int(0...999)).leftPad(3)
            return .object([
                ("id", .string(rng.uuid())),
                ("name", .string(name)),
                ("description", .string(description)),
                ("url", .string("https://\(slug).example.org/")),
                ("email", rng.chance(0.6) ? .string("hello@\(slug).example.org") : .null),
                ("status", .string(status)),
                ("organization", .object([("id", .string(rng.uuid())), ("name", .string(orgName)), ("description", .string(orgDescription))])),
                ("service_at_locations", .array(locations.map { .object([("id", .string(rng.uuid())), ("location", $0)]) })),
                ("schedules", .array(schedules)),
                ("service_areas", .array(areas.map { .object([("id", .string(rng.uuid())), ("name", .string($0))]) })),
                ("attributes", .array(categories.map { c in
                    .object([("id", .string(rng.uuid())), ("taxonomy_term", .object([
                        ("id", .string(Self.stableID(c.code))), ("code", .string(c.code)), ("name", .string(c.name)),
                        ("taxonomy", "signpost-leeds-categories")]))])
                })),
                ("languages", .array(languages)),
                ("phones", .array([.object([("number", .string(phone))])])),
                ("minimum_age", .optional(ages.first ?? nil)),
                ("maximum_age", .optional(ages.count > 1 ? ages[1] : nil)),
                ("eligibility_description", .string(fill(rng.pick(kind.eligibility), place: place, ward: ward.name, org: orgName, rng: &rng))),
                ("fees_description", .string(rng.pick(kind.fees))),
                ("application_process", .string(access.text)),
                ("x_referral", .string(access.route)),
                ("assured_date", .string(assured.description)),
            ])
        }

        func location(ward: Ward, venue: String, street: String, rng: inout SplitMix64) -> JSONOutput {
            let area = areasByWard[ward.id].isEmpty ? "LS1" : rng.pick(areasByWard[ward.id])
            let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
            var postcode = area
            if !area.contains(" ") { postcode += " \(rng.int(1...9))" }
            postcode += String(rng.pick(letters)) + String(rng.pick(letters))
            let lat = ward.latitude + Double(rng.int(-60...60)) / 10_000
            let lon = ward.longitude + Double(rng.int(-90...90)) / 10_000
            var members: [(String, JSONOutput)] = [
                ("id", .string(rng.uuid())), ("name", .string(venue)),
                ("latitude", .double((lat * 1_000_000).rounded() / 1_000_000)),
                ("longitude", .double((lon * 1_000_000).rounded() / 1_000_000)),
            ]
            // Most records say their ward; the rest leave it to the postcode and coordinates.
            if rng.chance(0.85) { members.append(("x_ward", .string(ward.name))) }
            members.append(("addresses", .array([.object([
                ("address_1", .string("\(rng.int(1...250)) \(street)")), ("city", "Leeds"), ("postal_code", .string(postcode)),
                ("country", "GB"), ("address_type", "physical"),
            ])])))
            return .object(members)
        }

        func schedules(style: String, rng: inout SplitMix64) -> [JSONOutput] {
            let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
            func row(_ freq: String, _ byday: String, _ o: String, _ c: String, from: LocalDate? = nil, to: LocalDate? = nil) -> JSONOutput {
                var m: [(String, JSONOutput)] = [("id", .string(rng.uuid())), ("freq", .string(freq)), ("byday", .string(byday)),
                                                 ("opens_at", .string(o)), ("closes_at", .string(c))]
                if let from { m.append(("valid_from", .string(from.description))) }
                if let to { m.append(("valid_to", .string(to.description))) }
                return .object(m)
            }
            var rows: [JSONOutput] = []
            switch style {
            case "office-hours":
                switch rng.int(0...3) {
                case 0: rows = [row("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "17:00")]
                case 1: rows = [row("WEEKLY", "MO,TU,WE,TH,FR", "09:00", "12:30"), row("WEEKLY", "MO,TU,WE,TH,FR", "13:30", "17:00")]
                case 2: rows = [row("WEEKLY", "MO,TU,WE,TH", "09:00", "17:00"), row("WEEKLY", "FR", "09:00", "16:30")]
                default: rows = [row("WEEKLY", "MO,WE,FR", "10:00", "15:00")]
                }
                if rng.chance(0.2) { rows.append(row("WEEKLY", "SA", "10:00", "12:00")) }
            case "weekday-mornings":
                rows = [row("WEEKLY", rng.pick(["MO,WE,FR", "TU,TH", "MO,TU,WE,TH,FR"]), rng.pick(["09:00", "09:30", "10:00"]), rng.pick(["11:30", "12:00", "12:30"]))]
            case "single-session":
                let start = rng.pick(["10:00", "10:30", "13:00", "13:30", "14:00"])
                let end = start.hasPrefix("1") && start < "12" ? rng.pick(["12:00", "12:30"]) : rng.pick(["15:00", "15:30", "16:00"])
                rows = [row("WEEKLY", rng.pick(Array(days.prefix(6))), start, end)]
            case "two-sessions":
                let a = rng.int(0...4), b = (a + rng.int(1...3)) % 7
                // The second session's end goes with its start (an evening session ends in the
                // evening): the same draws in the same order as before (the first row's id, then
                // start, end and the second row's id), so the rest of a generated directory is unchanged.
                let first = row("WEEKLY", days[a], "10:00", "12:00")
                let start = rng.pick(["13:00", "14:00", "18:00"])
                let end = rng.pick(start == "18:00" ? ["19:30", "20:30", "20:00"] : ["15:00", "16:00", "20:00"])
                rows = [first, row("WEEKLY", days[b], start, end)]
                if rows.count == 2, b == a { rows.removeLast() }
            case "evening":
                rows = [row("WEEKLY", rng.pick(["MO", "TU", "WE", "TH", "FR", "TU,TH", "MO,WE"]), rng.pick(["17:30", "18:00", "18:30", "19:00"]), rng.pick(["20:00", "20:30", "21:00"]))]
            case "weekend":
                rows = [row("WEEKLY", rng.pick(["SA", "SU", "SA,SU"]), rng.pick(["10:00", "11:00", "12:00"]), rng.pick(["13:00", "14:00", "15:00"]))]
            case "monthly":
                let ord = rng.pick(["1", "2", "3", "4", "-1"])
                let byday = ord + rng.pick(Array(days.prefix(6)))
                let start = rng.pick(["10:00", "13:00", "18:30"])
                // (Pairs that were right are drawn as before; only ends before their start differ.)
                let ends = ["10:00": ["12:00", "15:00", "20:30"], "13:00": ["16:00", "15:00", "20:30"], "18:30": ["20:00", "21:00", "20:30"]]
                rows = [row("MONTHLY", byday, start, rng.pick(ends[start]!))]
            case "overnight":
                rows = [row("WEEKLY", rng.chance(0.7) ? "MO,TU,WE,TH,FR,SA,SU" : "FR,SA", rng.pick(["20:00", "21:00", "22:00"]), rng.pick(["07:00", "08:00", "09:00"]))]
            case "24-7":
                rows = [row("WEEKLY", "MO,TU,WE,TH,FR,SA,SU", "00:00", "00:00")]
            default:  // "none": by appointment
                rows = []
            }
            // Seasonal, expired and not-yet-started schedules.
            if !rows.isEmpty, rng.chance(0.12) {
                let (from, to): (LocalDate, LocalDate)
                switch rng.int(0...3) {
                case 0: (from, to) = (g.referenceDate.adding(days: -rng.int(10...40)), g.referenceDate.adding(days: rng.int(120...160)))  // this winter
                case 1: (from, to) = (g.referenceDate.adding(days: -rng.int(500...700)), g.referenceDate.adding(days: -rng.int(200...400)))  // ended
                case 2: (from, to) = (g.referenceDate.adding(days: rng.int(60...120)), g.referenceDate.adding(days: rng.int(250...350)))  // starts later
                default: (from, to) = (g.referenceDate.adding(days: -rng.int(30...90)), g.referenceDate.adding(days: rng.int(200...300)))
                }
                rows = rows.map { r in
                    guard case .object(var m) = r else { return r }
                    m.append(("valid_from", .string(from.description)))
                    m.append(("valid_to", .string(to.description)))
                    return .object(m)
                }
            }
            // Christmas closures.
            if !rows.isEmpty, rng.chance(0.05) {
                let y = g.referenceDate.year
                rows.append(.object([("id", .string(rng.uuid())), ("freq", "WEEKLY"), ("byday", "MO,TU,WE,TH,FR,SA,SU"),
                                     ("valid_from", .string("\(y)-12-25")), ("valid_to", .string("\(y)-12-26")),
                                     ("description", "Closed for Christmas")]))
            }
            return rows
        }

        /// Fills template placeholders.
        func fill(_ template: String, place: String, ward: String, org: String, venue: String = "", street: String = "",
                  rng: inout SplitMix64) -> String {
            guard template.contains("{") else { return template }
            var s = template
            s = s.replacingOccurrences(of: "{place}", with: place)
            s = s.replacingOccurrences(of: "{ward}", with: ward)
            s = s.replacingOccurrences(of: "{org}", with: org)
            s = s.replacingOccurrences(of: "{venue}", with: venue)
            s = s.replacingOccurrences(of: "{street}", with: street)
            if s.contains("{day}") { s = s.replacingOccurrences(of: "{day}", with: rng.pick(Weekday.allCases).name) }
            if s.contains("{saint}") { s = s.replacingOccurrences(of: "{saint}", with: rng.pick(g.vocabulary.organisations.saints)) }
            return s
        }

        static func slug(_ s: String) -> String {
            var out = ""
            for ch in s.lowercased() {
                if ch.isASCII && (ch.isLetter || ch.isNumber) { out.append(ch) } else if !out.hasSuffix("-") { out.append("-") }
            }
            return String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(40))
        }

        static func stableID(_ code: String) -> String {
            var h: UInt64 = 1_469_598_103_934_665_603
            for b in code.utf8 { h = (h ^ UInt64(b)) &* 1_099_511_628_211 }
            var r = SplitMix64(seed: h)
            return r.uuid()
        }
    }
}

/// What changed between two copies of a directory: services added, removed and changed (with the
/// fields that changed), wards that lost their last service of a kind, entries not verified for over
/// a year, and likely duplicates.
public struct DirectoryDiff: Sendable {
    public struct Change: Sendable {
        public var id: String
        public var name: String
        /// Field → (old, new), in a fixed order.
        public var fields: [(field: String, old: String, new: String)]
        /// Lines of the new copy's rows of this service that have errors and are left out (a site of a
        /// spreadsheet's service): some of the change is theirs, not the writer's.
        public var linesWithErrors: [Int] = []
    }

    public struct LostKind: Sendable, Hashable {
        public var ward: String
        public var category: String
        /// The service that was the last of its kind there.
        public var lastService: String
        /// Whether a service of that kind there is missing only because its record in the new copy
        /// has errors (``DirectoryDiff/rejected``): fixing the file would keep it.
        public var becauseOfErrors = false
    }

    public struct Duplicate: Sendable {
        public var ids: [String]
        public var names: [String]
        public var reason: String
    }

    public var added: [Service] = []
    public var removed: [Service] = []
    /// Services of the old copy whose record in the new one has errors: not removed by whoever wrote
    /// the file, but left out if it is loaded as it is (`signpost load` keeps the live version of one that is live, unless the row closes it).
    public var rejected: [Service] = []
    /// Records of the new copy with errors that are not services of the old one (new services, or rows
    /// without an id), by id and line: left out if it is loaded as it is.
    public var newWithErrors: [(id: String?, line: Int?)] = []
    public var changed: [Change] = []
    public var lostKinds: [LostKind] = []
    /// Services in the new copy last verified over 12 months before the reference date.
    public var stale: [(service: Service, verified: LocalDate?)] = []
    public var duplicates: [Duplicate] = []
    public var unchanged = 0

    /// Compares two copies.
    ///
    /// - Parameter newRejects: the new copy's records rejected for errors (old services among them are
    ///   listed as ``rejected``, not ``removed``; the rest as ``newWithErrors``).
    /// - Complexity: O(n log n) in the number of services.
    public init(old: [Service], new: [Service], newRejects: [ImportReport.RejectedRecord] = [], reference: LocalDate) {
        let rejectedIDs = Set(newRejects.compactMap(\.id))
        var rejectedLines: [String: [Int]] = [:]
        for r in newRejects { if let id = r.id, let line = r.line { rejectedLines[id, default: []].append(line) } }
        var oldByID: [String: Service] = [:]
        for s in old { oldByID[s.id] = s }
        var newIDs = Set<String>()
        for s in new {
            newIDs.insert(s.id)
            guard let o = oldByID[s.id] else { added.append(s); continue }
            let fields = Self.differences(o, s)
            if fields.isEmpty { unchanged += 1 } else {
                // A service some of whose rows have errors: it looked changed by hand (a site gone).
                let lines = rejectedLines[s.id] ?? []
                changed.append(Change(id: s.id, name: s.name, fields: fields, linesWithErrors: lines))
            }
        }
        for s in old where !newIDs.contains(s.id) {
            if rejectedIDs.contains(s.id) { rejected.append(s) } else { removed.append(s) }
        }
        for r in newRejects where r.id.map({ oldByID[$0] == nil }) ?? true { newWithErrors.append((r.id, r.line)) }
        // Wards that lost their last (active) service of a kind, counting services located or serving there.
        func coverage(_ services: [Service]) -> [String: [String: String]] {  // ward → category → a service name
            var out: [String: [String: String]] = [:]
            for s in services where s.status == .active {
                var wards = Set(s.locatedWards)
                for a in s.serviceAreas { if let w = a.ward { wards.insert(w) } }
                for w in wards { for c in s.categories { out[w, default: [:]][c.name] = out[w]?[c.name] ?? s.name } }
            }
            return out
        }
        let before = coverage(old), after = coverage(new)
        // Kinds lost only to rows with errors: whole services, and services that lost some rows to errors.
        let withErrors = coverage(rejected + old.filter { rejectedIDs.contains($0.id) && newIDs.contains($0.id) })
        for (ward, kinds) in before.sorted(by: { $0.key < $1.key }) {
            for (kind, name) in kinds.sorted(by: { $0.key < $1.key }) where after[ward]?[kind] == nil {
                lostKinds.append(LostKind(ward: ward, category: kind, lastService: name, becauseOfErrors: withErrors[ward]?[kind] != nil))
            }
        }
        stale = new.filter { s in s.status == .active && (s.assuredDate.map { FieldChecks.stale($0, reference: reference)?.code == "stale" } ?? false) }
            .map { ($0, $0.assuredDate) }
        // Likely duplicates: same organisation and name; or same phone at the same postcode.
        var byName: [String: [Service]] = [:]
        var byPhone: [String: [Service]] = [:]
        for s in new {
            byName["\(Gazetteer.key(s.organisation?.name ?? "")) | \(Gazetteer.key(s.name))", default: []].append(s)
            for p in s.phones {
                let digits = p.filter(\.isNumber)
                for l in s.locations { if let pc = l.postcode, digits.count >= 10 { byPhone["\(digits) @ \(pc)", default: []].append(s) } }
            }
        }
        var reported = Set<[String]>()
        for (_, group) in byName.sorted(by: { $0.key < $1.key }) where group.count > 1 {
            let ids = group.map(\.id).sorted()
            if reported.insert(ids).inserted {
                duplicates.append(Duplicate(ids: ids, names: group.map(\.name), reason: "same organisation and service name"))
            }
        }
        for (key, group) in byPhone.sorted(by: { $0.key < $1.key }) {
            let ids = Array(Set(group.map(\.id))).sorted()
            guard ids.count > 1, reported.insert(ids).inserted else { continue }
            duplicates.append(Duplicate(ids: ids, names: ids.compactMap { id in group.first { $0.id == id }?.name },
                                        reason: "same phone at the same postcode (\(key.split(separator: "@").last!.trimmed))"))
        }
    }

    /// Dated exceptions by the days they cover, runs of days alike joined (`2025-12-25 to 2025-12-26
    /// closed`): one exception over two days and two of one day each are the same hours (an export to
    /// the spreadsheet and back showed 108 services "changed").
    static func describe(_ exceptions: [ScheduleException]) -> String {
        var byDay: [Int: String] = [:]
        for e in exceptions {
            let what = e.isClosure ? "closed" : e.sessions.map { "\($0.opens)-\($0.closes)" }.joined(separator: ", ")
            for d in e.from.dayNumber...max(e.from.dayNumber, min(e.to.dayNumber, e.from.dayNumber + 366)) { byDay[d] = what }
        }
        var runs: [(first: Int, last: Int, what: String)] = []
        for d in byDay.keys.sorted() {
            if let last = runs.last, last.last == d - 1, last.what == byDay[d] { runs[runs.count - 1].last = d } else { runs.append((d, d, byDay[d]!)) }
        }
        return runs.map { r in
            (r.first == r.last ? "\(LocalDate(dayNumber: r.first))" : "\(LocalDate(dayNumber: r.first)) to \(LocalDate(dayNumber: r.last))") + " " + r.what
        }.joined(separator: "; ")
    }

    static func differences(_ a: Service, _ b: Service) -> [(field: String, old: String, new: String)] {
        var out: [(String, String, String)] = []
        func check(_ field: String, _ x: String, _ y: String) { if x != y { out.append((field, x, y)) } }
        check("name", a.name, b.name)
        check("organisation", a.organisation?.name ?? "", b.organisation?.name ?? "")
        check("status", a.status.rawValue, b.status.rawValue)
        check("hours", OpeningHours(rules: a.schedules, exceptions: a.exceptions).weeklySummary,
              OpeningHours(rules: b.schedules, exceptions: b.exceptions).weeklySummary)
        check("exceptions", describe(a.exceptions), describe(b.exceptions))
        check("address", a.locations.map(\.displayAddress).joined(separator: " | "), b.locations.map(\.displayAddress).joined(separator: " | "))
        check("ward", a.locatedWards.joined(separator: ", "), b.locatedWards.joined(separator: ", "))
        check("phone", a.phones.joined(separator: ", "), b.phones.joined(separator: ", "))
        check("email", a.email ?? "", b.email ?? "")
        check("website", a.url ?? "", b.url ?? "")
        check("categories", a.categories.map(\.name).sorted().joined(separator: ", "), b.categories.map(\.name).sorted().joined(separator: ", "))
        check("serves", a.serviceAreas.map { $0.ward ?? $0.name }.sorted().joined(separator: ", "),
              b.serviceAreas.map { $0.ward ?? $0.name }.sorted().joined(separator: ", "))
        check("referral", a.referral.rawValue, b.referral.rawValue)
        check("fees", a.fees ?? "", b.fees ?? "")
        check("cost", a.cost.rawValue, b.cost.rawValue)
        check("eligibility", a.eligibility ?? "", b.eligibility ?? "")
        check("how to access", a.applicationProcess ?? "", b.applicationProcess ?? "")
        // Where each site is on the map, to about ten metres (a pin moved 15 km was not listed).
        func pins(_ s: Service) -> String {
            s.locations.map { l in
                guard let lat = l.latitude, let lon = l.longitude else { return "-" }
                return String(format: "%.4f, %.4f", lat, lon)
            }.joined(separator: " | ")
        }
        check("coordinates", pins(a), pins(b))
        check("ages", "\(a.minimumAge.map(String.init) ?? "")-\(a.maximumAge.map(String.init) ?? "")",
              "\(b.minimumAge.map(String.init) ?? "")-\(b.maximumAge.map(String.init) ?? "")")
        check("languages", a.languages.joined(separator: ", "), b.languages.joined(separator: ", "))
        check("description", a.description, b.description)
        check("last verified", a.assuredDate?.description ?? "", b.assuredDate?.description ?? "")
        return out
    }

    /// Machine output.
    public func json() -> JSONOutput {
        func brief(_ s: Service) -> JSONOutput { .object([("id", .string(s.id)), ("name", .string(s.name)), ("ward", .optional(s.locatedWards.first))]) }
        return .object([
            ("added", .array(added.map(brief))),
            ("removed", .array(removed.map(brief))),
            ("rejected", .array(rejected.map(brief))),
            ("new_with_errors", .array(newWithErrors.map { .object([("id", .optional($0.id)), ("line", .optional($0.line))]) })),
            ("changed", .array(changed.map { c in
                .object([("id", .string(c.id)), ("name", .string(c.name)),
                         ("fields", .array(c.fields.map { .object([("field", .string($0.field)), ("old", .string($0.old)), ("new", .string($0.new))]) })),
                         ("lines_with_errors", .array(c.linesWithErrors.map { .int($0) }))])
            })),
            ("unchanged", .int(unchanged)),
            ("wards_losing_last_service_of_a_kind", .array(lostKinds.map {
                .object([("ward", .string($0.ward)), ("category", .string($0.category)), ("last_service", .string($0.lastService)),
                         ("because_of_errors", .bool($0.becauseOfErrors))])
            })),
            ("stale", .array(stale.map { .object([("id", .string($0.service.id)), ("name", .string($0.service.name)),
                                                  ("last_verified", .optional($0.verified?.description))]) })),
            ("likely_duplicates", .array(duplicates.map {
                .object([("ids", .array($0.ids.map { .string($0) })), ("names", .array($0.names.map { .string($0) })), ("reason", .string($0.reason))])
            })),
        ])
    }
}

/// Fields a weekly update can lose all at once: a column missing from the spreadsheet, or emptied,
/// takes that field out of every service, and each row on its own looks fine (a sheet without its
/// `phone` column went live with no phone number at all; one without `status` made 84 closed
/// services searchable again).
public enum FieldCoverage {
    /// A field no service of the update has, which many live services have.
    public struct Loss: Sendable, Equatable {
        /// What no service of the update does (`has a phone number`).
        public var field: String
        /// What the live services that do, do (`have one`).
        public var liveDo: String
        /// Live services that have it (at least: counting stops at ten thousand, or the threshold when higher).
        public var liveCount: Int
        /// Services in the live snapshot.
        public var liveTotal: Int
    }

    /// The fields checked: what no service of the update does, what the live ones that do, do, and
    /// whether a service does.
    static let fields: [(none: String, live: String, has: @Sendable (Service) -> Bool)] = [
        ("has a phone number", "have one", { !$0.phones.isEmpty }),
        ("has an email address", "have one", { !($0.email ?? "").isEmpty }),
        ("has a website", "have one", { !($0.url ?? "").isEmpty }),
        ("has an address or postcode", "have one", { $0.locations.contains(where: \.hasAddress) }),
        ("has opening hours", "have them", { !$0.schedules.isEmpty }),
        ("has a category", "have one", { !$0.categories.isEmpty }),
        ("has a description", "have one", { !$0.description.isEmpty }),
        ("has ages", "have them", { $0.minimumAge != nil || $0.maximumAge != nil }),
        ("has languages", "have them", { !$0.languages.isEmpty }),
        ("has a referral route", "have one", { $0.referral != .unknown }),
        ("has a cost", "have one", { $0.cost != .unknown }),
        // (Without the service areas column, a service with a site serves its own wards only.)
        ("serves more than the wards of its sites", "do", { s in
            let located = Set(s.locatedWards)
            return !s.locations.isEmpty && s.serviceAreas.contains { $0.isWholeCity || $0.ward.map { !located.contains($0) } ?? false }
        }),
    ]

    /// The fields that no service of `update` has and at least `max(5, 1 %)` of `live`'s services have;
    /// and closed services of `live` that `update` gives as active when it marks none closed (a status
    /// column missing; not a hub that deleted its closed rows).
    ///
    /// - Parameter own: the update's own services, its first documents (the live versions a load kept
    ///   in place of rows with errors come after them, and say nothing of the update).
    /// - Complexity: O(fields) services read from `update` when it has every field (the first
    ///   service with a field ends its search); a field it lacks reads `live` until enough services
    ///   have it, and all of `update`.
    public static func losses(update: IndexSnapshot, own: Int? = nil, live: IndexSnapshot) -> [Loss] {
        let threshold = max(5, live.documentCount / 100), cap = max(threshold, 10_000)
        let ownCount = min(own ?? update.documentCount, update.documentCount)
        var missing = Array(fields.indices)
        var marksClosed = false
        var doc = 0
        while doc < ownCount && (!missing.isEmpty || !marksClosed) {
            let s = update.service(doc)
            missing.removeAll { fields[$0].has(s) }
            if s.status != .active { marksClosed = true }
            doc += 1
        }
        var out: [Loss] = []
        if !missing.isEmpty {
            var counts = [Int](repeating: 0, count: fields.count)
            for d in 0..<live.documentCount {
                let s = live.service(d)
                for k in missing where fields[k].has(s) { counts[k] += 1 }
                if missing.allSatisfy({ counts[$0] >= cap }) { break }
            }
            out += missing.filter { counts[$0] >= threshold }
                .map { Loss(field: fields[$0].none, liveDo: fields[$0].live, liveCount: counts[$0], liveTotal: live.documentCount) }
        }
        if !marksClosed {
            // Closed services still in the update, now active.
            let active = UInt8(ServiceStatus.allCases.firstIndex(of: .active)!)
            var closed = Set<String>()
            for d in 0..<live.documentCount where live.status[d] != active { closed.insert(live.ids[d]) }
            if closed.count >= threshold {
                var reopened = 0
                for d in 0..<ownCount where closed.contains(update.ids[d]) { reopened += 1 }
                if reopened >= threshold {
                    out.append(Loss(field: "is marked closed or inactive, and \(reopened) services closed in the live directory are active in it",
                                    liveDo: "are closed", liveCount: closed.count, liveTotal: live.documentCount))
                }
            }
        }
        return out
    }
}

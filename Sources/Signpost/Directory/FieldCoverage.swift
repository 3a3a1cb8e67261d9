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
            let active = ServiceStatus.active.columnCode
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

extension FieldCoverage {
    /// What an update does to the services it shares ids with, and to the ids themselves: losses each
    /// row hides (a column emptied in half the rows; letters a save replaced with `?`; every id changed),
    /// which no check of one row, and no count of services, can see.
    public struct Drift: Sendable {
        /// A field that many services which have it in the live directory lack in the update.
        public struct Dropped: Sendable, Equatable {
            /// What they have (`has opening hours`).
            public var field: String
            /// Services in both that lack it now, of those that had it.
            public var count: Int, had: Int
            /// One of them: its id.
            public var example: String
        }
        public var dropped: [Dropped] = []
        /// Services whose name, organisation or description has `?` where the live version has letters
        /// the update's encoding could not hold (`Spi?arnia` for `Spiżarnia`), and one of them (as the
        /// update has it, and as the live directory does).
        public var lostLetters = 0
        public var lostLettersExample: (update: String, live: String)? = nil
        /// Services whose text has letters made into two or three (`CafÃ©` for `Café`: UTF-8 read as
        /// Windows-1252 and saved again) where the live version has them right, and one of them.
        public var garbled = 0
        public var garbledExample: (update: String, live: String)? = nil
        /// Live services whose ids are not in the update, and update services whose ids are not live.
        public var removedIDs = 0, newIDs = 0
    }

    /// Compares the update's own services (its first `own` documents) with the live versions of the
    /// same ids; a live id counts as removed when no document of the update has it. A field counts as
    /// dropped when at least `max(10, 10 %)` of the services that have it live lack it in the update.
    ///
    /// - Complexity: O(n) services decoded from each snapshot, and a table of the live ids.
    public static func drift(update: IndexSnapshot, own: Int? = nil, live: IndexSnapshot) -> Drift {
        let ownCount = min(own ?? update.documentCount, update.documentCount)
        var liveDoc: [String: Int] = [:]
        liveDoc.reserveCapacity(live.documentCount)
        for (d, id) in live.ids.enumerated() { liveDoc[id] = d }
        var drift = Drift()
        var had = [Int](repeating: 0, count: fields.count), lost = had, example = [String](repeating: "", count: fields.count)
        var seen = [Bool](repeating: false, count: live.documentCount), matched = 0
        for d in 0..<update.documentCount {
            guard let l = liveDoc[update.ids[d]] else {
                if d < ownCount { drift.newIDs += 1 }
                continue
            }
            if !seen[l] { seen[l] = true; matched += 1 }
            // (The live versions kept for rows with errors count as there, and compare with nothing.)
            guard d < ownCount else { continue }
            let now = update.service(d), before = live.service(l)
            for k in fields.indices where fields[k].has(before) {
                had[k] += 1
                if !fields[k].has(now) {
                    lost[k] += 1
                    if example[k].isEmpty { example[k] = now.id }
                }
            }
            for (a, b) in [(now.name, before.name), (now.organisation?.name ?? "", before.organisation?.name ?? ""), (now.description, before.description)] {
                if lostLetters(a, b) {
                    drift.lostLetters += 1
                    if drift.lostLettersExample == nil { drift.lostLettersExample = (a, b) }
                    break
                }
                if garbled(a, b) {
                    drift.garbled += 1
                    if drift.garbledExample == nil { drift.garbledExample = (a, b) }
                    break
                }
            }
        }
        drift.removedIDs = live.documentCount - matched
        drift.dropped = fields.indices.filter { lost[$0] >= max(10, had[$0] / 10) }
            .map { Drift.Dropped(field: fields[$0].none, count: lost[$0], had: had[$0], example: example[$0]) }
        return drift
    }

    /// Whether `update` is `live` with some letters made into two or three (`Café` written `CafÃ©`, `£` as
    /// `Â£`): UTF-8 read as Windows-1252 and written as UTF-8 again (a file whose every character could be
    /// put back was, when it was read; this is one with characters lost as well).
    static func garbled(_ update: String, _ live: String) -> Bool {
        guard update != live, update.count > live.count, !live.allSatisfy(\.isASCII) else { return false }
        return twoForOne(update) > twoForOne(live)
    }

    /// How many times a text has what a letter beyond ASCII becomes when its UTF-8 is read as Windows-1252: a
    /// lead byte's letter (`Ã`, `Å`, `Ø`, `â` ...: U+00C2-U+00F4) and then a continuation byte's (U+0080-U+00BF,
    /// or the punctuation Windows-1252 gives bytes 0x80-0x9F, as `€` in `â€™`).
    static func twoForOne(_ text: String) -> Int {
        var n = 0, previous: UInt32 = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if (0xC2...0xF4).contains(previous), (0x80...0xBF).contains(v) || CSVTable.windows1252High.contains(v) { n += 1 }
            previous = v
        }
        return n
    }

    /// Whether `update` is `live` with letters replaced by `?` (as a save in a legacy encoding does:
    /// Excel's "CSV (Comma delimited)" writes `?` for every letter Windows-1252 has not).
    static func lostLetters(_ update: String, _ live: String) -> Bool {
        guard update != live, update.utf8.contains(UInt8(ascii: "?")), !live.allSatisfy(\.isASCII) else { return false }
        let a = Array(update.unicodeScalars), b = Array(live.unicodeScalars)
        guard a.count == b.count else { return false }
        var replaced = false
        for (x, y) in zip(a, b) where x != y {
            guard x == "?", !y.isASCII else { return false }
            replaced = true
        }
        return replaced
    }
}

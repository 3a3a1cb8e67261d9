/// An immutable, searchable snapshot of a directory: term dictionary, posting lists with BM25F
/// weights, filter columns, opening hours and the services themselves.
///
/// Built off to the side by ``IndexBuilder`` and never changed afterwards, so searches on a
/// snapshot are never disturbed by a new one being built; a front end swaps snapshots atomically.
/// Document numbers are positions in the snapshot (0..<documentCount).
public struct IndexSnapshot: Sendable {
    // MARK: Documents
    public let documentCount: Int
    /// Service ids by document number.
    public let ids: [String]
    public let store: DocumentStore

    // MARK: Text
    /// Term (stem, or stems of a known phrase joined by a space) to term number.
    let termIDs: [String: UInt32]
    /// Term number to term.
    public let terms: [String]
    /// Term → documents containing it, in document order.
    let postings: CompactLists<UInt32>
    /// Per posting: the saturated BM25F pseudo-frequency, tf′ / (k1 + tf′) with
    /// tf′ = Σ field weight × tf × length norm — precomputed, so a query multiplies by idf and adds.
    let postingScores: [Float]
    /// Per posting: bit mask of the fields (``IndexField``) the term occurs in.
    let postingFields: [UInt8]
    /// Folded words (before stemming) and how many services use them, for spelling correction.
    public let surfaceWords: [String: UInt32]

    // MARK: Columns
    let status: [UInt8]
    /// Ward ids (the gazetteer's) where each service has a location.
    let locatedWards: CompactLists<UInt16>
    /// Ward ids each service's service areas name.
    let servedWards: CompactLists<UInt16>
    let servesWholeCity: [Bool]
    /// Postcode districts of each service's locations.
    let districts: CompactLists<UInt16>
    public let districtNames: [String]
    let districtIDs: [String: UInt16]
    let categories: CompactLists<UInt16>
    public let categoryCodes: [String]
    public let categoryNames: [String]
    let categoryIDs: [String: UInt16]
    let languages: CompactLists<UInt16>
    public let languageNames: [String]
    let languageIDs: [String: UInt16]
    let minimumAge: [Int16]
    let maximumAge: [Int16]
    let cost: [UInt8]
    let referral: [UInt8]
    /// Each service's position in en-GB alphabetical order of names.
    let alphabeticalRank: [UInt32]
    /// The inverse: documents in alphabetical order (browsing a large directory reads it from the top).
    let alphabeticalOrder: [UInt32]
    let hours: HoursColumn

    // MARK: Inverted columns (for candidates without text)
    let docsByCategory: CompactLists<UInt32>
    let docsByLocatedWard: CompactLists<UInt32>
    let docsByServedWard: CompactLists<UInt32>
    let docsByDistrict: CompactLists<UInt32>
    let wholeCityDocs: [UInt32]

    /// Ward names, indexed by ward id (the gazetteer's order when built).
    public let wardNames: [String]

    /// Where and when it was built.
    public internal(set) var metadata = SnapshotMetadata()

    /// Number of documents containing a term, or 0.
    public func documentFrequency(_ term: String) -> Int {
        guard let t = termIDs[term] else { return 0 }
        return Int(postings.offsets[Int(t) + 1] - postings.offsets[Int(t)])
    }

    /// The service at a document number.
    public func service(_ doc: Int) -> Service { store[doc] }

    /// The document number of a service id.
    ///
    /// - Complexity: O(n) the first time (the lookup table is not kept in memory between calls).
    public func document(withID id: String) -> Int? { ids.firstIndex(of: id) }

    /// Approximate bytes of memory the snapshot's arrays take.
    public var byteSize: Int {
        var n = store.byteSize + ids.reduce(0) { $0 + $1.utf8.count + 16 }
        n += terms.reduce(0) { $0 + $1.utf8.count + 24 } * 2
        n += postings.byteSize + postingScores.count * 4 + postingFields.count
        n += surfaceWords.count * 40
        n += status.count + locatedWards.byteSize + servedWards.byteSize + servesWholeCity.count + districts.byteSize
        n += categories.byteSize + languages.byteSize + minimumAge.count * 4 + cost.count + referral.count
        n += alphabeticalRank.count * 8 + hours.byteSize
        n += docsByCategory.byteSize + docsByLocatedWard.byteSize + docsByServedWard.byteSize + docsByDistrict.byteSize
        n += wholeCityDocs.count * 4
        return n
    }
}

/// Facts about a snapshot, kept in its file.
public struct SnapshotMetadata: Sendable, Hashable {
    /// When it was built (UTC seconds).
    public var builtAt: Int64 = 0
    /// The directory file it was built from.
    public var source: String = ""
    /// A fingerprint of the text pipeline (analyser and thesaurus phrases) it was built with; a
    /// snapshot built with another thesaurus still searches, but its phrase terms may differ.
    public var pipeline: String = ""

    public init(builtAt: Int64 = 0, source: String = "", pipeline: String = "") {
        self.builtAt = builtAt
        self.source = source
        self.pipeline = pipeline
    }
}

extension IndexSnapshot {
    /// Documents in alphabetical order from each document's rank.
    ///
    /// - Complexity: O(n).
    static func order(fromRanks ranks: [UInt32]) -> [UInt32] {
        var order = [UInt32](repeating: 0, count: ranks.count)
        for (d, r) in ranks.enumerated() where Int(r) < order.count { order[Int(r)] = UInt32(d) }
        return order
    }

    /// How many services are open at some point in any of the wall-clock ranges (the time filter
    /// over the whole directory; for benchmarks and reports).
    ///
    /// - Complexity: O(n log w) for n services with w weekly intervals each.
    public func countOpen(in ranges: [Range<Int64>]) -> Int {
        var n = 0
        for d in 0..<documentCount where hours.isOpen(d, in: ranges) { n += 1 }
        return n
    }
}

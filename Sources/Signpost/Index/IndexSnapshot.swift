/// An immutable, searchable snapshot of a directory: term dictionary, posting lists with BM25F
/// weights, filter columns, opening hours and the services themselves.
///
/// Built off to the side by ``IndexBuilder`` and never changed afterwards, so searches on a
/// snapshot are never disturbed by a new one being built; a front end swaps snapshots atomically.
/// Document numbers are positions in the snapshot (0..<documentCount).
public struct IndexSnapshot: Sendable {
    /// The columns, shared by every copy of the snapshot; the properties below read them (each is
    /// described where it is stored, on ``_SnapshotColumns``). They are read in place (`_read`): returned,
    /// each read of a list retained and released it (`snapshot.docsByCategory[c]`, `snapshot.names`: eight
    /// atomic counts a search at Leeds).
    let columns: _SnapshotColumns

    init(columns: _SnapshotColumns) { self.columns = columns }

    // MARK: Documents
    public var documentCount: Int { columns.documentCount }
    /// Service ids by document number.
    public var ids: [String] { @inline(__always) _read { yield columns.ids } }
    public var store: DocumentStore { @inline(__always) _read { yield columns.store } }

    // MARK: Text
    /// Term (stem, or stems of a known phrase joined by a space) to term number.
    var termIDs: [String: UInt32] { @inline(__always) _read { yield columns.termIDs } }
    /// Term number to term.
    public var terms: [String] { @inline(__always) _read { yield columns.terms } }
    /// Term → documents containing it, in document order.
    var postings: CompactLists<UInt32> { @inline(__always) _read { yield columns.postings } }
    /// Per posting: the saturated BM25F pseudo-frequency, tf′ / (k1 + tf′) with
    /// tf′ = Σ field weight × tf × length norm — precomputed, so a query multiplies by idf and adds.
    var postingScores: [Float] { @inline(__always) _read { yield columns.postingScores } }
    /// Per posting: bit mask of the fields (``IndexField``) the term occurs in.
    var postingFields: [UInt8] { @inline(__always) _read { yield columns.postingFields } }
    /// Folded words (before stemming) and how many services use them, for spelling correction.
    public var surfaceWords: [String: UInt32] { @inline(__always) _read { yield columns.surfaceWords } }

    // MARK: Columns
    var status: [UInt8] { @inline(__always) _read { yield columns.status } }
    /// Ward ids (the gazetteer's) where each service has a location.
    var locatedWards: CompactLists<UInt16> { @inline(__always) _read { yield columns.locatedWards } }
    /// Ward ids each service's service areas name.
    var servedWards: CompactLists<UInt16> { @inline(__always) _read { yield columns.servedWards } }
    var servesWholeCity: [Bool] { @inline(__always) _read { yield columns.servesWholeCity } }
    /// Postcode districts of each service's locations.
    var districts: CompactLists<UInt16> { @inline(__always) _read { yield columns.districts } }
    public var districtNames: [String] { @inline(__always) _read { yield columns.districtNames } }
    var districtIDs: [String: UInt16] { @inline(__always) _read { yield columns.districtIDs } }
    var categories: CompactLists<UInt16> { @inline(__always) _read { yield columns.categories } }
    public var categoryCodes: [String] { @inline(__always) _read { yield columns.categoryCodes } }
    public var categoryNames: [String] { @inline(__always) _read { yield columns.categoryNames } }
    var categoryIDs: [String: UInt16] { @inline(__always) _read { yield columns.categoryIDs } }
    var languages: CompactLists<UInt16> { @inline(__always) _read { yield columns.languages } }
    public var languageNames: [String] { @inline(__always) _read { yield columns.languageNames } }
    var languageIDs: [String: UInt16] { @inline(__always) _read { yield columns.languageIDs } }
    var minimumAge: [Int16] { @inline(__always) _read { yield columns.minimumAge } }
    var maximumAge: [Int16] { @inline(__always) _read { yield columns.maximumAge } }
    var cost: [UInt8] { @inline(__always) _read { yield columns.cost } }
    var referral: [UInt8] { @inline(__always) _read { yield columns.referral } }
    /// Each service's position in en-GB alphabetical order of names.
    var alphabeticalRank: [UInt32] { @inline(__always) _read { yield columns.alphabeticalRank } }
    /// The inverse: documents in alphabetical order (browsing a large directory reads it from the top).
    var alphabeticalOrder: [UInt32] { @inline(__always) _read { yield columns.alphabeticalOrder } }
    var hours: HoursColumn { @inline(__always) _read { yield columns.hours } }
    /// Every service's name, hashed (``ServiceNames``).
    var names: ServiceNames { @inline(__always) _read { yield columns.names } }

    // MARK: Inverted columns (for candidates without text)
    var docsByCategory: CompactLists<UInt32> { @inline(__always) _read { yield columns.docsByCategory } }
    var docsByLocatedWard: CompactLists<UInt32> { @inline(__always) _read { yield columns.docsByLocatedWard } }
    var docsByServedWard: CompactLists<UInt32> { @inline(__always) _read { yield columns.docsByServedWard } }
    var docsByDistrict: CompactLists<UInt32> { @inline(__always) _read { yield columns.docsByDistrict } }
    var wholeCityDocs: [UInt32] { @inline(__always) _read { yield columns.wholeCityDocs } }

    /// Ward names, indexed by ward id (the gazetteer's order when built).
    public var wardNames: [String] { @inline(__always) _read { yield columns.wardNames } }

    /// Where and when it was built.
    public internal(set) var metadata: SnapshotMetadata {
        get { _metadata.value }
        set { _metadata = _MetadataBox(newValue) }
    }
    /// The metadata behind one reference: a copy of the snapshot (a search takes one) retains two
    /// objects, not the columns and each of the metadata's strings.
    private var _metadata = _MetadataBox(SnapshotMetadata())

    /// Number of documents containing a term, or 0.
    public func documentFrequency(_ term: String) -> Int {
        guard let t = termIDs[term] else { return 0 }
        return documentFrequency(id: Int(t))
    }

    /// Number of documents containing the term with this number.
    func documentFrequency(id: Int) -> Int { Int(postings.offsets[id + 1] - postings.offsets[id]) }

    /// The number of a term, when some service has it.
    func termID(_ term: String) -> Int32? { termIDs[term].map { Int32($0) } }

    /// The number of a search term the parser numbered against this very snapshot, as a search's are
    /// (``Searcher`` parses every question against its own): its number is taken as it is (comparing the
    /// term's text with the snapshot's cost some 60 instructions a term, a dozen terms a question); a
    /// term without one is looked up. Debug builds still compare.
    ///
    /// - Complexity: O(1), or a hash of the term when it has no number.
    @inline(__always)
    func termID(ofNumberedHere t: SearchTerm) -> Int? {
        let known = Int(t.termID)
        if known >= 0 {
            assert(known < terms.count && terms[known] == t.term, "a search term numbered against another snapshot")
            return known
        }
        return termIDs[t.term].map { Int($0) }
    }

    /// The service at a document number.
    public func service(_ doc: Int) -> Service { store[doc] }

    /// The document number of a service id.
    ///
    /// - Complexity: O(n) the first time (the lookup table is not kept in memory between calls).
    public func document(withID id: String) -> Int? { ids.firstIndex(of: id) }

    /// The document of an id as a person or another system may write it: exactly, else in other case
    /// (a UUID in capitals was not found).
    ///
    /// - Complexity: O(services).
    public func document(matchingID id: String) -> Int? {
        document(withID: id) ?? ids.firstIndex { $0.count == id.count && $0.lowercased() == id.lowercased() }
    }

    /// Services with no place in the city: located in none of its wards, serving none of them, and
    /// not the whole city (a directory of another city loaded for this one is mostly these). 0 for a
    /// directory without wards.
    ///
    /// - Complexity: O(services).
    public var unplacedServiceCount: Int {
        guard !wardNames.isEmpty else { return 0 }
        let located = locatedWards, served = servedWards, whole = servesWholeCity
        var n = 0
        for d in 0..<documentCount where located[d].isEmpty && served[d].isEmpty && !whole[d] { n += 1 }
        return n
    }

    /// Approximate bytes of memory the snapshot's arrays take.
    public var byteSize: Int {
        var n = store.byteSize + ids.reduce(0) { $0 + $1.utf8.count + 16 }
        n += terms.reduce(0) { $0 + $1.utf8.count + 24 } * 2
        n += postings.byteSize + postingScores.count * 4 + postingFields.count
        n += surfaceWords.count * 40
        n += status.count + locatedWards.byteSize + servedWards.byteSize + servesWholeCity.count + districts.byteSize + columns.wardBits.count * 8
        n += categories.byteSize + languages.byteSize + minimumAge.count * 4 + cost.count + referral.count
        n += alphabeticalRank.count * 8 + names.hashes.count * 20 + names.prefixBits.count * 8 + hours.byteSize
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
    /// The time zone of its opening hours (an IANA identifier); empty for a snapshot saved before
    /// snapshots kept it (format 2).
    public var timeZone: String = ""

    public init(builtAt: Int64 = 0, source: String = "", pipeline: String = "", timeZone: String = "") {
        self.builtAt = builtAt
        self.source = source
        self.pipeline = pipeline
        self.timeZone = timeZone
    }
}

extension IndexSnapshot {
    /// The time zone its opening hours are in, when it says (snapshots from before format 3 do not).
    public var timeZone: CivilTimeZone? { metadata.timeZone.isEmpty ? nil : CivilTimeZone(identifier: metadata.timeZone) }

    /// Why this snapshot cannot be searched with `city`, or nil when it can: its services' wards are
    /// numbers into the wards of the city it was built for, and its hours are in that city's time zone.
    /// (A snapshot loaded with `--city none` and served with Leeds, or the other way round, answered
    /// every place with nothing and said nothing.)
    public func mismatch(with city: CityData) -> String? {
        let wards = city.gazetteer.wards.map(\.name)
        if wards != wardNames {
            func said(_ names: [String]) -> String {
                names.isEmpty ? "no wards (--city none)"
                    : "\(names.count) wards (\(names.prefix(3).joined(separator: ", "))\(names.count > 3 ? ", ..." : ""))"
            }
            var why = "it was built for a city with \(said(wardNames)), and the city given has \(said(wards))"
            if wards.count == wardNames.count, let k = wards.indices.first(where: { wards[$0] != wardNames[$0] }) {
                why += ": ward \(k + 1) is \"\(wardNames[k])\" in the snapshot and \"\(wards[k])\" in the city's places"
            }
            return why + "; give the --city it was loaded with, or load the directory again with this one"
        }
        if let zone = timeZone, zone != city.zone {
            return "its opening hours are in \(zone.identifier), and the time zone given is \(city.zone.identifier); "
                + "leave --time-zone out (the snapshot's is used) or load the directory again with this one"
        }
        return nil
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
        // As a search does it: the ranges as minute-of-week spans and hours once, then each service.
        let window = HoursColumn.weekWindow(of: ranges)
        var n = 0
        for d in 0..<documentCount where hours.isOpen(d, in: ranges, window: window) { n += 1 }
        return n
    }
}

/// The columns of a snapshot, held once: an ``IndexSnapshot`` (and every searcher, plan and
/// evaluator holding one) copies a single reference instead of forty arrays and dictionaries.
final class _SnapshotColumns: Sendable {
    // MARK: Documents
    let documentCount: Int
    /// Service ids by document number.
    let ids: [String]
    let store: DocumentStore

    // MARK: Text
    /// Term (stem, or stems of a known phrase joined by a space) to term number.
    let termIDs: [String: UInt32]
    /// Term number to term.
    let terms: [String]
    /// Term → documents containing it, in document order.
    let postings: CompactLists<UInt32>
    /// Per posting: the saturated BM25F pseudo-frequency, tf′ / (k1 + tf′) with
    /// tf′ = Σ field weight × tf × length norm — precomputed, so a query multiplies by idf and adds.
    let postingScores: [Float]
    /// Per posting: bit mask of the fields (``IndexField``) the term occurs in.
    let postingFields: [UInt8]
    /// Folded words (before stemming) and how many services use them, for spelling correction.
    let surfaceWords: [String: UInt32]

    // MARK: Columns
    let status: [UInt8]
    /// Ward ids (the gazetteer's) where each service has a location.
    let locatedWards: CompactLists<UInt16>
    /// Ward ids each service's service areas name.
    let servedWards: CompactLists<UInt16>
    let servesWholeCity: [Bool]
    /// The same wards as bit sets (bit w for ward w), two per service: `2d` where it is located,
    /// `2d + 1` where it serves. A search's place is then two AND operations per candidate rather
    /// than two lists read (``Evaluator/place(_:)``). Worked out when the columns are made, never
    /// stored; empty when a ward id is 64 or more (a city of more wards reads the lists).
    let wardBits: [UInt64]
    /// Postcode districts of each service's locations.
    let districts: CompactLists<UInt16>
    let districtNames: [String]
    let districtIDs: [String: UInt16]
    let categories: CompactLists<UInt16>
    let categoryCodes: [String]
    let categoryNames: [String]
    let categoryIDs: [String: UInt16]
    let languages: CompactLists<UInt16>
    let languageNames: [String]
    let languageIDs: [String: UInt16]
    let minimumAge: [Int16]
    let maximumAge: [Int16]
    let cost: [UInt8]
    let referral: [UInt8]
    /// Each service's position in en-GB alphabetical order of names.
    let alphabeticalRank: [UInt32]
    /// The inverse: documents in alphabetical order (browsing a large directory reads it from the top).
    let alphabeticalOrder: [UInt32]
    let names: ServiceNames
    let hours: HoursColumn

    // MARK: Inverted columns (for candidates without text)
    let docsByCategory: CompactLists<UInt32>
    let docsByLocatedWard: CompactLists<UInt32>
    let docsByServedWard: CompactLists<UInt32>
    let docsByDistrict: CompactLists<UInt32>
    let wholeCityDocs: [UInt32]

    /// Ward names, indexed by ward id (the gazetteer's order when built).
    let wardNames: [String]

    init(documentCount: Int, ids: [String], store: DocumentStore, termIDs: [String: UInt32], terms: [String], postings: CompactLists<UInt32>, postingScores: [Float], postingFields: [UInt8], surfaceWords: [String: UInt32], status: [UInt8], locatedWards: CompactLists<UInt16>, servedWards: CompactLists<UInt16>, servesWholeCity: [Bool], districts: CompactLists<UInt16>, districtNames: [String], districtIDs: [String: UInt16], categories: CompactLists<UInt16>, categoryCodes: [String], categoryNames: [String], categoryIDs: [String: UInt16], languages: CompactLists<UInt16>, languageNames: [String], languageIDs: [String: UInt16], minimumAge: [Int16], maximumAge: [Int16], cost: [UInt8], referral: [UInt8], alphabeticalRank: [UInt32], alphabeticalOrder: [UInt32], names: ServiceNames, hours: HoursColumn, docsByCategory: CompactLists<UInt32>, docsByLocatedWard: CompactLists<UInt32>, docsByServedWard: CompactLists<UInt32>, docsByDistrict: CompactLists<UInt32>, wholeCityDocs: [UInt32], wardNames: [String]) {
        self.documentCount = documentCount
        self.ids = ids
        self.store = store
        self.termIDs = termIDs
        self.terms = terms
        self.postings = postings
        self.postingScores = postingScores
        self.postingFields = postingFields
        self.surfaceWords = surfaceWords
        self.status = status
        self.locatedWards = locatedWards
        self.servedWards = servedWards
        self.servesWholeCity = servesWholeCity
        wardBits = Self.wardBits(located: locatedWards, served: servedWards, count: documentCount)
        self.districts = districts
        self.districtNames = districtNames
        self.districtIDs = districtIDs
        self.categories = categories
        self.categoryCodes = categoryCodes
        self.categoryNames = categoryNames
        self.categoryIDs = categoryIDs
        self.languages = languages
        self.languageNames = languageNames
        self.languageIDs = languageIDs
        self.minimumAge = minimumAge
        self.maximumAge = maximumAge
        self.cost = cost
        self.referral = referral
        self.alphabeticalRank = alphabeticalRank
        self.alphabeticalOrder = alphabeticalOrder
        self.names = names
        self.hours = hours
        self.docsByCategory = docsByCategory
        self.docsByLocatedWard = docsByLocatedWard
        self.docsByServedWard = docsByServedWard
        self.docsByDistrict = docsByDistrict
        self.wholeCityDocs = wholeCityDocs
        self.wardNames = wardNames
    }

    /// ``wardBits``: empty when any ward id does not fit in 64 bits.
    ///
    /// - Complexity: O(services + their wards).
    static func wardBits(located: CompactLists<UInt16>, served: CompactLists<UInt16>, count: Int) -> [UInt64] {
        guard located.values.allSatisfy({ $0 < 64 }), served.values.allSatisfy({ $0 < 64 }) else { return [] }
        var bits = [UInt64](repeating: 0, count: 2 * count)
        for d in 0..<count {
            for w in located[d] { bits[2 * d] |= 1 << UInt64(w) }
            for w in served[d] { bits[2 * d + 1] |= 1 << UInt64(w) }
        }
        return bits
    }
}

/// ``IndexSnapshot/metadata``'s storage.
private final class _MetadataBox: Sendable {
    let value: SnapshotMetadata
    init(_ value: SnapshotMetadata) { self.value = value }
}

import Foundation

/// Builds an ``IndexSnapshot`` from services: analyses every text field, collects postings with
/// BM25F weights, and fills the filter columns.
///
/// Services are added one at a time to an ``Accumulator`` and written straight into the snapshot's
/// compact columns and document store, so a national directory is never held as a million
/// `Service` values at once.
public struct IndexBuilder: Sendable {
    public let pipeline: TextPipeline
    public let gazetteer: Gazetteer
    /// The time zone of the services' hours, kept in the snapshot (nil: not said).
    public let timeZone: CivilTimeZone?

    public init(pipeline: TextPipeline, gazetteer: Gazetteer, timeZone: CivilTimeZone? = nil) {
        self.pipeline = pipeline
        self.gazetteer = gazetteer
        self.timeZone = timeZone
    }

    /// Builds a snapshot from services in memory.
    ///
    /// - Complexity: O(total text length).
    public func build(_ services: [Service], source: String = "", progress: ((Int) -> Void)? = nil) -> IndexSnapshot {
        var acc = accumulator(expectedCount: services.count)
        var start = 0
        while start < services.count {
            let end = min(start + 8_192, services.count)
            acc.add(contentsOf: services[start..<end])
            start = end
            progress?(acc.count)
        }
        return acc.finish(source: source)
    }

    /// Starts an incremental build.
    public func accumulator(expectedCount: Int = 0) -> Accumulator {
        Accumulator(builder: self, expectedCount: expectedCount)
    }

    /// An index being built, one service at a time.
    public struct Accumulator {
        let builder: IndexBuilder
        private let analyzer: Analyzer
        private let fieldCount = IndexField.count
        public private(set) var count = 0
        /// The ids of the services added so far, in document order.
        public var indexedIDs: [String] { ids }

        private var termIDs: [String: UInt32] = [:]
        private var terms: [String] = []
        private var docLists: [[UInt32]] = []
        private var tfLists: [[UInt8]] = []  // fieldCount bytes per posting
        private var fieldLengths: [UInt16] = []
        private var surface: [String: UInt32] = [:]
        /// Per worker vocabulary: term ids by stem number (`.max` where unknown).
        private var termOfStem: [(vocabulary: Int, ids: [UInt32])] = []
        private var workerScratch: [AnalysisScratch] = []

        private var ids: [String] = []
        private var store = BinaryWriter()
        private var storeOffsets: [UInt64] = [0]
        private var sortKeys: [[UInt8]] = []
        private var namePrefixHashes: [[UInt64]] = []

        private var districtIDs: [String: UInt16] = [:], districtNames: [String] = []
        private var categoryIDs: [String: UInt16] = [:], categoryCodes: [String] = [], categoryNames: [String] = []
        private var languageIDs: [String: UInt16] = [:], languageNames: [String] = []
        private var located = CompactLists<UInt16>(), served = CompactLists<UInt16>(), districts = CompactLists<UInt16>()
        private var cats = CompactLists<UInt16>(), langs = CompactLists<UInt16>()
        private var status: [UInt8] = [], minAge: [Int16] = [], maxAge: [Int16] = [], cost: [UInt8] = [], referral: [UInt8] = []
        private var whole: [Bool] = [], hours = HoursColumn()

        init(builder: IndexBuilder, expectedCount: Int) {
            self.builder = builder
            analyzer = builder.pipeline.analyzer
            if expectedCount > 0 {
                store = BinaryWriter(capacity: expectedCount * 720)
                ids.reserveCapacity(expectedCount)
                storeOffsets.reserveCapacity(expectedCount + 1)
                fieldLengths.reserveCapacity(expectedCount * fieldCount)
            }
        }

        /// Analyses services' text for this build; a value any thread may use.
        public var preparer: Preparer { Preparer(analyzer: analyzer, phrases: builder.pipeline.phrases, gazetteer: builder.gazetteer) }

        /// Adds a service as the next document.
        ///
        /// - Complexity: O(length of its text).
        public mutating func add(_ s: Service) {
            if workerScratch.isEmpty { workerScratch.append(AnalysisScratch()) }
            add(preparer.prepare(s, scratch: &workerScratch[0]))
        }

        public mutating func add(contentsOf services: [Service]) { add(contentsOf: services[...]) }

        /// Adds services as the next documents, in order, analysing their text on every core (the
        /// analysis is most of a build's work and each service's is independent) while the postings
        /// of the services before are added in order, so the snapshot is the same as adding them one
        /// by one.
        ///
        /// - Complexity: O(total text length / cores) for the analysis, overlapping O(total terms).
        public mutating func add(contentsOf services: ArraySlice<Service>) {
            let preparer = self.preparer
            var scratch = workerScratch
            Parallel.pipeline(services, states: &scratch, makeState: AnalysisScratch.init,
                              transform: { s, worker in preparer.prepare(s, scratch: &worker) }, consume: { add($0) })
            workerScratch = scratch
        }

        /// Adds services already prepared, in order, as the next documents.
        ///
        /// - Complexity: O(their terms).
        public mutating func add(_ prepared: [PreparedService]) {
            // Through the buffer, so each is borrowed rather than copied (a copy retains and
            // releases every string and array in it: 1-2 % of indexing a large file).
            prepared.withUnsafeBufferPointer { batch in
                for k in batch.indices { add(batch[k]) }
            }
        }

        /// Adds one prepared service as the next document.
        public mutating func add(_ prepared: PreparedService) {
            let s = prepared.service
            let doc = UInt32(count)
            count += 1
            addPostings(prepared.text, doc: doc)
            ids.append(s.id)
            store.bytes += prepared.record
            storeOffsets.append(UInt64(store.bytes.count))
            sortKeys.append(prepared.sortKey)
            namePrefixHashes.append(prepared.nameHashes)
            addColumns(prepared.columns, of: s, doc: Int(doc))
        }

        /// Adds a document's postings: one per distinct term, its field frequencies counted when
        /// the text was analysed; each term's id is an array index and a comparison of its text
        /// when the analysing worker has met the stem before, a hash lookup otherwise.
        ///
        /// - Complexity: O(distinct terms of the document).
        private mutating func addPostings(_ text: AnalysedText, doc: UInt32) {
            for word in text.surface { surface[word, default: 0] += 1 }
            fieldLengths.append(contentsOf: text.fieldLengths)
            let cache = termCache(for: text.vocabulary)
            text.frequencies.withUnsafeBufferPointer { frequencies in
                for k in text.terms.indices {
                    let id = termID(text.terms[k], stem: Int(text.stemOfTerm[k]), cache: cache)
                    docLists[id].append(doc)
                    tfLists[id].append(contentsOf: UnsafeBufferPointer(rebasing: frequencies[k * fieldCount..<(k + 1) * fieldCount]))
                }
            }
        }

        /// A term's id, found by its stem number in the analysing worker's vocabulary when that
        /// worker has met it before (an array index and a comparison of the text, instead of
        /// hashing the text: dictionary lookups were 2.5 % of indexing a million services).
        ///
        /// - Complexity: O(1) for a cached stem; a hash lookup otherwise.
        private mutating func termID(_ term: String, stem: Int, cache: Int) -> Int {
            if stem >= 0, stem < termOfStem[cache].ids.count {
                let known = termOfStem[cache].ids[stem]
                if known != .max, terms[Int(known)] == term { return Int(known) }
            }
            let id: Int
            if let existing = termIDs[term] { id = Int(existing) } else {
                id = terms.count
                termIDs[term] = UInt32(id)
                terms.append(term)
                docLists.append([])
                tfLists.append([])
            }
            if stem >= 0 {
                if stem >= termOfStem[cache].ids.count {
                    termOfStem[cache].ids.append(contentsOf: repeatElement(.max, count: stem + 1 - termOfStem[cache].ids.count))
                }
                termOfStem[cache].ids[stem] = UInt32(id)
            }
            return id
        }

        /// The index in `termOfStem` of a worker vocabulary's cache, made on first use.
        private mutating func termCache(for vocabulary: Int) -> Int {
            if let k = termOfStem.firstIndex(where: { $0.vocabulary == vocabulary }) { return k }
            termOfStem.append((vocabulary, []))
            return termOfStem.count - 1
        }

        private mutating func addColumns(_ c: PreparedColumns, of s: Service, doc: Int) {
            status.append(c.status)
            located.append(c.locatedWards)
            served.append(c.servedWards)
            whole.append(c.servesWholeCity)
            var ds: [UInt16] = []
            for d in c.districts {
                if let id = districtIDs[d] { ds.append(id); continue }
                districtNames.append(d)
                districtIDs[d] = UInt16(districtNames.count - 1)
                ds.append(UInt16(districtNames.count - 1))
            }
            districts.append(ds)
            var cs: [UInt16] = []
            for c in s.categories {
                if let id = categoryIDs[c.code] { cs.append(id); continue }
                categoryCodes.append(c.code)
                categoryNames.append(c.name)
                categoryIDs[c.code] = UInt16(categoryCodes.count - 1)
                cs.append(UInt16(categoryCodes.count - 1))
            }
            cats.append(PreparedColumns.unique(cs))
            var ls: [UInt16] = []
            for (l, k) in zip(s.languages, c.languageKeys) {
                if let id = languageIDs[k] { ls.append(id); continue }
                languageNames.append(l)
                languageIDs[k] = UInt16(languageNames.count - 1)
                ls.append(UInt16(languageNames.count - 1))
            }
            langs.append(PreparedColumns.unique(ls))
            minAge.append(c.minimumAge)
            maxAge.append(c.maximumAge)
            cost.append(c.cost)
            referral.append(c.referral)
            hours.append(c.hours, doc: doc)
        }

        /// Finishes the snapshot: length norms, BM25F scores, alphabetical order and inverted columns.
        public consuming func finish(source: String = "") -> IndexSnapshot {
            let n = count
            var avg = [Float](repeating: 0, count: fieldCount)
            for d in 0..<n { for f in 0..<fieldCount { avg[f] += Float(fieldLengths[d * fieldCount + f]) } }
            for f in 0..<fieldCount { avg[f] = max(1, avg[f] / Float(max(n, 1))) }
            // Per-field, per-document norm factors, then scores per posting.
            var norms = [Float](repeating: 0, count: n * fieldCount)
            for f in IndexField.allCases {
                let b = f.lengthNormalisation
                for d in 0..<n {
                    norms[d * fieldCount + f.rawValue] = f.weight / (1 - b + b * Float(fieldLengths[d * fieldCount + f.rawValue]) / avg[f.rawValue])
                }
            }
            var postings = CompactLists<UInt32>()
            let total = docLists.reduce(0) { $0 + $1.count }
            var scores: [Float] = [], masks: [UInt8] = []
            scores.reserveCapacity(total)
            masks.reserveCapacity(total)
            for t in 0..<terms.count {
                postings.append(docLists[t])
                let tfs = tfLists[t]
                for (k, doc) in docLists[t].enumerated() {
                    var w: Float = 0
                    var mask: UInt8 = 0
                    for f in 0..<fieldCount {
                        let tf = tfs[k * fieldCount + f]
                        guard tf > 0 else { continue }
                        mask |= 1 << UInt8(f)
                        w += Float(tf) * norms[Int(doc) * fieldCount + f]
                    }
                    scores.append(BM25.saturate(w))
                    masks.append(mask)
                }
                docLists[t] = []
                tfLists[t] = []
            }
            let ranks = Collator.ranks(ofKeys: sortKeys)
            let wardCount = builder.gazetteer.wards.count
            var snapshot = IndexSnapshot(columns: _SnapshotColumns(
                documentCount: n, ids: ids, store: DocumentStore(blob: store.bytes, offsets: storeOffsets),
                termIDs: termIDs, terms: terms, postings: postings, postingScores: scores, postingFields: masks,
                surfaceWords: surface, status: status, locatedWards: located, servedWards: served, servesWholeCity: whole,
                districts: districts, districtNames: districtNames, districtIDs: districtIDs, categories: cats,
                categoryCodes: categoryCodes, categoryNames: categoryNames, categoryIDs: categoryIDs, languages: langs,
                languageNames: languageNames, languageIDs: languageIDs, minimumAge: minAge, maximumAge: maxAge, cost: cost,
                referral: referral, alphabeticalRank: ranks, alphabeticalOrder: IndexSnapshot.order(fromRanks: ranks),
                names: ServiceNames(prefixHashesOfDocument: namePrefixHashes), hours: hours,
                docsByCategory: cats.inverted(keyCount: categoryCodes.count),
                docsByLocatedWard: located.inverted(keyCount: wardCount),
                docsByServedWard: served.inverted(keyCount: wardCount),
                docsByDistrict: districts.inverted(keyCount: districtNames.count),
                wholeCityDocs: whole.indices.filter { whole[$0] }.map { UInt32($0) },
                wardNames: builder.gazetteer.wards.map(\.name)))
            snapshot.metadata = SnapshotMetadata(builtAt: Int64(Date().timeIntervalSince1970), source: source,
                                                 pipeline: builder.pipeline.fingerprint, timeZone: builder.timeZone?.identifier ?? "")
            return snapshot
        }

    }
}

/// A service with its text analysed: ready to be added to an index (made on any core by a
/// ``IndexBuilder/Preparer``, added in order by an ``IndexBuilder/Accumulator``).
public struct PreparedService: Sendable {
    let service: Service
    let text: AnalysedText
    /// The service as the document store keeps it.
    let record: [UInt8]
    /// Its name's collation key, for alphabetical order.
    let sortKey: [UInt8]
    /// The hashes of its name's first words, for telling when a question names it (``ServiceNames``).
    let nameHashes: [UInt64]
    let columns: PreparedColumns
}

extension IndexBuilder {
    /// The part of adding a service that any thread may do: analysing its text, encoding its
    /// stored record, its name's sort key, and the filter columns that need no shared numbering.
    public struct Preparer: Sendable {
        let analyzer: Analyzer
        let phrases: PhraseMatcher
        let gazetteer: Gazetteer

        /// Prepares a service, with the calling worker's own scratch.
        ///
        /// - Complexity: O(length of its text).
        public func prepare(_ s: Service, scratch: inout AnalysisScratch) -> PreparedService {
            var record = BinaryWriter(capacity: 1_024)
            ServiceCodec.encode(s, into: &record)
            return PreparedService(service: s, text: AnalysedText(s, analyzer: analyzer, phrases: phrases, scratch: &scratch),
                                   record: record.bytes, sortKey: scratch.sortKey(s.name),
                                   nameHashes: ServiceNames.hashes(ofName: s.name, analyzer: analyzer), columns: PreparedColumns(s, gazetteer: gazetteer))
        }
    }
}

/// A service's filter columns as far as they can be worked out on any core: everything but the
/// ids of districts, categories and languages, which are numbered in order of first appearance.
struct PreparedColumns: Sendable {
    var status: UInt8
    var locatedWards: [UInt16]
    var servedWards: [UInt16]
    var servesWholeCity: Bool
    var districts: [String]
    var languageKeys: [String]
    var minimumAge: Int16
    var maximumAge: Int16
    var cost: UInt8
    var referral: UInt8
    var hours: OpeningHours

    init(_ s: Service, gazetteer: Gazetteer) {
        func wardID(_ name: String?) -> UInt16? { name.flatMap { gazetteer.ward(named: $0) }.map { UInt16($0.id) } }
        status = s.status.columnCode
        locatedWards = Self.unique(s.locations.compactMap { wardID($0.ward) })
        servedWards = Self.unique(s.serviceAreas.compactMap { wardID($0.ward) })
        servesWholeCity = s.servesWholeCity
        districts = Self.unique(s.locations.compactMap(\.postcodeDistrict))
        languageKeys = s.languages.map { $0.lowercased() }
        minimumAge = Int16(clamping: s.minimumAge ?? -1)
        maximumAge = Int16(clamping: s.maximumAge ?? -1)
        cost = s.cost.columnCode
        referral = s.referral.columnCode
        hours = OpeningHours(rules: s.schedules, exceptions: s.exceptions)
    }

    static func unique<T: Equatable>(_ a: [T]) -> [T] {
        var out: [T] = []
        for v in a where !out.contains(v) { out.append(v) }
        return out
    }
}

/// One service's text as the index needs it: its distinct terms (stems, and the thesaurus
/// phrases found among them) in order of first appearance, with their frequency in each field,
/// each field's length, and the distinct words typed outside `details`, for the speller.
/// Computing it is pure, so a build does it for many services at once.
struct AnalysedText: Sendable {
    var terms: [String] = []
    /// Each term's stem number in the vocabulary of the scratch that analysed it, or -1 for a phrase.
    var stemOfTerm: [Int32] = []
    /// That scratch's ``AnalysisScratch/vocabulary``.
    var vocabulary = 0
    /// `IndexField.count` counts per term (capped at 255), field by field.
    var frequencies: [UInt8] = []
    var fieldLengths: [UInt16] = []
    var surface: [String] = []

    init(_ s: Service, analyzer: Analyzer, phrases matcher: PhraseMatcher, scratch: inout AnalysisScratch) {
        scratch.nextDocument()
        vocabulary = scratch.vocabulary
        var phraseSlots: [String: Int] = [:]
        func count(_ slot: Int, _ field: IndexField) {
            let f = slot * IndexField.count + field.rawValue
            if frequencies[f] < 255 { frequencies[f] += 1 }
        }
        func newTerm(_ term: String, stem: Int32) -> Int {
            terms.append(term)
            stemOfTerm.append(stem)
            frequencies.append(contentsOf: repeatElement(0, count: IndexField.count))
            return terms.count - 1
        }
        var words: [AnalysisScratch.Word] = []
        for field in IndexField.allCases {
            let text = field.text(of: s)
            var fieldStems: [Int32] = []
            if !text.isEmpty {
                scratch.words(in: text, analyzer: analyzer, phrases: matcher, into: &words)
                fieldStems.reserveCapacity(words.count)
                var startsPhrase = false
                for w in words {
                    fieldStems.append(w.stem)
                    startsPhrase = startsPhrase || scratch.startsPhrase[Int(w.stem)]
                    if field != .details && scratch.firstUse(ofWord: w.number) { surface.append(scratch.text(ofWord: w.number)) }
                }
                for stem in fieldStems {
                    let slot = scratch.slot(ofStem: stem, newSlot: terms.count) ?? newTerm(scratch.stems[Int(stem)], stem: stem)
                    count(slot, field)
                }
                if startsPhrase {
                    let stems = fieldStems.map { scratch.stems[Int($0)] }
                    let starts = fieldStems.map { scratch.startsPhrase[Int($0)] }
                    for m in matcher.allMatches(in: stems, starts: starts) {
                        let phrase = TextPipeline.phraseTerm(stems[m.start..<m.end])
                        let slot: Int
                        if let known = phraseSlots[phrase] { slot = known } else {
                            slot = newTerm(phrase, stem: -1)
                            phraseSlots[phrase] = slot
                        }
                        count(slot, field)
                    }
                }
            }
            fieldLengths.append(UInt16(clamping: fieldStems.count))
        }
    }
}

extension CaseIterable where Self: Equatable, AllCases == [Self] {
    /// The code an index column stores for the value (status, cost, referral route): its position
    /// among its type's cases.
    ///
    /// - Complexity: O(cases), and an array made (`allCases`): a search keeps the codes it compares
    ///   with (``Plan/activeCode``).
    var columnCode: UInt8 { UInt8(Self.allCases.firstIndex(of: self)!) }
}

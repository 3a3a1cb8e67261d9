/// Builds an ``IndexSnapshot`` from services: analyses every text field, collects postings with
/// BM25F weights, and fills the filter columns.
public struct IndexBuilder: Sendable {
    public let pipeline: TextPipeline
    public let gazetteer: Gazetteer

    public init(pipeline: TextPipeline, gazetteer: Gazetteer) {
        self.pipeline = pipeline
        self.gazetteer = gazetteer
    }

    /// Builds a snapshot.
    ///
    /// - Parameter progress: called now and then with the number of services analysed.
    /// - Complexity: O(total text length).
    public func build(_ services: [Service], progress: ((Int) -> Void)? = nil) -> IndexSnapshot {
        let n = services.count
        let fieldCount = IndexField.count
        var termIDs: [String: UInt32] = [:]
        var terms: [String] = []
        var docLists: [[UInt32]] = []
        var tfLists: [[UInt8]] = []  // fieldCount bytes per posting
        var fieldLengths = [UInt16](repeating: 0, count: n * fieldCount)
        var surface: [String: UInt32] = [:]
        var stemCache: [String: String] = [:]
        let analyzer = pipeline.analyzer

        var docTF: [UInt32: [UInt8]] = [:]
        for (doc, s) in services.enumerated() {
            docTF.removeAll(keepingCapacity: true)
            var seenSurface = Set<String>()
            for field in IndexField.allCases {
                let text = field.text(of: s)
                if text.isEmpty { continue }
                let tokens = analyzer.tokens(in: text)
                var stems: [String] = []
                stems.reserveCapacity(tokens.count)
                for t in tokens where !analyzer.stopWords.contains(t.text) {
                    let stem: String
                    if let c = stemCache[t.text] { stem = c } else {
                        stem = analyzer.stem(t.text)
                        stemCache[t.text] = stem
                    }
                    stems.append(stem)
                    if field != .details && seenSurface.insert(t.text).inserted { surface[t.text, default: 0] += 1 }
                }
                fieldLengths[doc * fieldCount + field.rawValue] = UInt16(clamping: stems.count)
                func count(_ term: String) {
                    let id: UInt32
                    if let existing = termIDs[term] { id = existing } else {
                        id = UInt32(terms.count)
                        termIDs[term] = id
                        terms.append(term)
                        docLists.append([])
                        tfLists.append([])
                    }
                    var tf = docTF[id] ?? [UInt8](repeating: 0, count: fieldCount)
                    tf[field.rawValue] = tf[field.rawValue] &+ (tf[field.rawValue] < 255 ? 1 : 0)
                    docTF[id] = tf
                }
                for stem in stems { count(stem) }
                if !pipeline.phrases.isEmpty {
                    for m in pipeline.phrases.allMatches(in: stems) {
                        count(TextPipeline.phraseTerm(stems[m.start..<m.end]))
                    }
                }
            }
            for (id, tf) in docTF {
                docLists[Int(id)].append(UInt32(doc))
                tfLists[Int(id)].append(contentsOf: tf)
            }
            if let progress, doc % 10_000 == 9_999 { progress(doc + 1) }
        }

        // Average field lengths and per-document length norms.
        var avg = [Float](repeating: 0, count: fieldCount)
        for d in 0..<n { for f in 0..<fieldCount { avg[f] += Float(fieldLengths[d * fieldCount + f]) } }
        for f in 0..<fieldCount { avg[f] = max(1, avg[f] / Float(max(n, 1))) }

        // Flatten postings (documents were appended in order, so each list is sorted).
        var postings = CompactLists<UInt32>()
        var weights: [Float] = []
        var masks: [UInt8] = []
        let total = docLists.reduce(0) { $0 + $1.count }
        weights.reserveCapacity(total)
        masks.reserveCapacity(total)
        for t in 0..<terms.count {
            postings.append(docLists[t])
            let tfs = tfLists[t]
            for (k, doc) in docLists[t].enumerated() {
                var w: Float = 0
                var mask: UInt8 = 0
                for f in IndexField.allCases {
                    let tf = tfs[k * fieldCount + f.rawValue]
                    guard tf > 0 else { continue }
                    mask |= 1 << UInt8(f.rawValue)
                    let len = Float(fieldLengths[Int(doc) * fieldCount + f.rawValue])
                    let b = f.lengthNormalisation
                    w += f.weight * Float(tf) / (1 - b + b * len / avg[f.rawValue])
                }
                weights.append(BM25.saturate(w))
                masks.append(mask)
            }
        }

        // Columns.
        var districtIDs: [String: UInt16] = [:], districtNames: [String] = []
        var categoryIDs: [String: UInt16] = [:], categoryCodes: [String] = [], categoryNames: [String] = []
        var languageIDs: [String: UInt16] = [:], languageNames: [String] = []
        var located = CompactLists<UInt16>(), served = CompactLists<UInt16>(), districts = CompactLists<UInt16>()
        var cats = CompactLists<UInt16>(), langs = CompactLists<UInt16>()
        var status: [UInt8] = [], minAge: [Int16] = [], maxAge: [Int16] = [], cost: [UInt8] = [], referral: [UInt8] = []
        var whole: [Bool] = [], hours = HoursColumn()
        func wardID(_ name: String?) -> UInt16? { name.flatMap { gazetteer.ward(named: $0) }.map { UInt16($0.id) } }
        for (doc, s) in services.enumerated() {
            status.append(UInt8(ServiceStatus.allCases.firstIndex(of: s.status)!))
            located.append(Self.unique(s.locations.compactMap { wardID($0.ward) }))
            served.append(Self.unique(s.serviceAreas.compactMap { wardID($0.ward) }))
            whole.append(s.servesWholeCity)
            districts.append(Self.unique(s.locations.compactMap { l -> UInt16? in
                guard let d = l.postcodeDistrict else { return nil }
                if let id = districtIDs[d] { return id }
                districtNames.append(d)
                districtIDs[d] = UInt16(districtNames.count - 1)
                return UInt16(districtNames.count - 1)
            }))
            cats.append(Self.unique(s.categories.map { c -> UInt16 in
                if let id = categoryIDs[c.code] { return id }
                categoryCodes.append(c.code)
                categoryNames.append(c.name)
                categoryIDs[c.code] = UInt16(categoryCodes.count - 1)
                return UInt16(categoryCodes.count - 1)
            }))
            langs.append(Self.unique(s.languages.map { l -> UInt16 in
                let k = l.lowercased()
                if let id = languageIDs[k] { return id }
                languageNames.append(l)
                languageIDs[k] = UInt16(languageNames.count - 1)
                return UInt16(languageNames.count - 1)
            }))
            minAge.append(Int16(clamping: s.minimumAge ?? -1))
            maxAge.append(Int16(clamping: s.maximumAge ?? -1))
            cost.append(UInt8(Cost.allCases.firstIndex(of: s.cost)!))
            referral.append(UInt8(ReferralRoute.allCases.firstIndex(of: s.referral)!))
            hours.append(OpeningHours(rules: s.schedules, exceptions: s.exceptions), doc: doc)
        }
        let ranks = (try? Collator(locale: "en_GB"))?.ranks(services.map(\.name))
            ?? services.indices.sorted { services[$0].name < services[$1].name }.enumerated()
                .reduce(into: [UInt32](repeating: 0, count: n)) { $0[$1.element] = UInt32($1.offset) }

        return IndexSnapshot(
            documentCount: n, ids: services.map(\.id), store: DocumentStore(services: services),
            termIDs: termIDs, terms: terms, postings: postings, postingScores: weights, postingFields: masks,
            surfaceWords: surface, status: status, locatedWards: located, servedWards: served, servesWholeCity: whole,
            districts: districts, districtNames: districtNames, districtIDs: districtIDs, categories: cats,
            categoryCodes: categoryCodes, categoryNames: categoryNames, categoryIDs: categoryIDs, languages: langs,
            languageNames: languageNames, languageIDs: languageIDs, minimumAge: minAge, maximumAge: maxAge, cost: cost,
            referral: referral, alphabeticalRank: ranks, hours: hours,
            docsByCategory: cats.inverted(keyCount: categoryCodes.count),
            docsByLocatedWard: located.inverted(keyCount: gazetteer.wards.count),
            docsByServedWard: served.inverted(keyCount: gazetteer.wards.count),
            docsByDistrict: districts.inverted(keyCount: districtNames.count),
            wholeCityDocs: whole.indices.filter { whole[$0] }.map { UInt32($0) },
            wardNames: gazetteer.wards.map(\.name))
    }

    private static func unique(_ a: [UInt16]) -> [UInt16] {
        var out: [UInt16] = []
        for v in a where !out.contains(v) { out.append(v) }
        return out
    }
}

/// One search being executed: the filters resolved against the snapshot, then retrieval, filtering
/// and ranking.
struct Plan {
    let searcher: Searcher
    let request: SearchRequest
    let intent: QueryIntent
    let windows: [Range<Int64>]?
    let today: Int

    private var snapshot: IndexSnapshot { searcher.snapshot }

    /// Candidates whose text score is below this share of the best one, and which match no need,
    /// are dropped when a need was recognised (they only share a common word such as "help").
    static let weakTextShare: Float = 0.3

    func run() -> SearchResponse {
        var notices: [String] = []
        let f = request.filters
        // Explicit filters.
        var wardFilter: Set<UInt16>? = nil
        if !f.wards.isEmpty {
            var ids = Set<UInt16>()
            for w in f.wards {
                if let ward = searcher.gazetteer.ward(forPlace: w) { ids.insert(UInt16(ward.id)) } else {
                    notices.append("\"\(w)\" is not a ward of \(searcher.gazetteer.cityNames.first ?? "the city"); no service matches it.")
                }
            }
            wardFilter = ids
        }
        var categoryFilter: Set<UInt16>? = nil
        if !f.categories.isEmpty {
            var ids = Set<UInt16>()
            for c in f.categories {
                let key = Gazetteer.key(c)
                var hit = false
                for (i, code) in snapshot.categoryCodes.enumerated()
                where code == c || Gazetteer.key(code) == key || Gazetteer.key(snapshot.categoryNames[i]) == key {
                    ids.insert(UInt16(i)); hit = true
                }
                if !hit, let ci = searcher.parser.concepts.index(of: c) {
                    for id in searcher.conceptCategories[ci] { ids.insert(id); hit = true }
                }
                if !hit { notices.append("No service is in a category called \"\(c)\".") }
            }
            categoryFilter = ids
        }
        var languageFilter: Set<UInt16>? = nil
        if !f.languages.isEmpty {
            var ids = Set<UInt16>()
            for l in f.languages {
                if let id = snapshot.languageIDs[Languages.englishName(l).lowercased()] { ids.insert(id) } else {
                    notices.append("No service is offered in \(Languages.englishName(l)).")
                }
            }
            languageFilter = ids
        }
        let referralFilter: Set<UInt8>? = f.referralRoutes.isEmpty ? nil
            : Set(f.referralRoutes.map { UInt8(ReferralRoute.allCases.firstIndex(of: $0)!) })
        let freeCode = UInt8(Cost.allCases.firstIndex(of: .free)!)
        let activeCode = UInt8(ServiceStatus.allCases.firstIndex(of: .active)!)

        // Place from the words.
        var placeWards = Set<UInt16>()
        var district: UInt16? = nil
        var neighbourWards = Set<UInt16>()
        var hasPlace = false
        if let p = intent.place, p.kind != .city {
            hasPlace = true
            for w in p.wards { placeWards.insert(UInt16(w)) }
            if let d = p.district { district = snapshot.districtIDs[d] ?? UInt16.max }
            for w in p.wards { for n in searcher.gazetteer.wards[w].neighbours where !placeWards.contains(UInt16(n)) { neighbourWards.insert(UInt16(n)) } }
        }

        // Needs: category id → strengths of the needs it satisfies.
        var needOfCategory: [UInt16: [(need: Int, strength: Double)]] = [:]
        for (ni, need) in intent.needs.enumerated() {
            guard let ci = searcher.parser.concepts.index(of: need.concept) else { continue }
            for cat in searcher.conceptCategories[ci] { needOfCategory[cat, default: []].append((ni, need.strength)) }
        }
        let terms = intent.searchTerms.filter { snapshot.termIDs[$0.term] != nil }
        // Browsing (listing by filters and place alone) only when nothing was asked for in words: words
        // that match nothing find nothing.
        let browsing = intent.searchTerms.isEmpty && intent.needs.isEmpty

        return searcher.borrowScratch { scratch -> SearchResponse in
            // Retrieval.
            let n = snapshot.documentCount
            for t in terms {
                let tid = Int(snapshot.termIDs[t.term]!)
                let lo = Int(snapshot.postings.offsets[tid]), hi = Int(snapshot.postings.offsets[tid + 1])
                let idf = BM25.idf(docFrequency: hi - lo, documents: n) * t.weight
                for k in lo..<hi {
                    let d = Int(snapshot.postings.values[k])
                    if scratch.marks[d] == 0 { scratch.touched.append(UInt32(d)) }
                    scratch.marks[d] |= 1
                    scratch.scores[d] += idf * BM25.saturate(snapshot.postingWeights[k])
                }
            }
            for cat in needOfCategory.keys {
                for d in snapshot.docsByCategory[Int(cat)] {
                    if scratch.marks[Int(d)] == 0 { scratch.touched.append(d) }
                    scratch.marks[Int(d)] |= 2
                }
            }
            if browsing {
                func add(_ d: UInt32) {
                    if scratch.marks[Int(d)] == 0 { scratch.touched.append(d); scratch.marks[Int(d)] = 4 }
                }
                if hasPlace {
                    if let district, district != UInt16.max { for d in snapshot.docsByDistrict[Int(district)] { add(d) } }
                    for w in placeWards.union(neighbourWards) {
                        for d in snapshot.docsByLocatedWard[Int(w)] { add(d) }
                    }
                    for w in placeWards { for d in snapshot.docsByServedWard[Int(w)] { add(d) } }
                    for d in snapshot.wholeCityDocs { add(d) }
                } else if let wardFilter {
                    for w in wardFilter {
                        for d in snapshot.docsByLocatedWard[Int(w)] { add(d) }
                        for d in snapshot.docsByServedWard[Int(w)] { add(d) }
                    }
                    for d in snapshot.wholeCityDocs { add(d) }
                } else if let categoryFilter {
                    for c in categoryFilter { for d in snapshot.docsByCategory[Int(c)] { add(d) } }
                } else {
                    for d in 0..<n { add(UInt32(d)) }
                }
            }

            var maxText: Float = 0
            for d in scratch.touched { maxText = max(maxText, scratch.scores[Int(d)]) }
            let textFloor = needOfCategory.isEmpty ? 0 : maxText * Self.weakTextShare

            let want = request.offset + request.limit
            var main = TopK<RankKey>(want, by: RankKey.better)
            var nearby = TopK<RankKey>(request.limit, by: RankKey.better)
            var otherTimes = TopK<RankKey>(request.limit, by: RankKey.better)
            var otherTimesNearby = TopK<RankKey>(request.limit, by: RankKey.better)
            var needScores: [UInt32: Double] = [:]

            for d32 in scratch.touched {
                let d = Int(d32)
                guard snapshot.status[d] == activeCode else { continue }
                // Explicit filters.
                if let wardFilter {
                    var ok = false
                    for w in snapshot.locatedWards[d] where wardFilter.contains(w) { ok = true; break }
                    if !ok { for w in snapshot.servedWards[d] where wardFilter.contains(w) { ok = true; break } }
                    if !ok && !snapshot.servesWholeCity[d] { continue }
                }
                if let categoryFilter {
                    var ok = false
                    for c in snapshot.categories[d] where categoryFilter.contains(c) { ok = true; break }
                    if !ok { continue }
                }
                if let languageFilter {
                    var ok = false
                    for l in snapshot.languages[d] where languageFilter.contains(l) { ok = true; break }
                    if !ok { continue }
                }
                if let referralFilter, !referralFilter.contains(snapshot.referral[d]) { continue }
                if f.freeOnly && snapshot.cost[d] != freeCode { continue }
                if let age = f.age {
                    let lo = snapshot.minimumAge[d], hi = snapshot.maximumAge[d]
                    if lo >= 0 && age < Int(lo) { continue }
                    if hi >= 0 && age > Int(hi) { continue }
                }
                // Need and text.
                // The strongest need the service's categories satisfy (needs are alternatives: "can't pay
                // my bills" is debt advice *or* fuel advice, and each answers it fully).
                var need = 0.0
                if !needOfCategory.isEmpty {
                    for c in snapshot.categories[d] {
                        for (_, s) in needOfCategory[c] ?? [] where s > need { need = s }
                    }
                }
                let text = scratch.scores[d]
                if !browsing {
                    if need == 0 && (text <= 0 || text < textFloor) { continue }
                }
                // Place.
                var place = PlaceMatch.none
                if hasPlace {
                    if let district, snapshot.districts.contains(d, district) {
                        place = .inDistrict
                    } else if snapshot.locatedWards[d].contains(where: { placeWards.contains($0) }) {
                        place = .located
                    } else if snapshot.servedWards[d].contains(where: { placeWards.contains($0) }) {
                        place = .servesWard
                    } else if snapshot.servesWholeCity[d] {
                        place = .servesCity
                    } else if snapshot.locatedWards[d].contains(where: { neighbourWards.contains($0) }) {
                        place = .neighbouring
                    } else {
                        continue
                    }
                }
                // Time.
                var openWhenAsked = true
                if let windows {
                    openWhenAsked = snapshot.hours.isOpen(d, in: windows)
                } else if !request.includeExpired && snapshot.hours.hasExpired(d, before: today) {
                    continue
                }
                let key = RankKey(need: Int32((need * 4).rounded()), place: Int8(place.rank), text: text,
                                  alpha: snapshot.alphabeticalRank[d], doc: d32)
                if need > 0 { needScores[d32] = need }
                switch (place == .neighbouring, openWhenAsked) {
                case (false, true): main.insert(key)
                case (true, true): nearby.insert(key)
                case (false, false):
                    // A service that never opens (by appointment, or expired) is not "open at another time".
                    if !snapshot.hours.hasExpired(d, before: today) { otherTimes.insert(key) }
                case (true, false): if !snapshot.hours.hasExpired(d, before: today) { otherTimesNearby.insert(key) }
                }
            }

            var results: [SearchResult] = []
            let strict = main.sorted()
            for key in strict.dropFirst(request.offset) { results.append(result(key, needScores, relaxation: nil, terms: terms)) }
            let total = main.seen
            let placeName = intent.place?.name ?? ""
            let when = intent.when?.label.replacingOccurrences(of: "open ", with: "") ?? ""
            if total == 0 {
                if hasPlace && windows != nil {
                    notices.append("Nothing is open \(when) \(intent.place!.label).")
                } else if hasPlace {
                    notices.append("Nothing matches \(intent.place!.label).")
                } else if windows != nil {
                    notices.append("Nothing matches that is open \(when).")
                } else if !request.text.trimmingCharacters(in: .whitespaces).isEmpty || !f.isEmpty {
                    notices.append("Nothing matches \"\(request.text)\".")
                }
            }
            // Relaxations, labelled: neighbouring wards (same time) first, then other times.
            if results.count < request.limit && request.offset == 0 && hasPlace && nearby.seen > 0 {
                let names = neighbourWards.map { searcher.gazetteer.wards[Int($0)].name }.sorted().joined(separator: ", ")
                notices.append(total == 0
                    ? "Showing \(windows == nil ? "" : "services open \(when) ")in neighbouring wards (\(names)) instead:"
                    : "Also in neighbouring wards (\(names)):")
                for key in nearby.sorted().prefix(request.limit - results.count) {
                    results.append(result(key, needScores, relaxation: .place, terms: terms))
                }
            }
            if total == 0 && results.isEmpty && windows != nil && request.offset == 0 {
                if otherTimes.seen > 0 {
                    notices.append("Showing services \(hasPlace ? intent.place!.label + " " : "")that are open at other times instead:")
                    for key in otherTimes.sorted() { results.append(result(key, needScores, relaxation: .time, terms: terms)) }
                } else if otherTimesNearby.seen > 0 {
                    notices.append("Showing services in neighbouring wards of \(placeName) that are open at other times instead:")
                    for key in otherTimesNearby.sorted() { results.append(result(key, needScores, relaxation: .placeAndTime, terms: terms)) }
                }
            }
            return SearchResponse(intent: intent, results: results, totalMatches: total, notices: notices, now: 0,
                                  wallNow: 0, timeLabel: nil)
        }
    }

    private func result(_ key: RankKey, _ needs: [UInt32: Double], relaxation: Relaxation?, terms: [SearchTerm]) -> SearchResult {
        let d = Int(key.doc)
        var matches: [TermMatch] = []
        let n = snapshot.documentCount
        for t in terms {
            let tid = Int(snapshot.termIDs[t.term]!)
            let lo = Int(snapshot.postings.offsets[tid]), hi = Int(snapshot.postings.offsets[tid + 1])
            // Binary search for the document in the posting list.
            var a = lo, b = hi
            while a < b {
                let m = (a + b) / 2
                if snapshot.postings.values[m] < key.doc { a = m + 1 } else { b = m }
            }
            guard a < hi, snapshot.postings.values[a] == key.doc else { continue }
            let mask = snapshot.postingFields[a]
            let fields = IndexField.allCases.filter { mask & (1 << UInt8($0.rawValue)) != 0 }
            let score = BM25.idf(docFrequency: hi - lo, documents: n) * t.weight * BM25.saturate(snapshot.postingWeights[a])
            matches.append(TermMatch(term: t.term, display: t.display, origin: t.origin, fields: fields, score: score))
        }
        let place: PlaceMatch
        switch key.place {
        case 5: place = .inDistrict
        case 4: place = .located
        case 3: place = .servesWard
        case 2: place = .servesCity
        case 1: place = .neighbouring
        default: place = .none
        }
        return SearchResult(document: d, service: snapshot.service(d), textScore: key.text, needScore: needs[key.doc] ?? 0,
                            placeMatch: place, relaxation: relaxation, matches: matches)
    }
}

/// One search being executed: the filters resolved against the snapshot, then retrieval, filtering
/// and ranking. Everything per candidate is an array lookup: wards, categories and needs are turned
/// into dense tables before the candidates are visited.
///
/// A class: its steps run in closures (the scratch is borrowed for them), which then capture one
/// reference rather than copying the request, the intent and the searcher.
final class Plan {
    let searcher: Searcher
    let request: SearchRequest
    let intent: QueryIntent
    let windows: [Range<Int64>]?
    let today: Int
    /// The question's own time, when a time filter won over it (said, as the age and language filters' are).
    let timeLeftOut: String?
    /// The snapshot's columns, held once for the search (read through the searcher for each result, they
    /// were retained and released for each).
    let columns: _SnapshotColumns

    init(searcher: Searcher, request: SearchRequest, intent: QueryIntent, windows: [Range<Int64>]?, today: Int, timeLeftOut: String? = nil) {
        self.searcher = searcher
        columns = searcher.parts.snapshot.columns
        self.request = request
        self.intent = intent
        self.windows = windows
        self.today = today
        self.timeLeftOut = timeLeftOut
    }


    /// Candidates whose text score is below this share of the best one, and which match no need,
    /// are dropped when a need was recognised (they only share a common word such as "help").
    static let weakTextShare: Float = 0.3
    /// A term in more than this share of services only adds to the scores of candidates found by
    /// rarer terms or by a need; alone it cannot lift a service above the weak-text floor anyway.
    static let commonTermShare = 0.25
    /// A term in more than this share of services is left out altogether when other words or a need
    /// were recognised (its idf is near zero; it would only cost time).
    static let ubiquitousTermShare = 0.5

    /// Directories smaller than this are always evaluated in full (exact totals; it is fast anyway).
    static let tieredMinimumSize = 20_000

    /// Results in rank order without scanning every candidate: for each need level (strongest
    /// first), the services in the postcode district, then located in the place, then serving it,
    /// then the whole city — each group scored and sorted in full, groups concatenated in rank
    /// order. Stops once `offset + limit` results are certain; nil when the groups run out first
    /// (the caller then evaluates in full, with relaxations and text-only matches).
    ///
    /// Browsing (no words, no need) is one level, whose groups rank by name; the wards of a ward
    /// filter are the place when the question names none.
    ///
    /// - Complexity: O(services of the place examined × (filters + terms × log postings)).
    private func tiered(scratch: inout _Scratch, evaluator: Evaluator, needOfCategory: [Float], needLevelOfCategory: [Int32], placeWards: [Int],
                        district: UInt16?, terms: [ResolvedTerm]) -> [RankKey]? {
        let snapshot = searcher.parts.snapshot
        let want = wanted
        guard want > 0 else { return nil }
        var levels = Set(needOfCategory.filter { $0 > 0 }.map { Int32(($0 * 4).rounded()) }).sorted(by: >)
        // (Browsing: every service is of level 0, its need.)
        if levels.isEmpty { levels = [0] }
        var tiers: [(PlaceMatch, [ArraySlice<UInt32>])] = []
        if let district, district != UInt16.max { tiers.append((.inDistrict, [snapshot.docsByDistrict[Int(district)]])) }
        tiers.append((.located, placeWards.map { snapshot.docsByLocatedWard[$0] }))
        tiers.append((.servesWard, placeWards.map { snapshot.docsByServedWard[$0] }))
        tiers.append((.servesCity, [snapshot.wholeCityDocs[...]]))
        let categories = snapshot.categories, alpha = snapshot.alphabeticalRank
        let offsets = snapshot.postings.offsets, docs = snapshot.postings.values, scores = snapshot.postingScores
        // A service's text score. Services come in ascending order within each list, so each term
        // keeps a cursor into its postings and gallops forward from it (back to the start when the
        // order restarts) instead of searching the whole list for every service.
        var cursors = terms.map { Int(offsets[$0.id]) }
        var previous: UInt32 = 0
        func text(_ d: UInt32) -> Float {
            if d < previous { for (k, t) in terms.enumerated() { cursors[k] = Int(offsets[t.id]) } }
            previous = d
            var total: Float = 0
            for (k, t) in terms.enumerated() {
                let end = Int(offsets[t.id + 1])
                var lo = cursors[k], step = 1, hi = lo
                while hi < end && docs[hi] < d {
                    lo = hi + 1
                    hi = lo + step
                    step <<= 1
                }
                hi = min(hi, end)
                while lo < hi {
                    let mid = (lo + hi) >> 1
                    if docs[mid] < d { lo = mid + 1 } else { hi = mid }
                }
                cursors[k] = lo
                if lo < end && docs[lo] == d { total += t.weight * scores[lo] }
            }
            return total
        }
        var out: [RankKey] = []
        // Services the question names come first, wherever they are in the place.
        if !intent.namedServices.isEmpty {
            var group = TopK<RankKey>(want)
            for d32 in intent.namedServices {
                let d = Int(d32)
                // (Neighbouring wards are a relaxation, shown after and labelled: not here.)
                guard let o = evaluator.evaluate(d), o.place != .none, o.place != .neighbouring, o.open else { continue }
                let (need, needLevel) = Self.need(of: d, categories: categories, needOfCategory: needOfCategory, needLevelOfCategory: needLevelOfCategory)
                if scratch.marks[d] == 0 { scratch.touched.append(d32) }
                scratch.marks[d] |= 8
                group.insert(RankKey(need: needLevel, place: Int8(o.place.rank), named: true, text: text(d32), alpha: alpha[d], doc: d32,
                                     needScore: need))
            }
            out = group.sorted()
            if out.count >= want { return out }
        }
        // Each tier's services sorted by need level the first time the tier is reached (in list
        // order, with their need), so later levels do not read the tier's lists again.
        var byLevel = [[[(doc: UInt32, need: Float)]]?](repeating: nil, count: tiers.count)
        for (levelIndex, level) in levels.enumerated() {
            for (tierIndex, (tier, lists)) in tiers.enumerated() {
                if byLevel[tierIndex] == nil {
                    var buckets = [[(doc: UInt32, need: Float)]](repeating: [], count: levels.count)
                    for list in lists {
                        for d32 in list {
                            let d = Int(d32)
                            if scratch.marks[d] & 8 != 0 { continue }
                            let (need, needLevel) = Self.need(of: d, categories: categories, needOfCategory: needOfCategory,
                                                              needLevelOfCategory: needLevelOfCategory)
                            guard let k = levels.firstIndex(of: needLevel) else { continue }
                            buckets[k].append((d32, need))
                        }
                    }
                    byLevel[tierIndex] = buckets
                }
                var group = TopK<RankKey>(want - out.count)
                for (d32, need) in byLevel[tierIndex]![levelIndex] {
                    let d = Int(d32)
                    if scratch.marks[d] & 8 != 0 { continue }
                    guard let o = evaluator.evaluate(d), o.place == tier, o.open else { continue }
                    if scratch.marks[d] == 0 { scratch.touched.append(d32) }
                    scratch.marks[d] |= 8
                    group.insert(RankKey(need: level, place: Int8(tier.rank), text: text(d32), alpha: alpha[d], doc: d32, needScore: need))
                }
                out += group.sorted()
                if out.count >= want { return out }
            }
        }
        return nil
    }

    /// The results of a need asked for without a place in a large directory, when the strongest need
    /// level fills them: every other service ranks below its services (need comes before text), so
    /// only they are candidates. Every term adds to their scores alone, in the full evaluation's order
    /// (each score is the same sum); they are checked in rank order, as there, a candidate that could
    /// not enter the results left unchecked.
    ///
    /// - Returns: the results in rank order, how many passed the filters (a lower bound of the total)
    ///   and how many were candidates; nil when fewer than `offset + limit` pass (the caller then
    ///   evaluates in full).
    /// - Complexity: O(services of the strongest level + Σ postings of the terms scored).
    private func strongestNeedLevel(scratch: inout _Scratch, evaluator: Evaluator, needCategories: [Int], needOfCategory: [Float],
                                    needLevelOfCategory: [Int32], terms: [ResolvedTerm], skipLimit: Int) -> ([RankKey], Int, Int)? {
        let snapshot = searcher.parts.snapshot
        let want = wanted
        guard want > 0, let strongest = needCategories.map({ needLevelOfCategory[$0] }).max() else { return nil }
        scratch.marks.withUnsafeMutableBufferPointer { marks in
            for c in needCategories where needLevelOfCategory[c] == strongest {
                for d in snapshot.docsByCategory[c] where marks[Int(d)] == 0 {
                    scratch.touched.append(d)
                    marks[Int(d)] = 2
                }
            }
        }
        snapshot.postings.values.withUnsafeBufferPointer { docs in
            snapshot.postingScores.withUnsafeBufferPointer { postingScores in
                scratch.scores.withUnsafeMutableBufferPointer { scores in
                    scratch.marks.withUnsafeBufferPointer { marks in
                        // (A word in most services is left out, as in the full evaluation when a need was recognised.)
                        for t in terms where t.documentFrequency <= skipLimit {
                            let lo = Int(snapshot.postings.offsets[t.id]), hi = Int(snapshot.postings.offsets[t.id + 1])
                            let weight = t.weight
                            for k in lo..<hi where marks[Int(docs[k])] != 0 { scores[Int(docs[k])] += weight * postingScores[k] }
                        }
                    }
                }
            }
        }
        let categories = snapshot.categories, alphabeticalRank = snapshot.alphabeticalRank
        var main = TopK<RankKey>(want)
        scratch.scores.withUnsafeBufferPointer { scores in
            for d32 in scratch.touched {
                let d = Int(d32)
                // Every candidate is of the strongest level (no category is stronger); its need score, for
                // the result, is read only for one that enters the results.
                var key = RankKey(need: strongest, place: Int8(PlaceMatch.none.rank), text: scores[d], alpha: alphabeticalRank[d], doc: d32, needScore: 0)
                if let worst = main.threshold, !RankKey.better(key, worst) { continue }
                guard let outcome = evaluator.evaluate(d), outcome.open else { continue }
                key.place = Int8(outcome.place.rank)
                key.needScore = Self.need(of: d, categories: categories, needOfCategory: needOfCategory, needLevelOfCategory: needLevelOfCategory).0
                main.insert(key)
            }
        }
        guard main.threshold != nil else { return nil }
        return (main.sortInPlace(), main.seen, scratch.touched.count)
    }

    /// A service's need: the strongest of its categories', and that category's level in the rank key
    /// (the rounded need; rounding keeps order, so the best category's level).
    @inline(__always)
    static func need(of d: Int, categories: CompactLists<UInt16>, needOfCategory: [Float], needLevelOfCategory: [Int32]) -> (Float, Int32) {
        var need: Float = 0, level: Int32 = 0
        for c in categories[d] where needOfCategory[Int(c)] > need {
            need = needOfCategory[Int(c)]
            level = needLevelOfCategory[Int(c)]
        }
        return (need, level)
    }

    /// Browsing a large directory without a place or words: every match ranks by name alone, so the
    /// services are read in alphabetical order until `offset + limit` pass the filters.
    ///
    /// - Returns: the matches in rank order, and whether every service was read (then they are all
    ///   the matches).
    /// - Complexity: O(services read × filters); the whole directory only when few match. (A service
    ///   a filter leaves out costs a few nanoseconds here, against tens through a category's own
    ///   lists in the full evaluation: reading in name order stays the faster way even for a rare
    ///   second filter, `--category esol --language Tigrinya` 2.0 against 3.1 ms at a million.)
    private func alphabetical(evaluator: Evaluator) -> (keys: [RankKey], complete: Bool) {
        let snapshot = searcher.parts.snapshot
        let want = wanted
        var out: [RankKey] = []
        for d32 in snapshot.alphabeticalOrder {
            let d = Int(d32)
            guard let o = evaluator.evaluate(d), o.open else { continue }
            out.append(RankKey(need: 0, place: Int8(o.place.rank), text: 0, alpha: snapshot.alphabeticalRank[d], doc: d32, needScore: 0))
            if out.count >= want { return (out, false) }
        }
        return (out, true)
    }

    /// A query term resolved against the snapshot.
    struct ResolvedTerm {
        var id: Int
        var weight: Float
        var documentFrequency: Int
        /// Its position in the intent's search terms.
        var source: Int
        /// An expansion or a phrase: it refines scores rather than bringing candidates.
        var refines: Bool
        /// False for a typed word that is only part of a recognised need's phrase (`bank` of `food
        /// bank`): a service outside the need's categories must match something else too.
        var confirms = true

        /// Terms that bring candidates first, each group rarest first.
        var order: Int { (refines ? 1 << 40 : 0) | documentFrequency }
    }

    /// How many results are ranked: `offset + limit`, but never more than there are services (a
    /// huge `--offset` asked for a heap of that size, or overflowed).
    var wanted: Int {
        let (sum, overflow) = skipped.addingReportingOverflow(max(0, request.limit))
        return overflow ? searcher.parts.snapshot.documentCount : min(sum, searcher.parts.snapshot.documentCount)
    }

    /// How many ranked results are skipped (`offset`, never negative).
    var skipped: Int { max(0, request.offset) }

    /// The column codes of a free service and an active one, worked out once (each was two arrays
    /// made for every search).
    static let freeCode = Cost.free.columnCode, activeCode = ServiceStatus.active.columnCode

    /// Flags per ward id.
    static let inPlace: UInt8 = 1, inNeighbour: UInt8 = 2
    /// Candidate mark: matched a term that confirms the text on its own (see ``ResolvedTerm/confirms``).
    static let confirmed: UInt8 = 16
    /// Candidate mark: named in full by the question (``QueryIntent/namedServices``).
    static let named: UInt8 = 32
    /// By a service's mark, 0 when it is not a candidate, else 1: a common word's weight multiplied by it
    /// adds to the scores of candidates only (see the posting lists' loop in ``answer(scratch:)``).
    /// (Never written after it is made; shared by every search.)
    nonisolated(unsafe) static let foundFactor: UnsafeBufferPointer<Float> = {
        let table = UnsafeMutableBufferPointer<Float>.allocate(capacity: 256)
        table.initialize(repeating: 1)
        table[0] = 0
        return UnsafeBufferPointer(table)
    }()

    func run() -> SearchResponse {
        var response = answer()
        finish(&response)
        return response
    }

    /// What the filters change in the answer. (Out of line: made in `run` itself, the response was
    /// copied whole to be returned, and the copy's eight lists and strings retained and released.)
    @inline(never)
    private func finish(_ response: inout SearchResponse) {
        if request.filters.age != nil || request.filters.ages != nil { response.intent.ages = nil }
        // (A language filter wins over the question's, which the summary then does not claim.)
        if !request.filters.languages.isEmpty { response.intent.languages = [] }
        response.placeWards = intent.place?.wardNames ?? request.filters.wards.flatMap { searcher.parts.gazetteer.wards(forName: $0).map(\.name) }
    }

    private func answer() -> SearchResponse { searcher.borrowScratch { answer(scratch: &$0) } }

    /// The search, with one scratch for all of it (its candidates' storage, and the tables by category
    /// and by ward, lent to this search and given back, zeroed, to the next).
    private func answer(scratch: inout _Scratch) -> SearchResponse {
        let snapshot = searcher.parts.snapshot
        // A need's own notice first (where urgent help is, for a question about suicide or self-harm).
        // (The need recogniser is read in place, through the searcher's parts, and each need by its position:
        // a local copy of the recogniser retained its parts, and `for need in` copied each need, its strings
        // and lists retained.)
        var notices: [String] = []
        let needs = intent.needs
        // (Only for a need named by one of its phrases: an everyday word it counts half, `scared` or `safety`,
        // said the domestic abuse helplines over `scared of the dentist` and `fire safety check`.)
        for k in needs.indices where needs[k].isDirect {
            if let ci = searcher.parts.parser.concepts.index(of: needs[k]), let notice = searcher.parts.parser.concepts.thesaurus.concepts[ci].notice, !notices.contains(notice) { notices.append(notice) }
        }
        // (Appended one by one: five mapped and concatenated lists were made for every search, though
        // almost every question has none of these.)
        for t in intent.impossibleTimes {
            notices.append("\"\(t)\" is not a time of day (hours run 00 to 23, minutes 00 to 59); it was left out.")
        }
        for d in intent.impossibleDates { notices.append("\"\(d)\" is not a date (day/month, as 25/12); it was left out.") }
        for p in intent.unknownPostcodes {
            notices.append("\(p) is not a postcode in \(searcher.parts.gazetteer.cityNames.first ?? "the city") that Signpost can place; it was left out.")
        }
        for p in intent.unknownPlaces {
            notices.append("\(p) is not a place in \(searcher.parts.gazetteer.cityNames.first ?? "the city") that Signpost knows; it was left out.")
        }
        for street in intent.streets {
            notices.append("\(street) is read as a street, not a place: it is searched in services' addresses and names"
                           + (intent.place == nil ? "; name an area or a postcode to search near it." : "."))
        }
        // (England and Wales' bank holidays, as PH in hours: only for a directory of a city with places.)
        if let windows, !searcher.parts.gazetteer.wards.isEmpty { notices += Self.bankHolidayNotices(windows) }
        // (The filters are read in place, `request.filters.…`: a local copy retained each of its lists.)
        let wardCount = snapshot.wardNames.count
        let categoryCount = snapshot.categoryCodes.count
        // (What the filters say comes after this: a need's notice, above, explains no empty list.)
        let noticesBeforeFilters = notices.count

        // Explicit filters, as dense tables.
        var wardFilter: [Bool]? = nil
        if !request.filters.wards.isEmpty {
            var table = [Bool](repeating: false, count: wardCount)
            for w in request.filters.wards {
                let named = searcher.parts.gazetteer.wards(forName: w).filter { $0.id < wardCount }
                for ward in named { table[ward.id] = true }
                if named.isEmpty {
                    notices.append("\"\(w)\" is not a ward of \(searcher.parts.gazetteer.cityNames.first ?? "the city"); no service matches it.")
                }
            }
            wardFilter = table
        }
        var categoryFilter: [Bool]? = nil
        if !request.filters.categories.isEmpty {
            var table = [Bool](repeating: false, count: categoryCount)
            for c in request.filters.categories {
                var hit = false
                searcher.forEachCategory(named: c) { table[$0] = true; hit = true }
                if !hit { notices.append("No service is in a category called \"\(c)\"" + CategoryHint.hint(c, codes: snapshot.categoryCodes)) }
            }
            categoryFilter = table
        }
        var languageFilter: [Bool]? = nil
        // The filter's languages, or else those the question asks for (`counselling in Polish`): an
        // explicit filter wins over words, as it does for time (they were joined, widening the filter).
        let languages = request.filters.languages.isEmpty ? intent.languages : request.filters.languages
        if !request.filters.languages.isEmpty && !intent.languages.isEmpty {
            notices.append("The language filter applies; \(intent.languages.joined(separator: " or ")) in the question was left out.")
        }
        if let said = timeLeftOut {
            notices.append("The time filter applies (\(intent.when?.label ?? "")); \"\(said)\" in the question was left out.")
        }
        if !languages.isEmpty {
            var table = [Bool](repeating: false, count: snapshot.languageNames.count)
            for l in languages {
                if let id = snapshot.languageIDs[Languages.englishName(l).lowercased()] { table[Int(id)] = true } else if !Languages.isKnown(l),
                   let meant = Languages.suggestion(for: l) {
                    // A misspelt language is said with the one meant (it was "No service is offered in Frnech").
                    notices.append("\"\(l)\" is not a language Signpost knows (did you mean \(meant)?).")
                } else {
                    notices.append("No service is offered in \(Languages.englishName(l)).")
                }
            }
            languageFilter = table
        }
        var referralFilter: [Bool]? = nil
        if !request.filters.referralRoutes.isEmpty {
            var table = [Bool](repeating: false, count: ReferralRoute.allCases.count)
            for r in request.filters.referralRoutes { table[Int(r.columnCode)] = true }
            referralFilter = table
        } else if intent.walkIn {
            // `walk in`, `no appointment`: every route but a professional's referral, an appointment, or a call
            // first (phone-first services came first for `walk in, no appointment`).
            referralFilter = ReferralRoute.allCases.map { $0 != .professionalReferral && $0 != .appointment && $0 != .phoneFirst }
        } else if intent.noReferral {
            // `no referral needed`: every route but a professional's referral.
            referralFilter = ReferralRoute.allCases.map { $0 != .professionalReferral }
        }
        let filtersExplain = notices.count > noticesBeforeFilters
        let freeCode = Self.freeCode, activeCode = Self.activeCode

        // Place from the words.
        // (Three tables made for every search cost about 2,000 instructions, most of it looking up
        // their arrays' type; the scratch lends them, and they are given back when the search ends.)
        var wardFlags = _Scratch.lend(&scratch.wardFlags, count: wardCount)
        var needOfCategory = _Scratch.lend(&scratch.needOfCategory, count: categoryCount)
        var needLevelOfCategory = _Scratch.lend(&scratch.needLevelOfCategory, count: categoryCount)
        var needCategories = _Scratch.lendList(&scratch.needCategories)
        var terms = _Scratch.lendList(&scratch.terms)
        defer {
            scratch.wardFlags = wardFlags
            scratch.needOfCategory = needOfCategory
            scratch.needLevelOfCategory = needLevelOfCategory
            scratch.needCategories = needCategories
            scratch.terms = terms
        }
        var placeWards: [Int] = []
        var district: UInt16? = nil
        var hasPlace = false, placeOfOneWard = false
        // (The place's parts read in place: `if let p = intent.place` copied it, its names and lists retained.)
        if let kind = intent.place?.kind, kind != .city {
            hasPlace = true
            let wards = intent.place!.wards
            placeOfOneWard = wards.count == 1 && wards[0] < wardCount
            // (The place's own list when all its wards are the snapshot's, as they are unless the
            // gazetteer knows wards the snapshot has not: then no list is made.)
            placeWards = wards.allSatisfy { $0 < wardCount } ? wards : wards.filter { $0 < wardCount }
            for w in placeWards { wardFlags[w] = Self.inPlace }
            if let d = intent.place!.district { district = snapshot.districtIDs[d] ?? UInt16.max }
            for w in wards {
                for n in searcher.wardNeighbours[w] where n < wardCount && wardFlags[n] == 0 { wardFlags[n] = Self.inNeighbour }
            }
        }
        /// The neighbouring wards, in the order the place's wards name them, each once: listed only
        /// when browsing a place or naming the neighbours of a place of several wards (a list made for
        /// every question with a place was seldom read). The table is passed, not captured: a captured
        /// `var` may be boxed on the heap.
        func neighbourWards(_ wardFlags: [UInt8]) -> [Int] {
            guard let p = intent.place, p.kind != .city else { return [] }
            var list: [Int] = []
            for w in p.wards {
                for n in searcher.wardNeighbours[w] where n < wardCount && wardFlags[n] == Self.inNeighbour && !list.contains(n) { list.append(n) }
            }
            return list
        }

        // Needs: per category, the strongest need it answers (needs are alternatives: "can't pay my
        // bills" is debt advice *or* fuel advice, and each answers it fully).
        if !needs.isEmpty { needCategories.reserveCapacity(categoryCount) }
        for k in needs.indices {
            guard let ci = searcher.parts.parser.concepts.index(of: needs[k]) else { continue }
            let strength = Float(needs[k].strength)
            for cat in searcher.conceptCategories[ci] {
                let c = Int(cat)
                if needOfCategory[c] == 0 { needCategories.append(c) }
                needOfCategory[c] = max(needOfCategory[c], strength)
            }
        }
        let hasNeeds = !needCategories.isEmpty
        // A need's level in the rank key (quarters), worked out per category rather than per candidate.
        // (Only a need's categories have one: the others' level is 0, as their need is.)
        for c in needCategories { needLevelOfCategory[c] = Int32((needOfCategory[c] * 4).rounded()) }

        // Terms, rarest first. (Sorted as pairs of their order and place, in storage on the stack, then
        // added in that order: sorting the terms themselves moved them whole through a compared closure.
        // The place breaks ties, as the stable sort of the terms did.)
        let n = snapshot.documentCount
        terms.reserveCapacity(intent.searchTerms.count)
        let searchTerms = intent.searchTerms
        withUnsafeTemporaryAllocation(of: ResolvedTerm.self, capacity: Swift.max(1, searchTerms.count)) { found in
            withUnsafeTemporaryAllocation(of: (order: Int, at: Int).self, capacity: Swift.max(1, searchTerms.count)) { keys in
                var m = 0
                // (Read in place: a copy of each search term retained its two strings.)
                searchTerms.withUnsafeBufferPointer { searchTerms in
                    for source in searchTerms.indices {
                        // (The intent was parsed against this snapshot: its terms' numbers are this one's.)
                        guard let id = snapshot.termID(ofNumberedHere: searchTerms[source]) else { continue }
                        let df = snapshot.documentFrequency(id: id)
                        let isPhrase = searchTerms[source].term.containsASCII(0x20)
                        var term = ResolvedTerm(id: id, weight: searcher.parts.idf[id] * searchTerms[source].weight, documentFrequency: df,
                                                source: source, refines: searchTerms[source].origin == .expansion || isPhrase)
                        // Words of a recognised need's phrase count only together, or with other words: `South Bank
                        // Holiday Activities and Food` has "bank" and "food" but is no food bank.
                        if searchTerms[source].isPartOfNeedPhrase { term.confirms = false }
                        (found.baseAddress! + m).initialize(to: term)
                        keys[m] = (term.order, m)
                        m += 1
                    }
                }
                var sorted = UnsafeMutableBufferPointer(rebasing: keys[..<m])
                if m <= 32 {
                    // A question's dozen terms by insertion, which keeps equal orders in place as the
                    // positions, added in order, would (the standard sort's bookkeeping cost more).
                    var i = 1
                    while i < m {
                        let key = sorted[i]
                        var j = i
                        while j > 0 && sorted[j - 1].order > key.order { sorted[j] = sorted[j - 1]; j -= 1 }
                        sorted[j] = key
                        i += 1
                    }
                } else {
                    sorted.sort { $0.order != $1.order ? $0.order < $1.order : $0.at < $1.at }
                }
                for key in sorted { terms.append(found[key.at]) }
                _ = found.baseAddress!.deinitialize(count: m)
            }
        }
        let needsConfirmation = terms.contains { !$0.confirms }
        let commonLimit = Int(Double(n) * Self.commonTermShare)
        let hasRareTerm = terms.contains { $0.documentFrequency <= commonLimit && !$0.refines }
        // Browsing (listing by filters and place alone) only when nothing was asked for in words:
        // words that match nothing find nothing.
        let browsing = intent.searchTerms.isEmpty && intent.needs.isEmpty

        // Wards given as a filter rank as a place typed would (located in them, then serving them, then
        // the whole city), without neighbouring wards: `--ward Armley` put city-wide services first.
        // Both a ward filter and a place in the question narrow the search: said (it was silent).
        if hasPlace && wardFilter != nil, let p = intent.place {
            notices.append("The ward filter (\(request.filters.wards.joined(separator: ", "))) and the place in the question (\(p.label)) both apply.")
        }
        let ranksByFilterWards = !hasPlace && wardFilter != nil
        // (Its wards are then the place's wards, whose tiers a large directory walks.)
        if ranksByFilterWards, let wardFilter {
            for w in 0..<wardCount where wardFilter[w] { wardFlags[w] = Self.inPlace; placeWards.append(w) }
        }
        // Ages in the question apply as `--age` does; an explicit one wins (and the question's are taken
        // out of the intent shown, in `run`).
        var ages = request.filters.ages
        if let asked = intent.ages {
            if request.filters.age == nil && request.filters.ages == nil { ages = asked } else {
                let said = AgeText.said(asked)
                notices.append("The age filter applies; \(said) in the question was left out.")
            }
        }
        let evaluator = Evaluator(snapshot: snapshot, freeOnly: request.filters.freeOnly, age: request.filters.age, ages: ages, wardFilter: wardFilter, categoryFilter: categoryFilter,
                                  languageFilter: languageFilter, referralFilter: referralFilter, freeCode: freeCode,
                                  activeCode: activeCode, hasPlace: hasPlace || ranksByFilterWards, wardFlags: wardFlags, district: district,
                                  windows: windows, includeExpired: request.includeExpired, today: today)
        let skipLimit = Int(Double(n) * Self.ubiquitousTermShare)

        // A place (or a ward filter) and a need, or browsing: walk the services of the place, best tier
        // first, and stop once the results are certain (a large directory need not be scanned; browsing
        // `--ward Armley` evaluated every service of the ward and of the whole city, 35 ms at a million).
        if (hasPlace || ranksByFilterWards) && (hasNeeds || browsing) && !request.exactTotal && snapshot.documentCount >= Self.tieredMinimumSize {
            let scoring = terms.filter { !($0.documentFrequency > skipLimit) }
            if let keys = tiered(scratch: &scratch, evaluator: evaluator, needOfCategory: needOfCategory,
                                 needLevelOfCategory: needLevelOfCategory, placeWards: placeWards,
                                 district: district, terms: scoring) {
                let results = keys.dropFirst(skipped).map { result($0, relaxation: nil, terms: terms) }
                if let said = wholeCityNotice(results) { notices.append(said) }
                return SearchResponse(intent: intent, results: results, totalMatches: keys.count, totalIsExact: false,
                                      notices: notices, now: 0, wallNow: 0, timeLabel: nil, candidates: -1)
            }
            // (The candidates it marked are cleared for the full evaluation.)
            scratch.reset()
        }

        // A need without a place: the services of the strongest need level first, and no others when
        // enough of them pass (a broad need in a national directory brought 140,000 candidates, each one
        // scored and ranked, to fill ten places that only the strongest level could take).
        if hasNeeds && !browsing && !hasPlace && !ranksByFilterWards && !request.exactTotal && n >= Self.tieredMinimumSize
            && intent.namedServices.isEmpty {
            if let (keys, passed, candidates) = strongestNeedLevel(scratch: &scratch, evaluator: evaluator, needCategories: needCategories,
                                                                   needOfCategory: needOfCategory, needLevelOfCategory: needLevelOfCategory,
                                                                   terms: terms, skipLimit: skipLimit) {
                let results = keys.dropFirst(skipped).map { result($0, relaxation: nil, terms: terms) }
                return SearchResponse(intent: intent, results: results, totalMatches: passed, totalIsExact: false,
                                      notices: notices, now: 0, wallNow: 0, timeLabel: nil, candidates: candidates)
            }
            scratch.reset()
        }

        if browsing && !hasPlace && !ranksByFilterWards && !request.exactTotal && n >= Self.tieredMinimumSize && wanted > 0
            && intent.namedServices.isEmpty {
            let (keys, complete) = alphabetical(evaluator: evaluator)
            // Nothing at all: the full evaluation below says so and offers other times.
            if !keys.isEmpty || !complete {
                let results = keys.dropFirst(skipped).map { result($0, relaxation: nil, terms: terms) }
                return SearchResponse(intent: intent, results: results, totalMatches: keys.count, totalIsExact: complete,
                                      notices: notices, now: 0, wallNow: 0, timeLabel: nil, candidates: -1)
            }
        }

        return _Scratch.lend(&scratch) { scratch -> SearchResponse in
            // (The terms as a constant here: the variable, captured, was retained and released around
            // each result made, in case the call changed it.)
            let terms = terms
            // Retrieval: needs and rare terms bring candidates; common terms only add to their scores.
            // (Through a buffer: each write to the scratch's array checked it was not shared, a
            // hundred thousand times a search in a national directory.)
            scratch.marks.withUnsafeMutableBufferPointer { marks in
                for c in needCategories {
                    for d in snapshot.docsByCategory[c] {
                        if marks[Int(d)] == 0 { scratch.touched.append(d) }
                        marks[Int(d)] |= 2
                    }
                }
            }
            snapshot.postings.values.withUnsafeBufferPointer { docs in
                snapshot.postingScores.withUnsafeBufferPointer { postingScores in
                    scratch.scores.withUnsafeMutableBufferPointer { scores in
                        scratch.marks.withUnsafeMutableBufferPointer { marks in
                            for t in terms {
                                // A word in most services says nothing when something else was asked.
                                if t.documentFrequency > skipLimit && (hasRareTerm || hasNeeds) { continue }
                                let lo = Int(snapshot.postings.offsets[t.id]), hi = Int(snapshot.postings.offsets[t.id + 1])
                                // Expansions and typed phrases refine the scores of services a need or a
                                // typed word found; common words only do that too.
                                let scoreOnly = (t.refines && (hasNeeds || hasRareTerm))
                                    || (t.documentFrequency > commonLimit && (hasRareTerm || hasNeeds))
                                let weight = t.weight, mark: UInt8 = t.confirms ? 1 | Self.confirmed : 1
                                // (Without a branch on whether each service is new: which are is data the
                                // processor cannot predict, and a mispredicted guess cost more than these
                                // loops' few extra instructions. Adding +0 leaves a score as it was.)
                                if scoreOnly {
                                    let found = Self.foundFactor
                                    for k in lo..<hi {
                                        let d = Int(docs[k]), m = marks[d]
                                        marks[d] = m | (m != 0 ? mark : 0)
                                        // (1 or 0 read from a table by the mark: a choice between two
                                        // values, or a mask, was compiled back into a branch.)
                                        scores[d] += found[Int(m)] * (weight * postingScores[k])
                                    }
                                } else {
                                    for k in lo..<hi {
                                        let d = Int(docs[k]), m = marks[d]
                                        scratch.touched.append(UInt32(d), if: m == 0)
                                        marks[d] = m | mark
                                        scores[d] += weight * postingScores[k]
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for d in intent.namedServices {
                if scratch.marks[Int(d)] == 0 { scratch.touched.append(d) }
                scratch.marks[Int(d)] |= Self.named
            }
            if browsing {
                // (Through a buffer: each write to the scratch's array checked it was not shared, for every
                // service of the directory when browsing by age.)
                scratch.marks.withUnsafeMutableBufferPointer { marks in
                    func add(_ d: UInt32) {
                        if marks[Int(d)] == 0 { scratch.touched.append(d); marks[Int(d)] = 4 }
                    }
                    if hasPlace {
                        if let district, district != UInt16.max { for d in snapshot.docsByDistrict[Int(district)] { add(d) } }
                        for w in placeWards + neighbourWards(wardFlags) { for d in snapshot.docsByLocatedWard[w] { add(d) } }
                        for w in placeWards { for d in snapshot.docsByServedWard[w] { add(d) } }
                        for d in snapshot.wholeCityDocs { add(d) }
                    } else if let wardFilter {
                        for w in 0..<wardCount where wardFilter[w] {
                            for d in snapshot.docsByLocatedWard[w] { add(d) }
                            for d in snapshot.docsByServedWard[w] { add(d) }
                        }
                        for d in snapshot.wholeCityDocs { add(d) }
                    } else if let categoryFilter {
                        for c in 0..<categoryCount where categoryFilter[c] { for d in snapshot.docsByCategory[c] { add(d) } }
                    } else {
                        for d in 0..<n { add(UInt32(d)) }
                    }
                }
            }

            // (The best text score only sets the floor of a search with a need: not read otherwise.)
            let textFloor = hasNeeds ? Self.bestScore(of: scratch.touched, in: scratch.scores) * Self.weakTextShare : 0

            let want = wanted
            var main = TopK<RankKey>(want, storage: _Scratch.lendList(&scratch.mainHeap))
            var nearby = TopK<RankKey>(request.limit, storage: _Scratch.lendList(&scratch.nearbyHeap))
            // Services open at other times are all kept (appending is cheaper than a heap): if nothing
            // is open when asked, the soonest to open are shown, not the best ranked whenever they open.
            // (In the scratch's lists, whose capacity outlives the search.)

            let categories = snapshot.categories, alphabeticalRank = snapshot.alphabeticalRank
            let scores = scratch.scores, marks = scratch.marks
            // Without a place every candidate's rank is known before its filters are checked, so in a
            // large directory one that could not enter the top results is not checked at all (the
            // total is then a lower bound). With a place, its rank depends on where it is.
            let bounded = !hasPlace && !ranksByFilterWards && !request.exactTotal && n >= Self.tieredMinimumSize
            /// Whether a candidate's text and need keep it, the cheapest way to leave one out.
            @inline(__always)
            func kept(_ d: Int) -> Bool {
                // Only services that a need brought in (mark 2) can answer one.
                let text = scores[d]
                return browsing || marks[d] & (2 | Self.named) != 0
                    || !(text <= 0 || text < textFloor || (needsConfirmation && marks[d] & Self.confirmed == 0))
            }
            /// A candidate's rank key, known before the filters except for its place (without a place,
            /// none); nil when its text and need leave it out (``kept(_:)``).
            @inline(__always)
            func key(_ d32: UInt32) -> RankKey? { kept(Int(d32)) ? rankKey(d32) : nil }
            /// ``key(_:)`` of a candidate known to be kept.
            @inline(__always)
            func rankKey(_ d32: UInt32) -> RankKey {
                let d = Int(d32)
                let text = scores[d]
                var need: Float = 0, level: Int32 = 0
                if hasNeeds && marks[d] & 2 != 0 {
                    (need, level) = Self.need(of: d, categories: categories, needOfCategory: needOfCategory, needLevelOfCategory: needLevelOfCategory)
                }
                return RankKey(need: level, place: Int8(PlaceMatch.none.rank), named: marks[d] & Self.named != 0, text: text,
                               alpha: alphabeticalRank[d], doc: d32, needScore: need)
            }
            var unchecked = 0
            // Most candidates of a question with a place are elsewhere in the city: told by their bit sets
            // here, without a call to the full check. (Not when browsing: its candidates are the place's.)
            let outsideTold = !browsing && evaluator.canTellOutsidePlace
            for d32 in scratch.touched {
                // (The rank key only for a candidate that is kept: a service's need is the best of its
                // categories', a loop, and most candidates of a question with a place are elsewhere, or
                // closed when asked. Without a place in a large directory it is needed first, to compare,
                // and is then worked out again for one that passes: kept once in an optional, or in a
                // branch of its own, it counted 250 to 7,000 instructions more a search at Leeds and the
                // same at a million, where this path is seldom reached.)
                guard kept(Int(d32)), !(outsideTold && evaluator.isOutsidePlace(Int(d32))) else { continue }
                if bounded, let worst = main.threshold, !RankKey.better(rankKey(d32), worst) {
                    unchecked += 1
                    continue
                }
                guard let outcome = evaluator.evaluate(Int(d32)), outcome.open else { continue }
                var key = rankKey(d32)
                key.place = Int8(outcome.place.rank)
                if outcome.place == .neighbouring { nearby.insert(key) } else { main.insert(key) }
            }

            var results: [SearchResult] = []
            results.reserveCapacity(min(max(0, request.limit), 100))
            for key in main.sortInPlace().dropFirst(skipped) { results.append(result(key, relaxation: nil, terms: terms)) }
            let total = main.seen
            var when: String { intent.when.map { $0.label.hasPrefix("open ") ? String($0.label.dropFirst(5)) : $0.label } ?? "" }
            // A service the question names, left out only by the time asked, is said to be closed then,
            // with when it opens (`is rawdon free shop open saturday` showed other services, silently).
            if let from = windows?.first?.lowerBound, !intent.namedServices.isEmpty {
                var said: [String] = []
                for d in intent.namedServices where !main.heap.contains(where: { $0.doc == d }) {
                    guard let o = evaluator.evaluate(Int(d)), !o.open, o.place != .neighbouring else { continue }
                    let s = snapshot.service(Int(d))
                    guard !said.contains(s.name) else { continue }
                    said.append(s.name)
                    // (Its weekly hours, not a label relative to the day asked: `opens tomorrow` read as the
                    // day after today.) A closure on the day asked is the reason, said (`is not open Fri 26
                    // Dec; its hours: Mon-Fri` hid its "Closed for Christmas").
                    let hours = s.openingHours
                    let closure = hours.closures(from: LocalDate(wallMinute: from), days: 1).first
                    notices.append(closure.map { "\(s.name) is not open \(when): \($0.prefix(1).lowercased() + $0.dropFirst()); its usual hours: \(hours.weeklySummary)." }
                                   ?? "\(s.name) is not open \(when); its hours: \(s.hoursStatus(atWallMinute: from).weekly).")
                }
            }
            // A service the question names that is closed, or whose listed hours have ended, is said to be
            // (`Owlcotes Food Bank`, temporarily closed, was silently absent).
            // (Not when another service of the same name is shown: "Upper Armley Food Bank is left out" above
            // an Upper Armley Food Bank.)
            var gone: [String] = []
            // (Every service of a name typed is among the named services: only those shown are decoded,
            // and only when one is left out. Not a `lazy var`: its closure put `main` in a box on the heap.)
            let shownHeap = main.heap
            var shown: Set<String>? = nil
            for d in intent.namedServices where !shownHeap.contains(where: { $0.doc == d }) {
                let s = snapshot.service(Int(d))
                if shown == nil {
                    shown = Set(intent.namedServices.filter { d in shownHeap.contains { $0.doc == d } }.map { snapshot.service(Int($0)).name.lowercased() })
                }
                guard !gone.contains(s.name), !shown!.contains(s.name.lowercased()) else { continue }
                if s.status != .active {
                    gone.append(s.name)
                    notices.append("\(s.name) is \(s.status == .temporarilyClosed ? "temporarily closed" : "closed"), the directory says.")
                } else if !request.includeExpired && snapshot.columns.hours.hasExpired(Int(d), before: today) {
                    gone.append(s.name)
                    notices.append("\(s.name) is left out: the hours the directory lists for it have ended.")
                }
            }
            if total == 0 {
                // The language asked for in the question, when it is part of why (`Nothing matches in Wetherby`
                // for `food bank in wetherby in polish`, where nothing anywhere is offered in Polish).
                let offered = request.filters.languages.isEmpty && !intent.languages.isEmpty ? " offered in \(intent.languages.joined(separator: " or "))" : ""
                if hasPlace && windows != nil {
                    notices.append("Nothing\(offered) is open \(when) \(intent.place!.label).")
                } else if hasPlace {
                    // The words asked for, when there are some and no need (`Nothing matches in Harehills` read
                    // as if Harehills had nothing at all, for `CAB Harehills`).
                    let typed = intent.searchTerms.filter { $0.origin == .typed || $0.origin == .corrected }.map(\.display)
                    notices.append(typed.isEmpty || hasNeeds ? "Nothing\(offered) matches \(intent.place!.label)."
                                   : "Nothing\(offered) matches \"\(typed.joined(separator: " "))\" \(intent.place!.label).")
                } else if windows != nil {
                    notices.append(offered.isEmpty ? "Nothing matches that is open \(when)." : "Nothing\(offered) is open \(when).")
                } else if filtersExplain {
                    // A filter nothing has ("No service is offered in Klingon.") already says why.
                } else if !intent.languages.isEmpty && request.filters.isEmpty {
                    notices.append("Nothing matches that is offered in \(intent.languages.joined(separator: " or ")).")
                } else if !request.filters.isEmpty {
                    // Say which filters: the words alone may well match (the README's example did).
                    notices.append("Nothing matches \(request.text.isEmpty ? "" : "\"\(request.text)\" ")with these filters: \(request.filters.summary).")
                } else if request.text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
                    notices.append("Nothing matches \"\(request.text)\".")
                }
            }
            if let said = wholeCityNotice(results) { notices.append(said) }
            // Relaxations, labelled: neighbouring wards (same time) first, then other times (only
            // when the first found nothing, so one heading at most).
            var heading: String? = nil
            if results.count < request.limit && request.offset == 0 && hasPlace && nearby.seen > 0 {
                // (A place of one ward, as most are: its neighbours' names made once, with the searcher.)
                let names = placeOfOneWard
                    ? searcher.parts.neighbourNames[placeWards[0]]
                    : Searcher.Parts.names(of: neighbourWards(wardFlags), among: searcher.parts.gazetteer.wards)
                heading = total == 0
                    ? "Showing \(windows == nil ? "" : "services open \(when) ")in neighbouring wards (\(names)) instead:"
                    : "Also in neighbouring wards (\(names)):"
                for key in nearby.sortInPlace().prefix(request.limit - results.count) {
                    results.append(result(key, relaxation: .place, terms: terms))
                }
            }
            if total == 0 && results.isEmpty && windows != nil && request.offset == 0 {
                // The services that open at other times, in the place and in neighbouring wards, gathered
                // only now, in a second pass over the candidates (kept on the way, they cost every search
                // with a time a list of appends).
                for d32 in scratch.touched {
                    guard var key = key(d32), let outcome = evaluator.evaluate(Int(d32)), !outcome.open,
                          evaluator.opensSometime(Int(d32)) else { continue }
                    key.place = Int8(outcome.place.rank)
                    if outcome.place == .neighbouring { scratch.otherTimesNearby.append(key) } else { scratch.otherTimes.append(key) }
                }
                if !scratch.otherTimes.isEmpty {
                    let shown = soonest(scratch.otherTimes)
                    // (Services that only serve the whole city are not said to be in the place: `youth club seacroft`
                    // headed a Hunslet service "Showing services in Seacroft ...".)
                    if hasPlace && shown.allSatisfy({ $0.place == Int8(PlaceMatch.servesCity.rank) }) {
                        heading = "Showing services that serve the whole city, none of them in \(intent.place!.name) itself, that are open at other times instead:"
                    } else {
                        heading = "Showing services \(hasPlace ? intent.place!.label + " " : "")that are open at other times instead:"
                    }
                    for key in shown { results.append(result(key, relaxation: .time, terms: terms)) }
                } else if !scratch.otherTimesNearby.isEmpty {
                    heading = "Showing services in neighbouring wards of \(intent.place!.name) that are open at other times instead:"
                    for key in soonest(scratch.otherTimesNearby) { results.append(result(key, relaxation: .placeAndTime, terms: terms)) }
                }
            }
            if let heading { notices.append(heading) }
            var response = SearchResponse(intent: intent, results: results, totalMatches: total, totalIsExact: unchecked == 0,
                                          notices: notices, now: 0, wallNow: 0, timeLabel: nil, candidates: scratch.touched.count)
            response.relaxationHeading = heading
            // (The heaps' storage back to the scratch, for the next search.)
            scratch.mainHeap = main.heap
            scratch.nearbyHeap = nearby.heap
            return response
        }
    }

    /// Every result found only because it serves the whole city, said (`youth club Seacroft` listed
    /// Otley and Rawdon, and nothing said none was in Seacroft); nil otherwise, and for a later page.
    private func wholeCityNotice(_ results: [SearchResult]) -> String? {
        // (The results first: the place is copied, with its names and wards, only when it is said.)
        guard request.offset == 0, !results.isEmpty, results.allSatisfy({ $0.placeMatch == .servesCity }),
              let place = intent.place, place.kind != .city else { return nil }
        return "None of these is in \(place.name) itself: they serve the whole city."
    }

    /// A bank holiday in the time asked: services whose hours say they close then are left out, but
    /// most directories say nothing about bank holidays, so a worker is told to phone first (a list of 48
    /// food banks "open" on Christmas Day carried no word of it). A time within one day counts for that
    /// day; a longer one for the days whose daytime (08:00-20:00) it covers: `tonight` on Christmas Eve
    /// is not Christmas.
    ///
    /// - Complexity: O(days asked), at most eight per window.
    static func bankHolidayNotices(_ windows: [Range<Int64>]) -> [String] {
        // (A few days at most: a list, not a set.)
        var holidays: [LocalDate] = []
        func add(_ d: Int64) {
            // (By day number: a date is made only for a holiday.)
            guard BankHolidays.isHoliday(dayNumber: Int(d)) else { return }
            let day = LocalDate(dayNumber: Int(d))
            if !holidays.contains(day) { holidays.append(day) }
        }
        for w in windows where w.upperBound - w.lowerBound <= 8 * 1440 {
            let first = CivilTimeZone.floorDiv(w.lowerBound, 1440), last = CivilTimeZone.floorDiv(w.upperBound - 1, 1440)
            // Within one day, that day, whatever the time (`9pm on Christmas Day`, `open now`).
            if first == last { add(first); continue }
            for d in first...last where w.overlaps((d * 1440 + 480)..<(d * 1440 + 1200)) { add(d) }
        }
        holidays.sort()
        guard !holidays.isEmpty else { return [] }
        let said = holidays.map(TimeExpressions.label(for:))
        let list = Wording.list(said)
        return ["\(list) \(said.count == 1 ? "is a bank holiday" : "are bank holidays"): services whose hours say they close then are left out, "
                + "but many do not say; phone first."]
    }

    /// The best text score among the candidates (0 when none is above it).
    ///
    /// Four running maxima rather than one: one chained every candidate's comparison on the last (the
    /// loop was a fifth of the candidate pass). Any order picks the same value.
    ///
    /// - Complexity: O(candidates).
    static func bestScore(of touched: TouchedServices, in scores: [Float]) -> Float {
        // (Scores are never NaN: `max`'s care for it cost five instructions a candidate, this one.)
        @inline(__always) func larger(_ a: Float, _ b: Float) -> Float { a > b ? a : b }
        let docs = touched.buffer
        return scores.withUnsafeBufferPointer { scores in
            var m0: Float = 0, m1: Float = 0, m2: Float = 0, m3: Float = 0
            var k = 0
            while k + 4 <= docs.count {
                m0 = larger(m0, scores[Int(docs[k])]); m1 = larger(m1, scores[Int(docs[k + 1])])
                m2 = larger(m2, scores[Int(docs[k + 2])]); m3 = larger(m3, scores[Int(docs[k + 3])])
                k += 4
            }
            while k < docs.count { m0 = larger(m0, scores[Int(docs[k])]); k += 1 }
            return larger(larger(m0, m1), larger(m2, m3))
        }
    }

    /// Services open at other times: by need and place as everywhere, then the soonest to open after
    /// the time asked (the best ranked by text whenever they opened came first: `food bank at 5` showed
    /// one opening Monday before four opening at 18:00 that day); `limit` of them.
    ///
    /// - Complexity: O(k log k) for the k services that open at other times, and the opening times of
    ///   the need-and-place groups that fill the page.
    private func soonest(_ keys: [RankKey]) -> [RankKey] {
        let hours = searcher.parts.snapshot.columns.hours
        guard let from = windows?.first?.lowerBound, request.limit > 0 else { return [] }
        // By need and place first, as everywhere; the time to opening decides within them. Only the
        // groups needed to fill the page are timed (a walk over compiled hours is not free).
        let ranked = keys.sorted(by: RankKey.better)
        var out: [RankKey] = []
        var k = 0
        while k < ranked.count && out.count < request.limit {
            var end = k
            while end < ranked.count && RankKey.sameGroup(ranked[end], ranked[k]) { end += 1 }
            let group = ranked[k..<end].map { ($0, hours.minutesUntilOpen(Int($0.doc), atWallMinute: from) ?? Int64.max) }
            out += group.sorted { a, b in a.1 != b.1 ? a.1 < b.1 : RankKey.better(a.0, b.0) }.prefix(request.limit - out.count).map(\.0)
            k = end
        }
        return out
    }

    private func result(_ key: RankKey, relaxation: Relaxation?, terms: [ResolvedTerm]) -> SearchResult {
        var matches: [TermMatch] = []
        if request.explain {
            for t in terms {
                let lo = Int(columns.postings.offsets[t.id]), hi = Int(columns.postings.offsets[t.id + 1])
                // Binary search for the document in the posting list.
                var a = lo, b = hi
                while a < b {
                    let m = (a + b) / 2
                    if columns.postings.values[m] < key.doc { a = m + 1 } else { b = m }
                }
                guard a < hi, columns.postings.values[a] == key.doc else { continue }
                let mask = columns.postingFields[a]
                let fields = IndexField.allCases.filter { mask & (1 << UInt8($0.rawValue)) != 0 }
                let term = intent.searchTerms[t.source]
                matches.append(TermMatch(term: term.term, display: term.display, origin: term.origin, fields: fields,
                                         score: t.weight * columns.postingScores[a]))
            }
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
        var r = SearchResult(document: Int(key.doc), store: columns.store, textScore: key.text, needScore: Double(key.needScore),
                             placeMatch: place, relaxation: relaxation, matches: matches)
        r.namedInQuestion = key.named
        return r
    }
}

/// The exact filters of one search, applied to one candidate: status, explicit filters, place and
/// time. Shared by the full evaluation and the tiered one.
///
/// A value, made once a search and read in place (it was a class, for its closures to capture one
/// reference: its allocation and the reference counting of it counted more, about 400 instructions a
/// question, than the non-escaping closures' reads of the value).
struct Evaluator {
    // The snapshot's columns, through the one reference that holds them (copying the two dozen
    // arrays into each search's evaluator cost about half a microsecond of reference counting).
    let columns: _SnapshotColumns
    var status: [UInt8] { columns.status }
    var servesWholeCity: [Bool] { columns.servesWholeCity }
    var referral: [UInt8] { columns.referral }
    var cost: [UInt8] { columns.cost }
    var locatedWards: CompactLists<UInt16> { columns.locatedWards }
    var servedWards: CompactLists<UInt16> { columns.servedWards }
    var wardBits: [UInt64] { columns.wardBits }
    var districts: CompactLists<UInt16> { columns.districts }
    var categories: CompactLists<UInt16> { columns.categories }
    var languages: CompactLists<UInt16> { columns.languages }
    var minimumAge: [Int16] { columns.minimumAge }
    var maximumAge: [Int16] { columns.maximumAge }
    var hours: HoursColumn { columns.hours }
    /// The scalar filters (the whole ``SearchFilters`` is not kept: it holds four arrays).
    let freeOnly: Bool
    let age: Int?
    let ages: ClosedRange<Int>?
    let wardFilter: [Bool]?, categoryFilter: [Bool]?, languageFilter: [Bool]?, referralFilter: [Bool]?
    let freeCode: UInt8, activeCode: UInt8
    let hasPlace: Bool
    let wardFlags: [UInt8]
    /// The place's wards and their neighbours as bit sets, to test against the columns' ``_SnapshotColumns/wardBits``
    /// (when it has them).
    let placeBits: UInt64, neighbourBits: UInt64
    let district: UInt16?
    /// The time windows asked for (read only when `hasWindows`; not optional, so that a check does
    /// not copy it).
    let windows: [Range<Int64>]
    /// The same windows as minute-of-week spans and hours, worked out once (``HoursColumn/weekWindow(of:)``).
    let weekWindow: WeekWindow
    let hasWindows: Bool
    let includeExpired: Bool
    let today: Int

    init(snapshot s: IndexSnapshot, freeOnly: Bool, age: Int?, ages: ClosedRange<Int>?, wardFilter: [Bool]?, categoryFilter: [Bool]?, languageFilter: [Bool]?,
         referralFilter: [Bool]?, freeCode: UInt8, activeCode: UInt8, hasPlace: Bool, wardFlags: [UInt8], district: UInt16?,
         windows: [Range<Int64>]?, includeExpired: Bool, today: Int) {
        columns = s.columns
        self.freeOnly = freeOnly
        self.age = age
        self.ages = ages
        self.wardFilter = wardFilter; self.categoryFilter = categoryFilter; self.languageFilter = languageFilter
        self.referralFilter = referralFilter; self.freeCode = freeCode; self.activeCode = activeCode
        self.hasPlace = hasPlace; self.wardFlags = wardFlags; self.district = district
        var inPlace: UInt64 = 0, inNeighbour: UInt64 = 0
        for (w, flag) in wardFlags.prefix(hasPlace ? 64 : 0).enumerated() {
            if flag == Plan.inPlace { inPlace |= 1 << UInt64(w) } else if flag == Plan.inNeighbour { inNeighbour |= 1 << UInt64(w) }
        }
        placeBits = inPlace; neighbourBits = inNeighbour
        self.windows = windows ?? []; hasWindows = windows != nil
        weekWindow = HoursColumn.weekWindow(of: windows ?? [])
        self.includeExpired = includeExpired; self.today = today
        filtered = wardFilter != nil || categoryFilter != nil || languageFilter != nil || referralFilter != nil || freeOnly || age != nil || ages != nil
    }

    /// Whether any filter beyond status, place and time applies (most questions have none: each of
    /// their candidates skips the seven checks at once).
    let filtered: Bool

    struct Outcome {
        var place: PlaceMatch
        /// Open when asked (always true when no time was asked).
        var open: Bool
    }

    /// The candidate's place and whether it is open when asked, or nil when a filter leaves it out.
    ///
    /// - Complexity: O(locations + categories + log(weekly intervals)).
    @inline(__always)
    func evaluate(_ d: Int) -> Outcome? {
        guard status[d] == activeCode else { return nil }
        if filtered, !passesFilters(d) { return nil }
        let place = hasPlace ? self.place(d) : PlaceMatch.none
        if hasPlace && place == .none { return nil }
        var open = true
        if hasWindows {
            open = hours.isOpen(d, in: windows, window: weekWindow)
        } else if !includeExpired && hours.hasExpired(d, before: today) {
            return nil
        }
        return Outcome(place: place, open: open)
    }

    /// Whether a candidate opens at some time (not by appointment, not expired): one closed when asked
    /// can be offered "at other times".
    func opensSometime(_ d: Int) -> Bool { !hours.hasExpired(d, before: today) && !hours.isByAppointment(d) }

    /// Whether the candidate passes the explicit filters (ward, category, language, referral, cost, age).
    ///
    /// - Complexity: O(locations + categories + languages).
    @inline(__always)
    private func passesFilters(_ d: Int) -> Bool {
        if let wardFilter {
            var ok = servesWholeCity[d]
            if !ok { for w in locatedWards[d] where wardFilter[Int(w)] { ok = true; break } }
            if !ok { for w in servedWards[d] where wardFilter[Int(w)] { ok = true; break } }
            if !ok { return false }
        }
        if let categoryFilter {
            var ok = false
            for c in categories[d] where categoryFilter[Int(c)] { ok = true; break }
            if !ok { return false }
        }
        if let languageFilter {
            var ok = false
            for l in languages[d] where languageFilter[Int(l)] { ok = true; break }
            if !ok { return false }
        }
        if let referralFilter, !referralFilter[Int(referral[d])] { return false }
        if freeOnly && cost[d] != freeCode { return false }
        if let age {
            let lo = minimumAge[d], hi = maximumAge[d]
            if lo >= 0 && age < Int(lo) { return false }
            if hi >= 0 && age > Int(hi) { return false }
        }
        if let ages {
            let lo = minimumAge[d] >= 0 ? Int(minimumAge[d]) : 0, hi = maximumAge[d] >= 0 ? Int(maximumAge[d]) : 200
            if hi < ages.lowerBound || lo > ages.upperBound { return false }
        }
        return true
    }

    /// Whether ``isOutsidePlace(_:)`` can be asked: a place and the columns' ward bit sets.
    var canTellOutsidePlace: Bool { hasPlace && !wardBits.isEmpty }

    /// Whether a service is neither in the place asked for, nor serving it or the whole city, nor in a
    /// neighbouring ward, nor in the postcode district asked for (``place(_:)`` would say `.none`): from
    /// its ward bit sets, and its districts only when those leave it out (a question with a postcode
    /// district checked every candidate in full, all but a few of them elsewhere in the city). Only when
    /// ``canTellOutsidePlace``.
    ///
    /// - Complexity: O(1), or O(districts of the service) with a district.
    @inline(__always)
    func isOutsidePlace(_ d: Int) -> Bool {
        let bits = wardBits
        guard (bits[2 &* d] & (placeBits | neighbourBits)) | (bits[2 &* d &+ 1] & placeBits) == 0 && !servesWholeCity[d] else { return false }
        if let district { return !districts.contains(d, district) }
        return true
    }

    /// How a service relates to the place asked for (`.none`: not at all).
    ///
    /// - Complexity: O(1) with the columns' ward bit sets (a city of up to 64 wards); otherwise
    ///   ``placeByLists(_:)``'s.
    @inline(__always)
    func place(_ d: Int) -> PlaceMatch {
        let bits = wardBits
        if bits.isEmpty { return placeByLists(d) }
        if let district, districts.contains(d, district) { return .inDistrict }
        let located = bits[2 &* d]
        if located & placeBits != 0 { return .located }
        if bits[2 &* d &+ 1] & placeBits != 0 { return .servesWard }
        if servesWholeCity[d] { return .servesCity }
        if located & neighbourBits != 0 { return .neighbouring }
        return .none
    }

    /// ``place(_:)`` read from the service's lists of wards (a city of more than 64 wards, and the
    /// reference the bit sets are tested against).
    ///
    /// - Complexity: O(located + served wards).
    func placeByLists(_ d: Int) -> PlaceMatch {
        var located: UInt8 = 0
        for w in locatedWards[d] { located |= wardFlags[Int(w)] }
        if let district, districts.contains(d, district) { return .inDistrict }
        if located & Plan.inPlace != 0 { return .located }
        for w in servedWards[d] where wardFlags[Int(w)] == Plan.inPlace { return .servesWard }
        if servesWholeCity[d] { return .servesCity }
        if located & Plan.inNeighbour != 0 { return .neighbouring }
        return .none
    }
}

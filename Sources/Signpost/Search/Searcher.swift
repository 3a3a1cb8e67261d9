import Synchronization

/// Answers searches on one immutable ``IndexSnapshot``: understands the query, retrieves candidates
/// from the posting lists and the category and place columns, filters them (status, expiry, time,
/// age, cost, language, referral), ranks them and returns the top ones.
///
/// Ranking, in order: how well the service's categories match the needs recognised; how it relates
/// to the place asked for (in the postcode district, located in the ward, serving it, serving the
/// whole city); BM25F text relevance; then name, alphabetically.
public struct Searcher: Sendable {
    /// Everything a search reads, held once: a searcher (and each search's plan) copies one reference.
    /// (The search reads these through `parts`: the public properties below return copies, a retain
    /// and a release of every array and dictionary of a parser or a gazetteer.)
    final class Parts: Sendable {
        let snapshot: IndexSnapshot
        let parser: QueryParser
        let gazetteer: Gazetteer
        let zone: CivilTimeZone
        let conceptCategories: [[UInt16]]
        let wardNeighbours: [[Int]]
        /// Per ward id: its neighbours' names, sorted and joined, as the heading of neighbouring wards'
        /// results says them for a place of that one ward (made per search, they were 1 % of a question's
        /// instructions, counted).
        let neighbourNames: [String]
        let scratch: _ScratchPool
        /// Per term number: its BM25 idf in the snapshot, worked out once (a logarithm per term of every
        /// search was 1 % of its time).
        let idf: [Float]
        /// The categories a category filter's value names, by ``Gazetteer/key(_:)`` of their codes and
        /// names, made once (a search with a category filter worked out both keys of every category,
        /// each an allocated string: with their allocations, 45 % of browsing Leeds by filters, counted).
        let categoriesByKey: [String: [UInt16]]

        /// Wards' names (each ward listed once) in alphabetical order, joined: how the heading of
        /// neighbouring wards' results names them.
        @inline(__always)
        static func names(of ids: [Int], among wards: [Ward]) -> String {
            Wording.joined(ids.map { wards[$0].name }.sorted(), separator: ", ")
        }

        init(snapshot: IndexSnapshot, parser: QueryParser, gazetteer: Gazetteer, zone: CivilTimeZone, conceptCategories: [[UInt16]]) {
            self.snapshot = snapshot
            self.parser = parser
            self.gazetteer = gazetteer
            self.zone = zone
            self.conceptCategories = conceptCategories
            wardNeighbours = gazetteer.wards.map(\.neighbours)
            neighbourNames = gazetteer.wards.indices.map { w in
                var seen: Set<Int> = [w]
                return Self.names(of: gazetteer.wards[w].neighbours.filter { $0 < snapshot.wardNames.count && seen.insert($0).inserted }, among: gazetteer.wards)
            }
            scratch = _ScratchPool(size: snapshot.documentCount, categories: snapshot.categoryCodes.count, wards: snapshot.wardNames.count)
            let n = snapshot.documentCount
            idf = (0..<snapshot.terms.count).map { BM25.idf(docFrequency: snapshot.documentFrequency(id: $0), documents: n) }
            var byKey: [String: [UInt16]] = [:]
            for (i, code) in snapshot.categoryCodes.enumerated() {
                for key in [Gazetteer.key(code), Gazetteer.key(snapshot.categoryNames[i])] where byKey[key]?.last != UInt16(i) {
                    byKey[key, default: []].append(UInt16(i))
                }
            }
            categoriesByKey = byKey
        }
    }

    let parts: Parts
    public var snapshot: IndexSnapshot { parts.snapshot }
    public var parser: QueryParser { parts.parser }
    public var gazetteer: Gazetteer { parts.gazetteer }
    public var zone: CivilTimeZone { parts.zone }
    /// Per thesaurus concept: the snapshot's category ids it maps to.
    var conceptCategories: [[UInt16]] { parts.conceptCategories }
    /// Per ward id: its neighbours (read per search without copying the gazetteer's wards).
    var wardNeighbours: [[Int]] { parts.wardNeighbours }

    public init(snapshot: IndexSnapshot, parser: QueryParser, gazetteer: Gazetteer, zone: CivilTimeZone = .london) {
        // Each concept's categories: by code; for a taxonomy that does not use these codes (a
        // spreadsheet's category names, another city's taxonomy), by the names of its categories
        // matching the phrases of the concepts that own those codes. A name goes to the code whose
        // phrases cover most of it ("Digital skills & IT access" is digital skills, not access).
        // (Every category whose code the thesaurus does not use is mapped by its name, onto any code,
        // as the import check decides which categories a need finds: a directory that mostly uses
        // `food-bank` and once `{code: FB01, name: "Food banks"}` finds both.)
        let concepts = parser.concepts.thesaurus.concepts
        var byCode: [String: [UInt16]] = [:]
        for code in concepts.flatMap(\.categories) { if let id = snapshot.categoryIDs[code] { byCode[code] = [id] } }
        let byName = CategoryMapping(thesaurus: parser.concepts.thesaurus, analyzer: parser.analyzer)
        for (i, name) in snapshot.categoryNames.enumerated() where !byName.knownCodes.contains(snapshot.categoryCodes[i]) {
            for k in byName.bestCodes(forName: name) { byCode[byName.codes[k], default: []].append(UInt16(i)) }
        }
        var mapping: [[UInt16]] = []
        for c in concepts {
            var ids: [UInt16] = []
            for code in c.categories { for id in byCode[code] ?? [] where !ids.contains(id) { ids.append(id) } }
            mapping.append(ids)
        }
        parts = Parts(snapshot: snapshot, parser: parser, gazetteer: gazetteer, zone: zone, conceptCategories: mapping)
    }

    // MARK: - Categories

    /// Calls `body` with each category of the snapshot a category filter's value names: every category whose
    /// code or name has the value's key (the same code has the same key), and every category the kind of
    /// help of that name maps to (`food-bank` also finds a spreadsheet's "Food Banks" and "Foodbank", as a
    /// search for the words does). A category may come twice.
    func forEachCategory(named value: String, _ body: (Int) -> Void) {
        for i in parts.categoriesByKey[Gazetteer.key(value)] ?? [] { body(Int(i)) }
        if let ci = parts.parser.concepts.index(of: value) {
            for id in conceptCategories[ci] { body(Int(id)) }
        }
    }

    /// For a category filter's value that names no category of the directory but is a slip from one
    /// (`fodbank`, `debt`): the code meant. Nil for a value that names one, and for one near none (a
    /// category the directory no longer has is no mistake of the asker's: its search says so).
    public func misspeltCategory(_ value: String) -> String? {
        var hit = false
        forEachCategory(named: value) { _ in hit = true }
        return hit ? nil : CategoryHint.meant(value, codes: snapshot.categoryCodes)
    }

    // MARK: - Search

    /// Runs a search.
    ///
    /// - Complexity: O(Σ posting lengths of the query terms + candidates × filters + k log k).
    public func search(_ request: SearchRequest) -> SearchResponse {
        // A pasted page is not a question: only its first part is read, and the answer says so.
        // (The request is copied only then: a copy for every search retained its text and filters.)
        guard let cut = Self.readablePart(of: request.text) else { return answer(request) }
        var shortened = request
        shortened.text = cut
        var response = answer(shortened)
        response.notices.insert("Only the first \(Self.maximumQuestionLength) characters of the question were read.", at: 0)
        return response
    }

    /// The most of a question that is read, in characters. Questions are a sentence or two; a
    /// 10,000-character text took minutes to understand (matching places and phrases grows faster
    /// than the length), so front ends need not each guard against it. The HTTP API refuses longer.
    public static let maximumQuestionLength = 300

    /// The first ``maximumQuestionLength`` characters of a longer text, cut after the last word that
    /// fits; nil when the text is short enough.
    static func readablePart(of text: String) -> String? {
        guard text.utf8.count > maximumQuestionLength, text.count > maximumQuestionLength else { return nil }
        let head = text.prefix(maximumQuestionLength)
        if let space = head.lastIndex(where: \.isWhitespace), space > head.startIndex { return String(head[..<space]) }
        return String(head)
    }

    private func answer(_ request: SearchRequest) -> SearchResponse {
        let wallNow = zone.wallMinute(atUTC: request.now)
        let today = Int(CivilTimeZone.floorDiv(wallNow, 1440))
        var intent: QueryIntent
        if request.understand {
            // (Through `parts`: the `parser` property returns a copy, a retain of each of its parts.)
            intent = parts.parser.parse(request.text, now: wallNow, snapshot: parts.snapshot)
        } else {
            intent = QueryIntent(text: request.text)
            let analyzer = parts.parser.analyzer
            intent.searchTerms = analyzer.terms(analyzer.tokens(in: request.text)).map {
                SearchTerm(term: $0.text, display: $0.token.text, weight: 1, origin: .typed)
            }
        }
        // Time: explicit filters win over words.
        var windows: [Range<Int64>]? = intent.when?.windows
        var timeLabel = intent.when?.label
        // The question's time, when a filter's wins over it (said, as the age and language filters' are:
        // `open Saturday` with --open-now was dropped without a word).
        var timeLeftOut = request.time == nil ? nil : intent.when?.label
        if let t = request.time {
            switch t {
            case .openNow:
                windows = [wallNow..<(wallNow + 1)]
                timeLabel = "open now"
            case .openAt(let at):
                let w = zone.wallMinute(atUTC: at)
                windows = [w..<(w + 1)]
                timeLabel = "open at \(Self.describe(wall: w))"
            case .openBetween(let a, let b):
                windows = zone.wallRanges(fromUTC: a, to: b)
                timeLabel = "open between \(Self.describe(wall: zone.wallMinute(atUTC: a))) and \(Self.describe(wall: zone.wallMinute(atUTC: b)))"
            }
            intent.when = TimeIntent(kind: .window, label: timeLabel!, windows: windows!, words: [])
        }

        // Text with no word in it (`😀`, `'`) asks nothing: it is not a request to list everything.
        if intent.searchTerms.isEmpty && intent.needs.isEmpty && intent.place == nil && windows == nil && request.filters.isEmpty,
           intent.hasNoWords {
            return SearchResponse(intent: intent, results: [], totalMatches: 0, totalIsExact: true,
                                  notices: ["\"\(request.text)\" has no words to search for."], now: request.now, wallNow: wallNow,
                                  timeLabel: nil, candidates: 0)
        }
        if timeLeftOut == timeLabel { timeLeftOut = nil }
        let plan = Plan(searcher: self, request: request, intent: intent, windows: windows, today: today, timeLeftOut: timeLeftOut)
        var response = plan.run()
        finish(&response, request: request, intent: intent, windows: windows, wallNow: wallNow, today: today, timeLabel: timeLabel)
        return response
    }

    /// What is said of the time asked, the language fallback, and the response's clock. (Out of line:
    /// made in `answer` itself, the response was copied whole to be returned, its lists and strings
    /// retained and released.)
    @inline(never)
    private func finish(_ response: inout SearchResponse, request: SearchRequest, intent: QueryIntent, windows: [Range<Int64>]?,
                        wallNow: Int64, today: Int, timeLabel: String?) {
        // A time filter wholly before now (`--open-between` last week's dates) is said: the list is of
        // services open then (it was given without a word, as if for now).
        if request.time != nil, let last = windows?.map(\.upperBound).max(), last <= wallNow, let timeLabel {
            response.notices.insert("The time asked for (\(timeLabel)) has gone by: services open then are listed.", at: 0)
        }
        // Nothing matching offered in the language asked for: those that match otherwise, under a heading
        // that says so (a worker with a Polish speaker was left with nothing to offer at all; most
        // services can arrange an interpreter when asked).
        let languages = request.filters.languages.isEmpty ? intent.languages : request.filters.languages.map(Languages.englishName)
        if !languages.isEmpty && response.totalMatches == 0 && response.results.isEmpty && request.offset == 0 && request.limit > 0 {
            var wider = request, widerIntent = intent
            wider.filters.languages = []
            widerIntent.languages = []
            let found = Plan(searcher: self, request: wider, intent: widerIntent, windows: windows, today: today, timeLeftOut: nil).run()
                .results.filter { $0.relaxation == nil }
            if !found.isEmpty {
                let heading = "Showing services that do not list \(languages.joined(separator: " or ")) instead: ask them about an interpreter."
                response.results = found.map { var r = $0; r.relaxation = .language; return r }
                response.notices.append(heading)
                response.relaxationHeading = heading
            }
        }
        response.now = request.now
        response.wallNow = wallNow
        response.timeLabel = timeLabel
    }

    static func describe(wall: Int64) -> String {
        let day = CivilTimeZone.floorDiv(wall, 1440)
        let t = TimeOfDay(minutes: Int(wall - day * 1440))!
        return "\(TimeExpressions.label(for: LocalDate(dayNumber: Int(day)))) \(t)"
    }

    func borrowScratch<R>(_ body: (inout _Scratch) -> R) -> R { parts.scratch.with(body) }
}

/// A reusable score accumulator the size of the snapshot, so that a query does not allocate one.
struct _Scratch {
    var scores: [Float]
    var marks: [UInt8]
    /// The services a search reached, in the order reached (each once: a service is added only while
    /// its mark is 0, and marked then).
    var touched: TouchedServices
    /// Candidates open only at other times than asked, in the place and in neighbouring wards: kept
    /// with their capacity between searches (grown one by one, they were a dozen allocations a search).
    var otherTimes: [RankKey] = [], otherTimesNearby: [RankKey] = []
    /// Per category, the strongest need it answers and that need's level; per ward, where it is from
    /// the place asked (``Plan``'s tables, lent to one search at a time by ``lend(_:count:)``).
    var needOfCategory: [Float], needLevelOfCategory: [Int32], wardFlags: [UInt8]
    /// Lists a search fills and drops, kept with their capacity between searches (``lendList(_:)``):
    /// the need's categories, the terms resolved, the two heaps of results (each was an allocation a
    /// search).
    var needCategories: [Int] = [], terms: [Plan.ResolvedTerm] = [], mainHeap: [RankKey] = [], nearbyHeap: [RankKey] = []

    init(size: Int, categories: Int = 0, wards: Int = 0) {
        scores = [Float](repeating: 0, count: size)
        marks = [UInt8](repeating: 0, count: size)
        touched = TouchedServices(capacity: size)
        needOfCategory = [Float](repeating: 0, count: categories)
        needLevelOfCategory = [Int32](repeating: 0, count: categories)
        wardFlags = [UInt8](repeating: 0, count: wards)
    }

    /// A table of `count` zeros, taken from the scratch (which holds an empty one until it is given
    /// back); made anew only when the scratch's is of another size.
    ///
    /// - Complexity: O(count), a fill rather than an allocation.
    static func lend<T: Numeric>(_ kept: inout [T], count: Int) -> [T] {
        var table: [T] = []
        swap(&table, &kept)
        guard table.count == count else { return [T](repeating: 0, count: count) }
        table.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        return table
    }

    /// A list taken from the scratch, emptied with its capacity kept (the scratch holds an empty one
    /// until it is given back; one not given back, or still shared then, is grown anew next time).
    ///
    /// - Complexity: O(count) to empty it; no allocation once the scratch has held one.
    static func lendList<T>(_ kept: inout [T]) -> [T] {
        var list: [T] = []
        swap(&list, &kept)
        list.removeAll(keepingCapacity: true)
        return list
    }

    /// Runs `body` on the scratch. The search's last step is such a closure on purpose: written directly
    /// in the function, on its `inout` scratch, the same code counted about 6,000 instructions more a
    /// question (stop 27, every kind of query; the posting loops' closures then reach the scratch through
    /// the function's parameter).
    @inline(__always)
    static func lend<R>(_ scratch: inout _Scratch, _ body: (inout _Scratch) -> R) -> R { body(&scratch) }

    /// - Complexity: O(candidates touched).
    mutating func reset() {
        // (Through buffers: each write to an array checked it was not shared, twice per candidate.)
        scores.withUnsafeMutableBufferPointer { scores in
            marks.withUnsafeMutableBufferPointer { marks in
                for d in touched { scores[Int(d)] = 0; marks[Int(d)] = 0 }
            }
        }
        touched.removeAll()
        otherTimes.removeAll(keepingCapacity: true)
        otherTimesNearby.removeAll(keepingCapacity: true)
    }
}

/// The services one search reached, with room for every service of the snapshot: added to without
/// an array's checks that its storage is unshared and large enough (an array's `append` called into
/// the runtime for each of the few hundred services a question reaches, 2 % of its instructions).
///
/// Its storage is the scratch's, lent to one search at a time, and is never shared between two.
struct TouchedServices: Sequence {
    private final class Storage {
        let base: UnsafeMutablePointer<UInt32>
        let capacity: Int
        init(capacity: Int) {
            self.capacity = capacity
            // (One slot more than can be added: ``append(_:if:)`` writes there before it knows.)
            base = .allocate(capacity: capacity + 1)
        }
        deinit { base.deallocate() }
    }
    private let storage: Storage
    /// How many services were added.
    private(set) var count = 0

    init(capacity: Int) { storage = Storage(capacity: capacity) }

    /// Adds a service (the caller's marks keep each one to once, so there is always room).
    /// - Complexity: O(1).
    @inline(__always)
    mutating func append(_ d: UInt32) { append(d, if: true) }

    /// Adds a service when `condition` holds, without a branch: the slot past the last is written
    /// either way, and counted only then. In the posting lists' loop whether a service is new is a
    /// coin toss the processor cannot learn, and a guess missed costs more than the write.
    /// - Complexity: O(1).
    @inline(__always)
    mutating func append(_ d: UInt32, if condition: Bool) {
        precondition(count < storage.capacity || !condition, "a service was added twice to a search's candidates")
        storage.base[count] = d
        count &+= condition ? 1 : 0
    }

    mutating func removeAll() { count = 0 }

    /// The services added, in order (valid until the next change).
    var buffer: UnsafeBufferPointer<UInt32> { UnsafeBufferPointer(start: storage.base, count: count) }

    func makeIterator() -> UnsafeBufferPointer<UInt32>.Iterator { buffer.makeIterator() }
}

final class _ScratchPool: Sendable {
    private let size: Int, categories: Int, wards: Int
    private let free = Mutex<[_Unchecked<_Scratch>]>([])

    init(size: Int, categories: Int = 0, wards: Int = 0) {
        self.size = size
        self.categories = categories
        self.wards = wards
    }

    func with<R>(_ body: (inout _Scratch) -> R) -> R {
        // (Held in an optional and taken out to be given back: a copy, `let kept = s`, retained and
        // released each of its seven arrays.)
        var s: _Scratch? = free.withLock { $0.popLast()?.value } ?? _Scratch(size: size, categories: categories, wards: wards)
        let result = body(&s!)
        s!.reset()
        free.withLock { if $0.count < 8, let kept = s.take() { $0.append(_Unchecked(value: kept)) } }
        return result
    }
}

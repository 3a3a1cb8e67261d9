/// Understands a query typed into one search box: corrects spelling, takes out the words that say
/// *when* and *where*, recognises the kind of help, and leaves the rest to be searched as text.
///
/// ```swift
/// let intent = parser.parse("benifits advise Harehils open saterday", now: wallMinute)
/// intent.summary   // "benefits advice · in Harehills (Gipton & Harehills) · open Sat 15 Nov"
/// ```
public struct QueryParser: Sendable {
    public let analyzer: Analyzer
    public let speller: Speller
    public let places: PlaceRecognizer
    public let concepts: ConceptRecognizer
    /// Words that carry no meaning in a search box (`services`, `please`), on top of the stop words.
    static let filler: Set<String> = ["service", "services", "somewhere", "something", "place", "places",
                                      "anywhere", "info", "information", "local", "available", "nearest",
                                      "closest", "urgently", "urgent", "asap", "today's", "todays", "whats",
                                      "there", "where", "were", "wheres", "how", "when", "who", "which", "ive", "im", "only"]

    /// Per concept: its expansion terms that occur in the snapshot the parser was built for.
    /// With each term's number in that snapshot (-1 when not known) and its share of the need's expansion
    /// weight (``ConceptRecognizer/expansionShare(_:_:)``).
    private let expansions: [[(term: String, display: String, id: Int32, share: Float)]]?
    /// Every word in `stems`, with what the parser asks of it, for one lookup per typed word.
    let lexicon: QueryLexicon

    /// - Parameter expansions: per concept, the expansion terms to search, each at the whole of a need's
    ///   expansion weight (nil: the recogniser's own, each at its ``ConceptRecognizer/expansionShare(_:_:)``).
    public init(analyzer: Analyzer, speller: Speller, places: PlaceRecognizer, concepts: ConceptRecognizer,
                stems: [String: String] = [:], expansions: [[(term: String, display: String)]]? = nil) {
        self.init(analyzer: analyzer, speller: speller, places: places, concepts: concepts, stems: stems,
                  numberedExpansions: expansions?.map { $0.map { ($0.term, $0.display, Int32(-1), Float(1)) } })
    }

    init(analyzer: Analyzer, speller: Speller, places: PlaceRecognizer, concepts: ConceptRecognizer,
         stems: [String: String], numberedExpansions expansions: [[(term: String, display: String, id: Int32, share: Float)]]?,
         snapshot: IndexSnapshot? = nil) {
        self.analyzer = analyzer
        self.speller = speller
        self.places = places
        self.concepts = concepts
        self.expansions = expansions
        lexicon = QueryLexicon(stems: stems, analyzer: analyzer, speller: speller, places: places, concepts: concepts,
                               filler: Self.filler, snapshot: snapshot)
    }

    /// Flags of words that are no content of a question (one value, not a literal per word).
    static let noContent: QueryLexicon.Flags = [.stop, .filler]
    /// The first words of `walk in`, `drop in` and `dropin` (one lookup a word, not three comparisons).
    static let turningUpWords: WordSet = ["walk", "drop", "dropin"]
    static let mayFollowPlace: QueryLexicon.Flags = [.stop, .filler, .canSayTime]
    static let saysTime: QueryLexicon.Flags = [.timeVocabulary, .canSayTime]

    /// Builds a parser whose speller knows the directory's words and every domain word.
    public init(analyzer: Analyzer, snapshot: IndexSnapshot, gazetteer: Gazetteer, thesaurus: Thesaurus) {
        let places = PlaceRecognizer(gazetteer: gazetteer)
        let concepts = ConceptRecognizer(thesaurus: thesaurus, analyzer: analyzer)
        var domain = places.vocabulary
        domain.formUnion(concepts.vocabulary(analyzer: analyzer))
        domain.formUnion(TimeExpressions.vocabulary)
        // Weekday abbreviations are words, not typos (`weds` was corrected to `beds`).
        domain.formUnion(Weekday.names.filter { $0.count >= 3 })
        var known = snapshot.surfaceWords
        for w in analyzer.stopWords.words { known[w, default: 0] += 1 }
        for w in Self.filler { known[w, default: 0] += 1 }
        var stems: [String: String] = [:]
        for w in known.keys { stems[w] = analyzer.stem(w) }
        for w in domain { stems[w] = analyzer.stem(w) }
        let expansions = concepts.expansionTerms.enumerated().map { ci, list in
            list.enumerated().compactMap { k, e in snapshot.termID(e.term).map { (e.term, e.display, $0, concepts.expansionShare(ci, k)) } }
        }
        // Correct words are not typos, though the directory may not use them.
        self.init(analyzer: analyzer, speller: Speller(vocabulary: known, domainWords: domain, protectedWords: EnglishWords.british), places: places,
                  concepts: concepts, stems: stems, numberedExpansions: expansions, snapshot: snapshot)
    }

    /// The facts the lexicon holds about a word, worked out now for a word it does not hold (its term
    /// number then from `snapshot`).
    private func newEntry(for word: String, snapshot: IndexSnapshot) -> QueryLexicon.Entry {
        QueryLexicon.entry(word, stem: stem(word), analyzer: analyzer, speller: speller, places: places,
                           concepts: concepts, filler: Self.filler, snapshot: snapshot)
    }

    /// A correct word the directory does not use, corrected only where the correction makes a need's
    /// phrase with the word before or after it (`mental heath`, `dept advice`, `hosing advice`): the
    /// word list keeps `vape` and `wife` as typed, and so kept these too.
    ///
    /// So too a word of three letters the speller does not know, which it otherwise leaves alone (`fod
    /// bank`), to a need's word one edit away, else two (`fud bank`: a vowel for two).
    private func phraseCorrection(of word: String, at i: Int, in tokens: [Token], after corrected: [String]) -> String? {
        // (The test made into a closure only for the speller, which keeps it: made first, it copied the
        // recogniser, lexicon and analyser for every word this then left alone.)
        if word.utf8.count == 3 {
            guard !speller.isKnown(word) else { return nil }
            // (One pass, two edits wide, taking only words that make the phrase: the nearest wins, so one edit
            // before two, as a first pass one edit wide and a second would give.)
            return speller.correction(for: word, short: true, only: phraseTest(neighbours(of: i, in: tokens, after: corrected)))
        }
        guard EnglishWords.british.contains(word), let fix = speller.correction(for: word, ignoringProtection: true) else { return nil }
        return Self.makesPhrase(fix, with: neighbours(of: i, in: tokens, after: corrected), concepts: concepts, lexicon: lexicon, analyzer: analyzer) ? fix : nil
    }

    /// The words a need's phrase could join to word `i`: the nearest before it (as corrected) and after
    /// it that phrases do not leave out (`behind with my bills` is the phrase `behind bills`: `bheind` beside
    /// `with` was asked again, two edits wide, to no end), the one after as it will most likely be read: as
    /// typed, or, when the lexicon does not know it, as the speller corrects it (two typos side by side make
    /// a phrase only so: `mentle helth` was `gentle health`, health checks).
    private func neighbours(of i: Int, in tokens: [Token], after corrected: [String]) -> Neighbours {
        func leftOut(_ word: String) -> Bool { lexicon[word].map { !$0.mayBeInNeedPhrase } ?? false }
        var before = i - 1
        while before >= 0 && leftOut(corrected[before]) { before -= 1 }
        var after = i + 1
        while after < tokens.count && leftOut(tokens[after].text) { after += 1 }
        var next: String? = nil
        if after < tokens.count {
            let typed = tokens[after].text
            next = lexicon[typed]?.flags.contains(.known) ?? false ? typed : speller.correction(for: typed) ?? typed
        }
        return Neighbours(previous: before >= 0 ? corrected[before] : nil, next: next)
    }

    /// The words either side of a word to correct that a need's phrase could join to it (``neighbours(of:in:after:)``).
    struct Neighbours {
        var previous: String?
        var next: String?
    }

    /// Whether `fix` makes a need's phrase with the word before or after it.
    private static func makesPhrase(_ fix: String, with around: Neighbours,
                                    concepts: ConceptRecognizer, lexicon: QueryLexicon, analyzer: Analyzer) -> Bool {
        func stem(_ word: String) -> String { Self.stem(word, lexicon: lexicon, analyzer: analyzer) }
        let fixed = stem(fix)
        return (around.previous.map { concepts.isPhrase(stem($0), fixed) } ?? false)
            || (around.next.map { concepts.isPhrase(fixed, stem($0)) } ?? false)
    }

    /// ``makesPhrase(_:with:concepts:lexicon:analyzer:)`` as a test of a correction. (It captures the three
    /// parts it reads, not `self`: a closure using `self` copied the whole parser, every table retained and
    /// released, for each unknown word.)
    private func phraseTest(_ around: Neighbours) -> (String) -> Bool {
        let concepts = self.concepts, lexicon = self.lexicon, analyzer = self.analyzer
        return { Self.makesPhrase($0, with: around, concepts: concepts, lexicon: lexicon, analyzer: analyzer) }
    }

    /// The speller's correction of a word, unless another within its reach makes a need's phrase with a
    /// neighbour where that one does not (`mentle health` was `gentle health`, read as health checks), or
    /// is a place's name.
    private func correction(of word: String, at i: Int, in tokens: [Token], _ text: String, after words: [String]) -> String? {
        let preferPlace = placeContext(i, tokens, text, after: words)
        guard let fix = speller.correction(for: word, preferring: preferPlace) else { return nil }
        // (The test made into a closure only when the speller is asked again: most corrections stop here.)
        let around = neighbours(of: i, in: tokens, after: words)
        if Self.makesPhrase(fix, with: around, concepts: concepts, lexicon: lexicon, analyzer: analyzer)
            || places.startsName(fix) { return fix }
        // (Asked again only when a neighbour could be half of a need's phrase: otherwise no word can make
        // one with it, and the second pass, two edits wide, was most of a typo's cost.)
        guard Self.neighbourMayMakePhrase(around, concepts: concepts, lexicon: lexicon, analyzer: analyzer)
        else { return fix }
        return speller.correction(for: word, only: phraseTest(around)) ?? fix
    }

    /// Whether some word could make a need's phrase with these neighbours: the one before starts a phrase,
    /// or the one after is a word of one. False means ``makesPhrase(_:with:concepts:lexicon:analyzer:)``
    /// says no to every word there.
    private static func neighbourMayMakePhrase(_ around: Neighbours, concepts: ConceptRecognizer, lexicon: QueryLexicon, analyzer: Analyzer) -> Bool {
        (around.previous.map { concepts.startsPhrase(stem($0, lexicon: lexicon, analyzer: analyzer)) } ?? false)
            || (around.next.map { concepts.wordID(stem($0, lexicon: lexicon, analyzer: analyzer)) >= 0 } ?? false)
    }

    /// A need's two-word phrase typed as one word (`babybank`, `warmspace`, `mentalhealth`): its two
    /// words, when a cut of the word makes two words the speller knows that are such a phrase. (Only a
    /// need's phrase: a cut into any two known words would split names and misspellings.)
    ///
    /// - Complexity: O(length) lookups, for a word the lexicon does not know.
    private func compoundParts(of word: String) -> (String, String)? {
        // (The parts it reads passed, not captured: a closure using `self`, or the method `stem` passed as
        // a function, copied the whole parser, and one over copies of the lexicon and analyser retained
        // their tables, for each word the lexicon does not know.)
        Self.compoundParts(of: word, speller: speller, concepts: concepts, lexicon: lexicon, analyzer: analyzer)
    }

    /// ``compoundParts(of:)`` with what it asks of (for the lexicon, before a parser exists: `lexicon` nil,
    /// every stem the analyser's).
    static func compoundParts(of word: String, speller: Speller, concepts: ConceptRecognizer, lexicon: QueryLexicon?,
                              analyzer: Analyzer) -> (String, String)? {
        func stem(_ w: String) -> String { Self.stem(w, lexicon: lexicon, analyzer: analyzer) }
        let bytes = Array(word.utf8)
        guard bytes.count >= 6, bytes.count <= 40, bytes.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
        for cut in 3...(bytes.count - 3) {
            let first = String(decoding: bytes[..<cut], as: UTF8.self)
            guard speller.isKnown(first) else { continue }
            let firstStem = stem(first)
            guard concepts.startsPhrase(firstStem) else { continue }
            let second = String(decoding: bytes[cut...], as: UTF8.self)
            guard speller.isKnown(second) else { continue }
            if concepts.isPhrase(firstStem, stem(second)) { return (first, second) }
        }
        return nil
    }

    /// For a word to be corrected after `in`, `near` ... or typed with a capital (not first), a test
    /// that prefers place names among equally close corrections (`food bank in Otly` was `only`).
    private func placeContext(_ i: Int, _ tokens: [Token], _ text: String, after words: [String]) -> ((String) -> Bool)? {
        let cue = i > 0 && PlaceRecognizer.placeWords.contains(words[i - 1])
        let units = text.utf16
        let capital = i > 0 && tokens[i].range.lowerBound < units.count
            && (0x41...0x5A).contains(units[units.index(units.startIndex, offsetBy: tokens[i].range.lowerBound)])
        guard cue || capital else { return nil }
        let places = self.places
        return { places.startsName($0) }
    }

    /// The stem of a folded word (the lexicon's, worked out once, for the words it knows: a lookup is
    /// cheaper than the stemmer on the query path).
    @inline(__always)
    func stem(_ word: String) -> String { Self.stem(word, lexicon: lexicon, analyzer: analyzer) }

    /// ``stem(_:)`` from the two parts it reads (for a closure, which would copy the parser); with no lexicon
    /// (while one is built), the analyser's.
    @inline(__always)
    static func stem(_ word: String, lexicon: QueryLexicon?, analyzer: Analyzer) -> String { lexicon?[word]?.stem ?? analyzer.stem(word) }

    /// Parses a query.
    ///
    /// - Parameters:
    ///   - text: what was typed.
    ///   - now: the reference instant as a wall-clock minute in the directory's time zone.
    ///   - snapshot: used to tell which words occur in the directory (unmatched words, completions).
    /// - Complexity: O(words); microseconds for a typical query.
    public func parse(_ text: String, now: Int64, snapshot: IndexSnapshot) -> QueryIntent {
        var intent = QueryIntent(text: text)
        var typedTokens = analyzer.tokens(in: text)
        // Each word once: its entry (after spelling correction), which answers every question below.
        var typedWords: [String] = []
        var typedEntries: [QueryLexicon.Entry] = []
        typedWords.reserveCapacity(typedTokens.count)
        typedEntries.reserveCapacity(typedTokens.count)
        var corrected = WordPositions()
        var i = 0
        while i < typedTokens.count {
            defer { i += 1 }
            var word = typedTokens[i].text
            var entry = lexicon[word]
            if !(entry?.flags.contains(.known) ?? false), let (first, second) = compoundParts(of: word),
               typedTokens[i].range.count == word.utf8.count {
                // Two words typed as one: the word becomes both (`babybank` found nothing).
                let range = typedTokens[i].range, cut = range.lowerBound + first.utf8.count
                typedTokens.replaceSubrange(i...i, with: [
                    Token(text: first, range: range.lowerBound..<cut, position: i, wordClass: typedTokens[i].wordClass),
                    Token(text: second, range: cut..<range.upperBound, position: i + 1, wordClass: typedTokens[i].wordClass)])
                for k in (i + 2)..<typedTokens.count { typedTokens[k].position = k }
                corrected.insert(i)
                corrected.insert(i + 1)
                intent.corrections.append(Correction(from: word, to: first + " " + second))
                word = first
                entry = lexicon[first]
            } else if !(entry?.flags.contains(.known) ?? false),
               let fix = TimeExpressions.misspellings[word] ?? correction(of: word, at: i, in: typedTokens, text, after: typedWords)
                ?? phraseCorrection(of: word, at: i, in: typedTokens, after: typedWords),
               // (A town's name after `in`, `near` ... is not a typo, unless it is one of a place of the
               // city: `food bank in York` was `in work`; `in farley` is Farnley.)
               !(i > 0 && PlaceRecognizer.elsewhereCues.contains(typedWords[i - 1]) && EnglishWords.isNameOnly(word) && !places.startsName(fix)) {
                corrected.insert(i)
                intent.corrections.append(Correction(from: word, to: fix))
                word = fix
                entry = lexicon[fix]
            }
            typedWords.append(word)
            // Made only for a word the lexicon does not hold (and only after trying to correct it).
            typedEntries.append(entry ?? newEntry(for: word, snapshot: snapshot))
        }
        // (Constants from here: the local functions below read them, and a variable they capture was
        // checked for overlapping access at run time on every read.)
        let tokens = typedTokens, words = typedWords, entries = typedEntries
        // Words inside a need's phrase are not times or places (`night shelter`, `coffee morning`).
        // (Lists of word positions are sized once: grown one by one, a question's lists reallocated a
        // dozen times.)
        var contentAll: [Int] = []
        contentAll.reserveCapacity(words.count)
        for i in words.indices where entries[i].mayBeInNeedPhrase { contentAll.append(i) }
        // (A word's stem is its entry's: read from there, not copied into a list of its own.)
        var needStarts = WordPositions()
        for (k, i) in contentAll.enumerated() {
            if entries[i].flags.contains(.startsNeed) { needStarts.insert(k) }
        }
        var protected = WordPositions()
        // Words of a need's phrase of two words or more (`drop in for a chat` is befriending, not a route).
        var inNeedPhrase = WordPositions()
        if !needStarts.isEmpty {
            concepts.forEachPhraseMatch(count: contentAll.count, starts: needStarts, wordID: { entries[contentAll[$0]].needWord }) { m in
                guard m.end - m.start >= 2 else { return }
                let span = contentAll[m.start..<m.end]
                if let first = span.first, let last = span.last { inNeedPhrase.formUnion(first...last) }
                // (Also words that can start a date: the `bank` of `food bank holiday opening`.)
                if span.contains(where: { !entries[$0].flags.isDisjoint(with: Self.saysTime) }) {
                    protected.formUnion(span)
                }
            }
        }
        // When.
        var timeCandidates = WordPositions(), placeStarts = WordPositions(), joinStarts = WordPositions()
        var languageNames = WordPositions()
        for (i, e) in entries.enumerated() {
            if e.flags.contains(.canSayTime) { timeCandidates.insert(i) }
            if e.flags.contains(.languageName) { languageNames.insert(i) }
            if e.flags.contains(.startsPlace) { placeStarts.insert(i) }
            if e.flags.contains(.startsJoinedPlace) { joinStarts.insert(i) }
        }
        // Words joined to the one before by a colon or full stop alone (`9:30` is two words).
        // (Only between a number and a word starting with a digit, the one place it matters: most
        // questions look at no character here.)
        // And by a slash or hyphen alone (`25/12`, `2025-12-25`: dates).
        var colons = WordPositions(), joined = DateExpressions.Joins()
        // The text between word k-1 and word k, one UTF-16 unit at a time. (An ASCII text's UTF-16
        // offsets are its byte offsets: read from its bytes, which needs no copy; another's UTF-16 is
        // made into an array when a gap is first read. Making it for every question whose words could
        // be joined was a fifth of reading the gaps' marks.)
        lazy var asciiText = text.utf8.count == text.utf16.count
        lazy var units = Array(text.utf16)
        func unit(_ offset: Int) -> UInt16 {
            asciiText ? UInt16(text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: offset)]) : units[offset]
        }
        func gap(_ k: Int) -> Range<Int> { tokens[k - 1].range.upperBound..<tokens[k].range.lowerBound }
        for k in tokens.indices.dropFirst() {
            let gapLength = tokens[k].range.lowerBound - tokens[k - 1].range.upperBound
            let numbers = words[k].startsWithNumber && words[k - 1].startsWithNumber
            if gapLength == 1 && numbers {
                let between = unit(gap(k).lowerBound)
                if between == 0x3A || between == 0x2E { colons.insert(k) }
                if between == 0x2F { joined.slashes.insert(k) }
                if between == 0x2D { joined.hyphens.insert(k) }
            } else if (1...3).contains(gapLength), entries[k - 1].flags.contains(.canSayTime), entries[k].flags.contains(.canSayTime) {
                // Between day names a dash, spaced or not, hyphen or en or em dash (`mon-fri`, `mon – fri`).
                var marks = 0, mark: UInt16 = 0
                for o in gap(k) { let u = unit(o); if u != 0x20 { marks += 1; mark = u } }
                if marks == 1 && (mark == 0x2D || mark == 0x2013 || mark == 0x2014) { joined.hyphens.insert(k) }
            }
        }
        let time = TimeExpressions.parse(words, now: now, protected: protected, candidates: timeCandidates, colons: colons, joined: joined)
        intent.when = time.intent
        var used = time.consumed
        // Dates that cannot be, before impossible times (`31/12/99` is no time either).
        var k = 0
        while k < words.count {
            if !used.contains(k), words[k].firstByte.map({ $0 >= 0x30 && $0 <= 0x39 }) ?? false,
               let bad = DateExpressions.impossibleDate(words, at: k, joined: joined) {
                intent.impossibleDates.append(bad.text)
                for p in k..<(k + bad.words) { used.insert(p) }
                k += bad.words
                continue
            }
            k += 1
        }
        for t in TimeExpressions.impossibleTimes(words, skipping: used, colons: colons) {
            intent.impossibleTimes.append(t.text)
            used.formUnion(t.positions)
        }
        // Languages (`in Arabic`, `Urdu interpreter`), then an age (`for a 15 year old`), then how to get
        // the help (`no referral needed`): each taken out of the words to search, and where each was said
        // kept for a front end to offer to take it out.
        let language = LanguageExpressions.find(words, names: languageNames, skipping: used, protected: protected)
        intent.languages = language.languages
        used.formUnion(language.positions)
        var ageWords = WordPositions()
        // (The recogniser passed, and the words' stems read from their entries: a closure using the parser
        // copied it, and one holding a copy of the recogniser retained it.)
        let agesSaid = AgeExpressions.find(words, skipping: used, protected: protected, hyphens: joined.hyphens,
                                           concepts: concepts, stem: { entries[$0].stem })
        // (Two ages said apart, `mum aged 19 with a 2 year old`, are no filter.)
        if agesSaid.count == 1 {
            intent.ages = agesSaid[0].ages
            for p in agesSaid[0].positions { used.insert(p); ageWords.insert(p) }
            // Whose age it is, said elsewhere (`for my son, he is 15`), is who the help is for, not a word
            // services use (`son` was searched: "Nothing matches son").
            for k in words.indices where !used.contains(k) && AgeExpressions.personWords.contains(words[k]) { used.insert(k) }
        }
        let referral = ReferralExpressions.find(words, skipping: used.union(inNeedPhrase))
        if referral.noReferral { intent.noReferral = true }
        if referral.walkIn { intent.walkIn = true }
        used.formUnion(referral.positions)
        // Where.
        // Words after a comma (`Armley, Bramley or Pudsey`): most questions have none, so no gap is read.
        var afterComma = WordPositions()
        if text.containsASCII(0x2C) {
            for k in tokens.indices.dropFirst() where gap(k).contains(where: { unit($0) == 0x2C }) { afterComma.insert(k) }
        }
        var place = places.recognise(words, skipping: used.union(protected),
                                     hints: PlaceRecognizer.Hints(nameStarts: placeStarts, joinStarts: joinStarts, afterComma: afterComma))
        // (Moved into the intent, not copied: a copy retained the place's names and lists, and the result's
        // were released at the end.)
        swap(&intent.place, &place.place)
        intent.streets = place.streets
        used.formUnion(place.consumed)
        if intent.place == nil {
            for p in places.unknownPostcodes(words, skipping: used) {
                intent.unknownPostcodes.append(p.text)
                used.formUnion(p.positions)
            }
            // (A name then a word of the question's content is no town: `in Jewish community`.)
            // (The words and entries captured as values: captured as variables, by a closure kept in a
            // constant, they were boxed on the heap, and every access to them checked at run time.)
            let mayFollow = { [words, entries] (k: Int) -> Bool in
                k >= words.count || !entries[k].flags.isDisjoint(with: Self.mayFollowPlace) || PlaceRecognizer.placeWords.contains(words[k])
            }
            for p in places.placesElsewhere(words, skipping: used.union(protected), mayFollow: mayFollow) {
                intent.unknownPlaces.append(p.text)
                used.insert(p.position)
                used.insert(p.position - 1)
            }
        }
        // Turning up: `walk in`, `drop in` (`walk-in`, `drop-in`, `dropin`) that no place took (`walk in Armley` is
        // a walk) and no need's phrase holds (`drop in for a chat`), as `no appointment` says (they were searched
        // as words only: appointment-only services came first). Still searched: services' names hold them.
        var walkInSaid = WordPositions()
        for k in words.indices where Self.turningUpWords.contains(words[k]) && !used.contains(k) && !inNeedPhrase.contains(k) {
            if words[k] == "dropin" { walkInSaid.insert(k) }
            else if k + 1 < words.count, words[k + 1] == "in", !used.contains(k + 1) { walkInSaid.formUnion(k...(k + 1)) }
        }
        // What.
        var content: [Int] = []
        content.reserveCapacity(words.count)
        for i in words.indices where !used.contains(i) && entries[i].flags.isDisjoint(with: Self.noContent) {
            content.append(i)
        }
        // A number that is no age, time, date or place, beside words of what is wanted, counts nothing
        // a service is about (`food bank for a family of 5` matched "£5" and "5 days"; `my son is 15 and in
        // trouble` put pantries charging £15 first): not searched. Alone it is searched (a service's number).
        if content.contains(where: { words[$0].firstByte.map { $0 < 0x30 || $0 > 0x39 } ?? false }) {
            content.removeAll { k in words[k].utf8.count <= 4 && words[k].isASCIIDigits }
        }
        let stems = content.map { entries[$0].stem }
        // Needs are found among the content words and the fillers, which a need's phrase may hold
        // (`somewhere to live` was only `live`); their positions are then the content words'.
        var needWords: [Int] = []
        needWords.reserveCapacity(words.count)
        var needStarts2 = WordPositions()
        // (And a stop word that a need's phrase keeps: `wants to die`, ``ConceptRecognizer/stopWordsKeptInPhrases``.)
        for i in words.indices where !used.contains(i) && entries[i].mayBeInNeedPhrase {
            // `walk in` not followed by a place (`walk in food bank`, `walk-in centre`) says how to get
            // there, not a walk: no need (it listed walking groups); still searched, as names hold it.
            // (`walk in Armley`: the place took `in`, and it is a walk.)
            if words[i] == "walk", i + 1 < words.count, words[i + 1] == "in", !used.contains(i + 1) { continue }
            if entries[i].flags.contains(.startsNeed) { needStarts2.insert(needWords.count) }
            needWords.append(i)
        }
        if !needStarts2.isEmpty {
            intent.needs = concepts.recognise(count: needWords.count, wordID: { entries[needWords[$0]].needWord }, word: { words[needWords[$0]] },
                                              starts: needStarts2)
            // (The same words, not merely as many: `want` is read for needs and not searched, `walk` of `walk in`
            // the other way round.)
            if needWords != content {
                var contentIndex = [Int](repeating: -1, count: words.count)
                for (k, i) in content.enumerated() { contentIndex[i] = k }
                func moved(_ positions: WordPositions) -> WordPositions {
                    var out = WordPositions()
                    for p in positions where contentIndex[needWords[p]] >= 0 { out.insert(contentIndex[needWords[p]]) }
                    return out
                }
                for n in intent.needs.indices {
                    intent.needs[n].positions = moved(intent.needs[n].positions)
                    intent.needs[n].phrasePositions = moved(intent.needs[n].phrasePositions)
                }
            }
        }
        // Where each part was said, for front ends that let the worker take one out.
        // (As sets of word positions over the words' ranges: lists of ranges are made only when read.)
        var timeWords = WordPositions(), needSaid = WordPositions()
        if time.intent != nil {
            for k in time.consumed where words[k] != "open" && words[k] != "opening" && words[k] != "opens" { timeWords.insert(k) }
        }
        for n in intent.needs { for p in n.positions { needSaid.insert(content[p]) } }
        // A word of a recognised need's phrase is not "unmatched" even when no service uses it.
        let needs = intent.needs
        func isNeedWord(_ w: String) -> Bool {
            needs.contains { n in n.words.contains { $0.split(separator: " ").contains { $0 == w } } }
        }

        // Text to search: the typed words left, then phrases typed, then completions and expansions.
        var terms: [SearchTerm] = []
        // (Sized once. A loop, not a closure: a closure here copied the whole parser.)
        var expansionCount = 0
        for need in intent.needs {
            if let ci = concepts.index(of: need) { expansionCount += expansions?[ci].count ?? concepts.expansionTerms[ci].count }
        }
        terms.reserveCapacity(2 * content.count + 6 + expansionCount)
        /// Bit `number % 64` of every numbered term added: a term whose bit is clear is new, told without
        /// looking through the terms (a question's twenty or so were each compared with those before).
        var numbersAdded: UInt64 = 0
        /// Adds a term, or raises the weight of the same term already added; returns its position and
        /// whether it was new.
        @discardableResult
        func add(_ term: String, _ display: String, _ weight: Float, _ origin: SearchTerm.Origin, id: Int32) -> (Int, Bool) {
            // The same term has the same number; words no service has are compared as text.
            let bit: UInt64 = 1 &<< UInt64(id & 63)
            let known = id >= 0
                ? (numbersAdded & bit == 0 ? nil : terms.firstIndex(where: { $0.termID == id }))
                : terms.firstIndex(where: { $0.term == term })
            if let k = known {
                if terms[k].weight < weight { terms[k].weight = weight; terms[k].origin = origin }
                return (k, false)
            }
            if id >= 0 { numbersAdded |= bit }
            terms.append(SearchTerm(term: term, display: display, weight: weight, origin: origin, termID: id))
            return (terms.count - 1, true)
        }
        var lastStemMatches = false
        var phrasePositions = WordPositions()
        for n in intent.needs { phrasePositions.formUnion(n.phrasePositions) }
        let numbered = lexicon.numbersTerms(of: snapshot)
        for (k, i) in content.enumerated() {
            let stem = stems[k]
            let id: Int32?
            // An entry's number is the lexicon's snapshot's (or this one's, for an entry made now).
            if numbered { id = entries[i].stemTerm >= 0 ? entries[i].stemTerm : nil } else { id = snapshot.termID(stem) }
            // (Each once: `<script>alert(1)</script>` listed "script, alert, script".)
            if id == nil && !isNeedWord(words[i]) && !intent.unmatchedWords.contains(tokens[i].text) {
                intent.unmatchedWords.append(tokens[i].text)
            }
            if k == content.count - 1 { lastStemMatches = id != nil }
            let (at, isNew) = add(stem, words[i], corrected.contains(i) ? 0.9 : 1.0, corrected.contains(i) ? .corrected : .typed, id: id ?? -1)
            // Part of a need's phrase only if every time it was typed it was (`food bank ... food`).
            let inPhrase = phrasePositions.contains(k)
            terms[at].isPartOfNeedPhrase = isNew ? inPhrase : terms[at].isPartOfNeedPhrase && inPhrase
        }
        // A phrase typed as words also counts as the phrase (word order matters a little).
        if stems.count >= 2 {
            for k in 0..<(stems.count - 1) {
                let phrase = TextPipeline.phraseTerm(stems[k...(k + 1)])
                if let id = snapshot.termID(phrase) { add(phrase, phrase, 0.5, .typed, id: id) }
            }
        }
        // Completing the last word typed (results as you type).
        if let lastIndex = content.last, lastIndex == tokens.count - 1, !corrected.contains(lastIndex),
           words[lastIndex].count >= 3, !lastStemMatches {
            for completion in speller.completions(of: words[lastIndex], limit: 6) {
                let stem = self.stem(completion)
                if let id = snapshot.termID(stem) { add(stem, completion, 0.7, .prefix, id: id) }
            }
            if terms.contains(where: { $0.origin == .prefix }) {
                intent.unmatchedWords.removeAll { $0 == tokens[lastIndex].text }
            }
        }
        // A word no service uses that begins words they do (`lgbt` of `lgbtq`, `counsel` of
        // `counselling`), anywhere in the question: found by those, as the last word is.
        if !intent.unmatchedWords.isEmpty {
            for i in content.dropLast() where !corrected.contains(i) && words[i].utf8.count >= 4
                && intent.unmatchedWords.contains(tokens[i].text) {
                var found = false
                for completion in speller.completions(of: words[i], limit: 4) {
                    let stem = self.stem(completion)
                    if let id = snapshot.termID(stem) { add(stem, completion, 0.7, .prefix, id: id); found = true }
                }
                if found { intent.unmatchedWords.removeAll { $0 == tokens[i].text } }
            }
        }
        // Thesaurus expansions for the needs recognised, weighted below the words typed.
        for need in intent.needs {
            guard let ci = concepts.index(of: need) else { continue }
            let weight = Float(0.35 * min(1.0, need.strength))
            if let expansions {
                // Their numbers are those of the snapshot the parser was built for; in another, look them up.
                for (term, display, id, share) in expansions[ci] {
                    add(term, display, weight * share, .expansion, id: numbered || id < 0 ? id : snapshot.termID(term) ?? -1)
                }
            } else {
                for (k, (term, display)) in concepts.expansionTerms[ci].enumerated() {
                    if let id = snapshot.termID(term) { add(term, display, weight * concepts.expansionShare(ci, k), .expansion, id: id) }
                }
            }
        }
        intent.searchTerms = terms
        intent.namedServices = snapshot.names.services(namedIn: words)
        // A name typed with a need's two words as one (`castleton foodbank` for Castleton Food Bank, which
        // came 5th): looked up with them apart too. (Only words that are a need's phrase are tried.)
        if intent.namedServices.isEmpty, words.count >= 2, entries.contains(where: { $0.flags.contains(.needCompound) }) {
            var apart: [String] = []
            for (k, w) in words.enumerated() {
                if entries[k].flags.contains(.needCompound), let (first, second) = compoundParts(of: w) { apart += [first, second] } else { apart.append(w) }
            }
            if apart.count > words.count { intent.namedServices = snapshot.names.services(namedIn: apart) }
        }
        // (Not when the question names a service: `Whingate Healthy Living Drop-in` is that one, whatever its route.)
        let turningUp = !walkInSaid.isEmpty && intent.namedServices.isEmpty
        if turningUp { intent.walkIn = true }
        intent.spans = QueryIntent.Spans(words: tokens.map(\.range), need: needSaid, place: place.consumed, time: timeWords, language: language.positions,
                                         age: ageWords, referral: turningUp ? referral.positions.union(walkInSaid) : referral.positions)
        return intent
    }
}

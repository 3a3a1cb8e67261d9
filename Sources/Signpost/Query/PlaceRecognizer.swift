/// Recognises a place in a query — a ward, a neighbourhood or village, a postcode district or a
/// full postcode — with or without `in`/`near`/`around`/`area`, spelt with `and` for `&`, or split
/// into two words (`hare hills`). Spelling mistakes are corrected before it runs (see ``Speller``).
public struct PlaceRecognizer: Sendable {
    public let gazetteer: Gazetteer

    private struct Entry: Sendable {
        var name: String
        var kind: PlaceIntent.Kind
        var wards: [Int]
        /// The wards' names, in the same order (worked out once, not per query).
        var wardNames: [String] = []
    }

    /// Place names as word sequences (keys from ``Gazetteer/key(_:)``), longest match first.
    private let matcher: PhraseMatcher
    private let entries: [[Entry]]  // by matcher phrase index
    /// Single-word place names, for joining two typed words (`hare hills` → `harehills`).
    private let singleWord: [String: Int]
    /// Every proper prefix of a single-word place name: only such a word can be the first of two
    /// typed words that join into one.
    private let joinPrefixes: Set<String>

    /// Words after a place's name that make it a street (`Roundhay Road`, `Otley Rd`).
    /// (Not `close`, `walk`, `place`: `in Armley close to me`, `Roundhay walk`.)
    static let streetWords: WordSet = ["road", "rd", "street", "lane", "ln", "avenue", "ave", "terrace", "drive",
                                       "crescent", "grove", "parade", "square"]

    /// Words after `Leeds 24` that make the number a count, not a postcode district (`24 hours`, `7 days`).
    static let countWords: WordSet = ["hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months",
                                      "year", "years", "yr", "yrs", "plus", "to", "and", "or", "7", "mins", "minutes"]

    /// Words after a place that go with it (`Harehills area`).
    static let trailingWords: WordSet = ["area", "ward", "estate", "district", "way"]

    /// Words that introduce or follow a place and are not searched.
    static let placeWords: WordSet = ["in", "near", "nr", "around", "round", "area", "by", "close", "to", "the",
                                      "ward", "estate", "of", "within", "at", "nearby", "local", "district"]

    public init(gazetteer: Gazetteer) {
        self.gazetteer = gazetteer
        var m = PhraseMatcher()
        var entries: [[Entry]] = []
        var single: [String: Int] = [:]
        func add(_ name: String, _ entry: Entry) {
            var entry = entry
            entry.wardNames = Self.names(of: entry.wards, in: gazetteer.wards)
            let words = Gazetteer.key(name).split(separator: " ").map(String.init)
            guard !words.isEmpty else { return }
            let idx = m.add(words)
            while entries.count <= idx { entries.append([]) }
            if !entries[idx].contains(where: { $0.name == entry.name }) { entries[idx].append(entry) }
            if words.count == 1 { single[words[0]] = idx }
        }
        for w in gazetteer.wards {
            add(w.name, Entry(name: w.name, kind: .ward, wards: [w.id]))
        }
        for p in gazetteer.places {
            let e = Entry(name: p.name, kind: .neighbourhood, wards: [p.ward])
            add(p.name, e)
            for a in p.aliases { add(a, e) }
        }
        for a in gazetteer.areas {
            let e = Entry(name: a.name, kind: .area, wards: a.wards)
            add(a.name, e)
            for alias in a.aliases { add(alias, e) }
        }
        for city in gazetteer.cityNames {
            add(city, Entry(name: gazetteer.cityNames[0], kind: .city, wards: []))
        }
        matcher = m
        self.entries = entries
        singleWord = single
        var prefixes = Set<String>()
        for name in single.keys {
            var prefix = ""
            for c in name.dropLast() { prefix.append(c); prefixes.insert(prefix) }
        }
        joinPrefixes = prefixes
    }

    /// Whether a place name starts with this (folded) word.
    func startsName(_ word: String) -> Bool { matcher.startsPhrase(word) }

    /// Whether this word and the next could be typed halves of a one-word place name.
    func startsJoinedName(_ word: String) -> Bool { joinPrefixes.contains(word) }

    /// What a parser already knows about each word: which positions start a place name, and which
    /// could be the first half of a name typed as two words. Lets ``recognise`` skip the lookups.
    struct Hints {
        var nameStarts: WordPositions
        var joinStarts: WordPositions
        /// Words that follow a comma (`Armley, Bramley or Pudsey`): a place there joins the one before.
        var afterComma = WordPositions()
    }

    /// Every word of every place name (for spelling correction).
    public var vocabulary: Set<String> {
        var s = Set<String>()
        for p in matcher.phrases { s.formUnion(p) }
        for d in gazetteer.postcodeAreas.keys { s.insert(d.lowercased()) }
        // (Towns outside the city are words, not typos of its places.)
        s.formUnion(gazetteer.elsewhere)
        return s
    }

    public struct Result: Sendable {
        public var place: PlaceIntent?
        public var consumed: WordPositions
        /// Streets named after a place (`Roundhay Road`), capitalised: addresses, not the place.
        public var streets: [String] = []
    }

    /// Finds the first place in the words (folded), skipping words already used by other parts.
    public func recognise(_ words: [String], skipping used: WordPositions = []) -> Result {
        recognise(words, skipping: used, hints: nil)
    }

    /// As ``recognise(_:skipping:)``, with what the caller knows about each word (nil: look it up).
    ///
    /// - Complexity: O(words × longest name).
    func recognise(_ words: [String], skipping used: WordPositions, hints: Hints?) -> Result {
        var consumed = WordPositions()
        var found: PlaceIntent? = nil
        var streets: [String] = []
        // Postcodes first: `ls12`, `ls12 1ab`.
        var i = 0
        while i < words.count, found == nil {
            defer { i += 1 }
            guard !used.contains(i) else { continue }
            // A district typed with a space, `LS 28`: its letters and number, when the city has it; or
            // with the city's name, as people say it (`Leeds 9` is LS9).
            if i + 1 < words.count, !used.contains(i + 1), (1...2).contains(words[i + 1].utf8.count),
               words[i + 1].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
               words[i].utf8.count <= 2 && words[i].utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
                || (gazetteer.postcodeArea != nil && gazetteer.isCityName(words[i])
                    && !(i + 2 < words.count && Self.countWords.contains(words[i + 2]))) {
                let letters = words[i].utf8.count <= 2 ? words[i].uppercased() : gazetteer.postcodeArea!
                let district = letters + words[i + 1]
                if Postcode.isDistrict(district), gazetteer.knowsDistrict(district), let wardIDs = gazetteer.postcodeAreas[district], !wardIDs.isEmpty {
                    consumed.insert(i)
                    consumed.insert(i + 1)
                    found = PlaceIntent(kind: .postcodeDistrict, text: district, name: district, wards: wardIDs,
                                        wardNames: Self.names(of: wardIDs, in: gazetteer.wards), district: district)
                    markPlaceWords(words, around: consumed, used: used, into: &consumed)
                    continue
                }
            }
            // A postcode district is two to four ASCII letters and digits, starting with a letter; a
            // full postcode typed without its space (`ls97ab`) five to seven.
            let utf8 = words[i].utf8
            guard (2...7).contains(utf8.count), let first = words[i].firstByte, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"),
                  words[i].containsASCIIDigit else { continue }
            // The district, and the whole postcode when the word (`ls97ab`) or the next (`ls9 7ab`) completes it.
            let w: String, joined: String?
            if utf8.count >= 5 {
                joined = Postcode.normalise(words[i])
                guard Postcode.isFull(joined!), let d = Postcode.district(joined!) else { continue }
                w = d
            } else {
                w = words[i].uppercased()
                joined = nil
            }
            // (A district the gazetteer lists without wards, LS99 for PO boxes, cannot be placed.)
            guard Postcode.isDistrict(w), gazetteer.knowsDistrict(w), !(gazetteer.postcodeAreas[w] ?? []).isEmpty else { continue }
            var text = w
            var name = w
            var wardIDs = gazetteer.postcodeAreas[w] ?? []
            var kind = PlaceIntent.Kind.postcodeDistrict
            consumed.insert(i)
            let nextFull = joined == nil ? Self.fullPostcode(district: w, words, at: i + 1, skipping: used) : nil
            if joined == nil, i + 1 < words.count, !used.contains(i + 1), words[i + 1].utf8.count == 1, let digit = words[i + 1].firstByte,
               digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9"), let sector = gazetteer.postcodeAreas[w + " " + words[i + 1]], !sector.isEmpty {
                // A postcode sector, `ls9 7`: its wards, and the district's services still count as in it.
                text = w + " " + words[i + 1]
                name = text
                wardIDs = sector
                kind = .postcode
                consumed.insert(i + 1)
            } else if let full = joined ?? nextFull {
                text = full
                name = full
                kind = .postcode
                let sectorWards = gazetteer.wards(forPostcode: full).map(\.id)
                if !sectorWards.isEmpty { wardIDs = sectorWards }
                if nextFull != nil { consumed.insert(i + 1) }
            }
            found = PlaceIntent(kind: kind, text: text, name: name, wards: wardIDs,
                                wardNames: Self.names(of: wardIDs, in: gazetteer.wards), district: w)
            markPlaceWords(words, around: consumed, used: used, into: &consumed)
        }
        if found == nil {
            // Names: drop `and` inside names (`cross gates and whinmoor`), allow two words joined.
            // The words looked at, as their positions, on the stack (two lists made for every question
            // cost two allocations); word k of the walk is `words[positions[k]]`.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(1, words.count)) { buffer in
                var count = 0
                for k in words.indices where !used.contains(k) {
                    let w = words[k]
                    if w == "and" || w == "&" {
                        // Keep `and` only if the next word continues a name; the matcher ignores it either way.
                        continue
                    }
                    buffer[count] = k
                    count += 1
                }
                let positions = UnsafeBufferPointer(rebasing: buffer[..<count])
                func key(_ k: Int) -> String { words[positions[k]] }
                var best: (start: Int, end: Int, entries: [Entry])? = nil
                var cityMatches: [PhraseMatcher.Match] = []
                // (With hints, only the words that start a name are looked up: the same matches, a hash of
                // every other word saved.)
                var starts: WordPositions? = nil
                if let hints {
                    var s = WordPositions()
                    for (k, p) in positions.enumerated() where hints.nameStarts.contains(p) { s.insert(k) }
                    starts = s
                }
                if !(starts?.isEmpty ?? false) {
                    matcher.forEachLongestMatch(count: count, minimumLength: 1, starts: starts, word: { matcher.wordID(key($0)) }) { m in
                        // A street named after a place (`Roundhay Road`) is an address, not the place.
                        if m.end < count, Self.streetWords.contains(key(m.end)) {
                            streets.append(Wording.capitalised((m.start...m.end).map(key).joined(separator: " "), everyWord: true))
                            return
                        }
                        let span = m.end - m.start
                        // The city's name gives way to a place in it (`Leeds food bank Seacroft`).
                        let isCity = entries[m.phrase].first?.kind == .city
                        if isCity { cityMatches.append(m) }
                        if let b = best {
                            let bestIsCity = b.entries.first?.kind == .city
                            if isCity && !bestIsCity { return }
                            if !(bestIsCity && !isCity) && span <= b.end - b.start { return }
                        }
                        best = (m.start, m.end, entries[m.phrase])
                    }
                }
                if best == nil {
                    for k in 0..<max(0, count - 1) {
                        if let hints { guard hints.joinStarts.contains(positions[k]) else { continue } }
                        if let idx = singleWord[key(k) + key(k + 1)] { best = (k, k + 2, entries[idx]); break }
                    }
                }
                // The city's name said beside a place in it (`Leeds food bank Seacroft`) is a place word too.
                if let b = best, b.entries.first?.kind != .city {
                    for m in cityMatches {
                        for k in m.start..<m.end where !used.contains(positions[k]) { consumed.insert(positions[k]) }
                    }
                }
                if let b = best, let e = b.entries.first {
                    let first = positions[b.start], last = positions[b.end - 1]
                    for k in first...last where !used.contains(k) { consumed.insert(k) }
                    let typed = Wording.spaced(words[first...last])
                    found = PlaceIntent(kind: e.kind, text: typed, name: e.name, wards: e.wards,
                                        wardNames: e.wardNames, district: nil)
                    markPlaceWords(words, around: consumed, used: used, into: &consumed)
                }
            }
        }
        // `Armley or Bramley`, `Armley, Bramley or Pudsey`, `Moortown Alwoodley`: places straight after
        // the first, or after `or`/`and`, join it (only the first was kept, the others searched as words).
        // Places joined by `or`/`and`, or listed with commas (`Armley or Bramley`, `Armley, Bramley or
        // Pudsey`, `Armley or LS13`): all the place (only the first was kept, the others searched as
        // words). Side by side without a comma they are not (`Seacroft Thorpe Park`, `Armley Bramley Baths`).
        /// The place whose words begin at `at` (the words outside `range` not looked at), or nil.
        func place(at: Int, within range: Range<Int>) -> Result? {
            guard at >= 0, at < words.count, !used.contains(at), startsName(words[at]) || startsJoinedName(words[at])
                    || Self.placeWords.contains(words[at]) || words[at].containsASCIIDigit else { return nil }
            var others = used
            for k in words.indices where !range.contains(k) { others.insert(k) }
            let r = recognise(words, skipping: others, hints: hints)
            guard let p = r.place, p.kind != .city, r.consumed.contains(at) else { return nil }
            return r
        }
        func joiner(_ k: Int) -> Bool { k >= 0 && k < words.count && (words[k] == "or" || words[k] == "and") && !used.contains(k) }
        // (The place found is read in place: bound by `if let` and `while let` for these tests, it was copied,
        // its names and lists retained, twice for every question with a place.)
        if let kind = found?.kind, kind != .city, let start = consumed.min(), joiner(start - 1),
           let before = place(at: start - 2, within: 0..<(start - 1)), let earlier = before.place, earlier.name != found!.name {
            found = Self.joined(earlier, found!, joiner: words[start - 1])
            consumed.formUnion(before.consumed)
            consumed.insert(start - 1)
        }
        while let kind = found?.kind, kind != .city, let last = consumed.max(), last + 1 < words.count {
            let joined = joiner(last + 1)
            let at = joined ? last + 2 : last + 1
            guard joined || hints?.afterComma.contains(at) == true,
                  let next = place(at: at, within: at..<words.count), let second = next.place, second.name != found!.name else { break }
            found = Self.joined(found!, second, joiner: joined ? words[last + 1] : nil)
            if joined { consumed.insert(last + 1) }
            consumed.formUnion(next.consumed)
        }
        return Result(place: found, consumed: consumed, streets: streets)
    }

    /// Postcodes among the words that are not the city's (`M1 1AA`, `LS99 9ZZ`, `near LS30`), with their
    /// positions: said back rather than searched as words or silently taken for a place. A district
    /// alone counts only after `in`, `near` ... (`b12` is also a vitamin).
    func unknownPostcodes(_ words: [String], skipping used: WordPositions) -> [(text: String, positions: [Int])] {
        var out: [(String, [Int])] = []
        var i = 0
        while i < words.count {
            defer { i += 1 }
            // A letter first and a digit in it, checked on the bytes (most words are neither).
            guard !used.contains(i), let first = words[i].firstByte, (0x61...0x7A).contains(first) || (0x41...0x5A).contains(first),
                  words[i].containsASCIIDigit else { continue }
            var text: String? = nil, positions = [i]
            if words[i].utf8.count >= 5, Postcode.isFull(Postcode.normalise(words[i])) {
                text = Postcode.normalise(words[i])
            } else if Postcode.isDistrict(words[i].uppercased()) {
                let d = words[i].uppercased()
                if let full = Self.fullPostcode(district: d, words, at: i + 1, skipping: used) {
                    text = full
                    positions.append(i + 1)
                } else if i > 0, Self.elsewhereCues.contains(words[i - 1]) || words[i - 1] == "postcode" {
                    text = d
                } else if Self.nearbyAreas.contains(String(d.prefix(2))) {
                    // `food bank BD4`, `LS29`: a district of the areas around the city is a postcode anywhere
                    // in the question (it was searched as a word; `b12`, `co2`, `hs2` still need `in` or `near`).
                    text = d
                }
            }
            guard let text, let d = Postcode.district(text) else { continue }
            if gazetteer.knowsDistrict(d) && !(gazetteer.postcodeAreas[d] ?? []).isEmpty { continue }
            out.append((text, positions))
            i = positions.last!
        }
        return out
    }

    /// The postcode areas around the city whose districts are postcodes wherever they are said (West
    /// and North Yorkshire: `LS29`, `BD4`, `WF17`, `HG1`).
    static let nearbyAreas: WordSet = ["LS", "BD", "WF", "HX", "HD", "HG", "YO"]

    /// Words before which a name is a place asked for (`food bank in Bradford`).
    static let elsewhereCues: WordSet = ["in", "near", "nr", "around"]

    /// Towns and cities that are not the city's places, named after `in`, `near` ... (`food bank in
    /// Bradford`, `near York`: a name of the word list that is no English word, and not a street's
    /// first word), with their positions: said back rather than searched as words (Bradford matched
    /// Bradford Road) or silently taken as anywhere. None for a directory without places.
    ///
    /// - Parameter mayFollow: whether the word at a position may follow a town's name (the end, a stop
    ///   word, a time word; not `community` in `in Jewish community`).
    func placesElsewhere(_ words: [String], skipping used: WordPositions, mayFollow: (Int) -> Bool) -> [(text: String, position: Int)] {
        guard !gazetteer.wards.isEmpty else { return [] }
        var out: [(String, Int)] = []
        for i in words.indices.dropFirst() where !used.contains(i) && Self.elsewhereCues.contains(words[i - 1]) && mayFollow(i + 1) {
            let w = words[i]
            // (Not a language, a month or a day: `advice in english`, `in December`.)
            // (A name of the word list, or a town the city's files name as outside it: `Batley`, `Menston`.)
            guard EnglishWords.isNameOnly(w) || gazetteer.elsewhere.contains(w), !Languages.isKnown(w), DateExpressions.months[w] == nil,
                  Weekday(code: w) == nil, !TimeExpressions.vocabulary.contains(w) else { continue }
            if i + 1 < words.count, Self.streetWords.contains(words[i + 1]) { continue }
            // The first word of the city's place (`Lincoln` of `Lincoln Green`, the rest cut short as it
            // is typed), or the start of one typed last (`Burl`).
            if startsName(w) { continue }
            if i + 1 == words.count, matcher.phrases.contains(where: { $0.first.map { $0.count > w.count && $0.hasPrefix(w) } ?? false }) { continue }
            out.append((Wording.capitalised(w), i))
        }
        return out
    }

    /// The full postcode a district makes with the word at `k` when that word is its inward part
    /// (`ls12 1ab`; `ls12 or` is no `LS1 2OR`), or nil.
    private static func fullPostcode(district: String, _ words: [String], at k: Int, skipping used: WordPositions) -> String? {
        guard k < words.count, !used.contains(k), Postcode.isInward(words[k]) else { return nil }
        let full = district.uppercased() + " " + words[k].uppercased()
        return Postcode.isFull(full) ? full : nil
    }

    /// Two places asked for as one (`Armley or Bramley`): both's wards, named as each is shown.
    private static func joined(_ first: PlaceIntent, _ second: PlaceIntent, joiner: String?) -> PlaceIntent {
        func shown(_ p: PlaceIntent) -> String { p.kind == .neighbourhood ? "\(p.name) (\(p.wardNames.first ?? ""))" : p.name }
        var wards = first.wards, wardNames = first.wardNames
        for (w, name) in zip(second.wards, second.wardNames) where !wards.contains(w) { wards.append(w); wardNames.append(name) }
        let both = first.district == nil && second.district == nil
        return PlaceIntent(kind: both ? .ward : .postcodeDistrict, text: first.text + (joiner.map { " " + $0 } ?? "") + " " + second.text,
                           name: (both ? shown(first) : first.name) + " or " + (both ? shown(second) : second.name),
                           wards: wards, wardNames: wardNames, district: first.district ?? second.district)
    }

    /// The names of wards by id (a static function: a closure over `self` copied the whole recogniser).
    private static func names(of ids: [Int], in wards: [Ward]) -> [String] { ids.map { wards[$0].name } }

    /// Takes the little words around a place (`in`, `near`, `around`, `the ... area`) with it.
    private func markPlaceWords(_ words: [String], around place: WordPositions, used: WordPositions, into consumed: inout WordPositions) {
        guard let lo = place.min(), let hi = place.max() else { return }
        var k = lo - 1
        while k >= 0, !used.contains(k), Self.placeWords.contains(words[k]) { consumed.insert(k); k -= 1 }
        k = hi + 1
        while k < words.count, !used.contains(k), Self.trailingWords.contains(words[k]) {
            consumed.insert(k); k += 1
        }
    }
}

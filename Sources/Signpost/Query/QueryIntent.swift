import Foundation

/// What a query was understood to ask: what kind of help, where, when, and the words left to search.
///
/// Shown back to the worker ("Understood: food bank · in Armley · open Sat 15 Nov") so that they can
/// see and correct it.
public struct QueryIntent: Sendable, Hashable {
    /// The stored parts, shared by copies of an intent until one of them is changed (copy on write): a
    /// search copies its intent into the plan and into the response, and each copy of twenty-odd
    /// arrays and strings retained and released every one of them.
    struct Fields: Sendable, Hashable {
        var text: String
        var needs: [RecognisedNeed] = []
        var place: PlaceIntent?
        var when: TimeIntent?
        var searchTerms: [SearchTerm] = []
        var unmatchedWords: [String] = []
        var corrections: [Correction] = []
        var impossibleTimes: [String] = []
        var impossibleDates: [String] = []
        var unknownPostcodes: [String] = []
        var unknownPlaces: [String] = []
        var streets: [String] = []
        var languages: [String] = []
        var ages: ClosedRange<Int>?
        var noReferral: Bool = false
        var walkIn: Bool = false
        var namedServices: [UInt32] = []
        var spans: Spans = Spans()
    }

    /// The one reference to an intent's parts. Changed only through ``fields``, which first makes it
    /// unique: so no two intents ever see one change, and an intent is as safe to send as its parts.
    ///
    /// (Its one property is not checked for overlapping access at run time: every access is a read, or
    /// a change through ``fields`` on a box that is unique, and the checks were some forty calls into the
    /// runtime a search, 2 % of its instructions.)
    final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The parts, to read or to change in place (after a copy of them when another intent shares them).
    /// (Accessors inlined: a coroutine called out of line allocated its frame, two dozen mallocs a question.)
    private var fields: Fields {
        @inline(__always) _read { yield box.fields }
        @inline(__always) _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            yield &box.fields
        }
    }

    // (The parts are read in place, `_read`, not returned: a returned list or string was retained and released
    // by each read, `intent.when?.windows` copying the whole time asked.)

    /// The query as typed.
    public var text: String {
        @inline(__always) _read { yield box.fields.text }
        @inline(__always) _modify { yield &fields.text }
    }
    /// Kinds of help recognised, strongest first.
    public var needs: [RecognisedNeed] {
        @inline(__always) _read { yield box.fields.needs }
        @inline(__always) _modify { yield &fields.needs }
    }
    /// The place, when one was named.
    public var place: PlaceIntent? {
        // (Read in place: `intent.place?.kind` copied the whole place, its names and wards retained.)
        @inline(__always) _read { yield box.fields.place }
        @inline(__always) _modify { yield &fields.place }
    }
    /// The time, when one was asked for.
    public var when: TimeIntent? {
        @inline(__always) _read { yield box.fields.when }
        @inline(__always) _modify { yield &fields.when }
    }
    /// Words searched as text (after place and time words were taken out), with their weights.
    public var searchTerms: [SearchTerm] {
        @inline(__always) _read { yield box.fields.searchTerms }
        @inline(__always) _modify { yield &fields.searchTerms }
    }
    /// Words that matched nothing (neither a need, a place, a time, nor any service's text).
    public var unmatchedWords: [String] {
        @inline(__always) _read { yield box.fields.unmatchedWords }
        @inline(__always) _modify { yield &fields.unmatchedWords }
    }
    /// Spelling corrections made (`benifits` → `benefits`).
    public var corrections: [Correction] {
        @inline(__always) _read { yield box.fields.corrections }
        @inline(__always) _modify { yield &fields.corrections }
    }
    /// Times asked for that cannot be (`25:00`, `13pm`), left out of the search and said back.
    public var impossibleTimes: [String] {
        @inline(__always) _read { yield box.fields.impossibleTimes }
        @inline(__always) _modify { yield &fields.impossibleTimes }
    }
    /// Dates that cannot be (`31/11`, `12/25`), left out of the search and said back.
    public var impossibleDates: [String] {
        @inline(__always) _read { yield box.fields.impossibleDates }
        @inline(__always) _modify { yield &fields.impossibleDates }
    }
    /// Postcodes that are not the city's (`M1 1AA`), left out of the search and said back.
    public var unknownPostcodes: [String] {
        @inline(__always) _read { yield box.fields.unknownPostcodes }
        @inline(__always) _modify { yield &fields.unknownPostcodes }
    }
    /// Towns and cities asked for that are not the city's places (`food bank in Bradford`), as named.
    public var unknownPlaces: [String] {
        @inline(__always) _read { yield box.fields.unknownPlaces }
        @inline(__always) _modify { yield &fields.unknownPlaces }
    }
    /// Streets named after a place (`Chapeltown Road` is not Chapeltown, nor `Roundhay Road` Roundhay):
    /// searched as words (addresses hold them), not taken as the place; said, capitalised.
    public var streets: [String] {
        @inline(__always) _read { yield box.fields.streets }
        @inline(__always) _modify { yield &fields.streets }
    }
    /// Languages asked for (`in Arabic`, `speaks Polish`), by English name: services offered in one of them.
    public var languages: [String] {
        @inline(__always) _read { yield box.fields.languages }
        @inline(__always) _modify { yield &fields.languages }
    }
    /// An age or ages said in the question (`for a 15 year old`, `aged 70`, `16-25 year olds`): services
    /// must accept them, as `--age` does (a single age is a range of one).
    public var ages: ClosedRange<Int>? {
        @inline(__always) get { box.fields.ages }
        @inline(__always) _modify { yield &fields.ages }
    }
    /// `no referral (needed)`, `without a referral`: services that need a professional's referral are
    /// left out (the word `referral` was searched, favouring them).
    public var noReferral: Bool {
        @inline(__always) get { box.fields.noReferral }
        @inline(__always) _modify { yield &fields.noReferral }
    }
    /// `walk in`, `drop in`, `no appointment`: services one can turn up to (not by referral or appointment).
    public var walkIn: Bool {
        @inline(__always) get { box.fields.walkIn }
        @inline(__always) _modify { yield &fields.walkIn }
    }
    /// Services the question names in full (`Whingate Healthy Living Drop-in`), as document numbers in
    /// the snapshot it was parsed against: they rank first among the results that pass the filters.
    var namedServices: [UInt32] {
        @inline(__always) _read { yield box.fields.namedServices }
        @inline(__always) _modify { yield &fields.namedServices }
    }
    /// Where each part was said in the text (UTF-16 offsets), so that a front end can offer to take
    /// one part out ("× Saturday").
    public var spans: Spans {
        @inline(__always) _read { yield box.fields.spans }
        @inline(__always) _modify { yield &fields.spans }
    }

    /// The parts of a question.
    public enum Part: String, Sendable, Hashable, CaseIterable { case need, place, time, language, age, referral }

    /// Where each part was said: `spans[.time]` (nil when the part was not said).
    ///
    /// Kept as where each word of the question is, once, and which words each part took (sets of
    /// word positions, no storage of their own for a question of under 64 words); the ranges of a part
    /// are made when asked for. (Six lists of ranges, and the lists they were mapped from, were built
    /// for every question, though only a front end that offers to take a part out reads them.)
    public struct Spans: Sendable, Hashable {
        /// Where each word is (UTF-16 offsets), and ranges set through the subscript.
        private var words: [Range<Int>] = []
        private var need = WordPositions(), place = WordPositions(), time = WordPositions()
        private var language = WordPositions(), age = WordPositions(), referral = WordPositions()

        public init() {}

        /// The parts' words as positions in `words`.
        init(words: [Range<Int>], need: WordPositions, place: WordPositions, time: WordPositions,
             language: WordPositions, age: WordPositions, referral: WordPositions) {
            self.words = words
            self.need = need; self.place = place; self.time = time
            self.language = language; self.age = age; self.referral = referral
        }

        private func positions(_ part: Part) -> WordPositions {
            switch part {
            case .need: return need
            case .place: return place
            case .time: return time
            case .language: return language
            case .age: return age
            case .referral: return referral
            }
        }

        public subscript(part: Part) -> [Range<Int>]? {
            get {
                let p = positions(part)
                return p.isEmpty ? nil : p.map { words[$0] }
            }
            set {
                var p = WordPositions()
                for r in newValue ?? [] {
                    p.insert(words.count)
                    words.append(r)
                }
                switch part {
                case .need: need = p
                case .place: place = p
                case .time: time = p
                case .language: language = p
                case .age: age = p
                case .referral: referral = p
                }
            }
        }

        /// Equal when every part was said in the same places (however they are kept).
        public static func == (a: Spans, b: Spans) -> Bool { Part.allCases.allSatisfy { a[$0] == b[$0] } }

        public func hash(into hasher: inout Hasher) {
            for part in Part.allCases { hasher.combine(self[part]) }
        }
    }

    /// The words typed that are searched as text, when no need was recognised (`"cab"`), else nil.
    public var wordsSearched: String? {
        guard needs.isEmpty else { return nil }
        let words = searchTerms.filter { $0.origin == .typed || $0.origin == .corrected }.map(\.display)
        return words.isEmpty ? nil : words.joined(separator: " ")
    }

    /// How a part that was understood is said back (`in Armley`, `for age 15`), nil when it was not:
    /// the summary and the page's removable parts say the same.
    public func label(of part: Part) -> String? {
        switch part {
        case .need:
            guard !needs.isEmpty else { return nil }
            return needs.filter(\.isDirect).map(\.label).joined(separator: " + ").nonEmpty ?? needs.map(\.label).joined(separator: " + ")
        case .place: return place?.label
        case .time: return when?.label
        case .language: return languages.isEmpty ? nil : "in " + languages.joined(separator: " or ")
        case .age: return ages.map { "for " + AgeText.said($0) }
        case .referral: return walkIn ? "walk in, no appointment" : noReferral ? "no referral needed" : nil
        }
    }

    /// The text with one part's words taken out (`food bank in Armley open Saturday` without the
    /// time is `food bank in Armley`).
    public func text(without part: Part) -> String {
        guard let ranges = spans[part], !ranges.isEmpty else { return text }
        let units = Array(text.utf16)
        var keep = [Bool](repeating: true, count: units.count)
        for r in ranges { for k in r where k < keep.count { keep[k] = false } }
        let kept = String(decoding: units.indices.filter { keep[$0] }.map { units[$0] }, as: UTF16.self)
        return kept.split(whereSeparator: { $0 == " " }).joined(separator: " ")
            .trimmingCharacters(in: CharacterSet(charactersIn: " ,-"))
    }

    public init(text: String) { box = Box(Fields(text: text)) }

    public static func == (a: QueryIntent, b: QueryIntent) -> Bool { a.box === b.box || a.box.fields == b.box.fields }

    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    /// The categories of the recognised needs (codes).
    public var categories: [String] {
        var out: [String] = []
        for n in needs { for c in n.categories where !out.contains(c) { out.append(c) } }
        return out
    }

    /// `food bank · in Armley · open Sat 15 Nov`.
    public var summary: String {
        var parts: [String] = []
        if let words = wordsSearched { parts.append("\"" + words + "\"") }
        parts += Part.allCases.compactMap(label(of:))
        guard parts.isEmpty else { return parts.joined(separator: " · ") }
        return hasNoWords ? "nothing to search for" : "everything"
    }

    /// Text that is there but has no letter or digit in it (an emoji, a quote mark): it asks nothing,
    /// where no text at all asks for everything.
    public var hasNoWords: Bool {
        text.unicodeScalars.contains { !$0.properties.isWhitespace }
            && !text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}

/// A kind of help recognised in the query.
public struct RecognisedNeed: Sendable, Hashable {
    public var concept: String
    public var label: String
    public var categories: [String]
    /// How strongly the words point at it (a direct name counts 1, an everyday word less).
    public var strength: Double
    /// The words that were recognised.
    public var words: [String]
    /// Whether a word naming the need directly was used (not only an everyday word).
    public var isDirect: Bool
    /// Positions of the words among the parser's content words (internal; see ``QueryIntent/spans``).
    /// (Sets of bits: as arrays, two allocations for every need of every question, and two more when
    /// the parser moved them to its content words.)
    var positions = WordPositions()
    /// Those of them that were said as part of a phrase of two or more words (`food bank`).
    var phrasePositions = WordPositions()
    /// The concept's position in the recogniser's thesaurus (-1: not known), so that a search need not
    /// look its id up again.
    var conceptIndex: Int = -1
}

/// A place named in the query.
public struct PlaceIntent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case ward, neighbourhood, postcodeDistrict = "postcode-district", postcode, city
        /// A part of the city of several wards (`west Leeds`).
        case area
    }

    public var kind: Kind
    /// The words as typed ("hare hills").
    public var text: String
    /// The place's own name ("Harehills", "LS8").
    public var name: String
    /// The ward ids it covers (main first).
    public var wards: [Int]
    /// Ward names, in the same order.
    public var wardNames: [String]
    /// The postcode district, for postcode places.
    public var district: String?

    /// `in Harehills (Gipton & Harehills)`.
    public var label: String {
        switch kind {
        case .ward: return "in \(name)"
        case .neighbourhood: return "in \(name) (\(wardNames.first ?? ""))"
        case .area: return "in \(name) (\(wards.count) ward\(wards.count == 1 ? "" : "s"))"
        case .postcodeDistrict, .postcode: return "near \(name)"
        case .city: return "anywhere in \(name)"
        }
    }
}

/// A time asked for, as wall-clock windows in the directory's time zone.
public struct TimeIntent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case now, today, tonight, day, weekend, habitual, window, instant
    }

    public var kind: Kind
    /// `open now`, `open Sat 15 Nov`, `open evenings (next 7 days)`.
    public var label: String
    /// Wall-clock minute ranges (minutes since 1970-01-01 00:00 local); an instant is a range of one minute.
    public var windows: [Range<Int64>]
    /// The words that set it.
    public var words: [String]
}

/// A word searched as text.
public struct SearchTerm: Sendable, Hashable {
    public enum Origin: String, Sendable, Hashable {
        /// Typed by the user.
        case typed
        /// A spelling correction of a typed word.
        case corrected
        /// A completion of the last word typed.
        case prefix
        /// From the thesaurus, for a recognised need.
        case expansion
    }

    /// The index term (a stem, or a phrase of stems).
    public var term: String
    /// The word as shown ("benefits").
    public var display: String
    public var weight: Float
    public var origin: Origin
    /// The term's number in the snapshot the parser looked it up in (-1: not looked up), so that the
    /// search need not hash it again; checked against the snapshot's term before use.
    var termID: Int32 = -1
    /// A typed word that is only part of a recognised need's phrase (`bank` of `food bank`).
    var isPartOfNeedPhrase = false
}

/// A spelling correction.
public struct Correction: Sendable, Hashable {
    public var from: String
    public var to: String
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

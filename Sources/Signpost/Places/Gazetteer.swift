import Foundation

/// A ward of the city.
public struct Ward: Sendable, Hashable, Identifiable {
    /// Index in ``Gazetteer/wards`` (stable for one gazetteer).
    public let id: Int
    /// A stable slug (`gipton-harehills`).
    public let code: String
    /// The canonical name (`Gipton & Harehills`).
    public let name: String
    public let latitude: Double
    public let longitude: Double
    /// Ids of the wards sharing a boundary with this one.
    public let neighbours: [Int]
}

/// A named place people use: a neighbourhood, village, estate or the ward itself.
public struct Place: Sendable, Hashable {
    public let name: String
    /// The ward that contains (most of) it.
    public let ward: Int
    /// Other spellings.
    public let aliases: [String]
}

/// A part of the city people name that covers several wards (`west Leeds`, `east Leeds`).
public struct Area: Sendable, Hashable {
    public let name: String
    /// The wards it covers.
    public let wards: [Int]
    /// Other spellings.
    public let aliases: [String]

    public init(name: String, wards: [Int], aliases: [String] = []) {
        self.name = name
        self.wards = wards
        self.aliases = aliases
    }
}

/// The places of a city: wards, the neighbourhoods people name, postcode areas, and which wards
/// neighbour which. Read from reviewable tab-separated files (`Corpus/leeds/places/`).
public struct Gazetteer: Sendable {
    public let wards: [Ward]
    public let places: [Place]
    /// Parts of the city of several wards (`areas.tsv`; none when the folder has no such file).
    public let areas: [Area]
    /// Postcode districts (`LS8`) and sectors (`LS8 5`) to ward ids, main ward first.
    public let postcodeAreas: [String: [Int]]
    /// Whole-city names (`Leeds`, `All of Leeds`, `City-wide`).
    public let cityNames: [String]
    /// Towns and villages near the city but outside it (`Menston`, `Batley`; `elsewhere.tsv`), one word each,
    /// folded: named after `in`, `near`, `nr` or `around`, each is said to be outside the city rather than corrected into
    /// one of its places (`menston` was read as Manston, across the city) or searched as a word.
    public let elsewhere: Set<String>
    private let wardsByKey: [String: Int]
    private let placesByKey: [String: Int]
    private let areasByKey: [String: Int]
    private let cityKeys: Set<String>

    public init(wards: [Ward], places: [Place], areas: [Area] = [], postcodeAreas: [String: [Int]], cityNames: [String],
                elsewhere: [String] = []) {
        self.elsewhere = Set(elsewhere.map(Self.key))
        self.wards = wards
        self.places = places
        self.areas = areas
        self.postcodeAreas = postcodeAreas
        self.cityNames = cityNames
        var wk: [String: Int] = [:]
        for w in wards { wk[Self.key(w.name)] = w.id; wk[Self.key(w.code)] = w.id }
        wardsByKey = wk
        var pk: [String: Int] = [:]
        for (i, p) in places.enumerated() {
            pk[Self.key(p.name)] = pk[Self.key(p.name)] ?? i
            for a in p.aliases { pk[Self.key(a)] = pk[Self.key(a)] ?? i }
        }
        placesByKey = pk
        var ak: [String: Int] = [:]
        for (i, a) in areas.enumerated() {
            for name in [a.name] + a.aliases { ak[Self.key(name)] = ak[Self.key(name)] ?? i }
        }
        areasByKey = ak
        cityKeys = Set(cityNames.map(Self.key))
        // The letters most of the city's postcode districts start with (`LS` for Leeds).
        var areas: [String: Int] = [:]
        for d in postcodeAreas.keys where !d.contains(" ") { areas[String(d.prefix { $0.isLetter }), default: 0] += 1 }
        postcodeArea = areas.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
    }

    /// The postcode area of most of the city's districts (`LS`), so that `Leeds 9` is LS9.
    public let postcodeArea: String?

    /// Whether a (folded) word is one of the city's names.
    public func isCityName(_ word: String) -> Bool { cityKeys.contains(Self.key(word)) }

    /// A comparison key for place names: case, accents, punctuation and `and`/`&` do not matter.
    /// `Gipton and Harehills` and `Gipton & Harehills` both give `gipton harehills`.
    public static func key(_ name: String) -> String {
        var words: [Substring] = []
        // ASCII (the usual case) byte by byte; anything else is folded first.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            var out: [UInt8] = []
            out.reserveCapacity(name.utf8.count)
            var word: [UInt8] = []
            func flush() {
                if !word.isEmpty && word != [0x61, 0x6E, 0x64] {  // "and"
                    if !out.isEmpty { out.append(0x20) }
                    out += word
                }
                word.removeAll(keepingCapacity: true)
            }
            for b in name.utf8 {
                switch b {
                case 0x41...0x5A: word.append(b | 0x20)
                case 0x61...0x7A, 0x30...0x39: word.append(b)
                default: flush()
                }
            }
            flush()
            return String(decoding: out, as: UTF8.self)
        } else {
            let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            words = folded.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
        }
        return words.filter { $0 != "and" }.joined(separator: " ")
    }

    /// The ward with this name, compared loosely (`Gipton and Harehills`, `gipton-harehills`).
    public func ward(named name: String) -> Ward? {
        wardsByKey[Self.key(name)].map { wards[$0] }
    }

    /// The ward containing a named neighbourhood or village, or the ward itself.
    public func ward(forPlace name: String) -> Ward? {
        if let w = ward(named: name) { return w }
        return placesByKey[Self.key(name)].map { wards[places[$0].ward] }
    }

    /// The wards a name means: a ward; the ward of a neighbourhood; or every ward of a part of the city
    /// that spans several (`Morley` is Morley North and Morley South; `West Leeds`); empty for none.
    public func wards(forName name: String) -> [Ward] {
        if let w = ward(forPlace: name) { return [w] }
        return areasByKey[Self.key(name)].map { areas[$0].wards.map { wards[$0] } } ?? []
    }

    /// Whether a name means the whole city.
    public func isWholeCity(_ name: String) -> Bool {
        cityKeys.contains(Self.key(name))
    }

    /// The wards of a postcode: its sector when known, else its district (main ward first).
    public func wards(forPostcode postcode: String) -> [Ward] {
        if let s = Postcode.sector(postcode), let ids = postcodeAreas[s], !ids.isEmpty { return ids.map { wards[$0] } }
        if let d = Postcode.district(postcode), let ids = postcodeAreas[d] { return ids.map { wards[$0] } }
        return []
    }

    /// Whether a postcode district is in the city.
    public func knowsDistrict(_ district: String) -> Bool { postcodeAreas[district.uppercased()] != nil }

    /// The nearest ward centroid to a point, and its distance in kilometres.
    ///
    /// - Complexity: O(wards); each is compared by the haversine's inner term (the distance grows with
    ///   it), so only the nearest pays for the arc sine, and no ward is copied until the end.
    public func nearestWard(latitude: Double, longitude: Double, among candidates: [Ward]? = nil) -> (ward: Ward, km: Double)? {
        func nearest(_ list: [Ward]) -> (ward: Ward, km: Double)? {
            var best = -1, bestTerm = Double.infinity
            for k in list.indices {
                let t = Self.haversineTerm(latitude, longitude, list[k].latitude, list[k].longitude)
                if best < 0 || t < bestTerm { best = k; bestTerm = t }
            }
            return best < 0 ? nil : (list[best], Self.distanceKm(haversineTerm: bestTerm))
        }
        return nearest(candidates ?? wards)
    }

    /// Great-circle distance (haversine).
    public static func distanceKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        distanceKm(haversineTerm: haversineTerm(lat1, lon1, lat2, lon2))
    }

    private static func haversineTerm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let dLat = (lat2 - lat1) * .pi / 180, dLon = (lon2 - lon1) * .pi / 180
        return sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * .pi / 180) * cos(lat2 * .pi / 180) * sin(dLon / 2) * sin(dLon / 2)
    }

    private static func distanceKm(haversineTerm a: Double) -> Double { 2 * 6371.0 * asin(min(1, sqrt(a))) }

    /// Whether phone numbers are checked as UK numbers: when there is a city (the city folders are
    /// British ones); a directory read with `--city none`, from elsewhere, got a warning for every
    /// American number.
    public var checksUKPhoneNumbers: Bool { !cityNames.isEmpty }

    /// Why a ward given as a filter cannot be used, with the ward most likely meant (`"Armly" is not
    /// a ward of Leeds — did you mean "Armley"?`); nil for a ward or a place in one.
    public func unknownWardReason(_ name: String) -> String? {
        guard wards(forName: name).isEmpty else { return nil }
        let hint = suggestions(for: name).first.map { " — did you mean \"\($0)\"?" } ?? ""
        return "\"\(name)\" is not a ward of \(cityNames.first ?? "the city")\(hint)"
    }

    /// The closest ward names to a misspelt one (for "did you mean"), best first.
    public func suggestions(for name: String, limit: Int = 1) -> [String] {
        let k = Self.key(name)
        var scored: [(String, Int)] = []
        for w in wards {
            let d = EditDistance.damerau(k, Self.key(w.name), limit: max(2, k.count / 3))
            if let d { scored.append((w.name, d)) }
        }
        for p in places {
            let d = EditDistance.damerau(k, Self.key(p.name), limit: max(2, k.count / 3))
            if let d { scored.append((wards[p.ward].name, d + 1)) }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}

/// A place where a service is delivered.
public struct Location: Sendable, Hashable, Codable {
    public var id: String?
    public var name: String?
    /// Street address lines, joined with ", " (without city and postcode).
    public var address: String?
    public var city: String?
    /// The postcode as written, normalised to upper case with one space (`LS12 1AB`).
    public var postcode: String?
    public var latitude: Double?
    public var longitude: Double?
    /// The ward the location is in (canonical name), once resolved.
    public var ward: String?
    /// How the ward was found.
    public var wardSource: WardSource?

    public init(id: String? = nil, name: String? = nil, address: String? = nil, city: String? = nil,
                postcode: String? = nil, latitude: Double? = nil, longitude: Double? = nil,
                ward: String? = nil, wardSource: WardSource? = nil) {
        self.id = id
        self.name = name
        self.address = address
        self.city = city
        self.postcode = postcode.map(Postcode.normalise)
        self.latitude = latitude
        self.longitude = longitude
        self.ward = ward
        self.wardSource = wardSource
    }

    /// The postcode district (`LS12` for `LS12 1AB`).
    public var postcodeDistrict: String? { postcode.flatMap(Postcode.district) }

    /// Whether someone could find it: a street address or a postcode.
    public var hasAddress: Bool { !(address ?? "").isEmpty || postcode != nil }

    /// One line for people: name, address, city, postcode.
    public var displayAddress: String {
        var parts: [String] = []
        for p in [name, address, city, postcode] {
            if let p, !p.isEmpty, !parts.contains(p) { parts.append(p) }
        }
        return parts.joined(separator: ", ")
    }
}

/// How a location's ward was decided, in the order the rules are tried.
public enum WardSource: String, Sendable, Hashable, Codable {
    /// The record said so (`x_ward`, the spreadsheet's `ward` column).
    case explicit
    /// A service area names exactly one ward.
    case serviceArea = "service area"
    /// The postcode sector or district.
    case postcode
    /// The nearest ward centroid to the coordinates.
    case coordinates
}

/// UK postcode helpers.
public enum Postcode {
    /// Upper case, single inner space: `ls121ab` → `LS12 1AB`.
    public static func normalise(_ raw: String) -> String {
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII (every real postcode): upper-case, spaces out, a space before the last three.
            var c: [UInt8] = []
            c.reserveCapacity(8)
            for b in raw.utf8 where b != 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { c.append(b >= 0x61 && b <= 0x7A ? b - 0x20 : b) }
            if c.count >= 5, c.count <= 7, let last = c.last, last >= 0x41 && last <= 0x5A {
                c.insert(0x20, at: c.count - 3)
                return String(decoding: c, as: UTF8.self)
            }
        }
        let compact = raw.uppercased().filter { !$0.isWhitespace }
        guard compact.count >= 5, compact.count <= 7, compact.last!.isLetter else {
            return raw.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let inward = compact.suffix(3)
        return compact.dropLast(3) + " " + inward
    }

    /// The outward code (district) of a full or partial postcode: `LS12 1AB` → `LS12`, `LS12` → `LS12`.
    public static func district(_ postcode: String) -> String? {
        let (outward, _) = parts(normalise(postcode))
        let first = String(outward)
        return isDistrict(first) ? first : nil
    }

    /// The sector of a full postcode: `LS12 1AB` → `LS12 1`.
    public static func sector(_ postcode: String) -> String? {
        let (outward, inward) = parts(normalise(postcode))
        guard let inward, isDistrict(String(outward)), let digit = inward.first, digit.isNumber else { return nil }
        return "\(outward) \(digit)"
    }

    /// A normalised postcode's outward part and, when there are exactly two parts, its inward part
    /// (normalised postcodes have single spaces and none at either end).
    private static func parts(_ n: String) -> (outward: Substring, inward: Substring?) {
        guard let space = n.utf8.firstIndex(of: 0x20) else { return (n[...], nil) }
        let rest = n[n.utf8.index(after: space)...]
        return (n[..<space], rest.isEmpty || rest.utf8.contains(0x20) ? nil : rest)
    }

    /// Whether a string looks like a postcode district: one or two letters, then a digit, then an
    /// optional digit or letter (`LS1`, `LS12`, `WF3`, `EC1A`).
    ///
    /// - Complexity: O(1); bytes for ASCII (every real postcode), characters otherwise.
    public static func isDistrict(_ s: String) -> Bool {
        let utf8 = s.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return isDistrict(Array(s.uppercased())) }
        guard (2...4).contains(utf8.count) else { return false }
        func letter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        func digit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
        let c = Array(utf8)
        guard letter(c[0]) else { return false }
        var k = 1
        if letter(c[k]) { k += 1 }
        guard k < c.count, digit(c[k]) else { return false }
        k += 1
        if k < c.count { guard digit(c[k]) || letter(c[k]) else { return false }; k += 1 }
        return k == c.count
    }

    private static func isDistrict(_ c: [Character]) -> Bool {
        guard (2...4).contains(c.count), c[0].isASCII, c[0].isLetter else { return false }
        var k = 1
        if c[k].isLetter { k += 1 }
        guard k < c.count, c[k].isASCII, c[k].isNumber else { return false }
        k += 1
        if k < c.count { guard c[k].isASCII, c[k].isNumber || c[k].isLetter else { return false }; k += 1 }
        return k == c.count
    }

    /// Whether a word is a postcode's inward part: a digit and two letters (`1ab`). Only such a word
    /// completes a district typed before it (`ls12 or` is no `LS1 2OR`).
    public static func isInward(_ s: String) -> Bool {
        let c = Array(s.utf8)
        func letter(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) }
        return c.count == 3 && (0x30...0x39).contains(c[0]) && letter(c[1]) && letter(c[2])
    }

    /// Whether a string is a full UK postcode (`LS12 1AB`, `ls121ab`).
    public static func isFull(_ s: String) -> Bool {
        let (outward, rest) = parts(normalise(s))
        guard let rest, isDistrict(String(outward)) else { return false }
        let inward = Array(rest)
        return inward.count == 3 && inward[0].isNumber && inward[1].isLetter && inward[2].isLetter
    }
}

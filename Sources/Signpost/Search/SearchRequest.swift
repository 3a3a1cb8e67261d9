import Foundation
/// A search: text from the search box, explicit filters, a reference time, and how many results.
public struct SearchRequest: Sendable {
    /// What was typed (may be empty: browse by filters).
    public var text: String
    public var filters: SearchFilters
    /// An explicit time filter (the CLI's `--open-now`, `--open-at`, `--open-between`); when nil, time
    /// words in the text are used.
    public var time: TimeFilter?
    /// The reference "now", in UTC seconds since 1970.
    public var now: Int64
    public var limit: Int
    public var offset: Int
    /// Understand place, time and need words (false: plain full-text search of every word).
    public var understand: Bool
    /// Keep services whose schedules have all expired.
    public var includeExpired: Bool
    /// Fill in each result's matched terms and fields (for `--explain` and highlighting).
    public var explain: Bool
    /// Evaluate every candidate, so that `totalMatches` is exact even in a large directory (by
    /// default a search with a place and a need stops once its results are certain).
    public var exactTotal: Bool = false

    public init(text: String, filters: SearchFilters = SearchFilters(), time: TimeFilter? = nil, now: Int64,
                limit: Int = 10, offset: Int = 0, understand: Bool = true, includeExpired: Bool = false,
                explain: Bool = false) {
        self.text = text
        self.filters = filters
        self.time = time
        self.now = now
        self.limit = limit
        self.offset = offset
        self.understand = understand
        self.includeExpired = includeExpired
        self.explain = explain
    }
}

/// Filters that narrow a search exactly (unlike words, which rank).
public struct SearchFilters: Sendable, Hashable {
    /// Wards (names, compared loosely): services located in or serving any of them.
    public var wards: [String] = []
    /// Categories (codes or names, compared loosely): services in any of them.
    public var categories: [String] = []
    /// An age the service must accept.
    public var age: Int?
    /// An age range the service's ages must overlap (Open Referral's `minimum_age`/`maximum_age`).
    public var ages: ClosedRange<Int>?
    public var freeOnly: Bool = false
    /// Languages (names or codes): services offered in any of them.
    public var languages: [String] = []
    /// Referral routes: services reachable by any of them.
    public var referralRoutes: [ReferralRoute] = []

    public init(wards: [String] = [], categories: [String] = [], age: Int? = nil, freeOnly: Bool = false,
                languages: [String] = [], referralRoutes: [ReferralRoute] = []) {
        self.wards = wards
        self.categories = categories
        self.age = age
        self.freeOnly = freeOnly
        self.languages = languages
        self.referralRoutes = referralRoutes
    }

    public var isEmpty: Bool {
        wards.isEmpty && categories.isEmpty && age == nil && ages == nil && !freeOnly && languages.isEmpty && referralRoutes.isEmpty
    }

    /// The filters in words, for a notice: `ward Gipton and Harehills, in Urdu, free`.
    public var summary: String {
        var parts: [String] = []
        if !wards.isEmpty { parts.append("ward " + wards.joined(separator: " or ")) }
        if !categories.isEmpty { parts.append("category " + categories.joined(separator: " or ")) }
        if let age { parts.append("age \(age)") }
        if let ages { parts.append(AgeText.said(ages)) }
        if !languages.isEmpty { parts.append("in " + languages.map(Languages.englishName).joined(separator: " or ")) }
        if !referralRoutes.isEmpty { parts.append(referralRoutes.map(\.label).joined(separator: " or ")) }
        if freeOnly { parts.append("free") }
        return parts.joined(separator: ", ")
    }
}

/// An explicit time constraint.
public enum TimeFilter: Sendable, Hashable {
    /// Open at the reference instant.
    case openNow
    /// Open at an instant (UTC seconds).
    case openAt(Int64)
    /// Open at some point between two instants (UTC seconds, end exclusive).
    case openBetween(Int64, Int64)

    /// `open at` as written (`--open-at`, the API's `open_at`): an ISO 8601 instant, or a date alone
    /// for some time on that whole day in the directory's zone (it was midnight, which found one
    /// service); nil when it is neither.
    public static func openAt(_ text: String, zone: CivilTimeZone) -> TimeFilter? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.utf8.count == 10, let day = LocalDate(iso: t) {
            let start = Int64(day.dayNumber) * 1440
            return .openBetween(zone.utcSeconds(forWallMinute: start), zone.utcSeconds(forWallMinute: start + 1440))
        }
        return ISO8601Instant.parse(t, zone: zone).map { .openAt($0) }
    }
}

/// What to say of a category asked for that no service is in: the code meant (`foodbank`, `debt` and
/// `carers` named none, and nothing said which there are), else the codes there are.
enum CategoryHint {
    /// `; did you mean "food-bank"?`, or `; the categories are: ....`, or `.` for a directory without
    /// categories: the end of a sentence.
    static func hint(_ asked: String, codes: [String]) -> String {
        if let meant = meant(asked, codes: codes) { return "; did you mean \"\(meant)\"?" }
        guard !codes.isEmpty else { return "." }
        let sorted = codes.sorted()
        return "; the categories are: " + sorted.prefix(60).joined(separator: ", ") + (sorted.count > 60 ? ", ..." : ".")
    }

    /// The code `asked` most likely means: one of the same letters, else a code it begins (`debt` of
    /// `debt-advice`), else one within one or two typing slips (`fodbank`); nil when none is near.
    static func meant(_ asked: String, codes: [String]) -> String? {
        func bare(_ s: String) -> String { String(s.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) }.map(Character.init)) }
        let key = bare(asked)
        let keyed = codes.lazy.map { (key: bare($0), value: $0) }
        return keyed.first(where: { $0.key == key })?.value ?? keyed.first(where: { key.count >= 3 && $0.key.hasPrefix(key) })?.value
            ?? EditDistance.nearest(key, among: keyed, limit: { $0.count > 6 ? 2 : 1 })
    }
}

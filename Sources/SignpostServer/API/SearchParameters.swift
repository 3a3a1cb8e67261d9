import Foundation
import Signpost

/// A query parameter that is not valid: named, with what would be valid (HTTP 400).
public struct BadParameter: Error, Sendable {
    public var name: String
    public var detail: String
}

/// Turns `/services` query parameters (Open Referral UK v3 names) into a search request.
public struct SearchParameters: Sendable {
    /// The most results a page may hold, and the longest text accepted.
    public static let maximumPerPage = 100
    public static let maximumTextLength = Searcher.maximumQuestionLength
    public static let defaultPerPage = 20
    /// Every parameter `/services` reads (`q` is `text`, `taxonomy_id` is `category`, as other Open
    /// Referral clients send them). Any other is refused: a misspelt filter (`wards=`, `open-now=`) was
    /// ignored, and the worker read an unfiltered list as filtered.
    public static let names = ["text", "q", "ward", "category", "taxonomy_id", "open_at", "open_now", "day", "start_time", "end_time",
                               "minimum_age", "maximum_age", "free", "language", "referral", "at", "page", "per_page"]
    /// The parameters that may be given more than once (each value, or a comma-separated list, adds one);
    /// any other given twice with different values is refused (the last one was taken without a word).
    public static let repeatable: Set<String> = ["ward", "category", "taxonomy_id", "language", "referral"]

    /// The parameter most likely meant by one not read (`wards`, `open-now`), among `names`, or nil.
    static func meant(_ name: String, among names: [String]) -> String? {
        EditDistance.nearest(name.lowercased().replacingOccurrences(of: "-", with: "_"),
                             among: names.lazy.filter { $0.count > 2 }.map { (key: $0, value: $0) }, limit: { $0.count > 5 ? 2 : 1 })
    }

    public var request: SearchRequest
    public var page: Int
    public var perPage: Int

    /// - Parameters:
    ///   - query: the parameters (``repeatable`` names may repeat; another given twice with different values
    ///     is refused).
    ///   - zone: the directory's time zone.
    ///   - now: the reference instant when `at` is not given.
    public init(_ query: [(String, String)], zone: CivilTimeZone, now: Int64) throws(BadParameter) {
        if let unknown = query.first(where: { !Self.names.contains($0.0) }) {
            let close = Self.meant(unknown.0, among: Self.names)
            throw BadParameter(name: unknown.0, detail: "is not a parameter of /services" + (close.map { " (did you mean \"\($0)\"?)" } ?? "")
                               + "; it takes " + Self.names.joined(separator: ", "))
        }
        for name in Self.names where !Self.repeatable.contains(name) {
            let values = query.filter { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }
            if let first = values.first, let other = values.first(where: { $0 != first }) {
                throw BadParameter(name: name, detail: "is given twice (\"\(first.prefix(60))\" and \"\(other.prefix(60))\"); give it once"
                                   + " (only " + Self.repeatable.sorted().joined(separator: ", ") + " may repeat)")
            }
        }
        func all(_ name: String) -> [String] {
            query.filter { $0.0 == name }.flatMap { $0.1.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
                .filter { !$0.isEmpty }
        }
        func one(_ name: String) -> String? { query.last { $0.0 == name }.map { $0.1.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        func int(_ name: String, _ range: ClosedRange<Int>) throws(BadParameter) -> Int? {
            guard let v = one(name) else { return nil }
            guard let n = Int(v), range.contains(n) else {
                throw BadParameter(name: name, detail: "\"\(v)\" is not a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            return n
        }
        // (Both, differing: one was ignored without a word.)
        if let t = one("text"), let q = one("q"), t != q {
            throw BadParameter(name: "q", detail: "\"\(q.prefix(60))\" and text \"\(t.prefix(60))\" are both given; give one of them")
        }
        let text = one("text") ?? one("q") ?? ""
        guard text.count <= Self.maximumTextLength else {
            throw BadParameter(name: "text", detail: "is \(text.count) characters; at most \(Self.maximumTextLength) are accepted")
        }
        let reference = try Self.reference(at: one("at"), zone: zone, now: now)
        var filters = SearchFilters(wards: all("ward"), categories: all("category") + all("taxonomy_id"), languages: all("language"))
        for r in all("referral") {
            guard let route = ReferralRoute(loose: r) else {
                throw BadParameter(name: "referral", detail: "\"\(r)\" is not a referral route (drop-in, self-referral, professional-referral, phone-first, appointment)")
            }
            filters.referralRoutes.append(route)
        }
        if let free = one("free") {
            switch free.lowercased() {
            case "true", "1", "yes": filters.freeOnly = true
            case "false", "0", "no": filters.freeOnly = false
            default: throw BadParameter(name: "free", detail: "\"\(free)\" is not true or false")
            }
        }
        let minAge = try int("minimum_age", 0...130), maxAge = try int("maximum_age", 0...130)
        if minAge != nil || maxAge != nil {
            let lo = minAge ?? 0, hi = maxAge ?? 130
            guard lo <= hi else { throw BadParameter(name: "maximum_age", detail: "is below minimum_age") }
            filters.ages = lo...hi
        }
        // Time: open_at, or day with start_time/end_time, or open_now: one of them (with two, one was dropped
        // without a word).
        let openNowAsked = one("open_now").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
        let timesGiven = [("open_at", one("open_at") != nil), ("day", one("day") != nil), ("open_now", openNowAsked)].filter(\.1).map(\.0)
        if timesGiven.count > 1 {
            throw BadParameter(name: timesGiven[1], detail: "is given with \(timesGiven[0]); give one time (open_at, day with start_time and end_time, or open_now=true)")
        }
        var time: TimeFilter? = nil
        if let openAt = one("open_at") {
            // (A date alone is that whole day, as in the command line: it was midnight.)
            guard let t = TimeFilter.openAt(openAt, zone: zone) else {
                throw BadParameter(name: "open_at", detail: "\"\(openAt)\" is not an ISO 8601 time or a date (2025-12-25)")
            }
            time = t
        }
        if let day = one("day") {
            guard let wd = Weekday(code: day) else { throw BadParameter(name: "day", detail: "\"\(day)\" is not a day of the week") }
            func clock(_ name: String, _ fallback: Int) throws(BadParameter) -> Int {
                guard let v = one(name) else { return fallback }
                guard let t = TimeOfDay(hhmm: v) else { throw BadParameter(name: name, detail: "\"\(v)\" is not HH:MM") }
                // (`24:00` ends a day; as a start it was read as 00:00, the whole day.)
                if name == "start_time" && t.minutes == 0 && v.hasPrefix("24") {
                    throw BadParameter(name: name, detail: "\"\(v)\" is the end of a day; a start is 00:00 to 23:59")
                }
                return t.minutes
            }
            let start = try clock("start_time", 0)
            var end = try clock("end_time", 1440)
            if end == 0 { end = 1440 }
            guard end > start else { throw BadParameter(name: "end_time", detail: "is not after start_time") }
            let today = CivilTimeZone.floorDiv(zone.wallMinute(atUTC: reference), 1440)
            let ahead = Int64((wd.rawValue - Weekday(dayNumber: Int(today)).rawValue + 7) % 7)
            let base = (today + ahead) * 1440
            time = .openBetween(zone.utcSeconds(forWallMinute: base + Int64(start)), zone.utcSeconds(forWallMinute: base + Int64(end)))
        } else if one("start_time") != nil || one("end_time") != nil {
            throw BadParameter(name: "day", detail: "start_time and end_time need a day")
        }
        if let openNow = one("open_now") {
            switch openNow.lowercased() {
            case "true", "1", "yes": time = .openNow
            case "false", "0", "no": break
            default: throw BadParameter(name: "open_now", detail: "\"\(openNow)\" is not true or false")
            }
        }
        page = try int("page", 1...100_000) ?? 1
        perPage = try int("per_page", 1...Self.maximumPerPage) ?? Self.defaultPerPage
        request = SearchRequest(text: text, filters: filters, time: time, now: reference, limit: perPage,
                                offset: (page - 1) * perPage, understand: true)
        request.exactTotal = true
    }

    /// Refuses a ward the city does not have, with the ward meant, and a misspelt language or category,
    /// with the one meant (`Frnech`, `fodbank`), as `search --ward` does: the API, the page and `bench`'s
    /// query lines alike (each answered with every city-wide service, or none, under a notice that a
    /// program reading the list does not read).
    public func checkNames(in directory: Directory) throws(BadParameter) {
        for w in request.filters.wards {
            if let reason = directory.city.gazetteer.unknownWardReason(w) { throw BadParameter(name: "ward", detail: reason) }
        }
        for c in request.filters.categories {
            if let meant = directory.searcher.misspeltCategory(c) {
                throw BadParameter(name: "category", detail: "\"\(c)\" is not a category of the directory (did you mean \"\(meant)\"?)")
            }
        }
        for l in request.filters.languages where !Languages.isKnown(l) {
            if let meant = Languages.suggestion(for: l) {
                throw BadParameter(name: "language", detail: "\"\(l)\" is not a language (did you mean \"\(meant)\"?)")
            }
        }
    }

    /// The reference instant: `at` (an ISO 8601 time), else `now` (a search's and `/services/{id}`'s alike).
    static func reference(at: String?, zone: CivilTimeZone, now: Int64) throws(BadParameter) -> Int64 {
        guard let at else { return now }
        guard let t = ISO8601Instant.parse(at, zone: zone) else { throw BadParameter(name: "at", detail: "\"\(at)\" is not an ISO 8601 time") }
        return t
    }
}

/// Open Referral UK v3 pages of results.
enum ORUKPage {
    static func json(_ r: SearchResponse, page: Int, perPage: Int, zone: CivilTimeZone) -> JSONOutput {
        let totalPages = max(1, (r.totalMatches + perPage - 1) / perPage)
        let strict = r.results.filter { $0.relaxation == nil }
        return .object([
            ("total_items", .int(r.totalMatches)),
            ("total_pages", .int(totalPages)),
            ("page_number", .int(page)),
            ("size", .int(strict.count)),
            ("first_page", .bool(page == 1)),
            ("last_page", .bool(page >= totalPages)),
            ("empty", .bool(strict.isEmpty)),
            ("intent", r.intent.json()),
            ("notices", .array(r.notices.map { .string($0) })),
            ("contents", .array(strict.map { item($0, r, zone) })),
            ("relaxed", .array(r.results.filter { $0.relaxation != nil }.map { item($0, r, zone) })),
        ])
    }

    /// An HSDS service object with Signpost's own fields (`score`, `open_now`, ...).
    static func item(_ result: SearchResult, _ r: SearchResponse, _ zone: CivilTimeZone) -> JSONOutput {
        let s = result.service
        guard case .object(var members) = s.hsdsJSON() else { return .null }
        members += [
            ("score", .double((result.score * 1000).rounded() / 1000)),
            ("place_match", .string(result.placeMatch.rawValue)),
            ("relaxed", result.relaxation.map { .string($0.rawValue) } ?? .null),
        ] + hours(s, wallNow: r.wallNow, zone)
        return .object(members)
    }

    /// A service's hours at a wall-clock minute, as every service object says them (the list and
    /// `/services/{id}` alike).
    static func hours(_ s: Service, wallNow: Int64, _ zone: CivilTimeZone) -> [(String, JSONOutput)] {
        let status = s.hoursStatus(atWallMinute: wallNow)
        func iso(_ wall: Int64?) -> JSONOutput { wall.map { .string(zone.iso8601(utcSeconds: zone.utcSeconds(forWallMinute: $0))) } ?? .null }
        return [
            ("open_now", .bool(status.isOpenNow)),
            ("closes_at", iso(status.closesAt)),
            ("next_open", iso(status.nextOpen)),
            ("hours_status", .string(status.label)),
            ("hours_weekly", .string(status.weekly)),
        ]
    }
}

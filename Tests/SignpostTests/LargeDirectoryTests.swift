import Foundation
import Testing
@testable import Signpost

/// A generated directory large enough for the search to stop early once its results are certain:
/// the results must be exactly those of the full evaluation.
@Suite("Searching a large directory")
struct LargeDirectoryTests {
    static let directory: Directory = {
        let vocabulary = try! GeneratorVocabulary.load(from: Fixtures.corpus.appendingPathComponent("generator/vocabulary.json"))
        let services = try! DirectoryGenerator(vocabulary: vocabulary, gazetteer: Fixtures.city.gazetteer).services(count: 25_000, seed: 11)
        return Directory(services: services, city: Fixtures.city)
    }()

    @Test("stopping early gives the same results as evaluating everything", arguments: [
        "food bank in Armley open Saturday", "can't pay my bills Harehills", "warm space near LS14 now",
        "english classes in Beeston evenings", "my mum is lonely in Roundhay", "night shelter Hunslet tonight",
        "stay and play near ls12", "debt advice Gipton and Harehills tuesday morning",
        // Without a place: candidates that cannot enter the results are not checked.
        "no food in the house this weekend", "disability support in the evenings", "youth club open now", "benefits",
        // Needs of different strengths (only the strongest level's services are candidates when they fill the page).
        "lunch club for older people", "mental health support group", "help with debts", "counselling", "parent and toddler group",
        // Browsing, without a place: read in alphabetical order.
        "open now", "open Saturday morning", "",
        // Browsing a place: its tiers, each by name.
        "Armley", "open now in Seacroft", "ls12 open saturday",
    ])
    func earlyStopMatchesFullEvaluation(query: String) {
        let now = Fixtures.at("2025-11-12T11:00:00+00:00")
        for (limit, offset) in [(10, 0), (5, 5), (25, 0)] {
            var exact = SearchRequest(text: query, now: now, limit: limit, offset: offset)
            exact.exactTotal = true
            let fast = Self.directory.search(SearchRequest(text: query, now: now, limit: limit, offset: offset))
            let full = Self.directory.search(exact)
            #expect(fast.results.map(\.service.id) == full.results.map(\.service.id), "\(query) limit \(limit) offset \(offset)")
            #expect(fast.notices == full.notices, "\(query) limit \(limit) offset \(offset)")
            #expect(full.totalIsExact && fast.totalMatches <= full.totalMatches)
        }
    }

    /// A service named in full comes first in the search that stops early too, with or without a place.
    @Test func aNamedServiceIsFirstWhenStoppingEarly() {
        let snapshot = Self.directory.snapshot
        let now = Fixtures.at("2025-11-12T11:00:00+00:00")
        var checked = 0
        for d in stride(from: 7, to: snapshot.documentCount, by: 1_250) {
            let s = snapshot.service(d)
            guard let ward = s.locations.compactMap(\.ward).first else { continue }
            for query in [s.name, "\(s.name) in \(ward)"] {
                var exact = SearchRequest(text: query, now: now)
                exact.exactTotal = true
                let full = Self.directory.search(exact), fast = Self.directory.search(SearchRequest(text: query, now: now))
                #expect(fast.results.map(\.service.id) == full.results.map(\.service.id), "\(query)")
                guard full.results.contains(where: { $0.service.id == s.id }) else { continue }
                #expect(fast.results.first?.service.name == s.name, "\(query)")
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    /// A page of services that only serve the whole city says so, whether the search stopped early or
    /// not (the tiers did not say it). In this directory no youth club in Wetherby is open on a Sunday
    /// evening, and four that serve the whole city are.
    @Test func aPageOfWholeCityServicesSaysSo() {
        let now = Fixtures.at("2025-11-12T11:00:00+00:00")
        var exact = SearchRequest(text: "youth club in Wetherby sunday evening", now: now, limit: 3)
        exact.exactTotal = true
        let fast = Self.directory.search(SearchRequest(text: exact.text, now: now, limit: 3)), full = Self.directory.search(exact)
        #expect(fast.results.map(\.service.id) == full.results.map(\.service.id))
        #expect(fast.results.count == 3 && fast.results.allSatisfy { $0.placeMatch == .servesCity })
        #expect(fast.notices.contains("None of these is in Wetherby itself: they serve the whole city."), "\(fast.notices)")
        #expect(fast.notices == full.notices)
    }

    /// A ward filter ranks as a place typed does: browsing it, or a need with it, walks its tiers too,
    /// and goes on to the full evaluation when they run out.
    @Test("a ward filter, browsing or with a need", arguments: [
        ("", SearchFilters(wards: ["Armley"])), ("", SearchFilters(wards: ["Gipton & Harehills"], categories: ["debt-advice"], freeOnly: true)),
        ("debt advice", SearchFilters(wards: ["Armley"])), ("food bank open saturday", SearchFilters(wards: ["Hunslet & Riverside", "Beeston & Holbeck"])),
        ("", SearchFilters(wards: ["Otley & Yeadon"], languages: ["Tigrinya"])), ("lunch club", SearchFilters(wards: ["Wetherby"], age: 15)),
    ])
    func wardFilterTiers(text: String, filters: SearchFilters) {
        let now = Fixtures.at("2025-11-12T11:00:00+00:00")
        for (limit, offset) in [(10, 0), (5, 5), (40, 0)] {
            var exact = SearchRequest(text: text, filters: filters, now: now, limit: limit, offset: offset)
            exact.exactTotal = true
            let fast = Self.directory.search(SearchRequest(text: text, filters: filters, now: now, limit: limit, offset: offset))
            let full = Self.directory.search(exact)
            #expect(fast.results.map(\.service.id) == full.results.map(\.service.id), "\(text) \(filters.summary) limit \(limit) offset \(offset)")
            #expect(!full.results.isEmpty, "\(text) \(filters.summary) finds nothing: the case is not tested")
        }
    }

    /// When too few services of the strongest need level pass the filters to fill the page, the search
    /// goes on to weaker needs and words alone, as the full evaluation does.
    @Test("a need without a place whose strongest level cannot fill the page", arguments: [
        SearchFilters(languages: ["Tigrinya"]), SearchFilters(age: 15, freeOnly: true), SearchFilters(referralRoutes: [.dropIn]),
    ])
    func strongestNeedLevelTooFew(filters: SearchFilters) {
        let now = Fixtures.at("2025-11-12T11:00:00+00:00")
        for query in ["lunch club for older people", "mental health support group open now"] {
            var exact = SearchRequest(text: query, filters: filters, now: now, limit: 60)
            exact.exactTotal = true
            let fast = Self.directory.search(SearchRequest(text: query, filters: filters, now: now, limit: 60))
            let full = Self.directory.search(exact)
            #expect(fast.results.map(\.service.id) == full.results.map(\.service.id), "\(query) \(filters.summary)")
            #expect(!full.results.isEmpty, "\(query) \(filters.summary) finds nothing: the case is not tested")
        }
    }

    @Test(arguments: ["food bank in Armley", "no food in the house this weekend", "open now"])
    func aCommonQueryStopsEarly(query: String) {
        let r = Self.directory.search(SearchRequest(text: query, now: Fixtures.at("2025-11-12T11:00:00Z")))
        #expect(!r.totalIsExact && r.results.count == 10)
    }

    /// Browsing a category with another filter few of its services pass: read in name order, the
    /// same results as the full evaluation over the category's own lists.
    @Test("browsing a category with a rare second filter", arguments: [
        SearchFilters(categories: ["esol"], languages: ["Arabic"]), SearchFilters(categories: ["food-bank"], languages: ["Tigrinya"]),
        SearchFilters(categories: ["lunch-club"], age: 15), SearchFilters(categories: ["esol", "debt-advice"], freeOnly: true),
    ])
    func browsingACategoryWithARareFilter(filters: SearchFilters) {
        let now = Fixtures.at("2025-11-12T11:00:00Z")
        for (limit, offset) in [(10, 0), (5, 5)] {
            var exact = SearchRequest(text: "", filters: filters, now: now, limit: limit, offset: offset)
            exact.exactTotal = true
            let fast = Self.directory.search(SearchRequest(text: "", filters: filters, now: now, limit: limit, offset: offset))
            let full = Self.directory.search(exact)
            // (The first page must have matches, or the case is not tested; a rare filter's second may be empty.)
            #expect(offset > 0 || !full.results.isEmpty, "\(filters.summary): nothing matches, the case is not tested")
            #expect(fast.results.map(\.service.id) == full.results.map(\.service.id), "\(filters.summary) limit \(limit) offset \(offset)")
            #expect(fast.totalMatches <= full.totalMatches)
        }
    }

    @Test("browsing with filters fewer services pass than asked for reads everything and gives an exact total")
    func browsingARareFilter() {
        var filters = SearchFilters()
        filters.languages = ["Tigrinya"]
        let now = Fixtures.at("2025-11-12T11:00:00Z")
        var exact = SearchRequest(text: "", filters: filters, now: now, limit: 500)
        exact.exactTotal = true
        let fast = Self.directory.search(SearchRequest(text: "", filters: filters, now: now, limit: 500))
        let full = Self.directory.search(exact)
        #expect(full.totalMatches > 0 && full.totalMatches < 500, "the seed's directory has \(full.totalMatches) in Tigrinya")
        #expect(fast.results.map(\.service.id) == full.results.map(\.service.id))
        #expect(fast.totalIsExact && fast.totalMatches == full.totalMatches)
    }
}

import Foundation
import Testing
@testable import Signpost

@Suite("Places: postcodes and wards")
struct PlacesTests {
    @Test("postcode parts", arguments: [
        ("LS12 1AB", "LS12", "LS12 1", true), ("ls121ab", "LS12", "LS12 1", true), (" ls12  1ab ", "LS12", "LS12 1", true),
        ("LS12", "LS12", nil, false), ("L1 8JQ", "L1", "L1 8", true), ("EC1A 1BB", "EC1A", "EC1A 1", true),
        ("LS12 1AB X", "LS12", nil, false), ("LSX 1AB", nil, nil, false), ("", nil, nil, false), ("12 1AB", nil, nil, false),
        ("LS12 A1B", "LS12", nil, false), ("ＬＳ１２ １ＡＢ", nil, nil, false), ("LS1é 1AB", nil, nil, false),
    ] as [(String, String?, String?, Bool)])
    func postcodeParts(text: String, district: String?, sector: String?, full: Bool) {
        #expect(Postcode.district(text) == district)
        #expect(Postcode.sector(text) == sector)
        #expect(Postcode.isFull(text) == full)
    }

    /// A part of the city of several wards is the place (`food bank west leeds` put West Garforth, in
    /// east Leeds, first: the words matched names); the city's name alone is still the whole city.
    @Test func partsOfTheCityOfSeveralWards() throws {
        let g = Fixtures.city.gazetteer
        let west = try #require(g.areas.first { $0.name == "West Leeds" })
        #expect(west.wards.map { g.wards[$0].name }.contains("Armley") && west.wards.count == 6)
        let r = Fixtures.leeds.search(SearchRequest(text: "food bank west leeds", now: Fixtures.at("2025-11-12T11:00:00+00:00"), limit: 40))
        #expect(r.intent.place?.kind == .area && r.intent.place?.label == "in West Leeds (6 wards)", "\(r.intent.summary)")
        #expect(r.results.allSatisfy { $0.placeMatch != .none }, "every result is in, or serves, the area")
        #expect(Fixtures.leeds.search(SearchRequest(text: "food bank in leeds", now: 0)).intent.place?.kind == .city)
        // Every area's wards are the city's, and no area is empty.
        #expect(g.areas.count >= 4 && g.areas.allSatisfy { !$0.wards.isEmpty && $0.wards.allSatisfy { $0 < g.wards.count } })
    }

    /// A town outside the city (`elsewhere.tsv`) is said to be outside it, not corrected into one of its places
    /// (`menston` was Manston, across the city) nor dropped without a word (`batley`, `wakefield`); the city's
    /// own places are unchanged, and a name of two words in the file is refused with its line.
    @Test func townsOutsideTheCityAreSaidToBe() throws {
        for (text, town) in [("food bank in menston", "Menston"), ("warm space near batley", "Batley"), ("food bank in wakefield", "Wakefield")] {
            let r = Fixtures.leeds.search(SearchRequest(text: text, now: Fixtures.at("2025-11-12T11:00:00+00:00")))
            #expect(r.intent.place == nil && r.intent.corrections.isEmpty, "\(text): \(r.intent.summary)")
            #expect(r.notices.contains("\(town) is not a place in Leeds that Signpost knows; it was left out."), "\(text): \(r.notices)")
        }
        #expect(Fixtures.leeds.search(SearchRequest(text: "food bank in manston", now: 0)).intent.place?.name == "Manston")
        let folder = Fixtures.temporaryFolder()
        for name in ["wards.tsv", "neighbourhoods.tsv", "postcodes.tsv", "city.tsv"] {
            try FileManager.default.copyItem(at: Fixtures.corpus.appendingPathComponent("places/" + name), to: folder.appendingPathComponent(name))
        }
        try Data("#name\nBatley\nBurley in Wharfedale\n".utf8).write(to: folder.appendingPathComponent("elsewhere.tsv"))
        #expect(throws: ResourceError.self) { try Gazetteer.load(from: folder) }
        do { _ = try Gazetteer.load(from: folder) } catch { #expect(error.line == 3 && error.file.hasSuffix("elsewhere.tsv"), "\(error)") }
    }

    /// The nearest ward is the one a plain haversine over every ward finds.
    @Test func nearestWardIsTheClosestCentroid() {
        let gazetteer = Fixtures.city.gazetteer
        var g = SplitMix64(seed: 7)
        for _ in 0..<500 {
            let lat = 53.70 + Double(g.int(0...3_000)) / 10_000, lon = -1.80 + Double(g.int(0...4_000)) / 10_000
            let brute = gazetteer.wards.map { (w: $0, km: Gazetteer.distanceKm(lat, lon, $0.latitude, $0.longitude)) }
                .min { $0.km < $1.km }!
            let found = gazetteer.nearestWard(latitude: lat, longitude: lon)
            #expect(found?.ward == brute.w && found?.km == brute.km)
        }
        let some = Array(gazetteer.wards.prefix(3))
        #expect(gazetteer.nearestWard(latitude: 53.8, longitude: -1.55, among: some).map { some.contains($0.ward) } == true)
        #expect(gazetteer.nearestWard(latitude: 53.8, longitude: -1.55, among: []) == nil)
    }
}

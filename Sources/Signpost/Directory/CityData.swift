import Foundation

/// What Signpost knows about a city besides its services: its places (wards, neighbourhoods,
/// postcodes), the thesaurus of needs, and its time zone. For Leeds, all of it is in `Corpus/leeds/`.
public struct CityData: Sendable {
    public let gazetteer: Gazetteer
    public let thesaurus: Thesaurus
    public let zone: CivilTimeZone

    public init(gazetteer: Gazetteer, thesaurus: Thesaurus, zone: CivilTimeZone = .london) {
        self.gazetteer = gazetteer
        self.thesaurus = thesaurus
        self.zone = zone
    }

    /// Reads `places/` and `thesaurus.txt` from a city folder such as `Corpus/leeds`.
    public static func load(from folder: URL, zone: CivilTimeZone = .london) throws(ResourceError) -> CityData {
        CityData(gazetteer: try Gazetteer.load(from: folder.appendingPathComponent("places")),
                 thesaurus: try Thesaurus.load(from: folder.appendingPathComponent("thesaurus.txt")), zone: zone)
    }

    /// No places at all (for a directory from elsewhere, such as a US 211 feed): no wards, no
    /// postcode checks; the thesaurus is still the bundled one when it can be found.
    public static func noPlaces(zone: CivilTimeZone = .london) -> CityData {
        let thesaurus = BundledCorpus.leedsFolder.flatMap { try? Thesaurus.load(from: $0.appendingPathComponent("thesaurus.txt")) } ?? .empty
        return CityData(gazetteer: Gazetteer(wards: [], places: [], postcodeAreas: [:], cityNames: []), thesaurus: thesaurus, zone: zone)
    }

    /// The bundled Leeds data (see ``BundledCorpus``).
    public static func leeds() throws(ResourceError) -> CityData {
        guard let folder = BundledCorpus.leedsFolder else {
            throw ResourceError(file: "Corpus/leeds", line: nil,
                                reason: "the bundled Leeds corpus was not found; set SIGNPOST_CORPUS to the repository's Corpus folder")
        }
        return try load(from: folder)
    }
}

/// Finds the repository's `Corpus/` folder: `$SIGNPOST_CORPUS`, else the nearest `Corpus/` above the
/// running executable, the current folder, or the source tree it was built from.
public enum BundledCorpus {
    public static var folder: URL? {
        let fm = FileManager.default
        func check(_ url: URL) -> URL? {
            fm.fileExists(atPath: url.appendingPathComponent("leeds/places/wards.tsv").path) ? url : nil
        }
        if let env = ProcessInfo.processInfo.environment["SIGNPOST_CORPUS"], !env.isEmpty {
            return check(URL(fileURLWithPath: env))
        }
        var starts: [URL] = []
        if let exe = Bundle.main.executableURL { starts.append(exe.resolvingSymlinksInPath().deletingLastPathComponent()) }
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                if let found = check(dir.appendingPathComponent("Corpus")) { return found }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// `Corpus/leeds`.
    public static var leedsFolder: URL? { folder?.appendingPathComponent("leeds") }

    /// The bundled Leeds directory, `Corpus/leeds/services.json`.
    public static var leedsServices: URL? { leedsFolder?.appendingPathComponent("services.json") }
}

import Foundation
import Signpost

/// Directories to benchmark against: the bundled Leeds corpus and generated ones of 10,000,
/// 100,000 and 1,000,000 services. Generated directories are built once and kept as snapshot
/// files in `Benchmarks/.cache/` (ignored by git), so later runs load them in seconds.
///
/// `SIGNPOST_BENCH_SIZES` picks sizes, e.g. `leeds,10k` for a quick run (default: all four).
public enum BenchCorpus {
    public enum Size: Sendable, Hashable, CustomStringConvertible {
        case leeds
        case generated(Int)

        public var description: String {
            switch self {
            case .leeds: return "leeds"
            case .generated(let n): return n >= 1_000_000 ? "\(n / 1_000_000)m" : "\(n / 1000)k"
            }
        }

        public init?(_ s: String) {
            switch s.lowercased() {
            case "leeds": self = .leeds
            case "10k": self = .generated(10_000)
            case "100k": self = .generated(100_000)
            case "1m": self = .generated(1_000_000)
            default:
                guard let n = Int(s), n > 0 else { return nil }
                self = .generated(n)
            }
        }
    }

    /// The repository root (this file is Benchmarks/Sources/BenchmarkSupport/BenchCorpus.swift).
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let cache = root.appendingPathComponent("Benchmarks/.cache")

    public static let sizes: [Size] = {
        let spec = ProcessInfo.processInfo.environment["SIGNPOST_BENCH_SIZES"] ?? "leeds,10k,100k,1m"
        return spec.split(separator: ",").compactMap { Size(String($0).trimmingCharacters(in: .whitespaces)) }
    }()

    public static let city: CityData = {
        do { return try CityData.load(from: root.appendingPathComponent("Corpus/leeds")) } catch {
            fatalError("benchmarks need the repository's Corpus/leeds: \(error)")
        }
    }()

    /// The reference "now" for every benchmark query: Wednesday 12 November 2025, 11:00.
    public static let now: Int64 = ISO8601Instant.parse("2025-11-12T11:00:00+00:00")!

    /// The seed generated directories use (the same as `signpost generate`'s default).
    public static let seed: UInt64 = 20_251_101

    nonisolated(unsafe) private static var loaded: [Size: Directory] = [:]
    private static let lock = NSLock()

    /// A searchable directory of the given size, from the cache when possible.
    public static func directory(_ size: Size) -> Directory {
        lock.lock()
        defer { lock.unlock() }
        if let d = loaded[size] { return d }
        let d = makeDirectory(size)
        loaded[size] = d
        return d
    }

    /// The snapshot file for a size (built if missing).
    public static func snapshotFile(_ size: Size) -> URL {
        let url = cachedSnapshot(size)
        if !FileManager.default.fileExists(atPath: url.path) { _ = directory(size) }
        return url
    }

    /// Where a size's snapshot is cached: named by the format and content revision that wrote it (a
    /// snapshot written by an older build, without what this one keeps, would be read and timed).
    private static func cachedSnapshot(_ size: Size) -> URL {
        cache.appendingPathComponent("\(size)-v\(SnapshotFile.formatVersion).\(SnapshotFile.contentRevision).snapshot")
    }

    private static func makeDirectory(_ size: Size) -> Directory {
        let url = cachedSnapshot(size)
        if let snapshot = try? SnapshotFile.read(url) {
            return Directory(snapshot: snapshot, city: city)
        }
        try? FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        let directory: Directory
        switch size {
        case .leeds:
            do { directory = try Directory.load(contentsOf: root.appendingPathComponent("Corpus/leeds/services.json"), city: city) } catch {
                fatalError("\(error)")
            }
        case .generated(let n):
            directory = Directory(snapshot: generatedSnapshot(n), city: city)
        }
        try? SnapshotFile.write(directory.snapshot, to: url)
        return directory
    }

    /// Generates `n` services and indexes them as they are read, without keeping them all.
    static func generatedSnapshot(_ n: Int) -> IndexSnapshot {
        let generator = self.generator
        let pipeline = TextPipeline(analyzer: .standard, thesaurus: city.thesaurus)
        var acc = IndexBuilder(pipeline: pipeline, gazetteer: city.gazetteer).accumulator(expectedCount: n)
        let importer = HSDSJSONImporter(gazetteer: city.gazetteer)
        let intake = acc.preparer.intake { acc.add($0) }
        let chunk = 20_000
        var done = 0
        var part = 0
        while done < n {
            let m = min(chunk, n - done)
            var text = ""
            generator.generate(count: m, seed: seed &+ UInt64(part)) { text += $0 }
            _ = try? importer.read(data: Data(text.utf8), fileName: "generated-\(part).json", intake: intake)
            done += m
            part += 1
        }
        return acc.finish(source: "generated \(n) services, seed \(seed)")
    }

    public static let generator: DirectoryGenerator = {
        do {
            let vocabulary = try GeneratorVocabulary.load(from: root.appendingPathComponent("Corpus/leeds/generator/vocabulary.json"))
            return DirectoryGenerator(vocabulary: vocabulary, gazetteer: city.gazetteer)
        } catch { fatalError("\(error)") }
    }()

    /// Services in memory (for the build benchmarks). Large generated sizes are decoded from their
    /// cached snapshot (the same services, as the snapshot was built from them) rather than
    /// generated again, which for a million services takes minutes.
    public static func services(_ size: Size) -> [Service] {
        switch size {
        case .leeds:
            return (try? HSDSJSONImporter(gazetteer: city.gazetteer)
                .read(contentsOf: root.appendingPathComponent("Corpus/leeds/services.json")).services) ?? []
        case .generated(let n) where n >= 100_000:
            guard let snapshot = try? SnapshotFile.read(snapshotFile(size)) else { fatalError("no snapshot for \(size)") }
            return (0..<snapshot.documentCount).map(snapshot.service)
        case .generated(let n):
            return (try? generator.services(count: n, seed: seed)) ?? []
        }
    }
}

/// Queries by kind, as workers type them.
public enum BenchQueries {
    public static let oneWord = ["foodbank", "befriending", "esol", "counselling", "debt", "pantry", "wifi", "shelter",
                                 "uniform", "carers", "bereavement", "volunteering"]
    public static let severalWords = ["help with debts", "english classes for adults", "warm space with a hot drink",
                                      "mental health support group", "free school uniform", "parent and toddler group",
                                      "help with universal credit", "drug and alcohol support", "lunch club for older people",
                                      "free furniture and clothes"]
    public static let plainLanguage = ["food bank in Armley open Saturday", "somewhere warm open now near Seacroft",
                                       "can't pay my bills Harehills this afternoon", "english lessons for my mum evenings",
                                       "night shelter near LS9 tonight", "my dad is lonely in Roundhay on Monday",
                                       "free legal advice near Beeston tomorrow morning", "stay and play near LS12 weekend",
                                       "lost my job - Pudsey open today", "warm space Pool-in-Wharfedale right now"]
    public static let typos = ["foodbnak armley", "benifits advise harehils", "mnoey advice rothwell", "warm sapce seacroft",
                               "english clases beeston", "befriendng pudsy", "homless help lincoln green",
                               "mentle health suport ls7", "youth clubb kirkstal", "dets advice gipton"]
    /// Every kind as its requests at ``BenchCorpus/now``, in report order (the query benchmarks and the
    /// `Instructions` program replay these).
    public static let kinds: [(name: String, requests: [SearchRequest])] = [
        ("one-word", oneWord.map { SearchRequest(text: $0, now: BenchCorpus.now) }),
        ("several-words", severalWords.map { SearchRequest(text: $0, now: BenchCorpus.now) }),
        ("plain-language", plainLanguage.map { SearchRequest(text: $0, now: BenchCorpus.now) }),
        ("browse-filters", browse.map { SearchRequest(text: "", filters: $0, now: BenchCorpus.now) }),
        ("typo", typos.map { SearchRequest(text: $0, now: BenchCorpus.now) }),
    ]

    /// Browsing by filters alone, no text.
    public static let browse: [SearchFilters] = [
        SearchFilters(wards: ["Armley"]),
        SearchFilters(categories: ["food-bank"]),
        SearchFilters(wards: ["Gipton & Harehills"], categories: ["debt-advice"], freeOnly: true),
        SearchFilters(categories: ["esol"], languages: ["Arabic"]),
        SearchFilters(age: 15, referralRoutes: [.dropIn]),
    ]
}

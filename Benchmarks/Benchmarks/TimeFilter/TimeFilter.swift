import Benchmark
import BenchmarkSupport
import Signpost

/// The time filter over every service: "open at an instant" and "open at some point in a window"
/// (a day, and the seven evenings of "evenings"). One iteration checks all services once.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5))
    let zone = CivilTimeZone.london
    let now = zone.wallMinute(atUTC: BenchCorpus.now)
    let day = CivilTimeZone.floorDiv(now, 1440)
    let windows: [(String, [Range<Int64>])] = [
        ("instant", [now..<(now + 1)]),
        ("saturday", [((day + 3) * 1440)..<((day + 4) * 1440)]),
        ("evenings", (0..<7).map { k in ((day + Int64(k)) * 1440 + 1020)..<((day + Int64(k)) * 1440 + 1260) }),
    ]
    for size in BenchCorpus.sizes where size == .leeds || size == .generated(100_000) {
        for (name, ranges) in windows {
            Benchmark("open-\(name)-all-services-\(size)") { benchmark in
                let directory = BenchCorpus.directory(size)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(directory.snapshot.countOpen(in: ranges)) }
            }
        }
    }
}

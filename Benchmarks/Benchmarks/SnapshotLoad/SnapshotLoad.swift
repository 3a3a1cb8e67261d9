import Benchmark
import BenchmarkSupport
import Foundation
import Signpost

/// Loading a saved snapshot (read, checksum, decode) and making it searchable.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(20), maxIterations: 10)
    for size in BenchCorpus.sizes {
        Benchmark("load-\(size)") { benchmark in
            let url = BenchCorpus.snapshotFile(size)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                guard let snapshot = try? SnapshotFile.read(url) else { fatalError("cannot read \(url.path)") }
                blackHole(Directory(snapshot: snapshot, city: BenchCorpus.city).count)
            }
        }
    }
}

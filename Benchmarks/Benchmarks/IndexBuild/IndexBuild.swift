import Benchmark
import BenchmarkSupport
import Signpost

/// Building a snapshot from services in memory (analysis, postings, BM25F scores, columns).
/// Reading the file is not included; `signpost bench` reports the whole load (read + build).
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(20), maxIterations: 5)
    for size in BenchCorpus.sizes {
        Benchmark("build-\(size)") { benchmark in
            let services = BenchCorpus.services(size)
            let builder = IndexBuilder(pipeline: TextPipeline(analyzer: .standard, thesaurus: BenchCorpus.city.thesaurus),
                                       gazetteer: BenchCorpus.city.gazetteer)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(builder.build(services).documentCount) }
        }
    }
}

import Benchmark
import BenchmarkSupport
import Signpost

/// The full query path (understand + analyse + retrieve + filter + rank the top 10), by kind of
/// query, at every corpus size. One query per iteration, cycling through the kind's list, so the
/// percentiles are those of the list's queries together.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(5),
                                           maxIterations: 100_000)
    for size in BenchCorpus.sizes {
        for (kind, requests) in BenchQueries.kinds {
            // The Leeds figures are near the 20 µs line: report them to the nanosecond.
            let configuration = Benchmark.Configuration(metrics: [.wallClock, .mallocCountTotal],
                                                        timeUnits: size == .leeds ? .nanoseconds : .automatic,
                                                        maxDuration: .seconds(5), maxIterations: 100_000)
            Benchmark("query-\(kind)-\(size)", configuration: configuration) { benchmark in
                let directory = BenchCorpus.directory(size)
                benchmark.startMeasurement()
                // The framework calls this closure once per iteration, so the query is chosen by the
                // iteration's number (a counter local to the closure started at 0 every time: until
                // 2026-12-06 every sample was the list's first query).
                for i in benchmark.scaledIterations {
                    blackHole(directory.search(requests[(benchmark.currentIteration &+ i) % requests.count]).results.count)
                }
            }
        }
    }
}

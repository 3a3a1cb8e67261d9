import Benchmark
import BenchmarkSupport
import Signpost

/// Understanding alone: spelling, time words, place, needs, terms — microseconds, not milliseconds.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(3))
    let queries = BenchQueries.plainLanguage + BenchQueries.typos + BenchQueries.severalWords
    for size in BenchCorpus.sizes where size == .leeds || size == .generated(100_000) {
        Benchmark("understand-\(size)") { benchmark in
            let directory = BenchCorpus.directory(size)
            let parser = directory.searcher.parser, snapshot = directory.snapshot
            let now = CivilTimeZone.london.wallMinute(atUTC: BenchCorpus.now)
            benchmark.startMeasurement()
            // One question per iteration, chosen by the iteration's number (see QueryLatency).
            for i in benchmark.scaledIterations {
                blackHole(parser.parse(queries[(benchmark.currentIteration &+ i) % queries.count], now: now, snapshot: snapshot).searchTerms.count)
            }
        }
    }
}

import Benchmark
import BenchmarkSupport
import Signpost

/// Text analysis throughput: every field of 1,000 services (English and community languages) per
/// iteration. Throughput in bytes per second is the text length divided by the wall-clock time.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .throughput], maxDuration: .seconds(5))
    let services = Array(BenchCorpus.services(.leeds).prefix(1000))
    let texts = services.flatMap { s in IndexField.allCases.map { $0.text(of: s) } }
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    let analyzer = Analyzer.standard
    Benchmark("analyse-1000-services-\(bytes)-bytes") { benchmark in
        for _ in benchmark.scaledIterations {
            var n = 0
            for t in texts { n += analyzer.terms(in: t).count }
            blackHole(n)
        }
    }
    let polish = "Bezpłatne paczki żywnościowe dla rodzin w trudnej sytuacji. Przy pierwszej wizycie nie potrzebujesz skierowania."
    Benchmark("analyse-non-ascii-sentence") { benchmark in
        for _ in benchmark.scaledIterations { blackHole(analyzer.terms(in: polish).count) }
    }
}

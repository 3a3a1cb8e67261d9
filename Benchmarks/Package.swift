// swift-tools-version: 6.1
//
// Signpost's benchmarks, as their own package so that the benchmark dependency stays out of the
// library's build and tests (see ../shared/notes/swift-here.md). Run from the repository root:
//
//   swift package --package-path Benchmarks benchmark --no-progress
//
import Foundation
import PackageDescription

// The parent package's identity is its folder's name, which differs between checkouts.
let root = Context.packageDirectory.split(separator: "/").dropLast().last.map { $0.lowercased() } ?? "root"

func benchmark(_ name: String, extra: [Target.Dependency] = []) -> Target {
    .executableTarget(
        name: name,
        dependencies: [
            "BenchmarkSupport",
            .product(name: "Benchmark", package: "benchmark"),
            .product(name: "Signpost", package: root),
        ] + extra,
        path: "Benchmarks/\(name)",
        plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
}

let package = Package(
    name: "SignpostBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: "../"),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        // Only for the comparison in WeeklyUpdate: the CSV library Signpost's own reader is measured against.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(
            name: "BenchmarkSupport",
            dependencies: [.product(name: "Signpost", package: root)],
            path: "Sources/BenchmarkSupport"
        ),
        // Not a benchmark: replays the queries under valgrind's callgrind (Benchmarks/instructions/count.py).
        .executableTarget(
            name: "Instructions",
            dependencies: ["BenchmarkSupport", .product(name: "Signpost", package: root)],
            path: "Sources/Instructions"
        ),
        benchmark("QueryLatency"),
        benchmark("Understanding"),
        benchmark("TextAnalysis"),
        benchmark("IndexBuild"),
        benchmark("SnapshotLoad"),
        benchmark("TimeFilter"),
        benchmark("WeeklyUpdate", extra: [.product(name: "CSV", package: "CSV.swift")]),
    ]
)

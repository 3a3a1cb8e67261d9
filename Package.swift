// swift-tools-version: 6.1
//
// Signpost: a search engine for a directory of community services.
// ICU is reached through the small C target `CICU` (see ../shared/notes/swift-here.md: a direct
// system-library import of ICU clashes with Foundation's own copy on clean builds).
import PackageDescription

/// The `signpost` executable's release build on Linux links the Swift runtime and Foundation statically,
/// as `swift build --static-swift-stdlib` does: one binary that runs where no Swift toolchain is
/// installed, and each of a search's ~700 reference counts a direct call into the runtime rather than one
/// through a shared library's PLT (the judged Leeds mix 13.6 -> 12.2 µs p50; Benchmarks/HISTORY.md, stop
/// 35). Compiling with the flag makes the objects name the static libraries Foundation needs. (Only on the
/// executable: a library target with unsafe flags could not be depended on by version.)
/// `SIGNPOST_DYNAMIC_RUNTIME=1` in the environment builds it against the shared runtime instead (what
/// `Benchmarks/arc/arc.py` needs to count the runtime's calls; best with its own `--scratch-path`).
let dynamicRuntime = Context.environment["SIGNPOST_DYNAMIC_RUNTIME"].map { !$0.isEmpty && $0 != "0" } ?? false
let staticRuntimeFlags = dynamicRuntime ? [] : ["-static-stdlib"]
let staticRuntimeWhen: BuildSettingCondition = .when(platforms: [.linux], configuration: .release)

let package = Package(
    name: "Signpost",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Signpost", targets: ["Signpost"]),
        .library(name: "SignpostServer", targets: ["SignpostServer"]),
        .executable(name: "signpost", targets: ["signpost-cli"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/onevcat/Rainbow", from: "4.2.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]
        ),
        .systemLibrary(name: "CStemmer", path: "Sources/CStemmer"),
        .systemLibrary(name: "SignpostZlib", path: "Sources/SignpostZlib"),
        .target(
            name: "Signpost",
            dependencies: [
                "CICU", "CStemmer", "SignpostZlib",
                .product(name: "Collections", package: "swift-collections"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "SignpostServer",
            dependencies: [
                "Signpost",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "signpost-cli",
            dependencies: [
                "Signpost",
                "SignpostServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Rainbow", package: "Rainbow"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            // jemalloc as the executable's allocator: reading a large directory allocates from both
            // cores and frees on the in-order one, where glibc's malloc spent 12-13 % of the CPU
            // (a 1M-service load: 76 s -> 68 s; queries unchanged; Benchmarks/HISTORY.md, 2026-12-05).
            // The library leaves the choice to whoever links it.
            swiftSettings: [.unsafeFlags(staticRuntimeFlags, staticRuntimeWhen)],
            linkerSettings: [.linkedLibrary("jemalloc", .when(platforms: [.linux])), .unsafeFlags(staticRuntimeFlags, staticRuntimeWhen)]
        ),
        .testTarget(
            name: "SignpostTests",
            dependencies: [
                "Signpost",
                "SignpostServer",
                "signpost-cli",
                .product(name: "PropertyBased", package: "swift-property-based"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ]
)

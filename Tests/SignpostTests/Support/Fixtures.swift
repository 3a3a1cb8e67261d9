import Foundation
@testable import Signpost

/// Paths and shared objects for tests.
enum Fixtures {
    /// The repository root (this file is Tests/SignpostTests/Support/Fixtures.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Corpus/leeds")
    /// `../shared`, which exists on developers' machines but not in a fresh clone.
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static let evalCorpus = shared.appendingPathComponent("eval/data/corpus.json")
    static let evalCSV = shared.appendingPathComponent("eval/data/corpus.csv")
    static let evalQueries = shared.appendingPathComponent("eval/data/queries-dev.jsonl")
    static let miami = shared.appendingPathComponent("data/external/miami-open211-hsds/datapackage-1566177582.zip")

    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }

    /// The Leeds city data, loaded once.
    static let city: CityData = try! CityData.load(from: corpus)

    /// The bundled Leeds directory, indexed once.
    static let leeds: Directory = try! Directory.load(contentsOf: corpus.appendingPathComponent("services.json"), city: city)

    /// The built `signpost` executable next to the test bundle.
    static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("signpost")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/signpost")
    }

    /// Runs the CLI; returns exit status, stdout and stderr.
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = executable
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let inPipe = Pipe()
            p.standardInput = inPipe
            try p.run()
            inPipe.fileHandleForWriting.write(Data(stdin.utf8))
            try inPipe.fileHandleForWriting.close()
        } else {
            try p.run()
        }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    /// A new temporary folder, inside one folder for this test process that is removed when the
    /// process exits (each run used to leave its folders behind in /tmp).
    static func temporaryFolder() -> URL {
        let url = temporaryRoot.appendingPathComponent(UUID().uuidString)
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// This process's folder of temporary folders, made on first use and removed at exit.
    private static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-tests-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        temporaryRootPath = root.path
        atexit {
            if let path = Fixtures.temporaryRootPath { try? FileManager.default.removeItem(atPath: path) }
        }
        return root
    }()
    nonisolated(unsafe) private static var temporaryRootPath: String?

    /// Reference instant helper: `2025-11-12T11:00:00+00:00` → UTC seconds.
    static func at(_ iso: String) -> Int64 { ISO8601Instant.parse(iso)! }
}

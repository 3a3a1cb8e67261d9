import ArgumentParser
import Foundation
import Signpost

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a realistic, deterministic directory in HSDS 3.0 JSON (for the bundled corpus and benchmarks).",
        discussion: """
            The same --services and --seed give the same file on every machine.
              signpost generate --services 2400 --seed 20251101 --out Corpus/leeds/services.json
              signpost generate --services 1000000 --seed 7 --out /tmp/national.json
            """
    )

    @Option(name: .long, parsing: .unconditional, help: "How many services.")
    var services: Int = 2400

    @Option(name: .long, help: "Random seed.")
    var seed: UInt64 = 20_251_101

    @Option(name: .long, help: ArgumentHelp("Write here (default: standard output).", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("A city folder with places/ and generator/vocabulary.json. Default: the bundled Corpus/leeds.", valueName: "dir"))
    var city: String?

    func validate() throws {
        guard services >= 0, services <= 20_000_000 else { throw ValidationError("--services must be between 0 and 20000000") }
    }

    func run() throws {
        try reporting {
            guard let folder = city.map({ URL(fileURLWithPath: $0) }) ?? BundledCorpus.leedsFolder else {
                throw CLIError.missing("the bundled Corpus/leeds folder was not found; pass --city")
            }
            let generator: DirectoryGenerator
            do throws(ResourceError) {
                let gazetteer = try Gazetteer.load(from: folder.appendingPathComponent("places"))
                let vocabulary = try GeneratorVocabulary.load(from: folder.appendingPathComponent("generator/vocabulary.json"))
                generator = DirectoryGenerator(vocabulary: vocabulary, gazetteer: gazetteer)
            } catch { throw CLIError.resource(error) }
            if let out {
                try CLIError.checkOutput(out)
                let url = URL(fileURLWithPath: out)
                let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp")
                guard FileManager.default.createFile(atPath: tmp.path, contents: nil), let handle = FileHandle(forWritingAtPath: tmp.path) else {
                    throw CLIError.cannotWrite("\(out): cannot be written (\(FileErrors.writeReason(at: tmp)))")
                }
                let progress = Progress(total: services, label: "Generating")
                var written = 0
                do {
                    try generator.generate(count: services, seed: seed) { chunk in
                        try handle.write(contentsOf: Data(chunk.utf8))
                        written += chunk.utf8.count
                        progress.update(bytes: written)
                    }
                    try handle.close()
                    _ = try? FileManager.default.removeItem(at: url)
                    try FileManager.default.moveItem(at: tmp, to: url)
                } catch {
                    try? FileManager.default.removeItem(at: tmp)
                    throw CLIError.cannotWrite("\(out): cannot be written (\(FileErrors.systemReason(error))); nothing was written")
                }
                progress.finish("Wrote \(services) services to \(out)")
            } else {
                generator.generate(count: services, seed: seed) { Terminal.out($0) }
            }
        }
    }
}

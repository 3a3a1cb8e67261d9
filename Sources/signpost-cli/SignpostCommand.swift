import ArgumentParser
import Foundation
import Signpost

@main
struct SignpostCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "signpost",
        abstract: "Search a directory of community services: who does what, where, when.",
        discussion: """
            Exit status: 0 answered (also when nothing matched), 1 warnings with --strict, 64 usage,
            65 bad data, 66 missing file, 69 serve cannot listen (port in use).
            """,
        subcommands: [SearchCommand.self, ValidateCommand.self, LoadCommand.self, DiffCommand.self, ExportCommand.self, ServeCommand.self, GenerateCommand.self, BenchCommand.self],
        defaultSubcommand: nil
    )
}

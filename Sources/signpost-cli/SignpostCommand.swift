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

    static func main() async {
        await main(wordsNotOptions(Array(CommandLine.arguments.dropFirst())))
    }

    /// The arguments with any that begins with one `-` and holds a space (no short option does: `"-5 outside tonight"`)
    /// given a space first, so that the argument parser takes it as words of a question: it read it as
    /// short options, `h` among them, and printed the help. (The question reads the same: it is trimmed.)
    static func wordsNotOptions(_ arguments: [String]) -> [String] {
        var out = arguments
        for (k, a) in arguments.enumerated() {
            if a == "--" { break }
            // (Not `--ward="Beeston & Holbeck"`: an option with its value.)
            if a.hasPrefix("-"), !a.hasPrefix("--"), a.contains(where: \.isWhitespace) { out[k] = " " + a }
        }
        return out
    }
}

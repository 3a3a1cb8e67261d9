import ArgumentParser
import Foundation
import Signpost

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a directory as the hub spreadsheet (CSV) or as HSDS 3.0 JSON.",
        discussion: """
            Reads any format `signpost validate` reads (an Open Referral feed, a data package, a
            spreadsheet or a snapshot) and writes it again, so a feed can become the sheet the hub
            keeps, and the sheet a feed. Records with errors are left out, as `load` does; run
            `validate` to see them. Opening hours the spreadsheet cannot say (fortnightly sessions,
            days of the month) are listed and their cell left empty.
              signpost export feed.json --to csv --out directory.csv
            """
    )

    @OptionGroup var input: InputFileOptions

    @Option(name: .long, help: ArgumentHelp("csv (the hub spreadsheet) or hsds-json.", valueName: "format"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("Where to write (default: standard output).", valueName: "file"))
    var out: String?

    func run() throws {
        try reporting {
            guard let target = DirectoryFormat(rawValue: to.lowercased()), [.spreadsheet, .hsdsJSON].contains(target) else {
                throw ValidationError("--to \(to) is not a format Signpost writes (csv, hsds-json)")
            }
            let file = input.file
            if let out { try CLIError.checkOutput(out, reading: input.url) }
            let cityData = try input.loadCity()
            var reader = DirectoryReader(city: cityData)
            reader.checksStaleness = false
            let sourceFormat = try input.sourceFormat()
            let report: ImportReport
            do throws(ImportError) {
                report = try reader.read(input.url, format: sourceFormat, displayName: file)
            } catch { throw CLIError.importFailed(error) }
            if report.loadedCount == 0 {
                throw CLIError.badData("\(file): no service could be read (\(report.recordsRead == 0 ? "it holds none" : "every record has errors")); nothing was written. `signpost validate \(file)` says more")
            }
            if report.rejected > 0 {
                Terminal.warn("\(file): \(report.rejected) of \(report.recordsRead) records have errors and are left out; run `signpost validate \(file)` to see them.")
            }
            let text: String
            if target == .spreadsheet {
                var losses: [SpreadsheetWriter.Loss] = []
                text = SpreadsheetWriter().write(report.services, losses: &losses)
                for loss in losses { Terminal.warn("\(file): service \(loss.id): \(loss.reason); its opening_hours cell is empty") }
            } else {
                text = JSONOutput.array(report.services.map { $0.hsdsJSON() }).text + "\n"
            }
            if let out {
                do { try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw CLIError.cannotWrite("\(out): cannot be written (\(FileErrors.systemReason(error))); nothing was written")
                }
                Terminal.note("wrote \(report.services.count) services to \(out)")
            } else {
                Terminal.out(text)
            }
        }
    }
}

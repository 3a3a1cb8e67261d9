import ArgumentParser
import Foundation
import Signpost

struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a directory file and report every problem with its file, line, column and field.",
        discussion: """
            Reads HSDS/ORUK JSON (v3 and v1), the HSDS tabular data package (folder or zip), the hub
            spreadsheet (CSV) or a snapshot; the format is detected, or given with --format.
            Exit status: 0 no errors (warnings allowed), 1 warnings with --strict, 65 errors, 66 no such file.
            """
    )

    @OptionGroup var input: InputFileOptions

    @Option(name: .long, help: ArgumentHelp("The day entries are checked against for \"over 12 months ago\" (default: today).", valueName: "date"))
    var at: String?

    @Flag(name: .long, help: "Exit 1 when there are warnings (and no errors).")
    var strict = false

    @Flag(name: .long, help: "One JSON object on standard output.")
    var json = false

    @Option(name: .long, parsing: .unconditional, help: "Show at most this many problems (the summary counts them all).")
    var limit: Int = 1000

    func validate() throws {
        // (Read unconditionally, so that `--limit -1` is said to be out of range, not "missing a value".)
        guard limit >= 0 else { throw ValidationError("--limit must be 0 or more (0 lists no problems; the summary counts them all)") }
    }

    func run() throws {
        try reporting {
            let file = input.file
            let cityData = try input.loadCity()
            let fmt = try input.sourceFormat()
            let reference = try checkDay(at)
            let report: ImportReport
            do throws(ImportError) { report = try DirectoryReader(city: cityData, referenceDate: reference).read(input.url, format: fmt, displayName: file) } catch {
                // A machine reading --json gets an object either way (the message also goes to stderr).
                if json { Terminal.out(ReportOutput.json(failure: error, file: file).text + "\n") }
                throw CLIError.importFailed(error)
            }
            if json {
                Terminal.out(ReportOutput.json(report, file: file).text + "\n")
            } else {
                Terminal.out(ReportOutput.human(report, file: file, limit: limit))
            }
            // What `load` refuses without --accept, said here first: a directory of another place, or the wrong
            // --city (Miami's validated with only warnings about postcodes, then `load` refused it).
            let unplaced = cityData.gazetteer.wards.isEmpty ? 0 : report.services.count { !$0.isPlaced }
            if unplaced * 2 > report.services.count {
                Terminal.warn("\(file): \(unplaced) of \(report.services.count) services have no place in \(cityData.gazetteer.cityNames.first ?? "the city") "
                              + "(no ward, postcode or coordinates in it): `signpost load` will refuse the file unless given --accept. "
                              + "Is it the right file, and --city the right city (--city none for a directory without wards)?")
            }
            if report.errorCount > 0 || report.rejected > 0 { throw ExitCode(65) }
            if strict && (report.warningCount > 0 || unplaced * 2 > report.services.count) { throw ExitCode(1) }
        }
    }
}

/// The import report for people and for machines.
enum ReportOutput {
    static func human(_ r: ImportReport, file: String, limit: Int) -> String {
        let listed = listing(r, limit: limit)
        return listed + (listed.isEmpty ? "" : "\n") + summary(r, file: file)
    }

    /// The diagnostics, one a line, at most `limit` of them and the rest counted by kind.
    static func listing(_ r: ImportReport, limit: Int) -> String {
        var out = ""
        // Errors first (they leave rows out), then warnings, then the reminders to re-check entries not
        // verified for a year (a hub's weekly file had 3,249 of them, and its 346 wards that did not hold
        // their postcodes were lost among them); each in file order.
        func rank(_ d: Diagnostic) -> Int { d.severity == .error ? 0 : d.code == "stale" ? 2 : 1 }
        let sorted = r.diagnostics.sorted { (rank($0), $0.file, $0.line ?? 0, $0.column ?? 0) < (rank($1), $1.file, $1.line ?? 0, $1.column ?? 0) }
        let listed = shown(Array(sorted.indices), limit: limit, rank: { rank(sorted[$0]) }, code: { sorted[$0].code })
        for d in listed.map({ sorted[$0] }) {
            let line = d.description
            out += (d.severity == .error ? line.replacingOccurrences(of: ": error: ", with: ": " + "error".red + ": ")
                    : line.replacingOccurrences(of: ": warning: ", with: ": " + "warning".yellow + ": ")) + "\n"
        }
        if sorted.count > limit {
            var left: [(String, Int)] = []
            let shownSet = Set(listed)
            for (k, d) in sorted.enumerated() where !shownSet.contains(k) {
                if let k = left.firstIndex(where: { $0.0 == d.code }) { left[k].1 += 1 } else { left.append((d.code, 1)) }
            }
            out += "… and \(sorted.count - limit) more: \(left.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) (see --limit, or --json for all)\n"
        }
        return out
    }

    /// The positions of at most `limit` items, in the order given: when there are more, each rank (errors,
    /// warnings, reminders) in turn takes what room is left, shared among its kinds with the rarest first,
    /// so that every kind is seen (a feed's 104 unreadable schedules were lost below 826 rows of one kind).
    ///
    /// - Complexity: O(n log n).
    static func shown(_ items: [Int], limit: Int, rank: (Int) -> Int, code: (Int) -> String) -> [Int] {
        guard items.count > limit else { return items }
        var chosen: [Int] = []
        var room = max(0, limit)
        for r in Set(items.map(rank)).sorted() where room > 0 {
            let inRank = items.filter { rank($0) == r }
            var byKind: [String: [Int]] = [:]
            for i in inRank { byKind[code(i), default: []].append(i) }
            // Rarest kinds first; each kind's first ones, in turn, until the room is used.
            let kinds = byKind.sorted { ($0.value.count, $0.key) < ($1.value.count, $1.key) }.map(\.value)
            var taken = Array(repeating: 0, count: kinds.count)
            while room > 0 {
                var any = false
                for k in kinds.indices where taken[k] < kinds[k].count && room > 0 {
                    chosen.append(kinds[k][taken[k]])
                    taken[k] += 1
                    room -= 1
                    any = true
                }
                if !any { break }
            }
        }
        // In the order given (rank, file, line).
        return chosen.sorted()
    }

    static func summary(_ r: ImportReport, file: String) -> String {
        let loaded = r.loadedCount
        var out = "\(file) (\(r.format.rawValue)): \(r.recordsRead) record\(r.recordsRead == 1 ? "" : "s") read · \(loaded) service\(loaded == 1 ? "" : "s") accepted"
        out += " · \(r.rejected) rejected · \(r.repaired) repaired\n"
        let errors = r.countsByKind.filter { $0.severity == .error }, warnings = r.countsByKind.filter { $0.severity == .warning }
        if !errors.isEmpty { out += "  errors (\(r.errorCount)):   " + errors.map { "\($0.code) \($0.count)" }.joined(separator: ", ") + "\n" }
        if !warnings.isEmpty { out += "  warnings (\(r.warningCount)): " + warnings.map { "\($0.code) \($0.count)" }.joined(separator: ", ") + "\n" }
        if errors.isEmpty && warnings.isEmpty { out += "  no problems found\n" }
        return out
    }

    /// - Parameter format: the format to name (default: the report's).
    static func json(_ r: ImportReport, file: String, format: JSONOutput? = nil) -> JSONOutput {
        .object([
            ("file", .string(file)), ("format", format ?? .string(r.format.rawValue)), ("records", .int(r.recordsRead)),
            ("loaded", .int(r.loadedCount)), ("rejected", .int(r.rejected)), ("repaired", .int(r.repaired)),
            ("errors", .int(r.errorCount)), ("warnings", .int(r.warningCount)),
            ("counts", .object(r.countsByKind.map { ($0.code, .object([("severity", .string($0.severity.rawValue)), ("count", .int($0.count))])) })),
            ("diagnostics", .array(r.diagnostics.map(json))),
        ])
    }

    /// The same object for a file that could not be read at all: nothing read, one error, no format.
    static func json(failure e: ImportError, file: String) -> JSONOutput {
        var report = ImportReport(format: .hsdsJSON)
        report.diagnostics = [Diagnostic(.error, code: e.kind == .unreadable ? "unreadable" : "malformed", file: e.file,
                                         line: e.line, column: e.column, reason: e.reason)]
        return json(report, file: file, format: .null)
    }

    static func json(_ d: Diagnostic) -> JSONOutput {
        .object([("severity", .string(d.severity.rawValue)), ("code", .string(d.code)), ("file", .string(d.file)),
                 ("line", .optional(d.line)), ("column", .optional(d.column)), ("record", .optional(d.record.map { $0 + 1 })),
                 ("id", .optional(d.recordID)), ("field", .optional(d.field)), ("value", .optional(d.value)),
                 ("reason", .string(d.reason)), ("hint", .optional(d.hint)), ("message", .string(d.description))])
    }
}

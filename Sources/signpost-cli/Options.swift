import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import Signpost

/// The city a directory belongs to (its wards, places and thesaurus) and its time zone; every
/// command that reads a directory takes these.
struct CityOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A city folder with places/ and thesaurus.txt, or \"none\" for a directory from elsewhere (no wards). Default: the bundled Corpus/leeds.", valueName: "dir"))
    var city: String?

    @Option(name: .long, help: ArgumentHelp("The directory's time zone (default: the snapshot's own, else Europe/London).", valueName: "zone"))
    var timeZone: String?

    /// The city, in the time zone given, else `defaultZone` (a snapshot's own), else London's; with no
    /// `--city`, `none` for a snapshot loaded without wards (`withoutWards`), else the bundled Leeds.
    func load(defaultZone: CivilTimeZone? = nil, withoutWards: Bool = false) throws -> CityData {
        var zone = defaultZone ?? .london
        if let timeZone {
            guard let given = CivilTimeZone(identifier: timeZone) else {
                throw ValidationError("--time-zone \(timeZone) is not a time zone (e.g. Europe/London)")
            }
            zone = given
        }
        do {
            if city == "none" || (city == nil && withoutWards) { return CityData.noPlaces(zone: zone) }
            if let city { return try CityData.load(from: URL(fileURLWithPath: city), zone: zone) }
            let data = try CityData.leeds()
            return CityData(gazetteer: data.gazetteer, thesaurus: data.thesaurus, zone: zone)
        } catch {
            throw CLIError.resource(error)
        }
    }
}

/// Input given as a stream (`-` for standard input, `/dev/stdin`, a named pipe), copied once to a temporary
/// file: a directory's format is told from its first bytes, and then it is read whole, where a pipe can be
/// read once (`cat hub.csv | signpost validate /dev/stdin` said "permission denied"; a named pipe hung).
enum StreamedInput {
    private static let copies = Mutex<[String: URL]>([:])

    /// The file holding what `path` streams, or `path` itself when it is a file or folder (or cannot be
    /// told: the reader then says why).
    static func file(for path: String) -> URL {
        let given = URL(fileURLWithPath: path)
        var st = stat()
        let streamed = path == "-" || (stat(path, &st) == 0 && ((st.st_mode & S_IFMT) == S_IFIFO || (st.st_mode & S_IFMT) == S_IFCHR))
        guard streamed else { return given }
        return copies.withLock { copies in
            if let copy = copies[path] { return copy }
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-input-\(getpid())-\(copies.count)")
            let source = path == "-" ? FileHandle.standardInput : FileHandle(forReadingAtPath: path)
            guard let source, let data = try? source.readToEnd() ?? Data(), (try? data.write(to: copy)) != nil else { return given }
            if copies.isEmpty { atexit { StreamedInput.removeCopies() } }
            copies[path] = copy
            return copy
        }
    }

    /// Deletes the copies (at exit).
    static func removeCopies() {
        copies.withLock { for (_, url) in $0 { try? FileManager.default.removeItem(at: url) } }
    }
}

/// The directory file a weekly-update command reads, in which format, and the city it belongs to
/// (shared by `validate`, `load` and `export`).
struct InputFileOptions: ParsableArguments {
    @Argument(help: "The directory file, or data package folder: HSDS/ORUK JSON, ORUK v1 JSON, a data package, the hub spreadsheet (CSV) or a snapshot; - for standard input.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("hsds-json, oruk-v1, datapackage, csv or snapshot (default: detected).", valueName: "format"))
    var format: String?

    @OptionGroup var place: CityOptions

    /// The file to read: a pipe (`-`, `/dev/stdin`, a named pipe) copied to a file first, once.
    var url: URL { StreamedInput.file(for: file) }
    func loadCity() throws -> CityData { try place.load() }

    func sourceFormat() throws -> DirectoryFormat? {
        guard let format else { return nil }
        guard let f = DirectoryFormat(rawValue: format.lowercased()) else {
            throw ValidationError("--format \(format) is not a format (\(DirectoryFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return f
    }
}

/// Where the directory and the city data come from.
struct DirectoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory file (HSDS/ORUK JSON). Default: the bundled Leeds directory.", valueName: "path"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("A snapshot folder made by `signpost load` (instead of --corpus).", valueName: "dir"))
    var index: String?

    @OptionGroup var place: CityOptions

    func loadCity() throws -> CityData { try place.load() }

    /// The city and the directory: with `--index`, the live snapshot, in its own time zone unless one
    /// is given, refused when the city given is not the one it was loaded for; else the file, read.
    /// With how long reading the directory took (not the city's data).
    func open(quiet: Bool = false) throws -> (city: CityData, directory: Directory, loadSeconds: Double) {
        func seconds(since t: DispatchTime) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9 }
        guard let index else {
            let city = try loadCity()
            let start = DispatchTime.now()
            let directory = try readCorpus(city: city, quiet: quiet)
            return (city, directory, seconds(since: start))
        }
        let start = DispatchTime.now()
        let snapshot = try liveSnapshot(index)
        let loadSeconds = seconds(since: start)
        // (A snapshot loaded with --city none is searched without places unless told: it needed --city none every time.)
        let city = try place.load(defaultZone: snapshot.timeZone, withoutWards: snapshot.wardNames.isEmpty)
        if let why = snapshot.mismatch(with: city) { throw CLIError.badData("\(index): the live snapshot cannot be searched: \(why)") }
        return (city, Directory(snapshot: snapshot, city: city), loadSeconds)
    }

    /// The newest snapshot of `index` that can be read (damaged newer ones said and skipped).
    private func liveSnapshot(_ index: String) throws -> IndexSnapshot {
        if corpus != nil { throw ValidationError("use either --corpus or --index, not both") }
        let store = SnapshotStore(folder: URL(fileURLWithPath: index))
        // A folder that is not there is a missing file (66), as a missing --corpus is; a folder
        // with nothing usable in it is bad data (65).
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: index, isDirectory: &isFolder), isFolder.boolValue else {
            throw CLIError.missing("\(index): no such folder; build a snapshot with `signpost load FILE --index \(index)`")
        }
        do {
            let loaded = try store.load()
            for problem in loaded.skipped { Terminal.warn(problem) }
            if !loaded.skipped.isEmpty { Terminal.warn("using the previous snapshot \(loaded.file.lastPathComponent)") }
            return loaded.snapshot
        } catch {
            throw CLIError.badData(error.description)
        }
    }

    func corpusURL() throws -> URL {
        if let corpus { return URL(fileURLWithPath: corpus) }
        guard let url = BundledCorpus.leedsServices else {
            throw CLIError.missing("the bundled Corpus/leeds/services.json was not found; pass --corpus or set SIGNPOST_CORPUS")
        }
        return url
    }

    /// Reads the directory file, reporting skipped records briefly on stderr.
    private func readCorpus(city: CityData, quiet: Bool) throws -> Directory {
        let url = try corpusURL()
        let directory: Directory
        do { directory = try Directory.load(contentsOf: url, city: city) } catch { throw CLIError.importFailed(error) }
        let file = corpus ?? url.path
        // Searching nothing would answer "Nothing matches" to every question: say why instead.
        if directory.snapshot.documentCount == 0, let report = directory.importReport {
            let why = report.recordsRead == 0 ? "it holds no services"
                : report.rejected == 1 ? "its one record has errors" : "all \(report.rejected) records have errors"
            throw CLIError.badData("\(file): no service could be loaded (\(why)); `signpost validate \(file)` says more")
        }
        if let report = directory.importReport, report.rejected > 0, !quiet {
            Terminal.warn("\(file): \(report.rejected) of \(report.recordsRead) records were skipped because of errors; run `signpost validate` to see them.")
        }
        return directory
    }
}

/// Reference time options shared by commands that answer "when".
struct TimeOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The reference \"now\", ISO 8601 (default: the current time).", valueName: "iso-8601"))
    var at: String?

    func now(zone: CivilTimeZone) throws -> Int64 {
        guard let at else { return Int64(Date().timeIntervalSince1970) }
        guard let t = ISO8601Instant.parse(at, zone: zone) else {
            throw ValidationError("--at \"\(at)\" is not an ISO 8601 time (e.g. 2025-11-15T10:00:00+00:00)")
        }
        return t
    }
}

/// The day given to `--at` of `validate`, `load` and `diff` ("over 12 months ago" is counted from it),
/// or nil when none was given.
func checkDay(_ at: String?) throws -> LocalDate? {
    guard let at else { return nil }
    guard let d = LocalDate(iso: at) else { throw ValidationError("--at \"\(at)\" is not a date (YYYY-MM-DD)") }
    return d
}

/// Errors that end the program with a message and an exit status (never a stack trace).
enum CLIError: Error, CustomStringConvertible {
    case missing(String)
    case importFailed(ImportError)
    case resource(ResourceError)
    case badData(String)
    /// An output that cannot be written (a folder where a file goes, no permission, a full disk).
    case cannotWrite(String)

    var description: String {
        switch self {
        case .cannotWrite(let s): return s
        case .missing(let s): return s
        case .importFailed(let e): return e.description
        case .resource(let e): return e.description
        case .badData(let s): return s
        }
    }

    var exitCode: ExitCode {
        switch self {
        case .missing: return ExitCode(66)
        case .importFailed(let e): return e.kind == .unreadable ? ExitCode(66) : ExitCode(65)
        case .resource: return ExitCode(66)
        case .badData: return ExitCode(65)
        case .cannotWrite: return ExitCode(73)
        }
    }

    /// Refuses an `--out` that is an existing folder (writing the file in its place deleted the folder and
    /// everything in it) or the very file being read (the records left out would be gone from it).
    static func checkOutput(_ out: String, option: String = "--out", reading input: URL? = nil) throws {
        let url = URL(fileURLWithPath: out)
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            throw CLIError.cannotWrite("\(out) is a folder; \(option) takes the name of a file to write (nothing was written)")
        }
        if let input, url.standardizedFileURL.resolvingSymlinksInPath() == input.standardizedFileURL.resolvingSymlinksInPath() {
            throw CLIError.cannotWrite("\(out) is the file being read; write to another file and replace it when you have checked it (nothing was written)")
        }
    }
}

extension ParsableCommand {
    /// Runs a body, turning ``CLIError`` into a message on stderr and the right exit status. A
    /// ``ValidationError`` found while running (an unknown ward) is shown with this command's usage,
    /// naming this command (left to the parser, it showed the usage of `signpost <subcommand>`).
    func reporting(_ body: () throws -> Void) throws {
        do { try body() } catch let e as CLIError {
            Terminal.error(e.description)
            throw e.exitCode
        } catch let e as ValidationError {
            let name = Self.configuration.commandName.map { " " + $0 } ?? ""
            let usage = SignpostCommand.usageString(for: Self.self)
            FileHandle.standardError.write(Data("Error: \(e.message)\nUsage: \(usage)\n  See 'signpost\(name) --help' for more information.\n".utf8))
            throw ExitCode.validationFailure
        }
    }
}

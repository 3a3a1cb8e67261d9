import ArgumentParser
import Foundation
import Signpost

struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Validate a directory update, build a snapshot and make it live, keeping the previous one.",
        discussion: """
            Rows with errors are left out and written, with their reasons, to a rejects file next to the
            snapshot; a service that is live and whose rows all have errors keeps its live version until
            they are fixed (--leave-out-rejected takes it out instead). A load that would reject more
            than --max-rejected percent of rows, or would leave more than --max-removed percent fewer
            services than the live snapshot holds (a file cut short, a partial export), or in which no
            service has a field that many live services have (a column missing or emptied), does not
            replace the live snapshot unless --accept is given. Loads into one folder take turns.
              signpost load update.csv --index /var/lib/signpost
              signpost search --index /var/lib/signpost food bank Armley
            """
    )

    @OptionGroup var input: InputFileOptions

    @Option(name: .long, help: ArgumentHelp("The snapshot folder.", valueName: "dir"))
    var index: String

    @Option(name: .long, parsing: .unconditional, help: "Refuse to go live when more than this percentage of rows is rejected.")
    var maxRejected: Double = 5

    @Option(name: .long, parsing: .unconditional, help: "Refuse to go live when the update holds more than this percentage fewer services than the live snapshot.")
    var maxRemoved: Double = 10

    @Option(name: .long, help: ArgumentHelp("The day entries are checked against for \"over 12 months ago\" (default: today).", valueName: "date"))
    var at: String?

    @Flag(name: .long, help: "Go live even when more rows than --max-rejected are rejected, or more services than --max-removed are gone.")
    var accept = false

    @Flag(name: .long, help: "Leave out live services whose rows have errors, rather than keep their live version until the rows are fixed.")
    var leaveOutRejected = false

    @Flag(name: .long, help: "Print every problem, not only the summary.")
    var verbose = false

    func validate() throws {
        // The safety check must not be switched off by a slip: `nan` compared false with every share.
        for (name, value) in [("--max-rejected", maxRejected), ("--max-removed", maxRemoved)] {
            guard value.isFinite, (0...100).contains(value) else {
                throw ValidationError("\(name) \(value) is not a percentage from 0 to 100")
            }
        }
        guard !index.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--index is empty; give the folder that holds (or is to hold) the snapshots")
        }
        // Before reading what may be a large file: a file where the snapshot folder should be
        // (it gave Foundation's "NSCocoaErrorDomain Code=516" after the whole read).
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: index, isDirectory: &isFolder), !isFolder.boolValue {
            throw ValidationError("--index \(index) is a file; give the folder that holds (or is to hold) the snapshots")
        }
    }

    func run() throws {
        try reporting {
            let file = input.file
            let store = SnapshotStore(folder: URL(fileURLWithPath: index))
            // Unless one is given, the time zone of the live snapshot (one loaded for New York stayed in New
            // York only while every load said so).
            let liveZone = store.currentFile.flatMap { SnapshotFile.peek($0)?.metadata.timeZone }.flatMap { $0.isEmpty ? nil : CivilTimeZone(identifier: $0) }
            let cityData = try input.place.load(defaultZone: liveZone)
            // Another zone than the live one moves every "open now" by the difference, and sticks (`--time-zone GMT`
            // put summer hours an hour out, silently): only when accepted.
            if let liveZone, liveZone != cityData.zone, !accept {
                Terminal.error("the live directory's hours are in \(liveZone.identifier), and --time-zone gives \(cityData.zone.identifier): every opening "
                               + "time would be read in that zone from now on. Leave --time-zone out to keep \(liveZone.identifier), or pass --accept to change it. "
                               + "Nothing was loaded.")
                throw ExitCode(65)
            }
            let fmt = try input.sourceFormat()
            // (As `validate --at`: a hub checking last month's file, or a generated one, against its own day.)
            let reference = try checkDay(at)
            let progress = Progress(total: 0, label: "Reading and indexing \(file), services so far")
            let start = Date()
            let live = LiveSnapshot(store: store)
            let snapshot: IndexSnapshot, report: ImportReport
            do throws(ImportError) {
                (snapshot, report) = try DirectoryReader(city: cityData, referenceDate: reference)
                    .index(input.url, format: fmt, displayName: file, live: { live.snapshot }, keepingLive: !leaveOutRejected) {
                        progress.update(done: $0)
                    }
            } catch {
                throw CLIError.importFailed(error)
            }
            let indexed = Date()
            progress.finish("Read \(report.recordsRead) records, indexed \(snapshot.documentCount) services")
            if verbose { Terminal.out(ReportOutput.human(report, file: file, limit: Int.max)) } else { Terminal.out(ReportOutput.summary(report, file: file)) }
            let share = report.recordsRead > 0 ? Double(report.rejected) / Double(report.recordsRead) * 100 : 0
            // (A first load into a new folder replaces nothing: said so, not "the live snapshot was not replaced".)
            let notReplaced = store.currentFile == nil ? "Nothing went live (there is no live snapshot yet)" : "The live snapshot was not replaced"
            if snapshot.documentCount == 0 {
                throw CLIError.badData("\(file): no service could be loaded. \(notReplaced).")
            }
            // A file cut short is refused whatever share of it was read (its missing tail went live as removed services).
            if let cut = report.diagnostics.first(where: { $0.code == "cut-short" }), !accept {
                Terminal.error("\(file): \(cut.reason). \(notReplaced); download or export it again, or pass --accept to go live anyway.")
                throw ExitCode(65)
            }
            // Most rows rejected is said first (every check below would otherwise name what the rejected rows lack),
            // with the first errors, so that the refusal says what to fix.
            if share > maxRejected && !accept {
                if !verbose {
                    var errors = ImportReport(format: report.format)
                    errors.diagnostics = report.diagnostics.filter { $0.severity == .error }
                    Terminal.out(ReportOutput.listing(errors, limit: 20))
                }
                Terminal.error(String(format: "%.1f%% of records were rejected (more than --max-rejected %.1f%%). %@. Fix the file (the errors above; `signpost validate` lists them all), or pass --accept to go live anyway.",
                                      share, maxRejected, notReplaced))
                throw ExitCode(65)
            }
            // A directory of another place (or loaded with the wrong --city): most services have no
            // place in the city (Miami's went live as Leeds, with only warnings).
            let unplaced = snapshot.unplacedServiceCount
            if unplaced * 2 > snapshot.documentCount && !accept {
                Terminal.error("\(unplaced) of \(snapshot.documentCount) services have no place in \(cityData.gazetteer.cityNames.first ?? "the city"): "
                               + "no ward, postcode or coordinates in it. Is \(file) the right file, and --city the right city (--city none for a directory "
                               + "without wards)? \(notReplaced); pass --accept to go live anyway.")
                throw ExitCode(65)
            }
            // A column missing or emptied: a field many live services had, and none of these (a sheet without
            // its phone column went live with no phone number at all). Of the update's own services: not the
            // live versions kept in place of rows with errors, which come after them.
            if !accept, let current = live.snapshot {
                let own = snapshot.documentCount - report.liveRejected.filter(\.kept).count
                let losses = FieldCoverage.losses(update: snapshot, own: own, live: current)
                if !losses.isEmpty {
                    let said = losses.map { "\($0.field) (\($0.liveCount) of the \($0.liveTotal) live services \($0.liveDo))" }
                    Terminal.error("no service in \(file) " + said.joined(separator: "; none ") + ". Is a column missing or emptied? "
                                   + "The live snapshot was not replaced; pass --accept to go live anyway.")
                    throw ExitCode(65)
                }
                // What each row hides: a column emptied in part of the rows, letters lost to `?` by a save in a
                // legacy encoding, every id changed (each went live with exit 0; found by a hub tester).
                let drift = FieldCoverage.drift(update: snapshot, own: own, live: current)
                var refusals: [String] = []
                if drift.lostLetters > 0, let e = drift.lostLettersExample {
                    refusals.append("\(drift.lostLetters) services' text in \(file) has \"?\" where the live directory has letters (\"\(e.update.prefix(60))\" was "
                                    + "\"\(e.live.prefix(60))\"): the file was saved in a format that cannot hold them (Excel's \"CSV (Comma delimited)\"); "
                                    + "save it as \"CSV UTF-8\" and load it again.")
                }
                if drift.garbled > 0, let e = drift.garbledExample {
                    refusals.append("\(drift.garbled) services' text in \(file) has letters garbled where the live directory has them right (\"\(e.update.prefix(60))\" was "
                                    + "\"\(e.live.prefix(60))\"): the file was opened as Windows-1252 and saved as UTF-8 again; export it again from the original, "
                                    + "or open it as \"CSV UTF-8\" before saving.")
                }
                for d in drift.dropped {
                    refusals.append("\(d.count) of the \(d.had) services that \(d.field.replacingOccurrences(of: "has ", with: "have ")) in the live directory "
                                    + "have none in \(file) (e.g. id \(d.example)); is a column emptied in part of the rows?")
                }
                // (Services removed on balance are the shrink guard's, below; this is ids replaced by others.)
                let live = current.documentCount
                func share(_ n: Int) -> Double { Double(n) / Double(max(live, 1)) * 100 }
                if share(drift.removedIDs) > maxRemoved && share(drift.removedIDs - drift.newIDs) <= maxRemoved {
                    refusals.append("\(drift.removedIDs) of the \(live) live services' ids are not in \(file), and \(drift.newIDs) of its ids are new"
                                    + String(format: " (more than --max-removed %.1f%% replaced)", maxRemoved)
                                    + ": were the ids changed? A service keeps its id from week to week, or its history and links are lost.")
                }
                if !refusals.isEmpty {
                    Terminal.error(refusals.joined(separator: "\n") + "\nThe live snapshot was not replaced; pass --accept to go live anyway.")
                    throw ExitCode(65)
                }
            }
            // What leaves the live directory with this load, by name (two services taken out went live
            // unsaid; only `diff` showed them; found by a hub tester).
            // (Not those left out for errors in their rows: named with their errors below.)
            // (The update's ids once, as a set: a lookup per live id was a scan of them each.)
            let leftOut = Set(report.liveRejected.map(\.id))
            let gone: [(id: String, name: String)] = live.snapshot.map { current in
                let kept = Set(snapshot.ids)
                return current.ids.indices.filter { !kept.contains(current.ids[$0]) && !leftOut.contains(current.ids[$0]) }
                    .map { (current.ids[$0], current.service($0).name) }
            } ?? []
            // And the services new to it (a load said only what went: a week's file loaded twice, or an old one,
            // was not seen to bring anything back).
            let added: [(id: String, name: String)] = live.snapshot.map { current in
                let before = Set(current.ids)
                return snapshot.ids.indices.filter { !before.contains(snapshot.ids[$0]) }.map { (snapshot.ids[$0], snapshot.service($0).name) }
            } ?? []
            let installed: (snapshot: URL, rejects: URL?)
            do {
                installed = try store.install(snapshot, rejects: report.rejectedRecords, waiting: {
                    Terminal.warn("another load into \(index) is running; waiting for it to finish")
                }, check: { live in
                    // Checked under the folder's lock, against what is live at that moment.
                    guard let live, live > 0, !accept else { return }
                    let removed = live - snapshot.documentCount
                    let share = Double(removed) / Double(live) * 100
                    guard removed > 0, share > maxRemoved else { return }
                    throw Shrinks(message: "the live snapshot holds \(live) services and this update \(snapshot.documentCount): \(removed) fewer"
                        + String(format: " (%.1f%%, more than --max-removed %.1f%%)", share, maxRemoved)
                        + "; the live snapshot was not replaced. Check that \(file) is complete, or pass --accept to go live anyway.")
                })
            } catch let refused as Shrinks {
                Terminal.error(refused.message)
                throw ExitCode(65)
            } catch {
                throw CLIError.cannotWrite("\(index): the snapshot could not be saved there (\(FileErrors.systemReason(error))); nothing live was changed")
            }
            // The file's size on disk (the index's size in memory was shown: 3,252 KiB for a 2,935 KiB file).
            let bytes = (try? FileManager.default.attributesOfItem(atPath: installed.snapshot.path)[.size] as? Int) ?? snapshot.byteSize
            var out = "Live: \(installed.snapshot.path) (\(snapshot.documentCount) services, \(bytes / 1024) KiB on disk, "
            func seconds(_ t: TimeInterval) -> String { String(format: t < 10 ? "%.2f s" : "%.1f s", t) }
            out += "\(seconds(Date().timeIntervalSince(start))): read and indexed in \(seconds(indexed.timeIntervalSince(start))), "
            out += "saved in \(seconds(Date().timeIntervalSince(indexed))))\n"
            if let r = installed.rejects { out += "Rejected rows and their reasons: \(r.path)\n" }
            /// The first ten services of a list, and how many more.
            func named(_ services: [(id: String, name: String)]) -> String {
                services.prefix(10).map { "\($0.name) [\($0.id)]".printable() }.joined(separator: "; ")
                    + (services.count > 10 ? "; and \(services.count - 10) more (signpost diff lists them all)" : "") + "\n"
            }
            if !added.isEmpty { out += "New in the directory (\(added.count)): " + named(added) }
            if !gone.isEmpty { out += "No longer in the directory (\(gone.count), not in \(file) or closed there): " + named(gone) }
            let previous = store.snapshots().dropFirst().first
            if let previous { out += "Previous snapshot kept: \(previous.lastPathComponent)\n" }
            Terminal.out(out)
            Self.sayLiveServicesWithErrors(report.liveRejected, placesLeftOut: report.placesLeftOut)
        }
    }
}

extension LoadCommand {
    /// Services that were live until this load and whose rows in it have errors, named with the first
    /// error of each, and whether their live version was kept (a blank name or an upside-down age range
    /// took a live service out of search, and the summary only counted "4 rejected").
    /// And those still live at fewer places, a row of theirs having errors.
    static func sayLiveServicesWithErrors(_ services: [ImportReport.LiveRejected], placesLeftOut: [ImportReport.LiveRejected]) {
        let kept = services.filter(\.kept), left = services.filter { !$0.kept }
        func list(_ s: [ImportReport.LiveRejected]) -> String {
            s.map { "  \($0.name) [\($0.id)]\($0.saysClosed ? " (its row says it is closed, so its live version is not kept)" : ""): \($0.firstError)" }
                .joined(separator: "\n")
        }
        if !kept.isEmpty {
            Terminal.warn((kept.count == 1 ? "1 service that is live has errors in its row: its live version is kept until the row is fixed (--leave-out-rejected takes it out)"
                           : "\(kept.count) services that are live have errors in their rows: their live versions are kept until the rows are fixed (--leave-out-rejected takes them out)")
                          + ":\n" + list(kept))
        }
        if !left.isEmpty {
            Terminal.warn((left.count == 1 ? "1 service that was live is no longer in the directory: its row has errors (fix it"
                           : "\(left.count) services that were live are no longer in the directory: their rows have errors (fix them")
                          + " and load again; the previous snapshot is kept):\n" + list(left))
        }
        if !placesLeftOut.isEmpty {
            Terminal.warn((placesLeftOut.count == 1 ? "1 live service is at fewer places than before: a row of it has errors (fix it"
                           : "\(placesLeftOut.count) live services are at fewer places than before: a row of each has errors (fix them")
                          + " and load again):\n" + list(placesLeftOut))
        }
    }
}

/// The live snapshot, read once and only when asked for (a national one takes seconds).
private final class LiveSnapshot {
    let store: SnapshotStore
    /// Nil when there is none; said when there is one that cannot be read (nothing is then kept from it
    /// or compared with it, and that was silent).
    lazy var snapshot: IndexSnapshot? = {
        do throws(SnapshotFile.ReadError) { return try store.load().snapshot } catch {
            if !store.snapshots().isEmpty {
                Terminal.warn("\(store.folder.path): the live snapshot could not be read (\(error.reason)); no live version is kept and the update is not compared with it")
            }
            return nil
        }
    }()
    init(store: SnapshotStore) { self.store = store }
}

/// An update that would take too many services out of the live directory.
private struct Shrinks: Error { var message: String }

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two directory updates (any formats, or snapshots).",
        discussion: """
            Services added, removed and changed (with the fields that changed; a service whose row in NEW
            has errors is listed as such, not as removed), wards that lost their last
            service of a kind, entries not verified for over 12 months, and likely duplicates.
            """
    )

    /// A file, or a snapshot folder's live snapshot (`diff DIR NEW.csv`: what loading NEW would change; it
    /// said "give its live snapshot").
    static func live(_ path: String) -> URL {
        let url = URL(fileURLWithPath: path)
        return SnapshotStore(folder: url).currentFile ?? url
    }

    @Argument(help: "The older file, or a snapshot folder (its live snapshot).")
    var old: String

    @Argument(help: "The newer file, or a snapshot folder (its live snapshot).")
    var new: String

    @OptionGroup var place: CityOptions

    @Option(name: .long, help: ArgumentHelp("The day \"over 12 months ago\" is counted from (default: today).", valueName: "date"))
    var at: String?

    @Flag(name: .long, help: "One JSON object on standard output.")
    var json = false

    func run() throws {
        try reporting {
            let cityData = try place.load()
            let reference = try checkDay(at) ?? cityData.zone.localDate(atUTC: Int64(Date().timeIntervalSince1970))
            var reader = DirectoryReader(city: cityData, referenceDate: reference)
            reader.checksStaleness = false
            let a: ImportReport, b: ImportReport
            do throws(ImportError) {
                a = try reader.read(Self.live(old), displayName: old)
                b = try reader.read(Self.live(new), displayName: new)
            } catch { throw CLIError.importFailed(error) }
            for (r, f) in [(a, old), (b, new)] {
                // A file with nothing in it would be "everything removed" (or added): refuse, as load does.
                if r.recordsRead == 0 { throw CLIError.badData("\(f): holds no services; there is nothing to compare") }
            }
            if a.rejected > 0 {
                Terminal.warn("\(old): \(a.rejected == 1 ? "1 record has errors and is" : "\(a.rejected) records have errors and are") left out of the comparison; run `signpost validate \(old)`")
            }
            let diff = DirectoryDiff(old: a.services, new: b.services, newRejects: b.rejectedRecords, reference: reference)
            if json { Terminal.out(diff.json().text + "\n"); return }
            var out = "\(old) → \(new): \(diff.added.count) added, \(diff.removed.count) removed, \(diff.changed.count) changed, \(diff.unchanged) unchanged"
            let withErrors = diff.rejected.count + diff.newWithErrors.count
            out += withErrors == 0 ? "\n" : ", \(withErrors) with errors in the new file\n"
            if !diff.added.isEmpty { out += "\nAdded:\n" + diff.added.map { "  + \($0.name) [\($0.id)]\($0.locatedWards.first.map { " — " + $0 } ?? "")" }.joined(separator: "\n") + "\n" }
            if !diff.removed.isEmpty { out += "\nRemoved:\n" + diff.removed.map { "  - \($0.name) [\($0.id)]\($0.locatedWards.first.map { " — " + $0 } ?? "")" }.joined(separator: "\n") + "\n" }
            if withErrors > 0 {
                out += "\nWith errors in \(new) (rows left out if it is loaded as it is; `load` keeps a live service's version until its row is fixed, unless the row closes it; `signpost validate \(new)` says why):\n"
                var lines = diff.rejected.map { "  ✗ \($0.name) [\($0.id)]\($0.locatedWards.first.map { " — " + $0 } ?? "")" }
                lines += diff.newWithErrors.map { r in
                    "  ✗ " + (r.id.map { "new [\($0)]" } ?? "a row without an id") + (r.line.map { ", line \($0)" } ?? "")
                }
                out += lines.joined(separator: "\n") + "\n"
            }
            if !diff.changed.isEmpty {
                out += "\nChanged:\n"
                for c in diff.changed {
                    out += "  ~ \(c.name) [\(c.id)]"
                    if !c.linesWithErrors.isEmpty {
                        out += " — partly because \(c.linesWithErrors.count == 1 ? "a row" : "rows") of it in \(new) \(c.linesWithErrors.count == 1 ? "has" : "have") errors and \(c.linesWithErrors.count == 1 ? "is" : "are") left out (line \(c.linesWithErrors.map(String.init).joined(separator: ", ")))"
                    }
                    out += "\n"
                    // Quoted, with control characters and line breaks escaped (Swift's debugDescription
                    // also put a backslash before every apostrophe: `St Michael\'s`).
                    func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\n", with: "\\n").printable() + "\"" }
                    for f in c.fields {
                        let (old, new) = HumanOutput.shortened(f.old, f.new, to: 70)
                        out += "      \(f.field): \(quoted(old)) → \(quoted(new))\n"
                    }
                }
            }
            if !diff.lostKinds.isEmpty {
                out += "\nWards that lost their last service of a kind:\n"
                out += diff.lostKinds.map {
                    "  ! \($0.ward): no \($0.category) any more (last: \($0.lastService))" + ($0.becauseOfErrors ? ", because a row with errors is left out" : "")
                }.joined(separator: "\n") + "\n"
            }
            if !diff.stale.isEmpty {
                out += "\nNot verified for over 12 months (\(diff.stale.count)):\n"
                out += diff.stale.prefix(50).map { "  ? \($0.service.name) [\($0.service.id)] — last verified \($0.verified?.description ?? "never")" }.joined(separator: "\n") + "\n"
                if diff.stale.count > 50 { out += "  … and \(diff.stale.count - 50) more (--json lists all)\n" }
            }
            if !diff.duplicates.isEmpty {
                out += "\nLikely duplicates:\n"
                out += diff.duplicates.map { "  = \($0.names.joined(separator: " / ")) [\($0.ids.joined(separator: ", "))]: \($0.reason)" }.joined(separator: "\n") + "\n"
            }
            // Names and ids come from the files: shown with control characters escaped.
            Terminal.out(out.printable(keepingLineBreaks: true))
        }
    }
}

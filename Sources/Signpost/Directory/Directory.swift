import Foundation

/// A searchable directory: the library's front door.
///
/// ```swift
/// let city = try CityData.leeds()
/// let directory = try Directory.load(contentsOf: URL(fileURLWithPath: "Corpus/leeds/services.json"), city: city)
/// let response = directory.search("food bank in Armley open Saturday")
/// for r in response.results { print(r.service.name) }
/// ```
public struct Directory: Sendable {
    public let city: CityData
    public let snapshot: IndexSnapshot
    public let searcher: Searcher
    /// What the import found, when the directory was read from a file.
    public let importReport: ImportReport?

    /// Indexes services already in memory.
    public init(services: [Service], city: CityData, importReport: ImportReport? = nil, source: String = "") {
        let pipeline = TextPipeline(analyzer: .standard, thesaurus: city.thesaurus)
        let snapshot = IndexBuilder(pipeline: pipeline, gazetteer: city.gazetteer, timeZone: city.zone).build(services, source: source)
        self.init(snapshot: snapshot, city: city, importReport: importReport)
    }

    /// Wraps a snapshot (built, or loaded from disk).
    public init(snapshot: IndexSnapshot, city: CityData, importReport: ImportReport? = nil) {
        self.city = city
        self.snapshot = snapshot
        let parser = QueryParser(analyzer: .standard, snapshot: snapshot, gazetteer: city.gazetteer, thesaurus: city.thesaurus)
        searcher = Searcher(snapshot: snapshot, parser: parser, gazetteer: city.gazetteer, zone: city.zone)
        self.importReport = importReport
    }

    /// Reads a directory file (any supported format) and indexes the services that loaded.
    ///
    /// - Throws: ``ImportError`` when the file cannot be read at all; problems in single records are
    ///   in ``importReport`` and those records are left out.
    public static func load(contentsOf url: URL, city: CityData, format: DirectoryFormat? = nil) throws(ImportError) -> Directory {
        var reader = DirectoryReader(city: city)
        reader.checksStaleness = false
        reader.checksVocabulary = false
        let (snapshot, report) = try reader.index(url, format: format)
        return Directory(snapshot: snapshot, city: city, importReport: report)
    }

    /// Searches with text and optional filters.
    ///
    /// - Parameters:
    ///   - text: what was typed.
    ///   - filters: explicit filters.
    ///   - now: the reference instant (default: the current time).
    ///   - limit: how many results.
    public func search(_ text: String, filters: SearchFilters = SearchFilters(), time: TimeFilter? = nil,
                       now: Date = Date(), limit: Int = 10) -> SearchResponse {
        searcher.search(SearchRequest(text: text, filters: filters, time: time,
                                      now: Int64(now.timeIntervalSince1970.rounded(.down)), limit: limit))
    }

    /// Runs a full request.
    public func search(_ request: SearchRequest) -> SearchResponse { searcher.search(request) }

    /// The number of services indexed.
    public var count: Int { snapshot.documentCount }
}

/// Reads a directory file in any supported format, detecting which.
public struct DirectoryReader: Sendable {
    public let city: CityData
    /// The day "over 12 months ago" and annual dates are worked out from (default: today).
    public let referenceDate: LocalDate
    /// Whether to warn about entries not verified for over a year (validation does; searching does not).
    public var checksStaleness = true
    /// Whether to report categories and languages searching cannot use (validation and loading do;
    /// a search of a file, whose report nobody reads, does not).
    public var checksVocabulary = true

    public init(city: CityData, referenceDate: LocalDate? = nil) {
        self.city = city
        self.referenceDate = referenceDate ?? city.zone.localDate(atUTC: Int64(Date().timeIntervalSince1970))
    }

    /// Reads a file or folder, keeping the good services in the report.
    public func read(_ url: URL, format: DirectoryFormat? = nil, displayName: String? = nil) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        var report = try readWhole(url, format: try detect(url, format: format, displayName: name), displayName: name)
        Self.reportNoServices(&report, file: name)
        if checksVocabulary {
            VocabularyCheck.apply(&report, usage: VocabularyCheck.usage(of: report.services), thesaurus: city.thesaurus, file: name)
            report.diagnostics += Self.idsDifferingInCase(report.services.map(\.id), file: name)
        }
        return report
    }

    /// Ids that differ only in capitals (`A1`, `a1`): two services that searching, the API and a person
    /// reading the id take for one (`/services/a1` finds either). Each after the first is said once.
    ///
    /// - Complexity: O(n) lower-casings and hash lookups.
    static func idsDifferingInCase(_ ids: [String], file: String) -> [Diagnostic] {
        var first: [String: String] = [:]
        var out: [Diagnostic] = []
        for id in ids {
            let key = id.lowercased()
            if let other = first[key] {
                if other != id {
                    out.append(Diagnostic(.warning, code: "id-case", file: file, recordID: id, field: "id", value: id,
                                          reason: "differs from the id \"\(other)\" only in capitals, and ids are matched whatever their case (`/services/\(id)` finds either)",
                                          hint: "give each service its own id"))
                }
            } else {
                first[key] = id
            }
        }
        return out
    }

    /// A file that holds no service at all (a spreadsheet with only its header row, `[]`) is an error
    /// in the report, so that checking a file and loading it agree: loading refuses it.
    static func reportNoServices(_ report: inout ImportReport, file: String) {
        guard report.recordsRead == 0, report.errorCount == 0 else { return }
        let hint: String
        switch report.format {
        case .spreadsheet: hint = "the spreadsheet has a header row but no rows of services"
        case .hsdsJSON, .orukV1: hint = "the file's list of services is empty"
        default: hint = "no service records were found in it"
        }
        report.diagnostics.append(Diagnostic(.error, code: "no-services", file: file, line: nil, reason: "holds no services", hint: hint))
    }

    /// Reads a file or folder, handing the good services to `intake` in order instead of keeping
    /// them (`loaded` counts them): JSON and spreadsheets as they are read, other formats once read.
    public func read<Prepared, State>(_ url: URL, format: DirectoryFormat? = nil, displayName: String? = nil,
                                      intake: ServiceIntake<Prepared, State>, holdingBack: Bool = false) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        var report: ImportReport
        switch try detect(url, format: format, displayName: name) {
        case .hsdsJSON, .orukV1:
            report = try jsonImporter.read(contentsOf: url, displayName: name, intake: intake)
        case .spreadsheet:
            var importer = spreadsheetImporter
            importer.holdsBackServicesWithRowErrors = holdingBack
            report = try importer.read(contentsOf: url, displayName: name, intake: intake)
        case let other:
            report = try readWhole(url, format: other, displayName: name)
            intake.feed(report.services)
            report.loaded = report.services.count
            report.services = []
        }
        Self.reportNoServices(&report, file: name)
        return report
    }

    private func detect(_ url: URL, format: DirectoryFormat?, displayName: String) throws(ImportError) -> DirectoryFormat {
        if let format { return format }
        return try FormatDetector.detect(url, displayName: displayName)
    }

    private var jsonImporter: HSDSJSONImporter {
        var importer = HSDSJSONImporter(gazetteer: city.gazetteer, referenceDate: checksStaleness ? referenceDate : nil)
        importer.hoursDate = referenceDate
        return importer
    }

    private var spreadsheetImporter: SpreadsheetImporter {
        SpreadsheetImporter(gazetteer: city.gazetteer, referenceDate: referenceDate)
    }

    /// Reads a file whole, keeping its good services in the report.
    private func readWhole(_ url: URL, format: DirectoryFormat, displayName name: String) throws(ImportError) -> ImportReport {
        switch format {
        case .hsdsJSON, .orukV1:
            return try jsonImporter.read(contentsOf: url, displayName: name)
        case .spreadsheet:
            return try spreadsheetImporter.read(contentsOf: url, displayName: name)
        case .dataPackage:
            var report = try DataPackageImporter(gazetteer: city.gazetteer, referenceDate: referenceDate).read(url, displayName: name)
            if checksStaleness { StaleCheck.apply(&report, reference: referenceDate, file: name) }
            return report
        case .snapshot:
            let snapshot: IndexSnapshot
            do { snapshot = try SnapshotFile.read(url) } catch {
                throw ImportError(.malformed, file: name, reason: error.reason)
            }
            var report = ImportReport(format: .snapshot)
            report.recordsRead = snapshot.documentCount
            report.services = (0..<snapshot.documentCount).map(snapshot.service)
            return report
        }
    }
}

extension DirectoryReader {
    /// Reads a directory and indexes it as it is read: services go to the index builder in
    /// batches (their text analysed on every core) and are not kept, so a national directory is
    /// never held as a million `Service` values. The report keeps every problem and every
    /// rejected record; its `services` is empty and `loaded` counts what was indexed.
    ///
    /// - Parameters:
    ///   - live: the live directory this update replaces, asked for only when rows with an id were
    ///     rejected: a service of it whose rows all have errors is named in the report's
    ///     ``ImportReport/liveRejected`` and, with `keepingLive`, indexed at its live version until its
    ///     row is fixed (a blank name typed by mistake took a live service out of search for a week).
    ///   - progress: called with the number of services indexed so far, after each batch.
    public func index(_ url: URL, format: DirectoryFormat? = nil, displayName: String? = nil,
                      live: (() -> IndexSnapshot?)? = nil, keepingLive: Bool = true,
                      progress: ((Int) -> Void)? = nil) throws(ImportError) -> (snapshot: IndexSnapshot, report: ImportReport) {
        let builder = IndexBuilder(pipeline: TextPipeline(analyzer: .standard, thesaurus: city.thesaurus), gazetteer: city.gazetteer,
                                   timeZone: city.zone)
        var acc = builder.accumulator()
        let intake = acc.preparer.intake { batch in
            acc.add(batch)
            progress?(acc.count)
        }
        var report = try read(url, format: format, displayName: displayName, intake: intake, holdingBack: true)
        // (Asked for once, and only when a row with an id was rejected: a national one takes seconds to read.)
        let previous = report.rejectedRecords.contains(where: { $0.id != nil }) ? live?() : nil
        if let previous {
            // (The services held back are not indexed yet: a live one among them is a live service with errors.)
            report.liveRejected = Self.liveRejected(report.rejectedRecords, live: previous, indexed: acc.indexedIDs)
        }
        // A service some of whose rows have errors: a live one keeps its live version whole, below (one site's
        // row with an error took that site out of search); another goes in as its good rows give it, and so
        // does a live one with --leave-out-rejected, or one a row of which says it is closed (as before: the
        // sites that are not).
        let keptLive = keepingLive ? Set(report.liveRejected.lazy.filter { !$0.saysClosed }.map(\.id)) : []
        for s in report.heldBack where !keptLive.contains(s.id) {
            acc.add(s)
            report.loaded += 1
        }
        report.heldBack = []
        if let previous {
            if keepingLive {
                for k in report.liveRejected.indices where !report.liveRejected[k].saysClosed {
                    acc.add(previous.service(report.liveRejected[k].liveDocument))
                    report.liveRejected[k].kept = true
                }
            }
        }
        let snapshot = acc.finish(source: displayName ?? url.path)
        if let previous {
            report.placesLeftOut = Self.placesLeftOut(report.rejectedRecords, update: snapshot, live: previous)
        }
        if checksVocabulary {
            VocabularyCheck.apply(&report, usage: VocabularyCheck.usage(of: snapshot), thesaurus: city.thesaurus, file: displayName ?? url.path)
            report.diagnostics += Self.idsDifferingInCase(snapshot.ids, file: displayName ?? url.path)
        }
        return (snapshot, report)
    }
}

extension DirectoryReader {
    /// The live services a row of which an update rejected, and that no indexed row gives: by the rejected
    /// rows' ids, those the live snapshot holds (a spreadsheet's service with one bad row of several is held
    /// back, not indexed, so it is one), once each, in file order, and whether a row says it is closed.
    ///
    /// - Complexity: O(indexed + live services), hashing only the rejected ids.
    static func liveRejected(_ rejected: [ImportReport.RejectedRecord], live: IndexSnapshot, indexed: [String]) -> [ImportReport.LiveRejected] {
        var wanted = Set(rejected.compactMap(\.id))
        for id in indexed where wanted.remove(id) != nil && wanted.isEmpty { break }
        guard !wanted.isEmpty else { return [] }
        var liveDoc: [String: Int] = [:]
        for (doc, id) in live.ids.enumerated() where wanted.contains(id) { liveDoc[id] = doc }
        var out: [ImportReport.LiveRejected] = []
        var at: [String: Int] = [:]
        for r in rejected {
            guard let id = r.id else { continue }
            // (Closed by any of its rows: a closure is honoured whatever else is wrong.)
            if let k = at[id] { out[k].saysClosed = out[k].saysClosed || r.saysClosed; continue }
            guard let doc = liveDoc.removeValue(forKey: id) else { continue }
            at[id] = out.count
            out.append(ImportReport.LiveRejected(id: id, name: live.service(doc).name, firstError: r.firstError, liveDocument: doc, kept: false,
                                                 saysClosed: r.saysClosed))
        }
        return out
    }
}

extension DirectoryReader {
    /// Live services still in the update, at fewer places than live, with a row of theirs rejected (not
    /// a row that only repeats their id for another service): each once, with that row's first error.
    ///
    /// - Complexity: O(update + live services), decoding only the services concerned.
    static func placesLeftOut(_ rejected: [ImportReport.RejectedRecord], update: IndexSnapshot, live: IndexSnapshot) -> [ImportReport.LiveRejected] {
        let rows = rejected.filter { r in r.id != nil && !r.errors.contains { $0.code == "duplicate-id" } }
        let wanted = Set(rows.compactMap(\.id))
        guard !wanted.isEmpty else { return [] }
        var now: [String: Int] = [:], before: [String: Int] = [:]
        for (d, id) in update.ids.enumerated() where wanted.contains(id) { now[id] = d }
        for (d, id) in live.ids.enumerated() where wanted.contains(id) { before[id] = d }
        var out: [ImportReport.LiveRejected] = []
        var said = Set<String>()
        for r in rows {
            guard let id = r.id, let d = now[id], let l = before[id], !said.contains(id) else { continue }
            let was = live.service(l)
            guard update.service(d).locations.count < was.locations.count else { continue }
            said.insert(id)
            out.append(ImportReport.LiveRejected(id: id, name: was.name, firstError: r.firstError, liveDocument: l, kept: false))
        }
        return out
    }
}

/// Entries not verified for over a year, for formats whose importers do not check it themselves.
enum StaleCheck {
    static func apply(_ report: inout ImportReport, reference: LocalDate, file: String) {
        for s in report.services {
            guard let d = s.assuredDate, let f = FieldChecks.stale(d, reference: reference) else { continue }
            report.diagnostics.append(Diagnostic(.warning, code: f.code, file: file, recordID: s.id, field: "assured_date",
                                                 value: d.description, reason: f.reason, hint: f.hint))
        }
    }
}

/// Tells directory formats apart by name and first bytes.
public enum FormatDetector {
    public static func detect(_ url: URL, displayName: String) throws(ImportError) -> DirectoryFormat {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw ImportError(.unreadable, file: displayName, reason: "no such file")
        }
        if isDir.boolValue {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("datapackage.json").path) { return .dataPackage }
            // A snapshot folder (`load --index`'s): its live snapshot is the file to give.
            if let live = SnapshotStore(folder: url).currentFile {
                throw ImportError(.malformed, file: displayName,
                                  reason: "is a snapshot folder; give its live snapshot, \(url.appendingPathComponent(live.lastPathComponent).path) (named in \(displayName)/CURRENT)")
            }
            throw ImportError(.malformed, file: displayName,
                              reason: "is a folder without datapackage.json; expected a JSON, CSV or zip file, or a data package folder")
        }
        let ext = url.pathExtension.lowercased()
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw ImportError(.unreadable, file: displayName, reason: "permission denied")
        }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        try? handle.close()
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .dataPackage }
        if head.starts(with: Array("SIGNPOST".utf8)) { return .snapshot }
        // An Excel 97-2003 workbook (its header was shown as "ÐÏ…"), as the .xlsx one is said.
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw ImportError(.malformed, file: displayName,
                              reason: "is an Excel 97-2003 workbook (.xls), not a CSV file; in Excel, File → Save As → \"CSV UTF-8 (Comma delimited)\", and load the .csv")
        }
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            if first == UInt8(ascii: "[") || first == UInt8(ascii: "{") { return .hsdsJSON }
        }
        if ext == "csv" || ext == "tsv" || ext == "txt" { return .spreadsheet }
        if ext == "json" { return .hsdsJSON }
        if bytes.isEmpty { throw ImportError(.malformed, file: displayName, reason: "the file is empty") }
        return .spreadsheet
    }
}

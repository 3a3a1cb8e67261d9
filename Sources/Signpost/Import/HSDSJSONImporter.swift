import Foundation

/// Reads Open Referral JSON: an array of HSDS 3.0 services, an ORUK page (`{"contents": [...]}`, or `{"services": [...]}`),
/// or ORUK v1 services (`regular_schedules`, `service_taxonomys`, ...).
///
/// Records are streamed: a file of a million services is never held as one JSON tree.
public struct HSDSJSONImporter: Sendable {
    public let gazetteer: Gazetteer
    /// When set, entries last verified (`assured_date`) over a year before it are warned about.
    public let referenceDate: LocalDate?
    /// The day the dates of hours written as text (`Dec 25 off`) are worked out around (default: the
    /// reference date, else today), whether or not entries are checked for staleness.
    public var hoursDate: LocalDate?

    public init(gazetteer: Gazetteer, referenceDate: LocalDate? = nil) {
        self.gazetteer = gazetteer
        self.referenceDate = referenceDate
    }

    /// Reads a file, keeping the good services in the report.
    ///
    /// - Parameter displayName: the name used in diagnostics (default: the path as given).
    /// - Throws: ``ImportError`` when the file cannot be read or is not JSON (with line and column);
    ///   problems in records are diagnostics in the report instead.
    public func read(contentsOf url: URL, displayName: String? = nil) throws(ImportError) -> ImportReport {
        try ServiceIntake.keepingServices { intake throws(ImportError) in try read(contentsOf: url, displayName: displayName, intake: intake) }
    }

    /// Reads a file, handing good services to `intake` as they are read (in file order) instead of
    /// keeping them: for files too large to hold as `Service` values. `loaded` counts them.
    public func read<Prepared, State>(contentsOf url: URL, displayName: String? = nil,
                                      intake: ServiceIntake<Prepared, State>) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ImportError(.unreadable, file: name, reason: FileErrors.reason(error, url: url))
        }
        return try read(data: data, fileName: name, intake: intake)
    }

    /// Reads JSON already in memory, keeping the good services in the report.
    public func read(data: Data, fileName: String) throws(ImportError) -> ImportReport {
        try ServiceIntake.keepingServices { intake throws(ImportError) in try read(data: data, fileName: fileName, intake: intake) }
    }

    /// Reads JSON already in memory, handing good services to `intake` as they are read.
    public func read<Prepared, State>(data: Data, fileName: String,
                                      intake: ServiceIntake<Prepared, State>) throws(ImportError) -> ImportReport {
        let result: Result<ImportReport, ImportError> = data.withUnsafeBytes { raw in
            do throws(ImportError) { return .success(try read(bytes: raw, fileName: fileName, intake: intake)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// One record as the cores leave it for the in-order stage.
    private struct DecodedRecord<Prepared> {
        var index: Int
        var range: Range<Int>
        var prepared: Prepared?
        var id: String?
        var idOffset: Int?
        var context: RecordContext?
        var isV1 = false
        var syntaxError: JSONSyntaxError?
    }

    /// Finds the records (one thread, by structure only), parses, checks and prepares them on every
    /// core, and hands them on in file order while the cores go on to the next batch.
    func read<Prepared, State>(bytes: UnsafeRawBufferPointer, fileName: String,
                               intake: ServiceIntake<Prepared, State>) throws(ImportError) -> ImportReport {
        var report = ImportReport(format: .hsdsJSON)
        let lines = LazyLineIndex(bytes: bytes)
        let locate: (Int) -> (line: Int, column: Int) = { lines.position(of: $0) }
        let day = hoursDate ?? referenceDate ?? LocalDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
        let decoder = HSDSRecordDecoder(wards: WardResolver(gazetteer: gazetteer), referenceDate: referenceDate, datesReference: day,
                                        hoursYears: HoursReadings.years(around: day))
        var sawV1 = false
        var duplicates = DuplicateTracker()
        var reader = JSONReader(bytes: bytes)
        var recordCount = 0
        var syntaxError: JSONSyntaxError?
        var stopped = false
        var states: [State] = []
        Parallel.pipeline(states: &states, makeState: intake.makeState, next: { () -> [(Int, Range<Int>)]? in
            guard syntaxError == nil else { return nil }
            var batch: [(Int, Range<Int>)] = []
            do throws(JSONSyntaxError) {
                while batch.count < 2_048, let range = try reader.nextRecord() {
                    batch.append((recordCount, range))
                    recordCount += 1
                }
            } catch {
                syntaxError = error  // after the records before it, which are in the batch
            }
            return batch.isEmpty ? nil : batch
        }, transform: { (item: (Int, Range<Int>), state: inout State) -> DecodedRecord<Prepared> in
            let (index, range) = item
            var record = DecodedRecord<Prepared>(index: index, range: range)
            let value: JSONValue
            do throws(JSONSyntaxError) { value = try JSONReader.parseRecord(bytes, range) } catch {
                record.syntaxError = error
                return record
            }
            record.isV1 = value["regular_schedules"] != nil || value["service_taxonomys"] != nil || value["holiday_schedules"] != nil
            var ctx = RecordContext(file: fileName, index: index, locate: locate)
            if let service = decoder.decode(value, &ctx) {
                record.id = service.id
                record.idOffset = value["id"]?.offset
                record.prepared = intake.prepare(service, &state)
            }
            record.context = ctx
            return record
        }, consume: { (records: inout [DecodedRecord<Prepared>]) in
            var good: [Prepared] = []
            good.reserveCapacity(records.count)
            for k in records.indices {
                // A record that is not JSON ends the file's reading: the records after it are not read.
                if stopped { break }
                if let e = records[k].syntaxError {
                    stopped = true
                    // Before any error found while finding records: those are all after the records found.
                    syntaxError = e
                    break
                }
                report.recordsRead += 1
                if records[k].isV1 { sawV1 = true }
                guard var ctx = records[k].context else { continue }
                let index = records[k].index, range = records[k].range
                // Moved out of the batch, not copied: a prepared service holds dozens of references,
                // and copying and freeing them was 2-3 % of reading a large file.
                var prepared: Prepared? = nil
                swap(&prepared, &records[k].prepared)
                if prepared != nil, let id = records[k].id, let first = duplicates.seen(id, at: index) {
                    ctx.error("duplicate-id", "id", value: id, at: records[k].idOffset ?? range.lowerBound,
                              "duplicate id: record \(first + 1) has it too", hint: "give each service its own id; the first was kept")
                    prepared = nil
                }
                report.diagnostics += ctx.diagnostics
                if let prepared {
                    good.append(prepared)
                    if ctx.repaired { report.repaired += 1 }
                } else {
                    report.rejected += 1
                    let source = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    report.rejectedRecords.append(.init(index: index, id: ctx.id, line: locate(range.lowerBound).line,
                                                        source: source, errors: ctx.diagnostics.filter { $0.severity == .error },
                                                        saysClosed: ctx.saysClosed))
                }
            }
            if !good.isEmpty {
                intake.accept(good)
                report.loaded += good.count
            }
        })
        if let e = syntaxError {
            throw ImportError(.malformed, file: fileName, line: e.line, column: e.column,
                              reason: (e.wellFormed ? "" : "malformed JSON: ") + e.reason
                                + (report.recordsRead > 0 ? " (after \(report.recordsRead) service\(report.recordsRead == 1 ? " was" : "s were") read)" : ""))
        }
        if sawV1 { report.format = .orukV1 }
        return report
    }
}

/// Human reasons for file-system errors.
public enum FileErrors {
    static func reason(_ error: any Error, url: URL) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) { return "no such file" }
        if isDir.boolValue { return "is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
        return "cannot be read (\(systemReason(error)))"
    }

    /// Why a file or folder cannot be written at `url`, asked of the file system after a write failed.
    public static func writeReason(at url: URL) -> String {
        let parent = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir) { return "\(parent.path) does not exist" }
        if !isDir.boolValue { return "\(parent.path) is not a folder" }
        if !FileManager.default.isWritableFile(atPath: parent.path) { return "permission denied" }
        return "the file system refused it"
    }

    /// The operating system's words for a file error (`Not a directory`, `Permission denied`): Foundation's
    /// own description of most is "The operation couldn't be completed" or an error number.
    public static func systemReason(_ error: any Error) -> String {
        // (The POSIX error may be the error itself or one it wraps, as a Swift error or an NSError.)
        var next: (any Error)? = error
        while let current = next {
            if let posix = current as? POSIXError, let text = strerror(posix.code.rawValue) { return String(cString: text) }
            let ns = current as NSError
            if ns.domain == NSPOSIXErrorDomain, let text = strerror(Int32(ns.code)) { return String(cString: text) }
            next = ns.userInfo[NSUnderlyingErrorKey] as? any Error
        }
        switch (error as NSError).code {
        case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "No such file or directory"
        case NSFileWriteNoPermissionError, NSFileReadNoPermissionError: return "Permission denied"
        case NSFileWriteOutOfSpaceError: return "No space left on device"
        case NSFileWriteVolumeReadOnlyError: return "Read-only file system"
        case NSFileWriteFileExistsError: return "File exists"
        default: return (error as NSError).localizedDescription
        }
    }
}

/// Line and column of a byte offset, the line table made once on first use (only when something
/// is reported), safely from any thread.
final class LazyLineIndex: @unchecked Sendable {
    private let bytes: UnsafeRawBufferPointer
    private var index: LineIndex?
    private let lock = NSLock()

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    func position(of offset: Int) -> (line: Int, column: Int) {
        lock.lock()
        defer { lock.unlock() }
        if index == nil { index = LineIndex(bytes: bytes) }
        return index!.position(of: offset)
    }
}

import Foundation

/// Reads Open Referral JSON: an array of HSDS 3.0 services, an ORUK page (`{"contents": [...]}`),
/// or ORUK v1 services (`regular_schedules`, `service_taxonomys`, ...).
///
/// Records are streamed: a file of a million services is never held as one JSON tree.
public struct HSDSJSONImporter: Sendable {
    public let gazetteer: Gazetteer
    /// When set, entries last verified (`assured_date`) over a year before it are warned about.
    public let referenceDate: LocalDate?

    public init(gazetteer: Gazetteer, referenceDate: LocalDate? = nil) {
        self.gazetteer = gazetteer
        self.referenceDate = referenceDate
    }

    /// Reads a file.
    ///
    /// - Parameter displayName: the name used in diagnostics (default: the path as given).
    /// - Throws: ``ImportError`` when the file cannot be read or is not JSON (with line and column);
    ///   problems in records are diagnostics in the report instead.
    /// - Parameter each: when given, good services are handed to it in batches, in file order, as they
    ///   are read, and the report's `services` stays empty (for files too large to hold as `Service`
    ///   values).
    public func read(contentsOf url: URL, displayName: String? = nil, each: (([Service]) -> Void)? = nil) throws(ImportError) -> ImportReport {
        let name = displayName ?? url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ImportError(.unreadable, file: name, reason: FileErrors.reason(error, url: url))
        }
        return try read(data: data, fileName: name, each: each)
    }

    /// Reads JSON already in memory.
    public func read(data: Data, fileName: String, each: (([Service]) -> Void)? = nil) throws(ImportError) -> ImportReport {
        let result: Result<ImportReport, ImportError> = data.withUnsafeBytes { raw in
            do throws(ImportError) { return .success(try read(bytes: raw, fileName: fileName, each: each)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    func read(bytes: UnsafeRawBufferPointer, fileName: String, each: (([Service]) -> Void)? = nil) throws(ImportError) -> ImportReport {
        var report = ImportReport(format: .hsdsJSON)
        let lines = LazyLineIndex(bytes: bytes)
        let locate: (Int) -> (line: Int, column: Int) = { lines.position(of: $0) }
        let decoder = HSDSRecordDecoder(wards: WardResolver(gazetteer: gazetteer), referenceDate: referenceDate)
        var sawV1 = false
        var duplicates = DuplicateTracker()
        var reader = JSONReader(bytes: bytes)
        // Records are decoded in batches on every core, then checked for duplicate ids and handed
        // on in file order.
        var pending: [(index: Int, value: JSONValue, range: Range<Int>)] = []
        func flush() {
            let decoded = Parallel.map(pending.count) { k -> (Service?, RecordContext) in
                var ctx = RecordContext(file: fileName, index: pending[k].index, locate: locate)
                let service = decoder.decode(pending[k].value, &ctx)
                return (service, ctx)
            }
            var good: [Service] = []
            good.reserveCapacity(decoded.count)
            for (k, (decodedService, decodedContext)) in decoded.enumerated() {
                let (index, value, range) = pending[k]
                var service = decodedService, ctx = decodedContext
                if let s = service, let first = duplicates.seen(s.id, at: index) {
                    ctx.error("duplicate-id", "id", value: s.id, at: value["id"]?.offset ?? range.lowerBound,
                              "duplicate id: record \(first + 1) has it too", hint: "give each service its own id; the first was kept")
                    service = nil
                }
                report.diagnostics += ctx.diagnostics
                if let service {
                    good.append(service)
                    if ctx.repaired { report.repaired += 1 }
                } else {
                    report.rejected += 1
                    let source = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                    report.rejectedRecords.append(.init(index: index, id: ctx.id, line: locate(range.lowerBound).line,
                                                        source: source, errors: ctx.diagnostics.filter { $0.severity == .error }))
                }
            }
            pending.removeAll(keepingCapacity: true)
            if let each { each(good); report.loaded += good.count } else { report.services += good }
        }
        do {
            try reader.forEachRecord { index, value, range in
                report.recordsRead += 1
                if !sawV1, value["regular_schedules"] != nil || value["service_taxonomys"] != nil || value["holiday_schedules"] != nil {
                    sawV1 = true
                }
                pending.append((index, value, range))
                if pending.count == 4_096 { flush() }
            }
            flush()
        } catch let e as JSONSyntaxError {
            throw ImportError(.malformed, file: fileName, line: e.line, column: e.column,
                              reason: "malformed JSON: \(e.reason)"
                                + (report.recordsRead > 0 ? " (after \(report.recordsRead) service\(report.recordsRead == 1 ? " was" : "s were") read)" : ""))
        } catch {
            throw ImportError(.malformed, file: fileName, reason: "\(error)")
        }
        if sawV1 { report.format = .orukV1 }
        return report
    }
}

/// Human reasons for file-system errors.
enum FileErrors {
    static func reason(_ error: any Error, url: URL) -> String {
        var isDir: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) { return "no such file" }
        if isDir.boolValue { return "is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
        return "cannot be read (\((error as NSError).localizedDescription))"
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

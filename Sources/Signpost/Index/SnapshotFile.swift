import Foundation

/// Saves and loads index snapshots as versioned, checksummed binary files, written atomically.
///
/// Layout: `SIGNPOST` (8 bytes), format version (UInt32 LE), body length (UInt64 LE), CRC-32 of the
/// body (UInt32 LE), then the body: the snapshot's arrays in a fixed order. A file that is
/// truncated, damaged, or from another format version is refused with a clear error.
public enum SnapshotFile {
    public static let magic = Array("SIGNPOST".utf8)
    /// 3: the time zone of the hours follows the service count (format 2, without it, is still read).
    public static let formatVersion: UInt32 = 3
    /// The oldest format still read.
    static let oldestReadable: UInt32 = 2
    /// What a snapshot of this format holds, revised when that changes and the format does not (any
    /// revision reads any other): 2, compiled hours' weekly hulls in the hours column (a snapshot of
    /// revision 1 answers the same, more slowly). A cache of snapshots made for measuring, such as the
    /// benchmarks', is kept by it, so that it never times what an older build wrote.
    public static let contentRevision = 2
    static let headerSize = 8 + 4 + 8 + 4

    /// A snapshot file could not be read.
    public struct ReadError: Error, Sendable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): error: \(reason)" }
        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    // MARK: Writing

    /// Writes a snapshot to `url` atomically: a temporary file next to it, flushed to disk, then
    /// renamed over the target (readers see the old file or the new one, never half of one).
    ///
    /// The body is written through a small buffer as it is encoded (its checksum computed on the
    /// way), so saving a national index needs no second copy of it in memory.
    public static func write(_ snapshot: IndexSnapshot, to url: URL) throws { try write(snapshot, to: url, bufferSize: 4 << 20) }

    /// As ``write(_:to:)``, through a buffer of `bufferSize` bytes.
    static func write(_ snapshot: IndexSnapshot, to url: URL, bufferSize: Int) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: tmp.path) else {
            throw ReadError(file: tmp.path, reason: "cannot be created (is the folder writable?)")
        }
        do {
            let fd = handle.fileDescriptor
            var failure: Int32 = 0
            func writeAll(_ chunk: UnsafeRawBufferPointer, at offset: Int? = nil) {
                var done = 0
                while failure == 0 && done < chunk.count {
                    let n = offset.map { pwrite(fd, chunk.baseAddress! + done, chunk.count - done, off_t($0 + done)) }
                        ?? systemWrite(fd, chunk.baseAddress! + done, chunk.count - done)
                    if n < 0 { if errno != EINTR { failure = errno } } else { done += n }
                }
            }
            [UInt8](repeating: 0, count: headerSize).withUnsafeBytes { writeAll($0) }
            var crc: UInt32 = 0
            var length = 0
            var body = BinaryWriter(capacity: bufferSize * 2)
            body.spillSize = bufferSize
            body.spill = { chunk in
                crc = CRC32.checksum(chunk, continuing: crc)
                writeAll(chunk)
                startWriteback(fd, from: headerSize + length, count: chunk.count)
                length += chunk.count
            }
            encode(snapshot, into: &body)
            body.spillAll()
            header(bodyLength: length, crc: crc).withUnsafeBytes { writeAll($0, at: 0) }
            if failure != 0 {
                throw ReadError(file: tmp.path, reason: "could not be written (\(String(cString: strerror(failure))))")
            }
            try handle.synchronize()
            try handle.close()
            if FileManager.default.fileExists(atPath: url.path) { _ = try FileManager.default.replaceItemAt(url, withItemAt: tmp) } else {
                try FileManager.default.moveItem(at: tmp, to: url)
            }
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: tmp)
            throw error
        }
    }

    private static func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, bytes, count)
        #else
        Darwin.write(fd, bytes, count)
        #endif
    }

    /// Starts writing part of a file to disk now (Linux), so the final fsync has little left to wait for.
    private static func startWriteback(_ fd: Int32, from offset: Int, count: Int) {
        #if canImport(Glibc)
        _ = posix_fadvise(fd, off_t(offset), off_t(count), POSIX_FADV_DONTNEED)
        #endif
    }

    /// The file's header for a body of `bodyLength` bytes with checksum `crc`.
    static func header(bodyLength: Int, crc: UInt32) -> [UInt8] {
        var header = BinaryWriter(capacity: headerSize)
        header.bytes += magic
        withUnsafeBytes(of: formatVersion.littleEndian) { header.bytes += $0 }
        withUnsafeBytes(of: UInt64(bodyLength).littleEndian) { header.bytes += $0 }
        withUnsafeBytes(of: crc.littleEndian) { header.bytes += $0 }
        return header.bytes
    }

    /// The body of a snapshot file, in memory.
    static func encode(_ s: IndexSnapshot) -> [UInt8] {
        var w = BinaryWriter(capacity: s.byteSize + 1024)
        encode(s, into: &w)
        return w.bytes
    }

    static func encode(_ s: IndexSnapshot, into w: inout BinaryWriter) {
        w.int(Int(s.metadata.builtAt)); w.string(s.metadata.source); w.string(s.metadata.pipeline)
        w.uvarint(UInt64(s.documentCount))
        w.string(s.metadata.timeZone)
        w.strings(s.ids)
        w.array(s.store.blob); w.array(s.store.offsets)
        w.strings(s.terms)
        lists(s.postings, &w)
        w.floats(s.postingScores); w.array(s.postingFields)
        let surface = s.surfaceWords.sorted { $0.key < $1.key }
        w.strings(surface.map(\.key)); w.array(surface.map(\.value))
        w.array(s.status)
        lists(s.locatedWards, &w); lists(s.servedWards, &w)
        w.array(s.servesWholeCity.map { $0 ? UInt8(1) : 0 })
        lists(s.districts, &w); w.strings(s.districtNames)
        lists(s.categories, &w); w.strings(s.categoryCodes); w.strings(s.categoryNames)
        lists(s.languages, &w); w.strings(s.languageNames)
        w.array(s.minimumAge); w.array(s.maximumAge); w.array(s.cost); w.array(s.referral)
        w.array(s.alphabeticalRank)
        w.array(s.names.hashes); w.array(s.names.docs); w.array(s.names.prefixBits)
        w.array(s.hours.kinds); lists(s.hours.weekly, &w); w.array(s.hours.complexIndex); w.array(s.hours.lastDay)
        w.uvarint(UInt64(s.hours.complex.count))
        for box in s.hours.complex {
            let h = box.hours
            w.uvarint(UInt64(h.rules.count)); for r in h.rules { ServiceCodec.encode(r, into: &w) }
            w.uvarint(UInt64(h.exceptions.count)); for e in h.exceptions { ServiceCodec.encode(e, into: &w) }
            w.spillIfLarge()
        }
        lists(s.docsByCategory, &w); lists(s.docsByLocatedWard, &w); lists(s.docsByServedWard, &w); lists(s.docsByDistrict, &w)
        w.array(s.wholeCityDocs)
        w.strings(s.wardNames)
    }

    private static func lists<T: FixedWidthInteger>(_ l: CompactLists<T>, _ w: inout BinaryWriter) {
        w.array(l.offsets); w.array(l.values)
    }

    // MARK: Reading

    /// Reads a snapshot file, checking its format version and checksum.
    ///
    /// - Throws: ``ReadError`` for a missing, truncated, damaged or foreign file.
    public static func read(_ url: URL) throws(ReadError) -> IndexSnapshot { try read(url, copyStep: 32 << 20) }

    /// As ``read(_:)``, giving back the file's pages after every `copyStep` bytes of a column are copied.
    static func read(_ url: URL, copyStep: Int) throws(ReadError) -> IndexSnapshot {
        try mapped(url) { raw throws(ReadError) in try read(raw, file: url.path, releasesPages: true, copyStep: copyStep) }
    }

    /// Checks a snapshot file's header, length and checksum without decoding it: what a file just
    /// written needs (its contents were encoded from a snapshot in memory; what can go wrong is the disk).
    ///
    /// - Complexity: O(file size), about a gigabyte a second.
    public static func verify(_ url: URL) throws(ReadError) {
        try mapped(url) { raw throws(ReadError) in _ = try checkedBody(raw, file: url.path, releasesPages: true) }
    }

    /// How many services a snapshot file holds, read from the start of its body without checking or
    /// decoding the rest (what a load compares a new directory with); nil when it cannot be read.
    public static func serviceCount(_ url: URL) -> Int? { peek(url)?.services }

    /// A snapshot file's metadata and number of services, read from the start of its body without
    /// checking or decoding the rest; nil when it cannot be read.
    public static func peek(_ url: URL) -> (metadata: SnapshotMetadata, services: Int)? {
        try? mapped(url) { raw throws(ReadError) -> (metadata: SnapshotMetadata, services: Int)? in
            // (The first fields are laid out alike in every format so far: the shrink guard still
            // knows the live count after an upgrade, before the first load in the new format.)
            guard let version = try? checkedHeaderVersion(raw, file: url.path) else { return nil }
            var r = BinaryReader(UnsafeRawBufferPointer(rebasing: raw[headerSize...]))
            guard let (first, n) = try? preamble(&r) else { return nil }
            var meta = first
            if version >= 3 { guard let zone = try? r.string() else { return nil }; meta.timeZone = zone }
            return (meta, n)
        } ?? nil
    }

    /// The format version of a file whose header is that of a snapshot in any format so far.
    private static func checkedHeaderVersion(_ raw: UnsafeRawBufferPointer, file: String) throws(ReadError) -> UInt32 {
        _ = try checkedHeader(raw, file: file, versions: 1...formatVersion)
        return raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
    }

    /// Runs `body` over the file mapped read-only, so pages already read can be given back while a
    /// snapshot is copied out (see `MappedPages`): loading holds little more than the snapshot itself.
    private static func mapped<T>(_ url: URL, _ body: (UnsafeRawBufferPointer) throws(ReadError) -> T) throws(ReadError) -> T {
        let fd = open(url.path, O_RDONLY)
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0 else {
            if fd >= 0 { close(fd) }
            throw ReadError(file: url.path, reason: FileErrors.reason(CocoaError(.fileReadUnknown), url: url))
        }
        defer { close(fd) }
        let size = Int(info.st_size)
        if size == 0 { return try body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else {
            throw ReadError(file: url.path, reason: "cannot be mapped into memory (errno \(errno))")
        }
        defer { munmap(mapped, size) }
        return try body(UnsafeRawBufferPointer(start: mapped, count: size))
    }

    static func read(_ raw: UnsafeRawBufferPointer, file: String, releasesPages: Bool = false,
                     copyStep: Int = 32 << 20) throws(ReadError) -> IndexSnapshot {
        let body = try checkedBody(raw, file: file, releasesPages: releasesPages)
        var r = BinaryReader(body)
        r.releasesPages = releasesPages
        r.copyStep = copyStep
        do {
            return try decode(&r, version: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        } catch {
            throw ReadError(file: file, reason: "is damaged: its contents end early or are inconsistent")
        }
    }

    /// The body of a snapshot file whose magic, format version, length and checksum are right.
    /// The checksum a file's header gives, once its magic, format version and length are right.
    private static func checkedHeader(_ raw: UnsafeRawBufferPointer, file: String,
                                      versions: ClosedRange<UInt32> = formatVersion...formatVersion) throws(ReadError) -> UInt32 {
        guard raw.count >= headerSize, Array(raw[0..<8]) == magic else {
            throw ReadError(file: file, reason: raw.count < 8 ? "is empty or truncated; not a Signpost snapshot" : "is not a Signpost snapshot")
        }
        let version = raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard versions.contains(version) else {
            throw ReadError(file: file, reason: "is a snapshot in format \(version); this version of signpost reads formats \(oldestReadable) to \(formatVersion) (rebuild it with `signpost load`)")
        }
        let length = raw.loadUnaligned(fromByteOffset: 12, as: UInt64.self).littleEndian
        guard UInt64(raw.count - headerSize) == length else {
            throw ReadError(file: file, reason: "is truncated or has extra bytes: the header says \(length) bytes, the file holds \(raw.count - headerSize)")
        }
        return raw.loadUnaligned(fromByteOffset: 20, as: UInt32.self).littleEndian
    }

    private static func checkedBody(_ raw: UnsafeRawBufferPointer, file: String, releasesPages: Bool) throws(ReadError) -> UnsafeRawBufferPointer {
        let crc = try checkedHeader(raw, file: file, versions: oldestReadable...formatVersion)
        let body = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
        // The checksum in 64 MB steps, each given back once read (the file may be mapped).
        var sum: UInt32 = 0
        var at = 0
        while at < body.count {
            let end = min(at + 64 << 20, body.count)
            let chunk = UnsafeRawBufferPointer(rebasing: body[at..<end])
            sum = at == 0 ? CRC32.checksum(chunk) : CRC32.checksum(chunk, continuing: sum)
            if releasesPages { MappedPages.release(body, at..<end) }
            at = end
        }
        guard sum == crc else {
            throw ReadError(file: file, reason: "is damaged: its checksum does not match")
        }
        return body
    }

    /// The body's first fields: the metadata and the number of services.
    static func preamble(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> (metadata: SnapshotMetadata, services: Int) {
        let meta = SnapshotMetadata(builtAt: Int64(try r.int()), source: try r.string(), pipeline: try r.string())
        return (meta, Int(try r.uvarint()))
    }

    static func decode(_ r: inout BinaryReader, version: UInt32 = formatVersion) throws(BinaryReader.Truncated) -> IndexSnapshot {
        var (meta, n) = try preamble(&r)
        if version >= 3 { meta.timeZone = try r.string() }
        let ids = try r.strings()
        let store = DocumentStore(blob: try r.array(of: UInt8.self), offsets: try r.array(of: UInt64.self))
        let terms = try r.strings()
        var termIDs: [String: UInt32] = [:]
        termIDs.reserveCapacity(terms.count)
        for (i, t) in terms.enumerated() { termIDs[t] = UInt32(i) }
        let postings: CompactLists<UInt32> = try lists(&r)
        let scores = try r.floats(), fields = try r.array(of: UInt8.self)
        let surfaceKeys = try r.strings(), surfaceCounts = try r.array(of: UInt32.self)
        guard surfaceKeys.count == surfaceCounts.count else { throw .init() }
        var surface: [String: UInt32] = [:]
        surface.reserveCapacity(surfaceKeys.count)
        for (k, c) in zip(surfaceKeys, surfaceCounts) { surface[k] = c }
        let status = try r.array(of: UInt8.self)
        let located: CompactLists<UInt16> = try lists(&r), served: CompactLists<UInt16> = try lists(&r)
        let whole = try r.array(of: UInt8.self).map { $0 != 0 }
        let districts: CompactLists<UInt16> = try lists(&r)
        let districtNames = try r.strings()
        let categories: CompactLists<UInt16> = try lists(&r)
        let categoryCodes = try r.strings(), categoryNames = try r.strings()
        let languages: CompactLists<UInt16> = try lists(&r)
        let languageNames = try r.strings()
        let minAge = try r.array(of: Int16.self), maxAge = try r.array(of: Int16.self)
        let cost = try r.array(of: UInt8.self), referral = try r.array(of: UInt8.self)
        let alpha = try r.array(of: UInt32.self)
        let nameHashes = try r.array(of: UInt64.self), nameDocs = try r.array(of: UInt32.self), namePrefixes = try r.array(of: UInt64.self)
        var hours = HoursColumn()
        hours.kinds = try r.array(of: UInt8.self)
        hours.weekly = try lists(&r)
        hours.complexIndex = try r.array(of: Int32.self)
        hours.lastDay = try r.array(of: Int32.self)
        for _ in 0..<(try r.uvarint()) {
            var rules: [ScheduleRule] = [], exceptions: [ScheduleException] = []
            for _ in 0..<(try r.uvarint()) { rules.append(try ServiceCodec.decodeRule(&r)) }
            for _ in 0..<(try r.uvarint()) { exceptions.append(try ServiceCodec.decodeException(&r)) }
            hours.complex.append(_CompiledHours(OpeningHours(rules: rules, exceptions: exceptions)))
        }
        let byCategory: CompactLists<UInt32> = try lists(&r), byLocated: CompactLists<UInt32> = try lists(&r)
        let byServed: CompactLists<UInt32> = try lists(&r), byDistrict: CompactLists<UInt32> = try lists(&r)
        let wholeDocs = try r.array(of: UInt32.self)
        let wardNames = try r.strings()
        guard r.isAtEnd else { throw .init() }
        // Every per-document column has one entry per document; lists and ids are in range.
        let counts = [ids.count, store.count, status.count, located.count, served.count, whole.count, districts.count,
                      categories.count, languages.count, minAge.count, maxAge.count, cost.count, referral.count, alpha.count,
                      hours.kinds.count, hours.weekly.count, hours.complexIndex.count, hours.lastDay.count]
        guard counts.allSatisfy({ $0 == n }), postings.values.count == scores.count, scores.count == fields.count,
              postings.count == terms.count, postings.values.allSatisfy({ Int($0) < n }),
              categories.values.allSatisfy({ Int($0) < categoryCodes.count }), categoryCodes.count == categoryNames.count,
              located.values.allSatisfy({ Int($0) < wardNames.count }), served.values.allSatisfy({ Int($0) < wardNames.count }),
              districts.values.allSatisfy({ Int($0) < districtNames.count }), languages.values.allSatisfy({ Int($0) < languageNames.count }),
              hours.complexIndex.allSatisfy({ $0 < Int32(hours.complex.count) }),
              store.offsets.last.map({ Int($0) == store.blob.count }) ?? false,
              let names = ServiceNames(hashes: nameHashes, docs: nameDocs, prefixBits: namePrefixes, documentCount: n) else { throw .init() }
        hours.makeHourBits()
        var districtIDs: [String: UInt16] = [:], categoryIDs: [String: UInt16] = [:], languageIDs: [String: UInt16] = [:]
        for (i, d) in districtNames.enumerated() { districtIDs[d] = UInt16(i) }
        for (i, c) in categoryCodes.enumerated() { categoryIDs[c] = UInt16(i) }
        for (i, l) in languageNames.enumerated() { languageIDs[l.lowercased()] = UInt16(i) }
        var s = IndexSnapshot(columns: _SnapshotColumns(
            documentCount: n, ids: ids, store: store, termIDs: termIDs, terms: terms, postings: postings,
            postingScores: scores, postingFields: fields, surfaceWords: surface, status: status, locatedWards: located,
            servedWards: served, servesWholeCity: whole, districts: districts, districtNames: districtNames,
            districtIDs: districtIDs, categories: categories, categoryCodes: categoryCodes, categoryNames: categoryNames,
            categoryIDs: categoryIDs, languages: languages, languageNames: languageNames, languageIDs: languageIDs,
            minimumAge: minAge, maximumAge: maxAge, cost: cost, referral: referral, alphabeticalRank: alpha, alphabeticalOrder: IndexSnapshot.order(fromRanks: alpha),
            names: names, hours: hours,
            docsByCategory: byCategory, docsByLocatedWard: byLocated, docsByServedWard: byServed, docsByDistrict: byDistrict,
            wholeCityDocs: wholeDocs, wardNames: wardNames))
        s.metadata = meta
        return s
    }

    private static func lists<T: FixedWidthInteger & BitwiseCopyable>(_ r: inout BinaryReader) throws(BinaryReader.Truncated) -> CompactLists<T> {
        let offsets = try r.array(of: UInt32.self), values = try r.array(of: T.self)
        guard let first = offsets.first, first == 0, Int(offsets.last!) == values.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { throw .init() }
        return CompactLists(offsets: offsets, values: values)
    }
}

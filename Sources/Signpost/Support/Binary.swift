import Foundation
/// Appends values to a byte buffer in Signpost's compact binary form (LEB128 varints,
/// length-prefixed UTF-8), for the document store and snapshot files.
struct BinaryWriter {
    var bytes: [UInt8] = []
    /// When set, where the buffer goes once it is large (``spillIfLarge()``), and where large arrays
    /// go straight from their own storage: a file of any size is written through a small buffer.
    var spill: ((UnsafeRawBufferPointer) -> Void)?
    /// How large the buffer grows before it is spilled, and the size from which arrays skip it.
    var spillSize = 4 << 20

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Hands the buffer to `spill` when it has grown large.
    mutating func spillIfLarge() {
        if bytes.count >= spillSize { spillAll() }
    }

    /// Hands whatever is buffered to `spill`.
    mutating func spillAll() {
        guard let spill, !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { spill($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Raw bytes: copied into the buffer, or, when spilling and large, handed on in place.
    private mutating func raw(_ r: UnsafeRawBufferPointer) {
        if let spill, r.count >= spillSize {
            spillAll()
            spill(r)
        } else {
            bytes.append(contentsOf: r)
        }
    }

    mutating func uvarint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func int(_ v: Int) {
        // zig-zag
        uvarint(UInt64(bitPattern: Int64((v << 1) ^ (v >> 63))))
    }

    mutating func bool(_ b: Bool) { bytes.append(b ? 1 : 0) }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            uvarint(UInt64(u.count))
            bytes.append(contentsOf: u)
        }
    }

    mutating func optionalString(_ s: String?) {
        if let s { bytes.append(1); string(s) } else { bytes.append(0) }
    }

    mutating func optionalInt(_ v: Int?) {
        if let v { bytes.append(1); int(v) } else { bytes.append(0) }
    }

    mutating func double(_ d: Double) {
        var bits = d.bitPattern.littleEndian
        withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
    }

    mutating func optionalDouble(_ d: Double?) {
        if let d { bytes.append(1); double(d) } else { bytes.append(0) }
    }

    mutating func strings(_ list: [String]) {
        uvarint(UInt64(list.count))
        for s in list {
            string(s)
            if spill != nil { spillIfLarge() }
        }
    }

    /// Raw little-endian array of a fixed-width integer or float type.
    mutating func array<T: FixedWidthInteger>(_ a: [T]) {
        uvarint(UInt64(a.count))
        a.withUnsafeBytes { raw($0) }
        spillIfLarge()
    }

    mutating func floats(_ a: [Float]) {
        uvarint(UInt64(a.count))
        a.withUnsafeBytes { raw($0) }
        spillIfLarge()
    }
}

/// Reads what ``BinaryWriter`` wrote, failing (never crashing) on truncated or corrupt input.
struct BinaryReader {
    struct Truncated: Error {}

    let bytes: UnsafeRawBufferPointer
    var i: Int

    init(_ bytes: UnsafeRawBufferPointer, at offset: Int = 0) {
        self.bytes = bytes
        self.i = offset
    }

    var isAtEnd: Bool { i >= bytes.count }

    mutating func byte() throws(Truncated) -> UInt8 {
        guard i < bytes.count else { throw Truncated() }
        defer { i += 1 }
        return bytes[i]
    }

    mutating func uvarint() throws(Truncated) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return v }
            shift += 7
            guard shift < 64 else { throw Truncated() }
        }
    }

    mutating func int() throws(Truncated) -> Int {
        let u = try uvarint()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    mutating func bool() throws(Truncated) -> Bool { try byte() != 0 }

    mutating func string() throws(Truncated) -> String {
        let n = Int(try uvarint())
        guard n >= 0, n <= bytes.count - i else { throw Truncated() }
        defer { i += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<(i + n)]), as: UTF8.self)
    }

    mutating func optionalString() throws(Truncated) -> String? {
        try byte() == 0 ? nil : try string()
    }

    mutating func optionalInt() throws(Truncated) -> Int? {
        try byte() == 0 ? nil : try int()
    }

    mutating func double() throws(Truncated) -> Double {
        guard bytes.count - i >= 8 else { throw Truncated() }
        var bits: UInt64 = 0
        for k in 0..<8 { bits |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
        i += 8
        return Double(bitPattern: bits)
    }

    mutating func optionalDouble() throws(Truncated) -> Double? {
        try byte() == 0 ? nil : try double()
    }

    mutating func strings() throws(Truncated) -> [String] {
        let n = Int(try uvarint())
        guard n <= bytes.count - i else { throw Truncated() }
        var out: [String] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try string()) }
        return out
    }

    mutating func array<T: FixedWidthInteger & BitwiseCopyable>(of: T.Type) throws(Truncated) -> [T] {
        try values(Int(truncatingIfNeeded: try uvarint()), of: T.self)
    }

    /// Copies `n` values of a plain type out of the buffer. Reading a mapped file, a large column is
    /// copied in steps (`copyStep`, 32 MB) and each step's pages are given back at once, so that its source and its
    /// copy are never resident together (the 1M snapshot's document store is 700 MB).
    ///
    /// - Complexity: O(n).
    private mutating func values<T: BitwiseCopyable>(_ n: Int, of: T.Type) throws(Truncated) -> [T] {
        guard n >= 0, n <= (bytes.count - i) / max(1, MemoryLayout<T>.stride) else { throw Truncated() }
        let size = n * MemoryLayout<T>.stride
        let start = i
        let step = releasesPages ? max(copyStep, 1) : max(size, 1)
        var released = releasedUpTo
        let source = bytes, releasing = releasesPages
        let out = [T](unsafeUninitializedCapacity: n) { buf, count in
            let dest = UnsafeMutableRawBufferPointer(buf)
            var done = 0
            while done < size {
                let end = min(done + step, size)
                UnsafeMutableRawBufferPointer(rebasing: dest[done..<end])
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: source[(start + done)..<(start + end)]))
                if releasing && size >= 1 << 20 {
                    MappedPages.release(source, released..<(start + end))
                    released = start + end
                }
                done = end
            }
            count = n
        }
        i += size
        releasedUpTo = released
        return out
    }

    /// When reading a memory-mapped file: give back the pages already copied out, so that loading
    /// a large snapshot does not hold the file and its copy in memory at once.
    var releasesPages = false
    /// How much of a large column is copied before its pages are given back.
    var copyStep = 32 << 20
    private var releasedUpTo = 0

    mutating func floats() throws(Truncated) -> [Float] {
        try values(Int(truncatingIfNeeded: try uvarint()), of: Float.self)
    }
}

/// Pages of a read-only memory-mapped file that have been read and are no longer needed.
enum MappedPages {
    /// Tells the kernel the whole pages inside `range` of `buffer` (part of a private, unmodified
    /// file mapping) can be dropped; reading them again reads the file.
    static func release(_ buffer: UnsafeRawBufferPointer, _ range: Range<Int>) {
        guard let base = buffer.baseAddress, !range.isEmpty else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let start = (Int(bitPattern: base) + range.lowerBound + page - 1) / page * page
        let end = (Int(bitPattern: base) + range.upperBound) / page * page
        guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(pointer, end - start, MADV_DONTNEED)
    }
}

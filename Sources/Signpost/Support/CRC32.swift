import SignpostZlib

/// CRC-32 (IEEE 802.3, as zip and PNG compute it), by zlib.
///
/// A snapshot file's body is checked with it when written and when opened (1.4 GB for a million
/// services); zlib's implementation ran at 3.5 GB/s on the development VM, five times the
/// slicing-by-8 Swift loop it replaced (Benchmarks/HISTORY.md, 2026-12-05).
public enum CRC32 {
    /// The checksum of a buffer, continuing from `crc` (0 to start): the checksum of a file read in
    /// pieces is the same as of the whole.
    ///
    /// - Complexity: O(n).
    public static func checksum(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return crc }
        return UInt32(truncatingIfNeeded: crc32_z(UInt(crc), base.assumingMemoryBound(to: UInt8.self), bytes.count))
    }
}

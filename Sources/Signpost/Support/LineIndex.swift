/// Byte offsets of line starts in a file, for turning an offset into a line and column quickly
/// when a file has many diagnostics.
struct LineIndex {
    private var starts: [Int] = [0]
    private let bytes: UnsafeRawBufferPointer

    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        var k = 0
        for b in bytes {
            k += 1
            if b == 0x0A { starts.append(k) }
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    ///
    /// - Complexity: O(log lines + line length).
    func position(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var column = 1
        var k = starts[lo]
        let end = min(offset, bytes.count)
        while k < end {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (lo + 1, column)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte offsets of line starts in a file, for turning an offset into a line and column quickly
/// when a file has many diagnostics.
struct LineIndex {
    private var starts: [Int] = [0]
    private let bytes: UnsafeRawBufferPointer
    /// For each line longer than ``checkpointStride`` bytes on which a position was asked (a
    /// minified JSON feed is one line): the column at every stride-th byte of the line, so a
    /// position counts at most a stride of bytes instead of the line from its start.
    private var checkpoints: [Int: [Int]] = [:]
    static let checkpointStride = 4_096

    /// - Complexity: O(file length), with the C library's vectorised `memchr` finding the newlines
    ///   (a byte loop took 0.8 s over a 1.85 GB file, with the other core waiting for the table).
    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        guard let base = bytes.baseAddress else { return }
        let end = base + bytes.count
        var p = base
        while p < end, let newline = memchr(p, 0x0A, end - p) {
            p = UnsafeRawPointer(newline) + 1
            starts.append(p - base)
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    ///
    /// The search starts where the line would be if lines were of even length and gallops out from
    /// there, so a file of a million records with a warning on each does not pay a full binary
    /// search (two dozen cache misses) per warning.
    ///
    /// - Complexity: O(log distance from the guess + min(line length, 4,096)), after a first
    ///   position on a long line has counted that line once.
    mutating func position(of offset: Int) -> (line: Int, column: Int) {
        let last = starts.count - 1
        var lo = 0, hi = last
        if last > 0, bytes.count > 0 {
            let guess = min(last, max(0, Int(Double(last) * Double(offset) / Double(bytes.count))))
            var step = 1
            if starts[guess] <= offset {
                lo = guess
                while lo + step <= last && starts[lo + step] <= offset { lo += step; step *= 2 }
                hi = min(last, lo + step - 1)
            } else {
                hi = guess - 1
                while hi - step >= 0 && starts[hi - step + 1] > offset { hi -= step; step *= 2 }
                lo = max(0, hi - step + 1)
            }
        }
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        let lineStart = starts[lo]
        let end = min(offset, bytes.count)
        var column = 1, k = lineStart
        let stride = Self.checkpointStride
        if end - lineStart > stride {
            let marks = checkpoints[lo] ?? longLineCheckpoints(from: lineStart, line: lo)
            let mark = min((end - lineStart) / stride, marks.count - 1)
            column = marks[mark]
            k = lineStart + mark * stride
        }
        column += scalarStarts(from: k, to: end)
        return (lo + 1, column)
    }

    /// Counts the line once: the column at each stride-th byte from its start.
    private mutating func longLineCheckpoints(from lineStart: Int, line: Int) -> [Int] {
        let lineEnd = line + 1 < starts.count ? starts[line + 1] : bytes.count
        var marks = [1]
        var k = lineStart
        while k + Self.checkpointStride <= lineEnd {
            marks.append(marks[marks.count - 1] + scalarStarts(from: k, to: k + Self.checkpointStride))
            k += Self.checkpointStride
        }
        checkpoints[line] = marks
        return marks
    }

    /// Bytes in `from..<to` that start a Unicode scalar (are not UTF-8 continuation bytes).
    private func scalarStarts(from: Int, to: Int) -> Int {
        var n = 0, k = from
        while k < to {
            if bytes[k] & 0xC0 != 0x80 { n += 1 }
            k += 1
        }
        return n
    }
}

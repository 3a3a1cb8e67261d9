import Testing
@testable import Signpost

/// Line and column of a byte offset, as diagnostics print them: checked against counting from the
/// start of the file, for files whose lines are even, uneven, long, empty and non-ASCII.
@Suite("Line index")
struct LineIndexTests {
    func counted(_ bytes: [UInt8], _ offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for k in 0..<min(offset, bytes.count) {
            if bytes[k] == 0x0A { line += 1; column = 1 } else if bytes[k] & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    @Test func everyOffsetMatchesCountingFromTheStart() {
        var rng = SplitMix64(seed: 11)
        let shapes: [(String, () -> Int)] = [
            ("even", { 40 }),
            ("uneven", { Int(rng.next() % 200) }),
            ("mostly empty", { rng.next() % 10 == 0 ? 300 : 0 }),
            ("one long line then short ones", { 0 }),
        ]
        for (name, lineLength) in shapes {
            var bytes: [UInt8] = []
            if name.hasPrefix("one long") { bytes += [UInt8](repeating: 0x61, count: 5_000) + [0x0A] }
            for _ in 0..<400 {
                for _ in 0..<lineLength() { bytes += rng.next() % 7 == 0 ? Array("é".utf8) : [0x61] }
                bytes.append(0x0A)
            }
            bytes.withUnsafeBytes { raw in
                var index = LineIndex(bytes: raw)
                for offset in Swift.stride(from: 0, through: bytes.count, by: 3) {
                    let got = index.position(of: offset), want = counted(bytes, offset)
                    #expect(got.line == want.line && got.column == want.column, "\(name): offset \(offset)")
                }
            }
        }
    }

    /// A minified feed is one long line: columns come from checkpoints every 4,096 bytes, asked in
    /// any order, across the checkpoints and in the part after the last one.
    @Test func aMinifiedFileOfOneLongLine() {
        var rng = SplitMix64(seed: 5)
        var bytes: [UInt8] = []
        while bytes.count < 30_000 { bytes += rng.next() % 5 == 0 ? Array("€".utf8) : [0x7B] }
        bytes += [0x0A] + Array("after".utf8)
        var offsets = Array(Swift.stride(from: 0, through: bytes.count, by: 5))
        offsets += (1...7).flatMap { k in [k * 4_096 - 1, k * 4_096, k * 4_096 + 1] }
        offsets.shuffle(using: &rng)
        bytes.withUnsafeBytes { raw in
            var index = LineIndex(bytes: raw)
            for offset in offsets {
                let got = index.position(of: offset), want = counted(bytes, offset)
                #expect(got.line == want.line && got.column == want.column, "offset \(offset)")
            }
        }
    }

    @Test func aFileWithoutNewlinesOrEmpty() {
        for text in ["", "abc"] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBytes { raw in
                var index = LineIndex(bytes: raw)
                for offset in 0...bytes.count { #expect(index.position(of: offset) == counted(bytes, offset)) }
            }
        }
    }
}

/// Lower-cased UTF-8 bytes of a text, for fast substring tests in importers' classifiers
/// (Foundation's `contains` bridges through NSString and dominated import time).
struct ByteText {
    let bytes: [UInt8]

    init(_ text: String) {
        bytes = text.utf8.map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 | 0x20 : $0 }
    }

    /// Whether the text contains `needle` (given in lower case).
    func contains(_ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n <= bytes.count else { return false }
        let p = needle.utf8Start
        let first = p[0]
        return bytes.withUnsafeBufferPointer { hay in
            var i = 0
            let last = hay.count - n
            while i <= last {
                if hay[i] == first {
                    var k = 1
                    while k < n && hay[i + k] == p[k] { k += 1 }
                    if k == n { return true }
                }
                i += 1
            }
            return false
        }
    }

    /// Whether it contains any of the needles.
    func containsAny(_ needles: [StaticString]) -> Bool {
        for n in needles where contains(n) { return true }
        return false
    }

    var isEmpty: Bool { bytes.isEmpty }

    func hasPrefix(_ p: StaticString) -> Bool {
        let n = p.utf8CodeUnitCount
        guard n <= bytes.count else { return false }
        for k in 0..<n where bytes[k] != p.utf8Start[k] { return false }
        return true
    }
}

extension StringProtocol {
    /// The string without leading and trailing white space (ASCII white space checked without Foundation).
    var trimmed: String {
        let u = utf8
        guard let first = u.first, let lastCharacter = self.last else { return "" }
        func space(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        if !space(first) && first < 0x80, let last = lastCharacter.asciiValue, !space(last) { return String(self) }
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

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
    /// The string without leading and trailing white space (by characters). When the ends are
    /// ASCII after ASCII white space, that is found in the bytes; otherwise (a no-break space, a
    /// combining accent) it takes the slower way.
    ///
    /// - Complexity: O(n) in the white space at the ends, plus the copy.
    var trimmed: String {
        let text = Substring(self), u = text.utf8
        func space(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, space(u[lo]) { lo = u.index(after: lo) }
        while lo < hi, space(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        guard lo < hi else { return "" }
        if u[lo] < 0x80 && u[u.index(before: hi)] < 0x80 { return String(text[lo..<hi]) }
        // A non-ASCII character at an end: by characters, from the start (a space may begin a
        // character, ` ́` with a combining accent, which is not white space as a whole).
        var scalars = text
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension StringProtocol {
    /// Whether the text is one or more ASCII digits and nothing else (`15`; not `15yo`, `١٥` or empty),
    /// read by bytes (as `Character`s, grapheme breaking cost more than the test).
    @inline(__always)
    var isASCIIDigits: Bool { !isEmpty && utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    /// The parts between `separator`s, without surrounding white space, blank ones left out:
    /// `"Food; Advice; "` → `["Food", "Advice"]`. Split on the byte, without grapheme breaking
    /// (an ASCII byte is never inside a multi-byte scalar; a combining mark straight after the
    /// separator is kept with the next part rather than joined to the separator).
    ///
    /// - Complexity: O(n) in the length of the string.
    func trimmedParts(separatedBy separator: Unicode.Scalar) -> [String] {
        precondition(separator.isASCII, "the separator must be an ASCII character")
        let cut = UInt8(separator.value), u = utf8
        var parts: [String] = []
        var start = u.startIndex, i = start
        while true {
            let atEnd = i == u.endIndex
            if atEnd || u[i] == cut {
                let part = self[start..<i].trimmed
                if !part.isEmpty { parts.append(part) }
                if atEnd { return parts }
                i = u.index(after: i)
                start = i
            } else {
                i = u.index(after: i)
            }
        }
    }
}

extension String {
    /// Whether the text's UTF-8 holds `byte` (an ASCII byte, which is never part of another
    /// character's encoding), read from its contiguous storage where it has one.
    ///
    /// (On the query path: the generic `utf8.contains` walked the view a code unit at a time, some
    /// 200 instructions for a search term of twenty letters, counted by callgrind.)
    /// - Complexity: O(n) bytes.
    @inline(__always)
    func containsASCII(_ byte: UInt8) -> Bool { utf8Contains { $0 == byte } }

    /// Whether the text holds an ASCII digit, read as ``containsASCII(_:)`` reads.
    @inline(__always)
    var containsASCIIDigit: Bool { utf8Contains { $0 >= 0x30 && $0 <= 0x39 } }

    /// Whether a UTF-8 byte of the text satisfies `test`: from its contiguous storage where it has
    /// one, else through the view.
    @inline(__always)
    private func utf8Contains(where test: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.contains(where: test) } ?? utf8.contains(where: test)
    }

    /// Whether the first character is a number (`Character.isNumber`), told from the first byte
    /// when it is ASCII: only the digits are numbers there. (`first?.isNumber` made a `Character`,
    /// breaking graphemes, and looked up a Unicode property, for every pair of words a question has.)
    @inline(__always)
    var startsWithNumber: Bool {
        guard let b = firstByte else { return false }
        if b < 0x80 { return b >= 0x30 && b <= 0x39 }
        return first?.isNumber == true
    }
}

extension StringProtocol {
    /// The first byte of the text's UTF-8 (nil when empty), read by the view's iterator, which is
    /// inlined: `utf8.first` went through the collection's generic `first`, out of line, some 25
    /// instructions for each of the three dozen words a question's parse looks at this way.
    @inline(__always)
    var firstByte: UInt8? {
        var bytes = utf8.makeIterator()
        return bytes.next()
    }
}

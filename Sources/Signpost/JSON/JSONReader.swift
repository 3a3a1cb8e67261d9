import Foundation

/// A JSON syntax error with its position.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// 1-based line and column (column counted in characters).
    public var line: Int
    public var column: Int
    public var byteOffset: Int
    public var reason: String
    /// The text is well-formed JSON, but not in the shape of a directory (an object without a list of
    /// services): not "malformed".
    public var wellFormed = false
}

/// A small, fast JSON reader (RFC 8259) that records each value's position.
///
/// Foundation's `JSONSerialization` says *that* a file is malformed but not where each value is;
/// directory diagnostics need `file:line:column` for every field, so this reader keeps offsets.
/// It streams the records of a directory file (a top-level array, or the `contents` array of an
/// ORUK page) one at a time, so a national-size file is never held as one tree.
public struct JSONReader: ~Copyable {
    private let bytes: UnsafeRawBufferPointer
    private var i: Int = 0
    private let maxDepth = 512

    /// Reads from a buffer that must outlive the reader.
    public init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is allowed and skipped.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
    }

    /// Parses a whole document.
    public mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipSpace()
        let value = try parseValue(depth: 0)
        skipSpace()
        guard i == bytes.count else { throw error("unexpected \(describeByte()) after the end of the JSON value") }
        return value
    }

    /// How a file's records are laid out.
    public enum Layout: Sendable, Equatable {
        /// A top-level array of records.
        case array
        /// An ORUK page: an object with a `contents` array.
        case page
    }

    /// Streams the records of a directory file: the elements of a top-level array, or of the
    /// `contents` array of a top-level object. Other members of a page object are parsed and ignored.
    ///
    /// - Parameter record: called with each element's index, value and byte range, in order.
    /// - Returns: the layout found.
    /// - Throws: `JSONSyntaxError` at the first syntax error (records before it have been delivered),
    ///   or a syntax-shaped error when the file is neither an array nor a page.
    @discardableResult
    public mutating func forEachRecord(_ record: (Int, JSONValue, Range<Int>) throws -> Void) throws -> Layout {
        var index = 0
        while let range = try nextRecord() {
            try record(index, try Self.parseRecord(bytes, range), range)
            index += 1
        }
        return layout
    }

    /// The byte range of the next record (an element of the top-level array, or of a page's
    /// `contents`), or nil after the last. Records are found by their structure only (strings
    /// closed, brackets matched), which is several times faster than parsing them; each is then
    /// parsed strictly with ``parseRecord(_:_:)``, on any thread.
    ///
    /// - Throws: `JSONSyntaxError` when the file's structure is broken; the error is the one a full
    ///   parse gives, at the same line and column. An error just after a record is thrown by the
    ///   call after the one that returned the record.
    public mutating func nextRecord() throws(JSONSyntaxError) -> Range<Int>? {
        if let deferred = deferredError { throw deferred }
        do { return try advance() } catch {
            // Once broken, the stream stays at its first error.
            phase = .finished
            deferredError = error
            throw error
        }
    }

    private mutating func advance() throws(JSONSyntaxError) -> Range<Int>? {
        switch phase {
        case .start:
            try openRecords()
            return try advance()
        case .finished:
            return nil
        case .firstElement, .nextElement:
            skipSpace()
            if phase == .firstElement, peek() == UInt8(ascii: "]") {
                i += 1
                try closeRecords()
                return nil
            }
            let start = i
            guard skipValue() else {
                // Let the strict parser say what is wrong, and where.
                i = start
                _ = try parseValue(depth: 1)
                throw error("the file ends inside a value (is it truncated?)")
            }
            let range = start..<i
            skipSpace()
            do throws(JSONSyntaxError) {
                if peek() == UInt8(ascii: ",") {
                    i += 1
                    phase = .nextElement
                } else {
                    try expect(UInt8(ascii: "]"))
                    try closeRecords()
                }
            } catch {
                phase = .finished
                deferredError = error
            }
            return range
        }
    }

    /// How the file's records are laid out (known once the first record has been asked for).
    public private(set) var layout: Layout = .array
    private var phase = Phase.start
    private var sawContents = false
    /// A member `id` or `name` at the top: a single service given where a list is wanted.
    private var sawServiceMember = false
    private var deferredError: JSONSyntaxError?
    private var closers: [UInt8] = []

    private enum Phase { case start, firstElement, nextElement, finished }

    /// Moves to the first record: past `[`, or through a page's members to its `contents` array.
    private mutating func openRecords() throws(JSONSyntaxError) {
        skipSpace()
        guard i < bytes.count else { throw error("the file is empty; expected a JSON array of services or an object with \"contents\"") }
        if bytes[i] == UInt8(ascii: "[") {
            i += 1
            layout = .array
            phase = .firstElement
            return
        }
        guard bytes[i] == UInt8(ascii: "{") else {
            if i + 1 < bytes.count, (bytes[i] == 0xFF && bytes[i + 1] == 0xFE) || (bytes[i] == 0xFE && bytes[i + 1] == 0xFF)
                || (bytes[i] == UInt8(ascii: "[") || bytes[i] == UInt8(ascii: "{")) == false && bytes[i + 1] == 0 {
                throw error("the file is UTF-16; JSON must be UTF-8 (save or export it as UTF-8)")
            }
            throw error("expected a JSON array of services or an object with \"contents\", found \(describeByte())")
        }
        i += 1
        layout = .page
        if try pageMembers(afterValue: false) { phase = .firstElement } else { try endOfPage() }
    }

    /// After the last record's `]`: the rest of the document.
    private mutating func closeRecords() throws(JSONSyntaxError) {
        phase = .finished
        if layout == .page {
            if try pageMembers(afterValue: true) { return }  // not reached: only the first `contents` streams
            try endOfPage()
            return
        }
        skipSpace()
        guard i == bytes.count else { throw error("unexpected \(describeByte()) after the end of the array") }
    }

    /// Reads a page object's members (parsing and ignoring all but the first `contents` array),
    /// from just after `{` or just after a member's value. Returns true when positioned just inside
    /// `contents`, false after the closing `}`.
    private mutating func pageMembers(afterValue: Bool) throws(JSONSyntaxError) -> Bool {
        var afterValue = afterValue
        if !afterValue {
            skipSpace()
            if peek() == UInt8(ascii: "}") { i += 1; return false }
        }
        while true {
            if afterValue {
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1 } else {
                    try expect(UInt8(ascii: "}"))
                    return false
                }
            }
            skipSpace()
            guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes, found \(describeByte())") }
            let key = try parseString()
            skipSpace()
            try expect(UInt8(ascii: ":"))
            skipSpace()
            // (`{"services": [...]}`, as other APIs wrap a list, is read as a page's `contents` is: it was
            // "malformed JSON"; so is ORUK version 1's `{"content": [...]}`, a Spring page of its API.)
            if key == "contents" || key == "services" || key == "content", peek() == UInt8(ascii: "["), !sawContents {
                sawContents = true
                i += 1
                return true
            }
            if key == "id" || key == "name" { sawServiceMember = true }
            _ = try parseValue(depth: 1)
            afterValue = true
        }
    }

    private mutating func endOfPage() throws(JSONSyntaxError) {
        phase = .finished
        skipSpace()
        guard i == bytes.count else { throw error("unexpected \(describeByte()) after the end of the object") }
        guard sawContents else {
            var shape = error(sawServiceMember ? "the object is one service, not a list of them; put it in [ ] (a JSON array)"
                                               : "the object has no \"contents\" (nor \"content\" or \"services\") array of services")
            shape.wellFormed = true
            throw shape
        }
    }

    /// Moves past one value by its structure alone: strings closed, brackets matched and not nested
    /// too deep, a value starting where one may. Returns false (position undefined) where a strict
    /// parse fails too.
    ///
    /// - Complexity: O(length of the value), a few instructions per byte.
    private mutating func skipValue() -> Bool {
        closers.removeAll(keepingCapacity: true)
        let n = bytes.count
        guard i < n else { return false }
        switch bytes[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: "\""), UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"),
             UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): break
        default: return false
        }
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                i += 1
                while i < n {
                    let c = bytes[i]
                    if c == UInt8(ascii: "\"") { break }
                    i += c == UInt8(ascii: "\\") ? 2 : 1
                }
                guard i < n else { return false }
                i += 1
                if closers.isEmpty { return true }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard closers.count + 1 < maxDepth else { return false }
                closers.append(b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]"))
                i += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard closers.last == b else { return false }
                closers.removeLast()
                i += 1
                if closers.isEmpty { return true }
            default:
                if closers.isEmpty {
                    // A number or literal: up to the next delimiter.
                    while i < n {
                        switch bytes[i] {
                        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), 0x20, 0x0A, 0x0D, 0x09: return true
                        default: i += 1
                        }
                    }
                    return true
                }
                i += 1
            }
        }
        return false
    }

    /// Parses one record strictly, from a range ``nextRecord()`` returned; offsets and error
    /// positions are the file's.
    public static func parseRecord(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) throws(JSONSyntaxError) -> JSONValue {
        var reader = JSONReader(bytes: bytes)
        reader.i = range.lowerBound
        let value = try reader.parseValue(depth: 1)
        if reader.i != range.upperBound {
            // What a parse of the whole array says: something other than ',' or ']' follows the value.
            reader.skipSpace()
            try reader.expect(UInt8(ascii: "]"))
            throw reader.error("unexpected \(reader.describeByte()) after a record")
        }
        return value
    }

    // MARK: - Values

    private mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard depth < maxDepth else { throw error("values are nested more than \(maxDepth) deep") }
        guard i < bytes.count else { throw error("the file ends where a value was expected (is it truncated?)") }
        let start = i
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [(key: String, value: JSONValue)] = []
            skipSpace()
            if peek() == UInt8(ascii: "}") { i += 1; return JSONValue(.object(members), offset: start) }
            while true {
                skipSpace()
                guard peek() == UInt8(ascii: "\"") else {
                    throw error(i >= bytes.count ? "the file ends inside an object (is it truncated?)"
                                                 : "expected a member name in quotes, found \(describeByte())")
                }
                let key = try parseString()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                skipSpace()
                let value = try parseValue(depth: depth + 1)
                members.append((key, value))
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "}"))
                return JSONValue(.object(members), offset: start)
            }
        case UInt8(ascii: "["):
            i += 1
            var elements: [JSONValue] = []
            skipSpace()
            if peek() == UInt8(ascii: "]") { i += 1; return JSONValue(.array(elements), offset: start) }
            while true {
                skipSpace()
                elements.append(try parseValue(depth: depth + 1))
                skipSpace()
                if peek() == UInt8(ascii: ",") { i += 1; continue }
                try expect(UInt8(ascii: "]"))
                return JSONValue(.array(elements), offset: start)
            }
        case UInt8(ascii: "\""):
            return JSONValue(.string(try parseString()), offset: start)
        case UInt8(ascii: "t"):
            try literal("true"); return JSONValue(.bool(true), offset: start)
        case UInt8(ascii: "f"):
            try literal("false"); return JSONValue(.bool(false), offset: start)
        case UInt8(ascii: "n"):
            try literal("null"); return JSONValue(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try parseNumber()
        default:
            throw error("expected a value, found \(describeByte())")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw error("the file ends inside a literal (is it truncated?)") }
        for k in 0..<n where bytes[i + k] != word.utf8Start[k] {
            throw error("expected \(word), found \(describeByte(at: i))")
        }
        i += n
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> JSONValue {
        let start = i
        if peek() == UInt8(ascii: "-") { i += 1 }
        guard let first = peek(), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else {
            throw error("a number needs digits after '-'")
        }
        if first == UInt8(ascii: "0") { i += 1 } else { skipDigits() }
        if peek() == UInt8(ascii: ".") {
            i += 1
            guard let d = peek(), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { throw error("a number needs digits after '.'") }
            skipDigits()
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            i += 1
            if let s = peek(), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { i += 1 }
            guard let d = peek(), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { throw error("a number needs digits in its exponent") }
            skipDigits()
        }
        let literal = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        guard let value = Double(literal) else { throw error("\(literal) is not a number", at: start) }
        return JSONValue(.number(value, literal: literal), offset: start)
    }

    private mutating func skipDigits() {
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") { i += 1 }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = i
        i += 1
        // Fast path: no escapes.
        var j = i
        var high: UInt8 = 0  // any byte ≥ 0x80 sets the top bit
        while j < bytes.count {
            let b = bytes[j]
            if b == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[i..<j])
                i = j + 1
                // ASCII is valid UTF-8 as it stands; the decoding initialiser's check of it is a
                // fraction of the generic validating one's (which was 6 % of reading a large file).
                if high < 0x80 { return String(decoding: raw, as: UTF8.self) }
                return try validUTF8(raw, at: start)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("a string contains an unescaped control character (U+\(String(format: "%04X", b)))", at: j) }
            high |= b
            j += 1
        }
        guard j < bytes.count else { throw error("the file ends inside a string (is it truncated?)", at: start) }
        var out: [UInt8] = Array(UnsafeRawBufferPointer(rebasing: bytes[i..<j]))
        i = j
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                guard let text = String(validating: out, as: UTF8.self) else { throw notUTF8(at: start) }
                return text
            }
            if b < 0x20 { throw error("a string contains an unescaped control character (U+\(String(format: "%04X", b)))") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { break }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        if (0xDC00..<0xE000).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else { scalar = 0xFFFD }
                    } else { scalar = 0xFFFD }
                } else if (0xDC00..<0xE000).contains(scalar) { scalar = 0xFFFD }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8))
            default:
                throw error("\\\(Character(Unicode.Scalar(e))) is not a JSON escape", at: i - 2)
            }
        }
        throw error("the file ends inside a string (is it truncated?)", at: start)
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw error("the file ends inside a \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw error("\\u must be followed by four hex digits")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private func validUTF8(_ raw: UnsafeRawBufferPointer, at offset: Int) throws(JSONSyntaxError) -> String {
        guard let s = String(validating: raw.bindMemory(to: UInt8.self), as: UTF8.self) else { throw notUTF8(at: offset) }
        return s
    }

    private func notUTF8(at offset: Int) -> JSONSyntaxError {
        error("a string is not valid UTF-8 (is the file in another encoding, such as Windows-1252?)", at: offset)
    }

    // MARK: - Helpers

    private func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    private mutating func expect(_ b: UInt8) throws(JSONSyntaxError) {
        guard i < bytes.count else {
            throw error("the file ends where '\(Character(Unicode.Scalar(b)))' was expected (is it truncated?)")
        }
        guard bytes[i] == b else { throw error("expected '\(Character(Unicode.Scalar(b)))', found \(describeByte())") }
        i += 1
    }

    private func describeByte(at index: Int? = nil) -> String {
        let k = index ?? i
        guard k < bytes.count else { return "the end of the file" }
        let b = bytes[k]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return String(format: "byte 0x%02X", b)
    }

    private func error(_ reason: String, at offset: Int? = nil) -> JSONSyntaxError {
        let o = min(offset ?? i, bytes.count)
        let (line, column) = TextPosition.lineAndColumn(of: o, in: bytes)
        return JSONSyntaxError(line: line, column: column, byteOffset: o, reason: reason)
    }
}

/// Converts byte offsets to 1-based line and column numbers.
public enum TextPosition {
    /// Line and column (in Unicode scalars) of a byte offset.
    ///
    /// - Complexity: O(offset); diagnostics are rare, so nothing is precomputed.
    public static func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (Int, Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var k = 0
        while k < end {
            if bytes[k] == 0x0A { line += 1; lineStart = k + 1 }
            k += 1
        }
        var column = 1
        k = lineStart
        while k < end {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return (line, column)
    }
}

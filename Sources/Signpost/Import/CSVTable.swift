import Foundation

/// A CSV file read as records of fields, each field with its line and column, following RFC 4180:
/// comma-separated (or `;`, or tab), double-quoted fields may hold commas, quotes (doubled) and line
/// breaks; CRLF or LF line ends; a UTF-8 byte-order mark is skipped, and UTF-16 with its mark is read.
///
/// Written here rather than taken from a CSV library because a hub worker's report needs the line
/// and column of every field and of every malformed quote; the mirrored CSV library gives neither
/// (it silently keeps a stray quote and an unterminated field). `Benchmarks/` compares their speed.
public struct CSVTable: Sendable {
    /// One field as written.
    public struct Field: Sendable {
        public var value: String
        public var line: Int
        public var column: Int
    }

    /// One record (usually one line; more when a quoted field holds a line break).
    public struct Record: Sendable {
        public var fields: [Field]
        /// The line the record starts on (1-based).
        public var line: Int
        /// The record as it was written (for a rejects file).
        public var source: String
        /// The line the record ends on: later than `line` when a quoted field holds line breaks (or a
        /// quote left open took in the lines after it).
        public var lastLine: Int { line + source.utf8.count { $0 == 0x0A } }
    }

    /// A problem in the CSV syntax itself.
    public struct Problem: Sendable {
        public var line: Int
        public var column: Int
        public var reason: String
        /// The field of its record it is in (0-based).
        public var field: Int = 0
        /// The field was read as written (a stray quote) or nearly (text after a closing quote): the
        /// record's fields are where they should be, so it can be kept, with a warning.
        public var fieldKept = false
    }

    public var records: [Record] = []
    public var problems: [Problem] = []
    /// The text encoding the file was read in: "UTF-8", "UTF-16LE" or "UTF-16BE" (by the byte-order
    /// mark Excel's "Unicode text" writes), or "Windows-1252" when it was none of these.
    public var encoding: String = "UTF-8"
    /// What could not be decoded in a UTF-16 file (an odd last byte, unpaired surrogates), in words.
    public var encodingProblem: String?
    /// Bytes of a UTF-8 file that are not UTF-8 (a cell pasted from a Windows program), each read as the
    /// Windows-1252 character it would be, where it is in the file (line, column in characters).
    public var strayBytes: [(line: Int, column: Int, byte: UInt8, readAs: Character)] = []
    /// The file was UTF-8 made into UTF-8 again (opened as Windows-1252 and saved as UTF-8: `Café` written
    /// `CafÃ©`), and was read as the text it was; one word as it was written, and as read.
    public var convertedTwice: (written: String, read: String)?
    /// The character between fields.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// The delimiter in words, for messages ("comma", "semicolon", "tab").
    public var delimiterName: String {
        switch delimiter {
        case UInt8(ascii: ","): return "comma"
        case UInt8(ascii: ";"): return "semicolon"
        case 0x09: return "tab"
        default: return "\"\(Character(Unicode.Scalar(delimiter)))\""
        }
    }

    /// Reads CSV text from bytes; bytes that are not UTF-8 are read as Windows-1252 (what Excel
    /// writes on Windows), and that is recorded in `encoding`.
    ///
    /// - Parameter delimiter: the character between fields, or nil to take whichever of comma,
    ///   semicolon (Excel where the decimal mark is a comma) and tab the first line has most of.
    public init(bytes: [UInt8], delimiter: UInt8? = UInt8(ascii: ",")) {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var text: [UInt8]
        if bytes.count >= 2 && ((bytes[0], bytes[1]) == (0xFF, 0xFE) || (bytes[0], bytes[1]) == (0xFE, 0xFF)) {
            let little = bytes[0] == 0xFF
            encoding = little ? "UTF-16LE" : "UTF-16BE"
            var units: [UInt16] = []
            units.reserveCapacity(bytes.count / 2)
            var k = 2
            while k + 1 < bytes.count {
                units.append(little ? UInt16(bytes[k]) | UInt16(bytes[k + 1]) << 8 : UInt16(bytes[k]) << 8 | UInt16(bytes[k + 1]))
                k += 2
            }
            var scalars = String.UnicodeScalarView(), decoder = UTF16(), iterator = units.makeIterator(), unpaired = 0
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let v): scalars.append(v)
                case .error: unpaired += 1; scalars.append("\u{FFFD}")
                case .emptyInput: break decoding
                }
            }
            var problems: [String] = []
            if unpaired > 0 { problems.append("\(unpaired) unpaired UTF-16 surrogate\(unpaired == 1 ? " was" : "s were") read as \u{FFFD}") }
            if bytes.count % 2 == 1 { problems.append("the file ends in half a character (an odd number of bytes); the last byte was dropped") }
            encodingProblem = problems.isEmpty ? nil : problems.joined(separator: "; ")
            text = Array(String(scalars).utf8)
        } else if String(validating: bytes[start...], as: UTF8.self) != nil {
            text = Array(bytes[start...])
            // (Only a file with the marks of it: `Ã` or `Â` or `â` written as UTF-8, C3 83, C3 82, C3 A2.)
            if let undone = Self.undoingDoubleEncoding(text) {
                convertedTwice = Self.example(written: text, read: undone)
                text = undone
            }
        } else if let mixed = Self.utf8WithStrayBytes(bytes[start...]) {
            // UTF-8 with a few bytes that are not (one pasted dash read the whole file as Windows-1252,
            // every accented letter of it made nonsense): only those bytes are read as Windows-1252.
            text = mixed.text
            strayBytes = mixed.strays
        } else {
            encoding = "Windows-1252"
            text = Array(Self.windows1252(bytes[start...]).utf8)
        }
        self.delimiter = delimiter ?? Self.likelyDelimiter(text)
        parse(text, delimiter: self.delimiter)
        // Excel's `sep=;` line names the separator; it is not the header.
        if delimiter == nil, Self.separatorLine(text) != nil, !records.isEmpty { records.removeFirst() }
    }

    /// Excel's optional first line `sep=X`, which names the separator.
    static func separatorLine(_ text: [UInt8]) -> UInt8? {
        guard text.count >= 5, text.starts(with: Array("sep=".utf8)) else { return nil }
        let d = text[4]
        guard d == UInt8(ascii: ",") || d == UInt8(ascii: ";") || d == 0x09 || d == UInt8(ascii: "|"),
              text.count == 5 || text[5] == 0x0A || text[5] == 0x0D else { return nil }
        return d
    }

    /// Comma, semicolon or tab: the one Excel's `sep=X` first line names, else whichever the first
    /// line that is not blank has most of outside quotes (comma on a tie).
    static func likelyDelimiter(_ text: [UInt8]) -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]
        if let sep = separatorLine(text) { return sep }
        // The first line with two or more of one decides (the header row: id, name and more); a title
        // above it (`Leeds directory - December update`, `Leeds, weekly update`) has fewer, and decided
        // for a semicolon-separated file that it was one column.
        func best(_ counts: [Int]) -> Int { counts.indices.max { counts[$0] < counts[$1] || (counts[$0] == counts[$1] && $0 > $1) }! }
        var first: [Int]? = nil, line = [0, 0, 0]
        var quoted = false
        var started = false, lines = 0
        for c in text {
            if c == UInt8(ascii: "\"") { quoted.toggle() }
            if !quoted && (c == 0x0A || c == 0x0D) {
                if started {
                    if first == nil { first = line }
                    if line[best(line)] >= 2 { return candidates[best(line)] }
                    line = [0, 0, 0]
                    started = false
                    lines += 1
                    if lines == 10 { break }
                }
                continue
            }
            if c != 0x20 { started = true }
            if !quoted, let k = candidates.firstIndex(of: c) { line[k] += 1 }
        }
        if line[best(line)] >= 2 { return candidates[best(line)] }
        let counts = first ?? line
        return counts[best(counts)] > 0 ? candidates[best(counts)] : candidates[0]
    }

    public init(text: String) {
        self.init(bytes: Array(text.utf8))
    }

    private mutating func parse(_ text: [UInt8], delimiter: UInt8) {
        text.withUnsafeBufferPointer { parse($0, delimiter: delimiter) }
    }

    /// - Complexity: O(n) in the length of the text; a field's bytes are copied into its value (a
    ///   field with doubled quotes once more, to undouble them) and each record's into its `source`.
    private mutating func parse(_ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")
        var i = 0
        var line = 1
        var lineStart = 0
        let n = b.count
        // Columns count characters, not bytes; counted on from the last position asked about on
        // the same line, so a row costs its length, not its length times its fields.
        var countedTo = 0, countedColumn = 1, countedLineStart = -1
        func column(_ k: Int) -> Int {
            if countedLineStart != lineStart || k < countedTo {
                countedLineStart = lineStart; countedTo = lineStart; countedColumn = 1
            }
            var j = countedTo, c = countedColumn
            while j < k { if b[j] & 0xC0 != 0x80 { c += 1 }; j += 1 }
            countedTo = k; countedColumn = c
            return c
        }
        func string(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) }
        // A quoted field with doubled quotes or text after its closing quote is built here.
        var escaped: [UInt8] = []
        while i < n {
            var fields: [Field] = []
            let recordLine = line
            let recordStart = i
            var endOfRecord = false
            while !endOfRecord {
                let fieldLine = line, fieldColumn = column(i)
                let value: String
                if i < n && b[i] == quote {
                    i += 1
                    let start = i
                    var closed = false, doubled = false
                    escaped.removeAll(keepingCapacity: true)
                    while i < n {
                        let c = b[i]
                        if c == quote {
                            if i + 1 < n && b[i + 1] == quote {
                                if !doubled { doubled = true; escaped.append(contentsOf: b[start..<i]) }
                                escaped.append(quote)
                                i += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if c == lf { line += 1; lineStart = i + 1 }
                        if doubled { escaped.append(c) }
                        i += 1
                    }
                    let end = i
                    if closed { i += 1 }
                    if !closed {
                        problems.append(Problem(line: fieldLine, column: fieldColumn,
                                                reason: "a quoted field is never closed (the file may be truncated, or a quote is missing)",
                                                field: fields.count))
                    } else if i < n && b[i] != delimiter && b[i] != lf && b[i] != cr {
                        // Text after the closing quote: keep it, and say so.
                        problems.append(Problem(line: line, column: column(i),
                                                reason: "has text after a closing quote; it was read as one value without the quotes",
                                                field: fields.count, fieldKept: true))
                        if !doubled { doubled = true; escaped.append(contentsOf: b[start..<end]) }
                        while i < n && b[i] != delimiter && b[i] != lf && b[i] != cr { escaped.append(b[i]); i += 1 }
                    }
                    value = doubled ? String(decoding: escaped, as: UTF8.self) : string(start..<end)
                } else {
                    let start = i
                    while i < n {
                        let c = b[i]
                        if c == delimiter || c == lf || c == cr { break }
                        if c == quote {
                            problems.append(Problem(line: line, column: column(i),
                                                    reason: "has a quote inside a value that is not in quotes; it was kept as written",
                                                    field: fields.count, fieldKept: true))
                        }
                        i += 1
                    }
                    value = string(start..<i)
                }
                fields.append(Field(value: value, line: fieldLine, column: fieldColumn))
                if i < n && b[i] == delimiter {
                    i += 1
                    if i == n { fields.append(Field(value: "", line: line, column: column(i))); endOfRecord = true }
                } else {
                    if i < n && b[i] == cr { i += 1 }
                    if i < n && b[i] == lf { i += 1 }
                    line += 1
                    lineStart = i
                    endOfRecord = true
                }
            }
            var sourceEnd = i
            while sourceEnd > recordStart && (b[sourceEnd - 1] == lf || b[sourceEnd - 1] == cr) { sourceEnd -= 1 }
            // A blank line is not a record.
            if fields.count == 1 && fields[0].value.isEmpty { continue }
            records.append(Record(fields: fields, line: recordLine, source: string(recordStart..<sourceEnd)))
        }
    }

    /// Splits a record that a quote left open took the lines after it into (a quoted field that runs past
    /// the end of its line, closed by the next quote in the file): when the record has not the fields it
    /// should, its first line alone leaves a quote open, and the lines after it read as records that each
    /// `fits` (has the header's fields), the first line becomes a record of its own, with the quote said
    /// to be unclosed there, and the others are those records. Otherwise the record is left as it was.
    /// A row after a missing closing quote was read as part of the row before, rejected with it, and
    /// taken out of the live directory.
    ///
    /// - Parameters:
    ///   - first: the first record that may be split (the one after the header).
    ///   - fits: whether a record has the fields a row should (the header's width).
    /// - Complexity: O(size of the records split); the others are only tested by `fits`.
    public mutating func splitRunOnQuotes(from first: Int, fits: (Record) -> Bool) {
        var k = first
        while k < records.count {
            // (A record that has the header's fields, line breaks in a quoted value or not, is left alone: told
            // first, as its last line is counted through its text.)
            guard !fits(records[k]) else { k += 1; continue }
            let record = records[k]
            let last = record.lastLine
            guard last > record.line, let newline = record.source.utf8.firstIndex(of: 0x0A) else { k += 1; continue }
            let head = CSVTable(bytes: Array(record.source.utf8[..<newline]), delimiter: delimiter)
            let tail = CSVTable(bytes: Array(record.source.utf8[record.source.utf8.index(after: newline)...]), delimiter: delimiter)
            // (Only when its own line opens a quote it does not close, and the lines after read as rows.)
            guard head.records.count == 1, head.problems.contains(where: { !$0.fieldKept }), !tail.records.isEmpty,
                  tail.problems.allSatisfy(\.fieldKept), tail.records.allSatisfy(fits) else { k += 1; continue }
            func moved(_ r: Record, by lines: Int) -> Record {
                var r = r
                r.line += lines
                for f in r.fields.indices { r.fields[f].line += lines }
                return r
            }
            let after = tail.records.map { moved($0, by: record.line) }
            let rest = after.count == 1 ? "line \(after[0].line) after it was read as a row of its own"
                : "lines \(after[0].line)-\(after.last!.line) after it were read as rows of their own"
            problems.removeAll { (record.line...last).contains($0.line) }
            for var p in head.problems {
                p.line += record.line - 1
                if !p.fieldKept { p.reason = "a quoted field is not closed on its line (is a closing quote missing?); \(rest)" }
                problems.append(p)
            }
            for var p in tail.problems { p.line += record.line; problems.append(p) }
            records.replaceSubrange(k...k, with: [moved(head.records[0], by: record.line - 1)] + after)
            k += 1 + after.count
        }
    }

    /// The text of bytes that are mostly UTF-8, each byte that is not read as Windows-1252, with where
    /// each such byte is; nil when the bytes hold fewer UTF-8 characters of two bytes or more than bytes
    /// that are not UTF-8, or none (then the file is taken to be Windows-1252 throughout).
    ///
    /// - Complexity: O(n).
    static func utf8WithStrayBytes<C: Collection>(_ bytes: C) -> (text: [UInt8], strays: [(line: Int, column: Int, byte: UInt8, readAs: Character)])?
    where C.Element == UInt8 {
        let b = Array(bytes)
        var text: [UInt8] = []
        text.reserveCapacity(b.count + 16)
        var strays: [(line: Int, column: Int, byte: UInt8, readAs: Character)] = []
        var multibyte = 0, line = 1, column = 1, i = 0
        // (The standard library's parser tells each character, and each run of bytes that is none, by its length.)
        var parser = Unicode.UTF8.ForwardParser(), input = b.makeIterator()
        parsing: while true {
            switch parser.parseScalar(from: &input) {
            case .valid(let encoded):
                if encoded.count > 1 { multibyte += 1 }
                if b[i] == 0x0A { line += 1; column = 0 }
                text.append(contentsOf: encoded)
                i += encoded.count
                column += 1
            case .error(let length):
                // Each byte of a run that is no UTF-8: the Windows-1252 character it would be.
                for byte in b[i..<(i + length)] {
                    let readAs = Character(windows1252([byte]))
                    strays.append((line, column, byte, readAs))
                    text.append(contentsOf: String(readAs).utf8)
                    column += 1
                }
                i += length
            case .emptyInput:
                break parsing
            }
        }
        // (A Windows-1252 text seldom makes a UTF-8 character of two bytes or more: `Ã©` would.)
        return multibyte > 0 && multibyte >= strays.count ? (text, strays) : nil
    }

    /// The UTF-8 a text was before it was read as Windows-1252 and written as UTF-8 again, when every one of
    /// its characters is a Windows-1252 one and their bytes make UTF-8 with characters beyond ASCII; else nil
    /// (a text that only looks so in part is left as it is: one written so on purpose, or a mix).
    ///
    /// - Complexity: O(n).
    static func undoingDoubleEncoding(_ text: [UInt8]) -> [UInt8]? {
        // (Only a file with the marks of it: `Ã` or `Â` (C3 83, C3 82) before another such letter, as in `Ã©`,
        // `Â£`, or `â` (C3 A2) before `€` (E2 82 AC), as in `â€™`; a Romanian `â` before a letter is none.)
        // (Through the buffer, looking for C3 alone: the scan is over every byte of every file read.)
        let marked: Bool = text.withUnsafeBufferPointer { b in
            var k = 0
            let end = b.count - 2
            while k < end {
                if b[k] == 0xC3 {
                    let next = b[k + 1], after = b[k + 2]
                    if (next == 0x83 || next == 0x82) && (after == 0xC2 || after == 0xC3 || after == 0xC5 || after == 0xC6 || after == 0xCB || after == 0xE2)
                        || (next == 0xA2 && after == 0xE2) { return true }
                }
                k &+= 1
            }
            return false
        }
        guard marked else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        // (Decoded as it is read, and given up at the first character Windows-1252 has not: no copy of a
        // file that is not so.)
        let ok: Bool = text.withUnsafeBufferPointer { buffer in
            var input = buffer.makeIterator(), decoder = UTF8()
            while true {
                switch decoder.decode(&input) {
                case .scalarValue(let scalar):
                    let v = scalar.value
                    if v < 0x80 || (0xA0...0xFF).contains(v) {
                        bytes.append(UInt8(v))
                    } else if let k = windows1252High.firstIndex(of: v) {
                        bytes.append(UInt8(0x80 + k))
                    } else {
                        return false
                    }
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
        guard ok, String(validating: bytes, as: UTF8.self) != nil, bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        return bytes
    }

    /// The first word with letters beyond ASCII, as written and as read.
    static func example(written: [UInt8], read: [UInt8]) -> (written: String, read: String) {
        // (The word around the first byte beyond ASCII: the file is not split into words for one of them.)
        func word(_ text: [UInt8]) -> String {
            guard let at = text.firstIndex(where: { $0 >= 0x80 }) else { return "" }
            let separators: Set<UInt8> = [0x20, 0x2C, 0x0A, 0x0D, 0x3B, 0x22]
            let start = text[..<at].lastIndex(where: separators.contains).map { $0 + 1 } ?? 0
            let end = text[at...].firstIndex(where: separators.contains) ?? text.count
            return String(decoding: text[start..<end], as: UTF8.self)
        }
        return (word(written), word(read))
    }

    /// The characters Windows-1252 gives bytes 0x80-0x9F (the five it leaves undefined as themselves).
    static let windows1252High: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
                                            0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
                                            0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]

    /// Decodes Windows-1252 bytes.
    static func windows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        let high = windows1252High
        var s = String.UnicodeScalarView()
        for b in bytes {
            let v: UInt32 = (0x80...0x9F).contains(b) ? high[Int(b) - 0x80] : UInt32(b)
            s.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return String(s)
    }
}

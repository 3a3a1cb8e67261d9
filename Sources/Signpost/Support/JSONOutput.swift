/// A JSON value to write, with object keys kept in the order given (machine output that people also read).
public indirect enum JSONOutput: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral {
    case null
    case bool(Bool)
    case int(Int)
    /// A number shown to four decimals (scores, figures).
    case double(Double)
    /// A number as stored, every digit kept (coordinates: four decimals moved a site 5 metres, and a
    /// sheet and its own export differed in `diff`).
    case exact(Double)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONOutput...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    public static func optional(_ s: String?) -> JSONOutput { s.map { .string($0) } ?? .null }
    public static func optional(_ i: Int?) -> JSONOutput { i.map { .int($0) } ?? .null }

    /// Compact JSON text.
    public var text: String {
        var out = ""
        out.reserveCapacity(1024)
        write(into: &out)
        return out
    }

    public func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isFinite {
                if d == d.rounded() && abs(d) < 1e15 { out += String(Int(d)) } else {
                    out += String((d * 10_000).rounded() / 10_000)
                }
            } else { out += "null" }
        case .exact(let d): out += d.isFinite ? "\(d)" : "null"
        case .string(let s): Self.quote(s, into: &out)
        case .array(let a):
            out += "["
            for (i, v) in a.enumerated() { if i > 0 { out += "," }; v.write(into: &out) }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, (k, v)) in members.enumerated() {
                if i > 0 { out += "," }
                Self.quote(k, into: &out)
                out += ":"
                v.write(into: &out)
            }
            out += "}"
        }
    }

    /// Appends `s` as a JSON string: runs of plain text copied whole, only `"`, `\\`, control
    /// characters and U+2028/U+2029 escaped.
    ///
    /// - Complexity: O(n) in the UTF-8 length, with one append per run (servers write thousands a second).
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        var s = s
        s.withUTF8 { b in
            var run = 0, i = 0
            func flush(to end: Int) {
                if end > run { out += String(decoding: UnsafeBufferPointer(rebasing: b[run..<end]), as: UTF8.self) }
            }
            while i < b.count {
                let c = b[i]
                let escape: String
                var width = 1
                switch c {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x00..<0x20:
                    let hex = String(c, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    escape = b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    i += 1
                    continue
                }
                flush(to: i)
                out += escape
                i += width
                run = i
            }
            flush(to: b.count)
        }
        out += "\""
    }
}

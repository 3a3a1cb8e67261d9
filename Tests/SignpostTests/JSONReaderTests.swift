import Foundation
import Testing
@testable import Signpost

@Suite("JSON reader")
struct JSONReaderTests {
    func parse(_ text: String) throws -> JSONValue {
        let data = Array(text.utf8)
        return try data.withUnsafeBytes { raw in
            var r = JSONReader(bytes: raw)
            return try r.parseDocument()
        }
    }

    func error(_ text: String) -> JSONSyntaxError? {
        do { _ = try parse(text); return nil } catch { return error as? JSONSyntaxError }
    }

    @Test func readsValuesWithTheirPositions() throws {
        let v = try parse("{\n  \"a\": [1, 2.5e1, true, null],\n  \"b\": \"caf\\u00e9 \\ud83d\\ude00\"\n}")
        #expect(v["b"]?.string == "café 😀")
        guard case .array(let a)? = v["a"]?.kind else { Issue.record("not an array"); return }
        #expect(a.count == 4)
        guard case .number(let n, let literal) = a[1].kind else { Issue.record("2.5e1 is not a number: \(a[1].kind)"); return }
        #expect(n == 25 && literal == "2.5e1")
        #expect(v["a"]!.offset == 9)
    }

    @Test("malformed JSON is reported with line and column", arguments: [
        ("{\"a\": 1,\n \"b\" 2}", 2, 6, "expected ':'"),
        ("[1, 2", 1, 6, "truncated"),
        ("{\"a\": \"unterminated", 1, 7, "truncated"),
        ("[1, 2] x", 1, 8, "after the end"),
        ("", 1, 1, "truncated"),
        ("{\"a\": tru}", 1, 7, "expected true"),
        ("[01]", 1, 3, "found '1'"),
    ])
    func malformed(text: String, line: Int, column: Int, reason: String) {
        guard let e = error(text) else { Issue.record("\(text) parsed"); return }
        #expect(e.line == line && e.column == column, "\(e)")
        #expect(e.reason.contains(reason), "\(e.reason)")
    }

    @Test func rejectsInvalidUTF8WithAHelpfulReason() {
        var bytes = Array("[\"caf".utf8) + [0xE9] + Array("\"]".utf8)
        let e: JSONSyntaxError? = bytes.withUnsafeMutableBytes { raw -> JSONSyntaxError? in
            var r = JSONReader(bytes: UnsafeRawBufferPointer(raw))
            do { _ = try r.parseDocument(); return nil } catch { return error as? JSONSyntaxError }
        }
        #expect(e?.reason.contains("UTF-8") ?? false)
    }

    @Test func refusesDeepNestingInsteadOfCrashing() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(error(deep)?.reason.contains("nested") ?? false)
    }

    @Test func streamsRecordsOfAnArrayAndOfAPage() throws {
        for text in ["[{\"id\": 1}, {\"id\": 2}]", "{\"total_items\": 2, \"contents\": [{\"id\": 1}, {\"id\": 2}], \"page\": 1}"] {
            var ids: [String] = []
            let bytes = Array(text.utf8)
            let layout = try bytes.withUnsafeBytes { raw in
                var r = JSONReader(bytes: raw)
                return try r.forEachRecord { _, v, _ in ids.append(v["id"]!.display) }
            }
            #expect(ids == ["1", "2"])
            #expect(layout == (text.hasPrefix("[") ? .array : .page))
        }
    }

    /// The record stream finds records by structure and parses each one on its own; whatever is
    /// done to a file (cut short, a byte changed), it must read the same records as a parse of the
    /// whole document, or fail at the same place.
    @Test func recordStreamAgreesWithAWholeParseOnDamagedFiles() {
        let records = (0..<6).map { k in
            "{\"id\": \"s\(k)\", \"name\": \"Caf\\u00e9 \\\"\(k)\\\" [x]\", \"n\": [\(k), -1.5e3, true, null, {\"a\": []}], \"e\": {}}"
        }
        let base = Array(("[\n" + records.joined(separator: ",\n") + "\n]\n").utf8)
        let swaps: [UInt8] = Array("\"{}[],:\\ x0tn".utf8) + [0x01, 0xE9]
        var g = SplitMix64(seed: 2026)
        for round in 0..<600 {
            var bytes = base
            if round % 3 == 0 {
                bytes = Array(bytes.prefix(g.int(0...bytes.count - 1)))
            } else {
                for _ in 0..<g.int(1...2) { bytes[g.int(0...bytes.count - 1)] = g.pick(swaps) }
            }
            bytes.withUnsafeBytes { raw in
                var whole = JSONReader(bytes: raw)
                var stream = JSONReader(bytes: raw)
                var streamed: [JSONValue] = []
                let streamError: JSONSyntaxError?
                do { try stream.forEachRecord { _, v, _ in streamed.append(v) }; streamError = nil } catch {
                    streamError = error as? JSONSyntaxError
                }
                do {
                    let document = try whole.parseDocument()
                    guard case .array(let elements) = document.kind else { return }
                    #expect(streamError == nil, "\(String(decoding: bytes, as: UTF8.self)): \(String(describing: streamError))")
                    #expect(streamed.map(\.offset) == elements.map(\.offset))
                    #expect(streamed.map(\.dump) == elements.map(\.dump))
                } catch {
                    let expected = error as? JSONSyntaxError
                    #expect(streamError?.byteOffset == expected?.byteOffset,
                            "\(String(decoding: bytes, as: UTF8.self)): stream \(String(describing: streamError)), whole \(String(describing: expected))")
                }
            }
        }
    }

    @Test func aBrokenRecordStreamStaysAtItsFirstError() throws {
        let bytes = Array("[{\"a\": 1}, {\"a\": [1}, 3]".utf8)
        try bytes.withUnsafeBytes { raw throws in
            var r = JSONReader(bytes: raw)
            let range = try r.nextRecord()
            #expect(range == 1..<9)
            var first: JSONSyntaxError?, second: JSONSyntaxError?
            do throws(JSONSyntaxError) { _ = try r.nextRecord() } catch { first = error }
            do throws(JSONSyntaxError) { _ = try r.nextRecord() } catch { second = error }
            #expect(first != nil && first == second, "\(String(describing: first)) then \(String(describing: second))")
        }
    }

    @Test func skipsAByteOrderMark() throws {
        let v = try parse("\u{FEFF}[1]")
        #expect(v.array?.count == 1)
    }

    /// What Signpost writes, any text in it, reads back as the same text (Foundation's parser as
    /// the referee), and U+2028/U+2029 are escaped for script contexts.
    @Test func writtenStringsReadBackUnchanged() async throws {
        let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "ż", "€",
                                  "\u{2028}", "\u{2029}", "日本", "😀", "/", "<script>", "\u{E2}"]
        var g = SplitMix64(seed: 11)
        for _ in 0..<500 {
            let text = (0..<g.int(0...24)).map { _ in g.pick(alphabet) }.joined()
            let written = JSONOutput.array([.string(text)]).text
            #expect(!written.contains("\u{2028}") && !written.contains("\u{2029}"))
            let back = try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String]
            #expect(back == [text], "\(written)")
        }
    }
}

extension JSONValue {
    /// The whole value with every offset, for comparing two parses.
    var dump: String {
        switch kind {
        case .array(let a): return "@\(offset)[" + a.map(\.dump).joined(separator: ",") + "]"
        case .object(let m): return "@\(offset){" + m.map { "\($0.key):\($0.value.dump)" }.joined(separator: ",") + "}"
        default: return "@\(offset)\(display)"
        }
    }
}

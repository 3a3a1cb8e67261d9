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
        if case .number(let n, let literal) = a[1].kind { #expect(n == 25 && literal == "2.5e1") }
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

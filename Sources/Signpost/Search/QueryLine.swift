import Foundation

/// One line of a query file, `{"qid", "text", "at"}` as `Corpus/leeds/queries.jsonl` and
/// `../shared/eval`'s files have them: read one way by `search --queries`, by `bench` and by the
/// benchmarks' instruction counter (they said a bad `at` differently, and `bench` took one that was not
/// a string for the current time).
public struct QueryLine {
    /// The whole object, for what a command reads besides the text and time (`qid`, `filters`).
    public let fields: [String: Any]
    public let text: String
    /// The line's `at`, or the default when it has none.
    public let now: Int64

    /// What is wrong with a line, from its field on (the caller puts the file and line before it).
    public struct Problem: Error {
        public let message: String
    }

    public init(_ line: String, zone: CivilTimeZone, defaultNow: Int64) throws(Problem) {
        guard let fields = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
            throw Problem(message: "not a JSON object; expected {\"qid\", \"text\", \"at\"}")
        }
        guard let text = fields["text"] as? String else { throw Problem(message: "text: missing or not a string") }
        var now = defaultNow
        if let at = fields["at"] {
            guard let said = at as? String, let t = ISO8601Instant.parse(said, zone: zone) else {
                throw Problem(message: "at: \(Self.quoted(at)) is not an ISO 8601 time (e.g. \"2025-11-12T11:00:00Z\")")
            }
            now = t
        }
        self.fields = fields
        self.text = text
        self.now = now
    }

    /// The lines of a query file that hold something, with their numbers in the file (blank lines are
    /// counted, not returned).
    public static func numbered(_ file: String) -> [(number: Int, line: String)] {
        file.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { k, raw in
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            return line.isEmpty ? nil : (k + 1, line)
        }
    }

    /// A JSON value as the line had it, for a message.
    public static func quoted(_ v: Any) -> String {
        (try? JSONSerialization.data(withJSONObject: v, options: [.fragmentsAllowed])).map { String(decoding: $0, as: UTF8.self) } ?? "\(v)"
    }
}

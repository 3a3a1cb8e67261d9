import Foundation

/// Reads the project's reviewable tab-separated data files: `#` starts a comment line, the first
/// non-comment line may be a header starting with `#` (then skipped), blank lines are ignored.
struct TabSeparated {
    struct Row {
        var line: Int
        var fields: [String]
        subscript(_ i: Int) -> String { i < fields.count ? fields[i] : "" }
    }

    var rows: [Row] = []

    init(contentsOf url: URL) throws(ResourceError) {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ResourceError(file: url.path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        self.init(text: text)
    }

    init(text: String) {
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            rows.append(Row(line: n, fields: line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }))
        }
    }

    static func list(_ field: String) -> [String] {
        field.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// A bundled data file (gazetteer, thesaurus) is missing or malformed.
public struct ResourceError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var reason: String

    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): error: \(reason)"
    }
}

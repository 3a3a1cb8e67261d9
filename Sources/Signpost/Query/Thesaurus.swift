import Foundation

/// A kind of help and the words people use for it.
public struct Concept: Sendable, Hashable, Identifiable {
    /// A stable id (`food-bank`, `lay-bills`).
    public let id: String
    /// How the need is shown back ("Understood: food bank").
    public let label: String
    /// Category codes this need maps to.
    public let categories: [String]
    /// Words and phrases that name the need directly, as written in the thesaurus.
    public let phrases: [String]
    /// Words that suggest it more weakly (everyday words such as `hungry`, `bills`).
    public let related: [String]
    /// Named by one of its phrases with other needs, this one is what is asked for and they say what
    /// it is about (`volunteer at a food bank` asks for volunteering roles, not food banks): the others
    /// then count as everyday words do. `leads: yes` in the file.
    public let leads: Bool
    /// A line said first whenever this need is named by one of its phrases, not by a related word alone
    /// (`notice:` in the file): what a worker must know at once, such as where urgent help is when
    /// someone's life is at risk.
    public let notice: String?
}

/// The domain thesaurus: kinds of help, the words and phrases people use for them (including lay
/// phrasings and multi-word synonyms), and the categories they map to.
///
/// Read from a reviewable text file (`Corpus/leeds/thesaurus.txt`):
///
/// ```
/// [food-bank]
/// label: food bank
/// categories: food-bank
/// phrases: food bank, foodbank, food parcels, emergency food
/// related: hungry, no food
/// ```
///
/// A block may also say `leads: yes` (see ``Concept/leads``) and `notice: ...` (see ``Concept/notice``).
public struct Thesaurus: Sendable {
    public let concepts: [Concept]

    public init(concepts: [Concept]) {
        self.concepts = concepts
    }

    /// An empty thesaurus (plain full-text search).
    public static let empty = Thesaurus(concepts: [])

    /// Parses the thesaurus format.
    ///
    /// - Throws: ``ResourceError`` naming the line of the first problem.
    public static func parse(_ text: String, file: String) throws(ResourceError) -> Thesaurus {
        var concepts: [Concept] = []
        var id: String? = nil
        var startLine = 0
        var fields: [String: String] = [:]
        func finish() throws(ResourceError) {
            guard let cid = id else { return }
            let phrases = list(fields["phrases"])
            guard !phrases.isEmpty else { throw ResourceError(file: file, line: startLine, reason: "[\(cid)] has no phrases") }
            let leads: Bool
            switch fields["leads"]?.lowercased() {
            case nil, "no": leads = false
            case "yes": leads = true
            case let other?:
                throw ResourceError(file: file, line: startLine, reason: "[\(cid)] leads: \"\(other)\" is not yes or no")
            }
            concepts.append(Concept(id: cid, label: fields["label"] ?? phrases[0], categories: list(fields["categories"]),
                                    phrases: phrases, related: list(fields["related"]), leads: leads,
                                    notice: fields["notice"].flatMap { $0.isEmpty ? nil : $0 }))
        }
        var n = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            n += 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]"), line.count > 2 else {
                    throw ResourceError(file: file, line: n, reason: "a concept header looks like [food-bank]")
                }
                try finish()
                id = String(line.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                if concepts.contains(where: { $0.id == id }) {
                    throw ResourceError(file: file, line: n, reason: "[\(id!)] appears twice")
                }
                startLine = n
                fields = [:]
                continue
            }
            guard id != nil, let colon = line.firstIndex(of: ":") else {
                throw ResourceError(file: file, line: n, reason: "expected `key: value` inside a [concept] block")
            }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard ["label", "categories", "phrases", "related", "leads", "notice"].contains(key) else {
                throw ResourceError(file: file, line: n, reason: "unknown key \"\(key)\" (label, categories, phrases, related, leads, notice)")
            }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            // (A notice continued on a second line is one text: a space, not a list's comma.)
            fields[key] = fields[key].map { $0 + (key == "notice" ? " " : ", ") + value } ?? value
        }
        try finish()
        return Thesaurus(concepts: concepts)
    }

    /// Reads a thesaurus file.
    public static func load(from url: URL) throws(ResourceError) -> Thesaurus {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ResourceError(file: url.path, line: nil, reason: "cannot be read (\(error.localizedDescription))")
        }
        return try parse(text, file: url.path)
    }

    private static func list(_ s: String?) -> [String] {
        (s ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

import Foundation

/// Categories and languages that searching cannot use as written: a category no kind of help maps to
/// (a misspelt `Food Bnak`, or one outside the city's taxonomy such as `Knitting`) is found by its
/// words but not by a need (`food bank in Armley`) or `--category food-bank`; a language Signpost does
/// not know (`Frnech`) is offered under that name only, and `--language French` misses it.
///
/// Each distinct value is reported once, with how many services use it and one of their ids, so a
/// national directory gets a line per value, not per row. The same check runs on services read
/// whole (``DirectoryReader/read(_:format:displayName:)``) and on a snapshot's tables (``DirectoryReader/index(_:format:displayName:progress:)``).
enum VocabularyCheck {
    /// More unknown categories than this, and more than half of them: one summary instead of a line each.
    static let summaryThreshold = 20

    /// One distinct value, the number of services that use it and the id of one of them.
    struct Usage {
        var code: String
        var name: String
        var services: Int
        var example: String
    }

    static func categories(_ used: [Usage], mapping: CategoryMapping, labels: [String], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let found = used.map { mapping.isFound(code: $0.code, name: $0.name) }
        // Names a misspelling may be of: the directory's own categories that needs find, then the needs' labels.
        let candidates = used.indices.filter { found[$0] }.sorted { used[$0].services > used[$1].services }.map { used[$0].name } + labels
        // Most categories unknown: the directory uses another taxonomy (another city's, 211's). One
        // line says so, with the most used, rather than a line for each of hundreds.
        let unknown = used.indices.filter { !found[$0] }
        if unknown.count > summaryThreshold && unknown.count * 2 > used.count {
            let top = unknown.sorted { used[$0].services > used[$1].services }.prefix(5).map { "\"\(used[$0].name)\" (\(used[$0].services))" }
            let services = unknown.reduce(0) { $0 + used[$1].services }
            return [Diagnostic(.warning, code: "unknown-taxonomy", file: file, field: "categories",
                               reason: "\(unknown.count) of the \(used.count) categories in this directory (given \(services) times) are not kinds of help Signpost knows, so a search for a need, or --category, finds those services by their words only; the most used: \(top.joined(separator: ", "))",
                               hint: "add the directory's categories to the needs' categories in the thesaurus, or use the city's categories")]
        }
        // Keys worked out once; a name's use counts, to flag only the less used of two near names.
        let candidateKeys = candidates.map(Self.key)
        var uses: [String: Int] = [:]
        for u in used { uses[Self.key(u.name), default: 0] += u.services }
        for (k, u) in used.enumerated() {
            let key = Self.key(u.name)
            let near = key.count < 5 ? nil : candidateKeys.indices.first { c in
                let other = candidateKeys[c]
                return other != key && (uses[other] ?? Int.max) > (uses[key] ?? 0) && EditDistance.damerau(key, other, limit: 1) != nil
            }.map { candidates[$0] }
            let who = "\(u.services) service\(u.services == 1 ? "" : "s"), e.g. id \(Diagnostic.shortID(u.example))"
            if !found[k] {
                out.append(Diagnostic(.warning, code: "unknown-category", file: file, field: "categories", value: u.name,
                                      reason: "is not a kind of help Signpost knows (\(who)): a search for a need, or --category, will not find them by it, only by their words",
                                      hint: near.map { "did you mean \"\($0)\"?" } ?? "use one of the directory's categories, or add it to a need's categories in the thesaurus"))
            } else if let near, !mapping.knownCodes.contains(u.code), !labels.contains(where: { Self.key($0) == key }) {
                // Found by a need through some of its words, but one letter away from a category in use.
                out.append(Diagnostic(.warning, code: "misspelt-category", file: file, field: "categories", value: u.name,
                                      reason: "looks like a misspelling (\(who))", hint: "did you mean \"\(near)\"?"))
            }
        }
        return out
    }

    static func languages(_ used: [Usage], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for u in used where !Languages.isKnown(u.name) {
            let who = "\(u.services) service\(u.services == 1 ? "" : "s"), e.g. id \(Diagnostic.shortID(u.example))"
            let near = Languages.suggestion(for: u.name)
            out.append(Diagnostic(.warning, code: "unknown-language", file: file, field: "languages", value: u.name,
                                  reason: "is not a language Signpost knows (\(who)): --language will find them only by this name",
                                  hint: near.map { "did you mean \"\($0)\"?" } ?? "write one language per entry, by its English name or ISO 639 code"))
        }
        return out
    }

    /// Lower-case words, a final `s` dropped from each (`Food Banks` and `Food bank` are one category).
    static func key(_ name: String) -> String {
        Gazetteer.key(name).split(separator: " ").map { $0.count > 3 && $0.hasSuffix("s") ? String($0.dropLast()) : String($0) }
            .joined(separator: " ")
    }

    /// The categories and languages of services read whole, in order of first use.
    static func usage(of services: [Service]) -> (categories: [Usage], languages: [Usage]) {
        var categories: [Usage] = [], languages: [Usage] = []
        var ci: [String: Int] = [:], li: [String: Int] = [:]
        for s in services {
            for c in s.categories {
                if let i = ci[c.code + "\u{0}" + c.name] { categories[i].services += 1 } else {
                    ci[c.code + "\u{0}" + c.name] = categories.count
                    categories.append(Usage(code: c.code, name: c.name, services: 1, example: s.id))
                }
            }
            // (Keyed as the index keys them, whatever the capitals: `Spanish (limited)` and `Spanish (Limited)`
            // were two in validate and one in load.)
            for l in s.languages {
                let key = l.lowercased()
                if let i = li[key] { languages[i].services += 1 } else {
                    li[key] = languages.count
                    languages.append(Usage(code: l, name: l, services: 1, example: s.id))
                }
            }
        }
        return (categories, languages)
    }

    /// The same from a snapshot's tables.
    static func usage(of snapshot: IndexSnapshot) -> (categories: [Usage], languages: [Usage]) {
        var categories: [Usage] = []
        for c in snapshot.categoryCodes.indices {
            let docs = snapshot.docsByCategory[c]
            guard let first = docs.first else { continue }
            categories.append(Usage(code: snapshot.categoryCodes[c], name: snapshot.categoryNames[c], services: docs.count,
                                    example: snapshot.ids[Int(first)]))
        }
        var counts = [Int](repeating: 0, count: snapshot.languageNames.count), examples = [Int](repeating: -1, count: snapshot.languageNames.count)
        let lists = snapshot.columns.languages
        for d in 0..<snapshot.documentCount {
            for l in lists[d] {
                counts[Int(l)] += 1
                if examples[Int(l)] < 0 { examples[Int(l)] = d }
            }
        }
        let languages = snapshot.languageNames.indices.filter { counts[$0] > 0 }.map {
            Usage(code: snapshot.languageNames[$0], name: snapshot.languageNames[$0], services: counts[$0], example: snapshot.ids[examples[$0]])
        }
        return (categories, languages)
    }

    /// Adds the findings to a report.
    static func apply(_ report: inout ImportReport, usage: (categories: [Usage], languages: [Usage]), thesaurus: Thesaurus, file: String) {
        if !thesaurus.concepts.isEmpty {
            let mapping = CategoryMapping(thesaurus: thesaurus, analyzer: .standard)
            let labels = thesaurus.concepts.filter { !$0.id.hasPrefix("lay-") }.map { $0.label.prefix(1).uppercased() + $0.label.dropFirst() }
            report.diagnostics += categories(usage.categories, mapping: mapping, labels: labels, file: file)
        }
        report.diagnostics += languages(usage.languages, file: file)
    }
}

/// Small pieces of English that messages share.
enum Wording {
    /// Words joined by single spaces (`food bank`). Two words, as a question's pairs and phrases
    /// mostly are, are joined by `+`, which keeps a short result inside the string (`joined`
    /// allocated a buffer each time, on the query path).
    static func spaced(_ words: ArraySlice<String>) -> String {
        switch words.count {
        case 1: return words[words.startIndex]
        case 2: return words[words.startIndex] + " " + words[words.startIndex + 1]
        default: return joined(words, separator: " ")
        }
    }

    /// Items joined by a separator, into one string sized first. (The standard library's
    /// `joined(separator:)`, reached unspecialised from the query path, cost about 400 instructions
    /// an item: a question whose place has eight neighbouring wards spent 3,900 naming them.)
    ///
    /// - Complexity: O(total length).
    static func joined(_ items: some Collection<String>, separator: String) -> String {
        var length = separator.utf8.count * Swift.max(0, items.count - 1)
        for item in items { length += item.utf8.count }
        var out = String()
        out.reserveCapacity(length)
        var first = true
        for item in items {
            if !first { out += separator }
            out += item
            first = false
        }
        return out
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.first ?? "" : joined(items.dropLast(), separator: ", ") + " and " + items.last!
    }

    /// A word with its first letter in capitals (`roundhay road` → `Roundhay road`; each word: `Roundhay Road`).
    static func capitalised(_ text: some StringProtocol, everyWord: Bool = false) -> String {
        guard everyWord else { return text.prefix(1).uppercased() + text.dropFirst() }
        return text.split(separator: " ").map { capitalised($0) }.joined(separator: " ")
    }
}

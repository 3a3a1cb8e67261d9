/// Small pieces of English that messages share.
enum Wording {
    /// Words joined by single spaces (`food bank`). Two words, as a question's pairs and phrases
    /// mostly are, are joined by `+`, which keeps a short result inside the string (`joined`
    /// allocated a buffer each time, on the query path).
    static func spaced(_ words: ArraySlice<String>) -> String {
        switch words.count {
        case 1: return words[words.startIndex]
        case 2: return words[words.startIndex] + " " + words[words.startIndex + 1]
        default: return words.joined(separator: " ")
        }
    }

    /// `A`, `A and B`, `A, B and C`.
    static func list(_ items: [String]) -> String {
        items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    /// A word with its first letter in capitals (`roundhay road` → `Roundhay road`; each word: `Roundhay Road`).
    static func capitalised(_ text: some StringProtocol, everyWord: Bool = false) -> String {
        guard everyWord else { return text.prefix(1).uppercased() + text.dropFirst() }
        return text.split(separator: " ").map { capitalised($0) }.joined(separator: " ")
    }
}

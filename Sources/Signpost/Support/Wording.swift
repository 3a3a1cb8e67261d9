/// Small pieces of English that messages share.
enum Wording {
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

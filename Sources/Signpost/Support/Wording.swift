/// Small pieces of English that messages share.
enum Wording {
    /// Words joined by single spaces (`food bank`).
    static func spaced(_ words: ArraySlice<String>) -> String {
        words.count == 1 ? words[words.startIndex] : joined(words, separator: " ")
    }

    /// Items joined by a separator, their bytes copied into one string of the length worked out first.
    /// (The standard library's `joined(separator:)`, reached unspecialised from the query path, cost
    /// about 400 instructions an item; appending each item to a string reserved first, some 150 an
    /// item, most of it the append's checks: a question made ten such strings, counted by callgrind.)
    ///
    /// - Complexity: O(total length).
    static func joined(_ items: some Collection<String>, separator: String) -> String {
        var length = separator.utf8.count * Swift.max(0, items.count - 1)
        for item in items { length += item.utf8.count }
        guard length > 0 else { return "" }
        return String(unsafeUninitializedCapacity: length) { out in
            var k = 0
            func copy(_ text: String) {
                let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                    for b in bytes { out[k] = b; k += 1 }
                }
                if done == nil { for b in text.utf8 { out[k] = b; k += 1 } }
            }
            var first = true
            for item in items {
                if !first { copy(separator) }
                copy(item)
                first = false
            }
            return k
        }
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

/// The stop-word stage: a short list of English function words that carry no meaning for search.
///
/// Deliberately short: words that change what a person needs (`no`, `not`, `can't`, `without`,
/// `free`) and everything about time and place are *not* here. A query made only of stop words keeps
/// them (see ``Analyzer/terms(_:keepingAllIfEmpty:)``).
public struct StopWords: Sendable {
    public let words: Set<String>

    public init(_ words: Set<String> = StopWords.english) {
        self.words = words
    }

    public func contains(_ word: String) -> Bool { words.contains(word) }

    /// Folded forms (apostrophes removed) of common English function words.
    public static let english: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "do", "does", "for", "from",
        "get", "got", "has", "have", "i", "im", "if", "in", "into", "is", "it", "its", "me", "my",
        "of", "on", "or", "our", "so", "some", "that", "the", "their", "them", "there", "these",
        "they", "this", "to", "us", "was", "we", "were", "what", "where", "which", "who", "will",
        "with", "you", "your", "can", "could", "any", "anything", "somebody", "someone", "please",
        "find", "need", "needs", "looking", "look", "want", "wants", "would", "like", "he", "she",
        "his", "her", "him", "about", "just", "near", "around", "nearby",
    ]
}

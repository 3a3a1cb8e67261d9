/// The class of a word segment, as ICU's word-break rules report it.
public enum WordClass: UInt8, Sendable, Hashable {
    case number = 1
    case letter = 2
    case kana = 3
    case ideographic = 4
}

/// A word found in a text: its normalised, folded form and where it came from.
///
/// Offsets are UTF-16 code units into the original text, so that a front end can highlight the
/// original spelling (`Café` for a query `cafe`).
public struct Token: Sendable, Hashable {
    /// The word after case folding, accent folding and apostrophe handling (not stemmed).
    public var text: String
    /// UTF-16 offsets of the word in the analysed text.
    public var range: Range<Int>
    /// The ordinal of the word among the words of the text (0, 1, 2, ...).
    public var position: Int
    /// Letters, digits, kana or ideographs.
    public var wordClass: WordClass

    public init(text: String, range: Range<Int>, position: Int, wordClass: WordClass) {
        self.text = text
        self.range = range
        self.position = position
        self.wordClass = wordClass
    }
}

/// A searchable term: a token after stop-word removal and stemming.
public struct Term: Sendable, Hashable {
    /// The stem that is indexed and looked up (`connect` for `connections`).
    public var text: String
    /// The token it came from.
    public var token: Token

    public init(text: String, token: Token) {
        self.text = text
        self.token = token
    }
}

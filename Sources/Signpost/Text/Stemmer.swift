import CStemmer

/// The stemming stage: Snowball's English stemmer (Debian's libstemmer).
///
/// `running` → `run`, `connections` → `connect`, `benefits` → `benefit`. Only words in Latin script
/// are stemmed; others pass through unchanged.
public struct Stemmer: Sendable {
    private let pool: _ICUPool<_StemmerBox>
    /// The Snowball algorithm name, e.g. "english".
    public let language: String
    /// Words whose stem is fixed by hand (Lucene's StemmerOverrideFilter), where Snowball conflates
    /// words that mean different things to a worker.
    public let overrides: [String: String]

    /// English overrides: `housing` (the help) is kept apart from `house` (where someone lives: "my
    /// house is freezing" is not a housing problem), `universal` (credit) from `university`, and the
    /// common misspelling `advise` joins `advice`.
    public static let englishOverrides: [String: String] = [
        "housing": "housing", "universal": "universal", "advise": "advic", "advises": "advic",
    ]

    public init(language: String = "english", overrides: [String: String] = Stemmer.englishOverrides) {
        self.language = language
        self.overrides = overrides
        pool = _ICUPool { try _StemmerBox(language: language) }
    }

    /// The stem of a folded word.
    ///
    /// - Complexity: O(n) in the word's length.
    public func stem(_ word: String) -> String {
        if let fixed = overrides[word] { return fixed }
        guard word.utf8.count > 2, word.utf8.allSatisfy({ $0 < 0x80 }) else { return word }
        return pool.with { $0.stem(word) } ?? word
    }
}

final class _StemmerBox {
    private let handle: OpaquePointer

    init(language: String) throws(StemmerUnavailable) {
        guard let h = sb_stemmer_new(language, "UTF_8") else { throw StemmerUnavailable(language: language) }
        handle = h
    }

    deinit { sb_stemmer_delete(handle) }

    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress,
                  let out = sb_stemmer_stem(handle, base, Int32(bytes.count)) else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
        }
    }
}

/// The Snowball library has no stemmer for the language asked for.
public struct StemmerUnavailable: Error, Sendable {
    public var language: String
}

import CStemmer

/// The stemming stage: Snowball's English stemmer (Debian's libstemmer).
///
/// `running` → `run`, `connections` → `connect`, `benefits` → `benefit`. Only words in Latin script
/// are stemmed; others pass through unchanged.
public struct Stemmer: Sendable {
    private let pool: _ICUPool<_StemmerBox>
    /// The Snowball algorithm name, e.g. "english".
    public let language: String

    public init(language: String = "english") {
        self.language = language
        pool = _ICUPool { try _StemmerBox(language: language) }
    }

    /// The stem of a folded word.
    ///
    /// - Complexity: O(n) in the word's length.
    public func stem(_ word: String) -> String {
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

import Foundation

/// The words of a British English dictionary, which the speller never changes: a correct word is
/// not a typo even when the directory does not use it (`vape` was corrected to `rape`, `wife` to
/// the village of `Wike`, `coat` to `chat`).
///
/// Read from Debian's `wbritish` word list (`/usr/share/dict/british-english`, installed by
/// `scripts/setup`); only lower-case words of letters are kept (no names, no possessives).
public enum EnglishWords {
    /// Where the word list is looked for, in order.
    static let paths = ["/usr/share/dict/british-english", "/usr/share/dict/words"]

    /// The words, read once per process; empty when no word list is installed.
    public static var british: Set<String> { lists.words }

    /// The list's names (a capital, then lower-case letters: `Bradford`, `York`), lower-cased; a name
    /// that is also a word (`Bath`, `Reading`) is in both.
    public static var names: Set<String> { lists.names }

    /// A name of the list that is no English word (`bradford`, `york`; not `bath` or `reading`).
    public static func isNameOnly(_ word: String) -> Bool { names.contains(word) && !british.contains(word) }

    private static let lists: (words: Set<String>, names: Set<String>) = {
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            return (words(in: data), names(in: data))
        }
        return ([], [])
    }()

    /// The names of a word list, one per line: a capital and then lower-case letters, lower-cased.
    static func names(in data: Data) -> Set<String> {
        var out = Set<String>()
        out.reserveCapacity(30_000)
        data.withUnsafeBytes { raw in
            for line in raw.bindMemory(to: UInt8.self).split(separator: 0x0A, omittingEmptySubsequences: true) {
                guard line.count >= 3, let first = line.first, first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z"),
                      line.dropFirst().allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) else { continue }
                out.insert(String(decoding: [first + 0x20] + line.dropFirst(), as: UTF8.self))
            }
        }
        return out
    }

    /// The lower-case words of a word list, one per line.
    static func words(in data: Data) -> Set<String> {
        var out = Set<String>()
        out.reserveCapacity(70_000)
        data.withUnsafeBytes { raw in
            var start = 0
            let bytes = raw.bindMemory(to: UInt8.self)
            for i in 0...bytes.count {
                guard i == bytes.count || bytes[i] == 0x0A else { continue }
                let line = UnsafeBufferPointer(rebasing: bytes[start..<i])
                start = i + 1
                if !line.isEmpty, line.allSatisfy({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) {
                    out.insert(String(decoding: line, as: UTF8.self))
                }
            }
        }
        return out
    }
}

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
            return lists(in: data)
        }
        return ([], [])
    }()

    /// The lower-case words of a word list, one per line, and its names (a capital and then lower-case
    /// letters, at least three), lower-cased: one pass over the list.
    static func lists(in data: Data) -> (words: Set<String>, names: Set<String>) {
        var words = Set<String>(), names = Set<String>()
        words.reserveCapacity(70_000)
        names.reserveCapacity(30_000)
        func lower(_ b: UInt8) -> Bool { b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z") }
        data.withUnsafeBytes { raw in
            for line in raw.bindMemory(to: UInt8.self).split(separator: 0x0A, omittingEmptySubsequences: true) {
                guard let first = line.first, line.dropFirst().allSatisfy(lower) else { continue }
                if lower(first) {
                    words.insert(String(decoding: line, as: UTF8.self))
                } else if line.count >= 3, first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") {
                    names.insert(String(decoding: [first + 0x20] + line.dropFirst(), as: UTF8.self))
                }
            }
        }
        return (words, names)
    }
}

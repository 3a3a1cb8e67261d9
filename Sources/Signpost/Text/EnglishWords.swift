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
    public static let british: Set<String> = {
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { continue }
            return words(in: data)
        }
        return []
    }()

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

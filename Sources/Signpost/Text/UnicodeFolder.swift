import CICU

/// The second and third stages of analysis: NFKC case folding, then accent and width folding.
///
/// `Café` → `cafe`, `ŻYWNOŚCIOWA` → `zywnosciowa`, full-width `ＦＯＯＤ` → `food`, `ß` → `ss`.
/// Accents are folded only in Latin, Greek and Cyrillic text: marks that carry meaning in other
/// scripts (Arabic, Urdu, the Indic scripts) are kept. ASCII text is lower-cased without calling ICU.
public struct UnicodeFolder: Sendable {
    private let folders: _ICUPool<_FolderBox>

    public init() {
        folders = _ICUPool { try _FolderBox() }
    }

    /// The folded form of a word.
    ///
    /// - Complexity: O(n); ASCII words never reach ICU.
    public func fold(_ word: Substring.UTF16View) -> String {
        var asciiOnly = true
        for u in word where u >= 0x80 { asciiOnly = false; break }
        if asciiOnly {
            return String(unsafeUninitializedCapacity: word.count) { buffer in
                var i = 0
                for u in word {
                    let b = UInt8(truncatingIfNeeded: u)
                    buffer[i] = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
                    i += 1
                }
                return i
            }
        }
        let folded = Self.caseFold(Array(word))
        let result = folders.with { $0.fold(folded) } ?? folded
        return String(decoding: result, as: UTF16.self)
    }

    /// The folded form of a string.
    public func fold(_ text: String) -> String {
        fold(Substring(text).utf16)
    }

    /// NFKC case folding (`nfkc_cf`).
    static func caseFold(_ units: [UInt16]) -> [UInt16] {
        var capacity = max(16, units.count * 2 + 8)
        while true {
            var out = [UInt16](repeating: 0, count: capacity)
            var error: Int32 = 0
            let n = units.withUnsafeBufferPointer { src in
                cicu_nfkc_casefold(src.baseAddress, Int32(src.count), &out, Int32(capacity), &error)
            }
            if cicu_failed(error) != 0 || error > 0 {
                if Int(n) > capacity { capacity = Int(n) + 8; continue }
                return units
            }
            return Array(out[0..<Int(n)])
        }
    }
}

final class _FolderBox {
    private let handle: OpaquePointer

    init() throws(ICUError) {
        var error: Int32 = 0
        guard let h = cicu_folder_open(&error), cicu_failed(error) == 0 else {
            throw ICUError(operation: "open the accent-folding transliterator", code: error)
        }
        handle = h
    }

    deinit { cicu_folder_close(handle) }

    func fold(_ units: [UInt16]) -> [UInt16] {
        var capacity = units.count * 3 + 8
        while capacity < 1 << 20 {
            var buffer = units + [UInt16](repeating: 0, count: capacity - units.count)
            var error: Int32 = 0
            let n = cicu_folder_fold(handle, &buffer, Int32(units.count), Int32(capacity), &error)
            if n >= 0 && cicu_failed(error) == 0 { return Array(buffer[0..<Int(n)]) }
            capacity *= 2
        }
        return units
    }
}

import CICU
import Foundation

/// Alphabetical order as people expect it (ICU collation), e.g. en-GB: `café` sorts with `cafe`,
/// case and punctuation are secondary.
public final class Collator: @unchecked Sendable {
    private let handle: OpaquePointer

    /// Opens a collator for a locale such as `en_GB`.
    public init(locale: String = "en_GB") throws(ICUError) {
        var error: Int32 = 0
        guard let h = cicu_collator_open(locale, &error), cicu_failed(error) == 0 else {
            throw ICUError(operation: "open a collator for \(locale)", code: error)
        }
        handle = h
    }

    deinit { cicu_collator_close(handle) }

    /// The collation sort key of a string: byte-wise comparison of keys gives alphabetical order.
    public func sortKey(_ s: String) -> [UInt8] {
        let units = Array(s.utf16)
        var capacity = units.count * 4 + 16
        while true {
            var out = [UInt8](repeating: 0, count: capacity)
            let n = units.withUnsafeBufferPointer { u in
                cicu_collator_sort_key(handle, u.baseAddress, Int32(u.count), &out, Int32(capacity))
            }
            if Int(n) <= capacity { return Array(out[0..<Int(n)]) }
            capacity = Int(n)
        }
    }

    /// Positions of strings in alphabetical order (rank of each input), ties broken by input order.
    public func ranks(_ strings: [String]) -> [UInt32] { Self.ranks(ofKeys: strings.map(sortKey)) }

    /// Positions of sort keys in byte-wise order (rank of each), ties broken by position.
    ///
    /// - Complexity: O(n log n) comparisons, each a `memcmp`.
    public static func ranks(ofKeys keys: [[UInt8]]) -> [UInt32] {
        let order = keys.indices.sorted { a, b in
            let c = keys[a].withUnsafeBufferPointer { x in
                keys[b].withUnsafeBufferPointer { y in
                    let common = min(x.count, y.count)
                    let d = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                    return d != 0 ? Int(d) : x.count - y.count
                }
            }
            return c != 0 ? c < 0 : a < b
        }
        var rank = [UInt32](repeating: 0, count: keys.count)
        for (r, i) in order.enumerated() { rank[i] = UInt32(r) }
        return rank
    }
}

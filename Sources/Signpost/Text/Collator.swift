import CICU

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
    public func ranks(_ strings: [String]) -> [UInt32] {
        let keys = strings.map(sortKey)
        let order = strings.indices.sorted { a, b in
            let c = keys[a].lexicographicallyPrecedes(keys[b])
            if c { return true }
            if keys[b].lexicographicallyPrecedes(keys[a]) { return false }
            return a < b
        }
        var rank = [UInt32](repeating: 0, count: strings.count)
        for (r, i) in order.enumerated() { rank[i] = UInt32(r) }
        return rank
    }
}

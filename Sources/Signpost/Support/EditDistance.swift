/// Edit distances for typo tolerance.
public enum EditDistance {
    /// Optimal-string-alignment Damerau-Levenshtein distance (insertions, deletions, substitutions and
    /// transpositions of adjacent characters), or nil when it exceeds `limit`.
    ///
    /// - Complexity: O(n·m) in the worst case, cut short once every cell of a row exceeds `limit`.
    public static func damerau(_ a: String, _ b: String, limit: Int) -> Int? {
        damerau(Array(a.unicodeScalars), Array(b.unicodeScalars), limit: limit)
    }

    /// The value of the candidate key nearest `word` within that key's limit (the first of equally near
    /// ones), for a "did you mean": a header, a parameter, a category, a language.
    ///
    /// - Complexity: O(candidates) distances, each cut short at its limit.
    public static func nearest<Value>(_ word: String, among candidates: some Sequence<(key: String, value: Value)>,
                                      limit: (String) -> Int) -> Value? {
        var best: (value: Value, distance: Int)? = nil
        for c in candidates {
            if let d = damerau(word, c.key, limit: limit(c.key)), d < (best?.distance ?? Int.max) { best = (c.value, d) }
        }
        return best?.value
    }

    public static func damerau<T: Equatable>(_ a: [T], _ b: [T], limit: Int) -> Int? {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in damerau(a, b, limit: limit) } }
    }

    /// The same distance over two buffers (the speller passes the UTF-8 bytes of ASCII words).
    /// Its three rows live on the stack: no allocation.
    ///
    /// - Complexity: O(n·m), cut short as above.
    public static func damerau<T: Equatable>(_ a: UnsafeBufferPointer<T>, _ b: UnsafeBufferPointer<T>, limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty { return b.count <= limit ? b.count : nil }
        if b.isEmpty { return a.count <= limit ? a.count : nil }
        let n = a.count, m = b.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * (m + 1)) { rows -> Int? in
            // Three rows, rotated by swapping their bases: two rows back, the previous and the current.
            var prev2 = rows.baseAddress!, prev = prev2 + (m + 1), cur = prev + (m + 1)
            for j in 0...m { prev2[j] = 0; prev[j] = j; cur[j] = 0 }
            for i in 1...n {
                cur[0] = i
                var rowMin = cur[0]
                for j in 1...m {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                    cur[j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return nil }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return prev[m] <= limit ? prev[m] : nil
        }
    }
}

/// A set of word positions in a query, as bits: the first 64 in one integer (no allocation, which
/// is every query anyone types), later ones in an array that exists only when they occur.
///
/// Iterates in ascending order. Used where the parser says which words each part of the question
/// took (`consumed`, `protected`, `used`).
public struct WordPositions: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral {
    private var low: UInt64 = 0
    private var high: [UInt64] = []

    public init() {}

    public init(arrayLiteral elements: Int...) {
        for e in elements { insert(e) }
    }

    public init(_ positions: some Sequence<Int>) {
        for p in positions { insert(p) }
    }

    /// - Complexity: O(1).
    @inline(__always)
    public func contains(_ p: Int) -> Bool {
        guard p >= 0 else { return false }
        if p < 64 { return low & (1 << UInt64(p)) != 0 }
        let word = p / 64 - 1
        return word < high.count && high[word] & (1 << UInt64(p % 64)) != 0
    }

    /// - Complexity: O(1) amortised.
    @inline(__always)
    public mutating func insert(_ p: Int) {
        precondition(p >= 0, "a word position is never negative")
        if p < 64 { low |= 1 << UInt64(p); return }
        insertBeyond64(p)
    }

    /// ``insert(_:)`` of a position past the first 64. (Out of line: inlined, the check that `high` is
    /// not shared before it is changed was moved ahead of the loops that insert, and made a copy of
    /// the empty array, an allocation, for eleven loops of every question.)
    @inline(never)
    private mutating func insertBeyond64(_ p: Int) {
        let word = p / 64 - 1
        if word >= high.count { high.append(contentsOf: repeatElement(0, count: word - high.count + 1)) }
        high[word] |= 1 << UInt64(p % 64)
    }

    public mutating func formUnion(_ other: WordPositions) {
        low |= other.low
        if !other.high.isEmpty { formUnionBeyond64(other.high) }
    }

    /// ``formUnion(_:)``'s words past the first 64 (out of line, as ``insertBeyond64(_:)``).
    @inline(never)
    private mutating func formUnionBeyond64(_ words: [UInt64]) {
        if words.count > high.count { high.append(contentsOf: repeatElement(0, count: words.count - high.count)) }
        for k in words.indices { high[k] |= words[k] }
    }

    public mutating func formUnion(_ positions: some Sequence<Int>) {
        for p in positions { insert(p) }
    }

    public func union(_ other: WordPositions) -> WordPositions {
        var u = self
        u.formUnion(other)
        return u
    }

    public var isEmpty: Bool { low == 0 && high.allSatisfy { $0 == 0 } }

    public var count: Int { low.nonzeroBitCount + high.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// The smallest position, or nil when empty.
    public func min() -> Int? {
        if low != 0 { return low.trailingZeroBitCount }
        for (k, w) in high.enumerated() where w != 0 { return (k + 1) * 64 + w.trailingZeroBitCount }
        return nil
    }

    /// The largest position, or nil when empty.
    public func max() -> Int? {
        for k in high.indices.reversed() where high[k] != 0 { return (k + 1) * 64 + 63 - high[k].leadingZeroBitCount }
        return low != 0 ? 63 - low.leadingZeroBitCount : nil
    }

    public static func == (a: WordPositions, b: WordPositions) -> Bool {
        guard a.low == b.low else { return false }
        let n = Swift.max(a.high.count, b.high.count)
        for k in 0..<n where (k < a.high.count ? a.high[k] : 0) != (k < b.high.count ? b.high[k] : 0) { return false }
        return true
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(low)
        var words = high
        while words.last == 0 { words.removeLast() }
        hasher.combine(words)
    }

    public struct Iterator: IteratorProtocol {
        fileprivate let positions: WordPositions
        fileprivate var word = -1
        fileprivate var bits: UInt64

        public mutating func next() -> Int? {
            while bits == 0 {
                word += 1
                guard word < positions.high.count else { return nil }
                bits = positions.high[word]
            }
            let b = bits.trailingZeroBitCount
            bits &= bits - 1
            return (word + 1) * 64 + b
        }
    }

    public func makeIterator() -> Iterator { Iterator(positions: self, bits: low) }

    public var underestimatedCount: Int { count }
}

/// Many short lists of integers in two contiguous arrays (compressed sparse rows): list `i` is
/// `values[offsets[i]..<offsets[i+1]]`. No per-list allocation.
public struct CompactLists<Element: FixedWidthInteger & Sendable>: Sendable, Hashable {
    public private(set) var offsets: [UInt32] = [0]
    public private(set) var values: [Element] = []

    public init() {}

    init(offsets: [UInt32], values: [Element]) {
        self.offsets = offsets
        self.values = values
    }

    public mutating func append<S: Sequence>(_ list: S) where S.Element == Element {
        values.append(contentsOf: list)
        offsets.append(UInt32(values.count))
    }

    public var count: Int { offsets.count - 1 }

    /// List `i`.
    @inlinable
    public subscript(_ i: Int) -> ArraySlice<Element> {
        values[Int(offsets[i])..<Int(offsets[i + 1])]
    }

    /// Whether list `i` contains `v`.
    @inlinable
    public func contains(_ i: Int, _ v: Element) -> Bool {
        var k = Int(offsets[i])
        let end = Int(offsets[i + 1])
        while k < end { if values[k] == v { return true }; k += 1 }
        return false
    }

    /// Inverts lists of ids (`doc → [category]`) into `category → [doc]`.
    public func inverted(keyCount: Int) -> CompactLists<UInt32> {
        var counts = [UInt32](repeating: 0, count: keyCount + 1)
        for v in values { counts[Int(v) + 1] += 1 }
        for k in 0..<keyCount { counts[k + 1] += counts[k] }
        var fill = counts
        var out = [UInt32](repeating: 0, count: values.count)
        for i in 0..<count {
            for v in self[i] {
                out[Int(fill[Int(v)])] = UInt32(i)
                fill[Int(v)] += 1
            }
        }
        return CompactLists<UInt32>(offsets: counts, values: out)
    }

    var byteSize: Int { offsets.count * 4 + values.count * MemoryLayout<Element>.stride }
}

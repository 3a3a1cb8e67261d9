/// Keeps the best `k` of a stream of items without sorting them all: a binary heap whose root is
/// the worst item kept.
///
/// - Complexity: O(log k) per insertion, O(k log k) to read out in order.
struct TopK<Item: RankOrdered> {
    let k: Int
    private(set) var heap: [Item] = []
    private(set) var seen = 0

    init(_ k: Int) { self.k = max(0, k) }

    /// A heap kept in `storage`, an empty list whose capacity it uses (``_Scratch/lendList(_:)``).
    init(_ k: Int, storage: [Item]) {
        self.k = max(0, k)
        heap = storage
    }

    /// Strict "better than" ordering (static, so that it is inlined into the heap's loops).
    @inline(__always)
    private func better(_ a: Item, _ b: Item) -> Bool { Item.better(a, b) }

    /// - Complexity: O(log k).
    mutating func insert(_ item: Item) {
        seen += 1
        guard k > 0 else { return }
        // (The heap is sifted through its buffer: through the array, each swap checked it was unshared.)
        if heap.count < k {
            if heap.isEmpty { heap.reserveCapacity(k) }  // only heaps that get items allocate
            heap.append(item)
            heap.withUnsafeMutableBufferPointer { Self.siftUp($0, $0.count - 1) }
        } else if better(item, heap[0]) {
            heap.withUnsafeMutableBufferPointer { h in
                h[0] = item
                Self.siftDown(h, 0)
            }
        }
    }

    /// The worst item kept once `k` are kept (an item not better than it would not be kept), else nil.
    var threshold: Item? { k > 0 && heap.count == k ? heap[0] : nil }

    /// The items kept, best first.
    func sorted() -> [Item] {
        var items = heap
        Self.sort(&items)
        return items
    }

    /// The items, best first, sorted where they are (no copy); the heap is no heap afterwards, so
    /// only ``heap`` (as a set of items) and ``seen`` may be read after it.
    mutating func sortInPlace() -> [Item] {
        Self.sort(&heap)
        return heap
    }

    /// Best first. A page of results (up to 32) by insertion, whose few comparisons cost less than the
    /// standard sort's bookkeeping; the order is strict, so both give the same order.
    ///
    /// - Complexity: O(n²) up to 32 items, O(n log n) beyond.
    private static func sort(_ items: inout [Item]) {
        guard items.count <= 32 else { items.sort(by: Item.better); return }
        items.withUnsafeMutableBufferPointer { h in
            var i = 1
            while i < h.count {
                let item = h[i]
                var j = i
                while j > 0 && Item.better(item, h[j - 1]) { h[j] = h[j - 1]; j -= 1 }
                h[j] = item
                i += 1
            }
        }
    }

    // The root is the *worst*: a parent is never better than its children.
    private static func siftUp(_ heap: UnsafeMutableBufferPointer<Item>, _ i: Int) {
        var c = i
        while c > 0 {
            let p = (c - 1) / 2
            if Item.better(heap[p], heap[c]) { heap.swapAt(p, c); c = p } else { return }
        }
    }

    private static func siftDown(_ heap: UnsafeMutableBufferPointer<Item>, _ i: Int) {
        var p = i
        while true {
            let l = 2 * p + 1, r = l + 1
            var worst = p
            if l < heap.count, Item.better(heap[worst], heap[l]) { worst = l }
            if r < heap.count, Item.better(heap[worst], heap[r]) { worst = r }
            if worst == p { return }
            heap.swapAt(p, worst)
            p = worst
        }
    }
}

/// Items ranked by a strict "better than" order.
protocol RankOrdered {
    static func better(_ a: Self, _ b: Self) -> Bool
}

/// The order of results: a service the question names, then need match, then place, then text
/// relevance, then name.
struct RankKey: RankOrdered {
    var need: Int32
    var place: Int8
    /// Named in full by the question (``QueryIntent/namedServices``): first of all.
    var named = false
    var text: Float
    var alpha: UInt32
    var doc: UInt32
    /// The need score itself (the first field is its rounded bucket).
    var needScore: Float

    /// Named, need and place alike: the group within which only text and name order them.
    static func sameGroup(_ a: RankKey, _ b: RankKey) -> Bool { a.named == b.named && a.need == b.need && a.place == b.place }

    @inline(__always)
    static func better(_ a: RankKey, _ b: RankKey) -> Bool {
        if a.named != b.named { return a.named }
        if a.need != b.need { return a.need > b.need }
        if a.place != b.place { return a.place > b.place }
        if a.text != b.text { return a.text > b.text }
        return a.alpha < b.alpha
    }
}

import Testing
@testable import Signpost

/// The heap that keeps a search's best results: what it keeps, and in what order, must be the first
/// `k` of the whole stream sorted, however the stream comes.
@Suite("Best k of a stream")
struct TopKTests {
    /// Keys with few distinct needs, places and scores (ties down to the name), each name once.
    static func keys(count: Int, seed: UInt64) -> [RankKey] {
        var random = SplitMix64(seed: seed)
        let names = (0..<UInt32(count)).shuffled(using: &random)
        return (0..<count).map { i in
            RankKey(need: Int32(random.next() % 3), place: Int8(random.next() % 4), named: random.next() % 50 == 0,
                    text: Float(random.next() % 5) / 4, alpha: names[i], doc: UInt32(i), needScore: 0)
        }
    }

    @Test(arguments: [1, 3, 10, 32, 33, 100])
    func keepsTheFirstKOfTheSortedStreamInOrder(k: Int) {
        for (count, seed) in [(0, 1), (5, 2), (40, 3), (500, 4), (2_000, 5)] as [(Int, UInt64)] {
            let stream = Self.keys(count: count, seed: seed)
            var top = TopK<RankKey>(k)
            for key in stream { top.insert(key) }
            let expected = stream.sorted(by: RankKey.better).prefix(k).map(\.doc)
            #expect(top.sorted().map(\.doc) == Array(expected), "k \(k), \(count) keys")
            #expect(top.seen == count)
            #expect(top.threshold?.doc == (count >= k ? expected.last : nil))
            #expect(top.sortInPlace().map(\.doc) == Array(expected))
        }
    }
}

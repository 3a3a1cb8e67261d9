import Testing
@testable import Signpost

/// The parser's sets of word positions (bits) against `Set<Int>`, across the 64-position boundary.
@Suite("Word positions")
struct WordPositionsTests {
    @Test func behavesAsASetOfIntegersOnRandomSets() {
        var r = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let top = r.pick([10, 63, 64, 65, 130, 300])
            let a = Set((0..<r.int(0...20)).map { _ in r.int(0...top) })
            let b = Set((0..<r.int(0...20)).map { _ in r.int(0...top) })
            let pa = WordPositions(a), pb = WordPositions(b)
            #expect(Array(pa) == a.sorted(), "iterates in ascending order")
            #expect(pa.count == a.count)
            #expect(pa.isEmpty == a.isEmpty)
            #expect(pa.min() == a.min())
            #expect(pa.max() == a.max())
            #expect(Array(pa.union(pb)) == a.union(b).sorted())
            for p in 0...(top + 70) { #expect(pa.contains(p) == a.contains(p)) }
            var grown = pa
            grown.formUnion(b)
            #expect(grown == WordPositions(a.union(b)))
            #expect((pa == pb) == (a == b))
            if a == b { #expect(pa.hashValue == pb.hashValue) }
        }
    }

    @Test func equalSetsAreEqualWhateverTheyHeldBefore() {
        // A set that once reached position 200 keeps a zero word for it; it still equals one that never did.
        var far: WordPositions = [3, 200]
        far.formUnion(WordPositions([5]))
        var near: WordPositions = [3, 5]
        near.formUnion(WordPositions([200]))
        #expect(far == near)
        let small: WordPositions = [1, 2]
        var grown = small
        grown.insert(199)
        #expect(grown != small)
        #expect(!grown.contains(-1))
        #expect(Set([grown, WordPositions([1, 2, 199])]).count == 1)
    }
}

/// Edit distances (the speller's, counted on the bytes of ASCII words with rows on the stack) against a
/// plain full-table optimal-string-alignment distance.
@Suite("Edit distance")
struct EditDistanceTests {
    @Test("known distances", arguments: [
        ("benifits", "benefits", 1), ("advise", "advice", 1), ("ab", "ba", 1), ("soical", "social", 1),
        ("bereavemnet", "bereavement", 1), ("kitten", "sitting", 3), ("", "abc", 3), ("abc", "", 3), ("same", "same", 0),
    ])
    func knownDistances(a: String, b: String, expected: Int) {
        #expect(EditDistance.damerau(a, b, limit: 5) == expected)
        if expected > 0 { #expect(EditDistance.damerau(a, b, limit: expected - 1) == nil) }
    }

    /// The textbook table, no cut-offs.
    static func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }

    @Test func agreesWithTheFullTableOnRandomWords() {
        var r = SplitMix64(seed: 7)
        let letters = Array("abcdeilnorst".utf8)
        for _ in 0..<2000 {
            let a = (0..<r.int(0...12)).map { _ in r.pick(letters) }
            var b = a
            for _ in 0..<r.int(0...4) {
                switch r.int(0...3) {
                case 0 where !b.isEmpty: b.remove(at: r.int(0...(b.count - 1)))
                case 1: b.insert(r.pick(letters), at: r.int(0...b.count))
                case 2 where b.count >= 2: let k = r.int(0...(b.count - 2)); b.swapAt(k, k + 1)
                default: if !b.isEmpty { b[r.int(0...(b.count - 1))] = r.pick(letters) }
                }
            }
            let limit = r.int(0...3)
            let expected = Self.reference(a, b)
            let bytes = a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in EditDistance.damerau(x, y, limit: limit) } }
            #expect(bytes == (expected <= limit ? expected : nil), "\(a) \(b) limit \(limit)")
            let strings = EditDistance.damerau(String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self), limit: limit)
            #expect(strings == bytes)
        }
    }
}

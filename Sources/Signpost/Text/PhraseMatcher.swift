/// Finds known phrases (sequences of stems) in a sequence of terms, longest match first, as a
/// trie walk. Used at index time to mark multi-word synonyms (`food parcel`) as single phrase
/// terms, and at query time to recognise needs.
///
/// The words of its phrases are numbered (``wordID(_:)``): a caller that knows its words' numbers
/// (the query parser's lexicon holds them) walks the trie without hashing a string
/// (``longestMatches(count:minimumLength:starts:word:)``); one with stems looks each up once as it walks.
public struct PhraseMatcher: Sendable {
    /// A phrase occurrence: term positions [start, end) and the phrase's payload index.
    public struct Match: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var phrase: Int
    }

    /// Every word of a phrase, by its bytes, with its number. (A word that is in no phrase has none,
    /// and so is where a walk stops.)
    private var words = WordTable<Int32>()
    /// The trie's edges: from a node by a word's number to the next node.
    private var edges = Edges()
    /// Per node (0 is the root): the phrase that ends there, or -1.
    private var phraseAt: [Int32] = [-1]
    /// The phrases, as stem sequences, in the order added.
    public private(set) var phrases: [[String]] = []

    public init() {}

    /// Adds a phrase; returns its index (an existing one when already added).
    @discardableResult
    public mutating func add(_ stems: [String]) -> Int {
        precondition(!stems.isEmpty)
        var n: Int32 = 0
        for s in stems {
            let w: Int32
            if let known = words.find(s) { w = known } else {
                w = Int32(words.count)
                words.insert(s, w)
            }
            if let next = edges.child(of: n, by: w) { n = next } else {
                phraseAt.append(-1)
                let child = Int32(phraseAt.count - 1)
                edges.insert(child, of: n, by: w)
                n = child
            }
        }
        if phraseAt[Int(n)] >= 0 { return Int(phraseAt[Int(n)]) }
        phrases.append(stems)
        phraseAt[Int(n)] = Int32(phrases.count - 1)
        return phrases.count - 1
    }

    /// The number of a word of some phrase, or -1 when no phrase has it: what
    /// ``longestMatches(count:minimumLength:starts:word:)`` reads.
    public func wordID(_ stem: String) -> Int32 { words.find(stem) ?? -1 }

    /// Every position's longest phrase match, left to right, without overlaps.
    ///
    /// - Parameter starts: when given, only positions it contains are tried (the caller knows which
    ///   stems start a phrase, ``startsPhrase(_:)``); the result is the same.
    /// - Complexity: O(n·L) for n terms and longest phrase L.
    public func longestMatches(in stems: [String], minimumLength: Int = 1, starts: WordPositions? = nil) -> [Match] {
        longestMatches(count: stems.count, minimumLength: minimumLength, starts: starts) { words.find(stems[$0]) ?? -1 }
    }

    /// ``longestMatches(in:minimumLength:starts:)`` of `count` words given by their numbers: `word(j)` is
    /// the number of word j (``wordID(_:)``, -1: in no phrase), asked only as far as the trie goes (the
    /// query parser asks its lexicon's entries, without a list made of them).
    ///
    /// - Complexity: O(n·L) for n words and longest phrase L; no string is hashed.
    @inline(__always)
    func longestMatches(count: Int, minimumLength: Int, starts: WordPositions?, word: (Int) -> Int32) -> [Match] {
        var out: [Match] = []
        forEachLongestMatch(count: count, minimumLength: minimumLength, starts: starts, word: word) { m in
            // (Room for the rest at the first match: grown one by one, each match reallocated.)
            if out.isEmpty { out.reserveCapacity((count - m.start + 1) / 2 + 1) }
            out.append(m)
        }
        return out
    }

    /// The matches of ``longestMatches(count:minimumLength:starts:word:)``, in the same order, handed
    /// to `body` one by one rather than listed: the query path's three readers (the need recogniser,
    /// the parser's phrase words, the place recogniser) each made a list of one or two matches for
    /// every question, an allocation each.
    ///
    /// - Complexity: O(n·L) for n words and longest phrase L; nothing allocated.
    @inline(__always)
    func forEachLongestMatch(count: Int, minimumLength: Int, starts: WordPositions?, word: (Int) -> Int32, _ body: (Match) -> Void) {
        var i = 0
        while i < count {
            if let starts, !starts.contains(i) { i += 1; continue }
            var n: Int32 = 0
            var best: Match? = nil
            var j = i
            while j < count {
                let w = word(j)
                guard w >= 0, let next = edges.child(of: n, by: w) else { break }
                n = next
                j += 1
                let p = phraseAt[Int(n)]
                if p >= 0, j - i >= minimumLength { best = Match(start: i, end: j, phrase: Int(p)) }
            }
            if let b = best {
                body(b)
                i = b.end
            } else { i += 1 }
        }
    }

    /// Whether some phrase starts with this stem.
    public func startsPhrase(_ stem: String) -> Bool {
        guard let w = words.find(stem) else { return false }
        return edges.child(of: 0, by: w) != nil
    }

    /// Whether the two stems are a phrase of two words.
    ///
    /// - Complexity: two lookups of a word, two of an edge; nothing allocated.
    public func isPhrase(_ first: String, _ second: String) -> Bool {
        guard let a = words.find(first), let b = words.find(second), let n = edges.child(of: 0, by: a),
              let m = edges.child(of: n, by: b) else { return false }
        return phraseAt[Int(m)] >= 0
    }

    /// Every match at every position (overlapping), for index-time phrase terms.
    ///
    /// - Parameter starts: when given, only positions where it is true are tried (the caller knows
    ///   which stems start a phrase, ``startsPhrase(_:)``).
    public func allMatches(in stems: [String], minimumLength: Int = 2, starts: [Bool]? = nil) -> [Match] {
        var out: [Match] = []
        for i in stems.indices where starts?[i] ?? true {
            var n: Int32 = 0
            var j = i
            while j < stems.count, let w = words.find(stems[j]), let next = edges.child(of: n, by: w) {
                n = next
                j += 1
                let p = phraseAt[Int(n)]
                if p >= 0, j - i >= minimumLength { out.append(Match(start: i, end: j, phrase: Int(p))) }
            }
        }
        return out
    }

    public var isEmpty: Bool { phrases.isEmpty }
}

/// A trie's edges, (node, word number) to the next node, in one open-addressing table of integer
/// keys. (Each node's own `[String: Int]` hashed the word with SipHash at every step of every walk.)
private struct Edges: Sendable {
    private var keys = [UInt64](repeating: Self.empty, count: 64)
    private var children = [Int32](repeating: 0, count: 64)
    private var count = 0
    private static let empty = UInt64.max

    @inline(__always)
    private static func key(_ node: Int32, _ word: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: word))
    }

    /// Fibonacci hashing: the high half of the key times 2^64/φ.
    @inline(__always)
    private static func slot(_ key: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// The node reached from `node` by word `word`, or nil.
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func child(of node: Int32, by word: Int32) -> Int32? {
        let k = Self.key(node, word), mask = keys.count - 1
        var i = Self.slot(k, mask: mask)
        while true {
            let s = keys[i]
            if s == k { return children[i] }
            if s == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Adds an edge that is not in the table.
    mutating func insert(_ child: Int32, of node: Int32, by word: Int32) {
        if (count + 1) * 2 > keys.count { grow() }
        place(Self.key(node, word), child)
        count += 1
    }

    private mutating func place(_ k: UInt64, _ child: Int32) {
        let mask = keys.count - 1
        var i = Self.slot(k, mask: mask)
        while keys[i] != Self.empty { i = (i + 1) & mask }
        keys[i] = k
        children[i] = child
    }

    private mutating func grow() {
        let oldKeys = keys, oldChildren = children
        keys = [UInt64](repeating: Self.empty, count: oldKeys.count * 2)
        children = [Int32](repeating: 0, count: oldKeys.count * 2)
        for i in oldKeys.indices where oldKeys[i] != Self.empty { place(oldKeys[i], oldChildren[i]) }
    }
}

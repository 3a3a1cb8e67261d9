/// Finds known phrases (sequences of stems) in a sequence of terms, longest match first, as a
/// trie walk. Used at index time to mark multi-word synonyms (`food parcel`) as single phrase
/// terms, and at query time to recognise needs.
public struct PhraseMatcher: Sendable {
    /// A phrase occurrence: term positions [start, end) and the phrase's payload index.
    public struct Match: Sendable, Hashable {
        public var start: Int
        public var end: Int
        public var phrase: Int
    }

    private struct Node: Sendable {
        var children: [String: Int] = [:]
        var phrase: Int? = nil
    }

    private var nodes: [Node] = [Node()]
    /// The phrases, as stem sequences, in the order added.
    public private(set) var phrases: [[String]] = []

    public init() {}

    /// Adds a phrase; returns its index (an existing one when already added).
    @discardableResult
    public mutating func add(_ stems: [String]) -> Int {
        precondition(!stems.isEmpty)
        var n = 0
        for s in stems {
            if let next = nodes[n].children[s] { n = next } else {
                nodes.append(Node())
                nodes[n].children[s] = nodes.count - 1
                n = nodes.count - 1
            }
        }
        if let existing = nodes[n].phrase { return existing }
        phrases.append(stems)
        nodes[n].phrase = phrases.count - 1
        return phrases.count - 1
    }

    /// Every position's longest phrase match, left to right, without overlaps.
    ///
    /// - Parameter starts: when given, only positions it contains are tried (the caller knows which
    ///   stems start a phrase, ``startsPhrase(_:)``); the result is the same.
    /// - Complexity: O(n·L) for n terms and longest phrase L.
    public func longestMatches(in stems: [String], minimumLength: Int = 1, starts: WordPositions? = nil) -> [Match] {
        var out: [Match] = []
        var i = 0
        while i < stems.count {
            if let starts, !starts.contains(i) { i += 1; continue }
            var n = 0
            var best: Match? = nil
            var j = i
            while j < stems.count, let next = nodes[n].children[stems[j]] {
                n = next
                j += 1
                if let p = nodes[n].phrase, j - i >= minimumLength { best = Match(start: i, end: j, phrase: p) }
            }
            if let b = best {
                // (Room for the rest at the first match: grown one by one, each match reallocated.)
                if out.isEmpty { out.reserveCapacity((stems.count - i + 1) / 2 + 1) }
                out.append(b)
                i = b.end
            } else { i += 1 }
        }
        return out
    }

    /// Whether some phrase starts with this stem.
    public func startsPhrase(_ stem: String) -> Bool { nodes[0].children[stem] != nil }

    /// Every match at every position (overlapping), for index-time phrase terms.
    ///
    /// - Parameter starts: when given, only positions where it is true are tried (the caller knows
    ///   which stems start a phrase, ``startsPhrase(_:)``).
    public func allMatches(in stems: [String], minimumLength: Int = 2, starts: [Bool]? = nil) -> [Match] {
        var out: [Match] = []
        for i in stems.indices where starts?[i] ?? true {
            var n = 0
            var j = i
            while j < stems.count, let next = nodes[n].children[stems[j]] {
                n = next
                j += 1
                if let p = nodes[n].phrase, j - i >= minimumLength { out.append(Match(start: i, end: j, phrase: p)) }
            }
        }
        return out
    }

    public var isEmpty: Bool { phrases.isEmpty }
}

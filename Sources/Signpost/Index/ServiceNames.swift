/// The services' names, for telling when a question names a service in full (`Whingate Healthy
/// Living Drop-in`, `what time does Red Hall Food Bank open`): a worker who types a name wants that
/// service first, though its words also say a place and a need that other services match as well.
///
/// Each name is kept as the hash of the words the analyser folds it to, stop words included (the
/// words the query parser sees), in a table sorted by hash, and each run of its first words (all but
/// the last) as a bit in a filter, so that looking for names in a question stops at the first word
/// that starts none. No name text is kept: two different names hashing alike (64 bits, FNV-1a) is
/// about as likely as a typo that spells another name.
struct ServiceNames: Sendable, Equatable {
    /// Name hashes in ascending order, and the service of each.
    let hashes: [UInt64]
    let docs: [UInt32]
    /// One bit per hash of a name's first words (a power of two of bits; empty when there are no
    /// names): a run of typed words whose bit is clear begins no name.
    let prefixBits: [UInt64]
    /// Open addressing over the hashes (their low bits, probing linearly): per slot, one more than the
    /// index of the first of a run of equal hashes, or 0. Made when the table is, not saved. A word
    /// run that names nothing (nearly every one) costs a probe or two, not a binary search.
    private let slots: [UInt32]

    /// A name shared by more services than this is a kind of service (`Warm and Well Café`, 23 of
    /// them in one directory), not the name of one: typing it ranks by need, place and text as usual.
    static let maximumNamesakes = 10
    /// Longest run of words tried as a name (the longest name in the Leeds directory has 12).
    static let maximumWords = 16

    /// A table read from a snapshot; nil unless sorted, of equal lengths, with every service in range
    /// and a filter of a power of two of bits.
    init?(hashes: [UInt64], docs: [UInt32], prefixBits: [UInt64], documentCount: Int) {
        guard hashes.count == docs.count, docs.allSatisfy({ Int($0) < documentCount }),
              prefixBits.isEmpty || prefixBits.count & (prefixBits.count - 1) == 0,
              zip(hashes, hashes.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.hashes = hashes
        self.docs = docs
        self.prefixBits = prefixBits
        slots = Self.slots(for: hashes)
    }

    /// The table of every service's name: per document, the hashes of its name's first one, two, ...
    /// words, the last being the whole name's (``hashes(ofName:analyzer:)``).
    init(prefixHashesOfDocument: [[UInt64]]) {
        let whole = prefixHashesOfDocument.map { $0.last ?? Hash().value }
        let order = whole.indices.sorted { a, b in whole[a] != whole[b] ? whole[a] < whole[b] : a < b }
        hashes = order.map { whole[$0] }
        docs = order.map { UInt32($0) }
        let prefixCount = prefixHashesOfDocument.reduce(0) { $0 + max(0, $1.count - 1) }
        var words = 0
        if prefixCount > 0 {
            words = 1
            while words * 64 < prefixCount * 8 { words <<= 1 }
        }
        var bits = [UInt64](repeating: 0, count: words)
        for prefixes in prefixHashesOfDocument {
            for h in prefixes.dropLast() { Self.set(h, in: &bits) }
        }
        prefixBits = bits
        slots = Self.slots(for: hashes)
    }

    static func == (a: ServiceNames, b: ServiceNames) -> Bool {
        a.hashes == b.hashes && a.docs == b.docs && a.prefixBits == b.prefixBits
    }

    /// The hashes of a name's first one, two, ... folded words (``Analyzer/tokens(in:)``), as they
    /// are joined by single spaces; the last is the whole name's.
    static func hashes(ofName name: String, analyzer: Analyzer) -> [UInt64] {
        var h = Hash()
        var out: [UInt64] = []
        for (k, token) in analyzer.tokens(in: name).enumerated() {
            h.add(token.text, first: k == 0)
            out.append(h.value)
        }
        return out
    }

    /// FNV-1a over words joined by a space, one word at a time.
    struct Hash {
        private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

        @inline(__always)
        mutating func add(_ word: String, first: Bool) {
            if !first { byte(0x20) }
            // (Read in place: `withUTF8` on a copy retained and released the word twice; the view's
            // iterator read a small string's bytes one shift at a time.)
            let done: Void? = word.utf8.withContiguousStorageIfAvailable { for b in $0 { byte(b) } }
            if done == nil { for b in word.utf8 { byte(b) } }
        }

        @inline(__always)
        private mutating func byte(_ b: UInt8) {
            value ^= UInt64(b)
            value = value &* 0x0000_0100_0000_01B3
        }
    }

    private static func set(_ h: UInt64, in bits: inout [UInt64]) {
        let bit = Int(truncatingIfNeeded: h >> 20) & (bits.count * 64 - 1)
        bits[bit >> 6] |= 1 << UInt64(bit & 63)
    }

    /// Whether some name begins with the words of this hash (false positives at a rate of about one
    /// in eight; never a false negative).
    @inline(__always)
    private func mayBeginName(_ h: UInt64) -> Bool {
        guard !prefixBits.isEmpty else { return false }
        let bit = Int(truncatingIfNeeded: h >> 20) & (prefixBits.count * 64 - 1)
        return prefixBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// At least twice as many slots as hashes, a power of two.
    private static func slots(for hashes: [UInt64]) -> [UInt32] {
        var size = 16
        while size < hashes.count * 2 { size <<= 1 }
        var slots = [UInt32](repeating: 0, count: size)
        let mask = size - 1
        for k in hashes.indices where k == 0 || hashes[k] != hashes[k - 1] {
            var i = Int(truncatingIfNeeded: hashes[k]) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt32(k + 1)
        }
        return slots
    }

    /// Where in ``docs`` the services named by a hash are (empty when none, or more than
    /// ``maximumNamesakes``).
    ///
    /// - Complexity: O(1) expected.
    @inline(__always)
    func services(withHash h: UInt64) -> Range<Int> {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = Int(slots[i])
            if s == 0 { return 0..<0 }
            if hashes[s - 1] == h {
                var end = s
                while end < hashes.count && hashes[end] == h { end += 1 }
                return end - (s - 1) <= Self.maximumNamesakes ? (s - 1)..<end : 0..<0
            }
            i = (i + 1) & mask
        }
    }

    /// The services whose whole name is a run of two or more of the words (or all of them, when
    /// there is one word), in ascending order.
    ///
    /// - Complexity: O(words × ``maximumWords``) expected; most runs end at their first word.
    func services(namedIn words: [String]) -> [UInt32] {
        guard !hashes.isEmpty, !words.isEmpty else { return [] }
        var found: [UInt32] = []
        for start in words.indices {
            var h = Hash()
            for end in start..<min(words.count, start + Self.maximumWords) {
                h.add(words[end], first: end == start)
                if end > start || words.count == 1 {
                    for k in services(withHash: h.value) where !found.contains(docs[k]) { found.append(docs[k]) }
                }
                guard mayBeginName(h.value) else { break }
            }
        }
        return found.sorted()
    }
}

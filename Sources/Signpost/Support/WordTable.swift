/// Values found by a word's bytes: an open-addressing hash table over a byte arena, so looking a
/// word up needs no `String` hashed with SipHash (making one, and hashing it, was most of a
/// lookup's cost: about 400 instructions for a short word, against about 80 here).
///
/// Used by the index build (every word of every service, by its folded bytes) and by the query
/// parser's lexicon (every typed word). Keys are compared byte for byte, so two spellings of a word
/// that Unicode calls equal are two keys: callers look up words folded the one way they were added.
struct WordTable<Value> {
    /// Open addressing: a slot holds its entry's number + 1 in the low 32 bits (0: empty) and the
    /// high 32 bits of the entry's hash above them, so a probe passes other words without reading their
    /// entries (a word not in the table, most of a speller's lookups, reads one line of slots).
    private var slots = [UInt64](repeating: 0, count: 1_024)
    /// Each entry's whole hash, to place it again when the table grows.
    private var hashes: [UInt64] = []
    /// Each entry's bytes (`arena[start..<start + count]`) beside its value: a word found reads its slot,
    /// its entry and its bytes (three lines; its length, bytes and value were in four arrays).
    private var entries: [Entry] = []
    private var arena: [UInt8] = []

    fileprivate struct Entry {
        var start: UInt32
        var count: UInt32
        var value: Value
    }

    init() {}

    /// A table of fixed words and their values (a lexicon's literal).
    init(_ entries: [String: Value]) {
        for (word, value) in entries { insert(word, value) }
    }

    /// How many words the table holds.
    var count: Int { entries.count }

    /// The value for `key` (with `hash`, ``WordTableHash/of(_:)``), or nil.
    ///
    /// - Complexity: O(length of key), expected.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash) & mask
        let tag = hash >> 32
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                arena.withUnsafeBufferPointer { arena in
                    while true {
                        let slot = slots[i]
                        if slot == 0 { return nil }
                        if slot >> 32 == tag {
                            let e = Int(truncatingIfNeeded: slot & 0xFFFF_FFFF) - 1
                            if Int(entries[e].count) == key.count
                                && memcmpEqual(arena.baseAddress.map { $0 + Int(entries[e].start) }, key.baseAddress, key.count) {
                                return entries[e].value
                            }
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }

    /// The value for a word (its UTF-8 bytes), or nil.
    ///
    /// - Complexity: O(length of the word), expected.
    @inline(__always)
    func find(_ word: String) -> Value? {
        // (Read in place: `withUTF8` on a copy retained and released the word twice a lookup.)
        if let found = word.utf8.withContiguousStorageIfAvailable({ find($0, hash: WordTableHash.of($0)) }) { return found }
        var word = word
        return word.withUTF8 { find($0, hash: WordTableHash.of($0)) }
    }

    /// Adds a key that is not in the table.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, _ value: Value) {
        if (entries.count + 1) * 2 > slots.count { grow() }
        entries.append(Entry(start: UInt32(arena.count), count: UInt32(key.count), value: value))
        arena.append(contentsOf: key)
        hashes.append(hash)
        place(entries.count - 1)
    }

    /// Adds a word that is not in the table.
    mutating func insert(_ word: String, _ value: Value) {
        var word = word
        word.withUTF8 { insert($0, hash: WordTableHash.of($0), value) }
    }

    private mutating func place(_ entry: Int) {
        let mask = slots.count - 1
        let hash = hashes[entry]
        var i = Int(truncatingIfNeeded: hash) & mask
        while slots[i] != 0 { i = (i + 1) & mask }
        slots[i] = (hash >> 32) << 32 | UInt64(entry + 1)
    }

    private mutating func grow() {
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        for e in entries.indices { place(e) }
    }
}

/// The hash of a ``WordTable``'s keys.
enum WordTableHash {
    /// FNV-1a, 64-bit.
    @inline(__always)
    static func of(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in key { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        return h
    }
}

/// Whether `n` bytes at `a` and `b` are equal (either may be nil only when `n` is 0).
@inline(__always)
private func memcmpEqual(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>?, _ n: Int) -> Bool {
    guard let a, let b else { return n == 0 }
    var k = 0
    while k < n { if a[k] != b[k] { return false }; k += 1 }
    return true
}

extension WordTable: Sendable where Value: Sendable {}
extension WordTable.Entry: Sendable where Value: Sendable {}

/// A fixed list of words, asked whether it holds a typed word: the parser's word lists (`no`,
/// `without` ... before a referral; the words that start a date). Found by the word's bytes in a
/// ``WordTable``, about a fifth of the instructions of a `Set<String>`'s SipHash lookup, and a
/// question asks a dozen of them.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
    private var table = WordTable<Bool>()

    init(arrayLiteral words: String...) { self.init(words) }

    init(_ words: some Sequence<String>) {
        for w in words where table.find(w) == nil { table.insert(w, true) }
    }

    /// - Complexity: O(length of the word), expected.
    @inline(__always)
    func contains(_ word: String) -> Bool { table.find(word) != nil }
}

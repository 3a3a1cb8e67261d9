/// Spelling correction for query words, as Typesense and Meilisearch scale it: no correction below
/// four letters, one edit from four (to domain words only) or five letters, two edits from nine.
/// A word that is itself known is never changed; a correct English word only where two of its letters
/// are swapped in a need, place or time word (or, at the parser's asking, where the correction makes a
/// need's phrase with its neighbour).
///
/// Candidates are found with symmetric deletes (SymSpell): every known word's deletions up to two
/// characters are indexed, so a lookup costs a few dictionary probes, not a scan of the vocabulary.
public struct Speller: Sendable {
    private let words: [String]
    private let frequency: [UInt32]
    private let domain: [Bool]
    /// Word → its number in `words`, found by the word's bytes.
    private let known: WordTable<Int32>
    /// A known word or one of its deletions → the number of its list of words it comes from (below).
    private let deletes: WordTable<Int32>
    /// The lists of `deletes`, one after another: list k is `deleteWords[deleteStarts[k]..<deleteStarts[k + 1]]`.
    private let deleteStarts: [Int32]
    private let deleteWords: [Int32]
    /// Per word: whether it is plain ASCII (then distances are counted on its bytes).
    private let isASCII: [Bool]
    /// Known words in sorted order, for completions.
    private let sorted: [Int32]
    /// Correct words the directory need not use (``EnglishWords``): never changed, never targets.
    private let protectedWords: Set<String>

    /// - Parameters:
    ///   - vocabulary: words from the directory's text with how many services use them.
    ///   - domainWords: words of the thesaurus, the gazetteer and time expressions: preferred targets,
    ///     and the only targets for four-letter words.
    ///   - minimumFrequency: directory words used by fewer services are not correction targets
    ///     (they are still known, so never corrected themselves).
    ///   - protectedWords: correct words (a dictionary's): not targets, and changed only as above.
    public init(vocabulary: [String: UInt32], domainWords: Set<String>, minimumFrequency: UInt32 = 2,
                protectedWords: Set<String> = []) {
        self.protectedWords = protectedWords
        var words: [String] = [], freq: [UInt32] = [], dom: [Bool] = []
        var known = WordTable<Int32>()
        func add(_ w: String, _ f: UInt32, _ d: Bool) {
            if let i = known.find(w) {
                freq[Int(i)] += f
                dom[Int(i)] = dom[Int(i)] || d
                return
            }
            known.insert(w, Int32(words.count))
            words.append(w); freq.append(f); dom.append(d)
        }
        for w in domainWords { add(w, 1, true) }
        for (w, f) in vocabulary { add(w, f, false) }
        var deletes = WordTable<Int32>()
        var lists: [[Int32]] = []
        for (i, w) in words.enumerated() {
            let chars = Array(w)
            guard chars.count >= 4, chars.allSatisfy({ $0.isLetter }) else { continue }
            guard dom[i] || freq[i] >= minimumFrequency else { continue }
            // The word itself too: a typed word with a letter too many (`hunslett`) meets it through
            // its own deletions only. (A deletion met twice, where letters repeat, is listed once.)
            Self.forEachVariant(of: w, chars, upTo: 2) { key, hash in
                if let k = deletes.find(key, hash: hash) {
                    if lists[Int(k)].last != Int32(i) { lists[Int(k)].append(Int32(i)) }
                } else {
                    deletes.insert(key, hash: hash, Int32(lists.count))
                    lists.append([Int32(i)])
                }
            }
        }
        var starts: [Int32] = [0]
        starts.reserveCapacity(lists.count + 1)
        var flat: [Int32] = []
        flat.reserveCapacity(lists.reduce(0) { $0 + $1.count })
        for l in lists { flat += l; starts.append(Int32(flat.count)) }
        self.words = words
        self.frequency = freq
        self.domain = dom
        self.known = known
        self.deletes = deletes
        self.deleteStarts = starts
        self.deleteWords = flat
        isASCII = words.map { $0.utf8.allSatisfy { $0 < 0x80 } }
        self.sorted = (0..<Int32(words.count)).sorted { words[Int($0)] < words[Int($1)] }
    }

    /// Whether a word is known (and so never corrected).
    public func isKnown(_ word: String) -> Bool { known.find(word) != nil }

    /// Whether a word is a domain word.
    public func isDomainWord(_ word: String) -> Bool { known.find(word).map { domain[Int($0)] } ?? false }

    /// The edits allowed for a word of this length.
    public static func allowedEdits(_ length: Int) -> Int {
        switch length {
        case ..<4: return 0
        case 4...8: return 1
        default: return 2
        }
    }

    /// The best correction of an unknown word, or nil.
    ///
    /// - Complexity: O(d) dictionary probes for the d deletions of the word (d ≈ n²/2 for two edits).
    ///
    /// - Parameter ignoringProtection: also correct a correct word (the caller has a reason: with its
    ///   neighbour, the correction makes a need's phrase, `mental heath`).
    ///   - preferring: on a tie, words this says yes to come first (the parser passes place names
    ///     after `in` or for a capitalised word: `food bank in Otly` is Otley, not `only`).
    ///   - short: also correct a word of three letters, to a domain word one edit away (the caller has
    ///     a reason: with its neighbour, the correction makes a need's phrase, `fod bank`).
    ///   - only: take only words this says yes to, two edits away for a word of five letters or more (the
    ///     parser's words that make a need's phrase with a neighbour: `mentle health`), and with `short`
    ///     for one of three letters, to a domain word (`fud bank`: `fud` is two edits from `food`).
    public func correction(for word: String, ignoringProtection: Bool = false, preferring: ((String) -> Bool)? = nil,
                           short: Bool = false, only: ((String) -> Bool)? = nil) -> String? {
        guard known.find(word) == nil else { return nil }
        // A correct word the directory does not use is left as it is, unless two of its letters
        // are swapped in a word the directory's needs, places or times use (`toady` for `today`):
        // `vape` is not `rape`, `wife` not `Wike`, `oven` not `open`.
        let isWord = !ignoringProtection && protectedWords.contains(word)
        // An ASCII word with a digit or a sign in it is never corrected: say so before making characters.
        let utf8 = word.utf8
        let asciiWord = utf8.allSatisfy { $0 < 0x80 }
        if asciiWord && !utf8.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) {
            return nil
        }
        // Characters only for a word beyond ASCII: an ASCII word's are its bytes, all letters (above).
        // (Making them and asking each whether it is a letter was a third of a correction's cost.)
        let chars: [Character] = asciiWord ? [] : Array(word)
        guard asciiWord || chars.allSatisfy({ $0.isLetter }) else { return nil }
        let length = asciiWord ? utf8.count : chars.count
        // (Told which words to take, two edits for a word of five letters or more: `mentle` is two from `mental`.)
        let maxEdits = short && length == 3 ? (only != nil ? 2 : 1) : only != nil && length >= 5 ? 2 : Self.allowedEdits(length)
        guard maxEdits > 0 else { return nil }
        var candidates: [Int32] = []
        candidates.reserveCapacity(64)
        // (The table of deletions captured, not `self`: a closure using `self` copied the whole speller. The
        // lists read through buffers: a slice of their array for each deletion found retained and released
        // it, some twenty atomic counts for a word of ten letters; appended from buffers, the list grew in
        // more steps, so it is sized once.)
        let deletes = self.deletes
        deleteStarts.withUnsafeBufferPointer { starts in
            deleteWords.withUnsafeBufferPointer { lists in
                Self.forEachVariant(of: word, chars, upTo: maxEdits) { key, hash in
                    if let k = deletes.find(key, hash: hash) {
                        candidates.append(contentsOf: UnsafeBufferPointer(rebasing: lists[Int(starts[Int(k)])..<Int(starts[Int(k) + 1])]))
                    }
                }
            }
        }
        // Each candidate once (the choice below is a total order, so the order they come in does not matter).
        candidates.sort()
        var last: Int32 = -1
        let typed = Array(utf8)
        var best: (index: Int, distance: Int)? = nil
        lazy var letters = Array(word).sorted()
        /// Whether known word `i` has the typed word's letters (two swapped); asked last (beyond ASCII,
        /// sorting allocates).
        func sameLetters(_ i: Int) -> Bool {
            if asciiWord && isASCII[i] { return Self.sameBytes(typed, words[i]) }
            return words[i].count == length && words[i].sorted() == letters
        }
        for c in candidates where c != last {
            last = c
            let i = Int(c)
            if length <= 4 && !domain[i] { continue }
            // ASCII against ASCII: characters are bytes, so count on the bytes (no arrays of characters).
            let distance: Int?
            if asciiWord && isASCII[i] {
                var candidate = words[i]
                distance = typed.withUnsafeBufferPointer { t in
                    candidate.withUTF8 { EditDistance.damerau(t, $0, limit: maxEdits) }
                }
            } else {
                // (An ASCII word met a word beyond ASCII, `cafe` and `café`: its characters made here.)
                distance = EditDistance.damerau(asciiWord ? Array(word) : chars, Array(words[i]), limit: maxEdits)
            }
            guard let d = distance else { continue }
            if isWord && !(d == 1 && domain[i] && sameLetters(i)) { continue }
            if let only, !only(words[i]) { continue }
            if let b = best {
                // At one distance: a word of the same letters (two swapped, `eveninsg`, `Newahll`)
                // before one a letter shorter or longer, then domain words, then the more used.
                if d > b.distance { continue }
                // (Only a tie asks about letters: sorting them allocates.)
                let same = d == b.distance && sameLetters(i), bestSame = d == b.distance && sameLetters(b.index)
                let pref = d == b.distance && same == bestSame && (preferring?(words[i]) ?? false)
                let bestPref = d == b.distance && same == bestSame && (preferring?(words[b.index]) ?? false)
                let tie = d == b.distance && same == bestSame && pref == bestPref
                let better = d < b.distance
                    || (d == b.distance && same && !bestSame)
                    || (d == b.distance && same == bestSame && pref && !bestPref)
                    || (tie && domain[i] && !domain[b.index])
                    || (tie && domain[i] == domain[b.index] && frequency[i] > frequency[b.index])
                    || (tie && domain[i] == domain[b.index] && frequency[i] == frequency[b.index] && words[i] < words[b.index])
                if !better { continue }
            }
            best = (i, d)
        }
        return best.map { words[$0.index] }
    }

    /// Whether an ASCII word has the same bytes as `typed`, in any order (counted, nothing allocated).
    ///
    /// - Complexity: O(n) for words of n bytes.
    static func sameBytes(_ typed: [UInt8], _ word: String) -> Bool {
        guard word.utf8.count == typed.count else { return false }
        return withUnsafeTemporaryAllocation(of: Int16.self, capacity: 128) { counts in
            counts.initialize(repeating: 0)
            for b in typed { counts[Int(b & 0x7F)] &+= 1 }
            for b in word.utf8 { counts[Int(b & 0x7F)] &-= 1 }
            return counts.allSatisfy { $0 == 0 }
        }
    }

    /// Known words that start with a prefix, most used first.
    public func completions(of prefix: String, limit: Int = 8) -> [String] {
        guard !prefix.isEmpty else { return [] }
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if words[Int(sorted[mid])] < prefix { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        var k = lo
        while k < sorted.count, words[Int(sorted[k])].hasPrefix(prefix) {
            if words[Int(sorted[k])] != prefix { out.append(Int(sorted[k])) }
            k += 1
        }
        guard !out.isEmpty else { return [] }
        // (The one table the order reads captured, not `self`: a closure using `self` copied the whole
        // speller, its tables retained and released, for a word with no completions as well.)
        let frequency = self.frequency
        out.sort { frequency[$0] > frequency[$1] }
        return out.prefix(limit).map { words[$0] }
    }

    /// Calls `body` with the bytes of the word and of each of its deletions up to `edits` characters,
    /// each with its ``WordTableHash`` (some more than once when letters repeat). ASCII words are cut
    /// as bytes in a buffer on the stack (no `String` is made); others as characters.
    ///
    /// - Complexity: O(n^edits) calls for a word of n characters.
    static func forEachVariant(of word: String, _ chars: [Character], upTo edits: Int,
                               _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        func call(_ s: String) {
            var s = s
            s.withUTF8 { body($0, WordTableHash.of($0)) }
        }
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            call(word)
            for v in deletions(chars, upTo: edits) { call(v) }
            return
        }
        let bytes = Array(word.utf8)
        let n = bytes.count
        bytes.withUnsafeBufferPointer { body($0, WordTableHash.of($0)) }
        guard n > 1, edits > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { buffer in
            let base = UnsafeBufferPointer(buffer)
            for i in 0..<n {
                // Without position i.
                var k = 0
                for p in 0..<n where p != i { buffer[k] = bytes[p]; k += 1 }
                let one = UnsafeBufferPointer(rebasing: base[0..<(n - 1)])
                body(one, WordTableHash.of(one))
                guard edits >= 2, n > 2 else { continue }
                // Without positions i and j > i.
                for j in (i + 1)..<n {
                    k = 0
                    for p in 0..<n where p != i && p != j { buffer[k] = bytes[p]; k += 1 }
                    let two = UnsafeBufferPointer(rebasing: base[0..<(n - 2)])
                    body(two, WordTableHash.of(two))
                }
            }
        }
    }

    static func deletions(_ chars: [Character], upTo edits: Int) -> Set<String> {
        var out = Set<String>()
        var frontier: [[Character]] = [chars]
        for _ in 0..<edits {
            var next: [[Character]] = []
            for w in frontier where w.count > 1 {
                for k in w.indices {
                    var v = w
                    v.remove(at: k)
                    if out.insert(String(v)).inserted { next.append(v) }
                }
            }
            frontier = next
        }
        return out
    }
}

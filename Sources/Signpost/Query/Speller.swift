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
    private let known: [String: Int32]
    private let deletes: [String: [Int32]]
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
        var known: [String: Int32] = [:]
        func add(_ w: String, _ f: UInt32, _ d: Bool) {
            if let i = known[w] {
                freq[Int(i)] += f
                dom[Int(i)] = dom[Int(i)] || d
                return
            }
            known[w] = Int32(words.count)
            words.append(w); freq.append(f); dom.append(d)
        }
        for w in domainWords { add(w, 1, true) }
        for (w, f) in vocabulary { add(w, f, false) }
        var deletes: [String: [Int32]] = [:]
        for (i, w) in words.enumerated() {
            let chars = Array(w)
            guard chars.count >= 4, chars.allSatisfy({ $0.isLetter }) else { continue }
            guard dom[i] || freq[i] >= minimumFrequency else { continue }
            // The word itself too: a typed word with a letter too many (`hunslett`) meets it through
            // its own deletions only.
            deletes[w, default: []].append(Int32(i))
            for v in Self.deletions(chars, upTo: 2) { deletes[v, default: []].append(Int32(i)) }
        }
        self.words = words
        self.frequency = freq
        self.domain = dom
        self.known = known
        self.deletes = deletes
        isASCII = words.map { $0.utf8.allSatisfy { $0 < 0x80 } }
        self.sorted = (0..<Int32(words.count)).sorted { words[Int($0)] < words[Int($1)] }
    }

    /// Whether a word is known (and so never corrected).
    public func isKnown(_ word: String) -> Bool { known[word] != nil }

    /// Whether a word is a domain word.
    public func isDomainWord(_ word: String) -> Bool { known[word].map { domain[Int($0)] } ?? false }

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
    ///     parser's words that make a need's phrase with a neighbour: `mentle health`).
    public func correction(for word: String, ignoringProtection: Bool = false, preferring: ((String) -> Bool)? = nil,
                           short: Bool = false, only: ((String) -> Bool)? = nil) -> String? {
        guard known[word] == nil else { return nil }
        // A correct word the directory does not use is left as it is, unless two of its letters
        // are swapped in a word the directory's needs, places or times use (`toady` for `today`):
        // `vape` is not `rape`, `wife` not `Wike`, `oven` not `open`.
        let isWord = !ignoringProtection && protectedWords.contains(word)
        // An ASCII word with a digit or a sign in it is never corrected: say so before making characters.
        let utf8 = word.utf8
        if utf8.allSatisfy({ $0 < 0x80 }) && !utf8.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) {
            return nil
        }
        let chars = Array(word)
        guard chars.allSatisfy({ $0.isLetter }) else { return nil }
        // (Told which words to take, two edits for a word of five letters or more: `mentle` is two from `mental`.)
        let maxEdits = only != nil && chars.count >= 5 ? 2 : short && chars.count == 3 ? 1 : Self.allowedEdits(chars.count)
        guard maxEdits > 0 else { return nil }
        var candidates: [Int32] = []
        Self.forEachVariant(of: word, chars, upTo: maxEdits) { p in if let list = deletes[p] { candidates += list } }
        // Each candidate once (the choice below is a total order, so the order they come in does not matter).
        candidates.sort()
        var last: Int32 = -1
        let asciiWord = utf8.allSatisfy { $0 < 0x80 }
        let typed = Array(utf8)
        var best: (index: Int, distance: Int)? = nil
        lazy var letters = chars.sorted()
        /// Whether known word `i` has the typed word's letters (two swapped); sorting allocates, so asked last.
        func sameLetters(_ i: Int) -> Bool { words[i].count == chars.count && words[i].sorted() == letters }
        for c in candidates where c != last {
            last = c
            let i = Int(c)
            if chars.count <= 4 && !domain[i] { continue }
            // ASCII against ASCII: characters are bytes, so count on the bytes (no arrays of characters).
            let distance: Int?
            if asciiWord && isASCII[i] {
                var candidate = words[i]
                distance = typed.withUnsafeBufferPointer { t in
                    candidate.withUTF8 { EditDistance.damerau(t, $0, limit: maxEdits) }
                }
            } else {
                distance = EditDistance.damerau(chars, Array(words[i]), limit: maxEdits)
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
        return out.sorted { frequency[$0] > frequency[$1] }.prefix(limit).map { words[$0] }
    }

    /// Calls `body` with the word and each of its deletions up to `edits` characters (some more than
    /// once when letters repeat). ASCII words are cut as bytes (short results are small strings, no
    /// allocation); others as characters.
    ///
    /// - Complexity: O(n^edits) calls for a word of n characters.
    static func forEachVariant(of word: String, _ chars: [Character], upTo edits: Int, _ body: (String) -> Void) {
        body(word)
        guard word.utf8.allSatisfy({ $0 < 0x80 }) else {
            for v in deletions(chars, upTo: edits) { body(v) }
            return
        }
        let bytes = Array(word.utf8)
        let n = bytes.count
        guard n > 1, edits > 0 else { return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { buffer in
            for i in 0..<n {
                // Without position i.
                var k = 0
                for p in 0..<n where p != i { buffer[k] = bytes[p]; k += 1 }
                body(String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<(n - 1)]), as: UTF8.self))
                guard edits >= 2, n > 2 else { continue }
                // Without positions i and j > i.
                for j in (i + 1)..<n {
                    k = 0
                    for p in 0..<n where p != i && p != j { buffer[k] = bytes[p]; k += 1 }
                    body(String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<(n - 2)]), as: UTF8.self))
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

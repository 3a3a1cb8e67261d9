/// Languages a question asks the help to be offered in: `in Arabic`, `speaks Polish`, `Polish speaking`,
/// `Urdu interpreter` (they were searched as words: the one Arabic-speaking debt service came 57th). A
/// language's name alone is not taken (a `Somali community group` need not list Somali). A second
/// language after `or`/`and` goes with the first (`in Urdu or Punjabi`). An interpreter or translator
/// asked for stays a word to search (it is the help wanted).
enum LanguageExpressions {
    /// The languages asked for (English names, each once, in the order said) and the positions of the
    /// words that asked.
    struct Found {
        var languages: [String] = []
        var positions = WordPositions()
    }

    /// Words just before or after a language's name that make it a language asked for.
    static let cuesBefore: WordSet = ["in", "speaks", "speak", "speaking", "speaker", "speakers"]
    static let cuesAfter: WordSet = ["speaking", "speaker", "speakers", "language", "interpreter", "interpreters",
                                     "translator", "translators", "translation", "interpreting"]
    /// Cue words that are themselves the help asked for, so still searched.
    static let helpWords: WordSet = ["interpreter", "interpreters", "translator", "translators", "translation", "interpreting"]

    /// The languages asked for in the question's folded `words`.
    ///
    /// - Parameters:
    ///   - names: positions of the words that are a language's name (the parser's lexicon knows them).
    ///   - skipping: positions taken by something else (a time, a date).
    ///   - protected: positions inside a need's phrase.
    /// - Complexity: O(names).
    // (Inlined into the parser, where this code was until it had a file of its own: called, understanding
    // took 2 % longer with as many instructions.)
    @inline(__always)
    static func find(_ words: [String], names: WordPositions, skipping: WordPositions, protected: WordPositions) -> Found {
        var found = Found()
        guard !names.isEmpty else { return found }
        var used = skipping
        var lastLanguageAt = -3
        for i in names where !used.contains(i) && !protected.contains(i) {
            guard let name = Languages.namedInQuestion(words[i]) else { continue }
            let before = i > 0 && !used.contains(i - 1) ? words[i - 1] : "", after = i + 1 < words.count && !used.contains(i + 1) ? words[i + 1] : ""
            // (`speaks only Romanian`: the cue before `only`.)
            let onlyBetween = before == "only" && i >= 2 && !used.contains(i - 2) && cuesBefore.contains(words[i - 2])
            let cueBefore = cuesBefore.contains(before) || onlyBetween, cueAfter = cuesAfter.contains(after)
            let listed = lastLanguageAt == i - 2 && (before == "or" || before == "and")
            guard cueBefore || cueAfter || listed else { continue }
            if !found.languages.contains(name) { found.languages.append(name) }
            found.positions.insert(i)
            if cueBefore || listed { found.positions.insert(i - 1) }
            if onlyBetween { found.positions.insert(i - 2) }
            if cueAfter && !helpWords.contains(after) { found.positions.insert(i + 1) }
            used.formUnion(found.positions)
            lastLanguageAt = i
        }
        return found
    }
}

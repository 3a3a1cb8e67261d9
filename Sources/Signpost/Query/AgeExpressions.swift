/// The age a question says the help is for: `for a 15 year old`, `my 8 yr old`, `aged 70`, `16-25 year
/// olds`, `aged 5 to 11`, `over 65s`, `6 months old`, `my son is 15`, `I'm 70` (services for ages 8-13
/// came first for a 15 year old when these were searched as words).
///
/// ```swift
/// AgeExpressions.find(["my", "son", "is", "15"], ...)   // [Found(ages: 15...15, positions: [1, 2, 3])]
/// ```
enum AgeExpressions {
    /// An age or range of ages said, and the positions of the words that said it.
    struct Found {
        var ages: ClosedRange<Int>
        var positions: [Int]
    }

    /// People whose age `is` says (`my son is 15`; and `she's 15`, whose `'s` the analyser drops).
    static let personWords: WordSet = ["son", "daughter", "child", "kid", "boy", "girl", "grandson", "granddaughter", "nephew", "niece",
                                       "brother", "sister", "he", "she", "mum", "mom", "dad", "mother", "father", "husband", "wife",
                                       "partner", "nan", "nana", "gran", "grandma", "grandad", "grandpa", "grandmother", "grandfather"]
    /// Words after a number that say it counts something other than years of age.
    static let notAnAgeAfter: WordSet = ["month", "months", "week", "weeks", "day", "days", "year", "years", "yr", "yrs", "hour", "hours",
                                         "minute", "minutes", "mins", "pound", "pounds", "quid", "p", "k", "grand", "mile", "miles",
                                         "behind", "pregnant", "late", "times", "percent", "kids", "children", "people"]
    /// Words before a number that make it the speaker's or someone's age (`she's 15`, `I'm 70`).
    static let ageSubjects: WordSet = ["she", "he", "shes", "hes", "im"]
    /// Words of `15 year old`.
    static let yearWords: WordSet = ["year", "years", "yr", "yrs"]
    /// Words of `6 months old` (a baby's age, in whole years).
    static let monthWords: Set<String> = ["month", "months", "week", "weeks"]

    /// Every age said in the question's folded `words`, in order. Two said apart (`mum aged 19 with a 2
    /// year old`) are two: the caller takes an age only when there is one.
    ///
    /// - Parameters:
    ///   - skipping: positions taken by something else (a time, a date, a language).
    ///   - protected: positions inside a need's phrase.
    ///   - hyphens: positions of words joined to the one before by a hyphen alone (`16-25`).
    ///   - concepts, stem: the needs' phrases and the stem of the word at a position, to tell a need's
    ///     phrase from an age (`over 60s` is a lunch club's).
    /// - Complexity: O(words); one byte read for a word that cannot start an age.
    // (Inlined into the parser, where this code was until it had a file of its own: called, understanding
    // took 2 % longer with as many instructions.)
    @inline(__always)
    static func find(_ words: [String], skipping used: WordPositions, protected: WordPositions, hyphens: WordPositions,
                     concepts: ConceptRecognizer, stem: (Int) -> String) -> [Found] {
        var found: [Found] = []
        /// A word of one or two digits and what follows them in it (`15`, `15yo`, `65s`).
        func digitsAndUnit(_ k: Int) -> (Int, Substring.UTF8View)? {
            guard k >= 0, k < words.count, !used.contains(k), !protected.contains(k) else { return nil }
            let w = words[k].utf8
            let digits = w.prefix(while: { $0 >= 0x30 && $0 <= 0x39 })
            guard (1...2).contains(digits.count), let n = Int(String(words[k].prefix(digits.count))) else { return nil }
            return (n, words[k][words[k].index(words[k].startIndex, offsetBy: digits.count)...].utf8)
        }
        func number(_ k: Int) -> Int? { digitsAndUnit(k).flatMap { $0.1.isEmpty ? $0.0 : nil } }
        /// `15yo`, `17yr`, `12yrs`: an age in one word.
        func ageWord(_ k: Int) -> Int? {
            guard let (n, unit) = digitsAndUnit(k) else { return nil }
            return ["yo", "yr", "yrs"].contains(where: { unit.elementsEqual($0.utf8) }) ? n : nil
        }
        /// `65s`, `11s`: the ages of a group, in one word.
        func groupWord(_ k: Int) -> Int? {
            guard let (n, unit) = digitsAndUnit(k) else { return nil }
            return unit.elementsEqual("s".utf8) ? n : nil
        }
        var a = 0
        while a < words.count {
            // Most words start no age: one byte says so (`over`, `under` and digits do).
            guard let b = words[a].firstByte, (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: "o") || b == UInt8(ascii: "u") else { a += 1; continue }
            if let n = ageWord(a) {
                found.append(Found(ages: n...n, positions: [a]))
                a += 1
                continue
            }
            // `over 65s`, `under 5s` (not a need's phrase: `over 60s` is a lunch club's).
            if words[a] == "over" || words[a] == "under", let n = groupWord(a + 1) ?? number(a + 1), !used.contains(a), !protected.contains(a),
               groupWord(a + 1) != nil || (a + 2 < words.count && yearWords.contains(words[a + 2])),
               !concepts.isPhrase(stem(a), stem(a + 1)) {
                // (`over 18 years old`: the unit and `old` are the age's too.)
                var last = a + 1
                if last + 1 < words.count, yearWords.contains(words[last + 1]) { last += 1 }
                if last + 1 < words.count, words[last + 1] == "old" || words[last + 1] == "olds" { last += 1 }
                if words[a] == "over" {
                    found.append(Found(ages: n...120, positions: Array(a...last)))
                } else if n > 0 {
                    found.append(Found(ages: 0...(n - 1), positions: Array(a...last)))
                }
                a = last + 1
                continue
            }
            guard let n = number(a) else { a += 1; continue }
            // A range: `16-25`, `16 to 25`, `5-11s`.
            var hi = n, end = a, group = false
            if let m = number(a + 1), hyphens.contains(a + 1), m > n { hi = m; end = a + 1 }
            else if let m = groupWord(a + 1), hyphens.contains(a + 1), m > n { hi = m; end = a + 1; group = true }
            else if a + 2 < words.count, words[a + 1] == "to", let m = number(a + 2), m > n { hi = m; end = a + 2 }
            if group {
                found.append(Found(ages: n...hi, positions: Array(a...end)))
                a = end + 1
                continue
            }
            // `6 months old`, `aged 6 months`: a baby, under one.
            let months = end + 1 < words.count && monthWords.contains(words[end + 1])
            if end + 2 < words.count, months || yearWords.contains(words[end + 1]), words[end + 2] == "old" || words[end + 2] == "olds" {
                found.append(Found(ages: months ? (n / 12)...(n / 12) : n...hi, positions: Array(a...(end + 2))))
                a = end + 3
                continue
            }
            // `my son is 15`, `she's 15`, `mum is 70`: the person's age (not `he's 3 months behind on rent`,
            // `she's 20 weeks pregnant`: a word after the number says what it counts).
            // So `I'm 70`, `I am 70`, and a person's word with the number after it (`my daughter (14)`, `son 15`).
            let after = a + 1 < words.count ? words[a + 1] : nil
            if a >= 1, end == a, !used.contains(a - 1), after.map({ notAnAgeAfter.contains($0) }) != true {
                let before = words[a - 1]
                var said: [Int]? = nil
                if ageSubjects.contains(before) { said = [a - 1, a] }
                else if a >= 2, before == "is" && personWords.contains(words[a - 2]) || before == "am" && words[a - 2] == "i" { said = [a - 2, a - 1, a] }
                else if personWords.contains(before) { said = [a] }
                if let said {
                    found.append(Found(ages: n...n, positions: said))
                    a += 1
                    continue
                }
            }
            if a > 0, words[a - 1] == "aged" || words[a - 1] == "age", !used.contains(a - 1) {
                // More ages listed after it (`kids aged 4 and 7`, `aged 4, 7 and 9`): the range from the first
                // to the last (the 7-year-old was left out, and services for 5 and up with them).
                var last = months ? end + 1 : end, lo = n
                while !months {
                    let k = last + 1 < words.count && (words[last + 1] == "and" || words[last + 1] == "&") ? last + 2 : last + 1
                    guard let m = number(k) else { break }
                    // (`4 and 7 years old`: the unit and `old` end the list, and are its words.)
                    let yearsOld = k + 2 < words.count && yearWords.contains(words[k + 1]) && (words[k + 2] == "old" || words[k + 2] == "olds")
                    guard yearsOld || k + 1 >= words.count || !notAnAgeAfter.contains(words[k + 1]) else { break }
                    lo = Swift.min(lo, m)
                    hi = Swift.max(hi, m)
                    last = yearsOld ? k + 2 : k
                    if yearsOld { break }
                }
                found.append(Found(ages: months ? (n / 12)...(n / 12) : lo...hi, positions: Array((a - 1)...last)))
                a = last + 1
                continue
            }
            a += 1
        }
        return found
    }
}

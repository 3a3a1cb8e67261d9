/// How a question says the person can get the help: `no referral needed`, `without a referral`, `don't
/// need a referral`, `self refer` (no referral), and turning up: `no appointment` (they were searched as
/// words). Not `walk in` or `drop in`: `walk in Armley` is a walk, told only once places are read (the parser
/// reads them then, and keeps them searched, as service names hold them). Not
/// `free`: "pay as you feel" cafés count as paid, and leaving them out of `free meal` lowered the yardstick.
enum ReferralExpressions {
    /// What was said, and the positions of the words that said it.
    struct Found {
        /// Services that need no referral.
        var noReferral = false
        /// Services people can turn up to, with no appointment.
        var walkIn = false
        var positions = WordPositions()
    }

    // (The word lists are static sets: an array literal in the loop was allocated for every word.)
    /// The words that can start a question's `no referral needed`, `don't need a referral`, `self refer`.
    static let starts: WordSet = ["no", "without", "dont", "doesnt", "not", "self"]
    /// The starts of `dont need a referral`, `not needed`: a need said not to be.
    static let negations: WordSet = ["dont", "doesnt", "not"]
    static let articles: WordSet = ["a", "an", "any"]
    static let referralOrAppointment: WordSet = ["referral", "referrals", "ref", "voucher", "vouchers", "appointment", "appointments"]
    static let referralWords: Set<String> = ["referral", "referrals", "voucher", "vouchers"]
    static let neededWords: WordSet = ["needed", "required", "necessary", "need"]
    static let selfReferralWords: WordSet = ["refer", "referral", "referring", "referrals"]

    /// Every such phrase in the question's folded `words`, outside `skipping` (words taken by something
    /// else, and the words of a need's phrase).
    ///
    /// - Complexity: O(words).
    // (Inlined into the parser, where this code was until it had a file of its own: called, understanding
    // took 2 % longer with as many instructions.)
    @inline(__always)
    static func find(_ words: [String], skipping: WordPositions) -> Found {
        var found = Found()
        for i in words.indices where !skipping.contains(i) && !found.positions.contains(i) {
            let w = words[i]
            guard starts.contains(w) else { continue }
            var j = i + 1
            if (w == "no" || w == "without") && j < words.count {
                if j + 1 < words.count, articles.contains(words[j]) { j += 1 }
                let what = words[j]
                // (A food bank's voucher is its referral: `without a voucher` put voucher-only food banks first.)
                guard referralOrAppointment.contains(what) else { continue }
                if what.hasPrefix("appointment") { found.walkIn = true } else { found.noReferral = true }
                if j + 1 < words.count, neededWords.contains(words[j + 1]) { j += 1 }
            } else if negations.contains(w), j + 1 < words.count, words[j] == "need" || words[j] == "needs" {
                // `dont`, `doesnt`, `not` need a referral.
                j += 1
                if j + 1 < words.count, articles.contains(words[j]) { j += 1 }
                guard referralWords.contains(words[j]) else { continue }
                found.noReferral = true
            } else if w == "self", j < words.count, selfReferralWords.contains(words[j]) {
                found.noReferral = true
            } else {
                continue
            }
            found.positions.formUnion(i...j)
        }
        return found
    }
}

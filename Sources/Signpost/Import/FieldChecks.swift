/// Checks of single values that every format shares: phone numbers, email addresses, websites,
/// and how long ago an entry was verified.
enum FieldChecks {
    /// A problem with a value: what kind, why, and how to fix it.
    struct Finding {
        var code: String
        var reason: String
        var hint: String?
    }

    /// UK numbers have 10 or 11 digits (0113 496 0000, 07700 900000); +44 numbers 12; 999/111 are fine.
    static func phone(_ raw: String) -> Finding? {
        // `+44 (0)113 496 0000`, as UK numbers are often written for callers abroad: the 0 in brackets
        // is dialled only from inside the UK.
        var raw = raw
        if raw.trimmed.hasPrefix("+"), raw.contains("(0)") { raw = raw.replacingOccurrences(of: "(0)", with: "") }
        let digits = raw.filter(\.isNumber)
        if ["999", "111", "112", "116123"].contains(digits) { return nil }
        let international = raw.trimmed.hasPrefix("+")
        if international {
            if digits.hasPrefix("44") { return (11...12).contains(digits.count) ? nil : Finding(code: "bad-phone", reason: "phone number has \(digits.count) digits", hint: "a UK number is +44 then 10 digits") }
            return (8...15).contains(digits.count) ? nil : Finding(code: "bad-phone", reason: "phone number has \(digits.count) digits", hint: nil)
        }
        if digits.count == 10 || digits.count == 11 {
            return digits.hasPrefix("0") ? nil : Finding(code: "bad-phone", reason: "phone number does not start with 0", hint: "write UK numbers with the area code, e.g. 0113 496 0000")
        }
        return Finding(code: "bad-phone", reason: "phone number has \(digits.count) digits",
                       hint: "UK numbers have 10 or 11 digits, e.g. 0113 496 0000")
    }

    /// `1.13496E+09`, `4.41135E+11`: a number as Excel shows it in scientific notation.
    static func isScientificNotation(_ raw: String) -> Bool {
        let v = Array(raw.trimmed.utf8)
        guard let e = v.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }), e > 0, e + 2 < v.count,
              v[e + 1] == UInt8(ascii: "+") else { return false }
        func digits(_ s: ArraySlice<UInt8>) -> Bool { !s.isEmpty && s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        let mantissa = v[..<e], exponent = v[(e + 2)...]
        let parts = mantissa.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return digits(exponent) && parts.count <= 2 && parts.allSatisfy { digits($0) }
    }

    /// A UK number without its leading 0 (ten digits and spaces, the first 1, 2, 3, 7 or 8: `113 496 0001`),
    /// with it; nil for anything else.
    static func restoringLeadingZero(_ raw: String) -> String? {
        let v = raw.trimmed
        guard let first = v.first, "12378".contains(first), v.allSatisfy({ $0 == " " || ($0.isASCII && $0.isNumber) }),
              v.filter(\.isNumber).count == 10 else { return nil }
        return "0" + v
    }

    /// The phone numbers in a value: one, or several written with `/`, `,` or `or` between them when
    /// each has the digits of a number (`0113 496 0376 / 07700 900456`); a value otherwise as written.
    static func phoneNumbers(in raw: String) -> [String] {
        for separator in [" / ", "/", " or ", ", ", ","] where raw.contains(separator) {
            let parts = raw.components(separatedBy: separator).map(\.trimmed).filter { !$0.isEmpty }
            if parts.count > 1 && parts.allSatisfy({ $0.filter(\.isNumber).count >= 10 }) { return parts }
        }
        return [raw]
    }

    /// A decimal number with a full stop, or with a comma as the decimal mark (`53,8146`: Excel writes
    /// one where the comma is the decimal mark, in a `;`-separated file); nil otherwise.
    static func decimal(_ raw: String) -> Double? {
        if let v = Double(raw) { return v }
        let parts = raw.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), !parts[0].contains(".") else { return nil }
        return Double(parts[0] + "." + parts[1])
    }

    static func email(_ raw: String) -> Finding? {
        let s = raw.trimmed
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].utf8.contains(0x2E), !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              !s.utf8.contains(0x20) else {
            return Finding(code: "bad-email", reason: "is not an email address", hint: "e.g. name@example.org")
        }
        return nil
    }

    /// The website to keep, as every format keeps it: as written when it is one, with https:// added
    /// to a `www.` address, none when it is no web address; `report` is told of the last two (and
    /// whether the value was repaired).
    static func keptWebsite(_ raw: String, report: (Finding, _ repaired: Bool) -> Void) -> String? {
        let (finding, repaired) = website(raw)
        guard let finding else { return raw }
        report(finding, repaired != nil)
        return repaired
    }

    /// Websites should start with http:// or https://; `www.` addresses are read with https:// added,
    /// and what is no web address is left out (every format alike).
    static func website(_ raw: String) -> (Finding?, repaired: String?) {
        let s = raw.trimmed
        let lower = ByteText(s)
        let space = s.utf8.contains(0x20), dot = s.utf8.contains(0x2E), at = s.utf8.contains(0x40)
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") {
            return space || !dot ? (Finding(code: "bad-url", reason: "is not a web address", hint: "left out"), nil) : (nil, nil)
        }
        if lower.hasPrefix("www.") || (dot && !space && !at) {
            return (Finding(code: "url-without-scheme", reason: "has no https://", hint: "read as https://\(s)"), "https://" + s)
        }
        return (Finding(code: "bad-url", reason: "is not a web address", hint: "left out; write it as https://example.org"), nil)
    }

    /// An entry last verified more than a year before `reference`, or on a day after it (a slip of
    /// the year, `2099-01-01`, would keep it from ever counting as stale).
    static func stale(_ date: LocalDate, reference: LocalDate) -> Finding? {
        if date.dayNumber - reference.dayNumber > 1 {
            return Finding(code: "future-date", reason: "last verified \(date), which is after today (\(reference))",
                           hint: "check the year; the entry is read as verified that day")
        }
        guard reference.dayNumber - date.dayNumber > Freshness.staleAfterDays else { return nil }
        return Finding(code: "stale", reason: "last verified \(date), over 12 months ago", hint: "check the entry is still right and update the date")
    }

    /// A date written as people write it: the British way, day first (`01/10/2026`, `1.10.26`, as
    /// Excel writes it in the UK), or year first with other separators (`2025/01/02`, `2025-1-2`); nil
    /// otherwise. A two-digit year is this century's unless that would put it after `reference`'s year.
    static func lenientDate(_ raw: String, reference: LocalDate) -> LocalDate? {
        let parts = raw.trimmed.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" })
        guard parts.count == 3, parts.allSatisfy({ p in p.allSatisfy { $0.isASCII && $0.isNumber } }),
              let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { return nil }
        if parts[0].count == 4 && parts[1].count <= 2 && parts[2].count <= 2 { return LocalDate(year: a, month: b, day: c) }
        guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 2 || parts[2].count == 4 else { return nil }
        var year = c
        if parts[2].count == 2 { year += 2000; if year > reference.year { year -= 100 } }
        return LocalDate(year: year, month: b, day: a)
    }

    /// Text with control characters (terminal escapes, the bell, NUL) or bidirectional overrides,
    /// which no directory entry means to hold: the text without them, or nil when it has none.
    /// Tabs and line breaks are kept.
    ///
    /// - Complexity: O(n); one pass over the bytes when there is nothing to remove.
    static func withoutControlCharacters(_ s: String) -> String? {
        func isControl(_ v: UInt32) -> Bool {
            (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (0x7F..<0xA0).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
        // Only bytes below 0x20, 0x7F, and the lead bytes of C1 (0xC2) and of the overrides (0xE2) can start one.
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 }),
              s.unicodeScalars.contains(where: { isControl($0.value) }) else { return nil }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars where !isControl(scalar.value) { out.append(scalar) }
        return String(out)
    }
}

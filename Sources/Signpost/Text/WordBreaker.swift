import CICU
import Synchronization

/// The first stage of analysis: splits text into words at Unicode (UAX #29) word boundaries.
///
/// ICU does the work, including dictionary-based breaking for scripts written without spaces
/// (Thai, Chinese, Japanese, Khmer, ...). Text that is entirely ASCII takes a fast path that applies
/// the same UAX #29 rules restricted to ASCII; a property test checks it against ICU.
public struct WordBreaker: Sendable {
    /// A word segment: UTF-16 offsets and its class.
    public struct Segment: Sendable, Hashable {
        public var range: Range<Int>
        public var wordClass: WordClass
    }

    private let pool: _ICUPool<_BreakIteratorBox>

    /// Creates a word breaker for a locale (root rules unless the locale tailors them).
    public init(locale: String = "en_GB") {
        pool = _ICUPool { try _BreakIteratorBox(locale: locale) }
    }

    /// The words of `text`, skipping spaces and punctuation.
    ///
    /// - Complexity: O(n) in the length of the text.
    public func words(in text: String) -> [Segment] {
        if let ascii = _ASCIIWordBreaker.words(in: text) { return ascii }
        return icuWords(in: Array(text.utf16))
    }

    /// Word segments as ICU alone finds them (no ASCII fast path); for tests and checks.
    public func icuWords(in utf16: [UInt16]) -> [Segment] {
        icuSegments(in: utf16).compactMap { range, cls in
            WordClass(rawValue: cls).map { Segment(range: range, wordClass: $0) }
        }
    }

    /// Every segment between consecutive ICU word boundaries, including spaces and punctuation
    /// (class 0); used by the UAX #29 conformance test.
    public func icuSegments(in utf16: [UInt16]) -> [(Range<Int>, UInt8)] {
        guard !utf16.isEmpty else { return [] }
        return pool.with { box in box.split(utf16) } ?? []
    }
}

/// Owns one ICU break iterator (not thread-safe) and its output buffers.
final class _BreakIteratorBox {
    private let handle: OpaquePointer
    private var starts = [Int32](repeating: 0, count: 256)
    private var ends = [Int32](repeating: 0, count: 256)
    private var classes = [UInt8](repeating: 0, count: 256)

    init(locale: String) throws(ICUError) {
        var error: Int32 = 0
        guard let h = cicu_word_breaker_open(locale, &error), cicu_failed(error) == 0 else {
            throw ICUError(operation: "open word break iterator", code: error)
        }
        handle = h
    }

    deinit { cicu_word_breaker_close(handle) }

    func split(_ text: [UInt16]) -> [(Range<Int>, UInt8)] {
        while true {
            var error: Int32 = 0
            let capacity = Int32(starts.count)
            let n = text.withUnsafeBufferPointer { t in
                cicu_word_breaker_split(handle, t.baseAddress, Int32(t.count), &starts, &ends, &classes,
                                        capacity, &error)
            }
            if cicu_failed(error) != 0 { return [] }
            if n < 0 {
                let needed = Int(-n)
                starts = [Int32](repeating: 0, count: needed)
                ends = starts
                classes = [UInt8](repeating: 0, count: needed)
                continue
            }
            return (0..<Int(n)).map { (Int(starts[$0])..<Int(ends[$0]), classes[$0]) }
        }
    }
}

/// UAX #29 word boundaries for pure-ASCII text, without calling ICU.
///
/// ASCII word-break properties: ALetter `A-Za-z`; Numeric `0-9`; MidNumLet `.`; Single_Quote `'`;
/// MidNum `,` `;`; everything else is a boundary on both sides. The colon is not
/// MidLetter here: CLDR's root tailoring (which ICU follows) removes it, as Unicode's own test file
/// notes. Rules applied: WB5-WB13b (letter and digit runs joined across a single mid character).
/// A word's class follows its last character, as ICU's rule status reports it (`ls12` is a number,
/// `12a` a letter).
enum _ASCIIWordBreaker {
    private enum Property { case letter, numeric, midNumLet, singleQuote, midNum, other }

    private static func property(_ b: UInt8) -> Property {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"): return .letter
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return .numeric
        case UInt8(ascii: "."): return .midNumLet
        case UInt8(ascii: "'"): return .singleQuote
        case UInt8(ascii: ","), UInt8(ascii: ";"): return .midNum
        default: return .other
        }
    }

    /// Word segments, or nil when the text is not pure ASCII or contains underscores.
    static func words(in text: String) -> [WordBreaker.Segment]? {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { scan($0) } ?? nil
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> [WordBreaker.Segment]? {
        var out: [WordBreaker.Segment] = []
        // (A word and a space are at least two bytes: one allocation, not one per doubling.)
        out.reserveCapacity(bytes.count / 2 + 1)
        let done = forEachWord(in: bytes) { out.append($0) }
        return done ? out : nil
    }

    /// Calls `body` with each word segment of pure-ASCII text, in order; false (and no calls) when
    /// the text is not pure ASCII or contains underscores.
    ///
    /// - Complexity: O(n) in the length of the text.
    @inline(__always)
    static func forEachWord(in bytes: UnsafeBufferPointer<UInt8>, _ body: (WordBreaker.Segment) -> Void) -> Bool {
        // Underscores (ExtendNumLet) carry rule-status details of ICU's that are not worth copying:
        // text with them goes to ICU.
        for b in bytes where b >= 0x80 || b == UInt8(ascii: "_") { return false }
        let n = bytes.count
        var i = 0
        while i < n {
            let p = property(bytes[i])
            guard p == .letter || p == .numeric else { i += 1; continue }
            let start = i
            var lastIsLetter = p == .letter
            var j = i + 1
            while j < n {
                let q = property(bytes[j])
                if q == .letter || q == .numeric {
                    lastIsLetter = q == .letter
                    j += 1
                    continue
                }
                // WB6/7 and WB11/12: a single mid character between letters, or between digits.
                guard q != .other, j + 1 < n else { break }
                let prev = property(bytes[j - 1]), next = property(bytes[j + 1])
                let letterJoin = prev == .letter && next == .letter && q != .midNum
                let numberJoin = prev == .numeric && next == .numeric
                guard letterJoin || numberJoin else { break }
                lastIsLetter = next == .letter
                j += 2
            }
            body(.init(range: start..<j, wordClass: lastIsLetter ? .letter : .number))
            i = j
        }
        return true
    }
}

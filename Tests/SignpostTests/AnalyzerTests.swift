import Foundation
import PropertyBased
import Testing
@testable import Signpost

@Suite("Text analysis")
struct AnalyzerTests {
    let analyzer = Analyzer.standard

    @Test func foldsCaseAccentsAndWidth() {
        #expect(analyzer.tokens(in: "Café ŻYWNOŚCIOWA ｆｏｏｄ Straße Łódź").map(\.text) == ["cafe", "zywnosciowa", "food", "strasse", "lodz"])
    }

    @Test("an unaccented query finds accented text", arguments: [("zywnosciowa", "żywnościowa"), ("cafe", "café"), ("creme", "Crème")])
    func accentFolding(query: String, text: String) {
        #expect(analyzer.terms(in: query).map(\.text) == analyzer.terms(in: text).map(\.text))
    }

    @Test func reportsTheLinkedICU() {
        // "72.1" and "15.0" on Debian 12: digits and dots, no trailing NULs.
        for v in [ICUInfo.icuVersion, ICUInfo.unicodeVersion] {
            #expect(!v.isEmpty && v.allSatisfy { $0.isNumber || $0 == "." }, "\(v.debugDescription)")
        }
    }

    @Test func keepsApostrophesSensible() {
        #expect(analyzer.tokens(in: "can't can’t cant").map(\.text) == ["cant", "cant", "cant"])
        #expect(analyzer.tokens(in: "St Mary's St Mary’s").map(\.text) == ["st", "mary", "st", "mary"])
    }

    @Test func stemsWithSnowballEnglish() {
        #expect(analyzer.terms(in: "running connections benefits").map(\.text) == ["run", "connect", "benefit"])
    }

    @Test func removesStopWordsButNeverEmptiesAQuery() {
        #expect(analyzer.terms(in: "help with the bills").map(\.text) == ["help", "bill"])
        let tokens = analyzer.tokens(in: "where is it")
        #expect(analyzer.terms(tokens).map(\.text) == ["where", "is", "it"])
        #expect(analyzer.terms(tokens, keepingAllIfEmpty: false).isEmpty)
    }

    @Test func recordsOffsetsInTheOriginalText() {
        let text = "Café — Food"
        let tokens = analyzer.tokens(in: text)
        #expect(tokens.map(\.range) == [0..<4, 7..<11])
        #expect(tokens.map(\.position) == [0, 1])
    }

    @Test("mixed scripts are split into words", arguments: [
        ("Bank żywności w Leeds", ["bank", "zywnosci", "w", "leeds"]),
        ("دعم الصحة النفسية", ["دعم", "الصحة", "النفسية"]),
        ("مفت کھانا اردو میں", ["مفت", "کھانا", "اردو", "میں"]),
        ("我们提供免费食物", ["我们", "提供", "免费", "食物"]),
        ("Food bank / 食物银行", ["food", "bank", "食物", "银行"]),
    ])
    func mixedScripts(text: String, expected: [String]) {
        #expect(analyzer.tokens(in: text).map(\.text) == expected)
    }

    @Test func thaiIsBrokenWithICUsDictionary() {
        // "ธนาคารอาหาร" (food bank) has no spaces; ICU's dictionary splits it into words.
        #expect(analyzer.tokens(in: "ธนาคารอาหาร").count == 2)
    }

    @Test func theASCIIFastPathAgreesWithICU() async {
        let alphabet = Array("ab Z09.,:;'_-&/ \t")
        let breaker = WordBreaker()
        await propertyCheck(count: 2000, input: Gen<Character?>.element(of: alphabet).array(of: 0...24)) { chars in
            let text = String(chars.compactMap { $0 })
            let fast = breaker.words(in: text).map { "\($0.range)\($0.wordClass)" }
            let icu = breaker.icuWords(in: Array(text.utf16)).map { "\($0.range)\($0.wordClass)" }
            #expect(fast == icu, "\"\(text)\"")
        }
    }

    /// The index build finds words by their folded bytes in its own table; it must see the same
    /// words, with the same stems, as the analyser (apostrophes, capitals, digits, accents, other
    /// scripts), and keep them apart when its table grows past thousands of words.
    @Test func theBuildsWordTableAgreesWithTheAnalyser() async {
        let pieces = ["Food", "bank", "St", "Mary's", "can't", "CAFÉ", "café", "the", "and", "of", "LS12", "3.5", "ｆｏｏｄ",
                      "دعم", "żywność", "o'clock", "'s", "x_y", "Straße", "advice", "advise", "ADVICE", "a"]
        let rare = (0..<3_000).map { "w\(String($0, radix: 36))q" }
        let stopWords = analyzer.stopWords
        var scratch = AnalysisScratch()
        var words: [AnalysisScratch.Word] = []
        await propertyCheck(count: 1_500, input: Gen<Int>.int(in: 0...(pieces.count + rare.count - 1)).array(of: 0...12)) { picks in
            let text = picks.map { $0 < pieces.count ? pieces[$0] : rare[$0 - pieces.count] }.joined(separator: picks.count % 3 == 0 ? ", " : " ")
            scratch.words(in: text, analyzer: analyzer, phrases: PhraseMatcher(), into: &words)
            let expected = analyzer.tokens(in: text).map(\.text).filter { !stopWords.contains($0) }
            #expect(words.map { scratch.text(ofWord: $0.number) } == expected, "\"\(text)\"")
            #expect(words.map { scratch.stems[Int($0.stem)] } == expected.map(analyzer.stem), "\"\(text)\"")
        }
        // Every word is learned once: after the table has grown, each is still found, not learned again.
        scratch.words(in: rare.joined(separator: " "), analyzer: analyzer, phrases: PhraseMatcher(), into: &words)
        let numbers = words.map(\.number)
        #expect(Set(numbers).count == rare.count && numbers.max()! < Int32(rare.count + pieces.count * 2))
        scratch.words(in: rare.joined(separator: " "), analyzer: analyzer, phrases: PhraseMatcher(), into: &words)
        #expect(words.map(\.number) == numbers)
    }
}

/// Unicode's own word-boundary test suite (Debian `unicode-data`), for ICU's word-break stage.
@Suite("Unicode WordBreakTest.txt")
struct WordBreakConformanceTests {
    static let file = URL(fileURLWithPath: "/usr/share/unicode/auxiliary/WordBreakTest.txt")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: file.path),
                   "Debian's unicode-data is not installed (scripts/setup installs it)"))
    func icuWordBoundariesMatchUnicode() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let breaker = WordBreaker(locale: "en")
        var checked = 0, failures: [String] = []
        for (n, raw) in text.split(separator: "\n").enumerated() {
            let line = String(raw.prefix { $0 != "#" }).trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            var units: [UInt16] = []
            var expected: [Int] = []
            for item in line.split(separator: " ") {
                if item == "÷" { expected.append(units.count) } else if item != "×", let v = UInt32(item, radix: 16), let s = Unicode.Scalar(v) {
                    units += Array(String(Character(s)).utf16)
                }
            }
            // ICU breaks ideographs, kana and South-East Asian scripts with dictionaries rather than
            // UAX #29's rules; those lines do not apply to this stage.
            let dictionary = String(decoding: units, as: UTF16.self).unicodeScalars.contains { s in
                (0x0E00...0x0EFF).contains(s.value) || (0x1000...0x109F).contains(s.value) || (0x1780...0x17FF).contains(s.value)
                    || (0x3040...0x30FF).contains(s.value) || (0x4E00...0x9FFF).contains(s.value)
            }
            if dictionary { continue }
            // CLDR's root word-break tailoring, which ICU follows, takes U+003A COLON out of
            // MidLetter (only Swedish and Finnish keep it), so `a:b` breaks at the colon.
            if line.contains("003A") { continue }
            let segments = breaker.icuSegments(in: units)
            let got = [0] + segments.map(\.0.upperBound)
            checked += 1
            if got != expected { failures.append("line \(n + 1): \(line)") }
        }
        #expect(checked > 1_400)
        #expect(failures.isEmpty, "\(failures.count) of \(checked) cases differ, e.g. \(failures.prefix(3))")
    }
}

/// Snowball's own English vocabulary and expected stems (Debian `snowball-data`).
@Suite("Snowball English vocabulary")
struct SnowballConformanceTests {
    static let folder = URL(fileURLWithPath: "/usr/share/snowball/data/english")

    @Test(.enabled(if: FileManager.default.fileExists(atPath: folder.appendingPathComponent("voc.txt").path),
                   "Debian's snowball-data is not installed (scripts/setup installs it)"))
    func stemmerMatchesSnowballsOutput() throws {
        let words = try String(contentsOf: Self.folder.appendingPathComponent("voc.txt"), encoding: .utf8).split(separator: "\n")
        let stems = try String(contentsOf: Self.folder.appendingPathComponent("output.txt"), encoding: .utf8).split(separator: "\n")
        #expect(words.count == stems.count)
        let stemmer = Stemmer(overrides: [:])  // Snowball itself, without our overrides
        var mismatches: [String] = []
        for (w, s) in zip(words, stems) where stemmer.stem(String(w)) != String(s) {
            mismatches.append("\(w) → \(stemmer.stem(String(w))), expected \(s)")
        }
        #expect(words.count > 20_000)
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, e.g. \(mismatches.prefix(3))")
    }
}

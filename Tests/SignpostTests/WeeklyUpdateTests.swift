import Foundation
import Synchronization
import Testing
@testable import Signpost

/// `signpost validate`, `load`, `diff` and `export` as hub staff use them, end to end through the
/// executable: messages, exit statuses, the rejects file, the refusal to go live, and the
/// fallback to the previous snapshot.
@Suite("The weekly update (command line)")
struct WeeklyUpdateTests {
    static let header = SpreadsheetTests.header
    static let rows = SpreadsheetTests.rows

    func write(_ text: String, _ name: String = "hub.csv", in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    // MARK: - validate

    @Test func aCleanFileExitsZeroAndSaysSo() throws {
        let folder = Fixtures.temporaryFolder()
        let file = try write(SpreadsheetTests.good, in: folder)
        let r = try Fixtures.run(["validate", file, "--at", "2025-11-12"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.out.contains("3 records read · 3 services accepted · 0 rejected") && r.out.contains("no problems found"))
    }

    /// Ids that differ only in capitals are said (`A1`, `a1` became two services that the API takes for one).
    @Test func idsThatDifferOnlyInCapitalsAreSaid() throws {
        let folder = Fixtures.temporaryFolder()
        let file = try write([Self.header, Self.rows[0], Self.rows[0].replacingOccurrences(of: "s1,", with: "S1,"), Self.rows[1]].joined(separator: "\n"), in: folder)
        let r = try Fixtures.run(["validate", file, "--at", "2025-11-12"])
        #expect(r.out.contains("warning: id: value \"S1\" — differs from the id \"s1\" only in capitals") && r.out.contains("id-case 1"), "\(r.out)")
    }

    /// Errors come first, then warnings, then the reminders of entries not verified for a year, which a
    /// weekly file has thousands of (a hub's 346 wards that did not hold their postcodes were lost among
    /// them); what the limit leaves out is counted by kind.
    @Test func remindersToRecheckComeAfterTheProblems() throws {
        let folder = Fixtures.temporaryFolder()
        let file = try write([Self.header, Self.rows[0], Self.rows[1].replacingOccurrences(of: "Tu[1] 10:00-12:00", with: "9-5ish"),
                              Self.rows[2].replacingOccurrences(of: ",,,,,,0800", with: ",Armly,,,,,0800")].joined(separator: "\n"), in: folder)
        let r = try Fixtures.run(["validate", file, "--at", "2026-12-05", "--limit", "2"])
        let lines = r.out.split(separator: "\n")
        #expect(lines.count > 3 && lines[0].contains("error: opening_hours") && lines[1].contains("warning: ward: value \"Armly\""), "\(r.out)")
        #expect(lines[2] == "… and 3 more: stale 3 (see --limit, or --json for all)", "\(r.out)")
    }

    @Test func everyProblemIsReportedWithFileLineColumnAndFieldAndErrorsExit65() throws {
        let folder = Fixtures.temporaryFolder()
        let bad = [Self.header,
                   Self.rows[0].replacingOccurrences(of: ",Armley,", with: ",Armly,"),
                   Self.rows[1].replacingOccurrences(of: "Tu[1] 10:00-12:00", with: "9-5ish"),
                   Self.rows[2]].joined(separator: "\n")
        let file = try write(bad, in: folder)
        let r = try Fixtures.run(["validate", file, "--at", "2025-11-12"])
        #expect(r.status == 65)
        #expect(r.out.contains("\(file):2:") && r.out.contains("warning: ward: value \"Armly\"") && r.out.contains("did you mean \"Armley\"?"), "\(r.out)")
        #expect(r.out.contains("\(file):3:") && r.out.contains("error: opening_hours: value \"9-5ish\" — could not be read"), "\(r.out)")
        #expect(r.out.contains("3 records read · 2 services accepted · 1 rejected"))
        #expect(r.out.contains("errors (1):") && r.out.contains("bad-hours 1") && r.out.contains("unknown-ward 1"))
        // --json for machines: the same, with counts per kind.
        let j = try Fixtures.run(["validate", file, "--at", "2025-11-12", "--json"])
        #expect(j.status == 65)
        let o = try json(j.out)
        #expect(o["rejected"] as? Int == 1 && o["loaded"] as? Int == 2 && o["errors"] as? Int == 1)
        let diagnostics = try #require(o["diagnostics"] as? [[String: Any]])
        let hours = try #require(diagnostics.first { $0["field"] as? String == "opening_hours" })
        #expect(hours["line"] as? Int == 3 && hours["column"] as? Int != nil && hours["value"] as? String == "9-5ish" && hours["id"] as? String == "s2")
        #expect(((o["counts"] as? [String: Any])?["unknown-ward"] as? [String: Any])?["count"] as? Int == 1)
    }

    @Test func warningsAloneExitZeroOrOneWithStrict() throws {
        let folder = Fixtures.temporaryFolder()
        let file = try write([Self.header, Self.rows[0].replacingOccurrences(of: "2025-10-01", with: "2023-04-01")].joined(separator: "\n"), in: folder)
        #expect(try Fixtures.run(["validate", file, "--at", "2025-11-12"]).status == 0)
        let strict = try Fixtures.run(["validate", file, "--at", "2025-11-12", "--strict"])
        #expect(strict.status == 1 && strict.out.contains("last verified 2023-04-01, over 12 months ago"))
    }

    @Test func aMissingOrEmptyFileIsAClearErrorWithoutAStackTrace() throws {
        let folder = Fixtures.temporaryFolder()
        let missing = try Fixtures.run(["validate", folder.appendingPathComponent("nope.csv").path])
        #expect(missing.status == 66 && missing.err.contains("nope.csv") && missing.err.contains("no such file"), "\(missing)")
        let empty = try Fixtures.run(["validate", try write("", in: folder)])
        #expect(empty.status == 65 && empty.err.contains("empty"), "\(empty)")
        for r in [missing, empty] { #expect(!r.err.contains("Fatal error") && !r.err.contains("Stack")) }
    }

    /// A file with nothing in it to load (only a header row, `[]`) fails `validate` as it fails
    /// `load`: "no problems found" and exit 0 used to be followed by load's refusal. `--json` prints
    /// an object even for a file that cannot be read, and searching such a file says why.
    @Test func aFileWithNoServicesFailsValidateAsItFailsLoad() throws {
        let folder = Fixtures.temporaryFolder()
        for (text, name, hint) in [(Self.header, "hub.csv", "a header row but no rows"), ("[]", "feed.json", "list of services is empty")] {
            let file = try write(text, name, in: folder)
            let v = try Fixtures.run(["validate", file])
            #expect(v.status == 65 && v.out.contains("\(file): error: holds no services") && v.out.contains(hint), "\(v)")
            #expect(!v.out.contains("no problems found"))
            let load = try Fixtures.run(["load", file, "--index", folder.appendingPathComponent("index").path])
            #expect(load.status == 65 && load.err.contains("no service could be loaded"), "\(load)")
            let search = try Fixtures.run(["search", "food", "--corpus", file])
            #expect(search.status == 65 && search.err.contains("no service could be loaded (it holds no services)"), "\(search)")
        }
        let rejected = try write("[{\"id\": \"x\"}, {\"id\": \"y\"}]", "bad.json", in: folder)
        let search = try Fixtures.run(["search", "food", "--corpus", rejected])
        #expect(search.status == 65 && search.err.contains("all 2 records have errors") && !search.out.contains("Nothing matches"), "\(search)")
        let unreadable = try Fixtures.run(["validate", "--json", try write("", "empty.json", in: folder)])
        #expect(unreadable.status == 65)
        let o = try json(unreadable.out)
        let d = try #require((o["diagnostics"] as? [[String: Any]])?.first)
        #expect(o["errors"] as? Int == 1 && d["code"] as? String == "malformed" && d["line"] as? Int == 1, "\(o)")
    }

    /// A misspelt or unknown category or language was accepted without a word, and the service then
    /// dropped out of searches for its kind of help (`Food Bnak` became a category of its own). Each
    /// distinct value is reported once, by validate and by load alike, with a suggestion when one is close.
    @Test func categoriesAndLanguagesSearchingCannotUseAreReported() throws {
        let folder = Fixtures.temporaryFolder()
        let rows = [Self.header,
                    Self.rows[0].replacingOccurrences(of: "Food bank;Benefits advice", with: "Food Bnak"),
                    Self.rows[1].replacingOccurrences(of: "Debt advice", with: "Knitting").replacingOccurrences(of: ",English,", with: ",English;Frnech,"),
                    Self.rows[2],
                    Self.rows[2].replacingOccurrences(of: "s3,", with: "s4,").replacingOccurrences(of: "Mental health support", with: "Knitting")]
        let file = try write(rows.joined(separator: "\n") + "\n", in: folder)
        let v = try Fixtures.run(["validate", file, "--at", "2025-11-01", "--json"])
        let diagnostics = try #require(try json(v.out)["diagnostics"] as? [[String: Any]])
        func finding(_ value: String) -> [String: Any]? { diagnostics.first { $0["value"] as? String == value } }
        let bnak = try #require(finding("Food Bnak"), "\(diagnostics)")
        #expect(bnak["code"] as? String == "unknown-category" && (bnak["hint"] as? String)?.contains("did you mean \"Food bank\"?") == true, "\(bnak)")
        let knitting = try #require(finding("Knitting"))
        #expect(knitting["code"] as? String == "unknown-category" && (knitting["reason"] as? String)?.contains("2 services") == true, "\(knitting)")
        #expect(diagnostics.filter { $0["value"] as? String == "Knitting" }.count == 1)
        let french = try #require(finding("Frnech"))
        #expect(french["code"] as? String == "unknown-language" && (french["hint"] as? String)?.contains("did you mean \"French\"?") == true)
        // Known ones are not reported (Polish, Mental health support), and warnings do not fail validation.
        #expect(finding("Polish") == nil && finding("Mental health support") == nil && finding("English") == nil)
        #expect(v.status == 0, "\(v.err)")
        // Load (which reads the snapshot's tables instead of the services) says the same.
        let load = try Fixtures.run(["load", file, "--index", folder.appendingPathComponent("index").path, "--verbose"])
        #expect(load.status == 0 && load.out.contains("categories: value \"Food Bnak\"") && load.out.contains("unknown-language 1"), "\(load.out)")
        // The bundled directory and its spreadsheet export use only categories and languages Signpost knows.
        let corpus = Fixtures.corpus.appendingPathComponent("services.json").path
        let clean = try Fixtures.run(["validate", corpus, "--at", "2025-11-01"])
        #expect(clean.status == 0 && !clean.out.isEmpty, "\(clean.err)")
        #expect(!clean.out.contains("category") && !clean.out.contains("unknown-language"), "\(clean.out.suffix(500))")
    }

    /// A directory in another taxonomy (211's, another city's) gets one line that says so, not one per category.
    @Test func anotherTaxonomyIsSummarisedOnce() {
        let used = (0..<40).map { VocabularyCheck.Usage(code: "t\($0)", name: "Taxonomy term number \($0)", services: 40 - $0, example: "x\($0)") }
        let mapping = CategoryMapping(thesaurus: Fixtures.leeds.searcher.parser.concepts.thesaurus, analyzer: .standard)
        let found = VocabularyCheck.categories(used, mapping: mapping, labels: [], file: "f.json")
        #expect(found.count == 1 && found[0].code == "unknown-taxonomy", "\(found)")
        #expect(found[0].reason.contains("40 of the 40 categories") && found[0].reason.contains("\"Taxonomy term number 0\" (40)"))
        let few = VocabularyCheck.categories(Array(used.prefix(3)), mapping: mapping, labels: [], file: "f.json")
        #expect(few.count == 3 && few.allSatisfy { $0.code == "unknown-category" })
        // Of two names a letter apart, only the less used is said to be a misspelling (the reviewer saw
        // both flagged, the correct one told to become the typo).
        let pair = [VocabularyCheck.Usage(code: "Debt advice", name: "Debt advice", services: 3, example: "a"),
                    VocabularyCheck.Usage(code: "Debt advise", name: "Debt advise", services: 1, example: "b")]
        let flagged = VocabularyCheck.categories(pair, mapping: mapping, labels: ["Debt advice"], file: "f.csv")
        #expect(flagged.map(\.value) == ["Debt advise"], "\(flagged)")
    }

    /// Edits a tester made that diff did not list (eligibility, how to access, cost, a site's pin moved
    /// 15 km), and values shown without Swift's backslash before apostrophes.
    @Test func diffListsEveryFieldAWorkerReads() throws {
        var a = Service(id: "x", name: "St Michael's Advice")
        a.locations = [Location(name: "Hall", address: "1 Town St", postcode: "LS12 1AB", latitude: 53.81, longitude: -1.59)]
        var b = a
        b.eligibility = "Residents of Armley"
        b.applicationProcess = "Phone first"
        b.cost = .paid
        b.locations[0].latitude = 53.95
        let fields = DirectoryDiff.differences(a, b).map(\.field)
        #expect(fields == ["cost", "eligibility", "how to access", "coordinates"], "\(fields)")
        let folder = Fixtures.temporaryFolder()
        let old = try write(Self.header + "\n" + Self.rows[0].replacingOccurrences(of: "Armley Trust", with: "St George's Crypt"), "old.csv", in: folder)
        let new = try write(Self.header + "\n" + Self.rows[0].replacingOccurrences(of: "Armley Trust", with: "St Anne's Crypt"), "new.csv", in: folder)
        let r = try Fixtures.run(["diff", old, new, "--at", "2025-11-01"])
        #expect(r.out.contains("organisation: \"St George's Crypt\" → \"St Anne's Crypt\""), "\(r.out)")
        // A long value changed near its end shows where it changed (a postcode moved showed the same start twice).
        let long = "A community hall with a very long description of where it is up the hill past the church and the old mill and then left"
        let before = try write(Self.header + "\n" + Self.rows[0].replacingOccurrences(of: "Emergency food parcels for anyone in need.", with: long + " at the lights."), "before.csv", in: folder)
        let after = try write(Self.header + "\n" + Self.rows[0].replacingOccurrences(of: "Emergency food parcels for anyone in need.", with: long + " at the church."), "after.csv", in: folder)
        let moved = try Fixtures.run(["diff", before, after, "--at", "2025-11-01"])
        #expect(moved.out.contains("at the lights.\" → \"…") && moved.out.contains("at the church.\""), "\(moved.out)")
    }

    /// A service at two sites whose second row now has errors: diff said its address and ward changed
    /// and a ward lost its debt advice, as if someone had removed the site; it now says why.
    @Test func aSiteLeftOutForErrorsIsSaidToBe() throws {
        let folder = Fixtures.temporaryFolder()
        let site1 = Self.rows[1]
        let site2 = Self.rows[1].replacingOccurrences(of: "Gipton and Harehills,\"Compton Centre, 3 Compton Road, Leeds\",LS9 7BG", with: "Kirkstall,\"Abbey Hall, 2 Abbey Road, Leeds\",LS5 3HP")
        let old = try write([Self.header, site1, site2].joined(separator: "\n") + "\n", "old.csv", in: folder)
        let new = try write([Self.header, site1, site2.replacingOccurrences(of: "Tu[1] 10:00-12:00", with: "Tu 25:00-26:00")].joined(separator: "\n") + "\n", "new.csv", in: folder)
        let r = try Fixtures.run(["diff", old, new, "--at", "2025-11-01"])
        #expect(r.out.contains("partly because a row of it in \(new) has errors and is left out (line 3)"), "\(r.out)")
        #expect(r.out.contains("Kirkstall: no Debt advice any more") && r.out.contains("because a row with errors is left out"), "\(r.out)")
        let j = try json(try Fixtures.run(["diff", old, new, "--at", "2025-11-01", "--json"]).out)
        let change = try #require((j["changed"] as? [[String: Any]])?.first)
        #expect(change["lines_with_errors"] as? [Int] == [3], "\(change)")
    }

    /// The same directory in two formats does not differ: websites are tidied alike (`www.` read with
    /// https://, what is no address left out), and a directory from elsewhere (`--city none`) gets no
    /// warnings for its phone numbers not being British.
    @Test func formatsTidyWebsitesAlikeAndForeignPhonesPass() throws {
        let folder = Fixtures.temporaryFolder()
        let feed = try write("""
            [{"id": "a", "name": "A", "url": "www.example.org", "phones": [{"number": "305-253-4841"}]},
             {"id": "b", "name": "B", "url": "releasethesilence"}]
            """, "feed.json", in: folder)
        let leeds = try Fixtures.run(["validate", feed, "--json", "--at", "2025-11-01"])
        let codes = (try json(leeds.out)["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(codes.contains("url-without-scheme") && codes.contains("bad-url") && codes.contains("bad-phone"), "\(codes)")
        let none = try Fixtures.run(["validate", feed, "--json", "--at", "2025-11-01", "--city", "none"])
        let noneCodes = (try json(none.out)["diagnostics"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
        #expect(noneCodes.filter { $0 != "no-contact" }.sorted() == ["bad-url", "url-without-scheme"], "\(noneCodes)")
        let report = try DirectoryReader(city: Fixtures.city).read(URL(fileURLWithPath: feed))
        #expect(report.services.map(\.url) == ["https://www.example.org", nil])
    }

    // MARK: - load

    /// A snapshot keeps the time zone it was loaded in and says when it is searched with another city or
    /// zone (one loaded with `--city none` and served with Leeds answered every place with nothing).
    @Test func aSnapshotKeepsItsTimeZoneAndRefusesAnotherCity() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        let sheet = try write(SpreadsheetTests.good, "week1.csv", in: folder)
        let first = try Fixtures.run(["load", sheet, "--index", index, "--time-zone", "America/New_York"])
        #expect(first.status == 0, "\(first.out)\(first.err)")
        // Searched without a zone, its own: times are said in New York's.
        let own = try Fixtures.run(["search", "help", "--index", index, "--json", "--at", "2025-11-12T11:00:00"])
        #expect(own.status == 0 && own.out.contains("-05:00") && !own.out.contains("+00:00"), "\(own)")
        let london = try Fixtures.run(["search", "help", "--index", index, "--time-zone", "Europe/London"])
        #expect(london.status == 65 && london.err.contains("opening hours are in America/New_York, and the time zone given is Europe/London"), "\(london)")
        let none = try Fixtures.run(["search", "help", "--index", index, "--city", "none"])
        #expect(none.status == 65 && none.err.contains("built for a city with 33 wards") && none.err.contains("--city none"), "\(none)")
        let bench = try Fixtures.run(["bench", "--index", index, "--queries", sheet, "--city", "none", "--repeat", "1", "--warmup", "0"])
        #expect(bench.status == 65 && bench.err.contains("built for a city with 33 wards"), "\(bench)")
        // The next load without --time-zone keeps the live snapshot's.
        let second = try Fixtures.run(["load", sheet, "--index", index])
        #expect(second.status == 0, "\(second.out)\(second.err)")
        let again = try Fixtures.run(["search", "help", "--index", index, "--time-zone", "Europe/London"])
        #expect(again.status == 65 && again.err.contains("in America/New_York"), "\(again)")
        // Changing the live directory's zone (`--time-zone GMT` stuck, silently) is refused unless accepted.
        let moved = try Fixtures.run(["load", sheet, "--index", index, "--time-zone", "Europe/London"])
        #expect(moved.status == 65 && moved.err.contains("hours are in America/New_York, and --time-zone gives Europe/London"), "\(moved)")
        #expect(try Fixtures.run(["load", sheet, "--index", index, "--time-zone", "Europe/London", "--accept"]).status == 0)
        #expect(try Fixtures.run(["search", "help", "--index", index, "--time-zone", "Europe/London"]).status == 0)
        // A snapshot loaded without wards is searched without them unless told (it needed --city none every time).
        let elsewhere = folder.appendingPathComponent("elsewhere").path
        let loadedNone = try Fixtures.run(["load", sheet, "--index", elsewhere, "--city", "none"])
        #expect(loadedNone.status == 0, "\(loadedNone)")
        let plain = try Fixtures.run(["search", "help", "--index", elsewhere])
        #expect(plain.status == 0, "\(plain)")
    }

    @Test func loadSavesASnapshotKeepsThePreviousAndWritesRejects() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        let first = try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1.csv", in: folder), "--index", index])
        #expect(first.status == 0, "\(first.out)\(first.err)")
        #expect(first.out.contains("3 services accepted") && first.out.contains("Live: ") && first.out.contains("(3 services"))
        // `--at` counts "over 12 months ago" from its day, as validate's does.
        let dated = try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1.csv", in: folder), "--index", index + "-dated", "--at", "2025-11-12"])
        #expect(dated.status == 0 && !dated.out.contains("stale") && first.out.contains("stale"), "\(dated.out)")
        // Next week: one row is broken; 1 of 4 rejected is over 5%, so it is refused...
        let week2 = [Self.header, Self.rows[0], Self.rows[1], Self.rows[2],
                     Self.rows[2].replacingOccurrences(of: "s3,Leeds Helpline", with: "s4,Night Line").replacingOccurrences(of: "24/7", with: "whenever")]
            .joined(separator: "\n")
        let file2 = try write(week2, "week2.csv", in: folder)
        let refused = try Fixtures.run(["load", file2, "--index", index])
        #expect(refused.status == 65 && refused.err.contains("25.0% of records were rejected") && refused.err.contains("--accept"), "\(refused)")
        let stillLive = try Fixtures.run(["search", "helpline", "--index", index, "--json"])
        #expect(try json(stillLive.out)["total"] as? Int != nil)
        // ...unless accepted, when the rejects file says which row and why.
        let accepted = try Fixtures.run(["load", file2, "--index", index, "--accept"])
        #expect(accepted.status == 0, "\(accepted)")
        #expect(accepted.out.contains("Previous snapshot kept:"))
        let rejectsLine = try #require(accepted.out.split(separator: "\n").first { $0.hasPrefix("Rejected rows and their reasons: ") })
        let rejects = try String(contentsOfFile: String(rejectsLine.dropFirst("Rejected rows and their reasons: ".count)), encoding: .utf8)
        let rejected = try json(String(rejects.split(separator: "\n")[0]))
        #expect(rejected["line"] as? Int == 5 && rejected["id"] as? String == "s4")
        #expect("\(rejected)".contains("whenever"))
        // A raised threshold also lets it through.
        #expect(try Fixtures.run(["load", file2, "--index", index, "--max-rejected", "30"]).status == 0)
        #expect(!accepted.out.contains("No longer in the directory"), "nothing left it: \(accepted.out)")
        // A service taken out is named when the load goes live (only `diff` said so).
        let week3 = [Self.header, Self.rows[0], Self.rows[1]].joined(separator: "\n")
        let smaller = try Fixtures.run(["load", try write(week3, "week3.csv", in: folder), "--index", index, "--max-removed", "50"])
        #expect(smaller.status == 0 && smaller.out.contains("No longer in the directory (1, not in ") && smaller.out.contains("Leeds Helpline [s3]"), "\(smaller)")
    }

    /// A service that was live and whose row now has an error keeps its live version, and is named
    /// when the load goes live (a blank name took four live services out of search, and the summary
    /// only counted them); `--leave-out-rejected` takes it out, still naming it.
    @Test func liveServicesWithErrorsKeepTheirLiveVersionAndAreNamed() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        #expect(try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1.csv", in: folder), "--index", index]).status == 0)
        func helpline() throws -> [String: Any]? {
            let r = try Fixtures.run(["search", "Leeds Helpline", "--index", index, "--json"])
            let results = try #require(try json(r.out)["results"] as? [[String: Any]])
            return results.first { $0["id"] as? String == "s3" }
        }
        let week2 = [Self.header, Self.rows[0], Self.rows[1],
                     Self.rows[2].replacingOccurrences(of: "24/7", with: "whenever").replacingOccurrences(of: "Leeds Helpline", with: "Leeds Helpline (new)")]
            .joined(separator: "\n")
        let file2 = try write(week2, "week2.csv", in: folder)
        let load = try Fixtures.run(["load", file2, "--index", index, "--accept"])
        #expect(load.status == 0, "\(load)")
        #expect(load.err.contains("1 service that is live has errors in its row: its live version is kept until the row is fixed")
                && load.err.contains("Leeds Helpline [s3]: ") && load.err.contains("week2.csv:4:") && load.err.contains("whenever")
                && !load.err.contains("no longer"), "\(load.err)")
        #expect(load.out.contains("Live: ") && load.out.contains("(3 services"), "\(load.out)")
        // Still found, as it was (its live name, not the rejected row's).
        #expect(try helpline()?["name"] as? String == "Leeds Helpline")
        // The rejected row is in the rejects file all the same.
        let rejectsLine = try #require(load.out.split(separator: "\n").first { $0.hasPrefix("Rejected rows and their reasons: ") })
        #expect(try String(contentsOfFile: String(rejectsLine.dropFirst("Rejected rows and their reasons: ".count)), encoding: .utf8).contains("whenever"))
        // Kept again the week after (the version kept is the one live), until the row is fixed.
        #expect(try Fixtures.run(["load", file2, "--index", index, "--accept"]).err.contains("its live version is kept"))
        #expect(try helpline()?["name"] as? String == "Leeds Helpline")
        // Taken out when asked, and named.
        let out = try Fixtures.run(["load", file2, "--index", index, "--accept", "--leave-out-rejected"])
        #expect(out.status == 0 && out.err.contains("1 service that was live is no longer in the directory") && out.err.contains("Leeds Helpline [s3]: ")
                && out.err.contains("week2.csv:4:"), "\(out.err)")
        #expect(try helpline() == nil)
        // Back with the week-1 file; a new service with errors was never live: nothing to name or keep.
        #expect(try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1b.csv", in: folder), "--index", index]).status == 0)
        let week3 = [Self.header, Self.rows[0], Self.rows[1], Self.rows[2],
                     Self.rows[2].replacingOccurrences(of: "s3,Leeds Helpline", with: "s9,Night Line").replacingOccurrences(of: "24/7", with: "whenever")]
            .joined(separator: "\n")
        let quiet = try Fixtures.run(["load", try write(week3, "week3.csv", in: folder), "--index", index, "--accept"])
        #expect(quiet.status == 0 && !quiet.err.contains("is live") && !quiet.err.contains("was live"), "\(quiet.err)")
        // A live service with a new site whose row has errors keeps its live version, and is named.
        let twoSites = [Self.header, Self.rows[0], Self.rows[1], Self.rows[2],
                        Self.rows[2].replacingOccurrences(of: "24/7", with: "whenever").replacingOccurrences(of: ",,,,,,0800", with: ",Armley,,,,,0800")]
            .joined(separator: "\n")
        let site = try Fixtures.run(["load", try write(twoSites, "week4.csv", in: folder), "--index", index, "--accept"])
        #expect(site.status == 0 && site.err.contains("its live version is kept") && site.err.contains("Leeds Helpline [s3]: "), "\(site.err)")
        // A live service at two places whose second place's row now has errors keeps its live version whole,
        // both places (the site went, unnamed; then it went, named; from two hub reviews), and is named.
        let good = twoSites.replacingOccurrences(of: "whenever", with: "24/7")
        #expect(try Fixtures.run(["load", try write(good, "week5.csv", in: folder), "--index", index, "--accept"]).status == 0)
        #expect(try (helpline()?["locations"] as? [Any])?.count == 1 && helpline()?["ward"] as? String == "Armley")
        let lost = try Fixtures.run(["load", try write(twoSites, "week6.csv", in: folder), "--index", index, "--accept"])
        #expect(lost.status == 0 && lost.err.contains("its live version is kept until the row is fixed") && !lost.err.contains("fewer places")
                && lost.err.contains("Leeds Helpline [s3]: ") && lost.err.contains("week6.csv:5:"), "\(lost.err)")
        #expect(try helpline()?["ward"] as? String == "Armley", "the site whose row has errors is still there")
        // A new service one of whose rows has errors goes in by its good rows (nothing live to keep).
        let newTwo = twoSites.replacingOccurrences(of: "s3,Leeds Helpline", with: "s8,Leeds Nightline")
        let fresh = try Fixtures.run(["load", try write(newTwo, "week7.csv", in: folder), "--index", index, "--accept"])
        #expect(fresh.status == 0 && !fresh.err.contains("Leeds Nightline [s8]: "), "\(fresh.err)")
        let nightline = try Fixtures.run(["search", "Leeds Nightline", "--index", index, "--json"])
        #expect(try (json(nightline.out)["results"] as? [[String: Any]])?.contains { $0["id"] as? String == "s8" } == true, "\(nightline.out.prefix(300))")
    }

    /// A row that closes a live service is honoured even when it has errors: the live (open) version
    /// is not kept in its place (closing Armley Food Aid with `Closed` in its hours kept it open).
    @Test(arguments: [(",status", ",inactive", "whenever"), ("", "", "Closed permanently"), ("", "", "Closed")])
    func aRowThatClosesALiveServiceIsHonouredDespiteItsErrors(column: String, status: String, hours: String) throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        #expect(try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1.csv", in: folder), "--index", index]).status == 0)
        let week2 = [Self.header + column, Self.rows[0] + (column.isEmpty ? "" : ",active"), Self.rows[1] + (column.isEmpty ? "" : ",active"),
                     Self.rows[2].replacingOccurrences(of: "24/7", with: hours) + status].joined(separator: "\n")
        let load = try Fixtures.run(["load", try write(week2, "week2.csv", in: folder), "--index", index, "--accept"])
        #expect(load.status == 0 && load.err.contains("1 service that was live is no longer in the directory")
                && load.err.contains("Leeds Helpline [s3] (its row says it is closed, so its live version is not kept)"), "\(load.err)")
        let r = try Fixtures.run(["search", "Leeds Helpline", "--index", index, "--json"])
        let ids = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.status) \(r.err)")["results"]
            .flatMap { $0 as? [[String: Any]] }?.compactMap { $0["id"] as? String }
        #expect(r.status == 0 && ids != nil && !ids!.contains("s3"), "\(r.out)")
    }

    /// A column missing from the week's sheet takes its field out of every service, and each row alone
    /// looks fine: the load is refused, naming the field, unless accepted (a sheet without its `phone`
    /// column went live with no phone numbers at all).
    @Test func aFieldEmptiedForEveryServiceIsRefused() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        let columns = Self.header.split(separator: ",").map(String.init)
        func sheet(without dropped: String?) -> String {
            let keep = columns.indices.filter { columns[$0] != dropped }
            let rows = (1...8).map { k in
                "s\(k),Food Bank \(k),Trust,Food parcels.,Food bank,Armley,1 Town Street,LS12 1AB,,,0113 496 000\(k),,,Mo 09:00-12:00,drop in,,,English,Free,2026-11-01"
                    .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            }
            return ([columns] + rows).map { r in keep.map { r[$0] }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        }
        #expect(try Fixtures.run(["load", try write(sheet(without: nil), "week1.csv", in: folder), "--index", index]).status == 0)
        let noPhone = try write(sheet(without: "phone"), "week2.csv", in: folder)
        let refused = try Fixtures.run(["load", noPhone, "--index", index])
        #expect(refused.status == 65 && refused.err.contains("no service in") && refused.err.contains("has a phone number (8 of the 8 live services have one)")
                && refused.err.contains("Is a column missing or emptied?") && refused.err.contains("--accept"), "\(refused.err)")
        #expect(try Fixtures.run(["search", "food bank", "--index", index, "--json"]).out.contains("0113 496 0001"))
        // Another field.
        let noHours = try Fixtures.run(["load", try write(sheet(without: "opening_hours"), "week3.csv", in: folder), "--index", index])
        #expect(noHours.status == 65 && noHours.err.contains("has opening hours (8 of the 8 live services have them)"), "\(noHours.err)")
        // Accepted, it goes live.
        #expect(try Fixtures.run(["load", noPhone, "--index", index, "--accept"]).status == 0)
        // A sheet that has every field goes live without a word about it.
        let full = try Fixtures.run(["load", try write(sheet(without: nil), "week4.csv", in: folder), "--index", index])
        #expect(full.status == 0 && !full.err.contains("no service in"), "\(full.err)")
    }

    /// Closed services given as active because the sheet lost its status column are refused; a hub that
    /// deleted its closed rows is not (the review found both ways wrong with a plain count).
    @Test func closedServicesReopenedByAMissingStatusColumnAreRefused() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        func row(_ k: Int, _ status: String?) -> String {
            "s\(k),Food Bank \(k),Trust,Food parcels.,Food bank,Armley,1 Town Street,LS12 1AB,,,0113 496 000\(k),,,Mo 09:00-12:00,drop in,,,English,Free,2026-11-01"
                + (status.map { "," + $0 } ?? "")
        }
        let week1 = ([Self.header + ",status"] + (1...8).map { row($0, $0 <= 6 ? "inactive" : "active") }).joined(separator: "\n")
        #expect(try Fixtures.run(["load", try write(week1, "week1.csv", in: folder), "--index", index]).status == 0)
        let noStatus = ([Self.header] + (1...8).map { row($0, nil) }).joined(separator: "\n")
        let refused = try Fixtures.run(["load", try write(noStatus, "week2.csv", in: folder), "--index", index])
        #expect(refused.status == 65 && refused.err.contains("is marked closed or inactive, and 6 services closed in the live directory are active in it"),
                "\(refused.err)")
        // The closed rows deleted: the two open services go live, with no word about status.
        let cleaned = ([Self.header + ",status"] + (7...8).map { row($0, "active") }).joined(separator: "\n")
        let tidy = try Fixtures.run(["load", try write(cleaned, "week3.csv", in: folder), "--index", index, "--max-removed", "100"])
        #expect(tidy.status == 0 && !tidy.err.contains("closed or inactive"), "\(tidy.err)")
    }

    /// A directory of another city (Miami's went live as Leeds with only warnings): most services have
    /// no place in the city, and the load is refused unless accepted.
    @Test func aDirectoryOfAnotherPlaceIsRefused() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        let rows = (1...4).map { "m\($0),Service \($0),Org,Help of some kind.,Food bank,,1 Oxford Road,M1 \($0)AA,,,,,,Mo 09:00-12:00,drop in,,,,Free," }
        let file = try write(([Self.header] + rows).joined(separator: "\n"), "elsewhere.csv", in: folder)
        let refused = try Fixtures.run(["load", file, "--index", index])
        #expect(refused.status == 65 && refused.err.contains("4 of 4 services have no place in Leeds") && refused.err.contains("--accept"), "\(refused)")
        #expect(try Fixtures.run(["load", file, "--index", index, "--accept"]).status == 0)
        // The city's own directory is not.
        #expect(try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1.csv", in: folder), "--index", index + "-leeds"]).status == 0)
    }

    /// A file cut short at a row boundary (or a partial export) reads cleanly; going live with it
    /// would take most of the directory away. A tester put 91 of 2,400 services live without a word.
    @Test func anUpdateThatWouldRemoveMuchOfTheDirectoryIsRefused() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        let corpus = Fixtures.corpus.appendingPathComponent("services.json").path
        #expect(try Fixtures.run(["load", corpus, "--index", index]).status == 0)
        let all = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: corpus))) as? [Any])
        let cut = folder.appendingPathComponent("cut.json").path
        try JSONSerialization.data(withJSONObject: Array(all.prefix(100))).write(to: URL(fileURLWithPath: cut))
        let refused = try Fixtures.run(["load", cut, "--index", index])
        #expect(refused.status == 65 && refused.err.contains("the live snapshot holds 2400 services and this update")
                && refused.err.contains("more than --max-removed 10.0%") && refused.err.contains("--accept"), "\(refused)")
        let still = try Fixtures.run(["search", "--index", index, "--category", "food-bank", "--json", "--limit", "0"])
        #expect(try json(still.out)["total"] as? Int ?? 0 > 100, "\(still)")
        // Accepted, or within the allowed share, it goes live.
        let accepted = try Fixtures.run(["load", cut, "--index", index, "--accept"])
        #expect(accepted.status == 0 && accepted.out.contains("Live: "), "\(accepted)")
        #expect(try Fixtures.run(["load", corpus, "--index", index]).status == 0)
        #expect(try Fixtures.run(["load", cut, "--index", index, "--max-removed", "100"]).status == 0)
        #expect(try Fixtures.run(["load", corpus, "--index", index, "--max-removed", "nan"]).err.contains("--max-removed nan is not a percentage"))
    }

    /// What each row hides is refused on load (each went live with exit 0): letters a save replaced with
    /// `?`, a column emptied in part of the rows, every id changed. A refusal of many rejected rows says the
    /// rate first, with the errors; a first load says nothing was live, not "not replaced".
    @Test func whatEachRowHidesIsRefused() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        let all = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Fixtures.corpus.appendingPathComponent("services.json"))) as? [[String: Any]])
        var week1 = Array(all.prefix(300))
        week1[0]["name"] = "Spiżarnia społeczna"
        func load(_ services: [[String: Any]], _ name: String, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
            let file = folder.appendingPathComponent(name).path
            try JSONSerialization.data(withJSONObject: services).write(to: URL(fileURLWithPath: file))
            return try Fixtures.run(["load", file, "--index", index] + extra)
        }
        #expect(try load(week1, "week1.json").status == 0)
        var letters = week1
        letters[0]["name"] = "Spi?arnia spo?eczna"
        let lost = try load(letters, "letters.json")
        #expect(lost.status == 65 && lost.err.contains("1 services' text in") && lost.err.contains("\"Spi?arnia spo?eczna\" was \"Spiżarnia społeczna\"")
                && lost.err.contains("CSV UTF-8"), "\(lost)")
        // Letters made into two (UTF-8 read as Windows-1252 and saved again; a review's file went live, every
        // accent garbled): refused too. (A file that could be put back whole is read as it was: SpreadsheetTests.)
        var garbled = week1
        garbled[0]["name"] = "SpiÅ¼arnia spoÅ\u{FFFD}eczna"
        let twice = try load(garbled, "garbled.json")
        #expect(twice.status == 65 && twice.err.contains("letters garbled where the live directory has them right"), "\(twice)")
        var halfHours = week1
        for k in 0..<150 { halfHours[k]["schedules"] = [] }
        let hours = try load(halfHours, "hours.json")
        #expect(hours.status == 65 && hours.err.contains("of the 294 services that have opening hours in the live directory have none in")
                && hours.err.contains("emptied in part of the rows"), "\(hours)")
        var rekeyed = week1
        for k in rekeyed.indices { rekeyed[k]["id"] = "R\(k)" }
        let ids = try load(rekeyed, "rekeyed.json")
        #expect(ids.status == 65 && ids.err.contains("300 of the 300 live services' ids are not in") && ids.err.contains("were the ids changed?"), "\(ids)")
        #expect(try load(rekeyed, "rekeyed.json", ["--accept"]).status == 0)
        // Most rows rejected: the rate and the first errors, before any other check; nothing live to keep.
        var broken = Array(all.prefix(20))
        for k in 0..<15 { broken[k]["name"] = "" }
        let first = folder.appendingPathComponent("new-index").path
        let file = folder.appendingPathComponent("broken.json").path
        try JSONSerialization.data(withJSONObject: broken).write(to: URL(fileURLWithPath: file))
        let refused = try Fixtures.run(["load", file, "--index", first])
        #expect(refused.status == 65 && refused.err.contains("75.0% of records were rejected") && refused.err.contains("Nothing went live (there is no live snapshot yet)")
                && refused.out.contains("error: name"), "\(refused)")
    }

    /// Two loads into one folder at once take turns: each names its own file, and `CURRENT` always
    /// names a snapshot that reads (both once chose the same name; one could leave `CURRENT` naming a
    /// file the other had replaced, and one said "Live" of a snapshot that was not).
    @Test func concurrentInstallsTakeTurns() throws {
        let store = SnapshotStore(folder: Fixtures.temporaryFolder())
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let names = Mutex<[String]>([])
        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do {
                let url = try store.install(Fixtures.leeds.snapshot, rejects: [], now: now).snapshot
                names.withLock { $0.append(url.lastPathComponent) }
            } catch { failures.withLock { $0.append("\(error)") } }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { $0 })")
        #expect(Set(names.withLock { $0 }).count == 6)
        let live = try #require(store.currentFile)
        #expect(store.snapshots().first == live && (try? SnapshotFile.read(live)) != nil)
        #expect(store.liveServiceCount == Fixtures.leeds.snapshot.documentCount)
    }

    /// The shrink guard counts the live snapshot's services, or, when that cannot be read, those of the
    /// one a search would fall back to: never a newer one that did not go live.
    @Test func theLiveCountIsNeverANewerSnapshotsThatDidNotGoLive() throws {
        let store = SnapshotStore(folder: Fixtures.temporaryFolder())
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        let older = try store.install(Fixtures.leeds.snapshot, rejects: [], now: now).snapshot
        let builder = IndexBuilder(pipeline: TextPipeline(analyzer: .standard, thesaurus: Fixtures.city.thesaurus), gazetteer: Fixtures.city.gazetteer)
        let few = builder.build((0..<10).map(Fixtures.leeds.snapshot.service))
        let newer = try store.install(few, rejects: [], now: now.addingTimeInterval(60)).snapshot
        #expect(store.liveServiceCount == 10)
        // CURRENT names the older one again (the newer never went live): its count, not the newer's.
        try older.lastPathComponent.write(to: store.folder.appendingPathComponent("CURRENT"), atomically: true, encoding: .utf8)
        #expect(store.liveServiceCount == Fixtures.leeds.count)
        // The live one damaged: the one before it would be used, and there is none; the newer is not counted.
        try Data("damaged".utf8).write(to: older)
        #expect(store.liveServiceCount == nil)
        #expect(FileManager.default.fileExists(atPath: newer.path))
    }

    @Test func aDamagedLiveSnapshotFallsBackToThePreviousOneWithAWarning() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index")
        #expect(try Fixtures.run(["load", try write(SpreadsheetTests.good, "a.csv", in: folder), "--index", index.path]).status == 0)
        Thread.sleep(forTimeInterval: 1.1)  // snapshot names are to the second
        let two = [Self.header, Self.rows[0], Self.rows[1]].joined(separator: "\n")
        #expect(try Fixtures.run(["load", try write(two, "b.csv", in: folder), "--index", index.path, "--max-removed", "50"]).status == 0)
        // Damage the live one (truncate it).
        let current = try String(contentsOf: index.appendingPathComponent("CURRENT"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let live = index.appendingPathComponent(current)
        let bytes = try Data(contentsOf: live)
        try bytes.prefix(bytes.count / 2).write(to: live)
        let r = try Fixtures.run(["search", "helpline", "--index", index.path, "--json"])
        #expect(r.status == 0, "\(r)")
        #expect(r.err.contains(current) && r.err.contains("using the previous snapshot"), "\(r.err)")
        // The previous snapshot had the helpline (s3); the damaged one did not.
        #expect((try json(r.out)["results"] as? [[String: Any]])?.first?["id"] as? String == "s3")
    }

    @Test func aSnapshotFolderWithNothingUsableIsAClearError() throws {
        let folder = Fixtures.temporaryFolder()
        let r = try Fixtures.run(["search", "food", "--index", folder.path])
        #expect(r.status != 0 && r.err.contains(folder.lastPathComponent) && !r.err.contains("Fatal error"), "\(r)")
    }

    // MARK: - diff

    @Test func diffSaysWhatChangedAcrossFormats() throws {
        let folder = Fixtures.temporaryFolder()
        let old = try write(SpreadsheetTests.good, "old.csv", in: folder)
        // The new week: s1's phone and hours change, s2 goes, a duplicate of s3 arrives; as HSDS JSON.
        let newCSV = [Self.header,
                      Self.rows[0].replacingOccurrences(of: "0113 496 0000", with: "0113 496 0999").replacingOccurrences(of: "Sa 10:00-12:00", with: "Sa 10:00-13:00")
                        .replacingOccurrences(of: "53.7990", with: "53.79905"),
                      Self.rows[2],
                      Self.rows[2].replacingOccurrences(of: "s3,", with: "s3-copy,")].joined(separator: "\n")
        let newFile = try write(newCSV, "new.csv", in: folder)
        let newJSON = folder.appendingPathComponent("new.json").path
        #expect(try Fixtures.run(["export", newFile, "--to", "hsds-json", "--out", newJSON]).status == 0)
        // Open Referral UK requires ids: organisations and sites from a spreadsheet get made ones.
        let exported = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: newJSON))) as? [[String: Any]])
        let organisation = try #require(exported[0]["organization"] as? [String: Any])
        #expect(organisation["id"] as? String == "organisation-armley-trust", "\(organisation)")
        let site = try #require((exported[0]["service_at_locations"] as? [[String: Any]])?.first?["location"] as? [String: Any])
        #expect(site["id"] as? String == "s1-location-1")
        // Coordinates keep every digit (four decimals made a sheet and its own export differ in `diff`).
        #expect(site["latitude"] as? Double == 53.79905, "\(site)")
        let r = try Fixtures.run(["diff", old, newJSON, "--at", "2025-11-12", "--json"])
        #expect(r.status == 0, "\(r)")
        let o = try json(r.out)
        #expect((o["added"] as? [[String: Any]])?.map { $0["id"] as? String } == ["s3-copy"])
        #expect((o["removed"] as? [[String: Any]])?.map { $0["id"] as? String } == ["s2"])
        let changed = try #require((o["changed"] as? [[String: Any]])?.first)
        #expect(changed["id"] as? String == "s1")
        #expect(Set(((changed["fields"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }) == ["phone", "hours", "coordinates"])
        let lost = (o["wards_losing_last_service_of_a_kind"] as? [[String: Any]]) ?? []
        #expect(lost.contains { $0["ward"] as? String == "Gipton & Harehills" && $0["category"] as? String == "Debt advice" }, "\(lost)")
        let duplicates = (o["likely_duplicates"] as? [[String: Any]]) ?? []
        #expect(duplicates.contains { Set(($0["ids"] as? [String]) ?? []) == ["s3", "s3-copy"] }, "\(duplicates)")
        // The human report says the same.
        let human = try Fixtures.run(["diff", old, newJSON, "--at", "2025-11-12"])
        #expect(human.out.contains("1 added, 1 removed, 1 changed") && human.out.contains("phone: \"0113 496 0000\" → \"0113 496 0999\""), "\(human.out)")
    }

    /// A service whose row in the new file has errors is not "removed": nobody took it out, it
    /// would drop out only if the file were loaded as it is. The diff says which (it listed them
    /// under "Removed").
    @Test func diffTellsARejectedRowFromARemovedService() throws {
        let folder = Fixtures.temporaryFolder()
        let old = try write(SpreadsheetTests.good, "old.csv", in: folder)
        let new = try write([Self.header, Self.rows[0].replacingOccurrences(of: "Mo-Fr 09:00-17:00; Sa 10:00-12:00", with: "9-5ish"),
                             Self.rows[1]].joined(separator: "\n"), "new.csv", in: folder)
        let o = try json(try Fixtures.run(["diff", old, new, "--at", "2025-11-12", "--json"]).out)
        #expect((o["rejected"] as? [[String: Any]])?.map { $0["id"] as? String } == ["s1"], "\(o)")
        // New rows with errors, and rows without an id, are listed too (they appeared nowhere).
        let newer = try write([Self.header, Self.rows[1], Self.rows[2].replacingOccurrences(of: "s3,", with: "s9,").replacingOccurrences(of: "24/7", with: "9-5ish"),
                               Self.rows[2].replacingOccurrences(of: "s3,", with: ",")].joined(separator: "\n"), "newer.csv", in: folder)
        let n = try json(try Fixtures.run(["diff", old, newer, "--at", "2025-11-12", "--json"]).out)
        let newWithErrors = (n["new_with_errors"] as? [[String: Any]]) ?? []
        #expect(newWithErrors.map { $0["id"] as? String } == ["s9", nil] && newWithErrors.map { $0["line"] as? Int } == [3, 4], "\(newWithErrors)")
        #expect((o["removed"] as? [[String: Any]])?.map { $0["id"] as? String } == ["s3"])
        let human = try Fixtures.run(["diff", old, new, "--at", "2025-11-12"])
        #expect(human.out.contains("0 added, 1 removed, 0 changed, 1 unchanged, 1 with errors in the new file"), "\(human.out)")
        #expect(human.out.contains("With errors in \(new)") && human.out.contains("✗ Armley Food Bank [s1]"))
        #expect(human.out.contains("Armley: no Food bank any more (last: Armley Food Bank), because a row with errors is left out"), "\(human.out)")
        #expect(!human.err.contains("not compared"), "\(human.err)")
        let lost = (o["wards_losing_last_service_of_a_kind"] as? [[String: Any]]) ?? []
        #expect(lost.contains { $0["ward"] as? String == "Armley" && $0["because_of_errors"] as? Bool == true }, "\(lost)")
        // A new file with nothing in it is not "everything removed", and is not exported as nothing.
        let empty = try write(Self.header, "empty.csv", in: folder)
        let d = try Fixtures.run(["diff", old, empty])
        #expect(d.status == 65 && d.err.contains("empty.csv: holds no services"), "\(d)")
        let e = try Fixtures.run(["export", empty, "--to", "hsds-json"])
        #expect(e.status == 65 && e.err.contains("nothing was written") && e.out.isEmpty, "\(e)")
    }

    // MARK: - export

    @Test func exportTurnsAFeedIntoTheSpreadsheetAndBack() throws {
        let folder = Fixtures.temporaryFolder()
        let csv = folder.appendingPathComponent("leeds.csv").path
        let r = try Fixtures.run(["export", Fixtures.corpus.appendingPathComponent("services.json").path, "--to", "csv", "--out", csv])
        #expect(r.status == 0 && r.err.contains("wrote 2400 services"), "\(r)")
        let v = try Fixtures.run(["validate", csv, "--at", "2025-11-12", "--json"])
        let o = try json(v.out)
        #expect(o["loaded"] as? Int == 2400 && o["rejected"] as? Int == 0 && o["errors"] as? Int == 0, "\(o["counts"] ?? "")")
        // Read back, nothing has changed (a two-day closure written as two days showed 108 services "changed").
        let d = try json(try Fixtures.run(["diff", Fixtures.corpus.appendingPathComponent("services.json").path, csv, "--json"]).out)
        #expect((d["changed"] as? [Any])?.isEmpty ?? false, "\((d["changed"] as? [Any])?.prefix(2) ?? [])")
        let bad = try Fixtures.run(["export", csv, "--to", "xlsx"])
        #expect(bad.status != 0 && bad.err.contains("xlsx"))
    }

    /// `diff DIR FILE` compares the folder's live snapshot (it said "give its live snapshot"), and an older
    /// snapshot loaded again goes live: the way back a week.
    @Test func aSnapshotFolderCanBeComparedAndAnOlderSnapshotLoadedAgain() throws {
        let folder = Fixtures.temporaryFolder()
        let index = folder.appendingPathComponent("index").path
        #expect(try Fixtures.run(["load", try write(SpreadsheetTests.good, "week1.csv", in: folder), "--index", index]).status == 0)
        let first = try #require(SnapshotStore(folder: URL(fileURLWithPath: index)).currentFile)
        let week2 = SpreadsheetTests.good.replacingOccurrences(of: "Armley Food Bank", with: "Armley Community Food Bank")
        let file2 = try write(week2, "week2.csv", in: folder)
        let diff = try Fixtures.run(["diff", index, file2])
        #expect(diff.status == 0 && diff.out.contains("1 changed") && diff.out.contains("Armley Community Food Bank"), "\(diff.out) \(diff.err)")
        #expect(try Fixtures.run(["load", file2, "--index", index]).status == 0)
        // What a load brings is said, as what it takes out is.
        let extra = SpreadsheetTests.rows[0].replacingOccurrences(of: "s1,Armley Food Bank", with: "s9,Bramley Food Bank")
        let week3 = try write(([SpreadsheetTests.header] + SpreadsheetTests.rows + [extra]).joined(separator: "\n"), "week3.csv", in: folder)
        let three = try Fixtures.run(["load", week3, "--index", index])
        #expect(three.status == 0 && three.out.contains("New in the directory (1): Bramley Food Bank [s9]"), "\(three.out) \(three.err)")
        // (Going back past a week that added a service takes it out: the shrink guard asks for --accept.)
        #expect(try Fixtures.run(["load", first.path, "--index", index]).err.contains("pass --accept"))
        let back = try Fixtures.run(["load", first.path, "--index", index, "--accept"])
        #expect(back.status == 0, "\(back.err)")
        let search = try Fixtures.run(["search", "Armley Food Bank", "--index", index, "--json", "--limit", "1"])
        #expect(search.out.contains("\"name\":\"Armley Food Bank\"") || search.out.contains("\"name\" : \"Armley Food Bank\""), "\(search.out.prefix(400))")
    }
}

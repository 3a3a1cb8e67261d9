import Foundation
import Testing
@testable import Signpost

/// The `signpost` command as a worker and a script use it: output, batch mode, exit statuses.
@Suite("signpost search (command line)")
struct CLITests {
    @Test func answersASearchOnTheBundledCorpus() throws {
        let r = try Fixtures.run(["search", "food", "bank", "in", "Armley", "--at", "2025-11-12T11:00:00+00:00"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("Understood: food bank · in Armley"))
        #expect(!r.out.contains("\u{1B}["), "no colour when not on a terminal")
        #expect(r.out.split(separator: "\n").allSatisfy { $0.count <= 80 }, "fits 80 columns")
        // A long question, its notices and the heading of nearby results wrap too (they ran to 138).
        let long = try Fixtures.run(["search", "somewhere warm near Headingley & Hyde Park open tomorrow afternoon for my 15yo no referral needed",
                                     "--at", "2025-11-12T11:00:00+00:00"])
        #expect(long.out.split(separator: "\n").allSatisfy { $0.count <= 80 } && long.out.contains("\n  "), "\(long.out)")
    }

    @Test func jsonHasTheQueryAndResults() throws {
        let r = try Fixtures.run(["search", "warm space near LS14 open now", "--at", "2026-01-20T11:30:00Z", "--json", "--limit", "3"])
        #expect(r.status == 0)
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        #expect(o["query"] as? String == "warm space near LS14 open now")
        let results = try #require(o["results"] as? [[String: Any]])
        #expect(results.count <= 3)
        let first = try #require(results.first, "no result for a warm space near LS14 open at 11:30 on a Tuesday")
        for key in ["id", "name", "organisation", "ward", "score", "open_now", "next_open", "closes_at", "hours_weekly"] {
            #expect(first.keys.contains(key), "\(key)")
        }
        let intent = try #require(o["intent"] as? [String: Any])
        #expect((intent["place"] as? [String: Any])?["name"] as? String == "LS14")
        #expect((intent["when"] as? [String: Any])?["label"] as? String == "open now")
        #expect((o["filters"] as? [String: Any])?["summary"] as? String == "")
        // The filters given are in the JSON too (only the text output showed them).
        let f = try Fixtures.run(["search", "english classes", "--ward", "Gipton and Harehills", "--language", "fr", "--free", "--json", "--limit", "1"])
        let filters = try #require((try JSONSerialization.jsonObject(with: Data(f.out.utf8)) as? [String: Any])?["filters"] as? [String: Any])
        #expect(filters["wards"] as? [String] == ["Gipton and Harehills"] && filters["languages"] as? [String] == ["French"] && filters["free"] as? Bool == true,
                "\(filters)")
    }

    @Test func batchModeAnswersOneLinePerQuery() throws {
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("q.jsonl")
        try """
        {"qid": "a", "text": "food bank in Armley open Saturday", "at": "2025-11-12T11:00:00+00:00"}
        {"qid": "b", "text": "can't pay my bills", "at": "2025-11-12T11:00:00+00:00"}

        {"qid": "c", "text": "zzzzqqq"}
        """.write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["search", "--queries", file.path, "--json", "--limit", "5"])
        #expect(r.status == 0, "\(r.err)")
        let lines = r.out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.map { $0["qid"] as? String } == ["a", "b", "c"])
        #expect((lines[0]["results"] as? [[String: Any]])?.count ?? 0 > 0)
        #expect((lines[2]["results"] as? [[String: Any]])?.isEmpty ?? false)
        // A small directory is evaluated in full: its totals are exact, and the line says so.
        #expect(lines.map { $0["total_exact"] as? Bool } == [true, true, true])
    }

    @Test func aBadQueryLineIsReportedWithItsLineAndTheRestAreAnswered() throws {
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("q.jsonl")
        try "{\"qid\": \"a\", \"text\": \"food\"}\nnot json\n{\"qid\": \"c\", \"text\": \"warm\", \"at\": \"yesterday\"}\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["search", "--queries", file.path])
        #expect(r.status == 65)
        #expect(r.err.contains("q.jsonl:2: not a JSON object") && r.err.contains("q.jsonl:3: at: \"yesterday\""))
        #expect(r.out.split(separator: "\n").count == 1)
    }

    @Test("exit statuses", arguments: [
        (["search", "food", "--corpus", "/nonexistent/corpus.json"], Int32(66), "no such file"),
        (["search", "food", "--index", "/nonexistent/index"], Int32(66), "no such folder"),
        (["search", "food", "--limit", "-1"], Int32(64), "--limit must be between 0 and 10000"),
        (["search", "food", "--offset", "-1"], Int32(64), "--offset must not be negative"),
        (["search", "food", "--ward", "Armly"], Int32(64), "did you mean \"Armley\""),
        (["search", "food", "--ward", "Nowhere"], Int32(64), "Usage: signpost search [<options>]"),
        (["search", "food", "--age", "-5"], Int32(64), "--age -5 is not an age"),
        (["search", "food", "--language", ""], Int32(64), "--language is empty"),
        (["load", Fixtures.corpus.appendingPathComponent("services.json").path, "--index", "/tmp/x", "--max-rejected", "nan"], Int32(64), "is not a percentage from 0 to 100"),
        (["load", Fixtures.corpus.appendingPathComponent("services.json").path, "--index", "/tmp/x", "--max-rejected", "-5"], Int32(64), "is not a percentage from 0 to 100"),
        (["load", Fixtures.corpus.appendingPathComponent("services.json").path, "--index", ""], Int32(64), "--index is empty"),
        (["load", Fixtures.corpus.appendingPathComponent("services.json").path, "--index", "/tmp/signpost-never-made", "--at", "soon"], Int32(64), "is not a date"),
        (["search", "food", "--at", "tomorrow"], Int32(64), "--at"),
        (["search", "food", "--open-now", "--open-at", "2025-11-12T11:00"], Int32(64), "only one of"),
        (["search", "--no-such-flag"], Int32(64), "Unknown option"),
        (["load", Fixtures.corpus.appendingPathComponent("services.json").path, "--index", Fixtures.root.appendingPathComponent("Package.swift").path],
         Int32(64), "Package.swift is a file; give the folder"),
    ])
    func exitStatuses(arguments: [String], status: Int32, message: String) throws {
        let r = try Fixtures.run(arguments)
        #expect(r.status == status, "\(r.err)")
        #expect(r.err.contains(message), "\(r.err)")
        #expect(!r.err.contains("Backtrace") && !r.err.contains("Fatal error"))
    }

    @Test func malformedJSONIsAClearErrorWithLineAndColumn() throws {
        let folder = Fixtures.temporaryFolder()
        let bad = folder.appendingPathComponent("bad.json")
        try "[{\"id\": \"a\", \"name\": \"A\"},\n {\"id\": \"b\" \"name\": \"B\"}]".write(to: bad, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["search", "food", "--corpus", bad.path])
        #expect(r.status == 65)
        #expect(r.err.contains("bad.json:2:13: error: malformed JSON"), "\(r.err)")
    }

    /// Directory text reaches the terminal with its control characters escaped: a description that
    /// holds `ESC[2J` must not clear the worker's screen, nor a binary file's header fill it.
    @Test func controlCharactersInTheDirectoryAreShownEscaped() throws {
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("ctl.csv")
        try "id,name,description,opening_hours\nq1,Evil\u{1B}[2J\u{7} name,desc \u{1B}[31mred,Mo 10:00-12:00\nq2,Other,x,Mo \u{1B}[31m10-12\n"
            .write(to: file, atomically: true, encoding: .utf8)
        // Reading takes them out of the entries, and says so; what reaches the terminal is escaped anyway.
        let r = try Fixtures.run(["search", "evil", "--corpus", file.path, "--city", "none"])
        #expect(!r.out.contains("\u{1B}") && !r.out.contains("\u{7}") && r.out.contains("Evil[2J name"), "\(r.out)")
        let v = try Fixtures.run(["validate", file.path, "--city", "none"])
        #expect(!v.out.contains("\u{1B}") && v.out.contains("name: value \"Evil\\u{1B}[2J\\u{7} name\" — holds control characters; removed"), "\(v.out)")
        #expect(v.out.contains("opening_hours: value \"Mo [31m10-12\""), "\(v.out)")
        let binary = folder.appendingPathComponent("bin.csv")
        try Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: binary)
        let b = try Fixtures.run(["validate", binary.path])
        #expect(b.status == 65 && b.err.count < 600 && !b.err.contains("\u{0}"), "\(b.err.count)")
        #expect("a\u{0}b\tc".printable() == "a\\u{0}b c" && "abcdef".printable(limit: 3) == "abc…")
        // Characters, not scalars, are counted (an emoji with its skin tone is one); bidi overrides escaped.
        #expect("👍🏽ab".printable(limit: 2) == "👍🏽a…" && "a\u{202E}b".printable() == "a\\u{202E}b" && "Łódź اردو".printable() == "Łódź اردو")
        // The question echoed, an id in a diagnostic, and names in a diff.
        let q = try Fixtures.run(["search", "food \u{7}\u{1B}[2J"])
        #expect(!q.out.contains("\u{1B}") && !q.out.contains("\u{7}"), "\(q.out)")
        let ids = folder.appendingPathComponent("ids.csv")
        try "id,name,description,opening_hours\nq\u{1B}[2J1,A,x,9-5ish\n".write(to: ids, atomically: true, encoding: .utf8)
        let bad = try Fixtures.run(["validate", ids.path, "--city", "none"])
        #expect(!bad.out.contains("\u{1B}") && bad.out.contains("id q[2J1"), "\(bad.out)")
        let d = try Fixtures.run(["diff", file.path, ids.path, "--city", "none"])
        #expect(!d.out.contains("\u{1B}") && d.out.contains("Evil[2J name"), "\(d.out)")
        #expect(FieldChecks.withoutControlCharacters("a\u{1B}b\u{202E}c\td") == "abc\td" && FieldChecks.withoutControlCharacters("Łódź – ok") == nil)
    }

    /// A service at two sites shows the site in the place asked for (it showed the first row's).
    @Test func aServiceAtTwoSitesShowsTheOneInThePlaceAsked() throws {
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("dup.csv")
        try "id,name,description,ward,address,postcode\nd1,Food bank,food bank,Armley,1 A St,LS12 1AA\nd1,Food bank,food bank,Gipton & Harehills,2 B St,LS8 5AA\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["search", "food bank Harehills", "--corpus", file.path])
        #expect(r.out.contains("Gipton & Harehills · 2 B St, LS8 5AA (+1 more)"), "\(r.out)")
        let a = try Fixtures.run(["search", "food bank Armley", "--corpus", file.path])
        #expect(a.out.contains("Armley · 1 A St, LS12 1AA (+1 more)"), "\(a.out)")
    }

    /// When each entry was last checked is shown beside it, and one checked over a year before the day
    /// asked about says to phone first (workers could not tell a listing of last month from one of 2019).
    @Test func whenAnEntryWasLastCheckedIsShown() throws {
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("checked.csv")
        try "id,name,description,last_verified\nf1,Fresh pantry,food pantry,2025-10-01\ns1,Old pantry,food pantry,2024-03-14\nu1,Unknown pantry,food pantry,\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["search", "pantry", "--corpus", file.path, "--city", "none", "--at", "2025-11-15T10:30:00Z"])
        #expect(r.out.contains("Checked 1 October 2025"), "\(r.out)")
        #expect(r.out.contains("Last checked 14 March 2024, over a year ago: phone to confirm"), "\(r.out)")
        #expect(r.out.components(separatedBy: "hecked ").count == 3, "one line each for the two dated entries: \(r.out)")
        let j = try Fixtures.run(["search", "pantry", "--corpus", file.path, "--city", "none", "--at", "2025-11-15T10:30:00Z", "--json"])
        let results = try #require(try JSONSerialization.jsonObject(with: Data(j.out.utf8)) as? [String: Any])["results"] as? [[String: Any]] ?? []
        let stale = Dictionary(uniqueKeysWithValues: results.map { ($0["id"] as? String ?? "", $0["checked_over_a_year_ago"] as? Bool) })
        #expect(stale == ["f1": false, "s1": true, "u1": false], "\(stale)")
        // A day after the one asked about is a mistyped year: nothing is claimed.
        let today = try #require(LocalDate(year: 2025, month: 11, day: 15))
        #expect(Service(id: "x", name: "x", assuredDate: LocalDate(year: 2026, month: 11, day: 1)!).freshness(today: today) == nil)
        #expect(Service(id: "x", name: "x", assuredDate: today.adding(days: -365)).freshness(today: today)?.isStale == false)
        #expect(Service(id: "x", name: "x", assuredDate: today.adding(days: -366)).freshness(today: today)?.isStale == true)
    }

    /// The options given are shown with what was understood (`--category warm-space --open-now` showed
    /// only "open now"), and the paging hint only while there are more results.
    @Test func filtersAreShownAndThePagingHintOnlyWhileThereAreMore() throws {
        let r = try Fixtures.run(["search", "food bank", "--ward", "Armley", "--free", "--at", "2025-11-15T10:30:00Z", "--limit", "1"])
        #expect(r.out.hasPrefix("Understood: food bank · filters: ward Armley, free"), "\(r.out.prefix(200))")
        let all = try Fixtures.run(["search", "food bank", "--at", "2025-11-15T10:30:00Z", "--json", "--limit", "0"])
        let total = try #require(try JSONSerialization.jsonObject(with: Data(all.out.utf8)) as? [String: Any])["total"] as? Int ?? 0
        let last = try Fixtures.run(["search", "food bank", "--at", "2025-11-15T10:30:00Z", "--offset", "\(total - 2)"])
        #expect(last.out.contains("showing \(total - 1)-\(total).") && !last.out.contains("for more"), "\(last.out.prefix(200))")
        let first = try Fixtures.run(["search", "food bank", "--at", "2025-11-15T10:30:00Z", "--limit", "2"])
        #expect(first.out.contains("showing 1-2 (use --limit and --offset for more)"))
    }

    /// A large directory's search stops once its page is certain, so its total is a lower bound: the
    /// count says so, and the paging hint is still given (it was left out when the bound equalled the page).
    @Test func aLowerBoundTotalStillOffersMore() throws {
        let file = Fixtures.temporaryFolder().appendingPathComponent("large.json")
        let g = try Fixtures.run(["generate", "--services", "20000", "--seed", "3", "--out", file.path])
        #expect(g.status == 0, "\(g.err)")
        let r = try Fixtures.run(["search", "--corpus", file.path, "--ward", "Armley", "--at", "2025-11-12T11:00:00Z", "--limit", "5"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("At least 5 services found; showing 1-5 (use --limit and --offset for more)."), "\(r.out.prefix(300))")
        // A batch says which totals are lower bounds, and `--exact-total` applies to each of its queries.
        let queries = file.deletingLastPathComponent().appendingPathComponent("q.jsonl")
        try "{\"qid\": \"a\", \"text\": \"food bank in Armley\", \"at\": \"2025-11-12T11:00:00Z\"}\n".write(to: queries, atomically: true, encoding: .utf8)
        for exact in [false, true] {
            let b = try Fixtures.run(["search", "--corpus", file.path, "--queries", queries.path, "--json"] + (exact ? ["--exact-total"] : []))
            let line = try #require(try JSONSerialization.jsonObject(with: Data(b.out.utf8)) as? [String: Any], "\(b.err)")
            #expect(line["total_exact"] as? Bool == exact, "--exact-total \(exact): \(b.out.prefix(300))")
        }
    }

    /// `signpost bench` replays a query file and prints the fields Benchmarks/README documents; a line may
    /// carry filters as the HTTP API reads them (to measure browsing), and a line it cannot read is an
    /// error that names it (an `at` it could not read was replaced by the current time without a word).
    @Test func benchReplaysQueriesWithFiltersAndNamesABadLine() throws {
        let file = Fixtures.temporaryFolder().appendingPathComponent("q.jsonl")
        try """
        {"text": "food bank in Armley open Saturday", "at": "2025-11-12T11:00:00Z"}
        {"text": "advice", "at": "2025-11-12T11:00:00Z", "filters": {"category": ["debt-advice"], "minimum_age": 18}}
        """.write(to: file, atomically: true, encoding: .utf8)
        let r = try Fixtures.run(["bench", "--queries", file.path, "--repeat", "2", "--warmup", "0", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any], "\(r.out)")
        for key in ["queries", "p50_us", "p90_us", "p99_us", "p999_us", "max_us", "qps", "peak_rss_bytes", "index_bytes_per_service", "build_seconds"] {
            #expect(o[key] != nil, "\(key) missing from \(r.out)")
        }
        #expect(o["queries"] as? Int == 4)
        // Browsing by a filter alone answers (without the filter, no words ask for nothing).
        try "{\"text\": \"\", \"at\": \"2025-11-12T11:00:00Z\", \"filters\": {\"ward\": \"Armley\", \"free\": true}}\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let browse = try Fixtures.run(["bench", "--queries", file.path, "--repeat", "1", "--warmup", "0", "--json", "--slowest", "1"])
        let b = try #require(try JSONSerialization.jsonObject(with: Data(browse.out.utf8)) as? [String: Any], "\(browse.err)")
        #expect((b["results_returned"] as? Int ?? 0) > 0, "\(browse.out)")
        // (The slowest are named with their filters: a browsing line has no text.)
        #expect(((b["slowest"] as? [[String: Any]])?.first?["text"] as? String) == "ward Armley, free", "\(browse.out)")
        for (line, says) in [
            (#"{"text": "x", "filters": {"wards": "Armley"}}"#, #"q.jsonl:1: filters.wards: is not a parameter of /services (did you mean "ward"?)"#),
            (#"{"text": "x", "at": "yesterday"}"#, #"q.jsonl:1: at: "yesterday" is not an ISO 8601 time"#),
            (#"{"text": "x", "filters": {"free": "maybe"}}"#, "q.jsonl:1: filters.free: "),
            (#"{"text": "x", "filters": ["ward", "Armley"]}"#, "q.jsonl:1: filters: expected an object"),
            (#"{"text": "x", "filters": {"ward": "Armly"}}"#, #"q.jsonl:1: filters.ward: "Armly" is not a ward of Leeds — did you mean "Armley"?"#),
            // (A blank line counts in the numbering; an `at` that is no string is no time either.)
            ("\n" + #"{"text": "x", "at": 5}"#, "q.jsonl:2: at: 5 is not an ISO 8601 time"),
        ] {
            try (line + "\n").write(to: file, atomically: true, encoding: .utf8)
            let bad = try Fixtures.run(["bench", "--queries", file.path, "--repeat", "1", "--warmup", "0"])
            #expect(bad.status == 65 && bad.err.contains(says), "\(line): \(bad.status) \(bad.err)")
        }
    }

    /// `--open-at` with a date alone is that whole day (it was its midnight).
    @Test func openAtADateIsTheWholeDay() throws {
        let r = try Fixtures.run(["search", "food bank", "--open-at", "2025-11-17", "--at", "2025-11-15T10:30:00Z", "--limit", "1"])
        #expect(r.status == 0 && r.out.contains("open between Mon 17 Nov 00:00 and Tue 18 Nov 00:00") && !r.out.contains("Nothing matches"), "\(r.out)")
    }

    /// A time filter wholly before the reference time is said to be (it was given as if for now; found by a
    /// frontline tester); one to come is not.
    @Test func aTimeFilterGoneByIsSaid() throws {
        let past = try Fixtures.run(["search", "food bank", "--open-between", "2025-11-10T10:00:00Z", "2025-11-10T12:00:00Z", "--at", "2025-11-14T16:30:00Z", "--json"])
        let notices = try #require(try JSONSerialization.jsonObject(with: Data(past.out.utf8)) as? [String: Any])["notices"] as? [String]
        #expect(notices?.first == "The time asked for (open between Mon 10 Nov 10:00 and Mon 10 Nov 12:00) has gone by: services open then are listed.", "\(String(describing: notices))")
        let coming = try Fixtures.run(["search", "food bank", "--open-at", "2025-11-17", "--at", "2025-11-14T16:30:00Z", "--limit", "1"])
        #expect(coming.status == 0 && coming.out.contains("open between Mon 17 Nov") && !coming.out.contains("has gone by"), "\(coming.out)")
    }

    @Test func nothingMatchedIsSaidPlainlyAndIsNotAnError() throws {
        let r = try Fixtures.run(["search", "zzzzqqq"])
        #expect(r.status == 0)
        #expect(r.out.contains("Nothing matches \"zzzzqqq\""))
    }

    @Test func explainShowsWhy() throws {
        let r = try Fixtures.run(["search", "english classes", "--explain", "--limit", "1", "--at", "2025-11-12T11:00:00Z"])
        #expect(r.out.contains("Why: need"))
    }

    /// An output that cannot be written is said in the operating system's words, with exit 73, and nothing
    /// is lost: `generate --out` naming a folder deleted the folder and everything in it; `export --out`
    /// naming the file it read replaced it without the rows that had errors.
    @Test func anOutputThatCannotBeWrittenLosesNothing() throws {
        let folder = Fixtures.temporaryFolder()
        let kept = folder.appendingPathComponent("index")
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        try Data("precious".utf8).write(to: kept.appendingPathComponent("notes.txt"))
        let generate = try Fixtures.run(["generate", "--services", "3", "--out", kept.path])
        #expect(generate.status == 73 && generate.err.contains("is a folder"), "\(generate.err)")
        #expect(FileManager.default.fileExists(atPath: kept.appendingPathComponent("notes.txt").path))
        let sheet = folder.appendingPathComponent("hub.csv")
        try Data(([SpreadsheetTests.header] + SpreadsheetTests.rows).joined(separator: "\n").utf8).write(to: sheet)
        let before = try Data(contentsOf: sheet)
        let export = try Fixtures.run(["export", sheet.path, "--to", "csv", "--out", sheet.path])
        #expect(export.status == 73 && export.err.contains("is the file being read"), "\(export.err)")
        #expect(try Data(contentsOf: sheet) == before)
        let load = try Fixtures.run(["load", sheet.path, "--index", sheet.appendingPathComponent("index").path])
        #expect(load.status == 73 && load.err.contains("could not be saved there (Not a directory)") && !load.err.contains("NSCocoaErrorDomain"), "\(load.err)")
    }

    /// With more problems than `--limit`, every kind is shown, the rarest first (a feed's 104 unreadable
    /// schedules were hidden below 826 problems of one kind), and the summary still counts them all.
    @Test func validateShowsEveryKindOfProblemWithinItsLimit() throws {
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("few.csv")
        let rows = ["id,name,opening_hours,languages"] + (1...6).map { "s\($0),Service \($0),Mo 09:00-12:00,English" } + ["s7,Service 7,Mo 09:00-12:00,Frnech"]
        try Data(rows.joined(separator: "\n").utf8).write(to: file)
        let r = try Fixtures.run(["validate", file.path, "--city", "none", "--limit", "3"])
        let listed = r.out.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(listed.count == 3, "\(r.out)")
        #expect(listed.contains { $0.contains("Frnech") } && listed.contains { $0.contains("no way to reach it") }, "\(r.out)")
        #expect(r.out.contains("… and ") && r.out.contains("warnings ("), "\(r.out)")
    }

    /// A question that begins with a dash is a question (`-5 outside tonight` was read as short options, `h`
    /// among them, and printed the help); an option's value that begins with one is still the value.
    @Test func aQuestionBeginningWithADashIsSearched() throws {
        let r = try Fixtures.run(["search", "-5 outside tonight, warm space", "--at", "2025-11-12T11:00:00Z"])
        #expect(r.status == 0 && r.out.hasPrefix("Understood: warm space") && !r.out.contains("OVERVIEW"), "\(r.out) \(r.err)")
        // An option with its value in one argument is still the option (`--ward="Beeston & Holbeck"`).
        let joined = try Fixtures.run(["search", "food", "--ward=Beeston & Holbeck", "--at", "2025-11-12T11:00:00Z", "--json"])
        let apart = try Fixtures.run(["search", "food", "--ward", "Beeston & Holbeck", "--at", "2025-11-12T11:00:00Z", "--json"])
        #expect(joined.status == 0 && joined.out == apart.out && !joined.out.contains("\"beeston\""), "\(joined.out.prefix(400)) \(joined.err)")
        let folder = Fixtures.temporaryFolder()
        let file = folder.appendingPathComponent("one.csv")
        try Data("id,name,opening_hours\ns1,Service 1,Mo 09:00-12:00\n".utf8).write(to: file)
        let negative = try Fixtures.run(["validate", file.path, "--city", "none", "--limit", "-1"])
        #expect(negative.status == 64 && negative.err.contains("--limit must be 0 or more"), "\(negative.out) \(negative.err)")
    }

    /// A directory piped in (`-`, `/dev/stdin`) is read as a file is (it said "permission denied").
    @Test func aDirectoryCanBePipedIn() throws {
        let sheet = ([SpreadsheetTests.header] + SpreadsheetTests.rows).joined(separator: "\n") + "\n"
        let r = try Fixtures.run(["validate", "-", "--at", "2025-11-01"], stdin: sheet)
        #expect(r.status == 0 && r.out.contains("3 records read · 3 services accepted"), "\(r.out) \(r.err)")
    }
}

import Foundation
import Testing
@testable import Signpost

/// The hub spreadsheet: good files, every kind of bad file, and the round trip through
/// ``SpreadsheetWriter``.
@Suite("Reading the hub spreadsheet")
struct SpreadsheetTests {
    let importer = SpreadsheetImporter(gazetteer: Fixtures.city.gazetteer, referenceDate: LocalDate(iso: "2025-11-12")!)

    func read(_ text: String) throws(ImportError) -> ImportReport { try read(bytes: Array(text.utf8)) }
    /// Reads a sheet. Sheets written for one check leave most columns out, so the once-per-file notes
    /// of missing columns are dropped here (``columnsADirectoryNeedsAreMissedAloud()`` checks them).
    func read(bytes: [UInt8]) throws(ImportError) -> ImportReport {
        var r = try importer.read(bytes: bytes, fileName: "hub.csv")
        r.diagnostics.removeAll { $0.code == "missing-column" }
        return r
    }

    static let header = "id,name,organisation,description,categories,ward,address,postcode,latitude,longitude,phone,email,website,opening_hours,referral,min_age,max_age,languages,cost,last_verified"
    static let rows = [
        "s1,Armley Food Bank,Armley Trust,Emergency food parcels for anyone in need.,Food bank;Benefits advice,Armley,\"Armley Hall, 12 Town Street, Leeds\",LS12 1AB,53.7990,-1.5920,0113 496 0000,food@armley.example.org,https://armley.example.org,Mo-Fr 09:00-17:00; Sa 10:00-12:00,drop in,,,English;Polish,Free,2025-10-01",
        "s2,Harehills Debt Advice,Citizens Advice Leeds,\"Debt and benefits advice, by phone or in person.\",Debt advice,Gipton and Harehills,\"Compton Centre, 3 Compton Road, Leeds\",LS9 7BG,,,0113 496 0001,,,Tu[1] 10:00-12:00,professional referral,18,,English,Free,2025-09-01",
        "s3,Leeds Helpline,Leeds Mind,Someone to talk to when things are hard.,Mental health support,,,,,,0800 496 0002,,,24/7,self-referral,16,,English,Free,2025-08-01",
    ]
    static var good: String { ([header] + rows).joined(separator: "\n") + "\n" }

    func errors(_ r: ImportReport) -> [Diagnostic] { r.diagnostics.filter { $0.severity == .error } }
    /// The diagnostics but "no-contact", for tests of other things whose rows give no contact at all
    /// (``aServiceNoWorkerCouldReachIsSaid()`` tests that one).
    func others(_ r: ImportReport) -> [Diagnostic] { r.diagnostics.filter { $0.code != "no-contact" } }

    // MARK: - Good files

    /// A title above the header row (as hubs write them: the sheet's name, then a blank line) is skipped
    /// and said; the services under it are read (it was "the header row has no id column").
    @Test func aTitleAboveTheHeaderIsSkippedAndSaid() throws {
        let r = try read("Leeds directory - December update,,\n,,\n" + Self.good)
        #expect(errors(r).isEmpty && r.services.map(\.id) == ["s1", "s2", "s3"], "\(r.diagnostics)")
        let d = try #require(r.diagnostics.first { $0.code == "above-header" })
        #expect(d.line == 1 && d.reason.hasPrefix("lines 1-2 are above the header row (line 3)"), "\(d.reason)")
        #expect(r.services[0].locations.first?.postcode == "LS12 1AB")
        // So in a file separated by semicolons or tabs (the title decided it was one column).
        for sep in [";", "\t"] {
            let other = try read("Leeds Hub Directory - weekly update w/c 30 Nov\nid\(sep)name\(sep)description\na1\(sep)Food bank\(sep)food, parcels\n")
            #expect(other.services.first?.description == "food, parcels" && errors(other).isEmpty, "\(other.diagnostics)")
        }
        // A first row that names no id and no name, with no header under it, is still the header.
        #expect(throws: ImportError.self) { try read("just a title\nsome,more,cells\n") }
    }

    @Test func readsEveryColumnIntoTheModel() throws {
        let r = try read(Self.good)
        #expect(errors(r).isEmpty && r.rejected == 0, "\(r.diagnostics)")
        #expect(r.services.map(\.id) == ["s1", "s2", "s3"])
        let s = r.services[0]
        #expect(s.organisation?.name == "Armley Trust" && s.categories.map(\.name) == ["Food bank", "Benefits advice"])
        #expect(s.locations.first?.name == "Armley Hall" && s.locations.first?.address == "12 Town Street")
        #expect(s.locations.first?.postcode == "LS12 1AB" && s.locations.first?.ward == "Armley")
        #expect(s.referral == .dropIn && s.cost == .free && s.languages == ["English", "Polish"])
        #expect(OpeningHours(rules: s.schedules).weeklySummary == "Mon-Fri 09:00-17:00; Sat 10:00-12:00")
        #expect(r.services[1].locations.first?.ward == "Gipton & Harehills" && r.services[1].minimumAge == 18)
        #expect(r.services[1].schedules.first?.pattern == .monthly([MonthlyDay(ordinal: 1, weekday: .tuesday)]))
        // No place: the whole city.
        #expect(r.services[2].locations.isEmpty && r.services[2].servesWholeCity)
    }

    /// A status that is no HSDS value but says closed is read as closed, with a warning, never as
    /// active (`Closed permanently` left a closed service live).
    @Test(arguments: [("Closed permanently", ServiceStatus.inactive, true), ("closed until March", .temporarilyClosed, true),
                      ("Ceased", .inactive, true), ("running", .active, true), ("closed", .inactive, false),
                      ("temporarily closed", .temporarilyClosed, false), ("", .active, false),
                      // From the review: words that run on, or close part of the time, are no closure.
                      ("open (closed bank holidays)", .active, true), ("Active - extended hours", .active, true),
                      ("Open; shuttle bus from the station", .active, true), ("Running - recommended", .active, true),
                      ("open - closing at 5 on Fridays", .active, true), ("closed on Mondays", .active, true),
                      ("permanently closed", .inactive, true), ("no longer running", .inactive, true)])
    func statusWordsThatSayClosedAreClosed(text: String, status: ServiceStatus, warned: Bool) throws {
        let r = try read(Self.header + ",status\n" + Self.rows[0] + ",\(text)\n")
        #expect(r.services.first?.status == status, "\(text)")
        #expect(r.diagnostics.contains { $0.code == "bad-status" } == warned, "\(r.diagnostics)")
    }

    /// A service with no phone, email, website or address is said (a row with an id and a name alone
    /// went live, first in its searches, with no way to reach it); one way to reach it is enough, and a
    /// row with errors says only those.
    @Test func aServiceNoWorkerCouldReachIsSaid() throws {
        let r = try read("id,name,description,phone,website,postcode\nc1,Warm Welcome,,,,\nc2,B,x,0113 496 0000,,\nc3,C,x,,https://c.org,\nc4,D,x,,,LS12 1AB\n,E,x,,,\n")
        let said = r.diagnostics.filter { $0.code == "no-contact" }
        #expect(said.map(\.recordID) == ["c1"] && said.first?.line == 2 && said.first?.severity == .warning, "\(r.diagnostics)")
        #expect(said.first?.description == "hub.csv:2: warning: has no phone, email, website or address: a worker has no way to reach it; give at least one (record 1, id c1)")
        #expect(r.services.map(\.id) == ["c1", "c2", "c3", "c4"])
    }

    /// Hours that have all ended are said (searches leave the service out: a hub's warm spaces with last
    /// winter's dates vanished, and nothing said so); hours still running, or none, say nothing of it.
    @Test func hoursThatHaveAllEndedAreSaid() throws {
        let ended = Self.rows[0].replacingOccurrences(of: "Mo-Fr 09:00-17:00; Sa 10:00-12:00", with: "2024 Nov 01-2025 Mar 31 Tu 12:00-15:00")
        let running = Self.rows[1].replacingOccurrences(of: "Tu[1] 10:00-12:00", with: "2025 Nov 01-2026 Mar 31 Tu 12:00-15:00")
        let r = try read([Self.header, ended, running, Self.rows[2]].joined(separator: "\n"))
        let said = r.diagnostics.filter { $0.code == "hours-ended" }
        #expect(said.map(\.recordID) == ["s1"] && said.first?.line == 2, "\(r.diagnostics)")
        #expect(said.first?.reason == "all end by 2025-03-31, before \(importer.referenceDate): searches leave it out", "\(said)")
        #expect(r.services.count == 3, "a warning: the service is kept")
    }

    /// A UK number whose leading 0 Excel dropped (`113 496 0000`) gets it back, said as a repair (a worker
    /// dialled the number as shown); the same in a feed and a data package (one reader). A number that is
    /// no such thing is said and kept as written.
    @Test func aPhoneNumberThatLostItsLeadingZeroGetsItBack() throws {
        let r = try read(Self.header + "\n" + Self.rows[0].replacingOccurrences(of: "0113 496 0000", with: "113 496 0000; 7700 900123; 12345; 1.13496E+09") + "\n")
        #expect(r.services.first?.phones == ["0113 496 0000", "07700 900123", "12345"], "\(r.diagnostics)")
        // Excel's scientific notation has lost digits: left out, said.
        #expect(r.diagnostics.first { $0.code == "phone-scientific" }?.value == "1.13496E+09")
        let said = r.diagnostics.filter { $0.code == "phone-leading-zero" }
        #expect(said.map(\.value) == ["113 496 0000", "7700 900123"] && said.first?.hint == "read as 0113 496 0000; format the column as text")
        #expect(r.diagnostics.filter { $0.code == "bad-phone" }.map(\.value) == ["12345"] && r.repaired == 1)
        let feed = try HSDSImportTests().read("[" + HSDSImportTests.good.replacingOccurrences(of: "\"0113 496 0001\"", with: "\"1134960001\"") + "]")
        #expect(feed.services.first?.phones == ["01134960001"] && feed.diagnostics.contains { $0.code == "phone-leading-zero" && $0.field == "phones[0]" }, "\(feed.diagnostics)")
    }

    /// A ward that its full postcode is not in is said, the ward kept (a service moved and only its
    /// postcode was changed: no warning).
    @Test func aWardItsPostcodeIsNotInIsSaid() throws {
        let r = try read(Self.header + "\n" + Self.rows[0].replacingOccurrences(of: ",Armley,", with: ",Pudsey,") + "\n")
        let w = try #require(r.diagnostics.first { $0.code == "ward-postcode" })
        #expect(w.severity == .warning && w.field == "ward" && w.value == "Pudsey" && w.reason.contains("does not hold the postcode LS12 1AB, which is in Armley"), "\(w)")
        #expect(r.services.first?.locations.first?.ward == "Pudsey")
        #expect(try read(Self.good).diagnostics.allSatisfy { $0.code != "ward-postcode" })
    }

    @Test func columnsAreFoundByNameInAnyOrder() throws {
        let names = Self.header.split(separator: ",").map(String.init)
        let table = try read(Self.good)
        // Reverse every row's fields with a CSV-aware split (quoted commas stay).
        let reversed = Self.good.split(separator: "\n").map { line in
            CSVTable(bytes: Array(line.utf8)).records[0].fields.map { f in
                f.value.contains(",") ? "\"\(f.value)\"" : f.value
            }.reversed().joined(separator: ",")
        }.joined(separator: "\n")
        let r = try read(reversed)
        #expect(names.count == 20)
        #expect(r.services == table.services)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    }

    @Test func aByteOrderMarkAndWindowsLineEndingsAreRead() throws {
        let text = Self.good.replacingOccurrences(of: "\n", with: "\r\n")
        let r = try read(bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(r.services == (try read(Self.good)).services && r.diagnostics.isEmpty)
    }

    @Test func headersAreMatchedWhateverTheirCaseSpacesAndHyphens() throws {
        let header = Self.header.replacingOccurrences(of: "email", with: "E-mail").replacingOccurrences(of: "opening_hours", with: "OpeningHours")
            .replacingOccurrences(of: "min_age", with: "Minimum-Age")
        let r = try read(header + "\n" + Self.rows[0] + "\n")
        #expect(r.diagnostics.filter { $0.code == "unknown-column" }.isEmpty, "\(r.diagnostics)")
        #expect(r.services.first?.email == "food@armley.example.org" && !(r.services.first?.schedules.isEmpty ?? true))
        // Headers hubs write (`Date last checked` was ignored, so every entry read as never verified).
        let usual = Self.header.replacingOccurrences(of: "last_verified", with: "Date last checked").replacingOccurrences(of: "description", with: "About the service")
            .replacingOccurrences(of: "categories", with: "Type of help")
        let u = try read(usual + "\n" + Self.rows[0] + "\n")
        #expect(u.diagnostics.filter { $0.code == "unknown-column" }.isEmpty, "\(u.diagnostics)")
        #expect(u.services.first?.assuredDate == LocalDate(iso: "2025-10-01") && u.services.first?.categories.count == 2 && u.services.first?.description.isEmpty == false)
    }

    @Test func unknownColumnsAreWarnedAboutAndNotFatal() throws {
        let text = Self.header + ",notes\n" + Self.rows[0] + ",call Sue\n"
        let r = try read(text)
        #expect(r.services.count == 1 && r.rejected == 0)
        let w = try #require(r.diagnostics.first { $0.code == "unknown-column" })
        #expect(w.severity == .warning && w.line == 1 && w.field == "notes", "\(w)")
        #expect(w.column == Self.header.utf8.count + 2, "\(w)")
        #expect(!(w.hint ?? "").contains("did you mean"), "\(w)")
        // A misspelt column says which it was probably meant to be (its services would otherwise all
        // read as "by appointment" with no other sign).
        let misspelt = try read(Self.header.replacingOccurrences(of: "opening_hours", with: "opening_hous") + "\n" + Self.rows[0] + "\n")
        let m = try #require(misspelt.diagnostics.first { $0.code == "unknown-column" })
        #expect(m.field == "opening_hous" && (m.hint ?? "").hasPrefix("did you mean \"opening_hours\"?"), "\(m)")
    }

    @Test func repeatedIDsAreOneServiceAtSeveralPlaces() throws {
        let second = Self.rows[0].replacingOccurrences(of: "\"Armley Hall, 12 Town Street, Leeds\",LS12 1AB,53.7990,-1.5920",
                                                       with: "\"Bramley Baths, 2 Broad Lane, Leeds\",LS13 3DF,,")
            .replacingOccurrences(of: ",Armley,", with: ",Bramley & Stanningley,")
        let renamed = second.replacingOccurrences(of: "Armley Food Bank", with: "Bramley Food Bank")
        let r = try read([Self.header, Self.rows[0], second, renamed].joined(separator: "\n"))
        #expect(r.services.count == 1 && r.rejected == 0)
        #expect(r.services[0].locations.count == 2)
        #expect(Set(r.services[0].serviceAreas.compactMap(\.ward)) == ["Armley", "Bramley & Stanningley"])
        // The same id with another name is kept as a location but said.
        #expect(r.diagnostics.contains { $0.code == "id-repeated" && $0.line == 4 })
        // With another name and another organisation it is another service, its id left as copied: an
        // error, and the first is left as it was (it took the copy's hours, phone and category).
        let copied = renamed.replacingOccurrences(of: "Bramley Food Bank,Armley Trust", with: "Bramley Toddler Group,Bramley Children's Centre")
            .replacingOccurrences(of: "0113 496 0000", with: "0113 496 0999")
        let c = try read([Self.header, Self.rows[0], copied].joined(separator: "\n"))
        #expect(c.services.count == 1 && c.rejected == 1 && c.services[0].locations.count == 1 && c.services[0].phones == ["0113 496 0000"])
        let e = try #require(c.diagnostics.first { $0.code == "duplicate-id" })
        #expect(e.severity == .error && e.line == 3 && e.reason.contains("which is another service (\"Armley Food Bank\" of Armley Trust)"), "\(e)")
        // With another name and categories that share none with the first row's, of the same organisation:
        // another service too (a food bank's row copied into a debt service merged the two, from a review).
        let sameOrganisation = Self.rows[0].replacingOccurrences(of: "Armley Food Bank", with: "Armley Debt Advice")
            .replacingOccurrences(of: "Food bank;Benefits advice", with: "Debt advice")
        let d = try read([Self.header, Self.rows[0], sameOrganisation].joined(separator: "\n"))
        #expect(d.services.count == 1 && d.rejected == 1 && d.services[0].name == "Armley Food Bank", "\(d.diagnostics)")
        #expect(d.diagnostics.contains { $0.code == "duplicate-id" && $0.severity == .error && $0.line == 3 }, "\(d.diagnostics)")
        // A site named on its own with one of the service's categories stays a site.
        let site = sameOrganisation.replacingOccurrences(of: ",Debt advice,", with: ",Food bank,")
        #expect(try read([Self.header, Self.rows[0], site].joined(separator: "\n")).rejected == 0)
        // So too when the first row has errors of its own (the copy became the service, from the review).
        let broken = Self.rows[0].replacingOccurrences(of: "Mo-Fr 09:00-17:00; Sa 10:00-12:00", with: "whenever")
        let b = try read([Self.header, broken, copied].joined(separator: "\n"))
        #expect(b.services.isEmpty && b.rejected == 2 && b.diagnostics.contains { $0.code == "duplicate-id" && $0.line == 3 }, "\(b.diagnostics)")
    }

    /// Rows of one service far apart in the file: they are read together, but the report still
    /// goes row by row, a bad first row does not lose the good one after it, and services come in
    /// the order of their ids' first rows.
    @Test func rowsOfOneServiceFarApartAreReadTogetherAndReportedInRowOrder() throws {
        let other = Self.rows[0].replacingOccurrences(of: "\"Armley Hall, 12 Town Street, Leeds\",LS12 1AB,53.7990,-1.5920",
                                                      with: "\"Bramley Baths, 2 Broad Lane, Leeds\",LS13 3DF,,")
        let badFirst = Self.rows[1].replacingOccurrences(of: "Tu[1] 10:00-12:00", with: "9-5ish")
        let staleSecond = Self.rows[1].replacingOccurrences(of: "2025-09-01", with: "2023-01-01")
        let lines = [Self.header, badFirst, Self.rows[0], Self.rows[2].replacingOccurrences(of: ",Leeds Mind,", with: ",Leeds Mind,x"),
                     "s4,,,,,,,,,,,,,,,,,,,", other, staleSecond]
        let r = try read(lines.joined(separator: "\n"))
        #expect(r.recordsRead == 6 && r.rejected == 2)
        #expect(r.services.map(\.id) == ["s2", "s1", "s3"])
        #expect(r.services[0].locations.count == 1 && r.services[1].locations.count == 2)
        #expect(r.rejectedRecords.map(\.line) == [2, 5])
        let lineOrder = r.diagnostics.compactMap(\.line)
        #expect(lineOrder == lineOrder.sorted(), "\(r.diagnostics.map { "\($0.line ?? 0) \($0.code)" })")
        #expect(r.diagnostics.map(\.code).contains("bad-hours") && r.diagnostics.map(\.code).contains("stale"))
    }

    /// Hours written the same way on many rows are read once per worker; every row still gets its
    /// own schedule and its own warning.
    @Test func hoursRepeatedOnManyRowsAreReadAlikeAndReportedOnEachRow() throws {
        let plain = "\"Monday to Wednesday, 10am to 8pm\""
        let rows = (0..<300).map { k in
            Self.rows[0].replacingOccurrences(of: "s1,", with: "r\(k),")
                .replacingOccurrences(of: "Mo-Fr 09:00-17:00; Sa 10:00-12:00", with: k.isMultiple(of: 2) ? plain : "\"Tu,Th 18:00-20:00\"")
        }
        let r = try read(([Self.header] + rows).joined(separator: "\n"))
        #expect(r.services.count == 300 && r.repaired == 150)
        #expect(r.diagnostics.filter { $0.code == "hours-fallback" }.map(\.line) == stride(from: 2, to: 302, by: 2).map { $0 })
        for (k, s) in r.services.enumerated() {
            #expect(OpeningHours(rules: s.schedules).weeklySummary == (k.isMultiple(of: 2) ? "Mon-Wed 10:00-20:00" : "Tue, Thu 18:00-20:00"))
        }
    }

    @Test func plainEnglishHoursAreAcceptedWithTheReadingShown() throws {
        let row = Self.rows[0].replacingOccurrences(of: "Mo-Fr 09:00-17:00; Sa 10:00-12:00",
                                                    with: "\"Monday to Wednesday, 10am to 8pm; Thursday 9.30-12\"")
        let r = try read(Self.header + "\n" + row)
        #expect(r.services.count == 1 && r.repaired == 1)
        let d = try #require(r.diagnostics.first { $0.code == "hours-fallback" })
        #expect(d.hint?.contains("Mo-We 10:00-20:00; Th 09:30-12:00") ?? false, "\(d)")
        #expect(OpeningHours(rules: r.services[0].schedules).weeklySummary == "Mon-Wed 10:00-20:00; Thu 09:30-12:00")
    }

    /// The byte-level trimming and splitting the row checks use agree with trimming by characters.
    @Test("cells are trimmed and split as characters would be", arguments: [
        ("  Food bank ;Advice;; ", ["Food bank", "Advice"]),
        ("\u{00A0}Café\u{00A0}; \tPolski\r\n", ["Café", "Polski"]),
        ("\u{000B}x\u{000C}", ["x"]),
        ("e\u{0301} ; ;", ["e\u{0301}"]),
        ("", []), (" ; ", []), (" \u{0301}x", ["x"]),
    ])
    func cellsAreTrimmedAndSplit(_ text: String, _ parts: [String]) {
        #expect(text.trimmedParts(separatedBy: ";") == parts)
        let byCharacters = text.split(separator: ";").map { String($0.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()) }
        #expect(parts == byCharacters.filter { !$0.isEmpty })
        #expect(text.trimmed == String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()))
    }

    // MARK: - Bad values: reported with line, column, field, value, reason and a hint

    @Test("a bad value is reported where it is", arguments: [
        (",Armley,", ",Armly,", "ward", Diagnostic.Severity.warning, "did you mean \"Armley\""),
        ("Mo-Fr 09:00-17:00; Sa 10:00-12:00", "9-5ish", "opening_hours", .error, "could not be read"),
        ("LS12 1AB,53.7990,-1.5920", "LS99 9ZZ,,", "postcode", .warning, "not in Leeds"),
        ("0113 496 0000", "0113 496 00", "phone", .warning, "9 digits"),
        ("2025-10-01", "2023-04-01", "last_verified", .warning, "over 12 months ago"),
        (",,,English;Polish", ",18,11,English;Polish", "max_age", .error, "below min_age"),
        ("food@armley.example.org", "food at armley", "email", .warning, "email"),
    ])
    func badValue(find: String, replace: String, field: String, severity: Diagnostic.Severity, says: String) throws {
        let row = Self.rows[0].replacingOccurrences(of: find, with: replace)
        #expect(row != Self.rows[0])
        let r = try read([Self.header, row, Self.rows[1]].joined(separator: "\n"))
        let d = try #require(r.diagnostics.first { $0.field == field && $0.severity == severity }, "\(r.diagnostics)")
        #expect(d.line == 2 && d.column != nil && d.recordID == "s1")
        #expect((d.reason + " " + (d.hint ?? "")).contains(says), "\(d)")
        #expect(d.description.hasPrefix("hub.csv:2:\(d.column ?? 0): \(severity.rawValue): \(field)"), "\(d.description)")
        // The good row is kept; the bad one only if its problem is a warning.
        #expect(r.services.contains { $0.id == "s2" })
        #expect(r.services.contains { $0.id == "s1" } == (severity == .warning))
        if severity == .error { #expect(r.rejectedRecords.map(\.line) == [2] && r.rejectedRecords[0].source.contains(replace)) }
    }

    // MARK: - Bad files: never a crash, every bad row reported with its line, every good row kept

    @Test func aShiftedRowIsRejectedWithItsLineAndTheRestAreKept() throws {
        // An unquoted comma in the description shifts every column after it.
        let shifted = Self.rows[1].replacingOccurrences(of: "\"Debt and benefits advice, by phone or in person.\"",
                                                        with: "Debt and benefits advice, by phone or in person.")
        let r = try read([Self.header, Self.rows[0], shifted, Self.rows[2]].joined(separator: "\n"))
        #expect(r.services.map(\.id) == ["s1", "s3"] && r.rejected == 1)
        let d = try #require(errors(r).first)
        #expect(d.code == "field-count" && d.line == 3)
        #expect(d.hint?.contains("comma inside a field") ?? false)
    }

    @Test func aTruncatedFileKeepsEveryCompleteRow() throws {
        // Cut inside the quoted address of the last row, as a failed download would.
        let text = Self.good + Self.rows[1].replacingOccurrences(of: "s2,", with: "s4,")
        let cut = String(text.prefix(text.utf8.count - Self.rows[1].utf8.count + 70))
        let r = try read(cut)
        #expect(r.services.map(\.id) == ["s1", "s2", "s3"])
        #expect(r.rejected == 1 && r.rejectedRecords.first?.line == 5, "\(r.diagnostics)")
        #expect(errors(r).allSatisfy { $0.line == 5 })
    }

    @Test func windows1252IsReadWithAWarning() throws {
        // "Café – Armley" saved by Excel as Windows-1252: é is the single byte E9, and "–" is 96.
        let row = Array(Self.rows[0].utf8)
        let name = Array("Armley Food Bank".utf8)
        let at = try #require((0...(row.count - name.count)).first { Array(row[$0..<($0 + name.count)]) == name })
        let bytes = Array((Self.header + "\n").utf8) + row[..<at] + Array("Caf".utf8) + [0xE9, 0x20, 0x96, 0x20] + row[at...]
        let r = try read(bytes: bytes)
        #expect(r.services.first?.name == "Café – Armley Food Bank")
        #expect(r.diagnostics.contains { $0.code == "not-utf8" && $0.severity == .warning })
    }

    /// Excel where the decimal mark is a comma saves "CSV" with semicolons, and "Unicode text" is
    /// UTF-16 with tabs: both read as the comma-separated UTF-8 file does (they were refused with
    /// "no id column", the header read as one field).
    @Test("other separators and UTF-16", arguments: [("semicolon", ";", ""), ("tab", "\t", ""), ("tab", "\t", "UTF-16LE"), ("comma", ",", "UTF-16BE")])
    func otherSeparatorsAndUTF16(name: String, separator: String, encoding: String) throws {
        let table = CSVTable(text: Self.good)
        let text = table.records.map { record in
            record.fields.map { f in
                f.value.contains(separator) || f.value.contains("\"") || f.value.contains("\n")
                    ? "\"" + f.value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f.value
            }.joined(separator: separator)
        }.joined(separator: "\r\n")
        var bytes = Array(text.utf8)
        if encoding == "UTF-16LE" { bytes = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }
        if encoding == "UTF-16BE" { bytes = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }
        let r = try read(bytes: bytes)
        let expected = try read(Self.good)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.services.map(\.id) == expected.services.map(\.id))
        #expect(r.services == expected.services)
        #expect(CSVTable(bytes: bytes, delimiter: nil).encoding == (encoding.isEmpty ? "UTF-8" : encoding))
        // A blank line before the header, or Excel's `sep=` line, changes nothing.
        if encoding.isEmpty {
            for prefix in ["\r\n", "sep=\(separator)\r\n"] {
                let r2 = try read(bytes: Array(prefix.utf8) + bytes)
                #expect(r2.services == expected.services && r2.diagnostics.isEmpty, "\(prefix.debugDescription): \(r2.diagnostics)")
            }
        }
    }

    /// Headers as people write them name the usual columns (an `Opening times` column was ignored,
    /// and every service read as by appointment); languages may be separated by commas too.
    @Test func usualHeaderNamesAndCommaSeparatedLanguagesAreRead() throws {
        let r = try read("id,Service name,Organisation name,description,Opening times,languages\nz1,Drop-in,Leeds Mind,Talk to someone,Mo 10:00-12:00,\"English, Urdu; Polish\"\n")
        let s = try #require(r.services.first, "\(r.diagnostics)")
        #expect(others(r).isEmpty, "\(r.diagnostics)")
        #expect(s.organisation?.name == "Leeds Mind" && s.schedules.count == 1 && s.languages == ["English", "Urdu", "Polish"])
        // Never inside brackets.
        let two = try read("id,name,description,languages\nl1,A,x,\"Chinese (Mandarin, Cantonese); Urdu\"\nl2,B,x,\"English, Urdu\"\n")
        #expect(two.services.map(\.languages.count) == [2, 2], "\(two.services.map(\.languages))")
    }

    /// Two sites of one service with their own phone and hours: both phones and both timetables are
    /// kept, and the difference is said (the second site's were dropped silently, so it was never open).
    @Test func rowsOfOneServiceKeepEachSitesPhoneAndHours() throws {
        let r = try read("""
            id,name,description,ward,address,postcode,phone,opening_hours,email
            m2,Harehills Hub,debt advice,Gipton & Harehills,2 Roundhay Road,LS8 5AB,0113 496 0002,Mo 10:00-12:00,a@x.org
            m2,Harehills Hub,debt advice,Chapel Allerton,3 Chapeltown Road,LS7 3AA,0113 496 0003,Th 10:00-12:00,b@x.org

            """)
        let s = try #require(r.services.first)
        #expect(r.services.count == 1 && s.phones == ["0113 496 0002", "0113 496 0003"] && s.locations.count == 2)
        #expect(OpeningHours(rules: s.schedules).weeklySummary == "Mon, Thu 10:00-12:00")
        #expect(s.email == "a@x.org")
        #expect(Set(r.diagnostics.map { "\($0.code) \($0.field ?? "")" }) == ["id-repeated opening_hours", "id-repeated email"], "\(r.diagnostics)")
        #expect(r.diagnostics.allSatisfy { $0.reason.contains("line 2") }, "the first row is named by its line: \(r.diagnostics.map(\.reason))")
        // A detail the first row left empty comes from a later one, without a warning.
        let filled = try read("id,name,description,email,website\nm1,A,x,,\nm1,A,x,b@x.org,https://x.org\n")
        #expect(filled.services.first?.email == "b@x.org" && filled.services.first?.url == "https://x.org" && others(filled).isEmpty, "\(filled.diagnostics)")
    }

    /// A stray opening quote takes the next row into its field: the row after it is read on its own, and
    /// the error says so at the quote (the next service vanished, unnamed; then it was named, and still lost).
    @Test func aQuoteLeftOpenSaysWhichRowsItTookIn() throws {
        let r = try read("id,name,description,opening_hours\ns1,\"Food Bank,food,Mo 10:00-12:00\ns2,Debt Advice,\"debt\",Tu 10:00-12:00\ns3,Warm,warm,We 10:00-12:00\n")
        #expect(r.services.map(\.id) == ["s2", "s3"] && r.rejected == 1, "\(r.diagnostics)")
        let d = try #require(r.diagnostics.first { $0.code == "csv-syntax" })
        #expect(d.line == 2 && d.column == 4 && d.reason.contains("line 3 after it was read as a row of its own"), "\(d)")
        // When the lines after it do not read as rows, the record is kept whole, and the error says which lines went with it.
        let w = try read("id,name,description,opening_hours\ns1,\"Food Bank,food,Mo 10:00-12:00\ns2,Debt Advice,\"debt\",Tu 10:00-12:00,extra,more\ns3,Warm,warm,We 10:00-12:00\n")
        #expect(w.services.map(\.id) == ["s3"], "\(w.diagnostics)")
        let f = try #require(w.diagnostics.first { $0.code == "field-count" })
        #expect(f.hint == "a quote opened in this row runs on to line 3, so line 3 is read as part of it; is a closing quote missing?", "\(f)")
    }

    /// A quote inside a value not in quotes (`12" pizza`, `Mum's "Drop-in`) leaves the row's fields where
    /// they are: the value is kept as written, with a warning naming its column and value (the whole
    /// service was rejected, and a weekly load dropped 11 live services for it).
    @Test func aStrayQuoteIsKeptAndNamed() throws {
        let r = try read("id,name,description,opening_hours\ns1,Mum's \"Drop-in,Tea \"and\" chat,Mo 10:00-12:00\ns2,\"Pizza\" Club,food,Tu 10:00-12:00\n")
        #expect(r.services.map(\.name) == ["Mum's \"Drop-in", "Pizza Club"] && r.rejected == 0, "\(r.diagnostics)")
        #expect(r.services.first?.description == "Tea \"and\" chat")
        let quotes = r.diagnostics.filter { $0.code == "csv-quote" }
        #expect(quotes.map(\.field) == ["name", "description", "name"], "one per value, however many quotes")
        #expect(quotes.map(\.value) == ["Mum's \"Drop-in", "Tea \"and\" chat", "Pizza Club"])
        #expect(quotes.allSatisfy { $0.severity == .warning && $0.line != nil && $0.column != nil })
    }

    /// A quote never closed: the error names the column it opened in, and the row's values (shifted)
    /// are not checked (`status: value "Kirkstall"` hid the cause).
    @Test func aQuoteNeverClosedIsTheOneErrorOfItsRow() throws {
        let r = try read("id,name,postcode,opening_hours\ns1,A,LS12 1AB,Mo 10:00-12:00\ns2,\"Unclosed name,LS12 1AB,Mo 10:00-12:00\n")
        #expect(r.services.map(\.id) == ["s1"] && r.rejected == 1)
        let syntax = try #require(r.diagnostics.first { $0.code == "csv-syntax" })
        #expect(syntax.field == "name" && syntax.line == 3 && syntax.severity == .error)
        #expect(others(r).allSatisfy { ["csv-syntax", "field-count"].contains($0.code) }, "\(r.diagnostics)")
        // Closed by a quote far later, it takes in the commas between: the hint names where it opened.
        let late = try read("id,name,description,postcode,opening_hours\ns1,\"Unclosed name,x,LS12 1AB,Mo 10:00-12:00 \"a\"\n")
        #expect(late.rejected == 1)
        #expect(late.diagnostics.first { $0.code == "field-count" }?.hint
                == "the quoted value of \"name\" (column 4) runs on past a comma into the fields after it (\"Unclosed name,x,LS12 1AB,Mo 10:00-12:00 a\"\"); is its closing quote missing?",
                "\(late.diagnostics)")
    }

    /// Empty cells after the last named column (`...,last_verified,,`, or `,,` at the end of some
    /// rows) are no fields: every row was rejected for "has 24 fields; the header has 26".
    @Test func emptyCellsAfterTheLastColumnAreNoFields() throws {
        let r = try read("id,name,opening_hours,,\ns1,A,Mo 10:00-12:00\ns2,B,Tu 10:00-12:00,,\ns3,C,We 10:00-12:00,,,x\n")
        #expect(r.services.map(\.id) == ["s1", "s2"] && r.rejected == 1, "\(r.services.map(\.id)) \(r.diagnostics)")
        #expect(errors(r).first?.reason == "has 6 fields; the header has 3")
        // A row as long as the header with its empty cells, but shifted by a comma in an unquoted value,
        // is still found (its values were checked in the wrong columns).
        let shifted = try read("id,name,description,opening_hours,,\ns1,A,Soup, sandwiches,Mo 10:00-12:00,\n")
        #expect(shifted.rejected == 1 && errors(shifted).map(\.code) == ["field-count"], "\(shifted.diagnostics)")
        // A field more than the header row has is a shifted row too, blank or not (`Fun, games,` with its cost
        // empty put "games" in the cost; found by a hub tester).
        let blankLast = try read("id,name,description,cost\ns7,Club,Fun, games,\ns8,Other,Fun,Free\n")
        #expect(blankLast.services.map(\.id) == ["s8"] && errors(blankLast).map(\.code) == ["field-count"], "\(blankLast.diagnostics)")
        #expect(errors(blankLast).first?.hint?.hasPrefix("is there a comma inside a field") == true, "\(String(describing: errors(blankLast).first?.hint))")
    }

    /// Columns without which the directory is much less use are said once per file; a column given
    /// twice is read where the first is blank (all hours became "by appointment" when the first of two
    /// `opening_hours` columns was the empty one).
    @Test func columnsADirectoryNeedsAreMissedAloud() throws {
        let bare = try importer.read(bytes: Array("id,name,description\ns1,A,x\n".utf8), fileName: "hub.csv")
        let missing = bare.diagnostics.filter { $0.code == "missing-column" }
        #expect(missing.count == 5 && missing.allSatisfy { $0.severity == .warning && $0.line == 1 })
        #expect(missing.first?.reason == "the header row has no \"opening_hours\" column: no service will show its hours or be found open (each shows \"Hours not listed\" or \"By appointment\")")
        let full = try importer.read(bytes: Array(Self.good.utf8), fileName: "hub.csv")
        #expect(!full.diagnostics.contains { $0.code == "missing-column" })
        let twice = try read("id,name,opening_hours,description,opening_hours\ns1,A,,x,Mo 10:00-12:00\ns2,B,Tu 10:00-12:00,x,We 10:00-12:00\n")
        #expect(twice.services.map { OpeningHours(rules: $0.schedules).weeklySummary } == ["Mon 10:00-12:00", "Tue 10:00-12:00"])
        #expect(twice.diagnostics.first { $0.code == "duplicate-column" }?.reason
                == "appears twice (as \"opening_hours\" in column 3 too); in each row the first that is not blank is used")
    }

    /// Found by a hub-staff test: a `;`-separated sheet's decimal commas (its coordinates were
    /// dropped), and `+44 (0)113 ...` (flagged as 13 digits).
    @Test func europeanDecimalsAndTheBracketedZeroAreRead() throws {
        let r = try read("id;name;description;latitude;longitude;phone\nc1;A;x;53,8146;-1,5492;+44 (0)113 496 0376\n")
        #expect(r.services.first?.locations.first?.latitude == 53.8146 && r.services.first?.locations.first?.longitude == -1.5492)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(FieldChecks.decimal("53,81,46") == nil && FieldChecks.decimal("1.000,5") == nil && FieldChecks.decimal("53.8") == 53.8)
        #expect(FieldChecks.phone("+44 (0)113 496 0376") == nil && FieldChecks.phone("+44 (0)113 4960") != nil)
        #expect(FieldChecks.phone("(0)113 496 0000") == nil)
    }

    /// Ages as people write them are read, and said as read (`18+`, `under 5s`, `16-25` were all
    /// ignored: a service for 18-25s taken as open to a 10-year-old); what is no age says how to write one.
    @Test(arguments: [("18+", "", 18, nil, true), ("Over 18s", "", 18, nil, true), ("18 years", "", 18, nil, false), ("18yrs", "25", 18, 25, false),
                      ("18.0", "", 18, nil, false), ("16-25", "", 16, 25, true), ("", "under 5s", nil, 4, true), ("65+", "", 65, nil, true),
                      ("adults", "", 18, nil, true), ("16 to 25", "30", 16, 30, true), ("", "5 and under", nil, 5, true)] as [(String, String, Int?, Int?, Bool)])
    func agesInWordsAreRead(minimum: String, maximum: String, lower: Int?, upper: Int?, said: Bool) throws {
        let r = try read("id,name,description,min_age,max_age\nc1,A,x,\(minimum),\(maximum)\n")
        #expect(r.services.first?.minimumAge == lower && r.services.first?.maximumAge == upper, "\(minimum) / \(maximum)")
        // Words are said as read (a number with its unit needs no word).
        #expect(others(r).map(\.code) == (said ? ["age-words"] : []), "\(r.diagnostics)")
    }

    @Test func anAgeThatIsNoAgeSaysHowToWriteOne() throws {
        let r = try read("id,name,description,min_age\nc1,A,x,6 months\n")
        #expect(r.services.first?.minimumAge == nil)
        #expect(others(r).map(\.description) == [
            "hub.csv:2:8: warning: min_age: value \"6 months\" — is not an age in years; ignored; write \(AgeText.valid) (record 1, id c1)"])
    }

    /// Hours that say by appointment beside a drop-in route are said to disagree (search showed "Hours
    /// not listed", and the hub had typed "by appointment").
    @Test func appointmentHoursBesideADropInAreSaid() throws {
        let r = try read("id,name,description,opening_hours,referral\nc1,A,x,By appointment,drop in\nc2,B,x,By appointment,phone first\n")
        #expect(r.diagnostics.filter { $0.code == "hours-referral" }.map(\.recordID) == ["c1"], "\(r.diagnostics)")
    }

    /// Two numbers in the phone cell are both kept; a missing name says where; a bad email says it is
    /// left out (from a hub-staff test).
    @Test func twoPhonesAMissingNameAndABadEmail() throws {
        let r = try read("id,name,description,phone,email\nc1,A,x,0113 496 0376 / 07700 900456,hello at example dot org\nc2,,x,,\n")
        #expect(r.services.first?.phones == ["0113 496 0376", "07700 900456"] && r.services.first?.email == nil)
        #expect(others(r).map(\.description) == [
            "hub.csv:2:8: warning: phone: value \"0113 496 0376 / 07700 900456\" — holds 2 phone numbers; read as 2 numbers; separate them with ; to say so (record 1, id c1)",
            "hub.csv:2:37: warning: email: value \"hello at example dot org\" — is not an email address; left out; write it as e.g. name@example.org (record 1, id c1)",
            "hub.csv:3:4: error: name: value \"\" — a service needs a name; give the name workers know it by (record 2, id c2)",
        ], "\(r.diagnostics.map(\.description))")
    }

    /// A postcode district alone places a service only roughly, and is said to (it was taken silently).
    @Test func aDistrictAloneIsSaid() throws {
        let r = try read("id,name,description,postcode\nc1,A,x,LS1\n")
        #expect(r.services.first?.locations.first?.ward != nil)
        #expect(r.diagnostics.map(\.code) == ["partial-postcode"], "\(r.diagnostics)")
    }

    /// A row given twice is read once and said (it was merged silently).
    @Test func aRowGivenTwiceIsSaid() throws {
        let r = try read("id,name,description,ward\nc1,A,x,Armley\nc1,A,x,Armley\nc1,A,x,Kirkstall\n")
        #expect(r.services.count == 1 && r.services[0].locations.count == 2)
        #expect(others(r).map(\.description) == ["hub.csv:3: warning: repeats line 2 exactly; read once; delete one of them (record 2, id c1)"],
                "\(r.diagnostics.map(\.description))")
    }

    /// A price of nothing is free (`£0` was classed as paid and left out of `--free`).
    @Test func aPriceOfNothingIsFree() {
        for fees in ["£0", "£0.00", "0", "£ 0", "Nil"] { #expect(Cost.classify(fees) == .free, "\(fees)") }
        for fees in ["£0.50", "£10", "50p", "Pay what you can"] { #expect(Cost.classify(fees) == .paid, "\(fees)") }
        // Free to join but charging is paid, as pay-as-you-feel is (`--free` listed such shops).
        for fees in ["Free to join; shopping from £2", "Free entry, pay as you feel lunch", "Free. Tea 50p"] { #expect(Cost.classify(fees) == .paid, "\(fees)") }
        for fees in ["Free", "Free, donations welcome", "Free of charge"] { #expect(Cost.classify(fees) == .free, "\(fees)") }
    }

    /// One coordinate alone is named by the one given, with its value (it named the empty one).
    @Test func aLoneCoordinateIsNamedWithItsValue() throws {
        let r = try read("id,name,description,latitude,longitude\nc1,A,x,abc,\nc2,B,x,53.8,\n")
        #expect(others(r).map(\.description) == [
            "hub.csv:2:8: warning: latitude: value \"abc\" — is not a latitude in decimal degrees, and longitude is empty; give both, e.g. 53.7997, -1.5492; ignored (record 1, id c1)",
            "hub.csv:3:8: warning: latitude: value \"53.8\" — is given without a longitude; give both, e.g. 53.7997, -1.5492; ignored (record 2, id c2)",
        ])
    }

    /// A verification date in the future is flagged (it would never count as stale), and a British
    /// day-first date is read with a warning rather than dropped.
    @Test func verificationDatesInTheFutureOrWrittenDayFirst() throws {
        let importer = SpreadsheetImporter(gazetteer: Fixtures.city.gazetteer, referenceDate: LocalDate(iso: "2025-11-12")!)
        let r = try importer.read(bytes: Array("id,name,description,last_verified\nd1,A,x,2099-01-01\nd2,B,x,01/10/2025\nd3,C,x,31/02/2025\n".utf8), fileName: "hub.csv")
        #expect(others(r).map(\.code).filter { $0 != "missing-column" } == ["future-date", "lenient-date", "bad-date"], "\(r.diagnostics)")
        #expect(r.services.map(\.assuredDate) == [LocalDate(iso: "2099-01-01"), LocalDate(iso: "2025-10-01"), nil])
        // A day the month has not is said so (it was "not a YYYY-MM-DD date").
        #expect(r.diagnostics.first { $0.code == "bad-date" }?.reason == "is not a date: February 2025 has 28 days", "\(r.diagnostics)")
        #expect(LocalDate.whyNotADate("2024-02-30") == "is not a date: February 2024 has 29 days")
        // Month first is said with the date it would be, not guessed (from a hub tester).
        let us = try importer.read(bytes: Array("id,name,description,last_verified,referral\nd1,A,x,12/31/2025,GP referral\n".utf8), fileName: "hub.csv")
        #expect(us.diagnostics.first { $0.code == "bad-date" }?.hint == "if it is written month first, it is 2025-12-31: write that; the entry will be treated as never verified")
        #expect(us.services.first?.referral == .professionalReferral && !us.diagnostics.contains { $0.field == "referral" }, "GP referral is a professional's")
        #expect(LocalDate.whyNotADate("2025-13-01") == "is not a date: months run 01 to 12" && LocalDate.whyNotADate("soon") == "is not a YYYY-MM-DD date")
        // A two-digit year is not put in the future; year-first dates with other separators are read too.
        let reference = LocalDate(iso: "2025-11-12")!
        #expect(FieldChecks.lenientDate("01/10/99", reference: reference) == LocalDate(iso: "1999-10-01"))
        #expect(FieldChecks.lenientDate("1.10.25", reference: reference) == LocalDate(iso: "2025-10-01"))
        #expect(FieldChecks.lenientDate("2025/01/02", reference: reference) == LocalDate(iso: "2025-01-02"))
        #expect(FieldChecks.lenientDate("2025-1-2", reference: reference) == LocalDate(iso: "2025-01-02"))
        #expect(FieldChecks.lenientDate("31/02/2025", reference: reference) == nil && FieldChecks.lenientDate("next week", reference: reference) == nil)
    }

    /// `--category food-bank` finds a spreadsheet's categories written as people write them, as a
    /// search for the words does (it found only "Food bank" exactly, not "Food Banks" or "Foodbank").
    @Test func aCategoryFilterFindsTheKindOfHelpHoweverTheCategoryIsWritten() throws {
        let r = try read("id,name,description,categories\nf1,A,x,Foodbank\nf2,B,x,Food Banks\nf3,C,x,Food bank\nf4,D,x,Knitting\n")
        let directory = Directory(services: r.services, city: Fixtures.city)
        let found = directory.search(SearchRequest(text: "", filters: SearchFilters(categories: ["food-bank"]), now: 1_762_945_200, limit: 10))
        #expect(Set(found.results.map(\.service.id)) == Set(directory.search(SearchRequest(text: "food bank", now: 1_762_945_200)).results.map(\.service.id)))
        #expect(found.results.count >= 2 && !found.results.contains { $0.service.id == "f4" }, "\(found.results.map(\.service.id))")
    }

    @Test func theSameOpeningAndClosingTimeIsFlagged() throws {
        let r = try read("id,name,description,opening_hours\nz1,A,x,Mo 10:00-10:00\nz2,B,x,24/7\n")
        #expect(others(r).map(\.code) == ["overnight-hours"], "\(r.diagnostics)")
        #expect(r.diagnostics.first?.reason == "opens and closes at 10:00, so it reads as 24 hours from 10:00")
    }

    /// Excel writes a formatted but empty row as `,,,,`: such rows are blank lines, not 200 errors
    /// that held back the weekly update.
    @Test func rowsWithNothingInThemAreBlankLines() throws {
        let empty = String(repeating: ",", count: 19)
        let r = try read(Self.good + (0..<200).map { $0 % 2 == 0 ? empty : " , ,\t," }.joined(separator: "\n") + "\n")
        #expect(r.services.count == 3 && r.recordsRead == 3 && r.diagnostics.isEmpty, "\(r.diagnostics.prefix(3))")
        // One the reader found something wrong on (a cut-off file ending `,,"`) is still reported.
        let cut = try read(Self.good + ",,\"")
        #expect(cut.diagnostics.contains { $0.code == "csv-syntax" }, "\(cut.diagnostics)")
    }

    /// A cell with line breaks (an address typed with Alt+Enter) moves the rest of the row down: a
    /// problem after it is reported on its own line (it was given the row's first line).
    @Test func aProblemAfterACellWithLineBreaksIsOnItsOwnLine() throws {
        let row = Self.rows[0].replacingOccurrences(of: "\"Armley Hall, 12 Town Street, Leeds\"", with: "\"Armley Hall\n12 Town Street\nLeeds\"")
            .replacingOccurrences(of: "Mo-Fr 09:00-17:00; Sa 10:00-12:00", with: "Mo 10:00-25:00")
        let r = try read(Self.header + "\n" + row + "\n")
        let d = try #require(r.diagnostics.first { $0.code == "bad-hours" })
        #expect(d.line == 4, "\(d)")
        // Each cell carries its own line: a column number that also occurs on the first line, and a
        // shared field (the postcode, checked by the ward resolver), are placed right too.
        let text = "id,name,address,description,opening_hours,postcode\ns1,Food Bank Armley Big Name Here,\"12 Town St\nArmley\nLeeds\",food parcels and more things here ok,Mo 10:00-25:00,ZZ9 9ZZ\n"
        let lines = try read(text).diagnostics.map { "\($0.code) \($0.line ?? 0):\($0.column ?? 0)" }
        #expect(lines.contains("bad-hours 4:45") && lines.contains { $0.hasSuffix(" 4:60") }, "\(lines)")
        // A row whose quoted cell rightly holds line breaks but lacks a field is short, not a missing quote.
        let short = try read("id,name,description,opening_hours\nq1,A,\"multi\nline\"\n")
        #expect(short.diagnostics.first { $0.code == "field-count" }?.hint == "a field is missing, or the row was cut short", "\(short.diagnostics)")
    }

    @Test func aUTF16FileCutShortIsReadWithAWarning() throws {
        let bytes: [UInt8] = [0xFF, 0xFE] + Self.good.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x41]
        let r = try read(bytes: bytes)
        #expect(r.services.count == 3)
        let d = try #require(r.diagnostics.first { $0.code == "encoding" })
        #expect(d.severity == .warning && d.reason.contains("odd number of bytes"), "\(d)")
    }

    @Test("an empty or headless file is a clear error", arguments: ["", "\n\n", "   \r\n"])
    func emptyFiles(text: String) {
        #expect(throws: ImportError.self) { try read(text) }
        do { _ = try read(text) } catch { #expect(error.description.contains("hub.csv") && error.description.contains("empty"), "\(error)") }
    }

    @Test func aFileWithoutTheNeededColumnsSaysWhichAreMissing() {
        do { _ = try read("name,ward\nArmley Food Bank,Armley\n"); Issue.record("expected an error") } catch {
            #expect(error.description.contains("\"id\"") && error.description.contains("hub.csv:1"), "\(error)")
        }
    }

    @Test func aHeaderOnlyFileLoadsNothingWithoutFuss() throws {
        let r = try read(Self.header + "\n")
        #expect(r.services.isEmpty && r.rejected == 0 && errors(r).isEmpty)
    }

    @Test func hugeFieldsAndLongRowsDoNotBreakIt() throws {
        let huge = String(repeating: "Food parcels, toiletries and advice. ", count: 60_000)  // about 2 MB
        let row = Self.rows[0].replacingOccurrences(of: "Emergency food parcels for anyone in need.", with: "\"\(huge)\"")
        let r = try read([Self.header, row, Self.rows[1]].joined(separator: "\n"))
        #expect(r.services.map(\.id) == ["s1", "s2"])
        #expect(r.services[0].description.utf8.count > 2_000_000)
        let directory = Directory(services: r.services, city: Fixtures.city)
        #expect(directory.search("food parcels").results.first?.service.id == "s1")
    }

    @Test func binaryGarbageIsRejectedRowByRowWithoutACrash() throws {
        var g = SplitMix64(seed: 7)
        let garbage = (0..<20_000).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        let r = try read(bytes: Array((Self.good).utf8) + garbage)
        #expect(Set(r.services.map(\.id)).isSuperset(of: ["s1", "s2", "s3"]))
        #expect(r.rejected > 0 && r.rejectedRecords.allSatisfy { ($0.line ?? 0) > 4 })
    }

    // MARK: - The round trip

    /// A directory written as the spreadsheet and read back answers every judged query exactly as
    /// the directory did: same services, same order, same scores.
    @Test func aDirectoryRoundTripsThroughTheSpreadsheet() throws {
        var cases: [(URL, URL)] = [(Fixtures.corpus.appendingPathComponent("services.json"), Fixtures.corpus.appendingPathComponent("queries.jsonl"))]
        if Fixtures.exists(Fixtures.evalCorpus) { cases.append((Fixtures.evalCorpus, Fixtures.evalQueries)) } else {
            print("note: ../shared/eval is absent; the round trip is checked on the bundled corpus only")
        }
        for (corpus, queries) in cases {
            let original = try Directory.load(contentsOf: corpus, city: Fixtures.city)
            let services = (0..<original.count).map(original.snapshot.service)
            var losses: [SpreadsheetWriter.Loss] = []
            let csv = SpreadsheetWriter().write(services, losses: &losses)
            #expect(losses.isEmpty, "\(losses.prefix(3))")
            let r = try read(bytes: Array(csv.utf8))
            #expect(errors(r).isEmpty && r.rejected == 0, "\(errors(r).prefix(3))")
            let copy = Directory(services: r.services, city: Fixtures.city)
            #expect(copy.count == original.count)
            var differences = 0
            for q in try JudgedQuery.load(queries) {
                let now = Date(timeIntervalSince1970: TimeInterval(Fixtures.at(q.at)))
                let a = original.search(q.text, now: now).results.map { "\($0.service.id) \($0.score)" }
                let b = copy.search(q.text, now: now).results.map { "\($0.service.id) \($0.score)" }
                if a != b { differences += 1; if differences <= 3 { Issue.record("\(corpus.lastPathComponent): \(q.text): \(a.prefix(3)) ≠ \(b.prefix(3))") } }
            }
            #expect(differences == 0)
        }
    }

    /// A file in UTF-8 but for one byte (a dash pasted from a Windows program): that byte is read as
    /// Windows-1252 and said where it is; the rest stays UTF-8 (the whole file was read as Windows-1252, every
    /// accented letter made nonsense, and went live with one warning that named no line).
    @Test func oneByteThatIsNotUTF8IsReadAloneAndSaidWhereItIs() throws {
        let rows = [Self.header, Self.rows[0].replacingOccurrences(of: "Armley Trust", with: "Café Trust"),
                    Self.rows[1].replacingOccurrences(of: "by phone or in person", with: "by phone \u{1} in person")]
        var bytes = Array(rows.joined(separator: "\n").utf8)
        let k = try #require(bytes.firstIndex(of: 0x01))
        bytes[k] = 0x96  // Windows-1252's en dash
        let r = try read(bytes: bytes)
        #expect(r.services.count == 2 && r.services[0].organisation?.name == "Café Trust", "\(r.services.map(\.organisation))")
        #expect(r.services[1].description.contains("by phone – in person"), "\(r.services[1].description)")
        let said = try #require(r.diagnostics.first { $0.code == "not-utf8" })
        #expect(said.line == 3 && said.column != nil && said.reason.contains("0x96") && said.reason.contains("\"–\""), "\(said)")
        #expect(r.diagnostics.filter { $0.code == "not-utf8" }.count == 1)
        // A file in Windows-1252 throughout is still read as that, and said once.
        let cp1252 = Array(rows.joined(separator: "\n").replacingOccurrences(of: "é", with: "e").utf8).map { $0 == 0x01 ? UInt8(0x96) : $0 }
            + Array("\ns9,Caf".utf8) + [0xE9] + Array(",Org,,Food bank,Armley,,LS12 1AB,,,0113 496 0009,,,Mo 09:00-12:00,drop in,,,English,Free,2025-10-01".utf8)
        let w = try read(bytes: cp1252)
        #expect(w.services.contains { $0.name == "Café" } && w.diagnostics.filter { $0.code == "not-utf8" }.count == 1, "\(w.diagnostics)")
    }

    /// A quote opened in a row's last field and never closed on its line: the row is rejected, said at its
    /// own line, and the row after it is read on its own (it was swallowed into the bad row, rejected with
    /// it, and taken out of the live directory).
    @Test func aRowAfterAQuoteLeftOpenIsReadOnItsOwn() throws {
        let open = Self.rows[0].replacingOccurrences(of: ",2025-10-01", with: ",\"2025-10-01")
        // (The next row has quotes of its own: one of them closed the run-on value.)
        let r = try read([Self.header, open, Self.rows[1], Self.rows[2]].joined(separator: "\n"))
        #expect(r.services.map(\.id) == ["s2", "s3"] && r.rejected == 1, "\(r.services.map(\.id)) \(r.diagnostics)")
        let e = try #require(r.diagnostics.first { $0.severity == .error })
        #expect(e.line == 2 && e.reason.contains("not closed on its line") && e.reason.contains("line 3 after it was read as a row of its own"), "\(e)")
        // A quoted value that rightly holds a line break is one row, as before.
        let multiline = Self.rows[0].replacingOccurrences(of: "Emergency food parcels for anyone in need.", with: "\"Emergency food parcels\nfor anyone in need.\"")
        let m = try read([Self.header, multiline, Self.rows[1]].joined(separator: "\n"))
        #expect(m.services.map(\.id) == ["s1", "s2"] && m.rejected == 0 && m.services[0].description.contains("\n"), "\(m.diagnostics)")
    }

    /// A UTF-8 file opened as Windows-1252 and saved as UTF-8 again (`Café` written `CafÃ©`) is read as the
    /// text it was, and said (it went live garbled, without a word); a file cut short in a row is an error
    /// that says so (a download cut at 93 % went live, its last 161 services taken out).
    @Test func aFileConvertedTwiceOrCutShortIsSaid() throws {
        let text = ([Self.header] + Self.rows).joined(separator: "\n").replacingOccurrences(of: "Armley Trust", with: "Café Trust") + "\n"
        let twice = Array(CSVTable.windows1252(Array(text.utf8)).utf8)
        #expect(twice != Array(text.utf8))
        let r = try read(bytes: twice)
        #expect(r.services.first?.organisation?.name == "Café Trust" && r.rejected == 0, "\(r.services.first?.organisation as Any)")
        let said = try #require(r.diagnostics.first { $0.code == "converted-twice" })
        #expect(said.reason.contains("\"CafÃ©\" for \"Café\""), "\(said)")
        #expect(try read(text).diagnostics.allSatisfy { $0.code != "converted-twice" })
        // Cut short: the last row short of fields, with no line break after it.
        let cut = String(text.dropLast(30))
        let c = try read(cut)
        let e = try #require(c.diagnostics.first { $0.code == "cut-short" })
        #expect(e.severity == .error && e.line == 4 && e.reason.contains("ends in the middle of a row"), "\(e)")
        #expect(try read(text).diagnostics.allSatisfy { $0.code != "cut-short" })
        #expect(try read(String(text.dropLast())).diagnostics.allSatisfy { $0.code != "cut-short" }, "a complete last row without a line break is whole")
    }
}

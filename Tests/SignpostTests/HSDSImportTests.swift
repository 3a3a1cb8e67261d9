import Foundation
import Testing
@testable import Signpost

@Suite("Reading HSDS / ORUK JSON")
struct HSDSImportTests {
    let importer = HSDSJSONImporter(gazetteer: Fixtures.city.gazetteer)

    func read(_ json: String, name: String = "corpus.json") throws(ImportError) -> ImportReport {
        try importer.read(data: Data(json.utf8), fileName: name)
    }

    static let good = """
    {"id": "svc-1", "name": "Armley Food Bank", "description": "Emergency food parcels.", "status": "active",
     "organization": {"id": "org-1", "name": "Armley Helping Hands"},
     "service_at_locations": [{"location": {"name": "Hall", "latitude": 53.7990, "longitude": -1.5920, "x_ward": "Armley",
        "addresses": [{"address_1": "12 Town Street", "city": "Leeds", "postal_code": "ls12 3ab"}]}}],
     "schedules": [{"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "10:00", "closes_at": "12:00"},
                   {"freq": "MONTHLY", "byday": "-1FR", "opens_at": "18:00", "closes_at": "20:00"}],
     "service_areas": [{"name": "Armley"}],
     "attributes": [{"taxonomy_term": {"code": "food-bank", "name": "Food bank"}}],
     "languages": [{"name": "Polish", "code": "pl"}, {"name": "English"}], "phones": [{"number": "0113 496 0001"}],
     "minimum_age": 18, "maximum_age": null, "eligibility_description": "Anyone in need", "fees_description": "Free",
     "application_process": "Drop in, no referral needed.", "assured_date": "2025-03-15"}
    """

    @Test func readsEveryFieldIntoTheModel() throws {
        let report = try read("[\(Self.good)]")
        #expect(report.diagnostics.isEmpty, "\(report.diagnostics)")
        let s = try #require(report.services.first)
        #expect(s.id == "svc-1" && s.name == "Armley Food Bank" && s.organisation?.name == "Armley Helping Hands")
        #expect(s.locations.first?.postcode == "LS12 3AB" && s.locations.first?.ward == "Armley" && s.locations.first?.wardSource == .explicit)
        #expect(s.schedules.count == 2)
        #expect(s.categories == [Category(code: "food-bank", name: "Food bank")])
        #expect(s.languages == ["Polish", "English"])
        #expect(s.minimumAge == 18 && s.maximumAge == nil)
        #expect(s.cost == .free && s.referral == .dropIn && s.status == .active)
        #expect(s.assuredDate == LocalDate(iso: "2025-03-15"))
        #expect(s.serviceAreas == [ServiceArea(name: "Armley", ward: "Armley")])
    }

    @Test func readsAnORUKPage() throws {
        let report = try read("{\"total_items\": 1, \"page\": 1, \"contents\": [\(Self.good)]}")
        #expect(report.services.count == 1)
        // A list other APIs wrap as `services` is read too (it was "malformed JSON"); one service given
        // alone is said to be one.
        #expect(try read("{\"services\": [\(Self.good)]}").services.count == 1)
        do { _ = try read(Self.good); Issue.record("read") } catch {
            #expect(error.reason.contains("the object is one service, not a list of them; put it in [ ]"), "\(error.reason)")
        }
    }

    /// An email written as a `mailto:` link is its address, said; one that is no address is left out,
    /// said, as in the spreadsheet (a feed's were kept as written).
    @Test func emailsAreReadAsTheSpreadsheetReadsThem() throws {
        let report = try read("[{\"id\": \"e1\", \"name\": \"A\", \"email\": \"mailto:Hello@Example.org\"}, {\"id\": \"e2\", \"name\": \"B\", \"email\": \"hello at example dot org\"}]")
        #expect(report.services.map(\.email) == ["Hello@Example.org", nil])
        #expect(report.diagnostics.contains { $0.code == "email-mailto" && $0.recordID == "e1" } && report.diagnostics.contains { $0.code == "bad-email" && $0.recordID == "e2" },
                "\(report.diagnostics)")
    }

    /// A verification date written day first (`05/12/2026`, as Excel writes it in the UK) is read as the
    /// spreadsheet reads it, said (it was "never verified" in a feed); one that is no date still is.
    @Test func aVerificationDateWrittenDayFirstIsRead() throws {
        let report = try read("[{\"id\": \"v1\", \"name\": \"A\", \"assured_date\": \"05/12/2026\"}, {\"id\": \"v2\", \"name\": \"B\", \"assured_date\": \"soon\"}]")
        #expect(report.services.map(\.assuredDate) == [LocalDate(iso: "2026-12-05"), nil])
        #expect(report.diagnostics.contains { $0.code == "lenient-date" && $0.recordID == "v1" && ($0.hint ?? "").contains("2026-12-05") }, "\(report.diagnostics)")
        #expect(report.diagnostics.contains { $0.code == "bad-date" && $0.recordID == "v2" })
    }

    /// A schedule in words only (valid HSDS: `Please call for opening times`) is by appointment, said;
    /// the service loads (it was rejected: "a schedule needs opens_at and closes_at").
    @Test func aScheduleInWordsOnlyIsByAppointment() throws {
        let json = "[{\"id\": \"w1\", \"name\": \"Advice Line\", \"schedules\": [{\"description\": \"Please call for opening times\"}]}]"
        let report = try read(json)
        #expect(report.services.map(\.id) == ["w1"] && report.services[0].schedules.isEmpty && report.rejected == 0)
        let w = try #require(report.diagnostics.first { $0.code == "schedule-words" })
        #expect(w.severity == .warning && w.value == "Please call for opening times" && (w.hint ?? "").hasPrefix("read as by appointment"), "\(w)")
        // Times without days are still an error.
        let half = try read("[{\"id\": \"w2\", \"name\": \"X\", \"schedules\": [{\"opens_at\": \"10:00\", \"description\": \"mornings\"}]}]")
        #expect(half.rejected == 1)
    }

    @Test func aBadRecordIsReportedAndSkippedAndGoodOnesLoad() throws {
        let bad = Self.good.replacingOccurrences(of: "\"svc-1\"", with: "\"9f3c8e2a-0000-4000-8000-000000000412\"")
            .replacingOccurrences(of: "\"opens_at\": \"10:00\"", with: "\"opens_at\": \"9ish\"")
        let second = Self.good.replacingOccurrences(of: "\"svc-1\"", with: "\"svc-2\"")
        let report = try read("[\n\(Self.good),\n\(bad),\n\(second)\n]")
        #expect(report.services.map(\.id) == ["svc-1", "svc-2"])
        #expect(report.rejected == 1 && report.recordsRead == 3)
        let d = try #require(report.diagnostics.first { $0.severity == .error })
        #expect(d.file == "corpus.json" && d.record == 1 && d.field == "schedules[0].opens_at" && d.value == "9ish")
        #expect(d.line != nil && d.column != nil)
        let text = d.description
        #expect(text == "corpus.json:\(d.line!):\(d.column!): error: schedules[0].opens_at: value \"9ish\" — is not HH:MM; write the time as HH:MM, e.g. 09:30 (record 2, id 9f3c8e2a…)", "\(text)")
        #expect(report.rejectedRecords.first?.source.contains("9ish") ?? false)
    }

    /// A wrongly typed value is shown once quoted, as the file has it (it was shown `""north""`).
    @Test func aWronglyTypedValueIsQuotedOnce() throws {
        let json = Self.good.replacingOccurrences(of: "\"latitude\": 53.7990", with: "\"latitude\": \"north\"")
            .replacingOccurrences(of: "\"minimum_age\": 18", with: "\"minimum_age\": {\"years\": 18}")
        let report = try read("[\(json)]")
        let latitude = try #require(report.diagnostics.first { $0.field == "service_at_locations[0].location.latitude" })
        #expect(latitude.value == "north")
        #expect(latitude.description.contains("value \"north\" — should be a number"), "\(latitude.description)")
        let age = try #require(report.diagnostics.first { $0.field == "minimum_age" })
        #expect(age.value == nil && age.description.contains("minimum_age: is not an age in years"), "\(age.description)")
    }

    /// A list written as one item (a phone number, a language, one location object) is read as a list
    /// of one and said so; schedules written as text are read as opening hours; a list that cannot
    /// be one is reported. Nothing is dropped without a word (these were all dropped silently).
    @Test func aListWrittenAsOneValueIsReadAndReported() throws {
        let json = Self.good
            .replacingOccurrences(of: "\"phones\": [{\"number\": \"0113 496 0001\"}]", with: "\"phones\": \"0113 496 0001\"")
            .replacingOccurrences(of: "\"languages\": [{\"name\": \"Polish\", \"code\": \"pl\"}, {\"name\": \"English\"}]", with: "\"languages\": \"Polish, English\"")
            .replacingOccurrences(of: "\"service_at_locations\": [{\"location\"", with: "\"service_at_locations\": {\"location\"")
            .replacingOccurrences(of: "ls12 3ab\"}]}}],", with: "ls12 3ab\"}]}},")
        let report = try read("[\(json)]")
        let s = try #require(report.services.first, "\(report.diagnostics)")
        #expect(s.phones == ["0113 496 0001"] && s.languages == ["Polish", "English"], "a string lists its languages as a cell does")
        #expect(s.locations.first?.postcode == "LS12 3AB")
        let fields = report.diagnostics.filter { $0.code == "not-a-list" }.map(\.field)
        #expect(fields == ["service_at_locations", "languages", "phones"], "\(report.diagnostics)")
        #expect(report.diagnostics.first { $0.field == "languages" }?.hint == "read as 2 languages: Polish, English", "not \"a list of one\"")
        #expect(report.repaired == 1)
        // Only a string stands for one item: `true` or a number is not a phone number or a language.
        let odd = Self.good
            .replacingOccurrences(of: "\"phones\": [{\"number\": \"0113 496 0001\"}]", with: "\"phones\": 1134960001")
            .replacingOccurrences(of: "\"service_areas\": [{\"name\": \"Armley\"}]", with: "\"service_areas\": true")
        let r = try read("[\(odd)]")
        #expect(r.services.first?.phones == [] && r.services.first?.serviceAreas == [])
        #expect(Set(r.diagnostics.filter { $0.code == "wrong-type" }.map(\.field)) == ["phones", "service_areas"], "\(r.diagnostics)")
    }

    /// Phone numbers in a feed are checked as the spreadsheet's are (a five-digit number passed).
    @Test func aFeedsPhoneNumbersAreChecked() throws {
        let json = Self.good.replacingOccurrences(of: "\"0113 496 0001\"", with: "\"12345\"")
        let d = try #require(try read("[\(json)]").diagnostics.first { $0.code == "bad-phone" })
        #expect(d.field == "phones[0]" && d.value == "12345" && d.line != nil, "\(d)")
    }

    /// A location's `regular_schedules` are read when its `schedules` is null (they were dropped).
    @Test func aLocationsRegularSchedulesAreReadWhenSchedulesIsNull() throws {
        let json = Self.good.replacingOccurrences(of: "\"x_ward\": \"Armley\",",
            with: "\"x_ward\": \"Armley\",") .replacingOccurrences(of: "\"service_at_locations\": [{\"location\"",
            with: "\"service_at_locations\": [{\"schedules\": null, \"regular_schedules\": [{\"weekday\": \"Thursday\", \"opens_at\": \"13:00\", \"closes_at\": \"15:00\"}], \"location\"")
        let s = try #require(try read("[\(json)]").services.first)
        #expect(s.schedules.contains { $0.pattern == .weekly([.thursday]) && $0.opens == TimeOfDay(hhmm: "13:00") }, "\(s.schedules)")
    }

    @Test func schedulesWrittenAsTextAreReadAsOpeningHours() throws {
        let start = Self.good.range(of: "\"schedules\": [")!.lowerBound
        let end = Self.good.range(of: "\"service_areas\"")!.lowerBound
        func record(_ schedules: String) -> String {
            Self.good.replacingCharacters(in: start..<end, with: "\"schedules\": \(schedules),\n ")
        }
        let report = try read("[\(record("\"Mo-Fr 09:00-17:00\""))]")
        let s = try #require(report.services.first, "\(report.diagnostics)")
        #expect(s.schedules.count == 1 && s.schedules[0].opens == TimeOfDay(hhmm: "09:00"))
        let d = try #require(report.diagnostics.first { $0.code == "hours-text" })
        #expect(d.field == "schedules" && d.value == "Mo-Fr 09:00-17:00" && d.line != nil)
        #expect(d.reason == "should be a list of schedule objects, not a string" && d.hint == "read as opening-hours text", "\(d)")
        #expect(report.diagnostics.count == 1, "\(report.diagnostics)")
        // Plain English is read and reported as a spreadsheet's hours column is; so is a wrong-way-round session.
        let english = try read("[\(record("\"Mon 9pm-7pm\""))]")
        #expect(english.services.first?.schedules.first?.opens == TimeOfDay(hhmm: "21:00"))
        #expect(Set(english.diagnostics.map(\.code)) == ["hours-text", "hours-fallback", "overnight-hours"], "\(english.diagnostics)")
        #expect(english.diagnostics.allSatisfy { $0.field == "schedules" && $0.value == "Mon 9pm-7pm" })
        // Text that is not hours rejects the record (it would otherwise be listed "by appointment").
        for text in ["whenever we can", "closed"] {
            let bad = try read("[\(record("\"\(text)\""))]")
            #expect(bad.services.isEmpty && bad.rejected == 1)
            #expect(bad.diagnostics.contains { $0.code == "bad-hours" && $0.severity == .error && $0.value == text }, "\(bad.diagnostics)")
        }
        // A number where a list belongs is reported and ignored; the record loads.
        let odd = try read("[\(record("5"))]")
        #expect(odd.services.count == 1 && odd.services[0].schedules.isEmpty)
        #expect(odd.diagnostics.contains { $0.code == "wrong-type" && $0.field == "schedules" && $0.reason == "should be a list, not a number" })
    }

    /// Numbers no Int can hold are reported, not trapped on: an age of 1e19 and a day of the month
    /// of -2^63 (whose absolute value overflows).
    @Test func hugeNumbersAreReportedNotCrashedOn() throws {
        let json = Self.good.replacingOccurrences(of: "\"minimum_age\": 18", with: "\"minimum_age\": 1e19")
            .replacingOccurrences(of: "\"byday\": \"MO,WE\"", with: "\"bymonthday\": \"-9223372036854775808\"")
            .replacingOccurrences(of: "\"freq\": \"WEEKLY\"", with: "\"freq\": \"MONTHLY\"")
        let report = try read("[\(json)]")
        #expect(report.diagnostics.contains { $0.code == "bad-age" && $0.value == "1e19" })
        #expect(report.diagnostics.contains { $0.code == "bad-bymonthday" })
    }

    @Test func aTimeWrittenLikePeopleWriteItIsRepairedWithAWarning() throws {
        let record = Self.good.replacingOccurrences(of: "\"opens_at\": \"10:00\"", with: "\"opens_at\": \"9am\"")
        let report = try read("[\(record)]")
        #expect(report.services.count == 1 && report.repaired == 1)
        let d = try #require(report.diagnostics.first)
        #expect(d.severity == .warning && d.hint == "read as 09:00")
        #expect(report.services[0].schedules[0].opens == TimeOfDay(hhmm: "09:00"))
    }

    @Test("required fields and bad values", arguments: [
        ("\"id\": \"svc-1\"", "\"id\": \"\"", "missing-id"),
        ("\"name\": \"Armley Food Bank\"", "\"name\": null", "missing-name"),
        ("\"byday\": \"MO,WE\"", "\"byday\": \"MO,XX\"", "bad-byday"),
        ("\"freq\": \"MONTHLY\"", "\"freq\": \"YEARLY\"", "bad-freq"),
        ("\"maximum_age\": null", "\"maximum_age\": 10", "bad-age-range"),
    ])
    func rejects(original: String, replacement: String, code: String) throws {
        let report = try read("[\(Self.good.replacingOccurrences(of: original, with: replacement))]")
        #expect(report.services.isEmpty)
        #expect(report.diagnostics.contains { $0.code == code && $0.severity == .error }, "\(report.diagnostics)")
    }

    @Test func duplicateIdsKeepTheFirstAndReportTheSecond() throws {
        let report = try read("[\(Self.good),\n\(Self.good)]")
        #expect(report.services.count == 1 && report.rejected == 1)
        #expect(report.diagnostics.contains { $0.code == "duplicate-id" && $0.record == 1 && $0.reason.contains("record 1") })
    }

    /// Records are found, parsed and checked in batches on several cores; across batch boundaries
    /// the outcome must be what reading them one by one gives: file order, the first of two ids
    /// kept, and a broken record ending the read after exactly the records before it.
    @Test func manyRecordsKeepFileOrderAndTheFirstErrorAcrossBatches() throws {
        let n = 5_000
        var records = (0..<n).map { Self.good.replacingOccurrences(of: "svc-1", with: "svc-\($0)") }
        records[4_500] = Self.good.replacingOccurrences(of: "svc-1", with: "svc-10")
        let report = try read("[" + records.joined(separator: ",\n") + "]")
        #expect(report.services.map(\.id) == (0..<n).filter { $0 != 4_500 }.map { "svc-\($0)" })
        #expect(report.rejected == 1 && report.rejectedRecords.first?.index == 4_500)
        #expect(report.diagnostics.contains { $0.code == "duplicate-id" && $0.record == 4_500 && $0.reason.contains("record 11") })

        records[3_000] = records[3_000].replacingOccurrences(of: "\"maximum_age\": null", with: "\"maximum_age\": nul")
        records[4_000] = records[4_000].replacingOccurrences(of: "\"status\": \"active\",", with: "\"status\": \"active\"")
        let text = "[" + records.joined(separator: ",\n") + "]"
        do throws(ImportError) { _ = try read(text); Issue.record("expected an error") } catch {
            let at = text.range(of: "\"maximum_age\": nul,")!.lowerBound
            let line = text[..<at].filter { $0 == "\n" }.count + 1
            #expect(error.line == line && error.reason.contains("after 3000 services were read"), "\(error)")
        }
        // A record's own error wins over one found just after it while finding records.
        do throws(ImportError) { _ = try read("[1.}"); Issue.record("expected an error") } catch {
            #expect(error.reason.contains("digits after '.'") && error.column == 4, "\(error)")
        }
        records[3_000] = Self.good.replacingOccurrences(of: "svc-1", with: "svc-3000")
        do throws(ImportError) { _ = try read("[" + records.joined(separator: ",\n") + "]"); Issue.record("expected an error") } catch {
            #expect(error.reason.contains("expected '}'") && error.reason.contains("after 4000 services were read"), "\(error)")
        }
    }

    @Test func malformedJSONGivesLineAndColumn() {
        #expect(throws: ImportError.self) { try read("[\(Self.good),\n{\"id\": \"x\",, }]") }
        do throws(ImportError) { _ = try read("[\(Self.good),\n{\"id\": \"x\",, }]") } catch {
            #expect(error.line == 12 && error.column == 12 && error.description.contains("malformed JSON"), "\(error)")
        }
        do throws(ImportError) {
            _ = try read(String("[\(Self.good)]".dropLast(40)))
            Issue.record("a truncated file was read")
        } catch {
            #expect(error.reason.contains("truncated"), "\(error)")
        }
    }

    @Test func anEmptyFileOrTheWrongShapeIsAClearError() {
        for text in ["", "   ", "\"a string\"", "{\"items\": []}"] {
            #expect(throws: ImportError.self, "\(text)") { try read(text) }
        }
    }

    @Test func aTruncatedFileSaysWhereAndHowManyWereRead() {
        let full = "[\(Self.good), \(Self.good.replacingOccurrences(of: "svc-1", with: "svc-2"))]"
        let cut = String(full.prefix(full.utf8.count - 200))
        do { _ = try read(cut); Issue.record("expected an error") } catch {
            #expect(error.line != nil && error.column != nil)
            #expect(error.description.contains("corpus.json:") && error.description.contains("truncated") && error.description.contains("after 1 service"), "\(error)")
        }
    }

    @Test("a file in the wrong encoding says so", arguments: [
        ([0xFF, 0xFE] + Array("[{}]".utf8).flatMap { [$0, 0] }, "UTF-16"),
        (Array("[{\"id\": \"a\", \"name\": \"Caf".utf8) + [0xE9] + Array("\"}]".utf8), "Windows-1252"),
    ] as [([UInt8], String)])
    func wrongEncoding(bytes: [UInt8], says: String) {
        do { _ = try importer.read(data: Data(bytes), fileName: "corpus.json"); Issue.record("expected an error") } catch {
            #expect(error.description.hasPrefix("corpus.json:1:") && error.description.contains(says), "\(error)")
        }
    }

    @Test func aHugeFieldIsReadWhole() throws {
        let huge = String(repeating: "Emergency food parcels and advice. ", count: 150_000)  // about 5 MB
        let r = try read("[\(Self.good.replacingOccurrences(of: "Emergency food parcels.", with: huge))]")
        #expect(r.services.first?.description.utf8.count == huge.utf8.count - 1 || r.services.first?.description.utf8.count == huge.utf8.count)
    }

    // MARK: Wards

    func ward(x: String? = nil, areas: [String] = [], postcode: String? = nil, lat: Double? = nil, lon: Double? = nil) throws -> (String?, WardSource?, [Diagnostic]) {
        var loc: [String] = ["\"name\": \"Hall\""]
        if let x { loc.append("\"x_ward\": \"\(x)\"") }
        if let postcode { loc.append("\"addresses\": [{\"address_1\": \"1 Road\", \"postal_code\": \"\(postcode)\"}]") }
        if let lat, let lon { loc.append("\"latitude\": \(lat), \"longitude\": \(lon)") }
        let json = """
        [{"id": "w", "name": "W", "service_at_locations": [{"location": {\(loc.joined(separator: ", "))}}],
          "service_areas": [\(areas.map { "{\"name\": \"\($0)\"}" }.joined(separator: ", "))]}]
        """
        let r = try read(json)
        let l = r.services.first?.locations.first
        return (l?.ward, l?.wardSource, r.diagnostics)
    }

    @Test func wardNamesCompareLoosely() throws {
        #expect(try ward(x: "Gipton and Harehills").0 == "Gipton & Harehills")
        #expect(try ward(x: "gipton-harehills").0 == "Gipton & Harehills")
        #expect(try ward(x: "GIPTON & HAREHILLS").1 == .explicit)
    }

    @Test func theWardComesFromXWardThenServiceAreaThenPostcodeThenCoordinates() throws {
        #expect(try ward(x: "Armley", areas: ["Roundhay"], postcode: "LS8 5AB").0 == "Armley")
        let fromArea = try ward(areas: ["Roundhay"], postcode: "LS12 1AB")
        #expect(fromArea.0 == "Roundhay" && fromArea.1 == .serviceArea)
        let fromPostcode = try ward(areas: ["Leeds"], postcode: "LS13 3AB")
        #expect(fromPostcode.0 == "Bramley & Stanningley" && fromPostcode.1 == .postcode)
        let fromCoordinates = try ward(lat: 53.8230, lon: -1.3300)
        #expect(fromCoordinates.1 == .coordinates && fromCoordinates.0 == "Garforth & Swillington")
    }

    @Test func anUnknownWardIsWarnedAboutWithASuggestion() throws {
        let (w, source, diags) = try ward(x: "Armly", postcode: "LS12 1AB")
        #expect(source == .postcode && w != nil)
        let d = try #require(diags.first { $0.code == "unknown-ward" })
        // Where it was put is said (it was loaded in another ward, silently).
        #expect(d.severity == .warning && d.value == "Armly" && d.hint == "did you mean \"Armley\"? It was placed in Armley from its postcode", "\(d.hint ?? "")")
    }

    /// A ward said with the word (`Wetherby ward`) is that ward; several in one cell (`Armley; Bramley`),
    /// or a town of two wards (`Morley`), put the site in the one its postcode is in, else the first, and
    /// say so (they were "not a Leeds ward", and `Morley` was Morley South whatever the postcode).
    @Test func aWardCellNamingSeveralWardsPlacesTheSiteInOneAndSaysSo() throws {
        let wetherby = try ward(x: "Wetherby ward")
        #expect(wetherby.0 == "Wetherby" && wetherby.1 == .explicit && !wetherby.2.contains { $0.field?.hasSuffix("x_ward") ?? false }, "\(wetherby.2.map(\.code))")
        let north = try ward(x: "Morley", postcode: "BD11 1AA")
        #expect(north.0 == "Morley North", "placed by its postcode")
        let d = try #require(north.2.first { $0.code == "several-wards" })
        #expect(d.reason.contains("Morley North and Morley South") && d.hint?.hasPrefix("placed in Morley North (from its postcode)") == true, "\(d)")
        let two = try ward(x: "Armley; Bramley")
        #expect(two.0 == "Armley" && two.2.contains { $0.code == "several-wards" && $0.reason.hasPrefix("names 2 wards (Armley and Bramley & Stanningley)") })
        let byPostcode = try ward(x: "Armley / Bramley", postcode: "LS13 3AB")
        #expect(byPostcode.0 == "Bramley & Stanningley")
        // Several names of one ward are that ward (from the review: it was "not a Leeds ward").
        let one = try ward(x: "Seacroft; Killingbeck")
        #expect(one.0 == "Killingbeck & Seacroft" && one.1 == .explicit && !one.2.contains { ["several-wards", "unknown-ward"].contains($0.code) }, "\(one.2)")
        // One name that is no ward leaves the cell unknown, as before.
        #expect(try ward(x: "Armley; Nowhere").2.contains { $0.code == "unknown-ward" })
    }

    /// A service area of several wards is each of them, said (`West Leeds` was no place; `Morley` was
    /// Morley South alone); searching for the town finds services in either ward.
    @Test func aServiceAreaOfSeveralWardsIsEachOfThem() throws {
        let json = """
        [{"id": "a", "name": "A", "service_areas": [{"name": "Morley"}, {"name": "West Leeds"}]}]
        """
        let r = try read(json)
        let wards = r.services.first?.serviceAreas.compactMap(\.ward) ?? []
        #expect(wards.count == 8 && wards.prefix(2) == ["Morley North", "Morley South"] && wards.contains("Pudsey"), "\(wards)")
        #expect(r.diagnostics.filter { $0.code == "area-of-wards" }.count == 2)
        #expect(Fixtures.city.gazetteer.wards(forName: "morley").map(\.name) == ["Morley North", "Morley South"])
        #expect(Fixtures.city.gazetteer.unknownWardReason("Morley") == nil && Fixtures.city.gazetteer.unknownWardReason("Morely") != nil)
    }

    @Test func aPostcodeOutsideTheCityIsWarnedAbout() throws {
        let (_, _, diags) = try ward(postcode: "M1 1AE")
        #expect(diags.contains { $0.code == "postcode-outside" && $0.value == "M1 1AE" })
    }

    @Test func readsORUKVersionOneFields() throws {
        let v1 = """
        [{"id": "v1", "name": "Old Feed Service", "status": "active",
          "regular_schedules": [{"weekday": "Tuesday", "opens_at": "09:30", "closes_at": "12:00"}],
          "holiday_schedules": [{"closed": true, "start_date": "2025-12-25", "end_date": "2025-12-26"}],
          "service_taxonomys": [{"taxonomy": {"id": "t1", "name": "Debt advice", "vocabulary": "esd"}}],
          "eligibilitys": [{"eligibility": "Adults", "minimum_age": 18}],
          "languages": [{"language": "Urdu"}], "cost_options": [{"amount": 0}]}]
        """
        let report = try read(v1)
        #expect(report.format == .orukV1)
        let s = try #require(report.services.first)
        #expect(s.schedules.count == 1 && s.exceptions.count == 1 && s.exceptions[0].isClosure)
        #expect(s.categories.first?.name == "Debt advice" && s.minimumAge == 18 && s.languages == ["Urdu"] && s.cost == .free)
    }

    @Test func aShortDatedScheduleRowIsAnException() throws {
        let json = """
        [{"id": "x", "name": "X", "schedules": [
          {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "17:00"},
          {"valid_from": "2025-12-25", "valid_to": "2025-12-26", "description": "Closed for Christmas"},
          {"valid_from": "2025-12-24", "valid_to": "2025-12-24", "opens_at": "10:00", "closes_at": "12:00"}]}]
        """
        let s = try #require(try read(json).services.first)
        #expect(s.schedules.count == 1 && s.exceptions.count == 2)
        #expect(s.exceptions[0].isClosure && !s.exceptions[1].isClosure)
    }

    @Test func aGeneratedDirectoryLoadsWithoutLossOrDoubtfulHours() throws {
        // Scale is measured in the benchmarks; this checks a generated file of 5,000 reads without loss,
        // and that the generator writes no times the wrong way round (it wrote `18:00`-`15:00`).
        let gen = DirectoryGenerator(vocabulary: try GeneratorVocabulary.load(from: Fixtures.corpus.appendingPathComponent("generator/vocabulary.json")),
                                     gazetteer: Fixtures.city.gazetteer)
        var text = ""
        gen.generate(count: 5_000, seed: 3) { text += $0 }
        let report = try read(text)
        #expect(report.recordsRead == 5_000 && report.services.count == 5_000 && report.errorCount == 0)
        #expect(!report.diagnostics.contains { $0.code == "overnight-hours" }, "\(report.diagnostics.first { $0.code == "overnight-hours" }!)")
    }

    /// A session that closes before it opens is read as written (overnight), and flagged when it
    /// would last implausibly long; a night shelter's hours are not.
    @Test func timesThatLookTheWrongWayRoundAreFlagged() throws {
        let record = Self.good.replacingOccurrences(of: "\"opens_at\": \"10:00\", \"closes_at\": \"12:00\"",
                                                    with: "\"opens_at\": \"18:00\", \"closes_at\": \"16:00\"")
        let report = try read("[\(record)]")
        let d = try #require(report.diagnostics.first { $0.code == "overnight-hours" })
        #expect(d.severity == .warning && d.field == "schedules[0].closes_at" && d.value == "16:00" && d.line != nil)
        #expect(d.reason == "closes before it opens, so 18:00-16:00 reads as 22 hours overnight, until 16:00 the next day")
        #expect(d.hint == "if the times are the wrong way round, write 16:00-18:00")
        #expect(report.services.first?.schedules.first?.closes == TimeOfDay(hhmm: "16:00"))
        let night = Self.good.replacingOccurrences(of: "\"opens_at\": \"10:00\", \"closes_at\": \"12:00\"",
                                                   with: "\"opens_at\": \"20:00\", \"closes_at\": \"08:00\"")
        #expect(try read("[\(night)]").diagnostics.isEmpty)
    }

    /// An ORUK version 1 page of the API (`{"totalElements": …, "content": [...]}`) is read as a page's
    /// `contents` is; an object with no list of services is said to be one, not "malformed JSON".
    @Test func anORUKVersion1PageIsRead() throws {
        let r = try read("{\"totalElements\": 1, \"content\": [\(Self.good)]}")
        #expect(r.services.count == 1 && r.rejected == 0)
        do throws(ImportError) {
            _ = try read("{\"totalElements\": 0, \"items\": []}")
            Issue.record("an object without services was read")
        } catch {
            #expect(!error.reason.contains("malformed") && error.reason.contains("has no \"contents\""), "\(error)")
        }
    }
}

import Foundation
import Testing
import ZIPFoundation
@testable import Signpost

/// The HSDS tabular data package (folder or zip): joins across tables, messy times, rows that
/// point nowhere, broken tables, and the real Miami package.
@Suite("Reading an HSDS data package")
struct DataPackageTests {
    let importer = DataPackageImporter(gazetteer: Fixtures.city.gazetteer, referenceDate: LocalDate(iso: "2025-11-12")!)

    static let tables: [String: String] = [
        "datapackage.json": #"{"name": "test", "resources": [{"name": "services", "path": "services.csv"}]}"#,
        "services.csv": """
            id,organization_id,name,description,url,email,status,application_process,fees
            s1,o1,Armley Food Bank,Emergency food parcels.,https://armley.example.org,,active,Drop in,Free
            s2,o1,Armley Debt Advice,"Debt advice, benefits checks.",,,active,Referral required from a professional,
            s3,o2,Closed Cafe,Was a warm space.,,,defunct,,
            ,o2,No Id Service,Has no id.,,,active,,
            """,
        "organizations.csv": "id,name,description\no1,Armley Helping Hands,Local charity\no2,Leeds Cafes,\n",
        "locations.csv": "id,organization_id,name,latitude,longitude\nl1,o1,Armley Hall,53.7990,-1.5920\nl2,o1,Unplaced,,\n",
        "physical_addresses.csv": "id,location_id,address_1,city,postal_code\na1,l1,12 Town Street,Leeds,ls12 3ab\n",
        "services_at_location.csv": "id,service_id,location_id\nsal1,s1,l1\nsal2,s2,l1\nsal3,s9,l1\n",
        "regular_schedules.csv": """
            id,service_id,service_at_location_id,weekday,opens_at,closes_at,original_text
            r1,s1,,Monday,9:00am,12:00pm,
            r2,,sal1,Wednesday,09:00,12:00,
            r3,s2,,,,,"Tuesdays 10:00 - 12:00"
            r4,s2,,Friday,25:00,26:00,
            r5,s9,,Monday,09:00,10:00,
            """,
        "taxonomy.csv": "id,name,vocabulary\nt1,Food bank,local\nt2,Debt advice,local\n",
        "services_taxonomy.csv": "id,service_id,taxonomy_id\nx1,s1,t1\nx2,s2,t2\nx3,s2,t404\n",
        "languages.csv": "id,service_id,language\nla1,s1,Polish\nla2,s1,English\n",
        "phones.csv": "id,service_id,number\np1,s1,0113 496 0001\n",
        "eligibility.csv": "id,service_id,eligibility,minimum_age\ne1,s2,Adults in Leeds,18\n",
    ]

    func package(_ tables: [String: String] = tables, zip: Bool = false) throws -> URL {
        let folder = Fixtures.temporaryFolder().appendingPathComponent("package")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in tables { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        guard zip else { return folder }
        let archive = folder.deletingLastPathComponent().appendingPathComponent("package.zip")
        try FileManager.default.zipItem(at: folder, to: archive)
        return archive
    }

    /// A phones.csv number whose leading 0 was dropped gets it back, said at its row of phones.csv.
    @Test func aPhoneThatLostItsLeadingZeroIsRestoredAtItsRow() throws {
        var tables = Self.tables
        tables["phones.csv"] = "id,service_id,number\np1,s1,113 496 0001\n"
        let r = try importer.read(try package(tables), displayName: "package")
        #expect(r.services.first { $0.id == "s1" }?.phones == ["0113 496 0001"])
        let d = try #require(r.diagnostics.first { $0.code == "phone-leading-zero" })
        #expect(d.file.hasSuffix("phones.csv") && d.line == 2 && d.recordID == "s1", "\(d)")
    }

    /// An Excel 97-2003 workbook is named as one (its header was shown as "ÐÏ…"), and a snapshot folder
    /// given for a file names its live snapshot.
    @Test func anOldWorkbookOrASnapshotFolderIsSaidPlainly() throws {
        let folder = Fixtures.temporaryFolder()
        let xls = folder.appendingPathComponent("directory.xls")
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).write(to: xls)
        do { _ = try FormatDetector.detect(xls, displayName: "directory.xls"); Issue.record("detected") } catch {
            #expect(error.reason.hasPrefix("is an Excel 97-2003 workbook (.xls)") && error.reason.contains("CSV UTF-8"), "\(error.reason)")
        }
        let store = SnapshotStore(folder: folder.appendingPathComponent("index"))
        let installed = try store.install(Fixtures.leeds.snapshot, rejects: [])
        do { _ = try FormatDetector.detect(store.folder, displayName: "index"); Issue.record("detected") } catch {
            #expect(error.reason.contains("is a snapshot folder; give its live snapshot") && error.reason.contains(installed.snapshot.lastPathComponent), "\(error.reason)")
        }
    }

    /// A workbook given by mistake is named as one, with how to save the CSV (it was "has no
    /// datapackage.json"); a damaged zip is said in words, not the zip library's.
    @Test func aWorkbookOrADamagedZipIsSaidPlainly() throws {
        let folder = Fixtures.temporaryFolder().appendingPathComponent("book")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("xl"), withIntermediateDirectories: true)
        try "<Types/>".write(to: folder.appendingPathComponent("[Content_Types].xml"), atomically: true, encoding: .utf8)
        try "<workbook/>".write(to: folder.appendingPathComponent("xl/workbook.xml"), atomically: true, encoding: .utf8)
        let book = folder.deletingLastPathComponent().appendingPathComponent("book.csv")
        try FileManager.default.zipItem(at: folder, to: book, shouldKeepParent: false)
        do { _ = try importer.read(book, displayName: "book.csv"); Issue.record("a workbook was read") } catch {
            #expect(error.reason.hasPrefix("is an Excel workbook (.xlsx)") && error.reason.contains("CSV UTF-8"), "\(error.reason)")
        }
        let damaged = folder.deletingLastPathComponent().appendingPathComponent("damaged.zip")
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0x41, count: 200)).write(to: damaged)
        do { _ = try importer.read(damaged, displayName: "damaged.zip"); Issue.record("a damaged zip was read") } catch {
            #expect(error.reason.contains("cannot be read as one") && !error.reason.contains("missing"), "\(error.reason)")
        }
    }

    @Test(arguments: [false, true])
    func joinsTheTablesIntoServices(zip: Bool) throws {
        let r = try importer.read(try package(zip: zip), displayName: "pkg")
        #expect(r.format == .dataPackage)
        let byID = Dictionary(uniqueKeysWithValues: r.services.map { ($0.id, $0) })
        let s1 = try #require(byID["s1"])
        #expect(s1.organisation?.name == "Armley Helping Hands" && s1.categories.map(\.name) == ["Food bank"])
        #expect(s1.locations.first?.postcode == "LS12 3AB" && s1.locations.first?.ward == "Armley")
        #expect(s1.languages == ["Polish", "English"] && s1.phones == ["0113 496 0001"] && s1.referral == .dropIn)
        // `9:00am` read leniently; Monday and Wednesday (through the service-at-location) merged.
        #expect(OpeningHours(rules: s1.schedules).weeklySummary == "Mon, Wed 09:00-12:00")
        let s2 = try #require(byID["s2"])
        #expect(s2.minimumAge == 18 && s2.eligibility == "Adults in Leeds" && s2.referral == .professionalReferral)
        #expect(OpeningHours(rules: s2.schedules).weeklySummary == "Tue 10:00-12:00")
        #expect(byID["s3"]?.status == .defunct)
    }

    @Test func everySkippedOrDoubtfulRowIsReportedWithItsTableAndLine() throws {
        let r = try importer.read(try package(), displayName: "pkg")
        func find(_ code: String) -> Diagnostic? { r.diagnostics.first { $0.code == code } }
        // The service without an id: an error on services.csv line 5, and it is not loaded.
        let missing = try #require(find("missing-id"))
        #expect(missing.severity == .error && missing.file.hasSuffix("services.csv") && missing.line == 5)
        #expect(r.rejected == 1 && r.services.count == 3)
        // Lenient times, the plain-English fallback, unreadable times.
        #expect(find("lenient-time")?.line == 2 && find("lenient-time")?.file.hasSuffix("regular_schedules.csv") == true)
        #expect(find("hours-fallback")?.line == 4)
        #expect(find("bad-time")?.line == 5 && find("bad-time")?.value == "25:00")
        // Rows that point at nothing.
        #expect(r.diagnostics.contains { $0.file.hasSuffix("services_at_location.csv") && $0.line == 4 && $0.reason.contains("s9") }, "\(r.diagnostics)")
        #expect(r.diagnostics.contains { $0.file.hasSuffix("regular_schedules.csv") && $0.line == 6 && $0.reason.contains("s9") })
        #expect(find("unknown-taxonomy")?.value == "t404")
        for d in r.diagnostics { #expect(d.line != nil, "\(d)") }
    }

    @Test func aPackageWithoutServicesOrWithBrokenTablesIsAClearError() throws {
        var noServices = Self.tables
        noServices["services.csv"] = nil
        let folder = try package(noServices)
        do { _ = try importer.read(folder, displayName: "pkg"); Issue.record("expected an error") } catch {
            #expect(error.description.contains("services.csv"), "\(error)")
        }
        // A truncated services table: the complete rows load, the cut one is reported.
        var truncated = Self.tables
        let services = Self.tables["services.csv"]!
        truncated["services.csv"] = String(services.prefix(services.utf8.count - 60))
        let r = try importer.read(try package(truncated), displayName: "pkg")
        #expect(r.services.contains { $0.id == "s1" } && r.services.contains { $0.id == "s2" })
        #expect(r.diagnostics.contains { $0.file.hasSuffix("services.csv") && $0.line != nil && $0.severity == .error }, "\(r.diagnostics)")
    }

    @Test func aDamagedZipIsAClearError() throws {
        let archive = try package(zip: true)
        let bytes = try Data(contentsOf: archive)
        try bytes.prefix(bytes.count / 2).write(to: archive)
        do { _ = try importer.read(archive, displayName: "package.zip"); Issue.record("expected an error") } catch {
            #expect(error.description.hasPrefix("package.zip"), "\(error)")
        }
    }

    /// The real, messy Miami Open211 package: every service accounted for.
    @Test(.enabled(if: Fixtures.exists(Fixtures.miami), "../shared/data/external is not present (as on a fresh clone); skipped"))
    func theMiamiPackageLoadsAndEveryProblemIsCounted() throws {
        let city = CityData.noPlaces(zone: CivilTimeZone(identifier: "America/New_York")!)
        let r = try DataPackageImporter(gazetteer: city.gazetteer, referenceDate: LocalDate(iso: "2025-11-12")!)
            .read(Fixtures.miami, displayName: "miami.zip")
        #expect(r.recordsRead == 4089)
        #expect(r.services.count + r.rejected == r.recordsRead)
        #expect(r.services.count == 4089)
        let counts = Dictionary(uniqueKeysWithValues: r.countsByKind.map { ($0.code, $0.count) })
        #expect(counts["lenient-time"] ?? 0 > 20_000 && counts["hours-fallback"] ?? 0 > 0)
        // "24 hours a day, 7 days a week" became a real timetable somewhere.
        #expect(r.services.contains { OpeningHours(rules: $0.schedules).weeklySummary == "24 hours, every day" })
        let directory = Directory(services: r.services, city: city)
        #expect(!directory.search("food pantry").results.isEmpty)
    }

    /// A damaged `datapackage.json` loses nothing (the tables are found by their names) but is said, where
    /// (it was passed over in silence).
    @Test func aDamagedDescriptorIsSaid() throws {
        var tables = Self.tables
        tables["datapackage.json"] = "{not json"
        let r = try importer.read(try package(tables), displayName: "package")
        let d = try #require(r.diagnostics.first { $0.code == "bad-descriptor" })
        #expect(d.file.hasSuffix("datapackage.json") && d.line == 1 && d.column == 2 && d.reason.contains("not valid JSON"), "\(d)")
        let whole = try importer.read(try package(), displayName: "package")
        #expect(!whole.services.isEmpty && r.services.map(\.id) == whole.services.map(\.id))
        #expect(whole.diagnostics.allSatisfy { $0.code != "bad-descriptor" })
    }

    /// A postcode or coordinates outside the city are said at the row and column of the table that holds
    /// them (they were said at services.csv's row, with no column).
    @Test func aPlaceOutsideTheCityIsSaidWhereItIsWritten() throws {
        var tables = Self.tables
        tables["physical_addresses.csv"] = "id,location_id,address_1,city,postal_code\na1,l1,12 Town Street,Edinburgh,EH1 1AA\n"
        tables["locations.csv"] = "id,organization_id,name,latitude,longitude\nl1,o1,Armley Hall,55.9533,-3.1883\nl2,o1,Unplaced,,\n"
        let r = try importer.read(try package(tables), displayName: "package")
        let postcode = try #require(r.diagnostics.first { $0.code == "postcode-outside" })
        #expect(postcode.file.hasSuffix("physical_addresses.csv") && postcode.line == 2 && postcode.column == 32, "\(postcode)")
        #expect(postcode.hint?.contains("nothing else places the service") == true, "\(postcode)")
        let coordinates = try #require(r.diagnostics.first { $0.code == "coordinates-outside" })
        #expect(coordinates.file.hasSuffix("locations.csv") && coordinates.line == 2 && coordinates.column == 19, "\(coordinates)")
    }
}

import Foundation
import Testing
import Signpost

/// The example in README.md ("Using the library"), compiled and run as written there.
@Suite("README library example")
struct LibraryExampleTests {
    @Test func theReadmeExampleRuns() throws {
        // --- README example begins
        let city = try CityData.leeds()
        let directory = try Directory.load(contentsOf: BundledCorpus.leedsServices!, city: city)
        let response = directory.search("food bank in Armley open Saturday",
                                        now: ISO8601DateFormatter().date(from: "2025-11-12T11:00:00Z")!)
        print(response.intent.summary)            // food bank · in Armley · open Sat 15 Nov
        for result in response.results.prefix(3) {
            let hours = OpeningHours(rules: result.service.schedules, exceptions: result.service.exceptions)
            print(result.service.name, "—", hours.weeklySummary)
        }
        // --- README example ends
        #expect(response.intent.summary == "food bank · in Armley · open Sat 15 Nov")
        #expect(!response.results.isEmpty)
        let readme = try String(contentsOf: Fixtures.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("let response = directory.search(\"food bank in Armley open Saturday\""), "README shows this example")
    }
}

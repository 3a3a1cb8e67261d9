import Benchmark
import BenchmarkSupport
import CSV
import Foundation
import Signpost

/// The weekly update of a hub spreadsheet of 10,000 rows (generated services written with
/// `SpreadsheetWriter`, hours in OpenStreetMap syntax): validating it, and validating, indexing
/// and saving it as `signpost load` does (reading and indexing overlapped). Also the CSV reading alone, Signpost's `CSVTable`
/// (which keeps every field's line and column for the report) against yaslab/CSV.swift.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(10), maxIterations: 20)
    let spreadsheet: [UInt8] = {
        guard let services = try? BenchCorpus.generator.services(count: 10_000, seed: BenchCorpus.seed) else { fatalError("the generator needs Corpus/leeds/generator") }
        var losses: [SpreadsheetWriter.Loss] = []
        return Array(SpreadsheetWriter().write(services, losses: &losses).utf8)
    }()
    let reference = LocalDate(iso: "2025-11-12")!

    Benchmark("validate-spreadsheet-10k") { benchmark in
        let importer = SpreadsheetImporter(gazetteer: BenchCorpus.city.gazetteer, referenceDate: reference)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let report = try importer.read(bytes: spreadsheet, fileName: "hub.csv")
            precondition(report.services.count == 10_000 && report.rejected == 0)
            blackHole(report.diagnostics.count)
        }
    }

    Benchmark("validate-and-load-spreadsheet-10k") { benchmark in
        let importer = SpreadsheetImporter(gazetteer: BenchCorpus.city.gazetteer, referenceDate: reference)
        let builder = IndexBuilder(pipeline: TextPipeline(analyzer: .standard, thesaurus: BenchCorpus.city.thesaurus),
                                   gazetteer: BenchCorpus.city.gazetteer)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("signpost-bench-load-\(UUID().uuidString)")
        let store = SnapshotStore(folder: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            // As `signpost load` does: rows checked and services analysed on every core as they
            // are read, postings added in order, then the snapshot saved.
            var accumulator = builder.accumulator(expectedCount: 10_000)
            let intake = accumulator.preparer.intake { accumulator.add($0) }
            let report = try importer.read(bytes: spreadsheet, fileName: "hub.csv", intake: intake)
            precondition(report.loaded == 10_000 && report.rejected == 0)
            blackHole(try store.install(accumulator.finish(source: "hub.csv"), rejects: report.rejectedRecords))
        }
    }

    Benchmark("csv-parse-10k-signpost-CSVTable") { benchmark in
        for _ in benchmark.scaledIterations {
            let table = CSVTable(bytes: spreadsheet)
            blackHole(table.records.count)
        }
    }

    Benchmark("csv-parse-10k-yaslab-CSV.swift") { benchmark in
        let text = String(decoding: spreadsheet, as: UTF8.self)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let reader = try CSVReader(string: text, hasHeaderRow: true)
            var rows = 0
            while let row = reader.next() { rows += row.count > 0 ? 1 : 0 }
            blackHole(rows)
        }
    }
}

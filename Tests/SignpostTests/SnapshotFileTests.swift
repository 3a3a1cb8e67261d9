import Foundation
import Testing
@testable import Signpost

@Suite("Snapshot files")
struct SnapshotFileTests {
    let now = Fixtures.at("2025-11-12T11:00:00+00:00")

    func saved() throws -> URL {
        let url = Fixtures.temporaryFolder().appendingPathComponent("leeds.snapshot")
        try SnapshotFile.write(Fixtures.leeds.snapshot, to: url)
        return url
    }

    @Test func aSavedSnapshotAnswersExactlyAsTheOriginal() throws {
        let url = try saved()
        let loaded = Directory(snapshot: try SnapshotFile.read(url), city: Fixtures.city)
        #expect(loaded.count == Fixtures.leeds.count)
        #expect(loaded.snapshot.metadata == Fixtures.leeds.snapshot.metadata)
        for q in ["food bank in Armley open Saturday", "can't pay my bills", "", "stay and play evenings near LS12", "zzzz"] {
            let a = Fixtures.leeds.search(SearchRequest(text: q, now: now, limit: 20))
            let b = loaded.search(SearchRequest(text: q, now: now, limit: 20))
            #expect(a.results.map(\.service.id) == b.results.map(\.service.id), "\(q)")
            #expect(a.results.map(\.textScore) == b.results.map(\.textScore))
            #expect(a.totalMatches == b.totalMatches)
        }
        #expect(loaded.snapshot.service(7) == Fixtures.leeds.snapshot.service(7))
        // The hours of the week each service touches are not in the file: made again on load, the same.
        #expect(loaded.snapshot.hours.hourBits.count == 3 * loaded.count)
        #expect(loaded.snapshot.hours.hourBits == Fixtures.leeds.snapshot.hours.hourBits)
    }

    /// Loading a large snapshot copies each column in steps and gives the file's pages back after
    /// each one; with steps of one page, every column over a megabyte is read that way.
    @Test func copyingInStepsAndGivingPagesBackReadsTheSameSnapshot() throws {
        let url = try saved()
        let stepped = try SnapshotFile.read(url, copyStep: 4096)
        let original = Fixtures.leeds.snapshot
        #expect(original.store.byteSize > 1 << 20, "the Leeds store is large enough to be read in steps")
        #expect(stepped.documentCount == original.documentCount)
        for d in 0..<original.documentCount { #expect(stepped.service(d) == original.service(d)) }
        #expect(stepped.postingScores == original.postingScores && stepped.postings.values == original.postings.values)
    }

    /// The build analyses text on every core; the snapshot must be byte for byte the one made by
    /// adding services one at a time.
    @Test func aParallelBuildIsTheSameAsAddingOneByOne() throws {
        let services = (0..<Fixtures.leeds.count).map(Fixtures.leeds.snapshot.service)
        let builder = IndexBuilder(pipeline: TextPipeline(analyzer: .standard, thesaurus: Fixtures.city.thesaurus), gazetteer: Fixtures.city.gazetteer)
        var parallel = builder.build(services)
        var serial = builder.accumulator(expectedCount: services.count)
        for s in services { serial.add(s) }
        var one = serial.finish()
        parallel.metadata = SnapshotMetadata()
        one.metadata = SnapshotMetadata()
        let same = SnapshotFile.encode(parallel) == SnapshotFile.encode(one)  // a Bool: a failure should not print megabytes
        #expect(same, "the parallel build differs from adding one by one")
    }

    /// The accumulator finds a term by its stem number in the analysing worker's vocabulary; a copy
    /// of a worker's scratch that goes its own way numbers new stems the same as the original does,
    /// for different words. The index must still be the one built plainly.
    @Test func workersWhoseStemNumbersCollideStillBuildTheSameIndex() throws {
        let services = (0..<Fixtures.leeds.count).map(Fixtures.leeds.snapshot.service)
        let builder = IndexBuilder(pipeline: TextPipeline(analyzer: .standard, thesaurus: Fixtures.city.thesaurus), gazetteer: Fixtures.city.gazetteer)
        var plain = builder.build(services)
        var acc = builder.accumulator(expectedCount: services.count)
        let preparer = acc.preparer
        var original = AnalysisScratch()
        for s in services.prefix(50) { acc.add(preparer.prepare(s, scratch: &original)) }
        var copy = original  // same vocabulary, same numbers so far; from here the two diverge
        let known = original.stems.count
        for (k, s) in services.dropFirst(50).enumerated() {
            acc.add(k.isMultiple(of: 2) ? preparer.prepare(s, scratch: &original) : preparer.prepare(s, scratch: &copy))
        }
        #expect(original.vocabulary == copy.vocabulary)
        // The collision this test is about: the same new stem number for different stems.
        #expect(original.stems.count > known && copy.stems.count > known && original.stems[known] != copy.stems[known])
        var mixed = acc.finish()
        plain.metadata = SnapshotMetadata()
        mixed.metadata = SnapshotMetadata()
        let same = SnapshotFile.encode(plain) == SnapshotFile.encode(mixed)
        #expect(same, "the index built by workers with colliding stem numbers differs from the plain build")
    }

    /// Loads within one second get numbered names; the newest must count as newest for the live
    /// pointer's fallback and for pruning (by name, `…Z-2` sorted before `…Z`).
    @Test func loadsWithinOneSecondKeepTheirOrder() throws {
        let store = SnapshotStore(folder: Fixtures.temporaryFolder())
        let now = Date(timeIntervalSince1970: 1_764_000_000)
        var names: [String] = []
        for _ in 0..<9 { names.append(try store.install(Fixtures.leeds.snapshot, rejects: [], now: now).snapshot.lastPathComponent) }
        #expect(names[1].hasSuffix("Z-2.signpost") && names[3].hasSuffix("Z-4.signpost"))
        // More loads in the second than are kept: numbers go on rising (the seventh was named like the
        // first once that was pruned, and sorted as the oldest), and the newest five are kept.
        #expect(Set(names).count == 9 && names[8].hasSuffix("Z-9.signpost"), "\(names)")
        #expect(store.snapshots().map(\.lastPathComponent) == Array(names.reversed().prefix(5)))
        names = Array(names.suffix(4))
        #expect(store.currentFile?.lastPathComponent == names[3])
        // The live one damaged: the fallback is the one loaded just before it.
        let live = try #require(store.currentFile)
        var bytes = [UInt8](try Data(contentsOf: live))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: live)
        #expect(try store.load().file.lastPathComponent == names[2])
    }

    @Test func aTruncatedSnapshotIsRefusedClearly() throws {
        let url = try saved()
        let data = try Data(contentsOf: url)
        for cut in [0, 5, 30, data.count / 2, data.count - 1] {
            try data.prefix(cut).write(to: url)
            #expect(throws: SnapshotFile.ReadError.self) { _ = try SnapshotFile.read(url) }
        }
        try data.prefix(data.count / 2).write(to: url)
        do { _ = try SnapshotFile.read(url) } catch { #expect(error.reason.contains("truncated")) }
    }

    @Test func aDamagedSnapshotFailsItsChecksum() throws {
        let url = try saved()
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[bytes.count / 3] ^= 0x40
        try Data(bytes).write(to: url)
        do { _ = try SnapshotFile.read(url); Issue.record("a damaged file was read") } catch {
            #expect(error.reason.contains("checksum"))
        }
        // The check a load makes before a new snapshot goes live finds it too.
        do { try SnapshotFile.verify(url); Issue.record("a damaged file was verified") } catch {
            #expect(error.reason.contains("checksum"))
        }
        try Data(bytes.dropLast(5)).write(to: url)
        do { try SnapshotFile.verify(url); Issue.record("a truncated file was verified") } catch {
            #expect(error.reason.contains("truncated"))
        }
    }

    /// Files are written through a small buffer, large columns straight from memory; with a tiny
    /// buffer every column takes that path, and the file must be the snapshot encoded in one piece.
    @Test func aSnapshotWrittenThroughATinyBufferIsTheSameFile() throws {
        let url = Fixtures.temporaryFolder().appendingPathComponent("leeds.snapshot")
        let snapshot = Fixtures.leeds.snapshot
        try SnapshotFile.write(snapshot, to: url, bufferSize: 64)
        try SnapshotFile.verify(url)
        let body = SnapshotFile.encode(snapshot)
        let crc = body.withUnsafeBytes { CRC32.checksum($0) }
        #expect([UInt8](try Data(contentsOf: url)) == SnapshotFile.header(bodyLength: body.count, crc: crc) + body)
    }

    /// The snapshot checksum is the standard CRC-32: the check value of "123456789", a bit-at-a-time
    /// reference on random bytes, and the same answer when a file is summed in pieces.
    @Test func theChecksumIsTheStandardCRC32() {
        func reference(_ bytes: [UInt8]) -> UInt32 {
            var c: UInt32 = 0xFFFF_FFFF
            for b in bytes {
                c ^= UInt32(b)
                for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
            }
            return ~c
        }
        #expect(Array("123456789".utf8).withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
        #expect([UInt8]().withUnsafeBytes { CRC32.checksum($0) } == 0)
        var rng = SplitMix64(seed: 42)
        for length in [1, 7, 8, 9, 63, 1_000, 65_537] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            let whole = bytes.withUnsafeBytes { CRC32.checksum($0) }
            #expect(whole == reference(bytes), "length \(length)")
            let cut = length / 3
            let first = bytes[..<cut].withUnsafeBytes { CRC32.checksum($0) }
            #expect(bytes[cut...].withUnsafeBytes { CRC32.checksum($0, continuing: first) } == whole, "length \(length) in two pieces")
        }
    }

    @Test func anotherFormatVersionIsRefused() throws {
        let url = try saved()
        var bytes = [UInt8](try Data(contentsOf: url))
        bytes[8] = 99
        try Data(bytes).write(to: url)
        do { _ = try SnapshotFile.read(url); Issue.record("read") } catch { #expect(error.reason.contains("format 99")) }
        #expect(SnapshotFile.serviceCount(url) == nil)
        // A format older than those read is refused too, but its service count is read (the shrink guard
        // after an upgrade).
        bytes[8] = UInt8(SnapshotFile.oldestReadable - 1)
        try Data(bytes).write(to: url)
        do { _ = try SnapshotFile.read(url); Issue.record("read") } catch { #expect(error.reason.contains("rebuild it")) }
        #expect(SnapshotFile.serviceCount(url) == Fixtures.leeds.count)
    }

    /// Format 2 had no time zone after the service count; a live snapshot in it still serves after an
    /// upgrade (its zone then unknown), and answers as before.
    @Test func theFormatBeforeTheTimeZoneIsStillRead() throws {
        let snapshot = Fixtures.leeds.snapshot
        #expect(snapshot.timeZone == .london, "a directory loaded for a city keeps its time zone")
        let current = SnapshotFile.encode(snapshot)
        let zoneAt = try current.withUnsafeBytes { raw in
            var r = BinaryReader(raw)
            _ = try SnapshotFile.preamble(&r)
            return r.i
        }
        var old = current
        old.removeSubrange(zoneAt..<(zoneAt + 1 + snapshot.metadata.timeZone.utf8.count))
        let file = SnapshotFile.header(bodyLength: old.count, crc: old.withUnsafeBytes { CRC32.checksum($0) }) + old
        var bytes = file
        bytes[8] = 2
        let url = Fixtures.temporaryFolder().appendingPathComponent("format2.snapshot")
        try Data(bytes).write(to: url)
        let read = try SnapshotFile.read(url)
        #expect(read.timeZone == nil && read.metadata.source == snapshot.metadata.source)
        #expect(read.mismatch(with: Fixtures.city) == nil)
        let a = Directory(snapshot: read, city: Fixtures.city).search(SearchRequest(text: "food bank in Armley open Saturday", now: now))
        let b = Fixtures.leeds.search(SearchRequest(text: "food bank in Armley open Saturday", now: now))
        #expect(a.results.map(\.service.id) == b.results.map(\.service.id) && !a.results.isEmpty)
    }

    /// A snapshot searched with another city's places, or another time zone, is refused with why.
    @Test func aSnapshotSaysWhenTheCityGivenIsNotItsOwn() throws {
        let snapshot = Fixtures.leeds.snapshot
        #expect(snapshot.mismatch(with: Fixtures.city) == nil)
        let none = try #require(snapshot.mismatch(with: .noPlaces()))
        #expect(none.contains("33 wards (") && none.contains("no wards (--city none)") && none.contains("give the --city"), "\(none)")
        let elsewhere = Directory(services: (0..<3).map(snapshot.service), city: .noPlaces()).snapshot
        #expect(try #require(elsewhere.mismatch(with: Fixtures.city)).contains("built for a city with no wards"))
        var renamed = Fixtures.city.gazetteer.wards
        let w = renamed[4]
        renamed[4] = Ward(id: w.id, code: w.code, name: "Somewhere Else", latitude: w.latitude, longitude: w.longitude, neighbours: w.neighbours)
        let other = CityData(gazetteer: Gazetteer(wards: renamed, places: Fixtures.city.gazetteer.places, postcodeAreas: [:], cityNames: ["Leeds"]),
                             thesaurus: Fixtures.city.thesaurus)
        #expect(try #require(snapshot.mismatch(with: other)).contains("ward 5 is \"\(Fixtures.city.gazetteer.wards[4].name)\" in the snapshot"))
        let newYork = CityData(gazetteer: Fixtures.city.gazetteer, thesaurus: Fixtures.city.thesaurus, zone: CivilTimeZone(identifier: "America/New_York")!)
        #expect(try #require(snapshot.mismatch(with: newYork)).contains("in Europe/London, and the time zone given is America/New_York"))
    }

    @Test func notASnapshotAtAll() throws {
        let url = Fixtures.temporaryFolder().appendingPathComponent("x.snapshot")
        try Data("[{\"id\": 1}]".utf8).write(to: url)
        do { _ = try SnapshotFile.read(url); Issue.record("read") } catch { #expect(error.reason.contains("not a Signpost snapshot")) }
        do { _ = try SnapshotFile.read(url.appendingPathExtension("missing")); Issue.record("read") } catch {
            #expect(error.reason.contains("no such file"))
        }
    }
}

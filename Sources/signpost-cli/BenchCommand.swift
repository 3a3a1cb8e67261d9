import ArgumentParser
import Foundation
import Histogram
import Signpost
import SignpostServer

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Replay queries in one process and report latency percentiles, throughput, memory and build cost.",
        discussion: """
            The full query path is measured: understanding the question, analysis, retrieval, filtering and
            ranking the top results (limit 10), as a search from the library does it. One core.
              signpost bench --corpus ../shared/eval/data/corpus.json --queries ../shared/eval/data/queries-dev.jsonl
              signpost bench --queries Corpus/leeds/queries.jsonl --repeat 20 --json
            The queries file holds JSON lines with "text" (and optionally "at"), or one query per line.
            A line may also carry "filters", an object of the HTTP API's parameters (ward, category,
            language, free, referral, minimum_age, maximum_age, open_now, open_at, day, start_time,
            end_time; a value is a string, a number or true/false, and a list for ward, category,
            language and referral; one time of open_now, open_at and day), to measure browsing:
              {"text": "", "at": "2025-11-12T11:00:00Z", "filters": {"ward": "Armley", "free": true}}
            """
    )

    @OptionGroup var directory: DirectoryOptions

    @Option(name: .long, help: ArgumentHelp("Queries: JSON lines with \"text\" and \"at\", or plain lines.", valueName: "file"))
    var queries: String

    @Option(name: .long, parsing: .unconditional, help: "Passes over the queries before measuring.")
    var warmup: Int = 3

    @Option(name: .customLong("repeat"), parsing: .unconditional, help: "Measured passes over the queries.")
    var passes: Int = 10

    @Option(name: .long, parsing: .unconditional, help: "Results per query.")
    var limit: Int = 10

    @Flag(name: .long, help: "One JSON object on standard output.")
    var json = false

    @Option(name: .long, parsing: .unconditional, help: "Also list this many slowest queries (median of their passes), to see where the tail comes from.")
    var slowest: Int = 0

    @Option(name: .long, help: ArgumentHelp("Measure one stage only: understand (parse the question) or search (the full path, default).", valueName: "stage"))
    var stage: String = "search"

    func validate() throws {
        // (Each option said alone, with its value: `--repeat 0` named three; a negative number was "Missing value".)
        guard warmup >= 0 else { throw ValidationError("--warmup \(warmup): must be 0 or more") }
        guard passes >= 1 else { throw ValidationError("--repeat \(passes): must be at least 1") }
        guard limit >= 1 else { throw ValidationError("--limit \(limit): must be at least 1") }
        guard slowest >= 0 else { throw ValidationError("--slowest \(slowest): must be 0 or more") }
        guard ["search", "understand"].contains(stage) else { throw ValidationError("--stage must be search or understand") }
    }

    func run() throws {
        try reporting {
            let url = URL(fileURLWithPath: queries)
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw CLIError.missing("\(queries): no such file or not UTF-8 text") }
            // (With --index, the time zone of the queries' `at` is the snapshot's.)
            let (city, dir, buildSeconds) = try directory.open(quiet: true)
            var requests: [SearchRequest] = []
            let fallbackNow = Int64(Date().timeIntervalSince1970)
            for (number, l) in QueryLine.numbered(text) {
                if l.hasPrefix("{") {
                    let query: QueryLine
                    do {
                        query = try QueryLine(l, zone: city.zone, defaultNow: fallbackNow)
                    } catch let problem as QueryLine.Problem {
                        throw CLIError.badData("\(queries):\(number): \(problem.message)")
                    }
                    let o = query.fields, q = query.text, now = query.now
                    guard let given = o["filters"] else {
                        requests.append(SearchRequest(text: q, now: now, limit: limit))
                        continue
                    }
                    // Filters as the HTTP API reads them (one reading of their names and values).
                    guard let filters = given as? [String: Any] else {
                        throw CLIError.badData("\(queries):\(number): filters: expected an object of parameters, e.g. {\"ward\": \"Armley\"}")
                    }
                    var pairs: [(String, String)] = [("text", q)]
                    for (name, value) in filters.sorted(by: { $0.key < $1.key }) {
                        for v in (value as? [Any]) ?? [value] {
                            guard let text = Self.parameterText(v) else {
                                throw CLIError.badData("\(queries):\(number): filters.\(name): \(QueryLine.quoted(v)) is not a string, a number or true/false")
                            }
                            pairs.append((name, text))
                        }
                    }
                    do {
                        let parameters = try SearchParameters(pairs, zone: city.zone, now: now)
                        try parameters.checkNames(in: dir)
                        var request = parameters.request
                        // (As the command line and the page search: a large directory stops once the page is certain.)
                        request.exactTotal = false
                        request.limit = limit
                        request.offset = 0
                        requests.append(request)
                    } catch let error as BadParameter {
                        throw CLIError.badData("\(queries):\(number): filters.\(error.name): \(error.detail)")
                    }
                } else {
                    requests.append(SearchRequest(text: l, now: fallbackNow, limit: limit))
                }
            }
            guard !requests.isEmpty else { throw CLIError.badData("\(queries): no queries") }

            var candidates = 0
            for r in requests { candidates += dir.search(r).candidates }
            var sink = 0
            let parser = dir.searcher.parser, snapshot = dir.snapshot, zone = city.zone
            let understandOnly = stage == "understand"
            func once(_ r: SearchRequest) -> Int {
                if understandOnly { return parser.parse(r.text, now: zone.wallMinute(atUTC: r.now), snapshot: snapshot).searchTerms.count }
                return dir.search(r).results.count
            }
            for _ in 0..<warmup { for r in requests { sink &+= once(r) } }
            var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
            let start = DispatchTime.now().uptimeNanoseconds
            var perQuery = [[UInt64]](repeating: [], count: slowest > 0 ? requests.count : 0)
            for _ in 0..<passes {
                for (k, r) in requests.enumerated() {
                    let t0 = DispatchTime.now().uptimeNanoseconds
                    sink &+= once(r)
                    let t = DispatchTime.now().uptimeNanoseconds - t0
                    histogram.record(t)
                    if slowest > 0 { perQuery[k].append(t) }
                }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let count = requests.count * passes
            func us(_ p: Double) -> Double { Double(histogram.valueAtPercentile(p)) / 1000 }
            let peak = ResourceUsage.peakResidentBytes()
            let bytesPerService = dir.count > 0 ? Double(dir.snapshot.byteSize) / Double(dir.count) : 0
            let slow: [(text: String, us: Double)] = perQuery.indices.map { k in
                let sorted = perQuery[k].sorted()
                // (With its filters: a browsing line's text is empty.)
                let r = requests[k], filters = r.filters.isEmpty ? [] : [r.filters.summary]
                let when: [String]
                switch r.time {
                case nil: when = []
                case .openNow: when = ["open now"]
                case .openAt: when = ["open at a time"]
                case .openBetween: when = ["open between two times"]
                }
                let label = ([r.text].filter { !$0.isEmpty } + filters + when).joined(separator: " · ")
                return (label, Double(sorted[sorted.count / 2]) / 1000)
            }.sorted { $0.us > $1.us }.prefix(slowest).map { $0 }
            if json {
                let o: JSONOutput = .object([
                    ("stage", .string(stage)), ("queries", .int(count)), ("distinct_queries", .int(requests.count)), ("services", .int(dir.count)),
                    ("p50_us", .double(us(50))), ("p90_us", .double(us(90))), ("p99_us", .double(us(99))),
                    ("p999_us", .double(us(99.9))), ("max_us", .double(Double(histogram.max) / 1000)),
                    ("mean_us", .double(histogram.mean / 1000)), ("qps", .double(Double(count) / elapsed)),
                    ("peak_rss_bytes", .int(peak)), ("index_bytes", .int(dir.snapshot.byteSize)),
                    ("index_bytes_per_service", .double(bytesPerService.rounded())), ("build_seconds", .double(buildSeconds)),
                    ("results_returned", .int(sink)), ("candidates_per_query", .int(candidates / requests.count)),
                    ("slowest", .array(slow.map { .object([("text", .string($0.text)), ("median_us", .double($0.us))]) })),
                ])
                Terminal.out(o.text + "\n")
            } else {
                Terminal.out("""
                    \(dir.count) services, \(requests.count) queries × \(passes) passes (after \(warmup) warm-up), one core\(understandOnly ? ", understanding only" : "")
                    latency  p50 \(fmt(us(50))) µs   p90 \(fmt(us(90))) µs   p99 \(fmt(us(99))) µs   p99.9 \(fmt(us(99.9))) µs   max \(fmt(Double(histogram.max) / 1000)) µs
                    throughput  \(Int(Double(count) / elapsed)) queries/s
                    memory  peak resident \(peak / 1_048_576) MiB; index \(dir.snapshot.byteSize / 1_048_576) MiB (\(Int(bytesPerService)) bytes/service)
                    \(directory.index == nil ? "build" : "load ")  \(String(format: "%.2f", buildSeconds)) s (\(directory.index == nil ? "read, validate, analyse, index" : "read and check the snapshot"))
                    candidates  \(candidates / requests.count) services looked at per query on average

                    """ + slow.map { "slow  \(fmt($0.us)) µs  \($0.text)\n" }.joined())
            }
        }
    }

    /// A filter's value as the HTTP API's parameter text, or nil for a value it cannot be.
    static func parameterText(_ v: Any) -> String? {
        if let s = v as? String { return s }
        if let n = v as? NSNumber {
            // (JSON's true and false arrive as numbers too, of the boolean kind.)
            if type(of: n) == type(of: NSNumber(value: true)) { return n.boolValue ? "true" : "false" }
            return n.stringValue
        }
        return nil
    }

    private func fmt(_ v: Double) -> String { v < 10 ? String(format: "%.2f", v) : v < 100 ? String(format: "%.1f", v) : String(Int(v)) }
}

/// Process resource figures from /proc.
enum ResourceUsage {
    /// Peak resident set size (VmHWM) in bytes, or 0 when unknown.
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}

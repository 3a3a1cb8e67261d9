import ArgumentParser
import Foundation
import Signpost

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search the directory from one search box: what, where and when.",
        discussion: """
            Examples:
              signpost search food bank in Armley open Saturday
              signpost search "can't pay my bills" --ward Harehills --json
              signpost search --category warm-space --open-now
              signpost search --corpus corpus.json --queries queries.jsonl --json   (batch: one JSON line per query)
            """
    )

    @Argument(help: "What the person needs, in their words (may be empty with filters).")
    var words: [String] = []

    @OptionGroup var directory: DirectoryOptions
    @OptionGroup var time: TimeOptions

    @Option(name: .long, help: ArgumentHelp("Only services in or serving this ward (repeatable).", valueName: "ward"))
    var ward: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only services in this category, by code or name (repeatable).", valueName: "category"))
    var category: [String] = []

    // Unconditional: `--age -5` is a (wrong) age to report, not a missing value followed by an option.
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Only services that accept this age.", valueName: "years"))
    var age: Int?

    @Flag(name: .long, help: "Only free services.")
    var free = false

    @Option(name: .long, help: ArgumentHelp("Only services offered in this language (repeatable).", valueName: "language"))
    var language: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only services reachable this way: drop-in, self-referral, professional-referral, phone-first, appointment (repeatable).", valueName: "route"))
    var referral: [String] = []

    @Flag(name: .long, help: "Only services open at the reference time (--at).")
    var openNow = false

    @Option(name: .long, help: ArgumentHelp("Only services open at this instant, or at some time on this day (a date alone).", valueName: "iso-8601"))
    var openAt: String?

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Only services open at some point between two instants.", valueName: "start end"))
    var openBetween: [String] = []

    @Flag(name: .long, help: "Also show services whose schedules have all ended.")
    var includeExpired = false

    @Flag(name: .long, help: "Search every word as text, without recognising places, times and needs.")
    var plain = false

    @Option(name: .long, parsing: .unconditional, help: "How many results.")
    var limit: Int = 10

    @Option(name: .long, parsing: .unconditional, help: "Skip this many results (paging).")
    var offset: Int = 0

    @Flag(name: .long, help: "Count every match exactly (a large directory otherwise stops once the best results are certain).")
    var exactTotal = false

    @Flag(name: .long, help: "Machine-readable JSON output.")
    var json = false

    @Flag(name: .long, help: "Show why each result matched (terms, fields, score parts).")
    var explain = false

    @Option(name: .long, help: ArgumentHelp("Batch mode: a JSON-lines file of {\"qid\", \"text\", \"at\"}; one JSON line out per query.", valueName: "file"))
    var queries: String?

    func validate() throws {
        guard limit >= 0, limit <= 10_000 else { throw ValidationError("--limit must be between 0 and 10000") }
        guard offset >= 0 else { throw ValidationError("--offset must not be negative") }
        if let age, !(0...130).contains(age) { throw ValidationError("--age \(age) is not an age: give a number of years from 0 to 130") }
        if !openBetween.isEmpty && openBetween.count != 2 { throw ValidationError("--open-between takes two instants: START END") }
        if [openNow, openAt != nil, !openBetween.isEmpty].filter({ $0 }).count > 1 {
            throw ValidationError("use only one of --open-now, --open-at and --open-between")
        }
        for r in referral where ReferralRoute(loose: r) == nil {
            throw ValidationError("--referral \"\(r)\" is not a referral route (drop-in, self-referral, professional-referral, phone-first, appointment)")
        }
        if queries != nil && !words.isEmpty { throw ValidationError("give either query words or --queries FILE, not both") }
        for (option, values) in [("--ward", ward), ("--category", category), ("--language", language)]
        where values.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("\(option) is empty; give a name, or leave the option out")
        }
    }

    func run() throws {
        Terminal.configure()
        try reporting {
            let (city, dir, _) = try directory.open()
            let now = try time.now(zone: city.zone)
            var timeFilter: TimeFilter? = nil
            if openNow { timeFilter = .openNow }
            if let openAt {
                guard let t = TimeFilter.openAt(openAt, zone: city.zone) else {
                    throw ValidationError("--open-at \"\(openAt)\" is not an ISO 8601 time or a date (2025-12-25)")
                }
                timeFilter = t
            }
            if openBetween.count == 2 {
                guard let a = ISO8601Instant.parse(openBetween[0], zone: city.zone),
                      let b = ISO8601Instant.parse(openBetween[1], zone: city.zone) else {
                    throw ValidationError("--open-between needs two ISO 8601 times")
                }
                guard b > a else { throw ValidationError("--open-between: the end must be after the start") }
                timeFilter = .openBetween(a, b)
            }
            let filters = SearchFilters(wards: ward, categories: category, age: age, freeOnly: free, languages: language,
                                        referralRoutes: referral.compactMap(ReferralRoute.init(loose:)))
            if let queries {
                try runBatch(queries, city: city, dir: dir, defaultNow: now, filters: filters, timeFilter: timeFilter)
                return
            }
            for w in ward { if let reason = city.gazetteer.unknownWardReason(w) { throw ValidationError("--ward " + reason) } }
            var request = SearchRequest(text: words.joined(separator: " "), filters: filters, time: timeFilter, now: now,
                                        limit: limit, offset: offset, understand: !plain, includeExpired: includeExpired,
                                        explain: explain || !json)
            request.exactTotal = exactTotal
            let response = dir.search(request)
            if json {
                Terminal.out(response.json(zone: city.zone, explain: explain, filters: filters).text + "\n")
            } else {
                Terminal.out(HumanOutput(zone: city.zone, width: Terminal.width, explain: explain, analyzer: dir.searcher.parser.analyzer)
                    .render(response, offset: offset, filters: filters))
            }
        }
    }

    /// One process, many queries: JSON lines in, JSON lines out.
    private func runBatch(_ path: String, city: CityData, dir: Directory, defaultNow: Int64, filters: SearchFilters, timeFilter: TimeFilter?) throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError.missing("\(path): no such file") }
        guard let data = try? Data(contentsOf: url), let text = String(data: data, encoding: .utf8) else {
            throw CLIError.badData("\(path): cannot be read as UTF-8 text")
        }
        let batchLimit = limit
        var bad = 0
        var out = ""
        for (lineNumber, line) in QueryLine.numbered(text) {
            let query: QueryLine
            do {
                query = try QueryLine(line, zone: city.zone, defaultNow: defaultNow)
            } catch {
                Terminal.error("\(path):\(lineNumber): \(error.message)")
                bad += 1
                continue
            }
            let obj = query.fields, qtext = query.text, now = query.now
            let qid: JSONOutput
            if let s = obj["qid"] as? String { qid = .string(s) } else if let n = obj["qid"] as? Int { qid = .int(n) } else { qid = .int(lineNumber) }
            var request = SearchRequest(text: qtext, filters: filters, time: timeFilter, now: now, limit: batchLimit,
                                        understand: !plain, includeExpired: includeExpired)
            // (`--exact-total` applies to every query of a batch, as the other options do; it was left out.)
            request.exactTotal = exactTotal
            let response = dir.search(request)
            let answer: JSONOutput
            if json {
                answer = .object([("qid", qid), ("intent", response.intent.json()), ("total", .int(response.totalMatches)),
                                ("total_exact", .bool(response.totalIsExact)), ("notices", .array(response.notices.map { .string($0) })),
                                ("results", .array(response.results.map { r in
                                    .object([("id", .string(r.service.id)), ("name", .string(r.service.name)),
                                             ("score", .double(r.score)), ("relaxed", r.relaxation.map { .string($0.rawValue) } ?? .null)])
                                }))])
            } else {
                answer = .object([("qid", qid), ("results", .array(response.results.map { .object([("id", .string($0.service.id))]) }))])
            }
            out += answer.text + "\n"
            if out.utf8.count > 1 << 16 { Terminal.out(out); out = "" }
        }
        Terminal.out(out)
        if bad > 0 { throw CLIError.badData("\(path): \(bad) query line(s) could not be read (see above)") }
    }
}

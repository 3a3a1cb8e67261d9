import BenchmarkSupport
import Foundation
import Signpost

// Replays the benchmark queries of one kind for valgrind's callgrind, which counts the instructions
// of a search exactly: the same count on any run of the same build, where wall-clock times on the
// shared 2-core VMs vary by half from one minute to the next. Run through `count.py` beside this
// file's folder (Benchmarks/instructions/count.py), which starts valgrind with
// `--toggle-collect=*measured*`, so only the two `measured…` functions below are counted.
//
// Synchronous on purpose: valgrind 3.19 (Debian 12) stops with an internal error on the second
// thread of any program with an `async` main (a three-line one does it), and so on the `signpost`
// command line, whose main is async for `signpost serve`.
//
//   Instructions --kind plain-language [--size leeds] [--repeat 20] [--stage search|understand]
//   Instructions --text "food bank in Armley open Saturday"
//   Instructions --queries Corpus/leeds/queries.jsonl      (JSON lines with "text" and "at", as `signpost bench` reads)

let kinds = BenchQueries.kinds

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Instructions: \(message)\nusage: Instructions (--kind \(kinds.map(\.name).joined(separator: "|")) | --text TEXT | --queries FILE) [--size leeds|10k|100k|1m] [--repeat N] [--stage search|understand]\n".utf8))
    exit(64)
}

var options: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst()
while let name = arguments.popFirst() {
    guard name.hasPrefix("--"), let value = arguments.popFirst() else { usage("\(name): expected --option value") }
    options[String(name.dropFirst(2))] = value
}
for name in options.keys where !["kind", "text", "queries", "size", "repeat", "stage"].contains(name) { usage("unknown option --\(name)") }
let requests: [SearchRequest]
if let text = options["text"] {
    requests = [SearchRequest(text: text, now: BenchCorpus.now)]
} else if let kind = options["kind"] {
    guard let list = kinds.first(where: { $0.name == kind }) else { usage("--kind \(kind) is not a kind of query") }
    requests = list.requests
} else if let path = options["queries"] {
    guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else { usage("--queries \(path): cannot read the file") }
    var read: [SearchRequest] = []
    for (number, line) in QueryLine.numbered(contents) {
        do {
            let query = try QueryLine(line, zone: BenchCorpus.city.zone, defaultNow: BenchCorpus.now)
            read.append(SearchRequest(text: query.text, now: query.now))
        } catch {
            usage("\(path):\(number): \(error.message)")
        }
    }
    guard !read.isEmpty else { usage("--queries \(path): no queries") }
    requests = read
} else {
    usage("--kind, --text or --queries is needed")
}
guard let repeats = Int(options["repeat"] ?? "20"), repeats > 0 else { usage("--repeat must be a whole number above 0") }
let stage = options["stage"] ?? "search"
guard stage == "search" || stage == "understand" else { usage("--stage must be search or understand") }
let sizeName = options["size"] ?? "leeds"
guard let size = BenchCorpus.Size(sizeName) else { usage("--size \(sizeName) is not leeds, 10k, 100k, 1m or a number") }

let directory = BenchCorpus.directory(size)
let parser = directory.searcher.parser, snapshot = directory.snapshot
let zone = BenchCorpus.city.zone

/// One search, counted.
@inline(never)
func measuredSearch(_ r: SearchRequest) -> Int { directory.search(r).results.count }

/// Understanding one question alone, counted.
@inline(never)
func measuredUnderstanding(_ r: SearchRequest) -> Int {
    parser.parse(r.text, now: zone.wallMinute(atUTC: r.now), snapshot: snapshot).searchTerms.count
}

// A warm-up pass, not counted (first calls set up lazily made tables).
var sink = 0
for r in requests { sink &+= directory.search(r).results.count }
for _ in 0..<repeats {
    for r in requests { sink &+= stage == "search" ? measuredSearch(r) : measuredUnderstanding(r) }
}
// What count.py divides by.
print("searches \(repeats * requests.count) stage \(stage) size \(size) sink \(sink)")

import Foundation
@testable import Signpost

/// Judged queries (`Corpus/leeds/queries.jsonl`, `../shared/eval/data/queries-dev.jsonl`) and nDCG.
struct JudgedQuery {
    var qid: String
    var text: String
    var at: String
    var tags: [String]
    var judgments: [String: Int]

    static func load(_ url: URL) throws -> [JudgedQuery] {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
            guard let o = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else { return nil }
            return JudgedQuery(qid: o["qid"] as! String, text: o["text"] as! String, at: o["at"] as! String,
                               tags: o["tags"] as? [String] ?? [], judgments: o["judgments"] as? [String: Int] ?? [:])
        }
    }

    /// nDCG@k with linear gains, as ../shared/eval/metrics.py computes it.
    func ndcg(_ ranked: [String], k: Int = 10) -> Double {
        var seen = Set<String>()
        let unique = ranked.filter { seen.insert($0).inserted }
        let dcg = unique.prefix(k).enumerated().reduce(0.0) { $0 + Double(judgments[$1.element] ?? 0) / log2(Double($1.offset) + 2) }
        let ideal = judgments.values.sorted(by: >).prefix(k).enumerated().reduce(0.0) { $0 + Double($1.element) / log2(Double($1.offset) + 2) }
        return ideal > 0 ? dcg / ideal : 0
    }
}

extension Directory {
    /// Mean nDCG@10 of a directory over judged queries, overall and per tag.
    func meanNDCG(_ queries: [JudgedQuery]) -> (all: Double, byTag: [String: Double]) {
        var total = 0.0
        var byTag: [String: (Double, Int)] = [:]
        for q in queries {
            let r = search(SearchRequest(text: q.text, now: ISO8601Instant.parse(q.at)!, limit: 10))
            let n = q.ndcg(r.results.map(\.service.id))
            total += n
            for t in q.tags { byTag[t, default: (0, 0)].0 += n; byTag[t, default: (0, 0)].1 += 1 }
        }
        return (total / Double(max(queries.count, 1)), byTag.mapValues { $0.0 / Double($0.1) })
    }
}

import Foundation
import Synchronization

/// Request counts and latencies, kept in memory and shown at `/metrics` in Prometheus text format.
public final class ServerMetrics: Sendable {
    /// Upper bounds of the latency buckets, in seconds.
    static let buckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1]

    struct State {
        var requests: [String: Int] = [:]  // "route|status"
        var bucketCounts = [Int](repeating: 0, count: ServerMetrics.buckets.count)
        var count = 0
        var sum = 0.0
    }

    private let state = Mutex(State())

    public init() {}

    public func record(route: String, status: Int, seconds: Double) {
        state.withLock { s in
            s.requests["\(route)|\(status)", default: 0] += 1
            s.count += 1
            s.sum += seconds
            for (i, b) in Self.buckets.enumerated() where seconds <= b { s.bucketCounts[i] += 1 }
        }
    }

    /// The exposition text.
    public func render(snapshotAge: Double?, services: Int?, snapshotBytes: Int?) -> String {
        let s = state.withLock { $0 }
        var out = "# HELP signpost_http_requests_total HTTP requests by route and status.\n# TYPE signpost_http_requests_total counter\n"
        for (key, n) in s.requests.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|")
            out += "signpost_http_requests_total{route=\"\(parts[0])\",status=\"\(parts[1])\"} \(n)\n"
        }
        out += "# HELP signpost_http_request_duration_seconds Time to answer a request.\n# TYPE signpost_http_request_duration_seconds histogram\n"
        for (i, b) in Self.buckets.enumerated() {
            out += "signpost_http_request_duration_seconds_bucket{le=\"\(b)\"} \(s.bucketCounts[i])\n"
        }
        out += "signpost_http_request_duration_seconds_bucket{le=\"+Inf\"} \(s.count)\n"
        out += "signpost_http_request_duration_seconds_sum \(s.sum)\nsignpost_http_request_duration_seconds_count \(s.count)\n"
        if let snapshotAge {
            out += "# HELP signpost_snapshot_age_seconds Seconds since the live snapshot was made live.\n# TYPE signpost_snapshot_age_seconds gauge\n"
            out += "signpost_snapshot_age_seconds \(Int(snapshotAge))\n"
        }
        if let services {
            out += "# HELP signpost_snapshot_services Services in the live snapshot.\n# TYPE signpost_snapshot_services gauge\nsignpost_snapshot_services \(services)\n"
        }
        if let snapshotBytes {
            out += "# HELP signpost_snapshot_bytes Approximate memory of the live snapshot.\n# TYPE signpost_snapshot_bytes gauge\nsignpost_snapshot_bytes \(snapshotBytes)\n"
        }
        return out
    }
}

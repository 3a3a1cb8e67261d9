/// One problem found in a directory file: where it is, what is wrong, and how to fix it.
///
/// Rendered for people as
/// `corpus.json:5:123: error: service 412 (id 9f3c…): schedules[0].opens_at: "9am" is not HH:MM — hint`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning
        case error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    /// A short, stable name for the kind of problem (`bad-time`, `unknown-ward`), for summaries.
    public var code: String
    /// The file, as the user named it.
    public var file: String
    /// 1-based line and column of the value, when known.
    public var line: Int?
    public var column: Int?
    /// 0-based index of the record in the file (service number in JSON, data row in CSV).
    public var record: Int?
    /// The record's id, when it has one.
    public var recordID: String?
    /// The field, as a path (`schedules[0].opens_at`, or a CSV column name).
    public var field: String?
    /// The offending value as written.
    public var value: String?
    /// What is wrong.
    public var reason: String
    /// How to fix it, or how the value was read when it was repaired.
    public var hint: String?

    public init(_ severity: Severity, code: String, file: String, line: Int? = nil, column: Int? = nil,
                record: Int? = nil, recordID: String? = nil, field: String? = nil, value: String? = nil,
                reason: String, hint: String? = nil) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.record = record
        self.recordID = recordID
        self.field = field
        self.value = value
        self.reason = reason
        self.hint = hint
    }

    /// `FILE:LINE:COLUMN: error|warning: FIELD: value "..." — reason; hint (record 412, id 9f3c…)`.
    public var description: String {
        var s = file
        if let line { s += ":\(line)"; if let column { s += ":\(column)" } }
        s += ": \(severity.rawValue): "
        if let field { s += "\(field): " }
        if let value { s += "value \(Self.quote(value)) — " }
        s += reason
        if let hint { s += "; \(hint)" }
        if let record {
            s += " (record \(record + 1)"
            if let recordID, !recordID.isEmpty { s += ", id \(Self.shortID(recordID).printable())" }
            s += ")"
        }
        return s
    }

    static func shortID(_ id: String) -> String { id.count > 12 ? String(id.prefix(8)) + "…" : id }

    static func quote(_ v: String) -> String {
        let clipped = v.count > 80 ? String(v.prefix(77)) + "…" : v
        // Line breaks as `\n`, other control characters escaped (a value must not drive the terminal).
        return "\"" + clipped.replacingOccurrences(of: "\n", with: "\\n").printable() + "\""
    }
}

/// What an import read: the good services, every problem, and the counts a hub worker needs.
public struct ImportReport: Sendable {
    /// The services that loaded (including repaired ones).
    public var services: [Service]
    /// Every problem found, in file order.
    public var diagnostics: [Diagnostic]
    /// Records read from the file (good and bad).
    public var recordsRead: Int
    /// Records left out because of errors.
    public var rejected: Int
    /// Records kept, with at least one value repaired or read by a fallback (see their warnings).
    public var repaired: Int
    /// Services that loaded but were handed on as they were read rather than kept in `services`.
    public var loaded: Int = 0
    /// Services that loaded, whether kept in `services` or handed on.
    public var loadedCount: Int { services.count + loaded }
    /// Record indices that were rejected, with their errors (for the rejects file).
    public var rejectedRecords: [RejectedRecord]
    /// The format the file was read as.
    public var format: DirectoryFormat
    /// Services of the live directory whose rows in this file have errors (and which no other row of
    /// the file gives): each kept at its live version, or left out (see ``DirectoryReader/index(_:format:displayName:live:keepingLive:progress:)``).
    public var liveRejected: [LiveRejected] = []
    /// Services of the live directory still in the update by some of their rows, with fewer places than
    /// live because a row of theirs has errors (an error in one site's row took that site out, unnamed).
    public var placesLeftOut: [LiveRejected] = []
    /// Services some of whose rows have errors, as their good rows give them, held back from the index
    /// by a load (``SpreadsheetImporter/holdsBackServicesWithRowErrors``) until it knows whether they are
    /// live: a live one keeps its live version whole, another goes in as its good rows give it.
    public var heldBack: [Service] = []

    /// A live service whose rows in the update have errors.
    public struct LiveRejected: Sendable {
        public var id: String
        public var name: String
        /// The first error of its first rejected row (with file and line).
        public var firstError: String
        /// Its document number in the live snapshot.
        public var liveDocument: Int
        /// Its live version was indexed in place of the rejected row.
        public var kept: Bool
        /// A rejected row of it says it is closed: its live version is not kept.
        public var saysClosed = false
    }

    public struct RejectedRecord: Sendable {
        public var index: Int
        public var id: String?
        public var line: Int?
        /// The record as it was in the file (a JSON object or a CSV row), for the rejects file.
        public var source: String
        public var errors: [Diagnostic]
        /// The record says the service is closed (status, or hours such as `Closed permanently`),
        /// whatever else is wrong in it: a live version is not kept in its place.
        public var saysClosed = false

        /// Its first error, with file and line, as a hub worker is told it.
        public var firstError: String { errors.first { $0.severity == .error }?.description ?? "the row has errors" }
    }

    public init(format: DirectoryFormat) {
        self.services = []
        self.diagnostics = []
        self.recordsRead = 0
        self.rejected = 0
        self.repaired = 0
        self.rejectedRecords = []
        self.format = format
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Counts of diagnostics per code and severity, most frequent first.
    public var countsByKind: [(code: String, severity: Diagnostic.Severity, count: Int)] {
        var counts: [String: (Diagnostic.Severity, Int)] = [:]
        for d in diagnostics {
            let k = d.code
            let prev = counts[k] ?? (d.severity, 0)
            counts[k] = (max(prev.0, d.severity), prev.1 + 1)
        }
        return counts.map { ($0.key, $0.value.0, $0.value.1) }.sorted { ($0.count, $1.code) > ($1.count, $0.code) }
    }
}

/// A file could not be read at all (as opposed to records with problems).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The file does not exist or cannot be opened.
        case unreadable
        /// The file is not in a readable form (malformed JSON, not a directory file, wrong encoding).
        case malformed
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var column: Int?
    public var reason: String

    public init(_ kind: Kind, file: String, line: Int? = nil, column: Int? = nil, reason: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)"; if let column { s += ":\(column)" } }
        return s + ": error: " + reason
    }
}

/// The formats Signpost reads.
public enum DirectoryFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// HSDS 3.0 / Open Referral UK v3 JSON: an array of services, or a page with `contents`.
    case hsdsJSON = "hsds-json"
    /// Open Referral UK v1 JSON (`regular_schedules`, `service_taxonomys`, ...).
    case orukV1 = "oruk-v1"
    /// The HSDS tabular data package: `datapackage.json` plus one CSV per table (folder or zip).
    case dataPackage = "datapackage"
    /// The hub spreadsheet: one CSV row per service at a location.
    case spreadsheet = "csv"
    /// A Signpost index snapshot.
    case snapshot = "snapshot"
}

extension String {
    /// The text safe to show on a terminal or in a message: control characters (which can move the
    /// cursor, recolour or clear a terminal, or ring its bell) and the bidirectional overrides (which
    /// can make text read other than it is) shown as `\u{1B}`-style escapes, tab and line breaks as
    /// spaces (kept when `keepingLineBreaks`), and, when `limit` is given, cut to that many
    /// characters with `…`.
    public func printable(limit: Int? = nil, keepingLineBreaks: Bool = false) -> String {
        var out = ""
        var count = 0
        for ch in self {
            if let limit, count >= limit { out += "…"; break }
            count += 1
            if ch == "\n" || ch == "\r\n" || ch == "\r" || ch == "\t" { out += keepingLineBreaks && ch != "\t" ? "\n" : " "; continue }
            for scalar in ch.unicodeScalars {
                switch scalar.value {
                case 0x00..<0x20, 0x7F..<0xA0, 0x202A...0x202E, 0x2066...0x2069:
                    out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
                default:
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

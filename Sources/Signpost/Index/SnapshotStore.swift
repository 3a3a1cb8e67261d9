import Foundation

/// A folder of saved snapshots, one of them live, as `signpost load` keeps it and `signpost search
/// --index` and `signpost serve` read it:
///
/// ```
/// DIR/CURRENT                              name of the live snapshot (replaced atomically)
/// DIR/snapshot-20261123T024512Z.signpost   snapshots, newest first; the last five are kept
/// DIR/rejects-20261123T024512Z.jsonl       rows left out of that load, with their reasons
/// ```
///
/// A new snapshot is written in full and checked before `CURRENT` names it, so readers never see
/// half a snapshot, and a damaged one falls back to the one before. Installs into one folder take
/// turns (a lock on `DIR/.lock`): two loads at once chose the same name, and one could leave
/// `CURRENT` naming a file the other had replaced, or report as live a snapshot that was not.
public struct SnapshotStore: Sendable {
    public let folder: URL
    public static let keep = 5
    static let pointer = "CURRENT"

    public init(folder: URL) {
        self.folder = folder
    }

    /// Saved snapshots, newest first.
    public func snapshots() -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("snapshot-") && $0.hasSuffix(".signpost") }
            .sorted { Self.age(of: $0) > Self.age(of: $1) }.map { folder.appendingPathComponent($0) }
    }

    /// A snapshot file name's place in time: its stamp, then its number within that second
    /// (`snapshot-…Z.signpost` is the first, `snapshot-…Z-2.signpost` the second). Comparing the
    /// names as text put `-2` before the first (`-` sorts before `.`), so a second load within one
    /// second was taken for an older one by fallback and pruning.
    static func age(of name: String) -> (stamp: String, number: Int) {
        var core = Substring(name)
        if core.hasPrefix("snapshot-") { core = core.dropFirst("snapshot-".count) }
        if core.hasSuffix(".signpost") { core = core.dropLast(".signpost".count) }
        if let dash = core.lastIndex(of: "-"), let n = Int(core[core.index(after: dash)...]) {
            return (String(core[..<dash]), n)
        }
        return (String(core), 1)
    }

    /// The snapshot `CURRENT` names.
    public var currentFile: URL? {
        guard let name = try? String(contentsOf: folder.appendingPathComponent(Self.pointer), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty, !name.contains("/") else { return nil }
        return folder.appendingPathComponent(name)
    }

    /// What loading found: the snapshot, its file, and anything that had to be skipped on the way.
    public struct Loaded: Sendable {
        public var snapshot: IndexSnapshot
        public var file: URL
        /// Snapshots that could not be read (newer than the one used), with the reason.
        public var skipped: [String]
    }

    /// Loads the live snapshot; if it is damaged, the newest one before it that reads.
    ///
    /// - Throws: ``SnapshotFile/ReadError`` when there is none to use.
    public func load() throws(SnapshotFile.ReadError) -> Loaded {
        let candidates = liveAndFallbacks
        guard !candidates.isEmpty else {
            throw SnapshotFile.ReadError(file: folder.path, reason: "holds no snapshot; build one with `signpost load FILE --index \(folder.path)`")
        }
        var skipped: [String] = []
        for url in candidates {
            do { return Loaded(snapshot: try SnapshotFile.read(url), file: url, skipped: skipped) } catch {
                skipped.append(error.description)
            }
        }
        throw SnapshotFile.ReadError(file: folder.path, reason: "no snapshot in it can be read: " + skipped.joined(separator: "; "))
    }

    /// The live snapshot (`CURRENT`'s, else the newest) and then, newest first, the ones before it:
    /// a newer one that `CURRENT` does not name never went live.
    private var liveAndFallbacks: [URL] {
        var candidates = snapshots()
        if let current = currentFile {
            candidates.removeAll { $0.lastPathComponent == current.lastPathComponent }
            candidates = [current] + candidates.filter { Self.age(of: $0.lastPathComponent) < Self.age(of: current.lastPathComponent) }
        }
        return candidates
    }

    /// The number of services in the live snapshot (or, when it cannot be read, the one a search
    /// would fall back to), read from its first bytes, in any format version; nil when none reads.
    public var liveServiceCount: Int? {
        for url in liveAndFallbacks {
            if let n = SnapshotFile.serviceCount(url) { return n }
        }
        return nil
    }

    /// The folder could not be locked for an install.
    public struct LockError: Error, Sendable, CustomStringConvertible {
        public var folder: String
        public var errno: Int32
        public var description: String { "\(folder): cannot take the lock file \(SnapshotStore.lockName) (\(String(cString: strerror(errno))))" }
    }

    static let lockName = ".lock"

    /// Runs `body` holding the folder's lock; `waiting` is called first when another install holds it.
    func locked<T>(waiting: (() -> Void)?, _ body: () throws -> T) throws -> T {
        let fd = open(folder.appendingPathComponent(Self.lockName).path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw LockError(folder: folder.path, errno: errno) }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            waiting?()
            while flock(fd, LOCK_EX) != 0 {
                guard errno == EINTR else { throw LockError(folder: folder.path, errno: errno) }
            }
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }

    /// Saves a snapshot and its rejects, checks it reads back, makes it live, and prunes old ones,
    /// holding the folder's lock throughout.
    ///
    /// - Parameters:
    ///   - waiting: called when another install into the folder is running (this one then waits).
    ///   - check: called with the live snapshot's service count (nil: none) once the lock is held and
    ///     before anything is written; what it throws stops the install with nothing changed.
    /// - Returns: the snapshot file and the rejects file (nil when nothing was rejected).
    @discardableResult
    public func install(_ snapshot: IndexSnapshot, rejects: [ImportReport.RejectedRecord], now: Date = Date(),
                        waiting: (() -> Void)? = nil, check: (_ liveServices: Int?) throws -> Void = { _ in }) throws -> (snapshot: URL, rejects: URL?) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try locked(waiting: waiting) {
            try check(liveServiceCount)
            return try installLocked(snapshot, rejects: rejects, now: now)
        }
    }

    private func installLocked(_ snapshot: IndexSnapshot, rejects: [ImportReport.RejectedRecord], now: Date) throws -> (snapshot: URL, rejects: URL?) {
        // Within one second, the next number after the highest one kept: the first free name came
        // round again once pruning had removed the first (the seventh load of a second was named
        // like the first, and so sorted as the oldest).
        let stamp = Self.stamp(now)
        let n = (snapshots().map { Self.age(of: $0.lastPathComponent) }.filter { $0.stamp == stamp }.map(\.number).max() ?? 0) + 1
        let name = n == 1 ? "snapshot-\(stamp).signpost" : "snapshot-\(stamp)-\(n).signpost"
        let url = folder.appendingPathComponent(name)
        try SnapshotFile.write(snapshot, to: url)
        // Check what reached the disk before making it live.
        try SnapshotFile.verify(url)
        var rejectsURL: URL? = nil
        if !rejects.isEmpty {
            let r = folder.appendingPathComponent(name.replacingOccurrences(of: "snapshot-", with: "rejects-")
                .replacingOccurrences(of: ".signpost", with: ".jsonl"))
            var text = ""
            for rec in rejects {
                let o: JSONOutput = .object([
                    ("record", .int(rec.index + 1)), ("id", .optional(rec.id)), ("line", .optional(rec.line)),
                    ("errors", .array(rec.errors.map { .string($0.description) })), ("source", .string(rec.source)),
                ])
                text += o.text + "\n"
            }
            try Data(text.utf8).write(to: r, options: .atomic)
            rejectsURL = r
        }
        try Data((name + "\n").utf8).write(to: folder.appendingPathComponent(Self.pointer), options: .atomic)
        prune()
        return (url, rejectsURL)
    }

    /// Keeps the newest snapshots (and their rejects files).
    func prune() {
        let current = currentFile?.lastPathComponent
        for old in snapshots().dropFirst(Self.keep) where old.lastPathComponent != current {
            try? FileManager.default.removeItem(at: old)
            let rejects = old.deletingLastPathComponent().appendingPathComponent(
                old.lastPathComponent.replacingOccurrences(of: "snapshot-", with: "rejects-").replacingOccurrences(of: ".signpost", with: ".jsonl"))
            try? FileManager.default.removeItem(at: rejects)
        }
    }

    static func stamp(_ d: Date) -> String {
        let t = Int64(d.timeIntervalSince1970)
        let day = LocalDate(dayNumber: Int(CivilTimeZone.floorDiv(t, 86_400)))
        let s = t - Int64(day.dayNumber) * 86_400
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(day.description.replacingOccurrences(of: "-", with: ""))T\(two(s / 3600))\(two(s % 3600 / 60))\(two(s % 60))Z"
    }
}

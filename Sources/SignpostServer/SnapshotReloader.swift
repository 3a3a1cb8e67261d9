import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Signpost

/// Watches a snapshot folder and makes a new snapshot live when `signpost load` installs one (or on
/// SIGHUP). A snapshot that cannot be read is refused and logged; the old one keeps serving.
public struct SnapshotReloader: ServiceLifecycle.Service {
    public let store: SnapshotStore
    public let live: LiveDirectory
    public let city: CityData
    public let logger: Logger
    /// How often the folder is checked.
    public let interval: Duration

    public init(store: SnapshotStore, live: LiveDirectory, city: CityData, logger: Logger, interval: Duration = .seconds(1)) {
        self.store = store
        self.live = live
        self.city = city
        self.logger = logger
        self.interval = interval
    }

    public func run() async throws {
        signal(SIGHUP, SIG_IGN)
        nonisolated(unsafe) let source = DispatchSource.makeSignalSource(signal: SIGHUP)
        let (hangups, continuation) = AsyncStream<Void>.makeStream()
        source.setEventHandler { continuation.yield() }
        source.resume()
        defer { source.cancel(); continuation.finish() }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    for await _ in hangups {
                        logger.info("SIGHUP: reloading the snapshot")
                        reload(force: true)
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: interval)
                        reload(force: false)
                    }
                }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Loads the snapshot `CURRENT` names if it is not the live one (or always, when forced).
    public func reload(force: Bool) {
        guard let file = store.currentFile else { return }
        if !force, let current = live.current, current.file?.lastPathComponent == file.lastPathComponent { return }
        if !force, let refused = refusedFile.value, refused == file.lastPathComponent { return }
        do throws(SnapshotFile.ReadError) {
            let snapshot = try SnapshotFile.read(file)
            // One loaded for another city, or another time zone, would answer every place with nothing.
            if let why = snapshot.mismatch(with: city) { throw SnapshotFile.ReadError(file: file.path, reason: "cannot be served with this city: " + why) }
            live.swap(Directory(snapshot: snapshot, city: city), file: file)
            refusedFile.value = nil
            logger.info("serving a new snapshot", metadata: ["file": "\(file.lastPathComponent)", "services": "\(snapshot.documentCount)"])
        } catch {
            refusedFile.value = file.lastPathComponent
            logger.error("refused a new snapshot; the previous one keeps serving",
                         metadata: ["file": "\(file.lastPathComponent)", "reason": "\(error.reason)"])
        }
    }

    /// The last file that failed to load (not retried until it changes, or on SIGHUP).
    private let refusedFile = Box<String?>(nil)
}

/// A small mutable box shared between the reloader's tasks.
final class Box<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: T
    init(_ v: T) { _value = v }
    var value: T {
        get { lock.lock(); defer { lock.unlock() }; return _value }
        set { lock.lock(); _value = newValue; lock.unlock() }
    }
}

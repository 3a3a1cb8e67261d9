import Foundation
import Signpost
import Synchronization

/// The directory the server answers from, swapped atomically when a new snapshot arrives.
///
/// A request takes the current ``Directory`` once and uses it to the end; a swap replaces the
/// reference, so requests in flight finish on the old snapshot while new ones see the new one.
public final class LiveDirectory: Sendable {
    public struct Current: Sendable {
        public var directory: Directory
        /// The snapshot file it came from (nil when built from a corpus file).
        public var file: URL?
        /// When it was made live (UTC seconds).
        public var since: Date
    }

    private let state = Mutex<Current?>(nil)

    public init(_ directory: Directory? = nil, file: URL? = nil) {
        if let directory { state.withLock { $0 = Current(directory: directory, file: file, since: Date()) } }
    }

    /// The live directory, or nil while none is loaded.
    public var current: Current? { state.withLock { $0 } }

    /// Makes a directory live.
    public func swap(_ directory: Directory, file: URL?) {
        state.withLock { $0 = Current(directory: directory, file: file, since: Date()) }
    }
}

/// Tracks ids across the records of one file, so that a second service with an id already seen is
/// rejected with an error that names where the first one is.
struct DuplicateTracker {
    private var firstSeen: [String: Int] = [:]  // id -> record index

    /// Records an id; returns the index of the earlier record with the same id, if any.
    mutating func seen(_ id: String, at index: Int) -> Int? {
        if let first = firstSeen[id] { return first }
        firstSeen[id] = index
        return nil
    }
}

/// Tracks ids across the records of one file, so that a second service with an id already seen is
/// rejected with an error that names where the first one is.
struct DuplicateTracker {
    private var firstSeen: [String: Int] = [:]  // id -> record index

    /// Records an id; returns the index of the earlier record with the same id, if any.
    ///
    /// - Complexity: one hash lookup for a new id (the usual case), two for a repeated one.
    mutating func seen(_ id: String, at index: Int) -> Int? {
        guard let first = firstSeen.updateValue(index, forKey: id) else { return nil }
        firstSeen[id] = first  // the first record keeps the id
        return first
    }
}

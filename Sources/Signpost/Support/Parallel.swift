import Foundation

/// Work split across the machine's cores, for the parts of an import or a build where each item is
/// independent (decoding a spreadsheet row, analysing a service's text). Results come back in
/// order, so the outcome is the same as doing the items one after another.
enum Parallel {
    /// `body(i, &state)` for every `i` in `0..<count`, on up to one worker per core; each worker
    /// has its own `state` (a cache, say) that lives in `states` across calls.
    ///
    /// - Parameter minimumPerWorker: below this many items per worker, fewer workers are used
    ///   (one for a small batch), as starting a worker costs more than a few items.
    static func map<T, State>(_ count: Int, states: inout [State], makeState: () -> State, minimumPerWorker: Int = 64,
                              _ body: (Int, inout State) -> T) -> [T] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, count / max(1, minimumPerWorker)))
        while states.count < workers { states.append(makeState()) }
        if workers == 1 { return (0..<count).map { body($0, &states[0]) } }
        var results = [T?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { resultBuffer in
            states.withUnsafeMutableBufferPointer { stateBuffer in
                // Each worker writes only its own result slots and its own state.
                nonisolated(unsafe) let out = resultBuffer, state = stateBuffer
                withoutActuallyEscaping(body) { body in
                    nonisolated(unsafe) let work = body
                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                        var i = w
                        while i < count {
                            out[i] = work(i, &state[w])
                            i += workers
                        }
                    }
                }
            }
        }
        return results.map { $0! }
    }

    /// `body(i)` for every `i` in `0..<count`, in parallel, results in order.
    static func map<T>(_ count: Int, minimumPerWorker: Int = 64, _ body: (Int) -> T) -> [T] {
        var none: [Void] = []
        return map(count, states: &none, makeState: {}, minimumPerWorker: minimumPerWorker) { i, _ in body(i) }
    }
}

import Foundation
import Synchronization

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

extension Parallel {
    /// Runs a stream of batches through a per-item stage that any core may do and an in-order
    /// stage that one thread must do, overlapping the two: while the cores work through batch
    /// n + 1, one of them first hands batch n's results to `consume` and fetches batch n + 2 with
    /// `next`, then joins in. Items are claimed one at a time, so no core idles while another has
    /// work left; on two cores a build that was serial for a third of its time keeps both busy.
    ///
    /// - Parameters:
    ///   - states: per-worker state (a cache, say), kept across calls.
    ///   - next: the next batch, or nil at the end (then not called again). It runs while the
    ///     previous batch is being transformed, so it must not touch what `transform` reads.
    ///   - transform: the per-item work, on any thread, with that worker's state.
    ///   - consume: each batch's results, in order, on one thread at a time; it runs before `next`
    ///     is asked for the batch after, so it may tell `next` to stop. The batch is handed over
    ///     `inout` and held nowhere else, so results can be moved out of it rather than copied.
    /// - Complexity: O(total items) transforms, split across the cores.
    static func pipeline<Item, Output, State>(states: inout [State], makeState: () -> State,
                                              next: () -> [Item]?,
                                              transform: (Item, inout State) -> Output,
                                              consume: (inout [Output]) -> Void) {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        while states.count < workers { states.append(makeState()) }
        var current = next()
        var finished = current == nil
        var ready: [Output]? = nil
        while current != nil || ready != nil {
            let batch = current ?? []
            var upcoming: [Item]? = nil
            // The in-order stage for the batch before (freed here too, while the other cores
            // work), and fetching the batch after.
            func serialStage() {
                if var done = ready {
                    ready = nil  // so that `done` is the batch's only reference
                    consume(&done)
                }
                if !finished { upcoming = next(); finished = upcoming == nil }
            }
            let results: [Output]
            if workers == 1 || batch.count < 2 {
                serialStage()
                results = batch.map { transform($0, &states[0]) }
            } else {
                let claims = Claims()
                results = [Output](unsafeUninitializedCapacity: batch.count) { out, initialized in
                    states.withUnsafeMutableBufferPointer { state in
                        batch.withUnsafeBufferPointer { input in
                            withoutActuallyEscaping(serialStage) { serial in
                                withoutActuallyEscaping(transform) { transform in
                                    // Each worker initialises only the result slots it claimed and uses
                                    // only its own state; the serial stage touches neither.
                                    nonisolated(unsafe) let out = out, state = state, input = input
                                    nonisolated(unsafe) let serial = serial, work = transform
                                    DispatchQueue.concurrentPerform(iterations: workers) { w in
                                        if w == 0 { serial() }
                                        while true {
                                            let k = claims.next.wrappingAdd(1, ordering: .relaxed).oldValue
                                            guard k < input.count else { break }
                                            (out.baseAddress! + k).initialize(to: work(input[k], &state[w]))
                                        }
                                    }
                                }
                            }
                        }
                    }
                    initialized = batch.count
                }
            }
            if !batch.isEmpty { ready = results }
            current = upcoming
        }
    }

    /// ``pipeline(states:makeState:next:transform:consume:)`` over items in memory, in batches.
    static func pipeline<Item, Output, State>(_ items: ArraySlice<Item>, batchSize: Int = 1_024,
                                              states: inout [State], makeState: () -> State,
                                              transform: (Item, inout State) -> Output,
                                              consume: (inout [Output]) -> Void) {
        var start = items.startIndex
        pipeline(states: &states, makeState: makeState, next: { () -> [Item]? in
            guard start < items.endIndex else { return nil }
            let end = min(start + batchSize, items.endIndex)
            defer { start = end }
            return Array(items[start..<end])
        }, transform: transform, consume: consume)
    }

    /// The next unclaimed item of a batch.
    private final class Claims: Sendable {
        let next = Atomic<Int>(0)
    }
}

/// Where an import hands the good services it reads, as it reads them.
///
/// `prepare` runs on any core, with that core's own state, as soon as a service is decoded;
/// `accept` gets the prepared services in file order, one batch at a time, on one thread. The
/// index builder's intake analyses each service's text in `prepare`, so reading, checking and
/// analysing share the cores and only adding postings is done in order — at the same time as the
/// cores work on the next batch (``Parallel/pipeline(states:makeState:next:transform:consume:)``).
public struct ServiceIntake<Prepared, WorkerState> {
    public var makeState: () -> WorkerState
    public var prepare: (Service, inout WorkerState) -> Prepared
    public var accept: ([Prepared]) -> Void

    public init(makeState: @escaping () -> WorkerState, prepare: @escaping (Service, inout WorkerState) -> Prepared,
                accept: @escaping ([Prepared]) -> Void) {
        self.makeState = makeState
        self.prepare = prepare
        self.accept = accept
    }

    /// Hands over services already in memory (from formats that are read whole), overlapping
    /// their preparation with the acceptance of the ones before.
    func feed(_ services: [Service]) {
        var states: [WorkerState] = []
        Parallel.pipeline(services[...], states: &states, makeState: makeState, transform: prepare, consume: { accept($0) })
    }
}

extension ServiceIntake where Prepared == Service, WorkerState == Void {
    /// A read whose good services are kept in the report instead of handed on.
    static func keepingServices(_ read: (ServiceIntake) throws(ImportError) -> ImportReport) throws(ImportError) -> ImportReport {
        var services: [Service] = []
        var report = try read(ServiceIntake(makeState: {}, prepare: { s, _ in s }, accept: { services += $0 }))
        report.services = services
        report.loaded = 0
        return report
    }
}

extension IndexBuilder.Preparer {
    /// An intake that indexes what an import reads: each service's text analysed on any core by
    /// this preparer, the results handed to `accept` (which adds them to the accumulator) in order.
    public func intake(accept: @escaping ([PreparedService]) -> Void) -> ServiceIntake<PreparedService, AnalysisScratch> {
        ServiceIntake(makeState: AnalysisScratch.init, prepare: { prepare($0, scratch: &$1) }, accept: accept)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// Runs a function over a stream of inputs with at most `jobs` in flight, and hands the results
/// back in input order, so a batch's output is the same whatever the timing.
public enum BatchRunner {
    /// One job per online core.
    public static var defaultJobs: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Processes `inputs` in a task group with at most `jobs` tasks running.
    ///
    /// `inputs` is consumed lazily (a `--stdin-jsonl` stream is read as the batch goes), and a
    /// result that finishes early waits for the ones before it, so `deliver` sees input order.
    /// Results waiting like that are bounded: no input more than `4 × jobs` ahead of the oldest
    /// unfinished one is started, so a slow page cannot make the buffer grow with the batch.
    /// `completed` is called as each result finishes (in any order; for progress), `deliver` in
    /// input order; both run on the caller's task, one at a time. An error thrown by `deliver`
    /// (a failed write) stops the batch and is rethrown once running tasks finish.
    public static func run<Input: Sendable, Output: Sendable>(
        _ inputs: some Sequence<Input>,
        jobs: Int,
        process: @escaping @Sendable (Input) -> Output,
        completed: (Output) -> Void = { _ in },
        deliver: (Output) throws -> Void
    ) async throws {
        let jobs = max(1, jobs)
        let window = max(8, 4 * jobs)
        var iterator = inputs.makeIterator()
        try await withThrowingTaskGroup(of: (Int, Output).self) { group in
            var nextToStart = 0
            var nextToDeliver = 0
            var running = 0
            var exhausted = false
            var finished: [Int: Output] = [:]
            while true {
                while !exhausted && running < jobs && nextToStart - nextToDeliver < window {
                    guard let input = iterator.next() else {
                        exhausted = true
                        break
                    }
                    let index = nextToStart
                    group.addTask { (index, process(input)) }
                    nextToStart += 1
                    running += 1
                }
                // Nothing running means nothing started is unfinished: everything is delivered.
                guard let (index, output) = try await group.next() else { break }
                running -= 1
                completed(output)
                finished[index] = output
                while let ready = finished.removeValue(forKey: nextToDeliver) {
                    try deliver(ready)
                    nextToDeliver += 1
                }
            }
        }
    }
}

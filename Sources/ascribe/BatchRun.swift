import AscribeKit
import Dispatch

#if canImport(Glibc)
import Glibc
#endif

/// What a command makes of one article in a batch.
struct BatchBody: Sendable {
    /// The result object of a JSON Lines record (the `--format json` object of one file).
    var json: JSONMembers?
    /// The text output (text and Markdown formats).
    var text: String = ""
    /// `--fail-on` reasons this input's checklist holds.
    var failOnHits: [String] = []
}

/// One input, finished on a worker: everything the ordered writer needs, already rendered.
struct BatchItem: Sendable {
    var name: String
    var bytes: Int
    var error: AscribeError?
    /// Written to the output as it is (UTF-8): a JSON line, or a `==> path <==` section.
    var output: [UInt8]
    var failOnHits: [String]
    /// A decoding-repair warning for standard error (text formats; JSON records carry the count).
    var warning: String?
}

/// The batch form of `extract` and `check`: discovery, the parallel run, ordered writing,
/// progress, summary and the exit code.
struct BatchRun {
    var files: [String]
    var options: BatchOptions
    var io: InputOutputOptions
    /// JSON Lines records, else each input's text under a `==> path <==` header.
    var jsonLines: Bool
    /// The article-text cap of the attribution commands (`check`); nil for `extract`, which has none.
    var maxTextBytes: Int? = nil
    /// Turns an article into its output; must fill `json` for JSON Lines, `text` otherwise.
    var render: @Sendable (Article) -> BatchBody

    /// Exit code when an input failed; documented in `--help` and the README.
    static let someInputsFailed: Int32 = 2

    /// Runs the batch and exits with its code.
    func run() -> Never {
        let inputs = options.stdinJSONL ? [] : BatchInputs.discover(files, includes: options.includes)
        var totalBytes: Int?
        if !options.stdinJSONL {
            if inputs.isEmpty {
                io.fail(
                    message: "no input found in \(files.joined(separator: " ")); folders give *.html, *.htm, *.xhtml, *.mhtml, *.mht and *.txt files unless --include says otherwise",
                    code: 66)
            }
            totalBytes = inputs.reduce(0) { $0 + $1.size }
        }
        let output: BatchOutput
        do throws(AscribeError) {
            output = try io.output.map { path throws(AscribeError) in try BatchOutput(path: path) } ?? BatchOutput()
        } catch {
            io.fail(error)
        }
        let progress = BatchProgress(
            total: options.stdinJSONL ? nil : inputs.count, totalBytes: totalBytes,
            drawsBar: !options.quiet && isatty(2) == 1)
        let session = BatchSession(output: output, progress: progress, flushEachLine: options.stdinJSONL || io.output == nil)

        var readOptions = io.readOptions
        if let maxTextBytes { readOptions.maxTextBytes = maxTextBytes }
        let process = Self.processor(readOptions: readOptions, forAnalysis: maxTextBytes != nil, jsonLines: jsonLines, render: render)
        let maxLine = io.maxBytes > Int.max / 8 ? Int.max : io.maxBytes * 6 + 4096
        let stdinJSONL = options.stdinJSONL
        let jobs = options.jobCount
        let outcome = blocking { () async throws -> Void in
            if stdinJSONL {
                try await BatchRunner.run(
                    JSONLinesInputs(fileDescriptor: 0, maxLineBytes: maxLine), jobs: jobs, process: process,
                    completed: session.completed, deliver: session.deliver)
            } else {
                try await BatchRunner.run(inputs, jobs: jobs, process: process, completed: session.completed, deliver: session.deliver)
            }
        }
        progress.clear()
        if case .failure(let error) = outcome {
            io.fail((error as? AscribeError) ?? .writeFailed(path: io.output ?? "standard output", reason: "\(error)"))
        }
        do throws(AscribeError) {
            try output.finish()
        } catch {
            io.fail(error)
        }
        if !options.quiet { io.warn(progress.summary(failed: session.failed), prefix: "ascribe: ") }
        if session.failed > 0 { exit(Self.someInputsFailed) }
        if !session.failOnHits.isEmpty {
            io.warn("--fail-on matched: \(session.failOnHits.sorted().joined(separator: ", "))", prefix: "ascribe: ")
            exit(1)
        }
        exit(0)
    }

    /// The worker's function: read, extract, render, and serialise the record, so all the
    /// per-page work runs in parallel and the writer only copies bytes.
    static func processor(
        readOptions: ReadOptions, forAnalysis: Bool, jsonLines: Bool, render: @escaping @Sendable (Article) -> BatchBody
    ) -> @Sendable (BatchInput) -> BatchItem {
        { input in
            var repaired = 0
            var charset = ""
            let result = Batch.process(input, options: readOptions, forAnalysis: forAnalysis) { article in
                repaired = article.repairedSequences
                charset = article.charset
                return render(article)
            }
            let body = try? result.outcome.get()
            let error: AscribeError? = if case .failure(let e) = result.outcome { e } else { nil }
            var output: [UInt8]
            var warning: String?
            if jsonLines {
                output = Batch.record(result.label, result.outcome.map { $0.json ?? [] }).serializedUTF8(pretty: false)
                output.append(0x0A)
            } else if let body {
                output = Array(("==> \(result.name) <==\n" + body.text + (body.text.hasSuffix("\n") ? "\n" : "\n\n")).utf8)
                if repaired > 0 {
                    warning = "\(result.name): \(repaired) invalid byte sequence\(repaired == 1 ? "" : "s") in \(charset) text repaired (stray bytes read as windows-1252); use --encoding if the page's charset is wrong"
                }
            } else {
                output = []
            }
            return BatchItem(
                name: result.name, bytes: result.bytes, error: error, output: output,
                failOnHits: body?.failOnHits ?? [], warning: warning)
        }
    }

    /// `--fail-on` reasons found in `checklist` (the same rule as the single-file commands).
    static func failOnHits(_ codes: [String], in checklist: Checklist) -> [String] {
        guard !codes.isEmpty else { return [] }
        if codes.contains("any") { return checklist.items.isEmpty ? [] : ["any"] }
        let found = checklist.codes
        return codes.filter { ReasonCode(rawValue: $0).map(found.contains) ?? false }
    }
}

/// The writer's state. Only the task running the batch touches it, one call at a time
/// (`BatchRunner` calls `completed` and `deliver` from the caller's task), hence unchecked.
final class BatchSession: @unchecked Sendable {
    let output: BatchOutput
    let progress: BatchProgress
    /// Stream readers (a pipe, `--stdin-jsonl`) see each record as soon as it is written.
    let flushEachLine: Bool
    private(set) var failed = 0
    private(set) var failOnHits: Set<String> = []

    init(output: BatchOutput, progress: BatchProgress, flushEachLine: Bool) {
        self.output = output
        self.progress = progress
        self.flushEachLine = flushEachLine
    }

    func completed(_ item: BatchItem) {
        progress.advance(bytes: item.bytes)
    }

    func deliver(_ item: BatchItem) throws {
        if let error = item.error {
            failed += 1
            // Text formats have no error record: the message goes to stderr, in input order.
            if item.output.isEmpty { progress.message("ascribe: " + error.message) }
        }
        if let warning = item.warning { progress.message("ascribe: warning: " + warning) }
        failOnHits.formUnion(item.failOnHits)
        try output.write(item.output)
        if flushEachLine { try output.flush() }
    }
}

/// Runs `body` to completion on the global executor and waits for it.
///
/// The commands are synchronous (`ParsableCommand`), and the main thread is not one of the
/// concurrency pool's threads, so blocking it here starves nothing.
func blocking(_ body: @escaping @Sendable () async throws -> Void) -> Result<Void, any Error> {
    final class Box: @unchecked Sendable {
        // Written before `done.signal()`, read after `done.wait()`: the semaphore orders them.
        var result: Result<Void, any Error> = .success(())
    }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do {
            try await body()
        } catch {
            box.result = .failure(error)
        }
        done.signal()
    }
    done.wait()
    return box.result
}

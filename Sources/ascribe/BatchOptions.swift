import ArgumentParser
import AscribeKit

/// Options of the batch form of `extract` and `check`: many files and folders, or JSON Lines on stdin.
struct BatchOptions: ParsableArguments {
    @Option(
        name: .customLong("include"),
        help: ArgumentHelp(
            "In folders, take only files whose name matches this glob (repeatable; * ? [a-z] [!x]).",
            discussion: "Default: *.html *.htm *.xhtml *.mhtml *.mht *.txt (any case). Files named on the command line are always taken.",
            valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Process this many inputs at once (default: every core).", valueName: "n"))
    var jobs: Int?

    @Flag(
        name: .customLong("stdin-jsonl"),
        help: #"Read records {"id", "html"|"text"} from standard input, one JSON object a line, and write one JSON line per record to standard output."#)
    var stdinJSONL = false

    @Flag(help: "No progress bar and no summary line on standard error.")
    var quiet = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for pattern in include where pattern.isEmpty { throw ValidationError("--include needs a pattern such as '*.html'") }
    }

    var includes: [GlobPattern] { include.isEmpty ? BatchInputs.defaultIncludes : include.map { GlobPattern($0) } }

    var jobCount: Int { jobs ?? BatchRunner.defaultJobs }

    /// True when the run is a batch: several inputs, JSON Lines asked for, or records on stdin.
    /// One file in another format keeps the single-file behaviour exactly.
    func isBatch(files: [String], jsonLines: Bool) -> Bool {
        stdinJSONL || jsonLines || files.count > 1
    }

    /// Checks the inputs given to a command that has a batch form.
    func validate(files: [String], jsonLines: Bool, singleFileOnlyFormat: String?) throws {
        if stdinJSONL && !files.isEmpty {
            throw ValidationError("--stdin-jsonl reads its inputs from standard input; give no FILE with it")
        }
        if !stdinJSONL && files.isEmpty {
            throw ValidationError("give a file to read (or - for standard input, or several files and folders)")
        }
        if files.count > 1, files.contains("-") {
            throw ValidationError("- (standard input) works for a single input only; use --stdin-jsonl to stream many")
        }
        if isBatch(files: files, jsonLines: jsonLines), let format = singleFileOnlyFormat, !stdinJSONL {
            throw ValidationError("--format \(format) prints one object for one file; use --format jsonl for many inputs")
        }
    }

    static let discussion = """
        Batch: give several files or folders (folders are walked recursively, in sorted order), \
        or --format jsonl, or --stdin-jsonl. --format jsonl writes one JSON object a line per \
        input, in input order: {"path": …, "ok": true, …the --format json fields} or \
        {"path": …, "ok": false, "error": {"code": 65, "message": …}} ("id" instead of "path" \
        for --stdin-jsonl records). One bad input never stops the batch. On a terminal, \
        standard error shows a progress bar; a summary line ends every batch (--quiet: neither).

        Batch exit codes: 0 every input was read; 2 at least one input failed (see its error \
        record or message); 1 (check) --fail-on matched and no input failed; 64 bad usage; \
        66 no input found; 74 the output could not be written.
        """
}

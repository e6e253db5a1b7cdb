import ArgumentParser
import AscribeKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "List who says what: every attribution with its cue, source, content and kind.",
        discussion: """
            Finds direct quotes (" “ ” « » „), reported speech ("She stated that…"), "according \
            to X", relays through media ("as reported by TASS", "her remarks were carried by \
            TASS": the outlet is the carrier, the speaker stays the source), vague and anonymous \
            sourcing ("observers note", "sources said"), agentless attributions ("it is believed \
            that…") and document-level credit lines ("Attribution: …", "(Reuters) —"). Pronouns \
            and titles ("she", "the ambassador") are resolved to the person named earlier.

            Kinds: direct, indirect, according-to, media, vague, anonymous, no-source, document.
            JSON spans are Unicode-scalar offsets into the top-level "text", end exclusive.

            Examples:
              ascribe check article.html
              ascribe check story.txt --format json --output story.json
              ascribe check story.txt --fail-on vague,state-media   # exit 1 if any such item

            The text output ends with the sources table, counts and the reviewer checklist \
            (see `ascribe checklist` for Markdown, JSON, HTML and ClaimReview).

            Batch examples:
              ascribe check archive/ --include '*.html' --format jsonl --jobs 2 > archive.jsonl
              ascribe check --stdin-jsonl < records.jsonl > results.jsonl

            """ + BatchOptions.discussion
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, jsonl
    }

    @Argument(help: "The saved page or text file; - reads standard input. Several files or folders: a batch.")
    var files: [String] = []

    @Option(help: "Output format: text (grouped by source), json, or jsonl (one JSON object a line per input).")
    var format: Format = .text

    @OptionGroup var failOn: FailOnOption
    @OptionGroup var io: InputOutputOptions
    @OptionGroup var textLimit: TextLimitOption
    @OptionGroup(title: "Batch") var batch: BatchOptions

    func validate() throws {
        try batch.validate(files: files, jsonLines: format == .jsonl, singleFileOnlyFormat: format == .json ? "json" : nil)
    }

    func run() throws {
        if batch.isBatch(files: files, jsonLines: format == .jsonl) {
            let format = batch.stdinJSONL ? .jsonl : self.format
            let codes = failOn.codes
            let colour = false
            BatchRun(files: files, options: batch, io: io, jsonLines: format == .jsonl, maxTextBytes: textLimit.maxTextBytes) { article in
                let analysis = Attributor.analyze(article)
                // The checklist is only needed for the text output and for --fail-on.
                let checklist = format == .text || !codes.isEmpty ? ChecklistBuilder.build(ClaimLinker.link(analysis)) : nil
                let hits = checklist.map { BatchRun.failOnHits(codes, in: $0) } ?? []
                switch format {
                case .jsonl, .json:
                    return BatchBody(json: AttributionRenderer.members(analysis), failOnHits: hits)
                case .text:
                    return BatchBody(
                        text: AttributionRenderer.text(analysis) + "\n" + ChecklistRenderer.text(checklist!, colour: colour), failOnHits: hits)
                }
            }.run()
        }
        let file = files[0]
        let checklist = try io.catching { () throws(AscribeError) in
            try Ascribe.checklist(path: file, options: textLimit.readOptions(io))
        }
        let analysis = checklist.report.analysis
        io.warnAboutRepairs(analysis.article, file: file)
        let output: String
        switch format {
        case .text:
            // Who says what, then the summary and the checklist the reviewer works from.
            output = AttributionRenderer.text(analysis) + "\n" + ChecklistRenderer.text(checklist, colour: useColour(writingToFile: io.output != nil))
        case .json: output = AttributionRenderer.jsonText(analysis) + "\n"
        case .jsonl: output = AttributionRenderer.jsonText(analysis, pretty: false) + "\n"
        }
        try io.emit(output)
        failOn.exitIfFound(checklist)
    }
}

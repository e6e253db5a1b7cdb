import ArgumentParser
import AscribeKit

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Print the article body, metadata and links of a saved page or text file.",
        discussion: """
            Reads "Webpage, HTML only", "Webpage, Complete" (the .html beside its _files folder), \
            "Webpage, Single File" (.mhtml/.mht) and plain text. The charset comes from the BOM, \
            <meta charset>, http-equiv or the XML declaration; undeclared pages are detected \
            (UTF-8, windows-1252, windows-1251, KOI8-R). Use --encoding when a page lies.

            Examples:
              ascribe extract saved-page.html
              ascribe extract page.mhtml --format json --output page.json
              curl -s https://example.org/story | ascribe extract - --format markdown
              ascribe extract archive/ --format jsonl --output archive.jsonl
              ascribe extract --stdin-jsonl < records.jsonl > results.jsonl

            """ + BatchOptions.discussion
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, jsonl
    }

    @Argument(help: "The saved page or text file; - reads standard input. Several files or folders: a batch.")
    var files: [String] = []

    @Option(help: "Output format: text, markdown, json, or jsonl (one JSON object a line per input).")
    var format: Format = .text

    @OptionGroup var io: InputOutputOptions
    @OptionGroup(title: "Batch") var batch: BatchOptions

    func validate() throws {
        try batch.validate(files: files, jsonLines: format == .jsonl, singleFileOnlyFormat: format == .json ? "json" : nil)
    }

    func run() throws {
        if batch.isBatch(files: files, jsonLines: format == .jsonl) {
            let format = batch.stdinJSONL ? .jsonl : self.format
            BatchRun(files: files, options: batch, io: io, jsonLines: format == .jsonl) { article in
                switch format {
                case .jsonl, .json: BatchBody(json: ArticleRenderer.members(article))
                case .text: BatchBody(text: ArticleRenderer.text(article))
                case .markdown: BatchBody(text: ArticleRenderer.markdown(article))
                }
            }.run()
        }
        let file = files[0]
        let article = try io.catching { () throws(AscribeError) in
            try Ascribe.extract(path: file, options: io.readOptions)
        }
        io.warnAboutRepairs(article, file: file)
        let output: String
        switch format {
        case .text: output = ArticleRenderer.text(article)
        case .markdown: output = ArticleRenderer.markdown(article)
        case .json: output = ArticleRenderer.jsonText(article) + "\n"
        case .jsonl: output = ArticleRenderer.jsonText(article, pretty: false) + "\n"
        }
        try io.emit(output)
    }
}

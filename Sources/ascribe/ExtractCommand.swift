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
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @Argument(help: "The saved page or text file; - reads standard input.")
    var file: String

    @Option(help: "Output format: text, markdown or json.")
    var format: Format = .text

    @OptionGroup var io: InputOutputOptions

    func run() throws {
        let article = try io.catching { () throws(AscribeError) in
            try Ascribe.extract(path: file, options: io.readOptions)
        }
        io.warnAboutRepairs(article, file: file)
        let output: String
        switch format {
        case .text: output = ArticleRenderer.text(article)
        case .markdown: output = ArticleRenderer.markdown(article)
        case .json: output = ArticleRenderer.json(article).serialized() + "\n"
        }
        try io.emit(output)
    }
}

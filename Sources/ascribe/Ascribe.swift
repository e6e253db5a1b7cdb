import ArgumentParser

@main
struct AscribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ascribe",
        abstract: "Source attribution and fact-checking workbench for news articles.",
        discussion: """
            Ascribe reads a saved web page (HTML, MHTML, any common encoding) or plain text and \
            shows who says what, on whose authority.

            Exit codes: 0 success; 1 --fail-on found what it was asked to fail on; 2 (batch) at least one input failed; 64 bad usage; \
            65 the input is not a readable article (binary, empty, too large, undecodable); 66 no such file or a directory (batch: no \
            input found); 74 read or write error.
            """,
        subcommands: [ExtractCommand.self, CheckCommand.self, ChecklistCommand.self, DiffCommand.self]
    )
}

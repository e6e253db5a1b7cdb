import ArgumentParser
import AscribeKit

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two versions of an article by claims and attributions, not characters.",
        discussion: """
            Aligns the two versions sentence by sentence (moved sentences and paragraphs are \
            moves, not a deletion and an addition; edited sentences are paired by their words) and \
            reports what changed in what the article claims and on whose authority. Typography \
            (curly or straight quotes, dashes, spaces, no-break spaces, case) and page chrome \
            produce no event. OLD and NEW may each be HTML, MHTML or plain text.

            Event types (the stable "type" of --format json):
              quote-changed        words inside a direct quotation changed (always high)
              source-changed       someone else credited (named → anonymous called out)
              cue-changed          the verb of attribution changed (said → claimed)
              attribution-dropped  the claim stays, its attribution is gone
              attribution-added    a sentence that stayed gained an attribution
              attribution-removed  an attribution went with its sentence
              number-changed       a figure changed
              claim-added, claim-removed, claim-changed
              hedge-added, hedge-removed   "may", "reportedly", "allegedly"…
              moved                a sentence or paragraph moved, wording unchanged
              metadata-changed     headline, byline, dates
              correction-notice    an update or correction line appeared

            Identical versions print "no changes in claims or attributions". Versions that share \
            under 20% of their sentences are reported as unrelated, with the share.

            Examples:
              ascribe diff story-v1.html story-v2.html
              ascribe diff v1.txt v2.html --format json --output changes.json
              ascribe diff v1.txt v2.txt --format html --output changes.html
              ascribe checklist v2.txt --since v1.txt   # only the items to re-check

            Exit codes: 0 the comparison ran (with or without changes); 64 bad usage (both \
            versions from standard input); 65 a version is not a readable article (empty, binary, text over --max-text-bytes); \
            66 no such file; 74 read or write error.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, html
    }

    @Argument(help: "The earlier version (saved page or text file; - reads standard input).")
    var old: String

    @Argument(help: "The later version.")
    var new: String

    @Option(help: "Output format: text (events, then an aligned view), markdown, json or html (side by side).")
    var format: Format = .text

    @OptionGroup var io: InputOutputOptions
    @OptionGroup var textLimit: TextLimitOption

    func validate() throws {
        if old == "-" && new == "-" { throw ValidationError("only one of OLD and NEW can be - (standard input)") }
    }

    func run() throws {
        let diff = try io.catching { () throws(AscribeError) in
            try Ascribe.diff(oldPath: old, newPath: new, options: textLimit.readOptions(io))
        }
        io.warnAboutRepairs(diff.old, file: old)
        io.warnAboutRepairs(diff.new, file: new)
        let output: String
        switch format {
        case .text: output = DiffRenderer.text(diff, colour: useColour(writingToFile: io.output != nil))
        case .markdown: output = DiffRenderer.markdown(diff)
        case .json: output = DiffRenderer.json(diff).serialized() + "\n"
        case .html: output = DiffRenderer.html(diff)
        }
        try io.emit(output)
    }
}

import ArgumentParser
import AscribeKit

#if canImport(Glibc)
import Glibc
#endif

/// `--fail-on`: reason codes that make the run exit 1 when any checklist item carries them.
struct FailOnOption: ParsableArguments {
    @Option(
        name: .customLong("fail-on"),
        help: ArgumentHelp(
            "Exit 1 when an item has one of these comma-separated reasons (for newsroom CI).",
            discussion: "Codes: \(ReasonCode.allCases.map(\.rawValue).joined(separator: ", ")); 'any' means any item."))
    var failOn: String?

    func validate() throws {
        for code in codes where code != "any" && ReasonCode(rawValue: code) == nil {
            throw ValidationError("--fail-on: unknown reason '\(code)'; known: \(ReasonCode.allCases.map(\.rawValue).joined(separator: ", ")), any")
        }
    }

    var codes: [String] {
        (failOn ?? "").split(separator: ",").map { String($0).trimmingCharacters() }.filter { !$0.isEmpty }
    }

    /// Exits 1 (after the output is written) when the checklist holds a listed reason.
    func exitIfFound(_ checklist: Checklist) {
        let wanted = codes
        guard !wanted.isEmpty else { return }
        let found = checklist.codes
        let hits = wanted.contains("any") ? (checklist.items.isEmpty ? [] : ["any"]) : wanted.filter { ReasonCode(rawValue: $0).map(found.contains) ?? false }
        guard !hits.isEmpty else { return }
        var line = "ascribe: --fail-on matched: \(hits.joined(separator: ", "))\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
        Glibc.exit(1)
    }
}

extension String {
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}

/// Colour only on a terminal, and never when NO_COLOR is set.
func useColour(writingToFile: Bool) -> Bool {
    !writingToFile && isatty(1) == 1 && getenv("NO_COLOR") == nil
}

struct ChecklistCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checklist",
        abstract: "Build the reviewer's checklist: every claim worth checking, why, and what to verify.",
        discussion: """
            One item per claim, highest priority first, each with a stable id, the claim, its \
            source and carrier, the reasons it was raised (machine codes plus a sentence) and what \
            exactly to verify. Roles the article gives its sources ("Israel's ambassador to \
            Russia") are items too. Status is "open" for the reviewer to change.

            Formats: text (terminal; colour on a TTY unless NO_COLOR), markdown (a GitHub task \
            list), json (the check object plus claims, sources, checklist), html (one \
            self-contained, printable report), claimreview (schema.org ClaimReview JSON-LD stubs, \
            reviewRating left empty).

            Examples:
              ascribe checklist article.html
              ascribe checklist story.txt --format html --output report.html
              ascribe checklist story.txt --format markdown | pbcopy
              ascribe checklist story.txt --fail-on vague,anonymous,state-media
              ascribe checklist story-v2.html --since story-v1.html   # only new or changed claims
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json, html, claimreview
    }

    @Argument(help: "The saved page or text file; - reads standard input.")
    var file: String

    @Option(help: "Output format: text, markdown, json, html or claimreview.")
    var format: Format = .text

    @Option(help: ArgumentHelp(
        "Only the items whose claims are new or changed since this earlier version of the article.",
        discussion: "A reviewer who verified the old version re-checks only what changed (see `ascribe diff`)."))
    var since: String?

    @OptionGroup var failOn: FailOnOption
    @OptionGroup var io: InputOutputOptions
    @OptionGroup var textLimit: TextLimitOption

    func run() throws {
        let checklist = try io.catching { () throws(AscribeError) in
            if let since {
                try Ascribe.checklist(path: file, since: since, options: textLimit.readOptions(io))
            } else {
                try Ascribe.checklist(path: file, options: textLimit.readOptions(io))
            }
        }
        io.warnAboutRepairs(checklist.report.article, file: file)
        let output: String
        switch format {
        case .text: output = ChecklistRenderer.text(checklist, colour: useColour(writingToFile: io.output != nil))
        case .markdown: output = ChecklistRenderer.markdown(checklist)
        case .json: output = ChecklistRenderer.jsonText(checklist) + "\n"
        case .html: output = HTMLReport.render(checklist)
        case .claimreview: output = ChecklistRenderer.claimReview(checklist).serialized() + "\n"
        }
        try io.emit(output)
        failOn.exitIfFound(checklist)
    }
}

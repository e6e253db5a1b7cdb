import ArgumentParser
import AscribeKit

/// `--max-text-bytes`: the cap on the article text of the attribution commands (check,
/// checklist, diff). The library decides and throws `.textTooLarge`; this only sets the value.
struct TextLimitOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Refuse articles whose extracted text is longer than this many bytes of UTF-8.",
        discussion: "1048576 = 1 MiB, above any real article (a long feature is 50–100 KB). Attribution takes about 0.7 s per MiB of dense text, so a longer text exits 65 with its size; `ascribe extract` reads it whole (up to --max-bytes).",
        valueName: "n"))
    var maxTextBytes: Int = Ascribe.defaultMaxTextBytes

    func validate() throws {
        guard maxTextBytes > 0 else { throw ValidationError("--max-text-bytes must be positive") }
    }

    /// The read options of `io` with this cap.
    func readOptions(_ io: InputOutputOptions) -> ReadOptions {
        var options = io.readOptions
        options.maxTextBytes = maxTextBytes
        return options
    }
}

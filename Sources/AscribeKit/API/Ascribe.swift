extension Ascribe {
    /// Reads and extracts one file (or stdin for "-").
    public static func extract(path: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> Article {
        Extractor.extract(try Reader.read(path: path, options: options))
    }

    /// The default cap on the article text the attribution stages analyse: 1 MiB of UTF-8.
    ///
    /// Why: `check` with its checklist runs at 1.5–3 MB/s and holds about 30 bytes of memory per byte of
    /// text, so 50 MB of text would take 19 s and 1.6 GB. The longest real articles are well
    /// under 1 MB (War and Peace is 3.2 MB); anything longer is a dump, not an article.
    /// At 1 MiB even dense "X said Y." text stays under issue 6's 1 s bound (0.68 s measured).
    /// Reading and extraction take any input up to `ReadOptions.maxBytes`.
    public static let defaultMaxTextBytes = 1 << 20

    /// Throws `.textTooLarge` when `article.text` is over `options.maxTextBytes`; `name` names
    /// the input in the message. Every attribution entry point (check, checklist, diff, batch)
    /// calls this before analysing, so an over-long text fails at once and whole.
    public static func requireTextWithinLimit(_ article: Article, name: String, options: ReadOptions) throws(AscribeError) {
        let bytes = article.text.utf8.count
        if bytes > options.maxTextBytes {
            throw .textTooLarge(path: name, bytes: bytes, limit: options.maxTextBytes)
        }
    }

    /// Reads and extracts one file for attribution: `extract` plus the text cap.
    static func extractForAnalysis(path: String, options: ReadOptions) throws(AscribeError) -> Article {
        let article = try extract(path: path, options: options)
        try requireTextWithinLimit(article, name: path, options: options)
        return article
    }
}

/// Namespace for the one-call entry points of the library.
public enum Ascribe {
    /// The version of the JSON output contract.
    public static let schema = "ascribe/1"
}

/// The article text a page publishes in its JSON-LD (`articleBody`, read with the rest of the
/// JSON-LD by `MetadataExtractor`), for pages whose visible body is drawn by JavaScript and so is
/// missing from the saved HTML.
enum StructuredBody {
    /// Paragraphs of a structured body: its own line breaks, or the whole text as one paragraph.
    static func paragraphs(_ body: String) -> [String] {
        body.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
            .filter { !$0.isEmpty }
    }
}

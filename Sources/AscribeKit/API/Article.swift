/// The article a reader sees: its body text, metadata, hyperlinks and block structure.
///
/// Every span is a range of UTF-8 byte offsets into `text` (fast for code); `TextOffsets`
/// converts them to the Unicode-scalar offsets of the JSON contract.
public struct Article: Sendable, Equatable {
    /// The body: blocks separated by one blank line; for plain-text input, the file as it is
    /// (minus a BOM, CRLF → LF), so offsets match the file.
    public var text: String
    public var metadata: Metadata
    public var links: [Link]
    public var blocks: [Block]
    /// How the input was stored.
    public var format: InputFormat
    /// The character set the input was decoded from, and how it was chosen.
    public var charset: String
    public var charsetSource: String
    /// Invalid byte sequences that had to be repaired while decoding (0 for a clean input).
    public var repairedSequences: Int

    public init(
        text: String, metadata: Metadata = Metadata(), links: [Link] = [], blocks: [Block] = [],
        format: InputFormat, charset: String = "utf-8", charsetSource: String = "default", repairedSequences: Int = 0
    ) {
        self.text = text
        self.metadata = metadata
        self.links = links
        self.blocks = blocks
        self.format = format
        self.charset = charset
        self.charsetSource = charsetSource
        self.repairedSequences = repairedSequences
    }
}

/// The ways a user saves an article.
public enum InputFormat: String, Sendable, Equatable {
    case html
    case mhtml
    case text
}

/// Article metadata; every field may be missing.
public struct Metadata: Sendable, Equatable {
    public var title: String?
    /// Names of the people credited, never the publishing organisation.
    public var byline: [String]
    /// ISO 8601 date or date-time.
    public var published: String?
    public var modified: String?
    public var publisher: String?
    /// Canonical URL, else the page's own URL.
    public var url: String?
    /// BCP 47 language tag, e.g. "en" or "de-DE".
    public var language: String?
    public var description: String?

    public init(
        title: String? = nil, byline: [String] = [], published: String? = nil, modified: String? = nil,
        publisher: String? = nil, url: String? = nil, language: String? = nil, description: String? = nil
    ) {
        self.title = title
        self.byline = byline
        self.published = published
        self.modified = modified
        self.publisher = publisher
        self.url = url
        self.language = language
        self.description = description
    }
}

/// A hyperlink: its anchor text in `Article.text` and its absolute URL.
public struct Link: Sendable, Equatable {
    /// UTF-8 byte range of the anchor text in `Article.text`.
    public var range: Range<Int>
    public var href: String

    public init(range: Range<Int>, href: String) {
        self.range = range
        self.href = href
    }
}

/// A structural block of the body.
public struct Block: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case heading
        case paragraph
        case quote
        case listItem = "list-item"
        case tableRow = "table-row"
        case preformatted
    }

    public var kind: Kind
    /// UTF-8 byte range of the block in `Article.text`.
    public var range: Range<Int>

    public init(kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

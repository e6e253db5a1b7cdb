import Foundation

/// Renders an `Article` as the JSON contract, Markdown, or plain text.
public enum ArticleRenderer {
    /// The `extract --format json` object (schema of ARCHITECTURE.md), spans in Unicode-scalar offsets.
    public static func json(_ article: Article) -> JSONValue { members(article).tree }

    /// The `extract --format json` text (`pretty`: indented, else one line).
    public static func jsonText(_ article: Article, pretty: Bool = true) -> String { members(article).serialized(pretty: pretty) }

    /// The members of the `extract` object, for renderers that extend it.
    public static func members(_ article: Article, spans: JSONSpans? = nil) -> JSONMembers {
        let spans = spans ?? JSONSpans(article.text)
        return [
            ("schema", { $0.string(Ascribe.schema) }),
            ("text", { $0.string(article.text) }),
            ("metadata", { $0.value(metadataJSON(article.metadata)) }),
            ("links", { w in
                w.array { w in
                    for link in article.links {
                        w.object { w in
                            w.member("end", spans.scalarOffset(link.range.upperBound))
                            w.member("href", link.href)
                            w.member("start", spans.scalarOffset(link.range.lowerBound))
                            w.key("text")
                            spans.text(link.range, &w)
                        }
                    }
                }
            }),
            ("blocks", { w in
                w.array { w in
                    for block in article.blocks {
                        w.object { w in
                            w.member("end", spans.scalarOffset(block.range.upperBound))
                            w.member("kind", block.kind.rawValue)
                            w.member("start", spans.scalarOffset(block.range.lowerBound))
                        }
                    }
                }
            }),
            ("input", { w in
                w.object { w in
                    w.member("charset", article.charset)
                    w.member("charsetSource", article.charsetSource)
                    w.member("format", article.format.rawValue)
                    w.member("repairedSequences", article.repairedSequences)
                }
            }),
        ]
    }

    public static func metadataJSON(_ m: Metadata) -> JSONValue {
        .object([
            "title": .optional(m.title),
            "byline": .array(m.byline.map { .string($0) }),
            "published": .optional(m.published),
            "modified": .optional(m.modified),
            "publisher": .optional(m.publisher),
            "url": .optional(m.url),
            "language": .optional(m.language),
            "description": .optional(m.description),
        ])
    }

    /// Plain text: the metadata as a short header, then the body.
    public static func text(_ article: Article) -> String {
        var out = ""
        let m = article.metadata
        if let title = m.title { out += title + "\n" }
        var facts: [String] = []
        if !m.byline.isEmpty { facts.append("By " + m.byline.joined(separator: ", ")) }
        if let published = m.published { facts.append(published) }
        if let publisher = m.publisher { facts.append(publisher) }
        if !facts.isEmpty { out += facts.joined(separator: " · ") + "\n" }
        if let url = m.url { out += url + "\n" }
        if !out.isEmpty { out += "\n" }
        out += article.text
        if !out.hasSuffix("\n") { out += "\n" }
        return out
    }

    /// Markdown: headline, metadata line, then blocks with headings, quotes, list items and links.
    public static func markdown(_ article: Article) -> String {
        var out = ""
        let m = article.metadata
        if let title = m.title { out += "# " + escapeMarkdown(title) + "\n\n" }
        var facts: [String] = []
        if !m.byline.isEmpty { facts.append("By " + m.byline.joined(separator: ", ")) }
        if let published = m.published { facts.append(published) }
        if let publisher = m.publisher { facts.append(publisher) }
        if let url = m.url { facts.append("<\(url)>") }
        if !facts.isEmpty { out += "*" + facts.joined(separator: " · ") + "*\n\n" }
        let utf8 = Array(article.text.utf8)
        var linkIndex = 0
        for block in article.blocks {
            // Inline the links that fall inside this block.
            var pieces = ""
            var cursor = block.range.lowerBound
            while linkIndex < article.links.count && article.links[linkIndex].range.lowerBound < block.range.upperBound {
                let link = article.links[linkIndex]
                linkIndex += 1
                guard link.range.lowerBound >= cursor else { continue }
                pieces += escapeMarkdown(String(decoding: utf8[cursor..<link.range.lowerBound], as: UTF8.self))
                let anchor = escapeMarkdown(String(decoding: utf8[link.range], as: UTF8.self))
                pieces += "[\(anchor)](\(link.href.replacingOccurrences(of: ")", with: "%29")))"
                cursor = link.range.upperBound
            }
            pieces += escapeMarkdown(String(decoding: utf8[cursor..<block.range.upperBound], as: UTF8.self))
            switch block.kind {
            case .heading: out += "## " + pieces
            case .quote: out += "> " + pieces.replacingOccurrences(of: "\n", with: "\n> ")
            case .listItem: out += "- " + pieces
            case .preformatted: out += "```\n" + String(decoding: utf8[block.range], as: UTF8.self) + "\n```"
            case .paragraph, .tableRow: out += pieces
            }
            out += "\n\n"
        }
        return out
    }

    static func escapeMarkdown(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "#": out.unicodeScalars.append("\\")
            default: break
            }
            out.unicodeScalars.append(c)
        }
        return out
    }
}

/// Spans of an article's text in the JSON contract: Unicode-scalar offsets and the spanned text,
/// read from UTF-8 byte ranges.
public struct JSONSpans: Sendable {
    let offsets: TextOffsets
    let utf8: [UInt8]

    public init(_ text: String) {
        offsets = TextOffsets(text)
        utf8 = Array(text.utf8)
    }

    public func scalarOffset(_ utf8Offset: Int) -> Int { offsets.scalarOffset(utf8Offset) }

    /// The text of byte range `r` as a JSON string.
    func text(_ r: Range<Int>, _ w: inout JSONWriter) {
        // On scalar boundaries (always, for ranges the stages make) the bytes are valid UTF-8
        // as they stand; otherwise decode with repair, as a String would.
        let onBoundaries = (r.lowerBound >= utf8.count || utf8[r.lowerBound] & 0xC0 != 0x80)
            && (r.upperBound >= utf8.count || utf8[r.upperBound] & 0xC0 != 0x80)
        if onBoundaries {
            utf8.withUnsafeBufferPointer { w.string(utf8: UnsafeBufferPointer(rebasing: $0[r])) }
        } else {
            w.string(String(decoding: utf8[r], as: UTF8.self))
        }
    }

    /// `{"end", "start", "text"}` of byte range `r`.
    func span(_ r: Range<Int>, _ w: inout JSONWriter) {
        w.object { w in
            w.member("end", offsets.scalarOffset(r.upperBound))
            w.member("start", offsets.scalarOffset(r.lowerBound))
            w.key("text")
            text(r, &w)
        }
    }
}

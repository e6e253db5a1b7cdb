import Foundation

/// Renders an `Article` as the JSON contract, Markdown, or plain text.
public enum ArticleRenderer {
    /// The `extract --format json` object (schema of ARCHITECTURE.md), spans in Unicode-scalar offsets.
    public static func json(_ article: Article) -> JSONValue {
        let offsets = TextOffsets(article.text)
        let utf8 = Array(article.text.utf8)
        func slice(_ r: Range<Int>) -> String { String(decoding: utf8[r], as: UTF8.self) }
        return .object([
            "schema": .string(Ascribe.schema),
            "text": .string(article.text),
            "metadata": metadataJSON(article.metadata),
            "links": .array(
                article.links.map { link in
                    .object([
                        "start": .int(offsets.scalarOffset(link.range.lowerBound)),
                        "end": .int(offsets.scalarOffset(link.range.upperBound)),
                        "text": .string(slice(link.range)),
                        "href": .string(link.href),
                    ])
                }),
            "blocks": .array(
                article.blocks.map { block in
                    .object([
                        "kind": .string(block.kind.rawValue),
                        "start": .int(offsets.scalarOffset(block.range.lowerBound)),
                        "end": .int(offsets.scalarOffset(block.range.upperBound)),
                    ])
                }),
            "input": .object([
                "format": .string(article.format.rawValue),
                "charset": .string(article.charset),
                "charsetSource": .string(article.charsetSource),
                "repairedSequences": .int(article.repairedSequences),
            ]),
        ])
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

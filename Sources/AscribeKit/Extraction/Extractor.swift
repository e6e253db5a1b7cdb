import Glibc
import HTMLTree

/// Turns a read `Document` into the `Article` a reader sees: body blocks, metadata and links.
public enum Extractor {
    public static func extract(_ document: Document) -> Article {
        switch document.content {
        case .text(let text):
            return plainTextArticle(text, document: document)
        case .html(let tree):
            return htmlArticle(tree, document: document)
        }
    }

    /// Plain text is not reflowed: paragraphs are the blank-line-separated runs of the file.
    static func plainTextArticle(_ text: String, document: Document) -> Article {
        var blocks: [Block] = []
        var text = text
        var title: String?
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var i = 0
            let n = bytes.count
            while i < n {
                // Skip blank lines.
                while i < n, bytes[i] == 0x0A || bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0D { i += 1 }
                guard i < n else { break }
                let start = i
                // A paragraph ends at a line that is empty or only whitespace. Lines are found
                // with memchr rather than byte by byte (which cost half as much as reading the file).
                i = n
                var from = start
                while let found = memchr(base + from, 0x0A, n - from) {
                    let newline = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    var j = newline + 1
                    while j < n, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0D { j += 1 }
                    if j >= n || bytes[j] == 0x0A {
                        i = newline
                        break
                    }
                    from = newline + 1
                }
                // Trailing spaces, tabs and carriage returns are not part of the paragraph.
                var end = i
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 || bytes[end - 1] == 0x0D { end -= 1 }
                blocks.append(Block(kind: .paragraph, range: start..<end))
            }
            // A short first paragraph without final punctuation is the headline. It stays in the
            // text (offsets must match the file) and is also the title.
            guard blocks.count > 1, blocks[0].range.count <= 200 else { return }
            let head = UnsafeBufferPointer(rebasing: bytes[blocks[0].range])
            // A line break is not a headline (a line feed after a carriage return is part of
            // the "\r\n" Character, which "\n" does not match).
            for k in head.indices where head[k] == 0x0A && (k == 0 || head[k - 1] != 0x0D) { return }
            let first = String(decoding: head, as: UTF8.self)
            // Decided on bytes when the last byte is ASCII and not a mark; otherwise by Characters
            // (";" also matches the Greek question mark, a Character may end in a mark).
            let lastByte = head[head.count - 1]
            let endsInMark: Bool
            if lastByte < 0x80 && lastByte != 0x2E && lastByte != 0x21 && lastByte != 0x3F && lastByte != 0x3A && lastByte != 0x3B && lastByte != 0x2C {
                endsInMark = false
            } else {
                endsInMark = first.last.map { ".!?:;,".contains($0) } ?? true
            }
            if !endsInMark { title = first }
        }
        var metadata = Metadata()
        metadata.title = title
        return Article(
            text: text, metadata: metadata, links: [], blocks: blocks, format: document.format,
            charset: document.charset, charsetSource: document.charsetSource, repairedSequences: document.repairedSequences)
    }

    static func htmlArticle(_ tree: HTMLTree, document: Document) -> Article {
        let metadataReader = MetadataExtractor(tree: tree)
        let base = baseHref(tree)
        var metadata = metadataReader.metadata(pageURL: document.location ?? base)
        let linkBase = base ?? metadata.url ?? document.location
        let textBlocks = TextBlockBuilder(tree: tree).build()
        let kept = ContentSelector(tree: tree, blocks: textBlocks).select()

        var text: [UInt8] = []
        var blocks: [Block] = []
        var links: [Link] = []
        text.reserveCapacity(kept.reduce(0) { $0 + textBlocks[$1].bytes.count + 2 })
        let title = metadata.title.map { Array($0.utf8) }
        var droppedHeadline = false
        for index in kept {
            let block = textBlocks[index]
            // The headline is metadata: drop its first repetition in the body.
            if !droppedHeadline, block.headingLevel > 0, let title, block.bytes == title {
                droppedHeadline = true
                continue
            }
            if !text.isEmpty { text.append(contentsOf: [0x0A, 0x0A]) }
            let start = text.count
            text.append(contentsOf: block.bytes)
            blocks.append(Block(kind: block.kind, range: start..<text.count))
            for link in block.links {
                let href = tree.value(ofAttribute: link.href)
                guard !href.isEmpty && !href.hasPrefix("javascript:") else { continue }
                links.append(
                    Link(
                        range: (start + link.range.lowerBound)..<(start + link.range.upperBound),
                        href: URLResolver.resolve(href, base: linkBase)))
            }
        }
        // A page drawn by JavaScript saves almost no body; its JSON-LD may still carry the text.
        if text.count < 500, let body = metadataReader.jsonLD.articleBody?.trimmed, body.utf8.count > max(200, text.count * 2) {
            text = []
            blocks = []
            links = []
            for paragraph in StructuredBody.paragraphs(body) {
                if !text.isEmpty { text.append(contentsOf: [0x0A, 0x0A]) }
                let start = text.count
                text.append(contentsOf: paragraph.utf8)
                blocks.append(Block(kind: .paragraph, range: start..<text.count))
            }
        }
        if metadata.title == nil, let first = blocks.first, first.kind == .heading {
            metadata.title = String(decoding: text[first.range], as: UTF8.self)
        }
        return Article(
            text: String(decoding: text, as: UTF8.self), metadata: metadata, links: links, blocks: blocks,
            format: document.format, charset: document.charset, charsetSource: document.charsetSource,
            repairedSequences: document.repairedSequences)
    }

    static func baseHref(_ tree: HTMLTree) -> String? {
        for i in tree.nodes.indices where tree.nodes[i].tag == .base {
            if let href = tree.attribute(.href, of: i), href.hasPrefix("http") { return href }
        }
        return nil
    }
}

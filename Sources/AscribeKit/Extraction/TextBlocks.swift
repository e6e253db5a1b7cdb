import HTMLTree

/// A run of inline text inside one block-level element, with the facts the extractor scores.
struct TextBlock {
    /// The element that owns the text (the innermost block-level ancestor).
    var owner: Int
    /// Index of the block's first text node: increases with document order.
    var position: Int = 0
    var kind: Block.Kind
    /// Whitespace-collapsed UTF-8 text.
    var bytes: [UInt8]
    /// Byte ranges in `bytes` of anchors, with the index of the anchor's `href` in
    /// `HTMLTree.attributes` (the String is made only for the blocks an article keeps).
    var links: [(range: Range<Int>, href: Int)]
    /// Bytes of text inside links.
    var linkBytes: Int
    /// Commas and sentence punctuation, a cheap sign of prose.
    var punctuation: Int
    /// Inside an element marked as page chrome (navigation, comments, share bars, …).
    var isChrome: Bool
    /// Heading level 1–6, 0 otherwise.
    var headingLevel: Int

    var textLength: Int { bytes.count }
    var linkDensity: Double { bytes.isEmpty ? 0 : Double(linkBytes) / Double(bytes.count) }
}

/// Splits an HTML tree into text blocks in document order, skipping non-content elements.
struct TextBlockBuilder {
    let tree: HTMLTree
    /// Per node: true when the node or an ancestor is page chrome.
    let chrome: [Bool]

    init(tree: HTMLTree) {
        self.tree = tree
        self.chrome = ChromeClassifier.mark(tree)
    }

    private enum Open {
        case block(end: Int)
        case anchor(end: Int, start: Int, href: Int, generation: Int)
        case quote(end: Int)
        case preformatted(end: Int)
        case cell(end: Int)
    }

    func build() -> [TextBlock] {
        let nodes = tree.nodes
        var blocks: [TextBlock] = []
        var current = TextBlock(owner: -1, kind: .paragraph, bytes: [], links: [], linkBytes: 0, punctuation: 0, isChrome: false, headingLevel: 0)
        var pendingSpace = false
        var stack: [Open] = []
        var blockOwners: [Int] = []  // owners of open block elements
        var quoteDepth = 0
        var generation = 0  // counts flushes, so a link that spans two blocks is recognised
        var preDepth = 0

        func flush() {
            while let last = current.bytes.last, last == 0x20 || last == 0x0A { current.bytes.removeLast() }
            // Trimming may cut the end of a trailing link; keep link ranges inside the text.
            let count = current.bytes.count
            if !current.links.isEmpty {
                current.links = current.links.compactMap { link in
                    let upper = min(link.range.upperBound, count)
                    return upper > link.range.lowerBound ? (link.range.lowerBound..<upper, link.href) : nil
                }
            }
            generation += 1
            if !isBlank(current.bytes) {
                blocks.append(current)
            }
            let owner = blockOwners.last ?? -1
            current = TextBlock(
                owner: owner, kind: kind(of: owner, quoteDepth: quoteDepth, preDepth: preDepth), bytes: [], links: [],
                linkBytes: 0, punctuation: 0, isChrome: owner >= 0 ? chrome[owner] : false, headingLevel: headingLevel(owner))
            pendingSpace = false
        }

        var i = 0
        let n = nodes.count
        while i <= n {
            // Close every open element whose subtree ends here.
            while let top = stack.last {
                let end: Int
                switch top {
                case .block(let e), .anchor(let e, _, _, _), .quote(let e), .preformatted(let e), .cell(let e): end = e
                }
                guard end <= i else { break }
                stack.removeLast()
                switch top {
                case .block:
                    blockOwners.removeLast()
                    flush()
                case .anchor(_, let start, let href, let opened):
                    var trimmedEnd = current.bytes.count
                    while trimmedEnd > start, current.bytes[trimmedEnd - 1] == 0x20 || current.bytes[trimmedEnd - 1] == 0x0A {
                        trimmedEnd -= 1
                    }
                    if opened == generation && trimmedEnd > start {
                        var s = start
                            while s < trimmedEnd && (current.bytes[s] == 0x20 || current.bytes[s] == 0x0A) { s += 1 }
                        if s < trimmedEnd {
                            current.links.append((s..<trimmedEnd, href))
                            current.linkBytes += trimmedEnd - s
                        }
                    }
                case .quote:
                    quoteDepth -= 1
                case .preformatted:
                    preDepth -= 1
                case .cell:
                    pendingSpace = true
                }
            }
            guard i < n else { break }
            let node = nodes[i]
            if node.kind == .text {
                if current.bytes.isEmpty { current.position = i }
                append(tree.text[node.textRange], to: &current, pendingSpace: &pendingSpace, preserve: preDepth > 0)
                i += 1
                continue
            }
            let tag = node.tag
            if HTMLVocabulary.skipped[tag: tag] && !(tag == .noscript && holdsParagraphs(i)) || isHidden(i) {
                i = node.subtreeEnd
                continue
            }
            if tag == .br {
                if !current.bytes.isEmpty { current.bytes.append(0x0A) }
                pendingSpace = false
                i += 1
                continue
            }
            if HTMLVocabulary.blockLevel[tag: tag] {
                if tag == .blockquote { quoteDepth += 1; stack.append(.quote(end: node.subtreeEnd)) }
                if tag == .pre { preDepth += 1; stack.append(.preformatted(end: node.subtreeEnd)) }
                blockOwners.append(i)
                flush()
                stack.append(.block(end: node.subtreeEnd))
            } else if tag == .td || tag == .th {
                if !current.bytes.isEmpty { pendingSpace = true }
                stack.append(.cell(end: node.subtreeEnd))
            } else if tag == .a, let href = tree.attributeIndex(.href, of: i) {
                if pendingSpace && !current.bytes.isEmpty {
                    current.bytes.append(0x20)
                    pendingSpace = false
                }
                stack.append(.anchor(end: node.subtreeEnd, start: current.bytes.count, href: href, generation: generation))
            } else if tag == .img {
                pendingSpace = true
            }
            i += 1
        }
        flush()
        return blocks
    }

    /// A block of nothing but spaces and no-break spaces (`<p>&nbsp;</p>`, the spacer of many
    /// editors) is no block: a reader sees an empty line, not a paragraph.
    private func isBlank(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x0A, 0x09: i += 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0xA0: i += 2
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0x8B || bytes[i + 2] == 0xAF): i += 3
            default: return false
            }
        }
        return true
    }

    /// Appends text with HTML whitespace collapsed (or kept, inside `<pre>`).
    private func append(_ text: ArraySlice<UInt8>, to block: inout TextBlock, pendingSpace: inout Bool, preserve: Bool) {
        // (No exact reserveCapacity here: it would reallocate on every text node of a long block.)
        if preserve {
            for b in text where b != 0x0D { block.bytes.append(b == 0x09 ? 0x20 : b) }
            return
        }
        // Words are copied whole; white space between them becomes one pending space. Words apart by
        // one plain space are copied as one run: that space is what the pending space would become
        // (a word never ends in a line feed), and one copy per run beats one per word.
        // (Byte classes from a table: 1 white space, 2 comma or full stop, 0 anything else.)
        Self.byteClasses.withUnsafeBufferPointer { classes in
        text.withUnsafeBufferPointer { source in
            var i = 0
            let n = source.count
            while i < n {
                if classes[Int(source[i])] == 1 {
                    pendingSpace = true
                    i += 1
                    continue
                }
                if pendingSpace {
                    if let last = block.bytes.last, last != 0x0A { block.bytes.append(0x20) }
                    pendingSpace = false
                }
                var j = i
                var punctuation = 0
                while j < n {
                    let b = source[j]
                    let c = classes[Int(b)]
                    if c == 0 {
                        j += 1
                        continue
                    }
                    if c == 1 {
                        guard b == 0x20, j + 1 < n, classes[Int(source[j + 1])] != 1 else { break }
                    } else {
                        punctuation += 1
                    }
                    j += 1
                }
                block.punctuation += punctuation
                block.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[i..<j]))
                i = j
            }
        }
        }
        // A non-breaking space run is left as is: it is text the reader sees.
    }

    /// Per byte: 1 for HTML white space (space, tab, line feed, carriage return, form feed), 2 for
    /// a comma or full stop, 0 otherwise.
    static let byteClasses: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in [0x20, 0x0A, 0x09, 0x0D, 0x0C] { t[b] = 1 }
        t[0x2C] = 2
        t[0x2E] = 2
        return t
    }()

    /// Blogger and other script-rendered pages repeat the article inside `<noscript>` for
    /// readers without JavaScript: paragraphs there are the text, not a tracking pixel.
    private func holdsParagraphs(_ i: Int) -> Bool {
        let nodes = tree.nodes
        var k = i + 1
        while k < nodes[i].subtreeEnd {
            if nodes[k].kind == .element && nodes[k].tag == .p { return true }
            k += 1
        }
        return false
    }

    private func isHidden(_ i: Int) -> Bool {
        let range = tree.nodes[i].attributeRange
        if range.isEmpty { return false }
        // Raw name indices: no `HTMLAttribute` made per attribute.
        for a in range {
            switch tree.attributes[a].nameIndex {
            case HTMLAttribute.hidden.rawValue: return true
            case HTMLAttribute.ariaHidden.rawValue: if tree.bytes(ofAttribute: a).elementsEqual("true".utf8) { return true }
            case HTMLAttribute.style.rawValue: if Self.stylesDisplayNone(tree.bytes(ofAttribute: a)) { return true }
            default: continue
            }
        }
        return false
    }

    /// True when a style attribute says `display: none` (any case, any spacing).
    static func stylesDisplayNone(_ style: ArraySlice<UInt8>) -> Bool {
        let target = Array("display:none".utf8)
        var matched = 0
        for b in style {
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { continue }
            let lower = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
            if lower == target[matched] {
                matched += 1
                if matched == target.count { return true }
            } else {
                matched = lower == target[0] ? 1 : 0
            }
        }
        return false
    }

    private func kind(of owner: Int, quoteDepth: Int, preDepth: Int) -> Block.Kind {
        if preDepth > 0 { return .preformatted }
        if quoteDepth > 0 { return .quote }
        guard owner >= 0 else { return .paragraph }
        switch tree.nodes[owner].tag {
        case .h1, .h2, .h3, .h4, .h5, .h6: return .heading
        case .li, .dt, .dd: return .listItem
        case .tr: return .tableRow
        default: return .paragraph
        }
    }

    private func headingLevel(_ owner: Int) -> Int {
        guard owner >= 0 else { return 0 }
        switch tree.nodes[owner].tag {
        case .h1: return 1
        case .h2: return 2
        case .h3: return 3
        case .h4: return 4
        case .h5: return 5
        case .h6: return 6
        default: return 0
        }
    }
}


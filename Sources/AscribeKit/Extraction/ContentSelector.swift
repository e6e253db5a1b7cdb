import HTMLTree

/// Chooses which text blocks form the article body.
///
/// The idea of Readability and its family, written for our flat tree: prose blocks vote for their
/// ancestors (parent fully, grandparent half, then less); a container's votes are discounted by its
/// link density and its class words; the best container wins, joined by siblings that score close
/// to it; blocks inside it are kept unless they are chrome or mostly links.
struct ContentSelector {
    let tree: HTMLTree
    let blocks: [TextBlock]
    /// The ranked top containers (for `ExtractionDebug`).
    var debugTop: [Int] {
        rank(PrefixSums(blocks: blocks)).ranked.prefix(5).map(\.node)
    }

    /// Indices into `blocks` of the article body, in document order.
    func select() -> [Int] {
        guard !blocks.isEmpty else { return [] }
        let sums = PrefixSums(blocks: blocks)
        let (scores, ranked) = rank(sums)
        guard var top = ranked.first?.node, ranked[0].score > 0 else {
            return blocks.indices.filter { !blocks[$0].isChrome && blocks[$0].linkDensity < 0.5 }
        }
        top = ancestorOfStrongCandidates(top, ranked: ranked)
        top = climbByScore(top, ranked: ranked)
        top = climbByProse(top, sums: sums)
        var kept: [Int] = []
        for container in containers(around: top, scores: scores, fallback: ranked[0].score, sums: sums) {
            for b in sums.blockRange(tree.nodes, container) where isBodyBlock(blocks[b]) { kept.append(b) }
        }
        kept = withGapsFilled(kept)
        kept = (leadBlocks(before: kept, near: top) + kept).sorted()
        kept = withoutOrphanHeadings(kept)
        kept = endingAtFurnitureMarker(kept)
        kept.removeAll { PhotoCredits.matches(blocks[$0].bytes) }
        for _ in 0..<TrailingCallsToAction.maxBlocks {
            guard let last = kept.last, TrailingCallsToAction.matches(blocks[last].bytes) else { break }
            kept.removeLast()
        }
        // Trailing short lines that are not sentences are the page's furniture after the story
        // ("Mehr Kolumnen auf MeinMMO:", "Loading...", "drukuj").
        while let last = kept.last, blocks[last].textLength < 100, !endsLikeSentence(blocks[last].bytes) {
            kept.removeLast()
        }
        return kept
    }

    /// The body up to a furniture heading ("Weitere Informationen", "Explore further",
    /// "Comments") in its second half: what follows such a line is links, bios and teasers.
    private func endingAtFurnitureMarker(_ kept: [Int]) -> [Int] {
        let total = kept.reduce(0) { $0 + blocks[$1].textLength }
        var offset = 0
        for (n, b) in kept.enumerated() {
            if offset * 2 >= total && StoryEndMarkers.matches(blocks[b].bytes) { return Array(kept[..<n]) }
            offset += blocks[b].textLength
        }
        return kept
    }

    /// Page builders (WPBakery, Elementor, Bootstrap rows) cut one story into columns of their
    /// own: prose paragraphs lying between the first and last kept block are the story too.
    private func withGapsFilled(_ kept: [Int]) -> [Int] {
        guard let first = kept.first, let last = kept.last, last > first else { return kept }
        var out: [Int] = []
        out.reserveCapacity(kept.count)
        var next = 0
        for b in first...last {
            if next < kept.count && kept[next] == b {
                out.append(b)
                next += 1
            } else if isLooseProse(b) {
                out.append(b)
            }
        }
        // Outward from both ends, past at most two blocks that are not prose, up to any chrome.
        return looseProse(from: first - 1, step: -1).reversed() + out + looseProse(from: last + 1, step: 1)
    }

    /// Loose prose blocks from `start` in direction `step`, past at most two blocks that are not
    /// prose, stopping at chrome or the page's end.
    private func looseProse(from start: Int, step: Int) -> [Int] {
        var found: [Int] = []
        var skipped = 0
        var b = start
        while b >= 0 && b < blocks.count && skipped <= 2 && !blocks[b].isChrome {
            if isLooseProse(b) {
                found.append(b)
                skipped = 0
            } else {
                skipped += 1
            }
            b += step
        }
        return found
    }

    /// A paragraph of the story outside the chosen containers: a `<p>` (or a long block that
    /// ends like a sentence) with few links, not chrome.
    private func isLooseProse(_ b: Int) -> Bool {
        let block = blocks[b]
        return block.textLength >= 80 && block.linkDensity < 0.2 && isBodyBlock(block)
            && (tree.nodes[block.owner].tag == .p || block.textLength >= 200 && endsLikeSentence(block.bytes))
    }

    private func isPageRoot(_ node: Int) -> Bool { tree.nodes[node].tag == .body || tree.nodes[node].tag == .html }

    /// Several strong candidates under one ancestor: the article is split; take the ancestor.
    private func ancestorOfStrongCandidates(_ top: Int, ranked: [(node: Int, score: Double)]) -> Int {
        let strong = ranked.dropFirst().prefix(4).filter { $0.score >= ranked[0].score * 0.75 }.map(\.node)
        guard strong.count >= 2 else { return top }
        var ancestor = tree.nodes[top].parent
        while ancestor >= 0 {
            let covered = strong.filter { $0 >= ancestor && $0 < tree.nodes[ancestor].subtreeEnd }.count
            if covered >= 2 { break }
            ancestor = tree.nodes[ancestor].parent
        }
        return ancestor >= 0 && !isPageRoot(ancestor) ? ancestor : top
    }

    /// Climb while an ancestor scores higher than the one below it: the article is split across
    /// sibling wrappers (Readability's walk up from the top candidate).
    private func climbByScore(_ top: Int, ranked: [(node: Int, score: Double)]) -> Int {
        let adjusted = Dictionary(uniqueKeysWithValues: ranked.map { ($0.node, $0.score) })
        var lastScore = adjusted[top] ?? ranked[0].score
        let floor = lastScore / 3
        var ancestor = tree.nodes[top].parent
        while ancestor >= 0, !isPageRoot(ancestor) {
            guard let parentScore = adjusted[ancestor] else {
                ancestor = tree.nodes[ancestor].parent
                continue
            }
            if parentScore < floor { break }
            if parentScore > lastScore { return ancestor }
            lastScore = parentScore
            ancestor = tree.nodes[ancestor].parent
        }
        return top
    }

    /// Climb while the parent adds real prose (long, low-link, non-chrome blocks) and little
    /// else: an article split over sibling rows ("div.row > div.columns") is one article.
    /// Wrappers that add no prose are passed through.
    private func climbByProse(_ start: Int, sums: PrefixSums) -> Int {
        var top = start
        var candidate = start
        for _ in 0..<4 {
            let parent = tree.nodes[candidate].parent
            guard parent >= 0, !isPageRoot(parent) else { break }
            let gained = sums.proseBytes(tree.nodes, parent) - sums.proseBytes(tree.nodes, top)
            let addedText = sums.textBytes(tree.nodes, parent) - sums.textBytes(tree.nodes, top)
            let addedLinks = sums.linkBytes(tree.nodes, parent) - sums.linkBytes(tree.nodes, top)
            if Double(addedLinks) >= 0.35 * Double(max(1, addedText)) && addedText > 100 { break }
            candidate = parent
            if gained * 2 >= sums.proseBytes(tree.nodes, top) && gained > 0 { top = parent }
        }
        return top
    }

    /// The top container and the siblings that score near it or are prose themselves, in order.
    private func containers(around top: Int, scores: [Int: Double], fallback: Double, sums: PrefixSums) -> [Int] {
        var containers = [top]
        let parent = tree.nodes[top].parent
        if parent >= 0 {
            let threshold = max(10, (scores[top] ?? fallback) * 0.2)
            for sibling in tree.children(of: parent) where sibling != top {
                let s = (scores[sibling] ?? 0) * (1 - sums.linkDensity(tree.nodes, sibling))
                if s >= threshold || siblingProse(sibling, sums: sums) { containers.append(sibling) }
            }
        }
        return containers.sorted()
    }

    /// Whether a block inside a chosen container is the story's text.
    private func isBodyBlock(_ block: TextBlock) -> Bool {
        if block.isChrome { return false }
        if block.linkDensity > 0.4 && block.headingLevel == 0 && block.textLength < 300 { return false }
        if block.linkDensity > 0.8 { return false }
        if block.textLength < 160 && BoilerplatePhrases.matches(block.bytes) { return false }
        if block.textLength < 60 && looksLikeDateline(block.bytes) { return false }
        // Photo captions and credits are not the story's text.
        return tree.nodes[block.owner].tag != .figcaption
    }

    /// A heading whose section lost all its blocks (a "Weitere Informationen" over a list of
    /// links that was dropped) announces furniture, not text.
    private func withoutOrphanHeadings(_ kept: [Int]) -> [Int] {
        var result: [Int] = []
        for (n, b) in kept.enumerated() {
            if blocks[b].headingLevel > 0 || (blocks[b].textLength < 60 && blocks[b].bytes.last == UInt8(ascii: ":")) {
                let next = n + 1 < kept.count ? kept[n + 1] : blocks.count
                let nextIsHeading = next < blocks.count ? blocks[next].headingLevel > 0 : true
                if nextIsHeading && next > b + 1 { continue }
            }
            result.append(b)
        }
        return result
    }

    /// The standfirst that sites put in the article header, outside the body container
    /// (`p.entry__subtitle`, `p.a-lead`, `div.teaser-text`): lead-classed blocks before the first
    /// kept block, within the container's grandparent.
    private func leadBlocks(before kept: [Int], near top: Int) -> [Int] {
        // Before the first real paragraph: a kicker or category line ("Sicherheit & Umwelt")
        // kept above the header must not hide the standfirst below it.
        guard let first = kept.first(where: { blocks[$0].textLength >= 80 }) ?? kept.first else { return [] }
        let keptSet = Set(kept)
        var scope = top
        for _ in 0..<2 where tree.nodes[scope].parent >= 0 { scope = tree.nodes[scope].parent }
        let end = tree.nodes[scope].subtreeEnd
        var leads: [Int] = []
        for b in 0..<first {
            let block = blocks[b]
            guard !keptSet.contains(b), block.owner >= scope, block.owner < end, block.textLength >= 40, block.linkDensity < 0.3 else { continue }
            // A standfirst set as a heading ("h2.article-lead") is a sentence, not a title.
            let lead = block.headingLevel == 0
                ? isLeadClassed(block.owner) || isLeadClassed(tree.nodes[block.owner].parent)
                    || (block.textLength >= 100 && endsLikeSentence(block.bytes) && isInArticleHeader(block.owner, scope: scope))
                : block.textLength >= 80 && isLeadClassed(block.owner)
            guard lead else { continue }
            leads.append(b)
        }
        return leads
    }

    /// Inside the story's header (`<header>`, `div.o-article-header`) below `scope`: a sentence
    /// there, under the headline, is the standfirst.
    private func isInArticleHeader(_ node: Int, scope: Int) -> Bool {
        var a = node
        while a > scope {
            if tree.nodes[a].tag == .header { return true }
            for attr in tree.nodes[a].attributeRange where tree.attributes[attr].known == .class {
                if ChromeClassifier.splitWords(tree.value(ofAttribute: attr)).contains("header") { return true }
            }
            a = tree.nodes[a].parent
        }
        return false
    }

    static let leadWords: Set<String> = [
        "lead", "lede", "subtitle", "intro", "standfirst", "teaser", "summary", "excerpt", "deck", "dek", "abstract",
        "subline", "subheadline", "kicker", "vorspann", "chapeau", "chapo", "entradilla", "sottotitolo", "description",
    ]

    private func isLeadClassed(_ node: Int) -> Bool {
        guard node >= 0 else { return false }
        for a in tree.nodes[node].attributeRange where tree.attributes[a].known == .class {
            if ChromeClassifier.splitWords(tree.value(ofAttribute: a)).contains(where: { Self.leadWords.contains($0) }) {
                return true
            }
        }
        return false
    }

    /// "16 marca 2021", "Publikacja: 04.05.2021", "Veröffentlichung: 2. Februar 2022": a date line
    /// (the date is metadata), recognised by many digits among few words and letters.
    private func looksLikeDateline(_ bytes: [UInt8]) -> Bool {
        var digits = 0
        var letters = 0
        var words = 1
        for b in bytes {
            if b >= 0x30 && b <= 0x39 {
                digits += 1
            } else if b == 0x20 {
                words += 1
            } else if b >= 0x41 {
                letters += 1
            }
        }
        return digits >= 4 && words <= 4 && letters <= 18 && digits * 2 >= letters
    }

    private func endsLikeSentence(_ bytes: [UInt8]) -> Bool {
        guard let last = bytes.last else { return false }
        switch last {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: "\""), UInt8(ascii: ")"): return true
        case 0x9C, 0x9D, 0xBB: return true  // “ ” (E2 80 9C/9D) and » (C2 BB)
        default: return false
        }
    }

    /// Containers with their votes, and ranked by votes discounted by link density.
    func rank(_ sums: PrefixSums) -> (scores: [Int: Double], ranked: [(node: Int, score: Double)]) {
        var scores: [Int: Double] = [:]
        for block in blocks where !block.isChrome && block.headingLevel == 0 && block.owner >= 0 {
            let length = block.textLength
            guard length >= 25, block.linkDensity < 0.5 else { continue }
            // Data-table rows are not prose: their commas are thousands separators, and a long
            // table of short rows must not outvote the story beside it.
            if block.kind == .tableRow && length < 80 { continue }
            let punctuation = block.kind == .tableRow ? 0 : min(block.punctuation, 10)
            let score = 1.0 + Double(punctuation) + min(Double(length) / 100.0, 3.0)
            var ancestor = tree.nodes[block.owner].parent
            if isParagraphLike(block.owner) == false { ancestor = block.owner }
            var level = 0
            while ancestor >= 0 && level < 5 {
                let divider = level == 0 ? 1.0 : level == 1 ? 2.0 : Double(level) * 3.0
                if scores[ancestor] == nil { scores[ancestor] = initialScore(ancestor) }
                scores[ancestor]! += score / divider
                ancestor = tree.nodes[ancestor].parent
                level += 1
            }
        }
        // A container needs real text to win: class words alone ("post-ratings") must not carry it.
        var ranked: [(node: Int, score: Double)] = scores.compactMap { node, score in
            guard sums.textBytes(tree.nodes, node) >= 250 else { return nil }
            // Votes favour many short paragraphs; a small bonus for the prose itself (about one
            // vote per 2 KB) breaks ties toward the container that holds the most readable text.
            let prose = Double(sums.proseBytes(tree.nodes, node)) / 2000
            return (node, score * (1 - sums.linkDensity(tree.nodes, node)) + prose)
        }
        ranked.sort { $0.score > $1.score || ($0.score == $1.score && $0.node < $1.node) }
        return (scores, ranked)
    }

    /// A sibling that is itself prose: every block in it is text with few links, and together
    /// they read as sentences (Readability's rule for loose `<p>` siblings, widened to the
    /// lead/standfirst wrappers many sites put beside the body).
    private func siblingProse(_ node: Int, sums: PrefixSums) -> Bool {
        guard tree.nodes[node].kind == .element else { return false }
        let range = sums.blockRange(tree.nodes, node)
        guard !range.isEmpty, range.count <= 3 else { return false }
        var length = 0
        for b in range {
            let block = blocks[b]
            if block.isChrome || block.linkDensity > 0.25 { return false }
            length += block.textLength
        }
        let last = blocks[range.upperBound - 1].bytes.last
        let sentence = last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
            || last == UInt8(ascii: "\"") || last == 0x9C  // closing curly quote ends in 0x9D; „…“ in 0x9C
            || last == 0x9D
        if length > 80 { return sentence || length > 200 }
        return false
    }

    private func isParagraphLike(_ node: Int) -> Bool {
        switch tree.nodes[node].tag {
        case .p, .li, .dt, .dd, .pre, .blockquote, .h1, .h2, .h3, .h4, .h5, .h6, .tr, .figcaption, .address, .summary,
            .caption:
            true
        default: false
        }
    }

    private func initialScore(_ node: Int) -> Double {
        var score: Double
        switch tree.nodes[node].tag {
        case .div, .article, .main, .section: score = 5
        case .pre, .td, .blockquote: score = 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: score = -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: score = -5
        default: score = 0
        }
        if tree.nodes[node].tag == .article { score += 10 }
        for a in tree.nodes[node].attributeRange {
            switch tree.attributes[a].known {
            case .itemprop? where tree.bytes(ofAttribute: a).elementsEqual("articleBody".utf8): score += 40
            case .class?, .id?: score += ContentSelector.classWeight(tree.bytes(ofAttribute: a))
            default: break
            }
        }
        return score
    }

    static let positiveParts = [
        "article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story", "artikel", "beitrag",
        "inhalt",
    ].map { Array($0.utf8) }
    static let positiveNeedles = ByteNeedles(positiveParts)
    static let negativeNeedles = ByteNeedles(negativeParts)
    static let negativeParts = [
        "hidden", "banner", "combx", "comment", "com-", "contact", "foot", "footer", "footnote", "masthead", "media",
        "meta", "outbrain", "promo", "related", "scroll", "share", "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags", "tool", "widget", "teaser", "nav",
    ].map { Array($0.utf8) }

    /// `classWeight` of the value's String, on bytes when it is ASCII (lower-cased byte-wise, as
    /// `fastLowercased` does to ASCII).
    static func classWeight(_ value: ArraySlice<UInt8>) -> Double {
        guard value.allSatisfy({ $0 < 0x80 }) else { return classWeight(String(decoding: value, as: UTF8.self)) }
        var bytes = Array(value)
        for i in bytes.indices where bytes[i] >= 0x41 && bytes[i] <= 0x5A { bytes[i] |= 0x20 }
        return classWeight(lowered: bytes)
    }

    static func classWeight(_ value: String) -> Double {
        classWeight(lowered: Array(value.fastLowercased.utf8))
    }

    private static func classWeight(lowered bytes: [UInt8]) -> Double {
        var weight = 0.0
        bytes.withUnsafeBufferPointer { b in
            if negativeNeedles.occurs(in: b) { weight -= 25 }
            if positiveNeedles.occurs(in: b) { weight += 25 }
        }
        return weight
    }
}

/// Running totals over blocks in document order, so any subtree's text and link bytes cost a
/// binary search.
struct PrefixSums {
    /// First text-node index of each block, ascending.
    let positions: [Int]
    let text: [Int]
    let links: [Int]
    /// Bytes of prose blocks: at least 80 bytes, under 30% links, not chrome.
    let prose: [Int]

    init(blocks: [TextBlock]) {
        var positions: [Int] = []
        var text = [0]
        var links = [0]
        var prose = [0]
        positions.reserveCapacity(blocks.count)
        for block in blocks {
            positions.append(block.position)
            text.append(text.last! + (block.isChrome ? 0 : block.textLength))
            links.append(links.last! + (block.isChrome ? 0 : block.linkBytes))
            let isProse = !block.isChrome && block.textLength >= 80 && block.linkDensity < 0.3
            prose.append(prose.last! + (isProse ? block.textLength : 0))
        }
        self.positions = positions
        self.text = text
        self.links = links
        self.prose = prose
    }

    /// Blocks whose text starts inside the subtree of `node`.
    func blockRange(_ nodes: [HTMLTree.Node], _ node: Int) -> Range<Int> {
        lowerBound(node)..<lowerBound(nodes[node].subtreeEnd)
    }

    func proseBytes(_ nodes: [HTMLTree.Node], _ node: Int) -> Int {
        let r = blockRange(nodes, node)
        return prose[r.upperBound] - prose[r.lowerBound]
    }

    func linkBytes(_ nodes: [HTMLTree.Node], _ node: Int) -> Int {
        let r = blockRange(nodes, node)
        return links[r.upperBound] - links[r.lowerBound]
    }

    func textBytes(_ nodes: [HTMLTree.Node], _ node: Int) -> Int {
        let r = blockRange(nodes, node)
        return text[r.upperBound] - text[r.lowerBound]
    }

    func linkDensity(_ nodes: [HTMLTree.Node], _ node: Int) -> Double {
        let r = blockRange(nodes, node)
        let t = text[r.upperBound] - text[r.lowerBound]
        return t == 0 ? 1 : Double(links[r.upperBound] - links[r.lowerBound]) / Double(t)
    }

    private func lowerBound(_ value: Int) -> Int {
        var low = 0
        var high = positions.count
        while low < high {
            let mid = (low + high) / 2
            if positions[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

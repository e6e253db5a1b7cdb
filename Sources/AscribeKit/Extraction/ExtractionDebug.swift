import HTMLTree

/// A human-readable account of the extractor's decisions on one document, for tuning.
public enum ExtractionDebug {
    public static func explain(_ document: Document) -> String {
        guard case .html(let tree) = document.content else { return "plain text: no extraction decisions" }
        let blocks = TextBlockBuilder(tree: tree).build()
        let selector = ContentSelector(tree: tree, blocks: blocks)
        let kept = Set(selector.select())
        var out = "container: " + selector.debugTop.map { describe(tree, $0) }.joined(separator: ", ") + "\n"
        // Where the longest block's chrome mark comes from.
        if let longest = blocks.indices.max(by: { blocks[$0].textLength < blocks[$1].textLength }), blocks[longest].isChrome {
            let chrome = ChromeClassifier.mark(tree)
            var a = blocks[longest].owner
            var chain: [String] = []
            while a >= 0 {
                if chrome[a] && (tree.nodes[a].parent < 0 || !chrome[tree.nodes[a].parent]) { chain.append(describe(tree, a)) }
                a = tree.nodes[a].parent
            }
            out += "longest block is chrome because of: " + chain.joined(separator: " < ") + "\n"
        }
        for (i, block) in blocks.enumerated() {
            let mark = kept.contains(i) ? "+" : block.isChrome ? "c" : "-"
            let preview = String(decoding: block.bytes.prefix(70), as: UTF8.self).replacingNewlines()
            out += "\(mark) \(describe(tree, block.owner)) len=\(block.textLength) ld=\(Int(block.linkDensity * 100))% | \(preview)\n"
        }
        return out
    }

    static func describe(_ tree: HTMLTree, _ node: Int) -> String {
        guard node >= 0 else { return "(root)" }
        var s = "\(node):" + tree.name(of: node)
        if let id = tree.attribute("id", of: node) { s += "#" + id }
        if let c = tree.attribute("class", of: node) { s += "." + c.split(separator: " ").prefix(3).joined(separator: ".") }
        return s
    }
}

extension String {
    fileprivate func replacingNewlines() -> String { String(map { $0 == "\n" ? " " : $0 }) }
}

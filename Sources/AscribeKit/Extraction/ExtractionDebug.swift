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
        let chrome = ChromeClassifier.mark(tree)
        for (i, block) in blocks.enumerated() {
            let mark = kept.contains(i) ? "+" : block.isChrome ? "c" : "-"
            let preview = String(decoding: block.bytes.prefix(70), as: UTF8.self).replacingNewlines()
            // A chrome block names the outermost element that made it chrome.
            var origin = ""
            if block.isChrome {
                var a = block.owner
                while a >= 0 && tree.nodes[a].parent >= 0 && chrome[tree.nodes[a].parent] { a = tree.nodes[a].parent }
                if a >= 0 { origin = " [chrome: \(describe(tree, a))]" }
            }
            out += "\(mark) \(describe(tree, block.owner)) len=\(block.textLength) ld=\(Int(block.linkDensity * 100))%\(origin) | \(preview)\n"
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

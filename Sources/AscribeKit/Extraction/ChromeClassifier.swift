import HTMLTree

/// Marks page chrome: navigation, headers and footers, comment sections, share/related/newsletter/
/// cookie widgets and teasers — by tag, ARIA role, and class/id words.
///
/// The class/id word list follows the idea of Mozilla Readability's "unlikely candidates" and
/// trafilatura's boilerplate classes, written anew and tuned on `shared/corpus/web-pages`.
enum ChromeClassifier {
    /// Per node: true when the node or one of its ancestors is chrome.
    static func mark(_ tree: HTMLTree) -> [Bool] {
        let nodes = tree.nodes
        var chrome = [Bool](repeating: false, count: nodes.count)
        // A wrapper that holds most of the page's prose is the page, whatever its class says
        // ("elementor-widget", "with-navigation"): never mark it as chrome.
        let (prose, documentProse) = proseBytes(tree)
        let vetoAt = max(400, documentProse * 2 / 5)
        var cache: [String: Bool] = [:]
        // Per node: inside an <article> or <main>, where a <header> holds the headline and standfirst.
        var inArticle = [Bool](repeating: false, count: nodes.count)
        for i in nodes.indices {
            let parentInArticle = nodes[i].parent >= 0 && inArticle[nodes[i].parent]
            inArticle[i] = parentInArticle || nodes[i].name == "article" || nodes[i].name == "main"
            let node = nodes[i]
            if node.parent >= 0 && chrome[node.parent] {
                chrome[i] = true
                continue
            }
            guard node.kind == .element else { continue }
            if prose[i] >= vetoAt { continue }
            if HTMLVocabulary.chromeTags.contains(node.name) && !(node.name == "header" && parentInArticle) {
                chrome[i] = true
                continue
            }
            if node.attributeRange.isEmpty || exemptTags.contains(node.name) { continue }
            var words = ""
            for a in node.attributeRange {
                let attribute = tree.attributes[a]
                switch attribute.name {
                case "class", "id":
                    words += attribute.value
                    words += " "
                case "role":
                    if chromeRoles.contains(attribute.value.lowercased()) { chrome[i] = true }
                case "itemprop":
                    if attribute.value == "comment" { chrome[i] = true }
                default: break
                }
            }
            if chrome[i] || words.isEmpty { continue }
            if let known = cache[words] {
                chrome[i] = known
            } else {
                let verdict = isChromeWords(words)
                cache[words] = verdict
                chrome[i] = verdict
            }
        }
        return chrome
    }

    /// Per node: bytes of text outside links in its subtree (scripts and styles excluded), and the
    /// document's total.
    static func proseBytes(_ tree: HTMLTree) -> (perNode: [Int], document: Int) {
        let nodes = tree.nodes
        var total = [Int](repeating: 0, count: nodes.count)
        var links = [Int](repeating: 0, count: nodes.count)
        var documentTotal = 0
        for i in nodes.indices.reversed() {
            let node = nodes[i]
            if node.kind == .text {
                total[i] = node.textRange.count
            } else if HTMLVocabulary.skipped.contains(node.name) {
                total[i] = 0
                links[i] = 0
                continue
            } else if node.name == "a" {
                links[i] = total[i]
            }
            if node.parent >= 0 {
                total[node.parent] += total[i]
                links[node.parent] += links[i]
            } else {
                documentTotal += total[i] - links[i]
            }
        }
        var prose = [Int](repeating: 0, count: nodes.count)
        for i in nodes.indices { prose[i] = total[i] - links[i] }
        return (prose, documentTotal)
    }

    static let exemptTags: Set<String> = ["html", "body", "main", "p", "h1", "h2", "h3", "span", "a", "b", "i", "em", "strong"]

    static let chromeRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
        "menubar", "toolbar",
    ]

    /// Substrings that make a class or id token chrome.
    static let chromeParts: [[UInt8]] = [
        "comment", "disqus", "share", "sharing", "social", "related", "recommend", "newsletter", "subscri",
        "signup", "cookie", "consent", "gdpr", "banner", "breadcrumb", "sidebar", "widget", "footer", "masthead",
        "navbar", "navigation", "menu", "pagination", "pager", "promo", "sponsor", "advert", "popup", "modal",
        "overlay", "toolbar", "skip-link", "teaser", "more-stories", "most-popular", "mostpopular", "trending",
        "outbrain", "taboola", "login", "searchform", "search-form", "jump-to", "paywall", "byline", "author-bio",
        "tags", "topics", "rating", "print-only", "dateline", "meta-data", "post-meta", "entry-meta", "subnav",
        "site-header", "page-header", "header-", "-header", "linkliste", "readmore", "read-more", "further",
        "weitere", "empfehlung", "kommentar", "teilen", "themen",
    ].map { Array($0.utf8) }

    /// Whole tokens that are chrome.
    static let chromeTokens: Set<String> = ["nav", "ad", "ads", "header", "hidden", "share", "meta", "extra", "print", "sr-only", "visually-hidden", "skip"]

    static func isChromeWords(_ words: String) -> Bool {
        for token in words.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if chromeTokens.contains(String(token)) { return true }
            let bytes = Array(token.utf8)
            if bytes.count >= 3, bytes[0] == UInt8(ascii: "a"), bytes[1] == UInt8(ascii: "d"),
                bytes[2] == UInt8(ascii: "-") || bytes[2] == UInt8(ascii: "_")
            {
                return true
            }
            for part in chromeParts where contains(bytes, part) { return true }
        }
        return false
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

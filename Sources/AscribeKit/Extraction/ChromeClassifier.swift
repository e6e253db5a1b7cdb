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
        let (prose, documentProse, paragraphs, documentParagraphs) = proseBytes(tree)
        let vetoAt = max(150, documentProse / 3)
        let paragraphVetoAt = max(150, documentParagraphs / 2)
        var cache = VerdictCache()
        var words: [UInt8] = []
        // Per node: inside an <article> or <main>, where a <header> holds the headline and standfirst.
        var inArticle = [Bool](repeating: false, count: nodes.count)
        for i in nodes.indices {
            let parentInArticle = nodes[i].parent >= 0 && inArticle[nodes[i].parent]
            inArticle[i] = parentInArticle || nodes[i].tag == .article || nodes[i].tag == .main
            let node = nodes[i]
            // The page's own word for its article body overrides every guess about wrappers.
            if node.kind == .element && isArticleBody(tree, i) { continue }
            if node.parent >= 0 && chrome[node.parent] {
                chrome[i] = true
                continue
            }
            guard node.kind == .element else { continue }
            if prose[i] >= vetoAt || paragraphs[i] >= paragraphVetoAt { continue }
            if HTMLVocabulary.chromeTags[tag: node.tag] && !(node.tag == .header && parentInArticle) {
                chrome[i] = true
                continue
            }
            if node.attributeRange.isEmpty || node.tag == .html || node.tag == .body || node.tag == .main { continue }
            words.removeAll(keepingCapacity: true)
            for a in node.attributeRange {
                switch tree.attributes[a].known {
                case .class?, .id?:
                    words.append(contentsOf: tree.bytes(ofAttribute: a))
                    words.append(0x20)
                case .role?:
                    if chromeRoles.contains(tree.value(ofAttribute: a).fastLowercased) { chrome[i] = true }
                case .itemprop?:
                    if tree.bytes(ofAttribute: a).elementsEqual("comment".utf8) { chrome[i] = true }
                default: break
                }
            }
            if chrome[i] || words.isEmpty { continue }
            let hash = words.withUnsafeBufferPointer { ByteWordSet.hash($0, continuing: ByteWordSet.offsetBasis) }
            if let known = cache.verdict(for: words, hash: hash) {
                chrome[i] = known
            } else {
                let verdict = isChromeWords(words)
                cache.insert(words, hash: hash, verdict: verdict)
                chrome[i] = verdict
            }
        }
        return chrome
    }

    /// Per node: bytes of text outside links in its subtree (scripts and styles excluded), and the
    /// same counted only inside `<p>` elements (menus and widgets rarely use them); with the
    /// document's totals of both.
    static func proseBytes(_ tree: HTMLTree) -> (perNode: [Int], document: Int, paragraphs: [Int], documentParagraphs: Int) {
        let nodes = tree.nodes
        let n = nodes.count
        // Link text is counted by leaving it out: an anchor passes nothing up to its ancestors.
        var prose = [Int](repeating: 0, count: n)
        var inParagraph = [Int](repeating: 0, count: n)
        // Forward pass: is each node inside a <p>?
        var insideP = [Bool](repeating: false, count: n)
        for i in 0..<n {
            let parent = nodes[i].parent
            insideP[i] = (parent >= 0 && insideP[parent]) || nodes[i].tag == .p
        }
        var documentTotal = 0
        var documentParagraphs = 0
        var i = n
        while i > 0 {
            i -= 1
            let node = nodes[i]
            if node.kind == .text {
                prose[i] = node.textRange.count
                if insideP[i] { inParagraph[i] = prose[i] }
            } else if HTMLVocabulary.skipped[tag: node.tag] {
                prose[i] = 0
                inParagraph[i] = 0
                continue
            } else if node.tag == .a {
                prose[i] = 0
                inParagraph[i] = 0
            }
            if node.parent >= 0 {
                prose[node.parent] += prose[i]
                inParagraph[node.parent] += inParagraph[i]
            } else {
                documentTotal += prose[i]
                documentParagraphs += inParagraph[i]
            }
        }
        return (prose, documentTotal, inParagraph, documentParagraphs)
    }

    static func isArticleBody(_ tree: HTMLTree, _ i: Int) -> Bool {
        for a in tree.nodes[i].attributeRange where tree.attributes[a].known == .itemprop {
            if tree.bytes(ofAttribute: a).elementsEqual("articleBody".utf8) { return true }
        }
        return false
    }

    static let chromeRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu",
        "menubar", "toolbar",
    ]

    /// Class/id words (whole pieces after splitting on punctuation and camelCase) that mark chrome.
    static let chromeWords: Set<String> = [
        "nav", "navbar", "navigation", "subnav", "menu", "menue", "advert", "advertisement", "dsgvo", "privacy",
        "anzeige", "werbung", "header", "footer", "masthead", "meta", "tags", "tagcloud", "topics", "login",
        "signup", "signin", "search", "searchform", "toolbar", "byline", "related",
        "share", "shares", "sharing", "social", "socials", "sharebar", "modal", "overlay", "popup", "popular",
        "trending", "rating", "breadcrumb", "breadcrumbs", "pager", "pagination", "dateline", "sidebar", "banner",
        "promo", "promos", "sponsor", "sponsored", "outbrain", "taboola", "disqus", "cookie",
        "cookies", "consent", "gdpr", "newsletter", "subscribe", "subscription", "comment", "comments", "kommentar",
        "kommentare", "respond", "reply", "replies", "recommended", "recommendations", "empfehlungen", "weitere",
        "teilen", "themen", "caption", "credit", "credits", "widgettitle", "copyright", "legal", "imprint", "impressum", "crumbs",
        "teaser", "teasers",
    ]

    /// Word beginnings that mark chrome ("comment" covers "commentlist", "comments-area").
    static let chromePrefixes: [String] = [
        "comment", "newsletter", "subscri", "cookie", "consent", "social", "sharing", "recommend", "breadcrumb",
        "sidebar", "footer", "navbar", "navigation", "pagination", "sponsor", "advert", "popup", "outbrain",
        "taboola", "disqus", "kommentar", "empfehl",
    ]

    /// Two-word phrases that mark chrome, written joined.
    static let chromePairs: Set<String> = [
        "morestories", "mostpopular", "mostread", "readmore", "readalso", "alsoread", "seealso", "jumpto",
        "skiplink", "authorbio", "authorbox", "aboutauthor", "screenreader", "visuallyhidden", "postmeta", "entrymeta",
        "articlemeta", "moreposts", "latestnews", "topstories", "weiterlesen", "mehrzum",
    ]

    /// Whole class tokens that mark chrome, but only as a whole ("hidden", not "label-hidden").
    static let chromeTokens: Set<String> = [
        "hidden", "hide", "print", "skip", "sr-only", "visually-hidden", "screen-reader-text", "d-none", "jump", "meta",
        "noprint", "is-hidden", "u-hidden", "offscreen", "ad", "ads", "adv", "ad-slot", "adslot", "adsbygoogle",
    ]

    static let teaserText = Array("teaser-text".utf8)
    static let teaserUnderscoreText = Array("teaser_text".utf8)
    static let teaserWord = Array("teaser".utf8)
    static let chromePrefixBytes: [[UInt8]] = chromePrefixes.map { Array($0.utf8) }
    static let opinionPrefixes: [[UInt8]] = [Array("commentar".utf8), Array("kommentar".utf8)]

    /// First bytes of `chromePrefixes`: most pieces start with none of them.
    static let chromePrefixFirstBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for p in chromePrefixBytes { table[Int(p[0])] = true }
        return table
    }()

    @inline(__always) static func starts(_ piece: UnsafeBufferPointer<UInt8>, with prefix: [UInt8]) -> Bool {
        guard piece.count >= prefix.count else { return false }
        for k in prefix.indices where piece[k] != prefix[k] { return false }
        return true
    }

    static let chromeTokenSet = ByteWordSet(chromeTokens)
    static let chromeWordSet = ByteWordSet(chromeWords)
    static let chromePairSet = ByteWordSet(chromePairs)

    static func isChromeWords(_ words: String) -> Bool { isChromeWords(Array(words.utf8)) }

    /// Whether class and id words (UTF-8, space-separated) mark chrome: a whole token in
    /// `chromeTokens`, or a piece of `splitWords` in `chromeWords`, starting with a chrome prefix,
    /// or joined with the next piece in `chromePairs`. Works on byte ranges: no String per piece.
    static func isChromeWords(_ words: [UInt8]) -> Bool {
        var lowered = words
        for i in lowered.indices where lowered[i] >= 0x41 && lowered[i] <= 0x5A { lowered[i] |= 0x20 }
        return lowered.withUnsafeBufferPointer { lower in
            // Whole tokens first ("hidden", not "label-hidden").
            var start = 0
            for i in 0...lower.count where i == lower.count || lower[i] == 0x20 {
                if i > start, chromeTokenSet.contains(UnsafeBufferPointer(rebasing: lower[start..<i])) { return true }
                start = i + 1
            }
            // The pieces of `splitWords` are runs of `lower`: letters (and non-ASCII bytes) cut at
            // other bytes and before a capital that follows a small letter.
            var previous: UnsafeBufferPointer<UInt8>?
            // "teaser-text" is the standfirst of a news detail page (TYPO3 news and others), not a
            // teaser of another story. (Searched for only when a piece is "teaser".)
            var teaserIsLead: Bool?
            func isChrome(_ piece: UnsafeBufferPointer<UInt8>) -> Bool {
                defer { previous = piece }
                if chromeWordSet.contains(piece) {
                    guard piece.elementsEqual(teaserWord) else { return true }
                    if teaserIsLead == nil {
                        teaserIsLead = ByteSearch.contains(lowered, teaserText) || ByteSearch.contains(lowered, teaserUnderscoreText)
                    }
                    if teaserIsLead == false { return true }
                }
                if piece.count >= 6, chromePrefixFirstBytes[Int(piece[0])], chromePrefixBytes.contains(where: { Self.starts(piece, with: $0) }),
                    !opinionPrefixes.contains(where: { Self.starts(piece, with: $0) })  // opinion pieces
                {
                    return true
                }
                if let previous, previous.count + piece.count <= 20, chromePairSet.contains(previous, followedBy: piece) { return true }
                return false
            }
            var pieceStart = -1
            var previousLower = false
            for i in 0..<words.count {
                let b = words[i]
                if b >= 0x41 && b <= 0x5A {
                    if previousLower {
                        if isChrome(UnsafeBufferPointer(rebasing: lower[pieceStart..<i])) { return true }
                        pieceStart = i
                    } else if pieceStart < 0 {
                        pieceStart = i
                    }
                    previousLower = false
                } else if (b >= 0x61 && b <= 0x7A) || b >= 0x80 {
                    if pieceStart < 0 { pieceStart = i }
                    previousLower = true
                } else {
                    if pieceStart >= 0, isChrome(UnsafeBufferPointer(rebasing: lower[pieceStart..<i])) { return true }
                    pieceStart = -1
                    previousLower = false
                }
            }
            if pieceStart >= 0, isChrome(UnsafeBufferPointer(rebasing: lower[pieceStart..<words.count])) { return true }
            return false
        }
    }

    /// Splits class and id values into lower-case words at punctuation, digits and camelCase humps.
    static func splitWords(_ words: String) -> [String] {
        var pieces: [String] = []
        var current: [UInt8] = []
        var previousLower = false
        func close() {
            if !current.isEmpty { pieces.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        for b in words.utf8 {
            let isUpper = b >= 0x41 && b <= 0x5A
            let isLower = (b >= 0x61 && b <= 0x7A) || b >= 0x80
            if isUpper {
                if previousLower { close() }
                current.append(b | 0x20)
                previousLower = false
            } else if isLower {
                current.append(b)
                previousLower = true
            } else {
                close()
                previousLower = false
            }
        }
        close()
        return pieces
    }

}

/// Verdicts on the class/id words of a page's elements, keyed by their FNV-1a hash and confirmed
/// by comparing the bytes (a `Dictionary` rehashes every key with SipHash); the words are kept
/// in one arena, not an array per key.
private struct VerdictCache {
    private struct Slot {
        var hash: UInt64 = 0
        var start: Int = -1
        var count: Int = 0
        var verdict = false
    }
    private var slots = [Slot](repeating: Slot(), count: 256)
    private var arena: [UInt8] = []
    private var used = 0

    func verdict(for words: [UInt8], hash: UInt64) -> Bool? {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while slots[i].start >= 0 {
            let slot = slots[i]
            if slot.hash == hash, slot.count == words.count, arena[slot.start..<slot.start + slot.count].elementsEqual(words) {
                return slot.verdict
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Stores the verdict for words not yet in the cache.
    mutating func insert(_ words: [UInt8], hash: UInt64, verdict: Bool) {
        if (used + 1) * 2 > slots.count { grow() }
        let start = arena.count
        arena.append(contentsOf: words)
        place(Slot(hash: hash, start: start, count: words.count, verdict: verdict))
        used += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash ^ (slot.hash >> 29)) & mask
        while slots[i].start >= 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.start >= 0 { place(slot) }
    }
}

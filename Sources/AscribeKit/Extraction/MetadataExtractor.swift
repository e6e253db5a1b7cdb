import Foundation
import HTMLTree

/// Reads title, bylines, dates, publisher, canonical URL, language and description from a page.
///
/// Sources in order of trust: JSON-LD (schema.org), Open Graph / article / Dublin Core meta tags,
/// microdata (`itemprop`), then the visible page (`<h1>`, `<time>`, "By …" lines, `<title>`).
struct MetadataExtractor {
    let tree: HTMLTree

    /// A heading (`h1`/`h2`) with its node index and visible text.
    struct Heading {
        var index: Int
        var level: Int
        var text: String
    }

    /// A visible element that may carry a date or a byline, with its node index.
    struct Candidate {
        var index: Int
        var end: Int
        var text: String
        /// For dates: the element looks like a modification stamp ("updated").
        var weak: Bool = false
    }

    /// Every `<meta>` name/property (lower-cased) with its content, first one wins.
    private(set) var meta: [String: String] = [:]
    private(set) var jsonLD = JSONLDFacts()
    private(set) var canonical: String?
    private(set) var language: String?
    private(set) var titleElement: String?
    private(set) var headings: [Heading] = []
    private(set) var itemprops: [String: String] = [:]
    private(set) var authorLinks: [Candidate] = []
    private(set) var authorNodes: [Candidate] = []
    private(set) var bylineTexts: [Candidate] = []
    private(set) var timeElements: [Candidate] = []
    private(set) var dateNodes: [Candidate] = []
    private(set) var textDates: [Candidate] = []
    private(set) var labeledDates: [Candidate] = []
    /// Scripts that are not JSON-LD (app state may carry the publication date).
    private(set) var otherScripts: [Int] = []

    /// Per entry of `tree.names`: an inline element that is not an `HTMLTag` case ("b", "em", …).
    private let otherInline: [Bool]

    init(tree: HTMLTree) {
        self.tree = tree
        otherInline = tree.names.map { Self.otherInlineNames.contains($0) }
        collect()
    }

    /// Elements whose text is never visible (by `HTMLTag.rawValue`).
    private static let skipTags: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for tag: HTMLTag in [.script, .style, .noscript, .template, .option, .select, .textarea] { t[Int(tag.rawValue)] = true }
        return t
    }()
    /// Inline elements that are not `HTMLTag` cases (their tag is `.other`).
    private static let otherInlineNames: Set<String> = [
        "b", "i", "em", "strong", "u", "small", "sup", "sub", "mark", "abbr", "q", "s", "font", "code", "bdi", "cite", "nobr",
    ]

    @inline(__always) private static func isSkipped(_ node: HTMLTree.Node) -> Bool { skipTags[Int(node.tag.rawValue)] }

    @inline(__always) private func isInline(_ node: HTMLTree.Node) -> Bool {
        switch node.tag {
        case .a, .time: return true
        case .other: return otherInline[Int(node.nameIndex)]
        default: return false
        }
    }

    /// Visible text of an element: text nodes joined, with a space at non-inline element boundaries.
    func visibleText(of index: Int, limit: Int = 400) -> String {
        let nodes = tree.nodes
        var bytes: [UInt8] = []
        var i = index + 1
        let end = nodes[index].subtreeEnd
        var pendingSpace = false
        while i < end {
            let node = nodes[i]
            if node.kind == .element {
                if Self.isSkipped(node) {
                    i = node.subtreeEnd
                    continue
                }
                if !isInline(node) { pendingSpace = true }
            } else {
                if pendingSpace && !bytes.isEmpty { bytes.append(0x20) }
                pendingSpace = false
                bytes.append(contentsOf: tree.text[node.textRange])
                if bytes.count > limit { break }
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self).collapsedWhitespace
    }

    static let publishedLabels = ["veröffentlicht", "Veröffentlicht", "erschienen", "Erschienen", "published", "Published",
        "publié", "Publié", "publicado", "Publicado", "pubblicato", "Pubblicato", "Stand:", "Stand -", "Aktualisiert am", "Aktualisiert:"].map { Array($0.utf8) }
    static let publishedLabelNeedles = ByteNeedles(publishedLabels)

    /// The index of the first attribute of element `index` named `name`.
    @inline(__always) private func attributeIndex(_ name: HTMLAttribute, of index: Int) -> Int? {
        tree.attributeIndex(name, of: index)
    }

    /// An attribute value as a String, made only when asked for.
    @inline(__always) private func attr(_ name: HTMLAttribute, of index: Int) -> String? {
        attributeIndex(name, of: index).map { tree.value(ofAttribute: $0) }
    }

    /// Whether the attribute's bytes equal `lower` ignoring ASCII case (and surrounding spaces).
    private func attribute(_ a: Int, equalsLower lower: StaticString) -> Bool {
        let bytes = tree.bytes(ofAttribute: a)
        var lo = bytes.startIndex
        var hi = bytes.endIndex
        while lo < hi, bytes[lo] <= 0x20 { lo += 1 }
        while hi > lo, bytes[hi - 1] <= 0x20 { hi -= 1 }
        guard hi - lo == lower.utf8CodeUnitCount else { return false }
        let p = lower.utf8Start
        var k = 0
        while lo < hi {
            var c = bytes[lo]
            if c >= 0x41 && c <= 0x5A { c += 0x20 }
            if c != p[k] { return false }
            lo += 1
            k += 1
        }
        return true
    }

    private mutating func collect() {
        let nodes = tree.nodes
        let text = tree.text
        var jsonScripts: [String] = []
        var i = 0
        let count = nodes.count
        while i < count {
            let node = nodes[i]
            if node.kind == .text {
                let r = node.textRange
                let length = r.count
                let visible = node.parent >= 0 && !Self.isSkipped(nodes[node.parent])
                if length >= 6, visible {
                    // A dateline opens its text node; long paragraphs are only looked at up to their first words.
                    let slice = text[r.lowerBound..<min(r.upperBound, r.lowerBound + 100)]
                    if MetadataBytes.containsDigit(slice) {
                        // "Veröffentlicht am 16.08.2019", "Erschienen am: 01.11.2023", "Published: May 3, 2020".
                        let label = labeledDates.count < 20 ? Self.publishedLabelNeedles.firstEnd(in: slice) : nil
                        if textDates.count < 200, let d = MetadataDateScanner.find(in: slice) {
                            textDates.append(Candidate(index: i, end: i + 1, text: d))
                        }
                        if let label, let labeled = MetadataDateScanner.find(in: slice[label...]) {
                            labeledDates.append(Candidate(index: i, end: i + 1, text: labeled))
                        }
                    } else if length <= 40, labeledDates.count < 20, let last = MetadataBytes.lastVisible(slice),
                        last == 0x3A || last == 0x6D || last == 0x6E || last == 0x64,
                        Self.publishedLabelNeedles.firstEnd(in: slice) != nil
                    {
                        // "Erschienen am:" with the date in the next element.
                        var j = i + 1
                        while j < count, j < i + 8 {
                            if nodes[j].kind == .text {
                                let t = nodes[j].textRange
                                let next = text[t.lowerBound..<min(t.upperBound, t.lowerBound + 60)]
                                if next.contains(where: { $0 > 0x20 }) {
                                    if let d = MetadataDateScanner.find(in: next) { labeledDates.append(Candidate(index: i, end: j + 1, text: d)) }
                                    break
                                }
                            }
                            j += 1
                        }
                    }
                }
                if length >= 2 && length <= 120, bylineTexts.count < 80, visible {
                    // (Within the node: a white-space-only node has no byline prefix whatever follows it.)
                    let first = text[r].first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D }) ?? 0
                    // Cheap pre-filter on the first letter of byline prefixes: B/b V/v A/a T/t P/p W/w E/e G/g D/d.
                    if MetadataBytes.bylineFirstLetters[Int(first)], BylineCleaner.hasBylinePrefix(text[r]) {
                        // "Von" alone: the name follows in the next text nodes.
                        var line = string(r).collapsedWhitespace
                        if BylineCleaner.isBareBylinePrefix(line) {
                            var j = i + 1
                            var added = 0
                            var expectName = true
                            while j < count, j < i + 20, added < 7 {
                                if nodes[j].kind == .text {
                                    let t = string(nodes[j].textRange).collapsedWhitespace
                                    if !t.isEmpty {
                                        if expectName {
                                            line += " " + t
                                            expectName = BylineCleaner.isConnector(t)
                                        } else if BylineCleaner.isConnector(t) {
                                            line += " " + t
                                            expectName = true
                                        } else {
                                            break
                                        }
                                        added += 1
                                    }
                                }
                                j += 1
                            }
                        }
                        bylineTexts.append(Candidate(index: i, end: i + 1, text: line))
                    } else if text[r].contains(0x3A), let at = MetadataBytes.firstIndex(ofAnyLower: Self.midLineLabels, in: text[r]),
                        at > r.lowerBound + 8, at < r.upperBound - 3
                    {
                        // "05.02.2020 - Redaktion: Eberhard Fuhr": a label in the middle of a dateline.
                        let rest = string(at..<r.upperBound).collapsedWhitespace
                        if rest.first?.isUppercase == true { bylineTexts.append(Candidate(index: i, end: i + 1, text: "Von " + rest)) }
                    }
                }
                // "… Text von" / "Posted on May 3 by" / "Autor:" with the name in the next element.
                if length >= 2 && length <= 120, bylineTexts.count < 80, node.parent >= 0,
                    let last = MetadataBytes.lastVisible(text[r]),
                    last == 0x6E || last == 0x79 || last == 0x3A || last == 0x72 || last == 0x4E || last == 0x59 || last == 0x52,
                    BylineCleaner.mayEndInLabel(text[r])
                {
                    let s = string(r).collapsedWhitespace
                    if let label = BylineCleaner.trailingLabel(s) {
                        var j = i + 1
                        while j < count, j < i + 8 {
                            if nodes[j].kind == .text {
                                let t = string(nodes[j].textRange).collapsedWhitespace
                                if !t.isEmpty {
                                    bylineTexts.append(Candidate(index: i, end: j + 1, text: label + t))
                                    break
                                }
                            }
                            j += 1
                        }
                    }
                }
                i += 1
                continue
            }
            // One pass over the attributes: class, id and itemprop words, matched without making Strings.
            // The words only matter for <time> and for the date and author candidates below (small
            // elements, while their lists have room): larger elements skip the word scan.
            var flags: UInt8 = 0
            var itempropIndex: Int?
            let size = node.subtreeEnd - i
            let wantsFlags = node.tag == .time || (size < 120 && authorNodes.count < 40) || (size < 30 && dateNodes.count < 60)
            for a in node.attributeRange {
                let name = tree.attributes[a].known
                if name == .class || name == .id {
                    if wantsFlags { flags |= MetadataBytes.classFlags(tree.bytes(ofAttribute: a)) }
                } else if name == .itemprop {
                    if itempropIndex == nil { itempropIndex = a }
                    if wantsFlags { flags |= MetadataBytes.classFlags(tree.bytes(ofAttribute: a)) }
                }
            }
            switch node.tag {
            case .meta:
                let key = (attr(.property, of: i) ?? attr(.name, of: i) ?? attr(.itemprop, of: i))?.fastLowercased
                if let key, meta[key] == nil, let content = attr(.content, of: i) ?? attr(.value, of: i), !content.isEmpty {
                    meta[key] = content.trimmed
                }
                if let a = attributeIndex(.httpEquiv, of: i), attribute(a, equalsLower: "content-language"),
                    let content = attr(.content, of: i)
                {
                    meta["content-language"] = content.trimmed
                }
            case .link:
                if canonical == nil, let a = attributeIndex(.rel, of: i), attribute(a, equalsLower: "canonical"), let href = attr(.href, of: i) {
                    canonical = href.trimmed
                }
            case .html:
                if language == nil { language = attr(.lang, of: i) ?? attr(.xmlLang, of: i) }
            case .title:
                if titleElement == nil { titleElement = tree.textContent(of: i).collapsedWhitespace }
            case .h1, .h2:
                if headings.count < 24 {
                    let text = MetadataEntities.decode(visibleText(of: i))
                    if !text.isEmpty { headings.append(Heading(index: i, level: node.tag == .h1 ? 1 : 2, text: text)) }
                }
            case .script:
                if let a = attributeIndex(.type, of: i), MetadataBytes.containsLower(tree.bytes(ofAttribute: a), Self.ldJSON) {
                    jsonScripts.append(tree.textContent(of: i))
                } else if otherScripts.count < 40, node.subtreeEnd > i + 1 {
                    otherScripts.append(i)
                }
                i = node.subtreeEnd
                continue
            case .style, .noscript, .template:
                i = node.subtreeEnd
                continue
            case .time:
                if timeElements.count < 30 {
                    let value = attr(.datetime, of: i) ?? attr(.content, of: i) ?? visibleText(of: i, limit: 120)
                    let weak = flags & MetadataBytes.weakFlag != 0 && flags & MetadataBytes.publishFlag == 0
                    let pub = attributeIndex(.pubdate, of: i) != nil
                        || itempropIndex.map { ByteSearch.contains(Array(tree.bytes(ofAttribute: $0)), Self.datePublishedWord) } == true
                    if !value.isEmpty { timeElements.append(Candidate(index: pub ? -1 : i, end: node.subtreeEnd, text: value.trimmed, weak: weak)) }
                }
            case .a:
                if authorLinks.count < 10, let a = attributeIndex(.rel, of: i), MetadataBytes.hasWord(tree.bytes(ofAttribute: a), Self.authorWord) {
                    let name = visibleText(of: i, limit: 120)
                    if !name.isEmpty { authorLinks.append(Candidate(index: i, end: node.subtreeEnd, text: name)) }
                }
            default:
                break
            }
            if flags & (MetadataBytes.dateFlag | MetadataBytes.authorFlag) != 0, flags & MetadataBytes.commentFlag == 0 {
                if flags & MetadataBytes.dateFlag != 0, dateNodes.count < 60, size < 30, node.tag != .meta, node.tag != .time {
                    let value = attr(.datetime, of: i) ?? attr(.content, of: i) ?? attr(.title, of: i)
                    let weak = flags & MetadataBytes.weakFlag != 0 && flags & MetadataBytes.publishFlag == 0
                    if let value, DateNormalizer.iso(value) != nil {
                        dateNodes.append(Candidate(index: i, end: node.subtreeEnd, text: value, weak: weak))
                    } else {
                        let text = visibleText(of: i, limit: 160)
                        if text.utf8.count <= 160, let d = MetadataDateScanner.find(in: Array(text.utf8)) {
                            dateNodes.append(Candidate(index: i, end: node.subtreeEnd, text: d, weak: weak))
                        }
                    }
                }
                if flags & MetadataBytes.authorFlag != 0, flags & MetadataBytes.bioFlag == 0, authorNodes.count < 40, size < 120 {
                    switch node.tag {
                    case .meta, .link, .body, .article, .html, .img: break
                    default:
                        let text = visibleText(of: i, limit: 200)
                        if !text.isEmpty, text.utf8.count <= 200 {
                            authorNodes.append(Candidate(index: i, end: node.subtreeEnd, text: text))
                        }
                    }
                }
            }
            if let ia = itempropIndex, case let prop = tree.value(ofAttribute: ia), itemprops[prop] == nil {
                let value: String
                if let content = attr(.content, of: i) ?? attr(.datetime, of: i) {
                    value = content
                } else if prop == "author" || prop == "creator" {
                    // An author item: prefer its inner itemprop=name.
                    var name: String?
                    var j = i + 1
                    while j < node.subtreeEnd {
                        if nodes[j].kind == .element, attr(.itemprop, of: j) == "name" {
                            name = attr(.content, of: j) ?? visibleText(of: j)
                            break
                        }
                        j += 1
                    }
                    value = name ?? visibleText(of: i)
                } else if node.tag == .meta || node.tag == .link {
                    value = attr(.href, of: i) ?? ""
                } else {
                    value = node.subtreeEnd - i < 50 ? visibleText(of: i) : ""
                }
                let clean = value.collapsedWhitespace
                if !clean.isEmpty && clean.utf8.count < 300 { itemprops[prop] = clean }
            }
            i += 1
        }
        for script in jsonScripts { jsonLD.absorb(script) }
    }

    static let ldJSON = Array("ld+json".utf8)
    static let midLineLabels = [" autor: ", " autorin: ", " author: ", " redaktion: ", " verfasser: ", " text: "].map { Array($0.utf8) }
    static let authorWord = Array("author".utf8)
    static let datePublishedWord = Array("datePublished".utf8)

    private func string(_ r: Range<Int>) -> String {
        tree.text[r].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    func metadata(pageURL: String?) -> Metadata {
        var m = Metadata()
        let chosen = title()
        m.title = chosen.title
        m.publisher = (jsonLD.publisher ?? meta["og:site_name"] ?? meta["application-name"] ?? itemprops["publisher"])
            .map { MetadataEntities.decode($0) }?.collapsedWhitespace.nonEmpty
        m.url = absolute(canonical, base: pageURL) ?? absolute(meta["og:url"], base: pageURL) ?? pageURL
        m.byline = byline(anchor: chosen.anchor, url: m.url)
        m.published = published(anchor: chosen.anchor, url: m.url)
        m.modified = DateNormalizer.iso(
            jsonLD.dateModified ?? meta["article:modified_time"] ?? meta["og:updated_time"] ?? itemprops["dateModified"])
        m.language = (language ?? meta["content-language"] ?? jsonLD.language ?? meta["og:locale"])?.trimmed.nonEmpty
            .map { tag in
                // ASCII (every language tag): swap the bytes; anything else through Foundation as before.
                tag.utf8.allSatisfy { $0 < 0x80 }
                    ? String(decoding: tag.utf8.map { $0 == 0x5F ? 0x2D : $0 }, as: UTF8.self)
                    : tag.replacingOccurrences(of: "_", with: "-")
            }
        m.description = (meta["description"] ?? meta["og:description"] ?? jsonLD.description)
            .map { MetadataEntities.decode($0) }?.collapsedWhitespace.nonEmpty
        return m
    }

    // MARK: Title

    /// The headline and the node index it was found at (the anchor for nearby dates and bylines).
    private func title() -> (title: String?, anchor: Int?) {
        let site = (jsonLD.publisher ?? meta["og:site_name"]).map { MetadataEntities.decode($0).collapsedWhitespace }
        let rawSources = [jsonLD.headline, meta["og:title"], meta["twitter:title"], titleElement]
        let sources = rawSources.compactMap { $0.map { MetadataEntities.decode($0).collapsedWhitespace }?.nonEmpty }
        let h1s = headings.filter { $0.level == 1 }.map(\.text)
        var cleanedMeta: String?
        for candidate in sources {
            let clean = TitleCleaner.strip(candidate, site: site, headings: h1s)
            if !clean.isEmpty {
                cleanedMeta = clean
                break
            }
        }
        if let heading = TitleMatcher.bestHeading(headings, sources: sources, site: site) {
            // A heading with a kicker or date glued in front: keep the meta title it contains.
            if let cleanedMeta, cleanedMeta.count >= 8, cleanedMeta.count < heading.text.count,
                ByteSearch.contains(heading.text.fastLowercased, cleanedMeta.fastLowercased)
            {
                return (cleanedMeta, heading.index)
            }
            return (heading.text, heading.index)
        }
        let anchor = headings.first(where: { $0.level == 1 })?.index
        return (cleanedMeta, anchor)
    }

    // MARK: Byline

    private func byline(anchor: Int?, url: String?) -> [String] {
        let names = bylineNames(anchor: anchor, url: url)
        // A lone first name ("Loïc", "Henry"): the page prints the full name elsewhere ("Loïc Le Clerc").
        if names.count == 1, case let first = names[0], !first.contains(" "), first.first?.isUppercase == true,
            !BylineCleaner.isHandle(first), !BylineCleaner.isInitials(first),
            // Not the site's own name ("Solarserver" on solarserver.de).
            ![URLResolver.host(of: url), meta["og:site_name"], jsonLD.publisher].contains(where: {
                $0.map { ByteSearch.contains($0.fastLowercased, first.fastLowercased) } ?? false
            }),
            let full = fullName(extending: first), BylineCleaner.isPlausibleName(full, organisations: []),
            case let words = full.split(separator: " "),
            words.count == 2 || words.count == 3 && BylineCleaner.particles.contains(words[1].fastLowercased)
        {
            return [full]
        }
        return names
    }

    private func bylineNames(anchor: Int?, url: String?) -> [String] {
        var organisations: [String] = []
        for o in [jsonLD.publisher, meta["og:site_name"], meta["application-name"], meta["twitter:site"]] {
            if let o = o?.fastLowercased.collapsedWhitespace.nonEmpty { organisations.append(o.hasPrefix("@") ? String(o.dropFirst()) : o) }
        }
        if let host = URLResolver.host(of: url) { organisations.append(host) }
        // The same raw values are cleaned again and again (strict, then relaxed; inner boxes, then
        // the outer one): remember each value's names and each name's verdict (pure functions of them).
        // (Keyed by bytes: String keys would merge canonically equivalent spellings.)
        var cleaned: [[UInt8]: [String]] = [:]
        var plausible: [[UInt8]: Bool] = [:]
        var plausibleRelaxed: [[UInt8]: Bool] = [:]
        let filterWith = { (raw: [String], organisations: [String]?) -> [String] in
            var names: [String] = []
            for value in raw {
                let valueNames: [String]
                let valueKey = Array(value.utf8)
                if let known = cleaned[valueKey] {
                    valueNames = known
                } else {
                    valueNames = BylineCleaner.names(MetadataEntities.decode(value))
                    cleaned[valueKey] = valueNames
                }
                for name in valueNames {
                    let isPlausible: Bool
                    let nameKey = Array(name.utf8)
                    if let known = organisations != nil ? plausible[nameKey] : plausibleRelaxed[nameKey] {
                        isPlausible = known
                    } else {
                        isPlausible = BylineCleaner.isPlausibleName(name, organisations: organisations ?? [], strict: organisations != nil)
                        if organisations != nil { plausible[nameKey] = isPlausible } else { plausibleRelaxed[nameKey] = isPlausible }
                    }
                    guard isPlausible, !names.contains(where: { $0.fastLowercased == name.fastLowercased }) else { continue }
                    names.append(name)
                }
            }
            return names
        }
        let filter = { (raw: [String]) -> [String] in filterWith(raw, organisations) }
        var sources: [[String]] = []
        sources.append(jsonLD.resolvedAuthors)
        for key in ["author", "dc.creator", "parsely-author", "sailthru.author", "article:author", "byl", "dcterms.creator", "citation_author", "cxenseparse:author", "shareaholic:article_author_name", "article:author_name", "author_name"] {
            if let v = meta[key] { sources.append([v]) }
        }
        if let label = meta["twitter:label1"]?.fastLowercased, BylineCleaner.isAuthorLabel(label), let v = meta["twitter:data1"] {
            sources.append([v])
        }
        if let v = itemprops["author"] ?? itemprops["creator"] { sources.append([v]) }
        var organisationFallback: [String] = []
        var handleFallback: [String] = []
        for source in sources {
            let names = filter(source)
            if !names.isEmpty, names.allSatisfy({ BylineCleaner.isHandle($0) || BylineCleaner.isInitials($0) || !$0.contains(" ") }) {
                // A login name: the page may print the display name.
                if handleFallback.isEmpty { handleFallback = names }
                continue
            }
            if !names.isEmpty { return names }
            // Declared authors may be the organisation itself (a press release, a company blog):
            // keep it unless the page shows a person's byline.
            let relaxed = filterWith(source, nil)
            // A declared editorial desk ("Redaktion", "Staff Writer") is the credit the page gives.
            if relaxed.contains(where: BylineCleaner.isDesk) { return relaxed }
            if organisationFallback.isEmpty { organisationFallback = relaxed }
        }
        // Visible bylines: author elements, rel=author links, "By …" lines; nearest the headline wins.
        var visible: [(Int, [String])] = []
        var k = 0
        while k < authorNodes.count {
            let c = authorNodes[k]
            // Prefer the innermost author elements inside an outer byline box.
            var inner: [String] = []
            var j = k + 1
            while j < authorNodes.count, authorNodes[j].index < c.end {
                if j + 1 >= authorNodes.count || authorNodes[j + 1].index >= authorNodes[j].end { inner.append(authorNodes[j].text) }
                j += 1
            }
            var names = inner.isEmpty ? [] : filter(inner)
            if names.isEmpty { names = filter([c.text]) }
            if !names.allSatisfy(BylineCleaner.looksLikeHandleOrName) { names = [] }
            if !names.isEmpty { visible.append((c.index, names)) }
            k = names.isEmpty ? k + 1 : j
        }
        for c in authorLinks {
            let names = filter([c.text])
            if !names.isEmpty { visible.append((c.index, names)) }
        }
        for c in bylineTexts where c.text.first?.isUppercase == true || BylineCleaner.isBareBylinePrefix(String(c.text.prefix(while: { $0 != " " }))) {
            let names = filter([BylineCleaner.afterPrefix(c.text)])
            if !names.isEmpty, names.allSatisfy(BylineCleaner.looksLikePersonName) { visible.append((c.index, names)) }
        }
        if !handleFallback.isEmpty {
            // A declared short name ("Nils", "DT", "jane.doe"): take the visible full name that extends it.
            let first = handleFallback[0].fastLowercased
            let squashed = first.filter { $0 != "." && $0 != "_" && $0 != "-" }
            for (_, names) in visible where names.count == 1 && names[0].contains(" ") {
                let full = names[0].fastLowercased
                if full.hasPrefix(first + " ")
                    || BylineCleaner.isInitials(handleFallback[0]) && BylineCleaner.initials(of: names[0]) == handleFallback[0]
                    || full.filter({ $0 != " " && $0 != "-" }) == squashed
                {
                    return names
                }
            }
            // A declared first name ("Nils"): the page prints the full name somewhere ("Nils Pickert").
            if handleFallback.count == 1, case let first = handleFallback[0], !BylineCleaner.isHandle(first), !BylineCleaner.isInitials(first),
                let full = fullName(extending: first), BylineCleaner.isPlausibleName(full, organisations: organisations)
            {
                return [full]
            }
            if handleFallback.allSatisfy({ BylineCleaner.isHandle($0) || BylineCleaner.isInitials($0) }),
                let best = Self.nearest(visible.map(\.0), anchor: anchor)
            {
                return visible[best].1
            }
            return handleFallback
        }
        guard let best = Self.nearest(visible.map(\.0), anchor: anchor) else {
            if organisationFallback.isEmpty, let signed = signature(after: anchor, organisations: organisations) { return [signed] }
            return organisationFallback
        }
        // Co-authors printed side by side ("Von A und B" as two links): merge close neighbours.
        var names = visible[best].1
        let at = visible[best].0
        for (index, more) in visible where index != at && abs(index - at) <= 6 {
            for name in more where name.contains(" ") && !names.contains(where: { $0.fastLowercased == name.fastLowercased }) && names.count < 6 {
                names.append(name)
            }
        }
        return names
    }

    /// A name signed under the article: the last paragraph after the headline that is only an emphasised
    /// person's name ("<p><b><i>Stefan Wasmer</i></b></p>").
    func signature(after anchor: Int?, organisations: [String]) -> String? {
        let nodes = tree.nodes
        var found: String?
        var i = anchor ?? 0
        while i < nodes.count {
            let node = nodes[i]
            if node.kind == .element, Self.isSkipped(node) {
                i = node.subtreeEnd
                continue
            }
            if node.tag == .p, node.subtreeEnd - i <= 4, i + 1 < node.subtreeEnd, nodes[i + 1].kind == .element,
                ["b", "strong", "em", "i"].contains(tree.name(of: i + 1)), nodes[i + 1].subtreeEnd == node.subtreeEnd
            {
                let text = visibleText(of: i, limit: 60)
                let words = text.split(separator: " ")
                if words.count >= 2, words.count <= 3, BylineCleaner.looksLikePersonName(text),
                    BylineCleaner.isPlausibleName(text, organisations: organisations)
                {
                    found = text
                }
            }
            i += 1
        }
        return found
    }

    /// The first visible "First Last" that extends a declared first name, ASCII case-insensitive.
    func fullName(extending first: String) -> String? {
        let needle = Array(first.fastLowercased.utf8)
        guard needle.count >= 3 else { return nil }
        let nodes = tree.nodes
        var i = 0
        while i < nodes.count {
            let node = nodes[i]
            if node.kind == .element {
                if Self.isSkipped(node) { i = node.subtreeEnd; continue }
                i += 1
                continue
            }
            let r = node.textRange
            if r.count > needle.count && r.count <= 120, MetadataBytes.containsLower(tree.text[r], needle) {
                let line = BylineCleaner.afterPrefix(string(r))
                let words = line.split(separator: " ")
                if let k = words.firstIndex(where: { $0.fastLowercased == first.fastLowercased }), k + 1 < words.count {
                    var name = [String(words[k])]
                    var j = k + 1
                    while j < words.count, name.count < 4 {
                        let w = words[j].trimmingPunctuation
                        guard let c = w.first, c.isUppercase || BylineCleaner.particles.contains(w) else { break }
                        name.append(w)
                        if words[j].last.map({ $0 == "," || $0 == ";" || $0 == ":" }) == true { break }
                        j += 1
                    }
                    if name.count >= 2, let last = name.last, !BylineCleaner.particles.contains(last) {
                        let full = name.joined(separator: " ")
                        if BylineCleaner.looksLikePersonName(full) { return full }
                    }
                }
            }
            i += 1
        }
        return nil
    }

    /// The candidate index closest to the anchor; positions before the anchor count double.
    static func nearest(_ positions: [Int], anchor: Int?) -> Int? {
        guard !positions.isEmpty else { return nil }
        guard let anchor else { return positions.indices.min(by: { positions[$0] < positions[$1] }) }
        var best = 0
        var bestCost = Int.max
        for (k, p) in positions.enumerated() {
            let cost = p >= anchor ? p - anchor : (anchor - p) * 3
            if cost < bestCost {
                bestCost = cost
                best = k
            }
        }
        return best
    }

    // MARK: Dates

    static let publishedKeys = [
        "article:published_time", "og:article:published_time", "og:published_time", "article:published", "published_time",
        "datepublished", "publishdate", "publish-date", "publish_date", "pubdate", "date", "dc.date.issued", "dcterms.issued",
        "dc.date", "dcterms.date", "dc.date.created", "dcterms.created", "sailthru.date", "parsely-pub-date",
        "cxenseparse:recs:publishtime", "citation_publication_date", "citation_date", "bepress_citation_date", "article.published",
        "article_date_original", "original-publish-date", "og:pubdate", "release_date", "created", "date_published",
        "displaydate", "dateCreated".fastLowercased, "publication_date", "article.created", "uploaddate",
    ]

    private func published(anchor: Int?, url: String?) -> String? {
        var strong: [String?] = [meta["article:published_time"], jsonLD.datePublished]
        for key in Self.publishedKeys { strong.append(meta[key]) }
        strong.append(itemprops["datePublished"])
        strong.append(itemprops["dateCreated"])
        strong.append(itemprops["uploadDate"])
        var declared = strong.lazy.compactMap({ DateNormalizer.iso($0) }).first
        let modifiedDeclared = DateNormalizer.iso(
            meta["article:modified_time"] ?? jsonLD.dateModified ?? meta["og:updated_time"] ?? itemprops["dateModified"])
        var shifted: String?  // the declared stamp before a time-zone correction
        if let d = declared {
            // Local midnight written in UTC ("2022-11-06T23:00:00.000Z" on a German page) is the next day's date.
            if MetadataDateClock.isCentralEuropeanMidnightInUTC(d), MetadataDateClock.isCentralEuropean(language ?? meta["content-language"] ?? jsonLD.language),
                let next = MetadataDateClock.adding(days: 1, to: d)
            {
                declared = next
                shifted = d
            }
            // The URL's date one day off a declared time stamp: the URL keeps the local day.
            if let fromURL = MetadataDateScanner.inURL(url), let a = Self.dayNumber(fromURL), let b = Self.dayNumber(d), abs(a - b) == 1 {
                declared = fromURL
            }
        }
        // Visible dates near the headline.
        var visible: [(Int, String)] = []
        var pubdate: String?
        for c in timeElements where !c.weak {
            guard let d = DateNormalizer.iso(c.text) ?? MetadataDateScanner.find(in: Array(c.text.utf8)) else { continue }
            if c.index == -1 { pubdate = pubdate ?? d } else { visible.append((c.index, d)) }
        }
        for c in dateNodes where !c.weak {
            if let d = DateNormalizer.iso(c.text) { visible.append((c.index, d)) }
        }
        let shownIndex = Self.nearest(visible.map(\.0), anchor: anchor)
        let shown = shownIndex.map { visible[$0].1 }
        let shownClose = shownIndex.map { k in anchor.map { abs(visible[k].0 - $0) <= 40 } ?? false } ?? false
        if let declared {
            // The visible date is the uncorrected stamp: keep the correction.
            if let shifted, let shown, shown.prefix(10) == shifted.prefix(10) { return declared }
            // The page shows the modification date as its date: that is the one readers see.
            if let shown, shown.prefix(10) != declared.prefix(10), let modified = modifiedDeclared, modified.prefix(10) == shown.prefix(10)
            {
                return modified
            }
            // A "Veröffentlicht am …" line near the headline is the date readers see.
            if let k = Self.nearest(labeledDates.map(\.index), anchor: anchor), case let labeled = labeledDates[k].text, let a = Self.dayNumber(labeled), let b = Self.dayNumber(declared), abs(a - b) <= 31 {
                return labeled
            }
            // A printed date next to the headline, or one day off (a time stamp in another time zone).
            // (A bare day or a bare midnight names the day itself, not a moment that falls on another day elsewhere.)
            if let shown, let a = Self.dayNumber(shown), let b = Self.dayNumber(declared),
                abs(a - b) == 1 && shifted == nil && MetadataDateClock.hasTimeOfDay(declared) || shownClose && abs(a - b) <= 31
            {
                return shown
            }
            return declared
        }
        if let pubdate { return pubdate }
        if let k = Self.nearest(labeledDates.map(\.index), anchor: anchor) { return labeledDates[k].text }
        if let shown { return shown }
        if let d = MetadataDateScanner.inURL(url) { return d }
        if let k = Self.nearest(textDates.map(\.index), anchor: anchor) { return textDates[k].text }
        if let d = scriptStateDate() { return d }
        let weak = (timeElements + dateNodes).filter(\.weak)
        if let c = weak.first { return DateNormalizer.iso(c.text) }
        return DateNormalizer.iso(meta["article:modified_time"] ?? jsonLD.dateModified)
    }

    static let scriptDateKeys = ["\"datePublished\":\"", "\"publishedDate\":\"", "\"published_at\":\"", "\"publishDate\":\"",
        "\"publicationDate\":\"", "\"createdAt\":\""].map { Array($0.utf8) }

    /// Index just past the first occurrence of `needle` in `hay`: memchr for its first byte, then
    /// memcmp (the generic `firstRange(of:)` made extraction a fifth slower on script-heavy pages).
    static func end(of needle: [UInt8], in hay: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, needle.count <= hay.count else { return nil }
        return hay.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let base = h.baseAddress!
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    guard let hit = memchr(base + i, Int32(n[0]), last - i + 1) else { return nil }
                    let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, n.baseAddress!, n.count) == 0 { return hay.startIndex + at + n.count }
                    i = at + 1
                }
                return nil
            }
        }
    }

    /// A publication date in a page's app state (`"published_at":"2019-03-02T06:22:28+01:00"` in an inline script),
    /// for pages that print no date and declare none.
    private func scriptStateDate() -> String? {
        for key in Self.scriptDateKeys {
            for index in otherScripts {
                var i = index + 1
                while i < tree.nodes[index].subtreeEnd {
                    let r = tree.nodes[i].textRange
                    if tree.nodes[i].kind == .text, let at = Self.end(of: key, in: tree.text[r]) {
                        let value = tree.text[at..<min(r.upperBound, at + 40)].prefix(while: { $0 != 0x22 })
                        if let d = DateNormalizer.iso(String(decoding: value, as: UTF8.self)) { return d }
                    }
                    i += 1
                }
            }
        }
        return nil
    }

    /// Days since a fixed epoch for "YYYY-MM-DD…" (proleptic Gregorian), for comparing dates.
    static func dayNumber(_ iso: String) -> Int? {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        let (y, m, d) = (parts[0], parts[1], parts[2])
        let a = (14 - m) / 12
        let yy = y + 4800 - a
        let mm = m + 12 * a - 3
        return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045
    }

    private func absolute(_ href: String?, base: String?) -> String? {
        guard let href = href?.trimmed.nonEmpty else { return nil }
        return URLResolver.resolve(href, base: base)
    }
}

/// The article facts found in a page's JSON-LD blocks.
struct JSONLDFacts {
    var headline: String?
    var authors: [String] = []
    var datePublished: String?
    var dateModified: String?
    var publisher: String?
    var language: String?
    var description: String?
    /// Names of every node with an "@id" (Yoast-style graphs reference authors by id).
    var namesByID: [String: String] = [:]
    /// Author references ("@id") of the article, resolved after all blocks are read.
    var authorIDs: [String] = []
    /// The longest `articleBody`: the text of pages whose visible body is drawn by JavaScript.
    var articleBody: String?

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "techarticle", "scholarlyarticle", "socialmediaposting", "liveblogposting", "backgroundnewsarticle",
        "reviewnewsarticle", "review", "report", "webpage", "itempage", "creativework", "posting", "howto", "recipe",
    ]

    mutating func absorb(_ script: String) {
        let text = script.trimmed
        switch JSONLDDocument.parse(Array(text.utf8)) {
        case .parsed(let document): absorb(document)
        case .invalid: return
        case .unsure: absorbWithFoundation(text)
        }
    }

    /// The facts of a parsed block: the same walk as `absorbWithFoundation`, over `JSONLDDocument` values.
    mutating func absorb(_ d: JSONLDDocument) {
        var queue: [Int] = [d.root]
        var visited = 0
        while let item = queue.popLast(), visited < 500 {
            visited += 1
            if d.kind(item) == .array {
                queue.append(contentsOf: d.elements(item).reversed())
                continue
            }
            guard d.kind(item) == .object else { continue }
            if let graph = d.member(item, "@graph") { queue.append(graph) }
            if let id = d.string(d.member(item, "@id")), let name = Self.string(d, d.member(item, "name")), namesByID[id] == nil {
                namesByID[id] = name
            }
            if let body = d.string(d.member(item, "articleBody")), body.utf8.count > (articleBody?.utf8.count ?? 0) {
                articleBody = body
            }
            let types = Self.types(d, d.member(item, "@type"))
            guard types.contains(where: { Self.articleTypes.contains($0) }) else { continue }
            let isPage = types.allSatisfy { $0 == "webpage" || $0 == "itempage" || $0 == "creativework" }
            // A recipe's or how-to's name is the dish, not the article's headline.
            let isRecipe = types.contains("recipe") || types.contains("howto")
            if !isRecipe, headline == nil || (!isPage && headline != nil) {
                if let h = Self.string(d, d.member(item, "headline")) ?? (isPage ? nil : Self.string(d, d.member(item, "name"))), !isPage || headline == nil {
                    headline = h
                }
            }
            if authors.isEmpty || !isPage {
                let value = d.member(item, "author") ?? d.member(item, "creator")
                let found = Self.names(d, value)
                if !found.isEmpty { authors = found }
                let ids = Self.ids(d, value)
                if found.isEmpty, !ids.isEmpty { authorIDs = ids }
            }
            if datePublished == nil || !isPage, let date = Self.string(d, d.member(item, "datePublished") ?? d.member(item, "dateCreated")) {
                datePublished = date
            }
            if dateModified == nil || !isPage, let date = Self.string(d, d.member(item, "dateModified")) { dateModified = date }
            if publisher == nil, let p = Self.names(d, d.member(item, "publisher")).first { publisher = p }
            if language == nil { language = Self.string(d, d.member(item, "inLanguage")) }
            if description == nil { description = Self.string(d, d.member(item, "description")) }
        }
    }

    static func ids(_ d: JSONLDDocument, _ value: Int?) -> [String] {
        guard let value else { return [] }
        if d.kind(value) == .array { return d.elements(value).flatMap { ids(d, $0) } }
        if d.kind(value) == .object, d.member(value, "name") == nil, let id = d.string(d.member(value, "@id")) { return [id] }
        return []
    }

    static func types(_ d: JSONLDDocument, _ value: Int?) -> [String] {
        guard let value else { return [] }
        if let s = d.string(value) { return [s.fastLowercased] }
        if d.kind(value) == .array { return d.elements(value).compactMap { d.string($0)?.fastLowercased } }
        return []
    }

    static func string(_ d: JSONLDDocument, _ value: Int?) -> String? {
        guard let value else { return nil }
        if let s = d.string(value) { return s.collapsedWhitespace.nonEmpty }
        if d.kind(value) == .array { return d.elements(value).lazy.compactMap { string(d, $0) }.first }
        if d.kind(value) == .object { return string(d, d.member(value, "name") ?? d.member(value, "@value")) }
        return nil
    }

    static func names(_ d: JSONLDDocument, _ value: Int?) -> [String] {
        guard let value else { return [] }
        if let s = d.string(value) { return s.hasPrefix("http") ? [] : [s.collapsedWhitespace] }
        if d.kind(value) == .array { return d.elements(value).flatMap { names(d, $0) } }
        if d.kind(value) == .object, let name = string(d, d.member(value, "name")) { return [name] }
        return []
    }

    /// The facts of a block read by Foundation's `JSONSerialization` (for the few texts the own reader leaves to it).
    mutating func absorbWithFoundation(_ script: String) {
        guard let data = script.trimmed.data(using: .utf8),
            let json = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        else { return }
        var queue: [Any] = [json]
        var visited = 0
        while let item = queue.popLast(), visited < 500 {
            visited += 1
            if let array = item as? [Any] {
                queue.append(contentsOf: array.reversed())
                continue
            }
            guard let object = item as? [String: Any] else { continue }
            if let graph = object["@graph"] { queue.append(graph) }
            if let id = object["@id"] as? String, let name = Self.string(object["name"]), namesByID[id] == nil {
                namesByID[id] = name
            }
            if let body = object["articleBody"] as? String, body.utf8.count > (articleBody?.utf8.count ?? 0) {
                articleBody = body
            }
            let types = Self.types(object["@type"])
            guard types.contains(where: { Self.articleTypes.contains($0) }) else { continue }
            let isPage = types.allSatisfy { $0 == "webpage" || $0 == "itempage" || $0 == "creativework" }
            // A recipe's or how-to's name is the dish, not the article's headline.
            let isRecipe = types.contains("recipe") || types.contains("howto")
            if !isRecipe, headline == nil || (!isPage && headline != nil) {
                if let h = Self.string(object["headline"]) ?? (isPage ? nil : Self.string(object["name"])), !isPage || headline == nil {
                    headline = h
                }
            }
            if authors.isEmpty || !isPage {
                let value = object["author"] ?? object["creator"]
                let found = Self.names(value)
                if !found.isEmpty { authors = found }
                let ids = Self.ids(value)
                if found.isEmpty, !ids.isEmpty { authorIDs = ids }
            }
            if datePublished == nil || !isPage, let d = Self.string(object["datePublished"] ?? object["dateCreated"]) {
                datePublished = d
            }
            if dateModified == nil || !isPage, let d = Self.string(object["dateModified"]) { dateModified = d }
            if publisher == nil, let p = Self.names(object["publisher"]).first { publisher = p }
            if language == nil { language = Self.string(object["inLanguage"]) }
            if description == nil { description = Self.string(object["description"]) }
        }
    }

    static func ids(_ value: Any?) -> [String] {
        if let a = value as? [Any] { return a.flatMap { ids($0) } }
        if let o = value as? [String: Any], o["name"] == nil, let id = o["@id"] as? String { return [id] }
        return []
    }

    /// Article authors, with "@id" references resolved against the graph.
    var resolvedAuthors: [String] {
        if !authors.isEmpty { return authors }
        return authorIDs.compactMap { namesByID[$0] }
    }

    static func types(_ value: Any?) -> [String] {
        if let s = value as? String { return [s.fastLowercased] }
        if let a = value as? [Any] { return a.compactMap { ($0 as? String)?.fastLowercased } }
        return []
    }

    static func string(_ value: Any?) -> String? {
        if let s = value as? String { return s.collapsedWhitespace.nonEmpty }
        if let a = value as? [Any] { return a.lazy.compactMap { string($0) }.first }
        if let o = value as? [String: Any] { return string(o["name"] ?? o["@value"]) }
        return nil
    }

    static func names(_ value: Any?) -> [String] {
        if let s = value as? String { return s.hasPrefix("http") ? [] : [s.collapsedWhitespace] }
        if let a = value as? [Any] { return a.flatMap { names($0) } }
        if let o = value as? [String: Any], let name = string(o["name"]) { return [name] }
        return []
    }
}

extension String {
    /// Leading and trailing whitespace removed (pure Swift; Foundation's trimming bridges to NSString).
    var trimmed: String {
        let u = utf8
        guard let f = u.first, let l = u.last else { return self }
        if f > 0x20 && f < 0x80 && l > 0x20 && l < 0x80 { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
    var nonEmpty: String? { isEmpty ? nil : self }
    /// Whitespace runs (including no-break spaces) collapsed to one space, ends trimmed.
    var collapsedWhitespace: String {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        var pendingSpace = false
        let bytes = Array(utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var width = 0
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C || b == 0x0B {
                width = 1
            } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 || bytes[i + 1] == 0x85 {
                width = 2
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80,
                (bytes[i + 2] >= 0x80 && bytes[i + 2] <= 0x8A) || bytes[i + 2] == 0xAF || bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9
            {
                width = 3
            } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x81, bytes[i + 2] == 0x9F {
                width = 3
            } else if b == 0xE3, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0x80 {
                width = 3
            }
            if width > 0 {
                pendingSpace = true
                i += width
                continue
            }
            if pendingSpace && !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
extension Substring {
    /// The word without trailing punctuation ("Pickert," → "Pickert").
    var trimmingPunctuation: String {
        var w = self
        while let l = w.last, l == "," || l == ";" || l == ":" || l == "." || l == ")" || l == "|" { w = w.dropLast() }
        return String(w)
    }
}

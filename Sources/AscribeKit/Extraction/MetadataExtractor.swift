import Foundation
import HTMLTree

/// Reads title, bylines, dates, publisher, canonical URL, language and description from a page.
///
/// Sources in order of trust: JSON-LD (schema.org), Open Graph / article / Dublin Core meta tags,
/// microdata (`itemprop`), then the visible page (`<h1>`, `<time>`, "By …" lines, `<title>`).
struct MetadataExtractor {
    let tree: HTMLTree

    /// Every `<meta>` name/property (lower-cased) with its content, first one wins.
    private(set) var meta: [String: String] = [:]
    private(set) var jsonLD = JSONLDFacts()
    private(set) var canonical: String?
    private(set) var language: String?
    private(set) var titleElement: String?
    private(set) var headings: [String] = []
    private(set) var itemprops: [String: String] = [:]
    private(set) var authorLinks: [String] = []
    private(set) var timeElements: [String] = []

    init(tree: HTMLTree) {
        self.tree = tree
        collect()
    }

    private mutating func collect() {
        let nodes = tree.nodes
        var jsonScripts: [String] = []
        for i in nodes.indices where nodes[i].kind == .element {
            switch nodes[i].name {
            case "meta":
                let key = (tree.attribute("property", of: i) ?? tree.attribute("name", of: i) ?? tree.attribute("itemprop", of: i))?
                    .lowercased()
                if let key, let content = tree.attribute("content", of: i), !content.isEmpty, meta[key] == nil {
                    meta[key] = content.trimmed
                }
                if let key = tree.attribute("http-equiv", of: i)?.lowercased(), key == "content-language",
                    let content = tree.attribute("content", of: i)
                {
                    meta["content-language"] = content.trimmed
                }
            case "link":
                let rel = tree.attribute("rel", of: i)?.lowercased() ?? ""
                if rel == "canonical", canonical == nil, let href = tree.attribute("href", of: i) { canonical = href.trimmed }
            case "html":
                if language == nil { language = tree.attribute("lang", of: i) ?? tree.attribute("xml:lang", of: i) }
            case "title":
                if titleElement == nil { titleElement = tree.textContent(of: i).collapsedWhitespace }
            case "h1":
                if headings.count < 3 { headings.append(tree.textContent(of: i).collapsedWhitespace) }
            case "script":
                if let type = tree.attribute("type", of: i)?.lowercased(), type.contains("ld+json") {
                    jsonScripts.append(tree.textContent(of: i))
                }
            case "time":
                if let value = tree.attribute("datetime", of: i) ?? tree.attribute("content", of: i), timeElements.count < 5 {
                    timeElements.append(value.trimmed)
                }
            case "a":
                if let rel = tree.attribute("rel", of: i)?.lowercased(), rel.split(separator: " ").contains("author") {
                    let name = tree.textContent(of: i).collapsedWhitespace
                    if !name.isEmpty { authorLinks.append(name) }
                }
            default:
                break
            }
            if let prop = tree.attribute("itemprop", of: i), itemprops[prop] == nil {
                let value: String
                if let content = tree.attribute("content", of: i) ?? tree.attribute("datetime", of: i) {
                    value = content
                } else if prop == "author" || prop == "creator" {
                    // An author item: prefer its inner itemprop=name.
                    var name: String?
                    var j = i + 1
                    while j < nodes[i].subtreeEnd {
                        if nodes[j].kind == .element, tree.attribute("itemprop", of: j) == "name" {
                            name = tree.attribute("content", of: j) ?? tree.textContent(of: j)
                            break
                        }
                        j += 1
                    }
                    value = name ?? tree.textContent(of: i)
                } else if nodes[i].name == "meta" || nodes[i].name == "link" {
                    value = tree.attribute("href", of: i) ?? ""
                } else {
                    value = tree.textContent(of: i)
                }
                let clean = value.collapsedWhitespace
                if !clean.isEmpty && clean.utf8.count < 300 { itemprops[prop] = clean }
            }
        }
        for script in jsonScripts { jsonLD.absorb(script) }
    }

    func metadata(pageURL: String?) -> Metadata {
        var m = Metadata()
        m.title = title()
        m.byline = byline()
        let publishedCandidates: [String?] = [
            jsonLD.datePublished, meta["article:published_time"], itemprops["datePublished"], meta["og:published_time"],
            meta["date"], meta["dc.date"], meta["dc.date.issued"], meta["dcterms.date"], meta["publish-date"],
            meta["pubdate"], meta["sailthru.date"], meta["parsely-pub-date"], meta["citation_publication_date"],
            timeElements.first, meta["article:modified_time"], jsonLD.dateModified,
        ]
        m.published = publishedCandidates.lazy.compactMap { DateNormalizer.iso($0) }.first
        m.modified = DateNormalizer.iso(
            jsonLD.dateModified ?? meta["article:modified_time"] ?? meta["og:updated_time"] ?? itemprops["dateModified"])
        m.publisher = (jsonLD.publisher ?? meta["og:site_name"] ?? meta["application-name"] ?? itemprops["publisher"])?
            .collapsedWhitespace.nonEmpty
        m.url = absolute(canonical, base: pageURL) ?? absolute(meta["og:url"], base: pageURL) ?? pageURL
        m.language = (language ?? meta["content-language"] ?? jsonLD.language ?? meta["og:locale"])?.trimmed.nonEmpty
            .map { $0.replacingOccurrences(of: "_", with: "-") }
        m.description = (meta["description"] ?? meta["og:description"] ?? jsonLD.description)?.collapsedWhitespace.nonEmpty
        return m
    }

    private func title() -> String? {
        let candidates = [jsonLD.headline, meta["og:title"], meta["twitter:title"], headings.first, titleElement]
        let site = (jsonLD.publisher ?? meta["og:site_name"])?.collapsedWhitespace
        for case let candidate? in candidates {
            let clean = TitleCleaner.strip(candidate.collapsedWhitespace, site: site, headings: headings)
            if !clean.isEmpty { return clean }
        }
        return nil
    }

    private func byline() -> [String] {
        let organisation = (jsonLD.publisher ?? meta["og:site_name"])?.lowercased()
        var raw: [String] = jsonLD.authors
        if raw.isEmpty, let author = meta["author"] ?? meta["dc.creator"] ?? meta["parsely-author"] ?? meta["sailthru.author"] {
            raw = [author]
        }
        if raw.isEmpty, let author = meta["article:author"], !author.hasPrefix("http") { raw = [author] }
        if raw.isEmpty, let author = itemprops["author"] ?? itemprops["creator"] { raw = [author] }
        if raw.isEmpty { raw = Array(authorLinks.prefix(3)) }
        var names: [String] = []
        for value in raw {
            let name = BylineCleaner.clean(value)
            guard !name.isEmpty, name.lowercased() != organisation, !names.contains(name) else { continue }
            names.append(name)
        }
        return names
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

    static let articleTypes: Set<String> = [
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "techarticle", "scholarlyarticle", "socialmediaposting", "liveblogposting", "backgroundnewsarticle",
        "reviewnewsarticle", "review", "report", "webpage", "itempage", "creativework", "posting",
    ]

    mutating func absorb(_ script: String) {
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
            let types = Self.types(object["@type"])
            guard types.contains(where: { Self.articleTypes.contains($0) }) else { continue }
            let isPage = types.allSatisfy { $0 == "webpage" || $0 == "itempage" || $0 == "creativework" }
            if headline == nil || (!isPage && headline != nil) {
                if let h = Self.string(object["headline"]) ?? (isPage ? nil : Self.string(object["name"])), !isPage || headline == nil {
                    headline = h
                }
            }
            if authors.isEmpty || !isPage {
                let found = Self.names(object["author"] ?? object["creator"])
                if !found.isEmpty { authors = found }
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

    static func types(_ value: Any?) -> [String] {
        if let s = value as? String { return [s.lowercased()] }
        if let a = value as? [Any] { return a.compactMap { ($0 as? String)?.lowercased() } }
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
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
    var nonEmpty: String? { isEmpty ? nil : self }
    /// Whitespace runs (including no-break spaces) collapsed to one space, ends trimmed.
    var collapsedWhitespace: String {
        split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}

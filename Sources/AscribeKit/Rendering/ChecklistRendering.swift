/// Renders a `Checklist` for a terminal, as a Markdown task list, as JSON, as a self-contained
/// HTML report, or as schema.org ClaimReview stubs.
public enum ChecklistRenderer {
    // MARK: Text

    /// Terminal text: a sources table, counts, then the items. `colour` adds ANSI styles.
    public static func text(_ checklist: Checklist, colour: Bool = false) -> String {
        func bold(_ s: String) -> String { colour ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
        func dim(_ s: String) -> String { colour ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
        func red(_ s: String) -> String { colour ? "\u{1B}[31m\(s)\u{1B}[0m" : s }
        let report = checklist.report
        var out = ""
        if let title = report.article.metadata.title { out += bold(title) + "\n\n" }
        out += bold("Sources") + "\n"
        if report.sources.isEmpty { out += "  (none named)\n" }
        for s in report.sources {
            var line = "  \(s.name) [\(s.kind.rawValue)]"
            if let role = s.role { line += " — \(role)" }
            line += ": \(s.claims.count) claim\(s.claims.count == 1 ? "" : "s")"
            if !s.carriers.isEmpty { line += ", via " + s.carriers.map { $0.isStateControlled ? "\($0.name) (state-controlled)" : $0.name }.joined(separator: ", ") }
            out += line + "\n"
        }
        var kinds: [AttributionKind: Int] = [:]
        for a in report.analysis.attributions { kinds[a.kind, default: 0] += 1 }
        let unattributed = report.claims.filter { $0.status == .unattributed }.count
        let interpretation = report.claims.filter { $0.status == .interpretation }.count
        out += "\n" + bold("Counts") + "\n  \(report.analysis.attributions.count) attributions ("
        out += AttributionKind.allCases.compactMap { k in kinds[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
        out += "); \(report.claims.count) claims, \(unattributed) unattributed, \(interpretation) interpretation\n"
        var flags: [ReasonCode: Int] = [:]
        for item in checklist.items { for r in item.reasons { flags[r.code, default: 0] += 1 } }
        if !flags.isEmpty {
            out += "  flags: " + ReasonCode.allCases.compactMap { c in flags[c].map { "\(c.rawValue) \($0)" } }.joined(separator: ", ") + "\n"
        }
        out += "\n" + bold("Checklist (\(checklist.items.count) items, highest priority first)") + "\n"
        for item in checklist.items {
            out += "\n[ ] \(item.id)  " + (item.priority >= 6 ? red("priority \(item.priority)") : "priority \(item.priority)") + "\n"
            out += "    " + clip(item.text, 220) + "\n"
            if let source = item.source { out += dim("    source: \(source)" + (item.carrier.map { " · carrier: \($0)" } ?? "")) + "\n" }
            for r in item.reasons { out += "    - \(r.code.rawValue): \(r.explanation)\n" }
            for v in item.verify { out += "    → \(v)\n" }
        }
        return out
    }

    static func clip(_ s: String, _ n: Int) -> String {
        let flat = s.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
        return flat.count <= n ? flat : String(flat.prefix(n - 1)) + "…"
    }

    // MARK: Markdown

    /// A GitHub task list ready to paste into a ticket.
    public static func markdown(_ checklist: Checklist) -> String {
        let report = checklist.report
        var out = "## Verification checklist"
        if let title = report.article.metadata.title { out += ": " + ArticleRenderer.escapeMarkdown(title) }
        out += "\n\n"
        if let url = report.article.metadata.url { out += "Article: <\(url)>\n\n" }
        for item in checklist.items {
            out += "- [ ] **\(item.id)** " + ArticleRenderer.escapeMarkdown(clip(item.text, 300))
            if let source = item.source { out += " — *" + ArticleRenderer.escapeMarkdown(source) + "*" }
            if let carrier = item.carrier { out += " (via " + ArticleRenderer.escapeMarkdown(carrier) + ")" }
            out += "\n"
            out += "  - why: " + item.reasons.map { "`\($0.code.rawValue)` " + ArticleRenderer.escapeMarkdown($0.explanation) }.joined(separator: "; ") + "\n"
            for v in item.verify { out += "  - verify: " + ArticleRenderer.escapeMarkdown(v) + "\n" }
        }
        if checklist.items.isEmpty { out += "Nothing to check: no claims found.\n" }
        return out
    }

    // MARK: JSON

    /// The `check --format json` object plus `claims`, `sources` and `checklist`.
    public static func json(_ checklist: Checklist) -> JSONValue {
        let report = checklist.report
        let offsets = TextOffsets(report.article.text)
        let utf8 = Array(report.article.text.utf8)
        func span(_ r: Range<Int>) -> JSONValue {
            .object([
                "start": .int(offsets.scalarOffset(r.lowerBound)), "end": .int(offsets.scalarOffset(r.upperBound)),
                "text": .string(String(decoding: utf8[r], as: UTF8.self)),
            ])
        }
        guard case .object(var root) = AttributionRenderer.json(report.analysis) else { return .null }
        root["claims"] = .array(report.claims.map { c in
            .object([
                "id": .string(c.id), "span": span(c.range), "status": .string(c.status.rawValue),
                "features": .array(c.features.map { .string($0.rawValue) }),
                "attribution": c.attribution.map { .int($0) } ?? .null, "basis": .string(c.basis.rawValue),
                "source": c.source.map { .int($0) } ?? .null,
                "links": .array(c.links.map { i in .object(["href": .string(report.article.links[i].href), "anchor": span(report.article.links[i].range)]) }),
                "hedges": .array(c.hedges.map { .string($0) }),
                "secondHandVia": c.secondHandVia.map { .int($0) } ?? .null,
            ])
        })
        root["sources"] = .array(report.sources.map { s in
            .object([
                "name": .string(s.name), "kind": .string(s.kind.rawValue), "role": .optional(s.role),
                "mentions": .array(s.mentions.map(span)),
                "carriers": .array(s.carriers.map { o in .object(["name": .string(o.name), "stateAffiliation": .string(o.stateAffiliation), "citation": .string(o.citation)]) }),
                "claims": .array(s.claims.map { .string(report.claims[$0].id) }),
            ])
        })
        root["checklist"] = .array(checklist.items.map { item in
            .object([
                "id": .string(item.id), "claim": item.claim.map { .string(report.claims[$0].id) } ?? .null,
                "text": .string(item.text), "source": .optional(item.source), "carrier": .optional(item.carrier),
                "reasons": .array(item.reasons.map { .object(["code": .string($0.code.rawValue), "explanation": .string($0.explanation)]) }),
                "verify": .array(item.verify.map { .string($0) }), "priority": .int(item.priority), "status": .string(item.status),
            ])
        })
        return .object(root)
    }

    // MARK: ClaimReview

    /// schema.org ClaimReview stubs, one per attributed or unattributed claim; `reviewRating` is
    /// left for the reviewer.
    public static func claimReview(_ checklist: Checklist) -> JSONValue {
        let report = checklist.report
        let m = report.article.metadata
        var reviews: [JSONValue] = []
        for item in checklist.items {
            guard let n = item.claim else { continue }
            let claim = report.claims[n]
            var appearance: [String: JSONValue] = ["@type": .string("CreativeWork")]
            if let url = m.url { appearance["url"] = .string(url) }
            if let title = m.title { appearance["headline"] = .string(title) }
            if let published = m.published { appearance["datePublished"] = .string(published) }
            var itemReviewed: [String: JSONValue] = ["@type": .string("Claim"), "appearance": .object(appearance)]
            if let source = claim.source.map({ report.sources[$0] }) {
                itemReviewed["author"] = .object(["@type": .string(source.kind == .person ? "Person" : "Organization"), "name": .string(source.name)])
            }
            if let published = m.published { itemReviewed["datePublished"] = .string(published) }
            reviews.append(.object([
                "@context": .string("https://schema.org"), "@type": .string("ClaimReview"),
                "identifier": .string(item.id), "claimReviewed": .string(item.text),
                "itemReviewed": .object(itemReviewed), "reviewRating": .null,
                "url": .optional(m.url.map { $0 + "#" + item.id }),
            ]))
        }
        return .array(reviews)
    }
}

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
    public static func json(_ checklist: Checklist) -> JSONValue { members(checklist).tree }

    /// The `checklist --format json` text (`pretty`: indented, else one line).
    public static func jsonText(_ checklist: Checklist, pretty: Bool = true) -> String {
        members(checklist).serialized(pretty: pretty)
    }

    /// The members of the `checklist` object: the `check` object's plus `claims`, `sources` and
    /// `checklist`.
    public static func members(_ checklist: Checklist) -> JSONMembers {
        let report = checklist.report
        let spans = JSONSpans(report.article.text)
        let added: JSONMembers = [
            ("claims", { w in
                w.array { w in
                    for c in report.claims {
                        w.object { w in
                            w.member("attribution", c.attribution)
                            w.member("basis", c.basis.rawValue)
                            w.key("features")
                            w.array { w in
                                for f in c.features { w.string(f.rawValue) }
                            }
                            w.key("hedges")
                            w.array { w in
                                for h in c.hedges { w.string(h) }
                            }
                            w.member("id", c.id)
                            w.key("links")
                            w.array { w in
                                for i in c.links {
                                    w.object { w in
                                        w.key("anchor")
                                        spans.span(report.article.links[i].range, &w)
                                        w.member("href", report.article.links[i].href)
                                    }
                                }
                            }
                            w.member("secondHandVia", c.secondHandVia)
                            w.member("source", c.source)
                            w.key("span")
                            spans.span(c.range, &w)
                            w.member("status", c.status.rawValue)
                        }
                    }
                }
            }),
            ("sources", { w in
                w.array { w in
                    for s in report.sources {
                        w.object { w in
                            w.key("carriers")
                            w.array { w in
                                for o in s.carriers {
                                    w.object { w in
                                        w.member("citation", o.citation)
                                        w.member("name", o.name)
                                        w.member("stateAffiliation", o.stateAffiliation)
                                    }
                                }
                            }
                            w.key("claims")
                            w.array { w in
                                for c in s.claims { w.string(report.claims[c].id) }
                            }
                            w.member("kind", s.kind.rawValue)
                            w.key("mentions")
                            w.array { w in
                                for r in s.mentions { spans.span(r, &w) }
                            }
                            w.member("name", s.name)
                            w.member("role", s.role)
                        }
                    }
                }
            }),
            ("checklist", { w in
                w.array { w in
                    for item in checklist.items {
                        w.object { w in
                            w.member("carrier", item.carrier)
                            w.member("claim", item.claim.map { report.claims[$0].id })
                            w.member("id", item.id)
                            w.member("priority", item.priority)
                            w.key("reasons")
                            w.array { w in
                                for r in item.reasons {
                                    w.object { w in
                                        w.member("code", r.code.rawValue)
                                        w.member("explanation", r.explanation)
                                    }
                                }
                            }
                            w.member("source", item.source)
                            w.member("status", item.status)
                            w.member("text", item.text)
                            w.key("verify")
                            w.array { w in
                                for v in item.verify { w.string(v) }
                            }
                        }
                    }
                }
            }),
        ]
        return AttributionRenderer.members(report.analysis, spans: spans) + added
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

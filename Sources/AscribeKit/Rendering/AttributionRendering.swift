/// Renders an `AttributionAnalysis`: the JSON contract, or text grouped by resolved source.
public enum AttributionRenderer {
    /// The `check --format json` object: the extract contract plus `attributions` and `sentences`.
    public static func json(_ analysis: AttributionAnalysis) -> JSONValue { members(analysis).tree }

    /// The `check --format json` text (`pretty`: indented, else one line).
    public static func jsonText(_ analysis: AttributionAnalysis, pretty: Bool = true) -> String {
        members(analysis).serialized(pretty: pretty)
    }

    /// The members of the `check` object, for renderers that extend it.
    public static func members(_ analysis: AttributionAnalysis, spans: JSONSpans? = nil) -> JSONMembers {
        let spans = spans ?? JSONSpans(analysis.article.text)
        let added: JSONMembers = [
            ("sentences", { w in
                w.array { w in
                    for r in analysis.sentences {
                        w.array { w in
                            w.int(spans.scalarOffset(r.lowerBound))
                            w.int(spans.scalarOffset(r.upperBound))
                        }
                    }
                }
            }),
            ("attributions", { w in
                w.array { w in
                    for a in analysis.attributions { write(a, spans, &w) }
                }
            }),
        ]
        return ArticleRenderer.members(analysis.article, spans: spans) + added
    }

    private static func write(_ a: Attribution, _ spans: JSONSpans, _ w: inout JSONWriter) {
        func spanList(_ ranges: [Range<Int>], _ w: inout JSONWriter) {
            w.array { w in
                for r in ranges { spans.span(r, &w) }
            }
        }
        w.object { w in
            w.key("carrier")
            if let c = a.carrier {
                w.object { w in
                    if let o = c.outlet {
                        w.member("citation", o.citation)
                        w.member("country", o.country)
                        w.member("name", o.name)
                    }
                    w.key("span")
                    spans.span(c.range, &w)
                    if let o = c.outlet {
                        w.member("stateAffiliation", o.stateAffiliation)
                    }
                }
            } else {
                w.null()
            }
            w.key("content")
            spanList(a.content, &w)
            // One span, or a list when the cue is broken ("…," she said, "…").
            w.key("cue")
            if a.cue.count == 1 { spans.span(a.cue[0], &w) } else { spanList(a.cue, &w) }
            w.member("kind", a.kind.rawValue)
            w.member("loadedCue", a.loadedCue)
            w.key("sentence")
            spans.span(a.sentence, &w)
            w.key("source")
            if a.source.isEmpty {
                w.null()
            } else if a.source.count == 1 {
                spans.span(a.source[0], &w)
            } else {
                spanList(a.source, &w)
            }
            w.key("sourceResolved")
            if let r = a.sourceResolved {
                w.object { w in
                    w.member("basis", r.basis)
                    w.member("kind", r.kind.rawValue)
                    w.member("name", r.name)
                    w.member("role", r.role)
                }
            } else {
                w.null()
            }
        }
    }

    /// Terminal text: one group per resolved source, its attributions beneath, then counts by kind.
    public static func text(_ analysis: AttributionAnalysis) -> String {
        let utf8 = Array(analysis.article.text.utf8)
        func slice(_ r: Range<Int>) -> String { String(decoding: utf8[r], as: UTF8.self) }
        func clip(_ s: String, _ n: Int = 160) -> String {
            let flat = s.split(whereSeparator: { $0 == "\n" }).joined(separator: " ")
            return flat.count <= n ? flat : String(flat.prefix(n - 1)) + "…"
        }
        var out = ""
        if let title = analysis.article.metadata.title { out += title + "\n\n" }
        guard !analysis.attributions.isEmpty else {
            return out + "No attributions found (\(analysis.sentences.count) sentences read).\n"
        }
        // Groups in order of first appearance.
        var order: [String] = []
        var groups: [String: [Attribution]] = [:]
        for a in analysis.attributions {
            let key = a.sourceResolved.map { "\($0.name) [\($0.kind.rawValue)]" } ?? "(no source)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(a)
        }
        for key in order {
            let items = groups[key]!
            out += key
            if let role = items.compactMap({ $0.sourceResolved?.role }).first { out += " — " + role }
            out += "\n"
            for a in items {
                let cue = a.cue.map(slice).joined(separator: " … ")
                var line = "  \(a.kind.rawValue): \"\(cue)\""
                if !a.source.isEmpty { line += " (source: \(a.source.map(slice).joined(separator: "; ")))" }
                if let c = a.carrier {
                    line += " via \(c.outlet?.name ?? slice(c.range))"
                    if let o = c.outlet, o.stateAffiliation != "no" { line += " (\(o.stateAffiliation))" }
                }
                if a.loadedCue { line += " [loaded verb]" }
                out += line + "\n"
                out += "    " + clip(a.content.map(slice).joined(separator: " … ")) + "\n"
            }
            out += "\n"
        }
        var counts: [AttributionKind: Int] = [:]
        for a in analysis.attributions { counts[a.kind, default: 0] += 1 }
        out += "\(analysis.attributions.count) attributions in \(analysis.sentences.count) sentences: "
        out += AttributionKind.allCases.compactMap { k in counts[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ") + "\n"
        return out
    }
}

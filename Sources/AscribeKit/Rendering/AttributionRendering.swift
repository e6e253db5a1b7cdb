/// Renders an `AttributionAnalysis`: the JSON contract, or text grouped by resolved source.
public enum AttributionRenderer {
    /// The `check --format json` object: the extract contract plus `attributions` and `sentences`.
    public static func json(_ analysis: AttributionAnalysis) -> JSONValue {
        let article = analysis.article
        let offsets = TextOffsets(article.text)
        let utf8 = Array(article.text.utf8)
        func span(_ r: Range<Int>) -> JSONValue {
            .object([
                "start": .int(offsets.scalarOffset(r.lowerBound)),
                "end": .int(offsets.scalarOffset(r.upperBound)),
                "text": .string(String(decoding: utf8[r], as: UTF8.self)),
            ])
        }
        guard case .object(var root) = ArticleRenderer.json(article) else { return .null }
        root["sentences"] = .array(analysis.sentences.map { r in .array([.int(offsets.scalarOffset(r.lowerBound)), .int(offsets.scalarOffset(r.upperBound))]) })
        root["attributions"] = .array(
            analysis.attributions.map { a in
                var object: [String: JSONValue] = [
                    "kind": .string(a.kind.rawValue),
                    // One span, or a list when the cue is broken ("…," she said, "…").
                    "cue": a.cue.count == 1 ? span(a.cue[0]) : .array(a.cue.map(span)),
                    "source": a.source.isEmpty ? .null : a.source.count == 1 ? span(a.source[0]) : .array(a.source.map(span)),
                    "content": .array(a.content.map(span)),
                    "sentence": span(a.sentence),
                    "loadedCue": .bool(a.loadedCue),
                ]
                if let r = a.sourceResolved {
                    object["sourceResolved"] = .object([
                        "name": .string(r.name), "kind": .string(r.kind.rawValue), "role": .optional(r.role), "basis": .string(r.basis),
                    ])
                } else {
                    object["sourceResolved"] = .null
                }
                if let c = a.carrier {
                    var carrier: [String: JSONValue] = ["span": span(c.range)]
                    if let o = c.outlet {
                        carrier["name"] = .string(o.name)
                        carrier["stateAffiliation"] = .string(o.stateAffiliation)
                        carrier["country"] = .string(o.country)
                        carrier["citation"] = .string(o.citation)
                    }
                    object["carrier"] = .object(carrier)
                } else {
                    object["carrier"] = .null
                }
                return .object(object)
            })
        return .object(root)
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

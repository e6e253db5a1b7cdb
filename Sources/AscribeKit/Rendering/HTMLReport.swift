/// The self-contained HTML report: the article with each source's attributions highlighted in its
/// own colour, the checklist beside it. No scripts, no network, inline CSS, prints on paper.
public enum HTMLReport {
    static let palette = ["#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc", "#d9f99d", "#fecaca", "#e5e7eb"]

    public static func render(_ checklist: Checklist) -> String {
        let report = checklist.report
        let article = report.article
        let bytes = Array(article.text.utf8)
        let title = article.metadata.title ?? "Article"

        // Highlights: per attribution, its source colour; cue bold, content underlined.
        struct Mark { var range: Range<Int>; var cls: String; var title: String }
        var marks: [Mark] = []
        var sourceOf: [Int: Int] = [:]
        for claim in report.claims { if let a = claim.attribution, let s = claim.source { sourceOf[a] = s } }
        for (n, a) in report.analysis.attributions.enumerated() {
            let s = sourceOf[n].map { "s\($0 % palette.count)" } ?? "s-none"
            let who = a.sourceResolved?.name ?? "no source"
            for r in a.content { marks.append(Mark(range: r, cls: "content \(s)", title: "\(a.kind.rawValue): \(who)")) }
            for r in a.cue { marks.append(Mark(range: r, cls: "cue", title: "cue (\(a.kind.rawValue))")) }
            for r in a.source { marks.append(Mark(range: r, cls: "source \(s)", title: "source: \(who)")) }
        }
        for claim in report.claims where claim.status != .attributed {
            marks.append(Mark(range: claim.range, cls: claim.status == .interpretation ? "interp" : "unattr", title: claim.status.rawValue + " (" + claim.id + ")"))
        }
        // Paint byte by byte into non-overlapping segments (innermost mark wins: cue > source > content).
        let body = paint(bytes, marks.map { ($0.range, $0.cls, $0.title) })

        var css = """
            body{font:16px/1.55 Georgia,serif;margin:0;color:#111;background:#fff}
            header{padding:1rem 2rem;border-bottom:1px solid #ccc;font-family:system-ui,sans-serif}
            header h1{font-size:1.3rem;margin:0 0 .3rem}
            .meta{color:#555;font-size:.9rem}
            main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:2rem;padding:1rem 2rem}
            article p{margin:0 0 1em;white-space:pre-wrap}
            aside{font-family:system-ui,sans-serif;font-size:.92rem}
            aside h2{font-size:1.05rem;margin:1rem 0 .4rem}
            .cue{font-weight:bold;border-bottom:2px solid #333}
            .source{font-style:italic;outline:1px solid #888}
            .unattr{background:repeating-linear-gradient(135deg,#fff,#fff 4px,#fee2e2 4px,#fee2e2 8px)}
            .interp{background:#f3f4f6;border-bottom:2px dotted #9ca3af}
            .item{border:1px solid #ddd;border-radius:6px;padding:.5rem .7rem;margin:.5rem 0;break-inside:avoid}
            .item .id{font-family:ui-monospace,monospace;color:#555}
            .item .p{float:right;font-size:.8rem;color:#555}
            .item .hi{color:#b91c1c;font-weight:bold}
            .item ul{margin:.3rem 0 .2rem 1.1rem;padding:0}
            .code{font-family:ui-monospace,monospace;font-size:.82rem;background:#f3f4f6;padding:0 .2rem}
            table{border-collapse:collapse;width:100%}
            td,th{border-bottom:1px solid #eee;text-align:left;padding:.2rem .3rem;vertical-align:top}
            .swatch{display:inline-block;width:.9em;height:.9em;border:1px solid #999;vertical-align:middle}
            @media print{main{display:block}aside{page-break-before:always}header{border:0}}
            @media (max-width:800px){main{grid-template-columns:1fr}}

            """
        for (n, colour) in palette.enumerated() { css += ".s\(n){background:\(colour)}\n" }

        var html = "<!DOCTYPE html>\n<html lang=\"\(escape(article.metadata.language ?? "en"))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>Verification report: \(escape(title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n<header>\n"
        html += "<h1>\(escape(title))</h1>\n<div class=\"meta\">"
        var facts: [String] = []
        if !article.metadata.byline.isEmpty { facts.append("By " + escape(article.metadata.byline.joined(separator: ", "))) }
        if let p = article.metadata.published { facts.append(escape(p)) }
        if let p = article.metadata.publisher { facts.append(escape(p)) }
        if let u = article.metadata.url { facts.append("<a href=\"\(escape(u))\">\(escape(u))</a>") }
        facts.append("\(report.analysis.attributions.count) attributions, \(report.claims.count) claims, \(checklist.items.count) checklist items")
        html += facts.joined(separator: " · ") + "</div>\n</header>\n<main>\n<article>\n"
        for paragraph in body.split(separator: "\n\n", omittingEmptySubsequences: true) {
            html += "<p>" + paragraph + "</p>\n"
        }
        html += "</article>\n<aside>\n<h2>Sources</h2>\n<table>\n<tr><th></th><th>source</th><th>kind</th><th>claims</th></tr>\n"
        for (n, s) in report.sources.enumerated() {
            var name = escape(s.name)
            if let role = s.role { name += "<br><span class=\"meta\">\(escape(role))</span>" }
            if !s.carriers.isEmpty { name += "<br><span class=\"meta\">via \(escape(s.carriers.map { $0.isStateControlled ? "\($0.name) (state-controlled)" : $0.name }.joined(separator: ", ")))</span>" }
            html += "<tr><td><span class=\"swatch s\(n % palette.count)\"></span></td><td>\(name)</td><td>\(s.kind.rawValue)</td><td>\(s.claims.count)</td></tr>\n"
        }
        html += "</table>\n<p class=\"meta\">Highlight: source colour = what that source is credited with; <b>bold</b> = cue; hatched = unattributed claim; grey dotted = the author's interpretation.</p>\n"
        html += "<h2>Checklist</h2>\n"
        for item in checklist.items {
            html += "<div class=\"item\" id=\"\(escape(item.id))\"><span class=\"p\(item.priority >= 6 ? " hi" : "")\">priority \(item.priority)</span>"
            html += "<label><input type=\"checkbox\"> <span class=\"id\">\(escape(item.id))</span></label><br>"
            html += escape(ChecklistRenderer.clip(item.text, 400))
            if let source = item.source { html += "<br><span class=\"meta\">source: \(escape(source))\(item.carrier.map { " · carrier: " + escape($0) } ?? "")</span>" }
            html += "<ul>"
            for r in item.reasons { html += "<li><span class=\"code\">\(r.code.rawValue)</span> \(escape(r.explanation))</li>" }
            for v in item.verify { html += "<li>→ \(escape(v))</li>" }
            html += "</ul></div>\n"
        }
        if checklist.items.isEmpty { html += "<p>Nothing to check: no claims found.</p>\n" }
        html += "</aside>\n</main>\n</body>\n</html>\n"
        return html
    }

    /// The text with marks as nested spans; boundaries are the union of all mark edges.
    static func paint(_ bytes: [UInt8], _ marks: [(Range<Int>, String, String)]) -> String {
        var edges = Set([0, bytes.count])
        for (r, _, _) in marks where r.lowerBound >= 0 && r.upperBound <= bytes.count {
            edges.insert(r.lowerBound)
            edges.insert(r.upperBound)
        }
        let points = edges.sorted()
        // Priority: cue over source over content over claim shading.
        func rank(_ cls: String) -> Int { cls == "cue" ? 3 : cls.hasPrefix("source") ? 2 : cls.hasPrefix("content") ? 1 : 0 }
        let sortedMarks = marks.sorted { rank($0.1) > rank($1.1) }
        var out = ""
        for k in 0..<(points.count - 1) {
            let segment = points[k]..<points[k + 1]
            guard !segment.isEmpty else { continue }
            var text = escape(String(decoding: bytes[segment], as: UTF8.self))
            if let mark = sortedMarks.first(where: { $0.0.lowerBound <= segment.lowerBound && $0.0.upperBound >= segment.upperBound }) {
                // Keep paragraph breaks outside spans so the split into <p> still works.
                if !text.contains("\n\n") {
                    text = "<span class=\"\(mark.1)\" title=\"\(escape(mark.2))\">" + text + "</span>"
                }
            }
            out += text
        }
        return out
    }

    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }
}

/// Renders an `ArticleDiff`: terminal text, Markdown, JSON, or a self-contained side-by-side HTML page.
///
/// Every format puts the events first (highest priority first), then the aligned view. The
/// aligned view shows only what changed; runs of unchanged sentences collapse into one line, so a
/// 1 MB article with three edits prints three edits.
public enum DiffRenderer {
    /// Events, highest priority first, text order within a priority.
    static func ranked(_ diff: ArticleDiff) -> [DiffEvent] {
        diff.events.enumerated().sorted { ($0.element.priority.rank, $0.offset) < ($1.element.priority.rank, $1.offset) }.map(\.element)
    }

    static func flat(_ s: String, _ n: Int) -> String { ChecklistRenderer.clip(s, n) }

    /// A row of the aligned view, or a count of unchanged sentences folded away.
    enum ViewRow {
        case unchanged(Int)
        case row(AlignedSentence)
    }

    static func view(_ diff: ArticleDiff) -> [ViewRow] {
        var out: [ViewRow] = []
        var same = 0
        for row in diff.alignment.rows {
            if row.kind == .same {
                same += 1
                continue
            }
            if same > 0 { out.append(.unchanged(same)) }
            same = 0
            out.append(.row(row))
        }
        if same > 0 { out.append(.unchanged(same)) }
        return out
    }

    /// The text of an aligned sentence on each side.
    static func sentence(_ diff: ArticleDiff, old index: Int?) -> String? {
        index.map { slice(diff.old.text, diff.alignment.oldSentences[$0]) }
    }

    static func sentence(_ diff: ArticleDiff, new index: Int?) -> String? {
        index.map { slice(diff.new.text, diff.alignment.newSentences[$0]) }
    }

    static func slice(_ text: String, _ r: Range<Int>) -> String {
        let utf8 = text.utf8
        return String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: r.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: r.upperBound)], as: UTF8.self)
    }

    /// The new sentence with removed and added runs marked by `removed` and `added`.
    static func inline(_ diff: ArticleDiff, _ row: AlignedSentence, removed: (String) -> String, added: (String) -> String, plain: (String) -> String) -> String {
        guard let j = row.new else { return "" }
        let sentence = diff.alignment.newSentences[j]
        var out = ""
        var cursor = sentence.lowerBound
        // Removed words wait for the next run, so they land after the punctuation before it.
        var pending: String?
        for w in row.words {
            switch w.kind {
            case .removed:
                if let r = w.old { pending = (pending.map { $0 + " " } ?? "") + slice(diff.old.text, r) }
            case .kept, .added:
                guard let r = w.new else { continue }
                out += plain(slice(diff.new.text, cursor..<r.lowerBound))
                if let p = pending {
                    out += removed(p) + " "
                    pending = nil
                }
                out += w.kind == .kept ? plain(slice(diff.new.text, r)) : added(slice(diff.new.text, r))
                cursor = r.upperBound
            }
        }
        if let p = pending { out += " " + removed(p) }
        out += plain(slice(diff.new.text, cursor..<sentence.upperBound))
        return out
    }

    // MARK: Text

    /// Terminal text: the summary, the events, then the aligned view. `colour` adds ANSI styles.
    public static func text(_ diff: ArticleDiff, colour: Bool = false) -> String {
        func style(_ code: String, _ s: String) -> String { colour ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
        var out = style("1", diff.summary) + "\n"
        if diff.isUnrelated {
            if !diff.events.isEmpty { out += "\n" }
            for e in diff.events { out += "  \(e.type.rawValue): \(e.detail)\n" }
            return out
        }
        if diff.events.isEmpty { return out }
        out += "\n" + style("1", "Events (\(diff.events.count), highest priority first)") + "\n"
        for e in ranked(diff) {
            var label = e.priority.rawValue.uppercased()
            while label.count < 6 { label += " " }
            let tag = e.priority == .high ? style("31;1", label) : e.priority == .medium ? style("33", label) : style("2", label)
            out += "\n\(tag) \(style("1", e.type.rawValue))  \(e.detail)\n"
            if e.type == .metadataChanged { continue }
            if let s = e.old?.sentenceText { out += style("31", "       - " + flat(s, 200)) + "\n" }
            if let s = e.new?.sentenceText { out += style("32", "       + " + flat(s, 200)) + "\n" }
        }
        out += "\n" + style("1", "Aligned view") + "\n"
        for v in view(diff) {
            switch v {
            case .unchanged(let n):
                out += style("2", "  = \(n) unchanged sentence\(n == 1 ? "" : "s")") + "\n"
            case .row(let row):
                switch row.kind {
                case .edited:
                    out += "  ~ " + inline(diff, row, removed: { style("31;9", "[-" + $0 + "-]") }, added: { style("32;1", "{+" + $0 + "+}") }, plain: { flat($0, 10_000) })
                        + (row.moved ? style("36", "  (moved from sentence \((row.old ?? 0) + 1))") : "") + "\n"
                case .removed:
                    out += style("31", "  - " + flat(sentence(diff, old: row.old) ?? "", 300)) + "\n"
                case .added:
                    out += style("32", "  + " + flat(sentence(diff, new: row.new) ?? "", 300)) + "\n"
                case .moved:
                    out += style("36", "  > " + flat(sentence(diff, new: row.new) ?? "", 300) + "  (moved from sentence \((row.old ?? 0) + 1))") + "\n"
                case .same:
                    break
                }
            }
        }
        return out
    }

    // MARK: Markdown

    /// Markdown: the summary, a list of events, then the aligned view as a `diff` block.
    public static func markdown(_ diff: ArticleDiff) -> String {
        let md = ArticleRenderer.escapeMarkdown
        var out = "## Changes in claims and attributions"
        if let title = diff.new.metadata.title { out += ": " + md(title) }
        out += "\n\n" + md(diff.summary) + "\n"
        if diff.events.isEmpty || diff.isUnrelated { return out }
        out += "\n"
        for e in ranked(diff) {
            out += "- **\(e.priority.rawValue)** `\(e.type.rawValue)` " + md(e.detail) + "\n"
            if e.type == .metadataChanged { continue }
            if let s = e.old?.sentenceText { out += "  - before: " + md(flat(s, 300)) + "\n" }
            if let s = e.new?.sentenceText { out += "  - after: " + md(flat(s, 300)) + "\n" }
        }
        out += "\n### Aligned view\n\n```diff\n"
        for v in view(diff) {
            switch v {
            case .unchanged(let n): out += "  … \(n) unchanged sentence\(n == 1 ? "" : "s") …\n"
            case .row(let row):
                switch row.kind {
                case .edited, .removed:
                    if let s = sentence(diff, old: row.old) { out += "- " + flat(s, 10_000) + "\n" }
                    if row.kind == .edited, let s = sentence(diff, new: row.new) { out += "+ " + flat(s, 10_000) + "\n" }
                case .added: out += "+ " + flat(sentence(diff, new: row.new) ?? "", 10_000) + "\n"
                case .moved: out += "! " + flat(sentence(diff, new: row.new) ?? "", 10_000) + "   (moved from sentence \((row.old ?? 0) + 1))\n"
                case .same: break
                }
            }
        }
        out += "```\n"
        return out
    }

    // MARK: JSON

    /// `{"schema", "summary", "shared", "unrelated", "old", "new", "events", "alignment"}`: `old`
    /// and `new` are each version's extract object, and every span is Unicode-scalar offsets into
    /// the `text` of its own side.
    public static func json(_ diff: ArticleDiff) -> JSONValue {
        let offsetsA = TextOffsets(diff.old.text)
        let offsetsB = TextOffsets(diff.new.text)
        let bytesA = Array(diff.old.text.utf8)
        let bytesB = Array(diff.new.text.utf8)
        func span(_ r: Range<Int>?, _ offsets: TextOffsets, _ bytes: [UInt8]) -> JSONValue {
            guard let r else { return .null }
            return .object([
                "start": .int(offsets.scalarOffset(r.lowerBound)), "end": .int(offsets.scalarOffset(r.upperBound)),
                "text": .string(String(decoding: bytes[r], as: UTF8.self)),
            ])
        }
        func side(_ s: DiffEventSide?, _ offsets: TextOffsets, _ bytes: [UInt8]) -> JSONValue {
            guard let s else { return .null }
            return .object(["span": span(s.span, offsets, bytes), "sentence": span(s.sentence, offsets, bytes), "text": .string(s.text)])
        }
        var counts: [String: JSONValue] = [:]
        for kind in [AlignedSentence.Kind.same, .moved, .edited, .removed, .added] {
            counts[kind.rawValue] = .int(diff.alignment.rows.filter { $0.kind == kind }.count)
        }
        var byType: [String: JSONValue] = [:]
        for e in diff.events { if case .int(let n) = byType[e.type.rawValue] ?? .int(0) { byType[e.type.rawValue] = .int(n + 1) } }
        return .object([
            "schema": .string(Ascribe.schema),
            "summary": .string(diff.summary),
            "shared": .double((diff.shared * 1000).rounded() / 1000),
            "unrelated": .bool(diff.isUnrelated),
            "old": ArticleRenderer.json(diff.old),
            "new": ArticleRenderer.json(diff.new),
            "counts": .object(["sentences": .object(counts), "events": .object(byType)]),
            "events": .array(diff.events.map { e in
                .object([
                    "type": .string(e.type.rawValue), "priority": .string(e.priority.rawValue), "detail": .string(e.detail),
                    "old": side(e.old, offsetsA, bytesA), "new": side(e.new, offsetsB, bytesB),
                ])
            }),
            // Unchanged sentences are left out: they are every sentence not listed here.
            "alignment": .array(diff.alignment.rows.filter { $0.kind != .same }.map { row in
                .object([
                    "kind": .string(row.kind.rawValue),
                    "old": span(row.old.map { diff.alignment.oldSentences[$0] }, offsetsA, bytesA),
                    "new": span(row.new.map { diff.alignment.newSentences[$0] }, offsetsB, bytesB),
                    "words": .array(row.words.filter { $0.kind != .kept }.map { w in
                        .object(["kind": .string(w.kind.rawValue), "old": span(w.old, offsetsA, bytesA), "new": span(w.new, offsetsB, bytesB)])
                    }),
                ])
            }),
        ])
    }

    // MARK: HTML

    /// One self-contained page: the events, then old and new side by side with changed words
    /// struck out and inserted. No scripts, no network, inline CSS; every text escaped.
    public static func html(_ diff: ArticleDiff) -> String {
        let e = HTMLReport.escape
        let title = diff.new.metadata.title ?? diff.old.metadata.title ?? "Article"
        let css = """
            body{font:15px/1.5 Georgia,serif;margin:0;color:#111;background:#fff}
            header{padding:1rem 2rem;border-bottom:1px solid #ccc;font-family:system-ui,sans-serif}
            header h1{font-size:1.25rem;margin:0 0 .3rem}
            .meta{color:#555;font-size:.9rem}
            section{padding:.5rem 2rem;font-family:system-ui,sans-serif;font-size:.92rem}
            .event{border:1px solid #ddd;border-radius:6px;padding:.4rem .7rem;margin:.4rem 0}
            .p{display:inline-block;min-width:4.2em;font-size:.78rem;font-weight:bold;text-transform:uppercase}
            .high{color:#b91c1c}.medium{color:#b45309}.low{color:#6b7280}
            .type{font-family:ui-monospace,monospace;background:#f3f4f6;padding:0 .25rem}
            .ctx{color:#333;font-family:Georgia,serif;margin:.2rem 0 0 1rem;padding:0 .3rem}
            .ctx.before{background:#fef2f2}.ctx.after{background:#f0fdf4}
            .ctx .meta{font-family:system-ui,sans-serif;font-size:.75rem;display:inline-block;min-width:3.2em}
            .ctx.before mark{background:#fecaca}.ctx.after mark{background:#bbf7d0}
            table{border-collapse:collapse;width:100%;table-layout:fixed}
            td,th{border-bottom:1px solid #eee;vertical-align:top;padding:.3rem .6rem;text-align:left}
            th{font-family:system-ui,sans-serif;font-size:.85rem;color:#555}
            tr.removed td.o{background:#fee2e2}tr.added td.n{background:#dcfce7}
            tr.moved td{background:#e0f2fe}tr.fold td{color:#888;font-style:italic;text-align:center}
            del{background:#fecaca;text-decoration:line-through}ins{background:#bbf7d0;text-decoration:none}
            @media (max-width:800px){td,th{display:block;width:auto}}

            """
        var html = "<!DOCTYPE html>\n<html lang=\"\(e(diff.new.metadata.language ?? "en"))\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>Changes: \(e(title))</title>\n<style>\n\(css)</style>\n</head>\n<body>\n<header>\n"
        html += "<h1>\(e(title))</h1>\n<div class=\"meta\">\(e(diff.summary))</div>\n</header>\n<section>\n<h2>Events</h2>\n"
        if diff.events.isEmpty || diff.isUnrelated { html += "<p>\(e(diff.summary))</p>\n" }
        if !diff.isUnrelated {
            for ev in ranked(diff) {
                html += "<div class=\"event\"><span class=\"p \(ev.priority.rawValue)\">\(ev.priority.rawValue)</span> "
                html += "<span class=\"type\">\(ev.type.rawValue)</span> \(e(ev.detail))"
                if ev.type != .metadataChanged {
                    if let side = ev.old, side.sentence != nil { html += "<div class=\"ctx before\"><span class=\"meta\">before</span> \(highlighted(side))</div>" }
                    if let side = ev.new, side.sentence != nil { html += "<div class=\"ctx after\"><span class=\"meta\">after</span> \(highlighted(side))</div>" }
                }
                html += "</div>\n"
            }
        }
        html += "</section>\n<section>\n<h2>Side by side</h2>\n<table>\n<tr><th>old</th><th>new</th></tr>\n"
        if !diff.isUnrelated {
            for v in view(diff) {
                switch v {
                case .unchanged(let n):
                    html += "<tr class=\"fold\"><td colspan=\"2\">… \(n) unchanged sentence\(n == 1 ? "" : "s") …</td></tr>\n"
                case .row(let row):
                    let old = sentence(diff, old: row.old).map { e($0) } ?? ""
                    let new = sentence(diff, new: row.new).map { e($0) } ?? ""
                    switch row.kind {
                    case .edited:
                        let note = row.moved ? "<br><span class=\"meta\">moved from sentence \((row.old ?? 0) + 1)</span>" : ""
                        html += "<tr class=\"edited\"><td class=\"o\">\(marked(diff, row, old: true))</td><td class=\"n\">\(marked(diff, row, old: false))\(note)</td></tr>\n"
                    case .moved:
                        html += "<tr class=\"moved\"><td class=\"o\">\(old)</td><td class=\"n\">\(new)<br><span class=\"meta\">moved from sentence \((row.old ?? 0) + 1)</span></td></tr>\n"
                    default:
                        html += "<tr class=\"\(row.kind.rawValue)\"><td class=\"o\">\(old)</td><td class=\"n\">\(new)</td></tr>\n"
                    }
                }
            }
        }
        html += "</table>\n</section>\n</body>\n</html>\n"
        return html
    }

    /// An event's sentence, escaped, with its span in <mark> (the whole sentence when the span is).
    static func highlighted(_ side: DiffEventSide) -> String {
        guard let text = side.sentenceText, let sentence = side.sentence else { return HTMLReport.escape(side.text) }
        guard let span = side.span, span != sentence, span.lowerBound >= sentence.lowerBound, span.upperBound <= sentence.upperBound else {
            return HTMLReport.escape(text)
        }
        let bytes = Array(text.utf8)
        let lo = span.lowerBound - sentence.lowerBound
        let hi = span.upperBound - sentence.lowerBound
        func part(_ r: Range<Int>) -> String { HTMLReport.escape(String(decoding: bytes[r], as: UTF8.self)) }
        return part(0..<lo) + "<mark>" + part(lo..<hi) + "</mark>" + part(hi..<bytes.count)
    }

    /// One side of an edited pair, escaped, its changed runs in <del> (old) or <ins> (new).
    static func marked(_ diff: ArticleDiff, _ row: AlignedSentence, old: Bool) -> String {
        let text = old ? diff.old.text : diff.new.text
        guard let index = old ? row.old : row.new else { return "" }
        let sentence = old ? diff.alignment.oldSentences[index] : diff.alignment.newSentences[index]
        var out = ""
        var cursor = sentence.lowerBound
        for w in row.words {
            guard let r = old ? w.old : w.new else { continue }
            out += HTMLReport.escape(slice(text, cursor..<r.lowerBound))
            let words = HTMLReport.escape(slice(text, r))
            out += w.kind == .kept ? words : old ? "<del>\(words)</del>" : "<ins>\(words)</ins>"
            cursor = r.upperBound
        }
        out += HTMLReport.escape(slice(text, cursor..<sentence.upperBound))
        return out
    }
}

import HTMLTree

/// Element classes the extractor needs, from the HTML Living Standard's content models, as
/// lookup tables indexed by `HTMLTag` (a per-node check costs one array read).
enum HTMLVocabulary {
    /// Never text a reader sees as the article. Ruby annotations (furigana) would split every
    /// annotated word: 子<rt>こ</rt>ども.
    static let skipped = table([
        .script, .style, .noscript, .template, .svg, .math, .iframe, .object, .embed, .canvas, .video, .audio, .select,
        .option, .button, .textarea, .head, .title, .meta, .link, .map, .dialog, .frameset, .frame, .source, .track,
        .picture, .input, .rt, .rp,
    ])

    /// Elements that start and end a block of text.
    static let blockLevel = table([
        .p, .div, .section, .article, .main, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd, .blockquote,
        .pre, .table, .tr, .tbody, .thead, .tfoot, .caption, .figure, .figcaption, .header, .footer, .nav, .aside, .form,
        .fieldset, .address, .details, .summary, .hr, .center, .body, .html, .legend, .menu,
    ])

    /// Elements that are page chrome by their tag alone.
    static let chromeTags = table([.nav, .aside, .footer, .header, .menu])

    static func table(_ tags: [HTMLTag]) -> [Bool] {
        var table = [Bool](repeating: false, count: 256)
        for tag in tags { table[Int(tag.rawValue)] = true }
        return table
    }
}

extension Array where Element == Bool {
    /// Looks a tag up in a table made by `HTMLVocabulary.table`.
    @inline(__always) subscript(tag tag: HTMLTag) -> Bool { self[Int(tag.rawValue)] }
}

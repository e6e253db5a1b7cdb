/// Element classes the extractor needs, from the HTML Living Standard's content models.
enum HTMLVocabulary {
    /// Never text a reader sees as the article.
    static let skipped: Set<String> = [
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video",
        "audio", "select", "option", "button", "textarea", "head", "title", "meta", "link", "map", "dialog",
        "frameset", "frame", "source", "track", "picture", "input",
        // Ruby annotations (furigana) would split every annotated word: 子<rt>こ</rt>ども.
        "rt", "rp",
    ]

    /// Elements that start and end a block of text.
    static let blockLevel: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
        "dd", "blockquote", "pre", "table", "tr", "tbody", "thead", "tfoot", "caption", "figure", "figcaption",
        "header", "footer", "nav", "aside", "form", "fieldset", "address", "details", "summary", "hr", "center",
        "body", "html", "legend", "menu",
    ]

    /// Elements that are page chrome by their tag alone.
    static let chromeTags: Set<String> = ["nav", "aside", "footer", "header", "menu"]
}

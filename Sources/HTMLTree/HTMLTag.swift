/// The elements Ascribe's stages treat specially, as one byte, so per-node checks are table
/// lookups instead of string hashing. Every other element is `.other` (its name stays in `Node.name`).
public enum HTMLTag: UInt8, Sendable, CaseIterable {
    case other
    // Document structure
    case html, head, body, title, meta, link, base
    // Never article text
    case script, style, noscript, template, svg, math, iframe, object, embed, canvas, video, audio, select, option,
        button, textarea, map, dialog, frameset, frame, source, track, picture, input, rt, rp
    // Blocks
    case p, div, section, article, main, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, blockquote, pre, table, tr,
        tbody, thead, tfoot, caption, figure, figcaption, header, footer, nav, aside, form, fieldset, address,
        details, summary, hr, center, legend, menu
    // Inline elements with a role
    case a, br, img, td, th, time, span

    /// The tag for a lower-case element name.
    public init(name: String) {
        self = HTMLTag.byName[name] ?? .other
    }

    static let byName: [String: HTMLTag] = {
        var map: [String: HTMLTag] = [:]
        for tag in HTMLTag.allCases where tag != .other { map[String(describing: tag)] = tag }
        return map
    }()
}

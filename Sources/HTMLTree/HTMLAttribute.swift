/// Attribute names Ascribe's stages look up. Every tree interns them at these fixed indices of
/// `HTMLTree.names`, so finding one on an element compares integers, not strings.
public enum HTMLAttribute: Int32, Sendable, CaseIterable {
    case `class` = 1
    case id, itemprop, href, style, hidden, ariaHidden, role, rel, type, content, property, name, value, datetime, title,
        lang, xmlLang, httpEquiv, pubdate

    /// The lower-case attribute name.
    public var name: String {
        switch self {
        case .ariaHidden: "aria-hidden"
        case .xmlLang: "xml:lang"
        case .httpEquiv: "http-equiv"
        default: String(describing: self)
        }
    }
}

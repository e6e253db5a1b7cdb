/// An immutable HTML document tree, parsed by libxml2 and copied into Swift values at once.
///
/// Nodes are stored in document (pre-)order in one array. A node's descendants are the contiguous
/// run `index + 1 ..< node.subtreeEnd`, so every walk is a loop over indices — never recursion, so
/// a page nested 1,000,000 levels deep cannot overflow the stack.
public struct HTMLTree: Sendable {
    /// What a node is. Comments and processing instructions are not kept.
    public enum Kind: UInt8, Sendable {
        case element
        case text
    }

    /// One element or text node: plain integers, so walking and copying nodes costs no reference counting.
    public struct Node: Sendable, Equatable {
        public var kind: Kind
        /// The element as a known tag (`.other` for text and unlisted elements).
        public var tag: HTMLTag
        /// Index in `HTMLTree.names` of the lower-case tag name (0, the empty name, for text).
        public var nameIndex: Int32
        /// Index of the parent node, -1 for the roots.
        public var parent: Int
        /// Index one past the node's last descendant.
        public var subtreeEnd: Int
        /// For text nodes: the byte range of the text in `HTMLTree.text`.
        public var textRange: Range<Int>
        /// The range of this element's attributes in `HTMLTree.attributes`.
        public var attributeRange: Range<Int>
        /// Depth below the document node (roots have depth 0).
        public var depth: Int
    }

    /// One attribute: its lower-case name (an index in `HTMLTree.names`) and the byte range of its
    /// decoded value in `attributeText`.
    public struct Attribute: Sendable, Equatable {
        public var nameIndex: Int32
        public var valueRange: Range<Int>
        /// The attribute when it is one of the names stages look up.
        @inline(__always) public var known: HTMLAttribute? { HTMLAttribute(rawValue: nameIndex) }
    }

    public let nodes: [Node]
    public let attributes: [Attribute]
    /// Distinct element and attribute names, each once: "" at 0, the `HTMLAttribute` names at their raw values.
    public let names: [String]
    /// All attribute values as UTF-8 bytes (decoded, entities resolved), in document order.
    public let attributeText: [UInt8]
    /// All text-node contents as UTF-8 bytes, in document order.
    public let text: [UInt8]

    /// Indices of the direct children of `index`.
    public func children(of index: Int) -> ChildIndices {
        ChildIndices(nodes: nodes, start: index + 1, end: nodes[index].subtreeEnd)
    }

    /// The lower-case tag name of element `index` ("" for text).
    public func name(of index: Int) -> String { names[Int(nodes[index].nameIndex)] }

    /// The lower-case name of the attribute at `attributeIndex`.
    public func name(ofAttribute attributeIndex: Int) -> String { names[Int(attributes[attributeIndex].nameIndex)] }

    /// The value of attribute `name` on element `index`, if present (a tree parsed with
    /// `.lookedUp` holds only `HTMLAttribute` names and `charset`).
    public func attribute(_ name: String, of index: Int) -> String? {
        for a in nodes[index].attributeRange where self.name(ofAttribute: a) == name {
            return value(ofAttribute: a)
        }
        return nil
    }

    /// The value of the first `attribute` on element `index`, if present.
    public func attribute(_ attribute: HTMLAttribute, of index: Int) -> String? {
        attributeIndex(attribute, of: index).map { value(ofAttribute: $0) }
    }

    /// The index in `attributes` of the first `attribute` on element `index`.
    @inline(__always) public func attributeIndex(_ attribute: HTMLAttribute, of index: Int) -> Int? {
        for a in nodes[index].attributeRange where attributes[a].nameIndex == attribute.rawValue { return a }
        return nil
    }

    /// The value of the attribute at `attributeIndex` as a String.
    public func value(ofAttribute attributeIndex: Int) -> String {
        attributeText[attributes[attributeIndex].valueRange].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// The UTF-8 bytes of the attribute at `attributeIndex`, without making a String.
    public func bytes(ofAttribute attributeIndex: Int) -> ArraySlice<UInt8> {
        attributeText[attributes[attributeIndex].valueRange]
    }

    /// The text of a text node as a String.
    public func string(ofText index: Int) -> String {
        let r = nodes[index].textRange
        return text[r].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) }
    }

    /// Concatenated text of all text nodes under `index` (no separators added).
    public func textContent(of index: Int) -> String {
        var bytes: [UInt8] = []
        let end = nodes[index].subtreeEnd
        var i = index
        while i < end {
            if nodes[i].kind == .text { bytes.append(contentsOf: text[nodes[i].textRange]) }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A sequence of child indices that skips each child's subtree.
    public struct ChildIndices: Sequence, IteratorProtocol, Sendable {
        let nodes: [Node]
        var start: Int
        let end: Int
        public mutating func next() -> Int? {
            guard start < end else { return nil }
            defer { start = nodes[start].subtreeEnd }
            return start
        }
    }
}

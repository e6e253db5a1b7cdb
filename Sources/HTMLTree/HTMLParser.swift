internal import CLibXML2

/// Initialises libxml2 once per process; Swift runs global initialisers exactly once, thread-safely.
private let libxml2Initialized: Bool = {
    xmlInitParser()
    return true
}()

extension HTMLTree {
    /// Why a parse produced no tree.
    public enum ParseError: Error, Sendable, Equatable {
        /// libxml2 returned no document (e.g. input with nothing it recognises as markup or text).
        case noDocument
    }

    /// Parses UTF-8 HTML bytes with libxml2's recovering HTML parser.
    ///
    /// The caller must have transcoded the bytes to UTF-8 already: the parser is told the input
    /// is UTF-8, which also stops it from re-decoding by a `<meta charset>` that may lie.
    /// `XML_PARSE_HUGE` lifts libxml2's depth limit of 256, without which deeper content silently
    /// vanishes, and its 10 MB text-node cut; callers cap the input size themselves.
    public static func parse(utf8 bytes: [UInt8]) throws(ParseError) -> HTMLTree {
        _ = libxml2Initialized
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        ) | Int32(XML_PARSE_HUGE.rawValue)
        let document: htmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlReadMemory(chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        guard let document else { throw .noDocument }
        defer { xmlFreeDoc(document) }
        var builder = TreeBuilder()
        builder.build(from: document)
        return HTMLTree(nodes: builder.nodes, attributes: builder.attributes, text: builder.text)
    }
}

/// Copies a libxml2 document into the flat Swift arrays of `HTMLTree`, iteratively.
private struct TreeBuilder {
    var nodes: [HTMLTree.Node] = []
    var attributes: [HTMLTree.Attribute] = []
    var text: [UInt8] = []
    /// libxml2 interns element names in the document dictionary, so one pointer is one name.
    var names: [UnsafeRawPointer: String] = [:]
    /// Indices in `nodes` of the open elements on the path from the root to the current node.
    var open: [Int] = []

    mutating func build(from document: htmlDocPtr) {
        nodes.reserveCapacity(4096)
        text.reserveCapacity(1 << 16)
        var current: xmlNodePtr? = document.pointee.children
        while let node = current {
            let keptElement = visit(node)
            // Descend into kept elements; otherwise move to the next node, climbing as needed.
            if keptElement, let child = node.pointee.children {
                current = child
                continue
            }
            var climb: xmlNodePtr? = node
            current = nil
            while let at = climb {
                if let next = at.pointee.next {
                    current = next
                    break
                }
                let parent = at.pointee.parent
                if let parent, parent.pointee.type == XML_ELEMENT_NODE, let last = open.last {
                    nodes[last].subtreeEnd = nodes.count
                    open.removeLast()
                    climb = parent
                } else {
                    climb = nil
                }
            }
        }
        // Close whatever is still open (only when the walk ended inside an element).
        while let last = open.popLast() { nodes[last].subtreeEnd = nodes.count }
    }

    /// Appends `node` if it is kept; returns true when it is an element whose children follow.
    mutating func visit(_ node: xmlNodePtr) -> Bool {
        let parentIndex = open.last ?? -1
        switch node.pointee.type {
        case XML_ELEMENT_NODE:
            let index = nodes.count
            let attributeStart = attributes.count
            var property = node.pointee.properties
            while let p = property {
                attributes.append(HTMLTree.Attribute(name: lowercased(cString(p.pointee.name)), value: attributeValue(p)))
                property = p.pointee.next
            }
            nodes.append(
                HTMLTree.Node(
                    kind: .element, name: name(node.pointee.name), parent: parentIndex,
                    subtreeEnd: index + 1, textRange: 0..<0,
                    attributeRange: attributeStart..<attributes.count, depth: open.count))
            if node.pointee.children != nil {
                open.append(index)
                return true
            }
            return false
        case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
            guard let content = node.pointee.content else { return false }
            let start = text.count
            var p = content
            while p.pointee != 0 {
                text.append(p.pointee)
                p += 1
            }
            guard text.count > start else { return false }
            nodes.append(
                HTMLTree.Node(
                    kind: .text, name: "", parent: parentIndex, subtreeEnd: nodes.count + 1,
                    textRange: start..<text.count, attributeRange: 0..<0, depth: open.count))
            return false
        default:
            return false
        }
    }

    mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        let value = lowercased(cString(pointer))
        names[key] = value
        return value
    }

    func attributeValue(_ attribute: xmlAttrPtr) -> String {
        var bytes: [UInt8] = []
        var child = attribute.pointee.children
        while let c = child {
            if var p = c.pointee.content {
                while p.pointee != 0 {
                    bytes.append(p.pointee)
                    p += 1
                }
            }
            child = c.pointee.next
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func cString(_ pointer: UnsafePointer<xmlChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    func lowercased(_ s: String) -> String {
        s.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) ? s.lowercased() : s
    }
}

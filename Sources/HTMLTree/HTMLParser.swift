internal import CLibXML2

/// Initialises libxml2 once per process; Swift runs global initialisers exactly once, thread-safely.
private let libxml2Initialized: Bool = {
    xmlInitParser()
    return true
}()

extension HTMLTree {
    /// Why a parse produced no tree.
    public enum ParseError: Error, Sendable, Equatable {
        /// libxml2 could not set up a parser for the input.
        case noParser
    }

    /// Parses UTF-8 HTML bytes with libxml2's recovering HTML parser.
    ///
    /// The caller must have transcoded the bytes to UTF-8 already: the parser is told the input
    /// is UTF-8, which also stops it from re-decoding by a `<meta charset>` that may lie.
    /// libxml2 reports elements and text through SAX callbacks that build our flat tree
    /// directly, so no libxml2 DOM is allocated and freed (half the cost of a DOM parse).
    /// `XML_PARSE_HUGE` lifts libxml2's depth limit of 256, without which deeper content silently
    /// vanishes, and its 10 MB text-node cut; callers cap the input size themselves.
    public static func parse(utf8 bytes: [UInt8]) throws(ParseError) -> HTMLTree {
        _ = libxml2Initialized
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        ) | Int32(XML_PARSE_HUGE.rawValue)
        // The sink lives behind a raw pointer: libxml2 hands it back to each callback, and a
        // struct reached through a pointer avoids the dynamic exclusivity checks a class pays.
        let sink = UnsafeMutablePointer<TreeSink>.allocate(capacity: 1)
        sink.initialize(to: TreeSink())
        defer {
            sink.deinitialize(count: 1)
            sink.deallocate()
        }
        let parsed: Bool = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars -> Bool in
                // An empty buffer has no base address; give libxml2 a valid empty string instead.
                let empty: [CChar] = [0]
                return empty.withUnsafeBufferPointer { emptyBuffer in
                    let base = chars.count > 0 ? chars.baseAddress! : emptyBuffer.baseAddress!
                    guard let context = htmlCreateMemoryParserCtxt(base, Int32(clamping: chars.count)) else { return false }
                    var handler = htmlSAXHandler()
                    handler.startElement = saxStartElement
                    handler.endElement = saxEndElement
                    handler.characters = saxCharacters
                    handler.ignorableWhitespace = saxCharacters
                    handler.cdataBlock = saxCharacters
                    let originalHandler = context.pointee.sax
                    let originalUserData = context.pointee.userData
                    let result: Bool = withUnsafeMutablePointer(to: &handler) { handlerPointer in
                        context.pointee.sax = handlerPointer
                        context.pointee.userData = UnsafeMutableRawPointer(sink)
                        _ = htmlCtxtUseOptions(context, options)
                        // Tell the parser the input is UTF-8 so that no <meta charset> re-decodes it.
                        if let utf8 = xmlFindCharEncodingHandler("UTF-8") {
                            _ = xmlSwitchToEncoding(context, utf8)
                        }
                        _ = htmlParseDocument(context)
                        return true
                    }
                    // The context frees its handler and user data: give back what it owned.
                    context.pointee.sax = originalHandler
                    context.pointee.userData = originalUserData
                    if let document = context.pointee.myDoc {
                        xmlFreeDoc(document)
                        context.pointee.myDoc = nil
                    }
                    htmlFreeParserCtxt(context)
                    return result
                }
            }
        }
        guard parsed else { throw .noParser }
        sink.pointee.closeAll()
        return HTMLTree(
            nodes: sink.pointee.nodes, attributes: sink.pointee.attributes, attributeText: sink.pointee.attributeText,
            text: sink.pointee.text)
    }
}

/// Receives libxml2's SAX events and appends nodes in document order.
private struct TreeSink {
    var nodes: [HTMLTree.Node] = []
    var attributes: [HTMLTree.Attribute] = []
    var attributeText: [UInt8] = []
    var text: [UInt8] = []
    /// libxml2 interns names in its dictionary, so one pointer is one name.
    var names: [UnsafeRawPointer: (name: String, tag: HTMLTag)] = [:]
    /// Indices of the open elements, root first.
    var open: [Int] = []

    init() {
        nodes.reserveCapacity(4096)
        text.reserveCapacity(1 << 16)
        attributeText.reserveCapacity(1 << 14)
    }

    mutating func start(_ namePointer: UnsafePointer<xmlChar>?, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let index = nodes.count
        let attributeStart = attributes.count
        if var pair = pairs {
            while let attributeName = pair.pointee {
                let valueStart = attributeText.count
                if let value = (pair + 1).pointee { append(value, to: &attributeText) }
                attributes.append(HTMLTree.Attribute(name: name(attributeName).name, valueRange: valueStart..<attributeText.count))
                pair += 2
            }
        }
        let (elementName, tag) = name(namePointer)
        nodes.append(
            HTMLTree.Node(
                kind: .element, name: elementName, tag: tag, parent: open.last ?? -1, subtreeEnd: index + 1,
                textRange: 0..<0, attributeRange: attributeStart..<attributes.count, depth: open.count))
        open.append(index)
    }

    mutating func end(_ namePointer: UnsafePointer<xmlChar>?) {
        guard !open.isEmpty else { return }
        // libxml2 closes implied elements itself; if names ever disagree, close up to the match.
        let closing = name(namePointer).name
        if let match = open.lastIndex(where: { nodes[$0].name == closing }) {
            while open.count > match { close() }
        }
    }

    mutating func characters(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard count > 0 else { return }
        let parent = open.last ?? -1
        // libxml2 delivers one text run in chunks: extend the previous text node when it is the
        // last child of the same parent.
        if let last = nodes.last, last.kind == .text, last.parent == parent {
            text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
            nodes[nodes.count - 1].textRange = last.textRange.lowerBound..<text.count
            return
        }
        let start = text.count
        text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
        nodes.append(
            HTMLTree.Node(
                kind: .text, name: "", tag: .other, parent: parent, subtreeEnd: nodes.count + 1, textRange: start..<text.count,
                attributeRange: 0..<0, depth: open.count))
    }

    mutating func close() {
        let index = open.removeLast()
        nodes[index].subtreeEnd = nodes.count
    }

    mutating func closeAll() {
        while !open.isEmpty { close() }
    }

    mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> (name: String, tag: HTMLTag) {
        guard let pointer else { return ("", .other) }
        let key = UnsafeRawPointer(pointer)
        if let known = names[key] { return known }
        var value = String(cString: pointer)
        if value.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { value = value.lowercased() }
        let entry = (value, HTMLTag(name: value))
        names[key] = entry
        return entry
    }

    /// Appends a NUL-terminated libxml2 string in one copy.
    func append(_ content: UnsafePointer<xmlChar>, to bytes: inout [UInt8]) {
        let length = Int(xmlStrlen(content))
        bytes.append(contentsOf: UnsafeBufferPointer(start: content, count: length))
    }
}

private func sink(_ context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<TreeSink>? {
    context?.assumingMemoryBound(to: TreeSink.self)
}

private func saxStartElement(
    _ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?,
    _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
) {
    sink(context)?.pointee.start(name, attributes)
}

private func saxEndElement(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    sink(context)?.pointee.end(name)
}

private func saxCharacters(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
    guard let bytes else { return }
    sink(context)?.pointee.characters(bytes, Int(count))
}

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

    /// Which attribute values a parse keeps.
    public enum AttributeValues: Sendable {
        /// Every attribute, as libxml2 decodes it.
        case all
        /// Only the attributes stages read: `HTMLAttribute` names (and `charset`); every other one is
        /// left out of the tree. Skips libxml2's slow reading of `src`, `srcset`, `data-*`, SVG
        /// paths and the like.
        case lookedUp
    }

    /// Parses UTF-8 HTML bytes with libxml2's recovering HTML parser.
    ///
    /// The caller must have transcoded the bytes to UTF-8 already: the parser is told the input
    /// is UTF-8, which also stops it from re-decoding by a `<meta charset>` that may lie.
    /// libxml2 reports elements and text through SAX callbacks that build our flat tree
    /// directly, so no libxml2 DOM is allocated and freed (half the cost of a DOM parse).
    /// `XML_PARSE_HUGE` lifts libxml2's depth limit of 256, without which deeper content silently
    /// vanishes, and its 10 MB text-node cut; callers cap the input size themselves.
    public static func parse(utf8 bytes: [UInt8], attributeValues: AttributeValues = .all) throws(ParseError) -> HTMLTree {
        switch attributeValues {
        case .all:
            return try parse(utf8: bytes, scanningRawText: true)
        case .lookedUp:
            return try bytes.withUnsafeBufferPointer { source throws(ParseError) in
                let (emptied, lifted) = UnreadAttributeValues.scan(bytes)
                var restored = true
                let tree = try parse(
                    utf8: emptied, scanningRawText: true, lifted: lifted, liftedFrom: source.baseAddress, restored: &restored)
                if restored { return tree }
                // A placeholder or a marked start tag went missing or came out of turn (no page of the
                // corpus or the fuzz inputs does this): read the page again with its text left to
                // libxml2, and if that fails too, with everything left to libxml2.
                let (attributesOnly, liftedValues) = UnreadAttributeValues.scan(bytes, liftingText: false)
                let again = try parse(
                    utf8: attributesOnly, scanningRawText: true, lifted: liftedValues, liftedFrom: source.baseAddress, restored: &restored)
                return restored ? again : try parse(utf8: bytes, scanningRawText: true)
            }
        }
    }

    /// `scanningRawText: false` leaves script and style bodies to libxml2 (tests compare both ways).
    /// `lifted` values and text runs are read from `liftedFrom` (the page before `UnreadAttributeValues`
    /// emptied them); `restored` tells whether every lifted run was put back where libxml2
    /// delivered its placeholder and every lifted value on the start tag that carried its marker.
    static func parse(
        utf8 bytes: [UInt8], scanningRawText: Bool, lifted: UnreadAttributeValues.Lifted = .init(),
        liftedFrom source: UnsafePointer<UInt8>? = nil, restored: UnsafeMutablePointer<Bool>? = nil
    ) throws(ParseError) -> HTMLTree {
        _ = libxml2Initialized
        let options = Int32(
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
                | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue
        ) | Int32(XML_PARSE_HUGE.rawValue)
        // The sink lives behind a raw pointer: libxml2 hands it back to each callback, and a
        // struct reached through a pointer avoids the dynamic exclusivity checks a class pays.
        let sink = UnsafeMutablePointer<TreeSink>.allocate(capacity: 1)
        sink.initialize(to: TreeSink())
        sink.pointee.scanningRawText = scanningRawText
        if let source, !lifted.tags.isEmpty || !lifted.texts.isEmpty {
            sink.pointee.lifted = lifted
            sink.pointee.liftedFrom = source
        }
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
                        sink.pointee.parser = context
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
        restored?.pointee =
            !sink.pointee.textOutOfTurn && sink.pointee.nextText == sink.pointee.lifted.texts.count
            && !sink.pointee.attributesOutOfTurn && sink.pointee.nextLifted == sink.pointee.lifted.tags.count
        sink.pointee.closeAll()
        return HTMLTree(
            nodes: sink.pointee.nodes, attributes: sink.pointee.attributes, names: sink.pointee.names,
            attributeText: sink.pointee.attributeText, text: sink.pointee.text)
    }
}

/// Receives libxml2's SAX events and appends nodes in document order.
private struct TreeSink {
    var nodes: [HTMLTree.Node] = []
    var attributes: [HTMLTree.Attribute] = []
    var attributeText: [UInt8] = []
    var text: [UInt8] = []
    /// Distinct names; the empty name and the `HTMLAttribute` names first, at their raw values.
    var names: [String]
    var indexByName: [String: Int32] = [:]
    /// libxml2 interns names in its dictionary, so one pointer is one name.
    var namesByPointer: [UnsafeRawPointer: (index: Int32, tag: HTMLTag)] = [:]
    /// A direct-mapped cache in front of `namesByPointer`: a page repeats a few dozen names
    /// thousands of times, and a slot check is cheaper than hashing.
    var recentNames = [(pointer: UnsafeRawPointer?, index: Int32, tag: HTMLTag)](repeating: (nil, 0, .other), count: 128)
    /// Indices of the open elements, root first.
    var open: [Int] = []
    /// The running parser, whose input cursor `takeRawText` moves past script and style bodies.
    var parser: htmlParserCtxtPtr?
    var scanningRawText = true
    /// Attribute values taken out of the page before libxml2 read it, by the offset of their tag's end.
    var lifted = UnreadAttributeValues.Lifted()
    var liftedFrom: UnsafePointer<UInt8>?
    var nextLifted = 0
    /// Start tags with attributes so far, but for html, head and body (see `UnreadAttributeValues.Lifted`).
    var tagsWithAttributes = 0
    /// The next lifted text run to put back (`UnreadAttributeValues.Placeholder`).
    var nextText = 0
    /// A placeholder came with another run's number: the tree is not libxml2's and is read again.
    var textOutOfTurn = false
    /// A start tag with lifted values came without its marker: the page is read again without them.
    var attributesOutOfTurn = false

    init() {
        names = [""] + HTMLAttribute.allCases.map(\.name)
        assert(HTMLAttribute.allCases.allSatisfy { names[Int($0.rawValue)] == $0.name })
        // A page uses a hundred names or so: room for them up front spares rehashing as they come.
        names.reserveCapacity(256)
        indexByName.reserveCapacity(256)
        namesByPointer.reserveCapacity(256)
        for (index, name) in names.enumerated() { indexByName[name] = Int32(index) }
        nodes.reserveCapacity(4096)
        text.reserveCapacity(1 << 16)
        attributeText.reserveCapacity(1 << 14)
    }

    mutating func start(_ namePointer: UnsafePointer<xmlChar>?, _ pairs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        let index = nodes.count
        let attributeStart = attributes.count
        let (nameIndex, tag) = name(namePointer)
        if var pair = pairs {
            let record = liftedValues(tag)
            if !record.isEmpty {
                // The scanner wrote the tag as `<name _ …>`: the marker, then the attributes left to
                // libxml2; the record lists all in document order.
                guard let marker = pair.pointee, marker[0] == UInt8(ascii: "_"), marker[1] == 0, let source = liftedFrom else {
                    attributesOutOfTurn = true
                    return
                }
                pair += 2
                for entry in record {
                    let (attribute, value) = lifted.entries[entry]
                    let valueStart = attributeText.count
                    if attribute >= 0 {
                        attributeText.append(contentsOf: UnsafeBufferPointer(start: source + value.lowerBound, count: value.count))
                        attributes.append(HTMLTree.Attribute(nameIndex: attribute, valueRange: valueStart..<attributeText.count))
                    } else {
                        guard let attributeName = pair.pointee else {
                            attributesOutOfTurn = true
                            return
                        }
                        appendAttribute(attributeName, (pair + 1).pointee)
                        pair += 2
                    }
                }
            } else {
                while let attributeName = pair.pointee {
                    appendAttribute(attributeName, (pair + 1).pointee)
                    pair += 2
                }
            }
        }
        nodes.append(
            HTMLTree.Node(
                kind: .element, tag: tag, nameIndex: nameIndex, parent: open.last ?? -1, subtreeEnd: index + 1,
                textRange: 0..<0, attributeRange: attributeStart..<attributes.count, depth: open.count))
        open.append(index)
    }

    /// Appends an attribute as libxml2 read it (a null value is the empty value).
    @inline(__always) mutating func appendAttribute(_ attributeName: UnsafePointer<xmlChar>, _ value: UnsafePointer<xmlChar>?) {
        let valueStart = attributeText.count
        let nameIndex = name(attributeName).index
        if let value { append(value, to: &attributeText) }
        attributes.append(HTMLTree.Attribute(nameIndex: nameIndex, valueRange: valueStart..<attributeText.count))
    }

    /// The lifted values of the start tag (with attributes) libxml2 just read, as a range of
    /// `lifted.entries`.
    mutating func liftedValues(_ tag: HTMLTag) -> Range<Int> {
        guard nextLifted < lifted.tags.count, tag != .html, tag != .head, tag != .body else { return 0..<0 }
        tagsWithAttributes += 1
        guard lifted.tags[nextLifted] == tagsWithAttributes else { return 0..<0 }
        let first = nextLifted == 0 ? 0 : lifted.entryEnds[nextLifted - 1]
        nextLifted += 1
        return first..<lifted.entryEnds[nextLifted - 1]
    }

    mutating func end(_ namePointer: UnsafePointer<xmlChar>?) {
        guard !open.isEmpty else { return }
        // libxml2 closes implied elements itself; if names ever disagree, close up to the match.
        let closing = name(namePointer).index
        if let match = open.lastIndex(where: { nodes[$0].nameIndex == closing }) {
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
                kind: .text, tag: .other, nameIndex: 0, parent: parent, subtreeEnd: nodes.count + 1, textRange: start..<text.count,
                attributeRange: 0..<0, depth: open.count))
    }

    /// A text chunk from libxml2: a lifted run goes back in place of its placeholder. libxml2 reads
    /// the placeholder as a text run of its own (markup before it, '<' after it) and delivers it
    /// alone; one that came any other way, or out of turn, leaves a run unrestored and the page is
    /// read again (see `parse`).
    @inline(__always) mutating func delivered(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
        guard count == 3, nextText < lifted.texts.count, let (number, mask) = UnreadAttributeValues.Placeholder.number(bytes),
            let source = liftedFrom
        else { return characters(bytes, count) }  // (past the last run the page may hold placeholder characters of its own)
        guard number == nextText & mask else {
            textOutOfTurn = true
            nextText = lifted.texts.count
            return characters(bytes, count)
        }
        let run = lifted.texts[nextText]
        nextText += 1
        characters(source + run.lowerBound, run.count)
    }

    /// Reads the body of the `<script>` or `<style>` element just started and moves libxml2's cursor
    /// past it.
    ///
    /// libxml2 reads such a body one character at a time through its generic decoder, and bodies
    /// are 40% of a typical page's bytes. Its rule for where the body ends is simple (in recovery
    /// mode, the first `</` followed by the element's name in any case), so we find that end with a
    /// byte scan, hand the body over as one text run — exactly the text libxml2 would have
    /// delivered — and leave libxml2 the start tag's `>` right before the end tag. A body libxml2
    /// would not copy verbatim (control characters it drops, U+FFFE/U+FFFF, invalid UTF-8) or
    /// without its end tag in the buffer is left to libxml2.
    mutating func takeRawText(_ namePointer: UnsafePointer<xmlChar>) {
        guard let parser, let input = parser.pointee.input, let cursor = input.pointee.cur, let end = input.pointee.end,
            cursor < end, cursor.pointee == UInt8(ascii: ">")
        else { return }
        let nameLength = Int(xmlStrlen(namePointer))
        let bodyStart = cursor + 1
        var p = bodyStart
        scan: while p < end {
            // Most of a body is printable ASCII without '<': pass it eight bytes at a time.
            while end - p >= 8, Self.isPlainASCII(UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) { p += 8 }
            guard p < end else { break }
            let b = p.pointee
            if b < 0x80 {
                if b == UInt8(ascii: "<") {
                    if end - p >= 2 + nameLength, p[1] == UInt8(ascii: "/"), xmlStrncasecmp(namePointer, p + 2, Int32(nameLength)) == 0 {
                        break scan
                    }
                } else if b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D {
                    return
                }
                p += 1
                continue
            }
            guard let width = UTF8Check.validSequenceWidth(p, end) else { return }
            p += width
        }
        guard p < end, p > bodyStart else { return }
        delivered(bodyStart, p - bodyStart)
        UnsafeMutablePointer(mutating: p - 1).pointee = UInt8(ascii: ">")
        input.pointee.cur = p - 1
    }

    /// Whether none of the eight bytes is '<', a control character or a non-ASCII byte (SWAR tests:
    /// `x - 0x01…` borrows into the top bit only below the subtracted value).
    @inline(__always) static func isPlainASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        let lessThan0x20 = (word &- ones &* 0x20) & ~word & tops
        let lessThan = word ^ (ones &* 0x3C)
        let isLessThanSign = (lessThan &- ones) & ~lessThan & tops
        return (word & tops) | lessThan0x20 | isLessThanSign == 0
    }

    mutating func close() {
        let index = open.removeLast()
        nodes[index].subtreeEnd = nodes.count
    }

    mutating func closeAll() {
        while !open.isEmpty { close() }
    }

    /// The interned index and tag of a libxml2 name (lower-cased).
    mutating func name(_ pointer: UnsafePointer<xmlChar>?) -> (index: Int32, tag: HTMLTag) {
        guard let pointer else { return (0, .other) }
        let key = UnsafeRawPointer(pointer)
        // Fibonacci hashing: dictionary strings sit a few bytes apart, so mix all the bits.
        let slot = Int(truncatingIfNeeded: (UInt64(UInt(bitPattern: key)) &* 0x9E37_79B9_7F4A_7C15) >> 57)
        if recentNames[slot].pointer == key { return (recentNames[slot].index, recentNames[slot].tag) }
        if let known = namesByPointer[key] {
            recentNames[slot] = (key, known.index, known.tag)
            return known
        }
        var value = String(cString: pointer)
        if value.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { value = value.lowercased() }
        let index: Int32
        if let interned = indexByName[value] {
            index = interned
        } else {
            index = Int32(names.count)
            names.append(value)
            indexByName[value] = index
        }
        let entry = (index, HTMLTag(name: value))
        namesByPointer[key] = entry
        recentNames[slot] = (key, entry.0, entry.1)
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
    guard let sink = sink(context) else { return }
    sink.pointee.start(name, attributes)
    if let name, sink.pointee.scanningRawText, let tag = sink.pointee.nodes.last?.tag, tag == .script || tag == .style {
        sink.pointee.takeRawText(name)
    }
}

private func saxEndElement(_ context: UnsafeMutableRawPointer?, _ name: UnsafePointer<xmlChar>?) {
    sink(context)?.pointee.end(name)
}

private func saxCharacters(_ context: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<xmlChar>?, _ count: Int32) {
    guard let bytes else { return }
    sink(context)?.pointee.delivered(bytes, Int(count))
}

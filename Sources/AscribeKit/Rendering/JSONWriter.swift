/// Writes JSON text straight from values, formatted byte for byte as `JSONValue.serialized`
/// formats the same document. Building a `JSONValue` tree first (a dictionary per span, sorted
/// and freed again) cost more than the attribution analysis it printed.
///
/// Keys must come in ascending order within each object, as `JSONValue` sorts them; debug builds
/// check it.
public struct JSONWriter {
    private var out: JSONByteBuffer
    let pretty: Bool
    private var depth = 0
    /// No member or element yet in the innermost open container.
    private var first = true
    /// A key was written; its value comes next (no separator).
    private var afterKey = false
    #if DEBUG
    private var lastKeys: [String?] = [nil]
    #endif

    public init(pretty: Bool = true, capacity: Int = 4096) {
        self.pretty = pretty
        out = JSONByteBuffer(capacity: capacity)
    }

    /// The UTF-8 bytes written so far.
    public var bytes: [UInt8] { out.array }

    /// The text written so far.
    public var text: String { String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self) }

    /// Before every write: a copied writer gets its own buffer.
    @inline(__always)
    private mutating func own() {
        if !isKnownUniquelyReferenced(&out) { out = out.copy() }
    }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        out.newline(indent: indent)
    }

    /// Before a member key or an array element.
    private mutating func separate() {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        newline(depth)
    }

    private mutating func beginValue() {
        if afterKey {
            afterKey = false
        } else if depth > 0 {
            separate()
        }
    }

    /// A member key written in the source: copied as it stands, with no escape scan (a renderer
    /// writes some twenty keys per attribution; as Strings they took 15 M of the 50.6 M
    /// instructions of 120 PolNeAR texts' JSON).
    /// It must need no escape: no quote mark, backslash or control character (debug builds check).
    public mutating func key(_ key: StaticString) {
        #if DEBUG
        checkOrder(key.description)
        assert(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount).allSatisfy { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x7F },
               "JSON key needs escaping: \(key)")
        #endif
        own()
        separate()
        let n = key.utf8CodeUnitCount
        out.reserve(n &+ 4)
        out.appendReserved(UInt8(ascii: "\""))
        out.appendReserved(key.utf8Start, n)
        out.appendReserved(UInt8(ascii: "\""))
        out.appendReserved(UInt8(ascii: ":"))
        if pretty { out.appendReserved(0x20) }
        afterKey = true
    }

    /// A member key known only at run time (escaped as any string).
    public mutating func key(named key: String) {
        #if DEBUG
        checkOrder(key)
        #endif
        own()
        separate()
        JSONValue.writeString(key, into: out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(0x20) }
        afterKey = true
    }

    #if DEBUG
    private mutating func checkOrder(_ key: String) {
        if let last = lastKeys[lastKeys.count - 1] { assert(last < key, "JSON keys out of order: \(last), \(key)") }
        lastKeys[lastKeys.count - 1] = key
    }
    #endif

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        own()
        beginValue()
        out.append(UInt8(ascii: "{"))
        open()
        #if DEBUG
        lastKeys.append(nil)
        defer { lastKeys.removeLast() }
        #endif
        body(&self)
        close(UInt8(ascii: "}"))
    }

    /// An object of `members`, written in key order.
    public mutating func object(_ members: JSONMembers) {
        object { w in
            for member in members.sorted(by: { $0.key < $1.key }) {
                w.key(named: member.key)
                member.write(&w)
            }
        }
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        own()
        beginValue()
        out.append(UInt8(ascii: "["))
        open()
        body(&self)
        close(UInt8(ascii: "]"))
    }

    private mutating func open() {
        depth += 1
        first = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        // An empty container stays on one line ("[]", "{}"), as JSONValue writes it.
        own()
        if !first { newline(depth) }
        out.append(bracket)
        first = false
    }

    public mutating func string(_ s: String) {
        own()
        beginValue()
        JSONValue.writeString(s, into: out)
    }

    /// A string given as UTF-8 bytes that start and end on scalar boundaries.
    public mutating func string(utf8 s: UnsafeBufferPointer<UInt8>) {
        own()
        beginValue()
        JSONValue.writeString(utf8: s, into: out)
    }

    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    public mutating func int(_ i: Int) {
        own()
        beginValue()
        JSONValue.writeInt(i, into: out)
    }

    public mutating func int(_ i: Int?) {
        if let i { int(i) } else { null() }
    }

    public mutating func bool(_ b: Bool) {
        own()
        beginValue()
        out.append(b ? "true" : "false")
    }

    public mutating func null() {
        own()
        beginValue()
        out.append("null")
    }

    /// A member with a string value (`null` for nil).
    public mutating func member(_ key: StaticString, _ value: String?) {
        self.key(key)
        string(value)
    }

    /// A member with an integer value (`null` for nil).
    public mutating func member(_ key: StaticString, _ value: Int?) {
        self.key(key)
        int(value)
    }

    public mutating func member(_ key: StaticString, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    /// A value built as a tree.
    public mutating func value(_ v: JSONValue) {
        own()
        beginValue()
        v.write(into: out, pretty: pretty, indent: depth)
    }
}

/// The members of a JSON object, each with the function that writes its value; kept apart so
/// that a renderer can add members to another's object (the checklist to the check object, a
/// batch record's `ok` and `path`) and still write them in key order.
public typealias JSONMembers = [(key: String, write: @Sendable (inout JSONWriter) -> Void)]

extension JSONMembers {
    /// The object of these members as text.
    public func serialized(pretty: Bool = true) -> String {
        String(decoding: serializedUTF8(pretty: pretty), as: UTF8.self)
    }

    /// The object of these members as UTF-8 bytes, for output that goes straight to a file: a
    /// String of them would validate every byte again (a quarter of the cost of a JSON Lines record).
    public func serializedUTF8(pretty: Bool = true) -> [UInt8] {
        var w = JSONWriter(pretty: pretty, capacity: 1 << 16)
        w.object(self)
        return w.bytes
    }

    /// The object of these members as a tree.
    public var tree: JSONValue {
        // Our own output always parses.
        JSONValue(parsing: serialized(pretty: false)) ?? .null
    }
}

extension JSONValue {
    /// Parses JSON text (nil when it is not JSON). For reading Ascribe's own output back as a tree.
    public init?(parsing text: String) {
        guard case .parsed(let document) = JSONLDDocument.parse(Array(text.utf8), likeFoundation: false) else { return nil }
        self = document.tree(document.root)
    }
}

extension JSONLDDocument {
    /// Value `v` and all below it as a tree.
    func tree(_ v: Int) -> JSONValue {
        let value = values[v]
        switch value.kind {
        case .null: return .null
        case .bool: return .bool(value.start == 1)
        case .string: return .string(string(v) ?? "")
        case .number:
            let text = String(decoding: bytes[value.start..<value.end], as: UTF8.self)
            if let n = Int(text) { return .int(n) }
            return .double(Double(text) ?? 0)
        case .array: return .array(elements(v).map(tree))
        case .object:
            var members: [String: JSONValue] = [:]
            let pairs = elements(v)
            var k = pairs.startIndex
            while k < pairs.endIndex {
                members[string(pairs[k]) ?? ""] = tree(pairs[k + 1])
                k += 2
            }
            return .object(members)
        }
    }
}

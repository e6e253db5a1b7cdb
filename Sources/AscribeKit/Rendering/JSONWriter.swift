/// Writes JSON text straight from values, formatted byte for byte as `JSONValue.serialized`
/// formats the same document. Building a `JSONValue` tree first (a dictionary per span, sorted
/// and freed again) cost more than the attribution analysis it printed.
///
/// Keys must come in ascending order within each object, as `JSONValue` sorts them; debug builds
/// check it.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
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
        bytes.reserveCapacity(capacity)
    }

    /// The text written so far.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func newline(_ indent: Int) {
        guard pretty else { return }
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    /// Before a member key or an array element.
    private mutating func separate() {
        if !first { bytes.append(UInt8(ascii: ",")) }
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

    public mutating func key(_ key: String) {
        #if DEBUG
        if let last = lastKeys[lastKeys.count - 1] { assert(last < key, "JSON keys out of order: \(last), \(key)") }
        lastKeys[lastKeys.count - 1] = key
        #endif
        separate()
        JSONValue.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(0x20) }
        afterKey = true
    }

    public mutating func object(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        bytes.append(UInt8(ascii: "{"))
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
                w.key(member.key)
                member.write(&w)
            }
        }
    }

    public mutating func array(_ body: (inout JSONWriter) -> Void) {
        beginValue()
        bytes.append(UInt8(ascii: "["))
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
        if !first { newline(depth) }
        bytes.append(bracket)
        first = false
    }

    public mutating func string(_ s: String) {
        beginValue()
        JSONValue.writeString(s, into: &bytes)
    }

    /// A string given as UTF-8 bytes that start and end on scalar boundaries.
    public mutating func string(utf8 s: UnsafeBufferPointer<UInt8>) {
        beginValue()
        JSONValue.writeString(utf8: s, into: &bytes)
    }

    public mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    public mutating func int(_ i: Int) {
        beginValue()
        JSONValue.writeInt(i, into: &bytes)
    }

    public mutating func int(_ i: Int?) {
        if let i { int(i) } else { null() }
    }

    public mutating func bool(_ b: Bool) {
        beginValue()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
    }

    public mutating func null() {
        beginValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A value built as a tree.
    public mutating func value(_ v: JSONValue) {
        beginValue()
        v.write(into: &bytes, pretty: pretty, indent: depth)
    }
}

/// The members of a JSON object, each with the function that writes its value; kept apart so
/// that a renderer can add members to another's object (the checklist to the check object, a
/// batch record's `ok` and `path`) and still write them in key order.
public typealias JSONMembers = [(key: String, write: @Sendable (inout JSONWriter) -> Void)]

extension JSONMembers {
    /// The object of these members as text.
    public func serialized(pretty: Bool = true) -> String {
        var w = JSONWriter(pretty: pretty, capacity: 1 << 16)
        w.object(self)
        return w.text
    }

    /// The object of these members as a tree.
    public var tree: JSONValue {
        // Our own output always parses.
        JSONValue(parsing: serialized(pretty: false)) ?? .null
    }
}

extension JSONValue {
    /// Parses JSON text (strict; nil on any error). For reading back Ascribe's own output as a tree.
    public init?(parsing text: String) {
        var text = text
        let parsed: JSONValue? = text.withUTF8 { p in
            var parser = JSONTextParser(p: p)
            guard let v = parser.value(depth: 0) else { return nil }
            parser.skipSpace()
            return parser.i == p.count ? v : nil
        }
        guard let parsed else { return nil }
        self = parsed
    }
}

private struct JSONTextParser {
    let p: UnsafeBufferPointer<UInt8>
    var i = 0

    mutating func skipSpace() {
        while i < p.count, p[i] == 0x20 || p[i] == 0x0A || p[i] == 0x0D || p[i] == 0x09 { i += 1 }
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= p.count else { return false }
        for k in 0..<n where p[i + k] != word.utf8Start[k] { return false }
        i += n
        return true
    }

    mutating func value(depth: Int) -> JSONValue? {
        skipSpace()
        guard i < p.count, depth < 512 else { return nil }
        switch p[i] {
        case UInt8(ascii: "{"):
            i += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if i < p.count, p[i] == UInt8(ascii: "}") {
                i += 1
                return .object(members)
            }
            while true {
                skipSpace()
                guard let key = string() else { return nil }
                skipSpace()
                guard i < p.count, p[i] == UInt8(ascii: ":") else { return nil }
                i += 1
                guard let v = value(depth: depth + 1) else { return nil }
                members[key] = v
                skipSpace()
                guard i < p.count else { return nil }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                } else if p[i] == UInt8(ascii: "}") {
                    i += 1
                    return .object(members)
                } else {
                    return nil
                }
            }
        case UInt8(ascii: "["):
            i += 1
            var items: [JSONValue] = []
            skipSpace()
            if i < p.count, p[i] == UInt8(ascii: "]") {
                i += 1
                return .array(items)
            }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                items.append(v)
                skipSpace()
                guard i < p.count else { return nil }
                if p[i] == UInt8(ascii: ",") {
                    i += 1
                } else if p[i] == UInt8(ascii: "]") {
                    i += 1
                    return .array(items)
                } else {
                    return nil
                }
            }
        case UInt8(ascii: "\""):
            return string().map { .string($0) }
        case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
        case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
        case UInt8(ascii: "n"): return literal("null") ? .null : nil
        default: return number()
        }
    }

    mutating func number() -> JSONValue? {
        let start = i
        if i < p.count, p[i] == UInt8(ascii: "-") { i += 1 }
        var integral = true
        while i < p.count {
            let b = p[i]
            if b >= 0x30 && b <= 0x39 {
                i += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") {
                integral = false
                i += 1
            } else {
                break
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
        if integral, let n = Int(text) { return .int(n) }
        return Double(text).map { .double($0) }
    }

    mutating func string() -> String? {
        guard i < p.count, p[i] == UInt8(ascii: "\"") else { return nil }
        i += 1
        var out: [UInt8] = []
        var start = i
        while i < p.count {
            let b = p[i]
            if b == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            guard b == UInt8(ascii: "\\") else {
                i += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<i]))
            guard i + 1 < p.count else { return nil }
            let e = p[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(e)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                // A surrogate pair.
                if scalar >= 0xD800 && scalar < 0xDC00, i + 1 < p.count, p[i] == UInt8(ascii: "\\"), p[i + 1] == UInt8(ascii: "u") {
                    i += 2
                    guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default: return nil
            }
            start = i
        }
        return nil
    }

    mutating func hex4() -> UInt32? {
        guard i + 4 <= p.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = p[i]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            default: return nil
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }
}

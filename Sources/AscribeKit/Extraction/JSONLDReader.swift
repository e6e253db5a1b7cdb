/// A small JSON reader for JSON-LD blocks: one pass over the UTF-8 bytes into a flat array of
/// values, strings kept as byte ranges and decoded only when a fact is read from them.
///
/// It accepts exactly what Foundation's `JSONSerialization` (with `.fragmentsAllowed`) accepts:
/// RFC 8259 JSON plus a trailing comma in arrays and objects, at most 512 nested containers.
/// Inputs whose outcome it cannot vouch for (a byte-order mark, a number `JSONSerialization`
/// may refuse as unrepresentable) are reported as `.unsure`, and the caller asks Foundation.
struct JSONLDDocument {
    enum Kind: UInt8 {
        case string, number, bool, null, array, object
    }

    /// A value: for strings the raw byte range between the quotes, for numbers their bytes, for
    /// booleans `start` 1 when true; for arrays and objects the range in `children` (objects hold
    /// key, value pairs there).
    struct Value {
        var kind: Kind
        /// A string with escapes (decoded on reading).
        var escaped = false
        var start = 0
        var end = 0
    }

    enum Outcome {
        case parsed(JSONLDDocument)
        /// Foundation rejects the text too.
        case invalid
        /// Ask Foundation.
        case unsure
    }

    let bytes: [UInt8]
    private(set) var values: [Value] = []
    private(set) var children: [Int] = []
    /// The index of the top value.
    private(set) var root = 0

    private enum Failure: Error {
        case invalid, unsure
    }

    /// `likeFoundation: false` reads text that is known to be UTF-8 JSON (Ascribe's own output)
    /// without deferring byte-order marks and the like to Foundation.
    static func parse(_ bytes: [UInt8], likeFoundation: Bool = true) -> Outcome {
        var document = JSONLDDocument(bytes: bytes)
        // A byte-order mark anywhere: Foundation's string decoding may drop it.
        if likeFoundation, bytes.count >= 3 {
            var i = 0
            while i + 2 < bytes.count {
                if bytes[i] == 0xEF && bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF { return .unsure }
                i += 1
            }
        }
        // A zero byte among the first four makes Foundation guess UTF-16 or UTF-32.
        if likeFoundation, bytes.prefix(4).contains(0) { return .unsure }
        do {
            try bytes.withUnsafeBufferPointer { p in
                var parser = Parser(p: p)
                let root = try parser.parseTop()
                document.values = parser.values
                document.children = parser.children
                document.root = root
            }
        } catch Failure.unsure {
            return .unsure
        } catch {
            return .invalid
        }
        return .parsed(document)
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    func kind(_ v: Int) -> Kind { values[v].kind }

    /// The elements of an array.
    func elements(_ v: Int) -> ArraySlice<Int> { children[values[v].start..<values[v].end] }

    /// The value of `key` in an object (the last one when a key repeats, as `JSONSerialization` keeps it).
    func member(_ object: Int?, _ key: StaticString) -> Int? {
        guard let object, values[object].kind == .object else { return nil }
        let o = values[object]
        var k = o.end
        while k > o.start {
            k -= 2
            if keyEquals(children[k], key) { return children[k + 1] }
        }
        return nil
    }

    private func keyEquals(_ v: Int, _ key: StaticString) -> Bool {
        let value = values[v]
        let n = key.utf8CodeUnitCount
        let p = key.utf8Start
        if value.escaped {
            let decoded = decodedBytes(value)
            guard decoded.count == n else { return false }
            for k in 0..<n where decoded[k] != p[k] { return false }
            return true
        }
        guard value.end - value.start == n else { return false }
        for k in 0..<n where bytes[value.start + k] != p[k] { return false }
        return true
    }

    /// The string value of `v`, if it is a string.
    func string(_ v: Int?) -> String? {
        guard let v, values[v].kind == .string else { return nil }
        let value = values[v]
        if !value.escaped { return bytes[value.start..<value.end].withUnsafeBufferPointer { String(decoding: $0, as: UTF8.self) } }
        return String(decoding: decodedBytes(value), as: UTF8.self)
    }

    /// The UTF-8 bytes of a string with its escapes resolved (validated while parsing).
    private func decodedBytes(_ value: Value) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(value.end - value.start)
        var i = value.start
        while i < value.end {
            let b = bytes[i]
            guard b == 0x5C else {
                out.append(b)
                i += 1
                continue
            }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case 0x62: out.append(0x08)
            case 0x66: out.append(0x0C)
            case 0x6E: out.append(0x0A)
            case 0x72: out.append(0x0D)
            case 0x74: out.append(0x09)
            case 0x75:
                var scalar = UInt32(Self.hex4(bytes, i))
                i += 4
                if scalar & 0xFC00 == 0xD800 {
                    let low = UInt32(Self.hex4(bytes, i + 2))
                    i += 6
                    scalar = (scalar - 0xD800) * 0x400 + (low - 0xDC00) + 0x10000
                }
                out.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
            default: out.append(e)  // " \ /
            }
        }
        return out
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: return b - 0x30
        case 0x41...0x46: return b - 0x37
        case 0x61...0x66: return b - 0x57
        default: return nil
        }
    }

    private static func hex4<C: RandomAccessCollection>(_ bytes: C, _ i: Int) -> UInt16 where C.Element == UInt8, C.Index == Int {
        var v: UInt16 = 0
        for k in 0..<4 { v = v << 4 | UInt16(hexValue(bytes[i + k]) ?? 0) }
        return v
    }

    private struct Parser {
        let p: UnsafeBufferPointer<UInt8>
        var i = 0
        var depth = 0
        var values: [Value] = []
        var children: [Int] = []
        /// Child indices of the open containers, moved to `children` when a container closes.
        var pending: [Int] = []

        init(p: UnsafeBufferPointer<UInt8>) {
            self.p = p
            values.reserveCapacity(64)
        }

        @inline(__always) mutating func skipWhitespace() {
            while i < p.count {
                let b = p[i]
                guard b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 else { return }
                i += 1
            }
        }

        /// The next byte after white space (not consumed); fails at the end.
        @inline(__always) mutating func peek() throws(Failure) -> UInt8 {
            skipWhitespace()
            guard i < p.count else { throw .invalid }
            return p[i]
        }

        mutating func parseTop() throws(Failure) -> Int {
            let root = try parseValue()
            skipWhitespace()
            guard i == p.count else { throw .invalid }
            return root
        }

        mutating func parseValue() throws(Failure) -> Int {
            switch try peek() {
            case 0x22: return try parseString()
            case 0x7B: return try parseObject()
            case 0x5B: return try parseArray()
            case 0x74: try literal("true"); return add(Value(kind: .bool, start: 1))
            case 0x66: try literal("false"); return add(Value(kind: .bool))
            case 0x6E: try literal("null"); return add(Value(kind: .null))
            case 0x2D, 0x30...0x39: return try parseNumber()
            default: throw .invalid
            }
        }

        @inline(__always) mutating func add(_ value: Value) -> Int {
            values.append(value)
            return values.count - 1
        }

        mutating func literal(_ word: StaticString) throws(Failure) {
            let n = word.utf8CodeUnitCount
            guard p.count - i >= n else { throw .invalid }
            for k in 0..<n where p[i + k] != word.utf8Start[k] { throw .invalid }
            i += n
        }

        mutating func parseArray() throws(Failure) -> Int {
            guard depth < 512 else { throw .invalid }
            depth += 1
            defer { depth -= 1 }
            i += 1
            let mark = pending.count
            if try peek() == 0x5D {
                i += 1
            } else {
                while true {
                    pending.append(try parseValue())
                    let b = try peek()
                    if b == 0x5D {
                        i += 1
                        break
                    }
                    guard b == 0x2C else { throw .invalid }
                    i += 1
                    if try peek() == 0x5D {
                        i += 1
                        break
                    }
                }
            }
            return close(.array, mark)
        }

        mutating func parseObject() throws(Failure) -> Int {
            guard depth < 512 else { throw .invalid }
            depth += 1
            defer { depth -= 1 }
            i += 1
            let mark = pending.count
            if try peek() == 0x7D {
                i += 1
            } else {
                while true {
                    guard p[i] == 0x22 else { throw .invalid }
                    let key = try parseString()
                    guard try peek() == 0x3A else { throw .invalid }
                    i += 1
                    let value = try parseValue()
                    pending.append(key)
                    pending.append(value)
                    let b = try peek()
                    if b == 0x7D {
                        i += 1
                        break
                    }
                    guard b == 0x2C else { throw .invalid }
                    i += 1
                    if try peek() == 0x7D {
                        i += 1
                        break
                    }
                }
            }
            return close(.object, mark)
        }

        mutating func close(_ kind: Kind, _ mark: Int) -> Int {
            let start = children.count
            children.append(contentsOf: pending[mark...])
            pending.removeSubrange(mark...)
            return add(Value(kind: kind, start: start, end: children.count))
        }

        mutating func parseString() throws(Failure) -> Int {
            i += 1
            let start = i
            var escaped = false
            while i < p.count {
                let b = p[i]
                if b == 0x22 {
                    i += 1
                    return add(Value(kind: .string, escaped: escaped, start: start, end: i - 1))
                }
                if b < 0x20 { throw .invalid }
                if b == 0x5C {
                    escaped = true
                    guard i + 1 < p.count else { throw .invalid }
                    switch p[i + 1] {
                    case 0x22, 0x5C, 0x2F, 0x62, 0x66, 0x6E, 0x72, 0x74:
                        i += 2
                    case 0x75:
                        let unit = try hex(at: i + 2)
                        i += 6
                        if unit & 0xFC00 == 0xD800 {
                            guard p.count - i >= 2, p[i] == 0x5C, p[i + 1] == 0x75 else { throw .invalid }
                            let low = try hex(at: i + 2)
                            guard low & 0xFC00 == 0xDC00 else { throw .invalid }
                            i += 6
                        } else if unit & 0xFC00 == 0xDC00 {
                            throw .invalid  // a lone low surrogate is no scalar
                        }
                    default:
                        throw .invalid
                    }
                    continue
                }
                i += 1
            }
            throw .invalid
        }

        func hex(at k: Int) throws(Failure) -> UInt16 {
            guard p.count - k >= 4 else { throw .invalid }
            var v: UInt16 = 0
            for j in 0..<4 {
                guard let d = JSONLDDocument.hexValue(p[k + j]) else { throw .invalid }
                v = v << 4 | UInt16(d)
            }
            return v
        }

        /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, ended by white space, `,`, `]`, `}` or the end.
        mutating func parseNumber() throws(Failure) -> Int {
            let start = i
            if p[i] == 0x2D { i += 1 }
            guard i < p.count, p[i] >= 0x30 && p[i] <= 0x39 else { throw .invalid }
            if p[i] == 0x30 {
                i += 1
            } else {
                while i < p.count, p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
            }
            var plainInteger = true
            if i < p.count, p[i] == 0x2E {
                plainInteger = false
                i += 1
                let digits = i
                while i < p.count, p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
                guard i > digits else { throw .invalid }
            }
            if i < p.count, p[i] == 0x65 || p[i] == 0x45 {
                plainInteger = false
                i += 1
                if i < p.count, p[i] == 0x2B || p[i] == 0x2D { i += 1 }
                let digits = i
                while i < p.count, p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
                guard i > digits else { throw .invalid }
            }
            if i < p.count {
                switch p[i] {
                case 0x20, 0x0A, 0x0D, 0x09, 0x2C, 0x5D, 0x7D: break
                default: throw .invalid
                }
            }
            // Foundation refuses a number it cannot represent (beyond Double's range): let it decide those.
            if !plainInteger || i - start > 18 {
                let text = String(decoding: UnsafeBufferPointer(rebasing: p[start..<i]), as: UTF8.self)
                guard let d = Double(text), d.isFinite else { throw .unsure }
            }
            return add(Value(kind: .number, start: start, end: i))
        }
    }
}

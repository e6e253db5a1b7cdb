/// A JSON value that serialises with sorted keys and stable formatting, so outputs diff well.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Serialises to UTF-8 text; `pretty` indents by two spaces.
    public func serialized(pretty: Bool = true) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(into: &out, pretty: pretty, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    func write(into out: inout [UInt8], pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): JSONValue.writeInt(i, into: &out)
        case .double(let d):
            out.append(contentsOf: (d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null").utf8)
        case .string(let s): JSONValue.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty {
                out.append(contentsOf: "[]".utf8)
                return
            }
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty: pretty, indent: indent + 1)
                item.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append(contentsOf: "{}".utf8)
                return
            }
            out.append(UInt8(ascii: "{"))
            // Sorted once as pairs: no second hash lookup per member.
            for (n, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                newline(&out, pretty: pretty, indent: indent + 1)
                JSONValue.writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                member.value.write(into: &out, pretty: pretty, indent: indent + 1)
            }
            newline(&out, pretty: pretty, indent: indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private func newline(_ out: inout [UInt8], pretty: Bool, indent: Int) {
        guard pretty else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * 2))
    }

    static let hex = Array("0123456789abcdef".utf8)

    /// Copies the runs that need no escape in one append each: output of `check` is mostly
    /// sentence and article text, and a per-byte append was a tenth of a batch run.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        var s = s
        s.withUTF8 { writeString(utf8: $0, into: &out) }
    }

    /// `writeString` of text given as valid UTF-8.
    static func writeString(utf8 p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var start = 0
        var i = 0
        let n = p.count
        while i < n {
            // Eight bytes at a time while none needs an escape (exact when the mask is zero).
            if i &+ 8 <= n {
                let x = UnsafeRawPointer(p.baseAddress!).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                @inline(__always) func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
                let control = (x &- ones &* 0x20) & ~x & highs
                if control | zeroByte(x ^ (ones &* 0x22)) | zeroByte(x ^ (ones &* 0x5C)) | zeroByte(x ^ (ones &* 0x7F)) == 0 {
                    i &+= 8
                    continue
                }
            }
            let b = p[i]
            i &+= 1
            guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F else { continue }
            let at = i - 1
            if at > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<at])) }
            out.append(0x5C)
            switch b {
            case 0x22: out.append(0x22)
            case 0x5C: out.append(0x5C)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(UInt8(ascii: "u"))
                out.append(0x30)
                out.append(0x30)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
            start = i
        }
        if p.count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<p.count])) }
        out.append(UInt8(ascii: "\""))
    }

    /// Decimal digits without a String per number.
    static func writeInt(_ i: Int, into out: inout [UInt8]) {
        if i < 0 {
            guard i != .min else {
                out.append(contentsOf: String(i).utf8)
                return
            }
            out.append(UInt8(ascii: "-"))
        }
        var v = i.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[19 - count] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
                count += 1
            } while v > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(20 - count)...]))
        }
    }
}

extension JSONValue {
    /// `.string` or `.null`.
    static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
}

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
        let out = JSONByteBuffer()
        write(into: out, pretty: pretty, indent: 0)
        return String(decoding: UnsafeBufferPointer(start: out.base, count: out.count), as: UTF8.self)
    }

    func write(into out: JSONByteBuffer, pretty: Bool, indent: Int) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): JSONValue.writeInt(i, into: out)
        case .double(let d):
            var text = d.isFinite ? (d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)) : "null"
            text.withUTF8 { out.append($0.baseAddress!, $0.count) }
        case .string(let s): JSONValue.writeString(s, into: out)
        case .array(let items):
            if items.isEmpty {
                out.append("[]")
                return
            }
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { out.newline(indent: indent + 1) }
                item.write(into: out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out.newline(indent: indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty {
                out.append("{}")
                return
            }
            out.append(UInt8(ascii: "{"))
            // Sorted once as pairs: no second hash lookup per member.
            for (n, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { out.newline(indent: indent + 1) }
                JSONValue.writeString(member.key, into: out)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(0x20) }
                member.value.write(into: out, pretty: pretty, indent: indent + 1)
            }
            if pretty { out.newline(indent: indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    static let hex: StaticString = "0123456789abcdef"

    static func writeString(_ s: String, into out: JSONByteBuffer) {
        var s = s
        s.withUTF8 { writeString(utf8: $0, into: out) }
    }

    /// `writeString` of text given as valid UTF-8. Runs that need no escape are copied whole:
    /// output of `check` is mostly sentence and article text.
    static func writeString(utf8 p: UnsafeBufferPointer<UInt8>, into out: JSONByteBuffer) {
        let n = p.count
        // Room for the string and its quotes; escapes reserve their own.
        out.reserve(n &+ 2)
        out.appendReserved(UInt8(ascii: "\""))
        guard let base = p.baseAddress else {
            out.appendReserved(UInt8(ascii: "\""))
            return
        }
        /// The high bit of each byte of the eight at `k` that needs an escape (exact).
        @inline(__always) func escapes(_ k: Int) -> UInt64 {
            let x = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: k, as: UInt64.self)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            @inline(__always) func zeroByte(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
            let control = (x &- ones &* 0x20) & ~x & highs
            return control | zeroByte(x ^ (ones &* 0x22)) | zeroByte(x ^ (ones &* 0x5C)) | zeroByte(x ^ (ones &* 0x7F))
        }
        /// No byte of the sixteen at `k` needs an escape: two words, one branch. (Swift's
        /// SIMD16 compares compiled to a loop per byte here: the JSON of 120 PolNeAR texts took
        /// 124 M instructions that way, 38 M this way.)
        @inline(__always) func clean(_ k: Int) -> Bool { escapes(k) | escapes(k &+ 8) == 0 }
        var start = 0
        var i = 0
        while i < n {
            if i &+ 16 <= n {
                if clean(i) {
                    i &+= 16
                    continue
                }
            } else if i > 0 && n >= 16 && clean(n &- 16) {
                // The last bytes, checked as the (overlapping) final sixteen.
                break
            }
            let b = base[i]
            i &+= 1
            guard b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F else { continue }
            let at = i &- 1
            if at > start { out.append(base + start, at &- start) }
            out.reserve(6)
            out.appendReserved(0x5C)
            switch b {
            case 0x22: out.appendReserved(0x22)
            case 0x5C: out.appendReserved(0x5C)
            case 0x0A: out.appendReserved(UInt8(ascii: "n"))
            case 0x0D: out.appendReserved(UInt8(ascii: "r"))
            case 0x09: out.appendReserved(UInt8(ascii: "t"))
            default:
                out.appendReserved(UInt8(ascii: "u"))
                out.appendReserved(0x30)
                out.appendReserved(0x30)
                out.appendReserved(hex.utf8Start[Int(b >> 4)])
                out.appendReserved(hex.utf8Start[Int(b & 0xF)])
            }
            start = i
        }
        if n > start { out.append(base + start, n &- start) }
        out.append(UInt8(ascii: "\""))
    }

    /// Decimal digits without a String per number.
    static func writeInt(_ i: Int, into out: JSONByteBuffer) {
        if i < 0 {
            guard i != .min else {
                out.append("-9223372036854775808")
                return
            }
            out.append(UInt8(ascii: "-"))
        }
        var v = i.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var k = 24
            repeat {
                k &-= 1
                d[k] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            } while v > 0
            out.append(d.baseAddress!.assumingMemoryBound(to: UInt8.self) + k, 24 &- k)
        }
    }
}

extension JSONValue {
    /// `.string` or `.null`.
    static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
}

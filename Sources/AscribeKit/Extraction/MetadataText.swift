/// String helpers for byline cleaning that work on UTF-8 bytes instead of Foundation's
/// `range(of:options:)` / `components(separatedBy:)` (which bridge through NSString).
enum MetadataText {
    /// Words that end a name in a byline ("Jane Doe am 3. Mai", "Max Muster | Foto …"), lower-case.
    static let stops: [[UInt8]] = [
        " am ", " on ", " at ", " under ", " le ", " el ", " | ", " - ", " – ", " — ", " vom ", " publié ", " published ",
        " updated ", " aktualisiert ", " stand ", " alle artikel", " follow ", " mehr von ", " weitere artikel", " posted ",
        " veröffentlicht ", " in ", " stand:", " (", " @", " illustration", " foto", " photo", " bilder",
    ].map { Array($0.utf8) }

    static let nameSeparators: [[UInt8]] = [" and ", " und ", " & ", ", ", "; ", " et ", " y ", " e "].map { Array($0.utf8) }

    /// `s` cut before the first stop word found at least three characters in (stops tried in order, ASCII case-insensitive),
    /// and before a number (" 12.03.2020").
    static func cutAtStops(_ s: String) -> String {
        var bytes = Array(s.utf8)
        for stop in stops {
            if let at = firstIndex(of: stop, in: bytes), characters(in: bytes[..<at]) >= 3 {
                bytes.removeSubrange(at...)
            }
        }
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x20, bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39 {
                bytes.removeSubrange(i...)
                break
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @inline(__always) static func characters(in bytes: ArraySlice<UInt8>) -> Int {
        var n = 0
        for b in bytes where b & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// First index of the lower-case `needle` in `hay`, ASCII case-insensitive.
    static func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        ByteSearch.firstIndexLowercased(of: needle, in: hay[...])
    }


    /// `s` split at every separator (case-sensitive, leftmost first).
    static func split(_ s: String, _ separators: [[UInt8]]) -> [String] {
        let bytes = Array(s.utf8)
        var parts: [String] = []
        var start = 0
        var i = 0
        outer: while i < bytes.count {
            for sep in separators where bytes[i] == sep[0] && i + sep.count <= bytes.count {
                var k = 1
                while k < sep.count && bytes[i + k] == sep[k] { k += 1 }
                if k == sep.count {
                    parts.append(String(decoding: bytes[start..<i], as: UTF8.self))
                    i += sep.count
                    start = i
                    continue outer
                }
            }
            i += 1
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }

    /// `s` without leading and trailing scalars from `set`.
    static func trim(_ s: String, _ set: Set<Unicode.Scalar>) -> String {
        let scalars = s.unicodeScalars
        guard let first = scalars.firstIndex(where: { !set.contains($0) }),
            let last = scalars.lastIndex(where: { !set.contains($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}

/// `fastLowercased` over a UTF-8 buffer.
enum LatinLowering {
    enum Result {
        /// No capitals: the string as it is.
        case unchanged
        /// Outside ASCII, Latin-1 and general punctuation: `lowercased()` decides.
        case other
        case lowered(String)
    }

    static func lower(_ p: UnsafeBufferPointer<UInt8>) -> Result {
        var hasUpper = false
        // As in `fastLowercased`: the lead byte whose continuation comes next, 1 for the last byte of E2 80 xx.
        var state: UInt8 = 0
        for b in p {
            switch state {
            case 0:
                if b < 0x80 {
                    if b &- 0x41 < 26 { hasUpper = true }
                } else if b == 0xC2 || b == 0xC3 || b == 0xE2 {
                    state = b
                } else {
                    return .other
                }
            case 0xC3:
                if isLatin1Capital(b) { hasUpper = true }
                state = 0
            case 0xE2:
                guard b == 0x80 else { return .other }
                state = 1
            default:
                state = 0
            }
        }
        guard hasUpper else { return .unchanged }
        var afterC3 = false
        let s = String(unsafeUninitializedCapacity: p.count) { out in
            for i in 0..<p.count {
                let b = p[i]
                if afterC3 {
                    out[i] = isLatin1Capital(b) ? b + 0x20 : b
                    afterC3 = false
                } else {
                    out[i] = b &- 0x41 < 26 ? b | 0x20 : b
                    afterC3 = b == 0xC3
                }
            }
            return p.count
        }
        return .lowered(s)
    }

    /// Whether the byte after a 0xC3 lead is that of a capital: U+00C0–U+00DE but U+00D7 (×).
    @inline(__always) static func isLatin1Capital(_ b: UInt8) -> Bool {
        b &- 0x80 < 0x1F && b != 0x97
    }
}

extension StringProtocol {
    /// The same string as `lowercased()`. Text of ASCII, Latin-1 (U+0080–U+00FF) and general
    /// punctuation (U+2000–U+203F: dashes, quotes, spaces) — most metadata, in most languages of the
    /// corpus — is mapped byte by byte: À–Þ but × are the only capitals there, each 0x20 below its
    /// small letter. The standard library walks its Unicode case tables for every string, which made
    /// lower-casing headings and bylines a measurable share of extraction.
    var fastLowercased: String {
        // Contiguous text (native strings and their substrings) is mapped over its buffer; other
        // text (bridged) is copied into a native string first.
        if let lowered = utf8.withContiguousStorageIfAvailable({ LatinLowering.lower($0) }) {
            return result(lowered)
        }
        var native = String(self)
        native.makeContiguousUTF8()
        return native.utf8.withContiguousStorageIfAvailable({ LatinLowering.lower($0) }).map(native.result) ?? native.lowercased()
    }

    private func result(_ lowered: LatinLowering.Result) -> String {
        switch lowered {
        case .unchanged: return String(self)
        case .other: return lowercased()
        case .lowered(let s): return s
        }
    }
}

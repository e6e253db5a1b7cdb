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

extension StringProtocol {
    /// The same string as `lowercased()`. ASCII text (most metadata) is mapped byte by byte: the
    /// standard library walks its Unicode case tables for every string, which made lower-casing
    /// headings and bylines a measurable share of extraction.
    var fastLowercased: String {
        var hasUpper = false
        for b in utf8 {
            if b >= 0x80 { return lowercased() }
            if b &- 0x41 < 26 { hasUpper = true }
        }
        return hasUpper ? String(decoding: utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, as: UTF8.self) : String(self)
    }
}

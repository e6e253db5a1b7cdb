// Character-set sniffing and decoding for saved web pages.
//
// Everything in this file turns raw page bytes into clean UTF-8:
//   * label canonicalisation per the WHATWG Encoding Standard label table,
//   * a simplified HTML prescan for <meta charset>, <meta http-equiv> and the XML declaration,
//   * BOM sniffing, a fast UTF-8 validator and a small Cyrillic/Western detector,
//   * hand-written decoders for UTF-8 (with repair), UTF-16, windows-1252, windows-1251 and KOI8-R,
//     the same table loop for the other single-byte encodings (tables built from glibc iconv), and iconv
//     itself for the multi-byte CJK encodings.
//
// Output invariants (all decoding paths): valid UTF-8, no NUL, no C1 control characters (U+0080–U+009F);
// a C1 control is replaced by the windows-1252 character for the same byte value, as browsers display it.
//
// Hot loops work on UnsafeBufferPointer<UInt8> and process 8 bytes at a time (SWAR) over ASCII runs.

import Glibc

/// How the charset of an input was determined.
enum CharsetSource: String, Sendable {
    case byteOrderMark = "bom", declared, detected, override, defaultUTF8 = "default"
}

struct DecodedText: Sendable {
    /// Valid UTF-8, BOM removed, no NUL and no C1 control characters (U+0080–U+009F).
    var utf8: [UInt8]
    /// Canonical WHATWG name of the encoding used ("utf-8", "windows-1252", "koi8-r", ...).
    var charset: String
    var source: CharsetSource
    /// How many invalid sequences had to be repaired or replaced (including C1 controls mapped to
    /// their windows-1252 characters and undefined bytes dropped).
    var replacedSequences: Int
}

enum CharsetError: Error, Sendable, Equatable {
    case unknownEncoding(String)
}

enum Charset {

    // MARK: - Labels

    /// Canonical name for a label per the WHATWG Encoding Standard label table (ASCII case-insensitive,
    /// ASCII whitespace trimmed). Returns nil for unknown labels.
    static func canonicalName(_ label: String) -> String? {
        var bytes = Array(label.utf8)
        var lo = 0
        var hi = bytes.count
        while lo < hi, isASCIIWhitespace(bytes[lo]) { lo += 1 }
        while hi > lo, isASCIIWhitespace(bytes[hi - 1]) { hi -= 1 }
        guard hi > lo, hi - lo <= 64 else { return nil }
        for i in lo..<hi { bytes[i] = asciiLower(bytes[i]) }
        return labelTable[String(decoding: bytes[lo..<hi], as: UTF8.self)]
    }

    /// WHATWG Encoding Standard: encoding name -> labels.
    private static let encodingLabels: [(name: String, labels: [String])] = [
        ("utf-8", ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"]),
        ("ibm866", ["866", "cp866", "csibm866", "ibm866"]),
        ("iso-8859-2", ["csisolatin2", "iso-8859-2", "iso-ir-101", "iso8859-2", "iso88592", "iso_8859-2",
                        "iso_8859-2:1987", "l2", "latin2"]),
        ("iso-8859-3", ["csisolatin3", "iso-8859-3", "iso-ir-109", "iso8859-3", "iso88593", "iso_8859-3",
                        "iso_8859-3:1988", "l3", "latin3"]),
        ("iso-8859-4", ["csisolatin4", "iso-8859-4", "iso-ir-110", "iso8859-4", "iso88594", "iso_8859-4",
                        "iso_8859-4:1988", "l4", "latin4"]),
        ("iso-8859-5", ["csisolatincyrillic", "cyrillic", "iso-8859-5", "iso-ir-144", "iso8859-5", "iso88595",
                        "iso_8859-5", "iso_8859-5:1988"]),
        ("iso-8859-6", ["arabic", "asmo-708", "csiso88596e", "csiso88596i", "csisolatinarabic", "ecma-114",
                        "iso-8859-6", "iso-8859-6-e", "iso-8859-6-i", "iso-ir-127", "iso8859-6", "iso88596",
                        "iso_8859-6", "iso_8859-6:1987"]),
        ("iso-8859-7", ["csisolatingreek", "ecma-118", "elot_928", "greek", "greek8", "iso-8859-7", "iso-ir-126",
                        "iso8859-7", "iso88597", "iso_8859-7", "iso_8859-7:1987", "sun_eu_greek"]),
        ("iso-8859-8", ["csiso88598e", "csisolatinhebrew", "hebrew", "iso-8859-8", "iso-8859-8-e", "iso-ir-138",
                        "iso8859-8", "iso88598", "iso_8859-8", "iso_8859-8:1988", "visual"]),
        ("iso-8859-8-i", ["csiso88598i", "iso-8859-8-i", "logical"]),
        ("iso-8859-10", ["csisolatin6", "iso-8859-10", "iso-ir-157", "iso8859-10", "iso885910", "l6", "latin6"]),
        ("iso-8859-13", ["iso-8859-13", "iso8859-13", "iso885913"]),
        ("iso-8859-14", ["iso-8859-14", "iso8859-14", "iso885914"]),
        ("iso-8859-15", ["csisolatin9", "iso-8859-15", "iso8859-15", "iso885915", "iso_8859-15", "l9"]),
        ("iso-8859-16", ["iso-8859-16"]),
        ("koi8-r", ["cskoi8r", "koi", "koi8", "koi8-r", "koi8_r"]),
        ("koi8-u", ["koi8-ru", "koi8-u"]),
        ("macintosh", ["csmacintosh", "mac", "macintosh", "x-mac-roman"]),
        ("windows-874", ["dos-874", "iso-8859-11", "iso8859-11", "iso885911", "tis-620", "windows-874"]),
        ("windows-1250", ["cp1250", "windows-1250", "x-cp1250"]),
        ("windows-1251", ["cp1251", "windows-1251", "x-cp1251"]),
        ("windows-1252", ["ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                          "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                          "us-ascii", "windows-1252", "x-cp1252"]),
        ("windows-1253", ["cp1253", "windows-1253", "x-cp1253"]),
        ("windows-1254", ["cp1254", "csisolatin5", "iso-8859-9", "iso-ir-148", "iso8859-9", "iso88599",
                          "iso_8859-9", "iso_8859-9:1989", "l5", "latin5", "windows-1254", "x-cp1254"]),
        ("windows-1255", ["cp1255", "windows-1255", "x-cp1255"]),
        ("windows-1256", ["cp1256", "windows-1256", "x-cp1256"]),
        ("windows-1257", ["cp1257", "windows-1257", "x-cp1257"]),
        ("windows-1258", ["cp1258", "windows-1258", "x-cp1258"]),
        ("x-mac-cyrillic", ["x-mac-cyrillic", "x-mac-ukrainian"]),
        ("gbk", ["chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk", "iso-ir-58",
                 "x-gbk"]),
        ("gb18030", ["gb18030"]),
        ("big5", ["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"]),
        ("euc-jp", ["cseucpkdfmtjapanese", "euc-jp", "x-euc-jp"]),
        ("iso-2022-jp", ["csiso2022jp", "iso-2022-jp"]),
        ("shift_jis", ["csshiftjis", "ms932", "ms_kanji", "shift-jis", "shift_jis", "sjis", "windows-31j",
                       "x-sjis"]),
        ("euc-kr", ["cseuckr", "csksc56011987", "euc-kr", "iso-ir-149", "korean", "ks_c_5601-1987",
                    "ks_c_5601-1989", "ksc5601", "ksc_5601", "windows-949"]),
        ("replacement", ["csiso2022kr", "hz-gb-2312", "iso-2022-cn", "iso-2022-cn-ext", "iso-2022-kr"]),
        ("utf-16be", ["unicodefffe", "utf-16be"]),
        ("utf-16le", ["csunicode", "iso-10646-ucs-2", "ucs-2", "unicode", "unicodefeff", "utf-16", "utf-16le"]),
        ("x-user-defined", ["x-user-defined"]),
    ]

    private static let labelTable: [String: String] = {
        var table: [String: String] = [:]
        for entry in encodingLabels {
            for label in entry.labels { table[label] = entry.name }
        }
        return table
    }()

    /// glibc iconv names for the canonical encodings that are not decoded by hand. The WHATWG decoders are
    /// supersets of the "official" charsets, so pick the matching superset where glibc has one.
    private static let iconvNames: [String: String] = [
        "ibm866": "IBM866",
        "iso-8859-2": "ISO-8859-2", "iso-8859-3": "ISO-8859-3", "iso-8859-4": "ISO-8859-4",
        "iso-8859-5": "ISO-8859-5", "iso-8859-6": "ISO-8859-6", "iso-8859-7": "ISO-8859-7",
        "iso-8859-8": "ISO-8859-8", "iso-8859-8-i": "ISO-8859-8", "iso-8859-10": "ISO-8859-10",
        "iso-8859-13": "ISO-8859-13", "iso-8859-14": "ISO-8859-14", "iso-8859-15": "ISO-8859-15",
        "iso-8859-16": "ISO-8859-16",
        "koi8-u": "KOI8-RU",
        "macintosh": "MACINTOSH",
        "windows-874": "CP874",
        "windows-1250": "CP1250", "windows-1253": "CP1253", "windows-1254": "CP1254", "windows-1255": "CP1255",
        "windows-1256": "CP1256", "windows-1257": "CP1257", "windows-1258": "CP1258",
        "x-mac-cyrillic": "MAC-CYRILLIC",
        "gbk": "GB18030",          // WHATWG's gbk decoder is the gb18030 decoder
        "gb18030": "GB18030",
        "big5": "BIG5-HKSCS",
        "euc-jp": "EUC-JP",
        "iso-2022-jp": "ISO-2022-JP",
        "shift_jis": "WINDOWS-31J",
        "euc-kr": "CP949",
    ]

    // MARK: - Declarations in HTML

    /// The charset declared inside an HTML byte prefix (the first 4096 bytes; a tag that starts inside the
    /// window may run a little past it). Recognises `<meta charset=...>`, `<meta http-equiv="Content-Type"
    /// content="...; charset=...">` (attributes in any order, quotes optional, case-insensitive) and a leading
    /// `<?xml ... encoding="..."?>`. Comments are skipped. Follows the HTML prescan: unknown labels are ignored
    /// and scanning continues; a UTF-16 declaration means "utf-8" (the bytes are ASCII-compatible, or we
    /// would not have read the tag), "x-user-defined" means "windows-1252". Deviation for a reader: a label
    /// of the "replacement" encoding is ignored like an unknown one instead of blanking the page.
    static func declaredInHTML(_ bytes: [UInt8]) -> String? {
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        let window = min(bytes.count, start + 4096)
        let end = min(bytes.count, window + 1024)
        return bytes.withUnsafeBufferPointer { buffer -> String? in
            let b = UnsafeBufferPointer(rebasing: buffer[0..<end])
            var p = start
            while p < window, isASCIIWhitespace(b[p]) { p += 1 }
            if let label = xmlDeclarationEncoding(b, at: p), let name = declaredName(label) {
                return name
            }
            return prescan(b, from: start, window: window)
        }
    }

    /// Canonical name for a label found in a document, with the HTML prescan's adjustments.
    private static func declaredName(_ label: [UInt8]) -> String? {
        guard let name = canonicalName(String(decoding: label, as: UTF8.self)) else { return nil }
        switch name {
        case "utf-16le", "utf-16be": return "utf-8"
        case "x-user-defined": return "windows-1252"
        case "replacement": return nil
        default: return name
        }
    }

    private static func prescan(_ b: UnsafeBufferPointer<UInt8>, from start: Int, window: Int) -> String? {
        let end = b.count
        var p = start
        while p < window {
            guard b[p] == UInt8(ascii: "<") else { p += 1; continue }
            if hasPrefix(b, p, "<!--") {
                // Skip to the first '>' preceded by "--" (which may overlap the opening "<!--").
                var q = p + 4
                while q < end, !(b[q] == UInt8(ascii: ">") && b[q - 1] == UInt8(ascii: "-")
                                 && b[q - 2] == UInt8(ascii: "-")) {
                    q += 1
                }
                if q >= end { return nil }
                p = q + 1
            } else if hasPrefix(b, p, "<meta", caseInsensitive: true), p + 5 < end,
                      isASCIIWhitespace(b[p + 5]) || b[p + 5] == UInt8(ascii: "/") {
                var q = p + 5
                if let name = metaCharset(b, &q) { return name }
                p = q + 1
            } else if p + 1 < end, isASCIILetter(b[p + 1])
                        || (b[p + 1] == UInt8(ascii: "/") && p + 2 < end && isASCIILetter(b[p + 2])) {
                // Any other tag: skip its name and attributes (so a quoted '>' does not end it early).
                var q = p + 1
                while q < end, !isASCIIWhitespace(b[q]), b[q] != UInt8(ascii: ">") { q += 1 }
                while attribute(b, &q) != nil {}
                p = q + 1
            } else if p + 1 < end, b[p + 1] == UInt8(ascii: "!") || b[p + 1] == UInt8(ascii: "/")
                        || b[p + 1] == UInt8(ascii: "?") {
                var q = p + 2
                while q < end, b[q] != UInt8(ascii: ">") { q += 1 }
                p = q + 1
            } else {
                p += 1
            }
        }
        return nil
    }

    /// Attributes of a `<meta` tag starting at `q`; returns the declared canonical name, if any.
    private static func metaCharset(_ b: UnsafeBufferPointer<UInt8>, _ q: inout Int) -> String? {
        var seen: [[UInt8]] = []
        var gotPragma = false
        var needPragma: Bool? = nil
        var charset: [UInt8]? = nil
        while let attr = attribute(b, &q) {
            let name = attr.name
            let value = attr.value
            if seen.contains(name) { continue }
            seen.append(name)
            if name.elementsEqual("http-equiv".utf8) {
                if value.elementsEqual("content-type".utf8) { gotPragma = true }
            } else if name.elementsEqual("content".utf8) {
                if charset == nil, let found = charsetFromContent(value) {
                    charset = found
                    needPragma = true
                }
            } else if name.elementsEqual("charset".utf8) {
                charset = value
                needPragma = false
            }
        }
        guard let needPragma, let charset else { return nil }
        if needPragma && !gotPragma { return nil }
        return declaredName(charset)
    }

    /// The HTML prescan's "get an attribute" (names and values ASCII-lowercased). Returns nil at the end of
    /// the tag (leaving `p` on the '>') or of the input.
    private static func attribute(_ b: UnsafeBufferPointer<UInt8>, _ p: inout Int) -> (name: [UInt8], value: [UInt8])? {
        let end = b.count
        while p < end, isASCIIWhitespace(b[p]) || b[p] == UInt8(ascii: "/") { p += 1 }
        guard p < end, b[p] != UInt8(ascii: ">") else { return nil }
        var name: [UInt8] = []
        var value: [UInt8] = []
        nameLoop: while true {
            guard p < end else { return nil }
            let c = b[p]
            if c == UInt8(ascii: "="), !name.isEmpty {
                p += 1
                break nameLoop
            }
            if isASCIIWhitespace(c) {
                while p < end, isASCIIWhitespace(b[p]) { p += 1 }
                if p < end, b[p] == UInt8(ascii: "=") {
                    p += 1
                    break nameLoop
                }
                return (name, value)
            }
            if c == UInt8(ascii: "/") || c == UInt8(ascii: ">") { return (name, value) }
            name.append(asciiLower(c))
            p += 1
        }
        while p < end, isASCIIWhitespace(b[p]) { p += 1 }
        guard p < end else { return nil }
        let c = b[p]
        if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
            p += 1
            while p < end, b[p] != c {
                value.append(asciiLower(b[p]))
                p += 1
            }
            guard p < end else { return nil }
            p += 1
            return (name, value)
        }
        if c == UInt8(ascii: ">") { return (name, value) }
        while p < end, !isASCIIWhitespace(b[p]), b[p] != UInt8(ascii: ">") {
            value.append(asciiLower(b[p]))
            p += 1
        }
        return (name, value)
    }

    /// "Extracting a character encoding from a meta element": the value after `charset=` in a content value.
    private static func charsetFromContent(_ v: [UInt8]) -> [UInt8]? {
        let key = Array("charset".utf8)
        var p = 0
        while true {
            guard let at = indexOf(key, in: v, from: p) else { return nil }
            p = at + key.count
            while p < v.count, isASCIIWhitespace(v[p]) { p += 1 }
            guard p < v.count, v[p] == UInt8(ascii: "=") else { continue }
            p += 1
            while p < v.count, isASCIIWhitespace(v[p]) { p += 1 }
            guard p < v.count else { return nil }
            let c = v[p]
            if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                guard let close = v[(p + 1)...].firstIndex(of: c) else { return nil }
                return Array(v[(p + 1)..<close])
            }
            var q = p
            while q < v.count, !isASCIIWhitespace(v[q]), v[q] != UInt8(ascii: ";") { q += 1 }
            return Array(v[p..<q])
        }
    }

    /// The encoding pseudo-attribute of an XML declaration starting exactly at `p`.
    private static func xmlDeclarationEncoding(_ b: UnsafeBufferPointer<UInt8>, at p: Int) -> [UInt8]? {
        guard hasPrefix(b, p, "<?xml", caseInsensitive: true), p + 5 < b.count, isASCIIWhitespace(b[p + 5]) else {
            return nil
        }
        var close = p + 5
        while close < b.count, b[close] != UInt8(ascii: ">") { close += 1 }
        guard close < b.count else { return nil }
        let decl = Array(b[(p + 5)..<close])
        let key = Array("encoding".utf8)
        var q = 0
        while let at = indexOf(key, in: decl, from: q) {
            q = at + key.count
            while q < decl.count, isASCIIWhitespace(decl[q]) { q += 1 }
            guard q < decl.count, decl[q] == UInt8(ascii: "=") else { continue }
            q += 1
            while q < decl.count, isASCIIWhitespace(decl[q]) { q += 1 }
            guard q < decl.count else { return nil }
            let quote = decl[q]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'"),
                  let end = decl[(q + 1)...].firstIndex(of: quote) else { return nil }
            return Array(decl[(q + 1)..<end])
        }
        return nil
    }

    // MARK: - BOM, validation, detection

    /// BOM sniff: UTF-8, UTF-16BE and UTF-16LE byte order marks -> (canonical name, BOM length).
    static func byteOrderMark(_ bytes: [UInt8]) -> (name: String, length: Int)? {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return ("utf-8", 3) }
        if bytes.count >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF { return ("utf-16be", 2) }
        if bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE { return ("utf-16le", 2) }
        return nil
    }

    /// Fast UTF-8 validity check (Unicode Table 3-7: no overlongs, surrogates or code points > U+10FFFF).
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { scanUTF8($0, trackCleanliness: false).valid }
    }

    /// Guess for undeclared bytes that are not valid UTF-8: "windows-1251" or "koi8-r" for Cyrillic, else
    /// "windows-1252". Cyrillic text is recognised by long runs of bytes >= 0xC0 (whole words of letters,
    /// where Western text only has isolated accented letters) dominated by the frequent Russian letters;
    /// windows-1251 vs KOI8-R is decided by which half of 0xC0–0xFF holds the (mostly lower-case) letters plus
    /// the frequencies of о е а и н т in each encoding.
    /// Extension: returns "utf-8" when the bytes are mostly valid multi-byte UTF-8 with a few stray bytes
    /// (at least four valid multi-byte sequences per invalid one), so such a page gets repaired, not mangled.
    static func detect(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { buffer -> String in
            guard let base = buffer.baseAddress else { return "windows-1252" }
            let n = buffer.count
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: 128) { histogram -> String in
                histogram.initialize(repeating: 0)
                var validMultibyte = 0
                var invalidSequences = 0
                var utf8Next = 0
                var letters = 0
                var runs = 0
                var inRun = false
                var highSeen = 0
                var i = 0
                while i < n {
                    if i &+ 8 <= n, loadWord(base, i) & highBits == 0 {
                        inRun = false
                        i &+= 8
                        continue
                    }
                    let c = base[i]
                    if c < 0x80 {
                        inRun = false
                    } else {
                        // Enough evidence: stop after 64 Ki non-ASCII bytes (keeps detection cheap on big pages;
                        // a later stretch in another encoding is still handled: utf-8 repair reads stray
                        // bytes as windows-1252).
                        highSeen &+= 1
                        if highSeen > 65536 { break }
                        histogram[Int(c &- 0x80)] &+= 1
                        if c >= 0xC0 {
                            letters &+= 1
                            if !inRun { runs &+= 1; inRun = true }
                        } else {
                            inRun = false
                        }
                        if i >= utf8Next {
                            let len = utf8SequenceLength(base, i, n)
                            if len > 0 {
                                validMultibyte &+= 1
                                utf8Next = i &+ len
                            } else {
                                invalidSequences &+= 1
                                utf8Next = i &- len
                            }
                        }
                    }
                    i &+= 1
                }
                if validMultibyte > 0, invalidSequences &* 4 <= validMultibyte { return "utf-8" }
                guard letters >= 3, runs > 0, letters &* 2 >= runs &* 5 else { return "windows-1252" }
                func count(_ range: ClosedRange<UInt8>) -> Int {
                    range.reduce(0) { $0 &+ histogram[Int($1 &- 0x80)] }
                }
                func count(_ set: [UInt8]) -> Int { set.reduce(0) { $0 &+ histogram[Int($1 &- 0x80)] } }
                // о е а и н т
                let frequent1251 = count([0xEE, 0xE5, 0xE0, 0xE8, 0xED, 0xF2])
                let frequentKOI8 = count([0xCF, 0xC5, 0xC1, 0xC9, 0xCE, 0xD4])
                // Russian: these six letters are ~45% of all letters. Other scripts with long high-byte runs
                // (Greek, Hebrew, Arabic, Thai...) do not match either pattern; windows-1252 is the fallback.
                guard max(frequent1251, frequentKOI8) &* 5 >= letters else { return "windows-1252" }
                let score1251 = count(0xE0...0xFF) &+ frequent1251 &* 2
                let scoreKOI8 = count(0xC0...0xDF) &+ frequentKOI8 &* 2
                return score1251 >= scoreKOI8 ? "windows-1251" : "koi8-r"
            }
        }
    }

    // MARK: - Decoding

    /// The whole decision: override (must be a known label, else `unknownEncoding`) > BOM > declaration
    /// (HTML prescan, only when `isHTML`) > detection.
    /// * Declared utf-8 or no declaration, and valid UTF-8 -> "utf-8" (source `.declared` / `.defaultUTF8`).
    /// * Declared utf-8 but invalid -> repaired: valid sequences as UTF-8, each byte of an invalid sequence as
    ///   windows-1252; every invalid sequence counts in `replacedSequences`.
    /// * Any other declaration is honoured even if the bytes happen to be valid UTF-8 (browsers do).
    /// * Undeclared and invalid UTF-8 -> `detect()`.
    /// An override's own BOM is stripped. A declared encoding that iconv cannot open is treated as undeclared.
    static func decode(_ bytes: [UInt8], isHTML: Bool, override: String?) throws(CharsetError) -> DecodedText {
        if let override {
            guard let name = canonicalName(override) else { throw .unknownEncoding(override) }
            var start = 0
            if let bom = byteOrderMark(bytes), bom.name == name { start = bom.length }
            let result = try transcode(bytes, from: start, name: name)
            return DecodedText(utf8: result.utf8, charset: name, source: .override, replacedSequences: result.replaced)
        }
        if let bom = byteOrderMark(bytes) {
            let result = try transcode(bytes, from: bom.length, name: bom.name)
            return DecodedText(utf8: result.utf8, charset: bom.name, source: .byteOrderMark,
                               replacedSequences: result.replaced)
        }
        if isHTML, let declared = declaredInHTML(bytes),
           let result = try? transcode(bytes, from: 0, name: declared) {
            return DecodedText(utf8: result.utf8, charset: declared, source: .declared,
                               replacedSequences: result.replaced)
        }
        let scan = bytes.withUnsafeBufferPointer { scanUTF8($0, trackCleanliness: true) }
        if scan.valid {
            if scan.clean {
                return DecodedText(utf8: bytes, charset: "utf-8", source: .defaultUTF8, replacedSequences: 0)
            }
            let result = bytes.withUnsafeBufferPointer { repairUTF8($0) }
            return DecodedText(utf8: result.utf8, charset: "utf-8", source: .defaultUTF8,
                               replacedSequences: result.replaced)
        }
        let guess = detect(bytes)
        let result = (try? transcode(bytes, from: 0, name: guess))
            ?? bytes.withUnsafeBufferPointer { repairUTF8($0) }
        return DecodedText(utf8: result.utf8, charset: guess, source: .detected, replacedSequences: result.replaced)
    }

    /// Decode with a known encoding (any label is accepted and canonicalised; unknown -> `unknownEncoding`,
    /// also thrown when iconv has no converter for it). Hand-written decoders for utf-8 (with windows-1252
    /// repair of invalid bytes), utf-16le/be, windows-1252 (= iso-8859-1), windows-1251, koi8-r and
    /// x-user-defined; other single-byte encodings through a 128-entry table built from iconv, multi-byte
    /// ones through iconv to UTF-8 (an invalid byte becomes U+FFFD and is skipped).
    /// "replacement" yields a single U+FFFD for non-empty input. Afterwards NULs are removed and C1 controls
    /// are replaced by the windows-1252 character for that byte (undefined ones are dropped). A BOM is not
    /// stripped here.
    static func transcode(_ bytes: [UInt8], from canonicalName: String) throws(CharsetError) -> (utf8: [UInt8], replaced: Int) {
        guard let name = Self.canonicalName(canonicalName) else { throw .unknownEncoding(canonicalName) }
        return try transcode(bytes, from: 0, name: name)
    }

    private static func transcode(_ bytes: [UInt8], from start: Int, name: String) throws(CharsetError) -> (utf8: [UInt8], replaced: Int) {
        if name == "utf-8" {
            if start == 0 {
                let scan = bytes.withUnsafeBufferPointer { scanUTF8($0, trackCleanliness: true) }
                if scan.valid && scan.clean { return (bytes, 0) }
            }
        }
        let result: (utf8: [UInt8], replaced: Int)? = bytes.withUnsafeBufferPointer { all in
            let src = UnsafeBufferPointer(rebasing: all[min(start, all.count)...])
            switch name {
            case "utf-8":
                let scan = scanUTF8(src, trackCleanliness: true)
                return scan.valid && scan.clean ? (Array(src), 0) : repairUTF8(src)
            case "windows-1252": return packedWindows1252.withUnsafeBufferPointer { decodeSingleByte(src, $0) }
            case "windows-1251": return packedWindows1251.withUnsafeBufferPointer { decodeSingleByte(src, $0) }
            case "koi8-r": return packedKOI8R.withUnsafeBufferPointer { decodeSingleByte(src, $0) }
            case "utf-16le": return decodeUTF16(src, bigEndian: false)
            case "utf-16be": return decodeUTF16(src, bigEndian: true)
            case "x-user-defined": return decodeUserDefined(src)
            case "replacement": return src.isEmpty ? ([], 0) : ([0xEF, 0xBF, 0xBD], 1)
            default:
                guard let iconvName = iconvNames[name] else { return nil }
                if singleByteEncodings.contains(name) {
                    // Ask iconv once per byte value, then decode with the fast table loop.
                    guard let table = singleByteTable(iconvName: iconvName) else { return nil }
                    return table.withUnsafeBufferPointer { decodeSingleByte(src, $0) }
                }
                return decodeWithIconv(src, iconvName: iconvName, euroAt80: name == "gbk" || name == "gb18030")
            }
        }
        guard let result else { throw .unknownEncoding(name) }
        return result
    }

    // MARK: - Single-byte tables

    /// Code points for bytes 0x80–0xFF; 0xFFFF marks a byte the published mapping leaves undefined.
    /// windows-1252 (Microsoft bestfit1252 / WHATWG index-windows-1252).
    private static let windows1252: [UInt16] = [
        0x20AC, 0xFFFF, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0xFFFF, 0x017D, 0xFFFF,  // 0x8_
        0xFFFF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFF, 0x017E, 0x0178,  // 0x9_
        0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7, 0x00A8, 0x00A9, 0x00AA, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,  // 0xA_
        0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7, 0x00B8, 0x00B9, 0x00BA, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00BF,  // 0xB_
        0x00C0, 0x00C1, 0x00C2, 0x00C3, 0x00C4, 0x00C5, 0x00C6, 0x00C7, 0x00C8, 0x00C9, 0x00CA, 0x00CB, 0x00CC, 0x00CD, 0x00CE, 0x00CF,  // 0xC_
        0x00D0, 0x00D1, 0x00D2, 0x00D3, 0x00D4, 0x00D5, 0x00D6, 0x00D7, 0x00D8, 0x00D9, 0x00DA, 0x00DB, 0x00DC, 0x00DD, 0x00DE, 0x00DF,  // 0xD_
        0x00E0, 0x00E1, 0x00E2, 0x00E3, 0x00E4, 0x00E5, 0x00E6, 0x00E7, 0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x00EC, 0x00ED, 0x00EE, 0x00EF,  // 0xE_
        0x00F0, 0x00F1, 0x00F2, 0x00F3, 0x00F4, 0x00F5, 0x00F6, 0x00F7, 0x00F8, 0x00F9, 0x00FA, 0x00FB, 0x00FC, 0x00FD, 0x00FE, 0x00FF,  // 0xF_
    ]

    /// windows-1251 (Microsoft cp1251; 0x98 is undefined).
    private static let windows1251: [UInt16] = [
        0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021, 0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,  // 0x8_
        0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0xFFFF, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,  // 0x9_
        0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7, 0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,  // 0xA_
        0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7, 0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,  // 0xB_
        0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,  // 0xC_
        0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427, 0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,  // 0xD_
        0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,  // 0xE_
        0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447, 0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,  // 0xF_
    ]

    /// KOI8-R (RFC 1489).
    private static let koi8r: [UInt16] = [
        0x2500, 0x2502, 0x250C, 0x2510, 0x2514, 0x2518, 0x251C, 0x2524, 0x252C, 0x2534, 0x253C, 0x2580, 0x2584, 0x2588, 0x258C, 0x2590,  // 0x8_
        0x2591, 0x2592, 0x2593, 0x2320, 0x25A0, 0x2219, 0x221A, 0x2248, 0x2264, 0x2265, 0x00A0, 0x2321, 0x00B0, 0x00B2, 0x00B7, 0x00F7,  // 0x9_
        0x2550, 0x2551, 0x2552, 0x0451, 0x2553, 0x2554, 0x2555, 0x2556, 0x2557, 0x2558, 0x2559, 0x255A, 0x255B, 0x255C, 0x255D, 0x255E,  // 0xA_
        0x255F, 0x2560, 0x2561, 0x0401, 0x2562, 0x2563, 0x2564, 0x2565, 0x2566, 0x2567, 0x2568, 0x2569, 0x256A, 0x256B, 0x256C, 0x00A9,  // 0xB_
        0x044E, 0x0430, 0x0431, 0x0446, 0x0434, 0x0435, 0x0444, 0x0433, 0x0445, 0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E,  // 0xC_
        0x043F, 0x044F, 0x0440, 0x0441, 0x0442, 0x0443, 0x0436, 0x0432, 0x044C, 0x044B, 0x0437, 0x0448, 0x044D, 0x0449, 0x0447, 0x044A,  // 0xD_
        0x042E, 0x0410, 0x0411, 0x0426, 0x0414, 0x0415, 0x0424, 0x0413, 0x0425, 0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E,  // 0xE_
        0x041F, 0x042F, 0x0420, 0x0421, 0x0422, 0x0423, 0x0416, 0x0412, 0x042C, 0x042B, 0x0417, 0x0428, 0x042D, 0x0429, 0x0427, 0x042A,  // 0xF_
    ]

    /// Packed decoder entries for bytes 0x80–0xFF: bits 0–23 the UTF-8 bytes (first byte lowest),
    /// bits 24–25 the length (0 = drop), bit 31 set when the byte needed repair. Undefined bytes and C1
    /// controls are resolved here: C1 -> the windows-1252 character, undefined in windows-1252 -> dropped.
    private static func pack(_ codePoints: [UInt16]) -> [UInt32] {
        (0..<128).map { index -> UInt32 in
            var scalar = UInt32(codePoints[index])
            var repaired: UInt32 = 0
            if scalar == 0xFFFF { scalar = 0x80 + UInt32(index) }   // WHATWG: undefined -> the C1 control
            if scalar == 0xFFFD { repaired = 1 << 31 }
            if scalar >= 0x80 && scalar < 0xA0 {
                repaired = 1 << 31
                scalar = UInt32(windows1252[Int(scalar - 0x80)])
                if scalar == 0xFFFF { return repaired }
            }
            return packUTF8(scalar) | repaired
        }
    }

    private static func packUTF8(_ scalar: UInt32) -> UInt32 {
        switch scalar {
        case ..<0x80:
            return scalar | 1 << 24
        case ..<0x800:
            return (0xC0 | scalar >> 6) | (0x80 | scalar & 0x3F) << 8 | 2 << 24
        default:   // BMP only: all table entries are below U+FFFF
            return (0xE0 | scalar >> 12) | (0x80 | (scalar >> 6) & 0x3F) << 8 | (0x80 | scalar & 0x3F) << 16 | 3 << 24
        }
    }

    private static let packedWindows1252 = pack(windows1252)
    private static let packedWindows1251 = pack(windows1251)
    private static let packedKOI8R = pack(koi8r)

    // MARK: - Word-at-a-time helpers

    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let lowBits: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    private static func loadWord(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
    }

    /// High bit set in each byte of the result that is zero in `w` (exact as a "has a zero byte" test).
    @inline(__always)
    private static func zeroBytes(_ w: UInt64) -> UInt64 {
        (w &- lowBits) & ~w & highBits
    }

    /// Number of bytes >= 0x80.
    private static func countHighBytes(_ src: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = src.baseAddress else { return 0 }
        let n = src.count
        var count = 0
        var i = 0
        while i &+ 8 <= n {
            count &+= (loadWord(base, i) & highBits).nonzeroBitCount
            i &+= 8
        }
        while i < n {
            count &+= Int(base[i] >> 7)
            i &+= 1
        }
        return count
    }

    /// Builds an output array of at most `capacity` bytes; gives back slack when it is large.
    @inline(__always)
    private static func makeOutput(capacity: Int,
                                   _ body: (UnsafeMutablePointer<UInt8>) -> Int) -> [UInt8] {
        let out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
            count = body(buffer.baseAddress!)
        }
        let slack = out.capacity - out.count
        guard slack > 4096, slack > out.count / 8 else { return out }
        return [UInt8](unsafeUninitializedCapacity: out.count) { buffer, count in
            out.withUnsafeBufferPointer { src in
                if let from = src.baseAddress { buffer.baseAddress!.update(from: from, count: src.count) }
            }
            count = out.count
        }
    }

    // MARK: - UTF-8

    /// Length of the valid UTF-8 sequence whose lead byte (>= 0x80) is at `i`, or minus the length of the
    /// maximal invalid subpart there (at least 1 byte).
    @inline(__always)
    private static func utf8SequenceLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        let c = p[i]
        if c < 0xC2 { return -1 }
        if c < 0xE0 {
            guard i &+ 1 < n, p[i &+ 1] & 0xC0 == 0x80 else { return -1 }
            return 2
        }
        if c < 0xF0 {
            guard i &+ 1 < n else { return -1 }
            let c1 = p[i &+ 1]
            let lower: UInt8 = c == 0xE0 ? 0xA0 : 0x80
            let upper: UInt8 = c == 0xED ? 0x9F : 0xBF
            guard c1 >= lower, c1 <= upper else { return -1 }
            guard i &+ 2 < n, p[i &+ 2] & 0xC0 == 0x80 else { return -2 }
            return 3
        }
        if c < 0xF5 {
            guard i &+ 1 < n else { return -1 }
            let c1 = p[i &+ 1]
            let lower: UInt8 = c == 0xF0 ? 0x90 : 0x80
            let upper: UInt8 = c == 0xF4 ? 0x8F : 0xBF
            guard c1 >= lower, c1 <= upper else { return -1 }
            guard i &+ 2 < n, p[i &+ 2] & 0xC0 == 0x80 else { return -2 }
            guard i &+ 3 < n, p[i &+ 3] & 0xC0 == 0x80 else { return -3 }
            return 4
        }
        return -1
    }

    /// Validates UTF-8; with `trackCleanliness` also reports whether the text is free of NUL and of
    /// C1 controls (U+0080–U+009F, encoded C2 80–C2 9F), i.e. usable without a copy.
    @inline(__always)
    private static func scanUTF8(_ src: UnsafeBufferPointer<UInt8>,
                                 trackCleanliness: Bool) -> (valid: Bool, clean: Bool) {
        guard let base = src.baseAddress else { return (true, true) }
        let n = src.count
        var clean = true
        var i = 0
        while i < n {
            let stop: Int
            if i &+ 16 <= n {
                let a = loadWord(base, i)
                let b = loadWord(base, i &+ 8)
                var flags = a | b
                if trackCleanliness { flags |= zeroBytes(a) | zeroBytes(b) }
                if flags & highBits == 0 {
                    i &+= 16
                    continue
                }
                stop = i &+ 16
            } else {
                stop = n
            }
            // Byte by byte through this window (a sequence may run past its end).
            while i < stop {
                let c = base[i]
                if c < 0x80 {
                    if trackCleanliness && c == 0 { clean = false }
                    i &+= 1
                    continue
                }
                let len = utf8SequenceLength(base, i, n)
                if len <= 0 { return (false, false) }
                if trackCleanliness && c == 0xC2 && base[i &+ 1] < 0xA0 { clean = false }
                i &+= len
            }
        }
        return (true, clean)
    }

    /// Lenient UTF-8 decoder: valid sequences are kept, each byte of an invalid sequence is decoded as
    /// windows-1252 (one replacement per maximal invalid subpart); NUL dropped, C1 mapped to windows-1252.
    private static func repairUTF8(_ src: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], replaced: Int) {
        guard let base = src.baseAddress, !src.isEmpty else { return ([], 0) }
        let n = src.count
        var replaced = 0
        // Every output byte comes from its own input byte, except that a byte >= 0x80 may grow to 3.
        let capacity = n &+ 2 &* countHighBytes(src) &+ 8
        let out = packedWindows1252.withUnsafeBufferPointer { table in
            makeOutput(capacity: capacity) { dst in
                var i = 0
                var o = 0
                while i < n {
                    while i &+ 8 <= n {
                        let w = loadWord(base, i)
                        if (w | zeroBytes(w)) & highBits != 0 { break }
                        UnsafeMutableRawPointer(dst + o).storeBytes(of: w.littleEndian, as: UInt64.self)
                        i &+= 8
                        o &+= 8
                    }
                    guard i < n else { break }
                    let c = base[i]
                    if c < 0x80 {
                        if c != 0 { dst[o] = c; o &+= 1 }
                        i &+= 1
                        continue
                    }
                    let len = utf8SequenceLength(base, i, n)
                    if len == 2 {
                        let c1 = base[i &+ 1]
                        if c == 0xC2 && c1 < 0xA0 {
                            let e = table[Int(c1 &- 0x80)]
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: (e & 0xFF_FFFF).littleEndian, as: UInt32.self)
                            o &+= Int((e >> 24) & 3)
                            replaced &+= 1
                        } else {
                            dst[o] = c
                            dst[o &+ 1] = c1
                            o &+= 2
                        }
                        i &+= 2
                    } else if len > 0 {
                        for k in 0..<len { dst[o &+ k] = base[i &+ k] }
                        o &+= len
                        i &+= len
                    } else {
                        for k in 0..<(-len) {
                            let e = table[Int(base[i &+ k] &- 0x80)]
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: (e & 0xFF_FFFF).littleEndian, as: UInt32.self)
                            o &+= Int((e >> 24) & 3)
                        }
                        replaced &+= 1
                        i &-= len
                    }
                }
                return o
            }
        }
        return (out, replaced)
    }

    // MARK: - Hand-written decoders

    /// Table-driven single-byte decoder (ASCII-compatible encodings).
    private static func decodeSingleByte(_ src: UnsafeBufferPointer<UInt8>,
                                         _ table: UnsafeBufferPointer<UInt32>) -> (utf8: [UInt8], replaced: Int) {
        guard let base = src.baseAddress, !src.isEmpty else { return ([], 0) }
        let n = src.count
        var replaced = 0
        let capacity = n &+ 2 &* countHighBytes(src) &+ 8
        let out = makeOutput(capacity: capacity) { dst in
            var i = 0
            var o = 0
            while i < n {
                var c = base[i]
                if c < 0x80 {
                    if i &+ 8 <= n {
                        let w = loadWord(base, i)
                        if (w | zeroBytes(w)) & highBits == 0 {
                            UnsafeMutableRawPointer(dst + o).storeBytes(of: w.littleEndian, as: UInt64.self)
                            i &+= 8
                            o &+= 8
                            continue
                        }
                    }
                    if c != 0 { dst[o] = c; o &+= 1 }
                    i &+= 1
                    continue
                }
                // A run of non-ASCII bytes (whole words in Cyrillic text).
                while true {
                    let e = table[Int(c &- 0x80)]
                    let len = Int((e >> 24) & 3)
                    if len == 2 {
                        UnsafeMutableRawPointer(dst + o).storeBytes(of: UInt16(truncatingIfNeeded: e).littleEndian, as: UInt16.self)
                    } else {
                        UnsafeMutableRawPointer(dst + o).storeBytes(of: (e & 0xFF_FFFF).littleEndian, as: UInt32.self)
                    }
                    o &+= len
                    replaced &+= Int(e >> 31)
                    i &+= 1
                    guard i < n else { break }
                    c = base[i]
                    if c < 0x80 { break }
                }
            }
            return o
        }
        return (out, replaced)
    }

    /// UTF-16 without BOM handling: lone surrogates and a trailing odd byte become U+FFFD.
    private static func decodeUTF16(_ src: UnsafeBufferPointer<UInt8>,
                                    bigEndian: Bool) -> (utf8: [UInt8], replaced: Int) {
        guard let base = src.baseAddress, !src.isEmpty else { return ([], 0) }
        let n = src.count
        var replaced = 0
        let out = packedWindows1252.withUnsafeBufferPointer { table in
            makeOutput(capacity: (n / 2) &* 3 &+ 8) { dst in
                @inline(__always) func unit(_ i: Int) -> UInt32 {
                    bigEndian ? UInt32(base[i]) << 8 | UInt32(base[i &+ 1])
                              : UInt32(base[i]) | UInt32(base[i &+ 1]) << 8
                }
                var o = 0
                @inline(__always) func put(_ packed: UInt32) {
                    UnsafeMutableRawPointer(dst + o).storeBytes(of: (packed & 0xFF_FFFF).littleEndian, as: UInt32.self)
                    o &+= Int((packed >> 24) & 3)
                }
                var i = 0
                while i &+ 1 < n {
                    let u = unit(i)
                    i &+= 2
                    if u < 0x80 {
                        if u != 0 { dst[o] = UInt8(u); o &+= 1 }
                    } else if u < 0xA0 {
                        put(table[Int(u &- 0x80)])
                        replaced &+= 1
                    } else if u < 0xD800 || u >= 0xE000 {
                        put(packUTF8(u))
                    } else if u < 0xDC00, i &+ 1 < n, case let low = unit(i), low >= 0xDC00, low < 0xE000 {
                        i &+= 2
                        let scalar = 0x10000 &+ ((u &- 0xD800) << 10 | (low &- 0xDC00))
                        dst[o] = UInt8(0xF0 | scalar >> 18)
                        dst[o &+ 1] = UInt8(0x80 | (scalar >> 12) & 0x3F)
                        dst[o &+ 2] = UInt8(0x80 | (scalar >> 6) & 0x3F)
                        dst[o &+ 3] = UInt8(0x80 | scalar & 0x3F)
                        o &+= 4
                    } else {
                        put(packUTF8(0xFFFD))
                        replaced &+= 1
                    }
                }
                if i < n {
                    put(packUTF8(0xFFFD))
                    replaced &+= 1
                }
                return o
            }
        }
        return (out, replaced)
    }

    /// WHATWG x-user-defined: 0x80–0xFF -> U+F780–U+F7FF.
    private static func decodeUserDefined(_ src: UnsafeBufferPointer<UInt8>) -> (utf8: [UInt8], replaced: Int) {
        let table = (0..<128).map { packUTF8(0xF780 + UInt32($0)) }
        return table.withUnsafeBufferPointer { decodeSingleByte(src, $0) }
    }

    // MARK: - iconv

    /// ASCII-compatible single-byte encodings that iconv knows: decoded through a table built from iconv.
    private static let singleByteEncodings: Set<String> = [
        "ibm866", "iso-8859-2", "iso-8859-3", "iso-8859-4", "iso-8859-5", "iso-8859-6", "iso-8859-7",
        "iso-8859-8", "iso-8859-8-i", "iso-8859-10", "iso-8859-13", "iso-8859-14", "iso-8859-15", "iso-8859-16",
        "koi8-u", "macintosh", "windows-874", "windows-1250", "windows-1253", "windows-1254", "windows-1255",
        "windows-1256", "windows-1257", "windows-1258", "x-mac-cyrillic",
    ]

    /// Packed decoder table for bytes 0x80–0xFF of a single-byte encoding, asking iconv byte by byte (with a
    /// reset and flush each time, so glibc's composing CP1255/CP1258 converters map bytes one-to-one like
    /// the WHATWG decoders). Bytes iconv rejects: 0x80–0x9F are treated as C1 controls (WHATWG maps the
    /// windows-125x holes there), others become U+FFFD.
    private static func singleByteTable(iconvName: String) -> [UInt32]? {
        guard let cd = iconv_open("UTF-8", iconvName), Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        var codePoints = [UInt16](repeating: 0xFFFD, count: 128)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 17) { scratch in
            let input = scratch.baseAddress!
            let output = input + 1
            for index in 0..<128 {
                input.pointee = UInt8(0x80 + index)
                _ = iconv(cd, nil, nil, nil, nil)
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(input).assumingMemoryBound(to: CChar.self)
                var inLeft = 1
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output).assumingMemoryBound(to: CChar.self)
                var outLeft = 16
                let converted = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) != -1
                    && iconv(cd, nil, nil, &outPointer, &outLeft) != -1
                let scalars = String(decoding: UnsafeBufferPointer(start: output, count: 16 - outLeft),
                                     as: UTF8.self).unicodeScalars
                if converted, scalars.count == 1, let scalar = scalars.first, scalar.value < 0xFFFF {
                    codePoints[index] = UInt16(scalar.value)
                } else if index < 0x20 {
                    codePoints[index] = 0xFFFF
                }
            }
        }
        return pack(codePoints)
    }

    /// Converts through glibc iconv to UTF-8, then cleans the result (NUL, C1). An invalid or truncated
    /// input sequence becomes U+FFFD and one byte is skipped. Returns nil when iconv has no converter.
    private static func decodeWithIconv(_ src: UnsafeBufferPointer<UInt8>, iconvName: String,
                                        euroAt80: Bool) -> (utf8: [UInt8], replaced: Int)? {
        guard let cd = iconv_open("UTF-8", iconvName), Int(bitPattern: cd) != -1 else { return nil }
        defer { iconv_close(cd) }
        guard let base = src.baseAddress, !src.isEmpty else { return ([], 0) }

        var capacity = src.count &+ src.count / 2 &+ 64
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var used = 0
        var replaced = 0

        func grow(_ minimumFree: Int) {
            guard capacity &- used < minimumFree else { return }
            let newCapacity = max(capacity &* 2, used &+ minimumFree)
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            bigger.update(from: buffer, count: used)
            buffer.deallocate()
            buffer = bigger
            capacity = newCapacity
        }
        func append(_ bytes: UInt8...) {
            grow(bytes.count)
            for b in bytes { buffer[used] = b; used &+= 1 }
        }

        var inPointer: UnsafeMutablePointer<CChar>? =
            UnsafeMutableRawPointer(mutating: base).assumingMemoryBound(to: CChar.self)
        var inLeft = src.count
        conversion: while inLeft > 0 {
            grow(16)
            var outPointer: UnsafeMutablePointer<CChar>? =
                UnsafeMutableRawPointer(buffer + used).assumingMemoryBound(to: CChar.self)
            var outLeft = capacity &- used
            let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
            let error = errno
            used = capacity &- outLeft
            if result != -1 { continue }
            switch error {
            case E2BIG:
                grow(capacity)                    // at least double
            case EINVAL:                          // truncated sequence at the end of the input
                append(0xEF, 0xBF, 0xBD)
                replaced &+= 1
                break conversion
            default:                              // EILSEQ: replace one byte and go on
                guard let bad = inPointer else { break conversion }
                if euroAt80 && UInt8(bitPattern: bad.pointee) == 0x80 {
                    append(0xE2, 0x82, 0xAC)      // WHATWG gb18030/gbk: 0x80 is the euro sign
                } else {
                    append(0xEF, 0xBF, 0xBD)
                    replaced &+= 1
                }
                inPointer = bad + 1
                inLeft &-= 1
            }
        }
        // Flush a stateful encoder (e.g. ISO-2022-JP) back to its initial state.
        while true {
            grow(16)
            var outPointer: UnsafeMutablePointer<CChar>? =
                UnsafeMutableRawPointer(buffer + used).assumingMemoryBound(to: CChar.self)
            var outLeft = capacity &- used
            let result = iconv(cd, nil, nil, &outPointer, &outLeft)
            let error = errno
            used = capacity &- outLeft
            if result == -1 && error == E2BIG {
                grow(capacity)
                continue
            }
            break
        }

        let converted = UnsafeBufferPointer(start: buffer, count: used)
        let scan = scanUTF8(converted, trackCleanliness: true)
        if scan.valid && scan.clean { return (Array(converted), replaced) }
        let cleaned = repairUTF8(converted)
        return (cleaned.utf8, replaced &+ cleaned.replaced)
    }

    // MARK: - Small byte helpers

    @inline(__always)
    private static func isASCIIWhitespace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D
    }

    @inline(__always)
    private static func isASCIILetter(_ c: UInt8) -> Bool {
        (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z")
    }

    @inline(__always)
    private static func asciiLower(_ c: UInt8) -> UInt8 {
        c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z") ? c | 0x20 : c
    }

    private static func hasPrefix(_ b: UnsafeBufferPointer<UInt8>, _ p: Int, _ prefix: StaticString,
                                  caseInsensitive: Bool = false) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard p + count <= b.count else { return false }
        let start = prefix.utf8Start
        for k in 0..<count {
            let c = caseInsensitive ? asciiLower(b[p + k]) : b[p + k]
            if c != start[k] { return false }
        }
        return true
    }

    /// First index of `needle` in `haystack` at or after `from` (needle is lower-case ASCII; haystack is
    /// compared ASCII case-insensitively).
    private static func indexOf(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            var k = 0
            while k < needle.count, asciiLower(haystack[i + k]) == needle[k] { k += 1 }
            if k == needle.count { return i }
            i += 1
        }
        return nil
    }
}

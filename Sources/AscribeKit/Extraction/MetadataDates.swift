import Foundation

/// Finds a calendar date written somewhere inside a short piece of visible text or a URL
/// ("Samstag, 5. Oktober 2013", "Stand: 12.11.2021", "Updated June 13, 2019", "/2019/10/16/").
/// Works on UTF-8 bytes so it can run over many text nodes without building Strings.
enum MetadataDateScanner {
    private struct Token {
        var isNumber: Bool
        var start: Int
        var end: Int
        var value: Int  // number value, or month (1...12, 0 if not a month word)
    }

    /// Month words (lower-case, UTF-8), full names and common abbreviations in en/de/fr/es/it/pt/nl.
    static let monthWords: [String: Int] = {
        var m: [String: Int] = [:]
        let table: [(Int, [String])] = [
            (1, ["jan", "january", "januar", "jänner", "janv", "janvier", "enero", "ene", "gennaio", "gen", "janeiro", "januari"]),
            (2, ["feb", "february", "februar", "feber", "févr", "fév", "février", "fevrier", "febrero", "febbraio", "fevereiro", "fev", "februari"]),
            (3, ["mar", "march", "märz", "mär", "maerz", "mars", "marzo", "março", "maart", "mrz"]),
            (4, ["apr", "april", "avr", "avril", "abril", "abr", "aprile"]),
            (5, ["may", "mai", "mayo", "maggio", "mag", "maio", "mei"]),
            (6, ["jun", "june", "juni", "juin", "junio", "giugno", "giu", "junho"]),
            (7, ["jul", "july", "juli", "juil", "juillet", "julio", "luglio", "lug", "julho"]),
            (8, ["aug", "august", "août", "aout", "agosto", "ago", "augustus"]),
            (9, ["sep", "sept", "september", "septembre", "septiembre", "settembre", "set", "setembro"]),
            (10, ["oct", "october", "okt", "oktober", "octobre", "octubre", "ottobre", "ott", "outubro", "out"]),
            (11, ["nov", "november", "novembre", "noviembre", "novembro"]),
            (12, ["dec", "december", "dez", "dezember", "déc", "décembre", "decembre", "diciembre", "dic", "dicembre", "dezembro"]),
        ]
        for (month, words) in table { for w in words { m[w] = month } }
        return m
    }()

    /// The ASCII month words of `monthWords`, looked up by the FNV-1a hash of a word's ASCII-lower-cased bytes.
    private static let asciiMonths = MonthTable(monthWords.filter { $0.key.utf8.allSatisfy { $0 < 0x80 } })

    /// An open-addressing table of month words; a hash hit is confirmed by comparing the bytes.
    private struct MonthTable {
        private var hashes: [UInt64]
        private var words: [[UInt8]]
        private var months: [Int]
        private let mask: Int

        init(_ entries: [String: Int]) {
            var size = 16
            while size < entries.count * 4 { size <<= 1 }
            hashes = [UInt64](repeating: 0, count: size)
            words = [[UInt8]](repeating: [], count: size)
            months = [Int](repeating: 0, count: size)
            mask = size - 1
            for (word, month) in entries {
                let bytes = Array(word.utf8)
                let hash = bytes.withUnsafeBufferPointer { ByteWordSet.hash($0, continuing: ByteWordSet.offsetBasis) }
                var i = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
                while !words[i].isEmpty { i = (i + 1) & mask }
                hashes[i] = hash
                words[i] = bytes
                months[i] = month
            }
        }

        /// The month of the ASCII word `bytes[range]` (compared lower-cased), 0 if it is none.
        func month<C: RandomAccessCollection>(hash: UInt64, _ bytes: C, _ range: Range<Int>) -> Int where C.Element == UInt8, C.Index == Int {
            var i = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
            while !words[i].isEmpty {
                if hashes[i] == hash, words[i].count == range.count {
                    var k = 0
                    let w = words[i]
                    while k < w.count {
                        let c = bytes[range.lowerBound + k]
                        if (c >= 0x41 && c <= 0x5A ? c + 0x20 : c) != w[k] { break }
                        k += 1
                    }
                    if k == w.count { return months[i] }
                }
                i = (i + 1) & mask
            }
            return 0
        }
    }

    /// The first plausible date in `bytes`, as "YYYY-MM-DD".
    static func find<C: RandomAccessCollection>(in bytes: C) -> String? where C.Element == UInt8, C.Index == Int {
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var i = bytes.startIndex
        let end = bytes.endIndex
        var sawDigit = false
        while i < end {
            let b = bytes[i]
            if b >= 0x30 && b <= 0x39 {
                sawDigit = true
                let s = i
                var v = 0
                while i < end, bytes[i] >= 0x30 && bytes[i] <= 0x39, i - s < 9 {
                    v = v * 10 + Int(bytes[i] - 0x30)
                    i += 1
                }
                while i < end, bytes[i] >= 0x30 && bytes[i] <= 0x39 { i += 1 }
                tokens.append(Token(isNumber: true, start: s, end: i, value: i - s > 8 ? -1 : v))
            } else if isLetter(b) {
                let s = i
                while i < end, isLetter(bytes[i]) { i += 1 }
                var month = 0
                let length = i - s
                if length >= 3 && length <= 10 {
                    // ASCII words (nearly all) are looked up on bytes; others as Strings, which
                    // compare by canonical equivalence ("ma\u{308}rz" is "märz").
                    var hash = ByteWordSet.offsetBasis
                    var ascii = true
                    for k in s..<i {
                        let c = bytes[k]
                        if c >= 0x80 { ascii = false; break }
                        hash = (hash ^ UInt64(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)) &* 0x0000_0100_0000_01B3
                    }
                    if ascii {
                        month = asciiMonths.month(hash: hash, bytes, s..<i)
                    } else {
                        var word: [UInt8] = []
                        word.reserveCapacity(length)
                        for k in s..<i { let c = bytes[k]; word.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c) }
                        let w = String(decoding: word, as: UTF8.self)
                        month = monthWords[w] ?? 0
                    }
                }
                tokens.append(Token(isNumber: false, start: s, end: i, value: month))
            } else {
                i += 1
            }
            if tokens.count > 400 { break }
        }
        guard sawDigit, tokens.count >= 2 else { return nil }
        let n = tokens.count
        var k = 0
        while k < n {
            let t = tokens[k]
            if t.isNumber, k + 2 < n, tokens[k + 1].isNumber, tokens[k + 2].isNumber {
                let a = t, b = tokens[k + 1], c = tokens[k + 2]
                // The separators between the numbers (compared in place, no copies).
                let s1Count = b.start - a.end
                let sameSeparators = s1Count == c.start - b.end && (0..<s1Count).allSatisfy { bytes[a.end + $0] == bytes[b.end + $0] }
                let s1First: UInt8 = s1Count > 0 ? bytes[a.end] : 0
                let alen = a.end - a.start, blen = b.end - b.start, clen = c.end - c.start
                // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
                if alen == 4, blen <= 2, clen <= 2, sameSeparators, s1Count == 1, s1First == 0x2D || s1First == 0x2F || s1First == 0x2E {
                    if let d = DateNormalizer.make(a.value, b.value, c.value) { return d }
                }
                // DD.MM.YYYY, DD/MM/YYYY, DD-MM-YYYY, DD.MM.YY
                if alen <= 2, blen <= 2, sameSeparators, s1Count >= 1, s1Count <= 2,
                    s1First == 0x2E || s1First == 0x2F || s1First == 0x2D
                {
                    var year = -1
                    if clen == 4 { year = c.value } else if clen == 2, s1First == 0x2E { year = 2000 + c.value }
                    if year > 0 {
                        var day = a.value, month = b.value
                        if month > 12 && day <= 12 { swap(&day, &month) }
                        if let d = DateNormalizer.make(year, month, day) { return d }
                    }
                }
            }
            // D[.] Month YYYY
            if t.isNumber, t.end - t.start <= 2, k + 2 < n, !tokens[k + 1].isNumber, tokens[k + 1].value > 0,
                tokens[k + 2].isNumber, tokens[k + 2].end - tokens[k + 2].start == 4
            {
                if let d = DateNormalizer.make(tokens[k + 2].value, tokens[k + 1].value, t.value) { return d }
            }
            // Month D[st|th][,] YYYY
            if !t.isNumber, t.value > 0, k + 2 < n, tokens[k + 1].isNumber, tokens[k + 1].end - tokens[k + 1].start <= 2 {
                var y = k + 2
                if !tokens[y].isNumber, y + 1 < n, tokens[y].end - tokens[y].start == 2 { y += 1 }  // 1st, 2nd
                if y < n, tokens[y].isNumber, tokens[y].end - tokens[y].start == 4,
                    let d = DateNormalizer.make(tokens[y].value, t.value, tokens[k + 1].value)
                {
                    return d
                }
            }
            k += 1
        }
        return nil
    }

    /// A date written in a URL path: /2019/10/16/, /2019-10-16-, /20191016/ .
    static func inURL(_ url: String?) -> String? {
        guard let url else { return nil }
        let bytes = Array(url.utf8)
        // Skip scheme and host.
        var start = 0
        if let r = url.range(of: "://") {
            let after = url.utf8.distance(from: url.utf8.startIndex, to: r.upperBound)
            start = after
            while start < bytes.count, bytes[start] != 0x2F { start += 1 }
        }
        // Wayback Machine copies: skip /web/<timestamp>/ and the original host.
        if let r = url.range(of: "/web/") , let inner = url[r.upperBound...].range(of: "://") {
            start = url.utf8.distance(from: url.utf8.startIndex, to: inner.upperBound)
            while start < bytes.count, bytes[start] != 0x2F { start += 1 }
        }
        var i = start
        func digits(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= bytes.count else { return nil }
            var v = 0
            for k in at..<(at + count) {
                guard bytes[k] >= 0x30 && bytes[k] <= 0x39 else { return nil }
                v = v * 10 + Int(bytes[k] - 0x30)
            }
            if at + count < bytes.count, bytes[at + count] >= 0x30 && bytes[at + count] <= 0x39 { return nil }
            return v
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x2F || b == 0x2D || b == 0x5F {
                let p = i + 1
                if let y = digits(p, 4), y >= 1995, y <= 2100, p + 4 < bytes.count {
                    let s = bytes[p + 4]
                    if s == 0x2F || s == 0x2D || s == 0x5F {
                        var mlen = 2
                        var m = digits(p + 5, 2)
                        if m == nil { m = digits(p + 5, 1); mlen = 1 }
                        if let m, p + 5 + mlen < bytes.count, bytes[p + 5 + mlen] == s {
                            let dp = p + 6 + mlen
                            var d = digits(dp, 2)
                            if d == nil { d = digits(dp, 1) }
                            if let d, let date = DateNormalizer.make(y, m, d) { return date }
                        }
                    }
                }
                // "/texte/22/20220127-weremember…": a compact date opening a path segment.
                if b == 0x2F, let v = digits(p, 8), p + 8 < bytes.count, bytes[p + 8] == 0x2D || bytes[p + 8] == 0x5F,
                    v / 10000 >= 1995, v / 10000 <= 2100, let date = DateNormalizer.make(v / 10000, (v / 100) % 100, v % 100)
                {
                    return date
                }
                // "/meldungen/29-10-2021": day, month, year.
                if let d = digits(p, 2), p + 2 < bytes.count, case let s = bytes[p + 2], s == 0x2D || s == 0x2E || s == 0x5F,
                    let m = digits(p + 3, 2), p + 5 < bytes.count, bytes[p + 5] == s, let y = digits(p + 6, 4), y >= 1995, y <= 2100,
                    let date = DateNormalizer.make(y, m, d)
                {
                    return date
                }
            }
            i += 1
        }
        return nil
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b >= 0x80
    }
}

/// Decodes the HTML character references that pages leave double-escaped in meta content and
/// JSON-LD strings ("&amp;", "&#038;", "&raquo;", "&#8211;").
enum MetadataEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "raquo": "»", "laquo": "«",
        "ndash": "–", "mdash": "—", "hellip": "…", "rsquo": "’", "lsquo": "‘", "rdquo": "”", "ldquo": "“", "bdquo": "„",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß", "eacute": "é",
        "egrave": "è", "agrave": "à", "aacute": "á", "oacute": "ó", "iacute": "í", "uacute": "ú", "ntilde": "ñ",
        "ccedil": "ç", "middot": "·", "bull": "•", "copy": "©", "reg": "®", "euro": "€", "Eacute": "É",
    ]

    static func decode(_ s: String) -> String {
        // (A byte test: Foundation's `contains` would search the string as NSString.)
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = after[..<semi]
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    if let v = UInt32(name.dropFirst(2), radix: 16), let u = Unicode.Scalar(v) { replacement = String(Character(u)) }
                } else if name.hasPrefix("#") {
                    if let v = UInt32(name.dropFirst()), let u = Unicode.Scalar(v) { replacement = String(Character(u)) }
                } else {
                    replacement = named[String(name)]
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semi)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }
}

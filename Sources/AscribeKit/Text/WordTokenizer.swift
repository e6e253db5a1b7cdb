// Word tokens over UTF-8 bytes, for the attribution rules.
//
// One pass over `text.utf8`: letters and digits form words (inner apostrophes and hyphens kept,
// a possessive "'s" split off), every punctuation mark is its own token, and quote marks (two
// apostrophes '' included) are classed as opening, closing or ambiguous. Each word carries an FNV-1a hash of its lower-cased
// bytes so lexicon lookups never build a String.

/// One token: its UTF-8 byte range in the text and what it is.
struct WordToken: Sendable, Equatable {
    var range: Range<Int>
    var kind: Kind
    /// FNV-1a of the lower-cased bytes (ASCII letters folded; other bytes as they are).
    var hash: UInt64
    /// The first letter is upper case (ASCII or a Latin/Cyrillic/Greek capital).
    var isCapitalized: Bool

    enum Kind: UInt8, Sendable {
        case word, number, punctuation
        /// “ « „ and a straight quote that opens (after space or start).
        case openQuote
        /// ” » and a straight quote that closes.
        case closeQuote
    }

    var isWord: Bool { kind == .word }
    var isQuote: Bool { kind == .openQuote || kind == .closeQuote }
}

enum WordTokenizer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3
    /// Every possessive token ('s or ’s) carries the hash of "'s".
    static let possessiveHash = hash("'s")
    /// The hash of '' (two apostrophes used as a double quotation mark).
    static let doubleApostropheHash = hash("''")

    /// FNV-1a of the lower-cased ASCII bytes of `s` (what `WordToken.hash` holds for that word).
    static func hash(_ s: String) -> UInt64 {
        var h = fnvOffset
        for var b in s.utf8 {
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            h = (h ^ UInt64(b)) &* fnvPrime
        }
        return h
    }

    /// Each byte folded for hashing when it is an ASCII letter or digit (A–Z to a–z), else 0.
    /// One load and one test per byte in the word loop instead of four range tests: words are
    /// most of a text's bytes.
    static let asciiWordFold: [UInt8] = (0..<256).map { (b: Int) -> UInt8 in
        let c = UInt8(b)
        if c >= 0x41 && c <= 0x5A { return c + 0x20 }
        return (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) ? c : 0
    }

    /// Tokens of `bytes[range]`.
    static func tokens(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>) -> [WordToken] {
        asciiWordFold.withUnsafeBufferPointer { fold in
            // News prose runs 4.3–6 bytes a token (PolNeAR): room for one token in three bytes
            // holds it; a text that needs more is tokenized again with room for one a byte (a
            // token takes at least one).
            tokens(bytes, in: range, fold: fold, capacity: range.count / 3 + 16)
                ?? tokens(bytes, in: range, fold: fold, capacity: range.count + 1)!
        }
    }

    /// The tokens written straight into the array's storage (`Array.append` checked uniqueness
    /// and capacity for every token); nil when there are more than `capacity`.
    private static func tokens(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, fold: UnsafeBufferPointer<UInt8>, capacity: Int) -> [WordToken]? {
        var fits = true
        let tokens = [WordToken](unsafeUninitializedCapacity: capacity) { storage, initialized in
            var sink = TokenSink(storage: storage)
            scan(bytes, in: range, fold: fold, into: &sink)
            fits = sink.count <= storage.count
            initialized = min(sink.count, storage.count)
        }
        return fits ? tokens : nil
    }

    /// Fills a fixed buffer; counts on past its end so the caller sees that it overflowed.
    private struct TokenSink {
        let storage: UnsafeMutableBufferPointer<WordToken>
        var count = 0

        @inline(__always) mutating func append(_ token: WordToken) {
            if count < storage.count { (storage.baseAddress! + count).initialize(to: token) }
            count += 1
        }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, in range: Range<Int>, fold: UnsafeBufferPointer<UInt8>, into out: inout TokenSink) {
        var i = range.lowerBound
        let end = min(range.upperBound, bytes.count)
        while i < end {
            let b = bytes[i]
            // An ASCII letter or digit (most token starts) is no space and starts a word.
            let asciiWordStart = fold[Int(b)] != 0
            if !asciiWordStart {
                if b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0 {
                    i += 1
                    continue
                }
                // Unicode spaces: no-break (U+00A0), the U+2000–200A family, narrow no-break, ideographic.
                if b == 0xC2 && i + 1 < end && bytes[i + 1] == 0xA0 {
                    i += 2
                    continue
                }
                if b == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && (bytes[i + 2] <= 0x8B || bytes[i + 2] == 0xAF) {
                    i += 3
                    continue
                }
            }
            if asciiWordStart || isWordStart(bytes, i, end) {
                let start = i
                var h = fnvOffset
                var allDigits = true
                // ORs the folded ASCII letters and digits: bit 0x40 is set by letters only.
                var asciiSeen: UInt8 = 0
                while i < end {
                    let c = bytes[i]
                    let f = fold[Int(c)]
                    if f != 0 {
                        asciiSeen |= f
                        h = (h ^ UInt64(f)) &* fnvPrime
                        i &+= 1
                        continue
                    }
                    if c < 0x80 {
                        // Inner joiners: don't, U.S, 3.5, 1,000, well-known (a possessive 's is split off).
                        if (c == 0x27 || c == 0x2D || c == 0x2E || c == 0x2C) && i + 1 < end && isWordStart(bytes, i + 1, end) && i > start {
                            if c == 0x27 && isPossessiveS(bytes, i, end) { break }
                            if (c == 0x2E || c == 0x2C) && !(isDigit(bytes[i - 1]) && isDigit(bytes[i + 1])) && !(c == 0x2E && isUpper(bytes[i - 1]) && isUpper(bytes[i + 1])) { break }
                            h = (h ^ UInt64(c)) &* fnvPrime
                            i += 1
                            continue
                        }
                        break
                    }
                    // Right single quotation mark as an apostrophe inside a word (don’t); ’s is split off.
                    if c == 0xE2 && i + 2 < end && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 && i + 3 < end && isWordStart(bytes, i + 3, end) {
                        if isPossessiveS(bytes, i, end) { break }
                        h = (h ^ 0x27) &* fnvPrime
                        i += 3
                        continue
                    }
                    let n = scalarLength(c)
                    guard isLetterScalar(bytes, i, end) else { break }
                    allDigits = false
                    for k in 0..<n where i + k < end { h = (h ^ UInt64(bytes[i + k])) &* fnvPrime }
                    i += n
                }
                if i == start { i += 1; continue }
                if asciiSeen & 0x40 != 0 { allDigits = false }
                out.append(WordToken(range: start..<i, kind: allDigits ? .number : .word, hash: h, isCapitalized: isCapital(bytes, start, end)))
                continue
            }
            // Possessive 's / ’s as its own word token.
            if (b == 0x27 || b == 0xE2) && isPossessiveS(bytes, i, end) {
                let start = i
                i += b == 0x27 ? 2 : 4
                out.append(WordToken(range: start..<i, kind: .word, hash: possessiveHash, isCapitalized: false))
                continue
            }
            let start = i
            // Two apostrophes: a double quotation mark in archives that flattened “ ” to ''
            // (New York Times copy), opening or closing as a straight " does.
            if b == 0x27 && i + 1 < end && bytes[i + 1] == 0x27 {
                i += 2
                let kind: WordToken.Kind = straightQuoteOpens(bytes, start, 2, range.lowerBound, end) ? .openQuote : .closeQuote
                out.append(WordToken(range: start..<i, kind: kind, hash: doubleApostropheHash, isCapitalized: false))
                continue
            }
            let n = min(scalarLength(b), end - i)
            i += n
            let kind = quoteKind(bytes, start, n, range.lowerBound, end)
            var h = fnvOffset
            for k in start..<i { h = (h ^ UInt64(bytes[k])) &* fnvPrime }
            out.append(WordToken(range: start..<i, kind: kind, hash: h, isCapitalized: false))
        }
    }

    /// For ASCII `c` (< 0x80): two compares instead of six; `| 0x20` folds A–Z onto a–z and
    /// sends no other ASCII byte into a–z.
    @inline(__always) static func isASCIIAlnum(_ c: UInt8) -> Bool {
        (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10
    }
    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    @inline(__always) static func isUpper(_ c: UInt8) -> Bool { c >= 0x41 && c <= 0x5A }

    @inline(__always) static func scalarLength(_ b: UInt8) -> Int {
        b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
    }

    static func isWordStart(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let c = p[i]
        if c < 0x80 { return isASCIIAlnum(c) }
        return isLetterScalar(p, i, end)
    }

    /// Letters of the two-byte Latin, Greek and Cyrillic blocks, and anything beyond U+3000 (CJK).
    static func isLetterScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let c = p[i]
        if c >= 0xC3 && c <= 0xD4 { return i + 1 < end && !(c == 0xC3 && (p[i + 1] == 0x97 || p[i + 1] == 0xB7)) }
        if c == 0xC2 { return false }
        if c >= 0xE3 && c <= 0xED { return true }
        return false
    }

    @inline(__always)
    static func isCapital(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        let c = p[i]
        if c < 0x80 { return isUpper(c) }
        guard i + 1 < end else { return false }
        let d = p[i + 1]
        switch c {
        case 0xC3: return d >= 0x80 && d <= 0x9E && d != 0x97  // À–Þ
        case 0xD0: return d >= 0x80 && d <= 0xAF  // Ѐ–Я
        case 0xCE: return d >= 0x86 && d <= 0xAB  // Greek capitals
        default: return false
        }
    }

    /// `'s` or `’s` followed by a non-letter.
    static func isPossessiveS(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        var j = i
        if p[j] == 0x27 { j += 1 } else if p[j] == 0xE2 && j + 2 < end && p[j + 1] == 0x80 && p[j + 2] == 0x99 { j += 3 } else { return false }
        guard j < end, p[j] == 0x73 || p[j] == 0x53 else { return false }
        return j + 1 >= end || !isWordStart(p, j + 1, end)
    }

    static func quoteKind(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int, _ lo: Int, _ end: Int) -> WordToken.Kind {
        let b = p[i]
        if n == 1 {
            if b == 0x22 { return straightQuoteOpens(p, i, n, lo, end) ? .openQuote : .closeQuote }
            return .punctuation
        }
        if n == 2 && b == 0xC2 {
            if p[i + 1] == 0xAB { return .openQuote }  // «
            if p[i + 1] == 0xBB { return .closeQuote }  // »
        }
        if n == 3 && b == 0xE2 && p[i + 1] == 0x80 {
            switch p[i + 2] {
            case 0x9E: return .openQuote  // „
            case 0x9C:
                // “ right after a word or full stop and before the line's end is a typo for ”.
                let glued = i > lo && p[i - 1] != 0x20 && p[i - 1] != 0x0A && p[i - 1] != 0x09 && p[i - 1] != 0x28
                if glued && (i + n >= end || p[i + n] == 0x0A || p[i + n] == 0x0D) { return .closeQuote }
                return .openQuote  // “
            case 0x9D:
                // ” opening a paragraph ("\n”Mr. Trump embodies…”"): a typo for “, common in vox pops.
                let startsLine = i == lo || p[i - 1] == 0x0A
                if startsLine && i + n < end && p[i + n] != 0x20 && p[i + n] != 0x0A { return .openQuote }
                return .closeQuote  // ”
            default: return .punctuation
            }
        }
        return .punctuation
    }

    /// A straight double quote opens when it follows whitespace, an opening bracket or the start.
    static func straightQuoteOpens(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int, _ lo: Int, _ end: Int) -> Bool {
        if i == lo { return true }
        let before = p[i - 1]
        if before == 0x20 || before == 0x0A || before == 0x09 || before == 0x28 || before == 0x5B || before == 0x2D { return true }
        if i + n < end {
            let after = p[i + n]
            if after == 0x20 || after == 0x0A || after == 0x2C || after == 0x2E { return false }
        }
        // "—“" or after a dash: opening.
        return before == 0x94 || before == 0x93
    }
}

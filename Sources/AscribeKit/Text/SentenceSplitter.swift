// Rule-based sentence splitting over UTF-8 bytes.
//
// The scanner walks `text.utf8` once. Almost every byte is rejected by a single mask test; only
// terminal punctuation, newlines, quotes and a few lead bytes of multi-byte punctuation get a closer
// look, and a Unicode scalar is decoded only where a boundary is being decided (the first letter of
// the next word, the token before a period). No Foundation, no regex, no `Character` iteration.

/// One sentence: its UTF-8 byte range in the text, trimmed of surrounding whitespace.
struct Sentence: Sendable, Equatable {
    var range: Range<Int>
}

enum SentenceSplitter {
    /// Splits `text` (an article body: paragraphs separated by a blank line "\n\n"; plain text may also wrap lines with single "\n").
    static func split(_ text: String) -> [Sentence] {
        split(text, in: 0..<text.utf8.count)
    }

    /// Same, over a sub-range of the text's UTF-8 bytes (offsets stay relative to the whole text).
    ///
    /// The range is clamped to the text; a bound that falls inside a multi-byte scalar is moved
    /// to the nearest scalar boundary inside the range.
    static func split(_ text: String, in range: Range<Int>) -> [Sentence] {
        var text = text
        return text.withUTF8 { bytes -> [Sentence] in
            let count = bytes.count
            var lo = min(max(range.lowerBound, 0), count)
            var hi = min(max(range.upperBound, lo), count)
            while lo < hi, isContinuation(bytes[lo]) { lo += 1 }
            while hi > lo, hi < count, isContinuation(bytes[hi]) { hi -= 1 }
            guard lo < hi else { return [] }
            var scanner = SentenceScanner(p: bytes, lo: lo, hi: hi)
            return scanner.run()
        }
    }

    @inline(__always)
    static func isContinuation(_ b: UInt8) -> Bool { b & 0xC0 == 0x80 }

    // MARK: Tables

    enum AbbreviationKind: Sendable {
        /// Precedes a name or a word (titles, months, Latin "e.g."): never ends a sentence.
        case never
        /// Often ends a sentence too ("in the U.S.", "at 5 p.m.", "Acme Inc."): ends one only
        /// when the next word is a typical sentence opener ("The", "He", "But", ...).
        case sometimes
        /// Precedes a number ("No. 10", "pp. 4-5"): no boundary when a digit follows.
        case beforeNumber
    }

    struct Abbreviation: Sendable {
        let bytes: [UInt8]
        let kind: AbbreviationKind
        init(_ text: String, _ kind: AbbreviationKind) {
            bytes = Array(text.utf8)
            self.kind = kind
        }
    }

    /// Abbreviations whose final period is not a sentence boundary. Hand-assembled for Ascribe from
    /// the abbreviations AP style puts into English news copy: courtesy, military and political
    /// titles before names, month names before dates, corporate and name suffixes, Latin
    /// abbreviations, and the place names AP writes with periods. Matching is case-sensitive
    /// ("No. 10" vs "no."), so sentence-initial capitalised forms are listed explicitly.
    /// Single-letter initials ("F.") and dotted letter groups ("N.Y.", "U.S.A.") are recognised
    /// by pattern, not listed.
    static let abbreviations: [Abbreviation] = [
        // Titles before names.
        .init("Mr.", .never), .init("Mrs.", .never), .init("Ms.", .never), .init("Messrs.", .never),
        .init("Dr.", .never), .init("Prof.", .never), .init("Rev.", .never), .init("Hon.", .never),
        .init("Gen.", .never), .init("Col.", .never), .init("Lt.", .never), .init("Sgt.", .never),
        .init("Capt.", .never), .init("Maj.", .never), .init("Adm.", .never), .init("Cmdr.", .never),
        .init("Cpl.", .never), .init("Pvt.", .never), .init("Gov.", .never), .init("Sen.", .never),
        .init("Rep.", .never), .init("Supt.", .never), .init("Atty.", .never), .init("Mt.", .never),
        .init("Ft.", .never),
        // Latin and connective abbreviations.
        .init("vs.", .never), .init("v.", .never), .init("e.g.", .never), .init("i.e.", .never),
        .init("E.g.", .never), .init("I.e.", .never), .init("cf.", .never), .init("approx.", .never),
        // Months (AP abbreviates these before a date).
        .init("Jan.", .never), .init("Feb.", .never), .init("Mar.", .never), .init("Apr.", .never),
        .init("Aug.", .never), .init("Sept.", .never), .init("Sep.", .never), .init("Oct.", .never),
        .init("Nov.", .never), .init("Dec.", .never),
        // Suffixes and abbreviations that can also close a sentence.
        .init("Jr.", .sometimes), .init("Sr.", .sometimes), .init("Inc.", .sometimes),
        .init("Corp.", .sometimes), .init("Ltd.", .sometimes), .init("Co.", .sometimes),
        .init("Bros.", .sometimes), .init("St.", .sometimes), .init("Ave.", .sometimes),
        .init("etc.", .sometimes), .init("Etc.", .sometimes), .init("U.S.", .sometimes),
        .init("U.K.", .sometimes), .init("U.N.", .sometimes), .init("D.C.", .sometimes),
        .init("a.m.", .sometimes), .init("p.m.", .sometimes), .init("A.M.", .sometimes),
        .init("P.M.", .sometimes),
        // Before numbers.
        .init("No.", .beforeNumber), .init("Nos.", .beforeNumber), .init("p.", .beforeNumber),
        .init("pp.", .beforeNumber), .init("Vol.", .beforeNumber), .init("Art.", .beforeNumber),
    ]

    /// `abbreviations`, each packed little-endian into a UInt64 (all are at most 8 bytes).
    static let abbreviationKeys: [UInt64] = abbreviations.map { abbreviation in
        precondition(abbreviation.bytes.count <= 8)
        var key: UInt64 = 0
        for (n, byte) in abbreviation.bytes.enumerated() { key |= UInt64(byte) << (8 * UInt64(n)) }
        return key
    }

    /// `abbreviationKeys` → index in `abbreviations`: one probe per period, not a scan of the list.
    /// (A key is never 0: it holds at least one letter and the period.)
    static let abbreviationIndex: WordHashTable<Int> = {
        var table = WordHashTable<Int>(capacity: abbreviationKeys.count)
        for (n, key) in abbreviationKeys.enumerated() where table[key] == nil { table[key] = n }
        return table
    }()

    /// Words that typically open a sentence. After an abbreviation that can also end a sentence
    /// ("in the U.S. The ..."), one of these as the next word makes the period a boundary.
    static let sentenceOpeners: [[UInt8]] = [
        "The", "A", "An", "He", "She", "It", "They", "We", "I", "You", "But", "And", "Or", "So",
        "Yet", "In", "On", "At", "This", "That", "These", "Those", "There", "His", "Her", "Its",
        "Their", "Our", "My", "However", "Meanwhile", "If", "When", "While", "After", "Before",
        "As", "Some", "Many", "Most", "Officials", "According", "Earlier", "Later", "Last", "Now",
    ].map { Array($0.utf8) }
}

/// What starts the text after a candidate boundary.
private enum NextKind {
    case upper, digit, opener, lower, other
}

/// The single-pass scanner. Lives only inside `withUTF8`; never escapes.
private struct SentenceScanner {
    let p: UnsafeBufferPointer<UInt8>
    let lo: Int
    let hi: Int

    var out: [Sentence] = []
    /// First byte of the current sentence (always a non-whitespace byte, or `hi`).
    var start = 0
    /// The current sentence began at the start of a line (after a newline or the range start).
    var startsLine = true
    /// First byte after the most recent newline.
    var lineStart = 0
    var curlyDepth = 0
    var straightOpen = false

    init(p: UnsafeBufferPointer<UInt8>, lo: Int, hi: Int) {
        self.p = p
        self.lo = lo
        self.hi = hi
        self.start = lo
        self.lineStart = lo
    }

    var inQuote: Bool { curlyDepth > 0 || straightOpen }

    /// Bytes that need a closer look: \n ! " . ? and the lead bytes C2 E2 E3 EF.
    @inline(__always)
    static func isInteresting(_ b: UInt8) -> Bool {
        if b < 0x40 { return (0x8000_4006_0000_0400 as UInt64) &>> UInt64(b) & 1 != 0 }
        return b >= 0xC2 && (b == 0xC2 || b == 0xE2 || b == 0xE3 || b == 0xEF)
    }

    /// The first interesting byte at or after `i` (or `hi`), eight bytes at a time where
    /// possible (SWAR: finds bytes equal to \n ! " . ? or to the lead bytes C2 E2 E3 EF).
    @inline(__always)
    func nextInteresting(from i: Int) -> Int {
        var i = i
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highs: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= hi {
                let x = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                @inline(__always) func zeroBytes(_ t: UInt64) -> UInt64 { (t &- ones) & ~t & highs }
                var hits = zeroBytes(x ^ (ones &* 0x2E)) | zeroBytes(x ^ (ones &* 0x0A))
                    | zeroBytes(x ^ (ones &* 0x22)) | zeroBytes(x ^ (ones &* 0x21)) | zeroBytes(x ^ (ones &* 0x3F))
                if x & highs != 0 {
                    hits |= zeroBytes(x ^ (ones &* 0xC2)) | zeroBytes(x ^ (ones &* 0xE2))
                        | zeroBytes(x ^ (ones &* 0xE3)) | zeroBytes(x ^ (ones &* 0xEF))
                }
                if hits == 0 {
                    i += 8
                    continue
                }
                return i + hits.trailingZeroBitCount / 8
            }
        }
        while i < hi && !Self.isInteresting(p[i]) { i += 1 }
        return i
    }

    mutating func run() -> [Sentence] {
        out.reserveCapacity((hi - lo) / 96 + 1)
        var i = skipWhitespace(from: lo, crossedLine: true)
        while true {
            i = nextInteresting(from: i)
            if i >= hi { break }
            let b = p[i]
            switch b {
            case 0x0A:
                i = newline(at: i)
            case 0x2E, 0x21, 0x3F:  // . ! ?
                i = terminal(at: i)
            case 0x22:  // "
                straightOpen.toggle()
                i += 1
            case 0xC2:
                if i + 1 < hi {
                    if p[i + 1] == 0xAB { curlyDepth += 1 }  // «
                    else if p[i + 1] == 0xBB { closeCurly() }  // »
                }
                i += 1
            case 0xE2, 0xE3, 0xEF:
                if terminalLength(at: i) != 0 {
                    i = terminal(at: i)
                } else {
                    if i + 2 < hi {
                        let b1 = p[i + 1], b2 = p[i + 2]
                        if b == 0xE2 && b1 == 0x80 {
                            if b2 == 0x9C { curlyDepth += 1 }  // “
                            else if b2 == 0x9D { closeCurly() }  // ”
                        } else if b == 0xE3 && b1 == 0x80 {
                            if b2 == 0x8C || b2 == 0x8E { curlyDepth += 1 }  // 「 『
                            else if b2 == 0x8D || b2 == 0x8F { closeCurly() }  // 」 』
                        }
                    }
                    i += 1
                }
            default:
                i += 1
            }
        }
        emit(start, hi)
        return out
    }

    // MARK: Sentence bookkeeping

    @inline(__always)
    mutating func closeCurly() {
        if curlyDepth > 0 { curlyDepth -= 1 }
    }

    /// Appends start..<end trimmed of trailing whitespace, if anything is left.
    mutating func emit(_ s: Int, _ e: Int) {
        var e = e
        while e > s {
            let w = whitespaceLength(endingAt: e, floor: s)
            if w == 0 { break }
            e -= w
        }
        if e > s { out.append(Sentence(range: s..<e)) }
    }

    /// Skips whitespace from `k`, tracking lines and paragraphs, and starts the next sentence
    /// at the first non-whitespace byte. Returns that position.
    mutating func skipWhitespace(from k: Int, crossedLine: Bool) -> Int {
        var k = k
        var newlines = 0
        while k < hi {
            let w = whitespaceLength(at: k)
            if w == 0 { break }
            if p[k] == 0x0A {
                newlines += 1
                lineStart = k + 1
            }
            k += w
        }
        if newlines >= 2 {
            curlyDepth = 0
            straightOpen = false
        }
        start = k
        startsLine = crossedLine || newlines > 0
        return k
    }

    // MARK: Newlines

    mutating func newline(at i: Int) -> Int {
        // Blank line: "\n", optional horizontal whitespace, "\n".
        var k = i + 1
        while k < hi, p[k] != 0x0A {
            let w = whitespaceLength(at: k)
            if w == 0 { break }
            k += w
        }
        if k < hi && p[k] == 0x0A {
            emit(start, i)
            curlyDepth = 0
            straightOpen = false
            return skipWhitespace(from: k, crossedLine: true)
        }
        // Single newline: a short headline/dateline line with no terminal punctuation ends
        // here. Lines ending in terminal punctuation were decided in `terminal(at:)`.
        if k < hi, startsLine, start >= lineStart, start < i, !inQuote {
            var le = i
            while le > start {
                let w = whitespaceLength(endingAt: le, floor: start)
                if w == 0 { break }
                le -= w
            }
            if le > start, !endsWithTerminal(start, le), scalarCount(start, le, limit: 60) < 60,
                nextKind(at: k) != .lower
            {
                emit(start, le)
                lineStart = i + 1
                return skipWhitespace(from: k, crossedLine: true)
            }
        }
        lineStart = i + 1
        return i + 1
    }

    // MARK: Terminal punctuation

    /// Length of a terminal mark at `k` (. ! ? … ‼ ⁇ ⁈ ⁉ 。 ！ ？ ｡), 0 if none; `cjk` marks
    /// full stops that end a sentence without a following space.
    @inline(__always)
    func terminalMark(at k: Int) -> (length: Int, cjk: Bool) {
        let b = p[k]
        if b == 0x2E || b == 0x21 || b == 0x3F { return (1, false) }
        guard b >= 0xE2, k + 2 < hi else { return (0, false) }
        let b1 = p[k + 1], b2 = p[k + 2]
        switch b {
        case 0xE2:
            if b1 == 0x80 && (b2 == 0xA6 || b2 == 0xBC) { return (3, false) }  // … ‼
            if b1 == 0x81 && (b2 >= 0x87 && b2 <= 0x89) { return (3, false) }  // ⁇ ⁈ ⁉
        case 0xE3:
            if b1 == 0x80 && b2 == 0x82 { return (3, true) }  // 。
        case 0xEF:
            if b1 == 0xBC && (b2 == 0x81 || b2 == 0x9F) { return (3, true) }  // ！ ？
            if b1 == 0xBD && b2 == 0xA1 { return (3, true) }  // ｡
        default:
            break
        }
        return (0, false)
    }

    @inline(__always)
    func terminalLength(at k: Int) -> Int { terminalMark(at: k).length }

    /// Length of a closing quote or bracket at `k`, 0 if none.
    @inline(__always)
    func closerLength(at k: Int) -> Int {
        let b = p[k]
        switch b {
        case 0x22, 0x27, 0x29, 0x5D, 0x7D:  // " ' ) ] }
            return 1
        case 0xC2:
            return k + 1 < hi && p[k + 1] == 0xBB ? 2 : 0  // »
        case 0xE2, 0xE3, 0xEF:
            guard k + 2 < hi else { return 0 }
            let b1 = p[k + 1], b2 = p[k + 2]
            if b == 0xE2 && b1 == 0x80 && (b2 == 0x9D || b2 == 0x99 || b2 == 0xBA) { return 3 }  // ” ’ ›
            if b == 0xE3 && b1 == 0x80 && (b2 == 0x8D || b2 == 0x8F || b2 == 0x89 || b2 == 0x8B || b2 == 0x91) {
                return 3  // 」 』 〉 》 】
            }
            if b == 0xEF && b1 == 0xBC && (b2 == 0x89 || b2 == 0xBD) { return 3 }  // ） ］
            return 0
        default:
            return 0
        }
    }

    /// Decides the boundary after a run of terminal marks starting at `i0`; returns where to resume.
    mutating func terminal(at i0: Int) -> Int {
        var j = i0
        var marks = 0
        var periods = 0
        var ellipsis = false
        var cjk = false
        while j < hi {
            let mark = terminalMark(at: j)
            if mark.length == 0 { break }
            if p[j] == 0x2E { periods += 1 }
            if mark.length == 3 && p[j] == 0xE2 && p[j + 2] == 0xA6 { ellipsis = true }
            cjk = cjk || mark.cjk
            marks += 1
            j += mark.length
        }
        if periods >= 2 { ellipsis = true }

        // Closing quotes and brackets belong to the sentence.
        var closedQuote = false
        while j < hi {
            let c = closerLength(at: j)
            if c == 0 { break }
            let b = p[j]
            if b == 0x22 {  // "
                straightOpen = false
                closedQuote = true
            } else if b == 0x27 {  // '
                closedQuote = true
            } else if c == 2 {  // »
                closeCurly()
                closedQuote = true
            } else if c == 3 {
                let b2 = p[j + 2]
                if b == 0xE2 {  // ” ’ ›
                    if b2 == 0x9D { closeCurly() }
                    closedQuote = true
                } else if b == 0xE3 && (b2 == 0x8D || b2 == 0x8F) {  // 」 』
                    closeCurly()
                    closedQuote = true
                }
            }
            j += c
        }
        let runEnd = j
        if runEnd >= hi { return runEnd }

        if cjk {
            emit(start, runEnd)
            return skipWhitespace(from: runEnd, crossedLine: false)
        }

        var k = runEnd
        var newlines = 0
        while k < hi {
            let w = whitespaceLength(at: k)
            if w == 0 { break }
            if p[k] == 0x0A { newlines += 1 }
            k += w
        }
        // No whitespace ("3.5", "example.com", "Yahoo!News"), trailing whitespace, or a blank
        // line (handled by `newline(at:)`): nothing to decide here.
        if k == runEnd || k >= hi || newlines >= 2 { return runEnd }

        let next = nextKind(at: k)
        let strong = next == .upper || next == .digit || next == .opener
        var boundary: Bool
        if marks == 1 && periods == 1, let kind = abbreviationKind(period: i0) {
            switch kind {
            case .never: boundary = false
            case .sometimes: boundary = startsWithOpenerWord(at: k)
            case .beforeNumber: boundary = next != .digit && strong
            }
        } else if strong {
            boundary = true
        } else {
            // "previous line ends with terminal punctuation": a single newline after a plain
            // terminal mark ends the sentence even before a lowercase word, but not after an
            // ellipsis, a closing quote ("win.”\nhe said") or inside an open quotation.
            boundary = newlines == 1 && !ellipsis && !closedQuote && !inQuote
        }
        guard boundary else { return runEnd }
        emit(start, runEnd)
        return skipWhitespace(from: runEnd, crossedLine: false)
    }

    // MARK: Abbreviations

    /// Classifies the token ending in the period at `d`, nil if it is an ordinary word.
    func abbreviationKind(period d: Int) -> SentenceSplitter.AbbreviationKind? {
        var s = d
        while s > start {
            let c = p[s - 1]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x28 || c == 0x5B || c == 0x22
                || c == 0x27 || c == 0x2F
            {
                break
            }
            s -= 1
            if d - s > 12 { return nil }  // Longer than any abbreviation or initial.
        }
        // Drop leading opening quotes: “ ‘ «
        while s < d {
            if d - s >= 3 && p[s] == 0xE2 && p[s + 1] == 0x80 && (p[s + 2] == 0x9C || p[s + 2] == 0x98) {
                s += 3
            } else if d - s >= 2 && p[s] == 0xC2 && p[s + 1] == 0xAB {
                s += 2
            } else {
                break
            }
        }
        let length = d - s
        guard length > 0 else { return nil }

        // Single-letter initial: "F." "J." "А." (any script).
        if scalarLength(p[s]) == length, let scalar = decode(at: s), scalar.properties.isUppercase {
            return .sometimes
        }
        // Listed abbreviations (compared including the period), packed into one integer.
        if length < 8 {
            var key: UInt64 = 0
            for n in 0...length { key |= UInt64(p[s + n]) << (8 * UInt64(n)) }
            if let n = SentenceSplitter.abbreviationIndex[key] { return SentenceSplitter.abbreviations[n].kind }
        }
        // Dotted letter groups: "N.Y." "U.S.A." "L.A." (ASCII letters alternating with periods).
        if length >= 3 && length % 2 == 1 {
            var n = s
            var ok = true
            while n < d {
                if !isASCIILetter(p[n]) || (n + 1 < d && p[n + 1] != 0x2E) {
                    ok = false
                    break
                }
                n += 2
            }
            if ok { return .sometimes }
        }
        return nil
    }

    func startsWithOpenerWord(at k: Int) -> Bool {
        var e = k
        while e < hi, isASCIILetter(p[e]) { e += 1 }
        let length = e - k
        guard length > 0 else { return false }
        for word in SentenceSplitter.sentenceOpeners where word.count == length {
            var equal = true
            for n in 0..<length where word[n] != p[k + n] {
                equal = false
                break
            }
            if equal { return true }
        }
        return false
    }

    // MARK: Classification helpers

    func nextKind(at k: Int) -> NextKind {
        let b = p[k]
        if b < 0x80 {
            switch b {
            case 0x41...0x5A: return .upper
            case 0x61...0x7A: return .lower
            case 0x30...0x39: return .digit
            case 0x22, 0x27, 0x28, 0x5B, 0x7B: return .opener
            default: return .other
            }
        }
        guard let scalar = decode(at: k) else { return .other }
        switch scalar.value {
        case 0x201C, 0x2018, 0x201E, 0x201A, 0x00AB, 0x2039, 0x00BF, 0x00A1,
            0x300C, 0x300E, 0x3008, 0x300A, 0x3010, 0xFF08, 0xFF3B:
            return .opener
        default:
            break
        }
        let properties = scalar.properties
        if properties.isUppercase || properties.generalCategory == .titlecaseLetter { return .upper }
        if properties.isLowercase { return .lower }
        if properties.numericType != nil { return .digit }
        // Letters of scripts without case (CJK, Arabic, Hebrew, Devanagari...) can open a sentence.
        if properties.isAlphabetic && !properties.isCased { return .upper }
        return .other
    }

    func endsWithTerminal(_ s: Int, _ e: Int) -> Bool {
        var e = e
        // Strip closing quotes and brackets.
        while e > s {
            if closerLength(at: e - 1) == 1 {
                e -= 1
            } else if e - 2 >= s && closerLength(at: e - 2) == 2 {
                e -= 2
            } else if e - 3 >= s && closerLength(at: e - 3) == 3 {
                e -= 3
            } else {
                break
            }
        }
        guard e > s else { return false }
        if terminalLength(at: e - 1) == 1 { return true }
        return e - 3 >= s && terminalLength(at: e - 3) == 3
    }

    func scalarCount(_ s: Int, _ e: Int, limit: Int) -> Int {
        var n = 0
        var k = s
        while k < e && n < limit {
            if !SentenceSplitter.isContinuation(p[k]) { n += 1 }
            k += 1
        }
        return n
    }

    /// Byte length of whitespace starting at `k`: ASCII whitespace, NBSP, U+2000–U+200A,
    /// U+2028/2029, U+202F, U+205F, U+3000, BOM. 0 if none.
    @inline(__always)
    func whitespaceLength(at k: Int) -> Int {
        let b = p[k]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        if b == 0xC2 { return k + 1 < hi && p[k + 1] == 0xA0 ? 2 : 0 }
        guard b == 0xE2 || b == 0xE3 || b == 0xEF, k + 2 < hi else { return 0 }
        return isMultiByteSpace(b, p[k + 1], p[k + 2]) ? 3 : 0
    }

    /// Byte length of whitespace ending just before `e` (not reaching below `floor`). 0 if none.
    @inline(__always)
    func whitespaceLength(endingAt e: Int, floor: Int) -> Int {
        let b = p[e - 1]
        if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
        if b == 0xA0 && e - 2 >= floor && p[e - 2] == 0xC2 { return 2 }
        if e - 3 >= floor && isMultiByteSpace(p[e - 3], p[e - 2], b) { return 3 }
        return 0
    }

    @inline(__always)
    func isMultiByteSpace(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Bool {
        switch b0 {
        case 0xE2:
            if b1 == 0x80 { return b2 <= 0x8A || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF }
            return b1 == 0x81 && b2 == 0x9F
        case 0xE3: return b1 == 0x80 && b2 == 0x80
        case 0xEF: return b1 == 0xBB && b2 == 0xBF
        default: return false
        }
    }

    @inline(__always)
    func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    @inline(__always)
    func scalarLength(_ lead: UInt8) -> Int {
        if lead < 0x80 { return 1 }
        if lead < 0xE0 { return 2 }
        if lead < 0xF0 { return 3 }
        return 4
    }

    /// Decodes the scalar starting at `k` (the text is valid UTF-8; a truncated range yields nil).
    func decode(at k: Int) -> Unicode.Scalar? {
        let b0 = p[k]
        let length = scalarLength(b0)
        guard k + length <= hi else { return nil }
        var value: UInt32
        switch length {
        case 1: return Unicode.Scalar(b0)
        case 2: value = UInt32(b0 & 0x1F)
        case 3: value = UInt32(b0 & 0x0F)
        default: value = UInt32(b0 & 0x07)
        }
        for n in 1..<length { value = value << 6 | UInt32(p[k + n] & 0x3F) }
        return Unicode.Scalar(value)
    }
}

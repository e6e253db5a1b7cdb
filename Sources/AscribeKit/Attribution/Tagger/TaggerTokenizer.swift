// Byte-level tokenizer for the attribution tagger: words, numbers, punctuation and quote marks,
// each with its UTF-8 byte range. No Foundation, no Character iteration.

enum TaggerTokenKind: UInt8, Sendable {
    case word, number, punct, openQuote, closeQuote, straightQuote
}

/// Tokens of one text as parallel arrays (UTF-8 byte offsets).
struct TaggerTokens: Sendable {
    var start: [Int] = []
    var end: [Int] = []
    var kind: [TaggerTokenKind] = []
    /// Newlines in the whitespace before the token (capped at 2: 2 means a paragraph break).
    var breaks: [UInt8] = []

    var count: Int { start.count }
}

enum TaggerTokenizer {
    /// Classes of one scalar.
    enum CharClass: UInt8 {
        case space, newline, word, digit, punct, openQuote, closeQuote, straightQuote, apostrophe, hyphen
    }

    /// Classifies the scalar at `k` and returns its byte length (clamped to `n`).
    @inline(__always)
    static func classify(_ p: UnsafeBufferPointer<UInt8>, _ k: Int, _ n: Int) -> (CharClass, Int) {
        let b = p[k]
        if b < 0x80 {
            switch b {
            case 0x0A: return (.newline, 1)
            case 0x00...0x20, 0x7F: return (.space, 1)
            case 0x30...0x39: return (.digit, 1)
            case 0x41...0x5A, 0x61...0x7A, 0x5F: return (.word, 1)
            case 0x22: return (.straightQuote, 1)
            case 0x27: return (.apostrophe, 1)
            case 0x2D: return (.hyphen, 1)
            default: return (.punct, 1)
            }
        }
        let length = b < 0xE0 ? 2 : (b < 0xF0 ? 3 : 4)
        guard k + length <= n else { return (.punct, n - k) }
        let b1 = p[k + 1]
        if b == 0xC2 {
            if b1 == 0xA0 { return (.space, 2) }
            if b1 == 0xAB { return (.openQuote, 2) }
            if b1 == 0xBB { return (.closeQuote, 2) }
            if b1 < 0xC0 { return (.punct, 2) }  // Latin-1 punctuation and symbols.
        }
        if b == 0xE2 && (b1 == 0x80 || b1 == 0x81) {
            let b2 = p[k + 2]
            if b1 == 0x80 {
                switch b2 {
                case 0x80...0x8B, 0xA8, 0xA9, 0xAF: return (.space, 3)
                case 0x9C, 0x9E: return (.openQuote, 3)
                case 0x9D: return (.closeQuote, 3)
                case 0x98: return (.openQuote, 3)
                case 0x99: return (.apostrophe, 3)
                case 0x90, 0x91: return (.hyphen, 3)
                default: return (.punct, 3)
                }
            }
            if b2 == 0x9F || b2 == 0xA0 { return (.space, 3) }
            return (.punct, 3)
        }
        if b == 0xE3 && b1 == 0x80 && p[k + 2] == 0x80 { return (.space, 3) }
        if b == 0xEF && b1 == 0xBB && p[k + 2] == 0xBF { return (.space, 3) }
        return (.word, length)
    }

    static func tokenize(_ p: UnsafeBufferPointer<UInt8>) -> TaggerTokens {
        // A text has at most one token per byte: the arrays are filled in place, uninitialised.
        let n = p.count
        var count = 0
        var end: [Int] = [], kind: [TaggerTokenKind] = [], breaks: [UInt8] = []
        let start = [Int](unsafeUninitializedCapacity: n) { starts, startCount in
            end = [Int](unsafeUninitializedCapacity: n) { ends, endCount in
                kind = [TaggerTokenKind](unsafeUninitializedCapacity: n) { kinds, kindCount in
                    breaks = [UInt8](unsafeUninitializedCapacity: n) { breakBuffer, breakCount in
                        count = tokenize(p, starts.baseAddress, ends.baseAddress, kinds.baseAddress, breakBuffer.baseAddress)
                        breakCount = count
                    }
                    kindCount = count
                }
                endCount = count
            }
            startCount = count
        }
        return TaggerTokens(start: start, end: end, kind: kind, breaks: breaks)
    }

    /// Writes the tokens of `p` into the buffers (room for `p.count` each); returns their number.
    private static func tokenize(_ p: UnsafeBufferPointer<UInt8>, _ starts: UnsafeMutablePointer<Int>?,
                                 _ ends: UnsafeMutablePointer<Int>?, _ kinds: UnsafeMutablePointer<TaggerTokenKind>?,
                                 _ breaks: UnsafeMutablePointer<UInt8>?) -> Int {
        let n = p.count
        var count = 0
        var i = 0
        var newlines: UInt8 = 0
        var prevWordEnd = -1
        while i < n {
            if p[i] == 0x20 {
                i += 1
                continue
            }
            // ASCII letters and digits, the usual token start, without the call to `classify`.
            let b0 = p[i]
            let (c, len): (CharClass, Int) = b0 &- 0x30 < 10 ? (.digit, 1) : ((b0 | 0x20) &- 0x61 < 26 ? (.word, 1) : classify(p, i, n))
            var kind: TaggerTokenKind
            var e = i + len
            switch c {
            case .space:
                i = e
                continue
            case .newline:
                if newlines < 2 { newlines += 1 }
                i = e
                continue
            case .word, .digit:
                kind = c == .digit ? .number : .word
                // Run of word characters; inner apostrophes/hyphens (and . , between digits) join.
                while e < n {
                    // ASCII letters and digits: the common case, no classification needed.
                    let b = p[e]
                    if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 {
                        e += 1
                        continue
                    }
                    // A space or newline ends the word (what `classify` and the joiner test below
                    // would conclude), and it is by far the usual word end.
                    if b == 0x20 || b == 0x0A { break }
                    let (c2, l2) = classify(p, e, n)
                    if c2 == .word || c2 == .digit {
                        e += l2
                        continue
                    }
                    if e + l2 < n, c2 == .apostrophe || c2 == .hyphen || (kind == .number && (p[e] == 0x2E || p[e] == 0x2C)) {
                        let (c3, _) = classify(p, e + l2, n)
                        if c3 == .word || (c3 == .digit && c2 != .apostrophe) || (kind == .number && c3 == .digit) {
                            e += l2
                            continue
                        }
                    }
                    break
                }
            case .openQuote: kind = .openQuote
            case .closeQuote: kind = .closeQuote
            case .straightQuote: kind = .straightQuote
            case .apostrophe:
                // A word-final apostrophe ("candidates'") or a single quote mark.
                if prevWordEnd == i { kind = .punct } else if len == 3 { kind = .closeQuote } else { kind = .straightQuote }
            case .hyphen, .punct:
                kind = .punct
                // Runs of the same ASCII punctuation ("--", "...") form one token.
                if len == 1 { while e < n && p[e] == p[i] { e += 1 } }
            }
            starts.unsafelyUnwrapped[count] = i
            ends.unsafelyUnwrapped[count] = e
            kinds.unsafelyUnwrapped[count] = kind
            breaks.unsafelyUnwrapped[count] = newlines
            count += 1
            newlines = 0
            if kind == .word || kind == .number { prevWordEnd = e }
            i = e
        }
        return count
    }
}

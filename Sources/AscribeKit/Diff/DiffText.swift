// One version of an article prepared for the diff: sentences, and per sentence the word hashes
// that survive typography.
//
// Typography must produce no event, so a sentence's fingerprint is built from its words only:
// lower-cased, ’ read as ' (the tokenizer already does both), words split at hyphens so
// "2015-2016" and "2015–2016" agree, every quotation mark (" “ ” « » „) one and the same token,
// and all other punctuation, whitespace and no-break spaces left out. One byte scan per version.

/// What a diff token is.
enum DiffTokenKind: UInt8, Sendable {
    case word, number, quote
}

/// A word, number or quotation mark of one version, with its hash after normalisation.
struct DiffToken: Sendable, Equatable {
    /// UTF-8 byte range in `Article.text`.
    var range: Range<Int>
    var hash: UInt64
    var kind: DiffTokenKind
    /// Inside a quotation (the marks themselves are not).
    var inQuote: Bool
}

/// One version of the article, tokenised and split once for alignment and events.
struct DiffText: Sendable {
    let article: Article
    let bytes: [UInt8]
    /// UTF-8 byte ranges of the sentences.
    let sentences: [Range<Int>]
    let tokens: [DiffToken]
    /// Token index range of each sentence.
    let sentenceTokens: [Range<Int>]
    /// Per sentence: a hash of its normalised words; 0 for a sentence without any (a lone "—").
    let fingerprints: [UInt64]

    /// The hash every quotation mark gets, whatever its typography.
    static let quoteHash: UInt64 = WordTokenizer.hash("\u{1}quote")

    init(_ article: Article) {
        self.article = article
        let bytes = Array(article.text.utf8)
        self.bytes = bytes
        let sentences = SentenceSplitter.split(article.text).map(\.range)
        self.sentences = sentences
        let words = bytes.withUnsafeBufferPointer { WordTokenizer.tokens($0, in: 0..<$0.count) }
        var tokens: [DiffToken] = []
        tokens.reserveCapacity(words.count)
        // Quotations as AttributionText reads them: an unclosed quote stops at a line break.
        var open = false
        var previousEnd = 0
        for w in words {
            if open && AttributionText.hasNewline(bytes, previousEnd, w.range.lowerBound) { open = false }
            previousEnd = w.range.upperBound
            switch w.kind {
            case .openQuote, .closeQuote:
                tokens.append(DiffToken(range: w.range, hash: DiffText.quoteHash, kind: .quote, inQuote: false))
                open = w.kind == .openQuote ? true : false
            case .punctuation:
                continue
            case .word, .number:
                let kind: DiffTokenKind = w.kind == .number ? .number : .word
                DiffText.appendParts(of: w, kind: kind, inQuote: open, bytes, into: &tokens)
            }
        }
        self.tokens = tokens
        var ranges: [Range<Int>] = []
        var prints: [UInt64] = []
        ranges.reserveCapacity(sentences.count)
        var t = 0
        for s in sentences {
            while t < tokens.count && tokens[t].range.lowerBound < s.lowerBound { t += 1 }
            let first = t
            var h = WordTokenizer.fnvOffset
            while t < tokens.count && tokens[t].range.lowerBound < s.upperBound {
                // Multiply first so equal words in a different order give a different print.
                h = (h &* WordTokenizer.fnvPrime) ^ tokens[t].hash
                t += 1
            }
            ranges.append(first..<t)
            prints.append(t > first && !(t - first == 1 && tokens[first].kind == .quote) ? h | 1 : 0)
        }
        sentenceTokens = ranges
        fingerprints = prints
    }

    /// A word with inner hyphens becomes its parts, so hyphen and dash spellings agree.
    static func appendParts(of w: WordToken, kind: DiffTokenKind, inQuote: Bool, _ bytes: [UInt8], into tokens: inout [DiffToken]) {
        var hasHyphen = false
        for i in w.range where bytes[i] == 0x2D {
            hasHyphen = true
            break
        }
        guard hasHyphen else {
            tokens.append(DiffToken(range: w.range, hash: w.hash, kind: kind, inQuote: inQuote))
            return
        }
        var start = w.range.lowerBound
        var h = WordTokenizer.fnvOffset
        var i = start
        while i <= w.range.upperBound {
            if i == w.range.upperBound || bytes[i] == 0x2D {
                if i > start { tokens.append(DiffToken(range: start..<i, hash: h, kind: kind, inQuote: inQuote)) }
                start = i + 1
                h = WordTokenizer.fnvOffset
                i += 1
                continue
            }
            var b = bytes[i]
            // ’ inside a word hashes as ' (as the tokenizer does).
            if b == 0xE2 && i + 2 < w.range.upperBound && bytes[i + 1] == 0x80 && bytes[i + 2] == 0x99 {
                h = (h ^ 0x27) &* WordTokenizer.fnvPrime
                i += 3
                continue
            }
            if b >= 0x41 && b <= 0x5A { b += 0x20 }
            h = (h ^ UInt64(b)) &* WordTokenizer.fnvPrime
            i += 1
        }
    }

    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Byte range from the first to the last of `tokenRange` (nil when empty).
    func byteRange(_ tokenRange: Range<Int>) -> Range<Int>? {
        guard !tokenRange.isEmpty else { return nil }
        return tokens[tokenRange.lowerBound].range.lowerBound..<tokens[tokenRange.upperBound - 1].range.upperBound
    }

    /// Index of the sentence holding byte `offset`, or nil.
    func sentenceIndex(at offset: Int) -> Int? {
        var lo = 0
        var hi = sentences.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sentences[mid].upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo < sentences.count && sentences[lo].contains(offset) ? lo : nil
    }

    /// The sentence's text folded for comparison: lower case, straight quotes and apostrophes,
    /// hyphen for every dash, one space for any run of whitespace.
    func folded(_ range: Range<Int>) -> String { DiffText.fold(text(range)) }

    static func fold(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        for scalar in s.unicodeScalars {
            var c: Unicode.Scalar = scalar
            switch scalar.value {
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: c = "'"
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x00AB, 0x00BB, 0x2033: c = "\""
            case 0x2010...0x2015, 0x2212: c = "-"
            case 0x00A0, 0x2000...0x200B, 0x202F, 0x205F, 0x3000, 0x09, 0x0A, 0x0D: c = " "
            default: break
            }
            if c == " " {
                space = true
                continue
            }
            if space && !out.isEmpty { out.append(0x20) }
            space = false
            if c.value < 0x80 {
                let b = UInt8(c.value)
                out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            } else {
                for b in String(c).lowercased().utf8 { out.append(b) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

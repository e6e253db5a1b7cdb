/// The article text as the attribution stage sees it: bytes, word tokens and sentences, built once.
/// A class: every rule and the resolver share one instance instead of copying its arrays.
final class AttributionText: Sendable {
    let bytes: [UInt8]
    let tokens: [WordToken]
    /// UTF-8 byte ranges of the sentences.
    let sentences: [Range<Int>]
    /// Token index range of each sentence.
    let sentenceTokens: [Range<Int>]
    /// Sentence index of each token.
    let sentenceOfToken: [Int32]
    /// For each token: the index of the quote token that opened the quotation holding it, or -1.
    let quoteOpener: [Int32]
    /// Indices of the tokens that close a quotation (their `quoteOpener` is the opening mark).
    let quoteClosers: [Int]
    let lexicon: Lexicon

    init(_ text: String, lexicon: Lexicon = .shared) {
        bytes = Array(text.utf8)
        self.lexicon = lexicon
        let sentenceList = SentenceSplitter.split(text).map(\.range)
        sentences = sentenceList
        tokens = bytes.withUnsafeBufferPointer { WordTokenizer.tokens($0, in: 0..<$0.count) }
        var ofToken = [Int32](repeating: -1, count: tokens.count)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(sentenceList.count)
        var t = 0
        for (s, range) in sentenceList.enumerated() {
            while t < tokens.count && tokens[t].range.lowerBound < range.lowerBound { t += 1 }
            let first = t
            while t < tokens.count && tokens[t].range.lowerBound < range.upperBound {
                ofToken[t] = Int32(s)
                t += 1
            }
            ranges.append(first..<t)
        }
        sentenceTokens = ranges
        sentenceOfToken = ofToken
        // Quotations: an opener waits for its closer; a new paragraph may continue a quote only
        // when it opens again (the "no closing mark at paragraph end" convention), so unclosed
        // quotes stop at the paragraph break instead of swallowing the article.
        var opener = [Int32](repeating: -1, count: tokens.count)
        var closers: [Int] = []
        var open: Int32 = -1
        // "…the question: “As you know…?” Forty-three, yes." — a quotation inside a quotation uses
        // the other family of marks; it stays part of the outer one.
        var inner: Int32 = -1
        var previousEnd = 0
        for i in tokens.indices {
            let token = tokens[i]
            if open >= 0 && AttributionText.hasNewline(bytes, previousEnd, token.range.lowerBound) {
                // A quotation running over paragraphs leaves each paragraph open and opens the next
                // again: an unclosed paragraph that is all quotation ends at its last token.
                if token.kind == .openQuote, i - 1 > Int(open) + 1,
                    open == 0 || AttributionText.hasNewline(bytes, tokens[Int(open) - 1].range.upperBound, tokens[Int(open)].range.lowerBound),
                    AttributionText.quoteFamily(bytes, token.range) == AttributionText.quoteFamily(bytes, tokens[Int(open)].range)
                {
                    closers.append(i - 1)
                }
                open = -1
                inner = -1
            }
            previousEnd = token.range.upperBound
            // German style: „…“ closes with the mark English uses to open.
            let innermost = inner >= 0 ? inner : open
            let closesLowQuote = token.kind == .openQuote && innermost >= 0 && bytes[token.range.lowerBound] == 0xE2 && bytes[token.range.lowerBound + 2] == 0x9C
                && bytes[tokens[Int(innermost)].range.lowerBound] == 0xE2 && bytes[tokens[Int(innermost)].range.lowerBound + 2] == 0x9E
            switch closesLowQuote ? .closeQuote : token.kind {
            case .openQuote:
                if open >= 0 && inner < 0 && AttributionText.quoteFamily(bytes, token.range) != AttributionText.quoteFamily(bytes, tokens[Int(open)].range) {
                    inner = Int32(i)
                } else {
                    open = Int32(i)
                    inner = -1
                }
            case .closeQuote:
                if inner >= 0 && (closesLowQuote || AttributionText.quoteFamily(bytes, token.range) == AttributionText.quoteFamily(bytes, tokens[Int(inner)].range)) {
                    inner = -1
                    opener[i] = open
                    continue
                }
                if open >= 0 {
                    opener[i] = open
                    closers.append(i)
                }
                open = -1
                inner = -1
                continue
            default:
                break
            }
            opener[i] = open
        }
        quoteOpener = opener
        quoteClosers = closers
    }

    /// Straight (0: " and ''), curly or low (1) and angle (2) double quotation marks: a quotation nested
    /// inside another takes the other family.
    static func quoteFamily(_ bytes: [UInt8], _ range: Range<Int>) -> Int {
        switch bytes[range.lowerBound] {
        case 0x22, 0x27: return 0  // " and ''.
        case 0xC2: return 2
        default: return 1
        }
    }

    /// A newline between two tokens: paragraphs (and plain-text lines) end an unclosed quote.
    static func hasNewline(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Bool {
        var i = from
        while i < to {
            if bytes[i] == 0x0A { return true }
            i += 1
        }
        return false
    }

    func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    /// Byte range covering tokens `lo..<hi`.
    func byteRange(_ tokenRange: Range<Int>) -> Range<Int> {
        tokens[tokenRange.lowerBound].range.lowerBound..<tokens[tokenRange.upperBound - 1].range.upperBound
    }

    func isInsideQuote(_ i: Int) -> Bool { quoteOpener[i] >= 0 }

    /// The tokens a byte range touches (nil when it touches none).
    func tokenRange(covering bytes: Range<Int>) -> Range<Int>? {
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].range.upperBound <= bytes.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        // Token starts increase: the end is found by galloping from the first token (cues and
        // sources span a token or two), then halving (contents span dozens).
        var end = lo
        var probe = lo
        var step = 1
        while probe < tokens.count && tokens[probe].range.lowerBound < bytes.upperBound {
            end = probe + 1
            probe += step
            step <<= 1
        }
        hi = min(probe, tokens.count)
        while end < hi {
            let mid = (end + hi) / 2
            if tokens[mid].range.lowerBound < bytes.upperBound { end = mid + 1 } else { hi = mid }
        }
        return end > lo ? lo..<end : nil
    }
}

/// Claims, sources and the article they came from: what the checklist is built on.
public struct ClaimReport: Sendable, Equatable {
    public var analysis: AttributionAnalysis
    public var claims: [Claim]
    public var sources: [SourceEntry]
    public var article: Article { analysis.article }
}

/// Turns attributions into claims tied to sources, and finds the checkable sentences nobody is
/// credited with.
public enum ClaimLinker {
    public static func link(_ analysis: AttributionAnalysis) -> ClaimReport {
        let t = analysis.attributionText ?? AttributionText(analysis.article.text)
        let attributions = analysis.attributions
        var sources: [SourceEntry] = []
        /// One registry entry per name (any case) and kind.
        struct SourceKey: Hashable {
            var name: String
            var kind: SourceKind
        }
        var sourceIndex: [SourceKey: Int] = [:]
        sourceIndex.reserveCapacity(attributions.count)
        var claims: [Claim] = []
        claims.reserveCapacity(attributions.count + analysis.sentences.count)
        // Attributions are read in place, field by field: a copy of one retains its arrays and strings.
        let document = attributions.indices.first { attributions[$0].kind == .document }

        // Consecutive attributions often share their source: the last one registered, by its
        // exact name, skips lower-casing and hashing the name.
        var lastRegistered: (name: String, kind: SourceKind, index: Int)?

        func register(_ n: Int) -> Int? {
            guard attributions[n].kind != .document, let r = attributions[n].sourceResolved else { return nil }
            let index: Int
            if let last = lastRegistered, last.kind == r.kind, last.name == r.name {
                index = last.index
            } else {
                let key = SourceKey(name: r.name.fastLowercased, kind: r.kind)
                if let known = sourceIndex[key] {
                    index = known
                } else {
                    index = sources.count
                    sources.append(SourceEntry(name: r.name, kind: r.kind, role: r.role, mentions: [], carriers: [], claims: []))
                    sourceIndex[key] = index
                }
                lastRegistered = (r.name, r.kind, index)
            }
            if sources[index].role == nil { sources[index].role = r.role }
            sources[index].mentions.append(contentsOf: attributions[n].source)
            if let outlet = attributions[n].carrier?.outlet, !sources[index].carriers.contains(outlet) { sources[index].carriers.append(outlet) }
            return index
        }

        // Ids come from the claim's words, so they survive edits elsewhere in the article; a
        // repeated sentence gets -2, -3… (counted per base id: linear even for thousands of repeats).
        // The id "C" + hex(h) [+ "-k"] is tracked as the number h | k << 24 (k = 1: no suffix), a
        // one-to-one stand-in for the string, so the sets hash integers and no string is made for
        // an id that is taken.
        // (Tables keyed by the already mixed hash bits, not SipHash; repeats under base | 1 << 40,
        // as 0 cannot be a key.)
        var usedIDs = WordHashTable<Bool>(capacity: attributions.count + analysis.sentences.count)
        var repeats = WordHashTable<Int>(capacity: attributions.count + analysis.sentences.count)
        // `span`: the claim's tokens, from `tokens(in:)` (those wholly inside its range).
        func makeID(_ span: Range<Int>) -> String {
            var h: UInt64 = WordTokenizer.fnvOffset
            for k in span where t.tokens[k].kind != .punctuation {
                h = (h ^ t.tokens[k].hash) &* WordTokenizer.fnvPrime
            }
            let base = h & 0xFFFFFF
            var suffix = 1
            var k = repeats[base | 1 << 40] ?? 1
            while usedIDs.contains(base | UInt64(suffix) << 24) {
                k += 1
                suffix = k
            }
            repeats[base | 1 << 40] = k
            usedIDs[base | UInt64(suffix) << 24] = true
            return suffix == 1 ? hexID(0x43, base) : hexID(0x43, base) + "-\(suffix)"
        }

        // Attributed claims: one per attribution (document lines only cover the rest).
        var covered: [Range<Int>] = []
        covered.reserveCapacity(attributions.count * 3)
        var contentEntries: [(range: Range<Int>, id: Int)] = []
        contentEntries.reserveCapacity(attributions.count)
        for n in attributions.indices where attributions[n].kind != .document {
            for range in attributions[n].content { contentEntries.append((range, n)) }
        }
        let contentIndex = RangeIndex(contentEntries)
        for index in attributions.indices where attributions[index].kind != .document {
            let content = attributions[index].content
            guard let first = content.first, let last = content.last else { continue }
            let range = first.lowerBound..<last.upperBound
            let sentence = attributions[index].sentence
            let source = register(index)
            let cueStart = attributions[index].cue[0].lowerBound
            // The first other attribution whose content holds this one's cue.
            var via: Int?
            contentIndex.forEachOverlap(cueStart..<(cueStart + 1)) { n in
                if n != index && n < (via ?? Int.max) { via = n }
            }
            let span = tokens(in: range, t)
            var claim = Claim(
                id: makeID(span), range: range, sentence: sentence, status: .attributed,
                features: features(span: span, t), attribution: index, basis: .sameSentence, source: source,
                links: links(sentence, analysis.article), hedges: hedges(span: span, t), secondHandVia: via)
            if content.count > 1 && !sentence.contains(last.lowerBound) { claim.basis = .continuation }
            claims.append(claim)
            covered.append(sentence)
            covered.append(contentsOf: content)
        }

        // Sentences no attribution covers: interpretation, or unattributed checkable statements.
        let title = analysis.article.metadata.title
        let coveredIndex = RangeIndex(covered.enumerated().map { ($0.element, $0.offset) })
        for sentence in analysis.sentences {
            if coveredIndex.containsOverlap(sentence, where: { overlapShare(sentence, covered[$0]) > 0.5 }) { continue }
            if let title, isTitle(sentence, title, t) { continue }
            let span = tokens(in: sentence, t)
            let found = features(span: span, t)
            let interpretation = isInterpretation(span: span, t)
            guard interpretation || !found.isEmpty else { continue }
            var claim = Claim(
                id: makeID(span), range: sentence, sentence: sentence, status: interpretation ? .interpretation : .unattributed,
                features: found, attribution: nil, basis: .none, source: nil, links: links(sentence, analysis.article),
                hedges: hedges(span: span, t), secondHandVia: nil)
            if !interpretation, let document {
                claim.attribution = document
                claim.basis = .document
            }
            claims.append(claim)
        }
        claims.sort { $0.range.lowerBound < $1.range.lowerBound }
        // The sources' claim lists, in the sorted order.
        for (n, c) in claims.enumerated() { if let s = c.source { sources[s].claims.append(n) } }
        return ClaimReport(analysis: analysis, claims: claims, sources: sources)
    }

    /// The sentence is the headline (equal as text; the first sentence may start with it). Equal
    /// bytes are equal text, and differing ASCII bytes differ as text: only non-ASCII text, where
    /// canonical equivalence may join different bytes, needs a string.
    static func isTitle(_ sentence: Range<Int>, _ title: String, _ t: AttributionText) -> Bool {
        if sentence.lowerBound == 0 {
            let text = t.text(sentence)
            return text == title || text.hasPrefix(title)
        }
        var title = title
        return title.withUTF8 { want in
            t.bytes.withUnsafeBufferPointer { all in
                let got = UnsafeBufferPointer(rebasing: all[sentence])
                if got.elementsEqual(want) { return true }
                if !got.contains(where: { $0 >= 0x80 }) && !want.contains(where: { $0 >= 0x80 }) { return false }
                return t.text(sentence) == String(decoding: want, as: UTF8.self)
            }
        }
    }

    static func overlapShare(_ a: Range<Int>, _ b: Range<Int>) -> Double {
        let common = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        return a.isEmpty ? 0 : Double(max(0, common)) / Double(a.count)
    }

    static func links(_ sentence: Range<Int>, _ article: Article) -> [Int] {
        article.links.indices.filter { article.links[$0].range.overlaps(sentence) }
    }

    static func tokens(in range: Range<Int>, _ t: AttributionText) -> Range<Int> {
        var lo = 0
        var hi = t.tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if t.tokens[mid].range.lowerBound < range.lowerBound { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < t.tokens.count && t.tokens[end].range.upperBound <= range.upperBound { end += 1 }
        return lo..<end
    }

    /// What is checkable in the words of `range`.
    /// One bit per feature in `ClaimFeature.allCases` order and one table lookup per word: a
    /// `Set<ClaimFeature>` hashed each feature's raw-value string, and five word sets meant five
    /// lookups (and five lazy-global checks) per word.
    /// `span`: the claim's tokens (from `tokens(in:)`).
    static func features(span: Range<Int>, _ t: AttributionText) -> [ClaimFeature] {
        let quantity: UInt8 = 1 << 0, date: UInt8 = 1 << 1, namedEntity: UInt8 = 1 << 2, comparison: UInt8 = 1 << 3
        let causal: UInt8 = 1 << 4, prediction: UInt8 = 1 << 5, quote: UInt8 = 1 << 6
        let classes = ClaimWords.classes
        var found: UInt8 = 0
        for i in span {
            let token = t.tokens[i]
            let h = token.hash
            if token.kind == .number {
                // `Int(text) ?? 0` on the token's bytes: only four digits can make 1800...2100.
                let r = token.range
                var value = 0
                if r.count == 4 {
                    for k in r {
                        let b = t.bytes[k]
                        guard b >= 0x30 && b <= 0x39 else {
                            value = 0
                            break
                        }
                        value = value * 10 + Int(b - 0x30)
                    }
                }
                found |= value >= 1800 && value <= 2100 ? date : quantity
            }
            let c = classes[h] ?? 0
            if c & ClaimWords.quantityBit != 0 { found |= quantity }
            if c & ClaimWords.dateBit != 0 { found |= date }
            if c & ClaimWords.comparisonBit != 0 { found |= comparison }
            if c & ClaimWords.causalBit != 0 { found |= causal }
            if c & ClaimWords.predictionBit != 0 { found |= prediction }
            if token.isQuote { found |= quote }
            if token.kind == .word && token.isCapitalized && i > span.lowerBound && c & ClaimWords.dateBit == 0 && !SpeakerResolver.nonNameCapitals.contains(h) {
                found |= namedEntity
            }
        }
        var out: [ClaimFeature] = []
        for (n, feature) in ClaimFeature.allCases.enumerated() where found & (1 << n) != 0 { out.append(feature) }
        return out
    }

    /// `prefix` ("C", "R") and the low 24 bits of `h` as six upper-case hex digits: what
    /// `prefix + String(h & 0xFFFFFF, radix: 16, uppercase: true).padding(6)` spells, without
    /// the three intermediate strings (ids are made for every claim).
    static func hexID(_ prefix: UInt8, _ h: UInt64) -> String {
        String(unsafeUninitializedCapacity: 7) { out in
            out[0] = prefix
            for k in 0..<6 {
                let d = UInt8(truncatingIfNeeded: h >> (20 - 4 * k)) & 0xF
                out[1 + k] = d < 10 ? 0x30 + d : 0x37 + d
            }
            return 7
        }
    }

    static func hedges(_ range: Range<Int>, _ t: AttributionText) -> [String] {
        hedges(span: tokens(in: range, t), t)
    }

    /// `hedges` of the tokens `span` (from `tokens(in:)`).
    static func hedges(span: Range<Int>, _ t: AttributionText) -> [String] {
        var out: [String] = []
        var i = span.lowerBound
        while i < span.upperBound {
            // A capital mid-claim is a name or a month ("in May"), not a hedge.
            if let m = t.lexicon.hedges.longestMatch(t.tokens, at: i), i + m.length <= span.upperBound, !t.tokens[i].isCapitalized || i == span.lowerBound {
                let phrase = t.text(t.byteRange(i..<(i + m.length))).lowercased()
                if !out.contains(phrase) { out.append(phrase) }
                i += m.length
                continue
            }
            i += 1
        }
        return out
    }

    /// "This point underscores…", "The dialogue suggests…", "Overall, the exchanges reveal…":
    /// an abstract subject and a verb of inference, with nobody credited.
    /// `span`: the sentence's tokens (from `tokens(in:)`).
    static func isInterpretation(span: Range<Int>, _ t: AttributionText) -> Bool {
        for i in span where ClaimWords.inference.contains(t.tokens[i].hash) && !t.tokens[i].isCapitalized {
            // The subject before the verb is not a person: no name, no personal pronoun.
            var k = i - 1
            var personal = false
            while k >= span.lowerBound && i - k <= 8 && t.tokens[k].kind != .punctuation {
                let h = t.tokens[k].hash
                if let p = t.lexicon.pronouns[h], p.hasPrefix("person") || p == "first-person" { personal = true }
                k -= 1
            }
            if !personal { return true }
        }
        return false
    }
}

/// Word lists of the claim stage (small, closed classes; the open ones live in Data/lexicons).
enum ClaimWords {
    static let quantityBit: UInt8 = 1, dateBit: UInt8 = 2, comparisonBit: UInt8 = 4, causalBit: UInt8 = 8, predictionBit: UInt8 = 16
    /// The feature word lists (quantity, date, comparison, causal, prediction) as one table of
    /// bits, so `ClaimLinker.features` looks a word up once.
    static let classes: WordHashTable<UInt8> = {
        let lists: [(UInt8, [String])] = [
            (quantityBit, ["percent", "per", "%", "million", "billion", "trillion", "thousand", "hundred", "dozen", "$", "€", "£", "half", "third", "quarter", "twice", "double", "tripled", "doubled"]),
            (dateBit, ["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow", "jan", "feb", "aug", "sept", "oct", "nov", "dec"]),
            (comparisonBit, ["more", "less", "fewer", "than", "most", "least", "largest", "biggest", "highest", "lowest", "best", "worst", "greatest", "smallest", "fastest", "first", "only", "record", "increase", "decrease", "rose", "fell", "grew", "dropped", "surged", "plunged"]),
            (causalBit, ["because", "caused", "causes", "cause", "led", "leads", "due", "result", "resulted", "therefore", "thus", "consequently", "prompting", "triggered", "blamed"]),
            (predictionBit, ["will", "expected", "forecast", "forecasts", "projected", "likely", "predict", "predicted", "predicts", "going", "poised", "set"]),
        ]
        var table = WordHashTable<UInt8>(capacity: lists.reduce(0) { $0 + $1.1.count })
        for (bit, words) in lists {
            for w in words {
                let h = WordTokenizer.hash(w)
                table[h] = (table[h] ?? 0) | bit
            }
        }
        return table
    }()
    static let inference = WordHashSet(["underscores", "underscore", "underscored", "suggests", "suggest", "illustrates", "illustrate", "reflects", "reflect", "reflected", "signals", "indicates", "demonstrates", "reveal", "reveals", "highlights", "marks", "shows", "underlines", "implies", "points"])
}

extension String {
    /// Left-pads with zeros to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

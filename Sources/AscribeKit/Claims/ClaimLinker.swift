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
        let t = AttributionText(analysis.article.text)
        let attributions = analysis.attributions
        var sources: [SourceEntry] = []
        var sourceIndex: [String: Int] = [:]
        var claims: [Claim] = []
        var usedIDs: Set<String> = []
        let document = attributions.firstIndex { $0.kind == .document }

        func register(_ a: Attribution) -> Int? {
            guard a.kind != .document, let r = a.sourceResolved else { return nil }
            let key = r.name.lowercased() + "|" + r.kind.rawValue
            let index = sourceIndex[key] ?? {
                sources.append(SourceEntry(name: r.name, kind: r.kind, role: r.role, mentions: [], carriers: [], claims: []))
                sourceIndex[key] = sources.count - 1
                return sources.count - 1
            }()
            if sources[index].role == nil { sources[index].role = r.role }
            sources[index].mentions.append(contentsOf: a.source)
            if let outlet = a.carrier?.outlet, !sources[index].carriers.contains(outlet) { sources[index].carriers.append(outlet) }
            return index
        }

        // Ids come from the claim's words, so they survive edits elsewhere in the article; a
        // repeated sentence gets -2, -3… (counted per base id: linear even for thousands of repeats).
        var repeats: [String: Int] = [:]
        func makeID(_ range: Range<Int>) -> String {
            var h: UInt64 = WordTokenizer.fnvOffset
            for k in t.tokenRange(covering: range) ?? 0..<0 where t.tokens[k].kind != .punctuation && t.tokens[k].range.upperBound <= range.upperBound && t.tokens[k].range.lowerBound >= range.lowerBound {
                h = (h ^ t.tokens[k].hash) &* WordTokenizer.fnvPrime
            }
            let base = "C" + String(h & 0xFFFFFF, radix: 16, uppercase: true).padding(6)
            var id = base
            var k = repeats[base] ?? 1
            while usedIDs.contains(id) {
                k += 1
                id = base + "-\(k)"
            }
            repeats[base] = k
            usedIDs.insert(id)
            return id
        }

        // Attributed claims: one per attribution (document lines only cover the rest).
        var covered: [Range<Int>] = []
        let contentIndex = RangeIndex(attributions.enumerated().flatMap { n, a in a.kind == .document ? [] : a.content.map { ($0, n) } })
        for (index, a) in attributions.enumerated() where a.kind != .document {
            guard let first = a.content.first, let last = a.content.last else { continue }
            let range = first.lowerBound..<last.upperBound
            let source = register(a)
            let cueStart = a.cue[0].lowerBound
            let via = contentIndex.overlapping(cueStart..<(cueStart + 1)).filter { $0 != index }.min()
            var claim = Claim(
                id: makeID(range), range: range, sentence: a.sentence, status: .attributed,
                features: features(range, t), attribution: index, basis: .sameSentence, source: source,
                links: links(a.sentence, analysis.article), hedges: hedges(range, t), secondHandVia: via)
            if a.content.count > 1 && !a.sentence.contains(last.lowerBound) { claim.basis = .continuation }
            if let source { sources[source].claims.append(claims.count) }
            claims.append(claim)
            covered.append(a.sentence)
            covered.append(contentsOf: a.content)
        }

        // Sentences no attribution covers: interpretation, or unattributed checkable statements.
        let title = analysis.article.metadata.title
        let coveredIndex = RangeIndex(covered.enumerated().map { ($0.element, $0.offset) })
        for sentence in analysis.sentences {
            if coveredIndex.overlapping(sentence).contains(where: { overlapShare(sentence, covered[$0]) > 0.5 }) { continue }
            let text = t.text(sentence)
            if let title, text == title || (sentence.lowerBound == 0 && text.hasPrefix(title)) { continue }
            let found = features(sentence, t)
            let interpretation = isInterpretation(sentence, t)
            guard interpretation || !found.isEmpty else { continue }
            var claim = Claim(
                id: makeID(sentence), range: sentence, sentence: sentence, status: interpretation ? .interpretation : .unattributed,
                features: found, attribution: nil, basis: .none, source: nil, links: links(sentence, analysis.article),
                hedges: hedges(sentence, t), secondHandVia: nil)
            if !interpretation, let document {
                claim.attribution = document
                claim.basis = .document
            }
            claims.append(claim)
        }
        claims.sort { $0.range.lowerBound < $1.range.lowerBound }
        // Re-point the sources' claim lists after sorting.
        for s in sources.indices { sources[s].claims = [] }
        for (n, c) in claims.enumerated() { if let s = c.source { sources[s].claims.append(n) } }
        return ClaimReport(analysis: analysis, claims: claims, sources: sources)
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
    static func features(_ range: Range<Int>, _ t: AttributionText) -> [ClaimFeature] {
        var found: Set<ClaimFeature> = []
        let span = tokens(in: range, t)
        for i in span {
            let token = t.tokens[i]
            let h = token.hash
            if token.kind == .number {
                let n = token.range.count
                let value = n == 4 ? Int(t.text(token.range)) ?? 0 : 0
                found.insert(value >= 1800 && value <= 2100 ? .date : .quantity)
            }
            if ClaimWords.quantity.contains(h) { found.insert(.quantity) }
            if ClaimWords.dates.contains(h) { found.insert(.date) }
            if ClaimWords.comparison.contains(h) { found.insert(.comparison) }
            if ClaimWords.causal.contains(h) { found.insert(.causal) }
            if ClaimWords.prediction.contains(h) { found.insert(.prediction) }
            if token.isQuote { found.insert(.quote) }
            if token.kind == .word && token.isCapitalized && i > span.lowerBound && !SpeakerResolver.nonNameCapitals.contains(h) && !ClaimWords.dates.contains(h) {
                found.insert(.namedEntity)
            }
        }
        return ClaimFeature.allCases.filter(found.contains)
    }

    static func hedges(_ range: Range<Int>, _ t: AttributionText) -> [String] {
        var out: [String] = []
        let span = tokens(in: range, t)
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
    static func isInterpretation(_ sentence: Range<Int>, _ t: AttributionText) -> Bool {
        let span = tokens(in: sentence, t)
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
    static let quantity = WordHashSet(["percent", "per", "%", "million", "billion", "trillion", "thousand", "hundred", "dozen", "$", "€", "£", "half", "third", "quarter", "twice", "double", "tripled", "doubled"])
    static let dates = WordHashSet(["january", "february", "march", "april", "june", "july", "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "yesterday", "today", "tomorrow", "jan", "feb", "aug", "sept", "oct", "nov", "dec"])
    static let comparison = WordHashSet(["more", "less", "fewer", "than", "most", "least", "largest", "biggest", "highest", "lowest", "best", "worst", "greatest", "smallest", "fastest", "first", "only", "record", "increase", "decrease", "rose", "fell", "grew", "dropped", "surged", "plunged"])
    static let causal = WordHashSet(["because", "caused", "causes", "cause", "led", "leads", "due", "result", "resulted", "therefore", "thus", "consequently", "prompting", "triggered", "blamed"])
    static let prediction = WordHashSet(["will", "expected", "forecast", "forecasts", "projected", "likely", "predict", "predicted", "predicts", "going", "poised", "set"])
    static let inference = WordHashSet(["underscores", "underscore", "underscored", "suggests", "suggest", "illustrates", "illustrate", "reflects", "reflect", "reflected", "signals", "indicates", "demonstrates", "reveal", "reveals", "highlights", "marks", "shows", "underlines", "implies", "points"])
}

extension String {
    /// Left-pads with zeros to `width` characters.
    func padding(_ width: Int) -> String { count >= width ? self : String(repeating: "0", count: width - count) + self }
}

// Events from aligned sentences: what changed in what a sentence claims and on whose authority.
//
// An edited pair is read in layers. Every changed word is "explained" by the first layer that
// owns it: words inside a quotation (quote-changed), the cue and source of an attribution
// (cue-changed, source-changed, attribution-dropped/-added), numbers, hedges. Whatever changed
// word is left over is a change of the claim itself (claim-changed), so a sentence whose only
// edit is "said" → "claimed" gives one cue-changed event, not a cue-changed and a claim-changed.

struct EventBuilder {
    let a: DiffText
    let b: DiffText
    var events: [DiffEvent] = []

    /// Lower-cased phrases that open an update or correction line.
    static let correctionPhrases = [
        "correction:", "corrections:", "clarification:", "update:", "updated:", "editor's note", "editors' note",
        "an earlier version of this", "a previous version of this", "an earlier version of the", "this article has been updated",
        "this story has been updated", "this article was updated", "this story was updated", "this article has been corrected",
        "this story has been corrected", "this article was corrected", "this story was corrected", "this article has been amended",
        "this article was amended", "this story has been amended", "has been updated to", "was updated to reflect", "has been corrected to",
    ]

    static func isCorrection(_ folded: String) -> Bool {
        correctionPhrases.contains { ByteSearch.contains(folded, $0) }
    }

    func side(_ t: DiffText, _ span: Range<Int>?, _ s: Int) -> DiffEventSide {
        let sentence = t.sentences[s]
        let range = span ?? sentence
        return DiffEventSide(span: range, text: t.text(range), sentence: sentence, sentenceText: t.text(sentence))
    }

    mutating func emit(_ type: DiffEventType, _ priority: DiffPriority, old: (Range<Int>?, Int)?, new: (Range<Int>?, Int)?, _ detail: String) {
        events.append(DiffEvent(
            type: type, priority: priority, old: old.map { side(a, $0.0, $0.1) }, new: new.map { side(b, $0.0, $0.1) }, detail: detail))
    }

    // MARK: Moves, additions, removals

    mutating func moved(old: ClosedRange<Int>, new: ClosedRange<Int>, edited: Bool = false) {
        let oldSpan = a.sentences[old.lowerBound].lowerBound..<a.sentences[old.upperBound].upperBound
        let newSpan = b.sentences[new.lowerBound].lowerBound..<b.sentences[new.upperBound].upperBound
        let n = old.count
        let what = n == 1 ? "a sentence" : "\(n) sentences"
        let paragraphs = b.text(newSpan).contains("\n\n") || isParagraph(b, newSpan) ? (n == 1 ? "a paragraph" : "a passage of \(n) sentences") : what
        events.append(DiffEvent(
            type: .moved, priority: .low,
            old: DiffEventSide(span: oldSpan, text: a.text(oldSpan), sentence: oldSpan, sentenceText: a.text(oldSpan)),
            new: DiffEventSide(span: newSpan, text: b.text(newSpan), sentence: newSpan, sentenceText: b.text(newSpan)),
            detail: "\(paragraphs) moved (sentence \(old.lowerBound + 1) → \(new.lowerBound + 1))" + (edited ? " and was edited (see its other events)" : ", wording unchanged")))
    }

    /// The span starts and ends at line breaks: a whole paragraph.
    func isParagraph(_ t: DiffText, _ span: Range<Int>) -> Bool {
        let startsLine = span.lowerBound == 0 || t.bytes[span.lowerBound - 1] == 0x0A
        let endsLine = span.upperBound >= t.bytes.count || t.bytes[span.upperBound] == 0x0A
        return startsLine && endsLine
    }

    /// The version's headline standing as the first line of a text version.
    static func isTitle(_ t: DiffText, _ s: Int) -> Bool {
        guard let title = t.article.metadata.title else { return false }
        return t.folded(t.sentences[s]) == DiffText.fold(title)
    }

    mutating func added(_ j: Int, _ facts: SentenceFacts) {
        guard !EventBuilder.isTitle(b, j) else { return }
        if EventBuilder.isCorrection(b.folded(b.sentences[j])) {
            emit(.correctionNotice, .high, old: nil, new: (nil, j), "an update or correction notice appeared: re-read what it corrects")
            return
        }
        for claim in facts.claims {
            let attribution = facts.attributions.first { $0.content.contains { $0.overlaps(claim.range) } }
            emit(.claimAdded, claimPriority(claim, attribution), old: nil, new: (claim.range, j), "new " + describe(claim, attribution))
        }
        for x in facts.attributions where !facts.claims.contains(where: { c in x.content.contains { $0.overlaps(c.range) } }) {
            emit(.attributionAdded, .medium, old: nil, new: (attributionSpan(x), j), "new attribution to \(x.who) (\(x.cueText))")
        }
    }

    mutating func removed(_ i: Int, _ facts: SentenceFacts) {
        guard !EventBuilder.isTitle(a, i) else { return }
        for claim in facts.claims {
            let attribution = facts.attributions.first { $0.content.contains { $0.overlaps(claim.range) } }
            emit(.claimRemoved, claimPriority(claim, attribution), old: (claim.range, i), new: nil, "removed " + describe(claim, attribution))
        }
        for x in facts.attributions where !facts.claims.contains(where: { c in x.content.contains { $0.overlaps(c.range) } }) {
            emit(.attributionRemoved, .high, old: (attributionSpan(x), i), new: nil, "the attribution to \(x.who) (\(x.cueText)) was removed")
        }
    }

    func claimPriority(_ claim: ClaimFact, _ x: AttributionFact?) -> DiffPriority {
        if let x, [.anonymous, .vague, .noSource].contains(x.kind) { return .high }
        return .medium
    }

    func describe(_ claim: ClaimFact, _ x: AttributionFact?) -> String {
        switch claim.status {
        case .interpretation: return "interpretation in the article's own voice"
        case .unattributed: return "claim with no source named"
        case .attributed:
            guard let x else { return "claim attributed to \(claim.source ?? "a source")" }
            return "claim attributed to \(x.who) (\(x.kindLabel), \(x.cueText))"
        }
    }

    func attributionSpan(_ x: AttributionFact) -> Range<Int>? {
        let parts = [x.cue, x.source].compactMap { $0 }
        guard let lo = parts.map(\.lowerBound).min(), let hi = parts.map(\.upperBound).max() else { return nil }
        return lo..<hi
    }

    // MARK: Edited pairs

    mutating func edited(_ i: Int, _ j: Int, _ changes: [WordChange], _ fa: SentenceFacts, _ fb: SentenceFacts) {
        let tokensA = a.sentenceTokens[i]
        let tokensB = b.sentenceTokens[j]
        // Changed stretches (the removed and added tokens between two kept runs), and where each
        // kept old token stands in the new sentence.
        var stretches: [(old: [Int], new: [Int])] = [([], [])]
        var keptTo: [Int: Int] = [:]
        for w in changes {
            switch w.kind {
            case .kept:
                if let r = w.old, let q = w.new {
                    zip(tokensA.filter { r.contains(a.tokens[$0].range.lowerBound) }, tokensB.filter { q.contains(b.tokens[$0].range.lowerBound) }).forEach { keptTo[$0] = $1 }
                }
                if !stretches[stretches.count - 1].old.isEmpty || !stretches[stretches.count - 1].new.isEmpty { stretches.append(([], [])) }
            case .removed: if let r = w.old { stretches[stretches.count - 1].old += tokensA.filter { r.contains(a.tokens[$0].range.lowerBound) } }
            case .added: if let r = w.new { stretches[stretches.count - 1].new += tokensB.filter { r.contains(b.tokens[$0].range.lowerBound) } }
            }
        }
        let changedA = Set(stretches.flatMap(\.old))
        let changedB = Set(stretches.flatMap(\.new))
        var explainedA = Set<Int>()
        var explainedB = Set<Int>()
        func span(_ t: DiffText, _ tokens: some Sequence<Int>) -> Range<Int>? {
            let ranges = tokens.map { t.tokens[$0].range }
            guard let lo = ranges.map(\.lowerBound).min(), let hi = ranges.map(\.upperBound).max() else { return nil }
            return lo..<hi
        }
        func words(_ t: DiffText, _ tokens: some Sequence<Int>) -> String {
            tokens.sorted().map { t.text(t.tokens[$0].range) }.joined(separator: " ")
        }

        // A headline that is also the first line of a text version: metadata-changed says it.
        if EventBuilder.isTitle(a, i) && EventBuilder.isTitle(b, j) { return }
        if EventBuilder.isCorrection(b.folded(b.sentences[j])) && !EventBuilder.isCorrection(a.folded(a.sentences[i])) {
            emit(.correctionNotice, .high, old: (nil, i), new: (nil, j), "an update or correction notice appeared: re-read what it corrects")
        }

        // Quotations: always high priority.
        let quotedA = tokensA.filter { a.tokens[$0].inQuote && a.tokens[$0].kind != .quote }
        let quotedB = tokensB.filter { b.tokens[$0].inQuote && b.tokens[$0].kind != .quote }
        if quotedA.map({ a.tokens[$0].hash }) != quotedB.map({ b.tokens[$0].hash }) {
            let changedQA = quotedA.filter(changedA.contains)
            let changedQB = quotedB.filter(changedB.contains)
            let detail: String
            if quotedA.isEmpty {
                detail = "paraphrase became a direct quotation: “\(words(b, quotedB))”"
            } else if quotedB.isEmpty {
                detail = "the direct quotation became paraphrase (was “\(words(a, quotedA))”)"
            } else if changedQA.isEmpty {
                detail = "words added inside the quotation: “\(words(b, changedQB))”"
            } else if changedQB.isEmpty {
                detail = "words cut from the quotation: “\(words(a, changedQA))”"
            } else {
                detail = "quoted words changed: “\(words(a, changedQA))” → “\(words(b, changedQB))”"
            }
            emit(.quoteChanged, .high, old: (span(a, changedQA.isEmpty ? quotedA : changedQA), i), new: (span(b, changedQB.isEmpty ? quotedB : changedQB), j), detail)
            explainedA.formUnion(quotedA)
            explainedB.formUnion(quotedB)
        }
        for t in changedA where a.tokens[t].kind == .quote { explainedA.insert(t) }
        for t in changedB where b.tokens[t].kind == .quote { explainedB.insert(t) }

        // Attributions, paired in order.
        func explain(_ x: AttributionFact, _ t: DiffText, _ tokens: Range<Int>, into set: inout Set<Int>) {
            for k in tokens {
                let r = t.tokens[k].range
                if x.cue?.contains(r.lowerBound) == true || x.source?.contains(r.lowerBound) == true { set.insert(k) }
            }
        }
        func token(_ t: DiffText, _ tokens: Range<Int>, at offset: Int?) -> Int? {
            guard let offset else { return nil }
            return tokens.first { t.tokens[$0].range.contains(offset) }
        }
        let xs = fa.attributions
        let ys = fb.attributions
        let (sideA, sideB, kept) = (a, b, keptTo)
        // The cue (or the source mention) is the same word of the sentence in both versions.
        let aligned: (AttributionFact, AttributionFact) -> Bool = { x, y in
            for (c, d) in [(x.cue, y.cue), (x.source, y.source)] {
                guard let c, let d,
                    let p = tokensA.first(where: { sideA.tokens[$0].range.contains(c.lowerBound) }),
                    let q = tokensB.first(where: { sideB.tokens[$0].range.contains(d.lowerBound) })
                else { continue }
                if kept[p] == q { return true }
            }
            return false
        }
        for (x, y) in EventBuilder.pair(xs, ys, aligned: aligned) {
            if let x, let y {
                if DiffText.fold(x.who) != DiffText.fold(y.who) && !EventBuilder.sameMention(x, y) {
                    let anonymised = x.isNamed && !y.isNamed
                    let detail = (anonymised ? "named → anonymous: " : "") + "\(x.who) (\(x.kindLabel)) → \(y.who) (\(y.kindLabel))"
                    emit(.sourceChanged, anonymised ? .high : .medium, old: (x.source ?? attributionSpan(x), i), new: (y.source ?? attributionSpan(y), j), detail)
                }
                if x.cueText != y.cueText {
                    let detail = "\(x.cueText) → \(y.cueText)" + (y.loadedCue && !x.loadedCue ? " (a loaded verb: style guides prefer \"said\")" : "")
                    emit(.cueChanged, y.loadedCue && !x.loadedCue ? .high : .medium, old: (x.cue, i), new: (y.cue, j), detail)
                }
                explain(x, a, tokensA, into: &explainedA)
                explain(y, b, tokensB, into: &explainedB)
            } else if let x {
                emit(.attributionDropped, .high, old: (attributionSpan(x), i), new: (nil, j), "the claim stays, its attribution to \(x.who) (\(x.cueText)) is gone")
                explain(x, a, tokensA, into: &explainedA)
            } else if let y {
                // The words the new source replaced, when the old reading found no attribution there.
                let at = token(b, tokensB, at: y.source?.lowerBound)
                let replaced = stretches.first { s in at.map(s.new.contains) ?? false }?.old ?? []
                let named = replaced.contains { a.text(a.tokens[$0].range).first?.isUppercase == true }
                let unnamed = [.anonymous, .vague, .noSource].contains(y.kind)
                var detail = (named && unnamed ? "named → anonymous: " : "") + "now attributed to \(y.who) (\(y.kindLabel), \(y.cueText))"
                if !replaced.isEmpty { detail += ", replacing \"\(words(a, replaced))\"" }
                emit(named && unnamed ? .sourceChanged : .attributionAdded, unnamed ? .high : .medium, old: (span(a, replaced), i), new: (attributionSpan(y), j), detail)
                explain(y, b, tokensB, into: &explainedB)
            }
        }
        // A changed stretch that touches a cue or source belongs to it whole ("its director,
        // Maria Lindqvist" → "a person familiar with the matter"), not only the resolved words.
        for stretch in stretches where stretch.old.contains(where: explainedA.contains) || stretch.new.contains(where: explainedB.contains) {
            explainedA.formUnion(stretch.old)
            explainedB.formUnion(stretch.new)
        }

        // Numbers, as multisets (commas in "1,000" ignored).
        func numbers(_ t: DiffText, _ tokens: Range<Int>) -> [(String, Int)] {
            tokens.filter { t.tokens[$0].kind == .number }.map { (t.text(t.tokens[$0].range).filter { $0 != "," }, $0) }
        }
        let numbersA = numbers(a, tokensA)
        let numbersB = numbers(b, tokensB)
        var pool: [String: Int] = [:]
        for (v, _) in numbersB { pool[v, default: 0] += 1 }
        var goneA: [Int] = []
        for (v, t) in numbersA {
            if let c = pool[v], c > 0 { pool[v] = c - 1 } else { goneA.append(t) }
        }
        pool = [:]
        for (v, _) in numbersA { pool[v, default: 0] += 1 }
        var newB: [Int] = []
        for (v, t) in numbersB {
            if let c = pool[v], c > 0 { pool[v] = c - 1 } else { newB.append(t) }
        }
        if !goneA.isEmpty || !newB.isEmpty {
            let detail = goneA.isEmpty ? "number added: \(words(b, newB))" : newB.isEmpty ? "number removed: \(words(a, goneA))" : "\(words(a, goneA)) → \(words(b, newB))"
            emit(.numberChanged, .high, old: (span(a, goneA), i), new: (span(b, newB), j), detail)
            explainedA.formUnion(goneA)
            explainedB.formUnion(newB)
        }

        // Hedges.
        let hedgesA = hedges(a, i)
        let hedgesB = hedges(b, j)
        for h in hedgesB where !hedgesA.contains(where: { $0.phrase == h.phrase }) {
            emit(.hedgeAdded, .medium, old: (nil, i), new: (h.range, j), "hedge added: \"\(h.phrase)\"")
            for k in tokensB where h.range?.contains(b.tokens[k].range.lowerBound) ?? false { explainedB.insert(k) }
        }
        for h in hedgesA where !hedgesB.contains(where: { $0.phrase == h.phrase }) {
            emit(.hedgeRemoved, .medium, old: (h.range, i), new: (nil, j), "hedge removed: \"\(h.phrase)\" (the claim is now stated more firmly)")
            for k in tokensA where h.range?.contains(a.tokens[k].range.lowerBound) ?? false { explainedA.insert(k) }
        }

        // Whatever is left changed the claim itself.
        let restA = changedA.subtracting(explainedA)
        let restB = changedB.subtracting(explainedB)
        if !restA.isEmpty || !restB.isEmpty {
            let holdsClaim = !fa.claims.isEmpty || !fb.claims.isEmpty || !fa.attributions.isEmpty || !fb.attributions.isEmpty
            let detail: String
            if restA.isEmpty {
                detail = "words added: \"\(ChecklistRenderer.clip(words(b, restB), 160))\""
            } else if restB.isEmpty {
                detail = "words removed: \"\(ChecklistRenderer.clip(words(a, restA), 160))\""
            } else {
                detail = "\"\(ChecklistRenderer.clip(words(a, restA), 120))\" → \"\(ChecklistRenderer.clip(words(b, restB), 120))\""
            }
            emit(.claimChanged, holdsClaim ? .medium : .low, old: (span(a, restA), i), new: (span(b, restB), j), detail)
        }
    }

    /// The same words name the source and one resolved name holds the other ("Lindqvist" read
    /// as "Maria Lindqvist" only while the full name stood earlier): context, not a new source.
    static func sameMention(_ x: AttributionFact, _ y: AttributionFact) -> Bool {
        guard let s = x.sourceText, let t = y.sourceText, DiffText.fold(s) == DiffText.fold(t) else { return false }
        let p = DiffText.fold(x.who)
        let q = DiffText.fold(y.who)
        return ByteSearch.contains(p, q) || ByteSearch.contains(q, p)
    }

    /// Attributions of the old and new sentence paired: same cue and source first, then the same
    /// cue or source word kept by the word diff, then the same source, then the same cue; a side
    /// left over is nil.
    static func pair(
        _ xs: [AttributionFact], _ ys: [AttributionFact], aligned: @escaping (AttributionFact, AttributionFact) -> Bool
    ) -> [(AttributionFact?, AttributionFact?)] {
        var usedX = Set<Int>()
        var partner = [Int?](repeating: nil, count: ys.count)
        let rules: [(AttributionFact, AttributionFact) -> Bool] = [
            { $0.cueText == $1.cueText && DiffText.fold($0.who) == DiffText.fold($1.who) },
            aligned,
            { DiffText.fold($0.who) == DiffText.fold($1.who) || sameMention($0, $1) },
            { $0.cueText == $1.cueText && $0.kind == $1.kind },
        ]
        for rule in rules {
            for (n, y) in ys.enumerated() where partner[n] == nil {
                if let m = xs.indices.first(where: { !usedX.contains($0) && rule(xs[$0], y) }) {
                    partner[n] = m
                    usedX.insert(m)
                }
            }
        }
        var out: [(AttributionFact?, AttributionFact?)] = []
        // A second reading of a cue already paired (two relations on one "citing") is not an
        // attribution of its own that came or went.
        let pairedX = Set(usedX.compactMap { xs[$0].cue })
        let pairedY = Set(partner.indices.filter { partner[$0] != nil }.compactMap { ys[$0].cue })
        for (n, y) in ys.enumerated() where partner[n] != nil || y.cue.map({ !pairedY.contains($0) }) ?? true {
            out.append((partner[n].map { xs[$0] }, y))
        }
        for (m, x) in xs.enumerated() where !usedX.contains(m) && (x.cue.map { !pairedX.contains($0) } ?? true) { out.append((x, nil)) }
        return out
    }

    /// Hedging phrases of a sentence, as the claim stage finds them, each with its byte range
    /// (found again in the sentence; nil span if the case folding moved the bytes).
    func hedges(_ t: DiffText, _ s: Int) -> [(phrase: String, range: Range<Int>?)] {
        let sentence = t.sentences[s]
        let text = t.text(sentence)
        let phrases = ClaimLinker.hedges(0..<sentence.count, AttributionText(text))
        guard !phrases.isEmpty else { return [] }
        let lower = Array(text.lowercased().utf8)
        return phrases.map { phrase in
            let needle = Array(phrase.utf8)
            guard lower.count == sentence.count, !needle.isEmpty, needle.count <= lower.count else { return (phrase, nil) }
            for k in 0...(lower.count - needle.count) where lower[k] == needle[0] && Array(lower[k..<(k + needle.count)]) == needle {
                return (phrase, (sentence.lowerBound + k)..<(sentence.lowerBound + k + needle.count))
            }
            return (phrase, nil)
        }
    }
}

/// Finds the attributions of an article: rule hits, merged, with carriers, resolved speakers and kinds.
public enum Attributor {
    /// Every attribution of `article`, in text order.
    public static func analyze(_ article: Article) -> AttributionAnalysis {
        let t = AttributionText(article.text)
        let hits = relations(t).kept
        let byline = article.metadata.byline
        let resolver = SpeakerResolver(t, author: byline.count == 1 ? byline[0] : nil)
        var resolved: [ResolvedSource] = []
        var out: [Attribution] = []
        out.reserveCapacity(hits.count)
        // Hits are read through the buffer (`hits[n]` of the array copied the whole RuleHit) and
        // each Attribution is built once from its fields: copies of either retained their arrays.
        hits.withUnsafeBufferPointer { hits in
            for n in hits.indices where hits[n].kind != .media || !isRelay(hits[n], t) {
                let hitKind = hits[n].kind
                let cue = hits[n].cue
                let sentenceIndex = Int(t.sentenceOfToken[cue.lowerBound])
                let sentence = sentenceIndex >= 0 ? t.sentences[sentenceIndex] : t.byteRange(cue)
                let source = sourceRanges(hits[n], t)
                var sourceResolved: ResolvedSource?
                if let mention = hits[n].source {
                    let r = resolver.resolve(mention, before: t.tokens[mention.lowerBound].range.lowerBound, previous: resolved)
                    sourceResolved = r
                    resolved.append(r)
                    if resolved.count > 64 { resolved.removeFirst(32) }
                }
                var carrier: Carrier?
                if let range = hits[n].carrier {
                    let m = t.lexicon.outletNames.longestMatch(t.tokens, at: range.lowerBound)
                    carrier = Carrier(range: t.byteRange(range), outlet: m.map { t.lexicon.outlets[$0.value] })
                }
                let kind = finalKind(hitKind, sourceResolved)
                if hitKind == .document { sourceResolved = documentSource(source: source, carrier: carrier, t) }
                out.append(Attribution(
                    kind: kind, cue: [t.byteRange(cue)], source: source, content: hits[n].content.map(t.byteRange),
                    sourceResolved: sourceResolved, carrier: carrier, sentence: sentence,
                    loadedCue: t.lexicon.cueVerbs[t.tokens[cue.lowerBound].hash]?.loaded ?? false))
            }
        }
        applyRelays(hits.filter { $0.kind == .media && isRelay($0, t) }, to: &out, t, resolver)
        // A stable sort by start, on indices, then the attributions moved into that order: moving
        // an Attribution (four arrays) while sorting costs retains. The starts are read through
        // the buffer: `out.map(\.start)` copied each Attribution.
        let starts = out.withUnsafeBufferPointer { out in out.indices.map { out[$0].start } }
        // Already in order: the usual case.
        if !isNondecreasing(starts) { out.permute(by: out.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }) }
        return AttributionAnalysis(article: article, sentences: t.sentences, attributions: out, attributionText: t)
    }

    /// Whether a stable sort by these keys would leave their order as it is.
    static func isNondecreasing(_ keys: [Int]) -> Bool {
        var k = 1
        while k < keys.count {
            if keys[k] < keys[k - 1] { return false }
            k += 1
        }
        return true
    }

    /// Byte ranges of a hit's source and extra sources, in that order (built in one array:
    /// optional-to-array, concatenation and map made three per attribution).
    static func sourceRanges(_ hit: RuleHit, _ t: AttributionText) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity((hit.source == nil ? 0 : 1) + (hit.extraSources?.count ?? 0))
        if let source = hit.relativeMention ?? hit.source { out.append(t.byteRange(source)) }
        for source in hit.extraSources ?? [] { out.append(t.byteRange(source)) }
        return out
    }

    /// The rule hits, the tagger's hits, and the relations kept from both (combined, sources
    /// repaired, duplicates merged): the one pipeline `analyze` and `AttributionDebug` share.
    static func relations(_ t: AttributionText) -> (rules: [RuleHit], model: [RuleHit], kept: [RuleHit]) {
        let rules = RuleAttributor(t).hits()
        let model = AttributionTagger.attributions(in: t).compactMap { modelHit($0, t) }
        // Each step changes the hits in place: a RuleHit copy retains its arrays.
        var kept = combine(rules: rules, model: model, t)
        for n in kept.indices { repairSource(&kept[n], t) }
        kept = merge(kept, t)
        adoptSubjects(&kept, t)
        kept.removeAll { namesAThing($0, t) || saysNothing($0, t) || hasAFunctionWordForSource($0, t) || isAnUnattachedClause($0, t) }
        for n in kept.indices { settleCredit(&kept[n], t) }
        return (rules, model, kept)
    }

    /// "He has been harshly criticized for…", "Mr. Quiros was accused of…": a tagger cue in the
    /// passive, with no "by" agent, credits nobody; its subject is what the words are about.
    static func isPassiveWithoutAgent(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        guard hit.fromModel, hit.kind == .indirect, let source = hit.source, source.upperBound <= hit.cue.lowerBound,
              isPassiveCue(hit.cue, t) else { return false }
        // "by" in the cue or opening the content names the agent.
        if hit.cue.contains(where: { t.tokens[$0].hash == Words.by }) { return false }
        if let first = hit.content.first?.lowerBound, t.tokens[first].hash == Words.by { return false }
        return true
    }

    /// Who the hit credits, last: nobody for passives without an agent, appearances and an
    /// opening "Asked…"; the relative pronoun as the mention of an antecedent source. (In place:
    /// `kept[n]` passed by value copied the hit, retaining its arrays, three times per hit.)
    static func settleCredit(_ hit: inout RuleHit, _ t: AttributionText) {
        if isPassiveWithoutAgent(hit, t) || opensWithAsked(hit, t) {
            hit.source = nil
            hit.kind = .noSource
        } else if isRaisingVerb(hit, t), let subject = hit.source {
            // "Clinton appeared to have the most to gain": the writer's impression of Clinton,
            // not Clinton's words; what appears is the subject with its predicate.
            hit.content.insert(subject, at: 0)
            hit.source = nil
            hit.kind = .noSource
        }
        hit.relativeMention = relativeMention(hit, t)
        // "Senator Tom Reed, who has long argued that the harbour needs dredging, won the vote":
        // what the relative clause reports ends at the comma that closes it, before the main verb.
        if let mention = hit.relativeMention, mention.lowerBound > 0, t.tokens[mention.lowerBound - 1].hash == Words.comma,
            let last = hit.content.last
        {
            var k = last.lowerBound + 1
            while k + 1 < last.upperBound {
                if t.tokens[k].kind == .punctuation, t.tokens[k].hash == Words.comma, t.tokens[k + 1].kind == .word, !t.tokens[k + 1].isCapitalized,
                    !t.isInsideQuote(k), !isClauseContinuation(k + 1, t)
                {
                    hit.content[hit.content.count - 1] = last.lowerBound..<k
                    break
                }
                k += 1
            }
        }
    }

    /// A word after a comma that goes on with the same clause rather than starting the main
    /// verb: a conjunction, determiner, preposition, relative, pronoun or "-ly" adverb.
    static func isClauseContinuation(_ k: Int, _ t: AttributionText) -> Bool {
        let h = t.tokens[k].hash
        return Words.conjunctionsAndDeterminers.contains(h) || Words.determiners.contains(h) || Words.circumstance.contains(h)
            || Words.contentIntroducers.contains(h) || Words.relativeWhat.contains(h) || t.lexicon.pronouns[h] != nil
            || isAdverb(k, t) || isParticiple(k, t) || h == Words.of
    }

    /// "Asked whether he would endorse Trump, Reid said…": the question opening the sentence was
    /// put by somebody unnamed; the person asked answers in a relation of his own.
    static func opensWithAsked(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        let k = hit.cue.lowerBound
        guard hit.kind != .document, hit.kind != .direct, t.tokens[k].hash == Words.asked, t.tokens[k].isCapitalized else { return false }
        let sentence = Int(t.sentenceOfToken[k])
        return sentence >= 0 && t.sentenceTokens[sentence].lowerBound == k
    }

    /// "appeared", "seems": verbs of appearance, whose subject is what the writer describes.
    static func isRaisingVerb(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        guard hit.kind == .indirect, let source = hit.source, source.upperBound <= hit.cue.lowerBound, hit.content.first.map({ $0.lowerBound >= hit.cue.upperBound }) ?? false else { return false }
        return hit.cue.contains { t.tokens[$0].kind == .word && Words.appearanceVerbs.contains(t.tokens[$0].hash) }
    }

    /// A "be" and a past participle in the cue ("was accused of", "has been harshly criticized").
    /// (The "be" may stand just before the cue: "was | criticized".)
    static func isPassiveCue(_ cue: Range<Int>, _ t: AttributionText) -> Bool {
        var before = cue.lowerBound - 1
        while before >= 0, t.tokens[before].kind == .word, isAdverb(before, t) { before -= 1 }
        if before >= 0, t.tokens[before].kind == .word, Words.passiveBe.contains(t.tokens[before].hash), isPastParticiple(cue.lowerBound, t) { return true }
        guard let be = cue.first(where: { t.tokens[$0].kind == .word && Words.passiveBe.contains(t.tokens[$0].hash) }), be + 1 < cue.upperBound else { return false }
        var k = be + 1
        while k < cue.upperBound - 1, t.tokens[k].kind == .word, Words.auxiliaries.contains(t.tokens[k].hash) || isAdverb(k, t) { k += 1 }
        return isPastParticiple(k, t)
    }

    static func isAdverb(_ k: Int, _ t: AttributionText) -> Bool {
        let r = t.tokens[k].range
        return r.count > 3 && t.bytes[r.upperBound - 2] == 0x6C && t.bytes[r.upperBound - 1] == 0x79  // -ly
    }

    /// A lower-case word with a participle's ending ("Fred" is a name).
    static func isPastParticiple(_ k: Int, _ t: AttributionText) -> Bool {
        t.tokens[k].kind == .word && !t.tokens[k].isCapitalized && endsLikeParticiple(k, t)
    }

    /// A past participle's ending: "-ed", or an irregular form listed ("told", "thought", "said").
    static func endsLikeParticiple(_ k: Int, _ t: AttributionText) -> Bool {
        let r = t.tokens[k].range
        return (r.count > 3 && t.bytes[r.upperBound - 2] == 0x65 && t.bytes[r.upperBound - 1] == 0x64) || Words.irregularParticiples.contains(t.tokens[k].hash)
    }

    /// "Yair Lapid, who expressed a desire…", "the group that said…": the relative pronoun between
    /// the source and its cue (past auxiliaries and adverbs: "who has long argued"), if any.
    static func relativeMention(_ hit: RuleHit, _ t: AttributionText) -> Range<Int>? {
        guard hit.kind != .document, let source = hit.source, source.upperBound <= hit.cue.lowerBound else { return nil }
        var k = hit.cue.lowerBound - 1
        while k >= source.upperBound, t.tokens[k].kind == .word, Words.auxiliaries.contains(t.tokens[k].hash) { k -= 1 }
        guard k >= source.upperBound, t.tokens[k].kind == .word,
              Words.relativeWhat.contains(t.tokens[k].hash) || t.tokens[k].hash == Words.that else { return nil }
        // Only a comma may stand between the antecedent and the pronoun.
        for j in source.upperBound..<k where !(t.tokens[j].kind == .punctuation && t.tokens[j].hash == Words.comma) { return nil }
        return k..<(k + 1)
    }

    /// Content that is only punctuation (a lone quotation mark, "that:" before a list the
    /// sentence does not hold) tells a reviewer nothing to check.
    static func saysNothing(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        guard !hit.content.isEmpty else { return false }
        for range in hit.content {
            for k in range where t.tokens[k].kind == .word || t.tokens[k].kind == .number { return false }
        }
        return true
    }

    /// A tagger relation whose source is only function words ("The first incident came…", "After
    /// saying he was nervous…", "But hearing him…"): the tagger took a sentence opening for a
    /// speaker, and a reviewer would read "the" as who said it.
    static func hasAFunctionWordForSource(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        guard hit.fromModel, let source = hit.source, !source.isEmpty else { return false }
        return source.allSatisfy { Words.functionWords.contains(t.tokens[$0].hash) }
    }

    /// A tagger relation with no source whose cue opens with a participle or an infinitive
    /// ("…, slamming Republicans for…", "to support Clinton if…"): the subject of that clause is
    /// elsewhere and the tagger did not find it; nobody is credited, and a reviewer would read it
    /// as an agentless attribution, which it is not.
    static func isAnUnattachedClause(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        guard hit.fromModel, hit.source == nil else { return false }
        let first = hit.cue.lowerBound
        return t.tokens[first].hash == Words.to || isParticiple(first, t)
    }

    /// "She joined a group called “Moms for Liberty”", "a film titled “Rust”": a cue that ends in a
    /// naming participle right before a quotation, after an indefinite noun ("a group", "an
    /// initiative"), names a thing; nobody is speaking. Applied to rule and tagger hits alike.
    static func namesAThing(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        let v = hit.cue.upperBound - 1
        guard v + 1 < t.tokens.count, t.tokens[v + 1].isQuote,
              t.tokens[v].kind == .word, Words.namingParticiples.contains(t.tokens[v].hash) else { return false }
        var k = v - 1
        while k >= 0 && v - k <= 3 && t.tokens[k].kind == .word {
            if t.tokens[k].hash == Words.a || t.tokens[k].hash == Words.an { return k < v - 1 }
            k -= 1
        }
        return false
    }

    /// The tagger finds the long tail of cues and draws content boundaries better; the rules are
    /// surer on quotes, "according to", agentless passives, relays, vague sourcing and credit
    /// lines. So: the rules' specific kinds first, then the tagger's relations that do not repeat
    /// them, then the rules' plain reported speech where the tagger found nothing (noun cues,
    /// "expressed a desire", long-tail verbs the tagger missed). Measured on PolNeAR dev in the
    /// session-2 note: rules alone 0.46, tagger alone 0.60, this 0.61.
    static func combine(rules: [RuleHit], model: [RuleHit], _ t: AttributionText) -> [RuleHit] {
        // Rule hits with a multiword cue ("expressed a desire", "remarks signaled", "statements
        // made by", "told reporters") or a noun cue are patterns the tagger rarely saw on
        // PolNeAR; they count as specific too, so the tagger cannot displace them.
        func isSpecific(_ h: RuleHit) -> Bool {
            switch h.kind {
            case .document, .direct, .accordingTo, .media, .vague, .anonymous: return true
            case .indirect, .noSource: break
            }
            let cue = h.cue
            // "It is believed that…": the expletive passive is sure; other agentless passives
            // ("The plan was announced") are guesses the tagger may overrule.
            if h.kind == .noSource { return t.tokens[cue.lowerBound].hash == Words.it }
            return cue.count > 1 || t.lexicon.cueNouns[t.tokens[cue.lowerBound].hash] != nil
        }
        var kept = rules.filter(isSpecific)
        func span(_ h: RuleHit) -> Range<Int> { (h.content.first?.lowerBound ?? 0)..<(h.content.last?.upperBound ?? 0) }
        let index = RangeIndex(kept.enumerated().map { (span($0.element), $0.offset) })
        // "This point underscores…": an abstract subject with a verb of inference is the
        // writer's analysis (a claim of its own in the checklist), not someone's words.
        func isAnalysis(_ m: RuleHit) -> Bool {
            guard ClaimWords.inference.contains(t.tokens[m.cue.lowerBound].hash) else { return false }
            guard let source = m.source else { return true }
            return !source.contains { t.tokens[$0].isCapitalized && !Words.determiners.contains(t.tokens[$0].hash) || t.lexicon.pronouns[t.tokens[$0].hash] != nil }
        }
        // A tagger cue with no word our lexicons know ("featured", "stance on") is kept only
        // when its content is quoted: PolNeAR's long tail is real, but on prose unlike it these
        // are mostly false alarms.
        func knownCue(_ m: RuleHit) -> Bool {
            if m.kind == .direct || m.kind == .accordingTo { return true }
            for k in m.cue {
                let h = t.tokens[k].hash
                if t.tokens[k].kind == .punctuation || t.lexicon.cueVerbs[h] != nil || t.lexicon.cueNouns[h] != nil || t.lexicon.cuePhrases.contains(t.tokens, at: k) { return true }
            }
            return false
        }
        var fromModel: [RuleHit] = []
        for m in model where !isAnalysis(m) && knownCue(m) && !index.containsOverlap(span(m), where: { overlapShare(m.content, kept[$0].content) > 0.3 }) {
            fromModel.append(m)
        }
        // The rules' plain reported speech fills in where the tagger found nothing.
        let modelIndex = RangeIndex(fromModel.enumerated().map { (span($0.element), $0.offset) })
        // A tagger relation whose cue sits inside the content of a rule hit that closes its
        // sentence ("X approved the plan, Y said") is nested in it, not a duplicate of it.
        func nested(_ m: RuleHit, in r: RuleHit) -> Bool {
            let cue = m.cue
            guard let source = r.source, let content = r.content.first, content.upperBound <= source.lowerBound else { return false }
            return r.content.contains { $0.contains(cue.lowerBound) }
        }
        for r in rules where !isSpecific(r) && !modelIndex.containsOverlap(span(r), where: { overlapShare(r.content, fromModel[$0].content) > 0.3 && !nested(fromModel[$0], in: r) }) {
            kept.append(r)
        }
        kept += fromModel
        return kept
    }

    /// A tagger relation in the rules' token terms, with a kind from its shape.
    static func modelHit(_ tagged: TaggedAttribution, _ t: AttributionText) -> RuleHit? {
        guard var cue = tagged.cue.first.flatMap({ t.tokenRange(covering: $0) }) else { return nil }
        // One allocation, not compactMap's growth from empty.
        var content: [Range<Int>] = []
        content.reserveCapacity(tagged.content.count)
        for range in tagged.content {
            if let tokens = t.tokenRange(covering: range) { content.append(tokens) }
        }
        guard !content.isEmpty else { return nil }
        // "said that the bill…": the complementizer is not part of what was said.
        if content[0].count > 1, t.tokens[content[0].lowerBound].hash == Words.that, t.tokens[content[0].lowerBound].kind == .word {
            content[0] = (content[0].lowerBound + 1)..<content[0].upperBound
        }
        // "described Clinton as a “disgrace” after she attacked…": the quoted words end what was
        // said; a subordinate clause or a new clause after the closing mark is the writer's.
        if let last = content.last {
            var k = last.lowerBound + 1
            while k < last.upperBound - 2 {
                if t.tokens[k].kind == .closeQuote {
                    let n = k + 1
                    let next = t.tokens[n]
                    let cut = (next.kind == .word && Words.afterQuoteBreaks.contains(next.hash))
                        || (next.hash == Words.comma && next.kind == .punctuation && (t.tokens[n + 1].isCapitalized || isParticiple(n + 1, t)))
                    if cut {
                        content[content.count - 1] = last.lowerBound..<(k + 1)
                        break
                    }
                }
                k += 1
            }
        }
        // “A. B,” said X — the tagger reads one sentence, so its content may begin mid-quotation;
        // what X said starts at the opening mark.
        // (Quotations never span a paragraph break: AttributionText ends them there.)
        let opener = Int(t.quoteOpener[content[0].lowerBound])
        if opener >= 0, opener + 1 < content[0].lowerBound {
            content[0] = (opener + 1)..<content[0].upperBound
        }
        // "…for families.": the sentence's full stop is not part of what was said.
        if let last = content.last, last.count > 1, t.tokens[last.upperBound - 1].kind == .punctuation, !t.tokens[last.upperBound - 1].isQuote {
            content[content.count - 1] = last.lowerBound..<(last.upperBound - 1)
        }
        var source = tagged.source.first.flatMap { t.tokenRange(covering: $0) }
        // "China, Pyongyang's only ally…, said it was…": a long subject the tagger read as
        // content, right before the cue with content after it, is the source.
        if source == nil, content.count >= 2, content[0].upperBound <= cue.lowerBound, content[1].lowerBound >= cue.upperBound,
            t.tokens[content[0].lowerBound].isCapitalized, (content[0].upperBound..<cue.lowerBound).allSatisfy({ t.tokens[$0].kind == .punctuation })
        {
            source = content.removeFirst()
        }
        if let s = source, s.count == 1, Words.objectPronouns.contains(t.tokens[s.lowerBound].hash) { return nil }
        // A relation does not run over a paragraph break: the next paragraph's quote has its own cue.
        // (Compacted in place: a new array per relation cost an allocation for the usual one range.)
        var kept = 1
        for k in 1..<content.count {
            let range = content[k]
            let previousLast = content[kept - 1].upperBound - 1
            if range.lowerBound <= previousLast { continue }
            if range.lowerBound > previousLast, AttributionText.hasNewline(t.bytes, t.tokens[previousLast].range.upperBound, t.tokens[range.lowerBound].range.lowerBound) { break }
            content[kept] = range
            kept += 1
        }
        if kept < content.count { content.removeSubrange(kept...) }
        // "He’s claiming": a cue that swallowed its own subject gives it back.
        if source == nil, cue.count >= 2, t.tokens[cue.lowerBound].isCapitalized || t.lexicon.pronouns[t.tokens[cue.lowerBound].hash] != nil,
            !t.lexicon.cuePhrases.contains(t.tokens, at: cue.lowerBound)
        {
            source = cue.lowerBound..<(cue.lowerBound + 1)
            cue = (cue.lowerBound + 1)..<cue.upperBound
            if cue.count >= 2, t.tokens[cue.lowerBound].hash == Words.possessive || t.tokens[cue.lowerBound].hash == Words.curlyPossessive { cue = (cue.lowerBound + 1)..<cue.upperBound }
        }
        var kind: AttributionKind = .indirect
        let first = content[0].lowerBound
        let quoted = t.quoteOpener[first] >= 0 || t.tokens[first].kind == .openQuote || (first > 0 && t.tokens[first - 1].kind == .openQuote)
        if quoted { kind = .direct }
        if cue.contains(where: { $0 + 1 < t.tokens.count && t.tokens[$0].hash == Words.according && t.tokens[$0 + 1].hash == Words.to }) { kind = .accordingTo }
        if source == nil && kind == .indirect { kind = .noSource }
        var hit = RuleHit(kind: kind, cue: cue, source: source, content: content)
        hit.fromModel = true
        return hit
    }

    /// Sources a cue's neighbourhood gets wrong: a relative pronoun ("who", "that") stands for the
    /// name before it; a participle after a comma (", saying …", ", adding …") belongs to the
    /// sentence's subject, not to the noun just before the comma.
    static func repairSource(_ hit: inout RuleHit, _ t: AttributionText) {
        let cue = hit.cue
        guard hit.kind != .document else { return }
        let sentence = Int(t.sentenceOfToken[cue.lowerBound])
        let lo = sentence >= 0 ? t.sentenceTokens[sentence].lowerBound : 0
        let rules = RuleAttributor(t)
        if let s = hit.source, s.count == 1, Words.relativeWhat.contains(t.tokens[s.lowerBound].hash) || t.tokens[s.lowerBound].hash == Words.that {
            if let antecedent = rules.subject(endingBefore: s.upperBound, lo: lo), antecedent != s {
                hit.source = antecedent
            } else if t.tokens[s.lowerBound].hash == Words.that, s.lowerBound > lo, t.tokens[s.lowerBound - 1].kind != .punctuation,
                let before = rules.subject(endingBefore: s.lowerBound, lo: lo)
            {
                hit.source = before
            }
        }
        let word = t.tokens[cue.lowerBound]
        // "In August, several groups…": the sentence's subject comes after an opening phrase.
        var subjectStart = lo
        if Words.openingPrepositions.contains(t.tokens[lo].hash) {
            var k = lo + 1
            while k < cue.lowerBound && k - lo < 12 && !(t.tokens[k].kind == .punctuation && t.tokens[k].hash == Words.comma) { k += 1 }
            if k + 1 < cue.lowerBound { subjectStart = k + 1 }
        }
        if isParticiple(cue.lowerBound, t), hit.kind != .accordingTo, t.lexicon.cueVerbs[word.hash] != nil, cue.lowerBound - 1 > subjectStart, t.tokens[cue.lowerBound - 1].kind == .punctuation, t.tokens[cue.lowerBound - 1].hash == Words.comma,
            t.tokens[subjectStart].isCapitalized || t.lexicon.pronouns[t.tokens[subjectStart].hash] != nil,
            let subject = rules.objectPhrase(from: subjectStart, hi: cue.lowerBound, max: 8), subject.upperBound < cue.lowerBound - 1
        {
            hit.source = subject
        }
        // "China's state-owned investment giant CITIC says it has…": a tagger relation with no
        // source takes the subject right before its cue, unless the cue is a passive ("was
        // accused of": nobody is credited) or follows a comma (", saying…" is adoptSubjects').
        if hit.fromModel, hit.source == nil, cue.lowerBound > subjectStart, !isPassiveCue(cue, t),
            t.tokens[cue.lowerBound - 1].kind != .punctuation,
            let subject = rules.subject(endingBefore: cue.lowerBound, lo: subjectStart),
            !hit.content.contains(where: { $0.overlaps(subject) })
        {
            hit.source = subject
            if hit.kind == .noSource { hit.kind = .indirect }
        }
        // "Protesters marching through the streets chanted “What curfew?”": a quote whose speaker
        // the cue's neighbourhood did not give is credited to the sentence's opening name.
        if hit.source == nil, hit.kind == .direct, subjectStart < cue.lowerBound, t.tokens[subjectStart].isCapitalized, !t.isInsideQuote(subjectStart), !t.tokens[subjectStart].isQuote,
            let subject = rules.objectPhrase(from: subjectStart, hi: cue.lowerBound, max: 6)
        {
            hit.source = subject
        }
    }

    /// "During a speech, Trump attacked Clinton, saying, “…”": a participle cue after a comma
    /// shares the subject of the attribution before it in the same sentence.
    static func adoptSubjects(_ hits: inout [RuleHit], _ t: AttributionText) {
        for n in hits.indices.dropFirst() {
            let cue = hits[n].cue
            guard cue.lowerBound > 0, hits[n].kind != .document, hits[n].kind != .accordingTo,
                t.tokens[cue.lowerBound - 1].hash == Words.comma, t.tokens[cue.lowerBound - 1].kind == .punctuation, isParticiple(cue.lowerBound, t)
            else { continue }
            let sentence = t.sentenceOfToken[cue.lowerBound]
            for m in stride(from: n - 1, through: 0, by: -1) {
                let other = hits[m].cue
                guard t.sentenceOfToken[other.lowerBound] == sentence else { break }
                // "…for her support of military action, saying…": a possessor is nobody's subject.
                if let source = hits[m].source, source.count == 1, Words.possessivePronouns.contains(t.tokens[source.lowerBound].hash) { continue }
                if other.lowerBound < cue.lowerBound, let source = hits[m].source, !isParticiple(other.lowerBound, t) {
                    hits[n].source = source
                    break
                }
            }
        }
    }

    static func isParticiple(_ i: Int, _ t: AttributionText) -> Bool {
        let r = t.tokens[i].range
        return t.tokens[i].kind == .word && r.count > 4 && t.bytes[r.upperBound - 3] == 0x69 && t.bytes[r.upperBound - 2] == 0x6E && t.bytes[r.upperBound - 1] == 0x67
    }

    /// "her remarks were carried by TASS": the outlet relays the words of the possessor; it is not a source.
    static func isRelay(_ hit: RuleHit, _ t: AttributionText) -> Bool {
        let cue = hit.cue
        guard cue.lowerBound >= 1 else { return false }
        let before = t.tokens[cue.lowerBound - 1].hash
        return Words.passiveBe.contains(before)
    }

    /// Gives each relayed attribution its carrier: the attributions of the same resolved source.
    static func applyRelays(_ relays: [RuleHit], to attributions: inout [Attribution], _ t: AttributionText, _ resolver: SpeakerResolver) {
        for relay in relays {
            guard let outletRange = relay.source else { continue }
            let cue = relay.cue
            let m = t.lexicon.outletNames.longestMatch(t.tokens, at: outletRange.lowerBound)
            let carrier = Carrier(range: t.byteRange(outletRange), outlet: m.map { t.lexicon.outlets[$0.value] })
            // Whose words: the possessor of the subject ("her remarks"), else the nearest earlier source.
            let s = Int(t.sentenceOfToken[cue.lowerBound])
            let lo = s >= 0 ? t.sentenceTokens[s].lowerBound : 0
            var speaker: ResolvedSource?
            for k in lo..<cue.lowerBound where Words.possessivePronouns.contains(t.tokens[k].hash) || t.tokens[k].hash == Words.possessive {
                let mention = t.tokens[k].hash == Words.possessive ? (k - 1)..<k : k..<(k + 1)
                if mention.lowerBound >= 0 { speaker = resolver.resolve(mention, before: t.tokens[k].range.lowerBound, previous: attributions.compactMap { $0.sourceResolved }) }
                break
            }
            let position = t.tokens[cue.lowerBound].range.lowerBound
            if speaker == nil { speaker = attributions.last(where: { $0.start < position })?.sourceResolved }
            guard let speaker else { continue }
            for index in attributions.indices where attributions[index].sourceResolved?.name == speaker.name && attributions[index].carrier == nil {
                attributions[index].carrier = carrier
            }
        }
    }

    /// The kind a reviewer needs, from the rule's kind and the resolved source.
    static func finalKind(_ kind: AttributionKind, _ sourceResolved: ResolvedSource?) -> AttributionKind {
        switch kind {
        case .document, .accordingTo, .noSource, .direct: break
        default:
            switch sourceResolved?.kind {
            case .vague?: return .vague
            case .anonymous?: return .anonymous
            case .mediaOutlet?: return .media
            default: break
            }
        }
        if kind == .accordingTo, sourceResolved?.kind == .mediaOutlet { return .media }
        return kind
    }

    /// The resolved source of a credit line: its source mentions, an outlet when one carries it.
    static func documentSource(source: [Range<Int>], carrier: Carrier?, _ t: AttributionText) -> ResolvedSource? {
        guard let first = source.first else { return nil }
        let names = source.map { t.text($0) }
        let kind: SourceKind = carrier != nil ? .mediaOutlet : .document
        return ResolvedSource(name: names.joined(separator: "; "), kind: kind, role: nil, basis: first == carrier?.range ? "named" : "document")
    }

    /// Drops a hit whose cue another hit already uses for much the same content (a quote found
    /// both by the quote rule and by the reported-speech rule), keeping the more specific kind.
    /// Duplicates always share a cue token, so kept hits are indexed by cue token: linear time.
    static func merge(_ hits: [RuleHit], _ t: AttributionText) -> [RuleHit] {
        func priority(_ kind: AttributionKind) -> Int {
            switch kind {
            case .document: 0
            case .direct: 1
            case .accordingTo: 2
            case .media: 3
            case .noSource: 4
            case .anonymous: 5
            case .vague: 6
            case .indirect: 7
            }
        }
        // Sort indices, not hits: a RuleHit holds arrays, and moving it costs retains.
        let rank = hits.map { priority($0.kind) }
        let ordered = hits.indices.sorted { (rank[$0], $0) < (rank[$1], $1) }
        var kept: [RuleHit] = []
        kept.reserveCapacity(hits.count)
        // Kept hits by cue token, as linked lists in flat arrays (no dictionary, no array per token):
        // the last link of each token, and per link its kept hit and the link before it.
        var lastLink = [Int32](repeating: -1, count: t.tokens.count)
        var linkHit: [Int32] = []
        var previousLink: [Int32] = []
        // A link per cue token: most cues are a word or two.
        linkHit.reserveCapacity(2 * hits.count)
        previousLink.reserveCapacity(2 * hits.count)
        // Hits are read through the buffer: `let hit = hits[n]` copied each, retaining its arrays.
        hits.withUnsafeBufferPointer { hits in
            for n in ordered {
                var duplicate = false
                search: for token in hits[n].cue {
                    var link = lastLink[token]
                    while link >= 0 {
                        if overlapShare(hits[n].content, kept[Int(linkHit[Int(link)])].content) > 0.3 {
                            duplicate = true
                            break search
                        }
                        link = previousLink[Int(link)]
                    }
                }
                guard !duplicate else { continue }
                for token in hits[n].cue {
                    linkHit.append(Int32(kept.count))
                    previousLink.append(lastLink[token])
                    lastLink[token] = Int32(linkHit.count - 1)
                }
                kept.append(hits[n])
            }
        }
        let at = kept.withUnsafeBufferPointer { kept in kept.indices.map { kept[$0].cue.lowerBound } }
        if !isNondecreasing(at) { kept.permute(by: kept.indices.sorted { (at[$0], $0) < (at[$1], $1) }) }
        return kept
    }

    static func overlapShare(_ a: [Range<Int>], _ b: [Range<Int>]) -> Double {
        var common = 0
        var total = 0
        for x in a {
            total += x.count
            for y in b where x.overlaps(y) { common += min(x.upperBound, y.upperBound) - max(x.lowerBound, y.lowerBound) }
        }
        return total == 0 ? 0 : Double(common) / Double(total)
    }
}

extension Ascribe {
    /// Reads, extracts and analyses one file (or stdin for "-"); a text over
    /// `options.maxTextBytes` throws `.textTooLarge`.
    public static func check(path: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> AttributionAnalysis {
        Attributor.analyze(try extractForAnalysis(path: path, options: options))
    }
}

/// Developer view of the attribution stage: the rule hits, the tagger's hits and what the
/// combination kept, one line each (`ascribe-bench explain-attribution FILE`).
public enum AttributionDebug {
    public static func explain(_ text: String) -> String {
        let t = AttributionText(text)
        func line(_ tag: String, _ h: RuleHit) -> String {
            func show(_ r: [Range<Int>]) -> String { r.map { t.text(t.byteRange($0)) }.joined(separator: " … ") }
            return "\(tag) \(h.kind.rawValue) | \(show([h.cue])) | \(h.source.map { show([$0]) } ?? "-") | \(show(h.content))"
        }
        let (rules, model, kept) = Attributor.relations(t)
        return (rules.map { line("R", $0) } + model.map { line("M", $0) } + kept.map { line("K", $0) }).joined(separator: "\n") + "\n"
    }
}

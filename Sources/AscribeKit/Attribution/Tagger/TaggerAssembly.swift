// Turns per-token BIO labels into attribution relations: one relation per cue span, with the
// nearest source span and the content spans that belong to it.

struct TaggerSpan {
    var lo: Int  // First token.
    var hi: Int  // One past the last token.
    var sentence: Int
}

struct TaggerAssemblyOptions: Sendable {
    /// Extra distance charged to a source after the cue (sources usually precede).
    var sourceAfterPenalty = 2
    /// Content in a sentence without a cue joins the last relation of the previous sentence.
    var attachOrphanContent = true
    /// Extend content rightwards over nested cue/source tokens when content resumes after them.
    var extendOverNested = true
    /// Maximum token distance between a cue and its source.
    var maxSourceDistance = 30
    /// A cue without content takes the rest of its sentence when at least this many tokens
    /// follow it (0: off).
    var fallbackMinTokens = 0
}

enum TaggerAssembly {
    @inline(__always)
    static func role(_ label: UInt8) -> Int { (Int(label) + 1) / 2 }  // 0 O, 1 source, 2 cue, 3 content

    static func assemble(tokens t: TaggerTokens, labels: [UInt8], sentenceOf: [Int32], sentenceCount: Int,
                         options: TaggerAssemblyOptions = TaggerAssemblyOptions()) -> [TaggedAttribution] {
        let n = labels.count
        guard n > 0 else { return [] }
        // Spans per role.
        var spans: [[TaggerSpan]] = [[], [], [], []]
        var i = 0
        while i < n {
            let r = role(labels[i])
            if r == 0 {
                i += 1
                continue
            }
            var e = i + 1
            while e < n, labels[e] == UInt8(2 * r), sentenceOf[e] == sentenceOf[i] { e += 1 }
            spans[r].append(TaggerSpan(lo: i, hi: e, sentence: Int(sentenceOf[i])))
            i = e
        }
        let sources = spans[1], cues = spans[2], contents = spans[3]
        guard !cues.isEmpty else { return [] }
        // Index of the first span of each role per sentence.
        func firstIndex(_ list: [TaggerSpan]) -> [Int] {
            var first = [Int](repeating: list.count, count: sentenceCount + 1)
            var k = list.count - 1
            while k >= 0 {
                first[list[k].sentence] = k
                k -= 1
            }
            var s = sentenceCount - 1
            while s >= 0 {
                first[s] = min(first[s], first[s + 1])
                s -= 1
            }
            return first
        }
        let firstSource = firstIndex(sources), firstCue = firstIndex(cues), firstContent = firstIndex(contents)

        var relSource = [Int](repeating: -1, count: cues.count)
        var relContent = [[Range<Int>]](repeating: [], count: cues.count)
        for c in cues.indices {
            let cue = cues[c]
            var best = -1
            var bestD = Int.max
            var k = firstSource[cue.sentence]
            while k < sources.count && sources[k].sentence == cue.sentence {
                let s = sources[k]
                let d = s.hi <= cue.lo ? cue.lo - s.hi : s.lo - cue.hi + options.sourceAfterPenalty
                if d < bestD && d <= options.maxSourceDistance {
                    bestD = d
                    best = k
                }
                k += 1
            }
            relSource[c] = best
        }
        var lastRel = -1
        var lastRelSentence = -1
        var k = 0
        while k < contents.count {
            let span = contents[k]
            var hi = span.hi
            if options.extendOverNested {
                // Extend through nested source/cue/content tokens while content resumes after them.
                var e = hi
                while e < n, labels[e] != 0, sentenceOf[e] == sentenceOf[span.lo] { e += 1 }
                while e > hi, role(labels[e - 1]) != 3 { e -= 1 }
                hi = e
            }
            // Nearest cue in the sentence.
            var best = -1
            var bestD = Int.max
            var c = firstCue[span.sentence]
            while c < cues.count && cues[c].sentence == span.sentence {
                let cue = cues[c]
                let d = cue.hi <= span.lo ? span.lo - cue.hi : (cue.lo >= span.hi ? cue.lo - span.hi : 0)
                if d < bestD {
                    bestD = d
                    best = c
                }
                c += 1
            }
            if best < 0 && options.attachOrphanContent && lastRel >= 0
                && (lastRelSentence == span.sentence || lastRelSentence == span.sentence - 1)
            {
                // Continuation of a multi-sentence content.
                best = lastRel
            }
            if best >= 0 {
                relContent[best].append(t.start[span.lo]..<t.end[hi - 1])
                lastRel = best
                lastRelSentence = span.sentence
            }
            k += 1
        }
        _ = firstContent
        if options.fallbackMinTokens > 0 {
            for c in cues.indices where relContent[c].isEmpty {
                let cue = cues[c]
                var lo = cue.hi
                // Skip a source right after the cue ("said Trump") and the words between.
                if relSource[c] >= 0 && sources[relSource[c]].lo == lo { lo = sources[relSource[c]].hi }
                var hi = lo
                while hi < n && sentenceOf[hi] == sentenceOf[cue.lo] && labels[hi] == 0 { hi += 1 }
                while hi > lo && t.kind[hi - 1] == .punct { hi -= 1 }
                if hi - lo >= options.fallbackMinTokens { relContent[c] = [t.start[lo]..<t.end[hi - 1]] }
            }
        }
        var out: [TaggedAttribution] = []
        for c in cues.indices where !relContent[c].isEmpty {
            let cue = cues[c]
            var src: [Range<Int>] = []
            if relSource[c] >= 0 {
                let s = sources[relSource[c]]
                src = [t.start[s.lo]..<t.end[s.hi - 1]]
            }
            out.append(TaggedAttribution(cue: [t.start[cue.lo]..<t.end[cue.hi - 1]], source: src, content: relContent[c]))
        }
        return out
    }
}

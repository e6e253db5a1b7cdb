// Training: brat gold -> per-token BIO labels -> structured averaged perceptron (Collins 2002) with
// Viterbi decoding -> pruned, quantized model text.

struct TaggerTrainingOptions: Sendable {
    var epochs = 10
    /// Features seen fewer times in training are not learned.
    var minCount = 2
    /// Features whose largest averaged weight is below this fraction of the median are dropped.
    var pruneFactor: Float = 0.5
    /// Role priority when gold spans of different roles cover one token (1 source, 2 cue, 3 content).
    var priority = [2, 1, 3]
    /// Cue lexicon: lemmas that head a gold cue at least this often ...
    var cueMinCount = 3
    /// ... and in at least this fraction of their occurrences.
    var cueMinRatio: Float = 0.2
    var seed: UInt64 = 0x5EED
    /// Most frequent training tokens stored with the model (attributes precomputed at load).
    var vocabularySize = 8000
    /// Perceptrons (different shuffles) averaged into the model.
    var runs = 3
}

/// One gold attribution in UTF-8 byte ranges.
struct TaggerGoldAttribution {
    var cue: [Range<Int>] = []
    var source: [Range<Int>] = []
    var content: [Range<Int>] = []
}

extension AttributionTagger {
    /// Trains on (text, brat .ann) pairs and returns the model text. `log` receives progress lines.
    public static func train(documents: [(text: String, ann: String)], epochs: Int = 10,
                             log: (String) -> Void = { _ in }) -> String {
        var options = TaggerTrainingOptions()
        options.epochs = epochs
        return train(documents: documents, options: options, log: log)
    }

    /// Same, with training options overridden by name (for experiments).
    public static func train(documents: [(text: String, ann: String)], settings: [String: Int],
                             log: (String) -> Void = { _ in }) -> String {
        var o = TaggerTrainingOptions()
        for (name, v) in settings {
            switch name {
            case "epochs": o.epochs = v
            case "priority": o.priority = String(v).compactMap { $0.wholeNumberValue }
            case "cueMinCount": o.cueMinCount = v
            case "cueMinRatioPct": o.cueMinRatio = Float(v) / 100
            case "prunePct": o.pruneFactor = Float(v) / 100
            case "seed": o.seed = UInt64(v)
            case "runs": o.runs = v
            case "vocab": o.vocabularySize = v
            default: log("unknown setting \(name)")
            }
        }
        return train(documents: documents, options: o, log: log)
    }

    /// Parses brat standoff; offsets (Unicode scalars) are converted to UTF-8 byte offsets of `text`.
    static func parseGold(text: String, ann: String) -> [TaggerGoldAttribution] {
        var scalarToByte: [Int] = []
        scalarToByte.reserveCapacity(text.utf8.count + 1)
        var b = 0
        for s in text.unicodeScalars {
            scalarToByte.append(b)
            b += UTF8.width(s)
        }
        scalarToByte.append(b)
        func byte(_ s: Int) -> Int { scalarToByte[min(max(s, 0), scalarToByte.count - 1)] }
        var spans: [Substring: [Range<Int>]] = [:]
        var events: [[Substring]] = []
        for line in ann.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let first = line.first else { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count >= 2 else { continue }
            if first == "T" {
                let head = fields[1]
                guard let space = head.firstIndex(of: " ") else { continue }
                var ranges: [Range<Int>] = []
                for piece in head[head.index(after: space)...].split(separator: ";") {
                    let nums = piece.split(separator: " ").compactMap { Int($0) }
                    if nums.count == 2 && nums[1] > nums[0] { ranges.append(byte(nums[0])..<byte(nums[1])) }
                }
                spans[fields[0]] = ranges
            } else if first == "E" {
                let args = fields[1].split(separator: " ")
                guard let kind = args.first, kind.hasPrefix("Attribution") else { continue }
                events.append(Array(args.dropFirst()))
            }
        }
        var out: [TaggerGoldAttribution] = []
        for args in events {
            var g = TaggerGoldAttribution()
            for arg in args {
                guard let colon = arg.firstIndex(of: ":") else { continue }
                let role = arg[..<colon]
                let ranges = spans[arg[arg.index(after: colon)...]] ?? []
                if role.hasPrefix("Cue") { g.cue += ranges }
                else if role.hasPrefix("Source") { g.source += ranges }
                else if role.hasPrefix("Content") { g.content += ranges }
            }
            if !g.content.isEmpty { out.append(g) }
        }
        return out
    }

    /// Token indices overlapping the byte range.
    static func tokenRange(_ t: TaggerTokens, _ r: Range<Int>) -> Range<Int> {
        // First token whose end > r.lowerBound.
        var lo = 0, hi = t.count
        while lo < hi {
            let m = (lo + hi) / 2
            if t.end[m] > r.lowerBound { hi = m } else { lo = m + 1 }
        }
        var e = lo
        while e < t.count && t.start[e] < r.upperBound { e += 1 }
        return lo..<e
    }

    /// Gold BIO labels per token.
    static func goldLabels(_ doc: TaggerDocument, _ gold: [TaggerGoldAttribution], priority: [Int]) -> [UInt8] {
        let n = doc.tokens.count
        // For each role: covering span id and its length (shortest wins for cue/source, longest for content).
        var spanId = [[Int]](repeating: [Int](repeating: -1, count: n), count: 4)
        var spanLen = [[Int]](repeating: [Int](repeating: 0, count: n), count: 4)
        var id = 0
        for g in gold {
            for (role, ranges) in [(1, g.source), (2, g.cue), (3, g.content)] {
                id += 1
                let length = ranges.reduce(0) { $0 + $1.count }
                for r in ranges {
                    for i in tokenRange(doc.tokens, r) {
                        let better = spanId[role][i] < 0 || (role == 3 ? length > spanLen[role][i] : length < spanLen[role][i])
                        if better {
                            spanId[role][i] = id
                            spanLen[role][i] = length
                        }
                    }
                }
            }
        }
        var labels = [UInt8](repeating: 0, count: n)
        var prevRole = 0, prevId = -1
        for i in 0..<n {
            var role = 0
            for r in priority where spanId[r][i] >= 0 {
                role = r
                break
            }
            if role == 0 {
                prevRole = 0
                continue
            }
            let sid = spanId[role][i]
            let continues = i > 0 && prevRole == role && prevId == sid && doc.sentenceOf[i] == doc.sentenceOf[i - 1]
            labels[i] = UInt8(continues ? 2 * role : 2 * role - 1)
            prevRole = role
            prevId = sid
        }
        return labels
    }

    static func train(documents: [(text: String, ann: String)], options: TaggerTrainingOptions,
                      log: (String) -> Void) -> String {
        let slots = TaggerFeatures.slots
        // Pass 1: documents, gold labels, cue lexicon counts.
        struct Prepared {
            var text: String
            var sentences: [Range<Int>]
            var gold: [TaggerGoldAttribution]
        }
        var prepared: [Prepared] = []
        var cueCount: [UInt64: Int] = [:]
        var typeCount: [String: Int] = [:]
        var totalCount: [UInt64: Int] = [:]
        for d in documents {
            let gold = parseGold(text: d.text, ann: d.ann)
            let sentences = SentenceSplitter.split(d.text).map(\.range)
            var text = d.text
            text.withUTF8 { p in
                let doc = TaggerDocument(p, sentences: sentences, cueLexicon: TaggerLexicon([]))
                for i in 0..<doc.tokens.count where doc.tokens.kind[i] != .number {
                    totalCount[doc.info.attrs[i].lemma, default: 0] += 1
                }
                for i in 0..<doc.tokens.count {
                    let s = doc.tokens.start[i], e = doc.tokens.end[i]
                    // Vocabulary candidates: printable tokens that cannot disturb the model text.
                    var ok = true
                    for k in s..<e where p[k] <= 0x20 || p[k] == 0x22 || p[k] == 0x23 || p[k] == 0x5C || p[k] == 0x7F { ok = false }
                    if ok { typeCount[String(decoding: UnsafeBufferPointer(rebasing: p[s..<e]), as: UTF8.self), default: 0] += 1 }
                }
                for g in gold {
                    for r in g.cue {
                        for i in tokenRange(doc.tokens, r) where doc.tokens.kind[i] != .number {
                            cueCount[doc.info.attrs[i].lemma, default: 0] += 1
                        }
                    }
                }
            }
            prepared.append(Prepared(text: d.text, sentences: sentences, gold: gold))
        }
        // Cue prior per lemma: ratio bucket (1-6) + 8 * count bucket; core lexicon bit.
        var lexiconKeys: [(UInt64, UInt8)] = []
        var coreCount = 0
        for (lemma, c) in cueCount where c >= 2 {
            let ratio = Float(c) / Float(max(totalCount[lemma] ?? c, c))
            if ratio < 0.02 { continue }
            var v: UInt8 = ratio < 0.05 ? 1 : ratio < 0.1 ? 2 : ratio < 0.2 ? 3 : ratio < 0.4 ? 4 : ratio < 0.7 ? 5 : 6
            v += c < 5 ? 0 : (c < 20 ? 8 : 16)
            if c >= options.cueMinCount && ratio >= options.cueMinRatio {
                v |= TaggerLexicon.core
                coreCount += 1
            }
            lexiconKeys.append((lemma, v))
        }
        lexiconKeys.sort { $0.0 < $1.0 }
        let lexicon = TaggerLexicon(lexiconKeys)
        log("cue lexicon: \(lexiconKeys.count) lemmas, \(coreCount) core")

        // Pass 2: feature rows and labels per sentence.
        var index: [UInt32] = []
        var gold: [UInt8] = []
        var sentenceStarts: [Int] = [0]
        var scratch = TaggerFeatures.Scratch()
        var buffer: [UInt32] = []
        for d in prepared {
            var text = d.text
            text.withUTF8 { p in
                let doc = TaggerDocument(p, sentences: d.sentences, cueLexicon: lexicon)
                let labels = goldLabels(doc, d.gold, priority: options.priority)
                for range in doc.sentences {
                    if buffer.count < range.count * slots { buffer = [UInt32](repeating: 0, count: range.count * slots) }
                    buffer.withUnsafeMutableBufferPointer { b in
                        TaggerFeatures.extract(doc.info, doc.tokens, lo: range.lowerBound, hi: range.upperBound,
                                               scratch: &scratch, into: b.baseAddress!)
                    }
                    index.append(contentsOf: buffer[0..<(range.count * slots)])
                    for j in range {
                        // A sentence is decoded alone: a label continuing from the previous one begins here.
                        var l = labels[j]
                        if j == range.lowerBound && l != 0 && l % 2 == 0 { l -= 1 }
                        gold.append(l)
                    }
                    sentenceStarts.append(gold.count)
                }
            }
        }
        let tokenCount = gold.count
        log("tokens: \(tokenCount), sentences: \(sentenceStarts.count - 1)")

        // Structured perceptron with averaging (w - u / c); `runs` perceptrons trained on
        // different shufflings are averaged once more.
        let F = TaggerModel.rowCount
        var avg = [Float](repeating: 0, count: F * 8)
        var tavg = [Float](repeating: 0, count: 64)
        for run in 0..<options.runs {
            // Structured perceptron with averaging (w - u / c).
            var w = [Float](repeating: 0, count: F * 8)
            var u = [Double](repeating: 0, count: F * 8)
            var tw = [Float](repeating: 0, count: 64)
            var tu = [Double](repeating: 0, count: 64)
            var c: Double = 1
            var order = Array(0..<(sentenceStarts.count - 1))
            var rng = options.seed &+ UInt64(run) &* 0x1000_0001
            func next() -> UInt64 {
                rng &+= 0x9E37_79B9_7F4A_7C15
                return TaggerFeatures.mix(rng, 0)
            }
            var em = [Float](repeating: 0, count: 1024 * 8)
            var pred: [UInt8] = []
            var back: [UInt8] = []
            for epoch in 0..<options.epochs {
                for i in stride(from: order.count - 1, to: 0, by: -1) {
                    order.swapAt(i, Int(next() % UInt64(i + 1)))
                }
                var errors = 0
                for s in order {
                    let lo = sentenceStarts[s], hi = sentenceStarts[s + 1]
                    let n = hi - lo
                    if em.count < n * 8 { em = [Float](repeating: 0, count: n * 8) }
                    w.withUnsafeBufferPointer { wp in
                        let raw = UnsafeRawPointer(wp.baseAddress!)
                        for j in 0..<n {
                            var acc = SIMD8<Float>()
                            for f in 0..<slots {
                                let x = index[(lo + j) * slots + f]
                                acc += raw.loadUnaligned(fromByteOffset: Int(x) * 32, as: SIMD8<Float>.self)
                            }
                            for y in 0..<8 { em[j * 8 + y] = acc[y] }
                        }
                    }
                    em.withUnsafeBufferPointer { e in
                        tw.withUnsafeBufferPointer { tr in
                            TaggerDecoder.viterbi(e, n: n, trans: tr, labels: &pred, back: &back)
                        }
                    }
                    var wrong = false
                    for j in 0..<n where pred[j] != gold[lo + j] {
                        wrong = true
                        errors += 1
                        let g = Int(gold[lo + j]), p = Int(pred[j])
                        for f in 0..<slots {
                            let x = Int(index[(lo + j) * slots + f])
                            w[x * 8 + g] += 1
                            u[x * 8 + g] += c
                            w[x * 8 + p] -= 1
                            u[x * 8 + p] -= c
                        }
                    }
                    if wrong {
                        var pg = 7, pp = 7
                        for j in 0..<n {
                            let g = Int(gold[lo + j]), p = Int(pred[j])
                            if pg != pp || g != p {
                                tw[pg * 8 + g] += 1
                                tu[pg * 8 + g] += c
                                tw[pp * 8 + p] -= 1
                                tu[pp * 8 + p] -= c
                            }
                            pg = g
                            pp = p
                        }
                    }
                    c += 1
                }
                log("run \(run + 1) epoch \(epoch + 1): token errors \(errors) (\(Double(errors) / Double(tokenCount)))")
            }
            for n in 0..<(F * 8) { avg[n] += Float(Double(w[n]) - u[n] / c) }
            for n in 0..<64 { tavg[n] += Float(Double(tw[n]) - tu[n] / c) }
        }
        for n in 0..<(F * 8) { avg[n] /= Float(options.runs) }
        for n in 0..<64 { tavg[n] /= Float(options.runs) }
        // Vocabulary: the most frequent token types (ties broken by bytes, for determinism).
        let vocab = typeCount.filter { $0.value >= 3 }.sorted { $0.value != $1.value ? $0.value > $1.value : Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .prefix(options.vocabularySize).map { $0.key }
        return serialize(weights: avg, transitions: tavg, lexicon: lexiconKeys, vocabulary: vocab, options: options, log: log)
    }

    static func serialize(weights: [Float], transitions: [Float], lexicon: [(UInt64, UInt8)], vocabulary: [String],
                          options: TaggerTrainingOptions, log: (String) -> Void) -> String {
        let F = TaggerModel.rowCount
        var maxAbs = [Float](repeating: 0, count: F)
        for f in 0..<F {
            var m: Float = 0
            for y in 0..<TaggerLabel.count { m = max(m, abs(weights[f * 8 + y])) }
            maxAbs[f] = m
        }
        let nonzero = maxAbs.filter { $0 > 0 }.sorted()
        let median = nonzero.isEmpty ? 1 : nonzero[nonzero.count / 2]
        // Quantum: a twentieth of the median feature's largest weight.
        let scale = max(1, (20 / median).rounded())
        let threshold = options.pruneFactor * median
        var lines: [String] = ["tagger-model 2", "scale \(Int(scale))"]
        lines.append("cue " + lexicon.map { TaggerModel.base36($0.0) + ":" + String($0.1) }.joined(separator: " "))
        lines.append("vocab " + vocabulary.joined(separator: " "))
        lines.append("trans " + transitions.map { String(Int(($0 * scale).rounded())) }.joined(separator: ","))
        var kept: [(row: Int, weights: [Int])] = []
        for f in 0..<F where maxAbs[f] >= threshold {
            var row: [Int] = []
            for y in 0..<TaggerLabel.count {
                row.append(Int(max(Float(-TaggerFeatures.maxWeight), min(Float(TaggerFeatures.maxWeight), (weights[f * 8 + y] * scale).rounded()))))
            }
            kept.append((f, row))
        }
        lines += TaggerModel.packedRowLines(kept)
        log("model: \(kept.count) of \(F) features, scale \(Int(scale)), median \(median)")
        return lines.joined(separator: "\n") + "\n"
    }
}

extension AttributionTagger {
    /// Diagnostic: assembles relations from the gold token labels (upper bound of the assembly).
    public static func oracle(text: String, ann: String, settings: [String: Int] = [:]) -> [TaggedAttribution] {
        let gold = parseGold(text: text, ann: ann)
        let sentences = SentenceSplitter.split(text).map(\.range)
        var o = TaggerAssemblyOptions()
        if let v = settings["attachOrphanContent"] { o.attachOrphanContent = v != 0 }
        var text = text
        return text.withUTF8 { p in
            let doc = TaggerDocument(p, sentences: sentences, cueLexicon: TaggerLexicon([]))
            let labels = goldLabels(doc, gold, priority: settings["priority"].map { String($0).compactMap { $0.wholeNumberValue } } ?? [2, 1, 3])
            return TaggerAssembly.assemble(tokens: doc.tokens, labels: labels, sentenceOf: doc.sentenceOf,
                                           sentenceCount: doc.sentences.count, options: o)
        }
    }
}

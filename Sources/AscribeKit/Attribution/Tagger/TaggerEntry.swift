// Entry points: tag a text with the embedded model, or train a model from annotated texts.

/// One attribution found by the tagger; UTF-8 byte ranges into the text.
public struct TaggedAttribution: Sendable, Equatable {
    public var cue: [Range<Int>]
    public var source: [Range<Int>]
    public var content: [Range<Int>]
}

/// A tokenized text with sentences and per-token attributes, ready for feature extraction.
struct TaggerDocument {
    var tokens: TaggerTokens
    /// Sentence index of each token.
    var sentenceOf: [Int32]
    /// Token range of each sentence.
    var sentences: [Range<Int>]
    var info: TaggerTokenInfo

    init(_ p: UnsafeBufferPointer<UInt8>, sentenceBytes: [Sentence], cueLexicon: TaggerLexicon,
         vocabulary: TaggerVocabulary = .empty) {
        tokens = TaggerTokenizer.tokenize(p)
        let n = tokens.count
        sentenceOf = [Int32](repeating: 0, count: n)
        sentences = []
        // Tokens go to the last sentence starting at or before them (tokens between sentences join
        // the previous one); a sentence without tokens is skipped.
        var si = 0
        var current = -1
        var lo = 0
        for i in 0..<n {
            let s = tokens.start[i]
            var advanced = current < 0
            while si < sentenceBytes.count && sentenceBytes[si].range.lowerBound <= s {
                si += 1
                advanced = true
            }
            if advanced {
                if current >= 0 { sentences.append(lo..<i) }
                current += 1
                lo = i
            }
            sentenceOf[i] = Int32(truncatingIfNeeded: current)
        }
        if n > 0 { sentences.append(lo..<n) }
        info = TaggerFeatures.info(p, tokens, cueLexicon: cueLexicon, vocabulary: vocabulary)
    }
}

public enum AttributionTagger {
    /// The embedded model, parsed once on first use (Swift globals are initialised thread-safely).
    static let model = TaggerModel.parse(taggerModelText)


    static func attributions(in text: String) -> [TaggedAttribution] {
        attributions(in: text, model: model)
    }

    /// Tags `text` with a model given as text (for evaluation of a fresh model without rebuilding).
    public static func attributions(in text: String, modelText: String?) -> [TaggedAttribution] {
        attributions(in: text, model: modelText.map { TaggerModel.parse($0) } ?? model)
    }

    /// A tagging function for a model given as text (nil: the embedded one); `settings` override
    /// assembly options by name (for evaluation runs).
    public static func loadModel(_ text: String?, settings: [String: Int] = [:]) -> @Sendable (String) -> [TaggedAttribution] {
        var m = text.map { TaggerModel.parse($0) } ?? model
        if let b = settings["cueBiasPct"] {
            m.labelBias[TaggerLabel.bCue] = Float(b) / 100
        }
        if let b = settings["contentBiasPct"] {
            m.labelBias[TaggerLabel.bContent] = Float(b) / 100
        }
        if let b = settings["sourceBiasPct"] {
            m.labelBias[TaggerLabel.bSource] = Float(b) / 100
        }
        var o = TaggerAssemblyOptions()
        for (name, v) in settings {
            switch name {
            case "sourceAfterPenalty": o.sourceAfterPenalty = v
            case "attachOrphanContent": o.attachOrphanContent = v != 0
            case "extendOverNested": o.extendOverNested = v != 0
            case "maxSourceDistance": o.maxSourceDistance = v
            case "fallbackMinTokens": o.fallbackMinTokens = v
            default: break
            }
        }
        let options = o
        let model = m
        return { attributions(in: $0, model: model, options: options) }
    }

    static func attributions(in text: String, model: TaggerModel,
                             options: TaggerAssemblyOptions = TaggerAssemblyOptions()) -> [TaggedAttribution] {
        let sentenceBytes = SentenceSplitter.split(text)
        var text = text
        return text.withUTF8 { p -> [TaggedAttribution] in
            let doc = TaggerDocument(p, sentenceBytes: sentenceBytes, cueLexicon: model.cueLexicon, vocabulary: model.vocabulary)
            let labels = tag(doc, model: model)
            return TaggerAssembly.assemble(tokens: doc.tokens, labels: labels, sentenceOf: doc.sentenceOf,
                                           sentenceCount: doc.sentences.count, options: options)
        }
    }

    /// Per-type weight sums of the type-level templates: as the token itself, then as the
    /// neighbour at -1, +1, -2, +2, -3, +3. `lower`/`lemma` of a nil attribute: sentence boundary.
    static func typeSums(_ a: TaggerTokenAttr?, weights w: UnsafeBufferPointer<Int16>, into out: UnsafeMutablePointer<SIMD8<Int32>>) {
        let raw = UnsafeRawPointer(w.baseAddress!)
        @inline(__always) func load(_ row: UInt32) -> SIMD8<Int32> {
            SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: Int(row) &* 16, as: SIMD8<Int16>.self))
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { tp in
            let tp = tp.baseAddress!
            if let a {
                TaggerFeatures.selfRows(a, tp)
                TaggerFeatures.neighbourRows(a.lower, a.lemma, tp + 8)
            } else {
                for k in 0..<8 { tp[k] = 0 }
                TaggerFeatures.neighbourRows(TaggerFeatures.boundary, TaggerFeatures.boundary, tp + 8)
            }
            var me = SIMD8<Int32>()
            if a != nil { for f in 0..<8 { me &+= load(tp[f]) } }
            out[0] = me
            out[1] = load(tp[8]) &+ load(tp[9])
            out[2] = load(tp[10]) &+ load(tp[11])
            for k in 0..<4 { out[3 + k] = load(tp[12 + k]) }
        }
    }

    /// Viterbi labels for every token of the document.
    static func tag(_ doc: TaggerDocument, model: TaggerModel) -> [UInt8] {
        let info = doc.info
        var labels = [UInt8](repeating: 0, count: doc.tokens.count)
        var rows: [UInt32] = []
        var em: [Float] = []
        var sentenceLabels: [UInt8] = []
        var back: [UInt8] = []
        var scratch = TaggerFeatures.Scratch()
        let slots = TaggerFeatures.contextSlots
        let unit = SIMD8<Float>(repeating: model.unit)
        let bias = model.labelBias
        let firstLocal = info.firstLocalType
        let localCount = info.typeFirstToken.count
        // Local types, then the sentence boundary; filled on first use.
        var localSums = [SIMD8<Int32>](repeating: SIMD8<Int32>(), count: (localCount + 1) * 7)
        var ready = [Bool](repeating: false, count: localCount + 1)
        model.weights.withUnsafeBufferPointer { w in
        model.vocabulary.sums.withUnsafeBufferPointer { global in
        localSums.withUnsafeMutableBufferPointer { local in
            let raw = UnsafeRawPointer(w.baseAddress!)
            @inline(__always) func load(_ row: UInt32) -> SIMD8<Int32> {
                SIMD8<Int32>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: Int(row) &* 16, as: SIMD8<Int16>.self))
            }
            typeSums(nil, weights: w, into: local.baseAddress! + localCount * 7)
            ready[localCount] = true
            let boundarySums = UnsafePointer(local.baseAddress! + localCount * 7)
            var typePtrs: [UnsafePointer<SIMD8<Int32>>] = []
            @inline(__always) func sums(_ type: Int) -> UnsafePointer<SIMD8<Int32>> {
                if type < firstLocal { return global.baseAddress! + type * 7 }
                let l = type - firstLocal
                if !ready[l] {
                    typeSums(info.attrs[Int(info.typeFirstToken[l])], weights: w, into: local.baseAddress! + l * 7)
                    ready[l] = true
                }
                return UnsafePointer(local.baseAddress! + l * 7)
            }
            for range in doc.sentences {
                let n = range.count
                let lo = range.lowerBound
                if rows.count < n * slots { rows = [UInt32](repeating: 0, count: n * slots) }
                if em.count < n * 8 { em = [Float](repeating: 0, count: n * 8) }
                rows.withUnsafeMutableBufferPointer { rp in
                    TaggerFeatures.extract(info, doc.tokens, lo: lo, hi: range.upperBound,
                                           scratch: &scratch, full: false, into: rp.baseAddress!)
                    em.withUnsafeMutableBufferPointer { e in
                        let out = UnsafeMutableRawPointer(e.baseAddress!)
                        // Type sums of tokens -3..<n+3 (sentence boundary outside).
                        if typePtrs.count < n + 6 { typePtrs = [UnsafePointer<SIMD8<Int32>>](repeating: boundarySums, count: n + 6) }
                        typePtrs.withUnsafeMutableBufferPointer { tp in
                            for k in 0..<3 {
                                tp[k] = boundarySums
                                tp[n + 3 + k] = boundarySums
                            }
                            for j in 0..<n { tp[j + 3] = sums(Int(info.attrs[lo + j].type)) }
                            for j in 0..<n {
                                var acc = tp[j + 3][0]
                                acc &+= tp[j + 2][1]
                                acc &+= tp[j + 4][2]
                                acc &+= tp[j + 1][3]
                                acc &+= tp[j + 5][4]
                                acc &+= tp[j][5]
                                acc &+= tp[j + 6][6]
                                let r = rp.baseAddress! + j * slots
                                for f in 0..<slots { acc &+= load(r[f]) }
                                out.storeBytes(of: SIMD8<Float>(acc) * unit + bias, toByteOffset: j * 32, as: SIMD8<Float>.self)
                            }
                        }
                    }
                }
                em.withUnsafeBufferPointer { e in
                    model.transitions.withUnsafeBufferPointer { tr in
                        TaggerDecoder.viterbi(e, n: n, trans: tr, labels: &sentenceLabels, back: &back)
                    }
                }
                for j in 0..<n { labels[lo + j] = sentenceLabels[j] }
            }
        }
        }
        }
        return labels
    }
}

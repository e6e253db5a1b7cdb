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

    /// `sentences`: UTF-8 byte ranges of the sentences (`SentenceSplitter`), in text order.
    init(_ p: UnsafeBufferPointer<UInt8>, sentences sentenceBytes: [Range<Int>], cueLexicon: TaggerLexicon,
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
            while si < sentenceBytes.count && sentenceBytes[si].lowerBound <= s {
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

    /// The attributions of the text `t` holds, on its sentences (split once for rules and tagger).
    static func attributions(in t: AttributionText) -> [TaggedAttribution] {
        t.bytes.withUnsafeBufferPointer { attributions(p: $0, sentences: t.sentences, model: model, options: TaggerAssemblyOptions()) }
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
        let sentences = SentenceSplitter.split(text).map(\.range)
        var text = text
        return text.withUTF8 { attributions(p: $0, sentences: sentences, model: model, options: options) }
    }

    static func attributions(p: UnsafeBufferPointer<UInt8>, sentences: [Range<Int>], model: TaggerModel,
                             options: TaggerAssemblyOptions) -> [TaggedAttribution] {
        let doc = TaggerDocument(p, sentences: sentences, cueLexicon: model.cueLexicon, vocabulary: model.vocabulary)
        let labels = tag(doc, model: model)
        return TaggerAssembly.assemble(tokens: doc.tokens, labels: labels, sentenceOf: doc.sentenceOf,
                                       sentenceCount: doc.sentences.count, options: options)
    }

    /// Per-type weight sums of the type-level templates: as the token itself, then as the
    /// neighbour at -1, +1, -2, +2, -3, +3. `lower`/`lemma` of a nil attribute: sentence boundary.
    static func typeSums(_ a: TaggerTokenAttr?, weights w: UnsafeBufferPointer<Int16>, into out: UnsafeMutablePointer<SIMD8<Int16>>) {
        let raw = UnsafeRawPointer(w.baseAddress!)
        @inline(__always) func load(_ row: UInt32) -> SIMD8<Int16> {
            raw.loadUnaligned(fromByteOffset: Int(row) &* 16, as: SIMD8<Int16>.self)
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
            var me = SIMD8<Int16>()
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
        let count = doc.tokens.count
        var longest = 0
        for range in doc.sentences { longest = max(longest, range.count) }
        let slots = TaggerFeatures.contextSlots
        let unit = SIMD8<Float>(repeating: model.unit)
        let bias = model.labelBias
        let firstLocal = info.firstLocalType
        let localCount = info.typeFirstToken.count
        // Per-document scratch, sized for the longest sentence: summed weights, emissions,
        // back-pointers and type-sum pointers of tokens -3..<n+3.
        #if DEBUG
        let rowBuffer = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, longest * slots))
        defer { rowBuffer.deallocate() }
        #endif
        let accs = UnsafeMutablePointer<SIMD8<Int16>>.allocate(capacity: max(1, longest))
        let em = UnsafeMutableRawPointer.allocate(byteCount: max(1, longest) * 32, alignment: 32)
        let back = UnsafeMutableRawPointer.allocate(byteCount: max(1, longest) * 32, alignment: 32)
        let typePtrs = UnsafeMutablePointer<UnsafePointer<SIMD8<Int16>>>.allocate(capacity: longest + 6)
        let hashedRows = UnsafeMutablePointer<UInt32>.allocate(capacity: max(1, longest) * TaggerFeatures.hashedContextSlots)
        // Type sums of the local types, then the sentence boundary; filled on first use.
        let local = UnsafeMutablePointer<SIMD8<Int16>>.allocate(capacity: (localCount + 1) * 7)
        let ready = UnsafeMutablePointer<Bool>.allocate(capacity: localCount + 1)
        ready.initialize(repeating: false, count: localCount + 1)
        defer {
            accs.deallocate()
            em.deallocate()
            back.deallocate()
            typePtrs.deallocate()
            hashedRows.deallocate()
            local.deallocate()
            ready.deallocate()
        }
        var scratch = TaggerFeatures.Scratch()
        let transitions = model.transitions.withUnsafeBufferPointer { TaggerDecoder.Transitions($0) }
        return [UInt8](unsafeUninitializedCapacity: count) { labels, initialized in
        model.weights.withUnsafeBufferPointer { w in
        model.vocabulary.sums.withUnsafeBufferPointer { global in
        info.attrs.withUnsafeBufferPointer { attrs in
        info.typeFirstToken.withUnsafeBufferPointer { typeFirstToken in
        doc.tokens.kind.withUnsafeBufferPointer { kinds in
        model.dense.withUnsafeBufferPointer { dense in
            let raw = UnsafeRawPointer(w.baseAddress!)
            @inline(__always) func load(_ row: UInt32) -> SIMD8<Int16> {
                raw.loadUnaligned(fromByteOffset: Int(row) &* 16, as: SIMD8<Int16>.self)
            }
            typeSums(nil, weights: w, into: local + localCount * 7)
            ready[localCount] = true
            let boundarySums = UnsafePointer(local + localCount * 7)
            let globalSums = global.baseAddress
            @inline(__always) func sums(_ type: Int) -> UnsafePointer<SIMD8<Int16>> {
                if type < firstLocal { return globalSums.unsafelyUnwrapped + type &* 7 }
                let l = type &- firstLocal
                if !ready[l] {
                    typeSums(attrs[Int(typeFirstToken[l])], weights: w, into: local + l &* 7)
                    ready[l] = true
                }
                return UnsafePointer(local + l &* 7)
            }
            for k in 0..<3 { typePtrs[k] = boundarySums }
            for range in doc.sentences {
                let n = range.count
                let lo = range.lowerBound
                // Type sums of tokens -3..<n+3 (sentence boundary outside), then the context templates.
                for k in 0..<3 { typePtrs[n + 3 + k] = boundarySums }
                for j in 0..<n { typePtrs[j + 3] = sums(Int(attrs[lo + j].type)) }
                for j in 0..<n {
                    let tp = typePtrs + j
                    var acc = tp[3][0]
                    acc &+= tp[2][1]
                    acc &+= tp[4][2]
                    acc &+= tp[1][3]
                    acc &+= tp[5][4]
                    acc &+= tp[0][5]
                    acc &+= tp[6][6]
                    accs[j] = acc
                }
                TaggerFeatures.addContext(attrs.baseAddress!, kinds.baseAddress!, lo: lo, hi: range.upperBound, scratch: &scratch,
                                          weights: raw, dense: dense.baseAddress!, rows: hashedRows, acc: accs)
                #if DEBUG
                // The fused 16-bit scores equal the row-buffer path of training summed in 32 bits
                // (same terms, and no overflow).
                TaggerFeatures.extract(info, doc.tokens, lo: lo, hi: range.upperBound,
                                       scratch: &scratch, full: false, into: rowBuffer)
                for j in 0..<n {
                    let tp = typePtrs + j
                    var acc = SIMD8<Int32>()
                    for (t, k) in [(3, 0), (2, 1), (4, 2), (1, 3), (5, 4), (0, 5), (6, 6)] { acc &+= TaggerFeatures.widen(tp[t][k]) }
                    let r = rowBuffer + j &* slots
                    for f in 0..<slots { acc &+= TaggerFeatures.widen(load(r[f])) }
                    assert(acc == TaggerFeatures.widen(accs[j]), "fused emission scores differ from extract")
                }
                #endif
                for j in 0..<n {
                    em.storeBytes(of: SIMD8<Float>(TaggerFeatures.widen(accs[j])) * unit + bias, toByteOffset: j &* 32, as: SIMD8<Float>.self)
                }
                TaggerDecoder.viterbi(UnsafeRawPointer(em), n: n, transitions, labels: labels.baseAddress! + lo, back: back)
            }
        }
        }
        }
        }
        }
        }
            initialized = count
        }
    }
}

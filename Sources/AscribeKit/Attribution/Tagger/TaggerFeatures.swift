// Feature extraction: every feature is hashed straight to a weight row from (template, value);
// nothing allocates per feature. Training and tagging share this code.

/// Attributes of one token used by the feature templates.
struct TaggerTokenAttr {
    var lower: UInt64 = 0  // Hash of the lowercase bytes.
    var lemma: UInt64 = 0  // Hash of the crude lemma.
    var suffix: UInt64 = 0  // Last 4 lowercase bytes packed (suffixes 2-3 are masks of it).
    var prefix: UInt64 = 0  // First 3 lowercase bytes packed.
    var type: Int32 = 0  // Index of the token's type (distinct bytes).
    var flags: UInt16 = 0
    var shape: UInt8 = 0
    var prior: UInt8 = 0  // Cue prior bucket of the lemma.
    var inQuote = false
}

/// Per-token attributes of a text.
struct TaggerTokenInfo {
    var attrs: [TaggerTokenAttr] = []
    /// Types below `firstLocalType` are vocabulary entries of the model; for the others, the
    /// first token of the type (index `type - firstLocalType`).
    var typeFirstToken: [Int32] = []
    var firstLocalType = 0
}

/// Frequent training tokens with their attributes and per-type weight sums, computed when the
/// model loads so that most tokens skip attribute computation and type-level lookups.
struct TaggerVocabulary: Sendable {
    var table: TaggerKeyTable
    var index: [Int32]  // Per table slot: vocabulary index or -1.
    var attrs: [TaggerTokenAttr]
    var sums: [SIMD8<Int16>]  // 7 per entry.

    static let empty = TaggerVocabulary(table: TaggerKeyTable(capacityFor: 1), index: [Int32](repeating: -1, count: 16),
                                        attrs: [], sums: [])

    @inline(__always)
    func find(_ key: UInt64) -> Int {
        let s = table.find(key)
        return s < 0 ? -1 : Int(index[s])
    }
}

enum TaggerFeatures {
    /// Rows per token: context templates first, then the templates that depend on one token's
    /// type only (own attributes, neighbours' words), which inference sums once per type.
    static let contextSlots = 25
    static let typeSlots = 16
    static let slots = contextSlots + typeSlots
    /// Largest weight magnitude a model may hold: a token's `slots` terms then sum without
    /// overflowing the 16-bit lanes scoring adds them in (the trained model's largest is 670).
    static let maxWeight = Int(Int16.max) / slots

    // Flags.
    static let fPronoun: UInt16 = 1
    static let fTitle: UInt16 = 2
    static let fCue: UInt16 = 4
    static let fCap: UInt16 = 8
    static let fQuote: UInt16 = 16
    static let fColon: UInt16 = 32
    static let fComma: UInt16 = 64
    static let fThat: UInt16 = 128
    static let fAccording: UInt16 = 256
    static let fTo: UInt16 = 512
    static let fStrong: UInt16 = 1024

    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var z = a &* 0x9E37_79B9_7F4A_7C15 ^ b
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @inline(__always)
    static func fnv(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var k = s
        while k < e {
            var b = p[k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            h = (h ^ UInt64(b)) &* 0x100_0000_01B3
            k += 1
        }
        return h
    }

    static func fnv(_ s: String) -> UInt64 {
        var s = s
        return s.withUTF8 { fnv($0, 0, $0.count) }
    }

    /// Lexicon entries keyed by the lowercase hash: flags and an irregular lemma.
    struct LexEntry { var flags: UInt16; var lemma: UInt64 }

    static let lexicon: [UInt64: LexEntry] = {
        var d: [UInt64: LexEntry] = [:]
        func add(_ words: [String], _ flag: UInt16) {
            for w in words {
                let h = fnv(w)
                var e = d[h] ?? LexEntry(flags: 0, lemma: 0)
                e.flags |= flag
                d[h] = e
            }
        }
        add(["he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "his", "their", "its", "us", "me", "who"], fPronoun)
        add(["president", "spokesman", "spokeswoman", "spokesperson", "senator", "sen", "gov", "governor", "rep",
             "representative", "secretary", "official", "officials", "aide", "aides", "director", "chairman",
             "chairwoman", "chair", "adviser", "advisor", "advisers", "candidate", "nominee", "mayor", "leader",
             "minister", "ceo", "analyst", "analysts", "expert", "experts", "source", "sources", "campaign",
             "report", "statement", "poll", "survey", "study", "mr", "mrs", "ms", "dr", "manager", "strategist",
             "professor", "researcher", "spokesmen", "people", "voters", "supporters", "critics", "democrats",
             "republicans", "gop", "committee", "department", "officer", "judge", "attorney", "lawyer"], fTitle)
        add(["that"], fThat)
        add(["according"], fAccording)
        add(["to"], fTo)
        let irregular: [(String, String)] = [
            ("said", "say"), ("says", "say"), ("saying", "say"), ("told", "tell"), ("tells", "tell"),
            ("telling", "tell"), ("wrote", "write"), ("written", "write"), ("writes", "write"),
            ("writing", "write"), ("thought", "think"), ("felt", "feel"), ("heard", "hear"),
            ("spoke", "speak"), ("spoken", "speak"), ("knew", "know"), ("known", "know"), ("saw", "see"),
            ("seen", "see"), ("sees", "see"), ("made", "make"), ("gave", "give"), ("given", "give"),
            ("found", "find"), ("meant", "mean"), ("taught", "teach"), ("was", "be"), ("were", "be"),
            ("is", "be"), ("are", "be"), ("been", "be"), ("being", "be"), ("am", "be"), ("has", "have"),
            ("had", "have"), ("having", "have"), ("did", "do"), ("does", "do"), ("done", "do"),
            ("went", "go"), ("gone", "go"), ("goes", "go"), ("began", "begin"), ("begun", "begin"),
            ("led", "lead"), ("sought", "seek"), ("brought", "bring"), ("held", "hold"), ("chose", "choose"),
            ("chosen", "choose"), ("understood", "understand"), ("forgot", "forget"), ("swore", "swear"),
            ("sworn", "swear"), ("hoped", "hope"), ("believed", "believe"), ("believes", "believe"),
            ("argued", "argue"), ("argues", "argue"), ("arguing", "argue"), ("noted", "note"),
            ("notes", "note"), ("noting", "note"), ("stated", "state"), ("states", "state"),
            ("insisted", "insist"), ("warned", "warn"), ("added", "add"), ("adds", "add"), ("adding", "add"),
            ("asked", "ask"), ("asks", "ask"), ("asking", "ask"), ("called", "call"), ("calls", "call"),
            ("calling", "call"), ("tweeted", "tweet"), ("tweets", "tweet"), ("tweeting", "tweet"),
            ("showed", "show"), ("shows", "show"), ("shown", "show"), ("showing", "show"),
        ]
        for (w, l) in irregular {
            let h = fnv(w)
            var e = d[h] ?? LexEntry(flags: 0, lemma: 0)
            e.lemma = fnv(l)
            d[h] = e
        }
        return d
    }()

    /// `lexicon` as an open-addressing table (cheaper than Dictionary hashing per token).
    static let lexiconTable: TaggerKeyTable = {
        var t = TaggerKeyTable(capacityFor: lexicon.count)
        for k in lexicon.keys.sorted() { _ = t.insert(k == 0 ? 1 : k) }
        return t
    }()

    static let lexiconEntries: [LexEntry] = {
        var e = [LexEntry](repeating: LexEntry(flags: 0, lemma: 0), count: lexiconTable.keys.count)
        for (k, v) in lexicon { e[lexiconTable.find(k == 0 ? 1 : k)] = v }
        return e
    }()

    /// Crude stem of the lowercase ASCII word in `w[0..<m]` (suffix stripping; consistent, not correct).
    static func stem(_ w: UnsafeMutableBufferPointer<UInt8>, _ m0: Int) -> Int {
        var m = m0
        @inline(__always) func ends(_ a: UInt8, _ b: UInt8) -> Bool { m >= 2 && w[m - 2] == a && w[m - 1] == b }
        if ends(0x27, 0x73) { m -= 2 }  // 's
        if m >= 5 && w[m - 3] == 0x69 && w[m - 2] == 0x65 && (w[m - 1] == 0x73 || w[m - 1] == 0x64) {  // ies ied
            m -= 2
            w[m - 1] = 0x79
        } else if m >= 5 && w[m - 3] == 0x69 && ends(0x6E, 0x67) {  // ing
            m -= 3
        } else if m >= 4 && ends(0x65, 0x64) {  // ed
            m -= 2
        } else if m >= 4 && w[m - 1] == 0x73 && w[m - 2] != 0x73 && w[m - 2] != 0x75 && w[m - 2] != 0x69 {
            m -= 1
        }
        if m >= 4 && w[m - 1] == 0x65 { m -= 1 }
        if m >= 4 && w[m - 1] == w[m - 2] && w[m - 1] != 0x65 && w[m - 1] != 0x6F { m -= 1 }
        return m
    }

    /// Computes per-token attributes. Attributes that depend only on the token's bytes are
    /// computed once per distinct token (type) of the text and copied.
    /// Type key of the token bytes `s..<e`: short tokens are their own bytes, longer ones a hash.
    @inline(__always)
    static func typeKey(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var h: UInt64
        let len = e - s
        if len <= 7 {
            h = UInt64(len) << 56
            if s + 8 <= p.count {
                // One little-endian load, masked to the token's bytes.
                let word = UInt64(littleEndian: UnsafeRawPointer(p.baseAddress! + s).loadUnaligned(as: UInt64.self))
                h |= word & ((1 &<< UInt64(8 * len)) &- 1)
            } else {
                for k in s..<e { h = h | UInt64(p[k]) << (8 * UInt64(k - s)) }
            }
        } else {
            h = 0xCBF2_9CE4_8422_2325
            for k in s..<e { h = (h ^ UInt64(p[k])) &* 0x100_0000_01B3 }
            h |= 1 << 63
        }
        return h
    }

    static func info(_ p: UnsafeBufferPointer<UInt8>, _ t: TaggerTokens, cueLexicon: TaggerLexicon,
                     vocabulary: TaggerVocabulary = .empty) -> TaggerTokenInfo {
        let n = t.count
        let firstLocal = vocabulary.attrs.count
        // Local types are the tokens the vocabulary (the 8,000 most frequent training words)
        // lacks: a table sized for a quarter of the tokens starts afresh (it is only a cache)
        // on texts of unusually many new words.
        var types = TaggerKeyTable(capacityFor: min(n / 4, 1 << 20) + 64)
        var typeOfSlot = [Int32](repeating: -1, count: types.keys.count)
        var typeCount = 0
        var firstToken: [Int32] = []
        var scratch = [UInt8](repeating: 0, count: 32)
        var depth = 0
        var straight = false
        // Every element is written below, in order (a type's first token before its repeats).
        let attrs = [TaggerTokenAttr](unsafeUninitializedCapacity: n) { r, initialized in
        initialized = n
        scratch.withUnsafeMutableBufferPointer { w in
        t.start.withUnsafeBufferPointer { starts in
        t.end.withUnsafeBufferPointer { ends in
        t.kind.withUnsafeBufferPointer { kinds in
        t.breaks.withUnsafeBufferPointer { breaks in
            for i in 0..<n {
                let s = starts[i], e = ends[i]
                let kind = kinds[i]
                if breaks[i] >= 2 {
                    depth = 0
                    straight = false
                }
                var quoteFlag: UInt16 = 0
                switch kind {
                case .openQuote:
                    depth += 1
                    quoteFlag = fQuote
                case .closeQuote:
                    depth = max(0, depth - 1)
                    quoteFlag = fQuote
                case .straightQuote:
                    straight.toggle()
                    quoteFlag = fQuote
                default: break
                }
                let inQuote = depth > 0 || straight
                let h = typeKey(p, s, e)
                let v = vocabulary.find(h)
                if v >= 0 {
                    var a = vocabulary.attrs[v]
                    a.flags = a.flags & ~fQuote | quoteFlag
                    a.inQuote = inQuote
                    r[i] = a
                    continue
                }
                if typeCount >= (types.keys.count >> 1) {
                    // Table full (huge text): start a fresh one; it is only a cache.
                    types = TaggerKeyTable(capacityFor: types.keys.count)
                    typeOfSlot = [Int32](repeating: -1, count: types.keys.count)
                    typeCount = 0
                }
                let slot = types.insert(h)
                let seen = Int(typeOfSlot[slot])
                if seen >= 0 {
                    var a = r[seen]
                    a.flags = a.flags & ~fQuote | quoteFlag
                    a.inQuote = inQuote
                    r[i] = a
                    continue
                }
                typeOfSlot[slot] = Int32(i)
                var a = TaggerTokenAttr()
                a.type = Int32(firstLocal + firstToken.count)
                a.inQuote = inQuote
                firstToken.append(Int32(i))
                typeCount += 1
                var flags = quoteFlag
                let lower = fnv(p, s, e)
                a.lower = lower
                let len = e - s
                // Shape: 0 lower, 1 Capitalised, 2 ALLCAPS, 3 mixed/other word, 4 number, 5 punctuation.
                var shape: UInt8
                var packed: UInt64 = 0
                var pre: UInt64 = 0
                var k = max(s, e - 4)
                while k < e {
                    var b = p[k]
                    if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                    packed = packed << 8 | UInt64(b)
                    k += 1
                }
                k = s
                while k < min(e, s + 3) {
                    var b = p[k]
                    if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                    pre = pre << 8 | UInt64(b)
                    k += 1
                }
                a.suffix = packed
                a.prefix = pre
                a.lemma = lower
                if kind == .word {
                    let first = p[s]
                    let upper0 = first >= 0x41 && first <= 0x5A
                    var uppers = 0
                    var nonASCII = false
                    k = s
                    while k < e {
                        let b = p[k]
                        if b >= 0x41 && b <= 0x5A { uppers += 1 }
                        if b >= 0x80 { nonASCII = true }
                        k += 1
                    }
                    if upper0 { flags |= fCap }
                    shape = uppers == 0 ? 0 : (upper0 && uppers == 1 ? 1 : (uppers == len && len > 1 ? 2 : 3))
                    if nonASCII && uppers == 0 { shape = 3 }
                    var lemma = lower
                    let slot = lexiconTable.find(lower)
                    if slot >= 0 {
                        let entry = lexiconEntries[slot]
                        flags |= entry.flags
                        if entry.lemma != 0 { lemma = entry.lemma }
                    }
                    if lemma == lower && !nonASCII && len >= 4 && len <= 32 {
                        for j in 0..<len {
                            var b = p[s + j]
                            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                            w[j] = b
                        }
                        let m = stem(w, len)
                        if m != len {
                            var h: UInt64 = 0xCBF2_9CE4_8422_2325
                            for j in 0..<m { h = (h ^ UInt64(w[j])) &* 0x100_0000_01B3 }
                            lemma = h
                        }
                    }
                    a.lemma = lemma
                } else if kind == .number {
                    shape = 4
                } else {
                    shape = 5
                    let b = p[s]
                    if b == 0x3A { flags |= fColon }
                    if b == 0x2C { flags |= fComma }
                }
                if kind != .number {
                    let v = cueLexicon.value(a.lemma)
                    a.prior = v & 0x7F
                    if v & TaggerLexicon.core != 0 { flags |= fCue }
                    if v & 7 >= 5 && v & 0x18 != 0 { flags |= fStrong }
                }
                a.shape = shape
                a.flags = flags
                r[i] = a
            }
        }
        }
        }
        }
        }
        }
        return TaggerTokenInfo(attrs: attrs, typeFirstToken: firstToken, firstLocalType: firstLocal)
    }

    /// Distance bucket: 0 none, 1, 2, 3, 4-5, 6-10, 11-20, more.
    @inline(__always)
    static func bucket(_ d: Int) -> UInt64 {
        // Buckets of 0...15, four bits each.
        let packed: UInt64 = 0x6666_6555_5544_3210
        if d < 16 { return d < 0 ? 0 : packed >> (4 * UInt64(d)) & 15 }
        return d <= 20 ? 6 : 7
    }

    /// Weight rows: features are hashed straight into 2^rowBits rows (the hashing trick; training
    /// learns around collisions), so a lookup is one load with no key comparison.
    static let rowBits: UInt64 = 16

    @inline(__always)
    static func row(_ template: UInt64, _ value: UInt64) -> UInt32 {
        // Multiplicative hashing: the top bits of the product depend on every input bit.
        let z = (value ^ (template &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return UInt32(truncatingIfNeeded: z >> (64 - rowBits))
    }


    /// Cheap pair hash for conjunctions (the row hash mixes it further).
    @inline(__always)
    static func pair(_ a: UInt64, _ b: UInt64) -> UInt64 { (a &* 0xD6E8_FEB8_6659_FD93) ^ (b &+ 0x2545_F491_4F6C_DD1D) ^ (b >> 29) }

    /// Reusable per-sentence buffers.
    struct Scratch {
        var nextQuote: [Int32] = []
        var nextCue: [Int32] = []
        var nextStrong: [Int32] = []
    }

    /// Writes `slots` row indices per token of the sentence `lo..<hi` into `out` (n * slots entries).
    /// Rows of the type-level templates for a token as itself.
    @inline(__always)
    static func selfRows(_ a: TaggerTokenAttr, _ o: UnsafeMutablePointer<UInt32>) {
        let suf = a.suffix
        let shape0 = UInt64(a.shape)
        let cue: UInt64 = a.flags & fCue != 0 ? 1 : 0
        o[0] = row(1, a.lower)
        o[1] = row(2, a.lemma)
        o[2] = row(3, suf & 0xFFFF)
        o[3] = row(4, suf & 0xFF_FFFF)
        o[4] = row(5, suf)
        o[5] = row(6, a.prefix)
        o[6] = row(7, shape0 | cue << 8)
        o[7] = row(40, UInt64(a.prior) | shape0 << 8)
    }

    /// Neighbour rows of a token with this word/lemma, grouped by the offset at which it is seen:
    /// [-1: 2 rows, +1: 2 rows, -2, +2, -3, +3].
    @inline(__always)
    static func neighbourRows(_ lower: UInt64, _ lemma: UInt64, _ o: UnsafeMutablePointer<UInt32>) {
        o[0] = row(8, lower)
        o[1] = row(14, lemma)
        o[2] = row(9, lower)
        o[3] = row(15, lemma)
        o[4] = row(10, lower)
        o[5] = row(11, lower)
        o[6] = row(12, lower)
        o[7] = row(13, lower)
    }

    static let boundary: UInt64 = 0x1234_5678

    /// Writes the rows of each token of the sentence `lo..<hi` into `out`: `contextSlots` rows per
    /// token, or `slots` rows per token when `full` (type-level rows too; training).
    static func extract(_ info: TaggerTokenInfo, _ t: TaggerTokens, lo: Int, hi: Int, scratch: inout Scratch,
                        full: Bool = true, into out: UnsafeMutablePointer<UInt32>) {
        let n = hi - lo
        if scratch.nextQuote.count < n {
            scratch.nextQuote = [Int32](repeating: -1, count: n)
            scratch.nextCue = [Int32](repeating: -1, count: n)
            scratch.nextStrong = [Int32](repeating: -1, count: n)
        }
        let stride = full ? slots : contextSlots
        info.attrs.withUnsafeBufferPointer { all in
        t.kind.withUnsafeBufferPointer { kinds in
        scratch.nextQuote.withUnsafeMutableBufferPointer { nextQuote in
        scratch.nextCue.withUnsafeMutableBufferPointer { nextCue in
        scratch.nextStrong.withUnsafeMutableBufferPointer { nextStrong in
            let r = all.baseAddress! + lo
            var hasQuote = false
            var nq: Int32 = -1, nc: Int32 = -1, ns: Int32 = -1
            var j = n - 1
            while j >= 0 {
                nextQuote[j] = nq
                nextCue[j] = nc
                nextStrong[j] = ns
                let f = r[j].flags
                if f & fStrong != 0 { ns = Int32(j) }
                if f & fQuote != 0 { nq = Int32(j); hasQuote = true }
                if f & fCue != 0 { nc = Int32(j) }
                j -= 1
            }
            @inline(__always) func lowerAt(_ j: Int) -> UInt64 { j >= 0 && j < n ? r[j].lower : boundary }
            @inline(__always) func lemmaAt(_ j: Int) -> UInt64 { j >= 0 && j < n ? r[j].lemma : boundary }
            @inline(__always) func shapeAt(_ j: Int) -> UInt64 { j >= 0 && j < n ? UInt64(r[j].shape) : 9 }
            @inline(__always) func flagsAt(_ j: Int) -> UInt16 { j >= 0 && j < n ? r[j].flags : 0 }
            @inline(__always) func priorAt(_ j: Int) -> UInt64 { j >= 0 && j < n ? UInt64(r[j].prior & 7) : 15 }
            let hq: UInt64 = hasQuote ? 1 : 0
            var prevQuote = -1, prevCue = -1, prevColon = -1, prevStrong = -1
            var between: UInt64 = 0
            for j in 0..<n {
                let a = r[j]
                let f = a.flags
                let q: UInt64 = a.inQuote ? 1 : 0
                let cue: UInt64 = f & fCue != 0 ? 1 : 0
                let l0 = a.lemma
                let shape0 = UInt64(a.shape)
                let posStart = bucket(j + 1), posEnd = bucket(n - j)
                let nqj = Int(nextQuote[j]), ncj = Int(nextCue[j])
                let dpq = prevQuote < 0 ? 0 : bucket(j - prevQuote)
                let dnq = nqj < 0 ? 0 : bucket(nqj - j)
                let dpc = prevCue < 0 ? 0 : bucket(j - prevCue)
                let dnc = ncj < 0 ? 0 : bucket(ncj - j)
                let lpc = prevCue < 0 ? 0 : r[prevCue].lemma
                let lnc = ncj < 0 ? 0 : r[ncj].lemma
                let coarsePrev: UInt64 = dpc == 0 ? 0 : (dpc <= 2 ? 1 : (dpc <= 5 ? 2 : 3))
                let coarseNext: UInt64 = dnc == 0 ? 0 : (dnc <= 2 ? 1 : (dnc <= 5 ? 2 : 3))
                let fPrev = flagsAt(j - 1), fNext = flagsAt(j + 1)
                let titles = UInt64(fPrev & fTitle) | UInt64(f & fTitle) << 1 | UInt64(fNext & fTitle) << 2
                var according: UInt64 = 0
                if f & fAccording != 0 && fNext & fTo != 0 { according = 1 }
                if f & fTo != 0 && fPrev & fAccording != 0 { according = 2 }
                let colon = prevColon < 0 ? 0 : bucket(j - prevColon)
                let nextColon: UInt64 = fNext & fColon != 0 ? 1 : 0
                let pron: UInt64 = f & fPronoun != 0 ? 1 : 0
                let prior0 = UInt64(a.prior)
                let o = out + j * stride
                o[0] = row(0, 0)
                o[1] = row(18, shapeAt(j - 1) | shape0 << 8 | shapeAt(j + 1) << 16)
                o[2] = row(19, q | UInt64(kinds[lo + j].rawValue) << 4)
                o[3] = row(20, dpq | q << 4)
                o[4] = row(21, dnq | q << 4)
                o[5] = row(22, dpc | cue << 4)
                o[6] = row(23, dnc | cue << 4)
                o[7] = row(24, pair(lpc, coarsePrev))
                o[8] = row(25, pair(lnc, coarseNext))
                o[9] = row(26, posStart)
                o[10] = row(27, posEnd)
                o[11] = row(28, hq | q << 1 | cue << 2)
                o[12] = row(29, pron | posStart << 1)
                o[13] = row(30, titles)
                o[14] = row(31, according)
                o[15] = row(32, colon | nextColon << 4)
                o[16] = row(33, pair(l0, q))
                o[17] = row(35, cue | shape0 << 1 | posStart << 4)
                o[18] = row(36, between | coarsePrev << 2 | q << 4)
                o[19] = row(39, coarsePrev | coarseNext << 2 | pron << 4 | q << 5 | shape0 << 6)
                o[20] = row(41, priorAt(j - 1) | (prior0 & 7) << 4 | priorAt(j + 1) << 8 | q << 12)
                let nsj = Int(nextStrong[j])
                let dps = prevStrong < 0 ? 0 : bucket(j - prevStrong)
                let dns = nsj < 0 ? 0 : bucket(nsj - j)
                o[21] = row(42, dps | dns << 4 | q << 8)
                // Verb-likeness in a reporting frame: suffix x next word, suffix x previous class,
                // lemma x next-token class.
                let suf2 = a.suffix & 0xFFFF
                let prevClass: UInt64 = j == 0 ? 7 : (fPrev & fPronoun != 0 ? 1 : (fPrev & fTitle != 0 ? 2 : UInt64(r[j - 1].shape) + 3))
                let nextClass: UInt64 = j + 1 >= n ? 0 : (fNext & fThat != 0 ? 1 : (fNext & fQuote != 0 ? 2 : (fNext & fColon != 0 ? 3 : (fNext & fComma != 0 ? 4 : (fNext & fPronoun != 0 ? 5 : UInt64(r[j + 1].shape) + 6)))))
                o[22] = row(43, pair(suf2, lowerAt(j + 1)))
                o[23] = row(44, suf2 | prevClass << 16 | nextClass << 20)
                o[24] = row(45, pair(l0, nextClass | prevClass << 4))
                if full {
                    selfRows(a, o + contextSlots)
                    let x = o + contextSlots + 8
                    x[0] = row(8, lowerAt(j - 1))
                    x[1] = row(14, lemmaAt(j - 1))
                    x[2] = row(9, lowerAt(j + 1))
                    x[3] = row(15, lemmaAt(j + 1))
                    x[4] = row(10, lowerAt(j - 2))
                    x[5] = row(11, lowerAt(j + 2))
                    x[6] = row(12, lowerAt(j - 3))
                    x[7] = row(13, lowerAt(j + 3))
                }
                if f & fQuote != 0 { prevQuote = j }
                if f & fCue != 0 { prevCue = j; between = 0 }
                if f & fComma != 0 { between |= 1 }
                if f & fThat != 0 { between |= 2 }
                if f & fColon != 0 { prevColon = j }
                if f & fStrong != 0 { prevStrong = j }
            }
        }
        }
        }
        }
        }
    }
}

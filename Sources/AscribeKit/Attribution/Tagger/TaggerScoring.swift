// Inference-time emission scores: the context templates of `TaggerFeatures.extract` summed
// straight into each token's label scores, with no row buffer. Templates whose value has a small
// domain are read from a dense table (no hashing per token). Sums stay in 16-bit lanes (one
// SSE2 add per feature, no widening): `TaggerModel` bounds every weight so that the `slots`
// terms of a token cannot overflow. Integer sums do not depend on the order of the terms, so
// scores equal those of `extract` + row loads exactly (checked against that path in debug builds).

extension TaggerFeatures {
    /// Offsets in the dense table of each small-domain template (size in the comment).
    enum Dense {
        static let t19 = 0  // 96: q | kind << 4
        static let t20 = 96  // 32
        static let t21 = 128  // 32
        static let t22 = 160  // 32
        static let t23 = 192  // 32
        static let t26 = 224  // 8
        static let t27 = 232  // 8
        static let t28 = 240  // 8
        static let t29 = 248  // 16
        static let t30 = 264  // 16
        static let t31 = 280  // 4
        static let t32 = 284  // 32
        static let t35 = 316  // 128
        static let t36 = 444  // 32
        static let t39 = 476  // 384
        static let t42 = 860  // 512
        static let t0 = 1372  // 1
        /// Shapes of the previous, own and next token (7 values each: 0-5 and 9, the boundary).
        static let t18 = 1373  // 343
        /// Cue priors of the previous, own and next token (9, 8, 9 values) and in-quote.
        static let t41 = 1716  // 1296
        static let count = 3012
        static let layout: [(template: UInt64, offset: Int, size: Int)] = [
            (19, t19, 96), (20, t20, 32), (21, t21, 32), (22, t22, 32), (23, t23, 32), (26, t26, 8), (27, t27, 8),
            (28, t28, 8), (29, t29, 16), (30, t30, 16), (31, t31, 4), (32, t32, 32), (35, t35, 128), (36, t36, 32),
            (39, t39, 384), (42, t42, 512), (0, t0, 1),
        ]

        /// Index in the dense table of template 18's value from the three shapes (0...5, or 9 outside the sentence).
        @inline(__always)
        static func shapes(_ previous: UInt64, _ own: UInt64, _ next: UInt64) -> Int {
            @inline(__always) func compact(_ s: UInt64) -> Int { s == 9 ? 6 : Int(truncatingIfNeeded: s) }
            return t18 &+ (compact(previous) &* 7 &+ compact(own)) &* 7 &+ compact(next)
        }

        /// Index in the dense table of template 41's value: priors of the neighbours 0...7 or 15 (outside), own 0...7.
        @inline(__always)
        static func priors(_ previous: UInt64, _ own: UInt64, _ next: UInt64, _ q: UInt64) -> Int {
            @inline(__always) func compact(_ p: UInt64) -> Int { p == 15 ? 8 : Int(truncatingIfNeeded: p) }
            return t41 &+ ((compact(previous) &* 8 &+ Int(truncatingIfNeeded: own)) &* 9 &+ compact(next)) &* 2 &+ Int(truncatingIfNeeded: q)
        }
    }

    /// Context templates with hashed rows (the others read `Dense`).
    static let hashedContextSlots = 6

    /// Sign-extends a weight row. Element by element, so that it is inlined and vectorised: the
    /// generic `SIMD8(truncatingIfNeeded:)` stayed a call per row.
    @inline(__always)
    static func widen(_ v: SIMD8<Int16>) -> SIMD8<Int32> {
        SIMD8<Int32>(Int32(v[0]), Int32(v[1]), Int32(v[2]), Int32(v[3]), Int32(v[4]), Int32(v[5]), Int32(v[6]), Int32(v[7]))
    }

    /// Weights of every value of the small-domain templates.
    static func denseTable(_ weights: [Int16]) -> [SIMD8<Int16>] {
        var table = [SIMD8<Int16>](repeating: SIMD8<Int16>(), count: Dense.count)
        for (template, offset, size) in Dense.layout {
            for v in 0..<size {
                let r = Int(row(template, UInt64(v)))
                var x = SIMD8<Int16>()
                for y in 0..<8 { x[y] = weights[r * 8 + y] }
                table[offset + v] = x
            }
        }
        @inline(__always) func fill(_ index: Int, _ template: UInt64, _ value: UInt64) {
            let r = Int(row(template, value))
            var x = SIMD8<Int16>()
            for y in 0..<8 { x[y] = weights[r * 8 + y] }
            table[index] = x
        }
        let shapes: [UInt64] = [0, 1, 2, 3, 4, 5, 9]
        for a in shapes { for b in shapes { for c in shapes {
            fill(Dense.shapes(a, b, c), 18, a | b << 8 | c << 16)
        } } }
        let neighbourPriors: [UInt64] = [0, 1, 2, 3, 4, 5, 6, 7, 15]
        for a in neighbourPriors { for b in UInt64(0)..<8 { for c in neighbourPriors { for q in UInt64(0)..<2 {
            fill(Dense.priors(a, b, c, q), 41, a | b << 4 | c << 8 | q << 12)
        } } } }
        return table
    }

    /// Adds the context-template weights of each token of the sentence `lo..<hi` to `acc`
    /// (n vectors, holding the type-level sums on entry). `weights`: the model's rows of 8 Int16.
    @inline(__always)
    static func addContext(_ attrs: UnsafePointer<TaggerTokenAttr>, _ kinds: UnsafePointer<TaggerTokenKind>, lo: Int, hi: Int,
                           scratch: inout Scratch, weights: UnsafeRawPointer, dense: UnsafePointer<SIMD8<Int16>>,
                           rows: UnsafeMutablePointer<UInt32>, acc: UnsafeMutablePointer<SIMD8<Int16>>) {
        let n = hi - lo
        if scratch.nextQuote.count < n {
            scratch.nextQuote = [Int32](repeating: -1, count: n)
            scratch.nextCue = [Int32](repeating: -1, count: n)
            scratch.nextStrong = [Int32](repeating: -1, count: n)
        }
        @inline(__always) func load(_ row: UInt32) -> SIMD8<Int16> {
            weights.loadUnaligned(fromByteOffset: Int(row) &* 16, as: SIMD8<Int16>.self)
        }
        @inline(__always) func d(_ offset: Int, _ v: UInt64) -> SIMD8<Int16> {
            dense[offset &+ Int(truncatingIfNeeded: v)]
        }
        scratch.nextQuote.withUnsafeMutableBufferPointer { nextQuote in
        scratch.nextCue.withUnsafeMutableBufferPointer { nextCue in
        scratch.nextStrong.withUnsafeMutableBufferPointer { nextStrong in
            let r = attrs + lo
            let kinds = kinds + lo
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
            @inline(__always) func shapeAt(_ j: Int) -> UInt64 { j >= 0 && j < n ? UInt64(r[j].shape) : 9 }
            @inline(__always) func flagsAt(_ j: Int) -> UInt16 { j >= 0 && j < n ? r[j].flags : 0 }
            @inline(__always) func priorAt(_ j: Int) -> UInt64 { j >= 0 && j < n ? UInt64(r[j].prior & 7) : 15 }
            let hq: UInt64 = hasQuote ? 1 : 0
            let constant = dense[Dense.t0]
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
                let nsj = Int(nextStrong[j])
                let dps = prevStrong < 0 ? 0 : bucket(j - prevStrong)
                let dns = nsj < 0 ? 0 : bucket(nsj - j)
                let suf2 = a.suffix & 0xFFFF
                let prevClass: UInt64 = j == 0 ? 7 : (fPrev & fPronoun != 0 ? 1 : (fPrev & fTitle != 0 ? 2 : UInt64(r[j - 1].shape) + 3))
                let nextClass: UInt64 = j + 1 >= n ? 0 : (fNext & fThat != 0 ? 1 : (fNext & fQuote != 0 ? 2 : (fNext & fColon != 0 ? 3 : (fNext & fComma != 0 ? 4 : (fNext & fPronoun != 0 ? 5 : UInt64(r[j + 1].shape) + 6)))))
                // Hashed templates (large domains): only their rows here, loaded in a second pass.
                let o = rows + j &* hashedContextSlots
                o[0] = row(24, pair(lpc, coarsePrev))
                o[1] = row(25, pair(lnc, coarseNext))
                o[2] = row(33, pair(l0, q))
                o[3] = row(43, pair(suf2, lowerAt(j + 1)))
                o[4] = row(44, suf2 | prevClass << 16 | nextClass << 20)
                o[5] = row(45, pair(l0, nextClass | prevClass << 4))
                // Dense templates.
                var t = constant
                t &+= dense[Dense.shapes(shapeAt(j - 1), shape0, shapeAt(j + 1))]
                t &+= dense[Dense.priors(priorAt(j - 1), prior0 & 7, priorAt(j + 1), q)]
                t &+= d(Dense.t19, q | UInt64(kinds[j].rawValue) << 4)
                t &+= d(Dense.t20, dpq | q << 4)
                t &+= d(Dense.t21, dnq | q << 4)
                t &+= d(Dense.t22, dpc | cue << 4)
                t &+= d(Dense.t23, dnc | cue << 4)
                t &+= d(Dense.t26, posStart)
                t &+= d(Dense.t27, posEnd)
                t &+= d(Dense.t28, hq | q << 1 | cue << 2)
                t &+= d(Dense.t29, pron | posStart << 1)
                t &+= d(Dense.t30, titles)
                t &+= d(Dense.t31, according)
                t &+= d(Dense.t32, colon | nextColon << 4)
                t &+= d(Dense.t35, cue | shape0 << 1 | posStart << 4)
                t &+= d(Dense.t36, between | coarsePrev << 2 | q << 4)
                t &+= d(Dense.t39, coarsePrev | coarseNext << 2 | pron << 4 | q << 5 | shape0 << 6)
                t &+= d(Dense.t42, dps | dns << 4 | q << 8)
                acc[j] &+= t
                if f & fQuote != 0 { prevQuote = j }
                if f & fCue != 0 { prevCue = j; between = 0 }
                if f & fComma != 0 { between |= 1 }
                if f & fThat != 0 { between |= 2 }
                if f & fColon != 0 { prevColon = j }
                if f & fStrong != 0 { prevStrong = j }
            }
            // The hashed rows are scattered over a 1 MB table (the size of the L2 cache): a loop of
            // independent loads lets many cache misses overlap, where the loop above (long, with
            // the row arithmetic) kept only a few in flight.
            for j in 0..<n {
                let o = rows + j &* hashedContextSlots
                var s = load(o[0])
                s &+= load(o[1])
                s &+= load(o[2])
                s &+= load(o[3])
                s &+= load(o[4])
                s &+= load(o[5])
                acc[j] &+= s
            }
        }
        }
        }
    }
}

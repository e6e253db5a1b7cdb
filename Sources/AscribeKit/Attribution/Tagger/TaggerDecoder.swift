// First-order Viterbi over the 7 BIO labels, with the BIO constraints built in.

enum TaggerDecoder {
    static let impossible: Float = -1e30

    /// Transition rows (from x to every label; row 7: sentence start) with the BIO constraints
    /// folded in as `impossible`. Computed once per model and document, not per sentence.
    struct Transitions {
        var rows: (SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>, SIMD8<Float>)
        var start: SIMD8<Float>
        var startAllowed: SIMDMask<SIMD8<Int32>>

        init(_ trans: UnsafeBufferPointer<Float>) {
            var r = [SIMD8<Float>](repeating: SIMD8(repeating: impossible), count: 7)
            for x in 0..<TaggerLabel.count {
                for y in 0..<TaggerLabel.count where TaggerLabel.allowed(x, y) { r[x][y] = trans[x * 8 + y] }
            }
            rows = (r[0], r[1], r[2], r[3], r[4], r[5], r[6])
            start = SIMD8<Float>(repeating: 0)
            var allowed = SIMD8<Int32>(repeating: 0)
            for y in 0..<TaggerLabel.count where TaggerLabel.allowedAtStart(y) {
                start[y] = trans[7 * 8 + y]
                allowed[y] = 1
            }
            startAllowed = allowed .!= 0
        }
    }

    /// Best label sequence for `n` tokens given 8 emission scores per token and 8x8 transitions
    /// (row 7: sentence start). `back` is scratch space; the result is written into `labels`.
    static func viterbi(_ em: UnsafeBufferPointer<Float>, n: Int, trans: UnsafeBufferPointer<Float>,
                        labels: inout [UInt8], back: inout [UInt8]) {
        labels.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        if back.count < n * 32 { back = [UInt8](repeating: 0, count: n * 32) }
        labels = [UInt8](repeating: 0, count: n)
        let t = Transitions(trans)
        back.withUnsafeMutableBytes { bp in
            labels.withUnsafeMutableBufferPointer { lp in
                viterbi(UnsafeRawPointer(em.baseAddress!), n: n, t, labels: lp.baseAddress!, back: bp.baseAddress!)
            }
        }
    }

    /// Same, on raw buffers: `em` holds n * 8 floats, `back` n * 8 Int32s; writes n labels.
    @inline(__always)
    static func viterbi(_ raw: UnsafeRawPointer, n: Int, _ t: Transitions, labels: UnsafeMutablePointer<UInt8>,
                        back bp: UnsafeMutableRawPointer) {
        guard n > 0 else { return }
        let first = raw.loadUnaligned(as: SIMD8<Float>.self)
        var score = SIMD8<Float>(repeating: impossible)
        score.replace(with: t.start + first, where: t.startAllowed)
        let r = t.rows
        var k = 1
        while k < n {
            var best = SIMD8<Float>(repeating: score[0]) + r.0
            var arg = SIMD8<Int32>(repeating: 0)
            // Strictly better candidates replace (ties keep the lower label).
            @inline(__always) func step(_ row: SIMD8<Float>, _ x: SIMD8<Int32>, _ s: Float) {
                let cand = SIMD8<Float>(repeating: s) + row
                let better = cand .> best
                best.replace(with: cand, where: better)
                arg.replace(with: x, where: better)
            }
            step(r.1, SIMD8(repeating: 1), score[1])
            step(r.2, SIMD8(repeating: 2), score[2])
            step(r.3, SIMD8(repeating: 3), score[3])
            step(r.4, SIMD8(repeating: 4), score[4])
            step(r.5, SIMD8(repeating: 5), score[5])
            step(r.6, SIMD8(repeating: 6), score[6])
            score = best + raw.loadUnaligned(fromByteOffset: k &* 32, as: SIMD8<Float>.self)
            bp.storeBytes(of: arg, toByteOffset: k &* 32, as: SIMD8<Int32>.self)
            k += 1
        }
        var y = 0
        for x in 1..<TaggerLabel.count where score[x] > score[y] { y = x }
        var j = n - 1
        let b = bp.assumingMemoryBound(to: Int32.self)
        while true {
            labels[j] = UInt8(truncatingIfNeeded: y)
            if j == 0 { break }
            y = Int(b[j &* 8 &+ y])
            j -= 1
        }
    }
}

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

    /// Same, on raw buffers: `em` holds n * 8 floats, `back` room for n * 8 floats (the scores at
    /// each position); writes n labels. The forward pass keeps only maxima (no arg-max bookkeeping
    /// per label); the backtrace recomputes, for the one label it follows, which predecessor gave
    /// the maximum — the same float sums, so the same choice: the lowest label among equals.
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
            bp.storeBytes(of: score, toByteOffset: (k &- 1) &* 32, as: SIMD8<Float>.self)
            var best = SIMD8<Float>(repeating: score[0]) + r.0
            // Lane-wise maximum (the generic `pointwiseMax` is a call per use).
            @inline(__always) func larger(_ candidate: SIMD8<Float>) { best.replace(with: candidate, where: candidate .> best) }
            larger(SIMD8<Float>(repeating: score[1]) + r.1)
            larger(SIMD8<Float>(repeating: score[2]) + r.2)
            larger(SIMD8<Float>(repeating: score[3]) + r.3)
            larger(SIMD8<Float>(repeating: score[4]) + r.4)
            larger(SIMD8<Float>(repeating: score[5]) + r.5)
            larger(SIMD8<Float>(repeating: score[6]) + r.6)
            score = best + raw.loadUnaligned(fromByteOffset: k &* 32, as: SIMD8<Float>.self)
            k += 1
        }
        var y = 0
        for x in 1..<TaggerLabel.count where score[x] > score[y] { y = x }
        var j = n - 1
        let previous = bp.assumingMemoryBound(to: Float.self)
        withUnsafeBytes(of: r) { rowBytes in
            // rows.x[y]: the tuple's SIMD8<Float> elements lie 32 bytes apart.
            let trans = rowBytes.baseAddress!.assumingMemoryBound(to: Float.self)
            while true {
                labels[j] = UInt8(truncatingIfNeeded: y)
                if j == 0 { break }
                let s = previous + (j &- 1) &* 8
                var from = 0
                var top = s[0] + trans[y]
                for x in 1..<TaggerLabel.count {
                    let candidate = s[x] + trans[x &* 8 &+ y]
                    if candidate > top {
                        top = candidate
                        from = x
                    }
                }
                y = from
                j -= 1
            }
        }
    }
}

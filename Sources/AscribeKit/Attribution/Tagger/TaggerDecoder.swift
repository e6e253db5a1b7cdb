// First-order Viterbi over the 7 BIO labels, with the BIO constraints built in.

enum TaggerDecoder {
    static let impossible: Float = -1e30

    /// Best label sequence for `n` tokens given 8 emission scores per token and 8x8 transitions
    /// (row 7: sentence start). `back` is scratch space; the result is written into `labels`.
    static func viterbi(_ em: UnsafeBufferPointer<Float>, n: Int, trans: UnsafeBufferPointer<Float>,
                        labels: inout [UInt8], back: inout [UInt8]) {
        labels.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let L = TaggerLabel.count
        if back.count < n * 8 { back = [UInt8](repeating: 0, count: n * 8) }
        // Transition rows (from x to every label) with the BIO constraints folded in.
        var rows = [SIMD8<Float>](repeating: SIMD8(repeating: impossible), count: 8)
        for x in 0..<L {
            for y in 0..<L where TaggerLabel.allowed(x, y) { rows[x][y] = trans[x * 8 + y] }
        }
        let raw = UnsafeRawPointer(em.baseAddress!)
        var score = SIMD8<Float>(repeating: impossible)
        let first = raw.loadUnaligned(as: SIMD8<Float>.self)
        for y in 0..<L where TaggerLabel.allowedAtStart(y) { score[y] = trans[7 * 8 + y] + first[y] }
        labels = [UInt8](repeating: 0, count: n)
        back.withUnsafeMutableBytes { bp in
            var t = 1
            while t < n {
                var best = SIMD8<Float>(repeating: score[0]) + rows[0]
                var arg = SIMD8<Int32>(repeating: 0)
                for x in 1..<L {
                    let cand = SIMD8<Float>(repeating: score[x]) + rows[x]
                    let better = cand .> best
                    best.replace(with: cand, where: better)
                    arg.replace(with: Int32(x), where: better)
                }
                score = best + raw.loadUnaligned(fromByteOffset: t * 32, as: SIMD8<Float>.self)
                bp.storeBytes(of: SIMD8<UInt8>(truncatingIfNeeded: arg), toByteOffset: t * 8, as: SIMD8<UInt8>.self)
                t += 1
            }
            var y = 0
            for x in 1..<L where score[x] > score[y] { y = x }
            var k = n - 1
            while true {
                labels[k] = UInt8(truncatingIfNeeded: y)
                if k == 0 { break }
                y = Int(bp[k * 8 + y])
                k -= 1
            }
        }
    }
}

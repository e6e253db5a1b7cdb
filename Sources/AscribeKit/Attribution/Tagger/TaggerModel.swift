import Glibc

// The tagger model: an open-addressing table from feature key to 8 weights (7 labels + padding),
// label transitions, and the cue lexicon learned from training data. Parsed from the compact
// text form that is embedded in the binary.

/// Labels: BIO over source, cue and content.
enum TaggerLabel {
    static let o = 0, bSource = 1, iSource = 2, bCue = 3, iCue = 4, bContent = 5, iContent = 6
    static let count = 7
    static let names = ["O", "B-SRC", "I-SRC", "B-CUE", "I-CUE", "B-CON", "I-CON"]

    /// I-X may only follow B-X or I-X.
    @inline(__always)
    static func allowed(_ from: Int, _ to: Int) -> Bool {
        if to == iSource || to == iCue || to == iContent { return from == to || from == to - 1 }
        return true
    }

    @inline(__always)
    static func allowedAtStart(_ to: Int) -> Bool { !(to == iSource || to == iCue || to == iContent) }
}

/// Open-addressing map from 40-bit feature keys (never 0) to slots.
struct TaggerKeyTable: Sendable {
    var keys: [UInt64]
    var mask: Int

    init(capacityFor count: Int) {
        var cap = 16
        while cap < count * 2 { cap <<= 1 }
        keys = [UInt64](repeating: 0, count: cap)
        mask = cap - 1
    }

    @inline(__always)
    static func start(_ key: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 24) & mask }

    /// Slot of `key`, inserting it when absent.
    mutating func insert(_ key: UInt64) -> Int {
        var s = Self.start(key, mask)
        while true {
            let k = keys[s]
            if k == key { return s }
            if k == 0 {
                keys[s] = key
                return s
            }
            s = (s + 1) & mask
        }
    }

    @inline(__always)
    func find(_ key: UInt64) -> Int {
        if key == 0 { return -1 }
        var s = Self.start(key, mask)
        while true {
            let k = keys[s]
            if k == key { return s }
            if k == 0 { return -1 }
            s = (s + 1) & mask
        }
    }
}

/// Lemma hash -> cue prior (bits 0-4: how often the lemma is a cue in training, bucketed;
/// bit 7: member of the core cue lexicon).
struct TaggerLexicon: Sendable {
    var table: TaggerKeyTable
    var values: [UInt8]
    static let core: UInt8 = 0x80

    init(_ entries: [(UInt64, UInt8)]) {
        table = TaggerKeyTable(capacityFor: entries.count)
        values = [UInt8](repeating: 0, count: table.keys.count)
        for (k, v) in entries where k != 0 { values[table.insert(k)] = v }
    }

    @inline(__always)
    func value(_ key: UInt64) -> UInt8 {
        let s = table.find(key)
        return s < 0 ? 0 : values[s]
    }
}

struct TaggerModel: Sendable {
    /// 8 quantized weights per row (7 labels + padding); `1 << TaggerFeatures.rowBits` rows.
    var weights: [Int16]
    /// Multiply summed weights by this to get scores.
    var unit: Float
    /// transitions[from * 8 + to]; row 7 is the sentence start.
    var transitions: [Float]
    var cueLexicon: TaggerLexicon
    var vocabulary = TaggerVocabulary.empty
    /// Added to the emission scores (in score units): shifts the precision/recall balance.
    var labelBias = SIMD8<Float>()
    /// Widened weights of the small-domain context templates (`TaggerFeatures.Dense`).
    var dense: [SIMD8<Int16>] = []

    static var rowCount: Int { 1 << Int(TaggerFeatures.rowBits) }

    // MARK: Text form
    //
    // tagger-model 2
    // scale <int>                      weights are integers / scale
    // cue <base36 lemma hash> ...      cue lexicon
    // trans <64 ints, comma separated>
    // bias <8 ints, comma separated>   optional, added to emissions
    // <base36 row> <w0>,<w1>,...,<w6>  one line per non-zero row; zero weights left empty
    // rows64 <base64>                  or: the rows packed, 16 bytes each (row id, then the 7
    //                                  weights; UInt16 and Int16 little-endian), base64 over
    //                                  lines of their own: decoding is some 10x cheaper than
    //                                  reading decimal text, and the model loads at every start
    //                                  (rows after every header line)

    static func parse(_ text: String) -> TaggerModel {
        var text = text
        return text.withUTF8 { p -> TaggerModel in
            var scale: Float = 1
            var cue: [(UInt64, UInt8)] = []
            var trans = [Float](repeating: 0, count: 64)
            var bias = SIMD8<Float>()
            var vocabLine = 0..<0
            var weights = [Int16](repeating: 0, count: rowCount * 8)
            // Header lines come first; from the first row line on, every line is a row. (A row id
            // may spell a keyword: row 16646 is "cue" in base 36.)
            var header = true
            var s = 0
            let base = p.baseAddress!
            while s < p.count {
                let e = memchr(base + s, 0x0A, p.count - s).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? p.count
                defer { s = e + 1 }
                guard e > s else { continue }
                let word = readWord(p, s, e)
                if header {
                    @inline(__always) func isKeyword(_ k: StaticString) -> Bool {
                        word - s == k.utf8CodeUnitCount && memcmp(base + s, k.utf8Start, word - s) == 0
                    }
                    if isKeyword("scale") {
                        scale = Float(parseInt(p, word + 1, e).value)
                        continue
                    } else if isKeyword("cue") {
                        var k = word + 1
                        while k < e {
                            let we = readWord(p, k, e)
                            var colon = k
                            while colon < we && p[colon] != 0x3A { colon += 1 }
                            cue.append((parseBase36(p, k, colon), UInt8(clamping: parseInt(p, colon + 1, we).value)))
                            k = we + 1
                        }
                        continue
                    } else if isKeyword("vocab") {
                        vocabLine = (word + 1)..<e
                        continue
                    } else if isKeyword("bias") {
                        for (n, v) in parseInts(p, word + 1, e, limit: 8).enumerated() { bias[n] = Float(v) }
                        continue
                    } else if isKeyword("rows64") {
                        weights.withUnsafeMutableBufferPointer { packedRows(UnsafeBufferPointer(rebasing: p[(word + 1)..<e]), into: $0.baseAddress!) }
                        continue
                    } else if isKeyword("tagger-model") {
                        continue
                    } else if isKeyword("trans") {
                        for (n, v) in parseInts(p, word + 1, e, limit: 64).enumerated() { trans[n] = Float(v) }
                        continue
                    }
                    header = false
                }
                let row = Int(parseBase36(p, s, word) & UInt64(rowCount - 1))
                var k = word + 1
                var label = 0
                while k <= e && label < TaggerLabel.count {
                    if k == e || p[k] == 0x2C {
                        k += 1
                        label += 1
                        continue
                    }
                    let (v, end) = parseInt(p, k, e)
                    weights[row * 8 + label] = Int16(max(-TaggerFeatures.maxWeight, min(TaggerFeatures.maxWeight, v)))
                    k = end + 1
                    label += 1
                }
            }
            let unit = 1 / max(scale, 1)
            for n in 0..<64 { trans[n] *= unit }
            var model = TaggerModel(weights: weights, unit: unit, transitions: trans, cueLexicon: TaggerLexicon(cue),
                                    labelBias: bias * unit)
            model.vocabulary = buildVocabulary(UnsafeBufferPointer(rebasing: p[vocabLine]), model)
            model.dense = TaggerFeatures.denseTable(weights)
            return model
        }
    }

    /// Bytes of one packed row.
    static let packedRowSize = 16

    /// Decodes one "rows64" line (base64 of whole packed rows) into `weights`. A line with a
    /// character outside the alphabet (padding "=" aside) is ignored.
    static func packedRows(_ text: UnsafeBufferPointer<UInt8>, into weights: UnsafeMutablePointer<Int16>) {
        guard let text = text.baseAddress.map({ UnsafeBufferPointer(start: $0, count: text.count) }) else { return }
        var count = text.count
        while count > 0 && text[count - 1] == 0x3D { count -= 1 }  // "=" padding
        let groups = count / 4
        let tail = count - groups * 4  // 2 or 3 characters: 1 or 2 more bytes.
        guard tail != 1 else { return }
        let size = groups * 3 + max(0, tail - 1)
        let limit = Int16(TaggerFeatures.maxWeight)
        Base64.decoding.withUnsafeBufferPointer { table in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size + 3) { buffer in
                let table = table.baseAddress!, bytes = buffer.baseAddress!, chars = text.baseAddress!
                var invalid: UInt8 = 0
                @inline(__always) func value(_ k: Int) -> UInt32 {
                    let v = k < count ? table[Int(chars[k])] : 0
                    invalid |= v
                    return UInt32(v)
                }
                for g in 0..<(groups + (tail > 0 ? 1 : 0)) {
                    let k = 4 &* g
                    let group = value(k) << 18 | value(k &+ 1) << 12 | value(k &+ 2) << 6 | value(k &+ 3)
                    bytes[3 &* g] = UInt8(truncatingIfNeeded: group >> 16)
                    bytes[3 &* g &+ 1] = UInt8(truncatingIfNeeded: group >> 8)
                    bytes[3 &* g &+ 2] = UInt8(truncatingIfNeeded: group)
                }
                // Alphabet values are below 64; the 255 of anything else sets the top bits.
                guard invalid < 64 else { return }
                var k = 0
                while k + packedRowSize <= size {
                    let row = Int(UInt16(bytes[k]) | UInt16(bytes[k + 1]) << 8) & (rowCount - 1)
                    for label in 0..<TaggerLabel.count {
                        let w = Int16(bitPattern: UInt16(bytes[k + 2 + 2 * label]) | UInt16(bytes[k + 3 + 2 * label]) << 8)
                        weights[row &* 8 &+ label] = max(-limit, min(limit, w))
                    }
                    k += packedRowSize
                }
            }
        }
    }

    /// The rows with a non-zero weight as "rows64" lines (see `packedRows`).
    static func packedRowLines(_ rows: [(row: Int, weights: [Int])]) -> [String] {
        let rowsPerLine = 6  // 96 bytes: 128 base64 characters, no padding.
        var lines: [String] = []
        var start = 0
        while start < rows.count {
            var bytes: [UInt8] = []
            for (row, weights) in rows[start..<min(rows.count, start + rowsPerLine)] {
                bytes.append(UInt8(row & 0xFF))
                bytes.append(UInt8(row >> 8 & 0xFF))
                for label in 0..<TaggerLabel.count {
                    let w = UInt16(bitPattern: Int16(weights[label]))
                    bytes.append(UInt8(w & 0xFF))
                    bytes.append(UInt8(w >> 8))
                }
            }
            lines.append("rows64 " + Base64.encode(bytes))
            start += rowsPerLine
        }
        return lines
    }

    /// Attributes and weight sums of the vocabulary words (space-separated tokens).
    static func buildVocabulary(_ p: UnsafeBufferPointer<UInt8>, _ model: TaggerModel) -> TaggerVocabulary {
        guard p.count > 0 else { return .empty }
        let tokens = TaggerTokenizer.tokenize(p)
        let info = TaggerFeatures.info(p, tokens, cueLexicon: model.cueLexicon)
        var table = TaggerKeyTable(capacityFor: tokens.count)
        var index = [Int32](repeating: -1, count: table.keys.count)
        var attrs: [TaggerTokenAttr] = []
        var sums: [SIMD8<Int16>] = []
        var tmp = [SIMD8<Int16>](repeating: SIMD8<Int16>(), count: 7)
        model.weights.withUnsafeBufferPointer { w in
            for i in 0..<tokens.count {
                let s = tokens.start[i], e = tokens.end[i]
                // Whole words only (a vocabulary entry the tokenizer splits is skipped).
                guard s == 0 || p[s - 1] == 0x20, e == p.count || p[e] == 0x20 else { continue }
                let key = TaggerFeatures.typeKey(p, s, e)
                let slot = table.insert(key)
                guard index[slot] < 0 else { continue }
                var a = info.attrs[i]
                a.type = Int32(attrs.count)
                a.inQuote = false
                a.flags &= ~TaggerFeatures.fQuote
                index[slot] = Int32(attrs.count)
                attrs.append(a)
                tmp.withUnsafeMutableBufferPointer { AttributionTagger.typeSums(a, weights: w, into: $0.baseAddress!) }
                sums.append(contentsOf: tmp)
            }
        }
        return TaggerVocabulary(table: table, index: index, attrs: attrs, sums: sums)
    }

    private static func readWord(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
        var k = s
        while k < e && p[k] != 0x20 { k += 1 }
        return k
    }

    /// The comma-separated integers of `s..<e`, at most `limit` of them.
    private static func parseInts(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int, limit: Int) -> [Int] {
        var values: [Int] = []
        var k = s
        while k < e && values.count < limit {
            let (v, end) = parseInt(p, k, e)
            values.append(v)
            k = end + 1
        }
        return values
    }

    /// Parses a signed decimal integer at `s`; returns it and the index after it.
    private static func parseInt(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> (value: Int, end: Int) {
        var k = s
        var neg = false
        if k < e && p[k] == 0x2D {
            neg = true
            k += 1
        }
        var v = 0
        while k < e, p[k] >= 0x30, p[k] <= 0x39, v < 1 << 40 {
            v = v * 10 + Int(p[k] - 0x30)
            k += 1
        }
        return (neg ? -v : v, k)
    }

    private static func parseBase36(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in s..<max(s, e) {
            let b = p[k]
            let d: UInt64
            if b >= 0x30 && b <= 0x39 { d = UInt64(b - 0x30) } else if b >= 0x61 && b <= 0x7A { d = UInt64(b - 0x61 + 10) } else { continue }
            v = v &* 36 &+ d
        }
        return v
    }

    static func base36(_ v: UInt64) -> String {
        if v == 0 { return "0" }
        var v = v
        var digits: [UInt8] = []
        while v > 0 {
            let d = UInt8(v % 36)
            digits.append(d < 10 ? 0x30 + d : 0x61 + d - 10)
            v /= 36
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }
}

/// Standard base64 (RFC 4648 alphabet), for the packed model rows.
enum Base64 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Character → 6-bit value; 255 for characters outside the alphabet (and for "=").
    static let decoding: [UInt8] = {
        var table = [UInt8](repeating: 255, count: 256)
        for (n, c) in alphabet.enumerated() { table[Int(c)] = UInt8(n) }
        return table
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var k = 0
        while k < bytes.count {
            let b0 = UInt32(bytes[k])
            let b1 = k + 1 < bytes.count ? UInt32(bytes[k + 1]) : 0
            let b2 = k + 2 < bytes.count ? UInt32(bytes[k + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(group >> 18 & 63)])
            out.append(alphabet[Int(group >> 12 & 63)])
            out.append(k + 1 < bytes.count ? alphabet[Int(group >> 6 & 63)] : 0x3D)
            out.append(k + 2 < bytes.count ? alphabet[Int(group & 63)] : 0x3D)
            k += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}

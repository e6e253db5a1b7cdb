/// Substring search on UTF-8 bytes: the one implementation every stage uses (class words,
/// sniffing, furniture phrases, metadata), instead of Foundation's Unicode-aware `range(of:)`.
enum ByteSearch {
    /// True when `needle` occurs in `haystack` (an empty needle occurs everywhere).
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard haystack.count >= n else { return false }
        let first = needle[0]
        var i = 0
        let last = haystack.count - n
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < n && haystack[i + k] == needle[k] { k += 1 }
                if k == n { return true }
            }
            i += 1
        }
        return false
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in contains(h, n) } }
    }

    static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { h in needle.withUnsafeBufferPointer { n in contains(h, n) } }
    }

    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var haystack = haystack
        var needle = needle
        return haystack.withUTF8 { h in needle.withUTF8 { n in contains(h, n) } }
    }

    /// `haystack.contains(needle)` as `String` answers it (grapheme by grapheme), found on bytes
    /// when both are ASCII and the needle neither starts with "\n" nor ends with "\r": then every
    /// grapheme is one byte except "\r\n", which a byte match can only cover whole. Otherwise
    /// `String`'s own search, which costs a hundred times more.
    static func stringContains(_ haystack: String, _ needle: String) -> Bool {
        let ascii = haystack.utf8.allSatisfy { $0 < 0x80 } && needle.utf8.allSatisfy { $0 < 0x80 }
        guard ascii, needle.utf8.first != 0x0A, needle.utf8.last != 0x0D else { return haystack.contains(needle) }
        return contains(haystack, needle)
    }

    /// True when the lower-case `needle` stands in `bytes` at `index`, ASCII case-insensitive
    /// (the caller checks that enough bytes remain).
    @inline(__always)
    static func matchesLowercased(_ bytes: ArraySlice<UInt8>, at index: Int, _ needle: [UInt8]) -> Bool {
        var k = 0
        while k < needle.count {
            var d = bytes[index + k]
            if d >= 0x41 && d <= 0x5A { d += 0x20 }
            if d != needle[k] { return false }
            k += 1
        }
        return true
    }

    /// Index of the first occurrence of the lower-case `needle` in `bytes`, ASCII case-insensitive.
    static func firstIndexLowercased(of needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        let found: Int? = bytes.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                let m = n.count
                let first = n[0]
                // An upper-case letter lower-cases to the needle's first byte only when that byte is a small letter.
                if first >= 0x41 && first <= 0x5A { return nil }  // a lower-cased byte is never a capital
                let firstUpper = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
                let last = h.count - m
                var i = 0
                while i <= last {
                    let b = h[i]
                    if b == first || b == firstUpper {
                        var k = 1
                        while k < m {
                            var d = h[i + k]
                            if d >= 0x41 && d <= 0x5A { d += 0x20 }
                            if d != n[k] { break }
                            k += 1
                        }
                        if k == m { return i }
                    }
                    i += 1
                }
                return nil
            }
        }
        return found.map { bytes.startIndex + $0 }
    }
}

/// A fixed list of needles (two bytes or longer) searched for together: a table of the needles'
/// first two bytes rejects most positions of a text with one load, and only the needles that
/// start with a position's byte are compared there.
struct ByteNeedles: Sendable {
    let needles: [[UInt8]]
    private let pairs: [Bool]
    /// Per first byte: indices into `needles`, in list order.
    private let byFirst: [[Int]]

    init(_ needles: [[UInt8]]) {
        precondition(needles.allSatisfy { $0.count >= 2 })
        self.needles = needles
        var pairs = [Bool](repeating: false, count: 1 << 16)
        var byFirst = [[Int]](repeating: [], count: 256)
        for (k, n) in needles.enumerated() {
            pairs[Int(n[0]) << 8 | Int(n[1])] = true
            byFirst[Int(n[0])].append(k)
        }
        self.pairs = pairs
        self.byFirst = byFirst
    }

    /// The smallest end index (one past the last byte) of any needle found in `hay`: a needle's
    /// first occurrence ends before its later ones, so the scan stops once no later match can end
    /// earlier.
    func firstEnd(in hay: ArraySlice<UInt8>) -> Int? {
        hay.withUnsafeBufferPointer { firstEnd(in: $0) }.map { hay.startIndex + $0 }
    }

    /// Whether any needle occurs in `hay` (case-sensitive).
    func occurs(in hay: UnsafeBufferPointer<UInt8>) -> Bool { firstEnd(in: hay) != nil }

    /// `firstEnd` as an offset into `h`.
    private func firstEnd(in h: UnsafeBufferPointer<UInt8>) -> Int? {
        pairs.withUnsafeBufferPointer { pairs in
            let n = h.count
            var best = Int.max
            var i = 0
            while i + 1 < n && i < best {
                if pairs[Int(h[i]) << 8 | Int(h[i + 1])] {
                    for k in byFirst[Int(h[i])] {
                        let needle = needles[k]
                        guard n - i >= needle.count else { continue }
                        var j = 1
                        while j < needle.count && h[i + j] == needle[j] { j += 1 }
                        if j == needle.count && i + j < best { best = i + j }
                    }
                }
                i += 1
            }
            return best == Int.max ? nil : best
        }
    }
}

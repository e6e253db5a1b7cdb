/// Byte-level tests for the single metadata pass: class/id/itemprop word flags, attribute words and
/// text-node ends, all without making Strings or lower-casing copies.
extension MetadataBytes {
    static let dateFlag: UInt8 = 1
    static let authorFlag: UInt8 = 2
    static let commentFlag: UInt8 = 4
    static let bioFlag: UInt8 = 8
    static let weakFlag: UInt8 = 16
    static let publishFlag: UInt8 = 32

    /// Lower-case needles grouped by first byte, each with the flags it sets.
    private static let flagTable: [[(needle: [UInt8], flags: UInt8)]] = {
        var table = [[(needle: [UInt8], flags: UInt8)]](repeating: [], count: 256)
        func add(_ words: [String], _ flags: UInt8) {
            for w in words {
                let bytes = Array(w.utf8)
                table[Int(bytes[0])].append((bytes, flags))
            }
        }
        add(["date", "datum", "time", "posted", "created", "submitted", "dateline", "zeit", "fecha"], dateFlag)
        // "entry-date updated" (hAtom): the publication stamp, also marked as the feed's update time.
        add(["publish", "entry-date"], dateFlag | publishFlag)
        add(["author", "byline", "username", "autor", "auteur", "writer", "verfasser", "creator"], authorFlag)
        add(["comment"], commentFlag)
        add(["author-bio", "authorbio", "author-box", "authorbox"], bioFlag)
        add(["updat", "modif"], weakFlag)
        return table
    }()

    /// Whether some needle starts with the (lower-cased) byte pair, indexed by `first << 8 | second`:
    /// most positions of a class name are rejected by this one load (every needle has four bytes or more).
    private static let pairStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 1 << 16)
        for entries in flagTable {
            for (needle, _) in entries {
                precondition(needle.count >= 2)
                table[Int(needle[0]) << 8 | Int(needle[1])] = true
            }
        }
        return table
    }()

    /// ASCII letters lower-cased, every other byte as is.
    static let asciiLower: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for b in 0..<256 { table[b] = UInt8(b) }
        for b in 0x41...0x5A { table[b] = UInt8(b + 0x20) }
        return table
    }()

    /// The flags of every needle found in `bytes`, ASCII case-insensitive. Works on the buffer
    /// (no bounds checks per byte): most positions are rejected by one pair-table load.
    static func classFlags(_ bytes: ArraySlice<UInt8>) -> UInt8 {
        // Every needle has four bytes or more.
        guard bytes.count >= 4 else { return 0 }
        return bytes.withUnsafeBufferPointer { p in
            pairStarts.withUnsafeBufferPointer { pairs in
                asciiLower.withUnsafeBufferPointer { lower in
                    var flags: UInt8 = 0
                    let n = p.count
                    let last = n - 4
                    var i = 0
                    var c = lower[Int(p[0])]
                    while i <= last {
                        let d = lower[Int(p[i + 1])]
                        if pairs[Int(c) << 8 | Int(d)] {
                            for (needle, f) in flagTable[Int(c)] where flags & f != f && n - i >= needle.count {
                                var k = 1
                                while k < needle.count && lower[Int(p[i + k])] == needle[k] { k += 1 }
                                if k == needle.count { flags |= f }
                            }
                        }
                        c = d
                        i += 1
                    }
                    return flags
                }
            }
        }
    }

    /// Index just past the first of the lower-case needles found in `bytes` (ASCII case-insensitive).
    static func firstIndex(ofAnyLower needles: [[UInt8]], in bytes: ArraySlice<UInt8>) -> Int? {
        let found: Int? = bytes.withUnsafeBufferPointer { h in
            asciiLower.withUnsafeBufferPointer { lower in
                let end = h.count
                var i = 0
                while i < end {
                    let c = lower[Int(h[i])]
                    for needle in needles where end - i >= needle.count && needle[0] == c {
                        var k = 1
                        while k < needle.count && lower[Int(h[i + k])] == needle[k] { k += 1 }
                        if k == needle.count { return i + needle.count }
                    }
                    i += 1
                }
                return nil
            }
        }
        return found.map { bytes.startIndex + $0 }
    }

    /// Whether `bytes` contain the lower-case `needle`, ASCII case-insensitive.
    static func containsLower(_ bytes: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        ByteSearch.firstIndexLowercased(of: needle, in: bytes) != nil
    }

    /// Whether the space-separated list `bytes` ("nofollow author") holds the lower-case word, ASCII case-insensitive.
    static func hasWord(_ bytes: ArraySlice<UInt8>, _ word: [UInt8]) -> Bool {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            while i < end, bytes[i] <= 0x20 { i += 1 }
            let s = i
            while i < end, bytes[i] > 0x20 { i += 1 }
            if i - s == word.count {
                var k = 0
                while k < word.count {
                    var d = bytes[s + k]
                    if d >= 0x41 && d <= 0x5A { d += 0x20 }
                    if d != word[k] { break }
                    k += 1
                }
                if k == word.count { return true }
            }
        }
        return false
    }

    /// Whether an ASCII digit occurs, eight bytes at a time (SWAR: a byte `b` is a digit when
    /// `b ^ 0x30 < 10`, and `x - 0x0A…` borrows into a byte's top bit only below 10).
    static func containsDigit(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            var i = 0
            if let base = p.baseAddress {
                while n - i >= 8 {
                    let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) ^ 0x3030_3030_3030_3030
                    if (x &- 0x0A0A_0A0A_0A0A_0A0A) & ~x & 0x8080_8080_8080_8080 != 0 { return true }
                    i += 8
                }
            }
            while i < n {
                if p[i] >= 0x30 && p[i] <= 0x39 { return true }
                i += 1
            }
            return false
        }
    }

    /// The last byte that is not ASCII white space or a no-break space.
    @inline(__always) static func lastVisible(_ bytes: ArraySlice<UInt8>) -> UInt8? {
        var i = bytes.endIndex
        while i > bytes.startIndex {
            i -= 1
            let b = bytes[i]
            if b != 0x20 && b != 0x0A && b != 0x09 && b != 0x0D && b != 0xA0 { return b }
        }
        return nil
    }

    /// First letters of byline openers ("By", "Von", "Autor:", "Text:", "Posted by", …).
    static let bylineFirstLetters: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for b in "BbVvAaTtPpWwEeGgDdFfRr".utf8 { t[Int(b)] = true }
        return t
    }()
}

/// A fixed set of short byte strings, looked up by a byte range without making a String or an
/// Array per lookup (class and id words are checked for every element of a page).
///
/// Open addressing on FNV-1a hashes; a hash hit is confirmed by comparing the bytes, so the set
/// answers exactly as `Set<String>` would for the same UTF-8 words.
struct ByteWordSet: Sendable {
    private var hashes: [UInt64]
    private var words: [[UInt8]]
    private let mask: Int

    init(_ members: some Collection<String>) {
        var size = 16
        while size < members.count * 4 { size <<= 1 }
        hashes = [UInt64](repeating: 0, count: size)
        words = [[UInt8]](repeating: [], count: size)
        mask = size - 1
        for member in members {
            let bytes = Array(member.utf8)
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0, continuing: Self.offsetBasis) }
            var i = Self.slot(hash, mask)
            while !words[i].isEmpty && words[i] != bytes { i = (i + 1) & mask }
            hashes[i] = hash
            words[i] = bytes
        }
    }

    static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func hash(_ bytes: UnsafeBufferPointer<UInt8>, continuing hash: UInt64) -> UInt64 {
        var h = hash
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    @inline(__always) private static func slot(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    }

    /// Whether the bytes of `first` followed by those of `second` are a member.
    func contains(_ first: UnsafeBufferPointer<UInt8>, followedBy second: UnsafeBufferPointer<UInt8> = .init(start: nil, count: 0)) -> Bool {
        let count = first.count + second.count
        guard count > 0 else { return false }
        let hash = Self.hash(second, continuing: Self.hash(first, continuing: Self.offsetBasis))
        var i = Self.slot(hash, mask)
        while !words[i].isEmpty {
            if hashes[i] == hash, words[i].count == count,
                words[i].withUnsafeBufferPointer({ w in
                    first.indices.allSatisfy { w[$0] == first[$0] } && second.indices.allSatisfy { w[first.count + $0] == second[$0] }
                })
            {
                return true
            }
            i = (i + 1) & mask
        }
        return false
    }
}

/// Converts UTF-8 byte offsets of a string into Unicode-scalar offsets (the JSON contract's unit).
///
/// Built once per text by one byte scan; each lookup is a binary search over the positions of
/// non-ASCII scalars, so ASCII-only text costs nothing.
public struct TextOffsets: Sendable {
    /// UTF-8 offsets of the lead bytes of multi-byte scalars, ascending.
    private var multiByteStarts: [Int] = []
    /// For each entry of `multiByteStarts`: extra bytes (length − 1) of that scalar.
    private var cumulativeExtra: [Int] = []

    public init(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var extra = 0
            var i = 0
            let n = bytes.count
            let base = UnsafeRawPointer(bytes.baseAddress)
            while i < n {
                // Eight ASCII bytes at a time: most text is ASCII between its multi-byte scalars.
                if i &+ 8 <= n, base.unsafelyUnwrapped.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i &+= 8
                    continue
                }
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    continue
                }
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
                extra += length - 1
                multiByteStarts.append(i)
                cumulativeExtra.append(extra)
                i += length
            }
        }
    }

    /// The scalar offset of UTF-8 offset `utf8Offset` (which must lie on a scalar boundary).
    public func scalarOffset(_ utf8Offset: Int) -> Int {
        // Count multi-byte scalars starting before utf8Offset.
        var low = 0
        var high = multiByteStarts.count
        while low < high {
            let mid = (low + high) / 2
            if multiByteStarts[mid] < utf8Offset { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? utf8Offset : utf8Offset - cumulativeExtra[low - 1]
    }
}

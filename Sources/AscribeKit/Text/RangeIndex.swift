/// Ranges sorted by start, answering "which stored ranges overlap this one" in logarithmic time
/// plus the size of the answer — so pairing thousands of attributions in one long text stays
/// linear instead of quadratic.
struct RangeIndex: Sendable {
    private var starts: [Int] = []
    private var items: [(range: Range<Int>, id: Int)] = []
    private var longest = 0

    init(_ entries: [(range: Range<Int>, id: Int)]) {
        items = entries.sorted { $0.range.lowerBound < $1.range.lowerBound }
        // One plain loop, not `map(\.range.lowerBound)`: the optimiser left those key paths to
        // `swift_getAtKeyPath`, about 1000 instructions per element.
        starts.reserveCapacity(items.count)
        for item in items {
            starts.append(item.range.lowerBound)
            longest = max(longest, item.range.count)
        }
    }

    /// Ids of the stored ranges that overlap `range`.
    func overlapping(_ range: Range<Int>) -> [Int] {
        guard !items.isEmpty, !range.isEmpty else { return [] }
        // First candidate: starts no earlier than range.lowerBound - longest.
        var lo = 0
        var hi = starts.count
        let from = range.lowerBound - longest
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < from { lo = mid + 1 } else { hi = mid }
        }
        var out: [Int] = []
        var k = lo
        while k < items.count && starts[k] < range.upperBound {
            if items[k].range.overlaps(range) { out.append(items[k].id) }
            k += 1
        }
        return out
    }
}

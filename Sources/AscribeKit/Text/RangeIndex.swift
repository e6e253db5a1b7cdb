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

    /// Calls `body` with the id of every stored range overlapping `range`, in start order.
    func forEachOverlap(_ range: Range<Int>, _ body: (Int) -> Void) {
        _ = firstOverlap(range) { body($0); return false }
    }

    /// Whether some stored range overlapping `range` has an id passing `test`, without
    /// collecting the ids into an array (one allocation per query in the attribution merge).
    func containsOverlap(_ range: Range<Int>, where test: (Int) -> Bool) -> Bool {
        firstOverlap(range, test)
    }

    /// Visits the ids of the ranges overlapping `range` in start order until `visit` returns true.
    private func firstOverlap(_ range: Range<Int>, _ visit: (Int) -> Bool) -> Bool {
        guard !items.isEmpty, !range.isEmpty else { return false }
        // First candidate: starts no earlier than range.lowerBound - longest.
        var lo = 0
        var hi = starts.count
        let from = range.lowerBound - longest
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < from { lo = mid + 1 } else { hi = mid }
        }
        var k = lo
        while k < items.count && starts[k] < range.upperBound {
            if items[k].range.overlaps(range), visit(items[k].id) { return true }
            k += 1
        }
        return false
    }
}

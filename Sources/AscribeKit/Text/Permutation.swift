extension Array {
    /// Reorders the elements so that position k holds the element that was at `order[k]`
    /// (`order` is a permutation of the indices). By swaps, following each cycle once: elements
    /// are moved, never copied (`order.map { self[$0] }` copied each, retaining the arrays and
    /// strings a struct holds).
    mutating func permute(by order: [Int]) {
        var placed = [Bool](repeating: false, count: count)
        withUnsafeMutableBufferPointer { elements in
            for start in elements.indices where !placed[start] {
                var k = start
                while true {
                    placed[k] = true
                    let from = order[k]
                    if from == start { break }
                    elements.swapAt(k, from)
                    k = from
                }
            }
        }
    }
}

/// An open-addressing table keyed by the FNV-1a word hashes of `WordTokenizer`.
///
/// The keys are already well mixed, so the table masks them directly instead of rehashing with
/// SipHash as `Dictionary` does (which was a fifth of `check`'s time). Key 0 marks an empty slot;
/// FNV-1a of real words is never 0 in practice, and a 0 key is simply not stored.
struct WordHashTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    @inline(__always) private func slot(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key ^ (key >> 29)) & mask }

    subscript(key: UInt64) -> Value? {
        get {
            var i = slot(key)
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return nil }
                i = (i + 1) & mask
            }
        }
        set {
            guard key != 0, let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            var i = slot(key)
            while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
            if keys[i] == 0 { count += 1 }
            keys[i] = key
            values[i] = newValue
        }
    }

    func contains(_ key: UInt64) -> Bool { self[key] != nil }

    /// Calls `body` with every key, in no particular order.
    func forEachKey(_ body: (UInt64) -> Void) {
        for key in keys where key != 0 { body(key) }
    }

    /// Fourfold while small: tables built per article (the speaker resolver's names) start at
    /// the default size, and each reallocation of `values` costs a generic array allocation.
    /// Entries are moved straight to their new slots (the keys are distinct; `count` stays).
    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        let size = oldKeys.count * (oldKeys.count < 256 ? 4 : 2)
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        for n in oldKeys.indices where oldKeys[n] != 0 {
            let key = oldKeys[n]
            var i = slot(key)
            while keys[i] != 0 { i = (i + 1) & mask }
            keys[i] = key
            values[i] = oldValues[n]
        }
    }
}

/// A set of word hashes.
struct WordHashSet: Sendable {
    private var table: WordHashTable<Bool>

    init(_ words: [String]) {
        table = WordHashTable(capacity: words.count)
        for w in words { table[WordTokenizer.hash(w)] = true }
    }

    func contains(_ key: UInt64) -> Bool { table[key] != nil }
}

/// A Bloom-style bit set of word hashes (one bit per hash, 2^`bits` bits): `mayContain` is false
/// for every hash never inserted, so a scan can skip a token before asking the tables it was
/// built from, which answer nil for such a hash anyway.
struct WordHashFilter: Sendable {
    private var words: [UInt64]
    private let shift: UInt64

    init(bits: Int) {
        words = [UInt64](repeating: 0, count: max(1, (1 << bits) / 64))
        shift = UInt64(64 - bits)
    }

    mutating func insert(_ hash: UInt64) {
        let b = Int(truncatingIfNeeded: hash &>> shift)
        words[b &>> 6] |= 1 &<< UInt64(b & 63)
    }

    @inline(__always) func mayContain(_ hash: UInt64) -> Bool {
        let b = Int(truncatingIfNeeded: hash &>> shift)
        return words[b &>> 6] & (1 &<< UInt64(b & 63)) != 0
    }
}

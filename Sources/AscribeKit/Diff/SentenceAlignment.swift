// Aligning two versions sentence by sentence, in O(n log n) plus a bounded window per edit.
//
// 1. Exact matches by fingerprint (typography-blind word hashes): sentences unique on both sides
//    first, repeated ones in order between them, leftovers first come first served.
// 2. The longest run of those matches in the same order in both versions (longest increasing
//    subsequence, patience sorting) are the anchors; every other exact match is a move.
// 3. Between two consecutive anchors, the sentences left on each side are paired by word-set
//    similarity (Dice ≥ 0.5), in order, each old sentence looking at most `window` new sentences
//    ahead: edited sentences, found without ever comparing all sentences with all.
// 4. Sentences still alone on both sides that were edited *and* moved are found through an
//    inverted index of their rarer words (posting lists longer than `commonPosting` skipped),
//    so each looks at a handful of candidates, not at every sentence.
// 5. Inside an edited pair, a word-level LCS gives the changed runs.

/// How one sentence of either version fares in the other.
public struct AlignedSentence: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// The same words in the same place (typography aside).
        case same
        /// The same words elsewhere in the article.
        case moved
        /// A similar sentence in the same place, with words changed.
        case edited
        /// Only in the old version.
        case removed
        /// Only in the new version.
        case added
    }

    public var kind: Kind
    /// The sentence stands elsewhere in the new version: always for `moved`, and for an
    /// `edited` pair that also moved.
    public var moved: Bool = false
    /// Index into `SentenceAlignment.oldSentences`.
    public var old: Int?
    /// Index into `SentenceAlignment.newSentences`.
    public var new: Int?
    /// Word runs of an edited pair, in order (empty for other kinds).
    public var words: [WordChange]
}

/// A run of words of an edited sentence pair: kept, removed from the old or added in the new.
public struct WordChange: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case kept, removed, added }
    public var kind: Kind
    /// UTF-8 byte range in the old text (kept and removed runs).
    public var old: Range<Int>?
    /// UTF-8 byte range in the new text (kept and added runs).
    public var new: Range<Int>?
}

/// Both versions' sentences and how they correspond, in reading order of the new version
/// (removed sentences where they stood).
public struct SentenceAlignment: Sendable, Equatable {
    /// UTF-8 byte ranges of the old version's sentences.
    public var oldSentences: [Range<Int>]
    public var newSentences: [Range<Int>]
    public var rows: [AlignedSentence]
    /// The share of sentences found in both versions (same, moved or edited), 0...1.
    public var shared: Double
}

enum SentenceAligner {
    /// How far ahead (in unmatched new sentences) an old sentence looks for its edited version.
    static let window = 24
    /// Dice coefficient of the word sets from which two sentences count as one, edited.
    static let similarity = 0.5
    /// A sentence that also moved must be closer to count as the same one, edited.
    static let movedSimilarity = 0.6
    /// Words in more sentences than this are too common to find a moved sentence by.
    static let commonPosting = 16

    static func align(_ a: DiffText, _ b: DiffText) -> SentenceAlignment {
        let nA = a.sentences.count
        let nB = b.sentences.count
        var matchOld = [Int](repeating: -1, count: nA)
        var matchNew = [Int](repeating: -1, count: nB)

        // 1. Exact matches. Sentences that occur as often in one version as in the other (most
        // occur once) pair occurrence by occurrence; their longest in-order run gives anchors.
        // Sentences whose count changed (a cut copy of a repeated line) pair in order inside the
        // gaps between anchors, so a cut copy does not drag its twin across the article.
        var countA: [UInt64: Int32] = [:]
        var countB: [UInt64: Int32] = [:]
        countA.reserveCapacity(nA)
        countB.reserveCapacity(nB)
        for f in a.fingerprints where f != 0 { countA[f, default: 0] += 1 }
        for f in b.fingerprints where f != 0 { countB[f, default: 0] += 1 }
        var occurrences: [UInt64: [Int]] = [:]
        for j in (0..<nB).reversed() where b.fingerprints[j] != 0 && countA[b.fingerprints[j]] == countB[b.fingerprints[j]] {
            occurrences[b.fingerprints[j], default: []].append(j)
        }
        for i in 0..<nA where a.fingerprints[i] != 0 && countA[a.fingerprints[i]] == countB[a.fingerprints[i]] {
            if let j = occurrences[a.fingerprints[i]]?.popLast() {
                matchOld[i] = j
                matchNew[j] = i
            }
        }
        occurrences = [:]
        var uniquePairs = (0..<nA).filter { matchOld[$0] >= 0 }
        let keep = Set(longestIncreasing(uniquePairs.map { matchOld[$0] }).map { uniquePairs[$0] })
        for i in uniquePairs where !keep.contains(i) {
            matchNew[matchOld[i]] = -1
            matchOld[i] = -1
        }
        uniquePairs = uniquePairs.filter(keep.contains)
        var previousPair = (-1, -1)
        for (i, j) in uniquePairs.map({ ($0, matchOld[$0]) }) + [(nA, nB)] {
            var inGap: [UInt64: [Int]] = [:]
            for k in stride(from: j - 1, to: previousPair.1, by: -1) where b.fingerprints[k] != 0 { inGap[b.fingerprints[k], default: []].append(k) }
            if !inGap.isEmpty {
                var floor = previousPair.1
                for k in (previousPair.0 + 1)..<i where a.fingerprints[k] != 0 {
                    // In order only: a copy before the last one paired waits for the global pass.
                    guard var list = inGap[a.fingerprints[k]] else { continue }
                    while let last = list.last, last <= floor { list.removeLast() }
                    if let m = list.popLast() {
                        matchOld[k] = m
                        matchNew[m] = k
                        floor = m
                    }
                    inGap[a.fingerprints[k]] = list
                }
            }
            previousPair = (i, j)
        }
        // Whatever exact copies are left pair first come, first served: moves.
        var byPrint: [UInt64: [Int]] = [:]
        for j in (0..<nB).reversed() where b.fingerprints[j] != 0 && matchNew[j] < 0 { byPrint[b.fingerprints[j], default: []].append(j) }
        for i in 0..<nA where a.fingerprints[i] != 0 && matchOld[i] < 0 {
            if let j = byPrint[a.fingerprints[i]]?.popLast() {
                matchOld[i] = j
                matchNew[j] = i
            }
        }

        // 2. Anchors: the longest subsequence of exact pairs in order on both sides.
        let pairs = (0..<nA).filter { matchOld[$0] >= 0 }
        var inOrder = [Bool](repeating: false, count: nA)
        for p in longestIncreasing(pairs.map { matchOld[$0] }) { inOrder[pairs[p]] = true }

        // 3. Edited pairs between consecutive anchors.
        var edited = [Int](repeating: -1, count: nA)
        var editedNew = [Int](repeating: -1, count: nB)
        var sets: [Int: [UInt64]] = [:]
        func wordSet(_ side: DiffText, _ s: Int, _ key: Int) -> [UInt64] {
            if let cached = sets[key] { return cached }
            var hashes = side.sentenceTokens[s].map { side.tokens[$0].hash }
            hashes.sort()
            var unique: [UInt64] = []
            unique.reserveCapacity(hashes.count)
            for h in hashes where unique.last != h { unique.append(h) }
            sets[key] = unique
            return unique
        }
        var anchors = (0..<nA).filter { inOrder[$0] }.map { ($0, matchOld[$0]) }
        anchors.append((nA, nB))
        var previous = (-1, -1)
        for anchor in anchors {
            let olds = ((previous.0 + 1)..<anchor.0).filter { matchOld[$0] < 0 && a.fingerprints[$0] != 0 }
            let news = ((previous.1 + 1)..<anchor.1).filter { matchNew[$0] < 0 && b.fingerprints[$0] != 0 }
            previous = anchor
            guard !olds.isEmpty, !news.isEmpty else { continue }
            var next = 0
            for i in olds {
                guard next < news.count else { break }
                let setA = wordSet(a, i, i)
                var best = -1
                var bestScore = similarity
                for k in next..<min(news.count, next + window) {
                    let setB = wordSet(b, news[k], -1 - news[k])
                    let score = dice(setA, setB)
                    if score >= bestScore {
                        // Ties go to the nearer sentence.
                        if score > bestScore || best < 0 {
                            best = k
                            bestScore = score
                        }
                    }
                }
                if best >= 0 {
                    edited[i] = news[best]
                    editedNew[news[best]] = i
                    next = best + 1
                }
            }
        }

        // 4. Edited and moved: an inverted index over the new sentences still alone.
        var movedEdited = [Int](repeating: -1, count: nB)
        let aloneNew = (0..<nB).filter { matchNew[$0] < 0 && editedNew[$0] < 0 && b.fingerprints[$0] != 0 }
        let aloneOld = (0..<nA).filter { matchOld[$0] < 0 && edited[$0] < 0 && a.fingerprints[$0] != 0 }
        if !aloneNew.isEmpty && !aloneOld.isEmpty {
            var postings: [UInt64: [Int]] = [:]
            for j in aloneNew {
                for h in wordSet(b, j, -1 - j) where (postings[h]?.count ?? 0) <= commonPosting { postings[h, default: []].append(j) }
            }
            for i in aloneOld {
                let setA = wordSet(a, i, i)
                var hits: [Int: Int] = [:]
                for h in setA {
                    guard let list = postings[h], list.count <= commonPosting else { continue }
                    for j in list where movedEdited[j] < 0 { hits[j, default: 0] += 1 }
                }
                var best = -1
                var bestScore = movedSimilarity
                for (j, _) in hits.sorted(by: { ($0.value, -$0.key) > ($1.value, -$1.key) }).prefix(8) {
                    let score = dice(setA, wordSet(b, j, -1 - j))
                    if score > bestScore || (score == bestScore && best < 0) {
                        best = j
                        bestScore = score
                    }
                }
                if best >= 0 { movedEdited[best] = i }
            }
        }

        // 5. Rows in the new version's order, removed sentences where they stood.
        var movedAway = [Bool](repeating: false, count: nA)
        for j in 0..<nB where movedEdited[j] >= 0 { movedAway[movedEdited[j]] = true }
        var rows: [AlignedSentence] = []
        rows.reserveCapacity(max(nA, nB))
        var ordered: [(Int, Int)] = []
        for i in 0..<nA {
            if inOrder[i] { ordered.append((i, matchOld[i])) } else if edited[i] >= 0 { ordered.append((i, edited[i])) }
        }
        ordered.append((nA, nB))
        var lastOld = 0
        var lastNew = 0
        for (i, j) in ordered {
            for k in lastOld..<i where matchOld[k] < 0 && edited[k] < 0 && !movedAway[k] && a.fingerprints[k] != 0 {
                rows.append(AlignedSentence(kind: .removed, old: k, new: nil, words: []))
            }
            for k in lastNew..<j where b.fingerprints[k] != 0 {
                if matchNew[k] >= 0 {
                    rows.append(AlignedSentence(kind: .moved, moved: true, old: matchNew[k], new: k, words: []))
                } else if movedEdited[k] >= 0 {
                    rows.append(AlignedSentence(kind: .edited, moved: true, old: movedEdited[k], new: k, words: wordChanges(a, movedEdited[k], b, k)))
                } else if editedNew[k] < 0 {
                    rows.append(AlignedSentence(kind: .added, old: nil, new: k, words: []))
                }
            }
            if i < nA {
                if inOrder[i] {
                    rows.append(AlignedSentence(kind: .same, old: i, new: j, words: []))
                } else {
                    rows.append(AlignedSentence(kind: .edited, old: i, new: j, words: wordChanges(a, i, b, j)))
                }
            }
            lastOld = i + 1
            lastNew = j + 1
        }
        let sentencesA = a.fingerprints.filter { $0 != 0 }.count
        let sentencesB = b.fingerprints.filter { $0 != 0 }.count
        let matched = rows.filter { $0.kind != .added && $0.kind != .removed }.count
        let shared = sentencesA + sentencesB == 0 ? 1 : Double(2 * matched) / Double(sentencesA + sentencesB)
        return SentenceAlignment(oldSentences: a.sentences, newSentences: b.sentences, rows: rows, shared: shared)
    }

    /// Dice coefficient of two sorted, duplicate-free hash arrays.
    static func dice(_ x: [UInt64], _ y: [UInt64]) -> Double {
        guard !x.isEmpty || !y.isEmpty else { return 1 }
        var i = 0
        var j = 0
        var common = 0
        while i < x.count && j < y.count {
            if x[i] == y[j] {
                common += 1
                i += 1
                j += 1
            } else if x[i] < y[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return Double(2 * common) / Double(x.count + y.count)
    }

    /// Positions (into `values`) of one longest strictly increasing subsequence.
    static func longestIncreasing(_ values: [Int]) -> [Int] {
        var tails: [Int] = []  // position of the smallest tail of each length
        var parent = [Int](repeating: -1, count: values.count)
        for (p, v) in values.enumerated() {
            var lo = 0
            var hi = tails.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if values[tails[mid]] < v { lo = mid + 1 } else { hi = mid }
            }
            if lo > 0 { parent[p] = tails[lo - 1] }
            if lo == tails.count { tails.append(p) } else { tails[lo] = p }
        }
        var out: [Int] = []
        var p = tails.last ?? -1
        while p >= 0 {
            out.append(p)
            p = parent[p]
        }
        return out.reversed()
    }

    /// Word runs of an edited pair: common prefix and suffix trimmed, LCS over the middle (a
    /// middle too long for the table is one removed and one added run).
    static func wordChanges(_ a: DiffText, _ i: Int, _ b: DiffText, _ j: Int) -> [WordChange] {
        let x = Array(a.sentenceTokens[i])
        let y = Array(b.sentenceTokens[j])
        var ops: [(WordChange.Kind, Int, Int)] = []  // kind, old token, new token (-1 if none)
        var pre = 0
        while pre < x.count && pre < y.count && a.tokens[x[pre]].hash == b.tokens[y[pre]].hash { pre += 1 }
        var suf = 0
        while suf < x.count - pre && suf < y.count - pre && a.tokens[x[x.count - 1 - suf]].hash == b.tokens[y[y.count - 1 - suf]].hash { suf += 1 }
        for k in 0..<pre { ops.append((.kept, x[k], y[k])) }
        let mx = Array(x[pre..<(x.count - suf)])
        let my = Array(y[pre..<(y.count - suf)])
        if mx.count * my.count <= 250_000 && !mx.isEmpty && !my.isEmpty {
            let n = mx.count
            let m = my.count
            var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for p in stride(from: n - 1, through: 0, by: -1) {
                for q in stride(from: m - 1, through: 0, by: -1) {
                    table[p * (m + 1) + q] = a.tokens[mx[p]].hash == b.tokens[my[q]].hash
                        ? table[(p + 1) * (m + 1) + q + 1] + 1
                        : max(table[(p + 1) * (m + 1) + q], table[p * (m + 1) + q + 1])
                }
            }
            var p = 0
            var q = 0
            while p < n || q < m {
                if p < n && q < m && a.tokens[mx[p]].hash == b.tokens[my[q]].hash {
                    ops.append((.kept, mx[p], my[q]))
                    p += 1
                    q += 1
                } else if q < m && (p == n || table[p * (m + 1) + q + 1] >= table[(p + 1) * (m + 1) + q]) {
                    ops.append((.added, -1, my[q]))
                    q += 1
                } else {
                    ops.append((.removed, mx[p], -1))
                    p += 1
                }
            }
        } else {
            for t in mx { ops.append((.removed, t, -1)) }
            for t in my { ops.append((.added, -1, t)) }
        }
        for k in 0..<suf { ops.append((.kept, x[x.count - suf + k], y[y.count - suf + k])) }

        // Removed before added inside each changed stretch, then runs merged.
        var sorted: [(WordChange.Kind, Int, Int)] = []
        var stretch: [(WordChange.Kind, Int, Int)] = []
        for op in ops {
            if op.0 == .kept {
                sorted += stretch.filter { $0.0 == .removed } + stretch.filter { $0.0 == .added }
                stretch = []
                sorted.append(op)
            } else {
                stretch.append(op)
            }
        }
        sorted += stretch.filter { $0.0 == .removed } + stretch.filter { $0.0 == .added }
        var out: [WordChange] = []
        for (kind, o, n) in sorted {
            let oldRange = o >= 0 ? a.tokens[o].range : nil
            let newRange = n >= 0 ? b.tokens[n].range : nil
            if var last = out.last, last.kind == kind {
                if let r = oldRange, let l = last.old { last.old = l.lowerBound..<r.upperBound }
                if let r = newRange, let l = last.new { last.new = l.lowerBound..<r.upperBound }
                out[out.count - 1] = last
            } else {
                out.append(WordChange(kind: kind, old: oldRange, new: newRange))
            }
        }
        return out
    }
}

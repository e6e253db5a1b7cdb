// PolNeARScoring.swift - exact Swift port of shared/tools/score_polnear.py
// (gold loading + scoring + compact table; the --run / --dump-gold / --selftest
// modes and the prediction-JSON parsing are not part of this file).
//
// Metric (see the Python docstring for the authoritative text):
//  * token = maximal `\w+` run (Python `re`, Unicode) of the gold article text;
//    a set of spans covers a token when it shares >= 1 character with it.
//  * attribution-level P/R/F1 at content token-Jaccard thresholds 0.3/0.5/0.8
//    (primary 0.5), candidate pairs also need a compatible source (both absent,
//    or overlapping source characters, or intersecting lowercase source words
//    minus SOURCE_STOP); one-to-one greedy matching sorted by J desc, cue
//    token-Jaccard desc, gold index, pred index; micro-averaged.
//  * per-role (cue/source/content) token P/R/F1, token sets per article.
//  * recall at each threshold by gold type (direct / according-to / no-source / other).
//
// Every string operation of the Python script that can influence a number is
// done on arrays of Unicode scalars (code points), like Python's `str`:
//  * Python `\w`  == `_` or str.isalnum() == general category L* (Lu Ll Lt Lm Lo)
//    or a Numeric_Type (decimal / digit / numeric). Combining marks (Mn/Mc) are
//    NOT `\w` in Python, and neither are they here. (`isAlphabetic` would differ:
//    it includes Nl and Other_Alphabetic marks, so the general category is used.)
//  * Python `\d`  == Numeric_Type=Decimal; `\s`/str.split()/str.strip() whitespace
//    == Python's fixed list (ASCII \t\n\v\f\r, \x1c-\x1f, space + Unicode Zs / B / S).
//  * str.lower() == full lowercase mapping + the Final_Sigma rule for U+03A3.
//  * string equality / set membership compares code points (not Swift's
//    canonical-equivalence `==`).
// Residual differences: only the Unicode version of the character database
// (Python 3.11 uses Unicode 14.0, the Swift stdlib a newer one): characters
// assigned or re-categorised after 14.0 may classify differently. An exhaustive
// comparison over all code points is in the package's tests.
// Pathological inputs that crash the Python script (an .ann span with end <
// start, a content start beyond the text end, undecodable UTF-8) are handled as
// documented at `PolNeAR.load` instead of crashing.

import Foundation

// MARK: - Public API

/// One gold or predicted attribution; spans are Unicode-scalar offsets into the article text, end exclusive.
public struct PolNeARAttribution: Sendable, Equatable {
    public var cue: [Range<Int>]
    public var source: [Range<Int>]
    public var content: [Range<Int>]
    /// Source text used for name matching (for predictions: may be a resolved name; nil = slice at the offsets).
    /// Like Python, a non-nil text is used as is (several span texts are joined with " "), and a
    /// prediction whose source text is not blank counts as "has a source" even without source spans.
    public var sourceText: String?

    public init(cue: [Range<Int>], source: [Range<Int>], content: [Range<Int>], sourceText: String? = nil) {
        self.cue = cue
        self.source = source
        self.content = content
        self.sourceText = sourceText
    }
}

/// A gold article: its raw text (BOM and CR kept, as Python reads it) and gold attributions
/// (spans sorted and de-duplicated per role, as the Python loader leaves them).
public struct PolNeARArticle: Sendable {
    public let name: String
    public let text: String
    public let gold: [PolNeARAttribution]
    let index: PolNeARTextIndex
    let preparedGold: [PreparedAttribution]

    public init(name: String, text: String, gold: [PolNeARAttribution]) {
        self.name = name
        self.text = text
        self.gold = gold
        let index = PolNeARTextIndex(text)
        self.index = index
        self.preparedGold = gold.map { PreparedAttribution(gold: $0, index: index) }
    }
}

/// Error thrown by `PolNeAR.load`.
public struct PolNeARLoadError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

public enum PolNeAR {
    /// Content-Jaccard thresholds, in the order used by every per-threshold array.
    public static let thresholds: [Double] = [0.3, 0.5, 0.8]
    public static let primaryThreshold: Double = 0.5
    public static let roles: [String] = ["cue", "source", "content"]
    public static let goldTypes: [String] = ["direct", "according-to", "no-source", "other"]
    public static let sourceStopwords: [String] =
        "the a an of and or in on at to for by from with as s mr mrs ms dr".split(separator: " ").map(String.init)

    /// Loads `<dir>/text/*.txt` and the first `.ann` per article (sorted), exactly like the Python loader.
    /// Throws a descriptive error if the directory is missing.
    ///
    /// Articles: every `text/<name>.txt` in code-point-sorted order, read as UTF-8 without any newline
    /// or BOM translation (offsets count every code point, BOM and CR included). The gold file is the
    /// first (sorted) `attributions/<name>.ann` or `attributions/<name>_<annotator>.ann`; no file (or
    /// no `attributions` directory) = no gold, as in Python. `.ann` lines are split at \n, \r\n and \r;
    /// `T` lines give spans (`s e;s e` discontinuous), `E` lines whose type starts with `Attribution`
    /// give one attribution each from their Cue*/Source*/Content* arguments (trailing digits of the
    /// role stripped, case-insensitive; Discuss/Discard and unknown ids ignored); events without
    /// content are dropped; other lines (continuations, notes, relations) are skipped.
    /// Throws where Python would crash: undecodable UTF-8, a malformed offset list
    /// in a `T` line that matched the span pattern. A span with end < start (Python keeps it as is)
    /// cannot be a `Range` and becomes the empty range `start..<start`.
    public static func load(split directory: String) throws -> [PolNeARArticle] {
        let fm = FileManager.default
        let textDir = (directory as NSString).appendingPathComponent("text")
        let attDir = (directory as NSString).appendingPathComponent("attributions")
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: directory, isDirectory: &isDir), isDir.boolValue else {
            throw PolNeARLoadError(description: "PolNeAR split directory not found: \(directory)")
        }
        guard fm.fileExists(atPath: textDir, isDirectory: &isDir), isDir.boolValue else {
            throw PolNeARLoadError(description: "PolNeAR split has no text/ directory: \(textDir)")
        }
        let textNames: [String]
        do {
            textNames = try fm.contentsOfDirectory(atPath: textDir)
        } catch {
            throw PolNeARLoadError(description: "cannot list \(textDir): \(error)")
        }
        // .ann candidates, indexed by the article name they can belong to.
        var annByArticle: [[UInt32]: [[UInt32]]] = [:]
        var annNames: [[UInt32]: String] = [:]
        if let names = try? fm.contentsOfDirectory(atPath: attDir) {
            for n in names {
                let s = scalarValues(n)
                guard hasSuffix(s, scalarValues(".ann")) else { continue }
                annNames[s] = n
                let stem = Array(s.dropLast(4))
                annByArticle[stem, default: []].append(s)
                if let us = stem.lastIndex(of: 0x5F) {          // rsplit("_", 1)[0]
                    let prefix = Array(stem[..<us])
                    if prefix != stem { annByArticle[prefix, default: []].append(s) }
                }
            }
        }
        let txt = scalarValues(".txt")
        let sortedText = textNames.map { (scalarValues($0), $0) }
            .filter { hasSuffix($0.0, txt) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
        var articles: [PolNeARArticle] = []
        articles.reserveCapacity(sortedText.count)
        for (fnScalars, fn) in sortedText {
            let nameScalars = Array(fnScalars.dropLast(4))
            let name = stringFromScalarValues(nameScalars)
            let text = try readUTF8(path: (textDir as NSString).appendingPathComponent(fn))
            var gold: [PolNeARAttribution] = []
            if let cands = annByArticle[nameScalars], !cands.isEmpty {
                let first = cands.min { $0.lexicographicallyPrecedes($1) }!
                let annPath = (attDir as NSString).appendingPathComponent(annNames[first]!)
                gold = try parseAnn(try readUTF8(path: annPath), path: annPath)
            }
            articles.append(PolNeARArticle(name: name, text: text, gold: gold))
        }
        return articles
    }

    /// Scores predictions (same order as articles) — identical numbers to score_polnear.py.
    /// Missing trailing prediction lists count as no predictions. Prediction spans are clipped to the
    /// text and empty ones dropped, spans are sorted and de-duplicated per role (as Python does);
    /// an attribution itself is never dropped (it still counts in #pred).
    public static func score(_ articles: [PolNeARArticle], predictions: [[PolNeARAttribution]]) -> PolNeARScore {
        let nT = thresholds.count
        var nGold = 0, nPred = 0
        var matched = [Int](repeating: 0, count: nT)
        var roleCounts = [[Int]](repeating: [0, 0, 0], count: 3)        // tp, pred, gold
        var typeTot = [Int](repeating: 0, count: 4)
        var typeHit = [[Int]](repeating: [0, 0, 0, 0], count: nT)
        var perArticle: [PolNeARScore.ArticleCounts] = []
        perArticle.reserveCapacity(articles.count)
        let primaryIndex = thresholds.firstIndex(of: primaryThreshold)!

        for (ai, art) in articles.enumerated() {
            let idx = art.index
            let gold = art.preparedGold
            let preds = (ai < predictions.count ? predictions[ai] : [])
                .map { PreparedAttribution(prediction: $0, index: idx) }
            nGold += gold.count
            nPred += preds.count
            let pairs = matchArticle(gold, preds, index: idx)
            for t in 0..<nT {
                matched[t] += pairs[t].count
                for pair in pairs[t] { typeHit[t][gold[pair.gold].goldType] += 1 }
            }
            for g in gold { typeTot[g.goldType] += 1 }
            // per-role token sets (a token counts once per article)
            let nTok = idx.tokStarts.count
            var mark = [UInt8](repeating: 0, count: nTok)
            for r in 0..<3 {
                for i in 0..<nTok { mark[i] = 0 }
                for g in gold { for tok in g.tokens(role: r) { mark[tok] |= 1 } }
                for p in preds { for tok in p.tokens(role: r) { mark[tok] |= 2 } }
                var tp = 0, np = 0, ng = 0
                for m in mark where m != 0 {
                    if m & 1 != 0 { ng += 1 }
                    if m & 2 != 0 { np += 1 }
                    if m == 3 { tp += 1 }
                }
                roleCounts[r][0] += tp
                roleCounts[r][1] += np
                roleCounts[r][2] += ng
            }
            perArticle.append(.init(name: art.name, gold: gold.count, pred: preds.count,
                                    matchedAt05: pairs[primaryIndex].count))
        }

        var result = PolNeARScore(nArticles: articles.count, nGold: nGold, nPred: nPred)
        for (t, thr) in thresholds.enumerated() {
            let (p, r, f) = prf(matched[t], nPred, nGold)
            result.attribution.append(.init(threshold: thr, matched: matched[t], precision: p, recall: r, f1: f))
        }
        for (r, role) in roles.enumerated() {
            let (tp, np, ng) = (roleCounts[r][0], roleCounts[r][1], roleCounts[r][2])
            let (p, rc, f) = prf(tp, np, ng)
            result.roles.append(.init(role: role, goldTokens: ng, predTokens: np, tp: tp,
                                      precision: p, recall: rc, f1: f))
        }
        for (k, type) in goldTypes.enumerated() {
            let hits = (0..<nT).map { typeHit[$0][k] }
            let rec = hits.map { typeTot[k] != 0 ? Double($0) / Double(typeTot[k]) : 0.0 }
            result.recallByType.append(.init(type: type, gold: typeTot[k], matched: hits, recall: rec))
        }
        result.perArticle = perArticle
        return result
    }
}

/// Result of `PolNeAR.score`; mirrors the numeric part of score_polnear.py's `--json` output.
public struct PolNeARScore: Sendable, Equatable {
    /// Attribution-level result at one threshold (`attribution["0.3"|"0.5"|"0.8"]` in Python's JSON).
    public struct AttributionScore: Sendable, Equatable {
        public var threshold: Double
        public var matched: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }
    /// Token-level result for one role (`roles[role]`).
    public struct RoleScore: Sendable, Equatable {
        public var role: String
        public var goldTokens: Int
        public var predTokens: Int
        public var tp: Int
        public var precision: Double
        public var recall: Double
        public var f1: Double
    }
    /// Recall of one gold type (`recall_by_type[type]`); arrays follow `PolNeAR.thresholds`.
    public struct TypeRecall: Sendable, Equatable {
        public var type: String
        public var gold: Int
        public var matched: [Int]
        public var recall: [Double]
    }
    /// `per_article` entry.
    public struct ArticleCounts: Sendable, Equatable {
        public var name: String
        public var gold: Int
        public var pred: Int
        public var matchedAt05: Int
    }

    public var nArticles: Int
    public var nGold: Int
    public var nPred: Int
    /// One entry per threshold 0.3, 0.5, 0.8.
    public var attribution: [AttributionScore] = []
    /// cue, source, content.
    public var roles: [RoleScore] = []
    /// direct, according-to, no-source, other.
    public var recallByType: [TypeRecall] = []
    public var perArticle: [ArticleCounts] = []

    public init(nArticles: Int, nGold: Int, nPred: Int) {
        self.nArticles = nArticles
        self.nGold = nGold
        self.nPred = nPred
    }

    public func attribution(at threshold: Double) -> AttributionScore? {
        attribution.first { $0.threshold == threshold }
    }
    public func role(_ name: String) -> RoleScore? { roles.first { $0.role == name } }
    public func recall(ofType type: String) -> TypeRecall? { recallByType.first { $0.type == type } }

    public var f1At05: Double { attribution(at: PolNeAR.primaryThreshold)?.f1 ?? 0 }

    /// The same compact table the Python script prints (without the run/failure lines), ending with the line "F1@0.5 = 0.XXX".
    /// The first line is Python's "articles ..." line cut before "  failures" (no failures/notes here),
    /// and there is no "predicted kinds" line (attributions carry no kind). Every other line is
    /// character-for-character Python's (same widths, correctly rounded `.3f`).
    public func table() -> String {
        var out = "articles \(nArticles)  gold attributions \(nGold)  predicted \(nPred)\n"
        out += "attribution  matched  precision  recall     F1\n"
        for a in attribution {
            out += "  @\(fixed(a.threshold, 1))      \(pad(String(a.matched), 7))  \(pad(fixed(a.precision, 3), 9))"
                + "  \(pad(fixed(a.recall, 3), 6))  \(pad(fixed(a.f1, 3), 5))\n"
        }
        out += "role tokens   gold    pred      tp  precision  recall     F1\n"
        for r in roles {
            out += "  \(padRight(r.role, 8)) \(pad(String(r.goldTokens), 7)) \(pad(String(r.predTokens), 7))"
                + " \(pad(String(r.tp), 7))  \(pad(fixed(r.precision, 3), 9))  \(pad(fixed(r.recall, 3), 6))"
                + "  \(pad(fixed(r.f1, 3), 5))\n"
        }
        out += "recall by gold type    n   @0.3   @0.5   @0.8\n"
        for k in recallByType {
            out += "  \(padRight(k.type, 14)) \(pad(String(k.gold), 6))"
            for v in k.recall { out += "  \(pad(fixed(v, 3), 5))" }
            out += "\n"
        }
        out += "F1@0.5 = \(fixed(f1At05, 3))\n"
        return out
    }
}

// MARK: - Formatting (Python `format(x, ".Nf")`, correctly rounded, half-even on exact ties)

func pad(_ s: String, _ width: Int) -> String {
    let n = s.unicodeScalars.count
    return n >= width ? s : String(repeating: " ", count: width - n) + s
}

func padRight(_ s: String, _ width: Int) -> String {
    let n = s.unicodeScalars.count
    return n >= width ? s : s + String(repeating: " ", count: width - n)
}

/// `format(x, f".{digits}f")` for finite |x| < 1e15 and digits <= 3, computed exactly from the binary value.
func fixed(_ x: Double, _ digits: Int) -> String {
    precondition(digits >= 0 && digits <= 3)
    if x.isNaN { return "nan" }
    if x.isInfinite { return x < 0 ? "-inf" : "inf" }
    let neg = x.sign == .minus
    let a = Swift.abs(x)
    var scale: UInt64 = 1
    for _ in 0..<digits { scale *= 10 }
    var q: UInt64                                   // round(a * scale), half-even, exact
    if a == 0 {
        q = 0
    } else if a >= 1e15 {
        return "\(x)"                                 // never reached for scores
    } else {
        let m: UInt64 = a.isNormal ? (a.significandBitPattern | (1 << 52)) : a.significandBitPattern
        let e: Int = a.isNormal ? Int(a.exponentBitPattern) - 1075 : -1074
        let scaled = m * scale                        // < 2^53 * 1000 < 2^63
        if e >= 0 {
            q = scaled << UInt64(e)                   // a < 1e15 keeps this < 2^64
        } else if -e >= 64 {
            q = 0                                     // a * scale < 2^63 / 2^64 < 0.5
        } else {
            let sh = UInt64(-e)
            q = scaled >> sh
            let rem = scaled & ((1 << sh) - 1)
            let half: UInt64 = 1 << (sh - 1)
            if rem > half || (rem == half && q & 1 == 1) { q += 1 }
        }
    }
    var s = String(q / scale)
    if digits > 0 {
        let frac = String(q % scale)
        s += "." + String(repeating: "0", count: digits - frac.count) + frac
    }
    return neg ? "-" + s : s
}

// MARK: - Python character classes and str.lower()

/// Python `str.isspace()` / `\s` / `str.split()` whitespace (identical in Python 3.11's database).
@inline(__always) func pyIsSpace(_ v: UInt32) -> Bool {
    switch v {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true
    default:
        return false
    }
}

/// Python `re` `\d` for str patterns (Numeric_Type=Decimal).
@inline(__always) func pyIsDecimal(_ c: Unicode.Scalar) -> Bool {
    if c.value < 0x80 { return c.value >= 0x30 && c.value <= 0x39 }
    return c.properties.numericType == .decimal
}

/// Python `re` `\w` for str patterns: `_` or str.isalnum() (L* categories or any Numeric_Type).
@inline(__always) func pyIsWord(_ c: Unicode.Scalar) -> Bool {
    let v = c.value
    if v < 0x80 {
        return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
    }
    let p = c.properties
    switch p.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
        return true
    default:
        return p.numericType != nil
    }
}

/// Python `str.lower()`: full lowercase mapping, U+03A3 -> final sigma in the Final_Sigma context.
func pyLower<C: RandomAccessCollection>(_ s: C) -> [Unicode.Scalar] where C.Element == Unicode.Scalar, C.Index == Int {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    let lo = s.startIndex, hi = s.endIndex
    for i in lo..<hi {
        let c = s[i]
        let v = c.value
        if v < 0x80 {
            out.append(v >= 0x41 && v <= 0x5A ? Unicode.Scalar(v + 32)! : c)
        } else if v == 0x3A3 {
            var j = i - 1
            var prev: Unicode.Scalar? = nil
            while j >= lo {
                if !s[j].properties.isCaseIgnorable { prev = s[j]; break }
                j -= 1
            }
            var final = prev?.properties.isCased ?? false
            if final && i + 1 < hi {
                var k = i + 1
                var next: Unicode.Scalar? = nil
                while k < hi {
                    if !s[k].properties.isCaseIgnorable { next = s[k]; break }
                    k += 1
                }
                final = !(next?.properties.isCased ?? false)
            }
            out.append(final ? "\u{3C2}" : "\u{3C3}")
        } else {
            out.append(contentsOf: c.properties.lowercaseMapping.unicodeScalars)
        }
    }
    return out
}

@inline(__always) func scalarValues(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

func stringFromScalarValues(_ v: [UInt32]) -> String {
    var s = String.UnicodeScalarView()
    for x in v { s.append(Unicode.Scalar(x)!) }
    return String(s)
}

func stringFromScalars<S: Sequence>(_ v: S) -> String where S.Element == Unicode.Scalar {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: v)
    return String(s)
}

@inline(__always) func hasSuffix(_ s: [UInt32], _ suffix: [UInt32]) -> Bool {
    s.count >= suffix.count && s[(s.count - suffix.count)...].elementsEqual(suffix)
}

/// Maximal `\w` runs of `s`, as arrays of scalar values.
func pyWords<C: Collection>(_ s: C) -> [[UInt32]] where C.Element == Unicode.Scalar {
    var out: [[UInt32]] = []
    var cur: [UInt32] = []
    for c in s {
        if pyIsWord(c) {
            cur.append(c.value)
        } else if !cur.isEmpty {
            out.append(cur)
            cur.removeAll(keepingCapacity: true)
        }
    }
    if !cur.isEmpty { out.append(cur) }
    return out
}

let sourceStopSet: Set<[UInt32]> = Set(PolNeAR.sourceStopwords.map(scalarValues))

/// Python `source_words`: `{w for w in re.findall(r"\w+", s.lower()) if w not in SOURCE_STOP}`.
func pySourceWords(_ s: [Unicode.Scalar]) -> Set<[UInt32]> {
    var out = Set<[UInt32]>()
    for w in pyWords(pyLower(s)) where !sourceStopSet.contains(w) { out.insert(w) }
    return out
}

// MARK: - Text index

/// The article text as code points plus its `\w+` token boundaries.
struct PolNeARTextIndex: Sendable {
    let scalars: [Unicode.Scalar]
    let tokStarts: [Int]
    let tokEnds: [Int]

    init(_ text: String) {
        let sc = Array(text.unicodeScalars)
        var starts: [Int] = [], ends: [Int] = []
        var i = 0
        let n = sc.count
        while i < n {
            if pyIsWord(sc[i]) {
                let s = i
                i += 1
                while i < n && pyIsWord(sc[i]) { i += 1 }
                starts.append(s)
                ends.append(i)
            } else {
                i += 1
            }
        }
        scalars = sc
        tokStarts = starts
        tokEnds = ends
    }

    /// Python `Article.tokens`: sorted unique ids of tokens sharing a character with the spans
    /// (same bisect formulation, so even empty spans behave identically).
    func tokens(_ spans: [Range<Int>]) -> [Int] {
        var out: [Int] = []
        for r in spans {
            // bisect_right(tok_ends, s): first i with tokEnds[i] > s
            var lo = 0, hi = tokEnds.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if tokEnds[mid] <= r.lowerBound { lo = mid + 1 } else { hi = mid }
            }
            var i = lo
            while i < tokStarts.count && tokStarts[i] < r.upperBound {
                out.append(i)
                i += 1
            }
        }
        if spans.count > 1 {
            out.sort()
            var w = 0
            for x in out where w == 0 || out[w - 1] != x {
                out[w] = x
                w += 1
            }
            out.removeSubrange(w...)
        }
        return out
    }

    /// Python `text[s:e]` for non-negative offsets.
    @inline(__always) func slice(_ r: Range<Int>) -> ArraySlice<Unicode.Scalar> {
        let n = scalars.count
        let s = Swift.min(Swift.max(r.lowerBound, 0), n), e = Swift.min(Swift.max(r.upperBound, 0), n)
        return e > s ? scalars[s..<e] : scalars[0..<0]
    }

    /// Python `spans_text`: slices joined with " ".
    func spansText(_ spans: [Range<Int>]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for (k, r) in spans.enumerated() {
            if k > 0 { out.append(" ") }
            out.append(contentsOf: slice(r))
        }
        return out
    }
}

// MARK: - Scoring internals

/// Python `sorted(set(spans))`.
func sortedUnique(_ spans: [Range<Int>]) -> [Range<Int>] {
    if spans.count < 2 { return spans }
    let s = spans.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
    var out: [Range<Int>] = [s[0]]
    for r in s.dropFirst() where r != out[out.count - 1] { out.append(r) }
    return out
}

/// Merged, disjoint, sorted character intervals of a span list (Python `chars(spans)` as intervals).
func mergedIntervals(_ spans: [Range<Int>]) -> [Range<Int>] {
    let s = spans.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
    var out: [Range<Int>] = []
    for r in s {
        if let last = out.last, r.lowerBound <= last.upperBound {
            if r.upperBound > last.upperBound { out[out.count - 1] = last.lowerBound..<r.upperBound }
        } else {
            out.append(r)
        }
    }
    return out
}

/// Python `jaccard(chars(a), chars(b))` on merged intervals.
func charJaccard(_ a: [Range<Int>], _ b: [Range<Int>]) -> Double {
    let na = a.reduce(0) { $0 + $1.count }, nb = b.reduce(0) { $0 + $1.count }
    var inter = 0, i = 0, j = 0
    while i < a.count && j < b.count {
        let lo = Swift.max(a[i].lowerBound, b[j].lowerBound), hi = Swift.min(a[i].upperBound, b[j].upperBound)
        if hi > lo { inter += hi - lo }
        if a[i].upperBound < b[j].upperBound { i += 1 } else { j += 1 }
    }
    let u = na + nb - inter
    return u != 0 ? Double(inter) / Double(u) : 0.0
}

/// Python `jaccard(set_a, set_b)` on sorted unique id arrays.
func tokenJaccard(_ a: [Int], _ b: [Int]) -> Double {
    var inter = 0, i = 0, j = 0
    while i < a.count && j < b.count {
        if a[i] == b[j] { inter += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
    }
    let u = a.count + b.count - inter
    return u != 0 ? Double(inter) / Double(u) : 0.0
}

/// Python `chars(a) & chars(b)` is non-empty.
func spansShareChar(_ a: [Range<Int>], _ b: [Range<Int>]) -> Bool {
    for x in a {
        for y in b where Swift.max(x.lowerBound, y.lowerBound) < Swift.min(x.upperBound, y.upperBound) {
            return true
        }
    }
    return false
}

/// Python `prepare()` output for one attribution.
struct PreparedAttribution: Sendable {
    var source: [Range<Int>]
    var content: [Range<Int>]
    var cueTokens: [Int]
    var sourceTokens: [Int]
    var contentTokens: [Int]
    var hasSource: Bool
    var sourceWords: Set<[UInt32]>
    var contentChars: [Range<Int>]?     // gold only: set when the content covers no token
    var goldType: Int = 3               // index into PolNeAR.goldTypes

    init(gold g: PolNeARAttribution, index idx: PolNeARTextIndex) {
        let cue = sortedUnique(g.cue)
        source = sortedUnique(g.source)
        content = sortedUnique(g.content)
        cueTokens = idx.tokens(cue)
        sourceTokens = idx.tokens(source)
        contentTokens = idx.tokens(content)
        let stext: [Unicode.Scalar] = g.sourceText.map { Array($0.unicodeScalars) } ?? idx.spansText(source)
        hasSource = !source.isEmpty || stext.contains { !pyIsSpace($0.value) }
        sourceWords = pySourceWords(stext)
        contentChars = contentTokens.isEmpty ? mergedIntervals(content) : nil
        goldType = PreparedAttribution.goldType(cue: cue, source: source, content: content, index: idx)
    }

    init(prediction p: PolNeARAttribution, index idx: PolNeARTextIndex) {
        let n = idx.scalars.count
        func clip(_ spans: [Range<Int>]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            out.reserveCapacity(spans.count)
            for r in spans {
                let s = Swift.max(0, Swift.min(r.lowerBound, n)), e = Swift.max(0, Swift.min(r.upperBound, n))
                if e > s { out.append(s..<e) }
            }
            return out
        }
        let rawSource = clip(p.source)
        let cue = sortedUnique(clip(p.cue))
        source = sortedUnique(rawSource)
        content = sortedUnique(clip(p.content))
        cueTokens = idx.tokens(cue)
        sourceTokens = idx.tokens(source)
        contentTokens = idx.tokens(content)
        let stext: [Unicode.Scalar] = p.sourceText.map { Array($0.unicodeScalars) } ?? idx.spansText(rawSource)
        hasSource = !source.isEmpty || stext.contains { !pyIsSpace($0.value) }
        sourceWords = pySourceWords(stext)
        contentChars = nil
    }

    @inline(__always) func tokens(role r: Int) -> [Int] {
        r == 0 ? cueTokens : r == 1 ? sourceTokens : contentTokens
    }

    /// Python `gold_type`.
    static func goldType(cue: [Range<Int>], source: [Range<Int>], content: [Range<Int>],
                         index idx: PolNeARTextIndex) -> Int {
        let t = idx.scalars
        let n = t.count
        @inline(__always) func isQuote(_ c: Unicode.Scalar?) -> Bool {
            guard let c else { return false }
            return c == "\"" || c == "\u{201C}" || c == "\u{201D}"
        }
        if let first = content.first, let last = content.last {
            for r in content where idx.slice(r).contains(where: { isQuote($0) }) { return 0 }
            let s = first.lowerBound, e = last.upperBound
            let before: Unicode.Scalar? = (s > 0 && s - 1 < n) ? t[s - 1] : nil
            let after: Unicode.Scalar? = (e >= 0 && e < n) ? t[e] : nil
            var after2: Unicode.Scalar? = nil
            if let a = after, ",.!?;:".unicodeScalars.contains(a), e + 1 < n { after2 = t[e + 1] }
            if isQuote(before) || isQuote(after) || isQuote(after2) { return 0 }
        }
        let cueLower = pyLower(idx.spansText(cue))
        let needle = Array("according to".unicodeScalars)
        if cueLower.count >= needle.count {
            for i in 0...(cueLower.count - needle.count) where cueLower[i] == needle[0] {
                if cueLower[i..<(i + needle.count)].elementsEqual(needle) { return 1 }
            }
        }
        if source.isEmpty { return 2 }
        return 3
    }
}

/// Python `source_ok`.
@inline(__always) func sourceOK(_ g: PreparedAttribution, _ p: PreparedAttribution) -> Bool {
    if !g.hasSource || !p.hasSource { return !g.hasSource && !p.hasSource }
    if spansShareChar(g.source, p.source) { return true }
    return !g.sourceWords.isDisjoint(with: p.sourceWords)
}

let matchEPS = 1e-9

/// Python `match_article`; returns, per threshold, the matched gold indices.
func matchArticle(_ gold: [PreparedAttribution], _ preds: [PreparedAttribution],
                  index idx: PolNeARTextIndex) -> [[(gold: Int, prediction: Int)]] {
    struct Cand { var j: Double; var cj: Double; var gi: Int; var pi: Int }
    let minT = PolNeAR.thresholds.min()!
    var cands: [Cand] = []
    for (gi, g) in gold.enumerated() {
        for (pi, p) in preds.enumerated() {
            let j: Double
            if let gc = g.contentChars {
                j = charJaccard(gc, mergedIntervals(p.content))
            } else {
                // Exact shortcut: J <= min(|A|,|B|)/max(|A|,|B|), and J = 0 when the sorted id
                // ranges are disjoint; rounded division/addition are monotone, so a pair skipped
                // here would also fail `j + EPS < minT` below.
                let a = g.contentTokens, b = p.contentTokens
                if a.isEmpty || b.isEmpty || a[a.count - 1] < b[0] || b[b.count - 1] < a[0] { continue }
                if Double(Swift.min(a.count, b.count)) / Double(Swift.max(a.count, b.count)) + matchEPS < minT { continue }
                j = tokenJaccard(a, b)
            }
            if j + matchEPS < minT || !sourceOK(g, p) { continue }
            cands.append(Cand(j: j, cj: tokenJaccard(g.cueTokens, p.cueTokens), gi: gi, pi: pi))
        }
    }
    // Python sorts (-j, -cue_j, gi, pi) ascending.
    cands.sort { a, b in
        if a.j != b.j { return a.j > b.j }
        if a.cj != b.cj { return a.cj > b.cj }
        if a.gi != b.gi { return a.gi < b.gi }
        return a.pi < b.pi
    }
    var out: [[(gold: Int, prediction: Int)]] = []
    for t in PolNeAR.thresholds {
        var usedG = [Bool](repeating: false, count: gold.count)
        var usedP = [Bool](repeating: false, count: preds.count)
        var pairs: [(gold: Int, prediction: Int)] = []
        for c in cands {
            if c.j + matchEPS < t { break }
            if usedG[c.gi] || usedP[c.pi] { continue }
            usedG[c.gi] = true
            usedP[c.pi] = true
            pairs.append((c.gi, c.pi))
        }
        out.append(pairs)
    }
    return out
}

/// Python `prf`.
func prf(_ tp: Int, _ npred: Int, _ ngold: Int) -> (Double, Double, Double) {
    let p = npred != 0 ? Double(tp) / Double(npred) : 0.0
    let r = ngold != 0 ? Double(tp) / Double(ngold) : 0.0
    let f = p + r != 0 ? 2 * p * r / (p + r) : 0.0
    return (p, r, f)
}

// MARK: - Gold loading internals

/// Reads a file as strict UTF-8 (no BOM stripping, no newline translation), like Python's
/// `open(path, encoding="utf-8", newline="")`.
func readUTF8(path: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw PolNeARLoadError(description: "cannot read \(path)")
    }
    let bytes = [UInt8](data)
    let s = String(decoding: bytes, as: UTF8.self)
    guard s.utf8.elementsEqual(bytes) else {
        throw PolNeARLoadError(description: "\(path) is not valid UTF-8")
    }
    return s
}

/// Python file iteration with newline="": lines end at \n, \r\n or \r; terminators removed.
func pyLines(_ s: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
    var out: [ArraySlice<Unicode.Scalar>] = []
    var start = 0, i = 0
    let n = s.count
    while i < n {
        if s[i] == "\n" {
            out.append(s[start..<i]); i += 1; start = i
        } else if s[i] == "\r" {
            out.append(s[start..<i])
            i += (i + 1 < n && s[i + 1] == "\n") ? 2 : 1
            start = i
        } else {
            i += 1
        }
    }
    if start < n { out.append(s[start..<n]) }
    return out
}

/// Python `int()` of a run of Unicode decimal digits.
func pyInt(_ d: [Unicode.Scalar], path: String) throws -> Int {
    var v = 0
    for c in d {
        guard let x = c.properties.numericValue else {
            throw PolNeARLoadError(description: "\(path): bad offset")
        }
        let (m, o1) = v.multipliedReportingOverflow(by: 10)
        let (a, o2) = m.addingReportingOverflow(Int(x))
        if o1 || o2 { throw PolNeARLoadError(description: "\(path): offset too large") }
        v = a
    }
    return v
}

/// Python `split()` without arguments.
func pySplit(_ s: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
    var out: [ArraySlice<Unicode.Scalar>] = []
    var i = s.startIndex
    while i < s.endIndex {
        while i < s.endIndex && pyIsSpace(s[i].value) { i += 1 }
        if i >= s.endIndex { break }
        let st = i
        while i < s.endIndex && !pyIsSpace(s[i].value) { i += 1 }
        out.append(s[st..<i])
    }
    return out
}

/// Python `parse_ann` + the event part of `load_gold`.
func parseAnn(_ text: String, path: String) throws -> [PolNeARAttribution] {
    let all = Array(text.unicodeScalars)
    var tspans: [[UInt32]: [Range<Int>]] = [:]
    var events: [(etype: [UInt32], args: [([Unicode.Scalar], [UInt32])])] = []
    for line in pyLines(all) {
        let b = line.startIndex, n = line.endIndex
        guard b < n else { continue }
        // ^(T\d+)\t(\S+) ([\d ;]+)\t
        if line[b] == "T" {
            var j = b + 1
            while j < n && pyIsDecimal(line[j]) { j += 1 }
            guard j > b + 1, j < n, line[j] == "\t" else { continue }
            let tid = line[b..<j].map(\.value)
            var m = j + 1
            while m < n && !pyIsSpace(line[m].value) { m += 1 }
            guard m > j + 1, m < n, line[m] == " " else { continue }
            var q = m + 1
            while q < n && (pyIsDecimal(line[q]) || line[q] == " " || line[q] == ";") { q += 1 }
            guard q > m + 1, q < n, line[q] == "\t" else { continue }
            var sp: [Range<Int>] = []
            for part in line[(m + 1)..<q].split(separator: ";", omittingEmptySubsequences: false) {
                let f = pySplit(part)
                guard f.count == 2 else {
                    throw PolNeARLoadError(description: "\(path): malformed span offsets in line \(stringFromScalars(line))")
                }
                let s = try pyInt(Array(f[0]), path: path), e = try pyInt(Array(f[1]), path: path)
                sp.append(s..<Swift.max(s, e))
            }
            tspans[tid] = sp
            continue
        }
        // ^(E\d+)\t(\S+)(.*)$
        if line[b] == "E" {
            var j = b + 1
            while j < n && pyIsDecimal(line[j]) { j += 1 }
            guard j > b + 1, j < n, line[j] == "\t" else { continue }
            var m = j + 1
            while m < n && !pyIsSpace(line[m].value) { m += 1 }
            guard m > j + 1 else { continue }
            let g2 = line[(j + 1)..<m]
            let etype = (g2.firstIndex(of: ":").map { g2[..<$0] } ?? g2).map(\.value)
            var args: [([Unicode.Scalar], [UInt32])] = []
            for a in pySplit(line[m..<n]) {
                guard let c = a.firstIndex(of: ":") else { continue }
                args.append((Array(a[..<c]), a[(c + 1)...].map(\.value)))
            }
            events.append((etype, args))
        }
    }
    let attributionPrefix = scalarValues("Attribution")
    let roleNames = PolNeAR.roles.map { Array($0.unicodeScalars) }
    var gold: [PolNeARAttribution] = []
    for ev in events {
        guard ev.etype.starts(with: attributionPrefix) else { continue }
        var roles: [[Range<Int>]] = [[], [], []]
        for (role, tid) in ev.args {
            guard let sp = tspans[tid] else { continue }
            var end = role.count
            while end > 0 && pyIsDecimal(role[end - 1]) { end -= 1 }
            let base = pyLower(role[..<end])
            if let r = roleNames.firstIndex(of: base) { roles[r].append(contentsOf: sp) }
        }
        if roles[2].isEmpty { continue }
        gold.append(PolNeARAttribution(cue: sortedUnique(roles[0]), source: sortedUnique(roles[1]),
                                       content: sortedUnique(roles[2])))
    }
    return gold
}

extension PolNeAR {
    /// Ascribe's attributions of one PolNeAR article, in the scorer's Unicode-scalar offsets.
    ///
    /// The article text is analysed as plain text, exactly as `ascribe check FILE.txt` reads it;
    /// the source text is the mention itself (the scorer also credits a resolved name that shares
    /// a word with the gold mention, but a mention is what the annotators marked).
    /// The gold attributions no prediction matched at F1@0.5 and the predictions that matched no
    /// gold one: what to read when tuning.
    public static func errors(_ article: PolNeARArticle, predictions: [PolNeARAttribution]) -> (missed: [(attribution: PolNeARAttribution, type: String)], spurious: [PolNeARAttribution]) {
        let preds = predictions.map { PreparedAttribution(prediction: $0, index: article.index) }
        let pairs = matchArticle(article.preparedGold, preds, index: article.index)[thresholds.firstIndex(of: primaryThreshold)!]
        let matchedGold = Set(pairs.map(\.gold)), matchedPredictions = Set(pairs.map(\.prediction))
        return (article.gold.indices.filter { !matchedGold.contains($0) }.map { (article.gold[$0], goldTypes[article.preparedGold[$0].goldType]) },
                predictions.indices.filter { !matchedPredictions.contains($0) }.map { predictions[$0] })
    }

    public static func predictions(for article: PolNeARArticle) -> [PolNeARAttribution] {
        let document = (try? Reader.read(bytes: Array(article.text.utf8), name: article.name))
        guard let document else { return [] }
        let analysis = Attributor.analyze(Extractor.extract(document))
        let offsets = TextOffsets(analysis.article.text)
        func scalar(_ r: Range<Int>) -> Range<Int> { offsets.scalarOffset(r.lowerBound)..<offsets.scalarOffset(r.upperBound) }
        return analysis.attributions.map { a in
            PolNeARAttribution(cue: a.cue.map(scalar), source: a.source.map(scalar), content: a.content.map(scalar))
        }
    }
}

// The attributions and claims of the sentences a diff needs, taken from a full analysis or, for
// speed, from analysing only small windows of text around the changed sentences.
//
// `check` runs at a few MB/s, so analysing two 1 MB versions in full would take most of a second;
// an edit touches a handful of sentences. A window reaches back `before` sentences (so a pronoun
// finds the name it stands for, and a quotation running on from an earlier cue finds its cue)
// and on `after` sentences; overlapping windows merge, and each is analysed as its own article.

/// One attribution of a sentence, in the version's byte offsets.
struct AttributionFact: Sendable {
    var kind: AttributionKind
    var cue: Range<Int>?
    var cueText: String
    var source: Range<Int>?
    var sourceText: String?
    var sourceName: String?
    var sourceKind: SourceKind?
    var content: [Range<Int>]
    var loadedCue: Bool

    /// Who the reader is told speaks: the resolved name, else the words of the mention.
    var who: String {
        if let sourceName { return sourceName }
        if let sourceText { return sourceText }
        return "no source"
    }

    /// A person or body the article names (not an unnamed, vague or missing source).
    var isNamed: Bool {
        guard let k = sourceKind else { return false }
        return [.person, .organisation, .governmentBody, .mediaOutlet].contains(k) && kind != .anonymous && kind != .vague && kind != .noSource
    }

    var kindLabel: String {
        if kind == .anonymous || kind == .vague || kind == .noSource { return kind.rawValue }
        return sourceKind?.rawValue ?? kind.rawValue
    }
}

/// One claim of a sentence.
struct ClaimFact: Sendable {
    var range: Range<Int>
    var status: ClaimStatus
    var source: String?
}

/// What a sentence attributes and claims.
struct SentenceFacts: Sendable {
    var attributions: [AttributionFact] = []
    var claims: [ClaimFact] = []
}

/// Where the facts of a version come from.
enum FactSource: Sendable {
    /// A full analysis of the version.
    case report(ClaimReport)
    /// Analyse windows around the sentences asked for.
    case windows
}

enum DiffFacts {
    static let before = 6
    static let after = 2

    /// Facts of the sentences `needed` (indices into `side.sentences`).
    static func facts(_ side: DiffText, needed: [Int], from source: FactSource) -> [Int: SentenceFacts] {
        guard !needed.isEmpty else { return [:] }
        let wanted = Set(needed)
        var out: [Int: SentenceFacts] = [:]
        func collect(_ report: ClaimReport, offset: Int, accept: (Int) -> Bool) {
            let bytes = report.article.text.utf8.count == side.bytes.count - offset && offset == 0 ? side.bytes : Array(report.article.text.utf8)
            func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
            func shift(_ r: Range<Int>) -> Range<Int> { (r.lowerBound + offset)..<(r.upperBound + offset) }
            for a in report.analysis.attributions where a.kind != .document {
                guard let cue = a.cue.first, let s = side.sentenceIndex(at: cue.lowerBound + offset), wanted.contains(s), accept(s) else { continue }
                let fact = AttributionFact(
                    kind: a.kind, cue: shift(cue), cueText: DiffText.fold(text(cue)), source: a.source.first.map(shift),
                    sourceText: a.source.first.map(text), sourceName: a.sourceResolved?.name, sourceKind: a.sourceResolved?.kind,
                    content: a.content.map(shift), loadedCue: a.loadedCue)
                out[s, default: SentenceFacts()].attributions.append(fact)
            }
            for c in report.claims {
                guard let s = side.sentenceIndex(at: c.sentence.lowerBound + offset), wanted.contains(s), accept(s) else { continue }
                let name = c.source.map { report.sources[$0].name }
                out[s, default: SentenceFacts()].claims.append(ClaimFact(range: shift(c.range), status: c.status, source: name))
            }
        }
        switch source {
        case .report(let report):
            collect(report, offset: 0) { _ in true }
        case .windows:
            for window in windows(needed.sorted(), count: side.sentences.count) {
                let range = side.sentences[window.lowerBound].lowerBound..<side.sentences[window.upperBound - 1].upperBound
                let article = Article(text: side.text(range), format: .text)
                let report = ClaimLinker.link(Attributor.analyze(article))
                collect(report, offset: range.lowerBound) { window.contains($0) }
            }
        }
        return out
    }

    /// Merged sentence-index windows around the needed sentences.
    static func windows(_ needed: [Int], count: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for s in needed {
            let lo = max(0, s - before)
            let hi = min(count, s + after + 1)
            if let last = out.last, lo <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, hi)
            } else {
                out.append(lo..<hi)
            }
        }
        return out
    }
}

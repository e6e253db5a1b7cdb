/// The kinds of change a diff reports. Raw values are the stable `type` names of the JSON output.
public enum DiffEventType: String, Sendable, Equatable, CaseIterable {
    /// A sentence that stayed gained an attribution.
    case attributionAdded = "attribution-added"
    /// An attribution went away together with its sentence's claim.
    case attributionRemoved = "attribution-removed"
    /// The claim stays, its attribution is gone.
    case attributionDropped = "attribution-dropped"
    /// Someone else is credited (named → anonymous called out in `detail`).
    case sourceChanged = "source-changed"
    /// The verb of attribution changed ("said" → "claimed").
    case cueChanged = "cue-changed"
    /// Words inside a direct quotation changed.
    case quoteChanged = "quote-changed"
    case numberChanged = "number-changed"
    case claimAdded = "claim-added"
    case claimRemoved = "claim-removed"
    /// Other words of a sentence that stayed changed.
    case claimChanged = "claim-changed"
    case hedgeAdded = "hedge-added"
    case hedgeRemoved = "hedge-removed"
    /// A sentence or paragraph stands elsewhere, its words unchanged.
    case moved
    /// Headline, byline or dates.
    case metadataChanged = "metadata-changed"
    /// An update or correction line appeared.
    case correctionNotice = "correction-notice"
}

/// How urgently a reviewer should look at an event.
public enum DiffPriority: String, Sendable, Equatable, CaseIterable, Comparable {
    case high, medium, low

    var rank: Int { self == .high ? 0 : self == .medium ? 1 : 2 }
    public static func < (a: DiffPriority, b: DiffPriority) -> Bool { a.rank < b.rank }
}

/// One version's side of an event: the changed words and their sentence.
public struct DiffEventSide: Sendable, Equatable {
    /// UTF-8 byte range in that version's `Article.text`; nil for metadata.
    public var span: Range<Int>?
    /// The text of the span (or the metadata value).
    public var text: String
    /// The sentence holding the span.
    public var sentence: Range<Int>?
    public var sentenceText: String?
}

/// One change in what the article claims or on whose authority.
public struct DiffEvent: Sendable, Equatable {
    public var type: DiffEventType
    public var priority: DiffPriority
    public var old: DiffEventSide?
    public var new: DiffEventSide?
    /// One sentence a reviewer reads ("Jane Doe (person) → a person familiar with the matter (anonymous)").
    public var detail: String
}

/// Two versions of an article compared by claims and attributions.
public struct ArticleDiff: Sendable, Equatable {
    public var old: Article
    public var new: Article
    public var alignment: SentenceAlignment
    /// Metadata first, then in the new version's reading order.
    public var events: [DiffEvent]

    /// Below this share of common sentences the versions are called unrelated.
    public static let unrelatedBelow = 0.2

    /// The share of sentences the versions have in common, 0...1.
    public var shared: Double { alignment.shared }
    public var isUnrelated: Bool { shared < ArticleDiff.unrelatedBelow }

    /// One line: no changes, unrelated versions, or the counts.
    public var summary: String {
        let percent = Int((shared * 100).rounded())
        if isUnrelated {
            return "the versions share \(percent)% of their sentences: they look like different articles, not two versions of one"
        }
        if events.isEmpty { return "no changes in claims or attributions" }
        let high = events.filter { $0.priority == .high }.count
        return "\(events.count) change\(events.count == 1 ? "" : "s") in claims and attributions (\(high) high priority); the versions share \(percent)% of their sentences"
    }
}

/// Compares two versions of an article.
public enum ArticleDiffer {
    /// Diffs two extracted articles, analysing only the text around what changed (fast).
    public static func diff(old: Article, new: Article) -> ArticleDiff {
        diff(DiffText(old), DiffText(new), oldFacts: .windows, newFacts: .windows)
    }

    /// Diffs two fully analysed versions.
    public static func diff(old: ClaimReport, new: ClaimReport) -> ArticleDiff {
        diff(DiffText(old.article), DiffText(new.article), oldFacts: .report(old), newFacts: .report(new))
    }

    /// Diffs an extracted old version against a fully analysed new one (`checklist --since`).
    public static func diff(old: Article, new: ClaimReport) -> ArticleDiff {
        diff(DiffText(old), DiffText(new.article), oldFacts: .windows, newFacts: .report(new))
    }

    static func diff(_ a: DiffText, _ b: DiffText, oldFacts: FactSource, newFacts: FactSource) -> ArticleDiff {
        let alignment = SentenceAligner.align(a, b)
        if alignment.shared < ArticleDiff.unrelatedBelow {
            // Unrelated texts: every sentence (and the headline) would be an event; the summary
            // with the share of common sentences says it all.
            return ArticleDiff(old: a.article, new: b.article, alignment: alignment, events: [])
        }
        var events = metadataEvents(a.article.metadata, b.article.metadata)
        var neededOld: [Int] = []
        var neededNew: [Int] = []
        for row in alignment.rows {
            switch row.kind {
            case .edited:
                neededOld.append(row.old!)
                neededNew.append(row.new!)
            case .removed: neededOld.append(row.old!)
            case .added: neededNew.append(row.new!)
            case .same, .moved: break
            }
        }
        let factsA = DiffFacts.facts(a, needed: neededOld, from: oldFacts)
        let factsB = DiffFacts.facts(b, needed: neededNew, from: newFacts)
        var builder = EventBuilder(a: a, b: b)
        var moveRun: [(Int, Int)] = []
        func flushMoves() {
            guard let first = moveRun.first, let last = moveRun.last else { return }
            builder.moved(old: first.0...last.0, new: first.1...last.1)
            moveRun = []
        }
        for row in alignment.rows {
            if row.kind == .moved, let i = row.old, let j = row.new {
                // One event per block that moved together (a paragraph, not its sentences).
                if let last = moveRun.last, last.0 + 1 != i || last.1 + 1 != j { flushMoves() }
                moveRun.append((i, j))
                continue
            }
            flushMoves()
            if row.kind == .edited && row.moved { builder.moved(old: row.old!...row.old!, new: row.new!...row.new!, edited: true) }
            switch row.kind {
            case .edited: builder.edited(row.old!, row.new!, row.words, factsA[row.old!] ?? SentenceFacts(), factsB[row.new!] ?? SentenceFacts())
            case .added: builder.added(row.new!, factsB[row.new!] ?? SentenceFacts())
            case .removed: builder.removed(row.old!, factsA[row.old!] ?? SentenceFacts())
            case .same, .moved: break
            }
        }
        flushMoves()
        events += builder.events
        return ArticleDiff(old: a.article, new: b.article, alignment: alignment, events: events)
    }

    static func metadataEvents(_ a: Metadata, _ b: Metadata) -> [DiffEvent] {
        var out: [DiffEvent] = []
        func compare(_ field: String, _ x: String?, _ y: String?, _ priority: DiffPriority) {
            // A field only one version has (text beside HTML) is a difference of format, not of content.
            guard let x, let y, !x.isEmpty, !y.isEmpty, DiffText.fold(x) != DiffText.fold(y) else { return }
            out.append(DiffEvent(
                type: .metadataChanged, priority: priority, old: DiffEventSide(span: nil, text: x, sentence: nil, sentenceText: nil),
                new: DiffEventSide(span: nil, text: y, sentence: nil, sentenceText: nil), detail: "\(field): \"\(x)\" → \"\(y)\""))
        }
        compare("headline", a.title, b.title, .medium)
        compare("byline", a.byline.isEmpty ? nil : a.byline.joined(separator: ", "), b.byline.isEmpty ? nil : b.byline.joined(separator: ", "), .medium)
        compare("published", a.published, b.published, .medium)
        compare("modified", a.modified, b.modified, .low)
        return out
    }
}

/// What kind of checkable thing a claim asserts (Full Fact's claim typology, trimmed).
public enum ClaimFeature: String, Sendable, Equatable, CaseIterable {
    /// Digits, percentages, money, "million".
    case quantity
    /// A year, a month or a weekday.
    case date
    /// A named person, place or organisation.
    case namedEntity = "named-entity"
    /// "more than", "the largest", "-est".
    case comparison
    /// "because", "led to", "caused".
    case causal
    /// "will", "is expected to", "could".
    case prediction
    /// Words in quotation marks.
    case quote
}

/// Whether a claim carries a source, and which.
public enum ClaimStatus: String, Sendable, Equatable {
    /// Tied to an attribution.
    case attributed
    /// A checkable statement the article makes in its own voice.
    case unattributed
    /// The author's reading of events ("This point underscores…", "The dialogue suggests…").
    case interpretation
}

/// How a claim was tied to its attribution.
public enum LinkBasis: String, Sendable, Equatable {
    /// The attribution's cue is in the claim's sentence.
    case sameSentence = "same-sentence"
    /// A quotation that runs on from an attributed sentence.
    case continuation
    /// Only the article's credit line ("Attribution: …", "(Reuters) —") covers it.
    case document
    case none
}

/// One checkable statement of the article. Ranges are UTF-8 byte ranges into `Article.text`.
public struct Claim: Sendable, Equatable {
    /// Stable across runs and versions of the article: derived from the claim's words.
    public var id: String
    /// The text of the claim (an attribution's content, or the sentence).
    public var range: Range<Int>
    public var sentence: Range<Int>
    public var status: ClaimStatus
    public var features: [ClaimFeature]
    /// Index into `AttributionAnalysis.attributions`, when attributed (or document-linked).
    public var attribution: Int?
    public var basis: LinkBasis
    /// Index into `ClaimReport.sources`.
    public var source: Int?
    /// Hyperlinks inside or next to the claim's sentence (indices into `Article.links`).
    public var links: [Int]
    /// Hedging words found in the claim ("may", "reportedly").
    public var hedges: [String]
    /// The attribution sits inside another source's words ("X commented on statements made by Y").
    public var secondHandVia: Int?
}

/// A source the article relies on, merged over its mentions.
public struct SourceEntry: Sendable, Equatable {
    public var name: String
    public var kind: SourceKind
    public var role: String?
    /// Every mention: "Israel's ambassador…, Simona Halperin", "Halperin", "she".
    public var mentions: [Range<Int>]
    /// Outlets that relayed its words.
    public var carriers: [Outlet]
    public var claims: [Int]
}

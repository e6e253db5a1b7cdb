/// What kind of attribution a sentence makes.
public enum AttributionKind: String, Sendable, Equatable, CaseIterable {
    /// Words inside quotation marks credited to a source.
    case direct
    /// Reported speech, thought or stance: "She stated that…", "Lavrov commented on…".
    case indirect
    /// "according to X".
    case accordingTo = "according-to"
    /// A media outlet is the source or the carrier: "TASS reported", "as reported by TASS".
    case media
    /// An unnamed group or hedge: "observers note", "critics argue".
    case vague
    /// An unnamed source: "sources said", "a person familiar with the matter".
    case anonymous
    /// No source at all: "it was reported that…".
    case noSource = "no-source"
    /// A line crediting the whole article: "Attribution: As reported by TASS…", "(Reuters) —".
    case document
}

/// What a resolved source is.
public enum SourceKind: String, Sendable, Equatable, CaseIterable {
    case person, organisation
    case governmentBody = "government-body"
    case mediaOutlet = "media-outlet"
    case anonymous, vague, document
    /// A mention we could not tie to anything named (a pronoun with no antecedent, "we").
    case unknown
}

/// The named person or organisation a source mention stands for.
public struct ResolvedSource: Sendable, Equatable, Hashable {
    /// The fullest name found in the article ("Simona Halperin"), or the mention itself.
    public var name: String
    public var kind: SourceKind
    /// The role the article gives it ("Israel's ambassador to Russia").
    public var role: String?
    /// How the mention was tied to the name: named, surname, pronoun, title, possessive, relative.
    public var basis: String

    public init(name: String, kind: SourceKind, role: String? = nil, basis: String) {
        self.name = name
        self.kind = kind
        self.role = role
        self.basis = basis
    }
}

/// A media outlet that carried (relayed) the source's words.
public struct Carrier: Sendable, Equatable {
    /// UTF-8 byte range of the outlet's name in `Article.text`.
    public var range: Range<Int>
    public var outlet: Outlet?
}

/// One attribution relation. Ranges are UTF-8 byte ranges into `Article.text`.
public struct Attribution: Sendable, Equatable {
    public var kind: AttributionKind
    public var cue: [Range<Int>]
    /// The source mention(s) in the text ("she", "Halperin"); empty when there is none.
    public var source: [Range<Int>]
    public var content: [Range<Int>]
    public var sourceResolved: ResolvedSource?
    public var carrier: Carrier?
    /// The sentence that holds the cue.
    public var sentence: Range<Int>
    /// The cue verb is one style guides call loaded ("claimed", "admitted").
    public var loadedCue: Bool

    public init(
        kind: AttributionKind, cue: [Range<Int>], source: [Range<Int>], content: [Range<Int>],
        sourceResolved: ResolvedSource? = nil, carrier: Carrier? = nil, sentence: Range<Int>, loadedCue: Bool = false
    ) {
        self.kind = kind
        self.cue = cue
        self.source = source
        self.content = content
        self.sourceResolved = sourceResolved
        self.carrier = carrier
        self.sentence = sentence
        self.loadedCue = loadedCue
    }

    /// First byte of the attribution (cue, source or content, whichever comes first).
    var start: Int {
        // Without concatenating the arrays: this runs in sort comparisons.
        var first = Int.max
        for r in cue where r.lowerBound < first { first = r.lowerBound }
        for r in source where r.lowerBound < first { first = r.lowerBound }
        for r in content where r.lowerBound < first { first = r.lowerBound }
        return first == Int.max ? sentence.lowerBound : first
    }
}

/// An article with its sentences and attributions: what `ascribe check` reports.
public struct AttributionAnalysis: Sendable, Equatable {
    public var article: Article {
        // The tokens were of the old text.
        didSet { attributionText = nil }
    }
    /// UTF-8 byte ranges of the sentences of `article.text`.
    public var sentences: [Range<Int>]
    /// In text order.
    public var attributions: [Attribution]
    /// The tokenised text the attributor built, kept for `ClaimLinker`, which would otherwise
    /// split and tokenise the same text again (a quarter of the checklist's time). Not part of
    /// the value: equality ignores it, and changing `article` drops it.
    var attributionText: AttributionText?

    public init(article: Article, sentences: [Range<Int>], attributions: [Attribution]) {
        self.article = article
        self.sentences = sentences
        self.attributions = attributions
    }

    init(article: Article, sentences: [Range<Int>], attributions: [Attribution], attributionText: AttributionText) {
        self.init(article: article, sentences: sentences, attributions: attributions)
        self.attributionText = attributionText
    }

    public static func == (a: AttributionAnalysis, b: AttributionAnalysis) -> Bool {
        a.article == b.article && a.sentences == b.sentences && a.attributions == b.attributions
    }
}

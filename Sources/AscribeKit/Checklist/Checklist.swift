/// Why a checklist item was raised. Raw values are stable machine codes (`--fail-on` takes them).
public enum ReasonCode: String, Sendable, Equatable, CaseIterable {
    case stateMedia = "state-media"
    case secondarySourcing = "secondary-sourcing"
    case secondHand = "second-hand"
    case anonymous
    case vague
    case noSource = "no-source"
    case unattributed
    case interpretation
    case numberWithoutSource = "number-without-source"
    case quote
    case unlinkedQuote = "unlinked-quote"
    case loadedVerb = "loaded-verb"
    case hedge
    case singleSource = "single-source"
    case role
    /// An attributed statement with nothing else to flag: still confirm it was said.
    case statement

    /// How much this reason raises an item's priority.
    var weight: Int {
        switch self {
        case .stateMedia: 6
        case .anonymous, .secondHand: 5
        case .vague, .noSource, .interpretation, .numberWithoutSource: 4
        case .secondarySourcing, .unattributed: 3
        case .quote, .unlinkedQuote, .loadedVerb, .singleSource: 2
        case .hedge, .role, .statement: 1
        }
    }
}

/// One reason: its code and a sentence a reviewer reads.
public struct Reason: Sendable, Equatable {
    public var code: ReasonCode
    public var explanation: String
}

/// One thing to verify.
public struct ChecklistItem: Sendable, Equatable {
    /// Stable id: the claim's id (or "R-" and the source for a role to confirm).
    public var id: String
    /// Index into `ClaimReport.claims`; nil for a role claim.
    public var claim: Int?
    public var text: String
    public var source: String?
    public var carrier: String?
    public var reasons: [Reason]
    /// What exactly to check.
    public var verify: [String]
    public var priority: Int
    /// "open" until a reviewer changes it.
    public var status: String
}

/// The reviewer's checklist: every claim worth checking, highest priority first.
public struct Checklist: Sendable, Equatable {
    public var report: ClaimReport
    public var items: [ChecklistItem]

    /// The codes among all items' reasons.
    public var codes: Set<ReasonCode> { Set(items.flatMap { $0.reasons.map(\.code) }) }
}

public enum ChecklistBuilder {
    public static func build(_ report: ClaimReport) -> Checklist {
        let article = report.article
        let bytes = report.analysis.attributionText?.bytes ?? Array(article.text.utf8)
        func text(_ r: Range<Int>) -> String { String(decoding: bytes[r], as: UTF8.self) }
        let attributions = report.analysis.attributions
        let namedSourceCount = report.sources.count(where: { source in
            switch source.kind {
            case .person, .organisation, .governmentBody, .mediaOutlet: true
            default: false
            }
        })
        var items: [ChecklistItem] = []

        for (n, claim) in report.claims.enumerated() {
            // Every claim gets a reason or two and as many lines to verify: one allocation each.
            var reasons: [Reason] = []
            reasons.reserveCapacity(4)
            var verify: [String] = []
            verify.reserveCapacity(4)
            // The attribution's and the source's fields, not copies of them (a copy of an
            // Attribution retained its three arrays; one of a source entry its mention, carrier
            // and claim lists).
            let resolved = claim.attribution.flatMap { attributions[$0].sourceResolved }
            let sourceKind = claim.source.map { report.sources[$0].kind }
            let sourceName = claim.source.map { report.sources[$0].name } ?? (claim.basis == .document ? resolved?.name : nil)
            let carrier: Outlet?
            if let relayedBy = claim.attribution.flatMap({ attributions[$0].carrier?.outlet }) {
                carrier = relayedBy
            } else if resolved?.kind == .mediaOutlet {
                carrier = outlet(named: resolved?.name)
            } else {
                carrier = nil
            }

            switch claim.status {
            case .interpretation:
                reasons.append(Reason(code: .interpretation, explanation: "The article states this in its own voice as analysis; no source is given for the reading."))
                verify.append("Decide whether the interpretation is supported by the attributed facts, or attribute it, or mark it as analysis.")
            case .unattributed:
                if claim.basis == .document, claim.attribution != nil {
                    reasons.append(Reason(code: .unattributed, explanation: "Only the article's credit line (\(resolved?.name ?? "document")) covers this statement."))
                } else {
                    reasons.append(Reason(code: .unattributed, explanation: "The article asserts this without naming a source."))
                }
                if claim.features.contains(.quantity) {
                    reasons.append(Reason(code: .numberWithoutSource, explanation: "A number with no source in its sentence."))
                    verify.append("Find the source of the figure, with its unit, date and base.")
                }
                verify.append("Find an independent source for the statement.")
            case .attributed:
                guard let a = claim.attribution else { break }
                let kind = attributions[a].kind
                switch kind {
                case .anonymous:
                    reasons.append(Reason(code: .anonymous, explanation: "The source is not named (\(attributions[a].source.first.map(text) ?? "unnamed"))."))
                    verify.append("Establish who the source is and why anonymity was granted; seek a named confirmation.")
                case .vague:
                    reasons.append(Reason(code: .vague, explanation: "A vague attribution (\(attributions[a].source.first.map(text) ?? "unnamed group")): weasel words name no one."))
                    verify.append("Name who holds this view, or cut the attribution.")
                case .noSource:
                    reasons.append(Reason(code: .noSource, explanation: "An agentless attribution (\(attributions[a].cue.first.map(text) ?? "")): nobody is credited."))
                    verify.append("Find who said, reported or believes this.")
                default:
                    break
                }
                if let carrier {
                    reasons.append(Reason(code: .secondarySourcing, explanation: "Relayed by \(carrier.name), not heard first-hand."))
                    verify.append("Find the primary source: \(primarySource(role: claim.source.flatMap { report.sources[$0].role }, kind: sourceKind))")
                    if carrier.isStateControlled {
                        reasons.append(Reason(code: .stateMedia, explanation: "\(carrier.name) is a state-affiliated outlet (\(carrier.country)); see \(carrier.citation)."))
                        verify.append("Confirm the wording with a source independent of \(carrier.name).")
                    }
                }
                if let via = claim.secondHandVia, let viaName = attributions[via].sourceResolved?.name {
                    reasons.append(Reason(code: .secondHand, explanation: "Reported second-hand through \(viaName)."))
                    verify.append("Find \(sourceName ?? "the source")'s own statement rather than \(viaName)'s account of it.")
                }
                if kind == .direct {
                    reasons.append(Reason(code: .quote, explanation: "A direct quotation."))
                    verify.append("Check the quote word for word against a transcript or recording.")
                    if claim.links.isEmpty {
                        reasons.append(Reason(code: .unlinkedQuote, explanation: "No link to the original next to the quote."))
                    }
                }
                if attributions[a].loadedCue, let cue = attributions[a].cue.first {
                    let verb = text(cue)
                    reasons.append(Reason(code: .loadedVerb, explanation: "The verb \"\(verb)\" is not neutral; style guides prefer \"said\"."))
                    verify.append("Check that \"\(verb)\" is fair to the source, or use \"said\".")
                }
                if claim.features.contains(.quantity) {
                    verify.append("Check the figure, its unit, date and base.")
                }
                if namedSourceCount == 1, sourceKind == .person || sourceKind == .organisation || sourceKind == .governmentBody {
                    reasons.append(Reason(code: .singleSource, explanation: "The article relies on this one named source."))
                    verify.append("Seek independent corroboration.")
                }
                if reasons.isEmpty {
                    reasons.append(Reason(code: .statement, explanation: "Attributed to \(sourceName ?? "a source") (\(attributions[a].cue.first.map(text) ?? kind.rawValue))."))
                }
                if verify.isEmpty {
                    verify.append("Confirm that \(sourceName ?? "the source") said this, when and where.")
                }
            }
            if !claim.hedges.isEmpty {
                reasons.append(Reason(code: .hedge, explanation: "Hedged (\(claim.hedges.joined(separator: ", ")))."))
            }
            guard !reasons.isEmpty else { continue }
            let priority = reasons.reduce(0) { $0 + $1.code.weight }
            items.append(ChecklistItem(
                id: claim.id, claim: n, text: text(claim.range), source: sourceName,
                carrier: carrier?.name, reasons: reasons, verify: unique(verify), priority: priority, status: "open"))
        }

        // Roles the article gives its sources are facts too ("Israel's ambassador to Russia").
        var roleIDs: Set<String> = []
        for source in report.sources {
            guard let role = source.role, source.kind == .person || source.kind == .governmentBody else { continue }
            // One item per (name, role), even when the registry holds the name under two kinds.
            guard roleIDs.insert(source.name + "|" + role).inserted else { continue }
            var h: UInt64 = WordTokenizer.fnvOffset
            for b in (source.name + "|" + role).utf8 { h = (h ^ UInt64(b)) &* WordTokenizer.fnvPrime }
            items.append(ChecklistItem(
                id: ClaimLinker.hexID(0x52, h), claim: nil,
                text: "\(source.name): \(role)", source: source.name, carrier: nil,
                reasons: [Reason(code: .role, explanation: "The article describes \(source.name) as \(role).")],
                verify: ["Confirm \(source.name)'s title and position at the time of the statements."],
                priority: ReasonCode.role.weight, status: "open"))
        }
        // Ids stay unique even if two roles' words hash alike. (Claim ids are unique already —
        // `ClaimLinker` numbers repeats — and "C…" never meets "R…".)
        var seen: [String: Int] = [:]
        for n in items.indices where items[n].claim == nil {
            let count = seen[items[n].id, default: 0]
            seen[items[n].id] = count + 1
            if count > 0 { items[n].id += "-\(count + 1)" }
        }
        // Highest priority first; text order breaks ties so the list reads like the article.
        // Indices sorted, then items moved into that order: moving ChecklistItems while sorting
        // cost retains of their many fields. (priority, -index) is a total order, so the result
        // is the same whatever the sort.
        items.permute(by: items.indices.sorted { (items[$0].priority, -$0) > (items[$1].priority, -$1) })
        return Checklist(report: report, items: items)
    }

    static func outlet(named name: String?) -> Outlet? {
        guard let name else { return nil }
        return Lexicon.shared.outlets.first { $0.name == name }
    }

    /// Where a statement relayed by an outlet can be found first-hand.
    static func primarySource(role: String?, kind: SourceKind?) -> String {
        let role = role?.lowercased() ?? ""
        func has(_ needle: String) -> Bool { ByteSearch.stringContains(role, needle) }
        if has("ambassador") || has("embassy") { return "briefing transcript or embassy statement" }
        if has("minister") || has("ministry") { return "ministry transcript or official statement" }
        if has("president") || has("prime minister") { return "official transcript or office statement" }
        if kind == .governmentBody || kind == .organisation { return "the organisation's own statement or publication" }
        return "the original statement, transcript or recording"
    }

    /// The first of each string, in order. A linear scan: lists hold a handful of lines, and a
    /// `Set<String>` cost a table and a hash per line.
    static func unique(_ list: [String]) -> [String] {
        // Usually nothing repeats: the list itself, not a copy.
        guard list.indices.contains(where: { n in list[..<n].contains(list[n]) }) else { return list }
        var out: [String] = []
        out.reserveCapacity(list.count)
        for s in list where !out.contains(s) { out.append(s) }
        return out
    }
}

extension Ascribe {
    /// Reads, extracts, analyses and builds the checklist of one file (or stdin for "-"); a text
    /// over `options.maxTextBytes` throws `.textTooLarge`.
    public static func checklist(path: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> Checklist {
        ChecklistBuilder.build(ClaimLinker.link(try check(path: path, options: options)))
    }
}

import Foundation
import Testing
@testable import AscribeKit

@Suite("Claims and checklist") struct ChecklistTests {
    func checklist(_ text: String) -> Checklist {
        ChecklistBuilder.build(ClaimLinker.link(Attributor.analyze(Article(text: text, format: .text))))
    }

    func codes(_ item: ChecklistItem) -> Set<ReasonCode> { Set(item.reasons.map(\.code)) }

    static let example = FixturePaths.shared.map { $0 + "/examples/israel-russia-hostages.txt" }

    @Test(.enabled(if: example != nil, "../shared/examples is absent"))
    func israelRussiaExampleRaisesWhatTheIssueAsks() throws {
        let list = checklist(try String(contentsOfFile: Self.example!, encoding: .utf8))
        let items = list.items
        // Each of Halperin's statements: relayed by a state-affiliated outlet, with the primary source to find.
        let halperin = items.filter { $0.source == "Simona Halperin" && $0.claim != nil }
        #expect(halperin.count >= 3)
        for item in halperin {
            #expect(codes(item).isSuperset(of: [.secondarySourcing, .stateMedia]))
            #expect(item.carrier == "TASS")
            #expect(item.verify.contains("Find the primary source: briefing transcript or embassy statement"))
        }
        #expect(items.contains { $0.source == "Yair Lapid" && $0.claim != nil })
        #expect(items.contains { $0.source == "Sergei Lavrov" && $0.claim != nil })
        #expect(items.contains { $0.source == "Benjamin Netanyahu" && codes($0).contains(.secondHand) && $0.reasons.contains { $0.explanation.contains("Lavrov") } })
        #expect(items.contains { ($0.source ?? "").hasPrefix("former officials") && codes($0).contains(.anonymous) })
        #expect(items.contains { $0.source == "Observers" && codes($0).contains(.vague) })
        let interpretations = items.filter { codes($0).contains(.interpretation) }.map(\.text)
        for opening in ["This point underscores", "The dialogue suggests", "The tension between"] {
            #expect(interpretations.contains { $0.hasPrefix(opening) }, "\(opening)")
        }
        #expect(items.contains { $0.text == "Simona Halperin: Israel’s ambassador to Russia" && codes($0) == [.role] })
        #expect(items.contains { $0.text == "Sergei Lavrov: Russian Foreign Minister" })
        // Highest priority first; ids unique and stable.
        #expect(zip(items, items.dropFirst()).allSatisfy { $0.priority >= $1.priority })
        #expect(Set(items.map(\.id)).count == items.count)
        #expect(checklist(try String(contentsOfFile: Self.example!, encoding: .utf8)).items.map(\.id) == items.map(\.id))
    }

    @Test func everyClaimGetsAnItemAndUnsourcedNumbersAreFlagged() {
        let list = checklist("Freight volumes fell 4 percent last year. The mayor said that the port would reopen in May.")
        #expect(list.report.claims.count == 2)
        #expect(list.items.count == 2)
        let number = list.items.first { $0.text.hasPrefix("Freight") }
        #expect(number.map(codes)?.isSuperset(of: [.unattributed, .numberWithoutSource]) == true)
        // The only named source: flagged single-source; "May" the month is no hedge.
        #expect(list.items.contains { $0.source == "The mayor" && codes($0) == [.singleSource] })
        #expect(list.items.allSatisfy { $0.status == "open" })
    }

    @Test func noAttributionsStillGivesAChecklistOfUnattributedClaims() {
        let list = checklist("The bridge opened in 1932. It carries 40,000 cars a day, more than any other in the region.")
        #expect(!list.items.isEmpty)
        #expect(list.items.allSatisfy { codes($0).contains(.unattributed) })
    }

    @Test func interpretationIsNotDroppedButFlagged() {
        let list = checklist("Officials said the talks failed. This setback underscores how fragile the truce has become.")
        #expect(list.report.claims.contains { $0.status == .interpretation })
    }

    @Test func quotesWithoutALinkAreFlaggedAndLoadedVerbsNamed() {
        let list = checklist("“We never saw the report,” the director admitted on Monday.")
        let item = list.items.first { codes($0).contains(.quote) }
        #expect(item.map(codes)?.contains(.unlinkedQuote) == true)
        #expect(list.items.contains { codes($0).contains(.loadedVerb) })
    }

    @Test func renderersProduceWhatReviewersPaste() throws {
        let list = checklist("Critics argue that the plan is too expensive. Sources said the deal was close. Freight fell 4 percent.")
        let markdown = ChecklistRenderer.markdown(list)
        #expect(markdown.contains("- [ ] **"))
        #expect(markdown.contains("`vague`"))
        let html = HTMLReport.render(list)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script") && !html.contains("src=\"http") && !html.contains("<link"))
        #expect(html.contains("type=\"checkbox\""))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(ChecklistRenderer.json(list).serialized().utf8)) as? [String: Any])
        #expect((json["checklist"] as? [Any])?.count == list.items.count)
        #expect((json["claims"] as? [Any])?.count == list.report.claims.count)
        #expect(json["sources"] is [Any])
        let reviews = try #require(try JSONSerialization.jsonObject(with: Data(ChecklistRenderer.claimReview(list).serialized().utf8)) as? [[String: Any]])
        #expect(reviews.allSatisfy { $0["@type"] as? String == "ClaimReview" && $0["reviewRating"] is NSNull })
    }

    @Test func htmlEscapesArticleText() {
        let html = HTMLReport.render(checklist("The mayor said that <script>alert(1)</script> & more would follow in 2025."))
        #expect(!html.contains("<script"))
        #expect(html.contains("alert(1)&lt;/script&gt; &amp; more"))
    }
}

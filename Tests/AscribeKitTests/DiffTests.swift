import Foundation
import Testing
@testable import AscribeKit

@Suite("Diff of two versions by claims and attributions") struct DiffTests {
    func article(_ text: String) -> Article { Extractor.extract(try! Reader.read(bytes: Array(text.utf8), name: "version.txt")) }

    func diff(_ old: String, _ new: String) -> ArticleDiff {
        ArticleDiffer.diff(old: article(old), new: article(new))
    }

    func types(_ d: ArticleDiff) -> [DiffEventType] { d.events.map(\.type) }

    static let base = """
        Harbour fees to rise next year

        The port authority will raise mooring fees by 12% next year, its director, Maria Lindqvist, said on Tuesday.

        “We have no choice if we want to keep the quays safe,” Lindqvist said.

        Fishermen's groups have protested against the increase. The fees were last raised in 2019.

        The council is expected to approve the budget in March, according to the city's finance office.
        """

    func edit(_ from: String, _ to: String) -> String {
        precondition(Self.base.contains(from), from)
        return Self.base.replacingOccurrences(of: from, with: to)
    }

    @Test func identicalVersionsHaveNoEvents() {
        let d = diff(Self.base, Self.base)
        #expect(d.events.isEmpty)
        #expect(d.summary == "no changes in claims or attributions")
        #expect(d.shared == 1)
    }

    @Test func typographyAloneIsNoChange() {
        var t = Self.base
        t = t.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        t = t.replacingOccurrences(of: "Fishermen's", with: "Fishermen’s").replacingOccurrences(of: "next year, its", with: "next year,\u{00A0}its")
        t = t.replacingOccurrences(of: "in 2019.", with: "in  2019 .").replacingOccurrences(of: "The council", with: "THE COUNCIL")
        t = t.replacingOccurrences(of: "city's finance office.", with: "city’s finance office.")
        let d = diff(Self.base, t)
        #expect(d.events.isEmpty, "\(d.events.map(\.detail))")
        #expect(d.alignment.rows.allSatisfy { $0.kind == .same })
        // Dashes against hyphens, ranges, ellipses.
        let dashes = diff(
            "The plan — backed by the council — passed in the 2015–2016 session… Critics said it was rushed.",
            "The plan - backed by the council - passed in the 2015-2016 session... Critics said it was rushed.")
        #expect(dashes.events.isEmpty, "\(dashes.events.map(\.detail))")
    }

    @Test func movedAndEditedSentenceIsAMoveAndItsEdit() {
        var paragraphs = Self.base.components(separatedBy: "\n\n")
        let quote = paragraphs.remove(at: 2).replacingOccurrences(of: "keep the quays safe", with: "keep the quays open")
        paragraphs.append(quote)
        let d = diff(Self.base, paragraphs.joined(separator: "\n\n"))
        #expect(Set(types(d)) == [.moved, .quoteChanged], "\(d.events.map(\.detail))")
        #expect(d.events.first { $0.type == .moved }?.detail.contains("edited") == true)
        #expect(d.alignment.rows.contains { $0.kind == .edited && $0.moved })
    }

    @Test func renderersEscapeAndSummarise() {
        let old = "Officials said the <script>alert(1)</script> tag was harmless. The fix shipped in 2020."
        let new = "Officials said the <script>alert(2)</script> tag was harmless. The fix shipped in 2020."
        let d = diff(old, new)
        let html = DiffRenderer.html(d)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;"))
        #expect(DiffRenderer.text(diff(old, old)) == "no changes in claims or attributions\n")
        #expect(DiffRenderer.markdown(d).contains("`number-changed`"))
        guard case .object(let root) = DiffRenderer.json(d), case .array(let events) = root["events"] else {
            Issue.record("json shape")
            return
        }
        #expect(events.count == d.events.count)
    }

    @Test func quoteChangeIsHighPriority() {
        let d = diff(Self.base, edit("no choice if we want to keep", "no choice but to keep"))
        let quote = d.events.first { $0.type == .quoteChanged }
        #expect(quote?.priority == .high)
        #expect(quote?.old?.text.contains("if we want") == true)
        #expect(quote?.new?.sentenceText?.contains("no choice but to keep") == true)
        #expect(!types(d).contains(.claimChanged))
    }

    @Test func namedSourceBecomesAnonymous() {
        let d = diff(Self.base, edit("its director, Maria Lindqvist, said on Tuesday", "a person familiar with the matter said on Tuesday"))
        let event = d.events.first { $0.type == .sourceChanged }
        #expect(event != nil, "\(d.events.map(\.detail))")
        #expect(event?.priority == .high)
        #expect(event?.detail.hasPrefix("named → anonymous") == true)
    }

    @Test func cueChange() {
        let d = diff(Self.base, edit("Maria Lindqvist, said on Tuesday", "Maria Lindqvist, claimed on Tuesday"))
        let event = d.events.first { $0.type == .cueChanged }
        #expect(event?.detail.hasPrefix("said → claimed") == true, "\(d.events.map(\.detail))")
        #expect(!types(d).contains(.sourceChanged))
    }

    @Test func numberChange() {
        let d = diff(Self.base, edit("by 12% next year", "by 15% next year"))
        #expect(types(d) == [.numberChanged], "\(d.events.map(\.detail))")
        #expect(d.events.first?.detail == "12 → 15")
        #expect(d.events.first?.old?.text == "12")
        #expect(d.events.first?.new?.text == "15")
    }

    @Test func attributionDroppedWhileTheClaimStays() {
        let d = diff(Self.base, edit(", according to the city's finance office.", "."))
        let event = d.events.first { $0.type == .attributionDropped }
        #expect(event != nil, "\(d.events.map(\.detail))")
        #expect(event?.priority == .high)
        #expect(!types(d).contains(.claimChanged))
    }

    @Test func attributionAddedToAClaimThatStays() {
        let d = diff(Self.base, edit("The fees were last raised in 2019.", "The fees were last raised in 2019, according to the harbour master."))
        #expect(types(d).contains(.attributionAdded), "\(d.events.map(\.detail))")
        #expect(!types(d).contains(.claimChanged))
    }

    @Test func claimAddedAndRemoved() {
        let added = diff(Self.base, edit("The fees were last raised in 2019.", "The fees were last raised in 2019. Ferry tickets will cost 8% more from May, the operator said."))
        #expect(types(added).contains(.claimAdded), "\(added.events.map(\.detail))")
        let removed = diff(Self.base, edit(" The fees were last raised in 2019.", ""))
        #expect(types(removed) == [.claimRemoved], "\(removed.events.map(\.detail))")
    }

    @Test func claimChanged() {
        let d = diff(Self.base, edit("The fees were last raised in 2019.", "The fees were last cut in 2019."))
        let event = d.events.first { $0.type == .claimChanged }
        #expect(event != nil, "\(d.events.map(\.type)) \(d.events.map(\.detail))")
        #expect(event?.detail == "\"raised\" → \"cut\"")
    }

    @Test func hedgesAddedAndRemoved() {
        let added = diff(Self.base, edit("The fees were last raised in 2019.", "The fees were reportedly last raised in 2019."))
        #expect(types(added) == [.hedgeAdded], "\(added.events.map(\.detail))")
        let removed = diff(edit("The fees were last raised in 2019.", "The fees were reportedly last raised in 2019."), Self.base)
        #expect(types(removed) == [.hedgeRemoved], "\(removed.events.map(\.detail))")
    }

    @Test func movedParagraphIsOneMove() {
        let paragraphs = Self.base.components(separatedBy: "\n\n")
        var moved = paragraphs
        let p = moved.remove(at: 1)  // the opening paragraph, now at the end
        moved.append(p)
        let d = diff(Self.base, moved.joined(separator: "\n\n"))
        #expect(types(d) == [.moved], "\(d.events.map(\.detail))")
        #expect(d.events.first?.priority == .low)
        #expect(d.events.first?.new?.text == p)
    }

    @Test func metadataAndCorrectionNotice() {
        var t = Self.base.replacingOccurrences(of: "Harbour fees to rise next year", with: "Harbour fees to rise sharply next year")
        t += "\n\nCorrection: An earlier version of this article misstated the year the fees were last raised."
        let d = diff(Self.base, t)
        #expect(types(d).contains(.metadataChanged), "\(d.events.map(\.detail))")
        #expect(d.events.first { $0.type == .metadataChanged }?.detail.hasPrefix("headline:") == true)
        #expect(types(d).contains(.correctionNotice))
    }

    @Test func unrelatedArticlesShareAlmostNothing() {
        let other = """
            Storm closes mountain pass

            Heavy snow closed the northern pass on Sunday, the road agency said.

            Drivers were told to use the coastal route until the ploughs finish.

            Forecasters expect another 40 cm of snow by Wednesday.
            """
        let d = diff(Self.base, other)
        #expect(d.isUnrelated)
        #expect(d.summary.hasPrefix("the versions share 0% of their sentences"), "\(d.summary)")
        #expect(d.events.isEmpty)
    }

    @Test func movedEditedAndFullReportAgree() {
        // The pure entry point on full analyses finds the same events as the windowed one.
        let new = edit("by 12% next year", "by 15% next year")
        let full = ArticleDiffer.diff(
            old: ClaimLinker.link(Attributor.analyze(article(Self.base))), new: ClaimLinker.link(Attributor.analyze(article(new))))
        #expect(full.events.map(\.type) == diff(Self.base, new).events.map(\.type))
    }

    @Test func checklistSinceKeepsOnlyChangedClaims() throws {
        let new = edit("by 12% next year", "by 15% next year")
        let list = ChecklistBuilder.build(ClaimLinker.link(Attributor.analyze(article(new))))
        let since = list.since(ArticleDiffer.diff(old: article(Self.base), new: list.report))
        #expect(!since.items.isEmpty)
        #expect(since.items.count < list.items.count)
        // Every item kept is a claim of the one edited sentence.
        let bytes = Array(new.utf8)
        for item in since.items {
            let n = try #require(item.claim)
            let sentence = String(decoding: bytes[list.report.claims[n].sentence], as: UTF8.self)
            #expect(sentence.contains("15%"), "\(item.text)")
        }
        let same = list.since(ArticleDiffer.diff(old: article(new), new: list.report))
        #expect(same.items.isEmpty)
    }

    @Test func sentenceAlignmentIsSubquadratic() {
        // 6,000 sentences, a few edits: alignment must not compare all pairs.
        var sentences: [String] = []
        for n in 0..<6000 { sentences.append("Sentence number \(n) reports that the harbour handled \(n * 7) ships in week \(n % 52).") }
        let old = sentences.joined(separator: " ")
        sentences[100] = "Sentence number 100 reports that the harbour handled 701 ships in week 48."
        sentences.remove(at: 3000)
        let new = sentences.joined(separator: " ")
        let start = Date()
        let alignment = SentenceAligner.align(DiffText(Article(text: old, format: .text)), DiffText(Article(text: new, format: .text)))
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(alignment.rows.filter { $0.kind == .edited }.count == 1)
        #expect(alignment.rows.filter { $0.kind == .removed }.count == 1)
    }
}

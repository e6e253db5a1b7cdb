import Testing

@testable import AscribeKit

@Suite("Extracting the article")
struct ExtractionTests {
    func article(_ name: String) throws -> Article { try Ascribe.extract(path: FixturePaths.fixture(name)) }

    func slice(_ article: Article, _ range: Range<Int>) -> String {
        String(decoding: Array(article.text.utf8)[range], as: UTF8.self)
    }

    @Test func bodyWithoutPageChrome() throws {
        let a = try article("news-article.html")
        #expect(a.text.contains("The Northport harbour authority will raise mooring fees by 12 percent"))
        #expect(a.text.contains("Annual berths: from 1,850 to 2,072 euros."))
        #expect(a.text.contains("Fishermen say the rise will push small boats out of the harbour."))
        for chrome in ["We use cookies", "Great article", "Ferry timetable", "All rights reserved", "Opinion"] {
            #expect(!a.text.contains(chrome), "chrome left in: \(chrome)")
        }
    }

    @Test func headlineIsMetadataNotRepeated() throws {
        let a = try article("news-article.html")
        #expect(a.metadata.title == "Harbour fees to rise 12% next year, port authority says")
        #expect(!a.text.contains("Harbour fees to rise 12% next year"))
    }

    @Test func metadataFromMetaTags() throws {
        let m = try article("news-article.html").metadata
        #expect(m.byline == ["Maria Lindqvist"])
        #expect(m.published?.hasPrefix("2025-03-14") == true)
        #expect(m.publisher == "The Coastal Ledger")
        #expect(m.url == "https://ledger.example.org/news/2025/harbour-fees")
        #expect(m.language == "en")
        #expect(m.description == "The port authority will raise mooring fees by 12 percent.")
    }

    @Test func linksAreSpansWithAbsoluteURLs() throws {
        let a = try article("news-article.html")
        let report = try #require(a.links.first { slice(a, $0.range) == "authority's own dredging report" })
        #expect(report.href == "https://ledger.example.org/reports/dredging-2024.pdf")
        let fishers = try #require(a.links.first { slice(a, $0.range) == "fishermen's association" })
        #expect(fishers.href == "https://fishers.example.net/statement")
    }

    @Test func blocksKeepTheirKinds() throws {
        let a = try article("news-article.html")
        let kinds = a.blocks.map { ($0.kind, slice(a, $0.range)) }
        #expect(kinds.contains { $0.0 == .heading && $0.1 == "What changes for boat owners" })
        #expect(kinds.contains { $0.0 == .quote && $0.1.hasPrefix("Fishermen say") })
        #expect(kinds.contains { $0.0 == .listItem && $0.1.hasPrefix("Day visitors") })
        // Blocks are separated by exactly one blank line.
        for (first, second) in zip(a.blocks, a.blocks.dropFirst()) {
            #expect(slice(a, first.range.upperBound..<second.range.lowerBound) == "\n\n")
        }
    }

    @Test func tagSoupKeepsEveryParagraph() throws {
        let a = try article("tag-soup.html")
        #expect(a.text.contains("First paragraph of a broken page bold both still italic"))
        #expect(a.text.contains("Second paragraph never closed"))
        #expect(a.text.contains("Last words of the story are here."))
    }

    @Test func deeplyNestedArticleIsFound() throws {
        var html = "<html><body>" + String(repeating: "<div>", count: 100_000)
        html += "<p>The council approved the budget on Tuesday, the mayor said, after a long debate.</p>"
        html += String(repeating: "</div>", count: 100_000) + "</body></html>"
        let a = Extractor.extract(try Reader.read(bytes: Array(html.utf8), name: "deep.html"))
        #expect(a.text == "The council approved the budget on Tuesday, the mayor said, after a long debate.")
    }

    @Test func jsonSpansUseUnicodeScalarOffsets() throws {
        let html = "<html><body><article><p>Ünïcödé “quoted” text with a <a href='https://x.example/'>link — here</a> inside it, said the mayor.</p></article></body></html>"
        let a = Extractor.extract(try Reader.read(bytes: Array(html.utf8), name: "u.html"))
        guard case .object(let json) = ArticleRenderer.json(a), case .array(let links)? = json["links"],
            case .object(let link)? = links.first, case .int(let start)? = link["start"], case .int(let end)? = link["end"]
        else {
            Issue.record("no link in JSON")
            return
        }
        let scalars = Array(a.text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[start..<end])) == "link — here")
        #expect(json["schema"] == .string("ascribe/1"))
    }

    func extract(html: String) throws -> Article {
        Extractor.extract(try Reader.read(bytes: Array(html.utf8), name: "page.html"))
    }

    static let storyParagraphs = (1...6).map {
        "<p>Paragraph \($0) of the story: the council voted on the harbour budget, and the mayor said the newsletter of the port authority had misreported the figures again this week.</p>"
    }.joined()

    @Test func furnitureAfterTheStoryIsCut() throws {
        let page = "<html><body><article>" + Self.storyParagraphs
            + "<p>Photo: Jane Doe/Reuters</p><p>&nbsp;</p>"
            + "<h2>Explore further</h2><p>Scientists find the oldest harbour wall in Europe, a discovery that changes what we know about early trade routes.</p>"
            + "<p>Download the Ledger app for iOS and Android.</p></article></body></html>"
        let a = try extract(html: page)
        #expect(a.text.contains("Paragraph 6 of the story"))
        // A story that mentions a newsletter in its own text keeps it.
        #expect(a.text.contains("the newsletter of the port authority"))
        for furniture in ["Jane Doe/Reuters", "Explore further", "oldest harbour wall", "Ledger app"] {
            #expect(!a.text.contains(furniture), "furniture left in: \(furniture)")
        }
        #expect(a.blocks.allSatisfy { !slice(a, $0.range).allSatisfy { $0 == " " || $0 == "\u{A0}" } }, "a blank block")
    }

    @Test func captionWithCreditIsDroppedButCaptionlessTextStays() throws {
        let page = "<html><body><article>" + Self.storyParagraphs
            + "<p>Harbour master Ann Berg at the quay. (Foto: dpa)</p>"
            + "<p>Berg said the fees (see table) were fair.</p></article></body></html>"
        let a = try extract(html: page)
        #expect(!a.text.contains("(Foto: dpa)"))
        #expect(a.text.contains("Berg said the fees (see table) were fair."))
    }

    @Test func markdownRendersLinksAndHeadings() throws {
        let markdown = ArticleRenderer.markdown(try article("news-article.html"))
        #expect(markdown.hasPrefix("# Harbour fees to rise 12% next year, port authority says"))
        #expect(markdown.contains("[fishermen's association](https://fishers.example.net/statement)"))
        #expect(markdown.contains("## What changes for boat owners"))
        #expect(markdown.contains("- Annual berths"))
    }
}

@Suite("Pages drawn by JavaScript")
struct StructuredBodyTests {
    @Test func articleBodyFromJSONLDWhenTheSavedPageHasNoText() throws {
        let html = """
            <html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Dam opens",
            "articleBody":"The new dam opened on Monday after six years of work, the regional water board said. Engineers filled the reservoir over the winter.\\nIt will supply 40,000 homes, according to the board's annual report, and cost 210 million euros."}</script></head>
            <body><div id="app">Loading…</div></body></html>
            """
        let a = Extractor.extract(try Reader.read(bytes: Array(html.utf8), name: "js.html"))
        #expect(a.text.hasPrefix("The new dam opened on Monday after six years of work"))
        #expect(a.blocks.count == 2)
        #expect(!a.text.contains("Loading"))
    }
}

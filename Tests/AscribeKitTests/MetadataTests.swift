import Testing

@testable import AscribeKit

/// Small literal pages → expected title, byline and date.
struct MetadataTests {
    func metadata(_ html: String) throws -> Metadata {
        let document = try Reader.read(bytes: Array(html.utf8), name: "page.html")
        return Extractor.extract(document).metadata
    }

    let body = "<p>" + String(repeating: "Ein Absatz mit genug Text, damit er als Inhalt zählt. ", count: 6) + "</p>"

    @Test func titlePrefersTheHeadingThatAgreesWithMetaTitles() throws {
        let m = try metadata(
            """
            <html><head><title>Coronavirus: New York ramps up mass burials amid outbreak - BBC News</title>
            <meta property="og:title" content="New York ramps up mass burials amid virus outbreak"></head>
            <body><h1>Coronavirus: New York ramps up mass burials amid outbreak</h1>\(body)</body></html>
            """)
        #expect(m.title == "Coronavirus: New York ramps up mass burials amid outbreak")
    }

    @Test func titleSkipsASiteNameHeading() throws {
        let m = try metadata(
            """
            <html><head><title>Was ist Virales Marketing? | DimidoBlog</title></head>
            <body><h1>DimidoBlog</h1><h2>Was ist Virales Marketing?</h2>\(body)</body></html>
            """)
        #expect(m.title == "Was ist Virales Marketing?")
    }

    @Test func titleDecodesDoubleEscapedEntities() throws {
        let m = try metadata(
            """
            <html><head><meta property="og:title" content="Thermen- &amp;#038; Vulkanland"></head>
            <body>\(body)</body></html>
            """)
        #expect(m.title == "Thermen- & Vulkanland")
    }

    @Test func dateFromVisibleGermanDatelineNearTheHeadline() throws {
        let m = try metadata(
            """
            <html><head><title>Gute Löhne</title></head><body>
            <h1>Gute Löhne</h1><span class="publishingdate">Samstag, 5. Oktober 2013</span>\(body)</body></html>
            """)
        #expect(m.published == "2013-10-05")
    }

    @Test func dateFromCanonicalURL() throws {
        let m = try metadata(
            """
            <html><head><link rel="canonical" href="https://example.org/2017/06/29/some-post/"></head>
            <body><h1>Post</h1>\(body)</body></html>
            """)
        #expect(m.published == "2017-06-29")
    }

    @Test func datePrefersArticlePublishedTime() throws {
        let m = try metadata(
            """
            <html><head><meta property="article:published_time" content="2023-11-01 08:20:40">
            <meta property="article:modified_time" content="2023-11-03T10:00:00Z"></head>
            <body><h1>T</h1>\(body)</body></html>
            """)
        #expect(m.published?.prefix(10) == "2023-11-01")
    }

    @Test func dateScannerFormats() {
        let cases: [(String, String)] = [
            ("Stand: 12.11.2021", "2021-11-12"),
            ("Updated June 13, 2019", "2019-06-13"),
            ("9 oct 2018", "2018-10-09"),
            ("Veröffentlicht am 06.10.2023", "2023-10-06"),
            ("28.01.22 / News", "2022-01-28"),
            ("2019-10-16T18:15:00Z", "2019-10-16"),
        ]
        for (text, expected) in cases {
            #expect(MetadataDateScanner.find(in: Array(text.utf8)) == expected, "\(text)")
        }
        #expect(MetadataDateScanner.inURL("https://web.archive.org/web/20160218174457/http://x.de/2010/05/19/post/") == "2010-05-19")
        #expect(MetadataDateScanner.inURL("https://x.de/artikel/12345") == nil)
    }

    @Test func authorFromJSONLDGraphReference() throws {
        let m = try metadata(
            """
            <html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[
              {"@type":"Article","headline":"T","author":{"@id":"https://x.de/#author"}},
              {"@type":"Person","@id":"https://x.de/#author","name":"Rasender Reporter"}]}
            </script></head><body><h1>T</h1>\(body)</body></html>
            """)
        #expect(m.byline == ["Rasender Reporter"])
    }

    @Test func authorFromVisibleBylineSplitsNames() throws {
        let m = try metadata(
            """
            <html><head><title>T</title></head><body><h1>T</h1>
            <p class="byline">Von <a href="/a">Roland Brockmann</a> und <a href="/b">Sebastian Drescher</a></p>\(body)</body></html>
            """)
        #expect(m.byline == ["Roland Brockmann", "Sebastian Drescher"])
    }

    @Test func authorLabelFollowedByName() throws {
        let m = try metadata(
            """
            <html><head><title>T</title></head><body><h1>T</h1>
            <div class="meta">Posted on September 21, 2020 by <a href="/u">Adi Tzlil</a></div>\(body)</body></html>
            """)
        #expect(m.byline == ["Adi Tzlil"])
    }

    @Test func authorRejectsTheSiteNameButKeepsADesk() throws {
        let site = try metadata(
            """
            <html><head><meta property="og:site_name" content="Makronom"><meta name="author" content="Makronom"></head>
            <body><h1>T</h1><span class="author">Clara Löw</span>\(body)</body></html>
            """)
        #expect(site.byline == ["Clara Löw"])
        let desk = try metadata(
            """
            <html><head><meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Redaktion"></head>
            <body><h1>T</h1>\(body)</body></html>
            """)
        #expect(desk.byline == ["Redaktion"])
    }

    @Test func bylineCleanerStripsLabelsAndDates() {
        #expect(BylineCleaner.names("Zeige alle Beiträge von Simon Dückert →") == ["Simon Dückert"])
        #expect(BylineCleaner.names("Sara Zinnecker Stand: 05. Februar 2020") == ["Sara Zinnecker"])
        #expect(BylineCleaner.names("By Jane Doe and John Roe") == ["Jane Doe", "John Roe"])
    }
}

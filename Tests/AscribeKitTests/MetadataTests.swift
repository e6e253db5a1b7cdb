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

    @Test func dateLocalMidnightStoredInUTCIsTheNextDay() throws {
        let m = try metadata(
            """
            <html lang="de"><head><meta property="article:published_time" content="2022-11-06T23:00:00.000Z"></head>
            <body><h1>T</h1>\(body)</body></html>
            """)
        #expect(m.published?.prefix(10) == "2022-11-07")
        #expect(MetadataDateClock.adding(days: 1, to: "2018-12-31") == "2019-01-01")
        #expect(MetadataDateClock.adding(days: 1, to: "2024-02-28") == "2024-02-29")
    }

    @Test func dateFromURLWhenTheDeclaredStampIsOneDayOff() throws {
        let m = try metadata(
            """
            <html lang="en"><head><link rel="canonical" href="https://example.org/2019/01/01/ins-neue-jahr/">
            <meta property="article:published_time" content="2018-12-31T23:11:59+00:00"></head>
            <body><h1>T</h1>\(body)</body></html>
            """)
        #expect(m.published == "2019-01-01")
    }

    @Test func dateAfterALabelInTheNextElement() throws {
        let m = try metadata(
            """
            <html><head><title>T</title></head><body><h1>T</h1>
            <span class="sub">Erschienen am:</span><h2 class="x"> 13.10.2021 </h2>\(body)</body></html>
            """)
        #expect(m.published == "2021-10-13")
    }

    @Test func dateFromInlineAppStateWhenNothingElseIsThere() throws {
        let m = try metadata(
            """
            <html><head><title>T</title><script>var product = {"title":"Kaffee","published_at":"2019-03-02T06:22:28+01:00"};</script></head>
            <body><h1>T</h1>\(body)</body></html>
            """)
        #expect(m.published?.prefix(10) == "2019-03-02")
    }

    @Test func dateFromHowToJSONLDButTitleFromTheHeading() throws {
        let m = try metadata(
            """
            <html><head><title>Zitronenkuchen vom Blech: einfach köstlich!</title><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"Recipe","name":"Zitronenkuchen","datePublished":"2022-01-10T22:06:08Z"}
            </script></head><body><h1>Zitronenkuchen vom Blech: einfach köstlich!</h1>\(body)</body></html>
            """)
        #expect(m.published?.prefix(10) == "2022-01-10")
        #expect(m.title == "Zitronenkuchen vom Blech: einfach köstlich!")
    }

    @Test func dateInURLAsDayMonthYearOrCompact() {
        #expect(MetadataDateScanner.inURL("https://weisser-ring.de/media-news/meldungen/29-10-2021") == "2021-10-29")
        #expect(MetadataDateScanner.inURL("https://www.bundesrat.de/texte/22/20220127-weremember.html") == "2022-01-27")
    }

    @Test func dateEntryDateUpdatedIsThePublicationStamp() throws {
        let m = try metadata(
            """
            <html><head><title>T</title></head><body><h1>T</h1>
            <span class="td-post-date"><time class="entry-date updated td-module-date" datetime="2020-01-19T20:59:00+00:00">January 19, 2020</time></span>
            \(body)</body></html>
            """)
        #expect(m.published?.prefix(10) == "2020-01-19")
    }

    @Test func authorFullNameExtendsADeclaredFirstName() throws {
        let m = try metadata(
            """
            <html><head><title>T</title><meta name="author" content="Nils"></head><body><h1>T</h1>\(body)
            <p>Nils Pickert, Jahrgang 1979, schreibt über Gleichberechtigung.</p></body></html>
            """)
        #expect(m.byline == ["Nils Pickert"])
    }

    @Test func classFlagsMatchWithoutLowercasingCopies() {
        #expect(MetadataBytes.classFlags(ArraySlice("Post-Date".utf8)) & MetadataBytes.dateFlag != 0)
        #expect(MetadataBytes.classFlags(ArraySlice("byline AUTHOR".utf8)) & MetadataBytes.authorFlag != 0)
        #expect(MetadataBytes.classFlags(ArraySlice("entry-date updated".utf8)) & MetadataBytes.publishFlag != 0)
        #expect(MetadataBytes.classFlags(ArraySlice("comment-author".utf8)) & MetadataBytes.commentFlag != 0)
        #expect(MetadataBytes.hasWord(ArraySlice("nofollow Author".utf8), Array("author".utf8)))
        #expect(BylineCleaner.names("Von Max Muster am 12.03.2020") == ["Max Muster"])
        #expect(BylineCleaner.names("Jane Doe (Illustration: Foo)") == ["Jane Doe"])
    }

    @Test func authorSignedUnderTheArticle() throws {
        let m = try metadata(
            """
            <html><head><title>Halbfinale</title></head><body><h1>Halbfinale</h1>\(body)
            <p><b><i>Stefan Wasmer</i></b></p></body></html>
            """)
        #expect(m.byline == ["Stefan Wasmer"])
    }

    @Test func authorAfterALabelInTheMiddleOfADateline() throws {
        let m = try metadata(
            """
            <html><head><title>T</title></head><body><h1>T</h1>
            <div class="news-single-timedata"><span>05.02.2020 - Redaktion: Eberhard Fuhr</span></div>\(body)</body></html>
            """)
        #expect(m.byline == ["Eberhard Fuhr"])
    }

    @Test func authorLoneFirstNameExtendedByTheFullNameOnThePage() throws {
        let m = try metadata(
            """
            <html><head><title>T</title></head><body><h1>T</h1>
            <span class="author"><a href="/auteur/x">Loïc</a></span>\(body)
            <p>Par <a href="/auteur/loic-le-clerc"><strong>Loïc Le Clerc</strong></a></p></body></html>
            """)
        #expect(m.byline == ["Loïc Le Clerc"])
    }

    @Test func authorFromAForumUsername() throws {
        let m = try metadata(
            """
            <html><head><title>Jede Nacht</title></head><body><h1>Jede Nacht</h1>
            <div class="meta">Themenstarter <a class="username" href="/u/1">Pepemaus</a></div>\(body)</body></html>
            """)
        #expect(m.byline == ["Pepemaus"])
    }

    /// The byte-wise lower-casing agrees with the standard library on every character it maps itself
    /// (ASCII, Latin-1, general punctuation), alone and next to others, and falls back elsewhere.
    @Test func fastLowercasedMatchesLowercased() {
        let scalars = (0x01...0xFF).compactMap(Unicode.Scalar.init) + (0x2000...0x203F).compactMap(Unicode.Scalar.init)
        for s in scalars {
            let one = String(Character(s))
            for text in [one, "A" + one + "Ü", one + "é" + one, "x\(one)\(one)Z"] {
                #expect(text.fastLowercased == text.lowercased(), "\(text.debugDescription)")
                #expect(text[...].fastLowercased == text.lowercased(), "\(text.debugDescription)")
            }
        }
        for text in ["ΣΑΣ", "İSTANBUL", "ПРАВДА", "Ǆ", "STRASSE ẞ", "Ａ", "€ UND ÄRGER", "\u{2040}A", "E\u{301}"] {
            #expect(text.fastLowercased == text.lowercased(), "\(text.debugDescription)")
        }
    }

    /// Title tokens split on bytes agree with the split on Characters for every character the byte
    /// path classifies itself, between letters, digits and each other.
    @Test func titleTokensMatchTheCharacterSplit() {
        let scalars = (0x01...0xFF).compactMap(Unicode.Scalar.init) + (0x2000...0x203F).compactMap(Unicode.Scalar.init)
        for s in scalars {
            let one = String(Character(s))
            for text in ["Wort" + one + "Zwei", one + "ab" + one, "x\(one)\(one)1", "É\(one)ü", one] {
                let expected = Set(text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }))
                #expect(TitleMatcher.tokens(text) == expected, "\(text.debugDescription)")
            }
        }
    }
}

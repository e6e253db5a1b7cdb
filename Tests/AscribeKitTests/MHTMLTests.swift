import Testing
@testable import AscribeKit

// Fixtures below were written by hand for these tests; they imitate the shape of real saves
// (Blink's "Webpage, Single File" and Internet Explorer's .mht) without copying any.

private func bytes(_ string: String) -> [UInt8] { Array(string.utf8) }

/// The same text with every LF turned into CRLF (fixtures are written with LF line ends).
private func crlf(_ string: String) -> [UInt8] {
    var out: [UInt8] = []
    for byte in string.utf8 {
        if byte == 0x0A { out.append(0x0D) }
        out.append(byte)
    }
    return out
}

private let chromeStyle = """
    From: <Saved by Blink>
    Snapshot-Content-Location: https://example.org/articles/quotes?id=7
    Subject: =?utf-8?Q?Quotes=20page?=
    Date: Tue, 14 May 2024 09:30:00 -0000
    MIME-Version: 1.0
    Content-Type: multipart/related;
    \ttype="text/html";
    \tboundary="----MultipartBoundary--abc----"


    ------MultipartBoundary--abc----
    Content-Type: text/html; charset=UTF-8
    Content-ID: <frame-1@mhtml.blink>
    Content-Transfer-Encoding: quoted-printable
    Content-Location: https://example.org/articles/quotes?id=7

    <!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text=
    /html; charset=3DUTF-8"><title>Quotes</title></head>
    <body><p>She said =E2=80=9CHello=E2=80=9D and left. This line is long enou=
    gh to be wrapped by the encoder.</p></body></html>
    ------MultipartBoundary--abc----
    Content-Type: image/png
    Content-Transfer-Encoding: base64
    Content-Location: https://example.org/img/dot.png

    iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA
    60e6kgAAAABJRU5ErkJggg==
    ------MultipartBoundary--abc------

    """

private func chromeStyleExpectedHTML(lineEnd: String) -> [UInt8] {
    bytes(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=UTF-8\">"
            + "<title>Quotes</title></head>" + lineEnd
            + "<body><p>She said \u{201C}Hello\u{201D} and left. This line is long enough to be wrapped"
            + " by the encoder.</p></body></html>"
    )
}

/// IE-style .mht: folded headers with tabs, a preamble, a base64 HTML part in windows-1251.
private let ieStyle = """
    From: <Saved by Windows Internet Explorer 8>
    Subject: Test page
    Date: Mon, 3 Apr 2017 12:00:00 +0300
    MIME-Version: 1.0
    Content-Type: multipart/related;
    \ttype="text/html";
    \tboundary="----=_NextPart_000_0000_01D2AC5B.2F4C1A30"
    X-MimeOLE: Produced By Microsoft MimeOLE V6.1.7601.17609

    This is a multi-part message in MIME format.

    ------=_NextPart_000_0000_01D2AC5B.2F4C1A30
    Content-Type: text/html;
    \tcharset="windows-1251"
    Content-Transfer-Encoding: base64
    Content-Location: http://example.ru/privet.html

    PGh0bWw+PGhlYWQ+PHRpdGxlPs/w6OLl8jwvdGl0bGU+PC9oZWFkPg0KPGJvZHk+PHA+z/Do4uXy
    LCDs6PAhPC9wPjwvYm9keT48L2h0bWw+DQo=

    ------=_NextPart_000_0000_01D2AC5B.2F4C1A30
    Content-Type: image/gif
    Content-Transfer-Encoding: base64
    Content-Location: http://example.ru/spacer.gif

    R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==

    ------=_NextPart_000_0000_01D2AC5B.2F4C1A30--

    """

/// "Привет" in windows-1251.
private let privet1251: [UInt8] = [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]

private let ieStyleExpectedHTML: [UInt8] =
    bytes("<html><head><title>") + privet1251 + bytes("</title></head>\r\n<body><p>") + privet1251
    + bytes(", ") + [0xEC, 0xE8, 0xF0] + bytes("!</p></body></html>\r\n")

@Suite("MHTML")
struct MHTMLTests {
    // MARK: - Chrome / Blink style

    @Test func chromeStyleHTMLPartIsDecodedExactly() throws {
        let part = try MHTML.htmlPart(of: bytes(chromeStyle))
        #expect(part.body == chromeStyleExpectedHTML(lineEnd: "\n"))
        #expect(part.contentType == "text/html")
        #expect(part.charset == "utf-8")
        #expect(part.location == "https://example.org/articles/quotes?id=7")
        #expect(String(decoding: part.body, as: UTF8.self).contains("\u{201C}Hello\u{201D}"))
    }

    @Test func chromeStyleWithCRLFLineEnds() throws {
        let part = try MHTML.htmlPart(of: crlf(chromeStyle))
        #expect(part.body == chromeStyleExpectedHTML(lineEnd: "\r\n"))
        #expect(part.charset == "utf-8")
        #expect(part.location == "https://example.org/articles/quotes?id=7")
        #expect(MHTML.looksLikeMHTML(crlf(chromeStyle)))
    }

    @Test func chromeStyleLooksLikeMHTML() {
        #expect(MHTML.looksLikeMHTML(bytes(chromeStyle)))
    }

    @Test func snapshotLocationPicksTheMainFrameOverAnEarlierFrame() throws {
        let mhtml = """
            From: <Saved by Blink>
            Snapshot-Content-Location: https://example.org/main
            MIME-Version: 1.0
            Content-Type: multipart/related; type="text/html"; boundary="B"

            --B
            Content-Type: text/html
            Content-Location: https://ads.example.net/frame

            <p>frame</p>
            --B
            Content-Type: text/html
            Content-Location: https://example.org/main

            <p>main</p>
            --B--
            """
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.body == bytes("<p>main</p>"))
        #expect(part.location == "https://example.org/main")
    }

    @Test func partWithoutLocationTakesTheSnapshotLocation() throws {
        let mhtml = """
            Snapshot-Content-Location: https://example.org/page
            Content-Type: multipart/related; boundary=XYZ

            --XYZ
            Content-Type: text/html; charset="ISO-8859-1"

            <p>hi</p>
            --XYZ--
            """
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.body == bytes("<p>hi</p>"))
        #expect(part.location == "https://example.org/page")
        #expect(part.charset == "iso-8859-1")
    }

    @Test func startParameterSelectsThePartByContentID() throws {
        let mhtml = """
            MIME-Version: 1.0
            Content-Type: multipart/related; start="<main@example>"; type="text/html";
             boundary="--sep"

            ----sep
            Content-Type: text/html
            Content-ID: <other@example>

            <p>other</p>
            ----sep
            Content-Type: text/html
            Content-ID: <main@example>
            Content-Location: page.html

            <p>main</p>
            ----sep--
            """
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.body == bytes("<p>main</p>"))
        #expect(part.location == "page.html")
    }

    // MARK: - Internet Explorer style

    @Test func ieStyleBase64PartWithWindows1251Charset() throws {
        let part = try MHTML.htmlPart(of: bytes(ieStyle))
        #expect(part.body == ieStyleExpectedHTML)
        #expect(part.contentType == "text/html")
        #expect(part.charset == "windows-1251")
        #expect(part.location == "http://example.ru/privet.html")
    }

    @Test func ieStyleWithCRLFLineEnds() throws {
        #expect(MHTML.looksLikeMHTML(crlf(ieStyle)))
        let part = try MHTML.htmlPart(of: crlf(ieStyle))
        #expect(part.body == ieStyleExpectedHTML)
        #expect(part.charset == "windows-1251")
    }

    @Test func ieStyleLooksLikeMHTML() {
        #expect(MHTML.looksLikeMHTML(bytes(ieStyle)))
    }

    // MARK: - Damaged and unusual archives

    @Test func truncatedFileWithoutClosingBoundaryKeepsWhatIsThere() throws {
        let mhtml = """
            From: <Saved by Blink>
            Snapshot-Content-Location: https://example.org/t
            Content-Type: multipart/related; type="text/html"; boundary="----MultipartBoundary--t----"

            ------MultipartBoundary--t----
            Content-Type: text/html
            Content-Transfer-Encoding: quoted-printable
            Content-Location: https://example.org/t

            <html><body><p>First paragraph =E2=80=94 complete.</p>
            <p>Second paragraph, cut off in the mid
            """
        let expected = "<html><body><p>First paragraph \u{2014} complete.</p>\n<p>Second paragraph, cut off in the mid"
        #expect(try MHTML.htmlPart(of: bytes(mhtml)).body == bytes(expected))
        #expect(try MHTML.htmlPart(of: crlf(mhtml)).body == crlf(expected))
    }

    @Test func truncatedBase64PartDecodesTheWholeQuanta() throws {
        let mhtml = """
            Content-Type: multipart/related; boundary=b1

            --b1
            Content-Type: image/png
            Content-Transfer-Encoding: base64

            iVBORw0KGgo=
            --b1
            Content-Type: text/html
            Content-Transfer-Encoding: base64

            PHA+SGVsbG8sIHRydW5jYXRlZCB3b3Js
            """
        #expect(try MHTML.htmlPart(of: bytes(mhtml)).body == bytes("<p>Hello, truncated worl"))
    }

    @Test func multipartWithoutHTMLPartThrowsNoHTMLPart() {
        let mhtml = """
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="zz"

            --zz
            Content-Type: text/plain; charset=us-ascii

            Just text.
            --zz
            Content-Type: image/gif
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==
            --zz--
            """
        #expect(MHTML.looksLikeMHTML(bytes(mhtml)))
        #expect(throws: MHTMLError.noHTMLPart) { try MHTML.htmlPart(of: bytes(mhtml)) }
    }

    @Test func plainHTMLIsNotMHTML() {
        let html = """
            <!DOCTYPE html>
            <html><head><meta http-equiv="Content-Type" content="multipart/related; boundary=x">
            <title>Plain</title></head><body><p>Content-Type: multipart/related</p></body></html>
            """
        #expect(!MHTML.looksLikeMHTML(bytes(html)))
        #expect(throws: MHTMLError.notMultipart) { try MHTML.htmlPart(of: bytes(html)) }
    }

    @Test func emptyInputIsNotMHTML() {
        #expect(!MHTML.looksLikeMHTML([]))
        #expect(throws: MHTMLError.notMultipart) { try MHTML.htmlPart(of: []) }
    }

    @Test func singlePartMessageIsNotMultipart() {
        let mail = """
            From: someone@example.org
            Content-Type: text/html; charset=utf-8

            <p>Hello</p>
            """
        #expect(!MHTML.looksLikeMHTML(bytes(mail)))
        #expect(throws: MHTMLError.notMultipart) { try MHTML.htmlPart(of: bytes(mail)) }
    }

    @Test func multipartWithoutBoundaryIsNotMultipart() {
        let mhtml = "Content-Type: multipart/related; type=\"text/html\"\n\n--x\nContent-Type: text/html\n\n<p></p>\n--x--\n"
        #expect(throws: MHTMLError.notMultipart) { try MHTML.htmlPart(of: bytes(mhtml)) }
    }

    @Test func boundaryThatNeverOccursIsMalformed() {
        let mhtml = "Content-Type: multipart/related; boundary=\"missing\"\n\n--other\nContent-Type: text/html\n\n<p></p>\n"
        #expect {
            try MHTML.htmlPart(of: bytes(mhtml))
        } throws: { error in
            guard case .malformed(let message) = error as? MHTMLError else { return false }
            return message.contains("missing")
        }
    }

    @Test func emptyBoundaryIsMalformed() {
        let mhtml = "Content-Type: multipart/related; boundary=\"\"\n\n--\n\n<p></p>\n"
        #expect {
            try MHTML.htmlPart(of: bytes(mhtml))
        } throws: { error in
            guard case .malformed = error as? MHTMLError else { return false }
            return true
        }
    }

    @Test func nestedMultipartIsSearched() throws {
        let mhtml = """
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            --outer
            Content-Type: multipart/alternative; boundary="inner"

            --inner
            Content-Type: text/plain

            plain version
            --inner
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: 7bit
            Content-Location: https://example.org/nested

            <p>html version</p>
            --inner--
            --outer
            Content-Type: text/html

            <p>later top-level part</p>
            --outer--
            """
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.body == bytes("<p>html version</p>"))
        #expect(part.location == "https://example.org/nested")
    }

    @Test func deeplyNestedMultipartDoesNotRecurseWithoutBound() throws {
        let depth = 500
        var text = "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for level in 0..<depth {
            text += "--b\(level)\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\n\n"
        }
        text += "--b\(depth)\nContent-Type: text/html\n\n<p>too deep</p>\n"
        #expect(throws: MHTMLError.noHTMLPart) { try MHTML.htmlPart(of: bytes(text)) }

        // A few levels of nesting are fine.
        var shallow = "Content-Type: multipart/mixed; boundary=\"b0\"\n\n"
        for level in 0..<4 {
            shallow += "--b\(level)\nContent-Type: multipart/mixed; boundary=\"b\(level + 1)\"\n\n"
        }
        shallow += "--b4\nContent-Type: text/html\n\n<p>deep enough</p>\n"
        // No closing delimiters: the last part runs to the end of the data, final line break included.
        #expect(try MHTML.htmlPart(of: bytes(shallow)).body == bytes("<p>deep enough</p>\n"))
    }

    @Test func unquotedBoundaryAndCaseInsensitiveHeaders() throws {
        let mhtml = """
            mime-version: 1.0
            CONTENT-TYPE: Multipart/Related; BOUNDARY=simple-boundary_01

            --simple-boundary_01
            content-type: TEXT/HTML; Charset="UTF-8"
            content-transfer-encoding: QUOTED-PRINTABLE
            content-location: file:///C:/Users/Me/My%20Page.htm

            <p>caf=C3=A9</p>
            --simple-boundary_01--
            """
        #expect(MHTML.looksLikeMHTML(bytes(mhtml)))
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.body == bytes("<p>caf\u{E9}</p>"))
        #expect(part.contentType == "text/html")
        #expect(part.charset == "utf-8")
        #expect(part.location == "file:///C:/Users/Me/My%20Page.htm")
    }

    @Test func quotedBoundaryMayContainSemicolon() throws {
        let mhtml = "Content-Type: multipart/related; boundary=\"a;b c\"; type=\"text/html\"\n\n--a;b c\nContent-Type: text/html\n\nX\n--a;b c--\n"
        #expect(try MHTML.htmlPart(of: bytes(mhtml)).body == bytes("X"))
    }

    @Test func lineThatOnlyStartsWithTheBoundaryIsContent() throws {
        let mhtml = """
            Content-Type: multipart/related; boundary=sep

            --sep
            Content-Type: text/html

            <pre>
            --separator is not the boundary
            --sep-- (a close delimiter, even with text after it)
            --sep
            Content-Type: text/html

            <p>ignored: after the close delimiter</p>
            """
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.body == bytes("<pre>\n--separator is not the boundary"))
    }

    @Test func eightBitBodyKeepsItsInnerLineBreaks() throws {
        let raw = "Content-Type: multipart/related; boundary=q\r\n\r\n--q\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p>a</p>\r\n\r\n<p>b</p>\r\n--q--\r\n"
        #expect(try MHTML.htmlPart(of: bytes(raw)).body == bytes("<p>a</p>\r\n\r\n<p>b</p>"))
    }

    @Test func xhtmlPartIsAcceptedWhenThereIsNoTextHTML() throws {
        let mhtml = "Content-Type: multipart/related; boundary=q\n\n--q\nContent-Type: application/xhtml+xml\n\n<html/>\n--q--\n"
        let part = try MHTML.htmlPart(of: bytes(mhtml))
        #expect(part.contentType == "application/xhtml+xml")
        #expect(part.body == bytes("<html/>"))
    }

    // MARK: - Sniffing

    @Test func looksLikeMHTMLAcceptsTheThreeMultipartKinds() {
        for kind in ["related", "mixed", "alternative", "RELATED"] {
            #expect(MHTML.looksLikeMHTML(bytes("From: x\nContent-Type: multipart/\(kind); boundary=q\n\n--q\n")))
        }
        #expect(!MHTML.looksLikeMHTML(bytes("Content-Type: multipart/form-data; boundary=q\n\n--q\n")))
    }

    @Test func looksLikeMHTMLOnlyReadsTheTopHeaderBlock() {
        // Content-Type after the blank line is body, not header.
        #expect(!MHTML.looksLikeMHTML(bytes("Subject: hi\n\nContent-Type: multipart/related; boundary=q\n")))
        // Content-Type beyond the first 8 KB is not looked at.
        let longHeader = "X-Padding: " + String(repeating: "a", count: 9000) + "\n"
        #expect(!MHTML.looksLikeMHTML(bytes(longHeader + "Content-Type: multipart/related; boundary=q\n\n")))
        // A byte order mark and CRLF line ends are fine.
        #expect(MHTML.looksLikeMHTML([0xEF, 0xBB, 0xBF] + crlf("MIME-Version: 1.0\nContent-Type: multipart/related;\n\tboundary=q\n\n")))
    }

    // MARK: - Quoted-printable

    @Test func quotedPrintableSoftLineBreaks() {
        #expect(MHTML.decodeQuotedPrintable(bytes("abc=\r\ndef")) == bytes("abcdef"))
        #expect(MHTML.decodeQuotedPrintable(bytes("abc=\ndef")) == bytes("abcdef"))
        #expect(MHTML.decodeQuotedPrintable(bytes("abc= \t\r\ndef")) == bytes("abcdef"))  // transport padding
        #expect(MHTML.decodeQuotedPrintable(bytes("ab =\ncd")) == bytes("ab cd"))  // space before "=" is content
    }

    @Test func quotedPrintableHexEscapesInEitherCase() {
        #expect(MHTML.decodeQuotedPrintable(bytes("=E2=80=9Cq=e2=80=9d")) == [0xE2, 0x80, 0x9C, 0x71, 0xE2, 0x80, 0x9D])
        #expect(MHTML.decodeQuotedPrintable(bytes("a=3Db=3db")) == bytes("a=b=b"))
        #expect(MHTML.decodeQuotedPrintable(bytes("=00=FF")) == [0x00, 0xFF])
    }

    @Test func quotedPrintableInvalidEqualsIsKeptLiterally() {
        #expect(MHTML.decodeQuotedPrintable(bytes("a=G1b")) == bytes("a=G1b"))
        #expect(MHTML.decodeQuotedPrintable(bytes("a=4")) == bytes("a=4"))
        #expect(MHTML.decodeQuotedPrintable(bytes("end=")) == bytes("end="))
        #expect(MHTML.decodeQuotedPrintable(bytes("x==41")) == bytes("x=A"))
        #expect(MHTML.decodeQuotedPrintable(bytes("= x")) == bytes("= x"))
    }

    @Test func quotedPrintableHardLineBreaksAndTrailingWhitespace() {
        #expect(MHTML.decodeQuotedPrintable(bytes("one\r\ntwo\nthree")) == bytes("one\r\ntwo\nthree"))
        // Unencoded trailing white space was added in transport and is removed; encoded "=20" stays.
        #expect(MHTML.decodeQuotedPrintable(bytes("one  \r\ntwo\t\nthree ")) == bytes("one\r\ntwo\nthree"))
        #expect(MHTML.decodeQuotedPrintable(bytes("one =20\ntwo")) == bytes("one  \ntwo"))
        #expect(MHTML.decodeQuotedPrintable([]) == [])
    }

    // MARK: - Base64

    @Test func base64IgnoresWhitespaceAndLineBreaks() {
        #expect(MHTML.decodeBase64(bytes("SGVs\r\nbG8s\n IHdv\tcmxk")) == bytes("Hello, world"))
        #expect(MHTML.decodeBase64(bytes("")) == [])
    }

    @Test func base64StopsAtPaddingAndHandlesPartialQuanta() {
        #expect(MHTML.decodeBase64(bytes("TWE=")) == bytes("Ma"))
        #expect(MHTML.decodeBase64(bytes("TQ==")) == bytes("M"))
        #expect(MHTML.decodeBase64(bytes("TWE")) == bytes("Ma"))
        #expect(MHTML.decodeBase64(bytes("TWFu=TWFu")) == bytes("Man"))
        #expect(MHTML.decodeBase64(bytes("/+8=")) == [0xFF, 0xEF])
    }

    @Test func base64SkipsInvalidCharacters() {
        #expect(MHTML.decodeBase64(bytes("TW*Fu!")) == bytes("Man"))
        #expect(MHTML.decodeBase64(bytes("T")) == [])
    }
}

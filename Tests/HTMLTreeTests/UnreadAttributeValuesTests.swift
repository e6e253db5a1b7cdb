import Glibc
@testable import HTMLTree
import Testing

/// `HTMLTree.parse(utf8:attributeValues: .lookedUp)` takes attributes out of the page before
/// libxml2 sees it (dropping unread ones, lifting read ones); the tree must be libxml2's own tree
/// but for the unread attributes.
@Suite("Unread attribute values")
struct UnreadAttributeValuesTests {
    /// The page as libxml2 gets it.
    func dropped(_ html: String, liftingText: Bool = true) -> String {
        String(decoding: UnreadAttributeValues.scan(Array(html.utf8), liftingText: liftingText).bytes, as: UTF8.self)
    }

    /// Placeholder character `k` (U+FDD0 + k; Swift string literals refuse noncharacters).
    func ph(_ k: UInt8) -> String { String(decoding: [0xEF, 0xB7, 0x90 + k], as: UTF8.self) }

    /// The lifted values, in document order.
    func lifted(_ html: String) -> [String] {
        let bytes = Array(html.utf8)
        return UnreadAttributeValues.scan(bytes).lifted.entries.filter { $0.attribute >= 0 }.map {
            String(decoding: bytes[$0.value], as: UTF8.self)
        }
    }

    /// Same nodes and text; of the attributes, those stages read (`HTMLAttribute` names and
    /// `charset`) in the same order with the same values, and no other — or, past where the scanner
    /// stopped, all of them.
    func expectSameTreeButUnreadAttributes(_ bytes: [UInt8], _ label: String) throws {
        let full = try HTMLTree.parse(utf8: bytes)
        let lean = try HTMLTree.parse(utf8: bytes, attributeValues: .lookedUp)
        #expect(lean.nodes.count == full.nodes.count, "\(label): node count differs")
        #expect(lean.text == full.text, "\(label): text differs")
        guard lean.nodes.count == full.nodes.count else { return }
        for i in full.nodes.indices {
            var (l, f) = (lean.nodes[i], full.nodes[i])
            #expect(lean.name(of: i) == full.name(of: i), "\(label): name of node \(i) differs")
            let read = f.attributeRange.filter { full.attributes[$0].known != nil || full.name(ofAttribute: $0) == "charset" }
            let expected = l.attributeRange.count == f.attributeRange.count ? Array(f.attributeRange) : read
            #expect(
                l.attributeRange.map { lean.name(ofAttribute: $0) } == expected.map { full.name(ofAttribute: $0) },
                "\(label): attributes of node \(i) differ")
            for (a, b) in zip(l.attributeRange, expected) where lean.attributes[a].nameIndex == full.attributes[b].nameIndex {
                #expect(lean.bytes(ofAttribute: a).elementsEqual(full.bytes(ofAttribute: b)), "\(label): value of \(full.name(ofAttribute: b)) differs")
            }
            (l.nameIndex, f.nameIndex, l.attributeRange, f.attributeRange) = (0, 0, 0..<0, 0..<0)
            #expect(l == f, "\(label): node \(i) differs")
        }
    }

    @Test func unreadAttributesAreDroppedAndReadOnesLifted() {
        let img = #"<img SRC="a.png" alt='x y' class="c" data-x=12 title=tt id = "i" onclick="f('>')" lang=x /><p>t</p>"#
        #expect(dropped(img) == #"<img _ /><p>t</p>"#)
        #expect(lifted(img) == ["c", "tt", "i", "x"])
        // <meta> values with `charset` or `http-equiv` stay for libxml2's charset check; values with
        // entities for its decoder.
        let meta = #"<meta charset="utf-8"><meta http-equiv="x" content="y" name=nn property=pp data-x="z">"#
        #expect(dropped(meta) == #"<meta charset="utf-8"><meta http-equiv="x"content="y"name=nn property=pp>"#)
        #expect(lifted(meta) == [])
        // A <meta> without `charset` or `http-equiv` has its values lifted like any tag.
        #expect(dropped(#"<meta name="n" content="c" data-x="z"><meta property=p content="a&amp;b">"#) == #"<meta _><meta _ content="a&amp;b">"#)
        #expect(lifted(#"<meta name="n" content="c" data-x="z"><meta property=p content="a&amp;b">"#) == ["n", "c", "p"])
        let a = #"<a href="/x?a=1&amp;b=2" rel=author hidden aria-hidden="true" style="display:none" data-y="">"#
        #expect(dropped(a) == #"<a _ href="/x?a=1&amp;b=2">"#)
        #expect(lifted(a) == ["author", "", "true", "display:none"])
        // libxml2 keeps the first of repeated attributes.
        #expect(dropped(#"<a class="x" class="y" CLASS=zz id id="q">"#) == #"<a _>"#)
        #expect(dropped(#"<a data-g="7" ="8" data-h=99>"#) == #"<a>"#)
        #expect(lifted(#"<a class="x" class="y" CLASS=zz id id="q">"#) == ["x", ""])
        // Attributes left to libxml2 follow the marker; a quote needs no blank after it, "/>" does
        // after an unquoted value.
        #expect(dropped(#"<a title="&amp;"href="&lt;"data-x=1 rel=a&amp;b />"#) == #"<a title="&amp;"href="&lt;"rel=a&amp;b />"#)
        #expect(dropped(#"<a data-x=1 id=i href=x&amp;y />"#) == #"<a _ href=x&amp;y />"#)
        #expect(dropped(#"<meta http-equiv=“g” content=“x" />"#) == #"<meta http-equiv=“g” content=“x" />"#)
    }

    @Test func commentsAndDoctypesAreLeftAloneAndRawTextLiftedWhole() {
        let page = #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><!-- <img src="c"> -->"#
            + #"<script src="s.js">var a = '<img src="x">';</scripts></script><style>a[data-x="1"]{}</style><img src="y">"#
        #expect(
            dropped(page)
                == #"<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "x.dtd"><!-- <img src="c"> -->"#
                + #"<script>var a = '<img src="x">';</scripts></script><style>\#(ph(0))</style><img>"#)
        #expect(lifted(page) == [])
        #expect(dropped(#"<script/><img src="y">"#) == #"<script/><img>"#)
        // A body up to its first "</" + name (in any case) goes whole; a short one stays.
        #expect(dropped("<script>var x = 1;</SCRIPT ><style>p{}</style>") == "<script>\(ph(0))</SCRIPT ><style>p{}</style>")
    }

    @Test func stopsWhereUnsure() {
        // A NUL, a cut-off tag, invalid UTF-8 and control characters in a tag end the dropping.
        #expect(dropped("<img src=\"a\"><img src=\"b\u{0}\"><img src=\"c\">") == "<img><img src=\"b\u{0}\"><img src=\"c\">")
        #expect(dropped(#"<img src="a"><img src="b"#) == #"<img><img src="b"#)
        #expect(dropped("<img src=\"a\"><img \u{1} src=\"b\">") == "<img><img \u{1} src=\"b\">")
        // A tag cut short keeps all its values, read or not.
        #expect(dropped(#"<img src="a"><img src="b" class="c" title="t"#) == #"<img><img src="b" class="c" title="t"#)
        #expect(lifted(#"<img class="a"><img src="b" class="c" title="t"#) == ["a"])
        #expect(dropped(#"<img src="a"><!-- x --!> <img src="b">"#) == #"<img><!-- x --!> <img src="b">"#)
        let invalid: [UInt8] = Array(#"<img src="a"><img src=""#.utf8) + [0xC3, 0x28] + Array(#""><img src="c">"#.utf8)
        let expected: [UInt8] = Array(#"<img><img src=""#.utf8) + [0xC3, 0x28] + Array(#""><img src="c">"#.utf8)
        #expect(UnreadAttributeValues.scan(invalid).bytes == expected)
        #expect(dropped("") == "")
    }

    @Test func plainTextRunsAreLifted() {
        // After markup, a run with a visible byte and no '&' or control character becomes U+FDD0 + its number.
        #expect(dropped("<p>Hello world</p><p>second run</p>") == "<p>\(ph(0))</p><p>\(ph(1))</p>")
        #expect(lifted("<p>Hello world</p>").isEmpty)
        #expect(UnreadAttributeValues.scan(Array("<p>Hello world</p><p>second run</p>".utf8)).lifted.texts == [3..<14, 21..<31])
        // Blank runs, short runs, runs with entities or control characters, and the prolog stay.
        let kept = "Leading text<p>  \n</p><p>short</p><p>fish &amp; chips</p><p>bell \u{7} rings</p>"
        #expect(dropped(kept) == kept)
        // A blank run of four bytes or more becomes two carriage returns and a blank digit.
        #expect(dropped("<p>x</p>\n    <p>Hello world</p>\n\t\t\t\t<br>") == "<p>x</p>\r\r <p>\(ph(1))</p>\r\r\n<br>")
        #expect(dropped("<!-- c -->prolog text<p>x</p>") == "<!-- c -->prolog text<p>x</p>")
        #expect(dropped("<!DOCTYPE html>after doctype<p>x</p>") == "<!DOCTYPE html>after doctype<p>x</p>")
        // After a '<' read as text, libxml2 may deliver the '<' with the run: leave it.
        #expect(dropped("<p>a < b and more text</p>") == "<p>a < b and more text</p>")
        #expect(dropped("<p>some text < b</p>") == "<p>\(ph(0))< b</p>")
        #expect(UnreadAttributeValues.scan(Array("<p>x</p>".utf8), liftingText: false).bytes == Array("<p>x</p>".utf8))
        #expect(dropped("<p>Hello world</p>", liftingText: false) == "<p>Hello world</p>")
        // A placeholder character or a reference to one in the page stops the scan there.
        #expect(dropped("<p>Hello world</p><p>x\(ph(5))y</p><p>Hello again</p>") == "<p>\(ph(0))</p><p>x\(ph(5))y</p><p>Hello again</p>")
        #expect(dropped("<p>Hello world</p><p>x&#xFDD5;y</p><p>Hello again</p>") == "<p>\(ph(0))</p><p>x&#xFDD5;y</p><p>Hello again</p>")
        #expect(dropped("<p>Hello world</p><p>x&#64976y</p><p>Hello again</p>") == "<p>\(ph(0))</p><p>x&#64976y</p><p>Hello again</p>")
    }

    /// A placeholder out of turn (here: the second run's first) is noticed, so the page is read again.
    @Test func placeholderOutOfTurnIsNoticed() throws {
        let page = Array("<p>Hello world</p><p>second run</p>".utf8)
        var lifted = UnreadAttributeValues.Lifted()
        lifted.texts = [3..<14, 21..<31]
        let swapped = Array("<p>\(ph(1))</p><p>\(ph(0))</p>".utf8)
        var restored = true
        _ = try page.withUnsafeBufferPointer { source in
            try HTMLTree.parse(utf8: swapped, scanningRawText: true, lifted: lifted, liftedFrom: source.baseAddress, restored: &restored)
        }
        #expect(!restored)
        let inTurn = Array("<p>\(ph(0))</p><p>\(ph(1))</p>".utf8)
        let tree = try page.withUnsafeBufferPointer { source in
            try HTMLTree.parse(utf8: inTurn, scanningRawText: true, lifted: lifted, liftedFrom: source.baseAddress, restored: &restored)
        }
        #expect(restored)
        #expect(tree.text == Array("Hello worldsecond run".utf8))
    }

    @Test(arguments: [
        "<p>Hello world</p><pre>\nfirst line after pre</pre><textarea>\nfirst line of area</textarea><listing>\nlisting text</listing>",
        "before html text<html>text in html<head>text in the head<title>the title text</title></head>between head and body<body>body text</body>after body text</html>after html text",
        "<p>one paragraph text<p>two paragraph text<li>an item of text<td>a cell of text<tr>row text here<table>table text</table>",
        "<p>line one\r\nline two\rline three\u{85}\u{A0}\u{2028}end</p>",
        "<p>a <3 hearts and text<a href=x>link text here</a>tail of text</ p>more text here</p>",
        "<p>lots of text<!-- comment -->more text after<?pi target?>after the pi<!DOCTYPE html>after doctype text<br>br text</p>",
        "<p>text with &amp; entity and &#64976; reference</p><p>plain text after it</p>",
        "<p>Hello world</p><p>x" + String(decoding: [0xEF, 0xB7, 0x95], as: UTF8.self) + "y plain</p><p>Hello again, friend</p>",
        "<p>Hello world</p><script>var a = 'text in script';</script>after script text<style>p{}</style>after style text",
        "<p>t</p>" + String(repeating: "<b>some bold text</b>", count: 40),
        "<p>x</p>" + String(repeating: "long text run ", count: 200) + "<p>after long run</p>",
        "<frameset>text in frameset<frame>more text here</frameset><noframes>no frames text</noframes>",
        "<select>text in select<option>option text here<optgroup>group text here</select>",
        "<html>\n    <head>\n    <title>t</title>\n    </head>\n    <body>\n    <ul>\n      <li>a</li>\n    </ul>\n  </body>\n</html>\n\n\n\n",
        "<html><head>" + String(repeating: " ", count: 999) + "<meta name=x>" + String(repeating: "\n", count: 1000) + "<title>t</title>"
            + String(repeating: "\t", count: 2500) + "</head><body>x</body></html>",
        "<p>a</p>\r\r\n\r\r <p>b</p>\r\r\t&amp;\r\r\n<p>c</p>     <script>var x = 1;</script>    <style>p{}</style>",
    ])
    func textRunsParseAsLibxml2Does(_ html: String) throws {
        try expectSameTreeButUnreadAttributes(Array(html.utf8), html)
    }

    @Test(arguments: [
        #"<p>a < b <a data-x="y>z" href="h">q</a></p>"#,
        #"<p>a <3 <_x y="1">k<:x y="1">k<.z w=2>m</p>"#,
        #"<p>x</ 3>y</_x data-y="a>b">z</.x>w<a data-y="1">v</a></p>"#,
        #"<p><!-->a<b data-x="1">b</b>--><!--->c<b data-x="2">d</b>--></p>"#,
        #"<p><!-- a --!> <b data-c="1">x</b> --></p>"#,
        #"<p><![CDATA[ <a data-x="y>"> ]]>t<!foo <a x="1>">q</a></p>"#,
        #"<div/class="a>b" data-z="q">t</div><div data-q="1"/data-r="2>">u</div>"#,
        #"<p><?php x <a b="1>"> ?>z<? x <a data-y="1">q</a><?>k<a data-y="2">q</a></p>"#,
        #"<p>t<!DOCTYPE html x <a data-y="1">q</a>z<!doctype html PUBLIC "a>b" "c"><a data-y="1">q</a></p>"#,
        "<p>t<!-- a \u{1} <b data-x=\"1\">b</b> -->z\u{C}<b data-x=\"2\"\u{C} data-y=\"3\">c</b></p>",
        #"<p><a x=1 y= "2" z =3 w = >k</a><b v=a/>m</b><b v=a />n</b></p>"#,
        #"<p><a data-a="1"data-b='2'title="t"data-c=3>k</a><a data-d = "4" / ><img data-e="5"/><b data-f="6"\#nclass="c">m</b><a data-g="7" ="8" data-h='9'=x title="t">n</a></p>"#,
        #"<p><a hr"ef="x">k</a><a x='a"b' y="c'd">k</a><a x="1"y="2"z=3>k</a><a x="1" x="2" X="3">k</a></p>"#,
        #"<p><script/>a<style x="1>2"/>b<script data-a="1">c</script>d<SCRIPT>e</Script >f</p>"#,
        #"<p><a &x="1" b="2">k</a><a =x b=2>l</a><a b="&quot;&#34;&#x22;" c="&">k</a></p>"#,
        #"<title><a data-x="1">t</a></title><textarea><b data-x="2">u</b></textarea><xmp><i data-x="3">v</i></xmp>"#,
        #"<plaintext><i data-x="3">v</i></plaintext><noscript><i data-x="4">w</i></noscript><iframe data-s="5">x</iframe>"#,
        #"<html data-a="1"><head data-b="2"><body data-c="3"><p><body class="x" data-y="z">t</p></body></html>"#,
        #"<p><a data-x="1"#,
        #"<p><a data-x="#,
        #"<p><a data-x"#,
        #"<p><!-- x"#,
        #"<p>x</a"#,
        #"<p><script>x</scr"#,
        #"<script>a</scripts><p data-x="still script?">b</p></script><p data-y="after">c</p>"#,
        #"<style>a</style:x><p data-x="1">b</p></style><p data-y="2">c</p>"#,
        #"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"><p data-x="é">é</p>"#,
        #"<meta charset="windows-1252"><p data-x="é">é</p>"#,
        "<p data-é=\"1\" é=\"2\" d\u{E9}x=\"3\">é</p>",
        "\u{FEFF}<p class=\"a\" id=b>x</p><html class=\"h2\" lang=\"de\"><body class=\"b2\"><head id=\"h3\"><p class='c'/>",
        #"<a class="x" class="y" CLASS=zz id id="q" href="a&amp;b" title="t&#34;">k</a><img class=i src=s><br class="c"/>"#,
        #"<td class="x">a<th class="y">b<li class="z"><dd title="d"><option value="v">o<table id="t"><tr class="r">"#,
        "<p class=\"a\tb\nc\r\nd\re  f\" title=x\u{7F}y id=\"\u{A0}\u{2028}z\">t</p>",
    ])
    func snippetsParseAsLibxml2Does(_ html: String) throws {
        try expectSameTreeButUnreadAttributes(Array(html.utf8), html)
    }

    /// A long attribute or element name (libxml2 cuts names at 100 bytes).
    @Test func attributesPastTheCapAreLeftOut() throws {
        // libxml2 checks each attribute against every earlier one: 40,000 on one tag took 6.7 s.
        let count = UnreadAttributeValues.maxAttributesPerTag + 500
        let html = "<html><body><p class=\"lead\" " + (0..<count).map { "a\($0)=\"v\"" }.joined(separator: " ")
            + " id=\"late\">The bridge reopens in May.</p><p id=\"next\">More.</p></body></html>"
        let tree = try HTMLTree.parse(utf8: Array(html.utf8), attributeValues: .lookedUp)
        let p = try #require(tree.nodes.indices.first { tree.name(of: $0) == "p" })
        #expect(tree.attribute("class", of: p) == "lead")
        #expect(tree.attribute("id", of: p) == nil, "an attribute past the cap is left out")
        #expect(tree.nodes[p].attributeRange.count == 1, "only the looked-up attributes are kept")
        let text = String(decoding: tree.text, as: UTF8.self)
        #expect(text.contains("The bridge reopens in May.") && text.contains("More."))
        // The next tag's lifted values still reach their own element.
        let next = try #require(tree.nodes.indices.last { tree.name(of: $0) == "p" })
        #expect(tree.attribute("id", of: next) == "next")
    }

    @Test func longNames() throws {
        let long = String(repeating: "a", count: 120)
        try expectSameTreeButUnreadAttributes(Array("<p \(long)=\"x\" data-y=\"z\">t</p><\(long) data-q=\"1\">u</\(long)>".utf8), "long")
    }

    /// Random tag soup from hostile pieces: quotes, `>` in values, comments, raw text, controls,
    /// NULs, invalid UTF-8, cut-off ends.
    @Test func randomTagSoup() throws {
        let pieces: [[UInt8]] = [
            "<a ", "<div data-x=\"", "<img src=", "<p class='", "\"", "'", ">", "/>", "</", "</a>", "</div>", "<!--", "-->",
            "--!>", "<!DOCTYPE html ", "<?php ", "<?", "<script>", "</script>", "</SCRIPT", "<style data-s=1>", "</style>",
            "=", " ", "\n", "\t", "\u{C}", "\u{1}", "é", "€", "😀", "&amp;", "&", "<", "class=", "href=", "title=",
            "onclick='", "<title>", "<textarea>", "<![CDATA[", "]]>", "<!", "x", "abc", "data-long-name", "<meta charset=\"",
            "http-equiv=\"content-type\" content=\"text/html; charset=iso-8859-1\"", "<br/>", "<_x ", "</_", "< ", "\u{FFFE}", "<!DOCTYPE html>", "\u{FEFF}",
        ].map { Array($0.utf8) } + [[0], [0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80]]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func random(_ bound: Int) -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(state % UInt64(bound))
        }
        for round in 0..<3000 {
            var page: [UInt8] = random(8) == 0 ? [0xEF, 0xBB, 0xBF] : []
            // Mostly clean pieces; the hostile tail (NUL, invalid UTF-8) sometimes.
            let hostile = random(4) == 0
            for _ in 0..<(1 + random(60)) {
                page += pieces[random(hostile ? pieces.count : pieces.count - 5)]
            }
            try expectSameTreeButUnreadAttributes(page, "round \(round): \(String(decoding: page, as: UTF8.self).debugDescription)")
        }
    }

    /// Every page of the shared corpus as it comes (any charset), and the fuzz regression inputs.
    @Test func corpusAndFuzzPagesParseAsLibxml2Does() throws {
        var checked = 0
        for folder in [TestPages.corpus, TestPages.fuzz] {
            for name in TestPages.names(in: folder) {
                try expectSameTreeButUnreadAttributes(TestPages.read(folder + "/" + name), name)
                checked += 1
            }
        }
        #expect(checked > 0)
    }
}

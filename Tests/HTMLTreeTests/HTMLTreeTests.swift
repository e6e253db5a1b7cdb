import HTMLTree
import Testing

@Suite("HTMLTree")
struct HTMLTreeTests {
    func parse(_ html: String) throws -> HTMLTree { try HTMLTree.parse(utf8: Array(html.utf8)) }

    func firstElement(_ tree: HTMLTree, _ name: String) -> Int? {
        tree.nodes.indices.first { tree.nodes[$0].kind == .element && tree.name(of: $0) == name }
    }

    @Test func elementsAttributesAndTextInDocumentOrder() throws {
        let tree = try parse(#"<html><body><P CLASS="lead" id=x>Hello <b>big</b> world</P></body></html>"#)
        let p = try #require(firstElement(tree, "p"))
        #expect(tree.attribute("class", of: p) == "lead")
        #expect(tree.attribute("id", of: p) == "x")
        #expect(tree.attribute("missing", of: p) == nil)
        #expect(tree.textContent(of: p) == "Hello big world")
        let children = Array(tree.children(of: p))
        #expect(children.count == 3)
        #expect(tree.name(of: children[1]) == "b")
    }

    @Test func entitiesAreDecoded() throws {
        let tree = try parse("<p>caf&eacute; &ldquo;quoted&rdquo; &amp; &#8212; &#x41;</p>")
        let p = try #require(firstElement(tree, "p"))
        #expect(tree.textContent(of: p) == "café “quoted” & — A")
    }

    @Test func tagSoupIsRecovered() throws {
        let tree = try parse("<div><p>one <b>two <i>three</b> four<p>five<table><tr><td>six")
        let text = tree.nodes.indices.filter { tree.nodes[$0].kind == .text }.map { tree.string(ofText: $0) }.joined()
        #expect(text.contains("one two three four"))
        #expect(text.contains("five"))
        #expect(text.contains("six"))
    }

    @Test func hundredThousandNestedDivsKeepTheDeepestText() throws {
        let depth = 100_000
        var html = String(repeating: "<div>", count: depth)
        html += "<p>deep text</p>"
        html += String(repeating: "</div>", count: depth)
        let tree = try parse(html)
        let p = try #require(firstElement(tree, "p"))
        #expect(tree.textContent(of: p) == "deep text")
        #expect(tree.nodes[p].depth > depth)
    }

    @Test func subtreeRangesNest() throws {
        let tree = try parse("<ul><li>a</li><li>b<em>c</em></li></ul><p>d</p>")
        for (i, node) in tree.nodes.enumerated() {
            #expect(node.subtreeEnd > i)
            if node.parent >= 0 {
                #expect(i > node.parent && node.subtreeEnd <= tree.nodes[node.parent].subtreeEnd)
            }
        }
    }

    @Test func scriptAndStyleContentIsKeptAsTextForCallersToSkip() throws {
        let tree = try parse("<script>var a = '<p>';</script><p>real</p>")
        let script = try #require(firstElement(tree, "script"))
        #expect(tree.textContent(of: script).contains("var a"))
    }
}

import Testing

@testable import AscribeKit

/// The JSON outputs are written straight to bytes (`JSONWriter`), not built as trees: they must
/// still come out with keys sorted and formatted exactly as `JSONValue` formats them, so that
/// outputs diff well from run to run.
@Suite struct JSONOutputTests {
    static let fixtures = [
        "news-article.html", "plain-article.txt", "attribution-kinds.txt", "saved-page.mhtml", "tag-soup.html",
        "windows-1251-page.html", "koi8-r-text.txt",
    ]

    @Test(arguments: fixtures)
    func checklistJSONIsSortedAndStable(_ name: String) throws {
        let checklist = try Ascribe.checklist(path: FixturePaths.fixture(name))
        for pretty in [true, false] {
            let outputs = [
                ArticleRenderer.jsonText(checklist.report.article, pretty: pretty),
                AttributionRenderer.jsonText(checklist.report.analysis, pretty: pretty),
                ChecklistRenderer.jsonText(checklist, pretty: pretty),
            ]
            for text in outputs {
                // Read back and written again as a tree (keys sorted by JSONValue): the same bytes.
                let tree = try #require(JSONValue(parsing: text))
                #expect(tree.serialized(pretty: pretty) == text)
            }
        }
        guard case .object(let root) = ChecklistRenderer.json(checklist), case .array(let attributions)? = root["attributions"] else {
            Issue.record("no attributions array")
            return
        }
        #expect(attributions.count == checklist.report.analysis.attributions.count)
    }

    @Test func writerFormatsLikeTheTree() {
        let tree: JSONValue = .object([
            "empty": .array([]), "none": .object([:]), "n": .int(-42), "yes": .bool(true), "nothing": .null,
            "text": .string("say \"hi\"\n\t\u{1}\u{7F} — ✓ 😀"), "list": .array([.int(1), .array([.int(2)])]),
        ])
        var w = JSONWriter(pretty: true)
        w.object { w in
            w.key("empty")
            w.array { _ in }
            w.key("list")
            w.array { w in
                w.int(1)
                w.array { $0.int(2) }
            }
            w.key("n")
            w.int(-42)
            w.key("none")
            w.object { _ in }
            w.key("nothing")
            w.null()
            w.key("text")
            w.string("say \"hi\"\n\t\u{1}\u{7F} — ✓ 😀")
            w.key("yes")
            w.bool(true)
        }
        #expect(w.text == tree.serialized())
        #expect(JSONValue(parsing: w.text) == tree)
    }

    @Test func aCopiedWriterWritesOnItsOwn() {
        // The writer keeps its bytes in a shared buffer; a copy must still behave as a value.
        var first = JSONWriter(pretty: false, capacity: 1)
        first.array { $0.int(1) }
        var second = first
        second.string(String(repeating: "x", count: 300))  // Grows past the first buffer, too.
        first.null()
        #expect(first.text == "[1]null")
        #expect(second.text == "[1]\"" + String(repeating: "x", count: 300) + "\"")
    }

    @Test func parserRejectsBrokenText() {
        for broken in ["", "{", "{\"a\" 1}", "[1,,]", "\"open", "tru", "{\"a\":1} x", "\"\\q\""] {
            #expect(JSONValue(parsing: broken) == nil, "\(broken)")
        }
        #expect(JSONValue(parsing: "\"\\ud83d\\ude00\"") == .string("😀"))
    }
}

import Foundation
import Testing

@testable import AscribeKit

/// The own JSON-LD reader against Foundation's `JSONSerialization`: the same texts accepted, the
/// same facts read (it replaced `JSONSerialization` for speed and must not change an article).
struct JSONLDReaderTests {
    static let article = #"""
        {"@context":"https://schema.org","@graph":[{"@type":"Organization","@id":"#org","name":"Die \u0022Zeitung\u0022"},
        {"@type":["NewsArticle","WebPage"],"headline":"Caf\u00e9 \/ Bar: \ud83d\ude00 news\n","author":[{"@id":"#p1"},{"name":" Jane  Doe "}],
        "datePublished":"2020-05-03T10:00:00+02:00","dateModified":null,"publisher":{"@id":"#org","name":"Zeitung"},
        "inLanguage":"de","description":"Ein \"Text\"\t mit\u00a0Leerzeichen","articleBody":"Body","wordCount":1234,
        "rating":-0.5e+3,"flags":[true,false,null],"headline":"Second headline wins",},
        {"@type":"Person","@id":"#p1","name":["", "Max Muster"]},{"@type":"WebPage","name":"Page","author":"http://x"}]}
        """#

    static let cases: [String] = [
        article,
        ##"{"@type":"Article","headline":"A","author":{"@id":"#a"}} "##,
        #"[{"@type":"BlogPosting","name":"N","creator":"C"},{"@type":"recipe","headline":"R"}]"#,
        #"{"@type":"Article","headline":"x",}"#, #"[1,2,]"#, #"[,]"#, #"{,}"#, #"[1,,2]"#,
        #"{"a":01}"#, #"{"a":1.}"#, #"{"a":-}"#, #"{"a":.5}"#, #"{"a":+1}"#, #"{"a":1e}"#, #"{"a":1e+}"#,
        #"{"a":1.5E-3}"#, #"{"a":-0}"#, #"{"a":1e999}"#, #"{"a":123456789012345678901234567890}"#, #"{"a":1E400}"#,
        #"{"a":"\x"}"#, #"{"a":"\ud800"}"#, #"{"a":"\udc00"}"#, #"{"a":"\ud800\u0041"}"#, #"{"a":"\u12G4"}"#,
        "{\"a\":\"line\nbreak\"}", "{\"a\":\"tab\there\"}", #"{"a":'x'}"#, #"{"a":1} x"#, #"{"a" 1}"#, #"{a:1}"#,
        #"{"a":tru}"#, #"{"a":nul}"#, #"{"a":NaN}"#, "", "   ", #"""#, #""abc""#, "12", "true", "null", "[]", "{}",
        #"{"@type":"Article","headline":"x"} // comment"#, "{\"@type\":\"Article\",\"headline\":\"\u{FEFF}x\"}",
        #"{"@type":"Article","name":"a","name":"b","@type":"NewsArticle"}"#,
        #"{"\u0040type":"Article","head\u006Cine":"escaped keys"}"#,
        String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
        String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
    ]

    func foundationAccepts(_ text: String) -> Bool {
        guard let data = text.data(using: .utf8) else { return false }
        return (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
    }

    func facts(_ text: String, foundation: Bool) -> JSONLDFacts {
        var facts = JSONLDFacts()
        if foundation { facts.absorbWithFoundation(text) } else { facts.absorb(text) }
        return facts
    }

    func expectSame(_ text: String) {
        switch JSONLDDocument.parse(Array(text.trimmed.utf8)) {
        case .parsed: #expect(foundationAccepts(text.trimmed), "accepted only by the own reader: \(text.debugDescription)")
        case .invalid: #expect(!foundationAccepts(text.trimmed), "accepted only by Foundation: \(text.debugDescription)")
        case .unsure: break
        }
        let own = facts(text, foundation: false)
        let reference = facts(text, foundation: true)
        #expect(own.headline == reference.headline, "\(text.debugDescription)")
        #expect(own.authors == reference.authors, "\(text.debugDescription)")
        #expect(own.authorIDs == reference.authorIDs, "\(text.debugDescription)")
        #expect(own.datePublished == reference.datePublished, "\(text.debugDescription)")
        #expect(own.dateModified == reference.dateModified, "\(text.debugDescription)")
        #expect(own.publisher == reference.publisher, "\(text.debugDescription)")
        #expect(own.language == reference.language, "\(text.debugDescription)")
        #expect(own.description == reference.description, "\(text.debugDescription)")
        #expect(own.namesByID == reference.namesByID, "\(text.debugDescription)")
        #expect(own.articleBody == reference.articleBody, "\(text.debugDescription)")
    }

    @Test func readsWhatFoundationReads() {
        for text in Self.cases { expectSame(text) }
    }

    @Test func readsTheArticleFacts() {
        let f = facts(Self.article, foundation: false)
        #expect(f.headline == "Second headline wins")
        #expect(f.authors == ["Jane Doe"])
        #expect(f.namesByID["#p1"] == "Max Muster")
        #expect(f.namesByID["#org"] == "Die \"Zeitung\"")
    }

    /// Every cut and every one-byte deletion of a real block: each broken text is refused (or read) alike.
    @Test func brokenTextsAreRefusedAlike() {
        let bytes = Array(Self.article.utf8)
        for n in stride(from: 0, through: bytes.count, by: 1) {
            expectSame(String(decoding: bytes[..<n], as: UTF8.self))
        }
        for n in bytes.indices {
            var cut = bytes
            cut.remove(at: n)
            expectSame(String(decoding: cut, as: UTF8.self))
        }
    }
}

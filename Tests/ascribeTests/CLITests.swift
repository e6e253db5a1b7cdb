import Foundation
import Testing

/// End-to-end: run the built `ascribe` binary as a user would and check stdout, stderr, exit code.
@Suite("ascribe command line")
struct CLITests {
    static let packageRoot = AscribeBinary.packageRoot
    static let binary = AscribeBinary.path
    typealias Run = CLIRun

    func run(_ arguments: [String], stdin: Data? = nil) throws -> Run { try AscribeBinary.run(arguments, stdin: stdin) }

    @Test func extractJSONFollowsTheContract() throws {
        let r = try run(["extract", "Fixtures/news-article.html", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "ascribe/1")
        #expect((json["text"] as? String)?.contains("mooring fees") == true)
        let metadata = try #require(json["metadata"] as? [String: Any])
        #expect(metadata["title"] as? String == "Harbour fees to rise 12% next year, port authority says")
        #expect(metadata["byline"] as? [String] == ["Maria Lindqvist"])
        for key in ["published", "modified", "publisher", "url", "language", "description"] {
            #expect(metadata.keys.contains(key), "metadata.\(key) missing")
        }
        let links = try #require(json["links"] as? [[String: Any]])
        #expect(links.allSatisfy { $0["start"] is Int && $0["end"] is Int && $0["href"] is String && $0["text"] is String })
        let blocks = try #require(json["blocks"] as? [[String: Any]])
        #expect(!blocks.isEmpty)
    }

    @Test func checkJSONSpansAreScalarOffsetsIntoText() throws {
        let r = try run(["check", "Fixtures/attribution-kinds.txt", "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "ascribe/1")
        let text = Array((json["text"] as? String ?? "").unicodeScalars)
        let attributions = try #require(json["attributions"] as? [[String: Any]])
        // Every span's text is the slice of `text` at its scalar offsets (the file has curly quotes).
        func check(_ span: Any?) {
            guard let span = span as? [String: Any], let s = span["start"] as? Int, let e = span["end"] as? Int else { return }
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: text[s..<e])
            #expect(String(slice) == span["text"] as? String)
        }
        for a in attributions {
            check(a["cue"])
            check(a["source"])
            for c in a["content"] as? [Any] ?? [] { check(c) }
        }
        let kinds = Set(attributions.compactMap { $0["kind"] as? String })
        #expect(kinds.isSuperset(of: ["direct", "indirect", "according-to", "vague", "anonymous", "no-source", "document"]))
        let direct = try #require(attributions.first { $0["kind"] as? String == "direct" })
        let resolved = try #require(direct["sourceResolved"] as? [String: Any])
        #expect(resolved["name"] as? String == "Maria Lindqvist")
        #expect(resolved["kind"] as? String == "person")
        let relayed = attributions.filter { ($0["carrier"] as? [String: Any])?["name"] as? String == "TASS" }
        #expect(relayed.count == 2, "the minister's two statements are carried by TASS")
        #expect(relayed.allSatisfy { ($0["carrier"] as? [String: Any])?["stateAffiliation"] as? String == "state-controlled" })
    }

    @Test func checkTextGroupsBySource() throws {
        let r = try run(["check", "Fixtures/attribution-kinds.txt"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Erik Halvorsen [person] — Transport Minister"))
        #expect(r.stdout.contains("Critics [vague]"))
        #expect(r.stdout.contains("attributions in 13 sentences"))
    }

    @Test func checkRefusesBadInputLikeExtract() throws {
        #expect(try run(["check", "Fixtures/bad-pdf-saved-as-html.html"]).status == 65)
        #expect(try run(["check", "no-such-file.txt"]).status == 66)
        let empty = try run(["check", "-"], stdin: Data("No one said anything here at all\n".utf8))
        #expect(empty.status == 0)
    }

    @Test func checklistFormatsAndFailOn() throws {
        let markdown = try run(["checklist", "Fixtures/attribution-kinds.txt", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("- [ ] **"))
        let html = try run(["checklist", "Fixtures/attribution-kinds.txt", "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>") && html.stdout.contains("</html>"))
        let review = try run(["checklist", "Fixtures/attribution-kinds.txt", "--format", "claimreview"])
        #expect(review.stdout.contains("\"ClaimReview\""))
        // Newsroom CI: exit 1 with the matched codes when the article has such items; 0 otherwise.
        let failing = try run(["checklist", "Fixtures/attribution-kinds.txt", "--fail-on", "vague,state-media"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("vague") && failing.stderr.contains("state-media"))
        #expect(!failing.stdout.isEmpty, "the checklist is still printed")
        let passing = try run(["check", "-", "--fail-on", "anonymous"], stdin: Data("The council approved the budget on Monday.\n".utf8))
        #expect(passing.status == 0)
        let unknown = try run(["checklist", "Fixtures/attribution-kinds.txt", "--fail-on", "bogus"])
        #expect(unknown.status == 64)
    }

    @Test func readsStandardInput() throws {
        let r = try run(["extract", "-"], stdin: Data("Plain text from a pipe.\n".utf8))
        #expect(r.status == 0)
        #expect(r.stdout.contains("Plain text from a pipe."))
    }

    @Test func missingFileExits66WithOneLine() throws {
        let r = try run(["extract", "no-such-file.html"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("no-such-file.html: no such file"))
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stdout.isEmpty)
    }

    @Test func directoryExits66() throws {
        let r = try run(["extract", "Fixtures"])
        #expect(r.status == 66)
        #expect(r.stderr.contains("is a directory"))
    }

    @Test func binaryAndEmptyInputsExit65() throws {
        let pdf = try run(["extract", "Fixtures/bad-pdf-saved-as-html.html"])
        #expect(pdf.status == 65)
        #expect(pdf.stderr.contains("PDF"))
        let empty = try run(["extract", "Fixtures/bad-empty.txt"])
        #expect(empty.status == 65)
        #expect(empty.stderr.contains("empty"))
    }

    @Test func overTheCapExits65NamingTheCap() throws {
        let r = try run(["extract", "Fixtures/news-article.html", "--max-bytes", "100"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("100-byte limit"))
    }

    @Test func outputIsWrittenAtomicallyAndNeverHalfWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ascribe-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.json").path
        let ok = try run(["extract", "Fixtures/news-article.html", "--format", "json", "--output", target])
        #expect(ok.status == 0)
        #expect(ok.stdout.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains("\"schema\": \"ascribe/1\""))
        // A failing run leaves the earlier output untouched and no temporary file behind.
        let bad = try run(["extract", "Fixtures/bad-empty.txt", "--output", target])
        #expect(bad.status == 65)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == written)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }

    @Test func repairedBytesAreReportedOnStandardError() throws {
        var bytes = Array(#"<html><head><meta charset="utf-8"></head><body><p>Caf"#.utf8)
        bytes.append(0xE9)
        bytes += Array(" society meets on Mondays, its secretary said in a statement.</p></body></html>".utf8)
        let r = try run(["extract", "-"], stdin: Data(bytes))
        #expect(r.status == 0)
        #expect(r.stdout.contains("Café society"))
        #expect(r.stderr.contains("warning"))
        #expect(r.stderr.contains("1 invalid byte sequence"))
    }

    @Test func usageErrorsExit64() throws {
        let r = try run(["extract", "Fixtures/news-article.html", "--format", "yaml"])
        #expect(r.status == 64)
        let encoding = try run(["extract", "Fixtures/news-article.html", "--encoding", "klingon-8"])
        #expect(encoding.status == 64)
        #expect(encoding.stderr.contains("unknown encoding"))
    }

    @Test func helpTeachesTheFormatsAndExitCodes() throws {
        let r = try run(["extract", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("--format"))
        #expect(r.stdout.contains("mhtml"))
        let top = try run(["--help"])
        #expect(top.stdout.contains("Exit codes"))
    }
}

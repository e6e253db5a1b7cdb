import Foundation
import Testing

/// End-to-end `ascribe diff` and `ascribe checklist --since` runs of the built binary.
@Suite("ascribe diff")
struct DiffCLITests {
    static let packageRoot = AscribeBinary.packageRoot
    static let binary = AscribeBinary.path
    typealias Run = CLIRun

    func run(_ arguments: [String], stdin: Data? = nil) throws -> Run { try AscribeBinary.run(arguments, stdin: stdin) }

    static let v1 = "Fixtures/diff/harbour-v1.html"
    static let v1Restyled = "Fixtures/diff/harbour-v1-restyled.html"
    static let v2 = "Fixtures/diff/harbour-v2.txt"

    @Test func identicalAndRestyledVersionsSayNoChanges() throws {
        for other in [Self.v1, Self.v1Restyled] {
            let r = try run(["diff", Self.v1, other])
            #expect(r.status == 0)
            #expect(r.stdout == "no changes in claims or attributions\n", "\(other): \(r.stdout)")
        }
    }

    @Test func jsonEventsFromAnHTMLAndATextVersion() throws {
        let r = try run(["diff", Self.v1, Self.v2, "--format", "json"])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "ascribe/1")
        let events = try #require(json["events"] as? [[String: Any]])
        let types = Set(events.compactMap { $0["type"] as? String })
        #expect(types.isSuperset(of: ["quote-changed", "number-changed", "source-changed", "attribution-dropped", "correction-notice", "metadata-changed"]), "\(types)")
        #expect(events.filter { $0["type"] as? String == "quote-changed" }.allSatisfy { $0["priority"] as? String == "high" })
        // Spans are Unicode-scalar offsets into the text of their own side.
        for side in ["old", "new"] {
            let text = Array(((json[side] as? [String: Any])?["text"] as? String ?? "").unicodeScalars)
            #expect(!text.isEmpty)
            for e in events {
                guard let s = e[side] as? [String: Any], let span = s["span"] as? [String: Any],
                    let start = span["start"] as? Int, let end = span["end"] as? Int else { continue }
                var slice = String.UnicodeScalarView()
                slice.append(contentsOf: text[start..<end])
                #expect(String(slice) == span["text"] as? String)
            }
        }
    }

    @Test func formatsAndAtomicOutput() throws {
        let markdown = try run(["diff", Self.v1, Self.v2, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("## Changes in claims and attributions"))
        #expect(markdown.stdout.contains("`quote-changed`"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ascribe-diff-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("changes.html").path
        let html = try run(["diff", Self.v1, Self.v2, "--format", "html", "--output", path])
        #expect(html.status == 0)
        #expect(html.stdout.isEmpty)
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>") && page.hasSuffix("</html>\n"))
        #expect(page.contains("<del>") && page.contains("<ins>"))
        #expect(!page.contains("<script"))
        let text = try run(["diff", Self.v1, Self.v2])
        #expect(text.stdout.contains("Aligned view"))
        #expect(!text.stdout.contains("\u{1B}["), "no colour when not on a terminal")
    }

    @Test func unrelatedArticlesAreCalledSo() throws {
        let r = try run(["diff", Self.v1, "Fixtures/attribution-kinds.txt"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("the versions share "), "\(r.stdout)")
        #expect(r.stdout.contains("% of their sentences"))
    }

    @Test func badInputExitsLikeExtract() throws {
        #expect(try run(["diff", "Fixtures/bad-empty.txt", Self.v2]).status == 65)
        #expect(try run(["diff", Self.v1, "Fixtures/bad-pdf-saved-as-html.html"]).status == 65)
        #expect(try run(["diff", Self.v1, "no-such-file.txt"]).status == 66)
        #expect(try run(["diff", "-", "-"]).status == 64)
        let stdin = try run(["diff", "-", Self.v2], stdin: try Data(contentsOf: URL(fileURLWithPath: Self.packageRoot + "/" + Self.v2)))
        #expect(stdin.stdout == "no changes in claims or attributions\n")
    }

    @Test func checklistSinceListsOnlyWhatChanged() throws {
        let all = try run(["checklist", Self.v2, "--format", "json"])
        let since = try run(["checklist", Self.v2, "--since", Self.v1, "--format", "json"])
        #expect(since.status == 0)
        func items(_ r: Run) throws -> [[String: Any]] {
            let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require(json["checklist"] as? [[String: Any]])
        }
        let allItems = try items(all)
        let sinceItems = try items(since)
        #expect(!sinceItems.isEmpty)
        #expect(sinceItems.count < allItems.count)
        #expect(sinceItems.contains { ($0["text"] as? String)?.contains("2,130") == true })
        #expect(!sinceItems.contains { ($0["text"] as? String)?.contains("Day visitors") == true }, "unchanged sentence")
        let unchanged = try run(["checklist", Self.v2, "--since", Self.v2, "--format", "json"])
        #expect(try items(unchanged).isEmpty)
    }
}

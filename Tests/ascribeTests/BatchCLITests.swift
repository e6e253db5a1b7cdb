import Foundation
import Testing

/// End-to-end batch runs of the built binary: many files, folders, JSON Lines, exit codes.
@Suite("ascribe batch mode")
struct BatchCLITests {
    static let packageRoot = AscribeBinary.packageRoot
    static let binary = AscribeBinary.path
    typealias Run = CLIRun

    func run(_ arguments: [String], stdin: Data? = nil) throws -> Run { try AscribeBinary.run(arguments, stdin: stdin) }

    let article = """
        <html><head><title>Port fees rise</title></head><body><article>
        <p>The port authority said on Monday that mooring fees will rise by 12 percent next year.</p>
        <p>"We have no choice," the harbour master told reporters.</p>
        </article></body></html>
        """

    /// A folder with a good page, a text file, an empty file, a PDF saved as .html, an unreadable
    /// page, a stylesheet the default filter skips, a nested page and a symlink loop.
    func mixedFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write("a-good.html", article)
        try folder.write("b-story.txt", "The mayor said the bridge would reopen in May.\n")
        try folder.write("c-empty.txt", "")
        try folder.write("d-pdf.html", Array("%PDF-1.7\n%\u{E2}\u{E3}\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8) + [0, 0xFF, 0x00, 0x10])
        try folder.write("e-locked.html", article)
        chmod(folder.path + "/e-locked.html", 0)
        try folder.write("style.css", "p { color: red }")
        try folder.write("sub/f-nested.html", article)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/sub/loop", withDestinationPath: "..")
        return folder
    }

    @Test func folderBatchWritesOneRecordPerInputInOrderAndExits2() throws {
        let folder = try mixedFolder()
        let r = try run(["extract", folder.path, "--format", "jsonl", "--jobs", "2"])
        #expect(r.status == 2, "some inputs failed")
        let records = try r.records()
        let paths = records.compactMap { ($0["path"] as? String)?.replacingOccurrences(of: folder.path + "/", with: "") }
        #expect(paths == ["a-good.html", "b-story.txt", "c-empty.txt", "d-pdf.html", "e-locked.html", "sub/f-nested.html", "sub/loop"])
        func record(_ name: String) -> [String: Any] { records.first { ($0["path"] as? String)?.hasSuffix("/" + name) == true } ?? [:] }
        func code(_ name: String) -> Int? { (record(name)["error"] as? [String: Any])?["code"] as? Int }
        #expect(record("a-good.html")["ok"] as? Bool == true)
        #expect((record("a-good.html")["text"] as? String)?.contains("mooring fees") == true)
        #expect(record("a-good.html")["schema"] as? String == "ascribe/1", "a record holds the --format json fields")
        #expect(record("b-story.txt")["ok"] as? Bool == true)
        #expect(code("c-empty.txt") == 65)
        #expect(code("d-pdf.html") == 65)
        #expect(((record("d-pdf.html")["error"] as? [String: Any])?["message"] as? String)?.contains("PDF") == true)
        if getuid() == 0 {
            // root reads anything, so the locked file is an ordinary page there.
            #expect(record("e-locked.html")["ok"] as? Bool == true)
        } else {
            #expect(code("e-locked.html") == 74)
        }
        #expect(record("sub/f-nested.html")["ok"] as? Bool == true, "the pages after the bad ones are all there")
        #expect(code("sub/loop") == 74)
        #expect(((record("sub/loop")["error"] as? [String: Any])?["message"] as? String)?.contains("loop") == true)
        #expect(r.stderr.contains("7 inputs, \(getuid() == 0 ? 3 : 4) failed"), "the summary line: \(r.stderr)")
    }

    @Test func includeChoosesFilesInFolders() throws {
        let folder = try mixedFolder()
        let r = try run(["check", folder.path, "--include", "*.txt", "--include", "*.css", "--format", "jsonl"])
        let paths = try r.records().compactMap { ($0["path"] as? String)?.replacingOccurrences(of: folder.path + "/", with: "") }
        #expect(paths == ["b-story.txt", "c-empty.txt", "style.css", "sub/loop"])
        #expect(r.status == 2)
    }

    @Test func outputOrderIsTheSameWithOneAndTwoJobs() throws {
        let folder = try TemporaryFolder()
        // Sizes vary so that, with two jobs, later pages often finish before earlier ones.
        for n in 0..<24 {
            let paragraphs = String(repeating: "<p>Officials said on day \(n) that the plan would cost more, a spokesman told reporters.</p>\n", count: 1 + (n * 37) % 90)
            try folder.write(String(format: "page-%02d.html", n), "<html><body><article>\(paragraphs)</article></body></html>")
        }
        let one = try run(["check", folder.path, "--format", "jsonl", "--jobs", "1"])
        let two = try run(["check", folder.path, "--format", "jsonl", "--jobs", "2"])
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout)
        let paths = try two.records().compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }
        #expect(paths == (0..<24).map { String(format: "page-%02d.html", $0) })
    }

    @Test func stdinJSONLRoundTrip() throws {
        let lines = [
            #"{"id": "doc-1", "html": "<html><body><p>The minister said the talks would resume on Friday.</p></body></html>"}"#,
            #"{"id": 2, "text": "Critics say the plan is too costly, according to a report by the council."}"#,
            "this line is not JSON",
            "",
            #"{"id": "doc-4", "text": "   "}"#,
            #"{"id": "doc-5", "text": "The mayor said the bridge would reopen."}"#,
        ]
        let r = try run(["check", "--stdin-jsonl", "--jobs", "2"], stdin: Data(lines.joined(separator: "\n").utf8))
        #expect(r.status == 2)
        let records = try r.records()
        #expect(records.count == 5, "one result per record; the blank line is skipped")
        #expect(records[0]["id"] as? String == "doc-1")
        #expect(records[1]["id"] as? Int == 2)
        #expect(records[2]["id"] is NSNull)
        #expect(records[3]["id"] as? String == "doc-4")
        #expect(records[4]["id"] as? String == "doc-5")
        #expect(records.map { $0["ok"] as? Bool } == [true, true, false, false, true])
        #expect((records[0]["attributions"] as? [Any])?.isEmpty == false, "a record holds the check --format json fields")
        #expect((records[0]["input"] as? [String: Any])?["format"] as? String == "html")
        #expect((records[1]["input"] as? [String: Any])?["format"] as? String == "text")
        #expect(((records[2]["error"] as? [String: Any])?["message"] as? String)?.contains("line 3") == true)

        let clean = try run(["extract", "--stdin-jsonl"], stdin: Data((lines[0] + "\n").utf8))
        #expect(clean.status == 0)
        #expect(try clean.records().first?["ok"] as? Bool == true)
        let empty = try run(["extract", "--stdin-jsonl"], stdin: Data())
        #expect(empty.status == 0 && empty.stdout.isEmpty, "an empty partition is a successful map step")
    }

    @Test func exitCodesOfTheBatchForm() throws {
        let folder = try TemporaryFolder()
        try folder.write("one.txt", "The council approved the budget on Monday.\n")
        try folder.write("two.txt", "Observers note that the vote was close, sources said.\n")
        let ok = try run(["extract", folder.path + "/one.txt", folder.path + "/two.txt"])
        #expect(ok.status == 0)
        #expect(ok.stdout.contains("==> \(folder.path)/one.txt <==") && ok.stdout.contains("==> \(folder.path)/two.txt <=="))
        let failOn = try run(["check", folder.path, "--format", "jsonl", "--fail-on", "vague,anonymous"])
        #expect(failOn.status == 1, "\(failOn.stderr)")
        #expect(failOn.stderr.contains("--fail-on matched"))
        #expect(try failOn.records().count == 2, "the records are still written")
        let missing = try run(["extract", folder.path + "/one.txt", folder.path + "/nope.txt", "--format", "jsonl"])
        #expect(missing.status == 2)
        #expect(try missing.records().last?["ok"] as? Bool == false)
        let nothing = try TemporaryFolder()
        #expect(try run(["extract", nothing.path, "--format", "jsonl"]).status == 66)
        #expect(try run(["extract", folder.path + "/one.txt", folder.path + "/two.txt", "--format", "json"]).status == 64)
        #expect(try run(["extract", "--stdin-jsonl", folder.path + "/one.txt"]).status == 64)
        #expect(try run(["extract", folder.path, "--format", "jsonl", "--jobs", "0"]).status == 64)
        #expect(try run(["extract"]).status == 64)
        let help = try run(["check", "--help"])
        #expect(help.stdout.contains("2 at least one input failed"))
    }

    @Test func textBatchPrintsErrorsOnStandardErrorInOrder() throws {
        let folder = try mixedFolder()
        let r = try run(["extract", folder.path + "/a-good.html", folder.path + "/c-empty.txt", folder.path + "/b-story.txt", "--quiet"])
        #expect(r.status == 2)
        #expect(r.stdout.contains("mooring fees") && r.stdout.contains("bridge would reopen"))
        #expect(r.stderr == "ascribe: \(folder.path)/c-empty.txt: is empty or only whitespace; there is no article to read\n")
    }

    @Test func batchOutputFileIsWrittenAtomically() throws {
        let folder = try mixedFolder()
        let target = folder.path + "/out.jsonl"
        let r = try run(["extract", folder.path + "/a-good.html", folder.path + "/b-story.txt", "--format", "jsonl", "--output", target])
        #expect(r.status == 0)
        #expect(r.stdout.isEmpty)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.split(separator: "\n").count == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty, "no temporary file left")
    }

    @Test func oneFileKeepsTheSingleFileOutput() throws {
        let single = try run(["extract", "Fixtures/news-article.html", "--format", "json"])
        #expect(single.status == 0)
        #expect(single.stdout.hasPrefix("{\n  \"blocks\""), "pretty JSON, as before")
        #expect(single.stderr.isEmpty, "no summary line for a single file")
        let line = try run(["extract", "Fixtures/news-article.html", "--format", "jsonl"])
        let record = try #require(try line.records().first)
        #expect(record["path"] as? String == "Fixtures/news-article.html")
        #expect(record["ok"] as? Bool == true)
    }
}

/// A folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ascribe-batch-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        if let walker = FileManager.default.enumerator(atPath: path) {
            while let item = walker.nextObject() as? String { chmod(path + "/" + item, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path + "/" + name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }
}

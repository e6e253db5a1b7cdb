import AscribeKit
import Foundation
import Synchronization
import Testing

@Suite("Batch: patterns, discovery, ordered runner, JSON Lines records")
struct BatchTests {
    @Test func globMatchesNamesLikeAShell() {
        let html = GlobPattern("*.html")
        #expect(html.matches("story.html"))
        #expect(html.matches(".html"))
        #expect(!html.matches("story.html.bak"))
        #expect(!html.matches("STORY.HTML"), "user patterns are case-sensitive, like a shell's")
        #expect(GlobPattern("*.html", ignoresCase: true).matches("STORY.HTML"))
        #expect(GlobPattern("page-??.htm").matches("page-07.htm"))
        #expect(!GlobPattern("page-??.htm").matches("page-7.htm"))
        #expect(GlobPattern("*.[hx]tml").matches("a.xtml"))
        #expect(!GlobPattern("*.[!hx]tml").matches("a.htm"))
        #expect(GlobPattern("[a-c]*").matches("beta.txt"))
        #expect(!GlobPattern("[a-c]*").matches("delta.txt"))
        #expect(GlobPattern("*").matches("anything at all"))
        #expect(GlobPattern("a*b*c").matches("aXXbYYbZZc"))
        #expect(!GlobPattern("a*b*c").matches("aXXbYYbZZ"))
        #expect(GlobPattern("?é.txt").matches("xé.txt"), "? is one character, not one byte")
        #expect(GlobPattern(#"\*.txt"#).matches("*.txt"))
        #expect(!GlobPattern(#"\*.txt"#).matches("a.txt"))
        #expect(GlobPattern("[").matches("["), "an unclosed bracket is a literal")
    }

    @Test func globNeverBacktracksExponentially() {
        let name = String(repeating: "a", count: 5_000)
        let clock = ContinuousClock()
        let time = clock.measure {
            #expect(!GlobPattern("*a*a*a*a*a*a*a*b").matches(name))
        }
        #expect(time < .seconds(2))
    }

    @Test func runnerDeliversInInputOrderWithBoundedConcurrency() async throws {
        let running = Atomic<Int>(0)
        let peak = Atomic<Int>(0)
        var delivered: [Int] = []
        var completed = 0
        try await BatchRunner.run(
            Array(0..<60), jobs: 3,
            process: { n in
                let now = running.add(1, ordering: .sequentiallyConsistent).newValue
                peak.max(now, ordering: .sequentiallyConsistent)
                // Later inputs finish first: a naive writer would print them out of order.
                usleep(UInt32((60 - n) % 7) * 1_000)
                running.subtract(1, ordering: .sequentiallyConsistent)
                return n * 10
            },
            completed: { _ in completed += 1 },
            deliver: { delivered.append($0) })
        #expect(delivered == (0..<60).map { $0 * 10 })
        #expect(completed == 60)
        #expect(peak.load(ordering: .sequentiallyConsistent) <= 3)
    }

    @Test func runnerStopsWhenTheWriterFails() async {
        struct Full: Error {}
        var delivered = 0
        await #expect(throws: Full.self) {
            try await BatchRunner.run(Array(0..<100), jobs: 2, process: { $0 }, deliver: { n in
                if n == 5 { throw Full() }
                delivered += 1
            })
        }
        #expect(delivered == 5)
    }

    @Test func recordsCarryLabelOkAndErrorCode() {
        let result: JSONMembers = [("schema", { $0.string("ascribe/1") })]
        let ok = Batch.record(.path("a.html"), .success(result))
        #expect(ok.serialized(pretty: false) == #"{"ok":true,"path":"a.html","schema":"ascribe/1"}"#)
        let failed = Batch.record(.id(.int(7)), .failure(.emptyInput(path: "id 7")))
        #expect(
            failed.serialized(pretty: false)
                == #"{"error":{"code":65,"message":"id 7: is empty or only whitespace; there is no article to read"},"id":7,"ok":false}"#)
    }

    @Test func processCapturesErrorsAndReadsRecords() {
        let text = Batch.process(BatchInput(label: .id(.string("t")), source: .text("<p>Not HTML</p> said Ann.\r\n"), size: 0)) { $0 }
        let article = try? text.outcome.get()
        #expect(article?.format == .text, "a record's text is never sniffed as HTML")
        #expect(article?.text.contains("\r") == false)
        let html = Batch.process(BatchInput(label: .id(.int(1)), source: .bytes(Array("<html><body><p>The mayor said so.</p></body></html>".utf8)), size: 0)) { $0 }
        #expect((try? html.outcome.get())?.format == .html)
        let missing = Batch.process(BatchInput(label: .path("/no/such.html"), source: .file("/no/such.html"), size: 0)) { $0 }
        #expect(missing.failed)
        if case .failure(let error) = missing.outcome { #expect(error.exitCode == 66) }
        let blank = Batch.process(BatchInput(label: .id(.null), source: .text(" \n\t"), size: 0)) { $0 }
        if case .failure(let error) = blank.outcome { #expect(error.exitCode == 65) } else { Issue.record("blank text was accepted") }
    }

    @Test func jsonLinesRecordsAreParsedOrRefusedOneByOne() {
        func parse(_ line: String) -> BatchInput { JSONLinesInputs.parse(Array(line.utf8), lineNumber: 3) }
        #expect(parse(#"{"id": "a", "html": "<p>x</p>"}"#) == BatchInput(label: .id(.string("a")), source: .bytes(Array("<p>x</p>".utf8)), size: 8))
        #expect(parse(#"{"id": 42, "text": "x"}"#).label == .id(.int(42)))
        #expect(parse(#"{"text": "x"}"#).label == .id(.null))
        for bad in [#"not json"#, #"{"id": 1}"#, #"{"id": 1, "html": "a", "text": "b"}"#, #"[1, 2]"#, #"{"id": 1, "html": 5}"#] {
            guard case .failed(let error) = parse(bad).source else {
                Issue.record("accepted: \(bad)")
                continue
            }
            #expect(error.exitCode == 65)
            #expect(error.message.contains("line 3"))
        }
        #expect(parse(#"{"id": 1}"#).label == .id(.int(1)), "the id is kept when the rest is wrong")
    }

    @Test func jsonLinesStreamSkipsBlankLinesAndCapsLongOnes() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let long = String(repeating: "x", count: 300)
        let input = "{\"id\":1,\"text\":\"one\"}\n\n   \n{\"id\":2,\"text\":\"\(long)\"}\n{\"id\":3,\"text\":\"three\"}"
        let bytes = Array(input.utf8)
        #expect(write(fds[1], bytes, bytes.count) == bytes.count)
        close(fds[1])
        defer { close(fds[0]) }
        let inputs = Array(JSONLinesInputs(fileDescriptor: fds[0], maxLineBytes: 100))
        #expect(inputs.count == 3)
        #expect(inputs.first?.source == .text("one"))
        if case .failed(let error) = inputs[1].source { #expect(error.message.contains("line 4")) } else { Issue.record("long line accepted") }
        #expect(inputs.last?.source == .text("three"), "the last line needs no newline")
    }

    @Test func discoveryWalksFoldersSortedFiltersAndReportsLoops() throws {
        let root = try TemporaryFolder()
        try root.write("b.html", "<p>b</p>")
        try root.write("a.txt", "a")
        try root.write("style.css", "p {}")
        try root.write(".hidden.html", "<p>h</p>")
        try root.write("sub/c.HTM", "<p>c</p>")
        try root.write("sub/deeper/d.txt", "d")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/sub/deeper/up", withDestinationPath: "../..")
        try FileManager.default.createSymbolicLink(atPath: root.path + "/self.html", withDestinationPath: "self.html")
        #expect(mkfifo(root.path + "/pipe.txt", 0o644) == 0)

        let inputs = BatchInputs.discover([root.path])
        let names = inputs.map { $0.name.replacingOccurrences(of: root.path + "/", with: "") }
        #expect(names == ["a.txt", "b.html", "pipe.txt", "self.html", "sub/c.HTM", "sub/deeper/d.txt", "sub/deeper/up"])
        func error(_ name: String) -> AscribeError? {
            guard case .failed(let e) = inputs.first(where: { $0.name.hasSuffix("/" + name) })?.source else { return nil }
            return e
        }
        #expect(error("pipe.txt")?.exitCode == 65, "a FIFO is refused, never opened (that would hang)")
        #expect(error("self.html")?.message.contains("loop") == true)
        #expect(error("up")?.message.contains("loop") == true)
        #expect(error("a.txt") == nil)

        // Loops are reported whatever the pattern: a looping link may stand for a whole folder.
        let onlyText = BatchInputs.discover([root.path], includes: [GlobPattern("*.txt")])
            .map { $0.name.replacingOccurrences(of: root.path + "/", with: "") }
        #expect(onlyText == ["a.txt", "pipe.txt", "self.html", "sub/deeper/d.txt", "sub/deeper/up"])
        // Files named directly are taken whatever their name; missing ones become failed inputs.
        let direct = BatchInputs.discover([root.path + "/style.css", root.path + "/missing.html"])
        #expect(direct.first?.source == .file(root.path + "/style.css"))
        if case .failed(let e) = direct.last?.source { #expect(e.exitCode == 66) } else { Issue.record("missing file not reported") }
    }
}

/// A folder under the system's temporary directory, removed when the value is released.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("ascribe-batch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        // Unreadable files and folders must become removable first.
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

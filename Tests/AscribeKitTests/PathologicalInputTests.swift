import AscribeKit
import Foundation
import Testing

/// Hostile and broken inputs: each must give a clear error or a sane result, in bounded time,
/// and never take the rest of a batch down with it.
///
/// The issue's full sizes (1,000,000 nested elements, a 50 MB text node) take several seconds in
/// a debug build, so by default these tests use smaller versions of the same shapes (100,000
/// nesting levels, 256 KB of prose in one node: its analysis in debug code runs at ~40 KB/s) and
/// a time bound loose enough for a loaded two-core machine. Set
/// ASCRIBE_PATHOLOGICAL_FULL=1 to run the full sizes (meant for `swift test -c release`; the
/// release CLI figures are in the README's performance section).
@Suite("Pathological inputs")
struct PathologicalInputTests {
    static let full = ProcessInfo.processInfo.environment["ASCRIBE_PATHOLOGICAL_FULL"] == "1"
    /// Per-input time bound: the release target is 1 s; debug code is 5–20× slower.
    static let bound: Duration = .seconds(full ? 5 : 20)

    struct Outcome {
        var article: Article?
        var analysis: AttributionAnalysis?
        var error: AscribeError?
        var time: Duration
    }

    /// Reads, extracts and analyses `bytes` as the batch does, timing the whole.
    func run(_ bytes: [UInt8], name: String = "page.html") -> Outcome {
        let clock = ContinuousClock()
        var outcome = Outcome(time: .zero)
        outcome.time = clock.measure {
            do throws(AscribeError) {
                let article = Extractor.extract(try Reader.read(bytes: bytes, name: name))
                outcome.article = article
                outcome.analysis = Attributor.analyze(article)
            } catch {
                outcome.error = error
            }
        }
        return outcome
    }

    /// No C0 controls but tab and newline, no C1 controls, no U+FFFD left unexplained.
    func isClean(_ text: String) -> Bool {
        !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x80...0x9F).contains($0.value) }
    }

    func page(_ body: String) -> [UInt8] { Array("<html><body>\(body)</body></html>".utf8) }

    @Test func deeplyNestedElements() {
        let depth = Self.full ? 1_000_000 : 100_000
        var bytes = Array("<html><body>".utf8)
        bytes += Array(repeating: Array("<div>".utf8), count: depth).joined()
        bytes += Array("<p>The mayor said the bridge would reopen in May.</p>".utf8)
        bytes += Array(repeating: Array("</div>".utf8), count: depth).joined()
        bytes += Array("</body></html>".utf8)
        let r = run(bytes)
        #expect(r.error == nil)
        #expect(r.article?.text.contains("The mayor said the bridge would reopen in May.") == true, "the paragraph at depth \(depth) is kept")
        #expect(r.time < Self.bound, "\(depth) nested divs took \(r.time)")
    }

    /// One text node of prose without attribution cues: reading, extraction and sentence
    /// splitting at scale. (A node full of "X said Y." sentences is the next test.) Release, 50 MB:
    /// extract 3.8 s, check 19 s with 1.7 GB of memory; see the README's performance section.
    @Test func oneHugeTextNode() {
        let bytes = Self.oneTextNode(kilobytes: Self.full ? 50 << 10 : 256, sentence: "The harbour is wide and the water is calm today. ")
        let r = run(bytes)
        #expect(r.error == nil)
        #expect((r.article?.text.utf8.count ?? 0) > bytes.count / 2, "the text node is not cut short")
        #expect(r.time < Self.bound * (Self.full ? 4 : 1), "\(bytes.count) bytes in one text node took \(r.time)")
    }

    /// The same page through the attribution entry points: over the text cap (here 64 KiB, so
    /// the debug test stays fast; by default 1 MiB) it is a clear 65 error naming the size, the
    /// cap and the option, for check, checklist, diff and the batch, while extract reads it whole.
    @Test func oneHugeTextNodeIsRefusedByAttributionWithAClearError() throws {
        let folder = try TemporaryFolder()
        try folder.write("big.html", Self.oneTextNode(kilobytes: 256, sentence: "The harbour is wide and the water is calm today. "))
        try folder.write("small.txt", "The mayor said the bridge would reopen in May.\n")
        let big = folder.path + "/big.html", small = folder.path + "/small.txt"
        let capped = ReadOptions(maxTextBytes: 64 << 10)
        let clock = ContinuousClock()
        let start = clock.now

        let article = try Ascribe.extract(path: big, options: capped)
        let textBytes = article.text.utf8.count
        #expect(textBytes > 200 << 10, "extract has no text cap")

        func refusal(_ body: () throws(AscribeError) -> Void) -> AscribeError? {
            do throws(AscribeError) { try body(); return nil } catch { return error }
        }
        let expected = AscribeError.textTooLarge(path: big, bytes: textBytes, limit: 64 << 10)
        #expect(refusal { () throws(AscribeError) in _ = try Ascribe.check(path: big, options: capped) } == expected)
        #expect(refusal { () throws(AscribeError) in _ = try Ascribe.checklist(path: big, options: capped) } == expected)
        #expect(refusal { () throws(AscribeError) in _ = try Ascribe.diff(oldPath: small, newPath: big, options: capped) } == expected)
        #expect(refusal { () throws(AscribeError) in _ = try Ascribe.checklist(path: small, since: big, options: capped) } == expected)
        #expect(expected.exitCode == 65)
        #expect(expected.message.contains("\(textBytes) bytes"))
        #expect(expected.message.contains("65536-byte limit"))
        #expect(expected.message.contains("--max-text-bytes"))
        #expect(ReadOptions().maxTextBytes == 1 << 20, "the documented default: 1 MiB")

        // In a batch, that input fails and the next is analysed.
        let results = [big, small].map { path in
            Batch.process(BatchInput(label: .path(path), source: .file(path), size: 0), options: capped, forAnalysis: true) {
                Attributor.analyze($0).attributions.count
            }
        }
        #expect(results[0].outcome == .failure(expected))
        #expect(results[1].outcome == .success(1))
        let extracted = Batch.process(BatchInput(label: .path(big), source: .file(big), size: 0), options: capped) { $0.text.utf8.count }
        #expect(extracted.outcome == .success(textBytes), "the batch extract has no text cap either")
        #expect(clock.now - start < Self.bound)
    }

    /// One paragraph of "The minister said the talks would resume." repeated: every sentence an
    /// attribution with the same claim id. Claim ids used to be probed one suffix at a time and
    /// each id rescanned every token (quadratic: 1 MB did not finish in 120 s); now 1 MB takes
    /// about 1 s in release. Debug runs 200 KB unless ASCRIBE_PATHOLOGICAL_FULL=1.
    @Test func oneHugeParagraphOfAttributions() {
        let bytes = Self.oneTextNode(kilobytes: Self.full ? 1 << 10 : 200, sentence: "The minister said the talks would resume. ")
        let clock = ContinuousClock()
        var items = 0
        let time = clock.measure {
            guard let article = try? Extractor.extract(Reader.read(bytes: bytes, name: "page.html")) else { return }
            let checklist = ChecklistBuilder.build(ClaimLinker.link(Attributor.analyze(article)))
            items = checklist.items.count
            #expect(Set(checklist.items.map(\.id)).count == checklist.items.count, "ids stay unique")
        }
        #expect(items > 1000)
        #expect(time < .seconds(Self.full ? 5 : 20))
    }

    static func oneTextNode(kilobytes: Int, sentence: String) -> [UInt8] {
        let sentence = Array(sentence.utf8)
        var bytes = Array("<html><body><p>".utf8)
        bytes.reserveCapacity(kilobytes << 10 + 64)
        while bytes.count < kilobytes << 10 { bytes += sentence }
        bytes += Array("</p></body></html>".utf8)
        return bytes
    }

    @Test func tenThousandAttributesOnOneElement() {
        let attributes = (0..<10_000).map { "data-a\($0)=\"value \($0)\"" }.joined(separator: " ")
        let r = run(page("<p \(attributes)>The mayor said the bridge would reopen in May.</p>"))
        #expect(r.error == nil)
        #expect(r.article?.text == "The mayor said the bridge would reopen in May.")
        #expect(r.analysis?.attributions.isEmpty == false)
        #expect(r.time < Self.bound, "10,000 attributes took \(r.time)")
    }

    @Test func nulBytesInsideText() {
        // Today the sniffer takes any NUL for binary data: a clear 65 error. A sane article with
        // the NULs dropped would be as good; either is accepted, control characters never are.
        for (name, bytes) in [
            ("page.html", Array("<html><body><p>The may".utf8) + [0] + Array("or said the bri".utf8) + [0] + Array("dge would reopen.</p></body></html>".utf8)),
            ("story.txt", Array("The may".utf8) + [0] + Array("or said the bridge would reopen.\n".utf8)),
        ] {
            let r = run(bytes, name: name)
            if let error = r.error {
                #expect(error.exitCode == 65, "\(name): \(error.message)")
            } else {
                #expect(r.article.map { isClean($0.text) && $0.text.contains("said") } == true, "\(name)")
            }
            #expect(r.time < Self.bound)
        }
    }

    @Test func invalidUTF8MidWord() {
        var bytes = Array(#"<html><head><meta charset="utf-8"></head><body><p>The ma"#.utf8)
        bytes += [0xC3]  // a lead byte with no continuation
        bytes += Array("yor said the bri".utf8) + [0xFF, 0xFE] + Array("dge would reo".utf8) + [0xE2, 0x82] + Array("pen.</p></body></html>".utf8)
        let r = run(bytes)
        #expect(r.error == nil)
        let text = r.article?.text ?? ""
        #expect(isClean(text), "repairs never leave control characters: \(text.debugDescription)")
        #expect(text.contains("said the bri"))
        #expect((r.article?.repairedSequences ?? 0) >= 3, "repairs are counted, so the user is told")
    }

    @Test func mixedEncodingsInOnePage() {
        var bytes = Array("<html><body><p>Café owners said “we are closing”.</p>".utf8)
        bytes += Array("<p>Na".utf8) + [0xEF] + Array("ve critics said the plan failed.</p>".utf8)  // windows-1252 ï
        bytes += Array("<p>".utf8) + [0xCC, 0xFD, 0xF0] + Array(" said so.</p></body></html>".utf8)  // windows-1251 Мэр
        let r = run(bytes)
        #expect(r.error == nil)
        let text = r.article?.text ?? ""
        #expect(isClean(text), "\(text.debugDescription)")
        #expect(text.contains("critics said the plan failed"))
        #expect((r.article?.repairedSequences ?? 0) > 0 || r.article?.charset == "utf-8", "a page that mixes encodings is never read silently")
    }

    @Test func metaCharsetThatLies() {
        // Declares UTF-8, is windows-1251: every Cyrillic byte is invalid UTF-8.
        let cyrillic: [UInt8] = [0xCC, 0xFD, 0xF0, 0x20, 0xE3, 0xEE, 0xF0, 0xEE, 0xE4, 0xE0]  // "Мэр города"
        let saysUTF8 = Array(#"<html><head><meta charset="utf-8"></head><body><p>"#.utf8) + cyrillic
            + Array(" said the bridge would reopen.</p></body></html>".utf8)
        let r = run(saysUTF8)
        #expect(r.error == nil)
        let text = r.article?.text ?? ""
        #expect(isClean(text))
        #expect(text.contains("Мэр города") || (r.article?.repairedSequences ?? 0) > 0, "either read right or the lie is reported")

        // Declares windows-1251, is UTF-8.
        let saysCyrillic = Array(#"<html><head><meta charset="windows-1251"></head><body><p>Café owners said “we are closing”.</p></body></html>"#.utf8)
        let lie = run(saysCyrillic)
        #expect(lie.error == nil)
        #expect(isClean(lie.article?.text ?? ""))
        withKnownIssue("a windows-1251 declaration over valid multi-byte UTF-8 is trusted silently (mojibake 'CafГ©', no warning)") {
            #expect(lie.article?.text.contains("Café") == true || (lie.article?.repairedSequences ?? 0) > 0)
        }
    }

    @Test func htmlFileThatIsReallyAPDF() {
        let pdf = Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + Array("\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8) + (0...255).map { UInt8($0) }
        let r = run(pdf, name: "story.html")
        #expect(r.error?.exitCode == 65)
        #expect(r.error?.message.contains("PDF") == true)
    }

    @Test func pathologicalFilesDoNotStopABatch() async throws {
        let folder = try TemporaryFolder()
        try folder.write("a.html", Array(repeating: Array("<div>".utf8), count: 20_000).joined() + Array("<p>The mayor said so.</p>".utf8))
        try folder.write("b.html", Array("%PDF-1.4\n".utf8) + [0, 1, 2, 0xFF])
        try folder.write("c.html", Array("<p>Bad".utf8) + [0xFF, 0x00, 0xC3] + Array(" bytes, the clerk said.</p>".utf8))
        try folder.write("d.txt", "The council said the vote was close.\n")
        try folder.write("e-locked.txt", "The council said the vote was close.\n")
        chmod(folder.path + "/e-locked.txt", 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/f-loop", withDestinationPath: ".")
        var results: [BatchResult<Int>] = []
        try await BatchRunner.run(BatchInputs.discover([folder.path]), jobs: 2, process: { input in
            Batch.process(input) { $0.text.utf8.count }
        }, deliver: { results.append($0) })
        let names = results.map { URL(fileURLWithPath: $0.name).lastPathComponent }
        #expect(names == ["a.html", "b.html", "c.html", "d.txt", "e-locked.txt", "f-loop"])
        #expect(results[0].failed == false)
        #expect(results[1].failed)
        #expect(results[3].failed == false, "the good file after the bad ones is read")
        // chmod 000 does not stop root (or a process with CAP_DAC_OVERRIDE): ask the system.
        let lockedIsReadable = FileManager.default.isReadableFile(atPath: folder.path + "/e-locked.txt")
        #expect(results[4].failed == !lockedIsReadable, "unreadable, unless this process may read anything")
        if !lockedIsReadable { #expect(results[4].outcome.errorCode == 74) }
        #expect(results[5].failed)
    }
}

extension Result where Failure == AscribeError {
    var errorCode: Int32? {
        if case .failure(let error) = self { return error.exitCode }
        return nil
    }
}

import Foundation
import Testing

/// Issue 6's pathological inputs as a user meets them: through the built binary, one folder of
/// them in a batch, and the article-text cap of the attribution commands. Sizes are small so the
/// debug run stays fast; the full sizes (1,000,000 nested elements, a 50 MB text node) are
/// measured on the release binary by `scripts/pathological` (figures in the README).
@Suite("ascribe on pathological inputs")
struct PathologicalCLITests {
    typealias Run = CLIRun

    func run(_ arguments: [String], stdin: Data? = nil) throws -> Run { try AscribeBinary.run(arguments, stdin: stdin) }

    static let prose = "The harbour is wide and the water is calm today. "

    /// One `<p>` holding `kilobytes` of prose: the shape of the 50 MB text-node page.
    static func oneTextNode(kilobytes: Int) -> String {
        "<html><body><p>" + String(repeating: prose, count: (kilobytes << 10) / prose.utf8.count + 1) + "</p></body></html>"
    }

    /// A page around `paragraph`, padded with prose so a stray byte is a small share of it.
    static func page(_ paragraph: [UInt8], head: String = "") -> [UInt8] {
        let filler = "<p>" + String(repeating: prose, count: 6) + "</p>"
        return Array("<html><head>\(head)<title>Bridge</title></head><body>\(filler)<p>".utf8) + paragraph
            + Array("</p>\(filler)</body></html>".utf8)
    }

    @Test func articleTextOverTheCapExits65NamingSizeCapAndOptionWithNoOutputFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("big.html", Self.oneTextNode(kilobytes: 16))
        try folder.write("small.txt", "The mayor said the bridge would reopen in May.\n")
        let big = folder.path + "/big.html", small = folder.path + "/small.txt"
        let target = folder.path + "/out"

        let extract = try run(["extract", big, "--max-bytes", "100000"])
        #expect(extract.status == 0, "extract has no text cap: \(extract.stderr)")
        let textBytes = extract.stdout.utf8.count - 1  // the text output ends with one newline

        for arguments in [["check", big], ["checklist", big], ["diff", small, big], ["checklist", small, "--since", big]] {
            let r = try run(arguments + ["--max-text-bytes", "4096", "--output", target])
            #expect(r.status == 65, "\(arguments)")
            #expect(r.stderr == "ascribe: \(big): its article text is \(textBytes) bytes, over the 4096-byte limit of check, checklist and diff; raise it with --max-text-bytes if this is really one article (extract has no such limit)\n")
            #expect(r.stdout.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: target), "never a partial output file")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["big.html", "small.txt"], "no temporary file left")
        let raised = try run(["check", big, "--max-text-bytes", "100000", "--format", "json"])
        #expect(raised.status == 0, "raising the cap lets it through")
        let usage = try run(["check", small, "--max-text-bytes", "0"])
        #expect(usage.status == 64)
    }

    /// Every pathological input of issue 6 in one folder: each gets its record, a sane result or
    /// a clear error, and the good file at the end is analysed.
    @Test func aFolderOfPathologicalInputsInOneBatch() throws {
        let folder = try TemporaryFolder()
        let said = "The mayor said the bridge would reopen in May."
        try folder.write("a-nested.html", "<html><body>" + String(repeating: "<div>", count: 20_000) + "<p>\(said)</p>" + String(repeating: "</div>", count: 20_000) + "</body></html>")
        try folder.write("b-one-text-node.html", Self.oneTextNode(kilobytes: 256))
        try folder.write("c-attributes.html", "<html><body><p " + (0..<10_000).map { "data-a\($0)=\"v\($0)\"" }.joined(separator: " ") + ">\(said)</p></body></html>")
        try folder.write("d-nul-in-page.html", Self.page(Array("The may".utf8) + [0] + Array("or said the bri".utf8) + [0] + Array("dge would reopen in May.".utf8)))
        try folder.write("e-nul-short.txt", Array("The may".utf8) + [0, 0, 0] + Array("or said so.\n".utf8))
        try folder.write("f-bad-utf8.html", Self.page(Array("The ma".utf8) + [0xC3] + Array("yor said the bri".utf8) + [0xFF, 0xFE] + Array("dge would reo".utf8) + [0xE2, 0x82] + Array("pen in May.".utf8), head: #"<meta charset="utf-8">"#))
        // A UTF-8 page (most multi-byte sequences valid) with a windows-1252 ï and a windows-1251 Мэр pasted in.
        let utf8Prose = String(repeating: "The harbour’s “new” quay — opened in 2019 — is Zoë’s café’s neighbour. ", count: 2)
        try folder.write("g-mixed.html", Self.page(Array("\(utf8Prose)</p><p>Café owners said the na".utf8) + [0xEF] + Array("ve plan would fail, and ".utf8) + [0xCC, 0xFD, 0xF0] + Array(" agreed.".utf8)))
        try folder.write("h-lying-meta.html", Self.page([0xCC, 0xFD, 0xF0, 0x20, 0xE3, 0xEE, 0xF0, 0xEE, 0xE4, 0xE0] + Array(" said the bridge would reopen.".utf8), head: #"<meta charset="utf-8">"#))
        try folder.write("i-pdf.html", Array("%PDF-1.7\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3] + Array("\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".utf8) + (0...255).map { UInt8($0) })
        try folder.write("j-locked.html", Self.page(Array(said.utf8)))
        chmod(folder.path + "/j-locked.html", 0)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/k-loop", withDestinationPath: ".")
        try folder.write("z-last.txt", said + "\n")
        // chmod 000 does not stop root (or a process with CAP_DAC_OVERRIDE): ask the system.
        let lockedIsReadable = FileManager.default.isReadableFile(atPath: folder.path + "/j-locked.html")

        let r = try run(["check", folder.path, "--include", "*", "--format", "jsonl", "--jobs", "2", "--max-text-bytes", "65536"])
        #expect(r.status == 2, "some inputs failed")
        let records = try r.records()
        let names = records.compactMap { ($0["path"] as? String)?.replacingOccurrences(of: folder.path + "/", with: "") }
        #expect(names == [
            "a-nested.html", "b-one-text-node.html", "c-attributes.html", "d-nul-in-page.html", "e-nul-short.txt",
            "f-bad-utf8.html", "g-mixed.html", "h-lying-meta.html", "i-pdf.html", "j-locked.html", "k-loop", "z-last.txt",
        ])
        func record(_ name: String) -> [String: Any] { records.first { ($0["path"] as? String) == folder.path + "/" + name } ?? [:] }
        func ok(_ name: String) -> Bool { record(name)["ok"] as? Bool == true }
        func error(_ name: String) -> (code: Int?, message: String) {
            let e = record(name)["error"] as? [String: Any]
            return (e?["code"] as? Int, e?["message"] as? String ?? "")
        }
        func text(_ name: String) -> String { record(name)["text"] as? String ?? "" }
        func attributions(_ name: String) -> Int { (record(name)["attributions"] as? [Any])?.count ?? 0 }
        func repaired(_ name: String) -> Int { (record(name)["input"] as? [String: Any])?["repairedSequences"] as? Int ?? 0 }
        func clean(_ text: String) -> Bool {
            !text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || (0x80...0x9F).contains($0.value) }
        }

        #expect(ok("a-nested.html") && text("a-nested.html") == said, "the paragraph 20,000 levels down is kept")
        #expect(attributions("a-nested.html") == 1)
        #expect(error("b-one-text-node.html").code == 65)
        #expect(error("b-one-text-node.html").message.contains("over the 65536-byte limit of check, checklist and diff; raise it with --max-text-bytes"))
        #expect(ok("c-attributes.html") && text("c-attributes.html") == said && attributions("c-attributes.html") == 1)
        #expect(ok("d-nul-in-page.html") && text("d-nul-in-page.html").contains(said), "stray NULs in a page are dropped")
        #expect(attributions("d-nul-in-page.html") == 1)
        #expect(error("e-nul-short.txt").code == 65 && error("e-nul-short.txt").message.contains("binary data"), "mostly NULs: binary")
        #expect(ok("f-bad-utf8.html") && clean(text("f-bad-utf8.html")) && repaired("f-bad-utf8.html") >= 3, "repairs are counted")
        #expect(text("f-bad-utf8.html").contains("said the bri"))
        #expect(ok("g-mixed.html") && clean(text("g-mixed.html")) && text("g-mixed.html").contains("Café owners said the naïve plan"))
        #expect(repaired("g-mixed.html") > 0, "a page mixing encodings is never read silently")
        #expect(ok("h-lying-meta.html") && clean(text("h-lying-meta.html")))
        #expect(text("h-lying-meta.html").contains("Мэр города") || repaired("h-lying-meta.html") > 0, "read right, or the lie is reported")
        #expect(error("i-pdf.html").code == 65 && error("i-pdf.html").message.contains("PDF"))
        if lockedIsReadable {
            #expect(ok("j-locked.html"), "this process reads anything (root): an ordinary page")
        } else {
            #expect(error("j-locked.html").code == 74 && error("j-locked.html").message.contains("cannot be read"))
        }
        #expect(error("k-loop").code == 74 && error("k-loop").message.contains("loop"))
        #expect(ok("z-last.txt") && attributions("z-last.txt") == 1, "nothing lost after the bad inputs")
        #expect(r.stderr.contains("12 inputs, \(lockedIsReadable ? 4 : 5) failed"), "the summary line: \(r.stderr)")

        // extract has no text cap: the same batch reads the text-node page.
        let extract = try run(["extract", folder.path + "/b-one-text-node.html", folder.path + "/z-last.txt", "--format", "jsonl"])
        #expect(extract.status == 0)
        #expect(try extract.records().allSatisfy { $0["ok"] as? Bool == true })
    }

    @Test func helpOfTheAttributionCommandsTeachesTheTextCap() throws {
        for command in ["check", "checklist", "diff"] {
            let r = try run([command, "--help"])
            #expect(r.stdout.contains("--max-text-bytes"), "\(command)")
            #expect(r.stdout.contains("1 MiB"), "\(command)")
        }
        #expect(try run(["extract", "--help"]).stdout.contains("--max-text-bytes") == false, "extract has no text cap")
    }
}

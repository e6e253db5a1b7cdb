import Foundation
import Testing

@testable import AscribeKit

@Suite("Reading inputs")
struct ReaderTests {
    func readError(_ bytes: [UInt8], name: String = "input", options: ReadOptions = ReadOptions()) -> AscribeError? {
        do {
            _ = try Reader.read(bytes: bytes, name: name, options: options)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFileIsExit66() throws {
        #expect(throws: AscribeError.noSuchFile(path: "/no/such/article.html")) {
            try Reader.read(path: "/no/such/article.html")
        }
        #expect(AscribeError.noSuchFile(path: "x").exitCode == 66)
    }

    @Test func directoryIsExit66WithIsADirectory() throws {
        let folder = FileManager.default.temporaryDirectory.path
        do {
            _ = try Reader.read(path: folder)
            Issue.record("a directory was read")
        } catch {
            #expect(error == .isDirectory(path: folder))
            #expect(error.exitCode == 66)
            #expect(error.message.contains("is a directory"))
        }
    }

    @Test func emptyAndWhitespaceOnlyInputsAreExit65() {
        for input in ["", "   \n\t\r\n", "<html><body>  </body></html>"] {
            let error = readError(Array(input.utf8))
            #expect(error == .emptyInput(path: "input"), "input \(input.debugDescription)")
            #expect(error?.exitCode == 65)
        }
    }

    @Test(arguments: [
        (Array("%PDF-1.7\n%âãÏÓ\n".utf8), "PDF"),
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "PNG"),
        ([0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "JPEG"),
        ([0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0], "gzip"),
        ([0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0], "ZIP"),
        ([0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x10, 0x00, 0x41, 0x00], "binary"),
    ] as [([UInt8], String)])
    func binaryInputsSayWhatTheySeemToBe(bytes: [UInt8], what: String) {
        let error = readError(bytes, name: "page.html")
        guard case .notAnArticle(_, let description)? = error else {
            Issue.record("expected notAnArticle, got \(String(describing: error))")
            return
        }
        #expect(description.contains(what))
        #expect(error?.exitCode == 65)
    }

    @Test func inputOverTheCapIsExit65AndNamesTheCap() {
        let error = readError(Array(repeating: UInt8(ascii: "a"), count: 2_000), options: ReadOptions(maxBytes: 1_000))
        #expect(error == .tooLarge(path: "input", bytes: 2_000, limit: 1_000))
        #expect(error?.message.contains("1000") == true)
        #expect(error?.exitCode == 65)
    }

    @Test func unknownEncodingOverrideIsAUsageError() {
        let error = readError(Array("<p>text</p>".utf8), options: ReadOptions(encoding: "klingon-8"))
        #expect(error == .unknownEncoding(name: "klingon-8"))
        #expect(error?.exitCode == 64)
    }

    @Test func undeclaredWindows1251PageReadsAsCyrillic() throws {
        let article = try Ascribe.extract(path: FixturePaths.fixture("windows-1251-page.html"))
        #expect(article.text.contains("Министр иностранных дел России Сергей Лавров заявил"))
        #expect(article.charset == "windows-1251")
        #expect(!article.text.unicodeScalars.contains { $0.value >= 0x80 && $0.value <= 0x9F })
    }

    @Test func koi8RPlainTextReadsAsCyrillic() throws {
        let article = try Ascribe.extract(path: FixturePaths.fixture("koi8-r-text.txt"))
        #expect(article.text.hasPrefix("Москва. Министр заявил"))
        #expect(article.charset == "koi8-r")
    }

    @Test func encodingOverrideBeatsALyingMetaTag() throws {
        var bytes = Array(#"<html><head><meta charset="utf-8"></head><body><p>"#.utf8)
        bytes += Array("Привет, мир: это длинная строка текста.".data(using: .windowsCP1251)!)
        bytes += Array("</p></body></html>".utf8)
        let document = try Reader.read(bytes: bytes, name: "lying.html", options: ReadOptions(encoding: "windows-1251"))
        let article = Extractor.extract(document)
        #expect(article.text.contains("Привет, мир"))
        #expect(article.charsetSource == "override")
    }

    @Test func mhtmlSinglePageSaveReadsItsHTMLPart() throws {
        let article = try Ascribe.extract(path: FixturePaths.fixture("saved-page.mhtml"))
        #expect(article.format == .mhtml)
        #expect(article.text.contains("We have postponed this for three years, and we cannot postpone it again"))
        #expect(!article.text.contains("= "))
        #expect(article.metadata.url == "https://ledger.example.org/news/2025/harbour-fees")
    }

    @Test func plainTextKeepsFileOffsetsButNormalisesLineEnds() throws {
        let article = try Ascribe.extract(path: FixturePaths.fixture("plain-article.txt"))
        #expect(article.format == .text)
        #expect(!article.text.contains("\r"))
        #expect(article.text.hasPrefix("Harbour fees to rise\n\nThe harbour authority"))
        #expect(article.blocks.count == 3)
        let second = article.blocks[1].range
        let utf8 = Array(article.text.utf8)
        #expect(String(decoding: utf8[second], as: UTF8.self) == "The harbour authority will raise fees by 12 percent, its chairman said.")
        #expect(article.metadata.title == "Harbour fees to rise")
    }

    @Test func strayLatin1BytesInAUTF8PageAreRepairedAndCounted() throws {
        var bytes = Array(#"<html><head><meta charset="utf-8"></head><body><p>Le caf"#.utf8)
        bytes.append(0xE9)  // "é" in windows-1252, invalid in UTF-8
        bytes += Array(" est ouvert depuis lundi, a déclaré le maire de la commune.</p></body></html>".utf8)
        let article = Extractor.extract(try Reader.read(bytes: bytes, name: "mixed.html"))
        #expect(article.text.contains("Le café est ouvert"))
        #expect(article.repairedSequences == 1)
    }

    @Test func textWithAStrayNULIsStillText() throws {
        var bytes = Array("A normal article paragraph that happens to hold one NUL".utf8)
        bytes.append(0)
        bytes += Array(" byte in the middle of a long line of readable text.".utf8)
        let article = Extractor.extract(try Reader.read(bytes: bytes, name: "nul.txt"))
        #expect(article.text.contains("readable text"))
        #expect(!article.text.utf8.contains(0))
    }
}

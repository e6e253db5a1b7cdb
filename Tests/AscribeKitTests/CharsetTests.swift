import Testing
@testable import AscribeKit

// Test inputs are written as literal bytes: ASCII runs as string literals, everything else in hex.

private struct ByteChunk: ExpressibleByStringLiteral, ExpressibleByArrayLiteral {
    let bytes: [UInt8]
    init(stringLiteral value: String) { bytes = Array(value.utf8) }
    init(arrayLiteral elements: UInt8...) { bytes = elements }
}

private func bytes(_ chunks: [ByteChunk]) -> [UInt8] {
    chunks.flatMap(\.bytes)
}

private enum CharsetFixtures {
    static let russianText = "Москва - столица России, крупнейший по численности населения город страны. Город расположен на реке Москве в центре Восточно-Европейской равнины, а его население превышает тринадцать миллионов человек."

    /// russianText in windows-1251
    static let russian1251 = bytes([
        [0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE0], " - ", [0xF1, 0xF2, 0xEE, 0xEB, 0xE8, 0xF6, 0xE0], " ",
        [0xD0, 0xEE, 0xF1, 0xF1, 0xE8, 0xE8], ", ",
        [0xEA, 0xF0, 0xF3, 0xEF, 0xED, 0xE5, 0xE9, 0xF8, 0xE8, 0xE9], " ", [0xEF, 0xEE], " ",
        [0xF7, 0xE8, 0xF1, 0xEB, 0xE5, 0xED, 0xED, 0xEE, 0xF1, 0xF2, 0xE8], " ",
        [0xED, 0xE0, 0xF1, 0xE5, 0xEB, 0xE5, 0xED, 0xE8, 0xFF], " ", [0xE3, 0xEE, 0xF0, 0xEE, 0xE4], " ",
        [0xF1, 0xF2, 0xF0, 0xE0, 0xED, 0xFB], ". ", [0xC3, 0xEE, 0xF0, 0xEE, 0xE4], " ",
        [0xF0, 0xE0, 0xF1, 0xEF, 0xEE, 0xEB, 0xEE, 0xE6, 0xE5, 0xED], " ", [0xED, 0xE0], " ",
        [0xF0, 0xE5, 0xEA, 0xE5], " ", [0xCC, 0xEE, 0xF1, 0xEA, 0xE2, 0xE5], " ", [0xE2], " ",
        [0xF6, 0xE5, 0xED, 0xF2, 0xF0, 0xE5], " ", [0xC2, 0xEE, 0xF1, 0xF2, 0xEE, 0xF7, 0xED, 0xEE], "-",
        [0xC5, 0xE2, 0xF0, 0xEE, 0xEF, 0xE5, 0xE9, 0xF1, 0xEA, 0xEE, 0xE9], " ",
        [0xF0, 0xE0, 0xE2, 0xED, 0xE8, 0xED, 0xFB], ", ", [0xE0], " ", [0xE5, 0xE3, 0xEE], " ",
        [0xED, 0xE0, 0xF1, 0xE5, 0xEB, 0xE5, 0xED, 0xE8, 0xE5], " ",
        [0xEF, 0xF0, 0xE5, 0xE2, 0xFB, 0xF8, 0xE0, 0xE5, 0xF2], " ",
        [0xF2, 0xF0, 0xE8, 0xED, 0xE0, 0xE4, 0xF6, 0xE0, 0xF2, 0xFC], " ",
        [0xEC, 0xE8, 0xEB, 0xEB, 0xE8, 0xEE, 0xED, 0xEE, 0xE2], " ",
        [0xF7, 0xE5, 0xEB, 0xEE, 0xE2, 0xE5, 0xEA], ".",
    ])

    /// russianText in KOI8-R
    static let russianKOI8 = bytes([
        [0xED, 0xCF, 0xD3, 0xCB, 0xD7, 0xC1], " - ", [0xD3, 0xD4, 0xCF, 0xCC, 0xC9, 0xC3, 0xC1], " ",
        [0xF2, 0xCF, 0xD3, 0xD3, 0xC9, 0xC9], ", ",
        [0xCB, 0xD2, 0xD5, 0xD0, 0xCE, 0xC5, 0xCA, 0xDB, 0xC9, 0xCA], " ", [0xD0, 0xCF], " ",
        [0xDE, 0xC9, 0xD3, 0xCC, 0xC5, 0xCE, 0xCE, 0xCF, 0xD3, 0xD4, 0xC9], " ",
        [0xCE, 0xC1, 0xD3, 0xC5, 0xCC, 0xC5, 0xCE, 0xC9, 0xD1], " ", [0xC7, 0xCF, 0xD2, 0xCF, 0xC4], " ",
        [0xD3, 0xD4, 0xD2, 0xC1, 0xCE, 0xD9], ". ", [0xE7, 0xCF, 0xD2, 0xCF, 0xC4], " ",
        [0xD2, 0xC1, 0xD3, 0xD0, 0xCF, 0xCC, 0xCF, 0xD6, 0xC5, 0xCE], " ", [0xCE, 0xC1], " ",
        [0xD2, 0xC5, 0xCB, 0xC5], " ", [0xED, 0xCF, 0xD3, 0xCB, 0xD7, 0xC5], " ", [0xD7], " ",
        [0xC3, 0xC5, 0xCE, 0xD4, 0xD2, 0xC5], " ", [0xF7, 0xCF, 0xD3, 0xD4, 0xCF, 0xDE, 0xCE, 0xCF], "-",
        [0xE5, 0xD7, 0xD2, 0xCF, 0xD0, 0xC5, 0xCA, 0xD3, 0xCB, 0xCF, 0xCA], " ",
        [0xD2, 0xC1, 0xD7, 0xCE, 0xC9, 0xCE, 0xD9], ", ", [0xC1], " ", [0xC5, 0xC7, 0xCF], " ",
        [0xCE, 0xC1, 0xD3, 0xC5, 0xCC, 0xC5, 0xCE, 0xC9, 0xC5], " ",
        [0xD0, 0xD2, 0xC5, 0xD7, 0xD9, 0xDB, 0xC1, 0xC5, 0xD4], " ",
        [0xD4, 0xD2, 0xC9, 0xCE, 0xC1, 0xC4, 0xC3, 0xC1, 0xD4, 0xD8], " ",
        [0xCD, 0xC9, 0xCC, 0xCC, 0xC9, 0xCF, 0xCE, 0xCF, 0xD7], " ",
        [0xDE, 0xC5, 0xCC, 0xCF, 0xD7, 0xC5, 0xCB], ".",
    ])

    static let germanText = "Der Bürgermeister sagte: “Schöne Grüße aus München – wir freuen uns über Ihren Besuch.” Äpfel, Öl und Übermut."

    /// germanText in windows-1252 (0x93/0x94 curly quotes, 0x96 en dash)
    static let german1252 = bytes([
        "Der B", [0xFC], "rgermeister sagte: ", [0x93], "Sch", [0xF6], "ne Gr", [0xFC, 0xDF], "e aus M",
        [0xFC], "nchen ", [0x96], " wir freuen uns ", [0xFC], "ber Ihren Besuch.", [0x94], " ", [0xC4],
        "pfel, ", [0xD6], "l und ", [0xDC], "bermut.",
    ])

    /// <html><head><meta charset="iso-8859-2"><title>Zażółć</title></head><body><p>Zażółć gęślą jaźń.
    /// Łódź i Kraków są piękne.</p></body></html> in ISO-8859-2
    static let polishLatin2 = bytes([
        "<html><head><meta charset=\"iso-8859-2\"><title>Za", [0xBF, 0xF3, 0xB3, 0xE6],
        "</title></head><body><p>Za", [0xBF, 0xF3, 0xB3, 0xE6], " g", [0xEA, 0xB6], "l", [0xB1], " ja",
        [0xBC, 0xF1], ". ", [0xA3, 0xF3], "d", [0xBC], " i Krak", [0xF3], "w s", [0xB1], " pi", [0xEA],
        "kne.</p></body></html>",
    ])

    /// ...<p>Привет, мир! Съешь же ещё этих мягких французских булок.</p>... in windows-1251
    static let httpEquiv1251 = bytes([
        "<html><head><meta http-equiv=Content-Type content=\"text/html",
        "; charset=windows-1251\"></head><body><p>", [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], ", ",
        [0xEC, 0xE8, 0xF0], "! ", [0xD1, 0xFA, 0xE5, 0xF8, 0xFC], " ", [0xE6, 0xE5], " ",
        [0xE5, 0xF9, 0xB8], " ", [0xFD, 0xF2, 0xE8, 0xF5], " ", [0xEC, 0xFF, 0xE3, 0xEA, 0xE8, 0xF5], " ",
        [0xF4, 0xF0, 0xE0, 0xED, 0xF6, 0xF3, 0xE7, 0xF1, 0xEA, 0xE8, 0xF5], " ",
        [0xE1, 0xF3, 0xEB, 0xEE, 0xEA], ".</p></body></html>",
    ])

    /// XML declaration + "Preis: 10 € - Œuvre" in ISO-8859-15 (0xA4 is € there, ¤ in windows-1252)
    static let xmlLatin9 = bytes([
        "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?>", [0x0A], "<html><body><p>Preis: 10 ", [0xA4],
        " - ", [0xBC], "uvre</p></body></html>",
    ])

    /// BOM + "<p>Привет € 😀</p>" in UTF-16LE
    static let utf16le: [UInt8] = [
        0xFF, 0xFE, 0x3C, 0x00, 0x70, 0x00, 0x3E, 0x00, 0x1F, 0x04, 0x40, 0x04, 0x38, 0x04, 0x32, 0x04,
        0x35, 0x04, 0x42, 0x04, 0x20, 0x00, 0xAC, 0x20, 0x20, 0x00, 0x3D, 0xD8, 0x00, 0xDE, 0x3C, 0x00,
        0x2F, 0x00, 0x70, 0x00, 0x3E, 0x00,
    ]

    /// BOM + "<p>Привет € 😀</p>" in UTF-16BE
    static let utf16be: [UInt8] = [
        0xFE, 0xFF, 0x00, 0x3C, 0x00, 0x70, 0x00, 0x3E, 0x04, 0x1F, 0x04, 0x40, 0x04, 0x38, 0x04, 0x32,
        0x04, 0x35, 0x04, 0x42, 0x00, 0x20, 0x20, 0xAC, 0x00, 0x20, 0xD8, 0x3D, 0xDE, 0x00, 0x00, 0x3C,
        0x00, 0x2F, 0x00, 0x70, 0x00, 0x3E,
    ]

    /// <meta charset="gb2312"><p>中文网页</p> in GBK
    static let gbkPage = bytes([
        "<meta charset=\"gb2312\"><p>", [0xD6, 0xD0, 0xCE, 0xC4, 0xCD, 0xF8, 0xD2, 0xB3], "</p>",
    ])

    /// <meta http-equiv="content-type" content="text/html;charset=Shift_JIS"><p>日本語のページ</p> in Shift_JIS
    static let sjisPage = bytes([
        "<meta http-equiv=\"content-type\" content=\"text/html;charset=Shift_JIS\"><p>",
        [0x93, 0xFA, 0x96], "{", [0x8C, 0xEA, 0x82, 0xCC, 0x83], "y", [0x81], "[", [0x83], "W</p>",
    ])

    /// Привет, мир in windows-1251
    static let privet1251 = bytes([
        [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], ", ", [0xEC, 0xE8, 0xF0],
    ])

    /// <p>Grüße, Привет, 中文, 😀 — “quoted”</p> in UTF-8
    static let mixedUTF8 = bytes([
        "<p>Gr", [0xC3, 0xBC, 0xC3, 0x9F], "e, ",
        [0xD0, 0x9F, 0xD1, 0x80, 0xD0, 0xB8, 0xD0, 0xB2, 0xD0, 0xB5, 0xD1, 0x82], ", ",
        [0xE4, 0xB8, 0xAD, 0xE6, 0x96, 0x87], ", ", [0xF0, 0x9F, 0x98, 0x80], " ", [0xE2, 0x80, 0x94], " ",
        [0xE2, 0x80, 0x9C], "quoted", [0xE2, 0x80, 0x9D], "</p>",
    ])
    static let mixedText = "<p>Grüße, Привет, 中文, 😀 — “quoted”</p>"
}

private func text(_ utf8: [UInt8]) -> String { String(decoding: utf8, as: UTF8.self) }

/// The output invariant: valid UTF-8 without NUL and without C1 controls.
private func isClean(_ utf8: [UInt8]) -> Bool {
    Charset.isValidUTF8(utf8) && !text(utf8).unicodeScalars.contains { $0.value == 0 || (0x80...0x9F).contains($0.value) }
}

@Suite("Charset")
struct CharsetTests {
    fileprivate typealias F = CharsetFixtures

    // MARK: Detection of undeclared legacy text

    @Test func windows1251RussianWithoutDeclaration() throws {
        #expect(Charset.detect(F.russian1251) == "windows-1251")
        let decoded = try Charset.decode(F.russian1251, isHTML: true, override: nil)
        #expect(decoded.charset == "windows-1251")
        #expect(decoded.source == .detected)
        #expect(text(decoded.utf8) == F.russianText)
        #expect(text(decoded.utf8).hasPrefix("Москва - столица России"))
        #expect(decoded.replacedSequences == 0)
    }

    @Test func koi8RRussianWithoutDeclaration() throws {
        #expect(Charset.detect(F.russianKOI8) == "koi8-r")
        let decoded = try Charset.decode(F.russianKOI8, isHTML: true, override: nil)
        #expect(decoded.charset == "koi8-r")
        #expect(decoded.source == .detected)
        #expect(text(decoded.utf8) == F.russianText)
    }

    @Test func shortCyrillicPhrasesAreDetected() {
        #expect(Charset.detect(F.privet1251) == "windows-1251")
        // "Привет, мир" in KOI8-R
        #expect(Charset.detect([0xF0, 0xD2, 0xC9, 0xD7, 0xC5, 0xD4, 0x2C, 0x20, 0xCD, 0xC9, 0xD2]) == "koi8-r")
    }

    @Test func germanWindows1252WithCurlyQuotesAndUmlauts() throws {
        #expect(Charset.detect(F.german1252) == "windows-1252")
        let decoded = try Charset.decode(F.german1252, isHTML: true, override: nil)
        #expect(decoded.charset == "windows-1252")
        #expect(decoded.source == .detected)
        #expect(text(decoded.utf8) == F.germanText)
        #expect(decoded.replacedSequences == 0)
    }

    @Test func mostlyUTF8WithAStrayByteIsRepairedNotMangled() throws {
        let input = F.mixedUTF8 + bytes([" caf", [0xE9]])
        #expect(Charset.detect(input) == "utf-8")
        let decoded = try Charset.decode(input, isHTML: true, override: nil)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.source == .detected)
        #expect(text(decoded.utf8) == F.mixedText + " café")
        #expect(decoded.replacedSequences == 1)
    }

    @Test func asciiWithOneLatin1ByteIsWindows1252() throws {
        let decoded = try Charset.decode(bytes(["Copyright ", [0xA9], " 2024"]), isHTML: false, override: nil)
        #expect(decoded.charset == "windows-1252")
        #expect(text(decoded.utf8) == "Copyright © 2024")
    }

    // MARK: Declarations

    @Test func metaCharsetISO88592ThroughIconv() throws {
        #expect(Charset.declaredInHTML(F.polishLatin2) == "iso-8859-2")
        let decoded = try Charset.decode(F.polishLatin2, isHTML: true, override: nil)
        #expect(decoded.charset == "iso-8859-2")
        #expect(decoded.source == .declared)
        #expect(text(decoded.utf8).contains("<p>Zażółć gęślą jaźń. Łódź i Kraków są piękne.</p>"))
        #expect(decoded.replacedSequences == 0)
    }

    @Test func metaHTTPEquivWindows1251() throws {
        #expect(Charset.declaredInHTML(F.httpEquiv1251) == "windows-1251")
        let decoded = try Charset.decode(F.httpEquiv1251, isHTML: true, override: nil)
        #expect(decoded.charset == "windows-1251")
        #expect(decoded.source == .declared)
        #expect(text(decoded.utf8).contains("<p>Привет, мир! Съешь же ещё этих мягких французских булок.</p>"))
    }

    @Test func xmlDeclaration() throws {
        #expect(Charset.declaredInHTML(F.xmlLatin9) == "iso-8859-15")
        let decoded = try Charset.decode(F.xmlLatin9, isHTML: true, override: nil)
        #expect(decoded.charset == "iso-8859-15")
        #expect(decoded.source == .declared)
        #expect(text(decoded.utf8).contains("Preis: 10 € - Œuvre"))
    }

    @Test func gbkAndShiftJISThroughIconv() throws {
        let chinese = try Charset.decode(F.gbkPage, isHTML: true, override: nil)
        #expect(chinese.charset == "gbk")
        #expect(text(chinese.utf8) == "<meta charset=\"gb2312\"><p>中文网页</p>")
        let japanese = try Charset.decode(F.sjisPage, isHTML: true, override: nil)
        #expect(japanese.charset == "shift_jis")
        #expect(text(japanese.utf8).hasSuffix("<p>日本語のページ</p>"))
        #expect(japanese.replacedSequences == 0)
    }

    @Test func otherSingleByteEncodingsThroughIconv() throws {
        // windows-1250: Š š ą Ą, 0x81 is undefined (dropped like windows-1252's holes).
        let czech = try Charset.transcode([0x8A, 0x9A, 0xB9, 0xA5, 0x81, 0x21], from: "cp1250")
        #expect(text(czech.utf8) == "ŠšąĄ!")
        #expect(czech.replaced == 1)
        // windows-1255 Hebrew letters and a point, one to one (no composition).
        #expect(try text(Charset.transcode([0xF9, 0xEC, 0xE5, 0xED, 0x20, 0xC8], from: "windows-1255").utf8) == "שלום \u{5B8}")
        // ISO-8859-3 has a hole at 0xA5.
        let maltese = try Charset.transcode([0xA5, 0x41], from: "iso-8859-3")
        #expect(text(maltese.utf8) == "\u{FFFD}A")
        #expect(maltese.replaced == 1)
        // IBM866 (DOS Cyrillic) and ISO-8859-5.
        #expect(try text(Charset.transcode([0x8F, 0xE0, 0xA8, 0xA2, 0xA5, 0xE2], from: "866").utf8) == "Привет")
        #expect(try text(Charset.transcode([0xBF, 0xE0, 0xD8, 0xD2, 0xD5, 0xE2], from: "iso-8859-5").utf8) == "Привет")
    }

    @Test func metaInsideCommentIsIgnored() throws {
        let commented = bytes(["<html><!-- <meta charset=\"koi8-r\"> --><head><title>x</title></head>"])
        #expect(Charset.declaredInHTML(commented) == nil)
        let page = bytes(["<!-- old: <meta charset=koi8-r> --><meta charset=\"windows-1251\"><p>"]) + F.privet1251
        #expect(Charset.declaredInHTML(page) == "windows-1251")
        let decoded = try Charset.decode(page, isHTML: true, override: nil)
        #expect(text(decoded.utf8).hasSuffix("<p>Привет, мир"))
        // "<!-->" is an (empty) comment that is closed.
        #expect(Charset.declaredInHTML(bytes(["<!--><meta charset=koi8-r>"])) == "koi8-r")
    }

    @Test(arguments: [
        ("<meta charset=\"iso-8859-2\">", "iso-8859-2"),
        ("<META CHARSET=KOI8-R>", "koi8-r"),
        ("<meta charset='  Windows-1251  '>", "windows-1251"),
        ("<meta http-equiv=Content-Type content=\"text/html; charset=windows-1251\">", "windows-1251"),
        ("<META CONTENT='text/html; CHARSET=koi8-r' HTTP-EQUIV='Content-Type'>", "koi8-r"),
        ("<meta content=\"text/html;charset='sjis'\" http-equiv=\"content-type\" />", "shift_jis"),
        ("<meta name=viewport content=\"width=device-width\"><meta charset=gbk>", "gbk"),
        ("<html lang=en><head><meta\ncharset=\"utf-8\"/>", "utf-8"),
        ("<meta charset=\"utf-16\">", "utf-8"),                  // an ASCII-readable page is not UTF-16
        ("<meta charset=\"x-user-defined\">", "windows-1252"),
        ("<meta charset=\"bogus\"><meta charset=\"latin1\">", "windows-1252"),   // unknown label: keep looking
        ("<?xml version='1.0' encoding='koi8-r'?><html>", "koi8-r"),
        ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><meta charset=\"windows-1251\">", "utf-8"),
    ])
    func declarationVariants(html: String, expected: String) {
        #expect(Charset.declaredInHTML(Array(html.utf8)) == expected)
    }

    @Test(arguments: [
        "<html><head><title>No declaration</title></head>",
        "<meta content=\"text/html; charset=koi8-r\">",             // content without http-equiv
        "<meta name=\"description\" content=\"charset=koi8-r\">",
        "<a title=\"<meta charset=koi8-r>\">link</a>",              // inside an attribute value
        "<script>/* <!-- */</script><!-- <meta charset=koi8-r>",   // unterminated comment
        "<p>text <?xml version=\"1.0\" encoding=\"koi8-r\"?></p>",  // not at the start
    ])
    func noDeclaration(html: String) {
        #expect(Charset.declaredInHTML(Array(html.utf8)) == nil)
    }

    @Test func declarationOnlyInTheFirst4096Bytes() {
        let late = Array(repeating: UInt8(ascii: " "), count: 5000) + Array("<meta charset=koi8-r>".utf8)
        #expect(Charset.declaredInHTML(late) == nil)
        let early = Array(repeating: UInt8(ascii: " "), count: 4000) + Array("<meta charset=koi8-r>".utf8)
        #expect(Charset.declaredInHTML(early) == "koi8-r")
    }

    @Test func declaredWindows1252IsHonouredEvenForValidUTF8() throws {
        let page = bytes(["<meta charset=\"iso-8859-1\"><p>caf", [0xC3, 0xA9], "</p>"])
        let decoded = try Charset.decode(page, isHTML: true, override: nil)
        #expect(decoded.charset == "windows-1252")
        #expect(decoded.source == .declared)
        #expect(text(decoded.utf8).hasSuffix("<p>cafÃ©</p>"))
    }

    @Test func declarationsAreIgnoredWhenNotHTML() throws {
        let decoded = try Charset.decode(bytes(["<meta charset=koi8-r>"]) + F.mixedUTF8, isHTML: false, override: nil)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.source == .defaultUTF8)
    }

    // MARK: BOMs

    @Test func byteOrderMarks() {
        #expect(Charset.byteOrderMark([0xEF, 0xBB, 0xBF, 0x41])! == ("utf-8", 3))
        #expect(Charset.byteOrderMark([0xFF, 0xFE, 0x41, 0x00])! == ("utf-16le", 2))
        #expect(Charset.byteOrderMark([0xFE, 0xFF, 0x00, 0x41])! == ("utf-16be", 2))
        #expect(Charset.byteOrderMark([0xEF, 0xBB]) == nil)
        #expect(Charset.byteOrderMark(Array("<html>".utf8)) == nil)
    }

    @Test func utf8BOMWinsOverMetaAndIsRemoved() throws {
        let page = bytes([[0xEF, 0xBB, 0xBF], "<meta charset=\"windows-1251\"><p>h", [0xC3, 0xA9], "llo</p>"])
        let decoded = try Charset.decode(page, isHTML: true, override: nil)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.source == .byteOrderMark)
        #expect(text(decoded.utf8) == "<meta charset=\"windows-1251\"><p>héllo</p>")
        #expect(decoded.utf8.first == UInt8(ascii: "<"))
    }

    @Test func utf16BOMs() throws {
        let little = try Charset.decode(F.utf16le, isHTML: true, override: nil)
        #expect(little.charset == "utf-16le")
        #expect(little.source == .byteOrderMark)
        #expect(text(little.utf8) == "<p>Привет € 😀</p>")
        #expect(little.replacedSequences == 0)
        let big = try Charset.decode(F.utf16be, isHTML: true, override: nil)
        #expect(big.charset == "utf-16be")
        #expect(text(big.utf8) == "<p>Привет € 😀</p>")
    }

    @Test func utf16LoneSurrogatesAndOddBytes() throws {
        // "a", lone high surrogate, "b", lone low surrogate, trailing odd byte
        let result = try Charset.transcode([0x61, 0x00, 0x3D, 0xD8, 0x62, 0x00, 0x00, 0xDE, 0x63], from: "utf-16le")
        #expect(text(result.utf8) == "a\u{FFFD}b\u{FFFD}\u{FFFD}")
        #expect(result.replaced == 3)
    }

    // MARK: UTF-8

    @Test func declaredUTF8WithStrayE9IsRepaired() throws {
        let page = bytes([
            "<meta charset=\"utf-8\"><p>Caf", [0xE9], " und Cr", [0xC3, 0xA8], "me br", [0xC3, 0xBB], "l",
            [0xC3, 0xA9], "e</p>",
        ])
        let decoded = try Charset.decode(page, isHTML: true, override: nil)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.source == .declared)
        #expect(text(decoded.utf8) == "<meta charset=\"utf-8\"><p>Café und Crème brûlée</p>")
        #expect(decoded.replacedSequences == 1)
    }

    @Test func repairCountsInvalidSequences() throws {
        // Truncated "€" (E2 82 AC) shows its bytes in windows-1252; C1 U+0092 becomes ’.
        let result = try Charset.transcode(bytes(["a", [0xE2, 0x82], "b", [0xFF], "c", [0xC2, 0x92], "s"]), from: "utf8")
        #expect(text(result.utf8) == "aâ‚bÿc’s")
        #expect(result.replaced == 3)
        let truncatedAtEnd = try Charset.transcode(bytes(["x", [0xF0, 0x9F, 0x98]]), from: "utf-8")
        #expect(text(truncatedAtEnd.utf8) == "xðŸ\u{2DC}")
        #expect(truncatedAtEnd.replaced == 1)
    }

    @Test func undeclaredValidUTF8IsTheDefault() throws {
        let decoded = try Charset.decode(F.mixedUTF8, isHTML: true, override: nil)
        #expect(decoded.charset == "utf-8")
        #expect(decoded.source == .defaultUTF8)
        #expect(decoded.utf8 == F.mixedUTF8)
        #expect(decoded.replacedSequences == 0)
        let ascii = try Charset.decode(Array("plain ascii".utf8), isHTML: true, override: nil)
        #expect(ascii.source == .defaultUTF8)
        #expect(ascii.charset == "utf-8")
    }

    @Test(arguments: [
        ([], true),
        ([0x41, 0x42], true),
        ([0xC3, 0xA9], true),
        ([0xE2, 0x82, 0xAC], true),
        ([0xF0, 0x9F, 0x98, 0x80], true),
        ([0xF4, 0x8F, 0xBF, 0xBF], true),        // U+10FFFF
        ([0xEF, 0xBF, 0xBF], true),              // U+FFFF
        ([0x80], false),                         // lone continuation
        ([0xC0, 0x80], false),                   // overlong NUL
        ([0xC1, 0xBF], false),                   // overlong
        ([0xE0, 0x80, 0x80], false),             // overlong
        ([0xF0, 0x8F, 0xBF, 0xBF], false),       // overlong
        ([0xED, 0xA0, 0x80], false),             // surrogate U+D800
        ([0xF4, 0x90, 0x80, 0x80], false),       // > U+10FFFF
        ([0xF5, 0x80, 0x80, 0x80], false),
        ([0xFF], false),
        ([0xC3], false),                         // truncated
        ([0xE2, 0x82], false),
        ([0xE2, 0x82, 0x41], false),
    ] as [([UInt8], Bool)])
    func utf8Validation(input: [UInt8], valid: Bool) {
        #expect(Charset.isValidUTF8(input) == valid)
        // Same verdict wherever the sequence sits relative to the 8/16-byte fast path.
        for padding in [1, 7, 8, 15, 16, 17, 31] {
            let padded = Array(repeating: UInt8(ascii: "a"), count: padding) + input
                + Array(repeating: UInt8(ascii: "b"), count: padding)
            #expect(Charset.isValidUTF8(padded) == valid, "padding \(padding)")
        }
    }

    @Test func errorAtEveryOffsetOfALongBuffer() {
        let base = Array(repeating: UInt8(ascii: "x"), count: 70)
        #expect(Charset.isValidUTF8(base))
        for offset in 0..<base.count {
            var broken = base
            broken[offset] = 0xE9
            #expect(!Charset.isValidUTF8(broken), "offset \(offset)")
        }
    }

    // MARK: Overrides

    @Test func overrideWinsOverALyingMeta() throws {
        let page = bytes(["<meta charset=\"utf-8\"><p>"]) + F.privet1251
        let decoded = try Charset.decode(page, isHTML: true, override: "CP1251")
        #expect(decoded.charset == "windows-1251")
        #expect(decoded.source == .override)
        #expect(text(decoded.utf8) == "<meta charset=\"utf-8\"><p>Привет, мир")
    }

    @Test func overrideStripsItsOwnBOM() throws {
        let decoded = try Charset.decode(bytes([[0xEF, 0xBB, 0xBF], "hi"]), isHTML: false, override: "utf8")
        #expect(text(decoded.utf8) == "hi")
        #expect(decoded.source == .override)
    }

    @Test func unknownLabelsThrow() {
        #expect(throws: CharsetError.unknownEncoding("klingon")) {
            try Charset.decode(Array("text".utf8), isHTML: true, override: "klingon")
        }
        #expect(throws: CharsetError.unknownEncoding("x-nonsense")) {
            try Charset.transcode([0x41], from: "x-nonsense")
        }
    }

    @Test func replacementEncodingYieldsOneReplacementCharacter() throws {
        let result = try Charset.transcode(Array("\u{1B}$)C text".utf8), from: "iso-2022-kr")
        #expect(text(result.utf8) == "\u{FFFD}")
        #expect(result.replaced == 1)
    }

    // MARK: Labels

    @Test(arguments: [
        ("latin1", "windows-1252"), ("ISO-8859-1", "windows-1252"), ("us-ascii", "windows-1252"),
        ("ascii", "windows-1252"), ("cp1252", "windows-1252"), (" \tWindows-1252\n", "windows-1252"),
        ("utf8", "utf-8"), ("UTF-8", "utf-8"), ("unicode-1-1-utf-8", "utf-8"),
        ("cp1251", "windows-1251"), ("x-cp1251", "windows-1251"),
        ("koi8", "koi8-r"), ("koi8_r", "koi8-r"), ("koi", "koi8-r"), ("KOI8-R", "koi8-r"),
        ("gb2312", "gbk"), ("gbk", "gbk"), ("x-gbk", "gbk"), ("gb18030", "gb18030"),
        ("sjis", "shift_jis"), ("Shift_JIS", "shift_jis"), ("ms932", "shift_jis"), ("windows-31j", "shift_jis"),
        ("latin2", "iso-8859-2"), ("iso-8859-9", "windows-1254"), ("tis-620", "windows-874"),
        ("euc-kr", "euc-kr"), ("big5-hkscs", "big5"), ("utf-16", "utf-16le"), ("UTF-16BE", "utf-16be"),
        ("iso-2022-kr", "replacement"),
    ])
    func canonicalNames(label: String, name: String) {
        #expect(Charset.canonicalName(label) == name)
    }

    @Test(arguments: ["", "  ", "utf-7", "latin-1", "klingon", "windows-1252x", "K\u{212A}OI8-R", "koi8-r;"])
    func unknownLabels(label: String) {
        #expect(Charset.canonicalName(label) == nil)
    }

    // MARK: Output invariants

    @Test(arguments: ["windows-1252", "iso-8859-1", "windows-1251", "koi8-r", "iso-8859-2", "iso-8859-5",
                      "windows-1250", "ibm866", "macintosh", "utf-8", "x-user-defined"])
    func noC1ControlsOrNULInOutput(encoding: String) throws {
        let everyByte = (0...255).map { UInt8($0) }
        let result = try Charset.transcode(everyByte, from: encoding)
        #expect(isClean(result.utf8))
        let decoded = try Charset.decode(everyByte, isHTML: true, override: encoding)
        #expect(isClean(decoded.utf8))
    }

    @Test func c1ControlsBecomeWindows1252Characters() throws {
        // Latin-2 declared, but the author's editor wrote windows-1250 quotes (0x84, 0x94) and an en dash (0x96).
        let page = bytes(["<meta charset=iso-8859-2><p>", [0x84], "Cze", [0xB6], [0xE6], [0x94], " ", [0x96], " ok"])
        let decoded = try Charset.decode(page, isHTML: true, override: nil)
        #expect(decoded.charset == "iso-8859-2")
        #expect(text(decoded.utf8).hasSuffix("<p>„Cześć” – ok"))
        #expect(isClean(decoded.utf8))

        // UTF-8 encoded C1 controls (U+0080, U+0093, U+0094) and a NUL in otherwise valid UTF-8.
        let utf8 = try Charset.decode(bytes([[0xC2, 0x80], " ", [0xC2, 0x93], "x", [0xC2, 0x94, 0x00], "!"]),
                                      isHTML: false, override: nil)
        #expect(utf8.charset == "utf-8")
        #expect(text(utf8.utf8) == "€ “x”!")
        #expect(utf8.replacedSequences == 3)

        // UTF-16 C1 controls.
        let utf16 = try Charset.transcode([0x85, 0x00, 0x81, 0x00, 0x41, 0x00], from: "utf-16le")
        #expect(text(utf16.utf8) == "…A")

        // windows-1252's undefined bytes are dropped; windows-1251's 0x98 shows as windows-1252 ˜.
        let undefined = try Charset.transcode([0x41, 0x81, 0x8D, 0x8F, 0x90, 0x9D, 0x42], from: "windows-1252")
        #expect(text(undefined.utf8) == "AB")
        #expect(undefined.replaced == 5)
        #expect(try text(Charset.transcode([0x98], from: "windows-1251").utf8) == "\u{2DC}")
    }

    @Test func nulBytesAreRemoved() throws {
        #expect(try text(Charset.decode([0x61, 0x00, 0x62], isHTML: false, override: nil).utf8) == "ab")
        #expect(try text(Charset.transcode([0x00, 0xE9, 0x00], from: "windows-1252").utf8) == "é")
        #expect(try text(Charset.transcode([0x00, 0xB1], from: "iso-8859-2").utf8) == "ą")
    }

    @Test func windows1252TableMatchesPublishedMapping() throws {
        let result = try Charset.transcode([0x80, 0x82, 0x83, 0x8A, 0x8C, 0x8E, 0x99, 0x9F, 0xA0, 0xA4, 0xFF],
                                           from: "windows-1252")
        #expect(text(result.utf8) == "€‚ƒŠŒŽ™Ÿ\u{A0}¤ÿ")
        #expect(result.replaced == 0)
    }

    @Test func fastPathsAgreeWithByteByByteDecoding() throws {
        // A long buffer mixing ASCII runs of every length with high bytes, so every alignment of the
        // word-at-a-time loops is exercised; decoding it whole must equal decoding it byte by byte.
        var input: [UInt8] = []
        var state: UInt32 = 12345
        while input.count < 30_000 {
            state = state &* 1_103_515_245 &+ 12345
            let run = Int(state >> 16) % 20
            input += Array(repeating: UInt8(ascii: "a") + UInt8(run), count: run)
            input.append(0x80 | UInt8(truncatingIfNeeded: state >> 8))
        }
        for encoding in ["windows-1252", "windows-1251", "koi8-r"] {
            let whole = try Charset.transcode(input, from: encoding).utf8
            var expected: [UInt8] = []
            for byte in input { expected += try Charset.transcode([byte], from: encoding).utf8 }
            #expect(whole == expected, "\(encoding)")
            #expect(isClean(whole))
        }
        // UTF-8 repair: stray bytes inside long valid text.
        var mixed: [UInt8] = []
        for k in 0..<2000 { mixed += F.mixedUTF8 + Array(repeating: UInt8(ascii: "z"), count: k % 17) + [0xE9] }
        let repaired = try Charset.decode(mixed, isHTML: false, override: nil)
        #expect(repaired.charset == "utf-8")
        #expect(repaired.replacedSequences == 2000)
        #expect(isClean(repaired.utf8))
        #expect(text(repaired.utf8).hasPrefix(F.mixedText + "é"))
    }
}

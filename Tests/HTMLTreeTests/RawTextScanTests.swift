import Glibc
@testable import HTMLTree
import Testing

/// `HTMLTree.parse` reads script and style bodies itself instead of leaving them to libxml2's
/// character loop; the tree must be exactly the one libxml2 builds on its own.
@Suite("Raw text scan")
struct RawTextScanTests {
    func expectSameTree(_ bytes: [UInt8], _ label: String) throws {
        let scanned = try HTMLTree.parse(utf8: bytes, scanningRawText: true)
        let libxml2 = try HTMLTree.parse(utf8: bytes, scanningRawText: false)
        #expect(scanned.nodes == libxml2.nodes, "\(label): nodes differ")
        #expect(scanned.attributes == libxml2.attributes, "\(label): attributes differ")
        #expect(scanned.attributeText == libxml2.attributeText, "\(label): attribute text differs")
        #expect(scanned.text == libxml2.text, "\(label): text differs")
    }

    @Test(arguments: [
        "<script>var a = '<p>'; if (a </b) {}</script><p>after</p>",
        "<SCRIPT type=x>x</ScRiPt><p>after</p>",
        "<script>a</scripts><p>still script?</p></script><p>after</p>",
        "<style>p { color: red }</style ><p>after</p>",
        "<style></style><script></script><p>empty bodies</p>",
        "<script>x",
        "<script>unterminated </scr",
        "<script data-x=\"a>b\">body</script><p>after</p>",
        "<script>tab\tand\u{1}control</script><p>after</p>",
        "<script>\u{FFFF} noncharacter</script><p>after</p>",
        "<!-- <script> --><p>comment</p><script>1</script>",
        "<script/><p>self-closed</p>",
        "<title>t<script>s</script></title><svg><style>s</style><script>c</script></svg>",
        "<script>é 中 😀</script><p>ünïcode</p>",
        "<script>a</script>",
    ])
    func snippetsParseAsLibxml2Does(_ html: String) throws {
        try expectSameTree(Array(html.utf8), html)
    }

    @Test func invalidUTF8InABodyIsLeftToLibxml2() throws {
        try expectSameTree(Array("<script>a".utf8) + [0xC3, 0x28, 0xE0, 0x80, 0x80] + Array("</script><p>é</p>".utf8), "invalid")
    }

    /// Every other page of the shared corpus as it comes (any charset), when the corpus is present.
    @Test func corpusPagesParseAsLibxml2Does() throws {
        var checked = 0
        for (n, name) in TestPages.names(in: TestPages.corpus).filter({ $0.hasSuffix(".html") }).enumerated() where n % 2 == 0 {
            try expectSameTree(TestPages.read(TestPages.corpus + "/" + name), name)
            checked += 1
        }
        // The corpus is optional; without it there is nothing to compare.
        #expect(checked > 0 || TestPages.names(in: TestPages.corpus).isEmpty)
    }
}

import Foundation
import Testing
@testable import AscribeKit

@Suite("Lexicons") struct LexiconTests {
    @Test func embeddedCopyMatchesTheDataFiles() throws {
        let folder = FixturePaths.packageRoot + "/Data/lexicons"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".tsv") }.sorted()
        #expect(names == EmbeddedLexicons.files.map(\.name), "run scripts/embed-data")
        for (name, text) in EmbeddedLexicons.files {
            let onDisk = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
            // The raw string literal drops the file's final newline.
            #expect(onDisk == text + "\n" || onDisk == text, "\(name) changed: run scripts/embed-data")
        }
    }

    @Test func everyFileSaysWhereItsEntriesComeFrom() {
        for (name, text) in EmbeddedLexicons.files {
            let header = text.split(separator: "\n").prefix(while: { $0.hasPrefix("#") }).joined(separator: " ").lowercased()
            #expect(header.contains("source") || header.contains("from"), "\(name) has no provenance header")
        }
    }

    @Test func lookupsWork() {
        let lexicon = Lexicon.shared
        #expect(lexicon.cueVerbs[WordTokenizer.hash("said")]?.lemma == "say")
        #expect(lexicon.cueVerbs[WordTokenizer.hash("claimed")]?.loaded == true)
        #expect(lexicon.cueNouns[WordTokenizer.hash("statements")] != nil, "plurals are derived")
        let tass = lexicon.outlets.first { $0.name == "TASS" }
        #expect(tass?.isStateControlled == true)
        #expect(tass?.citation.hasPrefix("https://") == true)
        #expect(lexicon.outlets.first { $0.name == "Reuters" }?.isStateControlled == false)
    }
}

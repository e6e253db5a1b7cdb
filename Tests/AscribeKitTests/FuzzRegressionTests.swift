import AscribeKit
import Foundation
import Testing

/// Inputs saved from fuzzing runs (`scripts/fuzz`), kept under `Fixtures/fuzz/<target>/`: each
/// goes through the same stages as its fuzz target and must come out with a result or an error,
/// never a crash. Each folder is seeded with hand-made hostile inputs, so the tests never pass
/// on nothing.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// The saved inputs of one fuzz target, sorted by name.
    static func inputs(_ target: String) throws -> [(name: String, bytes: [UInt8])] {
        let folder = FixturePaths.fixture("fuzz/" + target)
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }
            .sorted()
            .map { ($0, try FixturePaths.bytes("fuzz/" + target + "/" + $0)) }
    }

    @Test("read + HTMLTree + extraction survive every saved input")
    func readInputs() throws {
        let inputs = try Self.inputs("read")
        #expect(!inputs.isEmpty, "Fixtures/fuzz/read holds no inputs")
        for input in inputs {
            // As ascribe-fuzz-read: no extension hint, so the sniffer decides the format.
            guard let document = try? Reader.read(bytes: input.bytes, name: "fuzz-input") else { continue }
            let article = Extractor.extract(document)
            #expect(TextOffsets(article.text).scalarOffset(article.text.utf8.count) <= article.text.utf8.count, "\(input.name)")
        }
    }

    @Test("sentences + attribution + claims + checklist survive every saved input")
    func attributionInputs() throws {
        let inputs = try Self.inputs("attribution")
        #expect(!inputs.isEmpty, "Fixtures/fuzz/attribution holds no inputs")
        for input in inputs {
            // As ascribe-fuzz-attribution: read as a plain-text file.
            guard let document = try? Reader.read(bytes: input.bytes, name: "fuzz-input.txt") else { continue }
            let analysis = Attributor.analyze(Extractor.extract(document))
            let checklist = ChecklistBuilder.build(ClaimLinker.link(analysis))
            #expect(checklist.report.analysis.attributions.count == analysis.attributions.count, "\(input.name)")
        }
    }
}

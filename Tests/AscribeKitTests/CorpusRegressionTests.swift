import Foundation
import Testing

@testable import AscribeKit

/// A quick regression guard on a fixed sample of `../shared/corpus/web-pages` (every 25th page).
/// The whole corpus is scored in release mode by `ascribe-bench extraction` (CI runs it with
/// floors); this debug-mode sample catches a broken extractor within seconds.
@Suite("Corpus sample")
struct CorpusRegressionTests {
    static let corpus = FixturePaths.shared.map { $0 + "/corpus/web-pages" }

    @Test(.enabled(if: corpus != nil, "../shared/corpus/web-pages is absent; corpus sample skipped"))
    func sampleKeepsItsSegmentScore() throws {
        let corpus = try #require(Self.corpus)
        let data = try Data(contentsOf: URL(fileURLWithPath: corpus + "/expectations.json"))
        let gold = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]])
        func norm(_ s: String) -> String { s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ") }
        var tp = 0, fp = 0, fn = 0
        for (n, file) in gold.keys.sorted().enumerated() where n % 25 == 0 {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: corpus + "/pages/" + file)))
            let text = norm(Extractor.extract(try Reader.read(bytes: bytes, name: file)).text)
            let with = gold[file]?["with"] as? [String] ?? []
            let without = gold[file]?["without"] as? [String] ?? []
            let hit = with.filter { text.contains(norm($0)) }.count
            tp += hit
            fn += with.count - hit
            fp += without.filter { text.contains(norm($0)) }.count
        }
        let f1 = 2 * Double(tp) / Double(max(1, 2 * tp + fp + fn))
        print("corpus sample (40 pages): segment F1 \(f1) (tp \(tp) fp \(fp) fn \(fn))")
        #expect(f1 >= 0.92)
    }
}

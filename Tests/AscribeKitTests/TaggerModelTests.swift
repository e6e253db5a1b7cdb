import Testing
@testable import AscribeKit

@Suite("Tagger model") struct TaggerModelTests {
    /// A model text with the header the trainer writes and the given row lines.
    func modelText(_ rows: [String]) -> String {
        (["tagger-model 2", "scale 2", "cue 1:3", "vocab the said", "trans " + Array(repeating: "0", count: 64).joined(separator: ",")] + rows)
            .joined(separator: "\n") + "\n"
    }

    func weights(_ model: TaggerModel, row: Int) -> [Int16] { (0..<TaggerLabel.count).map { model.weights[row * 8 + $0] } }

    @Test func packedRowsReadBackAsWritten() {
        let rows: [(row: Int, weights: [Int])] = [(0, [1, -2, 3, -4, 5, -6, 7]), (16646, [670, -670, 0, 0, 12, 0, -1]),
                                                  (65535, [0, 0, 0, 0, 0, 0, 9])]
            + (100..<113).map { ($0, [$0, -$0, 0, 1, -1, $0 / 2, 3]) }
        let model = TaggerModel.parse(modelText(TaggerModel.packedRowLines(rows)))
        for (row, w) in rows { #expect(weights(model, row: row) == w.map(Int16.init), "row \(row)") }
        #expect(weights(model, row: 1) == Array(repeating: 0, count: TaggerLabel.count))
        #expect(model.transitions.count == 64)
    }

    @Test func decimalRowsStillRead() {
        // Row 16646 spells "cue" in base 36: after the header it is a row, not the cue lexicon.
        let model = TaggerModel.parse(modelText(["a 1,,-3,,,,7", "cue 10,27,13,-5,35,13,-94"]))
        #expect(weights(model, row: 10) == [1, 0, -3, 0, 0, 0, 7])
        #expect(weights(model, row: 16646) == [10, 27, 13, -5, 35, 13, -94])
        #expect(model.cueLexicon.value(1) == 3)
    }

    @Test func weightsAreBoundedSoScoresCannotOverflow() {
        // Scores add `slots` weights in 16-bit lanes.
        let model = TaggerModel.parse(modelText(["b 30000,-30000,1,,,,"]))
        #expect(weights(model, row: 11) == [Int16(TaggerFeatures.maxWeight), Int16(-TaggerFeatures.maxWeight), 1, 0, 0, 0, 0])
        #expect(TaggerFeatures.maxWeight * TaggerFeatures.slots <= Int(Int16.max))
        let shipped = AttributionTagger.model.weights
        #expect(shipped.allSatisfy { Int($0.magnitude) <= TaggerFeatures.maxWeight })
        #expect(shipped.filter { $0 != 0 }.count > 100_000, "the embedded model's rows did not load")
    }
}

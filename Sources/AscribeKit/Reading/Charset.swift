// TEMPORARY STUB — replaced by the real implementation.
enum CharsetSource: String, Sendable { case byteOrderMark = "bom", declared, detected, override, defaultUTF8 = "default" }
struct DecodedText: Sendable {
    var utf8: [UInt8]
    var charset: String
    var source: CharsetSource
    var replacedSequences: Int
}
enum CharsetError: Error, Sendable, Equatable { case unknownEncoding(String) }
enum Charset {
    static func canonicalName(_ label: String) -> String? { "utf-8" }
    static func decode(_ bytes: [UInt8], isHTML: Bool, override: String?) throws(CharsetError) -> DecodedText {
        DecodedText(utf8: Array(String(decoding: bytes, as: UTF8.self).utf8), charset: "utf-8", source: .defaultUTF8, replacedSequences: 0)
    }
}

// TEMPORARY STUB — replaced by the real implementation.
struct MHTMLPart: Sendable {
    var body: [UInt8]
    var contentType: String
    var charset: String?
    var location: String?
}
enum MHTMLError: Error, Sendable, Equatable { case notMultipart, noHTMLPart, malformed(String) }
enum MHTML {
    static func looksLikeMHTML(_ bytes: [UInt8]) -> Bool { false }
    static func htmlPart(of bytes: [UInt8]) throws(MHTMLError) -> MHTMLPart { throw .notMultipart }
}

// Reading the HTML part out of an MHTML archive (RFC 2557 "MIME Encapsulation of Aggregate Documents").
//
// Covers the "Webpage, Single File" saves of Chrome/Edge (Blink), the MHTML produced by browser
// extensions, and old Internet Explorer `.mht` files. Everything works on raw bytes: headers are
// ASCII by specification, and part bodies are handed back as decoded bytes so that the caller can
// apply the charset it chooses.

/// One leaf part of an MHTML archive, with its transfer encoding undone.
struct MHTMLPart: Sendable, Equatable {
    /// Decoded bytes (quoted-printable or base64 undone; 7bit/8bit/binary taken as they are).
    var body: [UInt8]
    /// Lower-cased media type without parameters, e.g. "text/html".
    var contentType: String
    /// The `charset` parameter of the part's Content-Type, lower-cased, if it has one.
    var charset: String?
    /// The part's Content-Location, or the archive's top-level (Snapshot-)Content-Location when the part has none.
    var location: String?
}

enum MHTMLError: Error, Sendable, Equatable {
    /// No multipart Content-Type with a boundary parameter in the top headers.
    case notMultipart
    /// A multipart archive, but without a text/html part.
    case noHTMLPart
    /// What is wrong, phrased to follow "… is an MHTML archive but " (e.g. "its boundary line … never occurs").
    case malformed(String)
}

enum MHTML {
    /// How far into the file `looksLikeMHTML` looks for the top header block.
    static let sniffLimit = 8 * 1024
    /// Nested multiparts deeper than this (the top level being depth 0) are ignored.
    static let maxNestingDepth = 16

    // MARK: - Public entry points

    /// True when the bytes look like MHTML: the top header block (before the first blank line, within the
    /// first 8 KB) has a `Content-Type: multipart/related` (or multipart/mixed / multipart/alternative)
    /// header. Other headers (`From:`, `Snapshot-Content-Location:`, `Subject:`, ...) may come first.
    static func looksLikeMHTML(_ bytes: [UInt8]) -> Bool {
        let window = bytes[0..<min(bytes.count, sniffLimit)]
        let (headers, _) = parseHeaders(window, from: topLevelStart(window))
        guard let value = headers.value(of: "content-type") else { return false }
        switch ContentType(parsing: value).mediaType {
        case "multipart/related", "multipart/mixed", "multipart/alternative": return true
        default: return false
        }
    }

    /// The page's main HTML part: the text/html part named by the `start` parameter (a Content-ID) or whose
    /// Content-Location equals the top-level `Snapshot-Content-Location` (or top-level `Content-Location`),
    /// else the first text/html part (else the first application/xhtml+xml part).
    static func htmlPart(of bytes: [UInt8]) throws(MHTMLError) -> MHTMLPart {
        let all = bytes[...]
        let (top, bodyStart) = parseHeaders(all, from: topLevelStart(all))
        guard let topTypeValue = top.value(of: "content-type") else { throw .notMultipart }
        let topType = ContentType(parsing: topTypeValue)
        guard topType.mediaType.hasPrefix("multipart/"), let boundary = topType.parameters["boundary"] else {
            throw .notMultipart
        }
        guard !boundary.isEmpty else {
            throw .malformed("its top-level Content-Type has an empty boundary parameter")
        }
        guard let topParts = splitMultipart(all[bodyStart...], boundary: Array(boundary.utf8)) else {
            throw .malformed("its boundary line “--\(boundary)” never occurs, so it has no parts")
        }

        let leaves = flatten(topParts)
        let topLocation = top.locationValue(of: "snapshot-content-location") ?? top.locationValue(of: "content-location")

        var chosen: Int?
        if let start = topType.parameters["start"].map(normalizedContentID), !start.isEmpty {
            chosen = leaves.firstIndex { leaf in
                guard isHTML(leaf.contentType.mediaType) else { return false }
                if let id = leaf.contentID, normalizedContentID(id).lowercased() == start.lowercased() { return true }
                return leaf.location == start
            }
        }
        if chosen == nil, let topLocation, !topLocation.isEmpty {
            chosen = leaves.firstIndex { isHTML($0.contentType.mediaType) && $0.location == topLocation }
        }
        if chosen == nil {
            chosen = leaves.firstIndex { $0.contentType.mediaType == "text/html" }
                ?? leaves.firstIndex { isHTML($0.contentType.mediaType) }
        }
        guard let chosen else { throw .noHTMLPart }

        let leaf = leaves[chosen]
        return MHTMLPart(
            body: decodeBody(leaf.body, transferEncoding: leaf.transferEncoding),
            contentType: leaf.contentType.mediaType,
            charset: leaf.contentType.parameters["charset"]?.lowercased(),
            location: leaf.location ?? topLocation
        )
    }

    /// Quoted-printable decoding (RFC 2045 §6.7): "=XX" hex (either case), soft line breaks "=\r\n" / "=\n"
    /// (transport padding between "=" and the line break allowed), an invalid "=" kept literally, and the
    /// unencoded trailing white space of a line (added in transport) removed.
    static func decodeQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        decodeQuotedPrintable(bytes[...])
    }

    /// Base64 decoding ignoring whitespace and line breaks; stops at the first '='; other invalid characters skipped.
    static func decodeBase64(_ bytes: [UInt8]) -> [UInt8] {
        decodeBase64(bytes[...])
    }

    // MARK: - Byte constants

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let equals: UInt8 = 0x3D
    private static let colon: UInt8 = 0x3A
    private static let dash: UInt8 = 0x2D

    private static func isHTML(_ mediaType: String) -> Bool {
        mediaType == "text/html" || mediaType == "application/xhtml+xml"
    }

    // MARK: - Headers

    /// A header block, names lower-cased; each value kept as its physical line segments (folding undone later).
    struct Headers: Sendable {
        var fields: [(name: String, segments: [String])] = []

        /// The first field with this (lower-case) name, unfolded per RFC 5322 (line breaks removed, the
        /// continuation lines' leading white space kept), then trimmed.
        func value(of name: String) -> String? {
            guard let field = fields.first(where: { $0.name == name }) else { return nil }
            return MHTML.trimmed(field.segments.joined())
        }

        /// A URL-valued field, unfolded per RFC 2557 §4.4.1: the folding white space is removed as well.
        func locationValue(of name: String) -> String? {
            guard let field = fields.first(where: { $0.name == name }) else { return nil }
            let value = field.segments.map(MHTML.trimmed).joined()
            return value.isEmpty ? nil : value
        }
    }

    /// Skips a UTF-8 byte order mark and blank lines before the top header block.
    private static func topLevelStart(_ bytes: ArraySlice<UInt8>) -> Int {
        var i = bytes.startIndex
        if bytes.count >= 3, bytes[i] == 0xEF, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { i += 3 }
        while i < bytes.endIndex, bytes[i] == cr || bytes[i] == lf { i += 1 }
        return i
    }

    /// Parses the header block starting at `start`. It ends at the first blank (or all white space) line, whose
    /// line break is consumed, or at the first line that is neither a header nor a continuation line, which is
    /// left to the body. Returns the headers and the index where the body starts.
    static func parseHeaders(_ bytes: ArraySlice<UInt8>, from start: Int) -> (Headers, Int) {
        var headers = Headers()
        var lineStart = start
        let end = bytes.endIndex
        while lineStart < end {
            let newline = bytes[lineStart..<end].firstIndex(of: lf) ?? end
            let next = newline < end ? newline + 1 : end
            var lineEnd = newline
            if lineEnd > lineStart, bytes[lineEnd - 1] == cr { lineEnd -= 1 }
            let line = bytes[lineStart..<lineEnd]

            if line.allSatisfy({ $0 == space || $0 == tab || $0 == cr }) {
                return (headers, next)  // blank line: end of headers
            }
            if line[lineStart] == space || line[lineStart] == tab {
                // Continuation of a folded header; a stray one before any header is ignored.
                if !headers.fields.isEmpty {
                    headers.fields[headers.fields.count - 1].segments.append(String(decoding: line, as: UTF8.self))
                }
                lineStart = next
                continue
            }
            guard let colonIndex = line.firstIndex(of: colon) else { return (headers, lineStart) }
            var nameEnd = colonIndex
            while nameEnd > lineStart, bytes[nameEnd - 1] == space || bytes[nameEnd - 1] == tab { nameEnd -= 1 }
            let name = bytes[lineStart..<nameEnd]
            guard !name.isEmpty, name.allSatisfy({ $0 > space && $0 < 0x7F && $0 != colon }) else {
                return (headers, lineStart)  // not a header line: the body starts here
            }
            headers.fields.append((
                name: String(decoding: name, as: UTF8.self).lowercased(),
                segments: [String(decoding: bytes[(colonIndex + 1)..<lineEnd], as: UTF8.self)]
            ))
            lineStart = next
        }
        return (headers, end)
    }

    private static func trimmed(_ string: String) -> String {
        var scalars = Substring(string)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    /// A Content-Type value: the lower-cased media type and its parameters (names lower-cased, values unquoted).
    struct ContentType: Sendable, Equatable {
        var mediaType: String
        var parameters: [String: String]

        init(parsing value: String) {
            let bytes = Array(value.utf8)
            var i = 0
            let semicolon: UInt8 = 0x3B, quote: UInt8 = 0x22, backslash: UInt8 = 0x5C
            func isWhite(_ b: UInt8) -> Bool { b == MHTML.space || b == MHTML.tab || b == MHTML.cr || b == MHTML.lf }

            while i < bytes.count, bytes[i] != semicolon { i += 1 }
            let type = MHTML.trimmed(String(decoding: bytes[0..<i], as: UTF8.self)).lowercased()
            mediaType = type.isEmpty ? "text/plain" : type
            parameters = [:]

            while i < bytes.count {
                while i < bytes.count, bytes[i] == semicolon || isWhite(bytes[i]) { i += 1 }
                let nameStart = i
                while i < bytes.count, bytes[i] != MHTML.equals, bytes[i] != semicolon { i += 1 }
                let name = MHTML.trimmed(String(decoding: bytes[nameStart..<i], as: UTF8.self)).lowercased()
                guard i < bytes.count, bytes[i] == MHTML.equals else { continue }  // a parameter without value
                i += 1
                while i < bytes.count, isWhite(bytes[i]) { i += 1 }
                var raw: [UInt8] = []
                if i < bytes.count, bytes[i] == quote {
                    i += 1
                    while i < bytes.count, bytes[i] != quote {
                        if bytes[i] == backslash, i + 1 < bytes.count { i += 1 }
                        raw.append(bytes[i])
                        i += 1
                    }
                    i += 1  // closing quote (or past the end when unterminated)
                    while i < bytes.count, bytes[i] != semicolon { i += 1 }
                } else {
                    let valueStart = i
                    while i < bytes.count, bytes[i] != semicolon { i += 1 }
                    var valueEnd = i
                    while valueEnd > valueStart, isWhite(bytes[valueEnd - 1]) { valueEnd -= 1 }
                    raw = Array(bytes[valueStart..<valueEnd])
                }
                if !name.isEmpty, parameters[name] == nil {
                    parameters[name] = String(decoding: raw, as: UTF8.self)
                }
            }
        }
    }

    // MARK: - Multipart

    private enum DelimiterKind { case open, close }

    /// Whether the line `bytes[start..<end]` (line break excluded) is `--boundary` (open) or `--boundary--` (close).
    private static func delimiterKind(
        _ bytes: ArraySlice<UInt8>, _ start: Int, _ end: Int, _ delimiter: [UInt8]
    ) -> DelimiterKind? {
        guard end - start >= delimiter.count else { return nil }
        for k in 0..<delimiter.count where bytes[start + k] != delimiter[k] { return nil }
        var i = start + delimiter.count
        if i + 1 < end, bytes[i] == dash, bytes[i + 1] == dash { return .close }
        while i < end {  // only transport padding may follow an open delimiter
            guard bytes[i] == space || bytes[i] == tab || bytes[i] == cr else { return nil }
            i += 1
        }
        return .open
    }

    /// Splits a multipart body into its parts' raw bytes (each part's headers and body). The line break before a
    /// delimiter belongs to the delimiter. The preamble and the epilogue are dropped; when the closing delimiter is
    /// missing, the last part runs to the end. Nil when there is no delimiter line at all.
    static func splitMultipart(_ body: ArraySlice<UInt8>, boundary: [UInt8]) -> [ArraySlice<UInt8>]? {
        let delimiter = [dash, dash] + boundary
        let end = body.endIndex
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        while lineStart < end {
            let newline = body[lineStart..<end].firstIndex(of: lf) ?? end
            let next = newline < end ? newline + 1 : end
            if body[lineStart] == dash, let kind = delimiterKind(body, lineStart, newline, delimiter) {
                if let start = partStart {
                    var partEnd = lineStart
                    if partEnd > start, body[partEnd - 1] == lf {
                        partEnd -= 1
                        if partEnd > start, body[partEnd - 1] == cr { partEnd -= 1 }
                    }
                    parts.append(body[start..<max(start, partEnd)])
                } else if kind == .close {
                    return []  // a close delimiter with no part before it
                }
                if kind == .close { return parts }
                partStart = next
            }
            lineStart = next
        }
        guard let start = partStart else { return nil }
        parts.append(body[start..<end])  // truncated: no closing delimiter
        return parts
    }

    /// A leaf part with its headers interpreted and its body still transfer-encoded.
    struct Leaf: Sendable {
        var contentType: ContentType
        var transferEncoding: String
        var contentID: String?
        var location: String?
        var body: ArraySlice<UInt8>
    }

    /// Parses parts and descends into nested multiparts with an explicit stack (depth-bounded), returning the
    /// leaves in document order.
    private static func flatten(_ topParts: [ArraySlice<UInt8>]) -> [Leaf] {
        var leaves: [Leaf] = []
        var stack: [(raw: ArraySlice<UInt8>, depth: Int)] = topParts.reversed().map { ($0, 1) }
        while let (raw, depth) = stack.popLast() {
            let (headers, bodyStart) = parseHeaders(raw, from: raw.startIndex)
            let type = headers.value(of: "content-type").map(ContentType.init(parsing:))
                ?? ContentType(parsing: "text/plain")
            let encoding = (headers.value(of: "content-transfer-encoding") ?? "").lowercased()
            let body = raw[bodyStart...]
            if type.mediaType.hasPrefix("multipart/") {
                guard depth < maxNestingDepth, let boundary = type.parameters["boundary"], !boundary.isEmpty else {
                    continue
                }
                // Multiparts must not be transfer-encoded, but undo it if some writer did.
                let decoded = encoding == "base64" || encoding == "quoted-printable"
                    ? decodeBody(body, transferEncoding: encoding)[...] : body
                if let children = splitMultipart(decoded, boundary: Array(boundary.utf8)) {
                    stack.append(contentsOf: children.reversed().map { ($0, depth + 1) })
                }
                continue
            }
            leaves.append(Leaf(
                contentType: type,
                transferEncoding: encoding,
                contentID: headers.value(of: "content-id"),
                location: headers.locationValue(of: "content-location"),
                body: body
            ))
        }
        return leaves
    }

    /// "<id@host>", "cid:id@host" and "id@host" all become "id@host".
    private static func normalizedContentID(_ id: String) -> String {
        var value = Substring(trimmed(id))
        if value.lowercased().hasPrefix("cid:") { value = value.dropFirst(4) }
        if value.hasPrefix("<") { value = value.dropFirst() }
        if value.hasSuffix(">") { value = value.dropLast() }
        return trimmed(String(value))
    }

    private static func decodeBody(_ body: ArraySlice<UInt8>, transferEncoding: String) -> [UInt8] {
        switch transferEncoding {
        case "quoted-printable": return decodeQuotedPrintable(body)
        case "base64": return decodeBase64(body)
        default: return Array(body)  // 7bit, 8bit, binary, absent or unknown
        }
    }

    // MARK: - Transfer decodings

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    static func decodeQuotedPrintable(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var trailingWhite = 0  // literal spaces/tabs at the end of `out` since the last other byte
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let byte = bytes[i]
            switch byte {
            case equals:
                var j = i + 1
                while j < end, bytes[j] == space || bytes[j] == tab { j += 1 }
                if j < end, bytes[j] == lf {  // soft line break "=\n"
                    i = j + 1
                } else if j < end, bytes[j] == cr {  // soft line break "=\r\n" (or a bare "=\r")
                    i = j + 1 < end && bytes[j + 1] == lf ? j + 2 : j + 1
                } else if i + 2 < end, let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                    out.append(high << 4 | low)
                    i += 3
                } else {
                    out.append(equals)  // not a valid escape: kept literally
                    i += 1
                }
                trailingWhite = 0
            case cr, lf:
                out.removeLast(trailingWhite)
                trailingWhite = 0
                out.append(byte)
                i += 1
            case space, tab:
                out.append(byte)
                trailingWhite += 1
                i += 1
            default:
                out.append(byte)
                trailingWhite = 0
                i += 1
            }
        }
        out.removeLast(trailingWhite)
        return out
    }

    static func decodeBase64(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 4 * 3 + 2)
        var accumulator: UInt32 = 0
        var count = 0
        loop: for byte in bytes {
            let value: UInt8
            switch byte {
            case 0x41...0x5A: value = byte - 0x41  // A-Z
            case 0x61...0x7A: value = byte - 0x61 + 26  // a-z
            case 0x30...0x39: value = byte - 0x30 + 52  // 0-9
            case 0x2B: value = 62  // +
            case 0x2F: value = 63  // /
            case equals: break loop
            default: continue  // whitespace, line breaks, invalid characters
            }
            accumulator = accumulator << 6 | UInt32(value)
            count += 1
            if count == 4 {
                out.append(UInt8(truncatingIfNeeded: accumulator >> 16))
                out.append(UInt8(truncatingIfNeeded: accumulator >> 8))
                out.append(UInt8(truncatingIfNeeded: accumulator))
                accumulator = 0
                count = 0
            }
        }
        switch count {
        case 2: out.append(UInt8(truncatingIfNeeded: accumulator >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: accumulator >> 10))
            out.append(UInt8(truncatingIfNeeded: accumulator >> 2))
        default: break  // 0, or a lone sextet that carries no whole byte
        }
        return out
    }
}

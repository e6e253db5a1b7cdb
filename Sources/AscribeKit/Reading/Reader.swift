import Foundation
import Glibc
import HTMLTree

/// Limits and overrides for reading an input.
public struct ReadOptions: Sendable {
    /// Inputs larger than this are refused (default 64 MiB).
    public var maxBytes: Int
    /// Decode with this encoding, whatever the page declares.
    public var encoding: String?
    /// Articles whose text is longer than this many UTF-8 bytes are refused by the attribution
    /// stages (check, checklist, diff), never by reading or extraction; see `Ascribe.defaultMaxTextBytes`.
    public var maxTextBytes: Int

    public init(maxBytes: Int = 64 << 20, encoding: String? = nil, maxTextBytes: Int = Ascribe.defaultMaxTextBytes) {
        self.maxBytes = maxBytes
        self.encoding = encoding
        self.maxTextBytes = maxTextBytes
    }
}

/// A decoded input: an HTML tree or plain text, with how it was decoded.
public struct Document: Sendable {
    public enum Content: Sendable {
        case html(HTMLTree)
        case text(String)
    }

    public var content: Content
    public var format: InputFormat
    public var charset: String
    public var charsetSource: String
    /// Invalid byte sequences repaired while decoding; a user should hear about them.
    public var repairedSequences: Int = 0
    /// The page's own URL when the file records it (MHTML `Content-Location`).
    public var location: String?
}

/// Reads files and byte buffers into `Document`s: sniffs the format, decodes the charset, parses HTML.
public enum Reader {
    /// Reads a file, or standard input when `path` is "-".
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> Document {
        let bytes = try readBytes(path: path, limit: options.maxBytes)
        return try read(bytes: bytes, name: path, options: options)
    }

    /// Reads an in-memory input; `name` is used in error messages and as a format hint.
    public static func read(bytes: [UInt8], name: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> Document {
        if bytes.count > options.maxBytes {
            throw .tooLarge(path: name, bytes: bytes.count, limit: options.maxBytes)
        }
        if let label = options.encoding, Charset.canonicalName(label) == nil {
            throw .unknownEncoding(name: label)
        }
        switch InputSniffer.sniff(bytes, nameHint: name) {
        case .empty:
            throw .emptyInput(path: name)
        case .binary(let what):
            throw .notAnArticle(path: name, what: what)
        case .text:
            let decoded = try decode(bytes, isHTML: false, override: options.encoding)
            var text = String(decoding: decoded.utf8, as: UTF8.self)
            // memchr on the decoded bytes, not `text.utf8.contains`: that generic walk cost about
            // as much as decoding. Same answer: decoding keeps every ASCII byte as it is.
            let hasCarriageReturn = decoded.utf8.withUnsafeBytes { $0.baseAddress.map { memchr($0, 0x0D, decoded.utf8.count) != nil } ?? false }
            if hasCarriageReturn { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
            if text.utf8.allSatisfy({ InputSniffer.isSpace($0) }) { throw .emptyInput(path: name) }
            return Document(
                content: .text(text), format: .text, charset: decoded.charset,
                charsetSource: decoded.source.rawValue, repairedSequences: decoded.replacedSequences, location: nil)
        case .html:
            return try parseHTML(bytes, name: name, format: .html, declaredCharset: nil, location: nil, options: options)
        case .mhtml:
            let part: MHTMLPart
            do {
                part = try MHTML.htmlPart(of: bytes)
            } catch {
                switch error {
                case .notMultipart: throw .badMHTML(path: name, reason: "its multipart header could not be read")
                case .noHTMLPart: throw .badMHTML(path: name, reason: "it holds no HTML part")
                case .malformed(let why): throw .badMHTML(path: name, reason: why)
                }
            }
            return try parseHTML(
                part.body, name: name, format: .mhtml, declaredCharset: part.charset, location: part.location,
                options: options)
        }
    }

    static func parseHTML(
        _ bytes: [UInt8], name: String, format: InputFormat, declaredCharset: String?, location: String?,
        options: ReadOptions
    ) throws(AscribeError) -> Document {
        // A charset from the MHTML part header acts like an HTTP Content-Type header: it beats the meta tag.
        // A BOM still wins over it, as in browsers.
        let partCharset = Charset.byteOrderMark(bytes) == nil ? declaredCharset.flatMap { Charset.canonicalName($0) } : nil
        let override = options.encoding ?? partCharset
        let decoded = try decode(bytes, isHTML: true, override: override)
        guard decoded.utf8.contains(where: { !InputSniffer.isSpace($0) }) else { throw .emptyInput(path: name) }
        let tree: HTMLTree
        do {
            tree = try HTMLTree.parse(utf8: decoded.utf8, attributeValues: .lookedUp)
        } catch {
            throw .notAnArticle(path: name, what: "markup libxml2 cannot read")
        }
        if !hasVisibleText(tree) { throw .emptyInput(path: name) }
        let source = options.encoding != nil ? CharsetSource.override : decoded.source
        return Document(
            content: .html(tree), format: format, charset: decoded.charset, charsetSource: source.rawValue,
            repairedSequences: decoded.replacedSequences,
            location: location)
    }

    /// True when some text node outside scripts and styles holds more than whitespace.
    static func hasVisibleText(_ tree: HTMLTree) -> Bool {
        for node in tree.nodes where node.kind == .text {
            if node.parent >= 0, HTMLVocabulary.skipped[tag: tree.nodes[node.parent].tag] { continue }
            if tree.text[node.textRange].contains(where: { !InputSniffer.isSpace($0) }) { return true }
        }
        return false
    }

    static func decode(_ bytes: [UInt8], isHTML: Bool, override: String?) throws(AscribeError) -> DecodedText {
        do {
            return try Charset.decode(bytes, isHTML: isHTML, override: override)
        } catch {
            switch error {
            case .unknownEncoding(let name): throw .unknownEncoding(name: name)
            }
        }
    }

    /// Reads a whole file (or stdin) with POSIX calls, so each failure maps to a precise error.
    static func readBytes(path: String, limit: Int) throws(AscribeError) -> [UInt8] {
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
        } else {
            fd = open(path, O_RDONLY)
            if fd < 0 {
                let code = errno
                switch code {
                case ENOENT, ENOTDIR: throw .noSuchFile(path: path)
                case EISDIR: throw .isDirectory(path: path)
                default: throw .unreadable(path: path, reason: String(cString: strerror(code)))
                }
            }
        }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var info = stat()
        if fstat(fd, &info) == 0 {
            if (info.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
            if (info.st_mode & S_IFMT) == S_IFREG && Int(info.st_size) > limit {
                throw .tooLarge(path: path, bytes: Int(info.st_size), limit: limit)
            }
        }
        var bytes: [UInt8] = []
        if (info.st_mode & S_IFMT) == S_IFREG { bytes.reserveCapacity(Int(info.st_size)) }
        // Not zeroed: filling 64 KiB per file cost more than reading a short article.
        let chunk = 1 << 16
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let n = Glibc.read(fd, buffer, chunk)
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                if code == EISDIR { throw .isDirectory(path: path) }
                throw .unreadable(path: path, reason: String(cString: strerror(code)))
            }
            if n == 0 { break }
            bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: n))
            if bytes.count > limit { throw .tooLarge(path: path, bytes: bytes.count, limit: limit) }
        }
        return bytes
    }
}

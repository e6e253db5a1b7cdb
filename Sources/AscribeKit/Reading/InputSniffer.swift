import Glibc

/// Decides what kind of file a byte buffer holds before any decoding.
enum InputSniffer {
    enum Kind: Equatable {
        case html
        case mhtml
        case text
        /// Not an article; the associated text names what it seems to be.
        case binary(String)
        case empty
    }

    static func sniff(_ bytes: [UInt8], nameHint: String? = nil) -> Kind {
        if let what = binaryKind(bytes) { return .binary(what) }
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if utf16 { start = 2 }
        guard let first = bytes[start...].firstIndex(where: { !isSpace($0) && $0 != 0 }) else { return .empty }
        if !utf16, MHTML.looksLikeMHTML(bytes) { return .mhtml }
        if utf16 {
            // Look for markup in the ASCII bytes of UTF-16 text.
            let ascii = bytes.prefix(8192).filter { $0 != 0 }
            return looksLikeHTML(Array(ascii), from: 0, nameHint: nameHint) ? .html : .text
        }
        return looksLikeHTML(bytes, from: first, nameHint: nameHint) ? .html : .text
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == 0x0C }

    /// Tags that mark a page as HTML, lower case.
    static let markers: [[UInt8]] = [
        "<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<script",
        "<link", "<table", "<h1", "<h2", "<section", "<span", "<br",
    ].map { Array($0.utf8) }
    static let skeleton: [[UInt8]] = [Array("<html".utf8), Array("<!doctype html".utf8)]

    /// Recognisable markup near the start, or an .html name with a tag anywhere near the start.
    /// One pass over the first 4 KiB that stops only at "<": plain text is sniffed at memory speed.
    static func looksLikeHTML(_ bytes: [UInt8], from first: Int, nameHint: String?) -> Bool {
        let end = min(bytes.count, first + 4096)
        func marker(at i: Int, _ list: [[UInt8]]) -> Bool {
            list.contains { m in
                guard i + m.count <= end else { return false }
                for k in 0..<m.count {
                    let b = bytes[i + k]
                    if (b >= 0x41 && b <= 0x5A ? b | 0x20 : b) != m[k] { return false }
                }
                return true
            }
        }
        // memchr from one "<" to the next: a byte-by-byte walk over the 4 KiB of plain text cost
        // about a tenth of reading it.
        func anywhere(_ list: [[UInt8]]) -> Bool {
            bytes.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return false }
                var i = first
                while i < end, let found = memchr(base + i, 0x3C, end - i) {
                    let at = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
                    if marker(at: at, list) { return true }
                    i = at + 1
                }
                return false
            }
        }
        if first < end, bytes[first] == 0x3C {
            // "<?xml" and "<!--" prologues, or a page that opens with a tag.
            return anywhere(markers)
        }
        if let name = nameHint?.lowercased(), name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") {
            return anywhere(markers)
        }
        // Text that starts with prose but carries a document skeleton soon after (pages saved with a preamble).
        return anywhere(skeleton)
    }

    static func binaryKind(_ bytes: [UInt8]) -> String? {
        // Compared in place, with the magic numbers as byte literals: slicing into a new array
        // per check cost more than reading a whole plain-text article.
        func starts(_ magic: [UInt8], at offset: Int = 0) -> Bool {
            guard bytes.count >= offset + magic.count else { return false }
            for k in 0..<magic.count where bytes[offset + k] != magic[k] { return false }
            return true
        }
        if starts([0x25, 0x50, 0x44, 0x46, 0x2D]) { return "a PDF document" }  // %PDF-
        if starts([0x89, 0x50, 0x4E, 0x47]) { return "a PNG image" }
        if starts([0xFF, 0xD8, 0xFF]) { return "a JPEG image" }
        if starts([0x47, 0x49, 0x46, 0x38]) { return "a GIF image" }  // GIF8
        if starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], at: 8) { return "a WebP image" }  // RIFF, WEBP
        if starts([0x1F, 0x8B]) { return "a gzip-compressed file (decompress it first)" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive (or an Office/EPUB document)" }
        if starts([0x7F, 0x45, 0x4C, 0x46]) { return "an executable program" }
        if starts([0x7B, 0x5C, 0x72, 0x74, 0x66]) { return "an RTF document" }  // {\rtf
        if starts([0xD0, 0xCF, 0x11, 0xE0]) { return "an old Microsoft Office document" }
        if starts([0x42, 0x5A, 0x68]) && bytes.count > 3 && bytes[3] >= 0x31 && bytes[3] <= 0x39 { return "a bzip2-compressed file" }  // BZh
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return "an xz-compressed file" }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return "a zstd-compressed file" }
        // UTF-16 text legitimately holds NUL bytes.
        if starts([0xFF, 0xFE]) || starts([0xFE, 0xFF]) { return nil }
        let head = bytes.prefix(8192)
        // Most inputs hold no NUL at all: memchr says so without counting.
        let anyNUL = head.withUnsafeBytes { $0.baseAddress.map { memchr($0, 0, head.count) != nil } ?? false }
        guard anyNUL else { return nil }
        let nuls = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nuls > 0 {
            // Text with a stray NUL is still text; many NULs or control bytes mean binary data.
            let controls = head.reduce(0) { $0 + ($1 < 0x09 || ($1 > 0x0D && $1 < 0x20) ? 1 : 0) }
            if controls * 10 > head.count || nuls * 100 > head.count { return "binary data" }
        }
        return nil
    }


}

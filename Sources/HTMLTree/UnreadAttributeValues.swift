/// Drops the values of attributes no stage reads before libxml2 sees the page.
///
/// libxml2 decodes every attribute value one character at a time, and values are over a third of
/// a typical page's bytes — mostly `src`, `srcset`, `data-*`, `on*` handlers and SVG paths that no
/// stage looks at. This byte scanner follows libxml2 2.9's HTML tokenisation (recovery mode) and
/// copies the page once with those values emptied (`src="…"` → `src=""`, `src=…` → `src=""`),
/// so the tree differs from a full parse only in values nobody reads.
///
/// It mirrors what libxml2 does, not what the HTML standard says: `<` before anything but a
/// letter, `!`, `/` or `?` is text; `</` before a non-name byte is dropped; an end tag runs to the
/// first `>`; a comment to the first `-->`; a doctype or processing instruction to the first `>`;
/// script and style bodies to the first `</` + their name in any case; an attribute whose name
/// does not start with a letter, `_`, `:` or `.` is skipped up to a blank, `>` or `/>`, quotes or
/// not. At the first thing it is not sure of (a NUL, invalid UTF-8, U+FFFE/U+FFFF, a name of 100
/// bytes or more, a construct cut off by the end of the buffer, `--!>` in a comment, an odd
/// doctype, a control character inside a tag, value, doctype or processing instruction) it copies the rest of the page unchanged: everything up to there was tokenised as
/// libxml2 does, so libxml2 is in the same state on both buffers from there on.
enum UnreadAttributeValues {
    /// `bytes` with unread attribute values emptied, or `bytes` itself when there is none.
    static func dropped(from bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { buffer -> [UInt8]? in
            guard let base = buffer.baseAddress, buffer.count > 0 else { return nil }
            var scanner = Scanner(base: base, count: buffer.count)
            scanner.run()
            return scanner.finish()
        } ?? bytes
    }

    /// Lower-case attribute names whose values stay: every `HTMLAttribute`, and `charset`, which
    /// libxml2 itself reads on `<meta>`. Indexed by name length; names packed into two words.
    static let kept: [[(UInt64, UInt64)]] = {
        var table = [[(UInt64, UInt64)]](repeating: [], count: 17)
        for name in HTMLAttribute.allCases.map(\.name) + ["charset"] {
            let utf8 = Array(name.utf8)
            precondition(utf8.count <= 16)
            utf8.withUnsafeBufferPointer { table[utf8.count].append(packedLowercase($0.baseAddress!, utf8.count)) }
        }
        return table
    }()

    /// The first 16 bytes of a name, ASCII upper case folded to lower case, as two words.
    @inline(__always) static func packedLowercase(_ p: UnsafePointer<UInt8>, _ count: Int) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        for k in 0..<min(count, 16) {
            var b = p[k]
            if b >= 0x41 && b <= 0x5A { b |= 0x20 }
            if k < 8 { words.0 |= UInt64(b) << (8 * k) } else { words.1 |= UInt64(b) << (8 * (k - 8)) }
        }
        return words
    }

    @inline(__always) static func isKept(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        guard count < kept.count else { return false }
        let candidates = kept[count]
        if candidates.isEmpty { return false }
        let key = packedLowercase(p, count)
        for candidate in candidates where candidate == key { return true }
        return false
    }

    /// libxml2's `htmlParseHTMLName`: a name starts with an ASCII letter, `_`, `:` or `.`.
    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || b == 0x5F || b == 0x3A || b == 0x2E
    }

    /// … and goes on with ASCII letters, digits, `:`, `-`, `_` and `.`.
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        isNameStart(b) || (b >= 0x30 && b <= 0x39) || b == 0x2D
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return lower >= 0x61 && lower <= 0x7A
    }

    /// libxml2's `IS_BLANK_CH`: space, tab, line feed, carriage return.
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// Whether some byte of `word` is NUL, `stop` (spread over all bytes) or non-ASCII.
    @inline(__always) static func mayStop(_ word: UInt64, _ stop: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        let x = word ^ stop
        return ((word &- ones) & ~word | (x &- ones) & ~x | word) & tops != 0
    }

    /// `mayStop`, or some byte is below 0x20.
    @inline(__always) static func mayStopStrict(_ word: UInt64, _ stop: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let tops: UInt64 = 0x8080_8080_8080_8080
        let x = word ^ stop
        return ((word &- ones &* 0x20) & ~word | (x &- ones) & ~x | word) & tops != 0
    }

    private struct Scanner {
        let b: UnsafePointer<UInt8>
        let n: Int
        var p = 0
        /// Input bytes before `copied` are in `out` (or were dropped).
        var copied = 0
        var out: [UInt8] = []
        /// Only blanks, comments and processing instructions so far: a doctype here is the
        /// document's own, read by `htmlParseDocument` before the content loop.
        var inProlog = true
        /// A doctype inside the content just ended: libxml2 goes on in the same round of its
        /// content loop, where `</` and another `<!DOCTYPE` are a text '<'.
        var afterMisplacedDoctype = false

        init(base: UnsafePointer<UInt8>, count: Int) {
            b = base
            n = count
        }

        /// Not sure how libxml2 reads what follows: stop dropping.
        struct Unsure: Error {}

        mutating func run() {
            do {
                // libxml2 skips a UTF-8 byte order mark when it is told the input is UTF-8.
                if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { p = 3 }
                while let lt = try next(UInt8(ascii: "<"), from: p) {
                    if lt > p {
                        if inProlog, (p..<lt).contains(where: { !isBlank(b[$0]) }) { inProlog = false }
                        afterMisplacedDoctype = false
                    }
                    p = lt
                    try markup()
                }
            } catch {}
        }

        func finish() -> [UInt8]? {
            guard copied > 0 else { return nil }
            var result = out
            result.append(contentsOf: UnsafeBufferPointer(start: b + copied, count: n - copied))
            return result
        }

        /// Drops `range`, writing `replacement` in its place.
        mutating func drop(_ range: Range<Int>, replacement: StaticString = "") {
            if out.isEmpty { out.reserveCapacity(n) }
            out.append(contentsOf: UnsafeBufferPointer(start: b + copied, count: range.lowerBound - copied))
            if replacement.utf8CodeUnitCount > 0 {
                out.append(contentsOf: UnsafeBufferPointer(start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
            }
            copied = range.upperBound
        }

        /// The index of the first `stop` byte from `start`, nil at the end of the buffer. Throws at a
        /// NUL or invalid UTF-8 on the way, and when `strict` at any control character but a blank
        /// (where libxml2 ends attribute values, literals and processing instructions early or not).
        func next(_ stop: UInt8, from start: Int, strict: Bool = false) throws(Unsure) -> Int? {
            let spread = 0x0101_0101_0101_0101 &* UInt64(stop)
            var i = start
            while i < n {
                if strict {
                    while n - i >= 8, !mayStopStrict(UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self), spread) { i += 8 }
                } else {
                    while n - i >= 8, !mayStop(UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self), spread) { i += 8 }
                }
                guard i < n else { return nil }
                let c = b[i]
                if c == stop { return i }
                if c == 0 || (strict && c < 0x20 && !isBlank(c)) { throw Unsure() }
                if c < 0x80 {
                    i += 1
                } else {
                    guard let width = UTF8Check.validSequenceWidth(b + i, b + n) else { throw Unsure() }
                    i += width
                }
            }
            return nil
        }

        /// At a `<`: moves `p` past the markup it starts (or past the `<` when libxml2 reads it as text).
        mutating func markup() throws(Unsure) {
            guard p + 1 < n else { throw Unsure() }
            let c = b[p + 1]
            if afterMisplacedDoctype {
                afterMisplacedDoctype = false
                if c == UInt8(ascii: "/") || (c == UInt8(ascii: "!") && startsDoctype()) {
                    p += 1
                    return
                }
            }
            let wasProlog = inProlog
            inProlog = false
            if isLetter(c) {
                try startTag()
            } else if c == UInt8(ascii: "/") {
                guard p + 2 < n else { throw Unsure() }
                if isNameStart(b[p + 2]) {
                    p = try endTag(from: p).end
                } else {
                    p += 2  // libxml2 drops "</" and reads on as text
                }
            } else if c == UInt8(ascii: "!") {
                if p + 3 < n, b[p + 2] == UInt8(ascii: "-"), b[p + 3] == UInt8(ascii: "-") {
                    try comment()
                    inProlog = wasProlog
                } else if startsDoctype() {
                    try doctype()
                    afterMisplacedDoctype = !wasProlog
                } else {
                    p += 1  // "<!" of anything else is text
                }
            } else if c == UInt8(ascii: "?") {
                guard p + 2 < n else { throw Unsure() }
                let d = b[p + 2]
                if isLetter(d) || d == UInt8(ascii: "_") || d == UInt8(ascii: ":") {
                    // A processing instruction with a target runs to the first '>'.
                    guard let gt = try next(UInt8(ascii: ">"), from: p + 2, strict: true) else { throw Unsure() }
                    p = gt + 1
                    inProlog = wasProlog
                } else if d < 0x80 {
                    p += 2  // no target: libxml2 drops "<?" and reads on as text
                    inProlog = wasProlog
                } else {
                    throw Unsure()
                }
            } else {
                p += 1  // '<' before anything else is text
            }
        }

        /// An end tag at `start` (`</` + name byte): libxml2 reads its name and skips to the first '>'.
        func endTag(from start: Int) throws(Unsure) -> (end: Int, name: Range<Int>) {
            var i = start + 2
            while i < n, isNameByte(b[i]) { i += 1 }
            let name = start + 2..<i
            guard let gt = try next(UInt8(ascii: ">"), from: i) else { throw Unsure() }
            return (gt + 1, name)
        }

        /// `<!--` runs to the first `-->` after it; `--!>` also ends a comment in libxml2 2.9.14.
        mutating func comment() throws(Unsure) {
            var from = p + 4
            while true {
                guard let gt = try next(UInt8(ascii: ">"), from: from) else { throw Unsure() }
                if gt >= p + 6, b[gt - 1] == UInt8(ascii: "-"), b[gt - 2] == UInt8(ascii: "-") {
                    p = gt + 1
                    return
                }
                if gt >= p + 7, b[gt - 1] == UInt8(ascii: "!"), b[gt - 2] == UInt8(ascii: "-"), b[gt - 3] == UInt8(ascii: "-") {
                    throw Unsure()
                }
                from = gt + 1
            }
        }

        func startsDoctype() -> Bool {
            guard n - p >= 9 else { return false }
            let word = Array("DOCTYPE".utf8)
            for k in 0..<7 where b[p + 2 + k] & 0xDF != word[k] { return false }
            return true
        }

        /// A doctype ends at its first '>' when that '>' is neither inside a quoted literal nor
        /// after a '<' (libxml2 parses the literals; on junk it skips to the first '>').
        mutating func doctype() throws(Unsure) {
            guard let gt = try next(UInt8(ascii: ">"), from: p + 2, strict: true) else { throw Unsure() }
            var quote: UInt8 = 0
            for i in p + 2..<gt {
                let c = b[i]
                if c == UInt8(ascii: "<") { throw Unsure() }
                if quote == 0 {
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { quote = c }
                } else if c == quote {
                    quote = 0
                }
            }
            guard quote == 0 else { throw Unsure() }
            p = gt + 1
        }

        @inline(__always) mutating func skipBlanks() {
            while p < n, isBlank(b[p]) { p += 1 }
        }

        /// A start tag (`<` + letter), as `htmlParseStartTag` reads it; unread values are dropped.
        mutating func startTag() throws(Unsure) {
            p += 1
            let nameStart = p
            while p < n, isNameByte(b[p]) { p += 1 }
            let name = nameStart..<p
            // libxml2 cuts names at 100 bytes and reads the rest as something else.
            guard name.count < 100 else { throw Unsure() }
            while true {
                skipBlanks()
                guard p < n else { throw Unsure() }
                let c = b[p]
                if c == UInt8(ascii: ">") {
                    p += 1
                    if let rawName = rawTextName(name) { try rawText(rawName) }
                    return
                }
                if c == UInt8(ascii: "/"), p + 1 < n, b[p + 1] == UInt8(ascii: ">") {
                    p += 2  // self-closed, even <script/>
                    return
                }
                if c < 0x20 { throw Unsure() }
                if isNameStart(c) {
                    try attribute()
                } else {
                    // Not a name: libxml2 skips up to a blank, '>' or "/>", quotes or not.
                    while true {
                        guard p < n else { throw Unsure() }
                        let d = b[p]
                        if isBlank(d) || d == UInt8(ascii: ">") || (d == UInt8(ascii: "/") && p + 1 < n && b[p + 1] == UInt8(ascii: ">")) {
                            break
                        }
                        if d < 0x20 { throw Unsure() }
                        if d < 0x80 {
                            p += 1
                        } else {
                            guard let width = UTF8Check.validSequenceWidth(b + p, b + n) else { throw Unsure() }
                            p += width
                        }
                    }
                }
            }
        }

        /// One `name`, `name=value`, `name="value"` or `name='value'` at `p`.
        mutating func attribute() throws(Unsure) {
            let nameStart = p
            while p < n, isNameByte(b[p]) { p += 1 }
            let nameEnd = p
            guard nameEnd - nameStart < 100 else { throw Unsure() }
            skipBlanks()
            guard p < n else { throw Unsure() }
            guard b[p] == UInt8(ascii: "=") else { return }  // no value
            p += 1
            skipBlanks()
            guard p < n else { throw Unsure() }
            let keep = isKept(b + nameStart, nameEnd - nameStart)
            let q = b[p]
            if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                // Quoted: the value ends at the same quote (or a NUL, where we stop).
                guard let close = try next(q, from: p + 1, strict: true) else { throw Unsure() }
                if !keep, close > p + 1 { drop(p + 1..<close) }
                p = close + 1
            } else {
                // Unquoted: the value ends at a blank or '>'.
                let start = p
                while true {
                    guard p < n else { throw Unsure() }
                    let d = b[p]
                    if isBlank(d) || d == UInt8(ascii: ">") { break }
                    if d < 0x20 { throw Unsure() }
                    if d < 0x80 {
                        p += 1
                    } else {
                        guard let width = UTF8Check.validSequenceWidth(b + p, b + n) else { throw Unsure() }
                        p += width
                    }
                }
                if !keep, p > start { drop(start..<p, replacement: "\"\"") }
            }
        }

        /// "script" or "style" (the start tag's name bytes, any case), whose bodies libxml2 reads raw.
        func rawTextName(_ name: Range<Int>) -> Range<Int>? {
            guard name.count == 6 || name.count == 5 else { return nil }
            let word: StaticString = name.count == 6 ? "script" : "style"
            for k in 0..<name.count where b[name.lowerBound + k] | 0x20 != word.utf8Start[k] { return nil }
            return name
        }

        /// Skips a script or style body: it ends at the first `</` + the element's name in any
        /// case (recovery mode), at an end tag that closes the element only when its whole name
        /// matches; any other end tag there is skipped and the body goes on.
        mutating func rawText(_ name: Range<Int>) throws(Unsure) {
            var from = p
            while true {
                guard let lt = try next(UInt8(ascii: "<"), from: from, strict: true) else { throw Unsure() }
                guard lt + 2 + name.count <= n else { throw Unsure() }
                if b[lt + 1] == UInt8(ascii: "/"), matchesIgnoringCase(lt + 2, name) {
                    let tag = try endTag(from: lt)
                    p = tag.end
                    if tag.name.count == name.count { return }
                    from = p
                } else {
                    from = lt + 1
                }
            }
        }

        func matchesIgnoringCase(_ at: Int, _ name: Range<Int>) -> Bool {
            for k in 0..<name.count where b[at + k] | 0x20 != b[name.lowerBound + k] | 0x20 { return false }
            return true
        }
    }
}

/// UTF-8 checks shared by the scanners that read ahead of libxml2.
enum UTF8Check {
    /// The length of the well-formed UTF-8 sequence at `p` (Unicode Table 3-7) that libxml2 copies
    /// as is, or nil (also for U+FFFE and U+FFFF, which libxml2 rejects as characters).
    static func validSequenceWidth(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Int? {
        let lead = p.pointee
        let width: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: width = 2
        case 0xE0: width = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: width = 3
        case 0xED: width = 3; high = 0x9F
        case 0xF0: width = 4; low = 0x90
        case 0xF1...0xF3: width = 4
        case 0xF4: width = 4; high = 0x8F
        default: return nil
        }
        guard end - p >= width, p[1] >= low, p[1] <= high else { return nil }
        for k in 2..<max(2, width) where p[k] & 0xC0 != 0x80 { return nil }
        if lead == 0xEF, p[1] == 0xBF, p[2] >= 0xBE { return nil }
        return width
    }
}

/// Takes attributes out of libxml2's hands before it sees the page.
///
/// libxml2 reads every attribute one character at a time (name, duplicate check, decoded value),
/// and attributes are a third of a typical page's bytes. This byte scanner follows libxml2 2.9's
/// HTML tokenisation (recovery mode) and copies the page once with each start tag written again
/// with only the attributes stages read:
/// - attributes no stage reads (`src`, `srcset`, `data-*`, `on*`, SVG paths…) are left out, name
///   and all, with the blanks and junk between attributes;
/// - values stages read (`HTMLAttribute` names) without a `&` — the raw bytes are then exactly what
///   libxml2 would decode — are *lifted*: the tag gets one marker attribute `_` instead, and is
///   recorded so that the tree builder takes the attributes from the original bytes;
/// - `charset`, values with entities, and all values on `<meta>` (libxml2 reads its charset), on
///   `<html>`, `<head>` and `<body>` (libxml2 drops misplaced ones without an event) stay with
///   libxml2, as they stand (`<a _ href="?a=1&amp;b=2">`).
///
/// It mirrors what libxml2 does, not what the HTML standard says: `<` before anything but a
/// letter, `!`, `/` or `?` is text; `</` before a non-name byte is dropped; an end tag runs to the
/// first `>`; a comment to the first `-->`; a doctype or processing instruction to the first `>`;
/// script and style bodies to the first `</` + their name in any case; an attribute whose name
/// does not start with a letter, `_`, `:` or `.` is skipped up to a blank, `>` or `/>`, quotes or
/// not; a repeated attribute is dropped. At the first thing it is not sure of (a NUL, invalid
/// UTF-8, U+FFFE/U+FFFF, a name of 100 bytes or more, a construct cut off by the end of the
/// buffer, `--!>` in a comment, an odd doctype, a control character inside markup, a value or a
/// script body) it copies the rest of the page unchanged: everything up to there was tokenised as
/// libxml2 does, so libxml2 is in the same state on both buffers from there on.
enum UnreadAttributeValues {
    /// Values taken out of the page for the tree builder, grouped by start tag.
    struct Lifted {
        /// Each recorded start tag, counted among the start tags with at least one attribute but
        /// for html, head and body (1 for the first): every such tag gives libxml2's SAX
        /// `startElement` with attributes, in document order. (Offsets in libxml2's input do not
        /// work: a `<meta charset>` restarts them.)
        var tags: [Int] = []
        /// One past each tag's last entry in `entries`.
        var entryEnds: [Int] = []
        /// Each kept attribute of the recorded tags in document order: an `HTMLAttribute` raw value and
        /// its value's byte range in the original page, or -1 for the next attribute libxml2 reads
        /// after the marker.
        var entries: [(attribute: Int32, value: Range<Int>)] = []
        /// Text runs replaced by a placeholder character, by their byte range in the original page, in
        /// document order (see `Placeholder`).
        var texts: [Range<Int>] = []
    }

    /// The character that stands in for a lifted text run: U+FDD0 + the run's number modulo 32, a
    /// noncharacter (U+FDD0…U+FDEF) that libxml2 copies like any letter. A non-blank run stays a
    /// non-blank run, so libxml2 makes the same implied `<p>` and auto-closes; it delivers the
    /// placeholder in a `characters` event and the tree builder puts the run back. The number lets
    /// the tree builder notice a placeholder that went missing; a page that holds such a character
    /// itself stops the scan there (see `Scanner.width(at:)`).
    enum Placeholder {
        static let lead: UInt8 = 0xEF
        static let second: UInt8 = 0xB7
        /// Third bytes 0x90…0xAF.
        static let thirdBase: UInt8 = 0x90
        /// Runs shorter than this stay with libxml2: three bytes of placeholder save too little.
        static let minimumRun = 8
        /// A blank run stands for itself to libxml2 (it makes no implied `<p>`), so its placeholder is
        /// blank too: two carriage returns and a blank digit for the run's number modulo 4.
        static let blankLead: UInt8 = 0x0D
        static let blankDigits: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        static let minimumBlankRun = 4
        /// libxml2 delivers text in chunks of 1,000 bytes and checks for an implied `<p>` at each
        /// chunk whose next byte is not '<': a longer blank run stays.
        static let maximumBlankRun = 1_000

        /// The number (modulo 32, or modulo 4 for a blank run) of the run a three-byte text chunk
        /// stands for, and that modulus minus one; nil for any other text.
        @inline(__always) static func number(_ bytes: UnsafePointer<UInt8>) -> (number: Int, mask: Int)? {
            if bytes[0] == lead, bytes[1] == second, case let k = bytes[2] &- thirdBase, k < 32 { return (Int(k), 31) }
            guard bytes[0] == blankLead, bytes[1] == blankLead else { return nil }
            switch bytes[2] {
            case 0x20: return (0, 3)
            case 0x09: return (1, 3)
            case 0x0A: return (2, 3)
            case 0x0D: return (3, 3)
            default: return nil
            }
        }
    }

    /// `bytes` with start tags rewritten (and, when `liftingText`, plain text runs replaced by
    /// placeholders), and the lifted values and runs.
    static func scan(_ bytes: [UInt8], liftingText: Bool = true) -> (bytes: [UInt8], lifted: Lifted) {
        var lifted = Lifted()
        let output = bytes.withUnsafeBufferPointer { input -> [UInt8] in
            guard let base = input.baseAddress, input.count > 0 else { return bytes }
            // The copy never grows: values shorter than two bytes are left alone when unquoted.
            return [UInt8](unsafeUninitializedCapacity: input.count) { out, count in
                var scanner = Scanner(base: base, count: input.count, out: out.baseAddress!)
                scanner.liftingText = liftingText
                scanner.run()
                count = scanner.finish()
                lifted = scanner.lifted
                scanner.kept.deallocate()
            }
        }
        return (output, lifted)
    }

    /// Attributes past this count on one start tag are left out even when stages read them. (Before
    /// unread attributes were left out, this spared libxml2 comparing each attribute's name with every
    /// earlier one on the tag: 40,000 attributes on one element took 6.7 s.)
    static let maxAttributesPerTag = 1_000

    /// Lower-case names of the attributes stages read (`HTMLAttribute`) and `charset`, which libxml2
    /// reads on `<meta>`: an open-addressed table of names packed into two words.
    static let names: NameTable = NameTable(HTMLAttribute.allCases.map { ($0.name, $0.rawValue) } + [("charset", 0)])

    struct NameTable: Sendable {
        /// 64 slots of (first 8 bytes, next 8 bytes, id + 1; 0 for an empty slot).
        var slots = [(UInt64, UInt64, Int32)](repeating: (0, 0, 0), count: 64)

        init(_ entries: [(String, Int32)]) {
            for (name, id) in entries {
                let utf8 = Array(name.utf8) + [UInt8](repeating: 0, count: 16)
                precondition(name.utf8.count <= 16)
                let key = utf8.withUnsafeBufferPointer { Self.key($0.baseAddress!, name.utf8.count) }
                var slot = Self.slot(key)
                while slots[slot].2 != 0 { slot = (slot + 1) & 63 }
                slots[slot] = (key.0, key.1, id + 1)
            }
        }

        /// The name's first 16 bytes with ASCII letters lower-cased (`| 0x20` maps name bytes to
        /// themselves except `_`, which no looked-up name holds), zero-padded. Reads 16 bytes.
        @inline(__always) static func key(_ p: UnsafePointer<UInt8>, _ count: Int) -> (UInt64, UInt64) {
            let lower: UInt64 = 0x2020_2020_2020_2020
            let w0 = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) | lower
            let w1 = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt64.self) | lower
            let m0: UInt64 = count >= 8 ? ~0 : (1 << (8 * UInt64(count))) &- 1
            let m1: UInt64 = count >= 16 ? ~0 : count <= 8 ? 0 : (1 << (8 * UInt64(count - 8))) &- 1
            return (w0 & m0, w1 & m1)
        }

        @inline(__always) static func slot(_ key: (UInt64, UInt64)) -> Int {
            Int(truncatingIfNeeded: ((key.0 ^ (key.1 &* 0x100_0000_01B3)) &* 0x9E37_79B9_7F4A_7C15) >> 58)
        }

        /// The id of a looked-up name (`HTMLAttribute` raw value, 0 for `charset`), or nil.
        /// `p` must have 16 readable bytes.
        @inline(__always) func id(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
            guard count <= 16 else { return nil }
            let key = Self.key(p, count)
            var slot = Self.slot(key)
            while true {
                let entry = slots[slot]
                if entry.2 == 0 { return nil }
                if entry.0 == key.0 && entry.1 == key.1 { return entry.2 - 1 }
                slot = (slot + 1) & 63
            }
        }
    }

    /// libxml2's `htmlParseHTMLName`: a name starts with an ASCII letter, `_`, `:` or `.` …
    @inline(__always) static func isNameStart(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return (lower >= 0x61 && lower <= 0x7A) || b == 0x5F || b == 0x3A || b == 0x2E
    }

    /// … and goes on with ASCII letters, digits, `:`, `-`, `_` and `.`.
    @inline(__always) static func isNameByte(_ b: UInt8) -> Bool {
        // Bits for '-', '.', '0'-'9', ':' (0x2D-0x3A) and 'A'-'Z', '_', 'a'-'z'.
        if b < 64 { return (0x07FF_6000_0000_0000 as UInt64) >> UInt64(b) & 1 != 0 }
        if b < 128 { return (0x07FF_FFFE_87FF_FFFE as UInt64) >> UInt64(b - 64) & 1 != 0 }
        return false
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool {
        let lower = b | 0x20
        return lower >= 0x61 && lower <= 0x7A
    }

    /// libxml2's `IS_BLANK_CH`: space, tab, line feed, carriage return.
    @inline(__always) static func isBlank(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }

    /// An attribute of the current start tag that the tree keeps.
    private struct Kept {
        /// `HTMLAttribute` raw value, 0 for `charset`.
        var id: Int32
        /// Whether the tree builder takes the value from the page (else libxml2 reads the attribute).
        var lifted: Bool
        /// Whether the value holds a `&` (libxml2 decodes it).
        var hasEntity: Bool
        /// The attribute as it stands in the page, from its name to the end of its value.
        var bytes: Range<Int>
        /// The value (inside quotes; empty without a value).
        var value: Range<Int>
        /// Whether the value is quoted: the attribute then ends at its closing quote, which needs no
        /// blank after it.
        var quoted: Bool
    }

    private struct Scanner {
        let b: UnsafePointer<UInt8>
        let n: Int
        /// The emptied page is written here; input bytes before `copied` are in it (or were dropped).
        let out: UnsafeMutablePointer<UInt8>
        var written = 0
        var copied = 0
        var p = 0
        var lifted = Lifted()
        let names = UnreadAttributeValues.names
        /// Only blanks, comments and processing instructions so far: a doctype here is the
        /// document's own, read by `htmlParseDocument` before the content loop.
        var inProlog = true
        /// A doctype inside the content just ended: libxml2 goes on in the same round of its
        /// content loop, where `</` and another `<!DOCTYPE` are a text '<'.
        var afterMisplacedDoctype = false
        /// Looked-up attributes met in the current start tag (a repeat is dropped by libxml2).
        var seen: UInt64 = 0
        /// The current start tag's attributes that stay in the tree, in document order: the first
        /// `keptCount` (at most one per looked-up name, so fewer than 64).
        let kept = UnsafeMutableBufferPointer<Kept>.allocate(capacity: 64)
        var keptCount = 0
        /// Start tags with attributes so far, but for html, head and body (`Lifted.tags`).
        var tagsWithAttributes = 0
        var liftingText = true
        /// Whether the text run that starts at `p` is one libxml2 reads in its content loop as it
        /// stands: after a start tag, an end tag, a comment or a processing instruction there. Not in
        /// the prolog or after a doctype (libxml2 skips blanks there) and not after a '<' or "</"
        /// that libxml2 reads as text (it may deliver that with the run).
        var textFollowsMarkup = false

        init(base: UnsafePointer<UInt8>, count: Int, out: UnsafeMutablePointer<UInt8>) {
            b = base
            n = count
            self.out = out
        }

        /// Not sure how libxml2 reads what follows: stop emptying.
        struct Unsure: Error {}

        mutating func run() {
            do {
                // libxml2 skips a UTF-8 byte order mark when it is told the input is UTF-8.
                if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { p = 3 }
                while let found = try nextMarkup(from: p) {
                    let lt = found.lt
                    if lt > p {
                        if inProlog, !found.blankOnly { inProlog = false }
                        afterMisplacedDoctype = false
                        if found.ampersand {
                            try text(p..<lt)
                        } else if !found.control {
                            liftText(p..<lt, blankOnly: found.blankOnly)
                        }
                    }
                    p = lt
                    textFollowsMarkup = false
                    try markup()
                }
            } catch {}
        }

        /// A text run between two markup constructs. Throws at a character reference to a placeholder
        /// character (libxml2 would deliver one). Replaces the run by a placeholder when libxml2 reads
        /// it in its content loop (`textFollowsMarkup`) and would deliver it byte for byte: not blank
        /// only (blank runs take another path in libxml2), no '&' (entities), no control character
        /// but tab, line feed and carriage return (libxml2 drops them). `next` has already checked
        /// the run for NULs, invalid UTF-8 and placeholder characters.
        mutating func text(_ run: Range<Int>) throws(Unsure) {
            let amp = UInt8(ascii: "&")
            var liftable = liftingText && textFollowsMarkup && run.count >= Placeholder.minimumBlankRun
            var blankOnly = true
            let end = run.upperBound
            var i = run.lowerBound
            while i < end {
                // Blocks without '&' or a control character but a blank pass whole (noting a non-blank).
                if n - i >= 16 {
                    let v = block(at: i)
                    let inRun = Block(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
                        .< Block(repeating: UInt8(truncatingIfNeeded: min(end - i, 16)))
                    let blank = Self.blanks(v)
                    if blankOnly && Self.firstLane(.!blank .& inRun) != nil { blankOnly = false }
                    let special = ((v .== Block(repeating: amp)) .| ((v .< Block(repeating: 0x20)) .& .!blank)) .& inRun
                    if Self.firstLane(special) == nil {
                        i += 16
                        continue
                    }
                }
                let blockEnd = min(i + 16, end)
                while i < blockEnd {
                    let c = b[i]
                    if c == amp {
                        liftable = false
                        try characterReference(at: i, end: end)
                    } else if c < 0x20 && !isBlank(c) {
                        liftable = false
                    }
                    if !isBlank(c) { blankOnly = false }
                    i += 1
                }
            }
            guard liftable else { return }
            liftText(run, blankOnly: blankOnly)
        }

        /// The next `<` from `start` as `next` finds it (nil at the end of the buffer), and what the
        /// text run before it holds: only blanks; a `&`; a control character but a blank. One pass
        /// over the run for both the search and `text`.
        @inline(__always) func nextMarkup(from start: Int) throws(Unsure)
            -> (lt: Int, blankOnly: Bool, ampersand: Bool, control: Bool)?
        {
            let lts = Block(repeating: UInt8(ascii: "<"))
            let amps = Block(repeating: UInt8(ascii: "&"))
            var blankOnly = true
            var ampersand = false
            var control = false
            var i = start
            while i < n {
                // Blocks without '<', '&', a control character but a blank or a non-ASCII byte pass
                // whole (noting a non-blank); else go to the first such byte (never a blank).
                while n - i >= 16 {
                    let v = block(at: i)
                    let blank = Self.blanks(v)
                    let special = (v .== lts) .| (v .== amps) .| (Self.signedBelow(v, 0x20) .& .!blank)
                    if let k = Self.firstLane(special) {
                        if blankOnly, let f = Self.firstLane(.!blank), f < k { blankOnly = false }
                        i += k
                        break
                    }
                    if blankOnly, Self.firstLane(.!blank) != nil { blankOnly = false }
                    i += 16
                }
                guard i < n else { return nil }
                let c = b[i]
                if c == UInt8(ascii: "<") { return (i, blankOnly, ampersand, control) }
                if c == 0 { throw Unsure() }
                if c == UInt8(ascii: "&") {
                    ampersand = true
                } else if c < 0x20 && !isBlank(c) {
                    control = true
                }
                if !isBlank(c) { blankOnly = false }
                if c < 0x80 {
                    i += 1
                } else {
                    i += try width(at: i)
                }
            }
            return nil
        }

        /// Replaces the text run `run` (no '&', no control character but a blank) by a placeholder
        /// when libxml2 reads it in its content loop and it is long enough (see `text`).
        @inline(__always) mutating func liftText(_ run: Range<Int>, blankOnly: Bool) {
            guard liftingText && textFollowsMarkup && run.count >= Placeholder.minimumBlankRun else { return }
            if !blankOnly {
                guard run.count >= Placeholder.minimumRun else { return }
                lift(run, Placeholder.lead, Placeholder.second, Placeholder.thirdBase &+ UInt8(truncatingIfNeeded: lifted.texts.count & 31))
            } else if run.count < Placeholder.maximumBlankRun {
                lift(run, Placeholder.blankLead, Placeholder.blankLead, Placeholder.blankDigits[lifted.texts.count & 3])
            }
        }

        /// Replaces the text run (or script or style body) `run` by the three bytes of its placeholder.
        @inline(__always) mutating func lift(_ run: Range<Int>, _ first: UInt8, _ second: UInt8, _ third: UInt8) {
            copy(upTo: run.lowerBound)
            out[written] = first
            out[written + 1] = second
            out[written + 2] = third
            written += 3
            copied = run.upperBound
            lifted.texts.append(run)
        }

        /// Throws when the `&` at `at` starts a numeric character reference (`&#…`, `&#x…`) whose
        /// value libxml2 would read as a placeholder character (it reads digits up to the first
        /// other byte, `;` or not).
        func characterReference(at: Int, end: Int) throws(Unsure) {
            guard end - at >= 3, b[at + 1] == UInt8(ascii: "#") else { return }
            var i = at + 2
            var value = 0
            if b[i] | 0x20 == UInt8(ascii: "x") {
                i += 1
                while i < end, value < 0x11_0000 {
                    let c = b[i]
                    let digit: Int
                    if c >= 0x30 && c <= 0x39 {
                        digit = Int(c - 0x30)
                    } else if c | 0x20 >= 0x61 && c | 0x20 <= 0x66 {
                        digit = Int(c | 0x20) - 0x61 + 10
                    } else {
                        break
                    }
                    value = value * 16 + digit
                    i += 1
                }
            } else {
                while i < end, value < 0x11_0000, b[i] >= 0x30 && b[i] <= 0x39 {
                    value = value * 10 + Int(b[i] - 0x30)
                    i += 1
                }
            }
            // A reference cut off by the run's end, or one that overflows the cap: not sure either.
            if i == end || value >= 0x11_0000 || (value >= 0xFDD0 && value <= 0xFDEF) { throw Unsure() }
        }

        /// The width of the UTF-8 sequence at `i` that libxml2 copies as is; throws at invalid UTF-8
        /// and at the placeholder characters U+FDD0…U+FDEF, which the tree builder must not meet
        /// before the last lifted run.
        @inline(__always) func width(at i: Int) throws(Unsure) -> Int {
            guard let width = UTF8Check.validSequenceWidth(b + i, b + n),
                !(b[i] == Placeholder.lead && b[i + 1] == Placeholder.second && b[i + 2] &- Placeholder.thirdBase < 32)
            else { throw Unsure() }
            return width
        }

        /// Copies the rest; returns the length of the output.
        mutating func finish() -> Int {
            copy(upTo: n)
            return written
        }

        @inline(__always) mutating func copy(upTo end: Int) {
            let count = end - copied
            if count > 0 { (out + written).update(from: b + copied, count: count) }
            written += count
        }

        /// The index of the first `stop` byte from `start`, nil at the end of the buffer. Throws at a
        /// NUL or invalid UTF-8 on the way, and when `strict` at any control character but a blank
        /// (where libxml2 ends values, literals and script bodies early or not).
        @inline(__always) func next(_ stop: UInt8, from start: Int, strict: Bool = false) throws(Unsure) -> Int? {
            let spread = Block(repeating: stop)
            var i = start
            while i < n {
                // Blocks without the stop byte, a NUL, a non-ASCII byte (or, when strict, a control
                // character but a blank) pass whole; else go to the first such byte.
                while n - i >= 16 {
                    let v = block(at: i)
                    var m = (v .== spread) .| Self.signedBelow(v, 1)
                    if strict { m = m .| Self.controlsOrNonASCII(v) }
                    if let k = Self.firstLane(m) {
                        i += k
                        break
                    }
                    i += 16
                }
                guard i < n else { return nil }
                let c = b[i]
                if c == stop { return i }
                if c == 0 || (strict && c < 0x20 && !isBlank(c)) { throw Unsure() }
                if c < 0x80 {
                    i += 1
                } else {
                    i += try width(at: i)
                }
            }
            return nil
        }

        typealias Block = SIMD16<UInt8>
        typealias Lanes = SIMDMask<SIMD16<Int8>>

        /// The 16 bytes at `i` (`n - i >= 16`).
        @inline(__always) func block(at i: Int) -> Block {
            UnsafeRawPointer(b + i).loadUnaligned(as: Block.self)
        }

        /// The lanes whose byte, read as signed, is below `limit`: with a positive limit, the bytes
        /// below it and the non-ASCII bytes.
        @inline(__always) static func signedBelow(_ v: Block, _ limit: Int8) -> Lanes {
            unsafeBitCast(v, to: SIMD16<Int8>.self) .< SIMD16<Int8>(repeating: limit)
        }

        /// The lanes holding a blank (`isBlank`).
        @inline(__always) static func blanks(_ v: Block) -> Lanes {
            (v .== Block(repeating: 0x20)) .| (v .== Block(repeating: 0x09)) .| (v .== Block(repeating: 0x0A))
                .| (v .== Block(repeating: 0x0D))
        }

        /// The lanes holding a control character but a blank, or a non-ASCII byte (a blank below
        /// 0x20 is a tab, line feed or carriage return).
        @inline(__always) static func controlsOrNonASCII(_ v: Block) -> Lanes {
            signedBelow(v, 0x20) .& .!((v .== Block(repeating: 0x09)) .| (v .== Block(repeating: 0x0A)) .| (v .== Block(repeating: 0x0D)))
        }

        /// The first lane set in `m`, or nil.
        @inline(__always) static func firstLane(_ m: Lanes) -> Int? {
            let words = unsafeBitCast(m, to: SIMD2<UInt64>.self)
            if words[0] != 0 { return words[0].trailingZeroBitCount &>> 3 }
            if words[1] != 0 { return 8 &+ words[1].trailingZeroBitCount &>> 3 }
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
                textFollowsMarkup = true
            } else if c == UInt8(ascii: "/") {
                guard p + 2 < n else { throw Unsure() }
                if isNameStart(b[p + 2]) {
                    p = try endTag(from: p).end
                    textFollowsMarkup = true
                } else {
                    p += 2  // libxml2 drops "</" and reads on as text
                }
            } else if c == UInt8(ascii: "!") {
                if p + 3 < n, b[p + 2] == UInt8(ascii: "-"), b[p + 3] == UInt8(ascii: "-") {
                    try comment()
                    inProlog = wasProlog
                    textFollowsMarkup = !wasProlog
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
                    textFollowsMarkup = !wasProlog
                } else if d < 0x80 {
                    p += 2  // no target: libxml2 drops "<?" and reads on as text
                } else {
                    throw Unsure()
                }
                inProlog = wasProlog
            } else {
                p += 1  // '<' before anything else is text
            }
        }

        /// An end tag at `start` (`</` + name byte): libxml2 reads its name and skips to the first '>'.
        func endTag(from start: Int) throws(Unsure) -> (end: Int, nameLength: Int) {
            let i = nameEnd(from: start + 2)
            guard let gt = try next(UInt8(ascii: ">"), from: i) else { throw Unsure() }
            return (gt + 1, i - start - 2)
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
            let word: StaticString = "DOCTYPE"
            for k in 0..<7 where b[p + 2 + k] & 0xDF != word.utf8Start[k] { return false }
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

        /// The end of the name bytes (`isNameByte`) from `start`.
        @inline(__always) func nameEnd(from start: Int) -> Int {
            var i = start
            while n - i >= 16 {
                let v = block(at: i)
                let letter = ((v | Block(repeating: 0x20)) &- Block(repeating: 0x61)) .< Block(repeating: 26)
                // '-', '.', '/', '0'-'9', ':' but '/'.
                let punctuationOrDigit = ((v &- Block(repeating: 0x2D)) .< Block(repeating: 14)) .& (v .!= Block(repeating: 0x2F))
                let name = letter .| punctuationOrDigit .| (v .== Block(repeating: 0x5F))
                if let k = Self.firstLane(.!name) { return i + k }
                i += 16
            }
            while i < n, isNameByte(b[i]) { i += 1 }
            return i
        }

        @inline(__always) mutating func skipBlanks() {
            while p < n, isBlank(b[p]) { p += 1 }
        }

        /// A start tag (`<` + letter), as `htmlParseStartTag` reads it, written out again with only
        /// the attributes stages read: `<name` + ` _` (the marker, when some value is lifted) + the
        /// attributes left to libxml2 + `>` or `/>`. Blanks, junk and every other attribute are left
        /// out. A tag we are not sure of is copied as it is.
        mutating func startTag() throws(Unsure) {
            let tagStart = p
            p += 1
            let nameStart = p
            p = nameEnd(from: p)
            let nameEnd = p
            let nameLength = nameEnd - nameStart
            // libxml2 cuts names at 100 bytes and reads the rest as something else.
            guard nameLength < 100 else { throw Unsure() }
            // libxml2 reads a <meta>'s charset from its values, and drops misplaced <html>, <head>
            // and <body> without a SAX event: leave their values there.
            let isUncounted =
                (nameLength == 4 && (matchesIgnoringCase(nameStart, "html") || matchesIgnoringCase(nameStart, "head")
                    || matchesIgnoringCase(nameStart, "body")))
            let keepsValues = isUncounted || (nameLength == 4 && matchesIgnoringCase(nameStart, "meta"))
            seen = 0
            keptCount = 0
            var attributeCount = 0
            var hasLifted = false
            while true {
                skipBlanks()
                guard p < n else { throw Unsure() }
                let c = b[p]
                if c == UInt8(ascii: ">") || (c == UInt8(ascii: "/") && p + 1 < n && b[p + 1] == UInt8(ascii: ">")) {
                    let tagEnd = c == UInt8(ascii: "/") ? p + 2 : p + 1
                    // libxml2 reads a <meta>'s charset from `charset`, or `content` next to `http-equiv`:
                    // without either, its values go like any tag's.
                    if keepsValues && !isUncounted
                        && !(0..<keptCount).contains(where: { kept[$0].id == 0 || kept[$0].id == HTMLAttribute.httpEquiv.rawValue })
                    {
                        for k in 0..<keptCount where !kept[k].hasEntity {
                            kept[k].lifted = true
                            hasLifted = true
                        }
                    }
                    if attributeCount > 0 { try rewrite(tagStart, nameEnd, end: p..<tagEnd, marker: hasLifted) }
                    if keptCount != 0 && !isUncounted { tagsWithAttributes += 1 }
                    if hasLifted {
                        for k in kept[..<keptCount] { lifted.entries.append((k.lifted ? k.id : -1, k.value)) }
                        lifted.tags.append(tagsWithAttributes)
                        lifted.entryEnds.append(lifted.entries.count)
                    }
                    p = tagEnd
                    if c != UInt8(ascii: "/") {  // self-closed, even <script/>
                        if nameLength == 6 && matchesIgnoringCase(nameStart, "script") {
                            try rawText(nameLength)
                        } else if nameLength == 5 && matchesIgnoringCase(nameStart, "style") {
                            try rawText(nameLength)
                        }
                    }
                    return
                }
                if c < 0x20 { throw Unsure() }
                if isNameStart(c) {
                    attributeCount += 1
                    if try attribute(keepsValues: keepsValues, dropping: attributeCount > UnreadAttributeValues.maxAttributesPerTag) {
                        hasLifted = true
                    }
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
                            p += try width(at: p)
                        }
                    }
                }
            }
        }

        /// Writes the start tag at `tagStart` again: its name, the marker, the `kept` attributes that
        /// libxml2 reads (as they stand, a blank before each unless a quoted value ends what precedes
        /// it, as in `a="1"b="2"`), and `end`. Throws when that would not fit where the tag stood.
        @inline(__always) mutating func rewrite(_ tagStart: Int, _ nameEnd: Int, end: Range<Int>, marker: Bool) throws(Unsure) {
            var length = nameEnd - tagStart + end.count + (marker ? 2 : 0)
            var afterQuote = false
            for k in kept[..<keptCount] where !k.lifted {
                length += k.bytes.count + (afterQuote ? 0 : 1)
                afterQuote = k.quoted
            }
            if end.count == 2 && !afterQuote { length += 1 }
            guard written + (tagStart - copied) + length <= end.upperBound else { throw Unsure() }
            copy(upTo: nameEnd)
            if marker {
                out[written] = UInt8(ascii: " ")
                out[written + 1] = UInt8(ascii: "_")
                written += 2
            }
            afterQuote = false
            for k in kept[..<keptCount] where !k.lifted {
                if !afterQuote {
                    out[written] = UInt8(ascii: " ")
                    written += 1
                }
                (out + written).update(from: b + k.bytes.lowerBound, count: k.bytes.count)
                written += k.bytes.count
                afterQuote = k.quoted
            }
            // An unquoted value would take the '/' of "/>" (`a=x />`).
            if end.count == 2 && !afterQuote {
                out[written] = UInt8(ascii: " ")
                written += 1
            }
            copied = end.lowerBound
        }

        /// One `name`, `name=value`, `name="value"` or `name='value'` at `p`, noted in `kept` when it is
        /// the first of a looked-up name (`HTMLAttribute` or `charset`) and not `dropping`; true when
        /// its value is lifted (no entity in it, and neither `charset` nor a `keepsValues` tag).
        mutating func attribute(keepsValues: Bool, dropping: Bool) throws(Unsure) -> Bool {
            let nameStart = p
            p = nameEnd(from: p)
            let nameLength = p - nameStart
            guard nameLength < 100 else { throw Unsure() }
            var id: Int32? = nil
            if !dropping, let known = lookUp(nameStart, nameLength) {
                let bit: UInt64 = 1 << UInt64(known & 63)
                if seen & bit == 0 {  // (a repeat: libxml2 drops it)
                    seen |= bit
                    id = known
                }
            }
            let value = try readValue()
            guard let id else { return false }
            let valueRange = value?.range ?? p..<p
            let hasEntity = value?.hasEntity ?? false
            let lift = !keepsValues && id != 0 && !hasEntity
            // Without a value, `p` is past the blanks after the name.
            let end = value == nil ? nameStart + nameLength : p
            kept[keptCount] =
                Kept(id: id, lifted: lift, hasEntity: hasEntity, bytes: nameStart..<end, value: valueRange, quoted: end == valueRange.upperBound + 1)
            keptCount += 1
            return lift
        }

        /// After an attribute's name: past its blanks, `=` and value, the value's range (inside the
        /// quotes when quoted) and whether it holds a `&`; nil when no `=` follows (`p` is then past
        /// the blanks).
        @inline(__always) mutating func readValue() throws(Unsure) -> (range: Range<Int>, hasEntity: Bool)? {
            skipBlanks()
            guard p < n else { throw Unsure() }
            guard b[p] == UInt8(ascii: "=") else { return nil }  // no value
            p += 1
            skipBlanks()
            guard p < n else { throw Unsure() }
            let q = b[p]
            let amp = UInt8(ascii: "&")
            let amps = Block(repeating: amp)
            var hasEntity = false
            if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                // Quoted: the value ends at the same quote (or a NUL, where we stop); as `next(strict:)`
                // but noting a '&' on the way.
                let quotes = Block(repeating: q)
                let start = p + 1
                var i = start
                while true {
                    while n - i >= 16 {
                        let v = block(at: i)
                        let m = (v .== quotes) .| (v .== amps) .| Self.controlsOrNonASCII(v)
                        if let k = Self.firstLane(m) {
                            i += k
                            break
                        }
                        i += 16
                    }
                    guard i < n else { throw Unsure() }
                    let c = b[i]
                    if c == q { break }
                    if c == amp {
                        hasEntity = true
                        i += 1
                    } else if c < 0x20 {
                        guard isBlank(c) else { throw Unsure() }
                        i += 1
                    } else if c < 0x80 {
                        i += 1
                    } else {
                        i += try width(at: i)
                    }
                }
                p = i + 1
                return (start..<i, hasEntity)
            }
            // Unquoted: the value ends at a blank or '>'.
            let start = p
            let gts = Block(repeating: UInt8(ascii: ">"))
            while true {
                // Blocks without a blank, '>', '&', control character or non-ASCII byte pass whole.
                while n - p >= 16 {
                    let v = block(at: p)
                    let m = Self.signedBelow(v, 0x21) .| (v .== gts) .| (v .== amps)
                    if let k = Self.firstLane(m) {
                        p += k
                        break
                    }
                    p += 16
                }
                guard p < n else { throw Unsure() }
                let d = b[p]
                if isBlank(d) || d == UInt8(ascii: ">") { break }
                if d < 0x20 { throw Unsure() }
                if d == amp { hasEntity = true }
                if d < 0x80 {
                    p += 1
                } else {
                    p += try width(at: p)
                }
            }
            return (start..<p, hasEntity)
        }

        /// The id of a looked-up attribute name at `start` (see `NameTable.id`).
        @inline(__always) func lookUp(_ start: Int, _ count: Int) -> Int32? {
            if n - start >= 16 { return names.id(b + start, count) }
            // Near the end of the page: look the name up from a padded copy.
            guard count <= 16 else { return nil }
            var padded = [UInt8](repeating: 0, count: 16)
            for k in 0..<count { padded[k] = b[start + k] }
            return padded.withUnsafeBufferPointer { names.id($0.baseAddress!, count) }
        }

        /// Skips a script or style body: it ends at the first `</` + the element's name in any
        /// case (recovery mode), at an end tag that closes the element only when its whole name
        /// matches; any other end tag there is skipped and the body goes on.
        mutating func rawText(_ nameLength: Int) throws(Unsure) {
            let name: StaticString = nameLength == 6 ? "script" : "style"
            let bodyStart = p
            var from = p
            var wholeBody = true
            while true {
                guard let lt = try next(UInt8(ascii: "<"), from: from, strict: true) else { throw Unsure() }
                guard lt + 2 + nameLength <= n else { throw Unsure() }
                if b[lt + 1] == UInt8(ascii: "/"), matchesIgnoringCase(lt + 2, name) {
                    let tag = try endTag(from: lt)
                    p = tag.end
                    if tag.nameLength == nameLength {
                        // A body libxml2 delivers whole (up to its own end tag) goes like a text run.
                        if liftingText, wholeBody, lt - bodyStart > 3 {
                            lift(bodyStart..<lt, Placeholder.lead, Placeholder.second,
                                 Placeholder.thirdBase &+ UInt8(truncatingIfNeeded: lifted.texts.count & 31))
                        }
                        return
                    }
                    wholeBody = false
                    from = p
                } else {
                    from = lt + 1
                }
            }
        }

        /// Whether the bytes at `at` are `lower` in any case (ASCII letters only).
        @inline(__always) func matchesIgnoringCase(_ at: Int, _ lower: StaticString) -> Bool {
            for k in 0..<lower.utf8CodeUnitCount where b[at + k] | 0x20 != lower.utf8Start[k] { return false }
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

/// A shell-style file-name pattern (`*.html`, `page-??.htm`, `*.[ch]tml`), matched on bytes.
///
/// Our own small matcher rather than a regex: `*` any run of bytes, `?` one character, `[abc]`,
/// `[a-z]` and `[!x]` (or `[^x]`) one character of a set, `\` escapes the next byte. Patterns
/// apply to a file's name, never its folder, so `*` needs no special case for `/`.
public struct GlobPattern: Sendable, Equatable {
    public let pattern: String
    /// ASCII case-insensitive matching (for the default extension list: `PAGE.HTML` is a page too).
    public let ignoresCase: Bool
    private let bytes: [UInt8]

    public init(_ pattern: String, ignoresCase: Bool = false) {
        self.pattern = pattern
        self.ignoresCase = ignoresCase
        self.bytes = Array(pattern.utf8).map { ignoresCase ? Self.lower($0) : $0 }
    }

    /// True when the whole of `name` matches the pattern.
    public func matches(_ name: String) -> Bool {
        let subject = Array(name.utf8).map { ignoresCase ? Self.lower($0) : $0 }
        // Iterative matching with one backtrack point for the last `*`: linear for the usual
        // patterns and never exponential, whatever the name.
        var p = 0
        var s = 0
        var starP = -1
        var starS = 0
        while s < subject.count {
            if p < bytes.count {
                switch bytes[p] {
                case UInt8(ascii: "*"):
                    starP = p
                    starS = s
                    p += 1
                    continue
                case UInt8(ascii: "?"):
                    p += 1
                    s += Self.characterLength(subject, at: s)
                    continue
                case UInt8(ascii: "["):
                    if let (matched, next) = matchSet(at: p, subject: subject, s: s) {
                        if matched {
                            p = next
                            s += Self.characterLength(subject, at: s)
                            continue
                        }
                    } else if subject[s] == UInt8(ascii: "[") {
                        // An unterminated `[` is a literal bracket.
                        p += 1
                        s += 1
                        continue
                    }
                case UInt8(ascii: "\\") where p + 1 < bytes.count:
                    if bytes[p + 1] == subject[s] {
                        p += 2
                        s += 1
                        continue
                    }
                case let literal:
                    if literal == subject[s] {
                        p += 1
                        s += 1
                        continue
                    }
                }
            }
            // Mismatch: let the last `*` swallow one more byte, or fail.
            guard starP >= 0 else { return false }
            starS += 1
            s = starS
            p = starP + 1
        }
        while p < bytes.count && bytes[p] == UInt8(ascii: "*") { p += 1 }
        return p == bytes.count
    }

    /// Matches the bracket expression starting at `bytes[p]` against the character at `subject[s]`;
    /// nil when the bracket is not closed.
    private func matchSet(at p: Int, subject: [UInt8], s: Int) -> (Bool, Int)? {
        var i = p + 1
        var negated = false
        if i < bytes.count && (bytes[i] == UInt8(ascii: "!") || bytes[i] == UInt8(ascii: "^")) {
            negated = true
            i += 1
        }
        let length = Self.characterLength(subject, at: s)
        let character = Array(subject[s..<min(subject.count, s + length)])
        var found = false
        var first = true
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "]") && !first { return (found != negated, i + 1) }
            first = false
            let startLength = Self.characterLength(bytes, at: i)
            let start = Array(bytes[i..<min(bytes.count, i + startLength)])
            i += startLength
            if i + 1 < bytes.count && bytes[i] == UInt8(ascii: "-") && bytes[i + 1] != UInt8(ascii: "]") {
                let endLength = Self.characterLength(bytes, at: i + 1)
                let end = Array(bytes[(i + 1)..<min(bytes.count, i + 1 + endLength)])
                i += 1 + endLength
                // Byte-wise comparison orders UTF-8 sequences like their scalars.
                if !character.lexicographicallyPrecedes(start) && !end.lexicographicallyPrecedes(character) {
                    found = true
                }
            } else if start == character {
                found = true
            }
        }
        return nil
    }

    /// The byte length of the UTF-8 character at `i` (1 for stray or ASCII bytes).
    private static func characterLength(_ bytes: [UInt8], at i: Int) -> Int {
        guard i < bytes.count else { return 1 }
        let b = bytes[i]
        let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1
        return min(length, bytes.count - i)
    }

    private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }
}

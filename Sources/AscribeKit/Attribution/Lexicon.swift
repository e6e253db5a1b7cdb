// The attribution lexicons (Data/lexicons/*.tsv, embedded by scripts/embed-data), parsed once into
// hash tables keyed by the FNV hashes of WordTokenizer, so matching never builds a String.

/// Phrases keyed by their first word; `longestMatch` tries the longest first.
///
/// Stored flat (one word array, one entry array, tables from words to entries) so a lookup
/// touches no nested arrays: lookups run for nearly every token. Phrases of two words or more
/// are chained under their first two words, one-word phrases kept apart: a common first word
/// ("in", "the", "former") starts dozens of phrases, and walking all of them for every such
/// token was most of the sentence scan.
struct PhraseTable: Sendable {
    private struct Entry: Sendable {
        var wordStart: Int32
        var length: Int32
        var value: Int32
    }

    private var words: [UInt64] = []
    private var entries: [Entry] = []
    /// First two words → the longest entry of two words or more starting with them; `next`
    /// chains those entries, longest first (equal lengths in insertion order). Integers only,
    /// so a lookup retains no array.
    private var byFirstTwo = WordHashTable<Int32>()
    private var next: [Int32] = []
    /// One-word phrases: the word → the first such entry.
    private var single = WordHashTable<Int32>()
    /// The first words, so most tokens (which start no phrase) are turned away by one bit test.
    private var firstWords = WordHashFilter(bits: 12)

    /// Key of a phrase's first two words (never 0, the table's empty key). Two pairs may share a
    /// key: a lookup compares every word anyway.
    @inline(__always) static func pairKey(_ first: UInt64, _ second: UInt64) -> UInt64 {
        let key = (first &* 0x9E37_79B9_7F4A_7C15) ^ second
        return key == 0 ? 1 : key
    }

    mutating func insert(_ phrase: String, value: Int) {
        let hashes = Lexicon.wordHashes(phrase)
        // (A first word hashing to 0 could not be a table key: such a phrase never matched.)
        guard let first = hashes.first, first != 0 else { return }
        firstWords.insert(first)
        let new = Int32(entries.count)
        entries.append(Entry(wordStart: Int32(words.count), length: Int32(hashes.count), value: Int32(value)))
        words.append(contentsOf: hashes)
        next.append(-1)
        if hashes.count == 1 {
            if single[first] == nil { single[first] = new }
            return
        }
        let key = PhraseTable.pairKey(first, hashes[1])
        // After every entry at least as long.
        guard let head = byFirstTwo[key], entries[Int(head)].length >= Int32(hashes.count) else {
            next[Int(new)] = byFirstTwo[key] ?? -1
            byFirstTwo[key] = new
            return
        }
        var at = head
        while next[Int(at)] >= 0 && entries[Int(next[Int(at)])].length >= Int32(hashes.count) { at = next[Int(at)] }
        next[Int(new)] = next[Int(at)]
        next[Int(at)] = new
    }

    /// The longest phrase starting at `tokens[index]`: (payload, token count).
    func longestMatch(_ tokens: [WordToken], at index: Int) -> (value: Int, length: Int)? {
        guard index < tokens.count else { return nil }
        let first = tokens[index].hash
        guard firstWords.mayContain(first) else { return nil }
        // Every phrase of two words or more is longer than any one-word phrase: those first.
        if index + 1 < tokens.count, var e = byFirstTwo[PhraseTable.pairKey(first, tokens[index + 1].hash)] {
            while e >= 0 {
                let entry = entries[Int(e)]
                e = next[Int(e)]
                let length = Int(entry.length)
                guard index + length <= tokens.count else { continue }
                let start = Int(entry.wordStart)
                var k = 0
                while k < length && tokens[index + k].hash == words[start + k] { k += 1 }
                if k == length { return (Int(entry.value), length) }
            }
        }
        if let e = single[first] { return (Int(entries[Int(e)].value), 1) }
        return nil
    }

    func contains(_ tokens: [WordToken], at index: Int) -> Bool { longestMatch(tokens, at: index) != nil }

    /// Calls `body` with the hash of every phrase's first word (once per phrase).
    func forEachFirstWord(_ body: (UInt64) -> Void) {
        for entry in entries { body(words[Int(entry.wordStart)]) }
    }

    /// Calls `oneWord` with the word of every one-word phrase and `twoWords` with the
    /// `pairKey` of the first two words of every longer phrase: a match at a token needs one
    /// or the other.
    func forEachStart(oneWord: (UInt64) -> Void, twoWords: (UInt64) -> Void) {
        for entry in entries {
            let start = Int(entry.wordStart)
            if entry.length == 1 { oneWord(words[start]) } else { twoWords(PhraseTable.pairKey(words[start], words[start + 1])) }
        }
    }
}

/// The class of a cue verb (Data/lexicons/cue-verbs.tsv).
enum CueClass: String, Sendable {
    case speech, mental, stance, report, document, perception
}

struct CueVerb: Sendable {
    var lemma: String
    /// `WordTokenizer.hash(lemma)`, for the bare-base-form test of every cue.
    var lemmaHash: UInt64
    var cueClass: CueClass
    /// Style guides flag it as non-neutral ("claimed", "admitted", "slammed").
    var loaded: Bool
}

/// A news outlet or agency (Data/lexicons/outlets.tsv).
public struct Outlet: Sendable, Equatable {
    public var name: String
    public var country: String
    public var type: String
    /// "state-controlled", "state-funded-independent" or "no".
    public var stateAffiliation: String
    public var citation: String
    public var isStateControlled: Bool { stateAffiliation == "state-controlled" }
}

/// Every lexicon the attribution stage uses.
struct Lexicon: Sendable {
    var cueVerbs = WordHashTable<CueVerb>()
    var cueNouns = WordHashTable<String>()
    var cuePhrases = PhraseTable()
    var cuePhraseKinds: [String] = []
    var sourcePhrases = PhraseTable()
    /// "vague" or "anonymous", indexed by `sourcePhrases` payload.
    var sourcePhraseKinds: [String] = []
    var titles = PhraseTable()
    var titleKinds: [String] = []
    var organisations = PhraseTable()
    var organisationKinds: [String] = []
    var outlets: [Outlet] = []
    var outletNames = PhraseTable()
    var pronouns = WordHashTable<String>()
    var hedges = PhraseTable()
    /// Names of states and capitals that stand for a government when they are the whole source.
    var stateNames = PhraseTable()
    var stateNameTexts: Set<String> = []
    /// Words that make a capitalised run no person's name — a place, event, law, body, group or
    /// party label ("Wall Street", "Golf Club", "African Americans", "San Diego"): as its last
    /// word, or as its first (`non-person-words.tsv`).
    var nonPersonLastWords = WordHashTable<Bool>()
    var nonPersonFirstWords = WordHashTable<Bool>()
    /// Plurals that name a group of people ("Americans", "Republicans", "voters"): last words
    /// that are not a person's, and as a whole source an unnamed group.
    var groupWords = WordHashTable<Bool>()
    /// Gender told by a name's first word ("Hillary") or by a word of a person's role ("Mr.",
    /// "spokeswoman"), for the pronouns "he" and "she".
    var givenNameGenders = WordHashTable<PersonGender>()
    var titleGenders = WordHashTable<PersonGender>()
    /// Cue verbs, cue nouns and one-word cue phrases, and (`cuePairFilter`) the first two words
    /// of longer cue phrases: the sentence scan asks those three tables only about a token that
    /// passes one or, with the token after it, the other ("in", "was", "on" start dozens of cue
    /// phrases but are rarely followed by one's second word).
    var cueFilter = WordHashFilter(bits: 16)
    var cuePairFilter = WordHashFilter(bits: 16)
    /// First words of titles, vague-source phrases and organisations: the noun-phrase test asks
    /// those three tables only about a token that passes.
    var nounPhraseFilter = WordHashFilter(bits: 16)
    /// The first two words of those tables' phrases of two words or more: a phrase that runs on
    /// past its first word needs them ("prime minister", "people familiar").
    var nounPhrasePairFilter = WordHashFilter(bits: 16)

    /// Parsed on first use from the embedded data.
    static let shared: Lexicon = Lexicon(files: EmbeddedLexicons.files)

    init(files: [(name: String, text: String)]) {
        for (name, text) in files {
            for row in Lexicon.rows(text) {
                switch name {
                case "cue-verbs.tsv":
                    guard row.count >= 4 else { continue }
                    let verb = CueVerb(lemma: row[0], lemmaHash: WordTokenizer.hash(row[0]), cueClass: CueClass(rawValue: row[1]) ?? .speech, loaded: row[2] == "yes")
                    for form in Lexicon.commaList(row[3]) where !form.isEmpty { cueVerbs[WordTokenizer.hash(form)] = verb }
                    cueVerbs[WordTokenizer.hash(row[0])] = verb
                case "cue-nouns.tsv":
                    guard row.count >= 2 else { continue }
                    // The file lists singulars; plurals ("statements", "replies") are derived.
                    for form in Lexicon.nounForms(row[0]) { cueNouns[WordTokenizer.hash(form)] = row[1] }
                case "cue-phrases.tsv":
                    guard row.count >= 2 else { continue }
                    cuePhrases.insert(row[0], value: cuePhraseKinds.count)
                    cuePhraseKinds.append(row[1])
                case "vague-sources.tsv":
                    guard row.count >= 2 else { continue }
                    sourcePhrases.insert(row[0], value: sourcePhraseKinds.count)
                    sourcePhraseKinds.append(row[1])
                case "titles.tsv":
                    guard row.count >= 2 else { continue }
                    titles.insert(row[0], value: titleKinds.count)
                    titleKinds.append(row[1])
                case "organisations.tsv":
                    guard row.count >= 2 else { continue }
                    organisations.insert(row[0], value: organisationKinds.count)
                    organisationKinds.append(row[1])
                case "outlets.tsv":
                    guard row.count >= 6 else { continue }
                    let outlet = Outlet(name: row[0], country: row[2], type: row[3], stateAffiliation: row[4], citation: row[5])
                    var names = Set([row[0]])
                    for alias in Lexicon.commaList(row[1]) { names.insert(alias) }
                    for alias in names where !alias.isEmpty { outletNames.insert(alias, value: outlets.count) }
                    outlets.append(outlet)
                case "pronouns.tsv":
                    guard row.count >= 2 else { continue }
                    pronouns[WordTokenizer.hash(row[0])] = row[1]
                case "hedges.tsv":
                    guard row.count >= 1 else { continue }
                    hedges.insert(row[0], value: 0)
                case "state-names.tsv":
                    guard row.count >= 2 else { continue }
                    stateNames.insert(row[0], value: 0)
                    stateNameTexts.insert(row[0])
                case "non-person-words.tsv":
                    guard row.count >= 2 else { continue }
                    let hash = WordTokenizer.hash(row[0])
                    if row[1] == "first" { nonPersonFirstWords[hash] = true } else { nonPersonLastWords[hash] = true }
                    if row[1] == "group" { groupWords[hash] = true }
                case "gender-words.tsv":
                    guard row.count >= 3, let gender = PersonGender(rawValue: row[1]) else { continue }
                    if row[2] == "title" { titleGenders[WordTokenizer.hash(row[0])] = gender } else { givenNameGenders[WordTokenizer.hash(row[0])] = gender }
                default:
                    continue
                }
            }
        }
        var filter = WordHashFilter(bits: 16)
        cueVerbs.forEachKey { filter.insert($0) }
        cueNouns.forEachKey { filter.insert($0) }
        var pairs = WordHashFilter(bits: 16)
        cuePhrases.forEachStart(oneWord: { filter.insert($0) }, twoWords: { pairs.insert($0) })
        cueFilter = filter
        cuePairFilter = pairs
        var nounPhrase = WordHashFilter(bits: 16)
        titles.forEachFirstWord { nounPhrase.insert($0) }
        sourcePhrases.forEachFirstWord { nounPhrase.insert($0) }
        organisations.forEachFirstWord { nounPhrase.insert($0) }
        nounPhraseFilter = nounPhrase
        var nounPhrasePairs = WordHashFilter(bits: 16)
        for table in [titles, sourcePhrases, organisations] {
            table.forEachStart(oneWord: { _ in }, twoWords: { nounPhrasePairs.insert($0) })
        }
        nounPhrasePairFilter = nounPhrasePairs
    }

    /// A noun and its regular plural.
    static func nounForms(_ noun: String) -> [String] {
        guard let last = noun.last, !noun.contains(" ") else { return [noun] }
        if noun.hasSuffix("s") || noun.hasSuffix("x") || noun.hasSuffix("ch") || noun.hasSuffix("sh") { return [noun, noun + "es"] }
        if last == "y", let before = noun.dropLast().last, !"aeiou".contains(before) { return [noun, String(noun.dropLast()) + "ies"] }
        return [noun, noun + "s"]
    }

    /// Data rows: tab-separated fields; blank lines and `#` comments skipped.
    ///
    /// Split on UTF-8 bytes: splitting by Characters and trimming scalar by scalar made parsing
    /// the embedded lexicons about 45 ms of every `ascribe` start. Same rows: a line feed or a
    /// tab is a Character of its own (a line feed after a carriage return is not: text holding
    /// a carriage return takes the Character path), and trimming removes ASCII bytes only.
    static func rows(_ text: String) -> [[String]] {
        var text = text
        if text.utf8.contains(0x0D) { return characterRows(text) }
        return text.withUTF8 { p -> [[String]] in
            var out: [[String]] = []
            let n = p.count
            var i = 0
            while i < n {
                var end = i
                while end < n && p[end] != 0x0A { end += 1 }
                let line = UnsafeBufferPointer(rebasing: p[i..<end])
                i = end + 1
                if line.isEmpty || line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
                if line[0] == 0x23 {
                    // "#" then a non-ASCII byte may be one Character with a combining mark.
                    if line.count == 1 || line[1] < 0x80 || String(decoding: line, as: UTF8.self).hasPrefix("#") { continue }
                }
                var fields: [String] = []
                var start = 0
                while true {
                    var stop = start
                    while stop < line.count && line[stop] != 0x09 { stop += 1 }
                    var lo = start
                    var hi = stop
                    while lo < hi && (line[lo] == 0x20 || line[lo] == 0x0D) { lo += 1 }
                    while hi > lo && (line[hi - 1] == 0x20 || line[hi - 1] == 0x0D) { hi -= 1 }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: line[lo..<hi]), as: UTF8.self))
                    if stop == line.count { break }
                    start = stop + 1
                }
                out.append(fields)
            }
            return out
        }
    }

    /// The items of a comma-separated field, trimmed: `field.split(separator: ",")` with each
    /// piece's `trimmingSpaces`, on bytes (splitting by Characters was most of what remained
    /// of the lexicon parse). A comma next to a non-ASCII byte may belong to a Character with a
    /// mark or a prepended sign: such a field goes by Characters.
    static func commaList(_ field: String) -> [String] {
        let bytes = Array(field.utf8)
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x2C && ((k > 0 && bytes[k - 1] >= 0x80) || (k + 1 < bytes.count && bytes[k + 1] >= 0x80)) {
                return field.split(separator: ",").map { $0.trimmingSpaces }
            }
            k += 1
        }
        var out: [String] = []
        var start = 0
        while start <= bytes.count {
            var stop = start
            while stop < bytes.count && bytes[stop] != 0x2C { stop += 1 }
            // Empty pieces are omitted, as `split` omits them (before trimming).
            if stop > start {
                var lo = start
                var hi = stop
                while lo < hi && (bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0D) { lo += 1 }
                while hi > lo && (bytes[hi - 1] == 0x20 || bytes[hi - 1] == 0x09 || bytes[hi - 1] == 0x0D) { hi -= 1 }
                out.append(String(decoding: bytes[lo..<hi], as: UTF8.self))
            }
            start = stop + 1
        }
        return out
    }

    /// `rows` by Characters, for text holding a carriage return.
    static func characterRows(_ text: String) -> [[String]] {
        var out: [[String]] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            out.append(line.split(separator: "\t", omittingEmptySubsequences: false).map { $0.trimmingSpaces })
        }
        return out
    }

    /// Hashes of the words of a phrase, tokenised exactly like article text.
    static func wordHashes(_ phrase: String) -> [UInt64] {
        var phrase = phrase
        return phrase.withUTF8 { p in WordTokenizer.tokens(p, in: 0..<p.count).map(\.hash) }
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    /// (On UTF-8 bytes: the three are ASCII, so the bytes kept are the scalars kept.)
    var trimmingSpaces: String {
        let bytes = utf8
        var lo = bytes.startIndex
        let end = bytes.endIndex
        while lo < end, bytes[lo] == 0x20 || bytes[lo] == 0x09 || bytes[lo] == 0x0D { lo = bytes.index(after: lo) }
        // Forward to the last byte kept (the view need not walk backwards).
        var hi = lo
        var k = lo
        while k < end {
            let b = bytes[k]
            k = bytes.index(after: k)
            if b != 0x20 && b != 0x09 && b != 0x0D { hi = k }
        }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

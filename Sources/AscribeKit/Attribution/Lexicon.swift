// The attribution lexicons (Data/lexicons/*.tsv, embedded by scripts/embed-data), parsed once into
// hash tables keyed by the FNV hashes of WordTokenizer, so matching never builds a String.

/// Phrases keyed by their first word; `longestMatch` tries the longest first.
///
/// Stored flat (one word array, one entry array, a table from first word to its entries) so a
/// lookup touches no nested arrays: lookups run for nearly every token.
struct PhraseTable: Sendable {
    private struct Entry: Sendable {
        var wordStart: Int32
        var length: Int32
        var value: Int32
    }

    private var words: [UInt64] = []
    private var entries: [Entry] = []
    /// First word → its longest entry; `next` chains the entries of one first word, longest first
    /// (equal lengths in insertion order). Integers only, so a lookup retains no array.
    private var byFirstWord = WordHashTable<Int32>()
    private var next: [Int32] = []

    mutating func insert(_ phrase: String, value: Int) {
        let hashes = Lexicon.wordHashes(phrase)
        guard let first = hashes.first else { return }
        let new = Int32(entries.count)
        entries.append(Entry(wordStart: Int32(words.count), length: Int32(hashes.count), value: Int32(value)))
        words.append(contentsOf: hashes)
        next.append(-1)
        // After every entry at least as long.
        guard let head = byFirstWord[first], entries[Int(head)].length >= Int32(hashes.count) else {
            next[Int(new)] = byFirstWord[first] ?? -1
            byFirstWord[first] = new
            return
        }
        var at = head
        while next[Int(at)] >= 0 && entries[Int(next[Int(at)])].length >= Int32(hashes.count) { at = next[Int(at)] }
        next[Int(new)] = next[Int(at)]
        next[Int(at)] = new
    }

    /// The longest phrase starting at `tokens[index]`: (payload, token count).
    func longestMatch(_ tokens: [WordToken], at index: Int) -> (value: Int, length: Int)? {
        guard index < tokens.count, var e = byFirstWord[tokens[index].hash] else { return nil }
        while e >= 0 {
            let entry = entries[Int(e)]
            e = next[Int(e)]
            let length = Int(entry.length)
            guard index + length <= tokens.count else { continue }
            let start = Int(entry.wordStart)
            var k = 1
            while k < length && tokens[index + k].hash == words[start + k] { k += 1 }
            if k == length { return (Int(entry.value), length) }
        }
        return nil
    }

    func contains(_ tokens: [WordToken], at index: Int) -> Bool { longestMatch(tokens, at: index) != nil }
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

    /// Parsed on first use from the embedded data.
    static let shared: Lexicon = Lexicon(files: EmbeddedLexicons.files)

    init(files: [(name: String, text: String)]) {
        for (name, text) in files {
            for row in Lexicon.rows(text) {
                switch name {
                case "cue-verbs.tsv":
                    guard row.count >= 4 else { continue }
                    let verb = CueVerb(lemma: row[0], lemmaHash: WordTokenizer.hash(row[0]), cueClass: CueClass(rawValue: row[1]) ?? .speech, loaded: row[2] == "yes")
                    for form in row[3].split(separator: ",") {
                        let form = form.trimmingSpaces
                        if !form.isEmpty { cueVerbs[WordTokenizer.hash(form)] = verb }
                    }
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
                    for alias in row[1].split(separator: ",") { names.insert(alias.trimmingSpaces) }
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
                default:
                    continue
                }
            }
        }
    }

    /// A noun and its regular plural.
    static func nounForms(_ noun: String) -> [String] {
        guard let last = noun.last, !noun.contains(" ") else { return [noun] }
        if noun.hasSuffix("s") || noun.hasSuffix("x") || noun.hasSuffix("ch") || noun.hasSuffix("sh") { return [noun, noun + "es"] }
        if last == "y", let before = noun.dropLast().last, !"aeiou".contains(before) { return [noun, String(noun.dropLast()) + "ies"] }
        return [noun, noun + "s"]
    }

    /// Data rows: tab-separated fields; blank lines and `#` comments skipped.
    static func rows(_ text: String) -> [[String]] {
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
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        var lo = scalars.startIndex
        var hi = scalars.endIndex
        while lo < hi, scalars[lo] == " " || scalars[lo] == "\t" || scalars[lo] == "\r" { lo = scalars.index(after: lo) }
        while hi > lo {
            let before = scalars.index(before: hi)
            guard scalars[before] == " " || scalars[before] == "\t" || scalars[before] == "\r" else { break }
            hi = before
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[lo..<hi])
        return String(out)
    }
}

// Ties source mentions ("she", "the ambassador", "Halperin", "His") to the named entity the article
// introduced earlier, with the role it gave it ("Israel's ambassador to Russia, Simona Halperin",
// "Russian Foreign Minister Sergei Lavrov").

/// A named entity introduced in the text. Ranges, not strings: most entities are never asked
/// for, so their text is made only when a mention resolves to them.
struct NamedEntity: Sendable {
    /// Token range of the name's first mention (its word hashes match later surname-only mentions).
    var name: Range<Int>
    /// UTF-8 byte range of the role the article gives it.
    var role: Range<Int>?
    var kind: SourceKind
    /// First byte of its first mention.
    var position: Int
    /// Known from its first name, its role or an honorific; nil when none tells.
    var gender: PersonGender?
    /// Named with an honorific or abbreviated title ("Mr. Kamin", "Sen. Cruz"): a person even
    /// when only the surname is given.
    var titled = false
    /// Words in the name.
    var wordCount: Int { name.count }
}

/// A person's gender as a name or a title tells it, for "he" and "she" (`gender-words.tsv`).
enum PersonGender: String, Sendable {
    case male, female
}

struct SpeakerResolver {
    let t: AttributionText
    /// The article's one credited author, whom "I" outside a quotation means (an essay, a
    /// reporter's first-hand account); nil when the byline names none or several.
    let author: String?
    private(set) var entities: [NamedEntity] = []
    // Indexes over `entities` (in text order), so resolution stays linear on book-length input.
    /// Every word suffix of a name ("Sergei Lavrov", "Lavrov") → the first entity with it.
    private var bySuffix = WordHashTable<Int>()
    /// Last word of a name → the first entity ending with it.
    private var byLastWord = WordHashTable<Int>()
    /// Last words of names of two words or more.
    private var multiwordLastWords = WordHashTable<Bool>()
    /// Roles in lower case, for "the ambassador" → the entity whose role holds "ambassador".
    private var lowercasedRoles: [String?] = []
    /// How far back (in entities) a pronoun or a description looks for its referent.
    static let lookback = 200
    /// Every mention of a name outside quotations, in text order: first byte and entity. "He" and
    /// "she" go to the person mentioned last, not to the one introduced last ("Sanders … Clinton
    /// said … Sanders added … he said" is Sanders).
    private var mentions: [(position: Int, entity: Int)] = []

    static let nonNameCapitals: WordHashSet = WordHashSet([
        "the", "a", "an", "but", "and", "or", "in", "on", "at", "as", "for", "of", "to", "by", "from", "with", "while", "when", "after", "before",
        "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "you", "his", "her", "their", "its", "our", "earlier", "later",
        "meanwhile", "additionally", "overall", "however", "also", "observers", "critics", "experts", "analysts", "sources", "officials", "there",
        "attribution", "source", "if", "so", "yet", "still", "some", "many", "most", "both", "such", "what", "who", "why", "how", "where",
        "mr", "mrs", "ms", "dr", "said", "says", "according", "former", "his", "these", "those", "one", "two", "today", "yesterday", "monday",
        "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        // Sentence-initial words before a pronoun or a name ("Now I'm", "Maybe I", "Was I").
        "i'm", "i’m", "i've", "i’ve", "i'll", "i’ll", "i'd", "i’d", "now", "maybe", "perhaps", "then", "yes", "no", "instead", "was", "is",
        "were", "are", "not", "even", "just", "here", "because", "although", "though", "since", "once", "despite",
        // Sentence-initial pronouns and quantifiers that name no one ("Another said", "Anyone who").
        "another", "anyone", "anybody", "everyone", "everybody", "someone", "somebody", "nobody", "none", "each",
        "every", "all", "few", "several", "more", "others", "other",
        // A party label before a name ("Republican Donald Trump", "Democrat Elijah Cummings").
        "republican", "democrat", "democratic",
    ])

    /// Function words that a name never holds but a headline in title case does ("Pence Endorses
    /// Paul Ryan With Trump", "Progressives Are Celebrating Hillary Clinton"). Single letters are
    /// left out: they are initials ("Joseph R. Biden").
    static let headlineWords: WordHashSet = WordHashSet([
        "the", "an", "is", "are", "was", "were", "has", "have", "had", "says", "said", "with", "to", "in", "on", "for",
        "from", "why", "how", "what", "who", "and", "or", "but", "over", "about", "after", "before", "could", "would",
        "will", "can", "should", "must", "not", "me", "my", "he", "she", "it", "we", "they", "his", "her", "their",
        "our", "off", "into", "than", "that", "this", "these", "those", "vs", "just", "yet", "isn't", "isn’t", "at", "by", "as",
    ])

    /// Words that end a run of capitalised words: the first person is never part of a name, and
    /// a weekday after a place is a date ("in South Carolina Saturday").
    static let runBreakers: WordHashSet = WordHashSet([
        "i", "i'm", "i’m", "i've", "i’ve", "i'll", "i’ll", "i'd", "i’d",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ])

    init(_ text: AttributionText, author: String? = nil) {
        t = text
        self.author = author
        findEntities()
    }

    /// Collects capitalised name runs, splitting off leading titles as the role, and appositions.
    private mutating func findEntities() {
        let tokens = t.tokens
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, tokens[i].isCapitalized else { i += 1; continue }
            var j = i
            while j < tokens.count && tokens[j].kind == .word && (tokens[j].isCapitalized || (j > i && tokens[j].hash == Words.of && j + 1 < tokens.count && tokens[j + 1].isCapitalized))
                && (j == i || !SpeakerResolver.runBreakers.contains(tokens[j].hash)) { j += 1 }
            let run = i..<j
            defer { i = j }
            // "Mr. Kamin", "Sen. Cruz": the title's period ends the run before the name.
            let honorific: Int? = i >= 2 && tokens[i - 1].kind == .punctuation && tokens[i - 1].hash == Words.period
                && Words.abbreviatedTitles.contains(tokens[i - 2].hash) && tokens[i - 2].range.upperBound == tokens[i - 1].range.lowerBound ? i - 2 : nil
            // A headline in title case is no name, whatever names it holds.
            if run.count >= 3, run.dropFirst().contains(where: { SpeakerResolver.headlineWords.contains(tokens[$0].hash) }) { continue }
            // Drop sentence-initial function words ("The", "But").
            var lo = run.lowerBound
            while lo < run.upperBound && SpeakerResolver.nonNameCapitals.contains(tokens[lo].hash) { lo += 1 }
            guard lo < run.upperBound else { continue }
            // Leading title words become the role: "Russian Foreign Minister" + "Sergei Lavrov".
            var nameStart = lo
            var k = lo
            while k < run.upperBound {
                if let m = t.lexicon.titles.longestMatch(tokens, at: k) {
                    k += m.length
                    nameStart = k
                } else {
                    k += 1
                }
            }
            if nameStart >= run.upperBound { continue }
            if t.lexicon.outletNames.longestMatch(tokens, at: nameStart) != nil || t.lexicon.organisations.contains(tokens, at: nameStart) { continue }
            let nameRange = nameStart..<run.upperBound
            // A party-and-state tag ("R-Ky.", "D-Mo.") is not a name.
            if nameRange.count == 1, SpeakerResolver.isPartyTag(t.bytes[tokens[nameStart].range]) { continue }
            // A single capitalised word is a name only when it is not the first word of a sentence
            // (there, it is only a known name again: "Sanders said…").
            if nameRange.count == 1 {
                let s = Int(t.sentenceOfToken[nameStart])
                if s >= 0 && t.sentenceTokens[s].lowerBound == nameStart {
                    if let index = bySuffix[SpeakerResolver.key(tokens, nameRange)] { noteMention(nameStart, index) }
                    continue
                }
            }
            // "Wall Street", "San Diego", "World War II": a place, an event or a law, nobody "he" can be.
            if nameRange.count >= 2 && isNotAPersonsName(nameRange) { continue }
            var role: Range<Int>? = nameStart > lo ? t.byteRange(lo..<nameStart) : nil
            // Apposition before the name: "Israel's ambassador to Russia, Simona Halperin".
            if role == nil, nameStart >= 2, tokens[nameStart - 1].kind == .punctuation, tokens[nameStart - 1].hash == Words.comma {
                role = appositionRole(endingBefore: nameStart - 1)
            }
            // Apposition after the name: "Simona Halperin, Israel's ambassador, …".
            if role == nil, nameRange.count >= 2, run.upperBound + 1 < tokens.count, tokens[run.upperBound].hash == Words.comma {
                role = appositionRole(startingAt: run.upperBound + 1)
            }
            // "Mrs. Clinton" after "Bill Clinton" is another person than the one the surname found.
            if let found = bySuffix[SpeakerResolver.key(tokens, nameRange)],
                let index = namesake(of: found, gender: honorific.flatMap { t.lexicon.titleGenders[tokens[$0].hash] })
            {
                noteMention(nameStart, index)
                if entities[index].role == nil {
                    entities[index].role = role
                    lowercasedRoles[index] = role.map { t.text($0).lowercased() }
                }
                if entities[index].gender == nil { entities[index].gender = gender(name: nameRange, role: role, honorific: honorific) }
                if honorific != nil { entities[index].titled = true }
                continue
            }
            // "Sierra Club", "Justice Department": an organisation word in the name itself.
            // "Moscow", "Russia": a state's name alone is its government.
            let kind = organisationKind(nameRange) ?? (stateName(nameRange) != nil ? .governmentBody : .person)
            let index = entities.count
            entities.append(NamedEntity(name: nameRange, role: role, kind: kind, position: tokens[nameStart].range.lowerBound,
                                        gender: kind == .person ? gender(name: nameRange, role: role, honorific: honorific) : nil,
                                        titled: honorific != nil))
            noteMention(nameStart, index)
            lowercasedRoles.append(role.map { t.text($0).lowercased() })
            for start in nameRange where bySuffix[SpeakerResolver.key(tokens, start..<nameRange.upperBound)] == nil {
                bySuffix[SpeakerResolver.key(tokens, start..<nameRange.upperBound)] = index
            }
            let last = tokens[nameRange.upperBound - 1].hash
            if byLastWord[last] == nil { byLastWord[last] = index }
            if nameRange.count >= 2 { multiwordLastWords[last] = true }
        }
    }

    /// `index`, or when that entity's gender differs from `gender` (a mention's honorific), the
    /// first entity of that gender with the same last word ("Mrs. Clinton" once "Bill Clinton" and
    /// a "Clinton" of hers are known); nil when there is none.
    private func namesake(of index: Int, gender: PersonGender?) -> Int? {
        guard let gender, let known = entities[index].gender, known != gender else { return index }
        let last = t.tokens[entities[index].name.upperBound - 1].hash
        return entities.indices.first { entities[$0].gender == gender && t.tokens[entities[$0].name.upperBound - 1].hash == last }
    }

    /// The gender a person's first name ("Hillary Clinton"), honorific (the token "Mrs" of "Mrs.
    /// Clinton") or role ("a Clinton spokeswoman") tells; nil when none does. A role's names are
    /// not read: "Hillary Clinton's campaign chairman" is a man.
    func gender(name: Range<Int>, role: Range<Int>?, honorific: Int?) -> PersonGender? {
        if name.count >= 2, let g = t.lexicon.givenNameGenders[t.tokens[name.lowerBound].hash] { return g }
        if let honorific, let g = t.lexicon.titleGenders[t.tokens[honorific].hash] { return g }
        guard let role, let first = t.tokenRange(covering: role) else { return nil }
        for k in first where t.tokens[k].kind == .word {
            if let g = t.lexicon.titleGenders[t.tokens[k].hash] { return g }
        }
        return nil
    }

    /// The capitalised words `name` end in a word of `non-person-words.tsv` ("Street", "War",
    /// "Club", "Americans"; a final Roman numeral looked past) or start with a place prefix ("San",
    /// "Fort").
    func isNotAPersonsName(_ name: Range<Int>) -> Bool {
        let tokens = t.tokens
        var last = name.upperBound - 1
        if last > name.lowerBound && isRomanNumeral(tokens[last].range) { last -= 1 }
        return t.lexicon.nonPersonLastWords[tokens[last].hash] != nil || t.lexicon.nonPersonFirstWords[tokens[name.lowerBound].hash] != nil
    }

    /// "II", "IV", "XXI": capital Roman digits only.
    func isRomanNumeral(_ range: Range<Int>) -> Bool {
        range.count <= 5 && t.bytes[range].allSatisfy { $0 == 0x49 || $0 == 0x56 || $0 == 0x58 || $0 == 0x4C }
    }

    /// Key of the name made of the words `range` of `tokens`.
    static func key(_ tokens: [WordToken], _ range: Range<Int>) -> UInt64 {
        var h: UInt64 = WordTokenizer.fnvOffset
        for k in range { h = (h ^ tokens[k].hash) &* WordTokenizer.fnvPrime }
        return h ^ UInt64(range.count)
    }

    /// `entities[index]` as the source a mention resolves to.
    private func resolved(_ index: Int, basis: String) -> ResolvedSource {
        let e = entities[index]
        return ResolvedSource(name: t.text(t.byteRange(e.name)), kind: e.kind, role: e.role.map { t.text($0) }, basis: basis)
    }

    /// The last entity before `position` that passes `test`, looking back at most `lookback` entities.
    private func lastEntity(before position: Int, where test: (Int) -> Bool) -> Int? {
        SpeakerResolver.last(count: entities.count, before: position, at: { entities[$0].position }, where: test)
    }

    /// Walks back from the last of `count` items (in text order; `at` gives an item's position)
    /// before `position`, at most `lookback` items, and returns the first that passes `test`.
    private static func last(count: Int, before position: Int, at: (Int) -> Int, where test: (Int) -> Bool) -> Int? {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if at(mid) < position { lo = mid + 1 } else { hi = mid }
        }
        var k = lo - 1
        while k >= 0 && lo - k <= lookback {
            if test(k) { return k }
            k -= 1
        }
        return nil
    }

    /// Records a mention of entity `index` at token `start`, unless it is quoted: a name inside
    /// the quotation is what the speaker talks about ("“Clinton is wrong,” he said" is not Clinton).
    private mutating func noteMention(_ start: Int, _ index: Int) {
        if t.quoteOpener[start] < 0 { mentions.append((t.tokens[start].range.lowerBound, index)) }
    }

    /// The entity mentioned last before `position` that passes `test`, looking back at most
    /// `lookback` mentions.
    private func lastMentioned(before position: Int, where test: (Int) -> Bool) -> Int? {
        SpeakerResolver.last(count: mentions.count, before: position, at: { mentions[$0].position }, where: { test(mentions[$0].entity) })
            .map { mentions[$0].entity }
    }

    /// The relative pronoun that stands for a thing or a body, never for a person.
    static let which = WordTokenizer.hash("which")
    /// "I" and its forms: in the article's own voice, its author.
    static let firstPersonSingular: WordHashSet = WordHashSet(["i", "me", "my", "mine", "myself"])

    /// Tokens at the start of a sentence where its subject's name begins ("Senate Majority
    /// Leader Mitch McConnell", "Mr. Khan").
    static let subjectWindow = 4

    /// The first person that passes `test` named at the start of the sentence holding the token
    /// `pronoun`, before it: the subject, which "he" in a later clause means even when someone
    /// else is named in between ("Paul Porter, a supporter of Mr. Trump, said he…"). Nil when the
    /// pronoun opens the sentence or stands in a quotation.
    private func sentenceSubject(before pronoun: Int, where test: (Int) -> Bool) -> Int? {
        let s = Int(t.sentenceOfToken[pronoun])
        guard s >= 0, t.quoteOpener[pronoun] < 0 else { return nil }
        let first = t.sentenceTokens[s].lowerBound
        guard first < pronoun else { return nil }
        let from = t.tokens[first].range.lowerBound
        let to = t.tokens[min(first + SpeakerResolver.subjectWindow, pronoun)].range.lowerBound
        var lo = 0
        var hi = mentions.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if mentions[mid].position < from { lo = mid + 1 } else { hi = mid }
        }
        while lo < mentions.count && mentions[lo].position < to {
            if test(mentions[lo].entity) { return mentions[lo].entity }
            lo += 1
        }
        return nil
    }

    static func isPartyTag(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.count >= 3 && bytes.count <= 7, let first = bytes.first else { return false }
        return (first == 0x52 || first == 0x44 || first == 0x49) && bytes[bytes.startIndex + 1] == 0x2D
    }

    /// A role phrase ending at `end` (exclusive) that holds a title word: "Israel's ambassador to Russia".
    private func appositionRole(endingBefore end: Int) -> Range<Int>? {
        // Walk back to the phrase's determiner or possessor: "a prominent opposition figure",
        // "Israel's ambassador to Russia".
        var k = end - 1
        var hasTitle = false
        var lo = end
        while k >= 0 && end - k <= 8 && (t.tokens[k].kind == .word || t.tokens[k].kind == .number) {
            let h = t.tokens[k].hash
            if t.lexicon.titles.contains(t.tokens, at: k) { hasTitle = true }
            if Words.determiners.contains(h) { lo = k; break }
            if h == Words.possessive { lo = max(0, k - 1); break }
            if !t.tokens[k].isCapitalized && !hasTitle && !t.lexicon.titles.contains(t.tokens, at: k) && !Words.nounPhraseGlue.contains(h) && k < end - 1 { lo = k + 1; break }
            lo = k
            k -= 1
        }
        guard hasTitle, lo < end else { return nil }
        return t.byteRange(lo..<end)
    }

    private func appositionRole(startingAt start: Int) -> Range<Int>? {
        var k = start
        var hasTitle = false
        while k < t.tokens.count && k - start < 8 && t.tokens[k].kind != .punctuation {
            if t.lexicon.titles.contains(t.tokens, at: k) { hasTitle = true }
            k += 1
        }
        guard hasTitle, k > start, k < t.tokens.count, t.tokens[k].hash == Words.comma else { return nil }
        return t.byteRange(start..<k)
    }

    /// The named entity or description a source mention stands for.
    func resolve(_ mention: Range<Int>, before position: Int, previous: [ResolvedSource]) -> ResolvedSource {
        let tokens = t.tokens
        // The mention's own text, made only on the paths that return it (most mentions resolve
        // to a named entity or an outlet).
        func mentionText() -> String { t.text(t.byteRange(mention)) }
        // "Gallup's Jeffrey M. Jones", "The Times's editor Dean Baquet": the person named after a
        // possessive is the speaker; what comes before the name is the role the article gives.
        // (Only a possessor that opens the mention: in "John Cordisco, the chairman of Philadelphia's
        // Bucks County" the possessive sits in an apposition, and the speaker comes first.)
        if mention.count >= 3, let p = mention.dropLast().last(where: { tokens[$0].hash == WordTokenizer.possessiveHash }),
            !(mention.lowerBound..<p).contains(where: { tokens[$0].kind == .punctuation }),
            let nameStart = ((p + 1)..<mention.upperBound).first(where: { tokens[$0].isCapitalized && !SpeakerResolver.nonNameCapitals.contains(tokens[$0].hash) && !Words.abbreviatedTitles.contains(tokens[$0].hash) && t.lexicon.titles.longestMatch(tokens, at: $0) == nil })
        {
            let name = nameStart..<mention.upperBound
            var r = resolve(name, before: position, previous: previous)
            // A full name (two words or more): "CITIC" after "China's investment giant" is no person.
            if r.kind == .person && r.basis != "unnamed" && r.basis != "description",
               name.count(where: { tokens[$0].isCapitalized }) >= 2 {
                // The registry may hold only the surname ("Jones"): the mention names in full.
                let nameText = t.text(t.byteRange(name))
                if nameText.count > r.name.count && nameText.hasSuffix(r.name) { r.name = nameText }
                if r.role == nil { r.role = t.text(t.byteRange(mention.lowerBound..<nameStart)) }
                return r
            }
        }
        if let m = t.lexicon.outletNames.longestMatch(tokens, at: mention.lowerBound) {
            return ResolvedSource(name: t.lexicon.outlets[m.value].name, kind: .mediaOutlet, basis: "named")
        }
        for k in mention {
            if let m = t.lexicon.sourcePhrases.longestMatch(tokens, at: k) {
                let kind: SourceKind = t.lexicon.sourcePhraseKinds[m.value] == "anonymous" ? .anonymous : .vague
                // "former officials at the Russian Ministry of Foreign Affairs": unnamed, but of a named body.
                return ResolvedSource(name: mentionText(), kind: kind, basis: "unnamed")
            }
        }
        // Pronouns: the most recent person (he/she/his/her) or group (they/their) before the mention.
        // "who" stands for a person; "which" for a thing or a body, never a person (an antecedent
        // the source repair did not find is left unresolved rather than guessed).
        let word = tokens[mention.lowerBound].hash
        if mention.count == 1, let pronoun = t.lexicon.pronouns[word] ?? (Words.relativeWhat.contains(word) ? (word == SpeakerResolver.which ? "thing" : "person") : nil) {
            if pronoun.hasPrefix("person") {
                // "he" skips a woman and "she" a man (when a name or title tells).
                let other: PersonGender? = pronoun.hasSuffix("-male") ? .female : (pronoun.hasSuffix("-female") ? .male : nil)
                func fits(_ e: Int) -> Bool {
                    entities[e].kind == .person && (entities[e].wordCount >= 2 || entities[e].role != nil || entities[e].titled)
                        && (other == nil || entities[e].gender != other)
                }
                if let e = sentenceSubject(before: mention.lowerBound, where: fits) ?? lastMentioned(before: position, where: fits) {
                    return resolved(e, basis: "pronoun")
                }
            } else if SpeakerResolver.firstPersonSingular.contains(word) && t.quoteOpener[mention.lowerBound] < 0 {
                // "I" in the article's own voice is its writer: a first-hand account, whose
                // claims rest on the author's word. (Inside a quotation it is the speaker, whom
                // the quotation's attribution names.)
                return ResolvedSource(name: author ?? "the author", kind: author == nil ? .unknown : .person, basis: "author")
            } else if pronoun == "plural" || pronoun == "neuter" {
                // A state is "it" ("Russia said it…"); "they" are its officials, not the state.
                // People in groups ("Republicans", "officials") are "they", never "it".
                func fits(_ p: ResolvedSource) -> Bool {
                    p.kind != .person && p.kind != .unknown
                        && !(pronoun == "neuter" && (p.kind == .vague || p.kind == .anonymous))
                        && !(pronoun == "plural" && p.kind == .governmentBody && t.lexicon.stateNameTexts.contains(p.name.lowercased()))
                }
                if let p = previous.last(where: fits) {
                    return ResolvedSource(name: p.name, kind: p.kind, role: p.role, basis: "pronoun")
                }
            }
            return ResolvedSource(name: mentionText(), kind: .unknown, basis: "unresolved-pronoun")
        }
        // A name or its surname.
        // The head is before "of"/"at" ("Mr. Morgan of the Sierra Club" is Morgan).
        var head = mention
        // An apposition: "Senate Majority Leader Mitch McConnell, R-Ky." is McConnell;
        // "Israel's ambassador to Russia, Simona Halperin," is Halperin: the part naming a known person.
        var parts: [Range<Int>] = []
        var partStart = mention.lowerBound
        for k in mention where tokens[k].kind == .punctuation && tokens[k].hash == Words.comma {
            if k > partStart { parts.append(partStart..<k) }
            partStart = k + 1
        }
        // (Without a comma there is one part, the mention, and no array is needed.)
        if partStart > mention.lowerBound, partStart < mention.upperBound { parts.append(partStart..<mention.upperBound) }
        if parts.count > 1 {
            head = parts.first { part in
                guard let last = part.last(where: { tokens[$0].isCapitalized }) else { return false }
                return multiwordLastWords[tokens[last].hash] != nil
            } ?? parts[0]
        }
        if let glue = head.first(where: { !tokens[$0].isCapitalized && Words.leadingGlue.contains(tokens[$0].hash) }),
            head[head.lowerBound..<glue].contains(where: { tokens[$0].isCapitalized && !SpeakerResolver.nonNameCapitals.contains(tokens[$0].hash) })
        {
            head = head.lowerBound..<glue
        }
        // "Republicans", "his supporters", "Other Republicans in Congress": a group of people,
        // nobody in particular (before the names: "Republicans" may also be a run of capitals).
        if let last = head.last(where: { tokens[$0].kind == .word }), t.lexicon.groupWords[tokens[last].hash] != nil {
            return ResolvedSource(name: mentionText(), kind: .vague, basis: "unnamed")
        }
        // The name words of the head, counted in place (no array per mention).
        var capitalCount = 0
        var lastCapital = -1
        for k in head where tokens[k].isCapitalized && !SpeakerResolver.nonNameCapitals.contains(tokens[k].hash) && !Words.abbreviatedTitles.contains(tokens[k].hash) {
            capitalCount += 1
            lastCapital = k
        }
        if lastCapital >= 0 {
            let last = lastCapital
            let hash = tokens[last].hash
            // "a Moscow businessman" is not Moscow: a state's name that only modifies the head noun.
            if let first = byLastWord[hash],
                !(head.last.map({ tokens[$0].kind == .word && !tokens[$0].isCapitalized }) == true && stateName(entities[first].name) != nil)
            {
                // "Mrs. Clinton" is the Clinton who is a woman.
                let honorificGender = head.lazy.compactMap { Words.abbreviatedTitles.contains(tokens[$0].hash) ? t.lexicon.titleGenders[tokens[$0].hash] : nil }.first
                let e = namesake(of: first, gender: honorificGender) ?? first
                return resolved(e, basis: capitalCount >= entities[e].wordCount ? "named" : "surname")
            }
        }
        // "the authority's own report", "a Homeland Security memo": a document speaks.
        if let head = mention.last, let nounClass = t.lexicon.cueNouns[tokens[head].hash], nounClass == "report" || nounClass == "document" {
            return ResolvedSource(name: mentionText(), kind: .document, basis: "document")
        }
        if let kind = organisationKind(mention) {
            return ResolvedSource(name: mentionText(), kind: kind, basis: "named")
        }
        if let name = stateName(head) {
            return ResolvedSource(name: name, kind: .governmentBody, basis: "named")
        }
        // A description: "the ambassador", "the minister" → the entity whose role holds that title.
        for k in mention {
            if let m = t.lexicon.titles.longestMatch(tokens, at: k) {
                let title = t.text(t.byteRange(k..<(k + m.length))).lowercased()
                if let e = lastEntity(before: position, where: { lowercasedRoles[$0].map { ByteSearch.stringContains($0, title) } ?? false }) {
                    return resolved(e, basis: "title")
                }
                return ResolvedSource(name: mentionText(), kind: .person, basis: "description")
            }
        }
        // No capitalised word: a group or a thing described, not named ("the statement").
        return ResolvedSource(name: mentionText(), kind: capitalCount == 0 ? .unknown : .person, basis: capitalCount == 0 ? "unnamed" : "named")
    }

    /// "Moscow", "Beijing’s", "the United States": a mention that is only the name of a state or
    /// of its capital stands for that state's government (metonymy); the name without "the" or
    /// the possessive.
    func stateName(_ mention: Range<Int>) -> String? {
        var lo = mention.lowerBound, hi = mention.upperBound
        if lo < hi, t.tokens[lo].hash == Words.the { lo += 1 }
        if hi > lo, t.tokens[hi - 1].hash == WordTokenizer.possessiveHash { hi -= 1 }
        guard lo < hi, t.tokens[lo].isCapitalized, let m = t.lexicon.stateNames.longestMatch(t.tokens, at: lo), m.length == hi - lo else { return nil }
        return t.text(t.byteRange(lo..<hi))
    }

    /// Government body, organisation or outlet, by the words of the mention.
    func organisationKind(_ mention: Range<Int>) -> SourceKind? {
        for k in mention {
            if let m = t.lexicon.organisations.longestMatch(t.tokens, at: k) {
                switch t.lexicon.organisationKinds[m.value] {
                case "government-body": return .governmentBody
                case "media-outlet": return .mediaOutlet
                default: return .organisation
                }
            }
        }
        return nil
    }
}

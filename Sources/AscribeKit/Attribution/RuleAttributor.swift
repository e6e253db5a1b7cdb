// Hand-written attribution patterns over word tokens. They cover what a learned tagger trained on
// US campaign news handles badly or not at all: quotes in every quote style, "according to",
// relays through media ("as reported by TASS", "her remarks were carried by TASS"), vague and
// agentless sourcing, noun cues ("Lavrov's remarks signaled…", "statements made by X"), and
// document-level credit lines ("Attribution: …", "(Reuters) —").

/// An attribution found by a rule, in token indices.
struct RuleHit: Sendable {
    var kind: AttributionKind
    var cue: Range<Int>
    var source: Range<Int>?
    var content: [Range<Int>]
    var carrier: Range<Int>? = nil
    /// Extra source mentions (a document line can credit several); nil for every other hit,
    /// so copying a hit (as the merge steps do, often) retains two arrays, not three.
    var extraSources: [Range<Int>]? = nil
    /// Found by the tagger rather than by a rule.
    var fromModel = false
    /// The relative pronoun that names the source in the cue's own clause ("Yair Lapid, who
    /// expressed…"), when `source` is its antecedent: the mention shown and scored, while the
    /// antecedent is what the resolver names (as "she" is shown and resolved to a name).
    var relativeMention: Range<Int>? = nil
}

/// Word hashes the rules test against.
enum Words {
    /// Determiners, prepositions, conjunctions and weekdays: words that name no one alone.
    static let functionWords: WordHashSet = WordHashSet([
        "the", "a", "an", "that", "this", "these", "those", "to", "in", "on", "at", "of", "for", "from", "by", "with",
        "after", "before", "while", "when", "but", "and", "or", "so", "if", "as", "there", "here", "then", "also",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    ])
    static let that = WordTokenizer.hash("that")
    static let the = WordTokenizer.hash("the")
    static let a = WordTokenizer.hash("a")
    static let an = WordTokenizer.hash("an")
    static let of = WordTokenizer.hash("of")
    static let to = WordTokenizer.hash("to")
    static let at = WordTokenizer.hash("at")
    static let by = WordTokenizer.hash("by")
    static let from = WordTokenizer.hash("from")
    static let who = WordTokenizer.hash("who")
    static let it = WordTokenizer.hash("it")
    static let according = WordTokenizer.hash("according")
    /// Verbs that cue only next to a quotation: "“…,” she continued", "he joked, “…”".
    static let quoteCues: WordHashSet = WordHashSet(["continued", "continues", "continuing", "sang", "sings", "singing", "joked", "quipped", "laughed", "chimed", "recalled", "replied", "responded", "interjected", "cried", "yelled", "screamed", "whispered", "muttered", "mused", "wondered", "began", "concluded", "tweeted", "posted", "read", "reads"])
    static let timeWords: WordHashSet = WordHashSet(["on", "in", "at", "last", "this", "earlier", "later", "today", "yesterday", "tonight", "week", "month", "year", "morning", "afternoon", "evening", "night", "recently", "previously", "separately", "also", "then"])
    static let openingPrepositions: WordHashSet = WordHashSet(["in", "on", "at", "during", "after", "before", "for", "with", "since", "following", "despite", "amid", "earlier", "later", "last", "when", "while", "as"])
    /// Words after a closing quotation mark that start the writer's own clause.
    static let afterQuoteBreaks: WordHashSet = WordHashSet(["after", "during", "because", "before", "while", "since", "amid", "despite", "following"])
    static let questionMark = WordTokenizer.hash("?")
    static let exclamationMark = WordTokenizer.hash("!")
    static let objectPronouns: WordHashSet = WordHashSet(["them", "him", "me", "us", "whom"])
    static let possessive = WordTokenizer.hash("'s")
    static let curlyPossessive = WordTokenizer.hash("’s")
    static let with = WordTokenizer.hash("with")
    static let `as` = WordTokenizer.hash("as")
    static let and = WordTokenizer.hash("and")
    static let states = WordTokenizer.hash("states")
    static let asked = WordTokenizer.hash("asked")
    static let appearanceVerbs: WordHashSet = WordHashSet(["appear", "appears", "appeared", "appearing", "seem", "seems", "seemed", "seeming"])
    /// Conjunctions and determiners: never the verb after a noun cue.
    static let conjunctionsAndDeterminers: WordHashSet = WordHashSet(["and", "or", "but", "while", "a", "an", "the", "this", "these", "those"])
    static let on = WordTokenizer.hash("on")
    static let about = WordTokenizer.hash("about")
    static let regarding = WordTokenizer.hash("regarding")
    static let comma = WordTokenizer.hash(",")
    static let colon = WordTokenizer.hash(":")
    static let period = WordTokenizer.hash(".")
    static let openParen = WordTokenizer.hash("(")
    static let closeParen = WordTokenizer.hash(")")
    static let made = WordTokenizer.hash("made")
    static let attribution = WordTokenizer.hash("attribution")
    static let source = WordTokenizer.hash("source")
    static let sources = WordTokenizer.hash("sources")
    static let credit = WordTokenizer.hash("credit")
    static let determiners: WordHashSet = WordHashSet(["the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "some", "many", "several", "other", "two", "three", "one", "most", "few"])
    static let possessivePronouns: WordHashSet = WordHashSet(["his", "her", "their", "its", "our", "my"])
    static let auxiliaries: WordHashSet = WordHashSet(["has", "have", "had", "is", "was", "were", "are", "be", "been", "will", "would", "also", "later", "previously", "recently", "repeatedly", "then", "again", "further", "once", "often", "publicly", "privately", "reportedly", "allegedly", "earlier", "never", "not", "did", "does", "do", "could", "may", "might", "should", "can", "just", "still", "already", "even", "only", "first", "subsequently", "separately", "clearly", "explicitly", "specifically", "openly", "herself", "himself", "themselves", "itself", "has't"])
    /// Verbs that give someone a name or a description: "called him a “con artist”".
    static let labelVerbs: WordHashSet = WordHashSet(["call", "calls", "called", "calling", "describe", "describes", "described", "describing", "dubbed", "dubs", "labeled", "labelled", "labels", "branded", "brands", "termed", "terms"])
    static let namingParticiples: WordHashSet = WordHashSet(["called", "named", "dubbed", "titled", "entitled", "nicknamed"])
    /// Auxiliaries and modals that carry a clause's tense: after a noun, never after a reporting verb.
    static let finiteAuxiliaries: WordHashSet = WordHashSet(["has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "may", "might", "should", "must", "do", "does", "did"])
    /// Relatives and "that", which open a clause whose verb may be followed by another's auxiliary.
    static let clauseOpeners: WordHashSet = WordHashSet(["which", "what", "that", "who", "whom", "whatever"])
    static let passiveBe: WordHashSet = WordHashSet(["is", "was", "were", "are", "been", "be", "being"])
    static let nounPhraseGlue: WordHashSet = WordHashSet(["of", "at", "for", "to", "in", "from", "on", "and", "'s", "-", "former", "senior", "top", "chief", "deputy", "other", "foreign", "state", "federal", "local", "unnamed", "anonymous", "u.s", "u.s."])
    /// Lower-case heads that name a speaker or a publisher.
    static let speakingNouns: WordHashSet = WordHashSet(["company", "firm", "group", "campaign", "committee", "agency", "ministry", "department", "court", "judge", "police", "government", "administration", "party", "union", "board", "council", "commission", "office", "embassy", "team", "statement", "report", "study", "survey", "poll", "letter", "memo", "document", "filing", "complaint", "lawsuit", "ruling", "analysis", "researchers", "scientists", "residents", "voters", "people", "protesters", "lawmakers", "senator", "mayor", "governor", "spokesman", "spokeswoman", "spokesperson", "candidate", "nominee", "president", "minister", "ambassador", "official", "officials", "source", "sources", "newspaper", "network", "website", "magazine", "organization", "organisation", "foundation", "institute", "center", "centre", "university", "bank", "authority", "authorities", "prosecutors", "prosecutor", "investigators", "doctors", "experts", "analysts", "critics", "observers", "economists", "aides", "aide", "adviser", "advisers", "staff", "family", "lawyer", "lawyers", "attorney", "attorneys", "manager", "chief", "director", "chairman", "leader", "leaders", "members", "member", "witnesses", "witness", "woman", "man", "officer", "officers", "military", "army", "navy", "white"])
    static let circumstance: WordHashSet = WordHashSet(["at", "in", "with", "for", "during", "after", "before", "from", "since", "until", "into", "by", "as", "up", "out", "off", "back", "down", "again", "too"])
    static let irregularParticiples: WordHashSet = WordHashSet(["said", "told", "thought", "known", "seen", "written", "shown", "heard", "taught", "understood", "felt", "held", "found", "made", "given", "sworn", "quoted"])
    static let semicolon = WordTokenizer.hash(";")
    static let following = WordTokenizer.hash("following")
    static let statementNouns: WordHashSet = WordHashSet(["comment", "comments", "statement", "remarks", "message", "tweet", "words", "response", "reply", "answer", "explanation", "note", "post"])
    static let statementAdjectives: WordHashSet = WordHashSet(["brief", "short", "written", "terse", "lengthy", "long", "official", "public", "new", "same"])
    /// Punctuation inside an apposition or a party tag: ", R-Ky.,", "(D-Mo.)".
    static let appositionMarks = WordHashSet([",", "-", ".", "(", ")"])
    static let clauseBreakers: WordHashSet = WordHashSet(["which", "prompting", "leading", "forcing"])
    static let abbreviatedTitles: WordHashSet = WordHashSet(["mr", "mrs", "ms", "dr", "gov", "sen", "rep", "gen", "lt", "col", "sgt", "capt", "prof", "rev", "st", "jr", "sr", "adm", "maj", "atty", "supt"])
    /// Glue that never starts a phrase (unlike "former" or "senior").
    static let leadingGlue: WordHashSet = WordHashSet(["of", "at", "for", "to", "in", "from", "on", "and", "'s", "-"])
    static let contentIntroducers: WordHashSet = WordHashSet(["that", "on", "about", "regarding", "concerning", "over", "to", "whether", "how", "why", "what", "if"])
    static let relativeWhat: WordHashSet = WordHashSet(["which", "who", "whom", "whose"])
    /// Media phrases that put the outlet after them: "as reported by", "citing", "quoting".
    static let relayEnders: WordHashSet = WordHashSet(["by"])
    static let relayStarters: WordHashSet = WordHashSet(["citing", "quoting"])
    /// Capitalised labels before a colon that are not speakers ("UPDATE:", "PHOTO:").
    static let notSpeakers: WordHashSet = WordHashSet(["update", "updated", "note", "correction", "corrections", "editor", "editors", "editor's", "watch", "read", "photo", "photos", "video", "breaking", "related", "more", "also", "source", "sources", "attribution", "credit", "credits", "warning", "spoiler", "live", "opinion", "analysis", "exclusive", "poll", "see", "listen", "advertisement", "disclosure", "clarification", "fact", "check", "tags", "topics", "share", "sign", "subscribe", "contact", "email", "tel", "fax", "phone", "caption", "file", "graphic", "map", "chart", "table", "notes", "p.s", "ps", "ed", "edit", "important", "warning", "alert", "new", "now", "today", "latest", "trending", "top", "bottom", "cnn", "ap", "afp", "upi", "tass"])
    static let expletiveCues: WordHashSet = WordHashSet(["believed", "said", "reported", "thought", "understood", "expected", "claimed", "alleged", "rumored", "rumoured", "known", "feared", "suggested", "estimated"])
}

struct RuleAttributor {
    let t: AttributionText
    var lexicon: Lexicon { t.lexicon }
    var tokens: [WordToken] { t.tokens }

    init(_ text: AttributionText) { t = text }

    func hits() -> [RuleHit] {
        var out: [RuleHit] = []
        for s in t.sentences.indices {
            let r = t.sentenceTokens[s]
            guard !r.isEmpty else { continue }
            if let hit = documentLine(r) {
                out.append(hit)
                continue
            }
            if let hit = speakerTurn(r) {
                out.append(hit)
                continue
            }
            sentenceHits(r, into: &out)
        }
        quoteHits(into: &out)
        return out
    }

    // MARK: Token tests

    func hashAt(_ i: Int) -> UInt64 { tokens[i].hash }
    func isWord(_ i: Int) -> Bool { tokens[i].kind == .word }
    func isPunct(_ i: Int, _ h: UInt64) -> Bool { tokens[i].kind == .punctuation && tokens[i].hash == h }
    func cueVerb(_ i: Int) -> CueVerb? { isWord(i) && !tokens[i].isCapitalized ? lexicon.cueVerbs[tokens[i].hash] : nil }
    /// A cue verb, or a verb that is a cue only beside a quotation ("she continued").
    func quoteCue(_ i: Int) -> Bool { cueVerb(i) != nil || (isWord(i) && !tokens[i].isCapitalized && Words.quoteCues.contains(tokens[i].hash)) }
    func isPronoun(_ i: Int) -> Bool { lexicon.pronouns[tokens[i].hash] != nil }

    /// Words that can sit inside a source noun phrase.
    func isNounPhraseWord(_ i: Int) -> Bool {
        let token = tokens[i]
        // The period of "Mr." / "Sen." / "Gov." inside a name.
        if token.kind == .punctuation { return token.hash == Words.period && i > 0 && Words.abbreviatedTitles.contains(tokens[i - 1].hash) && tokens[i - 1].range.upperBound == token.range.lowerBound }
        guard token.kind == .word || token.kind == .number else { return false }
        // "9/11 widow Terry Strada", "2016 nominee": a number leading a noun phrase.
        if token.kind == .number { return i + 1 < tokens.count && tokens[i + 1].kind == .word && !Words.auxiliaries.contains(tokens[i + 1].hash) }
        if token.isCapitalized || Words.determiners.contains(token.hash) || Words.nounPhraseGlue.contains(token.hash) { return true }
        let phraseStarts = lexicon.nounPhraseFilter
        if phraseStarts.mayContain(token.hash),
            lexicon.titles.contains(tokens, at: i) || lexicon.sourcePhrases.contains(tokens, at: i) || lexicon.organisations.contains(tokens, at: i)
        {
            return true
        }
        if isPronoun(i) { return true }
        // The later words of a multiword title or vague phrase ("prime minister", "familiar with"):
        // a phrase of more than `back` words starting `back` tokens before.
        let pairs = lexicon.nounPhrasePairFilter
        for back in 1...6 where i - back >= 0 && pairs.mayContain(PhraseTable.pairKey(tokens[i - back].hash, tokens[i - back + 1].hash)) {
            if let m = lexicon.titles.longestMatch(tokens, at: i - back), m.length > back { return true }
            if let m = lexicon.sourcePhrases.longestMatch(tokens, at: i - back), m.length > back { return true }
            if let m = lexicon.organisations.longestMatch(tokens, at: i - back), m.length > back { return true }
        }
        return false
    }

    /// The source noun phrase that ends just before token `end` (exclusive), within `lo`.
    func subject(endingBefore end: Int, lo: Int) -> Range<Int>? {
        var i = end - 1
        while i >= lo && isWord(i) && Words.auxiliaries.contains(hashAt(i)) { i -= 1 }
        guard i >= lo else { return nil }
        // "Yair Lapid, who expressed…": the relative pronoun stands for the phrase before it.
        if isWord(i) && Words.relativeWhat.contains(hashAt(i)) {
            var j = i - 1
            if j >= lo && isPunct(j, Words.comma) { j -= 1 }
            return j >= lo ? subject(endingBefore: j + 1, lo: lo) : nil
        }
        if isPronoun(i) && !Words.possessivePronouns.contains(hashAt(i)) {
            // "let them know", "told him": an object is not a speaker.
            if hashAt(i) == Words.it || Words.objectPronouns.contains(hashAt(i)) { return nil }
            return i..<(i + 1)
        }
        // Apposition: "Simona Halperin, Israel's ambassador, said" / "Israel's ambassador, Simona Halperin, conveyed".
        if isPunct(i, Words.comma), i - 1 >= lo, let inner = subject(endingBefore: i, lo: lo) {
            if !tokens[inner.upperBound - 1].isCapitalized || tokensEndTitle(inner.lowerBound, inner.upperBound - 1), inner.lowerBound - 1 > lo, isPunct(inner.lowerBound - 1, Words.comma),
                let name = subject(endingBefore: inner.lowerBound - 1, lo: lo), tokens[name.upperBound - 1].isCapitalized
            {
                return name
            }
            return inner
        }
        let last = i
        // "People familiar with the negotiations", "a source close to the family": an anonymous
        // phrase ending in a preposition takes up to four more words.
        var k = last - 1
        while k >= lo && last - k <= 8 && (isWord(k) || tokens[k].kind == .number) {
            if let m = lexicon.sourcePhrases.longestMatch(tokens, at: k), k + m.length <= last, last - (k + m.length) < 4,
                Words.leadingGlue.contains(hashAt(k + m.length - 1)) || hashAt(k + m.length - 1) == Words.with
            {
                return k..<(last + 1)
            }
            k -= 1
        }
        // "the senator", "the company", "a new report": a determiner and up to three lower-case words.
        if isWord(last), !tokens[last].isCapitalized, !isNounPhraseWord(last) {
            var d = last - 1
            while d >= lo && last - d <= 3 && isWord(d) && !Words.determiners.contains(hashAt(d)) && !tokens[d].isCapitalized && cueVerb(d) == nil && !Words.auxiliaries.contains(hashAt(d)) { d -= 1 }
            // Only nouns that can speak or publish: "the report said", not "this point underscores".
            guard d >= lo, isWord(d), Words.determiners.contains(hashAt(d)), Words.speakingNouns.contains(hashAt(last)) || lexicon.cueNouns[hashAt(last)].map({ $0 == "report" || $0 == "document" }) == true else { return nil }
            return d..<(last + 1)
        }
        while i >= lo && isNounPhraseWord(i) && last - i < 12 { i -= 1 }
        var first = i + 1
        // A phrase never starts with glue ("of", "and", "'s").
        while first <= last && Words.leadingGlue.contains(hashAt(first)) && !tokens[first].isCapitalized { first += 1 }
        guard first <= last else { return nil }
        // The head must be a name, a pronoun, a title, a vague/anonymous word or an organisation.
        let head = last
        guard tokens[head].isCapitalized || lexicon.titles.contains(tokens, at: head) || lexicon.sourcePhrases.contains(tokens, at: head)
            || lexicon.organisations.contains(tokens, at: head) || isPronoun(head) || tokensEndTitle(first, head)
        else { return nil }
        return first..<(last + 1)
    }

    func tokensEndTitle(_ first: Int, _ head: Int) -> Bool {
        var k = max(first, head - 6)
        while k <= head {
            if let m = lexicon.titles.longestMatch(tokens, at: k), k + m.length - 1 == head { return true }
            if let m = lexicon.sourcePhrases.longestMatch(tokens, at: k), k + m.length - 1 == head { return true }
            k += 1
        }
        return false
    }

    /// The noun phrase that starts at `start`, up to a comma, period or clause word.
    func objectPhrase(from start: Int, hi: Int, max: Int = 12) -> Range<Int>? {
        var i = start
        while i < hi && i - start < max && (isNounPhraseWord(i) || (isWord(i) && !tokens[i].isCapitalized && i > start && !Words.contentIntroducers.contains(hashAt(i)) && cueVerb(i) == nil && false)) {
            i += 1
        }
        return i > start ? start..<i : nil
    }

    /// Content from `start` to the end of the sentence, without the final punctuation.
    func clause(from start: Int, to end: Int) -> Range<Int>? {
        var s = start
        var e = end
        while s < e && (tokens[s].kind == .punctuation) { s += 1 }
        // A relative or adverbial clause after a comma is the writer's, not the source's:
        // "…recover from pneumonia, which forced her to leave…".
        var k = s + 2
        while k + 1 < e && k - s < 150 {
            if tokens[k].kind == .punctuation && (hashAt(k) == Words.comma || hashAt(k) == Words.semicolon) && !t.isInsideQuote(k) && Words.clauseBreakers.contains(hashAt(k + 1)) {
                e = k
                break
            }
            k += 1
        }
        while e > s && tokens[e - 1].kind == .punctuation && !tokens[e - 1].isQuote { e -= 1 }
        return e - s >= 2 ? s..<e : nil
    }

    // MARK: Sentence patterns

    /// Appends the hits of sentence `r` to `out` (one array for the article, not one per sentence).
    func sentenceHits(_ r: Range<Int>, into out: inout [RuleHit]) {
        var i = r.lowerBound
        let cueFilter = lexicon.cueFilter
        let cuePairFilter = lexicon.cuePairFilter
        while i < r.upperBound {
            if t.isInsideQuote(i) { i += 1; continue }
            // No cue phrase starts here and no cue verb or noun is here: nothing below can hit.
            if !cueFilter.mayContain(hashAt(i)),
                !(i + 1 < tokens.count && cuePairFilter.mayContain(PhraseTable.pairKey(hashAt(i), hashAt(i + 1))))
            {
                i += 1
                continue
            }
            // "according to X", "as reported by X", "citing X", "in a statement"…
            if let m = lexicon.cuePhrases.longestMatch(tokens, at: i) {
                let kind = lexicon.cuePhraseKinds[m.value]
                let afterPhrase = i + m.length
                switch kind {
                case "according-to", "media" where kind == "according-to" || Words.relayEnders.contains(hashAt(afterPhrase - 1)) || Words.relayStarters.contains(hashAt(i)):
                    if let hit = accordingTo(cue: i..<afterPhrase, sentence: r, media: kind == "media") { out.append(hit) }
                    i = afterPhrase
                    continue
                default:
                    break
                }
            }
            if let verb = cueVerb(i), let hit = reportedSpeech(verb: i, cueVerb: verb, sentence: r) {
                out.append(hit)
            } else if isWord(i), lexicon.cueNouns[hashAt(i)] != nil, let hit = nounCue(i, sentence: r) {
                out.append(hit)
            }
            i += 1
        }
    }

    /// "according to X, …" / "…, according to X." and the media forms "as reported by X", "citing X".
    func accordingTo(cue: Range<Int>, sentence r: Range<Int>, media: Bool) -> RuleHit? {
        // The source runs to the next punctuation mark: "according to police records,".
        var sourceEnd = cue.upperBound
        while sourceEnd < r.upperBound && sourceEnd - cue.upperBound < 10 && (tokens[sourceEnd].kind != .punctuation || hashAt(sourceEnd) == Words.curlyPossessive) && !tokens[sourceEnd].isQuote && !(sourceEnd > cue.upperBound && hashAt(sourceEnd) == Words.that) { sourceEnd += 1 }
        guard sourceEnd > cue.upperBound else { return nil }
        let source = cue.upperBound..<sourceEnd
        // "citing the cost of dredging" cites a reason, not a source: a relay names someone, an
        // outlet or a document ("citing Reuters", "citing officials", "citing a report").
        if media, Words.relayStarters.contains(hashAt(cue.lowerBound)),
           !source.contains(where: { tokens[$0].isCapitalized || lexicon.sourcePhrases.contains(tokens, at: $0) || lexicon.cueNouns[hashAt($0)] != nil }) {
            return nil
        }
        var content: Range<Int>?
        // Phrase at the start ("According to X, the …"): content follows the comma.
        var k = source.upperBound
        if cue.lowerBound <= r.lowerBound + 1 {
            while k < r.upperBound && !isPunct(k, Words.comma) { k += 1 }
            content = clause(from: k + 1, to: r.upperBound)
        } else {
            // Otherwise the clause before it, and what follows the phrase after a comma.
            var e = cue.lowerBound
            if media, e - 1 >= r.lowerBound, isWord(e - 1), hashAt(e - 1) == Words.as { e -= 1 }
            content = clause(from: r.lowerBound, to: e)
            if let c = content, isPunct(c.upperBound - 1, Words.comma) { content = c.lowerBound..<(c.upperBound - 1) }
        }
        guard let body = content else { return nil }
        let isOutlet = lexicon.outletNames.contains(tokens, at: source.lowerBound)
        var hit = RuleHit(kind: media ? .media : .accordingTo, cue: cue, source: source, content: [body])
        if media && isOutlet { hit.carrier = source }
        return hit
    }

    /// "X said (that) …", "X, who expressed a desire to …", "Observers note that …".
    func reportedSpeech(verb i: Int, cueVerb: CueVerb, sentence r: Range<Int>) -> RuleHit? {
        // Agentless: "it is believed that", "it was reported that".
        if i - 2 >= r.lowerBound, Words.passiveBe.contains(hashAt(i - 1)), hashAt(i - 2) == Words.it, Words.expletiveCues.contains(hashAt(i)) {
            guard let content = clause(from: i + 1 + (i + 1 < r.upperBound && hashAt(i + 1) == Words.that ? 1 : 0), to: r.upperBound) else { return nil }
            return RuleHit(kind: .noSource, cue: (i - 2)..<(i + 1), source: nil, content: [content])
        }
        // Passives. With an agent ("were carried by TASS") the media and noun rules decide; without
        // one ("The plan was announced on Monday", "He is considered a moderate") nobody is named.
        if i - 1 >= r.lowerBound, Words.passiveBe.contains(hashAt(i - 1)) {
            return agentlessPassive(verb: i, sentence: r)
        }
        // Participles used as adjectives ("the reported figure") are not cues.
        if i - 1 >= r.lowerBound, Words.determiners.contains(hashAt(i - 1)) { return nil }
        // A participle right after a noun modifies it ("the Super PAC backing Jeb Bush", "officials
        // attending the talks"): with no auxiliary before it, it is no finite reporting verb.
        if i - 1 >= r.lowerBound, isWord(i - 1), !Words.auxiliaries.contains(hashAt(i - 1)), !isPronoun(i - 1), Attributor.isParticiple(i, t) { return nil }
        // "states" is far more often the noun ("swing states like Ohio", "Rust Belt states"): as
        // the verb it introduces what is stated ("states that", "states:", a quotation).
        if hashAt(i) == Words.states, !(i + 1 < r.upperBound && (hashAt(i + 1) == Words.that || isPunct(i + 1, Words.colon) || tokens[i + 1].isQuote)) { return nil }
        // "that" with a verb right after it is a relative pronoun, and the word before it a noun:
        // "Rust Belt states that have suffered", "the reports that were leaked".
        if i + 2 < r.upperBound, hashAt(i + 1) == Words.that, Words.finiteAuxiliaries.contains(hashAt(i + 2)) { return nil }
        guard let source = subject(endingBefore: i, lo: r.lowerBound) else { return nil }
        // A finite auxiliary right after the word makes it a noun, the subject of its own clause
        // ("Rust Belt states have suffered", "the reports were wrong"), unless a relative opens
        // the clause: "which Clinton hopes can help", "what critics say was".
        if i + 1 < r.upperBound, Words.finiteAuxiliaries.contains(hashAt(i + 1)),
           !(source.lowerBound > r.lowerBound && Words.clauseOpeners.contains(hashAt(source.lowerBound - 1))) {
            return nil
        }
        // A bare base form ("state", "note", "report") is as often a noun: "the state news agency".
        // Accept it only with "that" after it or a plural/pronoun/vague subject before it.
        if hashAt(i) == cueVerb.lemmaHash, !(i + 1 < r.upperBound && hashAt(i + 1) == Words.that),
            !(isPronoun(source.upperBound - 1) || lexicon.sourcePhrases.contains(tokens, at: source.lowerBound) || lexicon.sourcePhrases.contains(tokens, at: source.upperBound - 1))
        {
            return nil
        }
        // "The council approved the plan on Tuesday, its chairman Olav Berg said." — the words
        // come first, the speaker and the verb close the sentence.
        if source.lowerBound - 1 > r.lowerBound, isPunct(source.lowerBound - 1, Words.comma), closesSentence(after: i, r),
            !t.isInsideQuote(source.lowerBound - 2), !tokens[source.lowerBound - 2].isQuote,
            let content = clause(from: r.lowerBound, to: source.lowerBound - 1)
        {
            let kind: AttributionKind = lexicon.sourcePhrases.contains(tokens, at: source.lowerBound) || lexicon.sourcePhrases.contains(tokens, at: source.upperBound - 1) ? vagueKind(source) : .indirect
            return RuleHit(kind: kind, cue: i..<(i + 1), source: source, content: [content])
        }
        var cueEnd = i + 1
        var start = cueEnd
        // "told reporters that", "told TASS": the listener is part of the cue.
        var carrier: Range<Int>?
        if start < r.upperBound, cueVerb.lemma == "tell" || cueVerb.lemma == "inform" || cueVerb.lemma == "assure" || cueVerb.lemma == "remind", let object = listener(from: start, hi: r.upperBound) {
            cueEnd = object.upperBound
            start = cueEnd
            // "told Reuters": the outlet carries the source's words.
            if let m = lexicon.outletNames.longestMatch(tokens, at: object.lowerBound + (Words.determiners.contains(hashAt(object.lowerBound)) ? 1 : 0)) {
                let o = object.lowerBound + (Words.determiners.contains(hashAt(object.lowerBound)) ? 1 : 0)
                carrier = o..<(o + m.length)
            }
        }
        // "expressed a desire to", "conveyed a clear position on": the noun joins the cue.
        if start < r.upperBound, Words.determiners.contains(hashAt(start)), ["express", "convey", "voice", "signal", "offer", "make", "raise", "share", "reiterate"].contains(cueVerb.lemma) {
            var k = start + 1
            while k < r.upperBound && k - start < 5 && isWord(k) && !Words.contentIntroducers.contains(hashAt(k)) { k += 1 }
            if k < r.upperBound { cueEnd = k; start = k }
        }
        if start < r.upperBound, hashAt(start) == Words.that { start += 1 }
        // "Trump said, looking out on the crowd": after a comma comes a scene, not the words.
        if start < r.upperBound, cueEnd == i + 1, isPunct(start, Words.comma) { return nil }
        // "spoke at a briefing", "wrote in 2015": a place or time, not what was said.
        if start < r.upperBound, cueEnd == i + 1, Words.circumstance.contains(hashAt(start)) { return nil }
        guard var content = clause(from: start, to: r.upperBound) else { return nil }
        // "…, he said, adding …": stop the content at a following quote-closing construction.
        if content.count > 60 { content = content.lowerBound..<(content.lowerBound + 60) }
        let kind: AttributionKind = lexicon.sourcePhrases.contains(tokens, at: source.lowerBound) || lexicon.sourcePhrases.contains(tokens, at: source.upperBound - 1) ? vagueKind(source) : .indirect
        return RuleHit(kind: kind, cue: i..<cueEnd, source: source, content: [content], carrier: carrier)
    }

    /// "The plan was announced…", "Smith is considered a moderate", "It was reported that…".
    func agentlessPassive(verb i: Int, sentence r: Range<Int>) -> RuleHit? {
        guard Attributor.endsLikeParticiple(i, t) else { return nil }
        if i + 1 < r.upperBound && (hashAt(i + 1) == Words.by) { return nil }
        var aux = i - 1
        while aux - 1 >= r.lowerBound && (Words.passiveBe.contains(hashAt(aux - 1)) || Words.auxiliaries.contains(hashAt(aux - 1))) { aux -= 1 }
        // "that"/"to" after the participle: the clause is the content ("It is believed that…").
        if i + 1 < r.upperBound && (hashAt(i + 1) == Words.that || hashAt(i + 1) == Words.to) {
            guard let content = clause(from: i + 2, to: r.upperBound) else { return nil }
            return RuleHit(kind: .noSource, cue: aux..<(i + 1), source: nil, content: [content])
        }
        // Otherwise the subject before the auxiliary is what is reported on, back to the clause start.
        var start = aux
        while start - 1 >= r.lowerBound && tokens[start - 1].kind != .punctuation && aux - start < 20 { start -= 1 }
        guard aux - start >= 1, let content = clause(from: start, to: aux) else { return nil }
        if aux - start == 1 && isPronoun(start) { return nil }
        return RuleHit(kind: .noSource, cue: aux..<(i + 1), source: nil, content: [content])
    }

    /// The listener after "told": "reporters", "the committee", "Reuters" — up to "that", a comma or a quote.
    func listener(from start: Int, hi: Int) -> Range<Int>? {
        var k = start
        while k < hi && k - start < 6 && isWord(k) && hashAt(k) != Words.that && cueVerb(k) == nil { k += 1 }
        guard k > start, k < hi, hashAt(k) == Words.that || tokens[k].kind == .punctuation || tokens[k].isQuote else { return nil }
        return start..<k
    }

    func vagueKind(_ source: Range<Int>) -> AttributionKind {
        for k in source {
            if let m = lexicon.sourcePhrases.longestMatch(tokens, at: k) { return lexicon.sourcePhraseKinds[m.value] == "anonymous" ? .anonymous : .vague }
        }
        return .vague
    }

    /// A preposition or content introducer ("on", "about", "for", "at", "of"), a conjunction or a
    /// determiner: a word that cannot be the verb after a noun ("his rhetoric and the help of…").
    func isNoVerb(_ k: Int) -> Bool {
        let h = hashAt(k)
        return Words.contentIntroducers.contains(h) || Words.circumstance.contains(h) || h == Words.of || Words.conjunctionsAndDeterminers.contains(h)
    }

    /// "Lavrov's remarks signaled …", "statements made by X regarding …", "reaction from X regarding …",
    /// "His comments reflected …".
    func nounCue(_ i: Int, sentence r: Range<Int>) -> RuleHit? {
        // Possessor before the noun: "Lavrov's remarks", "His comments".
        if i - 1 >= r.lowerBound {
            var source: Range<Int>?
            if hashAt(i - 1) == Words.possessive, let s = subject(endingBefore: i - 1, lo: r.lowerBound) { source = s }
            else if Words.possessivePronouns.contains(hashAt(i - 1)) { source = (i - 1)..<i }
            // The word after the noun must be its verb: not an auxiliary or passive "be", no
            // preposition ("her plans for…", "his attacks on…", "comments at an event": 1.5 points of
            // precision on PolNeAR dev when they counted) and no conjunction ("his rhetoric and…").
            if let source, i + 1 < r.upperBound, isWord(i + 1), !Words.auxiliaries.contains(hashAt(i + 1)), !Words.passiveBe.contains(hashAt(i + 1)),
               !isNoVerb(i + 1) {
                // The verb after the noun carries the content: "remarks signaled concern that…".
                var start = i + 2
                while start < r.upperBound && isWord(start) && !Words.contentIntroducers.contains(hashAt(start)) && start - i < 4 { start += 1 }
                if start < r.upperBound && hashAt(start) == Words.that { start += 1 }
                guard let content = clause(from: start, to: r.upperBound) else { return nil }
                return RuleHit(kind: .indirect, cue: i..<(i + 2), source: source, content: [content])
            }
        }
        // "statements made by X regarding …", "reaction from X regarding …".
        var k = i + 1
        if k < r.upperBound && hashAt(k) == Words.made { k += 1 }
        guard k < r.upperBound, hashAt(k) == Words.by || hashAt(k) == Words.from else { return nil }
        guard let source = objectPhrase(from: k + 1, hi: r.upperBound) else { return nil }
        var start = source.upperBound
        guard start < r.upperBound, Words.contentIntroducers.contains(hashAt(start)) else { return nil }
        start += 1
        guard let content = clause(from: start, to: r.upperBound) else { return nil }
        let kind: AttributionKind = lexicon.sourcePhrases.contains(tokens, at: source.lowerBound) ? vagueKind(source) : .indirect
        return RuleHit(kind: kind, cue: i..<k + 1, source: source, content: [content])
    }

    // MARK: Quotes

    /// Each quotation of three words or more, with the cue and source next to it.
    func quoteHits(into out: inout [RuleHit]) {
        let closers = t.quoteClosers
        // By index into `closers` (increasing token indices): no hashing per quotation.
        var consumed = [Bool](repeating: false, count: closers.count)
        var attributed = [Bool](repeating: false, count: closers.count)
        for (n, close) in closers.enumerated() where !consumed[n] {
            let open = Int(t.quoteOpener[close])
            let words = wordCount(open, close)
            guard words >= 1 else { continue }
            let content = (open + 1)..<close
            // One or two words are a scare quote ("a “con”") unless they end like speech
            // (“You winning?” she said / “Yes,” he said) with the cue right after.
            let hit: RuleHit?
            if words >= 3 {
                hit = cueAfterQuote(content: leadIn(before: open).map { $0..<close } ?? content, close: close) ?? cueBeforeQuote(content: content, open: open)
            } else if close - 1 > open, tokens[close - 1].kind == .punctuation, hashAt(close - 1) == Words.comma || hashAt(close - 1) == Words.questionMark || hashAt(close - 1) == Words.exclamationMark {
                hit = cueAfterQuote(content: content, close: close)
            } else {
                hit = labelHit(open: open, close: close)
            }
            guard var hit else { continue }
            if n > 0, !consumed[n - 1], !attributed[n - 1], let previous = quoteOpensSentenceBefore(open, previousClose: closers[n - 1]) {
                hit.content.insert(previous, at: 0)
            }
            attributed[n] = true
            // “A,” he said. “B.” — the quotes that follow in the same paragraph, with no cue of
            // their own, are the same speaker's words.
            var last = max(close, hit.cue.upperBound - 1, (hit.source?.upperBound ?? 0) - 1)
            var m = n + 1
            while m < closers.count {
                let nextClose = closers[m]
                let nextOpen = Int(t.quoteOpener[nextClose])
                guard nextOpen > last, wordCount(nextOpen, nextClose) >= 1 else { break }
                // “A,” Tester said, referring to X, “B.” — a quote split around its cue.
                let sameSentence = t.sentenceOfToken[nextOpen] == t.sentenceOfToken[last] && !AttributionText.hasNewline(t.bytes, t.tokens[last].range.upperBound, t.tokens[nextOpen].range.lowerBound)
                guard sameSentence || followsInParagraph(last, nextOpen) || opensNextParagraph(after: last, nextOpen, nextClose) else { break }
                // “A,” Sanders said, suggesting questions, including “B” — a second cue, a second attribution.
                // ("in an email to…": after a determiner a cue word is a noun.)
                if sameSentence, ((last + 1)..<nextOpen).contains(where: { cueVerb($0) != nil && !Words.determiners.contains(hashAt($0 - 1)) }) { break }
                // A quote with a cue of its own (“B” to drive up…, she said) starts a new attribution.
                if cueAfterQuote(content: (nextOpen + 1)..<nextClose, close: nextClose) != nil || (!sameSentence && sentenceHasCue(around: nextOpen)) { break }
                hit.content.append((nextOpen + 1)..<nextClose)
                consumed[m] = true
                last = nextClose
                m += 1
            }
            out.append(hit)
        }
    }

    /// "She called Wells Fargo's behavior “outrageous”", "describing Clinton as “unhinged”": a
    /// short quotation is the source's own word for someone when a naming verb with a subject
    /// stands a few words before it. ("a group called “Moms for Liberty”", "so-called" are names.)
    func labelHit(open: Int, close: Int) -> RuleHit? {
        let sentence = t.sentenceTokens[Int(t.sentenceOfToken[open])]
        var v = open - 1
        while v >= sentence.lowerBound && open - v <= 8 && !tokens[v].isQuote && !(tokens[v].kind == .punctuation && isPunct(v, Words.period)) {
            if isWord(v), !tokens[v].isCapitalized, Words.labelVerbs.contains(hashAt(v)) {
                guard v - 1 >= sentence.lowerBound, !Words.determiners.contains(hashAt(v - 1)), !Words.passiveBe.contains(hashAt(v - 1)),
                    tokens[v - 1].kind == .word, let source = subject(endingBefore: v, lo: sentence.lowerBound) else { return nil }
                return RuleHit(kind: .direct, cue: v..<(v + 1), source: source, content: [(v + 1)..<(close + 1)])
            }
            v -= 1
        }
        return nil
    }

    /// “…,” he said.⏎“Right now, the vote is against Trump…” — a paragraph that is nothing but a
    /// quotation, right after the speaker's attributed quote, goes on with the same speaker.
    func opensNextParagraph(after last: Int, _ open: Int, _ close: Int) -> Bool {
        guard open > last, AttributionText.hasNewline(t.bytes, tokens[last].range.upperBound, tokens[open].range.lowerBound) else { return false }
        // Only the end of the speaker's paragraph lies between: punctuation, the cue's sentence end.
        var k = last + 1
        while k < open {
            if AttributionText.hasNewline(t.bytes, tokens[k - 1].range.upperBound, tokens[k].range.lowerBound) { return false }
            if tokens[k].kind != .punctuation { return false }
            k += 1
        }
        // One paragraph break, and the quotation fills its paragraph.
        let gap = t.bytes[tokens[open - 1].range.upperBound..<tokens[open].range.lowerBound]
        guard gap.filter({ $0 == 0x0A }).count <= 2 else { return false }
        var end = close + 1
        while end < tokens.count && tokens[end].kind == .punctuation && !AttributionText.hasNewline(t.bytes, tokens[end - 1].range.upperBound, tokens[end].range.lowerBound) { end += 1 }
        return end == tokens.count || AttributionText.hasNewline(t.bytes, tokens[end - 1].range.upperBound, tokens[end].range.lowerBound)
    }

    /// Nothing after the verb at `i` but a time ("on Tuesday", "last week") and the full stop.
    func closesSentence(after i: Int, _ r: Range<Int>) -> Bool {
        var k = i + 1
        while k < r.upperBound && k - i < 5 && isWord(k) && (Words.timeWords.contains(hashAt(k)) || tokens[k].isCapitalized || Words.determiners.contains(hashAt(k))) { k += 1 }
        // "…, its chairman, Olav Berg, said on Thursday, citing the cost…": a participle clause
        // after a comma goes on with the same speaker.
        if k + 1 < r.upperBound, isPunct(k, Words.comma), Attributor.isParticiple(k + 1, t) { return true }
        return k == r.upperBound || (k == r.upperBound - 1 && tokens[k].kind == .punctuation && !tokens[k].isQuote)
    }

    /// A cue verb outside quotation marks in the sentence of token `i`.
    func sentenceHasCue(around i: Int) -> Bool {
        let s = Int(t.sentenceOfToken[i])
        guard s >= 0 else { return false }
        for k in t.sentenceTokens[s] where !t.isInsideQuote(k) && !tokens[k].isQuote && cueVerb(k) != nil { return true }
        return false
    }

    /// — ― – as a token.
    func isDash(_ i: Int) -> Bool {
        let r = tokens[i].range
        guard tokens[i].kind == .punctuation, r.count == 3, t.bytes[r.lowerBound] == 0xE2, t.bytes[r.lowerBound + 1] == 0x80 else { return false }
        let c = t.bytes[r.lowerBound + 2]
        return c == 0x93 || c == 0x94 || c == 0x95
    }

    func wordCount(_ open: Int, _ close: Int) -> Int {
        var words = 0
        for k in (open + 1)..<close where isWord(k) { words += 1 }
        return words
    }

    /// Token `to` comes right after `from`'s sentence (or within it), with no paragraph break
    /// and nothing but punctuation between the end of `from`'s sentence and `to`.
    func followsInParagraph(_ from: Int, _ to: Int) -> Bool {
        if AttributionText.hasNewline(t.bytes, t.tokens[from].range.upperBound, t.tokens[to].range.lowerBound) { return false }
        // The rest of the cue's sentence ("…,” said Daryl Kimball, director of X. “…”) is skipped.
        let s = Int(t.sentenceOfToken[from])
        if s >= 0 && s + 1 < t.sentenceTokens.count && t.sentenceTokens[s + 1].lowerBound == to { return true }
        // A straight quote the splitter left at the end of the cue's sentence: `Trump. "So I…`.
        if s >= 0 && tokens[to].isQuote && t.sentenceTokens[s].upperBound == to + 1 && Int(t.sentenceOfToken[to]) == s { return true }
        var k = from + 1
        while k < to {
            if tokens[k].kind != .punctuation { return false }
            k += 1
        }
        return true
    }

    /// “You went on television to blame thousands of $12-an-hour” workers. “It’s gutless
    /// leadership,” Warren said. — a sentence that opens with a quotation and has no cue of its
    /// own, right before the attributed quotation's sentence in the same paragraph, is the same
    /// speaker's. Returns the earlier quotation's content.
    func quoteOpensSentenceBefore(_ open: Int, previousClose: Int) -> Range<Int>? {
        let previousOpen = Int(t.quoteOpener[previousClose])
        let s = Int(t.sentenceOfToken[open])
        guard s > 0, t.sentenceTokens[s].lowerBound == open, wordCount(previousOpen, previousClose) >= 3 else { return nil }
        let before = t.sentenceTokens[s - 1]
        guard before.lowerBound == previousOpen, previousClose < open, !sentenceHasCue(around: previousOpen),
            !AttributionText.hasNewline(t.bytes, tokens[previousOpen].range.upperBound, tokens[open].range.lowerBound)
        else { return nil }
        return (previousOpen + 1)..<previousClose
    }

    /// "So when Patriot signaled a deal, “we were floored,” Mr. Barrett said." — the writer's
    /// words that open the sentence of a quotation are part of what the speaker is reported to
    /// have said. Returns where they start, or nil when the quotation opens the sentence or the
    /// words carry a cue or a quotation of their own.
    func leadIn(before open: Int) -> Int? {
        let s = Int(t.sentenceOfToken[open])
        guard s >= 0 else { return nil }
        let start = t.sentenceTokens[s].lowerBound
        guard start < open, (start..<open).contains(where: { isWord($0) }) else { return nil }
        for k in start..<open {
            if tokens[k].isQuote || quoteCue(k) || t.isInsideQuote(k) { return nil }
            if k > start, AttributionText.hasNewline(t.bytes, tokens[k - 1].range.upperBound, tokens[k].range.lowerBound) { return nil }
        }
        return start
    }

    /// "“…,” said Trump." / "“…,” he said." / "“…,” Trump told reporters."
    func cueAfterQuote(content: Range<Int>, close: Int) -> RuleHit? {
        let s = Int(t.sentenceOfToken[close])
        guard s >= 0 else { return nil }
        var hi = t.sentenceTokens[s].upperBound
        // "“How many times…?” Clinton said." — the splitter ends a sentence at "?”" before a
        // capital; the cue is in the next one.
        if hi == close + 1, s + 1 < t.sentenceTokens.count, t.sentenceTokens[s + 1].lowerBound == hi, hi < tokens.count,
            !AttributionText.hasNewline(t.bytes, tokens[close].range.upperBound, tokens[hi].range.lowerBound)
        {
            hi = t.sentenceTokens[s + 1].upperBound
        }
        var k = close + 1
        if k < hi && tokens[k].kind == .punctuation && !tokens[k].isQuote && hashAt(k) != Words.period { k += 1 }
        guard k < hi else { return nil }
        // Vox-pop credit: "“…” ― Esther Tapia".
        if close + 2 < tokens.count, isDash(close + 1), !AttributionText.hasNewline(t.bytes, tokens[close].range.upperBound, tokens[close + 2].range.lowerBound), tokens[close + 2].isCapitalized, let source = objectPhrase(from: close + 2, hi: min(tokens.count, close + 8), max: 5) {
            return RuleHit(kind: .direct, cue: (close + 1)..<(close + 2), source: source, content: [content])
        }
        if quoteCue(k), let source = objectPhrase(from: descriptorsEnd(from: k + 1, hi: hi), hi: hi, max: 8) {
            return RuleHit(kind: .direct, cue: k..<(k + 1), source: (k + 1)..<source.upperBound, content: [content])
        }
        // "“…,” Senate Majority Leader Mitch McConnell, R-Ky., said Tuesday." — the speaker with
        // appositions and party tags, then the verb.
        var v = k
        while v < hi && v - k < 16 && !quoteCue(v) && (isNounPhraseWord(v) || Words.auxiliaries.contains(hashAt(v)) || Words.appositionMarks.contains(hashAt(v)) || (tokens[v].kind == .word && v > k && isPunct(v - 1, Words.comma))) { v += 1 }
        guard v < hi, v > k, quoteCue(v), tokens[k].isCapitalized || isPronoun(k) || Words.determiners.contains(hashAt(k)) else { return nil }
        var sourceEnd = v
        while sourceEnd > k && (tokens[sourceEnd - 1].kind == .punctuation && !isNounPhraseWord(sourceEnd - 1) || Words.auxiliaries.contains(hashAt(sourceEnd - 1))) { sourceEnd -= 1 }
        guard sourceEnd > k else { return nil }
        let source = k..<sourceEnd
        var cueEnd = v + 1
        if cueVerb(v)?.lemma == "tell", let object = objectPhrase(from: cueEnd, hi: hi, max: 4) { cueEnd = object.upperBound }
        return RuleHit(kind: .direct, cue: v..<cueEnd, source: source, content: [content])
    }

    /// "said widow Terry Strada", "said longtime pollster Pat Caddell": up to three lower-case
    /// descriptive words before a capitalised name belong to the speaker. Returns where the name
    /// starts, or `start` when no name follows.
    func descriptorsEnd(from start: Int, hi: Int) -> Int {
        var k = start
        while k < hi && k - start < 3 && isWord(k) && !tokens[k].isCapitalized && !isNounPhraseWord(k) && cueVerb(k) == nil
            && !Words.circumstance.contains(hashAt(k)) && !Words.timeWords.contains(hashAt(k)) && !Words.contentIntroducers.contains(hashAt(k))
            && !Words.auxiliaries.contains(hashAt(k)) && !Words.clauseBreakers.contains(hashAt(k)) && !Words.relativeWhat.contains(hashAt(k))
        {
            k += 1
        }
        guard k > start, k < hi, isWord(k), tokens[k].isCapitalized, !Words.timeWords.contains(hashAt(k)) else { return start }
        return k
    }

    /// "Trump said: “…”" / "He told reporters, “…”" / "She said that “…”".
    func cueBeforeQuote(content: Range<Int>, open: Int) -> RuleHit? {
        var k = open - 1
        guard k >= 0 else { return nil }
        if tokens[k].kind == .punctuation && (hashAt(k) == Words.colon || hashAt(k) == Words.comma) { k -= 1 }
        if k >= 0 && hashAt(k) == Words.that { k -= 1 }
        guard k >= 0 else { return nil }
        let s = Int(t.sentenceOfToken[k])
        let lo = s >= 0 ? t.sentenceTokens[s].lowerBound : 0
        // The verb may be followed by its listener: "told reporters: “…”".
        if isPunct(open - 1, Words.colon), let hit = statementBeforeQuote(noun: k, lo: lo, content: content) { return hit }
        var v = k
        while v >= lo && k - v < 4 && !quoteCue(v) { v -= 1 }
        guard v >= lo, quoteCue(v) else { return nil }
        if v != k && cueVerb(v)?.lemma != "tell" { return nil }
        guard let source = subject(endingBefore: v, lo: lo) else { return nil }
        return RuleHit(kind: .direct, cue: v..<(k + 1), source: source, content: [content])
    }

    /// "Sanders made the following comment: “…”" / "The mayor issued this statement: “…”" — a
    /// statement noun before the colon; the cue runs from its verb to the colon.
    func statementBeforeQuote(noun k: Int, lo: Int, content: Range<Int>) -> RuleHit? {
        guard isWord(k), Words.statementNouns.contains(hashAt(k)), k > lo, Words.determiners.contains(hashAt(k - 1)) || hashAt(k - 1) == Words.following || Words.statementAdjectives.contains(hashAt(k - 1)) else { return nil }
        var v = k - 1
        while v >= lo && k - v <= 3 && isWord(v) && (Words.determiners.contains(hashAt(v)) || hashAt(v) == Words.following || !tokens[v].isCapitalized && Words.statementAdjectives.contains(hashAt(v))) { v -= 1 }
        guard v >= lo, v < k, isWord(v), !tokens[v].isCapitalized, !Words.determiners.contains(hashAt(v)), let source = subject(endingBefore: v, lo: lo) else { return nil }
        return RuleHit(kind: .direct, cue: v..<(k + 2), source: source, content: [content])
    }

    // MARK: Transcripts

    /// "WALLACE: Let's start with…": in an interview transcript a speaker's name in capitals and
    /// a colon open a paragraph of their own words.
    func speakerTurn(_ r: Range<Int>) -> RuleHit? {
        guard r.lowerBound == 0 || AttributionText.hasNewline(t.bytes, tokens[r.lowerBound - 1].range.upperBound, tokens[r.lowerBound].range.lowerBound) else { return nil }
        // Some transcripts quote each turn: "PENCE: Well, look…
        let first = r.lowerBound + (tokens[r.lowerBound].isQuote && r.count > 1 ? 1 : 0)
        var k = first
        var letters = 0
        while k < r.upperBound && k - first < 4 && isWord(k) {
            for b in t.bytes[tokens[k].range] {
                if b >= 0x41 && b <= 0x5A { letters += 1 } else if b != 0x2E && b != 0x27 && b != 0x2D { return nil }
            }
            k += 1
        }
        guard k > first, letters >= 2, k + 3 < r.upperBound, isPunct(k, Words.colon), !Words.notSpeakers.contains(hashAt(first)) else { return nil }
        // The turn runs to the end of its paragraph, over sentences.
        var end = k + 1
        while end < tokens.count && end - k < 4000 && !AttributionText.hasNewline(t.bytes, tokens[end - 1].range.upperBound, tokens[end].range.lowerBound) { end += 1 }
        if tokens[end - 1].isQuote { end -= 1 }
        guard end > k + 3 else { return nil }
        return RuleHit(kind: .direct, cue: k..<(k + 1), source: first..<k, content: [(k + 1)..<end])
    }

    // MARK: Document lines

    /// "Attribution: As reported by TASS and corroborated by …", "Source: Reuters", "(Reuters) — …".
    func documentLine(_ r: Range<Int>) -> RuleHit? {
        let first = r.lowerBound
        guard r.count >= 3 else { return nil }
        let h = hashAt(first)
        if (h == Words.attribution || h == Words.source || h == Words.sources || h == Words.credit), isPunct(first + 1, Words.colon) {
            // Every outlet named in the line is a source; so is "official statements from …".
            var sources: [Range<Int>] = []
            var carrier: Range<Int>?
            var k = first + 2
            var contentStart = r.upperBound
            while k < r.upperBound {
                if let m = lexicon.outletNames.longestMatch(tokens, at: k) {
                    sources.append(k..<(k + m.length))
                    if carrier == nil { carrier = k..<(k + m.length) }
                    k += m.length
                    continue
                }
                if isWord(k), lexicon.cueNouns[hashAt(k)] != nil {
                    // "official statements from the involved parties"
                    var s = k
                    while s - 1 > first + 1 && isWord(s - 1) && !tokens[s - 1].isCapitalized && !Words.expletiveCues.contains(hashAt(s - 1)) && hashAt(s - 1) != Words.by && hashAt(s - 1) != Words.and { s -= 1 }
                    var e = k + 1
                    if e < r.upperBound && (hashAt(e) == Words.from || hashAt(e) == Words.of || hashAt(e) == Words.by) {
                        e += 1
                        while e < r.upperBound && e - k < 10 && tokens[e].kind != .punctuation { e += 1 }
                    }
                    sources.append(s..<e)
                    k = e
                    continue
                }
                if isPunct(k, Words.comma) && !sources.isEmpty && contentStart == r.upperBound { contentStart = k + 1; break }
                k += 1
            }
            guard !sources.isEmpty else { return nil }
            let content = clause(from: contentStart, to: r.upperBound) ?? ((first + 2)..<r.upperBound)
            return RuleHit(kind: .document, cue: first..<(first + 2), source: sources[0], content: [content], carrier: carrier, extraSources: Array(sources.dropFirst()))
        }
        // A dateline credit at the very start of the article: "MOSCOW (Reuters) - …", "(AP) —".
        let startsParagraph = first == 0 || AttributionText.hasNewline(t.bytes, tokens[first - 1].range.upperBound, tokens[first].range.lowerBound)
        if startsParagraph && tokens[first].range.lowerBound < 600 {
            var k = first
            while k < r.upperBound && k - first < 4 && !isPunct(k, Words.openParen) { k += 1 }
            if k < r.upperBound, isPunct(k, Words.openParen), let m = lexicon.outletNames.longestMatch(tokens, at: k + 1), k + 1 + m.length < r.upperBound, isPunct(k + 1 + m.length, Words.closeParen) {
                let outlet = (k + 1)..<(k + 1 + m.length)
                guard let content = clause(from: k + 2 + m.length, to: r.upperBound) else { return nil }
                return RuleHit(kind: .document, cue: k..<(k + 2 + m.length), source: outlet, content: [content], carrier: outlet)
            }
        }
        return nil
    }
}

import Foundation

/// Removes the site-name suffix or prefix that `<title>` and `og:title` often carry.
enum TitleCleaner {
    static let separators = [" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " // ", " : "]

    static func strip(_ title: String, site: String?, headings: [String]) -> String {
        var title = title
        // When an <h1> is exactly a part of the title, that part is the headline.
        for heading in headings where !heading.isEmpty && heading.count * 2 >= title.count && heading != title {
            if title.hasPrefix(heading) || title.hasSuffix(heading) { return heading }
        }
        for separator in separators {
            let parts = MetadataText.split(title, [Array(separator.utf8)])
            guard parts.count >= 2 else { continue }
            let first = parts[0].trimmed
            let last = parts[parts.count - 1].trimmed
            if let site = site?.fastLowercased, !site.isEmpty {
                let lastLower = last.fastLowercased
                if lastLower == site || ByteSearch.contains(site, lastLower) || ByteSearch.contains(lastLower, site) {
                    title = parts.dropLast().joined(separator: separator).trimmed
                    continue
                }
                let firstLower = first.fastLowercased
                if firstLower == site || ByteSearch.contains(site, firstLower) {
                    title = parts.dropFirst().joined(separator: separator).trimmed
                    continue
                }
            }
            // No site name known: drop a short last segment that looks like a brand.
            if separator != " : " && last.count <= 30 && last.count * 3 < first.count {
                title = parts.dropLast().joined(separator: separator).trimmed
            }
        }
        return title
    }
}

/// Turns a raw byline ("By Jane Doe, Staff Writer", "von Max Muster") into people's names.
enum BylineCleaner {
    /// Lower-case prefixes that introduce a byline, longest first.
    static let prefixes = [
        "zeige alle beiträge von ", "alle beiträge von ", "ein artikel von ", "text von ", "artikel von ", "bericht von ", "view all posts by ", "show all articles of", "more articles by ",
        "posts by ", "written by ", "posted by ", "published by ", "eingestellt von ", "veröffentlicht von ", "geschrieben von ",
        "gespeichert von ", "verfasst von ", "erstellt von ", "ein beitrag von ", "beitrag von ", "artikel von ", "text und fotos: ",
        "text & fotos: ", "text: ", "texte: ", "autor: ", "autorin: ", "autoren: ", "author: ", "authors: ", "auteur : ",
        "auteur: ", "redaktion: ", "by: ", "von: ", "by ", "von ", "par ", "por ", "di ", "door ", "av ", "from ",
    ]
    /// Prefixes that may open a visible text line as a byline.
    static let lineOpeners = [
        "by ", "von ", "par ", "por ", "written by ", "posted by ", "eingestellt von ", "veröffentlicht von ",
        "geschrieben von ", "gespeichert von ", "verfasst von ", "erstellt von ", "text: ", "autor: ", "autorin: ",
        "author: ", "ein beitrag von ", "beitrag von ", "text von ", "ein artikel von ", "artikel von ", "bericht von ",
    ]

    static let lineOpenerBytes = lineOpeners.map { Array($0.utf8) }

    /// Whether a text node opens with a byline prefix ("By ", "Von ", "Autor: "), ASCII case-insensitive.
    static func hasBylinePrefix(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { rest0 in
            var start = 0
            let n = rest0.count
            while start < n, rest0[start] == 0x20 || rest0[start] == 0x0A || rest0[start] == 0x09 || rest0[start] == 0x0D {
                start += 1
            }
            // Every opener starts with a letter: only those with the text's first letter can match.
            guard start < n else { return false }
            var first = rest0[start]
            if first >= 0x41 && first <= 0x5A { first += 0x20 }
            outer: for p in lineOpenerBytes where p[0] == first {
                // The trailing space of the prefix may be the end of the node ("Von" + <a>Name</a>).
                var k = 0
                var j = start
                while k < p.count {
                    if j == n { if k == p.count - 1 && p[k] == 0x20 { return true } else { continue outer } }
                    var c = rest0[j]
                    if c >= 0x41 && c <= 0x5A { c += 0x20 }
                    if c == 0xC2, j + 1 < n, rest0[j + 1] == 0xA0, p[k] == 0x20 { j += 2; k += 1; continue }
                    if c == 0x0A || c == 0x09 { c = 0x20 }
                    if c != p[k] { continue outer }
                    j += 1
                    k += 1
                }
                return true
            }
            return false
        }
    }

    static func isBareBylinePrefix(_ s: String) -> Bool {
        let lower = s.fastLowercased + " "
        for p in lineOpeners where lower == p || lower == p + " " || (p.hasSuffix(": ") && lower == p) { return true }
        return false
    }

    /// A text ending in a byline label ("Text von", "… by", "Autor:"): returns "Von " to prefix the name that follows.
    /// "DT", "JF": two or three capitals standing for a name.
    static func isInitials(_ name: String) -> Bool {
        name.count >= 2 && name.count <= 3 && name.allSatisfy { $0.isUppercase }
    }

    static func initials(of name: String) -> String {
        String(name.split(separator: " ").compactMap { $0.first.map { Character($0.uppercased()) } })
    }

    /// "und", "and", ",", "&" between two names.
    static func isConnector(_ s: String) -> Bool {
        ["und", "and", "&", ",", "et", "y", "e", "sowie"].contains(s.fastLowercased)
    }

    static func isDesk(_ name: String) -> Bool {
        let words = name.fastLowercased.split(whereSeparator: { $0 == " " || $0 == "-" })
        return words.contains(where: { ["redaktion", "staff", "editorial", "redacción", "rédaction", "newsdesk", "redaction"].contains(String($0)) })
    }

    static let trailingLabelWords = ["von", "by", "autor", "autorin", "author", "autoren", "verfasser"]
    static let trailingLabelSuffixes = [" von", " by", "von:", "by:", "autor:", "autorin:", "autoren:", "author:", "redaktion:", "text:"]
    static let trailingLabelWordBytes = trailingLabelWords.map { Array($0.utf8) }
    static let trailingLabelSuffixBytes = trailingLabelSuffixes.map { Array($0.utf8) }

    /// Whether an ASCII text (lower-cased byte-wise, which is what `lowercased()` does to ASCII)
    /// is a label word or ends in a label suffix: the test `trailingLabel` opens with, without a copy.
    static func asciiEndsInLabel(_ s: String) -> Bool {
        var lower = Array(s.utf8)
        for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
        if trailingLabelWordBytes.contains(lower) { return true }
        return trailingLabelSuffixBytes.contains { lower.count >= $0.count && lower.suffix($0.count).elementsEqual($0) }
    }

    /// Lower-case endings every label text of `trailingLabel` has (after trailing white space).
    static let labelEndings = (trailingLabelWords + trailingLabelSuffixes.map { $0.hasPrefix(" ") ? String($0.dropFirst()) : $0 })
        .map { Array($0.utf8) }

    /// False when the raw text node certainly gives no `trailingLabel`, checked on bytes before
    /// any String is made: after the white space `collapsedWhitespace` trims, the ASCII-lower-cased
    /// end must be a label ending. (Lower-casing maps only A-Z and the Kelvin sign to ASCII
    /// letters; text with a Kelvin sign goes the String way.)
    static func mayEndInLabel(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            let n = p.count
            // The Kelvin sign (E2 84 AA): bytes at or above 0x80 are not changed by ASCII lower-casing.
            var i = 0
            while i + 2 < n {
                if p[i] == 0xE2 && p[i + 1] == 0x84 && p[i + 2] == 0xAA { return true }
                i += 1
            }
            var end = n
            while end > 0 {
                let b = p[end - 1]
                if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                    end -= 1
                } else if end >= 2, p[end - 2] == 0xC2, b == 0xA0 || b == 0x85 {
                    end -= 2
                } else if end >= 3, case let (x, y) = (p[end - 3], p[end - 2]),
                    x == 0xE2 && y == 0x80 && ((b >= 0x80 && b <= 0x8A) || b == 0xAF || b == 0xA8 || b == 0xA9)
                        || x == 0xE2 && y == 0x81 && b == 0x9F || x == 0xE3 && y == 0x80 && b == 0x80
                {
                    end -= 3
                } else {
                    break
                }
            }
            for ending in labelEndings where end >= ending.count {
                var k = 0
                let from = end - ending.count
                while k < ending.count {
                    var c = p[from + k]
                    if c >= 0x41 && c <= 0x5A { c |= 0x20 }
                    if c != ending[k] { break }
                    k += 1
                }
                if k == ending.count { return true }
            }
            return false
        }
    }

    static let kelvinSign: [UInt8] = [0xE2, 0x84, 0xAA]

    static func trailingLabel(_ s: String) -> String? {
        // Most texts are ASCII and end in no label: decide those on bytes.
        if s.utf8.allSatisfy({ $0 < 0x80 }), !asciiEndsInLabel(s) { return nil }
        let lower = s.fastLowercased
        var labelled = trailingLabelWords.contains(lower)
        if !labelled {
            for suffix in trailingLabelSuffixes where lower.hasSuffix(suffix) {
                labelled = true
                break
            }
        }
        guard labelled else { return nil }
        // Footers and widgets: "Powered by", "Theme by", "Comments by", "Designed by".
        let words = lower.split(whereSeparator: { !$0.isLetter })
        for word in words {
            for credit in ["powered", "theme", "comment", "design", "hosted", "provided", "developed", "made", "built", "template",
                "photo", "foto", "bild", "image", "proudly", "kommentar", "hosting", "translated", "übersetzt", "icons"]
            where word.hasPrefix(credit) {
                return nil
            }
        }
        return "Von "
    }

    static func isAuthorLabel(_ label: String) -> Bool {
        ["written by", "verfasst von", "geschrieben von", "autor", "author", "von", "by", "escrito por", "écrit par"].contains(
            label.trimmed)
    }

    static func afterPrefix(_ s: String) -> String {
        var name = s.collapsedWhitespace
        // ASCII (whitespace collapsed, so no CR LF): a byte prefix test answers `hasPrefix`, and only
        // the ASCII prefixes can match; anything else takes the String path below.
        if let cut = asciiPrefixLength(name) {
            return cut == 0 ? name : String(Substring(name.utf8.dropFirst(cut)))
        }
        let lower = name.fastLowercased
        for prefix in prefixes where lower.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            break
        }
        return name
    }

    static let prefixBytes = prefixes.map { Array($0.utf8) }

    /// For ASCII `name`: the byte length of the first of `prefixes` it starts with (ASCII case-insensitive), or 0;
    /// nil when `name` is not ASCII.
    static func asciiPrefixLength(_ name: String) -> Int? {
        var copy = name
        return copy.withUTF8 { b -> Int? in
            for c in b where c >= 0x80 { return nil }
            outer: for p in prefixBytes where p.count <= b.count {
                for k in 0..<p.count {
                    var c = b[k]
                    if c &- 0x41 < 26 { c |= 0x20 }
                    if c != p[k] { continue outer }
                }
                return p.count
            }
            return 0
        }
    }

    static func clean(_ raw: String) -> String {
        var name = afterPrefix(raw)
        if let cut = name.firstIndex(where: { $0 == "|" || $0 == "\n" || $0 == "•" || $0 == "·" }) {
            name = String(name[..<cut])
        }
        // Drop a trailing date or time ("Max Muster 12.03.2020", "Jane Doe, March 3, 2020").
        name = MetadataText.cutAtStops(name + " ")
        name = MetadataText.trim(name, Self.trimScalars)
        // Glued or role prefixes: "AuthorJane Doe", "Interview: Jane Doe", "FOCUS-Online-Experte Jane Doe".
        for glued in ["Author", "Autor", "Autorin", "Von", "By"] where name.hasPrefix(glued) {
            let rest = name.dropFirst(glued.count)
            if let c = rest.first, c.isUppercase { name = String(rest) }
        }
        // ASCII without CR (whitespace is collapsed): each byte is a Character, so search bytes.
        let isASCII = name.utf8.allSatisfy { $0 < 0x80 }
        if let colon = isASCII ? name.utf8.firstIndex(of: 0x3A) : name.firstIndex(of: ":"),
            name.distance(from: name.startIndex, to: colon) <= 20
        {
            let rest = String(name[name.index(after: colon)...]).trimmed
            if !rest.isEmpty { name = rest }
        }
        // "Peter Maahn/SP-X": an agency code after a full name.
        if let slash = isASCII ? name.utf8.firstIndex(of: 0x2F) : name.firstIndex(of: "/") {
            let before = String(name[..<slash]).trimmed
            if before.split(separator: " ").count >= 2 { name = before }
        }
        if name.hasPrefix("http") || name.contains("@") && !name.contains(" ") { return "" }
        if (isASCII ? name.utf8.count : name.count) > 80 { return "" }
        return name
    }

    static let trimScalars: Set<Unicode.Scalar> = Set(" ,;:-–—·|()→»>\t'\"“”„‘’«".unicodeScalars)

    /// One raw byline into names: "A and B", "A, B & C", "A und B".
    static func names(_ raw: String) -> [String] {
        var text = afterPrefix(raw)
        if let cut = text.firstIndex(where: { $0 == "|" || $0 == "\n" || $0 == "•" }) { text = String(text[..<cut]) }
        let parts = MetadataText.split(text, MetadataText.nameSeparators)
        // "Jane Doe, Staff Writer": keep the first part when the rest are roles.
        var out: [String] = []
        for part in parts {
            let name = clean(part)
            if !name.isEmpty { out.append(name) }
        }
        return out
    }

    static let roleWords: Set<String> = [
        "redakteur", "redakteurin", "korrespondent", "korrespondentin", "reporter", "editor", "writer", "staff", "contributor",
        "correspondent", "journalist", "journalistin", "autor", "autorin", "author", "photographer", "fotograf", "senior",
        "chefredakteur", "chefredakteurin", "columnist", "kolumnist", "kolumnistin", "mitarbeiter", "team", "redaktion", "admin",
        "administrator", "gast", "guest", "anzeige", "sponsored", "home", "startseite", "menu", "menü", "kontakt", "contact",
        "impressum", "newsletter", "login", "search", "suche", "share", "teilen", "kommentare", "comments", "profil", "profile",
        "archiv", "anzeigen", "posts", "beiträge", "articles", "more", "mehr", "über", "about", "follow", "folgen", "twitter",
        "facebook", "instagram", "linkedin", "email", "e-mail", "mail", "print", "drucken", "minuten", "minutes", "lesezeit",
        "read", "min", "foto", "photo", "bild", "quelle", "source", "image", "images", "getty", "uhr", "updated", "published",
        "informationen", "information", "benutzername", "username", "user", "nutzer",
    ]
    static let organisationWords: Set<String> = [
        "gmbh", "e.v.", "ev", "ag", "inc", "inc.", "ltd", "ltd.", "llc", "verlag", "stiftung", "verband", "ministerium", "news",
        "online", "magazin", "magazine", "zeitung", "media", "medien", "press", "presse", "agentur", "agency", "agencies",
        "group", "gruppe", "company", "corp", "corporation", "team", "redaktion", "dpa", "afp", "reuters", "apa", "kna", "epd",
        "sid", "ap", "blog", "themegrill", "wordpress", "wordpressadmin", "admin",
    ]

    /// Words that are never a whole name: byline labels, dates, degrees, UI text.
    static let junkNames: Set<String> = [
        "by", "von", "posted", "posted by", "posted on", "veröffentlicht", "veröffentlicht am", "publiziert", "publiziert am",
        "stand", "text", "auteur", "autor", "author", "vor", "am", "on", "phd", "ph.d.", "md", "dr.", "mba", "published",
        "written by", "geschrieben von", "redakteur", "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
        "sonntag", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "rechtsanwalt", "collectif",
        "the numbers", "google", "human", "artikel von", "share", "shares", "anonymous", "unknown", "no author", "gast",
        "interview", "foto", "fotos", "bild", "bilder", "quelle", "source", "kommentar", "kommentare", "comments", "uhr",
        "gastbeitrag", "gastautor", "weitere", "mehr", "alle", "more", "datum", "date", "autorenseite", "autorenseite von",
        "mo", "di", "mi", "do", "fr", "sa", "so", "wordpress", "disqus", "admin",
        "organization", "organisation", "person", "unternehmen", "company", "website", "webpage",
    ]

    static let particles: Set<String> = ["von", "van", "de", "der", "den", "la", "le", "di", "da", "del", "dos", "du", "y", "zu", "ten", "af"]

    /// A person's name as printed in a byline: 1–4 capitalised words (particles allowed), no sentence.
    static func looksLikePersonName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        guard !words.isEmpty, words.count <= 4 else { return false }
        for w in words {
            if particles.contains(String(w)) { continue }
            guard let c = w.first, c.isUppercase else { return false }
            if w.hasSuffix("."), w.count > 3 { return false }
        }
        return true
    }

    /// A user handle rather than a display name: "christian.stadtfeld", "gabor_munier", "arianschlichenmayer".
    static func isHandle(_ name: String) -> Bool {
        guard !name.contains(" ") else { return false }
        return name.contains(".") || name.contains("_") || name.contains("-") && name == name.fastLowercased
            || name == name.fastLowercased && name.count > 12
    }

    /// An author element's text: a name, or a single user handle ("jesusfreak"), not a phrase.
    static func looksLikeHandleOrName(_ name: String) -> Bool {
        let words = name.split(separator: " ")
        if words.count == 1 { return !name.hasSuffix(".") }
        return looksLikePersonName(name)
    }

    /// Whether `name` can be a byline. `strict: false` accepts organisations and desks ("Redaktion").
    static func isPlausibleName(_ name: String, organisations: [String], strict: Bool = true) -> Bool {
        let lower = name.fastLowercased
        if junkNames.contains(lower) { return false }
        if !strict { return name.count >= 2 && name.count <= 80 && !lower.hasPrefix("http") && name.first?.isLetter == true }
        guard name.count >= 2, name.count <= 60 else { return false }
        if lower.hasPrefix("http") || lower.hasPrefix("www.") { return false }
        let words = lower.split(whereSeparator: { $0 == " " })
        if words.count > 6 { return false }
        if words.count == 1, lower.contains("."), lower.split(separator: ".").last.map({ ["de", "com", "ch", "at", "net", "org", "fr", "it", "uk", "info", "eu", "es", "be"].contains($0) }) == true {
            return false
        }
        for o in organisations where !o.isEmpty {
            // The site's own name; a one-word name inside a personal domain ("heiko" in heiko-adams.de) is fine.
            if lower == o || lower.contains(o) && o.count >= 4 { return false }
            if words.count >= 2, o.contains(lower) { return false }
        }
        if words.contains(where: { roleWords.contains(String($0)) }) && words.count > 1 { return false }
        if words.count == 1, roleWords.contains(lower) { return false }
        if words.contains(where: { organisationWords.contains(String($0)) }) && words.count > 1 { return false }
        if name.first.map({ !$0.isLetter }) ?? true { return false }
        return true
    }
}

/// Picks the visible heading that agrees with the page's declared titles.
enum TitleMatcher {
    /// The lower-cased words (runs of letters and numbers) of `s`.
    static func tokens(_ s: String) -> Set<Substring> { tokens(lowered: s.fastLowercased) }

    /// `tokens` of a string already passed through `fastLowercased`.
    static func tokens(lowered lower: String) -> Set<Substring> {
        // ASCII, Latin-1 and general punctuation: each character is one grapheme whose class a byte
        // test gives, so split on bytes without Character walks (`Character.isLetter` reads Unicode
        // tables). Anything else, and ZWNJ / ZWJ (which join the character before them), splits on Characters.
        var tokens = Set<Substring>()
        let utf8 = lower.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            var next = utf8.index(after: i)
            let inWord: Bool
            if b < 0x80 {
                inWord = b &- 0x61 < 26 || b &- 0x30 < 10
            } else if b == 0xC3 || b == 0xC2 {
                let c = utf8[next]
                next = utf8.index(after: next)
                // U+00C0–U+00FF are letters but × and ÷; U+0080–U+00BF only ª ² ³ µ ¹ º ¼ ½ ¾.
                inWord = b == 0xC3 ? c != 0x97 && c != 0xB7 : latin1Word[Int(c & 0x3F)]
            } else if b == 0xE2, utf8[next] == 0x80, case let third = utf8[utf8.index(after: next)], third != 0x8C && third != 0x8D {
                next = utf8.index(next, offsetBy: 2)
                inWord = false
            } else {
                return Set(lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }))
            }
            if !inWord {
                if start != i { tokens.insert(lower[start..<i]) }
                start = next
            }
            i = next
        }
        if start != utf8.endIndex { tokens.insert(lower[start...]) }
        return tokens
    }

    /// For U+0080–U+00BF by their second UTF-8 byte's low six bits: letters and numbers (ª ² ³ µ ¹ º ¼ ½ ¾).
    private static let latin1Word: [Bool] = (0x80...0xBF).map { [0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC, 0xBD, 0xBE].contains($0) }

    static let navigationWords: Set<String> = [
        "menu", "menü", "navigation", "navigation und service", "suche", "search", "news", "aktuelles", "startseite", "home",
        "post navigation", "beitragsnavigation", "hauptmenü", "servicemenü", "inhalt", "content", "kommentare", "comments",
    ]

    static func bestHeading(_ headings: [MetadataExtractor.Heading], sources: [String], site: String?) -> MetadataExtractor.Heading? {
        let siteLower = site?.fastLowercased
        var best: MetadataExtractor.Heading?
        var bestScore = 0.0
        var rank = 0
        let sourceLower = sources.map { $0.fastLowercased }
        // Character counts walk grapheme clusters: count each string once, not once per comparison.
        let sourceCounts = sourceLower.map(\.count)
        let sourceTokens = sourceLower.map { tokens(lowered: $0) }
        let h1Count = headings.filter({ $0.level == 1 }).count
        for heading in headings {
            let text = heading.text.fastLowercased
            if heading.level == 2 && rank >= 3 + h1Count { break }
            rank += 1
            let textCount = text.count
            if textCount < 3 || text == siteLower || navigationWords.contains(text) { continue }
            let h = tokens(text)
            if h.isEmpty { continue }
            var score = 0.0
            for (k, source) in sourceLower.enumerated() {
                var s = 0.0
                if source == text {
                    s = 3
                } else if textCount * 10 >= sourceCounts[k] * 3 && ByteSearch.contains(source, text) {
                    // The heading is a part of the title; a site name is usually the shorter, trailing part.
                    s = isSiteSegment(text, of: source) ? 0 : 2.5
                } else if sourceCounts[k] * 10 >= textCount * 4 && ByteSearch.contains(text, source) {
                    s = 2
                } else {
                    let common = h.reduce(0) { $0 + (sourceTokens[k].contains($1) ? 1 : 0) }
                    let minCount = min(h.count, sourceTokens[k].count)
                    let union = h.count + sourceTokens[k].count - common
                    if minCount > 0, Double(common) / Double(minCount) >= 0.6, Double(common) / Double(union) >= 0.4, common >= 2 {
                        s = 1 + Double(common) / Double(union)
                    }
                }
                score = max(score, s)
            }
            if heading.level == 2 { score -= 0.3 }
            score -= 0.01 * Double(rank)
            if score > bestScore {
                bestScore = score
                best = heading
            }
        }
        return bestScore > 0.5 ? best : nil
    }

    /// Whether `part` is the trailing (or leading) site-name segment of a title like "Headline | Site".
    static func isSiteSegment(_ part: String, of title: String) -> Bool {
        for separator in TitleCleaner.separators + [" » ", ": "] {
            let pieces = MetadataText.split(title, [Array(separator.utf8)]).map { $0.trimmed }
            guard pieces.count >= 2 else { continue }
            if pieces.last == part || pieces.first == part && pieces.count >= 2 && pieces[1].count > part.count {
                if pieces.last == part && pieces.dropLast().joined(separator: separator).count >= part.count { return true }
                if pieces.first == part { return true }
            }
        }
        return false
    }
}

/// Normalises the many ways pages write dates to ISO 8601 (date, or date-time as given).
enum DateNormalizer {
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
        "dec": 12, "januar": 1, "februar": 2, "märz": 3, "mär": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10, "dez": 12,
        "janv": 1, "févr": 2, "fév": 2, "mars": 3, "avr": 4, "juin": 6, "juil": 7, "août": 8, "déc": 12,
    ]

    /// Built once: constructing a calendar and a time zone costs more than the conversion.
    static let utcCalendar = Calendar(identifier: .gregorian)
    static let utc = TimeZone(identifier: "UTC")!

    static func iso(_ raw: String?) -> String? {
        guard let raw = raw?.trimmed, !raw.isEmpty else { return nil }
        let bytes = Array(raw.utf8)
        // Already ISO: YYYY-MM-DD[Thh:mm[:ss][zone]].
        if bytes.count >= 10, isDigits(bytes[0..<4]), bytes[4] == 0x2D, isDigits(bytes[5..<7]), bytes[7] == 0x2D,
            isDigits(bytes[8..<10])
        {
            let date = String(raw.prefix(10))
            guard valid(date) else { return nil }
            if bytes.count > 10, bytes[10] == UInt8(ascii: "T") || bytes[10] == 0x20, bytes.count >= 16 {
                let tail = bytes[11...]
                // ASCII: removing the space bytes is what `replacingOccurrences` does, without Foundation.
                if tail.allSatisfy({ $0 < 0x80 }) {
                    return date + "T" + String(decoding: tail.filter { $0 != 0x20 }, as: UTF8.self)
                }
                return date + "T" + String(raw.dropFirst(11)).replacingOccurrences(of: " ", with: "")
            }
            return date
        }
        // YYYY/MM/DD or YYYYMMDD
        let digits = raw.split(whereSeparator: { !$0.isNumber }).map(String.init)
        if digits.count >= 3, digits[0].count == 4, let y = Int(digits[0]), let mo = Int(digits[1]), let d = Int(digits[2]) {
            return make(y, mo, d)
        }
        if digits.count >= 3, digits[2].count == 4, let d = Int(digits[0]), let mo = Int(digits[1]), let y = Int(digits[2]) {
            // DD.MM.YYYY (European) unless the first part cannot be a day.
            if raw.contains("/") && mo > 12 { return make(y, d, mo) }
            return make(y, mo, d)
        }
        if digits.count == 1, digits[0].count == 8, let v = Int(digits[0]) {
            return make(v / 10000, (v / 100) % 100, v % 100)
        }
        // Month names: "Oct 16, 2019", "16 October 2019", "16. Oktober 2019".
        let words = raw.fastLowercased.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        var year: Int?
        var month: Int?
        var day: Int?
        for w in words {
            if let v = Int(w) {
                if w.count == 4 && year == nil { year = v } else if v >= 1 && v <= 31 && day == nil { day = v }
            } else if month == nil {
                if let m = months[w] ?? months[String(w.prefix(3))], w.count >= 3 { month = m }
            }
        }
        if let year, let month, let day { return make(year, month, day) }
        // Unix timestamps (seconds or milliseconds).
        if digits.count == 1, let v = Double(digits[0]), digits[0].count == 10 || digits[0].count == 13 {
            let seconds = digits[0].count == 13 ? v / 1000 : v
            let date = Date(timeIntervalSince1970: seconds)
            let c = utcCalendar.dateComponents(in: utc, from: date)
            return make(c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        return nil
    }

    static func make(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard y >= 1900 && y <= 2100, m >= 1 && m <= 12, d >= 1 && d <= 31 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(10)
        for (v, width) in [(y, 4), (m, 2), (d, 2)] {
            if !out.isEmpty { out.append(0x2D) }
            var digits = [UInt8](repeating: 0x30, count: width)
            var x = v
            var k = width - 1
            while k >= 0 {
                digits[k] = UInt8(0x30 + x % 10)
                x /= 10
                k -= 1
            }
            out.append(contentsOf: digits)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func valid(_ date: String) -> Bool {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        return parts.count == 3 && make(parts[0], parts[1], parts[2]) != nil
    }

    static func isDigits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
}

/// Resolves hrefs against a base URL (RFC 3986), leaving unresolvable ones as written.
enum URLResolver {
    /// The host of an absolute URL without "www.", lower-cased.
    static func host(of url: String?) -> String? {
        guard let url, let r = url.range(of: "://") else { return nil }
        let rest = url[r.upperBound...]
        let host = rest.prefix(while: { $0 != "/" && $0 != "?" && $0 != "#" && $0 != ":" }).fastLowercased
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host.nonEmpty
    }

    static func resolve(_ href: String, base: String?) -> String {
        let href = href.trimmed
        if href.hasPrefix("http://") || href.hasPrefix("https://") || href.hasPrefix("mailto:") { return href }
        guard let base, let baseURL = URL(string: base) else { return href }
        if let url = URL(string: href, relativeTo: baseURL) { return url.absoluteString }
        if let escaped = href.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed),
            let url = URL(string: escaped, relativeTo: baseURL)
        {
            return url.absoluteString
        }
        return href
    }
}

/// Byte-level helpers for the per-node scan (Foundation's String.contains is too slow there).
enum MetadataBytes {
    static func appendLower(_ s: String, to out: inout [UInt8]) {
        if !out.isEmpty { out.append(0x20) }
        for b in s.utf8 { out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b) }
    }
}

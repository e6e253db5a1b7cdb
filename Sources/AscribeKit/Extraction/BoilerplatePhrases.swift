/// Short lines that are page furniture in any article: copyright, loading and sharing prompts,
/// subscription pitches, "read more" links. Matched case-insensitively (ASCII) inside blocks under
/// 160 bytes. Collected from the chrome of `shared/corpus/web-pages` (English, German, French,
/// Spanish, Polish pages) and common CMS widgets.
enum BoilerplatePhrases {
    static let phrases: [[UInt8]] = [
        "©", "copyright", "all rights reserved", "alle rechte vorbehalten", "tous droits réservés",
        "todos los derechos", "loading...", "wird geladen", "chargement", "subscribe", "abonnieren",
        "newsletter", "weiterlesen", "read more", "read also", "lesen sie auch", "mehr zum thema", "auch interessant",
        "das könnte sie auch interessieren", "you may also like", "related articles", "related posts",
        "advertisement", "anzeige", "werbung", "reklama", "publicidad", "drukuj", "drucken", "print this",
        "share this", "teilen", "tweet", "inhaltsverzeichnis", "table of contents", "sommaire", "zum weiterlesen",
        "lust auf mehr", "follow us", "folgen sie uns", "gefällt mir", "like this:", "click to share",
        "noch keine bewertungen", "bewertung", "zurück zur übersicht", "back to top", "nach oben",
        "cookie", "javascript", "sign up", "log in", "anmelden", "registrieren",
    ].map { Array($0.utf8) }

    /// The phrases by their first byte, so each position of a block is tried only against the
    /// phrases that can start there.
    static let phrasesByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for phrase in phrases where !phrase.isEmpty { table[Int(phrase[0])].append(phrase) }
        return table
    }()

    /// Whether some phrase occurs in `bytes`, ASCII case-insensitive.
    static func matches(_ bytes: [UInt8]) -> Bool {
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let table = phrasesByFirstByte
        return lower.withUnsafeBufferPointer { hay in
            let n = hay.count
            for i in 0..<n {
                for phrase in table[Int(hay[i])] where n - i >= phrase.count {
                    var k = 1
                    while k < phrase.count && hay[i + k] == phrase[k] { k += 1 }
                    if k == phrase.count { return true }
                }
            }
            return false
        }
    }
}

/// Case folding and trimming on bytes for the short-line matchers below: ASCII and Latin-1
/// capitals (À–Þ but ×, 0x20 below their small letters after a 0xC3 lead) are lowered, which
/// covers every phrase they match; other scripts pass unchanged. Foundation's `lowercased`,
/// `trimmingCharacters` and `range(of:)` on each kept block cost a tenth of extraction.
enum LineBytes {
    static func folded(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        var afterC3 = false
        for i in out.indices {
            let b = out[i]
            if afterC3 {
                if b &- 0x80 < 0x1F && b != 0x97 { out[i] = b + 0x20 }
                afterC3 = false
            } else {
                if b &- 0x41 < 26 { out[i] = b | 0x20 }
                afterC3 = b == 0xC3
            }
        }
        return out
    }

    /// Without leading and trailing white space (ASCII and no-break space).
    static func trimmed(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        var lo = 0
        var hi = bytes.count
        while true {
            if lo < hi, isSpace(bytes[lo]) { lo += 1 } else if lo + 1 < hi, bytes[lo] == 0xC2, bytes[lo + 1] == 0xA0 { lo += 2 } else { break }
        }
        while true {
            if hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 } else if hi - 1 > lo, bytes[hi - 2] == 0xC2, bytes[hi - 1] == 0xA0 { hi -= 2 } else { break }
        }
        return bytes[lo..<hi]
    }

    @inline(__always) static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    static func utf8(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }

    static func hasSuffix(_ line: ArraySlice<UInt8>, _ suffix: String) -> Bool {
        line.count >= suffix.utf8.count && line.suffix(suffix.utf8.count).elementsEqual(suffix.utf8)
    }
}

/// Headings that open the page's furniture after a story: related links, author boxes, sources
/// lists, comments, "latest news". Once one of them stands alone on a short line in the second
/// half of the body, nothing after it is the story (trafilatura cuts at such markers too).
/// Compared whole, lowercased, without trailing punctuation; an entry ending in `*` is a prefix.
enum StoryEndMarkers {
    static let markers: [String] = [
        // English
        "explore further", "related articles", "related stories", "related posts", "more from*",
        "read next", "recommended", "about the author", "about the authors", "comments", "leave a reply",
        "leave a comment", "you might also like", "you may also like", "more stories", "latest news",
        "most read",
        // German
        "weitere informationen", "weiterführende informationen", "weiterführende links",
        "über den autor", "über die autorin", "über die autoren", "schon gelesen", "mehr zum thema",
        "mehr kolumnen*", "das könnte sie auch interessieren", "quellenangaben", "quellen", "kommentare",
        "weitere videos", "weitere artikel", "vorschau auf den nächsten artikel",
        "dieser artikel gefällt ihnen", "zusatzinformationen", "bildnachweis", "meistgelesen",
        "meistdiskutierte artikel", "neueste artikel",
        // French
        "aller plus loin", "à lire aussi", "sur le même sujet", "commentaires",
        // Spanish
        "te puede interesar", "comentarios", "noticias relacionadas", "más noticias", "últimas noticias",
        "más leídas", "lo más visto",
        // Polish
        "czytaj także", "komentarze", "zobacz też",
    ]
    static let exact: Set<[UInt8]> = Set(LineBytes.utf8(markers.filter { !$0.hasSuffix("*") }))
    static let prefixes: [[UInt8]] = LineBytes.utf8(markers.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) })

    /// Whether a short block is such a marker ("Weitere Informationen:", "MORE STORIES").
    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= 60 else { return false }
        var line = LineBytes.trimmed(LineBytes.folded(bytes))
        // Trailing ":", "?", "!", "." and "…" (E2 80 A6), and the spaces before them.
        while let last = line.last {
            if last == 0x3A || last == 0x3F || last == 0x21 || last == 0x2E || LineBytes.isSpace(last) {
                line.removeLast()
            } else if last == 0xA6, line.count >= 3, line[line.endIndex - 2] == 0x80, line[line.endIndex - 3] == 0xE2 {
                line.removeLast(3)
            } else {
                break
            }
        }
        if exact.contains(Array(line)) { return true }
        return prefixes.contains { line.starts(with: $0) }
    }
}

/// Photo captions and credits that pages print as ordinary blocks, outside `<figcaption>`:
/// "Foto: Getty Images", "Photograph by Ed Marshall", "… im Überblick. (Foto: Getty)",
/// "Roman Prymula, photo: Archives", "Judy Eddy/WENN.com". A credit is not the story's text,
/// and a checker must not read "(Foto: dpa)" as a source of the article's claims.
enum PhotoCredits {
    /// Lines that open with a credit or an image widget's label.
    static let openings = LineBytes.utf8([
        "photograph by", "photo by", "foto:", "fotos:", "photo:", "photos:", "bild:", "image:", "credit:",
        "titelbild:", "beitragsbild:", "abbildung", "screenshot", "vergrößern",
    ])
    /// A trailing parenthesis that opens with one of these and a colon is a credit.
    static let creditWords = LineBytes.utf8(["foto", "fotos", "photo", "photos", "bild", "bilder", "image", "images", "credit", "picture"])
    /// A whole trailing parenthesis that is one of these is a credit.
    static let creditAlone: Set<[UInt8]> = Set(LineBytes.utf8(["archiv", "archive", "foto", "photo", "bild"]))
    /// Picture agencies: a short trailing parenthesis naming one is a credit ("(mlharing / iStock.com)").
    static let agencies = LineBytes.utf8(["getty", "istock", "dpa", "reuters", "afp", "imago", "shutterstock", "keystone", "pixabay", "unsplash"])
    static let agencyPhrases = LineBytes.utf8(["picture alliance", "picture-alliance"])
    static let midLineWords = LineBytes.utf8(["photo", "foto", "bild"])
    static let copyright: [UInt8] = Array("©".utf8)

    /// Whether the block (under 200 bytes) is a caption or credit line.
    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count < 200 else { return false }
        let line = LineBytes.trimmed(LineBytes.folded(bytes))
        if openings.contains(where: { line.starts(with: $0) }) { return true }
        if creditInMidLine(line) { return true }
        if let credit = trailingParenthesis(line), isCredit(credit) { return true }
        // "Judy Eddy/WENN.com": a name, a slash, an agency's domain.
        if bytes.count < 60, line.contains(0x2F), LineBytes.hasSuffix(line, ".com") || LineBytes.hasSuffix(line, ".de"),
           !ByteSearch.contains(line, [0x2E, 0x20]), line.split(separator: 0x20).count <= 5 {
            return true
        }
        return false
    }

    /// ", photo: …" / ". Foto: …" inside the line (a caption with its credit appended).
    private static func creditInMidLine(_ line: ArraySlice<UInt8>) -> Bool {
        var i = line.startIndex
        while i < line.endIndex {
            let first = line[i]
            for word in midLineWords where word.first == first && line[i...].starts(with: word) {
                var after = i + word.count
                while after < line.endIndex, line[after] == 0x20 { after += 1 }
                guard after < line.endIndex, line[after] == 0x3A else { continue }
                var before = i
                while before > line.startIndex, line[before - 1] == 0x20 { before -= 1 }
                if before > line.startIndex, line[before - 1] == 0x2C || line[before - 1] == 0x2E { return true }
            }
            i += 1
        }
        return false
    }

    /// The text inside a parenthesis that ends the line, if it does.
    private static func trailingParenthesis(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
        guard line.last == 0x29, let open = line.lastIndex(of: 0x28) else { return nil }
        let inner = line[(open + 1)..<(line.endIndex - 1)]
        return inner.contains(0x29) ? nil : inner
    }

    private static func isCredit(_ inner: ArraySlice<UInt8>) -> Bool {
        let credit = LineBytes.trimmed(Array(inner))
        for word in creditWords where credit.starts(with: word) {
            if credit.dropFirst(word.count).drop(while: { $0 == 0x20 }).first == 0x3A { return true }
        }
        if ByteSearch.contains(credit, copyright) || creditAlone.contains(Array(credit)) { return true }
        guard credit.split(separator: 0x20).count <= 4 else { return false }
        if agencyPhrases.contains(where: { ByteSearch.contains(credit, $0) }) { return true }
        let words = credit.split(whereSeparator: { $0 == 0x20 || $0 == 0x2F || $0 == 0x2C })
        return words.contains { word in
            agencies.contains { agency in word.elementsEqual(agency) || (word.starts(with: agency) && word.count > agency.count && word[word.startIndex + agency.count] == 0x2E) }
        }
    }
}

/// Sentences that close a story page but are not the story: app and newsletter pitches, calls to
/// follow or support the outlet, blog post footers ("This entry was posted in …"), licence and
/// citation notes. Only the last three blocks are tested, each under 400 bytes; a pitch word
/// ("newsletter", "WhatsApp") also needs the line to address the reader, so a story whose last
/// paragraph reports on a newsletter keeps it.
enum TrailingCallsToAction {
    /// Phrases that are furniture wherever they stand.
    static let phrases = LineBytes.utf8([
        "app herunterladen", "canal de telegram", "canal de youtube", "youtube-kanal", "subskrypcji",
        "support our", "supporting our", "unterstützen sie", "apóyanos", "this entry was posted",
        "bookmark the permalink", "abgelegt unter", "der beitrag wurde am", "bloggern gefällt das",
        "we want to hear what you think", "submit a letter to the editor", "if you enjoyed reading",
        "bei fragen und anregungen zu diesem artikel", "materiał chroniony prawem", "suggested citation",
        "veröffentlicht unter der lizenz", "published under a", "licensed under",
    ])
    /// Pitch words: furniture only in a line that speaks to the reader.
    static let pitches = LineBytes.utf8(["download the", "newsletter", "whatsapp", "telegram", "subscribe", "abonnieren"])
    static let readerWords: Set<[UInt8]> = Set(LineBytes.utf8(["you", "your", "du", "dir", "dich", "dein", "deine", "ihr", "euch",
                                                                "sie", "ihnen", "tu", "te", "únete", "follow", "vous", "votre"]))
    static let download = Array("download".utf8)
    static let app = Array(" app".utf8)
    static let maxBlocks = 3

    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= 400 else { return false }
        let lower = LineBytes.folded(bytes)[...]
        if phrases.contains(where: { ByteSearch.contains(lower, $0) }) { return true }
        // "download the Nationnews apps for iOS and Android"
        if ByteSearch.contains(lower, download), ByteSearch.contains(lower, app) { return true }
        guard pitches.contains(where: { ByteSearch.contains(lower, $0) }) else { return false }
        // Words: runs of ASCII letters and non-ASCII bytes.
        return lower.split(whereSeparator: { !($0 &- 0x61 < 26 || $0 >= 0x80) }).contains { readerWords.contains(Array($0)) }
    }
}

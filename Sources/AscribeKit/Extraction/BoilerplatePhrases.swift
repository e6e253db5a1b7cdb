import Foundation

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
        "meistdiskutierte artikel",
        "neueste artikel",
        // French
        "aller plus loin", "à lire aussi", "sur le même sujet", "commentaires",
        // Spanish
        "te puede interesar", "comentarios", "noticias relacionadas", "más noticias", "últimas noticias",
        "más leídas", "lo más visto",
        // Polish
        "czytaj także", "komentarze", "zobacz też",
    ]
    static let exact: Set<String> = Set(markers.filter { !$0.hasSuffix("*") })
    static let prefixes: [String] = markers.filter { $0.hasSuffix("*") }.map { String($0.dropLast()) }

    /// Whether a short block is such a marker ("Weitere Informationen:", "MORE STORIES").
    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= 60 else { return false }
        var line = Substring(String(decoding: bytes, as: UTF8.self).lowercased())
        while let last = line.last, last.isWhitespace || ":?!.…".contains(last) { line.removeLast() }
        while let first = line.first, first.isWhitespace { line.removeFirst() }
        if exact.contains(String(line)) { return true }
        return prefixes.contains { line.hasPrefix($0) }
    }
}

/// Photo captions and credits that pages print as ordinary blocks, outside `<figcaption>`:
/// "Foto: Getty Images", "Photograph by Ed Marshall", "… im Überblick. (Foto: Getty)",
/// "Roman Prymula, photo: Archives", "Judy Eddy/WENN.com". A credit is not the story's text,
/// and a checker must not read "(Foto: dpa)" as a source of the article's claims.
enum PhotoCredits {
    /// Lines that open with a credit or an image widget's label.
    static let openings = ["photograph by", "photo by", "foto:", "fotos:", "photo:", "photos:", "bild:",
                           "image:", "credit:", "titelbild:", "beitragsbild:", "abbildung", "screenshot", "vergrößern"]
    /// A trailing parenthesis that opens with one of these and a colon is a credit.
    static let creditWords = ["foto", "fotos", "photo", "photos", "bild", "bilder", "image", "images", "credit", "picture"]
    /// Picture agencies: a short trailing parenthesis naming one is a credit ("(mlharing / iStock.com)").
    static let agencies = ["getty", "istock", "dpa", "reuters", "afp", "imago", "shutterstock", "keystone",
                           "picture alliance", "picture-alliance", "pixabay", "unsplash"]

    /// Whether the block (under 200 bytes) is a caption or credit line.
    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count < 200 else { return false }
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let lower = line.lowercased()
        if openings.contains(where: { lower.hasPrefix($0) }) { return true }
        if creditInMidLine(lower) { return true }
        if let credit = trailingParenthesis(lower), isCredit(credit) { return true }
        // "Judy Eddy/WENN.com": a name, a slash, an agency's domain.
        if bytes.count < 60, lower.contains("/"), lower.hasSuffix(".com") || lower.hasSuffix(".de"),
           !lower.contains(". "), lower.split(separator: " ").count <= 5 {
            return true
        }
        return false
    }

    /// ", photo: …" / ". Foto: …" inside the line (a caption with its credit appended).
    private static func creditInMidLine(_ lower: String) -> Bool {
        for word in ["photo", "foto", "bild"] {
            var search = lower.startIndex..<lower.endIndex
            while let hit = lower.range(of: word, range: search) {
                search = hit.upperBound..<lower.endIndex
                var after = hit.upperBound
                while after < lower.endIndex, lower[after] == " " { after = lower.index(after: after) }
                guard after < lower.endIndex, lower[after] == ":" else { continue }
                var before = hit.lowerBound
                while before > lower.startIndex, lower[lower.index(before: before)] == " " { before = lower.index(before: before) }
                guard before > lower.startIndex else { continue }
                let mark = lower[lower.index(before: before)]
                if mark == "," || mark == "." { return true }
            }
        }
        return false
    }

    /// The text inside a parenthesis that ends the line, if it does.
    private static func trailingParenthesis(_ lower: String) -> Substring? {
        guard lower.hasSuffix(")"), let open = lower.lastIndex(of: "(") else { return nil }
        let inner = lower[lower.index(after: open)..<lower.index(before: lower.endIndex)]
        return inner.contains(")") ? nil : inner
    }

    private static func isCredit(_ inner: Substring) -> Bool {
        let credit = inner.trimmingCharacters(in: .whitespaces)
        for word in creditWords where credit.hasPrefix(word) {
            if credit.dropFirst(word.count).drop(while: { $0 == " " }).first == ":" { return true }
        }
        if credit.contains("©") || ["archiv", "archive", "foto", "photo", "bild"].contains(credit) { return true }
        let words = credit.split(whereSeparator: { $0 == " " || $0 == "/" || $0 == "," })
        return credit.split(separator: " ").count <= 4 && agencies.contains { agency in
            agency.contains(" ") ? credit.contains(agency) : words.contains { $0 == agency || $0.hasPrefix(agency + ".") }
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
    static let phrases: [String] = [
        "app herunterladen", "canal de telegram", "canal de youtube", "youtube-kanal", "subskrypcji",
        "support our", "supporting our", "unterstützen sie", "apóyanos", "this entry was posted",
        "bookmark the permalink", "abgelegt unter", "der beitrag wurde am", "bloggern gefällt das",
        "we want to hear what you think", "submit a letter to the editor", "if you enjoyed reading",
        "bei fragen und anregungen zu diesem artikel", "materiał chroniony prawem", "suggested citation",
        "veröffentlicht unter der lizenz", "published under a", "licensed under",
    ]
    /// Pitch words: furniture only in a line that speaks to the reader.
    static let pitches: [String] = ["download the", "newsletter", "whatsapp", "telegram", "subscribe", "abonnieren"]
    static let readerWords: Set<Substring> = ["you", "your", "du", "dir", "dich", "dein", "deine", "ihr", "euch",
                                              "sie", "ihnen", "tu", "te", "únete", "follow", "vous", "votre"]
    static let maxBlocks = 3

    static func matches(_ bytes: [UInt8]) -> Bool {
        guard bytes.count <= 400 else { return false }
        let lower = String(decoding: bytes, as: UTF8.self).lowercased()
        if phrases.contains(where: { lower.contains($0) }) { return true }
        // "download the Nationnews apps for iOS and Android"
        if lower.contains("download"), lower.contains(" app") { return true }
        guard pitches.contains(where: { lower.contains($0) }) else { return false }
        return lower.split(whereSeparator: { !$0.isLetter }).contains { readerWords.contains($0) }
    }
}

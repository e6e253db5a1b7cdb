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

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

    static func matches(_ bytes: [UInt8]) -> Bool {
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        return phrases.contains { ByteSearch.contains(lower, $0) }
    }
}

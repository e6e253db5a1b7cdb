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
            let parts = title.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            let first = parts[0].trimmed
            let last = parts[parts.count - 1].trimmed
            if let site = site?.lowercased(), !site.isEmpty {
                if last.lowercased() == site || site.contains(last.lowercased()) || last.lowercased().contains(site) {
                    title = parts.dropLast().joined(separator: separator).trimmed
                    continue
                }
                if first.lowercased() == site || site.contains(first.lowercased()) {
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

/// Turns a raw byline ("By Jane Doe, Staff Writer", "von Max Muster") into a person's name.
enum BylineCleaner {
    static let prefixes = ["by ", "von ", "par ", "por ", "di ", "door ", "av ", "author: ", "autor: ", "written by ", "text: "]

    static func clean(_ raw: String) -> String {
        var name = raw.collapsedWhitespace
        let lower = name.lowercased()
        for prefix in prefixes where lower.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
            break
        }
        if let cut = name.firstIndex(where: { $0 == "|" || $0 == "\n" }) { name = String(name[..<cut]) }
        name = name.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:-–—·|"))
        if name.hasPrefix("http") || name.contains("@") && !name.contains(" ") { return "" }
        if name.count > 80 { return "" }
        return name
    }
}

/// Normalises the many ways pages write dates to ISO 8601 (date, or date-time as given).
enum DateNormalizer {
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
        "dec": 12, "januar": 1, "februar": 2, "märz": 3, "mär": 3, "mai": 5, "juni": 6, "juli": 7, "okt": 10, "dez": 12,
        "janv": 1, "févr": 2, "fév": 2, "mars": 3, "avr": 4, "juin": 6, "juil": 7, "août": 8, "déc": 12,
    ]

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
        let words = raw.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
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
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
            return make(c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        return nil
    }

    static func make(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard y >= 1900 && y <= 2100, m >= 1 && m <= 12, d >= 1 && d <= 31 else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func valid(_ date: String) -> Bool {
        let parts = date.split(separator: "-").compactMap { Int($0) }
        return parts.count == 3 && make(parts[0], parts[1], parts[2]) != nil
    }

    static func isDigits(_ s: ArraySlice<UInt8>) -> Bool { s.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
}

/// Resolves hrefs against a base URL (RFC 3986), leaving unresolvable ones as written.
enum URLResolver {
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

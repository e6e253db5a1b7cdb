/// Time-of-day reasoning on ISO 8601 stamps ("2022-11-06T23:00:00.000Z"), for dates that a
/// time zone pushes onto the neighbouring day.
enum MetadataDateClock {
    /// Hour and zone offset (minutes; nil when the stamp names no zone) of an ISO date-time.
    static func clock(_ iso: String) -> (hour: Int, minute: Int, offset: Int?)? {
        let b = Array(iso.utf8)
        guard b.count >= 16, b[10] == UInt8(ascii: "T"), let h = number(b, 11, 2), b[13] == 0x3A, let m = number(b, 14, 2), h < 24
        else { return nil }
        // Zone: after the seconds and fraction.
        var i = 16
        while i < b.count, b[i] != UInt8(ascii: "Z"), b[i] != UInt8(ascii: "+"), b[i] != UInt8(ascii: "-") { i += 1 }
        guard i < b.count else { return (h, m, nil) }
        if b[i] == UInt8(ascii: "Z") { return (h, m, 0) }
        let sign = b[i] == UInt8(ascii: "-") ? -1 : 1
        guard let oh = number(b, i + 1, 2) else { return (h, m, nil) }
        var om = 0
        if let v = number(b, i + 3, 2) { om = v } else if i + 3 < b.count, b[i + 3] == 0x3A, let v = number(b, i + 4, 2) { om = v }
        return (h, m, sign * (oh * 60 + om))
    }

    private static func number(_ b: [UInt8], _ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= b.count else { return nil }
        var v = 0
        for k in at..<(at + count) {
            guard b[k] >= 0x30 && b[k] <= 0x39 else { return nil }
            v = v * 10 + Int(b[k] - 0x30)
        }
        return v
    }

    /// A UTC stamp at exactly 22:00 or 23:00: midnight in Central Europe (summer or winter time), i.e. a bare date
    /// entered in local time and stored in UTC.
    static func isCentralEuropeanMidnightInUTC(_ iso: String) -> Bool {
        guard let c = clock(iso), c.offset == 0, c.minute == 0, c.hour == 22 || c.hour == 23 else { return false }
        let b = Array(iso.utf8)
        // Seconds (and fraction) must be zero too.
        var i = 16
        while i < b.count, b[i] == 0x3A || b[i] == 0x2E || b[i] == 0x30 { i += 1 }
        return i == b.count || b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")
    }

    /// A stamp with a time that is not a bare midnight.
    static func hasTimeOfDay(_ iso: String) -> Bool {
        guard let c = clock(iso) else { return false }
        return c.hour != 0 || c.minute != 0
    }

    /// German, French, Italian, Dutch, Polish … pages: their readers' clocks run at UTC+1/+2.
    static func isCentralEuropean(_ language: String?) -> Bool {
        guard let language else { return false }
        let code = language.utf8.prefix(2).map { $0 | 0x20 }
        let known: [[UInt8]] = ["de", "fr", "it", "nl", "pl", "cs", "da", "sv", "no", "nb", "hu", "sk", "sl", "hr"].map { Array($0.utf8) }
        return known.contains(code)
    }

    /// "YYYY-MM-DD" moved by `days` (proleptic Gregorian).
    static func adding(days: Int, to iso: String) -> String? {
        guard let n = MetadataExtractor.dayNumber(iso) else { return nil }
        let j = n + days
        // Inverse of dayNumber (Fliegel–Van Flandern).
        let a = j + 32044
        let b = (4 * a + 3) / 146097
        let c = a - 146097 * b / 4
        let d = (4 * c + 3) / 1461
        let e = c - 1461 * d / 4
        let m = (5 * e + 2) / 153
        let day = e - (153 * m + 2) / 5 + 1
        let month = m + 3 - 12 * (m / 10)
        let year = 100 * b + d - 4800 + m / 10
        return DateNormalizer.make(year, month, day)
    }
}

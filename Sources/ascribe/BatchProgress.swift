#if canImport(Glibc)
import Glibc
#endif

/// The batch's progress bar on standard error (only on a terminal) and its summary line.
///
/// Redraws at most ten times a second: thousands of small pages must not turn into thousands
/// of terminal writes.
final class BatchProgress {
    private let total: Int?
    private let totalBytes: Int?
    private let drawsBar: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private var done = 0
    private var bytes = 0
    private var barShown = false

    init(total: Int?, totalBytes: Int?, drawsBar: Bool) {
        self.total = total
        self.totalBytes = totalBytes
        self.drawsBar = drawsBar
        start = clock.now
        lastDraw = start
    }

    func advance(bytes: Int) {
        done += 1
        self.bytes += bytes
        guard drawsBar else { return }
        let now = clock.now
        if now - lastDraw >= .milliseconds(100) || done == total {
            lastDraw = now
            draw()
        }
    }

    /// Prints a line on stderr without tearing the bar.
    func message(_ line: String) {
        clear()
        write(line + "\n")
        if drawsBar { draw() }
    }

    /// Removes the bar, so what follows starts on a clean line.
    func clear() {
        guard barShown else { return }
        write("\r\u{1B}[K")
        barShown = false
    }

    /// "N inputs, K failed, X MB in Y s = Z MB/s".
    func summary(failed: Int) -> String {
        let seconds = elapsed
        let mb = Double(bytes) / 1_000_000
        return "\(done) input\(done == 1 ? "" : "s"), \(failed) failed, \(Self.format(mb, 1)) MB in \(Self.format(seconds, 2)) s = \(Self.format(seconds > 0 ? mb / seconds : 0, 1)) MB/s"
    }

    private var elapsed: Double {
        let d = (clock.now - start).components
        return Double(d.seconds) + Double(d.attoseconds) / 1e18
    }

    private func draw() {
        let seconds = elapsed
        let rate = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
        var line = "\r"
        if let total, total > 0 {
            let width = 24
            let filled = min(width, done * width / total)
            line += "[" + String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled) + "] "
            line += "\(done)/\(total) files"
        } else {
            line += "\(done) records"
        }
        line += "  \(Self.format(Double(bytes) / 1_000_000, 1)) MB  \(Self.format(rate, 1)) MB/s"
        if let totalBytes, rate > 0, bytes < totalBytes {
            let remaining = Int((Double(totalBytes - bytes) / 1_000_000 / rate).rounded())
            line += "  ETA \(remaining / 60):" + (remaining % 60 < 10 ? "0" : "") + "\(remaining % 60)"
        }
        write(line + "\u{1B}[K")
        barShown = true
    }

    private func write(_ text: String) {
        var text = text
        text.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Fixed decimals without Foundation's String(format:).
    static func format(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return "0" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = scaled % Int(scale)
        guard decimals > 0 else { return String(whole) }
        let digits = String(fraction)
        return "\(whole)." + String(repeating: "0", count: decimals - digits.count) + digits
    }
}

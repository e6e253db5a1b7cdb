import ArgumentParser
import AscribeKit

#if canImport(Glibc)
import Glibc
#endif

/// Options every reading command shares, and the one place errors become exit codes.
struct InputOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write the result to this file (atomically) instead of standard output.")
    var output: String?

    @Option(help: "Decode the input with this encoding, overriding what the page declares (e.g. windows-1251).")
    var encoding: String?

    @Option(help: "Refuse inputs larger than this many bytes.")
    var maxBytes: Int = 64 << 20

    var readOptions: ReadOptions { ReadOptions(maxBytes: maxBytes, encoding: encoding) }

    func validate() throws {
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive") }
    }

    /// Runs `body`; an `AscribeError` is printed as one line on stderr and becomes its exit code.
    func catching<T>(_ body: () throws(AscribeError) -> T) throws -> T {
        do {
            return try body()
        } catch {
            fail(error)
        }
    }

    func emit(_ text: String) throws {
        if let output {
            do {
                try AtomicWriter.write(text, to: output)
            } catch {
                fail(error)
            }
        } else {
            print(text, terminator: "")
        }
    }

    /// Decoding repairs are never silent: one warning line on stderr.
    func warnAboutRepairs(_ article: Article, file: String) {
        guard article.repairedSequences > 0 else { return }
        let count = article.repairedSequences
        var line = "ascribe: warning: \(file): \(count) invalid byte sequence\(count == 1 ? "" : "s") in \(article.charset) "
        line += "text repaired (stray bytes read as windows-1252); use --encoding if the page's charset is wrong\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    func fail(_ error: AscribeError) -> Never {
        fail(message: error.message, code: error.exitCode)
    }

    /// One line on stderr, then exit with `code`.
    func fail(message: String, code: Int32) -> Never {
        warn(message, prefix: "ascribe: ")
        Glibc.exit(code)
    }

    /// One line on stderr.
    func warn(_ message: String, prefix: String) {
        var line = prefix + message + "\n"
        line.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

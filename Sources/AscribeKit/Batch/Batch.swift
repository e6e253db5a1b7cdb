/// What became of one batch input: its label, the bytes it held, and the output or the error.
public struct BatchResult<Output: Sendable>: Sendable {
    public var label: BatchInput.Label
    /// The path, or `id <id>` for a record (as in error messages).
    public var name: String
    /// Bytes read (the discovered size when the input failed before reading).
    public var bytes: Int
    public var outcome: Result<Output, AscribeError>

    public init(label: BatchInput.Label, name: String, bytes: Int, outcome: Result<Output, AscribeError>) {
        self.label = label
        self.name = name
        self.bytes = bytes
        self.outcome = outcome
    }

    public var failed: Bool {
        if case .failure = outcome { return true }
        return false
    }
}

/// Batch processing: read one input into an `Article` and shape its JSON Lines record.
public enum Batch {
    /// Reads and extracts one input, then applies `transform` (analysis and rendering, so they
    /// run on the worker too). Errors are captured in the result, never thrown: one bad input
    /// must not stop a batch. `forAnalysis`: `transform` runs the attribution stages, so an
    /// article text over `options.maxTextBytes` fails with `.textTooLarge` instead (as in `check`).
    public static func process<Output: Sendable>(
        _ input: BatchInput, options: ReadOptions = ReadOptions(), forAnalysis: Bool = false, transform: (Article) -> Output
    ) -> BatchResult<Output> {
        var bytes = input.size
        let outcome: Result<Output, AscribeError>
        do throws(AscribeError) {
            let document: Document
            switch input.source {
            case .failed(let error):
                throw error
            case .file(let path):
                let data = try Reader.readBytes(path: path, limit: options.maxBytes)
                bytes = data.count
                document = try Reader.read(bytes: data, name: path, options: options)
            case .bytes(let data):
                bytes = data.count
                document = try Reader.read(bytes: data, name: input.name, options: options)
            case .text(let text):
                bytes = text.utf8.count
                document = try plainText(text, name: input.name)
            }
            let article = Extractor.extract(document)
            if forAnalysis { try Ascribe.requireTextWithinLimit(article, name: input.name, options: options) }
            outcome = .success(transform(article))
        } catch {
            outcome = .failure(error)
        }
        return BatchResult(label: input.label, name: input.name, bytes: bytes, outcome: outcome)
    }

    /// A record's `"text"`: already Unicode, so never sniffed as HTML; cleaned like a text file
    /// (BOM and NULs dropped, CRLF → LF) so offsets follow the same rules.
    static func plainText(_ text: String, name: String) throws(AscribeError) -> Document {
        let decoded = try Reader.decode(Array(text.utf8), isHTML: false, override: nil)
        var utf8: [UInt8] = []
        utf8.reserveCapacity(decoded.utf8.count)
        for (i, b) in decoded.utf8.enumerated() where !(b == 0x0D && i + 1 < decoded.utf8.count && decoded.utf8[i + 1] == 0x0A) {
            utf8.append(b)
        }
        if utf8.allSatisfy({ InputSniffer.isSpace($0) }) { throw .emptyInput(path: name) }
        return Document(
            content: .text(String(decoding: utf8, as: UTF8.self)), format: .text, charset: "utf-8",
            charsetSource: CharsetSource.declared.rawValue, repairedSequences: decoded.replacedSequences, location: nil)
    }

    /// The JSON Lines record of a result: `{"path"|"id", "ok": true, …result fields}` or
    /// `{"path"|"id", "ok": false, "error": {"code", "message"}}`, `code` being the exit code the
    /// single-file command would have returned.
    public static func record(_ label: BatchInput.Label, _ outcome: Result<JSONMembers, AscribeError>) -> JSONMembers {
        var members: JSONMembers
        switch outcome {
        case .success(let fields):
            members = fields
            members.append(("ok", { $0.bool(true) }))
        case .failure(let error):
            members = [
                ("ok", { $0.bool(false) }),
                ("error", { $0.value(.object(["code": .int(Int(error.exitCode)), "message": .string(error.message)])) }),
            ]
        }
        switch label {
        case .path(let path): members.append(("path", { $0.string(path) }))
        case .id(let id): members.append(("id", { $0.value(id) }))
        }
        return members
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The inputs of `--stdin-jsonl`: one JSON object a line, `{"id": …, "html": "…"}` or
/// `{"id": …, "text": "…"}`, read lazily so a map step can stream any number of records.
///
/// A line that is not such a record becomes a failed input (with its `id` when one could be
/// read), never the end of the stream. Blank lines are skipped.
public struct JSONLinesInputs: Sequence, IteratorProtocol {
    private let fd: Int32
    private let maxLineBytes: Int
    private var buffer: [UInt8] = []
    private var start = 0
    /// Where the search for the next newline resumes, so a long line is scanned once.
    private var scanned = 0
    private var atEnd = false
    private var lineNumber = 0

    /// Reads records from `fileDescriptor` (standard input by default). A line longer than
    /// `maxLineBytes` is refused as too large without being held in memory.
    public init(fileDescriptor: Int32 = 0, maxLineBytes: Int = 64 << 20) {
        self.fd = fileDescriptor
        self.maxLineBytes = maxLineBytes
    }

    public mutating func next() -> BatchInput? {
        while true {
            guard let (line, length) = nextLine() else { return nil }
            lineNumber += 1
            guard let line else {
                let where_ = "standard input, line \(lineNumber)"
                return BatchInput(
                    label: .id(.null), source: .failed(.tooLarge(path: where_, bytes: length, limit: maxLineBytes)), size: length)
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            return Self.parse(line, lineNumber: lineNumber)
        }
    }

    /// One record line as an input.
    public static func parse(_ line: [UInt8], lineNumber: Int) -> BatchInput {
        let here = "standard input, line \(lineNumber)"
        func failed(_ id: JSONValue, _ why: String) -> BatchInput {
            BatchInput(label: .id(id), source: .failed(.notAnArticle(path: here, what: why)), size: line.count)
        }
        let record: Record
        do {
            record = try JSONDecoder().decode(Record.self, from: Data(line))
        } catch {
            return failed(.null, #"a line that is not a JSON record {"id", "html"|"text"}"#)
        }
        let id = record.id?.value ?? .null
        switch (record.html, record.text) {
        case (let html?, nil):
            return BatchInput(label: .id(id), source: .bytes(Array(html.utf8)), size: html.utf8.count)
        case (nil, let text?):
            return BatchInput(label: .id(id), source: .text(text), size: text.utf8.count)
        case (nil, nil):
            return failed(id, #"a record with neither "html" nor "text""#)
        case (_?, _?):
            return failed(id, #"a record with both "html" and "text" (give one)"#)
        }
    }

    struct Record: Decodable {
        var id: RecordID?
        var html: String?
        var text: String?
    }

    /// An `id` of any JSON scalar type, echoed back unchanged.
    struct RecordID: Decodable {
        var value: JSONValue
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                value = .null
            } else if let s = try? container.decode(String.self) {
                value = .string(s)
            } else if let i = try? container.decode(Int.self) {
                value = .int(i)
            } else if let d = try? container.decode(Double.self) {
                value = .double(d)
            } else if let b = try? container.decode(Bool.self) {
                value = .bool(b)
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "id must be a string or a number")
            }
        }
    }

    /// The next line without its newline, or nil (with its length) when it is over the cap;
    /// nil at the end of input.
    private mutating func nextLine() -> ([UInt8]?, Int)? {
        var skipped = 0
        while true {
            if let newline = buffer[Swift.max(start, scanned)...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                scanned = start
                compact()
                let length = skipped + line.count
                return length > maxLineBytes ? (nil, length) : (line, length)
            }
            if buffer.count - start > maxLineBytes {
                // Drop what we have of an over-long line and keep reading to its end.
                skipped += buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            scanned = buffer.count
            if atEnd {
                guard start < buffer.count || skipped > 0 else { return nil }
                let line = Array(buffer[start...])
                buffer.removeAll()
                start = 0
                scanned = 0
                let length = skipped + line.count
                return length > maxLineBytes ? (nil, length) : (line, length)
            }
            fill()
        }
    }

    private mutating func fill() {
        let chunk = 1 << 16
        var scratch = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = scratch.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, chunk) }
            if n < 0 && errno == EINTR { continue }
            // A read error ends the stream like end of file: the records so far are still answered.
            if n <= 0 {
                atEnd = true
                return
            }
            buffer.append(contentsOf: scratch[0..<n])
            return
        }
    }

    private mutating func compact() {
        if start > 1 << 20 && start * 2 > buffer.count {
            buffer.removeFirst(start)
            scanned -= start
            start = 0
        }
    }
}

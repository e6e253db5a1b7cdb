#if canImport(Glibc)
import Glibc
#endif

/// One input of a batch: a file to read, an in-memory record, or a failure found before reading
/// (a missing path, a symlink loop, an unreadable folder), which still gets its own result.
public struct BatchInput: Sendable, Equatable {
    /// How the input is named in its result: `"path"` for files, `"id"` for `--stdin-jsonl` records.
    public enum Label: Sendable, Equatable {
        case path(String)
        /// The record's `id` echoed as it came (string, number, or null when missing).
        case id(JSONValue)
    }

    public enum Source: Sendable, Equatable {
        /// A file, read when the input is processed (so at most `jobs` files are in memory).
        case file(String)
        /// Bytes to sniff and decode like a file (a record's `"html"`).
        case bytes([UInt8])
        /// Plain text that is already decoded (a record's `"text"`): never sniffed as HTML.
        case text(String)
        /// Refused before reading.
        case failed(AscribeError)
    }

    public var label: Label
    public var source: Source
    /// Bytes the input holds (the file size when discovered); used for progress and throughput.
    public var size: Int

    public init(label: Label, source: Source, size: Int) {
        self.label = label
        self.source = source
        self.size = size
    }

    /// The name used in error messages: the path, or `id <id>` for a record.
    public var name: String {
        switch label {
        case .path(let path): path
        case .id(.string(let id)): "id \(id)"
        case .id(let id): "id \(id.serialized(pretty: false))"
        }
    }
}

/// Finds a batch's inputs: files as given, folders walked recursively in sorted order.
public enum BatchInputs {
    /// What a folder walk keeps when no `--include` is given: saved pages and text files.
    public static let defaultIncludes: [GlobPattern] = ["*.html", "*.htm", "*.xhtml", "*.mhtml", "*.mht", "*.txt"]
        .map { GlobPattern($0, ignoresCase: true) }

    /// Expands `paths` into inputs, in order. A file named directly is always an input; a folder
    /// contributes the regular files beneath it whose names match `includes`, each folder's
    /// entries sorted by name (bytewise, so the order is the same on every machine). Hidden
    /// entries (".name") are skipped. Missing paths, symlink loops and unreadable folders become
    /// failed inputs rather than stopping the walk.
    public static func discover(_ paths: [String], includes: [GlobPattern] = defaultIncludes) -> [BatchInput] {
        var inputs: [BatchInput] = []
        for path in paths {
            if path == "-" {
                inputs.append(BatchInput(label: .path(path), source: .file(path), size: 0))
                continue
            }
            var info = stat()
            guard stat(path, &info) == 0 else {
                inputs.append(failure(path, errno: errno))
                continue
            }
            if isDirectory(info) {
                walk(path, includes: includes, ancestors: [FileID(info)], into: &inputs)
            } else {
                inputs.append(BatchInput(label: .path(path), source: .file(path), size: Int(info.st_size)))
            }
        }
        return inputs
    }

    /// A file's identity: symlinks and `..` cannot disguise a folder from its device and inode.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Depth-first walk with an explicit stack of pending folders, so deep trees cannot overflow
    /// the call stack. `ancestors` are the folders on the way down: meeting one again is a loop.
    private static func walk(_ root: String, includes: [GlobPattern], ancestors: [FileID], into inputs: inout [BatchInput]) {
        // Each frame: a folder's sorted entries still to visit, and the folder's identity chain.
        struct Frame {
            var folder: String
            var entries: [String]
            var next: Int
            var chain: [FileID]
        }
        var stack: [Frame] = []
        switch entries(of: root) {
        case .success(let names): stack.append(Frame(folder: root, entries: names, next: 0, chain: ancestors))
        case .failure(let error): inputs.append(error.input)
        }
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].entries.count else {
                stack.removeLast()
                continue
            }
            let name = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let folder = stack[top].folder
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else {
                // A dangling or self-referencing link only matters when it looks like an input.
                let code = errno
                if code == ELOOP || includes.contains(where: { $0.matches(name) }) {
                    inputs.append(failure(path, errno: code))
                }
                continue
            }
            if isDirectory(info) {
                let id = FileID(info)
                if let ancestor = stack[top].chain.firstIndex(of: id) {
                    let target = ancestor < stack.count ? stack[ancestor].folder : root
                    inputs.append(BatchInput(
                        label: .path(path),
                        source: .failed(.unreadable(path: path, reason: "symbolic link loop: it leads back to \(target); skipped")),
                        size: 0))
                    continue
                }
                switch entries(of: path) {
                case .success(let names):
                    stack.append(Frame(folder: path, entries: names, next: 0, chain: stack[top].chain + [id]))
                case .failure(let error):
                    inputs.append(error.input)
                }
                continue
            }
            guard includes.contains(where: { $0.matches(name) }) else { continue }
            if (info.st_mode & S_IFMT) == S_IFREG {
                inputs.append(BatchInput(label: .path(path), source: .file(path), size: Int(info.st_size)))
            } else {
                // Opening a FIFO would block the batch forever; devices and sockets are no articles.
                inputs.append(BatchInput(
                    label: .path(path), source: .failed(.notAnArticle(path: path, what: "a FIFO, socket or device, not a regular file")),
                    size: 0))
            }
        }
    }

    /// The visible entries of a folder, sorted bytewise; an unreadable folder is a failed input.
    private static func entries(of folder: String) -> Result<[String], BatchInputFailure> {
        guard let dir = opendir(folder) else {
            return .failure(BatchInputFailure(failure(folder, errno: errno)))
        }
        defer { closedir(dir) }
        var names: [[UInt8]] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name.first == UInt8(ascii: ".") { continue }
            names.append(name)
        }
        names.sort { $0.lexicographicallyPrecedes($1) }
        return .success(names.map { String(decoding: $0, as: UTF8.self) })
    }

    private static func isDirectory(_ info: stat) -> Bool { (info.st_mode & S_IFMT) == S_IFDIR }

    private static func failure(_ path: String, errno code: Int32) -> BatchInput {
        let error: AscribeError
        switch code {
        case ENOENT, ENOTDIR: error = .noSuchFile(path: path)
        case ELOOP: error = .unreadable(path: path, reason: "symbolic link loop")
        default: error = .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        return BatchInput(label: .path(path), source: .failed(error), size: 0)
    }
}

/// A failed input carried through `Result` (which needs an `Error`).
struct BatchInputFailure: Error {
    var input: BatchInput
    init(_ input: BatchInput) { self.input = input }
}

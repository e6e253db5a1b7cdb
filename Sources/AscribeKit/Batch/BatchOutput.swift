#if canImport(Glibc)
import Glibc
#endif

/// Where a batch writes its records as they come: standard output, or a file that appears
/// atomically when the batch is done (a temporary file beside it, renamed over it), so a batch
/// of thousands of pages never holds its whole output in memory and never leaves half a file.
public final class BatchOutput {
    private let fd: Int32
    private let target: String?
    private let temporary: String?
    private var pending: [UInt8] = []
    private var failure: AscribeError?
    /// Set once the file is renamed into place.
    private var finished = false

    /// Standard output.
    public init() {
        fd = 1
        target = nil
        temporary = nil
    }

    /// A file at `path`, written to a temporary file in the same folder until `finish()`.
    public init(path: String) throws(AscribeError) {
        let (folder, name) = Self.split(path)
        var info = stat()
        if stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
            throw .writeFailed(path: path, reason: "it is a directory")
        }
        guard stat(folder, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .writeFailed(path: path, reason: "folder \(folder) does not exist")
        }
        let temporary = folder + "/." + name + ".ascribe-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .writeFailed(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.target = path
        self.temporary = temporary
    }

    deinit {
        // A batch that stopped early leaves no temporary file behind.
        if let temporary, !finished {
            close(fd)
            unlink(temporary)
        }
    }

    /// Appends UTF-8 `bytes`; writes happen in 64 KiB chunks.
    public func write(_ bytes: [UInt8]) throws(AscribeError) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Writes what is buffered (a stream reader sees each record soon after it is ready).
    public func flush() throws(AscribeError) {
        if let failure { throw failure }
        var written = 0
        while written < pending.count {
            let n = pending.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                let error = AscribeError.writeFailed(path: target ?? "standard output", reason: String(cString: strerror(errno)))
                failure = error
                throw error
            }
            written += n
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, and for a file syncs it and renames it into place.
    public func finish() throws(AscribeError) {
        try flush()
        guard let target, let temporary else { return }
        if fsync(fd) != 0 || rename(temporary, target) != 0 {
            let error = AscribeError.writeFailed(path: target, reason: String(cString: strerror(errno)))
            failure = error
            throw error
        }
        // Renamed: nothing left for deinit to remove.
        close(fd)
        finished = true
    }

    private static func split(_ path: String) -> (String, String) {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }
        let folder = String(path[..<slash])
        return (folder.isEmpty ? "/" : folder, String(path[path.index(after: slash)...]))
    }
}

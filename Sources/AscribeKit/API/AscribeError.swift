/// Every way Ascribe can refuse an input or fail to write an output, with what a user needs to act.
public enum AscribeError: Error, Sendable, Equatable {
    /// The path does not exist.
    case noSuchFile(path: String)
    /// The path names a directory, not a file.
    case isDirectory(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The input is empty or only whitespace.
    case emptyInput(path: String)
    /// The input is not an article Ascribe can read (binary, PDF, image, archive…): `what` names it.
    case notAnArticle(path: String, what: String)
    /// The input is larger than the configured cap.
    case tooLarge(path: String, bytes: Int, limit: Int)
    /// The article text is longer than the cap of the attribution stages (`ReadOptions.maxTextBytes`).
    case textTooLarge(path: String, bytes: Int, limit: Int)
    /// `--encoding` named an encoding Ascribe does not know.
    case unknownEncoding(name: String)
    /// The MHTML file has no readable HTML part.
    case badMHTML(path: String, reason: String)
    /// Writing an output failed.
    case writeFailed(path: String, reason: String)

    /// The process exit code documented for this error (sysexits.h values).
    public var exitCode: Int32 {
        switch self {
        case .noSuchFile, .isDirectory: 66
        case .unreadable, .writeFailed: 74
        case .emptyInput, .notAnArticle, .tooLarge, .textTooLarge, .badMHTML: 65
        case .unknownEncoding: 64
        }
    }

    /// One line saying what happened, to which file, and what to do.
    public var message: String {
        switch self {
        case .noSuchFile(let path):
            "\(path): no such file; check the path (use - to read standard input)"
        case .isDirectory(let path):
            "\(path): is a directory; give the saved page's .html, .mhtml or .txt file inside it"
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason))"
        case .emptyInput(let path):
            "\(path): is empty or only whitespace; there is no article to read"
        case .notAnArticle(let path, let what):
            "\(path): seems to be \(what), not a web page or text; save the article as HTML, MHTML or plain text"
        case .tooLarge(let path, let bytes, let limit):
            "\(path): is \(bytes) bytes, over the \(limit)-byte limit; raise it with --max-bytes if the file is really an article"
        case .textTooLarge(let path, let bytes, let limit):
            "\(path): its article text is \(bytes) bytes, over the \(limit)-byte limit of check, checklist and diff; "
                + "raise it with --max-text-bytes if this is really one article (extract has no such limit)"
        case .unknownEncoding(let name):
            "unknown encoding '\(name)'; use a name such as utf-8, windows-1252, windows-1251, koi8-r, iso-8859-2, shift_jis"
        case .badMHTML(let path, let reason):
            "\(path): is an MHTML archive but \(reason)"
        case .writeFailed(let path, let reason):
            "\(path): could not be written (\(reason)); nothing was written"
        }
    }
}

extension AscribeError: CustomStringConvertible {
    public var description: String { message }
}

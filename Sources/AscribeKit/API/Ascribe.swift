extension Ascribe {
    /// Reads and extracts one file (or stdin for "-").
    public static func extract(path: String, options: ReadOptions = ReadOptions()) throws(AscribeError) -> Article {
        Extractor.extract(try Reader.read(path: path, options: options))
    }
}

/// Namespace for the one-call entry points of the library.
public enum Ascribe {
    /// The version of the JSON output contract.
    public static let schema = "ascribe/1"
}

import Glibc

/// Page files the HTMLTree tests compare against a full libxml2 parse, read with Glibc (the
/// module under test has no Foundation).
enum TestPages {
    /// The repository root, from this file's path.
    static let root = "/" + String(#filePath).split(separator: "/").dropLast(3).joined(separator: "/")
    /// The shared corpus's saved pages (absent on a machine without `../shared`).
    static let corpus = root + "/../shared/corpus/web-pages/pages"
    /// The fuzz regression inputs of the reader.
    static let fuzz = root + "/Fixtures/fuzz/read"

    /// Names of the files in `folder`, sorted, without hidden ones; empty when it is missing.
    static func names(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted()
    }

    static func read(_ path: String) -> [UInt8] {
        guard let file = fopen(path, "rb") else { return [] }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while case let n = fread(&chunk, 1, chunk.count, file), n > 0 { bytes += chunk[0..<n] }
        return bytes
    }
}

import Foundation
import Testing

/// One run of the built `ascribe` binary: what a user at a terminal would see.
struct CLIRun {
    var status: Int32
    var stdout: String
    var stderr: String

    /// Standard output as JSON objects, one a line (`--format jsonl`).
    func records() throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}

/// Finds and runs the `ascribe` binary that `swift test` built, for every end-to-end suite.
enum AscribeBinary {
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The binary sits beside the test bundle that `swift test` built.
    static let path: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for folder in [beside, beside.deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("ascribe").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot + "/.build/debug/ascribe"
    }()

    /// Runs `ascribe ARGUMENTS` in the package root. Stdin is fed and stderr read on their own
    /// threads, so a big input and a big output never wait on each other through full pipes.
    static func run(_ arguments: [String], stdin: Data? = nil) throws -> CLIRun {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let feeder = Thread {
            if let stdin { input.fileHandleForWriting.write(stdin) }
            try? input.fileHandleForWriting.close()
        }
        feeder.start()
        let errorReader = ErrorReader(err.fileHandleForReading)
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLIRun(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self), stderr: errorReader.text())
    }

    /// Reads stderr concurrently so a chatty child never blocks on a full pipe.
    final class ErrorReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)
        init(_ handle: FileHandle) {
            Thread {
                self.data = handle.readDataToEndOfFile()
                self.done.signal()
            }.start()
        }
        func text() -> String {
            done.wait()
            return String(decoding: data, as: UTF8.self)
        }
    }
}

// Fuzz target (a): bytes → Reader (sniff, charset, MHTML, libxml2 through HTMLTree) → Extractor.
//
// Built by scripts/fuzz with -sanitize=fuzzer -DFUZZING: libFuzzer's main calls the entry point.
// A plain build is a replay tool: `ascribe-fuzz-read FILE…` runs each file through once.
import AscribeKit
import Foundation

/// One input through reading and extraction; errors are the expected outcome for junk.
func runReadInput(_ bytes: [UInt8]) {
    guard let document = try? Reader.read(bytes: bytes, name: "fuzz-input") else { return }
    let article = Extractor.extract(document)
    _ = TextOffsets(article.text).scalarOffset(article.text.utf8.count)
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    runReadInput(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, which its own `main` would call.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable with `main` defined as `<module>_main`, so libFuzzer's own `main`
/// is never used: this entry point starts the fuzzer's driver instead.
@_cdecl("ascribe_fuzz_read_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzz)
}
#else
@main
struct ReplayRead {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty { print("usage: ascribe-fuzz-read FILE… (replays fuzz inputs once each)") }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
            runReadInput([UInt8](data))
            print("ok \(path)")
        }
    }
}
#endif

// Fuzz target (b): text → sentences + attribution → claims → checklist.
//
// The bytes are read as a plain-text file (as `ascribe check story.txt` does), so the article has
// the blocks and offsets the library builds itself. Built by scripts/fuzz with -sanitize=fuzzer
// -DFUZZING; a plain build is a replay tool: `ascribe-fuzz-attribution FILE…`.
import AscribeKit
import Foundation

/// One text through the whole `check` + `checklist` pipeline.
func runAttributionInput(_ bytes: [UInt8]) {
    guard let document = try? Reader.read(bytes: bytes, name: "fuzz-input.txt") else { return }
    let analysis = Attributor.analyze(Extractor.extract(document))
    _ = ChecklistBuilder.build(ClaimLinker.link(analysis))
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    runAttributionInput(Array(UnsafeBufferPointer(start: data, count: size)))
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
@_cdecl("ascribe_fuzz_attribution_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, fuzz)
}
#else
@main
struct ReplayAttribution {
    static func main() {
        let paths = CommandLine.arguments.dropFirst()
        if paths.isEmpty { print("usage: ascribe-fuzz-attribution FILE… (replays fuzz inputs once each)") }
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else { print("cannot read \(path)"); continue }
            runAttributionInput([UInt8](data))
            print("ok \(path)")
        }
    }
}
#endif

// swift-tools-version:6.1

import PackageDescription

let package = Package(
    name: "Ascribe",
    products: [
        .executable(name: "ascribe", targets: ["ascribe"]),
        .library(name: "AscribeKit", targets: ["AscribeKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libxml2 through pkg-config; Debian: apt-get install libxml2-dev.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // The only module that touches libxml2. It must never import Foundation: Debian's libxml2
        // headers pull in system ICU, which clashes with Foundation's bundled ICU on a clean build.
        .target(name: "HTMLTree", dependencies: ["CLibXML2"]),
        .target(name: "AscribeKit", dependencies: ["HTMLTree"]),
        .executableTarget(
            name: "ascribe",
            dependencies: [
                "AscribeKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "ascribe-bench",
            dependencies: ["AscribeKit"],
            path: "Benchmarks/ascribe-bench"
        ),
        // Fuzz entry points (scripts/fuzz builds them with -sanitize=fuzzer -DFUZZING); a plain
        // build gives replay tools that run the files named on the command line once.
        .executableTarget(name: "ascribe-fuzz-read", dependencies: ["AscribeKit"], path: "Fuzz/ascribe-fuzz-read"),
        .executableTarget(name: "ascribe-fuzz-attribution", dependencies: ["AscribeKit"], path: "Fuzz/ascribe-fuzz-attribution"),
        .testTarget(name: "HTMLTreeTests", dependencies: ["HTMLTree"]),
        .testTarget(name: "AscribeKitTests", dependencies: ["AscribeKit"]),
        .testTarget(name: "ascribeTests", dependencies: ["AscribeKit"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}

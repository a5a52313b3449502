// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "callcap",
  // macOS 26: InlineArray (the hot loop's fixed-size storage; measured in README "Platforms"),
  // UInt128 and Atomic (Synchronization) alone would need macOS 15.
  platforms: [.macOS(.v26)],
  products: [
    .executable(name: "callcap", targets: ["callcap"]),
    .library(name: "CallcapKit", targets: ["CallcapKit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    .package(url: "https://github.com/apple/swift-collections", exact: "1.6.0"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", exact: "0.2.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", exact: "2.0.1"),
    .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
    .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
  ],
  targets: [
    // GNU GSL, found through pkg-config (Debian: libgsl-dev).
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    // The domain-free discrete-event kernel: clock, event list, random streams.
    .target(
      name: "SimulationKernel",
      dependencies: ["CGSL"]
    ),
    // Everything callcap knows: scenarios, telephony model, statistics, reports.
    .target(
      name: "CallcapKit",
      dependencies: [
        "CGSL",
        "SimulationKernel",
        .product(name: "Yams", package: "Yams"),
        .product(name: "DequeModule", package: "swift-collections"),
        .product(name: "BasicContainers", package: "swift-collections"),
        .product(name: "Histogram", package: "hdrhistogram-swift"),
        .product(name: "CSV", package: "CSV.swift"),
        // SHA-256 of shard files and scenario fingerprints (`--shard`, `merge`).
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // The thin command-line layer: argument parsing, I/O, exit codes.
    .executableTarget(
      name: "callcap",
      dependencies: [
        "CallcapKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fuzz harness (see fuzz/run.sh); in a normal build, a corpus replay tool.
    .executableTarget(
      name: "callcap-fuzz",
      dependencies: ["CallcapKit"]
    ),
    .testTarget(
      name: "SimulationKernelTests",
      dependencies: ["SimulationKernel"]
    ),
    .testTarget(
      name: "CallcapKitTests",
      dependencies: [
        "CallcapKit",
        "SimulationKernel",
        "CGSL",
        .product(name: "Yams", package: "Yams"),
        .product(name: "PropertyBased", package: "swift-property-based"),
        .product(name: "Histogram", package: "hdrhistogram-swift"),
      ],
      resources: [.copy("Fixtures")]
    ),
    // Runs the built `callcap` binary: exit codes, files written, JUnit output.
    .testTarget(
      name: "CommandLineTests",
      dependencies: ["callcap", "callcap-fuzz"]
    ),
  ]
)

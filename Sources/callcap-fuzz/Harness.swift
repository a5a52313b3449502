// Fuzz harness for callcap's parsers: the scenario loader (with the
// closed-form estimate of every scenario it accepts), quantities,
// distributions and telephone numbers. The contract under test: any input
// gives a value or a diagnostic, never a crash or a hang.
//
// Built two ways:
// - normally (swift build), it is a replay tool: `callcap-fuzz FILE...`
//   runs each file through the target named by CALLCAP_FUZZ_TARGET and
//   exits 0 if none crashed; the tests replay the seed corpus this way;
// - by `fuzz/run.sh`, with -sanitize=fuzzer,address and -DFUZZING, where
//   main() hands control to libFuzzer's driver, which calls the harness.
import CallcapKit
import Foundation

/// The parser under test, from CALLCAP_FUZZ_TARGET: loader (default), quantity, distribution, number.
private let target = ProcessInfo.processInfo.environment["CALLCAP_FUZZ_TARGET"] ?? "loader"

private func exercise(_ data: Data) {
  switch target {
  case "quantity":
    let text = Substring(String(decoding: data, as: UTF8.self))
    _ = Quantity.duration(text)
    _ = Quantity.rate(text)
    _ = Quantity.share(text)
    _ = Quantity.clockTime(text)
    if case .success(let seconds) = Quantity.duration(text) { _ = Quantity.canonicalDuration(seconds) }
  case "distribution":
    let parser = DistributionParser()
    if case .success(let spec) = parser.parse(String(decoding: data, as: UTF8.self)) {
      _ = spec.description
      _ = spec.humanDescription
      _ = spec.uncappedMean
    }
  case "number":
    let text = String(decoding: data, as: UTF8.self)
    _ = NumberInfo(text).line
    _ = NumberInfo(text, countryCodeWithoutPlus: true).json
  default:
    let loader = ScenarioLoader(maxCallsPerReplication: 1e7)
    if case .success(let scenario) = loader.load(data: data, path: "fuzz.yaml", baseDirectory: "/nonexistent") {
      _ = Estimate(scenario).render()
    }
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
  exercise(Data(bytes: bytes, count: count))
  return 0
}

#if FUZZING
  @_silgen_name("LLVMFuzzerRunDriver")
  private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
  ) -> Int32

  /// Fuzzing mode: libFuzzer's driver (linked by -sanitize=fuzzer) calls the harness.
  @main enum Fuzz {
    static func main() {
      var argc = CommandLine.argc
      var argv = CommandLine.unsafeArgv
      exit(runFuzzerDriver(&argc, &argv) { bytes, count in fuzzOneInput(bytes, count) })
    }
  }
#else
  /// Replay mode: runs each file given as an argument through the target.
  @main enum Replay {
    static func main() {
      for path in CommandLine.arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("callcap-fuzz: cannot read \(path)\n".utf8))
          exit(66)
        }
        exercise(data)
      }
    }
  }
#endif

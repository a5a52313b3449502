// Fuzz harness for callcap's parsers: the scenario loader (with the
// closed-form estimate of every scenario it accepts), quantities,
// distributions and telephone numbers, and whole scenarios that are loaded
// and, when valid, simulated briefly under a small call budget (target
// `scenario`). The contract under test: any input gives a value or a
// diagnostic, never a crash or a hang; any scenario the loader accepts
// simulates and reports without a trap.
//
// Built two ways:
// - normally (swift build), it is a replay tool: `callcap-fuzz FILE...`
//   runs each file through the target named by CALLCAP_FUZZ_TARGET and
//   exits 0 if none crashed; the tests replay the seed corpus this way;
// - by `fuzz/run.sh`, with -sanitize=fuzzer,address and -DFUZZING, where
//   main() hands control to libFuzzer's driver, which calls the harness.
import CallcapKit
import Foundation

/// The parser under test, from CALLCAP_FUZZ_TARGET: loader (default), scenario, quantity, distribution, number.
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
    _ = NumberInfo(text, countryCodeWithoutPlus: true).jsonValue.text
  case "scenario":
    simulateBriefly(data)
  default:
    let loader = ScenarioLoader(maxCallsPerReplication: 1e7)
    if case .success(let scenario) = loader.load(data: data, path: "fuzz.yaml", baseDirectory: "/nonexistent") {
      _ = Estimate(scenario).render()
    }
  }
}

/// Calls per replication the `scenario` target simulates at most: enough to
/// reach queues, limiters, caps and the drain, small enough for thousands of
/// inputs a minute.
private let callBudget = 20_000.0

/// Loads a scenario under the call budget and, when it is valid, plans it
/// with 2 replications and at most 2 tiers, checks its expectations and
/// renders every report file, so traps anywhere after the loader surface.
private func simulateBriefly(_ data: Data) {
  let loader = ScenarioLoader(maxCallsPerReplication: callBudget)
  guard case .success(var scenario) = loader.load(data: data, path: "fuzz.yaml", baseDirectory: "/nonexistent") else {
    return
  }
  scenario.simulation.replications = 2
  // A fixed count: the sequential rule would otherwise extend to max_replications.
  scenario.simulation.maxReplications = 2
  // At most 500 time-series buckets: the engine is under test, not the series length.
  scenario.simulation.resolutionSeconds = max(scenario.simulation.resolutionSeconds, scenario.simulation.horizonSeconds / 500)
  let simulator = Simulator(jobs: 1)
  _ = Estimate(scenario).render()
  let report = PlanReport(scenario: scenario, tiers: Array(scenario.tiers.prefix(2)), gate: nil, simulator: simulator)
  for file in report.files { _ = file.contents.utf8.count }
  if !scenario.expectations.isEmpty {
    _ = ScenarioCheck.run(scenario, strict: false, simulator: simulator)
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

import Foundation

@testable import CallcapKit

/// Where the test fixtures live (copied into the test bundle).
enum Fixtures {
  static var directory: URL {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
  }

  static func url(_ relative: String) -> URL {
    directory.appendingPathComponent(relative)
  }

  /// The repository's `scenarios/` folder.
  static var scenarios: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("scenarios")
  }
}

/// Loads scenario text given inline; fails the test on errors.
func loadScenario(_ text: String, maxCalls: Double = 200_000_000) throws -> Scenario {
  try ScenarioLoader(maxCallsPerReplication: maxCalls).load(text: text, path: "inline.yaml", baseDirectory: "/tmp").get()
}

/// Diagnostics for scenario text given inline, without the file prefix.
func diagnostics(_ text: String) -> [String] {
  switch ScenarioLoader().load(text: text, path: "inline.yaml", baseDirectory: "/tmp") {
  case .success(let scenario): return scenario.warnings.map { String($0.description.dropFirst("inline.yaml:".count)) }
  case .failure(let failure): return failure.diagnostics.map { String($0.description.dropFirst("inline.yaml:".count)) }
  }
}

/// A plain tier as a plan of the API gate alone sees it (nil: the configured CPS).
func apiTier(_ tier: Double?) -> GateSetting? {
  tier.map { GateSetting.uniform($0, gates: [.api]) }
}

/// A fixed-seed generator for test inputs (SplitMix64).
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) / 9_007_199_254_740_992 }
}

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

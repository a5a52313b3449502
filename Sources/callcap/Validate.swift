import ArgumentParser
import CallcapKit

/// `callcap validate`: parse and check scenarios without simulating.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Parse and validate scenario files, including numbering and caller-ID rules.",
    discussion: """
      Prints every problem as 'file:line:column: error: message' and every warning as \
      'file:line:column: warning: message'. Exits 0 when all files are valid (warnings allowed), \
      65 when one is invalid, 66 when one cannot be opened.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @Option(help: "Refuse scenarios expecting more simulated calls than this per replication (default: 200000000).")
  var maxCalls: Double?

  func validate() throws {
    if let maxCalls { try RunOptions.checkMaxCalls(maxCalls) }
  }

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: maxCalls ?? RunOptions.defaultMaxCalls)
    for scenario in loaded.scenarios {
      let calls = scenario.traffic.reduce(0.0) { total, traffic in
        total + traffic.arrivals.reduce(0) { $0 + $1.expectedCount(horizonSeconds: scenario.simulation.horizonSeconds) }
      }
      print(
        "\(scenario.path): valid: '\(scenario.name)', \(scenario.traffic.count) traffic class\(scenario.traffic.count == 1 ? "" : "es"), about \(Format.decimal(calls, digits: 3)) calls per replication"
      )
    }
    try loaded.exitIfFailed()
  }
}

import ArgumentParser
import CallcapKit

/// `callcap estimate`: closed-form figures without simulation.
struct EstimateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "estimate",
    abstract: "Print closed-form estimates (M/D/1, M/M/1, Poisson tail, Erlang B/C) as a Markdown table.",
    discussion: """
      Fast first answers before simulating: offered load, queue waits at the API gate, the share of time \
      each concurrency category spends at or above its threshold, and refusals under an account cap. \
      Rows whose formula does not fit the scenario (bursts, time-varying load) say so.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @Option(
    help: "Refuse scenarios expecting more simulated calls than this per replication, as the simulating commands do (default: 200000000).")
  var maxCalls: Double?

  @Flag(help: "Print the estimates as JSON on standard output instead of the Markdown table.")
  var json = false

  func validate() throws {
    if let maxCalls { try RunOptions.checkMaxCalls(maxCalls) }
  }

  func run() throws {
    // The same guards as a simulation: a scenario refused there is refused here.
    let loaded = ScenarioFiles.load(scenarios, maxCalls: maxCalls ?? RunOptions.defaultMaxCalls)
    try loaded.exitIfFailed()
    let estimates = loaded.scenarios.map(Estimate.init)
    if json {
      print(OutputDocument.render(command: "estimate", scenarios: estimates.map(\.jsonScenario)), terminator: "")
    } else {
      print(estimates.map { $0.render() }.joined(separator: "\n"), terminator: "")
    }
  }
}

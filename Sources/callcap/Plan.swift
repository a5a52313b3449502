import ArgumentParser
import CallcapKit
import Foundation

/// `callcap plan`: the tier sweep and the recommendation.
struct Plan: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate every candidate CPS tier, recommend one, and write the full report.",
    discussion: """
      Simulates the configured CPS and each tier (the scenario's `tiers:`, or --tiers) with common random \
      numbers, checks each against the scenario's objectives and the suspension thresholds, and recommends \
      the smallest tier meeting all of them. A tier applies to the API gate and every trunk, or to the one \
      gate named by --gate. Writes report.md, summary.csv, tiers.csv, timeseries.csv and charts/*.svg to \
      OUT/<name>/ for each scenario.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @Option(help: ArgumentHelp("Candidate CPS values, comma-separated (overrides the scenario's tiers).", valueName: "list"))
  var tiers: String?

  @Option(help: ArgumentHelp("Sweep one gate only: 'api' or 'trunk:NAME'.", valueName: "gate"))
  var gate: String?

  @OptionGroup var options: SimulationOptions

  func validate() throws {
    if let tiers { _ = try Self.parseTiers(tiers) }
    if let gate, gate != "api", !(gate.hasPrefix("trunk:") && gate.count > 6) {
      throw ValidationError("--gate must be 'api' or 'trunk:NAME', not '\(gate)'")
    }
  }

  static func parseTiers(_ text: String) throws -> [Double] {
    var values: [Double] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = item.trimmingCharacters(in: .whitespaces)
      guard let value = Double(trimmed), value.isFinite, value > 0, value <= 10_000 else {
        throw ValidationError("--tiers takes positive CPS values up to 10000 separated by commas; '\(trimmed)' is not one")
      }
      if !values.contains(value) { values.append(value) }
    }
    return values.sorted()
  }

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: options.maxCalls)
    try loaded.exitIfFailed()
    let tierOverride = try tiers.map(Self.parseTiers)
    Interruption.installHandlers()
    var jsonDocuments: [String] = []
    for loadedScenario in loaded.scenarios {
      let scenario = options.apply(to: loadedScenario)
      let scope = try gate.map { try Self.scope($0, in: scenario) }
      let started = Date()
      let report = PlanReport(
        scenario: scenario, tiers: tierOverride ?? scenario.tiers, gate: scope, simulator: options.simulator(label: scenario.name))
      try Interrupts.exitIfRequested()
      try options.write(report.files, name: scenario.name)
      if options.timing { Timing.print(report.runs, since: started) }
      if options.json {
        jsonDocuments.append(report.json)
      } else if !options.quiet {
        print("\(PlanReport.summaryLine(report.plan)); wrote \(options.out)/\(scenario.name)/ (report.md, tiers.csv, charts/)")
      }
    }
    if options.json { print(JSONDocuments.join(jsonDocuments)) }
  }

  static func scope(_ text: String, in scenario: Scenario) throws -> Scope {
    guard let scope = Scope(parsing: text) else { throw ValidationError("--gate must be 'api' or 'trunk:NAME'") }
    if case .trunk(let name) = scope, !scenario.account.trunks.contains(where: { $0.name == name }) {
      let names = scenario.account.trunks.map(\.name)
      throw ValidationError(
        "--gate \(text): \(scenario.path) has no trunk named '\(name)'"
          + (names.isEmpty ? " (it has no trunks)" : " (its trunks: \(names.joined(separator: ", ")))"))
    }
    return scope
  }
}

enum JSONDocuments {
  /// One document as is; several as a JSON array.
  static func join(_ documents: [String]) -> String {
    documents.count == 1 ? documents[0] : "[\n" + documents.joined(separator: ",\n") + "\n]"
  }
}

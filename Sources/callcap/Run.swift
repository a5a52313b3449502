import ArgumentParser
import CallcapKit
import Foundation

/// `callcap run`: simulate the configured CPS only.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate scenarios at their configured CPS and write the report.",
    discussion: """
      Writes report.md, summary.csv, timeseries.csv and charts/*.svg to OUT/<name>/ for each scenario. \
      The same scenario and seed give byte-identical files for any --jobs.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @OptionGroup var options: SimulationOptions

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: options.maxCalls)
    try loaded.exitIfFailed()
    // Every report's place is checked before anything is simulated.
    let scenarios = loaded.scenarios.map(options.apply)
    try options.run.checkWorkload(scenarios) { _ in 1 }
    if let spec = options.run.shardSpec {
      let job = try ShardJob(
        command: "run", options: options.run.shardOptions(), invocation: self.scenarios, spec: spec, scenarios: scenarios,
        dataFiles: loaded.dataFiles)
      return try job.run(out: options.out, quiet: options.quiet, simulator: { options.simulator(label: $0) })
    }
    try Self.report(scenarios, settings: options.report) { scenario in
      RunReport(scenario: scenario, simulator: options.simulator(label: scenario.name))
    }
  }

  /// Writes the report of each scenario, `make` giving it (by simulating,
  /// or from merged shards), and prints the summaries.
  static func report(_ scenarios: [Scenario], settings: ReportSettings, make: (Scenario) -> RunReport) throws {
    var output = try ReportOutput(out: settings.out, names: scenarios.map(\.name))
    Interruption.installHandlers()
    var jsonScenarios: [JSONValue] = []
    var summaries: [String] = []
    for scenario in scenarios {
      let started = Date()
      var report = make(scenario)
      report.language = settings.language
      try output.exitIfInterrupted()
      try output.stage(report.files, name: scenario.name)
      if settings.timing { Timing.print([report.result], since: started) }
      if settings.json {
        jsonScenarios.append(report.jsonScenario)
      } else if !settings.quiet {
        summaries.append("\(scenario.name): \(output.wrote(scenario.name, settings.language))")
      }
    }
    // Reports move into place only once every scenario is simulated.
    try output.commit()
    for summary in summaries { print(summary) }
    if settings.json { print(OutputDocument.render(command: "run", scenarios: jsonScenarios), terminator: "") }
  }
}

enum Timing {
  static func print(_ results: [RunResult], since started: Date) {
    let elapsed = Date().timeIntervalSince(started)
    let replications = results.flatMap(\.replications)
    let calls = replications.reduce(0) { $0 + $1.callsSimulated }
    let events = replications.reduce(0) { $0 + $1.eventsProcessed }
    StandardError.print(
      "timing: \(calls) calls, \(events) events in \(Format.decimal(elapsed, digits: 4)) s: "
        + "\(Format.decimal(Double(calls) / elapsed, digits: 4)) calls/s, \(Format.decimal(Double(events) / elapsed, digits: 4)) events/s")
  }
}

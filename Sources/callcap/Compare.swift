import ArgumentParser
import CallcapKit
import Foundation

/// `callcap compare`: designs side by side.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate scenarios side by side and report their differences with 95% intervals.",
    discussion: """
      The first scenario is the baseline. Every scenario runs with the baseline's seed and replication count \
      (or --seed/--replications), and traffic classes and trunks of the same name draw the same random numbers, \
      so differences are paired. Writes comparison.md, comparison.csv and charts/*.svg to \
      OUT/compare-<a>-vs-<b>/ (a long name is cut and ends in a hash of the whole).
      """
  )

  @Argument(help: "Two or more scenario files (YAML); the first is the baseline.", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @OptionGroup var options: SimulationOptions

  func validate() throws {
    if scenarios.count < 2 { throw ValidationError("compare needs at least two scenarios") }
  }

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: options.maxCalls)
    try loaded.exitIfFailed()
    let scenarios = loaded.scenarios.map(options.apply)
    try options.run.checkWorkload(scenarios) { _ in 1 }
    if let spec = options.run.shardSpec {
      // One file for the whole comparison: it needs every scenario's results.
      let aligned = Comparison.align(scenarios)
      let job = try ShardJob(
        command: "compare", options: options.run.shardOptions(), invocation: self.scenarios, spec: spec, scenarios: aligned,
        dataFiles: loaded.dataFiles, unitName: Self.folderName(aligned), extra: Self.fingerprintSettings)
      return try job.run(out: options.out, quiet: options.quiet, simulator: { _ in options.simulator(label: "compare") })
    }
    try Self.report(scenarios, settings: options.report) { scenarios in
      Comparison.simulate(scenarios, simulator: options.simulator(label: "compare", batch: "design"))
    }
  }

  /// `compare-a-vs-b`, bounded: depends only on the scenarios' names.
  static func folderName(_ scenarios: [Scenario]) -> String {
    OutputFolder.boundedName(Comparison(scenarios: scenarios, runs: []).folderName)
  }

  /// compare's own settings in a shard's fingerprint: the scenario's place (the first is the baseline).
  static func fingerprintSettings(_ index: Int) -> [(String, String)] { [("position", String(index))] }

  /// Writes the comparison `make` gives (by simulating, or from merged shards) and prints the summary.
  static func report(_ scenarios: [Scenario], settings: ReportSettings, make: ([Scenario]) -> Comparison) throws {
    // The folder's name depends only on the scenarios' names: checked before simulating.
    let folderName = folderName(scenarios)
    var output = try ReportOutput(out: settings.out, names: [folderName])
    Interruption.installHandlers()
    let started = Date()
    let comparison = make(scenarios)
    try output.exitIfInterrupted()
    for scenario in comparison.unpaired {
      StandardError.print(
        "warning: \(scenario.path): shares no traffic class name with the baseline \(comparison.scenarios[0].path), "
          + "so its differences are not paired by common random numbers")
    }
    let report = ComparisonReport(comparison, language: settings.language)
    try output.stage(report.files, name: folderName)
    try output.commit()
    if settings.timing { Timing.print(comparison.runs, since: started) }
    if settings.json {
      print(OutputDocument.render(command: "compare", scenarios: report.jsonScenarios), terminator: "")
    } else if !settings.quiet {
      print(settings.language.catalogue.wrote(output.display(folderName), ["comparison.md", "comparison.csv", "charts/"]))
    }
  }
}

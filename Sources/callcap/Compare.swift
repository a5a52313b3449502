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
    // The folder's name depends only on the scenarios' names: checked before simulating.
    let folderName = OutputFolder.boundedName(Comparison(scenarios: scenarios, runs: []).folderName)
    var output = try options.reportOutput(names: [folderName])
    Interruption.installHandlers()
    let started = Date()
    let comparison = Comparison.simulate(scenarios, simulator: options.simulator(label: "compare"))
    try output.exitIfInterrupted()
    let report = ComparisonReport(comparison)
    try output.stage(report.files, name: folderName)
    try output.commit()
    if options.timing { Timing.print(comparison.runs, since: started) }
    if options.json {
      print(report.json)
    } else if !options.quiet {
      print("wrote \(output.display(folderName)) (comparison.md, comparison.csv, charts/)")
    }
  }
}

import Foundation

/// Simulates a scenario at its configured CPS and renders the report
/// files; no I/O (the command line writes them).
public struct RunReport: Sendable {
  public let scenario: Scenario
  public let result: RunResult
  /// The language of report.md and the charts.
  public var language: ReportLanguage = .en

  public init(scenario: Scenario, simulator: Simulator, replications: Int? = nil) {
    self.scenario = scenario
    result = simulator.run(SimulationModel(scenario), replications: replications ?? scenario.simulation.replications)
  }

  /// The report of results already simulated (`merge`).
  public init(scenario: Scenario, result: RunResult) {
    self.scenario = scenario
    self.result = result
  }

  /// `report.md`, `summary.csv`, `timeseries.csv`, `timeseries-agents.csv`
  /// (with agent pools), `charts/*.svg`.
  public var files: [(path: String, contents: String)] {
    let sim = scenario.simulation
    let catalogue = language.catalogue
    let charts = ReportCharts.forRun(scenario: scenario, run: result, label: catalogue.configuredCPS, catalogue)
    return [
      ("report.md", MarkdownReport(scenario: scenario, run: result, charts: charts, language: language).render()),
      ("summary.csv", CSVWriter.summary(scenario: scenario.name, runs: [result])),
      (
        "timeseries.csv",
        CSVWriter.timeSeries(scenario: scenario.name, runs: [result], resolution: sim.resolutionSeconds, startClock: sim.startClockSeconds)
      ),
    ] + (scenario.agents.isEmpty ? [] : [("timeseries-agents.csv", CSVWriter.poolTimeSeries(scenario: scenario, runs: [result]))])
      + charts.map { ($0.path, $0.svg) }
  }
}

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
  public var files: [ReportFile] {
    let scenario = scenario
    let result = result
    let catalogue = language.catalogue
    let charts = ReportCharts.forRun(scenario: scenario, run: result, label: catalogue.configuredCPS, catalogue)
    return [
      ReportFile("report.md", MarkdownReport(scenario: scenario, run: result, charts: charts, language: language).render()),
      ReportFile("summary.csv", CSVWriter.summary(scenario: scenario.name, runs: [result])),
      .streamed("timeseries.csv") { sink in
        CSVWriter.timeSeries(scenario: scenario.name, runs: [result], startClock: scenario.simulation.startClockSeconds, into: &sink)
      },
    ]
      + (scenario.agents.isEmpty
        ? []
        : [
          .streamed("timeseries-agents.csv") { sink in CSVWriter.poolTimeSeries(scenario: scenario, runs: [result], into: &sink) }
        ])
      + charts.map { ReportFile($0.path, $0.svg) }
  }
}

import Foundation

/// Simulates a scenario at its configured CPS and renders the report
/// files; no I/O (the command line writes them).
public struct RunReport: Sendable {
  public let scenario: Scenario
  public let result: RunResult

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
    let charts = ReportCharts.forRun(scenario: scenario, run: result, label: "configured CPS")
    return [
      ("report.md", MarkdownReport(scenario: scenario, run: result, charts: charts).render()),
      ("summary.csv", CSVWriter.summary(scenario: scenario.name, runs: [result])),
      (
        "timeseries.csv",
        CSVWriter.timeSeries(scenario: scenario.name, runs: [result], resolution: sim.resolutionSeconds, startClock: sim.startClockSeconds)
      ),
    ] + (scenario.agents.isEmpty ? [] : [("timeseries-agents.csv", CSVWriter.poolTimeSeries(scenario: scenario, runs: [result]))])
      + charts.map { ($0.path, $0.svg) }
  }

  /// The summary as JSON: `{"scenario": ..., "metrics": [{scope, metric, unit, mean, ci95_low, ...}]}`.
  public var json: String { JSONSummary.render(scenario: scenario.name, runs: [result]) }
}

/// The `--json` summary: `{"scenario": ..., "runs": [{"tier": ..., "metrics": [...]}]}`
/// for several runs, or `{"scenario", "tier", "metrics"}` for one.
enum JSONSummary {
  static func render(scenario: String, runs: [RunResult], extra: String = "") -> String {
    func metrics(_ run: RunResult, indent: String) -> String {
      var lines: [String] = []
      for row in run.rows {
        let s = row.summary
        let interval = s.interval95(row.metric)
        func number(_ value: Double?) -> String { value.map { $0.isFinite ? Format.csv($0) : "null" } ?? "null" }
        lines.append(
          indent + "{\"scope\": \"\(row.scope)\", \"metric\": \"\(row.metric.rawValue)\", \"unit\": \"\(row.metric.unit.rawValue)\", "
            + "\"mean\": \(number(s.mean)), \"ci95_low\": \(number(interval?.lowerBound)), \"ci95_high\": \(number(interval?.upperBound)), "
            + "\"min\": \(number(s.min)), \"max\": \(number(s.max)), \"replications\": \(s.count)}")
      }
      return lines.joined(separator: ",\n")
    }
    func tier(_ run: RunResult) -> String { run.setting?.csvLabel ?? "configured" }
    if runs.count == 1 {
      return "{\n  \"scenario\": \"\(scenario)\",\n  \"tier\": \"\(tier(runs[0]))\",\(extra)\n  \"metrics\": [\n"
        + metrics(runs[0], indent: "    ") + "\n  ]\n}"
    }
    let parts = runs.map { run in
      "    {\n      \"tier\": \"\(tier(run))\",\n      \"metrics\": [\n" + metrics(run, indent: "        ") + "\n      ]\n    }"
    }
    return "{\n  \"scenario\": \"\(scenario)\",\(extra)\n  \"runs\": [\n" + parts.joined(separator: ",\n") + "\n  ]\n}"
  }
}

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

  /// `report.md`, `summary.csv`, `timeseries.csv`.
  public var files: [(path: String, contents: String)] {
    let sim = scenario.simulation
    return [
      ("report.md", MarkdownReport(scenario: scenario, run: result).render()),
      ("summary.csv", CSVWriter.summary(scenario: scenario.name, runs: [result])),
      (
        "timeseries.csv",
        CSVWriter.timeSeries(scenario: scenario.name, runs: [result], resolution: sim.resolutionSeconds, startClock: sim.startClockSeconds)
      ),
    ]
  }

  /// The summary as JSON: `{"scenario": ..., "metrics": [{scope, metric, unit, mean, ci95_low, ...}]}`.
  public var json: String {
    var lines: [String] = []
    for row in result.rows {
      let s = row.summary
      func number(_ value: Double?) -> String { value.map { $0.isFinite ? Format.csv($0) : "null" } ?? "null" }
      lines.append(
        "    {\"scope\": \"\(row.scope)\", \"metric\": \"\(row.metric.rawValue)\", \"unit\": \"\(row.metric.unit.rawValue)\", "
          + "\"mean\": \(number(s.mean)), \"ci95_low\": \(number(s.low)), \"ci95_high\": \(number(s.high)), "
          + "\"min\": \(number(s.min)), \"max\": \(number(s.max)), \"replications\": \(s.count)}")
    }
    return "{\n  \"scenario\": \"\(scenario.name)\",\n  \"tier\": \"configured\",\n  \"metrics\": [\n" + lines.joined(separator: ",\n")
      + "\n  ]\n}"
  }
}

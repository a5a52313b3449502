/// Runs the tier sweep of a scenario and renders the plan's files; no I/O
/// (the command line writes them).
public struct PlanReport: Sendable {
  public let plan: CapacityPlan

  public init(scenario: Scenario, tiers: [Double], gate: Scope?, simulator: Simulator) {
    plan = CapacityPlan.simulate(scenario, tiers: tiers, gate: gate, simulator: simulator)
  }

  /// `report.md`, `summary.csv`, `tiers.csv`, `timeseries.csv`, `charts/*.svg`.
  public var files: [(path: String, contents: String)] {
    let scenario = plan.scenario
    let sim = scenario.simulation
    let runs = [plan.configured.run] + plan.tiers.map(\.run)
    let charts = ReportCharts.forPlan(plan)
    return [
      ("report.md", MarkdownReport(plan: plan, charts: charts).render()),
      ("summary.csv", CSVWriter.summary(scenario: scenario.name, runs: runs)),
      ("tiers.csv", CSVWriter.tiers(plan)),
      (
        "timeseries.csv",
        CSVWriter.timeSeries(scenario: scenario.name, runs: runs, resolution: sim.resolutionSeconds, startClock: sim.startClockSeconds)
      ),
    ] + charts.map { ($0.path, $0.svg) }
  }

  public var json: String {
    let recommended = plan.recommended?.tier.map { "\"\(Quantity.shortest($0))\"" } ?? "null"
    return JSONSummary.render(
      scenario: plan.scenario.name, runs: [plan.configured.run] + plan.tiers.map(\.run),
      extra: "\n  \"recommended_tier\": \(recommended),")
  }

  /// Every run simulated, for `--timing`.
  public var runs: [RunResult] { [plan.configured.run] + plan.tiers.map(\.run) }
}

import Foundation

/// Runs the tier sweep of a scenario and renders the plan's files; no I/O
/// (the command line writes them).
public struct PlanReport: Sendable {
  public let plan: CapacityPlan
  /// Agents per pool that has pool objectives (see ``StaffingPlan``).
  public var staffing: [StaffingPlan] = []

  /// How far traffic can grow before the plan's answer breaks (``PlanHeadroom``); nil when not searched.
  public var headroom: Headroom?

  /// The verdict's remedies simulated with their changes; nil when the
  /// verdict has none (the plan does not fail).
  public var remedies: RemedyVerification?

  /// The language of report.md, the charts and ``summaryLine``.
  public var language: ReportLanguage = .en

  /// Simulates the plan; with `headroom` (the default) also searches the
  /// headroom of its answer when the plan can (``PlanHeadroom/searchable(_:)``).
  /// When the plan fails, verifies its remedies on the scenario file's
  /// text, `source` (default: read again from the scenario's path).
  public init(
    scenario: Scenario, tiers: [Double]?, gate: Scope?, simulator: Simulator, headroom: Bool = true,
    maxCalls: Double = InputLimits.defaultMaxCalls, source: ScenarioSource? = nil
  ) {
    plan = CapacityPlan.simulate(scenario, tiers: tiers, gate: gate, simulator: simulator)
    staffing = StaffingPlan.plans(for: scenario, simulator: simulator)
    if headroom { self.headroom = PlanHeadroom.search(plan, simulator: simulator, maxCalls: maxCalls) }
    remedies = Self.verifyRemedies(plan, source: source, simulator: simulator, maxCalls: maxCalls)
  }

  /// The report of a plan already decided (`merge`): its remedies are not
  /// simulated, as a plan that adds no replications does not simulate them.
  public init(plan: CapacityPlan, source: ScenarioSource? = nil) {
    self.plan = plan
    remedies = Self.verifyRemedies(plan, source: source, simulator: nil, maxCalls: InputLimits.defaultMaxCalls)
  }

  /// The verdict shows remedies exactly when the plan fails.
  private static func verifyRemedies(
    _ plan: CapacityPlan, source: ScenarioSource?, simulator: Simulator?, maxCalls: Double
  ) -> RemedyVerification? {
    guard plan.status == .fails else { return nil }
    let text = source.map { .success($0) } ?? ScenarioSource.read(plan.scenario.path)
    return RemedyVerification.verify(plan, source: text, simulator: simulator, maxCalls: maxCalls)
  }

  /// ``files(folder:)`` for a folder not known: `fix.yaml`'s relative data-file paths become absolute.
  public var files: [ReportFile] { files(folder: nil) }

  /// `report.md`, `summary.csv`, `tiers.csv`, `timeseries.csv`, `staffing.csv`
  /// (with a staffing search), `timeseries-agents.csv` (with agent pools),
  /// `fix.yaml` (when a remedy has a change), `charts/*.svg`, for the report
  /// `folder` (where `fix.yaml`'s relative data-file paths start).
  public func files(folder: URL?) -> [ReportFile] {
    let scenario = plan.scenario
    let sim = scenario.simulation
    let runs = [plan.configured.run] + plan.tiers.map(\.run)
    let charts = ReportCharts.forPlan(plan, language.catalogue)
    var markdown = MarkdownReport(plan: plan, charts: charts, staffing: staffing, headroom: headroom, language: language)
    markdown.remedies = remedies
    return [
      ReportFile("report.md", markdown.render()),
      ReportFile("summary.csv", CSVWriter.summary(scenario: scenario.name, runs: runs)),
      ReportFile("tiers.csv", CSVWriter.tiers(plan)),
      .streamed("timeseries.csv") { sink in
        CSVWriter.timeSeries(scenario: scenario.name, runs: runs, startClock: sim.startClockSeconds, into: &sink)
      },
    ] + (staffing.isEmpty ? [] : [ReportFile("staffing.csv", CSVWriter.staffing(scenario: scenario.name, plans: staffing))])
      + (scenario.agents.isEmpty
        ? []
        : [
          .streamed("timeseries-agents.csv") { sink in CSVWriter.poolTimeSeries(scenario: scenario, runs: runs, into: &sink) }
        ])
      + (remedies?.fixFile(folder: folder).map { [ReportFile("fix.yaml", $0)] } ?? [])
      + charts.map { ReportFile($0.path, $0.svg) }
  }

  /// The line `plan` prints per scenario: `launch-day: recommended 5 CPS`,
  /// `support: no CPS to buy; every objective holds`, `x: undecided: ...`.
  public static func summaryLine(_ plan: CapacityPlan, language: ReportLanguage = .en) -> String {
    language.catalogue.summaryLine(plan)
  }

  /// ``summaryLine(_:language:)`` in this report's language.
  public var summaryLine: String { Self.summaryLine(plan, language: language) }

  /// The agents per pool after the summary line: `; pool desk: 14 agents,
  /// inbound threshold safe`, `; pool desk: shifts +2`, or nothing.
  public var staffingLine: String { language.catalogue.staffingLine(staffing) }

  /// Every run simulated, for `--timing`.
  public var runs: [RunResult] { [plan.configured.run] + plan.tiers.map(\.run) }
}

import Foundation

/// How many agents a pool needs (SPEC "Contact centres"): the smallest
/// constant count that meets every objective of the pool (service level,
/// abandonment, p95 answer wait), searched upward from the offered load in
/// erlangs, with common random numbers (every count sees the same callers).
/// Each count tried is a row of the staffing curve: service level,
/// abandonment and the peak of the category the callers count in, against
/// its threshold, since too few agents fill the queue with live calls.
public struct StaffingPlan: Sendable {
  public struct Row: Sendable {
    public var agents: Int
    public var serviceLevel: Summary?
    public var abandonRate: Summary?
    public var answerWaitP95: Summary?
    /// Peak simultaneous calls of the callers' category (inbound or forwarded).
    public var peak: Summary?
    public var outcome: ObjectiveOutcome
    public var checks: [ObjectiveCheck]
  }

  public var pool: String
  /// Offered load of the pool's callers, erlangs (mean rate x mean talk).
  public var offeredLoad: Double
  public var category: ConcurrencyCategory
  public var rows: [Row]
  /// The smallest count that meets every objective of the pool, if one was found.
  public var recommended: Int? { rows.first { $0.outcome == .meets }?.agents }

  /// Plans every pool with a constant count that some traffic reaches and
  /// that has at least one pool objective; other pools are left out.
  /// Whether `plan` searches agent counts for this scenario: it has pool
  /// objectives and a pool with a constant count.
  public static func applies(to scenario: Scenario) -> Bool {
    let objectives = scenario.objectives
    guard objectives.serviceLevelMin != nil || objectives.abandonedShare != nil || objectives.answerWaitP95Seconds != nil
    else { return false }
    return scenario.agents.contains { if case .constant = $0.staffing { true } else { false } }
  }

  public static func plans(for scenario: Scenario, simulator: Simulator, replications: Int? = nil) -> [StaffingPlan] {
    guard applies(to: scenario) else { return [] }
    let loads = OfferedLoad.of(scenario)
    var plans: [StaffingPlan] = []
    for (index, pool) in scenario.agents.enumerated() {
      guard case .constant = pool.staffing else { continue }
      let classes = scenario.traffic.filter { $0.agentPool == index }
      guard let first = classes.first else { continue }
      let load = classes.reduce(0.0) { sum, traffic in
        sum + (loads.first { $0.traffic == traffic.name }.map { $0.meanPerSecond * traffic.duration.uncappedMean } ?? 0)
      }
      var plan = StaffingPlan(pool: pool.name, offeredLoad: load, category: first.type.category, rows: [])
      let scope = Scope.agents(pool.name)
      // Below the load the queue grows without bound; a few agents above it usually suffice.
      let start = max(1, Int(load.rounded(.up)))
      let last = start + max(20, Int(load))
      for agents in start...last {
        var trial = scenario
        trial.agents[index].staffing = .constant(agents)
        let run = simulator.run(SimulationModel(trial), replications: replications ?? trial.simulation.replications)
        let checks = trial.objectives.evaluate(run, scenario: trial).filter {
          switch $0.objective {
          case .serviceLevel(let s), .abandoned(let s), .answerWaitP95(let s): s == scope
          default: false
          }
        }
        plan.rows.append(
          Row(
            agents: agents, serviceLevel: run.row(scope, .serviceLevel)?.summary,
            abandonRate: run.row(scope, .abandonRate)?.summary, answerWaitP95: run.row(scope, .answerWaitP95)?.summary,
            peak: run.row(.category(plan.category), .peakConcurrency)?.summary,
            outcome: ObjectiveOutcome.combined(checks.map(\.outcome)), checks: checks))
        if plan.rows.last?.outcome == .meets { break }
      }
      plans.append(plan)
    }
    return plans
  }

  /// The staffing curve as Markdown, with the recommendation first.
  public func render(threshold: Int?) -> String {
    var text = "### Staffing: pool \(pool)\n\n"
    if let recommended {
      text += "**\(recommended) agents** is the smallest count that meets every objective of the pool"
    } else {
      text += "No count up to \(rows.last?.agents ?? 0) agents meets every objective of the pool with confidence"
    }
    text += " (offered load \(Format.decimal(offeredLoad, digits: 4)) erlangs).\n\n"
    text += "| agents | service level | abandoned | p95 answer wait | peak \(category.rawValue)"
    text += (threshold.map { " (threshold \($0))" } ?? "") + " | objectives |\n|---|---|---|---|---|---|\n"
    for row in rows {
      func cell(_ summary: Summary?, _ metric: Metric) -> String {
        guard let summary else { return "n/a" }
        return MetricText.describe(summary, metric)
      }
      var cells: [String] = ["\(row.agents)"]
      cells.append(cell(row.serviceLevel, .serviceLevel))
      cells.append(cell(row.abandonRate, .abandonRate))
      cells.append(cell(row.answerWaitP95, .answerWaitP95))
      cells.append(cell(row.peak, .peakConcurrency))
      cells.append(row.outcome.rawValue)
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return text + "\n"
  }
}

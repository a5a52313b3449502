/// The results at one CPS setting and how they fare against the objectives.
public struct TierOutcome: Sendable {
  /// The CPS simulated; nil for the scenario's configured CPS.
  public var tier: Double?
  public var run: RunResult
  public var checks: [ObjectiveCheck]
  /// Which replications reached which threshold.
  public var reach: ThresholdReach

  /// Judges `run` at `level`: one look at 95% unless a plan looks several times.
  public init(tier: Double?, run: RunResult, scenario: Scenario, level: DecisionLevel = .single) {
    self.tier = tier
    self.run = run
    checks = scenario.objectives.evaluate(run, scenario: scenario, level: level)
    reach = ThresholdReach(run, scenario: scenario)
  }

  /// Meets every objective with 95% confidence (over the plan's looks).
  public var meetsObjectives: Bool { decision == .meets }
  /// `fails` when an objective fails, `undecided` when none fails but one
  /// is undecided, `meets` when all meet.
  public var decision: ObjectiveOutcome { ObjectiveOutcome.combined(checks.map(\.outcome)) }
  public var failing: [ObjectiveCheck] { checks.filter { $0.outcome == .fails } }
  public var undecided: [ObjectiveCheck] { checks.filter { $0.outcome == .undecided } }
  /// Replications simulated at this setting.
  public var replications: Int { run.replications.count }

  /// `3 CPS` or `configured`.
  public var label: String { tier.map { "\(Quantity.shortest($0)) CPS" } ?? "configured" }

  /// Share of replications in which any category reached its threshold
  /// itself (the suspension risk also counts the headroom).
  public var anyBreachShare: Double { reach.anyThreshold.share }
}

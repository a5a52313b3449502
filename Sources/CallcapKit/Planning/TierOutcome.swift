/// The results at one CPS setting and how they fare against the objectives.
public struct TierOutcome: Sendable {
  /// The CPS per gate simulated; nil for the scenario's configured CPS.
  public var setting: GateSetting?
  /// What the setting costs a month: each gate's CPS times its
  /// `price_per_cps` (``CapacityPlan/cost(of:in:)``); the configured CPS's
  /// cost for the configured setting.
  public var cost: Double
  public var run: RunResult
  public var checks: [ObjectiveCheck]
  /// Which replications reached which threshold.
  public var reach: ThresholdReach

  /// Judges `run` at `level`: one look at 95% unless a plan looks several times.
  public init(setting: GateSetting?, run: RunResult, scenario: Scenario, level: DecisionLevel = .single) {
    self.setting = setting
    cost = CapacityPlan.cost(of: setting, in: scenario)
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

  /// The CPS when every gate of the setting has the same one (a plain
  /// tier, or a one-gate plan); nil for the configured CPS and for a
  /// combination.
  public var tier: Double? { setting?.uniformCPS }

  /// `3 CPS`, `API 2 CPS, office-pbx 3 CPS`, or `configured`.
  public var label: String { setting?.label ?? "configured" }

  /// Share of replications in which any category reached its threshold
  /// itself (the suspension risk also counts the headroom).
  public var anyBreachShare: Double { reach.anyThreshold.share }
}

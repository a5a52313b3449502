import Foundation

/// The `--json` summary of one scenario's plan: the verdict a script acts
/// on (`status`, the recommended CPS as a number), the objectives behind
/// it with value, interval, limit and outcome, and every simulated setting
/// with its replication count, decision and metrics.
///
/// ```json
/// {"scenario": "reminder-campaign", "status": "meets", "recommended_cps": 2,
///  "gates": ["api"], "max_replications": 2000, "looks": [20, 40, 80, 160, 320, 517, 1034, 2000],
///  "objectives": [{"objective": "suspension_risk", "value": 0, "low": 0, "high": 0.00997,
///                  "interval": "one-sided 99.4% (95% over 8 looks) Clopper-Pearson", "limit": 0.01,
///                  "outcome": "meets", "replications": 517, "events": 0}, ...],
///  "tiers": [{"cps": null, "configured": true, "replications": 20, "decision": "fails",
///             "objectives": [...], "metrics": [{"scope", "metric", "unit", "mean", "ci95_low", ...}]}, ...]}
/// ```
///
/// `status` is `meets` (a tier is recommended, or without a CPS gate every
/// objective holds), `fails` or `undecided`; `recommended_cps` is null
/// unless `status` is `meets` with a gate. `objectives` are those of the
/// setting the verdict rests on: the recommended tier, the configured CPS
/// without a gate, else the first undecided tier, else the largest tier.
public struct PlanSummary: Encodable, Sendable {
  public struct Objective: Encodable, Sendable {
    public var objective: String
    public var scope: String?
    public var value: Double
    public var low: Double?
    public var high: Double?
    /// How the interval was formed: `two-sided 95% Student t` or `one-sided
    /// 95% Clopper-Pearson`, at a plan of several looks the per-look level:
    /// `one-sided 99.4% (95% over 9 looks) Clopper-Pearson`.
    public var interval: String
    public var limit: Double
    public var outcome: ObjectiveOutcome
    public var replications: Int
    /// Replications reaching a threshold (suspension risk only).
    public var events: Int?

    init(_ check: ObjectiveCheck) {
      objective = check.key
      switch check.objective {
      case .queueWaitP95(let gate), .serviceLevel(let gate), .abandoned(let gate), .answerWaitP95(let gate):
        scope = gate.description
      case .atMost(_, let gate), .late(let gate, _): scope = gate.description
      case .rejected, .suspensionRisk: scope = nil
      }
      value = check.measured
      low = check.low
      high = check.high
      let level = check.level.looks == 1 ? "95%" : "\(check.level.perLook) (95% over \(check.level.looks) looks)"
      interval = check.breaches == nil ? "two-sided \(level) Student t" : "one-sided \(level) Clopper-Pearson"
      limit = check.limit
      outcome = check.outcome
      replications = check.replications
      events = check.breaches?.events
    }

    enum CodingKeys: String, CodingKey {
      case objective, scope, value, low, high, interval, limit, outcome, replications, events
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(objective, forKey: .objective)
      try container.encode(scope, forKey: .scope)
      try container.encode(PlanSummary.finite(value), forKey: .value)
      try container.encode(PlanSummary.finite(low), forKey: .low)
      try container.encode(PlanSummary.finite(high), forKey: .high)
      try container.encode(interval, forKey: .interval)
      try container.encode(limit, forKey: .limit)
      try container.encode(outcome, forKey: .outcome)
      try container.encode(replications, forKey: .replications)
      try container.encode(events, forKey: .events)
    }
  }

  public struct MetricRow: Encodable, Sendable {
    public var scope: String
    public var metric: String
    public var unit: String
    public var mean: Double?
    /// The 95% interval as in summary.csv (``Summary/interval95(_:)``).
    public var ci95Low: Double?
    public var ci95High: Double?
    public var min: Double?
    public var max: Double?
    public var replications: Int

    enum CodingKeys: String, CodingKey {
      case scope, metric, unit, mean, min, max, replications
      case ci95Low = "ci95_low"
      case ci95High = "ci95_high"
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(scope, forKey: .scope)
      try container.encode(metric, forKey: .metric)
      try container.encode(unit, forKey: .unit)
      try container.encode(mean, forKey: .mean)
      try container.encode(ci95Low, forKey: .ci95Low)
      try container.encode(ci95High, forKey: .ci95High)
      try container.encode(min, forKey: .min)
      try container.encode(max, forKey: .max)
      try container.encode(replications, forKey: .replications)
    }
  }

  public struct Setting: Encodable, Sendable {
    /// The CPS simulated when every gate has the same one; null for the
    /// configured CPS and for a combination (see `gates`).
    public var cps: Double?
    /// The CPS of each gate (`api`, `trunk:<name>`, `trunk-pool`); for the
    /// configured setting, the configured CPS of the plan's gates.
    public var gates: [String: Double]
    /// The setting's monthly cost: each gate's CPS times its `price_per_cps`.
    public var cost: Double
    public var configured: Bool
    public var replications: Int
    public var decision: ObjectiveOutcome
    public var objectives: [Objective]
    public var metrics: [MetricRow]

    enum CodingKeys: String, CodingKey { case cps, gates, cost, configured, replications, decision, objectives, metrics }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(cps, forKey: .cps)
      try container.encode(gates, forKey: .gates)
      try container.encode(cost, forKey: .cost)
      try container.encode(configured, forKey: .configured)
      try container.encode(replications, forKey: .replications)
      try container.encode(decision, forKey: .decision)
      try container.encode(objectives, forKey: .objectives)
      try container.encode(metrics, forKey: .metrics)
    }
  }

  public var scenario: String
  public var status: ObjectiveOutcome
  public var recommendedCps: Double?
  /// The recommended CPS of each gate; empty when nothing is recommended.
  public var recommendedGates: [String: Double]
  /// The recommended option's monthly cost; null when nothing is recommended.
  public var recommendedCost: Double?
  /// The smallest tier known to meet every objective (also when a smaller
  /// one is undecided and nothing is recommended).
  public var smallestMeetingCps: Double?
  public var gates: [String]
  public var maxReplications: Int
  /// The replication counts a setting may be judged at, fixed in advance.
  public var looks: [Int]
  public var objectives: [Objective]
  public var tiers: [Setting]
  /// Agents per pool (``StaffingSummary``); empty without agent pools and pool objectives.
  public var staffing: [StaffingSummary]
  /// The verdict's remedies (a failing plan's "What would fix it"), each
  /// with its verification; empty when the plan does not fail.
  public var remedies: [RemedySummary] = []
  /// The headroom of the plan's answer (``PlanHeadroom``); absent when the
  /// plan did not search it.
  public var headroom: PlanHeadroom.Figure?

  enum CodingKeys: String, CodingKey {
    case scenario, status, gates, objectives, tiers, looks, staffing, headroom, remedies
    case recommendedCps = "recommended_cps"
    case recommendedGates = "recommended_gates"
    case recommendedCost = "recommended_cost"
    case smallestMeetingCps = "smallest_meeting_cps"
    case maxReplications = "max_replications"
  }

  public init(_ plan: CapacityPlan, staffing: [StaffingPlan] = []) {
    self.staffing = staffing.map(StaffingSummary.init)
    scenario = plan.scenario.name
    status = plan.status
    recommendedCps = plan.recommended?.tier
    recommendedGates = Self.gates(plan.recommended?.setting)
    recommendedCost = plan.recommended?.cost
    smallestMeetingCps = plan.smallestMeeting?.tier
    gates = plan.gates.map(\.description)
    maxReplications = plan.maxReplications
    looks = plan.schedule.counts
    let basis =
      plan.recommended
      ?? (plan.gates.isEmpty ? plan.configured : plan.pending.first ?? plan.tiers.last ?? plan.configured)
    objectives = basis.checks.map(Objective.init)
    tiers = ([plan.configured] + plan.tiers).map { outcome in
      Setting(
        cps: outcome.tier,
        gates: outcome.setting == nil
          ? Dictionary(
            plan.gates.map { ($0.description, CapacityPlan.configuredCPS(of: $0, in: plan.scenario)) },
            uniquingKeysWith: { first, _ in first })
          : Self.gates(outcome.setting),
        cost: outcome.cost, configured: outcome.setting == nil, replications: outcome.replications, decision: outcome.decision,
        objectives: outcome.checks.map(Objective.init),
        metrics: outcome.run.rows.map { row in
          let interval = row.summary.interval95(row.metric)
          return MetricRow(
            scope: row.scope.description, metric: row.metric.rawValue, unit: row.metric.unit.rawValue,
            mean: Self.finite(row.summary.mean), ci95Low: Self.finite(interval?.lowerBound),
            ci95High: Self.finite(interval?.upperBound), min: Self.finite(row.summary.min), max: Self.finite(row.summary.max),
            replications: row.summary.count)
        })
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(scenario, forKey: .scenario)
    try container.encode(status, forKey: .status)
    try container.encode(recommendedCps, forKey: .recommendedCps)
    try container.encode(recommendedGates, forKey: .recommendedGates)
    try container.encode(recommendedCost, forKey: .recommendedCost)
    try container.encode(smallestMeetingCps, forKey: .smallestMeetingCps)
    try container.encode(gates, forKey: .gates)
    try container.encode(maxReplications, forKey: .maxReplications)
    try container.encode(looks, forKey: .looks)
    try container.encode(objectives, forKey: .objectives)
    try container.encode(tiers, forKey: .tiers)
    try container.encode(staffing, forKey: .staffing)
    try container.encodeIfPresent(headroom, forKey: .headroom)
    try container.encode(remedies, forKey: .remedies)
  }

  /// One remedy of the verdict in `--json`: its sentence, the changes it
  /// makes to the scenario (as `fix.yaml`'s header words them), the
  /// verification's `outcome` (``RemedyVerification/key(_:)``) and
  /// `detail`, and whether it is the one written as `fix.yaml`.
  public struct RemedySummary: Encodable, Sendable {
    public var text: String
    public var changes: [String]
    public var outcome: String
    public var detail: String
    public var fixYaml: Bool

    enum CodingKeys: String, CodingKey {
      case text, changes, outcome, detail
      case fixYaml = "fix_yaml"
    }

    /// Every remedy of `verification`, in the verdict's order.
    public static func all(_ verification: RemedyVerification?) -> [RemedySummary] {
      guard let verification else { return [] }
      return verification.entries.enumerated().map { index, entry in
        RemedySummary(
          text: entry.remedy.text, changes: entry.remedy.changes.map(\.description),
          outcome: RemedyVerification.key(entry.outcome),
          detail: RemedyVerification.describe(entry.outcome, budget: verification.budget), fixYaml: verification.written == index)
      }
    }
  }

  /// A setting's CPS by gate name.
  static func gates(_ setting: GateSetting?) -> [String: Double] {
    Dictionary((setting?.entries ?? []).map { ($0.gate, $0.cps) }, uniquingKeysWith: { first, _ in first })
  }

  /// JSON numbers cannot be infinite or NaN: those become null.
  static func finite(_ value: Double?) -> Double? {
    value.flatMap { $0.isFinite ? $0 : nil }
  }

  /// Pretty-printed with sorted keys, so the same plan gives the same bytes.
  public var encoded: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    // Every value is finite or null and every key a string: encoding cannot fail.
    guard let data = try? encoder.encode(self) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}

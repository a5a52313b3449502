/// What a scenario's verdict says, in `--json`'s `verdict.status`: the one
/// word a script acts on.
public enum OutputStatus: String, Sendable, CaseIterable {
  /// A CPS gate carries traffic and the plan recommends a CPS for every
  /// gate that meets every objective (`verdict.recommended_cps`).
  case buy
  /// Every objective (for `check`: every expectation) holds at the setting
  /// judged; in a plan, no traffic passes a CPS gate, so there is no CPS to buy.
  case meets
  /// An objective (expectation) fails: in a plan, no candidate meets every objective.
  case fails
  /// Not settled with 95% confidence within the replication budget.
  case undecided
  /// The command judges no objective (`estimate`, `observe`, `fit`).
  case notJudged = "not_judged"
}

/// A scenario's `verdict` in `--json`: `status`, the recommended CPS per
/// gate, agents per pool, and the objectives the status rests on.
enum OutputVerdict {
  static func make(
    status: OutputStatus, recommended: GateSetting? = nil, cost: Double? = nil, agents: [String: JSONValue] = [:],
    objectives: [ObjectiveCheck] = []
  ) -> JSONValue {
    [
      "status": .string(status.rawValue),
      "recommended_cps": gates(recommended),
      "recommended_cost": .number(cost),
      "agents": .object(agents),
      "objectives": .array(objectives.map(objective)),
    ]
  }

  /// The verdict of a judged setting that buys nothing: meets, fails or undecided.
  static func status(_ outcome: ObjectiveOutcome) -> OutputStatus {
    switch outcome {
    case .meets: .meets
    case .fails: .fails
    case .undecided: .undecided
    }
  }

  /// `{"api": 2, "trunk:office": 3}`; `{}` for none.
  static func gates(_ setting: GateSetting?) -> JSONValue {
    .object(
      Dictionary((setting?.entries ?? []).map { ($0.gate, JSONValue.number($0.cps)) }, uniquingKeysWith: { first, _ in first }))
  }

  /// The configured CPS of each gate a plan of `scenario` would give a CPS.
  static func configuredGates(_ scenario: Scenario) -> JSONValue {
    .object(
      Dictionary(
        CapacityPlan.gates(of: scenario, only: nil).map {
          ($0.description, JSONValue.number(CapacityPlan.configuredCPS(of: $0, in: scenario)))
        },
        uniquingKeysWith: { first, _ in first }))
  }

  /// One objective: `value`, `interval` `[low, high]` (null bounds when it
  /// has none), how the interval was formed, `limit`, `outcome`.
  static func objective(_ check: ObjectiveCheck) -> JSONValue {
    let scope: String?
    switch check.objective {
    case .queueWaitP95(let gate), .serviceLevel(let gate), .abandoned(let gate), .answerWaitP95(let gate): scope = gate.description
    case .atMost(_, let gate), .late(let gate, _): scope = gate.description
    case .rejected, .suspensionRisk: scope = nil
    }
    let level = check.level.looks == 1 ? "95%" : "\(check.level.perLook) (95% over \(check.level.looks) looks)"
    return [
      "objective": .string(check.key),
      "scope": .string(scope),
      "value": .number(check.measured),
      "interval": [.number(check.low), .number(check.high)],
      "interval_method": .string(check.breaches == nil ? "two-sided \(level) Student t" : "one-sided \(level) Clopper-Pearson"),
      "limit": .number(check.limit),
      "outcome": .string(check.outcome.rawValue),
      "replications": .integer(check.replications),
      "events": .integer(check.breaches?.events),
    ]
  }
}

/// One simulated setting in a scenario's `runs`: its CPS, replications,
/// decision, objectives and metrics.
enum OutputRun {
  /// `outcome`'s run: `cps` (null for the configured CPS or when gates
  /// differ), `gates`, `configured`, `replications`, `decision`,
  /// `objectives`, `metrics`, its monthly `cost`, and `extra` keys (a headroom factor).
  static func make(_ outcome: TierOutcome, scenario: Scenario, configuredGates: JSONValue? = nil, extra: [String: JSONValue] = [:])
    -> JSONValue
  {
    var members: [String: JSONValue] = [
      "cps": .number(outcome.tier),
      "cost": .number(outcome.cost),
      "gates": outcome.setting == nil ? configuredGates ?? OutputVerdict.configuredGates(scenario) : OutputVerdict.gates(outcome.setting),
      "configured": .bool(outcome.setting == nil),
      "replications": .integer(outcome.replications),
      "decision": .string(outcome.decision.rawValue),
      "objectives": .array(outcome.checks.map(OutputVerdict.objective)),
      "metrics": metrics(outcome.run),
    ]
    members.merge(extra) { _, new in new }
    return .object(members)
  }

  /// Every metric row as in summary.csv: mean, 95% interval, min, max, replications.
  static func metrics(_ run: RunResult) -> JSONValue {
    .array(
      run.rows.map { row in
        let interval = row.summary.interval95(row.metric)
        return [
          "scope": .string(row.scope.description), "metric": .string(row.metric.rawValue), "unit": .string(row.metric.unit.rawValue),
          "mean": .number(row.summary.mean), "ci95_low": .number(interval?.lowerBound), "ci95_high": .number(interval?.upperBound),
          "min": .number(row.summary.min), "max": .number(row.summary.max), "replications": .integer(row.summary.count),
        ]
      })
  }
}

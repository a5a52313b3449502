/// The tier sweep of `plan`: the scenario at its configured CPS and at every
/// candidate tier, each checked against the objectives, and the
/// recommendation drawn from them. Built from results, so it is tested
/// without the simulator; ``simulate(_:tiers:gate:simulator:)`` runs it.
public struct CapacityPlan: Sendable {
  public let scenario: Scenario
  /// The gates a tier applies to: the API gate (when traffic uses it) and
  /// every trunk, or the one gate asked for.
  public let gates: [Scope]
  public let configured: TierOutcome
  /// Ascending by CPS.
  public let tiers: [TierOutcome]
  public let eligibility: UpgradeEligibility

  /// The smallest tier meeting every objective.
  public var recommended: TierOutcome? { tiers.first { $0.meetsObjectives } }

  public init(scenario: Scenario, gates: [Scope], configured: RunResult, tiers: [RunResult]) {
    self.scenario = scenario
    self.gates = gates
    func outcome(_ run: RunResult) -> TierOutcome {
      TierOutcome(tier: run.tier, run: run, checks: scenario.objectives.evaluate(run, scenario: scenario))
    }
    self.configured = outcome(configured)
    self.tiers = tiers.map(outcome).sorted { ($0.tier ?? 0) < ($1.tier ?? 0) }
    eligibility = UpgradeEligibility(configured.replications.reduce(TrafficShape()) { $0 + $1.traffic })
  }

  /// The gates a tier applies to in `scenario`: `gate` alone, or the API
  /// gate when traffic uses it plus every trunk.
  public static func gates(of scenario: Scenario, only gate: Scope?) -> [Scope] {
    if let gate { return [gate] }
    var gates: [Scope] = []
    if scenario.traffic.contains(where: { $0.gate == .api }) { gates.append(.api) }
    gates += scenario.account.trunks.map { .trunk($0.name) }
    return gates
  }

  /// Simulates the configured CPS and every tier with common random
  /// numbers: replication i draws the same arrivals and call attributes
  /// at every tier, so differences between tiers are paired.
  public static func simulate(_ scenario: Scenario, tiers: [Double], gate: Scope?, simulator: Simulator) -> CapacityPlan {
    let gates = gates(of: scenario, only: gate)
    let sweep = gates.isEmpty ? [] : tiers
    var models: [(SimulationModel, Double?)] = [(SimulationModel(scenario), nil)]
    models += sweep.map { (SimulationModel(scenario, tier: $0, gate: gate), $0) }
    let runs = simulator.runAll(models, replications: scenario.simulation.replications)
    return CapacityPlan(scenario: scenario, gates: gates, configured: runs[0], tiers: Array(runs.dropFirst()))
  }

  /// Reasons to talk to Twilio sales before launch at the recommended tier
  /// (or at all, when none is recommended).
  public var salesReasons: [String] {
    var reasons: [String] = []
    if let recommended, let tier = recommended.tier {
      reasons += SelfServeRange.salesNeeded(for: tier, gates: gates)
    }
    let outcome = recommended ?? configured
    for check in outcome.checks {
      guard case .headroom(let category, let threshold) = check.objective else { continue }
      let share = outcome.run.mean(.category(category), .thresholdBreachShare) ?? 0
      if share > 0 || check.measured >= Double(threshold) {
        reasons.append(
          "\(category.rawValue) calls reach the suspension threshold of \(threshold); the guide asks accounts to contact sales beforehand")
      }
    }
    return reasons
  }
}

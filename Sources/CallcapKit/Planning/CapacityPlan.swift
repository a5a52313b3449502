/// The tier sweep of `plan`: the scenario at its configured CPS and at every
/// candidate tier, each checked against the objectives with 95%
/// confidence over the looks of its ``schedule``, and the recommendation
/// drawn from them. Built from results,
/// so it is tested without the simulator; ``simulate(_:tiers:gate:simulator:)``
/// runs it, adding replications until the recommendation is decided.
public struct CapacityPlan: Sendable {
  public let scenario: Scenario
  /// The gates a tier applies to: the API gate (when traffic uses it) and
  /// every trunk, or the one gate asked for.
  public let gates: [Scope]
  public let configured: TierOutcome
  /// Ascending by CPS.
  public let tiers: [TierOutcome]
  /// Twilio's upgrade conditions per trunk, evaluated on the calls that
  /// trunk carried at the configured CPS (in the scenario's trunk order).
  public let eligibility: [TrunkEligibility]
  /// The most replications any setting may get: `simulation.max_replications`,
  /// or `simulation.replications` when that is larger (`--replications`).
  public let maxReplications: Int
  /// The replication counts at which a setting may be judged, fixed by the
  /// scenario's settings alone.
  public let schedule: LookSchedule
  /// The level every setting is judged at: 95% over the schedule's looks.
  public var level: DecisionLevel { schedule.level }

  public init(scenario: Scenario, gates: [Scope], configured: RunResult, tiers: [RunResult]) {
    self.scenario = scenario
    self.gates = gates
    let schedule = LookSchedule(scenario)
    self.schedule = schedule
    self.configured = TierOutcome(tier: configured.tier, run: configured, scenario: scenario, level: schedule.level)
    self.tiers = tiers.map { TierOutcome(tier: $0.tier, run: $0, scenario: scenario, level: schedule.level) }
      .sorted { ($0.tier ?? 0) < ($1.tier ?? 0) }
    eligibility = scenario.account.trunks.indices.map { index in
      let shape = configured.replications.reduce(TrafficShape()) { sum, replication in
        index < replication.trafficByTrunk.count ? sum + replication.trafficByTrunk[index] : sum
      }
      return TrunkEligibility(
        trunk: scenario.account.trunks[index].name, conditions: UpgradeEligibility(shape, rules: scenario.platform.trunkUpgrade))
    }
    maxReplications = Self.budget(scenario)
  }

  /// The replication budget of `scenario`'s plan.
  public static func budget(_ scenario: Scenario) -> Int {
    max(scenario.simulation.maxReplications, scenario.simulation.replications)
  }

  /// The smallest tier meeting every objective, provided every smaller
  /// tier is known to fail; nil while a smaller tier is undecided.
  public var recommended: TierOutcome? {
    guard let index = tiers.firstIndex(where: \.meetsObjectives) else { return nil }
    return tiers[..<index].allSatisfy { $0.decision == .fails } ? tiers[index] : nil
  }

  /// The smallest tier known to meet every objective, even when a smaller
  /// one is still undecided (a safe but possibly dearer choice).
  public var smallestMeeting: TierOutcome? { tiers.first(where: \.meetsObjectives) }

  /// The settings the answer still waits on: without a gate the configured
  /// CPS when undecided; otherwise the undecided tiers below the smallest
  /// tier that meets every objective (all undecided tiers when none does).
  public var pending: [TierOutcome] {
    if gates.isEmpty { return configured.decision == .undecided ? [configured] : [] }
    let end = tiers.firstIndex(where: \.meetsObjectives) ?? tiers.count
    return tiers[..<end].filter { $0.decision == .undecided }
  }

  /// The plan's answer: `meets` when a tier is recommended (or, without a
  /// CPS gate, when the configured account meets every objective), `fails`
  /// when every candidate is known to fail, else `undecided`.
  public var status: ObjectiveOutcome {
    if gates.isEmpty { return configured.decision }
    if recommended != nil { return .meets }
    return pending.isEmpty ? .fails : .undecided
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

  /// The models a plan simulates: the configured CPS first, then each tier
  /// once, ascending (the rule finds a setting's results by its tier);
  /// no tier without a gate.
  public static func settings(_ scenario: Scenario, tiers: [Double], gate: Scope?) -> [(SimulationModel, Double?)] {
    let sweep = gates(of: scenario, only: gate).isEmpty ? [] : Array(Set(tiers)).sorted()
    return [(SimulationModel(scenario), nil)] + sweep.map { (SimulationModel(scenario, tier: $0, gate: gate), $0) }
  }

  /// Simulates the configured CPS and every tier with common random
  /// numbers (replication i draws the same arrivals and call attributes at
  /// every tier, so differences between tiers are paired), then adds
  /// replications by ``decide(scenario:gates:runs:extend:)`` until the
  /// answer is decided. Replication indices continue (a tier with 40
  /// replications ran indices 0-39, the same calls as every other tier's
  /// first 40), so the result is reproducible and independent of `--jobs`.
  public static func simulate(_ scenario: Scenario, tiers: [Double], gate: Scope?, simulator: Simulator) -> CapacityPlan {
    let gates = gates(of: scenario, only: gate)
    let models = settings(scenario, tiers: tiers, gate: gate)
    let runs = simulator.runAll(models, replications: 0..<scenario.simulation.replications)
    return decide(scenario: scenario, gates: gates, runs: runs) { settings, range, previous in
      if simulator.cancellation.isCancelled { return previous }
      return simulator.runAll(settings.map { models[$0] }, replications: range, continuing: previous)
    }
  }

  /// The sequential rule, given the first results and a way to run more.
  ///
  /// `runs` holds the configured CPS first, then one result per tier in
  /// ascending order, each with `simulation.replications` replications.
  /// While the answer is undecided, the lowest ``pending`` setting is
  /// extended to the next count of the ``schedule`` through
  /// `extend(settings, indices, previous results)`, which returns the
  /// results extended. The counts are fixed in advance, and every look is
  /// judged at 5% / looks, so the chance of a wrong verdict over all looks
  /// stays within 5% (``DecisionLevel``). Lowest first, because the
  /// answer depends on the smallest tier that meets: a higher tier matters
  /// only once every lower one is decided. When the lowest pending setting
  /// has spent ``maxReplications`` still undecided, the answer cannot be
  /// decided and the rule stops (higher tiers, often just as borderline
  /// when the risk comes from traffic no gate governs, would multiply the
  /// cost). Settings that are decided, or not needed, keep their count;
  /// the tier table shows each setting's count.
  public static func decide(
    scenario: Scenario, gates: [Scope], runs initial: [RunResult],
    extend: (_ settings: [Int], _ replications: Range<Int>, _ previous: [RunResult]) -> [RunResult]
  ) -> CapacityPlan {
    var runs = initial
    while true {
      let plan = CapacityPlan(scenario: scenario, gates: gates, configured: runs[0], tiers: Array(runs.dropFirst()))
      guard let next = plan.pending.first, let index = runs.firstIndex(where: { $0.tier == next.tier }),
        let to = plan.schedule.next(after: next.replications)
      else { return plan }
      let from = runs[index].replications.count
      let extended = extend([index], from..<to, [runs[index]])
      // An interrupted run returns the results unchanged: stop with what there is.
      guard let result = extended.first, result.replications.count > from else { return plan }
      runs[index] = result
    }
  }

  /// Reasons to talk to Twilio sales before launch at the recommended tier
  /// (or at all, when none is recommended).
  public var salesReasons: [String] {
    var reasons: [String] = []
    if let recommended, let tier = recommended.tier {
      reasons += scenario.platform.salesNeeded(for: tier, gates: gates)
    }
    let outcome = recommended ?? configured
    for reach in outcome.reach.categories where reach.reachedThreshold.events > 0 {
      reasons.append(
        "\(reach.category.rawValue) calls reach the suspension threshold of \(reach.threshold) in "
          + "\(reach.reachedThreshold.description(level)); the guide asks accounts to contact sales beforehand")
    }
    return reasons
  }
}

/// The simulations of each command, by replication indices, so that a
/// shard (`--shard K/N`) runs a subset and `merge` rebuilds what the
/// single-machine command computes from the per-replication results.
///
/// The single-machine commands and `merge` combine per-replication results
/// through the same path: ``RunResult/init(setting:replications:timeSeries:poolSeries:)``
/// adds replications to the time series in index order, and summaries
/// take the values in index order, so sums are formed identically.
public enum ShardedRun {
  /// The CPS settings `command` simulates for `scenario` (configured CPS
  /// first): run and compare the configured CPS, plan every tier
  /// (``CapacityPlan/settings(_:tiers:gate:)``), check what its
  /// expectations name (``ScenarioCheck/tiersNeeded(_:)``; none without
  /// expectations, as check skips the scenario).
  public static func models(
    command: String, scenario: Scenario, tiers: [Double]? = nil, gate: Scope? = nil
  ) -> [(SimulationModel, GateSetting?)] {
    switch command {
    case "plan": return CapacityPlan.settings(scenario, tiers: tiers, gate: gate)
    case "check":
      guard !scenario.expectations.isEmpty else { return [] }
      return ScenarioCheck.models(scenario)
    default: return [(SimulationModel(scenario), nil)]
    }
  }

  /// Runs `models` over `indices`, keeping each replication's time-series buckets for the shard file.
  public static func simulate(_ models: [(SimulationModel, GateSetting?)], indices: [Int], simulator: Simulator) -> [ShardRun] {
    simulator.runAll(models, indices: indices, keepingSeries: true).map {
      ShardRun(setting: $0.setting, replications: $0.replications)
    }
  }

  /// One setting's results rebuilt from every replication, in index order,
  /// as ``Simulator`` builds them (its own buckets dropped once combined).
  public static func result(setting: GateSetting?, replications: [ReplicationResult]) -> RunResult {
    let combined = RunResult(setting: setting, replications: replications)
    return RunResult(
      setting: setting, replications: replications.map(\.withoutSeries.withoutPoolSeries), timeSeries: combined.timeSeries,
      poolSeries: combined.poolSeries)
  }

  /// The plan as `plan` decides it when the scenario's replication budget
  /// is its replication count (`--max-replications` equal to
  /// `simulation.replications`): no setting is extended.
  public static func plan(_ scenario: Scenario, gate: Scope?, runs: [RunResult]) -> CapacityPlan {
    precondition(CapacityPlan.budget(scenario) == scenario.simulation.replications, "a sharded plan is never extended")
    return CapacityPlan.decide(scenario: scenario, gates: CapacityPlan.gates(of: scenario, only: gate), runs: runs) { _, _, previous in
      previous
    }
  }
}

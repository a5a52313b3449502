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
  ///
  /// Every setting and look shares one ``ReplicationPool``: the first
  /// replications of all settings are one batch, and while the rule waits
  /// for a look's last replications, spare workers run the looks it will
  /// probably take next (results are combined in replication order, so
  /// which ran ahead never shows).
  public static func simulate(_ scenario: Scenario, tiers: [Double], gate: Scope?, simulator: Simulator) -> CapacityPlan {
    let gates = gates(of: scenario, only: gate)
    let models = settings(scenario, tiers: tiers, gate: gate)
    let schedule = LookSchedule(scenario)
    let pool = ReplicationPool(models: models.map(\.0), jobs: simulator.jobs, cancellation: simulator.cancellation)
    defer { pool.close() }
    let spare = 2 * pool.workers
    let first = scenario.simulation.replications
    // Before any result, the settings the rule will look at first: the tiers, lowest first (the configured CPS without a gate).
    let likely = gates.isEmpty ? [0] : Array(models.indices.dropFirst())
    let ahead = looksAhead(
      schedule: schedule, settings: likely, counts: Array(repeating: first, count: models.count), limit: spare)
    let needed = models.indices.flatMap { model in (0..<first).map { ReplicationPool.Task(model: model, index: $0) } }
    let results = pool.results(needed, ahead: tasks(ahead), progress: simulator.progress)
    let runs = models.indices.map { model in
      let tasks = Array(needed[model * first..<(model + 1) * first])
      var run = extended(
        nil, tier: models[model].1, with: results.map { Array($0[model * first..<(model + 1) * first]) } ?? pool.finished(tasks))
      run.isComplete = results != nil
      return run
    }
    return decide(scenario: scenario, gates: gates, runs: runs) { settings, range, previous, ahead in
      if simulator.cancellation.isCancelled { return previous }
      let needed = settings.flatMap { setting in range.map { ReplicationPool.Task(model: setting, index: $0) } }
      guard let results = pool.results(needed, ahead: Array(tasks(ahead).prefix(spare)), progress: simulator.progress) else {
        return previous
      }
      return settings.indices.map { position in
        let batch = Array(results[position * range.count..<(position + 1) * range.count])
        return extended(previous[position], tier: models[settings[position]].1, with: batch)
      }
    }
  }

  /// `previous` (or nothing) followed by `batch`, the next replications in
  /// index order: the series continues in replication order and each
  /// replication's own buckets are dropped once added, as ``Simulator`` does.
  private static func extended(_ previous: RunResult?, tier: Double?, with batch: [ReplicationResult]) -> RunResult {
    var series = previous?.timeSeries ?? TimeSeries()
    for replication in batch { series.add(replication) }
    var run = RunResult(
      tier: tier, replications: (previous?.replications ?? []) + batch.map(\.withoutSeries), timeSeries: series)
    run.isComplete = previous?.isComplete ?? true
    return run
  }

  /// The pool's tasks for looks, in order, one per replication.
  private static func tasks(_ looks: [(setting: Int, replications: Range<Int>)]) -> [ReplicationPool.Task] {
    looks.flatMap { look in look.replications.map { ReplicationPool.Task(model: look.setting, index: $0) } }
  }

  /// The looks the rule will probably take next, most likely first, about
  /// `limit` replications in all: each of `settings` (in the rule's order)
  /// to its next count of `schedule` from `counts[setting]`, then the look
  /// after, and so on.
  static func looksAhead(schedule: LookSchedule, settings: [Int], counts: [Int], limit: Int) -> [(
    setting: Int, replications: Range<Int>
  )] {
    var counts = counts
    var looks: [(setting: Int, replications: Range<Int>)] = []
    var total = 0
    while total < limit {
      var added = false
      for setting in settings {
        guard total < limit, let next = schedule.next(after: counts[setting]) else { continue }
        looks.append((setting, counts[setting]..<next))
        total += next - counts[setting]
        counts[setting] = next
        added = true
      }
      if !added { break }
    }
    return looks
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
    decide(scenario: scenario, gates: gates, runs: initial) { settings, replications, previous, _ in
      extend(settings, replications, previous)
    }
  }

  /// The same rule, naming to `extend` the looks it will probably take
  /// after this one (`ahead`, in the order a pool should take them: the
  /// other pending settings' next looks in the rule's order, needed as
  /// soon as this setting fails, then this setting's next), which a pool
  /// may run with spare workers; the rule itself is unchanged.
  static func decide(
    scenario: Scenario, gates: [Scope], runs initial: [RunResult],
    extend: (
      _ settings: [Int], _ replications: Range<Int>, _ previous: [RunResult],
      _ ahead: [(setting: Int, replications: Range<Int>)]
    ) -> [RunResult]
  ) -> CapacityPlan {
    var runs = initial
    while true {
      let plan = CapacityPlan(scenario: scenario, gates: gates, configured: runs[0], tiers: Array(runs.dropFirst()))
      guard let next = plan.pending.first, let index = runs.firstIndex(where: { $0.tier == next.tier }),
        let to = plan.schedule.next(after: next.replications)
      else { return plan }
      let from = runs[index].replications.count
      var counts = runs.map(\.replications.count)
      counts[index] = to
      // The other pending settings first: their next look is needed as soon as this one fails.
      let order = plan.pending.dropFirst().compactMap { outcome in runs.firstIndex { $0.tier == outcome.tier } } + [index]
      let ahead = looksAhead(schedule: plan.schedule, settings: order, counts: counts, limit: 64)
      let extended = extend([index], from..<to, [runs[index]], ahead)
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

/// The CPS sweep of `plan`: the scenario at its configured CPS and at
/// candidate settings, each checked against the objectives with 95%
/// confidence over the looks of its ``schedule``, and the recommendation
/// drawn from them.
///
/// A setting gives a CPS to every gate that carries traffic (the API gate,
/// each trunk, the trunk pool): the options are every combination of the
/// gates' candidate lists (``GateCandidates``), ordered by what they cost a
/// month (each gate's CPS times its `price_per_cps`), ties going to the
/// lower API CPS and then to the lower CPS of the earlier gate. The
/// recommendation is the cheapest option that meets every objective once
/// every cheaper one is known to fail. With one gate this is the smallest
/// tier. Built from results, so it is tested without the simulator;
/// ``simulate(_:tiers:gate:simulator:)`` runs it.
public struct CapacityPlan: Sendable {
  public let scenario: Scenario
  /// The gates the plan gives a CPS, in order: the API gate (when traffic
  /// uses it), each trunk that carries traffic, the trunk pool; or the one
  /// gate asked for.
  public let gates: [Scope]
  public let configured: TierOutcome
  /// The options simulated, cheapest first (``options(_:tiers:gate:)``'s
  /// order): every option when the grid has at most
  /// ``exhaustiveLimit`` of them, otherwise the cheapest ones, batch by
  /// batch, until the answer no longer depends on a dearer one.
  public let tiers: [TierOutcome]
  /// How many options the grid holds (``tiers`` may hold fewer).
  public let optionCount: Int
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

  /// Grids of at most this many options are simulated whole; larger ones
  /// in batches of this many, cheapest first.
  public static let exhaustiveLimit = 400
  /// The most options a plan weighs; more is refused before simulating.
  public static let optionLimit = 20_000

  public init(scenario: Scenario, gates: [Scope], configured: RunResult, tiers: [RunResult], optionCount: Int? = nil) {
    self.scenario = scenario
    self.gates = gates
    let schedule = LookSchedule(scenario)
    self.schedule = schedule
    self.configured = TierOutcome(setting: configured.setting, run: configured, scenario: scenario, level: schedule.level)
    self.tiers = tiers.map { TierOutcome(setting: $0.setting, run: $0, scenario: scenario, level: schedule.level) }
      .sorted(by: Self.cheaper)
    self.optionCount = max(optionCount ?? tiers.count, tiers.count)
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

  /// The cheapest option meeting every objective, provided every cheaper
  /// option is known to fail; nil while a cheaper one is undecided.
  public var recommended: TierOutcome? {
    guard let index = tiers.firstIndex(where: \.meetsObjectives) else { return nil }
    return tiers[..<index].allSatisfy { $0.decision == .fails } ? tiers[index] : nil
  }

  /// The cheapest option known to meet every objective, even when a
  /// cheaper one is still undecided (a safe but possibly dearer choice).
  public var smallestMeeting: TierOutcome? { tiers.first(where: \.meetsObjectives) }

  /// The settings the answer still waits on: without a gate the configured
  /// CPS when undecided; otherwise the undecided options cheaper than the
  /// cheapest that meets every objective (all undecided ones when none does).
  public var pending: [TierOutcome] {
    if gates.isEmpty { return configured.decision == .undecided ? [configured] : [] }
    let end = tiers.firstIndex(where: \.meetsObjectives) ?? tiers.count
    return tiers[..<end].filter { $0.decision == .undecided }
  }

  /// Whether options of the grid were never simulated because a cheaper one
  /// decided the answer (or the run was interrupted).
  public var isPartial: Bool { tiers.count < optionCount }

  /// The plan's answer: `meets` when an option is recommended (or, without a
  /// CPS gate, when the configured account meets every objective), `fails`
  /// when every option is known to fail, else `undecided`.
  public var status: ObjectiveOutcome {
    if gates.isEmpty { return configured.decision }
    if recommended != nil { return .meets }
    return pending.isEmpty && !isPartial ? .fails : .undecided
  }

  /// The gates a plan gives a CPS in `scenario`: `gate` alone, or the API
  /// gate when traffic uses it, every trunk that carries traffic, and the
  /// trunk pool when there is one and a trunk carries traffic.
  public static func gates(of scenario: Scenario, only gate: Scope?) -> [Scope] {
    if let gate { return [gate] }
    var gates: [Scope] = []
    if scenario.traffic.contains(where: { $0.gate == .api }) { gates.append(.api) }
    let trunks = scenario.account.trunks.filter { trunk in scenario.traffic.contains { $0.gate == .trunk(trunk.name) } }
    gates += trunks.map { .trunk($0.name) }
    if scenario.account.trunkPool != nil && !trunks.isEmpty { gates.append(.trunkPool) }
    return gates
  }

  /// The candidates of each gate: `--tiers` when given, else the gate's own
  /// `tiers`, else the scenario's `tiers:`; with the gate's price and
  /// configured CPS.
  public static func candidates(_ scenario: Scenario, tiers override: [Double]?, gate: Scope?) -> [GateCandidates] {
    let account = scenario.account
    return gates(of: scenario, only: gate).map { gate in
      let own: [Double]?
      let price: Double
      let configured: Double
      switch gate {
      case .api: (own, price, configured) = (account.api.tiers, account.api.pricePerCPS, account.api.cps)
      case .trunk(let name):
        let trunk = account.trunks.first { $0.name == name }
        (own, price, configured) = (trunk?.tiers, trunk?.pricePerCPS ?? 1, trunk?.cps ?? 1)
      case .trunkPool:
        (own, price, configured) = (account.trunkPool?.tiers, account.trunkPool?.pricePerCPS ?? 1, account.trunkPool?.cps ?? 1)
      default: (own, price, configured) = (nil, 1, 1)
      }
      let values = Array(Set(override ?? own ?? scenario.tiers)).sorted()
      return GateCandidates(gate: gate, values: values, pricePerCPS: price, configured: configured)
    }
  }

  /// How many options the grid of `scenario` holds (the product of the
  /// gates' candidate counts; 0 without a gate), saturating at `Int.max`.
  public static func optionCount(_ scenario: Scenario, tiers: [Double]?, gate: Scope?) -> Int {
    let lists = candidates(scenario, tiers: tiers, gate: gate)
    guard !lists.isEmpty else { return 0 }
    return lists.reduce(1) { product, list in
      let (value, overflow) = product.multipliedReportingOverflow(by: list.values.count)
      return overflow ? Int.max : value
    }
  }

  /// Every option of the grid, cheapest first: by cost, then by the CPS
  /// of the gates in order (so ties go to the lower API CPS). Empty
  /// without a gate. The caller keeps the grid within ``optionLimit``.
  public static func options(_ scenario: Scenario, tiers: [Double]?, gate: Scope?) -> [GateSetting] {
    let lists = candidates(scenario, tiers: tiers, gate: gate)
    guard !lists.isEmpty else { return [] }
    var combinations: [[Double]] = [[]]
    for list in lists {
      combinations = combinations.flatMap { prefix in list.values.map { prefix + [$0] } }
    }
    let prices = lists.map(\.pricePerCPS)
    let costed: [(values: [Double], cost: Double)] = combinations.map { values in
      (values, zip(values, prices).reduce(0.0) { sum, pair in sum + pair.0 * pair.1 })
    }
    let sorted = costed.sorted { left, right in
      left.cost != right.cost ? left.cost < right.cost : left.values.lexicographicallyPrecedes(right.values)
    }
    let gates = lists.map(\.gate)
    return sorted.map { option in GateSetting(Array(zip(gates, option.values))) }
  }

  /// The CPS `gate` has in `scenario` (1 for a gate it does not have).
  public static func configuredCPS(of gate: Scope, in scenario: Scenario) -> Double {
    switch gate {
    case .api: scenario.account.api.cps
    case .trunk(let name): scenario.account.trunks.first { $0.name == name }?.cps ?? 1
    case .trunkPool: scenario.account.trunkPool?.cps ?? 1
    default: 1
    }
  }

  /// The options' order: by cost, then by the CPS of the gates in order.
  static func cheaper(_ left: TierOutcome, _ right: TierOutcome) -> Bool {
    if left.cost != right.cost { return left.cost < right.cost }
    let lhs = left.setting?.entries.map(\.cps) ?? []
    let rhs = right.setting?.entries.map(\.cps) ?? []
    return lhs.lexicographicallyPrecedes(rhs)
  }

  /// What `setting` costs a month: each of its gates' CPS times the gate's
  /// `price_per_cps`; for nil (the configured CPS) the configured CPS of
  /// every gate the plan would decide.
  public static func cost(of setting: GateSetting?, in scenario: Scenario) -> Double {
    let lists = candidates(scenario, tiers: nil, gate: nil)
    func price(_ gate: Scope) -> Double {
      candidates(scenario, tiers: nil, gate: gate).first?.pricePerCPS ?? 1
    }
    guard let setting else { return lists.reduce(0) { $0 + $1.configured * $1.pricePerCPS } }
    return zip(setting.gates, setting.entries).reduce(0) { $0 + $1.1.cps * price($1.0) }
  }

  /// The models a plan simulates: the configured CPS first, then every
  /// option, cheapest first (the rule finds a setting's results by its
  /// position); no option without a gate.
  public static func settings(_ scenario: Scenario, tiers: [Double]?, gate: Scope?) -> [(SimulationModel, GateSetting?)] {
    [(SimulationModel(scenario), nil)]
      + options(scenario, tiers: tiers, gate: gate).map { (SimulationModel(scenario, cps: $0.overrides), $0) }
  }

  /// Simulates the configured CPS and the options with common random
  /// numbers (replication i draws the same arrivals and call attributes at
  /// every setting, so differences between settings are paired), then adds
  /// replications by ``decide(scenario:gates:runs:extend:)`` until the
  /// answer is decided. Replication indices continue (a setting with 40
  /// replications ran indices 0-39, the same calls as every other
  /// setting's first 40), so the result is reproducible and independent of
  /// `--jobs`. A grid larger than ``exhaustiveLimit`` is simulated in
  /// batches, cheapest first, while every option simulated fails: an
  /// option is left out only when a cheaper one is recommended or the
  /// answer waits on a cheaper undecided one, so no cheaper option that
  /// could meet the objectives is skipped.
  ///
  /// Every setting and look shares one ``ReplicationPool``: the first
  /// replications of a batch run together, and while the rule waits
  /// for a look's last replications, spare workers run the looks it will
  /// probably take next (results are combined in replication order, so
  /// which ran ahead never shows).
  public static func simulate(_ scenario: Scenario, tiers: [Double]?, gate: Scope?, simulator: Simulator) -> CapacityPlan {
    let gates = gates(of: scenario, only: gate)
    let models = settings(scenario, tiers: tiers, gate: gate)
    let schedule = LookSchedule(scenario)
    let pool = ReplicationPool(models: models.map(\.0), jobs: simulator.jobs, cancellation: simulator.cancellation)
    defer { pool.close() }
    let spare = 2 * pool.workers
    let first = scenario.simulation.replications
    /// The first look of `settings` (model positions), run together.
    func firstLooks(_ settings: [Int], ahead: [Int]) -> [RunResult] {
      let lookahead = looksAhead(
        schedule: schedule, settings: ahead, counts: Array(repeating: first, count: models.count), limit: spare)
      let needed = settings.flatMap { model in (0..<first).map { ReplicationPool.Task(model: model, index: $0) } }
      let results = pool.results(needed, ahead: tasks(lookahead), progress: simulator.progress)
      return settings.indices.map { position in
        let tasks = Array(needed[position * first..<(position + 1) * first])
        var run = extended(
          nil, setting: models[settings[position]].1,
          with: results.map { Array($0[position * first..<(position + 1) * first]) } ?? pool.finished(tasks))
        run.isComplete = results != nil
        return run
      }
    }
    let batch = min(models.count - 1, exhaustiveLimit)
    // Before any result, the settings the rule will look at first: the options, cheapest first (the configured CPS without a gate).
    let runs = firstLooks(Array(0...batch), ahead: gates.isEmpty ? [0] : Array(1..<(batch + 1)))
    return decide(
      scenario: scenario, gates: gates, runs: runs, optionCount: models.count - 1,
      extend: { settings, range, previous, ahead in
        if simulator.cancellation.isCancelled { return previous }
        let needed = settings.flatMap { setting in range.map { ReplicationPool.Task(model: setting, index: $0) } }
        guard let results = pool.results(needed, ahead: Array(tasks(ahead).prefix(spare)), progress: simulator.progress) else {
          return previous
        }
        return settings.indices.map { position in
          let batch = Array(results[position * range.count..<(position + 1) * range.count])
          return extended(previous[position], setting: models[settings[position]].1, with: batch)
        }
      },
      more: { from in
        if simulator.cancellation.isCancelled { return [] }
        let next = Array(from..<min(models.count, from + exhaustiveLimit))
        let runs = firstLooks(next, ahead: next)
        return runs.allSatisfy(\.isComplete) ? runs : []
      })
  }

  /// `previous` (or nothing) followed by `batch`, the next replications in
  /// index order: the series continues in replication order and each
  /// replication's own buckets are dropped once added, as ``Simulator`` does.
  private static func extended(_ previous: RunResult?, setting: GateSetting?, with batch: [ReplicationResult]) -> RunResult {
    var series = previous?.timeSeries ?? TimeSeries()
    for replication in batch { series.add(replication) }
    var run = RunResult(
      setting: setting, replications: (previous?.replications ?? []) + batch.map(\.withoutSeries), timeSeries: series)
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
  /// `runs` holds the configured CPS first, then one result per option,
  /// cheapest first (``options(_:tiers:gate:)``), each with
  /// `simulation.replications` replications. While the answer is
  /// undecided, the cheapest ``pending`` setting is extended to the next
  /// count of the ``schedule`` through `extend(settings, indices, previous
  /// results)`, which returns the results extended. The counts are fixed in
  /// advance, and every look is judged at 5% / looks, so the chance of a
  /// wrong verdict over all looks stays within 5% (``DecisionLevel``).
  /// Cheapest first, because the answer depends on the cheapest option
  /// that meets: a dearer one matters only once every cheaper one is
  /// decided. When the cheapest pending setting has spent
  /// ``maxReplications`` still undecided, the answer cannot be decided and
  /// the rule stops (dearer options, often just as borderline when the
  /// risk comes from traffic no gate governs, would multiply the cost).
  /// Settings that are decided, or not needed, keep their count; the tier
  /// table shows each setting's count.
  public static func decide(
    scenario: Scenario, gates: [Scope], runs initial: [RunResult],
    extend: (_ settings: [Int], _ replications: Range<Int>, _ previous: [RunResult]) -> [RunResult]
  ) -> CapacityPlan {
    decide(
      scenario: scenario, gates: gates, runs: initial, optionCount: initial.count - 1,
      extend: { settings, replications, previous, _ in extend(settings, replications, previous) }, more: { _ in [] })
  }

  /// The same rule over a grid of `optionCount` options of which `runs`
  /// holds the cheapest (after the configured CPS). When every option
  /// simulated fails and the grid has more, `more(position)` runs the first
  /// look of the next batch from that position (an empty answer: stop, as
  /// when interrupted). `extend` is also told the looks the rule will
  /// probably take after this one (`ahead`, in the order a pool should take
  /// them: the other pending settings' next looks in the rule's order,
  /// needed as soon as this setting fails, then this setting's next),
  /// which a pool may run with spare workers; the rule itself is unchanged.
  static func decide(
    scenario: Scenario, gates: [Scope], runs initial: [RunResult], optionCount: Int,
    extend: (
      _ settings: [Int], _ replications: Range<Int>, _ previous: [RunResult],
      _ ahead: [(setting: Int, replications: Range<Int>)]
    ) -> [RunResult],
    more: (_ from: Int) -> [RunResult]
  ) -> CapacityPlan {
    var runs = initial
    while true {
      let plan = CapacityPlan(
        scenario: scenario, gates: gates, configured: runs[0], tiers: Array(runs.dropFirst()), optionCount: optionCount)
      if plan.pending.isEmpty && plan.recommended == nil && plan.isPartial && !gates.isEmpty {
        // Every option simulated fails: the next batch, cheapest first.
        let batch = more(runs.count)
        guard !batch.isEmpty else { return plan }
        runs += batch
        continue
      }
      guard let next = plan.pending.first, let index = runs.firstIndex(where: { $0.setting == next.setting }),
        let to = plan.schedule.next(after: next.replications)
      else { return plan }
      let from = runs[index].replications.count
      var counts = runs.map(\.replications.count)
      counts[index] = to
      // The other pending settings first: their next look is needed as soon as this one fails.
      let order = plan.pending.dropFirst().compactMap { outcome in runs.firstIndex { $0.setting == outcome.setting } } + [index]
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
    if let setting = recommended?.setting {
      reasons += scenario.platform.salesNeeded(for: setting, account: scenario.account)
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

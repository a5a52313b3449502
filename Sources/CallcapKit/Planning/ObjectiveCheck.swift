/// Whether a configuration meets an objective, judged with 95% confidence
/// (spread over the looks of a plan, see ``DecisionLevel``).
public enum ObjectiveOutcome: String, Sendable, Codable, Equatable, Hashable {
  /// The interval lies at or below the limit.
  case meets
  /// The interval lies above the limit.
  case fails
  /// The interval contains the limit: more replications (or a looser
  /// objective) would settle it. Never reported as meets.
  case undecided

  /// `meets` when `high <= limit`, `fails` when `low > limit`, otherwise
  /// (or without an interval) `undecided`.
  public static func judge(low: Double?, high: Double?, limit: Double) -> ObjectiveOutcome {
    guard let low, let high else { return .undecided }
    if high <= limit { return .meets }
    if low > limit { return .fails }
    return .undecided
  }

  /// The outcome when every replication measured the same `value`: the t
  /// interval then has zero width (or a rounding error's) and shows
  /// nothing about the replications not run. A value clear of the limit
  /// meets or fails, once enough replications agree (see ``judge(interval:identical:replications:atMost:atLeast:level:)``);
  /// a value exactly on it (no refusal in any replication against
  /// `rejected: 0%`) is undecided, since one replication above it would
  /// break the objective.
  public static func judge(identical value: Double, limit: Double) -> ObjectiveOutcome {
    value < limit ? .meets : value > limit ? .fails : .undecided
  }

  /// The one rule for a quantity judged with confidence, shared by
  /// `plan`'s objectives and `check --strict`'s expectations: meets when
  /// `interval` lies at or below `atMost` and at or above `atLeast`, fails
  /// when it lies wholly beyond either, else (or without an interval)
  /// undecided.
  ///
  /// `identical` is the value every replication measured, when they all
  /// agree: a zero-width interval proves nothing, so such a verdict needs
  /// `level.identicalReplicationsNeeded` replications (59 at 95%: with
  /// that many alike, at most 5% of replications lie on the other side of
  /// the limit, with 95% confidence); fewer leave it undecided.
  public static func judge(
    interval: ClosedRange<Double>?, identical: Double?, replications: Int, atMost: Double?, atLeast: Double?,
    level: DecisionLevel
  ) -> ObjectiveOutcome {
    guard let interval else { return .undecided }
    if identical != nil && replications < level.identicalReplicationsNeeded { return .undecided }
    var outcomes: [ObjectiveOutcome] = []
    if let high = atMost {
      outcomes.append(
        identical.map { judge(identical: $0, limit: high) }
          ?? judge(low: interval.lowerBound, high: interval.upperBound, limit: high))
    }
    if let low = atLeast {
      // A lower limit mirrored: meets when the whole interval is at or above it.
      outcomes.append(
        identical.map { judge(identical: -$0, limit: -low) }
          ?? judge(low: -interval.upperBound, high: -interval.lowerBound, limit: -low))
    }
    return combined(outcomes)
  }

  /// ``judge(interval:identical:replications:atMost:atLeast:level:)`` of a
  /// mean across replications, on its t interval at `level` clamped to
  /// what `unit` can be.
  public static func judge(
    _ summary: Summary, unit: Metric.Unit, atMost: Double?, atLeast: Double? = nil, level: DecisionLevel
  ) -> ObjectiveOutcome {
    judge(
      interval: summary.interval(unit, level: level), identical: summary.identicalValue, replications: summary.count,
      atMost: atMost, atLeast: atLeast, level: level)
  }

  /// Several objectives together: any failure fails, else any undecided
  /// leaves the whole undecided; meets only when all meet (or there are none).
  public static func combined(_ outcomes: some Sequence<ObjectiveOutcome>) -> ObjectiveOutcome {
    var result = ObjectiveOutcome.meets
    for outcome in outcomes {
      if outcome == .fails { return .fails }
      if outcome == .undecided { result = .undecided }
    }
    return result
  }
}

/// One objective of a scenario evaluated against one simulated CPS setting.
public struct ObjectiveCheck: Sendable, Equatable {
  public enum Objective: Sendable, Equatable, Hashable {
    /// p95 queue wait at a gate at most the objective: the Student t
    /// interval of the per-replication p95 waits.
    case queueWaitP95(Scope)
    /// Share of offered calls finally refused at most the objective: the
    /// Student t interval of the per-replication refused shares.
    case rejected
    /// Chance that a replication reaches any threshold (less the headroom)
    /// at most `suspension_risk`: one-sided Clopper-Pearson bounds.
    case suspensionRisk
    /// Service level of an agent pool at least the objective's `min` (a
    /// lower limit): the Student t interval of the per-replication shares.
    case serviceLevel(Scope)
    /// Share of an agent pool's callers who abandon at most the objective.
    case abandoned(Scope)
    /// p95 answer wait of an agent pool at most the objective.
    case answerWaitP95(Scope)
    /// A metric at a scope at most the objective, on the Student t
    /// interval of the per-replication values: `queue_wait_max` at the API
    /// gate; a class's own `rejected` (its `rejected_rate`),
    /// `dialer_wait_p95` and `dialer_wait_max`.
    case atMost(Metric, Scope)
    /// A class's deadline, `late: share`. A deadline is a commitment about
    /// each campaign, as a threshold is: a replication *misses* it when
    /// its late share exceeds `share` (with `late: 0%`, when any call is
    /// late), and the chance of missing must be at most `suspension_risk`,
    /// judged on one-sided Clopper-Pearson bounds as the suspension risk
    /// is. (A mean late share of exactly 0% could never be shown with
    /// confidence: replications that all agree on 0 prove nothing.)
    case late(Scope, share: Double)

    /// Whether the limit is the lowest acceptable value (a service level).
    public var isMinimum: Bool {
      if case .serviceLevel = self { true } else { false }
    }
  }

  public var objective: Objective
  /// The estimate: the mean across replications, or the observed share of
  /// replications for the suspension risk.
  public var measured: Double
  /// The interval the outcome was judged on (clamped to the quantity's
  /// range), at one look of ``level``: the two-sided t interval, or for the
  /// suspension risk the one-sided lower and upper bounds. Nil with a
  /// single replication.
  public var low: Double?
  public var high: Double?
  /// The highest acceptable value.
  public var limit: Double
  public var outcome: ObjectiveOutcome
  /// Replications the judgement rests on.
  public var replications: Int
  /// For the suspension risk: replications reaching a threshold, of all.
  public var breaches: BinomialInterval?
  /// The confidence judged at: 95% over the looks of a plan, or one look.
  public var level: DecisionLevel = .single

  public var met: Bool { outcome == .meets }

  public init(objective: Objective, measured: Double, low: Double?, high: Double?, limit: Double, replications: Int) {
    self.objective = objective
    self.measured = measured
    self.low = low
    self.high = high
    self.limit = limit
    self.replications = replications
    outcome = ObjectiveOutcome.judge(low: low, high: high, limit: limit)
  }

  /// Judges a mean across replications on its clamped t interval at
  /// `level`; `limit` is the highest acceptable value, or the lowest for
  /// an objective whose ``Objective/isMinimum``.
  public init(objective: Objective, summary: Summary, unit: Metric.Unit, limit: Double, level: DecisionLevel = .single) {
    let interval = summary.interval(unit, level: level)
    self.init(
      objective: objective, measured: summary.mean, low: interval?.lowerBound, high: interval?.upperBound, limit: limit,
      replications: summary.count)
    self.level = level
    outcome =
      objective.isMinimum
      ? ObjectiveOutcome.judge(summary, unit: unit, atMost: nil, atLeast: limit, level: level)
      : ObjectiveOutcome.judge(summary, unit: unit, atMost: limit, level: level)
  }

  /// Judges the suspension risk on its one-sided Clopper-Pearson bounds at `level`.
  public init(suspensionRisk breaches: BinomialInterval, limit: Double, level: DecisionLevel = .single) {
    self.init(.suspensionRisk, replicationsWithEvent: breaches, limit: limit, level: level)
  }

  /// Judges the chance of an event of one replication (reaching a
  /// threshold, missing a deadline) on its one-sided Clopper-Pearson
  /// bounds at `level`; `limit` is the highest acceptable chance.
  public init(_ objective: Objective, replicationsWithEvent breaches: BinomialInterval, limit: Double, level: DecisionLevel = .single) {
    let low = breaches.oneSidedLower(level)
    let high = breaches.oneSidedUpper(level)
    self.init(objective: objective, measured: breaches.share, low: low, high: high, limit: limit, replications: breaches.trials)
    self.breaches = breaches
    self.level = level
    outcome = ObjectiveOutcome.judge(
      interval: breaches.trials > 0 ? low...high : nil, identical: nil, replications: breaches.trials, atMost: limit,
      atLeast: nil, level: level)
  }

  /// A short name for tables: `API wait`, `refused`, `suspension risk`.
  public var name: String {
    switch objective {
    case .queueWaitP95(let scope): scope == .api ? "API wait" : "\(scope) wait"
    case .rejected: "refused"
    case .suspensionRisk: "suspension risk"
    case .serviceLevel(let scope): "\(scope) service level"
    case .abandoned(let scope): "\(scope) abandoned"
    case .answerWaitP95(let scope): "\(scope) answer wait"
    case .atMost(let metric, let scope): "\(Self.scopeName(scope)) \(Self.phrase(metric))"
    case .late(let scope, _): "\(scope) late"
    }
  }

  private static func scopeName(_ scope: Scope) -> String { scope == .api ? "API" : scope.description }

  /// What an ``Objective/atMost(_:_:)`` limits, in a few words.
  private static func phrase(_ metric: Metric) -> String {
    switch metric {
    case .queueWaitMax: "max wait"
    case .rejectedRate: "refused"
    case .dialerWaitP95: "p95 dialer wait"
    case .dialerWaitMax: "max dialer wait"
    default: metric.rawValue
    }
  }

  /// The key used in JSON and CSV: `queue_wait_p95`, `rejected`, `suspension_risk`.
  public var key: String {
    switch objective {
    case .queueWaitP95: "queue_wait_p95"
    case .rejected: "rejected"
    case .suspensionRisk: "suspension_risk"
    case .serviceLevel: "service_level"
    case .abandoned: "abandoned"
    case .answerWaitP95: "answer_wait_p95"
    case .atMost(.rejectedRate, _): "rejected"
    case .atMost(let metric, _): metric.rawValue
    case .late: "late"
    }
  }

  /// The objective as a scenario writes it, with `limit`:
  /// `queue_wait_max: 2h`, `traffic:reminders: { dialer_wait_p95: 5m }`;
  /// nil for the suspension risk and the deadline (whose limit is the
  /// acceptable chance, `suspension_risk`).
  public func objectiveText(limit: Double) -> String? {
    switch objective {
    case .atMost(_, .traffic(let name)): "traffic:\(name): { \(key): \(format(limit)) }"
    case .atMost, .queueWaitP95, .rejected, .abandoned, .answerWaitP95: "\(key): \(format(limit))"
    case .serviceLevel: "service_level: { min: \(format(limit)) }"
    case .suspensionRisk, .late: nil
    }
  }

  /// The limit as the objective's unit reads: `30 s`, `0.5%`.
  public var limitText: String { readable(limit) }

  /// The figure with its interval: `570 s (95% CI 560 s to 580 s)`, or `0 of
  /// 300 replications, 95% upper bound 0.994%`.
  public var measuredText: String {
    if let breaches { return breaches.description(level) }
    let value = readable(measured)
    guard let low, let high, readable(low) != readable(high) else { return value }
    guard isDuration else { return "\(value) (\(level.perLook) CI \(readable(low)) to \(readable(high)))" }
    let unit = Readable.DurationUnit(forAll: [measured, low, high])
    let (lowText, highText) = (Readable.estimate(low / unit.seconds), Readable.estimate(high / unit.seconds))
    return "\(Readable.duration(measured, in: unit)) (\(level.perLook) CI \(lowText) to \(highText) \(unit.symbol))"
  }

  /// Whether the objective's figures are durations.
  var isDuration: Bool {
    switch objective {
    case .queueWaitP95, .answerWaitP95: true
    case .rejected, .suspensionRisk, .serviceLevel, .abandoned, .late: false
    case .atMost(let metric, _): metric.unit == .seconds
    }
  }

  /// A figure as reports read it (``Readable``).
  private func readable(_ value: Double) -> String {
    isDuration ? Readable.duration(value) : Readable.percent(value)
  }

  /// A figure as a scenario spells it (`30s`, `0.5%`), for ``objectiveText(limit:)``.
  private func format(_ value: Double) -> String {
    switch objective {
    case .queueWaitP95, .answerWaitP95: Quantity.humanDuration(value)
    case .rejected, .suspensionRisk, .serviceLevel, .abandoned, .late: Format.percent(value)
    case .atMost(let metric, _): metric.unit == .seconds ? Quantity.humanDuration(value) : Format.percent(value)
    }
  }

  /// `p95 API wait 570 s > 300 s`, `suspension risk: 0 of 300 replications,
  /// 95% upper bound 0.994% <= 1%`, `refused 0.4% (95% CI 0.1% to 0.7%),
  /// undecided against 0.5%`.
  public var explanation: String {
    let subject: String =
      switch objective {
      case .queueWaitP95(let scope): "p95 \(scope == .api ? "API" : scope.description) wait \(measuredText)"
      case .rejected: "refused \(measuredText)"
      case .suspensionRisk: "suspension risk \(measuredText)"
      case .serviceLevel(let scope): "\(scope) service level \(measuredText)"
      case .abandoned(let scope): "\(scope) abandoned \(measuredText)"
      case .answerWaitP95(let scope): "p95 \(scope) answer wait \(measuredText)"
      case .atMost: "\(name) \(measuredText)"
      case .late(let scope, let share):
        "\(scope) missed its deadline (more than \(Format.percent(share)) late) in \(measuredText)"
      }
    if objective.isMinimum {
      switch outcome {
      case .meets: return "\(subject) >= \(readable(limit))"
      case .fails: return "\(subject) < \(readable(limit))"
      case .undecided: return "\(subject), undecided against \(readable(limit))"
      }
    }
    switch outcome {
    case .meets: return "\(subject) <= \(readable(limit))"
    case .fails: return "\(subject) > \(readable(limit))"
    case .undecided: return "\(subject), undecided against \(readable(limit))"
    }
  }
}

extension Objectives {
  /// Evaluates every objective of `scenario` on `run`, each on its
  /// interval at `level` (one look at 95% unless a plan looks several
  /// times). Thresholds always count: the suspension risk is checked
  /// (against `suspension_risk`, default 1%) whenever a category with calls
  /// has a threshold.
  public func evaluate(_ run: RunResult, scenario: Scenario, level: DecisionLevel = .single) -> [ObjectiveCheck] {
    var checks: [ObjectiveCheck] = []
    if let objective = queueWaitP95Seconds, let row = run.row(.api, .queueWaitP95) {
      checks.append(
        ObjectiveCheck(objective: .queueWaitP95(.api), summary: row.summary, unit: .seconds, limit: objective, level: level))
    }
    if let objective = queueWaitMaxSeconds, let row = run.row(.api, .queueWaitMax) {
      checks.append(
        ObjectiveCheck(objective: .atMost(.queueWaitMax, .api), summary: row.summary, unit: .seconds, limit: objective, level: level))
    }
    if let objective = rejectedShare, let row = run.row(.category(.total), .rejectedRate) {
      checks.append(ObjectiveCheck(objective: .rejected, summary: row.summary, unit: .share, limit: objective, level: level))
    }
    // Each traffic class: its deadline, and its own limits.
    for trafficClass in scenario.traffic {
      let scope = Scope.traffic(trafficClass.name)
      let own = traffic.first { $0.name == trafficClass.name }
      if trafficClass.deadlineSeconds != nil, let share = own?.lateShare ?? lateShare, let row = run.row(scope, .lateShare) {
        let missed = BinomialInterval(events: row.values.count { $0 > share }, trials: row.values.count)
        checks.append(ObjectiveCheck(.late(scope, share: share), replicationsWithEvent: missed, limit: suspensionRisk, level: level))
      }
      guard let own else { continue }
      let limits: [(Metric, Double?)] = [
        (.rejectedRate, own.rejectedShare), (.dialerWaitP95, own.dialerWaitP95Seconds), (.dialerWaitMax, own.dialerWaitMaxSeconds),
      ]
      for (metric, limit) in limits {
        guard let limit, let row = run.row(scope, metric) else { continue }
        checks.append(
          ObjectiveCheck(objective: .atMost(metric, scope), summary: row.summary, unit: metric.unit, limit: limit, level: level))
      }
    }
    // Contact centres: each pool that callers reach, judged on its own figures.
    for pool in scenario.agents {
      let scope = Scope.agents(pool.name)
      if let minimum = serviceLevelMin, let row = run.row(scope, .serviceLevel) {
        checks.append(ObjectiveCheck(objective: .serviceLevel(scope), summary: row.summary, unit: .share, limit: minimum, level: level))
      }
      if let limit = abandonedShare, let row = run.row(scope, .abandonRate) {
        checks.append(ObjectiveCheck(objective: .abandoned(scope), summary: row.summary, unit: .share, limit: limit, level: level))
      }
      if let limit = answerWaitP95Seconds, let row = run.row(scope, .answerWaitP95) {
        checks.append(
          ObjectiveCheck(objective: .answerWaitP95(scope), summary: row.summary, unit: .seconds, limit: limit, level: level))
      }
    }
    let reach = ThresholdReach(run, scenario: scenario, headroom: thresholdHeadroom ?? 0)
    if !reach.categories.isEmpty {
      checks.append(ObjectiveCheck(suspensionRisk: reach.any, limit: suspensionRisk, level: level))
    }
    return checks
  }
}

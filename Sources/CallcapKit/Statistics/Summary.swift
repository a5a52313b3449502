import CGSL

/// A metric summarised across replications: mean, 95% confidence interval
/// (Student t with n - 1 degrees of freedom, from GSL), minimum, maximum.
public struct Summary: Sendable, Equatable {
  public var mean: Double
  /// Half-width of the 95% interval; nil with fewer than two replications.
  public var halfWidth: Double?
  public var min: Double
  public var max: Double
  public var count: Int

  public var low: Double? { halfWidth.map { mean - $0 } }
  public var high: Double? { halfWidth.map { mean + $0 } }

  /// The 95% interval clamped to the range the quantity can take: no
  /// count, duration or share is negative, and no share exceeds 1. A t
  /// interval around a mean near a bound can cross it (0 refusals in most
  /// replications); the true mean cannot. Reports and CSV files show this
  /// clamped interval; nil with fewer than two replications.
  ///
  /// At a ``DecisionLevel`` of several looks the interval is widened to
  /// the two-sided 1 - 5%/looks level, the level `plan` judges each look on.
  public func interval(_ unit: Metric.Unit, level: DecisionLevel = .single) -> ClosedRange<Double>? {
    guard let halfWidth = self.halfWidth(level) else { return nil }
    let (low, high) = (mean - halfWidth, mean + halfWidth)
    let range = unit.possibleValues
    let clampedLow = Swift.min(Swift.max(low, range.lowerBound), range.upperBound)
    let clampedHigh = Swift.min(Swift.max(high, range.lowerBound), range.upperBound)
    return clampedLow...clampedHigh
  }

  public init(_ values: [Double]) {
    count = values.count
    guard !values.isEmpty else {
      (mean, halfWidth, min, max) = (0, nil, 0, 0)
      return
    }
    let n = Double(values.count)
    mean = values.reduce(0, +) / n
    min = values.min()!
    max = values.max()!
    guard values.count >= 2 else {
      halfWidth = nil
      return
    }
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
    halfWidth = Summary.tQuantile975(degreesOfFreedom: n - 1) * (variance / n).squareRoot()
  }

  /// The half-width at `level`: the 95% one rescaled by the ratio of the t
  /// quantiles (1 - 5%/looks/2 against 97.5%).
  public func halfWidth(_ level: DecisionLevel) -> Double? {
    guard let halfWidth else { return nil }
    guard level != .single else { return halfWidth }
    let degrees = Double(count - 1)
    return halfWidth / Summary.tQuantile975(degreesOfFreedom: degrees)
      * gsl_cdf_tdist_Pinv(1 - level.errorPerLook / 2, degrees)
  }

  /// The 97.5% quantile of Student's t distribution.
  public static func tQuantile975(degreesOfFreedom: Double) -> Double {
    gsl_cdf_tdist_Pinv(0.975, degreesOfFreedom)
  }
}

extension Summary {
  /// The value every replication measured, when there are at least two
  /// and they all agree (a t interval of zero width); nil otherwise.
  public var identicalValue: Double? { count >= 2 && min == max ? min : nil }

  /// For a share of replications (each replication 0 or 1, such as
  /// `threshold_breach_share`): how many replications had the event.
  public var replicationsWithEvent: BinomialInterval {
    BinomialInterval(events: Int((mean * Double(count)).rounded()), trials: count)
  }

  /// The 95% interval that reports, CSV and JSON show for `metric`: the
  /// exact two-sided Clopper-Pearson interval for a share of replications,
  /// otherwise the t interval clamped to the quantity's range.
  public func interval95(_ metric: Metric) -> ClosedRange<Double>? {
    guard metric.isShareOfReplications else { return interval(metric.unit) }
    guard count > 0 else { return nil }
    let events = replicationsWithEvent
    return events.lower95...events.upper95
  }
}

extension Metric {
  /// Whether each replication contributes 0 or 1, so that the mean is a
  /// share of replications and gets a binomial interval.
  public var isShareOfReplications: Bool { self == .thresholdBreachShare }
}

extension Metric.Unit {
  /// The values a quantity of this unit can take: shares lie in [0, 1],
  /// counts and durations are never negative.
  public var possibleValues: ClosedRange<Double> {
    switch self {
    case .share: 0...1
    case .seconds, .calls: 0...Double.greatestFiniteMagnitude
    }
  }
}

/// Results of all replications of one scenario at one CPS setting.
public struct RunResult: Sendable {
  public struct Row: Sendable {
    public var scope: Scope
    public var metric: Metric
    public var summary: Summary
    /// Per-replication values, in replication order (for paired comparisons).
    public var values: [Double]
  }

  /// The CPS setting simulated, or nil for the scenario's configured CPS.
  public var setting: GateSetting?
  public var rows: [Row]
  /// False when the run was cancelled: some replications are missing, and
  /// the result must not be reported.
  public var isComplete = true
  /// Per-replication results; their time-series buckets may have been
  /// dropped once added to `timeSeries`.
  public var replications: [ReplicationResult]
  public var timeSeries: TimeSeries
  /// Per agent pool, callers waiting and agents busy over time.
  public var poolSeries: PoolTimeSeries

  /// Combines per-replication results, given in replication order. Without
  /// `timeSeries` (`poolSeries`), the replications' own buckets are combined.
  /// Values are matched by (scope, metric), never by position: a row holds
  /// the metrics every replication measured, in the first replication's order.
  public init(
    setting: GateSetting?, replications: [ReplicationResult], timeSeries: TimeSeries? = nil, poolSeries: PoolTimeSeries? = nil
  ) {
    self.setting = setting
    self.replications = replications
    self.poolSeries = poolSeries ?? replications.reduce(into: PoolTimeSeries()) { series, replication in series.add(replication) }
    self.timeSeries =
      timeSeries
      ?? replications.reduce(into: TimeSeries()) { series, replication in series.add(replication) }
    guard let first = replications.first else {
      rows = []
      return
    }
    var position: [MetricKey: Int] = [:]
    for (index, value) in first.metrics.enumerated() where position[MetricKey(value.scope, value.metric)] == nil {
      position[MetricKey(value.scope, value.metric)] = index
    }
    var values = Array(repeating: [Double](), count: first.metrics.count)
    for replication in replications {
      for value in replication.metrics {
        if let index = position[MetricKey(value.scope, value.metric)] { values[index].append(value.value) }
      }
    }
    rows = first.metrics.indices.compactMap { index in
      let metric = first.metrics[index]
      guard position[MetricKey(metric.scope, metric.metric)] == index, values[index].count == replications.count else { return nil }
      return Row(scope: metric.scope, metric: metric.metric, summary: Summary(values[index]), values: values[index])
    }
  }

  public func row(_ scope: Scope, _ metric: Metric) -> Row? {
    rows.first { $0.scope == scope && $0.metric == metric }
  }

  public func mean(_ scope: Scope, _ metric: Metric) -> Double? {
    row(scope, metric)?.summary.mean
  }
}

/// A metric of a scope: what identifies a result row.
public struct MetricKey: Hashable, Sendable {
  public let scope: Scope
  public let metric: Metric

  public init(_ scope: Scope, _ metric: Metric) {
    self.scope = scope
    self.metric = metric
  }
}

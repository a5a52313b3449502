/// How a metric's value reads in reports, verdicts, estimates and check
/// lines: one place, so every output says a number the same way.
public enum MetricText {
  public static func number(_ value: Double, _ unit: Metric.Unit) -> String {
    switch unit {
    case .seconds: return Readable.duration(value)
    case .share: return Readable.percent(value)
    case .calls: return Readable.estimate(value)
    }
  }

  /// A metric's mean with its interval; a share of replications as a
  /// count with its binomial bounds (`0 of 10 replications, 95% upper bound 25.9%`).
  public static func describe(_ summary: Summary, _ metric: Metric) -> String {
    metric.isShareOfReplications ? summary.replicationsWithEvent.description : describe(summary, metric.unit)
  }

  public static func describe(_ summary: Summary, _ unit: Metric.Unit) -> String {
    let mean = number(summary.mean, unit)
    guard let interval = summary.interval(unit) else { return mean }
    if unit == .seconds { return Readable.duration(summary.mean, low: interval.lowerBound, high: interval.upperBound) }
    if unit == .calls { return Readable.estimate(summary.mean, low: interval.lowerBound, high: interval.upperBound) }
    let lowText = number(interval.lowerBound, unit)
    let highText = number(interval.upperBound, unit)
    return lowText == highText ? mean : "\(mean) (\(lowText) to \(highText))"
  }
}

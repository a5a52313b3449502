/// How a metric's value reads in reports, verdicts, estimates and check
/// lines: one place, so every output says a number the same way.
public enum MetricText {
  public static func number(_ value: Double, _ unit: Metric.Unit) -> String {
    switch unit {
    case .seconds: return "\(Format.decimal(value, digits: 3)) s"
    case .share: return Format.percent(value)
    case .calls: return Format.decimal(value, digits: 4)
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
    let lowText = number(interval.lowerBound, unit)
    let highText = number(interval.upperBound, unit)
    return lowText == highText ? mean : "\(mean) (\(lowText) to \(highText))"
  }
}

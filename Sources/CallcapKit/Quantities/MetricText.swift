/// How a metric's value reads in reports, verdicts, estimates and check
/// lines: one place, so every output says a number the same way. `units`
/// is the report language's (``Catalogue/units``), English by default.
public enum MetricText {
  public static func number(_ value: Double, _ unit: Metric.Unit, units: Readable.Units = .english) -> String {
    switch unit {
    case .seconds: return Readable.duration(value, units: units)
    case .share: return Readable.percent(value)
    case .calls: return Readable.estimate(value, units: units)
    }
  }

  /// A metric's mean with its interval; a share of replications as a
  /// count with its binomial bounds (`0 of 10 replications, 95% upper bound 25.9%`).
  public static func describe(_ summary: Summary, _ metric: Metric) -> String {
    metric.isShareOfReplications ? summary.replicationsWithEvent.description : describe(summary, metric.unit)
  }

  /// ``describe(_:_:)-(_,Metric)`` in a report's language.
  public static func describe(_ summary: Summary, _ metric: Metric, _ catalogue: any Catalogue) -> String {
    metric.isShareOfReplications
      ? catalogue.replications(summary.replicationsWithEvent, level: .single) : describe(summary, metric.unit, units: catalogue.units)
  }

  public static func describe(_ summary: Summary, _ unit: Metric.Unit, units: Readable.Units = .english) -> String {
    let mean = number(summary.mean, unit, units: units)
    guard let interval = summary.interval(unit) else { return mean }
    if unit == .seconds { return Readable.duration(summary.mean, low: interval.lowerBound, high: interval.upperBound, units: units) }
    if unit == .calls { return Readable.estimate(summary.mean, low: interval.lowerBound, high: interval.upperBound, units: units) }
    let lowText = number(interval.lowerBound, unit, units: units)
    let highText = number(interval.upperBound, unit, units: units)
    return lowText == highText ? mean : units.interval(mean, lowText, highText)
  }
}

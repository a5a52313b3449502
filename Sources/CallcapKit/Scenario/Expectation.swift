/// A regression limit checked by `check`.
public struct Expectation: Sendable, Equatable {
  public var metric: Metric
  public var scope: Scope
  public var min: Double?
  public var max: Double?
  /// Evaluate at this CPS tier instead of the configured one.
  public var tier: Double?
  public var location: SourceLocation?
}

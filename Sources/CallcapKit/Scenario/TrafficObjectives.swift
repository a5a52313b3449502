/// Objectives for one traffic class (`objectives: { traffic:NAME: { ... } }`),
/// judged on that class's own figures at scope `traffic:NAME`.
public struct TrafficObjectives: Sendable, Equatable {
  /// The class's name, as in `traffic[].name`.
  public var name: String
  /// Highest acceptable share of the class's calls late for its deadline
  /// (overrides the top-level `late`); the class must have a deadline.
  public var lateShare: Double?
  /// Highest acceptable share of the class's calls finally refused (its `rejected_rate`).
  public var rejectedShare: Double?
  /// Highest acceptable p95 and maximum wait in the class's dialer; the class must have a `dialer`.
  public var dialerWaitP95Seconds: Double?
  public var dialerWaitMaxSeconds: Double?

  public init(name: String) {
    self.name = name
  }
}

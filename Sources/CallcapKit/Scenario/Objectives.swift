public struct Objectives: Sendable, Equatable {
  /// Highest acceptable p95 queue wait at each gate.
  public var queueWaitP95Seconds: Double?
  /// Highest acceptable maximum queue wait at each gate (the API queue).
  public var queueWaitMaxSeconds: Double?
  /// Highest acceptable late share of every class with a deadline (a class's
  /// own `late` overrides it); judged per replication, see ``ObjectiveCheck``.
  public var lateShare: Double?
  /// Per-class objectives, in the order the file gives them.
  public var traffic: [TrafficObjectives] = []
  /// Highest acceptable share of attempts finally refused.
  public var rejectedShare: Double?
  /// Keep each peak at least this share below its threshold.
  public var thresholdHeadroom: Double?
  /// Highest acceptable chance that one replication reaches a threshold
  /// (less the headroom), judged on its one-sided 95% Clopper-Pearson bound.
  public var suspensionRisk: Double = 0.01
  /// Callers who reach an agent within `serviceLevelWithinSeconds`, at least this share.
  public var serviceLevelMin: Double?
  /// The `within` of the service level (default 20 s); also what the `service_level` metric measures.
  public var serviceLevelWithinSeconds: Double = 20
  /// Highest acceptable share of queued callers who abandon.
  public var abandonedShare: Double?
  /// Highest acceptable p95 answer wait (queue join to agent).
  public var answerWaitP95Seconds: Double?
}

public struct SimulationSettings: Sendable, Equatable {
  /// Simulated span of one replication: arrivals stop at the horizon.
  public var horizonSeconds: Double
  /// Statistics ignore calls offered before this time.
  public var warmupSeconds: Double = 0
  public var replications: Int = 10
  /// `plan` adds replications up to this count to decide (see ``CapacityPlan``).
  public var maxReplications: Int = 2000
  public var seed: UInt64 = 1
  /// Wall-clock time at t = 0, seconds since midnight.
  public var startClockSeconds: Double = 0
  /// Width of one time-series bucket.
  public var resolutionSeconds: Double = 60
}

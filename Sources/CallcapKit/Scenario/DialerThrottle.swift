/// The throttle an application applies to one outbound class before it
/// calls the platform (SPEC "The application's own pacing, and
/// deadlines"): requests the throttle holds wait inside the application,
/// FIFO, not in the platform's queue. At least one limit is set.
public struct DialerThrottle: Sendable, Equatable {
  /// Most calls of the class in progress at once, counted from the request
  /// to the gate (the API request or the trunk attempt) until the call
  /// ends; a refused call frees its place at once. Nil: no limit.
  public var maxInProgress: Int?
  /// Most requests started per second, spaced evenly: one every
  /// 1 / `maxRatePerSecond` seconds at most. Nil: no limit.
  public var maxRatePerSecond: Double?

  public init(maxInProgress: Int? = nil, maxRatePerSecond: Double? = nil) {
    self.maxInProgress = maxInProgress
    self.maxRatePerSecond = maxRatePerSecond
  }
}

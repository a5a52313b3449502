public struct TrunkSettings: Sendable, Equatable {
  public var name: String
  public var cps: Double
  public var limiter: LimiterModel = .slidingWindow
  /// Token-bucket capacity; nil means equal to `cps`.
  public var burst: Double?
  public var retry: RetryPolicy?

  public init(name: String, cps: Double, limiter: LimiterModel = .slidingWindow, burst: Double? = nil, retry: RetryPolicy? = nil) {
    self.name = name
    self.cps = cps
    self.limiter = limiter
    self.burst = burst
    self.retry = retry
  }

  public var effectiveBurst: Double { burst ?? cps }
}

public enum LimiterModel: String, Sendable, CaseIterable {
  /// At most CPS accepted attempts in any interval of one second.
  case slidingWindow = "sliding-window"
  /// At most CPS accepted attempts in each clock second.
  case fixedWindow = "fixed-window"
  /// Tokens refill at CPS per second up to `burst`; an attempt takes one.
  case tokenBucket = "token-bucket"
}

public struct RetryPolicy: Sendable, Equatable {
  /// Further attempts after the first 503.
  public let attempts: Int
  public let delay: DistributionSpec
}

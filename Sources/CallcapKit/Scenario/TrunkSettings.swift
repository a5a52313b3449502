public struct TrunkSettings: Sendable, Equatable {
  public var name: String
  public var cps: Double
  public var limiter: LimiterModel = .slidingWindow
  /// Token-bucket capacity; nil means equal to `cps`.
  public var burst: Double?
  public var retry: RetryPolicy?
  /// The CPS values `plan` considers for this trunk (`tiers`); nil: the scenario's `tiers:`.
  public var tiers: [Double]? = nil
  /// The monthly price of one CPS on this trunk, in any currency (`price_per_cps`, default 1).
  public var pricePerCPS: Double = 1

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

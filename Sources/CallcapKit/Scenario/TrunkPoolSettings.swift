/// Twilio's pooled ("master") trunk CPS: one allowance shared by all the
/// account's trunks, checked after each trunk's own limiter; an attempt
/// over it is refused with 503 as well (scope `trunk-pool`).
public struct TrunkPoolSettings: Sendable, Equatable {
  public var cps: Double
  public var limiter: LimiterModel = .slidingWindow
  /// Token-bucket capacity; nil means equal to `cps`.
  public var burst: Double?
  /// The CPS values `plan` considers for the pool; nil: the scenario's `tiers:`.
  public var tiers: [Double]? = nil
  /// The monthly price of one pooled CPS, in any currency (default 1).
  public var pricePerCPS: Double = 1

  public init(cps: Double, limiter: LimiterModel = .slidingWindow, burst: Double? = nil) {
    self.cps = cps
    self.limiter = limiter
    self.burst = burst
  }

  public var effectiveBurst: Double { burst ?? cps }
}

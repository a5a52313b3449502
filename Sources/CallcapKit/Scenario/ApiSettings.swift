public struct ApiSettings: Sendable, Equatable {
  public var cps: Double
  public var pacing: PacingModel = .smooth
  /// Most queued work, as time at the current CPS: the queue holds
  /// `queueLimitSeconds * cps` requests.
  public var queueLimitSeconds: Double
  /// The CPS values `plan` considers for this gate (`api.tiers`); nil:
  /// the scenario's `tiers:`.
  public var tiers: [Double]? = nil
  /// The monthly price of one CPS on this gate, in any currency (`price_per_cps`, default 1).
  public var pricePerCPS: Double = 1

  /// The platform's defaults.
  public init(platform: PlatformRules) {
    cps = platform.defaultCPS
    queueLimitSeconds = platform.apiQueueLimitSeconds
  }
}

public enum PacingModel: String, Sendable, CaseIterable {
  /// One release every 1/CPS seconds, FIFO.
  case smooth
  /// At most CPS releases in each clock second.
  case fixedWindow = "fixed-window"
}

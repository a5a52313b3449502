public struct ApiSettings: Sendable, Equatable {
  public var cps: Double
  public var pacing: PacingModel = .smooth
  /// Most queued work, as time at the current CPS: the queue holds
  /// `queueLimitSeconds * cps` requests.
  public var queueLimitSeconds: Double

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

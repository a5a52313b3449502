public struct Account: Sendable, Equatable {
  public var profile: AccountProfile = .business
  public var api: ApiSettings
  public var trunks: [TrunkSettings] = []
  /// The pooled trunk CPS shared by every trunk (`trunk_pool`), checked
  /// after each trunk's own limiter; nil when the account has none.
  public var trunkPool: TrunkPoolSettings? = nil
  public var thresholds: Thresholds
  /// Ringing calls count as simultaneous.
  public var countRinging = true
  /// Calls are cut at this length.
  public var maxCallLengthSeconds: Double

  /// An account with no trunks and the platform's defaults.
  public init(platform: PlatformRules) {
    api = ApiSettings(platform: platform)
    thresholds = platform.thresholds
    maxCallLengthSeconds = platform.maxCallLengthSeconds
  }
}

/// The account states the platform distinguishes; they set concurrency
/// caps (``PlatformRules/caps(for:)``).
public enum AccountProfile: String, Sendable, CaseIterable {
  case trial
  case noProfile = "no-profile"
  case individual
  case business
}

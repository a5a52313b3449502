import Foundation

/// One concrete change to a scenario file, in the file's own keys: what a
/// remedy proposes (``Remedy``), applied to the file's YAML by
/// ``ScenarioEdit`` and written as `fix.yaml`.
///
/// Values are what the file will say, already rounded the safe way (a
/// spread in whole seconds, rounded up; a rate rounded down), so that the
/// scenario simulated is the scenario written.
public enum ScenarioChange: Sendable, Equatable, Hashable {
  /// Spread the burst at position `arrival` of class `traffic`'s
  /// `arrivals` (0 for a single arrival spec) over `seconds`: its `spread:`.
  case spreadBurst(traffic: String, arrival: Int, seconds: Int)
  /// `dialer: { max_in_progress: calls }` on outbound class `traffic`.
  case dialerMaxInProgress(traffic: String, calls: Int)
  /// `dialer: { max_rate: rate }` on outbound class `traffic`; `rate` is
  /// the quantity as written (`0.744/s`).
  case dialerMaxRate(traffic: String, rate: String)
  /// A gate's CPS: `account.api.cps`, a trunk's `cps`, or
  /// `account.trunk_pool.cps`.
  case gateCPS(Scope, Int)
  /// A trunk's `retry:` with `attempts` further attempts; `delay` (a
  /// distribution as written) when the trunk has no retry yet, nil to keep
  /// the delay it has.
  case trunkRetry(trunk: String, attempts: Int, delay: String?)
  /// `account.profile`.
  case profile(AccountProfile)

  /// Where in the file and to what: `traffic reminders: arrivals burst
  /// spread: 2688s`, `account.api.cps: 3`.
  public var description: String {
    switch self {
    case .spreadBurst(let traffic, let arrival, let seconds):
      "traffic \(traffic), arrival \(arrival + 1): burst spread: \(seconds)s (\(Quantity.humanDuration(Double(seconds))))"
    case .dialerMaxInProgress(let traffic, let calls): "traffic \(traffic): dialer: { max_in_progress: \(calls) }"
    case .dialerMaxRate(let traffic, let rate): "traffic \(traffic): dialer: { max_rate: \(rate) }"
    case .gateCPS(let scope, let cps):
      switch scope {
      case .trunk(let name): "account.trunks \(name): cps: \(cps)"
      case .trunkPool: "account.trunk_pool.cps: \(cps)"
      default: "account.api.cps: \(cps)"
      }
    case .trunkRetry(let trunk, let attempts, let delay):
      "account.trunks \(trunk): retry: { attempts: \(attempts)\(delay.map { ", delay: \($0)" } ?? "") }"
    case .profile(let profile): "account.profile: \(profile.rawValue)"
    }
  }

  /// The gate whose CPS this change sets, if it sets one.
  var gate: Scope? {
    if case .gateCPS(let scope, _) = self { return scope }
    return nil
  }

  /// A rate as a scenario writes it, rounded down to three significant
  /// digits so that the rate written never exceeds `perSecond`: `0.744/s`,
  /// or per hour below 0.01 per second (`12.3/h`).
  public static func rateText(_ perSecond: Double) -> String {
    guard perSecond.isFinite, perSecond > 0 else { return "0/s" }
    let (value, unit) = perSecond < 0.01 ? (perSecond * 3600, "/h") : (perSecond, "/s")
    let exponent = Int(log10(value).rounded(.down))
    let scale = pow(10, Double(2 - exponent))
    // At most three digits k, and k / scale <= value.
    return Format.decimal((value * scale).rounded(.down) / scale, digits: 3) + unit
  }
}

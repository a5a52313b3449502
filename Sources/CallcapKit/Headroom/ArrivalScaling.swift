/// Traffic multiplied by a growth factor g, for `headroom`.
///
/// Scaling multiplies how many calls arrive, never how long they last:
/// Poisson and profile rates are multiplied by g, a fixed interval
/// (`every`) is divided by g, and a burst's count is multiplied by g and
/// rounded to the nearest whole call, halves away from zero (2,000 at
/// g = 1.3 is 2,600; 5 at g = 1.1 is 6, 5.5 rounded up). A burst keeps its
/// time and spread. Durations, ring times, answer shares, agents and every
/// account setting are unchanged.
extension ArrivalSpec {
  public func scaled(by factor: Double) -> ArrivalSpec {
    switch self {
    case .poisson(let rate): return .poisson(perSecond: rate * factor)
    case .profile(var profile):
      profile.ratesPerSecond = profile.ratesPerSecond.map { $0 * factor }
      return .profile(profile)
    case .burst(let at, let count, let spread):
      return .burst(atSeconds: at, count: Self.scaledCount(count, by: factor), spreadSeconds: spread)
    case .every(let interval): return .every(intervalSeconds: interval / factor)
    }
  }

  /// A burst's count at factor g: `count x g` to the nearest whole call.
  public static func scaledCount(_ count: Int, by factor: Double) -> Int {
    Int((Double(count) * factor).rounded(.toNearestOrAwayFromZero))
  }
}

extension Scenario {
  /// The scenario with the arrivals of `classes` (every class when nil)
  /// multiplied by `factor` (see ``ArrivalSpec/scaled(by:)``).
  public func scaled(by factor: Double, classes: Set<String>? = nil) -> Scenario {
    var scenario = self
    for index in scenario.traffic.indices where classes?.contains(scenario.traffic[index].name) ?? true {
      scenario.traffic[index].arrivals = scenario.traffic[index].arrivals.map { $0.scaled(by: factor) }
    }
    return scenario
  }
}

/// How calls of a traffic class arrive. A class may superpose several.
public enum ArrivalSpec: Sendable, Equatable {
  /// Homogeneous Poisson process.
  case poisson(perSecond: Double)
  /// Piecewise-constant Poisson process, repeating with the profile's period.
  case profile(RateProfile)
  /// `count` requests at `atSeconds`, spread uniformly at random over
  /// `spreadSeconds` (all at once when zero).
  case burst(atSeconds: Double, count: Int, spreadSeconds: Double)
  /// One arrival every `intervalSeconds`, the first at t = 0.
  case every(intervalSeconds: Double)

  /// Expected arrivals in [0, horizon).
  public func expectedCount(horizonSeconds: Double) -> Double {
    switch self {
    case .poisson(let rate): return rate * horizonSeconds
    case .profile(let profile): return profile.expectedCount(until: horizonSeconds)
    case .burst(let at, let count, _): return at < horizonSeconds ? Double(count) : 0
    case .every(let interval): return (horizonSeconds / interval).rounded(.up)
    }
  }
}

/// A piecewise-constant rate: segment `i` lasts `durations[i]` seconds at
/// `ratesPerSecond[i]`; the whole profile repeats after `period` seconds.
public struct RateProfile: Sendable, Equatable {
  public var durations: [Double]
  public var ratesPerSecond: [Double]

  public init(durations: [Double], ratesPerSecond: [Double]) {
    self.durations = durations
    self.ratesPerSecond = ratesPerSecond
  }

  public var period: Double { durations.reduce(0, +) }

  /// Expected arrivals per period.
  public var countPerPeriod: Double { zip(durations, ratesPerSecond).map(*).reduce(0, +) }

  /// Expected arrivals in [0, t).
  public func expectedCount(until t: Double) -> Double {
    guard period > 0 else { return 0 }
    // A profile read from a file has a last step without end: it never repeats.
    let cycles = period.isFinite ? (t / period).rounded(.down) : 0
    var remaining = cycles == 0 ? t : t - cycles * period
    var count = cycles == 0 ? 0 : cycles * countPerPeriod
    for (duration, rate) in zip(durations, ratesPerSecond) where remaining > 0 {
      count += rate * min(duration, remaining)
      remaining -= duration
    }
    return count
  }

  /// Highest rate in the profile.
  public var peakPerSecond: Double { ratesPerSecond.max() ?? 0 }
}

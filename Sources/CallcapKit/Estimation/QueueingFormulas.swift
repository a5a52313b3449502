import CGSL
import Foundation

/// The M/D/1 queue: Poisson requests at `arrivalsPerSecond`, released one
/// every 1/`cps` seconds in FIFO order: the API gate under smooth pacing.
public struct MD1Queue: Sendable {
  public let arrivalsPerSecond: Double
  public let cps: Double

  public init(arrivalsPerSecond: Double, cps: Double) {
    self.arrivalsPerSecond = arrivalsPerSecond
    self.cps = cps
  }

  public var utilisation: Double { arrivalsPerSecond / cps }
  public var isStable: Bool { utilisation < 1 }
  private var serviceSeconds: Double { 1 / cps }

  /// Pollaczek-Khinchine: rho D / (2 (1 - rho)).
  public var meanWait: Double {
    utilisation * serviceSeconds / (2 * (1 - utilisation))
  }

  /// P(W <= t). Erlang's series (1 - rho) sum_k e^{lambda(t-kD)} (-lambda(t-kD))^k / k!
  /// for lambda t up to 10, where its alternating terms lose at most ~1e-7;
  /// beyond, the exponential tail alpha e^{-delta t}, whose error there is
  /// far smaller (the next root of the characteristic equation decays
  /// much faster).
  public func waitCDF(_ t: Double) -> Double {
    guard t >= 0 else { return 0 }
    guard isStable else { return 0 }
    let lambda = arrivalsPerSecond
    let d = serviceSeconds
    if lambda * t > 10, let tail = tail {
      return 1 - tail.alpha * exp(-tail.delta * t)
    }
    var sum = 0.0
    var k = 0
    while Double(k) * d <= t {
      let x = lambda * (t - Double(k) * d)
      let magnitude = x + (k == 0 ? 0 : Double(k) * log(x) - lgamma(Double(k) + 1))
      let term = x == 0 && k > 0 ? 0 : exp(magnitude)
      sum += k % 2 == 0 ? term : -term
      k += 1
    }
    return min(1, max(0, (1 - utilisation) * sum))
  }

  /// Decay rate delta (root of lambda (e^{delta D} - 1) = delta) and
  /// constant alpha = (1 - rho) / (lambda D e^{delta D} - 1) of the tail.
  var tail: (alpha: Double, delta: Double)? {
    guard isStable, arrivalsPerSecond > 0 else { return nil }
    let lambda = arrivalsPerSecond
    let d = serviceSeconds
    let f = { (delta: Double) in lambda * expm1(delta * d) - delta }
    let lower = (1 - utilisation) / d * 1e-6
    var upper = 2 * (1 - utilisation) / (utilisation * d) + 1 / d
    while f(upper) <= 0 { upper *= 2 }
    guard let delta = Numerics.root(in: lower, upper, f) else { return nil }
    return ((1 - utilisation) / (lambda * d * exp(delta * d) - 1), delta)
  }

  /// The wait not exceeded with probability `p`.
  public func waitQuantile(_ p: Double) -> Double? {
    guard isStable else { return nil }
    if p <= 1 - utilisation { return 0 }
    guard let tail else { return nil }
    let upper = max(log(tail.alpha / (1 - p)) / tail.delta, 0) * 2 + 10 * serviceSeconds
    return Numerics.root(in: 0, upper) { waitCDF($0) - p }
  }
}

/// The M/M/1 queue: the same arrivals with exponential release gaps; a
/// pessimistic reference for pacing that is less regular than smooth.
public struct MM1Queue: Sendable {
  public let arrivalsPerSecond: Double
  public let cps: Double

  public init(arrivalsPerSecond: Double, cps: Double) {
    self.arrivalsPerSecond = arrivalsPerSecond
    self.cps = cps
  }

  public var utilisation: Double { arrivalsPerSecond / cps }
  public var isStable: Bool { utilisation < 1 }
  /// rho / (mu - lambda).
  public var meanWait: Double { utilisation / (cps - arrivalsPerSecond) }

  /// P(W > t) = rho e^{-(mu - lambda) t}.
  public func waitQuantile(_ p: Double) -> Double? {
    guard isStable else { return nil }
    guard 1 - p < utilisation else { return 0 }
    return log(utilisation / (1 - p)) / (cps - arrivalsPerSecond)
  }
}

/// Loss and delay formulas for a group of `servers` lines offered `load`
/// erlangs of Poisson traffic.
public enum Erlang {
  /// Erlang B: the share of calls refused when all lines are busy
  /// (exact for any holding-time distribution). Stable recursion
  /// B(k) = a B(k-1) / (k + a B(k-1)).
  public static func b(load: Double, servers: Int) -> Double {
    var blocking = 1.0
    for k in stride(from: 1, through: servers, by: 1) {
      blocking = load * blocking / (Double(k) + load * blocking)
    }
    return blocking
  }

  /// Erlang C: the probability of waiting if calls queued for a free line
  /// instead of being refused; 1 when the load reaches the lines.
  public static func c(load: Double, servers: Int) -> Double {
    guard load < Double(servers) else { return 1 }
    let blocking = b(load: load, servers: servers)
    return Double(servers) * blocking / (Double(servers) - load * (1 - blocking))
  }
}

/// The number of calls in progress in an M/G/infinity system is Poisson
/// with mean = offered load, whatever the duration distribution.
public enum PoissonConcurrency {
  /// P(N >= count) for N ~ Poisson(load).
  public static func probabilityAtLeast(_ count: Int, load: Double) -> Double {
    guard count > 0 else { return 1 }
    guard load > 0 else { return 0 }
    // GSL takes a 32-bit count; a threshold beyond it is never reached by a load the loader accepts.
    guard count - 1 <= Int(UInt32.max) else { return 0 }
    return gsl_cdf_poisson_Q(UInt32(count - 1), load)
  }

  /// Smallest n with P(N >= n) <= `share`: the level exceeded that rarely.
  public static func level(exceededWith share: Double, load: Double) -> Int {
    guard load > 0 else { return 0 }
    guard load < Double(UInt32.max) / 2 else { return Int(load.rounded(.up)) }
    var n = Int(load.rounded(.down))
    while probabilityAtLeast(n, load: load) > share { n += 1 }
    return n
  }
}

import CGSL
import Foundation

extension Sampler {
  /// P(X > x) of the uncapped distribution, from GSL's CDFs.
  func survival(_ x: Double) -> Double {
    guard x >= 0 else { return 1 }
    switch kind {
    case .constant: return x < a ? 1 : 0
    case .exponential: return gsl_cdf_exponential_Q(x, a)
    case .lognormal: return x == 0 ? 1 : gsl_cdf_lognormal_Q(x, a, b)
    case .gamma: return gsl_cdf_gamma_Q(x, a, b)
    case .weibull: return gsl_cdf_weibull_Q(x, b, a)
    case .uniform: return x < a ? 1 : (x >= b ? 0 : (b - x) / (b - a))
    case .normalTruncated:
      // Normal truncated below at 0: P(X > x) = Q((x - mean)/sd) / Q(-mean/sd).
      return gsl_cdf_gaussian_Q(x - a, b) / gsl_cdf_gaussian_Q(-a, b)
    case .empirical:
      return samples.isEmpty ? 0 : Double(samples.count { $0 > x }) / Double(samples.count)
    }
  }

  /// E[min(X, cap)] = integral of P(X > x) over [0, cap]; the uncapped
  /// mean when no cap applies.
  func mean(uncapped: Double) -> Double {
    switch kind {
    case .constant: return min(a, cap)
    case .empirical: return samples.isEmpty ? 0 : samples.reduce(0) { $0 + min($1, cap) } / Double(samples.count)
    default:
      guard cap.isFinite else { return uncapped }
      // Beyond ~60 means the tail adds nothing measurable.
      if cap > 60 * uncapped && survival(cap) < 1e-12 { return uncapped }
      return Numerics.integrate(from: 0, to: cap, survival)
    }
  }
}

/// The traffic a class offers, in the terms of queueing formulas: arrival
/// rate, mean holding time, offered load in erlangs.
public struct OfferedLoad: Sendable {
  public let traffic: String
  public let category: ConcurrencyCategory
  public let gate: Gate
  /// Mean rate over the horizon of calls that can connect (callers who can
  /// never reach the number are left out, as the simulation drops them).
  public let meanPerSecond: Double
  /// Highest rate of the class's arrival processes, summed (bursts excluded).
  public let peakPerSecond: Double
  /// Mean time a call counts as simultaneous: from ringing (or answer) to the end.
  public let holdSeconds: Double
  /// Every arrival process is homogeneous Poisson.
  public let isPoisson: Bool
  public let hasBurst: Bool
  /// Share of the class's calls that can connect (1 - ``TrafficClass/unreachableShare``).
  public let reachableShare: Double

  /// Erlangs at the mean rate: mean number of simultaneous calls (Little's law).
  public var load: Double { meanPerSecond * holdSeconds }
  /// Erlangs at the peak rate.
  public var peakLoad: Double { peakPerSecond * holdSeconds }

  /// The offered load of every class of `scenario`.
  public static func of(_ scenario: Scenario) -> [OfferedLoad] {
    let horizon = scenario.simulation.horizonSeconds
    let account = scenario.account
    return scenario.traffic.map { traffic in
      let talk = Sampler(traffic.duration, limit: account.maxCallLengthSeconds).mean(uncapped: traffic.duration.uncappedMean)
      let ring = Sampler(traffic.ring).mean(uncapped: traffic.ring.uncappedMean)
      let hold: Double =
        switch traffic.type {
        case .inbound: talk
        // Unanswered calls count only while ringing, and only if ringing counts.
        case .outbound: (account.countRinging ? ring : 0) + traffic.answerShare * talk
        // The inbound leg is live from arrival.
        case .forward: ring + traffic.answerShare * talk
        }
      let reachable = 1 - traffic.unreachableShare
      let expected = reachable * traffic.arrivals.reduce(0) { $0 + $1.expectedCount(horizonSeconds: horizon) }
      let peak = traffic.arrivals.reduce(0.0) { total, arrival in
        switch arrival {
        case .poisson(let rate): total + rate
        case .profile(let profile): total + profile.peakPerSecond
        case .every(let interval): total + 1 / interval
        case .burst: total
        }
      }
      return OfferedLoad(
        traffic: traffic.name, category: traffic.type.category, gate: traffic.gate, meanPerSecond: expected / horizon,
        peakPerSecond: reachable * peak, holdSeconds: hold,
        isPoisson: traffic.arrivals.allSatisfy { if case .poisson = $0 { true } else { false } },
        hasBurst: traffic.arrivals.contains { if case .burst = $0 { true } else { false } }, reachableShare: reachable)
    }
  }
}

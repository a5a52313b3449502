import Foundation
import SimulationKernel

/// Generates one arrival process lazily: only the next arrival time is
/// ever pending, so memory does not grow with the number of calls.
struct ArrivalSource: Sendable {
  enum Process: Sendable {
    case poisson(perSecond: Double)
    case profile(RateProfile)
    case burst(atSeconds: Double, count: Int, spreadSeconds: Double)
    case every(intervalSeconds: Double)
  }

  let process: Process
  /// Index of the traffic class the arrivals belong to.
  let traffic: Int
  let horizon: Double

  // Progress through the process.
  private var time = 0.0
  private var emitted = 0
  private var segment = 0
  private var segmentEnd = 0.0
  private var spreadPosition = 0.0
  /// Exponential gaps of a Poisson process (mean 1/rate) or of a profile
  /// (mean 1, in cumulative-rate units), drawn ahead in batches; the
  /// source's stream feeds nothing else (see ``Lookahead``).
  private var gaps = Lookahead(placeholder: 0.0)

  init(_ spec: ArrivalSpec, traffic: Int, horizon: Double) {
    switch spec {
    case .poisson(let rate): process = .poisson(perSecond: rate)
    case .profile(let profile): process = .profile(profile)
    case .burst(let at, let count, let spread): process = .burst(atSeconds: at, count: count, spreadSeconds: spread)
    case .every(let interval): process = .every(intervalSeconds: interval)
    }
    self.traffic = traffic
    self.horizon = horizon
    if case .profile(let profile) = process { segmentEnd = profile.durations[0] }
  }

  /// The next arrival time, or nil when the process has no more arrivals
  /// before the horizon.
  mutating func next(_ stream: RandomSource) -> Double? {
    let candidate: Double?
    switch process {
    case .poisson(let rate):
      guard rate > 0 else { return nil }
      time += nextGap(mean: 1 / rate, stream)
      candidate = time
    case .every(let interval):
      candidate = Double(emitted) * interval
    case .burst(let at, let count, let spread):
      guard emitted < count else { return nil }
      if spread > 0 {
        // The next of `count` sorted uniforms, drawn one at a time:
        // the minimum of k uniforms on [x, 1] is x + (1 - x)(1 - U^(1/k)).
        let remaining = Double(count - emitted)
        spreadPosition += (1 - spreadPosition) * (1 - pow(stream.uniformPositive(), 1 / remaining))
        candidate = at + spread * spreadPosition
      } else {
        candidate = at
      }
    case .profile(let profile):
      candidate = nextInProfile(profile, stream)
    }
    emitted += 1
    guard let candidate, candidate < horizon else { return nil }
    return candidate
  }

  @inline(__always)
  private mutating func nextGap(mean: Double, _ stream: RandomSource) -> Double {
    if gaps.isEmpty { gaps.fill { stream.exponential(mean: mean) } }
    return gaps.take()
  }

  /// Inversion of the cumulative rate: exact for piecewise-constant rates,
  /// including zero-rate segments before busy ones.
  private mutating func nextInProfile(_ profile: RateProfile, _ stream: RandomSource) -> Double? {
    var remaining = nextGap(mean: 1, stream)
    let count = profile.durations.count
    var emptySegments = 0
    // Any whole period, from wherever it starts, holds `countPerPeriod`
    // expected arrivals: a gap longer than that jumps over whole periods at
    // once instead of stepping through each of their segments.
    let perPeriod = profile.countPerPeriod
    let period = profile.period
    if period.isFinite && perPeriod > 0 && remaining > perPeriod {
      let periods = (remaining / perPeriod).rounded(.down)
      remaining = max(0, remaining - periods * perPeriod)
      time += periods * period
      segmentEnd += periods * period
    }
    while time < horizon {
      let rate = profile.ratesPerSecond[segment]
      if rate > 0 {
        emptySegments = 0
        let available = (segmentEnd - time) * rate
        if available >= remaining {
          time += remaining / rate
          return time
        }
        remaining -= available
      } else {
        emptySegments += 1
        // A whole period without calls, or a final segment of rate zero: no more arrivals.
        if emptySegments > count || segmentEnd.isInfinite { return nil }
      }
      time = segmentEnd
      segment = (segment + 1) % count
      segmentEnd += profile.durations[segment]
    }
    return nil
  }
}

import Foundation
import SimulationKernel

/// A distribution compiled for drawing: GSL parameters precomputed, chosen
/// by a switch on a small enum (no existential or closure dispatch in the
/// simulation loop).
struct Sampler: Sendable {
  enum Kind: Sendable {
    case constant
    case exponential
    case lognormal
    case gamma
    case weibull
    case uniform
    case normalTruncated
    case empirical
  }

  let kind: Kind
  /// First and second parameter, in the kind's own meaning (see `init`).
  let a: Double
  let b: Double
  /// Every draw is at most this (the distribution's `max:` and any outer cap).
  let cap: Double
  let samples: [Double]

  /// Compiles `spec`; draws are also capped at `limit` (e.g. the call length limit).
  init(_ spec: DistributionSpec, limit: Double = .infinity) {
    // No draw exceeds the longest time a scenario may state, so every time
    // the model computes stays finite and keeps microsecond resolution.
    cap = min(spec.cap ?? .infinity, limit, InputLimits.maxSeconds)
    var samples: [Double] = []
    switch spec.shape {
    case .constant(let seconds): (kind, a, b) = (.constant, seconds, 0)
    case .exponential(let mean): (kind, a, b) = (.exponential, mean, 0)
    case .lognormalMeanSD(let mean, let sd):
      // Moments of the lognormal: sigma^2 = ln(1 + sd^2/mean^2), mu = ln(mean) - sigma^2/2.
      let variance = (1 + (sd * sd) / (mean * mean)).log()
      (kind, a, b) = (.lognormal, mean.log() - variance / 2, variance.squareRoot())
    case .lognormalMuSigma(let mu, let sigma): (kind, a, b) = (.lognormal, mu, sigma)
    case .gammaMeanCV(let mean, let cv): (kind, a, b) = (.gamma, 1 / (cv * cv), mean * cv * cv)
    case .gammaShapeScale(let shape, let scale): (kind, a, b) = (.gamma, shape, scale)
    case .erlang(let k, let mean): (kind, a, b) = (.gamma, Double(k), mean / Double(k))
    case .weibull(let shape, let scale): (kind, a, b) = (.weibull, shape, scale)
    case .uniform(let low, let high): (kind, a, b) = (.uniform, low, high)
    case .normal(let mean, let sd): (kind, a, b) = (.normalTruncated, mean, sd)
    case .empirical(_, let values):
      (kind, a, b) = (.empirical, 0, 0)
      samples = values
    }
    self.samples = samples
  }

  /// Whether every draw is the same value (no random number is consumed).
  var isConstant: Bool { kind == .constant }

  @inline(__always)
  func draw(_ stream: RandomSource) -> Double {
    let value: Double
    switch kind {
    case .constant: value = a
    case .exponential: value = stream.exponential(mean: a)
    case .lognormal: value = stream.lognormal(mu: a, sigma: b)
    case .gamma: value = stream.gamma(shape: a, scale: b)
    case .weibull: value = stream.weibull(shape: a, scale: b)
    case .uniform: value = a == b ? a : stream.uniform(lower: a, upper: b)
    case .normalTruncated: value = stream.normalTruncatedBelow(mean: a, sd: b, at: 0)
    case .empirical: value = samples[stream.index(below: samples.count)]
    }
    return min(value, cap)
  }
}

extension Double {
  fileprivate func log() -> Double { Foundation.log(self) }
}

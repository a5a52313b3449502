import Foundation

/// A distribution of durations as a scenario writes it, in seconds.
///
/// The form the user chose is kept (`lognormal(mean:, sd:)` and
/// `lognormal(mu:, sigma:)` are different cases) so that reports repeat it;
/// ``SamplingPlan`` turns it into the parameters a generator needs.
public struct DistributionSpec: Sendable, Equatable, CustomStringConvertible {
  public enum Shape: Sendable, Equatable {
    case constant(seconds: Double)
    case exponential(mean: Double)
    case lognormalMeanSD(mean: Double, sd: Double)
    case lognormalMuSigma(mu: Double, sigma: Double)
    case gammaMeanCV(mean: Double, cv: Double)
    case gammaShapeScale(shape: Double, scale: Double)
    case erlang(k: Int, mean: Double)
    case weibull(shape: Double, scale: Double)
    case uniform(min: Double, max: Double)
    case normal(mean: Double, sd: Double)
    /// Samples in seconds, read from `file` (as written, relative to the scenario).
    case empirical(file: String, samples: [Double])
  }

  public var shape: Shape
  /// Optional cap: every draw is at most this many seconds.
  public var cap: Double?

  public init(_ shape: Shape, cap: Double? = nil) {
    self.shape = shape
    self.cap = cap
  }

  public static let zero = DistributionSpec(.constant(seconds: 0))

  /// Mean of the uncapped distribution, in seconds.
  public var uncappedMean: Double {
    switch shape {
    case .constant(let seconds): return seconds
    case .exponential(let mean), .lognormalMeanSD(let mean, _), .gammaMeanCV(let mean, _),
      .erlang(_, let mean):
      return mean
    case .lognormalMuSigma(let mu, let sigma): return exp(mu + sigma * sigma / 2)
    case .gammaShapeScale(let shape, let scale): return shape * scale
    case .weibull(let shape, let scale): return scale * tgamma(1 + 1 / shape)
    case .uniform(let low, let high): return (low + high) / 2
    case .normal(let mean, let sd):
      // Normal truncated at 0: mean + sd * phi(a) / (1 - Phi(a)), a = -mean/sd.
      let a = -mean / sd
      let tail = 0.5 * erfc(a / 2.0.squareRoot())
      let density = exp(-a * a / 2) / (2 * Double.pi).squareRoot()
      return mean + sd * density / tail
    case .empirical(_, let samples):
      return samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count)
    }
  }

  /// The largest value a draw can take, when the distribution is bounded
  /// (a constant, a uniform, samples, or a `max:` cap); nil otherwise.
  public var largestDraw: Double? {
    let bound: Double?
    switch shape {
    case .constant(let seconds): bound = seconds
    case .uniform(_, let high): bound = high
    case .empirical(_, let samples): bound = samples.max() ?? 0
    default: bound = nil
    }
    switch (bound, cap) {
    case (let bound?, let cap?): return min(bound, cap)
    case (let bound, let cap): return bound ?? cap
    }
  }

  /// The canonical text of this distribution; it parses back to the same value.
  public var description: String {
    let d = Quantity.canonicalDuration
    let n = Quantity.shortest
    var text: String
    switch shape {
    case .constant(let seconds): text = "constant(\(d(seconds)))"
    case .exponential(let mean): text = "exponential(mean: \(d(mean)))"
    case .lognormalMeanSD(let mean, let sd): text = "lognormal(mean: \(d(mean)), sd: \(d(sd)))"
    case .lognormalMuSigma(let mu, let sigma): text = "lognormal(mu: \(n(mu)), sigma: \(n(sigma)))"
    case .gammaMeanCV(let mean, let cv): text = "gamma(mean: \(d(mean)), cv: \(n(cv)))"
    case .gammaShapeScale(let shape, let scale):
      text = "gamma(shape: \(n(shape)), scale: \(d(scale)))"
    case .erlang(let k, let mean): text = "erlang(k: \(k), mean: \(d(mean)))"
    case .weibull(let shape, let scale): text = "weibull(shape: \(n(shape)), scale: \(d(scale)))"
    case .uniform(let low, let high): text = "uniform(min: \(d(low)), max: \(d(high)))"
    case .normal(let mean, let sd): text = "normal(mean: \(d(mean)), sd: \(d(sd)))"
    case .empirical(let file, _): text = "empirical(file: \(file))"
    }
    if let cap {
      text.removeLast()
      text += ", max: \(d(cap)))"
    }
    return text
  }

  /// A short form for reports: `lognormal(mean: 4m, sd: 6m)`.
  public var humanDescription: String {
    let h = Quantity.humanDuration
    let n = { (v: Double) in Format.decimal(v, digits: 4) }
    var text: String
    switch shape {
    case .constant(let seconds): text = h(seconds)
    case .exponential(let mean): text = "exponential(mean: \(h(mean)))"
    case .lognormalMeanSD(let mean, let sd): text = "lognormal(mean: \(h(mean)), sd: \(h(sd)))"
    case .lognormalMuSigma(let mu, let sigma): text = "lognormal(mu: \(n(mu)), sigma: \(n(sigma)))"
    case .gammaMeanCV(let mean, let cv): text = "gamma(mean: \(h(mean)), cv: \(n(cv)))"
    case .gammaShapeScale(let shape, let scale):
      text = "gamma(shape: \(n(shape)), scale: \(h(scale)))"
    case .erlang(let k, let mean): text = "erlang(k: \(k), mean: \(h(mean)))"
    case .weibull(let shape, let scale): text = "weibull(shape: \(n(shape)), scale: \(h(scale)))"
    case .uniform(let low, let high): text = "uniform(min: \(h(low)), max: \(h(high)))"
    case .normal(let mean, let sd): text = "normal(mean: \(h(mean)), sd: \(h(sd)))"
    case .empirical(let file, let samples): text = "empirical(\(file), \(samples.count) samples)"
    }
    if let cap { text += " capped at \(h(cap))" }
    return text
  }
}

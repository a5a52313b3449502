import CGSL
import Foundation

/// A duration family fitted by maximum likelihood.
public enum DurationFamily: String, Sendable, CaseIterable, Codable {
  case exponential, lognormal, gamma, weibull

  /// Free parameters, for AIC.
  var parameterCount: Int { self == .exponential ? 1 : 2 }
}

/// One family fitted to a sample: its parameters, log-likelihood, AIC and
/// Kolmogorov-Smirnov distance (largest gap between the fitted and the
/// sample's distribution functions).
public struct FittedDuration: Sendable, Equatable {
  public var family: DurationFamily
  /// exponential: (mean, unused); lognormal: (mu, sigma) of the log;
  /// gamma: (shape, scale); weibull: (shape, scale). Scales and means in seconds.
  public var first: Double
  public var second: Double
  public var logLikelihood: Double
  public var aic: Double
  public var ksDistance: Double

  /// The fitted distribution's mean and standard deviation, seconds.
  public var mean: Double {
    switch family {
    case .exponential: first
    case .lognormal: exp(first + second * second / 2)
    case .gamma: first * second
    case .weibull: second * exp(gsl_sf_lngamma(1 + 1 / first))
    }
  }

  public var standardDeviation: Double {
    switch family {
    case .exponential: first
    case .lognormal: mean * sqrt(exp(second * second) - 1)
    case .gamma: sqrt(first) * second
    case .weibull:
      second * sqrt(max(0, exp(gsl_sf_lngamma(1 + 2 / first)) - exp(2 * gsl_sf_lngamma(1 + 1 / first))))
    }
  }

  /// The distribution function at `x` seconds, by GSL.
  public func cdf(_ x: Double) -> Double {
    switch family {
    case .exponential: gsl_cdf_exponential_P(x, first)
    case .lognormal: gsl_cdf_lognormal_P(x, first, second)
    case .gamma: gsl_cdf_gamma_P(x, first, second)
    case .weibull: gsl_cdf_weibull_P(x, second, first)
    }
  }

  /// The scenario-file form: `lognormal(mean: 4m, sd: 6m)`.
  public var scenarioText: String {
    func seconds(_ value: Double) -> String { Format.decimal(value, digits: 5) + "s" }
    func number(_ value: Double) -> String { Format.decimal(value, digits: 5) }
    return switch family {
    case .exponential: "exponential(mean: \(seconds(first)))"
    case .lognormal: "lognormal(mean: \(seconds(mean)), sd: \(seconds(standardDeviation)))"
    case .gamma: "gamma(shape: \(number(first)), scale: \(seconds(second)))"
    case .weibull: "weibull(shape: \(number(first)), scale: \(seconds(second)))"
    }
  }
}

/// Maximum-likelihood fits of the four duration families and the choice
/// among them by AIC. Closed forms where they exist (exponential,
/// lognormal); the gamma shape from log k − ψ(k) = log x̄ − mean(log x) and
/// the Weibull shape from its profile-likelihood equation, both solved by
/// GSL's Brent root finder, ψ from GSL. Distribution functions for the KS
/// distance are GSL's.
public enum DurationFit {
  /// Largest KS distance of an acceptable fit on a large sample: the
  /// fitted distribution function within 5 percentage points of the
  /// sample's. (A significance test alone would reject every family on a
  /// large real sample.)
  public static let acceptableKSDistance = 0.05

  /// Whether `fit` is acceptable for a sample of `count`: within
  /// ``acceptableKSDistance``, or within the 5% critical value of the KS
  /// test (1.36/sqrt(n)), which a small sample from the family itself
  /// may exceed 0.05 by chance.
  public static func isAcceptable(_ fit: FittedDuration, count: Int) -> Bool {
    fit.ksDistance <= max(acceptableKSDistance, 1.36 / Double(max(count, 1)).squareRoot())
  }

  /// Every family fitted to `sample` (positive, finite values); nil for a
  /// family that cannot be fitted (fewer than two distinct values).
  public static func fitAll(_ sample: [Double]) -> [FittedDuration] {
    let values = sample.filter { $0 > 0 && $0.isFinite }.sorted()
    guard values.count >= 2, values.first! < values.last! else { return [] }
    let n = Double(values.count)
    let sum = values.reduce(0, +)
    let mean = sum / n
    let logs = values.map { log($0) }
    let sumLog = logs.reduce(0, +)
    let meanLog = sumLog / n
    var fits: [FittedDuration] = []

    // Exponential.
    fits.append(
      finish(.exponential, mean, 0, logLikelihood: -n * log(mean) - sum / mean, values))

    // Lognormal: mean and variance of the logs (divisor n: the MLE).
    let sigma = sqrt(logs.reduce(0) { $0 + ($1 - meanLog) * ($1 - meanLog) } / n)
    if sigma > 0 {
      let logLikelihood = -sumLog - n * log(sigma) - n / 2 * log(2 * Double.pi) - n / 2
      fits.append(finish(.lognormal, meanLog, sigma, logLikelihood: logLikelihood, values))
    }

    // Gamma: log k − ψ(k) = s, with s > 0 by Jensen's inequality.
    let s = log(mean) - meanLog
    if s > 0, let shape = Numerics.root(in: 1e-6, 1e8, { k in log(k) - gsl_sf_psi(k) - s }) {
      let scale = mean / shape
      let logLikelihood = (shape - 1) * sumLog - sum / scale - n * shape * log(scale) - n * gsl_sf_lngamma(shape)
      fits.append(finish(.gamma, shape, scale, logLikelihood: logLikelihood, values))
    }

    // Weibull: Σ y^k ln y / Σ y^k − 1/k − mean(ln y) = 0 with y = x / max
    // (scaled so that y^k cannot overflow); increasing in k.
    let largest = values.last!
    let scaledLogs = logs.map { $0 - log(largest) }
    let meanScaledLog = meanLog - log(largest)
    let weibull = { (k: Double) -> Double in
      var weighted = 0.0
      var total = 0.0
      for value in scaledLogs {
        let power = exp(k * value)
        weighted += power * value
        total += power
      }
      return weighted / total - 1 / k - meanScaledLog
    }
    if let shape = Numerics.root(in: 0.02, 50, weibull) {
      let meanPower = scaledLogs.reduce(0) { $0 + exp(shape * $1) } / n
      let scale = largest * pow(meanPower, 1 / shape)
      let logLikelihood =
        n * log(shape) - n * shape * log(scale) + (shape - 1) * sumLog - values.reduce(0) { $0 + pow($1 / scale, shape) }
      fits.append(finish(.weibull, shape, scale, logLikelihood: logLikelihood, values))
    }
    return fits.filter { $0.aic.isFinite && $0.ksDistance.isFinite }
  }

  /// The fit with the smallest AIC.
  public static func best(_ fits: [FittedDuration]) -> FittedDuration? {
    fits.min { $0.aic < $1.aic }
  }

  private static func finish(
    _ family: DurationFamily, _ first: Double, _ second: Double, logLikelihood: Double, _ sorted: [Double]
  ) -> FittedDuration {
    var fit = FittedDuration(
      family: family, first: first, second: second, logLikelihood: logLikelihood,
      aic: 2 * Double(family.parameterCount) - 2 * logLikelihood, ksDistance: .nan)
    fit.ksDistance = ksDistance(sorted, fit.cdf)
    return fit
  }

  /// sup |F(x) − F_n(x)| over a sorted sample; ties share one step.
  public static func ksDistance(_ sorted: [Double], _ cdf: (Double) -> Double) -> Double {
    let n = Double(sorted.count)
    var distance = 0.0
    var index = 0
    while index < sorted.count {
      var next = index + 1
      while next < sorted.count && sorted[next] == sorted[index] { next += 1 }
      let value = cdf(sorted[index])
      distance = max(distance, value - Double(index) / n, Double(next) / n - value)
      index = next
    }
    return distance
  }
}

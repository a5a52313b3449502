import CGSL

/// The difference of a metric between two runs (other minus baseline) with
/// its 95% confidence interval.
///
/// With the same number of replications the runs are paired replication
/// by replication (a paired t interval): replication i of each run is
/// independent of every other i, so pairing is valid, and when the runs
/// share random numbers it removes their common noise. Otherwise Welch's
/// interval for independent samples is used.
public struct Difference: Sendable, Equatable {
  public var mean: Double
  /// Half-width of the 95% interval; nil with fewer than two replications.
  public var halfWidth: Double?
  public var paired: Bool

  public var low: Double? { halfWidth.map { mean - $0 } }
  public var high: Double? { halfWidth.map { mean + $0 } }

  /// The interval excludes zero. A difference between two runs without
  /// sampling noise (deterministic results) is significant when non-zero.
  public var isSignificant: Bool {
    guard let halfWidth else { return false }
    return abs(mean) > halfWidth && abs(mean) > 1e-12 * max(1, abs(mean))
  }

  public init(baseline: [Double], other: [Double]) {
    let nA = Double(baseline.count)
    let nB = Double(other.count)
    if baseline.count == other.count {
      paired = true
      // Differences within floating-point rounding of the values (sums of
      // the same terms in another order) are zero, not noise to report.
      let differences = zip(other, baseline).map { b, a in
        abs(b - a) <= 1e-12 * max(abs(a), abs(b)) ? 0 : b - a
      }
      mean = differences.reduce(0, +) / max(nA, 1)
      guard differences.count >= 2 else {
        halfWidth = nil
        return
      }
      let variance = differences.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (nA - 1)
      halfWidth = gsl_cdf_tdist_Pinv(0.975, nA - 1) * (variance / nA).squareRoot()
      return
    }
    paired = false
    let meanA = baseline.reduce(0, +) / max(nA, 1)
    let meanB = other.reduce(0, +) / max(nB, 1)
    mean = meanB - meanA
    guard baseline.count >= 2, other.count >= 2 else {
      halfWidth = nil
      return
    }
    let varianceA = baseline.reduce(0) { $0 + ($1 - meanA) * ($1 - meanA) } / (nA - 1) / nA
    let varianceB = other.reduce(0) { $0 + ($1 - meanB) * ($1 - meanB) } / (nB - 1) / nB
    let standardError = (varianceA + varianceB).squareRoot()
    guard standardError > 0 else {
      halfWidth = 0
      return
    }
    // Welch-Satterthwaite degrees of freedom.
    let df =
      (varianceA + varianceB) * (varianceA + varianceB)
      / (varianceA * varianceA / (nA - 1) + varianceB * varianceB / (nB - 1))
    halfWidth = gsl_cdf_tdist_Pinv(0.975, df) * standardError
  }
}

import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// Clopper-Pearson bounds against values computed independently: closed
/// forms for 0 and n events (1 - a^(1/n) and a^(1/n)), and beta quantiles
/// from SciPy (`scipy.stats.beta.ppf`) for the rest; plus the defining
/// property, checked with a binomial sum written out here.
@Suite struct BinomialIntervalTests {
  static func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-8) -> Bool { abs(a - b) <= tolerance }

  @Test func noEventsBoundsTheShareByAboutThreeOverN() {
    let ten = BinomialInterval(events: 0, trials: 10)
    #expect(Self.close(ten.oneSidedUpper95, 1 - pow(0.05, 0.1)))
    #expect(Self.close(ten.oneSidedUpper95, 0.2588655509))
    #expect(Self.close(ten.upper95, 1 - pow(0.025, 0.1)))
    #expect(Self.close(ten.upper95, 0.3084971078))
    #expect(ten.lower95 == 0 && ten.oneSidedLower95 == 0 && ten.share == 0)

    let three = BinomialInterval(events: 0, trials: 300)
    #expect(Self.close(three.oneSidedUpper95, 0.009936081944, 1e-10))
    #expect(three.oneSidedUpper95 <= 0.01)
    let twoNinetyNine = BinomialInterval(events: 0, trials: 299)
    #expect(Self.close(twoNinetyNine.oneSidedUpper95, 0.009969146793, 1e-10))
    #expect(BinomialInterval(events: 0, trials: 298).oneSidedUpper95 > 0.01)
    #expect(BinomialInterval.trialsToBound(events: 0, below: 0.01) == 299)
    #expect(BinomialInterval.trialsToBound(events: 0, below: 0.05) == 59)
    #expect(BinomialInterval.trialsToBound(events: 0, below: 1) == nil)
  }

  @Test func allEventsMirrorNone() {
    let all = BinomialInterval(events: 10, trials: 10)
    #expect(all.oneSidedUpper95 == 1 && all.upper95 == 1)
    #expect(Self.close(all.oneSidedLower95, pow(0.05, 0.1)))
    #expect(Self.close(all.lower95, 0.6915028922))
    let one = BinomialInterval(events: 1, trials: 1)
    #expect(Self.close(one.oneSidedLower95, 0.05) && Self.close(one.lower95, 0.025))
    let none = BinomialInterval(events: 0, trials: 1)
    #expect(Self.close(none.oneSidedUpper95, 0.95) && Self.close(none.upper95, 0.975))
  }

  @Test func interiorCountsMatchBetaQuantiles() {
    // (k, n, one-sided lower, one-sided upper, two-sided lower, two-sided upper), from SciPy.
    let cases: [(Int, Int, Double, Double, Double, Double)] = [
      (1, 10, 0.005116196892, 0.3941633024, 0.002528578544, 0.445016117),
      (2, 10, 0.03677143789, 0.5069013011, 0.02521072633, 0.5560954623),
      (3, 20, 0.04216940789, 0.3436638043, 0.03207093719, 0.3789268265),
      (5, 300, 0.006589532239, 0.0347222443, 0.005433205315, 0.03846374496),
      (150, 300, 0.4510087547, 0.5489912453, 0.4419977208, 0.5580022792),
    ]
    for (k, n, lower, upper, lower2, upper2) in cases {
      let interval = BinomialInterval(events: k, trials: n)
      #expect(Self.close(interval.oneSidedLower95, lower), "k=\(k) n=\(n)")
      #expect(Self.close(interval.oneSidedUpper95, upper), "k=\(k) n=\(n)")
      #expect(Self.close(interval.lower95, lower2), "k=\(k) n=\(n)")
      #expect(Self.close(interval.upper95, upper2), "k=\(k) n=\(n)")
    }
  }

  /// The defining property: at the upper bound u, P(X <= k) = 5% for
  /// X ~ Binomial(n, u); at the lower bound l, P(X >= k) = 5%.
  @Test func boundsSolveTheBinomialTailEquations() {
    func cdf(_ k: Int, _ n: Int, _ p: Double) -> Double {
      var term = pow(1 - p, Double(n))
      var sum = term
      if k == 0 { return sum }
      for i in 1...k {
        term *= Double(n - i + 1) / Double(i) * p / (1 - p)
        sum += term
      }
      return sum
    }
    for (k, n) in [(0, 40), (1, 40), (4, 40), (7, 120), (39, 40)] {
      let interval = BinomialInterval(events: k, trials: n)
      #expect(Self.close(cdf(k, n, interval.oneSidedUpper95), 0.05, 1e-9))
      if k > 0 { #expect(Self.close(1 - cdf(k - 1, n, interval.oneSidedLower95), 0.05, 1e-9)) }
    }
  }

  /// Clopper-Pearson never undercovers: for every true share p on a grid,
  /// the probability (summed exactly over the binomial distribution) that
  /// the one-sided upper bound lies at or above p is at least 95%, and so
  /// is the probability that the two-sided interval contains p. So "meets"
  /// (upper bound at or below the limit) is wrong for a tier whose true
  /// risk exceeds the limit at most 5% of the time.
  @Test func coverageIsAtLeastTheNominalLevel() {
    for n in [10, 37, 120] {
      let uppers = (0...n).map { BinomialInterval(events: $0, trials: n).oneSidedUpper95 }
      let intervals = (0...n).map { BinomialInterval(events: $0, trials: n) }
      for step in 1..<100 {
        let p = Double(step) / 100
        var upperCoverage = 0.0
        var twoSidedCoverage = 0.0
        var pmf = pow(1 - p, Double(n))
        for k in 0...n {
          if k > 0 { pmf *= Double(n - k + 1) / Double(k) * p / (1 - p) }
          if uppers[k] >= p { upperCoverage += pmf }
          if intervals[k].lower95 <= p && p <= intervals[k].upper95 { twoSidedCoverage += pmf }
        }
        #expect(upperCoverage >= 0.95 - 1e-9, "n=\(n) p=\(p)")
        #expect(twoSidedCoverage >= 0.95 - 1e-9, "n=\(n) p=\(p)")
      }
    }
  }

  /// A quantile GSL fails to compute (NaN or infinite) gives the
  /// uninformative bound: an upper bound of 0 would meet any
  /// `suspension_risk`.
  @Test func failedQuantilesGiveUninformativeBounds() {
    #expect(BinomialInterval.clamped(.nan, failing: 1) == 1)
    #expect(BinomialInterval.clamped(.infinity, failing: 1) == 1)
    #expect(BinomialInterval.clamped(.nan, failing: 0) == 0)
    #expect(BinomialInterval.clamped(0.25, failing: 1) == 0.25)
    #expect(BinomialInterval.clamped(1.5, failing: 0) == 1)
  }

  @Test func descriptions() {
    #expect(BinomialInterval(events: 0, trials: 300).description == "0 of 300 replications, 95% upper bound 0.994%")
    #expect(BinomialInterval(events: 0, trials: 10).description == "0 of 10 replications, 95% upper bound 25.9%")
    #expect(BinomialInterval(events: 5, trials: 5).description == "5 of 5 replications, 95% lower bound 54.9%")
    #expect(
      BinomialInterval(events: 3, trials: 20).description == "3 of 20 replications (15%, 95% interval 3.21% to 37.9%)")
  }
}

/// At a plan's per-look levels GSL's beta inversion gives up for some
/// counts (it aborted the test process at 5%/9); the bounds fall back to
/// bisection and stay exact.
@Suite struct BinomialIntervalPerLookTests {
  @Test func boundsAtSmallTailsAreExact() {
    for tail in [0.05 / 9, 0.05 / 12, 0.0005] {
      for trials in [10, 40, 517, 1034, 2000] {
        for events in [1, 2, 5, 20, trials / 2, trials - 1] where events > 0 && events < trials {
          let (a, b) = (Double(events + 1), Double(trials - events))
          let upper = BinomialInterval.upperBound(events: events, trials: trials, tail: tail)
          #expect(abs(gsl_cdf_beta_Q(upper, a, b) - tail) < 1e-6)
          let lower = BinomialInterval.lowerBound(events: events, trials: trials, tail: tail)
          #expect(abs(gsl_cdf_beta_P(lower, Double(events), Double(trials - events + 1)) - tail) < 1e-6)
          #expect(lower < Double(events) / Double(trials) && Double(events) / Double(trials) < upper)
        }
      }
    }
    // 0 of n: exactly 1 - tail^(1/n).
    #expect(abs(BinomialInterval.upperBound(events: 0, trials: 517, tail: 0.05 / 9) - (1 - pow(0.05 / 9, 1.0 / 517))) < 1e-15)
  }
}

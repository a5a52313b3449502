import CGSL
import Foundation

/// A share of replications with its exact binomial (Clopper-Pearson)
/// confidence bounds: `events` of `trials` replications had some property
/// (reached a threshold, breached a limit).
///
/// A share of replications is not a mean of a normal sample: 0 of 10 does
/// not mean "never", and a t interval around 0 would claim exactly that.
/// The Clopper-Pearson bounds are the beta quantiles that make the observed
/// count just plausible at the chosen level, so they never undercover; for
/// 0 of n the one-sided 95% upper bound is 1 - 0.05^(1/n), about 3/n
/// (26% for 10 replications, 1.0% for 299).
public struct BinomialInterval: Sendable, Equatable, Hashable {
  /// Replications with the property.
  public let events: Int
  /// Replications observed.
  public let trials: Int

  /// Counts `events` of `trials`; `events` is clamped to `0...trials`.
  public init(events: Int, trials: Int) {
    self.trials = Swift.max(0, trials)
    self.events = Swift.min(Swift.max(0, events), self.trials)
  }

  /// The observed share, `events / trials` (0 without trials).
  public var share: Double { trials == 0 ? 0 : Double(events) / Double(trials) }

  /// Two-sided 95% interval: 2.5% in each tail.
  public var lower95: Double { Self.lowerBound(events: events, trials: trials, tail: 0.025) }
  public var upper95: Double { Self.upperBound(events: events, trials: trials, tail: 0.025) }

  /// One-sided 95% upper bound: the true share is at most this with 95%
  /// confidence. `suspension_risk` is met when this is at or below the limit.
  public var oneSidedUpper95: Double { oneSidedUpper(.single) }
  /// One-sided 95% lower bound: `suspension_risk` fails when this is above the limit.
  public var oneSidedLower95: Double { oneSidedLower(.single) }

  /// One-sided upper bound at one look of `level` (tail 5% / looks).
  public func oneSidedUpper(_ level: DecisionLevel) -> Double {
    Self.upperBound(events: events, trials: trials, tail: level.errorPerLook)
  }
  /// One-sided lower bound at one look of `level` (tail 5% / looks).
  public func oneSidedLower(_ level: DecisionLevel) -> Double {
    Self.lowerBound(events: events, trials: trials, tail: level.errorPerLook)
  }

  /// The upper Clopper-Pearson bound with `tail` probability above it:
  /// the (1 - tail) quantile of Beta(k + 1, n - k); 1 when k = n, and
  /// exactly 1 - tail^(1/n) when k = 0.
  public static func upperBound(events k: Int, trials n: Int, tail: Double) -> Double {
    guard n > 0, k < n else { return 1 }
    if k == 0 { return clamped(-expm1(log(tail) / Double(n)), failing: 1) }
    let (a, b) = (Double(k + 1), Double(n - k))
    // GSL's default handler aborts the process on a failed inversion; have it return NaN instead.
    callcap_gsl_disable_abort()
    // Q-inverse keeps its precision for bounds close to 0 (tail quantile, not 1 - p).
    let direct = gsl_cdf_beta_Qinv(tail, a, b)
    return quantile(direct, failing: 1, excess: { gsl_cdf_beta_Q($0, a, b) - tail })
  }

  /// The lower Clopper-Pearson bound with `tail` probability below it:
  /// the `tail` quantile of Beta(k, n - k + 1); 0 when k = 0, and exactly
  /// tail^(1/n) when k = n.
  public static func lowerBound(events k: Int, trials n: Int, tail: Double) -> Double {
    guard n > 0, k > 0 else { return 0 }
    if k == n { return clamped(exp(log(tail) / Double(n)), failing: 0) }
    let (a, b) = (Double(k), Double(n - k + 1))
    callcap_gsl_disable_abort()
    let direct = gsl_cdf_beta_Pinv(tail, a, b)
    return quantile(direct, failing: 0, excess: { tail - gsl_cdf_beta_P($0, a, b) })
  }

  /// GSL's beta quantile, or where its Newton iteration does not converge
  /// (it gives up for some small tails and large counts) bisection on the
  /// distribution function: `excess(p)` falls through 0 at the quantile.
  private static func quantile(_ direct: Double, failing: Double, excess: (Double) -> Double) -> Double {
    if direct.isFinite { return clamped(direct, failing: failing) }
    var (low, high) = (0.0, 1.0)
    for _ in 0..<80 {
      let middle = (low + high) / 2
      if excess(middle) > 0 { low = middle } else { high = middle }
    }
    return clamped((low + high) / 2, failing: failing)
  }

  /// `value` clamped to [0, 1]; `failing` when GSL returns no finite
  /// quantile (its error handler is off once the simulator has run). A
  /// bound that failed must be the uninformative one, 1 for an upper
  /// bound and 0 for a lower bound, never a 0 upper bound that would
  /// read as a risk shown to be nil.
  static func clamped(_ value: Double, failing: Double) -> Double {
    value.isFinite ? Swift.min(1, Swift.max(0, value)) : failing
  }

  /// The fewest trials without a further event at which the one-sided
  /// upper bound of `events` with `tail` above it (95%: 0.05) falls to
  /// `limit` or below (nil when `limit` is 1 or more, or not positive,
  /// since no count settles it then; capped at `cap`).
  public static func trialsToBound(events: Int, below limit: Double, tail: Double = 0.05, cap: Int = 10_000_000) -> Int? {
    guard limit > 0, limit < 1 else { return nil }
    // The bound falls monotonically with trials at a fixed event count: bisect.
    var low = Swift.max(events, 1)
    if upperBound(events: events, trials: low, tail: tail) <= limit { return low }
    var high = low
    while upperBound(events: events, trials: high, tail: tail) > limit {
      if high >= cap { return nil }
      low = high
      high = Swift.min(cap, high * 2)
    }
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if upperBound(events: events, trials: middle, tail: tail) <= limit { high = middle } else { low = middle }
    }
    return high
  }

  /// `0 of 300 replications, 95% upper bound 1.0%`, or
  /// `12 of 300 replications (4.0%, 95% interval 2.1% to 6.9%)`.
  public var description: String { description(.single) }

  /// The description at one look of `level`: one-sided bounds at 1 -
  /// 5%/looks (`0 of 517 replications, 99.4% upper bound 1.0%`), and for a
  /// share between them both one-sided bounds (`99.4% bounds 2% to 9%`).
  public func description(_ level: DecisionLevel) -> String {
    let counted = "\(events) of \(trials) replication\(trials == 1 ? "" : "s")"
    let name = level.perLook
    if events == 0 { return counted + ", \(name) upper bound \(Format.percent(oneSidedUpper(level)))" }
    if events == trials { return counted + ", \(name) lower bound \(Format.percent(oneSidedLower(level)))" }
    guard level == .single else {
      // The two one-sided bounds the verdict is judged on, each at the per-look level.
      return counted
        + " (\(Format.percent(share)), \(name) bounds \(Format.percent(oneSidedLower(level))) to \(Format.percent(oneSidedUpper(level))))"
    }
    return counted + " (\(Format.percent(share)), 95% interval \(Format.percent(lower95)) to \(Format.percent(upper95)))"
  }
}

import CGSL

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
  public var oneSidedUpper95: Double { Self.upperBound(events: events, trials: trials, tail: 0.05) }
  /// One-sided 95% lower bound: `suspension_risk` fails when this is above the limit.
  public var oneSidedLower95: Double { Self.lowerBound(events: events, trials: trials, tail: 0.05) }

  /// The upper Clopper-Pearson bound with `tail` probability above it:
  /// the (1 - tail) quantile of Beta(k + 1, n - k); 1 when k = n.
  public static func upperBound(events k: Int, trials n: Int, tail: Double) -> Double {
    guard n > 0, k < n else { return 1 }
    // Q-inverse keeps its precision for bounds close to 0 (tail quantile, not 1 - p).
    return clamped(gsl_cdf_beta_Qinv(tail, Double(k + 1), Double(n - k)), failing: 1)
  }

  /// The lower Clopper-Pearson bound with `tail` probability below it:
  /// the `tail` quantile of Beta(k, n - k + 1); 0 when k = 0.
  public static func lowerBound(events k: Int, trials n: Int, tail: Double) -> Double {
    guard n > 0, k > 0 else { return 0 }
    return clamped(gsl_cdf_beta_Pinv(tail, Double(k), Double(n - k + 1)), failing: 0)
  }

  /// `value` clamped to [0, 1]; `failing` when GSL returns no finite
  /// quantile (its error handler is off once the simulator has run). A
  /// bound that failed must be the uninformative one, 1 for an upper
  /// bound and 0 for a lower bound, never a 0 upper bound that would
  /// read as a risk shown to be nil.
  static func clamped(_ value: Double, failing: Double) -> Double {
    value.isFinite ? Swift.min(1, Swift.max(0, value)) : failing
  }

  /// The fewest trials without a further event at which the one-sided 95%
  /// upper bound of `events` falls to `limit` or below (nil when `limit`
  /// is 1 or more, or not positive, since no count settles it then; capped
  /// at `cap`).
  public static func trialsToBound(events: Int, below limit: Double, cap: Int = 10_000_000) -> Int? {
    guard limit > 0, limit < 1 else { return nil }
    // The bound falls monotonically with trials at a fixed event count: bisect.
    var low = Swift.max(events, 1)
    if upperBound(events: events, trials: low, tail: 0.05) <= limit { return low }
    var high = low
    while upperBound(events: events, trials: high, tail: 0.05) > limit {
      if high >= cap { return nil }
      low = high
      high = Swift.min(cap, high * 2)
    }
    while high - low > 1 {
      let middle = low + (high - low) / 2
      if upperBound(events: events, trials: middle, tail: 0.05) <= limit { high = middle } else { low = middle }
    }
    return high
  }

  /// `0 of 300 replications, 95% upper bound 1.0%`, or
  /// `12 of 300 replications (4.0%, 95% interval 2.1% to 6.9%)`.
  public var description: String {
    let counted = "\(events) of \(trials) replication\(trials == 1 ? "" : "s")"
    if events == 0 { return counted + ", 95% upper bound \(Format.percent(oneSidedUpper95))" }
    if events == trials { return counted + ", 95% lower bound \(Format.percent(oneSidedLower95))" }
    return counted + " (\(Format.percent(share)), 95% interval \(Format.percent(lower95)) to \(Format.percent(upper95)))"
  }
}

/// Which replications reach a suspension threshold: the events the
/// suspension risk counts.
///
/// A replication *reaches* a category's threshold when its peak in that
/// category is at or above the threshold, or, with `threshold_headroom`,
/// at or above the threshold less the headroom. A suspension is an event
/// of one horizon, not an average, so the mean peak is shown but never
/// decides.
public struct ThresholdReach: Sendable {
  public struct Category: Sendable {
    public var category: ConcurrencyCategory
    public var threshold: Int
    /// The peak that counts as reaching: the threshold less the headroom.
    public var limit: Double
    /// Replications whose peak reached `limit`, of all.
    public var reached: BinomialInterval
    /// Replications whose peak reached the threshold itself, of all.
    public var reachedThreshold: BinomialInterval
    public var meanPeak: Double
  }

  /// The categories with calls and a threshold, in report order.
  public var categories: [Category]
  /// Replications reaching any category's limit: the suspension risk.
  public var any: BinomialInterval
  /// Replications reaching any category's threshold itself.
  public var anyThreshold: BinomialInterval

  /// The reach in `run` of `scenario`'s thresholds, less `headroom`
  /// (default: the scenario's `threshold_headroom`).
  public init(_ run: RunResult, scenario: Scenario, headroom: Double? = nil) {
    let headroom = headroom ?? scenario.objectives.thresholdHeadroom ?? 0
    var categories: [Category] = []
    var reachedAny: [Bool] = []
    var reachedAnyThreshold: [Bool] = []
    for category in scenario.callCategories {
      guard let threshold = scenario.account.thresholds.value(for: category),
        let peaks = run.row(.category(category), .peakConcurrency)?.values
      else { continue }
      let limit = Self.limit(threshold: threshold, headroom: headroom)
      let reaches = peaks.map { $0 >= limit }
      if reachedAny.isEmpty {
        reachedAny = Array(repeating: false, count: peaks.count)
        reachedAnyThreshold = reachedAny
      }
      for index in peaks.indices {
        if reaches[index] { reachedAny[index] = true }
        if peaks[index] >= Double(threshold) { reachedAnyThreshold[index] = true }
      }
      categories.append(
        Category(
          category: category, threshold: threshold, limit: limit,
          reached: BinomialInterval(events: reaches.count { $0 }, trials: peaks.count),
          reachedThreshold: BinomialInterval(events: peaks.count { $0 >= Double(threshold) }, trials: peaks.count),
          meanPeak: peaks.isEmpty ? 0 : peaks.reduce(0, +) / Double(peaks.count)))
    }
    self.categories = categories
    any = BinomialInterval(events: reachedAny.count { $0 }, trials: run.replications.count)
    anyThreshold = BinomialInterval(events: reachedAnyThreshold.count { $0 }, trials: run.replications.count)
  }

  /// The peak that counts as reaching `threshold` with `headroom`:
  /// threshold x (1 - headroom), rounded to a millionth of a call so that
  /// 100 x (1 - 10%) is exactly 90 (peaks are whole calls).
  public static func limit(threshold: Int, headroom: Double) -> Double {
    (Double(threshold) * (1 - headroom) * 1e6).rounded() / 1e6
  }

  public func category(_ category: ConcurrencyCategory) -> Category? {
    categories.first { $0.category == category }
  }
}

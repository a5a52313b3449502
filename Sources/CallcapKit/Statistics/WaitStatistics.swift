import Histogram

/// Queue waits of one gate in one replication: exact mean and maximum,
/// percentiles from an HdrHistogram of microseconds (three significant
/// digits: relative error at most 0.1%). Memory does not grow with calls.
struct WaitStatistics: Sendable {
  private var histogram: Histogram<UInt64>
  private(set) var count = 0
  private(set) var sum = 0.0
  private(set) var maximum = 0.0
  /// Waits of exactly zero (most callers of a well-staffed desk, every
  /// request an idle pacer releases at once), counted here and added to
  /// the histogram only when a percentile is read: the common case costs
  /// one increment instead of a histogram record.
  private var zeros: UInt64 = 0

  init(longestWaitSeconds: Double) {
    let highest = UInt64(min(max(longestWaitSeconds * 2, 60), 1e12) * 1e6)
    histogram = Histogram(lowestDiscernibleValue: 1, highestTrackableValue: highest, numberOfSignificantValueDigits: .three)
    histogram.autoResize = true
  }

  @inline(__always)
  mutating func record(_ seconds: Double) {
    count += 1
    if seconds == 0 {
      zeros &+= 1
      return
    }
    sum += seconds
    if seconds > maximum { maximum = seconds }
    // Waits are never negative: adding 0.5 and truncating rounds to the
    // nearest microsecond without a libm call.
    _ = histogram.record(UInt64(seconds * 1e6 + 0.5))
  }

  var mean: Double { count == 0 ? 0 : sum / Double(count) }

  /// The wait at `percentile` (0-100), in seconds.
  func percentile(_ percentile: Double) -> Double {
    guard count > 0 else { return 0 }
    var complete = histogram
    if zeros > 0 { complete.record(0, count: zeros) }
    return min(maximum, Double(complete.valueAtPercentile(percentile)) / 1e6)
  }
}

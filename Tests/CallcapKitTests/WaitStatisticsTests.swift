import Histogram
import Testing

@testable import CallcapKit

/// Waits of exactly zero skip the histogram and are added when a
/// percentile is read; the answers must be those of recording every wait.
@Suite struct WaitStatisticsTests {
  /// `zeroShare` of the waits are zero, the others spread over 0 to 90 s.
  static func waits(count: Int, zeroShare: Double, seed: UInt64) -> [Double] {
    var generator = SplitMix64(seed: seed)
    return (0..<count).map { _ in
      generator.unit() < zeroShare ? 0 : (generator.unit() * 90_000_000).rounded() / 1e6
    }
  }

  @Test(arguments: [0.0, 0.3, 0.94, 1.0])
  func percentilesEqualRecordingEveryWait(zeroShare: Double) {
    let waits = Self.waits(count: 20_000, zeroShare: zeroShare, seed: 7)
    var statistics = WaitStatistics(longestWaitSeconds: 3600)
    var reference = Histogram<UInt64>(
      lowestDiscernibleValue: 1, highestTrackableValue: 7_200_000_000, numberOfSignificantValueDigits: .three)
    reference.autoResize = true
    for wait in waits {
      statistics.record(wait)
      reference.record(UInt64(wait * 1e6 + 0.5))
    }
    let maximum = waits.max() ?? 0
    #expect(statistics.count == waits.count)
    #expect(statistics.maximum == maximum)
    #expect(statistics.sum == waits.reduce(0, +))
    for percentile in [0.0, 1, 25, 50, 80, 94, 95, 99, 99.9, 100] {
      let expected = min(maximum, Double(reference.valueAtPercentile(percentile)) / 1e6)
      #expect(statistics.percentile(percentile) == expected, "p\(percentile) with \(zeroShare) zeros")
    }
  }
}

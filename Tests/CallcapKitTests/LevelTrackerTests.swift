import Testing

@testable import CallcapKit

/// The level tracker against a direct piecewise integration of the same
/// changes: areas, peaks, time at or above a threshold and the time series,
/// with a warm-up, changes after the horizon, simultaneous changes, and
/// changes exactly on the warm-up and on bucket edges.
@Suite struct LevelTrackerTests {
  struct Change {
    var time: Double
    var level: LevelTracker.Level
    var delta: Int
  }

  /// A random walk per level that never goes negative, on a coarse time grid
  /// so that simultaneous changes and changes on edges happen.
  static func changes(count: Int, seed: UInt64, horizon: Double) -> [Change] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return state >> 33
    }
    var values = [0, 0, 0, 0, 0]
    var time = 0.0
    var result: [Change] = []
    for _ in 0..<count {
      time += Double(next() % 4) * 0.5  // steps of 0, 0.5, 1 or 1.5 s
      let level = [LevelTracker.Level.inbound, .outbound, .forwarded, .queue][Int(next() % 4)]
      var delta = next() % 5 < 3 ? 1 : -1
      if values[level.rawValue] == 0 { delta = 1 }
      values[level.rawValue] += delta
      result.append(Change(time: time, level: level, delta: delta))
    }
    #expect(time > horizon, "some changes fall after the horizon")
    return result
  }

  struct Expected {
    var area = [Double](repeating: 0, count: 5)
    var peak = [Int](repeating: 0, count: 5)
    var above = [Double](repeating: 0, count: 5)
    var bucketArea: [Double]
    var bucketMax: [Int]
  }

  /// Integrates each level's step function directly.
  static func integrate(
    _ changes: [Change], warmup: Double, horizon: Double, resolution: Double, thresholds: [Int]
  ) -> Expected {
    let buckets = Int((horizon / resolution).rounded(.up))
    var expected = Expected(
      bucketArea: Array(repeating: 0, count: buckets * 5), bucketMax: Array(repeating: 0, count: buckets * 5))
    // `total` (3) is the sum of the call categories; its time series is
    // the categories' sum and is checked separately.
    for level in [0, 1, 2, 3, 4] {
      let steps = changes.filter { level == 3 ? $0.level.rawValue < 3 : $0.level.rawValue == level }
      var value = 0
      var since = 0.0
      func hold(until end: Double) {
        let end = min(end, horizon)
        guard end > since else { return }
        let start = max(since, warmup)
        if end > start {
          expected.area[level] += Double(value) * (end - start)
          if value >= thresholds[level] { expected.above[level] += end - start }
          expected.peak[level] = max(expected.peak[level], value)
        }
        for bucket in 0..<buckets where level != 3 {
          let low = max(since, Double(bucket) * resolution)
          let high = min(end, Double(bucket + 1) * resolution)
          if high > low { expected.bucketArea[bucket * 5 + level] += Double(value) * (high - low) }
          if high > low || (Double(bucket) * resolution == since && since < end) {
            expected.bucketMax[bucket * 5 + level] = max(expected.bucketMax[bucket * 5 + level], value)
          }
        }
        since = end
      }
      for step in steps {
        hold(until: step.time)
        value += step.delta
        if step.time < horizon {
          if step.time >= warmup { expected.peak[level] = max(expected.peak[level], value) }
          if level == 3 { continue }
          let bucket = Int(step.time / resolution)
          expected.bucketMax[bucket * 5 + level] = max(expected.bucketMax[bucket * 5 + level], value)
        }
      }
      hold(until: horizon)
    }
    return expected
  }

  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }

  @Test(arguments: [(UInt64(1), 0.0), (2, 30.0), (3, 97.5), (4, 100)])
  func matchesDirectIntegration(seed: UInt64, warmup: Double) {
    let horizon = 1000.0
    let resolution = 60.0
    let thresholds = Thresholds(inbound: 4, outbound: 6, forwarded: 3)
    let thresholdByLevel = [4, 6, 3, Int.max, Int.max]
    let changes = Self.changes(count: 1600, seed: seed, horizon: horizon)
    var tracker = LevelTracker(warmup: warmup, horizon: horizon, resolution: resolution, thresholds: thresholds)
    for change in changes {
      tracker.change(change.level, by: change.delta, at: change.time)
    }
    tracker.finish(at: horizon)
    let expected = Self.integrate(
      changes, warmup: warmup, horizon: horizon, resolution: resolution, thresholds: thresholdByLevel)

    for level in [LevelTracker.Level.inbound, .outbound, .forwarded, .queue] {
      let index = level.rawValue
      #expect(Self.close(tracker.area(level), expected.area[index]), "area of \(level)")
      #expect(tracker.peak(level) == Double(expected.peak[index]), "peak of \(level)")
      if index < 3 {
        #expect(Self.close(tracker.timeAtOrAbove(level), expected.above[index]), "time above of \(level)")
      }
    }
    #expect(Self.close(tracker.area(.total), expected.area[0] + expected.area[1] + expected.area[2]))
    #expect(tracker.peak(.total) == Double(expected.peak[3]))
    let buckets = tracker.bucketCount
    #expect(buckets == 17)
    for bucket in 0..<buckets {
      for level in [0, 1, 2, 4] {
        let slot = bucket * 5 + level
        #expect(Self.close(tracker.bucketArea[slot], expected.bucketArea[slot]), "bucket \(bucket) level \(level)")
        #expect(Int(tracker.bucketMax[slot]) == expected.bucketMax[slot], "bucket \(bucket) max of level \(level)")
      }
      let total = tracker.bucketArea[bucket * 5 + 3]
      let sum = expected.bucketArea[bucket * 5] + expected.bucketArea[bucket * 5 + 1] + expected.bucketArea[bucket * 5 + 2]
      #expect(Self.close(total, sum))
    }
  }
}

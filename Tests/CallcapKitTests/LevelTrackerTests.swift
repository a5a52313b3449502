import Testing

@testable import CallcapKit

/// The level tracker against a direct integration of the same changes as
/// step functions: areas, peaks, time at or above a threshold and the time
/// series, with a warm-up, a drain well past the horizon, simultaneous
/// changes, and changes exactly on the warm-up and on bucket edges.
///
/// The reference knows nothing of the tracker's bookkeeping. It states the
/// contract (SPEC "Horizon and drain") directly: peaks, time at or above a
/// threshold and the time series cover [warm-up, end], where `end` is the
/// last change or the horizon if later; only the area (the mean) is over
/// [warm-up, horizon). A value counts in a peak or a bucket maximum when a
/// change sets it inside the window or bucket (simultaneous changes count
/// in the order made), or when it is held there for some time.
@Suite struct LevelTrackerTests {
  struct Change {
    var time: Double
    var level: LevelTracker.Level
    var delta: Int
  }

  /// A random walk per level that never goes negative, on a coarse time grid
  /// so that simultaneous changes and changes on edges happen; then a drain
  /// that brings every level back to zero, as the end of a replication does.
  static func changes(count: Int, seed: UInt64, horizon: Double) -> [Change] {
    var state = seed
    func next() -> UInt64 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return state >> 33
    }
    var values = [0, 0, 0, 0, 0]
    var time = 0.0
    var result: [Change] = []
    let levels = [LevelTracker.Level.inbound, .outbound, .forwarded, .queue]
    for _ in 0..<count {
      time += Double(next() % 4) * 0.5  // steps of 0, 0.5, 1 or 1.5 s
      let level = levels[Int(next() % 4)]
      var delta = next() % 5 < 3 ? 1 : -1
      if values[level.rawValue] == 0 { delta = 1 }
      values[level.rawValue] += delta
      result.append(Change(time: time, level: level, delta: delta))
    }
    #expect(time > horizon + 100, "a good part of the changes fall after the horizon")
    for level in levels {
      while values[level.rawValue] > 0 {
        time += Double(next() % 3) * 0.5
        values[level.rawValue] -= 1
        result.append(Change(time: time, level: level, delta: -1))
      }
    }
    return result
  }

  struct Expected {
    var area = [Double](repeating: 0, count: 5)
    var peak = [Int](repeating: 0, count: 5)
    var above = [Double](repeating: 0, count: 5)
    var buckets: Int
    var bucketArea: [Double]
    var bucketMax: [Int]
  }

  /// Length of [a, b) ∩ [c, d).
  static func overlap(_ a: Double, _ b: Double, _ c: Double, _ d: Double) -> Double {
    max(0, min(b, d) - max(a, c))
  }

  /// Integrates each level's step function directly.
  static func integrate(
    _ changes: [Change], warmup: Double, horizon: Double, resolution: Double, thresholds: [Int]
  ) -> Expected {
    let last = changes.map(\.time).max() ?? 0
    let end = max(horizon, last)
    // Buckets cover [warm-up, end]: the horizon's, and the one of the last change.
    let buckets = max(1, Int(((horizon - warmup) / resolution).rounded(.up)), Int(((last - warmup) / resolution).rounded(.down)) + 1)
    var expected = Expected(
      buckets: buckets, bucketArea: Array(repeating: 0, count: buckets * 5), bucketMax: Array(repeating: 0, count: buckets * 5))
    // `total` (3) is the sum of the call categories; its time series is
    // the categories' sum and is checked separately.
    for level in [0, 1, 2, 3, 4] {
      let steps = changes.filter { level == 3 ? $0.level.rawValue < 3 : $0.level.rawValue == level }
      // The step function: value `values[i]` on [times[i], times[i+1]), 0 before the first change.
      var times: [Double] = [-1]
      var values: [Int] = [0]
      var value = 0
      for step in steps {
        value += step.delta
        times.append(step.time)
        values.append(value)
        // Set by a change inside the window or a bucket.
        if step.time >= warmup {
          expected.peak[level] = max(expected.peak[level], value)
          let bucket = Int(((step.time - warmup) / resolution).rounded(.down))
          if level != 3 { expected.bucketMax[bucket * 5 + level] = max(expected.bucketMax[bucket * 5 + level], value) }
        }
      }
      times.append(.infinity)
      for index in values.indices {
        let (from, to, v) = (times[index], times[index + 1], values[index])
        expected.area[level] += Double(v) * overlap(from, to, warmup, horizon)
        if v >= thresholds[level] { expected.above[level] += overlap(from, to, warmup, end) }
        // Held for some time inside the window.
        if overlap(from, to, warmup, end) > 0 { expected.peak[level] = max(expected.peak[level], v) }
        guard level != 3 else { continue }
        for bucket in 0..<buckets {
          let low = warmup + Double(bucket) * resolution
          let held = overlap(from, to, low, low + resolution)
          expected.bucketArea[bucket * 5 + level] += Double(v) * held
          if held > 0 { expected.bucketMax[bucket * 5 + level] = max(expected.bucketMax[bucket * 5 + level], v) }
        }
      }
    }
    return expected
  }

  static func close(_ a: Double, _ b: Double) -> Bool {
    abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
  }

  static func track(_ changes: [Change], warmup: Double, horizon: Double, resolution: Double, thresholds: Thresholds)
    -> LevelTracker
  {
    var tracker = LevelTracker(warmup: warmup, horizon: horizon, resolution: resolution, thresholds: thresholds)
    for change in changes {
      tracker.change(change.level, by: change.delta, at: change.time)
    }
    tracker.finish(at: changes.last?.time ?? 0)
    return tracker
  }

  @Test(arguments: [(UInt64(1), 0.0), (2, 30.0), (3, 97.5), (4, 100), (5, 1000)])
  func matchesDirectIntegration(seed: UInt64, warmup: Double) {
    let horizon = 1000.0
    let resolution = 60.0
    let thresholds = Thresholds(inbound: 4, outbound: 6, forwarded: 3)
    let thresholdByLevel = [4, 6, 3, Int.max, Int.max]
    let changes = Self.changes(count: 1600, seed: seed, horizon: horizon)
    let tracker = Self.track(changes, warmup: warmup, horizon: horizon, resolution: resolution, thresholds: thresholds)
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
    #expect(tracker.bucketCount == expected.buckets)
    #expect(tracker.bucketCount > Int(((horizon - warmup) / resolution).rounded(.up)), "the series goes on past the horizon")
    guard tracker.bucketCount == expected.buckets else { return }
    for bucket in 0..<expected.buckets {
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

  /// Ten calls start at 95 s and end at 130 s, horizon 100 s, threshold 8,
  /// buckets of 60 s: everything is measured to 130 s except the mean.
  @Test func burstBeforeTheHorizonIsMeasuredInFull() {
    var changes = Array(repeating: Change(time: 95, level: .outbound, delta: 1), count: 10)
    changes += Array(repeating: Change(time: 130, level: .outbound, delta: -1), count: 10)
    let tracker = Self.track(
      changes, warmup: 0, horizon: 100, resolution: 60, thresholds: Thresholds(inbound: 100, outbound: 8, forwarded: 50))
    #expect(tracker.peak(.outbound) == 10)
    #expect(tracker.peak(.total) == 10)
    #expect(tracker.timeAtOrAbove(.outbound) == 35)
    // The mean is over [0, 100): 10 calls for 5 s.
    #expect(tracker.area(.outbound) == 50)
    #expect(tracker.bucketCount == 3)
    #expect(Array(tracker.bucketArea[0..<15]) == [0, 0, 0, 0, 0, 0, 250, 0, 250, 0, 0, 100, 0, 100, 0])
    #expect(Array(tracker.bucketMax[0..<15]) == [0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 10, 0, 0, 0])
  }

  /// At one instant an end made before a start lowers the level first:
  /// a call replacing another keeps the peak at one.
  @Test func anEndBeforeAStartAtTheSameInstantDoesNotRaiseThePeak() {
    let changes = [
      Change(time: 10, level: .inbound, delta: 1), Change(time: 20, level: .inbound, delta: -1),
      Change(time: 20, level: .inbound, delta: 1), Change(time: 30, level: .inbound, delta: -1),
    ]
    let tracker = Self.track(changes, warmup: 0, horizon: 60, resolution: 60, thresholds: PlatformRules.twilioJapan.thresholds)
    #expect(tracker.peak(.inbound) == 1)
    // The other order counts both, for an instant.
    let swapped = [changes[0], changes[2], changes[1], changes[3]]
    #expect(
      Self.track(swapped, warmup: 0, horizon: 60, resolution: 60, thresholds: PlatformRules.twilioJapan.thresholds).peak(.inbound) == 2)
  }

  /// A value held before the warm-up counts from the warm-up on, unless a
  /// change at the warm-up itself replaces it.
  @Test func warmupStartsTheWindow() {
    let before = [Change(time: 5, level: .inbound, delta: 1), Change(time: 5, level: .inbound, delta: 1)]
    var tracker = Self.track(
      before + [Change(time: 20, level: .inbound, delta: -2)], warmup: 10, horizon: 100, resolution: 30,
      thresholds: PlatformRules.twilioJapan.thresholds)
    #expect(tracker.peak(.inbound) == 2)
    #expect(tracker.area(.inbound) == 20)
    #expect(tracker.bucketArea[0] == 20 && tracker.bucketMax[0] == 2)
    tracker = Self.track(
      before + [Change(time: 10, level: .inbound, delta: -1)], warmup: 10, horizon: 100, resolution: 30,
      thresholds: PlatformRules.twilioJapan.thresholds)
    #expect(tracker.peak(.inbound) == 1)
    #expect(tracker.bucketMax[0] == 1)
  }

  /// A drain far longer than the series may hold (a tiny resolution, a
  /// long call) ends the series at the bucket limit, in bounded time and
  /// memory; the statistics still cover the whole drain.
  @Test func aDrainPastTheBucketLimitCutsOnlyTheSeries() {
    let limit = LevelTracker.bucketLimit
    var tracker = LevelTracker(warmup: 0, horizon: 10, resolution: 1, thresholds: Thresholds(inbound: 2, outbound: 100, forwarded: 50))
    tracker.change(.inbound, by: 1, at: 5)
    tracker.recordRejection(at: 6)
    tracker.change(.inbound, by: 1, at: Double(limit) + 500)
    tracker.recordRejection(at: Double(limit) + 600)
    tracker.change(.inbound, by: -2, at: Double(limit) * 3)
    tracker.finish(at: Double(limit) * 3)
    #expect(tracker.bucketCount == limit)
    #expect(tracker.bucketArea.count == limit * LevelTracker.count)
    #expect(tracker.peak(.inbound) == 2)
    // At or above 2 from limit + 500 until 3 x limit, past the series' end.
    #expect(tracker.timeAtOrAbove(.inbound) == Double(limit) * 2 - 500)
    #expect(tracker.bucketRejected[6] == 1)
    #expect(tracker.bucketRejected.reduce(0, +) == 1)
    // The series' last bucket holds what it had when it was cut: one call.
    #expect(tracker.bucketMax[(limit - 1) * LevelTracker.count + LevelTracker.Level.inbound.rawValue] == 1)
  }
}

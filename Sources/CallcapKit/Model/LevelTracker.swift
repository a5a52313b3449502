/// Time-weighted statistics of the simultaneous-call counts and the API
/// queue length: mean, peak, time at or above each threshold, and a time
/// series of bucket means and maxima. Memory is fixed by the number of
/// buckets, never by the number of calls.
///
/// Statistics cover [warm-up, horizon); the time series covers [0, horizon).
struct LevelTracker: Sendable {
  /// Tracked levels, in this order.
  enum Level: Int, CaseIterable {
    case inbound = 0
    case outbound
    case forwarded
    case total
    case queue
  }

  static let count = 5

  let warmup: Double
  let horizon: Double
  let resolution: Double
  /// Thresholds of inbound, outbound, forwarded (others: Int.max).
  let thresholds: [Int]

  private(set) var levels = [Int](repeating: 0, count: count)
  private(set) var area = [Double](repeating: 0, count: count)
  private(set) var peak = [Int](repeating: 0, count: count)
  private(set) var timeAtOrAbove = [Double](repeating: 0, count: count)
  private var lastTime = 0.0

  let bucketCount: Int
  private(set) var bucketArea: [Double]
  private(set) var bucketMax: [Int32]
  private(set) var bucketRejected: [Int32]
  private var bucket = 0

  init(warmup: Double, horizon: Double, resolution: Double, thresholds: Thresholds) {
    self.warmup = warmup
    self.horizon = horizon
    self.resolution = resolution
    self.thresholds = [thresholds.inbound, thresholds.outbound, thresholds.forwarded, .max, .max]
    bucketCount = max(1, Int((horizon / resolution).rounded(.up)))
    bucketArea = Array(repeating: 0, count: bucketCount * Self.count)
    bucketMax = Array(repeating: 0, count: bucketCount * Self.count)
    bucketRejected = Array(repeating: 0, count: bucketCount)
  }

  /// Integrates the current levels from the last change up to `now`.
  @inline(__always)
  mutating func advance(to now: Double) {
    let end = min(now, horizon)
    guard end > lastTime else { return }
    let start = max(lastTime, warmup)
    if end > start {
      let span = end - start
      if lastTime <= warmup {
        for i in 0..<Self.count where levels[i] > peak[i] { peak[i] = levels[i] }
      }
      for i in 0..<Self.count {
        area[i] += Double(levels[i]) * span
        if levels[i] >= thresholds[i] { timeAtOrAbove[i] += span }
      }
    }
    var t = lastTime
    while t < end {
      let bucketEnd = min(end, Double(bucket + 1) * resolution)
      let span = bucketEnd - t
      let base = bucket * Self.count
      for i in 0..<Self.count { bucketArea[base + i] += Double(levels[i]) * span }
      t = bucketEnd
      if t >= Double(bucket + 1) * resolution && bucket + 1 < bucketCount {
        bucket += 1
        let next = bucket * Self.count
        for i in 0..<Self.count { bucketMax[next + i] = Int32(clamping: levels[i]) }
      }
    }
    lastTime = end
  }

  /// Changes `level` by `delta` at `now` (also moves `total` for call categories).
  @inline(__always)
  mutating func change(_ level: Level, by delta: Int, at now: Double) {
    advance(to: now)
    bump(level.rawValue, delta, now)
    if level.rawValue < Level.total.rawValue { bump(Level.total.rawValue, delta, now) }
  }

  @inline(__always)
  private mutating func bump(_ index: Int, _ delta: Int, _ now: Double) {
    levels[index] += delta
    guard now < horizon else { return }
    let value = levels[index]
    if now >= warmup && value > peak[index] { peak[index] = value }
    let slot = bucket * Self.count + index
    if Int32(clamping: value) > bucketMax[slot] { bucketMax[slot] = Int32(clamping: value) }
  }

  /// Counts a refused call in the time series.
  @inline(__always)
  mutating func recordRejection(at now: Double) {
    advance(to: now)
    if now < horizon { bucketRejected[bucket] += 1 }
  }

  func level(_ level: Level) -> Int { levels[level.rawValue] }

  /// Length of the measured window.
  var measuredSpan: Double { horizon - warmup }
}

extension LevelTracker.Level {
  /// The tracked level of a concurrency category.
  init(_ category: ConcurrencyCategory) {
    switch category {
    case .inbound: self = .inbound
    case .outbound: self = .outbound
    case .forwarded: self = .forwarded
    case .total: self = .total
    }
  }
}

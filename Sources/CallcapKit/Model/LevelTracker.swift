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

  /// One level's running figures.
  ///
  /// A change of `delta` at time t adds `delta` to the level for the rest
  /// of the window, so it adds `delta x (end - t)` to the level's integral
  /// over any window that ends at `end`. Summed over all changes, that is
  /// the integral itself: no "value since when" is kept, and a change costs
  /// two multiply-adds, one for the measured window and one for the current
  /// time-series bucket.
  struct Statistic: Sendable {
    var value = 0
    var area = 0.0
    var peak = 0
    var timeAtOrAbove = 0.0
    var threshold = Int.max
    /// The value held when the measured window opens, and whether a change
    /// has happened since the window opened (then that value's part in the
    /// peak is settled).
    var valueAtWarmup = 0
    var warmupSettled = false
    /// The time-series bucket of the latest change, its end (the horizon
    /// for the last bucket) and its running figures.
    var bucket = 0
    var bucketEnd = 0.0
    var bucketArea = 0.0
    var bucketMax = 0
  }

  let warmup: Double
  let horizon: Double
  let resolution: Double
  let bucketCount: Int
  /// Fixed-size inline storage: no copy-on-write check per change.
  private var statistics: InlineArray<5, Statistic>

  /// Per bucket and level, flattened (`bucket * count + level`); written
  /// when a level's changes leave a bucket.
  private(set) var bucketArea: [Double]
  private(set) var bucketMax: [Int32]
  private(set) var bucketRejected: [Int32]
  private var rejectionBucket = 0

  init(warmup: Double, horizon: Double, resolution: Double, thresholds: Thresholds) {
    self.warmup = warmup
    self.horizon = horizon
    self.resolution = resolution
    bucketCount = max(1, Int((horizon / resolution).rounded(.up)))
    var first = Statistic()
    first.bucketEnd = min(resolution, horizon)
    statistics = InlineArray(repeating: first)
    statistics[Level.inbound.rawValue].threshold = thresholds.inbound
    statistics[Level.outbound.rawValue].threshold = thresholds.outbound
    statistics[Level.forwarded.rawValue].threshold = thresholds.forwarded
    for index in 0..<Self.count where statistics[index].threshold <= 0 {
      statistics[index].timeAtOrAbove = max(0, horizon - warmup)
    }
    bucketArea = Array(repeating: 0, count: bucketCount * Self.count)
    bucketMax = Array(repeating: 0, count: bucketCount * Self.count)
    bucketRejected = Array(repeating: 0, count: bucketCount)
  }

  /// End of bucket `bucket`: the next multiple of the resolution, or the horizon.
  private func end(ofBucket bucket: Int) -> Double {
    bucket + 1 < bucketCount ? Double(bucket + 1) * resolution : horizon
  }

  /// Closes the buckets of level `index` that end at or before `now`,
  /// writing each out; the level's value carries into the next.
  private mutating func advanceBucket(_ index: Int, to now: Double) {
    var statistic = statistics[index]
    while now >= statistic.bucketEnd && statistic.bucket + 1 < bucketCount {
      store(statistic, level: index)
      let start = statistic.bucketEnd
      statistic.bucket += 1
      statistic.bucketEnd = end(ofBucket: statistic.bucket)
      statistic.bucketArea = Double(statistic.value) * (statistic.bucketEnd - start)
      statistic.bucketMax = statistic.value
    }
    statistics[index] = statistic
  }

  private mutating func store(_ statistic: Statistic, level: Int) {
    let slot = statistic.bucket * Self.count + level
    bucketArea[slot] = statistic.bucketArea
    bucketMax[slot] = Int32(clamping: statistic.bucketMax)
  }

  /// The value held when the window opens counts toward the peak if it is
  /// held for some time inside the window.
  @inline(__always)
  private mutating func settleWarmup(_ index: Int, at now: Double) {
    if now > warmup && statistics[index].valueAtWarmup > statistics[index].peak {
      statistics[index].peak = statistics[index].valueAtWarmup
    }
    statistics[index].warmupSettled = true
  }

  @inline(__always)
  private mutating func move(_ index: Int, by delta: Int, at now: Double) {
    let before = statistics[index].value
    let after = before + delta
    // The buckets the level leaves are closed at the value held until now.
    if now >= statistics[index].bucketEnd { advanceBucket(index, to: now) }
    statistics[index].value = after
    guard now < horizon else { return }
    let change = Double(delta)
    statistics[index].bucketArea += change * (statistics[index].bucketEnd - now)
    if after > statistics[index].bucketMax { statistics[index].bucketMax = after }
    // A change before the window opens holds from the window's start.
    let remaining = horizon - max(now, warmup)
    statistics[index].area += change * remaining
    if now < warmup {
      statistics[index].valueAtWarmup = after
    } else {
      if !statistics[index].warmupSettled { settleWarmup(index, at: now) }
      if after > statistics[index].peak { statistics[index].peak = after }
    }
    let threshold = statistics[index].threshold
    if (before < threshold) != (after < threshold) {
      statistics[index].timeAtOrAbove += after >= threshold ? remaining : -remaining
    }
  }

  /// Changes `level` by `delta` at `now` (also moves `total` for call categories).
  @inline(__always)
  mutating func change(_ level: Level, by delta: Int, at now: Double) {
    move(level.rawValue, by: delta, at: now)
    if level.rawValue < Level.total.rawValue { moveTotal(by: delta, at: now) }
  }

  /// `total` is the sum of the three call categories, so its area and
  /// time series follow from theirs at the end; a change only needs its
  /// value and peak.
  @inline(__always)
  private mutating func moveTotal(by delta: Int, at now: Double) {
    let total = Level.total.rawValue
    let after = statistics[total].value + delta
    statistics[total].value = after
    guard now < horizon else { return }
    guard now >= warmup else {
      statistics[total].valueAtWarmup = after
      return
    }
    if !statistics[total].warmupSettled { settleWarmup(total, at: now) }
    if after > statistics[total].peak { statistics[total].peak = after }
  }

  /// Counts a refused call in the time series.
  @inline(__always)
  mutating func recordRejection(at now: Double) {
    guard now < horizon else { return }
    while rejectionBucket + 1 < bucketCount && now >= Double(rejectionBucket + 1) * resolution { rejectionBucket += 1 }
    bucketRejected[rejectionBucket] += 1
  }

  /// Writes out the last buckets and settles the peaks; call once, at the
  /// end (`end` is the horizon).
  mutating func finish(at end: Double) {
    let total = Level.total.rawValue
    for index in 0..<Self.count {
      if !statistics[index].warmupSettled && end > warmup { settleWarmup(index, at: end) }
      guard index != total else { continue }
      advanceBucket(index, to: end)
      store(statistics[index], level: index)
    }
    // The total's area and bucket areas are the sums of the categories';
    // its bucket maxima are not part of any output and stay zero.
    statistics[total].area = (0..<total).reduce(0) { $0 + statistics[$1].area }
    for bucket in 0..<bucketCount {
      let base = bucket * Self.count
      bucketArea[base + total] = bucketArea[base] + bucketArea[base + 1] + bucketArea[base + 2]
    }
  }

  func level(_ level: Level) -> Int { statistics[level.rawValue].value }

  /// Time integral of `level` over the measured window.
  func area(_ level: Level) -> Double { statistics[level.rawValue].area }
  /// Highest value of `level` within the measured window.
  func peak(_ level: Level) -> Double { Double(statistics[level.rawValue].peak) }
  /// Time `level` spent at or above its threshold within the measured window.
  func timeAtOrAbove(_ level: Level) -> Double { statistics[level.rawValue].timeAtOrAbove }

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

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

  /// One level's running figures. Each level is integrated lazily, only
  /// when it changes: a call touches its category and `total`, not every
  /// level, and nothing else is computed on the hot path.
  struct Statistic: Sendable {
    var value = 0
    /// Time up to which `area`, `timeAtOrAbove` and the bucket are integrated.
    var since = 0.0
    var area = 0.0
    var peak = 0
    var timeAtOrAbove = 0.0
    var threshold = Int.max
    /// The time-series bucket `since` lies in, and its running figures.
    var bucket = 0
    /// End of `bucket` (infinity for the last one): the common case, a
    /// change inside the current bucket, is one comparison.
    var bucketEnd = Double.infinity
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
  /// when a level's integration leaves a bucket.
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
    if bucketCount > 1 { first.bucketEnd = resolution }
    statistics = InlineArray(repeating: first)
    statistics[Level.inbound.rawValue].threshold = thresholds.inbound
    statistics[Level.outbound.rawValue].threshold = thresholds.outbound
    statistics[Level.forwarded.rawValue].threshold = thresholds.forwarded
    bucketArea = Array(repeating: 0, count: bucketCount * Self.count)
    bucketMax = Array(repeating: 0, count: bucketCount * Self.count)
    bucketRejected = Array(repeating: 0, count: bucketCount)
  }

  /// Integrates level `index` at its current value up to `now`.
  @inline(__always)
  private mutating func integrate(_ index: Int, to now: Double) {
    let end = min(now, horizon)
    let since = statistics[index].since
    guard end > since else { return }
    let current = statistics[index].value
    let value = Double(current)
    if end > warmup {
      let start = max(since, warmup)
      // The value held when the measured window opens is part of it.
      if since <= warmup && current > statistics[index].peak { statistics[index].peak = current }
      statistics[index].area += value * (end - start)
      if current >= statistics[index].threshold { statistics[index].timeAtOrAbove += end - start }
    }
    if end < statistics[index].bucketEnd {
      statistics[index].bucketArea += value * (end - since)
    } else {
      crossBuckets(index, from: since, to: end)
    }
    statistics[index].since = end
  }

  /// Integrates level `index` from `since` to `end` across bucket boundaries,
  /// writing out each bucket it leaves.
  private mutating func crossBuckets(_ index: Int, from since: Double, to end: Double) {
    var statistic = statistics[index]
    let value = Double(statistic.value)
    var t = since
    while end >= statistic.bucketEnd {
      statistic.bucketArea += value * (statistic.bucketEnd - t)
      store(statistic, level: index)
      t = statistic.bucketEnd
      statistic.bucket += 1
      statistic.bucketEnd = statistic.bucket + 1 < bucketCount ? Double(statistic.bucket + 1) * resolution : .infinity
      statistic.bucketArea = 0
      statistic.bucketMax = statistic.value
    }
    statistic.bucketArea += value * (end - t)
    statistics[index] = statistic
  }

  private mutating func store(_ statistic: Statistic, level: Int) {
    let slot = statistic.bucket * Self.count + level
    bucketArea[slot] = statistic.bucketArea
    bucketMax[slot] = Int32(clamping: statistic.bucketMax)
  }

  @inline(__always)
  private mutating func move(_ index: Int, by delta: Int, at now: Double) {
    integrate(index, to: now)
    statistics[index].value += delta
    guard now < horizon else { return }
    let value = statistics[index].value
    if now >= warmup && value > statistics[index].peak { statistics[index].peak = value }
    if value > statistics[index].bucketMax { statistics[index].bucketMax = value }
  }

  /// Changes `level` by `delta` at `now` (also moves `total` for call categories).
  @inline(__always)
  mutating func change(_ level: Level, by delta: Int, at now: Double) {
    move(level.rawValue, by: delta, at: now)
    if level.rawValue < Level.total.rawValue { moveTotal(by: delta, at: now) }
  }

  /// `total` is the sum of the three call categories, so its area and
  /// time series follow from theirs at the end; a change only needs its
  /// value and peak. The value held since the last change counts toward
  /// the peak if it was held inside [warm-up, horizon).
  @inline(__always)
  private mutating func moveTotal(by delta: Int, at now: Double) {
    let total = Level.total.rawValue
    let before = statistics[total].value
    if now > warmup && statistics[total].since < horizon && before > statistics[total].peak { statistics[total].peak = before }
    let after = before + delta
    statistics[total].value = after
    statistics[total].since = now
    if now >= warmup && now < horizon && after > statistics[total].peak { statistics[total].peak = after }
  }

  /// Counts a refused call in the time series.
  @inline(__always)
  mutating func recordRejection(at now: Double) {
    guard now < horizon else { return }
    while rejectionBucket + 1 < bucketCount && now >= Double(rejectionBucket + 1) * resolution { rejectionBucket += 1 }
    bucketRejected[rejectionBucket] += 1
  }

  /// Integrates every level up to `end` and writes out the last buckets; call once, at the end.
  mutating func finish(at end: Double) {
    let total = Level.total.rawValue
    for index in 0..<Self.count where index != total {
      integrate(index, to: end)
      store(statistics[index], level: index)
    }
    if end > warmup && statistics[total].since < horizon && statistics[total].value > statistics[total].peak {
      statistics[total].peak = statistics[total].value
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

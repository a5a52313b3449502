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

  /// One lane per level (lanes 5-7 unused), so that integrating all
  /// levels over a span is a single vector operation and no array is
  /// touched on the hot path.
  typealias Lanes = SIMD8<Double>

  let warmup: Double
  let horizon: Double
  let resolution: Double
  /// Thresholds of inbound, outbound, forwarded; infinity for the others.
  let thresholds: Lanes

  /// Current levels (exact integers held as doubles).
  private(set) var levels = Lanes()
  /// Time integral of each level over the measured window.
  private(set) var area = Lanes()
  /// Highest level within the measured window.
  private(set) var peak = Lanes()
  /// Time spent at or above each threshold within the measured window.
  private(set) var timeAtOrAbove = Lanes()
  private var lastTime = 0.0

  let bucketCount: Int
  /// Per bucket and level, flattened; the current bucket is kept in
  /// `bucketAreaNow` and `bucketMaxNow` and written out when time leaves it.
  private(set) var bucketArea: [Double]
  private(set) var bucketMax: [Int32]
  private(set) var bucketRejected: [Int32]
  private var bucket = 0
  private var bucketAreaNow = Lanes()
  private var bucketMaxNow = Lanes()

  init(warmup: Double, horizon: Double, resolution: Double, thresholds: Thresholds) {
    self.warmup = warmup
    self.horizon = horizon
    self.resolution = resolution
    self.thresholds = Lanes(
      Double(thresholds.inbound), Double(thresholds.outbound), Double(thresholds.forwarded), .infinity, .infinity, .infinity,
      .infinity, .infinity)
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
      if lastTime <= warmup { peak.replace(with: levels, where: levels .> peak) }
      area += levels * span
      timeAtOrAbove.replace(with: timeAtOrAbove + span, where: levels .>= thresholds)
    }
    var t = lastTime
    while true {
      let bucketEnd = Double(bucket + 1) * resolution
      if end < bucketEnd || bucket + 1 >= bucketCount {
        bucketAreaNow += levels * (end - t)
        break
      }
      bucketAreaNow += levels * (bucketEnd - t)
      storeBucket()
      bucket += 1
      bucketAreaNow = Lanes()
      bucketMaxNow = levels
      t = bucketEnd
    }
    lastTime = end
  }

  /// Writes the current bucket's figures to the time series.
  private mutating func storeBucket() {
    let base = bucket * Self.count
    for i in 0..<Self.count {
      bucketArea[base + i] = bucketAreaNow[i]
      bucketMax[base + i] = Int32(clamping: Int(bucketMaxNow[i]))
    }
  }

  /// Integrates up to `end` and writes out the last bucket; call once, at the end.
  mutating func finish(at end: Double) {
    advance(to: end)
    storeBucket()
  }

  /// Changes `level` by `delta` at `now` (also moves `total` for call categories).
  @inline(__always)
  mutating func change(_ level: Level, by delta: Int, at now: Double) {
    advance(to: now)
    // Lane masks built in registers: writing single lanes of a vector in
    // memory and reading it back stalls store forwarding on x86.
    let lanes = Lanes(0, 1, 2, 3, 4, 5, 6, 7)
    var moved = lanes .== Lanes(repeating: Double(level.rawValue))
    if level.rawValue < Level.total.rawValue { moved .|= lanes .== Lanes(repeating: Double(Level.total.rawValue)) }
    levels.replace(with: levels + Double(delta), where: moved)
    guard now < horizon else { return }
    if now >= warmup { peak.replace(with: levels, where: levels .> peak) }
    bucketMaxNow.replace(with: levels, where: levels .> bucketMaxNow)
  }

  /// Counts a refused call in the time series.
  @inline(__always)
  mutating func recordRejection(at now: Double) {
    advance(to: now)
    if now < horizon { bucketRejected[bucket] += 1 }
  }

  func level(_ level: Level) -> Int { Int(levels[level.rawValue]) }

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

/// Time-weighted statistics of the simultaneous-call counts and the API
/// queue length: mean, peak, time at or above each threshold, and a time
/// series of bucket means and maxima. Memory is fixed by the number of
/// buckets, never by the number of calls.
///
/// Windows (SPEC "Horizon and drain"): arrivals stop at the horizon but the
/// calls already offered are followed to their end, so peaks, time at or
/// above a threshold and the time series cover [warm-up, end], where `end`
/// is the last change (the end of the last call); only the area, from
/// which the mean concurrency comes, is a time average over
/// [warm-up, horizon). Time-series bucket k is
/// [warm-up + k x resolution, warm-up + (k+1) x resolution); each level
/// writes its buckets in order to a ``ReplicationSeries`` as it leaves
/// them (a long series goes to a temporary file, not memory), so a
/// replication's series is as long as its drain.
///
/// A value held before the warm-up counts from the warm-up on. A value
/// counts in a bucket (and in the peak) when it is held there for some
/// time, or when a change sets it inside the bucket: simultaneous changes
/// count in the order they are made, so at one instant an end made before
/// a start lowers the level before the start raises it (the replication's
/// event order decides, see ``Replication``).
struct LevelTracker: Sendable {
  /// Tracked levels (see ``TrackedLevel``).
  typealias Level = TrackedLevel

  /// Number of levels; the inline storage below holds exactly this many.
  static let count = TrackedLevel.count

  /// One level's running figures.
  ///
  /// A change of `delta` at time t adds `delta` to the level for the rest
  /// of a window, so it adds `delta x (end - t)` to the level's integral
  /// over any window that ends at a known `end` (the horizon for the mean,
  /// the current bucket's end for the time series). Time at or above the
  /// threshold needs no known end: a crossing upwards at t subtracts t, a
  /// crossing downwards adds t, and the level's final value settles it.
  struct Statistic: Sendable {
    var value = 0
    /// Integral over [warm-up, horizon).
    var area = 0.0
    var peak = 0
    var timeAtOrAbove = 0.0
    var threshold = Int.max
    /// Current time-series bucket (-1 before the warm-up), its end and its running figures.
    var bucket = -1
    var bucketEnd = 0.0
    var bucketArea = 0.0
    var bucketMax = 0
    /// `total` only: whether a change has happened since the window opened.
    var warmupSettled = false
  }

  let warmup: Double
  let horizon: Double
  let resolution: Double
  /// Fixed-size inline storage: no copy-on-write check per change. Its
  /// size is a literal (a type parameter); the initialiser checks it
  /// against ``TrackedLevel``.
  private var statistics: InlineArray<5, Statistic>

  /// The buckets written so far: each level's as it leaves them, the
  /// refusals' up to the last bucket a refusal was counted in.
  private var series = ReplicationSeries.writable()
  /// The refusal bucket time has reached, its end, and the bucket whose
  /// refusals are counted but not yet written (with their number).
  private var rejectionBucket = 0
  private var rejectionBucketEnd: Double
  private var pendingRejectionBucket = -1
  private var pendingRejections: Int32 = 0
  /// The time of the latest change or rejection, the end of the measured window.
  private(set) var end = 0.0

  init(warmup: Double, horizon: Double, resolution: Double, thresholds: Thresholds) {
    self.warmup = warmup
    self.horizon = horizon
    self.resolution = resolution
    var first = Statistic()
    first.bucketEnd = warmup
    statistics = InlineArray(repeating: first)
    precondition(statistics.count == Self.count, "LevelTracker's storage must hold one statistic per TrackedLevel")
    statistics[Level.inbound.rawValue].threshold = thresholds.inbound
    statistics[Level.outbound.rawValue].threshold = thresholds.outbound
    statistics[Level.forwarded.rawValue].threshold = thresholds.forwarded
    // A threshold of 0 or less is reached from the start (an upward crossing at time 0).
    for index in 0..<Self.count where statistics[index].threshold <= 0 {
      statistics[index].timeAtOrAbove = -warmup
    }
    rejectionBucketEnd = warmup + resolution
  }

  /// Buckets needed to cover [warm-up, time), at least one.
  static func bucketsBefore(_ time: Double, warmup: Double, resolution: Double) -> Int {
    max(1, Int(((time - warmup) / resolution).rounded(.up)))
  }

  /// End of bucket `bucket`.
  @inline(__always)
  private func endOfBucket(_ bucket: Int) -> Double {
    warmup + Double(bucket + 1) * resolution
  }

  /// The most buckets one series holds (the loader's limit for a horizon).
  /// A drain that outlasts it (a tiny resolution with long calls) ends the
  /// series there; every statistic still covers the whole drain. The
  /// loader's workload estimate refuses such scenarios up front, so this
  /// bounds time and memory only where that estimate falls short.
  static let bucketLimit = ScenarioLoader.maxBuckets

  /// Number of buckets, once ``finish(at:)`` has run.
  var bucketCount: Int { series.bucketCount }

  /// The buckets written so far, flattened by bucket and level (`bucket *
  /// count + level`, the total's integral the categories' sum and its
  /// maximum zero): a copy for inspection, not used by the simulation.
  var bucketArea: [Double] { flattened(series.areas) { $0.reduce(0, +) } }
  var bucketMax: [Int32] { flattened(series.counts) { _ in 0 } }
  /// The calls refused per bucket, as written so far.
  var bucketRejected: [Int32] { series.counts[ReplicationSeries.refusals] }

  private func flattened<Value>(_ streams: [[Value]], total: ([Value]) -> Value) -> [Value] {
    let buckets = streams.prefix(ReplicationSeries.levels.count).map(\.count).min() ?? 0
    return (0..<buckets).flatMap { bucket in
      TrackedLevel.allCases.map { level in
        ReplicationSeries.stream(of: level).map { streams[$0][bucket] }
          ?? total(TrackedLevel.callCategories.map { streams[ReplicationSeries.stream(of: $0)!][bucket] })
      }
    }
  }

  /// The finished series, handed over (the tracker keeps no reference).
  mutating func takeSeries() -> ReplicationSeries {
    var taken = ReplicationSeries()
    swap(&taken, &series)
    return taken
  }

  /// Closes the buckets of level `index` that end at or before `now`,
  /// writing each out; the level's value carries into the next, and counts
  /// there (and in the peak) when it is held for some time, i.e. when
  /// `now` is after the next bucket's start.
  private mutating func advanceBucket(_ index: Int, to now: Double) {
    var statistic = statistics[index]
    while now >= statistic.bucketEnd {
      if statistic.bucket + 1 >= Self.bucketLimit {
        // The series ends here; the last bucket keeps what it had.
        if now > statistic.bucketEnd && statistic.value > statistic.peak { statistic.peak = statistic.value }
        break
      }
      if statistic.bucket >= 0 { store(statistic, level: index) }
      let start = statistic.bucketEnd
      statistic.bucket += 1
      statistic.bucketEnd = endOfBucket(statistic.bucket)
      statistic.bucketArea = Double(statistic.value) * resolution
      let held = now > start
      statistic.bucketMax = held ? statistic.value : 0
      if held && statistic.value > statistic.peak { statistic.peak = statistic.value }
    }
    statistics[index] = statistic
  }

  /// Writes the bucket `statistic` is leaving; a level leaves its buckets in order.
  private mutating func store(_ statistic: Statistic, level: Int) {
    let stream = ReplicationSeries.stream(of: Level(rawValue: level)!)!
    assert(series.spool!.counts[stream] == statistic.bucket, "a level writes its buckets in order")
    series.spool!.append(.init(area: statistic.bucketArea, count: Int32(clamping: statistic.bucketMax)), to: stream)
  }

  @inline(__always)
  private mutating func move(_ index: Int, by delta: Int, at now: Double) {
    // The buckets the level leaves are closed at the value held until now.
    if now >= statistics[index].bucketEnd { advanceBucket(index, to: now) }
    let before = statistics[index].value
    let after = before + delta
    statistics[index].value = after
    let change = Double(delta)
    // A change before the window opens holds from the window's start.
    let from = max(now, warmup)
    if now < horizon { statistics[index].area += change * (horizon - from) }
    let threshold = statistics[index].threshold
    if (before < threshold) != (after < threshold) {
      statistics[index].timeAtOrAbove += after >= threshold ? -from : from
    }
    guard now >= warmup else { return }
    // Always true but past the end of a series cut at the bucket limit.
    if now < statistics[index].bucketEnd {
      statistics[index].bucketArea += change * (statistics[index].bucketEnd - now)
      if after > statistics[index].bucketMax { statistics[index].bucketMax = after }
    }
    if after > statistics[index].peak { statistics[index].peak = after }
  }

  /// Changes `level` by `delta` at `now` (also moves `total` for call
  /// categories). Changes come in time order.
  @inline(__always)
  mutating func change(_ level: Level, by delta: Int, at now: Double) {
    end = now
    move(level.rawValue, by: delta, at: now)
    if level.isCallCategory { moveTotal(by: delta, at: now) }
  }

  /// `total` is the sum of the three call categories, so its area and
  /// time series follow from theirs at the end; a change only needs its
  /// value and peak.
  @inline(__always)
  private mutating func moveTotal(by delta: Int, at now: Double) {
    let total = Level.total.rawValue
    let before = statistics[total].value
    let after = before + delta
    statistics[total].value = after
    guard now >= warmup else { return }
    if !statistics[total].warmupSettled {
      // The value held when the window opened counts if it was held for some time inside it.
      statistics[total].warmupSettled = true
      if now > warmup && before > statistics[total].peak { statistics[total].peak = before }
    }
    if after > statistics[total].peak { statistics[total].peak = after }
  }

  /// Counts a refused call in the time series (calls refused before the
  /// warm-up are not measured).
  @inline(__always)
  mutating func recordRejection(at now: Double) {
    end = now
    guard now >= warmup else { return }
    while now >= rejectionBucketEnd {
      // Past a series cut at the bucket limit a refusal counts in its statistics only.
      guard rejectionBucket + 1 < Self.bucketLimit else { return }
      rejectionBucket += 1
      rejectionBucketEnd = endOfBucket(rejectionBucket)
    }
    if rejectionBucket != pendingRejectionBucket { writePendingRejections(movingTo: rejectionBucket) }
    pendingRejections += 1
  }

  /// Writes the refusals counted in the pending bucket (after zeros for the
  /// buckets before it without any) and makes `bucket` the pending one.
  private mutating func writePendingRejections(movingTo bucket: Int) {
    let stream = ReplicationSeries.refusals
    if pendingRejectionBucket >= 0 {
      let spool = series.spool!
      spool.append(.init(area: 0, count: 0), count: pendingRejectionBucket - spool.counts[stream], to: stream)
      spool.append(.init(area: 0, count: pendingRejections), to: stream)
    }
    pendingRejectionBucket = bucket
    pendingRejections = 0
  }

  /// Closes the window at `last`: the end of the last call, or the horizon
  /// if later. Writes out the last buckets and settles the peaks and the
  /// time at or above the thresholds; call once.
  mutating func finish(at last: Double) {
    end = max(last, end, horizon)
    let total = Level.total.rawValue
    // The series covers [warm-up, end]: every bucket something was recorded in, and the horizon's.
    var buckets = Self.bucketsBefore(end, warmup: warmup, resolution: resolution)
    for index in 0..<Self.count where index != total {
      buckets = max(buckets, statistics[index].bucket + 1)
    }
    buckets = min(max(buckets, pendingRejectionBucket + 1), Self.bucketLimit)
    for index in 0..<Self.count {
      if statistics[index].value >= statistics[index].threshold { statistics[index].timeAtOrAbove += max(end, warmup) }
      if index == total {
        if !statistics[total].warmupSettled && end > warmup && statistics[total].value > statistics[total].peak {
          statistics[total].peak = statistics[total].value
        }
        continue
      }
      // Buckets after the level's last change hold its last value throughout.
      var statistic = statistics[index]
      while statistic.bucket < buckets - 1 {
        if statistic.bucket >= 0 { store(statistic, level: index) }
        statistic.bucket += 1
        statistic.bucketArea = Double(statistic.value) * resolution
        statistic.bucketMax = statistic.value
        if statistic.value > statistic.peak && end > warmup { statistic.peak = statistic.value }
      }
      store(statistic, level: index)
      statistics[index] = statistic
    }
    // The refusals: the pending bucket's, then none up to the series' end.
    writePendingRejections(movingTo: -1)
    let refusals = ReplicationSeries.refusals
    series.spool!.append(.init(area: 0, count: 0), count: buckets - series.spool!.counts[refusals], to: refusals)
    // The total's area is the sum of the categories' (its buckets are
    // summed when series are combined); its bucket maxima are in no output.
    statistics[total].area = Level.callCategories.reduce(0) { $0 + statistics[$1.rawValue].area }
  }

  func level(_ level: Level) -> Int { statistics[level.rawValue].value }

  /// Time integral of `level` over [warm-up, horizon).
  func area(_ level: Level) -> Double { statistics[level.rawValue].area }
  /// Highest value of `level` within [warm-up, end].
  func peak(_ level: Level) -> Double { Double(statistics[level.rawValue].peak) }
  /// Time `level` spent at or above its threshold within [warm-up, end].
  func timeAtOrAbove(_ level: Level) -> Double { statistics[level.rawValue].timeAtOrAbove }

  /// Length of the window of the means: [warm-up, horizon).
  var measuredSpan: Double { horizon - warmup }
}

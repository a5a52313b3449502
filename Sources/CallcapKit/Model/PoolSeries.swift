/// Per agent pool, over time: callers waiting in the pool's hold queue and
/// agents busy (with a caller or in wrap-up), as the time average and the
/// highest level in each resolution bucket of one replication, from the
/// warm-up on. ``AgentPools`` integrates the levels at every change into
/// the bucket being filled and hands each bucket here once it is over;
/// memory is one bucket row per resolution step, whatever the number of
/// callers.
struct PoolSeries {
  /// Levels recorded per pool, in this order within a pool's slots.
  static let levels = 2
  static let waiting = 0
  static let busy = 1

  let pools: Int
  let start: Double
  let resolution: Double
  /// Per bucket, pool and level (`(bucket * pools + pool) * 2 + level`): level x time, and the highest level.
  private(set) var area: [Double] = []
  private(set) var maxima: [Int32] = []

  init(pools: Int, start: Double, resolution: Double) {
    self.pools = pools
    self.start = start
    self.resolution = resolution
  }

  var stride: Int { pools * Self.levels }

  /// A finished bucket of `pool` (``AgentPools`` fills one bucket at a time
  /// per pool and hands it over when the time passes its end).
  mutating func add(pool: Int, bucket: Int, waiting: Double, busy: Double, waitingMax: Int, busyMax: Int) {
    if waiting == 0 && busy == 0 { return }  // zeros are the buckets' default
    if (bucket + 1) * stride > area.count {
      let extra = (bucket + 1) * stride - area.count
      area.append(contentsOf: repeatElement(0, count: extra))
      maxima.append(contentsOf: repeatElement(0, count: extra))
    }
    let slot = (bucket * pools + pool) * Self.levels
    area[slot + Self.waiting] = waiting
    area[slot + Self.busy] = busy
    maxima[slot + Self.waiting] = Int32(clamping: waitingMax)
    maxima[slot + Self.busy] = Int32(clamping: busyMax)
  }

  /// The replication's buckets, `buckets` long (the call series' length,
  /// from the warm-up to the end of the last call).
  func buckets(count buckets: Int) -> PoolBuckets {
    let size = buckets * stride
    var means = Array(area.prefix(size)).map { $0 / resolution }
    var highest = Array(maxima.prefix(size))
    if means.count < size {
      means.append(contentsOf: repeatElement(0, count: size - means.count))
      highest.append(contentsOf: repeatElement(0, count: size - highest.count))
    }
    return PoolBuckets(pools: pools, means: means, maxima: highest)
  }
}

/// One replication's per-pool buckets (see ``PoolSeries``), as stored in
/// a ``ReplicationResult`` and a shard file.
public struct PoolBuckets: Sendable, Codable, Equatable {
  public var pools: Int
  /// Per bucket, pool and level (waiting, busy): the time average and the highest level.
  public var means: [Double]
  public var maxima: [Int32]
}

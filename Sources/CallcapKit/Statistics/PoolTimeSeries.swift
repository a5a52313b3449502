/// Per agent pool, callers waiting and agents busy over time, combined
/// across replications like ``TimeSeries``: per bucket the mean over
/// replications of each level's time average and the highest of their
/// maxima. A bucket past a replication's end counts as zero in the means
/// (nobody waits and nobody is busy after the last call), so every mean is
/// over all replications. Replications are added in replication order, so
/// the sums are formed identically for any number of jobs or shards.
public struct PoolTimeSeries: Sendable {
  public enum Level: Int, Sendable {
    /// Callers in the pool's hold queue (live calls of the callers' category).
    case waiting = 0
    /// Agents with a caller (ringing, talking) or in wrap-up.
    case busy = 1
  }

  private var sums: [Double] = []
  private var maxima: [Int32] = []
  public private(set) var pools = 0
  /// Replications added so far.
  public private(set) var count = 0

  public init() {}

  private var stride: Int { pools * PoolSeries.levels }

  /// Number of combined buckets (0 without agent pools).
  public var bucketCount: Int { stride == 0 ? 0 : sums.count / stride }

  /// Adds one replication's buckets; call in replication order.
  public mutating func add(_ result: ReplicationResult) {
    guard let buckets = result.poolBuckets, buckets.pools > 0 else { return }
    if count == 0 {
      pools = buckets.pools
      sums = buckets.means
      maxima = buckets.maxima
      count = 1
      return
    }
    precondition(buckets.pools == pools, "every replication has the same agent pools")
    if buckets.means.count > sums.count {
      let extra = buckets.means.count - sums.count
      sums.append(contentsOf: repeatElement(0, count: extra))
      maxima.append(contentsOf: repeatElement(0, count: extra))
    }
    for slot in buckets.means.indices { sums[slot] += buckets.means[slot] }
    for slot in buckets.maxima.indices { maxima[slot] = max(maxima[slot], buckets.maxima[slot]) }
    count += 1
  }

  /// Mean over replications of `level`'s time average in `pool` and `bucket`.
  @inline(__always)
  public func mean(_ level: Level, pool: Int, inBucket bucket: Int) -> Double {
    sums[(bucket * pools + pool) * PoolSeries.levels + level.rawValue] / Double(count)
  }

  /// Highest of the replications' maxima of `level` in `pool` and `bucket`.
  @inline(__always)
  public func maximum(_ level: Level, pool: Int, inBucket bucket: Int) -> Int {
    Int(maxima[(bucket * pools + pool) * PoolSeries.levels + level.rawValue])
  }
}

extension ReplicationResult {
  /// The result without its per-pool buckets (once added to a ``PoolTimeSeries``).
  var withoutPoolSeries: ReplicationResult {
    var stripped = self
    stripped.poolBuckets = nil
    return stripped
  }
}

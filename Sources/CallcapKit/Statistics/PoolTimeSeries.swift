/// Per agent pool, callers waiting and agents busy over time, combined
/// across replications like ``TimeSeries``: per bucket the mean over
/// replications of each level's time average and the highest of their
/// maxima. A bucket past a replication's end counts as zero in the means
/// (nobody waits and nobody is busy after the last call), so every mean is
/// over all replications. Replications are added in replication order, so
/// the sums are formed identically for any number of jobs or shards;
/// memory does not grow with the number of buckets.
public struct PoolTimeSeries: Sendable {
  public enum Level: Int, Sendable {
    /// Callers in the pool's hold queue (live calls of the callers' category).
    case waiting = 0
    /// Agents with a caller (ringing, talking) or in wrap-up.
    case busy = 1
  }

  /// One combined bucket of one pool and level: the sum over replications
  /// of the time averages, and the highest of the maxima.
  struct Cell: BitwiseCopyable {
    var meanSum: Double
    var maximum: Int32
  }

  /// One stream per pool and level (`pool * 2 + level`), kept like
  /// ``TimeSeries``'s rows (a long series in a temporary file).
  private var cells = RecordSpool<Cell>(streams: 0)
  public private(set) var pools = 0
  /// Replications added so far.
  public private(set) var count = 0

  public init() {}

  /// Number of combined buckets (0 without agent pools).
  public var bucketCount: Int { pools == 0 ? 0 : cells.counts[0] }

  /// Adds one replication's buckets; call in replication order. A longer
  /// replication extends the series (the earlier ones had zeros there).
  public mutating func add(_ result: ReplicationResult) {
    guard let buckets = result.poolBuckets, buckets.pools > 0 else { return }
    if count == 0 {
      pools = buckets.pools
      cells = RecordSpool(streams: pools * PoolSeries.levels)
    }
    precondition(buckets.pools == pools, "every replication has the same agent pools")
    count += 1
    if !isKnownUniquelyReferenced(&cells) { cells = cells.copy() }
    let source = buckets.spool
    let resolution = buckets.resolution
    for stream in 0..<source.streamCount {
      for chunk in 0..<source.chunkCount(stream) {
        let records = source.read(stream, chunk: chunk)
        cells.modify(stream, chunk: chunk) { cells in
          if cells.count < records.count {
            cells.append(contentsOf: repeatElement(Cell(meanSum: 0, maximum: 0), count: records.count - cells.count))
          }
          for (index, record) in records.enumerated() {
            cells[index].meanSum += record.area / resolution
            if record.count > cells[index].maximum { cells[index].maximum = record.count }
          }
        }
      }
    }
  }

  /// Mean over replications of `level`'s time average in `pool` and `bucket`.
  @inline(__always)
  public func mean(_ level: Level, pool: Int, inBucket bucket: Int) -> Double {
    cells.record(pool * PoolSeries.levels + level.rawValue, at: bucket).meanSum / Double(count)
  }

  /// Highest of the replications' maxima of `level` in `pool` and `bucket`.
  @inline(__always)
  public func maximum(_ level: Level, pool: Int, inBucket bucket: Int) -> Int {
    Int(cells.record(pool * PoolSeries.levels + level.rawValue, at: bucket).maximum)
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

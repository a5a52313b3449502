/// Time series combined across replications: per bucket, the mean over
/// replications of each level's time-average, the highest of the
/// replications' maxima, and the mean number of refused calls.
///
/// A replication's series runs from the warm-up to the end of its last
/// call, so replications differ in length (the drain after the horizon).
/// After its last call a replication has no call in progress, no request
/// queued and refuses nothing, so a bucket past its end counts as zero in
/// the means: the combined series is as long as the longest replication's,
/// and every bucket's mean is over all replications.
///
/// Replications are added one by one, in replication order (so sums are
/// formed identically for any number of jobs), and each replication's own
/// buckets can be dropped once added: memory stays at one series per run,
/// however many replications and tiers a plan simulates.
public struct TimeSeries: Sendable {
  public struct Bucket: Sendable {
    public var index: Int
    /// Start of the bucket, in seconds since t = 0.
    public var startSeconds: Double
    /// Indexed by ``TrackedLevel``'s raw value (``TrackedLevel/count`` levels).
    public var means: [Double]
    public var maxima: [Int]
    public var rejected: Double
  }

  private var meanSums: [Double] = []
  private var maxima: [Int32] = []
  private var rejectedSums: [Double] = []
  /// Start of the first bucket (the warm-up) and width of a bucket, in seconds.
  public private(set) var startSeconds = 0.0
  public private(set) var resolution = 0.0
  /// Replications added so far.
  public private(set) var count = 0

  public init() {}

  /// Adds one replication's buckets; call in replication order.
  public mutating func add(_ result: ReplicationResult) {
    if count == 0 {
      startSeconds = result.seriesStart
      resolution = result.seriesResolution
    }
    // The first replication's buckets become the sums as they are (0 + x
    // is x): no zero-filled copy, no second series in memory.
    if count == 0 && rejectedSums.isEmpty {
      meanSums = result.bucketMeans
      maxima = result.bucketMaxima
      rejectedSums = result.bucketRejections.map { Double($0) }
      count = 1
      return
    }
    // A longer replication extends the series; the earlier ones had zeros there.
    if result.bucketRejections.count > rejectedSums.count {
      let extra = result.bucketRejections.count - rejectedSums.count
      meanSums.append(contentsOf: repeatElement(0, count: extra * TrackedLevel.count))
      maxima.append(contentsOf: repeatElement(0, count: extra * TrackedLevel.count))
      rejectedSums.append(contentsOf: repeatElement(0, count: extra))
    }
    for slot in result.bucketMeans.indices { meanSums[slot] += result.bucketMeans[slot] }
    for slot in result.bucketMaxima.indices { maxima[slot] = max(maxima[slot], result.bucketMaxima[slot]) }
    for bucket in result.bucketRejections.indices { rejectedSums[bucket] += Double(result.bucketRejections[bucket]) }
    count += 1
  }

  /// Number of combined buckets.
  public var bucketCount: Int { rejectedSums.count }

  /// Start of bucket `bucket`, in seconds since t = 0.
  @inline(__always)
  public func start(ofBucket bucket: Int) -> Double { startSeconds + Double(bucket) * resolution }

  /// Mean over replications of `level`'s time average in bucket `bucket`
  /// (read in place: writing a long series builds no bucket values).
  @inline(__always)
  public func mean(_ level: TrackedLevel, inBucket bucket: Int) -> Double {
    meanSums[bucket * TrackedLevel.count + level.rawValue] / Double(count)
  }

  /// Highest of the replications' maxima of `level` in bucket `bucket`.
  @inline(__always)
  public func maximum(_ level: TrackedLevel, inBucket bucket: Int) -> Int { Int(maxima[bucket * TrackedLevel.count + level.rawValue]) }

  /// Mean number of calls refused in bucket `bucket`.
  @inline(__always)
  public func rejected(inBucket bucket: Int) -> Double { rejectedSums[bucket] / Double(count) }

  /// The combined buckets (computed on each access: keep the result; long
  /// series read them in place through ``mean(_:inBucket:)`` and its siblings).
  public var buckets: [Bucket] {
    let levels = TrackedLevel.count
    let n = Double(count)
    return rejectedSums.indices.map { bucket in
      Bucket(
        index: bucket, startSeconds: startSeconds + Double(bucket) * resolution,
        means: (0..<levels).map { meanSums[bucket * levels + $0] / n },
        maxima: (0..<levels).map { Int(maxima[bucket * levels + $0]) }, rejected: rejectedSums[bucket] / n)
    }
  }
}

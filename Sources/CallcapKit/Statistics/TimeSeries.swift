/// Time series combined across replications: per bucket, the mean over
/// replications of each level's time-average, the highest of the
/// replications' maxima, and the mean number of refused calls.
///
/// Replications are added one by one, in replication order (so sums are
/// formed identically for any number of jobs), and each replication's own
/// buckets can be dropped once added: memory stays at one series per run,
/// however many replications and tiers a plan simulates.
public struct TimeSeries: Sendable {
  public struct Bucket: Sendable {
    public var index: Int
    /// Indexed like ``LevelTracker/Level``: inbound, outbound, forwarded, total, queue.
    public var means: [Double]
    public var maxima: [Int]
    public var rejected: Double
  }

  private var meanSums: [Double] = []
  private var maxima: [Int32] = []
  private var rejectedSums: [Double] = []
  /// Replications added so far.
  public private(set) var count = 0

  public init() {}

  /// Adds one replication's buckets; call in replication order.
  public mutating func add(_ result: ReplicationResult) {
    if count == 0 {
      meanSums = Array(repeating: 0, count: result.bucketMeans.count)
      maxima = Array(repeating: 0, count: result.bucketMaxima.count)
      rejectedSums = Array(repeating: 0, count: result.bucketRejections.count)
    }
    for slot in meanSums.indices { meanSums[slot] += result.bucketMeans[slot] }
    for slot in maxima.indices { maxima[slot] = max(maxima[slot], result.bucketMaxima[slot]) }
    for bucket in rejectedSums.indices { rejectedSums[bucket] += Double(result.bucketRejections[bucket]) }
    count += 1
  }

  /// The combined buckets (computed on each access: keep the result).
  public var buckets: [Bucket] {
    let levels = LevelTracker.count
    let n = Double(count)
    return rejectedSums.indices.map { bucket in
      Bucket(
        index: bucket, means: (0..<levels).map { meanSums[bucket * levels + $0] / n },
        maxima: (0..<levels).map { Int(maxima[bucket * levels + $0]) }, rejected: rejectedSums[bucket] / n)
    }
  }
}

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
/// however many replications and tiers a plan simulates. The combined
/// buckets themselves are kept in a ``RecordSpool``: in memory at the
/// default resolution, in a temporary file for a long series, so memory
/// does not grow with the number of buckets.
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

  /// One combined bucket: sums over replications of each level's time
  /// average (indexed by ``TrackedLevel``'s raw value), the highest of their
  /// maxima (`total`'s stays zero: it is in no output) and the sum of the
  /// calls refused.
  struct Row: BitwiseCopyable {
    var meanSums: InlineArray<5, Double>
    var maxima: InlineArray<5, Int32>
    var rejectedSum: Double

    static var zero: Row { Row(meanSums: InlineArray(repeating: 0), maxima: InlineArray(repeating: 0), rejectedSum: 0) }
  }

  private var rows = RecordSpool<Row>(streams: 1)
  /// Start of the first bucket (the warm-up) and width of a bucket, in seconds.
  public private(set) var startSeconds = 0.0
  public private(set) var resolution = 0.0
  /// Replications added so far.
  public private(set) var count = 0

  public init() {}

  /// Adds one replication's buckets; call in replication order. A longer
  /// replication extends the series (the earlier ones had zeros there); a
  /// shorter one adds nothing past its end.
  public mutating func add(_ result: ReplicationResult) {
    precondition(Row.zero.meanSums.count == TrackedLevel.count, "a row holds one figure per TrackedLevel")
    if count == 0 {
      startSeconds = result.seriesStart
      resolution = result.seriesResolution
    }
    count += 1
    guard let source = result.series.spool else { return }
    if !isKnownUniquelyReferenced(&rows) { rows = rows.copy() }
    let buckets = result.series.bucketCount
    let chunkRecords = RecordSpool<Row>.chunkRecords
    let resolution = result.seriesResolution
    let levels = ReplicationSeries.levels
    let refusals = ReplicationSeries.refusals
    let categories = TrackedLevel.callCategories.map { ReplicationSeries.stream(of: $0)! }
    for chunk in 0..<(buckets + chunkRecords - 1) / chunkRecords {
      let streams = (0...refusals).map { source.read($0, chunk: chunk) }
      let length = streams[0].count
      rows.modify(0, chunk: chunk) { rows in
        if rows.count < length { rows.append(contentsOf: repeatElement(.zero, count: length - rows.count)) }
        for bucket in 0..<length {
          var row = rows[bucket]
          for (stream, level) in levels.enumerated() {
            let record = streams[stream][bucket]
            row.meanSums[level.rawValue] += record.area / resolution
            if record.count > row.maxima[level.rawValue] { row.maxima[level.rawValue] = record.count }
          }
          // The total's integral is the categories' sum, in their order.
          var total = streams[categories[0]][bucket].area
          for stream in categories.dropFirst() { total += streams[stream][bucket].area }
          row.meanSums[TrackedLevel.total.rawValue] += total / resolution
          row.rejectedSum += Double(streams[refusals][bucket].count)
          rows[bucket] = row
        }
      }
    }
  }

  /// Number of combined buckets.
  public var bucketCount: Int { rows.counts[0] }

  /// Start of bucket `bucket`, in seconds since t = 0.
  @inline(__always)
  public func start(ofBucket bucket: Int) -> Double { startSeconds + Double(bucket) * resolution }

  /// Mean over replications of `level`'s time average in bucket `bucket`
  /// (read in place: writing a long series builds no bucket values).
  @inline(__always)
  public func mean(_ level: TrackedLevel, inBucket bucket: Int) -> Double {
    rows.record(0, at: bucket).meanSums[level.rawValue] / Double(count)
  }

  /// Highest of the replications' maxima of `level` in bucket `bucket`.
  @inline(__always)
  public func maximum(_ level: TrackedLevel, inBucket bucket: Int) -> Int { Int(rows.record(0, at: bucket).maxima[level.rawValue]) }

  /// Mean number of calls refused in bucket `bucket`.
  @inline(__always)
  public func rejected(inBucket bucket: Int) -> Double { rows.record(0, at: bucket).rejectedSum / Double(count) }

  /// Whether the combined buckets went to a temporary file (a long series).
  var isSpilled: Bool { rows.hasSpilled }

  /// The combined buckets (computed on each access: keep the result; long
  /// series read them in place through ``mean(_:inBucket:)`` and its siblings).
  public var buckets: [Bucket] {
    let n = Double(count)
    return (0..<bucketCount).map { bucket in
      let row = rows.record(0, at: bucket)
      return Bucket(
        index: bucket, startSeconds: start(ofBucket: bucket),
        means: (0..<TrackedLevel.count).map { row.meanSums[$0] / n },
        maxima: (0..<TrackedLevel.count).map { Int(row.maxima[$0]) }, rejected: row.rejectedSum / n)
    }
  }
}

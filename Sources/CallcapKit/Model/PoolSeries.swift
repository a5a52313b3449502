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
  /// One stream per pool and level (`pool * 2 + level`) of buckets in
  /// order: level x time, and the highest level.
  private let spool: RecordSpool<ReplicationSeries.Record>

  init(pools: Int, start: Double, resolution: Double) {
    self.pools = pools
    self.start = start
    self.resolution = resolution
    spool = RecordSpool(streams: pools * Self.levels)
  }

  var stride: Int { pools * Self.levels }

  /// A finished bucket of `pool` (``AgentPools`` fills one bucket at a time
  /// per pool and hands it over when the time passes its end; buckets not
  /// handed over hold zeros).
  mutating func add(pool: Int, bucket: Int, waiting: Double, busy: Double, waitingMax: Int, busyMax: Int) {
    if waiting == 0 && busy == 0 { return }  // zeros are the buckets' default
    let first = pool * Self.levels
    for stream in first..<first + Self.levels {
      spool.append(.init(area: 0, count: 0), count: bucket - spool.counts[stream], to: stream)
    }
    spool.append(.init(area: waiting, count: Int32(clamping: waitingMax)), to: first + Self.waiting)
    spool.append(.init(area: busy, count: Int32(clamping: busyMax)), to: first + Self.busy)
  }

  /// The replication's buckets, `buckets` long (the call series' length,
  /// from the warm-up to the end of the last call), handed over.
  func buckets(count buckets: Int) -> PoolBuckets {
    for stream in 0..<stride {
      if spool.counts[stream] > buckets {
        spool.truncate(stream, to: buckets)
      } else {
        spool.append(.init(area: 0, count: 0), count: buckets - spool.counts[stream], to: stream)
      }
    }
    return PoolBuckets(pools: pools, resolution: resolution, spool: spool)
  }
}

/// One replication's per-pool buckets (see ``PoolSeries``), as stored in
/// a ``ReplicationResult`` and a shard file.
public struct PoolBuckets: Sendable {
  public let pools: Int
  /// Width of a bucket, in seconds.
  public let resolution: Double
  /// One stream per pool and level (`pool * 2 + level`).
  let spool: RecordSpool<ReplicationSeries.Record>

  init(pools: Int, resolution: Double, spool: RecordSpool<ReplicationSeries.Record>) {
    self.pools = pools
    self.resolution = resolution
    self.spool = spool
  }

  /// Number of buckets.
  public var bucketCount: Int { spool.streamCount == 0 ? 0 : spool.counts[0] }

  /// Per bucket, pool and level (waiting, busy) flattened as
  /// `(bucket * pools + pool) * 2 + level`: the time average (a copy, for tests).
  public var means: [Double] { flattened { $0.area / resolution } }
  /// The same for the highest level.
  public var maxima: [Int32] { flattened(\.count) }

  private func flattened<Value>(_ value: (ReplicationSeries.Record) -> Value) -> [Value] {
    (0..<bucketCount).flatMap { bucket in (0..<spool.streamCount).map { value(spool.record($0, at: bucket)) } }
  }

  /// Each stream's records, as arrays.
  fileprivate var arrays: (areas: [[Double]], counts: [[Int32]]) {
    let streams = (0..<spool.streamCount).map { stream in (0..<spool.chunkCount(stream)).flatMap { spool.read(stream, chunk: $0) } }
    return (streams.map { $0.map(\.area) }, streams.map { $0.map(\.count) })
  }
}

extension PoolBuckets: Codable, Equatable {
  private enum CodingKeys: String, CodingKey { case pools, resolution, areas, counts }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    pools = try container.decode(Int.self, forKey: .pools)
    resolution = try container.decode(Double.self, forKey: .resolution)
    let areas = try container.decode([[Double]].self, forKey: .areas)
    let counts = try container.decode([[Int32]].self, forKey: .counts)
    guard pools >= 0, areas.count == pools * PoolSeries.levels, counts.count == areas.count,
      zip(areas, counts).allSatisfy({ $0.count == $1.count && $0.count == areas.first?.count })
    else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "agent-pool streams of unequal length"))
    }
    spool = RecordSpool(streams: areas.count)
    for stream in areas.indices {
      for index in areas[stream].indices { spool.append(.init(area: areas[stream][index], count: counts[stream][index]), to: stream) }
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    let arrays = arrays
    try container.encode(pools, forKey: .pools)
    try container.encode(resolution, forKey: .resolution)
    try container.encode(arrays.areas, forKey: .areas)
    try container.encode(arrays.counts, forKey: .counts)
  }

  public static func == (lhs: PoolBuckets, rhs: PoolBuckets) -> Bool {
    lhs.pools == rhs.pools && lhs.resolution == rhs.resolution && lhs.arrays.areas == rhs.arrays.areas
      && lhs.arrays.counts == rhs.arrays.counts
  }
}

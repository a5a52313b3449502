/// One replication's time series as the ``LevelTracker`` writes it: per
/// bucket, each stored level's integral and maximum, and the calls
/// refused. `total` is not stored: its integral is the categories' sum,
/// formed when the series is combined (``TimeSeries/add(_:)``), and its
/// maxima are in no output.
///
/// Each level is its own stream of buckets in order (a level that does not
/// change is written only when the replication ends), so a long series is
/// never held whole: the buckets go to a ``RecordSpool``.
public struct ReplicationSeries: Sendable {
  /// A bucket of one stream: a level's integral over the bucket and its
  /// maximum, or (the refusal stream) the calls refused in `count`.
  struct Record: BitwiseCopyable {
    var area: Double
    var count: Int32
  }

  /// The stored levels, in stream order; the refusals follow them.
  static let levels: [TrackedLevel] = [.inbound, .outbound, .forwarded, .queue]
  static let refusals = levels.count

  /// Stream of `level` (nil for `total`).
  @inline(__always)
  static func stream(of level: TrackedLevel) -> Int? {
    switch level {
    case .inbound: 0
    case .outbound: 1
    case .forwarded: 2
    case .queue: 3
    case .total: nil
    }
  }

  /// Nil while empty (a result whose buckets were combined already).
  private(set) var spool: RecordSpool<Record>?

  /// An empty series.
  public init() {}

  init(spool: RecordSpool<Record>) { self.spool = spool }

  /// A series to be written by a tracker.
  static func writable() -> ReplicationSeries { ReplicationSeries(spool: RecordSpool(streams: levels.count + 1)) }

  /// Number of buckets (every stream has as many once the tracker finished).
  public var bucketCount: Int { spool?.counts[0] ?? 0 }

  /// Integral of `level` over bucket `bucket` (random access, for tests;
  /// combining reads whole chunks).
  func area(_ level: TrackedLevel, inBucket bucket: Int) -> Double {
    guard let spool else { return 0 }
    guard let stream = Self.stream(of: level) else {
      return TrackedLevel.callCategories.reduce(0) { $0 + spool.record(Self.stream(of: $1)!, at: bucket).area }
    }
    return spool.record(stream, at: bucket).area
  }
}

extension ReplicationSeries {
  /// A series from its streams as arrays (``levels`` in order, then the
  /// refusals): each level's integrals and maxima, the refusals' counts
  /// (their areas are zero). Nil unless there is one array per stream, all
  /// of one length.
  init?(areas: [[Double]], counts: [[Int32]]) {
    guard areas.count == Self.levels.count + 1, counts.count == areas.count,
      zip(areas, counts).allSatisfy({ $0.count == $1.count && $0.count == areas[0].count })
    else { return nil }
    guard !areas[0].isEmpty else { return }
    let spool = RecordSpool<Record>(streams: areas.count)
    for stream in areas.indices {
      for index in areas[stream].indices { spool.append(Record(area: areas[stream][index], count: counts[stream][index]), to: stream) }
    }
    self.spool = spool
  }

  /// Each stream's integrals, as arrays (``levels`` in order, then the refusals').
  var areas: [[Double]] { arrays(\.area) }
  /// Each stream's maxima (the refusals' stream: calls refused), as arrays.
  var counts: [[Int32]] { arrays(\.count) }

  private func arrays<Value>(_ field: KeyPath<Record, Value>) -> [[Value]] {
    var arrays: [[Value]] = Array(repeating: [], count: Self.levels.count + 1)
    guard let spool else { return arrays }
    for stream in 0..<spool.streamCount {
      for chunk in 0..<spool.chunkCount(stream) {
        arrays[stream].append(contentsOf: spool.read(stream, chunk: chunk).map { $0[keyPath: field] })
      }
    }
    return arrays
  }
}

extension ReplicationSeries: Codable {
  /// Shard files carry each replication's series as plain arrays, one per stream.
  private enum CodingKeys: String, CodingKey { case areas, counts }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    guard
      let series = ReplicationSeries(
        areas: try container.decode([[Double]].self, forKey: .areas), counts: try container.decode([[Int32]].self, forKey: .counts))
    else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "time-series streams of unequal length"))
    }
    self = series
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(areas, forKey: .areas)
    try container.encode(counts, forKey: .counts)
  }
}

/// A level the ``LevelTracker`` follows over time: the simultaneous calls
/// of a concurrency category, or the number of requests waiting in the
/// API queue. Code addresses levels by name; the raw value is only the
/// position in the tracker's flat storage (`bucket * count + level`).
public enum TrackedLevel: Int, CaseIterable, Sendable {
  case inbound = 0
  case outbound
  case forwarded
  /// The sum of the three call categories.
  case total
  case queue

  /// Number of levels: the stride of the flat per-bucket arrays.
  public static let count = allCases.count

  /// The levels that are call categories, whose sum is `total`.
  public static let callCategories: [TrackedLevel] = [.inbound, .outbound, .forwarded]

  /// Whether the level is one of the call categories that `total` sums.
  @inline(__always)
  var isCallCategory: Bool { rawValue < TrackedLevel.total.rawValue }

  /// The level's name in file headers (`inbound_mean`, `queue_max`, ...).
  public var name: String {
    switch self {
    case .inbound: "inbound"
    case .outbound: "outbound"
    case .forwarded: "forwarded"
    case .total: "total"
    case .queue: "queue"
    }
  }

  /// The tracked level of a concurrency category.
  public init(_ category: ConcurrencyCategory) {
    switch category {
    case .inbound: self = .inbound
    case .outbound: self = .outbound
    case .forwarded: self = .forwarded
    case .total: self = .total
    }
  }
}

extension TimeSeries.Bucket {
  /// Mean over replications of `level`'s time average in the bucket.
  public func mean(_ level: TrackedLevel) -> Double { means[level.rawValue] }

  /// Highest of the replications' maxima of `level` in the bucket.
  public func maximum(_ level: TrackedLevel) -> Int { maxima[level.rawValue] }
}

/// `--shard K/N`: the K-th of N machines runs the replications `r` with
/// `r mod N = K - 1`, so every shard gets an even share of any
/// replication count and shard K's indices are known without the others.
public struct ShardSpec: Sendable, Hashable, CustomStringConvertible {
  /// 1-based, `1...shards`.
  public let shard: Int
  public let shards: Int

  /// Validates `1 <= shard <= shards`.
  public init?(shard: Int, of shards: Int) {
    guard shards >= 1, (1...shards).contains(shard) else { return nil }
    self.shard = shard
    self.shards = shards
  }

  /// Reads `K/N` (decimal, no signs or spaces); nil with a reason otherwise.
  public static func parse(_ text: String) -> Result<ShardSpec, ShardSpecError> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let k = Self.count(parts[0]), let n = Self.count(parts[1]) else {
      return .failure(ShardSpecError("--shard takes K/N with whole numbers, e.g. --shard 2/8; got '\(text)'"))
    }
    guard n >= 1 else { return .failure(ShardSpecError("--shard \(text): N must be at least 1")) }
    guard let spec = ShardSpec(shard: k, of: n) else {
      return .failure(ShardSpecError("--shard \(text): K must be between 1 and N (\(n))"))
    }
    return .success(spec)
  }

  private static func count(_ text: Substring) -> Int? {
    guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return Int(text)
  }

  /// The replication indices of this shard out of `0..<replications`, ascending.
  public func indices(of replications: Int) -> [Int] {
    Array(stride(from: shard - 1, to: replications, by: shards))
  }

  /// `2/8`.
  public var description: String { "\(shard)/\(shards)" }

  /// `launch-day.shard-2-of-8.json`: the result file of scenario (or comparison) `name`.
  public func fileName(_ name: String) -> String { "\(name).shard-\(shard)-of-\(shards).json" }
}

/// Why a `--shard` value was refused.
public struct ShardSpecError: Error, Sendable, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}

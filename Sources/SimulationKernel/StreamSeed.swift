/// The seed of one random stream, derived from the scenario seed, the
/// replication index and the stream's purpose alone.
///
/// Derivation mixes the three inputs with SplitMix64 (Steele, Lea and Flood,
/// 2014), whose output bits are all sensitive to every input bit, so nearby
/// replication indices give unrelated streams.
public struct StreamSeed: Sendable, Hashable {
  /// The 64-bit seed value.
  public let value: UInt64

  /// The seed for stream `purpose` of replication `replication` under `seed`.
  public init(seed: UInt64, replication: Int, purpose: UInt64) {
    var state = StreamSeed.mix(seed)
    state = StreamSeed.mix(state ^ UInt64(truncatingIfNeeded: replication) &* 0x9E37_79B9_7F4A_7C15)
    state = StreamSeed.mix(state ^ purpose &* 0xBF58_476D_1CE4_E5B9)
    value = state
  }

  static func mix(_ input: UInt64) -> UInt64 {
    var z = input &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

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

  /// The seed for the stream named `label` (e.g. `traffic:support`).
  /// Naming streams, rather than numbering them, keeps a stream the same
  /// when the model around it changes (another class added, classes
  /// reordered): the basis of common random numbers across scenarios.
  public init(seed: UInt64, replication: Int, label: String) {
    self.init(seed: seed, replication: replication, purpose: StreamSeed.purpose(label))
  }

  /// FNV-1a, 64 bits, of the label's UTF-8 bytes.
  public static func purpose(_ label: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in label.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  static func mix(_ input: UInt64) -> UInt64 {
    var z = input &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

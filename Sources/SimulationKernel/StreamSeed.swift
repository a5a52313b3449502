/// The seed of one random stream, derived from the scenario seed, the
/// replication index and the stream's purpose alone: the whole 256-bit
/// state of the stream's generator (see ``RandomStream``).
///
/// The derivation is injective: distinct (seed, replication, purpose)
/// triples give distinct states, so no two streams coincide, however many
/// replications run (a 64-bit hash of the three would make two of 10^9
/// streams coincide about 3% of the time; MT19937's 32-bit seeds, long
/// before). It starts from the words (seed, replication, purpose, K) and
/// applies two rounds of four Feistel steps, each of which replaces one
/// word w by w XOR F(two other words) with F the SplitMix64 finaliser
/// (Steele, Lea and Flood, 2014). A Feistel step is undone by applying it
/// again, so the map is a bijection of 256-bit states, and after two
/// rounds every output bit depends on every input bit: nearby replication
/// indices give unrelated streams.
public struct StreamSeed: Sendable, Hashable {
  /// The generator state, four 64-bit words.
  public let a: UInt64
  public let b: UInt64
  public let c: UInt64
  public let d: UInt64

  /// The seed for stream `purpose` of replication `replication` under `seed`.
  public init(seed: UInt64, replication: Int, purpose: UInt64) {
    var a = seed
    var b = UInt64(truncatingIfNeeded: replication)
    var c = purpose
    var d: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2 {
      b ^= StreamSeed.mix(a ^ d)
      c ^= StreamSeed.mix(b ^ a)
      d ^= StreamSeed.mix(c ^ b)
      a ^= StreamSeed.mix(d ^ c)
    }
    (self.a, self.b, self.c, self.d) = (a, b, c, d)
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

  /// The first 64-bit output of xoshiro256** from this state: a bijection
  /// of the second word (the output scrambler of Blackman and Vigna).
  public var firstOutput: UInt64 {
    let product = b &* 5
    return ((product << 7) | (product >> 57)) &* 9
  }

  /// The SplitMix64 finaliser: a bijection of 64-bit words with full avalanche.
  static func mix(_ input: UInt64) -> UInt64 {
    var z = input &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

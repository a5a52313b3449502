/// The account profile's concurrency caps (SPEC "Account profile caps"):
/// one pool per product, each with its cap and its live calls. A call
/// holds a slot of its pool from the moment it is placed (ringing
/// included, whatever `count_ringing` says) until it ends, so the live
/// calls of a pool never exceed its cap; a call that finds its pool full
/// is refused (10004).
struct AccountCapPools: Sendable {
  /// The products with a cap of their own.
  enum Pool: Int, CaseIterable {
    /// Programmable Voice: API, inbound and forwarded calls.
    case voice = 0
    /// SIP trunking: outbound calls through a trunk.
    case trunking
  }

  /// Each pool's cap (`Int.max` without one) and its live calls.
  private let caps: InlineArray<2, Int>
  private var live = InlineArray<2, Int>(repeating: 0)

  init(voiceCap: Int?, trunkingCap: Int?) {
    caps = [voiceCap ?? .max, trunkingCap ?? .max]
  }

  /// The pool of a traffic class: outbound calls through a SIP trunk count
  /// against the trunking cap; every other call (API, inbound, forwarded)
  /// is a Programmable Voice call and counts against the voice cap.
  static func pool(of traffic: SimulationModel.Traffic) -> Pool {
    if traffic.type == .outbound, case .trunk = traffic.gate { return .trunking }
    return .voice
  }

  /// Takes a slot of `pool`, or returns false when the pool is full.
  @inline(__always)
  mutating func take(_ pool: Pool) -> Bool {
    guard live[pool.rawValue] < caps[pool.rawValue] else { return false }
    live[pool.rawValue] += 1
    return true
  }

  /// Gives back a slot of `pool` (the call ended or was refused).
  @inline(__always)
  mutating func give(_ pool: Pool) {
    assert(live[pool.rawValue] > 0, "giving back a slot of an empty pool")
    live[pool.rawValue] -= 1
  }

  /// Live calls in `pool`.
  func liveCalls(_ pool: Pool) -> Int { live[pool.rawValue] }
}

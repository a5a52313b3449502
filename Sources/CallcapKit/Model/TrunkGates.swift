import BasicContainers
import SimulationKernel

/// The SIP trunks' CPS limiters (SPEC "Trunk gate") and the account's
/// pooled trunk CPS (SPEC "Per-gate plans and the trunk pool").
///
/// An attempt passes its trunk's limiter and then, when the account has a
/// pool, the pool's: the platform checks the trunk's own CPS first. An
/// attempt the pool refuses is not placed, so it uses neither allowance
/// (the trunk's window counts only calls that went out); with a pool of P
/// over trunks of P each, the accepted attempts are then exactly those a
/// single limiter of P would accept from the merged stream. An attempt refused at
/// either gets 503; with the trunk's `retry` it comes back after a delay
/// drawn from the trunk's own stream, up to `attempts` more times whoever
/// refused it, then counts as rejected.
///
/// Each gate counts its own refusals: a trunk's `rejected` are the calls
/// whose last 503 was the trunk's, the pool's those whose last 503 was the
/// pool's; `retried` and `retryAttempts` count the retries that follow a
/// gate's own 503s (a call refused once by each counts as retried at both,
/// once at its traffic class). The pool's `offered` are the calls that
/// passed their trunk at least once. Each trunk also keeps the shape of
/// the traffic it carried (for the upgrade-eligibility check).
struct TrunkGates: ~Copyable {
  enum Outcome {
    /// Accepted: the call is placed now.
    case admitted
    /// Refused with 503; the call tries again at `at`.
    case retry(at: Double)
    /// Refused with 503 and no retry left.
    case rejected
  }

  private var limiters = UniqueArray<AnyTrunkLimiter>()
  private let retryDelays: [Sampler?]
  private let retryAttempts: [Int]
  private var retryStreams: [RandomSource]
  private(set) var counters: UniqueArray<CallCounters>
  private(set) var shapes: UniqueArray<TrafficShape>
  private let shortCallSeconds: Double
  /// Whether the account has a trunk pool; without one `pool` is never asked.
  let hasPool: Bool
  private var pool: AnyTrunkLimiter
  /// The pool's counts (scope `trunk-pool`); all zero without a pool.
  private(set) var poolCounters = CallCounters()

  /// `retryStreams`: one per trunk, in the model's order; `pool`: the
  /// account's trunk pool, if any.
  init(
    _ trunks: [SimulationModel.Trunk], pool: SimulationModel.TrunkPool? = nil, retryStreams: [RandomSource],
    shortCallSeconds: Double
  ) {
    self.shortCallSeconds = shortCallSeconds
    for trunk in trunks { limiters.append(AnyTrunkLimiter(trunk.settings, cps: trunk.cps)) }
    retryDelays = trunks.map(\.retryDelay)
    retryAttempts = trunks.map(\.retryAttempts)
    self.retryStreams = retryStreams
    counters = UniqueArray(repeating: CallCounters(), count: trunks.count)
    shapes = UniqueArray(repeating: TrafficShape(), count: trunks.count)
    hasPool = pool != nil
    self.pool = pool.map { AnyTrunkLimiter($0.settings, cps: $0.cps) } ?? AnyTrunkLimiter(.slidingWindow, cps: 1, burst: nil)
  }

  /// An attempt at `now` through `trunk` by a call refused `attempts`
  /// times before; `passage` is the call's record of what its earlier
  /// attempts met, updated here.
  @inline(__always)
  mutating func attempt(trunk: Int, attempts: Int, passage: inout TrunkPassage, measured: Bool, at now: Double) -> Outcome {
    if measured && attempts == 0 { counters[trunk].offered += 1 }
    let micros = Microseconds.of(now)
    var refusedByPool = false
    if limiters[trunk].allows(atMicros: micros) {
      guard hasPool else {
        limiters[trunk].record(atMicros: micros)
        return .admitted
      }
      if measured && !passage.contains(.reachedPool) { poolCounters.offered += 1 }
      passage.insert(.reachedPool)
      if pool.admit(atMicros: micros) {
        limiters[trunk].record(atMicros: micros)
        return .admitted
      }
      // 503 over the pooled CPS: the call is not placed, so the trunk's allowance is not used.
      refusedByPool = true
    }
    // 503 Trunk CPS limit exceeded (by the trunk or the pool).
    if attempts < retryAttempts[trunk], let delay = retryDelays[trunk] {
      if measured {
        if refusedByPool {
          if !passage.contains(.retriedByPool) { poolCounters.retried += 1 }
          poolCounters.retryAttempts += 1
        } else {
          if !passage.contains(.retriedByTrunk) { counters[trunk].retried += 1 }
          counters[trunk].retryAttempts += 1
        }
      }
      passage.insert(refusedByPool ? .retriedByPool : .retriedByTrunk)
      return .retry(at: Microseconds.snap(now + delay.draw(retryStreams[trunk])))
    }
    if measured {
      if refusedByPool { poolCounters.rejected += 1 } else { counters[trunk].rejected += 1 }
    }
    return .rejected
  }

  /// Records a measured call placed through `trunk` (`talk` negative when unanswered).
  @inline(__always)
  mutating func recordPlaced(trunk: Int, talk: Double) {
    shapes[trunk].record(talk: talk, shortCallSeconds: shortCallSeconds)
  }
}

/// What a call's attempts through the trunk gates met so far, kept in its
/// slot so each gate counts a call once (offered to the pool, retried
/// after the trunk's or the pool's 503).
struct TrunkPassage: OptionSet {
  let rawValue: UInt8

  /// An attempt passed the trunk and reached the pool.
  static let reachedPool = TrunkPassage(rawValue: 1)
  /// Retried after a 503 of the call's trunk.
  static let retriedByTrunk = TrunkPassage(rawValue: 2)
  /// Retried after a 503 of the pool.
  static let retriedByPool = TrunkPassage(rawValue: 4)
}

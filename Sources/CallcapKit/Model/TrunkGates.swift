import BasicContainers
import SimulationKernel

/// The SIP trunks' CPS limiters (SPEC "Trunk gate"): an attempt over a
/// trunk's allowance gets 503; with `retry` it comes back after a delay
/// drawn from the trunk's own stream, up to `attempts` more times, then
/// counts as rejected. Each trunk counts its own offered, retried and
/// rejected calls and the shape of the traffic it carried (for the
/// upgrade-eligibility check).
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

  /// `retryStreams`: one per trunk, in the model's order.
  init(_ trunks: [SimulationModel.Trunk], retryStreams: [RandomSource], shortCallSeconds: Double) {
    self.shortCallSeconds = shortCallSeconds
    for trunk in trunks { limiters.append(AnyTrunkLimiter(trunk.settings, cps: trunk.cps)) }
    retryDelays = trunks.map(\.retryDelay)
    retryAttempts = trunks.map(\.retryAttempts)
    self.retryStreams = retryStreams
    counters = UniqueArray(repeating: CallCounters(), count: trunks.count)
    shapes = UniqueArray(repeating: TrafficShape(), count: trunks.count)
  }

  /// An attempt at `now` through `trunk` by a call refused `attempts`
  /// times before.
  @inline(__always)
  mutating func attempt(trunk: Int, attempts: Int, measured: Bool, at now: Double) -> Outcome {
    if measured && attempts == 0 { counters[trunk].offered += 1 }
    if limiters[trunk].admit(at: now) { return .admitted }
    // 503 Trunk CPS limit exceeded.
    if attempts < retryAttempts[trunk], let delay = retryDelays[trunk] {
      if measured {
        if attempts == 0 { counters[trunk].retried += 1 }
        counters[trunk].retryAttempts += 1
      }
      return .retry(at: Microseconds.snap(now + delay.draw(retryStreams[trunk])))
    }
    if measured { counters[trunk].rejected += 1 }
    return .rejected
  }

  /// Records a measured call placed through `trunk` (`talk` negative when unanswered).
  @inline(__always)
  mutating func recordPlaced(trunk: Int, talk: Double) {
    shapes[trunk].record(talk: talk, shortCallSeconds: shortCallSeconds)
  }
}

import SimulationKernel

/// What chance decides about one offered call.
struct CallDraws: BitwiseCopyable, Sendable {
  /// False when the caller cannot reach the number (see ``Reachability``).
  var reachable = true
  var ring = 0.0
  /// Talk time after answer; negative when the call will not be answered.
  var talk = 0.0
}

/// The calls of one traffic class as chance decides them, drawn from the
/// class's own stream in arrival order, so the same call gets the same
/// ring, answer and talk at every tier and in every compared scenario.
/// Calls are drawn a batch ahead (see ``Lookahead``); the stream feeds
/// nothing else, so the values are those of drawing one at a time.
struct CallSource {
  private let inbound: Bool
  private let unreachableShare: Double
  private let answerShare: Double
  private let ring: Sampler
  private let duration: Sampler
  private let stream: RandomSource
  private var batch = Lookahead(placeholder: CallDraws())

  init(_ traffic: SimulationModel.Traffic, stream: RandomSource) {
    // Operators' rings are drawn per ring from the class's agents stream.
    inbound = traffic.type == .inbound || traffic.agents?.ringsOperators == true
    unreachableShare = traffic.unreachableShare
    answerShare = traffic.answerShare
    ring = traffic.ring
    duration = traffic.duration
    self.stream = stream
  }

  /// The next offered call.
  @inline(__always)
  mutating func next() -> CallDraws {
    if batch.isEmpty { refill() }
    return batch.take()
  }

  /// Draws the next batch into a local copy: filling `batch` in place while
  /// `draw` reads `self` made the compiler copy all of `self` per draw.
  private mutating func refill() {
    var fresh = batch
    fresh.fill { draw() }
    batch = fresh
  }

  /// Draws one call, always in this order: reachability (only when some
  /// callers cannot reach the number; an unreachable call draws nothing
  /// more), ring time and answer (outbound legs only), talk time.
  private func draw() -> CallDraws {
    var call = CallDraws()
    if unreachableShare > 0 && stream.bernoulli(unreachableShare) {
      call.reachable = false
      return call
    }
    if inbound {
      call.talk = duration.draw(stream)
    } else {
      call.ring = ring.draw(stream)
      let answered = stream.bernoulli(answerShare)
      let talk = duration.draw(stream)
      call.talk = answered ? talk : -1
    }
    return call
  }
}

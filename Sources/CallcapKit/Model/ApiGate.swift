import DequeModule

/// The API gate (SPEC "API gate"): requests wait in one FIFO queue of at
/// most `capacity` and are released by the ``ApiPacer``; the wait is
/// time of release minus time of request. Requests beyond the capacity are
/// refused (22005). The gate measures what is its own: requests offered
/// and refused, waits, and the longest busy period (the drain time).
///
/// Its next release is a timer of the ``SimulationKernel/Scheduler`` (one
/// release at most is pending), set by whoever composes the gate from the
/// times ``request(_:measured:at:)`` and ``release(at:)`` return.
struct ApiGate: ~Copyable {
  enum Admission {
    /// Released at once: the queue was empty and the pacer allowed it.
    case released
    /// Queued; `releaseAt` is the time to set the release timer to, or
    /// infinity when a release is pending already.
    case queued(releaseAt: Double)
    /// The queue was full (22005).
    case refused
  }

  private var pacer: ApiPacer
  private let capacity: Int
  private let warmup: Double
  private var queue = UniqueDeque<CallHandle>()
  private var releasePending = false
  private var busySince = 0.0
  /// Longest busy period after the warm-up (the drain time).
  private(set) var longestDrain = 0.0
  private(set) var waits: WaitStatistics
  /// Measured requests offered and refused by the gate itself.
  private(set) var counters = CallCounters()

  init(_ model: SimulationModel) {
    pacer = ApiPacer(model: model.pacing, cps: model.apiCPS)
    capacity = model.apiQueueCapacity
    warmup = model.warmup
    waits = WaitStatistics(longestWaitSeconds: model.maxQueueWait)
  }

  /// A request for `call` at `now`.
  @inline(__always)
  mutating func request(_ call: CallHandle, measured: Bool, at now: Double) -> Admission {
    if measured { counters.offered += 1 }
    if queue.count >= capacity {
      if measured { counters.refusedQueueFull += 1 }
      return .refused
    }
    if queue.isEmpty && !releasePending && pacer.earliestRelease(notBefore: now) <= now {
      pacer.release(at: now)
      if measured { waits.record(0) }
      return .released
    }
    if queue.isEmpty { busySince = now }
    queue.append(call)
    guard !releasePending else { return .queued(releaseAt: .infinity) }
    releasePending = true
    return .queued(releaseAt: pacer.earliestRelease(notBefore: now))
  }

  /// Releases the first request at `now` (its release time) and returns
  /// its call; then ``nextRelease(after:)`` tells when the next may go.
  @inline(__always)
  mutating func release(at now: Double) -> CallHandle {
    let call = queue.removeFirst()
    pacer.release(at: now)
    return call
  }

  /// Records the wait of a measured request released at `now`.
  @inline(__always)
  mutating func recordWait(requestedAt: Double, releasedAt now: Double) {
    waits.record(now - requestedAt)
  }

  /// After a release at `now`: when the next release may happen, or
  /// infinity when the queue is empty (the busy period ends).
  @inline(__always)
  mutating func nextRelease(after now: Double) -> Double {
    if queue.isEmpty {
      releasePending = false
      // Only the part of a busy period after the warm-up is measured.
      longestDrain = max(longestDrain, now - max(busySince, warmup))
      return .infinity
    }
    return pacer.earliestRelease(notBefore: now)
  }
}

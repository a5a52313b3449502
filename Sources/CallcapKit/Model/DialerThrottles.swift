import BasicContainers
import DequeModule

/// The application's own throttles (SPEC "The application's own pacing,
/// and deadlines"): per outbound class with a `dialer`, the calls in
/// progress (`max_in_progress`) and the spacing of starts (`max_rate`),
/// with one FIFO of requests held inside the application.
///
/// A call of such a class asks its throttle before its gate. It goes on
/// at once when nothing is held before it, a place is free and the rate
/// allows it now; otherwise it is held. From its release it holds a place
/// until it ends (a refused call ends at once). A held request is released
/// when both limits allow it: the head of the FIFO takes the place a
/// call's end frees, and the rate spaces starts one every 1 / `max_rate`
/// seconds, as the API gate's smooth pacing spaces releases (an
/// ``ApiPacer``: the n-th start of a busy run is at its first plus
/// n / rate, exactly on the microsecond grid).
///
/// The next release a rate waits for is a timer (one per throttle, at
/// most one pending), set by whoever composes the throttles from the
/// times ``request(_:traffic:measured:at:)`` and ``next(traffic:at:)``
/// return. Invariant: a throttle holds requests only while its places are
/// all taken or its timer is pending.
///
/// The throttle measures what is its own: each measured call's wait from
/// request to release (to its gate), in a ``WaitStatistics``.
struct DialerThrottles: ~Copyable {
  enum Admission {
    /// Released at once: go on to the gate.
    case released
    /// Held; `releaseAt` is the time to set the throttle's timer to, or
    /// infinity when a call's end will release it (or the timer is set already).
    case held(releaseAt: Double)
  }

  enum Next {
    /// Nothing to release now: nothing is held, every place is taken, or the timer is pending.
    case idle
    /// The rate allows the next start at `time`: set the throttle's timer to it.
    case wait(until: Double)
    /// Released now: the call goes on to its gate.
    case release(CallHandle)
  }

  /// One class's throttle.
  struct Throttle {
    let maxInProgress: Int
    let paced: Bool
    var pacer: ApiPacer
    var inProgress = 0
    var timerPending = false
    var waits: WaitStatistics
  }

  /// Per traffic class, its throttle's index, or -1 without one.
  private let throttleOf: [Int]
  /// Per throttle, its traffic class.
  let trafficOf: [Int]
  private var throttles = UniqueArray<Throttle>()
  private var held = UniqueArray<UniqueDeque<CallHandle>>()

  init(_ traffic: [SimulationModel.Traffic]) {
    var throttleOf: [Int] = []
    var trafficOf: [Int] = []
    for (index, trafficClass) in traffic.enumerated() {
      guard let dialer = trafficClass.dialer else {
        throttleOf.append(-1)
        continue
      }
      throttleOf.append(trafficOf.count)
      trafficOf.append(index)
      let rate = dialer.maxRatePerSecond
      throttles.append(
        Throttle(
          maxInProgress: dialer.maxInProgress ?? .max, paced: rate != nil, pacer: ApiPacer(model: .smooth, cps: rate ?? 1),
          waits: WaitStatistics(longestWaitSeconds: 3600)))
      held.append(UniqueDeque<CallHandle>())
    }
    self.throttleOf = throttleOf
    self.trafficOf = trafficOf
  }

  /// Throttles, one per class with a dialer.
  var count: Int { trafficOf.count }

  /// The throttle of traffic class `traffic`, or nil.
  @inline(__always)
  func throttle(of traffic: Int) -> Int? {
    let index = throttleOf[traffic]
    return index < 0 ? nil : index
  }

  /// A request for `call` of the throttle `index` at `now`.
  @inline(__always)
  mutating func request(_ call: CallHandle, throttle index: Int, measured: Bool, at now: Double) -> Admission {
    if held[index].isEmpty && !throttles[index].timerPending && throttles[index].inProgress < throttles[index].maxInProgress
      && (!throttles[index].paced || throttles[index].pacer.earliestRelease(notBefore: now) <= now)
    {
      start(index, at: now)
      if measured { throttles[index].waits.record(0) }
      return .released
    }
    held[index].append(call)
    guard held[index].count == 1 else { return .held(releaseAt: .infinity) }
    // The first held request: it waits for a place or for the rate.
    switch next(throttle: index, at: now) {
    case .wait(let time): return .held(releaseAt: time)
    case .idle: return .held(releaseAt: .infinity)
    case .release: preconditionFailure("a request is held only when its throttle cannot release it now")
    }
  }

  /// A call of throttle `index` ended (or was refused): its place is free.
  @inline(__always)
  mutating func callEnded(throttle index: Int) {
    throttles[index].inProgress -= 1
  }

  /// The timer of throttle `index` fired: the rate allows the next start now.
  @inline(__always)
  mutating func timerFired(throttle index: Int) {
    throttles[index].timerPending = false
  }

  /// What throttle `index` can do at `now` with the head of its held
  /// requests: release it, wait for the rate (the timer is then pending),
  /// or nothing until a call ends.
  @inline(__always)
  mutating func next(throttle index: Int, at now: Double) -> Next {
    guard !held[index].isEmpty, !throttles[index].timerPending, throttles[index].inProgress < throttles[index].maxInProgress
    else { return .idle }
    if throttles[index].paced {
      let time = throttles[index].pacer.earliestRelease(notBefore: now)
      if time > now {
        throttles[index].timerPending = true
        return .wait(until: time)
      }
    }
    start(index, at: now)
    return .release(held[index].removeFirst())
  }

  /// Records the wait of a measured request released at `now`.
  @inline(__always)
  mutating func recordWait(throttle index: Int, requestedAt: Double, releasedAt now: Double) {
    throttles[index].waits.record(now - requestedAt)
  }

  @inline(__always)
  private mutating func start(_ index: Int, at now: Double) {
    throttles[index].inProgress += 1
    if throttles[index].paced { throttles[index].pacer.release(at: now) }
  }

  /// The value of a dialer metric of throttle `index` (nil: not the throttle's).
  func value(of metric: Metric, throttle index: Int) -> Double? {
    let waits = throttles[index].waits
    return switch metric {
    case .dialerWaitMean: waits.mean
    case .dialerWaitP95: waits.percentile(95)
    case .dialerWaitMax: waits.maximum
    default: nil
    }
  }
}

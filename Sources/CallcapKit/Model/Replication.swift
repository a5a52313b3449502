import BasicContainers
import DequeModule
import SimulationKernel

/// One replication of a ``SimulationModel``: the telephony model on the
/// event kernel. Calls pass their gate (API queue, trunk limiter or none),
/// take a slot of their account cap pool, ring, are answered or not, talk,
/// and end; every change of the simultaneous-call counts goes to a
/// ``LevelTracker``. Arrivals stop at the horizon; every call offered
/// before it is followed to its end (the drain), and measured.
///
/// Simultaneous events: every time the model forms is snapped to whole
/// microseconds (see ``Microseconds``), so instants that coincide exactly
/// coincide in the model. At one instant the events of the event list come
/// first, in the order they were scheduled (call ends, answers, trunk
/// retries), then the API release, then arrivals in source order. So a
/// call that ends at t frees its place (in the thresholds' counts and in
/// its cap pool) before a call released or arriving at t takes one: a burst
/// of B calls through c CPS (smooth pacing) lasting D s each peaks at
/// min(B, c x D), not c x D + 1.
///
/// Hot-loop rules: events are 24-byte values; a call's data lives in a
/// reusable slot table, so nothing is allocated per call in the steady
/// state; samplers and limiters are selected by switches. What the loop
/// mutates lives in noncopyable containers (`UniqueArray`, `UniqueDeque`),
/// which cost no copy-on-write check per access; hence the replication
/// itself is noncopyable.
struct Replication: ~Copyable {
  /// Events kept in the event list; arrivals and API releases are timers.
  private enum EventKind: UInt32 {
    case trunkRetry  // subject: call slot
    case answer  // subject: call slot
    case callEnd  // subject: call slot
  }

  /// A call in progress, waiting at a gate, or waiting to retry.
  /// (Not `private`: Swift 6.3 crashes compiling a debug build that keeps
  /// a private type in a `UniqueArray`.)
  struct Call {
    var traffic: Int32 = 0
    var attempts: Int32 = 0
    var arrival = 0.0
    var ring = 0.0
    /// Talk time after answer; negative when the call will not be answered.
    var talk = 0.0
    var counted = false
    var measured = false
    /// Whether the call holds a slot of its account cap pool.
    var holdsCapSlot = false
  }

  private let model: SimulationModel
  private let index: Int
  // Per traffic class, flattened so the loop reads small values, not a struct holding arrays.
  private let levelOf: [LevelTracker.Level]
  private let typeOf: [TrafficType]
  private let gateOf: [Gate]
  /// Account cap pool of each class (0 Programmable Voice, 1 SIP trunking),
  /// each pool's cap (`Int.max` without one) and its live calls.
  private let poolOf: [Int]
  private let capOfPool: InlineArray<2, Int>
  private var liveInPool = InlineArray<2, Int>(repeating: 0)
  private var scheduler = Scheduler()
  private var tracker: LevelTracker
  private var calls = UniqueArray<Call>(minimumCapacity: 1024)
  private var freeSlots = UniqueArray<Int32>(minimumCapacity: 1024)

  private var sources = UniqueArray<ArrivalSource>()
  /// Next arrival time of each source (infinity when exhausted). Arrivals and
  /// API releases are timers outside the event list: each process has at
  /// most one pending, so keeping them out of the heap saves two heap
  /// operations per call.
  private var nextArrival = UniqueArray<Double>()
  /// The earliest of `nextArrival` and its source (-1 when none is left).
  private var earliestArrival = Double.infinity
  private var earliestSource = -1
  private var nextRelease = Double.infinity
  /// Owners of the generators; the loop draws through the plain
  /// ``RandomSource`` handles below, which cost no reference counting.
  private var streams: [RandomStream] = []
  private var sourceStreams: [RandomSource] = []
  private var callSources = UniqueArray<CallSource>()
  private var retryStreams: [RandomSource] = []

  private var pacer: ApiPacer
  private var apiQueue = UniqueDeque<Int32>()
  private var releasePending = false
  private var queueBusySince = 0.0
  private var longestDrain = 0.0
  private var waits: WaitStatistics
  private var apiCounters = CallCounters()

  private var limiters = UniqueArray<AnyTrunkLimiter>()
  private var trunkCounters: UniqueArray<CallCounters>
  private var trafficCounters: UniqueArray<CallCounters>
  private var unreachableCalls: UniqueArray<Int>
  private var shape = TrafficShape()
  private var trunkShapes: UniqueArray<TrafficShape>
  private var callsSimulated = 0
  private var events = 0
  /// Time of the latest event: at the end, when the last call ended.
  private var lastEventTime = 0.0

  init(model: SimulationModel, index: Int) {
    self.model = model
    self.index = index
    levelOf = model.traffic.map(\.level)
    typeOf = model.traffic.map(\.type)
    gateOf = model.traffic.map(\.gate)
    poolOf = model.traffic.map(Replication.capPool)
    capOfPool = [model.voiceCap ?? .max, model.trunkingCap ?? .max]
    tracker = LevelTracker(warmup: model.warmup, horizon: model.horizon, resolution: model.resolution, thresholds: model.thresholds)
    pacer = ApiPacer(model: model.pacing, cps: model.apiCPS)
    waits = WaitStatistics(longestWaitSeconds: model.maxQueueWait)
    for trunk in model.trunks { limiters.append(AnyTrunkLimiter(trunk.settings, cps: trunk.cps)) }
    trunkCounters = UniqueArray(repeating: CallCounters(), count: model.trunks.count)
    trafficCounters = UniqueArray(repeating: CallCounters(), count: model.traffic.count)
    trunkShapes = UniqueArray(repeating: TrafficShape(), count: model.trunks.count)
    unreachableCalls = UniqueArray(repeating: 0, count: model.traffic.count)

    // Streams depend on (seed, replication, name) only: the same at every
    // tier, and in every scenario that has a class or trunk of that name,
    // so tiers and compared scenarios see common random numbers.
    for (trafficIndex, traffic) in model.traffic.enumerated() {
      callSources.append(CallSource(traffic, stream: stream("traffic:\(traffic.name)")))
      for (sourceIndex, spec) in traffic.arrivals.enumerated() {
        sources.append(ArrivalSource(spec, traffic: trafficIndex, horizon: model.horizon))
        sourceStreams.append(stream("traffic:\(traffic.name)#arrivals\(sourceIndex)"))
      }
    }
    for trunk in model.trunks {
      retryStreams.append(stream("trunk:\(trunk.settings.name)#retries"))
    }
  }

  /// The account cap pool of a traffic class (SPEC "Account profile
  /// caps"): outbound calls through a SIP trunk count against the trunking
  /// cap; every other call (API, inbound, forwarded) is a Programmable
  /// Voice call and counts against the voice cap.
  static func capPool(_ traffic: SimulationModel.Traffic) -> Int {
    if traffic.type == .outbound, case .trunk = traffic.gate { return 1 }
    return 0
  }

  private mutating func stream(_ label: String) -> RandomSource {
    let stream = RandomStream(seed: StreamSeed(seed: model.seed, replication: index, label: label))
    streams.append(stream)
    return stream.source
  }

  /// Runs to the end: arrivals stop at the horizon, calls already offered
  /// are followed until they end.
  mutating func run() -> ReplicationResult {
    nextArrival = UniqueArray(repeating: .infinity, count: sources.count)
    for source in sources.indices { scheduleNextArrival(source) }
    findEarliestArrival()
    while true {
      // The earliest timer; at equal times the event list goes first, then
      // the API release, then arrivals in source order.
      let source = earliestArrival < nextRelease ? earliestSource : -1
      let timerTime = source < 0 ? nextRelease : earliestArrival
      // A stop request is honoured within 65536 events (well under a second).
      if events & 0xFFFF == 0 && Interruption.isRequested { break }
      if let listTime = scheduler.nextTime, listTime <= timerTime {
        let event = scheduler.next()!
        events &+= 1
        let now = event.time
        lastEventTime = now
        switch EventKind(rawValue: event.kind)! {
        case .trunkRetry: attemptTrunk(slot: event.subject, at: now)
        case .answer: answer(slot: event.subject, at: now)
        case .callEnd: end(slot: event.subject, at: now)
        }
      } else if timerTime.isFinite {
        events &+= 1
        lastEventTime = timerTime
        if source < 0 {
          nextRelease = .infinity
          releaseFromApiQueue(at: timerTime)
        } else {
          arrive(source: source, at: timerTime)
        }
      } else {
        break
      }
    }
    // The measured window ends with the last call (or at the horizon if that is later).
    tracker.finish(at: lastEventTime)
    return result()
  }

  // MARK: - Arrivals

  @inline(__always)
  private mutating func scheduleNextArrival(_ source: Int) {
    if let time = sources[source].next(sourceStreams[source]) {
      nextArrival[source] = Microseconds.snap(time)
    } else {
      nextArrival[source] = .infinity
    }
  }

  /// Finds the source whose arrival comes first (the lowest index at equal
  /// times). Only an arrival changes the sources' next times, so the scan
  /// runs once per arrival, not once per event.
  @inline(__always)
  private mutating func findEarliestArrival() {
    earliestArrival = .infinity
    earliestSource = -1
    for index in nextArrival.indices where nextArrival[index] < earliestArrival {
      earliestArrival = nextArrival[index]
      earliestSource = index
    }
  }

  private mutating func arrive(source: Int, at now: Double) {
    scheduleNextArrival(source)
    findEarliestArrival()
    let trafficIndex = sources[source].traffic
    let type = typeOf[trafficIndex]
    callsSimulated += 1

    // Every attribute is drawn now, in arrival order, from the class's own
    // stream (see ``CallDraws``). A caller who cannot reach the number (or
    // a destination the caller ID cannot reach) never connects.
    let draws = callSources[trafficIndex].next()
    if !draws.reachable {
      if now >= model.warmup { unreachableCalls[trafficIndex] += 1 }
      return
    }
    var call = Call()
    call.traffic = Int32(trafficIndex)
    call.arrival = now
    call.measured = now >= model.warmup
    call.ring = draws.ring
    call.talk = draws.talk
    if call.measured { trafficCounters[trafficIndex].offered += 1 }
    let slot = allocate(call)

    // The inbound leg of a forwarded call is live from arrival: it holds
    // its cap slot and counts in `forwarded` from now until the call ends.
    if type == .forward {
      guard takeCapSlot(slot: slot, at: now) else { return }
      count(slot: slot, at: now)
    }
    switch gateOf[trafficIndex] {
    case .none: place(slot: slot, at: now)
    case .api: requestApi(slot: slot, at: now)
    case .trunk: attemptTrunk(slot: slot, at: now)
    }
  }

  // MARK: - API gate

  private mutating func requestApi(slot: UInt32, at now: Double) {
    let measured = calls[Int(slot)].measured
    if measured { apiCounters.offered += 1 }
    if apiQueue.count >= model.apiQueueCapacity {
      if measured {
        apiCounters.refusedQueueFull += 1
        trafficCounters[Int(calls[Int(slot)].traffic)].refusedQueueFull += 1
      }
      refuse(slot: slot, at: now)
      return
    }
    if apiQueue.isEmpty && !releasePending && pacer.earliestRelease(notBefore: now) <= now {
      pacer.release(at: now)
      if measured { waits.record(0) }
      place(slot: slot, at: now)
      return
    }
    if apiQueue.isEmpty { queueBusySince = now }
    apiQueue.append(Int32(slot))
    tracker.change(.queue, by: 1, at: now)
    if !releasePending {
      releasePending = true
      nextRelease = pacer.earliestRelease(notBefore: now)
    }
  }

  private mutating func releaseFromApiQueue(at now: Double) {
    let slot = UInt32(apiQueue.removeFirst())
    tracker.change(.queue, by: -1, at: now)
    pacer.release(at: now)
    if calls[Int(slot)].measured { waits.record(now - calls[Int(slot)].arrival) }
    if apiQueue.isEmpty {
      releasePending = false
      // Only the part of a busy period after the warm-up is measured.
      longestDrain = max(longestDrain, now - max(queueBusySince, model.warmup))
    } else {
      nextRelease = pacer.earliestRelease(notBefore: now)
    }
    place(slot: slot, at: now)
  }

  // MARK: - Trunk gate

  private mutating func attemptTrunk(slot: UInt32, at now: Double) {
    guard case .trunk(let trunkIndex) = gateOf[Int(calls[Int(slot)].traffic)] else { return }
    let measured = calls[Int(slot)].measured
    if measured && calls[Int(slot)].attempts == 0 { trunkCounters[trunkIndex].offered += 1 }
    if limiters[trunkIndex].admit(at: now) {
      place(slot: slot, at: now)
      return
    }
    // 503 Trunk CPS limit exceeded.
    let trunk = model.trunks[trunkIndex]
    if Int(calls[Int(slot)].attempts) < trunk.retryAttempts, let delay = trunk.retryDelay {
      if measured {
        let traffic = Int(calls[Int(slot)].traffic)
        if calls[Int(slot)].attempts == 0 {
          trunkCounters[trunkIndex].retried += 1
          trafficCounters[traffic].retried += 1
        }
        trunkCounters[trunkIndex].retryAttempts += 1
        trafficCounters[traffic].retryAttempts += 1
      }
      calls[Int(slot)].attempts += 1
      let retry = Microseconds.snap(now + delay.draw(retryStreams[trunkIndex]))
      scheduler.schedule(at: retry, kind: EventKind.trunkRetry.rawValue, subject: slot)
      return
    }
    if measured {
      trunkCounters[trunkIndex].rejected += 1
      trafficCounters[Int(calls[Int(slot)].traffic)].rejected += 1
    }
    refuse(slot: slot, at: now)
  }

  // MARK: - Calls

  /// Takes a slot of the call's account cap pool, which it holds until it
  /// ends (ringing included, whatever `count_ringing` says), or refuses the
  /// call when the pool is full (10004).
  @inline(__always)
  private mutating func takeCapSlot(slot: UInt32, at now: Double) -> Bool {
    let traffic = Int(calls[Int(slot)].traffic)
    let pool = poolOf[traffic]
    guard liveInPool[pool] < capOfPool[pool] else {
      if calls[Int(slot)].measured { trafficCounters[traffic].refusedConcurrency += 1 }
      refuse(slot: slot, at: now)
      return false
    }
    liveInPool[pool] += 1
    calls[Int(slot)].holdsCapSlot = true
    return true
  }

  /// The call passed its gate: it rings (outbound legs), then talks or ends unanswered.
  private mutating func place(slot: UInt32, at now: Double) {
    let call = calls[Int(slot)]
    let type = typeOf[Int(call.traffic)]
    if type == .inbound {
      guard takeCapSlot(slot: slot, at: now) else { return }
      count(slot: slot, at: now)
      scheduler.schedule(at: Microseconds.snap(now + call.talk), kind: EventKind.callEnd.rawValue, subject: slot)
      return
    }
    if type == .outbound {
      guard takeCapSlot(slot: slot, at: now) else { return }
      if model.countRinging { count(slot: slot, at: now) }
    }
    if call.measured {
      shape.record(talk: call.talk)
      if case .trunk(let trunkIndex) = gateOf[Int(call.traffic)] { trunkShapes[trunkIndex].record(talk: call.talk) }
    }
    // `now` is on the microsecond grid already; most calls do not ring.
    let ringEnd = call.ring == 0 ? now : Microseconds.snap(now + call.ring)
    if call.talk < 0 {
      scheduler.schedule(at: ringEnd, kind: EventKind.callEnd.rawValue, subject: slot)
      return
    }
    if !calls[Int(slot)].counted {
      scheduler.schedule(at: ringEnd, kind: EventKind.answer.rawValue, subject: slot)
    }
    scheduler.schedule(at: Microseconds.snap(ringEnd + call.talk), kind: EventKind.callEnd.rawValue, subject: slot)
  }

  private mutating func answer(slot: UInt32, at now: Double) {
    if !calls[Int(slot)].counted { count(slot: slot, at: now) }
  }

  @inline(__always)
  private mutating func count(slot: UInt32, at now: Double) {
    calls[Int(slot)].counted = true
    tracker.change(levelOf[Int(calls[Int(slot)].traffic)], by: 1, at: now)
  }

  private mutating func end(slot: UInt32, at now: Double) {
    let call = calls[Int(slot)]
    if call.counted { tracker.change(levelOf[Int(call.traffic)], by: -1, at: now) }
    if call.holdsCapSlot { liveInPool[poolOf[Int(call.traffic)]] -= 1 }
    if call.measured {
      if call.talk < 0 {
        trafficCounters[Int(call.traffic)].noAnswer += 1
      } else {
        trafficCounters[Int(call.traffic)].completed += 1
      }
    }
    release(slot)
  }

  /// A refused call: it leaves the system now (a forwarded call's inbound leg too).
  private mutating func refuse(slot: UInt32, at now: Double) {
    let call = calls[Int(slot)]
    if call.counted { tracker.change(levelOf[Int(call.traffic)], by: -1, at: now) }
    if call.holdsCapSlot { liveInPool[poolOf[Int(call.traffic)]] -= 1 }
    if call.measured { tracker.recordRejection(at: now) }
    release(slot)
  }

  // MARK: - Slots

  @inline(__always)
  private mutating func allocate(_ call: Call) -> UInt32 {
    if !freeSlots.isEmpty {
      let slot = freeSlots.removeLast()
      calls[Int(slot)] = call
      return UInt32(slot)
    }
    calls.append(call)
    return UInt32(calls.count - 1)
  }

  @inline(__always)
  private mutating func release(_ slot: UInt32) {
    freeSlots.append(Int32(slot))
  }

  // MARK: - Result

  private func result() -> ReplicationResult {
    var metrics: [MetricValue] = []
    func add(_ scope: Scope, _ metric: Metric, _ value: Double) {
      metrics.append(MetricValue(scope: scope, metric: metric, value: value))
    }
    func addCounts(_ scope: Scope, _ counters: CallCounters) {
      add(scope, .callsOffered, Double(counters.offered))
      add(scope, .callsCompleted, Double(counters.completed))
      add(scope, .callsNoAnswer, Double(counters.noAnswer))
      add(scope, .callsRejected, Double(counters.rejected))
      add(scope, .callsRetried, Double(counters.retried))
      add(scope, .retryAttempts, Double(counters.retryAttempts))
      add(scope, .callsRefusedQueueFull, Double(counters.refusedQueueFull))
      add(scope, .callsRefusedConcurrency, Double(counters.refusedConcurrency))
      add(scope, .rejectedRate, counters.rejectedShare)
    }

    let usesApi = gateOf.contains(.api)
    if usesApi {
      add(.api, .callsOffered, Double(apiCounters.offered))
      add(.api, .callsRefusedQueueFull, Double(apiCounters.refusedQueueFull))
      add(.api, .rejectedRate, apiCounters.rejectedShare)
      add(.api, .queueWaitMean, waits.mean)
      add(.api, .queueWaitP50, waits.percentile(50))
      add(.api, .queueWaitP95, waits.percentile(95))
      add(.api, .queueWaitP99, waits.percentile(99))
      add(.api, .queueWaitMax, waits.maximum)
      add(.api, .queueLengthMax, tracker.peak(.queue))
      add(.api, .drainTime, longestDrain)
    }
    for (trunkIndex, trunk) in model.trunks.enumerated() {
      let counters = trunkCounters[trunkIndex]
      let scope = Scope.trunk(trunk.settings.name)
      add(scope, .callsOffered, Double(counters.offered))
      add(scope, .callsRejected, Double(counters.rejected))
      add(scope, .callsRetried, Double(counters.retried))
      add(scope, .retryAttempts, Double(counters.retryAttempts))
      add(scope, .rejectedRate, counters.rejectedShare)
    }
    for category in ConcurrencyCategory.allCases {
      let level = LevelTracker.Level(category)
      let scope = Scope.category(category)
      add(scope, .peakConcurrency, tracker.peak(level))
      add(scope, .meanConcurrency, tracker.area(level) / tracker.measuredSpan)
      if let threshold = model.thresholds.value(for: category) {
        add(scope, .timeAboveThreshold, tracker.timeAtOrAbove(level))
        add(scope, .thresholdBreachShare, tracker.peak(level) >= Double(threshold) ? 1 : 0)
      }
    }
    var allTraffic = CallCounters()
    for index in trafficCounters.indices { allTraffic = allTraffic + trafficCounters[index] }
    addCounts(.category(.total), allTraffic)
    for (trafficIndex, traffic) in model.traffic.enumerated() {
      addCounts(.traffic(traffic.name), trafficCounters[trafficIndex])
    }

    // Every bucket is a whole resolution wide (after the last call the levels are zero).
    let means = tracker.bucketArea.map { $0 / model.resolution }
    let unreachable = unreachableCalls.indices.map { unreachableCalls[$0] }
    return ReplicationResult(
      metrics: metrics, bucketMeans: means, bucketMaxima: tracker.bucketMax, bucketRejections: tracker.bucketRejected,
      seriesStart: model.warmup, seriesResolution: model.resolution, callsSimulated: callsSimulated, eventsProcessed: events,
      traffic: shape, trafficByTrunk: trunkShapes.indices.map { trunkShapes[$0] }, unreachableByTraffic: unreachable,
      meanQueueLength: tracker.area(.queue) / tracker.measuredSpan)
  }
}

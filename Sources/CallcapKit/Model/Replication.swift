import BasicContainers
import SimulationKernel

/// One replication of a ``SimulationModel``: the telephony model on the
/// event kernel. It composes the model's components, each owning one
/// behaviour: the ``ArrivalSources``, the ``ApiGate`` (queue and pacer),
/// the ``TrunkGates`` (CPS limiters and retries), the ``AccountCapPools``
/// and the ``CallTable``. Calls pass their gate (API queue, trunk limiter
/// or none), take a slot of their account cap pool, ring, are answered or
/// not, talk, and end; every change of the simultaneous-call counts goes
/// to a ``LevelTracker``. Arrivals stop at the horizon; every call offered
/// before it is followed to its end (the drain), and measured.
///
/// Simultaneous events: every time the model forms is snapped to whole
/// microseconds (see ``Microseconds``), so instants that coincide exactly
/// coincide in the model. Their order is the kernel's one key (see
/// ``SimulationKernel/Scheduler``): at one instant the events of the event
/// list come first, in the order they were scheduled (call ends, answers,
/// trunk retries), then the API release (timer 0), then arrivals in source
/// order (timers 1, 2, ...), then shift changes, then the dialer throttles'
/// paced starts. So a call that ends at t frees its place (in the
/// thresholds' counts, in its cap pool and in its dialer throttle, whose
/// next held request goes on at once) before a call released or arriving
/// at t takes one: a burst of B calls through c CPS (smooth pacing)
/// lasting D s each peaks at min(B, c x D), not c x D + 1.
///
/// Events about a call carry its handle's generation; an event whose call
/// has ended since (its slot freed, perhaps reused) is stale and ignored,
/// so ending a call cancels its pending events.
///
/// Hot-loop rules: events are 24-byte values; a call's data lives in a
/// reusable slot table, so nothing is allocated per call in the steady
/// state; samplers and limiters are selected by switches. What the loop
/// mutates lives in noncopyable containers (`UniqueArray`, `UniqueDeque`,
/// ``SimulationKernel/SlotTable``), which cost no copy-on-write check per
/// access; hence the replication itself is noncopyable.
struct Replication: ~Copyable {
  /// Events kept in the event list, all about a call.
  private enum CallEvent: UInt8 {
    case trunkRetry
    case answer
    case callEnd
    /// The caller leaves the IVR and seeks an agent.
    case ivrEnd
    /// The caller's patience ends; stale once an agent took the call.
    case abandon
    /// An operator's phone stops ringing: answered or not.
    case operatorRingEnd
    /// Not about a call: an agent of pool `subject` ends wrap-up.
    case wrapUpEnd
    /// Not about a call: a caller of traffic class `subject` calls again.
    case redial
  }

  /// Timers of the scheduler: the API gate's next release, then one per
  /// arrival source, one per pool whose shifts change, one per dialer throttle.
  private static let apiReleaseTimer = 0
  private static let firstArrivalTimer = 1

  private let model: SimulationModel
  private let index: Int
  private let cancellation: CancellationToken
  /// Where the loop publishes its simulated time for progress (nil: nowhere).
  private let clock: ClockProbe?
  // Per traffic class, flattened so the loop reads small values, not a struct holding arrays.
  private let levelOf: [TrackedLevel]
  private let typeOf: [TrafficType]
  private let gateOf: [GateRoute]
  private let poolOf: [AccountCapPools.Pool]
  private var scheduler: Scheduler
  private var tracker: LevelTracker
  private var calls = CallTable(minimumCapacity: 1024)
  private var capPools: AccountCapPools
  private var arrivals = ArrivalSources(firstTimer: Replication.firstArrivalTimer)
  private var apiGate: ApiGate
  private var trunks: TrunkGates
  private var agents: AgentPools
  /// The application's own throttles (outbound classes with a `dialer`).
  private var dialers: DialerThrottles
  /// Per class, the time after which a placed call is late (infinity without a deadline).
  private let deadlineOf: [Double]
  /// The throttle whose held requests are being released now (-1: none):
  /// a released call refused at its gate frees its place without
  /// releasing again from inside the release (the loop goes on instead).
  private var releasingThrottle = -1
  // Contact centres: per class its route to a pool and its stream for
  // IVR, patience, operator rings and redials; per pool its wrap-up stream.
  /// Each class's route as plain values, so reading one copies no array
  /// (the model's route holds samplers, whose sample arrays a copy would
  /// retain and release on every caller); the samplers sit beside it.
  private let routeOf: [Route?]
  private let ivrOf: [Sampler?]
  private let patienceOf: [Sampler?]
  private let redialDelayOf: [Sampler?]
  private let ringOf: [Sampler]
  private let answerShareOf: [Double]
  private var contactStreamOf: [RandomSource?] = []
  private var wrapUpStreamOf: [RandomSource?] = []
  private var classAnswers: UniqueArray<AnswerStatistics>
  private var poolAnswers: UniqueArray<AnswerStatistics>
  /// Timers after the arrival sources: one per pool whose staffing changes.
  private var firstShiftTimer: Int
  /// Timers after the shifts: one per dialer throttle, its next start.
  private var firstDialerTimer: Int
  private var shiftPoolOf: [Int] = []
  private var shiftStep = UniqueArray<Int>()

  /// Owners of the generators; the loop draws through the plain
  /// ``RandomSource`` handles, which cost no reference counting.
  private var streams: [RandomStream] = []
  private var callSources = UniqueArray<CallSource>()

  private var trafficCounters: UniqueArray<CallCounters>
  private var unreachableCalls: UniqueArray<Int>
  private var shape = TrafficShape()
  private var callsSimulated = 0
  private var events = 0
  /// Time of the latest event: at the end, when the last call ended.
  private var lastEventTime = 0.0
  /// Whether ``run()`` stopped early because `cancellation` was cancelled.
  private(set) var wasCancelled = false

  /// `cancellation`: polled every 65536 events; once cancelled, ``run()``
  /// stops early and its result is incomplete (``wasCancelled``), never to
  /// be reported. `clock`: given the simulated time at the same cadence.
  init(
    model: SimulationModel, index: Int, cancellation: CancellationToken = Interruption.cancellation, clock: ClockProbe? = nil
  ) {
    self.model = model
    self.index = index
    self.cancellation = cancellation
    self.clock = clock
    levelOf = model.traffic.map(\.level)
    typeOf = model.traffic.map(\.type)
    gateOf = model.traffic.map(\.gate)
    deadlineOf = model.traffic.map(\.deadline)
    dialers = DialerThrottles(model.traffic)
    poolOf = model.traffic.map(AccountCapPools.pool(of:))
    capPools = AccountCapPools(voiceCap: model.voiceCap, trunkingCap: model.trunkingCap)
    tracker = LevelTracker(warmup: model.warmup, horizon: model.horizon, resolution: model.resolution, thresholds: model.thresholds)
    apiGate = ApiGate(model)
    trafficCounters = UniqueArray(repeating: CallCounters(), count: model.traffic.count)
    unreachableCalls = UniqueArray(repeating: 0, count: model.traffic.count)
    // Placeholders until every stream exists (a noncopyable stored property must be set before `self` is used).
    trunks = TrunkGates([], retryStreams: [], shortCallSeconds: model.shortCallSeconds)
    scheduler = Scheduler()
    agents = AgentPools(staffing: model.pools.map(\.initialCount), warmup: model.warmup, resolution: model.resolution)
    routeOf = model.traffic.map { $0.agents.map(Route.init) }
    ivrOf = model.traffic.map { $0.agents?.ivr }
    patienceOf = model.traffic.map { $0.agents?.patience }
    redialDelayOf = model.traffic.map { $0.agents?.redialDelay }
    ringOf = model.traffic.map(\.ring)
    answerShareOf = model.traffic.map(\.answerShare)
    classAnswers = UniqueArray(repeating: AnswerStatistics(), count: model.traffic.count)
    poolAnswers = UniqueArray(repeating: AnswerStatistics(), count: model.pools.count)
    firstShiftTimer = 0
    firstDialerTimer = 0

    // Streams depend on (seed, replication, name) only: the same at every
    // tier, and in every scenario that has a class or trunk of that name,
    // so tiers and compared scenarios see common random numbers.
    for (trafficIndex, traffic) in model.traffic.enumerated() {
      callSources.append(CallSource(traffic, stream: stream("traffic:\(traffic.name)")))
      for (sourceIndex, spec) in traffic.arrivals.enumerated() {
        arrivals.append(
          ArrivalSource(spec, traffic: trafficIndex, horizon: model.horizon),
          stream: stream("traffic:\(traffic.name)#arrivals\(sourceIndex)"))
      }
    }
    var retryStreams: [RandomSource] = []
    for trunk in model.trunks {
      retryStreams.append(stream("trunk:\(trunk.settings.name)#retries"))
    }
    trunks = TrunkGates(model.trunks, pool: model.trunkPool, retryStreams: retryStreams, shortCallSeconds: model.shortCallSeconds)
    for traffic in model.traffic {
      contactStreamOf.append(traffic.agents == nil ? nil : stream("traffic:\(traffic.name)#agents"))
    }
    for (index, pool) in model.pools.enumerated() {
      wrapUpStreamOf.append(pool.wrapUp == nil ? nil : stream("agents:\(pool.name)#wrap-up"))
      if !pool.shiftCounts.isEmpty {
        shiftPoolOf.append(index)
        shiftStep.append(0)
      }
    }
    firstShiftTimer = Replication.firstArrivalTimer + arrivals.count
    firstDialerTimer = firstShiftTimer + shiftPoolOf.count
    scheduler = Scheduler(timers: firstDialerTimer + dialers.count)
  }

  private mutating func stream(_ label: String) -> RandomSource {
    let stream = RandomStream(seed: StreamSeed(seed: model.seed, replication: index, label: label))
    streams.append(stream)
    return stream.source
  }

  /// Runs to the end: arrivals stop at the horizon, calls already offered
  /// are followed until they end. When cancelled, stops early and returns
  /// an incomplete result (see ``wasCancelled``).
  mutating func run() -> ReplicationResult {
    for source in 0..<arrivals.count {
      scheduler.setTimer(arrivals.firstTimer + source, at: arrivals.next(source))
    }
    for shift in shiftPoolOf.indices { setShiftTimer(shift) }
    while true {
      // A stop request is honoured within 65536 events (well under a second);
      // progress learns the simulated time at the same cadence.
      if events & 0xFFFF == 0 {
        if cancellation.isCancelled {
          wasCancelled = true
          break
        }
        clock?.publish(seconds: lastEventTime)
      }
      guard let occurrence = scheduler.next() else { break }
      events &+= 1
      switch occurrence {
      case .event(let event):
        let now = event.time
        lastEventTime = now
        // Events about a pool or a class rather than a call.
        if event.kind == CallEvent.wrapUpEnd.rawValue {
          agentDone(pool: Int(event.subject), at: now)
          continue
        }
        if event.kind == CallEvent.redial.rawValue {
          offer(traffic: Int(event.subject), at: now)
          continue
        }
        let call = event.handle(in: calls)
        // A stale event: its call ended since (cancelled).
        guard calls.isCurrent(call) else { continue }
        switch CallEvent(rawValue: event.kind)! {
        case .trunkRetry: attemptTrunk(call, at: now)
        case .answer: answer(call, at: now)
        case .callEnd: endCall(call, at: now)
        case .ivrEnd: seekAgent(call, at: now)
        case .abandon: abandon(call, at: now)
        case .operatorRingEnd: operatorRingEnd(call, at: now)
        case .wrapUpEnd, .redial: break
        }
      case .timer(let timer, let now):
        lastEventTime = now
        if timer == Replication.apiReleaseTimer {
          releaseFromApiQueue(at: now)
        } else if timer >= firstDialerTimer {
          let throttle = timer - firstDialerTimer
          scheduler.setTimer(timer, at: .infinity)
          dialers.timerFired(throttle: throttle)
          releaseFromDialer(throttle, at: now)
        } else if timer >= firstShiftTimer {
          changeShift(timer - firstShiftTimer, at: now)
        } else {
          arrive(source: timer - arrivals.firstTimer, at: now)
        }
      }
    }
    // The measured window ends with the last call (or at the horizon if that is later).
    tracker.finish(at: lastEventTime)
    agents.finish(at: max(lastEventTime, model.horizon))
    return result(series: tracker.takeSeries())
  }

  /// Runs to the end and returns the result, or nil when cancelled (an
  /// incomplete result is never reported).
  mutating func runToCompletion() -> ReplicationResult? {
    let result = run()
    return wasCancelled ? nil : result
  }

  // MARK: - Arrivals

  private mutating func arrive(source: Int, at now: Double) {
    scheduler.setTimer(arrivals.firstTimer + source, at: arrivals.next(source))
    offer(traffic: arrivals.traffic(of: source), at: now)
  }

  /// A call of class `trafficIndex` is offered at `now` (an arrival or a redial).
  private mutating func offer(traffic trafficIndex: Int, at now: Double) {
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
    var new = Call()
    new.traffic = Int32(trafficIndex)
    new.arrival = now
    new.measured = now >= model.warmup
    new.ring = draws.ring
    new.talk = draws.talk
    if new.measured { trafficCounters[trafficIndex].offered += 1 }
    let call = calls.insert(new)

    if let route = routeOf[trafficIndex] {
      // A caller who seeks an agent is live from arrival (IVR, queue,
      // talk); one refused at the instant of arrival (queue full, busy)
      // is never counted.
      guard takeCapSlot(call, at: now) else { return }
      if route.hasIVR, let ivr = ivrOf[trafficIndex] {
        count(call, at: now)
        calls[call.index].phase = .ivr
        let end = Microseconds.snap(now + ivr.draw(contactStreamOf[trafficIndex]!))
        scheduler.schedule(at: end, kind: CallEvent.ivrEnd.rawValue, about: call)
      } else {
        seekAgent(call, at: now)
      }
      return
    }
    // The inbound leg of a forwarded call is live from arrival: it holds
    // its cap slot and counts in `forwarded` from now until the call ends.
    if type == .forward {
      guard takeCapSlot(call, at: now) else { return }
      count(call, at: now)
    }
    // The application's own throttle comes before the gate; it holds the
    // request (the call's attributes are drawn already) until it may go.
    if let throttle = dialers.throttle(of: trafficIndex) {
      switch dialers.request(call, throttle: throttle, measured: new.measured, at: now) {
      case .released: break
      case .held(let releaseAt):
        if releaseAt.isFinite { scheduler.setTimer(firstDialerTimer + throttle, at: releaseAt) }
        return
      }
    }
    requestGate(call, at: now)
  }

  /// The call asks its gate: the API queue, its trunk, or none (placed at once).
  private mutating func requestGate(_ call: CallHandle, at now: Double) {
    switch gateOf[Int(calls[call.index].traffic)] {
    case .none: place(call, at: now)
    case .api: requestApi(call, at: now)
    case .trunk: attemptTrunk(call, at: now)
    }
  }

  // MARK: - Dialer throttles

  /// Releases what throttle `throttle` may release at `now`, each to its
  /// gate, then sets its timer when the rate makes the next one wait. A
  /// released call refused at its gate frees its place at once, and the
  /// loop goes on with the next held request (no recursion).
  private mutating func releaseFromDialer(_ throttle: Int, at now: Double) {
    let outer = releasingThrottle
    releasingThrottle = throttle
    defer { releasingThrottle = outer }
    while true {
      switch dialers.next(throttle: throttle, at: now) {
      case .idle: return
      case .wait(let time):
        scheduler.setTimer(firstDialerTimer + throttle, at: time)
        return
      case .release(let call):
        if calls[call.index].measured {
          dialers.recordWait(throttle: throttle, requestedAt: calls[call.index].arrival, releasedAt: now)
        }
        requestGate(call, at: now)
      }
    }
  }

  /// A call of a class with a dialer ended or was refused: its place is
  /// free, and the next held request may go.
  @inline(__always)
  private mutating func leaveDialer(traffic: Int, at now: Double) {
    guard let throttle = dialers.throttle(of: traffic) else { return }
    dialers.callEnded(throttle: throttle)
    if releasingThrottle != throttle { releaseFromDialer(throttle, at: now) }
  }

  // MARK: - API gate

  private mutating func requestApi(_ call: CallHandle, at now: Double) {
    let measured = calls[call.index].measured
    calls[call.index].gateRequest = now
    switch apiGate.request(call, measured: measured, at: now) {
    case .refused:
      if measured { trafficCounters[Int(calls[call.index].traffic)].refusedQueueFull += 1 }
      refuse(call, at: now)
    case .released:
      place(call, at: now)
    case .queued(let releaseAt):
      tracker.change(.queue, by: 1, at: now)
      if releaseAt.isFinite { scheduler.setTimer(Replication.apiReleaseTimer, at: releaseAt) }
    }
  }

  private mutating func releaseFromApiQueue(at now: Double) {
    let call = apiGate.release(at: now)
    tracker.change(.queue, by: -1, at: now)
    if calls[call.index].measured { apiGate.recordWait(requestedAt: calls[call.index].gateRequest, releasedAt: now) }
    scheduler.setTimer(Replication.apiReleaseTimer, at: apiGate.nextRelease(after: now))
    place(call, at: now)
  }

  // MARK: - Trunk gate

  private mutating func attemptTrunk(_ call: CallHandle, at now: Double) {
    guard case .trunk(let trunk) = gateOf[Int(calls[call.index].traffic)] else { return }
    let measured = calls[call.index].measured
    let attempts = Int(calls[call.index].attempts)
    let traffic = Int(calls[call.index].traffic)
    var passage = calls[call.index].trunkPassage
    let outcome = trunks.attempt(trunk: trunk, attempts: attempts, passage: &passage, measured: measured, at: now)
    calls[call.index].trunkPassage = passage
    // A 503 of the trunk or of the pool: the traffic class counts both alike.
    switch outcome {
    case .admitted:
      place(call, at: now)
    case .retry(let time):
      if measured {
        if attempts == 0 { trafficCounters[traffic].retried += 1 }
        trafficCounters[traffic].retryAttempts += 1
      }
      calls[call.index].attempts += 1
      scheduler.schedule(at: time, kind: CallEvent.trunkRetry.rawValue, about: call)
    case .rejected:
      if measured { trafficCounters[traffic].rejected += 1 }
      refuse(call, at: now)
    }
  }

  // MARK: - Calls

  /// Takes a slot of the call's account cap pool, which it holds until it
  /// ends, or refuses the call when the pool is full (10004).
  @inline(__always)
  private mutating func takeCapSlot(_ call: CallHandle, at now: Double) -> Bool {
    let traffic = Int(calls[call.index].traffic)
    guard capPools.take(poolOf[traffic]) else {
      if calls[call.index].measured { trafficCounters[traffic].refusedConcurrency += 1 }
      refuse(call, at: now)
      return false
    }
    calls[call.index].holdsCapSlot = true
    return true
  }

  /// The call passed its gate: it rings (outbound legs), then talks or ends unanswered.
  private mutating func place(_ handle: CallHandle, at now: Double) {
    let call = calls[handle.index]
    let type = typeOf[Int(call.traffic)]
    if type == .inbound {
      guard takeCapSlot(handle, at: now) else { return }
      count(handle, at: now)
      scheduler.schedule(at: Microseconds.snap(now + call.talk), kind: CallEvent.callEnd.rawValue, about: handle)
      return
    }
    if type == .outbound {
      guard takeCapSlot(handle, at: now) else { return }
      if model.countRinging { count(handle, at: now) }
      // Released to the network: late when after the class's deadline.
      if call.measured && now > deadlineOf[Int(call.traffic)] { trafficCounters[Int(call.traffic)].late += 1 }
    }
    if call.measured {
      shape.record(talk: call.talk, shortCallSeconds: model.shortCallSeconds)
      if case .trunk(let trunk) = gateOf[Int(call.traffic)] { trunks.recordPlaced(trunk: trunk, talk: call.talk) }
    }
    // `now` is on the microsecond grid already; most calls do not ring.
    let ringEnd = call.ring == 0 ? now : Microseconds.snap(now + call.ring)
    if call.talk < 0 {
      scheduler.schedule(at: ringEnd, kind: CallEvent.callEnd.rawValue, about: handle)
      return
    }
    if !calls[handle.index].counted {
      scheduler.schedule(at: ringEnd, kind: CallEvent.answer.rawValue, about: handle)
    }
    scheduler.schedule(at: Microseconds.snap(ringEnd + call.talk), kind: CallEvent.callEnd.rawValue, about: handle)
  }

  private mutating func answer(_ call: CallHandle, at now: Double) {
    if !calls[call.index].counted { count(call, at: now) }
  }

  @inline(__always)
  private mutating func count(_ call: CallHandle, at now: Double) {
    calls[call.index].counted = true
    tracker.change(levelOf[Int(calls[call.index].traffic)], by: 1, at: now)
  }

  private mutating func end(_ handle: CallHandle, at now: Double) {
    let call = calls[handle.index]
    if call.counted { tracker.change(levelOf[Int(call.traffic)], by: -1, at: now) }
    if call.holdsCapSlot { capPools.give(poolOf[Int(call.traffic)]) }
    if call.measured {
      if call.talk < 0 {
        trafficCounters[Int(call.traffic)].noAnswer += 1
      } else {
        trafficCounters[Int(call.traffic)].completed += 1
      }
    }
    calls.remove(handle)
    leaveDialer(traffic: Int(call.traffic), at: now)
  }

  /// A refused call: it leaves the system now (a forwarded call's inbound leg too).
  private mutating func refuse(_ handle: CallHandle, at now: Double) {
    let call = calls[handle.index]
    if call.counted { tracker.change(levelOf[Int(call.traffic)], by: -1, at: now) }
    if call.holdsCapSlot { capPools.give(poolOf[Int(call.traffic)]) }
    if call.measured {
      tracker.recordRejection(at: now)
      // Never placed, so not placed by the deadline: late (SPEC is silent; see README).
      if deadlineOf[Int(call.traffic)].isFinite { trafficCounters[Int(call.traffic)].late += 1 }
    }
    calls.remove(handle)
    leaveDialer(traffic: Int(call.traffic), at: now)
  }

  // MARK: - Agents (contact centres)

  /// The caller seeks an agent: a free one takes the call, otherwise the
  /// caller queues (or gets queue-full, or busy without a queue).
  private mutating func seekAgent(_ call: CallHandle, at now: Double) {
    let traffic = Int(calls[call.index].traffic)
    let route = routeOf[traffic]!
    let measured = calls[call.index].measured
    calls[call.index].queueJoin = now
    if measured {
      classAnswers[traffic].sought += 1
      poolAnswers[route.pool].sought += 1
    }
    if agents.takeFreeAgent(route.pool, at: now) {
      if !calls[call.index].counted { count(call, at: now) }
      connect(call, route: route, at: now)
      return
    }
    if !route.queues || agents.waiting(route.pool) >= route.maxSize {
      if measured {
        if route.queues {
          classAnswers[traffic].queueFull += 1
          poolAnswers[route.pool].queueFull += 1
        } else {
          classAnswers[traffic].busy += 1
          poolAnswers[route.pool].busy += 1
        }
        trafficCounters[traffic].refusedByAgents += 1
      }
      if route.queues { redialMaybe(traffic: traffic, route: route, measured: measured, at: now) }
      refuse(call, at: now)
      return
    }
    if !calls[call.index].counted { count(call, at: now) }
    calls[call.index].phase = .waiting
    agents.enqueue(call, pool: route.pool, at: now)
    if route.hasPatience, let patience = patienceOf[traffic] {
      let end = Microseconds.snap(now + patience.draw(contactStreamOf[traffic]!))
      scheduler.schedule(at: end, kind: CallEvent.abandon.rawValue, about: call)
    }
  }

  /// An agent took the caller: an operator's phone rings, or the talk starts.
  private mutating func connect(_ call: CallHandle, route: Route, at now: Double) {
    guard route.ringsOperators else {
      startTalk(call, pool: route.pool, at: now)
      return
    }
    calls[call.index].phase = .ringingOperator
    let ring = ringOf[Int(calls[call.index].traffic)].draw(contactStreamOf[Int(calls[call.index].traffic)]!)
    let end = ring == 0 ? now : Microseconds.snap(now + ring)
    scheduler.schedule(at: end, kind: CallEvent.operatorRingEnd.rawValue, about: call)
  }

  private mutating func startTalk(_ call: CallHandle, pool: Int, at now: Double) {
    calls[call.index].phase = .talking
    let traffic = Int(calls[call.index].traffic)
    if calls[call.index].measured {
      let wait = now - calls[call.index].queueJoin
      let within = wait <= model.serviceLevelWithin ? 1 : 0
      classAnswers[traffic].answered += 1
      classAnswers[traffic].withinServiceLevel += within
      classAnswers[traffic].waits.record(wait)
      poolAnswers[pool].answered += 1
      poolAnswers[pool].withinServiceLevel += within
      poolAnswers[pool].waits.record(wait)
    }
    let talk = max(calls[call.index].talk, 0)
    scheduler.schedule(at: Microseconds.snap(now + talk), kind: CallEvent.callEnd.rawValue, about: call)
  }

  /// An operator's ring ends: answered, the talk starts; unanswered, the
  /// operator is free again and the caller returns to the head of the
  /// queue (without a queue the call ends unanswered).
  private mutating func operatorRingEnd(_ call: CallHandle, at now: Double) {
    guard calls[call.index].phase == .ringingOperator else { return }
    let traffic = Int(calls[call.index].traffic)
    let route = routeOf[traffic]!
    if contactStreamOf[traffic]!.bernoulli(answerShareOf[traffic]) {
      startTalk(call, pool: route.pool, at: now)
      return
    }
    if route.queues {
      calls[call.index].phase = .waiting
      agents.enqueue(call, pool: route.pool, atHead: true, at: now)
    } else {
      if calls[call.index].measured { trafficCounters[traffic].noAnswer += 1 }
      hangUp(call, at: now)
    }
    agentDone(pool: route.pool, at: now)
  }

  /// The caller's patience ends: if still waiting (or hearing an
  /// operator's phone ring), the caller abandons. Once talking the event
  /// is stale and ignored; once the call ended its slot's generation
  /// changed and the loop never delivers it here.
  private mutating func abandon(_ call: CallHandle, at now: Double) {
    let phase = calls[call.index].phase
    guard phase == .waiting || phase == .ringingOperator else { return }
    let traffic = Int(calls[call.index].traffic)
    let route = routeOf[traffic]!
    let measured = calls[call.index].measured
    if measured {
      let within = now - calls[call.index].queueJoin <= model.serviceLevelWithin ? 1 : 0
      classAnswers[traffic].abandoned += 1
      classAnswers[traffic].withinServiceLevel += within
      poolAnswers[route.pool].abandoned += 1
      poolAnswers[route.pool].withinServiceLevel += within
    }
    if phase == .waiting { agents.leaveQueue(route.pool, at: now) }
    redialMaybe(traffic: traffic, route: route, measured: measured, at: now)
    hangUp(call, at: now)
    if phase == .ringingOperator { agentDone(pool: route.pool, at: now) }
  }

  /// A caller who abandoned or found the queue full may call again later, as a new arrival.
  private mutating func redialMaybe(traffic: Int, route: Route, measured: Bool, at now: Double) {
    guard route.redials, let delay = redialDelayOf[traffic], contactStreamOf[traffic]!.bernoulli(route.redialProbability)
    else { return }
    let at = Microseconds.snap(now + delay.draw(contactStreamOf[traffic]!))
    // Arrivals stop at the horizon; so do redials.
    guard at < model.horizon else { return }
    if measured {
      classAnswers[traffic].redialed += 1
      poolAnswers[route.pool].redialed += 1
    }
    scheduler.schedule(at: at, kind: CallEvent.redial.rawValue, subject: UInt32(traffic))
  }

  /// A talk ends: the call ends; its agent wraps up, then is free.
  private mutating func endCall(_ call: CallHandle, at now: Double) {
    guard let route = routeOf[Int(calls[call.index].traffic)], calls[call.index].phase == .talking else {
      end(call, at: now)
      return
    }
    end(call, at: now)
    if let wrapUp = model.pools[route.pool].wrapUp {
      let done = Microseconds.snap(now + wrapUp.draw(wrapUpStreamOf[route.pool]!))
      scheduler.schedule(at: done, kind: CallEvent.wrapUpEnd.rawValue, subject: UInt32(route.pool))
    } else {
      agentDone(pool: route.pool, at: now)
    }
  }

  /// An agent of `pool` is done; unless the shift ended, it takes waiting callers.
  private mutating func agentDone(pool: Int, at now: Double) {
    if agents.release(pool, at: now) { dispatch(pool: pool, at: now) }
  }

  /// Free agents take the callers at the head of the queue.
  private mutating func dispatch(pool: Int, at now: Double) {
    while agents.pool(pool).free > 0, let call = agents.takeHead(pool, at: now, calls: calls) {
      _ = agents.takeFreeAgent(pool, at: now)
      connect(call, route: routeOf[Int(calls[call.index].traffic)]!, at: now)
    }
  }

  /// The caller hangs up (abandoned, or an operator never answered): the call leaves, not refused.
  private mutating func hangUp(_ handle: CallHandle, at now: Double) {
    let call = calls[handle.index]
    if call.counted { tracker.change(levelOf[Int(call.traffic)], by: -1, at: now) }
    if call.holdsCapSlot { capPools.give(poolOf[Int(call.traffic)]) }
    calls.remove(handle)
  }

  private mutating func setShiftTimer(_ shift: Int) {
    let pool = model.pools[shiftPoolOf[shift]]
    let next = Double(shiftStep[shift] + 1) * pool.shiftSeconds
    // Staffing changes stop at the horizon: the last count serves the drain.
    scheduler.setTimer(firstShiftTimer + shift, at: next < model.horizon ? Microseconds.snap(next) : .infinity)
  }

  private mutating func changeShift(_ shift: Int, at now: Double) {
    shiftStep[shift] += 1
    let poolIndex = shiftPoolOf[shift]
    let counts = model.pools[poolIndex].shiftCounts
    _ = agents.setStaffing(poolIndex, to: counts[shiftStep[shift] % counts.count], at: now)
    setShiftTimer(shift)
    dispatch(pool: poolIndex, at: now)
  }

  // MARK: - Result

  /// The metrics of every scope, each scope's in the order
  /// ``Metric/measured(for:reachesAgents:dialer:deadline:)`` declares; the components
  /// only supply the values.
  private func result(series: ReplicationSeries) -> ReplicationResult {
    var metrics: [MetricValue] = []
    func emit(
      _ scope: Scope, reachesAgents: Bool = false, dialer: Bool = false, deadline: Bool = false, _ value: (Metric) -> Double?
    ) {
      for metric in Metric.measured(for: scope, reachesAgents: reachesAgents, dialer: dialer, deadline: deadline) {
        guard let measured = value(metric) else { preconditionFailure("no value for \(metric.rawValue) at \(scope)") }
        metrics.append(MetricValue(scope: scope, metric: metric, value: measured))
      }
    }

    if gateOf.contains(.api) {
      let waits = apiGate.waits
      emit(.api) { metric in
        switch metric {
        case .queueWaitMean: waits.mean
        case .queueWaitP50: waits.percentile(50)
        case .queueWaitP95: waits.percentile(95)
        case .queueWaitP99: waits.percentile(99)
        case .queueWaitMax: waits.maximum
        case .queueLengthMax: tracker.peak(.queue)
        case .drainTime: apiGate.longestDrain
        default: apiGate.counters.value(of: metric)
        }
      }
    }
    for (trunkIndex, trunk) in model.trunks.enumerated() {
      emit(.trunk(trunk.settings.name)) { trunks.counters[trunkIndex].value(of: $0) }
    }
    if trunks.hasPool {
      emit(.trunkPool) { trunks.poolCounters.value(of: $0) }
    }
    var allTraffic = CallCounters()
    for index in trafficCounters.indices { allTraffic = allTraffic + trafficCounters[index] }
    for category in ConcurrencyCategory.allCases {
      let level = TrackedLevel(category)
      let threshold = model.thresholds.value(for: category)
      emit(.category(category)) { metric in
        switch metric {
        case .peakConcurrency: tracker.peak(level)
        case .meanConcurrency: tracker.area(level) / tracker.measuredSpan
        case .timeAboveThreshold: threshold.map { _ in tracker.timeAtOrAbove(level) }
        case .thresholdBreachShare: threshold.map { tracker.peak(level) >= Double($0) ? 1 : 0 }
        default: category == .total ? allTraffic.value(of: metric) : nil
        }
      }
    }
    for (trafficIndex, traffic) in model.traffic.enumerated() {
      let answers = classAnswers[trafficIndex]
      let counters = trafficCounters[trafficIndex]
      let throttle = dialers.throttle(of: trafficIndex)
      emit(
        .traffic(traffic.name), reachesAgents: traffic.agents != nil, dialer: throttle != nil, deadline: traffic.deadline.isFinite
      ) { metric in
        switch metric {
        case .callsLate: Double(counters.late)
        case .lateShare: counters.lateShare
        default: counters.value(of: metric) ?? answers.value(of: metric) ?? throttle.flatMap { dialers.value(of: metric, throttle: $0) }
        }
      }
    }
    for (poolIndex, pool) in model.pools.enumerated() {
      let state = agents.pool(poolIndex)
      let answers = poolAnswers[poolIndex]
      emit(.agents(pool.name)) { metric in
        switch metric {
        case .agentOccupancy: state.staffedArea > 0 ? state.busyArea / state.staffedArea : 0
        case .agentsBusyPeak: Double(state.busyPeak)
        case .queueLengthMax: Double(state.waitingPeak)
        default: answers.value(of: metric)
        }
      }
    }

    let unreachable = unreachableCalls.indices.map { unreachableCalls[$0] }
    return ReplicationResult(
      metrics: metrics, series: series,
      seriesStart: model.warmup, seriesResolution: model.resolution, callsSimulated: callsSimulated, eventsProcessed: events,
      traffic: shape, trafficByTrunk: trunks.shapes.indices.map { trunks.shapes[$0] }, unreachableByTraffic: unreachable,
      meanQueueLength: tracker.area(.queue) / tracker.measuredSpan,
      poolBuckets: model.pools.isEmpty ? nil : agents.series.buckets(count: series.bucketCount))
  }
}

/// A class's route to an agent pool, the model's ``SimulationModel/AgentRoute``
/// without its samplers: plain values only, copied for free in the loop.
private struct Route {
  let pool: Int
  let queues: Bool
  let maxSize: Int
  let redialProbability: Double
  let ringsOperators: Bool
  let hasIVR: Bool
  let hasPatience: Bool
  let redials: Bool

  init(_ route: SimulationModel.AgentRoute) {
    pool = route.pool
    queues = route.queues
    maxSize = route.maxSize
    redialProbability = route.redialProbability
    ringsOperators = route.ringsOperators
    hasIVR = route.ivr != nil
    hasPatience = route.patience != nil
    redials = route.redialDelay != nil
  }
}

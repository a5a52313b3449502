import BasicContainers
import DequeModule

/// What callers who sought an agent experienced, for one pool or one
/// traffic class (SPEC "Contact centres"): answer waits (queue join to
/// agent), the service level's hits, abandonment, refusals and redials.
/// Only callers offered after the warm-up are counted.
struct AnswerStatistics: Sendable {
  var waits = WaitStatistics(longestWaitSeconds: 3600)
  /// Callers who sought an agent (answered, abandoned, refused).
  var sought = 0
  var answered = 0
  /// Answered within the service level's `within`, or abandoned within it.
  var withinServiceLevel = 0
  var abandoned = 0
  var queueFull = 0
  /// Forwarded callers who found no operator free and no queue.
  var busy = 0
  var redialed = 0

  var abandonRate: Double { sought == 0 ? 0 : Double(abandoned) / Double(sought) }
  /// Reached an agent (or left) within `within`, over callers whose outcome is known.
  var serviceLevel: Double {
    let decided = answered + abandoned + queueFull + busy
    return decided == 0 ? 1 : Double(withinServiceLevel) / Double(decided)
  }
}

/// Agent pools (SPEC "Contact centres"): per pool, the agents on duty and
/// busy, and one FIFO hold queue of call handles. A caller who leaves the
/// queue early (abandons) is not searched for: its handle stays in the
/// deque and is skipped when it reaches the head, because its slot has
/// been freed (the handle is stale) or the caller no longer waits.
///
/// Shift changes: when fewer agents are scheduled, free agents leave at
/// once and busy ones leave when their call (and wrap-up) ends.
///
/// The pool measures what is its own: busy and waiting peaks, agent time
/// busy and staffed (occupancy), and both levels over time (``PoolSeries``),
/// all after the warm-up.
struct AgentPools: ~Copyable {
  struct Pool: BitwiseCopyable {
    /// Agents present: free plus busy (busy ones whose shift ended included).
    var staffed = 0
    /// Agents with a caller (ringing, talking) or in wrap-up.
    var busy = 0
    /// Busy agents whose shift has ended: they leave when done.
    var leaving = 0
    /// Live callers in the hold queue.
    var waiting = 0
    var busyPeak = 0
    var waitingPeak = 0
    var lastChange = 0.0
    var busyArea = 0.0
    var staffedArea = 0.0
    /// The time-series bucket being filled (``PoolSeries``): its index and
    /// end, and its waiting and busy level x time and highest levels so far.
    var bucket = 0
    var bucketEnd = 0.0
    var bucketWaiting = 0.0
    var bucketBusy = 0.0
    var bucketWaitingMax = 0
    var bucketBusyMax = 0

    var free: Int { staffed - busy }
  }

  private var pools: UniqueArray<Pool>
  private var queues = UniqueArray<UniqueDeque<CallHandle>>()
  private let warmup: Double
  /// Callers waiting and agents busy over time, per pool (the report's charts).
  private(set) var series: PoolSeries
  private let resolution: Double

  init(staffing: [Int], warmup: Double, resolution: Double) {
    pools = UniqueArray(repeating: Pool(), count: staffing.count)
    self.warmup = warmup
    series = PoolSeries(pools: staffing.count, start: warmup, resolution: resolution)
    self.resolution = resolution
    for index in staffing.indices {
      pools[index].staffed = staffing[index]
      pools[index].bucketEnd = warmup + resolution
      queues.append(UniqueDeque<CallHandle>())
    }
  }

  var count: Int { pools.count }

  func pool(_ index: Int) -> Pool { pools[index] }

  func waiting(_ pool: Int) -> Int { pools[pool].waiting }

  /// Integrates busy and staffed agent time up to `now` (after the warm-up).
  @inline(__always)
  private mutating func advance(_ pool: Int, to now: Double) {
    let from = max(pools[pool].lastChange, warmup)
    if now > from {
      pools[pool].busyArea += Double(pools[pool].busy) * (now - from)
      pools[pool].staffedArea += Double(pools[pool].staffed) * (now - from)
      addToSeries(pool, from: from, to: now)
    }
    pools[pool].lastChange = now
    if now >= warmup {
      pools[pool].busyPeak = max(pools[pool].busyPeak, pools[pool].busy)
      pools[pool].waitingPeak = max(pools[pool].waitingPeak, pools[pool].waiting)
    }
  }

  /// Adds the levels held over [from, now) to the pool's time-series
  /// buckets: in the bucket being filled (scalars in the pool's record),
  /// handing each bucket to ``series`` when the time passes its end.
  @inline(__always)
  private mutating func addToSeries(_ pool: Int, from: Double, to now: Double) {
    let waiting = pools[pool].waiting
    let busy = pools[pool].busy
    var start = from
    while now > pools[pool].bucketEnd {
      fillBucket(pool, span: pools[pool].bucketEnd - start, waiting: waiting, busy: busy)
      start = pools[pool].bucketEnd
      closeBucket(pool)
    }
    fillBucket(pool, span: now - start, waiting: waiting, busy: busy)
  }

  @inline(__always)
  private mutating func fillBucket(_ pool: Int, span: Double, waiting: Int, busy: Int) {
    guard span > 0 else { return }
    pools[pool].bucketWaiting += span * Double(waiting)
    pools[pool].bucketBusy += span * Double(busy)
    pools[pool].bucketWaitingMax = max(pools[pool].bucketWaitingMax, waiting)
    pools[pool].bucketBusyMax = max(pools[pool].bucketBusyMax, busy)
  }

  /// Hands the bucket being filled to ``series`` and starts the next one.
  private mutating func closeBucket(_ pool: Int) {
    let state = pools[pool]
    series.add(
      pool: pool, bucket: state.bucket, waiting: state.bucketWaiting, busy: state.bucketBusy, waitingMax: state.bucketWaitingMax,
      busyMax: state.bucketBusyMax)
    pools[pool].bucket += 1
    pools[pool].bucketEnd = warmup + Double(pools[pool].bucket + 1) * resolution
    pools[pool].bucketWaiting = 0
    pools[pool].bucketBusy = 0
    pools[pool].bucketWaitingMax = 0
    pools[pool].bucketBusyMax = 0
  }

  /// Takes a free agent if there is one.
  @inline(__always)
  mutating func takeFreeAgent(_ pool: Int, at now: Double) -> Bool {
    guard pools[pool].free > 0 else { return false }
    advance(pool, to: now)
    pools[pool].busy += 1
    advance(pool, to: now)
    return true
  }

  /// An agent is done (call and wrap-up over, or an operator's ring
  /// unanswered). Returns whether the agent stays on duty, free.
  @inline(__always)
  mutating func release(_ pool: Int, at now: Double) -> Bool {
    advance(pool, to: now)
    pools[pool].busy -= 1
    if pools[pool].leaving > 0 {
      pools[pool].leaving -= 1
      pools[pool].staffed -= 1
      return false
    }
    return true
  }

  /// The scheduled number of agents changes to `target`. Returns how many
  /// agents became free (who then take waiting callers).
  mutating func setStaffing(_ pool: Int, to target: Int, at now: Double) -> Int {
    advance(pool, to: now)
    let onDuty = pools[pool].staffed - pools[pool].leaving
    if target >= onDuty {
      var more = target - onDuty
      let stay = min(pools[pool].leaving, more)
      pools[pool].leaving -= stay
      more -= stay
      pools[pool].staffed += more
    } else {
      let fewer = onDuty - target
      let goNow = min(pools[pool].free, fewer)
      pools[pool].staffed -= goNow
      pools[pool].leaving += fewer - goNow
    }
    advance(pool, to: now)
    return pools[pool].free
  }

  /// Adds a caller at the tail (`atHead`: an operator's unanswered ring
  /// returns the caller to the head).
  @inline(__always)
  mutating func enqueue(_ call: CallHandle, pool: Int, atHead: Bool = false, at now: Double) {
    advance(pool, to: now)
    if atHead { queues[pool].prepend(call) } else { queues[pool].append(call) }
    pools[pool].waiting += 1
    advance(pool, to: now)
  }

  /// A waiting caller left the queue other than from its head (abandoned).
  @inline(__always)
  mutating func leaveQueue(_ pool: Int, at now: Double) {
    advance(pool, to: now)
    pools[pool].waiting -= 1
  }

  /// Removes and returns the head of the queue, skipping callers who
  /// left (their slot freed, or no longer waiting).
  @inline(__always)
  mutating func takeHead(_ pool: Int, at now: Double, calls: borrowing CallTable) -> CallHandle? {
    while !queues[pool].isEmpty {
      let call = queues[pool].removeFirst()
      guard calls.isCurrent(call), calls[call.index].phase == .waiting else { continue }
      advance(pool, to: now)
      pools[pool].waiting -= 1
      return call
    }
    return nil
  }

  /// Closes the measured span at `end`.
  mutating func finish(at end: Double) {
    for pool in 0..<pools.count {
      advance(pool, to: end)
      closeBucket(pool)
    }
  }
}

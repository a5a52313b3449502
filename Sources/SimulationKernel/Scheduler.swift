/// The simulation clock, its future event list and its timers: the whole
/// event kernel.
///
/// A model schedules events and repeatedly takes the next ``Occurrence``;
/// taking one advances the clock to its time. Time never goes backwards:
/// scheduling an event before `now` is a model bug and traps in debug builds.
///
/// **Timers** serve processes that have at most one occurrence pending at
/// any time (an arrival process, a pacer's next release). Such a process
/// needs no heap: its next time is kept in a timer, saving two heap
/// operations per occurrence. The model sets a timer's time (or clears it
/// with `.infinity`) and must do so whenever the timer fires.
///
/// **The order of occurrences** is one key for every source,
/// (time, rank, sequence): rank 0 is the event list, rank 1 + k is timer k;
/// the event list's events break ties by insertion order (first in, first
/// out). So at one instant every event of the event list comes first (in
/// the order scheduled), then timer 0, then timer 1, and so on. This is the
/// only place the order is decided.
public struct Scheduler: ~Copyable {
  /// What happens next: an event of the event list, or a timer firing.
  public enum Occurrence: Sendable, Equatable {
    case event(Event)
    case timer(index: Int, time: Double)
  }

  /// The current simulated time, in seconds.
  @usableFromInline var currentTime: Double = 0
  @usableFromInline var events = EventList()
  /// Time of each timer (infinity when cleared); raw storage owned by the
  /// scheduler, so setting a timer costs no copy-on-write check.
  @usableFromInline let timerTimes: UnsafeMutablePointer<Double>
  @usableFromInline let timerCount: Int
  /// The earliest timer (the lowest index at equal times) and its time;
  /// -1 and infinity when every timer is clear.
  @usableFromInline var earliestTimer = -1
  @usableFromInline var earliestTimerTime = Double.infinity
  /// The timer that fired last, until it is set again (debug check).
  @usableFromInline var firedTimer = -1

  /// A scheduler with `timers` timers, all clear.
  public init(timers: Int = 0) {
    timerCount = timers
    timerTimes = .allocate(capacity: max(1, timers))
    timerTimes.initialize(repeating: .infinity, count: max(1, timers))
  }

  deinit {
    timerTimes.deallocate()
  }

  /// Number of timers.
  @inlinable public var timers: Int { timerCount }

  /// The current simulated time, in seconds.
  @inlinable public var now: Double { currentTime }

  /// Number of pending events of the event list (timers not included).
  @inlinable public var pendingCount: Int { events.count }

  /// Schedules an event at absolute time `time` (not before `now`).
  @inlinable
  public mutating func schedule(at time: Double, kind: UInt8, subject: UInt32 = 0, generation: UInt32 = 0) {
    assert(time >= currentTime, "event scheduled in the past: \(time) < \(currentTime)")
    events.schedule(at: time, kind: kind, subject: subject, generation: generation)
  }

  /// Sets timer `index` to fire at `time` (not before `now`), or clears it
  /// with `.infinity`.
  @inlinable
  public mutating func setTimer(_ index: Int, at time: Double) {
    assert(index >= 0 && index < timerCount, "no timer \(index)")
    assert(time >= currentTime, "timer set in the past: \(time) < \(currentTime)")
    #if DEBUG
      if index == firedTimer { firedTimer = -1 }
    #endif
    timerTimes[index] = time
    if time < earliestTimerTime || (time == earliestTimerTime && index < earliestTimer) {
      earliestTimer = index
      earliestTimerTime = time
    } else if index == earliestTimer {
      findEarliestTimer()
    }
  }

  /// The time timer `index` is set to (infinity when clear).
  @inlinable public func timerTime(_ index: Int) -> Double { timerTimes[index] }

  @inlinable
  mutating func findEarliestTimer() {
    earliestTimer = -1
    earliestTimerTime = .infinity
    for index in 0..<timerCount where timerTimes[index] < earliestTimerTime {
      earliestTimer = index
      earliestTimerTime = timerTimes[index]
    }
  }

  /// Takes the next occurrence and advances the clock to its time; `nil`
  /// when no event is pending and every timer is clear. A timer that fires
  /// stays set to its time until the model sets or clears it, which it must
  /// do before taking the next occurrence.
  @inlinable
  public mutating func next() -> Occurrence? {
    #if DEBUG
      assert(firedTimer < 0, "timer \(firedTimer) fired and was neither set again nor cleared")
    #endif
    if events.heapCount > 0 && events.storage[0].time <= earliestTimerTime {
      let first = events.removeFirst()
      currentTime = first.time
      return .event(first)
    }
    guard earliestTimer >= 0 else { return nil }
    currentTime = earliestTimerTime
    #if DEBUG
      firedTimer = earliestTimer
    #endif
    return .timer(index: earliestTimer, time: earliestTimerTime)
  }

  /// Removes the next event of the event list, ignoring timers, and
  /// advances the clock to its time; `nil` when no event is pending.
  @inlinable
  public mutating func nextEvent() -> Event? {
    guard let event = events.popFirst() else { return nil }
    currentTime = event.time
    return event
  }

  /// Time of the next pending event of the event list, if any.
  @inlinable public var nextTime: Double? { events.first?.time }

  /// Clears all events and timers and resets the clock to zero, keeping storage.
  public mutating func reset() {
    events.removeAll()
    for index in 0..<timerCount { timerTimes[index] = .infinity }
    earliestTimer = -1
    earliestTimerTime = .infinity
    firedTimer = -1
    currentTime = 0
  }
}

// The scheduler is the sole owner of its storage and cannot be copied, so
// sending it to another thread sends the storage with it.
extension Scheduler: @unchecked Sendable {}

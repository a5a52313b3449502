/// The simulation clock and its future event list: the whole event kernel.
///
/// A model schedules events and repeatedly takes the next one; taking an
/// event advances the clock to its time. Time never goes backwards:
/// scheduling an event before `now` is a model bug and traps in debug builds.
public struct Scheduler: ~Copyable, Sendable {
  /// The current simulated time, in seconds.
  @usableFromInline var currentTime: Double = 0
  @usableFromInline var events = EventList()

  public init() {}

  /// The current simulated time, in seconds.
  @inlinable public var now: Double { currentTime }

  /// Number of pending events.
  @inlinable public var pendingCount: Int { events.count }

  /// Schedules an event at absolute time `time` (not before `now`).
  @inlinable
  public mutating func schedule(at time: Double, kind: UInt32, subject: UInt32 = 0) {
    assert(time >= currentTime, "event scheduled in the past: \(time) < \(currentTime)")
    events.schedule(at: time, kind: kind, subject: subject)
  }

  /// Removes the next event and advances the clock to its time; `nil` when
  /// no event is pending.
  @inlinable
  public mutating func next() -> Event? {
    guard let event = events.popFirst() else { return nil }
    currentTime = event.time
    return event
  }

  /// Time of the next pending event, if any.
  @inlinable public var nextTime: Double? { events.first?.time }

  /// Clears all events and resets the clock to zero, keeping storage.
  public mutating func reset() {
    events.removeAll()
    currentTime = 0
  }
}

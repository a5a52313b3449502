import BasicContainers

/// The future event list: a 4-ary min-heap of ``Event`` values ordered by
/// time, ties broken first-in first-out.
///
/// Invariant: every element precedes or equals its children, so the root is
/// the next event. A 4-ary heap halves the depth of a binary heap and keeps
/// siblings in one cache line, which suits the short lists (hundreds of
/// events) that telephony models produce. Storage grows to the largest number
/// of simultaneously pending events and is then reused: scheduling allocates
/// nothing in the steady state.
///
/// The list is noncopyable: its storage is a `UniqueArray`, which has no
/// copy-on-write check on each access, and a simulation has one list.
public struct EventList: ~Copyable, Sendable {
  @usableFromInline var heap = UniqueArray<Event>(minimumCapacity: 256)
  @usableFromInline var nextSequence: UInt64 = 0

  public init() {}

  /// Number of pending events.
  @inlinable public var count: Int { heap.count }

  /// Whether no event is pending.
  @inlinable public var isEmpty: Bool { heap.isEmpty }

  /// The next event, without removing it.
  @inlinable public var first: Event? { heap.isEmpty ? nil : heap[0] }

  /// Removes every pending event and restarts the insertion order.
  public mutating func removeAll() {
    heap.removeAll(keepingCapacity: true)
    nextSequence = 0
  }

  /// Schedules an event of `kind` about `subject` at `time` seconds
  /// (`time` >= 0: simulated time starts at zero).
  @inlinable
  public mutating func schedule(at time: Double, kind: UInt32, subject: UInt32) {
    assert(time >= 0, "event time must not be negative: \(time)")
    // Adding zero turns -0 into +0, whose bit pattern orders correctly.
    let event = Event(time: time + 0, sequence: nextSequence, kind: kind, subject: subject)
    nextSequence &+= 1
    heap.append(event)
    siftUp(event, from: heap.count - 1)
  }

  /// Removes and returns the next event, or `nil` when none is pending.
  @inlinable
  public mutating func popFirst() -> Event? {
    guard let last = heap.popLast() else { return nil }
    if heap.isEmpty { return last }
    let top = heap[0]
    refill(from: last)
    return top
  }

  /// Fills the hole the root left with `last`, bottom-up (Floyd): the hole
  /// first sinks to a leaf along the smallest children, which needs no
  /// comparison with `last`, then `last` rises from there. `last` came from
  /// the bottom of the heap, so it rarely rises more than a level, and the
  /// descent's comparisons select with conditional moves: the sift costs
  /// about three comparisons per level and almost no mispredicted branch.
  @inlinable
  mutating func refill(from last: Event) {
    withBuffer { buffer in
      let count = buffer.count
      var hole = 0
      // Levels where all four children exist.
      while true {
        let first = hole &* 4 &+ 1
        if first &+ 3 >= count { break }
        let best = Self.smallestOfFour(buffer, from: first)
        buffer[hole] = buffer[best]
        hole = best
      }
      // A last, partly filled level.
      let first = hole &* 4 &+ 1
      if first < count {
        var best = first
        var child = first &+ 1
        while child < count {
          if buffer[child].precedes(buffer[best]) { best = child }
          child &+= 1
        }
        buffer[hole] = buffer[best]
        hole = best
      }
      Self.rise(last, from: hole, in: buffer)
    }
  }

  /// Index of the earliest of the four events from `first`, by a
  /// two-round tournament of branch-free comparisons.
  @inlinable @inline(__always)
  static func smallestOfFour(_ buffer: UnsafeMutableBufferPointer<Event>, from first: Int) -> Int {
    let key0 = buffer[first].orderKey
    let key1 = buffer[first &+ 1].orderKey
    let key2 = buffer[first &+ 2].orderKey
    let key3 = buffer[first &+ 3].orderKey
    let low = key1 < key0 ? first &+ 1 : first
    let lowKey = key1 < key0 ? key1 : key0
    let high = key3 < key2 ? first &+ 3 : first &+ 2
    let highKey = key3 < key2 ? key3 : key2
    return highKey < lowKey ? high : low
  }

  /// Moves `moving` up from `start` to its place and stores it there.
  @inlinable @inline(__always)
  static func rise(_ moving: Event, from start: Int, in buffer: UnsafeMutableBufferPointer<Event>) {
    let key = moving.orderKey
    var index = start
    while index > 0 {
      let parent = (index &- 1) >> 2
      if !(key < buffer[parent].orderKey) { break }
      buffer[index] = buffer[parent]
      index = parent
    }
    buffer[index] = moving
  }

  @inlinable
  mutating func siftUp(_ moving: Event, from start: Int) {
    withBuffer { buffer in
      Self.rise(moving, from: start, in: buffer)
    }
  }

  /// The heap's storage, for the sift loops (no bounds checks inside).
  @inlinable @inline(__always)
  mutating func withBuffer(_ body: (UnsafeMutableBufferPointer<Event>) -> Void) {
    var span = heap.mutableSpan
    span.withUnsafeMutableBufferPointer { buffer in body(buffer) }
  }

  /// Checks the heap invariant; for tests and debug builds.
  public func isValidHeap() -> Bool {
    for index in heap.indices.dropFirst() where heap[index].precedes(heap[(index - 1) >> 2]) {
      return false
    }
    return true
  }
}

/// The future event list: a 4-ary min-heap of ``Event`` values ordered by
/// time, ties broken first-in first-out.
///
/// Invariant: every element precedes or equals its children, so the root is
/// the next event. A 4-ary heap halves the depth of a binary heap (the
/// four siblings, 96 bytes, share two cache lines), which suits the short
/// lists (hundreds of events) that telephony models produce; an 8-ary heap
/// and a calendar queue were measured and were no faster there. Storage grows to the largest number
/// of simultaneously pending events and is then reused: scheduling allocates
/// nothing in the steady state.
///
/// The list owns its storage directly (a pointer, a count and a capacity),
/// so the sift loops work on raw memory with no copy-on-write check and no
/// per-access indirection; hence it is noncopyable. A simulation has one.
public struct EventList: ~Copyable {
  @usableFromInline var storage: UnsafeMutablePointer<Event>
  @usableFromInline var capacity: Int
  @usableFromInline var heapCount = 0
  @usableFromInline var nextSequence: UInt64 = 0

  public init() {
    capacity = 256
    storage = .allocate(capacity: capacity)
  }

  deinit {
    storage.deallocate()
  }

  /// Number of pending events.
  @inlinable public var count: Int { heapCount }

  /// Whether no event is pending.
  @inlinable public var isEmpty: Bool { heapCount == 0 }

  /// The next event, without removing it.
  @inlinable public var first: Event? { heapCount == 0 ? nil : storage[0] }

  /// Removes every pending event and restarts the insertion order.
  public mutating func removeAll() {
    heapCount = 0
    nextSequence = 0
  }

  /// Schedules an event of `kind` about `subject` (of `generation`) at
  /// `time` seconds (`time` >= 0: simulated time starts at zero).
  @inlinable
  public mutating func schedule(at time: Double, kind: UInt8, subject: UInt32, generation: UInt32 = 0) {
    assert(time >= 0, "event time must not be negative: \(time)")
    // Adding zero turns -0 into +0, whose bit pattern orders correctly.
    let event = Event(time: time + 0, sequence: nextSequence, kind: kind, subject: subject, generation: generation)
    nextSequence &+= 1
    if heapCount == capacity { grow() }
    heapCount &+= 1
    Self.rise(event, from: heapCount &- 1, in: storage)
  }

  /// Doubles the storage; events are plain values, so moving them is a copy.
  @usableFromInline
  mutating func grow() {
    let larger = UnsafeMutablePointer<Event>.allocate(capacity: capacity * 2)
    larger.moveInitialize(from: storage, count: heapCount)
    storage.deallocate()
    storage = larger
    capacity *= 2
  }

  /// Removes and returns the next event, or `nil` when none is pending.
  @inlinable
  public mutating func popFirst() -> Event? {
    guard heapCount > 0 else { return nil }
    heapCount &-= 1
    let top = storage[0]
    if heapCount > 0 { Self.refill(storage, count: heapCount, from: storage[heapCount]) }
    return top
  }

  /// Removes and returns the next event; the list must not be empty.
  @inlinable
  public mutating func removeFirst() -> Event {
    precondition(heapCount > 0, "removeFirst on an empty event list")
    heapCount &-= 1
    let top = storage[0]
    if heapCount > 0 { Self.refill(storage, count: heapCount, from: storage[heapCount]) }
    return top
  }

  /// Fills the hole the root left with `last`, bottom-up (Floyd): the hole
  /// first sinks to a leaf along the smallest children, which needs no
  /// comparison with `last`, then `last` rises from there. `last` came from
  /// the bottom of the heap, so it rarely rises more than a level, and the
  /// descent's comparisons select with conditional moves: the sift costs
  /// about three comparisons per level and almost no mispredicted branch.
  @inlinable
  static func refill(_ heap: UnsafeMutablePointer<Event>, count: Int, from last: Event) {
    var hole = 0
    // Levels where all four children exist.
    while true {
      let first = hole &* 4 &+ 1
      if first &+ 3 >= count { break }
      let best = smallestOfFour(heap, from: first)
      heap[hole] = heap[best]
      hole = best
    }
    // A last, partly filled level.
    let first = hole &* 4 &+ 1
    if first < count {
      var best = first
      var child = first &+ 1
      while child < count {
        if heap[child].precedes(heap[best]) { best = child }
        child &+= 1
      }
      heap[hole] = heap[best]
      hole = best
    }
    rise(last, from: hole, in: heap)
  }

  /// Index of the earliest of the four events from `first`, by a
  /// two-round tournament of branch-free comparisons.
  @inlinable @inline(__always)
  static func smallestOfFour(_ heap: UnsafeMutablePointer<Event>, from first: Int) -> Int {
    let key0 = heap[first].orderKey
    let key1 = heap[first &+ 1].orderKey
    let key2 = heap[first &+ 2].orderKey
    let key3 = heap[first &+ 3].orderKey
    let low = key1 < key0 ? first &+ 1 : first
    let lowKey = key1 < key0 ? key1 : key0
    let high = key3 < key2 ? first &+ 3 : first &+ 2
    let highKey = key3 < key2 ? key3 : key2
    return highKey < lowKey ? high : low
  }

  /// Moves `moving` up from `start` to its place and stores it there.
  @inlinable @inline(__always)
  static func rise(_ moving: Event, from start: Int, in heap: UnsafeMutablePointer<Event>) {
    let key = moving.orderKey
    var index = start
    while index > 0 {
      let parent = (index &- 1) >> 2
      if !(key < heap[parent].orderKey) { break }
      heap[index] = heap[parent]
      index = parent
    }
    heap[index] = moving
  }

  /// Checks the heap invariant; for tests and debug builds.
  public func isValidHeap() -> Bool {
    for index in 1..<max(1, heapCount) where storage[index].precedes(storage[(index - 1) >> 2]) {
      return false
    }
    return true
  }
}

// The list is the sole owner of its storage and cannot be copied, so
// sending it to another thread sends the storage with it.
extension EventList: @unchecked Sendable {}

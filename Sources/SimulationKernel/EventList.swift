/// The future event list: a 4-ary min-heap of ``Event`` values ordered by
/// time, ties broken first-in first-out.
///
/// Invariant: every element precedes or equals its children, so the root is
/// the next event. A 4-ary heap halves the depth of a binary heap and keeps
/// siblings in one cache line, which suits the short lists (hundreds of
/// events) that telephony models produce. Storage grows to the largest number
/// of simultaneously pending events and is then reused: scheduling allocates
/// nothing in the steady state.
public struct EventList: Sendable {
  @usableFromInline var heap: [Event] = []
  @usableFromInline var nextSequence: UInt64 = 0

  public init() {
    heap.reserveCapacity(256)
  }

  /// Number of pending events.
  @inlinable public var count: Int { heap.count }

  /// Whether no event is pending.
  @inlinable public var isEmpty: Bool { heap.isEmpty }

  /// The next event, without removing it.
  @inlinable public var first: Event? { heap.first }

  /// Removes every pending event and restarts the insertion order.
  public mutating func removeAll() {
    heap.removeAll(keepingCapacity: true)
    nextSequence = 0
  }

  /// Schedules an event of `kind` about `subject` at `time` seconds.
  @inlinable
  public mutating func schedule(at time: Double, kind: UInt32, subject: UInt32) {
    let event = Event(time: time, sequence: nextSequence, kind: kind, subject: subject)
    nextSequence &+= 1
    heap.append(event)
    siftUp(from: heap.count - 1)
  }

  /// Removes and returns the next event, or `nil` when none is pending.
  @inlinable
  public mutating func popFirst() -> Event? {
    guard let last = heap.popLast() else { return nil }
    if heap.isEmpty { return last }
    let top = heap[0]
    heap[0] = last
    siftDown(from: 0)
    return top
  }

  @inlinable
  mutating func siftUp(from start: Int) {
    heap.withUnsafeMutableBufferPointer { buffer in
      var index = start
      let moving = buffer[index]
      while index > 0 {
        let parent = (index - 1) >> 2
        if !moving.precedes(buffer[parent]) { break }
        buffer[index] = buffer[parent]
        index = parent
      }
      buffer[index] = moving
    }
  }

  @inlinable
  mutating func siftDown(from start: Int) {
    heap.withUnsafeMutableBufferPointer { buffer in
      let count = buffer.count
      var index = start
      let moving = buffer[index]
      while true {
        let firstChild = (index << 2) + 1
        if firstChild >= count { break }
        var best = firstChild
        let lastChild = min(firstChild + 3, count - 1)
        var child = firstChild + 1
        while child <= lastChild {
          if buffer[child].precedes(buffer[best]) { best = child }
          child += 1
        }
        if !buffer[best].precedes(moving) { break }
        buffer[index] = buffer[best]
        index = best
      }
      buffer[index] = moving
    }
  }

  /// Checks the heap invariant; for tests and debug builds.
  public func isValidHeap() -> Bool {
    for index in heap.indices.dropFirst() where heap[index].precedes(heap[(index - 1) >> 2]) {
      return false
    }
    return true
  }
}

/// A table of reusable slots whose handles carry a generation, so a handle
/// to a freed slot can never reach the slot's next occupant.
///
/// Inserting takes a free slot (the most recently freed first) or a new
/// one; removing frees the slot and bumps its generation. An event
/// scheduled about a slot carries the generation the slot had then (see
/// ``Event/generation``): when it comes due after the slot was freed, and
/// perhaps reused, ``contains(_:)`` tells it is stale and the model ignores
/// it. So cancelling an event needs no search of the event list: free (or
/// re-tag) its subject.
///
/// Invariants: a slot is either occupied or on the free list, never both;
/// a generation only grows (wrapping after 2^32 reuses of one slot).
/// Storage grows to the largest number of simultaneously occupied slots
/// and is then reused, so the steady state allocates nothing. Like
/// ``EventList`` it owns raw storage and is noncopyable.
public struct SlotTable<Element: BitwiseCopyable>: ~Copyable {
  /// A slot and the generation it had when the handle was made.
  public struct Handle: Hashable, Sendable {
    public var index: UInt32
    public var generation: UInt32

    @inlinable
    public init(index: UInt32, generation: UInt32) {
      self.index = index
      self.generation = generation
    }
  }

  @usableFromInline var elements: UnsafeMutablePointer<Element>
  @usableFromInline var generations: UnsafeMutablePointer<UInt32>
  /// Freed slots, reused last in first out.
  @usableFromInline var free: UnsafeMutablePointer<UInt32>
  @usableFromInline var freeCount = 0
  /// Slots ever used (occupied or free) and the storage's capacity.
  @usableFromInline var used = 0
  @usableFromInline var capacity: Int

  public init(minimumCapacity: Int = 1024) {
    capacity = max(1, minimumCapacity)
    elements = .allocate(capacity: capacity)
    generations = .allocate(capacity: capacity)
    free = .allocate(capacity: capacity)
  }

  deinit {
    elements.deallocate()
    generations.deallocate()
    free.deallocate()
  }

  /// Number of occupied slots.
  @inlinable public var count: Int { used &- freeCount }

  /// Puts `element` in a free slot and returns its handle.
  @inlinable
  public mutating func insert(_ element: Element) -> Handle {
    if freeCount > 0 {
      freeCount &-= 1
      let index = Int(free[freeCount])
      elements[index] = element
      return Handle(index: UInt32(index), generation: generations[index])
    }
    if used == capacity { grow() }
    (elements + used).initialize(to: element)
    (generations + used).initialize(to: 0)
    used &+= 1
    return Handle(index: UInt32(used &- 1), generation: 0)
  }

  /// Frees the slot of `handle`: every handle to it becomes stale.
  @inlinable
  public mutating func remove(_ handle: Handle) {
    assert(contains(handle), "removing a stale handle: \(handle)")
    let index = Int(handle.index)
    generations[index] &+= 1
    free[freeCount] = handle.index
    freeCount &+= 1
  }

  /// Whether `handle` still refers to its slot's current occupant.
  @inlinable
  public func contains(_ handle: Handle) -> Bool {
    Int(handle.index) < used && generations[Int(handle.index)] == handle.generation
  }

  /// Whether `handle`, made by this table, still refers to its slot's
  /// current occupant: ``contains(_:)`` without the bounds check, for the
  /// handles of events scheduled about the table's slots.
  @inlinable
  public func isCurrent(_ handle: Handle) -> Bool {
    assert(Int(handle.index) < used, "handle \(handle) from another table")
    return generations[Int(handle.index)] == handle.generation
  }

  /// The current handle of occupied slot `index`.
  @inlinable
  public func handle(at index: UInt32) -> Handle {
    Handle(index: index, generation: generations[Int(index)])
  }

  /// The occupant of slot `index` (which must be occupied). Addressed in
  /// place: reading or changing one field copies nothing else.
  @inlinable
  public subscript(index: UInt32) -> Element {
    unsafeAddress { UnsafePointer(elements + Int(index)) }
    unsafeMutableAddress { elements + Int(index) }
  }

  @usableFromInline
  mutating func grow() {
    let larger = capacity * 2
    let newElements = UnsafeMutablePointer<Element>.allocate(capacity: larger)
    newElements.moveInitialize(from: elements, count: used)
    elements.deallocate()
    elements = newElements
    let newGenerations = UnsafeMutablePointer<UInt32>.allocate(capacity: larger)
    newGenerations.moveInitialize(from: generations, count: used)
    generations.deallocate()
    generations = newGenerations
    let newFree = UnsafeMutablePointer<UInt32>.allocate(capacity: larger)
    newFree.moveInitialize(from: free, count: freeCount)
    free.deallocate()
    free = newFree
    capacity = larger
  }

  /// Checks the invariants; for tests and debug builds.
  public func isValid() -> Bool {
    guard freeCount <= used, used <= capacity else { return false }
    var seen = Set<UInt32>()
    for position in 0..<freeCount {
      guard Int(free[position]) < used, seen.insert(free[position]).inserted else { return false }
    }
    return true
  }
}

// The table is the sole owner of its storage and cannot be copied, so
// sending it to another thread sends the storage with it.
extension SlotTable: @unchecked Sendable {}

extension Scheduler {
  /// Schedules an event of `kind` about the slot of `handle` at `time`;
  /// when it comes due, ``SlotTable/contains(_:)`` with ``Event/handle``
  /// tells whether the slot still holds the same occupant.
  @inlinable
  public mutating func schedule<Element>(at time: Double, kind: UInt8, about handle: SlotTable<Element>.Handle) {
    schedule(at: time, kind: kind, subject: handle.index, generation: handle.generation)
  }
}

extension Event {
  /// The slot handle the event was scheduled about (see ``SlotTable``).
  @inlinable
  public func handle<Element>(in _: borrowing SlotTable<Element>) -> SlotTable<Element>.Handle {
    SlotTable<Element>.Handle(index: subject, generation: generation)
  }
}

/// One scheduled occurrence in a simulation.
///
/// Events are small values (24 bytes): the kernel knows nothing about what
/// they mean. `kind`, `subject` and `generation` are for the model built on
/// the kernel (for example a kind of telephony event, the slot of the call
/// it concerns, and that slot's generation when it was scheduled, so an
/// event about a slot that has since been freed and reused is recognised
/// as stale: see ``SlotTable``).
public struct Event: Sendable, Equatable {
  /// Simulated time in seconds at which the event happens (never negative).
  public var time: Double
  /// Insertion order in the high 56 bits, `kind` in the low 8: ordering by
  /// this word is ordering by insertion order, as sequences are unique.
  @usableFromInline var sequenceAndKind: UInt64
  /// What it happens to, in the model's own numbering.
  public var subject: UInt32
  /// The generation of `subject` when the event was scheduled.
  public var generation: UInt32

  @inlinable
  public init(time: Double, sequence: UInt64, kind: UInt8, subject: UInt32, generation: UInt32 = 0) {
    self.time = time
    self.sequenceAndKind = sequence << 8 | UInt64(kind)
    self.subject = subject
    self.generation = generation
  }

  /// Insertion order; breaks ties between events at the same time (FIFO).
  @inlinable public var sequence: UInt64 { sequenceAndKind >> 8 }

  /// What happens, in the model's own numbering.
  @inlinable public var kind: UInt8 { UInt8(truncatingIfNeeded: sequenceAndKind) }

  /// The order of events as one integer: time, then insertion order.
  ///
  /// For non-negative doubles the IEEE 754 bit pattern orders like the value
  /// (the event list stores +0 for -0), so one 128-bit comparison decides
  /// "time, then sequence" without a branch: the event list's sift loops
  /// select children with conditional moves instead of mispredicted jumps.
  /// (See ``Scheduler`` for the order between the event list and timers.)
  @inlinable
  public var orderKey: UInt128 {
    UInt128(time.bitPattern) << 64 | UInt128(sequenceAndKind)
  }

  /// Whether `self` happens strictly before `other` (time, then insertion order).
  @inlinable
  public func precedes(_ other: Event) -> Bool {
    orderKey < other.orderKey
  }
}

/// One scheduled occurrence in a simulation.
///
/// Events are small values: the kernel knows nothing about what they mean.
/// `kind` and `subject` are for the model built on the kernel (for example a
/// kind of telephony event and the slot of the call it concerns).
public struct Event: Sendable, Equatable {
  /// Simulated time in seconds at which the event happens (never negative).
  public var time: Double
  /// Insertion order; breaks ties between events at the same time (FIFO).
  public var sequence: UInt64
  /// What happens, in the model's own numbering.
  public var kind: UInt32
  /// What it happens to, in the model's own numbering.
  public var subject: UInt32

  @inlinable
  public init(time: Double, sequence: UInt64, kind: UInt32, subject: UInt32) {
    self.time = time
    self.sequence = sequence
    self.kind = kind
    self.subject = subject
  }

  /// The order of events as one integer: time, then insertion order.
  ///
  /// For non-negative doubles the IEEE 754 bit pattern orders like the value
  /// (the event list stores +0 for -0), so one 128-bit comparison decides
  /// "time, then sequence" without a branch: the event list's sift loops
  /// select children with conditional moves instead of mispredicted jumps.
  @inlinable
  public var orderKey: UInt128 {
    UInt128(time.bitPattern) << 64 | UInt128(sequence)
  }

  /// Whether `self` happens strictly before `other` (time, then insertion order).
  @inlinable
  public func precedes(_ other: Event) -> Bool {
    orderKey < other.orderKey
  }
}

/// One scheduled occurrence in a simulation.
///
/// Events are small values: the kernel knows nothing about what they mean.
/// `kind` and `subject` are for the model built on the kernel (for example a
/// kind of telephony event and the slot of the call it concerns).
public struct Event: Sendable, Equatable {
  /// Simulated time in seconds at which the event happens.
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

  /// Whether `self` happens strictly before `other` (time, then insertion order).
  @inlinable
  public func precedes(_ other: Event) -> Bool {
    time < other.time || (time == other.time && sequence < other.sequence)
  }
}

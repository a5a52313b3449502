import Synchronization

/// The simulated time a running loop has reached, published now and then
/// (the loop stores it where it already polls its ``CancellationToken``,
/// every few thousand events) for whoever shows progress. Storing is one
/// relaxed atomic write at that cadence, so the loop's cost does not change;
/// readers on other threads see a recent value, never a torn one.
public final class ClockProbe: Sendable {
  private let bits = Atomic<UInt64>(0)

  public init() {}

  /// Publishes the loop's simulated time, in seconds.
  @inline(__always)
  public func publish(seconds: Double) {
    bits.store(seconds.bitPattern, ordering: .relaxed)
  }

  /// The simulated time last published, in seconds (0 before any).
  public var seconds: Double { Double(bitPattern: bits.load(ordering: .relaxed)) }
}

import Synchronization

/// A request to stop, passed to whatever runs a simulation loop: the loop
/// polls ``isCancelled`` every few thousand events and stops early,
/// reporting its work as incomplete. Whoever created the token (the
/// command line, on a signal; a test) cancels it; nothing else is global.
public final class CancellationToken: Sendable {
  private let cancelled = Atomic<Bool>(false)
  private let cancellable: Bool

  public init() {
    cancellable = true
  }

  private init(cancellable: Bool) {
    self.cancellable = cancellable
  }

  /// A token that is never cancelled (``cancel()`` does nothing to it).
  public static let never = CancellationToken(cancellable: false)

  /// Whether a stop was requested; cheap enough for a simulation loop.
  @inline(__always)
  public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

  /// Requests a stop; idempotent.
  public func cancel() {
    guard cancellable else { return }
    cancelled.store(true, ordering: .relaxed)
  }
}

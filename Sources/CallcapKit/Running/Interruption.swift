import Dispatch
import Foundation
import SimulationKernel
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM during a run: the signal only sets a flag;
/// replications see it within a few thousand events and stop, the
/// simulator hands out no further work, report writing discards its
/// staging folder, and the command exits 130 or 143 with no partial output.
/// A second signal exits at once.
public enum Interruption {
  private static let received = Atomic<Int32>(0)
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  /// The signal received, if any.
  public static var signal: Int32? {
    let value = received.load(ordering: .relaxed)
    return value == 0 ? nil : value
  }

  /// Whether a stop was requested; cheap enough for a simulation loop.
  @inline(__always)
  public static var isRequested: Bool { received.load(ordering: .relaxed) != 0 }

  /// The process's cancellation token, cancelled by the first signal:
  /// what replications poll (they are handed it; nothing in the simulation
  /// loop reads this global).
  public static let cancellation = CancellationToken()

  /// Records `signal` as received (also for tests).
  public static func request(_ signal: Int32) {
    let (exchanged, _) = received.compareExchange(expected: 0, desired: signal, ordering: .relaxed)
    if !exchanged { _exit(128 + signal) }
    cancellation.cancel()
  }

  /// Routes SIGINT and SIGTERM to ``request(_:)``; call once, from the command line.
  public static func installHandlers() {
    for number in [SIGINT, SIGTERM] {
      Foundation.signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { request(number) }
      source.resume()
      sources.append(source)
    }
  }
}

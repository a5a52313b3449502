import BasicContainers
import SimulationKernel

/// The arrival processes of a replication, one per `arrivals:` entry of
/// each traffic class, each drawing from its own stream. Each has at most
/// one arrival pending, kept in a timer of the ``Scheduler`` (not in the
/// event list): source `k` is timer `firstTimer + k`, so at equal times
/// arrivals come in source order, after the event list and the API gate.
struct ArrivalSources: ~Copyable {
  private var sources = UniqueArray<ArrivalSource>()
  private var streams: [RandomSource] = []
  /// Timer of source 0.
  let firstTimer: Int

  init(firstTimer: Int) {
    self.firstTimer = firstTimer
  }

  /// Adds a source, drawing from `stream`; it becomes the last source.
  mutating func append(_ source: ArrivalSource, stream: RandomSource) {
    sources.append(source)
    streams.append(stream)
  }

  var count: Int { sources.count }

  /// Traffic class of source `source`.
  @inline(__always)
  func traffic(of source: Int) -> Int { sources[source].traffic }

  /// The next arrival of `source`, on the microsecond grid, or infinity
  /// when it has no more before the horizon.
  @inline(__always)
  mutating func next(_ source: Int) -> Double {
    if let time = sources[source].next(streams[source]) { return Microseconds.snap(time) }
    return .infinity
  }
}

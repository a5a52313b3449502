import Dispatch
import Foundation
import SimulationKernel

/// Runs the replications of a scenario, in parallel over `jobs` threads.
///
/// Replication `i` depends only on (seed, i), and results are combined in
/// replication order, so the output is identical for any number of jobs.
public struct Simulator: Sendable {
  public var jobs: Int
  /// Called with the batch's progress after each finished replication and,
  /// while replications run, about every ``progressInterval`` seconds (with
  /// their simulated time); from any thread. Never after a cancellation.
  public var progress: (@Sendable (RunProgress) -> Void)?
  /// Seconds between progress reports while no replication finishes.
  public static let progressInterval = 0.25
  /// Stops the run: replications poll it, a cancelled one is dropped, no
  /// further one starts, and the results are marked incomplete (never to
  /// be reported). The command line passes the token its signal handler
  /// cancels.
  public var cancellation: CancellationToken

  public init(
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, progress: (@Sendable (RunProgress) -> Void)? = nil,
    cancellation: CancellationToken = Interruption.cancellation
  ) {
    self.jobs = max(1, jobs)
    self.progress = progress
    self.cancellation = cancellation
  }

  /// Simulates `model` for `replications` replications.
  public func run(_ model: SimulationModel, replications: Int, setting: GateSetting? = nil) -> RunResult {
    let results = runAll([(model, setting)], replications: replications)
    return results[0]
  }

  /// Simulates several models (e.g. the tiers of a plan) over the same
  /// replication indices, spreading all (model, replication) pairs over the jobs.
  public func runAll(_ models: [(SimulationModel, GateSetting?)], replications: Int) -> [RunResult] {
    runAll(models, replications: 0..<replications)
  }

  /// Simulates several models over the replication indices `replications`
  /// (e.g. `10..<20`: a further batch).
  ///
  /// With `previous` (one result per model, each holding exactly the
  /// replications before `replications.lowerBound`), the new replications
  /// are appended: the per-replication results are concatenated in index
  /// order and each time series continues from the previous one, adding
  /// replications in index order, so the result is identical to running
  /// all indices at once. Without it, the results hold only `replications`.
  public func runAll(
    _ models: [(SimulationModel, GateSetting?)], replications: Range<Int>, continuing previous: [RunResult]? = nil
  ) -> [RunResult] {
    precondition(previous == nil || previous!.count == models.count, "one previous result per model")
    precondition(
      previous?.allSatisfy { $0.replications.count == replications.lowerBound } ?? true,
      "previous results must end where the new replications begin")
    return runAll(models, indices: Array(replications), continuing: previous)
  }

  /// Simulates several models over an ordered list of replication indices
  /// (`--shard 2/3` of 10: `[1, 4, 7]`).
  ///
  /// Each result holds the replications in the order of `indices`, and its
  /// time series adds them in that order. With `keepingSeries`, every
  /// replication keeps its own time-series buckets (a shard file stores
  /// them, so that a merge adds them in index order); otherwise they are
  /// dropped once added, to bound memory.
  public func runAll(
    _ models: [(SimulationModel, GateSetting?)], indices: [Int], continuing previous: [RunResult]? = nil, keepingSeries: Bool = false
  ) -> [RunResult] {
    let count = indices.count
    let total = models.count * count
    let store = ResultStore(
      models: models.count, replications: count, timeSeries: previous?.map(\.timeSeries), keepingSeries: keepingSeries)
    if let previous { store.poolSeries = previous.map(\.poolSeries) }
    let workers = min(jobs, total)
    let reporter = progress.map {
      BatchReporter(
        store: store, models: models.map(\.0), before: previous?.map(\.replications.count), workers: workers, report: $0)
    }
    let ticker = reporter.map { reporter in
      Ticker(every: Simulator.progressInterval, cancellation: cancellation) { reporter.report() }
    }
    if workers > 0 {
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        while let task = store.claim() {
          let (model, _) = models[task / count]
          let clock = reporter?.started(task: task, worker: worker)
          var replication = Replication(model: model, index: indices[task % count], cancellation: cancellation, clock: clock)
          guard let result = replication.runToCompletion() else {
            store.abandon()
            break
          }
          store.put(result, at: task)
          reporter?.finished(worker: worker)
          if !cancellation.isCancelled { reporter?.report() }
        }
      }
    }
    ticker?.stop()
    let results = store.results
    return models.indices.map { modelIndex in
      let batch = results[modelIndex * count..<(modelIndex + 1) * count].compactMap { $0 }
      var result = RunResult(
        setting: models[modelIndex].1, replications: (previous?[modelIndex].replications ?? []) + batch,
        timeSeries: store.timeSeries[modelIndex], poolSeries: store.poolSeries[modelIndex])
      result.isComplete = !store.wasAbandoned && (previous?[modelIndex].isComplete ?? true)
      return result
    }
  }
}

/// Reports a ``Simulator`` batch's progress: finished replications per
/// model from the store, and the simulated time of each worker's running
/// replication through its ``ClockProbe``.
private final class BatchReporter: @unchecked Sendable {
  private let lock = NSLock()
  private let store: ResultStore
  private let horizons: [Double]
  private let before: [Int]
  private let replications: Int
  private let clocks: [ClockProbe]
  /// Per worker, the horizon of the replication it runs (nil: idle).
  private var running: [Double?]
  private let start = Date()
  private let send: @Sendable (RunProgress) -> Void

  /// `before`: per model, the replications it already has (a continued run).
  init(
    store: ResultStore, models: [SimulationModel], before: [Int]?, workers: Int,
    report: @escaping @Sendable (RunProgress) -> Void
  ) {
    self.store = store
    horizons = models.map(\.horizon)
    self.before = before ?? Array(repeating: 0, count: models.count)
    replications = store.replicationsPerModel
    clocks = (0..<max(1, workers)).map { _ in ClockProbe() }
    running = Array(repeating: nil, count: max(1, workers))
    send = report
  }

  /// The probe worker `worker` hands its replication of `task`.
  func started(task: Int, worker: Int) -> ClockProbe {
    clocks[worker].publish(seconds: 0)
    lock.lock()
    running[worker] = horizons[task / replications]
    lock.unlock()
    return clocks[worker]
  }

  func finished(worker: Int) {
    lock.lock()
    running[worker] = nil
    lock.unlock()
  }

  func report() {
    lock.lock()
    let share = running.indices.reduce(0.0) { sum, worker in
      sum + (running[worker].map { RunProgress.share(simulatedSeconds: clocks[worker].seconds, horizon: $0) } ?? 0)
    }
    lock.unlock()
    let done = store.finishedPerModel
    let settings = done.indices.map { RunProgress.Setting(done: done[$0], count: replications, before: before[$0]) }
    send(RunProgress(kind: .batch, settings: settings, running: share, elapsedSeconds: Date().timeIntervalSince(start)))
  }
}

/// Calls `action` every `interval` seconds on a thread of its own until
/// stopped or cancelled (progress while no replication finishes).
final class Ticker: @unchecked Sendable {
  private let condition = NSCondition()
  private var stopped = false
  private var exited = false

  init(every interval: Double, cancellation: CancellationToken, action: @escaping @Sendable () -> Void) {
    let thread = Thread { [self] in
      condition.lock()
      while !stopped {
        _ = condition.wait(until: Date(timeIntervalSinceNow: interval))
        if stopped || cancellation.isCancelled { break }
        condition.unlock()
        action()
        condition.lock()
      }
      exited = true
      condition.broadcast()
      condition.unlock()
    }
    thread.name = "callcap-progress"
    thread.start()
  }

  /// Stops the ticks and waits for the thread to leave (no tick after this returns).
  func stop() {
    condition.lock()
    stopped = true
    condition.broadcast()
    while !exited { condition.wait() }
    condition.unlock()
  }
}

/// Hands out task numbers and collects results under a lock.
///
/// Each model's time series is combined in replication order as results
/// arrive (a result waits only for its predecessors), and a combined
/// result's own buckets are dropped: memory holds about one series per
/// job, not one per replication and tier.
private final class ResultStore: @unchecked Sendable {
  private let lock = NSLock()
  private let replications: Int
  private let keepingSeries: Bool
  private var next = 0
  private var doneOf: [Int]
  private var slots: [ReplicationResult?]
  private(set) var timeSeries: [TimeSeries]
  /// Per model, the agent pools' series, combined like `timeSeries`.
  var poolSeries: [PoolTimeSeries]
  /// Per model, the next replication whose buckets are to be combined.
  private var nextToCombine: [Int]

  /// `timeSeries`: the series to continue, one per model (default: empty).
  init(models: Int, replications: Int, timeSeries: [TimeSeries]? = nil, keepingSeries: Bool = false) {
    self.replications = replications
    self.keepingSeries = keepingSeries
    slots = Array(repeating: nil, count: models * replications)
    doneOf = Array(repeating: 0, count: models)
    self.timeSeries = timeSeries ?? Array(repeating: TimeSeries(), count: models)
    poolSeries = Array(repeating: PoolTimeSeries(), count: models)
    nextToCombine = Array(repeating: 0, count: models)
  }

  /// Whether a replication was cancelled: no further task is handed out.
  private(set) var wasAbandoned = false

  func abandon() {
    lock.lock()
    defer { lock.unlock() }
    wasAbandoned = true
    next = slots.count
  }

  func claim() -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard next < slots.count else { return nil }
    next += 1
    return next - 1
  }

  func put(_ result: ReplicationResult, at index: Int) {
    lock.lock()
    slots[index] = result
    doneOf[index / replications] += 1
    let model = index / replications
    while nextToCombine[model] < replications, let ready = slots[model * replications + nextToCombine[model]] {
      timeSeries[model].add(ready)
      poolSeries[model].add(ready)
      if !keepingSeries { slots[model * replications + nextToCombine[model]] = ready.withoutSeries.withoutPoolSeries }
      nextToCombine[model] += 1
    }
    lock.unlock()
  }

  /// Replications per model.
  var replicationsPerModel: Int { replications }

  /// Finished replications of each model.
  var finishedPerModel: [Int] {
    lock.lock()
    defer { lock.unlock() }
    return doneOf
  }

  /// The results, nil where a replication did not finish (after ``abandon()``).
  var results: [ReplicationResult?] {
    lock.lock()
    defer { lock.unlock() }
    precondition(wasAbandoned || slots.allSatisfy { $0 != nil }, "every replication ran")
    return slots
  }
}

extension ReplicationResult {
  /// The result without its own time-series buckets (once they are added to a ``TimeSeries``).
  var withoutSeries: ReplicationResult {
    var stripped = self
    stripped.series = ReplicationSeries()
    return stripped
  }
}

import Foundation
import SimulationKernel

/// One pool of worker threads for a whole plan: every setting's
/// replications, the first batch and each later look, are tasks of the
/// same pool, so no setting waits for another and no worker idles while
/// the decision rule looks.
///
/// The rule asks for the replications it needs now (``results(_:ahead:)``)
/// and names those it will probably need next (`ahead`: the next looks).
/// Workers take the needed tasks first, then, with nothing needed left to
/// start, the ones ahead, so a look's slowest replication overlaps the
/// next look's first ones. A replication depends only on its model and
/// index, so a result run ahead is the one the rule would have got; the
/// rule combines results in replication order and never sees which ran
/// ahead: output is identical for any number of workers. A task no longer
/// named (the setting was decided) is cancelled and its result dropped, so
/// memory holds the needed results plus about one per worker.
///
/// With one worker nothing runs ahead: `--jobs 1` does exactly the work
/// the rule needs.
final class ReplicationPool: @unchecked Sendable {
  struct Task: Hashable, Sendable {
    var model: Int
    var index: Int
  }

  private let condition = NSCondition()
  private let models: [SimulationModel]
  private let cancellation: CancellationToken
  let workers: Int
  /// Tasks wanted, needed ones first; `cursor` skips those already taken.
  private var wanted: [Task] = []
  private var wantedSet: Set<Task> = []
  private var cursor = 0
  private var running: [Task: CancellationToken] = [:]
  /// The simulated time of each running task, for progress.
  private var clocks: [Task: ClockProbe] = [:]
  private var done: [Task: ReplicationResult] = [:]
  /// The tasks ``results(_:ahead:progress:)`` waits for, and how many of them are done.
  private var needed: Set<Task> = []
  private var neededDone = 0
  private var closed = false
  private var liveThreads = 0

  /// Starts `jobs` workers for `models`; `cancellation` stops everything.
  init(models: [SimulationModel], jobs: Int, cancellation: CancellationToken) {
    self.models = models
    self.cancellation = cancellation
    workers = max(1, jobs)
    liveThreads = workers
    for _ in 0..<workers {
      let thread = Thread { [self] in work() }
      // The replications' own stacks are small; the default suffices, but
      // name the thread for profiles.
      thread.name = "callcap-replication"
      thread.start()
    }
  }

  /// Stops the workers once their current task ends; call once, when done.
  func close() {
    condition.lock()
    closed = true
    for token in running.values { token.cancel() }
    condition.broadcast()
    while liveThreads > 0 { condition.wait() }
    condition.unlock()
  }

  private func work() {
    condition.lock()
    while true {
      if closed {
        liveThreads -= 1
        condition.broadcast()
        condition.unlock()
        return
      }
      guard !cancellation.isCancelled, let task = nextTask() else {
        condition.wait()
        continue
      }
      let token = CancellationToken()
      let clock = ClockProbe()
      running[task] = token
      clocks[task] = clock
      condition.unlock()
      var replication = Replication(model: models[task.model], index: task.index, cancellation: token, clock: clock)
      let result = replication.runToCompletion()
      condition.lock()
      running[task] = nil
      clocks[task] = nil
      if let result {
        if wantedSet.contains(task) { done[task] = result }
        if needed.contains(task) { neededDone += 1 }
      } else if wantedSet.contains(task) {
        // Cancelled as unwanted, then wanted again: take it up afresh.
        cursor = 0
      }
      condition.broadcast()
    }
  }

  /// The first wanted task neither done nor running (under the lock).
  private func nextTask() -> Task? {
    while cursor < wanted.count {
      let task = wanted[cursor]
      cursor += 1
      if done[task] == nil && running[task] == nil { return task }
    }
    return nil
  }

  /// Runs the tasks `needed` (and, with spare workers, those `ahead`) and
  /// returns the results of `needed`, in its order, once all are there;
  /// nil when the run is cancelled. Results of tasks in neither list are
  /// dropped and their running tasks cancelled. `progress` follows the
  /// needed tasks: after each one finishes and about every
  /// ``Simulator/progressInterval`` seconds; never after a cancellation.
  func results(_ tasks: [Task], ahead: [Task], progress: ((RunProgress) -> Void)? = nil) -> [ReplicationResult]? {
    let start = Date()
    var lastReport = Date.distantPast
    condition.lock()
    defer { condition.unlock() }
    needed = Set(tasks)
    wanted = tasks + (workers > 1 ? ahead.filter { !needed.contains($0) } : [])
    wantedSet = Set(wanted)
    cursor = 0
    done = done.filter { wantedSet.contains($0.key) }
    neededDone = tasks.reduce(0) { $0 + (done[$1] == nil ? 0 : 1) }
    for (task, token) in running where !wantedSet.contains(task) { token.cancel() }
    condition.broadcast()
    var reported = -1
    while true {
      if cancellation.isCancelled {
        for token in running.values { token.cancel() }
        return nil
      }
      // At most ten reports a second (each walks the tasks), and the last one.
      let since = -lastReport.timeIntervalSinceNow
      if let progress,
        (neededDone != reported && (since >= 0.1 || neededDone == tasks.count)) || since >= Simulator.progressInterval
      {
        reported = neededDone
        lastReport = Date()
        let value = self.progress(tasks, elapsedSeconds: lastReport.timeIntervalSince(start))
        // Printed without the lock, so a slow terminal never holds up the workers; then look again.
        condition.unlock()
        progress(value)
        condition.lock()
        continue
      }
      if neededDone == tasks.count { break }
      // Wakes on every finished task, and now and then to see a signal.
      _ = condition.wait(until: Date(timeIntervalSinceNow: 0.05))
    }
    let results = tasks.map { done[$0]! }
    for task in tasks { done[task] = nil }
    needed = []
    return results
  }

  /// How far `tasks` are (under the lock): per model, in the order the
  /// models first appear, the tasks done and their count, and the
  /// replications before the first (an earlier look's); the running ones'
  /// simulated time.
  private func progress(_ tasks: [Task], elapsedSeconds: Double) -> RunProgress {
    var order: [Int] = []
    var settings: [Int: RunProgress.Setting] = [:]
    for task in tasks {
      if settings[task.model] == nil {
        order.append(task.model)
        settings[task.model] = RunProgress.Setting(done: 0, count: 0, before: task.index, position: task.model)
      }
      settings[task.model]!.count += 1
      settings[task.model]!.before = min(settings[task.model]!.before, task.index)
      if done[task] != nil { settings[task.model]!.done += 1 }
    }
    var running = 0.0
    for (task, clock) in clocks where needed.contains(task) {
      running += RunProgress.share(simulatedSeconds: clock.seconds, horizon: models[task.model].horizon)
    }
    return RunProgress(
      kind: .sweep, settings: order.map { settings[$0]! }, of: models.count, running: running, elapsedSeconds: elapsedSeconds)
  }

  /// What finished of `tasks` so far, in order (after a cancellation).
  func finished(_ tasks: [Task]) -> [ReplicationResult] {
    condition.lock()
    defer { condition.unlock() }
    return tasks.compactMap { done[$0] }
  }
}

import Foundation
import SimulationKernel
import Synchronization
import Testing

@testable import CallcapKit

/// The progress line as a value (``RunProgress``) and its text
/// (``ProgressText``): what is counted, the estimate of the time left, and
/// no completion shown before the last result is in.
@Suite struct RunProgressTests {
  typealias Setting = RunProgress.Setting

  @Test func aRunCountsReplicationsOnly() {
    let progress = RunProgress(kind: .batch, settings: [Setting(done: 12, count: 20)], running: 0, elapsedSeconds: 1)
    #expect(ProgressText.line(label: "w1", unit: "setting", progress: progress) == "w1: replication 12/20, 60%")
  }

  /// A plan's sweep shows the configured CPS apart from its options, and
  /// the first setting of the batch not yet finished.
  @Test func aSweepNamesTheConfiguredCPSAndTheTier() {
    let settings = (0..<6).map { Setting(done: $0 < 3 ? 20 : ($0 == 3 ? 12 : 0), count: 20, position: $0) }
    let third = RunProgress(kind: .sweep, settings: settings, running: 0, elapsedSeconds: 1)
    #expect(ProgressText.line(label: "day", unit: "tier", progress: third) == "day: tier 3/5, replication 12/20, 60%")
    let first = RunProgress(kind: .sweep, settings: [Setting(done: 4, count: 20, position: 0)], of: 6, running: 0, elapsedSeconds: 1)
    #expect(ProgressText.line(label: "day", unit: "option", progress: first).hasPrefix("day: configured CPS, replication 4/20"))
  }

  /// A later look of a plan takes one setting from 20 to 40 replications:
  /// its place among all settings and the count it goes to.
  @Test func aLaterLookCountsOnFromTheEarlierReplications() {
    let look = RunProgress(
      kind: .sweep, settings: [Setting(done: 5, count: 20, before: 20, position: 2)], of: 6, running: 0.5, elapsedSeconds: 1)
    #expect(look.replication == 25)
    #expect(look.replications == 40)
    #expect(ProgressText.line(label: "day", unit: "tier", progress: look) == "day: tier 2/5, replication 25/40, 27%")
  }

  @Test func aBatchOfDesignsCountsFromOne() {
    let progress = RunProgress(
      kind: .batch, settings: [Setting(done: 10, count: 10), Setting(done: 3, count: 10)], running: 0, elapsedSeconds: 1)
    #expect(ProgressText.line(label: "compare", unit: "design", progress: progress).hasPrefix("compare: design 2/2, replication 3/10"))
  }

  /// Replications still running never make the batch look complete: the
  /// percentage stops at 99 and the last setting's count short of its
  /// total until every result is in.
  @Test func noCompletionBeforeTheLastResult() {
    let almost = RunProgress(
      kind: .batch, settings: [Setting(done: 10, count: 10), Setting(done: 9, count: 10)], running: 0.99, elapsedSeconds: 50)
    #expect(!almost.isFinished)
    #expect(almost.work < 1)
    let text = ProgressText.line(label: "x", unit: "setting", progress: almost)
    #expect(text.contains("replication 9/10, 99%"))
    #expect(!text.contains("100%") && !text.contains("done"))
    // Running shares beyond what is left (a report racing a result) are capped too.
    let racing = RunProgress(kind: .batch, settings: [Setting(done: 9, count: 10)], running: 3, elapsedSeconds: 5)
    #expect(racing.work < 1)
    #expect(ProgressText.line(label: "x", unit: "setting", progress: racing).contains("99%"))
    let done = RunProgress(kind: .batch, settings: [Setting(done: 10, count: 10)], running: 0, elapsedSeconds: 65)
    #expect(ProgressText.line(label: "x", unit: "setting", progress: done) == "x: replication 10/10, 100%, done in 1 min 05 s")
  }

  /// A running replication's share is its simulated time over the horizon,
  /// below 1 while its calls drain after the horizon.
  @Test func aRunningReplicationsShareFollowsSimulatedTime() {
    #expect(RunProgress.share(simulatedSeconds: 900, horizon: 3600) == 0.25)
    #expect(RunProgress.share(simulatedSeconds: 4000, horizon: 3600) == 0.99)
    #expect(RunProgress.share(simulatedSeconds: 0, horizon: 3600) == 0)
    let within = RunProgress(kind: .batch, settings: [Setting(done: 0, count: 2)], running: 0.5, elapsedSeconds: 1)
    #expect(within.work == 0.25)
  }

  /// The time left, at the pace so far, once 2 s and 2% of the work have passed.
  @Test func theEstimateWaitsForAPace() {
    #expect(ProgressText.remainingSeconds(elapsed: 1.9, work: 0.5) == nil)
    #expect(ProgressText.remainingSeconds(elapsed: 30, work: 0.01) == nil)
    #expect(ProgressText.remainingSeconds(elapsed: 10, work: 0.25) == 30)
    #expect(ProgressText.remainingSeconds(elapsed: 10, work: 1) == nil)
    let progress = RunProgress(kind: .batch, settings: [Setting(done: 5, count: 20)], running: 0, elapsedSeconds: 20)
    #expect(ProgressText.line(label: "x", unit: "setting", progress: progress) == "x: replication 5/20, 25%, about 1 min 00 s left")
    let nearly = RunProgress(kind: .batch, settings: [Setting(done: 199, count: 200)], running: 0, elapsedSeconds: 20)
    #expect(ProgressText.line(label: "x", unit: "setting", progress: nearly).hasSuffix("99%, less than 1 s left"))
  }

  @Test func durationsReadAsAPersonSaysThem() {
    #expect(ProgressText.duration(0.4) == "0 s")
    #expect(ProgressText.duration(8) == "8 s")
    #expect(ProgressText.duration(59.4) == "59 s")
    #expect(ProgressText.duration(59.6) == "1 min 00 s")
    #expect(ProgressText.duration(65) == "1 min 05 s")
    #expect(ProgressText.duration(3599.6) == "1 h 00 min")
    #expect(ProgressText.duration(3720) == "1 h 02 min")
    #expect(ProgressText.duration(.infinity) == "a long time")
  }

  static let scenario = """
    callcap: 1
    name: progress
    simulation: { horizon: 1h, replications: 6, seed: 3 }
    numbers: [050-1234-5678]
    traffic:
      - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.2/s }, duration: exponential(mean: 60s) }
    """

  /// A run reports every replication in order of completion and ends
  /// with the finished batch; a cancelled one never reports completion.
  @Test func theSimulatorReportsUpToCompletionOnlyWhenComplete() throws {
    let model = SimulationModel(try loadScenario(Self.scenario))
    let reports = Mutex<[RunProgress]>([])
    let simulator = Simulator(
      jobs: 2, progress: { progress in reports.withLock { $0.append(progress) } }, cancellation: CancellationToken())
    _ = simulator.run(model, replications: 6)
    let complete = reports.withLock { $0 }
    #expect(complete.last?.isFinished == true)
    #expect(complete.last?.replication == 6)
    #expect(complete.dropLast().allSatisfy { !$0.isFinished || $0.replication == 6 })

    reports.withLock { $0 = [] }
    let token = CancellationToken()
    token.cancel()
    let stopped = Simulator(jobs: 2, progress: { progress in reports.withLock { $0.append(progress) } }, cancellation: token)
    let result = stopped.run(model, replications: 6)
    #expect(!result.isComplete)
    #expect(reports.withLock { $0.allSatisfy { !$0.isFinished } })
  }
}

import SimulationKernel
import Testing

@testable import CallcapKit

/// The model's components, each on its own (the replication composes them;
/// SimulationTests and ModelSemanticsTests cover the whole).
@Suite struct ModelComponentTests {
  @Test func capPoolRefusesWhenFullAndFreesOnGive() {
    var pools = AccountCapPools(voiceCap: 2, trunkingCap: nil)
    let taken = [pools.take(.voice), pools.take(.voice), pools.take(.voice)]
    #expect(taken == [true, true, false])
    #expect(pools.liveCalls(.voice) == 2)
    pools.give(.voice)
    let again = pools.take(.voice)
    #expect(again)
    // Pools are separate: the trunking pool has no cap.
    var trunked = 0
    for _ in 0..<1000 where pools.take(.trunking) { trunked += 1 }
    #expect(trunked == 1000)
    #expect(pools.liveCalls(.trunking) == 1000)
    #expect(pools.liveCalls(.voice) == 2)
  }

  @Test func callTableHandlesGoStaleWhenTheCallEnds() {
    var calls = CallTable(minimumCapacity: 4)
    var first = Call()
    first.traffic = 1
    let handle = calls.insert(first)
    let isCurrent = calls.isCurrent(handle)
    #expect(isCurrent)
    calls.remove(handle)
    var second = Call()
    second.traffic = 2
    let reused = calls.insert(second)
    #expect(reused.index == handle.index)
    let staleIsCurrent = calls.isCurrent(handle)
    let reusedIsCurrent = calls.isCurrent(reused)
    #expect(!staleIsCurrent)
    #expect(reusedIsCurrent)
    let traffic = calls[reused.index].traffic
    #expect(traffic == 2)
  }

  @Test func trackedLevelsHaveNamesAndTheCategoriesSumToTotal() {
    #expect(TrackedLevel.count == TrackedLevel.allCases.count)
    #expect(TrackedLevel.allCases.map(\.name) == ["inbound", "outbound", "forwarded", "total", "queue"])
    let categoriesAreCalls = TrackedLevel.callCategories.map(\.isCallCategory)
    #expect(categoriesAreCalls == [true, true, true])
    #expect(!TrackedLevel.total.isCallCategory && !TrackedLevel.queue.isCallCategory)
    for category in ConcurrencyCategory.allCases {
      #expect(TrackedLevel(category).name == category.rawValue)
    }
  }
}

/// A replication handed a cancelled token stops at once and reports
/// nothing; with a live token it runs to the end.
@Test func cancelledReplicationReturnsNoResult() throws {
  let scenario = try SimulationTests.scenario(
    """
    traffic:
      - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/s }, duration: exponential(mean: 1m) }
    """, horizon: "1h", replications: 1)
  let model = SimulationModel(scenario)
  let token = CancellationToken()
  token.cancel()
  var cancelled = Replication(model: model, index: 0, cancellation: token)
  let nothing = cancelled.runToCompletion()
  let wasCancelled = cancelled.wasCancelled
  #expect(nothing == nil)
  #expect(wasCancelled)
  var complete = Replication(model: model, index: 0, cancellation: CancellationToken())
  let result = complete.runToCompletion()
  let completeWasCancelled = complete.wasCancelled
  #expect(result != nil)
  #expect(!completeWasCancelled)
  #expect((result?.callsSimulated ?? 0) > 3000)
}

/// A simulator handed a cancelled token starts nothing it could report:
/// its results are marked incomplete and hold no cancelled replication.
@Test func cancelledSimulatorMarksResultsIncomplete() throws {
  let scenario = try SimulationTests.scenario(
    """
    traffic:
      - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/s }, duration: exponential(mean: 1m) }
    """, horizon: "1h", replications: 4)
  let model = SimulationModel(scenario)
  let token = CancellationToken()
  token.cancel()
  let cancelled = Simulator(jobs: 2, cancellation: token).runAll([(model, nil)], replications: 4)
  #expect(!cancelled[0].isComplete)
  #expect(cancelled[0].replications.isEmpty)
  let complete = Simulator(jobs: 2, cancellation: CancellationToken()).runAll([(model, nil)], replications: 4)
  #expect(complete[0].isComplete)
  #expect(complete[0].replications.count == 4)
}

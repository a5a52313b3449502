import Foundation
import Testing

@testable import CallcapKit

/// Replications run in batches equal replications run at once: the
/// per-replication metrics in index order, the combined time series, for
/// any number of jobs.
@Suite struct SequentialReplicationTests {
  static let scenario = """
    callcap: 1
    name: batches
    simulation: { horizon: 30m, replications: 6, seed: 21, resolution: 5m }
    numbers: [050-1234-5678]
    traffic:
      - { name: o, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1.2/s },
          ring: uniform(min: 2s, max: 9s), answer: 80%, duration: exponential(mean: 45s) }
    """

  @Test func batchesEqualOneRun() throws {
    let scenario = try loadScenario(Self.scenario)
    let models = [(SimulationModel(scenario), nil as GateSetting?), (SimulationModel(scenario, tier: 2), apiTier(2))]
    let whole = Simulator(jobs: 2).runAll(models, replications: 7)
    let first = Simulator(jobs: 1).runAll(models, replications: 0..<2)
    let second = Simulator(jobs: 2).runAll(models, replications: 2..<5, continuing: first)
    let third = Simulator(jobs: 3).runAll(models, replications: 5..<7, continuing: second)
    for (a, b) in zip(whole, third) {
      #expect(a.setting == b.setting)
      #expect(a.replications.count == 7 && b.replications.count == 7)
      #expect(a.rows.count == b.rows.count)
      for (rowA, rowB) in zip(a.rows, b.rows) {
        #expect(rowA.scope == rowB.scope && rowA.metric == rowB.metric)
        #expect(rowA.values == rowB.values)
        #expect(rowA.summary == rowB.summary)
      }
      let bucketsA = a.timeSeries.buckets
      let bucketsB = b.timeSeries.buckets
      #expect(bucketsA.count == bucketsB.count && !bucketsA.isEmpty)
      for (x, y) in zip(bucketsA, bucketsB) {
        #expect(x.means == y.means && x.maxima == y.maxima && x.rejected == y.rejected)
      }
    }
    // A batch alone holds just its indices: replication 5 alone is the sixth of the whole run.
    let alone = Simulator(jobs: 1).runAll(models, replications: 5..<6)
    #expect(alone[1].row(.api, .queueWaitMean)?.values == [try #require(whole[1].row(.api, .queueWaitMean)?.values[5])])
  }
}

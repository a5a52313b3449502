import Foundation
import SimulationKernel
import Testing

@testable import CallcapKit

/// `plan` runs every setting and look in one pool of workers, and spare
/// workers run the looks the rule will probably take next; the output
/// must not show it. A stochastic scenario whose plan extends two tiers
/// over several looks: Poisson requests at 3000/h for a minute through the
/// API, calls lasting 2 h (so the peak is the number of calls, about
/// Poisson(50), against a threshold of 74). At 1 CPS the p95 wait is near
/// its 4 s limit, so tier 1 needs looks before it fails; tier 2 meets the
/// wait at once but needs hundreds of replications to bound a risk of
/// about 0.1% below 1%.
@Suite struct PlanPoolTests {
  static func scenario() throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: multi-look
      simulation: { horizon: 1m, replications: 2, max_replications: 600, seed: 11 }
      account:
        api: { cps: 1 }
        thresholds: { outbound: 74 }
      numbers: [050-1234-5678]
      traffic:
        - { name: blast, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 3000/h }, duration: 2h }
      objectives: { queue_wait_p95: 4s }
      tiers: [1, 2, 3]
      """)
  }

  /// Every file of the plan and its JSON are byte-identical with one job and three.
  @Test func planOutputIsIdenticalForAnyJobs() throws {
    let scenario = try Self.scenario()
    let one = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: Simulator(jobs: 1))
    let three = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: Simulator(jobs: 3))
    // The plan looked several times at two tiers, so the pool ran ahead of the rule.
    let counts = one.plan.tiers.map(\.replications)
    #expect(counts.filter { $0 > scenario.simulation.replications }.count == 2, "\(counts)")
    #expect(one.plan.tiers[0].decision == .fails && counts[0] > 4)
    #expect(three.plan.tiers.map(\.replications) == counts)
    #expect(three.jsonScenario.text == one.jsonScenario.text)
    let files = one.files
    let others = three.files
    #expect(files.map(\.path) == others.map(\.path))
    for (file, other) in zip(files, others) {
      #expect(file.contents == other.contents, "\(file.path) differs between --jobs 1 and --jobs 3")
    }
  }

  /// The looks the rule names ahead: each pending setting's next look in
  /// the rule's order, then the looks after, up to the limit.
  @Test func looksAheadFollowTheSchedule() {
    let schedule = LookSchedule(first: 2, budget: 64, riskLimit: nil)
    #expect(schedule.counts == [2, 4, 8, 16, 32, 64])
    let looks = CapacityPlan.looksAhead(schedule: schedule, settings: [2, 1], counts: [2, 4, 8], limit: 20)
    // 8 + 4 replications, then the look that reaches the limit of 20.
    #expect(looks.map(\.setting) == [2, 1, 2])
    #expect(looks.map(\.replications) == [8..<16, 4..<8, 16..<32])
    #expect(CapacityPlan.looksAhead(schedule: schedule, settings: [0], counts: [64], limit: 8).isEmpty)
  }

  /// A cancelled plan stops: no further replication starts and the pool's workers end.
  @Test func cancelledPoolReturnsNothing() throws {
    let scenario = try Self.scenario()
    let token = CancellationToken()
    token.cancel()
    let plan = CapacityPlan.simulate(scenario, tiers: scenario.tiers, gate: nil, simulator: Simulator(jobs: 2, cancellation: token))
    #expect(plan.tiers.allSatisfy { !$0.run.isComplete || $0.replications == 0 })
    #expect(plan.tiers.allSatisfy { $0.replications == 0 })
  }
}

import Foundation
import Testing

@testable import CallcapKit

@Suite struct CheckTests {
  /// The default compares the mean; --strict compares the end of the 95%
  /// interval nearer to failing, for `max` and for `min`.
  @Test func strictComparesThePessimisticEnd() throws {
    var scenario = try loadScenario(
      """
      callcap: 1
      name: strict
      simulation: { horizon: 2h, replications: 6, seed: 4 }
      numbers: [050-1234-5678]
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.5/s }, duration: exponential(mean: 100s) }
      """)
    let run = Simulator(jobs: 2).run(SimulationModel(scenario), replications: 6)
    let summary = try #require(run.row(.category(.inbound), .meanConcurrency)?.summary)
    let half = try #require(summary.halfWidth)
    #expect(half > 0)
    scenario.expectations = [
      Expectation(metric: .meanConcurrency, scope: .category(.inbound), max: summary.mean + half / 2),
      Expectation(metric: .meanConcurrency, scope: .category(.inbound), min: summary.mean - half / 2),
    ]
    let lenient = ScenarioCheck(scenario: scenario, runs: [run], strict: false)
    #expect(lenient.passed)
    let strict = ScenarioCheck(scenario: scenario, runs: [run], strict: true)
    #expect(strict.failures == 2)
    #expect(strict.results.map(\.compared) == [summary.mean + half, summary.mean - half])
    #expect(strict.lines[0].hasPrefix("FAIL strict: mean_concurrency inbound = "))
  }

  @Test func tiersNeededFollowTheExpectations() throws {
    var scenario = try loadScenario(
      """
      callcap: 1
      name: tiers
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.5/s }, duration: 1m }
      """)
    scenario.expectations = [5, nil, 2, 5].map { Expectation(metric: .peakConcurrency, scope: .category(.total), max: 1, tier: $0) }
    let tiers = ScenarioCheck.tiersNeeded(scenario)
    #expect(tiers == [nil, 5, 2])
  }

  /// Paired differences on common random numbers are much narrower than
  /// Welch's interval on the same values treated as independent.
  @Test func pairedDifferences() throws {
    let baseline = [10.0, 12, 9, 15, 11, 13]
    let offsets = [0.1, -0.1, 0.1, -0.1, 0.1, -0.1]
    let other = zip(baseline, offsets).map { $0 + 1 + $1 }
    let paired = Difference(baseline: baseline, other: other)
    #expect(paired.paired && abs(paired.mean - 1) < 1e-9 && paired.isSignificant)
    #expect(try #require(paired.halfWidth) < 0.2)
    let independent = Difference(baseline: baseline, other: Array(other.prefix(5)))
    #expect(!independent.paired && !independent.isSignificant)
    #expect(Difference(baseline: [1, 1, 1], other: [1, 1, 1]).isSignificant == false)
    #expect(Difference(baseline: [1, 1, 1], other: [2, 2, 2]).isSignificant)
  }
}

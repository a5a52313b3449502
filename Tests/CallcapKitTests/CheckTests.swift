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

  /// --strict judges a share of replications on its one-sided 95%
  /// Clopper-Pearson bounds, as plan judges the suspension risk: 4 of 20
  /// replications breaching (20%; bounds 7.1% to 40.1%) pass a 50% limit,
  /// are undecided against 30% (a failure under --strict, a pass on the
  /// mean), and fail 5%.
  @Test func strictJudgesSharesOfReplicationsWithClopperPearson() throws {
    var scenario = try loadScenario(
      """
      callcap: 1
      name: shares
      simulation: { horizon: 1h, replications: 20 }
      numbers: [050-1234-5678]
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.5/s }, duration: 1m }
      """)
    let values = (0..<20).map { $0 % 5 == 0 ? 1.0 : 0 }
    let run = SyntheticResults.run(.category(.inbound), .thresholdBreachShare, values)
    scenario.expectations = [0.5, 0.3, 0.05].map {
      Expectation(metric: .thresholdBreachShare, scope: .category(.inbound), max: $0)
    }
    let strict = ScenarioCheck(scenario: scenario, runs: [run], strict: true)
    #expect(strict.results.map(\.outcome) == [.meets, .undecided, .fails])
    #expect(strict.results.map(\.passed) == [true, false, false])
    let interval = try #require(strict.results[0].interval)
    #expect(abs(interval.lowerBound - 0.07135388) < 1e-6 && abs(interval.upperBound - 0.40102812) < 1e-6)
    #expect(
      strict.lines[1]
        == "FAIL shares: threshold_breach_share inbound = 4 of 20 replications (20%, 95% interval 5.73% to 43.7%); limit <= 30% "
        + "(strict: undecided, the 95% interval contains the limit)")
    let lenient = ScenarioCheck(scenario: scenario, runs: [run], strict: false)
    #expect(lenient.results.map(\.passed) == [true, true, false])

    // One replication gives no interval: --strict cannot pass it.
    let single = SyntheticResults.run(.category(.inbound), .peakConcurrency, [3])
    scenario.expectations = [Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 10)]
    let one = ScenarioCheck(scenario: scenario, runs: [single], strict: true)
    #expect(!one.passed && one.lines[0].hasSuffix("(strict: no 95% interval from a single replication)"))
    #expect(ScenarioCheck(scenario: scenario, runs: [single], strict: false).passed)
  }

  /// A t interval that crosses zero is clamped: a share or count is never
  /// shown or compared below 0.
  @Test func intervalsAreClampedToTheQuantitysRange() throws {
    let summary = Summary([0, 0, 0, 0.01])
    #expect(try #require(summary.low) < 0)
    #expect(summary.interval(.share)?.lowerBound == 0)
    #expect(summary.interval(.calls)?.lowerBound == 0)
    let near = Summary([1, 1, 1, 0.9])
    #expect(try #require(near.high) > 1 && near.interval(.share)?.upperBound == 1)
    #expect(try #require(near.interval(.calls)?.upperBound) > 1)
    let csv = CSVWriter.summary(scenario: "s", runs: [SyntheticResults.run(.category(.total), .rejectedRate, [0, 0, 0, 0.01])])
    #expect(csv.contains("s,configured,total,rejected_rate,share,0.0025,0,0.01045611576,0,0.01,4"))
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

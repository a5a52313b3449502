import Foundation
import Testing

@testable import CallcapKit

/// Replications that all measured the same value give a t interval of
/// zero width. It says nothing about a replication not yet run: when that
/// value sits exactly on the limit (no call refused in any replication
/// against `rejected: 0%`, a p95 wait of 0 against 0 s), one refusal in
/// the next replication would break the objective, so it is undecided,
/// not met. A value clear of the limit is judged as before.
@Suite struct IdenticalReplicationsTests {
  /// 4 replications without a refusal do not show `rejected: 0%`; they
  /// do show 0.5%, and 4 replications refusing 1% each fail 0.5%.
  @Test func identicalValuesOnTheLimitAreUndecided() {
    let none = Summary([0, 0, 0, 0])
    #expect(ObjectiveCheck(objective: .rejected, summary: none, unit: .share, limit: 0).outcome == .undecided)
    #expect(ObjectiveCheck(objective: .rejected, summary: none, unit: .share, limit: 0.005).outcome == .meets)
    let some = Summary([0.01, 0.01, 0.01, 0.01])
    #expect(ObjectiveCheck(objective: .rejected, summary: some, unit: .share, limit: 0.005).outcome == .fails)
    let waits = Summary([30, 30, 30])
    #expect(ObjectiveCheck(objective: .queueWaitP95(.api), summary: waits, unit: .seconds, limit: 30).outcome == .undecided)
  }

  /// The same values summed in another order can leave a mean a rounding
  /// error off the value itself, and a half-width of a rounding error:
  /// neither may decide against a limit equal to the value.
  @Test func roundingOfIdenticalValuesDecidesNothing() {
    let tenths = Summary([0.1, 0.1, 0.1])
    let check = ObjectiveCheck(objective: .rejected, summary: tenths, unit: .share, limit: 0.1)
    #expect(check.outcome == .undecided)
  }

  /// `check --strict` judges the same way: 0 queue overflows in each of
  /// 20 replications do not pass `max: 0`, nor does a constant 72 pass
  /// `min: 72`; they pass limits they clear.
  @Test func strictCheckDoesNotPassIdenticalValuesOnTheLimit() throws {
    var scenario = try loadScenario(
      """
      callcap: 1
      name: alike
      simulation: { horizon: 1h, replications: 20 }
      numbers: [050-1234-5678]
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.5/s }, duration: 1m }
      """)
    let run = SyntheticResults.run(.category(.inbound), .peakConcurrency, Array(repeating: 72, count: 20))
    scenario.expectations = [
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 72),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), min: 72),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 73),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), min: 71),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 71),
    ]
    let strict = ScenarioCheck(scenario: scenario, runs: [run], strict: true)
    #expect(strict.results.map(\.outcome) == [.undecided, .undecided, .meets, .meets, .fails])
    let lenient = ScenarioCheck(scenario: scenario, runs: [run], strict: false)
    #expect(lenient.results.map(\.passed) == [true, true, true, true, false])
  }
}

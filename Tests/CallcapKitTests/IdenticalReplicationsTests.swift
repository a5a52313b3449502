import Foundation
import Testing

@testable import CallcapKit

/// Replications that all measured the same value give a t interval of
/// zero width. It says nothing about a replication not yet run: 10
/// replications with a p95 wait of 0 used to "meet" any wait objective.
/// Such a verdict now needs the replications a distribution-free argument
/// asks for: n alike put at most 5% of replications on the other side
/// with confidence 1 - 0.95^n, so 59 at 95% (102 at one look of a plan's
/// 9). A value exactly on the limit (no call refused against `rejected:
/// 0%`) stays undecided however many agree.
@Suite struct IdenticalReplicationsTests {
  /// 4 (or 58) replications without a refusal show neither `rejected:
  /// 0%` nor 0.5%; 59 show 0.5% but never 0%. Likewise 59 replications
  /// refusing 1% each fail 0.5%, 58 do not yet.
  @Test func identicalValuesNeedEnoughReplications() {
    #expect(DecisionLevel.single.identicalReplicationsNeeded == 59)
    #expect(pow(0.95, 59) < 0.05 && pow(0.95, 58) > 0.05)
    func outcome(_ value: Double, _ count: Int, limit: Double, level: DecisionLevel = .single) -> ObjectiveOutcome {
      let summary = Summary(Array(repeating: value, count: count))
      return ObjectiveCheck(objective: .rejected, summary: summary, unit: .share, limit: limit, level: level).outcome
    }
    #expect(outcome(0, 4, limit: 0) == .undecided)
    #expect(outcome(0, 4, limit: 0.005) == .undecided)
    #expect(outcome(0, 58, limit: 0.005) == .undecided)
    #expect(outcome(0, 59, limit: 0.005) == .meets)
    #expect(outcome(0, 500, limit: 0) == .undecided)
    #expect(outcome(0.01, 58, limit: 0.005) == .undecided)
    #expect(outcome(0.01, 59, limit: 0.005) == .fails)
    // In a plan of 9 looks each look is at 5%/9: 102 alike are needed.
    let plan = DecisionLevel(looks: 9)
    #expect(plan.identicalReplicationsNeeded == 102)
    #expect(outcome(0, 101, limit: 0.005, level: plan) == .undecided)
    #expect(outcome(0, 102, limit: 0.005, level: plan) == .meets)
    let waits = Summary(Array(repeating: 30, count: 100))
    #expect(ObjectiveCheck(objective: .queueWaitP95(.api), summary: waits, unit: .seconds, limit: 30).outcome == .undecided)
  }

  /// A p95 wait of 0 in all of a plan's first 10 replications no longer
  /// meets a wait objective: the tier is looked at again with more.
  @Test func zeroWaitsInTenReplicationsAreUndecided() {
    let zeros = Summary(Array(repeating: 0, count: 10))
    let check = ObjectiveCheck(objective: .queueWaitP95(.api), summary: zeros, unit: .seconds, limit: 30)
    #expect(check.outcome == .undecided)
    #expect(check.low == 0 && check.high == 0)
  }

  /// The same values summed in another order can leave a mean a rounding
  /// error off the value itself, and a half-width of a rounding error:
  /// neither may decide against a limit equal to the value.
  @Test func roundingOfIdenticalValuesDecidesNothing() {
    let tenths = Summary([0.1, 0.1, 0.1])
    let check = ObjectiveCheck(objective: .rejected, summary: tenths, unit: .share, limit: 0.1)
    #expect(check.outcome == .undecided)
  }

  /// `check --strict` judges the same way, through the same rule: a
  /// constant 72 in 20 replications passes nothing; in 59 it passes the
  /// limits it clears and still not `max: 72` or `min: 72`.
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
    let few = SyntheticResults.run(.category(.inbound), .peakConcurrency, Array(repeating: 72, count: 20))
    let run = SyntheticResults.run(.category(.inbound), .peakConcurrency, Array(repeating: 72, count: 59))
    scenario.expectations = [
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 72),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), min: 72),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 73),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), min: 71),
      Expectation(metric: .peakConcurrency, scope: .category(.inbound), max: 71),
    ]
    #expect(ScenarioCheck(scenario: scenario, runs: [few], strict: true).results.allSatisfy { $0.outcome == .undecided })
    let strict = ScenarioCheck(scenario: scenario, runs: [run], strict: true)
    #expect(strict.results.map(\.outcome) == [.undecided, .undecided, .meets, .meets, .fails])
    let lenient = ScenarioCheck(scenario: scenario, runs: [run], strict: false)
    #expect(lenient.results.map(\.passed) == [true, true, true, true, false])
  }
}

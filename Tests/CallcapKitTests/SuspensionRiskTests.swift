import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// The suspension risk end to end, on a scenario whose risk is known in
/// closed form: inbound Poisson calls at 50/h over a 1 h horizon, each
/// lasting 2 h, so every call is still live when the last one arrives and
/// a replication's peak is its number of calls, N ~ Poisson(50). The risk
/// of reaching a threshold T is P(N >= T): 0.0886% for T = 74, 21.6% for
/// T = 56. No traffic passes a CPS gate, so `plan` decides the configured
/// account ("no CPS to buy").
@Suite struct SuspensionRiskTests {
  static func scenario(threshold: Int, replications: Int = 10, maxReplications: Int = 2000) throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: poisson-peak
      simulation: { horizon: 1h, replications: \(replications), max_replications: \(maxReplications), seed: 5 }
      account:
        thresholds: { inbound: \(threshold) }
      numbers: [050-1234-5678]
      traffic:
        - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 50/h }, duration: 2h }
      """)
  }

  @Test func closedFormRisks() {
    #expect(abs(gsl_cdf_poisson_Q(73, 50) - 0.000886) < 1e-6)
    #expect(abs(gsl_cdf_poisson_Q(55, 50) - 0.2155) < 1e-4)
  }

  /// The simulated share of replications reaching T = 56 agrees with
  /// P(N >= 56) = 21.6%: the closed form lies in the 99.9% Clopper-Pearson
  /// interval of 1000 replications (fixed seed, so the test is deterministic).
  @Test func simulatedReachMatchesThePoissonTail() throws {
    let scenario = try Self.scenario(threshold: 56)
    let run = Simulator(jobs: 2).run(SimulationModel(scenario), replications: 1000)
    let reach = ThresholdReach(run, scenario: scenario).any
    #expect(BinomialInterval.lowerBound(events: reach.events, trials: reach.trials, tail: 0.0005) < 0.2155)
    #expect(BinomialInterval.upperBound(events: reach.events, trials: reach.trials, tail: 0.0005) > 0.2155)
  }

  /// A true risk of 0.09% is accepted only once enough replications
  /// without a breach bound it at 1% at the per-look level (0 of 517 at
  /// 99.4%, one of the plan's 9 looks): the plan starts at 10 replications
  /// and adds batches.
  @Test func rareRiskIsAcceptedAfterEnoughReplications() throws {
    let scenario = try Self.scenario(threshold: 74)
    let plan = CapacityPlan.simulate(scenario, tiers: [1, 2], gate: nil, simulator: Simulator(jobs: 2))
    #expect(plan.gates.isEmpty && plan.tiers.isEmpty)
    #expect(plan.status == .meets)
    let outcome = plan.configured
    #expect(outcome.replications == 517)
    #expect(outcome.reach.any.oneSidedUpper(plan.level) <= 0.01)
    let first = RunResult(setting: nil, replications: Array(outcome.run.replications.prefix(10)))
    #expect(TierOutcome(setting: nil, run: first, scenario: scenario, level: plan.level).decision == .undecided)
    // Wrong answer 6: no gate, every objective holds, and the verdict says so.
    let verdict = PlanVerdict(plan: plan).render()
    #expect(verdict.hasPrefix("**No CPS to buy; every objective holds.** No traffic passes a CPS gate"))
    #expect(verdict.contains("suspension risk 0 of \(outcome.replications) replications, 99.4% upper bound"))
    #expect(!verdict.contains("no tier meets"))
    #expect(PlanReport.summaryLine(plan).hasPrefix("poisson-peak: no CPS to buy; every objective holds"))

    // --json tells a script that this scenario is safe: status meets, no CPS to buy.
    let json = try #require(try JSONSerialization.jsonObject(with: Data(PlanReport(plan: plan).jsonScenario.text.utf8)) as? [String: Any])
    let jsonVerdict = try #require(json["verdict"] as? [String: Any])
    #expect(jsonVerdict["status"] as? String == "meets")
    #expect((jsonVerdict["recommended_cps"] as? [String: Any])?.isEmpty == true)
    let objectives = try #require(jsonVerdict["objectives"] as? [[String: Any]])
    #expect(objectives.first?["objective"] as? String == "suspension_risk" && objectives.first?["outcome"] as? String == "meets")

    // The same with one job: the replication count and every value agree.
    let single = CapacityPlan.simulate(scenario, tiers: [1, 2], gate: nil, simulator: Simulator(jobs: 1))
    #expect(single.configured.replications == outcome.replications)
    #expect(
      single.configured.run.row(.category(.inbound), .peakConcurrency)?.values
        == outcome.run.row(.category(.inbound), .peakConcurrency)?.values)
  }

  /// A true risk of 21.6% is rejected within the first batch: two
  /// replications reaching the threshold put the one-sided lower bound
  /// above 1%.
  @Test func frequentRiskFailsWithinTheFirstBatch() throws {
    let scenario = try Self.scenario(threshold: 56)
    let plan = CapacityPlan.simulate(scenario, tiers: [1], gate: nil, simulator: Simulator(jobs: 2))
    #expect(plan.status == .fails)
    #expect(plan.configured.replications <= 20)
    #expect(plan.configured.reach.any.oneSidedLower95 > 0.01)
    let verdict = PlanVerdict(plan: plan).render()
    #expect(verdict.hasPrefix("**No CPS to buy, but suspension risk fails.**"))
    #expect(PlanReport.summaryLine(plan).hasPrefix("poisson-peak: no CPS to buy; suspension risk fails"))
  }

  /// With a budget too small to settle a rare risk the verdict is undecided.
  @Test func smallBudgetLeavesTheRiskUndecided() throws {
    let scenario = try Self.scenario(threshold: 74, maxReplications: 50)
    let plan = CapacityPlan.simulate(scenario, tiers: [], gate: nil, simulator: Simulator(jobs: 2))
    #expect(plan.status == .undecided)
    #expect(plan.configured.replications == 50)
    let verdict = PlanVerdict(plan: plan).render()
    #expect(verdict.hasPrefix("**No CPS to buy; suspension risk undecided.**"))
    #expect(verdict.contains("about 438 replications would settle it, or a looser objective (`suspension_risk: 8.4%` or more)"))
    #expect(PlanReport.summaryLine(plan).hasPrefix("poisson-peak: undecided"))
  }

  @Test func loaderKeys() throws {
    let defaults = try Self.scenario(threshold: 74)
    #expect(defaults.objectives.suspensionRisk == 0.01)
    let text = """
      callcap: 1
      name: keys
      simulation: { horizon: 1h, replications: 30, max_replications: 20 }
      numbers: [050-1234-5678]
      traffic:
        - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 50/h }, duration: 2h }
      objectives: { suspension_risk: 0% }
      """
    let problems = diagnostics(text)
    #expect(problems.contains { $0.contains("'max_replications' (20) must be at least 'replications' (30)") })
    #expect(problems.contains { $0.contains("'suspension_risk' must be above 0%") })
    let set = try loadScenario(
      text.replacingOccurrences(of: "max_replications: 20", with: "max_replications: 500").replacingOccurrences(
        of: "suspension_risk: 0%", with: "suspension_risk: 5%"))
    #expect(set.simulation.maxReplications == 500 && set.objectives.suspensionRisk == 0.05)
    #expect(
      diagnostics(text.replacingOccurrences(of: "max_replications: 20", with: "max_replications: 200000")).contains {
        $0.contains("'max_replications'")
      })
  }
}

import Foundation
import Testing

@testable import CallcapKit

/// The decision rule of `plan` as a pure function: synthetic
/// per-replication results (only the outbound peak) whose replications
/// reach the threshold with a known probability, fed to the sequential
/// rule through ``CapacityPlan/decide(scenario:gates:runs:extend:)``.
@Suite struct DecisionTests {
  static func scenario(replications: Int = 10, maxReplications: Int = 2000, risk: String = "1%") throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: synthetic
      simulation: { horizon: 1h, replications: \(replications), max_replications: \(maxReplications) }
      account:
        thresholds: { outbound: 100 }
      numbers: [050-1234-5678]
      traffic:
        - { name: o, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1m }
      objectives: { suspension_risk: \(risk) }
      tiers: [1, 2, 3]
      """)
  }

  /// A uniform number in [0, 1) for (tier, replication): SplitMix64 of
  /// both, so each tier's replications are independent Bernoulli trials.
  static func uniform(_ tier: Int, _ replication: Int) -> Double {
    var z = UInt64(replication) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(tier) &* 0xD1B5_4A32_D192_ED03
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) / 9_007_199_254_740_992
  }

  /// One replication that measured only the outbound peak.
  static func replication(peak: Double) -> ReplicationResult {
    SyntheticResults.replication([MetricValue(scope: .category(.outbound), metric: .peakConcurrency, value: peak)])
  }

  /// Replications `range` of a setting whose replication i reaches the
  /// threshold when `reaches(i)`.
  static func run(tier: Double?, _ range: Range<Int>, previous: RunResult?, reaches: (Int) -> Bool) -> RunResult {
    let batch = range.map { replication(peak: reaches($0) ? 100 : 50) }
    return RunResult(setting: apiTier(tier), replications: (previous?.replications ?? []) + batch)
  }

  /// Runs the sequential rule with synthetic settings: index 0 the
  /// configured CPS, then one per tier; records every batch requested.
  static func decide(
    _ scenario: Scenario, gates: [Scope] = [.api], reaches: [(Int) -> Bool]
  ) -> (plan: CapacityPlan, batches: [(settings: [Int], range: Range<Int>)]) {
    let tiers: [Double?] = [nil] + scenario.tiers.map { $0 }
    let first = 0..<scenario.simulation.replications
    let initial = (gates.isEmpty ? [nil] : tiers).indices.map { run(tier: tiers[$0], first, previous: nil, reaches: reaches[$0]) }
    var batches: [(settings: [Int], range: Range<Int>)] = []
    let plan = CapacityPlan.decide(scenario: scenario, gates: gates, runs: initial) { settings, range, previous in
      batches.append((settings, range))
      return zip(settings, previous).map { run(tier: tiers[$0], range, previous: $1, reaches: reaches[$0]) }
    }
    return (plan, batches)
  }

  /// A tier with a true risk of 20% is rejected within the first looks
  /// (here at 40 replications); a tier with a true risk of 0.1% is
  /// accepted only once 517 replications without a breach bound its risk
  /// at 1% at one look of the plan's 9 (99.4%; 0 of 10 bounds it only at
  /// 40%). The looks are fixed in advance: 10, 20, 40, ... The tier above is
  /// not needed and keeps its first 10 replications.
  @Test func sequentialRuleAcceptsARareRiskOnlyAfterEnoughReplications() throws {
    let scenario = try Self.scenario()
    let (plan, batches) = Self.decide(
      scenario, reaches: [{ _ in false }, { Self.uniform(1, $0) < 0.2 }, { Self.uniform(2, $0) < 0.001 }, { Self.uniform(3, $0) < 0.001 }])
    let risky = plan.tiers[0]
    #expect(risky.decision == .fails)
    #expect(risky.replications <= 40)
    #expect(risky.reach.any.oneSidedLower(plan.level) > 0.01)

    let rare = plan.tiers[1]
    #expect(rare.decision == .meets)
    #expect(rare.replications == 517)
    #expect(rare.reach.any == BinomialInterval(events: 0, trials: 517))
    #expect(plan.recommended?.tier == 2)
    #expect(plan.status == .meets)
    #expect(plan.tiers[2].replications == 10 && plan.tiers[2].decision == .undecided)
    #expect(plan.configured.replications == 10)

    // Tier 2's batches: the schedule's looks, doubling, then the count at which no breach confirms 1%.
    let rareBatches = batches.filter { $0.settings == [2] }.map(\.range)
    #expect(rareBatches == [10..<20, 20..<40, 40..<80, 80..<160, 160..<320, 320..<517])
    // At every earlier look the same tier was undecided.
    for count in [10, 20, 40, 80, 160, 320, 516] {
      let prefix = RunResult(setting: apiTier(2), replications: Array(rare.run.replications.prefix(count)))
      #expect(TierOutcome(setting: apiTier(2), run: prefix, scenario: scenario, level: plan.level).decision == .undecided)
    }
  }

  /// One early breach: 1 of n bounds the risk at 1% at 99.4% only from
  /// more than 517 replications, so the tier is confirmed at the next
  /// look, 1034 (at one look of 95%, 473 would have sufficed).
  @Test func anEarlyBreachRaisesTheCountNeeded() throws {
    let scenario = try Self.scenario()
    #expect(BinomialInterval.trialsToBound(events: 1, below: 0.01) == 473)
    let needed = try #require(BinomialInterval.trialsToBound(events: 1, below: 0.01, tail: 0.05 / 9))
    #expect(needed > 517 && needed <= 1034)
    let (plan, batches) = Self.decide(scenario, reaches: [{ _ in false }, { $0 == 12 }, { _ in true }, { _ in true }])
    #expect(plan.recommended?.tier == 1)
    #expect(plan.tiers[0].replications == 1034)
    #expect(batches.map(\.range.upperBound) == [20, 40, 80, 160, 320, 517, 1034])
    #expect(plan.tiers[1].decision == .fails && plan.tiers[1].replications == 10)
  }

  /// With the budget spent, the answer stays undecided and says what would
  /// settle it; it is never rounded to "meets". A tier known to meet above
  /// it is named as the safe choice.
  @Test func undecidedAtTheBudgetIsReportedAsSuch() throws {
    let scenario = try Self.scenario(maxReplications: 100)
    let (plan, _) = Self.decide(scenario, reaches: [{ _ in false }, { _ in false }, { _ in false }, { _ in false }])
    #expect(plan.status == .undecided)
    #expect(plan.recommended == nil)
    #expect(plan.tiers[0].replications == 100 && plan.tiers[0].decision == .undecided)
    // Tier 1 cannot be settled within the budget, so the answer cannot either: tier 2 is not simulated further.
    #expect(plan.tiers[1].replications == 10 && plan.smallestMeeting == nil)
    let verdict = PlanVerdict(plan: plan).render()
    #expect(verdict.hasPrefix("**Undecided.** No candidate tier is shown to meet every objective"))
    #expect(
      verdict.contains(
        "at 1 CPS suspension risk 0 of 100 replications, 99% upper bound 4.5%, undecided against 1%; 2 higher tiers are undecided "
          + "too (after 10 replications), not simulated further while 1 CPS is open. After 100 replications"))
    #expect(verdict.contains("`simulation.max_replications` is 100), about 463 replications would settle it"))
    #expect(verdict.contains("or a looser objective (`suspension_risk: 4.6%` or more)"))
    #expect(!verdict.contains("Buy"))
    let csv = CSVWriter.tiers(plan)
    #expect(
      csv.contains(
        "synthetic,1,1,api,1,1,true,1,100,undecided,false,false,suspension risk,,,,,50,,,0,0,0.02951304961,,,,,,,undecided,,,\n"))
  }

  /// A safe tier above an undecided one: "3 CPS meets", but not "Buy".
  @Test func undecidedBelowAMeetingTierNamesTheSafeChoice() throws {
    // Against a 35% limit, looks at 10, 20 and 40 (each at 98.3%): tier 1 breaches in a third of its replications
    // (undecided even at 40), tier 2 in 9 of its first 10 (fails), tier 3 never (0 of 10 bounds it at 33.6%: meets).
    let loose = try Self.scenario(maxReplications: 40, risk: "35%")
    let (plan, _) = Self.decide(loose, reaches: [{ _ in false }, { $0 % 3 == 0 }, { $0 < 9 }, { _ in false }])
    #expect(plan.tiers[0].decision == .undecided && plan.tiers[0].replications == 40)
    #expect(plan.tiers[1].decision == .fails)
    #expect(plan.tiers[2].decision == .meets && plan.tiers[2].replications == 10)
    #expect(plan.status == .undecided && plan.recommended == nil && plan.smallestMeeting?.tier == 3)
    let verdict = PlanVerdict(plan: plan).render()
    #expect(verdict.hasPrefix("**Undecided.** 3 CPS meets every objective with 95% confidence"))
    #expect(verdict.contains("but whether a smaller tier suffices is not settled: at 1 CPS suspension risk 14 of 40 replications"))
  }

  /// Undecided outcomes come from intervals that contain the limit, on
  /// both sides of a plain mean.
  @Test func outcomesFromIntervals() {
    #expect(ObjectiveOutcome.judge(low: 1, high: 2, limit: 2) == .meets)
    #expect(ObjectiveOutcome.judge(low: 2, high: 3, limit: 2) == .undecided)
    #expect(ObjectiveOutcome.judge(low: 2.01, high: 3, limit: 2) == .fails)
    #expect(ObjectiveOutcome.judge(low: nil, high: nil, limit: 2) == .undecided)
    #expect(ObjectiveOutcome.combined([.meets, .undecided, .meets]) == .undecided)
    #expect(ObjectiveOutcome.combined([.undecided, .fails]) == .fails)
    #expect(ObjectiveOutcome.combined([]) == .meets)
    // A mean wait below the limit whose interval crosses it is undecided, not met.
    let check = ObjectiveCheck(
      objective: .queueWaitP95(.api), summary: Summary([20, 40, 25, 35, 22]), unit: .seconds, limit: 30)
    #expect(check.measured < 30 && check.outcome == .undecided)
    #expect(check.explanation.hasSuffix("undecided against 30 s"))
  }

  /// A replication reaches a threshold less the headroom at or above it:
  /// 90 of 100 with 10% headroom reaches, 89 does not.
  @Test func reachCountsPeaksAtTheLimit() throws {
    var scenario = try Self.scenario()
    scenario.objectives.thresholdHeadroom = 0.1
    let run = RunResult(setting: nil, replications: [89, 90, 99, 100, 50].map { Self.replication(peak: $0) })
    let reach = ThresholdReach(run, scenario: scenario)
    #expect(reach.categories.first?.limit == 90)
    #expect(reach.any == BinomialInterval(events: 3, trials: 5))
    #expect(reach.anyThreshold == BinomialInterval(events: 1, trials: 5))
  }
}

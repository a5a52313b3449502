import Foundation
import Testing

@testable import CallcapKit

/// Per-gate plans (SPEC "Per-gate plans and the trunk pool"): every gate
/// that carries traffic gets a CPS of its own, the options are ordered by
/// cost, and the recommendation is the cheapest option that meets every
/// objective once every cheaper one fails.
@Suite struct GatePlanTests {
  /// Two gates whose objectives do not interact, with deterministic
  /// traffic so that every figure has a closed form:
  ///
  /// - the API gate takes a burst of 100 requests at 08:00 and releases
  ///   them one every 1/c s (smooth pacing), so request k waits k/c and
  ///   the p95 wait is about 95/c: `queue_wait_p95: 20s` needs c >= 4.75,
  ///   i.e. 5 of the candidates 1, 2, 3, 5, 10;
  /// - the trunk takes one attempt every 0.25 s (4 per second) through a
  ///   sliding window: at 3 CPS or less one attempt in four or more is
  ///   refused (no retry), at 5 or more none, so `rejected: 0.5%` needs 5;
  /// - calls last 5 s, so at most about 50 + 20 are ever in progress, far
  ///   below the thresholds: 0 of 60 replications reach one, which bounds
  ///   the risk by 4.9% at one look (`suspension_risk: 10%`).
  ///
  /// Every replication is the same, so 60 replications (more than the 59
  /// that identical replications need) decide each objective at once.
  static let independentGates = """
    callcap: 1
    name: two-gates
    simulation: { horizon: 10m, replications: 60, max_replications: 60, start: "08:00" }
    account:
      api: { cps: 1 }
      trunks:
        - { name: t, cps: 1 }
    numbers: [050-1234-5678]
    traffic:
      - name: blast
        type: outbound
        via: api
        from: 050-1234-5678
        to: { mobile: 100% }
        arrivals: { burst: { at: "08:00", count: 100 } }
        duration: 5s
      - name: stream
        type: outbound
        via: trunk:t
        from: 050-1234-5678
        to: { mobile: 100% }
        arrivals: { every: 250ms }
        duration: 5s
    objectives: { queue_wait_p95: 20s, rejected: 0.5%, suspension_risk: 10% }
    tiers: [1, 2, 3, 5, 10]
    """

  /// The closed form: with independent gates the joint plan is the
  /// pair of single-gate plans (each with the other gate at a CPS that
  /// meets its own objective), here API 5 and trunk 5.
  @Test func jointPlanEqualsTheSingleGatePlans() throws {
    var scenario = try loadScenario(Self.independentGates)
    let simulator = Simulator(jobs: 2)
    let joint = CapacityPlan.simulate(scenario, tiers: nil, gate: nil, simulator: simulator)
    #expect(joint.gates == [.api, .trunk("t")])
    #expect(joint.optionCount == 25 && joint.tiers.count == 25)
    let recommended = try #require(joint.recommended?.setting)
    #expect(recommended.cps(for: .api) == 5 && recommended.cps(for: .trunk("t")) == 5)
    // Every cheaper option fails, on the objective of the gate below 5.
    for outcome in joint.tiers.prefix(while: { $0.setting != recommended }) {
      #expect(outcome.decision == .fails)
    }

    // The API alone, with the trunk at a CPS its objective is met at.
    scenario.account.trunks[0].cps = 10
    let api = CapacityPlan.simulate(scenario, tiers: nil, gate: .api, simulator: simulator)
    #expect(api.recommended?.tier == 5)
    // The trunk alone, with the API fast enough.
    scenario.account.trunks[0].cps = 1
    scenario.account.api.cps = 10
    let trunk = CapacityPlan.simulate(scenario, tiers: nil, gate: .trunk("t"), simulator: simulator)
    #expect(trunk.recommended?.tier == 5)
  }

  /// The report names the CPS of every gate, the total, and why the
  /// cheaper options fail; tiers.csv has one row per option and gate plus
  /// a total row, the configured CPS first.
  @Test func reportNamesEveryGate() throws {
    let scenario = try loadScenario(Self.independentGates)
    let report = PlanReport(scenario: scenario, tiers: nil, gate: nil, simulator: Simulator(jobs: 2), headroom: false)
    let markdown = try #require(report.files.first { $0.path == "report.md" }?.contents)
    #expect(markdown.contains("**Buy API 5 CPS and trunk t 5 CPS** (10 CPS in all)."), "\(markdown.prefix(600))")
    #expect(markdown.contains("Cheaper combinations fail: "))
    #expect(markdown.contains("## Options"))
    #expect(PlanReport.summaryLine(report.plan) == "two-gates: recommended API 5 CPS, t 5 CPS")
    let csv = try #require(report.files.first { $0.path == "tiers.csv" }?.contents).split(separator: "\n")
    #expect(csv[0].hasPrefix("scenario,option,setting,gate,cps,price_per_cps,self_serve,cost,replications,decision"))
    #expect(csv.count == 1 + 26 * 3)
    #expect(csv[1].hasPrefix("two-gates,configured,configured,api,1,1,true,2,60,fails"))
    let recommendedRows = csv.filter { $0.contains(",api=5 trunk:t=5,") }
    #expect(recommendedRows.count == 3)
    #expect(recommendedRows.allSatisfy { $0.contains(",10,60,meets,true,true,") })
    let json = try #require(JSONSerialization.jsonObject(with: Data(report.jsonScenario.text.utf8)) as? [String: Any])
    let verdict = try #require(json["verdict"] as? [String: Any])
    #expect(verdict["status"] as? String == "buy")
    #expect(verdict["recommended_cps"] as? [String: Double] == ["api": 5, "trunk:t": 5])
    #expect(verdict["recommended_cost"] as? Double == 10)
  }

  /// Prices order the options: with the API at 10 per CPS and the trunk
  /// at 1, every trunk step comes before an API step, ties go to the lower
  /// API CPS, and the recommendation is still the cheapest that meets.
  @Test func pricesOrderTheOptions() throws {
    var scenario = try loadScenario(Self.independentGates)
    scenario.account.api.pricePerCPS = 10
    scenario.account.trunks[0].pricePerCPS = 1
    let options = CapacityPlan.options(scenario, tiers: nil, gate: nil)
    #expect(options.count == 25)
    let costs = options.map { CapacityPlan.cost(of: $0, in: scenario) }
    #expect(costs == costs.sorted())
    #expect(options.prefix(3).map { $0.csvLabel } == ["api=1 trunk:t=1", "api=1 trunk:t=2", "api=1 trunk:t=3"])
    // At equal prices, cost 4 is (1, 3), (2, 2) or (3, 1): the lower API CPS first.
    let tie = try loadScenario(Self.independentGates)
    let tied = CapacityPlan.options(tie, tiers: nil, gate: nil)
    let firstAtFour = try #require(tied.first { CapacityPlan.cost(of: $0, in: tie) == 4 })
    #expect(firstAtFour.cps(for: .api) == 1 && firstAtFour.cps(for: .trunk("t")) == 3)
    let plan = CapacityPlan.simulate(scenario, tiers: nil, gate: nil, simulator: Simulator(jobs: 2))
    #expect(plan.recommended?.setting?.csvLabel == "api=5 trunk:t=5")
    #expect(plan.recommended?.cost == 55)
    let verdict = PlanVerdict(plan: plan).render()
    #expect(verdict.contains("(costs 55 a month at the scenario's `price_per_cps`)"), "\(verdict.prefix(400))")
  }

  /// A grid of 21 x 21 = 441 options is simulated in batches of 400,
  /// cheapest first. When the cheapest option that meets lies beyond the
  /// first batch (API 20 and trunk 20, the 437th), the rule asks for the
  /// next batch instead of giving up, and recommends it; when it lies in
  /// the first, the dearer batch is never simulated.
  @Test func largeGridsAreSearchedInBatchesCheapestFirst() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: big-grid
      simulation: { horizon: 1h, replications: 10, max_replications: 10 }
      account:
        trunks: [{ name: t, cps: 1 }]
        thresholds: { outbound: 100 }
      numbers: [050-1234-5678]
      traffic:
        - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1m }
        - { name: b, type: outbound, via: trunk:t, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1m }
      objectives: { suspension_risk: 30% }
      tiers: [\((1...21).map(String.init).joined(separator: ", "))]
      """)
    let options = CapacityPlan.options(scenario, tiers: nil, gate: nil)
    #expect(options.count == 441)
    func decide(feasible: @escaping (GateSetting) -> Bool) -> (plan: CapacityPlan, batches: [Int]) {
      // Synthetic results: an option's replications reach the threshold unless it is feasible.
      func run(_ setting: GateSetting?) -> RunResult {
        let reaches = setting.map { !feasible($0) } ?? true
        return RunResult(
          setting: setting,
          replications: (0..<10).map { _ in
            SyntheticResults.replication([
              MetricValue(scope: .category(.outbound), metric: .peakConcurrency, value: reaches ? 100 : 50)
            ])
          })
      }
      var batches: [Int] = []
      let first = [run(nil)] + options.prefix(CapacityPlan.exhaustiveLimit).map(run)
      let plan = CapacityPlan.decide(
        scenario: scenario, gates: [.api, .trunk("t")], runs: first, optionCount: options.count,
        extend: { _, _, previous, _ in previous },
        more: { from in
          batches.append(from)
          return options[(from - 1)..<min(options.count, from - 1 + CapacityPlan.exhaustiveLimit)].map(run)
        })
      return (plan, batches)
    }
    let far = decide { ($0.cps(for: .api) ?? 0) >= 20 && ($0.cps(for: .trunk("t")) ?? 0) >= 20 }
    #expect(far.batches == [401])
    #expect(far.plan.tiers.count == 441 && !far.plan.isPartial)
    #expect(far.plan.recommended?.setting?.csvLabel == "api=20 trunk:t=20")
    #expect(far.plan.tiers.firstIndex { $0.setting == far.plan.recommended?.setting } == 436)

    let near = decide { ($0.cps(for: .api) ?? 0) >= 2 && ($0.cps(for: .trunk("t")) ?? 0) >= 2 }
    #expect(near.batches.isEmpty)
    #expect(near.plan.isPartial && near.plan.status == .meets)
    #expect(near.plan.recommended?.setting?.csvLabel == "api=2 trunk:t=2")

    let none = decide { _ in false }
    #expect(none.batches == [401])
    #expect(none.plan.status == .fails && !none.plan.isPartial)
  }

  /// Only gates that carry traffic are planned; a trunk nobody dials keeps its CPS.
  @Test func idleTrunksAreNotPlanned() throws {
    let scenario = try loadScenario(
      Self.independentGates.replacingOccurrences(
        of: "    - { name: t, cps: 1 }", with: "    - { name: t, cps: 1 }\n    - { name: idle, cps: 3 }"))
    #expect(CapacityPlan.gates(of: scenario, only: nil) == [.api, .trunk("t")])
  }
}

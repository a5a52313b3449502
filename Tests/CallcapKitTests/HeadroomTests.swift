import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// `headroom` against closed forms: the factor g found by bisection over
/// the simulation (common random numbers, fixed seeds, so every figure is
/// reproducible) against the g where the objective's true value meets its
/// limit.
@Suite struct HeadroomTests {
  // MARK: - Scaling

  @Test func scalingMultipliesArrivalsOnly() throws {
    #expect(ArrivalSpec.scaledCount(2000, by: 1.3) == 2600)
    #expect(ArrivalSpec.scaledCount(5, by: 1.1) == 6)
    #expect(ArrivalSpec.scaledCount(60, by: 1.49) == 89)
    #expect(ArrivalSpec.poisson(perSecond: 2).scaled(by: 0.5) == .poisson(perSecond: 1))
    #expect(ArrivalSpec.every(intervalSeconds: 10).scaled(by: 2) == .every(intervalSeconds: 5))
    let profile = RateProfile(durations: [60, 60], ratesPerSecond: [1, 3])
    #expect(ArrivalSpec.profile(profile).scaled(by: 2) == .profile(RateProfile(durations: [60, 60], ratesPerSecond: [2, 6])))
    let scenario = try loadScenario(
      """
      callcap: 1
      name: s
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      traffic:
        - { name: a, type: outbound, arrivals: { rate: 10/h }, duration: 2m }
        - { name: b, type: outbound, arrivals: { burst: { at: 0s, count: 2000 } }, duration: 2m }
      """)
    let scaled = scenario.scaled(by: 1.3, classes: ["b"])
    #expect(scaled.traffic[0].arrivals == scenario.traffic[0].arrivals)
    #expect(scaled.traffic[1].arrivals == [.burst(atSeconds: 0, count: 2600, spreadSeconds: 0)])
    #expect(scaled.traffic[1].duration == scenario.traffic[1].duration)
  }

  @Test func growthDates() throws {
    #expect(Growth.parseRate("5%/month") == 0.05)
    #expect(Growth.parseRate("5") == nil && Growth.parseRate("-5%/month") == nil)
    let from = try #require(Growth.parseDate("2026-12-01"))
    #expect(Growth.parseDate("2026-02-30") == nil)
    let growth = Growth(monthly: 0.05, from: from)
    // 1.05^12 = 1.7959: twelve whole months.
    #expect(Growth.format(try #require(growth.date(reaching: pow(1.05, 12)))) == "2027-12-01")
    // 1.05^2.5: two months, then half of February 2027 (14 of 28 days).
    #expect(Growth.format(try #require(growth.date(reaching: pow(1.05, 2.5)))) == "2027-02-15")
    #expect(growth.months(toReach: 1 / 1.05) < 0)
  }

  // MARK: - (a) A deterministic burst

  /// B = 60 calls at t = 0 through the API at 10 CPS, each lasting 1 h:
  /// the last is released after 60g/10 s, long before the first ends
  /// (c x D = 36,000 > B x g), so every replication's outbound peak is the
  /// burst, round(60g). Threshold 100 with 10% headroom: a replication
  /// reaches it when the peak is at least 90, so the plan holds while
  /// round(60g) <= 89, that is g < 89.5/60 = 1.4917, within 0.6% of 90/60
  /// (the rounding of a burst count is the only difference, so the found
  /// factor is within 1% of 89.5/60 by the bisection and within 1.6% of
  /// 90/60 with the rounding). No replication
  /// varies, so "holds" needs the 0-of-n count that bounds the risk at 1%
  /// (the schedule's confirming look) and "fails" is immediate.
  @Test func deterministicBurstHoldsUpToNinetyOverB() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: burst
      simulation: { horizon: 1h, replications: 20, seed: 7, resolution: 1h }
      account: { api: { cps: 10 }, thresholds: { outbound: 100 } }
      objectives: { threshold_headroom: 10% }
      numbers: [050-1234-5678]
      traffic:
        - { name: b, type: outbound, arrivals: { burst: { at: 0s, count: 60 } }, duration: 1h }
      """)
    let headroom = Headroom.search(scenario, setting: nil, simulator: Simulator(jobs: 2))
    let holds = try #require(headroom.holdsUpTo)
    let next = try #require(headroom.firstNotMeeting)
    #expect(holds < 89.5 / 60 && next >= 89.5 / 60)
    #expect(next / holds <= 1.01)
    #expect(abs(holds - 89.5 / 60) / (89.5 / 60) <= 0.01)
    #expect(abs(holds - 90.0 / 60) / (90.0 / 60) <= 0.016)
    #expect(headroom.failsFrom == next)
    #expect(headroom.breakingName == "the outbound threshold")
    #expect(headroom.summary == "holds up to \(Headroom.factorText(holds)), then the outbound threshold")
  }

  // MARK: - (b) M/D/1 wait

  /// P(W <= t) of M/D/1 with service time 1 and arrival rate rho < 1
  /// (Erlang's formula): (1 - rho) sum_{k=0}^{floor t} e^{rho (t - k)} (-rho (t - k))^k / k!.
  static func mdOneWaitCDF(_ t: Double, rho: Double) -> Double {
    var sum = 0.0
    var factorial = 1.0
    for k in 0...Int(t.rounded(.down)) {
      if k > 0 { factorial *= Double(k) }
      let x = rho * (t - Double(k))
      sum += exp(x) * pow(-x, Double(k)) / factorial
    }
    return (1 - rho) * sum
  }

  /// The load at which the M/D/1 p95 wait is `limit` (service time 1).
  static func loadWithP95Wait(_ limit: Double) -> Double {
    var low = 0.05
    var high = 0.999
    for _ in 0..<60 {
      let rho = (low + high) / 2
      // P(W <= limit) falls as the load grows.
      if mdOneWaitCDF(limit, rho: rho) >= 0.95 { low = rho } else { high = rho }
    }
    return (low + high) / 2
  }

  @Test func mdOneFormulaAgreesWithTheEstimator() {
    // The formula here and the kit's MD1Queue are independent derivations.
    for rho in [0.3, 0.6, 0.8] {
      let queue = MD1Queue(arrivalsPerSecond: rho, cps: 1)
      for t in [0.5, 1.5, 3.0] { #expect(abs(queue.waitCDF(t) - Self.mdOneWaitCDF(t, rho: rho)) < 1e-6) }
    }
  }

  /// Poisson requests at 0.5/s through smooth pacing at 1 CPS: M/D/1 with
  /// service time 1 s. With `queue_wait_p95: 3s`, the objective breaks at
  /// the load rho* where the p95 wait is 3 s, so g* = rho* / 0.5. At most
  /// one call is live, far below any threshold; `suspension_risk: 50%`
  /// lets the few replications of the first look confirm that, so the
  /// wait objective alone decides (at 1% the risk would need 517
  /// replications without a breach at every factor).
  ///
  /// Each replication measures 1,800 s after a 200 s warm-up (over 15
  /// relaxation times at rho = 0.75), about 1,350 waits, and its own p95;
  /// the objective is the mean of those p95s. The budget is kept at 160
  /// replications so the test runs in seconds: close to g* the interval
  /// then straddles 3 s and those factors are undecided, which the search
  /// reports as a bracket. The truth must lie in it: g* is at most the
  /// first factor shown to fail and at least the last shown to hold,
  /// each within 2% (the bisection's 1%, plus the small downward bias of a
  /// sample p95 from a queue started empty: p95 rises by about 1 s per
  /// 0.05 of load here, so 1% of g moves it about 0.08 s, more than the
  /// bias of 1,350 waits).
  @Test func mdOneWaitHoldsUpToTheLoadOfItsP95() throws {
    let rhoStar = Self.loadWithP95Wait(3)
    #expect(rhoStar > 0.6 && rhoStar < 0.9)
    #expect(abs(Self.mdOneWaitCDF(3, rho: rhoStar) - 0.95) < 1e-9)
    let gStar = rhoStar / 0.5
    let scenario = try loadScenario(
      """
      callcap: 1
      name: md1
      simulation: { horizon: 2000s, warmup: 200s, replications: 10, max_replications: 160, seed: 11, resolution: 1h }
      account: { api: { cps: 1, pacing: smooth } }
      objectives: { queue_wait_p95: 3s, suspension_risk: 50% }
      numbers: [050-1234-5678]
      traffic:
        - { name: w, type: outbound, arrivals: { rate: 0.5/s }, duration: 1s }
      """)
    let headroom = Headroom.search(scenario, setting: nil, simulator: Simulator(jobs: 2))
    let holds = try #require(headroom.holdsUpTo)
    let fails = try #require(headroom.failsFrom)
    #expect(holds <= gStar * 1.02, "holds up to \(holds), g* = \(gStar)")
    #expect(fails >= gStar / 1.02, "fails from \(fails), g* = \(gStar)")
    #expect(fails / holds < 1.1, "the undecided band \(holds) to \(fails) is narrow")
    #expect(headroom.breakingName == "the API wait objective")
  }

  // MARK: - (c) M/G/inf against a threshold

  /// Inbound Poisson calls at 50/h over 1 h lasting 2 h: a replication's
  /// peak is its number of calls, Poisson(50g). Threshold 74 reached with
  /// probability P(N >= 74) = Q(74, 50g), 1% at the g the formula gives.
  static func riskScenario(replications: Int = 20) throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: mginf
      simulation: { horizon: 1h, replications: \(replications), seed: 5 }
      account: { thresholds: { inbound: 74 } }
      numbers: [050-1234-5678]
      traffic:
        - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 50/h }, duration: 2h }
      """)
  }

  /// The factor where the simulated share of replications reaching the
  /// threshold crosses 1%, by bisection over the simulation itself
  /// (4,000 replications, the same at every g).
  static func simulatedCrossing(_ scenario: Scenario, replications: Int) -> Double {
    var low = 1.0
    var high = 1.5
    let simulator = Simulator(jobs: 2)
    func share(_ g: Double) -> Double {
      let scaled = scenario.scaled(by: g)
      return ThresholdReach(simulator.run(SimulationModel(scaled), replications: replications), scenario: scaled).any.share
    }
    while high / low > 1.002 {
      let middle = (low * high).squareRoot()
      if share(middle) <= 0.01 { low = middle } else { high = middle }
    }
    return (low * high).squareRoot()
  }

  /// The confident search is conservative on both sides: it holds only
  /// where the 99.4% upper bound of the risk is at most 1% and fails only
  /// where the lower bound is above, so the factor where the risk itself
  /// is 1% lies between the two. That crossing, found on 4,000 replications
  /// of the same simulation, agrees with the Poisson formula within 3%:
  /// at 1% the share's standard error over 4,000 replications is 0.16
  /// points, 16% of the risk, and the risk grows about e-fold per 0.055 of
  /// g here, so one standard error moves the crossing by about 0.9% of g.
  @Test func mgInfinityHoldsBelowTheSimulatedOnePercentCrossing() throws {
    let scenario = try Self.riskScenario()
    // The formula: P(Poisson(mu) >= 74) = P(Gamma(74, 1) <= mu) = 1%.
    var low = 40.0
    var high = 80.0
    for _ in 0..<60 {
      let mu = (low + high) / 2
      if gsl_cdf_gamma_P(mu, 74, 1) <= 0.01 { low = mu } else { high = mu }
    }
    let formula = (low + high) / 2 / 50
    let crossing = Self.simulatedCrossing(scenario, replications: 4000)
    #expect(abs(crossing - formula) / formula < 0.03, "crossing \(crossing), formula \(formula)")

    let headroom = Headroom.search(scenario, setting: nil, simulator: Simulator(jobs: 2))
    let holds = try #require(headroom.holdsUpTo)
    let fails = try #require(headroom.failsFrom)
    #expect(holds <= crossing * 1.01, "holds up to \(holds), the risk crosses 1% at \(crossing)")
    #expect(fails >= crossing / 1.01, "fails from \(fails), the risk crosses 1% at \(crossing)")
    #expect(headroom.breakingName == "the inbound threshold")
  }

  // MARK: - Stopping a factor once meeting is out of reach

  /// A factor whose suspension-risk breaches already keep the upper bound
  /// above the limit at the last look can never meet, so the search stops
  /// it early. On the M/G/inf case the search with and without that stop
  /// must find exactly the same factors (the stop never turns a factor
  /// that would meet into one that does not), for fewer replications.
  /// The risk limit is 5% and the budget 400 replications so that the
  /// plain search (every undecided factor to the budget) stays cheap.
  @Test func outOfReachStopChangesNothingButTheCost() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: mginf
      simulation: { horizon: 1h, replications: 20, max_replications: 400, seed: 5 }
      account: { thresholds: { inbound: 74 } }
      objectives: { suspension_risk: 5% }
      numbers: [050-1234-5678]
      traffic:
        - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 50/h }, duration: 2h }
      """)
    let simulator = Simulator(jobs: 2)
    let early = Headroom.search(scenario, setting: nil, simulator: simulator, findFailure: false)
    let plain = Headroom.search(scenario, setting: nil, simulator: simulator, findFailure: false, stopEarly: false)
    #expect(early.holdsUpTo == plain.holdsUpTo)
    #expect(early.firstNotMeeting == plain.firstNotMeeting)
    #expect(early.points.map(\.factor) == plain.points.map(\.factor))
    #expect(early.points.contains { $0.outOfReach })
    #expect(!plain.points.contains { $0.outOfReach })
    #expect(early.replications < plain.replications, "\(early.replications) vs \(plain.replications)")
    // Every early stop is sound: its breaches bound the risk above the limit even at the budget.
    let budget = early.schedule.counts.last ?? 0
    for point in early.points where point.outOfReach {
      let risk = try #require(point.outcome.checks.first { $0.objective == .suspensionRisk })
      let breaches = try #require(risk.breaches)
      #expect(BinomialInterval.upperBound(events: breaches.events, trials: budget, tail: risk.level.errorPerLook) > 0.05)
      #expect(point.outcome.replications < budget)
    }
    // With findFailure the first factor not meeting is settled: run on to the look that decides it.
    let settled = Headroom.search(scenario, setting: nil, simulator: simulator)
    let next = try #require(settled.breakingPoint)
    #expect(!next.outOfReach)
    #expect(settled.holdsUpTo == early.holdsUpTo)
  }

  // MARK: - The figure in plan's verdict

  static let burstPlan = """
    callcap: 1
    name: burst-plan
    simulation: { horizon: 1h, replications: 20, seed: 7, resolution: 1h }
    account: { api: { cps: 10 }, thresholds: { outbound: 100 } }
    objectives: { threshold_headroom: 10% }
    tiers: [10]
    numbers: [050-1234-5678]
    traffic:
      - { name: b, type: outbound, arrivals: { burst: { at: 0s, count: 60 } }, duration: 1h }
    """

  /// The deterministic burst of ``deterministicBurstHoldsUpToNinetyOverB()``
  /// planned at 10 CPS: the verdict carries the figure `headroom` finds for
  /// the recommended tier (89.5 / 60 within 1%), in words and in `--json`.
  @Test func planVerdictCarriesTheHeadroomFigure() throws {
    let scenario = try loadScenario(Self.burstPlan)
    let simulator = Simulator(jobs: 2)
    let report = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: simulator)
    #expect(report.plan.recommended?.tier == 10)
    let headroom = try #require(report.headroom)
    let holds = try #require(headroom.holdsUpTo)
    #expect(abs(holds - 89.5 / 60) / (89.5 / 60) <= 0.01)
    #expect(headroom.tier == 10)
    // The same figure as the search on its own, which simulates x1 itself.
    let alone = Headroom.search(scenario, setting: apiTier(10), simulator: simulator)
    #expect(alone.holdsUpTo == holds && alone.firstNotMeeting == headroom.firstNotMeeting)
    let markdown = try #require(report.files.first { $0.path == "report.md" }?.contents)
    #expect(
      markdown.contains(
        "**Headroom:** with the recommended 10 CPS the plan holds up to \(Headroom.factorText(holds)), then the outbound threshold."))
    let json = try #require(JSONSerialization.jsonObject(with: Data(report.jsonScenario.text.utf8)) as? [String: Any])
    let figure = try #require(json["headroom"] as? [String: Any])
    #expect(abs(try #require(figure["holds_up_to"] as? Double) - holds) < 1e-12)
    #expect(figure["breaks_first"] as? [String] == ["suspension_risk"])
  }

  /// A burst of 30 holds up to 89.5/30 = x2.98, beyond the plan's bound:
  /// the plan stops at x2 and says so; `headroom` goes on and finds it.
  @Test func planBoundsItsSearchAtTwice() throws {
    let scenario = try loadScenario(Self.burstPlan.replacingOccurrences(of: "count: 60", with: "count: 30"))
    let simulator = Simulator(jobs: 2)
    let report = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: simulator)
    let headroom = try #require(report.headroom)
    #expect(headroom.holdsUpTo == PlanHeadroom.upperFactor && headroom.firstNotMeeting == nil)
    #expect(headroom.summary.hasPrefix("holds up to x2 and beyond"), "\(headroom.summary)")
    #expect(headroom.points.allSatisfy { $0.factor <= 2 })
    let alone = Headroom.search(scenario, setting: apiTier(10), simulator: simulator)
    let holds = try #require(alone.holdsUpTo)
    #expect(abs(holds - 89.5 / 30) / (89.5 / 30) <= 0.01)
  }

  /// A plan that adds no replications (as a sharded plan) does not search
  /// and says so; `--no-headroom` leaves the paragraph out.
  @Test func planWithoutExtensionDoesNotSearchHeadroom() throws {
    // A 20% risk limit lets 0 breaches in 20 replications decide at one look.
    let fixed = try loadScenario(
      Self.burstPlan.replacingOccurrences(of: "seed: 7", with: "seed: 7, max_replications: 20")
        .replacingOccurrences(of: "threshold_headroom: 10%", with: "threshold_headroom: 10%, suspension_risk: 20%"))
    let simulator = Simulator(jobs: 2)
    let report = PlanReport(scenario: fixed, tiers: fixed.tiers, gate: nil, simulator: simulator)
    #expect(report.plan.recommended?.tier == 10)
    #expect(report.headroom == nil)
    let markdown = try #require(report.files.first { $0.path == "report.md" }?.contents)
    #expect(markdown.contains("**Headroom** is not searched by a plan that adds no replications"))
    #expect(report.jsonScenario["headroom"] == nil)
    let scenario = try loadScenario(Self.burstPlan)
    let skipped = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: simulator, headroom: false)
    #expect(skipped.headroom == nil)
    #expect(!(skipped.files.first { $0.path == "report.md" }?.contents.contains("Headroom") ?? true))
  }
}

import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// `estimate` against the simulation on stationary scenarios: each closed
/// form must fall inside the simulated mean's confidence band (the 99.9%
/// Student t interval across replications, plus the warm-up bias allowance
/// stated at each check).
@Suite struct EstimateTests {
  /// Half-width of the two-sided 99.9% Student t interval of the mean of `values`.
  static func bound(_ values: [Double]) -> Double {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    let standardError = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1) / n).squareRoot()
    return gsl_cdf_tdist_Pinv(0.9995, n - 1) * standardError
  }

  /// M/D/1 at the API (rho = 0.5) and M/G/inf inbound (90 erlangs against
  /// a threshold of 100).
  @Test func agreesWithTheSimulationOnAStationaryScenario() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: stationary
      simulation: { horizon: 6h, warmup: 30m, replications: 8, seed: 5, resolution: 1h }
      account: { thresholds: { inbound: 100 } }
      numbers: [050-1234-5678, 0800-123-4567]
      traffic:
        - { name: out, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.5/s },
            duration: exponential(mean: 60s) }
        - { name: in, type: inbound, to: 0800-123-4567, arrivals: { rate: 1/s }, duration: lognormal(mean: 90s, sd: 60s) }
      objectives: { threshold_headroom: 10% }
      """)
    let estimate = Estimate(scenario)
    let run = Simulator(jobs: 2).run(SimulationModel(scenario), replications: 8)

    let expectedMean = try #require(estimate.value("api", "queue_wait_mean"))
    #expect(abs(expectedMean - 0.5) < 1e-12)
    let waits = try #require(run.row(.api, .queueWaitMean)?.values)
    #expect(abs(waits.reduce(0, +) / 8 - expectedMean) < Self.bound(waits))

    let expectedP95 = try #require(estimate.value("api", "queue_wait_p95"))
    let p95 = try #require(run.row(.api, .queueWaitP95)?.values)
    // HdrHistogram keeps 3 significant digits: 0.1% on top of the sampling error.
    #expect(abs(p95.reduce(0, +) / 8 - expectedP95) < Self.bound(p95) + 0.001 * expectedP95)

    let expectedLoad = try #require(estimate.value("inbound", "mean_concurrency"))
    #expect(abs(expectedLoad - 90) < 1e-9)
    let concurrency = try #require(run.row(.category(.inbound), .meanConcurrency)?.values)
    #expect(abs(concurrency.reduce(0, +) / 8 - expectedLoad) < Self.bound(concurrency))

    // Share of time at or above the threshold: time_above_threshold over the measured span.
    let expectedShare = try #require(estimate.value("inbound", "share of time at or above 100"))
    #expect(abs(expectedShare - gsl_cdf_poisson_Q(99, 90)) < 1e-12)
    let span = scenario.simulation.horizonSeconds - scenario.simulation.warmupSeconds
    let above = try #require(run.row(.category(.inbound), .timeAboveThreshold)?.values).map { $0 / span }
    #expect(abs(above.reduce(0, +) / 8 - expectedShare) < Self.bound(above))
  }

  /// Callers who can never connect (payphones to a toll-free number) are
  /// left out of the estimate as the simulation drops them: 20% of 1 call/s
  /// of 60 s is 48 erlangs, not 60, and the simulated concurrency agrees.
  @Test func leavesOutCallersWhoCannotConnect() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: reach
      simulation: { horizon: 4h, warmup: 10m, replications: 8, seed: 3, resolution: 1h }
      account: { thresholds: { inbound: 100 } }
      numbers: [0800-123-4567]
      traffic:
        - { name: in, type: inbound, to: 0800-123-4567, from: { mobile: 80%, payphone: 20% }, arrivals: { rate: 1/s },
            duration: 60s }
      """)
    #expect(scenario.traffic[0].unreachableShare == 0.2)
    let estimate = Estimate(scenario)
    let load = try #require(estimate.value("traffic:in", "offered load (erlangs)"))
    #expect(abs(load - 0.8 * 60) < 1e-9)
    #expect(abs(try #require(estimate.value("inbound", "mean_concurrency")) - 48) < 1e-9)
    let run = Simulator(jobs: 2).run(SimulationModel(scenario), replications: 8)
    let concurrency = try #require(run.row(.category(.inbound), .meanConcurrency)?.values)
    #expect(abs(concurrency.reduce(0, +) / 8 - load) < Self.bound(concurrency))
  }

  /// The shipped example: its 3% payphone callers no longer inflate the estimate.
  @Test func supportExampleUsesTheReachableShare() throws {
    let scenario = try ScenarioLoader().load(path: Fixtures.scenarios.appendingPathComponent("support-0800.yaml").path).get()
    let support = try #require(scenario.traffic.first { $0.name == "support" })
    let reachable = try #require(OfferedLoad.of(scenario).first { $0.traffic == "support" })
    #expect(support.unreachableShare > 0 && abs(reachable.reachableShare - (1 - support.unreachableShare)) < 1e-12)
    let expected = support.arrivals.reduce(0) { $0 + $1.expectedCount(horizonSeconds: scenario.simulation.horizonSeconds) }
    #expect(abs(reachable.meanPerSecond * scenario.simulation.horizonSeconds - expected * (1 - support.unreachableShare)) < 1e-6)
  }

  /// Erlang B is insensitive to the duration distribution: a trial
  /// account (cap 5) offered 4 erlangs refuses B(4, 5) = 19.9% of calls.
  @Test func erlangBMatchesTheSimulatedCap() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: capped
      simulation: { horizon: 12h, replications: 8, seed: 9, resolution: 1h }
      account: { profile: trial }
      numbers: [050-1234-5678]
      traffic:
        - { name: in, type: inbound, to: 050-1234-5678, arrivals: { rate: 2/min }, duration: lognormal(mean: 2m, sd: 3m) }
      """)
    let estimate = Estimate(scenario)
    let blocking = try #require(estimate.value("total", "refused at the trial cap of 5 (10004)"))
    // The 4 h call-length cap trims the lognormal's mean a little: E[min(X, 4h)] < 2m.
    let load = try #require(estimate.value("traffic:in", "offered load (erlangs)"))
    #expect(load < 4 && load > 3.999)
    #expect(abs(blocking - Erlang.b(load: load, servers: 5)) < 1e-12)
    let run = Simulator(jobs: 2).run(SimulationModel(scenario), replications: 8)
    let refused = try #require(run.row(.category(.total), .rejectedRate)?.values)
    #expect(abs(refused.reduce(0, +) / 8 - blocking) < Self.bound(refused))
  }

  @Test func fixedWindowTrunkRefusals() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: trunk
      simulation: { horizon: 1h }
      account:
        trunks: [{ name: pbx, cps: 2, limiter: fixed-window }]
      numbers: [050-1234-5678]
      traffic:
        - { name: o, type: outbound, via: trunk:pbx, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 2.5/s },
            duration: 1m }
      """)
    // E[(N - 2)+] = lambda - 2 + 2 p0 + p1 for N ~ Poisson(2.5).
    let lambda = 2.5
    let expected = (lambda - 2 + 2 * exp(-lambda) + lambda * exp(-lambda)) / lambda
    #expect(abs(try #require(Estimate(scenario).value("trunk:pbx", "rejected_rate")) - expected) < 1e-12)
  }

  /// Where a formula does not fit, the row says so and carries no number.
  @Test func refusesToApplyFormulasOutsideTheirAssumptions() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: overloaded
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      traffic:
        - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 2/s }, duration: 1m }
        - { name: b, type: inbound, to: 050-1234-5678, arrivals: { profile: [10, 20] }, duration: 1m }
        - { name: c, type: forward, to: 050-1234-5678, forward_to: sip:desk@example.com,
            arrivals: { burst: { at: "00:10", count: 50 } }, duration: 1m }
      """)
    let estimate = Estimate(scenario)
    let wait = try #require(estimate.rows.first { $0.scope == "api" && $0.quantity == "queue_wait_mean" })
    #expect(wait.value == nil)
    #expect(wait.text.hasPrefix("grows without bound; the queue fills (86,400 requests) after about 1 d"))
    #expect(estimate.value("inbound", "mean_concurrency at peak") == 20.0 / 3600 * 60)
    let forwarded = try #require(estimate.rows.first { $0.scope == "forwarded" })
    #expect(forwarded.value == nil && forwarded.text.hasPrefix("does not apply: a burst"))
  }
}

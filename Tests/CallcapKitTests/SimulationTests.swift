import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// Closed-form checks of the simulation. Seeds are fixed, so results are
/// deterministic; tolerances are still set from the replication count
/// (the 99.9% Student t interval across replications) so that a correct model
/// passes for any seed, and a wrong one fails.
@Suite struct SimulationTests {
  static func scenario(_ body: String, horizon: String, replications: Int, warmup: String = "0s", seed: Int = 7) throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: t
      simulation: { horizon: \(horizon), warmup: \(warmup), replications: \(replications), seed: \(seed), resolution: 1h }
      numbers: [050-1234-5678]
      \(body)
      """)
  }

  static func run(_ scenario: Scenario, jobs: Int = 2) -> RunResult {
    Simulator(jobs: jobs).run(SimulationModel(scenario), replications: scenario.simulation.replications)
  }

  /// The standard error of a mean across replications.
  static func standardError(_ row: RunResult.Row?) -> Double {
    guard let summary = row?.summary, let half = summary.halfWidth else { return .infinity }
    return half / Summary.tQuantile975(degreesOfFreedom: Double(summary.count - 1))
  }

  /// Half-width of the two-sided 99.9% Student t interval of a mean across
  /// replications: a correct model falls outside it once in a thousand
  /// seeds, whatever the replication count (with five replications the
  /// estimated standard error is itself noisy, so a fixed "4 SE" would
  /// fail about 1.6% of seeds).
  static func bound(_ row: RunResult.Row?) -> Double {
    guard let summary = row?.summary, summary.count >= 2 else { return .infinity }
    return gsl_cdf_tdist_Pinv(0.9995, Double(summary.count - 1)) * standardError(row)
  }

  /// M/D/1 through smooth pacing: lambda 0.8/s, 1 CPS. Mean wait
  /// rho / (2 mu (1 - rho)) = 2 s; the p95 of Erlang's M/D/1 waiting-time
  /// distribution is 6.620 s. Little's law: mean queue length = lambda W = 1.6.
  @Test func smoothPacingIsMD1() throws {
    let scenario = try Self.scenario(
      """
      traffic:
        - { name: w, type: outbound, arrivals: { rate: 0.8/s }, duration: exponential(mean: 30s) }
      """, horizon: "100000s", replications: 6, warmup: "1000s")
    let result = Self.run(scenario)
    let mean = try #require(result.row(.api, .queueWaitMean))
    let p95 = try #require(result.row(.api, .queueWaitP95))
    #expect(abs(mean.summary.mean - 2.0) < Self.bound(mean))
    #expect(abs(mean.summary.mean - 2.0) < 0.1)
    #expect(abs(p95.summary.mean - 6.620) < Self.bound(p95) + 0.007)
    #expect(abs(p95.summary.mean - 6.620) < 0.3)
    let lengths = result.replications.map(\.meanQueueLength)
    let waitMeans = mean.values
    for (length, wait) in zip(lengths, waitMeans) {
      // Little's law holds per replication up to the edge effects and the
      // Poisson noise of the arrival count (about 0.3% over 1e5 s).
      #expect(abs(length - 0.8 * wait) < 0.03 * length + 0.01)
    }
    // Mean concurrency of the outbound calls: lambda x E[S] = 24.
    let concurrency = try #require(result.row(.category(.outbound), .meanConcurrency))
    #expect(abs(concurrency.summary.mean - 24) < Self.bound(concurrency))
  }

  /// M/G/inf: Poisson(1/s) inbound calls of mean 50 s. The number in system
  /// is Poisson(50) whatever the duration distribution (insensitivity), so
  /// the mean is 50 and the share of time at or above 60 is P(N >= 60).
  @Test(arguments: ["50s", "lognormal(mean: 50s, sd: 80s)", "exponential(mean: 50s)"])
  func infiniteServerConcurrencyIsPoisson(duration: String) throws {
    let scenario = try Self.scenario(
      """
      account: { thresholds: { inbound: 60 } }
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/s }, duration: "\(duration)" }
      """, horizon: "40000s", replications: 5, warmup: "2000s")
    let result = Self.run(scenario)
    let mean = try #require(result.row(.category(.inbound), .meanConcurrency))
    #expect(abs(mean.summary.mean - 50) < Self.bound(mean) + 0.01)
    #expect(abs(mean.summary.mean - 50) < 1.5)
    let above = try #require(result.row(.category(.inbound), .timeAboveThreshold))
    let expectedShare = gsl_cdf_poisson_Q(59, 50)  // P(N > 59)
    let share = above.summary.mean / 38_000
    #expect(abs(share - expectedShare) < Self.bound(above) / 38_000 + 0.002)
  }

  /// Trunk limiters with CPS 1 and Poisson(0.5/s) attempts, no retries.
  /// Sliding window and token bucket (burst 1) are a non-paralysable dead
  /// time of 1 s: refused share 1 - 1/(1 + lambda) = 1/3. Fixed window:
  /// E[(N - 1)+] / lambda with N ~ Poisson(lambda): (lambda - 1 + e^-lambda) / lambda.
  static let limiterCases: [(String, Double)] = [
    ("sliding-window", 1.0 / 3), ("token-bucket", 1.0 / 3), ("fixed-window", (0.5 - 1 + exp(-0.5)) / 0.5),
  ]

  @Test(arguments: limiterCases)
  func trunkLimitersMatchClosedForms(limiter: String, expected: Double) throws {
    let scenario = try Self.scenario(
      """
      account:
        trunks: [ { name: pbx, cps: 1, limiter: \(limiter) } ]
      traffic:
        - { name: o, type: outbound, via: "trunk:pbx", arrivals: { rate: 0.5/s }, duration: 30s }
      """, horizon: "40000s", replications: 5)
    let result = Self.run(scenario)
    let rate = try #require(result.row(.trunk("pbx"), .rejectedRate))
    // 20,000 attempts per replication: the binomial standard error is about 0.0033.
    #expect(abs(rate.summary.mean - expected) < Self.bound(rate) + 0.002)
    #expect(abs(rate.summary.mean - expected) < 0.01)
  }

  /// A burst of 100 requests at t = 10 s through the API at 2 CPS, smooth:
  /// request i waits exactly i / 2 s, so the mean is 24.75 s, the maximum
  /// 49.5 s, the queue drains in 49.5 s and holds at most 99 requests.
  @Test func deterministicBurstThroughApi() throws {
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 2 } }
      traffic:
        - { name: b, type: outbound, arrivals: { burst: { at: 10s, count: 100 } }, duration: 10s }
      """, horizon: "1h", replications: 2)
    let result = Self.run(scenario)
    #expect(result.mean(.api, .queueWaitMean) == 24.75)
    #expect(result.mean(.api, .queueWaitMax) == 49.5)
    #expect(result.mean(.api, .drainTime) == 49.5)
    #expect(result.mean(.api, .queueLengthMax) == 99)
    // Releases every 0.5 s, calls of 10 s: a call ending at t releases its place before the
    // release at the same t (ends go first at equal times), so at most 20 at once.
    #expect(result.mean(.category(.outbound), .peakConcurrency) == 20)
  }

  /// The same burst at a trunk with a sliding window of 2 CPS and no retry:
  /// 2 accepted, 98 refused with 503; with one retry after exactly 1 s,
  /// 2 more go through.
  @Test func deterministicBurstAtTrunk() throws {
    let noRetry = try Self.scenario(
      """
      account: { trunks: [ { name: pbx, cps: 2 } ] }
      traffic:
        - { name: b, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: 10s, count: 100 } }, duration: 10s }
      """, horizon: "1h", replications: 1)
    #expect(Self.run(noRetry).mean(.trunk("pbx"), .callsRejected) == 98)
    let retry = try Self.scenario(
      """
      account: { trunks: [ { name: pbx, cps: 2, retry: { attempts: 1, delay: 1s } } ] }
      traffic:
        - { name: b, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: 10s, count: 100 } }, duration: 10s }
      """, horizon: "1h", replications: 1)
    let result = Self.run(retry)
    #expect(result.mean(.trunk("pbx"), .callsRejected) == 96)
    #expect(result.mean(.trunk("pbx"), .callsRetried) == 98)
  }

  /// Every offered call ends exactly one way, in every replication.
  @Test func conservationOfCalls() throws {
    let scenario = try Self.scenario(
      """
      account:
        profile: trial
        api: { cps: 1, queue_limit: 20s }
        trunks: [ { name: pbx, cps: 1, retry: { attempts: 2, delay: "exponential(mean: 2s)" } } ]
      traffic:
        - { name: a, type: outbound, arrivals: { rate: 2/s }, ring: "uniform(min: 1s, max: 5s)", answer: 60%, duration: 20s }
        - { name: b, type: outbound, via: "trunk:pbx", arrivals: { rate: 1.5/s }, duration: 5s }
        - { name: c, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.2/s }, duration: 30s }
        - { name: d, type: forward, to: 050-1234-5678, forward_to: 090-1234-5678, arrivals: { every: 7s }, answer: 50%, ring: 3s, duration: 1m }
      """, horizon: "2h", replications: 3)
    let result = Self.run(scenario)
    for replication in result.replications {
      func value(_ scope: Scope, _ metric: Metric) -> Double {
        replication.metrics.first { $0.scope == scope && $0.metric == metric }!.value
      }
      for name in ["a", "b", "c", "d", "total"] {
        let scope: Scope = name == "total" ? .category(.total) : .traffic(name)
        let offered = value(scope, .callsOffered)
        let accounted =
          value(scope, .callsCompleted) + value(scope, .callsNoAnswer) + value(scope, .callsRejected)
          + value(scope, .callsRefusedQueueFull) + value(scope, .callsRefusedConcurrency)
        #expect(offered > 0)
        #expect(offered == accounted, "\(name)")
      }
      // The trial account allows 5 simultaneous voice calls and 4 trunking
      // calls, in separate pools: never more (see CapPoolTests).
      #expect(value(.category(.total), .peakConcurrency) <= 5 + 4)
      #expect(value(.category(.total), .callsRefusedConcurrency) > 0)
      #expect(value(.api, .callsRefusedQueueFull) > 0)
    }
  }

  /// Replication i depends on (seed, i) only: any --jobs gives the same files.
  @Test func identicalForAnyJobs() throws {
    let scenario = try ScenarioLoader().load(path: Fixtures.scenarios.appendingPathComponent("launch-day.yaml").path).get()
    var short = scenario
    short.simulation.replications = 4
    let one = RunReport(scenario: short, simulator: Simulator(jobs: 1))
    let two = RunReport(scenario: short, simulator: Simulator(jobs: 2))
    let again = RunReport(scenario: short, simulator: Simulator(jobs: 3))
    #expect(one.files.map(\.contents) == two.files.map(\.contents))
    #expect(one.files.map(\.contents) == again.files.map(\.contents))
    var reseeded = short
    reseeded.simulation.seed += 1
    #expect(RunReport(scenario: reseeded, simulator: Simulator(jobs: 2)).files[1].contents != one.files[1].contents)
  }

  /// Piecewise-constant profiles put each hour's calls in that hour, not
  /// only the right total: a profile shifted by an hour, stretched, or a
  /// zero-rate hour swallowing the busy hour after it, all fail. Calls last
  /// 1 s, so an hour's time-series bucket integrates to its number of
  /// arrivals (a call arriving in the last second of an hour spills under
  /// 1 s into the next). Over 4 replications an hour of rate r has a mean
  /// count with Poisson sd sqrt(r / 4); 4.5 sd misses a correct model
  /// once in 10^5 per hour checked.
  @Test func profileArrivalsFallInTheirHours() throws {
    let rates = [600.0, 0, 0, 3600, 1200, 0]
    let scenario = try Self.scenario(
      """
      traffic:
        - { name: p, type: inbound, to: 050-1234-5678, arrivals: { profile: [600, 0, 0, 3600, 1200, 0] }, duration: 1s }
      """, horizon: "6h", replications: 4)
    let run = Self.run(scenario)
    let buckets = run.timeSeries.buckets
    #expect(buckets.count >= rates.count)
    for (hour, rate) in rates.enumerated() {
      let arrivals = buckets[hour].mean(.inbound) * 3600
      if rate == 0 {
        #expect(arrivals < 2, "hour \(hour)")
      } else {
        #expect(abs(arrivals - rate) < 4.5 * (rate / 4).squareRoot(), "hour \(hour): \(arrivals)")
      }
    }
    let offered = try #require(run.row(.traffic("p"), .callsOffered))
    // 5400 expected per replication, Poisson sd sqrt(5400 / 4) = 36.7 for the mean.
    #expect(abs(offered.summary.mean - 5400) < 4.5 * 36.7)
  }
}

/// The loader admits an expectation only for a metric the simulation
/// measures for its scope: `Metric.measured(for:)` must list exactly what
/// a replication produces.
@Test func measuredMetricsMatchTheReplication() throws {
  let scenario = try loadScenario(
    """
    callcap: 1
    name: every-scope
    simulation: { horizon: 10m, replications: 1 }
    account:
      trunks: [{ name: pbx }]
    numbers: [050-1234-5678]
    traffic:
      - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: t, type: outbound, via: trunk:pbx, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: f, type: forward, to: 050-1234-5678, forward_to: sip:x@example.com, arrivals: { rate: 0.1/s }, duration: 1m }
    """)
  let run = Simulator(jobs: 1).run(SimulationModel(scenario), replications: 1)
  var scopes: [Scope] = []
  for row in run.rows where !scopes.contains(row.scope) { scopes.append(row.scope) }
  #expect(scopes.count == 1 + 1 + 4 + 4)
  for scope in scopes {
    let produced = run.rows.filter { $0.scope == scope }.map(\.metric)
    #expect(Set(produced) == Set(Metric.measured(for: scope)), "scope \(scope)")
  }
}

/// The simulator combines time series as replications finish and drops
/// each replication's own buckets, so memory does not grow with
/// replications or tiers; the combined series is the same as combining
/// all replications at the end.
@Test func timeSeriesAreCombinedAsReplicationsFinish() throws {
  let scenario = try loadScenario(
    """
    callcap: 1
    name: series
    simulation: { horizon: 2h, replications: 6, seed: 2, resolution: 1m }
    numbers: [050-1234-5678]
    traffic:
      - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.5/s }, duration: exponential(mean: 2m) }
    """)
  let model = SimulationModel(scenario)
  let run = Simulator(jobs: 2).run(model, replications: 6)
  #expect(run.timeSeries.count == 6)
  #expect(run.replications.allSatisfy { $0.series.bucketCount == 0 })
  var replications: [ReplicationResult] = []
  for index in 0..<6 {
    var replication = Replication(model: model, index: index)
    replications.append(replication.run())
  }
  let expected = RunResult(setting: nil, replications: replications).timeSeries.buckets
  let combined = run.timeSeries.buckets
  // Two hours of one-minute buckets, then the drain of the longest replication.
  #expect(combined.count > 120)
  #expect(combined.count == replications.map(\.series.bucketCount).max())
  #expect(combined.map(\.means) == expected.map(\.means))
  #expect(combined.map(\.maxima) == expected.map(\.maxima))
}

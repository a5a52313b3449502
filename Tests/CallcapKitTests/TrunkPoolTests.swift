import Foundation
import SimulationKernel
import Testing

@testable import CallcapKit

/// The pooled trunk CPS (SPEC "Per-gate plans and the trunk pool"): a
/// second limiter after each trunk's, shared by every trunk. Checked
/// against a naive reference of the two checks, against exact counts on
/// deterministic traffic, against the single sliding window it reduces to,
/// and through the loader, the report and `--jobs`.
@Suite struct TrunkPoolTests {
  static func scenario(_ account: String, traffic: String, horizon: String = "1h", replications: Int = 1, seed: Int = 3) throws
    -> Scenario
  {
    try loadScenario(
      """
      callcap: 1
      name: pool
      simulation: { horizon: \(horizon), replications: \(replications), seed: \(seed), resolution: 1m }
      numbers: [050-1234-5678]
      account:
      \(account)
      traffic:
      \(traffic)
      """)
  }

  static func run(_ scenario: Scenario, jobs: Int = 1) -> RunResult {
    Simulator(jobs: jobs).run(SimulationModel(scenario), replications: scenario.simulation.replications)
  }

  static func trunk(_ name: String, cps: Int, limiter: LimiterModel = .slidingWindow) -> SimulationModel.Trunk {
    SimulationModel.Trunk(
      settings: TrunkSettings(name: name, cps: Double(cps), limiter: limiter), cps: Double(cps), retryDelay: nil, retryAttempts: 0)
  }

  // MARK: - The two checks against a naive reference

  /// Two trunks of P CPS under a pool of P (all sliding windows), fed
  /// Poisson attempts at 3P/s spread over both, with times on the
  /// microsecond grid and many exact ties. Every outcome equals the naive
  /// rule, evaluated by scanning the full history: an attempt is placed
  /// when fewer than its trunk's CPS attempts placed through that trunk lie
  /// in the last second and fewer than P placed through any trunk do
  /// (an attempt the pool refuses is not placed and counts for neither). And the accepted
  /// attempts of both trunks together never exceed P in any window of one
  /// second, wherever it starts.
  @Test(arguments: [1, 2, 3, 7])
  func poolIsASecondSlidingWindowAfterTheTrunks(p: Int) {
    var gates = TrunkGates(
      [Self.trunk("a", cps: p), Self.trunk("b", cps: p)],
      pool: SimulationModel.TrunkPool(settings: TrunkPoolSettings(cps: Double(p)), cps: Double(p)), retryStreams: [],
      shortCallSeconds: 12)
    let stream = RandomStream(seed: StreamSeed(seed: 11, replication: p, label: "pool-reference"))
    let random = stream.source
    let second = Microseconds.perSecond
    var trunkAdmitted: [[Int64]] = [[], []]
    var poolAdmitted: [Int64] = []
    var now = 0.0
    var refusedByPool = 0
    var reachedPool = 0
    for _ in 0..<3000 {
      // Millisecond steps give exact ties and exact one-second gaps.
      now += (random.exponential(mean: 1 / (3 * Double(p))) * 1000).rounded() / 1000
      let micros = Microseconds.of(now)
      let trunk = random.uniform() < 0.5 ? 0 : 1
      var passage = TrunkPassage()
      let outcome = gates.attempt(trunk: trunk, attempts: 0, passage: &passage, measured: true, at: Microseconds.seconds(micros))
      let trunkRecent = trunkAdmitted[trunk].filter { micros - $0 < second }.count
      let poolRecent = poolAdmitted.filter { micros - $0 < second }.count
      let expected = trunkRecent < p && poolRecent < p
      if expected {
        trunkAdmitted[trunk].append(micros)
        poolAdmitted.append(micros)
      }
      if trunkRecent < p { reachedPool += 1 }
      if trunkRecent < p && !expected { refusedByPool += 1 }
      switch outcome {
      case .admitted: #expect(expected, "attempt at \(micros) us on trunk \(trunk)")
      case .rejected: #expect(!expected, "attempt at \(micros) us on trunk \(trunk)")
      case .retry: Issue.record("no trunk retries here")
      }
    }
    for start in poolAdmitted {
      #expect(poolAdmitted.filter { $0 >= start && $0 < start + second }.count <= p)
    }
    // Both refusals happened, and each gate counted exactly its own.
    #expect(refusedByPool > 100)
    #expect(gates.poolCounters.rejected == refusedByPool)
    #expect(gates.poolCounters.offered == reachedPool)
    #expect(gates.counters[0].rejected + gates.counters[1].rejected == 3000 - gates.poolCounters.offered)
  }

  /// A fixed-window pool admits at most P attempts of all trunks together
  /// in each clock second.
  @Test func fixedWindowPoolBoundsEachClockSecond() {
    let p = 3
    var gates = TrunkGates(
      [Self.trunk("a", cps: 10), Self.trunk("b", cps: 10)],
      pool: SimulationModel.TrunkPool(settings: TrunkPoolSettings(cps: 3, limiter: .fixedWindow), cps: 3), retryStreams: [],
      shortCallSeconds: 12)
    let stream = RandomStream(seed: StreamSeed(seed: 5, replication: 0, label: "pool-fixed"))
    let random = stream.source
    var perSecond: [Int64: Int] = [:]
    var now = 0.0
    for index in 0..<2000 {
      now = Microseconds.snap(now + random.exponential(mean: 0.1))
      var passage = TrunkPassage()
      if case .admitted = gates.attempt(trunk: index % 2, attempts: 0, passage: &passage, measured: true, at: now) {
        perSecond[Microseconds.of(now) / Microseconds.perSecond, default: 0] += 1
      }
    }
    #expect(perSecond.values.allSatisfy { $0 <= p })
    // Load 10/s against 3: most seconds are full.
    #expect(perSecond.values.filter { $0 == p }.count > perSecond.count / 2)
  }

  // MARK: - Exact counts in the simulation

  /// Each of two trunks (2 CPS each) attempts a call every 0.5 s from t = 0,
  /// both at the same instants; a pool of 2 CPS admits the pair at each
  /// whole second (the pair of a second before is exactly 1 s old) and
  /// refuses the pair at each half second. The trunks never refuse, so
  /// every refusal is the pool's: 7200 of 14,400 in an hour.
  @Test func poolRefusesEveryOtherPairExactly() throws {
    let scenario = try Self.scenario(
      """
        trunks: [{ name: a, cps: 2 }, { name: b, cps: 2 }]
        trunk_pool: { cps: 2 }
      """,
      traffic: """
          - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { every: 500ms }, duration: 1s }
          - { name: y, type: outbound, via: trunk:b, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { every: 500ms }, duration: 1s }
        """)
    let run = Self.run(scenario)
    #expect(run.mean(.trunkPool, .callsOffered) == 14_400)
    #expect(run.mean(.trunkPool, .callsRejected) == 7200)
    #expect(run.mean(.trunkPool, .rejectedRate) == 0.5)
    #expect(run.mean(.trunkPool, .callsRetried) == 0)
    for trunk in ["a", "b"] {
      #expect(run.mean(.trunk(trunk), .callsOffered) == 7200)
      // A trunk's own refusals only (SPEC: a gate scope's rejected_rate).
      #expect(run.mean(.trunk(trunk), .callsRejected) == 0)
      #expect(run.mean(.trunk(trunk), .rejectedRate) == 0)
    }
    // Traffic classes and the total count every refusal, the pool's too.
    #expect(run.mean(.traffic("x"), .callsRejected) == 3600)
    #expect(run.mean(.traffic("y"), .rejectedRate) == 0.5)
    #expect(run.mean(.category(.total), .callsRejected) == 7200)
    #expect(run.mean(.category(.total), .rejectedRate) == 0.5)
    // The time series counts them as refusals.
    #expect((0..<run.timeSeries.bucketCount).reduce(0.0) { $0 + run.timeSeries.rejected(inBucket: $1) } == 7200)
  }

  /// An attempt the pool refuses is not placed, so it leaves its trunk's
  /// allowance unused. Trunks a and b have 1 CPS each, the pool 1. A call
  /// on b at t = 0 takes the pool; a call on a at 0.5 s passes trunk a and
  /// is refused by the pool; it retries 0.6 s later, at 1.1 s, when the
  /// pool is free again, and trunk a (whose window holds nothing) admits
  /// it too: it is placed, retried once by the pool and refused by no one.
  @Test func anAttemptThePoolRefusesLeavesItsTrunksAllowance() throws {
    let scenario = try Self.scenario(
      """
        trunks:
          - { name: a, cps: 1, retry: { attempts: 1, delay: 600ms } }
          - { name: b, cps: 1 }
        trunk_pool: { cps: 1 }
      """,
      traffic: """
          - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { burst: { at: 500ms, count: 1 } }, duration: 1s }
          - { name: y, type: outbound, via: trunk:b, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { burst: { at: 0s, count: 1 } }, duration: 1s }
        """, horizon: "1m")
    let run = Self.run(scenario)
    #expect(run.mean(.trunkPool, .callsOffered) == 2)
    #expect(run.mean(.trunkPool, .callsRetried) == 1)
    #expect(run.mean(.trunkPool, .retryAttempts) == 1)
    #expect(run.mean(.trunkPool, .callsRejected) == 0)
    #expect(run.mean(.trunk("a"), .callsRetried) == 0)
    #expect(run.mean(.trunk("a"), .callsRejected) == 0)
    #expect(run.mean(.traffic("x"), .callsRetried) == 1)
    #expect(run.mean(.traffic("x"), .retryAttempts) == 1)
    #expect(run.mean(.traffic("x"), .callsRejected) == 0)
    #expect(run.mean(.traffic("x"), .callsCompleted) == 1)
    #expect(run.mean(.traffic("y"), .callsCompleted) == 1)
  }

  // MARK: - A pool that never binds

  /// With window limiters a trunk of c CPS admits at most c attempts in
  /// any second, so a pool of at least the trunks' total never refuses:
  /// the run equals the run without a pool in every figure, with retries
  /// and Poisson overload on both trunks.
  @Test(arguments: [(LimiterModel.slidingWindow, 5), (.slidingWindow, 9), (.fixedWindow, 5)])
  func aPoolOfTheTrunksTotalNeverRefuses(limiter: LimiterModel, poolCPS: Int) throws {
    let trunks = """
        trunks:
          - { name: a, cps: 2, limiter: \(limiter.rawValue), retry: { attempts: 2, delay: exponential(mean: 700ms) } }
          - { name: b, cps: 3, limiter: \(limiter.rawValue) }
      """
    let traffic = """
        - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 3/s }, duration: 30s }
        - { name: y, type: outbound, via: trunk:b, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 4/s }, duration: 30s }
      """
    let pooled = Self.run(
      try Self.scenario(trunks + "\n  trunk_pool: { cps: \(poolCPS), limiter: \(limiter.rawValue) }", traffic: traffic, replications: 3))
    let plain = Self.run(try Self.scenario(trunks, traffic: traffic, replications: 3))
    #expect(pooled.row(.trunkPool, .callsRejected)?.values == [0, 0, 0])
    #expect(pooled.row(.trunkPool, .retryAttempts)?.values == [0, 0, 0])
    #expect((pooled.mean(.trunkPool, .callsOffered) ?? 0) > 10_000)
    #expect(plain.row(.trunkPool, .callsOffered) == nil)
    #expect(pooled.rows.filter { $0.scope != .trunkPool }.map(\.values) == plain.rows.map(\.values))
    // The trunks did refuse: the load is over their CPS.
    #expect((plain.mean(.trunk("a"), .callsRejected) ?? 0) > 0)
  }

  // MARK: - The single-window comparison

  /// A pool of P over two trunks of P each, Poisson 2P/s split evenly,
  /// against one sliding window of P offered the same 2P/s (the same
  /// arrivals: the classes' streams are named alike, so each replication
  /// is paired). An attempt the pool refuses leaves no mark on its trunk,
  /// so the pooled system is the single window exactly: a trunk refuses
  /// only when P of its attempts were placed in the last second, and those
  /// all passed the pool, which is then full too; every attempt is
  /// accepted in both systems or refused in both. The test pins both: the
  /// single window at P = 1 is the dead-time closed form
  /// lambda / (1 + lambda) = 2/3 at lambda = 2/s (within its 95% interval
  /// over 40 replications of 2 h, about 14,400 attempts each, half-width
  /// under 0.001), and the pooled share equals the single window's in
  /// every replication.
  @Test(arguments: [1, 3])
  func pooledRefusalsAgainstTheSingleWindow(p: Int) throws {
    let half = "\(p)/s"
    let pooled = try Self.scenario(
      """
        trunks: [{ name: a, cps: \(p) }, { name: b, cps: \(p) }]
        trunk_pool: { cps: \(p) }
      """,
      traffic: """
          - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: \(half) }, duration: 1s }
          - { name: y, type: outbound, via: trunk:b, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: \(half) }, duration: 1s }
        """, horizon: "2h", replications: 40)
    let single = try Self.scenario(
      """
        trunks: [{ name: a, cps: \(p) }]
      """,
      traffic: """
          - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: \(half) }, duration: 1s }
          - { name: y, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: \(half) }, duration: 1s }
        """, horizon: "2h", replications: 40)
    let pooledShares = try #require(Self.run(pooled, jobs: 2).row(.category(.total), .rejectedRate)).values
    let singleRow = try #require(Self.run(single, jobs: 2).row(.category(.total), .rejectedRate))
    if p == 1 {
      let interval = try #require(singleRow.summary.low)...(try #require(singleRow.summary.high))
      #expect(interval.contains(2.0 / 3.0), "single window \(interval)")
      #expect(interval.upperBound - interval.lowerBound < 0.002)
    }
    #expect(pooledShares == singleRow.values)
  }

  // MARK: - Loading

  static let header = """
    callcap: 1
    name: keys
    simulation: { horizon: 1h, replications: 2 }
    numbers: [050-1234-5678]

    """
  static let trafficLine = """
    traffic:
      - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1s }

    """

  /// Every new key of the account, read into the scenario: tiers sorted,
  /// prices as written, the pool's limiter and burst; without them, the
  /// defaults (no own tiers, price 1, no pool).
  @Test func perGateKeysAndThePoolAreRead() throws {
    let scenario = try loadScenario(
      Self.header + """
        account:
          api: { cps: 2, tiers: [5, 1, 2], price_per_cps: 12.5 }
          trunks:
            - { name: a, cps: 10, tiers: [15, 20, 30], price_per_cps: 3 }
            - { name: b }
          trunk_pool: { cps: 10, limiter: token-bucket, burst: 15, tiers: [5, 10], price_per_cps: 0.5 }

        """ + Self.trafficLine)
    let account = scenario.account
    #expect(account.api.tiers == [1, 2, 5])
    #expect(account.api.pricePerCPS == 12.5)
    #expect(account.trunks[0].tiers == [15, 20, 30])
    #expect(account.trunks[0].pricePerCPS == 3)
    #expect(account.trunks[1].tiers == nil)
    #expect(account.trunks[1].pricePerCPS == 1)
    let pool = try #require(account.trunkPool)
    #expect(pool.cps == 10 && pool.limiter == .tokenBucket && pool.burst == 15 && pool.effectiveBurst == 15)
    #expect(pool.tiers == [5, 10] && pool.pricePerCPS == 0.5)
    // The trunks may add up to more than the pool (10 + 1 > 10): no diagnostic.
    #expect(scenario.warnings.isEmpty)
    let plain = try loadScenario(Self.header + "account:\n  trunks: [{ name: a }]\n" + Self.trafficLine)
    #expect(plain.account.trunkPool == nil && plain.account.api.tiers == nil && plain.account.api.pricePerCPS == 1)
  }

  /// Every problem of the new keys at once, each at its line and column.
  @Test func badKeysAreReportedTogether() {
    let found = diagnostics(
      Self.header + """
        account:
          api: { tiers: [1, 2, 2, 0], price_per_cps: 0 }
          trunks:
            - { name: a, tiers: [1.5, 3], price_per_cps: "$5" }
            - { name: b, tiers: 3, price_per_cps: 1e13 }
          trunk_pool: { cpss: 3, limiter: leaky, tiers: [], price_per_cps: -1 }

        """ + Self.trafficLine)
    #expect(
      found == [
        "6:24: error: API tier 2 is listed twice",
        "6:27: error: API tier: CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 0",
        "6:46: error: API 'price_per_cps' must be greater than zero, got 0",
        "8:26: error: trunk 'a' tier: CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 1.5",
        "8:51: error: '$5' is not a number",
        "9:25: error: expected a list for trunk 'b' 'tiers', got '3'",
        "9:43: error: trunk 'b' 'price_per_cps' must be at most 1e12, got 10000000000000",
        "10:15: error: missing required key 'cps' in trunk_pool",
        "10:17: error: unknown key 'cpss' in trunk_pool (did you mean 'cps'?)",
        "10:35: error: 'limiter' must be one of sliding-window, fixed-window, token-bucket, got 'leaky'",
        "10:49: error: trunk_pool 'tiers' needs at least one CPS value",
        "10:68: error: trunk_pool 'price_per_cps' must be greater than zero, got -1",
      ], "\(found)")
  }

  /// A pool needs a trunk to pool; scope `trunk-pool` needs a pool.
  @Test func aPoolNeedsTrunksAndItsScopeNeedsAPool() {
    let api = """
      traffic:
        - { name: x, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1s }
      expect:
        - { metric: rejected_rate, scope: trunk-pool, max: 1% }

      """
    #expect(
      diagnostics(Self.header + "account:\n  trunk_pool: { cps: 3, price_per_cps: .inf }\n" + api) == [
        "6:15: error: 'trunk_pool' needs at least one trunk in 'trunks': the pool limits the calls that pass a trunk, and no call passes one here",
        "6:41: error: '.inf' is not a number",
      ])
    #expect(
      diagnostics(Self.header + "account:\n  trunks: [{ name: a }]\n" + api) == [
        "10:37: error: scope 'trunk-pool' needs a pool: this account has no 'trunk_pool'"
      ])
  }

  /// `expect:` admits exactly the metrics a replication produces for scope
  /// `trunk-pool` (the one declaration, ``Metric/measured(for:reachesAgents:)``).
  @Test func expectationsOnThePoolMatchWhatIsMeasured() throws {
    let text = Self.header + "account:\n  trunks: [{ name: a }]\n  trunk_pool: { cps: 1 }\n" + Self.trafficLine
    let run = Self.run(try loadScenario(text))
    let produced = run.rows.filter { $0.scope == .trunkPool }.map(\.metric)
    #expect(produced == [.callsOffered, .callsRejected, .callsRetried, .retryAttempts, .rejectedRate])
    for metric in Metric.allCases {
      let limit = metric.unit == .seconds ? "0s" : metric.unit == .share ? "0%" : "0"
      let expect = text + "expect:\n  - { metric: \(metric.rawValue), scope: trunk-pool, min: \(limit) }\n"
      let admitted = (try? loadScenario(expect)) != nil
      #expect(admitted == produced.contains(metric), "\(metric.rawValue)")
    }
  }

  // MARK: - Reports

  /// The example with a pool gives the same files for any `--jobs`, and
  /// the pool appears where trunks do: summary.csv rows of scope
  /// trunk-pool, the report's rejections table, verdict and method.
  @Test func reportsWithAPoolAreIdenticalForAnyJobs() throws {
    var scenario = try ScenarioLoader().load(path: Fixtures.scenarios.appendingPathComponent("pbx-trunk.yaml").path).get()
    #expect(scenario.account.trunkPool != nil)
    scenario.simulation.replications = 3
    let one = RunReport(scenario: scenario, simulator: Simulator(jobs: 1))
    let two = RunReport(scenario: scenario, simulator: Simulator(jobs: 2))
    let three = RunReport(scenario: scenario, simulator: Simulator(jobs: 3))
    #expect(one.files.map(\.contents) == two.files.map(\.contents))
    #expect(one.files.map(\.contents) == three.files.map(\.contents))
    let summary = try #require(one.files.first { $0.path.hasSuffix("summary.csv") }).contents
    #expect(summary.contains(",trunk-pool,calls_offered,calls,"))
    #expect(summary.contains(",trunk-pool,rejected_rate,share,"))
    let report = try #require(one.files.first { $0.path.hasSuffix("report.md") }).contents
    #expect(report.contains("| trunk-pool | "))
    #expect(report.contains("- Trunk pool: sliding-window limiter at "))
    #expect(report.contains("The trunk pool ("))
  }
}

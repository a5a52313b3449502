import Testing

@testable import CallcapKit

/// SPEC "The application's own pacing, and deadlines": the dialer
/// throttle (`max_in_progress`, `max_rate`), deadlines and their
/// objectives, on deterministic scenarios whose answers follow by hand.
/// Every time is a whole number of microseconds, so the figures are exact.
@Suite struct DialerTests {
  static func scenario(_ body: String, replications: Int = 1, objectives: String = "") throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h, replications: \(replications), seed: 5, resolution: 1m }
      numbers: [050-1234-5678]
      \(body)
      \(objectives)
      """)
  }

  static func run(_ scenario: Scenario, jobs: Int = 1) -> RunResult {
    Simulator(jobs: jobs).run(SimulationModel(scenario), replications: scenario.simulation.replications)
  }

  // MARK: - max_in_progress in front of the API gate (issue #15)

  static let burstAt = 100.0
  static let count = 95
  static let cps = 2.0
  static let duration = 30.0
  static let inProgress = 10

  /// Call k (from 0) is released to the network at (k mod m)/c + floor(k/m) x D
  /// after the burst: the first m go to the API at once and are paced
  /// 1/c apart; after that, call k waits in the dialer for the end of
  /// call k - m, D after its release, and the API (idle since, as
  /// c x D > m) releases it at once.
  static func release(_ k: Int) -> Double {
    Double(k % inProgress) / cps + Double(k / inProgress) * duration
  }

  static func burstScenario(deadline: Double?, replications: Int = 1, objectives: String = "") throws -> Scenario {
    try scenario(
      """
      account: { api: { cps: \(Int(cps)), pacing: smooth }, thresholds: { outbound: 100 } }
      traffic:
        - name: r
          type: outbound
          arrivals: { burst: { at: \(burstAt)s, count: \(count) } }
          duration: \(duration)s
          dialer: { max_in_progress: \(inProgress) }
          \(deadline.map { "deadline: \($0)s" } ?? "")
      """, replications: replications, objectives: objectives)
  }

  @Test func maxInProgressClosedForm() throws {
    #expect(Self.cps * Self.duration > Double(Self.inProgress))
    let run = Self.run(try Self.burstScenario(deadline: nil))
    #expect(run.mean(.category(.outbound), .peakConcurrency) == Double(Self.inProgress))
    #expect(run.mean(.traffic("r"), .callsCompleted) == Double(Self.count))
    // The dialer holds call k >= m until its release; the first m wait in the API queue instead.
    let dialerWaits = (0..<Self.count).map { $0 < Self.inProgress ? 0 : Self.release($0) }
    #expect(abs(run.mean(.traffic("r"), .dialerWaitMax)! - Self.release(Self.count - 1)) <= 1e-9)
    #expect(abs(run.mean(.traffic("r"), .dialerWaitMean)! - dialerWaits.reduce(0, +) / Double(Self.count)) <= 1e-9)
    #expect(abs(run.mean(.api, .queueWaitMax)! - Double(Self.inProgress - 1) / Self.cps) <= 1e-9)
    // Without a deadline the class measures no late calls.
    #expect(run.row(.traffic("r"), .lateShare) == nil)
    #expect(run.row(.traffic("r"), .callsLate) == nil)
  }

  /// Late calls are those released after the deadline: the count the
  /// release times give. A call released exactly at the deadline is on time.
  @Test(arguments: [300.0, 272, 271.5, 150, 120, 60, 45.5, 0.5, 0])
  func lateShareFollowsTheReleaseTimes(afterBurst: Double) throws {
    let run = Self.run(try Self.burstScenario(deadline: Self.burstAt + afterBurst))
    let late = (0..<Self.count).count { Self.release($0) > afterBurst }
    #expect(run.mean(.traffic("r"), .callsLate) == Double(late))
    #expect(run.mean(.traffic("r"), .lateShare) == Double(late) / Double(Self.count))
    if afterBurst >= Self.release(Self.count - 1) { #expect(late == 0) }
  }

  // MARK: - max_rate alone

  /// A burst of B through a dialer of rate r (the API far faster): call k
  /// goes at k / r, so the longest dialer wait is (B - 1) / r and the mean (B - 1) / 2r.
  @Test(arguments: [(41, "2/s", 2.0), (30, "120/min", 2), (25, "3/s", 3), (10, "0.25/s", 0.25)])
  func maxRateSpacesStarts(count: Int, rate: String, perSecond: Double) throws {
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 10 } }
      traffic:
        - name: r
          type: outbound
          arrivals: { burst: { at: 100s, count: \(count) } }
          duration: 1s
          dialer: { max_rate: \(rate) }
          deadline: 110s
      """)
    let run = Self.run(scenario)
    let last = Double(count - 1) / perSecond
    // Release times are whole microseconds (k / r rounded).
    #expect(abs(run.mean(.traffic("r"), .dialerWaitMax)! - last) <= 1e-6)
    #expect(abs(run.mean(.traffic("r"), .dialerWaitMean)! - last / 2) <= 1e-6)
    #expect(run.mean(.api, .queueWaitMax) == 0)
    let late = (0..<count).count { Double($0) / perSecond > 10 + 1e-7 }
    #expect(run.mean(.traffic("r"), .callsLate) == Double(late))
  }

  /// Both limits: a start waits for a free place and for the rate.
  @Test func bothLimitsTogether() throws {
    // m = 2, r = 1/s, calls of 5 s: starts at 0, 1, then each end frees a place: 5, 6, 10, 11, ...
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 10 } }
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: 0s, count: 6 } }, duration: 5s, dialer: { max_in_progress: 2, max_rate: 1/s } }
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 2)
    #expect(run.mean(.traffic("r"), .dialerWaitMax) == 11)
    #expect(abs(run.mean(.traffic("r"), .dialerWaitMean)! - Double(0 + 1 + 5 + 6 + 10 + 11) / 6) <= 1e-12)
  }

  /// The API wait runs from the dialer's release, not from the arrival:
  /// m = 2 at 1 CPS, calls of 0.5 s. Call 0 goes at 0, call 1 waits in the
  /// API until 1; call 0's end lets call 2 go at 0.5, queued until 2;
  /// call 1's end lets call 3 go at 1.5, queued until 3.
  @Test func apiWaitStartsAtTheDialersRelease() throws {
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 1 } }
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: 0s, count: 4 } }, duration: 0.5s, dialer: { max_in_progress: 2 } }
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.api, .queueWaitMax) == 1.5)
    #expect(run.mean(.api, .queueWaitMean) == (0 + 1 + 1.5 + 1.5) / 4)
    #expect(run.mean(.traffic("r"), .dialerWaitMax) == 1.5)
    #expect(run.mean(.traffic("r"), .dialerWaitMean) == (0 + 0 + 0.5 + 1.5) / 4)
  }

  /// Through a trunk: a dialer starting one call a second keeps a 1 CPS
  /// sliding window exactly satisfied (starts 1 s apart are in new
  /// windows), where the same burst without it gets 503s.
  @Test(arguments: [("dialer: { max_rate: 1/s }", 0.0), ("", 4)])
  func maxRateInFrontOfATrunk(dialer: String, rejected: Double) throws {
    let scenario = try Self.scenario(
      """
      account: { trunks: [{ name: pbx, cps: 1, limiter: sliding-window }] }
      traffic:
        - { name: r, type: outbound, via: trunk:pbx, arrivals: { burst: { at: 0.3s, count: 5 } }, duration: 10s, \(dialer) }
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.trunk("pbx"), .callsRejected) == rejected)
    #expect(run.mean(.traffic("r"), .callsCompleted) == 5 - rejected)
  }

  // MARK: - Refused calls

  /// A call refused at its gate frees its place at once, and the next
  /// held request goes on at that instant (without recursion, however
  /// many are refused in a row). Refused calls are never placed, so they
  /// count as late.
  @Test func refusedCallsFreeTheirPlaceAndAreLate() throws {
    // API at 1 CPS holding at most one queued request, dialer of 2: call 0
    // is placed at 0 and ends at 0.5 s, call 1 waits in the API queue
    // until 1 s, the rest wait in the dialer. At 0.5 s the dialer lets
    // them go one by one, and the full API queue refuses each (22005) the
    // moment it arrives, freeing its place for the next.
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 1, queue_limit: 1s } }
      traffic:
        - name: r
          type: outbound
          arrivals: { burst: { at: 0s, count: 20000 } }
          duration: 0.5s
          dialer: { max_in_progress: 2 }
          deadline: 1h
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.traffic("r"), .callsRefusedQueueFull) == 19_998)
    #expect(run.mean(.traffic("r"), .callsCompleted) == 2)
    #expect(run.mean(.traffic("r"), .callsLate) == 19_998)
    #expect(run.mean(.traffic("r"), .dialerWaitMax) == 0.5)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 1)
  }

  // MARK: - Common random numbers and reproducibility

  static let stochastic = """
    account: { api: { cps: 3 }, thresholds: { outbound: 100 } }
    traffic:
      - name: r
        type: outbound
        to: { mobile: 100% }
        from: 050-1234-5678
        arrivals: [{ rate: 2/s }, { burst: { at: 20m, count: 500, spread: 2m } }]
        ring: uniform(min: 2s, max: 20s)
        answer: 70%
        duration: exponential(mean: 40s)
        DIALER
        deadline: 50m
    """

  /// The dialer changes when calls go, never what they draw: every
  /// replication offers the same calls with the same answers.
  @Test func theDialerKeepsCommonRandomNumbers() throws {
    let free = Self.run(try Self.scenario(Self.stochastic.replacingOccurrences(of: "DIALER", with: ""), replications: 4))
    let throttled = Self.run(
      try Self.scenario(
        Self.stochastic.replacingOccurrences(of: "DIALER", with: "dialer: { max_in_progress: 40, max_rate: 2.5/s }"),
        replications: 4))
    for metric in [Metric.callsOffered, .callsNoAnswer, .callsCompleted] {
      #expect(free.row(.traffic("r"), metric)!.values == throttled.row(.traffic("r"), metric)!.values, "\(metric)")
    }
    #expect(throttled.row(.category(.outbound), .peakConcurrency)!.values.allSatisfy { $0 <= 40 })
    #expect(throttled.mean(.traffic("r"), .dialerWaitMax)! > 0)
    #expect(throttled.mean(.traffic("r"), .lateShare)! > free.mean(.traffic("r"), .lateShare)!)
  }

  /// The same figures with one job and three.
  @Test func identicalAcrossJobs() throws {
    let scenario = try Self.scenario(
      Self.stochastic.replacingOccurrences(of: "DIALER", with: "dialer: { max_in_progress: 30, max_rate: 1/s }"),
      replications: 6)
    let one = Self.run(scenario, jobs: 1)
    let three = Self.run(scenario, jobs: 3)
    #expect(one.replications.map(\.metrics) == three.replications.map(\.metrics))
    #expect(one.replications.map(\.series.areas) == three.replications.map(\.series.areas))
  }

  // MARK: - Objectives

  /// `late: 0%` judges each replication: with 300 replications none late,
  /// the one-sided 95% bound on missing the deadline is 0.994% <= 1%; an
  /// early deadline is missed in every replication and fails.
  @Test func lateObjectiveDecidesOnReplicationsMissingTheDeadline() throws {
    let objectives = "objectives: { late: 0%, queue_wait_max: 5s, traffic:r: { dialer_wait_max: 5m, rejected: 0% } }"
    let onTime = try Self.burstScenario(deadline: Self.burstAt + 300, replications: 300, objectives: objectives)
    let checks = onTime.objectives.evaluate(Self.run(onTime, jobs: 2), scenario: onTime)
    let late = try #require(checks.first { $0.key == "late" })
    #expect(late.objective == .late(.traffic("r"), share: 0))
    #expect(late.outcome == .meets)
    #expect(late.explanation.hasPrefix("traffic:r missed its deadline (more than 0% late) in 0 of 300 replications"))
    let wait = try #require(checks.first { $0.key == "queue_wait_max" })
    #expect(wait.objective == .atMost(.queueWaitMax, .api))
    #expect(wait.measured == 4.5)
    // Every replication alike: enough of them to decide against a limit clear of the value.
    #expect(wait.outcome == .meets)
    let dialer = try #require(checks.first { $0.key == "dialer_wait_max" })
    #expect(dialer.outcome == .meets)
    #expect(dialer.objectiveText(limit: 600)?.hasPrefix("traffic:r: { dialer_wait_max: ") == true)
    // No refusal in any replication against 0% is undecided, as for the account's `rejected`.
    #expect(checks.first { $0.key == "rejected" }?.outcome == .undecided)

    let early = try Self.burstScenario(deadline: Self.burstAt + 100, replications: 20, objectives: "objectives: { late: 0% }")
    let missed = try #require(early.objectives.evaluate(Self.run(early), scenario: early).first { $0.key == "late" })
    #expect(missed.outcome == .fails)
    // A class's own limit overrides the top level: 40% late is acceptable.
    let loose = try Self.burstScenario(
      deadline: Self.burstAt + 200, replications: 300, objectives: "objectives: { late: 0%, traffic:r: { late: 40% } }")
    let share = Self.run(loose).mean(.traffic("r"), .lateShare)!
    #expect(abs(share - Double((0..<Self.count).count { Self.release($0) > 200 }) / Double(Self.count)) < 1e-12)
    #expect(share < 0.4)
    #expect(loose.objectives.evaluate(Self.run(loose), scenario: loose).first { $0.key == "late" }?.outcome == .meets)
  }

  // MARK: - Loading

  static func traffic(_ line: String, objectives: String = "") -> [String] {
    diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: 0s, count: 5 } }, duration: 1m, \(line) }
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/h }, duration: 1m }
      \(objectives)
      """)
  }

  @Test func dialerAndDeadlineLoad() throws {
    #expect(Self.traffic("dialer: { max_in_progress: 80, max_rate: 2/s }, deadline: 30m").isEmpty)
    let scenario = try loadScenario(
      """
      callcap: 1
      name: t
      simulation: { horizon: 6h, start: "08:00" }
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: "10:00", count: 5 } }, duration: 1m, dialer: { max_rate: 120/min }, deadline: "12:00" }
        - { name: s, type: outbound, arrivals: { burst: { at: 1h, count: 5 } }, duration: 1m, dialer: { max_in_progress: 3 }, deadline: 4h }
      """)
    #expect(scenario.traffic[0].dialer == DialerThrottle(maxInProgress: nil, maxRatePerSecond: 2))
    #expect(scenario.traffic[0].deadlineSeconds == 14_400)
    #expect(scenario.traffic[1].dialer == DialerThrottle(maxInProgress: 3, maxRatePerSecond: nil))
    #expect(scenario.traffic[1].deadlineSeconds == 14_400)
  }

  @Test(arguments: [
    ("dialer: {}", "6:97: error: 'dialer' needs 'max_in_progress', 'max_rate' or both"),
    ("dialer: { max_calls: 3 }", "6:99: error: unknown key 'max_calls' in dialer"),
    ("dialer: { max_in_progress: 0 }", "6:116: error: dialer 'max_in_progress' must be at least 1 and at most 10000000, got 0"),
    ("dialer: { max_in_progress: 2.5 }", "6:116: error: dialer 'max_in_progress' must be a whole number, got '2.5'"),
    ("dialer: { max_rate: 0/s }", "6:109: error: dialer 'max_rate' must be greater than zero"),
    ("dialer: { max_rate: fast }", "6:109: error: expected a rate"),
    ("dialer: 3", "6:97: error: expected a mapping for dialer, got '3'"),
    ("deadline: 25:00", "6:99: error: '25:00' is not a valid time of day"),
    ("deadline: soon", "6:99: error: expected a duration"),
  ])
  func dialerErrors(line: String, expected: String) {
    let found = Self.traffic(line)
    #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
  }

  @Test func dialerOnlyOnOutboundTraffic() {
    let found = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/h }, duration: 1m, dialer: { max_rate: 1/s }, deadline: 1h }
      """)
    #expect(found.contains("6:89: error: 'dialer' does not apply to inbound traffic (only to outbound)"), "\(found)")
    #expect(found.contains("6:116: error: 'deadline' does not apply to inbound traffic (only to outbound)"), "\(found)")
  }

  @Test func deadlineBeforeTheLastArrivalIsWarnedAbout() {
    let found = Self.traffic("deadline: 30m").filter { !$0.contains("burst") }
    #expect(found.isEmpty, "\(found)")
    let warned = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      traffic:
        - { name: r, type: outbound, arrivals: { rate: 1/m }, duration: 1m, deadline: 30m }
      """)
    #expect(
      warned.contains { $0.hasPrefix("5:81: warning: calls are offered until 1h after the start, past this deadline (30m)") }, "\(warned)")
  }

  @Test(arguments: [
    ("objectives: { late: 0% }", "8:21: error: 'late' judges classes with a 'deadline'; no traffic class here has one"),
    ("objectives: { traffic:x: { rejected: 1% } }", "8:15: error: unknown key 'traffic:x' in objectives"),
    ("objectives: { traffic:r: { late: 0% } }", "8:28: error: 'late' needs a 'deadline' on traffic class 'r'"),
    ("objectives: { traffic:i: { dialer_wait_p95: 1m } }", "8:28: error: 'dialer_wait_p95' needs a 'dialer' on traffic class 'i'"),
    ("objectives: { traffic:r: { queue_wait_p95: 1m } }", "8:28: error: 'queue_wait_p95' is judged per gate"),
    ("objectives: { traffic:r: { lately: 1% } }", "8:28: error: unknown key 'lately' in objectives for 'traffic:r'"),
    ("objectives: { queue_wait_max: soon }", "8:31: error:"),
  ])
  func objectiveErrors(objectives: String, expected: String) {
    let found = Self.traffic("ring: 0s", objectives: objectives)
    #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
  }

  @Test func perClassObjectivesLoad() throws {
    let text = """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: 0s, count: 5 } }, duration: 1m, dialer: { max_rate: 1/s }, deadline: 30m }
      objectives:
        late: 1%
        queue_wait_max: 10m
        traffic:r: { late: 0%, rejected: 2%, dialer_wait_p95: 1m, dialer_wait_max: 5m }
      """
    let objectives = try loadScenario(text).objectives
    #expect(objectives.lateShare == 0.01)
    #expect(objectives.queueWaitMaxSeconds == 600)
    var own = TrafficObjectives(name: "r")
    own.lateShare = 0
    own.rejectedShare = 0.02
    own.dialerWaitP95Seconds = 60
    own.dialerWaitMaxSeconds = 300
    #expect(objectives.traffic == [own])
  }

  /// A dialer slower than its arrivals makes a long drain: the estimate
  /// counts it, and one that would run past 3650d is refused with the figure.
  @Test func slowDialerDrainIsEstimatedAndBounded() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h, resolution: 1h }
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: 0s, count: 3600 } }, duration: 1m, dialer: { max_rate: 1/min } }
      """)
    let workload = Workload(scenario)
    #expect(abs(workload.dialerDrainSeconds - 3600 * 60) < 1e-6)
    #expect(workload.drainSeconds >= 3600 * 60)
    let found = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h, resolution: 1d }
      traffic:
        - { name: r, type: outbound, arrivals: { burst: { at: 0s, count: 5000 } }, duration: 1m, dialer: { max_rate: 1/d } }
      """)
    #expect(
      found.contains { $0.hasPrefix("3:13: error: a dialer throttle may take about 5000d to release every call it holds") },
      "\(found)")
  }
}

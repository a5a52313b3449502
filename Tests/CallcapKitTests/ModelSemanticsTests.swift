import Testing

@testable import CallcapKit

/// SPEC "Model semantics", case by case, on deterministic scenarios whose
/// answers follow by hand: the drain after the horizon, the account cap
/// pools, exact window boundaries, forwarded calls, `count_ringing`, the
/// warm-up and the metrics' definitions. Every figure is exact.
@Suite struct ModelSemanticsTests {
  static func scenario(_ body: String, horizon: String = "1h", warmup: String = "0s", replications: Int = 1) throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: t
      simulation: { horizon: \(horizon), warmup: \(warmup), replications: \(replications), seed: 3, resolution: 1m }
      numbers: [050-1234-5678]
      \(body)
      """)
  }

  static func run(_ scenario: Scenario, tier: Double? = nil) -> RunResult {
    Simulator(jobs: 1).run(
      SimulationModel(scenario, tier: tier), replications: scenario.simulation.replications,
      setting: ScenarioCheck.setting(tier, in: scenario))
  }

  // MARK: - Horizon and drain

  /// Issue #20, case 1: 600 API calls at 3590 s lasting 40 s, horizon 1 h.
  /// Released every 1/c s from 3590 s, each call ends 40 s after its
  /// release, so c x 40 are in progress once the first ends; the peaks
  /// come after the horizon and must be measured.
  @Test(arguments: [(1.0, 40.0), (2, 80), (3, 120), (5, 200)])
  func burstJustBeforeTheHorizonIsMeasured(cps: Double, peak: Double) throws {
    let scenario = try Self.scenario(
      """
      traffic:
        - { name: b, type: outbound, arrivals: { burst: { at: 3590s, count: 600 } }, duration: 40s }
      """)
    let run = Self.run(scenario, tier: cps)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == peak)
    #expect(run.mean(.traffic("b"), .callsCompleted) == 600)
    // Release times are whole microseconds (see ``Microseconds``).
    #expect(abs((run.mean(.api, .queueWaitMax) ?? 0) - 599 / cps) <= 1e-6)
  }

  /// The closed form: B calls at h - 10 s through c CPS (smooth pacing),
  /// each lasting D s, peak at min(B, c x D). Call i is released at
  /// h - 10 + i/c and ends D s later, exactly when call i + cD is
  /// released; the end counts first (see ``Replication``), so the peak
  /// is c x D, not c x D + 1. The last call ends at h - 10 + (B-1)/c + D,
  /// and the time series goes on to that bucket.
  @Test(arguments: [(600, 3.0, 40.0), (50, 5, 40), (1000, 7, 13), (300, 2, 7.5), (10, 1, 100), (240, 4, 0.25)])
  func drainPeakClosedForm(count: Int, cps: Double, duration: Double) throws {
    let horizon = 3600.0
    let scenario = try Self.scenario(
      """
      account: { api: { cps: \(Int(cps)) }, thresholds: { outbound: 1 } }
      traffic:
        - { name: b, type: outbound, arrivals: { burst: { at: \(horizon - 10)s, count: \(count) } }, duration: \(duration)s }
      """)
    let run = Self.run(scenario)
    let expected = min(Double(count), cps * duration)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == expected)
    #expect(run.mean(.category(.total), .peakConcurrency) == expected)
    let lastEnd = horizon - 10 + Double(count - 1) / cps + duration
    // At least one call in progress from the first release to the last end.
    let above = try #require(run.mean(.category(.outbound), .timeAboveThreshold))
    #expect(abs(above - (lastEnd - (horizon - 10))) < 1e-5)
    #expect(run.mean(.category(.outbound), .thresholdBreachShare) == 1)
    #expect(run.timeSeries.buckets.count == Int((lastEnd / 60).rounded(.down)) + 1)
    #expect(run.timeSeries.buckets.last?.maximum(.outbound) ?? 0 >= 1)
    // The mean stays a time average over [0, h): only the first 10 s of the burst.
    let mean = try #require(run.mean(.category(.outbound), .meanConcurrency))
    #expect(mean < Double(count) * 10 / horizon + 1e-9)
  }

  /// Calls in the API queue at the horizon, calls ringing and retries
  /// pending at the horizon are all followed to their end and counted.
  @Test func everythingOfferedBeforeTheHorizonEnds() throws {
    let scenario = try Self.scenario(
      """
      account:
        api: { cps: 1 }
        trunks: [ { name: pbx, cps: 1, retry: { attempts: 3, delay: 1s } } ]
      traffic:
        - { name: a, type: outbound, arrivals: { burst: { at: 50m, count: 1200 } }, ring: 30s, answer: 100%, duration: 1m }
        - { name: t, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: 3599.5s, count: 3 } }, duration: 10s }
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.traffic("a"), .callsCompleted) == 1200)
    #expect(run.mean(.traffic("t"), .callsCompleted) == 3)
    #expect(run.mean(.trunk("pbx"), .retryAttempts) == 3)
    #expect(run.mean(.api, .queueWaitMax) == 1199)
    #expect(run.mean(.api, .drainTime) == 1199)
    // 1199 s of releases after 3000 s, then 90 s of ringing and talk.
    #expect(run.timeSeries.buckets.count == Int(((3000.0 + 1199 + 90) / 60).rounded(.down)) + 1)
  }

  // MARK: - Account cap pools

  /// Issue #20, case 3: trial profile (5 voice calls), API 5 CPS, 20 calls
  /// at once, ringing 30 s, all answered, 10 min of talk. Each call holds
  /// its slot from placement, ringing included, whatever `count_ringing`
  /// says: 5 connect, 15 are refused with 10004.
  @Test(arguments: [false, true])
  func capCountsRingingCalls(countRinging: Bool) throws {
    let scenario = try Self.scenario(
      """
      account: { profile: trial, api: { cps: 5 }, count_ringing: \(countRinging) }
      traffic:
        - { name: o, type: outbound, arrivals: { burst: { at: 0s, count: 20 } }, ring: 30s, answer: 100%, duration: 10m }
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.traffic("o"), .callsCompleted) == 5)
    #expect(run.mean(.traffic("o"), .callsRefusedConcurrency) == 15)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 5)
    #expect(run.mean(.category(.total), .rejectedRate) == 0.75)
    // The cap is the account's, not the API gate's.
    #expect(run.mean(.api, .rejectedRate) == 0)
  }

  /// Separate pools: trial allows 5 Programmable Voice calls (API, inbound,
  /// forwarded together) and 4 SIP trunking calls besides.
  @Test func voiceAndTrunkingPoolsAreSeparate() throws {
    let scenario = try Self.scenario(
      """
      account:
        profile: trial
        api: { cps: 10 }
        trunks: [ { name: pbx, cps: 10 } ]
      traffic:
        - { name: api, type: outbound, arrivals: { burst: { at: 10s, count: 10 } }, duration: 10m }
        - { name: in, type: inbound, to: 050-1234-5678, arrivals: { burst: { at: 5s, count: 2 } }, duration: 10m }
        - { name: fwd, type: forward, to: 050-1234-5678, forward_to: sip:a@example.com, arrivals: { burst: { at: 6s, count: 1 } }, duration: 10m }
        - { name: sip, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: 10s, count: 10 } }, duration: 10m }
      """)
    let run = Self.run(scenario)
    // Voice: 2 inbound and 1 forwarded first, then 2 of the 10 API calls.
    #expect(run.mean(.traffic("api"), .callsCompleted) == 2)
    #expect(run.mean(.traffic("api"), .callsRefusedConcurrency) == 8)
    #expect(run.mean(.traffic("sip"), .callsCompleted) == 4)
    #expect(run.mean(.traffic("sip"), .callsRefusedConcurrency) == 6)
    #expect(run.mean(.category(.total), .peakConcurrency) == 9)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 6)
    // The trunk's own refusals (503) are none; the pool's are the account's.
    #expect(run.mean(.trunk("pbx"), .rejectedRate) == 0)
    #expect(run.mean(.category(.total), .callsRefusedConcurrency) == 14)
  }

  /// A call that ends frees its slot before a call placed at the same instant takes it.
  @Test func aSlotFreedAtAnInstantIsTakenAtThatInstant() throws {
    let scenario = try Self.scenario(
      """
      account: { profile: no-profile }
      traffic:
        - { name: i, type: inbound, to: 050-1234-5678, arrivals: { every: 10s }, duration: 20s }
      """, horizon: "10m")
    let run = Self.run(scenario)
    // Two at a time exactly fit the cap of 2: none refused.
    #expect(run.mean(.traffic("i"), .callsRefusedConcurrency) == 0)
    #expect(run.mean(.category(.inbound), .peakConcurrency) == 2)
  }

  // MARK: - Exact window boundaries

  /// Issue #20, case 4: an attempt exactly 1 s after an accepted one is in
  /// a new window at any clock offset (1000 millisecond offsets).
  @Test(arguments: [LimiterModel.slidingWindow, .fixedWindow, .tokenBucket])
  func retryExactlyOneSecondLaterIsAccepted(limiter: LimiterModel) {
    let settings = TrunkSettings(name: "pbx", cps: 1, limiter: limiter)
    for k in 0..<1000 {
      let start = Double(k) * 0.001 + 12345.678
      var gate = AnyTrunkLimiter(settings, cps: 1)
      let first = gate.admit(at: start)
      // One microsecond too early: still the same window (for a fixed
      // window, the same clock second is what counts).
      let early = gate.admit(at: limiter == .fixedWindow ? start.rounded(.down) + 0.999_999 : start + 0.999_999)
      let second = gate.admit(at: start + 1)
      #expect(first && !early && second, "offset \(k)")
    }
  }

  /// API pacing at 1000 millisecond offsets: at 3 CPS (smooth) the third
  /// release after one at t0 is at t0 + 1 s exactly, with no drift from
  /// adding 1/3 s three times; fixed-window pacing at 1 CPS releases the
  /// next request exactly at the next clock second.
  @Test func apiPacingIsExactAtAnyOffset() {
    for k in 0..<1000 {
      let start = Microseconds.snap(Double(k) * 0.001 + 12345.678)
      var smooth = ApiPacer(model: .smooth, cps: 3)
      smooth.release(at: start)
      var release = start
      for _ in 0..<3 {
        release = smooth.earliestRelease(notBefore: start)
        smooth.release(at: release)
      }
      #expect(release == Microseconds.snap(start + 1), "offset \(k)")
      var fixed = ApiPacer(model: .fixedWindow, cps: 1)
      fixed.release(at: start)
      #expect(fixed.earliestRelease(notBefore: start) == (start + 1).rounded(.down), "offset \(k)")
      #expect(fixed.earliestRelease(notBefore: Microseconds.snap(start + 1)) == Microseconds.snap(start + 1), "offset \(k)")
    }
  }

  /// Bursts at fractional seconds at a trunk of 2 CPS with one retry after
  /// exactly 1 s: 2 accepted at the burst, 2 more on the retry, 96 refused.
  /// A token bucket with burst 3 lets 3 through at once and 2 on the retry
  /// (1 s refills 2 tokens).
  @Test(arguments: [("sliding-window", "", 4.0), ("fixed-window", "", 4), ("token-bucket", ", burst: 3", 5)])
  func burstAtAFractionalSecond(limiter: String, extra: String, accepted: Double) throws {
    for at in ["10.3s", "10.7s", "12345.678s"] {
      let scenario = try Self.scenario(
        """
        account: { trunks: [ { name: pbx, cps: 2, limiter: \(limiter)\(extra), retry: { attempts: 1, delay: 1s } } ] }
        traffic:
          - { name: b, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: \(at), count: 100 } }, duration: 10s }
        """, horizon: "4h")
      let run = Self.run(scenario)
      #expect(run.mean(.trunk("pbx"), .callsRejected) == 100 - accepted, "\(limiter) at \(at)")
      #expect(run.mean(.trunk("pbx"), .callsRetried) == 100 - min(accepted, limiter == "token-bucket" ? 3 : 2))
    }
  }

  /// Fixed-window API pacing at 3 CPS: 10 requests at 10.7 s go 3 in the
  /// second [10, 11), 3 at 11 s, 3 at 12 s and 1 at 13 s.
  @Test func fixedWindowApiPacing() throws {
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 3, pacing: fixed-window } }
      traffic:
        - { name: b, type: outbound, arrivals: { burst: { at: 10.7s, count: 10 } }, duration: 1s }
      """)
    let run = Self.run(scenario)
    let mean = try #require(run.mean(.api, .queueWaitMean))
    #expect(abs(mean - (3 * 0.3 + 3 * 1.3 + 2.3) / 10) < 1e-9)
    #expect(abs((run.mean(.api, .queueWaitMax) ?? 0) - 2.3) < 1e-9)
    #expect(run.mean(.api, .queueLengthMax) == 7)
    // The three of 10.7 s still talk when three more go at 11 s.
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 6)
  }

  // MARK: - Forwarded calls and count_ringing

  /// A forwarded call counts once in `forwarded` (and `total`) from arrival
  /// to end, ringing included, never in inbound or outbound. Every 10 s,
  /// ring 5 s, talk 100 s: each lives 105 s, so 10.5 on average and at
  /// most 11 at once (an end at an arrival's instant goes first).
  @Test func forwardedCallsCountOnceFromArrival() throws {
    let scenario = try Self.scenario(
      """
      account: { count_ringing: false }
      traffic:
        - { name: f, type: forward, to: 050-1234-5678, forward_to: 090-1234-5678, arrivals: { every: 10s }, ring: 5s, answer: 100%, duration: 100s }
      """, horizon: "2h", warmup: "10m")
    let run = Self.run(scenario)
    #expect(run.mean(.category(.forwarded), .peakConcurrency) == 11)
    #expect(abs((run.mean(.category(.forwarded), .meanConcurrency) ?? 0) - 10.5) < 1e-9)
    #expect(run.mean(.category(.inbound), .peakConcurrency) == 0)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 0)
    #expect(run.mean(.category(.total), .peakConcurrency) == 11)
  }

  /// Outbound calls every 10 s, ringing 20 s, answered, talking 40 s:
  /// counted from placement they last 60 s (6 at once); with
  /// `count_ringing: false` they count from the answer, 40 s (4 at once).
  @Test(arguments: [(true, 6.0), (false, 4.0)])
  func countRingingDecidesWhenOutboundCallsCount(countRinging: Bool, level: Double) throws {
    let scenario = try Self.scenario(
      """
      account: { count_ringing: \(countRinging), api: { cps: 1 } }
      traffic:
        - { name: o, type: outbound, arrivals: { every: 10s }, ring: 20s, answer: 100%, duration: 40s }
      """, horizon: "1h", warmup: "5m")
    let run = Self.run(scenario)
    #expect(run.mean(.category(.outbound), .peakConcurrency) == level)
    #expect(abs((run.mean(.category(.outbound), .meanConcurrency) ?? 0) - level) < 1e-9)
  }

  // MARK: - Warm-up

  /// Warm-up 5.5 s. Ten requests at 0 s through 1 CPS are offered before
  /// it: not counted, their waits not measured, but the queue they leave
  /// (4 waiting at 5.5 s, drained at 9 s) is measured from 5.5 s on.
  /// Four requests at 20 s wait 0, 1, 2, 3 s.
  @Test func warmupExcludesCallsAndTimeBeforeIt() throws {
    let scenario = try Self.scenario(
      """
      account: { api: { cps: 1 } }
      traffic:
        - { name: b, type: outbound, arrivals: [ { burst: { at: 0s, count: 10 } }, { burst: { at: 20s, count: 4 } } ], duration: 100s }
      """, horizon: "10m", warmup: "5.5s")
    let run = Self.run(scenario)
    #expect(run.mean(.api, .callsOffered) == 4)
    #expect(run.mean(.traffic("b"), .callsCompleted) == 4)
    #expect(run.mean(.api, .queueWaitMean) == 1.5)
    #expect(run.mean(.api, .queueWaitMax) == 3)
    #expect(run.mean(.api, .drainTime) == 3.5)
    #expect(run.mean(.api, .queueLengthMax) == 4)
    // Calls from before the warm-up still occupy lines after it: 10 live at
    // 99 s (released 0..9 s, 100 s each), then the 4 of the second burst join.
    #expect(run.mean(.category(.outbound), .peakConcurrency) == 14)
    #expect(run.timeSeries.startSeconds == 5.5)
  }

  // MARK: - Metrics

  /// Three attempts at 0.5 s at a 1 CPS sliding window, two retries 1 s
  /// apart: the first passes, the second on its first retry, the third on
  /// its second. Two calls retried, three retry attempts, none rejected.
  @Test func retriedCallsAndRetryAttempts() throws {
    let scenario = try Self.scenario(
      """
      account: { trunks: [ { name: pbx, cps: 1, retry: { attempts: 2, delay: 1s } } ] }
      traffic:
        - { name: t, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: 0.5s, count: 3 } }, duration: 10s }
      """)
    let run = Self.run(scenario)
    for scope in [Scope.trunk("pbx"), .traffic("t"), .category(.total)] {
      #expect(run.mean(scope, .callsRetried) == 2, "\(scope)")
      #expect(run.mean(scope, .retryAttempts) == 3, "\(scope)")
      #expect(run.mean(scope, .callsRejected) == 0, "\(scope)")
    }
  }

  /// A gate's `rejected_rate` is its own refusals over the calls offered
  /// to it; the class's and the account's count every refusal. Trunk of
  /// 10 CPS, 20 attempts at once: 10 get 503; of the 10 placed, the trial
  /// trunking pool takes 4 and refuses 6 (10004).
  @Test func rejectedRateAtGateAndAccountScopes() throws {
    let scenario = try Self.scenario(
      """
      account: { profile: trial, trunks: [ { name: pbx, cps: 10 } ] }
      traffic:
        - { name: t, type: outbound, via: "trunk:pbx", arrivals: { burst: { at: 1s, count: 20 } }, duration: 1m }
      """)
    let run = Self.run(scenario)
    #expect(run.mean(.trunk("pbx"), .rejectedRate) == 0.5)
    #expect(run.mean(.traffic("t"), .rejectedRate) == 0.8)
    #expect(run.mean(.category(.total), .rejectedRate) == 0.8)
    #expect(run.mean(.category(.total), .callsRefusedConcurrency) == 6)
  }

  /// Each trunk's traffic shape covers the calls it carried: short calls
  /// on one trunk, long ones on the other, API calls on neither.
  @Test func trafficShapePerTrunk() throws {
    let scenario = try Self.scenario(
      """
      account: { trunks: [ { name: short, cps: 5 }, { name: long, cps: 5 } ] }
      traffic:
        - { name: s, type: outbound, via: "trunk:short", arrivals: { every: 10s }, duration: 10s }
        - { name: l, type: outbound, via: "trunk:long", arrivals: { every: 20s }, ring: 5s, answer: 0%, duration: 2m }
        - { name: a, type: outbound, via: api, arrivals: { every: 30s }, duration: 1m }
      """, horizon: "10m")
    var replication = Replication(model: SimulationModel(scenario), index: 0)
    let result = replication.run()
    #expect(result.trafficByTrunk.count == 2)
    let short = result.trafficByTrunk[0]
    let long = result.trafficByTrunk[1]
    #expect(short.attemptedCalls == 60 && short.answeredCalls == 60 && short.shortCalls == 60)
    #expect(short.meanDuration == 10)
    #expect(long.attemptedCalls == 30 && long.answeredCalls == 0)
    #expect(long.answerSeizureRatio == 0)
    #expect(result.traffic.attemptedCalls == 60 + 30 + 20)
  }
}

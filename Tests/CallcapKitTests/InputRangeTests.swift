import Foundation
import SimulationKernel
import Testing

@testable import CallcapKit

/// Every quantity has a documented range checked at load (``InputLimits``):
/// the inputs that once trapped or ran away in the simulator or `estimate`
/// are refused with their position, and the boundaries themselves load.
@Suite struct InputRangeTests {
  /// A scenario with one API-gated outbound class, one trunk, and the parts
  /// a case changes.
  static func scenario(
    horizon: String = "1h", apiCPS: String = "1", queueLimit: String = "24h", trunk: String = "{ name: t1, cps: 1 }",
    tiers: String = "[1, 2]", arrivals: String = "rate: 60/h", ring: String = "5s", duration: String = "2m",
    extra: String = ""
  ) -> String {
    """
    callcap: 1
    name: t
    simulation:
      horizon: \(horizon)
    account:
      api: { cps: \(apiCPS), queue_limit: \(queueLimit) }
      trunks: [\(trunk)]
    numbers: [050-1234-5678, 0800-123-4567]
    tiers: \(tiers)
    traffic:
      - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { \(arrivals) },
          ring: \(ring), duration: \(duration) }
    \(extra)
    """
  }

  static func errors(_ text: String, maxCalls: Double = 200_000_000) -> [String] {
    switch ScenarioLoader(maxCallsPerReplication: maxCalls).load(text: text, path: "inline.yaml", baseDirectory: "/tmp") {
    case .success: return []
    case .failure(let failure):
      return failure.diagnostics.filter { $0.severity == .error }.map { String($0.description.dropFirst("inline.yaml:".count)) }
    }
  }

  /// The inputs of issue #13 "Traps on validated input", each refused with
  /// its line and column instead of crashing later.
  @Test(arguments: [
    (scenario(apiCPS: "1e308"), "6:15: error: API 'cps': CPS must be a whole number from 1 to 10000"),
    (scenario(apiCPS: "1e-300"), "6:15: error: API 'cps': CPS must be a whole number from 1 to 10000"),
    (scenario(queueLimit: "1e308s"), "6:31: error: 'queue_limit' must be at most 3650d"),
    (scenario(tiers: "[1e-14]"), "9:9: error: tier: CPS must be a whole number"),
    (scenario(tiers: "[1e15]"), "9:9: error: tier: CPS must be a whole number"),
    (scenario(trunk: "{ name: t1, cps: 100000000000 }"), "7:29: error: trunk 'cps': CPS must be a whole number"),
    (scenario(horizon: "2e14d", arrivals: "rate: 0/s"), "4:12: error: 'horizon' must be at most 3650d"),
    (scenario(ring: "1e10s"), "12:13: error: a duration must be at most 3650d"),
    (scenario(arrivals: "every: 1e-300s"), "11:104: error: 'every' must be at least 0.000001s, one microsecond"),
    (scenario(arrivals: "rate: 1e308/s"), "11:103: error: 'rate' must be at most 1000000/s"),
    (scenario(duration: "lognormal(mean: 1s, sd: 1e300s)"), "error: lognormal parameter 'sd' must be at most 3650d"),
    (scenario(duration: "lognormal(mu: 5, sigma: 40)"), "error: lognormal(...) has a coefficient of variation"),
    (scenario(duration: "lognormal(mu: 50, sigma: 1)"), "error: lognormal(...) has a mean of"),
    (scenario(duration: "weibull(shape: 0.001, scale: 1m)"), "error: weibull parameter 'shape' must be from 0.1 to 1000"),
    (scenario(duration: "gamma(mean: 1m, cv: 1e-300)"), "error: gamma parameter 'cv' must be at least 0.001"),
    (scenario(duration: "gamma(shape: 1e9, scale: 1s)"), "error: gamma parameter 'shape' must be at most 1000000"),
    (scenario(duration: "exponential(mean: 1m, max: 1e12s)"), "error: 'max' must be at most 3650d"),
    (
      scenario(arrivals: "profile: { every: 1e-9s, rates: [1, 2] }"),
      "11:115: error: profile 'every' must be at least 0.000001s, one microsecond"
    ),
    (scenario(arrivals: "profile: { every: 1ms, rates: [1, 2] }"), "11:106: error: this profile has 3600000 segments"),
    (scenario(arrivals: "profile: [1e300]"), "11:107: error: a profile rate must be at most 1000000/s"),
    (scenario(arrivals: "burst: { at: 1e300s, count: 1 }"), "11:110: error: burst 'at'"),
  ])
  func trapInputsAreRefusedWithTheirPosition(text: String, expected: String) {
    let errors = Self.errors(text)
    #expect(errors.contains { $0.hasPrefix(expected) || (!expected.first!.isNumber && $0.contains(expected)) }, "\(errors)")
  }

  /// The largest values of each range still load.
  @Test func boundariesLoad() throws {
    let text = Self.scenario(
      horizon: "3650d", apiCPS: "10000", queueLimit: "3650d", trunk: "{ name: t1, cps: 10000, limiter: token-bucket, burst: 1000000 }",
      tiers: "[1, 10000]", arrivals: "rate: 0/s", ring: "0.000001s", duration: "lognormal(mean: 1s, sd: 1000s)",
      extra: "expect:\n  - { metric: queue_wait_max, scope: api, max: 1s, tier: 10000 }")
    let scenario = try ScenarioLoader().load(
      text: text.replacingOccurrences(of: "horizon: 3650d", with: "horizon: 3650d\n  resolution: 1d"), path: "inline.yaml",
      baseDirectory: "/tmp"
    ).get()
    #expect(scenario.simulation.horizonSeconds == InputLimits.maxSeconds)
    #expect(scenario.account.api.cps == 10_000)
    #expect(scenario.tiers == [1, 10_000])
    #expect(scenario.expectations.first?.tier == 10_000)
  }

  /// CPS values are whole numbers everywhere (#20); nothing is rounded.
  @Test(arguments: [
    (scenario(apiCPS: "1.5"), "6:15: error: API 'cps': CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 1.5"),
    (scenario(apiCPS: "10001"), "6:15: error: API 'cps': CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 10001"),
    (
      scenario(trunk: "{ name: t1, cps: 2.5, limiter: token-bucket }"),
      "7:29: error: trunk 'cps': CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 2.5"
    ),
    (scenario(tiers: "[1, 1.5, 2]"), "9:12: error: tier: CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 1.5"),
    (
      scenario(extra: "expect:\n  - { metric: queue_wait_max, scope: api, max: 1s, tier: 0.5 }"),
      "14:58: error: 'tier': CPS must be a whole number from 1 to 10000 (Twilio sells whole CPS), got 0.5"
    ),
  ])
  func cpsMustBeWhole(text: String, expected: String) {
    #expect(Self.errors(text) == [expected])
  }

  /// `seed` takes 0 through 2^63 - 1, as `--seed` does.
  @Test func seedRange() throws {
    let largest = try loadScenario(
      ScenarioLoaderTests.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: 1h\n  seed: 9223372036854775807"))
    #expect(largest.simulation.seed == UInt64(Int64.max))
    #expect(InputLimits.seeds.upperBound == UInt64(Int64.max))
    let errors = Self.errors(
      ScenarioLoaderTests.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: 1h\n  seed: 9223372036854775808"))
    #expect(errors.count == 1 && errors[0].contains("'seed'"))
  }

  /// A profile of many short segments with little traffic: whole periods
  /// are jumped over at once, and arrivals still fall only in segments
  /// whose rate is not zero.
  @Test func sparseProfilesJumpOverWholePeriods() {
    // 1 s at rate 0, then 1 s at 0.001/s, over 10^8 s: 5 * 10^7 periods,
    // about 5 * 10^4 arrivals.
    let profile = RateProfile(durations: [1, 1], ratesPerSecond: [0, 0.001])
    var source = ArrivalSource(.profile(profile), traffic: 0, horizon: 1e8)
    let stream = RandomStream(seed: StreamSeed(seed: 7, replication: 0, label: "sparse"))
    var count = 0
    var inEmptySegment = 0
    let started = Date()
    withExtendedLifetime(stream) {
      while let time = source.next(stream.source) {
        if Int(time.rounded(.down)) % 2 == 0 { inEmptySegment += 1 }
        count += 1
      }
    }
    #expect(inEmptySegment == 0)
    // Poisson(50,000): within 5 standard deviations (about 1,118).
    #expect(abs(count - 50_000) < 1_118)
    #expect(Date().timeIntervalSince(started) < 5)
  }

  /// The workload guard: memory and work proportional to limits are refused
  /// up front, with the estimate in the message.
  @Test func workloadGuardRefusesAbsurdMemoryAndWork() {
    let burst = Self.scenario(tiers: "[1]", arrivals: "burst: { at: 0s, count: 40000000 }")
    #expect(
      Self.errors(burst).contains {
        $0.contains("may hold about 40000000 calls or queued requests at once (about 3.2 GB per replication)")
      })
    let buckets = Self.scenario(horizon: "1000000s\n  resolution: 1s\n  replications: 200", tiers: "[1]", arrivals: "rate: 0/s")
    // 200 replications x 2 settings x (1,000,000 s + the drain) / 1 s.
    #expect(Self.errors(buckets).contains { $0.contains("time-series buckets (horizon / resolution x replications x (tiers + 1))") })
    #expect(Self.errors(buckets).contains { $0.contains("one replication's time series would have about") })
    let classes = (0..<2000).map {
      "  - { name: c\($0), type: inbound, to: 050-1234-5678, arrivals: { rate: 1/h }, duration: 1m }"
    }.joined(separator: "\n")
    let many = """
      callcap: 1
      name: t
      simulation: { horizon: 1h, replications: 1000 }
      numbers: [050-1234-5678]
      tiers: [1]
      traffic:
      \(classes)
      """
    #expect(Self.errors(many).contains { $0.contains("keeps about 4000000 per-class results") })
    let figures = Workload(try! loadScenario(Self.scenario(tiers: "[1, 2, 3]")))
    // [0, 1 h + the drain) at 1 min, 10 replications, 4 settings.
    #expect(figures.seriesBucketsPerReplication == ((3600 + figures.drainSeconds) / 60).rounded(.up))
    #expect(figures.seriesBuckets == figures.seriesBucketsPerReplication * 10 * 4)
    #expect(figures.classRecords == 40)
  }

  /// A retry storm is work: every refused attempt through a trunk with
  /// `retry` may be tried again up to `attempts` times, so `--max-calls`
  /// bounds the attempts, not only the calls (50/s at 1 CPS with 100
  /// retries 1 us apart made 98 attempts per call).
  @Test func retryAttemptsCountAgainstMaxCalls() throws {
    let text = """
      callcap: 1
      name: storm
      simulation: { horizon: 1h, replications: 1 }
      numbers: [050-1234-5678]
      account:
        trunks: [{ name: t, cps: 1, retry: { attempts: 100, delay: 0.000001s } }]
      traffic:
        - { name: a, type: outbound, via: trunk:t, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 50/s }, duration: 30s }
      """
    let figures = Workload(try! loadScenario(text))
    #expect(figures.callsPerReplication == 180_000)
    #expect(figures.attemptsPerReplication == 180_000 * 101)
    #expect(figures.problems(maxCalls: 1e6).contains { $0.contains("call attempts per replication") })
    #expect(figures.problems(maxCalls: 2e7).isEmpty)
  }

  /// Clock labels of any time, however large, never trap (the horizon of
  /// 2e14 days once crashed formatting the clock after the whole run).
  @Test func clockLabelsOfHugeTimes() {
    // fmod(1e20, 86400) = 35200 s exactly: 09:46:40.
    #expect(Quantity.clock(1e20) == "09:46:40")
    #expect(Quantity.clock(.infinity) == "00:00")
    #expect(Quantity.clock(-3600) == "23:00")
  }

  /// A small file repeating a long string through aliases is refused
  /// quickly instead of being expanded.
  @Test func aliasAmplificationOfLongStrings() {
    let long = String(repeating: "x", count: 1_000_000)
    let aliases = Array(repeating: "*d", count: 20_000).joined(separator: ", ")
    let text = """
      callcap: 1
      name: t
      description: &d \(long)
      simulation: { horizon: 1h }
      numbers: [\(aliases)]
      traffic:
        - { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/h }, duration: 1m }
      """
    let started = Date()
    let errors = Self.errors(text)
    #expect(Date().timeIntervalSince(started) < 10)
    #expect(errors.contains { $0.contains("expands to more than twice its own size of text") })
    #expect(errors.allSatisfy { $0.count < 1200 })
  }

  @Test func duplicateKeyHasAPositionAndDoesNotEchoTheFile() {
    let filler = String(repeating: "# filler\n", count: 10_000)
    let errors = Self.errors("callcap: 1\nname: t\nname: u\n" + filler + "simulation: { horizon: 1h }\n")
    #expect(errors == ["2:1: error: duplicate key 'name' in a mapping (each key may appear once)"])
  }

  @Test func sharesThatMissOneHundredPercentShowTheirDigits() {
    let text = ScenarioLoaderTests.minimal.replacingOccurrences(
      of: "to: 050-1234-5678,", with: "to: 050-1234-5678, from: { mobile: 50.00000005%, geographic: 50.0000001% },")
    #expect(Self.errors(text).contains { $0.hasSuffix("add up to 100.00000015%, not 100%") })
  }

  /// A bare share in an objective or expectation keeps meaning a fraction,
  /// with a warning showing both readings (#20).
  @Test func bareLimitSharesWarn() throws {
    let scenario = try loadScenario(
      ScenarioLoaderTests.minimal
        + "\nobjectives: { rejected: 0.5, threshold_headroom: 10%, suspension_risk: 0.02 }\nexpect:\n  - { metric: rejected_rate, scope: total, max: 0.01 }"
    )
    #expect(scenario.objectives.rejectedShare == 0.5)
    let warnings = scenario.warnings.map(\.message)
    #expect(warnings.contains("'rejected: 0.5' reads as 50%; write 50% or 0.5% to be explicit"))
    #expect(warnings.contains("'max: 0.01' reads as 1%; write 1% or 0.01% to be explicit"))
    #expect(warnings.contains("'suspension_risk: 0.02' reads as 2%; write 2% or 0.02% to be explicit"))
    #expect(scenario.objectives.suspensionRisk == 0.02)
    #expect(!warnings.contains { $0.contains("threshold_headroom") })
  }

  /// A forward class whose caller ID (the number called, with
  /// `caller_id: account`) cannot reach `forward_to` is an error, as for
  /// outbound classes (#20).
  @Test func forwardTargetUnreachableFromTheCallerID() {
    let text = """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      traffic:
        - { name: f, type: forward, to: 050-1234-5678, forward_to: 0120-123-456, caller_id: account, arrivals: { rate: 1/h },
            duration: 1m }
      """
    #expect(
      Self.errors(text) == [
        "6:62: error: '0120-123-456' cannot be reached from the caller ID 050-1234-5678 (caller_id: account shows the number called): toll-free numbers cannot be reached from 050 numbers"
      ])
  }
}

/// Data files and scenario files: CSV rules, and special files refused
/// before anything is read.
@Suite struct InputFileTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("callcap-input-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func scenario(duration: String, arrivals: String = "rate: 1/h") -> String {
    """
    callcap: 1
    name: t
    simulation: { horizon: 2h }
    numbers: [050-1234-5678]
    traffic:
      - { name: a, type: inbound, to: 050-1234-5678, arrivals: { \(arrivals) }, duration: \(duration) }
    """
  }

  @Test func crlfDataFilesWork() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("seconds\r\n90\r\n\"120\"\r\n2m\r\n".utf8).write(to: folder.appendingPathComponent("s.csv"))
    try Data("time,rate\r\n0,60\r\n1h,120/h\r\n".utf8).write(to: folder.appendingPathComponent("p.csv"))
    let scenario = try ScenarioLoader().load(
      text: Self.scenario(duration: "empirical(file: s.csv)", arrivals: "profile: { file: p.csv }"), path: "x.yaml",
      baseDirectory: folder.path
    ).get()
    #expect(scenario.traffic[0].duration.shape == .empirical(file: "s.csv", samples: [90, 120, 120]))
    #expect(
      scenario.traffic[0].arrivals == [.profile(RateProfile(durations: [3600, .infinity], ratesPerSecond: [60 / 3600, 120 / 3600]))])
  }

  @Test func anEmpiricalLineWithTwoFieldsIsAnError() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data("10,20\n".utf8).write(to: folder.appendingPathComponent("s.csv"))
    let result = ScenarioLoader().load(text: Self.scenario(duration: "empirical(file: s.csv)"), path: "x.yaml", baseDirectory: folder.path)
    guard case .failure(let failure) = result else {
      Issue.record("accepted '10,20'")
      return
    }
    #expect(failure.diagnostics.map(\.message) == ["s.csv line 1: expected one duration per line, got 2 fields ('10,20')"])
  }

  @Test func specialFilesAreRefusedWithoutReading() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let loop = folder.appendingPathComponent("loop").path
    let other = folder.appendingPathComponent("other").path
    try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: other)
    try FileManager.default.createSymbolicLink(atPath: other, withDestinationPath: loop)
    let cases: [(String, String)] = [
      (fifo, "it is a FIFO (named pipe), not a regular file"),
      ("/dev/zero", "it is a character device, not a regular file"),
      (loop, "too many levels of symbolic links (a symlink loop?)"),
      (folder.path, "it is a directory, not a regular file"),
      (folder.appendingPathComponent("absent.yaml").path, "no such file"),
    ]
    for (path, reason) in cases {
      guard case .failure(.unreadable(_, let message)) = ScenarioLoader().load(path: path) else {
        Issue.record("\(path) was not refused as unreadable")
        continue
      }
      #expect(message == "cannot open '\(path)': \(reason)")
    }
    // The same for a data file named by a scenario.
    let result = ScenarioLoader().load(text: Self.scenario(duration: "empirical(file: fifo)"), path: "x.yaml", baseDirectory: folder.path)
    #expect(
      result.failure?.diagnostics.map(\.message) == [
        "cannot read samples file 'fifo' (looked in \(fifo)): it is a FIFO (named pipe), not a regular file"
      ])
  }
}

extension Result {
  fileprivate var failure: Failure? {
    if case .failure(let failure) = self { return failure }
    return nil
  }
}

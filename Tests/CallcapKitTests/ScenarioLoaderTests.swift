import Foundation
import Testing
import Yams

@testable import CallcapKit

@Suite struct InvalidCorpusTests {
  static let files: [String] = {
    let names = try? FileManager.default.contentsOfDirectory(atPath: Fixtures.url("invalid").path)
    return (names ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
  }()

  /// Special files that cannot carry their expectation in a comment.
  static let fixedExpectations: [String: [String]] = [
    "empty.yaml": ["1:1: error: the file is empty; a scenario starts with 'callcap: 1'"],
    "binary.yaml": ["error: the file is binary (it contains NUL bytes), not a YAML scenario"],
  ]

  @Test func corpusIsLargeEnough() {
    #expect(Self.files.count >= 20)
  }

  /// Each file lists its exact diagnostics in `# expect:` lines (line
  /// numbers count the comment lines too); the loader must report exactly
  /// those, and nothing else.
  @Test(arguments: files)
  func reportsExactDiagnostics(file: String) throws {
    let url = Fixtures.url("invalid/\(file)")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    let expected =
      Self.fixedExpectations[file]
      ?? text.split(separator: "\n").filter { $0.hasPrefix("# expect: ") }.map { String($0.dropFirst(10)) }
    #expect(!expected.isEmpty, "fixture \(file) states no expectation")
    let result = ScenarioLoader().load(path: url.path)
    guard case .failure(.invalid(let diagnostics)) = result else {
      Issue.record("\(file) was not reported invalid")
      return
    }
    let actual = diagnostics.filter { $0.severity == .error }.map { diagnostic in
      let text = diagnostic.description
      return String(text.dropFirst(url.path.count + 1)).trimmingCharacters(in: .whitespaces)
    }
    #expect(actual.sorted() == expected.sorted(), "\(file)")
  }
}

@Suite struct ScenarioLoaderTests {
  static let minimal = """
    callcap: 1
    name: t
    simulation:
      horizon: 1h
    numbers: [050-1234-5678]
    traffic:
      - { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }
    """

  @Test func examplesValidate() throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.scenarios.path).filter { $0.hasSuffix(".yaml") }
    #expect(!names.isEmpty)
    for name in names {
      let result = ScenarioLoader().load(path: Fixtures.scenarios.appendingPathComponent(name).path)
      if case .failure(let failure) = result {
        Issue.record("\(name): \(failure.diagnostics.map(\.description).joined(separator: "\n"))")
      }
    }
  }

  @Test func defaultsFollowPlatformRules() throws {
    let scenario = try loadScenario(Self.minimal)
    #expect(scenario.simulation.replications == 10)
    #expect(scenario.simulation.seed == 1)
    // No resolution: 1 m, the finest default (an hour is well under 1,000-2,000 of them).
    #expect(scenario.simulation.resolutionSeconds == 60)
    #expect(scenario.account.profile == .business)
    #expect(scenario.account.api.cps == 1)
    #expect(scenario.account.api.pacing == .smooth)
    #expect(scenario.account.api.queueLimitSeconds == 86_400)
    #expect(scenario.account.thresholds == Thresholds(inbound: 100, outbound: 100, forwarded: 50))
    #expect(scenario.account.countRinging)
    #expect(scenario.account.maxCallLengthSeconds == 14_400)
    let expected: [ArrivalSpec] = [.poisson(perSecond: 60.0 / 3600)]
    #expect(scenario.traffic[0].arrivals == expected)
    #expect(scenario.traffic[0].duration == DistributionSpec(.constant(seconds: 120)))
  }

  /// Without `resolution`, the bucket width suits the horizon less the
  /// warm-up; an explicit one is honoured whatever the horizon.
  @Test func defaultResolutionSuitsTheHorizon() throws {
    let cases: [(horizon: String, expected: Double)] = [
      ("20m", 60), ("1h", 60), ("8h", 60), ("24h", 60), ("2d", 60), ("7d", 300), ("30d", 3600), ("12500000s", 3600), ("3650d", 86_400),
    ]
    for (horizon, expected) in cases {
      let scenario = try loadScenario(Self.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: \(horizon)"))
      #expect(scenario.simulation.resolutionSeconds == expected, "horizon \(horizon)")
      #expect(scenario.warnings.isEmpty, "horizon \(horizon)")
    }
    let warm = try loadScenario(Self.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: 25h\n  warmup: 1h"))
    #expect(warm.simulation.resolutionSeconds == 60)
    let explicit = try loadScenario(Self.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: 12500000s\n  resolution: 1m"))
    #expect(explicit.simulation.resolutionSeconds == 60)
    for span in stride(from: 1.0, through: 3650 * 86_400, by: 997_331) {
      let buckets = span / SimulationSettings.defaultResolution(span: span)
      #expect(buckets <= 7000, "span \(span)")
    }
  }

  @Test func distributionsInBlockAndFlowContext() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1234-5678]
      account:
        trunks:
          - name: pbx
            retry: { attempts: 2, delay: "exponential(mean: 5s, max: 30s)" }
          - { name: pbx2, retry: { attempts: 1, delay: uniform(min: 1s, max: 3s) } }
      traffic:
        - name: a
          type: outbound
          via: trunk:pbx
          arrivals: [ { rate: 1/s }, { burst: { at: 30m, count: 10, spread: 1m } } ]
          ring: uniform(min: 5s, max: 25s)   # a comment, with (parentheses: here)
          duration: lognormal(mean: 4m, sd: 6m, max: 1h)
      """)
    #expect(scenario.account.trunks[0].retry?.delay == DistributionSpec(.exponential(mean: 5), cap: 30))
    #expect(scenario.account.trunks[1].retry?.delay == DistributionSpec(.uniform(min: 1, max: 3)))
    #expect(scenario.traffic[0].gate == .trunk("pbx"))
    #expect(scenario.traffic[0].ring == DistributionSpec(.uniform(min: 5, max: 25)))
    #expect(scenario.traffic[0].duration == DistributionSpec(.lognormalMeanSD(mean: 240, sd: 360), cap: 3600))
    let expected: [ArrivalSpec] = [.poisson(perSecond: 1), .burst(atSeconds: 1800, count: 10, spreadSeconds: 60)]
    #expect(scenario.traffic[0].arrivals == expected)
  }

  @Test func burstClockTimesAreRelativeToStart() throws {
    let scenario = try loadScenario(
      Self.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: 1d\n  start: \"08:00\"")
        .replacingOccurrences(
          of: "{ rate: 60/h }", with: "[ { burst: { at: \"10:00\", count: 5 } }, { burst: { at: \"07:00\", count: 1 } } ]"))
    let expected: [ArrivalSpec] = [
      .burst(atSeconds: 7200, count: 5, spreadSeconds: 0), .burst(atSeconds: 82_800, count: 1, spreadSeconds: 0),
    ]
    #expect(scenario.traffic[0].arrivals == expected)
  }

  @Test func profilesAndWarnings() throws {
    let text = Self.minimal.replacingOccurrences(of: "horizon: 1h", with: "horizon: 2d")
      .replacingOccurrences(of: "{ rate: 60/h }", with: "{ profile: { every: 15m, rates: [60, 2/min, 0, 120/h] } }")
    let scenario = try loadScenario(text)
    guard case .profile(let profile) = scenario.traffic[0].arrivals[0] else {
      Issue.record("not a profile")
      return
    }
    #expect(profile.durations == [900, 900, 900, 900])
    let expectedRates: [Double] = [60.0 / 3600, 2.0 / 60, 0, 120.0 / 3600]
    #expect(profile.ratesPerSecond == expectedRates)
    #expect(diagnostics(text).contains { $0.contains("warning: the profile covers 1h but the horizon is 2d; it repeats") })
  }

  @Test func reportsAllProblemsAtOnceInSourceOrder() {
    let found = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h, seed: -1 }
      numbers: [050-1234-5678]
      traffic:
        - { name: a, type: inbund, arrivals: { rate: 1/h }, duration: 1m }
        - { name: b, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/h }, duration: 1x }
      """)
    #expect(found.count == 3)
    #expect(found[0].hasPrefix("3:34: error: 'seed' must be at least 0"))
    #expect(
      found[1].hasPrefix("6:22: error: traffic 'type' must be one of inbound, outbound, forward, got 'inbund' (did you mean 'inbound'?)"))
    #expect(
      found[2].hasPrefix("7:86: error: expected a duration or a distribution such as exponential(mean: 90s): unknown duration unit 'x'"))
  }

  /// Aliases share nodes, so a "billion laughs" file composes in little
  /// memory; the loader must then stop at the first shape error rather than
  /// walk the expansion.
  @Test func aliasBombIsRefusedQuickly() {
    var text = "callcap: 1\nname: t\nsimulation: { horizon: 1h }\nnumbers: [050-1234-5678]\n"
    text += "a0: &a0 [ { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 1/h }, duration: 1m } ]\n"
    for level in 1...8 {
      text += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
    }
    text += "traffic: *a8\n"
    let found = diagnostics(text)
    #expect(found.contains { $0.hasSuffix("error: expected a mapping for a traffic class, got a list") })
    #expect(found.count < 20)
  }

  @Test func budgetStopsHugeExpansions() {
    var reader = YAMLReader(file: "x.yaml", nodeBudget: 3)
    let node = Yams.Node("a")
    let visits = (0..<4).map { _ in reader.visit(node) }
    #expect(visits == [true, true, true, false])
    #expect(reader.bag.hasErrors)
  }

  @Test func deepNestingIsRefused() {
    let text = "callcap: 1\nname: t\nx: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
    #expect(diagnostics(text) == ["3:68: error: collections are nested more than 64 deep; a scenario never needs that"])
  }

  @Test func forwardingCallerIDToSipIsAllowed() throws {
    let scenario = try loadScenario(
      Self.minimal.replacingOccurrences(
        of: "{ name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }",
        with:
          "{ name: a, type: forward, to: 050-1234-5678, forward_to: \"sip:ops@example.com\", caller_id: caller, arrivals: { rate: 60/h }, duration: 2m }"
      ))
    #expect(scenario.traffic[0].callerID == .caller)
    #expect(scenario.traffic[0].forwardTo == "sip:ops@example.com")
  }
}

/// Issue #21: one mistake gives one diagnostic, not its consequences too.
@Suite struct RootCauseTests {
  /// A malformed account number is reported; the traffic class that uses
  /// it is not also told that "the scenario lists no 'numbers'".
  @Test func malformedNumberIsTheOnlyError() {
    let problems = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1234-56x8]
      traffic:
        - { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }
      """)
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.hasPrefix("4:11: error: ") == true && problems.first?.contains("56x8") == true, "\(problems)")
    #expect(!problems.contains { $0.contains("lists no 'numbers'") || $0.contains("not one of the account's numbers") })
  }

  /// With another number held, the message would list the held ones; the
  /// malformed one is still the only error.
  @Test func malformedSecondNumberIsTheOnlyError() {
    let problems = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1111-2222, 050-1234-56x8]
      traffic:
        - { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }
      """)
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.hasPrefix("4:26: error: ") == true && problems.first?.contains("56x8") == true, "\(problems)")
  }

  /// A number the account does not hold is still reported when `numbers` is fine.
  @Test func numberNotHeldIsStillReported() {
    let problems = diagnostics(
      """
      callcap: 1
      name: t
      simulation: { horizon: 1h }
      numbers: [050-1111-2222]
      traffic:
        - { name: a, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }
      """)
    #expect(problems == ["6:35: error: 'to' of inbound traffic '050-1234-5678' is not one of the account's numbers (050-1111-2222)"])
  }

  static let badDuration = """
    callcap: 1
    name: t
    simulation: { horizon: 1h }
    numbers: [050-1234-5678]
    traffic:
      - { name: calls, type: outbound, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 60/h }, duration: 2x }
    objectives: { traffic:calls: { rejected: 1% } }
    expect:
      - { metric: queue_wait_p95, scope: api, max: 30s }
      - { metric: rejected_rate, scope: api, max: 1% }
      - { metric: rejected_rate, scope: traffic:calls, max: 1% }
    """

  /// A bad duration drops its class; expectations and objectives naming
  /// the class or its gate are not also reported.
  @Test func badDurationIsTheOnlyError() {
    let problems = diagnostics(Self.badDuration)
    #expect(problems.count == 1, "\(problems)")
    #expect(problems.first?.contains("unknown duration unit 'x'") == true, "\(problems)")
    #expect(!problems.contains { $0.contains("measures nothing") || $0.contains("unknown key") || $0.contains("unknown scope") })
  }

  /// Without the bad duration, the same expectations load, so the test
  /// above shows that only the follow-on errors went away.
  @Test func sameScenarioLoadsWhenTheDurationIsFixed() throws {
    let scenario = try loadScenario(Self.badDuration.replacingOccurrences(of: "duration: 2x", with: "duration: 2m"))
    #expect(scenario.expectations.count == 3)
    #expect(scenario.objectives.traffic.count == 1)
  }

  /// A scope that names no class is still an error when every class loaded.
  @Test func unknownScopeIsStillReported() {
    let text = Self.badDuration.replacingOccurrences(of: "duration: 2x", with: "duration: 2m")
      .replacingOccurrences(of: "scope: traffic:calls", with: "scope: traffic:cals")
    let problems = diagnostics(text)
    #expect(problems.count == 1 && problems[0].contains("unknown scope 'traffic:cals'"), "\(problems)")
  }
}

/// One `expect:` entry evaluated on simulated results.
public struct ExpectationResult: Sendable {
  public var expectation: Expectation
  public var summary: Summary
  /// The value compared with the limits: the mean, or with `strict` the
  /// end of the confidence interval nearer to failing.
  public var compared: Double
  public var passed: Bool

  /// `queue_wait_p95 api at 2 CPS`.
  public var name: String {
    var text = "\(expectation.metric.rawValue) \(expectation.scope)"
    if let tier = expectation.tier { text += " at \(Quantity.shortest(tier)) CPS" }
    return text
  }

  /// `<= 20m`, `>= 2500`, `between 10 and 20`.
  public var limitText: String {
    let unit = expectation.metric.unit
    switch (expectation.min, expectation.max) {
    case (let low?, let high?):
      return "between \(MarkdownReport.number(low, unit)) and \(MarkdownReport.number(high, unit))"
    case (let low?, nil): return ">= \(MarkdownReport.number(low, unit))"
    case (nil, let high?): return "<= \(MarkdownReport.number(high, unit))"
    case (nil, nil): return "no limit"
    }
  }

  /// The measured value with its interval: `1109 s (1100 s to 1118 s)`.
  public var measuredText: String {
    MarkdownReport.describe(summary, expectation.metric.unit)
  }
}

/// The expectations of one scenario, checked.
public struct ScenarioCheck: Sendable {
  public let scenario: Scenario
  public let results: [ExpectationResult]
  public let strict: Bool

  public var passed: Bool { results.allSatisfy(\.passed) }
  public var failures: Int { results.count { !$0.passed } }

  /// The CPS settings the expectations need: the configured one (nil)
  /// and each `tier:` named, in order of first use.
  public static func tiersNeeded(_ scenario: Scenario) -> [Double?] {
    var tiers: [Double?] = [nil]
    for expectation in scenario.expectations where !tiers.contains(expectation.tier) {
      tiers.append(expectation.tier)
    }
    return tiers
  }

  /// Simulates what the expectations need (the configured CPS and each
  /// tier they name, with common random numbers) and checks them.
  public static func run(_ scenario: Scenario, strict: Bool, simulator: Simulator) -> ScenarioCheck {
    let models = tiersNeeded(scenario).map { tier in (SimulationModel(scenario, tier: tier), tier) }
    let runs = simulator.runAll(models, replications: scenario.simulation.replications)
    return ScenarioCheck(scenario: scenario, runs: runs, strict: strict)
  }

  /// Checks the expectations on `runs` (one per CPS setting, `tier` nil for the configured one).
  public init(scenario: Scenario, runs: [RunResult], strict: Bool) {
    self.scenario = scenario
    self.strict = strict
    results = scenario.expectations.compactMap { expectation in
      // The loader admits only metrics measured for the scope, so the row exists.
      guard let run = runs.first(where: { $0.tier == expectation.tier }),
        let row = run.row(expectation.scope, expectation.metric)
      else { return nil }
      let summary = row.summary
      var passed = true
      var compared = summary.mean
      if let high = expectation.max {
        let value = strict ? (summary.high ?? summary.mean) : summary.mean
        if value > high { passed = false }
        compared = value
      }
      if let low = expectation.min {
        let value = strict ? (summary.low ?? summary.mean) : summary.mean
        if value < low {
          passed = false
          compared = value
        }
      }
      return ExpectationResult(expectation: expectation, summary: summary, compared: compared, passed: passed)
    }
  }

  /// One line per expectation: `PASS reminder-campaign: queue_wait_p95 api at 2 CPS = 1109 s (1100 s to 1118 s); limit <= 1200 s`.
  public var lines: [String] {
    results.map { result in
      let verdict = result.passed ? "PASS" : "FAIL"
      var line = "\(verdict) \(scenario.name): \(result.name) = \(result.measuredText); limit \(result.limitText)"
      if strict && result.summary.halfWidth != nil {
        line += " (strict: compared \(MarkdownReport.number(result.compared, result.expectation.metric.unit)))"
      }
      if let location = result.expectation.location { line += " [\(scenario.path):\(location.line)]" }
      return line
    }
  }
}

/// One `expect:` entry evaluated on simulated results.
public struct ExpectationResult: Sendable {
  public var expectation: Expectation
  public var summary: Summary
  /// The interval `strict` judges on, as `plan` judges objectives: the
  /// 95% Student t interval clamped to the quantity's range, or for a
  /// share of replications (`threshold_breach_share`) the one-sided 95%
  /// Clopper-Pearson bounds, as for the suspension risk.
  public var interval: ClosedRange<Double>?
  /// The value compared with the limits: the mean, or with `strict` the
  /// end of the confidence interval nearer to failing.
  public var compared: Double
  /// With `strict`: `meets` when the interval lies on the right side of
  /// every limit, `fails` when it lies on the wrong side of one, otherwise
  /// `undecided` (which does not pass). Without: from the mean alone.
  public var outcome: ObjectiveOutcome
  public var passed: Bool { outcome == .meets }

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
      return "between \(MetricText.number(low, unit)) and \(MetricText.number(high, unit))"
    case (let low?, nil): return ">= \(MetricText.number(low, unit))"
    case (nil, let high?): return "<= \(MetricText.number(high, unit))"
    case (nil, nil): return "no limit"
    }
  }

  /// The measured value with its interval: `1109 s (1100 s to 1118 s)`,
  /// or `0 of 20 replications, 95% upper bound 13.9%`.
  public var measuredText: String {
    MetricText.describe(summary, expectation.metric)
  }
}

extension ExpectationResult {
  /// Checks `expectation` on `summary`. By default the mean is compared;
  /// `strict` uses the confident comparison of `plan` (one look at 95%,
  /// ``ObjectiveOutcome/judge(interval:identical:replications:atMost:atLeast:level:)``):
  /// pass only when the 95% interval lies at or below `max` and at or
  /// above `min` (without an interval, with one replication, it cannot
  /// pass; with every replication alike, only from 59 replications).
  public init(expectation: Expectation, summary: Summary, strict: Bool) {
    self.expectation = expectation
    self.summary = summary
    if expectation.metric.isShareOfReplications {
      let events = summary.replicationsWithEvent
      interval = events.trials > 0 ? events.oneSidedLower95...events.oneSidedUpper95 : nil
    } else {
      interval = summary.interval(expectation.metric.unit)
    }
    compared = summary.mean
    guard strict else {
      let above = expectation.max.map { summary.mean > $0 } ?? false
      let below = expectation.min.map { summary.mean < $0 } ?? false
      outcome = above || below ? .fails : .meets
      return
    }
    outcome = ObjectiveOutcome.judge(
      interval: interval, identical: expectation.metric.isShareOfReplications ? nil : summary.identicalValue,
      replications: summary.count, atMost: expectation.max, atLeast: expectation.min, level: .single)
    // The end of the interval nearer to failing: the upper one against a
    // maximum, the lower one against a minimum that is not met.
    if let interval {
      if expectation.max != nil { compared = interval.upperBound }
      if let low = expectation.min, interval.lowerBound < low { compared = interval.lowerBound }
    }
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

  /// An expectation's `tier:` as a setting: that CPS on the API gate and
  /// on every trunk (the pool keeps its configured CPS).
  public static func setting(_ tier: Double?, in scenario: Scenario) -> GateSetting? {
    tier.map { GateSetting.uniform($0, gates: [.api] + scenario.account.trunks.map { .trunk($0.name) }) }
  }

  /// The models the expectations need, with their settings.
  public static func models(_ scenario: Scenario) -> [(SimulationModel, GateSetting?)] {
    tiersNeeded(scenario).map { tier in
      let setting = Self.setting(tier, in: scenario)
      return (SimulationModel(scenario, cps: setting?.overrides ?? [:]), setting)
    }
  }

  /// Simulates what the expectations need (the configured CPS and each
  /// tier they name, with common random numbers) and checks them.
  public static func run(_ scenario: Scenario, strict: Bool, simulator: Simulator) -> ScenarioCheck {
    let runs = simulator.runAll(models(scenario), replications: scenario.simulation.replications)
    return ScenarioCheck(scenario: scenario, runs: runs, strict: strict)
  }

  /// Checks the expectations on `runs` (one per CPS setting, `tier` nil for the configured one).
  public init(scenario: Scenario, runs: [RunResult], strict: Bool) {
    self.scenario = scenario
    self.strict = strict
    results = scenario.expectations.compactMap { expectation in
      // The loader admits only metrics measured for the scope, so the row exists.
      guard let run = runs.first(where: { $0.setting == Self.setting(expectation.tier, in: scenario) }),
        let row = run.row(expectation.scope, expectation.metric)
      else { return nil }
      return ExpectationResult(expectation: expectation, summary: row.summary, strict: strict)
    }
  }

  /// One line per expectation: `PASS reminder-campaign: queue_wait_p95 api at 2 CPS = 18.5 min (18.3 to 18.6 min); limit <= 20 min`.
  public var lines: [String] {
    results.map { result in
      let verdict = result.passed ? "PASS" : "FAIL"
      var line = "\(verdict) \(scenario.name): \(result.name) = \(result.measuredText); limit \(result.limitText)"
      if strict {
        switch (result.interval, result.outcome) {
        case (nil, _): line += " (strict: no 95% interval from a single replication)"
        case (_, .undecided): line += " (strict: undecided, the 95% interval contains the limit)"
        default: line += " (strict: compared \(MetricText.number(result.compared, result.expectation.metric.unit)))"
        }
      }
      if let location = result.expectation.location { line += " [\(scenario.path):\(location.line)]" }
      return line
    }
  }
}

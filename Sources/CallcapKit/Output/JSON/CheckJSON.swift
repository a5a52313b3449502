extension ScenarioCheck {
  /// The scenario in `check --json` (see ``OutputDocument``): the verdict
  /// over its `expect:` entries (`meets` when every one holds, `fails`
  /// when one fails, `undecided` when, with `--strict`, one is not settled)
  /// and `expectations`, each with the measured mean, its 95% interval
  /// `[low, high]`, the figure compared (the mean, or with `--strict` the
  /// interval's bound), `min`/`max`, the CPS `tier` it applies to and its
  /// `outcome`. `check` keeps no per-setting results, so `runs` is empty.
  public var jsonScenario: JSONValue {
    [
      "name": .string(scenario.name),
      "file": .string(scenario.path),
      "verdict": OutputVerdict.make(status: OutputVerdict.status(ObjectiveOutcome.combined(results.map(\.outcome)))),
      "runs": [],
      "strict": .bool(strict),
      "expectations": .array(
        results.map { result in
          [
            "metric": .string(result.expectation.metric.rawValue),
            "scope": .string(result.expectation.scope.description),
            "unit": .string(result.expectation.metric.unit.rawValue),
            "tier": .number(result.expectation.tier),
            "min": .number(result.expectation.min),
            "max": .number(result.expectation.max),
            "value": .number(result.summary.mean),
            "interval": [.number(result.interval?.lowerBound), .number(result.interval?.upperBound)],
            "compared": .number(result.compared),
            "replications": .integer(result.summary.count),
            "outcome": .string(result.outcome.rawValue),
            "line": .integer(result.expectation.location?.line),
          ]
        }),
    ]
  }
}

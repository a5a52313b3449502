extension ComparisonReport {
  /// The compared scenarios in `compare --json` (see ``OutputDocument``),
  /// baseline first: each with its run at the configured CPS and verdict,
  /// as `run` gives them, `baseline` (true for the first), and
  /// `differences`: per metric the difference of its mean to the
  /// baseline's with a 95% interval, whether it is significant and whether
  /// it is paired by common random numbers (empty for the baseline).
  public var jsonScenarios: [JSONValue] {
    comparison.scenarios.enumerated().map { index, scenario in
      let outcome = TierOutcome(setting: nil, run: comparison.runs[index], scenario: scenario)
      let differences: [JSONValue] = comparison.rows.compactMap { row in
        guard let difference = row.differences[index] else { return nil }
        return [
          "scope": .string(row.scope.description), "metric": .string(row.metric.rawValue),
          "mean": .number(difference.mean), "ci95_low": .number(difference.low), "ci95_high": .number(difference.high),
          "significant": .bool(difference.isSignificant), "paired": .bool(difference.paired),
        ]
      }
      return [
        "name": .string(scenario.name),
        "file": .string(scenario.path),
        "baseline": .bool(index == 0),
        "verdict": OutputVerdict.make(status: OutputVerdict.status(outcome.decision), objectives: outcome.checks),
        "runs": [OutputRun.make(outcome, scenario: scenario)],
        "differences": .array(differences),
      ]
    }
  }
}

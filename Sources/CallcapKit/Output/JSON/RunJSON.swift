extension RunReport {
  /// The scenario in `run --json` (see ``OutputDocument``): one run, the
  /// configured CPS, judged against the scenario's objectives at its
  /// replication count (one look at 95%); the verdict is that run's
  /// decision (`meets`, `fails` or `undecided`; `meets` without objectives).
  public var jsonScenario: JSONValue {
    let outcome = TierOutcome(setting: nil, run: result, scenario: scenario)
    return [
      "name": .string(scenario.name),
      "file": .string(scenario.path),
      "verdict": OutputVerdict.make(status: OutputVerdict.status(outcome.decision), objectives: outcome.checks),
      "runs": [OutputRun.make(outcome, scenario: scenario)],
    ]
  }
}

extension FitRecords {
  /// The fitted scenario in `fit --json` (see ``OutputDocument``): fitting
  /// judges no objective (`not_judged`); `runs` has the fitted scenario's
  /// simulated day at its configured CPS, and `peaks` the observed peak per
  /// category (of the busiest day or the mean of the daily peaks, `day`)
  /// beside the simulated mean, min and max.
  public static func jsonScenario(scenario: Scenario, file: String, day: FitDay, rows: [PeakComparison], simulated: RunResult)
    -> JSONValue
  {
    [
      "name": .string(scenario.name),
      "file": .string(file),
      "verdict": OutputVerdict.make(status: .notJudged),
      "runs": [OutputRun.make(TierOutcome(setting: nil, run: simulated, scenario: scenario), scenario: scenario)],
      "day": .string(day.rawValue),
      "peaks": .array(
        rows.map { row in
          [
            "category": .string(row.category), "observed": .number(row.observed), "simulated_mean": .number(row.simulatedMean),
            "simulated_min": .number(row.simulatedMin), "simulated_max": .number(row.simulatedMax),
          ]
        }),
    ]
  }
}

extension CSVWriter {
  /// `staffing.csv` (a `plan` of a scenario with agent pools and pool
  /// objectives): the staffing curve as tidy rows, one per pool and
  /// staffing tried, in increasing staffing.
  ///
  /// `agents` is the constant count, or for a pool with shifts the most
  /// agents on duty in any interval; `shift_offset` is the change from the
  /// configured shifts in every interval (empty for a constant count);
  /// `agents_min`/`agents_max` the fewest and most on duty. The figures are
  /// means over `replications`; `peak` is the callers' `category` peak,
  /// `reaching_threshold` and `within_headroom` count the replications
  /// whose peak reached `threshold` and `threshold_limit` (the threshold
  /// less the headroom). `outcome` is `meets`, `fails` or `undecided` over
  /// the pool's objectives, one column each (empty when not set);
  /// `recommended` is true on the row `plan` recommends.
  public static func staffing(scenario: String, plans: [StaffingPlan]) -> String {
    var text = line([
      "scenario", "pool", "category", "agents", "shift_offset", "agents_min", "agents_max", "service_level", "abandon_rate",
      "answer_wait_p95_s", "peak", "threshold", "threshold_limit", "reaching_threshold", "within_headroom", "replications",
      "outcome", "service_level_outcome", "abandoned_outcome", "answer_wait_p95_outcome", "recommended",
    ])
    for plan in plans {
      let recommended = plan.recommendedRow
      for row in plan.rows {
        func mean(_ summary: Summary?) -> String { summary.map { Format.csv($0.mean) } ?? "" }
        func outcome(_ key: String) -> String { row.checks.first { $0.key == key }?.outcome.rawValue ?? "" }
        let counts = row.counts ?? [row.agents]
        text += line([
          scenario, plan.pool, plan.category.rawValue, String(row.agents), row.offset.map(String.init) ?? "",
          String(counts.min() ?? 0), String(counts.max() ?? 0), mean(row.serviceLevel), mean(row.abandonRate),
          mean(row.answerWaitP95), mean(row.peak), plan.threshold.map(String.init) ?? "", plan.limit.map(Format.csv) ?? "",
          row.reachedThreshold.map { String($0.events) } ?? "", row.reachedLimit.map { String($0.events) } ?? "",
          String(row.peak?.count ?? 0), row.outcome.rawValue, outcome("service_level"), outcome("abandoned"),
          outcome("answer_wait_p95"), recommended?.agents == row.agents && recommended?.offset == row.offset ? "true" : "false",
        ])
      }
    }
    return text
  }
}

/// The CSV files of a report, as text. Pure functions of the results.
public enum CSVWriter {
  static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\n"
  }

  /// The tier column: the CPS simulated, or `configured`.
  static func tierLabel(_ tier: Double?) -> String {
    tier.map(Quantity.shortest) ?? "configured"
  }

  /// `summary.csv`: one row per (tier, scope, metric). The interval is the
  /// 95% t interval clamped to the quantity's range, or for a share of
  /// replications (`threshold_breach_share`) the exact Clopper-Pearson
  /// interval (``Summary/interval95(_:)``), as in report.md.
  public static func summary(scenario: String, runs: [RunResult]) -> String {
    var text = line(["scenario", "tier", "scope", "metric", "unit", "mean", "ci95_low", "ci95_high", "min", "max", "replications"])
    for run in runs {
      for row in run.rows {
        let s = row.summary
        let interval = s.interval95(row.metric)
        text += line([
          scenario, tierLabel(run.tier), row.scope.description, row.metric.rawValue, row.metric.unit.rawValue,
          Format.csv(s.mean), interval.map { Format.csv($0.lowerBound) } ?? "", interval.map { Format.csv($0.upperBound) } ?? "",
          Format.csv(s.min), Format.csv(s.max),
          String(s.count),
        ])
      }
    }
    return text
  }

  /// `tiers.csv`: one row per (tier, gate) with the figures the
  /// recommendation rests on; peaks and the breach share are account-wide.
  /// Gates without a queue leave the wait columns empty; a `total` row
  /// carries the account-wide refused share.
  ///
  /// The columns after version 1's: `suspension_risk` (share of the
  /// setting's replications reaching a threshold less the headroom),
  /// `suspension_risk_upper95` (its one-sided 95% Clopper-Pearson upper
  /// bound), `replications` (the setting's count: `plan` adds replications
  /// to undecided tiers), `decision` (`meets`, `fails` or `undecided` over
  /// all objectives) and one outcome per objective (empty when not set).
  /// `meets_objectives` is true only when `decision` is `meets`.
  public static func tiers(_ plan: CapacityPlan) -> String {
    var text = line([
      "scenario", "tier", "scope", "queue_wait_p95_s", "queue_wait_max_s", "rejected_rate", "peak_inbound", "peak_outbound",
      "peak_forwarded", "peak_total", "threshold_breach_share", "meets_objectives", "suspension_risk", "suspension_risk_upper95",
      "replications", "decision", "queue_wait_p95_outcome", "rejected_outcome", "suspension_risk_outcome",
    ])
    for outcome in [plan.configured] + plan.tiers {
      let run = outcome.run
      func mean(_ scope: Scope, _ metric: Metric) -> String { run.mean(scope, metric).map(Format.csv) ?? "" }
      let peaks = ConcurrencyCategory.allCases.map { mean(.category($0), .peakConcurrency) }
      func objective(_ key: String) -> String { outcome.checks.first { $0.key == key }?.outcome.rawValue ?? "" }
      let risk =
        outcome.reach.categories.isEmpty ? ["", ""] : [Format.csv(outcome.reach.any.share), Format.csv(outcome.reach.any.oneSidedUpper95)]
      let decision =
        risk + [String(outcome.replications), outcome.decision.rawValue]
        + ["queue_wait_p95", "rejected", "suspension_risk"].map(objective)
      for scope in plan.gates + [.category(.total)] {
        text += line(
          [
            plan.scenario.name, tierLabel(outcome.tier), scope.description, mean(scope, .queueWaitP95), mean(scope, .queueWaitMax),
            mean(scope, .rejectedRate),
          ] + peaks + [Format.csv(outcome.anyBreachShare), outcome.meetsObjectives ? "true" : "false"] + decision)
      }
    }
    return text
  }

  /// `timeseries.csv`: one row per resolution bucket, means over
  /// replications of the bucket means, maxima over replications of the
  /// bucket maxima, mean refused calls per bucket. Rows run from the
  /// warm-up to the end of the last call of the longest replication, so
  /// the drain after the horizon is shown; `time_s` is the bucket's start
  /// (its series' own start and width decide it; `resolution` is the
  /// scenario's, kept for callers).
  public static func timeSeries(scenario: String, runs: [RunResult], resolution: Double, startClock: Double) -> String {
    // Every level but `total`, which is their sum.
    let levels: [TrackedLevel] = [.inbound, .outbound, .forwarded, .queue]
    var text = line(
      ["scenario", "tier", "time_s", "clock"] + levels.flatMap { ["\($0.name)_mean", "\($0.name)_max"] } + ["rejected"])
    // Read in place and appended field by field: a series of a million
    // buckets builds no per-row arrays, only the text itself.
    text.reserveCapacity(runs.reduce(text.utf8.count) { $0 + $1.timeSeries.bucketCount * 96 })
    for run in runs {
      let series = run.timeSeries
      let prefix = escape(scenario) + "," + escape(tierLabel(run.tier)) + ","
      for bucket in 0..<series.bucketCount {
        // A long series takes seconds to format: a stop request ends it (the
        // staging folder is then discarded, so the file is never seen).
        if bucket & 0xFFF == 0 && Interruption.isRequested { return text }
        let time = series.start(ofBucket: bucket)
        text += prefix
        text += Format.csv(time)
        text += ","
        text += escape(Quantity.clock(startClock + time))
        for level in levels {
          text += ","
          text += Format.csv(series.mean(level, inBucket: bucket))
          text += ","
          text += String(series.maximum(level, inBucket: bucket))
        }
        text += ","
        text += Format.csv(series.rejected(inBucket: bucket))
        text += "\n"
      }
    }
    return text
  }
}

/// The CSV files of a report, as text. Pure functions of the results.
public enum CSVWriter {
  static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  static func line(_ fields: [String]) -> String {
    fields.map(escape).joined(separator: ",") + "\n"
  }

  /// The tier column: the CPS simulated (``GateSetting/csvLabel``), or `configured`.
  static func tierLabel(_ setting: GateSetting?) -> String {
    setting?.csvLabel ?? "configured"
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
          scenario, tierLabel(run.setting), row.scope.description, row.metric.rawValue, row.metric.unit.rawValue,
          Format.csv(s.mean), interval.map { Format.csv($0.lowerBound) } ?? "", interval.map { Format.csv($0.upperBound) } ?? "",
          Format.csv(s.min), Format.csv(s.max),
          String(s.count),
        ])
      }
    }
    return text
  }

  /// `tiers.csv` (plan): tidy, one row per setting simulated and gate,
  /// then one `total` row per setting. The configured CPS comes first
  /// (option `configured`), then the options cheapest first (option 1, 2,
  /// ...). Columns: `setting` (``GateSetting/csvLabel``), `gate`, that
  /// gate's `cps`, `price_per_cps` and `self_serve` (empty on the total
  /// row), the setting's monthly `cost`, `replications`, `decision`
  /// (meets, fails, undecided), `meets_objectives`, `recommended`,
  /// `failing` (the objectives failing or undecided, `;`-separated), the
  /// gate's own `queue_wait_p95_s`, `queue_wait_max_s` and `rejected_rate`
  /// (on the total row: every refusal), the setting's peaks per category,
  /// `threshold_breach_share`, `suspension_risk` and its 95% upper bound,
  /// and the outcome of each objective kind.
  public static func tiers(_ plan: CapacityPlan) -> String {
    let objectiveKeys = [
      "queue_wait_p95", "queue_wait_max", "rejected", "late", "dialer_wait_p95", "dialer_wait_max", "suspension_risk", "service_level",
      "abandoned", "answer_wait_p95",
    ]
    var text = line(
      [
        "scenario", "option", "setting", "gate", "cps", "price_per_cps", "self_serve", "cost", "replications", "decision",
        "meets_objectives", "recommended", "failing", "queue_wait_p95_s", "queue_wait_max_s", "rejected_rate", "peak_inbound",
        "peak_outbound", "peak_forwarded", "peak_total", "threshold_breach_share", "suspension_risk", "suspension_risk_upper95",
      ] + objectiveKeys.map { "\($0)_outcome" })
    let candidates = Dictionary(
      CapacityPlan.candidates(plan.scenario, tiers: nil, gate: nil).map { ($0.gate, $0) }, uniquingKeysWith: { first, _ in first })
    let platform = plan.scenario.platform
    for (position, outcome) in ([plan.configured] + plan.tiers).enumerated() {
      let run = outcome.run
      func mean(_ scope: Scope, _ metric: Metric) -> String { run.mean(scope, metric).map(Format.csv) ?? "" }
      let peaks = ConcurrencyCategory.allCases.map { mean(.category($0), .peakConcurrency) }
      func objective(_ key: String) -> String {
        let checks = outcome.checks.filter { $0.key == key }
        return checks.isEmpty ? "" : ObjectiveOutcome.combined(checks.map(\.outcome)).rawValue
      }
      let risk =
        outcome.reach.categories.isEmpty ? ["", ""] : [Format.csv(outcome.reach.any.share), Format.csv(outcome.reach.any.oneSidedUpper95)]
      let failing = (outcome.failing + outcome.undecided).map(\.name).joined(separator: ";")
      let recommended = outcome.setting != nil && outcome.setting == plan.recommended?.setting
      let shared = [
        Format.csv(outcome.cost), String(outcome.replications), outcome.decision.rawValue, outcome.meetsObjectives ? "true" : "false",
        recommended ? "true" : "false", failing,
      ]
      let tail = peaks + [Format.csv(outcome.anyBreachShare)] + risk + objectiveKeys.map(objective)
      let option = position == 0 ? "configured" : String(position)
      let setting = CSVWriter.tierLabel(outcome.setting)
      for gate in plan.gates {
        let cps = outcome.setting?.cps(for: gate) ?? candidates[gate]?.configured ?? CapacityPlan.configuredCPS(of: gate, in: plan.scenario)
        let selfServe = platform.salesNeeded(for: GateSetting([(gate, cps)]), account: plan.scenario.account).isEmpty
        let price = candidates[gate]?.pricePerCPS ?? 1
        text += line(
          [plan.scenario.name, option, setting, gate.description, Format.csv(cps), Format.csv(price), selfServe ? "true" : "false"]
            + shared + [mean(gate, .queueWaitP95), mean(gate, .queueWaitMax), mean(gate, .rejectedRate)] + tail)
      }
      text += line(
        [plan.scenario.name, option, setting, "total", "", "", ""] + shared
          + ["", "", mean(.category(.total), .rejectedRate)] + tail)
    }
    return text
  }

  /// `timeseries.csv`: one row per resolution bucket, means over
  /// replications of the bucket means, maxima over replications of the
  /// bucket maxima, mean refused calls per bucket. Rows run from the
  /// warm-up to the end of the last call of the longest replication, so
  /// the drain after the horizon is shown; `time_s` is the bucket's start
  /// (its series' own start and width decide it).
  public static func timeSeries(scenario: String, runs: [RunResult], startClock: Double) -> String {
    var text = ""
    timeSeries(scenario: scenario, runs: runs, startClock: startClock, into: &text)
    return text
  }

  /// ``timeSeries(scenario:runs:startClock:)`` written row by row to
  /// `target`: a series of a million buckets is never held whole, as text
  /// or as rows.
  public static func timeSeries(scenario: String, runs: [RunResult], startClock: Double, into target: inout some TextOutputStream) {
    // Every level but `total`, which is their sum.
    let levels: [TrackedLevel] = [.inbound, .outbound, .forwarded, .queue]
    target.write(
      line(["scenario", "tier", "time_s", "clock"] + levels.flatMap { ["\($0.name)_mean", "\($0.name)_max"] } + ["rejected"]))
    var row = ""
    for run in runs {
      let series = run.timeSeries
      let prefix = escape(scenario) + "," + escape(tierLabel(run.setting)) + ","
      for bucket in 0..<series.bucketCount {
        // A long series takes seconds to format: a stop request ends it (the
        // staging folder is then discarded, so the file is never seen).
        if bucket & 0xFFF == 0 && Interruption.isRequested { return }
        let time = series.start(ofBucket: bucket)
        row.removeAll(keepingCapacity: true)
        row += prefix
        row += Format.csv(time)
        row += ","
        row += escape(Quantity.clock(startClock + time))
        for level in levels {
          row += ","
          row += Format.csv(series.mean(level, inBucket: bucket))
          row += ","
          row += String(series.maximum(level, inBucket: bucket))
        }
        row += ","
        row += Format.csv(series.rejected(inBucket: bucket))
        row += "\n"
        target.write(row)
      }
    }
  }
}

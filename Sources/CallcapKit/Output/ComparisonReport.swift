/// `comparison.md`, `comparison.csv` and overlay charts of a ``Comparison``.
/// Pure functions of the comparison.
public struct ComparisonReport: Sendable {
  public let comparison: Comparison

  public init(_ comparison: Comparison) {
    self.comparison = comparison
  }

  private var baseline: Scenario { comparison.scenarios[0] }

  public var files: [(path: String, contents: String)] {
    let charts = self.charts
    return [("comparison.md", markdown(charts: charts)), ("comparison.csv", csv)] + charts.map { ($0.path, $0.svg) }
  }

  // MARK: - Markdown

  func markdown(charts: [ReportChart]) -> String {
    let names = comparison.scenarios.map(\.name)
    var text = "# callcap comparison: \(names.joined(separator: " vs "))\n\n"
    let sim = baseline.simulation
    text +=
      "Baseline: **\(baseline.name)** (\(MarkdownText.code(baseline.path))). Every scenario ran with seed \(sim.seed) and \(sim.replications) replications; "
      + "traffic classes and trunks of the same name draw the same random numbers (common random numbers), which pairs "
      + "and narrows the differences; a difference has a 95% t interval over the replication-by-replication differences "
      + "(significant when it excludes zero). "
      + comparison.pairingSentences.joined(separator: " ") + "\n\n"
    text += "## What differs\n\n" + differencesThatMatter()
    text += objectivesSection()
    text += "## All metrics\n\n"
    var header = ["scope", "metric"] + names
    for name in names.dropFirst() { header.append("\(name) - \(baseline.name)") }
    text += "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
    let categories = Set(Scenario.callCategories(of: comparison.scenarios).map { Scope.category($0) } + [.category(.total)])
    for row in comparison.rows {
      // Categories no scenario has traffic in are all zero: left out.
      if case .category = row.scope, !categories.contains(row.scope) { continue }
      var cells = [row.scope.description, row.metric.rawValue]
      cells += row.summaries.map { $0.map { MetricText.describe($0, row.metric) } ?? "-" }
      cells += row.differences.dropFirst().map { $0.map { Self.describe($0, row.metric.unit) } ?? "-" }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    text +=
      "\nMeans across replications with 95% intervals (clamped to the quantity's range; shares of replications as counts with "
      + "Clopper-Pearson bounds); differences marked **significant** exclude zero.\n\n"
    if !charts.isEmpty {
      text += "## Charts\n\n" + charts.map { "![\($0.title)](\($0.path))\n\n" }.joined()
    }
    text += "## Method\n\n"
    for scenario in comparison.scenarios {
      text +=
        "- \(scenario.name): \(MarkdownText.code(scenario.path)), horizon \(Readable.duration(scenario.simulation.horizonSeconds)), "
        + "API \(Quantity.shortest(scenario.account.api.cps)) CPS (\(scenario.account.api.pacing.rawValue))"
      for trunk in scenario.account.trunks {
        text += ", trunk \(trunk.name) \(Quantity.shortest(trunk.cps)) CPS (\(trunk.limiter.rawValue))"
      }
      text += ".\n"
    }
    text += "- callcap \(CallcapVersion.string).\n"
    return text
  }

  /// `-284 s (-290 s to -278 s), significant`.
  static func describe(_ difference: Difference, _ unit: Metric.Unit) -> String {
    func signed(_ value: Double) -> String {
      (value > 0 ? "+" : "") + MetricText.number(value, unit)
    }
    var text = signed(difference.mean)
    if let low = difference.low, let high = difference.high, difference.halfWidth ?? 0 > 0 {
      text += " (\(signed(low)) to \(signed(high)))"
    }
    return difference.isSignificant ? text + ", **significant**" : text
  }

  private static func label(_ scope: Scope, _ metric: Metric) -> String {
    switch (scope, metric) {
    case (.api, .queueWaitP95): "p95 API wait"
    case (.api, .queueWaitMean): "mean API wait"
    case (.category(.total), .rejectedRate): "refused share"
    case (.trunk(let name), .rejectedRate): "refused at trunk \(name)"
    case (.category(let category), .peakConcurrency): "\(category.rawValue) peak"
    case (.category(let category), .thresholdBreachShare): "replications reaching the \(category.rawValue) threshold"
    case (.category(.total), .callsOffered): "calls offered"
    default: "\(metric.rawValue) \(scope)"
    }
  }

  func differencesThatMatter() -> String {
    var text = ""
    for (index, scenario) in comparison.scenarios.enumerated().dropFirst() {
      var lines: [String] = []
      var unchanged: [String] = []
      for (scope, metric) in comparison.keyMetrics {
        guard let row = comparison.row(scope, metric), let difference = row.differences[index],
          let before = row.summaries[0], let after = row.summaries[index]
        else { continue }
        let name = Self.label(scope, metric)
        if difference.isSignificant {
          // A share of replications reads as counts with their binomial bounds, not as bare percentages.
          let (from, to) =
            metric.isShareOfReplications
            ? (before.replicationsWithEvent.description, after.replicationsWithEvent.description)
            : (MetricText.number(before.mean, metric.unit), MetricText.number(after.mean, metric.unit))
          lines.append("- \(name): \(from) -> \(to) (\(Self.describe(difference, metric.unit)))")
        } else {
          unchanged.append(name)
        }
      }
      text += "**\(scenario.name)** against \(baseline.name):\n\n"
      text += lines.isEmpty ? "- no significant difference in the figures that matter.\n" : lines.joined(separator: "\n") + "\n"
      if !unchanged.isEmpty { text += "- no significant difference: \(unchanged.joined(separator: ", ")).\n" }
      text += "\n"
    }
    return text
  }

  /// The baseline's objectives and the thresholds, checked for every scenario.
  func objectivesSection() -> String {
    let checks = zip(comparison.scenarios, comparison.runs).map { scenario, run in
      baseline.objectives.evaluate(run, scenario: scenario)
    }
    var objectives: [ObjectiveCheck.Objective] = []
    for list in checks { for check in list where !objectives.contains(check.objective) { objectives.append(check.objective) } }
    guard !objectives.isEmpty else { return "" }
    var text =
      "## Objectives and thresholds\n\nThe baseline's objectives, applied to every scenario, each judged on its 95% interval "
      + "(undecided: the interval contains the limit; `compare` runs a fixed number of replications).\n\n"
    let header = ["objective"] + comparison.scenarios.map(\.name)
    text += "| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
    for objective in objectives {
      let sample = checks.lazy.compactMap { $0.first { $0.objective == objective } }.first!
      var cells = [Self.objectiveName(sample)]
      for list in checks {
        guard let check = list.first(where: { $0.objective == objective }) else {
          cells.append("-")
          continue
        }
        let outcome =
          switch check.outcome {
          case .meets: "met"
          case .fails: "**missed**"
          case .undecided: "**undecided**"
          }
        cells.append("\(check.measuredText) \(outcome)")
      }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return text + "\n"
  }

  private static func objectiveName(_ check: ObjectiveCheck) -> String {
    switch check.objective {
    case .queueWaitP95: "p95 API wait <= \(MetricText.number(check.limit, .seconds))"
    case .rejected: "refused <= \(Format.percent(check.limit))"
    case .suspensionRisk: "suspension risk <= \(Format.percent(check.limit))"
    case .serviceLevel(let scope): "\(scope) service level >= \(Format.percent(check.limit))"
    case .abandoned(let scope): "\(scope) abandoned <= \(Format.percent(check.limit))"
    case .answerWaitP95(let scope): "p95 \(scope) answer wait <= \(MetricText.number(check.limit, .seconds))"
    case .atMost: "\(check.name) <= \(check.limitText)"
    case .late(let scope, let share): "\(scope) late <= \(Format.percent(share))"
    }
  }

  // MARK: - CSV

  /// `comparison.csv`: one row per (scope, metric, scenario).
  public var csv: String {
    var text = CSVWriter.line([
      "scope", "metric", "unit", "scenario", "mean", "ci95_low", "ci95_high", "difference", "difference_ci95_low",
      "difference_ci95_high", "significant",
    ])
    for row in comparison.rows {
      for (index, scenario) in comparison.scenarios.enumerated() {
        guard let summary = row.summaries[index] else { continue }
        let interval = summary.interval95(row.metric)
        let difference = row.differences[index]
        text += CSVWriter.line([
          row.scope.description, row.metric.rawValue, row.metric.unit.rawValue, scenario.name, Format.csv(summary.mean),
          interval.map { Format.csv($0.lowerBound) } ?? "", interval.map { Format.csv($0.upperBound) } ?? "",
          difference.map { Format.csv($0.mean) } ?? "",
          difference?.low.map(Format.csv) ?? "", difference?.high.map(Format.csv) ?? "",
          difference.map { $0.isSignificant ? "true" : "false" } ?? "",
        ])
      }
    }
    return text
  }

  // MARK: - Charts

  var charts: [ReportChart] {
    ReportCharts.overlay(scenarios: comparison.scenarios, runs: comparison.runs)
  }
}

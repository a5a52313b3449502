/// `comparison.md`, `comparison.csv` and overlay charts of a ``Comparison``.
/// Pure functions of the comparison.
public struct ComparisonReport: Sendable {
  public let comparison: Comparison
  /// The language of comparison.md and the charts (comparison.csv does not change).
  public var language: ReportLanguage

  public init(_ comparison: Comparison, language: ReportLanguage = .en) {
    self.comparison = comparison
    self.language = language
  }

  private var text: any Catalogue { language.catalogue }

  private var baseline: Scenario { comparison.scenarios[0] }

  public var files: [(path: String, contents: String)] {
    let charts = self.charts
    return [("comparison.md", markdown(charts: charts)), ("comparison.csv", csv)] + charts.map { ($0.path, $0.svg) }
  }

  // MARK: - Markdown

  func markdown(charts: [ReportChart]) -> String {
    let c = self.text
    let names = comparison.scenarios.map(\.name)
    var text = "# " + c.comparisonTitle(names) + "\n\n"
    let sim = baseline.simulation
    let pairing = comparison.scenarios.indices.dropFirst().map { index in
      c.pairing(comparison.scenarios[index].name, paired: comparison.pairedClasses(index), total: comparison.scenarios[index].traffic.count)
    }
    text +=
      c.comparisonIntro(
        baseline: baseline.name, path: MarkdownText.code(baseline.path), seed: sim.seed, replications: sim.replications, pairing: pairing)
      + "\n\n"
    text += "## \(c.whatDiffersHeading)\n\n" + differencesThatMatter()
    text += objectivesSection()
    text += "## \(c.allMetricsHeading)\n\n"
    text += MarkdownText.tableHeader(c.allMetricsColumns(names, baseline: baseline.name))
    let categories = Set(Scenario.callCategories(of: comparison.scenarios).map { Scope.category($0) } + [.category(.total)])
    for row in comparison.rows {
      // Categories no scenario has traffic in are all zero: left out.
      if case .category = row.scope, !categories.contains(row.scope) { continue }
      var cells = [c.scope(row.scope), row.metric.rawValue]
      cells += row.summaries.map { $0.map { MetricText.describe($0, row.metric, c) } ?? "-" }
      cells += row.differences.dropFirst().map { $0.map { Self.describe($0, row.metric.unit, c) } ?? "-" }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    text += "\n" + c.allMetricsNote + "\n\n"
    if !charts.isEmpty {
      text += "## \(c.chartsHeading)\n\n" + charts.map { "![\($0.title)](\($0.path))\n\n" }.joined()
    }
    text += "## \(c.methodHeading)\n\n"
    for scenario in comparison.scenarios {
      let account = scenario.account
      text +=
        "- "
        + c.comparedScenario(
          scenario.name, path: MarkdownText.code(scenario.path),
          horizon: Readable.duration(scenario.simulation.horizonSeconds, units: c.units), apiCPS: Quantity.shortest(account.api.cps),
          pacing: account.api.pacing.rawValue, trunks: account.trunks.map { ($0.name, Quantity.shortest($0.cps), $0.limiter.rawValue) })
        + "\n"
    }
    text += "- " + c.methodVersion(CallcapVersion.string) + "\n"
    return text
  }

  /// `-284 s (-290 s to -278 s), significant`.
  static func describe(_ difference: Difference, _ unit: Metric.Unit, _ c: any Catalogue = English()) -> String {
    func signed(_ value: Double) -> String {
      (value > 0 ? "+" : "") + MetricText.number(value, unit, units: c.units)
    }
    var interval: (String, String)? = nil
    if let low = difference.low, let high = difference.high, difference.halfWidth ?? 0 > 0 { interval = (signed(low), signed(high)) }
    return c.difference(signed(difference.mean), interval: interval, significant: difference.isSignificant)
  }

  func differencesThatMatter() -> String {
    let c = self.text
    var text = ""
    for (index, scenario) in comparison.scenarios.enumerated().dropFirst() {
      var lines: [String] = []
      var unchanged: [String] = []
      for (scope, metric) in comparison.keyMetrics {
        guard let row = comparison.row(scope, metric), let difference = row.differences[index],
          let before = row.summaries[0], let after = row.summaries[index]
        else { continue }
        let name = c.keyMetric(scope, metric)
        if difference.isSignificant {
          // A share of replications reads as counts with their binomial bounds, not as bare percentages.
          let (from, to) =
            metric.isShareOfReplications
            ? (c.replications(before.replicationsWithEvent, level: .single), c.replications(after.replicationsWithEvent, level: .single))
            : (MetricText.number(before.mean, metric.unit, units: c.units), MetricText.number(after.mean, metric.unit, units: c.units))
          lines.append("- " + c.changedFigure(name, from: from, to: to, Self.describe(difference, metric.unit, c)))
        } else {
          unchanged.append(name)
        }
      }
      text += c.againstBaseline(scenario.name, baseline.name) + "\n\n"
      text += lines.isEmpty ? "- \(c.noSignificantDifference)\n" : lines.joined(separator: "\n") + "\n"
      if !unchanged.isEmpty { text += "- \(c.noSignificantDifferenceIn(unchanged))\n" }
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
    let c = self.text
    var text = "## \(c.objectivesHeading)\n\n\(c.objectivesIntro)\n\n"
    text += MarkdownText.tableHeader([c.objectiveColumn] + comparison.scenarios.map(\.name))
    for objective in objectives {
      let sample = checks.lazy.compactMap { $0.first { $0.objective == objective } }.first!
      var cells = [c.objectiveWithLimit(sample)]
      for list in checks {
        guard let check = list.first(where: { $0.objective == objective }) else {
          cells.append("-")
          continue
        }
        cells.append("\(c.measured(check)) \(c.comparedOutcome(check.outcome))")
      }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    return text + "\n"
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
    ReportCharts.overlay(scenarios: comparison.scenarios, runs: comparison.runs, text)
  }
}

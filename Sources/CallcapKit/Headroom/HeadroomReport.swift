import Foundation

/// The files of `callcap headroom` for one scenario: `report.md`,
/// `headroom.csv` and `charts/*.svg`; no I/O (the command line writes them).
public struct HeadroomReport: Sendable {
  public let headroom: Headroom
  /// Which configuration was studied, for the report: `the recommended 5 CPS`.
  public let configuration: String
  public let growth: Growth?
  /// Why the configuration is not the plan's recommendation, when it is not.
  public let note: String?

  public init(headroom: Headroom, configuration: String, growth: Growth? = nil, note: String? = nil) {
    self.headroom = headroom
    self.configuration = configuration
    self.growth = growth
    self.note = note
  }

  public var files: [(path: String, contents: String)] {
    let charts = self.charts
    return [("report.md", markdown(charts: charts)), ("headroom.csv", csv)] + charts.map { ($0.path, $0.svg) }
  }

  /// The line printed per scenario.
  public var summaryLine: String {
    var line = "\(headroom.scenario.name): \(configuration) \(headroom.summary)"
    if let growth, let holds = headroom.holdsUpTo, let date = growth.date(reaching: holds) {
      line += "; at \(growth.rateText) reached \(Growth.format(date))"
    }
    return line
  }

  /// `headroom.csv`: one row per evaluated factor and objective.
  public var csv: String {
    var lines = ["scenario,factor,decision,replications,objective,scope,measured,low,high,limit,outcome"]
    for point in headroom.points {
      for check in point.outcome.checks {
        let scope: String =
          switch check.objective {
          case .queueWaitP95(let scope), .serviceLevel(let scope), .abandoned(let scope), .answerWaitP95(let scope):
            scope.description
          case .atMost(_, let scope), .late(let scope, _): scope.description
          case .rejected: "total"
          case .suspensionRisk: "any"
          }
        let fields = [
          headroom.scenario.name, Format.csv(point.factor), point.decision.rawValue, String(point.outcome.replications), check.key,
          scope, Format.csv(check.measured), check.low.map(Format.csv) ?? "", check.high.map(Format.csv) ?? "",
          Format.csv(check.limit), check.outcome.rawValue,
        ]
        lines.append(fields.map(CSVWriter.escape).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One chart per objective: its value and interval against the factor, with the limit.
  public var charts: [(path: String, svg: String)] {
    let points = headroom.points
    guard let first = points.first else { return [] }
    return first.outcome.checks.indices.map { index in
      let check = first.outcome.checks[index]
      let scale = check.key == "queue_wait_p95" ? 1.0 : 100.0
      let unit = check.key == "queue_wait_p95" ? "seconds" : "%"
      func series(_ name: String, _ value: (ObjectiveCheck) -> Double?, width: Double, color: String) -> LineChart.Series {
        var line = LineChart.Series(
          name: name, color: color,
          points: points.compactMap { point in
            guard index < point.outcome.checks.count, let y = value(point.outcome.checks[index]) else { return nil }
            return (point.factor, y * scale)
          })
        line.lineWidth = width
        line.markers = name == "measured"
        return line
      }
      var chart = LineChart(
        title: "\(check.name) against the growth factor", xLabel: "growth factor g (log scale; dots: evaluated factors)",
        yLabel: "\(check.name) (\(unit))", xAxis: .logarithmic)
      chart.series = [
        series("measured", { $0.measured }, width: 2, color: LineChart.palette[0]),
        series("interval low", { $0.low }, width: 1, color: LineChart.palette[2]),
        series("interval high", { $0.high }, width: 1, color: LineChart.palette[2]),
      ]
      chart.references = [LineChart.Reference(label: "limit", value: check.limit * scale, color: LineChart.palette[1])]
      return ("charts/headroom-\(check.key)\(index > 0 && check.key == "queue_wait_p95" ? "-\(index)" : "").svg", chart.render())
    }
  }

  func markdown(charts: [(path: String, svg: String)]) -> String {
    let scenario = headroom.scenario
    var text = "# Headroom: \(MarkdownText.inline(scenario.name))\n\n"
    text += "**\(MarkdownText.inline(configuration.prefix(1).uppercased() + configuration.dropFirst())) \(headroom.summary).**"
    text += " Every objective is judged as `plan` judges a setting: \(headroom.schedule.level.confidenceText), "
    text += "a factor holds only when every objective *meets*; an undecided objective is never counted as holding.\n\n"
    if let note { text += "\(note)\n\n" }
    if let growth {
      text += "## Growth\n\n"
      if let holds = headroom.holdsUpTo { text += growth.sentence(factor: holds) + "\n" }
      if let fails = headroom.failsFrom, fails != headroom.firstNotMeeting || headroom.holdsUpTo == nil {
        text += "It is shown to fail from \(Headroom.factorText(fails)): " + growth.sentence(factor: fails) + "\n"
      }
      text += "\n"
    }
    text += "## What grows\n\n"
    let classes = headroom.classes.map { $0.joined(separator: ", ") } ?? "every traffic class"
    text += "Scaled: \(MarkdownText.inline(classes)). A factor g multiplies Poisson and profile rates, divides `every` "
    text += "intervals, and multiplies burst counts, rounded to the nearest whole call (2,000 at x1.3 is 2,600). Durations, "
    text += "ring times, answer shares, agents, CPS and thresholds never change.\n\n"
    text += "## Evaluated factors\n\n| factor | decision | replications | objectives |\n|---|---|---|---|\n"
    for point in headroom.points {
      let checks = point.outcome.checks.map { MarkdownText.inline($0.explanation) }.joined(separator: "; ")
      let decision = point.outOfReach ? "undecided, cannot meet by \(headroom.schedule.counts.last ?? 0)" : point.decision.rawValue
      text += "| \(Headroom.factorText(point.factor)) | \(decision) | \(Readable.count(point.outcome.replications)) | \(checks) |\n"
    }
    text += "\n"
    if !charts.isEmpty {
      text += "## Charts\n\n"
      for chart in charts { text += "![\(chart.path)](\(chart.path))\n\n" }
    }
    text += "## Method\n\n"
    text += "Bisection over g (geometric midpoints) between the last factor meeting every objective and the first not, "
    text += "until they are within \(Format.percent(headroom.precision)); from x1 the search doubles or halves to bracket, "
    text += "within \(Headroom.factorText(headroom.range.lowerBound)) to \(Headroom.factorText(headroom.range.upperBound)). "
    text += "Every factor runs the same replication indices from seed \(scenario.simulation.seed) (common random numbers), "
    text += "starting with \(headroom.schedule.counts.first ?? 0) and adding replications at the plan's looks "
    text += "(\(headroom.schedule.counts.map(String.init).joined(separator: ", "))) while undecided; a factor stops early, as "
    text += "not holding, once its suspension-risk breaches are so many that no later look could show it meeting (its "
    text += "upper bound with no further breach up to the last look is still above the limit). The confidence is per "
    text += "factor: the search assumes each objective worsens as traffic grows, which the table above shows for the "
    text += "factors evaluated. \(Readable.count(headroom.replications)) replications in all; callcap \(CallcapVersion.string).\n"
    return text
  }
}

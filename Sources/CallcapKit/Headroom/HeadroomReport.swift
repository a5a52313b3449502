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
  /// The language of report.md, the charts and ``summaryLine`` (headroom.csv does not change).
  public var language: ReportLanguage

  public init(headroom: Headroom, configuration: String, growth: Growth? = nil, note: String? = nil, language: ReportLanguage = .en) {
    self.headroom = headroom
    self.configuration = configuration
    self.growth = growth
    self.note = note
    self.language = language
  }

  private var text: any Catalogue { language.catalogue }

  public var files: [(path: String, contents: String)] {
    let charts = self.charts
    return [("report.md", markdown(charts: charts)), ("headroom.csv", csv)] + charts.map { ($0.path, $0.svg) }
  }

  /// The line printed per scenario.
  public var summaryLine: String {
    let reached = growth.flatMap { growth in
      headroom.holdsUpTo.flatMap { growth.date(reaching: $0) }.map { (text.growthRate(growth), Growth.format($0)) }
    }
    return text.headroomLine(headroom.scenario.name, configuration: configuration, text.headroomSummary(headroom), reached: reached)
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
    let c = text
    return first.outcome.checks.indices.map { index in
      let check = first.outcome.checks[index]
      let scale = check.key == "queue_wait_p95" ? 1.0 : 100.0
      let unit = check.key == "queue_wait_p95" ? c.seconds : "%"
      func series(_ name: String, _ value: (ObjectiveCheck) -> Double?, width: Double, color: String, markers: Bool = false)
        -> LineChart.Series
      {
        var line = LineChart.Series(
          name: name, color: color,
          points: points.compactMap { point in
            guard index < point.outcome.checks.count, let y = value(point.outcome.checks[index]) else { return nil }
            return (point.factor, y * scale)
          })
        line.lineWidth = width
        line.markers = markers
        return line
      }
      let name = c.objectiveName(check)
      var chart = LineChart(
        title: c.growthChartTitle(name), xLabel: c.growthAxis, yLabel: c.withUnit(name, unit), xAxis: .logarithmic)
      chart.series = [
        series(c.measuredSeries, { $0.measured }, width: 2, color: LineChart.palette[0], markers: true),
        series(c.intervalLow, { $0.low }, width: 1, color: LineChart.palette[2]),
        series(c.intervalHigh, { $0.high }, width: 1, color: LineChart.palette[2]),
      ]
      chart.references = [LineChart.Reference(label: c.limitSeries, value: check.limit * scale, color: LineChart.palette[1])]
      return ("charts/headroom-\(check.key)\(index > 0 && check.key == "queue_wait_p95" ? "-\(index)" : "").svg", chart.render())
    }
  }

  func markdown(charts: [(path: String, svg: String)]) -> String {
    let c = self.text
    let scenario = headroom.scenario
    var text = "# " + c.headroomTitle(MarkdownText.inline(scenario.name)) + "\n\n"
    text += c.headroomLead(
      MarkdownText.inline(configuration), c.headroomSummary(headroom), confidence: c.confidence(headroom.schedule.level))
    text += "\n\n"
    if let note { text += "\(note)\n\n" }
    if let growth {
      text += "## \(c.growthHeading)\n\n"
      if let holds = headroom.holdsUpTo { text += c.growthSentence(growth, factor: holds) + "\n" }
      if let fails = headroom.failsFrom, fails != headroom.firstNotMeeting || headroom.holdsUpTo == nil {
        text += c.shownToFailFrom(Headroom.factorText(fails), c.growthSentence(growth, factor: fails)) + "\n"
      }
      text += "\n"
    }
    text += "## \(c.whatGrowsHeading)\n\n"
    text += c.whatGrows(headroom.classes.map { MarkdownText.inline($0.joined(separator: c.comma)) }) + "\n\n"
    text += "## \(c.evaluatedFactorsHeading)\n\n" + MarkdownText.tableHeader(c.factorColumns)
    for point in headroom.points {
      let checks = c.explanations(point.outcome.checks.map { MarkdownText.inline(c.explanation($0)) })
      let decision = point.outOfReach ? c.outOfReach(headroom.schedule.counts.last ?? 0) : c.decision(point.decision)
      text += "| \(Headroom.factorText(point.factor)) | \(decision) | \(Readable.count(point.outcome.replications)) | \(checks) |\n"
    }
    text += "\n"
    if !charts.isEmpty {
      text += "## \(c.chartsHeading)\n\n"
      for chart in charts { text += "![\(chart.path)](\(chart.path))\n\n" }
    }
    text += "## \(c.methodHeading)\n\n"
    text +=
      c.headroomMethod(
        precision: Format.percent(headroom.precision), low: Headroom.factorText(headroom.range.lowerBound),
        high: Headroom.factorText(headroom.range.upperBound), seed: scenario.simulation.seed, first: headroom.schedule.counts.first ?? 0,
        looks: headroom.schedule.counts.map(String.init).joined(separator: c.comma), replications: Readable.count(headroom.replications),
        version: CallcapVersion.string) + "\n"
    return text
  }
}

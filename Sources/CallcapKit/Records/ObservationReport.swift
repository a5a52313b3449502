import Foundation

/// The files `observe` writes: report.md, CSV files and a chart. Pure
/// functions of an ``Observation``; deterministic text.
public enum ObservationReport {
  /// Every file of the report folder, relative paths; `platform` words
  /// the trunk-upgrade conditions.
  public static func files(
    _ observation: Observation, platform: PlatformRules = .twilioJapan, language: ReportLanguage = .en
  ) -> [(path: String, contents: String)] {
    [
      ("report.md", markdown(observation, platform: platform, language.catalogue)),
      ("peaks.csv", peaksCSV(observation)),
      ("gates.csv", gatesCSV(observation)),
      ("queue.csv", queueCSV(observation)),
      ("trunks.csv", trunksCSV(observation)),
      ("concurrency.csv", concurrencyCSV(observation)),
      ("charts/concurrency.svg", chart(observation, language.catalogue)),
    ]
  }

  static func line(_ fields: [String]) -> String { CSVWriter.line(fields) }

  /// One row per day (and `all`) and category.
  public static func peaksCSV(_ observation: Observation) -> String {
    var text = line(["date", "category", "peak", "peak_at", "threshold", "seconds_at_or_above", "reached"])
    for day in observation.days + [observation.overall] {
      for peak in day.peaks {
        text += line([
          day.date, peak.category, String(peak.peak), peak.peakAt ?? "", peak.threshold.map(String.init) ?? "",
          String(peak.secondsAtOrAbove), peak.threshold == nil ? "" : String(peak.reached),
        ])
      }
    }
    return text
  }

  /// One row per day (and `all`) and gate: the CPS actually used.
  public static func gatesCSV(_ observation: Observation) -> String {
    var text = line(["date", "gate", "calls", "peak_calls_per_second", "peak_at"])
    for day in observation.days + [observation.overall] {
      for gate in day.gates {
        text += line([day.date, gate.gate, String(gate.calls), String(gate.peakCallsPerSecond), gate.peakAt ?? ""])
      }
    }
    return text
  }

  /// Queue times of API calls per day (and `all`), seconds.
  public static func queueCSV(_ observation: Observation) -> String {
    var text = line(["date", "calls", "mean_s", "p50_s", "p95_s", "p99_s", "max_s"])
    for day in observation.days + [observation.overall] {
      guard let queue = day.queueTimes else { continue }
      text += line(
        [day.date, String(queue.calls)]
          + [queue.meanSeconds, queue.p50Seconds, queue.p95Seconds, queue.p99Seconds, queue.maxSeconds].map(Format.csv))
    }
    return text
  }

  /// Terminating calls per trunk against the CPS-upgrade conditions.
  public static func trunksCSV(_ observation: Observation) -> String {
    var text = line([
      "trunk", "calls", "answered", "answer_share", "short_calls", "short_call_share", "mean_duration_s", "upgrade_eligible",
    ])
    for trunk in observation.trunks {
      text += line([
        trunk.trunk, String(trunk.calls), String(trunk.answered), Format.csv(trunk.answerShare), String(trunk.shortCalls),
        Format.csv(trunk.shortCallShare), Format.csv(trunk.meanDurationSeconds), String(trunk.upgradeEligible),
      ])
    }
    return text
  }

  /// The chart's data: the highest level in each bucket.
  public static func concurrencyCSV(_ observation: Observation) -> String {
    var text = line(["time", "bucket_s", "inbound_max", "outbound_max", "forwarded_max", "total_max"])
    for point in observation.chart {
      text += line([LocalTime.dateTime(point.time), String(observation.chartBucketSeconds)] + point.maxima.map(String.init))
    }
    return text
  }

  /// Concurrency over time against the thresholds.
  public static func chart(_ observation: Observation, _ c: any Catalogue = English()) -> String {
    let start = observation.chart.first?.time ?? 0
    let midnight = ObservationBuilder.day(of: start) * 86_400
    let colors = ["#1f77b4", "#d62728", "#2ca02c", "#7f7f7f"]
    let names = [ConcurrencyCategory.inbound, .outbound, .forwarded, .total].map(c.category)
    var chart = LineChart(
      title: c.observedChartTitle(Readable.duration(Double(observation.chartBucketSeconds), units: c.units)),
      xLabel: c.localTimeAxis(offset: observation.utcOffset, from: LocalTime.dateTime(start)), yLabel: c.simultaneousCalls,
      xAxis: .clock(startClock: Double(start - midnight)))
    chart.units = c.units
    for index in 0..<4 {
      chart.series.append(
        LineChart.Series(
          name: names[index], color: colors[index],
          points: observation.chart.map { (x: Double($0.time - start), y: Double($0.maxima[index])) }, lineWidth: index == 3 ? 1 : 2,
          opacity: index == 3 ? 0.6 : 1))
    }
    for (index, peak) in observation.overall.peaks.prefix(3).enumerated() {
      guard let threshold = peak.threshold else { continue }
      chart.references.append(
        LineChart.Reference(label: c.namedThresholdLine(names[index], threshold), value: Double(threshold), color: colors[index]))
    }
    return chart.render()
  }

  /// report.md: the answer first, then the figures per day.
  public static func markdown(_ observation: Observation, platform: PlatformRules = .twilioJapan, _ c: any Catalogue = English()) -> String
  {
    let overall = observation.overall
    func category(_ name: String) -> String { ConcurrencyCategory(rawValue: name).map(c.category) ?? name }
    func duration(_ seconds: Double) -> String { Readable.duration(seconds, units: c.units) }
    func day(_ date: String) -> String { date == "all" ? c.allDays : date }
    var text = "# " + c.observedTitle(MarkdownText.inline(observation.name)) + "\n\n"
    let reached = overall.peaks.filter(\.reached)
    if reached.isEmpty {
      let closest = overall.peaks.prefix(3).max {
        Double($0.peak) / Double(max($0.threshold ?? 1, 1)) < Double($1.peak) / Double(max($1.threshold ?? 1, 1))
      }
      text += c.noThresholdReached
      if let closest, let threshold = closest.threshold {
        text += c.sentenceSpace + c.closestPeak(category(closest.category), peak: closest.peak, threshold: threshold, at: closest.peakAt)
      }
    } else {
      text += c.thresholdsReached(
        reached.map { peak in
          c.reachedPeak(
            category(peak.category), peak: peak.peak, threshold: peak.threshold ?? 0, at: peak.peakAt ?? "?",
            above: duration(Double(peak.secondsAtOrAbove)))
        })
    }
    text += "\n\n"
    text +=
      c.recordsRead(
        observation.recordsRead, files: observation.files.count, skipped: observation.recordsSkipped, days: observation.days.count,
        offset: observation.utcOffset) + "\n\n"

    text += "## \(c.observedPeaksHeading)\n\n"
    text += "| " + c.observedPeaksColumns.joined(separator: " | ") + " |\n|---|---:|---:|---:|---:|---|\n"
    for entry in observation.days + [overall] {
      let above = entry.peaks.prefix(3).filter { $0.secondsAtOrAbove > 0 }.map {
        c.categoryDuration(category($0.category), duration(Double($0.secondsAtOrAbove)))
      }
      let cells = entry.peaks.map { peak in
        peak.reached ? "**\(peak.peak)** / \(peak.threshold ?? 0)" : (peak.threshold.map { "\(peak.peak) / \($0)" } ?? "\(peak.peak)")
      }
      text +=
        "| \(entry.date == "all" ? "**\(c.allDays)**" : entry.date) | " + cells.joined(separator: " | ") + " | "
        + (above.isEmpty ? c.noneWord : above.joined(separator: c.comma)) + " |\n"
    }
    text += "\n" + c.observedPeaksNote + "\n\n"
    for peak in overall.peaks where peak.peak > 0 {
      text += "- " + c.firstReached(category(peak.category), peak: peak.peak, at: peak.peakAt ?? "?") + "\n"
    }
    text += "\n![\(c.simultaneousCallsAlt)](charts/concurrency.svg)\n\n"

    text += "## \(c.cpsUsedHeading)\n\n\(c.cpsUsedIntro)\n\n"
    if overall.gates.isEmpty {
      text += c.noGateCalls + "\n\n"
    } else {
      text += "| " + c.cpsUsedColumns.joined(separator: " | ") + " |\n|---|---|---:|---:|---|\n"
      for entry in observation.days + [overall] {
        for gate in entry.gates {
          text +=
            "| \(day(entry.date)) | \(MarkdownText.inline(gate.gate)) | \(gate.calls) | \(gate.peakCallsPerSecond) | \(gate.peakAt ?? "") |\n"
        }
      }
      text += "\n"
    }

    text += "## \(c.queueTimesHeading)\n\n\(c.queueTimesIntro)\n\n"
    if overall.queueTimes == nil {
      text += c.noQueueTimes + "\n\n"
    } else {
      text += "| " + c.queueTimesColumns.joined(separator: " | ") + " |\n|---|---:|---:|---:|---:|---:|---:|\n"
      for entry in observation.days + [overall] {
        guard let queue = entry.queueTimes else { continue }
        text += "| \(day(entry.date)) | \(queue.calls) | "
        text +=
          [queue.meanSeconds, queue.p50Seconds, queue.p95Seconds, queue.p99Seconds, queue.maxSeconds].map {
            Format.decimal($0)
          }.joined(separator: " | ") + " |\n"
      }
      text += "\n"
    }

    text += "## \(c.observedTrunksHeading)\n\n"
    if observation.trunks.isEmpty {
      text += c.noTrunkCalls + "\n\n"
    } else {
      let upgrade = platform.trunkUpgrade
      let short = c.shortCalls(duration(upgrade.shortCallSeconds))
      text +=
        c.observedUpgradeRule(
          platform.provider, meanAbove: duration(upgrade.meanDurationAboveSeconds),
          shortAtMost: Format.percent(upgrade.shortCallShareAtMost),
          short: short, answerAbove: Format.percent(upgrade.answerSeizureRatioAbove)) + "\n\n"
      text += "| " + c.observedTrunkColumns(short).joined(separator: " | ") + " |\n|---|---:|---:|---:|---:|---|\n"
      for trunk in observation.trunks {
        text +=
          "| \(MarkdownText.inline(trunk.trunk)) | \(Readable.count(trunk.calls)) | \(Format.percent(trunk.answerShare)) | "
          + "\(duration(trunk.meanDurationSeconds.rounded())) | \(Format.percent(trunk.shortCallShare)) | "
          + "\(trunk.upgradeEligible ? c.yes : c.no) |\n"
      }
      text += "\n"
    }

    let counts = overall.calls
    text += "## \(c.methodHeading)\n\n"
    let lines =
      [
        c.observedCalls(
          inbound: counts.inbound, outbound: counts.outbound, forwarded: counts.forwarded, legs: counts.legs, neverLive: counts.neverLive)
      ] + c.observedRules(offset: observation.utcOffset) + [
        c.observedFiles(observation.files.map { "`\($0)`" }, version: CallcapVersion.string)
      ]
    text += lines.map { "- \($0)\n" }.joined()
    return text
  }
}

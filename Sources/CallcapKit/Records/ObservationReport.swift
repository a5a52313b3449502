import Foundation

/// The files `observe` writes: report.md, CSV files and a chart. Pure
/// functions of an ``Observation``; deterministic text.
public enum ObservationReport {
  /// Every file of the report folder, relative paths; `platform` words
  /// the trunk-upgrade conditions.
  public static func files(_ observation: Observation, platform: PlatformRules = .twilioJapan) -> [(path: String, contents: String)] {
    [
      ("report.md", markdown(observation, platform: platform)),
      ("peaks.csv", peaksCSV(observation)),
      ("gates.csv", gatesCSV(observation)),
      ("queue.csv", queueCSV(observation)),
      ("trunks.csv", trunksCSV(observation)),
      ("concurrency.csv", concurrencyCSV(observation)),
      ("charts/concurrency.svg", chart(observation)),
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
  public static func chart(_ observation: Observation) -> String {
    let start = observation.chart.first?.time ?? 0
    let midnight = ObservationBuilder.day(of: start) * 86_400
    let colors = ["#1f77b4", "#d62728", "#2ca02c", "#7f7f7f"]
    let names = ["inbound", "outbound", "forwarded", "total"]
    var chart = LineChart(
      title: "Simultaneous calls observed (maximum per \(Readable.duration(Double(observation.chartBucketSeconds))))",
      xLabel: "local time (UTC\(observation.utcOffset)) from \(LocalTime.dateTime(start))", yLabel: "simultaneous calls",
      xAxis: .clock(startClock: Double(start - midnight)))
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
        LineChart.Reference(label: "\(names[index]) threshold \(threshold)", value: Double(threshold), color: colors[index]))
    }
    return chart.render()
  }

  /// report.md: the answer first, then the figures per day.
  public static func markdown(_ observation: Observation, platform: PlatformRules = .twilioJapan) -> String {
    let overall = observation.overall
    var text = "# Observed call records: \(MarkdownText.inline(observation.name))\n\n"
    let reached = overall.peaks.filter(\.reached)
    if reached.isEmpty {
      let closest = overall.peaks.prefix(3).max {
        Double($0.peak) / Double(max($0.threshold ?? 1, 1)) < Double($1.peak) / Double(max($1.threshold ?? 1, 1))
      }
      text += "**No suspension threshold was reached.**"
      if let closest, let threshold = closest.threshold {
        text += " Closest: \(closest.category) peaked at \(closest.peak) simultaneous calls of \(threshold)"
        text += closest.peakAt.map { " (\($0))" } ?? ""
        text += "."
      }
    } else {
      text += "**Threshold reached:** "
      text += reached.map { peak in
        "\(peak.category) peaked at \(peak.peak) (threshold \(peak.threshold ?? 0)) at \(peak.peakAt ?? "?"), "
          + "\(Readable.duration(Double(peak.secondsAtOrAbove))) at or above it"
      }.joined(separator: "; ")
      text += "."
    }
    text += "\n\n"
    text +=
      "\(observation.recordsRead) records read from \(observation.files.count) file\(observation.files.count == 1 ? "" : "s")"
      + (observation.recordsSkipped > 0 ? ", \(observation.recordsSkipped) skipped (see the diagnostics)" : "")
      + "; \(observation.days.count) day\(observation.days.count == 1 ? "" : "s") on the local clock UTC\(observation.utcOffset).\n\n"

    text += "## Peak simultaneous calls\n\n"
    text += "| day | inbound | outbound | forwarded | total | time at or above a threshold |\n|---|---:|---:|---:|---:|---|\n"
    for day in observation.days + [overall] {
      let above = day.peaks.prefix(3).filter { $0.secondsAtOrAbove > 0 }.map {
        "\($0.category) \(Readable.duration(Double($0.secondsAtOrAbove)))"
      }
      let cells = day.peaks.map { peak in
        peak.reached ? "**\(peak.peak)** / \(peak.threshold ?? 0)" : (peak.threshold.map { "\(peak.peak) / \($0)" } ?? "\(peak.peak)")
      }
      text +=
        "| \(day.date == "all" ? "**all**" : day.date) | " + cells.joined(separator: " | ") + " | "
        + (above.isEmpty ? "none" : above.joined(separator: ", ")) + " |\n"
    }
    text += "\nPeak / threshold; a peak at or above its threshold is in bold. When each peak was first reached:\n\n"
    for peak in overall.peaks where peak.peak > 0 {
      text += "- \(peak.category): \(peak.peak) at \(peak.peakAt ?? "?")\n"
    }
    text += "\n![Simultaneous calls](charts/concurrency.svg)\n\n"

    text += "## CPS used per gate\n\nThe most calls created in one second (`date_created`), the rate each gate had to allow.\n\n"
    if overall.gates.isEmpty {
      text += "No outbound calls through the API or a trunk.\n\n"
    } else {
      text += "| day | gate | calls | most calls in 1 s | at |\n|---|---|---:|---:|---|\n"
      for day in observation.days + [overall] {
        for gate in day.gates {
          text +=
            "| \(day.date) | \(MarkdownText.inline(gate.gate)) | \(gate.calls) | \(gate.peakCallsPerSecond) | \(gate.peakAt ?? "") |\n"
        }
      }
      text += "\n"
    }

    text += "## Queue times of API calls\n\nCreation to start (`queue_time`), seconds.\n\n"
    if overall.queueTimes == nil {
      text += "No API calls with a queue time.\n\n"
    } else {
      text += "| day | calls | mean | p50 | p95 | p99 | max |\n|---|---:|---:|---:|---:|---:|---:|\n"
      for day in observation.days + [overall] {
        guard let queue = day.queueTimes else { continue }
        text += "| \(day.date) | \(queue.calls) | "
        text +=
          [queue.meanSeconds, queue.p50Seconds, queue.p95Seconds, queue.p99Seconds, queue.maxSeconds].map {
            Format.decimal($0)
          }.joined(separator: " | ") + " |\n"
      }
      text += "\n"
    }

    text += "## Trunks against the CPS-upgrade conditions\n\n"
    if observation.trunks.isEmpty {
      text += "No trunking-terminating calls.\n\n"
    } else {
      let upgrade = platform.trunkUpgrade
      let short = "calls of \(Readable.duration(upgrade.shortCallSeconds)) or less"
      text +=
        "\(platform.provider) raises a trunk's CPS for traffic with mean duration above \(Readable.duration(upgrade.meanDurationAboveSeconds)), "
        + "at most \(Format.percent(upgrade.shortCallShareAtMost)) answered \(short), "
        + "and answer-seizure ratio above \(Format.percent(upgrade.answerSeizureRatioAbove)).\n\n"
      text += "| trunk | calls | answered | mean duration | \(short) | eligible |\n|---|---:|---:|---:|---:|---|\n"
      for trunk in observation.trunks {
        text +=
          "| \(MarkdownText.inline(trunk.trunk)) | \(Readable.count(trunk.calls)) | \(Format.percent(trunk.answerShare)) | "
          + "\(Readable.duration(trunk.meanDurationSeconds.rounded())) | \(Format.percent(trunk.shortCallShare)) | "
          + "\(trunk.upgradeEligible ? "yes" : "no") |\n"
      }
      text += "\n"
    }

    let counts = overall.calls
    text += "## Method\n\n"
    text += "- Calls: \(counts.inbound) inbound, \(counts.outbound) outbound, \(counts.forwarded) forwarded "
    text += "(\(counts.legs) `outbound-dial` legs counted with their parent call), \(counts.neverLive) never live.\n"
    text += "- A call is live from its start time to its end time (ringing included; creation to start is queue time). "
    text += "At the same second an end counts before a start, so a call ending as another starts never overlaps it. "
    text += "Times are whole seconds, as Twilio records them.\n"
    text += "- `inbound` calls with an `outbound-dial` child (by parent call sid) are forwarded calls; other `inbound` and "
    text += "`trunking-originating` calls are inbound; `outbound-api` and `trunking-terminating` calls are outbound.\n"
    text += "- Days are local days at UTC\(observation.utcOffset); a call over midnight counts on both days.\n"
    text += "- Files: " + observation.files.map { "`\($0)`" }.joined(separator: ", ") + "; callcap \(CallcapVersion.string).\n"
    return text
  }
}

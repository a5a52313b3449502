import ArgumentParser
import CallcapKit
import Foundation

/// `callcap observe`: what Twilio's call records say happened, no simulation.
struct Observe: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "observe",
    abstract: "Measure concurrency, CPS used and threshold reach from Twilio call records.",
    discussion: """
      Reads Calls API JSON pages, Twilio CLI '-o json' arrays and CSV exports (any mix), and writes \
      DIR/<name>/ with report.md, peaks.csv, gates.csv, queue.csv, trunks.csv, concurrency.csv and \
      charts/concurrency.svg: per local day and overall, the peak simultaneous inbound, outbound and \
      forwarded calls against the suspension thresholds, the time at or above them, the most calls \
      created in one second per gate, API queue times, and each trunk's answer and short-call shares. \
      A record with a problem is reported as file:line:column: error: and skipped (with --strict the run \
      fails). Exit codes: 0 success, 1 with --check when a threshold was reached, 65 invalid records, \
      66 a file cannot be opened, 73/74 the report cannot be written.
      """
  )

  @OptionGroup var input: RecordOptions

  @Option(help: "Folder for the report; it goes to DIR/<name>/.")
  var out = "reports"

  @Option(help: "Report name ([a-z0-9._-]+); default: the first file's name without its extension.")
  var name: String?

  @Option(help: "Inbound threshold, simultaneous calls (default: the platform's \(PlatformRules.twilioJapan.thresholds.inbound)).")
  var inboundThreshold: Int?

  @Option(help: "Outbound threshold, simultaneous calls (default: the platform's \(PlatformRules.twilioJapan.thresholds.outbound)).")
  var outboundThreshold: Int?

  @Option(help: "Forwarded threshold, simultaneous calls (default: the platform's \(PlatformRules.twilioJapan.thresholds.forwarded)).")
  var forwardedThreshold: Int?

  @Flag(help: "Exit 1 when a threshold was reached (for a CI or cron job over yesterday's records).")
  var check = false

  @Flag(help: "Print the summary as JSON on standard output (the report is still written).")
  var json = false

  @Flag(help: "Print nothing but diagnostics.")
  var quiet = false

  @Option(help: ReportLanguage.help)
  var lang: ReportLanguage = .en

  var reportName: String {
    if let name { return name }
    let base = URL(fileURLWithPath: input.records[0]).deletingPathExtension().lastPathComponent.lowercased()
    let cleaned = String(base.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "-" })
    return cleaned.isEmpty || cleaned.hasPrefix(".") ? "observed" : cleaned
  }

  func validate() throws {
    if let name, name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }) {
      throw ValidationError("--name '\(name)' must match [a-z0-9._-]+")
    }
    for (option, value) in [("inbound", inboundThreshold), ("outbound", outboundThreshold), ("forwarded", forwardedThreshold)] {
      if let value, value < 1 { throw ValidationError("--\(option)-threshold must be at least 1") }
    }
  }

  func run() throws {
    Interruption.installHandlers()
    var output = try ReportOutput(out: out, names: [reportName])
    let thresholds = ObservationThresholds(inbound: inboundThreshold, outbound: outboundThreshold, forwarded: forwardedThreshold)
    let (observation, outcome) = ObserveRecords.run(
      paths: input.records, name: reportName, utcOffsetSeconds: input.offsetSeconds, thresholds: thresholds)
    try output.exitIfInterrupted()
    try input.exitIfFailed(outcome, what: "report")
    guard let observation else { throw ExitCode(65) }
    try output.stage(ObservationReport.files(observation, language: lang), name: reportName)
    try output.commit()
    if json {
      print(OutputDocument.render(command: "observe", scenarios: [observation.jsonScenario]), terminator: "")
    } else if !quiet {
      print(lang.catalogue.observeSummary(observation, folder: output.display(reportName)))
    }
    if check && observation.thresholdReached {
      for peak in observation.overall.peaks where peak.reached {
        StandardError.print(
          "threshold reached: \(peak.category) peaked at \(peak.peak) (threshold \(peak.threshold ?? 0)) at \(peak.peakAt ?? "?")")
      }
      throw ExitCode(1)
    }
  }
}

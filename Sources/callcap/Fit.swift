import ArgumentParser
import CallcapKit
import Foundation

/// `callcap fit`: a scenario that reproduces Twilio call records.
struct Fit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Write a scenario fitted to Twilio call records, then compare its simulated peaks with the observed ones.",
    discussion: """
      One traffic class per direction and number; arrival profiles from the busiest (or mean) day at \
      --every; answer shares from the statuses; durations by maximum likelihood among exponential, \
      lognormal, gamma and Weibull, chosen by AIC, with the KS distance in a comment (empirical samples \
      when no family is within 0.05). The scenario is loaded with the real loader and simulated; the \
      simulated peaks are printed beside the observed ones. Exit codes as for observe.
      """
  )

  @OptionGroup var input: RecordOptions

  @Option(help: "Scenario name ([a-z0-9._-]+).")
  var name = "fitted"

  @Option(help: "Which day the arrival profiles copy: busiest or mean.")
  var day = "busiest"

  @Option(help: "Width of the profile's steps (a divisor of 24h, e.g. 15m, 30m, 1h).")
  var every = "1h"

  @Option(help: "The scenario file to write (default: <name>.yaml).")
  var out: String?

  @Option(help: "Parallel simulation jobs.")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Print the comparison as JSON.")
  var json = false

  @Flag(help: "Print nothing but diagnostics.")
  var quiet = false

  static let marker = "# Fitted by callcap fit"

  var everySeconds: Int {
    Int((try? Quantity.duration(Substring(every)).get()) ?? 3600)
  }

  func validate() throws {
    guard FitDay(rawValue: day) != nil else { throw ValidationError("--day must be busiest or mean") }
    guard case .success(let seconds) = Quantity.duration(Substring(every)), seconds >= 60, seconds == seconds.rounded(),
      86_400.0.truncatingRemainder(dividingBy: seconds) == 0
    else { throw ValidationError("--every '\(every)' must be a whole number of seconds of at least 1m that divides 24h") }
    guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || "._-".contains($0)) }) else {
      throw ValidationError("--name '\(name)' must match [a-z0-9._-]+")
    }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  func run() throws {
    let target = URL(fileURLWithPath: out ?? "\(name).yaml")
    let folder = target.deletingLastPathComponent()
    try Self.checkReplaceable(target)
    if let problem = OutputFileProblem.folder(folder) {
      StandardError.print("error: cannot create '\(target.relativePath)': \(problem); choose another --out")
      throw ExitCode(73)
    }
    // Sample files carry no mark of their own: one may be replaced only
    // beside a scenario that fit wrote (its earlier run wrote them).
    let replacingOwnScenario = FileManager.default.fileExists(atPath: target.path)
    Interruption.installHandlers()
    let result = FitRecords.read(paths: input.records, utcOffsetSeconds: input.offsetSeconds, everySeconds: everySeconds)
    try Interrupts.exitIfRequested()
    try input.exitIfFailed(result.outcome, what: "scenario")
    guard let observation = result.observation else { throw ExitCode(65) }
    let fitDay = FitDay(rawValue: day)!
    let scenario = result.fit.scenario(name: name, day: fitDay, files: input.records, records: result.outcome.recordsRead)
    // Sample files first: the scenario names them.
    for sample in scenario.samples {
      let url = folder.appendingPathComponent(sample.path)
      if FileManager.default.fileExists(atPath: url.path) && !replacingOwnScenario {
        StandardError.print(
          "error: will not replace '\(url.relativePath)': callcap fit did not write it; move it away or choose another --out")
        throw ExitCode(73)
      }
    }
    var written: [URL] = []
    do {
      for sample in scenario.samples {
        let url = folder.appendingPathComponent(sample.path)
        try Data(sample.contents.utf8).write(to: url, options: .atomic)
        written.append(url)
      }
      try Data(scenario.text.utf8).write(to: target, options: .atomic)
      written.append(target)
    } catch {
      for url in written { try? FileManager.default.removeItem(at: url) }
      StandardError.print("error: cannot write '\(target.relativePath)': \(OutputFileProblem.reason(error, folder: folder))")
      throw ExitCode(73)
    }
    // The real loader is the judge of what was written.
    let loaded: Scenario
    switch ScenarioLoader().load(path: target.relativePath) {
    case .success(let scenario): loaded = scenario
    case .failure(let failure):
      for diagnostic in failure.diagnostics { StandardError.print(diagnostic.description) }
      StandardError.print("error: the fitted scenario does not load (a callcap bug); please report it with the records' shape")
      throw ExitCode(70)
    }
    for warning in loaded.warnings where !quiet { StandardError.print(warning.description) }
    let simulated = Simulator(jobs: jobs).run(SimulationModel(loaded), replications: loaded.simulation.replications)
    let rows = FitRecords.comparison(observation: observation, day: fitDay, busiestDay: result.fit.busiestDay, simulated: simulated)
    if json {
      let scenario = FitRecords.jsonScenario(scenario: loaded, file: target.relativePath, day: fitDay, rows: rows, simulated: simulated)
      print(OutputDocument.render(command: "fit", scenarios: [scenario]), terminator: "")
    } else if !quiet {
      print("wrote \(target.relativePath) (\(result.outcome.recordsRead) records, \(result.fit.days.count) day(s))")
      print(
        "\nPeak simultaneous calls, observed (\(fitDay == .busiest ? "busiest day" : "mean of the daily peaks")) and simulated "
          + "(\(loaded.simulation.replications) replications of the fitted day):\n")
      print(FitRecords.markdown(rows), terminator: "")
    }
  }

  /// Refuses to replace a file callcap did not write: an existing target
  /// must begin with the fit marker.
  static func checkReplaceable(_ url: URL) throws {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return }
    if isFolder.boolValue {
      StandardError.print("error: will not replace '\(url.relativePath)': it is a folder; choose another --out")
      throw ExitCode(73)
    }
    let handle = FileHandle(forReadingAtPath: url.path)
    let start = handle.flatMap { try? $0.read(upToCount: marker.utf8.count) } ?? Data()
    try? handle?.close()
    if start != Data(marker.utf8) {
      StandardError.print(
        "error: will not replace '\(url.relativePath)': callcap fit did not write it; move it away or choose another --out")
      throw ExitCode(73)
    }
  }
}

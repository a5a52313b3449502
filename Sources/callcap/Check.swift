import ArgumentParser
import CallcapKit
import Foundation

/// `callcap check`: regression limits for CI.
struct Check: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate scenarios and check their expect: limits; exit 1 if any fails.",
    discussion: """
      Prints one line per expectation (PASS or FAIL, the measured mean with its 95% interval, the limit). \
      By default the mean is compared; --strict passes only when the 95% interval lies on the right side of the \
      limit, as plan decides objectives (shares of replications: one-sided Clopper-Pearson bounds). \
      An expectation with `tier:` is checked with that CPS applied to the API gate and every trunk. \
      --junit writes JUnit XML that CI systems display. Exit codes: 0 all hold, 1 one or more failed, \
      65/66 invalid or unreadable scenario, 73/74 the JUnit file cannot be written.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @Option(help: ArgumentHelp("Write JUnit XML results to this file.", valueName: "file"))
  var junit: String?

  @Flag(help: "Pass only when the 95% interval (not just the mean) lies on the right side of the limit; undecided fails.")
  var strict = false

  @OptionGroup var options: RunOptions

  @Flag(help: "Print only failures and the final count.")
  var quiet = false

  @Flag(help: "Print the results as JSON on standard output instead of the PASS/FAIL lines (the exit code is the same).")
  var json = false

  @Option(help: "With --shard: folder for the shard result files (DIR/<name>.shard-K-of-N.json).")
  var out: String = "reports"

  func validate() throws {
    if junit?.isEmpty == true { throw ValidationError("--junit needs a file name") }
    if out.isEmpty { throw ValidationError("--out needs a folder; use --out . for the current folder") }
    if junit != nil, options.shard != nil {
      throw ValidationError("--junit cannot be combined with --shard; give it to `callcap merge`")
    }
  }

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: options.maxCallsLimit)
    try loaded.exitIfFailed()
    // The JUnit file's place is checked before anything is simulated.
    if let junit { try Self.writing { try OutputFile.check(URL(fileURLWithPath: junit)) } }
    let scenarios = loaded.scenarios.map(options.apply)
    try options.checkWorkload(scenarios) { ScenarioCheck.tiersNeeded($0).count }
    if let spec = options.shardSpec {
      var recorded = options.shardOptions()
      recorded.strict = strict
      let job = try ShardJob(
        command: "check", options: recorded, invocation: self.scenarios, spec: spec, scenarios: scenarios, dataFiles: loaded.dataFiles,
        extra: { _ in Self.fingerprintSettings(strict) }, models: { ShardedRun.models(command: "check", scenario: $1) })
      return try job.run(out: out, quiet: quiet, simulator: { _ in Simulator(jobs: options.jobs) })
    }
    try Self.report(scenarios, junit: junit, quiet: quiet, json: json) { scenario in
      ScenarioCheck.run(scenario, strict: strict, simulator: Simulator(jobs: options.jobs))
    }
  }

  /// check's own settings in a shard's fingerprint.
  static func fingerprintSettings(_ strict: Bool) -> [(String, String)] { [("strict", String(strict))] }

  /// Checks each scenario with expectations (`make` simulating, or from
  /// merged shards), prints the lines, writes the JUnit file; exits 1 when one fails.
  static func report(_ scenarios: [Scenario], junit: String?, quiet: Bool, json: Bool, make: (Scenario) -> ScenarioCheck) throws {
    Interruption.installHandlers()
    var checks: [ScenarioCheck] = []
    for scenario in scenarios {
      if scenario.expectations.isEmpty {
        StandardError.print("warning: \(scenario.path) has no expect: entries; nothing to check")
        continue
      }
      let check = make(scenario)
      try Interrupts.exitIfRequested()
      for (line, result) in zip(check.lines, check.results) where !json && (!quiet || !result.passed) {
        print(line)
      }
      checks.append(check)
    }
    if let junit {
      try Self.writing { try OutputFile.write(JUnitReport.render(checks), to: URL(fileURLWithPath: junit)) }
    }
    let total = checks.reduce(0) { $0 + $1.results.count }
    let failed = checks.reduce(0) { $0 + $1.failures }
    if json {
      print(OutputDocument.render(command: "check", scenarios: checks.map(\.jsonScenario)), terminator: "")
    } else {
      print(failed == 0 ? "\(total) expectations hold" : "\(failed) of \(total) expectations failed")
    }
    if failed > 0 { throw ExitCode(1) }
  }

  /// Runs `body`, printing an output failure and exiting 73 or 74.
  static func writing(_ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as OutputError {
      StandardError.print(error.message(option: "--junit"))
      throw error.exitCode
    }
  }
}

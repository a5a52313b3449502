import ArgumentParser
import CallcapKit
import Foundation

/// How to simulate: replications, seed, jobs and the workload guard.
/// Every simulating command takes these (`check` takes only these).
struct RunOptions: ParsableArguments {
  @Option(help: "Replications per scenario, 1 to 100000 (overrides the scenario's simulation.replications).")
  var replications: Int?

  @Option(help: "Seed, 0 to 2^63-1 (overrides the scenario's simulation.seed).")
  var seed: UInt64?

  @Option(
    name: .customLong("jobs"),
    help: "Parallel jobs, at least 1 (default: the number of cores); results do not depend on it.")
  var jobsOption: Int?

  /// `--jobs`, or the number of cores.
  var jobs: Int { jobsOption ?? ProcessInfo.processInfo.activeProcessorCount }

  @Option(help: "Refuse scenarios expecting more simulated calls than this per replication (default: 200000000).")
  var maxCalls: Double?

  /// `--max-calls`, or the default guard.
  var maxCallsLimit: Double { maxCalls ?? RunOptions.defaultMaxCalls }

  /// Simulated calls per replication above which a scenario is refused unless `--max-calls` raises it.
  static let defaultMaxCalls = InputLimits.defaultMaxCalls

  @Option(
    help: ArgumentHelp(
      "Run only the replications r with r mod N = K-1 and write OUT/<name>.shard-K-of-N.json instead of a report; "
        + "combine the N files with `callcap merge`.", valueName: "K/N"))
  var shard: String?

  /// `--shard K/N`, validated.
  var shardSpec: ShardSpec? { shard.flatMap { try? ShardSpec.parse($0).get() } }

  func validate() throws {
    if let replications, !InputLimits.replications.contains(replications) {
      throw ValidationError("--replications must be between 1 and 100000")
    }
    if let seed, !InputLimits.seeds.contains(seed) {
      throw ValidationError("--seed must be between 0 and \(InputLimits.seeds.upperBound) (2^63-1), as simulation.seed")
    }
    if let jobsOption, jobsOption < 1 { throw ValidationError("--jobs must be at least 1") }
    if let maxCalls { try Self.checkMaxCalls(maxCalls) }
    if let shard, case .failure(let error) = ShardSpec.parse(shard) { throw ValidationError(error.description) }
  }

  /// `--max-calls` must be a finite positive number: nan or inf would turn the guard off.
  static func checkMaxCalls(_ value: Double) throws {
    guard value.isFinite, value > 0 else {
      throw ValidationError("--max-calls must be a positive finite number of calls, got \(value)")
    }
  }

  /// The loader's workload guard saw the file's own replications and tiers;
  /// `--replications` and `--tiers` can raise both, so the estimate is made
  /// again for what will actually run (`evaluations`: CPS settings per
  /// scenario) and refused before anything is simulated.
  /// `budget`, for `plan`, is the replication budget its sequential rule
  /// may extend undecided settings to (see ``Workload``).
  func checkWorkload(
    _ scenarios: [Scenario], evaluations: (Scenario) -> Int, budget: (Scenario) -> Int? = { _ in nil }
  ) throws {
    var refused = false
    for scenario in scenarios {
      let extended = budget(scenario)
      let workload = Workload(scenario, evaluations: evaluations(scenario), sequentialTo: extended)
      // Without overrides, plan is refused for its replication budget alone: say so.
      let context =
        extended.map { "as plan may run it (undecided tiers extended up to \($0) replications, simulation.max_replications)" }
        ?? "with the command-line options"
      for problem in workload.problems(maxCalls: maxCallsLimit) {
        StandardError.print("\(scenario.path): error: \(context), \(problem)")
        refused = true
      }
    }
    if refused { throw ExitCode(64) }
  }

  /// The options a shard file records (merge applies them again).
  func shardOptions() -> ShardOptions { ShardOptions(replications: replications, seed: seed) }

  /// Applies the overrides to a loaded scenario.
  func apply(to scenario: Scenario) -> Scenario {
    var scenario = scenario
    if let replications { scenario.simulation.replications = replications }
    if let seed { scenario.simulation.seed = seed }
    return scenario
  }
}

/// Options of the commands that simulate and write reports.
struct SimulationOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Folder for output: plan and run write DIR/<name>/, compare writes DIR/compare-<a>-vs-<b>/, "
        + "--shard writes DIR/<name>.shard-K-of-N.json.", valueName: "DIR"))
  var out: String = "reports"

  @OptionGroup var run: RunOptions

  var jobs: Int { run.jobs }
  var maxCalls: Double { run.maxCallsLimit }

  @Flag(help: "No progress line and no list of files written; results (the verdict, --json) are still printed.")
  var quiet = false

  @Flag(help: "Print the summary as JSON on standard output (reports are still written).")
  var json = false

  @Flag(help: "Print calls/s, events/s and elapsed time to standard error (never in reports).")
  var timing = false

  @Option(help: ReportLanguage.help)
  var lang: ReportLanguage = .en

  func validate() throws {
    if out.isEmpty { throw ValidationError("--out needs a folder; use --out . for the current folder") }
  }

  /// Applies the overrides to a loaded scenario.
  func apply(to scenario: Scenario) -> Scenario { run.apply(to: scenario) }

  /// A simulator with progress on standard error when it is a terminal
  /// (``ProgressLine``); `sweep` names the settings of a plan's sweep
  /// ("tier", or "option" with several gates), `batch` those of other
  /// batches (the designs of a comparison, the remedies a plan verifies).
  func simulator(label: String, sweep: String = "tier", batch: String = "setting") -> Simulator {
    guard !quiet && isatty(STDERR_FILENO) != 0 else { return Simulator(jobs: jobs) }
    return Simulator(jobs: jobs) { progress in
      let unit = progress.kind == .sweep ? sweep : batch
      ProgressLine.shared.show(ProgressText.line(label: label, unit: unit, progress: progress), force: progress.isFinished)
    }
  }

  /// Where and how reports are written and summaries printed.
  var report: ReportSettings { ReportSettings(out: out, quiet: quiet, json: json, timing: timing, language: lang) }

  /// The report folders of this command, every one checked before anything is simulated.
  func reportOutput(names: [String]) throws -> ReportOutput {
    try ReportOutput(out: out, names: names)
  }
}

/// Where reports go and what is printed: the options of the commands that
/// write reports, and of `merge`, which writes the same reports.
struct ReportSettings {
  var out: String
  var quiet: Bool
  var json: Bool
  var timing = false
  var language: ReportLanguage = .en
}

/// `--lang en|ja`: an unknown value is a usage error (64) naming both.
extension ReportLanguage: ExpressibleByArgument {
  static let help = ArgumentHelp(
    "Language of report.md, comparison.md, chart labels and the verdict line: en or ja (CSV, JSON, metric names and "
      + "diagnostics do not change).", valueName: "en|ja")
}

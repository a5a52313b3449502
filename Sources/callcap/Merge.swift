import ArgumentParser
import CallcapKit
import Foundation

/// `callcap merge`: the shard files of one `--shard K/N` invocation
/// combined into what the single-machine command writes.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Combine the result files of `run|plan|compare|check --shard K/N` into the single-machine output.",
    discussion: """
      Checks that the files come from one invocation (same callcap version, command, options, scenario list, \
      seed, N and scenario fingerprints), that none was truncated or edited (SHA-256 of the payload), and that \
      every shard 1..N of every scenario is given exactly once; otherwise exits 65 naming the missing, duplicated \
      or foreign shards. Then reloads the scenario files from the paths the shards recorded (they must be \
      unchanged), rebuilds the results in replication order and writes exactly what the command without \
      --shard writes, byte for byte, with its exit code (check: 1 when an expectation fails). A sharded plan \
      evaluates every tier at simulation.replications: its merge equals `plan --max-replications R` with R \
      the replication count.
      """
  )

  @Argument(help: "Shard result files (*.shard-K-of-N.json).", completion: .file(extensions: ["json"]))
  var files: [String]

  @Option(help: "Folder for reports: run and plan write DIR/<name>/ per scenario, compare writes DIR/compare-<a>-vs-<b>/.")
  var out: String = "reports"

  @Flag(help: "No summary lines (check: print only failures and the final count).")
  var quiet = false

  @Flag(help: "Print the summary as JSON on standard output, as the merged command would (run, plan, compare, check).")
  var json = false

  @Option(help: ArgumentHelp("check: write JUnit XML results to this file.", valueName: "file"))
  var junit: String?

  @Option(help: ReportLanguage.help)
  var lang: ReportLanguage = .en

  func validate() throws {
    if out.isEmpty { throw ValidationError("--out needs a folder; use --out . for the current folder") }
    if junit?.isEmpty == true { throw ValidationError("--junit needs a file name") }
  }

  func run() throws {
    let set = try Self.assemble(files)
    if junit != nil, set.command != "check" {
      StandardError.print("error: --junit applies to shards of check; these are shards of \(set.command)")
      throw ExitCode(64)
    }
    // The scenarios as the shards ran them, unchanged since (fingerprints
    // checked below). Nothing is simulated, so no workload guard applies:
    // shards run with a raised --max-calls merge too.
    let loaded = ScenarioFiles.load(set.invocation, maxCalls: .greatestFiniteMagnitude)
    try loaded.exitIfFailed()
    let options = try RunOptions.from(set.options)
    let scenarios = loaded.scenarios.map(options.apply)
    let settings = ReportSettings(out: out, quiet: quiet, json: json, language: lang)
    switch set.command {
    case "run":
      try Self.checkFingerprints(set, scenarios: scenarios, dataFiles: loaded.dataFiles)
      try Run.report(scenarios, settings: settings) { scenario in
        RunReport(scenario: scenario, result: Self.results(set, scenario)[0])
      }
    case "plan":
      let planned = scenarios.map(Plan.sharded)
      let scopes = try planned.map { scenario in try set.options.gate.map { try Plan.scope($0, in: scenario) } }
      try Self.checkFingerprints(set, scenarios: planned, dataFiles: loaded.dataFiles) { index in
        Plan.fingerprintSettings(tiers: set.options.tiers ?? planned[index].tiers, gate: set.options.gate)
      }
      try Plan.report(planned, scopes: scopes, settings: settings) { scenario, scope in
        PlanReport(plan: ShardedRun.plan(scenario, gate: scope, runs: Self.results(set, scenario)))
      }
    case "compare":
      let aligned = Comparison.align(scenarios)
      try Self.checkFingerprints(set, scenarios: aligned, dataFiles: loaded.dataFiles) { Compare.fingerprintSettings($0) }
      try Compare.report(aligned, settings: settings) { aligned in
        Comparison(scenarios: aligned, runs: aligned.map { Self.results(set, $0)[0] })
      }
    case "check":
      let strict = set.options.strict ?? false
      try Self.checkFingerprints(set, scenarios: scenarios, dataFiles: loaded.dataFiles) { _ in Check.fingerprintSettings(strict) }
      try Check.report(scenarios, junit: junit, quiet: quiet, json: json) { scenario in
        ScenarioCheck(scenario: scenario, runs: Self.results(set, scenario), strict: strict)
      }
    default:
      StandardError.print("error: shards of '\(set.command)' cannot be merged by this callcap")
      throw ExitCode(65)
    }
  }

  /// Reads, verifies and combines the files; exits 66 if one cannot be read, 65 with every problem otherwise.
  static func assemble(_ paths: [String]) throws -> ShardSet {
    var decoded: [(name: String, file: ShardFile)] = []
    var problems: [String] = []
    for path in paths {
      guard let data = FileManager.default.contents(atPath: path) else {
        StandardError.print("\(path): error: cannot read the shard file")
        throw ExitCode(66)
      }
      switch ShardFile.decode(data, name: path) {
      case .success(let file): decoded.append((path, file))
      case .failure(let error): problems.append(error.description)
      }
    }
    if problems.isEmpty {
      switch ShardSet.assemble(decoded) {
      case .success(let set): return set
      case .failure(let error): problems = error.problems
      }
    }
    for problem in problems { StandardError.print(problem) }
    StandardError.print("error: nothing merged: \(problems.count) problem\(problems.count == 1 ? "" : "s") with the shard files")
    throw ExitCode(65)
  }

  /// Refuses (65) a scenario whose file, data files or settings changed since the shards were written.
  static func checkFingerprints(
    _ set: ShardSet, scenarios: [Scenario], dataFiles: [[String]], extra: (Int) -> [(String, String)] = { _ in [] }
  ) throws {
    var changed = false
    for (index, scenario) in scenarios.enumerated() {
      guard let merged = set.scenarios.first(where: { $0.path == scenario.path }) else { continue }
      let settings = ScenarioFingerprint.settings(command: set.command, scenario: scenario, extra: extra(index))
      let now = try Shards.fingerprint(scenario, dataFiles: dataFiles[index], settings: settings)
      if now != merged.fingerprint {
        StandardError.print(
          "\(scenario.path): error: the scenario (its file or a data file it reads) changed since the shards were written "
            + "(fingerprint \(now), shards \(merged.fingerprint)); run the shards again")
        changed = true
      }
    }
    if changed { throw ExitCode(65) }
  }

  /// The merged results of `scenario`, one per CPS setting, built as the simulator builds them.
  static func results(_ set: ShardSet, _ scenario: Scenario) -> [RunResult] {
    let merged = set.scenarios.first { $0.path == scenario.path }!
    return merged.runs.map { ShardedRun.result(setting: $0.setting, replications: $0.replications) }
  }
}

extension RunOptions {
  /// The options a shard recorded, to apply them again.
  static func from(_ recorded: ShardOptions) throws -> RunOptions {
    var arguments: [String] = []
    if let replications = recorded.replications { arguments += ["--replications", String(replications)] }
    if let seed = recorded.seed { arguments += ["--seed", String(seed)] }
    return try RunOptions.parse(arguments)
  }
}

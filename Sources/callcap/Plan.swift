import ArgumentParser
import CallcapKit
import Foundation

/// `callcap plan`: the tier sweep and the recommendation.
struct Plan: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate every candidate CPS tier, recommend one, and write the full report.",
    discussion: """
      Gives every gate that carries traffic (the API, each trunk, the trunk pool) a CPS of its own: simulates \
      the configured CPS and every combination of the gates' candidates (each gate's `tiers`, else the \
      scenario's `tiers:`, or --tiers) with common random numbers, decides each objective with 95% confidence \
      (suspension risk with a Clopper-Pearson bound), adds replications up to simulation.max_replications while \
      the answer is undecided, and recommends the cheapest combination (CPS times each gate's price_per_cps) that \
      meets every objective, or says it is undecided. With one gate, or the one gate named by --gate, that is the \
      smallest tier. Grids of more than 400 combinations are simulated 400 at a time, cheapest first.

      When no candidate meets every objective, the verdict says what would fix it; each remedy a scenario key \
      can express (a burst's spread, a dialer cap or rate, a CPS, a retry, the account profile) is simulated \
      with that change, reported as verified or not, and written as fix.yaml in the report folder. Writes report.md, summary.csv, tiers.csv, timeseries.csv and charts/*.svg to \
      OUT/<name>/ for each scenario.

      With --shard K/N the plan does not extend: every setting runs exactly simulation.replications (after \
      --replications), as `plan --max-replications R` with R that count does on one machine, and `callcap merge` \
      of the N files writes that plan's report.

      The verdict also gives the headroom of the answer: the largest factor (up to x2) by which every class's \
      arrivals can grow while the recommended tier still meets every objective, searched as `callcap headroom` \
      does. --no-headroom skips it; a plan that adds no replications (--shard, or max_replications equal to \
      replications) does not search it.
      """
  )

  @Argument(help: "Scenario files (YAML).", completion: .file(extensions: ["yaml", "yml"]))
  var scenarios: [String]

  @Option(
    help: ArgumentHelp(
      "Candidate CPS values of every gate, comma-separated (overrides each gate's and the scenario's tiers).", valueName: "list"))
  var tiers: String?

  @Option(help: ArgumentHelp("Sweep one gate only: 'api', 'trunk:NAME' or 'trunk-pool'.", valueName: "gate"))
  var gate: String?

  @Option(
    help: ArgumentHelp(
      "Most replications an undecided setting may get (overrides simulation.max_replications); "
        + "equal to the replication count, the plan never extends, as a sharded plan.", valueName: "count"))
  var maxReplications: Int?

  @Flag(help: "Skip the headroom search of the recommended tier (faster; the verdict then has no headroom figure).")
  var noHeadroom = false

  @OptionGroup var options: SimulationOptions

  func validate() throws {
    if let maxReplications, !InputLimits.replications.contains(maxReplications) {
      throw ValidationError("--max-replications must be between 1 and 100000")
    }
    if maxReplications != nil, options.run.shard != nil {
      throw ValidationError(
        "--max-replications cannot be combined with --shard: a sharded plan runs exactly simulation.replications per setting")
    }
    if let tiers { _ = try Self.parseTiers(tiers) }
    if let gate, gate != "api", gate != "trunk-pool", !(gate.hasPrefix("trunk:") && gate.count > 6) {
      throw ValidationError("--gate must be 'api', 'trunk:NAME' or 'trunk-pool', not '\(gate)'")
    }
  }

  /// `--tiers 1,2,5`: whole CPS values in ``InputLimits/cps``, each listed
  /// once, decimal only; the same rules as a scenario's `tiers:`.
  static func parseTiers(_ text: String) throws -> [Double] {
    var values: [Double] = []
    for item in text.split(separator: ",", omittingEmptySubsequences: false) {
      let trimmed = item.trimmingCharacters(in: .whitespaces)
      let value: Double
      switch Quantity.number(Substring(trimmed)).flatMap(InputLimits.wholeCPS) {
      case .success(let whole): value = Double(whole)
      case .failure(let failure):
        throw ValidationError("--tiers takes whole CPS values separated by commas; '\(trimmed)': \(failure.message)")
      }
      if values.contains(value) { throw ValidationError("--tiers lists \(trimmed) twice") }
      values.append(value)
    }
    return values.sorted()
  }

  func run() throws {
    let loaded = ScenarioFiles.load(scenarios, maxCalls: options.maxCalls)
    try loaded.exitIfFailed()
    let tierOverride = try tiers.map(Self.parseTiers)
    // Everything that can be refused is refused before anything is simulated.
    var scenarios = loaded.scenarios.map(options.apply)
    if let maxReplications {
      scenarios = scenarios.map { scenario in
        var scenario = scenario
        scenario.simulation.maxReplications = maxReplications
        return scenario
      }
    }
    if options.run.shard != nil {
      // The staffing search is not in shard files yet, so a merge could not
      // write what the one-machine plan writes.
      for scenario in scenarios where StaffingPlan.applies(to: scenario) {
        FileHandle.standardError.write(
          Data(
            "error: \(scenario.path): plan --shard does not cover the agent staffing search yet; run this plan on one machine\n"
              .utf8))
        throw ExitCode(64)
      }
      scenarios = scenarios.map(Self.sharded)
    }
    let scopes = try scenarios.map { scenario in try gate.map { try Self.scope($0, in: scenario) } }
    try Self.checkGrids(scenarios, tiers: tierOverride, scopes: scopes, sharded: options.run.shard != nil)
    // The sequential rule may extend undecided tiers up to max_replications.
    try options.run.checkWorkload(
      scenarios,
      evaluations: { scenario in
        let count = CapacityPlan.optionCount(scenario, tiers: tierOverride, gate: gate.flatMap { Scope(parsing: $0) })
        return min(count, CapacityPlan.exhaustiveLimit) + 1
      },
      budget: CapacityPlan.budget)
    if let spec = options.run.shardSpec {
      var recorded = options.run.shardOptions()
      recorded.tiers = tierOverride
      recorded.gate = gate
      let job = try ShardJob(
        command: "plan", options: recorded, invocation: self.scenarios, spec: spec, scenarios: scenarios, dataFiles: loaded.dataFiles,
        extra: { Self.fingerprintSettings(tiers: tierOverride ?? scenarios[$0].tiers, gate: gate) },
        models: { index, scenario in CapacityPlan.settings(scenario, tiers: tierOverride, gate: scopes[index]) })
      return try job.run(out: options.out, quiet: options.quiet, simulator: { options.simulator(label: $0) })
    }
    try Self.report(scenarios, scopes: scopes, settings: options.report) { scenario, scope in
      PlanReport(
        scenario: scenario, tiers: tierOverride, gate: scope,
        simulator: options.simulator(
          label: scenario.name, sweep: CapacityPlan.gates(of: scenario, only: scope).count > 1 ? "option" : "tier", batch: "remedy"),
        headroom: !noHeadroom, maxCalls: options.maxCalls)
    }
  }

  /// The scenario as a sharded plan runs it: its replication budget is its
  /// replication count, so no setting is extended.
  static func sharded(_ scenario: Scenario) -> Scenario {
    var scenario = scenario
    scenario.simulation.maxReplications = scenario.simulation.replications
    return scenario
  }

  /// plan's own settings in a shard's fingerprint.
  static func fingerprintSettings(tiers: [Double], gate: String?) -> [(String, String)] {
    [("tiers", tiers.map { String($0) }.joined(separator: ",")), ("gate", gate ?? "-")]
  }

  /// Writes the plan of each scenario, `make` giving it (by simulating, or
  /// from merged shards), and prints the summaries.
  static func report(
    _ scenarios: [Scenario], scopes: [Scope?], settings: ReportSettings, make: (Scenario, Scope?) -> PlanReport
  ) throws {
    var output = try ReportOutput(out: settings.out, names: scenarios.map(\.name))
    Interruption.installHandlers()
    var jsonScenarios: [JSONValue] = []
    var summaries: [String] = []
    for (scenario, scope) in zip(scenarios, scopes) {
      let started = Date()
      var report = make(scenario, scope)
      report.language = settings.language
      try output.exitIfInterrupted()
      try output.stage(report.files(folder: output.folder(scenario.name)), name: scenario.name)
      if settings.timing { Timing.print(report.runs, since: started) }
      if settings.json {
        jsonScenarios.append(report.jsonScenario)
      } else {
        // --quiet keeps the result, not the list of files.
        summaries.append(
          "\(report.summaryLine)\(report.staffingLine)"
            + (settings.quiet ? "" : settings.language.catalogue.lineSeparator + output.wrote(scenario.name, settings.language)))
      }
    }
    // Reports move into place only once every scenario is simulated.
    try output.commit()
    for summary in summaries { print(summary) }
    if settings.json { print(OutputDocument.render(command: "plan", scenarios: jsonScenarios), terminator: "") }
  }

  /// `--gate` against one scenario's gates; a usage error (64) naming the
  /// scenario's trunks when it has no such gate. Known only once the
  /// scenario is loaded, so it is reported here rather than by `validate()`
  /// (which would print the top-level usage).
  static func scope(_ text: String, in scenario: Scenario) throws -> Scope {
    guard let scope = Scope(parsing: text) else { throw usage("--gate must be 'api', 'trunk:NAME' or 'trunk-pool', got '\(text)'") }
    if scope == .trunkPool && scenario.account.trunkPool == nil {
      throw usage("--gate trunk-pool: \(scenario.path) has no account.trunk_pool")
    }
    if case .trunk(let name) = scope, !scenario.account.trunks.contains(where: { $0.name == name }) {
      let names = scenario.account.trunks.map(\.name)
      throw usage(
        "--gate \(text): \(scenario.path) has no trunk named '\(name)'"
          + (names.isEmpty ? " (it has no trunks)" : " (its trunks: \(names.joined(separator: ", ")))"))
    }
    return scope
  }

  /// Refuses, before anything is simulated, a grid of gate combinations
  /// larger than ``CapacityPlan/optionLimit``, and a sharded plan whose grid
  /// would be searched in batches (a shard runs every option, so it takes
  /// only grids of at most ``CapacityPlan/exhaustiveLimit``).
  static func checkGrids(_ scenarios: [Scenario], tiers: [Double]?, scopes: [Scope?], sharded: Bool) throws {
    for (scenario, scope) in zip(scenarios, scopes) {
      let count = CapacityPlan.optionCount(scenario, tiers: tiers, gate: scope)
      let limit = sharded ? CapacityPlan.exhaustiveLimit : CapacityPlan.optionLimit
      guard count > limit else { continue }
      let lists = CapacityPlan.candidates(scenario, tiers: tiers, gate: scope)
        .map { "\($0.gate) \($0.values.count)" }.joined(separator: " x ")
      throw usage(
        "\(scenario.path): plan\(sharded ? " --shard" : "") weighs at most \(limit) combinations of gate CPS, this one has "
          + "\(count == Int.max ? "too many" : String(count)) (\(lists) candidates); list fewer `tiers` per gate, or plan one gate with --gate"
      )
    }
  }

  private static func usage(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(64)
  }
}

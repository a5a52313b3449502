import Foundation

/// The remedies of a plan's verdict, each simulated with its change (SPEC
/// "The application's own pacing, and deadlines", last bullet): whether
/// the changed scenario meets every objective, and the one written as
/// `fix.yaml`.
///
/// What is simulated is exactly the text of `fix.yaml` (``FixScenario``):
/// the changed YAML goes through ``ScenarioLoader`` again, so a change the
/// loader refuses is reported with the loader's message, never simulated
/// half-applied. Only the simulation settings come from the plan (its
/// seed and replication counts, command-line overrides included); data
/// files resolve from the original's folder, the same files `fix.yaml`
/// names from its own.
///
/// Each changed scenario is judged at one look at 95%
/// (``DecisionLevel/single``): it is a new configuration, simulated once
/// with a count fixed in advance, the plan's `simulation.replications` or,
/// when more, the count at which 0 replications reaching a threshold
/// bounds the risk below `suspension_risk` (299 for 1%) and at which
/// identical replications may decide (59), capped by
/// `simulation.max_replications`. A plan that adds no replications (a
/// sharded plan, whose merge simulates nothing) does not verify.
public struct RemedyVerification: Sendable {
  /// What simulating a remedy's change showed.
  public enum Outcome: Sendable, Equatable {
    /// Every objective met with 95% confidence.
    case verified(replications: Int)
    /// These objectives fail (the rest may be undecided).
    case fails([ObjectiveCheck], replications: Int)
    /// None fails, these are undecided.
    case undecided([ObjectiveCheck], replications: Int)
    /// The changed scenario could not be made or loaded: the message.
    case invalid(String)
    /// Not simulated, and why.
    case notSimulated(String)
    /// The remedy is advice that no scenario key expresses.
    case nothingToVerify
    /// The run was stopped before the verification finished.
    case interrupted
  }

  public struct Entry: Sendable {
    public var remedy: Remedy
    /// The file with the change, when the change could be written.
    public var fix: FixScenario?
    public var outcome: Outcome
  }

  /// One entry per remedy, in report order.
  public var entries: [Entry]
  /// The entry written as `fix.yaml`: the first verified, else the first
  /// whose change could be written; nil when none has a change, or the
  /// verification was interrupted.
  public var written: Int?
  /// The replications each changed scenario ran (or would have run).
  public var replications: Int
  /// The plan's replication budget.
  public var budget: Int

  /// Verifies `remedies` (default: the plan's) of `plan`, whose scenario
  /// file is `source`. `cps` sets gates the remedy does not name (default:
  /// the plan's recommended tier on its gates; none when it has no
  /// recommendation, so the gates keep their configured CPS); these too
  /// are written into the file. Without a `simulator` nothing is
  /// simulated (`merge`).
  public static func verify(
    _ plan: CapacityPlan, remedies: [Remedy]? = nil, source: Result<ScenarioSource, ScenarioEdit.Failure>,
    cps: [Scope: Double]? = nil, simulator: Simulator?, maxCalls: Double = InputLimits.defaultMaxCalls
  ) -> RemedyVerification {
    let remedies = remedies ?? Remedies.remedies(for: plan)
    let scenario = plan.scenario
    let budget = CapacityPlan.budget(scenario)
    let needed = BinomialInterval.trialsToBound(events: 0, below: scenario.objectives.suspensionRisk) ?? 0
    let replications = min(
      max(scenario.simulation.replications, needed, DecisionLevel.single.identicalReplicationsNeeded), budget)
    let settings = cps ?? recommendedCPS(plan)
    let simulating = simulator != nil && budget > scenario.simulation.replications
    // The same words for a plan that adds no replications and for its merge, which simulates nothing.
    let notSimulated = Outcome.notSimulated(
      budget <= scenario.simulation.replications
        ? "this plan adds no replications (`max_replications` equal to `replications`, as in a sharded plan)"
        : "nothing is simulated here")

    var entries: [Entry] = remedies.map { remedy in
      guard !remedy.changes.isEmpty else { return Entry(remedy: remedy, fix: nil, outcome: .nothingToVerify) }
      switch source {
      case .failure(let failure): return Entry(remedy: remedy, fix: nil, outcome: .invalid(failure.message))
      case .success(let source):
        var changes = remedy.changes.map { FixScenario.Change(change: $0, reason: reason(for: $0)) }
        let named = Set(remedy.changes.compactMap(\.gate))
        for (gate, value) in settings.sorted(by: { $0.key.description < $1.key.description }) where !named.contains(gate) {
          changes.append(.init(change: .gateCPS(gate, Int(value)), reason: "the plan's recommended CPS for this gate"))
        }
        let fix = FixScenario(source: source, originalName: scenario.name, remedy: remedy.text, changes: changes)
        if case .failure(let failure) = fix.text(status: "", paths: .original) {
          return Entry(remedy: remedy, fix: nil, outcome: .invalid(failure.message))
        }
        return Entry(remedy: remedy, fix: fix, outcome: notSimulated)
      }
    }

    if let simulator, simulating {
      // Load every changed file first, then simulate them together over the simulator's jobs.
      var loaded: [(entry: Int, scenario: Scenario)] = []
      let loader = ScenarioLoader(maxCallsPerReplication: maxCalls, platform: scenario.platform)
      for index in entries.indices {
        guard let fix = entries[index].fix, case .success(let text) = fix.text(status: "", paths: .original) else { continue }
        switch loader.load(text: text, path: "fix.yaml", baseDirectory: fix.source.baseDirectory) {
        case .failure(let failure):
          // The errors, not the warnings the original has too.
          let diagnostics = failure.diagnostics.filter { $0.severity == .error }
          let more = diagnostics.count > 1 ? " (and \(diagnostics.count - 1) more)" : ""
          entries[index].outcome = .invalid((diagnostics.first?.description ?? "the changed scenario does not load") + more)
        case .success(var changed):
          changed.simulation = scenario.simulation
          loaded.append((index, changed))
        }
      }
      let runs = simulator.runAll(loaded.map { (SimulationModel($0.scenario), nil) }, replications: replications)
      for (position, item) in loaded.enumerated() {
        let run = runs[position]
        guard run.isComplete, run.replications.count == replications else {
          entries[item.entry].outcome = .interrupted
          continue
        }
        let checks = item.scenario.objectives.evaluate(run, scenario: item.scenario, level: .single)
        switch ObjectiveOutcome.combined(checks.map(\.outcome)) {
        case .meets: entries[item.entry].outcome = .verified(replications: replications)
        case .fails: entries[item.entry].outcome = .fails(checks.filter { $0.outcome == .fails }, replications: replications)
        case .undecided:
          entries[item.entry].outcome = .undecided(checks.filter { $0.outcome == .undecided }, replications: replications)
        }
      }
    }

    let interrupted = entries.contains { $0.outcome == .interrupted }
    let written =
      interrupted
      ? nil
      : entries.firstIndex { if case .verified = $0.outcome { true } else { false } } ?? entries.firstIndex { $0.fix != nil }
    return RemedyVerification(entries: entries, written: written, replications: replications, budget: budget)
  }

  /// The plan's recommended CPS of each of its gates; empty without a recommendation.
  public static func recommendedCPS(_ plan: CapacityPlan) -> [Scope: Double] {
    plan.recommended?.setting?.overrides ?? [:]
  }

  /// Why a remedy's change is made, for the header of `fix.yaml`.
  static func reason(for change: ScenarioChange) -> String {
    switch change {
    case .spreadBurst: "released evenly over this span, the burst's calls stay below the limit (the remedy's sizing)"
    case .dialerMaxInProgress: "the application holds further calls of this class until one ends"
    case .dialerMaxRate: "the application starts this class's calls no faster than the remedy's safe rate (rounded down)"
    case .gateCPS: "the CPS the remedy names"
    case .trunkRetry(_, _, let delay): delay == nil ? "more attempts after 503, with the delay it has" : "the PBX retries after 503"
    case .profile: "a business profile has no account concurrency cap"
    }
  }

  /// `fix.yaml` as written into the report `folder` (nil: a folder not
  /// known, so relative data-file paths become absolute), or nil when no
  /// remedy has a change to write.
  public func fixFile(folder: URL?) -> String? {
    guard let written, let fix = entries[written].fix else { return nil }
    let paths: FixScenario.Paths = folder.map { .relative(to: $0) } ?? .absolute
    guard case .success(let text) = fix.text(status: statusLine(entries[written].outcome), paths: paths) else { return nil }
    return text
  }

  /// The header's last line: `Verified: meets every objective ...` or `Not verified: ...`.
  func statusLine(_ outcome: Outcome) -> String {
    let text = Self.describe(outcome, budget: budget)
    return text.prefix(1).uppercased() + text.dropFirst() + "."
  }

  /// The outcome's key in `plan --json`: `verified`, `not_verified`,
  /// `undecided`, `invalid` (the changed scenario is refused),
  /// `not_simulated`, `nothing_to_verify` or `interrupted`.
  public static func key(_ outcome: Outcome) -> String {
    switch outcome {
    case .verified: "verified"
    case .fails: "not_verified"
    case .undecided: "undecided"
    case .invalid: "invalid"
    case .notSimulated: "not_simulated"
    case .nothingToVerify: "nothing_to_verify"
    case .interrupted: "interrupted"
    }
  }

  /// `verified: meets every objective with 95% confidence (299 replications)`,
  /// `not verified: suspension risk ... > 1% (299 replications)`, and so on.
  public static func describe(_ outcome: Outcome, budget: Int) -> String {
    let explain = { (checks: [ObjectiveCheck]) in checks.map(\.explanation).joined(separator: "; ") }
    switch outcome {
    case .verified(let count):
      return "verified: with this change the scenario meets every objective with 95% confidence (\(Readable.count(count)) replications)"
    case .fails(let checks, let count):
      return "not verified: with this change \(explain(checks)) (\(Readable.count(count)) replications)"
    case .undecided(let checks, let count):
      return "undecided: with this change \(explain(checks)) after \(count) replications; "
        + (count < budget
          ? "more replications or a looser objective would settle it"
          : "more replications than `simulation.max_replications` (\(budget)) or a looser objective would settle it")
    case .invalid(let message): return "not verified: \(message)"
    case .notSimulated(let why): return "not verified: not simulated, since \(why); `callcap plan fix.yaml` checks it"
    case .nothingToVerify: return "nothing to verify: no scenario key expresses this advice"
    case .interrupted: return "not verified: interrupted"
    }
  }
}

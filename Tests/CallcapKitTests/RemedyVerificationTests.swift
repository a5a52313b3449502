import Foundation
import SimulationKernel
import Testing

@testable import CallcapKit

/// Remedies verified by simulation (SPEC "The application's own pacing,
/// and deadlines", last bullet): each change is written into the
/// scenario's YAML, loaded again and simulated; `fix.yaml` is that text.
///
/// The scenarios are deterministic bursts whose outcomes are known (see
/// ``PlanningTests``: 600 requests at once through the API, each call
/// 40.1 s, so at c CPS the p95 wait is about 570/c s and floor(40.1 c) + 1
/// calls are in progress at once), or loads far over a threshold, so that
/// each verdict is clear of its limit and fixed seeds make it exact.
@Suite struct RemedyVerificationTests {
  /// The burst of ``PlanningTests`` with `tiers`, `replications` to start
  /// and the default `max_replications`.
  static func burstText(tiers: String, waitObjective: String = "300s", threshold: Int = 100, extra: String = "") -> String {
    """
    callcap: 1
    name: burst-plan   # the original's comment
    simulation: { horizon: 1h, replications: 10, seed: 3 }
    account:
      thresholds: { outbound: \(threshold) }
    numbers: [050-1234-5678]
    traffic:
      - name: blast
        type: outbound
        via: api
        from: 050-1234-5678
        to: { mobile: 100% }
        arrivals: { burst: { at: "00:00", count: 600 } }
        duration: 40.1s
    \(extra)
    objectives: { queue_wait_p95: \(waitObjective), threshold_headroom: 10% }
    tiers: \(tiers)
    """
  }

  static func source(_ text: String, path: String = "scenarios/burst.yaml", base: String = "/tmp") -> ScenarioSource {
    ScenarioSource(text: text, path: path, baseDirectory: base)
  }

  static func plan(_ text: String) throws -> CapacityPlan {
    let scenario = try loadScenario(text)
    return CapacityPlan.simulate(scenario, tiers: scenario.tiers, gate: nil, simulator: Simulator(jobs: 2))
  }

  static func isSpread(_ remedy: Remedy) -> Bool {
    remedy.changes.contains { if case .spreadBurst = $0 { true } else { false } }
  }

  /// Inbound calls no gate governs: a steady 95 erlangs against a
  /// threshold of 100 less 10%, and a surge of 60 calls at once.
  static func steadyInboundText(maxReplications: Int = 2000) -> String {
    """
    callcap: 1
    name: steady-inbound
    simulation: { horizon: 1h, replications: 10, max_replications: \(maxReplications), seed: 9 }
    account:
      thresholds: { inbound: 100 }
    numbers: [0800-123-4567]
    traffic:
      - { name: line, type: inbound, to: 0800-123-4567, arrivals: { rate: 1900/h }, duration: 3m }
      - { name: surge, type: inbound, to: 0800-123-4567, arrivals: { burst: { at: 30m, count: 60 } }, duration: 3m }
    objectives: { threshold_headroom: 10% }
    """
  }

  /// 1 CPS is too slow and 3 CPS too fast for the 90-call limit: the plan
  /// fails. The spread remedy (at least 425 s, then 3 CPS keeps the wait)
  /// keeps the peak under 90 in every one of 299 replications (0 of 299
  /// bounds the risk below 1%) and the p95 wait far under 300 s: verified.
  /// Its file loads and holds exactly the change.
  @Test func aSpreadBurstIsVerifiedAndItsFileLoads() throws {
    let text = Self.burstText(tiers: "[1, 3]")
    let plan = try Self.plan(text)
    #expect(plan.status == .fails)
    let remedies = Remedies.remedies(for: plan)
    let spread = try #require(remedies.first(where: Self.isSpread))
    #expect(spread.changes == [.spreadBurst(traffic: "blast", arrival: 0, seconds: 425), .gateCPS(.api, 3)])
    #expect(spread.text.hasPrefix("Spread the 600-call burst of blast over at least 7 min 05 s (now all at once); then 3 CPS"))

    let verification = RemedyVerification.verify(
      plan, remedies: [spread], source: .success(Self.source(text)), simulator: Simulator(jobs: 2))
    #expect(verification.replications == 299)
    #expect(verification.entries[0].outcome == .verified(replications: 299))
    #expect(verification.written == 0)

    let file = try #require(verification.fixFile(folder: URL(fileURLWithPath: "/tmp/reports/burst-plan")))
    #expect(file.hasPrefix("# fix.yaml, written by `callcap plan` from scenarios/burst.yaml (scenario burst-plan)"))
    #expect(file.contains("#   - traffic blast, arrival 1: burst spread: 425s (7.08m): "))
    #expect(file.contains("#   - account.api.cps: 3: the CPS the remedy names"))
    #expect(file.contains("# Verified: with this change the scenario meets every objective with 95% confidence (299 replications)."))
    #expect(!file.contains("the original's comment"))
    let fixed = try ScenarioLoader().load(text: file, path: "fix.yaml", baseDirectory: "/tmp").get()
    #expect(fixed.name == "burst-plan-fix")
    #expect(fixed.traffic[0].arrivals == [.burst(atSeconds: 0, count: 600, spreadSeconds: 425)])
    #expect(fixed.account.api.cps == 3)
    #expect(fixed.account.thresholds.value(for: .outbound) == 100)
    #expect(fixed.tiers == [1, 3])

    // The verdict says it, and the plan's report carries the file.
    let report = PlanReport(
      scenario: try loadScenario(text), tiers: [1, 3], gate: nil, simulator: Simulator(jobs: 2), headroom: false,
      source: Self.source(text))
    let files = Dictionary(report.files(folder: URL(fileURLWithPath: "/tmp/reports/burst-plan")).map { ($0.path, $0.contents) }) {
      first, _ in first
    }
    let markdown = try #require(files["report.md"])
    #expect(
      markdown.contains(
        "(M/D/1). *Verified: with this change the scenario meets every objective with 95% confidence (299 replications).*"))
    // The dialer remedy comes first and, now that scenarios accept `dialer:`, verifies too: it is the one written.
    #expect(
      markdown.contains(
        "cap the calls in progress at the source. *Verified: with this change the scenario meets every objective with 95% "
          + "confidence (299 replications); `fix.yaml` in this folder applies it.*"))
    let written = try #require(files["fix.yaml"])
    // The dialer remedy comes first; whichever is written, it is one of the verdict's remedies and loads or says why not.
    #expect(written.contains("# Verified:") || written.contains("# Not verified:"))
  }

  /// A wait no swept tier meets: at 1 CPS the p95 wait of the burst is
  /// about 569 s against 300 s, so about 2 CPS would be needed; with
  /// `account.api.cps: 2` the wait is 284.5 s in every replication and the
  /// peak 81 stays under the 1,000-call threshold: verified.
  @Test func aCPSRemedyIsVerified() throws {
    let text = Self.burstText(tiers: "[1]", threshold: 1000)
    let plan = try Self.plan(text)
    let remedies = Remedies.remedies(for: plan)
    #expect(remedies.count == 1)
    let remedy = try #require(remedies.first)
    #expect(remedy.text.hasPrefix("Even at 1 CPS the p95 API wait is"))
    #expect(remedy.changes == [.gateCPS(.api, 2)])
    let verification = RemedyVerification.verify(plan, source: .success(Self.source(text)), simulator: Simulator(jobs: 2))
    #expect(verification.entries[0].outcome == .verified(replications: 299))
    let file = try #require(verification.fixFile(folder: nil))
    let fixed = try ScenarioLoader().load(text: file, path: "fix.yaml", baseDirectory: "/tmp").get()
    #expect(fixed.account.api.cps == 2)
  }

  /// CPS set by the plan (its recommended setting, or `cps:`) is written
  /// into the file too, so what was verified is what the file says.
  @Test func gatesTheRemedyDoesNotNameTakeTheGivenCPS() throws {
    let text = Self.burstText(tiers: "[1]", threshold: 1000)
    let plan = try Self.plan(text)
    let spread = Remedy("Spread it.", changes: [.spreadBurst(traffic: "blast", arrival: 0, seconds: 600)])
    let verification = RemedyVerification.verify(
      plan, remedies: [spread], source: .success(Self.source(text)), cps: [.api: 2], simulator: Simulator(jobs: 2))
    // 600 requests over 600 s at 2 CPS: the queue never builds up.
    #expect(verification.entries[0].outcome == .verified(replications: 299))
    let file = try #require(verification.fixFile(folder: nil))
    #expect(file.contains("#   - account.api.cps: 2: the plan's recommended CPS for this gate"))
    let fixed = try ScenarioLoader().load(text: file, path: "fix.yaml", baseDirectory: "/tmp").get()
    #expect(fixed.account.api.cps == 2)
    #expect(fixed.traffic[0].arrivals == [.burst(atSeconds: 0, count: 600, spreadSeconds: 600)])
  }

  /// The steady 95 erlangs reach 90 calls in every hour, surge or not.
  /// The remedy spreads the surge (its sizing is right for the surge
  /// alone), but the steady load still reaches the limit: not verified,
  /// naming the suspension risk with its figure; the file still shows the
  /// change, its header saying so.
  @Test func aRemedyThatDoesNotSufficeNamesTheFailingObjective() throws {
    let text = Self.steadyInboundText()
    let plan = try Self.plan(text)
    #expect(plan.gates.isEmpty && plan.status == .fails)
    let remedies = Remedies.remedies(for: plan)
    let remedy = try #require(remedies.first)
    #expect(remedy.text.hasPrefix("CPS does not govern inbound calls without a gate (line, surge)"))
    let spread = try #require(remedy.changes.first)
    guard case .spreadBurst("surge", 0, let seconds) = spread else {
      Issue.record("expected the surge spread, got \(spread)")
      return
    }
    #expect(seconds > 0)
    let verification = RemedyVerification.verify(plan, source: .success(Self.source(text)), simulator: Simulator(jobs: 2))
    guard case .fails(let checks, let count) = verification.entries[0].outcome else {
      Issue.record("expected a failure, got \(verification.entries[0].outcome)")
      return
    }
    #expect(count == 299)
    #expect(checks.map(\.objective) == [.suspensionRisk])
    #expect(checks[0].breaches?.events == 299)
    let text0 = RemedyVerification.describe(verification.entries[0].outcome, budget: verification.budget)
    #expect(text0.hasPrefix("not verified: with this change suspension risk 299 of 299 replications"))
    #expect(text0.hasSuffix("> 1% (299 replications)"))
    // None verified: the first with a change is written, and says it does not suffice.
    #expect(verification.written == 0)
    let file = try #require(verification.fixFile(folder: nil))
    #expect(file.contains("# Not verified: with this change suspension risk 299 of 299 replications"))
  }

  /// A change the loader refuses is reported with the loader's message
  /// (file, line and column in the changed text), never simulated and
  /// never a crash; a source that cannot be read is said so.
  @Test func aChangeTheLoaderRefusesIsNotVerified() throws {
    let text = Self.burstText(tiers: "[1]", threshold: 1000)
    let plan = try Self.plan(text)
    // CPS 0 is refused by the loader.
    let zero = Remedy("Cap it.", changes: [.spreadBurst(traffic: "blast", arrival: 0, seconds: 0), .gateCPS(.api, 0)])
    let missing = Remedy("Spread a class that is not there.", changes: [.spreadBurst(traffic: "nobody", arrival: 0, seconds: 5)])
    let verification = RemedyVerification.verify(
      plan, remedies: [zero, missing], source: .success(Self.source(text)), simulator: Simulator(jobs: 2))
    guard case .invalid(let message) = verification.entries[0].outcome else {
      Issue.record("expected the loader's message, got \(verification.entries[0].outcome)")
      return
    }
    #expect(message.hasPrefix("fix.yaml:"))
    #expect(message.contains(": error: "))
    #expect(verification.entries[1].outcome == .invalid("the scenario has no traffic class named 'nobody'"))
    #expect(verification.entries[1].fix == nil)
    // The first with a change that can be written is the file, saying it does not load.
    #expect(verification.written == 0)
    #expect(try #require(verification.fixFile(folder: nil)).contains("# Not verified: fix.yaml:"))

    let unreadable = RemedyVerification.verify(
      plan, source: .failure(ScenarioEdit.Failure(message: "cannot read 'x.yaml' again: no such file")), simulator: Simulator(jobs: 2))
    #expect(unreadable.entries[0].outcome == .invalid("cannot read 'x.yaml' again: no such file"))
    #expect(unreadable.fixFile(folder: nil) == nil)
  }

  /// Relative `file:` paths (an arrival profile and empirical durations)
  /// are rewritten to start from the report folder, so the written
  /// `fix.yaml` loads there, through the output discipline; absolute
  /// paths when the folder is not known.
  @Test func relativeDataFilesResolveFromTheReportFolder() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("callcap-fix-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenarios = root.appendingPathComponent("scenarios")
    try FileManager.default.createDirectory(at: scenarios.appendingPathComponent("data"), withIntermediateDirectories: true)
    try "0,10/h\n30m,20/h\n".write(to: scenarios.appendingPathComponent("data/profile.csv"), atomically: true, encoding: .utf8)
    try "40.1\n".write(to: scenarios.appendingPathComponent("data/durations.csv"), atomically: true, encoding: .utf8)
    let path = scenarios.appendingPathComponent("burst.yaml").path
    let extra = """
        - name: steady
          type: outbound
          via: api
          from: 050-1234-5678
          to: { mobile: 100% }
          arrivals: { profile: { file: data/profile.csv } }
          duration: empirical(file: data/durations.csv)
      """
    try Self.burstText(tiers: "[1, 3]", extra: extra).write(toFile: path, atomically: true, encoding: .utf8)
    let scenario = try ScenarioLoader().load(path: path).get()
    let report = PlanReport(scenario: scenario, tiers: [1, 3], gate: nil, simulator: Simulator(jobs: 2), headroom: false)
    let folder = root.appendingPathComponent("reports/burst-plan")
    try OutputFolder.write(report.files(folder: folder), to: folder)

    let fixPath = folder.appendingPathComponent("fix.yaml").path
    let written = try String(contentsOfFile: fixPath, encoding: .utf8)
    #expect(written.contains("profile: {file: ../../scenarios/data/profile.csv}"))
    #expect(written.contains("empirical(file: ../../scenarios/data/durations.csv)"))
    #expect(written.contains("# Data files: relative paths are rewritten to start from this file's folder"))
    let fixed = try ScenarioLoader().load(path: fixPath).get()
    #expect(fixed.name == "burst-plan-fix")
    #expect(fixed.traffic.map(\.name) == ["blast", "steady"])
    #expect(fixed.traffic[1].duration.uncappedMean == 40.1)

    let absolute = try #require(report.files.first { $0.path == "fix.yaml" }?.contents)
    #expect(absolute.contains("empirical(file: \(scenarios.standardizedFileURL.path)/data/durations.csv)"))
    #expect(try ScenarioLoader().load(text: absolute, path: "fix.yaml", baseDirectory: "/").get().traffic.count == 2)
  }

  @Test func relativePathsWalkUpToTheCommonFolder() {
    #expect(FixScenario.relativePath(of: "data/d.csv", from: "/p/scenarios", to: "/p/reports/x") == "../../scenarios/data/d.csv")
    #expect(FixScenario.relativePath(of: "../d.csv", from: "/p/scenarios", to: "/p/reports/x") == "../../d.csv")
    #expect(FixScenario.relativePath(of: "d.csv", from: "/p/reports/x", to: "/p/reports/x") == "d.csv")
    #expect(FixScenario.relativePath(of: "d.csv", from: "/q", to: "/p/r") == "../../q/d.csv")
  }

  /// No remedy, no file: a plan that meets writes no `fix.yaml`, and
  /// writing it over a report that had one removes it (the folder is
  /// replaced whole). A failing plan whose remedies are advice only
  /// writes none either.
  @Test func noRemedyNoFixFile() throws {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("callcap-fix-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("burst-plan")
    let failing = Self.burstText(tiers: "[1, 3]")
    let before = PlanReport(
      scenario: try loadScenario(failing), tiers: [1, 3], gate: nil, simulator: Simulator(jobs: 2), headroom: false,
      source: Self.source(failing))
    try OutputFolder.write(before.files(folder: folder), to: folder)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("fix.yaml").path))

    let meeting = Self.burstText(tiers: "[1, 2, 3]")
    let after = PlanReport(
      scenario: try loadScenario(meeting), tiers: [1, 2, 3], gate: nil, simulator: Simulator(jobs: 2), headroom: false,
      source: Self.source(meeting))
    #expect(after.plan.status == .meets)
    #expect(after.remedies == nil)
    #expect(!after.files(folder: folder).contains { $0.path == "fix.yaml" })
    try OutputFolder.write(after.files(folder: folder), to: folder)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("fix.yaml").path))

    // Steady inbound load no gate governs and no surge: advice only.
    let advice = """
      callcap: 1
      name: advice-only
      simulation: { horizon: 1h, replications: 10, max_replications: 10, seed: 9 }
      account:
        thresholds: { inbound: 100 }
      numbers: [0800-123-4567]
      traffic:
        - { name: line, type: inbound, to: 0800-123-4567, arrivals: { rate: 1900/h }, duration: 3m }
      """
    let report = PlanReport(
      scenario: try loadScenario(advice), tiers: [], gate: nil, simulator: Simulator(jobs: 2), headroom: false,
      source: Self.source(advice))
    let verification = try #require(report.remedies)
    #expect(verification.entries.map(\.outcome) == [.nothingToVerify])
    #expect(!report.files.contains { $0.path == "fix.yaml" })
    let markdown = try #require(report.files.first { $0.path == "report.md" }?.contents)
    #expect(markdown.contains("*Nothing to verify: no scenario key expresses this advice.*"))
  }

  /// A plan that adds no replications (a sharded plan, and its merge,
  /// which simulates nothing) does not verify, in the same words either
  /// way, so that the merge writes what the single plan writes.
  @Test func aPlanThatAddsNoReplicationsDoesNotVerify() throws {
    let text = Self.steadyInboundText(maxReplications: 10)
    let plan = try Self.plan(text)
    #expect(plan.status == .fails)
    let simulated = RemedyVerification.verify(plan, source: .success(Self.source(text)), simulator: Simulator(jobs: 2))
    let merged = RemedyVerification.verify(plan, source: .success(Self.source(text)), simulator: nil)
    let expected = RemedyVerification.Outcome.notSimulated(
      "this plan adds no replications (`max_replications` equal to `replications`, as in a sharded plan)")
    #expect(simulated.entries.map(\.outcome) == [expected])
    #expect(merged.entries.map(\.outcome) == [expected])
    #expect(simulated.fixFile(folder: nil) == merged.fixFile(folder: nil))
    #expect(try #require(merged.fixFile(folder: nil)).contains("# Not verified: not simulated, since this plan adds no replications"))
  }

  /// A stop requested while verifying leaves no file to write and no
  /// verdict claiming anything: every simulated remedy is interrupted.
  @Test func anInterruptedVerificationWritesNoFile() throws {
    let text = Self.burstText(tiers: "[1, 3]")
    let plan = try Self.plan(text)
    let token = CancellationToken()
    token.cancel()
    let verification = RemedyVerification.verify(
      plan, remedies: Remedies.remedies(for: plan).filter(Self.isSpread), source: .success(Self.source(text)),
      simulator: Simulator(jobs: 2, cancellation: token))
    #expect(verification.entries.map(\.outcome) == [.interrupted])
    #expect(verification.written == nil)
    #expect(verification.fixFile(folder: nil) == nil)
  }

  /// An undecided verification says what would settle it: more
  /// replications while under the budget, else past it, or a looser objective.
  @Test func undecidedSaysWhatWouldSettleIt() {
    let check = ObjectiveCheck(suspensionRisk: BinomialInterval(events: 2, trials: 299), limit: 0.01)
    #expect(check.outcome == .undecided)
    let outcome = RemedyVerification.Outcome.undecided([check], replications: 299)
    #expect(
      RemedyVerification.describe(outcome, budget: 2000)
        == "undecided: with this change \(check.explanation) after 299 replications; "
        + "more replications or a looser objective would settle it")
    #expect(
      RemedyVerification.describe(outcome, budget: 299).hasSuffix(
        "more replications than `simulation.max_replications` (299) or a looser objective would settle it"))
  }

  /// Rates are written rounded down to three digits, never above the
  /// rate the remedy computed.
  @Test func ratesAreRoundedDown() {
    #expect(ScenarioChange.rateText(0.74449) == "0.744/s")
    #expect(ScenarioChange.rateText(1.999) == "1.99/s")
    #expect(ScenarioChange.rateText(123.45) == "123/s")
    #expect(ScenarioChange.rateText(0.005) == "18/h")
  }
}

/// The YAML tree round trip under every change: each example scenario,
/// rebuilt by ``ScenarioEdit`` with no change but its name, loads to the
/// same scenario (every key, value, distribution and data file).
@Suite struct ScenarioEditTests {
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  @Test func examplesSurviveTheRoundTrip() throws {
    let folder = Self.repository.appendingPathComponent("scenarios")
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(names.count >= 5)
    for name in names {
      let path = folder.appendingPathComponent(name).path
      let original = try ScenarioLoader().load(path: path).get()
      let source = try ScenarioSource.read(path).get()
      let text = try ScenarioEdit.apply([], to: source.text, name: original.name + "-fix") { $0 }.get()
      let rebuilt = try ScenarioLoader().load(text: text, path: "fix.yaml", baseDirectory: source.baseDirectory).get()
      #expect(rebuilt.name == original.name + "-fix")
      #expect(rebuilt.simulation == original.simulation, "\(name)")
      #expect(String(describing: rebuilt.account) == String(describing: original.account), "\(name)")
      #expect(String(describing: rebuilt.traffic) == String(describing: original.traffic), "\(name)")
      #expect(String(describing: rebuilt.agents) == String(describing: original.agents), "\(name)")
      #expect(String(describing: rebuilt.objectives) == String(describing: original.objectives), "\(name)")
      // Expectations also carry their line, which rebuilding moves.
      let limits = { (scenario: Scenario) in
        scenario.expectations.map {
          "\($0.metric) \($0.scope) \(String(describing: $0.min)) \(String(describing: $0.max)) \(String(describing: $0.tier))"
        }
      }
      #expect(limits(rebuilt) == limits(original), "\(name)")
      #expect(rebuilt.numbers == original.numbers && rebuilt.tiers == original.tiers, "\(name)")
      #expect(rebuilt.warnings.map(\.message) == original.warnings.map(\.message), "\(name)")
    }
  }

  /// Each kind of change lands on its key, creating the mappings it needs.
  @Test func everyChangeLandsOnItsKey() throws {
    let text = """
      callcap: 1
      name: edits
      simulation: { horizon: 1h }
      account:
        trunks:
          - { name: pbx, cps: 1 }
          - name: dialer
            cps: 2
            retry: { attempts: 2, delay: exponential(mean: 5s) }
      numbers: [050-1234-5678]
      traffic:
        - name: a
          type: outbound
          via: trunk:pbx
          from: 050-1234-5678
          to: { mobile: 100% }
          arrivals:
            - rate: 1/min
            - burst: { at: 10m, count: 50 }
          duration: 1m
      """
    let changes: [ScenarioChange] = [
      .spreadBurst(traffic: "a", arrival: 1, seconds: 120), .gateCPS(.api, 4), .gateCPS(.trunk("pbx"), 3),
      .trunkRetry(trunk: "pbx", attempts: 3, delay: "exponential(mean: 2s)"), .trunkRetry(trunk: "dialer", attempts: 4, delay: nil),
      .profile(.business),
    ]
    let edited = try ScenarioEdit.apply(changes, to: text, name: "edits-fix") { $0 }.get()
    let scenario = try ScenarioLoader().load(text: edited, path: "fix.yaml", baseDirectory: "/tmp").get()
    #expect(scenario.traffic[0].arrivals[1] == .burst(atSeconds: 600, count: 50, spreadSeconds: 120))
    #expect(scenario.account.api.cps == 4)
    #expect(scenario.account.profile == .business)
    #expect(scenario.account.trunks.map(\.cps) == [3, 2])
    #expect(scenario.account.trunks.map { $0.retry?.attempts } == [3, 4])
    #expect(scenario.account.trunks[0].retry?.delay == DistributionSpec(.exponential(mean: 2)))
    // A trunk that retries keeps its delay.
    #expect(scenario.account.trunks[1].retry?.delay == DistributionSpec(.exponential(mean: 5)))
    let dialer = try ScenarioEdit.apply([.dialerMaxRate(traffic: "a", rate: "0.5/s")], to: text, name: "x") { $0 }.get()
    #expect(dialer.contains("dialer: {max_rate: 0.5/s}"))
    #expect(
      ScenarioEdit.apply([.spreadBurst(traffic: "a", arrival: 0, seconds: 5)], to: text, name: "x") { $0 }
        == .failure(ScenarioEdit.Failure(message: "arrival 1 of traffic a is not a burst mapping")))
  }
}

import Foundation
import Testing

/// `fix.yaml` as a user gets it from `callcap plan`: written into the
/// report folder, accepted by `callcap plan` from there (its data files
/// found from that folder), and written byte for byte alike by a plan that
/// adds no replications and by the merge of its shards.
@Suite struct FixCommandTests {
  /// Inbound calls no gate governs: a steady 95 erlangs (durations from a
  /// data file, all 3 minutes) against a threshold of 100 less 10%, and a
  /// surge of 60 calls. No tier exists to buy; the remedy spreads the
  /// surge, which does not suffice.
  static let scenario = """
    callcap: 1
    name: steady-inbound   # a comment fix.yaml does not keep
    simulation: { horizon: 1h, replications: 10, seed: 9 }
    account:
      thresholds: { inbound: 100 }
    numbers: [0800-123-4567]
    traffic:
      - { name: line, type: inbound, to: 0800-123-4567, arrivals: { rate: 1900/h }, duration: empirical(file: data/durations.csv) }
      - { name: surge, type: inbound, to: 0800-123-4567, arrivals: { burst: { at: 30m, count: 60 } }, duration: 3m }
    objectives: { threshold_headroom: 10% }
    """

  static func project() throws -> (root: URL, scenario: String) {
    let root = try CommandLineTests.temporaryFolder()
    let scenarios = root.appendingPathComponent("scenarios")
    try FileManager.default.createDirectory(at: scenarios.appendingPathComponent("data"), withIntermediateDirectories: true)
    try "180\n".write(to: scenarios.appendingPathComponent("data/durations.csv"), atomically: true, encoding: .utf8)
    return (root, try CommandLineTests.write(Self.scenario, to: "scenarios/steady.yaml", in: root))
  }

  @Test func planWritesAFixThatPlanAccepts() throws {
    let (root, scenario) = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let planned = try CommandLineTests.callcap(["plan", scenario, "--out", "reports", "--jobs", "2", "--quiet"], in: root)
    #expect(planned.status == 0, "\(planned.error)")
    let fix = root.appendingPathComponent("reports/steady-inbound/fix.yaml")
    let text = try String(contentsOf: fix, encoding: .utf8)
    #expect(text.contains("# Not verified: with this change suspension risk 299 of 299 replications"))
    #expect(text.contains("empirical(file: ../../scenarios/data/durations.csv)"))
    #expect(text.contains("name: steady-inbound-fix"))
    #expect(!text.contains("a comment fix.yaml does not keep"))
    let markdown = try String(
      contentsOf: root.appendingPathComponent("reports/steady-inbound/report.md"), encoding: .utf8)
    #expect(markdown.contains("*Not verified: with this change suspension risk 299 of 299 replications"))
    #expect(markdown.contains("`fix.yaml` in this folder applies it.*"))

    // From another folder, as a user runs it: its own report folder, the original left as it was.
    let again = try CommandLineTests.callcap(
      ["plan", "steady-inbound/fix.yaml", "--out", ".", "--replications", "10", "--max-replications", "10", "--quiet"],
      in: root.appendingPathComponent("reports"))
    #expect(again.status == 0, "\(again.error)")
    #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("reports/steady-inbound-fix/report.md").path))
    #expect(try String(contentsOf: fix, encoding: .utf8) == text)
  }

  /// A plan that adds no replications does not simulate its remedies, and
  /// the merge of its shards writes the same `fix.yaml` and verdict.
  @Test func theMergeOfShardsWritesTheSameFix() throws {
    let (root, scenario) = try Self.project()
    defer { try? FileManager.default.removeItem(at: root) }
    let single = try CommandLineTests.callcap(
      ["plan", scenario, "--replications", "6", "--max-replications", "6", "--out", "single", "--quiet"], in: root)
    #expect(single.status == 0, "\(single.error)")
    for shard in ["1/2", "2/2"] {
      let ran = try CommandLineTests.callcap(
        ["plan", scenario, "--replications", "6", "--shard", shard, "--out", "shards", "--quiet"], in: root)
      #expect(ran.status == 0, "\(ran.error)")
    }
    let shards = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("shards").path).sorted()
      .map { "shards/" + $0 }
    let merged = try CommandLineTests.callcap(["merge"] + shards + ["--out", "merged", "--quiet"], in: root)
    #expect(merged.status == 0, "\(merged.error)")
    for file in ["fix.yaml", "report.md"] {
      let one = try String(contentsOf: root.appendingPathComponent("single/steady-inbound/\(file)"), encoding: .utf8)
      let other = try String(contentsOf: root.appendingPathComponent("merged/steady-inbound/\(file)"), encoding: .utf8)
      #expect(one == other, "\(file) differs")
    }
    let fix = try String(contentsOf: root.appendingPathComponent("merged/steady-inbound/fix.yaml"), encoding: .utf8)
    #expect(fix.contains("# Not verified: not simulated, since this plan adds no replications"))
  }
}

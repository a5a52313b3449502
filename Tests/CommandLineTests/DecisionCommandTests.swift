import Foundation
import Testing

/// Wrong answer 6 at the level it was found: a scenario whose traffic passes
/// no CPS gate said "no tier meets every objective" while its table said
/// every objective was met, and `--json` had only `recommended_tier: null`.
@Suite struct DecisionCommandTests {
  /// Inbound calls only (no API, no trunk), far below the threshold.
  static let noGate = """
    callcap: 1
    name: no-gate
    simulation: { horizon: 1h, replications: 10, seed: 2 }
    numbers: [050-1234-5678]
    traffic:
      - { name: callers, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 2m }
    objectives: { rejected: 0.5%, threshold_headroom: 10% }
    """

  @Test func noGateScenarioGetsAVerdict() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.noGate, to: "no-gate.yaml", in: folder)
    let out = folder.appendingPathComponent("out").path

    let plain = try CommandLineTests.callcap(["plan", path, "--out", out])
    #expect(plain.status == 0)
    #expect(plain.output.hasPrefix("no-gate: no CPS to buy; every objective holds; wrote"))
    let report = try String(contentsOfFile: out + "/no-gate/report.md", encoding: .utf8)
    #expect(report.contains("## Verdict\n\n**No CPS to buy; every objective holds.**"))
    #expect(!report.contains("no tier meets"))

    let json = try CommandLineTests.callcap(["plan", path, "--out", out, "--json"])
    #expect(json.status == 0)
    let object = try CommandLineTests.onlyScenario(json.output, command: "plan")
    #expect(object["name"] as? String == "no-gate")
    let verdict = try #require(object["verdict"] as? [String: Any])
    #expect(verdict["status"] as? String == "meets")
    #expect((verdict["recommended_cps"] as? [String: Any])?.isEmpty == true)
    let objectives = try #require(verdict["objectives"] as? [[String: Any]])
    #expect(objectives.compactMap { $0["objective"] as? String } == ["rejected", "suspension_risk"])
    #expect(objectives.allSatisfy { $0["outcome"] as? String == "meets" })
    let risk = try #require(objectives.last)
    #expect(try #require(risk["replications"] as? Int) >= 517)
    #expect(try #require((risk["interval"] as? [Any])?.last as? Double) <= 0.01)
  }

  /// The recommended CPS is a JSON number, and tiers.csv carries the decision.
  @Test func recommendedCPSIsANumber() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // 600 calls at once, 40.1 s each: peaks 41, 81, 121 at 1, 2, 3 CPS against a 90-call limit.
    let burst = """
      callcap: 1
      name: cli-burst
      simulation: { horizon: 1h, replications: 2 }
      account: { thresholds: { outbound: 100 } }
      numbers: [050-1234-5678]
      traffic:
        - { name: blast, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% },
            arrivals: { burst: { at: "00:00", count: 600 } }, duration: 40.1s }
      objectives: { queue_wait_p95: 300s, threshold_headroom: 10% }
      """
    let path = try CommandLineTests.write(burst, to: "burst.yaml", in: folder)
    let out = folder.appendingPathComponent("out").path
    let json = try CommandLineTests.callcap(["plan", path, "--out", out, "--json", "--tiers", "1,2,3"])
    #expect(json.status == 0)
    let verdict = try #require(try CommandLineTests.onlyScenario(json.output, command: "plan")["verdict"] as? [String: Any])
    #expect(verdict["status"] as? String == "buy")
    #expect((verdict["recommended_cps"] as? [String: Any])?.keys.sorted() == ["api"])
    #expect(((verdict["recommended_cps"] as? [String: Any])?["api"] as? NSNumber)?.doubleValue == 2)
    let tiers = try String(contentsOfFile: out + "/cli-burst/tiers.csv", encoding: .utf8)
    #expect(tiers.contains("cli-burst,2,2,api,2,1,true,2,546,meets,true,true,,") && tiers.contains(",meets,,,,,,meets,,,\n"))
  }

  /// A grid of gate combinations too large to weigh is refused before
  /// anything runs, with the candidates per gate; a sharded plan takes
  /// only grids it can run whole (at most 400 options).
  @Test func largeGridsAreRefusedBeforeSimulating() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let grid = """
      callcap: 1
      name: grid
      simulation: { horizon: 1h, replications: 2 }
      account:
        trunks:
          - { name: a, cps: 1, tiers: [\((1...30).map(String.init).joined(separator: ", "))] }
          - { name: b, cps: 1, tiers: [\((1...30).map(String.init).joined(separator: ", "))] }
          - { name: c, cps: 1, tiers: [\((1...30).map(String.init).joined(separator: ", "))] }
      numbers: [050-1234-5678]
      traffic:
        - { name: x, type: outbound, via: trunk:a, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1m }
        - { name: y, type: outbound, via: trunk:b, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1m }
        - { name: z, type: outbound, via: trunk:c, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/s }, duration: 1m }
      """
    let path = try CommandLineTests.write(grid, to: "grid.yaml", in: folder)
    let out = folder.appendingPathComponent("out").path
    let refused = try CommandLineTests.callcap(["plan", path, "--out", out])
    #expect(refused.status == 64)
    #expect(
      refused.error.contains(
        "plan weighs at most 20000 combinations of gate CPS, this one has 27000 (trunk:a 30 x trunk:b 30 x trunk:c 30 candidates)"),
      "\(refused.error)")
    #expect(!FileManager.default.fileExists(atPath: out))
    let sharded = try CommandLineTests.callcap(["plan", path, "--out", out, "--tiers", "1,2,3,4,5,6,7,8", "--shard", "1/2"])
    #expect(sharded.status == 64)
    #expect(sharded.error.contains("plan --shard weighs at most 400 combinations of gate CPS, this one has 512"), "\(sharded.error)")
  }
}

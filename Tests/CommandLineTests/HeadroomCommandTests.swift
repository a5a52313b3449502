import Foundation
import Testing

/// `callcap headroom` as a user runs it: the report folder, the summary,
/// and every refusal before anything is simulated.
@Suite struct HeadroomCommandTests {
  static let scenario = """
    callcap: 1
    name: burst
    simulation: { horizon: 1h, replications: 20, seed: 7, resolution: 1h }
    account: { api: { cps: 10 }, thresholds: { outbound: 100 } }
    objectives: { threshold_headroom: 10% }
    numbers: [050-1234-5678]
    traffic:
      - { name: b, type: outbound, arrivals: { burst: { at: 0s, count: 60 } }, duration: 1h }
    """

  @Test func writesTheReportFolderAndTheGrowthDate() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "burst.yaml", in: folder)
    let out = folder.appendingPathComponent("reports")
    let outcome = try CommandLineTests.callcap([
      "headroom", path, "--configured", "--growth", "5%/month", "--from", "2026-12-01", "--out", out.path, "--jobs", "2",
    ])
    #expect(outcome.status == 0, "\(outcome.error)")
    #expect(outcome.output.contains("burst: the configured CPS holds up to x1.48, then the outbound threshold"))
    // 1.05^8.06 = 1.48: eight months and a day or two.
    #expect(outcome.output.contains("at 5%/month reached 2027-08-0"))
    let report = out.appendingPathComponent("burst-headroom")
    let markdown = try String(contentsOf: report.appendingPathComponent("report.md"), encoding: .utf8)
    #expect(markdown.contains("## Growth") && markdown.contains("rounded to the nearest whole call"))
    let csv = try String(contentsOf: report.appendingPathComponent("headroom.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("scenario,factor,decision,replications,objective,scope,measured,low,high,limit,outcome\n"))
    #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("charts/headroom-suspension_risk.svg").path))
  }

  @Test(arguments: [
    (["--classes", "nope"], "no traffic class named 'nope'"),
    (["--growth", "5"], "--growth takes a positive monthly rate"),
    (["--growth", "5%/month", "--from", "2026-13-01"], "--from takes a date"),
    (["--from", "2026-12-01"], "--from needs --growth"),
    (["--shard", "1/2"], "headroom does not take --shard"),
  ])
  func refusesBadOptionsWithExit64(arguments: [String], message: String) throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "burst.yaml", in: folder)
    let out = folder.appendingPathComponent("reports")
    let outcome = try CommandLineTests.callcap(["headroom", path, "--configured", "--out", out.path] + arguments)
    #expect(outcome.status == 64)
    #expect(outcome.error.contains(message), "\(outcome.error)")
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }
}

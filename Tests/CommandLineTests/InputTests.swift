import Foundation
import Testing

/// Command-line input: the same ranges as the scenario format, usage errors
/// (64) for bad options, and special files refused (66) without hanging.
@Suite struct InputTests {
  static let scenario = """
    callcap: 1
    name: input-cli
    simulation: { horizon: 10m, replications: 2 }
    numbers: [050-1234-5678]
    traffic:
      - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.2/s }, duration: 30s }
    """

  static func withScenario(_ text: String = scenario, _ body: (URL, String) throws -> Void) throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try body(folder, try CommandLineTests.write(text, to: "s.yaml", in: folder))
  }

  /// `--tiers` follows `tiers:`: whole decimal CPS from 1 to 10000, each once.
  @Test(arguments: ["0x10", "1,1", "1.5,2", "1e-20", "0", "10001", "1,,2", "nan", "inf"])
  func badTiersAreUsageErrors(tiers: String) throws {
    try Self.withScenario { folder, path in
      let outcome = try CommandLineTests.callcap(["plan", path, "--tiers", tiers, "--out", folder.path, "--quiet"])
      #expect(outcome.status == 64, "\(tiers): \(outcome.error)")
      #expect(outcome.error.contains("--tiers"), "\(outcome.error)")
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("input-cli").path))
    }
  }

  @Test func seedRangeMatchesTheScenarioFormat() throws {
    try Self.withScenario { folder, path in
      let over = try CommandLineTests.callcap(["run", path, "--seed", "9223372036854775808", "--out", folder.path, "--quiet"])
      #expect(over.status == 64)
      #expect(over.error.contains("--seed must be between 0 and 9223372036854775807"))
      let largest = try CommandLineTests.callcap(["run", path, "--seed", "9223372036854775807", "--out", folder.path, "--quiet"])
      #expect(largest.status == 0, "\(largest.error)")
    }
  }

  @Test(arguments: ["nan", "inf", "-1", "0"])
  func maxCallsMustBeFinite(value: String) throws {
    try Self.withScenario { folder, path in
      for command in [["run", path, "--out", folder.path], ["validate", path], ["estimate", path]] {
        let outcome = try CommandLineTests.callcap(command + ["--max-calls", value])
        #expect(outcome.status == 64, "\(command[0]) --max-calls \(value): \(outcome.error)")
      }
    }
  }

  /// `--replications` and `--tiers` raise the work the loader estimated from
  /// the file; the estimate is made again, before anything is simulated.
  @Test func overridesPassTheWorkloadGuardAgain() throws {
    let fine = """
      callcap: 1
      name: input-fine
      simulation: { horizon: 10d, resolution: 1s, replications: 2 }
      numbers: [050-1234-5678]
      traffic:
        - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/d }, duration: 30s }
      """
    try Self.withScenario(fine) { folder, path in
      let refused = try CommandLineTests.callcap(["run", path, "--replications", "200", "--out", folder.path, "--quiet"])
      #expect(refused.status == 64, "\(refused.error)")
      #expect(refused.error.contains("with the command-line options"), "\(refused.error)")
      #expect(refused.error.contains("time-series buckets"), "\(refused.error)")
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("input-fine").path))
      let tiers = (1...60).map(String.init).joined(separator: ",")
      let plan = try CommandLineTests.callcap(["plan", path, "--tiers", tiers, "--out", folder.path, "--quiet"])
      #expect(plan.status == 64, "\(plan.error)")
    }
  }

  /// `plan` keeps every replication's time series and may extend an
  /// undecided tier up to `max_replications` (default 2000): its guard counts
  /// those replications, not only the file's `replications`.
  @Test func planGuardCountsTheSequentialReplications() throws {
    let fine = """
      callcap: 1
      name: input-budget
      simulation: { horizon: 1d, resolution: 1s, replications: 2 }
      numbers: [050-1234-5678]
      traffic:
        - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1/d }, duration: 30s }
      objectives: { queue_wait_p95: 1s }
      tiers: [1]
      """
    try Self.withScenario(fine) { folder, path in
      let valid = try CommandLineTests.callcap(["validate", path])
      #expect(valid.status == 0, "\(valid.error)")
      let plan = try CommandLineTests.callcap(["plan", path, "--out", folder.path, "--quiet"])
      #expect(plan.status == 64, "\(plan.error)")
      #expect(plan.error.contains("max_replications"), "\(plan.error)")
      #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("input-budget").path))
    }
  }

  /// `estimate` sits behind the same guard as a simulation.
  @Test func estimateHonoursTheWorkloadGuard() throws {
    try Self.withScenario { _, path in
      let refused = try CommandLineTests.callcap(["estimate", path, "--max-calls", "10"])
      #expect(refused.status == 65)
      #expect(refused.error.contains("more than the limit of 10 (--max-calls)"))
      let accepted = try CommandLineTests.callcap(["estimate", path])
      #expect(accepted.status == 0, "\(accepted.error)")
    }
  }

  @Test func fractionalCPSInAFileIsAnErrorWithItsPosition() throws {
    let text = Self.scenario.replacingOccurrences(of: "simulation:", with: "account: { api: { cps: 1.5 } }\nsimulation:")
    try Self.withScenario(text) { _, path in
      let outcome = try CommandLineTests.callcap(["validate", path])
      #expect(outcome.status == 65)
      #expect(outcome.error.contains("s.yaml:3:24: error: API 'cps': CPS must be a whole number from 1 to 10000"), "\(outcome.error)")
    }
  }

  /// A FIFO or a device as the scenario: refused at once with 66, never read.
  @Test func specialFilesAreRefusedWithoutHanging() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let fifo = folder.appendingPathComponent("pipe.yaml").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let loop = folder.appendingPathComponent("loop.yaml").path
    try FileManager.default.createSymbolicLink(atPath: loop, withDestinationPath: loop)
    let started = Date()
    let cases = [
      (fifo, "it is a FIFO (named pipe), not a regular file"), ("/dev/zero", "it is a character device, not a regular file"),
      (loop, "too many levels of symbolic links (a symlink loop?)"),
    ]
    for (path, reason) in cases {
      let outcome = try CommandLineTests.callcap(["validate", path])
      #expect(outcome.status == 66)
      #expect(outcome.error == "\(path): error: cannot open '\(path)': \(reason)\n")
    }
    #expect(Date().timeIntervalSince(started) < 30)
  }

  @Test func duplicateKeyDoesNotEchoTheFile() throws {
    let text = "callcap: 1\nname: a\nname: b\n" + String(repeating: "# padding\n", count: 50_000)
    try Self.withScenario(text) { _, path in
      let outcome = try CommandLineTests.callcap(["validate", path])
      #expect(outcome.status == 65)
      #expect(outcome.error == "\(path):2:1: error: duplicate key 'name' in a mapping (each key may appear once)\n")
    }
  }
}

/// The `scenario` fuzz target in replay mode: its seeds, every finding kept
/// in `Tests/CallcapKitTests/Fixtures/fuzz/scenario/`, the examples and the
/// invalid corpus load and (when valid) simulate under the call budget
/// without a trap.
extension InputTests {
  @Test func scenarioFuzzCorpusReplaysCleanly() throws {
    var files: [String] = []
    for folder in [
      "fuzz/seeds/scenario", "Tests/CallcapKitTests/Fixtures/fuzz/scenario", "scenarios", "Tests/CallcapKitTests/Fixtures/invalid",
    ] {
      let url = CommandLineTests.repository.appendingPathComponent(folder)
      for name in (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? [] where name.hasSuffix(".yaml") {
        files.append(url.appendingPathComponent(name).path)
      }
    }
    #expect(files.count > 10)
    let process = Process()
    process.executableURL = CommandLineTests.binary.deletingLastPathComponent().appendingPathComponent("callcap-fuzz")
    process.arguments = files.sorted()
    process.environment = ["CALLCAP_FUZZ_TARGET": "scenario"]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }
}

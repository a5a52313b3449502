import Foundation
import Testing

extension CommandLineTests {
  /// `--json` output as an object, after checking the one shape every
  /// command prints: `callcap_version`, `command` and `scenarios` (or, for
  /// `number`, `numbers`) and nothing else.
  static func document(_ output: String, command: String) throws -> [String: Any] {
    let object = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
    let list = command == "number" ? "numbers" : "scenarios"
    #expect(Set(object.keys) == ["callcap_version", "command", list], "\(command): \(object.keys.sorted())")
    #expect(object["command"] as? String == command)
    #expect(object["callcap_version"] is String)
    _ = try #require(object[list] as? [[String: Any]], "\(command): \(list) is not an array of objects")
    return object
  }

  /// The one scenario of a `--json` document.
  static func onlyScenario(_ output: String, command: String) throws -> [String: Any] {
    let scenarios = try #require(try document(output, command: command)["scenarios"] as? [[String: Any]])
    #expect(scenarios.count == 1)
    return try #require(scenarios.first)
  }
}

/// Every command's `--json` has the one documented shape (README "JSON
/// output"), numbers as JSON numbers and the verdict's words from its enums.
/// `.ci/check-json` validates the same outputs against the published schema
/// with an independent validator; this is the guard inside `swift test`.
@Suite struct JSONOutputTests {
  static let scenario = """
    callcap: 1
    name: json-shape
    simulation: { horizon: 10m, replications: 4, max_replications: 8, seed: 3 }
    account: { thresholds: { outbound: 100 } }
    numbers: [050-1234-5678]
    traffic:
      - { name: calls, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% },
          arrivals: { rate: 5400/h }, duration: 30s }
    objectives: { queue_wait_p95: 60s, suspension_risk: 90% }
    expect:
      - { metric: peak_concurrency, scope: outbound, max: 95 }
    """

  static let statuses: Set<String> = ["buy", "meets", "fails", "undecided", "not_judged"]
  static let outcomes: Set<String> = ["meets", "fails", "undecided"]

  /// A JSON number that is not a boolean (Foundation reads both as NSNumber).
  static func isNumber(_ value: Any?) -> Bool {
    guard let number = value as? NSNumber else { return false }
    // Foundation stores a JSON boolean as a char (`c`) or Bool (`B`) NSNumber, never a number.
    let type = String(cString: number.objCType)
    return type != "c" && type != "B"
  }

  static func isNumberOrNull(_ value: Any?) -> Bool { value is NSNull || isNumber(value) }

  /// The verdict, runs and objectives of one scenario, as the README documents them.
  static func checkScenario(_ scenario: [String: Any], command: String) throws {
    #expect(scenario["name"] is String, "\(command)")
    let verdict = try #require(scenario["verdict"] as? [String: Any], "\(command): no verdict")
    let status = try #require(verdict["status"] as? String)
    #expect(statuses.contains(status), "\(command): status \(status)")
    let recommended = try #require(verdict["recommended_cps"] as? [String: Any], "\(command): recommended_cps is not an object")
    #expect(recommended.values.allSatisfy { isNumber($0) }, "\(command): \(recommended)")
    #expect((status == "buy") == !recommended.isEmpty, "\(command): \(status) with \(recommended)")
    #expect(isNumberOrNull(verdict["recommended_cost"]))
    let agents = try #require(verdict["agents"] as? [String: Any])
    #expect(agents.values.allSatisfy { isNumberOrNull($0) })
    let runs = try #require(scenario["runs"] as? [[String: Any]], "\(command): no runs")
    let objectives = try #require(verdict["objectives"] as? [[String: Any]])
    for objective in objectives + runs.flatMap({ ($0["objectives"] as? [[String: Any]]) ?? [] }) {
      #expect(isNumberOrNull(objective["value"]) && isNumber(objective["limit"]), "\(command): \(objective)")
      let interval = try #require(objective["interval"] as? [Any])
      #expect(interval.count == 2 && interval.allSatisfy { isNumberOrNull($0) })
      #expect(outcomes.contains(objective["outcome"] as? String ?? ""), "\(command): \(objective)")
    }
    for run in runs {
      #expect(isNumberOrNull(run["cps"]) && isNumber(run["replications"]), "\(command): \(run)")
      #expect(outcomes.contains(run["decision"] as? String ?? ""))
      #expect((run["gates"] as? [String: Any])?.values.allSatisfy { isNumber($0) } == true)
      for metric in (run["metrics"] as? [[String: Any]]) ?? [] {
        #expect(isNumberOrNull(metric["mean"]) && isNumber(metric["replications"]), "\(command): \(metric)")
      }
    }
  }

  /// ``isNumber(_:)`` tells a number from a boolean as Foundation reads them.
  @Test func numbersAreToldFromBooleans() throws {
    let values = try #require(try JSONSerialization.jsonObject(with: Data("[true, false, 1, 0, 2.5, \"2\"]".utf8)) as? [Any])
    #expect(values.map { Self.isNumber($0) } == [false, false, true, true, true, false])
  }

  @Test func everyCommandPrintsTheOneShape() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "shape.yaml", in: folder)
    let other = try CommandLineTests.write(
      Self.scenario.replacingOccurrences(of: "name: json-shape", with: "name: json-other")
        .replacingOccurrences(of: "5400/h", with: "4800/h"), to: "other.yaml", in: folder)
    let out = folder.appendingPathComponent("out").path
    let records = CommandLineTests.repository.appendingPathComponent("records/records-api.json").path
    let commands: [(String, [String], Int32)] = [
      ("run", ["run", path, "--out", out, "--json"], 0),
      ("plan", ["plan", path, "--out", out, "--json", "--tiers", "1,2,5"], 0),
      ("compare", ["compare", path, other, "--out", out, "--json"], 0),
      ("headroom", ["headroom", path, "--out", out, "--json"], 0),
      ("check", ["check", path, "--json"], 0),
      ("estimate", ["estimate", path, "--json"], 0),
      ("observe", ["observe", records, "--out", out, "--json"], 0),
      ("fit", ["fit", records, "--name", "fitted", "--out", folder.appendingPathComponent("fitted.yaml").path, "--json"], 0),
    ]
    for (command, arguments, status) in commands {
      let outcome = try CommandLineTests.callcap(arguments)
      #expect(outcome.status == status, "\(command): \(outcome.error)")
      let scenarios = try #require(try CommandLineTests.document(outcome.output, command: command)["scenarios"] as? [[String: Any]])
      #expect(scenarios.count == (command == "compare" ? 2 : 1), "\(command)")
      for scenario in scenarios { try Self.checkScenario(scenario, command: command) }
    }

    // plan: a gate recommends a CPS, a number per gate.
    let plan = try CommandLineTests.onlyScenario(
      try CommandLineTests.callcap(["plan", path, "--out", out, "--json", "--tiers", "1,2,5"]).output, command: "plan")
    let verdict = try #require(plan["verdict"] as? [String: Any])
    #expect(verdict["status"] as? String == "buy")
    #expect(((verdict["recommended_cps"] as? [String: Any])?["api"] as? NSNumber)?.doubleValue == 2)
    #expect((plan["runs"] as? [[String: Any]])?.first?["configured"] as? Bool == true)

    // check: the verdict over the expectations, and the exit code unchanged when one fails.
    let failing = try CommandLineTests.write(
      Self.scenario.replacingOccurrences(of: "max: 95", with: "max: 5"), to: "failing.yaml", in: folder)
    let checked = try CommandLineTests.callcap(["check", failing, "--json"])
    #expect(checked.status == 1)
    let check = try CommandLineTests.onlyScenario(checked.output, command: "check")
    #expect((check["verdict"] as? [String: Any])?["status"] as? String == "fails")
    #expect((check["expectations"] as? [[String: Any]])?.first?["outcome"] as? String == "fails")

    // number: `numbers` instead of `scenarios`.
    let numbers = try CommandLineTests.callcap(["number", "03-1234-5678", "050-1234-5678", "--json"])
    #expect(numbers.status == 0)
    let list = try #require(try CommandLineTests.document(numbers.output, command: "number")["numbers"] as? [[String: Any]])
    #expect(list.compactMap { $0["e164"] as? String } == ["+81312345678", "+815012345678"])
  }

  /// merge --json prints the merged command's document, byte for byte.
  @Test func mergePrintsTheMergedCommandsDocument() throws {
    let folder = try CommandLineTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = try CommandLineTests.write(Self.scenario, to: "shape.yaml", in: folder)
    let single = try CommandLineTests.callcap(["check", path, "--json"])
    let shards = folder.appendingPathComponent("shards").path
    for k in 1...2 {
      #expect(try CommandLineTests.callcap(["check", path, "--shard", "\(k)/2", "--out", shards]).status == 0)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: shards).sorted().map { shards + "/" + $0 }
    let merged = try CommandLineTests.callcap(["merge"] + files + ["--json"])
    #expect(merged.status == single.status)
    #expect(merged.output == single.output)
    _ = try CommandLineTests.onlyScenario(merged.output, command: "check")
  }
}

import Foundation
import Testing

/// `--shard K/N` and `callcap merge`: merged shards write what the single
/// run writes, byte for byte; broken shard sets are refused with 65.
/// The full matrix (every example, N in 2, 3, 7) is `.ci/check-shards`.
@Suite struct ShardTests {
  typealias CLI = CommandLineTests

  /// Every file under `folder`, by relative path.
  static func contents(of folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
      files[String(url.path.dropFirst(folder.path.count))] = try Data(contentsOf: url)
    }
    return files
  }

  /// Runs `command arguments` once into `single/`, and as `n` shards into `shards/` merged into `merged/`.
  static func singleAndMerged(
    _ command: String, _ arguments: [String], shards n: Int, single singleExtra: [String] = [], merge mergeExtra: [String] = [],
    in folder: URL
  ) throws -> (single: CLI.Outcome, merged: CLI.Outcome, files: [String]) {
    let single = try CLI.callcap([command] + arguments + singleExtra + ["--out", folder.appendingPathComponent("single").path])
    var files: [String] = []
    for k in 1...n {
      let shard = try CLI.callcap(
        [command] + arguments + ["--shard", "\(k)/\(n)", "--quiet", "--out", folder.appendingPathComponent("shards").path])
      #expect(shard.status == 0, "\(shard.error)")
    }
    files = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("shards").path).sorted().map {
      folder.appendingPathComponent("shards").appendingPathComponent($0).path
    }
    let merged = try CLI.callcap(["merge"] + files + mergeExtra + ["--out", folder.appendingPathComponent("merged").path])
    return (single, merged, files)
  }

  @Test(arguments: [("support-0800", 3), ("reminder-campaign", 7), ("launch-day", 2)])
  func runShardsMergeToTheSingleRun(scenario: String, shards: Int) throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Self.singleAndMerged(
      "run", ["scenarios/\(scenario).yaml", "--replications", "7"], shards: shards, in: folder)
    #expect(result.single.status == 0)
    #expect(result.merged.status == 0, "\(result.merged.error)")
    let single = try Self.contents(of: folder.appendingPathComponent("single"))
    #expect(!single.isEmpty)
    #expect(try Self.contents(of: folder.appendingPathComponent("merged")) == single)
    #expect(result.merged.output.replacingOccurrences(of: "/merged/", with: "/single/") == result.single.output)
  }

  @Test func planShardsMergeToThePlanWithoutExtension() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Self.singleAndMerged(
      "plan", ["scenarios/reminder-campaign.yaml", "--replications", "6"], shards: 3,
      single: ["--max-replications", "6", "--json"], merge: ["--json"], in: folder)
    #expect(result.merged.status == 0, "\(result.merged.error)")
    #expect(try Self.contents(of: folder.appendingPathComponent("merged")) == Self.contents(of: folder.appendingPathComponent("single")))
    #expect(result.merged.output == result.single.output)
  }

  @Test func compareShardsHoldEveryScenario() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Self.singleAndMerged(
      "compare", ["scenarios/reminder-campaign.yaml", "scenarios/reminder-campaign-paced.yaml", "--replications", "5"], shards: 2,
      in: folder)
    #expect(result.files.count == 2)
    #expect(result.files.allSatisfy { $0.hasSuffix(".shard-1-of-2.json") || $0.hasSuffix(".shard-2-of-2.json") })
    #expect(result.merged.status == 0, "\(result.merged.error)")
    #expect(try Self.contents(of: folder.appendingPathComponent("merged")) == Self.contents(of: folder.appendingPathComponent("single")))
  }

  @Test func checkMergeKeepsLinesJUnitAndExitCode() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A limit the burst cannot meet: check exits 1, and so must its merge.
    let scenario = try CLI.write(
      CLI.burstScenario(expect: "  - { metric: queue_wait_max, scope: api, max: 1s }"), to: "burst.yaml", in: folder)
    let single = try CLI.callcap(["check", scenario, "--replications", "4", "--junit", folder.appendingPathComponent("single.xml").path])
    let shards = folder.appendingPathComponent("shards").path
    for k in 1...2 {
      #expect(try CLI.callcap(["check", scenario, "--replications", "4", "--shard", "\(k)/2", "--out", shards]).status == 0)
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: shards).map { shards + "/" + $0 }
    let merged = try CLI.callcap(["merge"] + files + ["--junit", folder.appendingPathComponent("merged.xml").path])
    #expect(single.status == 1)
    #expect(merged.status == 1, "\(merged.error)")
    #expect(merged.output == single.output)
    #expect(
      try Data(contentsOf: folder.appendingPathComponent("merged.xml")) == Data(contentsOf: folder.appendingPathComponent("single.xml")))
  }

  /// The agent staffing search is not in shard files yet: a sharded plan
  /// of a scenario that has one is refused (64) rather than merged into a
  /// report without its staffing section.
  @Test func planShardRefusesTheStaffingSearch() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let scenario = try CLI.write(
      """
      callcap: 1
      name: desk
      numbers: [0800-123-4567]
      agents:
        - { name: desk, count: 3 }
      traffic:
        - name: support
          type: inbound
          to: 0800-123-4567
          queue: { agents: desk }
          arrivals: { rate: 40/h }
          duration: exponential(mean: 3m)
      objectives:
        service_level: { within: 20s, min: 80% }
      simulation: { horizon: 1h, replications: 4 }
      """, to: "desk.yaml", in: folder)
    let shards = folder.appendingPathComponent("shards")
    let outcome = try CLI.callcap(["plan", scenario, "--shard", "1/2", "--out", shards.path, "--quiet"])
    #expect(outcome.status == 64, "\(outcome.error)")
    #expect(outcome.error.contains("plan --shard does not cover the agent staffing search yet"))
    #expect(!FileManager.default.fileExists(atPath: shards.path))
  }

  /// Three shards of support-0800 (seed 1) and what else the refusals need.
  static func shardSet(in folder: URL) throws -> [String] {
    let shards = folder.appendingPathComponent("shards").path
    for k in 1...3 {
      let outcome = try CLI.callcap(["run", "scenarios/support-0800.yaml", "--replications", "6", "--shard", "\(k)/3", "--out", shards])
      #expect(outcome.status == 0)
    }
    return (1...3).map { "\(shards)/support-0800.shard-\($0)-of-3.json" }
  }

  static func merge(_ files: [String], in folder: URL) throws -> CLI.Outcome {
    try CLI.callcap(["merge"] + files + ["--out", folder.appendingPathComponent("merged").path])
  }

  @Test func refusesMissingDuplicatedForeignTruncatedAndEditedShards() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = try Self.shardSet(in: folder)

    let missing = try Self.merge([files[0], files[2]], in: folder)
    #expect(missing.status == 65)
    #expect(missing.error.contains("shard 2/3 is missing (replications 1, 4)"), "\(missing.error)")

    let duplicated = try Self.merge(files + [files[1]], in: folder)
    #expect(duplicated.status == 65)
    #expect(duplicated.error.contains("shard 2/3 is given 2 times"), "\(duplicated.error)")

    let otherSeed = folder.appendingPathComponent("seed").path
    _ = try CLI.callcap(
      ["run", "scenarios/support-0800.yaml", "--replications", "6", "--seed", "7", "--shard", "3/3", "--out", otherSeed])
    let seed = try Self.merge([files[0], files[1], otherSeed + "/support-0800.shard-3-of-3.json"], in: folder)
    #expect(seed.status == 65)
    #expect(seed.error.contains("foreign shard: --seed 7 differs from (none)"), "\(seed.error)")

    let otherScenario = folder.appendingPathComponent("other").path
    _ = try CLI.callcap(["run", "scenarios/pbx-trunk.yaml", "--replications", "6", "--shard", "3/3", "--out", otherScenario])
    let foreign = try Self.merge([files[0], files[1], otherScenario + "/pbx-trunk.shard-3-of-3.json"], in: folder)
    #expect(foreign.status == 65)
    #expect(foreign.error.contains("pbx-trunk.shard-3-of-3.json: error: foreign shard: scenario list"), "\(foreign.error)")
    #expect(foreign.error.contains("shard 3/3 is missing"), "\(foreign.error)")

    let data = try Data(contentsOf: URL(fileURLWithPath: files[2]))
    let truncatedPath = folder.appendingPathComponent("truncated.json")
    try data.prefix(data.count / 2).write(to: truncatedPath)
    let truncated = try Self.merge([files[0], files[1], truncatedPath.path], in: folder)
    #expect(truncated.status == 65)
    #expect(truncated.error.contains("truncated.json: error: not a complete callcap shard file"), "\(truncated.error)")

    // One digit of one result changed: valid JSON, wrong digest.
    var text = String(decoding: data, as: UTF8.self)
    let range = try #require(text.range(of: "\"eventsProcessed\":"))
    let digit = text.index(range.upperBound, offsetBy: 0)
    text.replaceSubrange(digit...digit, with: text[digit] == "9" ? "8" : "9")
    let editedPath = folder.appendingPathComponent("edited.json")
    try text.write(to: editedPath, atomically: true, encoding: .utf8)
    let edited = try Self.merge([files[0], files[1], editedPath.path], in: folder)
    #expect(edited.status == 65)
    #expect(edited.error.contains("edited.json: error: payload does not match its SHA-256 digest"), "\(edited.error)")
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("merged").path))
  }

  @Test func refusesAScenarioChangedSinceTheShards() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = CLI.burstScenario(expect: "  - { metric: queue_wait_max, scope: api, max: 1s }")
    let scenario = try CLI.write(text, to: "burst.yaml", in: folder)
    for k in 1...2 {
      #expect(try CLI.callcap(["run", scenario, "--shard", "\(k)/2", "--out", folder.path]).status == 0)
    }
    _ = try CLI.write(text.replacingOccurrences(of: "40.1s", with: "40.2s"), to: "burst.yaml", in: folder)
    let files = (1...2).map { folder.appendingPathComponent("cli-burst.shard-\($0)-of-2.json").path }
    let merged = try Self.merge(files, in: folder)
    #expect(merged.status == 65)
    #expect(merged.error.contains("burst.yaml: error: the scenario (its file or a data file it reads) changed since the shards"))
  }

  @Test func refusesBadShardValuesAndForeignTargets() throws {
    let folder = try CLI.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    for bad in ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/2"] {
      let outcome = try CLI.callcap(["run", "scenarios/support-0800.yaml", "--shard", bad, "--out", folder.path])
      #expect(outcome.status == 64, "--shard \(bad)")
    }
    let tooMany = try CLI.callcap(["run", "scenarios/support-0800.yaml", "--replications", "3", "--shard", "1/4", "--out", folder.path])
    #expect(tooMany.status == 64)
    #expect(tooMany.error.contains("N (4) is more than the 3 replications"))
    // A file callcap did not write is never replaced.
    let target = try CLI.write("keep me\n", to: "support-0800.shard-1-of-2.json", in: folder)
    let refused = try CLI.callcap(["run", "scenarios/support-0800.yaml", "--shard", "1/2", "--out", folder.path])
    #expect(refused.status == 73)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me\n")
    // Nor an empty one: callcap chooses the shard path itself.
    let empty = try CLI.write("", to: "support-0800.shard-2-of-2.json", in: folder)
    let refusedEmpty = try CLI.callcap(["run", "scenarios/support-0800.yaml", "--shard", "2/2", "--out", folder.path])
    #expect(refusedEmpty.status == 73)
    #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
  }
}

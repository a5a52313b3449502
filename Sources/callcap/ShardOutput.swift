import ArgumentParser
import CallcapKit
import Foundation

/// The shard result files of one `--shard K/N` invocation
/// (`DIR/<name>.shard-K-of-N.json`). Every target is checked before
/// anything is simulated; each file is written atomically (a staging file
/// renamed into place) once every scenario is simulated; an existing file
/// is replaced only when it is empty or a callcap shard file (else 73).
struct ShardOutput {
  let out: String
  let spec: ShardSpec
  let names: [String]

  /// Checks every target; creates `out` when absent; exits 73 naming the first that cannot be written.
  init(out: String, spec: ShardSpec, names: [String]) throws {
    self.out = out
    self.spec = spec
    self.names = names
    do {
      if FileManager.default.fileExists(atPath: out) == false {
        do {
          try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
          throw OutputError.cannotCreate(path: out, reason: "the folder cannot be created")
        }
      }
      for name in names { try OutputFile.check(url(name), kind: .shard) }
    } catch let error as OutputError {
      StandardError.print(error.message(option: "--out"))
      throw error.exitCode
    }
  }

  func url(_ name: String) -> URL { URL(fileURLWithPath: out).appendingPathComponent(spec.fileName(name)) }

  /// `reports/launch-day.shard-2-of-8.json`, as messages show it.
  func display(_ name: String) -> String { (out.hasSuffix("/") ? out : out + "/") + spec.fileName(name) }

  /// Writes one file per payload (`names[i]` for `payloads[i]`) and says so unless `quiet`.
  func write(_ payloads: [ShardPayload], quiet: Bool) throws {
    try Interrupts.exitIfRequested()
    ProgressLine.shared.clear()
    for (name, payload) in zip(names, payloads) {
      let contents = String(decoding: ShardFile(payload: payload).encoded(), as: UTF8.self)
      do {
        try OutputFile.write(contents, to: url(name), kind: .shard)
      } catch let error as OutputError {
        StandardError.print(error.message(option: "--out"))
        throw error.exitCode
      }
      if !quiet { print("\(name): wrote \(display(name)) (shard \(spec) of the replications; merge with callcap merge)") }
    }
  }
}

/// Fingerprints and shard payloads of the scenarios of one invocation.
enum Shards {
  /// The fingerprint of `scenario` (its file, the data files it read, and
  /// `settings`); exits 66 when a file cannot be read again.
  static func fingerprint(_ scenario: Scenario, dataFiles: [String], settings: String) throws -> String {
    func read(_ path: String) throws -> Data {
      guard let data = FileManager.default.contents(atPath: path) else {
        StandardError.print("\(path): error: cannot read it again to fingerprint the scenario")
        throw ExitCode(66)
      }
      return data
    }
    let files = try dataFiles.map { (path: $0, bytes: try read($0)) }
    return ScenarioFingerprint(scenario: try read(scenario.path), dataFiles: files, settings: settings).value
  }

  /// Refuses (64) a shard count larger than a scenario's replication count: a shard would be empty.
  static func checkCount(_ spec: ShardSpec, _ scenarios: [Scenario]) throws {
    for scenario in scenarios where spec.shards > scenario.simulation.replications {
      StandardError.print(
        "\(scenario.path): error: --shard \(spec): N (\(spec.shards)) is more than the \(scenario.simulation.replications) "
          + "replications to split; use at most --shard K/\(scenario.simulation.replications)")
      throw ExitCode(64)
    }
  }

  /// One scenario's shard entry: `runs` simulated over `spec`'s indices.
  static func entry(_ scenario: Scenario, fingerprint: String, spec: ShardSpec, runs: [ShardRun]) -> ShardScenario {
    let sim = scenario.simulation
    return ShardScenario(
      path: scenario.path, name: scenario.name, fingerprint: fingerprint, seed: sim.seed, replications: sim.replications,
      replicationIndices: spec.indices(of: sim.replications), runs: runs)
  }
}

/// One `--shard K/N` invocation: what each file holds, fingerprinted
/// before anything is simulated, then simulated and written.
struct ShardJob {
  struct Item {
    var scenario: Scenario
    var fingerprint: String
    var models: [(SimulationModel, GateSetting?)]
  }

  let command: String
  let options: ShardOptions
  let invocation: [String]
  let spec: ShardSpec
  /// One file each: a scenario (run, plan, check) or the whole comparison (compare, named `unitName`).
  let units: [(name: String, items: [Item])]

  /// `scenarios` with the options applied (for compare: aligned); `extra`
  /// gives the command's own settings of scenario `i` for its fingerprint;
  /// `models` what it simulates.
  init(
    command: String, options: ShardOptions, invocation: [String], spec: ShardSpec, scenarios: [Scenario], dataFiles: [[String]],
    unitName: String? = nil, extra: (Int) -> [(String, String)] = { _ in [] },
    models: (Int, Scenario) -> [(SimulationModel, GateSetting?)] = { ShardedRun.models(command: "run", scenario: $1) }
  ) throws {
    try Shards.checkCount(spec, scenarios)
    var items: [Item] = []
    for (index, scenario) in scenarios.enumerated() {
      let settings = ScenarioFingerprint.settings(command: command, scenario: scenario, extra: extra(index))
      let fingerprint = try Shards.fingerprint(scenario, dataFiles: dataFiles[index], settings: settings)
      items.append(Item(scenario: scenario, fingerprint: fingerprint, models: models(index, scenario)))
    }
    self.command = command
    self.options = options
    self.invocation = invocation
    self.spec = spec
    units = unitName.map { [($0, items)] } ?? items.map { ($0.scenario.name, [$0]) }
  }

  /// Simulates this shard's replications of every unit and writes one file per unit.
  func run(out: String, quiet: Bool, simulator: (String) -> Simulator) throws {
    let output = try ShardOutput(out: out, spec: spec, names: units.map(\.name))
    Interruption.installHandlers()
    var payloads: [ShardPayload] = []
    for unit in units {
      var entries: [ShardScenario] = []
      for item in unit.items {
        let indices = spec.indices(of: item.scenario.simulation.replications)
        let runs = ShardedRun.simulate(item.models, indices: indices, simulator: simulator(item.scenario.name))
        try Interrupts.exitIfRequested()
        entries.append(Shards.entry(item.scenario, fingerprint: item.fingerprint, spec: spec, runs: runs))
      }
      payloads.append(
        ShardPayload(command: command, options: options, invocation: invocation, shard: spec, scenarios: entries))
    }
    try output.write(payloads, quiet: quiet)
  }
}

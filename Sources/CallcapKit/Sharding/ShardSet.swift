/// The shard files given to `merge`, checked to be one complete run.
///
/// The first file is the reference for the invocation: every other file
/// must agree with it on callcap version, command, N, the invocation's
/// scenario list and options, else it is foreign. Files then fall into
/// units: one per scenario for run, plan and check (one file per scenario
/// and shard), one for the whole of a compare. Within a unit, every file
/// must agree with the unit's first on each scenario's name, seed,
/// replication count, fingerprint and CPS settings (else foreign), and
/// hold exactly the replication indices of its K. Every unit of the
/// invocation needs every K in 1...N exactly once (else shards are
/// missing or duplicated). All problems are reported at once.
public struct ShardSet: Sendable {
  /// One scenario rebuilt from its shards.
  public struct MergedScenario: Sendable {
    public let path: String
    public let name: String
    public let fingerprint: String
    /// Per CPS setting, in the command's order: every replication, in index order.
    public let runs: [(setting: GateSetting?, replications: [ReplicationResult])]
  }

  public let command: String
  public let options: ShardOptions
  public let invocation: [String]
  public let shards: Int
  /// In invocation order.
  public let scenarios: [MergedScenario]

  /// The scenario lists of the files that make up `invocation`'s results.
  static func units(command: String, invocation: [String]) -> [[String]] {
    command == "compare" ? [invocation] : invocation.map { [$0] }
  }

  /// Checks and combines `files` (name and contents); all problems, one line each, on failure.
  public static func assemble(_ files: [(name: String, file: ShardFile)]) -> Result<ShardSet, ShardSetError> {
    guard let (referenceName, reference) = files.first.map({ ($0.name, $0.file.payload) }) else {
      return .failure(ShardSetError(problems: ["error: no shard files given"]))
    }
    let units = units(command: reference.command, invocation: reference.invocation)
    var problems: [String] = []
    // Per unit: the unit's first file, and per K the files given.
    var unitReference: [[String]: (name: String, payload: ShardPayload)] = [:]
    var byShard: [[String]: [Int: [(name: String, payload: ShardPayload)]]] = [:]
    for (name, file) in files {
      let payload = file.payload
      let unit = payload.scenarios.map(\.path)
      var reason = invocationReason(payload, reference: reference, referenceName: referenceName)
      if reason == nil, !units.contains(unit) {
        reason = "it holds \(unit.joined(separator: ", ")), not a scenario of \(reference.invocation.joined(separator: " "))"
      }
      if reason == nil, let first = unitReference[unit] {
        reason = scenarioReason(payload, reference: first.payload, referenceName: first.name)
      }
      if let reason {
        problems.append("\(name): error: foreign shard: \(reason)")
        continue
      }
      if let reason = indexProblem(payload) {
        problems.append("\(name): error: \(reason)")
        continue
      }
      if unitReference[unit] == nil { unitReference[unit] = (name, payload) }
      byShard[unit, default: [:]][payload.shard, default: []].append((name, payload))
    }
    for unit in units {
      let replications = unitReference[unit]?.payload.scenarios.first?.replications
      let label = reference.command == "compare" ? "" : "\(unit[0]): "
      for shard in 1...reference.shards {
        let given = byShard[unit]?[shard] ?? []
        let spec = ShardSpec(shard: shard, of: reference.shards)!
        if given.isEmpty {
          let indices = replications.map { " (replications \(list(spec.indices(of: $0))))" } ?? ""
          problems.append("error: \(label)shard \(spec) is missing\(indices)")
        } else if given.count > 1 {
          problems.append(
            "error: \(label)shard \(spec) is given \(given.count) times: \(given.map(\.name).joined(separator: ", ")); give each shard once"
          )
        }
      }
    }
    guard problems.isEmpty else { return .failure(ShardSetError(problems: problems)) }
    var scenarios: [MergedScenario] = []
    for unit in units {
      let ordered = (1...reference.shards).map { byShard[unit]![$0]![0].payload }
      for (index, first) in ordered[0].scenarios.enumerated() {
        let runs = first.runs.indices.map { run in
          let results = (0..<first.replications).map { replication in
            ordered[replication % reference.shards].scenarios[index].runs[run].replications[replication / reference.shards]
          }
          return (setting: first.runs[run].setting, replications: results)
        }
        scenarios.append(MergedScenario(path: first.path, name: first.name, fingerprint: first.fingerprint, runs: runs))
      }
    }
    return .success(
      ShardSet(
        command: reference.command, options: reference.options, invocation: reference.invocation, shards: reference.shards,
        scenarios: scenarios))
  }

  /// Why `payload` is not of the same invocation as `reference`, or nil.
  static func invocationReason(_ payload: ShardPayload, reference: ShardPayload, referenceName: String) -> String? {
    func differs(_ what: String, _ mine: String, _ theirs: String) -> String {
      "\(what) \(mine) differs from \(theirs) in \(referenceName)"
    }
    if payload.callcapVersion != reference.callcapVersion {
      return differs("written by callcap", payload.callcapVersion, reference.callcapVersion)
    }
    if payload.command != reference.command { return differs("command", payload.command, reference.command) }
    if payload.shards != reference.shards { return differs("N (of --shard K/N)", String(payload.shards), String(reference.shards)) }
    if payload.invocation != reference.invocation {
      return differs("scenario list", payload.invocation.joined(separator: " "), reference.invocation.joined(separator: " "))
    }
    if payload.options.seed != reference.options.seed {
      return differs("--seed", payload.options.seed.map { String($0) } ?? "(none)", reference.options.seed.map { String($0) } ?? "(none)")
    }
    if payload.options != reference.options { return differs("options", describe(payload.options), describe(reference.options)) }
    return nil
  }

  /// Why `payload`'s scenarios differ from those of `reference` (the same unit), or nil.
  static func scenarioReason(_ payload: ShardPayload, reference: ShardPayload, referenceName: String) -> String? {
    func differs(_ what: String, _ mine: String, _ theirs: String) -> String {
      "\(what) \(mine) differs from \(theirs) in \(referenceName)"
    }
    for (mine, theirs) in zip(payload.scenarios, reference.scenarios) {
      if mine.name != theirs.name { return differs("scenario name", mine.name, theirs.name) }
      if mine.seed != theirs.seed { return differs("\(mine.name): seed", String(mine.seed), String(theirs.seed)) }
      if mine.replications != theirs.replications {
        return differs("\(mine.name): replications", String(mine.replications), String(theirs.replications))
      }
      if mine.fingerprint != theirs.fingerprint {
        return differs("\(mine.name): scenario fingerprint (file, data files or settings)", mine.fingerprint, theirs.fingerprint)
      }
      if mine.runs.map(\.setting) != theirs.runs.map(\.setting) { return differs("\(mine.name): CPS settings", tiers(mine), tiers(theirs)) }
    }
    return nil
  }

  /// Whether `payload` holds exactly the replications of its K, for every scenario and setting.
  static func indexProblem(_ payload: ShardPayload) -> String? {
    guard let spec = ShardSpec(shard: payload.shard, of: payload.shards) else {
      return "shard \(payload.shard)/\(payload.shards) is not a valid K/N"
    }
    for scenario in payload.scenarios {
      let expected = spec.indices(of: scenario.replications)
      if scenario.replicationIndices != expected {
        return "\(scenario.name): shard \(spec) should hold replications \(list(expected)), holds \(list(scenario.replicationIndices))"
      }
      for run in scenario.runs where run.replications.count != expected.count {
        return
          "\(scenario.name): shard \(spec) holds \(run.replications.count) results at \(label(run.setting)), expected \(expected.count)"
      }
    }
    return nil
  }

  static func describe(_ options: ShardOptions) -> String {
    var parts: [String] = []
    if let value = options.replications { parts.append("--replications \(value)") }
    if let value = options.seed { parts.append("--seed \(value)") }
    if let value = options.tiers { parts.append("--tiers \(value.map { Quantity.shortest($0) }.joined(separator: ","))") }
    if let value = options.gate { parts.append("--gate \(value)") }
    if let value = options.maxReplications { parts.append("--max-replications \(value)") }
    if options.strict == true { parts.append("--strict") }
    return parts.isEmpty ? "(none)" : "'" + parts.joined(separator: " ") + "'"
  }

  static func tiers(_ scenario: ShardScenario) -> String { scenario.runs.map { label($0.setting) }.joined(separator: ", ") }

  static func label(_ setting: GateSetting?) -> String { setting?.label ?? "configured CPS" }

  /// `0, 3, 6` (at most 12 shown, then the count).
  static func list(_ indices: [Int]) -> String {
    let shown = indices.prefix(12).map(String.init).joined(separator: ", ")
    return indices.count > 12 ? "\(shown), ... (\(indices.count) in all)" : (indices.isEmpty ? "none" : shown)
  }
}

/// Why shard files cannot be merged: one line per problem, each naming the file.
public struct ShardSetError: Error, Sendable {
  public let problems: [String]
}

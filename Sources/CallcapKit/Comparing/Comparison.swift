/// Several scenarios simulated side by side: every metric per scenario and
/// its difference to the first (the baseline) with a 95% interval.
///
/// Every scenario runs with the baseline's seed and replication count, and
/// random streams are named after traffic classes and trunks, so classes
/// of the same name see the same arrivals and call attributes (common
/// random numbers): differences are paired and their intervals narrow.
public struct Comparison: Sendable {
  public struct Row: Sendable {
    public var scope: Scope
    public var metric: Metric
    /// Per scenario; nil where the scenario does not measure this scope.
    public var summaries: [Summary?]
    /// To the baseline, per scenario; nil for the baseline and where either is missing.
    public var differences: [Difference?]
  }

  public let scenarios: [Scenario]
  public let runs: [RunResult]
  public let rows: [Row]

  /// Aligns seeds and replications with the first scenario, simulates all
  /// of them in one parallel batch, and compares.
  public static func simulate(_ scenarios: [Scenario], simulator: Simulator) -> Comparison {
    let aligned = align(scenarios)
    let runs = simulator.runAll(aligned.map { (SimulationModel($0), nil) }, replications: aligned[0].simulation.replications)
    return Comparison(scenarios: aligned, runs: runs)
  }

  /// The scenarios with the first one's seed and replication count.
  public static func align(_ scenarios: [Scenario]) -> [Scenario] {
    guard let first = scenarios.first else { return [] }
    return scenarios.map { scenario in
      var scenario = scenario
      scenario.simulation.seed = first.simulation.seed
      scenario.simulation.replications = first.simulation.replications
      return scenario
    }
  }

  public init(scenarios: [Scenario], runs: [RunResult]) {
    self.scenarios = scenarios
    self.runs = runs
    var keys: [(Scope, Metric)] = []
    for run in runs {
      for row in run.rows where !keys.contains(where: { $0.0 == row.scope && $0.1 == row.metric }) {
        keys.append((row.scope, row.metric))
      }
    }
    rows = keys.map { scope, metric in
      let found = runs.map { $0.row(scope, metric) }
      let baseline = found[0]
      let differences = found.enumerated().map { index, row -> Difference? in
        guard index > 0, let baseline, let row else { return nil }
        return Difference(baseline: baseline.values, other: row.values)
      }
      return Row(scope: scope, metric: metric, summaries: found.map { $0?.summary }, differences: differences)
    }
  }

  /// The traffic classes of scenario `index` that share a name with a
  /// baseline class, in the scenario's order: those draw the same random
  /// numbers as the baseline's, which is what pairs the differences.
  public func pairedClasses(_ index: Int) -> [String] {
    guard index > 0, index < scenarios.count, let baseline = scenarios.first else { return [] }
    let names = Set(baseline.traffic.map(\.name))
    return scenarios[index].traffic.map(\.name).filter(names.contains)
  }

  /// The scenarios (after the baseline) sharing no traffic class name with
  /// it: their runs are independent of the baseline's, so a difference is
  /// as wide as that of two unrelated runs (still valid, never narrowed).
  public var unpaired: [Scenario] {
    scenarios.indices.dropFirst().filter { pairedClasses($0).isEmpty }.map { scenarios[$0] }
  }

  public func row(_ scope: Scope, _ metric: Metric) -> Row? {
    rows.first { $0.scope == scope && $0.metric == metric }
  }

  /// `compare-a-vs-b`: the output folder's name.
  public var folderName: String {
    var names: [String] = []
    for scenario in scenarios {
      var name = scenario.name
      var suffix = 2
      while names.contains(name) {
        name = "\(scenario.name)-\(suffix)"
        suffix += 1
      }
      names.append(name)
    }
    return "compare-" + names.joined(separator: "-vs-")
  }

  /// The figures objectives and thresholds rest on, in report order.
  public var keyMetrics: [(Scope, Metric)] {
    var keys: [(Scope, Metric)] = [(.api, .queueWaitP95), (.api, .queueWaitMean), (.category(.total), .rejectedRate)]
    var trunks: [String] = []
    for scenario in scenarios { for trunk in scenario.account.trunks where !trunks.contains(trunk.name) { trunks.append(trunk.name) } }
    keys += trunks.map { (.trunk($0), .rejectedRate) }
    for category in [ConcurrencyCategory.inbound, .outbound, .forwarded] {
      keys += [(.category(category), .peakConcurrency), (.category(category), .thresholdBreachShare)]
    }
    keys.append((.category(.total), .callsOffered))
    return keys.filter { key in
      guard let row = row(key.0, key.1) else { return false }
      return row.summaries.contains { ($0?.max ?? 0) > 0 } || key.1 == .callsOffered
    }
  }
}

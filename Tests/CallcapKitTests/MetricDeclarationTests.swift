import Testing

@testable import CallcapKit

/// Which metrics a scope has is declared once (`Metric.measured`): the
/// loader admits exactly the expectations a replication can answer, and
/// results are matched by (scope, metric), never by position.
@Suite struct MetricDeclarationTests {
  /// Every kind of scope: the API, a trunk, the four categories, traffic
  /// classes with and without agents, with a dialer throttle and a
  /// deadline, and an agent pool.
  static let scenario = """
    callcap: 1
    name: every-scope
    simulation: { horizon: 10m, replications: 2 }
    account:
      trunks: [{ name: pbx }]
    numbers: [050-1234-5678]
    agents: [{ name: desk, count: 2 }]
    traffic:
      - { name: a, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: t, type: outbound, via: trunk:pbx, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: i, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: q, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.01/s }, duration: 1m, queue: { agents: desk } }
      - { name: f, type: forward, to: 050-1234-5678, forward_to: sip:x@example.com, arrivals: { rate: 0.1/s }, duration: 1m }
      - { name: d, type: outbound, arrivals: { burst: { at: 1m, count: 5 } }, duration: 1m, dialer: { max_in_progress: 2 }, deadline: 5m }
      - { name: l, type: outbound, arrivals: { burst: { at: 1m, count: 5 } }, duration: 1m, deadline: 5m }
      - { name: p, type: outbound, arrivals: { burst: { at: 1m, count: 5 } }, duration: 1m, dialer: { max_rate: 1/s } }
    """

  /// `min: 0` in the metric's unit.
  static func zero(_ metric: Metric) -> String {
    switch metric.unit {
    case .seconds: "0s"
    case .share: "0%"
    case .calls: "0"
    }
  }

  @Test func theLoaderAdmitsExactlyWhatAReplicationProduces() throws {
    let scenario = try loadScenario(Self.scenario)
    let run = Simulator(jobs: 1).run(SimulationModel(scenario), replications: 1)
    var scopes: [Scope] = []
    for row in run.rows where !scopes.contains(row.scope) { scopes.append(row.scope) }
    // api, trunk:pbx, inbound, outbound, forwarded, total, 8 traffic classes, agents:desk.
    #expect(scopes.count == 15)
    #expect(run.rows.filter { $0.scope == .traffic("d") }.map(\.metric).suffix(5) == Metric.dialerMetrics + Metric.deadlineMetrics)
    for scope in scopes {
      let produced = run.rows.filter { $0.scope == scope }.map(\.metric)
      #expect(Set(produced).count == produced.count, "a metric twice at \(scope)")
      for metric in Metric.allCases {
        let text = Self.scenario + "\nexpect:\n  - { metric: \(metric.rawValue), scope: \(scope), min: \(Self.zero(metric)) }\n"
        let admitted = (try? ScenarioLoader().load(text: text, path: "inline.yaml", baseDirectory: "/tmp").get()) != nil
        #expect(admitted == produced.contains(metric), "\(metric.rawValue) at \(scope)")
      }
    }
  }

  @Test func summariesMatchValuesByScopeAndMetricNotByPosition() throws {
    let scenario = try loadScenario(Self.scenario)
    let run = Simulator(jobs: 1).run(SimulationModel(scenario), replications: 2)
    var reordered = run.replications
    reordered[1].metrics.reverse()
    let combined = RunResult(setting: nil, replications: reordered)
    #expect(combined.rows.map { MetricKey($0.scope, $0.metric) } == run.rows.map { MetricKey($0.scope, $0.metric) })
    #expect(combined.rows.map(\.values) == run.rows.map(\.values))
    // The replications differ, so matching by position would have mixed metrics.
    #expect(run.replications[0].metrics != run.replications[1].metrics)
  }
}

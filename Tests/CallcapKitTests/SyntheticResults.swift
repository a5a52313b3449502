@testable import CallcapKit

/// Per-replication results made up for tests of pure functions (planning,
/// checking, reporting) that do not need the simulator.
enum SyntheticResults {
  /// One replication that measured only `metrics`.
  static func replication(_ metrics: [MetricValue]) -> ReplicationResult {
    ReplicationResult(
      metrics: metrics, series: ReplicationSeries(), seriesStart: 0, seriesResolution: 60,
      callsSimulated: 0, eventsProcessed: 0, traffic: TrafficShape(), trafficByTrunk: [], unreachableByTraffic: [0],
      meanQueueLength: 0)
  }

  /// A run whose replication i measured `values[i]` for (`scope`, `metric`).
  static func run(tier: Double? = nil, _ scope: Scope, _ metric: Metric, _ values: [Double]) -> RunResult {
    RunResult(setting: apiTier(tier), replications: values.map { replication([MetricValue(scope: scope, metric: metric, value: $0)]) })
  }
}

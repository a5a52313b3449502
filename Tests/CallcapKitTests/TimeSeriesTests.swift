import Testing

@testable import CallcapKit

/// Combining replications whose series differ in length (each runs to
/// the end of its own drain): a bucket past a replication's end counts as
/// zero calls, zero queue and no refusal, and every mean is over all
/// replications.
@Suite struct TimeSeriesTests {
  static func replication(buckets: Int, level: Double, maximum: Int32, rejected: Int32) -> ReplicationResult {
    ReplicationResult(
      metrics: [],
      series: ReplicationSeries(
        areas: Array(repeating: Array(repeating: level * 60, count: buckets), count: 4) + [Array(repeating: 0, count: buckets)],
        counts: Array(repeating: Array(repeating: maximum, count: buckets), count: 4) + [Array(repeating: rejected, count: buckets)])!,
      seriesStart: 1800, seriesResolution: 60, callsSimulated: 0,
      eventsProcessed: 0, traffic: TrafficShape(), trafficByTrunk: [], unreachableByTraffic: [], meanQueueLength: 0)
  }

  @Test func replicationsOfDifferentLengthsCombine() {
    var series = TimeSeries()
    series.add(Self.replication(buckets: 2, level: 4, maximum: 7, rejected: 1))
    series.add(Self.replication(buckets: 4, level: 2, maximum: 3, rejected: 3))
    series.add(Self.replication(buckets: 3, level: 6, maximum: 9, rejected: 0))
    let buckets = series.buckets
    #expect(buckets.count == 4)
    #expect(buckets.map(\.startSeconds) == [1800, 1860, 1920, 1980])
    #expect(buckets.map { $0.mean(.outbound) } == [4, 4, 8.0 / 3, 2.0 / 3])
    #expect(buckets.map { $0.maximum(.outbound) } == [9, 9, 9, 3])
    #expect(buckets.map(\.rejected) == [4.0 / 3, 4.0 / 3, 1, 1])
  }

  /// `timeseries.csv` and the concurrency chart go on past the horizon to
  /// the end of the drain: 100 calls at 3590 s, 1 CPS, 60 s each end at
  /// 3749 s, in the bucket that starts at 3720 s.
  @Test func csvAndChartsShowTheDrain() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: drain
      simulation: { horizon: 1h, replications: 2, resolution: 1m }
      numbers: [050-1234-5678]
      traffic:
        - { name: b, type: outbound, arrivals: { burst: { at: 3590s, count: 100 } }, duration: 1m }
      """)
    let run = Simulator(jobs: 1).run(SimulationModel(scenario), replications: 2)
    let csv = CSVWriter.timeSeries(scenario: "drain", runs: [run], startClock: 0)
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    #expect(rows.count == 63)
    #expect(rows.last?[2] == "3720")
    // outbound_max: the calls released from 3661 s to 3689 s are still in
    // progress at 3720 s (the one of 3660 s ends then, before anything counts).
    #expect(rows.last?[7] == "29")
    let charts = ReportCharts.forRun(scenario: scenario, run: run, label: "test")
    let concurrency = try #require(charts.first { $0.path == "charts/concurrency.svg" })
    #expect(concurrency.svg.contains(">01:00<"))
  }
}

import Foundation
import Testing

@testable import CallcapKit

/// Shard files: exact round trips, digests, shard indices and the merge
/// rules, without the simulator.
@Suite struct ShardFileTests {
  /// Doubles that stress a text round trip: shortest forms, subnormals, extremes, signed zero.
  static let awkward: [Double] = [
    0, -0.0, 0.1, 1.0 / 3, 2.0 / 3, 1e-300, Double.leastNonzeroMagnitude, Double.leastNormalMagnitude, Double.greatestFiniteMagnitude,
    -Double.greatestFiniteMagnitude, 123_456_789.123_456_78, 0.30000000000000004, -Double.leastNonzeroMagnitude, 1.7976931348623157e308,
    .pi, -.ulpOfOne,
  ]

  static func payload(_ values: [Double], shard: ShardSpec = ShardSpec(shard: 1, of: 1)!) -> ShardPayload {
    var replication = SyntheticResults.replication(values.map { MetricValue(scope: .trunk("a:b"), metric: .queueWaitMax, value: $0) })
    // Every stream carries the values; the maxima cycle through the extremes.
    let maxima = values.indices.map { [0, Int32.max, Int32.min][$0 % 3] }
    replication.series = ReplicationSeries(areas: Array(repeating: values, count: 5), counts: Array(repeating: maxima, count: 5))!
    replication.seriesStart = values.last ?? 0
    let indices = shard.indices(of: shard.shards)
    return ShardPayload(
      command: "run", options: ShardOptions(seed: UInt64(Int64.max)), invocation: ["a.yaml"], shard: shard,
      scenarios: [
        ShardScenario(
          path: "a.yaml", name: "a", fingerprint: "sha256:00", seed: 1, replications: shard.shards, replicationIndices: indices,
          runs: [ShardRun(setting: apiTier(2.5), replications: indices.map { _ in replication })])
      ])
  }

  static func decodeAgain(_ payload: ShardPayload) throws -> ShardPayload {
    try ShardFile.decode(ShardFile(payload: payload).encoded(), name: "x.json").get().payload
  }

  @Test func doublesRoundTripBitForBit() throws {
    var generator = SystemRandomNumberGenerator()
    let random = (0..<2000).map { _ in Double(bitPattern: generator.next()) }.filter(\.isFinite)
    let values = Self.awkward + random
    let decoded = try Self.decodeAgain(Self.payload(values))
    let replication = decoded.scenarios[0].runs[0].replications[0]
    #expect(replication.series.areas.allSatisfy { $0.map(\.bitPattern) == values.map(\.bitPattern) })
    #expect(replication.metrics.map(\.value.bitPattern) == values.map(\.bitPattern))
    #expect(replication.metrics[0].scope == .trunk("a:b"))
    #expect(replication.series.counts[0].prefix(3) == [0, Int32.max, Int32.min])
    #expect(decoded.options.seed == UInt64(Int64.max))
  }

  @Test func nanAndInfinitiesAreWrittenExplicitly() throws {
    let decoded = try Self.decodeAgain(Self.payload([.nan, .infinity, -.infinity]))
    let values = decoded.scenarios[0].runs[0].replications[0].series.areas[4]
    #expect(values[0].isNaN)
    #expect(values[1] == .infinity && values[2] == -.infinity)
  }

  @Test func anEditedOrTruncatedPayloadIsRefused() throws {
    let data = ShardFile(payload: Self.payload([1.5, 2.5])).encoded()
    let edited = Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "2.5", with: "2.25").utf8)
    guard case .failure(let error) = ShardFile.decode(edited, name: "e.json") else {
      Issue.record("an edited file was accepted")
      return
    }
    #expect(error.description == "e.json: error: payload does not match its SHA-256 digest: the file was changed after callcap wrote it")
    guard case .failure(let short) = ShardFile.decode(data.prefix(data.count - 10), name: "t.json") else {
      Issue.record("a truncated file was accepted")
      return
    }
    #expect(short.reason.hasPrefix("not a complete callcap shard file"))
    #expect(throws: (any Error).self) { try ShardFile.decode(Data("{\"format\":\"x\"}".utf8), name: "f").get() }
  }

  @Test func shardsSplitReplicationsByResidue() {
    #expect(ShardSpec(shard: 2, of: 3)!.indices(of: 10) == [1, 4, 7])
    #expect(ShardSpec(shard: 3, of: 3)!.indices(of: 2) == [])
    #expect(ShardSpec(shard: 0, of: 3) == nil)
    #expect((try? ShardSpec.parse("7/7").get()) == ShardSpec(shard: 7, of: 7))
    for bad in ["", "1/", "/2", "0/2", "3/2", "+1/2", "1 /2", "1/2/3", "x/y"] {
      #expect((try? ShardSpec.parse(bad).get()) == nil, "\(bad)")
    }
    #expect(ShardSpec(shard: 2, of: 8)!.fileName("launch-day") == "launch-day.shard-2-of-8.json")
  }

  @Test func assembleRestoresIndexOrderWhateverTheFileOrder() throws {
    // Replication r measured the value r: after merging, values run 0..<7.
    func shard(_ k: Int) -> (name: String, file: ShardFile) {
      let spec = ShardSpec(shard: k, of: 3)!
      var payload = Self.payload([0], shard: spec)
      let indices = spec.indices(of: 7)
      payload.scenarios[0].replications = 7
      payload.scenarios[0].replicationIndices = indices
      payload.scenarios[0].runs[0].replications = indices.map { index in
        SyntheticResults.replication([MetricValue(scope: .api, metric: .queueWaitMax, value: Double(index))])
      }
      return ("s\(k).json", ShardFile(payload: payload))
    }
    let set = try ShardSet.assemble([shard(3), shard(1), shard(2)]).get()
    #expect(set.scenarios[0].runs[0].replications.map { $0.metrics[0].value } == (0..<7).map(Double.init))
    guard case .failure(let error) = ShardSet.assemble([shard(3), shard(1), shard(1)]) else {
      Issue.record("an incomplete set was merged")
      return
    }
    #expect(error.problems.contains("error: a.yaml: shard 2/3 is missing (replications 1, 4)"))
    #expect(error.problems.contains("error: a.yaml: shard 1/3 is given 2 times: s1.json, s1.json; give each shard once"))
  }

  @Test func indicesDoNotChangeResults() throws {
    // Replication i depends only on (seed, i): a strided subset equals the same indices of a full run.
    let scenario = try SimulationTests.scenario(
      """
      traffic:
        - { name: w, type: outbound, arrivals: { rate: 0.8/s }, duration: exponential(mean: 30s) }
      """, horizon: "600s", replications: 6)
    let model = SimulationModel(scenario)
    let full = Simulator(jobs: 2).runAll([(model, nil)], replications: 6)[0]
    let strided = Simulator(jobs: 3).runAll([(model, nil)], indices: [1, 3, 5], keepingSeries: true)[0]
    #expect(strided.replications.map { $0.metrics.map(\.value) } == [1, 3, 5].map { full.replications[$0].metrics.map(\.value) })
    #expect(strided.replications.allSatisfy { $0.series.bucketCount > 0 })
  }
}

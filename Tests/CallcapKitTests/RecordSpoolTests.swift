import Foundation
import Testing

@testable import CallcapKit

/// The spool that keeps long time series out of memory, against plain
/// arrays: appends, reads, in-place changes and copies give the same
/// records whether the chunks stay in memory or go to the temporary file.
@Suite struct RecordSpoolTests {
  /// Three streams of different lengths, appended interleaved (as a
  /// tracker's levels write them), with the spool's memory budget `memory`.
  static func filled(memory: Int) -> (RecordSpool<Int64>, [[Int64]]) {
    let spool = RecordSpool<Int64>(streams: 3, memoryBytes: memory)
    var expected: [[Int64]] = [[], [], []]
    // The second stream ends five records into a chunk.
    let lengths = [10_000, 3 * RecordSpool<Int64>.chunkRecords + 5, 9_000]
    for index in 0..<10_000 {
      for stream in 0..<3 where index < lengths[stream] {
        let value = Int64(stream) * 1_000_000 + Int64(index) * 7
        spool.append(value, to: stream)
        expected[stream].append(value)
      }
    }
    return (spool, expected)
  }

  static func contents(_ spool: RecordSpool<Int64>) -> [[Int64]] {
    (0..<spool.streamCount).map { stream in (0..<spool.chunkCount(stream)).flatMap { spool.read(stream, chunk: $0) } }
  }

  @Test(arguments: [0, 64 * 1024, 1 << 30])
  func readsGiveWhatWasAppended(memory: Int) {
    let (spool, expected) = Self.filled(memory: memory)
    #expect(spool.counts == expected.map(\.count))
    #expect(Self.contents(spool) == expected)
    #expect(spool.record(0, at: 9_999) == expected[0][9_999])
    #expect(spool.record(2, at: 4_100) == expected[2][4_100])
    // No budget: every full chunk is in the file; a large one: none is.
    #expect(spool.hasSpilled == (memory < 1 << 30))
  }

  @Test func changesInPlaceReachSpilledChunksAndCopiesAreIndependent() {
    let (spool, expected) = Self.filled(memory: 0)
    let copy = spool.copy()
    // A full chunk (in the file), then a stream's last, partial one (in memory), extended.
    spool.modify(0, chunk: 1) { records in for index in records.indices { records[index] += 1 } }
    spool.modify(1, chunk: 3) { records in records.append(contentsOf: repeatElement(5, count: 10)) }
    var changed = expected
    let chunk = RecordSpool<Int64>.chunkRecords
    for index in chunk..<2 * chunk { changed[0][index] += 1 }
    changed[1] += Array(repeating: 5, count: 10)
    #expect(Self.contents(spool) == changed)
    #expect(spool.counts[1] == 3 * chunk + 15)
    #expect(Self.contents(copy) == expected)
  }

  /// Cutting a stream inside a chunk that is in the file leaves its start,
  /// and appending goes on from there.
  @Test func truncatingInsideASpilledChunkKeepsItsStart() {
    let (spool, expected) = Self.filled(memory: 0)
    let cut = RecordSpool<Int64>.chunkRecords + 10
    spool.truncate(0, to: cut)
    spool.append(-1, to: 0)
    spool.truncate(2, to: 9_000)  // no change: as long as it is
    #expect(Self.contents(spool) == [Array(expected[0].prefix(cut)) + [-1], expected[1], expected[2]])
    #expect(spool.record(0, at: cut) == -1)
  }

  /// With no place for the file, the chunks stay in memory and nothing is lost.
  @Test func withoutATemporaryFolderEverythingStaysInMemory() {
    let spool = RecordSpool<Int64>(streams: 1, memoryBytes: 0, folder: "/nonexistent-callcap-folder")
    let values = (0..<5_000).map { Int64($0) * 3 }
    for value in values { spool.append(value, to: 0) }
    #expect(!spool.hasSpilled)
    #expect(Self.contents(spool) == [values])
  }
}

/// A series long enough to go to the temporary file (a day of one-second
/// buckets) combines exactly like the arithmetic done by hand on the
/// replications' own buckets.
@Suite struct LongTimeSeriesTests {
  @Test func aSpilledSeriesCombinesLikeTheReplicationsBuckets() throws {
    let model = SimulationModel(
      try loadScenario(
        """
        callcap: 1
        name: long
        simulation: { horizon: 24h, replications: 2, seed: 3, resolution: 1s }
        traffic:
          - { name: w, type: outbound, arrivals: { rate: 0.5/s }, duration: exponential(mean: 60s) }
        """))
    let replications = (0..<2).map { index in
      var replication = Replication(model: model, index: index)
      return replication.run()
    }
    var series = TimeSeries()
    for replication in replications { series.add(replication) }
    #expect(series.isSpilled)
    #expect(series.bucketCount == replications.map(\.series.bucketCount).max())
    #expect(series.bucketCount > 86_400)
    // By hand: per bucket, the mean over both replications of area / resolution (zero past a replication's end).
    let areas = replications.map(\.series.areas)
    let counts = replications.map(\.series.counts)
    let outbound = ReplicationSeries.stream(of: .outbound)!
    var mismatches = 0
    for bucket in stride(from: 0, to: series.bucketCount, by: 97) {
      var sum = 0.0
      var maximum: Int32 = 0
      var refused = 0.0
      for replication in 0..<2 where bucket < areas[replication][outbound].count {
        sum += areas[replication][outbound][bucket] / 1
        maximum = max(maximum, counts[replication][outbound][bucket])
        refused += Double(counts[replication][ReplicationSeries.refusals][bucket])
      }
      if series.mean(.outbound, inBucket: bucket) != sum / 2 || series.maximum(.outbound, inBucket: bucket) != Int(maximum)
        || series.rejected(inBucket: bucket) != refused / 2
      {
        mismatches += 1
      }
    }
    #expect(mismatches == 0)
  }
}

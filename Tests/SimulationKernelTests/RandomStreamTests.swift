import Testing

@testable import SimulationKernel

@Suite struct RandomStreamTests {
  @Test func sameSeedSameNumbers() {
    let seed = StreamSeed(seed: 42, replication: 3, purpose: 1)
    let a = RandomStream(seed: seed)
    let b = RandomStream(seed: seed)
    for _ in 0..<100 { #expect(a.source.uniform() == b.source.uniform()) }
  }

  @Test func seedsDifferByReplicationAndPurpose() {
    let base = StreamSeed(seed: 1, replication: 0, purpose: 0)
    #expect(base != StreamSeed(seed: 1, replication: 1, purpose: 0))
    #expect(base != StreamSeed(seed: 1, replication: 0, purpose: 1))
    #expect(base != StreamSeed(seed: 2, replication: 0, purpose: 0))
  }

  /// Mean of 200,000 exponentials with mean 3: the standard error is
  /// 3/sqrt(2e5) = 0.0067, so 0.03 is more than four standard errors.
  @Test func exponentialMean() {
    let stream = RandomStream(seed: StreamSeed(seed: 7, replication: 0, purpose: 0))
    var sum = 0.0
    let n = 200_000
    for _ in 0..<n { sum += stream.source.exponential(mean: 3) }
    #expect(abs(sum / Double(n) - 3) < 0.03)
  }

  /// Normal(1, 2) truncated at 0 has mean 1 + 2 phi(0.5)/Phi(0.5) = 2.0183.
  @Test func truncatedNormalMean() {
    let stream = RandomStream(seed: StreamSeed(seed: 9, replication: 0, purpose: 0))
    var sum = 0.0
    let n = 200_000
    for _ in 0..<n {
      let x = stream.source.normalTruncatedBelow(mean: 1, sd: 2, at: 0)
      #expect(x >= 0)
      sum += x
    }
    // sd of the truncated variate < 2, so the standard error < 0.0045.
    #expect(abs(sum / Double(n) - 2.0183) < 0.02)
  }
}

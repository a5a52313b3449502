import Testing

@testable import SimulationKernel

@Suite struct RandomStreamTests {
  @Test func sameSeedSameNumbers() {
    let seed = StreamSeed(seed: 42, replication: 3, purpose: 1)
    let a = RandomStream(seed: seed)
    let b = RandomStream(seed: seed)
    for _ in 0..<100 { #expect(a.source.uniform() == b.source.uniform()) }
  }

  /// The generator itself, not only the seed value, differs by seed,
  /// replication and purpose: all four words of its 256-bit state.
  @Test func generatorStatesDifferByReplicationAndPurpose() {
    let seeds = [
      StreamSeed(seed: 1, replication: 0, purpose: 0), StreamSeed(seed: 1, replication: 1, purpose: 0),
      StreamSeed(seed: 1, replication: 0, purpose: 1), StreamSeed(seed: 2, replication: 0, purpose: 0),
      StreamSeed(seed: 1, replication: 1 << 32, purpose: 0),
    ]
    let states = seeds.map { seed in
      let stream = RandomStream(seed: seed)
      return (0..<4).map { stream.stateWord($0) }
    }
    for (index, state) in states.enumerated() {
      #expect(state == [seeds[index].a, seeds[index].b, seeds[index].c, seeds[index].d], "the generator holds the whole seed")
      for other in states[(index + 1)...] {
        for word in 0..<4 { #expect(state[word] != other[word], "word \(word) of streams \(index)") }
      }
    }
  }

  /// ``StreamSeed/firstOutput`` is the generator's first output: its top
  /// 53 bits are the first uniform GSL draws.
  @Test func firstOutputIsTheGeneratorsFirstDraw() {
    for replication in 0..<100 {
      let seed = StreamSeed(seed: 5, replication: replication, label: "traffic:a")
      let stream = RandomStream(seed: seed)
      #expect(UInt64(stream.source.uniform() * 0x1p53) == seed.firstOutput >> 11)
    }
  }

  /// The seed derivation is a bijection: undoing its Feistel steps in
  /// reverse order gives back (seed, replication, purpose, K). Distinct
  /// streams therefore never share a state.
  @Test func seedDerivationIsInvertible() {
    var x: UInt64 = 12345
    for _ in 0..<1000 {
      x = StreamSeed.mix(x)
      let (seed, replication, purpose) = (x, Int(truncatingIfNeeded: x >> 40), x &* 3)
      let derived = StreamSeed(seed: seed, replication: replication, purpose: purpose)
      var (a, b, c, d) = (derived.a, derived.b, derived.c, derived.d)
      for _ in 0..<2 {
        a ^= StreamSeed.mix(d ^ c)
        d ^= StreamSeed.mix(c ^ b)
        c ^= StreamSeed.mix(b ^ a)
        b ^= StreamSeed.mix(a ^ d)
      }
      #expect(a == seed && b == UInt64(truncatingIfNeeded: replication) && c == purpose && d == 0x9E37_79B9_7F4A_7C15)
    }
  }

  /// 1,000,000 replications x 16 stream names: 16 million streams, all
  /// with distinct first outputs (the first output is a bijection of one
  /// state word, so this also shows that word never repeats). With 64-bit
  /// words drawn at random a repeat would have probability about 7e-6;
  /// MT19937's 32-bit seeds would give some 30,000 coinciding pairs.
  @Test func sixteenMillionStreamsHaveDistinctFirstOutputs() {
    let names = [
      "traffic:support", "traffic:support#arrivals0", "traffic:support#arrivals1", "traffic:reminders",
      "traffic:reminders#arrivals0", "traffic:after-hours", "traffic:after-hours#arrivals0", "trunk:office-pbx#retries",
      "trunk:sales-dialer#retries", "traffic:a", "traffic:a#arrivals0", "traffic:b", "traffic:b#arrivals0", "traffic:c",
      "traffic:c#arrivals0", "trunk:pbx#retries",
    ]
    let purposes = names.map(StreamSeed.purpose)
    #expect(Set(purposes).count == names.count)
    let replications = 1_000_000
    // The loop is written out over raw memory: a debug build neither
    // inlines methods nor specialises `Set`, which made this take a minute.
    let bits = 25
    let mask = (1 << bits) - 1
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 1 << bits)
    table.initialize(repeating: 0, count: 1 << bits)
    defer { table.deallocate() }
    var distinct = 0
    var zeros = 0
    let purpose = UnsafeMutablePointer<UInt64>.allocate(capacity: 16)
    defer { purpose.deallocate() }
    for name in 0..<16 { purpose[name] = purposes[name] }
    for replication in 0..<replications {
      for name in 0..<16 {
        let value = StreamSeed(seed: 1, replication: replication, purpose: purpose[name]).firstOutput
        if value == 0 {
          zeros += 1
          continue
        }
        // Linear probing; an empty slot holds zero.
        var index = Int(truncatingIfNeeded: (value &* 0xBF58_476D_1CE4_E5B9) >> UInt64(64 - bits))
        var slot = table[index]
        while slot != 0 && slot != value {
          index = (index &+ 1) & mask
          slot = table[index]
        }
        if slot == 0 {
          table[index] = value
          distinct += 1
        }
      }
    }
    #expect(distinct + min(zeros, 1) == replications * names.count)
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

  /// Gamma variates come from GSL's Marsaglia-Tsang method over its
  /// ziggurat normal, which reads the generator's 32-bit `get`: mean of
  /// 200,000 gamma(2, 3) draws is 6, standard error 3 sqrt(2)/sqrt(2e5) =
  /// 0.0095; variance 18, standard error of the sample variance about
  /// 18 sqrt(2/n) x sqrt(1 + 3/2 x ...) < 0.15.
  @Test func gammaMoments() {
    let stream = RandomStream(seed: StreamSeed(seed: 8, replication: 0, purpose: 0))
    var sum = 0.0
    var squares = 0.0
    let n = 200_000
    for _ in 0..<n {
      let x = stream.source.gamma(shape: 2, scale: 3)
      sum += x
      squares += x * x
    }
    let mean = sum / Double(n)
    #expect(abs(mean - 6) < 0.05)
    #expect(abs(squares / Double(n) - mean * mean - 18) < 0.6)
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

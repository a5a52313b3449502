import Foundation
import SimulationKernel
import Testing

@testable import CallcapKit

/// Draws made a batch ahead (``Lookahead``) must be exactly the values, in
/// exactly the order, of drawing one at a time: reports stay byte-identical
/// and common random numbers still hold across tiers and scenarios.
@Suite struct DrawAheadTests {
  static func stream(_ label: String) -> RandomStream {
    RandomStream(seed: StreamSeed(seed: 11, replication: 3, label: label))
  }

  /// Two generators with the same seed, alive for the whole of `body`
  /// (a ``RandomSource`` is valid only while its stream lives).
  static func twins(_ label: String, _ body: (RandomSource, RandomSource) -> Void) {
    let first = stream(label)
    let second = stream(label)
    withExtendedLifetime((first, second)) { body(first.source, second.source) }
  }

  @Test func callsMatchDrawingOneAtATime() {
    let traffic = SimulationModel.Traffic(
      name: "t", type: .outbound, level: .outbound, gate: .api,
      ring: Sampler(DistributionSpec(.lognormalMeanSD(mean: 12, sd: 4))), answerShare: 0.7,
      duration: Sampler(DistributionSpec(.gammaMeanCV(mean: 180, cv: 1.3)), limit: 3600),
      arrivals: [.poisson(perSecond: 0.25)], unreachableShare: 0.2)
    var unreachable = 0
    Self.twins("calls") { batched, reference in
      var source = CallSource(traffic, stream: batched)
      // 1000 calls cross 31 batch boundaries.
      for _ in 0..<1000 {
        let call = source.next()
        if reference.bernoulli(0.2) {
          #expect(!call.reachable)
          unreachable += 1
          continue
        }
        let ring = traffic.ring.draw(reference)
        let answered = reference.bernoulli(0.7)
        let talk = traffic.duration.draw(reference)
        #expect(call.reachable)
        #expect(call.ring == ring)
        #expect(call.talk == (answered ? talk : -1))
      }
    }
    // The unreachable branch was taken about a fifth of the time:
    // Binomial(1000, 0.2) has mean 200 and sd 12.6; 4.5 sd is 57.
    #expect(abs(unreachable - 200) < 57)
  }

  @Test func inboundCallsDrawOnlyTheirDuration() {
    let traffic = SimulationModel.Traffic(
      name: "i", type: .inbound, level: .inbound, gate: .none, ring: Sampler(DistributionSpec(.constant(seconds: 5))),
      answerShare: 1, duration: Sampler(DistributionSpec(.exponential(mean: 90))), arrivals: [], unreachableShare: 0)
    Self.twins("inbound") { batched, reference in
      var source = CallSource(traffic, stream: batched)
      for _ in 0..<100 {
        let call = source.next()
        #expect(call.reachable && call.ring == 0)
        #expect(call.talk == reference.exponential(mean: 90))
      }
    }
  }

  @Test func poissonArrivalsMatchDrawingOneAtATime() {
    Self.twins("arrivals") { batched, reference in
      var source = ArrivalSource(.poisson(perSecond: 0.8), traffic: 0, horizon: 1e9)
      var time = 0.0
      for _ in 0..<100 {
        time += reference.exponential(mean: 1 / 0.8)
        #expect(source.next(batched) == time)
      }
    }
  }

  /// A Poisson source of rate 0.25/s (mean gap 4 s, so confusing the rate
  /// with the mean gap is a factor of 16) over 4000 s: Poisson(1000)
  /// arrivals, sd 31.6, so 4.5 sd is 142; none at or after the horizon.
  @Test func arrivalsStopAtTheHorizon() {
    let stream = Self.stream("short")
    var source = ArrivalSource(.poisson(perSecond: 0.25), traffic: 0, horizon: 4000)
    var count = 0
    var last = 0.0
    withExtendedLifetime(stream) {
      while let time = source.next(stream.source) {
        #expect(time > last && time < 4000)
        last = time
        count += 1
      }
      #expect(source.next(stream.source) == nil)
    }
    #expect(abs(count - 1000) < 142)
  }

  /// Gaps of a Poisson source of rate 0.25/s have mean 4 s and sd 4 s: the
  /// mean of 20,000 has sd 0.028, so 4.5 sd is 0.13. The share of gaps
  /// above 8 s is e^-2 = 0.1353 (sd 0.0024).
  @Test func poissonGapsHaveTheMeanOfTheRate() {
    let stream = Self.stream("gaps")
    var source = ArrivalSource(.poisson(perSecond: 0.25), traffic: 0, horizon: 1e9)
    var previous = 0.0
    var sum = 0.0
    var long = 0
    let n = 20_000
    withExtendedLifetime(stream) {
      for _ in 0..<n {
        let time = source.next(stream.source)!
        sum += time - previous
        if time - previous > 8 { long += 1 }
        previous = time
      }
    }
    #expect(abs(sum / Double(n) - 4) < 0.13)
    #expect(abs(Double(long) / Double(n) - exp(-2)) < 4.5 * 0.0024)
  }
}

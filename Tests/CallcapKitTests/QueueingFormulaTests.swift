import Foundation
import Testing

@testable import CallcapKit

@Suite struct QueueingFormulaTests {
  /// BENCHMARKS.md: M/D/1 at rho = 0.8, D = 1 s: mean wait 2.000 s, p95 6.620 s.
  @Test func md1MatchesPublishedFigures() throws {
    let queue = MD1Queue(arrivalsPerSecond: 0.8, cps: 1)
    #expect(abs(queue.meanWait - 2) < 1e-12)
    let p95 = try #require(queue.waitQuantile(0.95))
    #expect(abs(p95 - 6.620) < 0.0005)
    #expect(queue.waitQuantile(0.1) == 0)  // P(W = 0) = 1 - rho = 0.2
    #expect(abs(queue.waitCDF(0) - 0.2) < 1e-12)
  }

  /// The series and the exponential tail agree where the CDF switches
  /// from one to the other, at several loads.
  @Test(arguments: [0.3, 0.5, 0.8, 0.95])
  func md1SeriesMeetsTail(rho: Double) throws {
    let queue = MD1Queue(arrivalsPerSecond: rho * 2, cps: 2)
    let tail = try #require(queue.tail)
    let t = 10 / queue.arrivalsPerSecond
    let series = queue.waitCDF(t.nextDown)
    let asymptotic = 1 - tail.alpha * exp(-tail.delta * t)
    #expect(abs(series - asymptotic) < 1e-6)
  }

  /// The mean of the CDF, integral of 1 - F, equals Pollaczek-Khinchine.
  @Test func md1DistributionHasTheRightMean() {
    let queue = MD1Queue(arrivalsPerSecond: 0.9, cps: 1)
    let mean = Numerics.integrate(from: 0, to: 400) { 1 - queue.waitCDF($0) }
    #expect(abs(mean - queue.meanWait) < 1e-4)
  }

  @Test func mm1Waits() throws {
    let queue = MM1Queue(arrivalsPerSecond: 0.8, cps: 1)
    #expect(abs(queue.meanWait - 4) < 1e-12)
    // P(W > t) = 0.8 e^{-0.2 t} = 0.05  =>  t = 5 ln 16.
    #expect(abs(try #require(queue.waitQuantile(0.95)) - 5 * log(16.0)) < 1e-9)
  }

  /// Textbook values: B(a = 2, c = 3) = 4/19; C(2, 3) = 4/9.
  @Test func erlangFormulas() {
    #expect(abs(Erlang.b(load: 2, servers: 3) - 4.0 / 19.0) < 1e-12)
    #expect(abs(Erlang.c(load: 2, servers: 3) - 4.0 / 9.0) < 1e-12)
    #expect(Erlang.c(load: 3, servers: 3) == 1)
  }

  @Test func poissonTail() {
    // P(N >= 1) = 1 - e^{-a}.
    #expect(abs(PoissonConcurrency.probabilityAtLeast(1, load: 2) - (1 - exp(-2.0))) < 1e-12)
    let level = PoissonConcurrency.level(exceededWith: 0.01, load: 50)
    #expect(PoissonConcurrency.probabilityAtLeast(level, load: 50) <= 0.01)
    #expect(PoissonConcurrency.probabilityAtLeast(level - 1, load: 50) > 0.01)
  }
}

import CGSL
import Testing

@testable import CallcapKit

/// Whether the 95% confidence intervals the reports print contain the
/// truth 95% of the time: 200 independent runs of 5 replications each on
/// an M/D/1 queue whose mean wait is known.
@Suite struct IntervalCoverageTests {
  /// Poisson requests at 0.5/s through smooth pacing at 1 CPS: M/D/1 with
  /// rho = 0.5, mean wait rho / (2 mu (1 - rho)) = 0.5 s.
  ///
  /// The runs must be unbiased for the count to mean anything. The start
  /// (an empty queue) biases waits low: the first 100 s are warm-up, some
  /// eight relaxation times of this queue (about 1/(mu (1 - sqrt rho)^2) =
  /// 12 s), which leaves a bias of order e^-8. The end does not bias: the
  /// calls offered before the horizon are followed until they are placed.
  /// 600 s measured gives about 300 waits per replication, so the 1000
  /// replications run in a few seconds in a debug build. Five replications
  /// per run, as a user might choose, and their Student t interval with
  /// 4 degrees of freedom.
  ///
  /// Replications are independent streams (seeded by their index), so
  /// replications 5k..5k+4 are run k of 200. The number of intervals that
  /// contain 0.5 s is Binomial(200, 0.95) for correct intervals; the test
  /// accepts the central 99.9% of that law (from 179 to 198 of 200), which
  /// a correct model misses once in a thousand seeds, and intervals that
  /// are too narrow (coverage 85%: 170 expected) or far too wide fail.
  @Test func confidenceIntervalsCoverNinetyFivePercent() throws {
    let scenario = try loadScenario(
      """
      callcap: 1
      name: coverage
      simulation: { horizon: 700s, warmup: 100s, replications: 1000, seed: 20, resolution: 1h }
      account: { api: { cps: 1 } }
      numbers: [050-1234-5678]
      traffic:
        - { name: w, type: outbound, arrivals: { rate: 0.5/s }, duration: 1s }
      """)
    let runs = 200
    let perRun = 5
    let result = Simulator(jobs: 2).run(SimulationModel(scenario), replications: runs * perRun)
    let waits = try #require(result.row(.api, .queueWaitMean)).values
    var covered = 0
    for run in 0..<runs {
      let summary = Summary(Array(waits[run * perRun..<(run + 1) * perRun]))
      if let low = summary.low, let high = summary.high, low <= 0.5, 0.5 <= high { covered += 1 }
    }
    // Central 99.9% of Binomial(200, 0.95).
    var lowest = 0
    while gsl_cdf_binomial_P(UInt32(lowest), 0.95, UInt32(runs)) < 0.0005 { lowest += 1 }
    var highest = runs
    while gsl_cdf_binomial_Q(UInt32(highest - 1), 0.95, UInt32(runs)) < 0.0005 { highest -= 1 }
    #expect((lowest, highest) == (179, 198))
    #expect(covered >= lowest && covered <= highest, "\(covered) of \(runs) intervals contain the mean wait")
    // And the runs agree with the closed form as a whole.
    let all = Summary(waits)
    #expect(abs(all.mean - 0.5) < 4 * (all.halfWidth ?? .infinity) / 1.96)
  }
}

import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// Remedies size a safe release rate on what `suspension_risk` counts:
/// the chance that a replication's peak reaches the limit, not the share
/// of time spent above it. A burst spread to hold the time share above 89
/// calls at 1% still reaches 90 in most replications, because 600 calls
/// each get a chance to find 89 in progress; sized on the peak, the
/// spread is verified by simulation to keep the risk within 1%.
@Suite struct RemedySizingTests {
  /// 600 calls held 40.1 s, released over `spread` seconds through a 3 CPS
  /// API gate, against 100 outbound calls less 10% (reaching = 90).
  static func spreadScenario(spreadSeconds: Double, replications: Int) throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: spread-burst
      simulation: { horizon: 2h, replications: \(replications), max_replications: \(replications), seed: 5 }
      account:
        api: { cps: 3 }
        thresholds: { outbound: 100 }
      numbers: [050-1234-5678]
      traffic:
        - { name: blast, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% },
            arrivals: { burst: { at: "00:00", count: 600, spread: \(Int(spreadSeconds))s } }, duration: 40.1s }
      objectives: { threshold_headroom: 10% }
      """)
  }

  /// The share of replications whose outbound peak reaches 90.
  static func reach(spreadSeconds: Double) throws -> BinomialInterval {
    let scenario = try spreadScenario(spreadSeconds: spreadSeconds, replications: 200)
    let run = Simulator(jobs: 2).runAll([(SimulationModel(scenario), nil)], replications: 200)[0]
    return ThresholdReach(run, scenario: scenario).any
  }

  @Test func theSuggestedSpreadKeepsThePeakRiskWithinTheObjective() throws {
    let plan = PlanningTests.plan(try PlanningTests.burstScenario(tiers: "[1, 3]"))
    let remedies = Remedies.suggest(for: plan)
    let rate = Remedies.safeRate(allowed: 89, holdSeconds: 40.1, risk: 0.01) { _ in 600 }
    let spread = (600 / rate).rounded(.up)
    #expect(remedies.contains { $0.contains("Spread the 600-call burst of blast over at least \(Readable.duration(spread))") })
    // The same sizing for pacing the class: its 600 calls started at most `rate` per second.
    #expect(remedies.contains { $0.contains("starting its 600 calls at most \(Format.decimal(rate, digits: 3)) per second keeps") })
    #expect(remedies.contains { $0.contains("the chance that a replication's peak reaches 90 below 1%") })

    // Sized on the time share (Poisson(load) >= 90 for 1% of the time), as before: far too short a spread.
    let timeShareLoad = try #require(Numerics.root(in: 1, 90) { gsl_cdf_poisson_Q(89, $0) - 0.01 })
    let timeShareSpread = (600 / (timeShareLoad / 40.1)).rounded(.up)
    #expect(timeShareSpread < spread * 0.9)

    let sized = try Self.reach(spreadSeconds: spread)
    let before = try Self.reach(spreadSeconds: timeShareSpread)
    print("spread \(spread) s: \(sized.description); time-share spread \(timeShareSpread) s: \(before.description)")
    // The suggested spread is consistent with a risk of at most 1% (its 95% lower bound is below 1%)...
    #expect(sized.oneSidedLower95 <= 0.01)
    #expect(sized.events <= 2)
    // ...while the time-share sizing reaches the limit far more often than 1%.
    #expect(before.oneSidedLower95 > 0.01)
  }

  /// The reaching chance counts both ways to reach: already in progress,
  /// or an arrival finding `allowed` in progress.
  @Test func peakReachProbabilityAddsBothWays() {
    let load = 60.0
    let expected = gsl_cdf_poisson_Q(89, load) + 1000 * gsl_ran_poisson_pdf(89, load)
    #expect(abs(Remedies.peakReachProbability(allowed: 89, load: load, arrivals: 1000) - expected) < 1e-15)
    #expect(Remedies.peakReachProbability(allowed: 89, load: 0, arrivals: 1000) == 0)
    #expect(Remedies.peakReachProbability(allowed: 89, load: 89, arrivals: 1000) == 1)
  }
}

import Foundation
import Testing

@testable import CallcapKit

/// A dialer remedy verified end to end, now that scenarios accept
/// `dialer:`: the remedy's pacing rate is written into the class, the
/// changed file loads, and its simulation meets the objectives.
@Suite struct DialerRemedyTests {
  /// Poisson attempts at 1.2/s through a 5 CPS trunk, each call about 80 s:
  /// about 96 calls in progress against an outbound limit of 90 (100 less
  /// 10%), so every replication reaches it and no tier helps. Released at
  /// r per second the calls hold r x 80 erlangs: the remedy's rate keeps
  /// the chance that a horizon's peak reaches 90 within 1% (M/G/inf), and a
  /// dialer whose starts are evenly spaced does at least as well.
  static let steady = """
    callcap: 1
    name: steady-dialer
    simulation: { horizon: 1h, replications: 10, seed: 4 }
    account:
      trunks: [{ name: t, cps: 5 }]
      thresholds: { outbound: 100 }
    numbers: [050-1234-5678]
    traffic:
      - { name: calls, type: outbound, via: trunk:t, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 1.2/s }, duration: exponential(mean: 80s) }
    objectives: { threshold_headroom: 10% }
    tiers: [5]
    """

  @Test func aDialerRateIsVerifiedAndItsFileLoads() throws {
    let scenario = try loadScenario(Self.steady)
    let simulator = Simulator(jobs: 2)
    let plan = CapacityPlan.simulate(scenario, tiers: nil, gate: nil, simulator: simulator)
    #expect(plan.status == .fails)
    let remedies = Remedies.remedies(for: plan)
    let dialer = try #require(remedies.first { !$0.changes.isEmpty })
    #expect(dialer.changes == [.dialerMaxRate(traffic: "calls", rate: "0.668/s")])
    let verification = RemedyVerification.verify(
      plan, remedies: [dialer],
      source: .success(ScenarioSource(text: Self.steady, path: "steady.yaml", baseDirectory: "/tmp")), simulator: simulator)
    #expect(verification.entries[0].outcome == .verified(replications: 299))
    let file = try #require(verification.fixFile(folder: URL(fileURLWithPath: "/tmp/reports/steady-dialer")))
    let fixed = try ScenarioLoader().load(text: file, path: "fix.yaml", baseDirectory: "/tmp").get()
    #expect(fixed.traffic[0].dialer?.maxRatePerSecond == 0.668)
    #expect(fixed.traffic[0].dialer?.maxInProgress == nil)
    #expect(fixed.name == "steady-dialer-fix")
  }

  /// `plan --json` carries each remedy with its verification, and which one
  /// is written as fix.yaml.
  @Test func theJSONCarriesTheVerification() throws {
    let report = PlanReport(
      scenario: try loadScenario(Self.steady), tiers: nil, gate: nil, simulator: Simulator(jobs: 2), headroom: false,
      source: ScenarioSource(text: Self.steady, path: "steady.yaml", baseDirectory: "/tmp"))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonScenario.text.utf8)) as? [String: Any])
    #expect((object["verdict"] as? [String: Any])?["status"] as? String == "fails")
    let remedies = try #require(object["remedies"] as? [[String: Any]])
    #expect(remedies.count == 1)
    #expect(remedies[0]["outcome"] as? String == "verified")
    #expect(remedies[0]["fix_yaml"] as? Bool == true)
    #expect(remedies[0]["changes"] as? [String] == ["traffic calls: dialer: { max_rate: 0.668/s }"])
    #expect((remedies[0]["detail"] as? String)?.hasPrefix("verified: with this change the scenario meets every objective") == true)
  }
}

import Foundation
import Testing

@testable import CallcapKit

@Suite struct ComparisonTests {
  static func scenario(name: String, cps: String, extra: String = "") throws -> Scenario {
    try loadScenario(
      """
      callcap: 1
      name: \(name)
      simulation: { horizon: 4h, replications: 8, seed: \(name.count) }
      account: { api: { cps: \(cps) } }
      numbers: [050-1234-5678]
      traffic:
        - { name: calls, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.7/s },
            ring: uniform(min: 5s, max: 20s), answer: 70%, duration: exponential(mean: 2m) }
      \(extra)
      """)
  }

  /// Two designs differing only in CPS: the faster one waits significantly
  /// less, and (common random numbers) offers exactly the same calls.
  @Test func cpsDifferenceIsSignificantWithTheRightSign() throws {
    let comparison = Comparison.simulate(
      [try Self.scenario(name: "slow", cps: "1"), try Self.scenario(name: "faster", cps: "2")], simulator: Simulator(jobs: 2))
    // Aligned on the baseline's seed, though the files give different ones.
    #expect(comparison.scenarios.map(\.simulation.seed) == [4, 4])
    let wait = try #require(comparison.row(.api, .queueWaitMean)?.differences[1])
    #expect(wait.paired && wait.isSignificant && wait.mean < 0)
    #expect(try #require(wait.high) < 0)
    let offered = try #require(comparison.row(.category(.total), .callsOffered)?.differences[1])
    #expect(offered.mean == 0 && !offered.isSignificant)
    let markdown = ComparisonReport(comparison).markdown(charts: [])
    #expect(markdown.contains("**faster** against slow:\n\n- p95 API wait: "))
    #expect(markdown.contains("- no significant difference: ") && markdown.contains(", calls offered.\n"))
  }

  /// A class added to one scenario leaves the shared class's random
  /// numbers alone: its offered calls stay identical.
  @Test func namedStreamsSurviveAddedClasses() throws {
    let extra = """
        - { name: inbound-line, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.2/s }, duration: 1m }
      """
    let comparison = Comparison.simulate(
      [try Self.scenario(name: "base", cps: "1"), try Self.scenario(name: "more", cps: "1", extra: extra)],
      simulator: Simulator(jobs: 2))
    let shared = try #require(comparison.row(.traffic("calls"), .callsOffered))
    #expect(shared.differences[1]?.mean == 0)
    let csv = ComparisonReport(comparison).csv.split(separator: "\n")
    #expect(
      csv[0] == "scope,metric,unit,scenario,mean,ci95_low,ci95_high,difference,difference_ci95_low,difference_ci95_high,significant")
    #expect(csv.contains { $0.hasPrefix("traffic:calls,calls_offered,calls,more,") && $0.hasSuffix(",0,0,0,false") })
    #expect(comparison.folderName == "compare-base-vs-more")
  }

  /// The report says which classes pair each scenario with the baseline,
  /// and which scenarios share none (their differences are unpaired).
  @Test func reportNamesThePairedClasses() throws {
    let extra = """
        - { name: inbound-line, type: inbound, to: 050-1234-5678, arrivals: { rate: 0.2/s }, duration: 1m }
      """
    let base = try Self.scenario(name: "base", cps: "1")
    let more = try Self.scenario(name: "more", cps: "1", extra: extra)
    let renamed = try loadScenario(
      """
      callcap: 1
      name: renamed
      simulation: { horizon: 4h, replications: 8 }
      numbers: [050-1234-5678]
      traffic:
        - { name: dialer, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 0.7/s },
            duration: exponential(mean: 2m) }
      """)
    let comparison = Comparison(scenarios: Comparison.align([base, more, renamed]), runs: [])
    #expect(comparison.pairedClasses(1) == ["calls"])
    #expect(comparison.pairedClasses(2) == [])
    #expect(comparison.unpaired.map(\.name) == ["renamed"])
    // The sentences comparison.md prints (English catalogue).
    func sentences(_ comparison: Comparison) -> [String] {
      comparison.scenarios.indices.dropFirst().map {
        English().pairing(
          comparison.scenarios[$0].name, paired: comparison.pairedClasses($0), total: comparison.scenarios[$0].traffic.count)
      }
    }
    #expect(sentences(comparison)[0] == "more is paired with the baseline through `calls` (1 class of its own draws independently).")
    #expect(sentences(comparison)[1].hasPrefix("renamed shares no traffic class name with the baseline, so nothing is paired"))
    let twin = Comparison(scenarios: Comparison.align([base, base]), runs: [])
    #expect(sentences(twin) == ["base is paired with the baseline through `calls`."])
  }
}

import CGSL
import Foundation
import Testing

@testable import CallcapKit

/// Per-pool time series (callers waiting, agents busy) against exact and
/// closed-form values, and the staffing search's machine output.
@Suite struct PoolSeriesTests {
  /// Per replication, the time averages of waiting and busy over the
  /// buckets before the horizon (every bucket there is whole).
  static func averages(_ result: ReplicationResult, buckets: Int) throws -> (waiting: Double, busy: Double) {
    let series = try #require(result.poolBuckets)
    #expect(series.pools == 1)
    var waiting = 0.0
    var busy = 0.0
    for bucket in 0..<buckets {
      waiting += series.means[bucket * 2 + PoolSeries.waiting]
      busy += series.means[bucket * 2 + PoolSeries.busy]
    }
    return (waiting / Double(buckets), busy / Double(buckets))
  }

  /// Erlang A, M/M/14+M at 10 erlangs, patience mean 2 min (the exact
  /// birth-death chain): mean callers in the system 9.924, abandonment
  /// 2.284%. Busy agents = offered load x (1 - abandonment) = 9.7716;
  /// by Little's law the callers waiting are the rest of the system,
  /// 9.924 - 9.7716 = 0.1524 (arrival rate into the queue x mean time in
  /// it). Each within the 99.9% t interval across the 8 replications and
  /// within an absolute tolerance a few times its width: a series that
  /// counted wrap-up, abandoned callers or time before the warm-up fails.
  @Test func erlangALittlesLawAndBusyAgents() throws {
    let scenario = try ContactCentreTests.desk(agents: 14, queue: "{ agents: desk, patience: exponential(mean: 2m) }")
    let indices = Array(0..<scenario.simulation.replications)
    let result = try #require(
      Simulator(jobs: 2).runAll([(SimulationModel(scenario), nil)], indices: indices, keepingSeries: true).first)
    // Buckets of 1 h from the 2 h warm-up to the 100 h horizon.
    let averages = try result.replications.map { try Self.averages($0, buckets: 98) }
    let waiting = Summary(averages.map(\.waiting))
    let busy = Summary(averages.map(\.busy))
    let t = gsl_cdf_tdist_Pinv(0.9995, Double(waiting.count - 1)) / Summary.tQuantile975(degreesOfFreedom: Double(waiting.count - 1))
    #expect(abs(waiting.mean - 0.1524) < max(t * (waiting.halfWidth ?? .infinity), 1e-9), "waiting \(waiting.mean)")
    #expect(abs(waiting.mean - 0.1524) < 0.03, "waiting \(waiting.mean)")
    #expect(abs(busy.mean - 9.7716) < max(t * (busy.halfWidth ?? .infinity), 1e-9), "busy \(busy.mean)")
    #expect(abs(busy.mean - 9.7716) < 0.12, "busy \(busy.mean)")
    // The combined series is the mean of the replications' buckets.
    let combined = SimulationTests.run(scenario)
    #expect(combined.poolSeries.count == scenario.simulation.replications)
    var combinedBusy = 0.0
    for bucket in 0..<98 { combinedBusy += combined.poolSeries.mean(.busy, pool: 0, inBucket: bucket) }
    #expect(abs(combinedBusy / 98 - busy.mean) < 1e-9)
  }

  /// One agent, a caller every minute, talk 150 s, patience 10 s: in every
  /// 180 s the agent talks 150 s and two callers wait 10 s each, so each
  /// hour's bucket averages exactly 150/180 agents busy and 20/180 callers
  /// waiting, with at most one of each.
  @Test func deterministicQueueGivesExactBuckets() throws {
    let scenario = try SimulationTests.scenario(
      """
      agents: [{ name: desk, count: 1, wrap_up: 0s }]
      traffic:
        - name: support
          type: inbound
          to: 050-1234-5678
          queue: { agents: desk, patience: 10s }
          arrivals: { every: 1m }
          duration: 150s
      """, horizon: "3h", replications: 2)
    let result = SimulationTests.run(scenario)
    let series = result.poolSeries
    #expect(series.bucketCount >= 3)
    let csv = CSVWriter.poolTimeSeries(scenario: scenario, runs: [result]).split(separator: "\n")
    #expect(csv[0] == "scenario,tier,pool,time_s,clock,waiting_mean,waiting_max,busy_mean,busy_max,on_duty")
    #expect(csv[1] == "t,configured,desk,0,00:00,0.1111111111,1,0.8333333333,1,1")
    #expect(csv.count == 1 + series.bucketCount)
    for bucket in 0..<3 {
      #expect(abs(series.mean(.busy, pool: 0, inBucket: bucket) - 150.0 / 180) < 1e-9)
      #expect(abs(series.mean(.waiting, pool: 0, inBucket: bucket) - 20.0 / 180) < 1e-9)
      #expect(series.maximum(.busy, pool: 0, inBucket: bucket) == 1)
      #expect(series.maximum(.waiting, pool: 0, inBucket: bucket) == 1)
    }
  }

  /// Shards merge replication by replication: the per-pool series of
  /// replications split in two and combined in index order equals the
  /// series of one run, and a result survives a JSON round trip.
  @Test func poolSeriesMergesAcrossShardsAndCodes() throws {
    let scenario = try ContactCentreTests.desk(agents: 12, queue: "{ agents: desk, patience: 1m }")
    let whole = SimulationTests.run(scenario)
    let simulator = Simulator(jobs: 2)
    let model = SimulationModel(scenario)
    let even = try #require(simulator.runAll([(model, nil)], indices: [0, 2, 4, 6], keepingSeries: true).first)
    let odd = try #require(simulator.runAll([(model, nil)], indices: [1, 3, 5, 7], keepingSeries: true).first)
    var ordered: [ReplicationResult] = []
    for index in 0..<4 { ordered += [even.replications[index], odd.replications[index]] }
    let data = try JSONEncoder().encode(ordered)
    let decoded = try JSONDecoder().decode([ReplicationResult].self, from: data)
    let merged = ShardedRun.result(setting: nil, replications: decoded)
    #expect(merged.poolSeries.bucketCount == whole.poolSeries.bucketCount)
    for bucket in 0..<whole.poolSeries.bucketCount {
      #expect(merged.poolSeries.mean(.waiting, pool: 0, inBucket: bucket) == whole.poolSeries.mean(.waiting, pool: 0, inBucket: bucket))
      #expect(merged.poolSeries.maximum(.busy, pool: 0, inBucket: bucket) == whole.poolSeries.maximum(.busy, pool: 0, inBucket: bucket))
    }
    #expect(merged.replications.allSatisfy { $0.poolBuckets == nil })
  }

  /// The pool's chart has callers waiting, agents busy, the agents on duty
  /// and the callers' category against its threshold.
  @Test func reportHasAPoolChart() throws {
    let scenario = try ContactCentreTests.desk(agents: 14, queue: "{ agents: desk }")
    let result = SimulationTests.run(scenario)
    let charts = ReportCharts.forRun(scenario: scenario, run: result, label: "configured CPS")
    let chart = try #require(charts.first { $0.path == "charts/pool-desk.svg" })
    for text in ["callers waiting, mean", "agents busy, mean", "agents on duty", "inbound calls, mean", "inbound threshold 100"] {
      #expect(chart.svg.contains(text), "\(text)")
    }
    let report = MarkdownReport(scenario: scenario, run: result, charts: charts).render()
    #expect(report.contains("![Pool desk: callers waiting and agents busy](charts/pool-desk.svg)"))
    #expect(report.components(separatedBy: "charts/pool-desk.svg").count == 2, "shown once, in the pool's section")
  }

  /// Shift offsets: after a shift change the drain keeps the last count.
  @Test func agentsOnDutyFollowTheShifts() {
    let shifts = AgentStaffing.profile(everySeconds: 3600, counts: [2, 5, 3])
    #expect(ReportCharts.onDuty(shifts, at: 0, horizon: 7200) == 2)
    #expect(ReportCharts.onDuty(shifts, at: 3600, horizon: 7200) == 5)
    #expect(ReportCharts.onDuty(shifts, at: 9000, horizon: 7200) == 5)
    #expect(ReportCharts.onDuty(shifts, at: 9000, horizon: 20000) == 3)
    #expect(ReportCharts.onDuty(.constant(4), at: 9000, horizon: 7200) == 4)
  }
}

/// `plan`'s staffing search for pools with shifts, its verdict and its
/// machine output (`staffing.csv`, `--json`).
@Suite struct StaffingOutputTests {
  /// `max_replications` equal to the 8 replications: the threshold is not settled further.
  static func shifts(_ counts: String) throws -> Scenario {
    var scenario = try SimulationTests.scenario(
      """
      agents: [{ name: desk, count: { every: 50h, counts: [\(counts)] } }]
      traffic:
        - name: support
          type: inbound
          to: 050-1234-5678
          queue: { agents: desk }
          arrivals: { rate: 200/h }
          duration: exponential(mean: 3m)
      objectives: { service_level: { within: 20s, min: 80% }, threshold_headroom: 10% }
      """, horizon: "100h", replications: 8, warmup: "2h")
    scenario.simulation.maxReplications = 8
    return scenario
  }

  /// Erlang C at 10 erlangs: 14 agents meet 80% in 20 s (0.8884), 13 do not
  /// (0.7956). Two shifts of 14 agents meet; one fewer in every interval
  /// does not, so the plan recommends the shifts as configured, and tells
  /// why not fewer.
  @Test func shiftsAreMovedByOneOffset() throws {
    let scenario = try Self.shifts("14, 14")
    let plan = try #require(StaffingPlan.plans(for: scenario, simulator: Simulator(jobs: 2)).first)
    #expect(plan.everySeconds == 180_000)
    #expect(plan.rows.map(\.offset) == [-1, 0])
    #expect(plan.rows.first?.counts == [13, 13])
    #expect(plan.recommendedRow?.offset == 0)
    #expect(plan.recommended == 14)
    let verdict = plan.verdict()
    #expect(verdict.hasPrefix("**Pool desk: the shifts as configured, 14 agents**, meet every pool objective"), "\(verdict)")
    #expect(verdict.contains("One agent fewer in every interval does not"))
    // 0 of 8 replications came within the headroom: a 95% upper bound of 31.2%, which does not show a 1% risk.
    #expect(
      verdict.contains(
        "**Whether the inbound threshold of 100 is safe with them is not settled**: the inbound peak is "),
      "\(verdict)")
    #expect(
      verdict.contains(
        "; 0 of 8 came within the headroom (90 calls), whose 95% upper bound 31.2% is above `suspension_risk` (1%); "
          + "about 299 replications with no more would show it."), "\(verdict)")
    #expect(plan.recommendedRow?.reachedLimit?.trials == 8, "max_replications 8: not settled further")
    let row = try #require(plan.recommendedRow)
    #expect(row.thresholdStatus(riskLimit: 0.01) == .undecided)
    #expect(row.thresholdStatus(riskLimit: 0.4) == .safe)
    var reached = row
    reached.reachedLimit = BinomialInterval(events: 6, trials: 8)
    #expect(reached.thresholdStatus(riskLimit: 0.01) == .atRisk)
    var loose = plan
    loose.riskLimit = 0.4
    #expect(loose.verdict().contains("**The inbound threshold of 100 is safe** with them: "))
    #expect(loose.verdict().contains("; 0 of 8 came within the headroom (90 calls), within `suspension_risk` (40%) with 95% confidence"))

    // Too few: the search goes up until the shifts meet.
    let short = try #require(StaffingPlan.plans(for: try Self.shifts("12, 12"), simulator: Simulator(jobs: 2)).first)
    #expect(short.rows.map(\.offset) == [0, 1, 2])
    #expect(short.recommendedRow?.counts == [14, 14])
    #expect(short.verdict().hasPrefix("**Pool desk: the shifts with 2 more agents in every interval, 14 agents**"))

    let csv = CSVWriter.staffing(scenario: "t", plans: [plan])
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(lines[0].hasPrefix("scenario,pool,category,agents,shift_offset,agents_min,agents_max,service_level"))
    #expect(lines[1].hasPrefix("t,desk,inbound,13,-1,13,13,"))
    #expect(lines[1].hasSuffix(",,,false") && !lines[1].contains("meets"))
    #expect(lines[2].hasPrefix("t,desk,inbound,14,0,14,14,"))
    #expect(lines[2].hasSuffix(",100,90,0,0,8,meets,meets,,,true"))
  }

  /// A constant pool in `plan --json`: the recommended agents, the
  /// threshold's status with them, and the curve with its outcomes.
  @Test func planJSONCarriesTheStaffing() throws {
    var scenario = try ContactCentreTests.desk(agents: 5, queue: "{ agents: desk }")
    scenario.simulation.horizonSeconds = 40 * 3600
    let report = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: Simulator(jobs: 2))
    let object = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonScenario.text.utf8)) as? [String: Any])
    // The verdict names the agents per pool.
    let agents = try #require(report.staffing.first?.recommended)
    #expect((object["verdict"] as? [String: Any])?["agents"] as? [String: Int] == ["desk": agents])
    let staffing = try #require(object["staffing"] as? [[String: Any]])
    #expect(staffing.count == 1)
    let pool = staffing[0]
    #expect(pool["pool"] as? String == "desk")
    #expect(pool["status"] as? String == "meets")
    let recommended = try #require(pool["recommended_agents"] as? Int)
    #expect((13...15).contains(recommended))
    #expect(pool["threshold"] as? Int == 100)
    // 0 of 8 replications does not show a 1% risk; the recommended count is simulated again with 299, which does.
    #expect(pool["threshold_status"] as? String == "safe")
    #expect(pool["recommended_offset"] is NSNull)
    let curve = try #require(pool["curve"] as? [[String: Any]])
    #expect(curve.first?["agents"] as? Int == 10)
    #expect(curve.last?["agents"] as? Int == recommended)
    #expect(curve.last?["outcome"] as? String == "meets")
    #expect(curve.dropLast().allSatisfy { $0["outcome"] as? String != "meets" })
    #expect((curve.last?["objectives"] as? [[String: Any]])?.first?["objective"] as? String == "service_level")
    #expect(report.files.contains { $0.path == "staffing.csv" })
    #expect(report.files.first { $0.path == "report.md" }?.contents.contains("## Verdict\n\n**Pool desk: \(recommended) agents**") == true)
  }
}

/// Whether the callers' threshold is safe at the recommended staffing is
/// settled with the replications a 1% risk needs, not left to the search's 20.
@Suite struct StaffingThresholdTests {
  @Test func recommendedStaffingIsSimulatedAgainToSettleTheThreshold() throws {
    var scenario = try ContactCentreTests.desk(agents: 5, queue: "{ agents: desk }")
    scenario.simulation.horizonSeconds = 6 * 3600
    let plan = try #require(StaffingPlan.plans(for: scenario, simulator: Simulator(jobs: 2)).first)
    let row = try #require(plan.recommendedRow)
    #expect(row.reachedThreshold?.trials == 299)
    #expect(plan.rows.filter { $0.agents != row.agents }.allSatisfy { $0.reachedThreshold?.trials == 8 })
    #expect(row.thresholdStatus(riskLimit: 0.01) == .safe)
    #expect(plan.verdict().contains("in 299 replications; 0 of 299 came to it, within `suspension_risk` (1%) with 95% confidence"))
  }
}

/// When only a pool's objectives fail, the verdict says agents fix it,
/// not "contact sales if none of these changes is possible" with no change listed.
@Suite struct PoolOnlyVerdictTests {
  @Test func tooFewAgentsPointsToStaffingNotSales() throws {
    var scenario = try ContactCentreTests.desk(agents: 5, queue: "{ agents: desk, patience: exponential(mean: 1m) }")
    scenario.simulation.horizonSeconds = 4 * 3600
    scenario.simulation.maxReplications = 8
    let report = PlanReport(scenario: scenario, tiers: scenario.tiers, gate: nil, simulator: Simulator(jobs: 2), headroom: false)
    #expect(report.plan.configured.decision == .fails)
    let markdown = try #require(report.files.first { $0.path == "report.md" }?.contents)
    #expect(markdown.contains("Only agent-pool objectives fail: more agents fix them (see the staffing above), not CPS."))
    #expect(!markdown.contains("if none of these changes is possible"))
  }
}

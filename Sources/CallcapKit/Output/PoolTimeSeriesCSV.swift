extension CSVWriter {
  /// `timeseries-agents.csv` (scenarios with agent pools): one row per
  /// setting, pool and resolution bucket, aligned with `timeseries.csv`:
  /// the mean over replications of the bucket's time-average of callers
  /// waiting and agents busy, the highest over replications of their
  /// bucket maxima, and the agents scheduled at the bucket's start.
  public static func poolTimeSeries(scenario: Scenario, runs: [RunResult]) -> String {
    var text = ""
    poolTimeSeries(scenario: scenario, runs: runs, into: &text)
    return text
  }

  /// ``poolTimeSeries(scenario:runs:)`` written row by row to `target`.
  public static func poolTimeSeries(scenario: Scenario, runs: [RunResult], into target: inout some TextOutputStream) {
    target.write(
      line([
        "scenario", "tier", "pool", "time_s", "clock", "waiting_mean", "waiting_max", "busy_mean", "busy_max", "on_duty",
      ]))
    var text = ""
    let sim = scenario.simulation
    for run in runs {
      let series = run.poolSeries
      let count = min(series.bucketCount, run.timeSeries.bucketCount)
      for (index, pool) in scenario.agents.enumerated() where index < series.pools {
        let prefix = escape(scenario.name) + "," + escape(tierLabel(run.setting)) + "," + escape(pool.name) + ","
        for bucket in 0..<count {
          if bucket & 0xFFF == 0 && Interruption.isRequested { return }
          let time = run.timeSeries.start(ofBucket: bucket)
          text.removeAll(keepingCapacity: true)
          text += prefix
          text += Format.csv(time)
          text += ","
          text += escape(Quantity.clock(sim.startClockSeconds + time))
          text += ","
          text += Format.csv(series.mean(.waiting, pool: index, inBucket: bucket))
          text += ","
          text += String(series.maximum(.waiting, pool: index, inBucket: bucket))
          text += ","
          text += Format.csv(series.mean(.busy, pool: index, inBucket: bucket))
          text += ","
          text += String(series.maximum(.busy, pool: index, inBucket: bucket))
          text += ","
          text += String(ReportCharts.onDuty(pool.staffing, at: time, horizon: sim.horizonSeconds))
          text += "\n"
          target.write(text)
        }
      }
    }
  }
}

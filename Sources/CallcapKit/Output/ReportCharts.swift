/// An SVG chart of a report, at its path relative to the report folder.
public struct ReportChart: Sendable {
  public var path: String
  public var title: String
  public var svg: String
}

/// The charts of a report: concurrency over time against the thresholds,
/// the API queue over time, refused calls over time, and for a plan the
/// tier curves (p95 wait and peak concurrency against CPS).
public enum ReportCharts {
  /// Most points drawn per line; longer series are merged bucket by bucket.
  static let maximumPoints = 1440

  /// A run's time series thinned to at most ``maximumPoints`` points:
  /// each point merges consecutive buckets (the mean of their means, the
  /// highest of their maxima) and sits at the first one's start. The
  /// series runs from the warm-up to the end of the drain after the
  /// horizon, so the charts show the calls still in progress then.
  struct Points {
    /// The combined series, read in place (no bucket values are built).
    let series: TimeSeries
    let group: Int
    let resolution: Double

    init(_ run: RunResult, resolution: Double) {
      series = run.timeSeries
      group = max(1, (series.bucketCount + maximumPoints - 1) / maximumPoints)
      self.resolution = resolution
    }

    var isEmpty: Bool { series.bucketCount == 0 }
    var width: Double { resolution * Double(group) }

    /// One point per group of buckets: `value(range)` over the group's bucket indices.
    private func merged(_ value: (Range<Int>) -> Double) -> [(x: Double, y: Double)] {
      stride(from: 0, to: series.bucketCount, by: group).map { start in
        (series.start(ofBucket: start), value(start..<min(start + group, series.bucketCount)))
      }
    }

    func level(_ level: TrackedLevel, highest: Bool) -> [(x: Double, y: Double)] {
      merged { range in
        highest
          ? Double(range.map { series.maximum(level, inBucket: $0) }.max() ?? 0)
          : range.reduce(0) { $0 + series.mean(level, inBucket: $1) } / Double(range.count)
      }
    }

    var refused: [(x: Double, y: Double)] { merged { range in range.reduce(0) { $0 + series.rejected(inBucket: $1) } } }

    /// A level of agent pool `pool`, merged like the call levels (the
    /// pools' buckets are the call series' buckets).
    func pool(_ pool: Int, _ level: PoolTimeSeries.Level, in pools: PoolTimeSeries, highest: Bool) -> [(x: Double, y: Double)] {
      let count = min(series.bucketCount, pools.bucketCount)
      return stride(from: 0, to: count, by: group).map { start in
        let range = start..<min(start + group, count)
        let y =
          highest
          ? Double(range.map { pools.maximum(level, pool: pool, inBucket: $0) }.max() ?? 0)
          : range.reduce(0) { $0 + pools.mean(level, pool: pool, inBucket: $1) } / Double(range.count)
        return (series.start(ofBucket: start), y)
      }
    }

    /// Whether any bucket has a refused call.
    var hasRefusals: Bool { (0..<series.bucketCount).contains { series.rejected(inBucket: $0) > 0 } }
  }

  public static func forRun(scenario: Scenario, run: RunResult, label: String, _ c: any Catalogue = English()) -> [ReportChart] {
    let sim = scenario.simulation
    let data = Points(run, resolution: sim.resolutionSeconds)
    guard !data.isEmpty else { return [] }
    func points(level: TrackedLevel, highest: Bool) -> [(x: Double, y: Double)] { data.level(level, highest: highest) }
    let width = data.width
    let axis = LineChart.XAxis.clock(startClock: sim.startClockSeconds)
    let timeLabel = c.timeAxis(every: Readable.duration(width, units: c.units))
    var charts: [ReportChart] = []

    var concurrency = LineChart(
      title: c.simultaneousCallsTitle(label), xLabel: timeLabel, yLabel: c.callsInProgress, xAxis: axis)
    concurrency.units = c.units
    for (index, category) in scenario.callCategories.enumerated() {
      let level = TrackedLevel(category)
      let color = LineChart.palette[index]
      concurrency.series.append(.init(name: c.seriesMean(category), color: color, points: points(level: level, highest: false)))
      concurrency.series.append(
        .init(name: c.seriesHighest(category), color: color, points: points(level: level, highest: true), lineWidth: 1, opacity: 0.45)
      )
      if let threshold = scenario.account.thresholds.value(for: category) {
        concurrency.references.append(.init(label: c.thresholdLine(category, threshold), value: Double(threshold), color: color))
      }
    }
    charts.append(ReportChart(path: "charts/concurrency.svg", title: c.concurrencyChartTitle, svg: concurrency.render()))

    if run.row(.api, .queueWaitP95) != nil {
      let level = TrackedLevel.queue
      var queue = LineChart(title: c.apiQueueTitle(label), xLabel: timeLabel, yLabel: c.requestsWaiting, xAxis: axis)
      queue.units = c.units
      queue.series.append(.init(name: c.mean, color: LineChart.palette[0], points: points(level: level, highest: false)))
      queue.series.append(
        .init(name: c.highest, color: LineChart.palette[0], points: points(level: level, highest: true), lineWidth: 1, opacity: 0.45))
      charts.append(ReportChart(path: "charts/queue.svg", title: c.apiQueueChartTitle, svg: queue.render()))
    }

    charts += poolCharts(scenario: scenario, run: run, data: data, label: label, c)

    if data.hasRefusals {
      var refused = LineChart(title: c.refusedTitle(label), xLabel: timeLabel, yLabel: c.refusedPerPoint, xAxis: axis)
      refused.units = c.units
      refused.series.append(.init(name: c.meanPerReplication, color: LineChart.palette[1], points: data.refused))
      charts.append(ReportChart(path: "charts/refused.svg", title: c.refusedChartTitle, svg: refused.render()))
    }
    return charts
  }

  /// The chart of each agent pool's path: `charts/pool-<name>.svg`.
  public static func poolChartPath(_ pool: String) -> String { "charts/pool-\(pool).svg" }

  /// Per agent pool: callers waiting and agents busy over time (means over
  /// replications), the agents on duty, and beside them the simultaneous
  /// calls of the callers' category against its threshold, since callers
  /// waiting are live calls.
  static func poolCharts(scenario: Scenario, run: RunResult, data: Points, label: String, _ c: any Catalogue) -> [ReportChart] {
    guard run.poolSeries.bucketCount > 0 else { return [] }
    let sim = scenario.simulation
    let axis = LineChart.XAxis.clock(startClock: sim.startClockSeconds)
    let timeLabel = c.timeAxis(every: Readable.duration(data.width, units: c.units))
    var charts: [ReportChart] = []
    for (index, pool) in scenario.agents.enumerated() {
      let category = scenario.traffic.first { $0.agentPool == index }?.type.category
      var chart = LineChart(
        title: c.poolChartTitle(pool.name, label), xLabel: timeLabel, yLabel: c.callersOrAgents, xAxis: axis)
      chart.units = c.units
      let waiting = data.pool(index, .waiting, in: run.poolSeries, highest: false)
      chart.series.append(.init(name: c.callersWaitingMean, color: LineChart.palette[1], points: waiting))
      chart.series.append(
        .init(
          name: c.callersWaitingHighest, color: LineChart.palette[1],
          points: data.pool(index, .waiting, in: run.poolSeries, highest: true), lineWidth: 1, opacity: 0.45))
      chart.series.append(
        .init(name: c.agentsBusyMean, color: LineChart.palette[2], points: data.pool(index, .busy, in: run.poolSeries, highest: false)))
      chart.series.append(
        .init(
          name: c.agentsOnDuty, color: "#555555",
          points: waiting.map { ($0.x, Double(onDuty(pool.staffing, at: $0.x, horizon: sim.horizonSeconds))) }, lineWidth: 1))
      if let category {
        let level = TrackedLevel(category)
        chart.series.append(
          .init(name: c.categoryCallsMean(category), color: LineChart.palette[0], points: data.level(level, highest: false)))
        chart.series.append(
          .init(
            name: c.categoryCallsHighest(category), color: LineChart.palette[0], points: data.level(level, highest: true),
            lineWidth: 1,
            opacity: 0.45))
        if let threshold = scenario.account.thresholds.value(for: category) {
          chart.references.append(
            .init(label: c.thresholdLine(category, threshold), value: Double(threshold), color: LineChart.palette[0]))
        }
      }
      charts.append(
        ReportChart(
          path: poolChartPath(pool.name), title: c.poolChartCaption(pool.name), svg: chart.render()))
    }
    return charts
  }

  /// Agents scheduled at `time` seconds since t = 0; after the horizon
  /// the last count serves the drain, as in the model.
  static func onDuty(_ staffing: AgentStaffing, at time: Double, horizon: Double) -> Int {
    switch staffing {
    case .constant(let count): return count
    case .profile(let every, let counts):
      guard !counts.isEmpty else { return 0 }
      let last = max(0, Int((horizon / every).rounded(.up)) - 1)
      return counts[min(Int((max(0, time) / every).rounded(.down)), last) % counts.count]
    }
  }

  public static func forPlan(_ plan: CapacityPlan, _ c: any Catalogue = English()) -> [ReportChart] {
    let detail = plan.recommended ?? plan.configured
    let label = detail.setting.map(c.settingLabel) ?? c.configuredCPS
    var charts = forRun(scenario: plan.scenario, run: detail.run, label: label, c)
    // The tier curves plot one gate's CPS; a joint plan's options have no single axis (its table lists them by cost).
    guard !plan.tiers.isEmpty, plan.gates.count == 1 else { return charts }
    let tiers = plan.tiers.compactMap(\.tier)
    // CPS tiers such as 1, 2, 3, 5, 10, 20 sit by ratio (log scale) when
    // they span a factor of four or more, else in proportion.
    let logarithmic = (tiers.min() ?? 0) > 0 && (tiers.max() ?? 0) >= 4 * (tiers.min() ?? 0)
    let axis = LineChart.XAxis.values(tiers, logarithmic: logarithmic)
    let cpsLabel = c.cpsAxis(logarithmic: logarithmic)
    func points(_ scope: Scope, _ metric: Metric) -> [(x: Double, y: Double)] {
      plan.tiers.compactMap { outcome in
        guard let tier = outcome.tier else { return nil }
        return outcome.run.mean(scope, metric).map { (tier, $0) }
      }
    }
    if plan.tiers.contains(where: { $0.run.row(.api, .queueWaitP95) != nil }) {
      var wait = LineChart(title: c.tierWaitTitle, xLabel: cpsLabel, yLabel: c.seconds, xAxis: axis)
      wait.series.append(.init(name: c.p95Wait, color: LineChart.palette[0], points: points(.api, .queueWaitP95), markers: true))
      if let objective = plan.scenario.objectives.queueWaitP95Seconds {
        wait.references.append(
          .init(label: c.objectiveLine(Readable.duration(objective, units: c.units)), value: objective, color: "#555555"))
      }
      charts.append(ReportChart(path: "charts/tier-wait.svg", title: c.tierWaitCaption, svg: wait.render()))
    }
    var peaks = LineChart(title: c.tierPeaksTitle, xLabel: cpsLabel, yLabel: c.meanPeakCalls, xAxis: axis)
    for (index, category) in plan.scenario.callCategories.enumerated() {
      let color = LineChart.palette[index]
      peaks.series.append(
        .init(name: c.peakSeries(category), color: color, points: points(.category(category), .peakConcurrency), markers: true))
      if let threshold = plan.scenario.account.thresholds.value(for: category) {
        peaks.references.append(.init(label: c.thresholdLine(category, threshold), value: Double(threshold), color: color))
        if let headroom = plan.scenario.objectives.thresholdHeadroom, headroom > 0 {
          let limit = Double(threshold) * (1 - headroom)
          peaks.references.append(
            .init(label: c.limitLine(category, Readable.estimate(limit, units: c.units)), value: limit, color: color, dash: "2 3"))
        }
      }
    }
    charts.append(ReportChart(path: "charts/tier-concurrency.svg", title: c.tierPeaksCaption, svg: peaks.render()))
    return charts
  }

  /// Compared scenarios overlaid: per category the mean simultaneous calls
  /// of each scenario with the threshold, and the API queues.
  public static func overlay(scenarios: [Scenario], runs: [RunResult], _ c: any Catalogue = English()) -> [ReportChart] {
    guard let first = scenarios.first else { return [] }
    let data = zip(scenarios, runs).map { Points($1, resolution: $0.simulation.resolutionSeconds) }
    let axis = LineChart.XAxis.clock(startClock: first.simulation.startClockSeconds)
    let timeLabel = c.timeAxis(clockOf: first.name)
    var charts: [ReportChart] = []
    for category in Scenario.callCategories(of: scenarios) {
      let level = TrackedLevel(category)
      var chart = LineChart(
        title: c.meanSimultaneousTitle(category), xLabel: timeLabel, yLabel: c.callsInProgress, xAxis: axis)
      chart.units = c.units
      for (index, scenario) in scenarios.enumerated() where !data[index].isEmpty {
        chart.series.append(
          .init(
            name: scenario.name, color: LineChart.palette[index % LineChart.palette.count], points: data[index].level(level, highest: false)
          ))
      }
      if let threshold = first.account.thresholds.value(for: category) {
        chart.references.append(.init(label: c.thresholdOnly(threshold), value: Double(threshold), color: "#555555"))
      }
      charts.append(
        ReportChart(
          path: "charts/concurrency-\(category.rawValue).svg", title: c.categoryInProgress(category), svg: chart.render()))
    }
    if runs.contains(where: { $0.row(.api, .queueWaitP95) != nil }) {
      let level = TrackedLevel.queue
      var chart = LineChart(title: c.meanApiQueueTitle, xLabel: timeLabel, yLabel: c.requestsWaiting, xAxis: axis)
      chart.units = c.units
      for (index, scenario) in scenarios.enumerated() where runs[index].row(.api, .queueWaitP95) != nil {
        chart.series.append(
          .init(
            name: scenario.name, color: LineChart.palette[index % LineChart.palette.count], points: data[index].level(level, highest: false)
          ))
      }
      charts.append(ReportChart(path: "charts/queue.svg", title: c.apiQueueChartTitle, svg: chart.render()))
    }
    return charts
  }
}

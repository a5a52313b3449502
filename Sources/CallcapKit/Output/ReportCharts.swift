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

  public static func forRun(scenario: Scenario, run: RunResult, label: String) -> [ReportChart] {
    let sim = scenario.simulation
    let data = Points(run, resolution: sim.resolutionSeconds)
    guard !data.isEmpty else { return [] }
    func points(level: TrackedLevel, highest: Bool) -> [(x: Double, y: Double)] { data.level(level, highest: highest) }
    let width = data.width
    let axis = LineChart.XAxis.clock(startClock: sim.startClockSeconds)
    let timeLabel = "time of day (one point per \(Readable.duration(width)))"
    var charts: [ReportChart] = []

    var concurrency = LineChart(
      title: "Simultaneous calls, \(label)", xLabel: timeLabel, yLabel: "calls in progress", xAxis: axis)
    for (index, category) in scenario.callCategories.enumerated() {
      let level = TrackedLevel(category)
      let color = LineChart.palette[index]
      concurrency.series.append(.init(name: "\(category.rawValue), mean", color: color, points: points(level: level, highest: false)))
      concurrency.series.append(
        .init(name: "\(category.rawValue), highest", color: color, points: points(level: level, highest: true), lineWidth: 1, opacity: 0.45)
      )
      if let threshold = scenario.account.thresholds.value(for: category) {
        concurrency.references.append(.init(label: "\(category.rawValue) threshold \(threshold)", value: Double(threshold), color: color))
      }
    }
    charts.append(
      ReportChart(path: "charts/concurrency.svg", title: "Simultaneous calls against the thresholds", svg: concurrency.render()))

    if run.row(.api, .queueWaitP95) != nil {
      let level = TrackedLevel.queue
      var queue = LineChart(title: "API queue, \(label)", xLabel: timeLabel, yLabel: "requests waiting", xAxis: axis)
      queue.series.append(.init(name: "mean", color: LineChart.palette[0], points: points(level: level, highest: false)))
      queue.series.append(
        .init(name: "highest", color: LineChart.palette[0], points: points(level: level, highest: true), lineWidth: 1, opacity: 0.45))
      charts.append(ReportChart(path: "charts/queue.svg", title: "API queue length", svg: queue.render()))
    }

    charts += poolCharts(scenario: scenario, run: run, data: data, label: label)

    if data.hasRefusals {
      var refused = LineChart(title: "Refused calls, \(label)", xLabel: timeLabel, yLabel: "calls refused per point", xAxis: axis)
      refused.series.append(.init(name: "mean per replication", color: LineChart.palette[1], points: data.refused))
      charts.append(ReportChart(path: "charts/refused.svg", title: "Refused calls over time", svg: refused.render()))
    }
    return charts
  }

  /// The chart of each agent pool's path: `charts/pool-<name>.svg`.
  public static func poolChartPath(_ pool: String) -> String { "charts/pool-\(pool).svg" }

  /// Per agent pool: callers waiting and agents busy over time (means over
  /// replications), the agents on duty, and beside them the simultaneous
  /// calls of the callers' category against its threshold, since callers
  /// waiting are live calls.
  static func poolCharts(scenario: Scenario, run: RunResult, data: Points, label: String) -> [ReportChart] {
    guard run.poolSeries.bucketCount > 0 else { return [] }
    let sim = scenario.simulation
    let axis = LineChart.XAxis.clock(startClock: sim.startClockSeconds)
    let timeLabel = "time of day (one point per \(Readable.duration(data.width)))"
    var charts: [ReportChart] = []
    for (index, pool) in scenario.agents.enumerated() {
      let category = scenario.traffic.first { $0.agentPool == index }?.type.category
      var chart = LineChart(
        title: "Pool \(pool.name), \(label)", xLabel: timeLabel, yLabel: "callers or agents", xAxis: axis)
      let waiting = data.pool(index, .waiting, in: run.poolSeries, highest: false)
      chart.series.append(.init(name: "callers waiting, mean", color: LineChart.palette[1], points: waiting))
      chart.series.append(
        .init(
          name: "callers waiting, highest", color: LineChart.palette[1],
          points: data.pool(index, .waiting, in: run.poolSeries, highest: true), lineWidth: 1, opacity: 0.45))
      chart.series.append(
        .init(name: "agents busy, mean", color: LineChart.palette[2], points: data.pool(index, .busy, in: run.poolSeries, highest: false)))
      chart.series.append(
        .init(
          name: "agents on duty", color: "#555555",
          points: waiting.map { ($0.x, Double(onDuty(pool.staffing, at: $0.x, horizon: sim.horizonSeconds))) }, lineWidth: 1))
      if let category {
        let level = TrackedLevel(category)
        chart.series.append(
          .init(name: "\(category.rawValue) calls, mean", color: LineChart.palette[0], points: data.level(level, highest: false)))
        chart.series.append(
          .init(
            name: "\(category.rawValue) calls, highest", color: LineChart.palette[0], points: data.level(level, highest: true),
            lineWidth: 1,
            opacity: 0.45))
        if let threshold = scenario.account.thresholds.value(for: category) {
          chart.references.append(
            .init(label: "\(category.rawValue) threshold \(threshold)", value: Double(threshold), color: LineChart.palette[0]))
        }
      }
      charts.append(
        ReportChart(
          path: poolChartPath(pool.name), title: "Pool \(pool.name): callers waiting and agents busy", svg: chart.render()))
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

  public static func forPlan(_ plan: CapacityPlan) -> [ReportChart] {
    let detail = plan.recommended ?? plan.configured
    let label = detail.setting?.label ?? "configured CPS"
    var charts = forRun(scenario: plan.scenario, run: detail.run, label: label)
    // The tier curves plot one gate's CPS; a joint plan's options have no single axis (its table lists them by cost).
    guard !plan.tiers.isEmpty, plan.gates.count == 1 else { return charts }
    let tiers = plan.tiers.compactMap(\.tier)
    // CPS tiers such as 1, 2, 3, 5, 10, 20 sit by ratio (log scale) when
    // they span a factor of four or more, else in proportion.
    let logarithmic = (tiers.min() ?? 0) > 0 && (tiers.max() ?? 0) >= 4 * (tiers.min() ?? 0)
    let axis = LineChart.XAxis.values(tiers, logarithmic: logarithmic)
    let cpsLabel = logarithmic ? "CPS tier (log scale)" : "CPS tier"
    func points(_ scope: Scope, _ metric: Metric) -> [(x: Double, y: Double)] {
      plan.tiers.compactMap { outcome in
        guard let tier = outcome.tier else { return nil }
        return outcome.run.mean(scope, metric).map { (tier, $0) }
      }
    }
    if plan.tiers.contains(where: { $0.run.row(.api, .queueWaitP95) != nil }) {
      var wait = LineChart(title: "p95 API queue wait by CPS tier", xLabel: cpsLabel, yLabel: "seconds", xAxis: axis)
      wait.series.append(.init(name: "p95 wait", color: LineChart.palette[0], points: points(.api, .queueWaitP95), markers: true))
      if let objective = plan.scenario.objectives.queueWaitP95Seconds {
        wait.references.append(.init(label: "objective \(Readable.duration(objective))", value: objective, color: "#555555"))
      }
      charts.append(ReportChart(path: "charts/tier-wait.svg", title: "p95 queue wait against CPS", svg: wait.render()))
    }
    var peaks = LineChart(title: "Peak simultaneous calls by CPS tier", xLabel: cpsLabel, yLabel: "calls (mean peak)", xAxis: axis)
    for (index, category) in plan.scenario.callCategories.enumerated() {
      let color = LineChart.palette[index]
      peaks.series.append(
        .init(name: "\(category.rawValue) peak", color: color, points: points(.category(category), .peakConcurrency), markers: true))
      if let threshold = plan.scenario.account.thresholds.value(for: category) {
        peaks.references.append(.init(label: "\(category.rawValue) threshold \(threshold)", value: Double(threshold), color: color))
        if let headroom = plan.scenario.objectives.thresholdHeadroom, headroom > 0 {
          let limit = Double(threshold) * (1 - headroom)
          peaks.references.append(
            .init(label: "\(category.rawValue) limit \(Readable.estimate(limit))", value: limit, color: color, dash: "2 3"))
        }
      }
    }
    charts.append(ReportChart(path: "charts/tier-concurrency.svg", title: "Peak concurrency against CPS", svg: peaks.render()))
    return charts
  }

  /// Compared scenarios overlaid: per category the mean simultaneous calls
  /// of each scenario with the threshold, and the API queues.
  public static func overlay(scenarios: [Scenario], runs: [RunResult]) -> [ReportChart] {
    guard let first = scenarios.first else { return [] }
    let data = zip(scenarios, runs).map { Points($1, resolution: $0.simulation.resolutionSeconds) }
    let axis = LineChart.XAxis.clock(startClock: first.simulation.startClockSeconds)
    let timeLabel = "time of day (\(first.name)'s clock)"
    var charts: [ReportChart] = []
    for category in Scenario.callCategories(of: scenarios) {
      let level = TrackedLevel(category)
      var chart = LineChart(
        title: "Mean simultaneous \(category.rawValue) calls", xLabel: timeLabel, yLabel: "calls in progress", xAxis: axis)
      for (index, scenario) in scenarios.enumerated() where !data[index].isEmpty {
        chart.series.append(
          .init(
            name: scenario.name, color: LineChart.palette[index % LineChart.palette.count], points: data[index].level(level, highest: false)
          ))
      }
      if let threshold = first.account.thresholds.value(for: category) {
        chart.references.append(.init(label: "threshold \(threshold)", value: Double(threshold), color: "#555555"))
      }
      charts.append(
        ReportChart(
          path: "charts/concurrency-\(category.rawValue).svg", title: "\(category.rawValue) calls in progress", svg: chart.render()))
    }
    if runs.contains(where: { $0.row(.api, .queueWaitP95) != nil }) {
      let level = TrackedLevel.queue
      var chart = LineChart(title: "Mean API queue length", xLabel: timeLabel, yLabel: "requests waiting", xAxis: axis)
      for (index, scenario) in scenarios.enumerated() where runs[index].row(.api, .queueWaitP95) != nil {
        chart.series.append(
          .init(
            name: scenario.name, color: LineChart.palette[index % LineChart.palette.count], points: data[index].level(level, highest: false)
          ))
      }
      charts.append(ReportChart(path: "charts/queue.svg", title: "API queue length", svg: chart.render()))
    }
    return charts
  }
}

import SimulationKernel

/// The `report.md` of a run or a plan: verdict first, then (for a plan)
/// the tier table, then waits, rejections, concurrency against
/// thresholds, traffic, warnings, charts and method.
/// A pure function of the scenario and the results.
public struct MarkdownReport {
  public let scenario: Scenario
  /// The results the detail sections show: the configured CPS for `run`,
  /// the recommended tier (else the configured CPS) for `plan`.
  public let run: RunResult
  public let plan: CapacityPlan?
  public let charts: [ReportChart]
  public let replications: Int
  /// The language the report is written in.
  public let language: ReportLanguage
  var text: any Catalogue { language.catalogue }
  var units: Readable.Units { text.units }

  public init(scenario: Scenario, run: RunResult, charts: [ReportChart] = [], language: ReportLanguage = .en) {
    self.language = language
    self.scenario = scenario
    self.run = run
    self.plan = nil
    self.charts = charts
    replications = run.replications.count
  }

  /// Agents per pool, for `plan` (see ``StaffingPlan``).
  public var staffing: [StaffingPlan] = []

  /// The headroom of the plan's answer, for the verdict (``PlanHeadroom``).
  public var headroom: Headroom?

  /// The plan's remedies verified by simulation, for the verdict (``RemedyVerification``).
  public var remedies: RemedyVerification?

  public init(
    plan: CapacityPlan, charts: [ReportChart] = [], staffing: [StaffingPlan] = [], headroom: Headroom? = nil,
    language: ReportLanguage = .en
  ) {
    self.language = language
    self.staffing = staffing
    self.headroom = headroom
    scenario = plan.scenario
    run = (plan.recommended ?? plan.configured).run
    self.plan = plan
    self.charts = charts
    replications = run.replications.count
  }

  /// The API CPS of the detail run.
  var apiCPS: Double {
    run.setting?.cps(for: .api) ?? scenario.account.api.cps
  }

  func cps(of trunk: TrunkSettings) -> Double {
    run.setting?.cps(for: .trunk(trunk.name)) ?? trunk.cps
  }

  /// The trunk pool's CPS in the detail run (nil without a pool).
  var poolCPS: Double? {
    guard let pool = scenario.account.trunkPool else { return nil }
    return run.setting?.cps(for: .trunkPool) ?? pool.cps
  }

  public func render() -> String {
    let c = self.text
    var text = "# " + c.reportTitle(plan: plan != nil, name: scenario.name) + "\n\n"
    if !scenario.description.isEmpty { text += "\(MarkdownText.paragraphs(scenario.description))\n\n" }
    if let plan {
      text += "## \(c.verdictHeading)\n\n"
      // How many agents, and is the callers' threshold safe: the first lines.
      text += staffing.map { c.staffingVerdict($0) + "\n\n" }.joined()
      text += PlanVerdict(plan: plan, remedyVerification: remedies, language: language).render() + "\n\n"
      if let sentence = PlanHeadroom.sentence(plan, headroom: headroom, c) { text += sentence + "\n\n" }
      text += PlanVerdict(plan: plan, language: language).tierTable()
      if !staffing.isEmpty {
        text += "## \(c.staffingHeading)\n\n"
        for pool in staffing {
          text += c.staffingSection(pool, threshold: scenario.account.thresholds.value(for: pool.category))
        }
      }
      text += "## " + c.detailHeading(run.setting.map { (c.settingLabel($0), $0.gates.count > 1) }) + "\n\n"
      let shown: DetailShown =
        plan.gates.isEmpty
        ? .noGate
        : plan.recommended != nil ? .recommended : plan.status == .undecided ? .undecided : .noneMeets
      text += c.detailShows(shown)
      text += c.sentenceSpace + verdict() + "\n\n"
    } else {
      text += "## \(c.verdictHeading)\n\n" + verdict() + "\n\n"
    }
    text += waitsSection()
    text += agentsSection()
    text += rejectionsSection()
    text += concurrencySection()
    text += trafficSection()
    text += warningsSection()
    text += chartsSection()
    text += methodSection()
    return text
  }

  // MARK: - Formatting

  /// `2.01 s (95% CI 1.98 to 2.04)`.
  func value(_ scope: Scope, _ metric: Metric) -> String {
    guard let row = run.row(scope, metric) else { return units.notAvailable }
    return MetricText.describe(row.summary, metric, text)
  }

  // MARK: - Sections

  func verdict() -> String {
    let c = text
    var sentences: [String] = []
    var risks: [String] = []
    let api = scenario.account.api
    let checks = scenario.objectives.evaluate(run, scenario: scenario)
    if run.row(.api, .queueWaitP95) != nil {
      sentences.append(
        c.apiWaits(
          configured: run.setting == nil, cps: Quantity.shortest(apiCPS), pacing: api.pacing.rawValue,
          mean: value(.api, .queueWaitMean), p95: value(.api, .queueWaitP95), max: value(.api, .queueWaitMax)))
      if let check = checks.first(where: { $0.objective == .queueWaitP95(.api) }), let risk = Self.risk(check, c.p95WaitSubject, c) {
        risks.append(risk)
      }
      if let refused = run.mean(.api, .callsRefusedQueueFull), refused > 0 {
        risks.append(c.apiQueueOverflows(error: scenario.platform.errors.apiQueueFull, calls: Readable.estimate(refused, units: units)))
      }
    }
    for trunk in scenario.account.trunks {
      let scope = Scope.trunk(trunk.name)
      sentences.append(
        c.trunkRefuses(
          trunk: trunk.name, cps: Quantity.shortest(cps(of: trunk)), limiter: trunk.limiter.rawValue, share: value(scope, .rejectedRate)))
    }
    if let pool = scenario.account.trunkPool, let cps = poolCPS {
      sentences.append(
        c.trunkPoolRefuses(cps: Quantity.shortest(cps), limiter: pool.limiter.rawValue, share: value(.trunkPool, .rejectedRate)))
    }
    sentences.append(c.overallRefused(value(.category(.total), .rejectedRate)))
    if let check = checks.first(where: { $0.objective == .rejected }), let risk = Self.risk(check, c.refusedSubject, c) {
      risks.append(risk)
    }
    for category in [ConcurrencyCategory.inbound, .outbound, .forwarded] {
      guard let threshold = scenario.account.thresholds.value(for: category),
        let peak = run.row(.category(category), .peakConcurrency), peak.summary.max > 0
      else { continue }
      let reached = reachedThreshold(category, threshold: threshold)
      sentences.append(
        c.peakAgainstThreshold(
          category, peak: MetricText.describe(peak.summary, .calls, units: units), threshold: threshold, reached: reached.events > 0,
          replications: c.replications(reached, level: .single)))
      if reached.events > 0 {
        risks.append(c.thresholdReachedRisk(category, threshold: threshold, sales: scenario.platform.sales))
      } else if let headroom = scenario.objectives.thresholdHeadroom,
        peak.summary.max >= ThresholdReach.limit(threshold: threshold, headroom: headroom)
      {
        risks.append(c.thresholdNearRisk(category, headroom: Format.percent(headroom), threshold: threshold))
      }
    }
    return c.sentences(sentences) + c.sentenceSpace + c.risks(risks)
  }

  /// Replications whose peak in `category` reached `threshold` itself.
  func reachedThreshold(_ category: ConcurrencyCategory, threshold: Int) -> BinomialInterval {
    let peaks = run.row(.category(category), .peakConcurrency)?.values ?? []
    return BinomialInterval(events: peaks.count { $0 >= Double(threshold) }, trials: peaks.count)
  }

  /// An objective that is not met, as a risk: `the refused share exceeds
  /// the 0.5% objective`, or undecided with its interval.
  static func risk(_ check: ObjectiveCheck, _ subject: String, _ c: any Catalogue) -> String? {
    let limit =
      switch check.objective {
      case .queueWaitP95, .answerWaitP95: Readable.duration(check.limit, units: c.units)
      case .rejected, .suspensionRisk, .serviceLevel, .abandoned: Format.percent(check.limit)
      case .atMost, .late: c.limitText(check)
      }
    switch check.outcome {
    case .meets: return nil
    case .fails: return c.objectiveFails(subject, limit: limit, minimum: check.objective.isMinimum)
    case .undecided:
      return c.objectiveUndecided(subject, limit: limit, replications: check.replications, measured: c.measured(check))
    }
  }

  /// One table per agent pool: answer waits, service level, abandonment,
  /// refusals, occupancy, and the callers waiting (who count toward the
  /// inbound or forwarded threshold).
  func agentsSection() -> String {
    guard !scenario.agents.isEmpty else { return "" }
    let c = self.text
    var text = "## \(c.agentsHeading)\n\n"
    text += c.agentsIntro(within: Readable.duration(scenario.objectives.serviceLevelWithinSeconds, units: units))
    text += c.sentenceSpace + c.meansAcross(replications) + "\n\n"
    for pool in scenario.agents {
      let scope = Scope.agents(pool.name)
      let staffing: String =
        switch pool.staffing {
        case .constant(let count): c.agentCount(count)
        case .profile(let every, let counts):
          c.agentRange(counts.min() ?? 0, counts.max() ?? 0, every: Readable.duration(every, units: units))
        }
      text += "### " + c.poolHeading(pool.name) + "\n\n"
      text += c.poolLine(
        staffing: staffing, endpoint: pool.endpoint.rawValue, wrapUp: pool.wrapUp.uncappedMean > 0 ? pool.wrapUp.description : nil)
      text += "\n\n" + c.metricTableHeader
      for metric in Metric.poolMetrics {
        text += "| \(metric.rawValue) | \(value(scope, metric)) |\n"
      }
      text += "\n"
      if let chart = charts.first(where: { $0.path == ReportCharts.poolChartPath(pool.name) }) {
        text += "![\(chart.title)](\(chart.path))\n\n"
      }
    }
    return text
  }

  func waitsSection() -> String {
    guard run.row(.api, .queueWaitP95) != nil else { return "" }
    let c = self.text
    var text = "## \(c.waitsHeading)\n\n" + c.waitsIntro(cps: Quantity.shortest(apiCPS), pacing: scenario.account.api.pacing.rawValue)
    text += c.sentenceSpace + c.meansAcross(replications) + "\n\n"
    text += c.metricTableHeader
    for metric in [Metric.queueWaitMean, .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax, .queueLengthMax, .drainTime] {
      text += "| \(metric.rawValue) | \(value(.api, metric)) |\n"
    }
    return text + "\n"
  }

  func rejectionsSection() -> String {
    let c = self.text
    let errors = scenario.platform.errors
    let header = c.rejectionsColumns(trunkCPS: errors.trunkCPS, queueFull: errors.apiQueueFull, accountCap: errors.accountCap)
    var text = "## \(c.rejectionsHeading)\n\n" + MarkdownText.tableHeader(header)
    var scopes: [Scope] = []
    if run.row(.api, .callsOffered) != nil { scopes.append(.api) }
    scopes += scenario.account.trunks.map { .trunk($0.name) }
    if run.row(.trunkPool, .callsOffered) != nil { scopes.append(.trunkPool) }
    scopes.append(.category(.total))
    for scope in scopes {
      func cell(_ metric: Metric) -> String {
        run.row(scope, metric).map { MetricText.number($0.summary.mean, metric.unit, units: units) } ?? "-"
      }
      text +=
        "| \(c.scope(scope)) | \(cell(.callsOffered)) | \(cell(.callsRejected)) | \(cell(.callsRetried)) | \(cell(.callsRefusedQueueFull)) | \(cell(.callsRefusedConcurrency)) | \(value(scope, .rejectedRate)) |\n"
    }
    text += "\n" + c.countsAreMeans
    if scenario.account.trunkPool != nil { text += c.sentenceSpace + c.trunkPoolCounts(error: errors.trunkCPS) }
    return text + "\n\n"
  }

  func concurrencySection() -> String {
    let c = self.text
    var text = "## \(c.concurrencyHeading)\n\n"
    text += c.countedFrom(ringing: scenario.account.countRinging) + "\n\n"
    text += MarkdownText.tableHeader(c.concurrencyColumns)
    // Categories without traffic are all zero: only those with calls, and the total.
    for category in scenario.callCategories + [.total] {
      let scope = Scope.category(category)
      let threshold = scenario.account.thresholds.value(for: category).map(String.init) ?? "-"
      let highest = run.row(scope, .peakConcurrency).map { Readable.count($0.summary.max) } ?? "-"
      let above = run.row(scope, .timeAboveThreshold).map { MetricText.number($0.summary.mean, .seconds, units: units) } ?? "-"
      let reach =
        scenario.account.thresholds.value(for: category).map {
          PlanVerdict.shortReach(reachedThreshold(category, threshold: $0), c)
        }
        ?? "-"
      text +=
        "| \(c.category(category)) | \(threshold) | \(value(scope, .peakConcurrency)) | \(highest) | \(value(scope, .meanConcurrency)) | \(above) | \(reach) |\n"
    }
    return text + "\n"
  }

  func trafficSection() -> String {
    let showUnreachable = scenario.traffic.contains { $0.unreachableShare > 0 }
    let c = self.text
    var header = c.trafficColumns
    if showUnreachable { header.append(c.neverConnectedColumn) }
    var text = "## \(c.trafficHeading)\n\n" + MarkdownText.tableHeader(header)
    for (index, traffic) in scenario.traffic.enumerated() {
      let scope = Scope.traffic(traffic.name)
      let gate = c.gate(traffic.gate)
      let arrivals = traffic.arrivals.map { Self.describe($0, start: scenario.simulation.startClockSeconds, c) }.joined(separator: " + ")
      func mean(_ metric: Metric) -> String { run.mean(scope, metric).map { Readable.estimate($0, units: units) } ?? "-" }
      var cells = [
        traffic.name, c.trafficType(traffic.type), gate, arrivals, c.distribution(traffic.duration), mean(.callsOffered),
        mean(.callsCompleted), mean(.callsNoAnswer), value(scope, .rejectedRate),
      ]
      if showUnreachable {
        let total = run.replications.reduce(0) { $0 + $1.unreachableByTraffic[index] }
        cells.append(Readable.estimate(Double(total) / Double(max(replications, 1)), units: units))
      }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    if showUnreachable { text += "\n" + c.neverConnectedNote + "\n" }
    return text + "\n"
  }

  static func describe(_ arrival: ArrivalSpec, start: Double, _ c: any Catalogue) -> String {
    switch arrival {
    case .poisson(let rate): return c.poissonArrivals(c.rate(rate))
    case .profile(let profile): return c.profileArrivals(segments: profile.durations.count, peak: c.rate(profile.peakPerSecond))
    case .burst(let at, let count, let spread):
      return c.burstArrivals(
        count: Readable.count(count), at: Quantity.clock(start + at),
        over: spread > 0 ? Readable.duration(spread, units: c.units) : nil)
    case .every(let interval): return c.everyArrivals(Readable.duration(interval, units: c.units))
    }
  }

  /// The loader's warnings are diagnostics: they keep their wording in every language.
  func warningsSection() -> String {
    guard !scenario.warnings.isEmpty else { return "" }
    return "## \(text.warningsHeading)\n\n"
      + scenario.warnings.map { "- \(text.line($0.location?.line ?? 0)): \(MarkdownText.inline($0.message))\n" }.joined() + "\n"
  }

  func chartsSection() -> String {
    // Each pool's chart is in its section under Agents.
    let shown = charts.filter { chart in !scenario.agents.contains { ReportCharts.poolChartPath($0.name) == chart.path } }
    guard !shown.isEmpty else { return "" }
    return "## \(text.chartsHeading)\n\n" + shown.map { "![\($0.title)](\($0.path))\n\n" }.joined()
  }

  func methodSection() -> String {
    let c = self.text
    let sim = scenario.simulation
    let account = scenario.account
    var lines: [String] = []
    lines.append(
      c.methodRun(
        path: MarkdownText.code(scenario.path), seed: sim.seed, replications: replications, plan: plan != nil,
        horizon: Readable.duration(sim.horizonSeconds, units: units), warmUp: Readable.duration(sim.warmupSeconds, units: units),
        start: Quantity.clock(sim.startClockSeconds), resolution: Readable.duration(sim.resolutionSeconds, units: units)))
    if scenario.traffic.contains(where: { $0.gate == .api }) {
      lines.append(
        c.methodApi(
          cps: Quantity.shortest(account.api.cps), pacing: account.api.pacing.rawValue, provider: scenario.platform.provider,
          queueLimit: Readable.duration(account.api.queueLimitSeconds, units: units)))
    }
    for trunk in account.trunks {
      lines.append(
        c.methodTrunk(
          trunk.name, limiter: trunk.limiter.rawValue, cps: Quantity.shortest(trunk.cps),
          burst: trunk.limiter == .tokenBucket ? Quantity.shortest(trunk.effectiveBurst) : nil,
          retry: trunk.retry.map { (scenario.platform.errors.trunkCPS, $0.attempts, $0.delay.humanDescription) }))
    }
    if let pool = account.trunkPool {
      lines.append(
        c.methodTrunkPool(
          limiter: pool.limiter.rawValue, cps: Quantity.shortest(pool.cps),
          burst: pool.limiter == .tokenBucket ? Quantity.shortest(pool.effectiveBurst) : nil, error: scenario.platform.errors.trunkCPS))
    }
    if let plan, !plan.tiers.isEmpty {
      lines.append(
        c.methodTiers(
          tiers: plan.tiers.compactMap(\.tier).map(Quantity.shortest).joined(separator: c.comma),
          gates: plan.gates.map(\.description), confidence: c.confidence(plan.level),
          suspensionRisk: Format.percent(scenario.objectives.suspensionRisk),
          looks: plan.schedule.counts.map(String.init).joined(separator: c.comma), lookCount: plan.level.looks))
    }
    lines.append(
      c.methodAccount(
        profile: account.profile.rawValue, inbound: account.thresholds.inbound, outbound: account.thresholds.outbound,
        forwarded: account.thresholds.forwarded, callLimit: Readable.duration(account.maxCallLengthSeconds, units: units)))
    lines += c.methodFixed
    lines.append(c.methodVersions(callcap: CallcapVersion.string, gsl: RandomStream.gslVersion, generator: RandomStream.generatorName))
    return "## \(c.methodHeading)\n\n" + lines.map { "- \($0)\n" }.joined()
  }
}

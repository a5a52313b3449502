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

  public init(scenario: Scenario, run: RunResult, charts: [ReportChart] = []) {
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

  public init(plan: CapacityPlan, charts: [ReportChart] = [], staffing: [StaffingPlan] = [], headroom: Headroom? = nil) {
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
    var text = "# callcap \(plan == nil ? "report" : "plan"): \(scenario.name)\n\n"
    if !scenario.description.isEmpty { text += "\(MarkdownText.paragraphs(scenario.description))\n\n" }
    if let plan {
      text += "## Verdict\n\n"
      // How many agents, and is the callers' threshold safe: the first lines.
      text += staffing.map { $0.verdict() + "\n\n" }.joined()
      text += PlanVerdict(plan: plan, remedyVerification: remedies).render() + "\n\n"
      if let sentence = PlanHeadroom.sentence(plan, headroom: headroom) { text += sentence + "\n\n" }
      text += PlanVerdict(plan: plan).tierTable()
      if !staffing.isEmpty {
        text += "## Staffing\n\n"
        for pool in staffing {
          text += pool.render(threshold: scenario.account.thresholds.value(for: pool.category))
        }
      }
      text +=
        "## At \(run.setting.map { "\($0.label), the recommended \($0.gates.count > 1 ? "option" : "tier")" } ?? "the configured CPS")\n\n"
      let shown =
        plan.gates.isEmpty
        ? "the configured account (no traffic passes a CPS gate)"
        : plan.recommended != nil
          ? "the recommended tier"
          : plan.status == .undecided
            ? "the configured CPS, since no tier is recommended yet" : "the configured CPS, since no tier meets every objective"
      text += "The sections below show \(shown)."
      text += " " + verdict() + "\n\n"
    } else {
      text += "## Verdict\n\n" + verdict() + "\n\n"
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
    guard let row = run.row(scope, metric) else { return "n/a" }
    return MetricText.describe(row.summary, metric)
  }

  // MARK: - Sections

  func verdict() -> String {
    var sentences: [String] = []
    var risks: [String] = []
    let api = scenario.account.api
    let checks = scenario.objectives.evaluate(run, scenario: scenario)
    if run.row(.api, .queueWaitP95) != nil {
      sentences.append(
        "At \(run.setting == nil ? "the configured" : "an") API rate of \(Quantity.shortest(apiCPS)) CPS (\(api.pacing.rawValue) pacing), API calls wait "
          + "\(value(.api, .queueWaitMean)) on average and \(value(.api, .queueWaitP95)) at the 95th percentile; the longest wait is "
          + "\(value(.api, .queueWaitMax)).")
      if let check = checks.first(where: { $0.objective == .queueWaitP95(.api) }), let risk = Self.risk(check, "the p95 API queue wait") {
        risks.append(risk)
      }
      if let refused = run.mean(.api, .callsRefusedQueueFull), refused > 0 {
        risks.append(
          "the API queue overflows (\(scenario.platform.errors.apiQueueFull)) for \(Readable.estimate(refused)) calls per replication"
        )
      }
    }
    for trunk in scenario.account.trunks {
      let scope = Scope.trunk(trunk.name)
      sentences.append(
        "Trunk \(trunk.name) (\(Quantity.shortest(cps(of: trunk))) CPS, \(trunk.limiter.rawValue)) finally refuses \(value(scope, .rejectedRate)) of its calls."
      )
    }
    if let pool = scenario.account.trunkPool, let cps = poolCPS {
      sentences.append(
        "The trunk pool (\(Quantity.shortest(cps)) CPS shared by every trunk, \(pool.limiter.rawValue)) finally refuses \(value(.trunkPool, .rejectedRate)) of the calls that passed their trunk."
      )
    }
    sentences.append("Overall \(value(.category(.total), .rejectedRate)) of offered calls are refused.")
    if let check = checks.first(where: { $0.objective == .rejected }), let risk = Self.risk(check, "the refused share") {
      risks.append(risk)
    }
    for category in [ConcurrencyCategory.inbound, .outbound, .forwarded] {
      guard let threshold = scenario.account.thresholds.value(for: category),
        let peak = run.row(.category(category), .peakConcurrency), peak.summary.max > 0
      else { continue }
      let reached = reachedThreshold(category, threshold: threshold)
      sentences.append(
        "Peak \(category.rawValue) concurrency is \(MetricText.describe(peak.summary, .calls)) against the suspension threshold of \(threshold)"
          + (reached.events > 0 ? ", reached in \(reached.description)." : "; no replication reached it (\(reached.description))."))
      if reached.events > 0 {
        risks.append(
          "\(category.rawValue) calls reach the suspension threshold of \(threshold) (contact \(scenario.platform.sales) before launch)")
      } else if let headroom = scenario.objectives.thresholdHeadroom,
        peak.summary.max >= ThresholdReach.limit(threshold: threshold, headroom: headroom)
      {
        risks.append("\(category.rawValue) peaks come within \(Format.percent(headroom)) of the threshold of \(threshold)")
      }
    }
    var paragraph = sentences.joined(separator: " ")
    paragraph += risks.isEmpty ? " No objective or threshold is at risk." : " Risks: " + risks.joined(separator: "; ") + "."
    return paragraph
  }

  /// Replications whose peak in `category` reached `threshold` itself.
  func reachedThreshold(_ category: ConcurrencyCategory, threshold: Int) -> BinomialInterval {
    let peaks = run.row(.category(category), .peakConcurrency)?.values ?? []
    return BinomialInterval(events: peaks.count { $0 >= Double(threshold) }, trials: peaks.count)
  }

  /// An objective that is not met, as a risk: `the refused share exceeds
  /// the 0.5% objective`, or undecided with its interval.
  static func risk(_ check: ObjectiveCheck, _ subject: String) -> String? {
    let limit =
      switch check.objective {
      case .queueWaitP95, .answerWaitP95: Readable.duration(check.limit)
      case .rejected, .suspensionRisk, .serviceLevel, .abandoned: Format.percent(check.limit)
      case .atMost, .late: check.limitText
      }
    switch check.outcome {
    case .meets: return nil
    case .fails: return "\(subject) \(check.objective.isMinimum ? "falls short of" : "exceeds") the \(limit) objective"
    case .undecided:
      return "whether \(subject) stays within the \(limit) objective is undecided after \(check.replications) replications "
        + "(\(check.measuredText))"
    }
  }

  /// One table per agent pool: answer waits, service level, abandonment,
  /// refusals, occupancy, and the callers waiting (who count toward the
  /// inbound or forwarded threshold).
  func agentsSection() -> String {
    guard !scenario.agents.isEmpty else { return "" }
    var text = "## Agents\n\n"
    let within = Readable.duration(scenario.objectives.serviceLevelWithinSeconds)
    text += "Callers waiting for an agent are live calls: they count toward their category's threshold. "
    text += "Service level: callers who reached an agent within \(within) (abandoned callers count as missed unless they left within it). "
    text += "Means across \(replications) replications with 95% confidence intervals.\n\n"
    for pool in scenario.agents {
      let scope = Scope.agents(pool.name)
      let staffing: String =
        switch pool.staffing {
        case .constant(let count): "\(count) agents"
        case .profile(let every, let counts):
          "\(counts.min() ?? 0) to \(counts.max() ?? 0) agents, changing every \(Readable.duration(every))"
        }
      text += "### Pool \(pool.name)\n\n\(staffing), endpoint \(pool.endpoint.rawValue)"
      if pool.wrapUp.uncappedMean > 0 { text += ", wrap-up \(pool.wrapUp.description)" }
      text += ".\n\n| metric | value |\n|---|---|\n"
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
    var text =
      "## Queue waits\n\nAPI gate, \(Quantity.shortest(apiCPS)) CPS, \(scenario.account.api.pacing.rawValue) pacing. "
    text += "Means across \(replications) replications with 95% confidence intervals.\n\n"
    text += "| metric | value |\n|---|---|\n"
    for metric in [Metric.queueWaitMean, .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax, .queueLengthMax, .drainTime] {
      text += "| \(metric.rawValue) | \(value(.api, metric)) |\n"
    }
    return text + "\n"
  }

  func rejectionsSection() -> String {
    var text =
      "## Rejections\n\n| scope | offered | refused: \(scenario.platform.errors.trunkCPS) after retries | retried | queue full (\(scenario.platform.errors.apiQueueFull)) | concurrency cap (\(scenario.platform.errors.accountCap)) | refused share |\n|---|---|---|---|---|---|---|\n"
    var scopes: [Scope] = []
    if run.row(.api, .callsOffered) != nil { scopes.append(.api) }
    scopes += scenario.account.trunks.map { .trunk($0.name) }
    if run.row(.trunkPool, .callsOffered) != nil { scopes.append(.trunkPool) }
    scopes.append(.category(.total))
    for scope in scopes {
      func cell(_ metric: Metric) -> String {
        run.row(scope, metric).map { MetricText.number($0.summary.mean, metric.unit) } ?? "-"
      }
      text +=
        "| \(scope) | \(cell(.callsOffered)) | \(cell(.callsRejected)) | \(cell(.callsRetried)) | \(cell(.callsRefusedQueueFull)) | \(cell(.callsRefusedConcurrency)) | \(value(scope, .rejectedRate)) |\n"
    }
    text += "\nCounts are means per replication."
    if scenario.account.trunkPool != nil {
      text +=
        " Each trunk counts its own \(scenario.platform.errors.trunkCPS) refusals; trunk-pool counts the calls that passed their trunk and the refusals of the pool, which the total includes."
    }
    return text + "\n\n"
  }

  func concurrencySection() -> String {
    var text = "## Concurrency against thresholds\n\n"
    text +=
      "Simultaneous calls, counted from \(scenario.account.countRinging ? "the start of ringing" : "answer") until the end of the call.\n\n"
    text +=
      "| category | threshold | peak | highest peak | mean | time at or above | replications reaching it |\n|---|---|---|---|---|---|---|\n"
    // Categories without traffic are all zero: only those with calls, and the total.
    for category in scenario.callCategories + [.total] {
      let scope = Scope.category(category)
      let threshold = scenario.account.thresholds.value(for: category).map(String.init) ?? "-"
      let highest = run.row(scope, .peakConcurrency).map { Readable.count($0.summary.max) } ?? "-"
      let above = run.row(scope, .timeAboveThreshold).map { MetricText.number($0.summary.mean, .seconds) } ?? "-"
      let reach =
        scenario.account.thresholds.value(for: category).map { PlanVerdict.shortReach(reachedThreshold(category, threshold: $0)) }
        ?? "-"
      text +=
        "| \(category.rawValue) | \(threshold) | \(value(scope, .peakConcurrency)) | \(highest) | \(value(scope, .meanConcurrency)) | \(above) | \(reach) |\n"
    }
    return text + "\n"
  }

  func trafficSection() -> String {
    let showUnreachable = scenario.traffic.contains { $0.unreachableShare > 0 }
    var header = ["traffic", "type", "gate", "arrivals", "duration", "offered", "completed", "no answer", "refused share"]
    if showUnreachable { header.append("never connected") }
    var text = "## Traffic\n\n| " + header.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
    for (index, traffic) in scenario.traffic.enumerated() {
      let scope = Scope.traffic(traffic.name)
      let gate = traffic.gate.description
      let arrivals = traffic.arrivals.map { Self.describe($0, start: scenario.simulation.startClockSeconds) }.joined(separator: " + ")
      func mean(_ metric: Metric) -> String { run.mean(scope, metric).map(Readable.estimate) ?? "-" }
      var cells = [
        traffic.name, traffic.type.rawValue, gate, arrivals, traffic.duration.humanDescription, mean(.callsOffered),
        mean(.callsCompleted), mean(.callsNoAnswer), value(scope, .rejectedRate),
      ]
      if showUnreachable {
        let total = run.replications.reduce(0) { $0 + $1.unreachableByTraffic[index] }
        cells.append(Readable.estimate(Double(total) / Double(max(replications, 1))))
      }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    if showUnreachable {
      text +=
        "\nCalls that never connected could not reach the number (or the destination could not be reached from the caller ID; "
        + "see the warnings); they are not offered to the account and count in no metric.\n"
    }
    return text + "\n"
  }

  static func describe(_ arrival: ArrivalSpec, start: Double) -> String {
    switch arrival {
    case .poisson(let rate): return "Poisson \(Quantity.humanRate(rate))"
    case .profile(let profile): return "profile of \(profile.durations.count) segments, peak \(Quantity.humanRate(profile.peakPerSecond))"
    case .burst(let at, let count, let spread):
      return "burst of \(Readable.count(count)) at \(Quantity.clock(start + at))" + (spread > 0 ? " over \(Readable.duration(spread))" : "")
    case .every(let interval): return "every \(Readable.duration(interval))"
    }
  }

  func warningsSection() -> String {
    guard !scenario.warnings.isEmpty else { return "" }
    return "## Validation warnings\n\n"
      + scenario.warnings.map { "- line \($0.location?.line ?? 0): \(MarkdownText.inline($0.message))\n" }.joined() + "\n"
  }

  func chartsSection() -> String {
    // Each pool's chart is in its section under Agents.
    let shown = charts.filter { chart in !scenario.agents.contains { ReportCharts.poolChartPath($0.name) == chart.path } }
    guard !shown.isEmpty else { return "" }
    return "## Charts\n\n" + shown.map { "![\($0.title)](\($0.path))\n\n" }.joined()
  }

  func methodSection() -> String {
    let sim = scenario.simulation
    var text = "## Method\n\n"
    text +=
      "- Scenario: \(MarkdownText.code(scenario.path)); seed \(sim.seed); \(replications) replications\(plan == nil ? "" : " at the setting shown (the tier table gives each setting's count)"); horizon \(Readable.duration(sim.horizonSeconds))"
    text +=
      "; warm-up \(Readable.duration(sim.warmupSeconds)); start \(Quantity.clock(sim.startClockSeconds)); time series every \(Readable.duration(sim.resolutionSeconds)).\n"
    if scenario.traffic.contains(where: { $0.gate == .api }) {
      text +=
        "- API gate: \(Quantity.shortest(scenario.account.api.cps)) CPS, \(scenario.account.api.pacing.rawValue) pacing, FIFO (an assumption: \(scenario.platform.provider) does not publish the order), queue limit \(Readable.duration(scenario.account.api.queueLimitSeconds)) of work.\n"
    }
    for trunk in scenario.account.trunks {
      var line = "- Trunk \(trunk.name): \(trunk.limiter.rawValue) limiter at \(Quantity.shortest(trunk.cps)) CPS"
      if trunk.limiter == .tokenBucket { line += ", burst \(Quantity.shortest(trunk.effectiveBurst))" }
      if let retry = trunk.retry {
        line += "; retries after \(scenario.platform.errors.trunkCPS): \(retry.attempts), delay \(retry.delay.humanDescription)"
      }
      text += line + ". The platform's algorithm is not published; this is a model.\n"
    }
    if let pool = scenario.account.trunkPool {
      var line =
        "- Trunk pool: \(pool.limiter.rawValue) limiter at \(Quantity.shortest(pool.cps)) CPS shared by every trunk, checked after the trunk's own limiter"
      if pool.limiter == .tokenBucket { line += ", burst \(Quantity.shortest(pool.effectiveBurst))" }
      line +=
        "; an attempt it refuses gets \(scenario.platform.errors.trunkCPS) is not placed (it uses neither its trunk's allowance nor the pool's), and is retried per its trunk's `retry`. A model, like the trunks'.\n"
      text += line
    }
    if let plan, !plan.tiers.isEmpty {
      let tiers = plan.tiers.compactMap(\.tier).map(Quantity.shortest).joined(separator: ", ")
      let gates = plan.gates.map(\.description).joined(separator: " and ")
      text +=
        "- Tiers \(tiers) CPS, each applied to \(gates) (a token bucket without `burst` scales with the tier); every tier and the configured CPS "
        + "ran the same replications with common random numbers (tiers given more replications continue the same indices). "
        + "Each objective is judged with \(plan.level.confidenceText): met when its interval lies at or below the limit, failed "
        + "when it lies above, otherwise undecided; the suspension risk (replications reaching a threshold less the headroom) on "
        + "one-sided Clopper-Pearson bounds against `suspension_risk` (\(Format.percent(scenario.objectives.suspensionRisk))). "
        + "`plan` adds replications to undecided tiers the recommendation depends on and looks at them only after "
        + "\(plan.schedule.counts.map(String.init).joined(separator: ", ")) replications, fixed in advance"
        + (plan.level.looks == 1
          ? ".\n" : ", each look at 5%/\(plan.level.looks) so that over all looks a wrong verdict stays within 5%.\n")
    }
    text +=
      "- Account profile \(scenario.account.profile.rawValue); thresholds inbound \(scenario.account.thresholds.inbound), outbound \(scenario.account.thresholds.outbound), forwarded \(scenario.account.thresholds.forwarded); calls cut at \(Readable.duration(scenario.account.maxCallLengthSeconds)).\n"
    text +=
      "- Arrivals stop at the horizon; calls offered before it are followed to their end. Counts and waits cover calls offered after the warm-up; concurrency covers [warm-up, horizon).\n"
    text +=
      "- Intervals are 95% Student t intervals across replications, clamped to the quantity's range (no share below 0 or above 100%, "
      + "no count or duration below 0); shares of replications get exact binomial (Clopper-Pearson) bounds. Wait percentiles come "
      + "from an HdrHistogram (3 significant digits).\n"
    text +=
      "- callcap \(CallcapVersion.string), GNU GSL \(RandomStream.gslVersion) (\(RandomStream.generatorName) streams whose state comes from the seed, the replication and the stream's name).\n"
    return text
  }
}

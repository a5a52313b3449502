import Foundation

/// The plan's answer in words, and the tier table behind it: which tier to
/// buy, why, why the next tiers are not better, and what risks remain.
struct PlanVerdict {
  let plan: CapacityPlan
  /// The remedies simulated with their changes; nil lists them unverified.
  var remedyVerification: RemedyVerification? = nil
  /// The language of the verdict and the table.
  var language: ReportLanguage = .en

  init(plan: CapacityPlan, remedyVerification: RemedyVerification? = nil, language: ReportLanguage = .en) {
    self.plan = plan
    self.remedyVerification = remedyVerification
    self.language = language
  }

  private var text: any Catalogue { language.catalogue }

  private var gateNames: String {
    text.list(plan.gates.map(text.gateNoun))
  }

  /// Whether the plan gives several gates a CPS each (a joint, per-gate plan).
  private var isJoint: Bool { plan.gates.count > 1 }

  /// `API 2 CPS, trunk office-pbx 3 CPS and trunk sales-dialer stays at 2 CPS`.
  private func purchase(_ setting: GateSetting) -> String {
    text.list(
      zip(setting.gates, setting.entries).map { gate, entry in
        text.purchase(
          gate, cps: Quantity.shortest(entry.cps), stays: entry.cps == CapacityPlan.configuredCPS(of: gate, in: plan.scenario))
      })
  }

  /// `7 CPS in all` with every price 1, else `costs 9.5 a month at the scenario's prices`.
  private func costText(_ outcome: TierOutcome) -> String {
    let unitPrices = CapacityPlan.candidates(plan.scenario, tiers: nil, gate: nil).allSatisfy { $0.pricePerCPS == 1 }
    return text.cost(unitPrices ? Quantity.shortest(outcome.cost) : Readable.amount(outcome.cost), unitPrices: unitPrices)
  }

  private func explain(_ checks: [ObjectiveCheck]) -> String {
    text.explanations(checks.map(text.explanation))
  }

  private func label(_ outcome: TierOutcome) -> String { text.label(outcome) }

  func render() -> String {
    guard !plan.gates.isEmpty else { return noGateVerdict() }
    let c = self.text
    var paragraphs: [String] = []
    if let recommended = plan.recommended, let setting = recommended.setting {
      var text =
        isJoint
        ? c.buyJoint(purchase(setting), cost: costText(recommended)) : c.buyTier(c.settingLabel(setting), gates: gateNames)
      let platform = plan.scenario.platform
      text +=
        c.sentenceSpace + c.howToBuy(provider: platform.provider, sales: platform.sales, reasons: c.salesNeeded(setting, plan.scenario))
      text +=
        c.sentenceSpace
        + (recommended.checks.isEmpty
          ? c.noObjectiveSmallest(joint: isJoint)
          : c.smallestMeeting(joint: isJoint, confidence: c.confidence(plan.level), explain(recommended.checks)))
      let cheaper = plan.tiers.prefix { $0.setting != setting }
      if isJoint {
        if !cheaper.isEmpty {
          let shown = cheaper.suffix(3).reversed().map { c.optionWithReasons(label($0), explain($0.failing)) }
          text += c.sentenceSpace + c.cheaperCombinationsFail(shown, more: cheaper.count - shown.count)
        }
      } else if let lower = cheaper.last {
        text += c.sentenceSpace + c.atLowerTier(label(lower), explain(lower.failing))
      }
      paragraphs.append(text)
      if !isJoint, let worse = higherTiersSentence(after: recommended) { paragraphs.append(worse) }
      paragraphs.append(risksSentence(recommended))
    } else if plan.status == .undecided {
      var text = c.undecidedLead
      if let safe = plan.smallestMeeting {
        text += c.undecidedButSafe(label(safe), confidence: c.confidence(plan.level), explain(safe.checks), joint: isJoint)
      } else if plan.pending.isEmpty {
        text += c.undecidedUnsimulated(plan.optionCount - plan.tiers.count)
      } else {
        text += c.undecidedNone(joint: isJoint)
      }
      if let blocking = plan.pending.first {
        let others = plan.pending.count - 1
        text += c.undecidedBlocking(
          label(blocking), explain(blocking.undecided), others: others,
          othersReplications: others > 0 ? plan.pending[1].replications : 0, joint: isJoint)
        text += c.sentenceSpace + settleSentence([blocking])
      } else {
        text += c.fullStop
      }
      paragraphs.append(text)
      if let safe = plan.smallestMeeting { paragraphs.append(risksSentence(safe)) }
    } else {
      var text = c.noneMeetsLead(joint: isJoint)
      text += c.clauses(isJoint ? failureCounts() : failureRuns()) + c.fullStop
      paragraphs.append(text)
      paragraphs += remediesAndSales()
    }
    return paragraphs.joined(separator: "\n\n")
  }

  /// The verdict of a scenario whose traffic passes no CPS gate: the
  /// configured account meets, fails or is undecided on its objectives.
  private func noGateVerdict() -> String {
    let c = self.text
    let outcome = plan.configured
    var paragraphs: [String] = []
    switch outcome.decision {
    case .meets:
      paragraphs.append(c.noGateMeets(outcome.checks.isEmpty ? nil : explain(outcome.checks)))
      paragraphs.append(risksSentence(outcome))
    case .fails:
      paragraphs.append(c.noGateFails(outcome.failing.map(c.objectiveName), explain(outcome.checks)))
      paragraphs += remediesAndSales()
    case .undecided:
      paragraphs.append(
        c.noGateUndecided(outcome.undecided.map(c.objectiveName), explain(outcome.checks)) + c.sentenceSpace + settleSentence([outcome]))
    }
    return paragraphs.joined(separator: "\n\n")
  }

  private func remediesAndSales() -> [String] {
    let c = self.text
    var paragraphs: [String] = []
    let remedies = Remedies.suggest(for: plan)
    if !remedies.isEmpty {
      paragraphs.append(
        RemedyReport.paragraph(Remedies.suggest(for: plan, c), verification: remedyVerification, c, english: remedies))
    }
    let sales = c.salesReasons(plan)
    if remedies.isEmpty && sales.isEmpty {
      // Agents, not the platform, fix a pool's service level, abandonment or answer wait.
      let failing = ([plan.configured] + plan.tiers).flatMap(\.failing)
      let poolOnly =
        !failing.isEmpty
        && failing.allSatisfy { check in
          switch check.objective {
          case .serviceLevel, .abandoned, .answerWaitP95: true
          default: false
          }
        }
      if poolOnly {
        paragraphs.append(c.onlyPoolObjectivesFail)
        return paragraphs
      }
    }
    paragraphs.append(c.contactSales(plan.scenario.platform.sales, reasons: sales, remedies: !remedies.isEmpty))
    return paragraphs
  }

  /// What would settle undecided objectives: more replications than the
  /// budget (with an estimate), or a looser objective.
  private func settleSentence(_ outcomes: [TierOutcome]) -> String {
    let checks = outcomes.flatMap(\.undecided)
    let counts = text.list(Set(outcomes.map(\.replications)).sorted().map(String.init))
    let needed = checks.compactMap(Self.replicationsToSettle).max()
    // Per objective, the loosest limit any undecided setting needs.
    var looser: [(objective: String, more: Bool)] = []
    for key in ["queue_wait_p95", "rejected", "suspension_risk"] {
      let needing = checks.filter { $0.key == key }.max { ($0.high ?? 0) < ($1.high ?? 0) }
      if let text = needing.flatMap(Self.looserObjective) { looser.append(text) }
    }
    return text.settle(
      after: counts, budget: plan.maxReplications,
      needed: needed.flatMap { $0 > plan.maxReplications && $0 <= 10_000_000 ? Readable.count($0) : nil }, looser: looser)
  }

  /// About how many replications would move the interval of `check` off
  /// its limit if the estimate stayed where it is (nil when it sits on the
  /// limit): for the suspension risk the exact count at which the bounds
  /// of the same share, at the check's level, clear the limit (299 for 0
  /// breaches against 1% at one look of 95%),
  /// for a t interval the count that shrinks the half-width to the
  /// distance between mean and limit.
  static func replicationsToSettle(_ check: ObjectiveCheck) -> Int? {
    let distance = abs(check.measured - check.limit)
    guard distance > 0 else { return nil }
    if let breaches = check.breaches {
      let share = breaches.share
      var trials = max(breaches.trials, 1)
      while trials <= 10_000_000 {
        let events = Int((share * Double(trials)).rounded())
        let interval = BinomialInterval(events: events, trials: trials)
        if share < check.limit
          ? interval.oneSidedUpper(check.level) <= check.limit : interval.oneSidedLower(check.level) > check.limit
        {
          return trials
        }
        trials = max(trials + 1, Int((Double(trials) * 1.01).rounded(.up)))
      }
      return nil
    }
    guard let low = check.low, let high = check.high else { return nil }
    let halfWidth = (high - low) / 2
    let n = Double(check.replications)
    return Int((n * (halfWidth / distance) * (halfWidth / distance)).rounded(.up))
  }

  /// The limit at which `check` would be met today, rounded up to two
  /// significant digits: `suspension_risk: 3%`.
  static func looserObjective(_ check: ObjectiveCheck) -> (objective: String, more: Bool)? {
    guard let high = check.high, high > 0 else { return nil }
    let magnitude = pow(10, (log10(high)).rounded(.down) - 1)
    let limit = (high / magnitude).rounded(.up) * magnitude
    switch check.objective {
    case .suspensionRisk: return ("`suspension_risk: \(Format.percent(limit, digits: 2))`", true)
    case .rejected: return ("`rejected: \(Format.percent(limit, digits: 2))`", true)
    case .queueWaitP95: return ("`queue_wait_p95: \(Quantity.humanDuration(limit))`", true)
    case .abandoned: return ("`abandoned: \(Format.percent(limit, digits: 2))`", true)
    case .answerWaitP95: return ("`answer_wait_p95: \(Quantity.humanDuration(limit))`", true)
    case .atMost, .late: return check.objectiveText(limit: limit).map { ("`\($0)`", true) }
    case .serviceLevel:
      guard let low = check.low else { return nil }
      return ("`service_level: { min: \(Format.percent(low, digits: 2)) }`", false)
    }
  }

  /// Tiers above the recommended one that fail, and why: the trade-off
  /// between draining bursts fast and keeping concurrency down.
  private func higherTiersSentence(after recommended: TierOutcome) -> String? {
    let failing = plan.tiers.drop { $0.setting != recommended.setting }.dropFirst().filter { $0.decision == .fails }
    guard let first = failing.first else { return nil }
    let concurrency = first.failing.contains { $0.objective == .suspensionRisk }
    return text.higherTiersFail(label(first), explain(first.failing), more: failing.count - 1, concurrency: concurrency)
  }

  /// `30 combinations fail on refused; 6 fail on suspension risk`: a joint
  /// plan's options grouped by what fails, most common first.
  private func failureCounts() -> [String] {
    var groups: [(names: [String], failed: Bool, count: Int)] = []
    for outcome in plan.tiers {
      let failed = !outcome.failing.isEmpty
      let names = (failed ? outcome.failing : outcome.undecided).map(text.objectiveName)
      if let index = groups.firstIndex(where: { $0.names == names && $0.failed == failed }) {
        groups[index].count += 1
      } else {
        groups.append((names, failed, 1))
      }
    }
    return [text.combinationsSimulated(plan.tiers.count)]
      + groups.sorted { $0.count > $1.count }.map { group in
        text.failGroup(String(group.count), single: group.count == 1, failed: group.failed, on: group.names)
      }
  }

  /// `1-2 CPS fail on API wait; 3 CPS is undecided on suspension risk`.
  private func failureRuns() -> [String] {
    var runs: [(first: TierOutcome, last: TierOutcome, names: [String], failed: Bool)] = []
    for outcome in plan.tiers {
      let failed = !outcome.failing.isEmpty
      let names = (failed ? outcome.failing : outcome.undecided).map(text.objectiveName)
      if let last = runs.last, last.names == names, last.failed == failed {
        runs[runs.count - 1].last = outcome
      } else {
        runs.append((outcome, outcome, names, failed))
      }
    }
    return runs.map { run in
      let single = run.first.tier == run.last.tier
      let span = single ? label(run.first) : "\(Quantity.shortest(run.first.tier ?? 0))-\(label(run.last))"
      return text.failGroup(span, single: single, failed: run.failed, on: run.names)
    }
  }

  private func risksSentence(_ outcome: TierOutcome) -> String {
    let c = self.text
    var risks: [String] = []
    for reach in outcome.reach.categories {
      if reach.reachedThreshold.events > 0 {
        risks.append(
          c.reachesThreshold(
            reach.category, threshold: reach.threshold, c.replications(reach.reachedThreshold, level: plan.level),
            sales: plan.scenario.platform.sales))
      } else if reach.reached.events > 0 {
        risks.append(
          c.reachesLimit(
            reach.category, limit: Readable.estimate(reach.limit, units: c.units), threshold: reach.threshold,
            c.replications(reach.reached, level: plan.level)))
      }
    }
    if let setting = outcome.setting {
      for (trunk, eligibility) in zip(plan.scenario.account.trunks, plan.eligibility)
      where (setting.cps(for: .trunk(trunk.name)) ?? 0) > trunk.cps && eligibility.conditions.applies
        && !eligibility.conditions.isEligible
      {
        let conditions = eligibility.conditions.conditions
        let failing = conditions.indices.filter { !conditions[$0].met }.map {
          c.failingCondition(c.condition($0, conditions[$0], plan.scenario.platform))
        }
        risks.append(c.upgradeMayBeRefused(provider: plan.scenario.platform.provider, trunk: trunk.name, failing))
      }
    }
    guard risks.isEmpty else { return c.remainingRisks(risks) }
    if outcome.reach.categories.isEmpty { return c.noRisksFound(replications: outcome.replications) }
    let headroom = plan.scenario.objectives.thresholdHeadroom ?? 0
    return c.noReplicationReached(
      headroom: headroom > 0 ? Format.percent(headroom) : nil, c.replications(outcome.reach.any, level: plan.level))
  }

  func tierTable() -> String {
    let c = self.text
    let usesApi = plan.gates.contains(.api) || plan.configured.run.row(.api, .queueWaitP95) != nil
    let categories = plan.scenario.callCategories
    let headroom = plan.scenario.objectives.thresholdHeadroom ?? 0
    let header = c.tierColumns(
      gates: isJoint ? plan.gates.map { c.gateName($0.description) } : nil, api: usesApi, categories: categories,
      headroom: headroom > 0 ? Format.percent(headroom) : nil)
    var text = "## \(isJoint ? c.optionsHeading : c.tiersHeading)\n\n"
    let shownOptions = tableOptions()
    if plan.gates.isEmpty {
      text += c.onlyConfiguredSimulated
    } else if isJoint {
      let prices = CapacityPlan.candidates(plan.scenario, tiers: nil, gate: nil)
      text += c.optionsOrdered(gates: gateNames, prices: prices.map { (c.gateName($0.gate.description), Readable.amount($0.pricePerCPS)) })
      text +=
        plan.isPartial
        ? c.optionsPartial(grid: plan.optionCount, simulated: plan.tiers.count) : c.optionsAll(grid: plan.optionCount)
      if shownOptions.count < plan.tiers.count {
        let cheapest = min(shownOptions.count, 12)
        text += c.tableShowsCheapest(cheapest, andRecommended: shownOptions.count > cheapest)
      }
    } else {
      text += c.eachTierApplies(gateNames)
    }
    text += c.tableFigures(perLook: plan.level.perLook, looks: plan.level.looks)
    text += replicationsNote() + "\n\n"
    text += MarkdownText.tableHeader(header)
    // Each wait column reads in one unit, that of its largest figure.
    let rows = [plan.configured] + shownOptions
    func unit(_ metric: Metric) -> Readable.DurationUnit {
      Readable.DurationUnit(forAll: rows.compactMap { $0.run.mean(.api, metric) })
    }
    let waitUnits = (p95: unit(.queueWaitP95), max: unit(.queueWaitMax))
    for outcome in rows {
      let run = outcome.run
      let recommended = outcome.setting != nil && outcome.setting == plan.recommended?.setting
      func bold(_ text: String) -> String { recommended ? "**\(text)**" : text }
      let selfServe =
        outcome.setting.map {
          c.salesNeeded($0, plan.scenario).isEmpty ? c.yes : c.noSales
        } ?? "-"
      var cells: [String]
      if isJoint {
        cells = plan.gates.map { gate in
          let cps = outcome.setting?.cps(for: gate) ?? CapacityPlan.configuredCPS(of: gate, in: plan.scenario)
          return bold(Quantity.shortest(cps)) + (outcome.setting == nil ? c.configuredSuffix : "")
        }
        cells += [Readable.amount(outcome.cost), selfServe]
      } else {
        cells = [outcome.setting == nil ? c.configured : bold(label(outcome)), selfServe]
      }
      func cell(_ scope: Scope, _ metric: Metric) -> String {
        run.mean(scope, metric).map { MetricText.number($0, metric.unit, units: c.units) } ?? "-"
      }
      func wait(_ metric: Metric, _ unit: Readable.DurationUnit) -> String {
        run.mean(.api, metric).map { Readable.duration($0, in: unit, units: c.units) } ?? "-"
      }
      if usesApi { cells += [wait(.queueWaitP95, waitUnits.p95), wait(.queueWaitMax, waitUnits.max)] }
      cells.append(cell(.category(.total), .rejectedRate))
      cells += categories.map { cell(.category($0), .peakConcurrency) }
      cells.append(outcome.reach.categories.isEmpty ? "-" : Self.shortReach(outcome.reach.any, c, level: plan.level))
      cells.append(Readable.count(outcome.replications))
      switch outcome.decision {
      case .meets: cells.append(c.yes)
      case .fails: cells.append(c.failsOn(outcome.failing.map(c.objectiveName)))
      case .undecided: cells.append(c.undecidedOn(outcome.undecided.map(c.objectiveName)))
      }
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    text += "\n" + eligibilitySection()
    return text
  }

  /// The options the table shows: every one for a single gate; for a
  /// joint plan the 12 cheapest, and the recommended one when dearer.
  private func tableOptions() -> [TierOutcome] {
    guard isJoint, plan.tiers.count > 12 else { return plan.tiers }
    var shown = Array(plan.tiers.prefix(12))
    if let recommended = plan.recommended ?? plan.smallestMeeting, !shown.contains(where: { $0.setting == recommended.setting }) {
      shown.append(recommended)
    }
    return shown
  }

  /// `0 of 300 (95% upper bound 0.994%)`, `12 of 40 (30%, 95% CI 17% to 47%)`
  /// (the reach of a threshold less the headroom, when one is set); with
  /// several looks the one-sided bounds at the per-look level the verdict
  /// used: `0 of 517 (99.4% upper bound 1%)`, `12 of 40 (30%, 99.4% bounds 13% to 52%)`.
  static func shortReach(_ reach: BinomialInterval, _ c: any Catalogue, level: DecisionLevel = .single) -> String {
    let name = level.perLook
    if reach.events == 0 {
      return c.noneOf(Readable.count(reach.trials), perLook: name, upper: Format.percent(reach.oneSidedUpper(level)))
    }
    let (low, high) = level == .single ? (reach.lower95, reach.upper95) : (reach.oneSidedLower(level), reach.oneSidedUpper(level))
    return c.someOf(
      Readable.count(reach.events), Readable.count(reach.trials), share: Format.percent(reach.share), perLook: name,
      twoSided: level == .single, low: Format.percent(low), high: Format.percent(high))
  }

  /// How the replication counts came about.
  private func replicationsNote() -> String {
    let first = plan.scenario.simulation.replications
    let counts = Set(([plan.configured] + plan.tiers).map(\.replications))
    return text.replicationsNote(
      first, looks: counts == [first] ? nil : plan.schedule.counts.map(String.init).joined(separator: text.comma))
  }

  private func eligibilitySection() -> String {
    let trunks = plan.eligibility.filter(\.conditions.applies)
    guard !trunks.isEmpty else { return "" }
    let c = self.text
    var text = "### \(c.upgradeHeading)\n\n" + c.upgradeIntro(plan.scenario.platform.provider) + "\n\n"
    text += MarkdownText.tableHeader(c.upgradeColumns)
    for trunk in trunks {
      for (index, condition) in trunk.conditions.conditions.enumerated() {
        let words = c.condition(index, condition, plan.scenario.platform)
        text += "| \(trunk.trunk) | \(words.name) | \(words.requirement) | \(words.measured) | \(condition.met ? c.yes : c.no) |\n"
      }
    }
    text += "\n" + c.upgradePageNote + "\n\n"
    return text
  }
}

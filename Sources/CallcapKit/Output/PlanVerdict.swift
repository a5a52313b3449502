import Foundation

/// The plan's answer in words, and the tier table behind it: which tier to
/// buy, why, why the next tiers are not better, and what risks remain.
struct PlanVerdict {
  let plan: CapacityPlan
  /// The remedies simulated with their changes; nil lists them unverified.
  var remedyVerification: RemedyVerification? = nil

  private var gateNames: String {
    Self.list(plan.gates.map(GateSetting.gateNoun))
  }

  /// Whether the plan gives several gates a CPS each (a joint, per-gate plan).
  private var isJoint: Bool { plan.gates.count > 1 }
  /// What one candidate is called: a tier of one gate, or a combination.
  private var candidate: String { isJoint ? "combination" : "tier" }

  /// `a`, `a and b`, `a, b and c`.
  static func list(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
  }

  /// `API 2 CPS, trunk office-pbx 3 CPS and trunk sales-dialer stays at 2 CPS`.
  private func purchase(_ setting: GateSetting) -> String {
    Self.list(
      zip(setting.gates, setting.entries).map { gate, entry in
        let noun = gate == .api ? "API" : gate == .trunkPool ? "trunk pool" : GateSetting.gateNoun(gate)
        let cps = Quantity.shortest(entry.cps)
        return entry.cps == CapacityPlan.configuredCPS(of: gate, in: plan.scenario)
          ? "\(noun) stays at \(cps) CPS" : "\(noun) \(cps) CPS"
      })
  }

  /// `7 CPS in all` with every price 1, else `costs 9.5 a month at the scenario's prices`.
  private func costText(_ outcome: TierOutcome) -> String {
    let unitPrices = CapacityPlan.candidates(plan.scenario, tiers: nil, gate: nil).allSatisfy { $0.pricePerCPS == 1 }
    return unitPrices
      ? "\(Quantity.shortest(outcome.cost)) CPS in all"
      : "costs \(Readable.amount(outcome.cost)) a month at the scenario's `price_per_cps`"
  }

  private static func explain(_ checks: [ObjectiveCheck]) -> String {
    checks.map(\.explanation).joined(separator: "; ")
  }

  func render() -> String {
    guard !plan.gates.isEmpty else { return noGateVerdict() }
    var paragraphs: [String] = []
    if let recommended = plan.recommended, let setting = recommended.setting {
      var text =
        isJoint
        ? "**Buy \(purchase(setting))** (\(costText(recommended))). "
        : "**Buy \(setting.label)** for \(gateNames). "
      let platform = plan.scenario.platform
      let sales = platform.salesNeeded(for: setting, account: plan.scenario.account)
      text +=
        sales.isEmpty
        ? "It is self-serve in the \(platform.provider) console. " : "It needs \(platform.sales): \(sales.joined(separator: "; ")). "
      let smallest = isJoint ? "cheapest candidate combination" : "smallest candidate tier"
      text +=
        recommended.checks.isEmpty
        ? "No objective is set, so it is simply the \(smallest)."
        : "It is the \(smallest) that meets every objective with \(plan.level.confidenceText): "
          + "\(Self.explain(recommended.checks))."
      let cheaper = plan.tiers.prefix { $0.setting != setting }
      if isJoint {
        if !cheaper.isEmpty {
          let shown = cheaper.suffix(3).reversed().map { "\($0.label) (\(Self.explain($0.failing)))" }
          let more = cheaper.count - shown.count
          text +=
            " Cheaper combinations fail: \(shown.joined(separator: "; "))"
            + (more > 0 ? "; \(more) cheaper still fail\(more == 1 ? "s" : " too") (tiers.csv lists each)." : ".")
        }
      } else if let lower = cheaper.last {
        text += " At \(lower.label): \(Self.explain(lower.failing))."
      }
      paragraphs.append(text)
      if !isJoint, let worse = higherTiersSentence(after: recommended) { paragraphs.append(worse) }
      paragraphs.append(risksSentence(recommended))
    } else if plan.status == .undecided {
      var text = "**Undecided.** "
      if let safe = plan.smallestMeeting {
        text +=
          "\(safe.label) meets every objective with \(plan.level.confidenceText) (\(Self.explain(safe.checks))), "
          + "but whether a \(isJoint ? "cheaper combination" : "smaller tier") "
          + "suffices is not settled: "
      } else if plan.pending.isEmpty {
        text +=
          "Every combination simulated fails, but \(plan.optionCount - plan.tiers.count) dearer ones were not simulated "
          + "(the run was interrupted)"
      } else {
        text += "No candidate \(candidate) is shown to meet every objective, and not every \(candidate) is shown to fail: "
      }
      if let blocking = plan.pending.first {
        text += "at \(blocking.label) \(Self.explain(blocking.undecided))"
        let others = plan.pending.count - 1
        if others > 0 {
          let dearer = isJoint ? "dearer combination" : "higher tier"
          text +=
            "; \(others) \(dearer)\(others == 1 ? " is" : "s are") undecided too (after \(plan.pending[1].replications) replications), "
            + "not simulated further while \(blocking.label) is open"
        }
        text += ". " + settleSentence([blocking])
      } else {
        text += "."
      }
      paragraphs.append(text)
      if let safe = plan.smallestMeeting { paragraphs.append(risksSentence(safe)) }
    } else {
      var text = "**No candidate \(candidate) meets every objective.** "
      text += (isJoint ? failureCounts() : failureRuns()).joined(separator: "; ") + "."
      paragraphs.append(text)
      paragraphs += remediesAndSales()
    }
    return paragraphs.joined(separator: "\n\n")
  }

  /// The verdict of a scenario whose traffic passes no CPS gate: the
  /// configured account meets, fails or is undecided on its objectives.
  private func noGateVerdict() -> String {
    let outcome = plan.configured
    let context =
      "No traffic passes a CPS gate (the API or a trunk), so there is no CPS to buy and the tier does not change the outcome"
    var paragraphs: [String] = []
    switch outcome.decision {
    case .meets:
      paragraphs.append(
        "**No CPS to buy; every objective holds.** \(context)"
          + (outcome.checks.isEmpty ? "." : ": \(Self.explain(outcome.checks))."))
      paragraphs.append(risksSentence(outcome))
    case .fails:
      let names = outcome.failing.map(\.name).joined(separator: " and ")
      paragraphs.append(
        "**No CPS to buy, but \(names) fail\(outcome.failing.count == 1 ? "s" : "").** \(context): \(Self.explain(outcome.checks)).")
      paragraphs += remediesAndSales()
    case .undecided:
      let names = outcome.undecided.map(\.name).joined(separator: " and ")
      paragraphs.append(
        "**No CPS to buy; \(names) undecided.** \(context): \(Self.explain(outcome.checks)). " + settleSentence([outcome]))
    }
    return paragraphs.joined(separator: "\n\n")
  }

  private func remediesAndSales() -> [String] {
    var paragraphs: [String] = []
    let remedies = Remedies.suggest(for: plan)
    if !remedies.isEmpty {
      paragraphs.append(RemedyReport.paragraph(remedies, verification: remedyVerification))
    }
    let sales = plan.salesReasons
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
        paragraphs.append("Only agent-pool objectives fail: more agents fix them (see the staffing above), not CPS.")
        return paragraphs
      }
    }
    paragraphs.append(
      "Contact " + plan.scenario.platform.sales + " before launch"
        + (sales.isEmpty
          ? (remedies.isEmpty ? ": callcap finds no change to the scenario that fixes it." : " if none of these changes is possible.")
          : ": " + sales.joined(separator: "; ") + "."))
    return paragraphs
  }

  /// What would settle undecided objectives: more replications than the
  /// budget (with an estimate), or a looser objective.
  private func settleSentence(_ outcomes: [TierOutcome]) -> String {
    let checks = outcomes.flatMap(\.undecided)
    let counts = Set(outcomes.map(\.replications)).sorted().map(String.init).joined(separator: " and ")
    var text = "After \(counts) replications (`simulation.max_replications` is \(plan.maxReplications))"
    let needed = checks.compactMap(Self.replicationsToSettle).max()
    if let needed, needed > plan.maxReplications, needed <= 10_000_000 {
      text += ", about \(Readable.count(needed)) replications would settle it"
    } else {
      text += ", more replications would settle it"
    }
    // Per objective, the loosest limit any undecided setting needs.
    var looser: [String] = []
    for key in ["queue_wait_p95", "rejected", "suspension_risk"] {
      let needing = checks.filter { $0.key == key }.max { ($0.high ?? 0) < ($1.high ?? 0) }
      if let text = needing.flatMap(Self.looserObjective) { looser.append(text) }
    }
    if !looser.isEmpty { text += ", or a looser objective (\(looser.joined(separator: ", ")))" }
    return text + ". Until then it is not reported as meeting the objectives."
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
  static func looserObjective(_ check: ObjectiveCheck) -> String? {
    guard let high = check.high, high > 0 else { return nil }
    let magnitude = pow(10, (log10(high)).rounded(.down) - 1)
    let limit = (high / magnitude).rounded(.up) * magnitude
    switch check.objective {
    case .suspensionRisk: return "`suspension_risk: \(Format.percent(limit, digits: 2))` or more"
    case .rejected: return "`rejected: \(Format.percent(limit, digits: 2))` or more"
    case .queueWaitP95: return "`queue_wait_p95: \(Quantity.humanDuration(limit))` or more"
    case .abandoned: return "`abandoned: \(Format.percent(limit, digits: 2))` or more"
    case .answerWaitP95: return "`answer_wait_p95: \(Quantity.humanDuration(limit))` or more"
    case .atMost, .late: return check.objectiveText(limit: limit).map { "`\($0)` or more" }
    case .serviceLevel:
      guard let low = check.low else { return nil }
      return "`service_level: { min: \(Format.percent(low, digits: 2)) }` or less"
    }
  }

  /// Tiers above the recommended one that fail, and why: the trade-off
  /// between draining bursts fast and keeping concurrency down.
  private func higherTiersSentence(after recommended: TierOutcome) -> String? {
    let failing = plan.tiers.drop { $0.setting != recommended.setting }.dropFirst().filter { $0.decision == .fails }
    guard let first = failing.first else { return nil }
    let concurrency = first.failing.contains { $0.objective == .suspensionRisk }
    var text = "Higher tiers are not safer: at \(first.label) \(Self.explain(first.failing))"
    if failing.count > 1 { text += " (\(failing.count - 1) more tier\(failing.count > 2 ? "s" : "") above fail too)" }
    text += "."
    if concurrency {
      text += " A higher CPS drains the queue faster, so more calls ring and talk at the same time."
    }
    return text
  }

  /// `30 combinations fail on refused; 6 fail on suspension risk`: a joint
  /// plan's options grouped by what fails, most common first.
  private func failureCounts() -> [String] {
    var groups: [(names: [String], failed: Bool, count: Int)] = []
    for outcome in plan.tiers {
      let failed = !outcome.failing.isEmpty
      let names = (failed ? outcome.failing : outcome.undecided).map(\.name)
      if let index = groups.firstIndex(where: { $0.names == names && $0.failed == failed }) {
        groups[index].count += 1
      } else {
        groups.append((names, failed, 1))
      }
    }
    let total = "\(plan.tiers.count) combination\(plan.tiers.count == 1 ? "" : "s") simulated"
    return [total]
      + groups.sorted { $0.count > $1.count }.map { group in
        let verb = group.failed ? (group.count == 1 ? "fails" : "fail") : (group.count == 1 ? "is undecided" : "are undecided")
        return "\(group.count) \(verb) on \(group.names.joined(separator: " and "))"
      }
  }

  /// `1-2 CPS fail on API wait; 3 CPS is undecided on suspension risk`.
  private func failureRuns() -> [String] {
    var runs: [(first: TierOutcome, last: TierOutcome, names: [String], failed: Bool)] = []
    for outcome in plan.tiers {
      let failed = !outcome.failing.isEmpty
      let names = (failed ? outcome.failing : outcome.undecided).map(\.name)
      if let last = runs.last, last.names == names, last.failed == failed {
        runs[runs.count - 1].last = outcome
      } else {
        runs.append((outcome, outcome, names, failed))
      }
    }
    return runs.map { run in
      let single = run.first.tier == run.last.tier
      let span = single ? run.first.label : "\(Quantity.shortest(run.first.tier ?? 0))-\(run.last.label)"
      let verb = run.failed ? (single ? "fails" : "fail") : (single ? "is undecided" : "are undecided")
      return "\(span) \(verb) on \(run.names.joined(separator: " and "))"
    }
  }

  private func risksSentence(_ outcome: TierOutcome) -> String {
    var risks: [String] = []
    for reach in outcome.reach.categories {
      if reach.reachedThreshold.events > 0 {
        risks.append(
          "\(reach.category.rawValue) calls reach the suspension threshold of \(reach.threshold) in "
            + "\(reach.reachedThreshold.description(plan.level)) "
            + "(the guide asks accounts to contact \(plan.scenario.platform.sales) beforehand)")
      } else if reach.reached.events > 0 {
        risks.append(
          "\(reach.category.rawValue) peaks reach \(Readable.estimate(reach.limit)) (the threshold of \(reach.threshold) less the headroom) "
            + "in \(reach.reached.description(plan.level))")
      }
    }
    if let setting = outcome.setting {
      for (trunk, eligibility) in zip(plan.scenario.account.trunks, plan.eligibility)
      where (setting.cps(for: .trunk(trunk.name)) ?? 0) > trunk.cps && eligibility.conditions.applies
        && !eligibility.conditions.isEligible
      {
        let failing = eligibility.conditions.failing.map { "\($0.name) \($0.measured) (needs \($0.requirement))" }
        risks.append(
          "\(plan.scenario.platform.provider) may refuse the CPS upgrade of trunk \(trunk.name): \(failing.joined(separator: ", "))")
      }
    }
    guard risks.isEmpty else { return "Remaining risks: " + risks.joined(separator: "; ") + "." }
    if outcome.reach.categories.isEmpty { return "Remaining risks: none found in \(outcome.replications) replications." }
    let headroom = plan.scenario.objectives.thresholdHeadroom ?? 0
    let reached =
      headroom > 0 ? "came within \(Format.percent(headroom)) of a suspension threshold" : "reached a suspension threshold"
    return "Remaining risks: none found; no replication \(reached) (\(outcome.reach.any.description(plan.level)))."
  }

  func tierTable() -> String {
    let usesApi = plan.gates.contains(.api) || plan.configured.run.row(.api, .queueWaitP95) != nil
    let categories = plan.scenario.callCategories
    var header = isJoint ? plan.gates.map { GateSetting.gateName($0.description) } + ["cost", "self-serve"] : ["tier", "self-serve"]
    if usesApi { header += ["p95 API wait", "max API wait"] }
    header += ["refused"] + categories.map { "peak \($0.rawValue)" }
    let headroom = plan.scenario.objectives.thresholdHeadroom ?? 0
    let reach =
      headroom > 0 ? "replications within \(Format.percent(headroom)) of a threshold" : "replications reaching a threshold"
    header += [reach, "replications", "meets objectives"]
    var text = isJoint ? "## Options\n\n" : "## Tiers\n\n"
    let shownOptions = tableOptions()
    if plan.gates.isEmpty {
      text += "No traffic passes a CPS gate, so only the configured CPS was simulated. "
    } else if isJoint {
      let prices = CapacityPlan.candidates(plan.scenario, tiers: nil, gate: nil)
      text +=
        "Each option gives \(gateNames) a CPS of its own, from each gate's candidates; options are ordered by their monthly "
        + "cost (\(prices.map { "\(GateSetting.gateName($0.gate.description)) \(Readable.amount($0.pricePerCPS)) per CPS" }.joined(separator: ", "))) "
        + "and every option sees the same calls (common random numbers). "
      text +=
        plan.isPartial
        ? "The grid holds \(plan.optionCount) options; the \(plan.tiers.count) cheapest were simulated, batch by batch, "
          + "until a cheaper one settled the answer, so no cheaper option is skipped. "
        : "All \(plan.optionCount) options of the grid were simulated. "
      if shownOptions.count < plan.tiers.count {
        let cheapest = min(shownOptions.count, 12)
        text +=
          "The table shows the configured CPS and the \(cheapest) cheapest options"
          + (shownOptions.count > cheapest ? ", then the recommended one" : "") + "; tiers.csv lists every option. "
      }
    } else {
      text += "Each tier applies to \(gateNames); every tier sees the same calls (common random numbers). "
    }
    text +=
      "Figures are means across each setting's replications; each objective is judged on its \(plan.level.perLook) interval "
      + "(yes: meets, no: fails, undecided: the interval contains the limit)"
      + (plan.level.looks == 1 ? ". " : ", so that over the plan's \(plan.level.looks) looks the verdict has 95% confidence. ")
    text += replicationsNote() + "\n\n"
    text += "| " + header.joined(separator: " | ") + " |\n" + "|" + String(repeating: "---|", count: header.count) + "\n"
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
          plan.scenario.platform.salesNeeded(for: $0, account: plan.scenario.account).isEmpty ? "yes" : "no (sales)"
        } ?? "-"
      var cells: [String]
      if isJoint {
        cells = plan.gates.map { gate in
          let cps = outcome.setting?.cps(for: gate) ?? CapacityPlan.configuredCPS(of: gate, in: plan.scenario)
          return bold(Quantity.shortest(cps)) + (outcome.setting == nil ? " (configured)" : "")
        }
        cells += [Readable.amount(outcome.cost), selfServe]
      } else {
        cells = [outcome.setting == nil ? "configured" : bold(outcome.label), selfServe]
      }
      func cell(_ scope: Scope, _ metric: Metric) -> String {
        run.mean(scope, metric).map { MetricText.number($0, metric.unit) } ?? "-"
      }
      func wait(_ metric: Metric, _ unit: Readable.DurationUnit) -> String {
        run.mean(.api, metric).map { Readable.duration($0, in: unit) } ?? "-"
      }
      if usesApi { cells += [wait(.queueWaitP95, waitUnits.p95), wait(.queueWaitMax, waitUnits.max)] }
      cells.append(cell(.category(.total), .rejectedRate))
      cells += categories.map { cell(.category($0), .peakConcurrency) }
      cells.append(outcome.reach.categories.isEmpty ? "-" : Self.shortReach(outcome.reach.any, level: plan.level))
      cells.append(Readable.count(outcome.replications))
      switch outcome.decision {
      case .meets: cells.append("yes")
      case .fails: cells.append("no: " + outcome.failing.map(\.name).joined(separator: ", "))
      case .undecided: cells.append("undecided: " + outcome.undecided.map(\.name).joined(separator: ", "))
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
  static func shortReach(_ reach: BinomialInterval, level: DecisionLevel = .single) -> String {
    let name = level.perLook
    if reach.events == 0 {
      return "0 of \(Readable.count(reach.trials)) (\(name) upper bound \(Format.percent(reach.oneSidedUpper(level))))"
    }
    let (low, high) = level == .single ? (reach.lower95, reach.upper95) : (reach.oneSidedLower(level), reach.oneSidedUpper(level))
    return
      "\(Readable.count(reach.events)) of \(Readable.count(reach.trials)) (\(Format.percent(reach.share)), \(name) \(level == .single ? "CI" : "bounds") "
      + "\(Format.percent(low)) to \(Format.percent(high)))"
  }

  /// How the replication counts came about.
  private func replicationsNote() -> String {
    let first = plan.scenario.simulation.replications
    let counts = Set(([plan.configured] + plan.tiers).map(\.replications))
    if counts == [first] {
      return "Every setting ran \(first) replications; that decided the recommendation."
    }
    let looks = plan.schedule.counts.map(String.init).joined(separator: ", ")
    return "Every setting ran \(first) replications; the settings the recommendation depended on, while undecided, ran more in "
      + "batches (the same replication indices for every setting), looked at only after \(looks) replications, a schedule fixed "
      + "in advance; decided settings kept their count."
  }

  private func eligibilitySection() -> String {
    let trunks = plan.eligibility.filter(\.conditions.applies)
    guard !trunks.isEmpty else { return "" }
    var text = "### Trunk CPS upgrade conditions\n\n"
    text +=
      "\(plan.scenario.platform.provider) grants higher trunk CPS only for conversational traffic. Each trunk is judged on the calls it carried "
    text += "at the configured CPS:\n\n"
    text += "| trunk | condition | needs | simulated | met |\n|---|---|---|---|---|\n"
    for trunk in trunks {
      for condition in trunk.conditions.conditions {
        text +=
          "| \(trunk.trunk) | \(condition.name) | \(condition.requirement) | \(condition.measured) | \(condition.met ? "yes" : "no") |\n"
      }
    }
    text += "\nThe answer-seizure condition is 70% on the current page; an older page says 60%.\n\n"
    return text
  }
}

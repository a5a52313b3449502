/// The plan's answer in words, and the tier table behind it: which tier to
/// buy, why, why the next tiers are not better, and what risks remain.
struct PlanVerdict {
  let plan: CapacityPlan

  private var gateNames: String {
    let names = plan.gates.map { $0 == .api ? "the API gate" : "trunk \($0.description.dropFirst(6))" }
    return names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " and " + names.last!
  }

  private static func explain(_ checks: [ObjectiveCheck]) -> String {
    checks.map(\.explanation).joined(separator: "; ")
  }

  func render() -> String {
    guard !plan.gates.isEmpty else {
      return "No traffic passes a CPS gate (the API or a trunk), so the CPS tier does not change the outcome. "
        + risksSentence(plan.configured)
    }
    var paragraphs: [String] = []
    if let recommended = plan.recommended, let tier = recommended.tier {
      var text = "**Buy \(Quantity.shortest(tier)) CPS** for \(gateNames). "
      let sales = SelfServeRange.salesNeeded(for: tier, gates: plan.gates)
      text += sales.isEmpty ? "It is self-serve in the Twilio console. " : "It needs Twilio sales: \(sales.joined(separator: "; ")). "
      text +=
        recommended.checks.isEmpty
        ? "No objective is set, so it is simply the smallest candidate tier."
        : "It is the smallest candidate tier that meets every objective: \(Self.explain(recommended.checks))."
      if let lower = plan.tiers.last(where: { ($0.tier ?? 0) < tier }) {
        text += " At \(lower.label): \(Self.explain(lower.failing))."
      }
      paragraphs.append(text)
      if let worse = higherTiersSentence(above: tier) { paragraphs.append(worse) }
      paragraphs.append(risksSentence(recommended))
    } else {
      var text = "**No candidate tier meets every objective.** "
      text += failureRuns().joined(separator: "; ") + "."
      paragraphs.append(text)
      let remedies = Remedies.suggest(for: plan)
      if !remedies.isEmpty {
        paragraphs.append("What would fix it:\n\n" + remedies.map { "- \($0)" }.joined(separator: "\n"))
      }
      let sales = plan.salesReasons
      paragraphs.append(
        "Contact Twilio sales before launch"
          + (sales.isEmpty ? " if none of these changes is possible." : ": " + sales.joined(separator: "; ") + "."))
    }
    return paragraphs.joined(separator: "\n\n")
  }

  /// Tiers above the recommended one that fail, and why: the trade-off
  /// between draining bursts fast and keeping concurrency down.
  private func higherTiersSentence(above tier: Double) -> String? {
    let failing = plan.tiers.filter { ($0.tier ?? 0) > tier && !$0.meetsObjectives }
    guard let first = failing.first else { return nil }
    let concurrency = first.failing.contains { if case .headroom = $0.objective { true } else { false } }
    var text = "Higher tiers are not safer: at \(first.label) \(Self.explain(first.failing))"
    if failing.count > 1 { text += " (\(failing.count - 1) more tier\(failing.count > 2 ? "s" : "") above fail too)" }
    text += "."
    if concurrency {
      text += " A higher CPS drains the queue faster, so more calls ring and talk at the same time."
    }
    return text
  }

  /// `1-2 CPS: API wait; 3-50 CPS: outbound peak`.
  private func failureRuns() -> [String] {
    var runs: [(first: TierOutcome, last: TierOutcome, names: [String])] = []
    for outcome in plan.tiers {
      let names = outcome.failing.map(\.name)
      if let last = runs.last, last.names == names {
        runs[runs.count - 1].last = outcome
      } else {
        runs.append((outcome, outcome, names))
      }
    }
    return runs.map { run in
      let span =
        run.first.tier == run.last.tier
        ? run.first.label : "\(Quantity.shortest(run.first.tier ?? 0))-\(run.last.label)"
      return "\(span) fail\(run.first.tier == run.last.tier ? "s" : "") on \(run.names.joined(separator: " and "))"
    }
  }

  private func risksSentence(_ outcome: TierOutcome) -> String {
    var risks: [String] = []
    for category in [ConcurrencyCategory.inbound, .outbound, .forwarded] {
      let share = outcome.run.mean(.category(category), .thresholdBreachShare) ?? 0
      if share > 0, let threshold = plan.scenario.account.thresholds.value(for: category) {
        risks.append(
          "\(category.rawValue) calls reach the suspension threshold of \(threshold) in \(Format.percent(share)) of replications "
            + "(the guide asks accounts to contact Twilio sales beforehand)")
      }
    }
    for check in outcome.checks where check.met {
      guard case .headroom(let category, _) = check.objective,
        let highest = outcome.run.row(.category(category), .peakConcurrency)?.summary.max, highest > check.limit,
        (outcome.run.mean(.category(category), .thresholdBreachShare) ?? 0) == 0
      else { continue }
      risks.append(
        "the \(category.rawValue) peak is within the limit of \(Format.decimal(check.limit)) on average but reaches \(Format.decimal(highest)) in the worst replication"
      )
    }
    if plan.gates.contains(where: \.isTrunk),
      let tier = outcome.tier, plan.scenario.account.trunks.contains(where: { tier > $0.cps }), plan.eligibility.applies,
      !plan.eligibility.isEligible
    {
      let failing = plan.eligibility.failing.map { "\($0.name) \($0.measured) (needs \($0.requirement))" }
      risks.append("Twilio may refuse the trunk CPS upgrade: \(failing.joined(separator: ", "))")
    }
    return risks.isEmpty
      ? "Remaining risks: none found within \(outcome.run.replications.count) replications."
      : "Remaining risks: " + risks.joined(separator: "; ") + "."
  }

  func tierTable() -> String {
    let usesApi = plan.gates.contains(.api) || plan.configured.run.row(.api, .queueWaitP95) != nil
    let categories = plan.scenario.callCategories
    var header = ["tier", "self-serve"]
    if usesApi { header += ["p95 API wait", "max API wait"] }
    header += ["refused"] + categories.map { "peak \($0.rawValue)" } + ["replications reaching a threshold", "meets objectives"]
    var text = "## Tiers\n\n"
    text +=
      plan.gates.isEmpty
      ? "No traffic passes a CPS gate, so only the configured CPS was simulated. "
      : "Each tier applies to \(gateNames); every tier sees the same calls (common random numbers). "
    text += "Figures are means across \(plan.configured.run.replications.count) replications.\n\n"
    text += "| " + header.joined(separator: " | ") + " |\n" + "|" + String(repeating: "---|", count: header.count) + "\n"
    for outcome in [plan.configured] + plan.tiers {
      let run = outcome.run
      var label = outcome.tier == nil ? "configured" : outcome.label
      if outcome.tier != nil && outcome.tier == plan.recommended?.tier { label = "**\(label)**" }
      let selfServe =
        outcome.tier.map { SelfServeRange.salesNeeded(for: $0, gates: plan.gates).isEmpty ? "yes" : "no (sales)" } ?? "-"
      var cells = [label, selfServe]
      func cell(_ scope: Scope, _ metric: Metric) -> String {
        run.mean(scope, metric).map { MarkdownReport.number($0, metric.unit) } ?? "-"
      }
      if usesApi { cells += [cell(.api, .queueWaitP95), cell(.api, .queueWaitMax)] }
      cells.append(cell(.category(.total), .rejectedRate))
      cells += categories.map { cell(.category($0), .peakConcurrency) }
      cells.append(Format.percent(outcome.anyBreachShare))
      cells.append(outcome.meetsObjectives ? "yes" : "no: " + outcome.failing.map(\.name).joined(separator: ", "))
      text += "| " + cells.joined(separator: " | ") + " |\n"
    }
    text += "\n" + eligibilitySection()
    return text
  }

  private func eligibilitySection() -> String {
    let eligibility = plan.eligibility
    guard eligibility.applies, !plan.scenario.account.trunks.isEmpty else { return "" }
    var text = "### Trunk CPS upgrade conditions\n\n"
    text += "Twilio grants higher trunk CPS only for conversational traffic. The simulated outbound and forwarded calls:\n\n"
    text += "| condition | needs | simulated | met |\n|---|---|---|---|\n"
    for condition in eligibility.conditions {
      text += "| \(condition.name) | \(condition.requirement) | \(condition.measured) | \(condition.met ? "yes" : "no") |\n"
    }
    text += "\nThe answer-seizure condition is 70% on the current page; an older page says 60%.\n\n"
    return text
  }
}

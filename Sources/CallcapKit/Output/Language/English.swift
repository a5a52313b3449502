import Foundation

/// Reports in English: the wording callcap has always written.
public struct English: Catalogue {
  public init() {}

  // MARK: Numbers and lists

  public var units: Readable.Units { .english }
  public var sentenceSpace: String { " " }
  public var fullStop: String { "." }

  public func list(_ items: [String]) -> String {
    items.count <= 1 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
  }

  public func sentences(_ sentences: [String]) -> String { sentences.joined(separator: " ") }
  public func clauses(_ clauses: [String]) -> String { clauses.joined(separator: "; ") }
  public func rate(_ perSecond: Double) -> String { Quantity.humanRate(perSecond) }
  public func replications(_ interval: BinomialInterval, level: DecisionLevel) -> String { interval.description(level) }
  public func confidence(_ level: DecisionLevel) -> String { level.confidenceText }
  public func category(_ category: ConcurrencyCategory) -> String { category.rawValue }
  public func trafficType(_ type: TrafficType) -> String { type.rawValue }
  public func scope(_ scope: Scope) -> String { scope.description }
  public func gate(_ gate: Gate) -> String { gate.description }
  public func distribution(_ spec: DistributionSpec) -> String { spec.humanDescription }
  public func gateNoun(_ gate: Scope) -> String { GateSetting.gateNoun(gate) }
  public func gateName(_ gate: String) -> String { GateSetting.gateName(gate) }
  public func settingLabel(_ setting: GateSetting) -> String { setting.label }
  public func label(_ outcome: TierOutcome) -> String { outcome.label }
  public var yes: String { "yes" }
  public var no: String { "no" }
  public func line(_ number: Int) -> String { "line \(number)" }

  // MARK: Objectives

  public func objectiveName(_ check: ObjectiveCheck) -> String { check.name }
  public func explanation(_ check: ObjectiveCheck) -> String { check.explanation }
  public func explanations(_ texts: [String]) -> String { texts.joined(separator: "; ") }
  public func measured(_ check: ObjectiveCheck) -> String { check.measuredText }
  public func limitText(_ check: ObjectiveCheck) -> String { check.limitText }
  public var p95WaitSubject: String { "the p95 API queue wait" }
  public var refusedSubject: String { "the refused share" }

  public func objectiveFails(_ subject: String, limit: String, minimum: Bool) -> String {
    "\(subject) \(minimum ? "falls short of" : "exceeds") the \(limit) objective"
  }

  public func objectiveUndecided(_ subject: String, limit: String, replications: Int, measured: String) -> String {
    "whether \(subject) stays within the \(limit) objective is undecided after \(replications) replications (\(measured))"
  }

  // MARK: Report sections

  public func reportTitle(plan: Bool, name: String) -> String { "callcap \(plan ? "plan" : "report"): \(name)" }
  public var verdictHeading: String { "Verdict" }
  public var staffingHeading: String { "Staffing" }

  public func detailHeading(_ recommended: (label: String, joint: Bool)?) -> String {
    "At " + (recommended.map { "\($0.label), the recommended \($0.joint ? "option" : "tier")" } ?? "the configured CPS")
  }

  public func detailShows(_ shown: DetailShown) -> String {
    let what =
      switch shown {
      case .noGate: "the configured account (no traffic passes a CPS gate)"
      case .recommended: "the recommended tier"
      case .undecided: "the configured CPS, since no tier is recommended yet"
      case .noneMeets: "the configured CPS, since no tier meets every objective"
      }
    return "The sections below show \(what)."
  }

  public func apiWaits(configured: Bool, cps: String, pacing: String, mean: String, p95: String, max: String) -> String {
    "At \(configured ? "the configured" : "an") API rate of \(cps) CPS (\(pacing) pacing), API calls wait "
      + "\(mean) on average and \(p95) at the 95th percentile; the longest wait is \(max)."
  }

  public func apiQueueOverflows(error: String, calls: String) -> String {
    "the API queue overflows (\(error)) for \(calls) calls per replication"
  }

  public func trunkRefuses(trunk: String, cps: String, limiter: String, share: String) -> String {
    "Trunk \(trunk) (\(cps) CPS, \(limiter)) finally refuses \(share) of its calls."
  }

  public func trunkPoolRefuses(cps: String, limiter: String, share: String) -> String {
    "The trunk pool (\(cps) CPS shared by every trunk, \(limiter)) finally refuses \(share) of the calls that passed their trunk."
  }

  public func overallRefused(_ share: String) -> String { "Overall \(share) of offered calls are refused." }

  public func peakAgainstThreshold(
    _ category: ConcurrencyCategory, peak: String, threshold: Int, reached: Bool, replications: String
  ) -> String {
    "Peak \(category.rawValue) concurrency is \(peak) against the suspension threshold of \(threshold)"
      + (reached ? ", reached in \(replications)." : "; no replication reached it (\(replications)).")
  }

  public func thresholdReachedRisk(_ category: ConcurrencyCategory, threshold: Int, sales: String) -> String {
    "\(category.rawValue) calls reach the suspension threshold of \(threshold) (contact \(sales) before launch)"
  }

  public func thresholdNearRisk(_ category: ConcurrencyCategory, headroom: String, threshold: Int) -> String {
    "\(category.rawValue) peaks come within \(headroom) of the threshold of \(threshold)"
  }

  public func risks(_ risks: [String]) -> String {
    risks.isEmpty ? "No objective or threshold is at risk." : "Risks: " + risks.joined(separator: "; ") + "."
  }

  public var agentsHeading: String { "Agents" }

  public func agentsIntro(within: String) -> String {
    "Callers waiting for an agent are live calls: they count toward their category's threshold. "
      + "Service level: callers who reached an agent within \(within) (abandoned callers count as missed unless they left within it)."
  }

  public func meansAcross(_ replications: Int) -> String {
    "Means across \(replications) replications with 95% confidence intervals."
  }

  public func agentCount(_ count: Int) -> String { "\(count) agents" }
  public func agentRange(_ low: Int, _ high: Int, every: String) -> String { "\(low) to \(high) agents, changing every \(every)" }
  public func poolHeading(_ pool: String) -> String { "Pool \(pool)" }

  public func poolLine(staffing: String, endpoint: String, wrapUp: String?) -> String {
    "\(staffing), endpoint \(endpoint)" + (wrapUp.map { ", wrap-up \($0)" } ?? "") + "."
  }

  public var metricTableHeader: String { "| metric | value |\n|---|---|\n" }
  public var waitsHeading: String { "Queue waits" }
  public func waitsIntro(cps: String, pacing: String) -> String { "API gate, \(cps) CPS, \(pacing) pacing." }
  public var rejectionsHeading: String { "Rejections" }

  public func rejectionsColumns(trunkCPS: String, queueFull: String, accountCap: String) -> [String] {
    [
      "scope", "offered", "refused: \(trunkCPS) after retries", "retried", "queue full (\(queueFull))",
      "concurrency cap (\(accountCap))", "refused share",
    ]
  }

  public var countsAreMeans: String { "Counts are means per replication." }

  public func trunkPoolCounts(error: String) -> String {
    "Each trunk counts its own \(error) refusals; trunk-pool counts the calls that passed their trunk and the refusals of the pool, which the total includes."
  }

  public var concurrencyHeading: String { "Concurrency against thresholds" }

  public func countedFrom(ringing: Bool) -> String {
    "Simultaneous calls, counted from \(ringing ? "the start of ringing" : "answer") until the end of the call."
  }

  public var concurrencyColumns: [String] {
    ["category", "threshold", "peak", "highest peak", "mean", "time at or above", "replications reaching it"]
  }

  public var trafficHeading: String { "Traffic" }

  public var trafficColumns: [String] {
    ["traffic", "type", "gate", "arrivals", "duration", "offered", "completed", "no answer", "refused share"]
  }

  public var neverConnectedColumn: String { "never connected" }

  public var neverConnectedNote: String {
    "Calls that never connected could not reach the number (or the destination could not be reached from the caller ID; "
      + "see the warnings); they are not offered to the account and count in no metric."
  }

  public func poissonArrivals(_ rate: String) -> String { "Poisson \(rate)" }
  public func profileArrivals(segments: Int, peak: String) -> String { "profile of \(segments) segments, peak \(peak)" }
  public func burstArrivals(count: String, at: String, over: String?) -> String {
    "burst of \(count) at \(at)" + (over.map { " over \($0)" } ?? "")
  }
  public func everyArrivals(_ interval: String) -> String { "every \(interval)" }
  public var warningsHeading: String { "Validation warnings" }
  public var chartsHeading: String { "Charts" }
  public var methodHeading: String { "Method" }

  public func methodRun(
    path: String, seed: UInt64, replications: Int, plan: Bool, horizon: String, warmUp: String, start: String, resolution: String
  ) -> String {
    "Scenario: \(path); seed \(seed); \(replications) replications"
      + (plan ? " at the setting shown (the tier table gives each setting's count)" : "")
      + "; horizon \(horizon); warm-up \(warmUp); start \(start); time series every \(resolution)."
  }

  public func methodApi(cps: String, pacing: String, provider: String, queueLimit: String) -> String {
    "API gate: \(cps) CPS, \(pacing) pacing, FIFO (an assumption: \(provider) does not publish the order), queue limit \(queueLimit) of work."
  }

  public func methodTrunk(
    _ trunk: String, limiter: String, cps: String, burst: String?, retry: (error: String, attempts: Int, delay: String)?
  ) -> String {
    var line = "Trunk \(trunk): \(limiter) limiter at \(cps) CPS"
    if let burst { line += ", burst \(burst)" }
    if let retry { line += "; retries after \(retry.error): \(retry.attempts), delay \(retry.delay)" }
    return line + ". The platform's algorithm is not published; this is a model."
  }

  public func methodTrunkPool(limiter: String, cps: String, burst: String?, error: String) -> String {
    "Trunk pool: \(limiter) limiter at \(cps) CPS shared by every trunk, checked after the trunk's own limiter"
      + (burst.map { ", burst \($0)" } ?? "")
      + "; an attempt it refuses gets \(error) is not placed (it uses neither its trunk's allowance nor the pool's), and is retried per its trunk's `retry`. A model, like the trunks'."
  }

  public func methodTiers(
    tiers: String, gates: [String], confidence: String, suspensionRisk: String, looks: String, lookCount: Int
  ) -> String {
    "Tiers \(tiers) CPS, each applied to \(gates.joined(separator: " and ")) (a token bucket without `burst` scales with the tier); every tier and the configured CPS "
      + "ran the same replications with common random numbers (tiers given more replications continue the same indices). "
      + "Each objective is judged with \(confidence): met when its interval lies at or below the limit, failed "
      + "when it lies above, otherwise undecided; the suspension risk (replications reaching a threshold less the headroom) on "
      + "one-sided Clopper-Pearson bounds against `suspension_risk` (\(suspensionRisk)). "
      + "`plan` adds replications to undecided tiers the recommendation depends on and looks at them only after "
      + "\(looks) replications, fixed in advance"
      + (lookCount == 1 ? "." : ", each look at 5%/\(lookCount) so that over all looks a wrong verdict stays within 5%.")
  }

  public func methodAccount(profile: String, inbound: Int, outbound: Int, forwarded: Int, callLimit: String) -> String {
    "Account profile \(profile); thresholds inbound \(inbound), outbound \(outbound), forwarded \(forwarded); calls cut at \(callLimit)."
  }

  public var methodFixed: [String] {
    [
      "Arrivals stop at the horizon; calls offered before it are followed to their end. Counts and waits cover calls offered after the warm-up; concurrency covers [warm-up, horizon).",
      "Intervals are 95% Student t intervals across replications, clamped to the quantity's range (no share below 0 or above 100%, "
        + "no count or duration below 0); shares of replications get exact binomial (Clopper-Pearson) bounds. Wait percentiles come "
        + "from an HdrHistogram (3 significant digits).",
    ]
  }

  public func methodVersions(callcap: String, gsl: String, generator: String) -> String {
    "callcap \(callcap), GNU GSL \(gsl) (\(generator) streams whose state comes from the seed, the replication and the stream's name)."
  }

  // MARK: The plan's verdict

  public func purchase(_ gate: Scope, cps: String, stays: Bool) -> String {
    let noun = gate == .api ? "API" : gate == .trunkPool ? "trunk pool" : GateSetting.gateNoun(gate)
    return stays ? "\(noun) stays at \(cps) CPS" : "\(noun) \(cps) CPS"
  }

  public func cost(_ amount: String, unitPrices: Bool) -> String {
    unitPrices ? "\(amount) CPS in all" : "costs \(amount) a month at the scenario's `price_per_cps`"
  }

  public func buyJoint(_ purchase: String, cost: String) -> String { "**Buy \(purchase)** (\(cost))." }
  public func buyTier(_ label: String, gates: String) -> String { "**Buy \(label)** for \(gates)." }

  public func salesNeeded(_ setting: GateSetting, _ scenario: Scenario) -> [String] {
    scenario.platform.salesNeeded(for: setting, account: scenario.account)
  }

  public func salesReasons(_ plan: CapacityPlan) -> [String] { plan.salesReasons }

  public func howToBuy(provider: String, sales: String, reasons: [String]) -> String {
    reasons.isEmpty ? "It is self-serve in the \(provider) console." : "It needs \(sales): \(reasons.joined(separator: "; "))."
  }

  private func smallest(_ joint: Bool) -> String { joint ? "cheapest candidate combination" : "smallest candidate tier" }

  public func noObjectiveSmallest(joint: Bool) -> String { "No objective is set, so it is simply the \(smallest(joint))." }

  public func smallestMeeting(joint: Bool, confidence: String, _ explanation: String) -> String {
    "It is the \(smallest(joint)) that meets every objective with \(confidence): \(explanation)."
  }

  public func optionWithReasons(_ label: String, _ explanation: String) -> String { "\(label) (\(explanation))" }

  public func cheaperCombinationsFail(_ shown: [String], more: Int) -> String {
    "Cheaper combinations fail: \(shown.joined(separator: "; "))"
      + (more > 0 ? "; \(more) cheaper still fail\(more == 1 ? "s" : " too") (tiers.csv lists each)." : ".")
  }

  public func atLowerTier(_ label: String, _ explanation: String) -> String { "At \(label): \(explanation)." }
  public var undecidedLead: String { "**Undecided.** " }

  public func undecidedButSafe(_ label: String, confidence: String, _ explanation: String, joint: Bool) -> String {
    "\(label) meets every objective with \(confidence) (\(explanation)), "
      + "but whether a \(joint ? "cheaper combination" : "smaller tier") suffices is not settled: "
  }

  public func undecidedUnsimulated(_ count: Int) -> String {
    "Every combination simulated fails, but \(count) dearer ones were not simulated (the run was interrupted)"
  }

  public func undecidedNone(joint: Bool) -> String {
    let candidate = joint ? "combination" : "tier"
    return "No candidate \(candidate) is shown to meet every objective, and not every \(candidate) is shown to fail: "
  }

  public func undecidedBlocking(_ label: String, _ explanation: String, others: Int, othersReplications: Int, joint: Bool) -> String {
    var text = "at \(label) \(explanation)"
    if others > 0 {
      let dearer = joint ? "dearer combination" : "higher tier"
      text +=
        "; \(others) \(dearer)\(others == 1 ? " is" : "s are") undecided too (after \(othersReplications) replications), "
        + "not simulated further while \(label) is open"
    }
    return text + "."
  }

  public func noneMeetsLead(joint: Bool) -> String { "**No candidate \(joint ? "combination" : "tier") meets every objective.** " }

  private var noGateContext: String {
    "No traffic passes a CPS gate (the API or a trunk), so there is no CPS to buy and the tier does not change the outcome"
  }

  public func noGateMeets(_ explanation: String?) -> String {
    "**No CPS to buy; every objective holds.** \(noGateContext)" + (explanation.map { ": \($0)." } ?? ".")
  }

  public func noGateFails(_ names: [String], _ explanation: String) -> String {
    "**No CPS to buy, but \(names.joined(separator: " and ")) fail\(names.count == 1 ? "s" : "").** \(noGateContext): \(explanation)."
  }

  public func noGateUndecided(_ names: [String], _ explanation: String) -> String {
    "**No CPS to buy; \(names.joined(separator: " and ")) undecided.** \(noGateContext): \(explanation)."
  }

  public var onlyPoolObjectivesFail: String {
    "Only agent-pool objectives fail: more agents fix them (see the staffing above), not CPS."
  }

  public func contactSales(_ sales: String, reasons: [String], remedies: Bool) -> String {
    "Contact " + sales + " before launch"
      + (reasons.isEmpty
        ? (remedies ? " if none of these changes is possible." : ": callcap finds no change to the scenario that fixes it.")
        : ": " + reasons.joined(separator: "; ") + ".")
  }

  public var whatWouldFixIt: String { "What would fix it:" }

  public func settle(after counts: String, budget: Int, needed: String?, looser: [(objective: String, more: Bool)]) -> String {
    var text = "After \(counts) replications (`simulation.max_replications` is \(budget))"
    text += needed.map { ", about \($0) replications would settle it" } ?? ", more replications would settle it"
    if !looser.isEmpty {
      text += ", or a looser objective (\(looser.map { "\($0.objective) or \($0.more ? "more" : "less")" }.joined(separator: ", ")))"
    }
    return text + ". Until then it is not reported as meeting the objectives."
  }

  public func higherTiersFail(_ label: String, _ explanation: String, more: Int, concurrency: Bool) -> String {
    var text = "Higher tiers are not safer: at \(label) \(explanation)"
    if more > 0 { text += " (\(more) more tier\(more > 1 ? "s" : "") above fail too)" }
    text += "."
    if concurrency { text += " A higher CPS drains the queue faster, so more calls ring and talk at the same time." }
    return text
  }

  public func combinationsSimulated(_ count: Int) -> String { "\(count) combination\(count == 1 ? "" : "s") simulated" }

  public func failGroup(_ span: String, single: Bool, failed: Bool, on names: [String]) -> String {
    let verb = failed ? (single ? "fails" : "fail") : (single ? "is undecided" : "are undecided")
    return "\(span) \(verb) on \(names.joined(separator: " and "))"
  }

  public func reachesThreshold(_ category: ConcurrencyCategory, threshold: Int, _ replications: String, sales: String) -> String {
    "\(category.rawValue) calls reach the suspension threshold of \(threshold) in \(replications) "
      + "(the guide asks accounts to contact \(sales) beforehand)"
  }

  public func reachesLimit(_ category: ConcurrencyCategory, limit: String, threshold: Int, _ replications: String) -> String {
    "\(category.rawValue) peaks reach \(limit) (the threshold of \(threshold) less the headroom) in \(replications)"
  }

  public func condition(_ index: Int, _ condition: UpgradeEligibility.Condition, _ platform: PlatformRules)
    -> (name: String, requirement: String, measured: String)
  {
    (condition.name, condition.requirement, condition.measured)
  }

  public func failingCondition(_ words: (name: String, requirement: String, measured: String)) -> String {
    "\(words.name) \(words.measured) (needs \(words.requirement))"
  }

  public func upgradeMayBeRefused(provider: String, trunk: String, _ failing: [String]) -> String {
    "\(provider) may refuse the CPS upgrade of trunk \(trunk): \(failing.joined(separator: ", "))"
  }

  public func remainingRisks(_ risks: [String]) -> String { "Remaining risks: " + risks.joined(separator: "; ") + "." }
  public func noRisksFound(replications: Int) -> String { "Remaining risks: none found in \(replications) replications." }

  public func noReplicationReached(headroom: String?, _ replications: String) -> String {
    let reached = headroom.map { "came within \($0) of a suspension threshold" } ?? "reached a suspension threshold"
    return "Remaining risks: none found; no replication \(reached) (\(replications))."
  }

  public var headroomNotSearched: String {
    "**Headroom** is not searched by a plan that adds no replications (`max_replications` equal to "
      + "`replications`, as in a sharded plan); `callcap headroom` finds how far traffic can grow."
  }

  public func headroomSummary(_ headroom: Headroom) -> String { headroom.summary }

  public func planHeadroom(recommended: String?, _ summary: String, upTo: String) -> String {
    let subject = recommended.map { "with the recommended \($0) the plan" } ?? "the configured account"
    return "**Headroom:** \(subject) \(summary). A factor g multiplies every class's arrivals "
      + "(rates, profile values, burst counts) and nothing else; factors up to \(upTo) are "
      + "searched, each judged like a tier. `callcap headroom` gives the curve and, with `--growth`, the date."
  }

  // MARK: The tier table

  public var tiersHeading: String { "Tiers" }
  public var optionsHeading: String { "Options" }

  public func tierColumns(gates: [String]?, api: Bool, categories: [ConcurrencyCategory], headroom: String?) -> [String] {
    var header = gates.map { $0 + ["cost", "self-serve"] } ?? ["tier", "self-serve"]
    if api { header += ["p95 API wait", "max API wait"] }
    header += ["refused"] + categories.map { "peak \($0.rawValue)" }
    header.append(headroom.map { "replications within \($0) of a threshold" } ?? "replications reaching a threshold")
    return header + ["replications", "meets objectives"]
  }

  public var onlyConfiguredSimulated: String { "No traffic passes a CPS gate, so only the configured CPS was simulated. " }

  public func optionsOrdered(gates: String, prices: [(gate: String, price: String)]) -> String {
    "Each option gives \(gates) a CPS of its own, from each gate's candidates; options are ordered by their monthly "
      + "cost (\(prices.map { "\($0.gate) \($0.price) per CPS" }.joined(separator: ", "))) "
      + "and every option sees the same calls (common random numbers). "
  }

  public func optionsPartial(grid: Int, simulated: Int) -> String {
    "The grid holds \(grid) options; the \(simulated) cheapest were simulated, batch by batch, "
      + "until a cheaper one settled the answer, so no cheaper option is skipped. "
  }

  public func optionsAll(grid: Int) -> String { "All \(grid) options of the grid were simulated. " }

  public func tableShowsCheapest(_ count: Int, andRecommended: Bool) -> String {
    "The table shows the configured CPS and the \(count) cheapest options"
      + (andRecommended ? ", then the recommended one" : "") + "; tiers.csv lists every option. "
  }

  public func eachTierApplies(_ gates: String) -> String {
    "Each tier applies to \(gates); every tier sees the same calls (common random numbers). "
  }

  public func tableFigures(perLook: String, looks: Int) -> String {
    "Figures are means across each setting's replications; each objective is judged on its \(perLook) interval "
      + "(yes: meets, no: fails, undecided: the interval contains the limit)"
      + (looks == 1 ? ". " : ", so that over the plan's \(looks) looks the verdict has 95% confidence. ")
  }

  public func replicationsNote(_ first: Int, looks: String?) -> String {
    guard let looks else { return "Every setting ran \(first) replications; that decided the recommendation." }
    return "Every setting ran \(first) replications; the settings the recommendation depended on, while undecided, ran more in "
      + "batches (the same replication indices for every setting), looked at only after \(looks) replications, a schedule fixed "
      + "in advance; decided settings kept their count."
  }

  public var noSales: String { "no (sales)" }
  public var configured: String { "configured" }
  public var configuredSuffix: String { " (configured)" }
  public func failsOn(_ names: [String]) -> String { "no: " + names.joined(separator: ", ") }
  public func undecidedOn(_ names: [String]) -> String { "undecided: " + names.joined(separator: ", ") }

  public func noneOf(_ trials: String, perLook: String, upper: String) -> String { "0 of \(trials) (\(perLook) upper bound \(upper))" }

  public func someOf(_ events: String, _ trials: String, share: String, perLook: String, twoSided: Bool, low: String, high: String)
    -> String
  {
    "\(events) of \(trials) (\(share), \(perLook) \(twoSided ? "CI" : "bounds") \(low) to \(high))"
  }

  public var upgradeHeading: String { "Trunk CPS upgrade conditions" }

  public func upgradeIntro(_ provider: String) -> String {
    "\(provider) grants higher trunk CPS only for conversational traffic. Each trunk is judged on the calls it carried at the configured CPS:"
  }

  public var upgradeColumns: [String] { ["trunk", "condition", "needs", "simulated", "met"] }
  public var upgradePageNote: String { "The answer-seizure condition is 70% on the current page; an older page says 60%." }

  // MARK: The line on standard output

  public func wrote(_ folder: String, _ files: [String]) -> String { "wrote \(folder) (\(files.joined(separator: ", ")))" }
  public var lineSeparator: String { "; " }

  public func summaryLine(_ plan: CapacityPlan) -> String {
    let name = plan.scenario.name
    if plan.gates.isEmpty {
      let outcome = plan.configured
      switch outcome.decision {
      case .meets: return "\(name): no CPS to buy; every objective holds"
      case .fails:
        let names = outcome.failing.map(\.name).joined(separator: " and ")
        return "\(name): no CPS to buy; \(names) fail\(outcome.failing.count == 1 ? "s" : "")"
      case .undecided:
        let names = outcome.undecided.map(\.name).joined(separator: " and ")
        return "\(name): undecided: no CPS to buy; \(names) undecided after \(outcome.replications) replications"
      }
    }
    switch plan.status {
    case .meets:
      return "\(name): recommended \(plan.recommended?.label ?? "?")"
    case .fails:
      return "\(name): no \(plan.gates.count > 1 ? "combination" : "tier") meets every objective"
    case .undecided:
      let pending = plan.pending.map { "\($0.label) undecided after \($0.replications) replications" }.joined(separator: ", ")
      let safe = plan.smallestMeeting.map { "\($0.label) meets; " } ?? "no \(plan.gates.count > 1 ? "combination" : "tier") shown to meet; "
      return "\(name): undecided: \(safe)\(pending)"
    }
  }

  // MARK: Charts

  public func timeAxis(every: String) -> String { "time of day (one point per \(every))" }
  public func simultaneousCallsTitle(_ label: String) -> String { "Simultaneous calls, \(label)" }
  public var callsInProgress: String { "calls in progress" }
  public func seriesMean(_ category: ConcurrencyCategory) -> String { "\(category.rawValue), mean" }
  public func seriesHighest(_ category: ConcurrencyCategory) -> String { "\(category.rawValue), highest" }
  public func thresholdLine(_ category: ConcurrencyCategory, _ threshold: Int) -> String { "\(category.rawValue) threshold \(threshold)" }
  public var concurrencyChartTitle: String { "Simultaneous calls against the thresholds" }
  public func apiQueueTitle(_ label: String) -> String { "API queue, \(label)" }
  public var requestsWaiting: String { "requests waiting" }
  public var mean: String { "mean" }
  public var highest: String { "highest" }
  public var apiQueueChartTitle: String { "API queue length" }
  public func refusedTitle(_ label: String) -> String { "Refused calls, \(label)" }
  public var refusedPerPoint: String { "calls refused per point" }
  public var meanPerReplication: String { "mean per replication" }
  public var refusedChartTitle: String { "Refused calls over time" }
  public func poolChartTitle(_ pool: String, _ label: String) -> String { "Pool \(pool), \(label)" }
  public var callersOrAgents: String { "callers or agents" }
  public var callersWaitingMean: String { "callers waiting, mean" }
  public var callersWaitingHighest: String { "callers waiting, highest" }
  public var agentsBusyMean: String { "agents busy, mean" }
  public var agentsOnDuty: String { "agents on duty" }
  public func categoryCallsMean(_ category: ConcurrencyCategory) -> String { "\(category.rawValue) calls, mean" }
  public func categoryCallsHighest(_ category: ConcurrencyCategory) -> String { "\(category.rawValue) calls, highest" }
  public func poolChartCaption(_ pool: String) -> String { "Pool \(pool): callers waiting and agents busy" }
  public var configuredCPS: String { "configured CPS" }
  public func cpsAxis(logarithmic: Bool) -> String { logarithmic ? "CPS tier (log scale)" : "CPS tier" }
  public var tierWaitTitle: String { "p95 API queue wait by CPS tier" }
  public var seconds: String { "seconds" }
  public var p95Wait: String { "p95 wait" }
  public func objectiveLine(_ limit: String) -> String { "objective \(limit)" }
  public var tierWaitCaption: String { "p95 queue wait against CPS" }
  public var tierPeaksTitle: String { "Peak simultaneous calls by CPS tier" }
  public var meanPeakCalls: String { "calls (mean peak)" }
  public func peakSeries(_ category: ConcurrencyCategory) -> String { "\(category.rawValue) peak" }
  public func limitLine(_ category: ConcurrencyCategory, _ limit: String) -> String { "\(category.rawValue) limit \(limit)" }
  public var tierPeaksCaption: String { "Peak concurrency against CPS" }

  // MARK: Comparison (comparison.md)

  public func comparisonTitle(_ names: [String]) -> String { "callcap comparison: \(names.joined(separator: " vs "))" }

  public func pairing(_ name: String, paired: [String], total: Int) -> String {
    if paired.isEmpty {
      return "\(name) shares no traffic class name with the baseline, so nothing is paired: its differences are those of "
        + "independent runs (valid, but not narrowed by common random numbers; give classes that model the same callers "
        + "the same name)."
    }
    let list = paired.map { "`\($0)`" }.joined(separator: ", ")
    let rest = total - paired.count
    return "\(name) is paired with the baseline through \(list)"
      + (rest > 0 ? " (\(rest) class\(rest == 1 ? "" : "es") of its own draw\(rest == 1 ? "s" : "") independently)." : ".")
  }

  public func comparisonIntro(baseline: String, path: String, seed: UInt64, replications: Int, pairing: [String]) -> String {
    "Baseline: **\(baseline)** (\(path)). Every scenario ran with seed \(seed) and \(replications) replications; "
      + "traffic classes and trunks of the same name draw the same random numbers (common random numbers), which pairs "
      + "and narrows the differences; a difference has a 95% t interval over the replication-by-replication differences "
      + "(significant when it excludes zero). "
      + pairing.joined(separator: " ")
  }

  public var whatDiffersHeading: String { "What differs" }
  public var allMetricsHeading: String { "All metrics" }

  public func allMetricsColumns(_ names: [String], baseline: String) -> [String] {
    ["scope", "metric"] + names + names.dropFirst().map { "\($0) - \(baseline)" }
  }

  public var allMetricsNote: String {
    "Means across replications with 95% intervals (clamped to the quantity's range; shares of replications as counts with "
      + "Clopper-Pearson bounds); differences marked **significant** exclude zero."
  }

  public func comparedScenario(
    _ name: String, path: String, horizon: String, apiCPS: String, pacing: String, trunks: [(name: String, cps: String, limiter: String)]
  ) -> String {
    "\(name): \(path), horizon \(horizon), API \(apiCPS) CPS (\(pacing))"
      + trunks.map { ", trunk \($0.name) \($0.cps) CPS (\($0.limiter))" }.joined() + "."
  }

  public func methodVersion(_ version: String) -> String { "callcap \(version)." }

  public func difference(_ mean: String, interval: (low: String, high: String)?, significant: Bool) -> String {
    mean + (interval.map { " (\($0.low) to \($0.high))" } ?? "") + (significant ? ", **significant**" : "")
  }

  public func keyMetric(_ scope: Scope, _ metric: Metric) -> String {
    switch (scope, metric) {
    case (.api, .queueWaitP95): "p95 API wait"
    case (.api, .queueWaitMean): "mean API wait"
    case (.category(.total), .rejectedRate): "refused share"
    case (.trunk(let name), .rejectedRate): "refused at trunk \(name)"
    case (.category(let category), .peakConcurrency): "\(category.rawValue) peak"
    case (.category(let category), .thresholdBreachShare): "replications reaching the \(category.rawValue) threshold"
    case (.category(.total), .callsOffered): "calls offered"
    default: "\(metric.rawValue) \(scope)"
    }
  }

  public func againstBaseline(_ name: String, _ baseline: String) -> String { "**\(name)** against \(baseline):" }

  public func changedFigure(_ name: String, from: String, to: String, _ difference: String) -> String {
    "\(name): \(from) -> \(to) (\(difference))"
  }
  public var noSignificantDifference: String { "no significant difference in the figures that matter." }
  public func noSignificantDifferenceIn(_ names: [String]) -> String { "no significant difference: \(names.joined(separator: ", "))." }
  public var objectivesHeading: String { "Objectives and thresholds" }

  public var objectivesIntro: String {
    "The baseline's objectives, applied to every scenario, each judged on its 95% interval "
      + "(undecided: the interval contains the limit; `compare` runs a fixed number of replications)."
  }

  public var objectiveColumn: String { "objective" }

  public func objectiveWithLimit(_ check: ObjectiveCheck) -> String {
    switch check.objective {
    case .queueWaitP95: "p95 API wait <= \(MetricText.number(check.limit, .seconds))"
    case .rejected: "refused <= \(Format.percent(check.limit))"
    case .suspensionRisk: "suspension risk <= \(Format.percent(check.limit))"
    case .serviceLevel(let scope): "\(scope) service level >= \(Format.percent(check.limit))"
    case .abandoned(let scope): "\(scope) abandoned <= \(Format.percent(check.limit))"
    case .answerWaitP95(let scope): "p95 \(scope) answer wait <= \(MetricText.number(check.limit, .seconds))"
    case .atMost: "\(check.name) <= \(check.limitText)"
    case .late(let scope, let share): "\(scope) late <= \(Format.percent(share))"
    }
  }

  public func comparedOutcome(_ outcome: ObjectiveOutcome) -> String {
    switch outcome {
    case .meets: "met"
    case .fails: "**missed**"
    case .undecided: "**undecided**"
    }
  }

  public func timeAxis(clockOf name: String) -> String { "time of day (\(name)'s clock)" }
  public func meanSimultaneousTitle(_ category: ConcurrencyCategory) -> String { "Mean simultaneous \(category.rawValue) calls" }
  public func thresholdOnly(_ threshold: Int) -> String { "threshold \(threshold)" }
  public func categoryInProgress(_ category: ConcurrencyCategory) -> String { "\(category.rawValue) calls in progress" }
  public var meanApiQueueTitle: String { "Mean API queue length" }

  // MARK: Headroom (callcap headroom)

  public var headroomConfigured: String { "the configured CPS" }
  public var headroomNoGate: String { "the account (no CPS gate)" }
  public func headroomRecommended(_ label: String) -> String { "the recommended \(label)" }

  public func headroomNoRecommendation(_ summaryLine: String) -> String {
    "The plan recommends no tier (\(summaryLine)): this is the headroom of the configured CPS."
  }

  public func headroomLine(_ name: String, configuration: String, _ summary: String, reached: (rate: String, date: String)?) -> String {
    "\(name): \(configuration) \(summary)" + (reached.map { "; at \($0.rate) reached \($0.date)" } ?? "")
  }

  public func growthRate(_ growth: Growth) -> String { growth.rateText }
  public func growthSentence(_ growth: Growth, factor: Double) -> String { growth.sentence(factor: factor) }
  public func headroomTitle(_ name: String) -> String { "Headroom: \(name)" }

  public func headroomLead(_ configuration: String, _ summary: String, confidence: String) -> String {
    "**\(configuration.prefix(1).uppercased() + configuration.dropFirst()) \(summary).**"
      + " Every objective is judged as `plan` judges a setting: \(confidence), "
      + "a factor holds only when every objective *meets*; an undecided objective is never counted as holding."
  }

  public var growthHeading: String { "Growth" }
  public func shownToFailFrom(_ factor: String, _ sentence: String) -> String { "It is shown to fail from \(factor): " + sentence }
  public var whatGrowsHeading: String { "What grows" }

  public func whatGrows(_ classes: String?) -> String {
    "Scaled: \(classes ?? "every traffic class"). A factor g multiplies Poisson and profile rates, divides `every` "
      + "intervals, and multiplies burst counts, rounded to the nearest whole call (2,000 at x1.3 is 2,600). Durations, "
      + "ring times, answer shares, agents, CPS and thresholds never change."
  }

  public var evaluatedFactorsHeading: String { "Evaluated factors" }
  public var factorColumns: [String] { ["factor", "decision", "replications", "objectives"] }
  public func outOfReach(_ lastLook: Int) -> String { "undecided, cannot meet by \(lastLook)" }
  public func decision(_ outcome: ObjectiveOutcome) -> String { outcome.rawValue }

  public func headroomMethod(
    precision: String, low: String, high: String, seed: UInt64, first: Int, looks: String, replications: String, version: String
  ) -> String {
    "Bisection over g (geometric midpoints) between the last factor meeting every objective and the first not, "
      + "until they are within \(precision); from x1 the search doubles or halves to bracket, "
      + "within \(low) to \(high). "
      + "Every factor runs the same replication indices from seed \(seed) (common random numbers), "
      + "starting with \(first) and adding replications at the plan's looks "
      + "(\(looks)) while undecided; a factor stops early, as "
      + "not holding, once its suspension-risk breaches are so many that no later look could show it meeting (its "
      + "upper bound with no further breach up to the last look is still above the limit). The confidence is per "
      + "factor: the search assumes each objective worsens as traffic grows, which the table above shows for the "
      + "factors evaluated. \(replications) replications in all; callcap \(version)."
  }

  public func growthChartTitle(_ objective: String) -> String { "\(objective) against the growth factor" }
  public var growthAxis: String { "growth factor g (log scale; dots: evaluated factors)" }
  public func withUnit(_ name: String, _ unit: String) -> String { "\(name) (\(unit))" }
  public var measuredSeries: String { "measured" }
  public var intervalLow: String { "interval low" }
  public var intervalHigh: String { "interval high" }
  public var limitSeries: String { "limit" }

  // MARK: Call records (callcap observe)

  public var comma: String { ", " }
  public func observedTitle(_ name: String) -> String { "Observed call records: \(name)" }
  public var noThresholdReached: String { "**No suspension threshold was reached.**" }

  public func closestPeak(_ category: String, peak: Int, threshold: Int, at: String?) -> String {
    "Closest: \(category) peaked at \(peak) simultaneous calls of \(threshold)" + (at.map { " (\($0))" } ?? "") + "."
  }

  public func thresholdsReached(_ peaks: [String]) -> String { "**Threshold reached:** " + peaks.joined(separator: "; ") + "." }

  public func reachedPeak(_ category: String, peak: Int, threshold: Int, at: String, above: String) -> String {
    "\(category) peaked at \(peak) (threshold \(threshold)) at \(at), \(above) at or above it"
  }

  public func recordsRead(_ records: Int, files: Int, skipped: Int, days: Int, offset: String) -> String {
    "\(records) records read from \(files) file\(files == 1 ? "" : "s")"
      + (skipped > 0 ? ", \(skipped) skipped (see the diagnostics)" : "")
      + "; \(days) day\(days == 1 ? "" : "s") on the local clock UTC\(offset)."
  }

  public var observedPeaksHeading: String { "Peak simultaneous calls" }
  public var observedPeaksColumns: [String] { ["day", "inbound", "outbound", "forwarded", "total", "time at or above a threshold"] }
  public var allDays: String { "all" }
  public func categoryDuration(_ category: String, _ duration: String) -> String { "\(category) \(duration)" }
  public var noneWord: String { "none" }
  public var observedPeaksNote: String {
    "Peak / threshold; a peak at or above its threshold is in bold. When each peak was first reached:"
  }
  public func firstReached(_ category: String, peak: Int, at: String) -> String { "\(category): \(peak) at \(at)" }
  public var simultaneousCallsAlt: String { "Simultaneous calls" }
  public var cpsUsedHeading: String { "CPS used per gate" }
  public var cpsUsedIntro: String { "The most calls created in one second (`date_created`), the rate each gate had to allow." }
  public var noGateCalls: String { "No outbound calls through the API or a trunk." }
  public var cpsUsedColumns: [String] { ["day", "gate", "calls", "most calls in 1 s", "at"] }
  public var queueTimesHeading: String { "Queue times of API calls" }
  public var queueTimesIntro: String { "Creation to start (`queue_time`), seconds." }
  public var noQueueTimes: String { "No API calls with a queue time." }
  public var queueTimesColumns: [String] { ["day", "calls", "mean", "p50", "p95", "p99", "max"] }
  public var observedTrunksHeading: String { "Trunks against the CPS-upgrade conditions" }
  public var noTrunkCalls: String { "No trunking-terminating calls." }
  public func shortCalls(_ duration: String) -> String { "calls of \(duration) or less" }

  public func observedUpgradeRule(_ provider: String, meanAbove: String, shortAtMost: String, short: String, answerAbove: String) -> String
  {
    "\(provider) raises a trunk's CPS for traffic with mean duration above \(meanAbove), "
      + "at most \(shortAtMost) answered \(short), and answer-seizure ratio above \(answerAbove)."
  }

  public func observedTrunkColumns(_ short: String) -> [String] { ["trunk", "calls", "answered", "mean duration", short, "eligible"] }

  public func observedCalls(inbound: Int, outbound: Int, forwarded: Int, legs: Int, neverLive: Int) -> String {
    "Calls: \(inbound) inbound, \(outbound) outbound, \(forwarded) forwarded "
      + "(\(legs) `outbound-dial` legs counted with their parent call), \(neverLive) never live."
  }

  public func observedRules(offset: String) -> [String] {
    [
      "A call is live from its start time to its end time (ringing included; creation to start is queue time). "
        + "At the same second an end counts before a start, so a call ending as another starts never overlaps it. "
        + "Times are whole seconds, as Twilio records them.",
      "`inbound` calls with an `outbound-dial` child (by parent call sid) are forwarded calls; other `inbound` and "
        + "`trunking-originating` calls are inbound; `outbound-api` and `trunking-terminating` calls are outbound.",
      "Days are local days at UTC\(offset); a call over midnight counts on both days.",
    ]
  }

  public func observedFiles(_ files: [String], version: String) -> String {
    "Files: " + files.joined(separator: ", ") + "; callcap \(version)."
  }

  public func observedChartTitle(_ bucket: String) -> String { "Simultaneous calls observed (maximum per \(bucket))" }
  public func localTimeAxis(offset: String, from: String) -> String { "local time (UTC\(offset)) from \(from)" }
  public var simultaneousCalls: String { "simultaneous calls" }
  public func namedThresholdLine(_ category: String, _ threshold: Int) -> String { "\(category) threshold \(threshold)" }

  public func observeSummary(_ observation: Observation, folder: String) -> String {
    var lines = ["\(observation.recordsRead) records, \(observation.days.count) day(s), UTC\(observation.utcOffset); report: \(folder)"]
    for peak in observation.overall.peaks {
      let threshold = peak.threshold.map { " / \($0)\(peak.reached ? " REACHED" : "")" } ?? ""
      lines.append("  peak \(peak.category): \(peak.peak)\(threshold)\(peak.peakAt.map { " at \($0)" } ?? "")")
    }
    for gate in observation.overall.gates {
      lines.append("  \(gate.gate): at most \(gate.peakCallsPerSecond) calls created in 1 s")
    }
    if observation.recordsSkipped > 0 { lines.append("  \(observation.recordsSkipped) record(s) skipped") }
    return lines.joined(separator: "\n")
  }

  // MARK: Staffing (agent pools)

  public func staffingVerdict(_ plan: StaffingPlan) -> String { plan.verdict() }
  public func staffingSection(_ plan: StaffingPlan, threshold: Int?) -> String { plan.render(threshold: threshold) }

  public func staffingLine(_ pools: [StaffingPlan]) -> String {
    pools.map { pool in
      let status = (pool.recommendedRow ?? pool.rows.last)?.thresholdStatus(riskLimit: pool.riskLimit).map {
        $0.rawValue.replacingOccurrences(of: "_", with: " ")
      }
      let threshold = status.map { ", \(pool.category.rawValue) threshold \($0)" } ?? ""
      guard let row = pool.recommendedRow else { return "; pool \(pool.pool): no staffing tried meets\(threshold)" }
      let agents =
        row.offset.map { $0 == 0 ? "shifts as configured" : "shifts \($0 > 0 ? "+" : "")\($0) agents" } ?? "\(row.agents) agents"
      return "; pool \(pool.pool): \(agents)\(threshold)"
    }.joined()
  }

  // MARK: Remedies ("What would fix it")

  public func keepAtOrBelow(
    _ traffic: String, allowed: Int, _ category: ConcurrencyCategory, hold: String, calls: String, rate: String, risk: String
  ) -> String {
    "Keep \(traffic) at or below \(allowed) \(category.rawValue) calls at once: with \(hold) "
      + "per call (ringing and talk), starting its \(calls) calls at most "
      + "\(rate) per second keeps the chance that a replication's peak reaches \(allowed + 1) "
      + "below \(risk) (M/G/inf); pace the calls at that rate or cap the calls in progress at the source."
  }

  public func spreadBurst(count: String, _ traffic: String, over: String, now: String?, then: (cps: String, wait: String)?) -> String {
    "Spread the \(count)-call burst of \(traffic) over at least \(over) (now \(now ?? "all at once"))"
      + (then.map { "; then \($0.cps) CPS keeps the p95 API wait within \($0.wait) (M/D/1)" } ?? "") + "."
  }

  public func ungoverned(_ category: ConcurrencyCategory, _ classes: [String], peak: String) -> String {
    "CPS does not govern \(category.rawValue) calls without a gate (\(classes.joined(separator: ", "))), "
      + "so no tier lowers their peak of \(peak)."
  }

  public func surge(count: String, _ traffic: String, over: String, now: String?, allowed: Int) -> String {
    "The \(count)-call surge of \(traffic) would have to arrive over at least \(over) "
      + "(now \(now ?? "at once")) to keep at most \(allowed) at once."
  }

  public func withoutSurges(load: String, reaches: Int, probability: String, horizon: String) -> String {
    "Without surges, at their peak-hour load of \(load) erlangs their peak reaches "
      + "\(reaches) calls in about \(probability) of \(horizon) horizons (M/G/inf)."
  }

  public func contactOrMove(_ sales: String) -> String {
    "Contact \(sales) before launch, or move part of this traffic to another account."
  }

  public func evenAtFastest(_ cps: String, wait: String, needed: String, sales: String) -> String {
    "Even at \(cps) CPS the p95 API wait is \(wait); while a backlog drains "
      + "the wait shrinks about as 1/CPS, so about \(needed) CPS would be needed (\(sales)), "
      + "unless the requests are spread out."
  }

  public func profileCap(_ profile: String, cap: Int, refused: String, error: String) -> String {
    "The \(profile) account profile allows \(cap) simultaneous calls and refuses \(refused) "
      + "calls per replication (\(error)): register a business profile to lift the cap."
  }

  public func queueOverflowRemedy(error: String, refused: String, holds: String) -> String {
    "The API queue overflows (\(error)) for \(refused) calls per replication: it holds \(holds) of work, so spread the requests."
  }

  public func trunkStillRefuses(_ trunk: String, share: String, at: String, error: String, errorText: String, example: String?) -> String {
    let advice = example.map { "retry on \(error) (for example \($0))" } ?? "retry more often or later, or pace attempts"
    return "Trunk \(trunk) still refuses \(share) of its calls at \(at) (\(errorText)): \(advice)."
  }

  public func remedyStatus(_ outcome: RemedyVerification.Outcome, budget: Int) -> String {
    RemedyVerification.describe(outcome, budget: budget)
  }

  public var fixAppliesIt: String { "; `fix.yaml` in this folder applies it" }
  public func statusNote(_ status: String) -> String { " *" + status.prefix(1).uppercased() + status.dropFirst() + ".*" }
}

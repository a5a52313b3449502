/// The languages reports are written in: `--lang en|ja`.
///
/// A language is one ``Catalogue``: every word of report.md, comparison.md,
/// the charts and the verdict line comes from it, and a new language is a
/// new file conforming to it plus one case here. CSV headers, metric
/// names, JSON and diagnostics do not change with the language.
public enum ReportLanguage: String, CaseIterable, Sendable {
  case en
  case ja

  /// The strings of this language.
  public var catalogue: any Catalogue {
    switch self {
    case .en: English()
    case .ja: Japanese()
    }
  }
}

/// Which results the detail sections of a plan's report show.
public enum DetailShown: Sendable {
  /// No traffic passes a CPS gate: the configured account.
  case noGate
  /// The recommended tier or option.
  case recommended
  /// The configured CPS, no tier being recommended yet.
  case undecided
  /// The configured CPS, no tier meeting every objective.
  case noneMeets
}

/// Every string of a report in one language: words, and small functions
/// that put figures (already formatted by ``Readable`` with ``units``)
/// into sentences. The requirements have no default implementations, so a
/// language that forgets one does not compile.
///
/// Names stay as written in every language: scenario, class, gate, trunk
/// and pool names, metric names, file names, YAML spellings quoted from the
/// scenario (`smooth`, `sliding-window`, `business`) and units such as CPS.
public protocol Catalogue: Sendable {
  // MARK: Numbers and lists

  /// How ``Readable`` writes units, missing figures and intervals.
  var units: Readable.Units { get }
  /// Between two sentences: `" "` in English, nothing in Japanese.
  var sentenceSpace: String { get }
  /// The end of a sentence: `.` or `。`.
  var fullStop: String { get }
  /// `a`, `a and b`, `a, b and c`.
  func list(_ items: [String]) -> String
  /// Sentences of one paragraph joined.
  func sentences(_ sentences: [String]) -> String
  /// Clauses of one sentence joined: `a; b`.
  func clauses(_ clauses: [String]) -> String
  /// An arrival rate: `3/min`.
  func rate(_ perSecond: Double) -> String
  /// A share of replications with its binomial bounds at `level`:
  /// `0 of 505 replications, 99.4% upper bound 1%`.
  func replications(_ interval: BinomialInterval, level: DecisionLevel) -> String
  /// `95% confidence`, or over several looks with the per-look level.
  func confidence(_ level: DecisionLevel) -> String
  /// A concurrency category: `outbound`.
  func category(_ category: ConcurrencyCategory) -> String
  /// A scope in a table's scope column: `api`, `trunk:office-pbx`, a category.
  func scope(_ scope: Scope) -> String
  /// A traffic class's type: `forward`.
  func trafficType(_ type: TrafficType) -> String
  /// The gate a traffic class passes: `api`, `trunk:office-pbx`, or none.
  func gate(_ gate: Gate) -> String
  /// A distribution as the scenario spells it: `gamma(mean: 30s, cv: 0.3)`.
  func distribution(_ spec: DistributionSpec) -> String
  /// `the API gate`, `trunk office-pbx`.
  func gateNoun(_ gate: Scope) -> String
  /// `API`, a trunk's name, `pool`: short names for table columns.
  func gateName(_ gate: String) -> String
  /// `3 CPS`, `API 2 CPS, office-pbx 3 CPS`.
  func settingLabel(_ setting: GateSetting) -> String
  /// A setting's label, or `configured`.
  func label(_ outcome: TierOutcome) -> String
  var yes: String { get }
  var no: String { get }
  /// `line 12`, for a validation warning.
  func line(_ number: Int) -> String

  // MARK: Objectives

  /// A short name for tables: `API wait`, `refused`, `suspension risk`.
  func objectiveName(_ check: ObjectiveCheck) -> String
  /// `p95 API wait 18 min 29 s <= 20 min`.
  func explanation(_ check: ObjectiveCheck) -> String
  /// Explanations joined: `a; b`.
  func explanations(_ texts: [String]) -> String
  /// The figure with its interval: `570 s (95% CI 560 to 580 s)`.
  func measured(_ check: ObjectiveCheck) -> String
  /// The limit as the objective's unit reads: `30 s`, `0.5%`.
  func limitText(_ check: ObjectiveCheck) -> String
  var p95WaitSubject: String { get }
  var refusedSubject: String { get }
  func objectiveFails(_ subject: String, limit: String, minimum: Bool) -> String
  func objectiveUndecided(_ subject: String, limit: String, replications: Int, measured: String) -> String

  // MARK: Report sections

  func reportTitle(plan: Bool, name: String) -> String
  var verdictHeading: String { get }
  var staffingHeading: String { get }
  /// `At 2 CPS, the recommended tier` (label, several gates), or the configured CPS.
  func detailHeading(_ recommended: (label: String, joint: Bool)?) -> String
  func detailShows(_ shown: DetailShown) -> String
  func apiWaits(configured: Bool, cps: String, pacing: String, mean: String, p95: String, max: String) -> String
  func apiQueueOverflows(error: String, calls: String) -> String
  func trunkRefuses(trunk: String, cps: String, limiter: String, share: String) -> String
  func trunkPoolRefuses(cps: String, limiter: String, share: String) -> String
  func overallRefused(_ share: String) -> String
  func peakAgainstThreshold(
    _ category: ConcurrencyCategory, peak: String, threshold: Int, reached: Bool, replications: String
  ) -> String
  func thresholdReachedRisk(_ category: ConcurrencyCategory, threshold: Int, sales: String) -> String
  func thresholdNearRisk(_ category: ConcurrencyCategory, headroom: String, threshold: Int) -> String
  /// `Risks: a; b.` or that none is at risk.
  func risks(_ risks: [String]) -> String

  var agentsHeading: String { get }
  func agentsIntro(within: String) -> String
  func meansAcross(_ replications: Int) -> String
  func agentCount(_ count: Int) -> String
  func agentRange(_ low: Int, _ high: Int, every: String) -> String
  func poolHeading(_ pool: String) -> String
  func poolLine(staffing: String, endpoint: String, wrapUp: String?) -> String
  /// `| metric | value |` and its rule.
  var metricTableHeader: String { get }

  var waitsHeading: String { get }
  func waitsIntro(cps: String, pacing: String) -> String

  var rejectionsHeading: String { get }
  func rejectionsColumns(trunkCPS: String, queueFull: String, accountCap: String) -> [String]
  var countsAreMeans: String { get }
  func trunkPoolCounts(error: String) -> String

  var concurrencyHeading: String { get }
  func countedFrom(ringing: Bool) -> String
  var concurrencyColumns: [String] { get }

  var trafficHeading: String { get }
  var trafficColumns: [String] { get }
  var neverConnectedColumn: String { get }
  var neverConnectedNote: String { get }
  func poissonArrivals(_ rate: String) -> String
  func profileArrivals(segments: Int, peak: String) -> String
  func burstArrivals(count: String, at: String, over: String?) -> String
  func everyArrivals(_ interval: String) -> String

  var warningsHeading: String { get }
  var chartsHeading: String { get }

  var methodHeading: String { get }
  func methodRun(
    path: String, seed: UInt64, replications: Int, plan: Bool, horizon: String, warmUp: String, start: String, resolution: String
  ) -> String
  func methodApi(cps: String, pacing: String, provider: String, queueLimit: String) -> String
  func methodTrunk(_ trunk: String, limiter: String, cps: String, burst: String?, retry: (error: String, attempts: Int, delay: String)?)
    -> String
  func methodTrunkPool(limiter: String, cps: String, burst: String?, error: String) -> String
  func methodTiers(
    tiers: String, gates: [String], confidence: String, suspensionRisk: String, looks: String, lookCount: Int
  ) -> String
  func methodAccount(profile: String, inbound: Int, outbound: Int, forwarded: Int, callLimit: String) -> String
  /// The lines of the method that hold for every run.
  var methodFixed: [String] { get }
  func methodVersions(callcap: String, gsl: String, generator: String) -> String

  // MARK: The plan's verdict

  func purchase(_ gate: Scope, cps: String, stays: Bool) -> String
  func cost(_ amount: String, unitPrices: Bool) -> String
  func buyJoint(_ purchase: String, cost: String) -> String
  func buyTier(_ label: String, gates: String) -> String
  /// The reasons a setting is not self-serve (empty when it is).
  func salesNeeded(_ setting: GateSetting, _ scenario: Scenario) -> [String]
  /// Why the plan needs sales: the recommended setting, thresholds reached.
  func salesReasons(_ plan: CapacityPlan) -> [String]
  func howToBuy(provider: String, sales: String, reasons: [String]) -> String
  func noObjectiveSmallest(joint: Bool) -> String
  func smallestMeeting(joint: Bool, confidence: String, _ explanation: String) -> String
  func optionWithReasons(_ label: String, _ explanation: String) -> String
  func cheaperCombinationsFail(_ shown: [String], more: Int) -> String
  func atLowerTier(_ label: String, _ explanation: String) -> String
  var undecidedLead: String { get }
  func undecidedButSafe(_ label: String, confidence: String, _ explanation: String, joint: Bool) -> String
  func undecidedUnsimulated(_ count: Int) -> String
  func undecidedNone(joint: Bool) -> String
  func undecidedBlocking(_ label: String, _ explanation: String, others: Int, othersReplications: Int, joint: Bool) -> String
  func noneMeetsLead(joint: Bool) -> String
  func noGateMeets(_ explanation: String?) -> String
  func noGateFails(_ names: [String], _ explanation: String) -> String
  func noGateUndecided(_ names: [String], _ explanation: String) -> String
  var onlyPoolObjectivesFail: String { get }
  func contactSales(_ sales: String, reasons: [String], remedies: Bool) -> String
  var whatWouldFixIt: String { get }
  /// What would settle an undecided verdict; `looser` holds YAML spellings and whether "or more" (else "or less").
  func settle(after counts: String, budget: Int, needed: String?, looser: [(objective: String, more: Bool)]) -> String
  func higherTiersFail(_ label: String, _ explanation: String, more: Int, concurrency: Bool) -> String
  func combinationsSimulated(_ count: Int) -> String
  func failGroup(_ span: String, single: Bool, failed: Bool, on names: [String]) -> String
  func reachesThreshold(_ category: ConcurrencyCategory, threshold: Int, _ replications: String, sales: String) -> String
  func reachesLimit(_ category: ConcurrencyCategory, limit: String, threshold: Int, _ replications: String) -> String
  /// A trunk-upgrade condition's name, requirement and measured figure.
  func condition(_ index: Int, _ condition: UpgradeEligibility.Condition, _ platform: PlatformRules)
    -> (name: String, requirement: String, measured: String)
  func failingCondition(_ words: (name: String, requirement: String, measured: String)) -> String
  func upgradeMayBeRefused(provider: String, trunk: String, _ failing: [String]) -> String
  func remainingRisks(_ risks: [String]) -> String
  func noRisksFound(replications: Int) -> String
  func noReplicationReached(headroom: String?, _ replications: String) -> String
  var headroomNotSearched: String { get }
  func headroomSummary(_ headroom: Headroom) -> String
  func planHeadroom(recommended: String?, _ summary: String, upTo: String) -> String

  // MARK: The tier table

  var tiersHeading: String { get }
  var optionsHeading: String { get }
  func tierColumns(gates: [String]?, api: Bool, categories: [ConcurrencyCategory], headroom: String?) -> [String]
  var onlyConfiguredSimulated: String { get }
  func optionsOrdered(gates: String, prices: [(gate: String, price: String)]) -> String
  func optionsPartial(grid: Int, simulated: Int) -> String
  func optionsAll(grid: Int) -> String
  func tableShowsCheapest(_ count: Int, andRecommended: Bool) -> String
  func eachTierApplies(_ gates: String) -> String
  func tableFigures(perLook: String, looks: Int) -> String
  func replicationsNote(_ first: Int, looks: String?) -> String
  var noSales: String { get }
  var configured: String { get }
  var configuredSuffix: String { get }
  func failsOn(_ names: [String]) -> String
  func undecidedOn(_ names: [String]) -> String
  func noneOf(_ trials: String, perLook: String, upper: String) -> String
  func someOf(_ events: String, _ trials: String, share: String, perLook: String, twoSided: Bool, low: String, high: String) -> String
  var upgradeHeading: String { get }
  func upgradeIntro(_ provider: String) -> String
  var upgradeColumns: [String] { get }
  var upgradePageNote: String { get }

  // MARK: The line on standard output

  /// `wrote reports/x/ (report.md, charts/)`: the files a command wrote.
  func wrote(_ folder: String, _ files: [String]) -> String
  /// Between the result and the files written on one line: `; `.
  var lineSeparator: String { get }

  /// `launch-day: recommended 5 CPS`, `x: no tier meets every objective`.
  func summaryLine(_ plan: CapacityPlan) -> String

  // MARK: Charts

  func timeAxis(every: String) -> String
  func simultaneousCallsTitle(_ label: String) -> String
  var callsInProgress: String { get }
  func seriesMean(_ category: ConcurrencyCategory) -> String
  func seriesHighest(_ category: ConcurrencyCategory) -> String
  func thresholdLine(_ category: ConcurrencyCategory, _ threshold: Int) -> String
  var concurrencyChartTitle: String { get }
  func apiQueueTitle(_ label: String) -> String
  var requestsWaiting: String { get }
  var mean: String { get }
  var highest: String { get }
  var apiQueueChartTitle: String { get }
  func refusedTitle(_ label: String) -> String
  var refusedPerPoint: String { get }
  var meanPerReplication: String { get }
  var refusedChartTitle: String { get }
  func poolChartTitle(_ pool: String, _ label: String) -> String
  var callersOrAgents: String { get }
  var callersWaitingMean: String { get }
  var callersWaitingHighest: String { get }
  var agentsBusyMean: String { get }
  var agentsOnDuty: String { get }
  func categoryCallsMean(_ category: ConcurrencyCategory) -> String
  func categoryCallsHighest(_ category: ConcurrencyCategory) -> String
  func poolChartCaption(_ pool: String) -> String
  var configuredCPS: String { get }
  func cpsAxis(logarithmic: Bool) -> String
  var tierWaitTitle: String { get }
  var seconds: String { get }
  var p95Wait: String { get }
  func objectiveLine(_ limit: String) -> String
  var tierWaitCaption: String { get }
  var tierPeaksTitle: String { get }
  var meanPeakCalls: String { get }
  func peakSeries(_ category: ConcurrencyCategory) -> String
  func limitLine(_ category: ConcurrencyCategory, _ limit: String) -> String
  var tierPeaksCaption: String { get }

  // MARK: Comparison (comparison.md)

  func comparisonTitle(_ names: [String]) -> String
  /// How a design pairs with the baseline: through the classes of the same name, or not at all.
  func pairing(_ name: String, paired: [String], total: Int) -> String
  func comparisonIntro(baseline: String, path: String, seed: UInt64, replications: Int, pairing: [String]) -> String
  var whatDiffersHeading: String { get }
  var allMetricsHeading: String { get }
  func allMetricsColumns(_ names: [String], baseline: String) -> [String]
  var allMetricsNote: String { get }
  func comparedScenario(
    _ name: String, path: String, horizon: String, apiCPS: String, pacing: String, trunks: [(name: String, cps: String, limiter: String)]
  ) -> String
  func methodVersion(_ version: String) -> String
  /// `-284 s (-290 s to -278 s), significant`.
  func difference(_ mean: String, interval: (low: String, high: String)?, significant: Bool) -> String
  /// The name of a figure that matters: `p95 API wait`.
  func keyMetric(_ scope: Scope, _ metric: Metric) -> String
  func againstBaseline(_ name: String, _ baseline: String) -> String
  /// `p95 API wait: 37 min -> 59.2 s (difference)`.
  func changedFigure(_ name: String, from: String, to: String, _ difference: String) -> String
  var noSignificantDifference: String { get }
  func noSignificantDifferenceIn(_ names: [String]) -> String
  var objectivesHeading: String { get }
  var objectivesIntro: String { get }
  var objectiveColumn: String { get }
  /// `p95 API wait <= 20 min`.
  func objectiveWithLimit(_ check: ObjectiveCheck) -> String
  func comparedOutcome(_ outcome: ObjectiveOutcome) -> String
  func timeAxis(clockOf name: String) -> String
  func meanSimultaneousTitle(_ category: ConcurrencyCategory) -> String
  func thresholdOnly(_ threshold: Int) -> String
  func categoryInProgress(_ category: ConcurrencyCategory) -> String
  var meanApiQueueTitle: String { get }

  // MARK: Headroom (callcap headroom)

  /// What `headroom` studied: the configured CPS, the account without a CPS gate, the recommended setting.
  var headroomConfigured: String { get }
  var headroomNoGate: String { get }
  func headroomRecommended(_ label: String) -> String
  /// Why the configured CPS is studied: the plan's summary line.
  func headroomNoRecommendation(_ summaryLine: String) -> String
  func headroomLine(_ name: String, configuration: String, _ summary: String, reached: (rate: String, date: String)?) -> String
  func growthRate(_ growth: Growth) -> String
  func growthSentence(_ growth: Growth, factor: Double) -> String
  func headroomTitle(_ name: String) -> String
  func headroomLead(_ configuration: String, _ summary: String, confidence: String) -> String
  var growthHeading: String { get }
  func shownToFailFrom(_ factor: String, _ sentence: String) -> String
  var whatGrowsHeading: String { get }
  /// The classes scaled (nil: every class) and what a factor does.
  func whatGrows(_ classes: String?) -> String
  var evaluatedFactorsHeading: String { get }
  var factorColumns: [String] { get }
  func outOfReach(_ lastLook: Int) -> String
  func decision(_ outcome: ObjectiveOutcome) -> String
  func headroomMethod(
    precision: String, low: String, high: String, seed: UInt64, first: Int, looks: String, replications: String, version: String
  ) -> String
  func growthChartTitle(_ objective: String) -> String
  var growthAxis: String { get }
  func withUnit(_ name: String, _ unit: String) -> String
  var measuredSeries: String { get }
  var intervalLow: String { get }
  var intervalHigh: String { get }
  var limitSeries: String { get }

  // MARK: Call records (callcap observe)

  /// Between the items of a plain list: `, `.
  var comma: String { get }
  func observedTitle(_ name: String) -> String
  var noThresholdReached: String { get }
  func closestPeak(_ category: String, peak: Int, threshold: Int, at: String?) -> String
  func thresholdsReached(_ peaks: [String]) -> String
  func reachedPeak(_ category: String, peak: Int, threshold: Int, at: String, above: String) -> String
  func recordsRead(_ records: Int, files: Int, skipped: Int, days: Int, offset: String) -> String
  var observedPeaksHeading: String { get }
  var observedPeaksColumns: [String] { get }
  /// The row of every day together: `all`.
  var allDays: String { get }
  func categoryDuration(_ category: String, _ duration: String) -> String
  var noneWord: String { get }
  var observedPeaksNote: String { get }
  func firstReached(_ category: String, peak: Int, at: String) -> String
  var simultaneousCallsAlt: String { get }
  var cpsUsedHeading: String { get }
  var cpsUsedIntro: String { get }
  var noGateCalls: String { get }
  var cpsUsedColumns: [String] { get }
  var queueTimesHeading: String { get }
  var queueTimesIntro: String { get }
  var noQueueTimes: String { get }
  var queueTimesColumns: [String] { get }
  var observedTrunksHeading: String { get }
  var noTrunkCalls: String { get }
  func shortCalls(_ duration: String) -> String
  func observedUpgradeRule(_ provider: String, meanAbove: String, shortAtMost: String, short: String, answerAbove: String) -> String
  func observedTrunkColumns(_ short: String) -> [String]
  func observedCalls(inbound: Int, outbound: Int, forwarded: Int, legs: Int, neverLive: Int) -> String
  func observedRules(offset: String) -> [String]
  func observedFiles(_ files: [String], version: String) -> String
  func observedChartTitle(_ bucket: String) -> String
  func localTimeAxis(offset: String, from: String) -> String
  var simultaneousCalls: String { get }
  func namedThresholdLine(_ category: String, _ threshold: Int) -> String
  /// What `observe` prints: the records read, each peak, each gate's CPS used.
  func observeSummary(_ observation: Observation, folder: String) -> String

  // MARK: Staffing (agent pools)

  /// The verdict's first lines for a pool: how many agents, and whether the callers' threshold is safe with them.
  func staffingVerdict(_ plan: StaffingPlan) -> String
  /// The pool's staffing curve as a section of report.md.
  func staffingSection(_ plan: StaffingPlan, threshold: Int?) -> String
  /// The agents per pool after `plan`'s summary line: `; pool desk: 14 agents, inbound threshold safe`.
  func staffingLine(_ pools: [StaffingPlan]) -> String

  // MARK: Remedies ("What would fix it")

  func keepAtOrBelow(
    _ traffic: String, allowed: Int, _ category: ConcurrencyCategory, hold: String, calls: String, rate: String, risk: String
  ) -> String
  /// Spread a burst; `then` is the CPS that keeps the API wait objective once spread.
  func spreadBurst(count: String, _ traffic: String, over: String, now: String?, then: (cps: String, wait: String)?) -> String
  func ungoverned(_ category: ConcurrencyCategory, _ classes: [String], peak: String) -> String
  func surge(count: String, _ traffic: String, over: String, now: String?, allowed: Int) -> String
  func withoutSurges(load: String, reaches: Int, probability: String, horizon: String) -> String
  func contactOrMove(_ sales: String) -> String
  func evenAtFastest(_ cps: String, wait: String, needed: String, sales: String) -> String
  func profileCap(_ profile: String, cap: Int, refused: String, error: String) -> String
  func queueOverflowRemedy(error: String, refused: String, holds: String) -> String
  /// `example` is the retry to add to a trunk without one; nil when it retries already.
  func trunkStillRefuses(_ trunk: String, share: String, at: String, error: String, errorText: String, example: String?) -> String
  /// Whether a remedy's change was verified by simulation.
  func remedyStatus(_ outcome: RemedyVerification.Outcome, budget: Int) -> String
  var fixAppliesIt: String { get }
  /// A remedy's status after its sentence: `*Verified: ...*`.
  func statusNote(_ status: String) -> String
}

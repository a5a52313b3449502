/// The `--json` form of a pool's staffing search (``StaffingPlan``), in
/// ``PlanSummary``'s `staffing` array: the recommendation a script acts on
/// (`recommended_agents`; for shifts also `recommended_offset` and
/// `recommended_counts`), whether the callers' threshold is safe with it,
/// and the curve, one entry per staffing tried.
///
/// ```json
/// {"pool": "desk", "category": "inbound", "offered_load": 10, "every_s": null,
///  "status": "meets", "recommended_agents": 14, "recommended_offset": null, "recommended_counts": null,
///  "threshold": 100, "threshold_limit": 90, "threshold_status": "safe",
///  "curve": [{"agents": 10, "offset": null, "counts": null, "service_level": 0.12, "abandon_rate": 0,
///             "answer_wait_p95_s": 410, "peak": 31, "reaching_threshold": 0, "within_headroom": 0,
///             "replications": 20, "outcome": "fails", "objectives": [...]}, ...]}
/// ```
public struct StaffingSummary: Encodable, Sendable {
  public struct Point: Encodable, Sendable {
    public var agents: Int
    public var offset: Int?
    public var counts: [Int]?
    public var serviceLevel: Double?
    public var abandonRate: Double?
    public var answerWaitP95: Double?
    public var peak: Double?
    public var reachingThreshold: Int?
    public var withinHeadroom: Int?
    public var replications: Int
    public var outcome: ObjectiveOutcome
    public var objectives: [PlanSummary.Objective]

    enum CodingKeys: String, CodingKey {
      case agents, offset, counts, peak, replications, outcome, objectives
      case serviceLevel = "service_level"
      case abandonRate = "abandon_rate"
      case answerWaitP95 = "answer_wait_p95_s"
      case reachingThreshold = "reaching_threshold"
      case withinHeadroom = "within_headroom"
    }

    public func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(agents, forKey: .agents)
      try container.encode(offset, forKey: .offset)
      try container.encode(counts, forKey: .counts)
      try container.encode(PlanSummary.finite(serviceLevel), forKey: .serviceLevel)
      try container.encode(PlanSummary.finite(abandonRate), forKey: .abandonRate)
      try container.encode(PlanSummary.finite(answerWaitP95), forKey: .answerWaitP95)
      try container.encode(PlanSummary.finite(peak), forKey: .peak)
      try container.encode(reachingThreshold, forKey: .reachingThreshold)
      try container.encode(withinHeadroom, forKey: .withinHeadroom)
      try container.encode(replications, forKey: .replications)
      try container.encode(outcome, forKey: .outcome)
      try container.encode(objectives, forKey: .objectives)
    }
  }

  public var pool: String
  public var category: String
  public var offeredLoad: Double
  public var everySeconds: Double?
  /// `meets` when a staffing tried meets every pool objective, else `fails`
  /// (or `undecided` when the last one tried is).
  public var status: ObjectiveOutcome
  public var recommendedAgents: Int?
  public var recommendedOffset: Int?
  public var recommendedCounts: [Int]?
  public var threshold: Int?
  public var thresholdLimit: Double?
  /// `safe`, `close` or `at_risk` at the recommended staffing (at the most
  /// tried when none meets); null without a threshold.
  public var thresholdStatus: String?
  public var curve: [Point]

  enum CodingKeys: String, CodingKey {
    case pool, category, status, threshold, curve
    case offeredLoad = "offered_load"
    case everySeconds = "every_s"
    case recommendedAgents = "recommended_agents"
    case recommendedOffset = "recommended_offset"
    case recommendedCounts = "recommended_counts"
    case thresholdLimit = "threshold_limit"
    case thresholdStatus = "threshold_status"
  }

  public init(_ plan: StaffingPlan) {
    pool = plan.pool
    category = plan.category.rawValue
    offeredLoad = plan.offeredLoad
    everySeconds = plan.everySeconds
    let recommended = plan.recommendedRow
    status = recommended != nil ? .meets : plan.rows.last?.outcome ?? .fails
    recommendedAgents = recommended?.agents
    recommendedOffset = recommended?.offset
    recommendedCounts = recommended?.counts
    threshold = plan.threshold
    thresholdLimit = plan.limit
    thresholdStatus = (recommended ?? plan.rows.last)?.thresholdStatus(riskLimit: plan.riskLimit)?.rawValue
    curve = plan.rows.map { row in
      Point(
        agents: row.agents, offset: row.offset, counts: row.counts, serviceLevel: row.serviceLevel?.mean,
        abandonRate: row.abandonRate?.mean, answerWaitP95: row.answerWaitP95?.mean, peak: row.peak?.mean,
        reachingThreshold: row.reachedThreshold?.events, withinHeadroom: row.reachedLimit?.events,
        replications: row.peak?.count ?? row.checks.first?.replications ?? 0, outcome: row.outcome,
        objectives: row.checks.map(PlanSummary.Objective.init))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(pool, forKey: .pool)
    try container.encode(category, forKey: .category)
    try container.encode(PlanSummary.finite(offeredLoad), forKey: .offeredLoad)
    try container.encode(everySeconds, forKey: .everySeconds)
    try container.encode(status, forKey: .status)
    try container.encode(recommendedAgents, forKey: .recommendedAgents)
    try container.encode(recommendedOffset, forKey: .recommendedOffset)
    try container.encode(recommendedCounts, forKey: .recommendedCounts)
    try container.encode(threshold, forKey: .threshold)
    try container.encode(PlanSummary.finite(thresholdLimit), forKey: .thresholdLimit)
    try container.encode(thresholdStatus, forKey: .thresholdStatus)
    try container.encode(curve, forKey: .curve)
  }
}

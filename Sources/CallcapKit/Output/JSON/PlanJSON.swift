extension PlanReport {
  /// The plan's scenario in `--json` (see ``OutputDocument``): the verdict
  /// (`buy` with the recommended CPS per gate, `meets` when no traffic
  /// passes a CPS gate and every objective holds, `fails`, `undecided`),
  /// every setting simulated in `runs` (the configured CPS first), and the
  /// plan's own figures: `gates`, `max_replications`, `looks`,
  /// `smallest_meeting_cps`, `staffing`, `remedies` and `headroom`.
  ///
  /// The verdict's objectives are those of the setting it rests on: the
  /// recommended one, the configured CPS without a gate, else the first
  /// undecided setting, else the dearest one simulated.
  public var jsonScenario: JSONValue {
    let scenario = plan.scenario
    let status: OutputStatus =
      plan.gates.isEmpty
      ? OutputVerdict.status(plan.configured.decision)
      : plan.recommended != nil ? .buy : OutputVerdict.status(plan.status)
    let basis =
      plan.recommended
      ?? (plan.gates.isEmpty ? plan.configured : plan.pending.first ?? plan.tiers.last ?? plan.configured)
    var agents: [String: JSONValue] = [:]
    for pool in staffing { agents[pool.pool] = .integer(pool.recommendedRow?.agents) }
    let configuredGates: JSONValue = .object(
      Dictionary(
        plan.gates.map { ($0.description, JSONValue.number(CapacityPlan.configuredCPS(of: $0, in: scenario))) },
        uniquingKeysWith: { first, _ in first }))
    var members: [String: JSONValue] = [
      "name": .string(scenario.name),
      "file": .string(scenario.path),
      "verdict": OutputVerdict.make(
        status: status, recommended: plan.recommended?.setting, cost: plan.recommended?.cost, agents: agents,
        objectives: basis.checks),
      "runs": .array(
        ([plan.configured] + plan.tiers).map { OutputRun.make($0, scenario: scenario, configuredGates: configuredGates) }),
      "gates": .array(plan.gates.map { .string($0.description) }),
      "max_replications": .integer(plan.maxReplications),
      "looks": .array(plan.schedule.counts.map { .integer($0) }),
      "smallest_meeting_cps": OutputVerdict.gates(plan.smallestMeeting?.setting),
      "staffing": .array(staffing.map(Self.staffingJSON)),
      "remedies": Self.remediesJSON(remedies),
    ]
    if let headroom { members["headroom"] = Self.headroomJSON(headroom) }
    return .object(members)
  }

  /// One pool's staffing search: the recommendation (`recommended_agents`;
  /// for shifts also `recommended_offset` and `recommended_counts`), the
  /// callers' threshold at it, and the curve, one entry per staffing tried.
  static func staffingJSON(_ plan: StaffingPlan) -> JSONValue {
    let recommended = plan.recommendedRow
    let status: ObjectiveOutcome = recommended != nil ? .meets : plan.rows.last?.outcome ?? .fails
    return [
      "pool": .string(plan.pool),
      "category": .string(plan.category.rawValue),
      "offered_load": .number(plan.offeredLoad),
      "every_s": .number(plan.everySeconds),
      "status": .string(status.rawValue),
      "recommended_agents": .integer(recommended?.agents),
      "recommended_offset": .integer(recommended?.offset),
      "recommended_counts": recommended?.counts.map { .array($0.map { .integer($0) }) } ?? .null,
      "threshold": .integer(plan.threshold),
      "threshold_limit": .number(plan.limit),
      "threshold_status": .string((recommended ?? plan.rows.last)?.thresholdStatus(riskLimit: plan.riskLimit)?.rawValue),
      "curve": .array(
        plan.rows.map { row in
          [
            "agents": .integer(row.agents),
            "offset": .integer(row.offset),
            "counts": row.counts.map { .array($0.map { .integer($0) }) } ?? .null,
            "service_level": .number(row.serviceLevel?.mean),
            "abandon_rate": .number(row.abandonRate?.mean),
            "answer_wait_p95_s": .number(row.answerWaitP95?.mean),
            "peak": .number(row.peak?.mean),
            "reaching_threshold": .integer(row.reachedThreshold?.events),
            "within_headroom": .integer(row.reachedLimit?.events),
            "replications": .integer(row.peak?.count ?? row.checks.first?.replications ?? 0),
            "outcome": .string(row.outcome.rawValue),
            "objectives": .array(row.checks.map(OutputVerdict.objective)),
          ]
        }),
    ]
  }

  /// The verdict's remedies (a failing plan's "What would fix it"), each
  /// with its sentence, its changes as `fix.yaml`'s header words them, the
  /// verification's `outcome` (``RemedyVerification/key(_:)``) and
  /// `detail`, and whether it is the one written as `fix.yaml`; `[]` when
  /// the plan does not fail.
  static func remediesJSON(_ verification: RemedyVerification?) -> JSONValue {
    guard let verification else { return [] }
    return .array(
      verification.entries.enumerated().map { index, entry in
        [
          "text": .string(entry.remedy.text),
          "changes": .array(entry.remedy.changes.map { .string($0.description) }),
          "outcome": .string(RemedyVerification.key(entry.outcome)),
          "detail": .string(RemedyVerification.describe(entry.outcome, budget: verification.budget)),
          "fix_yaml": .bool(verification.written == index),
        ]
      })
  }

  /// The headroom of the plan's answer (``PlanHeadroom``).
  static func headroomJSON(_ headroom: Headroom) -> JSONValue {
    [
      "cps": .number(headroom.tier),
      "gates": OutputVerdict.gates(headroom.setting),
      "holds_up_to": .number(headroom.holdsUpTo),
      "first_not_meeting": .number(headroom.firstNotMeeting),
      "breaks_first": .array(headroom.breaking.map { .string($0.key) }),
      "summary": .string(headroom.summary),
      "replications": .integer(headroom.replications),
    ]
  }
}

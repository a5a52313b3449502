extension HeadroomReport {
  /// The scenario in `headroom --json` (see ``OutputDocument``): the
  /// verdict of the configuration studied at x1 (`buy` with its CPS per
  /// gate when it is the plan's recommendation, else its decision), one
  /// run per factor evaluated (`factor`, `out_of_reach`), and the figure
  /// in `headroom`, as `plan --json` has it, with more: `configuration`,
  /// `precision`, `fails_from`, and with `--growth` `growth_monthly` and
  /// `reached_on`.
  public var jsonScenario: JSONValue {
    let scenario = headroom.scenario
    let atOne = headroom.points.first { $0.factor == 1 }
    let decision = atOne?.decision ?? .undecided
    let status: OutputStatus = headroom.setting != nil && decision == .meets ? .buy : OutputVerdict.status(decision)
    var members: [String: JSONValue] = [
      "name": .string(scenario.name),
      "file": .string(scenario.path),
      "verdict": OutputVerdict.make(
        status: status, recommended: status == .buy ? headroom.setting : nil,
        cost: status == .buy ? CapacityPlan.cost(of: headroom.setting, in: scenario) : nil, objectives: atOne?.outcome.checks ?? []),
      "runs": .array(
        headroom.points.map { point in
          OutputRun.make(
            point.outcome, scenario: scenario, extra: ["factor": .number(point.factor), "out_of_reach": .bool(point.outOfReach)])
        }),
    ]
    var figure: [String: JSONValue] = [
      "configuration": .string(configuration),
      "cps": .number(headroom.tier),
      "gates": OutputVerdict.gates(headroom.setting),
      "summary": .string(headroom.summary),
      "precision": .number(headroom.precision),
      "replications": .integer(headroom.replications),
      "holds_up_to": .number(headroom.holdsUpTo),
      "first_not_meeting": .number(headroom.firstNotMeeting),
      "fails_from": .number(headroom.failsFrom),
      "breaks_first": .array(headroom.breaking.map { .string($0.key) }),
      "growth_monthly": .null,
      "reached_on": .null,
    ]
    if let growth, let holds = headroom.holdsUpTo, let date = growth.date(reaching: holds) {
      figure["growth_monthly"] = .number(growth.monthly)
      figure["reached_on"] = .string(Growth.format(date))
    }
    members["headroom"] = .object(figure)
    return .object(members)
  }
}

/// The headroom figure in `plan`'s verdict (SPEC "Headroom and growth":
/// "plan shows the same figure for the recommendation"): the largest factor
/// by which every class's arrivals can grow while the plan's answer (the
/// recommended tier, or without a CPS gate the configured account) still
/// meets every objective.
///
/// `plan` searches it with the search `callcap headroom` runs, starting from
/// the plan's own verdict at x1, with two bounds that keep a plan's cost
/// predictable: factors up to x``upperFactor``, and no extra search for where
/// an undecided band ends (`headroom` brackets that). A plan that adds no
/// replications (`max_replications` equal to `replications`, as every
/// sharded plan) does not search: the search is sequential by nature.
public enum PlanHeadroom {
  /// The largest factor `plan` tries: "holds up to x2 and beyond" is the
  /// answer past it. Every factor simulates up to g times the calls for as
  /// many replications as a tier needs, so a higher bound would multiply a
  /// plan's cost where traffic could grow a lot; `callcap headroom` goes to x64.
  public static let upperFactor = 2.0

  /// The configuration a plan's headroom is about: its recommended tier, or
  /// the configured account when no traffic passes a CPS gate and every
  /// objective holds; nil when the plan has no such answer or no objective
  /// to hold.
  public static func studied(_ plan: CapacityPlan) -> TierOutcome? {
    let outcome: TierOutcome? =
      plan.gates.isEmpty ? (plan.configured.decision == .meets ? plan.configured : nil) : plan.recommended
    guard let outcome, !outcome.checks.isEmpty else { return nil }
    return outcome
  }

  /// Whether `plan` can search its headroom: it has an answer to study and may add replications.
  public static func searchable(_ plan: CapacityPlan) -> Bool {
    studied(plan) != nil && CapacityPlan.budget(plan.scenario) > plan.scenario.simulation.replications
  }

  /// Searches the headroom of `plan`'s answer; nil when ``searchable(_:)`` is false.
  public static func search(_ plan: CapacityPlan, simulator: Simulator, maxCalls: Double) -> Headroom? {
    guard searchable(plan), let studied = studied(plan) else { return nil }
    return Headroom.search(
      plan.scenario, setting: studied.setting, simulator: simulator, range: (1.0 / 64)...upperFactor, maxCalls: maxCalls,
      findFailure: false, atOne: studied)
  }

  /// The verdict's paragraph: the figure, or why it was not searched; nil
  /// when there is nothing to say (no answer to study, or `--no-headroom`).
  public static func sentence(_ plan: CapacityPlan, headroom: Headroom?, _ c: any Catalogue = English()) -> String? {
    guard let studied = studied(plan) else { return nil }
    guard let headroom else {
      guard !searchable(plan) else { return nil }
      return c.headroomNotSearched
    }
    return c.planHeadroom(
      recommended: studied.setting.map(c.settingLabel), c.headroomSummary(headroom), upTo: Headroom.factorText(upperFactor))
  }
}

/// The replication counts at which `plan` looks at an undecided setting,
/// fixed before any replication runs.
///
/// The counts depend only on the scenario's settings (`replications`,
/// `max_replications`, the `suspension_risk` limit), never on results, so
/// the number of looks K is known in advance and the 5% error can be split
/// over them (``DecisionLevel``). From `replications` the count doubles;
/// one look is placed exactly at the count where no breach at all would
/// confirm the `suspension_risk` limit at the per-look level (517 for 1%
/// over 9 looks), the count a safe tier needs, instead of the next
/// doubling (640); doubling resumes from there up to `max_replications`,
/// always the last look. With `max_replications` equal to `replications`
/// there is one look at plain 95%.
public struct LookSchedule: Sendable, Equatable {
  /// Ascending replication counts; the first is `replications`, the last the budget.
  public let counts: [Int]

  /// The level of every look: 95% over ``counts``.
  public var level: DecisionLevel { DecisionLevel(looks: counts.count) }

  /// The schedule of `scenario`'s plan.
  public init(_ scenario: Scenario) {
    self.init(
      first: scenario.simulation.replications, budget: CapacityPlan.budget(scenario),
      riskLimit: scenario.objectives.suspensionRisk)
  }

  /// Looks from `first` to `budget` replications; `riskLimit` places the
  /// look that can confirm it with no breach.
  public init(first: Int, budget: Int, riskLimit: Double?) {
    let first = Swift.max(1, first)
    guard budget > first else {
      counts = [first]
      return
    }
    // The confirming count depends on the number of looks, which it may
    // change by one: settle the two together (a few rounds at most).
    var counts = Self.ladder(first: first, budget: budget, confirming: nil)
    for _ in 0..<8 {
      let level = DecisionLevel(looks: counts.count)
      let confirming = riskLimit.flatMap {
        BinomialInterval.trialsToBound(events: 0, below: $0, tail: level.errorPerLook)
      }
      let next = Self.ladder(first: first, budget: budget, confirming: confirming)
      if next == counts { break }
      counts = next
    }
    self.counts = counts
  }

  /// Doubling from `first`, stopping at `confirming` on the way, ending at `budget`.
  static func ladder(first: Int, budget: Int, confirming: Int?) -> [Int] {
    var counts = [first]
    var count = first
    while count < budget {
      var next = count * 2
      if let confirming, count < confirming, next > confirming { next = confirming }
      count = Swift.min(next, budget)
      counts.append(count)
    }
    return counts
  }

  /// The next look after `count` replications; nil once the budget is spent.
  public func next(after count: Int) -> Int? { counts.first { $0 > count } }
}

extension LookSchedule {
  /// The rule for one setting: judge it at each count in turn and stop at
  /// the first that decides (or at the last). `judge(n)` is the verdict on
  /// the first n replications at ``level``; ``CapacityPlan/decide(scenario:gates:runs:extend:)``
  /// applies the same looks to the lowest pending setting.
  public func firstDecision(_ judge: (_ replications: Int) -> ObjectiveOutcome) -> (
    outcome: ObjectiveOutcome, replications: Int
  ) {
    for count in counts {
      let outcome = judge(count)
      if outcome != .undecided || count == counts.last { return (outcome, count) }
    }
    return (.undecided, counts.last ?? 0)
  }
}

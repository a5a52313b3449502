import Foundation

/// One growth factor evaluated: the scaled scenario at the configuration
/// under study, judged by `plan`'s rule for one setting (the look schedule,
/// each look at the plan's per-look level, stopping at the first look that
/// decides).
public struct HeadroomPoint: Sendable {
  public var factor: Double
  public var outcome: TierOutcome
  /// The evaluation stopped before the last look because meeting had
  /// become impossible: the suspension risk already counts so many
  /// breaches that even with none in every replication left up to the
  /// budget its upper bound would stay above the limit (breaches only
  /// accumulate). Such a factor does not hold, which is all the search for
  /// ``Headroom/holdsUpTo`` needs; it is extended to the budget only when
  /// the search must tell "undecided" from "fails".
  public var outOfReach = false
  public var decision: ObjectiveOutcome { outcome.decision }
}

/// How far the arrivals of a scenario can grow before an objective breaks:
/// the largest factor g at which every objective still meets (never
/// "undecided"), found by bisection over g to within ``precision``.
///
/// Every factor runs the same replication indices with the same seed, so
/// replication i at g = 1.3 draws from the same streams as at g = 1.2
/// (common random numbers): a Poisson class's gaps are the same
/// exponential draws divided by g, so its calls arrive earlier and more
/// often in every replication, and the measured objectives move with g
/// smoothly rather than jumping with new draws. That keeps the bisection
/// stable; it relies on the objectives worsening as traffic grows, which
/// holds for thresholds, waits and refusals but is checked only by the
/// evaluated points themselves (``points``, in the report's table).
public struct Headroom: Sendable {
  public let scenario: Scenario
  /// The CPS per gate searched at (a plan's option, or one tier on some
  /// gates), or nil for the configured CPS.
  public let setting: GateSetting?
  /// The CPS when the setting gives every gate the same one.
  public var tier: Double? { setting?.uniformCPS }
  /// The classes scaled; nil for every class.
  public let classes: [String]?
  /// Relative width of the final brackets: 0.01 is 1%.
  public let precision: Double
  /// The look schedule each factor is judged on.
  public let schedule: LookSchedule
  /// The range searched.
  public let range: ClosedRange<Double>
  /// Every evaluated factor, ascending.
  public let points: [HeadroomPoint]
  /// The largest factor found to meet every objective; nil when none in ``range`` does.
  public let holdsUpTo: Double?
  /// The smallest evaluated factor above ``holdsUpTo`` that does not meet
  /// (undecided or fails); nil when every factor up to the search's end meets.
  public let firstNotMeeting: Double?
  /// The smallest factor found to fail; nil when none is.
  public let failsFrom: Double?
  /// Why the upward search stopped before finding a factor that does not
  /// meet: the range's end, the workload guard or an interruption.
  public let stoppedAt: StopReason?

  /// Where an upward search stopped (a catalogue words it).
  public enum StopReason: Sendable, Equatable, CustomStringConvertible {
    /// The range's end, at this factor.
    case searchEnd(Double)
    case interrupted
    /// The workload guard (`--max-calls`), above this factor (nil: before any).
    case workloadGuard(above: Double?)

    /// In English: `the search's end, x2`.
    public var description: String {
      switch self {
      case .searchEnd(let factor): "the search's end, x\(Format.decimal(factor))"
      case .interrupted: "an interruption"
      case .workloadGuard(let above?): "the workload guard (--max-calls) above x\(Format.decimal(above))"
      case .workloadGuard(nil): "the workload guard (--max-calls)"
      }
    }
  }

  /// Searches the factor for `scenario` at `setting` (nil: the configured CPS).
  ///
  /// `budget` caps the replications of one factor (default: the plan's,
  /// `simulation.max_replications`); `maxCalls` is the workload guard: a
  /// factor expecting more calls per replication is not simulated and ends
  /// the upward search. `findFailure`: also bracket the smallest factor
  /// that fails when the first one not meeting is undecided (each
  /// undecided factor spends the whole budget, so `plan` skips it).
  /// `atOne`: the configuration's outcome at x1 when the caller already
  /// judged it on the same schedule (the plan's recommended tier), so the
  /// search starts from the plan's own verdict instead of simulating it again.
  /// `stopEarly`: stop a factor's evaluation once meeting is out of reach
  /// (``HeadroomPoint/outOfReach``); false runs every undecided factor to
  /// the budget, the plain rule, which finds the same factors at more cost.
  public static func search(
    _ scenario: Scenario, setting: GateSetting?, classes: [String]? = nil, simulator: Simulator,
    precision: Double = 0.01, budget: Int? = nil, range: ClosedRange<Double> = (1.0 / 64)...64,
    maxCalls: Double = InputLimits.defaultMaxCalls,
    findFailure: Bool = true, atOne: TierOutcome? = nil, stopEarly: Bool = true
  ) -> Headroom {
    let budget = budget ?? CapacityPlan.budget(scenario)
    let schedule = LookSchedule(
      first: min(scenario.simulation.replications, budget), budget: budget, riskLimit: scenario.objectives.suspensionRisk)
    var evaluator = Evaluator(
      scenario: scenario, setting: setting, classes: classes.map(Set.init), simulator: simulator, schedule: schedule,
      maxCalls: maxCalls, stopEarly: stopEarly)
    if let atOne, range.contains(1) { evaluator.points[1] = HeadroomPoint(factor: 1, outcome: atOne) }
    var stopped: StopReason?
    var low: Double?
    var high: Double?
    let start = min(max(1, range.lowerBound), range.upperBound)
    switch evaluator.decision(start) {
    case .meets:
      low = start
      var factor = start
      while high == nil {
        let next = min(factor * 2, range.upperBound)
        guard next > factor else {
          stopped = .searchEnd(range.upperBound)
          break
        }
        guard let decision = evaluator.decision(next) else {
          stopped = evaluator.interrupted ? .interrupted : .workloadGuard(above: factor)
          break
        }
        if decision == .meets { low = next } else { high = next }
        factor = next
      }
    case .none:
      stopped = evaluator.interrupted ? .interrupted : .workloadGuard(above: nil)
    default:
      high = start
      var factor = start
      while low == nil {
        let next = max(factor / 2, range.lowerBound)
        guard next < factor, let decision = evaluator.decision(next) else { break }
        if decision == .meets { low = next } else { high = next }
        factor = next
      }
    }
    // Bisection (geometric) between the last factor meeting and the first not.
    if var lo = low, var hi = high {
      while hi / lo > 1 + precision, !evaluator.interrupted {
        let middle = (lo * hi).squareRoot()
        guard let decision = evaluator.decision(middle) else { break }
        if decision == .meets { lo = middle } else { hi = middle }
      }
      low = lo
      high = hi
    }
    // Where it fails for sure, when the first factor not meeting is undecided.
    // Points stopped out of reach are settled (run to the budget) first.
    if findFailure, let hi = high { _ = evaluator.decision(hi, settle: true) }
    var fails: Double? = high.flatMap { evaluator.known($0) == .fails ? $0 : nil }
    if findFailure, fails == nil, var notFailing = high {
      var factor = notFailing
      while fails == nil, !evaluator.interrupted {
        let next = min(factor * 2, range.upperBound)
        guard next > factor, let decision = evaluator.decision(next, settle: true) else { break }
        if decision == .fails { fails = next } else { notFailing = next }
        factor = next
      }
      if var hi = fails {
        while hi / notFailing > 1 + precision, !evaluator.interrupted {
          let middle = (notFailing * hi).squareRoot()
          guard let decision = evaluator.decision(middle, settle: true) else { break }
          if decision == .fails { hi = middle } else { notFailing = middle }
        }
        fails = hi
      }
    }
    if fails == nil, let high, evaluator.known(high) == .fails { fails = high }
    return Headroom(
      scenario: scenario, setting: setting, classes: classes, precision: precision, schedule: schedule, range: range,
      points: evaluator.points.values.sorted { $0.factor < $1.factor }, holdsUpTo: low, firstNotMeeting: high,
      failsFrom: fails, stoppedAt: high == nil ? stopped : nil)
  }

  /// The evaluations of one search, each factor simulated once.
  struct Evaluator {
    let scenario: Scenario
    let setting: GateSetting?
    let classes: Set<String>?
    let simulator: Simulator
    let schedule: LookSchedule
    let maxCalls: Double
    let stopEarly: Bool
    var points: [Double: HeadroomPoint] = [:]
    var interrupted = false

    func known(_ factor: Double) -> ObjectiveOutcome? { points[factor]?.decision }

    /// The verdict at `factor`; nil when it is beyond the workload guard or
    /// the run was interrupted. Without `settle`, an evaluation stops as
    /// soon as meeting is out of reach (``HeadroomPoint/outOfReach``); with
    /// it, such a point is extended to the look that decides or the budget.
    mutating func decision(_ factor: Double, settle: Bool = false) -> ObjectiveOutcome? {
      if let point = points[factor], !(settle && point.outOfReach) { return point.decision }
      if interrupted || simulator.cancellation.isCancelled {
        interrupted = true
        return nil
      }
      let scaled = scenario.scaled(by: factor, classes: classes)
      guard Workload(scaled).callsPerReplication <= maxCalls else { return nil }
      let model = SimulationModel(scaled, cps: setting?.overrides ?? [:])
      var run: RunResult
      if let earlier = points[factor] {
        run = earlier.outcome.run
      } else {
        run = simulator.runAll([(model, setting)], replications: 0..<schedule.counts[0])[0]
      }
      var outcome = TierOutcome(setting: setting, run: run, scenario: scaled, level: schedule.level)
      var outOfReach = stopEarly && !settle && Self.cannotMeet(outcome, budget: (schedule.counts.last ?? 0))
      while outcome.decision == .undecided, !outOfReach, let next = schedule.next(after: run.replications.count) {
        let extended = simulator.runAll([(model, setting)], replications: run.replications.count..<next, continuing: [run])[0]
        guard extended.isComplete else { break }
        run = extended
        outcome = TierOutcome(setting: setting, run: run, scenario: scaled, level: schedule.level)
        outOfReach = stopEarly && !settle && Self.cannotMeet(outcome, budget: (schedule.counts.last ?? 0))
      }
      guard run.isComplete else {
        interrupted = true
        return nil
      }
      points[factor] = HeadroomPoint(factor: factor, outcome: outcome, outOfReach: outOfReach && outcome.decision == .undecided)
      return outcome.decision
    }

    /// Whether no later look up to `budget` replications can find `outcome`
    /// meeting: its suspension-risk breaches so far already keep the
    /// one-sided upper bound above the limit at the budget. Breaches only
    /// accumulate and the bound grows with them and shrinks with trials,
    /// so the bound at any later look is at least this one.
    static func cannotMeet(_ outcome: TierOutcome, budget: Int) -> Bool {
      guard outcome.decision == .undecided,
        let risk = outcome.checks.first(where: { $0.objective == .suspensionRisk }), let breaches = risk.breaches,
        breaches.trials < budget
      else { return false }
      let best = BinomialInterval.upperBound(events: breaches.events, trials: budget, tail: risk.level.errorPerLook)
      return best > risk.limit
    }
  }
}

extension Headroom {
  /// The point at ``firstNotMeeting``.
  public var breakingPoint: HeadroomPoint? { firstNotMeeting.flatMap { factor in points.first { $0.factor == factor } } }

  /// The objectives that break first above ``holdsUpTo``: those failing at
  /// the first factor not meeting, else those undecided there.
  public var breaking: [ObjectiveCheck] {
    guard let point = breakingPoint else { return [] }
    let failing = point.outcome.failing
    return failing.isEmpty ? point.outcome.undecided : failing
  }

  /// `the outbound threshold`, `the API wait objective`: what breaks first.
  public var breakingName: String? {
    guard let point = breakingPoint, !breaking.isEmpty else { return nil }
    return breaking.map { Self.name($0, reach: point.outcome.reach) }.joined(separator: " and ")
  }

  /// A check named for a sentence; the suspension risk by the threshold
  /// most replications reached.
  static func name(_ check: ObjectiveCheck, reach: ThresholdReach) -> String {
    switch check.objective {
    case .suspensionRisk:
      let top = reach.categories.max { $0.reached.events < $1.reached.events }
      return top.map { "the \($0.category.rawValue) threshold" } ?? "the suspension risk"
    case .queueWaitP95(let scope): return "the \(scope == .api ? "API" : scope.description) wait objective"
    case .rejected: return "the refused-calls objective"
    case .serviceLevel(let scope): return "the \(scope) service-level objective"
    case .abandoned(let scope): return "the \(scope) abandonment objective"
    case .answerWaitP95(let scope): return "the \(scope) answer-wait objective"
    case .atMost, .late: return "the \(check.name) objective"
    }
  }

  /// `x1.36`, `x0.0157`: three significant digits.
  public static func factorText(_ factor: Double) -> String { "x" + Format.decimal(factor, digits: 3) }

  /// The figure in one phrase: `holds up to x1.36, then the outbound
  /// threshold`; `holds up to x1.30 with confidence, undecided between
  /// x1.30 and x1.36, fails from x1.36: the outbound threshold`.
  public var summary: String {
    guard let holds = holdsUpTo else {
      let lowest = Self.factorText(range.lowerBound)
      if let stoppedAt { return "no factor could be judged (stopped at \(stoppedAt))" }
      let what = breakingName.map { ": \($0)" } ?? ""
      return failsFrom != nil && failsFrom == firstNotMeeting
        ? "fails even at \(lowest)\(what)" : "not shown to hold even at \(lowest)\(what)"
    }
    guard let next = firstNotMeeting else {
      return "holds up to \(Self.factorText(holds)) and beyond (search stopped at \(stoppedAt?.description ?? "its end"))"
    }
    let what = breakingName ?? "an objective"
    if failsFrom == next { return "holds up to \(Self.factorText(holds)), then \(what)" }
    guard let fails = failsFrom else {
      return "holds up to \(Self.factorText(holds)) with confidence, undecided from \(Self.factorText(next)) "
        + "(not shown to fail up to \(Self.factorText(points.last?.factor ?? next))); \(what) first"
    }
    return "holds up to \(Self.factorText(holds)) with confidence; undecided between \(Self.factorText(holds)) and "
      + "\(Self.factorText(fails)); fails from \(Self.factorText(fails)); \(what) first"
  }

  /// Replications simulated over the whole search.
  public var replications: Int { points.reduce(0) { $0 + $1.outcome.replications } }
}

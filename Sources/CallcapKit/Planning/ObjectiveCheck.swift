/// One objective of a scenario evaluated against one simulated CPS setting.
public struct ObjectiveCheck: Sendable, Equatable {
  public enum Objective: Sendable, Equatable, Hashable {
    /// Mean p95 queue wait at a gate at most the objective.
    case queueWaitP95(Scope)
    /// Share of offered calls finally refused at most the objective.
    case rejected
    /// Mean peak concurrency at least the headroom below the threshold.
    case headroom(ConcurrencyCategory, threshold: Int)
  }

  public var objective: Objective
  /// The mean across replications.
  public var measured: Double
  /// The highest acceptable value.
  public var limit: Double
  public var met: Bool

  /// A short name for tables: `API wait`, `refused`, `outbound peak`.
  public var name: String {
    switch objective {
    case .queueWaitP95(let scope): scope == .api ? "API wait" : "\(scope) wait"
    case .rejected: "refused"
    case .headroom(let category, _): "\(category.rawValue) peak"
    }
  }

  /// `p95 API wait 570 s > 300 s`, `outbound peak 120 > 90 (threshold 100 less 10% headroom)`.
  public var explanation: String {
    let relation = met ? "<=" : ">"
    switch objective {
    case .queueWaitP95(let scope):
      let gate = scope == .api ? "API" : scope.description
      return "p95 \(gate) wait \(Quantity.humanDuration(measured)) \(relation) \(Quantity.humanDuration(limit))"
    case .rejected:
      return "refused \(Format.percent(measured)) \(relation) \(Format.percent(limit))"
    case .headroom(let category, let threshold):
      let limitText = Format.decimal(limit)
      let reference =
        limit < Double(threshold) ? "threshold \(threshold) less headroom" : "suspension threshold \(threshold)"
      return "\(category.rawValue) peak \(Format.decimal(measured)) \(met ? "within" : "over") \(limitText) (\(reference))"
    }
  }
}

extension Objectives {
  /// Evaluates every objective of `scenario` on `run`. Thresholds always
  /// count: without a headroom objective a mean peak must stay below the
  /// threshold itself.
  public func evaluate(_ run: RunResult, scenario: Scenario) -> [ObjectiveCheck] {
    var checks: [ObjectiveCheck] = []
    if let objective = queueWaitP95Seconds, let p95 = run.mean(.api, .queueWaitP95) {
      checks.append(ObjectiveCheck(objective: .queueWaitP95(.api), measured: p95, limit: objective, met: p95 <= objective))
    }
    if let objective = rejectedShare, let share = run.mean(.category(.total), .rejectedRate) {
      checks.append(ObjectiveCheck(objective: .rejected, measured: share, limit: objective, met: share <= objective))
    }
    for category in scenario.callCategories {
      guard let threshold = scenario.account.thresholds.value(for: category),
        let peak = run.mean(.category(category), .peakConcurrency)
      else { continue }
      let headroom = thresholdHeadroom ?? 0
      let limit = Double(threshold) * (1 - headroom)
      let met = headroom > 0 ? peak <= limit : peak < limit
      checks.append(
        ObjectiveCheck(objective: .headroom(category, threshold: threshold), measured: peak, limit: limit, met: met))
    }
    return checks
  }
}

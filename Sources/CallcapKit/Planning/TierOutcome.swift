/// The results at one CPS setting and how they fare against the objectives.
public struct TierOutcome: Sendable {
  /// The CPS simulated; nil for the scenario's configured CPS.
  public var tier: Double?
  public var run: RunResult
  public var checks: [ObjectiveCheck]

  public var meetsObjectives: Bool { checks.allSatisfy(\.met) }
  public var failing: [ObjectiveCheck] { checks.filter { !$0.met } }

  /// `3 CPS` or `configured`.
  public var label: String { tier.map { "\(Quantity.shortest($0)) CPS" } ?? "configured" }

  /// Share of replications in which any category reached its threshold.
  public var anyBreachShare: Double {
    let rows = ConcurrencyCategory.allCases.compactMap { run.row(.category($0), .thresholdBreachShare) }
    guard let first = rows.first, !first.values.isEmpty else { return 0 }
    var reached = 0
    for replication in first.values.indices where rows.contains(where: { $0.values[replication] > 0 }) {
      reached += 1
    }
    return Double(reached) / Double(first.values.count)
  }
}

/// Which CPS tiers Twilio sells without a conversation with sales.
public enum SelfServeRange {
  public static let api: ClosedRange<Double> = 1...5
  public static let trunk: ClosedRange<Double> = 1...15

  /// Gates whose CPS `tier` is outside the self-serve range, as sentences.
  public static func salesNeeded(for tier: Double, gates: [Scope]) -> [String] {
    var reasons: [String] = []
    if gates.contains(.api) && !api.contains(tier) {
      reasons.append("API CPS above \(Quantity.shortest(api.upperBound)) is granted by Twilio sales only")
    }
    if gates.contains(where: \.isTrunk) && !trunk.contains(tier) {
      reasons.append("trunk CPS above \(Quantity.shortest(trunk.upperBound)) is granted by Twilio sales only")
    }
    return reasons
  }
}

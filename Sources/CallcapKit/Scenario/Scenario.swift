/// A validated scenario: everything a simulation needs, in base units
/// (seconds, calls per second, shares in [0, 1]).
///
/// Built only by ``ScenarioLoader``, which guarantees the invariants written
/// on each property (references resolve, numbers are finite and in range).
/// What identifies the scenario (file, name, numbers, pools, tiers,
/// platform) is fixed; the settings a command line may override
/// (`simulation`) or a study may vary (`traffic`, `agents`, `expectations`) stay
/// mutable, and the loader's invariants are theirs to keep.
public struct Scenario: Sendable {
  /// The file it was read from, as given on the command line.
  public let path: String
  /// Report folder name, `[a-z0-9._-]+`.
  public let name: String
  public let description: String
  public var simulation: SimulationSettings
  public var account: Account
  /// Numbers the account holds, as written.
  public let numbers: [String]
  public let numbering: NumberingOverrides
  public var traffic: [TrafficClass]
  /// Agent pools, in file order (see ``AgentPool``).
  public var agents: [AgentPool]
  public var objectives: Objectives
  /// Candidate CPS values for `plan`, ascending, distinct.
  public let tiers: [Double]
  public var expectations: [Expectation]
  /// Warnings found while loading; reports repeat them.
  public var warnings: [Diagnostic]
  /// The platform rules the scenario was read under; everything after the
  /// loader (estimate, plan, remedies, reports) reads its rules from here.
  public let platform: PlatformRules
}

extension Scenario {
  /// The call categories (inbound, outbound, forwarded) that have traffic
  /// here, in report order; reports leave the others out.
  public var callCategories: [ConcurrencyCategory] {
    Self.callCategories(of: [self])
  }

  /// The call categories with traffic in any of `scenarios`, in report order.
  public static func callCategories(of scenarios: [Scenario]) -> [ConcurrencyCategory] {
    [ConcurrencyCategory.inbound, .outbound, .forwarded].filter { category in
      scenarios.contains { $0.traffic.contains { $0.type.category == category } }
    }
  }
}

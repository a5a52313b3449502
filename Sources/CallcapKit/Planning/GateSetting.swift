/// One candidate of a plan: the CPS of each gate the plan decides (the API
/// gate, trunks, the trunk pool), in the plan's gate order. A gate not
/// listed keeps its configured CPS. A plain tier is the same CPS on every
/// listed gate; a per-gate plan's options differ per gate.
public struct GateSetting: Sendable, Hashable, Codable {
  /// One gate and its CPS; the gate as scenarios write it (`api`,
  /// `trunk:<name>`, `trunk-pool`), so the setting is stored as written.
  public struct Entry: Sendable, Hashable, Codable {
    public let gate: String
    public let cps: Double
  }

  public let entries: [Entry]

  public init(_ pairs: [(Scope, Double)]) {
    entries = pairs.map { Entry(gate: $0.0.description, cps: $0.1) }
  }

  /// The same CPS on every one of `gates`.
  public static func uniform(_ cps: Double, gates: [Scope]) -> GateSetting {
    GateSetting(gates.map { ($0, cps) })
  }

  /// The gates, parsed back; a setting is only built from scopes, so each parses.
  public var gates: [Scope] { entries.compactMap { Scope(parsing: $0.gate) } }

  /// What ``SimulationModel/init(_:cps:)`` takes.
  public var overrides: [Scope: Double] {
    Dictionary(zip(gates, entries.map(\.cps)), uniquingKeysWith: { first, _ in first })
  }

  public func cps(for gate: Scope) -> Double? {
    entries.first { $0.gate == gate.description }?.cps
  }

  /// The CPS when every listed gate has the same one (a plain tier).
  public var uniformCPS: Double? {
    guard let first = entries.first, entries.allSatisfy({ $0.cps == first.cps }) else { return nil }
    return first.cps
  }

  /// `3 CPS` for one gate, else `API 2 CPS, office-pbx 3 CPS, pool 4 CPS`.
  public var label: String {
    if entries.count == 1 { return "\(Quantity.shortest(entries[0].cps)) CPS" }
    return entries.map { "\(Self.gateName($0.gate)) \(Quantity.shortest($0.cps)) CPS" }.joined(separator: ", ")
  }

  /// The label in CSV columns: `3` for one gate (as version 1 wrote it),
  /// else `api=2 trunk:office-pbx=3`.
  public var csvLabel: String {
    if entries.count == 1 { return Quantity.shortest(entries[0].cps) }
    return entries.map { "\($0.gate)=\(Quantity.shortest($0.cps))" }.joined(separator: " ")
  }

  /// `API`, a trunk's name, or `pool`: short names for tables.
  public static func gateName(_ gate: String) -> String {
    switch gate {
    case "api": "API"
    case "trunk-pool": "pool"
    default: gate.hasPrefix("trunk:") ? String(gate.dropFirst(6)) : gate
    }
  }

  /// `the API gate`, `trunk office-pbx`, `the trunk pool`: names in sentences.
  public static func gateNoun(_ gate: Scope) -> String {
    switch gate {
    case .api: "the API gate"
    case .trunkPool: "the trunk pool"
    case .trunk(let name): "trunk \(name)"
    default: gate.description
    }
  }
}

/// What a plan may choose for one gate: its candidate CPS values
/// (ascending), its monthly price per CPS and its configured CPS.
public struct GateCandidates: Sendable, Equatable {
  public let gate: Scope
  public let values: [Double]
  public let pricePerCPS: Double
  public let configured: Double
}

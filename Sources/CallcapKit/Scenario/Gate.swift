/// The gate a call passes before it rings, referenced by name as the
/// scenario writes it (`via: api`, `via: trunk:<name>`); the loader checks
/// that a named trunk exists. The simulation resolves names to positions
/// once, when it compiles the model.
public enum Gate: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// No CPS limit (inbound calls, `<Dial>` legs).
  case none
  case api
  /// The trunk of this name in `account.trunks`.
  case trunk(String)

  /// `none`, `api` or `trunk:<name>`, as `via:` and reports write it.
  public var description: String {
    switch self {
    case .none: "none"
    case .api: "api"
    case .trunk(let name): "trunk:\(name)"
    }
  }

  /// The scope whose metrics this gate measures; nil for `none`.
  public var scope: Scope? {
    switch self {
    case .none: nil
    case .api: .api
    case .trunk(let name): .trunk(name)
    }
  }

  /// Whether calls pass a trunk.
  public var isTrunk: Bool {
    if case .trunk = self { true } else { false }
  }
}

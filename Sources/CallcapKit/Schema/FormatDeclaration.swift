/// The shape of one value in a scenario file: what the loader reads there
/// and what the JSON Schema (``ScenarioSchema``) says about it.
///
/// Every scalar is read from its YAML text, so a value that YAML tools
/// type as a number (`replications: 20`) may equally be written as a
/// string (`replications: "20"`); the schema allows both.
public indirect enum ValueKind: Sendable {
  /// A whole number in a range (`20`, `1_000`).
  case integer(ClosedRange<Int>)
  /// A finite number above zero (`1.5`, `1e3`).
  case positiveNumber
  /// A finite number of at least zero (a count limit of an expectation).
  case nonNegativeNumber
  /// A CPS value: a whole number from 1 to 10,000.
  case cps
  /// A duration with a unit (`90s`, `4m`), or a bare `0`.
  case duration
  /// A rate `N/unit` (`120/h`).
  case rate
  /// A share `65%` or `0.65`.
  case share
  /// A rate of a profile: `120/h`, or a bare number of calls per hour.
  case profileRate
  /// A wall-clock time `"HH:MM"` or `"HH:MM:SS"`.
  case clockTime
  /// A clock time, or an offset from the start as a duration.
  case clockOrDuration
  /// A distribution such as `exponential(mean: 90s)`, or a bare duration.
  case distribution
  /// `true` or `false` (`yes`/`no`, `on`/`off` too).
  case boolean
  /// Free text, not empty when `pattern` is given (which it must match).
  case text(pattern: String?)
  /// A Japanese phone number (`050-1234-5678`) or `sip:`/`client:` endpoint.
  case phoneNumber
  /// A dialing prefix (`0570`).
  case prefix
  /// One of fixed names.
  case choice([String])
  /// A list; `single` accepts one item written without brackets.
  case list(of: ValueKind, minItems: Int = 0, single: Bool = false)
  /// A mapping with declared keys.
  case mapping(MappingDeclaration)
  /// Any of several forms.
  case anyOf([ValueKind])
}

/// Whether a key must be present.
public enum KeyPresence: Sendable, Equatable {
  case optional
  case required
  /// Required when the mapping's variant key (``MappingDeclaration/variantKey``) has one of these values.
  case requiredFor([String])
  /// Required unless something outside the mapping supplies it; the loader
  /// decides, the schema leaves it optional.
  case requiredUnless(String)
}

/// One key of a mapping.
public struct KeyDeclaration: Sendable {
  public let name: String
  public let kind: ValueKind
  public let presence: KeyPresence
  /// Variants (values of the mapping's ``MappingDeclaration/variantKey``)
  /// the key applies to; nil means all.
  public let variants: [String]?
  /// One line for the schema's `description` and the README.
  public let summary: String

  public init(_ name: String, _ kind: ValueKind, _ presence: KeyPresence, only variants: [String]? = nil, _ summary: String) {
    self.name = name
    self.kind = kind
    self.presence = presence
    self.variants = variants
    self.summary = summary
  }

  /// An optional key.
  public init(_ name: String, _ kind: ValueKind, only variants: [String]? = nil, _ summary: String) {
    self.init(name, kind, .optional, only: variants, summary)
  }
}

/// Keys written as a prefix and a name chosen in the file (`traffic:support`).
public struct PatternKey: Sendable {
  /// The fixed part, such as `traffic:`.
  public let prefix: String
  /// How the README and the schema's description spell it (`traffic:<name>`).
  public let spelling: String
  public let kind: ValueKind
  public let summary: String
}

/// A mapping of the scenario format: its keys, which are required, and
/// how many may be given. The loader takes its allowed and required keys
/// from here, and ``ScenarioSchema`` writes the JSON Schema from the same.
public struct MappingDeclaration: Sendable {
  public let summary: String
  public let keys: [KeyDeclaration]
  public var patternKey: PatternKey?
  /// Fewest and most keys (arrival kinds take exactly one).
  public var minKeys: Int?
  public var maxKeys: Int?
  /// A key whose value selects which other keys apply (`type` of a traffic class).
  public var variantKey: String?

  public init(
    _ summary: String, keys: [KeyDeclaration], patternKey: PatternKey? = nil, minKeys: Int? = nil, maxKeys: Int? = nil,
    variantKey: String? = nil
  ) {
    self.summary = summary
    self.keys = keys
    self.patternKey = patternKey
    self.minKeys = minKeys
    self.maxKeys = maxKeys
    self.variantKey = variantKey
  }

  /// Every fixed key, in declaration order.
  public var names: [String] { keys.map(\.name) }

  /// Keys that must always be present; with `unlessSupplied: false`, also
  /// the keys that are required unless something else supplies them.
  public func requiredNames(supplied: Bool = true) -> [String] {
    keys.filter { key in
      switch key.presence {
      case .required: true
      case .requiredUnless: !supplied
      case .optional, .requiredFor: false
      }
    }.map(\.name)
  }

  /// The keys that apply to `variant`.
  public func names(for variant: String) -> Set<String> {
    Set(keys.filter { $0.variants?.contains(variant) ?? true }.map(\.name))
  }

  /// The keys required for `variant` beyond the always-required ones.
  public func requiredNames(for variant: String) -> [String] {
    keys.filter { key in
      if case .requiredFor(let variants) = key.presence { variants.contains(variant) } else { false }
    }.map(\.name)
  }

  public subscript(key: String) -> KeyDeclaration? { keys.first { $0.name == key } }
}

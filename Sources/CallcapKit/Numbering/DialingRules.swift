/// Whether the platform can place a call to a destination, from the default
/// table of platform-rules.md with the scenario's prefix overrides.
public struct DialingRules: Sendable {
  public enum Verdict: Sendable, Equatable {
    case dialable
    /// Dialable in part (carrier prefixes): the message says why to check.
    case partly(String)
    case refused(String)

    public var allowsCall: Bool {
      if case .refused = self { return false }
      return true
    }
  }

  public var overrides: NumberingOverrides

  public init(overrides: NumberingOverrides = NumberingOverrides()) {
    self.overrides = overrides
  }

  public func verdict(for number: PhoneNumber) -> Verdict {
    let digits = number.digits
    let allow = overrides.allow.filter { digits.hasPrefix($0) }.map(\.count).max() ?? -1
    let deny = overrides.deny.filter { digits.hasPrefix($0) }.map(\.count).max() ?? -1
    if deny >= 0 && deny >= allow {
      return .refused("\(number.range) numbers are denied by the scenario's numbering rules")
    }
    if allow >= 0 { return .dialable }
    switch number.kind {
    case .ip, .mobile, .geographic, .tollFree, .international: return .dialable
    case .withheld: return .refused("a withheld caller ID is not a destination")
    case .special:
      if number.prefix == "0070" || number.prefix == "0077" {
        return .partly("\(number.range) numbers are only partly reachable from Twilio; test the exact number")
      }
      return .refused("\(number.range) numbers cannot be dialed from Twilio (platform rules)")
    }
  }

  /// Verdict for a destination kind in a mix (`mobile`, `geographic`, ...).
  public static func kindIsDialable(_ kind: NumberKind) -> Bool {
    switch kind {
    case .ip, .mobile, .geographic, .tollFree, .international: true
    case .special, .withheld: false
    }
  }
}

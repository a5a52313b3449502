/// Prefix overrides of the default dialing rules.
public struct NumberingOverrides: Sendable, Equatable {
  public let allow: [String]
  public let deny: [String]

  public init(allow: [String] = [], deny: [String] = []) {
    self.allow = allow
    self.deny = deny
  }
}

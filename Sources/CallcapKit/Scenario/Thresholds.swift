/// Simultaneous calls at which the account risks suspension, per category;
/// the defaults are ``PlatformRules/thresholds``.
public struct Thresholds: Sendable, Equatable {
  public let inbound: Int
  public let outbound: Int
  public let forwarded: Int

  public init(inbound: Int, outbound: Int, forwarded: Int) {
    self.inbound = inbound
    self.outbound = outbound
    self.forwarded = forwarded
  }

  public func value(for category: ConcurrencyCategory) -> Int? {
    switch category {
    case .inbound: inbound
    case .outbound: outbound
    case .forwarded: forwarded
    case .total: nil
    }
  }
}

/// Concurrency categories of the suspension guideline.
public enum ConcurrencyCategory: String, Sendable, CaseIterable, Hashable {
  case inbound
  case outbound
  case forwarded
  case total
}

public struct TrafficClass: Sendable {
  public var name: String
  public var type: TrafficType
  public var gate: Gate = .none
  /// Inbound and forward: the account number called. Outbound: destinations.
  public var to: NumberMix?
  /// Outbound: caller ID (an account number). Inbound: callers' mix by kind.
  public var from: NumberMix?
  /// Forward: where the outbound leg goes (PSTN number, `sip:`, `client:`).
  public var forwardTo: String?
  public var callerID: CallerIDPolicy = .account
  public var arrivals: [ArrivalSpec]
  public var ring: DistributionSpec = .zero
  public var answerShare: Double = 1
  public var duration: DistributionSpec
  /// Share of calls that never connect (callers who cannot reach the
  /// number, destinations the caller ID cannot reach); see ``Reachability``.
  public var unreachableShare: Double = 0
  /// Self-service time before queueing (inbound and forward).
  public var ivr: DistributionSpec?
  /// The hold queue in front of an agent pool.
  public var queue: HoldQueue?
  /// Forward: the operators' pool the outbound leg rings (index into ``Scenario/agents``).
  public var forwardToAgents: Int?

  /// Outbound: the application's own throttle in front of the gate.
  public var dialer: DialerThrottle?
  /// Outbound: seconds after t = 0 by which every call should be placed
  /// (released to the network); a call placed later, or refused, is late.
  public var deadlineSeconds: Double?

  /// The pool this class's callers reach, through a queue or a hunt group.
  public var agentPool: Int? { queue?.pool ?? forwardToAgents }
}

public enum TrafficType: String, Sendable, CaseIterable {
  case inbound
  case outbound
  case forward

  public var category: ConcurrencyCategory {
    switch self {
    case .inbound: .inbound
    case .outbound: .outbound
    case .forward: .forwarded
    }
  }
}

public enum CallerIDPolicy: String, Sendable, CaseIterable {
  /// Present one of the account's numbers.
  case account
  /// Pass the original caller's number through.
  case caller
}

/// A mix of number kinds with shares summing to 1, or a list of numbers.
public enum NumberMix: Sendable, Equatable {
  case numbers([String])
  case kinds([(kind: String, share: Double)])

  public static func == (lhs: NumberMix, rhs: NumberMix) -> Bool {
    switch (lhs, rhs) {
    case (.numbers(let a), .numbers(let b)): a == b
    case (.kinds(let a), .kinds(let b)): a.map(\.kind) == b.map(\.kind) && a.map(\.share) == b.map(\.share)
    default: false
    }
  }
}

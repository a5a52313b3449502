/// A pool of people who answer calls (SPEC "Contact centres"): agents of a
/// support desk, or operators' phones in a forwarding hunt group.
public struct AgentPool: Sendable, Equatable {
  public var name: String
  public var staffing: AgentStaffing
  /// After-call work: the agent stays busy, the call is over.
  public var wrapUp: DistributionSpec = .zero
  public var endpoint: AgentEndpoint = .client
}

/// How many agents a pool has over time.
public enum AgentStaffing: Sendable, Equatable {
  case constant(Int)
  /// `counts[k]` agents from `k x every` after the start; the profile
  /// repeats from the start when the horizon is longer.
  case profile(everySeconds: Double, counts: [Int])

  /// The most agents on duty at any time.
  public var peak: Int {
    switch self {
    case .constant(let count): count
    case .profile(_, let counts): counts.max() ?? 0
    }
  }
}

/// Where a pool's agents answer: the caller-ID law applies to `pstn`.
public enum AgentEndpoint: String, Sendable, CaseIterable {
  case client
  case sip
  case pstn
}

/// A hold queue in front of an agent pool (Twilio `<Enqueue>`).
public struct HoldQueue: Sendable, Equatable {
  /// Index into ``Scenario/agents``.
  public var pool: Int
  /// Most callers waiting; 0 means nobody waits (Erlang B). The default
  /// and the largest allowed are ``PlatformRules/queue``.
  public var maxSize: Int
  /// How long a caller waits before hanging up; nil: forever.
  public var patience: DistributionSpec?
  public var redial: RedialPolicy?

  public init(pool: Int, maxSize: Int, patience: DistributionSpec? = nil, redial: RedialPolicy? = nil) {
    self.pool = pool
    self.maxSize = maxSize
    self.patience = patience
    self.redial = redial
  }
}

/// Callers who abandon or find the queue full call again later, as new arrivals.
public struct RedialPolicy: Sendable, Equatable {
  public var probability: Double
  public var delay: DistributionSpec
}

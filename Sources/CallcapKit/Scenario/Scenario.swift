/// A validated scenario: everything a simulation needs, in base units
/// (seconds, calls per second, shares in [0, 1]).
///
/// Built only by ``ScenarioLoader``, which guarantees the invariants written
/// on each property (references resolve, numbers are finite and in range).
public struct Scenario: Sendable {
  /// The file it was read from, as given on the command line.
  public var path: String
  /// Report folder name, `[a-z0-9._-]+`.
  public var name: String
  public var description: String
  public var simulation: SimulationSettings
  public var account: Account
  /// Numbers the account holds, as written.
  public var numbers: [String]
  public var numbering: NumberingOverrides
  public var traffic: [TrafficClass]
  /// Agent pools, in file order (see ``AgentPool``).
  public var agents: [AgentPool] = []
  public var objectives: Objectives
  /// Candidate CPS values for `plan`, ascending, distinct.
  public var tiers: [Double]
  public var expectations: [Expectation]
  /// Warnings found while loading; reports repeat them.
  public var warnings: [Diagnostic]
  /// The platform rules the scenario was read under; everything after the
  /// loader (estimate, plan, remedies, reports) reads its rules from here.
  public var platform: PlatformRules
}

public struct SimulationSettings: Sendable, Equatable {
  /// Simulated span of one replication: arrivals stop at the horizon.
  public var horizonSeconds: Double
  /// Statistics ignore calls offered before this time.
  public var warmupSeconds: Double = 0
  public var replications: Int = 10
  /// `plan` adds replications up to this count to decide (see ``CapacityPlan``).
  public var maxReplications: Int = 2000
  public var seed: UInt64 = 1
  /// Wall-clock time at t = 0, seconds since midnight.
  public var startClockSeconds: Double = 0
  /// Width of one time-series bucket.
  public var resolutionSeconds: Double = 60
}

/// The account states the platform distinguishes; they set concurrency
/// caps (``PlatformRules/caps(for:)``).
public enum AccountProfile: String, Sendable, CaseIterable {
  case trial
  case noProfile = "no-profile"
  case individual
  case business
}

public enum PacingModel: String, Sendable, CaseIterable {
  /// One release every 1/CPS seconds, FIFO.
  case smooth
  /// At most CPS releases in each clock second.
  case fixedWindow = "fixed-window"
}

public struct ApiSettings: Sendable, Equatable {
  public var cps: Double
  public var pacing: PacingModel = .smooth
  /// Most queued work, as time at the current CPS: the queue holds
  /// `queueLimitSeconds * cps` requests.
  public var queueLimitSeconds: Double

  /// The platform's defaults.
  public init(platform: PlatformRules) {
    cps = platform.defaultCPS
    queueLimitSeconds = platform.apiQueueLimitSeconds
  }
}

public enum LimiterModel: String, Sendable, CaseIterable {
  /// At most CPS accepted attempts in any interval of one second.
  case slidingWindow = "sliding-window"
  /// At most CPS accepted attempts in each clock second.
  case fixedWindow = "fixed-window"
  /// Tokens refill at CPS per second up to `burst`; an attempt takes one.
  case tokenBucket = "token-bucket"
}

public struct RetryPolicy: Sendable, Equatable {
  /// Further attempts after the first 503.
  public var attempts: Int
  public var delay: DistributionSpec
}

public struct TrunkSettings: Sendable, Equatable {
  public var name: String
  public var cps: Double
  public var limiter: LimiterModel = .slidingWindow
  /// Token-bucket capacity; nil means equal to `cps`.
  public var burst: Double?
  public var retry: RetryPolicy?

  public init(name: String, cps: Double, limiter: LimiterModel = .slidingWindow, burst: Double? = nil, retry: RetryPolicy? = nil) {
    self.name = name
    self.cps = cps
    self.limiter = limiter
    self.burst = burst
    self.retry = retry
  }

  public var effectiveBurst: Double { burst ?? cps }
}

/// Concurrency categories of the suspension guideline.
public enum ConcurrencyCategory: String, Sendable, CaseIterable, Hashable {
  case inbound
  case outbound
  case forwarded
  case total
}

/// Simultaneous calls at which the account risks suspension, per category;
/// the defaults are ``PlatformRules/thresholds``.
public struct Thresholds: Sendable, Equatable {
  public var inbound: Int
  public var outbound: Int
  public var forwarded: Int

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

public struct Account: Sendable, Equatable {
  public var profile: AccountProfile = .business
  public var api: ApiSettings
  public var trunks: [TrunkSettings] = []
  public var thresholds: Thresholds
  /// Ringing calls count as simultaneous.
  public var countRinging = true
  /// Calls are cut at this length.
  public var maxCallLengthSeconds: Double

  /// An account with no trunks and the platform's defaults.
  public init(platform: PlatformRules) {
    api = ApiSettings(platform: platform)
    thresholds = platform.thresholds
    maxCallLengthSeconds = platform.maxCallLengthSeconds
  }
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

public enum CallerIDPolicy: String, Sendable, CaseIterable {
  /// Present one of the account's numbers.
  case account
  /// Pass the original caller's number through.
  case caller
}

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

  /// The pool this class's callers reach, through a queue or a hunt group.
  public var agentPool: Int? { queue?.pool ?? forwardToAgents }
}

public struct Objectives: Sendable, Equatable {
  /// Highest acceptable p95 queue wait at each gate.
  public var queueWaitP95Seconds: Double?
  /// Highest acceptable share of attempts finally refused.
  public var rejectedShare: Double?
  /// Keep each peak at least this share below its threshold.
  public var thresholdHeadroom: Double?
  /// Highest acceptable chance that one replication reaches a threshold
  /// (less the headroom), judged on its one-sided 95% Clopper-Pearson bound.
  public var suspensionRisk: Double = 0.01
  /// Callers who reach an agent within `serviceLevelWithinSeconds`, at least this share.
  public var serviceLevelMin: Double?
  /// The `within` of the service level (default 20 s); also what the `service_level` metric measures.
  public var serviceLevelWithinSeconds: Double = 20
  /// Highest acceptable share of queued callers who abandon.
  public var abandonedShare: Double?
  /// Highest acceptable p95 answer wait (queue join to agent).
  public var answerWaitP95Seconds: Double?
}

/// A regression limit checked by `check`.
public struct Expectation: Sendable, Equatable {
  public var metric: Metric
  public var scope: Scope
  public var min: Double?
  public var max: Double?
  /// Evaluate at this CPS tier instead of the configured one.
  public var tier: Double?
  public var location: SourceLocation?
}

/// Prefix overrides of the default dialing rules.
public struct NumberingOverrides: Sendable, Equatable {
  public var allow: [String] = []
  public var deny: [String] = []

  public init(allow: [String] = [], deny: [String] = []) {
    self.allow = allow
    self.deny = deny
  }
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

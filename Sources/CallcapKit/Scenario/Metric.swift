/// The metrics callcap reports, named as in `summary.csv`, `expect:` and `--json`.
public enum Metric: String, Sendable, CaseIterable, Hashable {
  case callsOffered = "calls_offered"
  case callsCompleted = "calls_completed"
  case callsNoAnswer = "calls_no_answer"
  case callsRejected = "calls_rejected"
  /// Calls retried at least once after a 503.
  case callsRetried = "calls_retried"
  /// Retry attempts after a 503 (a call retried twice counts two).
  case retryAttempts = "retry_attempts"
  case callsRefusedQueueFull = "calls_refused_queue_full"
  case callsRefusedConcurrency = "calls_refused_concurrency"
  case queueWaitMean = "queue_wait_mean"
  case queueWaitP50 = "queue_wait_p50"
  case queueWaitP95 = "queue_wait_p95"
  case queueWaitP99 = "queue_wait_p99"
  case queueWaitMax = "queue_wait_max"
  case queueLengthMax = "queue_length_max"
  case drainTime = "drain_time"
  case rejectedRate = "rejected_rate"
  case peakConcurrency = "peak_concurrency"
  case meanConcurrency = "mean_concurrency"
  case timeAboveThreshold = "time_above_threshold"
  case thresholdBreachShare = "threshold_breach_share"
  /// Queue join to agent, over callers who reached one.
  case answerWaitMean = "answer_wait_mean"
  case answerWaitP50 = "answer_wait_p50"
  case answerWaitP95 = "answer_wait_p95"
  case answerWaitMax = "answer_wait_max"
  /// Share of queued callers who reached an agent within the service-level
  /// `within`; abandoned callers count as missed unless they left within it.
  case serviceLevel = "service_level"
  case callsAbandoned = "calls_abandoned"
  /// Abandoned callers over callers who joined the queue.
  case abandonRate = "abandon_rate"
  case callsQueueFull = "calls_queue_full"
  case callsRedialed = "calls_redialed"
  /// Forwarded callers who found no operator free and no queue.
  case callsBusy = "calls_busy"
  /// Busy agent time (talk and wrap-up) over staffed agent time.
  case agentOccupancy = "agent_occupancy"
  case agentsBusyPeak = "agents_busy_peak"
  /// Request to release by the class's own dialer throttle (to its gate), over measured calls.
  case dialerWaitMean = "dialer_wait_mean"
  case dialerWaitP95 = "dialer_wait_p95"
  case dialerWaitMax = "dialer_wait_max"
  /// Calls of a class with a deadline placed after it, or refused (never placed).
  case callsLate = "calls_late"
  /// Late calls over calls offered.
  case lateShare = "late_share"

  public enum Unit: String, Sendable {
    case seconds
    case calls
    case share
  }

  public var unit: Unit {
    switch self {
    case .queueWaitMean, .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax, .drainTime,
      .timeAboveThreshold, .answerWaitMean, .answerWaitP50, .answerWaitP95, .answerWaitMax, .dialerWaitMean, .dialerWaitP95,
      .dialerWaitMax:
      .seconds
    case .rejectedRate, .thresholdBreachShare, .serviceLevel, .abandonRate, .agentOccupancy, .lateShare: .share
    default: .calls
    }
  }
}

/// What a metric is measured over.
public enum Scope: Sendable, Hashable, CustomStringConvertible {
  case api
  case trunk(String)
  /// The pooled trunk CPS shared by every trunk (`account.trunk_pool`).
  case trunkPool
  case category(ConcurrencyCategory)
  case traffic(String)
  /// An agent pool (SPEC "Contact centres").
  case agents(String)

  /// Whether this is a trunk's scope.
  public var isTrunk: Bool {
    if case .trunk = self { true } else { false }
  }

  public var description: String {
    switch self {
    case .api: "api"
    case .trunk(let name): "trunk:\(name)"
    case .trunkPool: "trunk-pool"
    case .category(let category): category.rawValue
    case .traffic(let name): "traffic:\(name)"
    case .agents(let name): "agents:\(name)"
    }
  }

  /// Reads `api`, `trunk:<name>`, `inbound`, `outbound`, `forwarded`,
  /// `total` or `traffic:<name>`; names are checked by the caller.
  public init?(parsing text: String) {
    if text == "api" {
      self = .api
    } else if text == "trunk-pool" {
      self = .trunkPool
    } else if text.hasPrefix("trunk:") {
      self = .trunk(String(text.dropFirst(6)))
    } else if text.hasPrefix("agents:") {
      self = .agents(String(text.dropFirst(7)))
    } else if text.hasPrefix("traffic:") {
      self = .traffic(String(text.dropFirst(8)))
    } else if let category = ConcurrencyCategory(rawValue: text) {
      self = .category(category)
    } else {
      return nil
    }
  }
}

extension Metric {
  private static let callCounts: [Metric] = [
    .callsOffered, .callsCompleted, .callsNoAnswer, .callsRejected, .callsRetried, .retryAttempts, .callsRefusedQueueFull,
    .callsRefusedConcurrency, .rejectedRate,
  ]

  /// The metrics a simulation measures for `scope`, in report order: the
  /// one declaration of what a scope has. Each replication produces exactly
  /// these, in this order (``Replication``'s `result()` walks this list and
  /// only supplies the values); the loader admits expectations on no others.
  /// For a traffic class: `reachesAgents`, callers who reach an agent pool
  /// also measure their waits (``queuedCallerMetrics``); `dialer`, a class
  /// with a dialer throttle measures its waits (``dialerMetrics``);
  /// `deadline`, a class with a deadline counts its late calls (``deadlineMetrics``).
  public static func measured(for scope: Scope, reachesAgents: Bool = false, dialer: Bool = false, deadline: Bool = false)
    -> [Metric]
  {
    switch scope {
    case .api:
      [
        .callsOffered, .callsRefusedQueueFull, .rejectedRate, .queueWaitMean, .queueWaitP50, .queueWaitP95, .queueWaitP99,
        .queueWaitMax, .queueLengthMax, .drainTime,
      ]
    // A trunk and the pool count the same way, each its own 503s (see ``TrunkGates``).
    case .trunk, .trunkPool: [.callsOffered, .callsRejected, .callsRetried, .retryAttempts, .rejectedRate]
    case .category(.total): [.peakConcurrency, .meanConcurrency] + callCounts
    case .category: [.peakConcurrency, .meanConcurrency, .timeAboveThreshold, .thresholdBreachShare]
    case .traffic:
      callCounts + (reachesAgents ? queuedCallerMetrics : []) + (dialer ? dialerMetrics : [])
        + (deadline ? deadlineMetrics : [])
    case .agents: poolMetrics
    }
  }

  /// ``measured(for:reachesAgents:dialer:deadline:)`` with a traffic
  /// scope's traits read from its class in `traffic` (other scopes have none).
  public static func measured(for scope: Scope, in traffic: [TrafficClass]) -> [Metric] {
    guard case .traffic(let name) = scope, let trafficClass = traffic.first(where: { $0.name == name }) else {
      return measured(for: scope)
    }
    return measured(
      for: scope, reachesAgents: trafficClass.agentPool != nil, dialer: trafficClass.dialer != nil,
      deadline: trafficClass.deadlineSeconds != nil)
  }

  /// What a traffic class with a dialer throttle measures beside its call counts.
  public static let dialerMetrics: [Metric] = [.dialerWaitMean, .dialerWaitP95, .dialerWaitMax]

  /// What a traffic class with a deadline measures beside its call counts.
  public static let deadlineMetrics: [Metric] = [.callsLate, .lateShare]

  /// What an agent pool measures (scope `agents:<pool>`).
  public static let poolMetrics: [Metric] = queuedCallerMetrics + [.agentOccupancy, .agentsBusyPeak, .queueLengthMax]

  /// What a traffic class that reaches agents measures beside its call counts.
  public static let queuedCallerMetrics: [Metric] = [
    .answerWaitMean, .answerWaitP50, .answerWaitP95, .answerWaitMax, .serviceLevel, .callsAbandoned, .abandonRate,
    .callsQueueFull, .callsRedialed, .callsBusy,
  ]
}

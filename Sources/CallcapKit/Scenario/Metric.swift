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

  public enum Unit: String, Sendable {
    case seconds
    case calls
    case share
  }

  public var unit: Unit {
    switch self {
    case .queueWaitMean, .queueWaitP50, .queueWaitP95, .queueWaitP99, .queueWaitMax, .drainTime,
      .timeAboveThreshold:
      .seconds
    case .rejectedRate, .thresholdBreachShare: .share
    default: .calls
    }
  }
}

/// What a metric is measured over.
public enum Scope: Sendable, Hashable, CustomStringConvertible {
  case api
  case trunk(String)
  case category(ConcurrencyCategory)
  case traffic(String)

  /// Whether this is a trunk's scope.
  public var isTrunk: Bool {
    if case .trunk = self { true } else { false }
  }

  public var description: String {
    switch self {
    case .api: "api"
    case .trunk(let name): "trunk:\(name)"
    case .category(let category): category.rawValue
    case .traffic(let name): "traffic:\(name)"
    }
  }

  /// Reads `api`, `trunk:<name>`, `inbound`, `outbound`, `forwarded`,
  /// `total` or `traffic:<name>`; names are checked by the caller.
  public init?(parsing text: String) {
    if text == "api" {
      self = .api
    } else if text.hasPrefix("trunk:") {
      self = .trunk(String(text.dropFirst(6)))
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

  /// The metrics a simulation measures for `scope`, in report order. The
  /// replication produces exactly these; expectations may name no others.
  public static func measured(for scope: Scope) -> [Metric] {
    switch scope {
    case .api:
      [
        .callsOffered, .callsRefusedQueueFull, .rejectedRate, .queueWaitMean, .queueWaitP50, .queueWaitP95, .queueWaitP99,
        .queueWaitMax, .queueLengthMax, .drainTime,
      ]
    case .trunk: [.callsOffered, .callsRejected, .callsRetried, .retryAttempts, .rejectedRate]
    case .category(.total): [.peakConcurrency, .meanConcurrency] + callCounts
    case .category: [.peakConcurrency, .meanConcurrency, .timeAboveThreshold, .thresholdBreachShare]
    case .traffic: callCounts
    }
  }
}

/// Everything one replication measured, as plain values.
public struct ReplicationResult: Sendable, Codable {
  /// One value per (scope, metric), each scope's in the order
  /// ``Metric/measured(for:reachesAgents:dialer:deadline:)`` declares; read them by key.
  public var metrics: [MetricValue]
  /// Time series: per bucket, each level's integral and maximum and the
  /// calls refused (``ReplicationSeries``). Bucket k covers
  /// [seriesStart + k x seriesResolution, seriesStart + (k+1) x seriesResolution);
  /// the series runs from the warm-up to the end of the last call, so its
  /// length differs between replications (the drain after the horizon).
  public var series: ReplicationSeries
  /// Start of the first bucket (the warm-up), in seconds since t = 0.
  public var seriesStart: Double
  /// Width of a bucket, in seconds.
  public var seriesResolution: Double
  /// Calls simulated (all arrivals, warm-up included) and events processed.
  public var callsSimulated: Int
  public var eventsProcessed: Int
  /// Figures used by the upgrade-eligibility check, over all calls placed.
  public var traffic: TrafficShape
  /// The same per trunk, indexed like the scenario's trunks: the calls each
  /// trunk carried (Twilio judges an upgrade on that trunk's own calls).
  public var trafficByTrunk: [TrafficShape]
  /// Per traffic class, calls that never connected (see ``Reachability``);
  /// not offered to the account, so outside every metric.
  public var unreachableByTraffic: [Int]
  /// Time-average number of requests waiting in the API queue (Little's law: L = lambda W).
  public var meanQueueLength: Double
  /// Per agent pool, callers waiting and agents busy over time, bucketed
  /// like the time series (``PoolSeries``); nil without agent pools.
  public var poolBuckets: PoolBuckets? = nil
}

/// One metric of one scope.
public struct MetricValue: Sendable, Equatable, Codable {
  public var scope: Scope
  public var metric: Metric
  public var value: Double
}

/// Shape of the simulated traffic that Twilio looks at before granting a
/// trunk CPS upgrade: mean call duration, short calls, answer-seizure ratio.
public struct TrafficShape: Sendable, Equatable, Codable {
  public var answeredCalls = 0
  public var attemptedCalls = 0
  public var talkSecondsTotal = 0.0
  /// Answered calls lasting the platform's short-call length or less
  /// (``PlatformRules/TrunkUpgradeConditions/shortCallSeconds``).
  public var shortCalls = 0

  public var meanDuration: Double { answeredCalls == 0 ? 0 : talkSecondsTotal / Double(answeredCalls) }
  public var shortCallShare: Double { answeredCalls == 0 ? 0 : Double(shortCalls) / Double(answeredCalls) }
  public var answerSeizureRatio: Double { attemptedCalls == 0 ? 0 : Double(answeredCalls) / Double(attemptedCalls) }

  /// Counts a placed call; `talk` is negative when it is not answered,
  /// short when at most `shortCallSeconds`.
  @inline(__always)
  mutating func record(talk: Double, shortCallSeconds: Double) {
    attemptedCalls += 1
    guard talk >= 0 else { return }
    answeredCalls += 1
    talkSecondsTotal += talk
    if talk <= shortCallSeconds { shortCalls += 1 }
  }
}

// MARK: - Metric values of the components
//
// Which metrics a scope has is declared once, in ``Metric/measured(for:reachesAgents:dialer:deadline:)``;
// these say how a component's counters give a metric's value (nil: not theirs).

extension CallCounters {
  /// The call counts of a gate, a traffic class or the account.
  func value(of metric: Metric) -> Double? {
    switch metric {
    case .callsOffered: Double(offered)
    case .callsCompleted: Double(completed)
    case .callsNoAnswer: Double(noAnswer)
    case .callsRejected: Double(rejected)
    case .callsRetried: Double(retried)
    case .retryAttempts: Double(retryAttempts)
    case .callsRefusedQueueFull: Double(refusedQueueFull)
    case .callsRefusedConcurrency: Double(refusedConcurrency)
    case .rejectedRate: rejectedShare
    default: nil
    }
  }
}

extension AnswerStatistics {
  /// What callers seeking an agent met: waits, service level, abandonment.
  func value(of metric: Metric) -> Double? {
    switch metric {
    case .answerWaitMean: waits.mean
    case .answerWaitP50: waits.percentile(50)
    case .answerWaitP95: waits.percentile(95)
    case .answerWaitMax: waits.maximum
    case .serviceLevel: serviceLevel
    case .callsAbandoned: Double(abandoned)
    case .abandonRate: abandonRate
    case .callsQueueFull: Double(queueFull)
    case .callsRedialed: Double(redialed)
    case .callsBusy: Double(busy)
    default: nil
    }
  }
}

/// Everything one replication measured, as plain values.
public struct ReplicationResult: Sendable {
  /// One value per (scope, metric), in a fixed order.
  public var metrics: [MetricValue]
  /// Time series: per bucket, mean and maximum of each tracked level.
  public var bucketMeans: [Double]
  public var bucketMaxima: [Int32]
  public var bucketRejections: [Int32]
  /// Calls simulated (all arrivals, warm-up included) and events processed.
  public var callsSimulated: Int
  public var eventsProcessed: Int
  /// Figures used by the upgrade-eligibility check.
  public var traffic: TrafficShape
  /// Per traffic class, calls that never connected (see ``Reachability``);
  /// not offered to the account, so outside every metric.
  public var unreachableByTraffic: [Int]
  /// Time-average number of requests waiting in the API queue (Little's law: L = lambda W).
  public var meanQueueLength: Double
}

/// One metric of one scope.
public struct MetricValue: Sendable, Equatable {
  public var scope: Scope
  public var metric: Metric
  public var value: Double
}

/// Shape of the simulated traffic that Twilio looks at before granting a
/// trunk CPS upgrade: mean call duration, short calls, answer-seizure ratio.
public struct TrafficShape: Sendable, Equatable {
  public var answeredCalls = 0
  public var attemptedCalls = 0
  public var talkSecondsTotal = 0.0
  /// Answered calls lasting 12 s or less.
  public var shortCalls = 0

  public var meanDuration: Double { answeredCalls == 0 ? 0 : talkSecondsTotal / Double(answeredCalls) }
  public var shortCallShare: Double { answeredCalls == 0 ? 0 : Double(shortCalls) / Double(answeredCalls) }
  public var answerSeizureRatio: Double { attemptedCalls == 0 ? 0 : Double(answeredCalls) / Double(attemptedCalls) }
}

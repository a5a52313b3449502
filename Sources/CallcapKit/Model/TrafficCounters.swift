/// What happened to the calls of one traffic class, gate or the whole
/// account in one replication (calls offered after the warm-up only).
public struct CallCounters: Sendable, Equatable {
  public var offered = 0
  public var completed = 0
  public var noAnswer = 0
  /// Finally refused with 503 after the retries.
  public var rejected = 0
  /// Calls that were retried at least once after a 503.
  public var retried = 0
  /// Refused by a full API queue (22005).
  public var refusedQueueFull = 0
  /// Refused by the account's concurrency cap (10004).
  public var refusedConcurrency = 0

  public var refused: Int { rejected + refusedQueueFull + refusedConcurrency }

  /// Share of offered calls finally refused, for any reason.
  public var rejectedShare: Double { offered == 0 ? 0 : Double(refused) / Double(offered) }

  public static func + (a: CallCounters, b: CallCounters) -> CallCounters {
    CallCounters(
      offered: a.offered + b.offered, completed: a.completed + b.completed, noAnswer: a.noAnswer + b.noAnswer,
      rejected: a.rejected + b.rejected, retried: a.retried + b.retried,
      refusedQueueFull: a.refusedQueueFull + b.refusedQueueFull,
      refusedConcurrency: a.refusedConcurrency + b.refusedConcurrency)
  }
}

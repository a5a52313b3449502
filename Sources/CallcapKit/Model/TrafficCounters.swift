/// What happened to the calls of one traffic class, gate or the whole
/// account in one replication (calls offered after the warm-up only,
/// followed to their end, after the horizon too).
public struct CallCounters: Sendable, Equatable {
  public var offered = 0
  public var completed = 0
  public var noAnswer = 0
  /// Finally refused with 503 after the retries.
  public var rejected = 0
  /// Calls that were retried at least once after a 503.
  public var retried = 0
  /// Retry attempts after a 503 (a call retried twice counts two).
  public var retryAttempts = 0
  /// Refused by a full API queue (22005).
  public var refusedQueueFull = 0
  /// Refused by the account's concurrency cap (10004).
  public var refusedConcurrency = 0
  /// Refused at an agent pool: its hold queue was full, or no operator was free and there is no queue.
  public var refusedByAgents = 0
  /// Calls of a class with a deadline placed after it or refused (never placed).
  public var late = 0

  public var refused: Int { rejected + refusedQueueFull + refusedConcurrency + refusedByAgents }

  /// Share of offered calls finally refused: for a gate's counters its own
  /// refusals only (the gate counts nothing else), for a traffic class or
  /// the account every refusal (503 after retries, 22005, 10004).
  public var rejectedShare: Double { offered == 0 ? 0 : Double(refused) / Double(offered) }

  /// Share of offered calls that were late for the class's deadline.
  public var lateShare: Double { offered == 0 ? 0 : Double(late) / Double(offered) }

  public static func + (a: CallCounters, b: CallCounters) -> CallCounters {
    CallCounters(
      offered: a.offered + b.offered, completed: a.completed + b.completed, noAnswer: a.noAnswer + b.noAnswer,
      rejected: a.rejected + b.rejected, retried: a.retried + b.retried, retryAttempts: a.retryAttempts + b.retryAttempts,
      refusedQueueFull: a.refusedQueueFull + b.refusedQueueFull,
      refusedConcurrency: a.refusedConcurrency + b.refusedConcurrency, refusedByAgents: a.refusedByAgents + b.refusedByAgents,
      late: a.late + b.late)
  }
}

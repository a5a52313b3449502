import SimulationKernel

/// A call in progress, waiting at a gate, or waiting to retry.
/// (Not `private`: Swift 6.3 crashes compiling a debug build that keeps
/// a private type in a noncopyable container.)
struct Call {
  var traffic: Int32 = 0
  /// Trunk attempts refused so far (each 503 retried adds one).
  var attempts: Int32 = 0
  var arrival = 0.0
  /// When the call asked its gate: its arrival, or its release by its class's dialer throttle.
  var gateRequest = 0.0
  var ring = 0.0
  /// Talk time after answer; negative when the call will not be answered.
  var talk = 0.0
  /// Whether the call counts in its concurrency category now.
  var counted = false
  /// Offered after the warm-up: its outcome is measured.
  var measured = false
  /// Whether the call holds a slot of its account cap pool.
  var holdsCapSlot = false
  /// Where a caller who seeks an agent is (other calls stay `.none`).
  var phase = CallPhase.none
  /// What its trunk attempts met so far (see ``TrunkGates``); fits the padding before `queueJoin`.
  var trunkPassage: TrunkPassage = []
  /// When the caller first sought an agent: the answer wait runs from here.
  var queueJoin = 0.0
}

/// A contact-centre caller's progress (SPEC "Contact centres").
enum CallPhase: UInt8 {
  case none
  case ivr
  /// In the hold queue.
  case waiting
  /// An operator's phone rings (forward to agents).
  case ringingOperator
  /// With an agent.
  case talking
}

/// The calls of a replication: reusable slots whose handles carry a
/// generation, so an event about a call that has ended (and whose slot a
/// new call took) is recognised as stale and ignored. Ending a call is
/// therefore also how its pending events are cancelled (a caller
/// abandoning a queue, later).
typealias CallTable = SlotTable<Call>

/// A call's slot and generation.
typealias CallHandle = SlotTable<Call>.Handle

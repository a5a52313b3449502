/// A scenario compiled for simulation at one CPS setting: samplers built,
/// gates resolved, everything the replication loop reads, in flat arrays.
public struct SimulationModel: Sendable {
  struct Traffic: Sendable {
    let name: String
    let type: TrafficType
    let level: TrackedLevel
    let gate: GateRoute
    let ring: Sampler
    let answerShare: Double
    let duration: Sampler
    let arrivals: [ArrivalSpec]
    /// Share of calls that never connect (see ``Reachability``).
    let unreachableShare: Double
    /// The contact-centre part, when the class reaches agents.
    var agents: AgentRoute? = nil
    /// The application's own throttle in front of the gate (outbound).
    var dialer: DialerThrottle? = nil
    /// Calls placed after this time (seconds from t = 0), or refused, are
    /// late; infinity without a deadline.
    var deadline = Double.infinity
  }

  /// How a class's callers reach an agent pool.
  struct AgentRoute: Sendable {
    let pool: Int
    let ivr: Sampler?
    /// Whether callers wait (a hold queue); without one, no free agent means busy.
    let queues: Bool
    let maxSize: Int
    let patience: Sampler?
    let redialProbability: Double
    let redialDelay: Sampler?
    /// Forward to operators: each ring of an operator's phone is drawn anew.
    let ringsOperators: Bool
  }

  struct Pool: Sendable {
    let name: String
    /// Agents at t = 0, then `shiftCounts[k]` from `k x shiftSeconds` (empty: constant).
    let initialCount: Int
    let shiftSeconds: Double
    let shiftCounts: [Int]
    let wrapUp: Sampler?
  }

  struct Trunk: Sendable {
    let settings: TrunkSettings
    let cps: Double
    let retryDelay: Sampler?
    let retryAttempts: Int
  }

  /// The account's pooled trunk CPS, checked after each trunk's limiter.
  struct TrunkPool: Sendable {
    let settings: TrunkPoolSettings
    let cps: Double
  }

  let traffic: [Traffic]
  let trunks: [Trunk]
  /// nil when the account has no trunk pool.
  let trunkPool: TrunkPool?
  let pools: [Pool]
  /// The `within` of the service level.
  let serviceLevelWithin: Double
  let apiCPS: Double
  let pacing: PacingModel
  /// Most requests the API queue holds: queue_limit x CPS.
  let apiQueueCapacity: Int
  let horizon: Double
  let warmup: Double
  let resolution: Double
  let thresholds: Thresholds
  let countRinging: Bool
  let voiceCap: Int?
  let trunkingCap: Int?
  /// An answered call this long or shorter is short (trunk upgrade check).
  let shortCallSeconds: Double
  let seed: UInt64
  let maxQueueWait: Double

  /// Compiles `scenario`; `tier` replaces the CPS of the API gate and of
  /// every trunk (or only of `gate` when given). The trunk pool keeps its
  /// configured CPS unless `gate` is ``Scope/trunkPool``.
  public init(_ scenario: Scenario, tier: Double? = nil, gate: Scope? = nil) {
    var overrides: [Scope: Double] = [:]
    if let tier {
      for scope in [Scope.api] + scenario.account.trunks.map({ Scope.trunk($0.name) }) where gate == nil || gate == scope {
        overrides[scope] = tier
      }
      if gate == .trunkPool && scenario.account.trunkPool != nil { overrides[.trunkPool] = tier }
    }
    self.init(scenario, cps: overrides)
  }

  /// Compiles `scenario` with the CPS of some gates replaced: `cps[.api]`
  /// for the API gate, `cps[.trunk(name)]` for a trunk, `cps[.trunkPool]`
  /// for the trunk pool (ignored without one); a gate not named
  /// keeps its configured CPS. This is how a per-gate plan simulates one
  /// combination.
  public init(_ scenario: Scenario, cps overrides: [Scope: Double]) {
    let account = scenario.account
    apiCPS = overrides[.api] ?? account.api.cps
    pacing = account.api.pacing
    apiQueueCapacity = max(1, Int((account.api.queueLimitSeconds * apiCPS).rounded(.down)))
    maxQueueWait = account.api.queueLimitSeconds
    trunks = account.trunks.map { settings in
      let cps = overrides[.trunk(settings.name)] ?? settings.cps
      return Trunk(
        settings: settings, cps: cps, retryDelay: settings.retry.map { Sampler($0.delay) },
        retryAttempts: settings.retry?.attempts ?? 0)
    }
    trunkPool = account.trunkPool.map { pool in TrunkPool(settings: pool, cps: overrides[.trunkPool] ?? pool.cps) }
    traffic = scenario.traffic.map { spec in
      return Traffic(
        name: spec.name, type: spec.type, level: TrackedLevel(spec.type.category), gate: GateRoute(spec.gate, trunks: account.trunks),
        ring: Sampler(spec.ring),
        answerShare: spec.answerShare, duration: Sampler(spec.duration, limit: account.maxCallLengthSeconds),
        arrivals: spec.arrivals, unreachableShare: spec.unreachableShare,
        agents: spec.agentPool.map { pool in
          AgentRoute(
            pool: pool, ivr: spec.ivr.map { Sampler($0) }, queues: spec.queue != nil, maxSize: spec.queue?.maxSize ?? 0,
            patience: spec.queue?.patience.map { Sampler($0) }, redialProbability: spec.queue?.redial?.probability ?? 0,
            redialDelay: spec.queue?.redial.map { Sampler($0.delay) }, ringsOperators: spec.forwardToAgents != nil)
        }, dialer: spec.dialer, deadline: spec.deadlineSeconds.map(Microseconds.snap) ?? .infinity)
    }
    pools = scenario.agents.map { pool in
      let wrapUp = pool.wrapUp.uncappedMean > 0 ? Sampler(pool.wrapUp) : nil
      switch pool.staffing {
      case .constant(let count):
        return Pool(name: pool.name, initialCount: count, shiftSeconds: .infinity, shiftCounts: [], wrapUp: wrapUp)
      case .profile(let every, let counts):
        return Pool(name: pool.name, initialCount: counts[0], shiftSeconds: every, shiftCounts: counts, wrapUp: wrapUp)
      }
    }
    serviceLevelWithin = scenario.objectives.serviceLevelWithinSeconds
    horizon = scenario.simulation.horizonSeconds
    warmup = scenario.simulation.warmupSeconds
    resolution = scenario.simulation.resolutionSeconds
    thresholds = account.thresholds
    countRinging = account.countRinging
    let caps = scenario.platform.caps(for: account.profile)
    voiceCap = caps.voice
    trunkingCap = caps.trunking
    shortCallSeconds = scenario.platform.trunkUpgrade.shortCallSeconds
    seed = scenario.simulation.seed
  }
}

/// A ``Gate`` resolved for the replication loop: a trunk by its position in
/// ``SimulationModel/trunks`` (the scenario's order), so the loop indexes
/// arrays instead of comparing names.
enum GateRoute: Sendable, Equatable {
  case none
  case api
  case trunk(Int)

  /// Resolves `gate`; the loader guarantees that a named trunk exists.
  init(_ gate: Gate, trunks: [TrunkSettings]) {
    switch gate {
    case .none: self = .none
    case .api: self = .api
    case .trunk(let name):
      guard let index = trunks.firstIndex(where: { $0.name == name }) else {
        preconditionFailure("trunk '\(name)' is not in the account; the loader checks every 'via'")
      }
      self = .trunk(index)
    }
  }
}

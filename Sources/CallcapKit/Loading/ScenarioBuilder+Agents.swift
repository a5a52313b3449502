import Foundation
import Yams

/// Contact centres (SPEC "Contact centres: agents, queues, abandonment"):
/// the top-level `agents:` pools and, on inbound and forward classes,
/// `ivr`, `queue` and `forward_to: { agents: NAME }`.
extension ScenarioBuilder {
  // MARK: - pools

  mutating func readAgents(_ node: Node, simulation: SimulationSettings?) -> [AgentPool] {
    guard let items = reader.list(node, "'agents'") else { return [] }
    var pools: [AgentPool] = []
    var seen = Set<String>()
    for item in items {
      guard let pool = readAgentPool(item, simulation: simulation) else { continue }
      if !seen.insert(pool.name).inserted {
        reader.error("duplicate agent pool name '\(pool.name)'", at: item)
      }
      pools.append(pool)
    }
    return pools
  }

  mutating func readAgentPool(_ node: Node, simulation: SimulationSettings?) -> AgentPool? {
    guard
      let fields = reader.mapping(node, "an agent pool", ScenarioFormat.agentPool),
      let nameNode = fields["name"], let name = reader.string(nameNode, "agent pool 'name'"),
      let countNode = fields["count"], let staffing = readStaffing(countNode, simulation: simulation)
    else { return nil }
    if name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) == nil {
      reader.error("agent pool name '\(name)' must use only letters, digits, '.', '_' and '-'", at: nameNode)
    }
    var pool = AgentPool(name: name, staffing: staffing)
    if let node = fields["wrap_up"], let wrapUp = distribution(node, "'wrap_up'") { pool.wrapUp = wrapUp }
    if let node = fields["endpoint"], let endpoint = reader.choice(node, "'endpoint'", AgentEndpoint.self) {
      pool.endpoint = endpoint
    }
    return pool
  }

  /// `count: 14` or `count: { every: 30m, counts: [...] }`.
  mutating func readStaffing(_ node: Node, simulation: SimulationSettings?) -> AgentStaffing? {
    if case .mapping = node {
      guard
        let fields = reader.mapping(node, "an agent profile", ScenarioFormat.agentProfile),
        let everyNode = fields["every"], let every = reader.duration(everyNode, "profile 'every'", positive: true),
        let countsNode = fields["counts"], let items = reader.list(countsNode, "profile 'counts'")
      else { return nil }
      if items.isEmpty {
        reader.error("an agent profile needs at least one count", at: countsNode)
        return nil
      }
      if every < 60 {
        reader.error(
          "agent profile 'every' must be at least 1m (shifts change by the minute), got \(Quantity.humanDuration(every))", at: everyNode)
        return nil
      }
      if items.count > 100_000 {
        reader.error("an agent profile has at most 100,000 counts", at: countsNode)
        return nil
      }
      var counts: [Int] = []
      for item in items {
        guard let count = reader.integer(item, "an agent count", in: 0...InputLimits.agents) else { return nil }
        counts.append(count)
      }
      if counts.allSatisfy({ $0 == 0 }) {
        reader.error("every count in this agent profile is zero: nobody answers", at: countsNode)
        return nil
      }
      if let horizon = simulation?.horizonSeconds, every * Double(counts.count) < horizon {
        reader.warning(
          "the agent profile covers \(Quantity.humanDuration(every * Double(counts.count))) but the horizon is \(Quantity.humanDuration(horizon)); it repeats from the start",
          at: node)
      }
      return .profile(everySeconds: every, counts: counts)
    }
    guard let count = reader.integer(node, "agent 'count'", in: 0...InputLimits.agents) else { return nil }
    if count == 0 { reader.warning("a pool of 0 agents answers no calls", at: node) }
    return .constant(count)
  }

  /// An agent pool named at `node` (`queue.agents`, `forward_to.agents`).
  mutating func poolReference(_ node: Node, pools: [AgentPool], what: String) -> Int? {
    guard let name = reader.string(node, what) else { return nil }
    if let index = pools.firstIndex(where: { $0.name == name }) { return index }
    let names = pools.map(\.name)
    reader.error(
      "unknown agent pool '\(name)'" + Suggestion.hint(for: name, among: names)
        + (names.isEmpty ? "; the scenario defines no 'agents'" : "; pools: " + names.joined(separator: ", ")), at: node)
    return nil
  }

  // MARK: - queues

  /// `queue: { agents, max_size, patience, redial }`; `defaultPool` is the
  /// pool of `forward_to: { agents: }`, which `agents` may then omit.
  mutating func readQueue(_ node: Node, pools: [AgentPool], defaultPool: Int?, defaultPoolNode: Node?) -> HoldQueue? {
    guard let fields = reader.mapping(node, "queue", ScenarioFormat.queue, supplied: defaultPoolNode != nil)
    else { return nil }
    var pool = defaultPool
    var poolFound = true
    if let poolNode = fields["agents"] {
      if let index = poolReference(poolNode, pools: pools, what: "queue 'agents'") {
        if let defaultPool, defaultPool != index {
          reader.error(
            "queue 'agents' ('\(pools[index].name)') differs from forward_to's pool ('\(pools[defaultPool].name)'); the queue waits for the operators it forwards to",
            at: poolNode)
          poolFound = false
        }
        pool = index
      } else {
        poolFound = false
      }
    }
    // Check the other keys even when the pool is unknown: every problem at once.
    var queue = HoldQueue(pool: pool ?? 0, maxSize: platform.queue.defaultMaxSize)
    if let sizeNode = fields["max_size"] {
      guard let size = reader.integer(sizeNode, "queue 'max_size'", in: 0...Int.max) else { return nil }
      if size > platform.queue.largestMaxSize {
        reader.error(
          "queue 'max_size' \(size) is above \(platform.provider)'s limit of \(platform.queue.largestMaxSize) callers per queue",
          at: sizeNode)
        return nil
      }
      queue.maxSize = size
    }
    if let patienceNode = fields["patience"] {
      guard let patience = distribution(patienceNode, "queue 'patience'") else { return nil }
      if queue.maxSize == 0 {
        reader.error("'patience' without a queue: with 'max_size: 0' nobody waits, so nobody abandons", at: fields.keys["patience"]!)
      }
      queue.patience = patience
    }
    if let redialNode = fields["redial"] {
      guard
        let redial = reader.mapping(redialNode, "redial", ScenarioFormat.redial),
        let probabilityNode = redial["probability"], let probability = reader.share(probabilityNode, "redial 'probability'"),
        let delayNode = redial["delay"], let delay = distribution(delayNode, "redial 'delay'")
      else { return nil }
      if probability >= 1 {
        reader.error(
          "redial 'probability' must be below 100%: otherwise a caller who is never answered redials forever", at: probabilityNode)
        return nil
      }
      if delay.uncappedMean <= 0 {
        reader.error("redial 'delay' must have a positive mean", at: delayNode)
        return nil
      }
      if queue.patience == nil && queue.maxSize > 0 {
        reader.warning(
          "'redial' applies to callers who abandon or find the queue full; without 'patience' only a full queue sends callers to redial",
          at: fields.keys["redial"]!)
      }
      queue.redial = RedialPolicy(probability: probability, delay: delay)
    }
    return poolFound && pool != nil ? queue : nil
  }

  /// Adds `ivr`, `queue` and the operators' pool to `trafficClass`, and
  /// checks the combinations.
  mutating func readContactCentre(
    _ fields: YAMLReader.Fields, into trafficClass: inout TrafficClass, pools: [AgentPool]
  ) {
    if let node = fields["ivr"], let ivr = distribution(node, "'ivr'") { trafficClass.ivr = ivr }
    var operators: Int?
    var operatorsNode: Node?
    if trafficClass.type == .forward, let node = fields["forward_to"], case .mapping = node {
      guard let target = reader.mapping(node, "forward_to", ScenarioFormat.forwardTarget),
        let poolNode = target["agents"]
      else { return }
      operatorsNode = poolNode
      operators = poolReference(poolNode, pools: pools, what: "forward_to 'agents'")
      guard let operators else { return }
      trafficClass.forwardToAgents = operators
      let pool = pools[operators]
      if pool.endpoint == .pstn && trafficClass.callerID == .caller {
        reader.error(
          "caller_id 'caller' is not allowed towards the public network: the operators of pool '\(pool.name)' answer on PSTN phones, and Japanese law requires a forwarded call to show one of the account's numbers (use caller_id: account)",
          at: fields["caller_id"] ?? node)
      }
    }
    if let node = fields["queue"] {
      trafficClass.queue = readQueue(node, pools: pools, defaultPool: operators, defaultPoolNode: operatorsNode)
      if trafficClass.type == .forward && operatorsNode == nil {
        reader.error("a forward class queues only for operators: write forward_to: { agents: NAME }", at: node)
      }
    }
    if trafficClass.forwardToAgents != nil, trafficClass.answerShare == 0,
      let queue = trafficClass.queue, queue.maxSize > 0, queue.patience == nil
    {
      reader.error(
        "operators never answer ('answer: 0%') and callers wait without 'patience': every caller would be rung forever",
        at: fields["answer"]!)
    }
  }

  /// Warnings for pools no traffic class reaches.
  mutating func checkPoolsUsed(_ pools: [AgentPool], traffic: [TrafficClass], at node: Node) {
    guard case .sequence(let items) = node else { return }
    for (index, pool) in pools.enumerated() where !traffic.contains(where: { $0.agentPool == index }) {
      reader.warning(
        "agent pool '\(pool.name)' is not used: no traffic class queues for it or forwards to it",
        at: index < items.count ? items[index] : node)
    }
  }
}

extension Node {
  /// Whether the node is a mapping (`forward_to: { agents: NAME }`).
  var isMapping: Bool {
    if case .mapping = self { true } else { false }
  }
}

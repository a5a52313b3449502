import CGSL
import Foundation

/// Closed-form estimates of a scenario without simulation: offered load,
/// M/D/1 and M/M/1 waits at the API gate, the Poisson tail of M/G/inf
/// concurrency against each threshold, Erlang B/C under an account cap,
/// and fixed-window trunk refusals. Each row says which formula it used;
/// where no formula applies (bursts, time-varying load) the row says so
/// instead of printing a wrong number.
public struct Estimate: Sendable {
  public struct Row: Sendable, Equatable {
    public var scope: String
    public var quantity: String
    /// The figure, or nil where the formula does not apply.
    public var value: Double?
    public var unit: Metric.Unit?
    public var text: String
    public var method: String
  }

  public let scenario: Scenario
  public private(set) var rows: [Row] = []

  public init(_ scenario: Scenario) {
    self.scenario = scenario
    let loads = OfferedLoad.of(scenario)
    addLoads(loads)
    addApiGate(loads)
    addTrunks(loads)
    addConcurrency(loads)
    addAccountCap(loads)
    addAgentPools(loads)
  }

  /// Erlang C (no patience), Erlang A (exponential patience, the exact
  /// M/M/c+M chain) and Erlang B (`max_size: 0`) per agent pool, when its
  /// callers fit their assumptions; otherwise a note saying which fails.
  private mutating func addAgentPools(_ loads: [OfferedLoad]) {
    for (index, pool) in scenario.agents.enumerated() {
      let scope = "agents:\(pool.name)"
      let classes = scenario.traffic.filter { $0.agentPool == index }
      guard let traffic = classes.first, let load = loads.first(where: { $0.traffic == traffic.name }) else { continue }
      var problems: [String] = []
      if classes.count > 1 { problems.append("several classes share the pool") }
      if !load.isPoisson { problems.append("arrivals are not one homogeneous Poisson rate") }
      guard case .constant(let agents) = pool.staffing else {
        add(scope, "Erlang C/A/B", nil, nil, method: "not applicable: the number of agents changes over time (simulate)")
        continue
      }
      guard case .exponential(let talk) = traffic.duration.shape, traffic.duration.cap == nil else {
        add(scope, "Erlang C/A/B", nil, nil, method: "not applicable: talk time is not exponential (simulate)")
        continue
      }
      var patience: Double?
      if let spec = traffic.queue?.patience {
        if case .exponential(let mean) = spec.shape, spec.cap == nil {
          patience = mean
        } else {
          problems.append("patience is not exponential")
        }
      }
      if pool.wrapUp.uncappedMean > 0 { problems.append("agents wrap up after each call") }
      if traffic.forwardToAgents != nil && traffic.answerShare < 1 { problems.append("operators do not always answer") }
      if traffic.queue?.redial != nil { problems.append("callers redial") }
      if !problems.isEmpty {
        add(scope, "Erlang C/A/B", nil, nil, method: "not applicable: " + problems.joined(separator: "; ") + " (simulate)")
        continue
      }
      let maxQueue = traffic.queue?.maxSize ?? 0
      let model = maxQueue == 0 ? "Erlang B" : patience == nil ? "Erlang C" : "Erlang A (M/M/c+M chain)"
      let within = scenario.objectives.serviceLevelWithinSeconds
      let state = AgentQueueSteadyState(
        arrivalsPerSecond: load.meanPerSecond, meanTalkSeconds: talk, agents: agents, meanPatienceSeconds: patience,
        maxQueue: maxQueue, within: within)
      let method = "\(model): \(agents) agents, \(Format.decimal(load.load, digits: 4)) erlangs"
      if maxQueue == 0 {
        add(scope, "refused (queue-full)", state.queueFullProbability, .share, method: method)
      } else {
        add(scope, "probability of waiting", state.waitProbability, .share, method: method)
        add(scope, "mean answer wait", state.meanAnswerWait, .seconds, method: method)
        if let level = state.serviceLevel {
          add(scope, "service level (\(Readable.duration(within)))", level, .share, method: method)
        }
        if patience != nil { add(scope, "abandonment", state.abandonProbability, .share, method: method) }
        if state.queueFullProbability > 1e-9 { add(scope, "refused (queue-full)", state.queueFullProbability, .share, method: method) }
      }
      add(
        scope, "mean callers in the system", state.meanInSystem, .calls,
        method: method + "; talking or waiting: the \(traffic.type.category.rawValue) concurrency the pool holds"
          + (traffic.ivr != nil ? " (IVR time adds to it)" : ""))
    }
  }

  /// The row for a quantity of a scope, for tests and comparisons.
  public func value(_ scope: String, _ quantity: String) -> Double? {
    rows.first { $0.scope == scope && $0.quantity == quantity }?.value
  }

  private mutating func add(
    _ scope: String, _ quantity: String, _ value: Double?, _ unit: Metric.Unit?, method: String, text: String? = nil
  ) {
    // Shares below one in a million print as a bound rather than as 7.85e-70%.
    let tiny = unit == .share && (value ?? 1) > 0 && (value ?? 1) < 1e-6
    let shown = text ?? (tiny ? "< 0.0001%" : value.map { MetricText.number($0, unit ?? .calls) } ?? "n/a")
    rows.append(Row(scope: scope, quantity: quantity, value: value, unit: unit, text: shown, method: method))
  }

  private mutating func addLoads(_ loads: [OfferedLoad]) {
    for load in loads {
      add(
        "traffic:\(load.traffic)", "offered load (erlangs)", load.load, .calls,
        method: "Little's law: \(Quantity.humanRate(load.meanPerSecond)) x \(Readable.duration(load.holdSeconds)) held"
          + (load.isPoisson ? "" : " (mean over the horizon)")
          + (load.reachableShare < 1 ? "; only the \(Format.percent(load.reachableShare)) of calls that can connect" : ""))
    }
  }

  private mutating func addApiGate(_ loads: [OfferedLoad]) {
    let api = loads.filter { $0.gate == .api }
    guard !api.isEmpty else { return }
    let settings = scenario.account.api
    let cps = settings.cps
    if api.allSatisfy(\.isPoisson) {
      let lambda = api.reduce(0) { $0 + $1.meanPerSecond }
      let md1 = MD1Queue(arrivalsPerSecond: lambda, cps: cps)
      add(
        "api", "utilisation", md1.utilisation, .share,
        method: "rho = lambda / CPS = \(Quantity.humanRate(lambda)) / \(Quantity.shortest(cps))")
      guard md1.isStable else {
        let growth = lambda - cps
        let capacity = settings.queueLimitSeconds * cps
        add(
          "api", "queue_wait_mean", nil, nil, method: "overloaded (rho >= 1): no steady state",
          text: "grows without bound; the queue fills (\(Readable.estimate(capacity)) requests) after about "
            + "\(Readable.duration(capacity / growth)), then \(scenario.platform.errors.apiQueueFull) refuses about "
            + "\(Format.percent(growth / lambda)) of requests")
        return
      }
      let pacing = settings.pacing == .smooth ? "M/D/1" : "M/D/1 (approximate: fixed-window pacing releases in clock-second batches)"
      add("api", "queue_wait_mean", md1.meanWait, .seconds, method: "\(pacing), Pollaczek-Khinchine")
      add("api", "queue_wait_p95", md1.waitQuantile(0.95), .seconds, method: "\(pacing), Erlang's waiting-time distribution")
      add("api", "queue_wait_p99", md1.waitQuantile(0.99), .seconds, method: "\(pacing), Erlang's waiting-time distribution")
      let mm1 = MM1Queue(arrivalsPerSecond: lambda, cps: cps)
      add("api", "queue_wait_mean (M/M/1)", mm1.meanWait, .seconds, method: "M/M/1 reference: exponential release gaps")
      add("api", "queue_wait_p95 (M/M/1)", mm1.waitQuantile(0.95), .seconds, method: "M/M/1 reference: P(W > t) = rho e^-(mu-lambda)t")
      add("api", "queue_length_mean", lambda * md1.meanWait, .calls, method: "Little's law: lambda x mean wait")
      return
    }
    // A lone burst drains deterministically: request i waits i / CPS.
    let bursts = api.flatMap { load in
      scenario.traffic.first { $0.name == load.traffic }?.arrivals ?? []
    }
    if bursts.count == 1, case .burst(_, let count, let spread) = bursts[0], spread == 0, settings.pacing == .smooth {
      let n = Double(count)
      add("api", "queue_wait_mean", (n - 1) / (2 * cps), .seconds, method: "lone burst, smooth pacing: request i waits i / CPS")
      add("api", "queue_wait_p95", (0.95 * n).rounded(.up) / cps - 1 / cps, .seconds, method: "lone burst: order statistic")
      add("api", "queue_wait_max", (n - 1) / cps, .seconds, method: "lone burst: (count - 1) / CPS")
      return
    }
    add(
      "api", "queue_wait_p95", nil, nil, method: "M/D/1 needs stationary Poisson requests",
      text: "does not apply: requests arrive \(Self.shape(api)); simulate with `callcap run`")
  }

  private mutating func addTrunks(_ loads: [OfferedLoad]) {
    for trunk in scenario.account.trunks {
      let through = loads.filter { $0.gate == .trunk(trunk.name) }
      guard !through.isEmpty else { continue }
      let scope = "trunk:\(trunk.name)"
      guard through.allSatisfy(\.isPoisson) else {
        add(
          scope, "rejected_rate", nil, nil, method: "needs stationary Poisson attempts",
          text: "does not apply: attempts arrive \(Self.shape(through))")
        continue
      }
      guard trunk.limiter == .fixedWindow, trunk.retry == nil else {
        add(
          scope, "rejected_rate", nil, nil,
          method: "no closed form for the \(trunk.limiter.rawValue) limiter\(trunk.retry == nil ? "" : " with retries")",
          text: "simulate with `callcap run`")
        continue
      }
      // Attempts per clock second are Poisson(lambda); those beyond the allowance are refused.
      let lambda = through.reduce(0) { $0 + $1.meanPerSecond }
      let allowance = Int(trunk.cps.rounded())
      var excess = lambda - Double(allowance)
      for k in 0..<allowance { excess += Double(allowance - k) * gsl_ran_poisson_pdf(UInt32(k), lambda) }
      add(scope, "rejected_rate", excess / lambda, .share, method: "fixed window: E[(N - CPS)+] / lambda, N ~ Poisson(lambda x 1 s)")
    }
    if scenario.account.trunkPool != nil, loads.contains(where: \.gate.isTrunk) {
      add(
        Scope.trunkPool.description, "rejected_rate", nil, nil,
        method: "no closed form: the pool sees the attempts its trunks admitted, which are not Poisson",
        text: "simulate with `callcap run`")
    }
  }

  private mutating func addConcurrency(_ loads: [OfferedLoad]) {
    let thresholds = scenario.account.thresholds
    let headroom = scenario.objectives.thresholdHeadroom ?? 0
    for category in [ConcurrencyCategory.inbound, .outbound, .forwarded] {
      let members = loads.filter { $0.category == category }
      guard !members.isEmpty, let threshold = thresholds.value(for: category) else { continue }
      let scope = category.rawValue
      if members.contains(where: \.hasBurst) {
        add(
          scope, "mean_concurrency", nil, nil, method: "M/G/inf needs Poisson arrivals",
          text: "does not apply: a burst; simulate with `callcap plan`")
        continue
      }
      let stationary = members.allSatisfy(\.isPoisson)
      let load = members.reduce(0) { $0 + (stationary ? $1.load : $1.peakLoad) }
      let basis =
        stationary ? "M/G/inf: Poisson(offered load)" : "M/G/inf at the peak-hour rate (assumes calls much shorter than a profile step)"
      let gated = members.contains { $0.gate.isTrunk }
      let caveat = gated ? "; ignores \(scenario.platform.errors.trunkCPS) refusals (an upper bound)" : ""
      add(scope, stationary ? "mean_concurrency" : "mean_concurrency at peak", load, .calls, method: basis + caveat)
      let atThreshold = PoissonConcurrency.probabilityAtLeast(threshold, load: load)
      add(scope, "share of time at or above \(threshold)", atThreshold, .share, method: "Poisson tail P(N >= \(threshold))" + caveat)
      if headroom > 0 {
        let limit = Int((Double(threshold) * (1 - headroom)).rounded(.down))
        add(
          scope, "share of time above \(limit) (headroom)", PoissonConcurrency.probabilityAtLeast(limit + 1, load: load), .share,
          method: "Poisson tail P(N > \(limit))" + caveat)
      }
      add(
        scope, "level exceeded 0.1% of the time", Double(PoissonConcurrency.level(exceededWith: 0.001, load: load)), .calls,
        method: "Poisson quantile" + caveat)
    }
  }

  private mutating func addAccountCap(_ loads: [OfferedLoad]) {
    let profile = scenario.account.profile
    let trunked = loads.contains { $0.gate.isTrunk }
    let caps = scenario.platform.caps(for: profile)
    guard let cap = trunked ? caps.trunking : caps.voice else { return }
    guard loads.allSatisfy(\.isPoisson) else {
      add(
        "total", "calls_refused_concurrency share", nil, nil, method: "Erlang B needs Poisson arrivals",
        text: "does not apply: \(Self.shape(loads)); simulate with `callcap run`")
      return
    }
    let load = loads.reduce(0) { $0 + $1.load }
    add(
      "total", "refused at the \(profile.rawValue) cap of \(cap) (\(scenario.platform.errors.accountCap))",
      Erlang.b(load: load, servers: cap),
      .share,
      method: "Erlang B, \(Format.decimal(load, digits: 3)) erlangs on \(cap) lines (any duration distribution)")
    add(
      "total", "would wait if queued for a line", Erlang.c(load: load, servers: cap), .share,
      method: "Erlang C: if a dialer held calls until a line frees instead of being refused")
  }

  private static func shape(_ loads: [OfferedLoad]) -> String {
    loads.contains(where: \.hasBurst) ? "in a burst" : "at a time-varying rate"
  }

  /// The estimates as a Markdown table.
  public func render() -> String {
    var text = "# callcap estimate: \(scenario.name)\n\n"
    text += "Closed-form estimates at the configured CPS, without simulation; steady state unless a row says otherwise.\n\n"
    text += "| scope | quantity | estimate | formula |\n|---|---|---|---|\n"
    for row in rows {
      text += "| \(row.scope) | \(row.quantity) | \(row.text) | \(row.method) |\n"
    }
    return text
  }
}

/// The scenario format, one declaration per key (SPEC "Scenario file").
///
/// The loader (``ScenarioBuilder``) takes every mapping's allowed and
/// required keys from these declarations, `callcap schema` writes them as a
/// JSON Schema, and a test checks that the README documents every key, so
/// the three cannot drift apart. Value parsing (units, ranges,
/// cross-references) stays in the loader; the declarations carry what a
/// schema can check.
public enum ScenarioFormat {
  static let trafficTypes = TrafficType.allCases.map(\.rawValue)
  static let inbound = TrafficType.inbound.rawValue
  static let outbound = TrafficType.outbound.rawValue
  static let forward = TrafficType.forward.rawValue

  /// Scopes an expectation may name (which ones exist depends on the file).
  static let scopePattern =
    "^(api|\(Scope.trunkPool.description)|" + ConcurrencyCategory.allCases.map(\.rawValue).joined(separator: "|")
    + "|(trunk|traffic|agents):.+)$"

  /// Names of traffic classes, trunks and agent pools.
  static let namePattern = "^[A-Za-z0-9._-]+$"

  // MARK: - top level

  public static let scenario = MappingDeclaration(
    "A callcap scenario: the account, its traffic and what to plan against.",
    keys: [
      KeyDeclaration(
        "callcap", .integer(ScenarioLoader.supportedVersion...ScenarioLoader.supportedVersion), .required, "Format version; must be 1."),
      KeyDeclaration(
        "name", .text(pattern: "^(?!\\.{1,2}$)[a-z0-9._-]+$"), .required,
        "Report folder name: a-z, 0-9, '.', '_' and '-' (not . or ..)."),
      KeyDeclaration("description", .text(pattern: nil), "One line shown in reports."),
      KeyDeclaration("simulation", .mapping(simulation), .required, "How long and how often to simulate."),
      KeyDeclaration("account", .mapping(account), "Platform limits of the account (default: a business profile at 1 CPS)."),
      KeyDeclaration("numbers", .list(of: .phoneNumber, single: true), "Numbers the account holds (050, 0800, 0120)."),
      KeyDeclaration("numbering", .mapping(numbering), "Overrides of the default dialing rules by prefix."),
      KeyDeclaration("traffic", .list(of: .mapping(trafficClass), minItems: 1), .required, "The traffic classes."),
      KeyDeclaration("objectives", .mapping(objectives), "What `plan` recommends against."),
      KeyDeclaration("tiers", .list(of: .cps, minItems: 1), "Candidate CPS values for `plan` (default 1, 2, 3, 5, 10, 15, 20, 30, 50)."),
      KeyDeclaration("expect", .list(of: .mapping(expectation)), "Regression limits for `check`."),
      KeyDeclaration("agents", .list(of: .mapping(agentPool)), "Pools of people who answer calls (contact centres)."),
    ])

  public static let simulation = MappingDeclaration(
    "How long and how often to simulate.",
    keys: [
      KeyDeclaration("horizon", .duration, .required, "Simulated span of one replication (at most 3650d)."),
      KeyDeclaration("warmup", .duration, "Statistics ignore this initial span (default 0s)."),
      KeyDeclaration("replications", .integer(InputLimits.replications), "Independent runs, 1 to 100,000 (default 10)."),
      KeyDeclaration(
        "max_replications", .integer(InputLimits.replications), "Most replications `plan` may run to decide (default 2000)."),
      KeyDeclaration("seed", .integer(0...Int.max), "Random seed, 0 to 2^63-1 (default 1); same seed, same reports."),
      KeyDeclaration("start", .clockTime, "Wall-clock time at t = 0, \"HH:MM\" (default \"00:00\"); profiles and bursts use it."),
      KeyDeclaration("resolution", .duration, "Width of a time-series bucket (default suits the horizon)."),
    ])

  // MARK: - account

  public static let account = MappingDeclaration(
    "Platform limits of the account.",
    keys: [
      KeyDeclaration(
        "profile", .choice(AccountProfile.allCases.map(\.rawValue)), "Account profile; caps simultaneous calls (default business)."),
      KeyDeclaration("api", .mapping(api), "The Programmable Voice API gate."),
      KeyDeclaration("trunks", .list(of: .mapping(trunk)), "Elastic SIP trunks."),
      KeyDeclaration("trunk_pool", .mapping(trunkPool), "Pooled trunk CPS shared by every trunk."),
      KeyDeclaration("thresholds", .mapping(thresholds), "Suspension guideline, in simultaneous calls."),
      KeyDeclaration("count_ringing", .boolean, "Whether a ringing call counts as simultaneous (default true)."),
      KeyDeclaration("max_call_length", .duration, "Calls are cut at this length (default 4h)."),
    ])

  public static let api = MappingDeclaration(
    "The Programmable Voice API gate.",
    keys: [
      KeyDeclaration("cps", .cps, "Calls per second, a whole number from 1 to 10,000 (default 1)."),
      KeyDeclaration("pacing", .choice(PacingModel.allCases.map(\.rawValue)), "How the API releases queued calls (default smooth)."),
      KeyDeclaration("queue_limit", .duration, "Most queued work, as time at the current CPS (default 24h)."),
      KeyDeclaration("tiers", .list(of: .cps, minItems: 1), "CPS values `plan` considers for this gate."),
      KeyDeclaration("price_per_cps", .positiveNumber, "Monthly price of one CPS, any currency (default 1)."),
    ])

  public static let trunk = MappingDeclaration(
    "An Elastic SIP trunk.",
    keys: [
      KeyDeclaration("name", .text(pattern: namePattern), .required, "Trunk name, used as `via: trunk:<name>`."),
      KeyDeclaration("cps", .cps, "Trunk CPS, a whole number from 1 to 10,000 (default 1)."),
      KeyDeclaration("limiter", .choice(LimiterModel.allCases.map(\.rawValue)), "How the trunk counts CPS (default sliding-window)."),
      KeyDeclaration("burst", .positiveNumber, "Token-bucket capacity, 1 to 1,000,000 (default = cps)."),
      KeyDeclaration("retry", .mapping(retry), "How the PBX retries after a 503 (default: no retry)."),
      KeyDeclaration("tiers", .list(of: .cps, minItems: 1), "CPS values `plan` considers for this trunk."),
      KeyDeclaration("price_per_cps", .positiveNumber, "Monthly price of one CPS on this trunk (default 1)."),
    ])

  public static let retry = MappingDeclaration(
    "How the PBX retries after a 503.",
    keys: [
      KeyDeclaration("attempts", .integer(0...100), .required, "Retries after the first attempt, 0 to 100."),
      KeyDeclaration("delay", .distribution, .required, "Time before each retry, a distribution."),
    ])

  public static let trunkPool = MappingDeclaration(
    "Pooled trunk CPS shared by every trunk; needs at least one trunk.",
    keys: [
      KeyDeclaration("cps", .cps, .required, "The pool's CPS, a whole number from 1 to 10,000."),
      KeyDeclaration("limiter", .choice(LimiterModel.allCases.map(\.rawValue)), "How the pool counts CPS (default sliding-window)."),
      KeyDeclaration("burst", .positiveNumber, "Token-bucket capacity, 1 to 1,000,000 (default = cps)."),
      KeyDeclaration("tiers", .list(of: .cps, minItems: 1), "CPS values `plan` considers for the pool."),
      KeyDeclaration("price_per_cps", .positiveNumber, "Monthly price of one pooled CPS (default 1)."),
    ])

  public static let thresholds = MappingDeclaration(
    "Suspension guideline, in simultaneous calls.",
    keys: [
      KeyDeclaration("inbound", .integer(1...10_000_000), "Simultaneous inbound calls (default 100)."),
      KeyDeclaration("outbound", .integer(1...10_000_000), "Simultaneous outbound calls (default 100)."),
      KeyDeclaration("forwarded", .integer(1...10_000_000), "Simultaneous forwarded calls (default 50)."),
    ])

  public static let numbering = MappingDeclaration(
    "Overrides of the default dialing rules by prefix.",
    keys: [
      KeyDeclaration("allow", .list(of: .prefix, single: true), "Prefixes to allow, such as 0570."),
      KeyDeclaration("deny", .list(of: .prefix, single: true), "Prefixes to refuse, such as 0180."),
    ])

  // MARK: - traffic

  /// Kinds a callers' mix names (`from:` on inbound and forward traffic).
  public static let callerMix = MappingDeclaration(
    "Callers' mix by kind; shares add up to 100%.",
    keys: Reachability.callerKinds.map { KeyDeclaration($0, .share, "Share of callers on \($0) lines.") }, minKeys: 1)

  /// Kinds an outbound destination mix names.
  public static let destinationMix = MappingDeclaration(
    "Destination mix by kind; shares add up to 100%.",
    keys: NumberKind.allCases.filter(DialingRules.kindIsDialable).map {
      KeyDeclaration($0.rawValue, .share, "Share of calls to \($0.rawValue) numbers.")
    }, minKeys: 1)

  public static let trafficClass = MappingDeclaration(
    "A traffic class: calls of one type with their arrivals and durations.",
    keys: [
      KeyDeclaration("name", .text(pattern: namePattern), .required, "Class name, unique: letters, digits, '.', '_' and '-'."),
      KeyDeclaration("type", .choice(trafficTypes), .required, "inbound, outbound or forward."),
      KeyDeclaration(
        "via", .text(pattern: "^(api|trunk:.+)$"), only: [outbound, forward], "The gate: api or trunk:<name> (outbound default api)."),
      KeyDeclaration(
        "to", .anyOf([.phoneNumber, .list(of: .phoneNumber), .mapping(destinationMix)]), .requiredFor([inbound, forward]),
        "Inbound/forward: the account number called; outbound: a destination mix by kind or a list of numbers."),
      KeyDeclaration(
        "from", .anyOf([.phoneNumber, .mapping(callerMix)]),
        "Outbound: the caller ID, one of `numbers`; inbound/forward: the callers' mix by kind."),
      KeyDeclaration(
        "forward_to", .anyOf([.phoneNumber, .mapping(forwardTarget)]), .requiredFor([forward]), only: [forward],
        "A PSTN number, sip:... or client:..., or { agents: NAME }."),
      KeyDeclaration(
        "caller_id", .choice(CallerIDPolicy.allCases.map(\.rawValue)), only: [forward],
        "Caller ID of the forwarded leg (default account)."),
      KeyDeclaration(
        "arrivals", .anyOf([.mapping(arrival), .list(of: .mapping(arrival), minItems: 1)]), .required,
        "One arrival process, or a list of them (superposed)."),
      KeyDeclaration("ring", .distribution, only: [outbound, forward], "Ring time distribution (default 0s)."),
      KeyDeclaration("answer", .share, only: [outbound, forward], "Share answered (default 100%)."),
      KeyDeclaration("duration", .distribution, .required, "Talk time distribution (after answer)."),
      KeyDeclaration("ivr", .distribution, only: [inbound, forward], "Self-service time before queueing."),
      KeyDeclaration("queue", .mapping(queue), only: [inbound, forward], "Callers wait for an agent pool."),
      KeyDeclaration("dialer", .mapping(dialer), only: [outbound], "The application's own pacing of this class."),
      KeyDeclaration(
        "deadline", .clockOrDuration, only: [outbound], "Every call placed by then: a clock time \"12:00\" or an offset such as 4h."),
    ], variantKey: "type")

  public static let forwardTarget = MappingDeclaration(
    "Forward to a free member of an agent pool.",
    keys: [KeyDeclaration("agents", .text(pattern: namePattern), .required, "The agent pool rung.")])

  public static let arrival = MappingDeclaration(
    "One arrival process: exactly one of rate, profile, burst or every.",
    keys: [
      KeyDeclaration("rate", .rate, "Homogeneous Poisson arrivals at this rate."),
      KeyDeclaration(
        "profile", .anyOf([.list(of: .profileRate, minItems: 1), .mapping(profile)]),
        "Piecewise-constant Poisson: hourly rates, { every, rates } or { file }."),
      KeyDeclaration("burst", .mapping(burst), "Requests at one time, optionally spread."),
      KeyDeclaration("every", .duration, "One arrival every interval, the first at t = 0."),
    ], minKeys: 1, maxKeys: 1)

  public static let profile = MappingDeclaration(
    "A rate profile: `every` with `rates`, or a `file` of time,rate rows.",
    keys: [
      KeyDeclaration("every", .duration, "Segment length (default 1h)."),
      KeyDeclaration("rates", .list(of: .profileRate, minItems: 1), "One rate per segment; bare numbers are calls per hour."),
      KeyDeclaration("file", .text(pattern: nil), "CSV of time,rate rows, relative to the scenario file."),
    ], minKeys: 1)

  public static let burst = MappingDeclaration(
    "Requests at one time.",
    keys: [
      KeyDeclaration("at", .clockOrDuration, .required, "A clock time \"10:00\" or an offset such as 2h."),
      KeyDeclaration("count", .integer(1...1_000_000_000), .required, "Requests, 1 to 1,000,000,000."),
      KeyDeclaration("spread", .duration, "Span over which the requests are spread uniformly (default 0s)."),
    ])

  public static let dialer = MappingDeclaration(
    "The application's own pacing: at least one limit.",
    keys: [
      KeyDeclaration("max_in_progress", .integer(1...10_000_000), "Most calls of this class in progress."),
      KeyDeclaration("max_rate", .rate, "Most call starts per unit of time."),
    ], minKeys: 1)

  // MARK: - contact centres

  public static let agentPool = MappingDeclaration(
    "A pool of people who answer calls.",
    keys: [
      KeyDeclaration("name", .text(pattern: namePattern), .required, "Pool name, unique: letters, digits, '.', '_' and '-'."),
      KeyDeclaration(
        "count", .anyOf([.integer(0...InputLimits.agents), .mapping(agentProfile)]), .required,
        "Agents on duty: a whole number, or { every, counts } shifts."),
      KeyDeclaration("wrap_up", .distribution, "After-call work (default 0s)."),
      KeyDeclaration("endpoint", .choice(AgentEndpoint.allCases.map(\.rawValue)), "Where the agents answer (default client)."),
    ])

  public static let agentProfile = MappingDeclaration(
    "Agents on duty per interval from `start`.",
    keys: [
      KeyDeclaration("every", .duration, .required, "Interval length, at least 1m."),
      KeyDeclaration("counts", .list(of: .integer(0...InputLimits.agents), minItems: 1), .required, "Agents on duty per interval."),
    ])

  public static let queue = MappingDeclaration(
    "Callers wait for an agent pool, first come first served.",
    keys: [
      KeyDeclaration(
        "agents", .text(pattern: namePattern), .requiredUnless("forward_to: { agents: NAME } names the pool"),
        "The agent pool callers wait for (a forward class: its forward_to pool)."),
      KeyDeclaration("max_size", .integer(0...Int.max), "Most callers waiting, 0 to 5000 (default 1000)."),
      KeyDeclaration("patience", .distribution, "How long a caller waits before abandoning (default: forever)."),
      KeyDeclaration("redial", .mapping(redial), "Callers who abandon or find the queue full call again."),
    ])

  public static let redial = MappingDeclaration(
    "Callers who abandon or find the queue full call again.",
    keys: [
      KeyDeclaration("probability", .share, .required, "Chance of calling again, below 100%."),
      KeyDeclaration("delay", .distribution, .required, "Time before calling again."),
    ])

  // MARK: - objectives and expectations

  public static let objectives = MappingDeclaration(
    "What `plan` recommends against.",
    keys: [
      KeyDeclaration("queue_wait_p95", .duration, "Most 95th-percentile API queue wait, per gate."),
      KeyDeclaration("queue_wait_max", .duration, "Most longest API queue wait."),
      KeyDeclaration("rejected", .share, "Most share of call attempts finally refused."),
      KeyDeclaration("threshold_headroom", .share, "Keep each peak at least this far below its threshold."),
      KeyDeclaration("suspension_risk", .share, "Most acceptable chance that one horizon reaches a threshold (default 1%)."),
      KeyDeclaration("service_level", .mapping(serviceLevel), "Share of callers answered within a time."),
      KeyDeclaration("abandoned", .share, "Most share of callers who abandon the queue."),
      KeyDeclaration("answer_wait_p95", .duration, "Most 95th-percentile wait for an agent."),
      KeyDeclaration("late", .share, "Most late share of every class with a deadline."),
    ],
    patternKey: PatternKey(
      prefix: "traffic:", spelling: "traffic:<name>", kind: .mapping(trafficObjectives), summary: "One traffic class's own limits."))

  public static let serviceLevel = MappingDeclaration(
    "Share of callers answered within a time.",
    keys: [
      KeyDeclaration("within", .duration, "The answer time (default 20s)."),
      KeyDeclaration("min", .share, .required, "Least share answered within it, above 0% and below 100%."),
    ])

  public static let trafficObjectives = MappingDeclaration(
    "One traffic class's own limits.",
    keys: [
      KeyDeclaration("late", .share, "Most late share; the class needs a deadline."),
      KeyDeclaration("rejected", .share, "Most share of this class's calls refused."),
      KeyDeclaration("dialer_wait_p95", .duration, "Most 95th-percentile wait inside the dialer; needs a dialer."),
      KeyDeclaration("dialer_wait_max", .duration, "Most longest wait inside the dialer; needs a dialer."),
    ])

  public static let expectation = MappingDeclaration(
    "A regression limit for `check`: a metric in a scope, with min and/or max.",
    keys: [
      KeyDeclaration("metric", .choice(Metric.allCases.map(\.rawValue)), .required, "The metric judged."),
      KeyDeclaration(
        "scope", .text(pattern: scopePattern), .required,
        "api, trunk:<name>, trunk-pool, inbound, outbound, forwarded, total, traffic:<name> or agents:<name>."),
      KeyDeclaration("min", .anyOf([.duration, .share, .nonNegativeNumber]), "Least value, in the metric's unit."),
      KeyDeclaration("max", .anyOf([.duration, .share, .nonNegativeNumber]), "Most value, in the metric's unit."),
      KeyDeclaration("tier", .cps, "The CPS whose run is judged (default the configured one)."),
    ])

  /// Every mapping of the format with the path people know it by, in a stable order.
  public static var mappings: [(path: String, declaration: MappingDeclaration)] {
    var found: [(String, MappingDeclaration)] = []
    func walk(_ kind: ValueKind, _ path: String) {
      switch kind {
      case .mapping(let declaration):
        found.append((path, declaration))
        for key in declaration.keys { walk(key.kind, path.isEmpty ? key.name : "\(path).\(key.name)") }
        if let pattern = declaration.patternKey { walk(pattern.kind, "\(path).\(pattern.spelling)") }
      case .list(let item, _, _): walk(item, path + "[]")
      case .anyOf(let kinds): for kind in kinds { walk(kind, path) }
      default: break
      }
    }
    walk(.mapping(scenario), "")
    return found
  }
}

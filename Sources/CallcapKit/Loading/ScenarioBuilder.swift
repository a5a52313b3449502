import Foundation
import Yams

/// Turns a composed YAML tree into a ``Scenario``, section by section.
/// Problems go to `reader.bag`; a section with errors yields nil (or a
/// default) so the walk continues and every problem is found.
struct ScenarioBuilder {
  var reader: YAMLReader
  let baseDirectory: String
  let maxCalls: Double
  /// Defaults, limits and wording of the platform.
  let platform: PlatformRules
  /// Whether an entry of `numbers` was reported unreadable: a number not
  /// found among the rest may be that one, so it is not reported again.
  var numbersIncomplete = false
  /// Names of traffic classes reported invalid (or nil when the list
  /// itself was unreadable): checks that look classes up skip these, so a
  /// bad class is reported once, not again by every objective and
  /// expectation that names it or the gate it passes.
  var unloadedTraffic: [String]? = []

  init(path: String, baseDirectory: String, maxCalls: Double, platform: PlatformRules, documentLength: Int = 0) {
    reader = YAMLReader(file: path, characterBudget: YAMLReader.characterBudget(forDocumentOf: documentLength))
    self.baseDirectory = baseDirectory
    self.maxCalls = maxCalls
    self.platform = platform
  }

  mutating func build(_ root: Node) -> Scenario? {
    guard let top = reader.mapping(root, "the scenario", ScenarioFormat.scenario)
    else {
      return nil
    }
    if let node = top["callcap"], let version = reader.integer(node, "'callcap' (the format version)", in: 0...Int.max),
      version != ScenarioLoader.supportedVersion
    {
      reader.error("unsupported format version \(version); this callcap reads 'callcap: \(ScenarioLoader.supportedVersion)'", at: node)
    }
    var name = ""
    if let node = top["name"], let text = reader.string(node, "'name'") {
      if text.range(of: "^[a-z0-9._-]+$", options: .regularExpression) == nil || text == "." || text == ".." {
        reader.error("name '\(text)' must use only a-z, 0-9, '.', '_' and '-' (it names the report folder)", at: node)
      }
      name = text
    }
    let description = top["description"].flatMap { reader.scalar($0, "'description'") } ?? ""
    let simulation = top["simulation"].flatMap { readSimulation($0) }
    let account = top["account"].map { readAccount($0) } ?? Account(platform: platform)
    let numbers = top["numbers"].map { readNumbers($0) } ?? []
    let numbering = top["numbering"].map { readNumbering($0) } ?? NumberingOverrides()
    let rules = DialingRules(overrides: numbering)
    let agents = top["agents"].map { readAgents($0, simulation: simulation) } ?? []
    var traffic: [TrafficClass] = []
    unloadedTraffic = nil
    if let node = top["traffic"], let items = reader.list(node, "'traffic'") {
      unloadedTraffic = []
      if items.isEmpty { reader.error("'traffic' needs at least one traffic class", at: node) }
      var seen: [String: Node] = [:]
      for item in items {
        guard let trafficClass = readTraffic(item, account: account, numbers: numbers, rules: rules, simulation: simulation, pools: agents)
        else {
          unloadedTraffic?.append(Self.declaredName(item) ?? "")
          continue
        }
        if seen[trafficClass.name] != nil {
          reader.error("duplicate traffic name '\(trafficClass.name)'", at: item)
        }
        seen[trafficClass.name] = item
        traffic.append(trafficClass)
      }
    }
    if let node = top["agents"], trafficComplete { checkPoolsUsed(agents, traffic: traffic, at: node) }
    let objectives = top["objectives"].map { readObjectives($0, traffic: traffic) } ?? Objectives()
    let tiers = top["tiers"].flatMap { readTiers($0) } ?? Scenario.defaultTiers
    let expectations = top["expect"].map { readExpectations($0, account: account, traffic: traffic, agents: agents) } ?? []

    guard let simulation else { return nil }
    let scenario = Scenario(
      path: reader.bag.file, name: name, description: description, simulation: simulation, account: account,
      numbers: numbers, numbering: numbering, traffic: traffic, agents: agents, objectives: objectives, tiers: tiers,
      expectations: expectations, warnings: [], platform: platform)
    checkWorkload(scenario, at: top["simulation"]!)
    return scenario
  }

  /// Whether every traffic class loaded.
  var trafficComplete: Bool { unloadedTraffic?.isEmpty ?? false }

  /// Whether `name` is a traffic class that was reported invalid (any
  /// name when the list itself could not be read).
  func isUnloadedTraffic(_ name: String) -> Bool {
    unloadedTraffic.map { $0.contains(name) } ?? true
  }

  /// The `name:` written in a mapping, whatever else is wrong with it.
  static func declaredName(_ node: Node) -> String? {
    guard case .mapping(let mapping) = node, let value = mapping.first(where: { $0.key.scalar?.string == "name" })?.value,
      case .scalar(let scalar) = value
    else { return nil }
    return YAMLSource.restore(scalar.string)
  }

  // MARK: - simulation

  mutating func readSimulation(_ node: Node) -> SimulationSettings? {
    guard
      let fields = reader.mapping(node, "simulation", ScenarioFormat.simulation)
    else { return nil }
    guard let horizonNode = fields["horizon"], let horizon = reader.duration(horizonNode, "'horizon'", positive: true) else {
      return nil
    }
    var settings = SimulationSettings(horizonSeconds: horizon)
    if let node = fields["warmup"], let warmup = reader.duration(node, "'warmup'") {
      if warmup >= horizon {
        reader.error(
          "'warmup' (\(Quantity.humanDuration(warmup))) must be shorter than 'horizon' (\(Quantity.humanDuration(horizon)))", at: node)
      }
      settings.warmupSeconds = warmup
    }
    if let node = fields["replications"], let count = reader.integer(node, "'replications'", in: InputLimits.replications) {
      settings.replications = count
    }
    if let node = fields["max_replications"], let count = reader.integer(node, "'max_replications'", in: InputLimits.replications) {
      settings.maxReplications = count
      if count < settings.replications {
        reader.error("'max_replications' (\(count)) must be at least 'replications' (\(settings.replications))", at: node)
      }
    }
    if let node = fields["seed"], let seed = reader.integer(node, "'seed'", in: 0...Int(InputLimits.seeds.upperBound)) {
      settings.seed = UInt64(seed)
    }
    if let node = fields["start"], let start = reader.quantity(node, "'start'", Quantity.clockTime) {
      settings.startClockSeconds = start
    }
    if let node = fields["resolution"], let resolution = reader.duration(node, "'resolution'", positive: true) {
      settings.resolutionSeconds = resolution
      let buckets = (horizon / resolution).rounded(.up)
      if buckets > Double(ScenarioLoader.maxBuckets) {
        reader.error(
          "'resolution' \(Quantity.humanDuration(resolution)) gives \(Format.decimal(buckets, digits: 3)) time-series buckets over the horizon; at most \(ScenarioLoader.maxBuckets) are allowed (use a coarser resolution)",
          at: node)
      }
    } else {
      settings.resolutionSeconds = SimulationSettings.defaultResolution(span: horizon - settings.warmupSeconds)
    }
    return settings
  }

  // MARK: - account

  mutating func readAccount(_ node: Node) -> Account {
    var account = Account(platform: platform)
    guard let fields = reader.mapping(node, "account", ScenarioFormat.account) else { return account }
    if let node = fields["profile"], let profile = reader.choice(node, "'profile'", AccountProfile.self) {
      account.profile = profile
    }
    if let node = fields["api"] { account.api = readApi(node) }
    var trunksListed = 0
    if let node = fields["trunks"], let items = reader.list(node, "'trunks'") {
      trunksListed = items.count
      var seen = Set<String>()
      for item in items {
        guard let trunk = readTrunk(item) else { continue }
        if !seen.insert(trunk.name).inserted {
          reader.error("duplicate trunk name '\(trunk.name)'", at: item)
        }
        account.trunks.append(trunk)
      }
    }
    if let node = fields["trunk_pool"] {
      account.trunkPool = readTrunkPool(node)
      // A pool shares trunk CPS; without a trunk it would limit nothing.
      if trunksListed == 0 {
        reader.error(
          "'trunk_pool' needs at least one trunk in 'trunks': the pool limits the calls that pass a trunk, and no call passes one here",
          at: node)
      }
    }
    if let node = fields["thresholds"],
      let thresholds = reader.mapping(node, "thresholds", ScenarioFormat.thresholds)
    {
      func threshold(_ key: String, default value: Int) -> Int {
        guard let n = thresholds[key], let v = reader.integer(n, "'\(key)' threshold", in: 1...10_000_000) else { return value }
        return v
      }
      let defaults = account.thresholds
      account.thresholds = Thresholds(
        inbound: threshold("inbound", default: defaults.inbound), outbound: threshold("outbound", default: defaults.outbound),
        forwarded: threshold("forwarded", default: defaults.forwarded))
    }
    if let node = fields["count_ringing"], let value = reader.boolean(node, "'count_ringing'") {
      account.countRinging = value
    }
    if let node = fields["max_call_length"], let value = reader.duration(node, "'max_call_length'", positive: true) {
      if value > platform.longestCallLengthSeconds {
        reader.warning(
          "'max_call_length' \(Quantity.humanDuration(value)) exceeds the platform's \(Format.decimal(platform.longestCallLengthSeconds / 3600))h maximum",
          at: node)
      }
      account.maxCallLengthSeconds = value
    }
    return account
  }

  mutating func readApi(_ node: Node) -> ApiSettings {
    var api = ApiSettings(platform: platform)
    guard let fields = reader.mapping(node, "api", ScenarioFormat.api) else { return api }
    if let node = fields["cps"], let cps = reader.cps(node, "API 'cps'") {
      if cps > platform.selfServe.api.upperBound {
        reader.warning(
          "API CPS \(Quantity.shortest(cps)) is above the self-serve range (\(Self.range(platform.selfServe.api))); it needs a request to \(platform.sales)",
          at: node)
      }
      api.cps = cps
    }
    if let node = fields["pacing"], let pacing = reader.choice(node, "'pacing'", PacingModel.self) {
      api.pacing = pacing
    }
    if let node = fields["queue_limit"], let limit = reader.duration(node, "'queue_limit'", positive: true) {
      api.queueLimitSeconds = limit
    }
    if let node = fields["tiers"] { api.tiers = readGateTiers(node, "API") }
    if let node = fields["price_per_cps"], let price = readPrice(node, "API") { api.pricePerCPS = price }
    return api
  }

  mutating func readTrunk(_ node: Node) -> TrunkSettings? {
    guard
      let fields = reader.mapping(node, "a trunk", ScenarioFormat.trunk),
      let nameNode = fields["name"], let name = reader.string(nameNode, "trunk 'name'")
    else { return nil }
    var trunk = TrunkSettings(name: name, cps: platform.defaultCPS)
    if name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) == nil {
      reader.error("trunk name '\(name)' must use only letters, digits, '.', '_' and '-'", at: nameNode)
    }
    if let node = fields["cps"], let cps = reader.cps(node, "trunk 'cps'") {
      if cps > platform.selfServe.trunk.upperBound {
        reader.warning(
          "trunk CPS \(Quantity.shortest(cps)) is above the self-serve range (\(Self.range(platform.selfServe.trunk))); it needs a request to \(platform.sales)",
          at: node)
      }
      trunk.cps = cps
    }
    if let node = fields["limiter"], let limiter = reader.choice(node, "'limiter'", LimiterModel.self) {
      trunk.limiter = limiter
    }
    if let node = fields["burst"] { trunk.burst = readBurst(node, limiter: trunk.limiter, of: "trunk '\(name)'") }
    if let node = fields["retry"],
      let retry = reader.mapping(node, "retry", ScenarioFormat.retry),
      let attemptsNode = retry["attempts"], let attempts = reader.integer(attemptsNode, "retry 'attempts'", in: 0...100),
      let delayNode = retry["delay"], let delay = distribution(delayNode, "retry 'delay'")
    {
      trunk.retry = RetryPolicy(attempts: attempts, delay: delay)
    }
    if let node = fields["tiers"] { trunk.tiers = readGateTiers(node, "trunk '\(name)'") }
    if let node = fields["price_per_cps"], let price = readPrice(node, "trunk '\(name)'") { trunk.pricePerCPS = price }
    return trunk
  }

  /// `account.trunk_pool`: the pooled trunk CPS shared by every trunk.
  /// Its CPS is required (there is no platform default: the provider sets
  /// a pool up through sales); the trunks' CPS may add up to more than it.
  /// A pool whose CPS is missing or wrong is still returned (at the
  /// default CPS, the error recorded) so its other keys, and expectations
  /// on scope `trunk-pool`, are checked too.
  mutating func readTrunkPool(_ node: Node) -> TrunkPoolSettings? {
    guard let fields = reader.mapping(node, "trunk_pool", ScenarioFormat.trunkPool) else { return nil }
    let cps = fields["cps"].flatMap { reader.cps($0, "trunk_pool 'cps'") }
    var pool = TrunkPoolSettings(cps: cps ?? platform.defaultCPS)
    if let node = fields["limiter"], let limiter = reader.choice(node, "'limiter'", LimiterModel.self) {
      pool.limiter = limiter
    }
    if let node = fields["burst"] { pool.burst = readBurst(node, limiter: pool.limiter, of: "the trunk pool") }
    if let node = fields["tiers"] { pool.tiers = readGateTiers(node, "trunk_pool") }
    if let node = fields["price_per_cps"], let price = readPrice(node, "trunk_pool") { pool.pricePerCPS = price }
    return pool
  }

  /// A token bucket's `burst` (of a trunk or of the pool), with a warning
  /// when `limiter` is another model.
  mutating func readBurst(_ node: Node, limiter: LimiterModel, of owner: String) -> Double? {
    guard let burst = reader.positiveNumber(node, "'burst'") else { return nil }
    if limiter != .tokenBucket {
      reader.warning("'burst' only affects the token-bucket limiter; \(owner) uses \(limiter.rawValue)", at: node)
    }
    if burst < 1 { reader.error("'burst' must be at least 1 (one call needs one token)", at: node) }
    if burst > 1_000_000 { reader.error("'burst' must be at most 1000000 tokens, got \(Quantity.shortest(burst))", at: node) }
    return burst
  }

  /// A gate's own candidate CPS values (`api.tiers`, `trunks[].tiers`,
  /// `trunk_pool.tiers`): whole CPS within ``InputLimits/cps``, each listed
  /// once, at least one; sorted. nil when the list is unusable.
  mutating func readGateTiers(_ node: Node, _ gate: String) -> [Double]? {
    guard let items = reader.list(node, "\(gate) 'tiers'") else { return nil }
    if items.isEmpty {
      reader.error("\(gate) 'tiers' needs at least one CPS value", at: node)
      return nil
    }
    var tiers: [Double] = []
    var valid = true
    for item in items {
      guard let value = reader.cps(item, "\(gate) tier") else {
        valid = false
        continue
      }
      if tiers.contains(value) {
        reader.error("\(gate) tier \(Quantity.shortest(value)) is listed twice", at: item)
        valid = false
      }
      tiers.append(value)
    }
    return valid ? tiers.sorted() : nil
  }

  /// A gate's `price_per_cps`: the monthly price of one CPS in any
  /// currency, a plain positive number (see ``InputLimits/pricePerCPS``).
  mutating func readPrice(_ node: Node, _ gate: String) -> Double? {
    guard let price = reader.positiveNumber(node, "\(gate) 'price_per_cps'") else { return nil }
    guard price <= InputLimits.pricePerCPS.upperBound else {
      reader.error(
        "\(gate) 'price_per_cps' must be at most 1e12, got \(Quantity.shortest(price))",
        at: node)
      return nil
    }
    return price
  }

  // MARK: - numbers

  mutating func readNumbers(_ node: Node) -> [String] {
    guard let items = reader.list(node, "'numbers'", singleAllowed: true) else {
      numbersIncomplete = true
      return []
    }
    var numbers: [String] = []
    var seen: [String: String] = [:]
    for item in items {
      guard let text = reader.string(item, "a number") else {
        numbersIncomplete = true
        continue
      }
      switch PhoneNumber.parse(text) {
      case .failure(let failure):
        reader.error(failure.message, at: item)
        numbersIncomplete = true
      case .success(let number):
        if let earlier = seen[number.digits] {
          reader.error("'\(text)' is listed twice (as '\(earlier)')", at: item)
          continue
        }
        seen[number.digits] = text
        switch number.kind {
        case .ip: break
        case .tollFree where number.prefix == "0120":
          reader.warning("0120 toll-free numbers are sold through \(platform.sales) only", at: item)
        case .tollFree: break
        case .geographic:
          reader.warning(
            "\(platform.provider) does not sell geographic (0AB-J) numbers such as '\(text)'; forward it from another carrier to a 050 number",
            at: item)
        default:
          reader.error("'\(text)' is a \(number.range) number; \(platform.provider) sells 050, 0800 and 0120 numbers in Japan", at: item)
        }
        numbers.append(text)
      }
    }
    return numbers
  }

  mutating func readNumbering(_ node: Node) -> NumberingOverrides {
    guard let fields = reader.mapping(node, "numbering", ScenarioFormat.numbering) else { return NumberingOverrides() }
    func prefixes(_ key: String) -> [String] {
      guard let node = fields[key], let items = reader.list(node, "'\(key)'", singleAllowed: true) else { return [] }
      return items.compactMap { item in
        guard let text = reader.string(item, "a prefix") else { return nil }
        let digits = PhoneNumber.normalizeWidth(text).filter { $0 != "-" }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCIIDigit || $0 == "#" }) else {
          reader.error("prefix '\(text)' must be digits, such as 0570", at: item)
          return nil
        }
        return digits
      }
    }
    return NumberingOverrides(allow: prefixes("allow"), deny: prefixes("deny"))
  }

  // MARK: - objectives, tiers, expectations

  /// `objectives`: the account-wide keys, and `traffic:NAME` blocks of one
  /// class's own limits, checked against `traffic`'s classes.
  mutating func readObjectives(_ node: Node, traffic: [TrafficClass] = []) -> Objectives {
    var objectives = Objectives()
    guard
      let fields = reader.mapping(
        node, "objectives", ScenarioFormat.objectives, extra: (traffic.map(\.name) + (unloadedTraffic ?? [])).map { "traffic:\($0)" })
    else {
      return objectives
    }
    // A class reported invalid (or an unreadable list) leaves its own block unchecked.
    for key in fields.order where key.hasPrefix("traffic:") && !isUnloadedTraffic(String(key.dropFirst("traffic:".count))) {
      if let block = readTrafficObjectives(key: key, fields[key]!, traffic: traffic) { objectives.traffic.append(block) }
    }
    if let node = fields["queue_wait_max"] { objectives.queueWaitMaxSeconds = reader.duration(node, "'queue_wait_max'") }
    if let node = fields["late"] {
      objectives.lateShare = limitShare(node, "'late'", key: "late")
      if trafficComplete && !traffic.contains(where: { $0.deadlineSeconds != nil }) {
        reader.error("'late' judges classes with a 'deadline'; no traffic class here has one", at: node)
      }
    }
    if let node = fields["queue_wait_p95"] { objectives.queueWaitP95Seconds = reader.duration(node, "'queue_wait_p95'") }
    if let node = fields["answer_wait_p95"] { objectives.answerWaitP95Seconds = reader.duration(node, "'answer_wait_p95'") }
    if let node = fields["abandoned"] { objectives.abandonedShare = limitShare(node, "'abandoned'", key: "abandoned") }
    if let node = fields["service_level"],
      let level = reader.mapping(node, "service_level", ScenarioFormat.serviceLevel)
    {
      if let within = level["within"].flatMap({ reader.duration($0, "service level 'within'", positive: true) }) {
        objectives.serviceLevelWithinSeconds = within
      }
      if let minNode = level["min"], let share = reader.share(minNode, "service level 'min'") {
        if share <= 0 || share >= 1 {
          reader.error("service level 'min' must be above 0% and below 100% (no finite run shows exactly 100%)", at: minNode)
        }
        objectives.serviceLevelMin = share
      }
    }
    if let node = fields["rejected"] { objectives.rejectedShare = limitShare(node, "'rejected'", key: "rejected") }
    if let node = fields["threshold_headroom"] {
      objectives.thresholdHeadroom = limitShare(node, "'threshold_headroom'", key: "threshold_headroom")
      if let headroom = objectives.thresholdHeadroom, headroom >= 1 {
        reader.error("'threshold_headroom' must be below 100%", at: node)
      }
    }
    if let node = fields["suspension_risk"], let risk = limitShare(node, "'suspension_risk'", key: "suspension_risk") {
      objectives.suspensionRisk = risk
      if risk <= 0 || risk >= 1 {
        reader.error("'suspension_risk' must be above 0% (no number of replications shows a risk of exactly 0) and below 100%", at: node)
      }
    }
    return objectives
  }

  /// `traffic:NAME: { late: 0%, rejected: 1%, dialer_wait_p95: 5m, dialer_wait_max: 1h }`.
  mutating func readTrafficObjectives(key text: String, _ value: Node, traffic: [TrafficClass]) -> TrafficObjectives? {
    let name = String(text.dropFirst("traffic:".count))
    guard let trafficClass = traffic.first(where: { $0.name == name }) else { return nil }
    if case .mapping(let mapping) = value, let misplaced = mapping.first(where: { $0.key.scalar?.string.hasPrefix("queue_wait") == true }) {
      reader.error(
        "'\(misplaced.key.scalar?.string ?? "")' is judged per gate (every class shares the API queue); write it at the top level of 'objectives'",
        at: misplaced.key)
      return nil
    }
    guard let fields = reader.mapping(value, "objectives for '\(text)'", ScenarioFormat.trafficObjectives) else { return nil }
    var block = TrafficObjectives(name: name)
    if let node = fields["late"] {
      block.lateShare = limitShare(node, "'late'", key: "late")
      if trafficClass.deadlineSeconds == nil {
        reader.error("'late' needs a 'deadline' on traffic class '\(name)'", at: fields.keys["late"]!)
      }
    }
    if let node = fields["rejected"] { block.rejectedShare = limitShare(node, "'rejected'", key: "rejected") }
    for key in ["dialer_wait_p95", "dialer_wait_max"] {
      guard let node = fields[key] else { continue }
      let limit = reader.duration(node, "'\(key)'")
      if key == "dialer_wait_p95" { block.dialerWaitP95Seconds = limit } else { block.dialerWaitMaxSeconds = limit }
      if trafficClass.dialer == nil {
        reader.error("'\(key)' needs a 'dialer' on traffic class '\(name)'", at: fields.keys[key]!)
      }
    }
    return block
  }

  mutating func readTiers(_ node: Node) -> [Double]? {
    guard let items = reader.list(node, "'tiers'") else { return nil }
    if items.isEmpty {
      reader.error("'tiers' needs at least one CPS value", at: node)
      return nil
    }
    var tiers: [Double] = []
    for item in items {
      guard let value = reader.cps(item, "tier") else { continue }
      if tiers.contains(value) {
        reader.error("tier \(Quantity.shortest(value)) is listed twice", at: item)
      }
      tiers.append(value)
    }
    return tiers.sorted()
  }

  mutating func readExpectations(_ node: Node, account: Account, traffic: [TrafficClass], agents: [AgentPool]) -> [Expectation] {
    guard let items = reader.list(node, "'expect'") else { return [] }
    var expectations: [Expectation] = []
    for item in items {
      guard
        let fields = reader.mapping(item, "an expectation", ScenarioFormat.expectation),
        let metricNode = fields["metric"], let metricName = reader.string(metricNode, "'metric'"),
        let scopeNode = fields["scope"], let scopeName = reader.string(scopeNode, "'scope'")
      else { continue }
      guard let metric = Metric(rawValue: metricName) else {
        reader.error(
          "unknown metric '\(metricName)'" + Suggestion.hint(for: metricName, among: Metric.allCases.map(\.rawValue)), at: metricNode)
        continue
      }
      if scopeName == Scope.trunkPool.description && account.trunkPool == nil {
        reader.error("scope 'trunk-pool' needs a pool: this account has no 'trunk_pool'", at: scopeNode)
        continue
      }
      let validScopes =
        ["api"] + account.trunks.map { "trunk:\($0.name)" } + (account.trunkPool == nil ? [] : [Scope.trunkPool.description])
        + ConcurrencyCategory.allCases.map(\.rawValue)
        + traffic.map { "traffic:\($0.name)" } + agents.map { "agents:\($0.name)" }
      guard validScopes.contains(scopeName), let scope = Scope(parsing: scopeName) else {
        // A class reported invalid is not also an unknown scope.
        if scopeName.hasPrefix("traffic:") && isUnloadedTraffic(String(scopeName.dropFirst("traffic:".count))) { continue }
        reader.error(
          "unknown scope '\(scopeName)'" + Suggestion.hint(for: scopeName, among: validScopes) + "; scopes here: "
            + validScopes.joined(separator: ", "), at: scopeNode)
        continue
      }
      let measured = Metric.measured(for: scope, in: traffic)
      // What a scope measures depends on the classes: with one reported
      // invalid, these checks would blame the expectation for it.
      if trafficComplete {
        guard measured.contains(metric) else {
          reader.error(
            "metric '\(metricName)' is not measured for scope '\(scopeName)'; measured there: "
              + measured.map(\.rawValue).joined(separator: ", "), at: metricNode)
          continue
        }
        if scope == .api && !traffic.contains(where: { $0.gate == .api }) {
          reader.error("scope 'api' measures nothing here: no traffic passes the API gate (via: api)", at: scopeNode)
          continue
        }
      }
      var expectation = Expectation(metric: metric, scope: scope, location: reader.location(item))
      expectation.min = fields["min"].flatMap { limit($0, metric, "'min'") }
      expectation.max = fields["max"].flatMap { limit($0, metric, "'max'") }
      if fields["min"] == nil && fields["max"] == nil {
        reader.error("an expectation needs 'min', 'max' or both", at: item)
      }
      if let low = expectation.min, let high = expectation.max, low > high {
        reader.error("'min' is greater than 'max'", at: fields["min"]!)
      }
      if let node = fields["tier"] { expectation.tier = reader.cps(node, "'tier'") }
      expectations.append(expectation)
    }
    return expectations
  }

  /// A share used as a limit (objective or expectation). A bare number keeps
  /// its documented meaning (`0.5` = 50%), but limits are usually small
  /// percentages, so a bare number other than 0 gets a warning with both readings.
  mutating func limitShare(_ node: Node, _ what: String, key: String) -> Double? {
    guard let share = reader.share(node, what) else { return nil }
    if share > 0, let text = reader.scalar(node, what), !text.contains("%") {
      let written = text.trimmingCharacters(in: .whitespaces)
      reader.warning(
        "'\(key): \(written)' reads as \(Format.percent(share, digits: 6)); write \(Format.percent(share, digits: 6)) or \(written)% to be explicit",
        at: node)
    }
    return share
  }

  /// A limit in the metric's unit: a duration, a share or a count.
  mutating func limit(_ node: Node, _ metric: Metric, _ what: String) -> Double? {
    switch metric.unit {
    case .seconds: return reader.duration(node, "\(what) for \(metric.rawValue)")
    case .share: return limitShare(node, "\(what) for \(metric.rawValue)", key: String(what.dropFirst().dropLast()))
    case .calls:
      guard let value = reader.quantity(node, "\(what) for \(metric.rawValue)", Quantity.number) else { return nil }
      if value < 0 {
        reader.error("\(what) for \(metric.rawValue) cannot be negative", at: node)
        return nil
      }
      return value
    }
  }

  // MARK: - distributions

  mutating func distribution(_ node: Node, _ what: String) -> DistributionSpec? {
    let base = baseDirectory
    let parser = DistributionParser(loadSamples: { Self.readSamples(file: $0, baseDirectory: base) })
    return reader.quantity(node, what) { text in parser.parse(String(text)) }
  }

  /// One duration per line (a unit, or bare seconds); a header line is
  /// skipped. Read as CSV (CRLF or LF, quoted fields): a row with more than
  /// one field is an error, never its first field alone.
  static func readSamples(file: String, baseDirectory: String) -> Result<[Double], QuantityError> {
    let rows: [[String]]
    switch DataFile.rows(file: file, baseDirectory: baseDirectory, what: "samples file") {
    case .success(let read): rows = read
    case .failure(let error): return .failure(error)
    }
    var samples: [Double] = []
    for (index, row) in rows.enumerated() {
      let line = row.first?.trimmingCharacters(in: .whitespaces) ?? ""
      // Comments (which may hold commas) and blank lines.
      if line.hasPrefix("#") || (row.count == 1 && line.isEmpty) { continue }
      guard row.count == 1 else {
        return .failure(
          QuantityError(
            "\(file) line \(index + 1): expected one duration per line, got \(row.count) fields ('\(ScenarioLoader.excerpt(row.joined(separator: ",")))')"
          ))
      }
      let parsed = Double(line).map { Result<Double, QuantityError>.success($0) } ?? Quantity.duration(Substring(line))
      switch parsed {
      case .success(let value) where value.isFinite && value >= 0:
        if let problem = InputLimits.durationProblem(value, "a duration sample") {
          return .failure(QuantityError("\(file) line \(index + 1): \(problem)"))
        }
        samples.append(value)
      case .success:
        return .failure(QuantityError("\(file) line \(index + 1): a duration sample must be finite and not negative"))
      case .failure(let error):
        if samples.isEmpty && index == 0 { continue }  // a header
        return .failure(QuantityError("\(file) line \(index + 1): \(error.message)"))
      }
      if samples.count > 10_000_000 {
        return .failure(QuantityError("\(file) has more than 10,000,000 samples"))
      }
    }
    if samples.isEmpty { return .failure(QuantityError("samples file '\(file)' has no samples")) }
    return .success(samples)
  }

  /// `1-15`: a self-serve range as messages print it.
  static func range(_ range: ClosedRange<Double>) -> String {
    "\(Quantity.shortest(range.lowerBound))-\(Quantity.shortest(range.upperBound))"
  }

  // MARK: - workload guard

  /// Refuses absurd work before anything is simulated; see ``Workload``.
  mutating func checkWorkload(_ scenario: Scenario, at node: Node) {
    for problem in Workload(scenario).problems(maxCalls: maxCalls) {
      reader.error(problem, at: node)
    }
  }
}

extension Scenario {
  /// Candidate CPS values for `plan` when a scenario lists none.
  public static let defaultTiers: [Double] = [1, 2, 3, 5, 10, 15, 20, 30, 50]
}

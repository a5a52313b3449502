import Foundation
import Yams

extension ScenarioBuilder {
  /// Keys that only some traffic types take, from their declarations.
  static let keysByType: [TrafficType: Set<String>] = Dictionary(
    uniqueKeysWithValues: TrafficType.allCases.map { ($0, ScenarioFormat.trafficClass.names(for: $0.rawValue)) })

  /// Why a key some types require is needed, for the message that it is missing.
  static let requiredWhy = ["to": " (the account number called)"]

  mutating func readTraffic(
    _ node: Node, account: Account, numbers: [String], rules: DialingRules, simulation: SimulationSettings?,
    pools: [AgentPool] = []
  ) -> TrafficClass? {
    guard
      let fields = reader.mapping(node, "a traffic class", ScenarioFormat.trafficClass),
      let nameNode = fields["name"], let name = reader.string(nameNode, "traffic 'name'"),
      let typeNode = fields["type"], let type = reader.choice(typeNode, "traffic 'type'", TrafficType.self)
    else { return nil }
    if name.range(of: "^[A-Za-z0-9._-]+$", options: .regularExpression) == nil {
      reader.error("traffic name '\(name)' must use only letters, digits, '.', '_' and '-'", at: nameNode)
    }
    var valid = true
    for key in fields.order where !Self.keysByType[type]!.contains(key) {
      let users = TrafficType.allCases.filter { Self.keysByType[$0]!.contains(key) }.map(\.rawValue)
      reader.error(
        "'\(key)' does not apply to \(type.rawValue) traffic (only to \(users.joined(separator: " and ")))", at: fields.keys[key]!)
      valid = false
    }
    for key in ScenarioFormat.trafficClass.requiredNames(for: type.rawValue) where fields[key] == nil {
      reader.error("missing required key '\(key)' in \(type.rawValue) traffic '\(name)'\(Self.requiredWhy[key] ?? "")", at: node)
    }

    let arrivals = fields["arrivals"].flatMap { readArrivals($0, simulation: simulation) }
    let duration = fields["duration"].flatMap { distribution($0, "'duration'") }
    var trafficClass = TrafficClass(name: name, type: type, arrivals: arrivals ?? [], duration: duration ?? .zero)
    if let node = fields["ring"], let ring = distribution(node, "'ring'") {
      trafficClass.ring = ring
      if ring.uncappedMean > 600 {
        reader.warning(
          "a mean ring time of \(Quantity.humanDuration(ring.uncappedMean)) exceeds the platform's 600s ring timeout", at: node)
      }
    }
    if let node = fields["answer"], let share = reader.share(node, "'answer'") { trafficClass.answerShare = share }
    if let node = fields["caller_id"], let policy = reader.choice(node, "'caller_id'", CallerIDPolicy.self) {
      trafficClass.callerID = policy
    }

    switch type {
    case .inbound, .forward:
      if type == .forward { trafficClass.gate = .none }
      if let node = fields["to"], let number = accountNumber(node, numbers: numbers, role: "'to' of \(type.rawValue) traffic") {
        trafficClass.to = .numbers([number])
      }
      if let node = fields["from"] { trafficClass.from = mix(node, ScenarioFormat.callerMix, what: "callers' mix 'from'") }
      if case .kinds(let callers)? = trafficClass.from, case .numbers(let called)? = trafficClass.to,
        let number = called.first.flatMap({ try? PhoneNumber.parse($0).get() })
      {
        trafficClass.unreachableShare = unreachable(callers, at: fields["from"]!) {
          Reachability.inboundBarrier(callerKind: $0, to: number)
        }
      }
      if type == .forward, let node = fields["forward_to"], !node.isMapping {
        var presented: String?
        if case .numbers(let called)? = trafficClass.to { presented = called.first }
        trafficClass.forwardTo = forwardTarget(
          node, callerID: trafficClass.callerID, callerIDNode: fields["caller_id"], presenting: presented, rules: rules)
      }
    case .outbound:
      trafficClass.gate = .api
      if let node = fields["from"], let number = accountNumber(node, numbers: numbers, role: "caller ID 'from'") {
        trafficClass.from = .numbers([number])
      }
      if let node = fields["to"] { trafficClass.to = destinations(node, rules: rules) }
      if case .numbers(let caller)? = trafficClass.from, let callerID = caller.first.flatMap({ try? PhoneNumber.parse($0).get() }),
        let node = fields["to"]
      {
        switch trafficClass.to {
        case .kinds(let kinds)?:
          trafficClass.unreachableShare = unreachable(kinds, at: node) { kind in
            NumberKind(rawValue: kind).flatMap { Reachability.outboundBarrier(from: callerID, to: $0) }
          }
        case .numbers(let numbers)?:
          for text in numbers {
            if let number = try? PhoneNumber.parse(text).get(), let barrier = Reachability.outboundBarrier(from: callerID, to: number.kind)
            {
              reader.error("'\(text)' cannot be reached from the caller ID \(caller[0]): \(barrier)", at: node)
            }
          }
        case nil: break
        }
      }
    }
    if let node = fields["via"], let gate = readGate(node, account: account) {
      trafficClass.gate = gate
    }
    readContactCentre(fields, into: &trafficClass, pools: pools)
    if type == .outbound {
      if let node = fields["dialer"] { trafficClass.dialer = readDialer(node) }
      if let node = fields["deadline"] {
        trafficClass.deadlineSeconds = readDeadline(node, arrivals: arrivals ?? [], simulation: simulation)
      }
    }
    guard valid, arrivals != nil, duration != nil else { return nil }
    return trafficClass
  }

  /// `dialer: { max_in_progress: 80, max_rate: 2/s }`: at least one limit.
  mutating func readDialer(_ node: Node) -> DialerThrottle? {
    guard let fields = reader.mapping(node, "dialer", ScenarioFormat.dialer) else { return nil }
    if fields.order.isEmpty {
      reader.error("'dialer' needs 'max_in_progress', 'max_rate' or both", at: node)
      return nil
    }
    var dialer = DialerThrottle()
    var valid = true
    if let node = fields["max_in_progress"] {
      dialer.maxInProgress = reader.integer(node, "dialer 'max_in_progress'", in: 1...10_000_000)
      valid = valid && dialer.maxInProgress != nil
    }
    if let node = fields["max_rate"] {
      if let rate = reader.rate(node, "dialer 'max_rate'") {
        if rate <= 0 {
          reader.error("dialer 'max_rate' must be greater than zero (a rate of zero never starts a call)", at: node)
          valid = false
        } else if 1 / rate > InputLimits.maxSeconds {
          reader.error(
            "dialer 'max_rate' must start at least one call per 3650d, got \(Quantity.humanRate(rate))", at: node)
          valid = false
        }
        dialer.maxRatePerSecond = rate
      } else {
        valid = false
      }
    }
    return valid ? dialer : nil
  }

  /// `deadline`: a clock time ("12:00", relative to `simulation.start`; a
  /// time before the start means the next day) or an offset such as `4h`,
  /// as seconds from t = 0. Calls offered after it are late whatever the
  /// dialer does; arrivals that go on past it are warned about.
  mutating func readDeadline(_ node: Node, arrivals: [ArrivalSpec], simulation: SimulationSettings?) -> Double? {
    guard let text = reader.string(node, "'deadline'") else { return nil }
    var deadline: Double
    if text.contains(":") {
      guard let clock = reader.quantity(node, "'deadline'", Quantity.clockTime) else { return nil }
      deadline = clock - (simulation?.startClockSeconds ?? 0)
      if deadline < 0 { deadline += 86_400 }
    } else {
      guard let offset = reader.duration(node, "'deadline' (a clock time \"12:00\" or an offset such as 4h)") else { return nil }
      deadline = offset
    }
    if let horizon = simulation?.horizonSeconds {
      let lastOffer =
        arrivals.map { arrival -> Double in
          switch arrival {
          case .burst(let at, _, let spread): min(at + spread, horizon)
          default: horizon
          }
        }.max() ?? 0
      if lastOffer > deadline {
        reader.warning(
          "calls are offered until \(Quantity.humanDuration(lastOffer)) after the start, past this deadline (\(Quantity.humanDuration(deadline))); those are late whatever the dialer does",
          at: node)
      }
    }
    return deadline
  }

  mutating func readGate(_ node: Node, account: Account) -> Gate? {
    guard let text = reader.string(node, "'via'") else { return nil }
    if text == "api" { return .api }
    if text.hasPrefix("trunk:") {
      let name = String(text.dropFirst(6))
      if account.trunks.contains(where: { $0.name == name }) { return .trunk(name) }
      let names = account.trunks.map(\.name)
      reader.error(
        "unknown trunk '\(name)'" + Suggestion.hint(for: name, among: names)
          + (names.isEmpty ? "; the account defines no trunks" : "; trunks: " + Set(names).sorted().joined(separator: ", ")), at: node)
      return nil
    }
    reader.error("'via' must be 'api' or 'trunk:<name>', got '\(text)'", at: node)
    return nil
  }

  /// A number that must be one of the account's numbers.
  mutating func accountNumber(_ node: Node, numbers: [String], role: String) -> String? {
    guard let text = reader.string(node, "a number") else { return nil }
    let number: PhoneNumber
    switch PhoneNumber.parse(text) {
    case .failure(let failure):
      reader.error(failure.message, at: node)
      return nil
    case .success(let parsed): number = parsed
    }
    let held = numbers.compactMap { try? PhoneNumber.parse($0).get() }
    guard held.contains(where: { $0.digits == number.digits }) else {
      // An unreadable entry of `numbers`, reported already, may be this one.
      if numbersIncomplete { return nil }
      reader.error(
        "\(role) '\(text)' is not one of the account's numbers"
          + (numbers.isEmpty ? " (the scenario lists no 'numbers')" : " (\(numbers.joined(separator: ", ")))"), at: node)
      return nil
    }
    return text
  }

  /// The share of a mix that cannot connect, with one warning per barrier.
  mutating func unreachable(_ mix: [(kind: String, share: Double)], at node: Node, barrier: (String) -> String?) -> Double {
    var share = 0.0
    for (kind, part) in mix where part > 0 {
      guard let reason = barrier(kind) else { continue }
      share += part
      var place = node
      if case .mapping(let mapping) = node, let key = mapping.first(where: { $0.key.scalar?.string == kind })?.key { place = key }
      reader.warning(
        "\(Format.percent(part)) of calls (\(kind)) never connect: \(reason); the simulation drops them as unreachable", at: place)
    }
    return min(share, 1)
  }

  /// Outbound destinations: a mix by kind, a list of numbers, or one number.
  mutating func destinations(_ node: Node, rules: DialingRules) -> NumberMix? {
    if case .mapping = node { return mix(node, ScenarioFormat.destinationMix, what: "destination mix 'to'") }
    guard let items = reader.list(node, "'to'", singleAllowed: true) else { return nil }
    var numbers: [String] = []
    for item in items {
      guard let text = reader.string(item, "a destination number") else { continue }
      switch PhoneNumber.parse(text) {
      case .failure(let failure): reader.error(failure.message, at: item)
      case .success(let number):
        switch rules.verdict(for: number) {
        case .dialable: numbers.append(text)
        case .partly(let why):
          reader.warning(why, at: item)
          numbers.append(text)
        case .refused(let why): reader.error("cannot call '\(text)': \(why)", at: item)
        }
      }
    }
    return .numbers(numbers)
  }

  /// A mapping of kinds to shares that sum to 100%.
  mutating func mix(_ node: Node, _ declaration: MappingDeclaration, what: String) -> NumberMix? {
    guard let fields = reader.mapping(node, what, declaration) else { return nil }
    var shares: [(kind: String, share: Double)] = []
    for key in fields.order {
      guard let share = reader.share(fields[key]!, "share of '\(key)'") else { return nil }
      shares.append((key, share))
    }
    if shares.isEmpty {
      reader.error("\(what) names no kinds", at: node)
      return nil
    }
    let total = shares.reduce(0) { $0 + $1.share }
    if abs(total - 1) > 1e-9 {
      reader.error("the shares in \(what) add up to \(Format.decimal(total * 100, digits: 12))%, not 100%", at: node)
      return nil
    }
    return .kinds(shares)
  }

  /// `forward_to`: `{ agents: NAME }` (read by ``readContactCentre``), a PSTN number the platform can dial, or a `sip:`/`client:` endpoint.
  /// With `caller_id: account` the forwarded leg presents `presenting` (the
  /// number called), which must be able to reach the target, as an outbound
  /// class's caller ID must.
  mutating func forwardTarget(
    _ node: Node, callerID: CallerIDPolicy, callerIDNode: Node?, presenting: String?, rules: DialingRules
  ) -> String? {
    guard let text = reader.string(node, "'forward_to'") else { return nil }
    if text.hasPrefix("sip:") || text.hasPrefix("client:") {
      if text.count <= (text.hasPrefix("sip:") ? 4 : 7) { reader.error("'\(text)' names no endpoint", at: node) }
      return text
    }
    switch PhoneNumber.parse(text) {
    case .failure(let failure):
      reader.error(failure.message + " (forward_to takes a PSTN number, sip:... or client:...)", at: node)
      return nil
    case .success(let number):
      switch rules.verdict(for: number) {
      case .refused(let why):
        reader.error("cannot forward to '\(text)': \(why)", at: node)
        return nil
      case .partly(let why): reader.warning(why, at: node)
      case .dialable: break
      }
      if callerID == .account, let presenting, let shown = try? PhoneNumber.parse(presenting).get(),
        let barrier = Reachability.outboundBarrier(from: shown, to: number.kind)
      {
        reader.error(
          "'\(text)' cannot be reached from the caller ID \(presenting) (caller_id: account shows the number called): \(barrier)",
          at: node)
        return nil
      }
    }
    if callerID == .caller {
      reader.error(
        "caller_id 'caller' is not allowed towards the public network: Japanese law requires a call forwarded to a PSTN number such as '\(text)' to show one of the account's numbers (use caller_id: account, or forward to sip:/client:)",
        at: callerIDNode ?? node)
    }
    return text
  }

  // MARK: - arrivals

  mutating func readArrivals(_ node: Node, simulation: SimulationSettings?) -> [ArrivalSpec]? {
    let items: [Node]
    if case .sequence(let sequence) = node {
      items = Array(sequence)
      if items.isEmpty {
        reader.error("'arrivals' needs at least one arrival process", at: node)
        return nil
      }
    } else {
      items = [node]
    }
    var specs: [ArrivalSpec] = []
    var failed = false
    for item in items {
      if let spec = readArrival(item, simulation: simulation) { specs.append(spec) } else { failed = true }
    }
    return failed ? nil : specs
  }

  mutating func readArrival(_ node: Node, simulation: SimulationSettings?) -> ArrivalSpec? {
    guard let fields = reader.mapping(node, "arrivals", ScenarioFormat.arrival) else { return nil }
    guard fields.order.count == 1, let kind = fields.order.first, let value = fields[kind] else {
      // An unknown key was reported already; say nothing more about this spec.
      if case .mapping(let mapping) = node, mapping.count > fields.order.count { return nil }
      let message =
        fields.order.isEmpty
        ? "arrivals needs one of rate, profile, burst or every"
        : "arrivals takes one of rate, profile, burst or every; to superpose several, write a list (- rate: ... / - burst: ...)"
      reader.error(message, at: node)
      return nil
    }
    let horizon = simulation?.horizonSeconds
    switch kind {
    case "rate":
      guard let rate = reader.rate(value, "'rate'") else { return nil }
      if rate == 0 { reader.warning("a rate of zero produces no calls", at: value) }
      return .poisson(perSecond: rate)
    case "every":
      guard let interval = reader.duration(value, "'every'", positive: true) else { return nil }
      return .every(intervalSeconds: interval)
    case "burst":
      return readBurst(value, simulation: simulation)
    default:
      guard let profile = readProfile(value) else { return nil }
      if let horizon {
        // The arrival source steps through every segment up to the horizon.
        let segments = profile.period.isFinite ? (horizon / profile.period).rounded(.up) * Double(profile.durations.count) : 0
        if segments > Double(InputLimits.maxProfileSegments) {
          reader.error(
            "this profile has \(Format.decimal(segments, digits: 3)) segments over the \(Quantity.humanDuration(horizon)) horizon; at most \(InputLimits.maxProfileSegments) are allowed (use longer segments)",
            at: value)
          return nil
        }
      }
      if profile.countPerPeriod == 0 && profile.period.isFinite {
        reader.warning("every rate in this profile is zero; it produces no calls", at: value)
      }
      if let horizon, profile.period.isFinite, profile.period < horizon {
        reader.warning(
          "the profile covers \(Quantity.humanDuration(profile.period)) but the horizon is \(Quantity.humanDuration(horizon)); it repeats from the start",
          at: value)
      }
      return .profile(profile)
    }
  }

  mutating func readBurst(_ node: Node, simulation: SimulationSettings?) -> ArrivalSpec? {
    guard
      let fields = reader.mapping(node, "burst", ScenarioFormat.burst),
      let atNode = fields["at"], let atText = reader.string(atNode, "burst 'at'"),
      let countNode = fields["count"], let count = reader.integer(countNode, "burst 'count'", in: 1...1_000_000_000)
    else { return nil }
    var at: Double
    if atText.contains(":") {
      guard let clock = reader.quantity(atNode, "burst 'at'", Quantity.clockTime) else { return nil }
      let start = simulation?.startClockSeconds ?? 0
      at = clock - start
      if at < 0 { at += 86_400 }
    } else {
      guard let offset = reader.duration(atNode, "burst 'at' (a clock time \"10:00\" or an offset such as 2h)") else { return nil }
      at = offset
    }
    if let horizon = simulation?.horizonSeconds, at >= horizon {
      reader.warning(
        "this burst falls at \(Quantity.humanDuration(at)) after the start, beyond the \(Quantity.humanDuration(horizon)) horizon; it never happens",
        at: atNode)
    }
    var spread = 0.0
    if let node = fields["spread"], let value = reader.duration(node, "burst 'spread'") { spread = value }
    return .burst(atSeconds: at, count: count, spreadSeconds: spread)
  }

  mutating func readProfile(_ node: Node) -> RateProfile? {
    switch node {
    case .sequence(let sequence):
      guard let rates = profileRates(Array(sequence), node) else { return nil }
      return RateProfile(durations: Array(repeating: 3600, count: rates.count), ratesPerSecond: rates)
    case .mapping:
      guard let fields = reader.mapping(node, "profile", ScenarioFormat.profile) else { return nil }
      if let fileNode = fields["file"] {
        if fields["every"] != nil || fields["rates"] != nil {
          reader.error("a profile takes either 'file' or 'every' with 'rates', not both", at: node)
          return nil
        }
        guard let file = reader.string(fileNode, "profile 'file'") else { return nil }
        switch Self.readProfileFile(file: file, baseDirectory: baseDirectory) {
        case .success(let profile): return profile
        case .failure(let error):
          reader.error(error.message, at: fileNode)
          return nil
        }
      }
      guard let ratesNode = fields["rates"] else {
        reader.error("missing required key 'rates' in profile", at: node)
        return nil
      }
      var every = 3600.0
      if let node = fields["every"] {
        guard let value = reader.duration(node, "profile 'every'", positive: true) else { return nil }
        every = value
      }
      guard let items = reader.list(ratesNode, "profile 'rates'"), let rates = profileRates(items, ratesNode) else { return nil }
      return RateProfile(durations: Array(repeating: every, count: rates.count), ratesPerSecond: rates)
    default:
      reader.error("'profile' takes a list of hourly rates, { every: 15m, rates: [...] } or { file: rates.csv }", at: node)
      return nil
    }
  }

  /// Rates of a profile: bare numbers are calls per hour, or rates with units.
  mutating func profileRates(_ items: [Node], _ node: Node) -> [Double]? {
    if items.isEmpty {
      reader.error("a profile needs at least one rate", at: node)
      return nil
    }
    if items.count > 1_000_000 {
      reader.error("a profile has at most 1,000,000 rates", at: node)
      return nil
    }
    var rates: [Double] = []
    var failed = false
    for item in items {
      if let rate = reader.quantity(item, "a profile rate", Self.profileRate) {
        if let problem = InputLimits.rateProblem(rate, "a profile rate") {
          reader.error(problem, at: item)
          failed = true
        }
        rates.append(rate)
      } else {
        failed = true
      }
    }
    return failed ? nil : rates
  }

  /// A profile rate: `120/h` or a bare number of calls per hour.
  static func profileRate(_ text: Substring) -> Result<Double, QuantityError> {
    if text.contains("/") { return Quantity.rate(text) }
    return Quantity.number(text).flatMap {
      $0 < 0 || text.trimmingCharacters(in: Quantity.blanks).hasPrefix("-")
        ? .failure(QuantityError("a rate cannot be negative: '\(text)'")) : .success($0 / 3600)
    }
  }

  /// `time,rate` rows: a segment starts at each time (a duration from t = 0,
  /// or bare seconds); the last rate holds until the horizon.
  static func readProfileFile(file: String, baseDirectory: String) -> Result<RateProfile, QuantityError> {
    let rows: [[String]]
    switch DataFile.rows(file: file, baseDirectory: baseDirectory, what: "profile file") {
    case .success(let read): rows = read
    case .failure(let error): return .failure(error)
    }
    var starts: [Double] = []
    var rates: [Double] = []
    var headerAllowed = true
    for (index, row) in rows.enumerated() {
      let columns = row.map { $0.trimmingCharacters(in: .whitespaces) }
      let line = columns.joined(separator: ",")
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard columns.count == 2 else {
        return .failure(QuantityError("\(file) line \(index + 1): expected 'time,rate', got '\(ScenarioLoader.excerpt(line))'"))
      }
      let time = Double(columns[0]).map { Result<Double, QuantityError>.success($0) } ?? Quantity.duration(Substring(columns[0]))
      guard case .success(let start) = time, start >= 0 else {
        if headerAllowed {  // the first line that is not a comment may be a header
          headerAllowed = false
          continue
        }
        return .failure(QuantityError("\(file) line \(index + 1): '\(columns[0])' is not a time such as 0, 90s or 1h"))
      }
      guard case .success(let rate) = profileRate(Substring(columns[1])) else {
        return .failure(QuantityError("\(file) line \(index + 1): '\(columns[1])' is not a rate such as 120/h or 120"))
      }
      headerAllowed = false
      if let problem = InputLimits.durationProblem(start, "a profile time") ?? InputLimits.rateProblem(rate, "a profile rate") {
        return .failure(QuantityError("\(file) line \(index + 1): \(problem)"))
      }
      if let last = starts.last, start <= last {
        return .failure(QuantityError("\(file) line \(index + 1): times must increase"))
      }
      if starts.isEmpty && start != 0 {
        return .failure(QuantityError("\(file) line \(index + 1): the first row must start at time 0"))
      }
      starts.append(start)
      rates.append(rate)
    }
    guard !starts.isEmpty else { return .failure(QuantityError("profile file '\(file)' has no rows")) }
    var durations = zip(starts.dropFirst(), starts).map { $0 - $1 }
    durations.append(.infinity)
    return .success(RateProfile(durations: durations, ratesPerSecond: rates))
  }
}

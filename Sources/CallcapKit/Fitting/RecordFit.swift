import Foundation

/// Which day's arrivals a fitted profile reproduces.
public enum FitDay: String, Sendable, CaseIterable {
  /// The day with the most calls.
  case busiest
  /// The average over every day in the records.
  case mean
}

/// A fixed-size uniform sample of a stream (Vitter's algorithm R) with a
/// fixed seed, so a month of durations is fitted in bounded memory and the
/// same records always give the same scenario.
struct Reservoir {
  let capacity: Int
  private(set) var values: [Double] = []
  private(set) var seen = 0
  private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

  init(capacity: Int) { self.capacity = capacity }

  mutating func add(_ value: Double) {
    seen += 1
    if values.count < capacity {
      values.append(value)
      return
    }
    // SplitMix64 step for the replacement index.
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    let index = Int(z % UInt64(seen))
    if index < capacity { values[index] = value }
  }
}

/// What the records say about one traffic class (direction and number).
struct ClassTally {
  var countsByDay: [Int64: [Int]] = [:]
  var durations = Reservoir(capacity: 50_000)
  var rings = Reservoir(capacity: 20_000)
  var attempted = 0
  var answered = 0
  var destinationKinds: [String: Int] = [:]
}

/// Builds a scenario that reproduces call records: one traffic class per
/// direction and number, arrival profiles from the busiest (or mean) day,
/// answer shares from statuses, durations fitted by ``DurationFit``.
public struct RecordFit {
  public struct Key: Hashable, Comparable, Sendable {
    /// `inbound`, `forward`, `api` or `trunk`.
    public var kind: String
    public var number: String
    public var trunk: String?

    public static func < (lhs: Key, rhs: Key) -> Bool {
      (lhs.kind, lhs.number, lhs.trunk ?? "") < (rhs.kind, rhs.number, rhs.trunk ?? "")
    }
  }

  public let utcOffsetSeconds: Int
  public let everySeconds: Int
  private(set) var classes: [Key: ClassTally] = [:]
  /// `outbound-dial` legs of forwarded calls: their answer share, rings and
  /// talk times describe the forwarded leg of every forward class.
  private var legs = ClassTally()
  private var forwardTargets: [String: Int] = [:]
  private var callsByDay: [Int64: Int] = [:]
  /// Starts per second of API calls that waited in the queue: the pace the
  /// account's CPS allowed.
  private var pacedStarts: [Int64: Int] = [:]

  public init(utcOffsetSeconds: Int, everySeconds: Int) {
    self.utcOffsetSeconds = utcOffsetSeconds
    self.everySeconds = everySeconds
  }

  var buckets: Int { 86_400 / everySeconds }

  public mutating func add(_ record: CallRecord, role: RecordRole) {
    let created = record.createdSeconds + Int64(utcOffsetSeconds)
    let day = ObservationBuilder.day(of: created)
    let bucket = Int(created - day * 86_400) / everySeconds
    if case .leg = role {
      legs.attempted += record.live == nil ? 0 : 1
      if record.answered {
        legs.answered += 1
        if let duration = record.durationSeconds { legs.durations.add(Double(duration) + 0.5) }
        if let live = record.live, let duration = record.durationSeconds, live.end - live.start >= duration {
          legs.rings.add(Double(live.end - live.start - duration))
        }
      }
      if let to = record.to { forwardTargets[to, default: 0] += 1 }
      return
    }
    let key: Key
    switch role {
    case .inbound: key = Key(kind: "inbound", number: record.to ?? "unknown")
    case .forwarded: key = Key(kind: "forward", number: record.to ?? "unknown")
    case .outbound:
      key =
        record.direction == .outboundAPI
        ? Key(kind: "api", number: record.from ?? "unknown")
        : Key(kind: "trunk", number: record.from ?? "unknown", trunk: record.trunkSid ?? "unknown")
    case .leg: return
    }
    callsByDay[day, default: 0] += 1
    var tally = classes[key] ?? ClassTally()
    if tally.countsByDay[day] == nil { tally.countsByDay[day] = Array(repeating: 0, count: buckets) }
    tally.countsByDay[day]![bucket] += 1
    if let live = record.live {
      tally.attempted += 1
      switch key.kind {
      case "inbound", "forward":
        tally.answered += 1
        tally.durations.add(Double(live.end - live.start) + 0.5)
      default:
        if record.answered {
          tally.answered += 1
          if let duration = record.durationSeconds {
            tally.durations.add(Double(duration) + 0.5)
            if live.end - live.start >= duration { tally.rings.add(Double(live.end - live.start - duration)) }
          }
        }
        if key.kind == "api", (record.queueTimeMilliseconds ?? 0) > 0 { pacedStarts[live.start, default: 0] += 1 }
      }
    }
    if key.kind == "api" || key.kind == "trunk", let to = record.to {
      let kind = (try? PhoneNumber.parse(to).get())?.kind.rawValue ?? "unknown"
      tally.destinationKinds[kind, default: 0] += 1
    }
    classes[key] = tally
  }

  /// The day a `busiest` profile copies.
  public var busiestDay: Int64? {
    callsByDay.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
  }

  public var days: [Int64] { callsByDay.keys.sorted() }

  /// The scenario text and any empirical sample files it names
  /// (`path` relative to the scenario), with a comment on every choice.
  public func scenario(name: String, day: FitDay, files: [String], records: Int) -> (
    text: String, samples: [(path: String, contents: String)]
  ) {
    var samples: [(path: String, contents: String)] = []
    let dayCount = max(days.count, 1)
    var text =
      "# Fitted by callcap fit from \(files.joined(separator: ", ")): \(records) records, \(days.count) day(s) at UTC\(LocalTime.offset(utcOffsetSeconds)).\n"
    switch day {
    case .busiest:
      text +=
        "# Arrival profiles: the busiest day, \(busiestDay.map(LocalTime.date) ?? "none") (\(busiestDay.flatMap { callsByDay[$0] } ?? 0) calls).\n"
    case .mean:
      text += "# Arrival profiles: the mean of the \(dayCount) day(s).\n"
    }
    text += "# Durations: maximum likelihood among exponential, lognormal, gamma and Weibull, chosen by AIC;\n"
    text += "# KS is the largest gap between the fitted and the observed distribution functions;\n"
    text += "# a class whose best KS exceeds both 0.05 and the test's 5% critical value 1.36/sqrt(n) uses its observed\n"
    text += "# durations (empirical).\n"
    text += "# Whole-second record durations are fitted at the middle of their second (+0.5 s).\n"
    text += "callcap: 1\nname: \(name)\ndescription: Fitted to call records by callcap fit.\n\n"
    text += "simulation:\n  horizon: 24h\n  replications: 20\n  seed: 1\n  start: \"00:00\"\n  resolution: 1m\n\n"

    let keys = classes.keys.sorted()
    let trunks = Array(Set(keys.compactMap(\.trunk))).sorted()
    let cps = max(1, pacedStarts.values.max() ?? 1)
    text += "account:\n  profile: business\n"
    text += "  api:\n    cps: \(cps)"
    text +=
      pacedStarts.isEmpty
      ? "  # no API call waited in the queue; Twilio's default\n" : "  # the most queued API calls started in one second\n"
    if !trunks.isEmpty {
      text += "  trunks:  # the records do not say a trunk's CPS: Twilio's default 1\n"
      for (index, trunk) in trunks.enumerated() { text += "    - name: trunk-\(index + 1)  # \(trunk)\n      cps: 1\n" }
    }
    text += "\n"
    var numbers: [String] = []
    for key in keys where !numbers.contains(Self.number(key.number)) { numbers.append(Self.number(key.number)) }
    text += "numbers: [\(numbers.joined(separator: ", "))]\n\ntraffic:\n"

    for key in keys {
      let tally = classes[key]!
      let className = Self.className(key, trunks: trunks)
      text += "  - name: \(className)\n"
      switch key.kind {
      case "inbound": text += "    type: inbound\n    to: \(Self.number(key.number))\n"
      case "forward":
        let target = forwardTargets.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? "unknown"
        text +=
          "    type: forward\n    to: \(Self.number(key.number))\n    forward_to: \(Self.number(target))  # the most frequent outbound-dial target\n"
        text += "    caller_id: account\n"
      default:
        text += "    type: outbound\n    via: \(key.kind == "api" ? "api" : "trunk:trunk-\(trunks.firstIndex(of: key.trunk!)! + 1)")\n"
        text += "    from: \(Self.number(key.number))\n"
        text += "    to: \(Self.mix(tally.destinationKinds))\n"
      }
      let counts = profileCounts(tally, day: day)
      let hours = Double(everySeconds) / 3600
      let rates = counts.map { Format.decimal($0 / hours, digits: 6) }
      text += "    arrivals:  # calls/h per \(Quantity.humanDuration(Double(everySeconds))) from 00:00\n"
      text += "      profile: { every: \(Quantity.humanDuration(Double(everySeconds))), rates: [\(rates.joined(separator: ", "))] }\n"
      let shape = key.kind == "forward" ? legs : tally
      if key.kind != "inbound" {
        if let ring = Self.ring(shape.rings.values) { text += "    ring: \(ring)\n" }
        let share = shape.attempted == 0 ? 1 : Double(shape.answered) / Double(shape.attempted)
        text +=
          "    answer: \(Format.decimal(share * 100, digits: 4))%  # \(shape.answered) of \(shape.attempted) \(key.kind == "forward" ? "forwarded legs" : "calls") completed\n"
      }
      let fits = DurationFit.fitAll(shape.durations.values)
      if let best = DurationFit.best(fits), DurationFit.isAcceptable(best, count: shape.durations.values.count) {
        text += "    duration: \(best.scenarioText)\n"
      } else if !shape.durations.values.isEmpty {
        let path = "\(name)-\(className)-durations.csv"
        samples.append((path, shape.durations.values.map { Format.decimal($0, digits: 8) }.joined(separator: "\n") + "\n"))
        text += "    duration: empirical(file: \(path))\n"
      } else {
        text += "    duration: 1s  # no durations in the records\n"
      }
      for fit in fits.sorted(by: { $0.aic < $1.aic }) {
        text +=
          "    #   \(fit.family.rawValue): AIC \(Format.decimal(fit.aic, digits: 8)), KS \(Format.decimal(fit.ksDistance, digits: 3)), "
        text += "mean \(Format.decimal(fit.mean, digits: 4))s, sd \(Format.decimal(fit.standardDeviation, digits: 4))s\n"
      }
      text +=
        "    #   (\(shape.durations.seen) durations\(shape.durations.seen > shape.durations.capacity ? ", a uniform sample of \(shape.durations.capacity) fitted" : ""))\n"
    }
    return (text, samples)
  }

  /// Calls per profile bucket: the busiest day's, or the mean over days.
  func profileCounts(_ tally: ClassTally, day: FitDay) -> [Double] {
    switch day {
    case .busiest:
      guard let busiest = busiestDay, let counts = tally.countsByDay[busiest] else { return Array(repeating: 0, count: buckets) }
      return counts.map(Double.init)
    case .mean:
      let total = tally.countsByDay.values.reduce(Array(repeating: 0, count: buckets)) { zip($0, $1).map(+) }
      return total.map { Double($0) / Double(max(days.count, 1)) }
    }
  }

  static func className(_ key: Key, trunks: [String]) -> String {
    let digits = number(key.number).filter { $0.isNumber || $0 == "-" }
    let suffix = digits.isEmpty ? "unknown" : digits
    switch key.kind {
    case "trunk": return "trunk-\(trunks.firstIndex(of: key.trunk!)! + 1)-\(suffix)"
    default: return "\(key.kind)-\(suffix)"
    }
  }

  /// Domestic form for a Japanese number, else the text as given.
  static func number(_ text: String) -> String {
    guard case .success(let number) = PhoneNumber.parse(text), number.e164 != nil else { return "\"\(text)\"" }
    return number.domestic
  }

  /// A destination mix by kind that sums to exactly 100%, in tenths of a percent.
  static func mix(_ counts: [String: Int]) -> String {
    let dialable = counts.filter { NumberKind(rawValue: $0.key).map(DialingRules.kindIsDialable) ?? false }
    let total = dialable.values.reduce(0, +)
    guard total > 0 else { return "{ mobile: 100% }  # no dialable destinations in the records" }
    var tenths = dialable.mapValues { Int((Double($0) / Double(total) * 1000).rounded()) }
    let largest = tenths.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }!.key
    tenths[largest]! += 1000 - tenths.values.reduce(0, +)
    let parts = tenths.filter { $0.value > 0 }.sorted { $0.key < $1.key }.map {
      "\($0.key): \(Format.decimal(Double($0.value) / 10, digits: 4))%"
    }
    return "{ \(parts.joined(separator: ", ")) }"
  }

  /// `uniform(min:, max:)` over the middle 90% of the observed rings.
  static func ring(_ rings: [Double]) -> String? {
    guard !rings.isEmpty else { return nil }
    let sorted = rings.sorted()
    let low = sorted[Int(Double(sorted.count - 1) * 0.05)]
    let high = sorted[Int(Double(sorted.count - 1) * 0.95)]
    if high <= low { return high > 0 ? "\(Format.decimal(high))s" : nil }
    return "uniform(min: \(Format.decimal(low))s, max: \(Format.decimal(high))s)  # middle 90% of observed rings"
  }
}

/// The thresholds observed peaks are compared with; by default the
/// platform's (``PlatformRules/thresholds``).
public struct ObservationThresholds: Sendable, Equatable {
  public var inbound: Int
  public var outbound: Int
  public var forwarded: Int

  public init(inbound: Int? = nil, outbound: Int? = nil, forwarded: Int? = nil, platform rules: PlatformRules = .twilioJapan) {
    let platform = rules.thresholds
    self.inbound = inbound ?? platform.inbound
    self.outbound = outbound ?? platform.outbound
    self.forwarded = forwarded ?? platform.forwarded
  }

  var values: [Int] { [inbound, outbound, forwarded] }
}

/// Peak simultaneous calls of one category over a day (or all days).
public struct CategoryPeak: Codable, Sendable, Equatable {
  /// `inbound`, `outbound`, `forwarded` or `total`.
  public var category: String
  public var peak: Int
  /// Local time the peak was first reached (`2026-11-10 10:15:03`); nil when no call was live.
  public var peakAt: String?
  /// Nil for `total`, which has no threshold.
  public var threshold: Int?
  /// Seconds during which the level was at or above the threshold.
  public var secondsAtOrAbove: Int
  public var reached: Bool
}

/// The CPS a gate actually used: the most calls created in one second.
public struct GateUse: Codable, Sendable, Equatable {
  /// `api` or `trunk:<trunk sid>`.
  public var gate: String
  public var calls: Int
  public var peakCallsPerSecond: Int
  public var peakAt: String?
}

/// Queue times (creation to start) of API calls, in seconds.
public struct QueueTimes: Codable, Sendable, Equatable {
  public var calls: Int
  public var meanSeconds: Double
  public var p50Seconds: Double
  public var p95Seconds: Double
  public var p99Seconds: Double
  public var maxSeconds: Double
}

/// Calls by how they count, by the local day they were created.
public struct CallCounts: Codable, Sendable, Equatable {
  public var inbound = 0
  public var outbound = 0
  public var forwarded = 0
  /// `outbound-dial` legs, counted with their parent call.
  public var legs = 0
  /// Calls that were never live (no start time: canceled or failed while queued).
  public var neverLive = 0

  static func + (lhs: CallCounts, rhs: CallCounts) -> CallCounts {
    CallCounts(
      inbound: lhs.inbound + rhs.inbound, outbound: lhs.outbound + rhs.outbound, forwarded: lhs.forwarded + rhs.forwarded,
      legs: lhs.legs + rhs.legs, neverLive: lhs.neverLive + rhs.neverLive)
  }
}

/// The measured figures of one local day, or of all days (`date` = `all`).
public struct ObservedDay: Codable, Sendable, Equatable {
  public var date: String
  public var calls: CallCounts
  /// inbound, outbound, forwarded, total.
  public var peaks: [CategoryPeak]
  public var gates: [GateUse]
  public var queueTimes: QueueTimes?
}

/// A trunk's terminating calls against Twilio's CPS-upgrade conditions.
public struct TrunkShares: Codable, Sendable, Equatable {
  public var trunk: String
  public var calls: Int
  public var answered: Int
  public var answerShare: Double
  /// Answered calls of 12 s or less, as a share of answered calls.
  public var shortCalls: Int
  public var shortCallShare: Double
  public var meanDurationSeconds: Double
  public var upgradeEligible: Bool
}

/// What the records say happened: SPEC's `observe`, no simulation.
public struct Observation: Codable, Sendable, Equatable {
  public var name: String
  public var utcOffset: String
  public var files: [String]
  public var recordsRead: Int
  public var recordsSkipped: Int
  public var days: [ObservedDay]
  public var overall: ObservedDay
  public var trunks: [TrunkShares]
  /// Concurrency over time for the chart: bucket start (local seconds) and
  /// the maximum level of each category (inbound, outbound, forwarded, total).
  public var chartBucketSeconds: Int
  public var chart: [ChartPoint]

  public struct ChartPoint: Codable, Sendable, Equatable {
    public var time: Int64
    public var maxima: [Int]
  }

  /// Whether any category reached its threshold on any day.
  public var thresholdReached: Bool { overall.peaks.contains { $0.reached } }
}

/// Why records could not be aggregated at all.
public struct ObservationError: Error, Sendable, CustomStringConvertible {
  public var description: String
}

/// Aggregates checked records one at a time into an ``Observation``.
public struct ObservationBuilder {
  public let utcOffsetSeconds: Int
  public let thresholds: ObservationThresholds
  /// Short calls and the trunk-upgrade conditions.
  public let platform: PlatformRules
  /// Most distinct local days the records may touch: 62 (two months),
  /// about 64 MB of per-second counters at most.
  public static let dayLimit = 62

  private var ledger = ConcurrencyLedger(hourLimit: ObservationBuilder.dayLimit * 24)
  private var counts: [Int64: CallCounts] = [:]
  private var queueByDay: [Int64: WaitStatistics] = [:]
  private var queueOverall = WaitStatistics(longestWaitSeconds: 86_400)
  private var trunkShapes: [String: TrafficShape] = [:]
  private var gateCalls: [Int64: [String: Int]] = [:]

  public init(
    utcOffsetSeconds: Int, thresholds: ObservationThresholds = ObservationThresholds(), platform: PlatformRules = .twilioJapan
  ) {
    self.utcOffsetSeconds = utcOffsetSeconds
    self.thresholds = thresholds
    self.platform = platform
  }

  /// Counts one record.
  public mutating func add(_ record: CallRecord, role: RecordRole) throws(ObservationError) {
    let offset = Int64(utcOffsetSeconds)
    let created = record.createdSeconds + offset
    let day = Self.day(of: created)
    do {
      switch role {
      case .leg:
        counts[day, default: CallCounts()].legs += 1
        return
      case .inbound: counts[day, default: CallCounts()].inbound += 1
      case .forwarded: counts[day, default: CallCounts()].forwarded += 1
      case .outbound(let gate):
        counts[day, default: CallCounts()].outbound += 1
        try ledger.addCreation(gate: gate, time: created)
        gateCalls[day, default: [:]][gate, default: 0] += 1
        if gate == "api", let queue = record.queueTimeMilliseconds {
          queueByDay[day, default: WaitStatistics(longestWaitSeconds: 86_400)].record(queue / 1000)
          queueOverall.record(queue / 1000)
        }
        if record.direction == .trunkingTerminating {
          trunkShapes[record.trunkSid ?? "unknown", default: TrafficShape()].record(
            talk: record.answered ? Double(record.durationSeconds ?? 0) : -1, shortCallSeconds: platform.trunkUpgrade.shortCallSeconds)
        }
      }
      guard let live = record.live else {
        counts[day, default: CallCounts()].neverLive += 1
        return
      }
      let category =
        switch role {
        case .inbound: 0
        case .outbound: 1
        default: 2
        }
      try ledger.addLive(category: category, start: live.start + offset, end: live.end + offset)
    } catch {
      throw ObservationError(
        description: "the records touch more than \(Self.dayLimit) days; observe them a month at a time (or check their dates)")
    }
  }

  static func day(of local: Int64) -> Int64 { local >= 0 ? local / 86_400 : (local - 86_399) / 86_400 }

  /// Per-day accumulation during the sweep.
  private struct DayPeaks {
    var peak = [Int](repeating: 0, count: 4)
    var peakAt = [Int64?](repeating: nil, count: 4)
    var above = [Int](repeating: 0, count: 3)
    var gatePeak: [Int: (count: Int, at: Int64)] = [:]
  }

  /// Sweeps the ledger in time order and assembles the figures.
  public func finish(name: String, files: [String], recordsRead: Int, recordsSkipped: Int) -> Observation {
    let hourKeys = ledger.hours.keys.sorted()
    let threshold = thresholds.values
    var perDay: [Int64: DayPeaks] = [:]
    var levels = [Int](repeating: 0, count: 3)
    let firstSecond = (hourKeys.first ?? 0) * 3600
    let spanSeconds = hourKeys.isEmpty ? 3600 : (hourKeys.last! - hourKeys.first! + 1) * 3600
    let bucket = Int64(max(60, ((spanSeconds + 1439) / 1440 + 59) / 60 * 60))
    var chart: [Observation.ChartPoint] = []

    func chartUpdate(_ time: Int64, _ values: [Int]) {
      let start = firstSecond + (time - firstSecond) / bucket * bucket
      if chart.last?.time != start { chart.append(Observation.ChartPoint(time: start, maxima: values)) }
      for index in 0..<4 where values[index] > chart[chart.count - 1].maxima[index] {
        chart[chart.count - 1].maxima[index] = values[index]
      }
    }

    /// An hour with no changes at the current levels (a call spanning it).
    func constantHour(_ hourIndex: Int64) {
      let day = hourIndex >= 0 ? hourIndex / 24 : (hourIndex - 23) / 24
      var peaks = perDay[day] ?? DayPeaks()
      let values = levels + [levels.reduce(0, +)]
      for index in 0..<4 where values[index] > peaks.peak[index] {
        peaks.peak[index] = values[index]
        peaks.peakAt[index] = hourIndex * 3600
      }
      for index in 0..<3 where values[index] >= threshold[index] { peaks.above[index] += 3600 }
      perDay[day] = peaks
      var time = hourIndex * 3600
      while time < (hourIndex + 1) * 3600 {
        chartUpdate(time, values)
        time += bucket
      }
    }

    var previous: Int64?
    for hourIndex in hourKeys {
      if let previous, hourIndex > previous + 1, levels.contains(where: { $0 != 0 }) {
        for gap in (previous + 1)..<hourIndex { constantHour(gap) }
      }
      previous = hourIndex
      let hour = ledger.hours[hourIndex]!
      let day = hourIndex >= 0 ? hourIndex / 24 : (hourIndex - 23) / 24
      var peaks = perDay[day] ?? DayPeaks()
      var values = [0, 0, 0, 0]
      for second in 0..<3600 {
        let time = hourIndex * 3600 + Int64(second)
        for index in 0..<3 { levels[index] += Int(hour.deltas[second * 3 + index]) }
        values[0] = levels[0]
        values[1] = levels[1]
        values[2] = levels[2]
        values[3] = levels[0] + levels[1] + levels[2]
        for index in 0..<4 where values[index] > peaks.peak[index] {
          peaks.peak[index] = values[index]
          peaks.peakAt[index] = time
        }
        for index in 0..<3 where values[index] >= threshold[index] { peaks.above[index] += 1 }
        chartUpdate(time, values)
      }
      for (gate, creations) in hour.creations.enumerated() where !creations.isEmpty {
        for second in 0..<3600 where Int(creations[second]) > peaks.gatePeak[gate]?.count ?? 0 {
          peaks.gatePeak[gate] = (Int(creations[second]), hourIndex * 3600 + Int64(second))
        }
      }
      perDay[day] = peaks
    }

    let categoryNames = ["inbound", "outbound", "forwarded", "total"]
    var days: [ObservedDay] = []
    for day in Set(perDay.keys).union(counts.keys).sorted() {
      let peaks = perDay[day] ?? DayPeaks()
      let categoryPeaks = (0..<4).map { index in
        CategoryPeak(
          category: categoryNames[index], peak: peaks.peak[index], peakAt: peaks.peakAt[index].map(LocalTime.dateTime),
          threshold: index < 3 ? threshold[index] : nil, secondsAtOrAbove: index < 3 ? peaks.above[index] : 0,
          reached: index < 3 && peaks.peak[index] >= threshold[index] && peaks.peak[index] > 0)
      }
      let gates = ledger.gates.enumerated().compactMap { index, gate -> GateUse? in
        guard let calls = gateCalls[day]?[gate] else { return nil }
        let peak = peaks.gatePeak[index]
        return GateUse(gate: gate, calls: calls, peakCallsPerSecond: peak?.count ?? 0, peakAt: peak.map { LocalTime.dateTime($0.at) })
      }.sorted { $0.gate < $1.gate }
      days.append(
        ObservedDay(
          date: LocalTime.date(day), calls: counts[day] ?? CallCounts(), peaks: categoryPeaks, gates: gates,
          queueTimes: queueByDay[day].map(Self.queueTimes)))
    }
    let overall = ObservedDay(
      date: "all", calls: days.reduce(CallCounts()) { $0 + $1.calls },
      peaks: (0..<4).map { index in
        let best = days.map { $0.peaks[index] }.max { $0.peak < $1.peak || ($0.peak == $1.peak && $0.peakAt ?? "" > $1.peakAt ?? "") }
        var total =
          best
          ?? CategoryPeak(
            category: categoryNames[index], peak: 0, peakAt: nil, threshold: index < 3 ? threshold[index] : nil, secondsAtOrAbove: 0,
            reached: false)
        total.secondsAtOrAbove = days.reduce(0) { $0 + $1.peaks[index].secondsAtOrAbove }
        total.reached = days.contains { $0.peaks[index].reached }
        return total
      },
      gates: Dictionary(grouping: days.flatMap(\.gates), by: \.gate).map { gate, uses in
        let best = uses.max {
          $0.peakCallsPerSecond < $1.peakCallsPerSecond
            || ($0.peakCallsPerSecond == $1.peakCallsPerSecond && $0.peakAt ?? "" > $1.peakAt ?? "")
        }!
        return GateUse(
          gate: gate, calls: uses.reduce(0) { $0 + $1.calls }, peakCallsPerSecond: best.peakCallsPerSecond, peakAt: best.peakAt)
      }.sorted { $0.gate < $1.gate },
      queueTimes: queueOverall.count == 0 ? nil : Self.queueTimes(queueOverall))
    let trunks = trunkShapes.keys.sorted().map { trunk in
      let shape = trunkShapes[trunk]!
      return TrunkShares(
        trunk: trunk, calls: shape.attemptedCalls, answered: shape.answeredCalls, answerShare: shape.answerSeizureRatio,
        shortCalls: shape.shortCalls, shortCallShare: shape.shortCallShare, meanDurationSeconds: shape.meanDuration,
        upgradeEligible: UpgradeEligibility(shape, rules: platform.trunkUpgrade).isEligible)
    }
    return Observation(
      name: name, utcOffset: LocalTime.offset(utcOffsetSeconds), files: files, recordsRead: recordsRead, recordsSkipped: recordsSkipped,
      days: days, overall: overall, trunks: trunks, chartBucketSeconds: Int(bucket), chart: chart)
  }

  private static func queueTimes(_ statistics: WaitStatistics) -> QueueTimes {
    QueueTimes(
      calls: statistics.count, meanSeconds: statistics.mean, p50Seconds: statistics.percentile(50),
      p95Seconds: statistics.percentile(95), p99Seconds: statistics.percentile(99), maxSeconds: statistics.maximum)
  }
}

/// Local seconds since 1970 (UTC plus the offset) as calendar text.
public enum LocalTime {
  /// `2026-11-10` for a day number (days since 1970-01-01).
  public static func date(_ day: Int64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = day + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return "\(y)-\(two(m))-\(two(d))"
  }

  /// `2026-11-10 10:15:03`.
  public static func dateTime(_ local: Int64) -> String {
    let day = ObservationBuilder.day(of: local)
    let second = local - day * 86_400
    return date(day) + " " + two(second / 3600) + ":" + two(second / 60 % 60) + ":" + two(second % 60)
  }

  /// `+09:00`.
  public static func offset(_ seconds: Int) -> String {
    let sign = seconds < 0 ? "-" : "+"
    let minutes = abs(seconds) / 60
    return sign + two(Int64(minutes / 60)) + ":" + two(Int64(minutes % 60))
  }

  /// Seconds east of UTC from `+09:00`, `-05:30`, `+0900`, `Z`; nil otherwise.
  public static func parseOffset(_ text: String) -> Int? {
    if text == "Z" || text == "0" || text == "+00:00" || text == "UTC" { return 0 }
    let bytes = Array(text.utf8)
    guard bytes.count == 6 || bytes.count == 5, bytes[0] == UInt8(ascii: "+") || bytes[0] == UInt8(ascii: "-") else { return nil }
    let digits = bytes.count == 6 ? [bytes[1], bytes[2], bytes[4], bytes[5]] : Array(bytes[1...4])
    if bytes.count == 6 && bytes[3] != UInt8(ascii: ":") { return nil }
    guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
    let value = digits.map { Int($0 - 0x30) }
    let hours = value[0] * 10 + value[1]
    let minutes = value[2] * 10 + value[3]
    guard hours <= 14, minutes < 60, hours * 60 + minutes <= 14 * 60 else { return nil }
    return (bytes[0] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
  }

  private static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

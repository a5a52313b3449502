/// The up-front estimate of what simulating a scenario costs, checked by the
/// loader (and by commands that override replications or tiers) so that an
/// accepted scenario finishes in bounded time and memory: calls per
/// replication (`--max-calls`), calls held in memory at once, time-series
/// buckets and per-class records over all replications and plan evaluations.
public struct Workload: Sendable, Equatable {
  /// Expected calls offered in one replication.
  public var callsPerReplication: Double
  /// Attempts one replication may make at most: a call through a trunk
  /// with `retry` may be refused and retried `attempts` more times, each a
  /// simulated attempt (a retry storm costs as much work as new calls).
  public var attemptsPerReplication: Double
  /// Calls (and queued API requests) one replication may hold at once:
  /// every burst, the peak load, and the API queue's growth up to its limit.
  public var peakLiveCalls: Double
  /// How long calls offered before the horizon may go on after it: the
  /// longest call and its ring, a full API queue, the trunks' retries and
  /// the requests the dialer throttles hold (an estimate; the time series
  /// stops at the bucket limit regardless).
  public var drainSeconds: Double
  /// Of ``drainSeconds``, the longest time a dialer throttle may take to
  /// release every request of its class: calls / `max_rate`, or calls x
  /// (ring + talk) / `max_in_progress`, whichever is longer.
  public var dialerDrainSeconds = 0.0
  /// The horizon, in seconds.
  public var horizonSeconds: Double
  /// Time-series buckets of one replication: [warm-up, horizon + drain).
  public var seriesBucketsPerReplication: Double
  /// Time-series buckets over all replications and evaluations.
  public var seriesBuckets: Double
  /// Per-class result records over all replications and evaluations.
  public var classRecords: Double
  /// Whether the figures count the replications `plan`'s sequential rule may add.
  public var countsSequentialReplications = false

  /// The estimate for `scenario`, run with `replications` replications
  /// (default: its own) at `evaluations` configurations (default: its
  /// tiers plus the configured CPS, as `plan` runs it). With `sequentialTo`,
  /// `plan`'s replication budget, the replications its sequential rule may
  /// add count too: while undecided, one setting at a time (any tier, or
  /// the configured CPS when there is none) is extended up to the budget,
  /// and every replication's time series is kept.
  public init(_ scenario: Scenario, replications: Int? = nil, evaluations: Int? = nil, sequentialTo budget: Int? = nil) {
    let simulation = scenario.simulation
    let horizon = simulation.horizonSeconds
    let perSetting = Double(replications ?? simulation.replications)
    let settings = evaluations ?? (scenario.tiers.count + 1)
    var runs = perSetting * Double(settings)
    if let budget, Double(budget) > perSetting {
      countsSequentialReplications = true
      runs += (Double(budget) - perSetting) * Double(max(settings - 1, 1))
    }
    var calls = 0.0
    var attempts = 0.0
    var live = 0.0
    var apiPeakRate = 0.0
    var dialerDrain = 0.0
    for traffic in scenario.traffic {
      let offered = traffic.arrivals.reduce(0) { $0 + $1.expectedCount(horizonSeconds: horizon) }
      calls += offered
      var tries = 1.0
      if case .trunk(let name) = traffic.gate, let retry = scenario.account.trunks.first(where: { $0.name == name })?.retry {
        tries += Double(retry.attempts)
      }
      attempts += offered * tries
      let hold =
        min(traffic.duration.uncappedMean, scenario.account.maxCallLengthSeconds) + traffic.ring.uncappedMean
      // A dialer releases at most `max_rate` calls a second, or
      // `max_in_progress` per call length: what arrives faster waits in it.
      var arrivalRate = 0.0
      if let dialer = traffic.dialer {
        let releaseRate = min(
          dialer.maxRatePerSecond ?? .infinity, dialer.maxInProgress.map { Double($0) / max(hold, 1e-6) } ?? .infinity)
        dialerDrain = max(dialerDrain, offered / releaseRate)
        for arrival in traffic.arrivals {
          switch arrival {
          case .burst: break
          case .poisson(let rate): arrivalRate += rate
          case .profile(let profile): arrivalRate += profile.peakPerSecond
          case .every(let interval): arrivalRate += 1 / interval
          }
        }
        live += min(offered, max(0, arrivalRate - releaseRate) * horizon)
      }
      for arrival in traffic.arrivals {
        switch arrival {
        case .burst(let at, let count, _): live += at < horizon ? Double(count) : 0
        case .poisson(let rate): live += rate * hold
        case .profile(let profile): live += profile.peakPerSecond * hold
        case .every(let interval): live += hold / interval + 1
        }
        if traffic.gate == .api {
          switch arrival {
          case .poisson(let rate): apiPeakRate += rate
          case .profile(let profile): apiPeakRate += profile.peakPerSecond
          case .every(let interval): apiPeakRate += 1 / interval
          case .burst: break
          }
        }
      }
    }
    let api = scenario.account.api
    let queueCapacity = api.queueLimitSeconds * api.cps
    live += min(queueCapacity, max(0, apiPeakRate - api.cps) * horizon)
    horizonSeconds = horizon
    callsPerReplication = calls
    attemptsPerReplication = attempts
    peakLiveCalls = live
    // A call lasts at most max_call_length, less where its durations are bounded.
    let longestCall = scenario.traffic.reduce(0.0) { longest, traffic in
      let talk = min(traffic.duration.largestDraw ?? .infinity, scenario.account.maxCallLengthSeconds)
      return max(longest, talk + (traffic.ring.largestDraw ?? traffic.ring.uncappedMean))
    }
    var drain = longestCall
    if scenario.traffic.contains(where: { $0.gate == .api }) { drain += api.queueLimitSeconds }
    drain += scenario.account.trunks.reduce(0) { longest, trunk in
      guard let retry = trunk.retry else { return longest }
      return max(longest, Double(retry.attempts) * retry.delay.uncappedMean)
    }
    drain += dialerDrain
    dialerDrainSeconds = dialerDrain
    drainSeconds = drain
    let buckets = ((horizon - simulation.warmupSeconds + drain) / simulation.resolutionSeconds).rounded(.up)
    seriesBucketsPerReplication = buckets
    seriesBuckets = buckets * runs
    classRecords = Double(scenario.traffic.count) * runs
  }

  /// Every limit the estimate exceeds, as sentences with the figures.
  public func problems(maxCalls: Double) -> [String] {
    let d = { (value: Double) in Format.decimal(value, digits: 3) }
    var problems: [String] = []
    let sequentialNote = countsSequentialReplications ? ", and up to max_replications per tier as plan may run it" : ""
    if !(callsPerReplication <= maxCalls) {
      problems.append(
        "this scenario expects about \(d(callsPerReplication)) calls per replication, more than the limit of \(d(maxCalls)) (--max-calls); shorten the horizon or lower the rates"
      )
    } else if !(attemptsPerReplication <= maxCalls) {
      problems.append(
        "this scenario may make up to about \(d(attemptsPerReplication)) call attempts per replication (each call through a trunk with retry may be tried 1 + attempts times), more than the limit of \(d(maxCalls)) (--max-calls); lower the retry attempts, the rates or the horizon"
      )
    }
    if !(peakLiveCalls <= InputLimits.maxLiveCalls) {
      let gigabytes = peakLiveCalls * InputLimits.bytesPerLiveCall / 1e9
      problems.append(
        "this scenario may hold about \(d(peakLiveCalls)) calls or queued requests at once (about \(d(gigabytes)) GB per replication), more than the limit of \(d(InputLimits.maxLiveCalls)); lower the burst counts, the rates or the API queue_limit"
      )
    }
    if !(horizonSeconds + drainSeconds <= InputLimits.maxSeconds) && dialerDrainSeconds > 0 {
      problems.append(
        "a dialer throttle may take about \(Quantity.humanDuration(dialerDrainSeconds)) to release every call it holds (calls / max_rate, or calls x call length / max_in_progress), so calls would run past 3650d, where times lose microsecond resolution; raise max_rate or max_in_progress, or offer fewer calls"
      )
    } else if !(seriesBucketsPerReplication <= Double(ScenarioLoader.maxBuckets)) {
      problems.append(
        "one replication's time series would have about \(d(seriesBucketsPerReplication)) buckets (from the warm-up to the horizon plus a drain of up to \(Quantity.humanDuration(drainSeconds)): the longest call, ringing, a full API queue, retries, the calls a dialer throttle holds), more than the limit of \(ScenarioLoader.maxBuckets); use a coarser resolution"
      )
    }
    if !(seriesBuckets <= InputLimits.maxSeriesBuckets) {
      problems.append(
        "this scenario records about \(d(seriesBuckets)) time-series buckets (horizon / resolution x replications x (tiers + 1)\(sequentialNote)), more than the limit of \(d(InputLimits.maxSeriesBuckets)); use a coarser resolution, a shorter horizon, fewer replications or fewer tiers"
      )
    }
    if !(classRecords <= InputLimits.maxClassRecords) {
      problems.append(
        "this scenario keeps about \(d(classRecords)) per-class results (traffic classes x replications x (tiers + 1)\(sequentialNote)), more than the limit of \(d(InputLimits.maxClassRecords)); use fewer traffic classes, replications or tiers"
      )
    }
    return problems
  }
}

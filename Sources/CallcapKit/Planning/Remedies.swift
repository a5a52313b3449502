import CGSL
import Foundation

/// One remedy of the verdict's "What would fix it": the sentence, and the
/// change to the scenario file that carries it out when there is one
/// (``RemedyVerification`` simulates it and writes it as `fix.yaml`).
public struct Remedy: Sendable, Equatable {
  /// The sentence the report quotes.
  public var text: String
  /// The changes that make the scenario follow the sentence; empty when
  /// it is advice no scenario key expresses (ask sales, move traffic to
  /// another account, spread requests of unnamed classes).
  public var changes: [ScenarioChange]

  public init(_ text: String, changes: [ScenarioChange] = []) {
    self.text = text
    self.changes = changes
  }
}

/// What would make a failing objective pass, computed from the scenario
/// and the sweep rather than generic advice: how far a burst must be
/// spread, the concurrency a paced dialer must stay under, the CPS a wait
/// objective needs.
public enum Remedies {
  /// The sentences of ``remedies(for:)``.
  public static func suggest(for plan: CapacityPlan, _ c: any Catalogue = English()) -> [String] {
    remedies(for: plan, c).map(\.text)
  }

  /// The remedies, in report order, each with its change to the scenario
  /// where one expresses it: a dialer rate for a class to pace, a burst's
  /// spread, the API CPS a wait needs, a trunk's retry, the account profile.
  public static func remedies(for plan: CapacityPlan, _ c: any Catalogue = English()) -> [Remedy] {
    let duration = { (seconds: Double) in Readable.duration(seconds, units: c.units) }
    let estimate = { (value: Double) in Readable.estimate(value, units: c.units) }
    let outcomes = plan.tiers.isEmpty ? [plan.configured] : plan.tiers
    let loads = OfferedLoad.of(plan.scenario)
    let horizon = plan.scenario.simulation.horizonSeconds
    // Sized on what suspension_risk counts: the chance that one horizon's peak reaches the limit.
    let risk = plan.scenario.objectives.suspensionRisk
    let platform = plan.scenario.platform
    var remedies: [Remedy] = []

    let waitFails = { (outcome: TierOutcome) in
      outcome.failing.contains { if case .queueWaitP95 = $0.objective { true } else { false } }
    }
    // A setting whose suspension risk is not shown to be small, with replications reaching this category's limit.
    let riskNotMet = { (outcome: TierOutcome, category: ConcurrencyCategory) in
      outcome.checks.contains { $0.objective == .suspensionRisk && !$0.met }
        && (outcome.reach.category(category)?.reached.events ?? 0) > 0
    }
    for category in [ConcurrencyCategory.inbound, .outbound, .forwarded] {
      guard let failingOutcome = outcomes.first(where: { riskNotMet($0, category) }),
        let failing = failingOutcome.reach.category(category)
      else { continue }
      // The most simultaneous calls that do not reach the limit (threshold less headroom).
      let allowed = max(1, Int(failing.limit.rounded(.up)) - 1)
      let gated = loads.filter { $0.category == category && $0.gate != .none }
      let ungated = loads.filter { $0.category == category && $0.gate == .none }
      // Classes that matter: a burst, or a steady load of at least a quarter of the allowance.
      for load in gated where load.holdSeconds > 0 && (load.hasBurst || load.peakLoad >= Double(allowed) / 4) {
        // Calls released at a steady rate and held H seconds: about Poisson(rate x H) in progress (M/G/inf).
        // Pacing changes when the class's calls start, not how many there are: each gets a chance to find `allowed` busy.
        let calls = load.meanPerSecond * horizon
        let rate = safeRate(allowed: allowed, holdSeconds: load.holdSeconds, risk: risk) { _ in calls }
        // The application's own throttle: only outbound classes have one (SPEC "The application's own pacing").
        let isOutbound = plan.scenario.traffic.first { $0.name == load.traffic }?.type == .outbound
        remedies.append(
          Remedy(
            c.keepAtOrBelow(
              load.traffic, allowed: allowed, category, hold: duration(load.holdSeconds), calls: estimate(calls), rate: estimate(rate),
              risk: Format.percent(risk)),
            changes: isOutbound ? [.dialerMaxRate(traffic: load.traffic, rate: ScenarioChange.rateText(rate))] : []))
        for (arrival, count, spread, needed) in spreads(
          of: load.traffic, in: plan.scenario, holdSeconds: load.holdSeconds, allowed: allowed, risk: risk)
        {
          var changes = [ScenarioChange.spreadBurst(traffic: load.traffic, arrival: arrival, seconds: Int(needed))]
          var then: (cps: String, wait: String)?
          if load.gate == .api, let objective = plan.scenario.objectives.queueWaitP95Seconds,
            let tier = smallestTier(in: outcomes, arrivalsPerSecond: Double(count) / needed, waitP95: objective)
          {
            then = (Quantity.shortest(tier), duration(objective))
            if tier != plan.scenario.account.api.cps { changes.append(.gateCPS(.api, Int(tier))) }
          }
          let text = c.spreadBurst(
            count: Readable.count(count), load.traffic, over: duration(needed), now: spread > 0 ? duration(spread) : nil, then: then)
          remedies.append(Remedy(text, changes: changes))
        }
      }
      if !ungated.isEmpty && outcomes.allSatisfy({ riskNotMet($0, category) }) {
        var text = c.ungoverned(category, ungated.map(\.traffic), peak: estimate(failing.meanPeak))
        var changes: [ScenarioChange] = []
        for load in ungated where load.hasBurst && load.holdSeconds > 0 {
          for (arrival, count, spread, needed) in spreads(
            of: load.traffic, in: plan.scenario, holdSeconds: load.holdSeconds, allowed: allowed, risk: risk)
          {
            text +=
              c.sentenceSpace
              + c.surge(
                count: Readable.count(count), load.traffic, over: duration(needed), now: spread > 0 ? duration(spread) : nil,
                allowed: allowed)
            changes.append(.spreadBurst(traffic: load.traffic, arrival: arrival, seconds: Int(needed)))
          }
        }
        let steady = ungated.filter { !$0.hasBurst }
        let steadyLoad = steady.reduce(0) { $0 + $1.peakLoad }
        let steadyRate = steady.reduce(0) { $0 + $1.peakPerSecond }
        let probability = peakReachProbability(allowed: allowed, load: steadyLoad, arrivals: steadyRate * horizon)
        if probability >= 1e-4 {
          text +=
            c.sentenceSpace
            + c.withoutSurges(
              load: estimate(steadyLoad), reaches: allowed + 1, probability: Format.percent(probability), horizon: duration(horizon))
        }
        remedies.append(Remedy(text + c.sentenceSpace + c.contactOrMove(platform.sales), changes: changes))
      }
    }

    // The option with the highest API CPS (the dearest of those): what the wait is at its fastest.
    let fastest = outcomes.filter { $0.setting?.cps(for: .api) != nil }
      .max { ($0.setting?.cps(for: .api) ?? 0) < ($1.setting?.cps(for: .api) ?? 0) }
    if let largest = fastest, waitFails(largest), let tier = largest.setting?.cps(for: .api),
      let check = largest.checks.first(where: { if case .queueWaitP95 = $0.objective { true } else { false } }), check.limit > 0
    {
      let needed = tier * check.measured / check.limit
      let cps = needed.rounded(.up)
      let settable = cps <= Double(InputLimits.cps.upperBound) && cps > plan.scenario.account.api.cps
      remedies.append(
        Remedy(
          c.evenAtFastest(
            Quantity.shortest(tier), wait: duration(check.measured), needed: Readable.count(needed.rounded(.up)), sales: platform.sales),
          changes: settable ? [.gateCPS(.api, Int(cps))] : []))
    }

    if let largest = outcomes.last, largest.failing.contains(where: { $0.objective == .rejected }) {
      let run = largest.run
      let capRefused = run.mean(.category(.total), .callsRefusedConcurrency) ?? 0
      let queueRefused = run.mean(.category(.total), .callsRefusedQueueFull) ?? 0
      let profile = plan.scenario.account.profile
      let caps = platform.caps(for: profile)
      if capRefused > 0, let cap = caps.voice ?? caps.trunking {
        remedies.append(
          Remedy(
            c.profileCap(profile.rawValue, cap: cap, refused: estimate(capRefused), error: platform.errors.accountCap),
            changes: profile == .business ? [] : [.profile(.business)]))
      }
      if queueRefused > 0 {
        remedies.append(
          Remedy(
            c.queueOverflowRemedy(
              error: platform.errors.apiQueueFull, refused: estimate(queueRefused),
              holds: duration(plan.scenario.account.api.queueLimitSeconds))))
      }
      for trunk in plan.scenario.account.trunks {
        let share = run.mean(.trunk(trunk.name), .rejectedRate) ?? 0
        guard share > 0 else { continue }
        let example = "`retry: { attempts: \(firstRetry.attempts), delay: \(firstRetry.delay) }`"
        // A trunk that retries already gets twice the attempts (at least two more); the delay stays.
        let change: ScenarioChange? =
          if let retry = trunk.retry {
            retry.attempts < maxRetryAttempts
              ? .trunkRetry(trunk: trunk.name, attempts: min(maxRetryAttempts, max(retry.attempts + 2, 2 * retry.attempts)), delay: nil)
              : nil
          } else {
            .trunkRetry(trunk: trunk.name, attempts: firstRetry.attempts, delay: firstRetry.delay)
          }
        remedies.append(
          Remedy(
            c.trunkStillRefuses(
              trunk.name, share: Format.percent(share), at: c.label(largest), error: platform.errors.trunkCPS,
              errorText: platform.errors.trunkCPSText, example: trunk.retry == nil ? example : nil),
            changes: change.map { [$0] } ?? []))
      }
    }
    return remedies
  }

  /// The retry policy suggested to a trunk that has none.
  static let firstRetry = (attempts: 3, delay: "exponential(mean: 2s)")
  /// The most retry attempts a scenario accepts.
  static let maxRetryAttempts = 100

  /// The bursts of traffic class `name` released too fast, with their
  /// position in the class's `arrivals` and the spread (whole seconds)
  /// that keeps the chance that the burst's peak reaches `allowed + 1`
  /// within `risk`: `count` calls released evenly at the
  /// ``safeRate(allowed:holdSeconds:risk:arrivals:)`` for `count` arrivals.
  static func spreads(
    of name: String, in scenario: Scenario, holdSeconds: Double, allowed: Int, risk: Double
  ) -> [(arrival: Int, count: Int, spread: Double, needed: Double)] {
    guard let traffic = scenario.traffic.first(where: { $0.name == name }) else { return [] }
    return traffic.arrivals.enumerated().compactMap { index, arrival in
      guard case .burst(_, let count, let spread) = arrival else { return nil }
      let rate = safeRate(allowed: allowed, holdSeconds: holdSeconds, risk: risk) { _ in Double(count) }
      let needed = (Double(count) / rate).rounded(.up)
      return needed > spread ? (index, count, spread, needed) : nil
    }
  }

  /// The chance that the number of calls in progress reaches `allowed + 1`
  /// at some time of a horizon, for calls arriving as a Poisson stream
  /// (`arrivals` of them in the horizon) held `load` erlangs in progress on
  /// average (M/G/inf, Poisson(load) in progress). It reaches it either
  /// with `allowed + 1` already in progress or when an arrival finds
  /// exactly `allowed` in progress, which arrivals do in proportion
  /// Poisson(load) = `allowed` (they see time averages); the sum bounds
  /// the chance from above. This is the quantity suspension_risk counts
  /// (`ThresholdReach`), not the share of time spent above the limit.
  static func peakReachProbability(allowed: Int, load: Double, arrivals: Double) -> Double {
    guard load > 0 else { return 0 }
    guard allowed >= 0, allowed <= Int(UInt32.max) else { return 1 }
    let already = PoissonConcurrency.probabilityAtLeast(allowed + 1, load: load)
    return min(1, already + arrivals * gsl_ran_poisson_pdf(UInt32(allowed), load))
  }

  /// The highest release rate (calls per second) at which the peak of
  /// calls held `holdSeconds` reaches `allowed + 1` with chance at most
  /// `risk` per horizon (``peakReachProbability(allowed:load:arrivals:)``),
  /// where `arrivals(rate)` is the number of calls released at that rate:
  /// rate x horizon for a steady stream, the count for a burst spread at
  /// that rate.
  static func safeRate(allowed: Int, holdSeconds: Double, risk: Double, arrivals: @escaping (Double) -> Double) -> Double {
    let load =
      Numerics.root(in: 1e-9, Double(allowed) + 1) { load in
        peakReachProbability(allowed: allowed, load: load, arrivals: arrivals(load / holdSeconds)) - risk
      } ?? Double(allowed)
    return load / holdSeconds
  }

  /// The smallest swept tier at which Poisson requests at this rate wait at
  /// most `waitP95` at the 95th percentile under smooth pacing.
  static func smallestTier(in outcomes: [TierOutcome], arrivalsPerSecond: Double, waitP95: Double) -> Double? {
    Set(outcomes.compactMap { $0.setting?.cps(for: .api) }).sorted().first { tier in
      MD1Queue(arrivalsPerSecond: arrivalsPerSecond, cps: tier).waitQuantile(0.95).map { $0 <= waitP95 } ?? false
    }
  }
}

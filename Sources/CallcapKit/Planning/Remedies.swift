import Foundation

/// What would make a failing objective pass, computed from the scenario
/// and the sweep rather than generic advice: how far a burst must be
/// spread, the concurrency a paced dialer must stay under, the CPS a wait
/// objective needs.
public enum Remedies {
  public static func suggest(for plan: CapacityPlan) -> [String] {
    let outcomes = plan.tiers.isEmpty ? [plan.configured] : plan.tiers
    let loads = OfferedLoad.of(plan.scenario)
    var remedies: [String] = []

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
        let rate = safeRate(allowed: allowed, holdSeconds: load.holdSeconds)
        remedies.append(
          "Keep \(load.traffic) at or below \(allowed) \(category.rawValue) calls at once: with \(Quantity.humanDuration(load.holdSeconds)) "
            + "per call (ringing and talk), starting at most \(Format.decimal(rate, digits: 3)) calls per second keeps them above \(allowed) "
            + "less than 1% of the time (Poisson tail of M/G/inf); pace the calls at that rate or cap the calls in progress at the source.")
        for (count, spread, needed) in spreads(of: load.traffic, in: plan.scenario, rate: rate) {
          var text =
            "Spread the \(count)-call burst of \(load.traffic) over at least \(Quantity.humanDuration(needed)) "
            + "(now \(spread > 0 ? Quantity.humanDuration(spread) : "all at once"))"
          if load.gate == .api, let objective = plan.scenario.objectives.queueWaitP95Seconds,
            let tier = smallestTier(in: outcomes, arrivalsPerSecond: Double(count) / needed, waitP95: objective)
          {
            text += "; then \(Quantity.shortest(tier)) CPS keeps the p95 API wait within \(Quantity.humanDuration(objective)) (M/D/1)"
          }
          remedies.append(text + ".")
        }
      }
      if !ungated.isEmpty && outcomes.allSatisfy({ riskNotMet($0, category) }) {
        var text =
          "CPS does not govern \(category.rawValue) calls without a gate (\(ungated.map(\.traffic).joined(separator: ", "))), "
          + "so no tier lowers their peak of \(Format.decimal(failing.meanPeak))."
        for load in ungated where load.hasBurst && load.holdSeconds > 0 {
          let rate = safeRate(allowed: allowed, holdSeconds: load.holdSeconds)
          for (count, spread, needed) in spreads(of: load.traffic, in: plan.scenario, rate: rate) {
            text +=
              " The \(count)-call surge of \(load.traffic) would have to arrive over at least \(Quantity.humanDuration(needed)) "
              + "(now \(spread > 0 ? Quantity.humanDuration(spread) : "at once")) to keep at most \(allowed) at once."
          }
        }
        let steady = ungated.filter { !$0.hasBurst }.reduce(0) { $0 + $1.peakLoad }
        let probability = PoissonConcurrency.probabilityAtLeast(allowed + 1, load: steady)
        if probability >= 1e-4 {
          text +=
            " Without surges, their peak-hour load of \(Format.decimal(steady, digits: 3)) erlangs exceeds \(allowed) calls "
            + "\(Format.percent(probability)) of the time (Poisson tail)."
        }
        remedies.append(text + " Contact Twilio sales before launch, or move part of this traffic to another account.")
      }
    }

    if let largest = outcomes.last, waitFails(largest), let tier = largest.tier,
      let check = largest.checks.first(where: { if case .queueWaitP95 = $0.objective { true } else { false } }), check.limit > 0
    {
      let needed = tier * check.measured / check.limit
      remedies.append(
        "Even at \(Quantity.shortest(tier)) CPS the p95 API wait is \(Quantity.humanDuration(check.measured)); while a backlog drains "
          + "the wait shrinks about as 1/CPS, so about \(Format.decimal(needed.rounded(.up), digits: 4)) CPS would be needed (Twilio sales), "
          + "unless the requests are spread out.")
    }

    if let largest = outcomes.last, largest.failing.contains(where: { $0.objective == .rejected }) {
      let run = largest.run
      let capRefused = run.mean(.category(.total), .callsRefusedConcurrency) ?? 0
      let queueRefused = run.mean(.category(.total), .callsRefusedQueueFull) ?? 0
      let profile = plan.scenario.account.profile
      if capRefused > 0, let cap = profile.voiceCap ?? profile.trunkingCap {
        remedies.append(
          "The \(profile.rawValue) account profile allows \(cap) simultaneous calls and refuses \(Format.decimal(capRefused, digits: 3)) "
            + "calls per replication (10004): register a business profile to lift the cap.")
      }
      if queueRefused > 0 {
        remedies.append(
          "The API queue overflows (22005) for \(Format.decimal(queueRefused, digits: 3)) calls per replication: it holds "
            + "\(Quantity.humanDuration(plan.scenario.account.api.queueLimitSeconds)) of work, so spread the requests.")
      }
      for trunk in plan.scenario.account.trunks {
        let share = run.mean(.trunk(trunk.name), .rejectedRate) ?? 0
        guard share > 0 else { continue }
        let advice =
          trunk.retry == nil
          ? "retry on 503 (for example `retry: { attempts: 3, delay: exponential(mean: 2s) }`)"
          : "retry more often or later, or pace attempts"
        remedies.append(
          "Trunk \(trunk.name) still refuses \(Format.percent(share)) of its calls at \(largest.label) (503 Trunk CPS limit exceeded): \(advice)."
        )
      }
    }
    return remedies
  }

  /// The bursts of traffic class `name` that arrive faster than `rate`,
  /// with the spread (seconds) that brings each down to it.
  static func spreads(of name: String, in scenario: Scenario, rate: Double) -> [(count: Int, spread: Double, needed: Double)] {
    guard let traffic = scenario.traffic.first(where: { $0.name == name }) else { return [] }
    return traffic.arrivals.compactMap { arrival in
      guard case .burst(_, let count, let spread) = arrival else { return nil }
      let needed = (Double(count) / rate).rounded(.up)
      return needed > spread ? (count, spread, needed) : nil
    }
  }

  /// The highest release rate whose M/G/inf concurrency, Poisson with mean
  /// rate x hold, exceeds `allowed` at most 1% of the time.
  static func safeRate(allowed: Int, holdSeconds: Double) -> Double {
    let load =
      Numerics.root(in: 1e-9, Double(allowed) + 1) {
        PoissonConcurrency.probabilityAtLeast(allowed + 1, load: $0) - 0.01
      } ?? Double(allowed)
    return load / holdSeconds
  }

  /// The smallest swept tier at which Poisson requests at this rate wait at
  /// most `waitP95` at the 95th percentile under smooth pacing.
  static func smallestTier(in outcomes: [TierOutcome], arrivalsPerSecond: Double, waitP95: Double) -> Double? {
    outcomes.compactMap(\.tier).first { tier in
      MD1Queue(arrivalsPerSecond: arrivalsPerSecond, cps: tier).waitQuantile(0.95).map { $0 <= waitP95 } ?? false
    }
  }
}

import Testing

@testable import CallcapKit

/// The platform's facts come from one injected ``PlatformRules`` value: a
/// loader given other rules reads, warns, plans, estimates and words
/// reports by those rules, not by Twilio's.
@Suite struct PlatformRulesTests {
  /// A made-up provider whose every figure differs from Twilio's.
  static let other = PlatformRules(
    provider: "Acme", sales: "Acme account managers",
    accountCaps: [.trial: PlatformRules.AccountCaps(voice: 7, trunking: 6)],
    selfServe: PlatformRules.SelfServeCPS(api: 1...10, trunk: 1...3),
    thresholds: Thresholds(inbound: 40, outbound: 60, forwarded: 20),
    trunkUpgrade: PlatformRules.TrunkUpgradeConditions(
      meanDurationAboveSeconds: 10, shortCallSeconds: 3, shortCallShareAtMost: 0.5, answerSeizureRatioAbove: 0.2),
    errors: PlatformRules.Errors(apiQueueFull: "Q-FULL", trunkCPS: "T-CPS", trunkCPSText: "T-CPS trunk busy", accountCap: "CAP"),
    queue: PlatformRules.QueueLimits(defaultMaxSize: 200, largestMaxSize: 300),
    defaultCPS: 2, apiQueueLimitSeconds: 600, maxCallLengthSeconds: 3600, longestCallLengthSeconds: 7200)

  static func load(_ text: String, _ rules: PlatformRules) -> Result<Scenario, LoadFailure> {
    ScenarioLoader(platform: rules).load(text: text, path: "inline.yaml", baseDirectory: "/tmp")
  }

  static let outbound = """
    callcap: 1
    name: rules
    simulation: { horizon: 1h, replications: 2, max_replications: 2 }
    account:
      api: { cps: 8 }
      trunks: [{ name: pbx, cps: 4 }]
    numbers: [050-1234-5678]
    tiers: [8]
    traffic:
      - { name: api, type: outbound, via: api, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 60/h }, duration: 1m }
      - { name: pbx, type: outbound, via: trunk:pbx, from: 050-1234-5678, to: { mobile: 100% }, arrivals: { rate: 60/h }, duration: 1m }
    """

  @Test func theLoaderTakesDefaultsAndSelfServeRangesFromTheRules() throws {
    let twilio = try Self.load(Self.outbound, .twilioJapan).get()
    #expect(
      twilio.warnings.map(\.message) == [
        "API CPS 8 is above the self-serve range (1-5); it needs a request to Twilio sales"
      ])
    #expect(twilio.account.thresholds == Thresholds(inbound: 100, outbound: 100, forwarded: 50))
    #expect(twilio.account.maxCallLengthSeconds == 14_400)
    #expect(twilio.account.api.queueLimitSeconds == 86_400)

    let other = try Self.load(Self.outbound, Self.other).get()
    #expect(other.platform == Self.other)
    #expect(
      other.warnings.map(\.message) == [
        "trunk CPS 4 is above the self-serve range (1-3); it needs a request to Acme account managers"
      ])
    #expect(other.account.thresholds == Thresholds(inbound: 40, outbound: 60, forwarded: 20))
    #expect(other.account.maxCallLengthSeconds == 3600)
    #expect(other.account.api.queueLimitSeconds == 600)

    let defaulted = try Self.load(Self.outbound.replacingOccurrences(of: "cps: 4", with: "limiter: fixed-window"), Self.other).get()
    #expect(defaulted.account.trunks[0].cps == 2)
  }

  @Test func theLoaderTakesQueueLimitsFromTheRules() throws {
    let desk = """
      callcap: 1
      name: desk
      simulation: { horizon: 1h, replications: 2 }
      numbers: [050-1234-5678]
      agents: [{ name: desk, count: 3 }]
      traffic:
        - { name: calls, type: inbound, to: 050-1234-5678, arrivals: { rate: 60/h }, duration: 1m, queue: QUEUE }
      """
    let byDefault = desk.replacingOccurrences(of: "QUEUE", with: "{ agents: desk }")
    #expect(try Self.load(byDefault, .twilioJapan).get().traffic[0].queue?.maxSize == 1000)
    #expect(try Self.load(byDefault, Self.other).get().traffic[0].queue?.maxSize == 200)
    let large = desk.replacingOccurrences(of: "QUEUE", with: "{ agents: desk, max_size: 400 }")
    #expect(try Self.load(large, .twilioJapan).get().traffic[0].queue?.maxSize == 400)
    guard case .failure(let failure) = Self.load(large, Self.other) else {
      Issue.record("max_size 400 is above the other platform's 300")
      return
    }
    #expect(failure.diagnostics.map(\.message).contains("queue 'max_size' 400 is above Acme's limit of 300 callers per queue"))
  }

  @Test func thePlanAndTheEstimateFollowTheRules() throws {
    let twilio = try Self.load(Self.outbound, .twilioJapan).get()
    let other = try Self.load(Self.outbound, Self.other).get()
    let gates: [Scope] = [.api, .trunk("pbx")]
    // Tier 8: above Twilio's API range (1-5), within the other's (1-10); above the other's trunk range (1-3).
    #expect(twilio.platform.salesNeeded(for: 8, gates: gates) == ["API CPS above 5 is granted by Twilio sales only"])
    #expect(other.platform.salesNeeded(for: 8, gates: gates) == ["trunk CPS above 3 is granted by Acme account managers only"])
    // A lax risk objective, so that 2 replications recommend tier 8 and the plan names what it needs.
    let lax = try Self.load(Self.outbound + "\nobjectives: { suspension_risk: 90% }\n", Self.other).get()
    let plan = CapacityPlan.simulate(lax, tiers: [8], gate: nil, simulator: Simulator(jobs: 1))
    #expect(plan.recommended?.tier == 8)
    #expect(plan.salesReasons == ["trunk pbx 8 CPS: trunk CPS above 3 is granted by Acme account managers only"])

    // A trial account: Twilio caps API calls at 5, the other platform at 7.
    let trial = Self.outbound.replacingOccurrences(of: "api: { cps: 8 }", with: "profile: trial\n  api: { cps: 8 }")
    let capRow = { (scenario: Scenario) in
      Estimate(scenario).rows.first { $0.quantity.hasPrefix("refused at the trial cap") }?.quantity
    }
    #expect(capRow(try Self.load(trial, .twilioJapan).get()) == "refused at the trial cap of 4 (10004)")
    #expect(capRow(try Self.load(trial, Self.other).get()) == "refused at the trial cap of 6 (CAP)")
  }

  @Test func upgradeConditionsComeFromTheRules() {
    var shape = TrafficShape()
    shape.attemptedCalls = 100
    shape.answeredCalls = 30
    shape.talkSecondsTotal = 30 * 20
    shape.shortCalls = 10
    // Twilio: 20 s mean (needs above 30 s), a third of calls short (at most 10%), 30% answered (above 70%).
    #expect(
      UpgradeEligibility(shape, rules: PlatformRules.twilioJapan.trunkUpgrade).failing.map(\.name) == [
        "mean call duration", "calls of 12 s or less", "answer-seizure ratio",
      ])
    let other = UpgradeEligibility(shape, rules: Self.other.trunkUpgrade)
    #expect(other.isEligible)
    #expect(other.conditions.map(\.name) == ["mean call duration", "calls of 3 s or less", "answer-seizure ratio"])
  }
}

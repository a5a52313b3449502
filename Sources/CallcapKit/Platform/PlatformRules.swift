/// Everything callcap assumes about the telephony platform: defaults a
/// scenario may override (CPS, thresholds, queue sizes, call length),
/// limits it may not exceed, what the provider sells without a
/// conversation with sales, the error codes of each refusal and the
/// names used in messages. One value is injected into ``ScenarioLoader``
/// and travels with every ``Scenario`` (``Scenario/platform``), so the
/// estimate, the plan, the remedies, the upgrade check and the reports
/// all read the same rules; no other file holds a platform fact.
///
/// The facts of ``twilioJapan`` and their sources are listed in
/// `platform-rules.md` (SPEC); a new platform is a new value, not new code.
public struct PlatformRules: Sendable, Equatable {
  /// The provider's name as messages use it: `Twilio`.
  public let provider: String
  /// Who grants what is not self-serve, as messages use it: `Twilio sales`.
  public let sales: String
  /// Account concurrency caps by account state (refusal ``Errors/accountCap``).
  public let accountCaps: [AccountProfile: AccountCaps]
  /// CPS the provider grants without sales, by gate.
  public let selfServe: SelfServeCPS
  /// Default account-suspension thresholds (simultaneous calls).
  public let thresholds: Thresholds
  /// Conditions for a trunk CPS upgrade.
  public let trunkUpgrade: TrunkUpgradeConditions
  /// The codes of each kind of refusal, as reports print them.
  public let errors: Errors
  /// Hold queues (`<Enqueue>`).
  public let queue: QueueLimits
  /// Default CPS of the API gate and of each trunk.
  public let defaultCPS: Double
  /// The API queue holds this much work at the current CPS by default.
  public let apiQueueLimitSeconds: Double
  /// Calls are cut at this length by default.
  public let maxCallLengthSeconds: Double
  /// The longest call length the platform can be configured for.
  public let longestCallLengthSeconds: Double

  public init(
    provider: String, sales: String, accountCaps: [AccountProfile: AccountCaps], selfServe: SelfServeCPS,
    thresholds: Thresholds, trunkUpgrade: TrunkUpgradeConditions, errors: Errors, queue: QueueLimits, defaultCPS: Double,
    apiQueueLimitSeconds: Double, maxCallLengthSeconds: Double, longestCallLengthSeconds: Double
  ) {
    self.provider = provider
    self.sales = sales
    self.accountCaps = accountCaps
    self.selfServe = selfServe
    self.thresholds = thresholds
    self.trunkUpgrade = trunkUpgrade
    self.errors = errors
    self.queue = queue
    self.defaultCPS = defaultCPS
    self.apiQueueLimitSeconds = apiQueueLimitSeconds
    self.maxCallLengthSeconds = maxCallLengthSeconds
    self.longestCallLengthSeconds = longestCallLengthSeconds
  }

  /// Simultaneous calls an account state allows; nil means unlimited.
  public struct AccountCaps: Sendable, Equatable {
    /// Through Programmable Voice (API calls, inbound, forwarding).
    public let voice: Int?
    /// Through Elastic SIP Trunking.
    public let trunking: Int?

    public init(voice: Int?, trunking: Int?) {
      self.voice = voice
      self.trunking = trunking
    }
  }

  /// The CPS ranges granted in the console, without sales.
  public struct SelfServeCPS: Sendable, Equatable {
    public let api: ClosedRange<Double>
    public let trunk: ClosedRange<Double>

    public init(api: ClosedRange<Double>, trunk: ClosedRange<Double>) {
      self.api = api
      self.trunk = trunk
    }
  }

  /// What a trunk's traffic must look like for the provider to raise its CPS.
  public struct TrunkUpgradeConditions: Sendable, Equatable {
    /// Mean call duration strictly above this.
    public let meanDurationAboveSeconds: Double
    /// A call this long or shorter is a short call.
    public let shortCallSeconds: Double
    /// At most this share of short calls.
    public let shortCallShareAtMost: Double
    /// Answer-seizure ratio strictly above this.
    public let answerSeizureRatioAbove: Double

    public init(meanDurationAboveSeconds: Double, shortCallSeconds: Double, shortCallShareAtMost: Double, answerSeizureRatioAbove: Double) {
      self.meanDurationAboveSeconds = meanDurationAboveSeconds
      self.shortCallSeconds = shortCallSeconds
      self.shortCallShareAtMost = shortCallShareAtMost
      self.answerSeizureRatioAbove = answerSeizureRatioAbove
    }
  }

  /// The codes reports print for each kind of refusal.
  public struct Errors: Sendable, Equatable {
    /// A request refused because the API queue is full.
    public let apiQueueFull: String
    /// A call refused by a trunk's CPS limit (short form).
    public let trunkCPS: String
    /// The same, as the provider words it.
    public let trunkCPSText: String
    /// A call refused by the account's concurrency cap.
    public let accountCap: String

    public init(apiQueueFull: String, trunkCPS: String, trunkCPSText: String, accountCap: String) {
      self.apiQueueFull = apiQueueFull
      self.trunkCPS = trunkCPS
      self.trunkCPSText = trunkCPSText
      self.accountCap = accountCap
    }
  }

  /// Sizes of a hold queue.
  public struct QueueLimits: Sendable, Equatable {
    /// Most callers waiting when a scenario does not say.
    public let defaultMaxSize: Int
    /// The largest `max_size` the platform accepts.
    public let largestMaxSize: Int

    public init(defaultMaxSize: Int, largestMaxSize: Int) {
      self.defaultMaxSize = defaultMaxSize
      self.largestMaxSize = largestMaxSize
    }
  }

  /// The caps of `profile` (unlimited when the rules do not list it).
  public func caps(for profile: AccountProfile) -> AccountCaps {
    accountCaps[profile] ?? AccountCaps(voice: nil, trunking: nil)
  }

  /// Gates whose CPS `tier` is outside the self-serve range, as sentences.
  public func salesNeeded(for tier: Double, gates: [Scope]) -> [String] {
    var reasons: [String] = []
    if gates.contains(.api) && !selfServe.api.contains(tier) {
      reasons.append("API CPS above \(Quantity.shortest(selfServe.api.upperBound)) is granted by \(sales) only")
    }
    if gates.contains(where: \.isTrunk) && !selfServe.trunk.contains(tier) {
      reasons.append("trunk CPS above \(Quantity.shortest(selfServe.trunk.upperBound)) is granted by \(sales) only")
    }
    return reasons
  }

  /// The gates of `setting` whose CPS needs sales, as sentences: an API or
  /// trunk CPS outside its self-serve range, or a trunk pool raised above
  /// what `account` has (pooled CPS is arranged with sales only).
  public func salesNeeded(for setting: GateSetting, account: Account) -> [String] {
    var reasons: [String] = []
    for (gate, entry) in zip(setting.gates, setting.entries) {
      let cps = Quantity.shortest(entry.cps)
      switch gate {
      case .api where !selfServe.api.contains(entry.cps):
        reasons.append("API \(cps) CPS: above \(Quantity.shortest(selfServe.api.upperBound)) is granted by \(sales) only")
      case .trunk(let name) where !selfServe.trunk.contains(entry.cps):
        reasons.append(
          "trunk \(name) \(cps) CPS: trunk CPS above \(Quantity.shortest(selfServe.trunk.upperBound)) is granted by \(sales) only")
      case .trunkPool where entry.cps > (account.trunkPool?.cps ?? 0):
        reasons.append("trunk pool \(cps) CPS: pooled trunk CPS is arranged with \(sales)")
      default: break
      }
    }
    return reasons
  }
}

extension PlatformRules {
  /// Twilio in Japan, as `platform-rules.md` records it (sources in brackets
  /// are that file's):
  ///
  /// - account caps, refused with error 10004: trial 5 voice / 4 trunking,
  ///   no approved profile 2 / 2, individual profile 3 / 3, business
  ///   unlimited [SA][E10004];
  /// - self-serve CPS: API 1-5 (the support article [CPSU]; the current API
  ///   docs [CR] allow up to 30 with an approved Business Profile, which
  ///   callcap does not assume), trunks 1-15 [TT][SL]; above that, sales;
  /// - suspension thresholds of the Japanese guide (seed document): 100
  ///   inbound, 100 outbound, 50 forwarded;
  /// - trunk CPS upgrade: mean duration above 30 s, at most 10% of calls of
  ///   12 s or less, answer-seizure ratio above 70% (an older page says 60%);
  /// - errors: API queue full 22005 [E22005], trunk CPS `503 Trunk CPS limit
  ///   exceeded` [HV][SA], account cap 10004 [E10004];
  /// - hold queues: `max_size` 1000 by default, at most 5000 [Q];
  /// - CPS 1 per account and per trunk [G][TT]; the API queue holds 24 hours
  ///   of work [E22005][SA]; calls are cut at 4 h by default, 24 h at most
  ///   [DIAL][CCL].
  public static let twilioJapan = PlatformRules(
    provider: "Twilio", sales: "Twilio sales",
    accountCaps: [
      .trial: AccountCaps(voice: 5, trunking: 4),
      .noProfile: AccountCaps(voice: 2, trunking: 2),
      .individual: AccountCaps(voice: 3, trunking: 3),
      .business: AccountCaps(voice: nil, trunking: nil),
    ],
    selfServe: SelfServeCPS(api: 1...5, trunk: 1...15),
    thresholds: Thresholds(inbound: 100, outbound: 100, forwarded: 50),
    trunkUpgrade: TrunkUpgradeConditions(
      meanDurationAboveSeconds: 30, shortCallSeconds: 12, shortCallShareAtMost: 0.10, answerSeizureRatioAbove: 0.70),
    errors: Errors(apiQueueFull: "22005", trunkCPS: "503", trunkCPSText: "503 Trunk CPS limit exceeded", accountCap: "10004"),
    queue: QueueLimits(defaultMaxSize: 1000, largestMaxSize: 5000),
    defaultCPS: 1, apiQueueLimitSeconds: 86_400, maxCallLengthSeconds: 14_400, longestCallLengthSeconds: 86_400)
}

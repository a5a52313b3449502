/// The platform raises a trunk's CPS only for traffic that looks like
/// conversations (``PlatformRules/trunkUpgrade``; for Twilio: mean duration
/// above 30 s, at most 10% of calls lasting 12 s or less, and an
/// answer-seizure ratio above 70%). Checked per trunk, on the calls that
/// trunk carried (see ``TrunkEligibility``): another trunk's or the API's
/// calls never count.
public struct UpgradeEligibility: Sendable, Equatable {
  public struct Condition: Sendable, Equatable {
    public var name: String
    public var requirement: String
    public var measured: String
    /// The measured figure itself: seconds for the mean duration, a share (0 to 1) for the others.
    public var value: Double
    public var met: Bool
  }

  public var conditions: [Condition]
  /// Whether any call was placed at all.
  public var applies: Bool

  public var isEligible: Bool { applies && conditions.allSatisfy(\.met) }
  public var failing: [Condition] { conditions.filter { !$0.met } }

  /// Judges `shape`, whose short calls were counted at
  /// `rules.shortCallSeconds`, against `rules`.
  public init(_ shape: TrafficShape, rules: PlatformRules.TrunkUpgradeConditions) {
    applies = shape.attemptedCalls > 0
    conditions = [
      Condition(
        name: "mean call duration", requirement: "above \(Format.decimal(rules.meanDurationAboveSeconds)) s",
        measured: Readable.duration(shape.meanDuration), value: shape.meanDuration, met: shape.meanDuration > rules.meanDurationAboveSeconds
      ),
      Condition(
        name: "calls of \(Format.decimal(rules.shortCallSeconds)) s or less",
        requirement: "at most \(Format.percent(rules.shortCallShareAtMost))",
        measured: Format.percent(shape.shortCallShare), value: shape.shortCallShare, met: shape.shortCallShare <= rules.shortCallShareAtMost
      ),
      Condition(
        name: "answer-seizure ratio", requirement: "above \(Format.percent(rules.answerSeizureRatioAbove))",
        measured: Format.percent(shape.answerSeizureRatio), value: shape.answerSeizureRatio,
        met: shape.answerSeizureRatio > rules.answerSeizureRatioAbove),
    ]
  }
}

/// The upgrade conditions of one trunk.
public struct TrunkEligibility: Sendable, Equatable {
  public var trunk: String
  public var conditions: UpgradeEligibility
}

extension TrafficShape {
  /// The shapes of several replications pooled.
  static func + (lhs: TrafficShape, rhs: TrafficShape) -> TrafficShape {
    var sum = lhs
    sum.answeredCalls += rhs.answeredCalls
    sum.attemptedCalls += rhs.attemptedCalls
    sum.talkSecondsTotal += rhs.talkSecondsTotal
    sum.shortCalls += rhs.shortCalls
    return sum
  }
}

/// Twilio raises a trunk's CPS only for traffic that looks like
/// conversations: mean duration above 30 s, at most 10% of calls lasting
/// 12 s or less, and an answer-seizure ratio above 70% (an older page says
/// 60%). Checked per trunk, on the calls that trunk carried (see
/// ``TrunkEligibility``): another trunk's or the API's calls never count.
public struct UpgradeEligibility: Sendable, Equatable {
  public struct Condition: Sendable, Equatable {
    public var name: String
    public var requirement: String
    public var measured: String
    public var met: Bool
  }

  public var conditions: [Condition]
  /// Whether any call was placed at all.
  public var applies: Bool

  public var isEligible: Bool { applies && conditions.allSatisfy(\.met) }
  public var failing: [Condition] { conditions.filter { !$0.met } }

  public init(_ shape: TrafficShape) {
    applies = shape.attemptedCalls > 0
    conditions = [
      Condition(
        name: "mean call duration", requirement: "above 30 s", measured: Quantity.humanDuration(shape.meanDuration),
        met: shape.meanDuration > 30),
      Condition(
        name: "calls of 12 s or less", requirement: "at most 10%", measured: Format.percent(shape.shortCallShare),
        met: shape.shortCallShare <= 0.10),
      Condition(
        name: "answer-seizure ratio", requirement: "above 70%", measured: Format.percent(shape.answerSeizureRatio),
        met: shape.answerSeizureRatio > 0.70),
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

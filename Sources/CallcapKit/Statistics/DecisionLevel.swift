import Foundation

/// The confidence a verdict is decided at: 95% in all, spread over the
/// number of times the results are looked at.
///
/// `plan` looks at a setting's results after each batch of replications
/// and stops at the first look that decides. Each look is one more chance
/// for a wrong verdict, so the 5% error is split over the looks of a
/// schedule fixed in advance (Bonferroni): with K looks each is judged at
/// 5%/K, one-sided, in either direction (a wrong "meets" and a wrong
/// "fails" each stay within 5% over the whole plan). `run`, `compare`,
/// `check` and a plan with one look are ``single``: plain 95%.
public struct DecisionLevel: Sendable, Equatable, Hashable {
  /// The looks the 5% is spread over (at least 1).
  public let looks: Int

  public init(looks: Int) { self.looks = Swift.max(1, looks) }

  /// One look at 95%.
  public static let single = DecisionLevel(looks: 1)

  /// The chance of a wrong verdict allowed at one look, in one direction:
  /// the one-sided tail of a Clopper-Pearson bound, and twice the tail of
  /// a two-sided t interval (so one look is the plain two-sided 95% t
  /// interval and one-sided 95% binomial bound).
  public var errorPerLook: Double { 0.05 / Double(looks) }

  /// The confidence of one look: `95%`, `99.4%`.
  public var perLook: String { Format.percent(1 - errorPerLook) }

  /// How reports name the level: `95%`, or `95% confidence over 9 looks
  /// (each at 99.4%)`.
  public var confidenceText: String {
    looks == 1 ? "95% confidence" : "95% confidence over the plan's \(looks) looks (each at \(perLook))"
  }

  /// The fewest replications that may decide when every one measured the
  /// same value. A t interval of zero width says nothing about a
  /// replication not yet run; the distribution-free argument does: if n
  /// replications all lie on one side of the limit, the share of
  /// replications on the other side is at most 5% with confidence 1 -
  /// 0.95^n (the Clopper-Pearson bound of 0 of n), so n must make 0.95^n at
  /// most the error of one look: 59 at 95%, 102 at 5%/9.
  public var identicalReplicationsNeeded: Int {
    Int((log(errorPerLook) / log(0.95)).rounded(.up))
  }
}

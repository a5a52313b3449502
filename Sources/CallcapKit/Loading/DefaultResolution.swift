import Foundation

extension SimulationSettings {
  /// The bucket widths a default resolution is chosen from, in seconds:
  /// 1 m, 5 m, 15 m, 1 h, 1 d.
  ///
  /// Never finer than the contract's 1 m: a finer default for a short
  /// horizon multiplies the buckets `plan` may record (its drain of up to
  /// `max_call_length` and up to `max_replications` per tier), and the
  /// workload guard would refuse scenarios that load today.
  public static let readableResolutions: [Double] = [60, 300, 900, 3600, 86_400]

  /// The resolution used when a scenario sets none: the readable width
  /// whose bucket count over the measured span (warm-up to horizon) is
  /// nearest, as a ratio, to about 1,400, the middle of 1,000 to 2,000
  /// buckets (the finer one on a tie). Up to two days give 1 m (a day:
  /// 1,440 buckets), a week 5 m (2,016), 30 days 1 h (720), 12.5 million
  /// seconds 1 h (3,473). Enough points for a chart, few enough that the
  /// time series costs nothing next to the calls: never more than about
  /// 7,000 buckets (where 1 h gives way to 1 d).
  public static func defaultResolution(span: Double) -> Double {
    let target = (1_000.0 * 2_000.0).squareRoot()
    func distance(_ width: Double) -> Double { abs(log(max(span, width) / width / target)) }
    // `min(by:)` keeps the first of equal candidates: the finer width.
    return readableResolutions.min { distance($0) < distance($1) } ?? 60
  }
}
